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
        .env("WIKKEN_CONFIG", "/nonexistent/wikken-test-config.toml")
        // The month the packs' legal notes are measured against: fixed, so no output changes
        // when a year has passed.
        .env("WIKKEN_TODAY", "2026-12");
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

/// Runs wikken, failing the test (and killing wikken) if it takes longer than `limit`: a
/// hang on a FIFO must show up as a failure, not as a test run that never ends.
#[cfg(unix)]
fn run_within(cmd: &mut Command, limit: std::time::Duration) -> (Option<i32>, String, String) {
    use std::process::Stdio;
    let start = std::time::Instant::now();
    let child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run wikken");
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    let Ok(output) = rx.recv_timeout(limit) else {
        let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
        panic!("wikken did not finish within {limit:?}");
    };
    let Output { status, stdout, stderr } = output.expect("wait for wikken");
    assert!(start.elapsed() < limit);
    (
        status.code(),
        String::from_utf8(stdout).expect("utf-8"),
        String::from_utf8(stderr).expect("utf-8"),
    )
}

#[cfg(unix)]
const LIMIT: std::time::Duration = std::time::Duration::from_secs(10);

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let name = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).expect("c path");
    // SAFETY: `name` is a valid NUL-terminated path that outlives the call.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0, "mkfifo {}", path.display());
}

/// A folder with one good pack, a FIFO, a symlink to the good pack and one to /dev/zero.
#[cfg(unix)]
fn folder_with_special_files() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tmp");
    let good = dir.path().join("goed.ron");
    std::fs::copy("tests/packs/valid/minimal.ron", &good).expect("copy");
    mkfifo(&dir.path().join("pijp.ron"));
    std::os::unix::fs::symlink(&good, dir.path().join("link.ron")).expect("symlink");
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("nul.ron")).expect("symlink");
    dir
}

#[cfg(unix)]
#[test]
fn special_files_in_a_pack_folder_are_skipped_with_a_warning_naming_them() {
    let data = tempfile::tempdir().expect("tmp");
    let dir = folder_with_special_files();
    let d = dir.path().display();

    let (code, out, err) = run_within(wikken(data.path()).arg("check").arg(dir.path()), LIMIT);
    assert_eq!(code, Some(0), "warnings only: {out}{err}");
    let link = "symbolische koppeling (symlink); wikken volgt die niet, dus overgeslagen";
    assert_eq!(
        out,
        format!(
            "{d}/link.ron:1:1: warning: {link}\n\
             {d}/nul.ron:1:1: warning: {link}\n\
             {d}/pijp.ron:1:1: warning: geen gewoon bestand maar een FIFO; overgeslagen\n\
             1 pack gecontroleerd (1 dilemma): 0 fouten, 3 waarschuwingen\n"
        )
    );

    let (code, out, _) =
        run_within(wikken(data.path()).args(["--lang", "en", "check"]).arg(dir.path()), LIMIT);
    assert_eq!(code, Some(0));
    let link = "symbolic link (symlink); wikken does not follow those, so skipped";
    assert_eq!(
        out,
        format!(
            "{d}/link.ron:1:1: warning: {link}\n\
             {d}/nul.ron:1:1: warning: {link}\n\
             {d}/pijp.ron:1:1: warning: not a regular file but a FIFO; skipped\n\
             checked 1 pack (1 dilemma): 0 errors, 3 warnings\n"
        )
    );
}

#[cfg(unix)]
#[test]
fn the_pack_folder_of_the_trainer_is_checked_the_same_way() {
    // `wikken check` without paths loads what the trainer loads: the user's pack folder.
    let data = tempfile::tempdir().expect("tmp");
    let dir = folder_with_special_files();
    std::fs::create_dir_all(data.path().join("packs")).expect("mkdir");
    mkfifo(&data.path().join("packs/pijp.ron"));
    let (code, out, _) =
        run_within(wikken(data.path()).arg("--packs").arg(dir.path()).arg("check"), LIMIT);
    assert_eq!(code, Some(0), "skipped files are warnings, not errors: {out}");
    assert!(
        out.contains("packs/pijp.ron:1:1: warning: geen gewoon bestand maar een FIFO"),
        "{out}"
    );
    assert!(out.contains("/nul.ron:1:1: warning: symbolische koppeling"), "{out}");
    let bundled = wikken::pack::BUNDLED.len();
    assert!(
        out.lines().last().expect("summary").starts_with(&format!("{} packs", bundled + 1)),
        "the bundled packs and goed.ron are checked, the skipped files are not packs: {out}"
    );
}

