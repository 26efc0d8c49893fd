//! The one place where key presses and mouse events become [`Action`]s, and where footers
//! and help come from: one table per place ([`table`]), each binding a key (or keys), what it
//! does, its label and its rank (helix's keymap and gitui's key list are the models). A key
//! means what the first binding of the current place that takes it says; a footer shows the
//! place's bindings by rank as far as they fit; the help lists every binding.

pub mod table;

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};
use unicode_width::UnicodeWidthStr;

use super::action::Action;
use super::app::{App, Field, Overlay, Screen};
use super::session::layout::View;
use crate::i18n::{KeyLabel, KeyPlace, Lang};

/// How much a newcomer needs a binding: 1 first; the footer drops the highest first.
pub type Rank = u8;

/// A key a binding takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// This key, named in footers and help.
    Show(KeyCode),
    /// This key too, not named (`j`/`k` beside the arrows).
    Alias(KeyCode),
    /// Ctrl and a letter.
    Ctrl(char),
    /// Any digit in the range, as [`Does::Pick`] with its value.
    Digits(u8, u8),
    /// "Yes" in the interface language (`j` or `y`).
    Yes,
    /// "No" in the interface language.
    No,
    /// Any other key, for a text field ([`Does::Edit`]).
    Text,
}

/// What a binding does.
#[derive(Debug, Clone)]
pub enum Does {
    /// This action, whichever of its keys was pressed.
    Act(&'static Action),
    /// The action at the same position as the key pressed in the binding's keys.
    Each(&'static [Action]),
    /// [`Action::Pick`] with the digit pressed.
    Pick,
    /// The key as text for an editor ([`Action::Edit`]).
    Edit,
}

/// One line of the key table.
#[derive(Debug, Clone)]
pub struct Binding {
    /// The keys it takes.
    pub keys: &'static [Key],
    /// What they do.
    pub does: Does,
    /// What the footer and the help call it.
    pub label: KeyLabel,
    /// Footer priority (see [`Rank`]).
    pub rank: Rank,
    /// When it applies; `None`: always on its place.
    pub when: Option<fn(&App) -> bool>,
}

impl Binding {
    /// Whether the binding applies to `app` now.
    pub fn applies(&self, app: &App) -> bool {
        self.when.is_none_or(|w| w(app))
    }

    /// The action for `key`, if this binding takes it.
    pub fn action(&self, key: KeyEvent, lang: &crate::i18n::UiText) -> Option<Action> {
        let at = self.keys.iter().position(|k| k.takes(key, lang))?;
        Some(match &self.does {
            Does::Act(a) => (*a).clone(),
            Does::Each(actions) => actions.get(at)?.clone(),
            Does::Pick => match key.code {
                KeyCode::Char(c) => {
                    Action::Pick(c.to_digit(10).and_then(|d| u8::try_from(d).ok())?)
                }
                _ => return None,
            },
            Does::Edit => Action::Edit(key),
        })
    }

    /// How the footer and the help name its keys: "↑↓", "Enter", "Ctrl+S", "1–9".
    pub fn caption(&self, ui: &crate::i18n::UiText) -> String {
        let mut out = String::new();
        let mut previous_arrow = false;
        for key in self.keys {
            let Some(name) = key.name(ui) else { continue };
            let arrow = matches!(
                key,
                Key::Show(KeyCode::Up | KeyCode::Down | KeyCode::Left | KeyCode::Right)
            );
            if !(out.is_empty() || arrow && previous_arrow) {
                out.push('/');
            }
            out.push_str(&name);
            previous_arrow = arrow;
        }
        out
    }

    /// "↑↓ bewegen": the footer's entry.
    pub fn entry(&self, ui: &crate::i18n::UiText) -> String {
        format!("{} {}", self.caption(ui), self.label.text(ui.lang))
    }
}

impl Key {
    fn takes(self, key: KeyEvent, ui: &crate::i18n::UiText) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        match self {
            Key::Show(code) | Key::Alias(code) => !ctrl && !alt && code == key.code,
            Key::Ctrl(c) => {
                ctrl && matches!(key.code, KeyCode::Char(k) if k.eq_ignore_ascii_case(&c))
            }
            Key::Digits(from, to) => {
                !ctrl
                    && !alt
                    && matches!(key.code, KeyCode::Char(c) if c.to_digit(10).is_some_and(|d| (u32::from(from)..=u32::from(to)).contains(&d)))
            }
            Key::Yes => {
                matches!(key.code, KeyCode::Char(c) if ui.yes_keys.contains(&c.to_ascii_lowercase()))
            }
            Key::No => {
                matches!(key.code, KeyCode::Char(c) if ui.no_keys.contains(&c.to_ascii_lowercase()))
            }
            Key::Text => true,
        }
    }

    /// The key's name for footers and help; `None` for keys that are not named.
    fn name(self, ui: &crate::i18n::UiText) -> Option<String> {
        Some(match self {
            Key::Show(code) => code_name(code, ui.lang),
            Key::Ctrl(c) => format!("Ctrl+{}", c.to_ascii_uppercase()),
            Key::Digits(a, b) => format!("{a}–{b}"),
            Key::Yes => ui.yes_keys.first()?.to_string(),
            Key::No => ui.no_keys.first()?.to_string(),
            Key::Alias(_) | Key::Text => return None,
        })
    }
}

fn code_name(code: KeyCode, lang: Lang) -> String {
    match code {
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift+Tab".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::Backspace => "Backspace".into(),
        KeyCode::Delete => "Del".into(),
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::Char(' ') => crate::i18n::space_key(lang).into(),
        KeyCode::Char(c) => c.to_string(),
        other => format!("{other:?}"),
    }
}

/// Where the keyboard is now.
pub fn place(app: &App) -> KeyPlace {
    match app.overlay {
        Some(Overlay::Help) => KeyPlace::Help,
        Some(Overlay::Confirm(_)) => KeyPlace::Question,
        None => screen_place(app),
    }
}

/// The place of the screen itself, under any overlay: what the help explains first.
fn screen_place(app: &App) -> KeyPlace {
    match app.screen() {
        Screen::Home(_) => KeyPlace::Home,
        Screen::Pack(_) => KeyPlace::Pack,
        Screen::Dilemma(_) => KeyPlace::Dilemma,
        Screen::Reasoning(r) => match r.focus {
            Field::Editor => KeyPlace::Editor,
            Field::Confidence => KeyPlace::ConfidenceField,
            Field::Share => KeyPlace::ShareField,
        },
        Screen::Spiegel(s) if s.revising.is_some() => KeyPlace::Revising,
        Screen::Spiegel(_) => KeyPlace::Spiegel,
        Screen::History(_) => KeyPlace::History,
        Screen::Answer(_) => KeyPlace::Answer,
        Screen::Development(_) => KeyPlace::Development,
        Screen::SessionSetup(s) => {
            let rows = s.rows(app.packs.get(s.pack).map_or(0, |p| p.dilemmas.len()));
            if rows.get(s.row) == Some(&super::session::state::SetupRow::Names) {
                KeyPlace::SetupNames
            } else {
                KeyPlace::Setup
            }
        }
        Screen::Session(s) if s.confirm.is_some() => KeyPlace::Question,
        Screen::Session(s) if s.notes.is_some() => KeyPlace::Notes,
        Screen::Session(s) if s.redo.is_some() => KeyPlace::Redo,
        Screen::Session(s) => view_place(View::of(s)),
    }
}

/// The table of one place.
pub fn table(place: KeyPlace) -> &'static [Binding] {
    use table::*;
    match place {
        KeyPlace::Everywhere => EVERYWHERE,
        KeyPlace::Home => HOME,
        KeyPlace::Pack => PACK,
        KeyPlace::Dilemma => DILEMMA,
        KeyPlace::Editor => EDITOR,
        KeyPlace::ConfidenceField => CONFIDENCE,
        KeyPlace::ShareField => SHARE,
        KeyPlace::Spiegel => SPIEGEL,
        KeyPlace::Revising => REVISING,
        KeyPlace::History => HISTORY,
        KeyPlace::Answer => ANSWER,
        KeyPlace::Development => DEVELOPMENT,
        KeyPlace::Question => QUESTION,
        KeyPlace::Help => HELP,
        KeyPlace::Setup => SETUP,
        KeyPlace::SetupNames => SETUP_NAMES,
        KeyPlace::Stage => STAGE,
        KeyPlace::Tally => TALLY,
        KeyPlace::Handover => HANDOVER,
        KeyPlace::Ballot => BALLOT,
        KeyPlace::Voted => VOTED,
        KeyPlace::Phones => PHONES,
        KeyPlace::Reveal => REVEAL,
        KeyPlace::Compare => COMPARE,
        KeyPlace::Notes => NOTES_EDITOR,
        KeyPlace::Redo => REDO,
        KeyPlace::Join => JOIN_SCREEN,
        KeyPlace::End => END,
        KeyPlace::BewerkOutline => BEWERK_OUTLINE,
        KeyPlace::BewerkLine => BEWERK_LINE,
        KeyPlace::BewerkText => BEWERK_TEXT,
        KeyPlace::BewerkPicker => BEWERK_PICKER,
        KeyPlace::BewerkSave => BEWERK_SAVE,
    }
}

