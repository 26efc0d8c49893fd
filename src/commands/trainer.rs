//! `wikken` and `wikken oefenen`: load packs and answers, then open the trainer, or the
//! plain text mode for screen readers and pipes.

use std::path::PathBuf;

use anyhow::Context as _;

use super::Exit;
use crate::clean;
use crate::i18n::{Lang, UiText};
use crate::pack::{Catalog, PackFile};
use crate::paths::Paths;
use crate::practice::Stores;
use crate::store::{Clock, Journal, Threshold, load_or_create_order_key, load_or_create_pseudonym};
use crate::tui::{App, FALLBACK_SIZE, Theme, run};

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

/// The folder and the system's error behind a store error, for the read-only banner.
fn store_io(e: crate::store::StoreError) -> (PathBuf, std::io::Error) {
    match e {
        crate::store::StoreError::Io { path, source } => (path, source),
        crate::store::StoreError::Refused { path, source } => {
            (path, std::io::Error::other(source.to_string()))
        }
        other => (PathBuf::new(), std::io::Error::other(other.to_string())),
    }
}

/// What both ways of practising start from: the journal as loaded, the stores to save
/// through, and the order key. A data folder that cannot be written does not stop them:
/// they open read-only, say so, and write nothing (see `Stores::read_only`).
pub struct Opened {
    /// The journal's answers, oldest first.
    pub answers: Vec<crate::store::Answer>,
    /// How many damaged journal lines were skipped.
    pub damaged_lines: usize,
    /// The one save path.
    pub stores: Stores,
    /// The per-install seed of the werkwijze order.
    pub order_seed: u64,
}

/// Opens the data folder and the pool for practising, with `clock` as the time source.
/// `None` when the pool cannot be opened (said on standard error).
pub fn open(lang: Lang, paths: &Paths, clock: Box<dyn Clock + Send>) -> Option<Opened> {
    let journal = Journal::new(&paths.data);
    let (answers, journal_warnings) = journal.load();
    let ui = lang.ui();
    let ids = crate::fsx::check_writable(&paths.data)
        .map_err(|e| (paths.data.clone(), e))
        .and_then(|()| {
            let who = load_or_create_pseudonym(&paths.data).map_err(store_io)?;
            let key = load_or_create_order_key(&paths.data).map_err(store_io)?;
            Ok((who, key))
        });
    let (who, order_key, read_only) = match ids {
        Ok((who, key)) => (who, key, None),
        Err((dir, e)) => {
            // Never written anywhere: nothing is saved in read-only mode. The order key is
            // the stored one if it can be read, so werkwijzen keep their usual order.
            let key = std::fs::read_to_string(paths.data.join(crate::store::ORDER_KEY_FILE))
                .ok()
                .map(|k| k.trim().to_string())
                .filter(|k| !k.is_empty())
                .unwrap_or_else(crate::store::random_id);
            (crate::store::Pseudonym::random(), key, Some(ui.read_only(&dir, &e)))
        }
    };
    // Opening touches no network: a database pool connects in the background.
    let pool = match paths.pool() {
        Ok(pool) => pool,
        // Read-only, nothing is written anyway (a database pool's secret cannot be made).
        Err(_) if read_only.is_some() => std::sync::Arc::new(crate::store::MemoryPool::new()),
        Err(e) => {
            eprintln!("{}", crate::i18n::CliText(lang).store_error(&e));
            return None;
        }
    };
    let stores = Stores {
        sessions: paths.sessions(),
        written: Default::default(),
        journal,
        pool,
        who,
        clock,
        lang,
        read_only,
    };
    Some(Opened {
        answers,
        damaged_lines: journal_warnings.len(),
        stores,
        order_seed: crate::practice::order_seed(&order_key),
    })
}

/// Opens the trainer on the packs of `catalog` (loaded from `pack_dirs`; the named folders
/// in `missing_dirs` were not there and are said on the home screen); with `session`,
/// straight into preparing an intervisie session, whose phones (if any) connect on the
/// address it holds (`--listen`; with it, the set-up starts on *eigen telefoon*).
#[allow(clippy::too_many_arguments)]
pub fn trainer(
    lang: Lang,
    paths: &Paths,
    catalog: Catalog,
    pack_dirs: &[PathBuf],
    missing_dirs: &[PathBuf],
    threshold: Threshold,
    session: Option<Option<std::net::SocketAddr>>,
    clock: Box<dyn Clock + Send>,
) -> anyhow::Result<Exit> {
    let Some(Opened { answers, damaged_lines, stores, order_seed }) = open(lang, paths, clock)
    else {
        return Ok(Exit::Usage);
    };
    let ui = lang.ui();
    let mut app = App::new(
        ui,
        Theme::from_env(),
        catalog.packs().cloned().collect(),
        answers,
        order_seed,
        FALLBACK_SIZE,
    );
    app.threshold = threshold;
    app.skipped_packs = catalog.skipped().count();
    app.notice = start_notice(ui, &catalog, pack_dirs, missing_dirs, damaged_lines);
    app.read_only = stores.read_only.clone();
    if let Some(listen) = session {
        app.listen = listen;
        crate::tui::update(&mut app, crate::tui::Action::StartSession);
        if let (Some(_), crate::tui::Screen::SessionSetup(s)) = (listen, app.screen_mut()) {
            s.mode = crate::session::VoteMode::Telefoon;
        }
    }
    run(app, stores).context("running the terminal interface")?;
    Ok(Exit::Ok)
}

/// Practises in the plain text mode ([`crate::textmode`]) on standard input and output,
/// with the same data, pool and rules as the trainer; `why` says why it was chosen.
#[allow(clippy::too_many_arguments)]
pub fn practise_in_text(
    lang: Lang,
    paths: &Paths,
    catalog: Catalog,
    pack_dirs: &[PathBuf],
    missing_dirs: &[PathBuf],
    threshold: Threshold,
    clock: Box<dyn Clock + Send>,
    why: crate::textmode::Why,
) -> anyhow::Result<Exit> {
    let Some(Opened { answers, damaged_lines, stores, order_seed }) = open(lang, paths, clock)
    else {
        return Ok(Exit::Usage);
    };
    let notice = start_notice(lang.ui(), &catalog, pack_dirs, missing_dirs, damaged_lines);
    let start = crate::textmode::Start {
        packs: catalog.packs().cloned().collect(),
        answers,
        stores,
        order_seed,
        threshold,
        notice,
        why,
    };
    let (stdin, stdout) = (std::io::stdin(), std::io::stdout());
    crate::textmode::run(start, &mut stdin.lock(), &mut stdout.lock())
        .context("running the text mode")?;
    Ok(Exit::Ok)
}
