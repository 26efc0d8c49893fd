//! What actions do to this screen: its part of `update`, without I/O.

use ratatui_textarea::{TextArea, WrapMode};

use crate::tui::action::Action;
use crate::tui::app::{App, DilemmaState, Field, ReasoningState, Screen};
use crate::tui::nav::{WHEEL_LINES, back, body, page, replace, scroll_by, step};
use crate::tui::widgets::document::{max_scroll, scroll_to_show};

pub(in crate::tui) fn dilemma(app: &mut App, mut s: DilemmaState, action: Action) {
    let (width, height) = body(app);
    let (doc, ranges) = crate::tui::screens::dilemma::document(app, &s, width);
    match action {
        Action::Up | Action::Down => {
            s.selected = step(s.selected, s.order.len(), matches!(action, Action::Up));
            if let Some(&(start, end)) = ranges.get(s.selected) {
                // Show the werkwijzen heading with the first one, so it is not cut off.
                let start = if s.selected == 0 { start.saturating_sub(2) } else { start };
                s.scroll = scroll_to_show(s.scroll, start, end, height);
            }
        }
        Action::PageUp => s.scroll = scroll_by(s.scroll, -page(height), doc.len(), height),
        Action::PageDown => s.scroll = scroll_by(s.scroll, page(height), doc.len(), height),
        Action::ScrollUp => s.scroll = scroll_by(s.scroll, -WHEEL_LINES, doc.len(), height),
        Action::ScrollDown => s.scroll = scroll_by(s.scroll, WHEEL_LINES, doc.len(), height),
        Action::First => s.scroll = 0,
        Action::Last => s.scroll = max_scroll(doc.len(), height),
        Action::Enter => {
            // Enter chooses only a werkwijze the reader can see; before that it brings the
            // werkwijzen into view, so nobody picks one by pressing Enter to read on.
            match ranges.get(s.selected) {
                Some(&(start, end)) if !visible(s.scroll, start, end, height) => {
                    let start = if s.selected == 0 { start.saturating_sub(2) } else { start };
                    s.scroll = scroll_to_show(s.scroll, start, end, height);
                }
                _ => return choose(app, s),
            }
        }
        Action::Pick(n) if (1..=s.order.len()).contains(&usize::from(n)) => {
            s.selected = usize::from(n) - 1;
            return choose(app, s);
        }
        // A click on a werkwijze selects it (it is on screen: it was clicked); a second
        // click chooses it.
        Action::Select(pos) if pos == s.selected => return choose(app, s),
        Action::Select(pos) if pos < s.order.len() => s.selected = pos,
        Action::Back => return back(app),
        _ => return,
    }
    replace(app, Screen::Dilemma(s));
}

/// Whether lines `start..end` are all on screen.
pub(in crate::tui) fn visible(scroll: u16, start: usize, end: usize, height: u16) -> bool {
    start >= usize::from(scroll) && end <= usize::from(scroll) + usize::from(height)
}

pub(in crate::tui) fn choose(app: &mut App, from: DilemmaState) {
    let Some(&option) = from.order.get(from.selected) else { return };
    if app.preview.is_some() {
        return crate::tui::preview::choose(app, from, option);
    }
    let mut editor = TextArea::default();
    editor.set_wrap_mode(WrapMode::WordOrGlyph);
    replace(app, Screen::Dilemma(from.clone()));
    app.stack.push(Screen::Reasoning(Box::new(ReasoningState {
        from,
        option,
        editor,
        confidence: None,
        share: false,
        focus: Field::Editor,
        saving: false,
        error: None,
    })));
}
