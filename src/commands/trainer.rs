//! `wikken` and `wikken oefenen`: load packs and answers, then open the trainer, or the
//! plain text mode for screen readers and pipes.

use std::path::PathBuf;

use anyhow::Context as _;

use super::Exit;
use crate::clean;
use crate::i18n::{Lang, UiText};
use crate::pack::{Catalog, Pack, PackFile};
use crate::paths::Paths;
use crate::practice::Stores;
use crate::store::{
    Clock, Journal, Pseudonym, Threshold, load_or_create_order_key, load_or_create_pseudonym,
};
use crate::tui::{App, FALLBACK_SIZE, Theme, ThemeSetting, run};

/// The home screen's notice at start: the pack files that were not loaded (each by cleaned
/// file name) with the exact command that says why — `wikken check` on the pack folders
/// that were used, in the order they were loaded; `check` weighs them against the bundled
/// packs and the pack folders as the trainer does, so a pack refused for an id that a
/// bundled pack or an earlier folder already had is refused there too — the packs that
/// loaded from a `.ron.txt` file (to be renamed), and the named pack folders that are
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
    // A pack saved as `.ron.txt` loads, but the name should be fixed (as `check` says).
    let misnamed: Vec<String> = catalog
        .files
        .iter()
        .filter(|f| f.checked.usable().is_some())
        .filter(|f| matches!(&f.origin, crate::pack::Origin::File(p) if crate::pack::is_notepad_name(p)))
        .map(PackFile::name)
        .collect();
    if !misnamed.is_empty() {
        parts.push(ui.packs_misnamed(&misnamed));
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

/// This install's participant and order key, or, when the data folder cannot be written,
/// stand-ins and the reason (in the person's language): the trainer then opens read-only,
/// says so on every screen, and writes nothing (see `Stores::read_only`).
fn identity(paths: &Paths, ui: &UiText) -> (Pseudonym, String, Option<String>) {
    let ids = crate::fsx::check_writable(&paths.data)
        .map_err(|e| (paths.data.clone(), e))
        .and_then(|()| {
            let who = load_or_create_pseudonym(&paths.data).map_err(store_io)?;
            let key = load_or_create_order_key(&paths.data).map_err(store_io)?;
            Ok((who, key))
        });
    match ids {
        Ok((who, key)) => (who, key, None),
        Err((dir, e)) => {
            // Never written anywhere: nothing is saved in read-only mode. The order key is
            // the stored one if it can be read, so werkwijzen keep their usual order.
            let key = std::fs::read_to_string(paths.data.join(crate::store::ORDER_KEY_FILE))
                .ok()
                .map(|k| k.trim().to_string())
                .filter(|k| !k.is_empty())
                .unwrap_or_else(crate::ids::random_id);
            (Pseudonym::random(), key, Some(ui.read_only(&dir, &e)))
        }
    }
}

/// What both ways of practising start from: the journal as loaded, the stores to save
/// through, and the order key. A data folder that cannot be written does not stop them:
/// they open read-only, say so, and write nothing (see `Stores::read_only`).
struct Opened {
    /// The journal's answers, oldest first.
    answers: Vec<crate::store::Answer>,
    /// How many damaged journal lines were skipped.
    damaged_lines: usize,
    /// The one save path.
    stores: Stores,
    /// The per-install seed of the werkwijze order.
    order_seed: u64,
}

/// Opens the data folder and the pool for practising, with `clock` as the time source.
/// `None` when the pool cannot be opened (said on standard error).
fn open(lang: Lang, paths: &Paths, clock: Box<dyn Clock + Send>) -> Option<Opened> {
    let journal = Journal::new(&paths.data);
    let (answers, journal_warnings) = journal.load();
    let ui = lang.ui();
    let (who, order_key, read_only) = identity(paths, ui);
    // Opening touches no network: a database pool connects in the background. Read-only,
    // the pool is read through a pool that refuses every write (and writes nothing to DATA).
    let pool = if read_only.is_some() {
        paths.pool.open_read_only(&paths.data)
    } else {
        match paths.pool() {
            Ok(pool) => pool,
            Err(e) => {
                eprintln!("{}", crate::i18n::CliText(lang).store_error(&e));
                return None;
            }
        }
    };
    let stores = Stores {
        sessions: paths.sessions(),
        written: Default::default(),
        // Bound to this participant: after `forget` (perhaps in another terminal) it
        // refuses every write.
        journal: journal.for_participant(who.clone()),
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

/// What practising alone starts from, in the trainer and in the text mode alike.
pub struct Setup<'a> {
    /// The interface language.
    pub lang: Lang,
    /// The data folder and the pool.
    pub paths: &'a Paths,
    /// The packs, as loaded from `pack_dirs`.
    pub catalog: Catalog,
    /// The pack folders that were read.
    pub pack_dirs: &'a [PathBuf],
    /// Named pack folders that were not there; said at the start, never fatal.
    pub missing_dirs: &'a [PathBuf],
    /// The anonymity threshold.
    pub threshold: Threshold,
    /// The time answers are saved with.
    pub clock: Box<dyn Clock + Send>,
}

/// What both ways of practising begin with, once the folders are open.
struct Begun {
    opened: Opened,
    packs: Vec<Pack>,
    /// Said at the start: pack files not loaded, pack folders missing, damaged lines.
    notice: Option<String>,
    /// How many pack files were not loaded.
    skipped: usize,
    threshold: Threshold,
}

impl Setup<'_> {
    /// Opens the data folder and the pool; `None` when the pool cannot be opened.
    fn begin(self) -> Option<Begun> {
        let opened = open(self.lang, self.paths, self.clock)?;
        let (catalog, ui) = (&self.catalog, self.lang.ui());
        let damaged = opened.damaged_lines;
        let mut notice = start_notice(ui, catalog, self.pack_dirs, self.missing_dirs, damaged);
        if let Some(link) = self.paths.team_packs_link() {
            let said = crate::i18n::CliText(self.lang).team_packs_link(&link);
            notice = Some(notice.map_or(said.clone(), |n| format!("{n} {said}")));
        }
        Some(Begun {
            opened,
            packs: catalog.packs().cloned().collect(),
            notice,
            skipped: catalog.skipped().count(),
            threshold: self.threshold,
        })
    }
}

/// `wikken session`'s options.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SessionStart {
    /// Where phones connect (`--listen`); with it, the set-up starts on *eigen telefoon*.
    pub listen: Option<std::net::SocketAddr>,
    /// Projector mode from the start (`--beamer`), whatever the terminal's width.
    pub beamer: bool,
}

