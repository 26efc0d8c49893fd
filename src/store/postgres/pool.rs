//! The organisation pool behind the one seam ([`PoolStore`]): a participant's connection,
//! made lazily and within a timeout, dropped when the server goes away and made again on
//! the next use. The journal stays the source of truth: a local ledger
//! (`DATA/pool-sync/<digest of the server>`) remembers which answers the database took, so
//! answers given while it was unreachable go in at the next start.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

use super::{DilemmaRef, PgPool, db, redact};
use crate::store::backend::{DilemmaKey, ForgetFailed, Forgotten, PoolStatus, PoolStore};
use crate::store::cache::{CacheUse, Summary};
use crate::store::error::StoreError;
use crate::store::identity::Pseudonym;
use crate::store::journal::Answer;
use crate::store::jsonl::{Problem, ReadWarning};
use crate::store::record::{Origin, PoolRecord};
use crate::store::tally::Tally;
use crate::store::tombstone::Tombstones;
use crate::store::{Scope, Threshold, hex};

/// After a failed connection, saves within this time fail at once instead of each waiting
/// for the connection timeout: the screen never hangs on an unreachable server.
const RETRY_AFTER: Duration = Duration::from_secs(20);

/// A participant's organisation pool.
///
/// Two connections: the writer's, on a thread of its own, takes the trainer's answers from
/// a queue, so the screen never waits for the network — not even for a server that
/// accepts and then stays silent; the other serves the background sync and count and the
/// commands. Every answer is in the journal before it is queued; what the database took is
/// in the ledger, and whatever is not goes in at the next start.
pub struct DbPool {
    core: Arc<Core>,
    writer: Mutex<Option<mpsc::Sender<Job>>>,
}

/// What the writer thread is asked to do.
enum Job {
    /// Submit one answer (and note it in the ledger when the database took it).
    Submit(PoolRecord),
    /// Say when everything queued before this is done.
    Settle(mpsc::Sender<()>),
}

/// What both connections share.
struct Core {
    url: String,
    secret: Vec<u8>,
    /// `DATA/pool-secret`: when it is gone or changed, `forget` ran (perhaps in another
    /// terminal) and nothing more is sent under the old secret.
    secret_file: PathBuf,
    ledger: PathBuf,
    conn: Mutex<Conn>,
    writer_conn: Mutex<Conn>,
    /// When a connection last failed: for a while after, saves are told at once.
    failed_at: Mutex<Option<Instant>>,
    /// The dilemmas the pool takes answers to, once the background sync has asked: a save
    /// to another dilemma is told at once that it stays in the journal.
    registered: Mutex<Option<HashSet<DilemmaKey>>>,
}

#[derive(Default)]
struct Conn {
    client: Option<PgPool>,
    /// A thread is connecting now (without holding the lock).
    connecting: bool,
}

/// Locks a mutex; a poisoned one (a panic in another thread mid-call) is used as it is:
/// a connection in it is then checked like any broken one.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl DbPool {
    /// The pool at `url`, with this install's secret from `data` (created on first use).
    /// Nothing is connected yet.
    pub fn open(url: &str, data: &Path) -> Result<Self, StoreError> {
        let secret = super::load_or_create_secret(data)?;
        let server = redact(url);
        let digest = hex(&Sha256::digest(server.as_bytes())[..8]);
        let core = Core {
            url: url.to_string(),
            secret,
            secret_file: data.join(super::SECRET_FILE),
            ledger: data.join(super::SYNC_DIR).join(digest),
            conn: Mutex::default(),
            writer_conn: Mutex::default(),
            failed_at: Mutex::default(),
            registered: Mutex::default(),
        };
        Ok(DbPool { core: Arc::new(core), writer: Mutex::default() })
    }

    fn with<T>(
        &self,
        f: impl FnOnce(&mut PgPool) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.core.with(&self.core.conn, f)
    }

    /// Queues an answer for the writer thread, starting it on first use.
    fn queue(&self, record: PoolRecord) -> Result<(), StoreError> {
        let mut writer = lock(&self.writer);
        let sender = match writer.as_ref() {
            Some(sender) => sender.clone(),
            None => {
                let (tx, rx) = mpsc::channel::<Job>();
                let core = Arc::clone(&self.core);
                std::thread::spawn(move || {
                    for job in rx {
                        match job {
                            // A failure leaves the answer out of the ledger: it goes in at
                            // the next start, from the journal.
                            Job::Submit(record) => drop(core.submit(&core.writer_conn, &record)),
                            Job::Settle(done) => drop(done.send(())),
                        }
                    }
                });
                *writer = Some(tx.clone());
                tx
            }
        };
        sender
            .send(Job::Submit(record))
            .map_err(|_| StoreError::Database("the writer stopped".into()))
    }

    fn warning(&self, e: &StoreError) -> ReadWarning {
        ReadWarning {
            path: PathBuf::from(redact(&self.core.url)),
            line: 0,
            reason: Problem::Unreadable(e.to_string()),
        }
    }
}

