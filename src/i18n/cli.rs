//! Texts of the command-line subcommands (`check`, `new`, ...).

use std::path::Path;

use super::Lang;

/// Command-line texts in one language.
#[derive(Debug, Clone, Copy)]
pub struct CliText(pub Lang);

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl CliText {
    /// The last line of `wikken check`.
    pub fn check_summary(
        self,
        packs: usize,
        dilemmas: usize,
        errors: usize,
        warnings: usize,
    ) -> String {
        match self.0 {
            Lang::Nl => format!(
                "{} gecontroleerd ({}): {}, {}",
                plural(packs, "pack", "packs"),
                plural(dilemmas, "dilemma", "dilemma's"),
                plural(errors, "fout", "fouten"),
                plural(warnings, "waarschuwing", "waarschuwingen"),
            ),
            Lang::En => format!(
                "checked {} ({}): {}, {}",
                plural(packs, "pack", "packs"),
                plural(dilemmas, "dilemma", "dilemmas"),
                plural(errors, "error", "errors"),
                plural(warnings, "warning", "warnings"),
            ),
        }
    }

    /// A path given on the command line cannot be read.
    pub fn cannot_read(self, path: &Path, reason: &std::io::Error) -> String {
        self.0.pick(
            format!("wikken: kan {} niet lezen: {reason}", path.display()),
            format!("wikken: cannot read {}: {reason}", path.display()),
        )
    }

    /// `wikken check` found no pack files at all.
    pub fn no_packs_found(self) -> String {
        self.0
            .pick(
                "wikken: geen packs (.ron-bestanden) gevonden",
                "wikken: no packs (.ron files) found",
            )
            .to_string()
    }

    /// `wikken new` refuses to overwrite.
    pub fn new_exists(self, path: &Path) -> String {
        self.0.pick(
            format!(
                "wikken: {} bestaat al; kies een andere naam (er wordt nooit iets overschreven)",
                path.display()
            ),
            format!(
                "wikken: {} already exists; choose another name (nothing is ever overwritten)",
                path.display()
            ),
        )
    }

    /// `wikken new` could not write.
    pub fn new_failed(self, path: &Path, reason: &std::io::Error) -> String {
        self.0.pick(
            format!("wikken: kan {} niet schrijven: {reason}", path.display()),
            format!("wikken: cannot write {}: {reason}", path.display()),
        )
    }

    /// `wikken new` succeeded.
    pub fn new_written(self, path: &Path) -> String {
        self.0.pick(
            format!(
                "Starterpack geschreven naar {p}.\nPas hem aan en controleer met: wikken check {p}",
                p = path.display()
            ),
            format!(
                "Starter pack written to {p}.\nEdit it, then check with: wikken check {p}",
                p = path.display()
            ),
        )
    }

    /// A pack that did not load, reported when the trainer starts.
    pub fn pack_skipped(self, origin: &str) -> String {
        self.0.pick(
            format!(
                "wikken: pack {origin} overgeslagen; zie de meldingen hierboven (wikken check)"
            ),
            format!("wikken: pack {origin} skipped; see the messages above (wikken check)"),
        )
    }
}
