//! The `wikken` command: parses arguments, resolves folders and runs the chosen command.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use std::io::Write as _;

use wikken::clean;
use wikken::commands::{self, Exit, StatsFormat};
use wikken::config::{self, Config};
use wikken::i18n::{CliText, Lang, UsageProblem};
use wikken::pack::{Catalog, DEFAULT_WET_MAX_AGE, Pack, WetAge, YearMonth};
use wikken::paths::Paths;
use wikken::store::{Journal, SystemClock, Threshold};
use wikken::tui::ThemeSetting;

/// wikken — dilemmatrainer voor het sociaal domein / dilemma trainer for the sociaal domein.
#[derive(Debug, Parser)]
#[command(name = "wikken", version, about)]
struct Cli {
    /// Map met je eigen gegevens / folder with your own data
    #[arg(long, env = "WIKKEN_DATA", global = true, value_name = "DIR")]
    data: Option<PathBuf>,
    /// Gedeelde pool, bijv. een teammap / shared pool, e.g. a team folder
    #[arg(long, env = "WIKKEN_POOL", global = true, value_name = "DIR")]
    pool: Option<PathBuf>,
    /// Extra map met packs (herhaalbaar) / extra pack folder (repeatable)
    #[arg(long = "packs", global = true, value_name = "DIR")]
    packs: Vec<PathBuf>,
    /// Taal van de interface / interface language
    #[arg(long, global = true, value_parser = ["nl", "en"])]
    lang: Option<String>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Open de trainer in de voorbereiding van een intervisie / open the trainer in session set-up
    Session {
        /// Waar telefoons verbinden bij "eigen telefoon", poort 0 = vrije poort / where
        /// phones connect in "own phone" mode, port 0 = any free port
        #[arg(long, value_name = "ADDR:PORT")]
        listen: Option<std::net::SocketAddr>,
        /// Beamerweergave: grote cijfers en een smalle tekstkolom (vanzelf vanaf ongeveer 140
        /// kolommen) / projector mode: large digits and a narrow text column (automatic from
        /// about 140 columns)
        #[arg(long)]
        beamer: bool,
    },
    /// Oefen alleen; in een terminal het volledige scherm, anders regel voor regel / practise
    /// alone; in a terminal the full screen, otherwise line by line
    Oefenen {
        /// Gewone regels, voor schermlezers en pipes (ook vanzelf als de uitvoer geen
        /// terminal is, of bij TERM=dumb) / plain lines, for screen readers and pipes (also
        /// automatic when the output is not a terminal, or with TERM=dumb)
        #[arg(long)]
        tekst: bool,
    },
    /// Controleer packs / validate packs
    Check {
        /// Waarschuw ook waar wikken meer toestaat dan standaard-RON / also warn where wikken
        /// accepts more than standard RON
        #[arg(long)]
        strict: bool,
        /// Waarschuw bij Wet-notities die langer dan zoveel maanden geleden gecontroleerd
        /// zijn, 0 = nooit (standaard 12) / warn about Wet notes checked longer ago than this
        /// many months, 0 = never (default 12)
        #[arg(long, value_name = "MAANDEN")]
        wet_max_age: Option<u32>,
        /// Noem elk bestand met zijn volledige pad, zodat een editor het opent met een klik /
        /// name every file by its full path, so an editor opens it on a click
        #[arg(long)]
        editor: bool,
        /// Bestanden of mappen / files or folders
        paths: Vec<PathBuf>,
    },
    /// Zet packs in de vaste opmaak / write packs in the canonical layout
    Fmt {
        /// Schrijf niets; zeg alleen of alles in de vaste opmaak staat / write nothing; only
        /// say whether everything is in the canonical layout
        #[arg(long)]
        check: bool,
        /// Packbestanden of mappen / pack files or folders
        #[arg(required = true, value_name = "PACK")]
        files: Vec<PathBuf>,
    },
    /// Schrijf een starterpack / write a starter pack
    New {
        /// Nieuw bestand / new file
        path: PathBuf,
    },
    /// Verdelingen uit de pool / distributions from the pool
    Stats {
        /// Alleen deze pack / only this pack
        #[arg(long, value_name = "ID")]
        pack: Option<String>,
        /// Uitvoer / output
        #[arg(long, value_enum, default_value = "table")]
        format: StatsFormat,
    },
    /// Anonieme bundel van de pool, of met --me je eigen ontwikkeling / anonymised bundle of
    /// the pool, or with --me your own development
    Export {
        /// Bundelbestand, of Markdown met --me / bundle file, or Markdown with --me
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// "Mijn ontwikkeling" als Markdown voor een POP-gesprek (privé) / "My development"
        /// as Markdown for a development talk (private)
        #[arg(long)]
        me: bool,
    },
    /// Bundel toevoegen aan de pool / merge a bundle into the pool
    Import {
        /// Bundelbestand / bundle file
        file: PathBuf,
    },
    /// Bekijk een pack zoals een deelnemer hem ziet, bij elke opslag opnieuw / preview a pack
    /// as a trainee sees it, reloaded on every save
    Preview {
        /// Het packbestand / the pack file
        file: PathBuf,
    },
    /// Bewerk een pack in een formulier, met voorbeeld en controle terwijl je typt / edit a
    /// pack in a form, with a preview and checks as you type
    Bewerk {
        /// Het packbestand (de vorige versie blijft bewaard als PACK.ron.bak) / the pack file
        /// (the previous version is kept as PACK.ron.bak)
        path: PathBuf,
    },
    /// Dilemma's om uit te printen, met een deel voor de gespreksleider / printable
    /// dilemmas, with a part for the facilitator
    Handout {
        /// Packbestand of pack-id / pack file or pack id
        pack: String,
        /// Alleen dit dilemma (herhaalbaar) / only this dilemma (repeatable)
        #[arg(long = "dilemma", value_name = "ID")]
        dilemmas: Vec<String>,
        /// Bestand: .html (om te printen, ook naar PDF) of .md / file: .html (to print, also
        /// to PDF) or .md
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Wis je eigen antwoorden / erase your own answers
    Forget {
        /// Niet vragen / do not ask
        #[arg(long)]
        yes: bool,
    },
    /// De organisatiepool (PostgreSQL) / the organisation pool (PostgreSQL)
    Pool {
        #[command(subcommand)]
        action: PoolAction,
    },
}

#[derive(Debug, Subcommand)]
enum PoolAction {
    /// (beheerder) maak of werk de organisatiepool bij / (owner) create or upgrade it
    Init {
        /// postgresql://beheerder@server/database
        url: String,
    },
    /// (beheerder) meld de geladen packs aan: alleen daarop neemt de pool antwoorden aan /
    /// (owner) register the loaded packs: the pool takes answers to those only
    Packs {
        /// postgresql://beheerder@server/database
        url: String,
    },
    /// Welke pool, bereikbaar, k, aantallen / which pool, reachable, k, counts
    Status,
}

fn main() -> ExitCode {
    let config_path = config::config_path();
    let config = config_path.as_deref().map(config::load).transpose();
    let config_lang = config.as_ref().ok().and_then(|c| c.as_ref()).and_then(|c| c.lang.clone());
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let lang = lang_from_args().or(config_lang.as_deref().and_then(Lang::parse));
            return usage_error(&e, lang.unwrap_or_else(Lang::from_env));
        }
    };
    let lang = cli
        .lang
        .as_deref()
        .or(config_lang.as_deref())
        .and_then(Lang::parse)
        .unwrap_or_else(Lang::from_env);
    let config = match config {
        Ok(c) => c.unwrap_or_default(),
        Err(e) => {
            eprintln!("{}", CliText(lang).config_failed(&e));
            return ExitCode::from(Exit::Usage as u8);
        }
    };
    match run(cli, lang, &config) {
        Ok(exit) => ExitCode::from(exit as u8),
        Err(e) => {
            // The chain may name a path or quote a file: one clean line.
            eprintln!("wikken: {}", clean::line(&format!("{e:#}")));
            ExitCode::from(Exit::Usage as u8)
        }
    }
}

