//! The peer pool as teams use it: many writers at once, a writer killed mid-way, damaged
//! files, the anonymity threshold in `wikken stats`, bundles carried between teams, and
//! `wikken forget` leaving nothing of the person behind.
//!
//! Writer processes are this test binary started again to run only `writer_child`, which is
//! ignored in a normal run (it is a process the other tests start, not a test) and refuses
//! to run without its instructions.

mod cli;

use std::path::Path;
use std::process::Command;

use cli::*;
use std::time::{Duration, Instant};

use wikken::store::{FolderPool, Journal, NewAnswer, PoolRecord, Pseudonym, Tally};

/// One writer process: appends `WIKKEN_TEST_COUNT` answers (or forever when 0).
#[test]
#[ignore = "a writer process the pool tests start themselves, not a test of its own"]
fn writer_child() {
    let dir =
        std::env::var("WIKKEN_TEST_WRITER").expect("started by a pool test, which names the pool");
    let who = Pseudonym(std::env::var("WIKKEN_TEST_WHO").expect("who"));
    let count: usize = std::env::var("WIKKEN_TEST_COUNT").expect("count").parse().expect("number");
    let pool = FolderPool::new(Path::new(&dir));
    let (dilemma, options) = dilemma_and_options();
    let mut i = 0usize;
    while count == 0 || i < count {
        let rid = format!("{}{:08x}", &who.0[8..], i);
        pool.append(&who, &record(&rid, &who.0, &dilemma, &options[i % options.len()], None))
            .expect("append");
        i += 1;
    }
}

fn spawn_writer(pool: &Path, who: &str, count: usize) -> std::process::Child {
    Command::new(std::env::current_exe().expect("test binary"))
        .args(["--exact", "writer_child", "--ignored", "--nocapture", "--test-threads=1"])
        .env("WIKKEN_TEST_WRITER", pool)
        .env("WIKKEN_TEST_WHO", who)
        .env("WIKKEN_TEST_COUNT", count.to_string())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn writer")
}

#[test]
fn eight_processes_writing_at_once_lose_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let pool = dir.path().join("pool");
    let mut children: Vec<_> =
        (0..8).map(|i| spawn_writer(&pool, &format!("{:016x}", 0xa0 + i), 500)).collect();
    // Two more processes share one pseudonym, as two windows of one install would.
    children.push(spawn_writer(&pool, "00000000000000ff", 500));
    children.push(spawn_writer(&pool, "00000000000000ff", 500));
    for c in &mut children {
        assert!(c.wait().expect("wait").success());
    }
    let (records, warnings) = raw_records(&pool);
    assert!(warnings.is_empty(), "{warnings:?}");
    // Ten writers of 500, but the two sharing a pseudonym also share record ids.
    let rids: std::collections::HashSet<&str> = records.iter().map(|r| r.rid.as_str()).collect();
    assert_eq!(rids.len(), 4_500);
    let (tally, warnings) = Tally::load(&pool, false);
    assert!(warnings.is_empty());
    assert_eq!(tally.records(), 5_000, "every line intact and counted");
    let own: usize = std::fs::read_to_string(pool.join("00000000000000ff.jsonl"))
        .expect("shared file")
        .lines()
        .filter(|l| serde_json::from_str::<PoolRecord>(l).is_ok())
        .count();
    assert_eq!(own, 1_000);
}