/// The tables that apply in a place, first match wins: its own, then (on the solo screens,
/// outside text fields) the keys that work everywhere.
pub fn layers(place: KeyPlace) -> Vec<KeyPlace> {
    use KeyPlace::*;
    match place {
        Home | Pack | Dilemma | ConfidenceField | ShareField | Spiegel | History | Answer
        | Development => vec![place, Everywhere],
        _ => vec![place],
    }
}

/// Every place, in the order the help lists them.
pub const ALL_PLACES: [KeyPlace; 28] = {
    use KeyPlace::*;
    [
        Everywhere,
        Home,
        Pack,
        Dilemma,
        Editor,
        ConfidenceField,
        ShareField,
        Spiegel,
        Revising,
        History,
        Answer,
        Development,
        Question,
        Help,
        Setup,
        SetupNames,
        Stage,
        Tally,
        Handover,
        Ballot,
        Voted,
        Phones,
        Reveal,
        Compare,
        Notes,
        Redo,
        Join,
        End,
    ]
};

/// The form editor's places (`wikken bewerk`), in the order its help lists them; the
/// trainer's help leaves them out, the editor's help has only these (and the question and
/// help places it shares with the trainer).
pub const BEWERK_PLACES: [KeyPlace; 7] = {
    use KeyPlace::*;
    [BewerkOutline, BewerkLine, BewerkText, BewerkPicker, BewerkSave, Question, Help]
};

