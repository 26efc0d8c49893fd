//! Texts of the command-line subcommands (`check`, `new`, ...).

use std::path::Path;

use super::Lang;
use crate::clean;
use crate::fsx::OpenError;
use crate::store::{
    Damage, Fault, ImportReport, MAX_BUNDLE_BYTES, MAX_BUNDLE_RECORDS, MAX_LINE, Problem, Scope,
    Shown,
};

/// A command line that could not be understood, as the person is told about it (the
/// binary maps its parser's errors to these, so the words stay here and in their language).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UsageProblem {
    /// An option wikken does not know, perhaps with a near one.
    UnknownOption {
        /// What was typed.
        option: String,
        /// A known option close to it.
        suggestion: Option<String>,
    },
    /// A command wikken does not know, perhaps with a near one.
    UnknownCommand {
        /// What was typed.
        command: String,
        /// A known command close to it.
        suggestion: Option<String>,
    },
    /// A value that is not allowed for an option.
    InvalidValue {
        /// The option.
        option: String,
        /// What was given (empty when none was).
        value: String,
        /// The values allowed, if it has a fixed set.
        valid: Vec<String>,
    },
    /// Required arguments that were not given.
    Missing {
        /// Their names as the usage line shows them.
        arguments: String,
    },
    /// An argument that does not belong where it was given.
    Unexpected {
        /// What was typed.
        argument: String,
    },
    /// Anything else the parser refused.
    Other,
}

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
}

/// Why a file was refused, in the person's language.
pub(super) fn refusal(text: CliText, e: &crate::fsx::OpenError) -> String {
    match e {
        OpenError::Symlink => text.0.pick(
            "is een symbolische koppeling; wikken volgt die in gedeelde mappen niet. Vervang hem door een gewoon bestand.".to_string(),
            "is a symbolic link; wikken does not follow links in shared folders. Replace it with a regular file.".to_string(),
        ),
        OpenError::NotRegular(kind) => text.0.pick(
            format!("is geen gewoon bestand ({kind}); overgeslagen"),
            format!("is not a regular file ({kind}); skipped"),
        ),
        OpenError::TooLarge { size, max } => text.0.pick(
            format!("is te groot ({size} bytes; hoogstens {max}); overgeslagen"),
            format!("is too large ({size} bytes; at most {max}); skipped"),
        ),
        OpenError::Io(e) => clean::line(&e.to_string()).into_owned(),
    }
}

