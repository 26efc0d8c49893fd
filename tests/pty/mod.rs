//! Runs the real `wikken` binary in a pseudo-terminal (portable-pty) and reads its screen
//! through a terminal emulator (vt100), for the end-to-end tests.

#![allow(dead_code)]

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// How long to wait for the screen to show something.
pub const TIMEOUT: Duration = Duration::from_secs(20);
/// The arrow keys as a terminal sends them.
pub const DOWN: &str = "\x1b[B";
/// Left arrow.
pub const LEFT: &str = "\x1b[D";

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("non-zero size")
}

/// A running `wikken` in a pseudo-terminal.
pub struct Tui {
    pub child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    parser: Arc<Mutex<vt100::Parser>>,
}

impl Tui {
    /// Starts `wikken --data DATA ARGS...` in a `cols`×`rows` terminal, with a Dutch-neutral
    /// locale and no user config.
    pub fn start(data: &Path, args: &[&OsStr], cols: u16, rows: u16) -> Tui {
        Tui::start_env(data, args, &[], cols, rows)
    }

    /// [`Tui::start`] with extra environment variables, set last (so they can name a
    /// settings file with `WIKKEN_CONFIG`).
    pub fn start_env(
        data: &Path,
        args: &[&OsStr],
        env: &[(&str, &OsStr)],
        cols: u16,
        rows: u16,
    ) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 })
            .expect("open pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_wikken"));
        cmd.arg("--data");
        cmd.arg(data);
        for arg in args {
            cmd.arg(arg);
        }
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        cmd.env("LANG", "C.UTF-8");
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("LC_ALL");
        cmd.env_remove("WIKKEN_POOL");
        cmd.env("WIKKEN_CONFIG", "/nonexistent/wikken-test-config.toml");
        for (key, value) in env {
            cmd.env(key, value);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn wikken");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(nz(rows), nz(cols), 0)));
        let sink = Arc::clone(&parser);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().expect("parser").process(&buf[..n]);
            }
        });
        Tui { child, master: pair.master, writer, parser }
    }

    /// The screen as text.
    pub fn screen(&self) -> String {
        self.parser.lock().expect("parser").screen().contents()
    }

    /// Waits until the screen shows `text`; fails with the screen after [`TIMEOUT`].
    pub fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < TIMEOUT {
            if self.screen().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(30));
        }
        panic!("timed out waiting for {text:?}; screen:\n{}", self.screen());
    }

    /// Types keys, then gives the app a moment to redraw, as a person would.
    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write");
        self.writer.flush().expect("flush");
        std::thread::sleep(Duration::from_millis(60));
    }

    /// Resizes the terminal.
    pub fn resize(&self, cols: u16, rows: u16) {
        self.master
            .resize(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 })
            .expect("resize");
        self.parser.lock().expect("parser").screen_mut().set_size(nz(rows), nz(cols));
    }

    /// Waits for the process to end; whether it succeeded.
    pub fn wait_exit(&mut self) -> bool {
        let start = Instant::now();
        while start.elapsed() < TIMEOUT {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.success();
            }
            std::thread::sleep(Duration::from_millis(30));
        }
        panic!("wikken did not exit; screen:\n{}", self.screen());
    }
}
