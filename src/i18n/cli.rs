//! Texts of the command-line subcommands (`check`, `new`, ...).

use std::path::Path;

use super::Lang;
use crate::clean;
use crate::fsx::OpenError;

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
        let (path, reason) = (clean::path(path), clean::line(&reason.to_string()).into_owned());
        self.0.pick(
            format!("wikken: kan {path} niet lezen: {reason}"),
            format!("wikken: cannot read {path}: {reason}"),
        )
    }

    /// A file given on the command line is not opened: a symlink, FIFO or device.
    pub fn cannot_open(self, path: &Path, reason: &OpenError) -> String {
        let (path, reason) = (clean::path(path), super::open_error(self.0, reason));
        let reason = clean::line(&reason);
        self.0.pick(
            format!("wikken: kan {path} niet lezen: {reason}"),
            format!("wikken: cannot read {path}: {reason}"),
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
        let path = clean::path(path);
        self.0.pick(
            format!(
                "wikken: {path} bestaat al; kies een andere naam (er wordt nooit iets overschreven)"
            ),
            format!(
                "wikken: {path} already exists; choose another name (nothing is ever overwritten)"
            ),
        )
    }

    /// `wikken new` could not write.
    pub fn new_failed(self, path: &Path, reason: &std::io::Error) -> String {
        let (path, reason) = (clean::path(path), clean::line(&reason.to_string()).into_owned());
        self.0.pick(
            format!("wikken: kan {path} niet schrijven: {reason}"),
            format!("wikken: cannot write {path}: {reason}"),
        )
    }

    /// `wikken new` succeeded.
    pub fn new_written(self, path: &Path) -> String {
        let p = clean::path(path);
        self.0.pick(
            format!(
                "Starterpack geschreven naar {p}.\nPas hem aan en controleer met: wikken check {p}"
            ),
            format!("Starter pack written to {p}.\nEdit it, then check with: wikken check {p}"),
        )
    }

    /// A pack that did not load, reported when the trainer starts.
    pub fn pack_skipped(self, origin: &str) -> String {
        let origin = clean::line(origin);
        self.0.pick(
            format!(
                "wikken: pack {origin} overgeslagen; zie de meldingen hierboven (wikken check)"
            ),
            format!("wikken: pack {origin} skipped; see the messages above (wikken check)"),
        )
    }
}

/// Texts of `wikken stats`, `export`, `import` and `forget`.
impl CliText {
    /// A pool file or line that was skipped. Path and reason come from files in a shared
    /// folder, so both are cleaned.
    pub fn pool_warning(self, path: &Path, line: usize, reason: &str) -> String {
        let path = clean::path(path);
        let place = if line == 0 { path } else { format!("{path}:{line}") };
        let reason = clean::line(reason);
        self.0.pick(
            format!("wikken: waarschuwing: {place}: overgeslagen ({reason})"),
            format!("wikken: warning: {place}: skipped ({reason})"),
        )
    }

    /// `--pack ID` names no loaded pack.
    pub fn unknown_pack(self, id: &str) -> String {
        let id = clean::line(id);
        self.0.pick(
            format!("wikken: geen geladen pack met id \"{id}\" (zie: wikken check)"),
            format!("wikken: no loaded pack with id \"{id}\" (see: wikken check)"),
        )
    }

    /// Heading of a pack in the stats table.
    pub fn stats_pack(self, title: &str, id: &str, version: u32, k: u32) -> String {
        self.0.pick(
            format!("{title} ({id}, versie {version}) — verdelingen vanaf {k} deelnemers"),
            format!("{title} ({id}, version {version}) — distributions from {k} participants"),
        )
    }

    /// Participants and revisions of a visible distribution.
    pub fn stats_participants(self, n: u32, revised: u32) -> String {
        self.0.pick(
            format!("{n} deelnemers; {revised} herzagen hun keuze"),
            format!("{n} participants; {revised} revised their choice"),
        )
    }

    /// A dilemma below the threshold.
    pub fn stats_hidden(self, n: u32, k: u32) -> String {
        self.0.pick(
            format!("{n} van de minimaal {k} antwoorden; verdeling verborgen"),
            format!("{n} of the minimum {k} answers; distribution hidden"),
        )
    }

    /// Column heads of the table.
    pub fn stats_columns(self) -> [&'static str; 3] {
        self.0.pick(["eerste keuze", "%", "na herziening"], ["first choice", "%", "after revision"])
    }

    /// "herzien: a → c (1)".
    pub fn stats_moves(self, moves: &str) -> String {
        self.0.pick(format!("herzien: {moves}"), format!("revised: {moves}"))
    }

