//! The pool's counts for `wikken stats`, and the cache that makes a repeated run fast: it
//! remembers how far every pool file was counted and reads only what was appended since
//! (see [`incremental`](super::incremental) for the rules and what it holds). Whatever the
//! cache holds, what `stats` shows is always what a full count shows under the threshold
//! of this run.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::aggregate::{Counts, Distribution, Scope, Shown, Split, Threshold};
pub use super::incremental::CacheUse;
use super::jsonl::ReadWarning;
use super::tally::Tally;

/// What `stats` may show of one dilemma of one pack version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SummaryRow {
    /// Pack id.
    pub pack: String,
    /// Pack version.
    pub v: u32,
    /// Dilemma id.
    pub dilemma: String,
    /// Participants by where their answers came from.
    pub counts: Counts,
    /// Whose answers the distribution holds.
    pub scope: Scope,
    /// The distribution that may be shown (empty below the threshold).
    pub first: Vec<(String, u32)>,
    /// Choices after revision per werkwijze (empty below the threshold).
    pub after: Vec<(String, u32)>,
    /// (from, to, how many) revisions (empty below the threshold).
    pub moves: Vec<(String, String, u32)>,
}

/// The pool's counts per dilemma, as far as the threshold allows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// The threshold the rows were made for.
    pub k: u32,
    /// One row per dilemma with answers.
    pub rows: Vec<SummaryRow>,
}

