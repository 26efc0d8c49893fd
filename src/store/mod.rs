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
mod pool;
pub mod postgres;
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
pub use cache::{CacheUse, RACY, Summary, SummaryRow, summarise_pool};
pub use error::StoreError;
pub use identity::{ORDER_KEY_FILE, Pseudonym, load_or_create_order_key, load_or_create_pseudonym};
pub use journal::{Answer, Journal, NewAnswer};
pub use jsonl::{MAX_FILE, MAX_LINE, Problem, ReadWarning, read_all as read_records_with_warnings};

/// Every record of a JSON Lines file, skipping damaged lines.
pub fn read_records<T: serde::de::DeserializeOwned>(path: &std::path::Path) -> Vec<T> {
    jsonl::read_all(path).0
}
pub use backend::{DilemmaKey, ForgetFailed, Forgotten, PoolStatus, PoolStore, SharedPool};
pub use location::PoolLocation;
pub use memory::MemoryPool;
pub use pool::FolderPool;
pub use record::{IMPORT_PREFIX, Origin, PACKS_DIR, PoolRecord, SESSION_PREFIX, pool_files};
pub use tally::Tally;
pub use time::{Clock, FixedClock, SystemClock, today, utc_now};
pub use tombstone::{KEY_FILE, TOMBSTONE_DIR, Tombstones, tombstone_of};

/// Fills `buf` from the operating system's randomness (getrandom), never from a generator
/// seeded by stored data: ids and keys made from it protect people.
pub fn os_random(buf: &mut [u8]) {
    use rand::TryRng as _;
    // Invariant: the OS entropy source only fails before the system has any entropy at all
    // (early boot) or when it does not exist; wikken cannot make a private id without it,
    // so stopping is the only honest outcome.
    let filled = rand::rngs::SysRng.try_fill_bytes(buf);
    filled.expect("invariant: the operating system always gives randomness after boot");
}

/// A random id of 16 hex digits from the OS, for answers, pool records and pseudonyms.
pub fn random_id() -> String {
    let mut bytes = [0u8; 8];
    os_random(&mut bytes);
    hex(&bytes)
}

/// FNV-1a: a stable hash (unlike `DefaultHasher`), so what is derived from it — the order
/// of werkwijzen, the dilemma of the month — survives upgrades. Not for secrets.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// Lower-case hex of some bytes.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}
