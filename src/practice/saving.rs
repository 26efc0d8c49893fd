//! The one save path of practising alone, for every interface: the answer goes to the
//! private journal first (so it is on disk before anything else happens), then, as it
//! stands, to the shared pool; a revision goes to the journal and then to the pool again;
//! a session's report and votes go to the data folder and the pool. The trainer's effect
//! worker and the plain text mode both call these methods, so the journal, pool and
//! privacy rules exist once.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::PathBuf;

use crate::i18n::Lang;
use crate::store::{
    Answer, Clock, Journal, NewAnswer, PoolRecord, Pseudonym, SharedPool, StoreError, Tally,
    random_id, utc_now,
};

/// An answer as an interface hands it over; [`Stores::save_answer`] adds id and time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// Pack id.
    pub pack: String,
    /// Pack version.
    pub pack_version: u32,
    /// Dilemma id.
    pub dilemma: String,
    /// Chosen werkwijze id.
    pub choice: String,
    /// Reasoning text.
    pub reasoning: String,
    /// Confidence 1–5.
    pub confidence: Option<u8>,
    /// Share reasoning anonymously.
    pub share: bool,
}

/// The longest reasoning that is saved, in bytes. A journal line longer than
/// [`MAX_LINE`](crate::store::MAX_LINE) is skipped when read (a planted giant line must not
/// take all memory), and JSON may double a text's length (every `"` and `\` is escaped):
/// a longer reasoning would be written and then silently lost, so it is refused instead,
/// with the text kept where the person typed it.
pub const MAX_REASONING: usize = 30_000;

/// Why something was not saved, said in the person's language: what went wrong and what
/// to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{reason}")]
pub struct NotSaved {
    /// The reason, ready to show.
    pub reason: String,
}

/// Where practising writes: the private journal, the shared pool, the session reports.
pub struct Stores {
    /// Where session reports go (`DATA/sessions`).
    pub sessions: PathBuf,
    /// Per session id: its report file and the pool records already written.
    pub written: RefCell<HashMap<String, (PathBuf, Vec<PoolRecord>)>>,
    /// The private journal.
    pub journal: Journal,
    /// The shared pool, whatever keeps it (folder, database, memory in tests).
    pub pool: SharedPool,
    /// This participant.
    pub who: Pseudonym,
    /// The time source.
    pub clock: Box<dyn Clock + Send>,
    /// The interface language, for error messages.
    pub lang: Lang,
    /// Set when the data folder cannot be written (the reason, in the person's language):
    /// nothing at all is written then — no answer, no session report, no pool record, no
    /// sync — and every save reports this instead.
    pub read_only: Option<String>,
}

/// A store error as the person reads it, without the command-line prefix.
fn explain(lang: Lang, e: &crate::store::StoreError) -> NotSaved {
    let text = crate::i18n::CliText(lang).store_error(e);
    NotSaved { reason: text.strip_prefix("wikken: ").unwrap_or(&text).to_string() }
}

impl Stores {
    /// Nothing is written in read-only mode: the reason, as every save reports it.
    fn writable(&self) -> Result<(), NotSaved> {
        match &self.read_only {
            Some(reason) => Err(NotSaved { reason: reason.clone() }),
            None => Ok(()),
        }
    }

    /// Writes a new answer to the journal; on `Ok` it is on disk, with its id and time.
    /// The pool comes after ([`Stores::add_to_pool`]), so a slow pool never holds up the
    /// answer. A reasoning longer than [`MAX_REASONING`] is refused, not cut.
    pub fn save_answer(&self, draft: Draft) -> Result<NewAnswer, NotSaved> {
        self.writable()?;
        if draft.reasoning.len() > MAX_REASONING {
            let reason = crate::i18n::CliText(self.lang)
                .reasoning_too_long(draft.reasoning.chars().count(), MAX_REASONING);
            return Err(NotSaved { reason });
        }
        let answer = NewAnswer {
            id: random_id(),
            pack: draft.pack,
            pack_version: draft.pack_version,
            dilemma: draft.dilemma,
            choice: draft.choice,
            reasoning: draft.reasoning,
            confidence: draft.confidence,
            share: draft.share,
            at: utc_now(self.clock.as_ref()),
        };
        self.journal.add_answer(&answer).map_err(|e| explain(self.lang, &e))?;
        Ok(answer)
    }

