//! The effect worker: performs the stores' effects (journal, pool, session reports) on a
//! thread of its own, one after another in the order `update` asked for them, and sends
//! each outcome back to the loop as an action. The screen never waits for a disk or a
//! network share (gitui's asyncgit is the model): a hung SMB share slows the pool, never a
//! frame. Order is kept because there is one worker and one queue, so a revision never
//! overtakes its answer.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::action::Action;
use super::effect::Effect;
use super::runtime::{Stores, perform};

/// The worker thread and its queue.
pub struct Worker {
    jobs: Option<Sender<Effect>>,
    thread: Option<JoinHandle<()>>,
    pending: Arc<AtomicUsize>,
}

/// How the worker ended when the trainer quit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Finished {
    /// Every effect was performed.
    Done,
    /// The wait ran out with this many effects not yet performed; what they would write is
    /// in the journal (answers) or the report already written (sessions), and the pool gets
    /// it at a later start.
    Unfinished(usize),
}

impl Worker {
    /// Starts the worker; it owns `stores` from now on and sends outcomes on `results`.
    /// Fails only when the system cannot start a thread, before anything was typed.
    pub fn start(stores: Stores, results: Sender<Action>) -> std::io::Result<Worker> {
        let (jobs, queue) = mpsc::channel::<Effect>();
        let pending = Arc::new(AtomicUsize::new(0));
        let left = pending.clone();
        let thread =
            std::thread::Builder::new().name("wikken-effects".into()).spawn(move || {
                for effect in queue {
                    let outcome = perform(effect, &stores);
                    left.fetch_sub(1, Ordering::SeqCst);
                    if let Some(action) = outcome {
                        // The loop is gone only when the trainer quits; the effect is done.
                        let _ = results.send(action);
                    }
                }
                // Answers queued for a server get a moment to go in; whatever it has not taken
                // by then is in the journal and goes in at the next start.
                stores.pool.settle(Duration::from_secs(3));
            })?;
        Ok(Worker { jobs: Some(jobs), thread: Some(thread), pending })
    }

    /// Queues an effect; it is performed after every effect queued before it.
    pub fn submit(&self, effect: Effect) {
        let Some(jobs) = &self.jobs else { return };
        self.pending.fetch_add(1, Ordering::SeqCst);
        if jobs.send(effect).is_err() {
            self.pending.fetch_sub(1, Ordering::SeqCst);
        }
    }

    /// How many effects are queued or under way.
    pub fn pending(&self) -> usize {
        self.pending.load(Ordering::SeqCst)
    }

    /// Closes the queue and waits, at most `within`, until every queued effect is done.
    /// `waiting` is called once if the wait takes longer than a moment, so the person
    /// knows why the trainer has not ended yet.
    pub fn finish(mut self, within: Duration, waiting: impl FnOnce(usize)) -> Finished {
        drop(self.jobs.take());
        let Some(thread) = self.thread.take() else { return Finished::Done };
        let start = Instant::now();
        let mut told = Some(waiting);
        while !thread.is_finished() {
            let waited = start.elapsed();
            if waited >= within {
                return Finished::Unfinished(self.pending());
            }
            if waited >= Duration::from_millis(300)
                && let Some(tell) = told.take()
            {
                tell(self.pending());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = thread.join();
        Finished::Done
    }
}
