//! A pool kept in memory, for tests only, behind the same seam as the folder and the
//! database: tests save answers and sessions through the trainer's real save path into it,
//! without a terminal or a disk. (The trainer's read-only mode uses
//! [`ReadOnlyPool`](super::ReadOnlyPool), never this.)

use std::collections::HashSet;
use std::sync::Mutex;

use super::aggregate::Threshold;
use super::backend::{DilemmaKey, Fact, ForgetFailed, Forgotten, PoolKind, PoolStatus, PoolStore};
use super::cache::Summary;
use super::error::StoreError;
use super::identity::Pseudonym;
use super::journal::Answer;
use super::jsonl::ReadWarning;
use super::record::{Origin, PoolRecord};
use super::tally::Tally;
use super::tombstone::Tombstones;

/// Records in the order written, each with its origin; erased participants are refused.
#[derive(Debug, Default)]
pub struct MemoryPool {
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    /// (origin, session id or pseudonym, record), in the order written.
    records: Vec<(Origin, String, PoolRecord)>,
    erased: HashSet<String>,
    key: Option<Vec<u8>>,
    foreign: Vec<String>,
}

impl MemoryPool {
    /// An empty pool.
    pub fn new() -> Self {
        MemoryPool::default()
    }

    /// Every line written, in order, with its origin and the participant or session it
    /// was written for (what a folder pool would have as the file name).
    pub fn written(&self) -> Vec<(Origin, String, PoolRecord)> {
        self.lock().records.clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A panic while holding the lock only happens in a failing test; the data is
        // still the best there is, so a poisoned lock is used as it is.
        self.inner.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl PoolStore for MemoryPool {
    fn location(&self) -> String {
        format!("memory:{:p}", self)
    }

    fn kind(&self) -> PoolKind {
        PoolKind::Memory
    }

    fn ready(&self) -> Result<(), StoreError> {
        Ok(())
    }

    fn append(&self, who: &Pseudonym, record: &PoolRecord) -> Result<(), StoreError> {
        let mut inner = self.lock();
        if inner.erased.contains(&who.0) {
            return Err(StoreError::Forgotten);
        }
        inner.records.push((Origin::Own, who.0.clone(), record.clone()));
        Ok(())
    }

    fn append_session(&self, session_id: &str, record: &PoolRecord) -> Result<bool, StoreError> {
        self.lock().records.push((Origin::Session, session_id.to_string(), record.clone()));
        Ok(true)
    }

    fn sync(&self, who: &Pseudonym, answers: &[Answer]) -> Result<usize, StoreError> {
        let mut written = 0;
        for answer in answers {
            let record = PoolRecord::from_answer(answer, who);
            let latest = self
                .lock()
                .records
                .iter()
                .rev()
                .find(|(o, w, r)| *o == Origin::Own && *w == who.0 && r.rid == record.rid)
                .map(|(_, _, r)| r.clone());
            if latest.as_ref() != Some(&record) {
                self.append(who, &record)?;
                written += 1;
            }
        }
        Ok(written)
    }

    fn own_records(&self, who: &Pseudonym) -> Option<usize> {
        let inner = self.lock();
        Some(inner.records.iter().filter(|(o, w, _)| *o == Origin::Own && *w == who.0).count())
    }

    fn tally(&self, keep_reasoning: bool) -> (Tally, Vec<ReadWarning>) {
        let mut tally = Tally::new(keep_reasoning);
        for (origin, _, r) in &self.lock().records {
            tally.add_from(r, *origin);
        }
        (tally, Vec::new())
    }

    fn for_each_counted(
        &self,
        each: &mut dyn FnMut(PoolRecord, Origin),
    ) -> Result<Vec<ReadWarning>, StoreError> {
        let records = self.lock().records.clone();
        let mut seen = HashSet::new();
        for (origin, _, r) in records.into_iter().rev() {
            let key =
                (origin == Origin::Imported, r.p.clone(), r.pack.clone(), r.v, r.dilemma.clone());
            if seen.insert(key) {
                each(r, origin);
            }
        }
        Ok(Vec::new())
    }

    fn summary(&self, k: Threshold) -> Result<(Summary, Vec<ReadWarning>), StoreError> {
        let (tally, warnings) = self.tally(false);
        Ok((Summary::from_tally(&tally, k), warnings))
    }

    fn import_batch(
        &self,
        records: &[&PoolRecord],
        tombstones: &[&String],
    ) -> Result<usize, StoreError> {
        let mut inner = self.lock();
        inner.foreign.extend(tombstones.iter().map(|t| t.to_string()));
        for r in records {
            inner.records.push((Origin::Imported, String::new(), (*r).clone()));
        }
        Ok(records.len())
    }

    fn export_key(&self, create: bool) -> Result<Option<Vec<u8>>, StoreError> {
        let mut inner = self.lock();
        if inner.key.is_none() && create {
            let mut key = vec![0u8; 32];
            crate::ids::os_random(&mut key);
            inner.key = Some(key);
        }
        Ok(inner.key.clone())
    }

    fn tombstones(&self) -> Tombstones {
        let inner = self.lock();
        Tombstones::from_parts(inner.key.clone(), Vec::new(), inner.foreign.clone())
    }

    fn forget(&self, who: &Pseudonym, _answered: &[DilemmaKey]) -> Result<Forgotten, ForgetFailed> {
        let mut inner = self.lock();
        let before = inner.records.len();
        inner.records.retain(|(o, w, _)| !(*o == Origin::Own && *w == who.0));
        let records = before - inner.records.len();
        inner.erased.insert(who.0.clone());
        Ok(Forgotten { records, erased: Vec::new() })
    }

    fn status(&self, k: Threshold) -> Result<PoolStatus, StoreError> {
        Ok(PoolStatus {
            kind: PoolKind::Memory,
            location: self.location(),
            facts: vec![
                Fact::Threshold { k: k.k(), kept_by_pool: false },
                Fact::Records(self.lock().records.len()),
            ],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_later_answer_replaces_and_forget_refuses_more() {
        let pool = MemoryPool::new();
        let me = Pseudonym("aaaaaaaaaaaaaaaa".into());
        let r = super::super::record::test_record("1", &me.0, "a", None, "2026-11-23");
        pool.append(&me, &r).expect("append");
        pool.append(&me, &PoolRecord { revised: Some("b".into()), ..r.clone() }).expect("revise");
        let (tally, _) = pool.tally(false);
        let d = tally.distribution("p", 1, "d");
        assert_eq!((d.participants, d.after.get("b")), (1, Some(&1)));
        let gone = pool.forget(&me, &[]).expect("forget");
        assert_eq!(gone.records, 2);
        assert!(matches!(pool.append(&me, &r), Err(StoreError::Forgotten)));
        assert_eq!(pool.tally(false).0.distribution("p", 1, "d").participants, 0);
    }
}
