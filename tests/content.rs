//! The bundled packs meet the content rules beyond `wikken check`: 2–4 werkwijzen each
//! with its own onderbouwing, at least two research notes and three intervisie questions,
//! cases of 120–250 words, and short quotations marked „…”. Where the source publications
//! are present beside the repository (as in CI), every quotation is also checked word for
//! word against them.

use std::path::Path;

use wikken::pack::{BUNDLED, Pack, check_text};

fn bundled() -> Vec<(&'static str, Pack)> {
    BUNDLED
        .iter()
        .map(|(name, text)| {
            let checked = check_text(text);
            assert!(checked.diagnostics.is_empty(), "{name}: {:?}", checked.diagnostics);
            (*name, checked.pack.expect("decodes"))
        })
        .collect()
}

/// Every text of a pack a reader sees, with a label for messages.
fn texts(pack: &Pack) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for d in &pack.dilemmas {
        let id = d.id.as_str();
        out.push((format!("{id}: case"), d.case.value.clone()));
        out.push((format!("{id}: question"), d.question.value.clone()));
        for o in &d.options {
            out.push((format!("{id}/{}: text", o.id.as_str()), o.text.value.clone()));
            for n in &o.notes {
                out.push((format!("{id}/{}: note", o.id.as_str()), n.text.value.clone()));
            }
        }
        for n in &d.notes {
            out.push((format!("{id}: note"), n.text.value.clone()));
        }
        for q in &d.questions {
            out.push((format!("{id}: question"), q.value.clone()));
        }
    }
    out
}

/// The quotations „…” in a text.
fn quotes(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('„') {
        let after = &rest[start + '„'.len_utf8()..];
        match after.find('”') {
            Some(end) => {
                out.push(&after[..end]);
                rest = &after[end + '”'.len_utf8()..];
            }
            None => panic!("unclosed „ in: {text}"),
        }
    }
    out
}

#[test]
fn bundled_packs_are_the_two_content_packs() {
    let packs = bundled();
    let find = |id: &str| packs.iter().find(|(_, p)| p.id.as_str() == id).map(|(_, p)| p);
    let wi = find("werk-en-inkomen").expect("werk-en-inkomen is bundled");
    assert!(wi.dilemmas.len() >= 24, "{}", wi.dilemmas.len());
    assert!(wi.themes().len() >= 6, "{:?}", wi.themes());
    let lg = find("leidinggevenden").expect("leidinggevenden is bundled");
    assert!(lg.dilemmas.len() >= 8, "{}", lg.dilemmas.len());
}

#[test]
fn every_dilemma_meets_the_content_rules() {
    for (name, pack) in bundled() {
        assert_eq!(pack.language.as_str(), "nl", "{name}");
        for d in &pack.dilemmas {
            let id = format!("{name}/{}", d.id.as_str());
            assert!((2..=4).contains(&d.options.len()), "{id}: {} werkwijzen", d.options.len());
            for o in &d.options {
                assert!(
                    o.notes.iter().any(|n| !n.sources.is_empty()),
                    "{id}/{}: no onderbouwing citing a source",
                    o.id.as_str()
                );
            }
            assert!(d.notes.len() >= 2, "{id}: {} research notes", d.notes.len());
            assert!(d.notes.iter().all(|n| !n.sources.is_empty()), "{id}: a note without source");
            assert!(d.questions.len() >= 3, "{id}: {} questions", d.questions.len());
            assert!(!d.themes.is_empty(), "{id}: no themes");
            let words = d.case.split_whitespace().count();
            assert!((120..=250).contains(&words), "{id}: case has {words} words");
        }
    }
}

#[test]
fn quotations_are_short_and_marked() {
    for (name, pack) in bundled() {
        for (label, text) in texts(&pack) {
            assert!(!text.contains('"'), "{name} {label}: ASCII double quote; use „…”");
            for q in quotes(&text) {
                let words = q.split_whitespace().count();
                assert!(words <= 25, "{name} {label}: quotation of {words} words: {q}");
            }
        }
    }
}

fn normalise(text: &str) -> String {
    text.replace(['’', '‘'], "'").split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn quotations_are_verbatim_in_the_sources_when_present() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let Ok(entries) = std::fs::read_dir(&seeds) else {
        eprintln!("source publications not found at {}; verbatim check skipped", seeds.display());
        return;
    };
    let corpus: String = entries
        .filter_map(Result::ok)
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .map(|t| normalise(&t.replace('*', "")))
        .collect::<Vec<_>>()
        .join("\n");
    let mut missing = Vec::new();
    for (name, pack) in bundled() {
        for (label, text) in texts(&pack) {
            for q in quotes(&text) {
                let q = normalise(q.trim_matches(|c: char| c == '…' || c.is_whitespace()));
                let parts: Vec<&str> =
                    q.split('…').map(str::trim).filter(|p| !p.is_empty()).collect();
                if parts.iter().any(|p| !corpus.contains(p)) {
                    missing.push(format!("{name} {label}: „{q}”"));
                }
            }
        }
    }
    assert!(missing.is_empty(), "quotations not found verbatim:\n{}", missing.join("\n"));
}
