//! Errors before anything runs, in the person's language: command-line mistakes (clap's
//! error kinds, our words, exit code 2) and a `--packs` folder that is not there, named.

mod cli;

use cli::{run, wikken};

#[test]
fn usage_errors_are_dutch_by_default_and_english_when_asked() {
    let dir = tempfile::tempdir().expect("tmp");
    let (data, pool) = (dir.path().join("data"), dir.path().join("pool"));
    let cases: [(&[&str], &str, &str); 5] = [
        (&["--foo"], "onbekende optie '--foo'", "unknown option '--foo'"),
        (&["stat"], "onbekend commando 'stat'. Bedoel je 'stats'?", "Did you mean 'stats'?"),
        (
            &["stats", "--format", "xml"],
            "'xml' is geen geldige waarde voor --format",
            "'xml' is not a valid value for --format",
        ),
        (&["export"], "--out <FILE> ontbreekt", "--out <FILE> is missing"),
        (&["new", "a.ron", "b.ron"], "'b.ron' hoort hier niet", "'b.ron' does not belong here"),
    ];
    for (args, nl, en) in cases {
        let (code, out, err) = run(wikken(&data, &pool).args(args));
        assert_eq!(code, Some(2), "{args:?}: {out}{err}");
        assert!(err.contains(nl) && err.contains("Zie: wikken --help"), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "one line: {err}");
        assert!(!err.contains("error:") && !err.contains("Usage:"), "clap's English: {err}");
        let (code, _, err) = run(wikken(&data, &pool).arg("--lang").arg("en").args(args));
        assert_eq!(code, Some(2));
        assert!(err.contains(en) && err.contains("See: wikken --help"), "{args:?}: {err}");
    }
    // The locale decides when no --lang is given.
    let (_, _, err) = run(wikken(&data, &pool).env("LANG", "en_GB.UTF-8").arg("--foo"));
    assert!(err.contains("unknown option"), "{err}");
    // Help and version are not errors.
    let (code, out, _) = run(wikken(&data, &pool).arg("--help"));
    assert_eq!(code, Some(0));
    assert!(out.contains("--packs"), "{out}");
    assert!(!data.exists(), "a usage error or help writes nothing");
}

#[test]
fn a_missing_packs_folder_is_named() {
    let dir = tempfile::tempdir().expect("tmp");
    let (data, pool) = (dir.path().join("data"), dir.path().join("pool"));
    let gone = dir.path().join("eigen-packs");
    for args in [vec![], vec!["check"], vec!["stats"], vec!["session"]] {
        let (code, out, err) = run(wikken(&data, &pool).arg("--packs").arg(&gone).args(&args));
        assert_eq!(code, Some(2), "{args:?}: {out}{err}");
        assert!(
            err.contains(&format!(
                "de packmap {} (opgegeven met --packs) bestaat niet",
                gone.display()
            )),
            "{args:?}: {err}"
        );
        assert!(!err.contains("os error"), "{err}");
    }
    let (_, _, err) =
        run(wikken(&data, &pool).args(["--lang", "en", "--packs"]).arg(&gone).arg("check"));
    assert!(err.contains("the pack folder") && err.contains("does not exist"), "{err}");
}
