//! Texts of the trainers' studio: the live preview (`wikken preview`) and the handouts
//! (`wikken handout`).

use super::Lang;

/// Fixed texts of the preview and the handouts in one language.
#[allow(missing_docs)]
#[derive(Debug)]
pub struct StudioText {
    pub lang: Lang,
    /// Title bar: where you are.
    pub preview_crumb: &'static str,
    /// The spiegel's heading over the sample chart.
    pub preview_sample_heading: &'static str,
    /// Instead of the person's reasoning in the spiegel.
    pub preview_nothing_saved: &'static str,
    /// Panel title when the latest save does not load.
    pub preview_broken: &'static str,
    /// Body text when no version of the file has loaded yet.
    pub preview_never_loaded: &'static str,
    /// Severity words in the problems panel.
    pub error: &'static str,
    pub warning: &'static str,
    /// Handout: the facilitator's part.
    pub handout_facilitator: &'static str,
    pub handout_for_group: &'static str,
    pub handout_question: &'static str,
    pub handout_werkwijzen: &'static str,
    pub handout_onderbouwing: &'static str,
    pub handout_sources: &'static str,
    pub handout_questions: &'static str,
    pub handout_no_onderbouwing: &'static str,
    /// The header of every facilitator page.
    pub handout_not_to_hand_out: &'static str,
    /// The group's page: where to write one's choice and reason.
    pub handout_choice: &'static str,
    pub handout_reason: &'static str,
}

const NL: StudioText = StudioText {
    lang: Lang::Nl,
    preview_crumb: "Voorbeeldweergave",
    preview_sample_heading: "Hoe collega's kozen — VOORBEELD",
    preview_nothing_saved: "In de voorbeeldweergave wordt niets bewaard: geen keuze, geen overweging, \
                            niets in de pool.",
    preview_broken: "Het bestand laadt niet: je ziet de laatste versie die wel laadde. Sla op \
                     om opnieuw te laden.",
    preview_never_loaded: "Dit bestand laadt nog niet. Los de problemen hieronder op en sla het \
                           op: het scherm volgt vanzelf.",
    error: "fout",
    warning: "waarschuwing",
    handout_facilitator: "Voor de gespreksleider",
    handout_for_group: "Voor de groep",
    handout_question: "Vraag",
    handout_werkwijzen: "Werkwijzen",
    handout_onderbouwing: "Onderbouwing per werkwijze",
    handout_sources: "Bronnen",
    handout_questions: "Vragen voor het gesprek",
    handout_no_onderbouwing: "(geen onderbouwing)",
    handout_not_to_hand_out: "Voor de gespreksleider — niet uitdelen",
    handout_choice: "Mijn keuze",
    handout_reason: "Waarom",
};

const EN: StudioText = StudioText {
    lang: Lang::En,
    preview_crumb: "Preview",
    preview_sample_heading: "How colleagues chose — SAMPLE",
    preview_nothing_saved: "The preview saves nothing: no choice, no reasoning, nothing in the \
                            pool.",
    preview_broken: "The file does not load: you see the last version that did. Save to load \
                     it again.",
    preview_never_loaded: "This file does not load yet. Fix the problems below and save it: the \
                           screen follows by itself.",
    error: "error",
    warning: "warning",
    handout_facilitator: "For the facilitator",
    handout_for_group: "For the group",
    handout_question: "Question",
    handout_werkwijzen: "Options",
    handout_onderbouwing: "Onderbouwing per option",
    handout_sources: "Sources",
    handout_questions: "Questions for the conversation",
    handout_no_onderbouwing: "(no onderbouwing)",
    handout_not_to_hand_out: "For the facilitator — do not hand out",
    handout_choice: "My choice",
    handout_reason: "Why",
};

impl Lang {
    /// The studio's texts in this language.
    pub fn studio(self) -> &'static StudioText {
        self.pick(&NL, &EN)
    }
}

impl StudioText {
    /// The caption of the sample chart: clearly no real answers.
    pub fn preview_sample_caption(&self, participants: u32) -> String {
        match self.lang {
            Lang::Nl => format!(
                "VOORBEELD, geen echte antwoorden: zo ziet de verdeling eruit als \
                 {participants} collega's hebben gekozen."
            ),
            Lang::En => format!(
                "SAMPLE, not real answers: this is how the distribution looks once \
                 {participants} colleagues have chosen."
            ),
        }
    }

    /// Panel title when the file loads with warnings only.
    pub fn preview_warnings(&self, count: usize) -> String {
        match (self.lang, count) {
            (Lang::Nl, 1) => "1 waarschuwing; de pack laadt wel".to_string(),
            (Lang::Nl, n) => format!("{n} waarschuwingen; de pack laadt wel"),
            (Lang::En, 1) => "1 warning; the pack loads".to_string(),
            (Lang::En, n) => format!("{n} warnings; the pack loads"),
        }
    }

    /// `wikken handout` wrote its file.
    pub fn handout_written(&self, path: &std::path::Path, dilemmas: usize) -> String {
        let path = crate::clean::path(path);
        match (self.lang, dilemmas) {
            (Lang::Nl, 1) => format!("Handout met 1 dilemma geschreven naar {path}"),
            (Lang::Nl, n) => format!("Handout met {n} dilemma's geschreven naar {path}"),
            (Lang::En, 1) => format!("Handout with 1 dilemma written to {path}"),
            (Lang::En, n) => format!("Handout with {n} dilemmas written to {path}"),
        }
    }

