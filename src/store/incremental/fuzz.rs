//! Random changes to a pool, each followed by a count with the cache and a full count:
//! they must agree every time.
//!
//! Test code only: the parent declares this module under `#[cfg(test)]`, so an `expect` here
//! states what the test needs rather than an invariant of the program.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::*;
use crate::store::PoolRecord;
use proptest::prelude::*;

const FILES: [&str; 7] = [
    "0000000000000000.jsonl",
    "aaaaaaaaaaaaaaaa.jsonl",
    "bbbbbbbbbbbbbbbb.jsonl",
    "cccccccccccccccc.jsonl",
    "import-000001-x.jsonl",
    "session-1.jsonl",
    "zzzz.jsonl",
];
const WHO: [&str; 4] = ["aaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbb", "cccccccccccccccc", "Odd Id"];
const DILEMMAS: [(&str, u32, &str); 3] = [("p", 1, "d"), ("p", 1, "e"), ("q", 2, "d")];
const OPTIONS: [&str; 3] = ["a", "b", "c"];

#[derive(Debug, Clone)]
enum Op {
    /// A record appended as the trainer writes it (a newline first after a cut-off line):
    /// into the participant's own file when `own` (and they have one), else into `file`
    /// (where, in another participant's file, it must not count).
    Answer {
        own: bool,
        file: usize,
        who: usize,
        dilemma: usize,
        first: usize,
        revised: Option<usize>,
    },
    /// The first `cut` bytes of a record, without newline.
    Cut {
        file: usize,
        who: usize,
        cut: usize,
    },
    /// A damaged or blank line.
    Junk {
        file: usize,
        blank: bool,
    },
    Remove {
        file: usize,
    },
    Shrink {
        file: usize,
        keep: usize,
    },
    /// The first werkwijze in a file changed, the size kept; in place or as a new file.
    Rewrite {
        file: usize,
        in_place: bool,
    },
    /// Replaced by a copy with one more record (as a sync client saves).
    Copy {
        file: usize,
        who: usize,
    },
    Bury {
        who: usize,
    },
    Foreign {
        who: usize,
    },
    DamageCache {
        at: usize,
    },
}

fn op() -> impl Strategy<Value = Op> {
    let f = 0..FILES.len();
    let w = 0..WHO.len();
    prop_oneof![
        8 => (prop::bool::weighted(0.7), f.clone(), w.clone(), 0..DILEMMAS.len(), 0..OPTIONS.len(), proptest::option::of(0..OPTIONS.len()))
            .prop_map(|(own, file, who, dilemma, first, revised)| Op::Answer { own, file, who, dilemma, first, revised }),
        1 => (f.clone(), w.clone(), 1..200usize).prop_map(|(file, who, cut)| Op::Cut { file, who, cut }),
        1 => (f.clone(), any::<bool>()).prop_map(|(file, blank)| Op::Junk { file, blank }),
        1 => f.clone().prop_map(|file| Op::Remove { file }),
        1 => (f.clone(), 0..100usize).prop_map(|(file, keep)| Op::Shrink { file, keep }),
        1 => (f.clone(), any::<bool>()).prop_map(|(file, in_place)| Op::Rewrite { file, in_place }),
        1 => (f.clone(), w.clone()).prop_map(|(file, who)| Op::Copy { file, who }),
        1 => w.clone().prop_map(|who| Op::Bury { who }),
        1 => w.prop_map(|who| Op::Foreign { who }),
        1 => any::<usize>().prop_map(|at| Op::DamageCache { at }),
    ]
}

fn record(who: usize, dilemma: usize, first: usize, revised: Option<usize>) -> PoolRecord {
    let (pack, v, d) = DILEMMAS[dilemma];
    PoolRecord {
        rid: "r".into(),
        pack: pack.into(),
        v,
        dilemma: d.into(),
        first: OPTIONS[first].into(),
        revised: revised.map(|r| OPTIONS[r].into()),
        p: WHO[who].into(),
        date: "2026-11-23".into(),
        reasoning: None,
    }
}

