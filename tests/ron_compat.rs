//! Packs stay real RON: the bundled packs, the example and the strict fixtures also
//! deserialize with the reference `ron` crate into structs that mirror contract 1 and deny
//! unknown fields. (wikken's own reader is more forgiving, e.g. a bare licence string.)

#![allow(dead_code)]

use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Pack {
    id: String,
    version: u32,
    language: String,
    title: String,
    summary: String,
    authors: Vec<String>,
    license: Option<String>,
    sources: Vec<Source>,
    dilemmas: Vec<Dilemma>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Source {
    id: String,
    citation: String,
    url: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Dilemma {
    id: String,
    title: String,
    themes: Vec<String>,
    case: String,
    question: String,
    options: Vec<Option_>,
    notes: Vec<Note>,
    questions: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename = "Option", deny_unknown_fields)]
struct Option_ {
    id: String,
    title: String,
    text: String,
    notes: Vec<Note>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Note {
    text: String,
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