impl Core {
    /// The refusal for an answer to a dilemma the pool is known not to take.
    fn unregistered(&self, record: &PoolRecord) -> Option<StoreError> {
        let known = lock(&self.registered);
        let key =
            DilemmaKey { pack: record.pack.clone(), v: record.v, dilemma: record.dilemma.clone() };
        known.as_ref().filter(|keys| !keys.contains(&key)).map(|_| StoreError::NotRegistered {
            pack: key.pack,
            v: key.v,
            dilemma: key.dilemma,
        })
    }

    fn unreachable(&self) -> StoreError {
        StoreError::Database(format!("{}: unreachable", redact(&self.url)))
    }

    /// Whether a connection failed a short while ago (then callers are told at once).
    fn failed_recently(&self) -> bool {
        lock(&self.failed_at).is_some_and(|t| t.elapsed() < RETRY_AFTER)
    }

    /// Runs `f` on the connection in `slot`, connecting first if needed (one attempt at a
    /// time, bounded, without holding the lock). A connection that failed or broke is
    /// dropped, so the next call connects again (the server may be back).
    fn with<T>(
        &self,
        slot: &Mutex<Conn>,
        f: impl FnOnce(&mut PgPool) -> Result<T, StoreError>,
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
                    *lock(&self.failed_at) = Some(Instant::now());
                    return Err(e);
                }
            }
        }
        let Some(client) = conn.client.as_mut() else {
            return Err(self.unreachable());
        };
        let result = f(client);
        if result.is_err() && client.is_closed() {
            conn.client = None;
            *lock(&self.failed_at) = Some(Instant::now());
        }
        result
    }

    /// Whether this install's secret is still the one on disk: `forget` removes it.
    fn still_mine(&self) -> bool {
        crate::fsx::read_capped(&self.secret_file, 1024)
            .is_ok_and(|b| String::from_utf8_lossy(&b).trim().as_bytes() == self.secret.as_slice())
    }

    /// The ledger's line for a record in the state the database took.
    fn ledger_line(record: &PoolRecord) -> String {
        let bytes = serde_json::to_vec(record).unwrap_or_default();
        format!("{} {}", record.rid, hex(&Sha256::digest(&bytes)[..8]))
    }

    fn ledger(&self) -> HashSet<String> {
        crate::fsx::read_capped(&self.ledger, 64 << 20)
            .map(|b| String::from_utf8_lossy(&b).lines().map(str::to_string).collect())
            .unwrap_or_default()
    }

    /// Notes that the database took `record` in this state; on return it is on disk.
    fn note(&self, record: &PoolRecord) -> Result<(), StoreError> {
        if let Some(dir) = self.ledger.parent() {
            crate::fsx::create_private_dir(dir).map_err(|e| StoreError::io(dir, e))?;
        }
        let line = format!("{}\n", Self::ledger_line(record));
        crate::store::jsonl::append_line(&self.ledger, line.into_bytes(), true)
    }

    fn submit(&self, slot: &Mutex<Conn>, record: &PoolRecord) -> Result<(), StoreError> {
        if !self.still_mine() {
            return Err(StoreError::Forgotten);
        }
        let d = DilemmaRef { pack: &record.pack, v: record.v, dilemma: &record.dilemma };
        self.with(slot, |c| {
            c.submit(d, &record.first, record.revised.as_deref(), record.reasoning.as_deref())
        })?;
        self.note(record)
    }
}

/// A stable record id for a database row (which has none): pseudonym and dilemma hashed.
fn row_rid(p: &str, pack: &str, v: i32, dilemma: &str) -> String {
    let mut h = Sha256::new();
    for part in [p, pack, &v.to_string(), dilemma] {
        h.update(part.as_bytes());
        h.update([0]);
    }
    hex(&h.finalize()[..8])
}