#[cfg(unix)]
#[test]
fn special_file_named_directly_is_an_error_like_a_missing_one() {
    let data = tempfile::tempdir().expect("tmp");
    let dir = folder_with_special_files();
    let cases = [
        (dir.path().join("pijp.ron"), "geen gewoon bestand maar een FIFO"),
        (
            dir.path().join("link.ron"),
            "het is een symbolische koppeling (symlink); die volgt wikken niet",
        ),
        (
            dir.path().join("nul.ron"),
            "het is een symbolische koppeling (symlink); die volgt wikken niet",
        ),
        (Path::new("/dev/zero").to_path_buf(), "geen gewoon bestand maar een apparaat"),
    ];
    for (path, reason) in cases {
        let (code, out, err) = run_within(wikken(data.path()).arg("check").arg(&path), LIMIT);
        assert_eq!(code, Some(2), "{}: {out}{err}", path.display());
        assert!(out.is_empty(), "nothing checked: {out}");
        assert_eq!(err, format!("wikken: kan {} niet lezen: {reason}\n", path.display()));
    }
    let fifo = dir.path().join("pijp.ron");
    let (code, _, err) =
        run_within(wikken(data.path()).args(["--lang", "en", "check"]).arg(&fifo), LIMIT);
    assert_eq!(code, Some(2));
    assert_eq!(
        err,
        format!("wikken: cannot read {}: not a regular file but a FIFO\n", fifo.display())
    );
}

/// Pack files whose names hold escape sequences: a good pack, a second with the same id
/// (its error quotes the first file's name) and a broken one.
#[cfg(unix)]
fn folder_with_hostile_names() -> tempfile::TempDir {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().expect("tmp");
    let name = |bytes: &[u8]| dir.path().join(std::ffi::OsStr::from_bytes(bytes));
    let good = std::fs::read("tests/packs/valid/minimal.ron").expect("fixture");
    std::fs::write(name(b"a\x1b]0;pwned\x07.ron"), &good).expect("write");
    std::fs::write(name(b"b\x1b[2J\xc2\x9b31m.ron"), &good).expect("write");
    std::fs::write(name(b"c\xe2\x80\xae.ron"), "Pack(").expect("write");
    dir
}

#[cfg(unix)]
#[test]
fn file_names_with_escape_sequences_are_printed_cleaned() {
    let data = tempfile::tempdir().expect("tmp");
    let dir = folder_with_hostile_names();
    let d = dir.path().display();
    let (code, out, err) = run_within(wikken(data.path()).arg("check").arg(dir.path()), LIMIT);
    assert_eq!(code, Some(1), "{out}{err}");
    for text in [&out, &err] {
        assert!(!text.chars().any(|c| c != '\n' && wikken::clean::is_unsafe(c)), "{text:?}");
    }
    assert!(
        out.contains(&format!(
            "{d}/b\u{FFFD}[2J\u{FFFD}31m.ron:3:9: error: pack-id \"minimaal\" is al geladen uit \
             {d}/a\u{FFFD}]0;pwned\u{FFFD}.ron; deze pack wordt overgeslagen"
        )),
        "{out}"
    );
    assert!(out.contains(&format!("{d}/c\u{FFFD}.ron:1:6: error: ")), "{out}");

    // Named on the command line and missing: the error line is cleaned too.
    let missing = dir.path().join("weg\u{1b}[2J.ron");
    let (code, _, err) = run_within(wikken(data.path()).arg("check").arg(&missing), LIMIT);
    assert_eq!(code, Some(2));
    assert!(err.starts_with(&format!("wikken: kan {d}/weg\u{FFFD}[2J.ron niet lezen: ")), "{err}");
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
fn check_for_editors_names_every_file_by_its_full_path() {
    let rel = "tests/packs/invalid/missing-comma.ron";
    let (code, out, _) = run(wikken(Path::new("/nonexistent")).args(["check", "--editor", rel]));
    assert_eq!(code, Some(1));
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    assert_eq!(
        out.lines().next(),
        Some(&*format!(
            "{}:4:15: error: hier ontbreekt een komma vóór wat op regel 5:5 volgt",
            full.display()
        ))
    );
}

#[test]
fn trainer_guide_example_passes_check() {
    let guide = std::fs::read_to_string("dilemmas/README.md").expect("guide");
    let start = guide.find("```ron\n").expect("example block") + "```ron\n".len();
    let end = start + guide[start..].find("```").expect("block end");
    let checked = wikken::pack::check_text(&guide[start..end]);
    assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
}

#[test]
fn strict_warns_where_standard_ron_would_not_read_the_pack() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("ruim.ron");
    let text = include_str!("packs/valid/minimal.ron")
        .replacen("Pack(", "\u{feff}Pack(", 1)
        .replacen("version: 1,", "version:\u{a0}1,", 1)
        .replacen("license: None,", "license: \"CC0\",", 1)
        .replacen("Een casus.", "Een casus \\u00e9n.", 1);
    std::fs::write(&path, text).expect("write");
    let (code, out, _) = run(wikken(dir.path()).arg("check").arg(&path));
    assert_eq!(code, Some(0));
    assert!(out.ends_with("0 fouten, 0 waarschuwingen\n"), "without --strict: {out}");

    let (code, out, _) = run(wikken(dir.path()).args(["check", "--strict"]).arg(&path));
    assert_eq!(code, Some(0), "warnings only: {out}");
    let p = path.display();
    let want = [
        format!(
            "{p}:2:1: warning: onzichtbaar teken U+FEFF (byte order mark): wikken slaat het over, andere RON-programma's niet; sla op als UTF-8 zonder BOM"
        ),
        format!(
            "{p}:4:13: warning: spatieteken U+00A0 (no-break space): wikken leest het als spatie, andere RON-programma's niet; typ een gewone spatie"
        ),
        format!(
            "{p}:9:14: warning: \"license\" zonder Some(...) leest wikken wel, andere RON-programma's niet; schrijf license: Some(\"…\")"
        ),
        format!(
            "{p}:18:30: warning: \"\\u00e9\" leest wikken wel, andere RON-programma's niet; schrijf het teken zelf"
        ),
    ];
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[..lines.len() - 1], want.iter().map(String::as_str).collect::<Vec<_>>()[..]);
}

