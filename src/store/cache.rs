//! A cache of the pool's counts for `wikken stats`, so a repeated run over a large pool
//! answers at once. It is valid only while every pool file has the same name, size and
//! modification time as when it was written; any change rebuilds it. It holds counts only,
//! never pseudonyms or reasoning.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use super::aggregate::Distribution;
use super::jsonl::ReadWarning;
use super::tally::{Tally, pool_files};

/// Counts of one dilemma of one pack version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SummaryRow {
    /// Pack id.
    pub pack: String,
    /// Pack version.
    pub v: u32,
    /// Dilemma id.
    pub dilemma: String,
    /// Distinct participants.
    pub participants: u32,
    /// First choices per werkwijze.
    pub first: BTreeMap<String, u32>,
    /// Choices after revision per werkwijze.
    pub after: BTreeMap<String, u32>,
    /// (from, to, how many) revisions.
    pub moves: Vec<(String, String, u32)>,
}

/// The pool's counts per dilemma.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// One row per dilemma with answers.
    pub rows: Vec<SummaryRow>,
}

impl Summary {
    /// Summarises a tally.
    pub fn from_tally(tally: &Tally) -> Self {
        let rows = tally
            .dilemmas()
            .into_iter()
            .map(|(pack, v, dilemma)| {
                let d = tally.distribution(&pack, v, &dilemma);
                let mut moves: Vec<(String, String, u32)> =
                    d.moves.into_iter().map(|((a, b), n)| (a, b, n)).collect();
                moves.sort();
                SummaryRow {
                    pack,
                    v,
                    dilemma,
                    participants: d.participants,
                    first: d.first.into_iter().collect(),
                    after: d.after.into_iter().collect(),
                    moves,
                }
            })
            .collect();
        Summary { rows }
    }

    /// The distribution of one dilemma (without reasoning).
    pub fn distribution(&self, pack: &str, v: u32, dilemma: &str) -> Distribution {
        let Some(row) =
            self.rows.iter().find(|r| r.pack == pack && r.v == v && r.dilemma == dilemma)
        else {
            return Distribution::default();
        };
        Distribution {
            participants: row.participants,
            first: row.first.clone().into_iter().collect(),
            after: row.after.clone().into_iter().collect(),
            revised: row.moves.iter().map(|m| m.2).sum(),
            moves: row.moves.iter().map(|(a, b, n)| ((a.clone(), b.clone()), *n)).collect(),
            reasoning: Vec::new(),
        }
    }
}

/// Whether the cache answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CacheUse {
    /// Nothing changed since the cache was written.
    Hit,
    /// The pool was read and the cache rewritten.
    Rebuilt,
}

#[derive(Serialize, Deserialize)]
struct CacheFile {
    pool: PathBuf,
    files: Vec<(String, u64, u128)>,
    summary: Summary,
    warnings: Vec<(PathBuf, usize, String)>,
}

/// Name, size and modification time of every pool file: what the cache is valid for.
fn fingerprint(dir: &Path) -> Vec<(String, u64, u128)> {
    pool_files(dir)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|p| {
            let meta = std::fs::metadata(&p).ok()?;
            let mtime = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?.as_nanos();
            Some((p.file_name()?.to_string_lossy().into_owned(), meta.len(), mtime))
        })
        .collect()
}

/// The pool's counts, from the cache at `cache` when it is still valid, else by reading
/// the pool (and then rewriting the cache; a cache that cannot be written is no error).
pub fn summarise_pool(dir: &Path, cache: &Path) -> (Summary, Vec<ReadWarning>, CacheUse) {
    let files = fingerprint(dir);
    if let Ok(bytes) = std::fs::read(cache)
        && let Ok(c) = serde_json::from_slice::<CacheFile>(&bytes)
        && c.pool == dir
        && c.files == files
    {
        let warnings = c
            .warnings
            .into_iter()
            .map(|(path, line, reason)| ReadWarning { path, line, reason })
            .collect();
        return (c.summary, warnings, CacheUse::Hit);
    }
    let (tally, warnings) = Tally::load(dir, false);
    let summary = Summary::from_tally(&tally);
    let file = CacheFile {
        pool: dir.to_path_buf(),
        files,
        summary: summary.clone(),
        warnings: warnings.iter().map(|w| (w.path.clone(), w.line, w.reason.clone())).collect(),
    };
    if let Some(parent) = cache.parent() {
        let _ = std::fs::create_dir_all(parent);
    }
    let tmp = cache.with_extension("tmp");
    if serde_json::to_vec(&file).ok().is_some_and(|b| std::fs::write(&tmp, b).is_ok()) {
        let _ = std::fs::rename(&tmp, cache);
    }
    (summary, warnings, CacheUse::Rebuilt)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Pool, PoolRecord, Pseudonym};

    fn record(rid: &str, p: &str, first: &str) -> PoolRecord {
        crate::store::pool::test_record(rid, p, first, None, "2026-11-23")
    }

    #[test]
    fn cache_is_used_until_a_pool_file_changes() {
        let dir = tempfile::tempdir().expect("tmp");
        let pool = Pool::new(&dir.path().join("pool"));
        let cache = dir.path().join("cache/stats.json");
        let me = Pseudonym("1111111111111111".into());
        pool.append(&me, &record("1", &me.0, "a")).expect("append");

        let (s, _, used) = summarise_pool(pool.dir(), &cache);
        assert_eq!((used, s.distribution("p", 1, "d").participants), (CacheUse::Rebuilt, 1));
        let (_, _, used) = summarise_pool(pool.dir(), &cache);
        assert_eq!(used, CacheUse::Hit);

        // A new record in an existing file.
        let you = Pseudonym("2222222222222222".into());
        pool.append(&me, &record("2", &you.0, "b")).expect("append");
        let (s, _, used) = summarise_pool(pool.dir(), &cache);
        assert_eq!((used, s.distribution("p", 1, "d").participants), (CacheUse::Rebuilt, 2));

        // A new file.
        pool.append(&you, &record("3", "3333333333333333", "b")).expect("append");
        let (s, _, used) = summarise_pool(pool.dir(), &cache);
        assert_eq!((used, s.distribution("p", 1, "d").count("b")), (CacheUse::Rebuilt, 2));

        // A removed file.
        std::fs::remove_file(pool.own_file(&you)).expect("remove");
        let (s, _, used) = summarise_pool(pool.dir(), &cache);
        assert_eq!((used, s.distribution("p", 1, "d").participants), (CacheUse::Rebuilt, 2));

        // A damaged cache is rebuilt.
        std::fs::write(&cache, "kapot").expect("damage");
        let (_, _, used) = summarise_pool(pool.dir(), &cache);
        assert_eq!(used, CacheUse::Rebuilt);
    }
}
