//! The organisation pool behind the one seam ([`PoolStore`]) and its registration as a
//! [`Backend`]: a participant's connections (see [`core`](super::core): lazy, bounded,
//! dropped when the server goes away or stays silent, made again on the next use), with the
//! journal as the source of truth and a local ledger of what the database took.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use sha2::{Digest, Sha256};

use super::core::{Core, lock, patience};
use super::{Config, DilemmaRef, db, is_url, redact, tls_settings};
use crate::ids::hex;
use crate::store::backend::{
    DilemmaKey, Fact, ForgetFailed, Forgotten, InitReport, PoolKind, PoolStatus, PoolStore,
    SharedPool, Trace,
};
use crate::store::cache::{Summary, SummaryRow};
use crate::store::error::{PoolFailure, StoreError};
use crate::store::identity::Pseudonym;
use crate::store::journal::Answer;
use crate::store::jsonl::{Problem, ReadWarning};
use crate::store::location::Backend;
use crate::store::owner::{Registered, Registration};
use crate::store::record::{Origin, PoolRecord};
use crate::store::tally::Tally;
use crate::store::tombstone::Tombstones;
use crate::store::{Scope, Threshold};

/// PostgreSQL as a kind of pool: `postgres://` and `postgresql://` addresses.
pub struct Postgres;

impl Backend for Postgres {
    fn claims(&self, name: &str) -> bool {
        is_url(name)
    }

    fn display(&self, name: &str) -> String {
        redact(name)
    }

    fn open(&self, name: &str, data: &Path) -> Result<SharedPool, StoreError> {
        Ok(Arc::new(DbPool::open(name, data)?))
    }

    fn open_read_only(&self, name: &str, data: &Path) -> Result<SharedPool, StoreError> {
        Ok(Arc::new(DbPool::open_read_only(name, data)))
    }

    fn init(&self, name: &str) -> Result<InitReport, StoreError> {
        super::init(name)
    }

    fn register(&self, name: &str, dilemmas: &[Registration]) -> Result<Registered, StoreError> {
        super::register(name, dilemmas)
    }
}

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

/// The ledger of the pool at `url` in `data`: named by the address as wikken rebuilds it,
/// so another spelling of the same server shares it.
fn ledger_in(data: &Path, url: &str) -> PathBuf {
    let digest = crate::ids::sha256_hex(redact(url).as_bytes(), 8);
    data.join(super::SYNC_DIR).join(digest)
}

impl DbPool {
    /// The pool at `url`, with this install's secret from `data` (created on first use).
    /// Nothing is connected yet.
    pub fn open(url: &str, data: &Path) -> Result<Self, StoreError> {
        let secret = super::load_or_create_secret(data)?;
        Ok(DbPool::with_secret(url, data, secret))
    }

    /// The pool at `url` for reading only: this install's secret when there is one, else a
    /// random one held in memory; nothing is written to `data`.
    pub fn open_read_only(url: &str, data: &Path) -> Self {
        let stored = crate::fsx::read_capped(&data.join(super::SECRET_FILE), 1024)
            .ok()
            .map(|b| String::from_utf8_lossy(&b).trim().as_bytes().to_vec())
            .filter(|s| !s.is_empty());
        let secret = stored.unwrap_or_else(|| {
            let mut b = [0u8; 32];
            crate::ids::os_random(&mut b);
            hex(&b).into_bytes()
        });
        DbPool::with_secret(url, data, secret)
    }

    fn with_secret(url: &str, data: &Path, secret: Vec<u8>) -> Self {
        let core = Core::new(url, secret, data.join(super::SECRET_FILE), ledger_in(data, url));
        DbPool { core: Arc::new(core), writer: Mutex::default() }
    }

    /// Runs `job` on the commands' connection, within the patience for its kind.
    fn with<T: Send + 'static>(
        &self,
        bulk: bool,
        job: impl FnOnce(&mut super::PgPool) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        self.core.with(&self.core.conn, patience(bulk), job)
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
        sender.send(Job::Submit(record)).map_err(|_| self.core.unreachable())
    }

    fn warning(&self, e: &StoreError) -> ReadWarning {
        ReadWarning {
            path: PathBuf::from(redact(&self.core.url)),
            line: 0,
            reason: Problem::Unreadable(e.to_string()),
        }
    }
}

