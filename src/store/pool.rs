//! The pool: anonymised answers that colleagues' spiegels count.
//!
//! Each participant appends only to its own file, `POOL/<pseudonym>.jsonl`, so several
//! people on several machines can write to one (network) folder at once without locks and
//! no record is ever overwritten. A revision re-appends the full record under the same
//! record id; readers keep the last line per id.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::error::StoreError;
use super::identity::Pseudonym;
use super::jsonl::{self, ReadWarning};

/// One anonymised answer (contract 3): no name, no time of day, reasoning only if shared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PoolRecord {
    /// Random record id; a revision repeats it.
    pub rid: String,
    /// Pack id.
    pub pack: String,
    /// Pack version.
    pub v: u32,
    /// Dilemma id.
    pub dilemma: String,
    /// First choice (werkwijze id).
    pub first: String,
    /// Revised choice, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revised: Option<String>,
    /// Participant pseudonym.
    pub p: String,
    /// Date, `YYYY-MM-DD`.
    pub date: String,
    /// Reasoning, only when the person chose to share it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasoning: Option<String>,
}

/// A pool folder.
#[derive(Debug, Clone)]
pub struct Pool {
    dir: PathBuf,
}

impl Pool {
    /// The pool in `dir`.
    pub fn new(dir: &Path) -> Self {
        Pool { dir: dir.to_path_buf() }
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file this participant writes to.
    pub fn own_file(&self, who: &Pseudonym) -> PathBuf {
        self.dir.join(format!("{}.jsonl", who.0))
    }

    /// Appends a record to this participant's own file; on return it is on disk.
    pub fn append(&self, who: &Pseudonym, record: &PoolRecord) -> Result<(), StoreError> {
        jsonl::append(&self.own_file(who), record)
    }

    /// Every record in the pool, the last version per record id, with warnings for
    /// damaged lines and unreadable files. A missing folder is an empty pool.
    pub fn load(&self) -> (Vec<PoolRecord>, Vec<ReadWarning>) {
        let mut warnings = Vec::new();
        let mut files: Vec<PathBuf> = match std::fs::read_dir(&self.dir) {
            Ok(entries) => entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
                .collect(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => {
                warnings.push(ReadWarning { path: self.dir.clone(), line: 0, reason: e.to_string() });
                Vec::new()
            }
        };
        files.sort();
        let mut records = Vec::new();
        for file in files {
            let (mut recs, mut warns) = jsonl::read_all::<PoolRecord>(&file);
            records.append(&mut recs);
            warnings.append(&mut warns);
        }
        (latest_per_record(records), warnings)
    }
}

/// Keeps the last line of each record id (a revision supersedes the first answer).
fn latest_per_record(records: Vec<PoolRecord>) -> Vec<PoolRecord> {
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut out: Vec<PoolRecord> = Vec::with_capacity(records.len());
    for r in records {
        match index.get(&r.rid) {
            Some(&i) => out[i] = r,
            None => {
                index.insert(r.rid.clone(), out.len());
                out.push(r);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(rid: &str, p: &str, first: &str, revised: Option<&str>) -> PoolRecord {
        PoolRecord {
            rid: rid.into(),
            pack: "p".into(),
            v: 1,
            dilemma: "d".into(),
            first: first.into(),
            revised: revised.map(Into::into),
            p: p.into(),
            date: "2026-11-23".into(),
            reasoning: None,
        }
    }

    #[test]
    fn own_files_and_revisions() {
        let dir = tempfile::tempdir().expect("tmp");
        let pool = Pool::new(dir.path());
        let (me, you) = (Pseudonym("aaaaaaaaaaaaaaaa".into()), Pseudonym("bbbbbbbbbbbbbbbb".into()));
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
    fn missing_pool_is_empty() {
        let dir = tempfile::tempdir().expect("tmp");
        let (records, warnings) = Pool::new(&dir.path().join("nope")).load();
        assert!(records.is_empty() && warnings.is_empty());
    }
}