/// `--lang` as typed, when the command line as a whole could not be parsed: an error about
/// the command line is said in the language asked for.
fn lang_from_args() -> Option<Lang> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    args.iter().enumerate().find_map(|(i, a)| match a.strip_prefix("--lang") {
        Some("") => args.get(i + 1).and_then(|v| Lang::parse(v)),
        Some(rest) => rest.strip_prefix('=').and_then(Lang::parse),
        None => None,
    })
}

/// A command line clap refused: help and version as clap prints them (both languages are
/// in the help); every error in the person's language, with exit code 2.
fn usage_error(e: &clap::Error, lang: Lang) -> ExitCode {
    use clap::error::{ContextKind, ErrorKind};
    match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            return ExitCode::from(e.exit_code() as u8);
        }
        _ => {}
    }
    let get = |kind| e.get(kind).map(|v| v.to_string()).filter(|v| !v.is_empty());
    let strings = |kind| match e.get(kind) {
        Some(ContextValue::Strings(v)) => v.clone(),
        _ => Vec::new(),
    };
    use clap::error::ContextValue;
    let arg = get(ContextKind::InvalidArg).unwrap_or_default();
    let problem = match e.kind() {
        // clap calls a surplus word an unknown argument too; only `-…` is an option.
        ErrorKind::UnknownArgument if !arg.starts_with('-') => {
            UsageProblem::Unexpected { argument: arg }
        }
        ErrorKind::UnknownArgument => {
            UsageProblem::UnknownOption { option: arg, suggestion: get(ContextKind::SuggestedArg) }
        }
        ErrorKind::InvalidSubcommand => UsageProblem::UnknownCommand {
            command: get(ContextKind::InvalidSubcommand).unwrap_or(arg),
            suggestion: get(ContextKind::SuggestedSubcommand),
        },
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => UsageProblem::InvalidValue {
            option: arg,
            value: get(ContextKind::InvalidValue).unwrap_or_default(),
            valid: strings(ContextKind::ValidValue),
        },
        ErrorKind::MissingRequiredArgument | ErrorKind::MissingSubcommand => {
            UsageProblem::Missing { arguments: arg }
        }
        ErrorKind::TooManyValues | ErrorKind::ArgumentConflict => {
            UsageProblem::Unexpected { argument: get(ContextKind::InvalidValue).unwrap_or(arg) }
        }
        _ => UsageProblem::Other,
    };
    eprintln!("{}", CliText(lang).usage(&problem));
    ExitCode::from(Exit::Usage as u8)
}

