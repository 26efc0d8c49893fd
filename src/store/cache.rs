//! A cache of the pool's counts for `wikken stats`, so a repeated run over a large pool
//! answers at once. It is valid only while every pool file has the same name, size and
//! modification time as when it was written, the tombstones are the same, and the
//! threshold is the same; any change rebuilds it.
//!
//! It lives in the private data folder, but it is a copy of what the pool shows, not of
//! the pool: it holds only what `stats` may print under the threshold it was made for (no
//! counts per werkwijze below k), and neither pseudonyms nor file names — the pool's file
//! list is kept as one SHA-256 digest.

use std::path::Path;
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::aggregate::{Counts, Distribution, Scope, Shown, Threshold};
use super::jsonl::ReadWarning;
use super::record::pool_files;
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
        let rows = tally
            .dilemmas()
            .into_iter()
            .map(|(pack, v, dilemma)| {
                let shown = tally.split(&pack, v, &dilemma).shown(k);
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
    /// Digest of the pool's folder, file list (names, sizes, times), tombstones and k.
    fingerprint: String,
    summary: Summary,
}

/// One digest of what the cache is valid for: the pool folder, the name, size and
/// modification time of every pool file, the tombstones, and k.
pub(crate) fn fingerprint(dir: &Path, k: Threshold) -> String {
    let mut h = Sha256::new();
    h.update(dir.as_os_str().as_encoded_bytes());
    h.update(k.k().to_le_bytes());
    for p in pool_files(dir).unwrap_or_default() {
        let Ok(meta) = std::fs::symlink_metadata(&p) else { continue };
        let mtime = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        h.update(p.file_name().map(|n| n.as_encoded_bytes()).unwrap_or_default());
        h.update([0]);
        h.update(meta.len().to_le_bytes());
        h.update(mtime.to_le_bytes());
    }
    for t in super::tombstone::Tombstones::load(dir).all() {
        h.update(t.as_bytes());
    }
    super::hex(&h.finalize())
}

/// The pool's counts under threshold `k`, from the cache at `cache` when it is still
/// valid, else by reading the pool (and then rewriting the cache, owner-only, when the pool
/// read without warnings; a cache that cannot be written is no error).
pub fn summarise_pool(
    dir: &Path,
    cache: &Path,
    k: Threshold,
) -> (Summary, Vec<ReadWarning>, CacheUse) {
    let fingerprint = fingerprint(dir, k);
    if let Ok(bytes) = crate::fsx::read_capped(cache, super::jsonl::MAX_FILE)
        && let Ok(c) = serde_json::from_slice::<CacheFile>(&bytes)
        && c.fingerprint == fingerprint
    {
        return (c.summary, Vec::new(), CacheUse::Hit);
    }
    let (tally, warnings) = Tally::load(dir, false);
    let summary = Summary::from_tally(&tally, k);
    let file = CacheFile { fingerprint, summary: summary.clone() };
    // A pool with damaged or refused files is not cached: its warnings name pool files (whose
    // names are pseudonyms) and must be said on every run until someone repairs the pool.
    if warnings.is_empty()
        && let Some(parent) = cache.parent()
        && crate::fsx::create_private_dir(parent).is_ok()
    {
        let _ = crate::fsx::atomic_write(cache, true, |w| {
            serde_json::to_writer(w, &file).map_err(std::io::Error::other)
        });
    }
    (summary, warnings, CacheUse::Rebuilt)
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
    fn cache_is_used_until_a_pool_file_changes() {
        let dir = tempfile::tempdir().expect("tmp");
        let pool = Pool::new(&dir.path().join("pool"));
        let cache = dir.path().join("cache/stats.json");
        let k = Threshold::new(3);
        let me = Pseudonym("1111111111111111".into());
        pool.append(&me, &record("1", &me.0, "a")).expect("append");

        let (s, _, used) = summarise_pool(pool.dir(), &cache, k);
        assert_eq!((used, participants(&s)), (CacheUse::Rebuilt, 1));
        let (_, _, used) = summarise_pool(pool.dir(), &cache, k);
        assert_eq!(used, CacheUse::Hit);
        // Another threshold is another cache.
        let (_, _, used) = summarise_pool(pool.dir(), &cache, Threshold::new(4));
        assert_eq!(used, CacheUse::Rebuilt);

        // A new record in an existing file.
        let you = Pseudonym("2222222222222222".into());
        pool.append(&me, &record("2", &you.0, "b")).expect("append");
        let (s, _, used) = summarise_pool(pool.dir(), &cache, k);
        assert_eq!((used, participants(&s)), (CacheUse::Rebuilt, 2));

        // A new file.
        pool.append(&you, &record("3", "3333333333333333", "b")).expect("append");
        let (s, _, used) = summarise_pool(pool.dir(), &cache, k);
        assert_eq!(used, CacheUse::Rebuilt);
        assert!(matches!(s.shown("p", 1, "d"), Shown::All { .. }));

        // A removed file.
        std::fs::remove_file(pool.own_file(&you)).expect("remove");
        let (s, _, used) = summarise_pool(pool.dir(), &cache, k);
        assert_eq!((used, participants(&s)), (CacheUse::Rebuilt, 2));

        // A damaged cache is rebuilt.
        std::fs::write(&cache, "kapot").expect("damage");
        let (_, _, used) = summarise_pool(pool.dir(), &cache, k);
        assert_eq!(used, CacheUse::Rebuilt);
    }

    #[test]
    fn cache_holds_no_pseudonyms_and_no_counts_below_k() {
        let dir = tempfile::tempdir().expect("tmp");
        let pool = Pool::new(&dir.path().join("pool"));
        let cache = dir.path().join("cache/stats.json");
        for (i, p) in ["aaaaaaaaaaaaaaa1", "aaaaaaaaaaaaaaa2"].iter().enumerate() {
            let who = Pseudonym(p.to_string());
            pool.append(&who, &record(&format!("{i}"), p, "geheimekeuze")).expect("append");
        }
        let (s, _, _) = summarise_pool(pool.dir(), &cache, Threshold::default());
        assert_eq!(s.shown("p", 1, "d"), Shown::Below { own: 2, sessions: 0, other: 0 });
        let text = std::fs::read_to_string(&cache).expect("cache");
        assert!(!text.contains("aaaaaaaaaaaaaaa"), "a pseudonym or file name in the cache");
        assert!(!text.contains("geheimekeuze"), "a werkwijze count below k in the cache");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&cache).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        // A damaged line: its warning names the file (a pseudonym), so nothing is cached.
        std::fs::remove_file(&cache).expect("rm");
        let mut damaged = std::fs::read(pool.dir().join("aaaaaaaaaaaaaaa1.jsonl")).expect("read");
        damaged.extend_from_slice(b"{kapot\n");
        std::fs::write(pool.dir().join("aaaaaaaaaaaaaaa1.jsonl"), damaged).expect("damage");
        let (_, warnings, _) = summarise_pool(pool.dir(), &cache, Threshold::default());
        assert_eq!(warnings.len(), 1);
        assert!(!cache.exists(), "a cache with warnings would hold file names");
    }
}
