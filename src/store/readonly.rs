//! A pool opened for reading only: what the trainer uses when the data folder cannot be
//! written. It reads through any pool (or holds nothing, when even that could not be
//! opened) and refuses every write with [`StoreError::ReadOnly`], so nothing reaches a pool
//! from a trainer that cannot keep the journal first.

use super::aggregate::Threshold;
use super::backend::{DilemmaKey, ForgetFailed, PoolKind, PoolStatus, PoolStore, SharedPool};
use super::cache::Summary;
use super::error::StoreError;
use super::identity::Pseudonym;
use super::journal::Answer;
use super::jsonl::ReadWarning;
use super::record::{Origin, PoolRecord};
use super::tally::Tally;
use super::tombstone::Tombstones;
use super::{Forgotten, Trace};

/// Reads through `inner`; every write is refused.
pub struct ReadOnlyPool {
    inner: Option<SharedPool>,
    /// Where the pool is, for messages (also when it could not be opened).
    location: String,
}

impl ReadOnlyPool {
    /// Reads through `inner`, or holds nothing when it is `None`; `location` names the pool.
    pub fn new(inner: Option<SharedPool>, location: String) -> Self {
        ReadOnlyPool { inner, location }
    }
}

impl PoolStore for ReadOnlyPool {
    fn location(&self) -> String {
        self.inner.as_ref().map_or_else(|| self.location.clone(), |p| p.location())
    }

    fn kind(&self) -> PoolKind {
        self.inner.as_ref().map_or(PoolKind::Folder, |p| p.kind())
    }

    fn ready(&self) -> Result<(), StoreError> {
        Err(StoreError::ReadOnly)
    }

    fn append(&self, _who: &Pseudonym, _record: &PoolRecord) -> Result<(), StoreError> {
        Err(StoreError::ReadOnly)
    }

    fn append_session(&self, _id: &str, _record: &PoolRecord) -> Result<bool, StoreError> {
        Err(StoreError::ReadOnly)
    }

    fn sync(&self, _who: &Pseudonym, _answers: &[Answer]) -> Result<usize, StoreError> {
        Err(StoreError::ReadOnly)
    }

    fn own_records(&self, who: &Pseudonym) -> Option<usize> {
        self.inner.as_ref().and_then(|p| p.own_records(who))
    }

    fn tally(&self, keep_reasoning: bool) -> (Tally, Vec<ReadWarning>) {
        match &self.inner {
            Some(p) => p.tally(keep_reasoning),
            None => (Tally::new(keep_reasoning), Vec::new()),
        }
    }

    fn for_each_counted(
        &self,
        each: &mut dyn FnMut(PoolRecord, Origin),
    ) -> Result<Vec<ReadWarning>, StoreError> {
        match &self.inner {
            Some(p) => p.for_each_counted(each),
            None => Ok(Vec::new()),
        }
    }

    fn summary(&self, k: Threshold) -> Result<(Summary, Vec<ReadWarning>), StoreError> {
        match &self.inner {
            Some(p) => p.summary(k),
            None => Ok((Summary::from_tally(&Tally::new(false), k), Vec::new())),
        }
    }

    fn import_batch(&self, _r: &[&PoolRecord], _t: &[&String]) -> Result<usize, StoreError> {
        Err(StoreError::ReadOnly)
    }

    fn export_key(&self, create: bool) -> Result<Option<Vec<u8>>, StoreError> {
        match &self.inner {
            Some(_) if create => Err(StoreError::ReadOnly),
            Some(p) => p.export_key(false),
            None => Ok(None),
        }
    }

    fn tombstones(&self) -> Tombstones {
        self.inner.as_ref().map(|p| p.tombstones()).unwrap_or_default()
    }

    fn forget(
        &self,
        _who: &Pseudonym,
        _answered: &[DilemmaKey],
    ) -> Result<Forgotten, ForgetFailed> {
        Err(ForgetFailed {
            error: StoreError::ReadOnly,
            left: Some(self.location()),
            records: 0,
            buried: false,
        })
    }

    fn erase_local(&self) -> Vec<Trace> {
        Vec::new()
    }

    fn status(&self, k: Threshold) -> Result<PoolStatus, StoreError> {
        match &self.inner {
            Some(p) => p.status(k),
            None => Err(StoreError::ReadOnly),
        }
    }

    fn is_at(&self, location: &str) -> bool {
        self.inner.as_ref().is_some_and(|p| p.is_at(location))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn reads_through_and_refuses_every_write() {
        let dir = tempfile::tempdir().expect("tmp");
        let folder = super::super::FolderPool::new(dir.path());
        let me = Pseudonym("aaaaaaaaaaaaaaaa".into());
        let r = super::super::record::test_record("1", &me.0, "a", None, "2026-11-23");
        folder.append(&me, &r).expect("append");
        let pool = ReadOnlyPool::new(Some(Arc::new(folder)), "x".into());
        assert_eq!(pool.tally(false).0.distribution("p", 1, "d").participants, 1);
        assert!(matches!(pool.append(&me, &r), Err(StoreError::ReadOnly)));
        assert!(matches!(pool.append_session("s", &r), Err(StoreError::ReadOnly)));
        assert!(matches!(pool.sync(&me, &[]), Err(StoreError::ReadOnly)));
        assert!(matches!(pool.import_batch(&[&r], &[]), Err(StoreError::ReadOnly)));
        assert!(matches!(pool.export_key(true), Err(StoreError::ReadOnly)));
        assert!(pool.forget(&me, &[]).is_err());
        let lines = std::fs::read_to_string(dir.path().join(format!("{}.jsonl", me.0)));
        assert_eq!(lines.expect("file").lines().count(), 1, "nothing more was written");
        let empty = ReadOnlyPool::new(None, "nergens".into());
        assert_eq!(empty.tally(false).0.records(), 0);
        assert_eq!(empty.location(), "nergens");
    }
}
