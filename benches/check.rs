//! `wikken check` at scale, side by side with `cat`: 1 000 packs × 24 dilemmas (the first 24
//! dilemmas of the bundled Werk en Inkomen pack, each copy with its own id), files in the
//! page cache. Each round runs `cat` over the same files (the reading limit) and then the
//! release binary's `wikken check`; `cargo bench --bench check` prints the median and
//! slowest of 7 rounds after a warm-up, the median ratio of check to cat, and the peak
//! memory, against the targets (issue 24): at most 7× `cat`, at most 100 MB. The numbers go
//! into BENCHMARKS.md.
//!
//! Set `WIKKEN_BENCH_PACKS=DIR` to keep the generated folder (it is made once and reused).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const COPIES: usize = 1_000;
const DILEMMAS: usize = 24;
const ROUNDS: usize = 7;
/// Targets: check at most this many times `cat` of the same files, and this much memory.
const MAX_RATIO: f64 = 7.0;
const MAX_MB: i64 = 100;

/// Writes the copies into `dir`, unless they are already there.
fn generate(dir: &Path) -> Vec<PathBuf> {
    let (_, text) = wikken::pack::BUNDLED
        .iter()
        .find(|(name, _)| name.starts_with("werk-en-inkomen"))
        .expect("bundled pack");
    let (mut pack, comments) = wikken::pack::read_with_comments(text).expect("bundled pack reads");
    pack.dilemmas.truncate(DILEMMAS);
    let text = wikken::pack::render(&pack, &comments);
    std::fs::create_dir_all(dir).expect("mkdir");
    (0..COPIES)
        .map(|i| {
            let path = dir.join(format!("pack-{i:04}.ron"));
            if !path.exists() {
                let id = format!("id: \"kopie-{i:04}\"");
                let copy = text.replacen("id: \"werk-en-inkomen\"", &id, 1);
                std::fs::write(&path, copy).expect("write");
            }
            path
        })
        .collect()
}

/// Runs `cmd` to the end: wall time and peak resident memory in KB.
#[cfg(unix)]
fn run(mut cmd: Command) -> (Duration, i64) {
    let start = Instant::now();
    let child = cmd.stdout(Stdio::null()).stderr(Stdio::null()).spawn().expect("spawn");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our child, `status` and `usage` are valid for writes.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let took = start.elapsed();
    assert_eq!(waited, pid, "wait4");
    std::mem::forget(child); // reaped by wait4 above
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
    let files = generate(&dir);
    let bytes: u64 = files.iter().filter_map(|f| f.metadata().ok()).map(|m| m.len()).sum();
    let cat = || {
        let mut cmd = Command::new("cat");
        cmd.args(&files);
        cmd
    };
    let check = || {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_wikken"));
        cmd.arg("check")
            .arg(&dir)
            .env("LANG", "C.UTF-8")
            .env("WIKKEN_CONFIG", "/nonexistent/wikken-bench-config.toml")
            .env("WIKKEN_DATA", tmp.path().join("data"));
        cmd
    };
    // Warm the page cache and the binary.
    run(cat());
    run(check());
    let mut cats = Vec::new();
    let mut checks = Vec::new();
    let mut ratios = Vec::new();
    for _ in 0..ROUNDS {
        let (c, _) = run(cat());
        let (k, mem) = run(check());
        ratios.push(k.as_secs_f64() / c.as_secs_f64());
        cats.push(c);
        checks.push((k, mem));
    }
    cats.sort();
    checks.sort();
    ratios.sort_by(f64::total_cmp);
    let peak_mb = checks.iter().map(|r| r.1).max().unwrap_or(0) / 1024;
    let median = ROUNDS / 2;
    let ratio = ratios[median];
    println!(
        "{COPIES} packs × {DILEMMAS} dilemmas ({:.0} MB), {} threads, {ROUNDS} rounds:",
        bytes as f64 / 1e6,
        std::thread::available_parallelism().map_or(1, |n| n.get()),
    );
    println!(
        "  cat:   median {:.3} s, slowest {:.3} s",
        cats[median].as_secs_f64(),
        cats[ROUNDS - 1].as_secs_f64()
    );
    println!(
        "  check: median {:.3} s, slowest {:.3} s, peak {peak_mb} MB",
        checks[median].0.as_secs_f64(),
        checks[ROUNDS - 1].0.as_secs_f64()
    );
    let verdict = |ok: bool| if ok { "met" } else { "NOT MET" };
    println!(
        "  check / cat: median {ratio:.1}× (target ≤ {MAX_RATIO}×: {}), memory target ≤ {MAX_MB} MB: {}",
        verdict(ratio <= MAX_RATIO),
        verdict(peak_mb <= MAX_MB)
    );
}
