//! Property tests for what comes from other people's files: the bundle reader and the pool
//! line reader return — never panic, never hang — on arbitrary bytes and on mutated valid
//! input; a bundle is either refused whole or every record in it has the shape wikken
//! writes; counting never shows anything unsafe for a terminal. Mutated bundles are
//! re-sealed (their checksum recomputed) so they reach the checks behind the checksum, as a
//! hostile bundle made with care would.

use std::path::Path;
use std::time::{Duration, Instant};

use proptest::prelude::*;
use wikken::store::{
    Bundle, Damage, FolderPool, PoolRecord, Pseudonym, Tally, export_to, parse_bundle,
};

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

/// Parses a bundle; what it accepts has every record in the shape wikken writes.
fn check_bundle(bytes: &[u8]) -> Result<Bundle, Damage> {
    let start = Instant::now();
    let parsed = parse_bundle(bytes);
    if let Ok(b) = &parsed {
        for r in &b.records {
            let hex16 = |s: &str| s.len() == 16 && s.bytes().all(|c| c.is_ascii_hexdigit());
            assert!(hex16(&r.p) && hex16(&r.rid), "{r:?}");
            let ids = [&r.pack, &r.dilemma, &r.first].into_iter().chain(r.revised.as_ref());
            for id in ids {
                assert!(wikken::pack::is_slug(id), "{r:?}");
            }
            assert!(r.v >= 1 && r.date.len() == 10, "{r:?}");
        }
    }
    assert!(start.elapsed() < BOUND);
    parsed
}

/// The bundle in `bytes` with its checksum made to match what it holds, if it still reads
/// as a bundle at all.
fn resealed(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut bundle: Bundle = serde_json::from_slice(bytes).ok()?;
    bundle.reseal().expect("seal");
    Some(serde_json::to_vec(&bundle).expect("json"))
}

/// A record's field set to `value` (a number field takes its digits, or 0).
fn set_field(r: &mut PoolRecord, field: usize, value: &str) {
    let text = value.to_string();
    match field {
        0 => r.rid = text,
        1 => r.pack = text,
        2 => r.v = value.parse().unwrap_or(0),
        3 => r.dilemma = text,
        4 => r.first = text,
        5 => r.revised = Some(text),
        6 => r.p = text,
        7 => r.date = text,
        _ => r.reasoning = Some(text.repeat(if value.len() > 8 { 4000 } else { 1 })),
    }
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
        check_bundle(&bytes).ok();
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
        check_bundle(&bytes).ok();
        // Re-sealed, a mutation that still reads as a bundle passes the checksum and meets
        // the checks behind it.
        if let Some(sealed) = resealed(&bytes) {
            prop_assert_ne!(check_bundle(&sealed).err(), Some(Damage::Checksum));
        }
    }

    /// One field of one record made hostile, the bundle re-sealed: it is refused naming that
    /// record, or the value had the shape wikken writes anyway.
    #[test]
    fn resealed_bundles_with_a_hostile_field(
        record in 0usize..3,
        field in 0usize..9,
        value in "\\PC{0,20}|[\\x00-\\x1f\\x7f\\u{202e}]{1,4}|[0-9a-fA-F]{15,17}|[a-z0-9-]{1,12}|[0-9]{1,11}",
    ) {
        let mut bundle: Bundle = serde_json::from_slice(&valid_bundle()).expect("bundle");
        set_field(&mut bundle.records[record], field, &value);
        bundle.reseal().expect("seal");
        let bytes = serde_json::to_vec(&bundle).expect("json");
        match check_bundle(&bytes) {
            Ok(_) => {}
            Err(Damage::Record(n)) => prop_assert_eq!(n, record + 1),
            Err(other) => prop_assert!(false, "a re-sealed bundle refused for {:?}", other),
        }
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

/// Every check behind the checksum refuses what it is for, once the bundle is re-sealed:
/// the property tests above reach them, not only the checksum.
#[test]
fn resealed_bundles_meet_every_shape_check() {
    let good: Bundle = serde_json::from_slice(&valid_bundle()).expect("bundle");
    let refused = |change: &dyn Fn(&mut Bundle)| {
        let mut b = good.clone();
        change(&mut b);
        b.reseal().expect("seal");
        check_bundle(&serde_json::to_vec(&b).expect("json")).err()
    };
    assert_eq!(refused(&|_| {}), None);
    assert_eq!(refused(&|b| b.records[1].date = "gisteren!!".into()), Some(Damage::Record(2)));
    assert_eq!(refused(&|b| b.records[2].p = "Anna".into()), Some(Damage::Record(3)));
    assert_eq!(refused(&|b| b.records[0].v = 0), Some(Damage::Record(1)));
    assert_eq!(refused(&|b| b.id = "../x".into()), Some(Damage::Id));
    assert_eq!(refused(&|b| b.version = 9), Some(Damage::Version(9)));
    assert!(matches!(refused(&|b| b.format = "x".into()), Some(Damage::Format(_))));
    let bad_tombstone = refused(&|b| b.tombstones = vec!["kapot".into()]);
    assert!(matches!(bad_tombstone, Some(Damage::NotABundle(_))), "{bad_tombstone:?}");
    // Without re-sealing, the same change stops at the checksum.
    let mut b = good.clone();
    b.records[1].date = "gisteren!!".into();
    let unsealed = check_bundle(&serde_json::to_vec(&b).expect("json")).err();
    assert_eq!(unsealed, Some(Damage::Checksum));
}
