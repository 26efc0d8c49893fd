//! `wikken fmt [--check] PACK...` as a trainer or CI runs it: the real binary on copies of
//! packs in a temporary folder.

use std::path::Path;
use std::process::{Command, Output};

fn wikken(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wikken"))
        .args(["--data"])
        .arg(dir.join("data"))
        .args(args)
        .current_dir(dir)
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("WIKKEN_POOL")
        .env("WIKKEN_CONFIG", "/nonexistent/wikken-test-config.toml")
        .output()
        .expect("run wikken")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A hand-written pack: compact records, a bare optional, a comment inside a value.
const MESSY: &str = "// mijn pack\nPack(id: \"p\", version: 1, language: \"nl\", title: \"T\",\n    \
     license: \"CC0\", // de licentie\n    sources: [Source(id: \"s\", citation: \"C\", url: None)],\n    \
     dilemmas: [Dilemma(id: \"d\", title: \"D\", case: \"Een casus.\", question: \"Wat?\",\n        \
     options: [Option(id: \"a\", title: \"A\", text: \"A.\", notes: [Note(kind: Praktijk, \
     text: \"N\", sources: [\"s\"])]),\n            Option(id: \"b\", title: \"B\", text: \"B.\", \
     notes: [Note(kind: Wet, as_of: Some(/* nagekeken */ \"2026-12\"), text: \"W\", sources: \
     [\"s\"])])],\n        notes: [], questions: [\"V?\"])])\n";

#[test]
fn fmt_writes_the_canonical_layout_and_check_then_agrees() {
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("mijn.ron");
    std::fs::write(&file, MESSY).expect("write");
    let out = wikken(dir.path(), &["check", "--strict", "mijn.ron"]);
    assert!(stdout(&out).contains("andere RON-programma's niet"), "{}", stdout(&out));

    let out = wikken(dir.path(), &["fmt", "--check", "mijn.ron"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(
        stdout(&out)
            .contains("mijn.ron: niet in de vaste opmaak; wikken fmt mijn.ron zet dat recht"),
        "{}",
        stdout(&out)
    );
    assert_eq!(std::fs::read_to_string(&file).expect("read"), MESSY, "--check writes nothing");

    let out = wikken(dir.path(), &["fmt", "mijn.ron"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(
        stdout(&out),
        "mijn.ron:7:89: note: dit commentaar stond midden in een waarde; wikken fmt zet het aan \
         het eind van die regel\nmijn.ron: opgemaakt\n1 pack opgemaakt, 0 packs al in orde, \
         0 packs niet opgemaakt\n"
    );
    let formatted = std::fs::read_to_string(&file).expect("read");
    assert!(formatted.starts_with("// mijn pack\nPack(\n    id: \"p\",\n"), "{formatted}");
    assert!(formatted.contains("    license: Some(\"CC0\"), // de licentie\n"), "{formatted}");
    assert!(formatted.contains("as_of: Some(\"2026-12\"), /* nagekeken */\n"), "{formatted}");

    let out = wikken(dir.path(), &["fmt", "--check", "mijn.ron"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(stdout(&out), "1 pack in de vaste opmaak, 0 packs niet\n");
    // What standard RON does not accept is gone; the pack's own warnings stay.
    let out = wikken(dir.path(), &["check", "--strict", "mijn.ron"]);
    assert_eq!(
        stdout(&out),
        "mijn.ron:17:9: warning: dilemma \"d\" heeft geen onderzoeksnotities (notes)\n\
         mijn.ron:21:19: warning: de casus telt 2 woorden; de handleiding raadt 80 tot 250 \
         woorden aan\n1 pack gecontroleerd (1 dilemma): 0 fouten, 2 waarschuwingen\n"
    );
    let out = wikken(dir.path(), &["fmt", "mijn.ron"]);
    assert!(stdout(&out).starts_with("0 packs opgemaakt, 1 pack al in orde"));
}

#[test]
fn fmt_leaves_a_pack_with_errors_alone_and_names_what_is_wrong() {
    let dir = tempfile::tempdir().expect("tmp");
    let broken = MESSY.replace("title: \"T\",", "title: \"T\";");
    std::fs::write(dir.path().join("kapot.ron"), &broken).expect("write");
    let out = wikken(dir.path(), &["fmt", "kapot.ron"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("kapot.ron:2:53: error: hier staat een puntkomma"), "{text}");
    assert!(text.contains("kapot.ron: niet opgemaakt; los eerst de fouten hierboven op"));
    assert_eq!(std::fs::read_to_string(dir.path().join("kapot.ron")).expect("read"), broken);

    let out = wikken(dir.path(), &["fmt", "bestaat-niet.ron"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("kan bestaat-niet.ron niet lezen"));
    let out = wikken(dir.path(), &["fmt"]);
    assert_eq!(out.status.code(), Some(2), "a pack is required");
}

#[test]
fn fmt_takes_a_folder_and_speaks_english() {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::create_dir(dir.path().join("packs")).expect("mkdir");
    std::fs::write(dir.path().join("packs/a.ron"), MESSY).expect("write");
    let starter = wikken(dir.path(), &["new", "packs/b.ron"]);
    assert_eq!(starter.status.code(), Some(0));
    let out = wikken(dir.path(), &["--lang", "en", "fmt", "packs"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("packs/a.ron: formatted\n"), "{}", stdout(&out));
    assert!(
        stdout(&out)
            .ends_with("1 pack formatted, 1 pack already in layout, 0 packs not formatted\n")
    );
}

#[test]
fn the_bundled_packs_and_the_starter_are_in_the_canonical_layout() {
    let starter = ("voorbeeld/voorbeeld.ron", include_str!("../dilemmas/voorbeeld/voorbeeld.ron"));
    for (name, text) in wikken::pack::BUNDLED.iter().copied().chain([starter]) {
        let formatted = wikken::pack::format_text(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            formatted.text == text,
            "dilemmas/{name} is not in the canonical layout: run `cargo run -- fmt dilemmas/{name}`"
        );
        assert!(formatted.moved.is_empty(), "{name}: a comment stands inside a value");
    }
}
