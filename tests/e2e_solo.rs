//! End to end: the real `wikken` binary in a pseudo-terminal (portable-pty), keys typed,
//! the screen read back through a terminal emulator (vt100). A klantmanager opens a
//! dilemma, picks a werkwijze, writes why, submits, sees the spiegel and quits; the answer
//! is then in the data folder. And a process killed right after submitting loses nothing.

mod pty;

use pty::Tui;

/// Home → first pack → first dilemma → werkwijze 1 → reasoning → Ctrl+S → spiegel.
fn answer_first_dilemma(tui: &mut Tui, reasoning: &str) {
    tui.wait_for("Verras me");
    tui.send("\r");
    tui.wait_for("Thema:");
    tui.send("\r");
    tui.wait_for("Enter kiezen");
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
    let mut tui = Tui::start(data.path(), &[], 80, 24);
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
    // The journal remembers where the answer went, for `forget`.
    let pools = std::fs::read_to_string(data.path().join("pools")).expect("pools");
    assert_eq!(pools.lines().collect::<Vec<_>>(), [pool_dir.display().to_string()]);
}

#[test]
fn killed_right_after_submitting_loses_nothing() {
    let data = tempfile::tempdir().expect("tmp");
    let mut tui = Tui::start(data.path(), &[], 80, 24);
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
    let mut tui = Tui::start(data.path(), &[], 80, 24);
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
    // A named pool folder that is not there (a typo, or a network share that is not
    // mounted): wikken must not create it on the local disk.
    let gone = dir.path().join("mnt-team").join("pool");
    let mut tui = Tui::start(&data, &["--pool".as_ref(), gone.as_os_str()], 80, 24);
    // The home screen says so at once, before anyone answers.
    tui.wait_for("poolmap");
    answer_first_dilemma(&mut tui, "Ook zonder netwerk bewaard.");
    tui.wait_for("niet in de gedeelde pool");
    tui.send("q");
    assert!(tui.wait_exit());
    let journal = std::fs::read_to_string(data.join("journal.jsonl")).expect("journal");
    assert!(journal.contains("Ook zonder netwerk bewaard."));
    assert!(!dir.path().join("mnt-team").exists(), "a named pool folder was created");

    // The share is back: the next start adds the answer to the pool.
    let back = dir.path().join("pool");
    std::fs::create_dir(&back).expect("the share is mounted again");
    let mut tui = Tui::start(&data, &["--pool".as_ref(), back.as_os_str()], 80, 24);
    tui.wait_for("Verras me");
    // The sync runs in the background, after the first frame: wait for it, not for a key.
    let start = std::time::Instant::now();
    let (_, dilemma) = first_bundled();
    let synced = || {
        std::fs::read_dir(&back)
            .into_iter()
            .flatten()
            .flatten()
            .any(|f| std::fs::read_to_string(f.path()).is_ok_and(|t| t.contains(&dilemma)))
    };
    while !synced() {
        assert!(start.elapsed() < pty::TIMEOUT, "answer never reached the pool");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    tui.send("q");
    assert!(tui.wait_exit());
    let files: Vec<_> = std::fs::read_dir(&back).expect("pool created").flatten().collect();
    assert_eq!(files.len(), 1);
    assert!(std::fs::read_to_string(files[0].path()).expect("pool file").contains(&dilemma));
}

#[test]
fn unwritable_data_folder_opens_read_only_and_never_drops_typed_text() {
    let dir = tempfile::tempdir().expect("tmp");
    // A file where the data folder's parent should be: nothing can be made there, also for
    // root (unlike permission bits).
    let blocked = dir.path().join("geblokkeerd");
    std::fs::write(&blocked, "in de weg").expect("block");
    let data = blocked.join("data");
    let mut tui = Tui::start(&data, &[], 80, 24);
    tui.wait_for("Alleen-lezen: in de map");
    let home = tui.screen();
    assert!(home.contains("een bestand staat in de weg"), "{home}");
    assert!(home.contains("--data of WIKKEN_DATA"), "{home}");
    assert!(home.contains("alleen-lezen"), "the mark in the title bar:\n{home}");
    // Reading works; before typing, the reasoning screen says it will not be saved.
    tui.send("\r");
    tui.wait_for("Thema:");
    tui.send("\r");
    tui.wait_for("Enter kiezen");
    tui.send("1");
    tui.wait_for("je overweging kan niet worden bewaard");
    tui.send("Dit wil ik niet kwijt.");
    tui.send("\x13"); // Ctrl+S
    tui.wait_for("Opslaan mislukt");
    assert!(tui.screen().contains("Dit wil ik niet kwijt."), "{}", tui.screen());
    // Quitting asks first, because the text would be lost.
    tui.send("\x03"); // Ctrl+C
    tui.wait_for("Toch stoppen?");
    tui.send("j");
    assert!(tui.wait_exit(), "clean exit");
    assert_eq!(std::fs::read_to_string(&blocked).expect("still a file"), "in de weg");
}

/// An organisation pool whose server never answers (a listener on 127.0.0.1 that accepts
/// and stays silent): the first frame is drawn at once — before the connection attempt has
/// even timed out — the home screen then says the pool cannot be reached, and an answer is
/// kept in the journal, the spiegel saying it did not reach the pool.
#[test]
fn a_silent_organisation_pool_never_holds_up_the_trainer() {
    let silent = std::net::TcpListener::bind("127.0.0.1:0").expect("listener");
    let port = silent.local_addr().expect("addr").port();
    let url = format!("postgresql://kim@127.0.0.1:{port}/wikken?sslmode=disable");
    let data = tempfile::tempdir().expect("tmp");
    let args = [std::ffi::OsStr::new("--pool"), std::ffi::OsStr::new(&url)];
    let mut tui = Tui::start(data.path(), &args, 100, 30);
    tui.wait_for("Verras me");
    assert!(
        !tui.screen().contains("niet bereikbaar"),
        "the first frame waited for the network:\n{}",
        tui.screen()
    );
    tui.wait_for("niet bereikbaar");
    assert!(tui.screen().contains("dagboek"), "{}", tui.screen());
    answer_first_dilemma(&mut tui, "Ook zonder server bewaard.");
    tui.send("q");
    assert!(tui.wait_exit(), "clean exit");
    let journal = std::fs::read_to_string(data.path().join("journal.jsonl")).expect("journal");
    assert_eq!(journal.lines().count(), 1, "the answer is in the journal");
    assert!(!data.path().join("pool").exists(), "no folder pool made instead");
    drop(silent);
}