/// When `check` asks for a `Wet` note to be checked again: `max_months` (flag or config,
/// else a year) before this month, or never when the trainer chose 0. The month is the
/// system clock's, or `WIKKEN_TODAY` (`YYYY-MM`) for a reproducible run; a `WIKKEN_TODAY`
/// that names no month is the error, to be said to the trainer.
fn wet_age(max_months: Option<u32>) -> Result<Option<WetAge>, String> {
    let max_months = max_months.unwrap_or(DEFAULT_WET_MAX_AGE);
    if max_months == 0 {
        return Ok(None);
    }
    let today = match std::env::var("WIKKEN_TODAY").ok().filter(|v| !v.is_empty()) {
        Some(value) => YearMonth::parse(&value).ok_or(value)?,
        None => {
            let now = time::OffsetDateTime::now_utc();
            // The clock's year is far inside u16 for any machine that runs this.
            YearMonth {
                year: u16::try_from(now.year()).unwrap_or(u16::MAX),
                month: now.month().into(),
            }
        }
    };
    Ok(Some(WetAge { today, max_months }))
}

/// The time answers are saved with: the system clock, or `WIKKEN_NOW` (RFC 3339, e.g.
/// `2026-11-23T10:00:00Z`) for a reproducible run — the transcript tests of the text mode
/// use it, as `check` uses `WIKKEN_TODAY`. A `WIKKEN_NOW` that names no time is the error,
/// to be said to the person.
fn clock() -> Result<Box<dyn wikken::store::Clock + Send>, String> {
    match std::env::var("WIKKEN_NOW").ok().filter(|v| !v.is_empty()) {
        Some(value) => match wikken::store::FixedClock::at(&value) {
            Some(clock) => Ok(Box::new(clock)),
            None => Err(value),
        },
        None => Ok(Box::new(SystemClock)),
    }
}