fn sorted<K: Ord + Clone, V: Copy>(map: &std::collections::HashMap<K, V>) -> Vec<(K, V)> {
    let mut v: Vec<(K, V)> = map.iter().map(|(k, n)| (k.clone(), *n)).collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

impl Summary {
    /// Summarises a tally under threshold `k`.
    pub fn from_tally(tally: &Tally, k: Threshold) -> Self {
        let rows = tally.dilemmas().into_iter().map(|(pack, v, dilemma)| {
            let split = tally.split(&pack, v, &dilemma);
            ((pack, v, dilemma), split)
        });
        Self::from_splits(rows, k)
    }

    /// Summarises the answers per dilemma (in the order given) under threshold `k`.
    fn from_splits(
        rows: impl IntoIterator<Item = ((String, u32, String), Split)>,
        k: Threshold,
    ) -> Self {
        let rows = rows
            .into_iter()
            .map(|((pack, v, dilemma), split)| {
                let shown = split.shown(k);
                let empty = Distribution::default();
                let d = shown.distribution().unwrap_or(&empty);
                SummaryRow {
                    pack,
                    v,
                    dilemma,
                    counts: shown.counts(),
                    scope: shown.scope(),
                    first: sorted(&d.first),
                    after: sorted(&d.after),
                    moves: sorted(&d.moves).into_iter().map(|((a, b), n)| (a, b, n)).collect(),
                }
            })
            .collect();
        Summary { k: k.k(), rows }
    }

    /// What may be shown of one dilemma (without reasoning).
    pub fn shown(&self, pack: &str, v: u32, dilemma: &str) -> Shown {
        let Some(row) =
            self.rows.iter().find(|r| r.pack == pack && r.v == v && r.dilemma == dilemma)
        else {
            return Shown::Below { own: 0, sessions: 0, other: 0 };
        };
        let c = row.counts;
        let participants = match row.scope {
            Scope::All => c.own + c.sessions + c.other,
            Scope::Groups => c.sessions + c.other,
            Scope::Hidden => 0,
        };
        let dist = Distribution {
            participants,
            first: row.first.iter().cloned().collect(),
            after: row.after.iter().cloned().collect(),
            revised: row.moves.iter().map(|m| m.2).sum(),
            moves: row.moves.iter().map(|(a, b, n)| ((a.clone(), b.clone()), *n)).collect(),
            reasoning: Vec::new(),
        };
        Shown::from_parts(row.scope, c, dist)
    }
}

/// The pool's counts under threshold `k`, counted on from the cache at `cache` (which is
/// rewritten, owner-only, when that saves later runs work; a cache that cannot be written
/// is no error), with the warnings a full count gives.
pub fn summarise_pool(
    dir: &Path,
    cache: &Path,
    k: Threshold,
) -> (Summary, Vec<ReadWarning>, CacheUse) {
    let counted = super::incremental::count(dir, cache);
    (Summary::from_splits(counted.rows, k), counted.warnings, counted.used)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{FolderPool as Pool, PoolRecord, Pseudonym};

    fn record(rid: &str, p: &str, first: &str) -> PoolRecord {
        crate::store::record::test_record(rid, p, first, None, "2026-11-23")
    }

    fn participants(s: &Summary) -> u32 {
        let c = s.shown("p", 1, "d").counts();
        c.own + c.sessions + c.other
    }

    #[test]
    fn every_change_shows_at_once_and_k_is_applied_on_every_run() {
        let dir = tempfile::tempdir().expect("tmp");
        let pool = Pool::new(&dir.path().join("pool"));
        let cache = dir.path().join("cache/stats.json");
        let k = Threshold::new(3);
        let me = Pseudonym("1111111111111111".into());
        pool.append(&me, &record("1", &me.0, "a")).expect("append");

        let (s, _, used) = summarise_pool(pool.dir(), &cache, k);
        assert_eq!((used, participants(&s)), (CacheUse::Rebuilt, 1));
        // Another threshold needs no recount: k is applied to the counts on every run.
        let (s, _, used) = summarise_pool(pool.dir(), &cache, Threshold::new(4));
        assert_ne!(used, CacheUse::Rebuilt);
        assert_eq!(s.k, 4);

        // A new file.
        let you = Pseudonym("2222222222222222".into());
        pool.append(&you, &record("2", &you.0, "b")).expect("append");
        let (s, _, used) = summarise_pool(pool.dir(), &cache, k);
        assert_eq!((used, participants(&s)), (CacheUse::Updated, 2));

        // A new record in an existing file (a record under someone else's pseudonym in it
        // does not count: only its owner's do).
        pool.append(&you, &record("3", "3333333333333333", "b")).expect("append");
        let (s, warnings, used) = summarise_pool(pool.dir(), &cache, k);
        assert_eq!((used, participants(&s), warnings.len()), (CacheUse::Updated, 2, 1));
        let third = Pseudonym("3333333333333333".into());
        pool.append(&third, &record("4", &third.0, "b")).expect("append");
        let (s, _, used) = summarise_pool(pool.dir(), &cache, k);
        assert_eq!(used, CacheUse::Updated);
        assert!(matches!(s.shown("p", 1, "d"), Shown::All { .. }));

        // A removed file the cache counted (the first: the cache is not rewritten after every
        // small append, so a later file may be unknown to it, and its removal no change).
        std::fs::remove_file(pool.own_file(&me)).expect("remove");
        let (s, _, used) = summarise_pool(pool.dir(), &cache, k);
        assert_eq!((used, participants(&s)), (CacheUse::Rebuilt, 2));

        // A damaged cache is rebuilt.
        std::fs::write(&cache, "kapot").expect("damage");
        let (_, _, used) = summarise_pool(pool.dir(), &cache, k);
        assert_eq!(used, CacheUse::Rebuilt);
    }

    #[test]
    fn below_k_stats_shows_counts_only_and_the_cache_no_pseudonyms() {
        let dir = tempfile::tempdir().expect("tmp");
        let pool = Pool::new(&dir.path().join("pool"));
        let cache = dir.path().join("cache/stats.json");
        for (i, p) in ["aaaaaaaaaaaaaaa1", "aaaaaaaaaaaaaaa2"].iter().enumerate() {
            let who = Pseudonym(p.to_string());
            pool.append(&who, &record(&format!("{i}"), p, "geheimekeuze")).expect("append");
        }
        let (s, _, _) = summarise_pool(pool.dir(), &cache, Threshold::default());
        assert_eq!(s.shown("p", 1, "d"), Shown::Below { own: 2, sessions: 0, other: 0 });
        assert!(s.rows.iter().all(|r| r.first.is_empty() && r.after.is_empty()));
        let bytes = std::fs::read(&cache).expect("cache");
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("aaaaaaaaaaaaaaa"), "a pseudonym or file name in the cache");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&cache).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        // A damaged line: its warning names the file (a pseudonym), so it is said on every
        // run, and the cache still names no file.
        let mut damaged = std::fs::read(pool.dir().join("aaaaaaaaaaaaaaa1.jsonl")).expect("read");
        damaged.extend_from_slice(b"{kapot\n");
        std::fs::write(pool.dir().join("aaaaaaaaaaaaaaa1.jsonl"), damaged).expect("damage");
        for _ in 0..2 {
            let (_, warnings, _) = summarise_pool(pool.dir(), &cache, Threshold::default());
            assert_eq!(warnings.len(), 1);
        }
        let bytes = std::fs::read(&cache).expect("cache");
        assert!(!String::from_utf8_lossy(&bytes).contains("aaaaaaaaaaaaaaa"));
    }
}
