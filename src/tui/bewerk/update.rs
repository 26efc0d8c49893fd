//! The form editor's `update`: one [`Action`] changes the [`State`] and returns the
//! [`Effect`]s to perform. No I/O here: a save is an effect the editor's writer performs
//! off the drawing thread, answered with [`Action::PackSaved`] or [`Action::SaveFailed`].

use std::path::PathBuf;

use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use super::edit::{self, Item, Refused};
use super::state::{Cursor, Focus, Question, State, Status};
use crate::pack::schema::Kind;
use crate::tui::Action;

/// What the editor asks its loop to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write `text` to `path` atomically, after copying the file there now to `backup`.
    Save {
        /// The pack file.
        path: PathBuf,
        /// The pack in the canonical layout, checked.
        text: String,
        /// Where to keep the previous version (at the first save of a session).
        backup: Option<PathBuf>,
    },
    /// Write `text` to a new file beside `path` (`NAME.kopie.ron`, or `NAME.kopie-2.ron`, …
    /// when that exists), never over an existing one.
    SaveCopy {
        /// The pack file the copy is named after.
        path: PathBuf,
        /// The pack in the canonical layout, checked.
        text: String,
    },
}

/// Where the previous version of `path` is kept: `PACK.ron.bak` beside it.
pub fn backup_path(path: &std::path::Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// Handles one action.
pub fn update(state: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::Resize(w, h) => {
            state.size = (w, h);
            return Vec::new();
        }
        Action::PackSaved { path, backup } => {
            state.saving = false;
            state.backed_up |= backup.is_some() || path != state.path;
            state.comments_answered = true;
            state.status = Some(Status::Saved {
                file: crate::clean::path(&path),
                backup: backup.as_deref().map(crate::clean::path),
            });
            state.file =
                crate::clean::path(path.file_name().map_or(path.as_path(), std::path::Path::new));
            state.path = path;
            return Vec::new();
        }
        Action::SaveFailed(why) => {
            state.saving = false;
            state.dirty = true;
            state.status = Some(Status::SaveFailed(why));
            return Vec::new();
        }
        _ => {}
    }
    match std::mem::replace(&mut state.focus, Focus::Outline) {
        Focus::Outline => outline(state, action),
        Focus::Text(editor) => text(state, *editor, action),
        Focus::Picker(picker) => pick(state, picker, action),
        Focus::Confirm(question) => confirm(state, question, action),
        Focus::Help(scroll) => {
            // Scrolled no further than the help is long, so Up answers at once.
            let area = ratatui::layout::Rect::new(0, 0, state.size.0, state.size.1);
            let text = crate::tui::widgets::overlay::help_text_area(area);
            let lines = super::view::help_document(state, text.width).len();
            let end = crate::tui::widgets::document::max_scroll(lines, text.height);
            let page = text.height.max(1);
            state.focus = match action {
                Action::CloseOverlay | Action::Back => Focus::Outline,
                Action::Up | Action::ScrollUp => Focus::Help(scroll.saturating_sub(1)),
                Action::Down | Action::ScrollDown => Focus::Help(scroll.saturating_add(1).min(end)),
                Action::PageUp => Focus::Help(scroll.saturating_sub(page)),
                Action::PageDown => Focus::Help(scroll.saturating_add(page).min(end)),
                Action::First => Focus::Help(0),
                Action::Last => Focus::Help(end),
                _ => Focus::Help(scroll),
            };
            Vec::new()
        }
    }
}

fn outline(state: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::Up => move_by(state, -1),
        Action::Down => move_by(state, 1),
        Action::First => move_by(state, isize::MIN / 2),
        Action::Last => move_by(state, isize::MAX / 2),
        Action::PageUp | Action::ScrollUp => {
            state.preview_scroll = state.preview_scroll.saturating_sub(page(state));
        }
        Action::PageDown | Action::ScrollDown => {
            state.preview_scroll = state.preview_scroll.saturating_add(page(state));
        }
        Action::Enter => open_field(state),
        // A click selects a row; a click on the selected row opens it, as Enter does.
        Action::Select(index) => match state.rows().get(index) {
            Some(row) if row.at == state.cursor => open_field(state),
            Some(row) => {
                if row.at.item.dilemma() != state.cursor.item.dilemma() {
                    state.preview_scroll = 0;
                }
                state.cursor = row.at;
            }
            None => {}
        },
        Action::Back => {
            // Back up one level: from a field to its record, from a record to its list.
            let Cursor { item, field } = state.cursor;
            state.cursor = match (field, item.place()) {
                (Some(_), _) => Cursor { item, field: None },
                (None, Some((parent, list, _))) => Cursor { item: parent, field: Some(list) },
                (None, None) => state.cursor,
            };
        }
        Action::Add => add(state),
        Action::Remove => match state.cursor.item {
            Item::Pack => state.status = Some(Status::NoListHere),
            item => state.focus = Focus::Confirm(Question::Remove(item)),
        },
        Action::MoveUp => shift(state, -1),
        Action::MoveDown => shift(state, 1),
        Action::NextField => state.show_preview = !state.show_preview,
        Action::Submit => return save(state),
        Action::Help => state.focus = Focus::Help(0),
        Action::Quit => quit(state),
        _ => {}
    }
    Vec::new()
}

