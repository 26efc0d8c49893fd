//! Texts of the terminal trainer.

use super::Lang;
use crate::pack::NoteKind;
use crate::store::Shown;

/// Fixed texts of the trainer in one language.
/// Field names say where each text appears.
#[allow(missing_docs)]
#[derive(Debug)]
pub struct UiText {
    pub lang: Lang,
    pub app_name: &'static str,
    pub home_title: &'static str,
    pub home_packs: &'static str,
    pub home_surprise: &'static str,
    pub home_surprise_hint: &'static str,
    pub home_history: &'static str,
    pub home_month: &'static str,
    pub home_month_done: &'static str,
    pub home_month_none: &'static str,
    pub home_development: &'static str,
    pub home_help: &'static str,
    pub home_no_packs: &'static str,
    pub home_all_answered: &'static str,
    pub month_all_answered: &'static str,
    pub pack_all_themes: &'static str,
    pub pack_theme: &'static str,
    pub pack_empty_filter: &'static str,
    pub dilemma_werkwijzen: &'static str,
    pub dilemma_answered_before: &'static str,
    pub reasoning_title: &'static str,
    pub reasoning_prompt: &'static str,
    pub reasoning_placeholder: &'static str,
    pub reasoning_confidence: &'static str,
    pub reasoning_confidence_none: &'static str,
    pub reasoning_confidence_low: &'static str,
    pub reasoning_confidence_high: &'static str,
    pub reasoning_share: &'static str,
    pub reasoning_saving: &'static str,
    pub reasoning_your_choice: &'static str,
    pub spiegel_title: &'static str,
    pub spiegel_your_choice: &'static str,
    pub spiegel_first_choice: &'static str,
    pub spiegel_revised_to: &'static str,
    pub spiegel_colleagues: &'static str,
    pub spiegel_you: &'static str,
    pub spiegel_your_first: &'static str,
    pub spiegel_chart_first: &'static str,
    pub spiegel_chart_after: &'static str,
    pub spiegel_pool_loading: &'static str,
    pub spiegel_onderbouwing: &'static str,
    pub spiegel_sources: &'static str,
    pub spiegel_questions: &'static str,
    pub spiegel_shared_reasoning: &'static str,
    pub spiegel_revise_prompt: &'static str,
    pub spiegel_revise_hint: &'static str,
    pub spiegel_revise_done: &'static str,
    pub spiegel_revise_choose: &'static str,
    pub spiegel_your_reasoning: &'static str,
    pub spiegel_no_reasoning: &'static str,
    pub history_title: &'static str,
    pub history_empty: &'static str,
    pub answer_title: &'static str,
    pub answer_confidence: &'static str,
    pub answer_shared: &'static str,
    pub answer_not_shared: &'static str,
    pub answer_unknown_dilemma: &'static str,
    pub help_title: &'static str,
    pub help_mouse: &'static str,
    pub help_close: &'static str,
    pub confirm_quit: &'static str,
    pub confirm_discard: &'static str,
    pub confirm_empty: &'static str,
    pub confirm_quit_report: &'static str,
    pub confirm_keys: &'static str,
    pub yes_keys: &'static [char],
    pub no_keys: &'static [char],
    pub too_small: &'static str,
    pub read_only_mark: &'static str,
    pub saving_mark: &'static str,
    pub read_only_reasoning: &'static str,
    // Footer key labels.
    pub home_intro: &'static str,
}

