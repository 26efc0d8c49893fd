//! The form editor's loop: terminal events become actions (through the key table), `update`
//! changes the state, and the saves it asks for are written by a thread of their own, so
//! the screen never waits for a disk. Only the pack file, its backup and a copy the person
//! chose are ever written: no DATA, no journal, no pool.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use ratatui::crossterm::event;

use super::state::State;
use super::update::{Effect, update};
use crate::i18n::{CliText, Lang};
use crate::tui::Action;

/// How long the loop waits for a key before it looks for a finished save.
const TICK: Duration = Duration::from_millis(50);
/// At most this many events between two frames, so the screen keeps up with a paste.
const EVENTS_PER_FRAME: usize = 256;

/// Runs the editor until the person quits. A save under way is finished before it returns;
/// when that save failed after the screen was gone, why (to be said on the console).
pub fn run(mut state: State) -> io::Result<Option<String>> {
    let lang = state.lang();
    crate::tui::runtime::in_terminal(|terminal| {
        let (results, done) = mpsc::channel::<Action>();
        let (jobs, queue) = mpsc::channel::<Effect>();
        let writer =
            std::thread::Builder::new().name("wikken-bewerk-save".into()).spawn(move || {
                for effect in queue {
                    // The loop is gone only when the editor quits; the write is done anyway.
                    let _ = results.send(perform(lang, effect));
                }
            })?;
        let size = terminal.size()?;
        state.size = (size.width, size.height);
        let submit = |state: &mut State, action: Action| {
            for effect in update(state, action) {
                let _ = jobs.send(effect);
            }
        };
        while !state.quit {
            terminal.draw(|frame| super::view::render(&state, frame.area(), frame.buffer_mut()))?;
            while let Ok(action) = done.try_recv() {
                submit(&mut state, action);
            }
            // Everything typed since the last frame is handled before the next one, so
            // fast typing (or a slow terminal) never queues up behind the drawing.
            let mut wait = TICK;
            let mut handled = 0;
            while handled < EVENTS_PER_FRAME && event::poll(wait)? {
                if let Some(action) = super::action_for(&state, &event::read()?) {
                    submit(&mut state, action);
                }
                wait = Duration::ZERO;
                handled += 1;
            }
        }
        drop(jobs);
        let _ = writer.join();
        // A save asked for just before quitting ends here: a failure is not lost.
        let failed = done.try_iter().find_map(|action| match action {
            Action::SaveFailed(why) => Some(why),
            _ => None,
        });
        Ok(failed)
    })
}

/// The name of the `n`th copy of `path`: `PACK.kopie.ron`, `PACK.kopie-2.ron`, …
pub fn copy_name(lang: Lang, path: &Path, n: usize) -> PathBuf {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let ext = path.extension().map(|e| e.to_string_lossy().into_owned()).unwrap_or("ron".into());
    let word = lang.bewerk().copy_word();
    let name =
        if n <= 1 { format!("{stem}.{word}.{ext}") } else { format!("{stem}.{word}-{n}.{ext}") };
    path.with_file_name(name)
}

/// How many copy names are tried before a save as a copy gives up.
const COPY_NAMES: usize = 99;

/// Performs one save; the action that says how it went.
pub fn perform(lang: Lang, effect: Effect) -> Action {
    let failed = |path: &Path, e: &io::Error| {
        let text = CliText(lang).new_failed(path, e);
        Action::SaveFailed(text.strip_prefix("wikken: ").unwrap_or(&text).to_string())
    };
    match effect {
        Effect::Save { path, text, backup } => {
            let backup = match backup {
                None => None,
                Some(to) => match crate::fsx::read_capped(&path, crate::pack::MAX_FILE_SIZE) {
                    Ok(bytes) => {
                        if let Err(e) =
                            crate::fsx::atomic_write(&to, false, |w| w.write_all(&bytes))
                        {
                            return failed(&to, &e);
                        }
                        Some(to)
                    }
                    // Nothing there (yet): nothing to keep.
                    Err(e) if e.is_not_found() => None,
                    Err(e) => return failed(&path, &io::Error::other(e.to_string())),
                },
            };
            match crate::fsx::atomic_write(&path, false, |w| w.write_all(text.as_bytes())) {
                Ok(()) => Action::PackSaved { path, backup },
                Err(e) => failed(&path, &e),
            }
        }
        Effect::SaveCopy { path, text } => {
            for n in 1..=COPY_NAMES {
                let copy = copy_name(lang, &path, n);
                match crate::fsx::create_atomic(&copy, false, |w| w.write_all(text.as_bytes())) {
                    Ok(true) => return Action::PackSaved { path: copy, backup: None },
                    Ok(false) => continue,
                    Err(e) => return failed(&copy, &e),
                }
            }
            failed(&path, &io::Error::from(io::ErrorKind::AlreadyExists))
        }
    }
}