fn apply(dir: &Path, caches: &[PathBuf], op: &Op) {
    use std::io::Write as _;
    let path = |file: usize| dir.join(FILES[file]);
    match *op {
        Op::Answer { own, file, who, dilemma, first, revised } => {
            let r = record(who, dilemma, first, revised);
            let file = if own && who < 3 { who + 1 } else { file };
            crate::store::jsonl::append(&path(file), &r, false).expect("append");
        }
        Op::Cut { file, who, cut } => {
            let line = serde_json::to_vec(&record(who, 0, 0, None)).expect("json");
            let mut f = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path(file))
                .expect("open");
            f.write_all(&line[..cut.min(line.len())]).expect("cut");
        }
        Op::Junk { file, blank } => {
            let mut f = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path(file))
                .expect("open");
            f.write_all(if blank { b"  \n" } else { b"{\"rid\":kapot\n" }).expect("junk");
        }
        Op::Remove { file } => {
            let _ = std::fs::remove_file(path(file));
        }
        Op::Shrink { file, keep } => {
            if let Ok(f) = std::fs::OpenOptions::new().write(true).open(path(file)) {
                let len = f.metadata().expect("meta").len();
                f.set_len(len * keep as u64 / 100).expect("shrink");
            }
        }
        Op::Rewrite { file, in_place } => rewrite(dir, &path(file), in_place),
        Op::Copy { file, who } => replace_with_copy(dir, &path(file), who),
        Op::Bury { who } => {
            crate::store::tombstone::bury(dir, WHO[who]).expect("bury");
        }
        Op::Foreign { who } => {
            let t = crate::store::tombstone_of(WHO[who]);
            let file = dir.join("import-000001-x.tombstones");
            let mut f =
                std::fs::OpenOptions::new().create(true).append(true).open(file).expect("open");
            writeln!(f, "{t}").expect("tombstone");
        }
        Op::DamageCache { at } => {
            for cache in caches {
                if let Ok(mut bytes) = std::fs::read(cache)
                    && !bytes.is_empty()
                {
                    let i = at % bytes.len();
                    bytes[i] ^= 1;
                    std::fs::write(cache, bytes).expect("damage");
                }
            }
        }
    }
}

/// The first werkwijze in a file changed, the size kept; in place or as a new file.
fn rewrite(dir: &Path, path: &Path, in_place: bool) {
    use std::io::Write as _;
    let Ok(mut text) = std::fs::read(path) else { return };
    let Some(at) = text.windows(9).position(|w| w == b"\"first\":\"") else {
        return;
    };
    // A file may end right after the key (a line cut short by an earlier step).
    let Some(c) = text.get_mut(at + 9) else { return };
    *c = if *c == b'a' { b'b' } else { b'a' };
    if in_place {
        // The change time then differs even on a coarse clock.
        std::thread::sleep(Duration::from_millis(5));
        let mut f = std::fs::OpenOptions::new().write(true).open(path).expect("open");
        f.write_all(&text).expect("rewrite");
    } else {
        let tmp = dir.join("tmp");
        std::fs::write(&tmp, &text).expect("write");
        std::fs::rename(&tmp, path).expect("rename");
    }
}

/// The file replaced by a copy with one more record (as a sync client saves).
fn replace_with_copy(dir: &Path, path: &Path, who: usize) {
    let Ok(mut text) = std::fs::read(path) else { return };
    if text.last().is_some_and(|&c| c != b'\n') {
        text.push(b'\n');
    }
    text.extend(serde_json::to_vec(&record(who, 1, 2, None)).expect("json"));
    text.push(b'\n');
    let tmp = dir.join("tmp");
    std::fs::write(&tmp, &text).expect("write");
    std::fs::rename(&tmp, path).expect("rename");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_cache_always_agrees_with_a_full_count(ops in proptest::collection::vec(op(), 1..30)) {
        let tmp = tempfile::tempdir().expect("tmp");
        let dir = tmp.path().join("pool");
        std::fs::create_dir_all(&dir).expect("pool");
        let caches = [tmp.path().join("cache/stats")];
        for op in &ops {
            apply(&dir, &caches, op);
            let (rows, warnings) = super::tests::full_count(&dir);
            for cache in &caches {
                let counted = count(&dir, cache);
                prop_assert_eq!(&counted.rows, &rows, "after {:?}", op);
                prop_assert_eq!(&counted.warnings, &warnings, "after {:?}", op);
            }
        }
    }
}
