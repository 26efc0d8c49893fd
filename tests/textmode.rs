//! `wikken oefenen --tekst`, the plain line-by-line mode for screen readers and pipes: the
//! real binary with its input and output piped, a private data folder, a team pool folder
//! seeded with colleagues' answers, the fixture pack and a fixed clock (`WIKKEN_NOW`) and
//! order key, so the whole transcript is a golden file in both languages. Also: bad input
//! asked again with the reason, the end of the input in the middle of the reasoning, the
//! threshold sentence below k, my answers and my development, the fallback of plain
//! `wikken`, and a hostile pack and pool that never reach the output.

mod cli;
mod pty;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use wikken::store::{FolderPool, PoolRecord, Pseudonym};

/// The order key written into every test's data folder, so the werkwijzen come in one
/// known order — not the file's (it puts the second werkwijze first).
const ORDER_KEY: &str = "00000000000000aa";
/// The clock of every run.
const NOW: &str = "2026-11-23T10:00:00Z";
/// The fixture pack's id, and its first dilemma.
const PACK: &str = "oefen";
const DILEMMA: &str = "te-laat";

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/packs/tui")
}

/// The number the fixture pack has in the list: after the bundled packs.
fn fixture_number() -> usize {
    wikken::pack::BUNDLED.len() + 1
}

/// The werkwijze ids of the first dilemma in the order this test's person sees them.
fn order() -> Vec<&'static str> {
    let ids = ["regel", "clausule", "overleg"];
    let seed = wikken::practice::order_seed(ORDER_KEY);
    wikken::pack::werkwijze_order(seed, PACK, DILEMMA, 3).into_iter().map(|i| ids[i]).collect()
}

/// A werkwijze's title in the fixture pack.
fn title(id: &str) -> &'static str {
    match id {
        "regel" => "De regel volgen",
        "clausule" => "De hardheidsclausule toepassen",
        _ => "Eerst samen toetsen",
    }
}

/// A data folder with the fixed order key, and an empty team pool folder.
fn folders() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().join("data");
    let pool = dir.path().join("pool");
    std::fs::create_dir_all(&data).expect("data");
    std::fs::create_dir_all(&pool).expect("pool");
    std::fs::write(data.join(wikken::store::ORDER_KEY_FILE), ORDER_KEY).expect("order key");
    (dir, data, pool)
}

/// Colleague `n`'s answer to the first dilemma, written to the pool as their trainer would.
fn colleague(pool: &Path, n: usize, first: &str, reasoning: Option<&str>) {
    let who = Pseudonym(format!("c{n:015x}"));
    let record = PoolRecord {
        rid: format!("r{n:015x}"),
        pack: PACK.into(),
        v: 1,
        dilemma: DILEMMA.into(),
        first: first.into(),
        revised: None,
        p: who.0.clone(),
        date: "2026-11-20".into(),
        reasoning: reasoning.map(Into::into),
    };
    FolderPool::new(pool).append(&who, &record).expect("append");
}

/// What a run printed.
struct Run {
    code: Option<i32>,
    out: String,
    err: String,
}

/// Runs `wikken --data DATA --pool POOL --packs FIXTURES ARGS...` with `input` on its
/// standard input and both outputs piped; kills it (and fails) if it is still running
/// after a minute.
fn run(data: &Path, pool: &Path, args: &[&str], input: &str) -> Run {
    let mut cmd = cli::wikken(data, pool);
    cmd.arg("--packs").arg(fixture_dir()).args(args).env("WIKKEN_NOW", NOW);
    run_command(&mut cmd, input)
}

