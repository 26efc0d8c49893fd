//! Where answers live: the private journal, the shared pool of anonymised records, the
//! participant pseudonym, and the distributions the spiegel shows (behind the anonymity
//! threshold). Knows nothing of the terminal.

mod aggregate;
mod backend;
mod bundle;
mod cache;
mod error;
mod identity;
mod incremental;
mod journal;
mod jsonl;
mod location;
mod memory;
mod owner;
mod pool;
#[cfg(feature = "postgres")]
pub mod postgres;
mod raw;
mod readonly;
mod record;
pub mod synthetic;
mod tally;
mod time;
mod tombstone;

pub use aggregate::{Counts, Distribution, Scope, Shown, Split, Threshold, percent};
pub use bundle::{
    Bundle, BundleError, Damage, ExportReport, ImportReport, MAX_BUNDLE_BYTES, MAX_BUNDLE_RECORDS,
    export_to, import, parse_bundle, read_bundle,
};
pub use cache::{CacheUse, Summary, SummaryRow, summarise_pool};
pub use error::{PoolFailure, StoreError};
pub use identity::{
    ORDER_KEY_FILE, PARTICIPANT_FILE, Pseudonym, load_or_create_order_key, load_or_create_pseudonym,
};
pub use journal::{Answer, Journal, NewAnswer};
pub use jsonl::{
    Fault, MAX_FILE, MAX_LINE, Problem, ReadWarning, read_all as read_records_with_warnings,
};

/// Every record of a JSON Lines file, skipping damaged lines.
pub fn read_records<T: serde::de::DeserializeOwned>(path: &std::path::Path) -> Vec<T> {
    jsonl::read_all(path).0
}
pub use backend::{
    DilemmaKey, Fact, ForgetFailed, Forgotten, InitReport, PoolKind, PoolStatus, PoolStore,
    SharedPool, Trace,
};
pub use location::{BACKENDS, Backend, PoolLocation};
pub use memory::MemoryPool;
pub use owner::{ForAdministrator, Registered, Registration, Timeouts};
pub use pool::FolderPool;
pub use readonly::ReadOnlyPool;
pub use record::{IMPORT_PREFIX, Origin, PACKS_DIR, PoolRecord, SESSION_PREFIX, pool_files};
pub use tally::Tally;
pub use time::{Clock, FixedClock, SystemClock, today, utc_now};
pub use tombstone::{KEY_FILE, TOMBSTONE_DIR, Tombstones, tombstone_of};

/// The randomness and hashing helpers, kept in their leaf module [`crate::ids`] and named
/// here too for the store's users.
pub use crate::ids::{fnv1a, hex, os_random, random_id};
