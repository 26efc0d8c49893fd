//! Where answers live: the private journal, the shared pool of anonymised records, the
//! participant pseudonym, and the distributions the spiegel shows (behind the anonymity
//! threshold). Knows nothing of the terminal.

mod aggregate;
mod bundle;
mod cache;
mod error;
mod identity;
mod journal;
mod jsonl;
mod pool;
pub mod synthetic;
mod tally;
mod time;

pub use aggregate::{Distribution, Threshold};
pub use bundle::{Bundle, BundleError, ImportReport, export, import, read_bundle, write_bundle};
pub use cache::{CacheUse, Summary, summarise_pool};
pub use error::StoreError;
pub use identity::{Pseudonym, load_or_create_pseudonym};
pub use journal::{Answer, Journal, NewAnswer};
pub use jsonl::{ReadWarning, read_all as read_records_with_warnings};

/// Every record of a JSON Lines file, skipping damaged lines.
pub fn read_records<T: serde::de::DeserializeOwned>(path: &std::path::Path) -> Vec<T> {
    jsonl::read_all(path).0
}
pub use pool::{Pool, PoolRecord};
pub use tally::{Tally, pool_files};
pub use time::{Clock, SystemClock, today, utc_now};

/// A random id of 16 hex digits, for answers and pool records.
pub fn random_id() -> String {
    format!("{:016x}", rand::random::<u64>())
}
