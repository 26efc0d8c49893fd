//! A team folder, a bundle or a pool file may be hostile. Each trick an attacker with
//! access to the folder could play gets a bounded, named outcome: never a hang, never
//! unbounded memory, never a write into someone else's file, never a raw escape sequence
//! on the terminal or a formula in Excel.

#![cfg(unix)]

mod cli;

use std::path::Path;
use std::time::Duration;

use cli::*;
use wikken::store::{FolderPool, Pseudonym};

/// Every trick must finish within this (the honest run takes a fraction of a second).
const LIMIT: Duration = Duration::from_secs(20);
/// And stay below this much memory.
const MAX_RSS: u64 = 100 << 20;

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).expect("path");
    // SAFETY: a valid C string; mkfifo only creates a file system node.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo");
}

#[test]
fn planted_files_in_the_pool_are_skipped_quickly_with_a_warning() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().join("data");
    let pool = dir.path().join("pool");
    fill(&pool, 5, "h");
    let (dilemma, options) = dilemma_and_options();

    // A colleague's "profile" with a valid-looking record, linked into the pool.
    let profile = dir.path().join("profile");
    let forged = serde_json::to_string(&record(
        "ffffffffffffff01",
        "ffffffffffffff01",
        &dilemma,
        &options[0],
        None,
    ))
    .expect("json");
    std::fs::write(&profile, format!("{forged}\n")).expect("profile");

    type Plant = fn(&Path, &Path);
    let tricks: [(&str, &str, Plant); 5] = [
        ("fifo.jsonl", "FIFO", |p, _| mkfifo(p)),
        ("link.jsonl", "symbolische koppeling", |p, profile| {
            std::os::unix::fs::symlink(profile, p).expect("symlink")
        }),
        ("zero.jsonl", "symbolische koppeling", |p, _| {
            std::os::unix::fs::symlink("/dev/zero", p).expect("symlink")
        }),
        ("long.jsonl", "regel van 104857600 bytes", |p, _| {
            // 100 MB without a newline: streamed past, never held.
            let f = std::fs::File::create(p).expect("create");
            let chunk = vec![b'{'; 1 << 20];
            let mut w = std::io::BufWriter::new(f);
            for _ in 0..100 {
                std::io::Write::write_all(&mut w, &chunk).expect("write");
            }
        }),
        ("sparse.jsonl", "te groot", |p, _| {
            // 8 GB that take no disk: a sparse file.
            std::fs::File::create(p).expect("create").set_len(8 << 30).expect("sparse");
        }),
    ];
    for (name, warning, plant) in tricks {
        plant(&pool.join(name), &profile);
        let m = measured(
            wikken(&data, &pool).args(["stats", "--format", "json", "--pack", PACK]),
            LIMIT,
        );
        assert_eq!(m.code, Some(0), "{name}: {}", m.err);
        assert!(m.err.contains(name) && m.err.contains(warning), "{name}: {}", m.err);
        assert_eq!(
            first_dilemma_in(&m.out)["participants"],
            5,
            "{name}: the honest answers still count, no more"
        );
        assert!(m.took < Duration::from_secs(10), "{name}: took {:?}", m.took);
        assert!(m.max_rss < MAX_RSS, "{name}: {} MB", m.max_rss >> 20);
        // Export reads the pool through the same doors.
        let bundle = dir.path().join(format!("{name}.bundle"));
        let m = measured(wikken(&data, &pool).args(["export", "--out"]).arg(&bundle), LIMIT);
        assert_eq!(m.code, Some(0), "{name}: {}", m.err);
        assert!(m.out.contains("5 antwoorden van 5 deelnemers"), "{name}: {}", m.out);
        assert!(m.max_rss < MAX_RSS, "{name}: export {} MB", m.max_rss >> 20);
    }
    assert_eq!(
        std::fs::read_to_string(&profile).expect("profile"),
        format!("{forged}\n"),
        "the linked file is untouched"
    );
}

