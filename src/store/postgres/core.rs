//! The organisation pool's connections and its local ledger. Every call to the server runs
//! within a patience: connecting is bounded ([`CONNECT_TIMEOUT`](super::CONNECT_TIMEOUT)),
//! and each operation runs on a thread of its own that the caller waits for at most
//! [`patience`] — a server that accepts and then stays silent (a hung pooler, a proxy) can
//! never hang a command or the trainer. Such a connection is abandoned (its thread ends
//! when the socket does) and the next call connects again. The ledger
//! (`DATA/pool-sync/<digest of the server>`) remembers which answers the database took, so
//! answers given while it was unreachable go in at the next start, and which dilemmas, so
//! `forget` finds them even without the journal.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::{Mutex, mpsc};
use std::time::{Duration, Instant};

use super::{DilemmaRef, PgPool, redact};
use crate::store::backend::DilemmaKey;
use crate::store::error::{PoolFailure, StoreError};
use crate::store::record::PoolRecord;

/// After a failed connection, saves within this time fail at once instead of each waiting
/// for the connection timeout: the screen never hangs on an unreachable server.
const RETRY_AFTER: Duration = Duration::from_secs(20);

/// How long wikken waits for one ordinary operation (a submit, a count, `forget` of one
/// dilemma, `pool status`) before it says the server is silent.
const PATIENCE: Duration = Duration::from_secs(60);

/// How long the owner's bulk operations (reading every answer for an export, an import)
/// may take.
const BULK_PATIENCE: Duration = Duration::from_secs(15 * 60);

/// How long to wait for an operation: `WIKKEN_DB_PATIENCE` (seconds) when set, for a slow
/// link (or a test), else [`PATIENCE`] or, for a `bulk` operation, [`BULK_PATIENCE`].
pub(super) fn patience(bulk: bool) -> Duration {
    let set = std::env::var("WIKKEN_DB_PATIENCE").ok().and_then(|v| v.trim().parse().ok());
    match set {
        Some(secs) => Duration::from_secs(secs),
        None if bulk => BULK_PATIENCE,
        None => PATIENCE,
    }
}

/// One connection slot.
#[derive(Default)]
pub(super) struct Conn {
    client: Option<PgPool>,
    /// A thread is connecting now (without holding the lock).
    connecting: bool,
}

/// Locks a mutex; a poisoned one (a panic in another thread mid-call) is used as it is:
/// a connection in it is then checked like any broken one.
pub(super) fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// What the pool's connections share.
pub(super) struct Core {
    pub(super) url: String,
    pub(super) secret: Vec<u8>,
    /// `DATA/pool-secret`: when it is gone or changed, `forget` ran (perhaps in another
    /// terminal) and nothing more is sent under the old secret.
    pub(super) secret_file: PathBuf,
    pub(super) ledger: PathBuf,
    pub(super) conn: Mutex<Conn>,
    pub(super) writer_conn: Mutex<Conn>,
    /// When a connection last failed: for a while after, saves are told at once.
    failed_at: Mutex<Option<Instant>>,
    /// The dilemmas the pool takes answers to, once the background sync has asked: a save
    /// to another dilemma is told at once that it stays in the journal.
    pub(super) registered: Mutex<Option<HashSet<DilemmaKey>>>,
}

/// One line of the ledger: which answer (record id and a digest of the state the database
/// took) and to which dilemma.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Taken {
    state: String,
    dilemma: Option<DilemmaKey>,
}

impl Core {
    pub(super) fn new(url: &str, secret: Vec<u8>, secret_file: PathBuf, ledger: PathBuf) -> Self {
        Core {
            url: url.to_string(),
            secret,
            secret_file,
            ledger,
            conn: Mutex::default(),
            writer_conn: Mutex::default(),
            failed_at: Mutex::default(),
            registered: Mutex::default(),
        }
    }

    /// The refusal for an answer to a dilemma the pool is known not to take.
    pub(super) fn unregistered(&self, record: &PoolRecord) -> Option<StoreError> {
        let known = lock(&self.registered);
        let key =
            DilemmaKey { pack: record.pack.clone(), v: record.v, dilemma: record.dilemma.clone() };
        known.as_ref().filter(|keys| !keys.contains(&key)).map(|_| StoreError::NotRegistered {
            pack: key.pack,
            v: key.v,
            dilemma: key.dilemma,
        })
    }

    pub(super) fn unreachable(&self) -> StoreError {
        StoreError::pool(PoolFailure::Unreachable, format!("{}: unreachable", redact(&self.url)))
    }

    /// Whether a connection failed a short while ago (then callers are told at once).
    pub(super) fn failed_recently(&self) -> bool {
        lock(&self.failed_at).is_some_and(|t| t.elapsed() < RETRY_AFTER)
    }

    fn failed_now(&self) {
        *lock(&self.failed_at) = Some(Instant::now());
    }

