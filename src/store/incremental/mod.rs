//! Counting a folder pool for `wikken stats` from where the last count stopped.
//!
//! The cache keeps, per pool file, how far it was counted (up to its last complete line) and
//! a keyed SHA-256 of that prefix, its line tally and what follows its last newline; per
//! answer that counts, who gave it (a keyed hash), to which dilemma, in which file and which
//! werkwijzen. A later run decides from `lstat` alone which files changed and reads only
//! what was appended, so a run where nothing changed opens no pool file and writes nothing,
//! and one new answer in a pool of a million costs about what reading that one file costs.
//!
//! The result always equals a full recount ([`Tally::load`](super::Tally::load)), because
//! every change the cache cannot follow step by step makes it recount everything:
//!
//! - *appended lines* (and *new files*) are read and applied by the same rule as the tally —
//!   per participant and dilemma the line written last counts, files in name order, so a
//!   new file that sorts before an old one loses to it; in a participant's own file only
//!   that participant's records count;
//! - a file whose name, device, inode, size, modification and change time are all as
//!   counted is unchanged and not opened (the change time cannot be set back by a user;
//!   wikken only ever appends, and an append changes the size);
//! - any other known file is read from the start: its counted prefix must hash to the
//!   same keyed digest (else it was *replaced or rewritten* → recount), and the rest is
//!   new lines. A file replaced by a copy that starts with the same bytes (a sync client
//!   that renames on every save) therefore stays incremental;
//! - a file that *shrank*, vanished, can no longer be read or is now refused (a link, a
//!   FIFO, too large), other *tombstones*, another pool folder, another cache key or a cache
//!   that fails its check → recount;
//! - the last line of a file without a newline counts as a full recount counts it: a whole
//!   record (still being written) is read again on every run and never kept; anything else
//!   (cut off, overlong, damaged) is a warning that, like every warning, the cache keeps;
//! - k is not part of the cache: the counts per werkwijze are made from it on every run.
//!
//! Warnings name pool files (whose names are pseudonyms), so the cache keeps them without
//! names: per file its line tally (how many lines were records, how many not, and the first
//! few bad lines' numbers and content-free reasons); a run adds the names it listed. A
//! planted giant file is therefore read once, not on every run.
//!
//! What the cache holds (see PRIVACY.md): per answer that counts a keyed participant hash,
//! dilemma, file number and werkwijzen; per file a keyed digest of its name and of its
//! metadata, how many bytes were counted and a keyed digest of them, and its line tally;
//! the pack, dilemma and werkwijze ids; no pseudonyms, no reasoning, no dates, no file
//! names, nothing quoted from a line. It is written owner-only and atomically, checked with
//! an HMAC-SHA-256 under the key on every read, and capped at [`MAX_CACHE`]: anything that
//! fails a check is recounted, never trusted.
//!
//! The module by what it does: `keys.rs` (the keys and the HMAC), `files.rs` (listing the
//! pool and reading one file on from where it was counted), `counter.rs` (the answers that
//! count, as the tally counts them), `format.rs` (the cache file, read and written),
//! `run.rs` (a run: counting on from the cache, or everything again).

use std::path::Path;

use super::aggregate::Split;
use super::jsonl::{Problem, ReadWarning};
use super::record::Origin;
use super::tombstone::Tombstones;

mod counter;
mod files;
mod format;
#[cfg(test)]
mod fuzz;
mod keys;
mod run;
#[cfg(test)]
mod tests;

use files::list;
use format::{State, header, read_cache, write_cache};
use keys::Keys;
use run::{Outcome, Run, rebuild, update};

/// The largest cache read or written: a pool whose state would be larger is counted in full
/// on every run (a million answers take about 20 MB).
pub const MAX_CACHE: u64 = 256 << 20;
/// "Not revised" in an entry.
const NONE: u8 = u8::MAX;
/// The cache key's file, beside the cache.
const KEY_NAME: &str = "stats-key";

/// How the cache was used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CacheUse {
    /// Nothing was counted: every pool file was as the cache had it.
    Hit,
    /// The cache was used, and what was appended (or new files) counted on top.
    Updated,
    /// Everything was counted again.
    Rebuilt,
}

/// (pack, version, dilemma) and its answers, one per dilemma, sorted.
pub(super) type Rows = Vec<((String, u32, String), Split)>;

