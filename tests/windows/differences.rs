//! What Windows does differently, where Wine can show it: the console's size at start,
//! `NO_COLOR` through the Windows environment, and files that another program holds open
//! (a colleague's pool file on the share, the stats cache being replaced by a rename).
//! Key presses and releases: the trainer test in `tui.rs` types a sentence and finds it
//! once in the journal. What only real Windows can show is in README's Windows section.

use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Stdio};

use crate::cli;
use crate::tui::{quit, trainer};
use crate::wine::{self, Windows, win};

/// Whether a terminal stream sets a foreground or background colour (SGR 30–37, 38;…,
/// 40–47, 48;…, 90–97, 100–107).
fn sets_colour(stream: &[u8]) -> bool {
    let text = String::from_utf8_lossy(stream);
    text.split("\x1b[").skip(1).any(|seq| {
        let Some(end) = seq.find(|c: char| c.is_ascii_alphabetic()) else { return false };
        seq[end..].starts_with('m')
            && seq[..end]
                .split(';')
                .filter_map(|p| p.parse::<u32>().ok())
                .any(|n| matches!(n, 30..=38 | 40..=48 | 90..=97 | 100..=107))
    })
}

#[test]
fn no_color_reaches_the_trainer_through_windows_environment() {
    let Some(w) = wine::windows() else { return };
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().join("data");
    let coloured = trainer(w, &data, &[], 100, 30);
    coloured.wait_for("Verras");
    let stream = coloured.stream();
    quit(coloured);
    assert!(sets_colour(&stream), "colours by default");

    let plain = trainer(w, &data, &[("NO_COLOR", OsStr::new("1"))], 100, 30);
    plain.wait_for("Verras");
    // The selection stays visible without colour: the marker and reverse video.
    assert!(plain.screen().contains('▶'), "{}", plain.screen());
    let stream = plain.stream();
    quit(plain);
    assert!(!sets_colour(&stream), "NO_COLOR=1: not one colour");
}

#[test]
fn the_console_size_is_read_at_start() {
    let Some(w) = wine::windows() else { return };
    let dir = tempfile::tempdir().expect("tmp");
    let small = trainer(w, &dir.path().join("data"), &[], 50, 12);
    small.wait_for("60×16");
    quit(small);
}

/// `hold.exe FILE SHARE` under Wine, holding the file until dropped.
struct Held(Child);

impl Held {
    fn new(w: &Windows, file: &Path, share: &str) -> Held {
        let exe = w.dir.join("hold.exe");
        let mut child = w
            .tool("wine")
            .arg(&exe)
            .arg(win(file))
            .arg(share)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("hold.exe");
        let mut first = String::new();
        let stdout = child.stdout.take().expect("stdout");
        BufReader::new(stdout).read_line(&mut first).expect("hold.exe says");
        assert_eq!(first.trim(), "held", "{}", file.display());
        Held(child)
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        if let Some(mut stdin) = self.0.stdin.take() {
            let _ = stdin.write_all(b"\n");
        }
        let _ = self.0.wait();
    }
}

/// A pool folder where six colleagues answered the first dilemma; the data folder's stats
/// cache made by one run of `stats`.
fn pool_and_cache(w: &Windows, dir: &Path) -> (String, String) {
    let pool = dir.join("pool");
    cli::fill(&pool, 6, "beef");
    let data = win(&dir.join("data"));
    let pool = win(&pool);
    let ran = wine::run(
        &mut w.command(dir, &os(&["--data", &data, "--pool", &pool, "stats"]), &[]),
        "stats",
    );
    assert_eq!(ran.code, Some(0), "{ran:?}");
    assert!(dir.join("data/cache/stats.cache").is_file());
    (data, pool)
}

fn os<'a>(args: &'a [&'a str]) -> Vec<&'a OsStr> {
    args.iter().map(OsStr::new).collect()
}

fn participants(w: &Windows, dir: &Path, data: &str, pool: &str) -> (wine::Ran, serde_json::Value) {
    let args = ["--data", data, "--pool", pool, "stats", "--pack", cli::PACK, "--format", "json"];
    let ran = wine::run(&mut w.command(dir, &os(&args), &[]), "stats --format json");
    assert_eq!(ran.code, Some(0), "{ran:?}");
    let first = cli::first_dilemma_in(&ran.out);
    (ran, first["participants"].clone())
}

/// A colleague's pool file that another program holds open without sharing (a virus
/// scanner, Excel): wikken counts the rest and names the file it could not read, instead
/// of failing or counting nothing.
#[test]
fn a_pool_file_held_without_sharing_is_skipped_and_named() {
    let Some(w) = wine::windows() else { return };
    let dir = tempfile::tempdir().expect("tmp");
    let (data, pool) = pool_and_cache(w, dir.path());
    let files = cli::tree(&dir.path().join("pool"));
    let held_file = &files[0].0;
    // Sharing read and write, as wikken itself opens: nothing changes.
    {
        let _held = Held::new(w, held_file, "rw");
        let (ran, n) = participants(w, dir.path(), &data, &pool);
        assert_eq!(n, 6, "{ran:?}");
    }
    let _held = Held::new(w, held_file, "none");
    std::fs::remove_dir_all(dir.path().join("data/cache")).expect("no cache to fall back on");
    let (ran, n) = participants(w, dir.path(), &data, &pool);
    let name = held_file.file_name().expect("name").to_string_lossy().into_owned();
    assert_eq!(n, 5, "the other five counted: {ran:?}");
    assert!(ran.err.contains(&name), "the held file is named: {ran:?}");
}

/// The stats cache is replaced by writing a new file and renaming it over the old one.
/// While another program holds the old one open without sharing, the rename fails (as on
/// NTFS); `stats` still answers from the pool itself.
#[test]
fn stats_answer_while_the_cache_cannot_be_replaced() {
    let Some(w) = wine::windows() else { return };
    let dir = tempfile::tempdir().expect("tmp");
    let (data, pool) = pool_and_cache(w, dir.path());
    cli::fill(&dir.path().join("pool"), 7, "cafe"); // a seventh colleague: the cache is stale
    let cache = dir.path().join("data/cache/stats.cache");
    let before = std::fs::read(&cache).expect("cache");
    let _held = Held::new(w, &cache, "none");
    let (ran, n) = participants(w, dir.path(), &data, &pool);
    assert_eq!(n, 13, "counted from the pool: {ran:?}");
    assert_eq!(std::fs::read(&cache).expect("cache"), before, "the held cache is untouched");
}
