//! The one place where key presses and mouse events become [`Action`]s. What a key means
//! depends on where the keyboard is: in the reasoning editor letters are text.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEventKind,
};

use super::action::Action;
use super::app::{App, Field, Overlay, Screen};

/// The action for a terminal event, or `None` if it means nothing here.
pub fn action_for(app: &App, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => key_action(app, *key),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollUp => Some(Action::ScrollUp),
            MouseEventKind::ScrollDown => Some(Action::ScrollDown),
            _ => None,
        },
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        Event::Paste(text) if editing(app) => Some(Action::Paste(text.clone())),
        _ => None,
    }
}

fn editing(app: &App) -> bool {
    app.overlay.is_none()
        && matches!(app.screen(), Screen::Reasoning(r) if r.focus == Field::Editor && !r.saving)
}

fn key_action(app: &App, key: KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && matches!(key.code, KeyCode::Char('c')) {
        return Some(Action::Quit);
    }
    match app.overlay {
        Some(Overlay::Help) => return Some(Action::CloseOverlay),
        Some(Overlay::Confirm(_)) => return confirm_key(app, key),
        None => {}
    }
    match app.screen() {
        Screen::SessionSetup(s) => {
            let rows = super::session::state::SetupState::rows(
                app.packs.get(s.pack).map_or(0, |p| p.dilemmas.len()),
            );
            if rows.get(s.row) == Some(&super::session::state::SetupRow::Names) {
                return match key.code {
                    KeyCode::Up => Some(Action::Up),
                    KeyCode::Down | KeyCode::Enter => Some(Action::Down),
                    KeyCode::Tab => Some(Action::NextField),
                    KeyCode::BackTab => Some(Action::PrevField),
                    KeyCode::Esc => Some(Action::Back),
                    _ => Some(Action::Edit(key)),
                };
            }
            match key.code {
                KeyCode::Char(' ') => return Some(Action::Toggle),
                KeyCode::Tab => return Some(Action::NextField),
                KeyCode::BackTab => return Some(Action::PrevField),
                _ => {}
            }
        }
        Screen::Session(s) if !s.ended() => return session_key(app, s, key, ctrl),
        _ => {}
    }
    if let Screen::Reasoning(r) = app.screen() {
        match (key.code, r.focus) {
            (KeyCode::Char('s'), _) if ctrl => return Some(Action::Submit),
            (KeyCode::Esc, _) => return Some(Action::Back),
            (KeyCode::Tab, _) => return Some(Action::NextField),
            (KeyCode::BackTab, _) => return Some(Action::PrevField),
            (KeyCode::F(1), _) => return Some(Action::Help),
            (_, Field::Editor) => return Some(Action::Edit(key)),
            (KeyCode::Char(c @ '1'..='5'), Field::Confidence) => {
                return Some(Action::Pick(c as u8 - b'0'));
            }
            (KeyCode::Char('0') | KeyCode::Backspace | KeyCode::Delete, Field::Confidence) => {
                return Some(Action::Pick(0));
            }
            (KeyCode::Char(' ') | KeyCode::Enter, Field::Share) => return Some(Action::Toggle),
            _ => {}
        }
    }
    let action = match key.code {
        KeyCode::Up | KeyCode::Char('k') => Action::Up,
        KeyCode::Down | KeyCode::Char('j') => Action::Down,
        KeyCode::PageUp => Action::PageUp,
        KeyCode::PageDown | KeyCode::Char(' ') => Action::PageDown,
        KeyCode::Home | KeyCode::Char('g') => Action::First,
        KeyCode::End | KeyCode::Char('G') => Action::Last,
        KeyCode::Left | KeyCode::Char('h') => Action::Left,
        KeyCode::Right | KeyCode::Char('l') => Action::Right,
        KeyCode::Enter => Action::Enter,
        KeyCode::Esc | KeyCode::Backspace => Action::Back,
        KeyCode::Char('q') => Action::Quit,
        KeyCode::Char('?') | KeyCode::F(1) => Action::Help,
        KeyCode::Char(c @ '1'..='9') => Action::Pick(c as u8 - b'0'),
        KeyCode::Char('v') => Action::Surprise,
        KeyCode::Char('a') => Action::History,
        KeyCode::Char('o') => Action::Development,
        KeyCode::Char('m') => Action::Month,
        KeyCode::Char('t') => Action::Theme,
        KeyCode::Char('w') => Action::Revise,
        KeyCode::Char('n') => Action::Next,
        KeyCode::Char('s') => Action::OpenSpiegel,
        KeyCode::Char('i') => Action::StartSession,
        _ => return None,
    };
    Some(action)
}

/// Yes or no to a question: the keys the question names, in the interface language.
fn confirm_key(app: &App, key: KeyEvent) -> Option<Action> {
    match key.code {
        KeyCode::Char(c) if app.ui.yes_keys.contains(&c.to_ascii_lowercase()) => Some(Action::Yes),
        KeyCode::Char(c) if app.ui.no_keys.contains(&c.to_ascii_lowercase()) => Some(Action::No),
        KeyCode::Esc => Some(Action::No),
        _ => None,
    }
}

/// Keys in a running session: the facilitator's keys, digits for votes and tallies, and
/// text while writing notes.
fn session_key(
    app: &App,
    s: &super::session::state::SessionScreen,
    key: KeyEvent,
    ctrl: bool,
) -> Option<Action> {
    use super::action::Panel;
    if s.confirm.is_some() {
        return confirm_key(app, key);
    }
    if s.notes.is_some() {
        return match key.code {
            KeyCode::Char('s') if ctrl => Some(Action::Submit),
            KeyCode::Esc => Some(Action::Back),
            _ => Some(Action::Edit(key)),
        };
    }
    Some(match key.code {
        KeyCode::Enter => Action::Enter,
        KeyCode::Esc => Action::Back,
        KeyCode::Up | KeyCode::Char('k') => Action::Up,
        KeyCode::Down | KeyCode::Char('j') => Action::Down,
        KeyCode::Left => Action::Left,
        KeyCode::Right => Action::Right,
        KeyCode::PageUp => Action::PageUp,
        KeyCode::PageDown => Action::PageDown,
        KeyCode::Backspace => Action::Delete,
        KeyCode::Tab => Action::SkipStage,
        KeyCode::Char(c @ '0'..='9') => Action::Pick(c as u8 - b'0'),
        KeyCode::Char('s') => Action::Skip,
        KeyCode::Char('r') => Action::Redo,
        KeyCode::Char('t') => Action::Timer,
        KeyCode::Char('o') => Action::Panel(Panel::Onderbouwing),
        KeyCode::Char('i') => Action::Panel(Panel::Research),
        KeyCode::Char('v') => Action::Panel(Panel::Questions),
        KeyCode::Char('e') => Action::EditNotes,
        KeyCode::Char('c') => Action::ShowJoin,
        KeyCode::Char('a') => Action::TakeJoined,
        KeyCode::Char('q') => Action::Quit,
        KeyCode::Char('?') | KeyCode::F(1) => Action::Help,
        _ => return None,
    })
}