/// An address as the journal remembers it: as it was given (so `forget` can connect to it
/// later, a local socket and every option included) but without its password — from the
/// user information or the query. When that cannot be done safely, the shown form.
pub fn remembered(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return redact(url) };
    // The user information ends at the last `@` before the query (a password may hold `@`).
    let query_at = rest.find('?').unwrap_or(rest.len());
    let (mut base, query) = rest.split_at(query_at);
    let mut user_part = String::new();
    if let Some(at) = base.rfind('@') {
        let user = &base[..at];
        user_part = format!("{}@", user.split(':').next().unwrap_or_default());
        base = &base[at + 1..];
    }
    let kept: Vec<&str> = query
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("password="))
        .collect();
    let query = if kept.is_empty() { String::new() } else { format!("?{}", kept.join("&")) };
    let candidate = format!("{scheme}://{user_part}{base}{query}");
    // It must still be an address the client reads, and hold no password.
    let (plain, _) = tls_settings(&candidate);
    let given_password = {
        let (plain, _) = tls_settings(url);
        plain.parse::<Config>().ok().and_then(|c| c.get_password().map(<[u8]>::to_vec))
    };
    let parsed = plain.parse::<Config>().ok();
    let safe = parsed.is_some_and(|c| c.get_password().is_none())
        && given_password.is_none_or(|p| {
            p.is_empty() || !candidate.contains(String::from_utf8_lossy(&p).as_ref())
        });
    if safe { candidate } else { redact(url) }
}

impl PoolStore for DbPool {
    fn location(&self) -> String {
        remembered(&self.core.url)
    }

    fn kind(&self) -> PoolKind {
        PoolKind::Server
    }

    fn is_at(&self, location: &str) -> bool {
        redact(location) == redact(&self.core.url)
    }