    /// Adds an answer, as it stands now (first choice and any revision), to the pool.
    /// A failure never loses the answer: it is in the journal already and reaches the pool
    /// at a later start.
    pub fn add_to_pool(&self, answer: &Answer) -> Result<PoolRecord, NotSaved> {
        self.pool_writer().write(answer)
    }

    /// Writes a revision of `answer` to `choice` in the journal; returns its time. The
    /// pool gets the answer as it then stands with [`Stores::add_to_pool`].
    pub fn save_revision(&self, answer: &Answer, choice: &str) -> Result<String, NotSaved> {
        self.writable()?;
        let at = utc_now(self.clock.as_ref());
        self.journal
            .add_revision(&answer.first.id, choice, &at)
            .map_err(|e| explain(self.lang, &e))?;
        Ok(at)
    }

    /// What writes to the pool, to be sent to another thread (an interface that must not
    /// wait for a slow share writes from there).
    pub fn pool_writer(&self) -> PoolWriter {
        PoolWriter {
            pool: self.pool.clone(),
            who: self.who.clone(),
            journal: self.journal.clone(),
            lang: self.lang,
            read_only: self.read_only.clone(),
        }
    }

    /// What syncs and counts the pool at start, to run on another thread: answers given
    /// while the pool was unreachable reach it now, and the count is what the spiegel
    /// reads. `answers` is the journal as loaded.
    pub fn pool_loader(&self, answers: Vec<Answer>) -> PoolLoader {
        PoolLoader { writer: self.pool_writer(), answers }
    }

    /// Writes a session's report (a new file per session, named by date and pack,
    /// replaced whole on every save) and appends the votes that are new or changed since
    /// the last save to the session's own pool file. Says where the report is and what
    /// became of the votes: an unreachable pool does not stop the report, and a report that
    /// cannot be written does not keep the votes from the pool.
    pub fn save_session(
        &self,
        session_id: &str,
        stem: &str,
        report: &str,
        records: Vec<PoolRecord>,
    ) -> SessionSaved {
        if let Err(e) = self.writable() {
            let votes = SessionVotes::Failed(e.reason.clone());
            return SessionSaved { path: None, error: Some(e.reason), votes };
        }
        let mut written = self.written.borrow_mut();
        let (path, done) = written.entry(session_id.to_string()).or_insert_with(|| {
            let path = (1..)
                .map(|n| {
                    let name = if n == 1 { format!("{stem}.md") } else { format!("{stem}-{n}.md") };
                    self.sessions.join(name)
                })
                .find(|p| !p.exists())
                .unwrap_or_else(|| self.sessions.join(format!("{stem}-{session_id}.md")));
            (path, Vec::new())
        });
        // Reports hold the facilitator's notes: private, like the journal.
        let write_report = || -> std::io::Result<()> {
            crate::fsx::create_private_dir(&self.sessions)?;
            crate::fsx::atomic_write(path, true, |w| w.write_all(report.as_bytes()))
        };
        let (path, error) = match write_report() {
            Ok(()) => (Some(path.clone()), None),
            Err(e) => (None, Some(e.to_string())),
        };
        let mut votes = SessionVotes::Written;
        for record in records {
            if !done.contains(&record) {
                // Its own `session-` file: readers count session votes apart from answers
                // given alone (everyone in the room knows a session's distribution).
                match self.pool.append_session(session_id, &record) {
                    Ok(true) => {}
                    // This pool does not take session votes (the organisation's database:
                    // one answer per login); they are in the report only.
                    Ok(false) => {
                        votes = SessionVotes::NotTaken;
                        break;
                    }
                    Err(e) => {
                        votes = SessionVotes::Failed(explain(self.lang, &e).reason);
                        break;
                    }
                }
                done.retain(|r| r.rid != record.rid);
                done.push(record);
            }
        }
        SessionSaved { path, error, votes }
    }
}