/// The bundled packs and those in `pack_dirs`; a folder that cannot be read is named (in
/// the person's language) and gives `None`.
fn load_catalog(
    lang: Lang,
    pack_dirs: &[PathBuf],
    err: &mut dyn std::io::Write,
) -> std::io::Result<Option<Catalog>> {
    match Catalog::load(true, pack_dirs) {
        Ok(c) => Ok(Some(c)),
        Err(e) => {
            writeln!(err, "{}", CliText(lang).packs_dir_failed(&e.path, &e.source))?;
            Ok(None)
        }
    }
}

/// Opens the pool, or says in the person's language why it cannot be.
fn open_pool(
    lang: Lang,
    paths: &Paths,
    err: &mut dyn std::io::Write,
) -> std::io::Result<Option<wikken::store::SharedPool>> {
    match paths.pool() {
        Ok(pool) => Ok(Some(pool)),
        Err(e) => {
            writeln!(err, "{}", CliText(lang).store_error(&e))?;
            Ok(None)
        }
    }
}

/// `wikken stats`: the packs' ids and titles, and what the pool may show of them.
#[allow(clippy::too_many_arguments)]
fn stats(
    lang: Lang,
    paths: &Paths,
    pack_dirs: &[PathBuf],
    pack: Option<&str>,
    format: StatsFormat,
    threshold: Threshold,
    out: &mut dyn std::io::Write,
    err: &mut dyn std::io::Write,
) -> std::io::Result<Exit> {
    // Statistics need the packs' ids and titles only: a named pack folder that is missing
    // is left out rather than stopping the command.
    let readable: Vec<PathBuf> = pack_dirs.iter().filter(|d| d.exists()).cloned().collect();
    let Some(catalog) = load_catalog(lang, &readable, err)? else {
        return Ok(Exit::Usage);
    };
    let packs: Vec<&Pack> =
        catalog.packs().filter(|p| pack.is_none_or(|id| p.id.as_str() == id)).collect();
    if let Some(id) = pack
        && packs.is_empty()
    {
        writeln!(err, "{}", CliText(lang).unknown_pack(id))?;
        return Ok(Exit::Usage);
    }
    // The pool counts (a folder from this install's cache while it is valid; the
    // organisation's database applies its own k and releases in batches).
    let summary = paths.pool().and_then(|pool| pool.summary(threshold));
    let (summary, warnings) = match summary {
        Ok(s) => s,
        Err(e) => {
            writeln!(err, "{}", CliText(lang).store_error(&e))?;
            return Ok(Exit::Usage);
        }
    };
    for w in &warnings {
        writeln!(err, "{}", CliText(lang).pool_warning(&w.path, w.line, &w.reason))?;
    }
    let threshold = Threshold::new(summary.k.max(threshold.k()));
    commands::stats(lang, &packs, &summary, threshold, format, out)
}

/// `wikken export --me`: "Mijn ontwikkeling" as Markdown.
fn export_me(
    lang: Lang,
    paths: &Paths,
    pack_dirs: &[PathBuf],
    file: &std::path::Path,
    threshold: Threshold,
    out: &mut dyn std::io::Write,
    err: &mut dyn std::io::Write,
) -> std::io::Result<Exit> {
    let Some(catalog) = load_catalog(lang, pack_dirs, err)? else {
        return Ok(Exit::Usage);
    };
    let packs: Vec<Pack> = catalog.packs().cloned().collect();
    let Some(pool) = open_pool(lang, paths, err)? else { return Ok(Exit::Usage) };
    let journal = Journal::new(&paths.data);
    commands::export_development(
        lang,
        &journal,
        &*pool,
        &packs,
        threshold,
        file,
        &SystemClock,
        out,
        err,
    )
}

