//! Loading and counting pools of 10k, 100k and 1M answers: `cargo bench --bench pool`.
//! For each size: reading the bytes alone (what `cat DIR/* > /dev/null` does), counting
//! from scratch, answering from the stats cache when nothing changed, and after one new
//! answer (appended to one participant's file; target at 1M: at most 50 ms for the whole
//! `wikken stats`, see BENCHMARKS.md). Then exporting a bundle of 1M answers
//! (target: at most 3 s). Files are in the page cache, as on a
//! second run; the first, cold run is measured with `/usr/bin/time` (see BENCHMARKS.md).

use std::time::{Duration, Instant};

use wikken::store::{FolderPool as Pool, Tally, export_to, pool_files, summarise_pool, synthetic};

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn time(n: usize, mut f: impl FnMut()) -> Duration {
    median(
        (0..n)
            .map(|_| {
                let start = Instant::now();
                f();
                start.elapsed()
            })
            .collect(),
    )
}

/// Like [`time`], with `prepare` run (untimed) before each run.
fn time_after(n: usize, mut prepare: impl FnMut(), mut f: impl FnMut()) -> Duration {
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

fn main() {
    let root = tempfile::tempdir().expect("tmp");
    println!(
        "| records | participants | read bytes | count (Tally::load) | ratio | cache, no change | cache, one new answer |"
    );
    println!("|---|---|---|---|---|---|---|");
    for (records, participants) in
        [(10_000, 200), (100_000, 1_000), (1_000_000, 2_000), (1_000_000, 30_000)]
    {
        let dir = root.path().join(format!("pool-{records}"));
        synthetic::generate(&dir, records, participants, 7).expect("generate");
        let files = pool_files(&dir).expect("files");
        let runs = if records >= 1_000_000 { 5 } else { 11 };
        let read = time(runs, || {
            for f in &files {
                std::hint::black_box(std::fs::read(f).expect("read"));
            }
        });
        let count = time(runs, || {
            let (tally, _) = Tally::load(&dir, false);
            std::hint::black_box(tally.records());
        });
        let cache = root.path().join(format!("cache-{records}.json"));
        summarise_pool(&dir, &cache, wikken::store::Threshold::default());
        // The cache checks files changed within RACY of a count again (their times could
        // hide a second change); a pool just generated is all such files. Measure it as a
        // pool is on a normal day: one run after that window, which clears the marks.
        std::thread::sleep(wikken::store::RACY + Duration::from_millis(100));
        summarise_pool(&dir, &cache, wikken::store::Threshold::default());
        let hit = time(runs, || {
            std::hint::black_box(summarise_pool(&dir, &cache, wikken::store::Threshold::default()));
        });
        // One more answer in one participant's file (a copy of its first line: a re-answer),
        // as the trainer appends it.
        let target = &files[files.len() / 3];
        let text = std::fs::read(target).expect("read");
        let first = text.split_inclusive(|&b| b == b'\n').next().expect("a line").to_vec();
        let appended = time_after(
            runs,
            || {
                use std::io::Write as _;
                let mut f = std::fs::OpenOptions::new().append(true).open(target).expect("open");
                f.write_all(&first).expect("append");
            },
            || {
                let s = summarise_pool(&dir, &cache, wikken::store::Threshold::default());
                std::hint::black_box(s);
            },
        );
        let ratio = count.as_secs_f64() / read.as_secs_f64();
        println!(
            "| {records} | {participants} | {} | {} | {ratio:.1}× | {} | {} |",
            ms(read),
            ms(count),
            ms(hit),
            ms(appended)
        );
    }

    println!();
    println!("| records in the pool | participants | records exported | export (`export_to`) |");
    println!("|---|---|---|---|");
    for (records, participants) in [(1_000_000, 2_000), (1_000_000, 30_000)] {
        let dir = root.path().join(format!("export-{records}-{participants}"));
        synthetic::generate(&dir, records, participants, 11).expect("generate");
        let pool = Pool::new(&dir);
        let mut exported = 0;
        let took = time(3, || {
            let out = root.path().join("bundle.json");
            let _ = std::fs::remove_file(&out);
            exported = export_to(&pool, "2026-12-01", &out).expect("export").records;
        });
        println!("| {records} | {participants} | {exported} | {} |", ms(took));
    }
}
