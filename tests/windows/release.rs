//! The archives of `scripts/release`: exactly the files a gemeente needs, nothing of the
//! test set-up (the Wine stand-in DLL above all), sums that check, and programs that run.
//! The smoke tests in the other modules run the exe from inside the zip (see `wine.rs`).

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use sha2::{Digest, Sha256};

use crate::wine;

const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The folder inside the zip, and the zip's name without `.zip`.
pub fn windows_folder() -> String {
    format!("wikken-{VERSION}-x86_64-pc-windows-gnu")
}

/// The Windows archive's file name.
pub fn zip_name() -> String {
    format!("{}.zip", windows_folder())
}

fn linux_folder() -> String {
    format!("wikken-{VERSION}-x86_64-unknown-linux-gnu")
}

/// The bundled packs' file names, from `dilemmas/`.
fn bundled_packs() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("dilemmas");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("dilemmas")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".ron"))
        .collect();
    names.sort();
    assert_eq!(names.len(), wikken::pack::BUNDLED.len());
    names
}

/// The files (not folders) an archive lists, below its top folder.
fn listed(lines: &str, top: &str) -> BTreeSet<String> {
    lines
        .lines()
        .filter(|l| !l.ends_with('/'))
        .map(|l| l.strip_prefix(&format!("{top}/")).unwrap_or_else(|| panic!("outside {top}: {l}")))
        .map(str::to_string)
        .collect()
}

fn output(cmd: &mut Command) -> String {
    let out = cmd.output().expect("run");
    assert!(out.status.success(), "{cmd:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf8")
}

#[test]
fn the_archives_hold_what_a_gemeente_needs_and_nothing_else() {
    let Some(w) = wine::windows() else { return };
    let Some(dir) = &w.release else {
        assert!(
            std::env::var("WIKKEN_REQUIRE_WINDOWS").is_err(),
            "CI tests the release: set WIKKEN_RELEASE_DIR (scripts/release)"
        );
        use std::io::Write as _;
        let _ = writeln!(
            std::io::stderr(),
            "\n*** release archives SKIPPED: no WIKKEN_RELEASE_DIR ***\n"
        );
        return;
    };
    let packs = bundled_packs();
    let mut expected: BTreeSet<String> =
        ["wikken.exe", "wikken.cmd", "README-NL.txt", "PRIVACY.md", "packs/README.md"]
            .map(String::from)
            .into();
    expected.extend(packs.iter().map(|p| format!("packs/{p}")));
    let zip = dir.join(zip_name());
    let in_zip = listed(&output(Command::new("unzip").arg("-Z1").arg(&zip)), &windows_folder());
    assert_eq!(in_zip, expected, "the zip's files");
    assert!(!in_zip.iter().any(|f| f.to_lowercase().ends_with(".dll")), "no DLL is shipped");

    let tar = dir.join(format!("{}.tar.gz", linux_folder()));
    let in_tar = listed(&output(Command::new("tar").arg("-tzf").arg(&tar)), &linux_folder());
    let mut for_linux: BTreeSet<String> =
        expected.iter().filter(|f| !f.starts_with("wikken.")).cloned().collect();
    for_linux.extend(["wikken".to_string(), "README.md".to_string()]);
    assert_eq!(in_tar, for_linux, "the tarball's files");

    // The sums file checks both archives, and nothing else.
    let sums = std::fs::read_to_string(dir.join(format!("wikken-{VERSION}-SHA256SUMS.txt")))
        .expect("sums");
    let mut named = Vec::new();
    for line in sums.lines() {
        let (hash, name) = line.split_once("  ").expect("sha256sum's format");
        let bytes = std::fs::read(dir.join(name)).expect("archive");
        let digest: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hash, digest, "{name}");
        named.push(name.to_string());
    }
    named.sort();
    assert_eq!(named, [zip_name(), format!("{}.tar.gz", linux_folder())]);

    // What was unpacked for the smoke tests: the packs as bundled, Windows line ends in what
    // Notepad and cmd.exe read, the Dutch guide.
    for pack in &packs {
        let shipped = std::fs::read(w.dir.join("packs").join(pack)).expect("pack");
        let source =
            std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("dilemmas").join(pack));
        assert_eq!(shipped, source.expect("source"), "{pack}");
    }
    let cmd = std::fs::read_to_string(w.dir.join("wikken.cmd")).expect("wikken.cmd");
    let crlf = |text: &str| text.split_inclusive('\n').all(|l| l.ends_with("\r\n"));
    assert!(crlf(&cmd), "CRLF throughout: {cmd:?}");
    assert!(cmd.contains("\"%~dp0wikken.exe\" %*"), "{cmd}");
    assert!(cmd.contains("mode con: cols=120 lines=35"), "{cmd}");
    let readme = std::fs::read_to_string(w.dir.join("README-NL.txt")).expect("README-NL");
    assert!(readme.contains("wikken.cmd") && readme.contains("SmartScreen"), "{readme}");
    assert!(crlf(&readme), "Notepad of Windows 10 and earlier needs CRLF");
    assert!(!readme.contains("README-NL begin"), "the markers stay out");

    // The Linux binary in the tarball runs and is this version.
    let unpacked = tempfile::tempdir().expect("tmp");
    output(Command::new("tar").arg("-xzf").arg(&tar).arg("-C").arg(unpacked.path()));
    let bin = unpacked.path().join(linux_folder()).join("wikken");
    assert_eq!(output(Command::new(&bin).arg("--version")).trim(), format!("wikken {VERSION}"));

    // wikken.cmd starts the exe (Wine's cmd.exe ignores the console size).
    let cmd = wine::run(
        w.tool("wine")
            .args(["cmd", "/c"])
            .arg(wine::win(&w.dir.join("wikken.cmd")))
            .arg("--version"),
        "wikken.cmd --version",
    );
    assert_eq!(
        (cmd.code, cmd.out.trim()),
        (Some(0), format!("wikken {VERSION}").as_str()),
        "{cmd:?}"
    );
}
