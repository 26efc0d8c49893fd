//! The command line under Wine: each command's exit code, output and written files equal
//! those of the Linux build of the same source, given the same folder (paths as a Windows
//! user types them on one side, as a Linux user does on the other). The Linux build is the
//! truth, so no expected text is copied in here; the checks on top say what must hold.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use wikken::store::{FolderPool, Journal, NewAnswer, Pseudonym};

use crate::cli;
use crate::wine::{self, Ran, Windows, win};

/// Two copies of one starting folder: `win` for wikken.exe, `linux` for wikken.
struct Twins {
    _dir: tempfile::TempDir,
    win: PathBuf,
    linux: PathBuf,
}

/// A team pool folder whose name has a space.
const POOL: &str = "Team pool";
/// A pack with three mistakes, for `check`.
const BROKEN: &str = "tests/packs/invalid/three-mistakes.ron";

impl Twins {
    /// Two folders, each with `packs/kapot.ron` and a team pool where six colleagues
    /// answered the first dilemma (enough for a distribution) — the same bytes in both,
    /// the pool's export key included (so the two exports hash alike).
    fn new() -> Twins {
        let dir = tempfile::tempdir().expect("tmp");
        let (win, linux) = (dir.path().join("win"), dir.path().join("linux"));
        std::fs::create_dir_all(linux.join("packs")).expect("packs");
        std::fs::create_dir_all(linux.join(POOL)).expect("pool");
        let broken = Path::new(env!("CARGO_MANIFEST_DIR")).join(BROKEN);
        std::fs::copy(broken, linux.join("packs/kapot.ron")).expect("broken pack");
        cli::fill(&linux.join(POOL), 6, "c0ffee");
        // The export key is made at the first export; one made here is copied with the rest.
        let made = wine::run(
            &mut wine::linux(
                &linux,
                &os(&["--data", "key", "--pool", POOL, "export", "--out", "k"]),
                &[],
            ),
            "export for the key",
        );
        assert_eq!(made.code, Some(0), "{made:?}");
        let _ = std::fs::remove_dir_all(linux.join("key"));
        std::fs::remove_file(linux.join("k")).expect("rm");
        copy_tree(&linux, &win);
        Twins { _dir: dir, win, linux }
    }

    /// The team pool: a Windows path with a space on one side, a Linux path on the other.
    fn pools(&self) -> (String, String) {
        (win(&self.win.join(POOL)), self.linux.join(POOL).display().to_string())
    }
}