/// Half a body of preview per page.
fn page(state: &State) -> u16 {
    (state.size.1 / 2).max(1)
}

fn quit(state: &mut State) {
    if state.dirty {
        state.focus = Focus::Confirm(Question::Quit);
    } else {
        state.quit = true;
    }
}

/// Moves the cursor `by` rows (clamped to the outline).
fn move_by(state: &mut State, by: isize) {
    let rows = state.rows();
    let at = rows.iter().position(|r| r.at == state.cursor).unwrap_or(0);
    let to = at.saturating_add_signed(by).min(rows.len().saturating_sub(1));
    if let Some(row) = rows.get(to) {
        if row.at.item.dilemma() != state.cursor.item.dilemma() {
            state.preview_scroll = 0;
        }
        state.cursor = row.at;
    }
}

/// Enter on a row: a field opens its editor or its list to choose from; a heading or a
/// list of records moves into it.
fn open_field(state: &mut State) {
    let Some(field) = state.field() else { return move_by(state, 1) };
    let item = state.cursor.item;
    if edit::is_record_list(field) {
        return move_by(state, 1);
    }
    if edit::is_chosen(item, field) {
        state.focus = Focus::Picker(state.picker(field.name));
        return;
    }
    let text = edit::field_text(&state.pack, item, field.name);
    let lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let mut editor = TextArea::from(lines);
    editor.set_wrap_mode(WrapMode::WordOrGlyph);
    editor.move_cursor(CursorMove::Bottom);
    editor.move_cursor(CursorMove::End);
    state.focus = Focus::Text(Box::new(editor));
}

/// Whether the field under the cursor is typed on one line (Enter finishes it).
pub fn one_line(state: &State) -> bool {
    state.field().is_some_and(|f| !f.multiline && !matches!(f.kind, Kind::Texts))
}

fn text(state: &mut State, mut editor: TextArea<'static>, action: Action) -> Vec<Effect> {
    let single = one_line(state);
    match action {
        Action::Edit(key) => {
            editor.input(key);
            write_back(state, &editor);
        }
        Action::Paste(text) => {
            let text = text.replace("\r\n", "\n").replace('\r', "\n");
            editor.insert_str(if single { text.replace('\n', " ") } else { text });
            write_back(state, &editor);
        }
        Action::Back | Action::Enter => return Vec::new(),
        Action::Submit => return save(state),
        Action::Help => {
            state.focus = Focus::Help(0);
            return Vec::new();
        }
        Action::Quit => {
            quit(state);
            return Vec::new();
        }
        _ => {}
    }
    state.focus = Focus::Text(Box::new(editor));
    Vec::new()
}

/// Puts what the editor holds into the field, and checks the pack again.
fn write_back(state: &mut State, editor: &TextArea) {
    let (Some(field), item) = (state.cursor.field, state.cursor.item) else { return };
    let text = editor.lines().join("\n");
    set(state, item, field, &text);
}

/// Sets a field from text and checks the pack again.
fn set(state: &mut State, item: Item, field: &str, text: &str) {
    if edit::field_text(&state.pack, item, field) == text {
        return;
    }
    match edit::set_field_text(&mut state.pack, item, field, text, &mut state.fresh) {
        Ok(()) => {
            state.dirty = true;
            if state.status == Some(Status::NotANumber) {
                state.status = None;
            }
            state.validate();
        }
        Err(Refused::NotANumber) => state.status = Some(Status::NotANumber),
    }
}

