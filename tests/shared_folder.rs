//! A team folder shared by two OS accounts in one group (`chgrp team; chmod 2775`), each
//! with the common umask 022: whatever the first colleague's wikken creates in it — the
//! pool key, the tombstone folder, a tombstone, an import — the second can add to, so one
//! person's `forget` never blocks the rest. Runs the real binary as two unprivileged users
//! through `setpriv` (as the PostgreSQL harness runs its server as `postgres`), so it needs
//! root; elsewhere it says loudly that it was skipped.

#![cfg(unix)]

mod cli;

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;
use std::process::Command;

const TEAM: u32 = 46_100;
const ANNA: u32 = 46_101;
const BRAM: u32 = 46_102;

/// `wikken ARGS` as `uid` in group TEAM with umask 022; exit code and both outputs.
fn as_user(bin: &Path, uid: u32, args: &[&str]) -> (Option<i32>, String) {
    let script = "umask 022; exec \"$0\" \"$@\"";
    let out = Command::new("setpriv")
        .args(["--reuid", &uid.to_string(), "--regid", &uid.to_string()])
        .args(["--groups", &TEAM.to_string(), "--", "sh", "-c", script])
        .arg(bin)
        .args(args)
        .env("LANG", "C.UTF-8")
        .env("WIKKEN_CONFIG", "/nonexistent/config.toml")
        .env_remove("WIKKEN_POOL")
        .env_remove("WIKKEN_DATA")
        .output()
        .expect("setpriv");
    let text =
        format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.code(), text)
}

/// A private data folder of `uid`, with a participant id.
fn data_of(root: &Path, uid: u32, id: &str) -> std::path::PathBuf {
    let data = root.join(format!("data-{uid}"));
    std::fs::create_dir(&data).expect("data");
    std::fs::write(data.join("participant"), id).expect("id");
    for p in [&data, &data.join("participant")] {
        std::os::unix::fs::chown(p, Some(uid), Some(uid)).expect("chown");
    }
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o700)).expect("chmod");
    data
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).expect("meta").mode() & 0o7777
}

#[test]
fn everything_wikken_makes_in_a_team_folder_stays_writable_for_the_team() {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("\n*** not root: the two-user shared-folder test SKIPPED ***\n");
        return;
    }
    let root = tempfile::tempdir().expect("tmp");
    std::fs::set_permissions(root.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod");
    // The binary where both users can run it.
    let bin = root.path().join("wikken");
    std::fs::copy(env!("CARGO_BIN_EXE_wikken"), &bin).expect("copy");
    std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    // The team folder: group TEAM may write, setgid so new files belong to the group.
    let pool = root.path().join("team");
    std::fs::create_dir(&pool).expect("pool");
    std::os::unix::fs::chown(&pool, Some(0), Some(TEAM)).expect("chgrp");
    std::fs::set_permissions(&pool, std::fs::Permissions::from_mode(0o2775)).expect("chmod");
    // Another team's bundle for Anna to import.
    let other = root.path().join("other");
    cli::fill(&other, 3, "o");
    let bundle = root.path().join("bundel.json");
    let (code, _, err) = cli::run(cli::wikken(&root.path().join("x"), &other).args([
        "export",
        "--out",
        bundle.to_str().expect("utf-8"),
    ]));
    assert_eq!(code, Some(0), "{err}");
    std::fs::set_permissions(&bundle, std::fs::Permissions::from_mode(0o644)).expect("chmod");

    let p = pool.to_str().expect("utf-8");
    let anna = data_of(root.path(), ANNA, "aaaaaaaaaaaaaaaa");
    let bram = data_of(root.path(), BRAM, "bbbbbbbbbbbbbbbb");
    let a = anna.to_str().expect("utf-8");
    let (code, out) =
        as_user(&bin, ANNA, &["--data", a, "--pool", p, "import", bundle.to_str().expect("utf-8")]);
    assert_eq!(code, Some(0), "{out}");
    // Anna is the first to erase herself: she makes the key, the tombstone folder and her
    // tombstone.
    let (code, out) = as_user(&bin, ANNA, &["--data", a, "--pool", p, "forget", "--yes"]);
    assert_eq!(code, Some(0), "{out}");
    let tombstones = pool.join("tombstones");
    assert_eq!(mode(&tombstones) & 0o2070, 0o2070, "tombstones/ is {:o}", mode(&tombstones));
    for entry in
        std::fs::read_dir(&pool).expect("ls").chain(std::fs::read_dir(&tombstones).expect("ls"))
    {
        let path = entry.expect("entry").path();
        let meta = std::fs::metadata(&path).expect("meta");
        assert_eq!(meta.gid(), TEAM, "{} is not the team's", path.display());
        assert_eq!(meta.mode() & 0o060, 0o060, "{} is {:o}", path.display(), meta.mode() & 0o7777);
    }
    // Bram erases himself after her: nothing she made stands in his way.
    let b = bram.to_str().expect("utf-8");
    let (code, out) = as_user(&bin, BRAM, &["--data", b, "--pool", p, "forget", "--yes"]);
    assert_eq!(code, Some(0), "{out}");
    assert_eq!(std::fs::read_dir(&tombstones).expect("ls").count(), 2, "two tombstones");
}