    fn ready(&self) -> Result<(), StoreError> {
        self.with(false, |_| Ok(()))
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
        let keys = self.with(false, |c| c.registered()).ok().map(|keys| {
            keys.into_iter().map(|(pack, v, dilemma)| DilemmaKey { pack, v, dilemma }).collect()
        });
        *lock(&self.core.registered) = keys;
        let taken = self.core.taken();
        let mut written = 0;
        // An answer to a dilemma the pool does not take stays in the journal; the others
        // still go in, and the first refusal is said afterwards.
        let mut refused = None;
        for answer in answers {
            let record = PoolRecord::from_answer(answer, who);
            if taken.contains(&Core::state(&record)) {
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
        let summary = match self.with(false, |c| c.summary()) {
            Ok(s) => s,
            Err(e) => return (tally, vec![self.warning(&e)]),
        };
        // The database released these distributions (each at k or more). They are turned
        // back into one record per counted answer — first choice and revision paired as the
        // database's moves say — so the spiegel reads them like any pool's.
        for row in summary.rows.into_iter().filter(|r| r.scope == Scope::All) {
            let reasoning = if keep_reasoning {
                let (pack, v, dilemma) = (row.pack.clone(), row.v, row.dilemma.clone());
                self.with(false, move |c| {
                    c.shared_reasoning(DilemmaRef { pack: &pack, v, dilemma: &dilemma })
                })
                .unwrap_or_default()
            } else {
                Vec::new()
            };
            for record in released_records(&row, reasoning) {
                tally.add_from(&record, Origin::Own);
            }
        }
        (tally, Vec::new())
    }

    fn for_each_counted(
        &self,
        each: &mut dyn FnMut(PoolRecord, Origin),
    ) -> Result<Vec<ReadWarning>, StoreError> {
        // An owner operation (export, import): the participant role reads no table.
        let rows = self.with(true, |c| c.released_rows())?;
        for (record, origin) in rows {
            each(record, origin);
        }
        Ok(Vec::new())
    }

    fn summary(&self, k: Threshold) -> Result<(Summary, Vec<ReadWarning>), StoreError> {
        let mut summary = self.with(false, |c| c.summary())?;
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
        Ok((summary, Vec::new()))
    }

    fn import_batch(
        &self,
        records: &[&PoolRecord],
        tombstones: &[&String],
    ) -> Result<usize, StoreError> {
        let records: Vec<PoolRecord> = records.iter().map(|r| (*r).clone()).collect();
        let tombstones: Vec<String> = tombstones.iter().map(|t| (*t).clone()).collect();
        self.with(true, move |c| {
            let records: Vec<&PoolRecord> = records.iter().collect();
            let tombstones: Vec<&String> = tombstones.iter().collect();
            c.import(&records, &tombstones)
        })
    }

    fn export_key(&self, _create: bool) -> Result<Option<Vec<u8>>, StoreError> {
        self.with(false, |c| c.export_key()).map(Some)
    }

    fn tombstones(&self) -> Tombstones {
        let key = self.with(false, |c| c.export_key()).ok();
        let foreign = self.with(false, |c| c.tombstones()).unwrap_or_default();
        Tombstones::from_parts(key, Vec::new(), foreign)
    }

    fn forget(&self, _who: &Pseudonym, answered: &[DilemmaKey]) -> Result<Forgotten, ForgetFailed> {
        // The dilemmas the journal names, and those the ledger says went in here (a journal
        // that was damaged or deleted must not leave answers behind for good).
        let mut keys: Vec<DilemmaKey> = answered.to_vec();
        keys.extend(self.core.ledger_dilemmas());
        keys.sort();
        keys.dedup();
        let erased = self.with(false, move |c| {
            c.forget(keys.iter().map(|d| DilemmaRef { pack: &d.pack, v: d.v, dilemma: &d.dilemma }))
        });
        match erased {
            Ok(records) => Ok(Forgotten { records, erased: Vec::new() }),
            Err(error) => Err(ForgetFailed {
                error,
                left: Some(redact(&self.core.url)),
                records: 0,
                buried: false,
            }),
        }
    }

    fn erase_local(&self) -> Vec<Trace> {
        // The ledger only says which answers went in; the secret is what ties the rows to
        // this person. Both go only now that every pool confirmed the erasure.
        let mut traces = Vec::new();
        for path in [&self.core.ledger, &self.core.secret_file] {
            match std::fs::remove_file(path) {
                Ok(()) => traces.push((path.display().to_string(), Ok(()))),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => traces.push((path.display().to_string(), Err(StoreError::io(path, e)))),
            }
        }
        if let Some(dir) = self.core.ledger.parent() {
            // Only when no other server's ledger is left in it.
            let _ = std::fs::remove_dir(dir);
        }
        traces
    }

    fn status(&self, _k: Threshold) -> Result<PoolStatus, StoreError> {
        let s = self.with(false, |c| c.status())?;
        let count = |n: i32| u64::try_from(n).unwrap_or(0);
        let small = |n: i32| u32::try_from(n).unwrap_or(0);
        Ok(PoolStatus {
            kind: PoolKind::Server,
            location: redact(&self.core.url),
            facts: vec![
                Fact::Threshold { k: small(s.k), kept_by_pool: true },
                Fact::ReleaseBatch(small(s.batch)),
                Fact::Dilemmas { answered: count(s.dilemmas), shown: None },
                Fact::VisibleAnswers(count(s.answers)),
            ],
        })
    }
}

/// One record per answer a released row counts, first choice and revision paired as the
/// database's moves say, with the shared `reasoning` handed out along them.
fn released_records(row: &SummaryRow, reasoning: Vec<String>) -> Vec<PoolRecord> {
    let mut texts = reasoning.into_iter();
    let mut out = Vec::new();
    for (option, count) in &row.first {
        let mut left = *count;
        let moved = row.moves.iter().filter(|m| m.0 == *option);
        let pairs =
            moved.map(|m| (Some(m.1.clone()), m.2)).chain(std::iter::once((None, u32::MAX)));
        for (revised, moves) in pairs {
            let take = moves.min(left);
            for _ in 0..take {
                let n = out.len() as u64 + 1;
                out.push(PoolRecord {
                    rid: format!("{n:016x}"),
                    pack: row.pack.clone(),
                    v: row.v,
                    dilemma: row.dilemma.clone(),
                    first: option.clone(),
                    revised: revised.clone(),
                    p: format!("{n:016x}"),
                    date: String::new(),
                    reasoning: texts.next(),
                });
            }
            left -= take;
        }
    }
    out
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

impl super::PgPool {
    /// Every released answer with whether it was imported (an owner operation: the
    /// participant role reads no table).
    fn released_rows(&mut self) -> Result<Vec<(PoolRecord, Origin)>, StoreError> {
        let rows = self
            .client()
            .query(
                "SELECT pack, v, dilemma, p, day::text, pub_first, pub_revised, \
                 pub_reasoning, imported, rid FROM wikken.answers \
                 WHERE pub_first IS NOT NULL ORDER BY pack, v, dilemma, p",
                &[],
            )
            .map_err(db)?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let (pack, v, dilemma, p): (String, i32, String, String) =
                (r.get(0), r.get(1), r.get(2), r.get(3));
            let imported: bool = r.get(8);
            let rid =
                r.get::<_, Option<String>>(9).unwrap_or_else(|| row_rid(&p, &pack, v, &dilemma));
            let Ok(v) = u32::try_from(v) else {
                return Err(StoreError::pool(PoolFailure::Damaged, format!("version {v}")));
            };
            let record = PoolRecord {
                rid,
                pack,
                v,
                dilemma,
                first: r.get(5),
                revised: r.get(6),
                p,
                date: r.get(4),
                reasoning: r.get(7),
            };
            out.push((record, if imported { Origin::Imported } else { Origin::Own }));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Addresses with the password `Zomer2026!` where a redaction could miss it.
    const WITH_PASSWORDS: [&str; 3] = [
        "postgresql://anna@db/wikken?password=Zomer2026!",
        "postgresql:///wikken?host=db&user=anna&password=Zomer2026!",
        "postgresql://anna:Zo@mer2026!@db/wikken",
    ];

    #[test]
    fn the_remembered_address_connects_and_holds_no_password() {
        for (given, kept) in [
            (
                "postgresql://anna:geheim@db.gemeente.nl/wikken?sslmode=verify-full",
                "postgresql://anna@db.gemeente.nl/wikken?sslmode=verify-full",
            ),
            (
                "postgresql:///wikken?host=/run/postgresql&user=anna&password=Zomer2026!",
                "postgresql:///wikken?host=/run/postgresql&user=anna",
            ),
            (
                "postgresql://kim@%2Ftmp%2Fpg:5432/postgres",
                "postgresql://kim@%2Ftmp%2Fpg:5432/postgres",
            ),
        ] {
            let r = remembered(given);
            assert_eq!(r, kept);
            let (plain, _) = tls_settings(&r);
            let config: Config = plain.parse().expect("the client reads it");
            assert!(config.get_password().is_none());
        }
        // A password in the query, or with an unencoded `@`: nothing of it is kept.
        for url in WITH_PASSWORDS {
            let r = remembered(url);
            assert!(!r.contains("Zomer") && !r.contains("mer2026"), "{url} → {r}");
        }
    }

    #[test]
    fn passwords_never_reach_the_screen() {
        assert_eq!(
            redact("postgresql://anna:geheim@db.gemeente.nl/wikken"),
            "postgresql://anna@db.gemeente.nl:5432/wikken"
        );
        assert_eq!(redact("postgresql://db/wikken"), "postgresql://db:5432/wikken");
        for url in WITH_PASSWORDS {
            let shown = redact(url);
            assert!(!shown.contains("Zomer") && !shown.contains("mer2026"), "{url} → {shown}");
        }
        assert_eq!(
            redact("postgresql://anna@db/wikken?sslmode=verify-full&sslrootcert=/ca.pem"),
            "postgresql://anna@db:5432/wikken?sslmode=verify-full&sslrootcert=/ca.pem"
        );
    }
}