fn run_command(cmd: &mut Command, input: &str) -> Run {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdin = child.stdin.take().expect("stdin");
    let input = input.to_string();
    // Written from a thread: a run that stops reading early must not block the test.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let pid = child.id();
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let watched = done.clone();
    let watchdog = std::thread::spawn(move || {
        for _ in 0..600 {
            if watched.load(std::sync::atomic::Ordering::SeqCst) {
                return false;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
        true
    });
    let output = child.wait_with_output().expect("wait");
    done.store(true, std::sync::atomic::Ordering::SeqCst);
    assert!(!watchdog.join().expect("watchdog"), "wikken still ran after a minute: it hangs");
    let _ = writer.join();
    let out = String::from_utf8(output.stdout).expect("utf8 out");
    let err = String::from_utf8(output.stderr).expect("utf8 err");
    Run { code: output.status.code(), out, err }
}

/// No byte below 0x20 except the newline, and nothing a terminal would act on.
fn assert_plain(text: &str) {
    if let Some((i, b)) = text.bytes().enumerate().find(|&(_, b)| b < 0x20 && b != b'\n') {
        panic!("byte {b:#04x} at {i} in:\n{text}");
    }
    assert!(!cli::has_raw_control(text), "a control character reached the output:\n{text}");
    for art in ['─', '│', '┌', '█', '▶', '◀', '•'] {
        assert!(!text.contains(art), "box drawing or a glyph bar ({art}) in:\n{text}");
    }
}

/// The transcript with the bundled packs' lines (which change with the packs' content)
/// folded into one stable line, and the fixture pack's number made stable.
fn normalize(out: &str) -> String {
    let total = fixture_number();
    let mut lines: Vec<String> = Vec::new();
    for line in out.lines() {
        let listed = line.starts_with("Pack ")
            && (line.contains(&format!(" van {total}: "))
                || line.contains(&format!(" of {total}: ")));
        if listed && !line.contains("Oefenpack") {
            if lines.last().map(String::as_str) != Some("[meegeleverde packs]") {
                lines.push("[meegeleverde packs]".into());
            }
            continue;
        }
        lines.push(
            line.replace(&format!("Pack {total} van {total}"), "Pack N van N")
                .replace(&format!("Pack {total} of {total}"), "Pack N of N")
                .replace(&format!("1 tot {total} voor een pack"), "1 tot N voor een pack")
                .replace(&format!("1 to {total} for a pack"), "1 to N for a pack"),
        );
    }
    lines.join("\n") + "\n"
}

/// The journal's records, as JSON.
fn journal(data: &Path) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(data.join("journal.jsonl")).unwrap_or_default();
    text.lines().map(|l| serde_json::from_str(l).expect("journal line")).collect()
}

/// The pool's records of the person whose data folder is `data` (not the seeded
/// colleagues').
fn own_pool_records(data: &Path, pool: &Path) -> Vec<PoolRecord> {
    let me = std::fs::read_to_string(data.join("participant")).unwrap_or_default();
    wikken::store::pool_files(pool)
        .expect("pool files")
        .into_iter()
        .flat_map(|f| wikken::store::read_records::<PoolRecord>(&f))
        .filter(|r| r.p == me.trim())
        .collect()
}

/// Four colleagues answered (one shared a reasoning), so this person's answer is the
/// fifth: at the threshold, the distribution is shown. The person answers with werkwijze
/// 2, writes two lines, is fairly sure, does not share, revises to werkwijze 3 and quits.
fn answer_and_revise(lang: &str) -> (tempfile::TempDir, PathBuf, PathBuf, Run) {
    let (dir, data, pool) = folders();
    let o = order();
    colleague(&pool, 1, o[0], None);
    colleague(&pool, 2, o[1], Some("Ik keek naar wat hij nodig heeft."));
    colleague(&pool, 3, o[1], None);
    colleague(&pool, 4, o[2], None);
    let input = format!(
        "{}\n\n2\nHij lag in het ziekenhuis; dat is overmacht.\nDe regel is er niet voor dit geval.\n\n4\nn\n3\nq\n",
        fixture_number()
    );
    let run = run(&data, &pool, &["--lang", lang, "oefenen", "--tekst"], &input);
    (dir, data, pool, run)
}

#[test]
fn answers_revises_and_quits_and_the_answer_is_in_the_journal_and_the_pool() {
    let (_dir, data, pool, run) = answer_and_revise("nl");
    assert_eq!(run.code, Some(0), "{}\n{}", run.out, run.err);
    assert_plain(&run.out);
    let o = order();

    // The journal: the answer with its reasoning and confidence, then the revision.
    let records = journal(&data);
    assert_eq!(records.len(), 2, "{records:?}");
    assert_eq!(records[0]["type"], "answer");
    assert_eq!(records[0]["pack"], PACK);
    assert_eq!(records[0]["dilemma"], DILEMMA);
    assert_eq!(records[0]["choice"], o[1]);
    assert_eq!(
        records[0]["reasoning"],
        "Hij lag in het ziekenhuis; dat is overmacht.\nDe regel is er niet voor dit geval."
    );
    assert_eq!(records[0]["confidence"], 4);
    assert_eq!(records[0]["share"], false);
    assert_eq!(records[0]["at"], NOW);
    assert_eq!(records[1]["type"], "revision");
    assert_eq!(records[1]["choice"], o[2]);

    // The pool: one record of this person, first choice and revision, no reasoning (not
    // shared), the date without the time.
    let own = own_pool_records(&data, &pool);
    let latest = own.last().expect("own record");
    assert!(own.iter().all(|r| r.rid == latest.rid), "one answer, rewritten: {own:?}");
    assert_eq!((latest.first.as_str(), latest.revised.as_deref()), (o[1], Some(o[2])));
    assert_eq!(latest.reasoning, None);
    assert_eq!(latest.date, "2026-11-23");

    // At k, the distribution as sentences, with this person's choice in it.
    assert!(run.out.contains("5 collega's antwoordden."), "{}", run.out);
    assert!(
        run.out.contains("Werkwijze 2 koos 3 van hen, 60 procent; jij koos deze ook."),
        "{}",
        run.out
    );
    assert!(run.out.contains("Overweging 1 van 1: Ik keek naar wat hij nodig heeft."));
    insta::assert_snapshot!("transcript_nl", normalize(&run.out));
}

#[test]
fn the_transcript_in_english() {
    let (_dir, data, _pool, run) = answer_and_revise("en");
    assert_eq!(run.code, Some(0), "{}\n{}", run.out, run.err);
    assert_plain(&run.out);
    assert_eq!(journal(&data).len(), 2);
    assert!(run.out.contains("Option 2 was chosen by 3 of them, 60 percent; you chose it too."));
    insta::assert_snapshot!("transcript_en", normalize(&run.out));
}

#[test]
fn bad_input_is_asked_again_with_the_reason() {
    let (_dir, data, pool) = folders();
    let n = fixture_number();
    let input = format!("zeven\n99\n\n{n}\nx\n\n0\nq\n");
    let run = run(&data, &pool, &["oefenen", "--tekst"], &input);
    assert_eq!(run.code, Some(0), "{}", run.err);
    assert_plain(&run.out);
    let out = &run.out;
    assert!(out.contains("\u{201C}zeven\u{201D} is hier geen antwoord."), "{out}");
    assert!(out.contains("Er is geen \u{201C}99\u{201D}: de nummers lopen van 1 tot"), "{out}");
    assert!(out.contains("Je typte niets."), "{out}");
    assert!(out.contains("\u{201C}x\u{201D} is hier geen antwoord."), "{out}");
    assert!(out.contains("Er is geen \u{201C}0\u{201D}: de nummers lopen van 1 tot 3."), "{out}");
    // Each wrong answer is followed by the same question again.
    let home =
        "voor een pack, a voor mijn antwoorden, o voor mijn ontwikkeling, of q om te stoppen:";
    assert_eq!(out.matches(home).count(), 4, "{out}");
    assert_eq!(out.matches("Kies 1 tot 3, t om terug te gaan, of q om te stoppen:").count(), 2);
    // `q` at the choice left before choosing: nothing saved, and said so.
    assert!(out.contains("is niets bewaard: je had nog geen werkwijze gekozen."), "{out}");
    assert!(journal(&data).is_empty());
}

#[test]
fn end_of_input_in_the_reasoning_saves_what_was_typed() {
    let (_dir, data, pool) = folders();
    // The last line has no line break: the input ends in the middle of the reasoning.
    let input = format!("{}\n\n1\nEerste gedachte.\nHalf geschreven", fixture_number());
    let run = run(&data, &pool, &["oefenen", "--tekst"], &input);
    assert_eq!(run.code, Some(0), "{}", run.err);
    assert_plain(&run.out);
    let records = journal(&data);
    assert_eq!(records.len(), 1, "{}", run.out);
    assert_eq!(records[0]["choice"], order()[0]);
    assert_eq!(records[0]["reasoning"], "Eerste gedachte.\nHalf geschreven");
    assert_eq!(records[0]["share"], false, "never shared without a yes");
    assert_eq!(records[0]["confidence"], serde_json::Value::Null);
    assert_eq!(own_pool_records(&data, &pool).len(), 1, "the pool has it too");
    let said = format!(
        "Wat je invulde is bewaard: werkwijze 1 ({}), je overweging tot zover, zekerheid niet \
         ingevuld, niet gedeeld.",
        title(order()[0])
    );
    assert!(run.out.contains(&said), "{}", run.out);
    assert!(run.out.contains("De invoer is afgelopen."), "{}", run.out);
    assert!(run.out.ends_with("Tot ziens.\n"), "{}", run.out);
}

#[test]
fn end_of_input_after_the_choice_without_reasoning_saves_nothing_and_says_so() {
    let (_dir, data, pool) = folders();
    let run = run(&data, &pool, &["oefenen", "--tekst"], &format!("{}\n\n2\n", fixture_number()));
    assert_eq!(run.code, Some(0), "{}", run.err);
    assert!(run.out.contains("Niets bewaard: je koos werkwijze 2 ("), "{}", run.out);
    assert!(journal(&data).is_empty());
    assert!(own_pool_records(&data, &pool).is_empty());
}

#[test]
fn below_the_threshold_only_the_count_is_said() {
    let (_dir, data, pool) = folders();
    let o = order();
    colleague(&pool, 1, o[0], Some("Dit mag niemand nog lezen."));
    colleague(&pool, 2, o[1], None);
    let input = format!("{}\n\n1\nKort.\n\n\nj\n\nq\n", fixture_number());
    let run = run(&data, &pool, &["oefenen", "--tekst"], &input);
    assert_eq!(run.code, Some(0), "{}", run.err);
    assert_plain(&run.out);
    assert!(run.out.contains("3 van de minimaal 5 antwoorden."), "{}", run.out);
    assert!(!run.out.contains("procent"), "no distribution below k:\n{}", run.out);
    assert!(!run.out.contains("niemand nog lezen"), "no shared reasoning below k");
    // Shared: the reasoning is in the pool this time.
    let own = own_pool_records(&data, &pool);
    assert_eq!(own[0].reasoning.as_deref(), Some("Kort."));
}

#[test]
fn my_own_shared_reasoning_is_not_shown_as_a_colleagues() {
    let (_dir, data, pool) = folders();
    let o = order();
    colleague(&pool, 1, o[0], Some("Ik keek naar wat hij nodig heeft."));
    for n in 2..5 {
        colleague(&pool, n, o[1], None);
    }
    let input = format!("{}\n\n1\nMijn eigen overweging.\n\n\nj\n\nq\n", fixture_number());
    let run = run(&data, &pool, &["oefenen", "--tekst"], &input);
    assert_eq!(run.code, Some(0), "{}", run.err);
    let (_, shared) = run.out.split_once("Wat collega's overwogen\n").expect("shown at k");
    let shared = shared.split("\n\n").next().unwrap_or_default();
    assert_eq!(shared, "Overweging 1 van 1: Ik keek naar wat hij nodig heeft.", "{}", run.out);
    // It is in the pool, shared, all the same.
    let own = own_pool_records(&data, &pool);
    assert_eq!(own[0].reasoning.as_deref(), Some("Mijn eigen overweging."));
}

#[test]
fn my_answers_and_my_development_in_lines() {
    let (_dir, data, pool) = folders();
    let input = format!("{}\n\n3\nOverleg geeft houvast.\n\n5\nn\n\nq\n", fixture_number());
    let first = run(&data, &pool, &["oefenen", "--tekst"], &input);
    assert_eq!(first.code, Some(0), "{}", first.err);
    // Plain `wikken` with its output piped: the same text mode, said why.
    let run = run(&data, &pool, &[], "a\n1\n2\no\nq\n");
    assert_eq!(run.code, Some(0), "{}", run.err);
    assert_plain(&run.out);
    assert!(run.out.contains("Gekozen omdat de uitvoer geen terminal is."), "{}", run.out);
    assert!(
        run.out.contains("Antwoord 1 van 1, 23-11-2026: De aanvraag die te laat kwam (Oefenpack).")
    );
    assert!(run.out.contains("Overleg geeft houvast."));
    // The spiegel of that answer was reread and revised from my answers.
    assert!(run.out.contains("Je herziening is bewaard: van werkwijze 3 ("), "{}", run.out);
    assert_eq!(journal(&data).len(), 2);
    // Mijn ontwikkeling counts themes over every loaded pack, the bundled ones too, so it
    // is checked line by line; the transcript up to it is golden.
    let (before, development) = run.out.split_once("Mijn ontwikkeling\n").expect("development");
    for line in [
        "Alleen voor jou: berekend uit je eigen antwoorden op deze computer.",
        "nov 2026: 1.",
        "Je herzag 1 van je 1 antwoord na de spiegel",
        "23-11-2026 · De aanvraag die te laat kwam",
        "Overleg geeft houvast.",
        "Voor een POP-gesprek: wikken export --me --out ontwikkeling.md",
    ] {
        assert!(development.contains(line), "{line:?} missing in:\n{development}");
    }
    insta::assert_snapshot!("history_nl", normalize(before));
}

#[test]
fn settings_can_ask_for_the_text_mode_always() {
    let (_dir, data, pool) = folders();
    std::fs::write(data.join("config.toml"), "tekst = true\n").expect("config");
    let run = run(&data, &pool, &["oefenen"], "q\n");
    assert_eq!(run.code, Some(0), "{}", run.err);
    assert!(run.out.contains("Gekozen door tekst = true in config.toml."), "{}", run.out);
}

#[test]
fn an_unwritable_data_folder_saves_nothing_and_gives_the_reasoning_back() {
    let dir = tempfile::tempdir().expect("tmp");
    // A file where the data folder's parent should be: nothing can be made there, also for
    // root (unlike permission bits).
    let blocked = dir.path().join("geblokkeerd");
    std::fs::write(&blocked, "in de weg").expect("block");
    let (data, pool) = (blocked.join("data"), dir.path().join("pool"));
    std::fs::create_dir_all(&pool).expect("pool");
    let n = fixture_number();
    // Answered in full once, then left in the middle of a second reasoning.
    let input = format!("{n}\n1\n1\nDit wil ik niet kwijt.\n\n\nn\n2\n1\nDit ook niet.");
    let mut cmd = cli::wikken(&data, &pool);
    cmd.arg("--packs").arg(fixture_dir()).args(["oefenen", "--tekst"]);
    cmd.env("WIKKEN_NOW", NOW).env("WIKKEN_CONFIG", dir.path().join("config.toml"));
    let run = run_command(&mut cmd, &input);
    assert_eq!(run.code, Some(0), "{}", run.err);
    assert_plain(&run.out);
    assert!(run.out.contains("Alleen-lezen: in de map"), "{}", run.out);
    assert_eq!(run.out.matches("Niet bewaard: Alleen-lezen").count(), 2, "{}", run.out);
    for typed in ["Dit wil ik niet kwijt.", "Dit ook niet."] {
        let back = format!("Je overweging, zodat je hem kunt kopi\u{eb}ren:\n{typed}\n");
        assert!(run.out.contains(&back), "{typed} not given back:\n{}", run.out);
    }
    assert_eq!(std::fs::read_to_string(&blocked).expect("still a file"), "in de weg");
    assert!(wikken::store::pool_files(&pool).expect("pool").is_empty(), "nothing in the pool");
}

#[test]
fn a_dumb_terminal_gets_the_text_mode_too() {
    // A real terminal (a pseudo-terminal), but TERM=dumb: plain `wikken` must not draw the
    // full screen there.
    let (_dir, data, _pool) = folders();
    let dumb = std::ffi::OsStr::new("dumb");
    let mut tui = pty::Tui::start_env(&data, &[], &[("TERM", dumb)], 80, 24);
    tui.wait_for("Gekozen omdat TERM=dumb is.");
    tui.wait_for("of q om te stoppen:");
    tui.send("q\r");
    tui.wait_for("Tot ziens.");
    assert!(tui.wait_exit(), "clean exit");
}

#[test]
fn a_hostile_pack_and_pool_never_reach_the_output() {
    let (_dir, data, pool) = folders();
    let hostile = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/packs/hostile");
    // Five colleagues shared reasoning full of escapes, so it is shown.
    for n in 0..5 {
        let who = Pseudonym(format!("c{n:015x}"));
        let record = PoolRecord {
            rid: format!("r{n:015x}"),
            pack: "vijandig".into(),
            v: 1,
            dilemma: "eerste".into(),
            first: "a".into(),
            revised: None,
            p: who.0.clone(),
            date: "2026-11-20".into(),
            reasoning: Some("Gedeeld \u{1b}]0;pwned\u{7}\u{1b}[2J \u{9b}31m \u{202e}".into()),
        };
        FolderPool::new(&pool).append(&who, &record).expect("append");
    }
    let n = wikken::pack::BUNDLED.len() + 2;
    let input = format!("{n}\n1\n1\nMijn \u{1b}[31mrode\u{7} tekst\n\n\nn\n\nq\n");
    let mut cmd = cli::wikken(&data, &pool);
    cmd.arg("--packs").arg(fixture_dir()).arg("--packs").arg(&hostile);
    cmd.args(["oefenen", "--tekst"]).env("WIKKEN_NOW", NOW);
    let run = run_command(&mut cmd, &input);
    assert_eq!(run.code, Some(0), "{}", run.err);
    assert_plain(&run.out);
    assert!(run.out.contains("Gedeeld \u{FFFD}]0;pwned"), "the text stays readable:\n{}", run.out);
    // What was typed is cleaned before it is saved.
    let records = journal(&data);
    assert_eq!(records[0]["reasoning"], "Mijn \u{FFFD}[31mrode\u{FFFD} tekst");
}

#[test]
fn the_text_mode_and_the_practice_domain_know_nothing_of_the_terminal_trainer() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for dir in ["textmode", "practice"] {
        for entry in std::fs::read_dir(src.join(dir)).expect("module folder") {
            let path = entry.expect("entry").path();
            let text = std::fs::read_to_string(&path).expect("source");
            for word in ["crate::tui", "ratatui", "crossterm", "crate::phone"] {
                assert!(!text.contains(word), "{} uses {word}", path.display());
            }
        }
    }
}
