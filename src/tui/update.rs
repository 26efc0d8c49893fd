//! `update`: the only place the trainer's state changes. It does no I/O; what must touch
//! the disk is returned as [`Effect`]s for the loop, whose results come back as actions.

use super::action::Action;
use super::app::{App, Confirm, Overlay, PoolState, Screen, Size};
use super::effect::Effect;
use super::nav::{back, body, doc_scroll, open_development, open_history, open_month, replace};
use super::screens;
use super::screens::development::development;
use super::screens::dilemma::dilemma;
use super::screens::history::{answer, history};
use super::screens::home::home;
use super::screens::pack::pack;
use super::screens::reasoning::{answer_saved, reasoning, submit};
use super::screens::spiegel::{pool_written, revision_saved, spiegel};
use super::widgets::document::max_scroll;

/// Applies one action and returns the effects the loop must perform. Keeps count of the
/// stores' effects under way (each is answered by exactly one action), so every screen can
/// say "wordt bewaard…" until they are done.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    if action.completes_store_effect() {
        app.saves.done();
    }
    let effects = apply(app, action);
    app.saves.started(effects.iter().filter(|e| e.is_store()).count());
    effects
}

fn apply(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Resize(w, h) => {
            app.size = Size { width: w, height: h };
            clamp_scroll(app);
            return Vec::new();
        }
        Action::PoolLoaded { tally, warnings, unusable } => {
            app.pool = PoolState::Ready(tally);
            app.pool_problem = unusable.clone();
            if let Some(reason) = unusable {
                app.notice = Some(reason);
            } else if warnings > 0 {
                app.notice = Some(app.ui.read_warnings(warnings));
            }
            return Vec::new();
        }
        Action::AnswerSaved { answer } => return answer_saved(app, *answer),
        Action::PoolWritten { record, error } => {
            pool_written(app, record, error);
            return Vec::new();
        }
        Action::SaveFailed(reason) => {
            let message = app.ui.save_failed(&reason);
            match app.screen_mut() {
                Screen::Reasoning(r) => {
                    r.saving = false;
                    r.error = Some(message);
                }
                // A revision that could not be written: the spiegel says so.
                Screen::Spiegel(s) => s.notice = Some(reason),
                _ => {}
            }
            return Vec::new();
        }
        Action::PreviewLoaded(checked) => {
            super::preview::reloaded(app, *checked);
            return Vec::new();
        }
        Action::Tick(now) => {
            app.now = now;
            return Vec::new();
        }
        Action::SessionSaved { path, error, votes } => {
            super::session::update::saved(app, path, error, votes);
            return Vec::new();
        }
        // From the phone server: counted whatever is on screen (help, a question, notes),
        // so no vote is lost to an overlay.
        Action::Phone(_) | Action::PhonesReady { .. } | Action::PhonesFailed(_) => {
            super::session::phones::arrived(app, action);
            return Vec::new();
        }
        Action::AddressesFound(found) => {
            super::session::update::addresses_found(app, found);
            return Vec::new();
        }
        Action::RevisionSaved { answer_id, choice, at } => {
            return revision_saved(app, &answer_id, choice, at);
        }
        _ => {}
    }
    if let Screen::Reasoning(r) = app.screen()
        && r.saving
    {
        // Nothing moves while an answer is being written.
        return Vec::new();
    }
    match app.overlay {
        Some(Overlay::Help) => {
            help(app, &action);
            return Vec::new();
        }
        Some(Overlay::Confirm(c)) => return confirm(app, c, action),
        None => {}
    }
    if let Screen::Session(s) = app.screen() {
        // The session asks its own questions (stop? reveal?) and ends on its own screen.
        if s.ended() && matches!(action, Action::Quit) {
            // Notes that could not be saved are only on this screen: ask before they go.
            if s.save_error.is_some() {
                app.overlay = Some(Overlay::Confirm(Confirm::QuitUnsavedReport));
            } else {
                app.quit = true;
            }
            return Vec::new();
        }
        if !matches!(action, Action::Help) {
            let s = (**s).clone();
            return super::session::update::session(app, s, action);
        }
    }
    match action {
        Action::Quit => {
            if app.has_unsaved_text() {
                app.overlay = Some(Overlay::Confirm(Confirm::Quit));
            } else {
                app.quit = true;
            }
            return Vec::new();
        }
        Action::Help => {
            open_help(app);
            return Vec::new();
        }
        // "Mijn antwoorden" from every screen outside an editor (the keys make `a` text
        // there), but never over an intervisie: that screen is shared with the room.
        Action::History | Action::Development | Action::Month
            if !matches!(app.screen(), Screen::SessionSetup(_) | Screen::Session(_)) =>
        {
            match action {
                Action::History => open_history(app),
                Action::Development => open_development(app),
                _ => open_month(app),
            }
            return Vec::new();
        }
        _ => {}
    }
    match app.screen().clone() {
        Screen::Home(s) => home(app, s.selected, action),
        Screen::Pack(s) => pack(app, s, action),
        Screen::Dilemma(s) => dilemma(app, s, action),
        Screen::Reasoning(s) => return reasoning(app, *s, action),
        Screen::Spiegel(s) => return spiegel(app, s, action),
        Screen::History(s) => history(app, s, action),
        Screen::Answer(s) => answer(app, s, action),
        Screen::Development(s) => development(app, s, action),
        Screen::SessionSetup(s) => return super::session::update::setup(app, *s, action),
        Screen::Session(_) => {}
    }
    Vec::new()
}

