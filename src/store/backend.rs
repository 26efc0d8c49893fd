//! One seam for every pool. The trainer, the commands, bundles, `forget` and the stats
//! cache talk to a pool only through [`PoolStore`]; whether it is a team folder, an
//! organisation's PostgreSQL database or (in tests) memory is known only here and in the
//! implementations ([`FolderPool`](super::FolderPool), [`DbPool`](super::postgres::DbPool),
//! [`MemoryPool`](super::MemoryPool)).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::aggregate::Threshold;
use super::cache::{CacheUse, Summary};
use super::error::StoreError;
use super::identity::Pseudonym;
use super::journal::Answer;
use super::jsonl::ReadWarning;
use super::record::{Origin, PoolRecord};
use super::tally::Tally;
use super::tombstone::Tombstones;

/// A pool shared between the threads of one run (the trainer loads it in the background).
pub type SharedPool = Arc<dyn PoolStore>;

/// What a pool says about itself for `wikken pool status`: never a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PoolStatus {
    /// A folder: how many pool files and tombstones it holds (never their names).
    Folder {
        /// The folder.
        dir: PathBuf,
        /// Pool files.
        files: usize,
        /// Tombstones.
        tombstones: usize,
    },
    /// The organisation pool: the rules the database enforces and its counts.
    Database {
        /// The server, without password.
        server: String,
        /// The threshold the database enforces.
        k: u32,
        /// Changes are released in batches of at least this many.
        batch: u32,
        /// Dilemmas with at least one answer.
        dilemmas: u64,
        /// Answers counted.
        answers: u64,
    },
    /// Memory (tests).
    Memory {
        /// Records held.
        records: usize,
    },
}

/// Which answers of a person a pool may hold: `forget` names them, because a pool that
/// keeps per-dilemma pseudonyms (the database) can only find them dilemma by dilemma.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DilemmaKey {
    /// Pack id.
    pub pack: String,
    /// Pack version.
    pub v: u32,
    /// Dilemma id.
    pub dilemma: String,
}

/// What [`PoolStore::forget`] erased.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Forgotten {
    /// Records erased.
    pub records: usize,
    /// The own file, if there was one (now removed).
    pub file: Option<PathBuf>,
    /// The tombstone written, if the pool keeps tombstones.
    pub tombstone: Option<PathBuf>,
}

/// Why [`PoolStore::forget`] could not finish, and what is left.
#[derive(Debug, thiserror::Error)]
#[error("{error}")]
pub struct ForgetFailed {
    /// What went wrong.
    pub error: StoreError,
    /// Where the participant's records still are, if known.
    pub left: Option<PathBuf>,
    /// How many records are left there.
    pub records: usize,
    /// Whether the tombstone was written (then readers already ignore the records).
    pub buried: bool,
}

/// A pool of anonymised answers. Every method is safe to call from any thread; errors say
/// what is wrong in [`StoreError`], and a pool that cannot be reached never loses an
/// answer: the journal keeps it and [`PoolStore::sync`] brings it in later.
pub trait PoolStore: Send + Sync {
    /// Where the pool is, as the journal remembers it and messages name it (a folder path,
    /// or a database URL without its password).
    fn location(&self) -> String;

    /// Whether the pool can be used now (a folder that exists, a database that answers).
    fn ready(&self) -> Result<(), StoreError>;

    /// Adds (or, with the same record id, replaces) one of this participant's answers; on
    /// return it is stored. Refused once the participant was erased with `forget`.
    fn append(&self, who: &Pseudonym, record: &PoolRecord) -> Result<(), StoreError>;

    /// Adds one vote of an intervisie session, counted apart from answers given alone.
    /// Returns `false` when this pool does not take session votes (then they live only in
    /// the session's report).
    fn append_session(&self, session_id: &str, record: &PoolRecord) -> Result<bool, StoreError>;

    /// Brings in the journal answers the pool is missing (given while it was unreachable)
    /// and returns how many were written.
    fn sync(&self, who: &Pseudonym, answers: &[Answer]) -> Result<usize, StoreError>;

    /// How many of this participant's records the pool holds, where the pool can tell
    /// (`None`: the database cannot, by design, until asked to forget).
    fn own_records(&self, who: &Pseudonym) -> Option<usize>;

    /// The pool counted into a [`Tally`] (what the spiegel reads), with warnings.
    fn tally(&self, keep_reasoning: bool) -> (Tally, Vec<ReadWarning>);

    /// Hands every record that counts to `each`, with its origin: per participant and
    /// dilemma the one written last, erased participants left out. For export and import.
    fn for_each_counted(
        &self,
        each: &mut dyn FnMut(PoolRecord, Origin),
    ) -> Result<Vec<ReadWarning>, StoreError>;

    /// What `wikken stats` may show under threshold `k`, using the cache file `cache`
    /// while the pool's change fingerprint says it is still valid.
    fn summary(
        &self,
        cache: &Path,
        k: Threshold,
    ) -> Result<(Summary, Vec<ReadWarning>, CacheUse), StoreError>;

    /// A fingerprint that changes whenever what the pool counts may have changed.
    fn fingerprint(&self, k: Threshold) -> String;

    /// Adds a batch of other teams' records and tombstones at once (an import). Returns how
    /// many records were new or changed, and where they went, if that is a file.
    fn import_batch(
        &self,
        records: &[&PoolRecord],
        tombstones: &[&String],
    ) -> Result<(usize, Option<PathBuf>), StoreError>;

    /// The pool's export key, which hashes pseudonyms in bundles (created when `create`).
    fn export_key(&self, create: bool) -> Result<Option<Vec<u8>>, StoreError>;

    /// The tombstones this pool keeps (its own and those imported with bundles).
    fn tombstones(&self) -> Tombstones;

    /// Erases this participant's records: all of them, at once, or fails saying what is
    /// left. `answered` names the dilemmas the person answered (from the journal and the
    /// packs), for pools that can only find a person's answers dilemma by dilemma.
    fn forget(&self, who: &Pseudonym, answered: &[DilemmaKey]) -> Result<Forgotten, ForgetFailed>;

    /// What `wikken pool status` shows.
    fn status(&self) -> Result<PoolStatus, StoreError>;

    /// Waits, at most `within`, until writes this pool queued are done (a pool that
    /// writes at once has nothing to wait for). The trainer calls it when it quits.
    fn settle(&self, within: std::time::Duration) {
        let _ = within;
    }

    /// The team's shared pack folder, for pools that share packs (a folder pool does).
    fn packs_dir(&self) -> Option<PathBuf> {
        None
    }

    /// Whether this pool is the one the journal remembers as `location`.
    fn is_at(&self, location: &str) -> bool {
        self.location() == location
    }
}
