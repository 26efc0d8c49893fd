//! The loop around `update`: terminal set-up and restore (also on panic), reading events,
//! handing the stores' effects to the [worker](super::worker) (the only disk writes, never
//! on the drawing thread), and loading the pool in the background so the first frame never
//! waits for it.

use std::collections::HashMap;
use std::io;
use std::sync::mpsc;
use std::time::Duration;

use ratatui::backend::Backend;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use ratatui::crossterm::execute;
use ratatui::{DefaultTerminal, Terminal};

use super::action::{Action, SessionVotes};
use super::app::{App, Size};
use super::effect::{Draft, Effect};
use super::keys::action_for;
use super::phone_host::PhoneHost;
use super::update::update;
use super::worker::{Finished, Worker};
use crate::store::{
    Answer, Clock, Journal, NewAnswer, PoolRecord, Pseudonym, SharedPool, StoreError, random_id,
    utc_now,
};

/// What the loop needs to write answers and session reports.
pub struct Stores {
    /// Where session reports go (`DATA/sessions`).
    pub sessions: std::path::PathBuf,
    /// Per session id: its report file and the pool records already written.
    pub written: std::cell::RefCell<HashMap<String, (std::path::PathBuf, Vec<PoolRecord>)>>,
    /// The private journal.
    pub journal: Journal,
    /// The shared pool, whatever keeps it (folder, database, memory in tests).
    pub pool: SharedPool,
    /// This participant.
    pub who: Pseudonym,
    /// The time source.
    pub clock: Box<dyn Clock + Send>,
    /// The interface language, for error messages.
    pub lang: crate::i18n::Lang,
    /// Set when the data folder cannot be written (the reason, in the person's language):
    /// nothing at all is written then — no answer, no session report, no pool record, no
    /// sync — and every save reports this instead.
    pub read_only: Option<String>,
}

impl Stores {
    /// A store error as the person reads it (their language, what to do).
    fn explain(&self, e: &crate::store::StoreError) -> String {
        explain(self.lang, e)
    }
}

/// A store error as the person reads it, without the command-line prefix.
fn explain(lang: crate::i18n::Lang, e: &crate::store::StoreError) -> String {
    let text = crate::i18n::CliText(lang).store_error(e);
    text.strip_prefix("wikken: ").unwrap_or(&text).to_string()
}

/// How long quitting waits for saves still under way (a slow pool share) before it ends
/// anyway; what is not in the pool by then is in the journal and goes in at the next start.
pub const QUIT_WAIT: Duration = Duration::from_secs(15);

/// Runs the trainer until the person quits. The terminal is restored on every exit path;
/// saves still under way finish (within [`QUIT_WAIT`]) after it is, with a line on the
/// console while they take long.
pub fn run(app: App, stores: Stores) -> io::Result<()> {
    let lang = stores.lang;
    let ended = in_terminal(|terminal| run_with(terminal, app, stores, &mut TerminalInput))?;
    let finished = ended.worker.finish(QUIT_WAIT, |n| eprintln!("{}", lang.ui().quit_waiting(n)));
    if let Finished::Unfinished(n) = finished {
        eprintln!("{}", lang.ui().quit_unfinished(n));
    }
    ended.result
}

/// How a trainer run ended: the app as it was, the worker still finishing the saves under
/// way (call [`Worker::finish`]), and whether the loop ended cleanly.
pub struct Ended {
    /// The app when the loop ended.
    pub app: App,
    /// The effect worker, possibly still writing.
    pub worker: Worker,
    /// The loop's outcome (a terminal error, or none).
    pub result: io::Result<()>,
}

/// Runs the trainer in `terminal` on events from `input` until the person quits, with the
/// stores' effects on the [worker](super::worker). The terminal set-up is the caller's
/// (tests use a `TestBackend`). Fails only when the worker cannot be started.
pub fn run_with<B: Backend>(
    terminal: &mut Terminal<B>,
    mut app: App,
    stores: Stores,
    input: &mut dyn Input,
) -> io::Result<Ended> {
    let (tx, rx) = mpsc::channel();
    load_pool_in_background(&app, &stores, tx.clone());
    app.today = crate::store::today(stores.clock.as_ref());
    let worker = Worker::start(stores, tx.clone())?;
    // The phone server of an *eigen telefoon* session sends its events on the same channel;
    // it stops with the session, and at the latest here, when the host is dropped.
    let mut phones = PhoneHost::new(tx);
    let result = event_loop(terminal, &mut app, &rx, input, &mut |effect| match effect {
        // Phones write nothing, so they work also when the data folder is read-only.
        Effect::Phones(e) => phones.perform(e),
        effect => {
            worker.submit(effect);
            None
        }
    });
    Ok(Ended { app, worker, result })
}