#[test]
fn new_makes_an_id_from_a_name_with_accents_and_apostrophes() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("Dilemma's café.ron");
    let (code, _, _) = run(wikken(dir.path()).arg("new").arg(&path));
    assert_eq!(code, Some(0));
    let written = std::fs::read_to_string(&path).expect("written");
    assert!(written.contains("id: \"dilemmas-cafe\""), "{written}");
}

#[test]
fn legal_notes_fall_due_after_a_year_or_the_months_chosen() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("wet.ron");
    let text = include_str!("packs/valid/minimal.ron").replacen(
        "Note(kind: Onderzoek, text: \"Onderzoek.\"",
        "Note(kind: Wet, as_of: Some(\"2025-11\"), text: \"Moet: artikel 1.\"",
        1,
    );
    std::fs::write(&path, text).expect("write");
    let p = path.display();
    let due = format!(
        "{p}:24:49: warning: Wet-notitie gecontroleerd in 2025-11, 13 maanden geleden (langer \
         dan 12): controleer de uitspraak opnieuw en zet as_of op de maand waarin je dat deed\n\
         1 pack gecontroleerd (1 dilemma): 0 fouten, 1 waarschuwing\n"
    );
    let (code, out, _) = run(wikken(dir.path()).arg("check").arg(&path));
    assert_eq!((code, out.as_str()), (Some(0), due.as_str()), "a warning, not an error");

    let fresh = "1 pack gecontroleerd (1 dilemma): 0 fouten, 0 waarschuwingen\n";
    let (_, out, _) = run(wikken(dir.path()).args(["check", "--wet-max-age", "13"]).arg(&path));
    assert_eq!(out, fresh);
    let (_, out, _) = run(wikken(dir.path()).args(["check", "--wet-max-age", "0"]).arg(&path));
    assert_eq!(out, fresh, "0 turns the warning off");
    let (_, out, _) =
        run(wikken(dir.path()).env("WIKKEN_TODAY", "2025-12").arg("check").arg(&path));
    assert_eq!(out, fresh, "measured from this month");

    // The settings file chooses too; the flag wins over it.
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "wet_max_age = 24\n").expect("write");
    let (_, out, _) = run(wikken(dir.path()).env("WIKKEN_CONFIG", &config).arg("check").arg(&path));
    assert_eq!(out, fresh);
    let (_, out, _) = run(wikken(dir.path())
        .env("WIKKEN_CONFIG", &config)
        .args(["check", "--wet-max-age", "12"])
        .arg(&path));
    assert_eq!(out, due);

    let (_, out, _) = run(wikken(dir.path()).args(["--lang", "en", "check"]).arg(&path));
    assert!(
        out.starts_with(&format!(
            "{p}:24:49: warning: Wet note checked in 2025-11, 13 months ago (more than 12): \
             check the statement again and set as_of to the month you did\n"
        )),
        "{out}"
    );
    let (_, out, _) =
        run(wikken(dir.path()).env("WIKKEN_TODAY", "2020-01").arg("check").arg(&path));
    assert!(
        out.starts_with(&format!(
            "{p}:24:49: warning: as_of \"2025-11\" ligt na deze maand; zet de maand waarin je \
             de uitspraak controleerde\n"
        )),
        "{out}"
    );

    // A wrong month or number is named, and nothing is checked.
    let (code, out, err) =
        run(wikken(dir.path()).env("WIKKEN_TODAY", "december").arg("check").arg(&path));
    assert_eq!((code, out.as_str()), (Some(2), ""));
    assert_eq!(
        err,
        "wikken: WIKKEN_TODAY \"december\" is geen maand; schrijf jaar en maand als 2026-12, of \
         laat de variabele weg\n"
    );
    let (code, _, err) =
        run(wikken(dir.path()).args(["check", "--wet-max-age", "een jaar"]).arg(&path));
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("'een jaar' is geen geldige waarde voor --wet-max-age"), "{err}");
}
