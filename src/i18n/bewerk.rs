//! Texts of the form editor (`wikken bewerk`).

use super::Lang;

/// The form editor's texts in one language.
#[derive(Debug, Clone, Copy)]
pub struct BewerkText(pub Lang);

impl BewerkText {
    fn pick(self, nl: &'static str, en: &'static str) -> &'static str {
        self.0.pick(nl, en)
    }

    /// Title bar: where you are.
    pub fn crumb(self) -> &'static str {
        self.pick("Bewerken", "Editing")
    }

    /// Title bar mark while there are changes not yet saved.
    pub fn unsaved(self) -> &'static str {
        self.pick("niet opgeslagen", "not saved")
    }

    /// Title bar mark while a save is under way.
    pub fn saving(self) -> &'static str {
        self.pick("opslaan…", "saving…")
    }

    /// A record's name in the outline (by its schema name).
    pub fn record(self, name: &str) -> &'static str {
        match name {
            "Pack" => "Pack",
            "Source" => self.pick("Bron", "Source"),
            "Dilemma" => "Dilemma",
            "Option" => self.pick("Werkwijze", "Option"),
            _ => self.pick("Notitie", "Note"),
        }
    }

    /// An empty value in the outline.
    pub fn empty(self) -> &'static str {
        self.pick("(leeg)", "(empty)")
    }

    /// A note without a kind.
    pub fn no_kind(self) -> &'static str {
        self.pick("soort?", "kind?")
    }

    /// The "none" entry of a list to choose from.
    pub fn none(self) -> &'static str {
        self.pick("(geen)", "(none)")
    }

    /// The title of the list a field is chosen from.
    pub fn picker_title(self, field: &str) -> &'static str {
        match field {
            "kind" => self.pick("Soort kennis", "Kind of knowledge"),
            "as_of" => self.pick("Gecontroleerd in (maand)", "Checked in (month)"),
            _ => self.pick("Bronnen (spatie: aan/uit)", "Sources (space: tick)"),
        }
    }

    /// Under the list of sources when the pack has none.
    pub fn no_sources(self) -> &'static str {
        self.pick(
            "Deze pack heeft nog geen bronnen: voeg ze toe onder sources.",
            "This pack has no sources yet: add them under sources.",
        )
    }

    /// The editor's frame: how to finish.
    pub fn editor_hint(self, one_line: bool, list: bool) -> &'static str {
        match (one_line, list) {
            (true, _) => self.pick("Enter of Esc: klaar", "Enter or Esc: done"),
            (false, true) => self.pick("één per regel · Esc: klaar", "one per line · Esc: done"),
            (false, false) => self.pick(
                "lege regel: nieuwe alinea · Esc: klaar",
                "blank line: new paragraph · Esc: done",
            ),
        }
    }

    /// The problems strip when the pack is fine.
    pub fn no_problems(self) -> &'static str {
        self.pick(
            "Geen problemen: wikken check --strict keurt deze pack goed.",
            "No problems: wikken check --strict accepts this pack.",
        )
    }

    /// The problems strip's count.
    pub fn problem_count(self, errors: usize, warnings: usize) -> String {
        match self.0 {
            Lang::Nl => format!(
                "{errors} {}, {warnings} {} (zoals wikken check --strict ze meldt)",
                if errors == 1 { "fout" } else { "fouten" },
                if warnings == 1 { "waarschuwing" } else { "waarschuwingen" }
            ),
            Lang::En => format!(
                "{errors} error{}, {warnings} warning{} (as wikken check --strict reports them)",
                if errors == 1 { "" } else { "s" },
                if warnings == 1 { "" } else { "s" }
            ),
        }
    }

    /// The preview pane when the pack has no dilemma yet.
    pub fn no_dilemma(self) -> &'static str {
        self.pick(
            "Nog geen dilemma om te tonen: ga naar dilemmas en druk op +.",
            "No dilemma to show yet: go to dilemmas and press +.",
        )
    }

    /// The remove question.
    pub fn remove_question(self, what: &str) -> String {
        match self.0 {
            Lang::Nl => format!("{what} verwijderen, met alles wat erin staat (ook opmerkingen)?"),
            Lang::En => format!("Remove {what}, with everything in it (comments too)?"),
        }
    }

    /// The quit question.
    pub fn quit_question(self) -> &'static str {
        self.pick(
            "Er zijn wijzigingen die niet zijn opgeslagen. Toch stoppen?",
            "There are changes that are not saved. Quit anyway?",
        )
    }

    /// The question before the first save when comments stood inside a value.
    pub fn save_where_question(self, moved: usize, copy: &str) -> String {
        match self.0 {
            Lang::Nl => format!(
                "{moved} opmerking(en) staan midden in een waarde. Ze blijven bewaard, maar \
                 komen aan het eind van die regel te staan. j: toch hier opslaan · k: opslaan \
                 als kopie ({copy}) · Esc: niet opslaan"
            ),
            Lang::En => format!(
                "{moved} comment(s) stand inside a value. They are kept, but move to the end \
                 of that line. y: save here anyway · k: save as a copy ({copy}) · Esc: do not \
                 save"
            ),
        }
    }

    /// What happened, under the form.
    pub fn status(self, status: &crate::tui::bewerk::Status) -> String {
        use crate::tui::bewerk::Status::*;
        match (status, self.0) {
            (Saved { file, backup: Some(b) }, Lang::Nl) => {
                format!("Opgeslagen in {file}; de vorige versie staat in {b}.")
            }
            (Saved { file, backup: Some(b) }, Lang::En) => {
                format!("Saved to {file}; the previous version is in {b}.")
            }
            (Saved { file, backup: None }, Lang::Nl) => format!("Opgeslagen in {file}."),
            (Saved { file, backup: None }, Lang::En) => format!("Saved to {file}."),
            (SaveFailed(why), Lang::Nl) => format!("Niet opgeslagen: {why}"),
            (SaveFailed(why), Lang::En) => format!("Not saved: {why}"),
            (HasErrors(n), Lang::Nl) => format!(
                "Niet opgeslagen: de pack heeft {n} {}. Los die eerst op (zie hieronder); \
                 waarschuwingen houden opslaan niet tegen.",
                if *n == 1 { "fout" } else { "fouten" }
            ),
            (HasErrors(n), Lang::En) => format!(
                "Not saved: the pack has {n} error{}. Fix them first (see below); warnings do \
                 not stop a save.",
                if *n == 1 { "" } else { "s" }
            ),
            (NotANumber, _) => self
                .pick(
                    "version is een heel getal, zoals 2: wat je typte is niet overgenomen.",
                    "version is a whole number, like 2: what you typed was not taken.",
                )
                .into(),
            (NoListHere, _) => self
                .pick(
                    "Hier is geen lijst: ga naar sources, dilemmas, options of notes, of naar \
                     iets daarin.",
                    "There is no list here: go to sources, dilemmas, options or notes, or to \
                     something in them.",
                )
                .into(),
            (LayoutWillChange, _) => self
                .pick(
                    "Opslaan zet dit bestand in de vaste opmaak (zoals wikken fmt): elke tekst en \
                     opmerking blijft.",
                    "Saving puts this file in the canonical layout (as wikken fmt does): every \
                     text and comment stays.",
                )
                .into(),
            (TooLarge(bytes), Lang::Nl) => format!(
                "Niet opgeslagen: de pack zou {bytes} bytes worden, meer dan wikken inleest \
                 ({} bytes). Maak teksten korter of verdeel de dilemma's over twee packs.",
                crate::pack::MAX_FILE_SIZE
            ),
            (TooLarge(bytes), Lang::En) => format!(
                "Not saved: the pack would be {bytes} bytes, more than wikken reads ({} bytes). \
                 Shorten texts or split the dilemmas over two packs.",
                crate::pack::MAX_FILE_SIZE
            ),
            (CommentsWillMove(n), Lang::Nl) => format!(
                "Let op: {n} opmerking(en) staan midden in een waarde en verhuizen bij opslaan \
                 naar het eind van de regel; bij de eerste keer opslaan kun je een kopie kiezen."
            ),
            (CommentsWillMove(n), Lang::En) => format!(
                "Note: {n} comment(s) stand inside a value and move to the end of the line when \
                 saved; at the first save you can choose a copy instead."
            ),
        }
    }

    /// `wikken bewerk` on a pack that does not read: nothing opens.
    pub fn cannot_open(self, file: &str) -> String {
        match self.0 {
            Lang::Nl => format!(
                "{file} heeft fouten, en de editor opent alleen een pack die goed leest. Los \
                 eerst op wat hierboven staat (of wat `wikken check {file}` zegt), en open hem \
                 dan opnieuw."
            ),
            Lang::En => format!(
                "{file} has errors, and the editor only opens a pack that reads correctly. Fix \
                 what is listed above first (or what `wikken check {file}` says), then open it \
                 again."
            ),
        }
    }

    /// What a copy's file name says it is: `PACK.kopie.ron`.
    pub fn copy_word(self) -> &'static str {
        self.pick("kopie", "copy")
    }

    /// The help's title.
    pub fn help_title(self) -> &'static str {
        self.pick("Hulp bij bewerken", "Help with editing")
    }

    /// The help's opening lines.
    pub fn help_intro(self) -> &'static str {
        self.pick(
            "Links het overzicht van de pack: velden, dilemma's, werkwijzen (options), \
             notities (notes) en bronnen. Enter bewerkt het veld onder de cursor; de soort van \
             een notitie, de maand waarin je een Wet-notitie controleerde (as_of) en de bronnen \
             kies je uit een lijst. Rechts het voorbeeld: het dilemma en de spiegel zoals een \
             deelnemer ze ziet, met een verzonnen verdeling (VOORBEELD). Elke wijziging wordt \
             meteen gecontroleerd zoals wikken check --strict dat doet. Ctrl+S slaat op, alleen \
             als er geen fouten zijn, in de vaste opmaak van wikken fmt; de versie van voor de \
             eerste keer opslaan blijft bewaard als PACK.ron.bak. Er wordt niets in je \
             antwoorden of de pool geschreven.",
            "On the left the outline of the pack: fields, dilemmas, options, notes and sources. \
             Enter edits the field under the cursor; a note's kind, the month you checked a Wet \
             note (as_of) and its sources are chosen from a list. On the right the preview: the \
             dilemma and the spiegel as a participant sees them, with a made-up distribution \
             (SAMPLE). Every change is checked at once as wikken check --strict does. Ctrl+S \
             saves, only when there are no errors, in the canonical layout of wikken fmt; the \
             version from before the first save is kept as PACK.ron.bak. Nothing is written to \
             your answers or the pool.",
        )
    }
}

impl Lang {
    /// The form editor's texts in this language.
    pub fn bewerk(self) -> BewerkText {
        BewerkText(self)
    }
}