/// The folders and the threshold a command runs with, or `None` after saying (in the
/// person's language) what is wrong with them.
fn setting(cli: &Cli, lang: Lang, config: &Config) -> Option<(Paths, Threshold, Vec<PathBuf>)> {
    let Some(paths) = Paths::resolve(cli.data.clone(), cli.pool.clone().or(config.pool.clone()))
    else {
        eprintln!("{}", CliText(lang).no_data_folder());
        return None;
    };
    // A `--packs` folder that is not there is named at once, in the person's language.
    for dir in &cli.packs {
        if let Err(e) = std::fs::metadata(dir)
            .and_then(|m| if m.is_dir() { std::fs::read_dir(dir).map(drop) } else { Ok(()) })
        {
            eprintln!("{}", CliText(lang).packs_dir_failed(dir, &e));
            return None;
        }
    }
    let threshold = match config.threshold {
        Some(k) if k < Threshold::MIN => {
            eprintln!("{}", CliText(lang).threshold_raised(k, Threshold::MIN));
            Threshold::new(k)
        }
        Some(k) => Threshold::new(k),
        None => Threshold::default(),
    };
    let pack_dirs = paths.pack_dirs(&config.packs, &cli.packs);
    // The trainer says it on its home screen.
    if let (Some(link), Some(_)) = (paths.team_packs_link(), &cli.command) {
        eprintln!("{}", CliText(lang).team_packs_link_warning(&link));
    }
    Some((paths, threshold, pack_dirs))
}