fn pick(state: &mut State, mut picker: super::state::Picker, action: Action) -> Vec<Effect> {
    let last = picker.values.len().saturating_sub(1);
    match action {
        Action::Up => picker.selected = picker.selected.saturating_sub(1),
        Action::Down => picker.selected = (picker.selected + 1).min(last),
        Action::First => picker.selected = 0,
        Action::Last => picker.selected = last,
        Action::Toggle if picker.multi => {
            if let Some(c) = picker.chosen.get_mut(picker.selected) {
                *c = !*c;
            }
        }
        Action::Enter => {
            let value = if picker.multi {
                let chosen = picker.values.iter().zip(&picker.chosen).filter(|(_, c)| **c);
                chosen.map(|(v, _)| v.as_str()).collect::<Vec<_>>().join("\n")
            } else {
                picker.values.get(picker.selected).cloned().unwrap_or_default()
            };
            set(state, state.cursor.item, picker.field, &value);
            return Vec::new();
        }
        Action::Back => return Vec::new(),
        _ => {}
    }
    state.focus = Focus::Picker(picker);
    Vec::new()
}

fn confirm(state: &mut State, question: Question, action: Action) -> Vec<Effect> {
    match (question, action) {
        (Question::Remove(item), Action::Yes) => {
            if let Some(at) = edit::remove(&mut state.pack, item) {
                state.cursor = Cursor { item: at, field: None };
                changed(state);
            }
        }
        (Question::Quit, Action::Yes) => state.quit = true,
        (Question::SaveWhere, Action::Yes) => {
            state.comments_answered = true;
            return save(state);
        }
        (Question::SaveWhere, Action::SaveCopy) => return write(state, true),
        (_, Action::No | Action::Back) => {}
        (question, _) => state.focus = Focus::Confirm(question),
    }
    Vec::new()
}

/// After a structural change: the pack is checked again and the preview starts at its top.
fn changed(state: &mut State) {
    state.dirty = true;
    state.preview_scroll = 0;
    state.validate();
}

/// Adds a record: to the list under the cursor, or after the record the cursor is in.
fn add(state: &mut State) {
    let Cursor { item, field } = state.cursor;
    let target = match field.and_then(|f| edit::field_of(item, f)) {
        Some(f) if edit::is_record_list(f) => Some((item, f.name, usize::MAX)),
        _ => item.place().map(|(parent, list, i)| (parent, list, i + 1)),
    };
    let Some((parent, list, at)) = target else {
        state.status = Some(Status::NoListHere);
        return;
    };
    if let Some(new) = edit::add(&mut state.pack, parent, list, at, &mut state.fresh) {
        changed(state);
        // A new note says first what kind of knowledge it brings.
        if matches!(new, Item::Note(..)) {
            state.cursor = Cursor { item: new, field: Some("kind") };
            state.focus = Focus::Picker(state.picker("kind"));
        } else {
            let first = new.schema().fields.iter().find(|f| f.required && f.name != "id");
            state.cursor = Cursor { item: new, field: first.map(|f| f.name) };
        }
    }
}

fn shift(state: &mut State, by: isize) {
    let item = state.cursor.item;
    if item.place().is_none() {
        state.status = Some(Status::NoListHere);
        return;
    }
    if let Some(to) = edit::shift(&mut state.pack, item, by) {
        state.cursor = Cursor { item: to, field: state.cursor.field };
        changed(state);
    }
}

/// Saves, if the pack is valid: asks first when comments would move (once).
fn save(state: &mut State) -> Vec<Effect> {
    if state.saving {
        return Vec::new();
    }
    let errors = state.errors();
    if errors > 0 {
        state.status = Some(Status::HasErrors(errors));
        return Vec::new();
    }
    // A pack wikken would refuse to read is never written.
    let size = state.text().len() as u64;
    if size > crate::pack::MAX_FILE_SIZE {
        state.status = Some(Status::TooLarge(size));
        return Vec::new();
    }
    if !state.comments_answered {
        state.focus = Focus::Confirm(Question::SaveWhere);
        return Vec::new();
    }
    write(state, false)
}

fn write(state: &mut State, copy: bool) -> Vec<Effect> {
    let (path, text) = (state.path.clone(), state.text());
    state.saving = true;
    state.dirty = false;
    vec![if copy {
        Effect::SaveCopy { path, text }
    } else {
        let backup = (!state.backed_up).then(|| backup_path(&path));
        Effect::Save { path, text, backup }
    }]
}
