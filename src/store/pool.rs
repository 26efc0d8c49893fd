//! The pool: anonymised answers that colleagues' spiegels count.
//!
//! Each participant appends only to its own file, `POOL/<pseudonym>.jsonl`, so several
//! people on several machines can write to one (network) folder at once without locks and
//! no record is ever overwritten. A revision re-appends the full record under the same
//! record id; readers keep the last line per id.

use std::path::{Path, PathBuf};

use super::backend::{
    DilemmaKey, Fact, ForgetFailed, Forgotten, PoolKind, PoolStatus, PoolStore, Trace,
};
use super::error::StoreError;
use super::identity::Pseudonym;
use super::journal::Answer;
use super::jsonl::{self, ReadWarning};
use super::record::{Origin, PoolRecord, SESSION_PREFIX, is_import_file, pool_files};

/// A pool folder.
#[derive(Debug, Clone)]
pub struct FolderPool {
    dir: PathBuf,
    /// Whether wikken may create the folder: only the default `DATA/pool`. A folder named
    /// by `--pool`, `WIKKEN_POOL` or the settings must exist, so a typo or an unmounted
    /// network drive never silently becomes a pool on the local disk.
    create: bool,
    /// This install's stats cache for the pool (in DATA), if it keeps one.
    cache: Option<PathBuf>,
}

/// Where an install with data folder `data` keeps the stats cache of its folder pool.
pub(super) fn cache_in(data: &Path) -> PathBuf {
    data.join(CACHE_DIR).join(CACHE_FILE)
}

/// The folder in DATA that holds the stats cache and its key.
const CACHE_DIR: &str = "cache";
/// The stats cache's file in [`CACHE_DIR`].
const CACHE_FILE: &str = "stats.cache";

impl FolderPool {
    /// The default pool in `dir` (`DATA/pool`), created when first written to.
    pub fn new(dir: &Path) -> Self {
        FolderPool { dir: dir.to_path_buf(), create: true, cache: None }
    }

    /// A pool folder the person named; it is never created.
    pub fn configured(dir: &Path) -> Self {
        FolderPool { dir: dir.to_path_buf(), create: false, cache: None }
    }