/// Runs `wikken preview` until the person quits: `reloads` brings each new read of the file
/// (as [`Action::PreviewLoaded`]). This loop has no stores: every effect `update` asks for
/// is dropped, so the preview cannot write a journal, a pool or anything else.
pub fn run_preview(mut app: App, reloads: mpsc::Receiver<Action>) -> io::Result<()> {
    in_terminal(|terminal| {
        event_loop(terminal, &mut app, &reloads, &mut TerminalInput, &mut |_| None)
    })
}

/// Where the loop's terminal events come from: the terminal itself, or a test's script.
pub trait Input {
    /// The next event, waiting at most `timeout`; `None` when none came.
    fn next(&mut self, timeout: Duration) -> io::Result<Option<Event>>;
}

/// The terminal's own events (crossterm).
struct TerminalInput;

impl Input for TerminalInput {
    fn next(&mut self, timeout: Duration) -> io::Result<Option<Event>> {
        if event::poll(timeout)? { event::read().map(Some) } else { Ok(None) }
    }
}

/// Sets up the terminal (alternate screen, raw mode, mouse, bracketed paste), runs `body`
/// and restores the terminal on every exit path.
pub(crate) fn in_terminal<T>(
    body: impl FnOnce(&mut DefaultTerminal) -> io::Result<T>,
) -> io::Result<T> {
    let mut terminal = ratatui::init();
    install_panic_hook();
    execute!(io::stdout(), EnableMouseCapture, EnableBracketedPaste)?;
    let result = body(&mut terminal);
    let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
    ratatui::restore();
    result
}

/// Mouse capture and bracketed paste are ours to undo; ratatui's hook (installed by
/// `ratatui::init`) then leaves the alternate screen and raw mode and prints the panic.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
        previous(info);
    }));
}

/// Syncs answers to the pool and counts it in a background thread; the count arrives on
/// `tx` as [`Action::PoolLoaded`].
fn load_pool_in_background(app: &App, stores: &Stores, tx: mpsc::Sender<Action>) {
    let (pool, who, lang) = (stores.pool.clone(), stores.who.clone(), stores.lang);
    let journal = stores.journal.clone();
    let answers: Vec<Answer> = app.answers.clone();
    let read_only = stores.read_only.is_some();
    std::thread::spawn(move || {
        // Answers given while the pool folder was unreachable reach it now, off the first
        // frame's path (a network share can be slow); if it is still unreachable they stay
        // safe in the journal and this is tried again at the next start. Read-only, the
        // pseudonym is a stand-in: nothing is synced under it.
        let synced = if read_only { Ok(0) } else { pool.sync(&who, &answers) };
        // The pool took what it would also when it refused some answers (a pack it does not
        // take, a daily limit): remembered, so `forget` finds what went in.
        let reached = matches!(
            synced,
            Ok(_) | Err(StoreError::NotRegistered { .. } | StoreError::DailyLimit(_))
        );
        if !read_only && reached && !answers.is_empty() {
            let _ = journal.remember_pool(&pool.location());
        }
        // Whatever kept the answers from the pool (a missing folder, an unreachable server)
        // is said on the home screen: they are safe in the journal, never lost silently.
        let unusable = synced.err().map(|e| explain(lang, &e));
        let (tally, warnings) = pool.tally(true);
        let warnings = warnings.len();
        let _ = tx.send(Action::PoolLoaded { tally: Box::new(tally), warnings, unusable });
    });
}

/// Performs an effect at once and says how it went, or hands it on and returns `None`.
type Perform<'a> = dyn FnMut(Effect) -> Option<Action> + 'a;

/// Draws, reads input and the actions arriving on `rx`, until the app quits.
fn event_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    rx: &mpsc::Receiver<Action>,
    input: &mut dyn Input,
    perform: &mut Perform,
) -> io::Result<()> {
    let size = terminal.size().map_err(backend_error)?;
    dispatch(app, Action::Resize(size.width, size.height), perform);
    let started = std::time::Instant::now();
    while !app.quit {
        dispatch(app, Action::Tick(started.elapsed().as_secs()), perform);
        terminal.draw(|frame| frame.render_widget(&*app, frame.area())).map_err(backend_error)?;
        if let Some(ev) = input.next(Duration::from_millis(50))?
            && let Some(action) = action_for(app, &ev)
        {
            dispatch(app, action, perform);
        }
        while let Ok(action) = rx.try_recv() {
            dispatch(app, action, perform);
        }
    }
    Ok(())
}

/// A terminal backend's error as an I/O error (the real terminal's already is one).
fn backend_error(e: impl std::error::Error) -> io::Error {
    io::Error::other(e.to_string())
}

/// Updates, then hands on the effects: the stores' go to the worker (their outcomes come
/// back on the loop's channel), the phones' are done at once and may answer right away.
fn dispatch(app: &mut App, action: Action, perform: &mut Perform) {
    let mut queue = vec![action];
    while let Some(action) = queue.pop() {
        for effect in update(app, action) {
            queue.extend(perform(effect));
        }
    }
}