/// Dutch.
pub static NL: UiText = UiText {
    lang: Lang::Nl,
    app_name: "wikken",
    home_title: "Dilemmatrainer",
    home_packs: "Packs",
    home_surprise: "Verras me",
    home_surprise_hint: "een willekeurig dilemma dat je nog niet beantwoordde",
    home_history: "Mijn antwoorden",
    home_month: "Dilemma van de maand",
    home_month_done: "beantwoord",
    home_month_none: "je hebt alle dilemma's al beantwoord",
    home_development: "Mijn ontwikkeling",
    home_help: "Hulp en toetsen",
    home_no_packs: "Er zijn geen packs geladen. Controleer je packs met: wikken check",
    home_all_answered: "Je hebt alle dilemma's beantwoord; verras me kiest er nu een uit alle.",
    month_all_answered: "Je had alle dilemma's al beantwoord voor deze maand begon; er is geen nieuw dilemma van de maand.",
    pack_all_themes: "alle thema's",
    pack_theme: "Thema",
    pack_empty_filter: "Geen dilemma's met dit thema.",
    dilemma_werkwijzen: "Werkwijzen",
    dilemma_answered_before: "Je beantwoordde dit dilemma al",
    reasoning_title: "Jouw overweging",
    reasoning_prompt: "Waarom kies je hiervoor?",
    reasoning_placeholder: "Schrijf hier waarom je voor deze werkwijze kiest…",
    reasoning_confidence: "Zekerheid",
    reasoning_confidence_none: "niet ingevuld",
    reasoning_confidence_low: "twijfel",
    reasoning_confidence_high: "heel zeker",
    reasoning_share: "Deel mijn overweging anoniem",
    reasoning_saving: "Opslaan…",
    reasoning_your_choice: "Je kiest",
    spiegel_title: "Spiegel",
    spiegel_your_choice: "Jouw keuze",
    spiegel_first_choice: "Eerste keuze",
    spiegel_revised_to: "herzien naar",
    spiegel_colleagues: "Hoe collega's kozen",
    spiegel_you: "jij",
    spiegel_your_first: "jouw eerste keuze",
    spiegel_chart_first: "eerste keuze",
    spiegel_chart_after: "na herziening",
    spiegel_pool_loading: "Antwoorden van collega's worden geladen…",
    spiegel_onderbouwing: "Onderbouwing per werkwijze",
    spiegel_sources: "Bronnen",
    spiegel_questions: "Vragen voor intervisie",
    spiegel_shared_reasoning: "Wat collega's overwogen",
    spiegel_revise_prompt: "Zou je nu anders kiezen?",
    spiegel_revise_hint: "Druk op w om je keuze één keer te herzien; je eerste keuze blijft bewaard.",
    spiegel_revise_done: "Je hebt je keuze herzien; beide keuzes zijn bewaard.",
    spiegel_revise_choose: "Kies je nieuwe werkwijze",
    spiegel_your_reasoning: "Jouw overweging",
    spiegel_no_reasoning: "(geen overweging geschreven)",
    history_title: "Mijn antwoorden",
    history_empty: "Je hebt nog geen dilemma's beantwoord.",
    answer_title: "Antwoord",
    answer_confidence: "Zekerheid",
    answer_shared: "anoniem gedeeld",
    answer_not_shared: "niet gedeeld",
    answer_unknown_dilemma: "(dit dilemma staat niet meer in de geladen packs)",
    help_title: "Hulp",
    help_mouse: "Muis: klik op een regel of werkwijze om hem te kiezen, klik nog eens om hem te openen; het wiel scrollt. Tekst selecteren en kopiëren: houd Shift ingedrukt en sleep.",
    help_close: "Esc, ? of q sluit de hulp; ↑↓ en PgUp/PgDn scrollen.",
    confirm_quit: "Je overweging is nog niet opgeslagen. Toch stoppen?",
    confirm_discard: "Je overweging is nog niet opgeslagen. Weggooien en teruggaan?",
    confirm_empty: "Je hebt geen overweging geschreven. Toch doorgaan?",
    confirm_quit_report: "Het verslag is niet bewaard; de aantekeningen staan alleen op dit scherm. Toch stoppen?",
    confirm_keys: "j = ja · n = nee",
    yes_keys: &['j', 'y'],
    no_keys: &['n'],
    too_small: "Het venster is te klein.",
    read_only_mark: "alleen-lezen",
    saving_mark: "wordt bewaard…",
    read_only_reasoning: "Alleen-lezen: je overweging kan niet worden bewaard (zie het startscherm). Wil je hem houden, selecteer hem dan met Shift en slepen en kopieer hem.",
    home_intro: "Kies een werkwijze, schrijf op waarom, en kijk dan in de spiegel: hoe collega's kozen, wat onderzoek, praktijk, cliënten en de wet zeggen, en welke vragen een gesprek openen.",
};