impl PoolStore for DbPool {
    fn location(&self) -> String {
        redact(&self.core.url)
    }

    fn ready(&self) -> Result<(), StoreError> {
        self.with(|_| Ok(()))
    }

    fn append(&self, _who: &Pseudonym, record: &PoolRecord) -> Result<(), StoreError> {
        // The database keys answers by a per-dilemma pseudonym made from this install's
        // secret, not by the folder pool's one pseudonym per person. A trainer still open
        // after `forget` sends nothing more under the erased secret.
        if !self.core.still_mine() {
            return Err(StoreError::Forgotten);
        }
        if self.core.failed_recently() {
            return Err(self.core.unreachable());
        }
        if let Some(refused) = self.core.unregistered(record) {
            return Err(refused);
        }
        self.queue(record.clone())
    }

    fn settle(&self, within: Duration) {
        let sender = lock(&self.writer).clone();
        if let Some(sender) = sender {
            let (tx, rx) = mpsc::channel();
            if sender.send(Job::Settle(tx)).is_ok() {
                let _ = rx.recv_timeout(within);
            }
        }
    }

    fn append_session(&self, _session_id: &str, _record: &PoolRecord) -> Result<bool, StoreError> {
        // The database takes one answer per login per dilemma (so one person cannot push a
        // dilemma over k): a session's votes from one laptop stay in its report.
        Ok(false)
    }

    fn sync(&self, who: &Pseudonym, answers: &[Answer]) -> Result<usize, StoreError> {
        // Connects even with nothing to send: this is how the trainer learns, off the first
        // frame's path, whether the organisation pool can be reached at all.
        self.ready()?;
        // Which dilemmas the pool takes (a server from before schema version 5 cannot say:
        // then the database alone decides).
        let keys = self.with(|c| c.registered()).ok().map(|keys| {
            keys.into_iter().map(|(pack, v, dilemma)| DilemmaKey { pack, v, dilemma }).collect()
        });
        *lock(&self.core.registered) = keys;
        let taken = self.core.ledger();
        let mut written = 0;
        // An answer to a dilemma the pool does not take stays in the journal; the others
        // still go in, and the first refusal is said afterwards.
        let mut refused = None;
        for answer in answers {
            let record = PoolRecord::from_answer(answer, who);
            if taken.contains(&Core::ledger_line(&record)) {
                continue;
            }
            let result = match self.core.unregistered(&record) {
                Some(e) => Err(e),
                None => self.core.submit(&self.core.conn, &record),
            };
            match result {
                Ok(()) => written += 1,
                Err(e @ StoreError::NotRegistered { .. }) => {
                    refused.get_or_insert(e);
                }
                Err(e) => return Err(e),
            }
        }
        match refused {
            Some(e) => Err(e),
            None => Ok(written),
        }
    }

    fn own_records(&self, _who: &Pseudonym) -> Option<usize> {
        None
    }

    fn tally(&self, keep_reasoning: bool) -> (Tally, Vec<ReadWarning>) {
        let mut tally = Tally::new(keep_reasoning);
        let summary = match self.with(|c| c.summary()) {
            Ok(s) => s,
            Err(e) => return (tally, vec![self.warning(&e)]),
        };
        // The database released these distributions (each at k or more). They are turned
        // back into one record per counted answer — first choice and revision paired as the
        // database's moves say — so the spiegel reads them like any pool's.
        for row in summary.rows.iter().filter(|r| r.scope == Scope::All) {
            let reasoning = if keep_reasoning {
                let d = DilemmaRef { pack: &row.pack, v: row.v, dilemma: &row.dilemma };
                self.with(|c| c.shared_reasoning(d)).unwrap_or_default()
            } else {
                Vec::new()
            };
            let mut texts = reasoning.into_iter();
            let mut n = 0u64;
            for (option, count) in &row.first {
                let mut left = *count;
                let moved = row.moves.iter().filter(|m| m.0 == *option);
                let pairs = moved
                    .map(|m| (Some(m.1.clone()), m.2))
                    .chain(std::iter::once((None, u32::MAX)));
                for (revised, moves) in pairs {
                    let take = moves.min(left);
                    for _ in 0..take {
                        n += 1;
                        let record = PoolRecord {
                            rid: format!("{n:016x}"),
                            pack: row.pack.clone(),
                            v: row.v,
                            dilemma: row.dilemma.clone(),
                            first: option.clone(),
                            revised: revised.clone(),
                            p: format!("{n:016x}"),
                            date: String::new(),
                            reasoning: texts.next(),
                        };
                        tally.add_from(&record, Origin::Own);
                    }
                    left -= take;
                }
            }
        }
        (tally, Vec::new())
    }

