//! Loading and counting folder pools: `cargo bench --bench pool`. For each size (answers,
//! participant files): `cat *.jsonl > /dev/null` in the pool folder, reading the bytes alone
//! in this process (`std::fs::read`, one file after the other), a full
//! count (`Tally::load`), and `stats` — the library's `summarise_pool` and the whole
//! `wikken stats` command — without a cache, when nothing changed since the last run (the
//! cache decides from `lstat` alone), and after one new answer appended to one participant's
//! file. Targets (issue 18): repeated `stats` on 1M answers / 5 000 files ≤ 50 ms, on 30 000
//! files ≤ 150 ms; `stats` without a cache ≤ 2.5× `cat` of the same files. Then exporting a bundle
//! of 1M answers (target ≤ 3 s). Files are in the page cache, as on a second run; the first,
//! cold run is measured with `/usr/bin/time` (see BENCHMARKS.md).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use wikken::store::{
    FolderPool as Pool, Tally, Threshold, export_to, pool_files, summarise_pool, synthetic,
};

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

/// The median of `n` runs of `f`, each after `prepare` (untimed).
fn time(n: usize, mut prepare: impl FnMut(), mut f: impl FnMut()) -> Duration {
    median(
        (0..n)
            .map(|_| {
                prepare();
                let start = Instant::now();
                f();
                start.elapsed()
            })
            .collect(),
    )
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// `wikken --data DATA --pool POOL stats`, output discarded; panics unless it succeeds.
fn stats_command(data: &Path, pool: &Path) {
    let status = Command::new(env!("CARGO_BIN_EXE_wikken"))
        .arg("--data")
        .arg(data)
        .arg("--pool")
        .arg(pool)
        .arg("stats")
        .env("WIKKEN_CONFIG", data.join("none.toml"))
        .stdout(Stdio::null())
        .status()
        .expect("wikken");
    assert!(status.success());
}

/// One participant's file gains one more answer (a copy of its first line: a re-answer), as
/// the trainer appends it.
fn one_more_answer(file: &Path) -> impl FnMut() + '_ {
    let text = std::fs::read(file).expect("read");
    let first = text.split_inclusive(|&b| b == b'\n').next().expect("a line").to_vec();
    move || {
        use std::io::Write as _;
        let mut f = std::fs::OpenOptions::new().append(true).open(file).expect("open");
        f.write_all(&first).expect("append");
    }
}

/// One row of the table for a pool of `records` answers from `participants` files.
fn row(root: &Path, records: usize, participants: usize) {
    let dir = root.join(format!("pool-{records}-{participants}"));
    synthetic::generate(&dir, records, participants, 7).expect("generate");
    let files: Vec<PathBuf> = pool_files(&dir).expect("files");
    let runs = if records >= 1_000_000 { 5 } else { 11 };
    let nothing = || {};
    let read = time(runs, nothing, || {
        for f in &files {
            std::hint::black_box(std::fs::read(f).expect("read"));
        }
    });
    // `cat` itself, as the target names it: the shell expands the names in the
    // folder (short, so 30 000 of them fit one command line).
    let cat = time(runs, nothing, || {
        let status = Command::new("sh")
            .args(["-c", "cat -- *.jsonl > /dev/null"])
            .current_dir(&dir)
            .status()
            .expect("sh");
        assert!(status.success());
    });
    let count = time(runs, nothing, || {
        std::hint::black_box(Tally::load(&dir, false).0.records());
    });
    let data = root.join(format!("data-{records}-{participants}"));
    let cache = data.join("cache").join("stats.cache");
    let k = Threshold::default();
    let drop_cache = || drop(std::fs::remove_file(&cache));
    let cold =
        time(runs, drop_cache, || drop(std::hint::black_box(summarise_pool(&dir, &cache, k))));
    let cold_cmd = time(runs, drop_cache, || stats_command(&data, &dir));
    stats_command(&data, &dir);
    let hit = time(runs, nothing, || drop(std::hint::black_box(summarise_pool(&dir, &cache, k))));
    let hit_cmd = time(runs, nothing, || stats_command(&data, &dir));
    let mut append = one_more_answer(&files[files.len() / 3]);
    let appended = time(runs, &mut append, || drop(summarise_pool(&dir, &cache, k)));
    let appended_cmd = time(runs, &mut append, || stats_command(&data, &dir));
    let ratio = cold_cmd.as_secs_f64() / cat.as_secs_f64();
    let ratio_read = cold_cmd.as_secs_f64() / read.as_secs_f64();
    println!(
        "| {records} | {participants} | {} | {} | {} | {} / {} | {ratio:.1}× | {ratio_read:.1}× | {} / {} | {} / {} |",
        ms(cat),
        ms(read),
        ms(count),
        ms(cold),
        ms(cold_cmd),
        ms(hit),
        ms(hit_cmd),
        ms(appended),
        ms(appended_cmd)
    );
}

fn main() {
    let root = tempfile::tempdir().expect("tmp");
    println!(
        "| answers | participant files | `cat` the files | read the bytes in process | count (`Tally::load`) | stats, no cache: library / command | command ÷ `cat` | command ÷ reading | stats, nothing changed: library / command | stats, one new answer: library / command |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|");
    for (records, participants) in
        [(10_000, 200), (100_000, 1_000), (1_000_000, 5_000), (1_000_000, 30_000)]
    {
        row(root.path(), records, participants);
    }

    println!();
    println!("| records in the pool | participants | records exported | export (`export_to`) |");
    println!("|---|---|---|---|");
    for (records, participants) in [(1_000_000, 2_000), (1_000_000, 30_000)] {
        let dir = root.path().join(format!("export-{records}-{participants}"));
        synthetic::generate(&dir, records, participants, 11).expect("generate");
        let pool = Pool::new(&dir);
        let mut exported = 0;
        let out = root.path().join("bundle.json");
        let took = time(
            3,
            || drop(std::fs::remove_file(&out)),
            || {
                exported = export_to(&pool, "2026-12-01", &out).expect("export").records;
            },
        );
        println!("| {records} | {participants} | {exported} | {} |", ms(took));
    }
}