/// English.
pub static EN: UiText = UiText {
    lang: Lang::En,
    app_name: "wikken",
    home_title: "Dilemma trainer",
    home_packs: "Packs",
    home_surprise: "Surprise me",
    home_surprise_hint: "a random dilemma you have not answered yet",
    home_history: "My answers",
    home_month: "Dilemma of the month",
    home_month_done: "answered",
    home_month_none: "you have answered every dilemma",
    home_development: "My development",
    home_help: "Help and keys",
    home_no_packs: "No packs are loaded. Check your packs with: wikken check",
    home_all_answered: "You have answered every dilemma; surprise me now picks from all of them.",
    month_all_answered: "You had answered every dilemma before this month began; there is no new dilemma of the month.",
    pack_all_themes: "all themes",
    pack_theme: "Theme",
    pack_empty_filter: "No dilemmas with this theme.",
    dilemma_werkwijzen: "Options",
    dilemma_answered_before: "You answered this dilemma before",
    reasoning_title: "Your reasoning",
    reasoning_prompt: "Why do you choose this?",
    reasoning_placeholder: "Write why you choose this option…",
    reasoning_confidence: "Confidence",
    reasoning_confidence_none: "not given",
    reasoning_confidence_low: "doubtful",
    reasoning_confidence_high: "very sure",
    reasoning_share: "Share my reasoning anonymously",
    reasoning_saving: "Saving…",
    reasoning_your_choice: "You choose",
    spiegel_title: "Mirror",
    spiegel_your_choice: "Your choice",
    spiegel_first_choice: "First choice",
    spiegel_revised_to: "revised to",
    spiegel_colleagues: "How colleagues chose",
    spiegel_you: "you",
    spiegel_your_first: "your first choice",
    spiegel_chart_first: "first choice",
    spiegel_chart_after: "after revising",
    spiegel_pool_loading: "Loading colleagues' answers…",
    spiegel_onderbouwing: "Grounds for each option",
    spiegel_sources: "Sources",
    spiegel_questions: "Questions for intervisie",
    spiegel_shared_reasoning: "What colleagues considered",
    spiegel_revise_prompt: "Would you choose differently now?",
    spiegel_revise_hint: "Press w to revise your choice once; your first choice is kept.",
    spiegel_revise_done: "You revised your choice; both choices are kept.",
    spiegel_revise_choose: "Choose your new option",
    spiegel_your_reasoning: "Your reasoning",
    spiegel_no_reasoning: "(no reasoning written)",
    history_title: "My answers",
    history_empty: "You have not answered any dilemmas yet.",
    answer_title: "Answer",
    answer_confidence: "Confidence",
    answer_shared: "shared anonymously",
    answer_not_shared: "not shared",
    answer_unknown_dilemma: "(this dilemma is no longer in the loaded packs)",
    help_title: "Help",
    help_mouse: "Mouse: click a row or option to select it, click again to open it; the wheel scrolls. To select and copy text, hold Shift and drag.",
    help_close: "Esc, ? or q closes the help; ↑↓ and PgUp/PgDn scroll.",
    confirm_quit: "Your reasoning is not saved yet. Quit anyway?",
    confirm_discard: "Your reasoning is not saved yet. Discard it and go back?",
    confirm_empty: "You have not written any reasoning. Continue anyway?",
    confirm_quit_report: "The report was not saved; the notes are only on this screen. Quit anyway?",
    confirm_keys: "y = yes · n = no",
    yes_keys: &['y', 'j'],
    no_keys: &['n'],
    too_small: "The window is too small.",
    read_only_mark: "read-only",
    saving_mark: "saving…",
    read_only_reasoning: "Read-only: your reasoning cannot be saved (see the home screen). To keep it, select it with Shift and drag, and copy it.",
    home_intro: "Choose an option, write down why, then look in the mirror: how colleagues chose, what research, practice, clients and the law say, and which questions open a conversation.",
};

