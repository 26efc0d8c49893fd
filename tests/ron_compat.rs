//! Packs stay real RON: the bundled packs, the example and the strict fixtures also
//! deserialize with the reference `ron` crate into structs that mirror contract 1 and deny
//! unknown fields. Optional fields may be left out, as the guide says, so the mirror
//! defaults them. (wikken's own reader is more forgiving, e.g. a bare licence string; `wikken
//! check --strict` warns about each such place.)

#![allow(dead_code)]

use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Pack {
    id: String,
    version: u32,
    language: String,
    title: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    authors: Vec<String>,
    #[serde(default)]
    license: Option<String>,
    #[serde(default)]
    sources: Vec<Source>,
    dilemmas: Vec<Dilemma>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Source {
    id: String,
    citation: String,
    #[serde(default)]
    url: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Dilemma {
    id: String,
    title: String,
    #[serde(default)]
    themes: Vec<String>,
    case: String,
    question: String,
    options: Vec<Option_>,
    #[serde(default)]
    notes: Vec<Note>,
    #[serde(default)]
    questions: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename = "Option", deny_unknown_fields)]
struct Option_ {
    id: String,
    title: String,
    text: String,
    #[serde(default)]
    notes: Vec<Note>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Note {
    text: String,
    #[serde(default)]
    sources: Vec<String>,
}

fn assert_same_as_wikken(name: &str, text: &str) {
    let theirs: Pack = ron::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
    let ours = wikken::pack::check_text(text);
    let ours = ours.pack.expect("wikken decodes it too");
    assert_eq!(theirs.id, *ours.id);
    assert_eq!(theirs.dilemmas.len(), ours.dilemmas.len());
    for (t, o) in theirs.dilemmas.iter().zip(&ours.dilemmas) {
        assert_eq!(t.case, *o.case, "{name}: case text of {}", t.id);
        assert_eq!(t.options.len(), o.options.len());
    }
}

#[test]
fn bundled_packs_are_ron() {
    for (name, text) in wikken::pack::BUNDLED {
        assert_same_as_wikken(name, text);
    }
}

#[test]
fn example_and_strict_fixtures_are_ron() {
    assert_same_as_wikken("voorbeeld", include_str!("../dilemmas/voorbeeld/voorbeeld.ron"));
    assert_same_as_wikken("minimal", include_str!("packs/valid/minimal.ron"));
}

#[test]
fn packs_that_leave_out_optional_fields_are_ron() {
    let minimal = include_str!("packs/valid/minimal.ron");
    let sparse = minimal
        .replace("    summary: \"Een kleine testpack.\",\n", "")
        .replace("    authors: [\"Test\"],\n", "")
        .replace("    license: None,\n", "")
        .replace(", url: None", "")
        .replace("            themes: [\"test\"],\n", "")
        .replace("            questions: [\"Waarom?\"],\n", "")
        .replace("            notes: [Note(text: \"Onderzoek.\", sources: [\"bron-a\"])],\n", "")
        .replace("Note(text: \"Omdat.\", sources: [\"bron-a\"])", "Note(text: \"Omdat.\")");
    assert_ne!(sparse, minimal);
    assert!(sparse.contains("Note(text: \"Omdat.\")"));
    for field in ["summary:", "authors:", "license:", "url:", "themes:", "questions:"] {
        assert!(!sparse.contains(field), "{field} still there");
    }
    assert_same_as_wikken("sparse", &sparse);
    // wikken loads it too (with warnings for what is missing, never errors).
    let checked = wikken::pack::check_text(&sparse);
    assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
}

#[test]
fn what_check_strict_accepts_silently_is_ron() {
    // The forgiving fixture without what --strict warns about is standard RON.
    let text = include_str!("packs/valid/forgiving.ron");
    let strict = wikken::pack::check_text_with(
        text,
        wikken::pack::CheckOptions { strict: true, problems_only: false },
    );
    let warned: Vec<_> = strict
        .diagnostics
        .iter()
        .filter(|d| matches!(d.kind, wikken::pack::DiagnosticKind::NotStandardRon { .. }))
        .collect();
    assert_eq!(warned.len(), 2, "{warned:?}");
    let fixed =
        text.replace("license: \"CC0\"", "license: Some(\"CC0\")").replace("\\u00e9n", "\\u{e9}n");
    assert_same_as_wikken("forgiving, made strict", &fixed);
}
