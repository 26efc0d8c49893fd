//! Property tests: the pack loader returns — never panics, never hangs — on arbitrary
//! bytes and on randomly mutated valid packs, and every error it reports is located
//! inside the input.

use std::time::{Duration, Instant};

use proptest::prelude::*;
use wikken::pack::{Pos, check_bytes};

const VALID: &[&str] = &[
    include_str!("packs/valid/minimal.ron"),
    include_str!("packs/valid/forgiving.ron"),
    include_str!("../dilemmas/voorbeeld/voorbeeld.ron"),
];

/// A hang guard, not a speed target: real packs check in microseconds.
const BOUND: Duration = Duration::from_secs(2);

fn assert_returns_located(bytes: &[u8]) {
    let start = Instant::now();
    let checked = check_bytes(bytes);
    assert!(start.elapsed() < BOUND, "check took {:?}", start.elapsed());
    let lines = bytes.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
    for d in &checked.diagnostics {
        assert!(d.pos >= Pos::START && d.pos.line <= lines, "{d:?} outside {lines} lines");
    }
}

#[derive(Debug, Clone)]
enum Mutation {
    Delete(usize, usize),
    Insert(usize, Vec<u8>),
    Replace(usize, u8),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 1usize..40).prop_map(|(at, n)| Mutation::Delete(at, n)),
        (
            any::<usize>(),
            prop::collection::vec(
                prop_oneof![
                    Just(b'('),
                    Just(b')'),
                    Just(b'['),
                    Just(b']'),
                    Just(b'"'),
                    Just(b','),
                    Just(b':'),
                    Just(b'\\'),
                    Just(b'/'),
                    Just(b'*'),
                    any::<u8>()
                ],
                1..8
            )
        )
            .prop_map(|(at, b)| Mutation::Insert(at, b)),
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Mutation::Replace(at, b)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn apply(mut bytes: Vec<u8>, m: &Mutation) -> Vec<u8> {
    let len = bytes.len().max(1);
    match m {
        Mutation::Delete(at, n) => {
            let at = at % len;
            let end = (at + n).min(bytes.len());
            if at < end {
                bytes.drain(at..end);
            }
        }
        Mutation::Insert(at, b) => {
            let at = at % (bytes.len() + 1);
            bytes.splice(at..at, b.iter().copied());
        }
        Mutation::Replace(at, b) => {
            if !bytes.is_empty() {
                let at = at % bytes.len();
                bytes[at] = *b;
            }
        }
        Mutation::Truncate(at) => bytes.truncate(at % len),
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        assert_returns_located(&bytes);
    }

    #[test]
    fn arbitrary_text(text in "\\PC{0,2000}") {
        assert_returns_located(text.as_bytes());
    }

    #[test]
    fn mutated_valid_packs(which in 0..VALID.len(), mutations in prop::collection::vec(mutation(), 1..6)) {
        let bytes = mutations.iter().fold(VALID[which].as_bytes().to_vec(), apply);
        assert_returns_located(&bytes);
    }
}

#[test]
fn pathological_inputs_return_quickly() {
    let cases: Vec<Vec<u8>> = vec![
        "[".repeat(1_000_000).into_bytes(),
        "(".repeat(1_000_000).into_bytes(),
        "Some(".repeat(200_000).into_bytes(),
        format!("\"{}", "x".repeat(5_000_000)).into_bytes(),
        "/*".repeat(500_000).into_bytes(),
        format!("Pack(id: r{}\"", "#".repeat(100_000)).into_bytes(),
        "a: ".repeat(300_000).into_bytes(),
    ];
    for bytes in cases {
        assert_returns_located(&bytes);
    }
}
