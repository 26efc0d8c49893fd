//! What actions do to this screen: its part of `update`, without I/O.

use crate::tui::action::Action;
use crate::tui::app::{App, HomeEntry, Screen};
use crate::tui::nav::{
    open_development, open_history, open_month, open_pack, replace, step, surprise_me,
};

pub(in crate::tui) fn home(app: &mut App, selected: usize, action: Action) {
    let entries = app.home_entries();
    match action {
        Action::Up | Action::Down => {
            let s = step(selected, entries.len(), matches!(action, Action::Up));
            replace(app, Screen::Home(crate::tui::app::HomeState { selected: s }));
        }
        Action::First => replace(app, Screen::Home(crate::tui::app::HomeState { selected: 0 })),
        Action::Last => {
            replace(app, Screen::Home(crate::tui::app::HomeState { selected: entries.len() - 1 }))
        }
        Action::Enter => match entries.get(selected) {
            Some(HomeEntry::Pack(i)) => open_pack(app, *i),
            Some(HomeEntry::Month) => open_month(app),
            Some(HomeEntry::Surprise) => surprise_me(app),
            Some(HomeEntry::Development) => open_development(app),
            Some(HomeEntry::Session) => crate::tui::session::update::open_setup(app),
            Some(HomeEntry::History) => open_history(app),
            Some(HomeEntry::Help) => crate::tui::update::open_help(app),
            None => {}
        },
        // A click: the row it landed on is selected, and opened when it already was.
        Action::Select(i) if i < entries.len() => {
            if i == selected {
                return home(app, selected, Action::Enter);
            }
            replace(app, Screen::Home(crate::tui::app::HomeState { selected: i }));
        }
        Action::Pick(n) if usize::from(n) <= app.packs.len() => open_pack(app, usize::from(n) - 1),
        Action::Surprise => surprise_me(app),
        Action::StartSession => crate::tui::session::update::open_setup(app),
        _ => {}
    }
}