/// How the trainer looks and where it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Look {
    /// Colours for the terminal's background (`theme` in config.toml).
    pub theme: ThemeSetting,
    /// `wikken session`: straight into preparing an intervisie.
    pub session: Option<SessionStart>,
}

/// Opens the trainer (see [`Setup`]); with a session in `look`, straight into preparing
/// an intervisie session.
pub fn trainer(setup: Setup, look: Look) -> anyhow::Result<Exit> {
    let ui = setup.lang.ui();
    let Some(Begun { opened, packs, notice, skipped, threshold }) = setup.begin() else {
        return Ok(Exit::Usage);
    };
    let Opened { answers, stores, order_seed, .. } = opened;
    let theme = Theme::from_env(look.theme);
    let mut app = App::new(ui, theme, packs, answers, order_seed, FALLBACK_SIZE);
    app.threshold = threshold;
    app.skipped_packs = skipped;
    app.notice = notice;
    app.read_only = stores.read_only.clone();
    if let Some(session) = look.session {
        app.listen = session.listen;
        if session.beamer {
            app.beamer = crate::tui::Beamer::On;
        }
        crate::tui::update(&mut app, crate::tui::Action::StartSession);
        if let (Some(_), crate::tui::Screen::SessionSetup(s)) = (session.listen, app.screen_mut()) {
            s.mode = crate::session::VoteMode::Telefoon;
        }
    }
    run(app, stores).context("running the terminal interface")?;
    Ok(Exit::Ok)
}

/// Practises in the plain text mode ([`crate::textmode`]) on standard input and output,
/// with the same data, pool and rules as the trainer; `why` says why it was chosen.
pub fn practise_in_text(setup: Setup, why: crate::textmode::Why) -> anyhow::Result<Exit> {
    let Some(Begun { opened, packs, notice, threshold, .. }) = setup.begin() else {
        return Ok(Exit::Usage);
    };
    let Opened { answers, stores, order_seed, .. } = opened;
    let start =
        crate::textmode::Start { packs, answers, stores, order_seed, threshold, notice, why };
    let (stdin, stdout) = (std::io::stdin(), std::io::stdout());
    crate::textmode::run(start, &mut stdin.lock(), &mut stdout.lock())
        .context("running the text mode")?;
    Ok(Exit::Ok)
}