fn run(cli: Cli, lang: Lang, config: &Config) -> anyhow::Result<Exit> {
    let Some((paths, threshold, pack_dirs)) = setting(&cli, lang, config) else {
        return Ok(Exit::Usage);
    };
    let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr().lock());
    let exit = match &cli.command {
        Some(Command::Check { paths, strict, editor, wet_max_age }) => {
            let wet_age = match wet_age(wet_max_age.or(config.wet_max_age)) {
                Ok(age) => age,
                Err(value) => {
                    writeln!(err, "{}", CliText(lang).today_invalid(&value))?;
                    return Ok(Exit::Usage);
                }
            };
            let flags = commands::CheckFlags { strict: *strict, editor: *editor, wet_age };
            commands::check(lang, paths, &pack_dirs, flags, &mut out, &mut err)?
        }
        Some(Command::New { path }) => commands::new_pack(lang, path, &mut out, &mut err)?,
        Some(Command::Fmt { files, check }) => {
            commands::fmt(lang, files, *check, &mut out, &mut err)?
        }
        Some(Command::Stats { pack, format }) => stats(
            lang,
            &paths,
            &pack_dirs,
            pack.as_deref(),
            *format,
            threshold,
            &mut out,
            &mut err,
        )?,
        Some(Command::Export { out: file, me: false }) => {
            let Some(pool) = open_pool(lang, &paths, &mut err)? else { return Ok(Exit::Usage) };
            commands::export_pool(lang, &*pool, file, &SystemClock, &mut out, &mut err)?
        }
        Some(Command::Export { out: file, me: true }) => {
            export_me(lang, &paths, &pack_dirs, file, threshold, &mut out, &mut err)?
        }
        Some(Command::Import { file }) => {
            let Some(pool) = open_pool(lang, &paths, &mut err)? else { return Ok(Exit::Usage) };
            commands::import_bundle(lang, &*pool, file, &mut out, &mut err)?
        }
        Some(Command::Pool {
            action: action @ (PoolAction::Init { url } | PoolAction::Packs { url }),
        }) => {
            // The pool takes answers to the packs wikken loads here, as the trainer does.
            let Some(catalog) = load_catalog(lang, &pack_dirs, &mut err)? else {
                return Ok(Exit::Usage);
            };
            let run = match action {
                PoolAction::Init { .. } => commands::pool::init,
                _ => commands::pool::packs,
            };
            run(lang, url, &catalog, &mut out, &mut err)?
        }
        Some(Command::Pool { action: PoolAction::Status }) => {
            commands::pool::status(lang, &paths, threshold, &mut out, &mut err)?
        }
        Some(Command::Forget { yes }) => {
            commands::forget(lang, &paths, *yes, &mut std::io::stdin().lock(), &mut out, &mut err)?
        }
        Some(Command::Handout { pack, dilemmas, out: file }) => commands::handout(
            lang,
            pack,
            dilemmas,
            file.as_deref(),
            &pack_dirs,
            &mut out,
            &mut err,
        )?,
        Some(Command::Bewerk { path }) => {
            // Before anything touches DATA: the editor writes only the pack (and its backup).
            drop(out);
            // Checked as `wikken check` checks, Wet notes' age included.
            let wet_age = match wet_age(config.wet_max_age) {
                Ok(age) => age,
                Err(value) => {
                    writeln!(err, "{}", CliText(lang).today_invalid(&value))?;
                    return Ok(Exit::Usage);
                }
            };
            // The months a Wet note can be checked in end at the month its age counts from
            // (`WIKKEN_TODAY` for a reproducible run), else this month.
            let today = match &wet_age {
                Some(age) => format!("{:04}-{:02}-01", age.today.year, age.today.month),
                None => wikken::store::today(&wikken::store::SystemClock),
            };
            let open = commands::Open { pack_dirs: &pack_dirs, today, wet_age };
            commands::bewerk(lang, path, open, &mut err)?
        }
        Some(Command::Preview { file }) => {
            // Before anything touches DATA: the preview records nothing.
            drop(out);
            commands::preview(lang, file, &mut err)?
        }
        None | Some(Command::Session { .. } | Command::Oefenen { .. }) => {
            let clock = match clock() {
                Ok(clock) => clock,
                Err(value) => {
                    writeln!(err, "{}", CliText(lang).now_invalid(&value))?;
                    return Ok(Exit::Usage);
                }
            };
            let session = match cli.command {
                Some(Command::Session { listen, beamer }) => {
                    Some(commands::SessionStart { listen, beamer })
                }
                _ => None,
            };
            // Practising alone is the full screen in a terminal, and plain lines with
            // `--tekst`, `tekst = true`, output that is not a terminal or TERM=dumb. Plain
            // `wikken` falls back the same way rather than fail without a terminal; a
            // session always needs the full screen (it is shown to a room).
            let flag = matches!(cli.command, Some(Command::Oefenen { tekst: true }));
            let text = session.is_none().then(|| {
                let term = std::env::var("TERM").ok();
                let terminal = std::io::IsTerminal::is_terminal(&std::io::stdout());
                wikken::textmode::Why::decide(
                    flag,
                    config.tekst.unwrap_or(false),
                    terminal,
                    term.as_deref(),
                )
            });
            let theme = match config.theme.as_deref().map(|t| (t, ThemeSetting::parse(t))) {
                None => ThemeSetting::Auto,
                Some((_, Some(setting))) => setting,
                Some((value, None)) => {
                    eprintln!("{}", CliText(lang).theme_invalid(value));
                    return Ok(Exit::Usage);
                }
            };
            // A named pack folder that is missing (a typo in the settings, a share that is
            // not mounted) is said on the home screen; it never stops the trainer.
            let (readable, missing): (Vec<PathBuf>, Vec<PathBuf>) =
                pack_dirs.iter().cloned().partition(|d| d.exists());
            let Some(catalog) = load_catalog(lang, &readable, &mut err)? else {
                return Ok(Exit::Usage);
            };
            drop((out, err));
            let setup = commands::Setup {
                lang,
                paths: &paths,
                catalog,
                pack_dirs: &readable,
                missing_dirs: &missing,
                threshold,
                clock,
            };
            match text.flatten() {
                Some(why) => commands::practise_in_text(setup, why)?,
                None => commands::trainer(setup, commands::Look { theme, session })?,
            }
        }
    };
    Ok(exit)
}
