//! The `wikken` command: parses arguments, resolves folders and runs the chosen command.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Parser, Subcommand};
use std::io::Write as _;

use wikken::clean;
use wikken::commands::{self, Exit, StatsFormat};
use wikken::config::{self, Config};
use wikken::i18n::{CliText, Lang};
use wikken::pack::{Catalog, Pack};
use wikken::paths::Paths;
use wikken::store::{SystemClock, Threshold, summarise_pool};

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
    Session,
    /// Controleer packs / validate packs
    Check {
        /// Waarschuw ook waar wikken meer toestaat dan standaard-RON / also warn where wikken
        /// accepts more than standard RON
        #[arg(long)]
        strict: bool,
        /// Bestanden of mappen / files or folders
        paths: Vec<PathBuf>,
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
    /// Anonieme bundel van de pool / anonymised bundle of the pool
    Export {
        /// Bundelbestand / bundle file
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
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
    /// Dilemma's om uit te printen, met een deel voor de gespreksleider / printable
    /// dilemmas, with a part for the facilitator
    Handout {
        /// Packbestand of pack-id / pack file or pack id
        pack: String,
        /// Alleen dit dilemma (herhaalbaar) / only this dilemma (repeatable)
        #[arg(long = "dilemma", value_name = "ID")]
        dilemmas: Vec<String>,
        /// Bestand; .html geeft HTML om te printen, anders Markdown / file; .html gives
        /// printable HTML, anything else Markdown
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
    /// Welke pool, bereikbaar, k, aantallen / which pool, reachable, k, counts
    Status,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let config_path = config::config_path();
    let config = config_path.as_deref().map(config::load).transpose();
    let lang = cli
        .lang
        .as_deref()
        .or(config.as_ref().ok().and_then(|c| c.as_ref()).and_then(|c| c.lang.as_deref()))
        .and_then(Lang::parse)
        .unwrap_or_else(Lang::from_env);
    let config = match config {
        Ok(c) => c.unwrap_or_default(),
        Err(e) => {
            eprintln!("{}", CliText(lang).config_failed(&e.to_string()));
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

fn run(cli: Cli, lang: Lang, config: &Config) -> anyhow::Result<Exit> {
    let paths = Paths::resolve(cli.data.clone(), cli.pool.clone().or(config.pool.clone()))
        .context("no home folder found for the data; pass --data DIR")?;
    let threshold = match config.threshold {
        Some(k) if k < Threshold::MIN => {
            eprintln!("{}", CliText(lang).threshold_raised(k, Threshold::MIN));
            Threshold::new(k)
        }
        Some(k) => Threshold::new(k),
        None => Threshold::default(),
    };
    let pack_dirs = paths.pack_dirs(&config.packs, &cli.packs);
    let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr().lock());
    let uses_pool = !matches!(
        cli.command,
        Some(Command::Check { .. } | Command::New { .. } | Command::Pool { .. })
    );
    if uses_pool
        && paths.pool_named
        && wikken::store::postgres::is_url(&paths.pool.display().to_string())
    {
        writeln!(err, "{}", CliText(lang).pool_db_not_yet())?;
        return Ok(Exit::Usage);
    }
    let exit = match &cli.command {
        Some(Command::Check { paths, strict }) => {
            commands::check(lang, paths, &pack_dirs, *strict, &mut out, &mut err)?
        }
        Some(Command::New { path }) => commands::new_pack(lang, path, &mut out, &mut err)?,
        Some(Command::Stats { pack, format }) => {
            // Statistics need the packs' ids and titles only: a named pack folder that is
            // missing is left out rather than stopping the command.
            let readable: Vec<PathBuf> = pack_dirs.iter().filter(|d| d.exists()).cloned().collect();
            let catalog = Catalog::load(true, &readable).context("reading the pack folders")?;
            let packs: Vec<&Pack> = catalog
                .packs()
                .filter(|p| pack.as_deref().is_none_or(|id| p.id.as_str() == id))
                .collect();
            if let Some(id) = pack
                && packs.is_empty()
            {
                writeln!(err, "{}", CliText(lang).unknown_pack(id))?;
                return Ok(Exit::Usage);
            }
            let cache = paths.data.join("cache").join("stats.json");
            if let Err(e) = paths.pool().ready() {
                writeln!(err, "{}", CliText(lang).store_error(&e))?;
                return Ok(Exit::Usage);
            }
            let (summary, warnings, _) = summarise_pool(&paths.pool, &cache, threshold);
            for w in &warnings {
                writeln!(err, "{}", CliText(lang).pool_warning(&w.path, w.line, &w.reason))?;
            }
            commands::stats(lang, &packs, &summary, threshold, *format, &mut out)?
        }
        Some(Command::Export { out: file }) => {
            commands::export_pool(lang, &paths.pool(), file, &SystemClock, &mut out, &mut err)?
        }
        Some(Command::Import { file }) => {
            commands::import_bundle(lang, &paths.pool(), file, &mut out, &mut err)?
        }
        Some(Command::Pool { action: PoolAction::Init { url } }) => {
            commands::pool::init(lang, url, &mut out, &mut err)?
        }
        Some(Command::Pool { action: PoolAction::Status }) => {
            let setting =
                cli.pool.as_ref().or(config.pool.as_ref()).map(|p| p.display().to_string());
            commands::pool::status(lang, &paths, setting.as_deref(), threshold, &mut out, &mut err)?
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
        Some(Command::Preview { file }) => {
            // Before anything touches DATA: the preview records nothing.
            drop(out);
            commands::preview(lang, file, &mut err)?
        }
        None | Some(Command::Session) => {
            drop((out, err));
            let session = matches!(cli.command, Some(Command::Session));
            commands::trainer(lang, &paths, &pack_dirs, threshold, session)?
        }
    };
    Ok(exit)
}