/// What became of a session's votes at a save, said truthfully on the closing screen.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum SessionVotes {
    /// In the pool (or nothing new to add).
    #[default]
    Written,
    /// The pool takes no session votes (the organisation's database: one answer per login);
    /// they are in the report only.
    NotTaken,
    /// The pool could not be written (why); the votes are in the report only.
    Failed(String),
}

/// A session's save: where the report is, what went wrong writing it, and what became of
/// the votes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionSaved {
    /// The report file, if it was written.
    pub path: Option<PathBuf>,
    /// Why the report could not be written.
    pub error: Option<String>,
    /// What became of the votes.
    pub votes: SessionVotes,
}

/// Writes answers to the pool; can be sent to another thread.
#[derive(Clone)]
pub struct PoolWriter {
    pool: SharedPool,
    who: Pseudonym,
    journal: Journal,
    lang: Lang,
    read_only: Option<String>,
}

impl PoolWriter {
    /// Adds an answer as it stands now to the pool; see [`Stores::add_to_pool`].
    pub fn write(&self, answer: &Answer) -> Result<PoolRecord, NotSaved> {
        if let Some(reason) = &self.read_only {
            return Err(NotSaved { reason: reason.clone() });
        }
        let record = PoolRecord::from_answer(answer, &self.who);
        self.pool.append(&self.who, &record).map_err(|e| explain(self.lang, &e))?;
        // So `forget` finds these records even if wikken is later pointed elsewhere.
        let _ = self.journal.remember_pool(&self.pool.location());
        Ok(record)
    }

    /// Waits, at most `within`, until writes the pool queued are done.
    pub fn settle(&self, within: std::time::Duration) {
        self.pool.settle(within);
    }
}

/// The pool as counted at start.
pub struct PoolLoad {
    /// The pool, counted.
    pub tally: Tally,
    /// How many damaged lines or files were skipped.
    pub warnings: usize,
    /// Why the pool cannot be used now (a named folder that is missing), said in the
    /// person's language; answers then stay in the journal.
    pub unusable: Option<String>,
}

/// Syncs and counts the pool; can be sent to another thread. See [`Stores::pool_loader`].
pub struct PoolLoader {
    writer: PoolWriter,
    answers: Vec<Answer>,
}

impl PoolLoader {
    /// Brings the journal's answers the pool is missing into it, then counts it.
    pub fn load(self) -> PoolLoad {
        let PoolWriter { pool, who, journal, lang, read_only } = self.writer;
        // Read-only, the pseudonym is a stand-in: nothing is synced under it. If the pool
        // is still unreachable, the answers stay safe in the journal and this is tried
        // again at the next start.
        let synced = if read_only.is_some() { Ok(0) } else { pool.sync(&who, &self.answers) };
        // The pool took what it would also when it refused some answers (a pack it does not
        // take, a daily limit): remembered, so `forget` finds what went in.
        let reached = matches!(
            synced,
            Ok(_) | Err(StoreError::NotRegistered { .. } | StoreError::DailyLimit(_))
        );
        if read_only.is_none() && reached && !self.answers.is_empty() {
            let _ = journal.remember_pool(&pool.location());
        }
        // Whatever kept the answers from the pool (a missing folder, an unreachable server)
        // is said: they are safe in the journal, never lost silently.
        let unusable = synced.err().map(|e| explain(lang, &e).reason);
        let (tally, warnings) = pool.tally(true);
        PoolLoad { tally, warnings: warnings.len(), unusable }
    }
}