#[test]
fn writer_killed_mid_way_leaves_a_readable_pool() {
    let dir = tempfile::tempdir().expect("tmp");
    let pool = dir.path().join("pool");
    let who = "00000000000000aa";
    // A writer that never stops by itself: killed on every path out of this test, also
    // when an assertion fails, so no orphan keeps writing after the test.
    struct Killed(std::process::Child);
    impl Drop for Killed {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let mut child = Killed(spawn_writer(&pool, who, 0));
    let file = pool.join(format!("{who}.jsonl"));
    let start = Instant::now();
    while std::fs::read(&file).map(|b| b.len()).unwrap_or(0) < 20_000 {
        assert!(start.elapsed() < Duration::from_secs(60), "writer too slow");
        std::thread::sleep(Duration::from_millis(5));
    }
    let id = child.0.id().to_string();
    let status = Command::new("kill").args(["-9", &id]).status().expect("kill");
    assert!(status.success());
    let _ = child.0.wait();
    let text = std::fs::read_to_string(&file).expect("file");
    let complete = text.lines().filter(|l| serde_json::from_str::<PoolRecord>(l).is_ok()).count();
    assert!(complete > 50, "{complete}");
    let (records, warnings) = raw_records(&pool);
    assert_eq!(records.len(), complete, "every earlier answer intact");
    assert!(warnings.len() <= 1, "at most the record being written: {warnings:?}");
    // The next writer appends cleanly after whatever the killed one left.
    let (dilemma, options) = dilemma_and_options();
    FolderPool::new(&pool)
        .append(
            &Pseudonym(who.into()),
            &record("ffffffffffffffff", who, &dilemma, &options[0], None),
        )
        .expect("append after kill");
    assert_eq!(raw_records(&pool).0.len(), complete + 1);
}

/// Every complete record line of every pool file, as written (no rule applied).
fn raw_records(pool: &Path) -> (Vec<PoolRecord>, Vec<wikken::store::ReadWarning>) {
    let mut records = Vec::new();
    let mut warnings = Vec::new();
    for file in wikken::store::pool_files(pool).expect("pool files") {
        let (r, w) = wikken::store::read_records_with_warnings::<PoolRecord>(&file);
        records.extend(r);
        warnings.extend(w);
    }
    (records, warnings)
}

#[test]
fn threshold_in_stats_at_k_minus_one_k_and_k_plus_one() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().join("data");
    for (n, visible) in [(4, false), (5, true), (6, true)] {
        let pool = dir.path().join(format!("pool{n}"));
        fill(&pool, n, "c");
        // One participant answering again does not count twice.
        let (dilemma, options) = dilemma_and_options();
        let again =
            record("c00000000000000099", &format!("c{:0>15x}", 0), &dilemma, &options[1], None);
        let mut again = again;
        again.date = "2026-11-24".into();
        FolderPool::new(&pool).append(&Pseudonym(again.p.clone()), &again).expect("append");
        let d = first_dilemma_stats(&data, &pool);
        assert_eq!(d["participants"], n, "n = {n}");
        assert_eq!(d["visible"], visible, "n = {n}");
        assert_eq!(d["options"].as_array().is_some(), visible, "counts only when visible");
        let (_, table, _) = run(wikken(&data, &pool).args(["stats", "--pack", PACK]));
        assert_eq!(table.contains(&format!("{n} van de minimaal 5 antwoorden")), !visible);
    }
}

#[test]
fn threshold_from_config_is_never_below_three() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().join("data");
    let pool = dir.path().join("pool");
    std::fs::create_dir_all(&data).expect("mkdir");
    fill(&pool, 3, "d");
    std::fs::write(data.join("config.toml"), "threshold = 3\n").expect("config");
    assert_eq!(first_dilemma_stats(&data, &pool)["visible"], true);
    std::fs::write(data.join("config.toml"), "threshold = 1\n").expect("config");
    let (code, out, err) = run(wikken(&data, &pool).args(["stats", "--format", "json"]));
    assert_eq!(code, Some(0));
    assert!(err.contains("drempel 1 is te laag"), "{err}");
    assert!(out.contains("\"threshold\": 3"));
    // The pool folder can come from the config file too.
    std::fs::write(data.join("config.toml"), format!("pool = {:?}\n", pool.display().to_string()))
        .expect("config");
    let (_, out, _) = run(Command::new(env!("CARGO_BIN_EXE_wikken"))
        .args(["--data"])
        .arg(&data)
        .args(["stats", "--format", "json", "--pack", PACK])
        .env("WIKKEN_CONFIG", data.join("config.toml"))
        .env_remove("WIKKEN_POOL"));
    assert!(out.contains("\"participants\": 3"), "{out}");
    std::fs::write(data.join("config.toml"), "pol = 1\n").expect("config");
    let (code, _, err) = run(wikken(&data, &pool).arg("stats"));
    assert_eq!(code, Some(2));
    assert!(err.contains("regel 1: onbekende instelling \"pol\" (bedoel je \"pool\"?)"), "{err}");
}

#[test]
fn damaged_files_are_skipped_with_a_warning_naming_them() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().join("data");
    let pool = dir.path().join("pool");
    fill(&pool, 5, "e");
    std::fs::write(pool.join("kapot.jsonl"), (0..=255u8).cycle().take(5000).collect::<Vec<_>>())
        .expect("junk");
    let mut truncated = std::fs::read(pool.join(format!("e{:0>15x}.jsonl", 0))).expect("file");
    truncated.extend_from_slice(b"{\"rid\":\"abc\",\"pack\":\"werk-en");
    std::fs::write(pool.join(format!("e{:0>15x}.jsonl", 0)), truncated).expect("truncate");
    let (code, out, err) =
        run(wikken(&data, &pool).args(["stats", "--format", "json", "--pack", PACK]));
    assert_eq!(code, Some(0));
    assert!(err.contains("kapot.jsonl: overgeslagen"), "{err}");
    assert!(err.contains(&format!("e{:0>15x}.jsonl:2: overgeslagen", 0)), "{err}");
    assert!(out.contains("\"participants\": 5"), "the rest still counts: {out}");
}

