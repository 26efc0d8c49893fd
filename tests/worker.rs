//! The effect worker: a pool that takes five seconds per append (a slow network share) never
//! holds up the screen. The real loop (`run_with`) runs on a `TestBackend` with scripted
//! keys; the answer goes to the journal at once and to the pool on the worker, and quitting
//! waits for the pool before it ends.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use wikken::store::{
    Answer, DilemmaKey, FixedClock, ForgetFailed, Forgotten, Journal, MemoryPool, Origin, PoolKind,
    PoolRecord, PoolStatus, PoolStore, Pseudonym, ReadWarning, StoreError, Summary, Tally,
    Threshold, Tombstones,
};
use wikken::tui::{Finished, Input, Screen, Stores, run_with};

const APPEND_TAKES: Duration = Duration::from_secs(5);

/// A memory pool whose appends take [`APPEND_TAKES`], and that says when one is under way.
struct SlowPool {
    inner: MemoryPool,
    appending: AtomicBool,
    appended: AtomicUsize,
}

impl PoolStore for SlowPool {
    fn location(&self) -> String {
        self.inner.location()
    }
    fn kind(&self) -> PoolKind {
        self.inner.kind()
    }
    fn ready(&self) -> Result<(), StoreError> {
        self.inner.ready()
    }
    fn append(&self, who: &Pseudonym, record: &PoolRecord) -> Result<(), StoreError> {
        self.appending.store(true, Ordering::SeqCst);
        std::thread::sleep(APPEND_TAKES);
        let done = self.inner.append(who, record);
        self.appended.fetch_add(1, Ordering::SeqCst);
        self.appending.store(false, Ordering::SeqCst);
        done
    }
    fn append_session(&self, session_id: &str, record: &PoolRecord) -> Result<bool, StoreError> {
        self.inner.append_session(session_id, record)
    }
    fn sync(&self, who: &Pseudonym, answers: &[Answer]) -> Result<usize, StoreError> {
        self.inner.sync(who, answers)
    }
    fn own_records(&self, who: &Pseudonym) -> Option<usize> {
        self.inner.own_records(who)
    }
    fn tally(&self, keep_reasoning: bool) -> (Tally, Vec<ReadWarning>) {
        self.inner.tally(keep_reasoning)
    }
    fn for_each_counted(
        &self,
        each: &mut dyn FnMut(PoolRecord, Origin),
    ) -> Result<Vec<ReadWarning>, StoreError> {
        self.inner.for_each_counted(each)
    }
    fn summary(&self, k: Threshold) -> Result<(Summary, Vec<ReadWarning>), StoreError> {
        self.inner.summary(k)
    }
    fn import_batch(
        &self,
        records: &[&PoolRecord],
        tombstones: &[&String],
    ) -> Result<usize, StoreError> {
        self.inner.import_batch(records, tombstones)
    }
    fn export_key(&self, create: bool) -> Result<Option<Vec<u8>>, StoreError> {
        self.inner.export_key(create)
    }
    fn tombstones(&self) -> Tombstones {
        self.inner.tombstones()
    }
    fn forget(&self, who: &Pseudonym, answered: &[DilemmaKey]) -> Result<Forgotten, ForgetFailed> {
        self.inner.forget(who, answered)
    }
    fn status(&self, k: Threshold) -> Result<PoolStatus, StoreError> {
        self.inner.status(k)
    }
}

/// Keys for the loop, each handed out when the previous one was handled; remembers how long
/// the loop took to come back for the next event after each key, and whether the pool was
/// in the middle of an append meanwhile.
struct Script {
    keys: Vec<Event>,
    pool: Arc<SlowPool>,
    /// Index of the key after which the script waits until an append is under way.
    wait_after: usize,
    waited: bool,
    given: usize,
    last: Option<Instant>,
    /// Per key handed out: (how long until the loop asked again, append under way then).
    timings: Vec<(Duration, bool)>,
}

impl Input for Script {
    fn next(&mut self, _timeout: Duration) -> std::io::Result<Option<Event>> {
        if let Some(at) = self.last.take() {
            self.timings.push((at.elapsed(), self.pool.appending.load(Ordering::SeqCst)));
        }
        if self.given == self.wait_after && !self.waited {
            // Until the pool's append starts (the journal write is done by then), and one
            // round more, so the loop has taken in the worker's "saved".
            if !self.pool.appending.load(Ordering::SeqCst) {
                std::thread::sleep(Duration::from_millis(5));
                return Ok(None);
            }
            self.waited = true;
            return Ok(None);
        }
        let Some(key) = self.keys.get(self.given).cloned() else {
            return Ok(None);
        };
        self.given += 1;
        self.last = Some(Instant::now());
        Ok(Some(key))
    }
}

