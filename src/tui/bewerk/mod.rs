//! `wikken bewerk PACK.ron`: a form editor for trainers who write dilemma packs, so they
//! never meet a bracket. The pack is an outline of its records and fields (following the
//! schema); texts are typed in the editor widget, a note's kind, check month and sources
//! are chosen from lists; records are added, removed and moved in their lists. Every
//! change is checked as `wikken check --strict` checks, with its messages, and the preview
//! beside the form shows the dilemma and its spiegel with the sample chart. A save writes
//! the canonical layout of `wikken fmt` (comments where they stood) atomically, only when
//! the pack has no errors, after keeping the previous version as `PACK.ron.bak`.
//!
//! Elm style, as the trainer: keys become an [`Action`] in one place ([`action_for`], from
//! the key table's editor places), [`update`] is pure and returns [`Effect`]s, the view
//! draws from `&State`, and `run` performs the saves on a thread of its own.

pub mod edit;
pub mod run;
pub mod state;
pub mod update;
pub mod view;

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};

pub use edit::Item;
pub use run::run;
pub use state::{Cursor, Focus, Question, State, Status};
pub use update::{Effect, backup_path, update};

use crate::i18n::KeyPlace;
use crate::tui::Action;

/// Where the keyboard is in the editor: the key table's place.
pub fn place(state: &State) -> KeyPlace {
    match &state.focus {
        Focus::Outline => KeyPlace::BewerkOutline,
        Focus::Text(_) if update::one_line(state) => KeyPlace::BewerkLine,
        Focus::Text(_) => KeyPlace::BewerkText,
        Focus::Picker(_) => KeyPlace::BewerkPicker,
        Focus::Confirm(Question::SaveWhere) => KeyPlace::BewerkSave,
        Focus::Confirm(_) => KeyPlace::Question,
        Focus::Help(_) => KeyPlace::Help,
    }
}

/// The action for a terminal event in the editor, or `None` if it means nothing here.
pub fn action_for(state: &State, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            // Ctrl+C always stops (asking first when changes would be lost).
            if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
                return Some(Action::Quit);
            }
            crate::tui::keys::action_in(place(state), *key, state.ui)
        }
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollUp => Some(Action::ScrollUp),
            MouseEventKind::ScrollDown => Some(Action::ScrollDown),
            MouseEventKind::Down(MouseButton::Left) => {
                view::row_at(state, m.column, m.row).map(Action::Select)
            }
            _ => None,
        },
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        Event::Paste(text) if matches!(state.focus, Focus::Text(_)) => {
            Some(Action::Paste(text.clone()))
        }
        _ => None,
    }
}
