//! What the form editor holds: the pack being edited with its comments, where the cursor
//! stands, what has the keyboard, and the problems `check --strict` finds in the pack as it
//! would be saved. The outline's rows follow the schema.

use std::path::PathBuf;

use ratatui_textarea::TextArea;

use super::edit::{self, Fresh, Item};
use crate::i18n::Lang;
use crate::pack::format::fields::{Fields, Value};
use crate::pack::schema::{self, Field, Kind, Record};
use crate::pack::{
    CheckOptions, Comments, Diagnostic, Pack, Pos, WetAge, check_text_with, duplicate_pack, render,
};
use crate::tui::Theme;

/// Where the cursor stands: a record's heading (`field: None`) or one of its fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    /// The record.
    pub item: Item,
    /// The field, by schema name.
    pub field: Option<&'static str>,
}

/// One row of the outline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    /// The record and field it shows.
    pub at: Cursor,
    /// How deep it is indented.
    pub depth: u16,
}

/// A list to choose a field's value from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    /// The note field chosen for (`kind`, `as_of` or `sources`).
    pub field: &'static str,
    /// The values offered ("" is none).
    pub values: Vec<String>,
    /// Which are chosen.
    pub chosen: Vec<bool>,
    /// Whether more than one may be chosen (a note's sources).
    pub multi: bool,
    /// The highlighted entry.
    pub selected: usize,
}

/// A question the editor waits on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Question {
    /// Remove this record?
    Remove(Item),
    /// Quit without saving the changes?
    Quit,
    /// Comments inside values move to the end of their line: save here anyway, or a copy?
    SaveWhere,
}

/// What has the keyboard.
#[derive(Debug, Clone)]
pub enum Focus {
    /// The outline.
    Outline,
    /// The editor of the field under the cursor.
    Text(Box<TextArea<'static>>),
    /// A list to choose the field's value from.
    Picker(Picker),
    /// A question.
    Confirm(Question),
    /// The help, scrolled this far.
    Help(u16),
}

/// A line under the form saying what just happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// Written (and where the previous version was kept, at the first save).
    Saved {
        /// The file written, for the screen.
        file: String,
        /// The backup made now, if any.
        backup: Option<String>,
    },
    /// The write failed: why.
    SaveFailed(String),
    /// Not written: the pack has this many errors.
    HasErrors(usize),
    /// `version` takes a whole number; the typed text was not taken.
    NotANumber,
    /// There is no list here to add to, remove from or move in.
    NoListHere,
    /// Opening: the file is not in the canonical layout; saving will put it in it.
    LayoutWillChange,
    /// Not written: the pack would be this many bytes, more than wikken reads.
    TooLarge(u64),
    /// Opening: this many comments stand inside a value and will move (asked at the save).
    CommentsWillMove(usize),
}

/// A problem found in the pack as it would be saved, and where in the outline it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// What `check` says.
    pub diag: Diagnostic,
    /// The record and field it is about.
    pub at: Cursor,
}

/// The form editor.
#[derive(Debug, Clone)]
pub struct State {
    /// Interface texts.
    pub ui: &'static crate::i18n::UiText,
    /// Colours.
    pub theme: Theme,
    /// The file edited (written to on save).
    pub path: PathBuf,
    /// Its name, cleaned for a terminal.
    pub file: String,
    /// The pack, texts as written.
    pub pack: Pack,
    /// Its comments, at their places.
    pub comments: Comments,
    /// Positions for records made here.
    pub fresh: Fresh,
    /// Where the cursor stands.
    pub cursor: Cursor,
    /// What has the keyboard.
    pub focus: Focus,
    /// How far the preview is scrolled.
    pub preview_scroll: u16,
    /// On a narrow screen: whether the preview is shown instead of the outline.
    pub show_preview: bool,
    /// What `check --strict` says about the pack as it would be saved.
    pub problems: Vec<Problem>,
    /// Changed since the last save.
    pub dirty: bool,
    /// A save is under way.
    pub saving: bool,
    /// Whether the first save made its backup already.
    pub backed_up: bool,
    /// Whether the question about moved comments was answered.
    pub comments_answered: bool,
    /// What just happened.
    pub status: Option<Status>,
    /// Today, `YYYY-MM-DD` (for the months a Wet note can be checked in).
    pub today: String,
    /// Terminal size.
    pub size: (u16, u16),
    /// The pack ids the app loads before this file, with where each comes from: an id
    /// among them is refused, as `wikken check FILE` refuses it.
    pub taken: Vec<(String, String)>,
    /// When a Wet note is due to be checked again (`None`: never), as `wikken check` warns.
    pub wet_age: Option<WetAge>,
    /// The editor is done.
    pub quit: bool,
}