    /// The same pool, counted for `stats` with the cache file `cache` (owner-only, in DATA;
    /// see [`summarise_pool`](super::summarise_pool)).
    pub fn with_cache(self, cache: PathBuf) -> Self {
        FolderPool { cache: Some(cache), ..self }
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Whether the folder can be used now: it exists, or it is the default pool (then it
    /// is created). Otherwise [`StoreError::PoolMissing`].
    pub fn ready(&self) -> Result<(), StoreError> {
        if self.dir.is_dir() {
            return Ok(());
        }
        if self.create {
            // The default pool lives in DATA, which is private; making it must not leave
            // DATA readable for others.
            return crate::fsx::create_private_dir(&self.dir)
                .map_err(|e| StoreError::io(&self.dir, e));
        }
        Err(StoreError::PoolMissing(self.dir.clone()))
    }

    /// The pool counted (see [`Tally::load`](super::Tally::load)).
    pub fn tally(&self, keep_reasoning: bool) -> (super::Tally, Vec<ReadWarning>) {
        super::Tally::load(&self.dir, keep_reasoning)
    }

    /// What `stats` may show under threshold `k`: counted on from this install's stats
    /// cache when it has one (see [`summarise_pool`](super::summarise_pool)), else counted
    /// in full.
    pub fn summary(&self, k: super::Threshold) -> (super::Summary, Vec<ReadWarning>) {
        match &self.cache {
            Some(cache) => {
                let (summary, warnings, _) = super::summarise_pool(&self.dir, cache, k);
                (summary, warnings)
            }
            None => {
                let (tally, warnings) = self.tally(false);
                (super::Summary::from_tally(&tally, k), warnings)
            }
        }
    }

    /// Counts for `wikken pool status`: pool files and tombstones (never their names).
    pub fn counts(&self) -> (usize, usize) {
        let files = pool_files(&self.dir).map(|f| f.len()).unwrap_or(0);
        (files, super::tombstone::Tombstones::load(&self.dir).all().len())
    }

    /// Whether this is the pool in folder `dir` (as the journal remembers pools).
    pub fn is_at(&self, dir: &Path) -> bool {
        self.dir == dir || std::path::absolute(&self.dir).is_ok_and(|a| a == dir)
    }

    /// The file this participant writes to.
    pub fn own_file(&self, who: &Pseudonym) -> PathBuf {
        self.dir.join(format!("{}.jsonl", who.0))
    }

    /// Appends a session's vote record to the session's own file, `session-<id>.jsonl`, so
    /// readers can count session votes apart; on return it is on disk.
    pub fn append_session(&self, session_id: &str, record: &PoolRecord) -> Result<(), StoreError> {
        self.ready()?;
        let file = self.dir.join(format!("{SESSION_PREFIX}{session_id}.jsonl"));
        jsonl::append(&file, record, false)
    }

    /// Appends a record to this participant's own file; on return it is on disk. Refused
    /// when the folder is missing (see [`FolderPool::ready`]), when the file was replaced by a
    /// symlink or FIFO, and when this participant was erased with `forget` — so a trainer
    /// still open elsewhere cannot bring erased answers back.
    pub fn append(&self, who: &Pseudonym, record: &PoolRecord) -> Result<(), StoreError> {
        self.ready()?;
        if super::tombstone::is_buried(&self.dir, &who.0) {
            return Err(StoreError::Forgotten);
        }
        jsonl::append(&self.own_file(who), record, false)
    }

    /// Writes the journal answers that are missing from, or newer than, this participant's
    /// own pool file: answers given while the (network) pool folder was unreachable reach the
    /// pool once it is back. Returns how many records were written.
    pub fn sync(&self, who: &Pseudonym, answers: &[Answer]) -> Result<usize, StoreError> {
        self.ready()?;
        let (own, _) = jsonl::read_all::<PoolRecord>(&self.own_file(who));
        let mut latest: std::collections::HashMap<String, PoolRecord> =
            std::collections::HashMap::new();
        for r in own {
            latest.insert(r.rid.clone(), r);
        }
        let mut written = 0;
        for answer in answers {
            let record = PoolRecord::from_answer(answer, who);
            if latest.get(&record.rid) != Some(&record) {
                self.append(who, &record)?;
                written += 1;
            }
        }
        Ok(written)
    }

    /// Every record in the pool that counts, with warnings for damaged lines and refused
    /// files. A missing folder is an empty pool. See [`FolderPool::load_with_origin`].
    pub fn load(&self) -> (Vec<PoolRecord>, Vec<ReadWarning>) {
        let (records, warnings) = self.load_with_origin();
        (records.into_iter().map(|(r, _)| r).collect(), warnings)
    }

    /// Like [`FolderPool::load`], with for each record whether it came in through an import.
    /// See [`FolderPool::for_each_counted`] for which records count.
    pub fn load_with_origin(&self) -> (Vec<(PoolRecord, bool)>, Vec<ReadWarning>) {
        let mut out = Vec::new();
        let warnings = self.for_each_counted(|r, imported| out.push((r, imported)));
        out.reverse();
        (out, warnings)
    }

    /// Hands every record that counts to `each`, with whether it came in through an import,
    /// holding one file's records at a time.
    ///
    /// The same rule as the tally's: per participant and dilemma (of one pack version) the
    /// line written last counts — files in name order, lines in the order written — and
    /// records of erased participants are left out. So `stats`, `export` and the spiegel
    /// always agree on what the pool holds. Records come last file first, so the first one
    /// seen of each participant and dilemma is the one that counts.
    pub fn for_each_counted(&self, mut each: impl FnMut(PoolRecord, bool)) -> Vec<ReadWarning> {
        let scanned =
            PoolStore::for_each_counted(self, &mut |r, origin| each(r, origin == Origin::Imported));
        scanned.unwrap_or_else(|e| {
            let reason = super::jsonl::Problem::Unreadable(e.to_string());
            vec![ReadWarning { path: self.dir.clone(), line: 0, reason }]
        })
    }
}

/// A 128-bit key for "this participant's answer to this dilemma of this pack version": two
/// independent 64-bit hashes, so a million answers collide with odds below 1 in 10^20.
fn answer_key(r: &PoolRecord) -> u128 {
    use std::hash::{Hash, Hasher};
    let half = |seed: u64| {
        let mut h = rustc_hash::FxHasher::default();
        seed.hash(&mut h);
        (&r.p, &r.pack, r.v, &r.dilemma).hash(&mut h);
        h.finish()
    };
    let mut sip = std::collections::hash_map::DefaultHasher::new();
    (&r.p, &r.pack, r.v, &r.dilemma).hash(&mut sip);
    (u128::from(half(0x9e37_79b9_7f4a_7c15)) << 64) | u128::from(sip.finish())
}

impl FolderPool {
    /// Erases participant `who` from the pool: first a tombstone (so every reader ignores
    /// the records and every import drops them, also if the next step fails or a trainer
    /// still open elsewhere appends again), then the participant's own file. Fails loudly
    /// with what is left when the folder cannot be reached or written.
    fn forget_own(&self, who: &Pseudonym) -> Result<Forgotten, ForgetFailed> {
        if who.0.is_empty() {
            // Without a participant id nothing in a folder is findable as this person's.
            return Ok(Forgotten { records: 0, erased: Vec::new() });
        }
        let file = self.own_file(who);
        let records = jsonl::read_all::<PoolRecord>(&file).0.len();
        let exists = std::fs::symlink_metadata(&file).is_ok();
        let left = exists.then(|| file.display().to_string());
        let fail = |error, buried| ForgetFailed { error, left: left.clone(), records, buried };
        self.ready().map_err(|e| fail(e, false))?;
        super::tombstone::bury(&self.dir, &who.0).map_err(|e| fail(e, false))?;
        match std::fs::remove_file(&file) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(fail(StoreError::io(&file, e), true)),
        }
        Ok(Forgotten { records, erased: left.into_iter().collect() })
    }
}

/// The folder pool behind the one seam: everything else in wikken reaches it only so.
impl PoolStore for FolderPool {
    fn location(&self) -> String {
        let abs = std::path::absolute(&self.dir).unwrap_or_else(|_| self.dir.clone());
        abs.display().to_string()
    }