#[test]
fn stats_formats() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().join("data");
    let pool = dir.path().join("pool");
    fill(&pool, 6, "f");
    let (_, csv, _) = run(wikken(&data, &pool).args(["stats", "--format", "csv", "--pack", PACK]));
    assert!(csv.starts_with("\u{feff}pack;versie;dilemma;titel;deelnemers;zichtbaar;"), "{csv}");
    assert!(csv.contains("\r\n"));
    let (dilemma, options) = dilemma_and_options();
    let row = csv
        .lines()
        .find(|l| l.contains(&format!(";{dilemma};")) && l.contains(&format!(";{};", options[0])));
    assert!(row.is_some_and(|r| r.contains(";6;ja;") && r.contains(";3;50;3;")), "{row:?}");
    let (_, csv_en, _) =
        run(wikken(&data, &pool).args(["--lang", "en", "stats", "--format", "csv"]));
    assert!(csv_en.starts_with("\u{feff}pack,version,dilemma,"));
    let (_, table, _) = run(wikken(&data, &pool).args(["stats", "--pack", PACK]));
    assert!(table.contains("6 deelnemers; 0 herzagen hun keuze"), "{table}");
    let (code, _, err) = run(wikken(&data, &pool).args(["stats", "--pack", "bestaat-niet"]));
    assert_eq!(code, Some(2));
    assert!(err.contains("bestaat-niet"));
}

#[test]
fn export_import_round_trip_double_import_and_damaged_bundle() {
    let dir = tempfile::tempdir().expect("tmp");
    let (data_a, pool_a) = (dir.path().join("a"), dir.path().join("pool-a"));
    let (data_b, pool_b) = (dir.path().join("b"), dir.path().join("pool-b"));
    fill(&pool_a, 7, "a");
    let bundle = dir.path().join("team-a.json");
    let (code, out, err) = run(wikken(&data_a, &pool_a).args(["export", "--out"]).arg(&bundle));
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("7 antwoorden van 7 deelnemers"), "{out}");

    // Nothing in the bundle links it to pool A's files.
    let text = std::fs::read_to_string(&bundle).expect("bundle");
    for (path, _) in tree(&pool_a) {
        let stem = path.file_stem().expect("stem").to_string_lossy().into_owned();
        assert!(!text.contains(&stem), "pseudonym {stem} in the bundle");
    }
    for r in FolderPool::new(&pool_a).load().0 {
        assert!(!text.contains(&r.rid), "record id {} in the bundle", r.rid);
    }

    // A named pool folder must exist: importing into a missing one changes nothing.
    let (code, _, err) = run(wikken(&data_b, &pool_b).arg("import").arg(&bundle));
    assert_eq!(code, Some(2));
    assert!(err.contains("bestaat niet"), "{err}");
    assert!(!pool_b.exists());
    std::fs::create_dir(&pool_b).expect("team B's folder");
    let (code, out, _) = run(wikken(&data_b, &pool_b).arg("import").arg(&bundle));
    assert_eq!(code, Some(0));
    assert!(out.contains("7 van de 7"), "{out}");
    assert!(out.contains("van 7 deelnemers uit andere teams"), "{out}");
    assert_eq!(
        first_dilemma_stats(&data_b, &pool_b)["options"],
        first_dilemma_stats(&data_a, &pool_a)["options"]
    );

    let before = tree(&pool_b);
    let (code, out, _) = run(wikken(&data_b, &pool_b).arg("import").arg(&bundle));
    assert_eq!(code, Some(0));
    assert!(out.contains("staan al in de pool"), "{out}");
    assert_eq!(tree(&pool_b), before, "a second import changes nothing");
    assert_eq!(first_dilemma_stats(&data_b, &pool_b)["participants"], 7);

    // Team B's export, imported back into team A, does not count A's answers twice.
    let back = dir.path().join("team-b.json");
    run(wikken(&data_b, &pool_b).args(["export", "--out"]).arg(&back));
    run(wikken(&data_a, &pool_a).arg("import").arg(&back));
    assert_eq!(first_dilemma_stats(&data_a, &pool_a)["participants"], 7);

    // A damaged bundle is refused whole.
    let damaged = dir.path().join("damaged.json");
    std::fs::write(&damaged, text.replacen("\"first\":\"", "\"first\":\"x", 1)).expect("write");
    let before = tree(&pool_b);
    let (code, _, err) = run(wikken(&data_b, &pool_b).arg("import").arg(&damaged));
    assert_eq!(code, Some(1));
    assert!(err.contains("checksum klopt niet"), "{err}");
    std::fs::write(&damaged, &text[..text.len() / 2]).expect("write");
    let (code, _, err) = run(wikken(&data_b, &pool_b).arg("import").arg(&damaged));
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(tree(&pool_b), before, "nothing changed");

    // Export never overwrites.
    let (code, _, _) = run(wikken(&data_a, &pool_a).args(["export", "--out"]).arg(&bundle));
    assert_eq!(code, Some(2));
}