impl State {
    /// An editor for `pack` (read with its comments from `text`, the file's contents).
    pub fn new(
        lang: Lang,
        theme: Theme,
        path: PathBuf,
        text: &str,
        pack: Pack,
        comments: Comments,
        today: String,
    ) -> State {
        let file =
            crate::clean::path(path.file_name().map_or(path.as_path(), std::path::Path::new));
        let moved = comments.moved().len();
        let status = if moved > 0 {
            Some(Status::CommentsWillMove(moved))
        } else if render(&pack, &comments) != text {
            Some(Status::LayoutWillChange)
        } else {
            None
        };
        let mut state = State {
            ui: lang.ui(),
            theme,
            path,
            file,
            pack,
            comments_answered: moved == 0,
            comments,
            fresh: Fresh::default(),
            cursor: Cursor { item: Item::Pack, field: None },
            focus: Focus::Outline,
            preview_scroll: 0,
            show_preview: false,
            problems: Vec::new(),
            dirty: false,
            saving: false,
            backed_up: false,
            status,
            today,
            size: (crate::tui::FALLBACK_SIZE.width, crate::tui::FALLBACK_SIZE.height),
            taken: Vec::new(),
            wet_age: None,
            quit: false,
        };
        state.cursor = state.rows().first().map_or(state.cursor, |r| r.at);
        state.validate();
        state
    }

    /// The interface language.
    pub fn lang(&self) -> Lang {
        self.ui.lang
    }

    /// The pack as it would be saved: the canonical layout with the comments.
    pub fn text(&self) -> String {
        render(&self.pack, &self.comments)
    }

    /// Checks the pack as it would be saved, as `wikken check --strict` does, and places
    /// each problem in the outline.
    pub fn validate(&mut self) {
        let text = self.text();
        let options = CheckOptions { strict: true, problems_only: true, wet_age: self.wet_age };
        let mut checked = check_text_with(&text, options);
        let places = checked.pack.as_ref().map(places).unwrap_or_default();
        if let Some(pack) = &checked.pack
            && let Some((_, first)) = self.taken.iter().find(|(id, _)| *id == pack.id.value)
        {
            let clash = duplicate_pack(&pack.id.value, pack.id.pos, first.clone());
            checked.diagnostics.push(clash);
        }
        let mut problems: Vec<Problem> = checked
            .diagnostics
            .into_iter()
            .map(|diag| {
                let at = locate(&places, diag.pos);
                Problem { diag, at }
            })
            .collect();
        // Errors first, each group in file order.
        problems.sort_by_key(|p| (!p.diag.is_error(), p.diag.pos));
        self.problems = problems;
    }

    /// How many problems are errors.
    pub fn errors(&self) -> usize {
        self.problems.iter().filter(|p| p.diag.is_error()).count()
    }