fn os<'a>(args: &'a [&'a str]) -> Vec<&'a OsStr> {
    args.iter().map(OsStr::new).collect()
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read").flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// Both builds with `args` and the team pool; equal exit code and output.
fn with_pool(w: &Windows, t: &Twins, args: &[&str]) -> Ran {
    let (win_pool, linux_pool) = t.pools();
    let mut win_args = vec!["--data", "data", "--pool", &win_pool];
    win_args.extend(args);
    let mut linux_args = vec!["--data", "data", "--pool", &linux_pool];
    linux_args.extend(args);
    let (on_windows, on_linux) = w.both(&t.win, &win_args, &t.linux, &linux_args, &[]);
    assert_eq!(on_windows, on_linux, "wikken.exe and wikken differ on {args:?}");
    on_linux
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A line `packs/kapot.ron:LINE:COL: error: …` as `check` prints it.
fn has_located_error(text: &str) -> bool {
    text.lines().any(|l| {
        let mut parts = l.splitn(4, ':');
        parts.next() == Some("packs/kapot.ron")
            && parts.next().is_some_and(|n| n.parse::<u32>().is_ok())
            && parts.next().is_some_and(|n| n.parse::<u32>().is_ok())
            && parts.next().is_some_and(|rest| rest.starts_with(" error: "))
    })
}

#[test]
fn every_command_does_what_the_linux_build_does() {
    let Some(w) = wine::windows() else { return };
    let t = Twins::new();

    let version = w.same(&t.win, &t.linux, &["--version"]);
    assert_eq!(
        (version.code, version.out.trim()),
        (Some(0), concat!("wikken ", env!("CARGO_PKG_VERSION")))
    );

    // The bundled packs, then a broken pack named as each system writes a path.
    let bundled = w.same(&t.win, &t.linux, &["check"]);
    assert_eq!(bundled.code, Some(0), "{bundled:?}");
    let (on_windows, on_linux) = w.both(
        &t.win,
        &["check", "packs\\kapot.ron"],
        &t.linux,
        &["check", "packs/kapot.ron"],
        &[],
    );
    assert_eq!(on_windows, on_linux);
    assert_eq!(on_linux.code, Some(1));
    assert!(has_located_error(&on_linux.out) || has_located_error(&on_linux.err), "{on_linux:?}");

    let new = w.same(&t.win, &t.linux, &["new", "nieuw.ron"]);
    assert_eq!(new.code, Some(0), "{new:?}");
    assert_eq!(read(&t.win.join("nieuw.ron")), read(&t.linux.join("nieuw.ron")));
    assert_eq!(w.same(&t.win, &t.linux, &["check", "nieuw.ron"]).code, Some(0));
    assert_eq!(w.same(&t.win, &t.linux, &["new", "nieuw.ron"]).code, Some(2), "never overwrites");

    for format in ["table", "csv", "json"] {
        let stats = with_pool(w, &t, &["stats", "--format", format]);
        assert_eq!(stats.code, Some(0), "{stats:?}");
    }
    let json = with_pool(w, &t, &["stats", "--format", "json"]).out;
    assert_eq!(cli::first_dilemma_in(&json)["participants"], 6, "{json}");

    let export = with_pool(w, &t, &["export", "--out", "bundel.json"]);
    assert_eq!(export.code, Some(0), "{export:?}");
    let bundle = |dir: &Path| {
        let mut b: serde_json::Value =
            serde_json::from_slice(&read(&dir.join("bundel.json"))).expect("bundle");
        b["id"] = serde_json::Value::Null; // random per export
        b
    };
    assert_eq!(bundle(&t.win), bundle(&t.linux));
    assert_eq!(bundle(&t.linux)["records"].as_array().map(Vec::len), Some(6));

    // Into a fresh data folder's own pool, twice: the second adds nothing.
    let first = w.same(&t.win, &t.linux, &["--data", "elders", "import", "bundel.json"]);
    let second = w.same(&t.win, &t.linux, &["--data", "elders", "import", "bundel.json"]);
    assert_eq!((first.code, second.code), (Some(0), Some(0)), "{first:?} {second:?}");
    assert_ne!(first.out, second.out, "the second import says nothing new was added");
    assert_eq!(
        cli::tree(&t.win.join("elders/pool")).len(),
        cli::tree(&t.linux.join("elders/pool")).len()
    );

    for out in ["handout.html", "handout.md"] {
        let handout = w.same(&t.win, &t.linux, &["handout", cli::PACK, "--out", out]);
        assert_eq!(handout.code, Some(0), "{handout:?}");
        assert_eq!(read(&t.win.join(out)), read(&t.linux.join(out)), "{out}");
    }

    // A mistake on the command line, said in Dutch with exit code 2.
    let usage = w.same(&t.win, &t.linux, &["stats", "--format", "xml"]);
    assert_eq!(usage.code, Some(2));
    assert!(usage.err.contains("is geen geldige waarde voor --format"), "{usage:?}");
}

/// A participant's data folder as the trainer leaves it after one answer: journal,
/// participant id, the pool it wrote to (named as the system names it) and the record.
fn answered(data: &Path, pool: &Path, pool_as_named: &str) {
    let (dilemma, options) = cli::dilemma_and_options();
    let journal = Journal::new(data);
    std::fs::create_dir_all(data).expect("data");
    journal
        .add_answer(&NewAnswer {
            id: "00000000000000a1".into(),
            pack: cli::PACK.into(),
            pack_version: cli::pack_version(),
            dilemma: dilemma.clone(),
            choice: options[0].clone(),
            reasoning: "Eerst het gesprek.".into(),
            confidence: Some(3),
            share: false,
            at: "2026-11-23T09:15:02Z".into(),
        })
        .expect("journal");
    journal.remember_pool(pool_as_named).expect("pools");
    let me = Pseudonym("0123456789abcdef".into());
    std::fs::write(data.join("participant"), format!("{}\n", me.0)).expect("participant");
    std::fs::create_dir_all(pool).expect("pool");
    let record = cli::record("00000000000000b2", &me.0, &dilemma, &options[0], None);
    FolderPool::new(pool).append(&me, &record).expect("pool record");
}

#[test]
fn forget_erases_the_same_on_windows() {
    let Some(w) = wine::windows() else { return };
    let dir = tempfile::tempdir().expect("tmp");
    let (wd, ld) = (dir.path().join("win"), dir.path().join("linux"));
    answered(&wd.join("data"), &wd.join("data/pool"), &win(&wd.join("data/pool")));
    answered(&ld.join("data"), &ld.join("data/pool"), &ld.join("data/pool").display().to_string());
    let forget = w.same(&wd, &ld, &["--data", "data", "forget", "--yes"]);
    assert_eq!(forget.code, Some(0), "{forget:?}");
    for side in [&wd, &ld] {
        assert!(!side.join("data/journal.jsonl").exists(), "journal left in {}", side.display());
        assert!(cli::contains_anywhere(&side.join("data"), "Eerst het gesprek").is_empty());
        assert!(cli::contains_anywhere(&side.join("data/pool"), "00000000000000b2").is_empty());
    }
}

/// With no `--data` and no `WIKKEN_CONFIG`, data and settings live under `%APPDATA%\wikken`;
/// the settings file names the team pool as a Windows user writes it (single quotes, a
/// space in the name), and a path between double quotes is refused with the right form.
#[test]
fn data_and_settings_live_under_appdata() {
    let Some(w) = wine::windows() else { return };
    let wikken = w.appdata().join("wikken");
    let _ = std::fs::remove_dir_all(&wikken);
    let dir = tempfile::tempdir().expect("tmp");
    let pool = dir.path().join(POOL);
    cli::fill(&pool, 6, "f00d");
    let settings = wikken.join("config/config.toml");
    std::fs::create_dir_all(settings.parent().expect("folder")).expect("config folder");
    std::fs::write(&settings, format!("pool = '{}'\nlang = \"en\"\n", win(&pool))).expect("config");
    let platform = [("WIKKEN_CONFIG", OsStr::new(""))];

    let cwd = dir.path();
    let on_windows = wine::run(&mut w.command(cwd, &os(&["stats"]), &platform), "stats");
    let linux_args = ["--data", "linux-data", "--lang", "en", "--pool"];
    let mut linux_args: Vec<&OsStr> = os(&linux_args);
    linux_args.extend([pool.as_os_str(), OsStr::new("stats")]);
    let on_linux = wine::run(&mut wine::linux(cwd, &linux_args, &[]), "stats on Linux");
    assert_eq!(on_windows, on_linux, "the settings file's pool and language");
    assert_eq!(on_linux.code, Some(0));
    assert!(wikken.join("data/cache/stats.cache").is_file(), "DATA is %APPDATA%\\wikken\\data");
    assert!(!cwd.join("data").exists() && std::fs::read_dir(&pool).expect("pool").count() == 6);

    // The mistake every Windows user makes once: backslashes between double quotes.
    std::fs::write(&settings, "pool = \"S:\\Team\\wikken-pool\"\n").expect("config");
    let refused = wine::run(&mut w.command(cwd, &os(&["stats"]), &platform), "bad settings");
    assert_eq!(refused.code, Some(2), "{refused:?}");
    assert!(refused.err.contains("config.toml"), "names the file: {refused:?}");
    assert!(refused.err.contains("enkele aanhalingstekens (pool = 'C:\\Users\\…')"), "{refused:?}");
    let config = [("WIKKEN_CONFIG", settings.as_os_str())];
    let linux = wine::run(&mut wine::linux(cwd, &os(&["stats"]), &config), "bad settings");
    // The same words after the file's name (a Windows path under Wine, a Linux one here).
    let last = |r: &Ran| {
        let line = r.err.lines().last().unwrap_or_default();
        line.split_once(", regel ").map(|(_, said)| said.to_string())
    };
    assert_eq!((refused.code, last(&refused)), (linux.code, last(&linux)));
}