#[test]
fn forget_leaves_nothing_of_the_person_behind() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().join("data");
    let pool = dir.path().join("pool");
    fill(&pool, 5, "b");
    // This person: an answer with shared reasoning, written the way the trainer does.
    let who = wikken::store::load_or_create_pseudonym(&data).expect("pseudonym");
    let (dilemma, options) = dilemma_and_options();
    let answer = NewAnswer {
        id: "1234567890abcdef".into(),
        pack: PACK.into(),
        pack_version: pack_version(),
        dilemma: dilemma.clone(),
        choice: options[0].clone(),
        reasoning: "GEHEIME-OVERWEGING-42".into(),
        confidence: Some(3),
        share: true,
        at: "2026-11-23T10:00:00Z".into(),
    };
    Journal::new(&data).add_answer(&answer).expect("journal");
    let full = wikken::store::Answer { first: answer, revised: None, revised_at: None };
    FolderPool::new(&pool).append(&who, &PoolRecord::from_answer(&full, &who)).expect("pool");
    run(wikken(&data, &pool).arg("stats")); // fills the stats cache
    assert!(!contains_anywhere(dir.path(), "GEHEIME-OVERWEGING-42").is_empty());

    // Not confirmed: nothing happens.
    let mut cmd = wikken(&data, &pool);
    cmd.arg("forget").stdin(std::process::Stdio::piped()).stdout(std::process::Stdio::piped());
    let mut child = cmd.spawn().expect("spawn");
    use std::io::Write;
    child.stdin.take().expect("stdin").write_all(b"nee\n").expect("answer");
    assert_eq!(child.wait_with_output().expect("wait").status.code(), Some(1));
    assert!(!contains_anywhere(dir.path(), &who.0).is_empty());

    let (code, out, err) = run(wikken(&data, &pool).args(["forget", "--yes"]));
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("1 antwoorden en 1 pool-records gewist"), "{out}");
    assert!(contains_anywhere(dir.path(), &who.0).is_empty(), "pseudonym left");
    assert!(contains_anywhere(dir.path(), "GEHEIME-OVERWEGING-42").is_empty(), "reasoning left");
    // Colleagues' answers are untouched.
    assert_eq!(FolderPool::new(&pool).load().0.len(), 5);
}

#[test]
fn revisions_travel_and_own_answers_never_come_back_as_another_teams() {
    let dir = tempfile::tempdir().expect("tmp");
    let (data_a, pool_a) = (dir.path().join("a"), dir.path().join("pool-a"));
    let (data_b, pool_b) = (dir.path().join("b"), dir.path().join("pool-b"));
    fill(&pool_a, 5, "a");
    std::fs::create_dir(&pool_b).expect("team B's folder");
    let export = |data: &Path, pool: &Path, name: &str| {
        let out = dir.path().join(name);
        let (code, _, err) = run(wikken(data, pool).args(["export", "--out"]).arg(&out));
        assert_eq!(code, Some(0), "{err}");
        out
    };
    run(wikken(&data_b, &pool_b).arg("import").arg(export(&data_a, &pool_a, "1.json")));

    // In team A one colleague revises (same record id), another answers again (new id).
    let (dilemma, options) = dilemma_and_options();
    let reviser = format!("a{:0>15x}", 0);
    let mut revised = record(&reviser, &reviser, &dilemma, &options[0], Some("Gedeeld."));
    revised.revised = Some(options[1].clone());
    FolderPool::new(&pool_a).append(&Pseudonym(reviser.clone()), &revised).expect("revise");
    let again = format!("a{:0>15x}", 1);
    let new = record("00000000000000ee", &again, &dilemma, &options[0], None);
    FolderPool::new(&pool_a).append(&Pseudonym(again), &new).expect("answer again");

    let (code, out, _) =
        run(wikken(&data_b, &pool_b).arg("import").arg(export(&data_a, &pool_a, "2.json")));
    assert_eq!(code, Some(0));
    assert!(out.contains("2 van de 5"), "the revision and the new answer arrive: {out}");
    let b = first_dilemma_stats(&data_b, &pool_b);
    assert_eq!((b["other_teams"].clone(), b["revised"].clone()), (5.into(), 1.into()), "{b}");

    // B's bundle back in A: nothing of A's own comes back as "another team".
    run(wikken(&data_a, &pool_a).arg("import").arg(export(&data_b, &pool_b, "3.json")));
    let a = first_dilemma_stats(&data_a, &pool_a);
    assert_eq!((a["own"].clone(), a["other_teams"].clone()), (5.into(), 0.into()), "{a}");
}