    fn for_each_counted(
        &self,
        each: &mut dyn FnMut(PoolRecord, Origin),
    ) -> Result<Vec<ReadWarning>, StoreError> {
        // An owner operation (export, import): the participant role reads no table.
        self.with(|c| {
            let rows = c
                .client()
                .query(
                    "SELECT pack, v, dilemma, p, day::text, pub_first, pub_revised, \
                     pub_reasoning, imported, rid FROM wikken.answers \
                     WHERE pub_first IS NOT NULL ORDER BY pack, v, dilemma, p",
                    &[],
                )
                .map_err(db)?;
            for r in rows {
                let (pack, v, dilemma, p): (String, i32, String, String) =
                    (r.get(0), r.get(1), r.get(2), r.get(3));
                let imported: bool = r.get(8);
                let rid = r
                    .get::<_, Option<String>>(9)
                    .unwrap_or_else(|| row_rid(&p, &pack, v, &dilemma));
                let record = PoolRecord {
                    rid,
                    pack,
                    v: v as u32,
                    dilemma,
                    first: r.get(5),
                    revised: r.get(6),
                    p,
                    date: r.get(4),
                    reasoning: r.get(7),
                };
                each(record, if imported { Origin::Imported } else { Origin::Own });
            }
            Ok(Vec::new())
        })
    }

    fn summary(
        &self,
        _cache: &Path,
        k: Threshold,
    ) -> Result<(Summary, Vec<ReadWarning>, CacheUse), StoreError> {
        let mut summary = self.with(|c| c.summary())?;
        // The database enforces its own k (never below 3); a stricter local setting hides
        // more, never less.
        for row in &mut summary.rows {
            if row.counts.own < k.k() && row.scope == Scope::All {
                row.scope = Scope::Hidden;
                row.first.clear();
                row.after.clear();
                row.moves.clear();
            }
        }
        summary.k = summary.k.max(k.k());
        Ok((summary, Vec::new(), CacheUse::Rebuilt))
    }

    fn fingerprint(&self, k: Threshold) -> String {
        match self.with(|c| c.status()) {
            Ok(s) => format!("db:{}:{}:{}:{}", s.answers, s.dilemmas, s.k, k.k()),
            Err(_) => String::new(),
        }
    }

    fn import_batch(
        &self,
        records: &[&PoolRecord],
        tombstones: &[&String],
    ) -> Result<(usize, Option<PathBuf>), StoreError> {
        self.with(|c| c.import(records, tombstones)).map(|n| (n, None))
    }

    fn export_key(&self, _create: bool) -> Result<Option<Vec<u8>>, StoreError> {
        self.with(|c| c.export_key()).map(Some)
    }

    fn tombstones(&self) -> Tombstones {
        let key = self.with(|c| c.export_key()).ok();
        let foreign = self.with(|c| c.tombstones()).unwrap_or_default();
        Tombstones::from_parts(key, Vec::new(), foreign)
    }

    fn forget(&self, _who: &Pseudonym, answered: &[DilemmaKey]) -> Result<Forgotten, ForgetFailed> {
        let refs: Vec<DilemmaRef> = answered
            .iter()
            .map(|d| DilemmaRef { pack: &d.pack, v: d.v, dilemma: &d.dilemma })
            .collect();
        match self.with(|c| c.forget(refs)) {
            Ok(records) => {
                // The ledger only says which answers went in; without them it is nothing.
                let _ = std::fs::remove_file(&self.core.ledger);
                Ok(Forgotten { records, file: None, tombstone: None })
            }
            Err(error) => Err(ForgetFailed {
                error,
                left: Some(PathBuf::from(redact(&self.core.url))),
                records: 0,
                buried: false,
            }),
        }
    }

    fn status(&self) -> Result<PoolStatus, StoreError> {
        let s = self.with(|c| c.status())?;
        Ok(PoolStatus::Database {
            server: redact(&self.core.url),
            k: s.k as u32,
            batch: s.batch as u32,
            dilemmas: s.dilemmas as u64,
            answers: s.answers as u64,
        })
    }
}