/// Opens the help at its top: the keys of the screen it was opened on come first.
pub(super) fn open_help(app: &mut App) {
    app.overlay = Some(Overlay::Help);
    app.help_scroll = 0;
}

/// The help over a screen: it scrolls, and closes on its keys.
fn help(app: &mut App, action: &Action) {
    if matches!(action, Action::CloseOverlay | Action::Quit | Action::Help) {
        app.overlay = None;
        return;
    }
    let area = super::widgets::overlay::help_text_area(ratatui::layout::Rect::new(
        0,
        0,
        app.size.width,
        app.size.height,
    ));
    let len = super::widgets::overlay::help_document(app, area.width).len();
    if let Some(scroll) = doc_scroll(app.help_scroll, action, len, area.height) {
        app.help_scroll = scroll;
    }
}

fn confirm(app: &mut App, question: Confirm, action: Action) -> Vec<Effect> {
    match action {
        Action::Yes => {
            app.overlay = None;
            match question {
                Confirm::Quit | Confirm::QuitUnsavedReport => app.quit = true,
                Confirm::Discard => back(app),
                Confirm::EmptyReasoning => {
                    if let Screen::Reasoning(r) = app.screen().clone() {
                        return submit(app, *r);
                    }
                }
            }
        }
        Action::No | Action::Back => app.overlay = None,
        _ => {}
    }
    Vec::new()
}

/// Whether the screen's text is longer than the screen, so the scrolling keys do something
/// (footers name them only then).
pub(crate) fn scrolls(app: &App) -> bool {
    let (width, height) = body(app);
    let len = match app.screen() {
        Screen::Dilemma(s) => screens::dilemma::document(app, s, width).0.len(),
        Screen::Spiegel(s) => screens::spiegel::document(app, s, width).len(),
        Screen::Answer(s) => screens::history::answer::document(app, s, width).len(),
        Screen::Development(s) => screens::development::document(app, s, width).len(),
        Screen::Session(s) => return super::session::layout::max_scroll_of(app, s) > 0,
        _ => return true,
    };
    len > usize::from(height)
}

/// After a resize, keeps every scroll offset within its document.
pub(super) fn clamp_scroll(app: &mut App) {
    let (width, height) = body(app);
    let screen = app.screen().clone();
    let clamped = match screen {
        Screen::Dilemma(mut s) => {
            let len = screens::dilemma::document(app, &s, width).0.len();
            s.scroll = s.scroll.min(max_scroll(len, height));
            Screen::Dilemma(s)
        }
        Screen::Spiegel(mut s) => {
            let len = screens::spiegel::document(app, &s, width).len();
            s.scroll = s.scroll.min(max_scroll(len, height));
            Screen::Spiegel(s)
        }
        Screen::Answer(mut s) => {
            let len = screens::history::answer::document(app, &s, width).len();
            s.scroll = s.scroll.min(max_scroll(len, height));
            Screen::Answer(s)
        }
        Screen::Development(mut s) => {
            let len = screens::development::document(app, &s, width).len();
            s.scroll = s.scroll.min(max_scroll(len, height));
            Screen::Development(s)
        }
        Screen::Session(mut s) => {
            super::session::update::clamp_scroll(app, &mut s);
            Screen::Session(s)
        }
        other => other,
    };
    replace(app, clamped);
}