/// Performs one effect with the real stores and says what happened as an action (`None`
/// for effects that are not the stores' to perform): the only place the trainer writes.
/// The [worker](super::worker) calls it; public so tests save through exactly this path
/// (with a [`MemoryPool`](crate::store::MemoryPool) or a folder), without a terminal.
pub fn perform(effect: Effect, stores: &Stores) -> Option<Action> {
    if let Some(reason) = &stores.read_only {
        // Nothing is written; the screen that asked keeps what was typed and says why.
        return match effect {
            Effect::SaveAnswer(_) | Effect::SaveRevision { .. } => {
                Some(Action::SaveFailed(reason.clone()))
            }
            Effect::AddToPool(_) => {
                Some(Action::PoolWritten { record: None, error: Some(reason.clone()) })
            }
            Effect::SaveSession { .. } => Some(Action::SessionSaved {
                path: None,
                error: Some(reason.clone()),
                votes: SessionVotes::Failed(reason.clone()),
            }),
            Effect::Phones(_) => None,
        };
    }
    Some(match effect {
        Effect::SaveAnswer(draft) => save_answer(draft, stores),
        Effect::AddToPool(answer) => {
            let (record, error) = write_pool(PoolRecord::from_answer(&answer, &stores.who), stores);
            Action::PoolWritten { record, error }
        }
        Effect::SaveSession { session_id, stem, report, records } => {
            save_session(stores, &session_id, &stem, &report, records)
        }
        Effect::Phones(_) => return None,
        Effect::SaveRevision { answer, choice } => {
            let at = utc_now(stores.clock.as_ref());
            match stores.journal.add_revision(&answer.first.id, &choice, &at) {
                Ok(()) => Action::RevisionSaved { answer_id: answer.first.id.clone(), choice, at },
                Err(e) => Action::SaveFailed(stores.explain(&e)),
            }
        }
    })
}

/// Writes a session's report (a new file per session, named by date and pack, replaced
/// whole on every save) and appends the votes that are new or changed since the last save
/// to the session's own pool file. Says where the report is and what became of the votes:
/// an unreachable pool does not stop the report, and a report that cannot be written does
/// not keep the votes from the pool.
fn save_session(
    stores: &Stores,
    session_id: &str,
    stem: &str,
    report: &str,
    records: Vec<PoolRecord>,
) -> Action {
    let mut written = stores.written.borrow_mut();
    let (path, done) = written.entry(session_id.to_string()).or_insert_with(|| {
        let path = (1..)
            .map(|n| {
                let name = if n == 1 { format!("{stem}.md") } else { format!("{stem}-{n}.md") };
                stores.sessions.join(name)
            })
            .find(|p| !p.exists())
            .unwrap_or_else(|| stores.sessions.join(format!("{stem}-{session_id}.md")));
        (path, Vec::new())
    });
    // Reports hold the facilitator's notes: private, like the journal.
    let write_report = || -> io::Result<()> {
        crate::fsx::create_private_dir(&stores.sessions)?;
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
            match stores.pool.append_session(session_id, &record) {
                Ok(true) => {}
                // This pool does not take session votes (the organisation's database: one
                // answer per login); they are in the report only.
                Ok(false) => {
                    votes = SessionVotes::NotTaken;
                    break;
                }
                Err(e) => {
                    votes = SessionVotes::Failed(stores.explain(&e));
                    break;
                }
            }
            done.retain(|r| r.rid != record.rid);
            done.push(record);
        }
    }
    Action::SessionSaved { path, error, votes }
}

fn save_answer(draft: Draft, stores: &Stores) -> Action {
    let answer = NewAnswer {
        id: random_id(),
        pack: draft.pack,
        pack_version: draft.pack_version,
        dilemma: draft.dilemma,
        choice: draft.choice,
        reasoning: draft.reasoning,
        confidence: draft.confidence,
        share: draft.share,
        at: utc_now(stores.clock.as_ref()),
    };
    match stores.journal.add_answer(&answer) {
        Ok(()) => Action::AnswerSaved { answer: Box::new(answer) },
        Err(e) => Action::SaveFailed(stores.explain(&e)),
    }
}

/// Writes to the pool; a failure is reported but never loses the answer, which is already
/// in the journal and is synced to the pool on a later start.
fn write_pool(record: PoolRecord, stores: &Stores) -> (Option<PoolRecord>, Option<String>) {
    match stores.pool.append(&stores.who, &record) {
        Ok(()) => {
            // So `forget` finds these records even if wikken is later pointed elsewhere.
            let _ = stores.journal.remember_pool(&stores.pool.location());
            (Some(record), None)
        }
        Err(e) => (None, Some(stores.explain(&e))),
    }
}

/// The size to start with when the terminal cannot tell.
pub const FALLBACK_SIZE: Size = Size { width: 80, height: 24 };
