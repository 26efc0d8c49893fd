//! End to end: the real `wikken` binary in a pseudo-terminal (portable-pty), keys typed,
//! the screen read back through a terminal emulator (vt100). A klantmanager opens a
//! dilemma, picks a werkwijze, writes why, submits, sees the spiegel and quits; the answer
//! is then in the data folder. And a process killed right after submitting loses nothing.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("non-zero size")
}

const TIMEOUT: Duration = Duration::from_secs(20);

struct Tui {
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    parser: Arc<Mutex<vt100::Parser>>,
}

impl Tui {
    fn start(data: &Path) -> Tui {
        Self::start_with(data, &[])
    }

    fn start_with(data: &Path, extra: &[&std::ffi::OsStr]) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize { rows: 24, cols: 80, pixel_width: 0, pixel_height: 0 })
            .expect("open pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_wikken"));
        cmd.arg("--data");
        cmd.arg(data);
        for arg in extra {
            cmd.arg(arg);
        }
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        cmd.env("LANG", "C.UTF-8");
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("LC_ALL");
        cmd.env_remove("WIKKEN_POOL");
        cmd.env("WIKKEN_CONFIG", "/nonexistent/wikken-test-config.toml");
        let child = pair.slave.spawn_command(cmd).expect("spawn wikken");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(nz(24), nz(80), 0)));
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

    fn screen(&self) -> String {
        self.parser.lock().expect("parser").screen().contents()
    }

    fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < TIMEOUT {
            if self.screen().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(30));
        }
        panic!("timed out waiting for {text:?}; screen:\n{}", self.screen());
    }

    fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).expect("write");
        self.writer.flush().expect("flush");
        // Let the app read and redraw before the next key, as a person would.
        std::thread::sleep(Duration::from_millis(60));
    }

    fn resize(&self, cols: u16, rows: u16) {
        self.master
            .resize(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 })
            .expect("resize");
        self.parser.lock().expect("parser").screen_mut().set_size(nz(rows), nz(cols));
    }

    fn wait_exit(&mut self) -> bool {
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

/// Home → first pack → first dilemma → werkwijze 1 → reasoning → Ctrl+S → spiegel.
fn answer_first_dilemma(tui: &mut Tui, reasoning: &str) {
    tui.wait_for("Verras me");
    tui.send("\r");
    tui.wait_for("Thema:");
    tui.send("\r");
    tui.wait_for("1–9 kiezen");
    tui.send("1");
    tui.wait_for("Waarom kies je hiervoor?");
    tui.send(reasoning);
    tui.send("\x13"); // Ctrl+S
    tui.wait_for("Hoe collega's kozen");
}

fn first_bundled() -> (String, String) {
    let (_, text) = wikken::pack::BUNDLED[0];
    let pack = wikken::pack::check_text(text).pack.expect("bundled pack");
    (pack.id.value.clone(), pack.dilemmas[0].id.value.clone())
}

#[test]
fn answer_a_dilemma_and_find_it_in_the_data_folder() {
    let data = tempfile::tempdir().expect("tmp");
    let mut tui = Tui::start(data.path());
    answer_first_dilemma(&mut tui, "Ik kies dit omdat het team telt.");
    assert!(tui.screen().contains("Jouw keuze"));
    tui.send("q");
    assert!(tui.wait_exit(), "clean exit");

    let journal = std::fs::read_to_string(data.path().join("journal.jsonl")).expect("journal");
    let line: serde_json::Value =
        serde_json::from_str(journal.lines().next().expect("one answer")).expect("json");
    let (pack, dilemma) = first_bundled();
    assert_eq!(line["pack"], pack.as_str());
    assert_eq!(line["dilemma"], dilemma.as_str());
    assert_eq!(line["reasoning"], "Ik kies dit omdat het team telt.");
    assert!(line["choice"].as_str().is_some_and(|c| !c.is_empty()));

    // The pool holds the anonymised record, without the (unshared) reasoning.
    let pool_dir = data.path().join("pool");
    let files: Vec<_> = std::fs::read_dir(&pool_dir).expect("pool").collect();
    assert_eq!(files.len(), 1);
    let pool =
        std::fs::read_to_string(files[0].as_ref().expect("entry").path()).expect("pool file");
    assert!(pool.contains(&dilemma));
    assert!(!pool.contains("team telt"), "reasoning not shared, so not in the pool");
}

#[test]
fn killed_right_after_submitting_loses_nothing() {
    let data = tempfile::tempdir().expect("tmp");
    let mut tui = Tui::start(data.path());
    answer_first_dilemma(&mut tui, "Bewaard voor het scherm verder gaat.");
    let pid = tui.child.process_id().expect("pid");
    let status =
        std::process::Command::new("kill").args(["-9", &pid.to_string()]).status().expect("kill");
    assert!(status.success());
    let _ = tui.wait_exit();
    let journal = std::fs::read_to_string(data.path().join("journal.jsonl")).expect("journal");
    let lines: Vec<&str> = journal.lines().collect();
    assert_eq!(lines.len(), 1);
    let answer: serde_json::Value = serde_json::from_str(lines[0]).expect("intact record");
    assert_eq!(answer["reasoning"], "Bewaard voor het scherm verder gaat.");
}

#[test]
fn too_small_window_says_so_and_recovers() {
    let data = tempfile::tempdir().expect("tmp");
    let mut tui = Tui::start(data.path());
    tui.wait_for("Verras me");
    tui.resize(50, 12);
    tui.wait_for("minstens 60×16");
    tui.resize(100, 30);
    tui.wait_for("Verras me");
    tui.send("q");
    assert!(tui.wait_exit());
}

#[test]
fn unreachable_pool_keeps_the_answer_and_syncs_it_later() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().join("data");
    // A pool folder that cannot be created: its parent is a file (a share that is gone).
    std::fs::write(dir.path().join("share"), "not a folder").expect("file");
    let gone = dir.path().join("share").join("pool");
    let mut tui = Tui::start_with(&data, &["--pool".as_ref(), gone.as_os_str()]);
    answer_first_dilemma(&mut tui, "Ook zonder netwerk bewaard.");
    tui.wait_for("niet bereikbaar");
    tui.send("q");
    assert!(tui.wait_exit());
    let journal = std::fs::read_to_string(data.join("journal.jsonl")).expect("journal");
    assert!(journal.contains("Ook zonder netwerk bewaard."));

    // The share is back: the next start adds the answer to the pool.
    let back = dir.path().join("pool");
    let mut tui = Tui::start_with(&data, &["--pool".as_ref(), back.as_os_str()]);
    tui.wait_for("Verras me");
    tui.send("q");
    assert!(tui.wait_exit());
    let files: Vec<_> = std::fs::read_dir(&back).expect("pool created").flatten().collect();
    assert_eq!(files.len(), 1);
    let (_, dilemma) = first_bundled();
    assert!(std::fs::read_to_string(files[0].path()).expect("pool file").contains(&dilemma));
}
