//! The shared pool for the text mode: counted in the background from the start, written
//! in order on a thread of its own, and waited for at most [`POOL_WAIT`] at a time, so a
//! slow or hung pool share never stops the person. Each answer is in the journal before it
//! is handed here (the one save path: [`crate::practice::saving`]); what the pool has not
//! taken by the time wikken ends reaches it at the next start.
//!
//! Nothing here writes a line that depends on timing unless a wait ran out: a run on a
//! healthy pool prints the same transcript every time.

use std::io;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::io::Out;
use crate::i18n::UiText;
use crate::practice::{NotSaved, PoolLoad, QUIT_WAIT, Stores};
use crate::store::{Answer, PoolRecord, Tally};

/// How long the text mode waits for the pool before it goes on without it.
pub const POOL_WAIT: Duration = Duration::from_secs(8);

/// How a pool write went, as far as the text mode waited for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written {
    /// In the pool, and counted.
    Done,
    /// The pool refused or could not be reached; the answer is in the journal.
    Failed(NotSaved),
    /// Still under way when the wait ran out.
    Slow,
}

/// The pool while the text mode runs.
pub struct Pool {
    loading: Option<Receiver<PoolLoad>>,
    tally: Option<Tally>,
    jobs: Option<Sender<Answer>>,
    results: Receiver<Result<PoolRecord, NotSaved>>,
    /// Writes handed on and not yet answered.
    pending: usize,
    thread: Option<JoinHandle<()>>,
    /// How long one wait for the pool lasts ([`POOL_WAIT`]).
    wait: Duration,
}

impl Pool {
    /// Starts counting the pool (syncing the journal's answers it misses first) and the
    /// thread that writes to it; each wait for the pool lasts at most `wait`. Fails only
    /// when the system cannot start a thread, before anything was typed.
    pub fn start(stores: &Stores, answers: Vec<Answer>, wait: Duration) -> io::Result<Pool> {
        let loader = stores.pool_loader(answers);
        let (writer, settler) = (stores.pool_writer(), stores.pool_writer());
        Pool::with(
            move || loader.load(),
            move |answer| writer.write(answer),
            // Answers queued for a server get a moment to go in.
            move || settler.settle(Duration::from_secs(3)),
            wait,
        )
    }

    /// [`Pool::start`] with the count, the write and the last wait given as functions.
    fn with(
        load: impl FnOnce() -> PoolLoad + Send + 'static,
        write: impl Fn(&Answer) -> Result<PoolRecord, NotSaved> + Send + 'static,
        settle: impl FnOnce() + Send + 'static,
        wait: Duration,
    ) -> io::Result<Pool> {
        let (loaded, loading) = mpsc::channel();
        std::thread::Builder::new().name("wikken-pool-load".into()).spawn(move || {
            let _ = loaded.send(load());
        })?;
        let (jobs, queue) = mpsc::channel::<Answer>();
        let (done, results) = mpsc::channel();
        let thread =
            std::thread::Builder::new().name("wikken-pool-write".into()).spawn(move || {
                // One thread and one queue: a revision never overtakes its answer.
                for answer in queue {
                    let _ = done.send(write(&answer));
                }
                settle();
            })?;
        Ok(Pool {
            loading: Some(loading),
            tally: None,
            jobs: Some(jobs),
            results,
            pending: 0,
            thread: Some(thread),
            wait,
        })
    }

    /// The pool as counted, waiting at most [`POOL_WAIT`] for the count; `None` when it is
    /// not there (yet). What kept the journal's answers from the pool, or damaged lines
    /// that were skipped, is said once, when the count arrives.
    pub fn tally(&mut self, out: &mut Out, ui: &UiText) -> io::Result<Option<&Tally>> {
        if let Some(loading) = &self.loading {
            match loading.recv_timeout(self.wait) {
                Ok(load) => {
                    self.loading = None;
                    if let Some(reason) = &load.unusable {
                        out.line(reason)?;
                    } else if load.warnings > 0 {
                        out.line(&ui.read_warnings(load.warnings))?;
                    }
                    self.tally = Some(load.tally);
                }
                Err(RecvTimeoutError::Timeout) => return Ok(None),
                Err(RecvTimeoutError::Disconnected) => self.loading = None,
            }
        }
        Ok(self.tally.as_ref())
    }

