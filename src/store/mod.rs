//! Where answers live: the private journal, the shared pool of anonymised records, the
//! participant pseudonym, and the distributions the spiegel shows (behind the anonymity
//! threshold). Knows nothing of the terminal.

mod aggregate;
mod error;
mod identity;
mod journal;
mod jsonl;
mod pool;
mod tally;
mod time;

pub use aggregate::{Distribution, Threshold};
pub use error::StoreError;
pub use identity::{Pseudonym, load_or_create_pseudonym};
pub use journal::{Answer, Journal, NewAnswer};
pub use jsonl::ReadWarning;
pub use pool::{Pool, PoolRecord};
pub use tally::{Tally, pool_files};
pub use time::{Clock, SystemClock, today, utc_now};

/// A random id of 16 hex digits, for answers and pool records.
pub fn random_id() -> String {
    format!("{:016x}", rand::random::<u64>())
}