#[test]
fn a_planted_symlink_in_place_of_ones_own_pool_file_is_never_written_through() {
    let dir = tempfile::tempdir().expect("tmp");
    let pool = dir.path().join("pool");
    std::fs::create_dir(&pool).expect("pool");
    let victim = dir.path().join("victim-profile");
    std::fs::write(&victim, "export PATH=/usr/bin\n").expect("profile");
    let who = Pseudonym("0123456789abcdef".into());
    std::os::unix::fs::symlink(&victim, pool.join(format!("{}.jsonl", who.0))).expect("symlink");
    let (dilemma, options) = dilemma_and_options();
    let result = FolderPool::configured(&pool)
        .append(&who, &record("1", &who.0, &dilemma, &options[0], None));
    let err = result.expect_err("the write must be refused");
    assert!(err.to_string().contains("symbolic link"), "{err}");
    assert_eq!(std::fs::read_to_string(&victim).expect("read"), "export PATH=/usr/bin\n");

    // A FIFO in its place: refused at once, no hang.
    std::fs::remove_file(pool.join(format!("{}.jsonl", who.0))).expect("rm");
    mkfifo(&pool.join(format!("{}.jsonl", who.0)));
    let start = std::time::Instant::now();
    let result = FolderPool::configured(&pool)
        .append(&who, &record("1", &who.0, &dilemma, &options[0], None));
    assert!(result.is_err());
    assert!(start.elapsed() < Duration::from_secs(5));
}

#[test]
fn hostile_bundles_are_refused_quickly() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().join("data");
    let pool = dir.path().join("pool");
    std::fs::create_dir(&pool).expect("pool");
    let fifo = dir.path().join("bundle-fifo.json");
    mkfifo(&fifo);
    let zero = dir.path().join("bundle-zero.json");
    std::os::unix::fs::symlink("/dev/zero", &zero).expect("symlink");
    let sparse = dir.path().join("bundle-sparse.json");
    std::fs::File::create(&sparse).expect("create").set_len(4 << 30).expect("sparse");
    for (file, expect) in [
        (&fifo, "geen gewoon bestand"),
        (&zero, "symbolische koppeling"),
        (&sparse, "een bundel is hoogstens"),
    ] {
        let m = measured(wikken(&data, &pool).arg("import").arg(file), LIMIT);
        assert!(matches!(m.code, Some(1 | 2)), "{}", m.err);
        assert!(m.err.contains(expect), "{}", m.err);
        assert!(m.max_rss < MAX_RSS, "{} MB", m.max_rss >> 20);
        assert_eq!(std::fs::read_dir(&pool).expect("ls").count(), 0, "nothing written");
    }
}

#[test]
fn escape_sequences_and_formulas_from_the_pool_never_reach_terminal_or_spreadsheet() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().join("data");
    let pool = dir.path().join("pool");
    fill(&pool, 5, "h");
    let (dilemma, options) = dilemma_and_options();
    let evil = "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m\u{202e}";
    // Five colleagues who "revised" to an escape sequence or a formula, in a file whose
    // name holds an escape sequence too.
    let p = FolderPool::new(&pool);
    for i in 0..5 {
        let who = Pseudonym(format!("{:016x}", 0x200 + i));
        let mut r = record(&who.0, &who.0, &dilemma, &options[0], Some(evil));
        r.revised = Some(if i % 2 == 0 { evil.into() } else { "=HYPERLINK(\"http://x\")".into() });
        p.append(&who, &r).expect("append");
    }
    std::fs::write(pool.join(format!("{evil}.jsonl")), format!("{evil}\n")).expect("evil file");

    for format in ["table", "csv", "json"] {
        let (code, out, err) =
            run(wikken(&data, &pool).args(["stats", "--pack", PACK, "--format", format]));
        assert_eq!(code, Some(0), "{err}");
        assert!(!has_raw_control(&out), "{format}: {out:?}");
        assert!(!has_raw_control(&err), "{format}: {err:?}");
        if format == "csv" {
            assert!(!out.contains(";=HYPERLINK") && !out.contains(";\"=HYPERLINK"), "{out}");
            assert!(out.contains("'=HYPERLINK"), "the formula is kept, neutralised: {out}");
        }
    }
}