/// A stored RFC 3339 time or date as a date for `lang`: 23-11-2026 or 2026-11-23.
pub(crate) fn date_in(lang: Lang, stamp: &str) -> String {
    let date = stamp.get(..10).unwrap_or(stamp);
    match (lang, date.split('-').collect::<Vec<_>>().as_slice()) {
        (Lang::Nl, [y, m, d]) => format!("{d}-{m}-{y}"),
        _ => date.to_string(),
    }
}

impl Lang {
    /// The trainer's texts in this language.
    pub fn ui(self) -> &'static UiText {
        self.pick(&NL, &EN)
    }
}

impl UiText {
    /// "7/12 beantwoord".
    pub fn progress(&self, done: usize, total: usize) -> String {
        if self.lang == Lang::Nl {
            format!("{done}/{total} beantwoord")
        } else {
            format!("{done}/{total} answered")
        }
    }

    /// The line above the spiegel's chart (or instead of it): who answered, and why nothing
    /// is shown when it is hidden — "3 van de minimaal 5 antwoorden".
    pub fn spiegel_caption(&self, shown: &Shown, k: u32) -> String {
        let lang = self.lang;
        let c = shown.counts();
        let groups = super::groups_phrase(lang, c.sessions, c.other);
        match shown {
            Shown::All { dist, .. } => {
                let (n, revised) = (dist.participants, dist.revised);
                let of = groups.map(|g| lang.pick(format!(", waarvan {g}"), format!(", {g}")));
                let of = of.unwrap_or_default();
                lang.pick(
                    format!(
                        "{n} deelnemers{of}; {revised} {} hun keuze na de spiegel",
                        if revised == 1 { "herzag" } else { "herzagen" }
                    ),
                    format!(
                        "{n} participants{of}; {revised} revised their choice after the mirror"
                    ),
                )
            }
            Shown::Groups { dist, own, .. } => {
                let (n, g) = (dist.participants, groups.unwrap_or_default());
                lang.pick(
                    format!(
                        "Alleen intervisiesessies en andere teams ({n} deelnemers: {g}). Losse \
                         antwoorden uit jullie team: {own} van de minimaal {k}; die verdeling \
                         blijft verborgen."
                    ),
                    format!(
                        "Intervisie sessions and other teams only ({n} participants: {g}). \
                         Answers given alone in your team: {own} of the minimum {k}; that \
                         distribution stays hidden."
                    ),
                )
            }
            Shown::Below { own, .. } => {
                let mut text = lang.pick(
                    format!(
                        "{own} van de minimaal {k} antwoorden. De verdeling verschijnt zodra {k} \
                         collega's dit dilemma beantwoordden, zodat niemands keuze herkenbaar is."
                    ),
                    format!(
                        "{own} of the minimum {k} answers. The distribution appears once {k} \
                         colleagues have answered this dilemma, so nobody's choice can be \
                         recognised."
                    ),
                );
                if let Some(g) = groups {
                    text.push(' ');
                    text.push_str(&lang.pick(
                        format!(
                            "Daarnaast {g}; die tellen apart, zodat ze de drempel voor losse \
                             antwoorden nooit helpen halen."
                        ),
                        format!(
                            "Besides, {g}; they are counted apart, so they never help answers \
                             given alone over the threshold."
                        ),
                    ));
                }
                text
            }
        }
    }

