//! `wikken` without a subcommand: load packs and answers, then open the trainer.

use std::path::PathBuf;

use anyhow::Context as _;

use super::Exit;
use crate::clean;
use crate::i18n::{Lang, UiText};
use crate::pack::{Catalog, PackFile};
use crate::paths::Paths;
use crate::store::{
    Journal, SystemClock, Threshold, load_or_create_order_key, load_or_create_pseudonym,
};
use crate::tui::{App, FALLBACK_SIZE, Stores, Theme, run};

/// The home screen's notice at start: the pack files that were not loaded (each by cleaned
/// file name) with the exact command that says why — `wikken check` on the pack folders
/// that were used, in the order they were loaded, so a pack refused for an id that an
/// earlier folder already had is refused there too — and the named pack folders that are
/// missing; or else how many damaged journal lines were skipped.
pub fn start_notice(
    ui: &UiText,
    catalog: &Catalog,
    pack_dirs: &[PathBuf],
    missing_dirs: &[PathBuf],
    damaged_lines: usize,
) -> Option<String> {
    let mut parts = Vec::new();
    let skipped: Vec<String> = catalog.skipped().map(PackFile::name).collect();
    if !skipped.is_empty() {
        let mut command = String::from("wikken check");
        for dir in pack_dirs {
            command.push(' ');
            command.push_str(&clean::shell_arg(dir));
        }
        parts.push(ui.packs_skipped(&skipped, &command));
    }
    if !missing_dirs.is_empty() {
        let names: Vec<String> = missing_dirs.iter().map(|d| clean::path(d)).collect();
        parts.push(ui.pack_dirs_missing(&names));
    }
    if parts.is_empty() && damaged_lines > 0 {
        parts.push(ui.read_warnings(damaged_lines));
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// Opens the trainer on the bundled packs and `pack_dirs`; with `session`, straight into
/// preparing an intervisie session.
pub fn trainer(
    lang: Lang,
    paths: &Paths,
    pack_dirs: &[PathBuf],
    threshold: Threshold,
    session: bool,
) -> anyhow::Result<Exit> {
    // A named pack folder that is missing (a typo in the settings, a share that is not
    // mounted) is said on the home screen; it never stops the trainer.
    let (pack_dirs, missing): (Vec<PathBuf>, Vec<PathBuf>) =
        pack_dirs.iter().cloned().partition(|d| std::fs::read_dir(d).is_ok() || d.is_file());
    let catalog = Catalog::load(true, &pack_dirs).context("reading the pack folders")?;
    let journal = Journal::new(&paths.data);
    let (answers, journal_warnings) = journal.load();
    let who = load_or_create_pseudonym(&paths.data)
        .with_context(|| format!("creating the data folder {}", paths.data.display()))?;
    let pool = paths.pool();

    let ui = lang.ui();
    let order_key = load_or_create_order_key(&paths.data)
        .with_context(|| format!("creating the data folder {}", paths.data.display()))?;
    let seed = crate::tui::order_seed(&order_key);
    let mut app = App::new(
        ui,
        Theme::from_env(),
        catalog.packs().cloned().collect(),
        answers,
        seed,
        FALLBACK_SIZE,
    );
    app.threshold = threshold;
    app.skipped_packs = catalog.skipped().count();
    app.notice = start_notice(ui, &catalog, &pack_dirs, &missing, journal_warnings.len());
    if session {
        crate::tui::update(&mut app, crate::tui::Action::StartSession);
    }
    let stores = Stores {
        sessions: paths.sessions(),
        written: Default::default(),
        journal,
        pool,
        who,
        clock: Box::new(SystemClock),
        lang,
    };
    run(app, stores).context("running the terminal interface")?;
    Ok(Exit::Ok)
}