/// An answer for tests: to dilemma `d` of pack `p`, first choice `a`, revised as given.
#[cfg(test)]
pub(crate) fn sample_answer(revised: Option<&str>) -> Answer {
    let first = NewAnswer {
        id: "0000000000000001".into(),
        pack: "p".into(),
        pack_version: 1,
        dilemma: "d".into(),
        choice: "a".into(),
        reasoning: String::new(),
        confidence: None,
        share: false,
        at: "2026-11-23T10:00:00Z".into(),
    };
    Answer { first, revised: revised.map(Into::into), revised_at: None }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{FixedClock, MemoryPool, PoolStore as _};

    fn stores(
        data: &std::path::Path,
        read_only: Option<String>,
    ) -> (Stores, std::sync::Arc<MemoryPool>) {
        let pool = std::sync::Arc::new(MemoryPool::new());
        let stores = Stores {
            sessions: data.join("sessions"),
            written: Default::default(),
            journal: Journal::new(data),
            pool: pool.clone(),
            who: Pseudonym("aaaaaaaaaaaaaaaa".into()),
            clock: Box::new(FixedClock::at("2026-11-23T10:00:00Z").expect("time")),
            lang: Lang::Nl,
            read_only,
        };
        (stores, pool)
    }

    fn draft(reasoning: &str) -> Draft {
        Draft {
            pack: "p".into(),
            pack_version: 1,
            dilemma: "d".into(),
            choice: "a".into(),
            reasoning: reasoning.into(),
            confidence: Some(3),
            share: true,
        }
    }

    #[test]
    fn journal_first_then_pool_then_the_revision() {
        let dir = tempfile::tempdir().expect("tmp");
        let (stores, pool) = stores(dir.path(), None);
        let first = stores.save_answer(draft("Omdat.")).expect("saved");
        assert_eq!(first.at, "2026-11-23T10:00:00Z");
        let mut answer = Answer { first, revised: None, revised_at: None };
        assert_eq!(stores.journal.load().0, [answer.clone()], "in the journal");
        assert_eq!(pool.own_records(&stores.who), Some(0), "not in the pool before it is asked");
        let record = stores.add_to_pool(&answer).expect("pool");
        assert_eq!(record.reasoning.as_deref(), Some("Omdat."), "shared, so in the record");
        let at = stores.save_revision(&answer, "b").expect("revision");
        answer.revised = Some("b".into());
        answer.revised_at = Some(at);
        assert_eq!(stores.journal.load().0, [answer.clone()]);
        assert_eq!(stores.add_to_pool(&answer).expect("pool").revised.as_deref(), Some("b"));
        // The same record id: one participant, who revised.
        let counted = pool.tally(false).0.distribution("p", 1, "d");
        assert_eq!((counted.participants, counted.revised), (1, 1));
    }

    #[test]
    fn a_reasoning_the_journal_could_not_read_back_is_refused_not_cut() {
        let dir = tempfile::tempdir().expect("tmp");
        let (stores, _) = stores(dir.path(), None);
        // Every `"` doubles in JSON: at the limit the line still fits what the reader takes.
        let at_limit = "\"".repeat(MAX_REASONING);
        let saved = stores.save_answer(draft(&at_limit)).expect("at the limit");
        assert_eq!(stores.journal.load().0[0].first, saved, "read back whole");
        let e = stores.save_answer(draft(&"x".repeat(MAX_REASONING + 1))).expect_err("too long");
        assert!(e.reason.contains("te lang"), "{}", e.reason);
        assert_eq!(stores.journal.load().0.len(), 1);
    }

    #[test]
    fn read_only_writes_nothing_and_says_why_everywhere() {
        let dir = tempfile::tempdir().expect("tmp");
        let (stores, pool) = stores(dir.path(), Some("alleen-lezen".into()));
        let e = stores.save_answer(draft("x")).expect_err("read-only");
        assert_eq!(e.reason, "alleen-lezen");
        let answer = sample_answer(None);
        assert_eq!(stores.add_to_pool(&answer).expect_err("read-only").reason, "alleen-lezen");
        assert_eq!(
            stores.save_revision(&answer, "b").expect_err("read-only").reason,
            "alleen-lezen"
        );
        let saved = stores.save_session("s", "stem", "verslag", Vec::new());
        assert_eq!((saved.path, saved.error.as_deref()), (None, Some("alleen-lezen")));
        assert_eq!(saved.votes, SessionVotes::Failed("alleen-lezen".into()));
        assert!(!stores.journal.path().exists());
        assert_eq!(pool.own_records(&stores.who), Some(0));
    }
}
