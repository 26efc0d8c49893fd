//! The trainer under Wine in a pseudo-terminal: keys typed, the answer in the journal.
//!
//! Wine 8's console passes the trainer's escape sequences on to the terminal but counts
//! their bytes as text, so it breaks a "line" every `cols` bytes with `\r\r\n` and redraws
//! the line it broke. [`WinePty::screen`] drops those breaks before a terminal emulator
//! (vt100) reads the stream: words and short phrases come out right, which is enough to know
//! where the trainer is; the picture as a whole is not (README's Windows section).

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

use crate::wine::{self, Windows, win};

/// How long the trainer under Wine may take to show something.
pub const TIMEOUT: Duration = Duration::from_secs(40);

/// `wikken.exe` under Wine in a pseudo-terminal.
pub struct WinePty {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    raw: Arc<Mutex<Vec<u8>>>,
    size: (u16, u16),
}

impl WinePty {
    /// Starts `wikken.exe ARGS` in a `cols`×`rows` terminal, Dutch, with no settings file
    /// unless `env` names one.
    pub fn start(
        w: &Windows,
        args: &[&OsStr],
        env: &[(&str, &OsStr)],
        cols: u16,
        rows: u16,
    ) -> WinePty {
        let pair = native_pty_system()
            .openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 })
            .expect("open pty");
        let mut cmd = CommandBuilder::new("wine");
        cmd.arg(w.exe());
        for arg in args {
            cmd.arg(arg);
        }
        cmd.cwd(&w.dir);
        for (key, value) in [
            ("WINEPREFIX", w.prefix.as_os_str()),
            ("WINEDEBUG", OsStr::new("-all")),
            ("WINEDLLOVERRIDES", OsStr::new("mscoree,mshtml=")),
            ("LANG", OsStr::new("C.UTF-8")),
            ("TERM", OsStr::new("xterm-256color")),
        ] {
            cmd.env(key, value);
        }
        for key in ["LC_ALL", "LC_MESSAGES", "WIKKEN_POOL", "WIKKEN_DATA", "NO_COLOR"] {
            cmd.env_remove(key);
        }
        cmd.env("WIKKEN_CONFIG", win(Path::new("/nonexistent/wikken-config.toml")));
        for (key, value) in env {
            cmd.env(key, value);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn wine");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let raw = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&raw);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().expect("raw").extend_from_slice(&buf[..n]);
            }
            // The master must outlive the reader; it goes when this thread ends.
            drop(pair.master);
        });
        WinePty { child, writer, raw, size: (cols, rows) }
    }

    /// Everything the trainer wrote so far, with Wine's extra line breaks taken out.
    pub fn stream(&self) -> Vec<u8> {
        let raw = self.raw.lock().expect("raw");
        let mut out = Vec::with_capacity(raw.len());
        let mut i = 0;
        while i < raw.len() {
            if raw[i..].starts_with(b"\r\r\n") {
                i += 3;
            } else {
                out.push(raw[i]);
                i += 1;
            }
        }
        out
    }

    /// The screen as a terminal emulator makes of [`WinePty::stream`].
    pub fn screen(&self) -> String {
        let (cols, rows) = self.size;
        let nz = |n: u16| std::num::NonZeroU16::new(n).expect("non-zero size");
        let mut parser = vt100::Parser::new(nz(rows), nz(cols), 0);
        parser.process(&self.stream());
        parser.screen().contents()
    }

    /// Waits until `done` holds for the screen; fails with the screen after [`TIMEOUT`].
    pub fn wait_until(&self, what: &str, done: impl Fn(&str) -> bool) {
        let start = Instant::now();
        while start.elapsed() < TIMEOUT {
            if done(&self.screen()) {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("timed out waiting for {what}; screen:\n{}", self.screen());
    }

    /// Waits until the screen shows `text`.
    pub fn wait_for(&self, text: &str) {
        self.wait_until(text, |s| s.contains(text));
    }

    /// Types keys, then gives the trainer (and Wine) a moment, as a person would.
    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write");
        self.writer.flush().expect("flush");
        std::thread::sleep(Duration::from_millis(400));
    }

    /// Waits for the end; whether it succeeded.
    pub fn wait_exit(&mut self) -> bool {
        let start = Instant::now();
        while start.elapsed() < TIMEOUT {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.success();
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        panic!("wikken.exe did not exit; screen:\n{}", self.screen());
    }
}

impl Drop for WinePty {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// The trainer with its data in `data`, in a `cols`×`rows` terminal.
pub fn trainer(w: &Windows, data: &Path, env: &[(&str, &OsStr)], cols: u16, rows: u16) -> WinePty {
    let data = win(data);
    WinePty::start(w, &[OsStr::new("--data"), OsStr::new(&data)], env, cols, rows)
}

/// Quits and waits for a clean exit.
pub fn quit(mut tui: WinePty) {
    tui.send("q");
    assert!(tui.wait_exit(), "clean exit; screen:\n{}", tui.screen());
}

/// Waits until `path` exists (what the trainer writes is the check, not its picture).
pub fn wait_for_file(path: &Path) {
    let start = Instant::now();
    while !path.exists() {
        assert!(start.elapsed() < TIMEOUT, "{} never appeared", path.display());
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Home → first pack → first dilemma → werkwijze 1 → reasoning → Ctrl+S → spiegel → quit;
/// the answer is in the journal exactly as typed (each key press counted once: Windows
/// also reports each key's release, which must not type a second letter).
#[test]
fn answer_a_dilemma_quit_and_find_it_in_the_journal() {
    let Some(w) = wine::windows() else { return };
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().join("data");
    let mut tui = trainer(w, &data, &[], 100, 30);
    tui.wait_for("Verras");
    tui.send("\r");
    tui.wait_for("Thema");
    tui.send("\r");
    tui.wait_for("kiezen");
    tui.send("1");
    tui.wait_for("Waarom kies je hiervoor?");
    let reasoning = "Eerst bellen, dan pas een brief: zo hoort het.";
    tui.send(reasoning);
    tui.send("\x13"); // Ctrl+S
    wait_for_file(&data.join("journal.jsonl"));
    tui.wait_for("collega");
    quit(tui);

    let journal = std::fs::read_to_string(data.join("journal.jsonl")).expect("journal");
    let lines: Vec<&str> = journal.lines().collect();
    assert_eq!(lines.len(), 1, "one answer: {journal}");
    let answer: serde_json::Value = serde_json::from_str(lines[0]).expect("json");
    let (dilemma, options) = crate::cli::dilemma_and_options();
    assert_eq!(answer["pack"], crate::cli::PACK);
    assert_eq!(answer["dilemma"], dilemma.as_str());
    assert!(options.iter().any(|o| answer["choice"] == o.as_str()), "{answer}");
    assert_eq!(answer["reasoning"], reasoning, "every key once");
    // The pool got the anonymised record, in DATA\pool, named with its Windows path.
    let pools = std::fs::read_to_string(data.join("pools")).expect("pools");
    assert_eq!(pools.trim(), win(&data.join("pool")));
    let pool = crate::cli::tree(&data.join("pool"));
    assert_eq!(pool.len(), 1, "{pool:?}");
    assert!(String::from_utf8_lossy(&pool[0].1).contains(&dilemma));
}
