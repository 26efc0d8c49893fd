//! One seam for every pool. The trainer, the commands, bundles, `forget` and `pool status`
//! talk to a pool only through [`PoolStore`]; whether it is a team folder, an
//! organisation's database or (in tests) memory is known only here and in the
//! implementations ([`FolderPool`](super::FolderPool), the database backend in
//! `store/postgres/`, [`MemoryPool`](super::MemoryPool), and [`ReadOnlyPool`](super::ReadOnlyPool)
//! around any of them). Nothing in the trait is a file path: each backend keeps its own
//! caches and ledgers, and says what it erased or left as text it words itself.

use std::sync::Arc;

use super::aggregate::Threshold;
use super::cache::Summary;
use super::error::StoreError;
use super::identity::Pseudonym;
use super::journal::Answer;
use super::jsonl::ReadWarning;
use super::owner::{ForAdministrator, Timeouts};
use super::record::{Origin, PoolRecord};
use super::tally::Tally;
use super::tombstone::Tombstones;

/// A pool shared between the threads of one run (the trainer loads it in the background).
pub type SharedPool = Arc<dyn PoolStore>;

/// What kind of place a pool is, for the words messages and `pool status` use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PoolKind {
    /// A folder (on this computer or a network share).
    Folder,
    /// A server that keeps the rules itself (the organisation's database).
    Server,
    /// Memory, in tests.
    Memory,
}

/// One thing `wikken pool status` says about a pool: counts and rules, never a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fact {
    /// The anonymity threshold that applies, and whether the pool itself enforces it.
    Threshold {
        /// k.
        k: u32,
        /// Kept by the pool (a server), not only by this wikken.
        kept_by_pool: bool,
    },
    /// Changes become visible in batches of at least this many.
    ReleaseBatch(u32),
    /// Files in the pool.
    Files(usize),
    /// Dilemmas with answers, and of them shown above the threshold (where the pool tells).
    Dilemmas {
        /// Dilemmas with at least one answer.
        answered: u64,
        /// Of them, shown above the threshold.
        shown: Option<u64>,
    },
    /// Answers that are visible (released).
    VisibleAnswers(u64),
    /// Participants erased with `forget` (tombstones).
    Tombstones(usize),
    /// Files or lines skipped while reading.
    Skipped(usize),
    /// Records held (memory).
    Records(usize),
}

/// What `wikken pool status` shows: the kind of pool, where it is, and its facts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolStatus {
    /// What kind of place.
    pub kind: PoolKind,
    /// Where, as it may be shown (no password).
    pub location: String,
    /// The facts, in the order to show them.
    pub facts: Vec<Fact>,
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
    /// What was removed, as the pool words it (a file it removed, say), one item each.
    pub erased: Vec<String>,
}

/// Why [`PoolStore::forget`] could not finish, and what is left.
#[derive(Debug, thiserror::Error)]
#[error("{error}")]
pub struct ForgetFailed {
    /// What went wrong.
    pub error: StoreError,
    /// Where the participant's records still are, as the pool words it, if known.
    pub left: Option<String>,
    /// How many records are left there (0: the pool cannot tell).
    pub records: usize,
    /// Whether the tombstone was written (then readers already ignore the records).
    pub buried: bool,
}

/// Something this install kept about a pool besides the journal (a cache, a ledger, a
/// secret), as the pool words it, and whether erasing it worked.
pub type Trace = (String, Result<(), StoreError>);

/// What `wikken pool init` did to a pool that has a schema.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct InitReport {
    /// Schema versions applied now.
    pub applied: Vec<i32>,
    /// The schema version after this run.
    pub version: i32,
    /// The time limits the pool sets for its participants' sessions, if it has any.
    pub timeouts: Option<Timeouts>,
    /// What it could not do with the rights it has, for someone who has them; empty when
    /// the pool is set up completely.
    pub left: Vec<ForAdministrator>,
}

/// A pool of anonymised answers. Every method is safe to call from any thread; errors say
/// what is wrong in [`StoreError`], and a pool that cannot be reached never loses an
/// answer: the journal keeps it and [`PoolStore::sync`] brings it in later.
pub trait PoolStore: Send + Sync {
    /// Where the pool is, as the journal remembers it so that `forget` can reach it again
    /// later: a folder, or a server's address without its password.
    fn location(&self) -> String;

    /// What kind of place the pool is.
    fn kind(&self) -> PoolKind;

    /// Whether the pool can be used now (a folder that exists, a server that answers).
    fn ready(&self) -> Result<(), StoreError>;

    /// Adds (or, with the same record id, replaces) one of this participant's answers; on
    /// return it is stored (or, for a server, queued behind the journal). Refused once the
    /// participant was erased with `forget`.
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

    /// What `wikken stats` may show under threshold `k` (a pool may use its own cache to
    /// get there; what it shows is always what a full count shows).
    fn summary(&self, k: Threshold) -> Result<(Summary, Vec<ReadWarning>), StoreError>;

    /// Adds a batch of other teams' records and tombstones at once (an import), all or
    /// nothing. Returns how many records were new or changed.
    fn import_batch(
        &self,
        records: &[&PoolRecord],
        tombstones: &[&String],
    ) -> Result<usize, StoreError>;

    /// The pool's export key, which hashes pseudonyms in bundles (created when `create`).
    fn export_key(&self, create: bool) -> Result<Option<Vec<u8>>, StoreError>;

    /// The tombstones this pool keeps (its own and those imported with bundles).
    fn tombstones(&self) -> Tombstones;

    /// Erases this participant's records: all of them, at once, or fails saying what is
    /// left. `answered` names the dilemmas the person answered (from the journal and the
    /// packs), for pools that can only find a person's answers dilemma by dilemma.
    fn forget(&self, who: &Pseudonym, answered: &[DilemmaKey]) -> Result<Forgotten, ForgetFailed>;

    /// Removes what this install keeps about the pool besides the journal (caches, a
    /// server's ledger and this install's secret for it). `forget` calls it only once every
    /// pool the person's answers went to confirmed their erasure: until then these are what
    /// a later `forget` needs to finish.
    fn erase_local(&self) -> Vec<Trace> {
        Vec::new()
    }

    /// What `wikken pool status` shows, with `k` the threshold this wikken applies.
    fn status(&self, k: Threshold) -> Result<PoolStatus, StoreError>;

    /// Waits, at most `within`, until writes this pool queued are done (a pool that
    /// writes at once has nothing to wait for). The trainer calls it when it quits.
    fn settle(&self, within: std::time::Duration) {
        let _ = within;
    }

    /// Whether this pool is the one the journal remembers as `location`.
    fn is_at(&self, location: &str) -> bool {
        self.location() == location
    }
}