    /// CSV header.
    pub fn csv_header(self) -> &'static [&'static str] {
        self.0.pick(
            &[
                "pack",
                "versie",
                "dilemma",
                "titel",
                "deelnemers",
                "zichtbaar",
                "werkwijze",
                "werkwijze_titel",
                "eerste_keuze",
                "percentage",
                "na_herziening",
                "herzien_naar",
            ],
            &[
                "pack",
                "version",
                "dilemma",
                "title",
                "participants",
                "visible",
                "option",
                "option_title",
                "first_choice",
                "percent",
                "after_revision",
                "revised_to",
            ],
        )
    }

    /// Yes/no in CSV.
    pub fn yes_no(self, yes: bool) -> &'static str {
        match (self.0, yes) {
            (Lang::Nl, true) => "ja",
            (Lang::Nl, false) => "nee",
            (Lang::En, true) => "yes",
            (Lang::En, false) => "no",
        }
    }

    /// `wikken export` done.
    pub fn exported(self, n: usize, path: &Path) -> String {
        self.0.pick(
            format!("{n} anonieme antwoorden geëxporteerd naar {}", path.display()),
            format!("exported {n} anonymous answers to {}", path.display()),
        )
    }

    /// `wikken export` would overwrite.
    pub fn export_exists(self, path: &Path) -> String {
        self.0.pick(
            format!("wikken: {} bestaat al; kies een andere naam", path.display()),
            format!("wikken: {} already exists; choose another name", path.display()),
        )
    }

    /// A store operation failed.
    pub fn store_failed(self, reason: &str) -> String {
        self.0.pick(format!("wikken: mislukt: {reason}"), format!("wikken: failed: {reason}"))
    }

    /// A damaged bundle.
    pub fn bundle_damaged(self, path: &Path, reason: &str) -> String {
        self.0.pick(
            format!("wikken: {} is geen geldige wikken-bundel of is beschadigd ({reason}); er is niets geïmporteerd", path.display()),
            format!("wikken: {} is not a valid wikken bundle or is damaged ({reason}); nothing was imported", path.display()),
        )
    }

    /// `wikken import` done.
    pub fn imported(self, added: usize, total: usize) -> String {
        if added == 0 {
            self.0.pick(
                format!("Alle {total} antwoorden uit deze bundel staan al in de pool; er is niets toegevoegd."),
                format!("All {total} answers in this bundle are already in the pool; nothing was added."),
            )
        } else {
            self.0.pick(
                format!("{added} van de {total} antwoorden toegevoegd aan de pool."),
                format!("Added {added} of {total} answers to the pool."),
            )
        }
    }

    /// What `forget` will erase, and the question.
    pub fn forget_question(self, answers: usize, records: usize) -> String {
        self.0.pick(
            format!(
                "Dit wist je dagboek ({answers} antwoorden) en je eigen records in de pool ({records}), \
                 en je deelnemer-id. Dit kan niet ongedaan worden gemaakt.\nTyp ja om door te gaan: "
            ),
            format!(
                "This erases your journal ({answers} answers), your own records in the pool ({records}) \
                 and your participant id. This cannot be undone.\nType yes to continue: "
            ),
        )
    }

    /// The word that confirms `forget`.
    pub fn forget_yes(self) -> &'static str {
        self.0.pick("ja", "yes")
    }

    /// `forget` was not confirmed.
    pub fn forget_cancelled(self) -> String {
        self.0.pick("Niets gewist.", "Nothing erased.").to_string()
    }

    /// One thing `forget` removed.
    pub fn forget_removed(self, what: &Path) -> String {
        self.0.pick(format!("gewist: {}", what.display()), format!("erased: {}", what.display()))
    }

    /// `forget` done.
    pub fn forget_done(self, answers: usize, records: usize) -> String {
        self.0.pick(
            format!(
                "Klaar: {answers} antwoorden en {records} pool-records gewist. Antwoorden die al met een \
                 bundel naar een ander team gingen, zijn anoniem en daar niet meer aan jou te koppelen."
            ),
            format!(
                "Done: erased {answers} answers and {records} pool records. Answers already carried to \
                 another team in a bundle are anonymous there and can no longer be linked to you."
            ),
        )
    }

    /// The config file cannot be used. The reason may quote the file over several lines
    /// (TOML errors do), so it keeps its line breaks but nothing else unsafe.
    pub fn config_failed(self, reason: &str) -> String {
        let reason = clean::text(reason);
        self.0.pick(
            format!("wikken: instellingenbestand onbruikbaar: {reason}"),
            format!("wikken: settings file unusable: {reason}"),
        )
    }

    /// The threshold in the config is below the minimum.
    pub fn threshold_raised(self, asked: u32, min: u32) -> String {
        self.0.pick(
            format!("wikken: waarschuwing: drempel {asked} is te laag voor anonimiteit; {min} wordt gebruikt"),
            format!("wikken: warning: threshold {asked} is too low for anonymity; {min} is used"),
        )
    }
}
