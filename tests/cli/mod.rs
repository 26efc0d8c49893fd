//! Running the real `wikken` binary from integration tests: a command with its own data
//! and pool folders, its output, and — on Unix — how much memory it used at most.

#![allow(dead_code)] // each test binary uses a part

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use wikken::store::{FolderPool, PoolRecord, Pseudonym};

/// The bundled pack the tests answer.
pub const PACK: &str = "werk-en-inkomen";

/// The version of [`PACK`] as bundled (answers count per version).
pub fn pack_version() -> u32 {
    // Parsed once: writer processes call this for every record they append.
    static VERSION: std::sync::OnceLock<u32> = std::sync::OnceLock::new();
    *VERSION.get_or_init(|| {
        let (_, text) =
            wikken::pack::BUNDLED.iter().find(|(n, _)| n.starts_with(PACK)).expect("pack");
        *wikken::pack::check_text(text).pack.expect("decodes").version
    })
}

/// The first dilemma of [`PACK`] and its werkwijze ids.
pub fn dilemma_and_options() -> (String, Vec<String>) {
    let (_, text) = wikken::pack::BUNDLED.iter().find(|(n, _)| n.starts_with(PACK)).expect("pack");
    let pack = wikken::pack::check_text(text).pack.expect("decodes");
    let d = &pack.dilemmas[0];
    (d.id.value.clone(), d.options.iter().map(|o| o.id.value.clone()).collect())
}

/// A pool record of [`PACK`] in its bundled version.
pub fn record(
    rid: &str,
    p: &str,
    dilemma: &str,
    first: &str,
    reasoning: Option<&str>,
) -> PoolRecord {
    PoolRecord {
        rid: rid.into(),
        pack: PACK.into(),
        v: pack_version(),
        dilemma: dilemma.into(),
        first: first.into(),
        revised: None,
        p: p.into(),
        date: "2026-11-23".into(),
        reasoning: reasoning.map(Into::into),
    }
}

/// `wikken --data DATA --pool POOL` in Dutch, with no settings file of the machine's.
pub fn wikken(data: &Path, pool: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_wikken"));
    cmd.arg("--data")
        .arg(data)
        .arg("--pool")
        .arg(pool)
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env("WIKKEN_CONFIG", data.join("config.toml"));
    cmd
}

/// Runs to the end: exit code, stdout, stderr.
pub fn run(cmd: &mut Command) -> (Option<i32>, String, String) {
    let Output { status, stdout, stderr } = cmd.output().expect("run");
    (
        status.code(),
        String::from_utf8(stdout).expect("utf8"),
        String::from_utf8(stderr).expect("utf8"),
    )
}

/// What a measured run did.
pub struct Measured {
    /// Exit code.
    pub code: Option<i32>,
    /// Standard output.
    pub out: String,
    /// Standard error.
    pub err: String,
    /// Wall time.
    pub took: Duration,
    /// Peak resident memory in bytes.
    pub max_rss: u64,
}

/// Runs with stdin closed and measures time and peak memory of that one process (wait4,
/// so other tests' children do not count). Kills it after `limit` and fails.
#[cfg(unix)]
#[allow(clippy::zombie_processes)] // reaped by wait4 below, which std cannot see
pub fn measured(cmd: &mut Command, limit: Duration) -> Measured {
    use std::io::Read;
    use std::process::Stdio;
    let start = Instant::now();
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let pid = child.id() as libc::pid_t;
    let mut out_pipe = child.stdout.take().expect("stdout");
    let mut err_pipe = child.stderr.take().expect("stderr");
    let out_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = out_pipe.read_to_string(&mut s);
        s
    });
    let err_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err_pipe.read_to_string(&mut s);
        s
    });
    let (status, usage) = loop {
        let mut status = 0;
        // SAFETY: an all-zero rusage is a valid value; wait4 fills it for our own child.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: pid is our child, status and usage point to live locals.
        let r = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if r == pid {
            break (status, usage);
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("wikken still running after {limit:?}: it hangs");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let took = start.elapsed();
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    Measured {
        code,
        out: out_reader.join().expect("stdout"),
        err: err_reader.join().expect("stderr"),
        took,
        // ru_maxrss is in kilobytes on Linux.
        max_rss: usage.ru_maxrss as u64 * 1024,
    }
}

/// Whether a text holds anything a terminal would act on.
pub fn has_raw_control(s: &str) -> bool {
    s.chars().any(|c| c != '\n' && c != '\r' && wikken::clean::is_unsafe(c))
}

/// `wikken stats --pack PACK --format json`, which must succeed.
pub fn stats_json(data: &Path, pool: &Path) -> String {
    let (code, out, err) =
        run(wikken(data, pool).args(["stats", "--pack", PACK, "--format", "json"]));
    assert_eq!(code, Some(0), "{err}");
    out
}

/// The first dilemma's entry in `wikken stats`.
pub fn first_dilemma_stats(data: &Path, pool: &Path) -> serde_json::Value {
    first_dilemma_in(&stats_json(data, pool))
}

/// `n` participants answering the first dilemma, choices spread over the options.
pub fn fill(pool: &Path, n: usize, tag: &str) {
    let (dilemma, options) = dilemma_and_options();
    let p = FolderPool::new(pool);
    for i in 0..n {
        let who = Pseudonym(format!("{tag}{i:0>width$x}", width = 16 - tag.len()));
        let r = record(&who.0, &who.0, &dilemma, &options[i % 2], Some("Gedeeld."));
        p.append(&who, &r).expect("append");
    }
}

/// Every regular file below `dir` with its bytes, sorted by path.
pub fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.is_dir() => out.extend(tree(&p)),
            Ok(m) if m.is_file() => out.push((p.clone(), std::fs::read(&p).expect("read"))),
            _ => {}
        }
    }
    out.sort();
    out
}

/// The files below `dir` whose name or contents hold `needle`.
pub fn contains_anywhere(dir: &Path, needle: &str) -> Vec<PathBuf> {
    tree(dir)
        .into_iter()
        .filter(|(p, bytes)| {
            String::from_utf8_lossy(bytes).contains(needle) || p.to_string_lossy().contains(needle)
        })
        .map(|(p, _)| p)
        .collect()
}

/// The first dilemma's entry in `wikken stats --format json` output.
pub fn first_dilemma_in(out: &str) -> serde_json::Value {
    let json: serde_json::Value = serde_json::from_str(out).expect("json");
    let (dilemma, _) = dilemma_and_options();
    json["dilemmas"]
        .as_array()
        .expect("dilemmas")
        .iter()
        .find(|d| d["dilemma"] == dilemma.as_str())
        .expect("dilemma")
        .clone()
}