    fn kind(&self) -> PoolKind {
        PoolKind::Folder
    }

    fn ready(&self) -> Result<(), StoreError> {
        FolderPool::ready(self)
    }

    fn append(&self, who: &Pseudonym, record: &PoolRecord) -> Result<(), StoreError> {
        FolderPool::append(self, who, record)
    }

    fn append_session(&self, session_id: &str, record: &PoolRecord) -> Result<bool, StoreError> {
        FolderPool::append_session(self, session_id, record).map(|()| true)
    }

    fn sync(&self, who: &Pseudonym, answers: &[Answer]) -> Result<usize, StoreError> {
        FolderPool::sync(self, who, answers)
    }

    fn own_records(&self, who: &Pseudonym) -> Option<usize> {
        Some(jsonl::read_all::<PoolRecord>(&self.own_file(who)).0.len())
    }

    fn tally(&self, keep_reasoning: bool) -> (super::Tally, Vec<ReadWarning>) {
        FolderPool::tally(self, keep_reasoning)
    }

    fn for_each_counted(
        &self,
        each: &mut dyn FnMut(PoolRecord, Origin),
    ) -> Result<Vec<ReadWarning>, StoreError> {
        let mut warnings = Vec::new();
        let files = match pool_files(&self.dir) {
            Ok(files) => files,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(StoreError::io(&self.dir, e)),
        };
        let tombstones = super::tombstone::Tombstones::load(&self.dir);
        let mut seen: rustc_hash::FxHashSet<u128> = rustc_hash::FxHashSet::default();
        for file in files.iter().rev() {
            let origin = Origin::of_file(file);
            let imported = origin == Origin::Imported;
            let owner = super::tally::owner_of(file, origin);
            let (recs, mut warns) =
                jsonl::read_kept::<PoolRecord>(file, |r| owner.is_none_or(|o| o == r.p));
            warnings.append(&mut warns);
            for r in recs.into_iter().rev() {
                if seen.insert(answer_key(&r)) && !tombstones.erased(&r.p, imported) {
                    each(r, origin);
                }
            }
        }
        Ok(warnings)
    }

    fn summary(
        &self,
        k: super::Threshold,
    ) -> Result<(super::Summary, Vec<ReadWarning>), StoreError> {
        FolderPool::ready(self)?;
        Ok(FolderPool::summary(self, k))
    }

    fn import_batch(
        &self,
        records: &[&PoolRecord],
        tombstones: &[&String],
    ) -> Result<usize, StoreError> {
        FolderPool::ready(self)?;
        // What an import killed earlier left in the folder goes first.
        crate::fsx::remove_stale_temps(&self.dir, None);
        // Numbered, so the pool's name order is the order of import (a later bundle's
        // answer of the same participant counts over an earlier one's).
        let n = pool_files(&self.dir)
            .map(|files| files.iter().filter(|f| is_import_file(f)).count())
            .unwrap_or(0);
        let name = format!(
            "{}{:06}-{}.jsonl",
            super::record::IMPORT_PREFIX,
            n + 1,
            crate::ids::random_id()
        );
        let file = self.dir.join(name);
        // Tombstones first: if writing the records fails, nothing erased can come back.
        super::tombstone::bury_foreign(&file, tombstones)?;
        if records.is_empty() {
            return Ok(0);
        }
        crate::fsx::atomic_write(&file, false, |w| {
            for r in records {
                serde_json::to_writer(&mut *w, r).map_err(std::io::Error::other)?;
                w.write_all(b"\n")?;
            }
            Ok(())
        })
        .map_err(|e| StoreError::io(&file, e))?;
        Ok(records.len())
    }

