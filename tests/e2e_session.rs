//! End to end: a three-person *doorgeven* session on one dilemma in the real binary under a
//! pseudo-terminal — set-up with first names, hidden votes, the reveal, the re-vote, notes
//! and the closing screen — then the Markdown report on disk, and not one typed name
//! anywhere under the data folder.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

const TIMEOUT: Duration = Duration::from_secs(20);
const DOWN: &str = "\x1b[B";
const LEFT: &str = "\x1b[D";

struct Tui {
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    parser: Arc<Mutex<vt100::Parser>>,
}

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("non-zero")
}

impl Tui {
    fn start(data: &Path, args: &[&str]) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize { rows: 35, cols: 120, pixel_width: 0, pixel_height: 0 })
            .expect("pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_wikken"));
        cmd.arg("--data");
        cmd.arg(data);
        for a in args {
            cmd.arg(a);
        }
        cmd.env("LANG", "C.UTF-8");
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("LC_ALL");
        cmd.env_remove("WIKKEN_POOL");
        cmd.env("WIKKEN_CONFIG", "/nonexistent/wikken-test-config.toml");
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(nz(35), nz(120), 0)));
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
        Tui { child, _master: pair.master, writer, parser }
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

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write");
        self.writer.flush().expect("flush");
        std::thread::sleep(Duration::from_millis(60));
    }

    fn vote(&mut self, name: &str, choice: &str) {
        self.wait_for(&format!("Beurt van {name}"));
        self.send("\r");
        self.wait_for("Niemand anders ziet je keuze");
        assert!(self.screen().contains(name));
        self.send(choice);
    }
}

fn all_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("dir").flatten() {
        let p = e.path();
        if p.is_dir() { out.extend(all_files(&p)) } else { out.push(p) }
    }
    out
}

#[test]
fn three_person_session_through_revote_to_report_without_names_on_disk() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().join("data");
    let mut tui = Tui::start(&data, &["session"]);
    tui.wait_for("Intervisie voorbereiden");
    let (_, text) = wikken::pack::BUNDLED[0];
    let pack = wikken::pack::check_text(text).pack.expect("pack");
    // Agenda: the first dilemma; then down to the participants.
    tui.send(DOWN);
    tui.send(" ");
    for _ in 0..pack.dilemmas.len() {
        tui.send(DOWN);
    }
    tui.send(&LEFT.repeat(3));
    tui.wait_for("◀ 3 ▶");
    tui.send(DOWN);
    tui.send("Anna, Bram, Cem");
    tui.send(&DOWN.repeat(4));
    tui.send("\r");

    tui.wait_for("Lees de casus voor");
    tui.send("\r");
    tui.vote("Anna", "1");
    tui.vote("Bram", "2");
    tui.vote("Cem", "1");
    tui.wait_for("3 van 3 gestemd");
    tui.wait_for("Iedereen heeft gestemd");
    tui.send("\r");
    tui.wait_for("Eerste ronde");
    assert!(tui.screen().contains("2 (67%)"), "{}", tui.screen());

    tui.send("\r"); // to the re-vote
    tui.vote("Anna", "2");
    tui.vote("Bram", "2");
    tui.vote("Cem", "1");
    tui.wait_for("Iedereen heeft gestemd");
    tui.send("\r");
    tui.wait_for("Tweede ronde");
    assert!(tui.screen().contains("1 van de 3 deelnemers"), "{}", tui.screen());

    tui.send("\r"); // to the notes
    tui.send("\r"); // opens the editor
    tui.wait_for("Aantekeningen van de begeleider");
    tui.send("Afspraak: we bespreken dit in het teamoverleg.");
    tui.send("\x13"); // Ctrl+S
    tui.send("\r");
    tui.wait_for("De sessie is afgelopen");
    tui.wait_for("Het verslag staat in:");
    tui.send("q");
    let start = Instant::now();
    while tui.child.try_wait().expect("wait").is_none() {
        assert!(start.elapsed() < TIMEOUT, "did not exit");
        std::thread::sleep(Duration::from_millis(30));
    }

    let reports: Vec<_> =
        std::fs::read_dir(data.join("sessions")).expect("sessions").flatten().collect();
    assert_eq!(reports.len(), 1);
    let name = reports[0].file_name().to_string_lossy().into_owned();
    assert!(name.ends_with(&format!("-{}.md", pack.id.as_str())), "{name}");
    let report = std::fs::read_to_string(reports[0].path()).expect("report");
    assert!(report.contains(&format!("## 1. {}", pack.dilemmas[0].title.as_str())), "{report}");
    assert!(report.contains("| Werkwijze | Eerste ronde (3 stemmen) | Tweede ronde (3 stemmen) |"));
    assert!(report.contains("1 van de 3 deelnemers die twee keer stemden"));
    assert!(report.contains("Afspraak: we bespreken dit in het teamoverleg."));

    // The votes are in the pool, under session pseudonyms.
    let pool: Vec<_> = std::fs::read_dir(data.join("pool")).expect("pool").flatten().collect();
    assert_eq!(pool.len(), 1);
    let records = std::fs::read_to_string(pool[0].path()).expect("records");
    assert!(records.contains(pack.dilemmas[0].id.as_str()));

    for file in all_files(&data) {
        let bytes = std::fs::read(&file).expect("read");
        let text = String::from_utf8_lossy(&bytes);
        for typed in ["Anna", "Bram", "Cem"] {
            assert!(!text.contains(typed), "{typed} found in {}", file.display());
        }
    }
}
