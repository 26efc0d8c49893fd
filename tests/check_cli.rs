//! `wikken check` and `wikken new` as a trainer uses them: valid packs, languages, the
//! duplicate-id rule across files, exit codes for usage and I/O problems, oversized and
//! special files, and a starter pack that passes and is never overwritten.

use std::path::Path;
use std::process::{Command, Output};

fn wikken(data: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_wikken"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .env("WIKKEN_DATA", data)
        .env_remove("WIKKEN_POOL")
        .env("WIKKEN_CONFIG", "/nonexistent/wikken-test-config.toml");
    cmd
}

fn run(cmd: &mut Command) -> (Option<i32>, String, String) {
    let Output { status, stdout, stderr } = cmd.output().expect("run wikken");
    (
        status.code(),
        String::from_utf8(stdout).expect("utf-8"),
        String::from_utf8(stderr).expect("utf-8"),
    )
}

#[test]
fn valid_fixtures_pass_silently() {
    let data = tempfile::tempdir().expect("tmp");
    let (code, out, _) = run(wikken(data.path()).args(["check", "tests/packs/valid"]));
    assert_eq!(code, Some(0));
    assert_eq!(out, "2 packs gecontroleerd (2 dilemma's): 0 fouten, 0 waarschuwingen\n");
}

#[test]
fn english_with_flag_or_locale() {
    let data = tempfile::tempdir().expect("tmp");
    let fixture = "tests/packs/invalid/unknown-source.ron";
    let (_, by_flag, _) = run(wikken(data.path()).args(["--lang", "en", "check", fixture]));
    let (_, by_env, _) =
        run(wikken(data.path()).env("LANG", "en_GB.UTF-8").args(["check", fixture]));
    let expected = format!(
        "{fixture}:24:66: error: unknown source \"bron-b\"; add a Source(id: \"bron-b\", ...) \
         to sources (did you mean \"bron-a\"?)\nchecked 1 pack (1 dilemma): 1 error, 0 warnings\n"
    );
    assert_eq!(by_flag, expected);
    assert_eq!(by_env, expected);
}

#[test]
fn second_pack_with_same_id_is_refused_naming_both_files() {
    let data = tempfile::tempdir().expect("tmp");
    let (code, out, _) = run(wikken(data.path()).args(["check", "tests/packs/duplicate-ids"]));
    assert_eq!(code, Some(1));
    assert_eq!(
        out.lines().next().expect("line"),
        "tests/packs/duplicate-ids/b.ron:3:9: error: pack-id \"minimaal\" is al geladen uit \
         tests/packs/duplicate-ids/a.ron; deze pack wordt overgeslagen"
    );
}

#[test]
fn missing_path_is_a_usage_error() {
    let data = tempfile::tempdir().expect("tmp");
    let (code, out, err) = run(wikken(data.path()).args(["check", "bestaat/niet.ron"]));
    assert_eq!(code, Some(2));
    assert!(out.is_empty());
    assert!(err.starts_with("wikken: kan bestaat/niet.ron niet lezen:"), "{err}");
    let (code, _, _) = run(wikken(data.path()).args(["check", "--onzin"]));
    assert_eq!(code, Some(2));
}

#[test]
fn no_arguments_checks_what_the_app_loads() {
    let data = tempfile::tempdir().expect("tmp");
    // The user's pack folder holds one broken pack; --packs adds a valid folder.
    std::fs::create_dir_all(data.path().join("packs")).expect("mkdir");
    std::fs::copy("tests/packs/invalid/version-zero.ron", data.path().join("packs/kapot.ron"))
        .expect("copy");
    let (code, out, _) = run(wikken(data.path()).args(["--packs", "tests/packs/valid", "check"]));
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("packs/kapot.ron:4:14: error: version moet 1 of hoger zijn"), "{out}");
    assert!(!out.contains("tests/packs/valid/"), "valid packs print nothing: {out}");
    let bundled = wikken::pack::BUNDLED.len();
    assert!(
        out.lines().last().expect("summary").starts_with(&format!("{} packs", bundled + 3)),
        "{out}"
    );
}

#[test]
fn oversized_file_is_refused_with_a_message() {
    let dir = tempfile::tempdir().expect("tmp");
    let big = dir.path().join("groot.ron");
    std::fs::write(&big, vec![b' '; 11 * 1024 * 1024]).expect("write");
    let (code, out, _) = run(wikken(dir.path()).arg("check").arg(&big));
    assert_eq!(code, Some(1));
    assert!(out.contains("groot.ron:1:1: error: bestand is te groot (11.0 MB)"), "{out}");
}

#[cfg(unix)]
#[test]
fn endless_special_file_does_not_hang() {
    let dir = tempfile::tempdir().expect("tmp");
    let (code, out, _) = run(wikken(dir.path()).args(["check", "/dev/zero"]));
    assert_eq!(code, Some(1));
    assert!(out.starts_with("/dev/zero:1:1: error: bestand is te groot"), "{out}");
}

#[test]
fn new_writes_a_passing_starter_and_never_overwrites() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("Gemeente Ons Dorp.ron");
    let (code, out, _) = run(wikken(dir.path()).arg("new").arg(&path));
    assert_eq!(code, Some(0));
    assert!(out.starts_with("Starterpack geschreven naar"), "{out}");
    let written = std::fs::read_to_string(&path).expect("written");
    assert!(written.contains("id: \"gemeente-ons-dorp\""));

    let (code, out, _) = run(wikken(dir.path()).arg("check").arg(&path));
    assert_eq!(code, Some(0));
    assert!(out.ends_with("0 fouten, 0 waarschuwingen\n"), "{out}");

    std::fs::write(&path, "mijn eigen werk").expect("edit");
    let (code, _, err) = run(wikken(dir.path()).arg("new").arg(&path));
    assert_eq!(code, Some(2));
    assert!(err.contains("bestaat al"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).expect("kept"), "mijn eigen werk");
}

#[test]
fn trainer_guide_example_passes_check() {
    let guide = std::fs::read_to_string("dilemmas/README.md").expect("guide");
    let start = guide.find("```ron\n").expect("example block") + "```ron\n".len();
    let end = start + guide[start..].find("```").expect("block end");
    let checked = wikken::pack::check_text(&guide[start..end]);
    assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
}
