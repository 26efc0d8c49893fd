//! The `wikken` command: parses arguments, resolves folders and runs the chosen command.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Parser, Subcommand};
use wikken::commands::{self, Exit};
use wikken::i18n::Lang;
use wikken::paths::Paths;

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
    /// Controleer packs / validate packs
    Check {
        /// Bestanden of mappen / files or folders
        paths: Vec<PathBuf>,
    },
    /// Schrijf een starterpack / write a starter pack
    New {
        /// Nieuw bestand / new file
        path: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = cli.lang.as_deref().and_then(Lang::parse).unwrap_or_else(Lang::from_env);
    match run(cli, lang) {
        Ok(exit) => ExitCode::from(exit as u8),
        Err(e) => {
            eprintln!("wikken: {e:#}");
            ExitCode::from(Exit::Usage as u8)
        }
    }
}

fn run(cli: Cli, lang: Lang) -> anyhow::Result<Exit> {
    let paths = Paths::resolve(cli.data.clone(), cli.pool.clone())
        .context("no home folder found for the data; pass --data DIR")?;
    let mut pack_dirs = Vec::new();
    let user = paths.user_packs();
    if user.exists() {
        pack_dirs.push(user);
    }
    pack_dirs.extend(cli.packs.iter().cloned());
    let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr().lock());
    let exit = match &cli.command {
        Some(Command::Check { paths }) => {
            commands::check(lang, paths, &pack_dirs, &mut out, &mut err)?
        }
        Some(Command::New { path }) => commands::new_pack(lang, path, &mut out, &mut err)?,
        None => {
            drop((out, err));
            commands::trainer(lang, &paths, &pack_dirs)?
        }
    };
    Ok(exit)
}
