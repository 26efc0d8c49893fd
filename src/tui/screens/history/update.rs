//! What actions do to this screen: its part of `update`, without I/O.

use crate::tui::action::Action;
use crate::tui::app::{AnswerState, App, HistoryState, Screen};
use crate::tui::nav::{back, body, doc_scroll, replace, step};
use crate::tui::screens::spiegel::new_spiegel;

pub(in crate::tui) fn history(app: &mut App, mut s: HistoryState, action: Action) {
    let rows = crate::tui::screens::history::newest_first(app);
    match action {
        Action::Up | Action::Down => {
            s.selected = step(s.selected, rows.len(), matches!(action, Action::Up))
        }
        // A click: the row it landed on is selected, and opened when it already was.
        Action::Select(i) if i == s.selected => {
            replace(app, Screen::History(s.clone()));
            return history(app, s, Action::Enter);
        }
        Action::Select(i) => s.selected = i,
        Action::First => s.selected = 0,
        Action::Last => s.selected = rows.len().saturating_sub(1),
        Action::Enter => {
            if let Some(&answer) = rows.get(s.selected) {
                app.stack.push(Screen::Answer(AnswerState { answer, scroll: 0 }));
            }
            return;
        }
        Action::Back => return back(app),
        _ => return,
    }
    replace(app, Screen::History(s));
}

pub(in crate::tui) fn answer(app: &mut App, mut s: AnswerState, action: Action) {
    let (width, height) = body(app);
    let len = crate::tui::screens::history::answer::document(app, &s, width).len();
    if let Some(scroll) = doc_scroll(s.scroll, &action, len, height) {
        s.scroll = scroll;
        return replace(app, Screen::Answer(s));
    }
    match action {
        Action::OpenSpiegel | Action::Enter => {
            let Some(a) = app.answers.get(s.answer) else { return };
            if let Some((p, d)) = app.find_dilemma(&a.first.pack, &a.first.dilemma) {
                let spiegel = new_spiegel(app, s.answer, p, d, None);
                app.stack.push(Screen::Spiegel(spiegel));
            }
        }
        Action::Back => back(app),
        _ => {}
    }
}