/// The action for `key` in `place`: the first binding there that takes it.
pub fn action_in(place: KeyPlace, key: KeyEvent, ui: &crate::i18n::UiText) -> Option<Action> {
    table(place).iter().find_map(|b| b.action(key, ui))
}

/// The bindings a footer of `width` columns names, chosen by rank from `bindings` as far
/// as they fit (with " · " between them), in table order.
pub fn fitting<'a>(
    bindings: Vec<&'a Binding>,
    ui: &crate::i18n::UiText,
    width: usize,
) -> Vec<&'a Binding> {
    let bindings: Vec<&Binding> =
        bindings.into_iter().filter(|b| b.rank < table::HELP_ONLY).collect();
    let widths: Vec<usize> = bindings.iter().map(|b| b.entry(ui).width()).collect();
    let mut order: Vec<usize> = (0..bindings.len()).collect();
    order.sort_by_key(|&i| bindings[i].rank);
    let mut chosen = vec![false; bindings.len()];
    let mut used = 0;
    for i in order {
        let w = widths[i] + if used == 0 { 0 } else { 3 };
        if used + w <= width {
            used += w;
            chosen[i] = true;
        }
    }
    bindings.into_iter().zip(chosen).filter_map(|(b, c)| c.then_some(b)).collect()
}