    /// The heading over notes of one kind (contract 1): never "onderzoek" for practice.
    /// `as_of` is the oldest date among the group's Wet notes.
    pub fn kind_heading(&self, kind: Option<NoteKind>, as_of: Option<&str>) -> String {
        super::kind_heading(self.lang, kind, as_of)
    }

    /// The data folder cannot be written: the trainer runs read-only. Names the folder,
    /// why, and what to do.
    pub fn read_only(&self, dir: &std::path::Path, why: &std::io::Error) -> String {
        use std::io::ErrorKind as K;
        let dir = crate::clean::path(dir);
        let why = match (self.lang, why.kind()) {
            (Lang::Nl, K::PermissionDenied) => "geen schrijfrechten".to_string(),
            (Lang::Nl, K::ReadOnlyFilesystem) => "alleen-lezen schijf".to_string(),
            (Lang::Nl, K::NotADirectory) => "een bestand staat in de weg".to_string(),
            (Lang::Nl, K::StorageFull) => "de schijf is vol".to_string(),
            (Lang::En, K::PermissionDenied) => "no write permission".to_string(),
            (Lang::En, K::ReadOnlyFilesystem) => "read-only disk".to_string(),
            (Lang::En, K::NotADirectory) => "a file is in the way".to_string(),
            (Lang::En, K::StorageFull) => "the disk is full".to_string(),
            _ => crate::clean::line(&why.to_string()).into_owned(),
        };
        self.lang.pick(
            format!(
                "Alleen-lezen: in de map {dir} kan niets worden bewaard ({why}). Je kunt \
                 dilemma's lezen, maar antwoorden en verslagen worden niet opgeslagen. Kies een \
                 andere map met --data of WIKKEN_DATA, of zorg dat je in deze map mag schrijven."
            ),
            format!(
                "Read-only: nothing can be saved in the folder {dir} ({why}). You can read \
                 dilemmas, but answers and reports are not saved. Choose another folder with \
                 --data or WIKKEN_DATA, or make sure you may write to this one."
            ),
        )
    }

    /// "9 van 24": where the selection is in a list.
    pub fn position(&self, n: usize, total: usize) -> String {
        self.lang.pick(format!("{n} van {total}"), format!("{n} of {total}"))
    }

    /// The minimum window size message.
    pub fn needs_size(&self, w: u16, h: u16, min_w: u16, min_h: u16) -> String {
        if self.lang == Lang::Nl {
            format!(
                "Nu {w}×{h}; wikken heeft minstens {min_w}×{min_h} tekens nodig. Maak het venster groter."
            )
        } else {
            format!(
                "Now {w}×{h}; wikken needs at least {min_w}×{min_h} characters. Enlarge the window."
            )
        }
    }

    /// A save failure, shown on the reasoning screen; the text stays in the editor.
    pub fn save_failed(&self, reason: &str) -> String {
        if self.lang == Lang::Nl {
            format!("Opslaan mislukt: {reason}. Je tekst staat er nog; probeer opnieuw met Ctrl+S.")
        } else {
            format!("Saving failed: {reason}. Your text is still here; try again with Ctrl+S.")
        }
    }

    /// The pool could not be written (unreachable, or it refused); the answer is safe in the
    /// journal.
    pub fn pool_failed(&self, reason: &str) -> String {
        if self.lang == Lang::Nl {
            format!("Je antwoord is bewaard in je dagboek, maar niet in de gedeelde pool: {reason}")
        } else {
            format!("Your answer is saved in your journal, but not in the shared pool: {reason}")
        }
    }

    /// A revision was saved: what the person holds now.
    pub fn revision_saved(&self, number: usize, title: &str) -> String {
        let title = crate::clean::line(title);
        self.lang.pick(
            format!("Herzien: je kiest nu {number}. {title}. Je eerste keuze blijft ook bewaard."),
            format!("Revised: you now choose {number}. {title}. Your first choice is kept too."),
        )
    }

