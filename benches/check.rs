//! `wikken check` at scale: 1 000 packs × 24 dilemmas (copies of the bundled Werk en
//! Inkomen pack, each with its own id; 153 MB), checked by the release binary, files in the
//! page cache. `cargo bench --bench check` prints the median and slowest wall time of 5 runs
//! after one warm-up, and the peak memory; the numbers go into BENCHMARKS.md.
//!
//! Set `WIKKEN_BENCH_PACKS=DIR` to keep the generated folder (it is made once and reused).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const COPIES: usize = 1_000;

/// Writes the copies into `dir`, unless they are already there.
fn generate(dir: &Path) {
    let (_, text) = wikken::pack::BUNDLED
        .iter()
        .find(|(name, _)| name.starts_with("werk-en-inkomen"))
        .expect("bundled pack");
    std::fs::create_dir_all(dir).expect("mkdir");
    for i in 0..COPIES {
        let path = dir.join(format!("pack-{i:04}.ron"));
        if path.exists() {
            continue;
        }
        let copy = text.replacen("id: \"werk-en-inkomen\"", &format!("id: \"kopie-{i:04}\""), 1);
        std::fs::write(&path, copy).expect("write");
    }
}

/// One run of `wikken check DIR`: wall time and peak resident memory in KB.
#[cfg(unix)]
fn run(dir: &Path) -> (Duration, i64) {
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_wikken"))
        .arg("check")
        .arg(dir)
        .env("LANG", "C.UTF-8")
        .env("WIKKEN_CONFIG", "/nonexistent/wikken-bench-config.toml")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value; wait4 fills it for our own child, which
    // std then no longer needs to reap.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our child, `status` and `usage` are valid for writes.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let took = start.elapsed();
    assert_eq!(waited, pid, "wait4");
    let _ = child.try_wait();
    (took, usage.ru_maxrss)
}

#[cfg(not(unix))]
fn main() {
    eprintln!("this benchmark measures memory with wait4 and runs on Unix only");
}

#[cfg(unix)]
fn main() {
    let kept = std::env::var_os("WIKKEN_BENCH_PACKS").map(PathBuf::from);
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = kept.unwrap_or_else(|| tmp.path().join("packs"));
    generate(&dir);
    let bytes: u64 = std::fs::read_dir(&dir)
        .expect("ls")
        .flatten()
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum();
    run(&dir); // warm the page cache
    let mut runs: Vec<(Duration, i64)> = (0..5).map(|_| run(&dir)).collect();
    runs.sort();
    let peak = runs.iter().map(|r| r.1).max().unwrap_or(0);
    println!(
        "check {COPIES} packs ({:.0} MB): median {:.2} s, slowest {:.2} s, peak {} MB ({} threads)",
        bytes as f64 / 1e6,
        runs[2].0.as_secs_f64(),
        runs[4].0.as_secs_f64(),
        peak / 1024,
        std::thread::available_parallelism().map_or(1, |n| n.get()),
    );
}
