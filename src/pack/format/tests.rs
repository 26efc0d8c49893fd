//! The canonical layout: idempotent, keeps every text and comment, passes `check --strict`.
//!
//! Test code only: the parent declares this module under `#[cfg(test)]`, so an `expect` here
//! states what the test needs rather than an invariant of the program.

use super::*;
use crate::pack::{CheckOptions, DiagnosticKind, check_text_with};

/// Every pack text the tests have at hand that loads: the starter, the bundled packs and
/// the valid fixtures.
fn packs() -> Vec<(String, String)> {
    let mut all = vec![("starter".to_string(), crate::pack::starter_pack("x"))];
    all.extend(crate::pack::BUNDLED.iter().map(|(n, t)| (n.to_string(), t.to_string())));
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/packs/valid");
    for entry in std::fs::read_dir(dir).expect("fixtures") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("read");
        all.push((path.display().to_string(), text));
    }
    all
}

#[test]
fn formatting_is_idempotent_keeps_every_text_and_passes_the_strict_check() {
    for (name, text) in packs() {
        let once = format_text(&text).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let twice = format_text(&once.text).expect("formats again");
        assert_eq!(once.text, twice.text, "{name}: not idempotent");
        let strict = check_text_with(
            &once.text,
            CheckOptions { strict: true, problems_only: true, wet_age: None },
        );
        let bad: Vec<_> = strict
            .diagnostics
            .iter()
            .filter(|d| d.is_error() || matches!(d.kind, DiagnosticKind::NotStandardRon { .. }))
            .collect();
        assert!(bad.is_empty(), "{name}: {bad:?}");
        // The texts themselves (format_text also checks this before it answers).
        let (before, _) = read_with_comments(&text).expect("reads");
        let (after, _) = read_with_comments(&once.text).expect("reads");
        assert!(fields::same_content(&schema::PACK, &before, &after), "{name}");
        assert_eq!(before.dilemmas.len(), after.dilemmas.len());
    }
}

const COMMENTED: &str = r#"// kop van het bestand
Pack(id: "p", version: 1, // achter de versie
    language: "nl", title: "T",
    authors: ["A", // achter A
        "B"],
    license: "CC0",
    sources: [Source(id: "s", citation: "C", url: Some("https://example.org"))],
    /* voor de dilemma's */
    dilemmas: [
        // voor het eerste dilemma
        Dilemma(id: "d", title: "Titel", themes: ["t"],
            case: "Regel een
regel twee met \"quote\" en \u00e9 en een tab\there",
            question: "Wat?", options: [
                Option(id: "a", title: "A", text: "Doe A.", notes: [Note(kind: Praktijk, text: "N", sources: ["s"])]),
                Option(id: "b", title: "B", text: "Doe B.", notes: [
                    Note(kind: Wet, as_of: Some(/* binnen */ "2026-12"), text: "W", sources: ["s"]),
                ]),
                // na de laatste werkwijze
            ],
            notes: [], questions: ["V?"]),
    ],
) // na het einde
// onderaan
"#;

#[test]
fn comments_stay_where_they_stand_and_a_moved_one_is_said() {
    let formatted = format_text(COMMENTED).expect("formats");
    insta::assert_snapshot!(formatted.text);
    // The comment inside `Some(…)` could not stay there: it is at the end of the line.
    assert_eq!(formatted.moved, [Pos { line: 17, col: 49 }]);
    let strict = check_text_with(
        &formatted.text,
        CheckOptions { strict: true, problems_only: true, wet_age: None },
    );
    assert!(strict.diagnostics.iter().all(|d| !d.is_error()), "{:?}", strict.diagnostics);
    let (pack, comments) = read_with_comments(&formatted.text).expect("reads");
    assert_eq!(comments.len(), 9);
    let case = &pack.dilemmas[0].case;
    assert_eq!(case.as_str(), "Regel een\nregel twee met \"quote\" en é en een tab\there");
}

#[test]
fn carriage_returns_and_hidden_characters_are_normalised_not_lost() {
    let text = crate::pack::starter_pack("x")
        .replace('\n', "\r\n")
        .replace("Mijn dilemma's", "Mijn\u{200B} dilemma's");
    let formatted = format_text(&text).expect("formats");
    assert!(!formatted.text.contains('\r'));
    assert!(formatted.text.contains("Mijn\\u{200b} dilemma's"), "visible as an escape");
    let (pack, _) = read_with_comments(&formatted.text).expect("reads");
    assert_eq!(pack.title.as_str(), "Mijn\u{200B} dilemma's");
}

#[test]
fn a_pack_with_errors_is_not_formatted() {
    let err = format_text("Pack(id: \"x\")").expect_err("errors");
    let FormatError::Problems(problems) = err else { panic!("{err:?}") };
    assert!(!problems.is_empty() && problems.iter().all(|d| d.is_error()));
    assert!(matches!(format_text(""), Err(FormatError::Problems(_))));
}
