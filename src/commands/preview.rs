//! `wikken preview FILE`: the pack as a trainee sees it, reloaded within a second of every
//! save, recording nothing.
//!
//! Watching: the operating system's file events (the `notify` crate) on the file's folder —
//! not on the file, because many editors save by writing a new file and renaming it over
//! the old one — and, always beside them, notify's polling watcher on the file twice a
//! second. Network drives (SMB, NFS) deliver no events for a save made on another machine,
//! and nothing tells a watcher that it is on one, so polling is the fallback that always
//! runs. Both only wake the reader, which reads the file again (a regular file only, capped,
//! as the loader does) and passes it on only when its bytes changed.
//!
//! Nothing is written: this command never opens the journal, the pool, the pseudonym or the
//! order key, and `tui::run_preview` performs no effects. DATA is not even created.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use anyhow::Context as _;
use notify::{PollWatcher, RecommendedWatcher, RecursiveMode, Watcher};

use super::Exit;
use crate::i18n::{CliText, Lang};
use crate::pack::{Checked, check_file_bytes, read_pack_file};
use crate::tui::{Action, Theme, run_preview};

/// How often the polling watcher looks at the file.
pub const POLL_INTERVAL: Duration = Duration::from_millis(500);
/// How long to wait after a wake for an editor to finish writing.
const SETTLE: Duration = Duration::from_millis(60);

/// Opens the preview of `file` until the person quits.
pub fn preview(lang: Lang, file: &Path, err: &mut dyn Write) -> anyhow::Result<Exit> {
    if let Err(e) = std::fs::metadata(file) {
        writeln!(err, "{}", CliText(lang).cannot_read(file, &e))?;
        return Ok(Exit::Usage);
    }
    let (wake_tx, wake_rx) = mpsc::channel::<()>();
    let (tx, rx) = mpsc::channel::<Action>();
    // The watchers stop when dropped, at the end of this function.
    let _watchers = watch(file, &wake_tx).context("watching the file")?;
    drop(wake_tx);

    let mut reader = Reader::new(file.to_path_buf());
    let first = reader.read().unwrap_or_else(|| Checked { pack: None, diagnostics: Vec::new() });
    std::thread::spawn(move || {
        while wake_rx.recv().is_ok() {
            // An editor writes in steps: wait until it is done, then read once.
            std::thread::sleep(SETTLE);
            while wake_rx.try_recv().is_ok() {}
            if let Some(checked) = reader.read()
                && tx.send(Action::PreviewLoaded(Box::new(checked))).is_err()
            {
                break;
            }
        }
    });

    let mut app = crate::tui::preview::app(
        lang.ui(),
        Theme::from_env(crate::tui::ThemeSetting::Auto),
        display_name(file),
    );
    crate::tui::update(&mut app, Action::PreviewLoaded(Box::new(first)));
    run_preview(app, rx).context("running the terminal interface")?;
    Ok(Exit::Ok)
}

/// The file's name for the title bar, cleaned for a terminal.
fn display_name(file: &Path) -> String {
    crate::clean::path(file.file_name().map_or(file, Path::new))
}

/// Reads the file and checks it, remembering the last bytes read.
struct Reader {
    path: PathBuf,
    last: Option<Vec<u8>>,
}

impl Reader {
    fn new(path: PathBuf) -> Self {
        Reader { path, last: None }
    }

    /// The file checked, or `None` when its bytes are the same as last time (a wake
    /// without a change: both watchers saw the same save, or only the time changed).
    fn read(&mut self) -> Option<Checked> {
        match read_pack_file(&self.path) {
            Ok(bytes) => {
                if self.last.as_ref() == Some(&bytes) {
                    return None;
                }
                let checked = check_file_bytes(&self.path, &bytes);
                self.last = Some(bytes);
                Some(checked)
            }
            Err(diag) => {
                // Gone for a moment (an editor replacing it) or unreadable: say so, and
                // read it again in full when it is back.
                self.last = None;
                Some(Checked { pack: None, diagnostics: vec![diag] })
            }
        }
    }
}

/// The running watchers; dropping them stops them.
struct Watchers {
    _native: Option<RecommendedWatcher>,
    _poll: PollWatcher,
}

/// Starts both watchers; each sends `()` on `wake` when the file may have changed. The
/// native watcher is optional (some systems have no file events, or too few watches left).
fn watch(file: &Path, wake: &mpsc::Sender<()>) -> notify::Result<Watchers> {
    let name = file.file_name().map(|n| n.to_os_string());
    let folder = match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let native_wake = wake.clone();
    let native = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let ours = match &event {
            Ok(e) => e.paths.iter().any(|p| p.file_name() == name.as_deref()),
            // An error (e.g. events were lost): look at the file again to be sure.
            Err(_) => true,
        };
        if ours {
            let _ = native_wake.send(());
        }
    })
    .and_then(|mut w| w.watch(&folder, RecursiveMode::NonRecursive).map(|()| w))
    .ok();
    let poll_wake = wake.clone();
    let config = notify::Config::default().with_poll_interval(POLL_INTERVAL);
    let mut poll = PollWatcher::new(
        move |_: notify::Result<notify::Event>| {
            let _ = poll_wake.send(());
        },
        config,
    )?;
    poll.watch(file, RecursiveMode::NonRecursive)?;
    Ok(Watchers { _native: native, _poll: poll })
}