    /// Hands an answer, as it stands now, to the pool (after every answer handed on
    /// before it) and waits at most [`POOL_WAIT`] for it. The count is waited for first,
    /// so the record is counted exactly once, whichever finishes first.
    pub fn write(&mut self, answer: &Answer, out: &mut Out, ui: &UiText) -> io::Result<Written> {
        self.tally(out, ui)?;
        let Some(jobs) = &self.jobs else { return Ok(Written::Slow) };
        if jobs.send(answer.clone()).is_err() {
            return Ok(Written::Slow);
        }
        self.pending += 1;
        let deadline = Instant::now() + self.wait;
        let mut last = Written::Slow;
        while self.pending > 0 {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.results.recv_timeout(left) {
                Ok(result) => {
                    self.pending -= 1;
                    last = match result {
                        Ok(record) => {
                            if let Some(tally) = &mut self.tally {
                                tally.add(&record);
                            }
                            Written::Done
                        }
                        Err(e) => Written::Failed(e),
                    };
                }
                Err(_) => return Ok(Written::Slow),
            }
        }
        Ok(last)
    }

    /// Closes the queue and waits, at most [`QUIT_WAIT`], until every write is done,
    /// saying so when that takes more than a moment and when it runs out.
    pub fn finish(&mut self, out: &mut Out, ui: &UiText) -> io::Result<()> {
        drop(self.jobs.take());
        let Some(thread) = self.thread.take() else { return Ok(()) };
        let start = Instant::now();
        let mut told = false;
        while !thread.is_finished() {
            self.pending -= self.results.try_iter().count().min(self.pending);
            let waited = start.elapsed();
            if waited >= QUIT_WAIT {
                if self.pending > 0 {
                    out.line(&ui.quit_unfinished(self.pending))?;
                }
                return out.flush();
            }
            // Only writes still under way are worth a line; the pool settling is not.
            if waited >= Duration::from_millis(300) && !told && self.pending > 0 {
                told = true;
                out.line(&ui.quit_waiting(self.pending))?;
                out.flush()?;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = thread.join();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::practice::saving::sample_answer as answer;
    use std::sync::{Arc, Condvar, Mutex};

    /// A pool share that hangs until the test opens it, and notes what reached it.
    #[derive(Default)]
    struct Gate {
        open: Mutex<bool>,
        opened: Condvar,
        written: Mutex<Vec<Option<String>>>,
    }

    impl Gate {
        fn write(&self, answer: &Answer) -> Result<PoolRecord, NotSaved> {
            let mut open = self.open.lock().expect("lock");
            while !*open {
                open = self.opened.wait(open).expect("wait");
            }
            self.written.lock().expect("lock").push(answer.revised.clone());
            Ok(PoolRecord::from_answer(answer, &crate::store::Pseudonym("a".repeat(16))))
        }

        fn release(&self) {
            *self.open.lock().expect("lock") = true;
            self.opened.notify_all();
        }
    }

    #[test]
    fn a_hung_pool_holds_nobody_up_and_its_writes_keep_their_order() {
        let gate = Arc::new(Gate::default());
        let (writes, load) =
            (gate.clone(), || PoolLoad { tally: Tally::new(true), warnings: 0, unusable: None });
        let wait = Duration::from_millis(50);
        let mut pool = Pool::with(load, move |a| writes.write(a), || {}, wait).expect("threads");
        let (mut bytes, ui) = (Vec::new(), Lang::Nl.ui());
        let mut out = Out::new(&mut bytes);
        assert!(pool.tally(&mut out, ui).expect("io").is_some(), "the count came");
        // The share hangs: each write is waited for a moment, then the person goes on.
        assert_eq!(pool.write(&answer(None), &mut out, ui).expect("io"), Written::Slow);
        assert_eq!(pool.write(&answer(Some("b")), &mut out, ui).expect("io"), Written::Slow);
        assert_eq!(pool.pending, 2);
        gate.release();
        pool.finish(&mut out, ui).expect("io");
        // Both went in, the answer before its revision.
        assert_eq!(*gate.written.lock().expect("lock"), [None, Some("b".to_string())]);
    }

    #[test]
    fn a_write_that_comes_back_is_counted_once() {
        let load = || PoolLoad { tally: Tally::new(true), warnings: 2, unusable: None };
        let write =
            |a: &Answer| Ok(PoolRecord::from_answer(a, &crate::store::Pseudonym("a".repeat(16))));
        let mut pool = Pool::with(load, write, || {}, POOL_WAIT).expect("threads");
        let (mut bytes, ui) = (Vec::new(), Lang::Nl.ui());
        let mut out = Out::new(&mut bytes);
        assert_eq!(pool.write(&answer(None), &mut out, ui).expect("io"), Written::Done);
        assert_eq!(pool.write(&answer(Some("b")), &mut out, ui).expect("io"), Written::Done);
        let counted =
            pool.tally(&mut out, ui).expect("io").expect("count").distribution("p", 1, "d");
        assert_eq!((counted.participants, counted.revised), (1, 1));
        pool.finish(&mut out, ui).expect("io");
        // The skipped lines of the count were said once.
        let said = String::from_utf8(bytes).expect("utf8");
        assert_eq!(said.matches("2 beschadigde regel(s)").count(), 1, "{said}");
    }
}