fn key(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

#[test]
fn a_slow_pool_never_holds_up_the_screen_and_quitting_waits_for_it() {
    let data = tempfile::tempdir().expect("tmp");
    let pool = Arc::new(SlowPool {
        inner: MemoryPool::new(),
        appending: AtomicBool::new(false),
        appended: AtomicUsize::new(0),
    });
    let stores = Stores {
        sessions: data.path().join("sessions"),
        written: Default::default(),
        journal: Journal::new(data.path()),
        pool: pool.clone(),
        who: Pseudonym(common::ME.into()),
        clock: Box::new(FixedClock::at("2026-11-23T10:00:00Z").expect("time")),
        lang: wikken::i18n::Lang::Nl,
        read_only: None,
    };
    let app = common::app();
    let mut keys = vec![key('1'), Event::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE))];
    keys.push(key('1'));
    keys.extend("Omdat het kan.".chars().map(key));
    keys.push(Event::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)));
    let submitted = keys.len();
    // While the pool writes: scroll the spiegel down and up, then quit.
    keys.extend([key('j'), key('j'), key('k'), key('q')]);
    let mut script = Script {
        keys,
        pool: pool.clone(),
        wait_after: submitted,
        waited: false,
        given: 0,
        last: None,
        timings: Vec::new(),
    };
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    let started = Instant::now();
    let ended = run_with(&mut terminal, app, stores, &mut script).expect("worker starts");
    ended.result.expect("loop");
    let loop_took = started.elapsed();
    assert!(ended.app.quit);
    assert!(
        matches!(ended.app.stack.last(), Some(Screen::Spiegel(_))),
        "the spiegel was on screen when the person quit"
    );

    // The keys after the submit were each handled while the append was still under way,
    // and quickly: the screen never waited for the pool. (`q` ends the loop, so it has no
    // "next" to time; the loop ending before the append did says the same for it.)
    let after: Vec<(Duration, bool)> = script.timings[submitted..].to_vec();
    assert_eq!(after.len(), 3, "{:?}", script.timings);
    for (i, (took, appending)) in after.iter().enumerate() {
        assert!(*appending, "key {i} after the submit came after the append ended: {after:?}");
        assert!(*took < Duration::from_millis(250), "key {i} took {took:?}: {after:?}");
    }
    assert!(loop_took < APPEND_TAKES, "the loop ended after {loop_took:?}");
    // The slowest key of the whole run, for the record.
    let slowest = script.timings.iter().map(|(d, _)| *d).max().unwrap_or_default();
    eprintln!("slowest key: {slowest:?}; loop ended after {loop_took:?}");

    // The answer is in the journal already; the pool gets it before quitting ends.
    let (answers, _) = Journal::new(data.path()).load();
    assert_eq!(answers.len(), 1, "the answer is in the journal before the pool has it");
    assert_eq!(ended.worker.finish(Duration::from_secs(30), |_| {}), Finished::Done);
    assert_eq!(pool.appended.load(Ordering::SeqCst), 1);
    let written = pool.inner.written();
    assert_eq!(written.len(), 1);
    assert_eq!(written[0].2.reasoning, None, "not shared: no reasoning in the pool");
    assert_eq!(written[0].2.rid, answers[0].first.id);
}

#[test]
fn quitting_stops_waiting_for_a_pool_that_never_answers() {
    let data = tempfile::tempdir().expect("tmp");
    let pool = Arc::new(SlowPool {
        inner: MemoryPool::new(),
        appending: AtomicBool::new(false),
        appended: AtomicUsize::new(0),
    });
    let stores = Stores {
        sessions: data.path().join("sessions"),
        written: Default::default(),
        journal: Journal::new(data.path()),
        pool: pool.clone(),
        who: Pseudonym(common::ME.into()),
        clock: Box::new(FixedClock::at("2026-11-23T10:00:00Z").expect("time")),
        lang: wikken::i18n::Lang::Nl,
        read_only: None,
    };
    let mut keys = vec![key('1'), Event::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE))];
    keys.push(key('2'));
    keys.push(Event::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)));
    // No reasoning: wikken asks whether to go on without; yes.
    keys.push(key('j'));
    let submitted = keys.len();
    keys.push(key('q'));
    let mut script = Script {
        keys,
        pool: pool.clone(),
        wait_after: submitted,
        waited: false,
        given: 0,
        last: None,
        timings: Vec::new(),
    };
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    let ended = run_with(&mut terminal, common::app(), stores, &mut script).expect("worker");
    ended.result.expect("loop");
    // The wait is shorter than the append: quitting says what is unfinished.
    let mut told = None;
    let finished = ended.worker.finish(Duration::from_millis(500), |n| told = Some(n));
    assert_eq!(finished, Finished::Unfinished(1));
    assert_eq!(told, Some(1), "the person is told while quitting waits");
    let (answers, _) = Journal::new(data.path()).load();
    assert_eq!(answers.len(), 1, "the answer is in the journal; the pool gets it next start");
}
