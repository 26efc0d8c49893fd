//! `wikken preview FILE` end to end, in a pseudo-terminal: the pack as a trainee sees it; a
//! save that breaks the file shows the problem with line:col within 2 s while the last good
//! version stays on screen; a save that fixes it brings the dilemma back, on the same
//! dilemma; and nothing at all is written under DATA.

mod pty;

use std::time::{Duration, Instant};

use pty::Tui;

const OEFEN: &str = include_str!("packs/tui/oefen.ron");

/// Waits until the screen shows `text`, at most `limit`; returns how long it took.
fn within(tui: &Tui, text: &str, limit: Duration) -> Duration {
    let start = Instant::now();
    while start.elapsed() < limit {
        if tui.screen().contains(text) {
            return start.elapsed();
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("{text:?} did not appear within {limit:?}; screen:\n{}", tui.screen());
}

/// Writes the file the way many editors save: a new file renamed over the old one.
fn save(path: &std::path::Path, text: &str) {
    let tmp = path.with_extension("ron.tmp~");
    std::fs::write(&tmp, text).expect("write");
    std::fs::rename(&tmp, path).expect("rename");
}

#[test]
fn breaking_and_fixing_the_file_reloads_it_and_nothing_is_recorded() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().join("data");
    let file = dir.path().join("oefen.ron");
    std::fs::write(&file, OEFEN).expect("write");
    let mut tui = Tui::start(&data, &["preview".as_ref(), file.as_os_str()], 100, 32);
    tui.wait_for("Voorbeeldweergave");
    tui.wait_for("De aanvraag die te laat kwam");

    // The second dilemma, as a trainee sees it; then its spiegel with the sample chart.
    tui.send(pty::DOWN);
    tui.send("\r");
    tui.wait_for("Werkwijzen");
    let second = wikken::pack::check_text(OEFEN).pack.expect("fixture").dilemmas[1].clone();
    tui.wait_for(second.title.as_str());
    tui.send("1");
    tui.wait_for("VOORBEELD");
    tui.wait_for("geen echte antwoorden");
    tui.send("\x1b");
    tui.wait_for("Werkwijzen");

    // Break it: a field name with a typo, in the second dilemma.
    let broken = OEFEN.replacen("question:", "qestion:", 2);
    let diag = wikken::pack::check_text(&broken)
        .diagnostics
        .into_iter()
        .find(|d| d.is_error())
        .expect("an error");
    save(&file, &broken);
    let took =
        within(&tui, &format!("{}:{} fout", diag.pos.line, diag.pos.col), Duration::from_secs(2));
    eprintln!("error shown {took:?} after the save");
    assert!(tui.screen().contains("laatste versie die wel laadde"), "{}", tui.screen());
    assert!(tui.screen().contains(second.title.as_str()), "the last good version stays");

    // Fix it, with a new title for the same dilemma: back, on that dilemma.
    let fixed = OEFEN.replace(second.title.as_str(), "Een nieuwe titel voor hetzelfde dilemma");
    save(&file, &fixed);
    within(&tui, "Een nieuwe titel voor hetzelfde dilemma", Duration::from_secs(2));
    assert!(!tui.screen().contains(" fout:"), "{}", tui.screen());

    tui.send("q");
    assert!(tui.wait_exit(), "clean exit");
    assert!(!data.exists(), "the preview wrote under DATA: {:?}", std::fs::read_dir(&data));
}

#[test]
fn a_file_that_never_loaded_says_what_to_fix_and_follows_the_fix() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().join("data");
    let file = dir.path().join("nieuw.ron");
    std::fs::write(&file, "Pack(\n    id: “nieuw”,\n)\n").expect("write");
    let mut tui = Tui::start(&data, &["preview".as_ref(), file.as_os_str()], 100, 30);
    tui.wait_for("laadt nog niet");
    tui.wait_for("2:9 fout");
    // Saved in place (no rename): the change is seen too.
    std::fs::write(&file, OEFEN).expect("write");
    within(&tui, "De aanvraag die te laat kwam", Duration::from_secs(2));
    tui.send("q");
    assert!(tui.wait_exit());
    assert!(!data.exists());
}

#[test]
fn a_missing_file_is_a_usage_error() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_wikken"))
        .arg("--data")
        .arg(dir.path().join("data"))
        .arg("preview")
        .arg(dir.path().join("weg.ron"))
        .env("LANG", "C.UTF-8")
        .env("WIKKEN_CONFIG", "/nonexistent/wikken-test-config.toml")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("weg.ron"));
    assert!(!dir.path().join("data").exists());
}
