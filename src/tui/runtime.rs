//! The loop around `update`: terminal set-up and restore (also on panic), reading events,
//! handing the stores' effects to the [worker](super::worker) (the only disk writes, never
//! on the drawing thread), and loading the pool in the background so the first frame never
//! waits for it.

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

use super::action::Action;
use super::app::{App, Size};
use super::effect::Effect;
use super::keys::action_for;
use super::phone_host::PhoneHost;
use super::update::update;
use super::worker::{Finished, Worker};

pub use crate::practice::Stores;

pub use crate::practice::QUIT_WAIT;

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

/// Syncs answers to the pool and counts it in a background thread (the shared
/// [`PoolLoader`](crate::practice::PoolLoader)); the count arrives on `tx` as
/// [`Action::PoolLoaded`].
fn load_pool_in_background(app: &App, stores: &Stores, tx: mpsc::Sender<Action>) {
    let loader = stores.pool_loader(app.answers.clone());
    std::thread::spawn(move || {
        let crate::practice::PoolLoad { tally, warnings, unusable } = loader.load();
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
/// for effects that are not the stores' to perform): the trainer's adapter to the one save
/// path, [`crate::practice::saving`], which the plain text mode uses too. The
/// [worker](super::worker) calls it; public so tests save through exactly this path (with a
/// [`MemoryPool`](crate::store::MemoryPool) or a folder), without a terminal.
pub fn perform(effect: Effect, stores: &Stores) -> Option<Action> {
    Some(match effect {
        Effect::SaveAnswer(draft) => match stores.save_answer(draft) {
            Ok(answer) => Action::AnswerSaved { answer: Box::new(answer) },
            Err(e) => Action::SaveFailed(e.reason),
        },
        Effect::AddToPool(answer) => match stores.add_to_pool(&answer) {
            Ok(record) => Action::PoolWritten { record: Some(record), error: None },
            Err(e) => Action::PoolWritten { record: None, error: Some(e.reason) },
        },
        Effect::SaveSession { session_id, stem, report, records } => {
            let saved = stores.save_session(&session_id, &stem, &report, records);
            Action::SessionSaved { path: saved.path, error: saved.error, votes: saved.votes }
        }
        Effect::SaveRevision { answer, choice } => match stores.save_revision(&answer, &choice) {
            Ok(at) => Action::RevisionSaved { answer_id: answer.first.id.clone(), choice, at },
            Err(e) => Action::SaveFailed(e.reason),
        },
        // Phones write nothing, so they work also when the data folder is read-only.
        Effect::Phones(_) => return None,
    })
}

/// The size to start with when the terminal cannot tell.
pub const FALLBACK_SIZE: Size = Size { width: 80, height: 24 };