/// The help heading for a session view.
fn view_place(view: View) -> KeyPlace {
    match view {
        View::Stage => KeyPlace::Stage,
        View::Tally => KeyPlace::Tally,
        View::Phones => KeyPlace::Phones,
        View::Join => KeyPlace::Join,
        View::Handover => KeyPlace::Handover,
        View::Ballot => KeyPlace::Ballot,
        View::Voted => KeyPlace::Voted,
        View::Reveal => KeyPlace::Reveal,
        View::Compare => KeyPlace::Compare,
        View::End => KeyPlace::End,
    }
}

/// The bindings that apply now, in table order.
pub fn current(app: &App) -> Vec<&'static Binding> {
    layers(place(app))
        .into_iter()
        .flat_map(|p| table(p).iter())
        .filter(|b| b.applies(app))
        .collect()
}

/// The action for a terminal event, or `None` if it means nothing here.
pub fn action_for(app: &App, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => key_action(app, *key),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollUp => Some(Action::ScrollUp),
            MouseEventKind::ScrollDown => Some(Action::ScrollDown),
            // A click counts only where nothing lies over the screen.
            MouseEventKind::Down(MouseButton::Left) if place(app) != KeyPlace::Question => {
                app.click(m.column, m.row)
            }
            _ => None,
        },
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        Event::Paste(text) if takes_text(app) => Some(Action::Paste(text.clone())),
        _ => None,
    }
}

/// Whether the keyboard is in a text field now (pasted text goes there).
fn takes_text(app: &App) -> bool {
    let saving = matches!(app.screen(), Screen::Reasoning(r) if r.saving);
    !saving && current(app).iter().any(|b| matches!(b.does, Does::Edit))
}

fn key_action(app: &App, key: KeyEvent) -> Option<Action> {
    // Ctrl+C always stops (asking first where text would be lost), even in a text field.
    if key.modifiers.contains(KeyModifiers::CONTROL) && matches!(key.code, KeyCode::Char('c')) {
        return Some(Action::Quit);
    }
    if matches!(app.screen(), Screen::Reasoning(r) if r.saving) && app.overlay.is_none() {
        // The answer is being written: the editor takes no text until it is.
        return None;
    }
    current(app).into_iter().find_map(|b| b.action(key, app.ui))
}

/// The footer's entries for the current place: by rank as far as they fit in `width`
/// columns (with " · " between them), shown in table order.
pub fn footer(app: &App, width: usize) -> Vec<String> {
    footer_bindings(app, width).into_iter().map(|b| b.entry(app.ui)).collect()
}

/// The bindings [`footer`] names.
pub fn footer_bindings(app: &App, width: usize) -> Vec<&'static Binding> {
    fitting(current(app), app.ui, width)
}

/// The help's sections: the tables of the place the keyboard is in first, then every
/// other place, each with its bindings as (keys, what they do). Text fields' "any key" is
/// not listed: it is not a key.
pub fn help(app: &App) -> Vec<(KeyPlace, Vec<(String, &'static str)>)> {
    let mut order = layers(screen_place(app));
    order.extend(ALL_PLACES.into_iter().filter(|p| !order.contains(p)).collect::<Vec<_>>());
    order
        .into_iter()
        .map(|place| {
            let lines = table(place)
                .iter()
                .filter(|b| !matches!(b.does, Does::Edit))
                .map(|b| (b.caption(app.ui), b.label.text(app.ui.lang)))
                .collect();
            (place, lines)
        })
        .collect()
}
