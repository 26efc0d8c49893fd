//! `wikken` without a subcommand: load packs and answers, then open the trainer.

use std::path::PathBuf;

use anyhow::Context as _;

use super::Exit;
use crate::i18n::{Lang, UiText};
use crate::pack::{Catalog, PackFile};
use crate::paths::Paths;
use crate::store::{
    Journal, SystemClock, Threshold, load_or_create_order_key, load_or_create_pseudonym,
};
use crate::tui::{App, FALLBACK_SIZE, Stores, Theme, run};

/// The home screen's notice at start: the pack files that were not loaded (by cleaned file
/// name), or else how many damaged journal lines were skipped.
pub fn start_notice(ui: &UiText, catalog: &Catalog, damaged_lines: usize) -> Option<String> {
    let skipped: Vec<String> = catalog.skipped().map(PackFile::name).collect();
    if !skipped.is_empty() {
        Some(ui.packs_skipped(&skipped))
    } else if damaged_lines > 0 {
        Some(ui.read_warnings(damaged_lines))
    } else {
        None
    }
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
    let catalog = Catalog::load(true, pack_dirs).context("reading the pack folders")?;
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
    app.notice = start_notice(ui, &catalog, journal_warnings.len());
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
