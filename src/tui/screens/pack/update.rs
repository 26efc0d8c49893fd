//! What actions do to this screen: its part of `update`, without I/O.

use crate::tui::action::Action;
use crate::tui::app::{App, PackState, Screen};
use crate::tui::nav::{back, open_dilemma, replace, step, surprise};

pub(in crate::tui) fn pack(app: &mut App, mut s: PackState, action: Action) {
    let visible = app.visible_dilemmas(s.pack, s.theme.as_deref());
    match action {
        Action::Up | Action::Down => {
            s.selected = step(s.selected, visible.len(), matches!(action, Action::Up))
        }
        // A click: the row it landed on is selected, and opened when it already was.
        Action::Select(i) if i == s.selected => {
            replace(app, Screen::Pack(s.clone()));
            return pack(app, s, Action::Enter);
        }
        Action::Select(i) => s.selected = i,
        Action::First => s.selected = 0,
        Action::Last => s.selected = visible.len().saturating_sub(1),
        Action::PageUp => s.selected = s.selected.saturating_sub(5),
        Action::PageDown => s.selected = (s.selected + 5).min(visible.len().saturating_sub(1)),
        Action::Theme => {
            let themes: Vec<String> =
                app.packs[s.pack].themes().into_iter().map(str::to_string).collect();
            s.theme = match &s.theme {
                None => themes.first().cloned(),
                Some(t) => {
                    themes.iter().position(|x| x == t).and_then(|i| themes.get(i + 1)).cloned()
                }
            };
            s.selected = 0;
        }
        Action::Enter => {
            if let Some(&d) = visible.get(s.selected) {
                open_dilemma(app, s.pack, d);
            }
            return;
        }
        Action::Surprise => {
            surprise(app, Some(s.pack));
            return;
        }
        Action::Back => {
            back(app);
            return;
        }
        _ => return,
    }
    replace(app, Screen::Pack(s));
}