/// The pool's answers per dilemma, counted, with the warnings a full count gives.
pub(super) struct Counted {
    /// (pack, version, dilemma) → the answers, sorted; reasoning is never kept.
    pub rows: Rows,
    /// Damaged lines and refused files, in file order.
    pub warnings: Vec<ReadWarning>,
    /// How the cache was used.
    pub used: CacheUse,
    /// Bytes of pool files read (0 when nothing changed): what the tests check a run that
    /// found nothing changed by.
    #[cfg_attr(not(test), allow(dead_code))]
    pub read: u64,
}

/// Counts the pool in `dir` with the cache at `cache` (its key beside it), which is
/// rewritten when that saves later runs work — never when nothing changed.
pub(super) fn count(dir: &Path, cache: &Path) -> Counted {
    let secret = cache
        .parent()
        .and_then(|parent| super::identity::load_or_create_secret_hex(parent, KEY_NAME).ok());
    let Some(secret) = secret else {
        // No private folder for a key (a read-only DATA): count without a cache.
        return without_cache(dir);
    };
    let keys = Keys::derive(secret.as_bytes());
    let (listing, foreign_tombstones) = match list(dir, &keys) {
        Ok(l) => (l.files, l.foreign_tombstones),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Vec::new(), Vec::new()),
        Err(e) => {
            let reason = Problem::Unreadable(e.to_string());
            let warnings = vec![ReadWarning { path: dir.to_path_buf(), line: 0, reason }];
            return Counted { rows: Vec::new(), warnings, used: CacheUse::Rebuilt, read: 0 };
        }
    };
    let tombstones = Tombstones::load_with(dir, foreign_tombstones);
    let expect = header(dir, &tombstones, &keys);
    let cached = read_cache(cache, &keys, &expect);
    let cache_bytes = cached.as_ref().map_or(0, |c| c.bytes);
    let mut run = match cached.and_then(|c| update(c, &listing, &keys, &tombstones)) {
        Some(run) => run,
        None => rebuild(&listing, &keys, &tombstones),
    };
    run.counter.settle();
    let origins: Vec<Origin> = listing.iter().map(|l| l.origin).collect();
    keep(&run, cache, &keys, &expect, cache_bytes, &origins);
    let rows = match run.counts.take() {
        // Nothing changed (and so no file ends in a record without its newline): the counts
        // the cache kept are the result.
        Some(counts) => counter::rows(&counts, &run.counter.dilemmas),
        None => {
            // A record without its newline yet counts now, as in a full count, but was not
            // kept.
            run.count_unended(&listing);
            run.counter.settle();
            run.counter.rows(&origins)
        }
    };
    Counted { rows, warnings: run.warnings(&listing), used: run.used, read: run.read }
}

/// Keeps the run's state in the cache when that saves later runs more than writing it
/// costs: always after a full count, never when nothing changed, and after reading on top
/// of the cache once the bytes read reach a quarter of its size (so one new answer does not
/// cost a rewrite and an fsync every time).
fn keep(
    run: &Run,
    cache: &Path,
    keys: &Keys,
    expect: &[u8; 32],
    cache_bytes: u64,
    origins: &[Origin],
) {
    let worth = match run.used {
        CacheUse::Rebuilt => true,
        CacheUse::Updated => run.read.saturating_mul(4) >= cache_bytes,
        CacheUse::Hit => false,
    };
    if !worth {
        return;
    }
    let mut numbers = vec![u32::MAX; run.files.len()];
    let mut files = Vec::new();
    for (i, outcome) in run.files.iter().enumerate() {
        if let Outcome::Counted(f) = outcome {
            numbers[i] = files.len() as u32;
            files.push(f.clone());
        }
    }
    let state = State { files: &files, counter: &run.counter, numbers: &numbers, origins };
    let written = run.keepable() && write_cache(cache, keys, expect, &state);
    if !written && run.used == CacheUse::Rebuilt {
        // A state from before (other tombstones, say) must not outlive this count.
        let _ = std::fs::remove_file(cache);
    }
}

/// A full count without a cache (the tally's), as rows.
fn without_cache(dir: &Path) -> Counted {
    let (tally, warnings) = super::Tally::load(dir, false);
    let rows = tally
        .dilemmas()
        .into_iter()
        .map(|(p, v, d)| {
            let split = tally.split(&p, v, &d);
            ((p, v, d), split)
        })
        .collect();
    Counted { rows, warnings, used: CacheUse::Rebuilt, read: 0 }
}