/// Texts of `wikken stats`, `export`, `import` and `forget`.
impl CliText {
    /// A pool file or line that was skipped. Path and reason come from files in a shared
    /// folder, so both are cleaned.
    pub fn pool_warning(self, path: &Path, line: usize, problem: &Problem) -> String {
        let place =
            if line == 0 { clean::path(path) } else { format!("{}:{line}", clean::path(path)) };
        let reason = match problem {
            Problem::Damaged { fault, column } => {
                let (nl, en) = match fault {
                    Fault::Syntax => ("geen geldige JSON", "not valid JSON"),
                    Fault::Data => (
                        "geen record: een veld ontbreekt of klopt niet",
                        "not a record: a field is missing or wrong",
                    ),
                    Fault::CutOff => ("afgebroken", "cut off"),
                };
                self.0.pick(format!("{nl}, kolom {column}"), format!("{en}, column {column}"))
            }
            Problem::OtherParticipant => self.0.pick(
                "een record onder het pseudoniem van een andere deelnemer; telt niet mee".into(),
                "a record under another participant's pseudonym; not counted".into(),
            ),
            Problem::Unreadable(e) => clean::line(e).into_owned(),
            Problem::LineTooLong(n) => self.0.pick(
                format!("regel van {n} bytes; een record is hoogstens {MAX_LINE} bytes"),
                format!("line of {n} bytes; a record is at most {MAX_LINE} bytes"),
            ),
            Problem::Symlink => self.0.pick(
                "symbolische koppeling; wikken volgt die in een gedeelde map niet".into(),
                "symbolic link; wikken does not follow links in a shared folder".into(),
            ),
            Problem::NotRegular(kind) => self.0.pick(
                format!("geen gewoon bestand maar {kind}"),
                format!("not a regular file but {kind}"),
            ),
            Problem::TooLarge(size, max) => self.0.pick(
                format!("te groot: {size} bytes, hoogstens {max}"),
                format!("too large: {size} bytes, at most {max}"),
            ),
            Problem::NotAPoolFile => {
                self.0.pick("geen poolbestand".into(), "not a pool file".into())
            }
            Problem::ManyDamaged(n) => {
                self.0.pick(format!("{n} beschadigde regels"), format!("{n} damaged lines"))
            }
        };
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

    /// The line above a dilemma's table (or instead of it): who answered, and why nothing
    /// is shown when it is hidden.
    pub fn stats_caption(self, shown: &Shown, k: u32) -> String {
        let c = shown.counts();
        let groups = super::groups_phrase(self.0, c.sessions, c.other);
        match shown {
            Shown::All { dist, .. } => {
                let (n, revised) = (dist.participants, dist.revised);
                let of = groups.map(|g| self.0.pick(format!(", waarvan {g}"), format!(", {g}")));
                let of = of.unwrap_or_default();
                self.0.pick(
                    format!(
                        "{n} deelnemers{of}; {revised} {} hun keuze",
                        if revised == 1 { "herzag" } else { "herzagen" }
                    ),
                    format!("{n} participants{of}; {revised} revised their choice"),
                )
            }
            Shown::Groups { dist, own, .. } => {
                let (n, g) = (dist.participants, groups.unwrap_or_default());
                self.0.pick(
                    format!("alleen intervisiesessies en andere teams: {n} deelnemers ({g}); losse antwoorden uit jullie team: {own} van de minimaal {k}, verborgen"),
                    format!("intervisie sessions and other teams only: {n} participants ({g}); answers given alone in your team: {own} of the minimum {k}, hidden"),
                )
            }
            Shown::Below { own, .. } => {
                let plus = groups.map(|g| {
                    self.0.pick(
                        format!(", plus {g} (apart geteld)"),
                        format!(", plus {g} (counted apart)"),
                    )
                });
                let plus = plus.unwrap_or_default();
                self.0.pick(
                    format!("{own} van de minimaal {k} antwoorden{plus}; verdeling verborgen"),
                    format!("{own} of the minimum {k} answers{plus}; distribution hidden"),
                )
            }
        }
    }

    /// The scope of a distribution in CSV.
    pub fn scope(self, scope: Scope) -> &'static str {
        match scope {
            Scope::All => self.0.pick("alle", "all"),
            Scope::Groups => {
                self.0.pick("alleen sessies en andere teams", "sessions and other teams only")
            }
            Scope::Hidden => self.0.pick("verborgen", "hidden"),
        }
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
                "alleen",
                "sessies",
                "andere_teams",
                "verdeling",
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
                "alone",
                "sessions",
                "other_teams",
                "scope",
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
    pub fn exported(self, n: usize, participants: usize, path: &Path) -> String {
        let path = clean::path(path);
        self.0.pick(
            format!("{n} antwoorden van {participants} deelnemers (gepseudonimiseerd) geëxporteerd naar {path}"),
            format!("exported {n} answers of {participants} participants (pseudonymised) to {path}"),
        )
    }

    /// `wikken export --me` done.
    pub fn exported_development(self, answers: usize, path: &Path) -> String {
        let path = clean::path(path);
        self.0.pick(
            format!(
                "Mijn ontwikkeling ({answers} antwoorden) geschreven naar {path}. Het bestand is \
                 privé: alleen jij kunt het lezen. Deel het alleen als jij dat wilt."
            ),
            format!(
                "My development ({answers} answers) written to {path}. The file is private: \
                 only you can read it. Share it only if you want to."
            ),
        )
    }

    /// `wikken export` would overwrite.
    pub fn export_exists(self, path: &Path) -> String {
        self.0.pick(
            format!("wikken: {} bestaat al; kies een andere naam", clean::path(path)),
            format!("wikken: {} already exists; choose another name", clean::path(path)),
        )
    }

    /// A store operation failed.
    pub fn store_failed(self, reason: &str) -> String {
        let reason = clean::line(reason);
        self.0.pick(format!("wikken: mislukt: {reason}"), format!("wikken: failed: {reason}"))
    }

    /// A damaged bundle.
    pub fn bundle_damaged(self, path: &Path, damage: &Damage) -> String {
        let path = clean::path(path);
        let reason = match damage {
            Damage::NotABundle(e) => {
                let e = clean::line(e);
                self.0.pick(
                    format!("geen bundel of afgebroken: {e}"),
                    format!("not a bundle, or cut off: {e}"),
                )
            }
            Damage::Format(f) => self.0.pick(
                format!("format \"{f}\" in plaats van wikken-bundle"),
                format!("format \"{f}\" instead of wikken-bundle"),
            ),
            Damage::Version(v) => self.0.pick(
                format!("versie {v}; deze wikken leest versie 1 en 2 — werk wikken bij"),
                format!("version {v}; this wikken reads versions 1 and 2 — update wikken"),
            ),
            Damage::Checksum => self.0.pick(
                "checksum klopt niet: de bundel is veranderd of beschadigd".to_string(),
                "checksum does not match: the bundle was changed or damaged".to_string(),
            ),
            Damage::Id => {
                self.0.pick("ongeldig bundel-id".to_string(), "invalid bundle id".to_string())
            }
            Damage::Record(n) => self.0.pick(
                format!("record {n} heeft een ontbrekend of ongeldig veld"),
                format!("record {n} has a missing or invalid field"),
            ),
            Damage::TooLarge(size) => self.0.pick(
                format!("{size} bytes; een bundel is hoogstens {MAX_BUNDLE_BYTES} bytes"),
                format!("{size} bytes; a bundle is at most {MAX_BUNDLE_BYTES} bytes"),
            ),
            Damage::TooManyRecords(n) => self.0.pick(
                format!("{n} records; een bundel heeft er hoogstens {MAX_BUNDLE_RECORDS}"),
                format!("{n} records; a bundle holds at most {MAX_BUNDLE_RECORDS}"),
            ),
        };
        self.0.pick(
            format!("wikken: {path} is geen geldige wikken-bundel of is beschadigd ({reason}); er is niets geïmporteerd. Vraag het andere team om een nieuwe export."),
            format!("wikken: {path} is not a valid wikken bundle or is damaged ({reason}); nothing was imported. Ask the other team for a new export."),
        )
    }

    /// `wikken import` done.
    pub fn imported(self, r: &ImportReport) -> String {
        let (added, total, participants) = (r.added, r.total, r.participants);
        let mut text = if added == 0 {
            self.0.pick(
                format!("Alle {total} antwoorden uit deze bundel staan al in de pool; er is niets toegevoegd."),
                format!("All {total} answers in this bundle are already in the pool; nothing was added."),
            )
        } else {
            self.0.pick(
                format!("{added} van de {total} antwoorden toegevoegd aan de pool, van {participants} deelnemers uit andere teams. Ze tellen apart: ze helpen jullie eigen antwoorden nooit over de drempel."),
                format!("Added {added} of {total} answers to the pool, from {participants} participants of other teams. They are counted apart: they never help your own answers over the threshold."),
            )
        };
        if r.erased > 0 {
            let n = r.erased;
            text.push(' ');
            text.push_str(&self.0.pick(
                format!("{n} antwoorden van gewiste deelnemers zijn overgeslagen."),
                format!("{n} answers of erased participants were left out."),
            ));
        }
        text
    }

    /// `pool init` was given a folder, not a database URL.
    pub fn pool_not_url(self, given: &str) -> String {
        let given = clean::line(given);
        self.0.pick(
            format!("wikken: \"{given}\" is geen database-adres; geef een adres als postgresql://beheerder@server/wikken"),
            format!("wikken: \"{given}\" is not a database address; give one like postgresql://owner@server/wikken"),
        )
    }

    /// `pool init` done.
    pub fn pool_initialised(self, applied: &[i32], version: i32) -> String {
        if applied.is_empty() {
            self.0.pick(
                format!("De organisatiepool is al bij (schemaversie {version}); er is niets veranderd."),
                format!("The organisation pool is up to date (schema version {version}); nothing changed."),
            )
        } else {
            self.0.pick(
                format!("Organisatiepool klaar (schemaversie {version}). Geef deelnemers toegang met: GRANT wikken_participant TO <loginrol>;"),
                format!("Organisation pool ready (schema version {version}). Give participants access with: GRANT wikken_participant TO <login role>;"),
            )
        }
    }

    /// The organisation pool refused an imported bundle; nothing of it went in.
    pub fn import_refused_by_db(self, msg: &str) -> String {
        let msg = clean::line(msg);
        self.0.pick(
            format!("wikken: de organisatiepool weigerde deze bundel ({msg}). Er is niets geïmporteerd: een import gaat helemaal of niet. Vraag het team dat de bundel maakte om een nieuwe export."),
            format!("wikken: the organisation pool refused this bundle ({msg}). Nothing was imported: an import goes in whole or not at all. Ask the team that made it for a new export."),
        )
    }

    /// The command line could not be understood; says what to do next.
    pub fn usage(self, problem: &UsageProblem) -> String {
        let nl = self.0 == Lang::Nl;
        let line = |s: &str| clean::line(s).into_owned();
        let hint = self.0.pick("Zie: wikken --help", "See: wikken --help");
        let mean = |s: &Option<String>| {
            s.as_deref().map_or(String::new(), |s| {
                let s = line(s);
                self.0.pick(format!(" Bedoel je '{s}'?"), format!(" Did you mean '{s}'?"))
            })
        };
        let text = match problem {
            UsageProblem::UnknownOption { option, suggestion } => {
                let o = line(option);
                let head = if nl {
                    format!("onbekende optie '{o}'.")
                } else {
                    format!("unknown option '{o}'.")
                };
                format!("{head}{}", mean(suggestion))
            }
            UsageProblem::UnknownCommand { command, suggestion } => {
                let c = line(command);
                let head = if nl {
                    format!("onbekend commando '{c}'.")
                } else {
                    format!("unknown command '{c}'.")
                };
                format!("{head}{}", mean(suggestion))
            }
            UsageProblem::InvalidValue { option, value, valid } => {
                let (o, v) = (line(option), line(value));
                let mut text = match (nl, v.is_empty()) {
                    (true, true) => format!("{o} heeft een waarde nodig."),
                    (true, false) => format!("'{v}' is geen geldige waarde voor {o}."),
                    (false, true) => format!("{o} needs a value."),
                    (false, false) => format!("'{v}' is not a valid value for {o}."),
                };
                if !valid.is_empty() {
                    let list = line(&valid.join(", "));
                    text.push_str(
                        &self
                            .0
                            .pick(format!(" Kies uit: {list}."), format!(" Choose from: {list}.")),
                    );
                }
                text
            }
            UsageProblem::Missing { arguments } => {
                let a = line(arguments);
                self.0.pick(format!("{a} ontbreekt."), format!("{a} is missing."))
            }
            UsageProblem::Unexpected { argument } => {
                let a = line(argument);
                self.0
                    .pick(format!("'{a}' hoort hier niet."), format!("'{a}' does not belong here."))
            }
            UsageProblem::Other => self
                .0
                .pick("de opdracht is niet te begrijpen.", "the command is not understood.")
                .to_string(),
        };
        format!("wikken: {text} {hint}")
    }

    /// A folder named with `--packs` is not there or cannot be read.
    pub fn packs_dir_failed(self, dir: &Path, reason: &std::io::Error) -> String {
        let dir = clean::path(dir);
        if reason.kind() == std::io::ErrorKind::NotFound {
            self.0.pick(
                format!(
                    "wikken: de packmap {dir} (opgegeven met --packs) bestaat niet. Controleer \
                     het pad, of laat --packs weg."
                ),
                format!(
                    "wikken: the pack folder {dir} (given with --packs) does not exist. Check the \
                     path, or leave out --packs."
                ),
            )
        } else {
            let reason = clean::line(&reason.to_string()).into_owned();
            self.0.pick(
                format!(
                    "wikken: de packmap {dir} (opgegeven met --packs) is niet te lezen: {reason}. \
                     Controleer de rechten op die map."
                ),
                format!(
                    "wikken: the pack folder {dir} (given with --packs) cannot be read: {reason}. \
                     Check the permissions of that folder."
                ),
            )
        }
    }

    /// No home folder to put the data in.
    pub fn no_data_folder(self) -> String {
        self.0
            .pick(
                "wikken: er is geen map voor je gegevens gevonden. Geef er een op met --data MAP \
                 of WIKKEN_DATA.",
                "wikken: no folder for your data was found. Name one with --data DIR or \
                 WIKKEN_DATA.",
            )
            .to_string()
    }

    /// The config file cannot be used: where, what is wrong and what to write instead.
    pub fn config_failed(self, error: &crate::config::ConfigError) -> String {
        use crate::config::{ConfigError, ConfigProblem, SETTINGS};
        let (path, line, problem) = match error {
            ConfigError::Read { path, source } => {
                let (path, reason) =
                    (clean::path(path), clean::line(&source.to_string()).into_owned());
                return self.0.pick(
                    format!("wikken: kan het instellingenbestand {path} niet lezen: {reason}"),
                    format!("wikken: cannot read the settings file {path}: {reason}"),
                );
            }
            ConfigError::Invalid { path, line, problem } => (clean::path(path), line, problem),
        };
        let what = match problem {
            ConfigProblem::Backslash => self.0.pick(
                format!(
                    "een \\ in een tekst tussen \"…\" leest TOML als begin van een speciaal \
                     teken. {}",
                    self.windows_path_forms()
                ),
                format!(
                    "a \\ in a text between \"…\" starts an escape in TOML. {}",
                    self.windows_path_forms()
                ),
            ),
            ConfigProblem::ControlCharacter { name } => self.0.pick(
                format!(
                    "de map bij {name} bevat een tab of regeleinde: tussen \"…\" maakt TOML \
                     van \\t en \\n een tab en een regeleinde. {}",
                    self.windows_path_forms()
                ),
                format!(
                    "the folder in {name} holds a tab or line break: between \"…\" TOML reads \
                     \\t and \\n as a tab and a line break. {}",
                    self.windows_path_forms()
                ),
            ),
            ConfigProblem::Syntax(detail) => {
                let detail = clean::line(detail);
                self.0.pick(
                    format!("dit is geen geldige instelling ({detail}); een instelling ziet eruit als lang = \"nl\""),
                    format!("this is not a valid setting ({detail}); a setting looks like lang = \"en\""),
                )
            }
            ConfigProblem::Unknown { name, suggestion } => {
                let name = clean::line(name);
                let known = SETTINGS.join(", ");
                let hint = match suggestion {
                    Some(s) => self.0.pick(
                        format!(" (bedoel je \"{s}\"?)"),
                        format!(" (did you mean \"{s}\"?)"),
                    ),
                    None => String::new(),
                };
                self.0.pick(
                    format!("onbekende instelling \"{name}\"{hint}; mogelijk zijn: {known}"),
                    format!("unknown setting \"{name}\"{hint}; valid settings: {known}"),
                )
            }
            ConfigProblem::WrongType { name } => {
                let example = match *name {
                    "pool" => "pool = \"/mnt/team/wikken-pool\"",
                    "threshold" => "threshold = 5",
                    "lang" => "lang = \"nl\"",
                    _ => "packs = [\"/mnt/team/packs\"]",
                };
                self.0.pick(
                    format!("\"{name}\" heeft een verkeerde soort waarde; schrijf bijvoorbeeld {example}"),
                    format!("\"{name}\" has the wrong kind of value; write for example {example}"),
                )
            }
        };
        self.0.pick(
            format!("wikken: instellingenbestand {path}, regel {line}: {what}"),
            format!("wikken: settings file {path}, line {line}: {what}"),
        )
    }

    /// `WIKKEN_TODAY` is set but names no month.
    pub fn today_invalid(self, value: &str) -> String {
        let value = clean::line(value);
        self.0.pick(
            format!("wikken: WIKKEN_TODAY \"{value}\" is geen maand; schrijf jaar en maand als 2026-12, of laat de variabele weg"),
            format!("wikken: WIKKEN_TODAY \"{value}\" is not a month; write year and month as 2026-12, or unset it"),
        )
    }

    /// A reasoning too long to save (the save path says this, to every interface): its
    /// length in characters, and the limit (in bytes, so "about" for accented text).
    pub fn reasoning_too_long(self, len: usize, max: usize) -> String {
        self.0.pick(
            format!(
                "je overweging is te lang om te bewaren ({len} tekens, ten hoogste ongeveer \
                 {max}); maak hem korter"
            ),
            format!(
                "your reasoning is too long to save ({len} characters, at most about {max}); \
                 shorten it"
            ),
        )
    }

    /// `WIKKEN_NOW` does not name a time.
    pub fn now_invalid(self, value: &str) -> String {
        let value = clean::line(value);
        self.0.pick(
            format!("wikken: WIKKEN_NOW \"{value}\" is geen tijdstip; schrijf het als 2026-11-23T10:00:00Z, of laat de variabele weg"),
            format!("wikken: WIKKEN_NOW \"{value}\" is not a time; write it as 2026-11-23T10:00:00Z, or unset it"),
        )
    }

    /// `theme` in config.toml is none of the known values.
    pub fn theme_invalid(self, value: &str) -> String {
        let value = clean::line(value);
        self.0.pick(
            format!("wikken: theme = \"{value}\" in config.toml is onbekend; kies \"auto\", \"licht\" of \"donker\""),
            format!("wikken: theme = \"{value}\" in config.toml is unknown; choose \"auto\", \"licht\" (light) or \"donker\" (dark)"),
        )
    }

    /// The three ways to write a Windows path in config.toml.
    fn windows_path_forms(self) -> &'static str {
        self.0.pick(
            "Schrijf een Windows-pad met / (pool = \"C:/Users/…\"), met dubbele \\\\ \
             (pool = \"C:\\\\Users\\\\…\"), of tussen enkele aanhalingstekens \
             (pool = 'C:\\Users\\…')",
            "Write a Windows path with / (pool = \"C:/Users/…\"), with double \\\\ \
             (pool = \"C:\\\\Users\\\\…\"), or between single quotes (pool = 'C:\\Users\\…')",
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
