//! Property tests for what comes from other people's files: the bundle reader and the pool
//! line reader return — never panic, never hang — on arbitrary bytes and on mutated valid
//! input; a bundle is either refused whole or every record in it has the shape wikken
//! writes; counting never shows anything unsafe for a terminal.

use std::path::Path;
use std::time::{Duration, Instant};

use proptest::prelude::*;
use wikken::store::{FolderPool, PoolRecord, Pseudonym, Tally, export_to, parse_bundle};

/// A hang guard, not a speed target.
const BOUND: Duration = Duration::from_secs(2);

fn valid_bundle() -> Vec<u8> {
    let dir = tempfile::tempdir().expect("tmp");
    let pool = FolderPool::new(&dir.path().join("pool"));
    for i in 0..3u32 {
        let who = Pseudonym(format!("{i:016x}"));
        let r = PoolRecord {
            rid: format!("{:016x}", i + 10),
            pack: "werk-en-inkomen".into(),
            v: 1,
            dilemma: "d".into(),
            first: "a".into(),
            revised: (i == 1).then(|| "b".into()),
            p: who.0.clone(),
            date: "2026-11-23".into(),
            reasoning: (i == 2).then(|| "Gedeeld „met” aanhalingstekens.".into()),
        };
        pool.append(&who, &r).expect("append");
    }
    let out = dir.path().join("b.json");
    export_to(&pool, "2026-12-01", &out).expect("export");
    std::fs::read(out).expect("read")
}

fn check_bundle(bytes: &[u8]) {
    let start = Instant::now();
    if let Ok(b) = parse_bundle(bytes) {
        for r in &b.records {
            assert!(r.p.len() == 16 && r.rid.len() == 16, "{r:?}");
            assert!(!r.first.chars().any(wikken::clean::is_unsafe), "{r:?}");
        }
    }
    assert!(start.elapsed() < BOUND);
}

fn check_lines(bytes: &[u8]) {
    let start = Instant::now();
    let mut tally = Tally::new(true);
    let mut warnings = Vec::new();
    tally.add_lines(Path::new("x.jsonl"), bytes, &mut warnings);
    let lines = bytes.split(|&b| b == b'\n').count();
    assert!(tally.records() <= lines);
    for (pack, v, dilemma) in tally.dilemmas() {
        let d = tally.distribution(&pack, v, &dilemma);
        let texts = d.first.keys().chain(d.after.keys()).chain(d.reasoning.iter());
        for t in texts {
            assert!(!t.chars().any(|c| c != '\n' && wikken::clean::is_unsafe(c)), "{t:?}");
        }
    }
    assert!(start.elapsed() < BOUND);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn bundles_of_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        check_bundle(&bytes);
    }

    #[test]
    fn mutated_valid_bundles(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6),
        cut in proptest::option::of(any::<prop::sample::Index>()),
    ) {
        let mut bytes = valid_bundle();
        for (at, b) in edits {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        if let Some(cut) = cut {
            bytes.truncate(cut.index(bytes.len()));
        }
        check_bundle(&bytes);
    }

    #[test]
    fn pool_lines_of_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..4000)) {
        check_lines(&bytes);
    }

    #[test]
    fn pool_lines_with_hostile_strings(
        texts in proptest::collection::vec("\\PC{0,12}|[\\x00-\\x1f\\x7f-\\u{9f}\\u{202a}-\\u{202e}]{1,5}", 1..20),
    ) {
        let mut bytes = Vec::new();
        for (i, t) in texts.iter().enumerate() {
            let r = serde_json::json!({
                "rid": format!("{i:016x}"), "pack": t, "v": 1, "dilemma": t, "first": t,
                "revised": t, "p": t, "date": "2026-11-23", "reasoning": t,
            });
            bytes.extend(serde_json::to_vec(&r).expect("json"));
            bytes.push(b'\n');
        }
        check_lines(&bytes);
    }
}

#[test]
fn the_valid_bundle_reads() {
    assert_eq!(parse_bundle(&valid_bundle()).expect("valid").records.len(), 3);
}