    fn export_key(&self, create: bool) -> Result<Option<Vec<u8>>, StoreError> {
        super::tombstone::pool_key(&self.dir, create)
    }

    fn tombstones(&self) -> super::Tombstones {
        super::tombstone::Tombstones::load(&self.dir)
    }

    fn forget(&self, who: &Pseudonym, _answered: &[DilemmaKey]) -> Result<Forgotten, ForgetFailed> {
        self.forget_own(who)
    }

    fn erase_local(&self) -> Vec<Trace> {
        // The stats cache counted this person's answers too; its key goes with it.
        let Some(dir) = self.cache.as_ref().and_then(|c| c.parent()) else { return Vec::new() };
        match std::fs::remove_dir_all(dir) {
            Ok(()) => vec![(dir.display().to_string(), Ok(()))],
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => vec![(dir.display().to_string(), Err(StoreError::io(dir, e)))],
        }
    }

    fn status(&self, k: super::Threshold) -> Result<PoolStatus, StoreError> {
        FolderPool::ready(self)?;
        let (files, tombstones) = self.counts();
        let (summary, warnings) = FolderPool::summary(self, k);
        let shown = summary.rows.iter().filter(|r| r.scope != super::Scope::Hidden).count();
        Ok(PoolStatus {
            kind: PoolKind::Folder,
            location: self.dir.display().to_string(),
            facts: vec![
                Fact::Threshold { k: k.k(), kept_by_pool: false },
                Fact::Files(files),
                Fact::Dilemmas { answered: summary.rows.len() as u64, shown: Some(shown as u64) },
                Fact::Tombstones(tombstones),
                Fact::Skipped(warnings.len()),
            ],
        })
    }

    fn is_at(&self, location: &str) -> bool {
        FolderPool::is_at(self, Path::new(location))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(rid: &str, p: &str, first: &str, revised: Option<&str>) -> PoolRecord {
        crate::store::record::test_record(rid, p, first, revised, "2026-11-23")
    }

    #[test]
    fn own_files_and_revisions() {
        let dir = tempfile::tempdir().expect("tmp");
        let pool = FolderPool::new(dir.path());
        let (me, you) =
            (Pseudonym("aaaaaaaaaaaaaaaa".into()), Pseudonym("bbbbbbbbbbbbbbbb".into()));
        pool.append(&me, &record("1", &me.0, "a", None)).expect("append");
        pool.append(&you, &record("2", &you.0, "b", None)).expect("append");
        pool.append(&me, &record("1", &me.0, "a", Some("b"))).expect("revise");
        let (records, warnings) = pool.load();
        assert!(warnings.is_empty());
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].revised.as_deref(), Some("b"));
        assert!(dir.path().join("aaaaaaaaaaaaaaaa.jsonl").exists());
    }

    #[test]
    fn sync_adds_what_the_pool_missed_once() {
        use crate::store::journal::{Answer, NewAnswer};
        let dir = tempfile::tempdir().expect("tmp");
        let pool = FolderPool::new(dir.path());
        let me = Pseudonym("cccccccccccccccc".into());
        let answer = |id: &str, revised: Option<&str>| Answer {
            first: NewAnswer {
                id: id.into(),
                pack: "p".into(),
                pack_version: 1,
                dilemma: format!("d{id}"),
                choice: "a".into(),
                reasoning: "geheim".into(),
                confidence: None,
                share: false,
                at: "2026-11-23T10:00:00Z".into(),
            },
            revised: revised.map(Into::into),
            revised_at: None,
        };
        pool.append(&me, &PoolRecord::from_answer(&answer("1", None), &me)).expect("append");
        let answers = [answer("1", Some("b")), answer("2", None)];
        assert_eq!(pool.sync(&me, &answers).expect("sync"), 2);
        assert_eq!(pool.sync(&me, &answers).expect("sync again"), 0);
        let (records, _) = pool.load();
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].revised.as_deref(), Some("b"));
        assert_eq!(records[0].date, "2026-11-23");
        assert!(records.iter().all(|r| r.reasoning.is_none()), "unshared reasoning leaked");
    }

    #[test]
    fn example_pool_in_saves_loads() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/pool");
        let (records, warnings) = FolderPool::new(&dir).load();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].revised.as_deref(), Some("c"));
        assert!(records[1].reasoning.is_some());
    }

    #[test]
    fn missing_pool_is_empty() {
        let dir = tempfile::tempdir().expect("tmp");
        let (records, warnings) = FolderPool::new(&dir.path().join("nope")).load();
        assert!(records.is_empty() && warnings.is_empty());
    }
}