    /// `--dilemma ID` names no dilemma of the pack: the nearest id, and every valid one.
    pub fn unknown_dilemma(&self, id: &str, suggestion: Option<&str>, valid: &[&str]) -> String {
        let id = crate::clean::line(id);
        let hint = suggestion.map(|s| crate::clean::line(s).into_owned());
        let valid: Vec<String> = valid.iter().map(|v| crate::clean::line(v).into_owned()).collect();
        let valid = valid.join(", ");
        match (self.lang, hint) {
            (Lang::Nl, Some(s)) => format!(
                "wikken: de pack heeft geen dilemma \"{id}\" (bedoel je \"{s}\"?); de dilemma's zijn: {valid}"
            ),
            (Lang::Nl, None) => {
                format!("wikken: de pack heeft geen dilemma \"{id}\"; de dilemma's zijn: {valid}")
            }
            (Lang::En, Some(s)) => format!(
                "wikken: the pack has no dilemma \"{id}\" (did you mean \"{s}\"?); its dilemmas are: {valid}"
            ),
            (Lang::En, None) => {
                format!("wikken: the pack has no dilemma \"{id}\"; its dilemmas are: {valid}")
            }
        }
    }

    /// `--out` names a file that is neither Markdown nor HTML: how to get a PDF instead.
    pub fn handout_out_kind(&self, path: &std::path::Path) -> String {
        let path = crate::clean::path(path);
        match self.lang {
            Lang::Nl => format!(
                "wikken: {path}: een handout is Markdown (.md) of HTML (.html). Voor een PDF: \
                 schrijf .html, open het bestand in je browser en kies Afdrukken → Opslaan als \
                 PDF (in Chrome of Edge komen de paginanummers en de kopregels mee)"
            ),
            Lang::En => format!(
                "wikken: {path}: a handout is Markdown (.md) or HTML (.html). For a PDF: write \
                 .html, open the file in your browser and choose Print → Save as PDF (Chrome and \
                 Edge print the page numbers and headers)"
            ),
        }
    }

    /// `wikken fmt` wrote a pack in the canonical layout.
    pub fn fmt_written(&self, shown: &str) -> String {
        let shown = crate::clean::line(shown);
        match self.lang {
            Lang::Nl => format!("{shown}: opgemaakt"),
            Lang::En => format!("{shown}: formatted"),
        }
    }

    /// `wikken fmt --check`: a pack that is not in the canonical layout.
    pub fn fmt_not_canonical(&self, shown: &str, path: &std::path::Path) -> String {
        let (shown, arg) = (crate::clean::line(shown), crate::clean::shell_arg(path));
        match self.lang {
            Lang::Nl => format!("{shown}: niet in de vaste opmaak; wikken fmt {arg} zet dat recht"),
            Lang::En => {
                format!("{shown}: not in the canonical layout; wikken fmt {arg} fixes that")
            }
        }
    }

    /// `wikken fmt` left a pack with errors alone (the errors are above).
    pub fn fmt_has_errors(&self, shown: &str) -> String {
        let shown = crate::clean::line(shown);
        match self.lang {
            Lang::Nl => format!("{shown}: niet opgemaakt; los eerst de fouten hierboven op"),
            Lang::En => format!("{shown}: not formatted; fix the errors above first"),
        }
    }

    /// `wikken fmt` found that its layout would not say the same: nothing is written.
    pub fn fmt_not_the_same(&self, shown: &str) -> String {
        let shown = crate::clean::line(shown);
        match self.lang {
            Lang::Nl => format!(
                "wikken: {shown} is niet opgemaakt: de nieuwe opmaak las niet als dezelfde pack, \
                 dus er is niets geschreven; dit is een fout in wikken, meld hem graag"
            ),
            Lang::En => format!(
                "wikken: {shown} is not formatted: the new layout did not read as the same pack, \
                 so nothing was written; this is a fault in wikken, please report it"
            ),
        }
    }

    /// The last line of `wikken fmt`.
    pub fn fmt_summary(
        &self,
        check: bool,
        formatted: usize,
        unchanged: usize,
        failed: usize,
    ) -> String {
        let packs = |n: usize| match (self.lang, n) {
            (Lang::Nl, 1) => "1 pack".to_string(),
            (Lang::Nl, n) => format!("{n} packs"),
            (Lang::En, 1) => "1 pack".to_string(),
            (Lang::En, n) => format!("{n} packs"),
        };
        match (self.lang, check) {
            (Lang::Nl, true) => {
                format!("{} in de vaste opmaak, {} niet", packs(unchanged), packs(failed))
            }
            (Lang::En, true) => {
                format!("{} in the canonical layout, {} not", packs(unchanged), packs(failed))
            }
            (Lang::Nl, false) => format!(
                "{} opgemaakt, {} al in orde, {} niet opgemaakt",
                packs(formatted),
                packs(unchanged),
                packs(failed)
            ),
            (Lang::En, false) => format!(
                "{} formatted, {} already in layout, {} not formatted",
                packs(formatted),
                packs(unchanged),
                packs(failed)
            ),
        }
    }

    /// The last line of a panel that could not show every problem.
    pub fn preview_more(&self, count: usize) -> String {
        match self.lang {
            Lang::Nl => format!("… en nog {count}"),
            Lang::En => format!("… and {count} more"),
        }
    }
}