    /// Quitting waits for saves still under way (a slow pool share, say).
    pub fn quit_waiting(&self, n: usize) -> String {
        match (self.lang, n) {
            (Lang::Nl, 1) => "wikken: nog 1 opdracht aan het bewaren…".to_string(),
            (Lang::Nl, n) => format!("wikken: nog {n} opdrachten aan het bewaren…"),
            (Lang::En, 1) => "wikken: still saving 1 item…".to_string(),
            (Lang::En, n) => format!("wikken: still saving {n} items…"),
        }
    }

    /// Quitting stopped waiting for saves that did not finish: what that means.
    pub fn quit_unfinished(&self, n: usize) -> String {
        self.lang.pick(
            format!(
                "wikken: {n} opdracht(en) niet afgerond binnen de wachttijd (de pool reageerde \
                 niet). Je antwoorden staan in je dagboek en gaan bij de volgende start naar de \
                 pool; een verslag staat in de versie van de laatste stap."
            ),
            format!(
                "wikken: {n} item(s) not finished in time (the pool did not answer). Your \
                 answers are in your journal and reach the pool at the next start; a report is \
                 as of its last step."
            ),
        )
    }

    /// Warnings from reading damaged data files.
    pub fn read_warnings(&self, count: usize) -> String {
        if self.lang == Lang::Nl {
            format!("{count} beschadigde regel(s) in de opgeslagen antwoorden overgeslagen.")
        } else {
            format!("Skipped {count} damaged line(s) in the saved answers.")
        }
    }

    /// Pack files that were not loaded (errors, or a symlink or special file), on the home
    /// screen: each by file name, then the exact command that says why (`command`, already
    /// quoted for a shell). The names must already be cleaned for a terminal
    /// (`PackFile::name` does).
    pub fn packs_skipped(&self, names: &[String], command: &str) -> String {
        let list = names.join(", ");
        match (self.lang, names.len()) {
            (Lang::Nl, 1) => format!("Pack {list} niet geladen. Waarom: {command}"),
            (Lang::Nl, n) => format!("{n} packs niet geladen: {list}. Waarom: {command}"),
            (Lang::En, 1) => format!("Pack {list} not loaded. Why: {command}"),
            (Lang::En, n) => format!("{n} packs not loaded: {list}. Why: {command}"),
        }
    }

    /// Packs that loaded from a file named `*.ron.txt` (Notepad adds `.txt`): to be renamed.
    /// The names must already be cleaned.
    pub fn packs_misnamed(&self, names: &[String]) -> String {
        let list = names.join(", ");
        match (self.lang, names.len()) {
            (Lang::Nl, 1) => format!(
                "Pack {list} is geladen, maar hernoem het bestand naar .ron (Kladblok zette er .txt achter)."
            ),
            (Lang::Nl, _) => {
                format!("Geladen, maar hernoem naar .ron (Kladblok zette er .txt achter): {list}.")
            }
            (Lang::En, 1) => {
                format!("Pack {list} is loaded, but rename the file to .ron (Notepad added .txt).")
            }
            (Lang::En, _) => format!("Loaded, but rename to .ron (Notepad added .txt): {list}."),
        }
    }

    /// Pack folders that were named (settings file, `--packs`) but cannot be read; the
    /// paths must already be cleaned.
    pub fn pack_dirs_missing(&self, dirs: &[String]) -> String {
        let list = dirs.join(", ");
        match self.lang {
            Lang::Nl => format!("Packmap niet gevonden: {list}."),
            Lang::En => format!("Pack folder not found: {list}."),
        }
    }

    /// A stored RFC 3339 time or date as a date for this language: 23-11-2026 or 2026-11-23.
    pub fn date(&self, stamp: &str) -> String {
        date_in(self.lang, stamp)
    }

    /// "beantwoord op 23-11-2026".
    pub fn answered_on(&self, date: &str) -> String {
        if self.lang == Lang::Nl { format!("op {date}") } else { format!("on {date}") }
    }
}
