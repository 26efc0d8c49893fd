//! `wikken bewerk` end to end, in a pseudo-terminal: from `wikken new p.ron`, a trainer adds
//! a second dilemma with its werkwijzen, notes of all four kinds, sources chosen from the
//! list and an intervisie question, saves and quits; `wikken check --strict p.ron` then
//! reports no problem at all, the previous version is in `p.ron.bak`, and nothing was
//! written under DATA.

mod cli;
mod pty;

use pty::{DOWN, Tui};

/// The month both the editor and the check count from: the starter's Wet note is of it.
const TODAY: &str = "2026-12";

const UP: &str = "\x1b[A";
const END: &str = "\x1b[F";
const ESC: &str = "\x1b";
const ENTER: &str = "\r";

/// A case of about a hundred words: inside the guide's 80–250.
const CASE: &str = "Een jonge inwoner van negentien meldt zich voor een uitkering na het stoppen \
    met een opleiding in de zorg. Ze woont bij haar moeder, die zelf een uitkering heeft en \
    schulden heeft. De regels zeggen dat je eerst naar werk of opleiding kijkt, en dat een \
    uitkering voor jongeren beperkt is. In het gesprek vertelt ze dat ze de opleiding stopte \
    omdat ze voor haar zieke moeder zorgt. Ze wil wel werken, maar alleen in de avond. Je \
    collega zegt dat je streng moet zijn, omdat anders iedereen stopt. Je leidinggevende wil \
    dat je maatwerk levert en dat vastlegt.";

/// `wikken ARGS` in `dir`, with DATA and POOL inside it (neither is to be written).
fn wikken(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    cli::wikken(&dir.join("data"), &dir.join("pool"))
        .env("WIKKEN_TODAY", TODAY)
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run wikken")
}

/// The outline's footer: the editor is back on the outline, everything typed handled.
const OUTLINE: &str = "Enter bewerken";

/// Types a one-line text into the field under the cursor.
fn line(tui: &mut Tui, text: &str) {
    tui.send(ENTER);
    tui.wait_for("Esc klaar");
    tui.send(text);
    tui.send(ENTER);
    tui.wait_for(OUTLINE);
}

/// Types a text of several lines (or a list, one per line) into the field under the cursor.
fn text(tui: &mut Tui, text: &str) {
    tui.send(ENTER);
    tui.wait_for("Esc klaar");
    tui.send(text);
    tui.send(ESC);
    tui.wait_for(OUTLINE);
}

/// Adds a note to the list under the cursor: its kind (`kind` presses down in the list),
/// its text and its sources (each a number of presses down before ticking).
fn note(tui: &mut Tui, kind: usize, month: bool, body: &str, sources: &[usize]) {
    tui.send("+");
    tui.wait_for("Soort kennis");
    tui.send(&DOWN.repeat(kind));
    tui.send(ENTER);
    tui.wait_for(OUTLINE);
    tui.send(DOWN); // as_of
    if month {
        tui.send(ENTER);
        tui.wait_for("Gecontroleerd in");
        tui.send(DOWN); // this month (the first is "(geen)")
        tui.send(ENTER);
        tui.wait_for(OUTLINE);
    }
    tui.send(DOWN); // text
    text(tui, body);
    tui.send(DOWN); // sources
    tui.send(ENTER);
    tui.wait_for("Bronnen (spatie");
    for &down in sources {
        tui.send(&DOWN.repeat(down));
        tui.send(" ");
    }
    tui.send(ENTER);
    tui.wait_for(OUTLINE);
}