#[test]
fn a_pool_file_of_millions_of_damaged_lines_stays_small() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().join("data");
    let pool = dir.path().join("pool");
    fill(&pool, 5, "h");
    // 9 MB of lines that are JSON but no record: three million warnings, if each were kept
    // (about 1.5 GB before this was bounded).
    std::fs::write(pool.join("junk.jsonl"), b"{}\n".repeat(3_000_000)).expect("junk");
    for args in [&["stats", "--format", "json", "--pack", PACK][..], &["export", "--out", "x.json"]]
    {
        let mut cmd = wikken(&data, &pool);
        cmd.args(args).current_dir(dir.path());
        let m = measured(&mut cmd, LIMIT);
        assert_eq!(m.code, Some(0), "{args:?}: {}", m.err);
        assert!(m.err.contains("junk.jsonl") && m.err.contains("geen poolbestand"), "{}", m.err);
        assert_eq!(m.err.lines().count(), 1, "one warning for the file: {}", m.err);
        assert!(m.max_rss < MAX_RSS, "{args:?}: {} MB", m.max_rss >> 20);
    }
}

/// A colleague writes a line under the victim's pseudonym into a file of their own: it
/// does not count, in `stats` and in an export alike (only a participant's own file speaks
/// for them), and the warning names the forger's file.
#[test]
fn a_record_under_someone_elses_pseudonym_in_ones_own_file_does_not_count() {
    let dir = tempfile::tempdir().expect("tmp");
    let (data, pool) = (dir.path().join("data"), dir.path().join("pool"));
    fill(&pool, 5, "v");
    let before = first_dilemma_stats(&data, &pool);
    let (dilemma, options) = dilemma_and_options();
    let victim = "v000000000000000";
    let forger = Pseudonym("f000000000000000".into());
    // The victim chose options[0]; the forged line says options[1].
    let forged = record("ffffffffffffff99", victim, &dilemma, &options[1], None);
    FolderPool::new(&pool).append(&forger, &forged).expect("forger's own file");
    let after = first_dilemma_stats(&data, &pool);
    assert_eq!(after["options"], before["options"], "{before}\n{after}");
    let (_, _, err) = run(wikken(&data, &pool).args(["stats", "--pack", PACK]));
    assert!(err.contains("f000000000000000.jsonl:1") && err.contains("andere deelnemer"), "{err}");
    let bundle = dir.path().join("b.json");
    let (code, out, _) = run(wikken(&data, &pool).args(["export", "--out"]).arg(&bundle));
    assert_eq!(code, Some(0));
    assert!(out.contains("5 antwoorden van 5 deelnemers"), "{out}");
}

/// What an export, an import or a count killed midway left behind (a temporary file with
/// bundle contents, say) is removed at the next run once it has lain untouched for ten
/// minutes; a temporary file of a write under way is not touched.
#[test]
fn temporary_files_of_killed_runs_are_cleaned_at_the_next_run() {
    let dir = tempfile::tempdir().expect("tmp");
    let (data, pool) = (dir.path().join("data"), dir.path().join("pool"));
    fill(&pool, 5, "t");
    run(wikken(&data, &pool).arg("stats"));
    let stale = |path: &Path| {
        let f = std::fs::File::create(path).expect("temp");
        let then = std::time::SystemTime::now() - Duration::from_secs(3600);
        f.set_modified(then).expect("mtime");
    };
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).expect("out");
    let left_by_export = out_dir.join(".b.json.0123456789ab.tmp");
    let fresh = out_dir.join(".b.json.ba9876543210.tmp");
    stale(&left_by_export);
    std::fs::write(&fresh, "a write under way").expect("fresh");
    let left_by_import = pool.join(".import-000001-0123456789abcdef.jsonl.0123456789ab.tmp");
    stale(&left_by_import);
    let left_by_count = data.join("cache").join(".stats.cache.0123456789ab.tmp");
    stale(&left_by_count);

    let (code, _, err) =
        run(wikken(&data, &pool).args(["export", "--out"]).arg(out_dir.join("b.json")));
    assert_eq!(code, Some(0), "{err}");
    assert!(!left_by_export.exists() && fresh.exists());
    let other = dir.path().join("other");
    fill(&other, 3, "o");
    let bundle = dir.path().join("o.json");
    run(wikken(&dir.path().join("x"), &other).args(["export", "--out"]).arg(&bundle));
    let (code, _, err) = run(wikken(&data, &pool).arg("import").arg(&bundle));
    assert_eq!(code, Some(0), "{err}");
    assert!(!left_by_import.exists());
    // The import changed the pool: the next count writes the cache, and cleans beside it.
    let (code, _, err) = run(wikken(&data, &pool).arg("stats"));
    assert_eq!(code, Some(0), "{err}");
    assert!(!left_by_count.exists());
}