    /// Runs `job` on the connection in `slot`, connecting first if needed (one attempt at a
    /// time, bounded, without holding the lock), and waits for it at most `patience`. A
    /// connection that failed, broke or stayed silent is dropped, so the next call connects
    /// again (the server may be back).
    pub(super) fn with<T: Send + 'static>(
        &self,
        slot: &Mutex<Conn>,
        patience: Duration,
        job: impl FnOnce(&mut PgPool) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let mut conn = lock(slot);
        if conn.client.is_none() {
            if conn.connecting || self.failed_recently() {
                return Err(self.unreachable());
            }
            conn.connecting = true;
            drop(conn);
            let attempt = PgPool::connect(&self.url, &self.secret);
            conn = lock(slot);
            conn.connecting = false;
            match attempt {
                Ok(client) => conn.client = Some(client),
                Err(e) => {
                    self.failed_now();
                    return Err(e);
                }
            }
        }
        let Some(mut client) = conn.client.take() else {
            return Err(self.unreachable());
        };
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let result = job(&mut client);
            let _ = tx.send((client, result));
        });
        match rx.recv_timeout(patience) {
            Ok((client, result)) => {
                if result.is_err() && client.is_closed() {
                    self.failed_now();
                } else {
                    conn.client = Some(client);
                }
                result
            }
            Err(_) => {
                // The thread keeps the silent connection until its socket ends; this slot
                // connects again next time.
                self.failed_now();
                let secs = patience.as_secs();
                let detail = format!("{}: no answer within {secs} seconds", redact(&self.url));
                Err(StoreError::pool(PoolFailure::Silent { secs }, detail))
            }
        }
    }

    /// Whether this install's secret is still the one on disk: `forget` removes it.
    pub(super) fn still_mine(&self) -> bool {
        crate::fsx::read_capped(&self.secret_file, 1024)
            .is_ok_and(|b| String::from_utf8_lossy(&b).trim().as_bytes() == self.secret.as_slice())
    }

    /// The state of a record as the ledger notes it: its id and a digest of its contents.
    pub(super) fn state(record: &PoolRecord) -> String {
        let bytes = serde_json::to_vec(record).unwrap_or_default();
        format!("{} {}", record.rid, crate::ids::sha256_hex(&bytes, 8))
    }

    /// Every ledger line: the state taken and, since the ledger names them, the dilemma.
    fn ledger_lines(&self) -> Vec<Taken> {
        let Ok(bytes) = crate::fsx::read_capped(&self.ledger, 64 << 20) else {
            return Vec::new();
        };
        String::from_utf8_lossy(&bytes)
            .lines()
            .filter_map(|line| {
                let mut parts = line.split(' ');
                let state = format!("{} {}", parts.next()?, parts.next()?);
                let dilemma = match (parts.next(), parts.next(), parts.next()) {
                    (Some(pack), Some(v), Some(dilemma)) => Some(DilemmaKey {
                        pack: pack.to_string(),
                        v: v.parse().ok()?,
                        dilemma: dilemma.to_string(),
                    }),
                    _ => None,
                };
                Some(Taken { state, dilemma })
            })
            .collect()
    }

    /// The states the database took (see [`Core::state`]).
    pub(super) fn taken(&self) -> HashSet<String> {
        self.ledger_lines().into_iter().map(|t| t.state).collect()
    }

    /// The dilemmas the ledger says this install answered in this pool.
    pub(super) fn ledger_dilemmas(&self) -> Vec<DilemmaKey> {
        self.ledger_lines().into_iter().filter_map(|t| t.dilemma).collect()
    }

    /// Notes that the database took `record` in this state; on return it is on disk.
    fn note(&self, record: &PoolRecord) -> Result<(), StoreError> {
        if let Some(dir) = self.ledger.parent() {
            crate::fsx::create_private_dir(dir).map_err(|e| StoreError::io(dir, e))?;
        }
        // Ids are slugs (a pack that loads has no spaces in them); anything else is noted
        // without its dilemma rather than as a line that reads back wrong.
        let plain = |s: &str| !s.is_empty() && !s.contains(char::is_whitespace);
        let state = Core::state(record);
        let line = if plain(&record.pack) && plain(&record.dilemma) {
            format!("{state} {} {} {}\n", record.pack, record.v, record.dilemma)
        } else {
            format!("{state}\n")
        };
        crate::store::jsonl::append_line(&self.ledger, line.into_bytes(), true)
    }

    /// Submits one answer on the connection in `slot` and notes it in the ledger.
    pub(super) fn submit(&self, slot: &Mutex<Conn>, record: &PoolRecord) -> Result<(), StoreError> {
        if !self.still_mine() {
            return Err(StoreError::Forgotten);
        }
        let r = record.clone();
        self.with(slot, patience(false), move |c| {
            let d = DilemmaRef { pack: &r.pack, v: r.v, dilemma: &r.dilemma };
            c.submit(d, &r.first, r.revised.as_deref(), r.reasoning.as_deref())
        })?;
        self.note(record)
    }
}