#[test]
fn a_two_dilemma_pack_made_in_the_editor_passes_check_strict() {
    let dir = tempfile::tempdir().expect("tmp");
    let new = wikken(dir.path(), &["new", "p.ron"]);
    assert!(new.status.success(), "{new:?}");
    let file = dir.path().join("p.ron");
    let original = std::fs::read_to_string(&file).expect("starter");
    let data = dir.path().join("data");

    let args = ["bewerk".as_ref(), file.as_os_str()];
    let mut tui = Tui::start_env(&data, &args, &[("WIKKEN_TODAY", TODAY.as_ref())], 120, 35);
    tui.wait_for("Bewerken");
    tui.wait_for("Geen problemen");
    // The last row is the first dilemma; just above it, the list of dilemmas: add one.
    tui.send(END);
    tui.send(UP);
    tui.send("+");
    tui.wait_for("Dilemma 2");
    tui.wait_for("fout"); // its empty texts are errors until they are filled in
    line(&mut tui, "Zorgen voor je moeder");
    tui.send(DOWN); // themes: a list, one per line
    text(&mut tui, "jongeren");
    tui.send(DOWN); // case
    text(&mut tui, CASE);
    tui.send(DOWN); // question
    line(&mut tui, "Wat doe jij?");
    tui.send(DOWN); // options (2)
    for (title, body, kind, sources) in [
        ("Streng de regels volgen", "Je wijst op de zoekperiode en de plicht tot opleiding.", 0, 1),
        ("Maatwerk leveren", "Je kijkt samen wat kan naast de zorg voor haar moeder.", 2, 1),
    ] {
        tui.send(DOWN); // werkwijze heading
        tui.send(DOWN); // id
        tui.send(DOWN); // title
        line(&mut tui, title);
        tui.send(DOWN); // text
        text(&mut tui, body);
        tui.send(DOWN); // notes (0)
        note(&mut tui, kind, false, "Jongeren die zorgen, haken vaker af.", &[sources - 1]);
    }
    // The dilemma's own notes: a Wet note, checked this month, citing the second source.
    tui.send(DOWN); // notes (0), under the last werkwijze's last row
    note(&mut tui, 3, true, "Lokaal: de verordening van jouw gemeente.", &[1]);
    tui.send(DOWN); // questions
    text(&mut tui, "Wat weegt voor jou het zwaarst?");
    tui.wait_for("Geen problemen");

    tui.send("\x13"); // Ctrl+S
    tui.wait_for("Opgeslagen");
    tui.wait_for("p.ron.bak");
    tui.send("q");
    assert!(tui.wait_exit(), "the editor ends cleanly");

    let check = wikken(dir.path(), &["check", "--strict", "p.ron"]);
    let out = String::from_utf8_lossy(&check.stdout);
    assert!(check.status.success(), "{out}");
    assert!(
        out.contains("2 dilemma's") && out.contains("0 fouten") && out.contains("0 waarschuwingen"),
        "{out}"
    );
    let saved = std::fs::read_to_string(&file).expect("saved");
    assert!(saved.contains("as_of: Some(\"2026-12\")"), "this month, from the list");
    for kind in ["kind: Onderzoek", "kind: Praktijk", "kind: Client", "kind: Wet"] {
        assert!(saved.contains(kind), "{kind} missing:\n{saved}");
    }
    assert!(saved.contains("// verhoog dit als werkwijzen"), "the starter's comments stay");
    assert_eq!(std::fs::read_to_string(dir.path().join("p.ron.bak")).expect("bak"), original);
    assert!(!data.exists(), "nothing is written under DATA");
    assert!(!dir.path().join("pool").exists(), "nor in the pool");
}

#[test]
fn a_missing_file_or_a_pack_with_errors_does_not_open() {
    let dir = tempfile::tempdir().expect("tmp");
    let missing = wikken(dir.path(), &["bewerk", "er-is-niets.ron"]);
    assert_eq!(missing.status.code(), Some(2), "{missing:?}");
    assert!(!String::from_utf8_lossy(&missing.stderr).trim().is_empty());
    let broken = wikken::pack::starter_pack("p").replacen("question:", "qestion:", 1);
    std::fs::write(dir.path().join("kapot.ron"), broken).expect("write");
    let out = wikken(dir.path(), &["bewerk", "kapot.ron"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("kapot.ron:") && err.contains("qestion"), "check's message: {err}");
    assert!(err.contains("opent alleen een pack die goed leest"), "{err}");
    assert!(!dir.path().join("data").exists());
}