    /// The problems about this row (a heading: about the record itself).
    pub fn problems_at(&self, at: Cursor) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(move |p| p.at == at)
    }

    /// The dilemma the preview shows: the one the cursor is in, or the first.
    pub fn preview_dilemma(&self) -> usize {
        self.cursor.item.dilemma().unwrap_or(0)
    }

    /// Whether a record's fields are shown: the pack's always, a source's when the cursor is
    /// in it, and everything of the dilemma the cursor is in.
    pub fn open(&self, item: Item) -> bool {
        match item {
            Item::Pack => true,
            Item::Source(_) => self.cursor.item == item,
            _ => item.dilemma().is_some() && item.dilemma() == self.cursor.item.dilemma(),
        }
    }

    /// The outline: every record of the pack as a heading, the fields of the open ones
    /// below it, a list of records as a row of its own with its records under it.
    pub fn rows(&self) -> Vec<Row> {
        let mut rows = Vec::new();
        self.push_rows(Item::Pack, 0, &mut rows);
        rows
    }

    fn push_rows(&self, item: Item, depth: u16, rows: &mut Vec<Row>) {
        rows.push(Row { at: Cursor { item, field: None }, depth });
        if !self.open(item) {
            return;
        }
        for field in item.schema().fields {
            rows.push(Row { at: Cursor { item, field: Some(field.name) }, depth: depth + 1 });
            if edit::is_record_list(field) {
                for i in 0..edit::list_len(&self.pack, item, field.name) {
                    if let Some(child) = item.child(field.name, i) {
                        self.push_rows(child, depth + 2, rows);
                    }
                }
            }
        }
    }

    /// The schema field under the cursor.
    pub fn field(&self) -> Option<&'static Field> {
        edit::field_of(self.cursor.item, self.cursor.field?)
    }

    /// The values a note field is chosen from, with those it holds now marked.
    pub fn picker(&self, field: &'static str) -> Picker {
        let item = self.cursor.item;
        let current = edit::field_text(&self.pack, item, field);
        let (values, chosen, multi): (Vec<String>, Vec<bool>, bool) = match field {
            "kind" => {
                let values: Vec<String> = schema::NOTE_KINDS
                    .iter()
                    .map(|k| (*k).to_string())
                    .chain([String::new()])
                    .collect();
                let chosen = values.iter().map(|v| *v == current).collect();
                (values, chosen, false)
            }
            "as_of" => {
                let mut values = vec![String::new()];
                if !current.is_empty() && !months(&self.today).contains(&current) {
                    values.push(current.clone());
                }
                values.extend(months(&self.today));
                let chosen = values.iter().map(|v| *v == current).collect();
                (values, chosen, false)
            }
            _ => {
                let cited = edit::field_texts(&self.pack, item, field);
                let mut values: Vec<String> =
                    self.pack.sources.iter().map(|s| s.id.value.clone()).collect();
                // A cited id the pack does not list stays choosable, so it is not lost.
                values.extend(
                    cited.iter().filter(|c| !values.contains(c)).cloned().collect::<Vec<_>>(),
                );
                let chosen = values.iter().map(|v| cited.contains(v)).collect();
                (values, chosen, true)
            }
        };
        // On what is chosen; with nothing chosen yet, on the first real value.
        let selected =
            values.iter().zip(&chosen).position(|(v, &c)| c && !v.is_empty()).unwrap_or(0);
        Picker { field, values, chosen, multi, selected }
    }
}

/// How many months back a Wet note's check month can be chosen.
const MONTHS_BACK: i32 = 36;

/// `YYYY-MM` of this month and the [`MONTHS_BACK`] before it, newest first.
pub fn months(today: &str) -> Vec<String> {
    let year: i32 = today.get(0..4).and_then(|y| y.parse().ok()).unwrap_or(2026);
    let month: i32 = today.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(1);
    let now = year * 12 + (month - 1);
    (0..MONTHS_BACK)
        .map(|back| {
            let at = now - back;
            format!("{:04}-{:02}", at.div_euclid(12), at.rem_euclid(12) + 1)
        })
        .collect()
}

/// Every position of the pack as it would be saved that a problem can point at: each
/// record's start and each text's, with the record and field they belong to.
fn places(pack: &Pack) -> Vec<(Pos, Cursor)> {
    fn walk(
        schema: &'static Record,
        record: &dyn Fields,
        item: Item,
        out: &mut Vec<(Pos, Cursor)>,
    ) {
        out.push((record.pos(), Cursor { item, field: None }));
        for field in schema.fields {
            let at = Cursor { item, field: Some(field.name) };
            match record.get(field.name) {
                Value::Text(s) | Value::Optional(Some(s)) => out.push((s.pos, at)),
                Value::Texts(items) => out.extend(items.iter().map(|s| (s.pos, at))),
                Value::Records(items) => {
                    let Kind::Records(inner) = field.kind else { continue };
                    for (i, child) in items.into_iter().enumerate() {
                        if let Some(item) = item.child(field.name, i) {
                            walk(inner, child, item, out);
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(&schema::PACK, pack, Item::Pack, &mut out);
    out
}

/// The record and field a problem at `pos` is about: the text or record starting there,
/// or else the last record that starts before it.
fn locate(places: &[(Pos, Cursor)], pos: Pos) -> Cursor {
    if let Some((_, at)) = places.iter().find(|(p, _)| *p == pos) {
        return *at;
    }
    places
        .iter()
        .filter(|(p, at)| *p <= pos && at.field.is_none())
        .max_by_key(|(p, _)| *p)
        .map_or(Cursor { item: Item::Pack, field: None }, |(_, at)| *at)
}
