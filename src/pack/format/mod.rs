//! The canonical layout of a pack (`wikken fmt`, and what the form editor writes): the
//! pack rendered from its model, following the schema — every record's fields in the
//! schema's order, one per line, four spaces per level — with the comments of the file
//! put back where they stood (see [`comments`]).
//!
//! The layout, so a trainer can predict it:
//! - a record opens with `Name(` and each field follows on a line of its own, ending in a
//!   comma; the record's `)` stands on a line of its own;
//! - every field is written, `None` and `[]` included, except a note's `kind` and `as_of`
//!   and the pack's `summary` when they are empty;
//! - a list of records holds one record per entry; a list of texts stays on one line when
//!   it fits in 100 columns and has no comments inside, and has one text per line if not;
//! - a text is written as it reads: a line break in it is a line break in the file (so the
//!   next line starts at the left margin, as texts over several lines always do), `"` and
//!   `\` are escaped, and characters that do not belong in a text (control, direction and
//!   invisible ones) are written as `\u{…}` so they can be seen; a carriage return before a
//!   line break is left out;
//! - a comment stands where it stood: on its own lines before the field, entry or closing
//!   bracket it preceded, or at the end of the line of the value it followed.
//!
//! Formatting never changes what a pack says: the result is read back and compared with
//! the original — every value, every comment — before anyone gets it.

pub mod comments;
pub(crate) mod fields;

use std::fmt::Write as _;

pub use comments::{Anchor, Comments, Side};
use fields::{Fields, Value};

use super::diagnostic::Diagnostic;
use super::load::{CheckOptions, check_text_with};
use super::model::Pack;
use super::schema::{self, Field, Kind, Record};
use super::span::Pos;
use super::syntax::parse_with_comments;

/// A list of texts stays on one line when it fits in this many columns.
const WIDTH: usize = 100;

/// Why a pack was not formatted.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FormatError {
    /// The pack has errors (`wikken check` shows them): only a pack that reads correctly
    /// has a layout to give.
    #[error("the pack has errors")]
    Problems(Vec<Diagnostic>),
    /// The layout would not read back as the same pack: nothing is written. (A safeguard:
    /// it means a fault in wikken, not in the pack.)
    #[error("the formatted pack does not read back the same")]
    NotTheSame,
}

/// A pack in its canonical layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Formatted {
    /// The text.
    pub text: String,
    /// Where comments stood (in the original) that were inside a value and now stand at
    /// the end of its line.
    pub moved: Vec<Pos>,
}

/// Reads a pack with its comments, for formatting or editing: the model with every text as
/// written (not yet made safe for a terminal), and the comments at their places. Fails
/// when the pack has errors.
pub fn read_with_comments(text: &str) -> Result<(Pack, Comments), FormatError> {
    let checked =
        check_text_with(text, CheckOptions { strict: false, problems_only: true, wet_age: None });
    let errors: Vec<Diagnostic> =
        checked.diagnostics.iter().filter(|d| d.is_error()).cloned().collect();
    let parsed = parse_with_comments(text);
    match (checked.pack, parsed.node) {
        (Some(pack), Some(node)) if errors.is_empty() => {
            Ok((pack, Comments::attach(&node, &parsed.comments)))
        }
        _ => Err(FormatError::Problems(errors)),
    }
}

/// The pack text in its canonical layout, checked to say the same as `text`.
pub fn format_text(text: &str) -> Result<Formatted, FormatError> {
    let (pack, comments) = read_with_comments(text)?;
    let out = render(&pack, &comments);
    let (again, kept) = read_with_comments(&out).map_err(|_| FormatError::NotTheSame)?;
    let texts = |c: &Comments| {
        let mut all: Vec<String> = c.texts().map(str::to_string).collect();
        all.sort();
        all
    };
    if !fields::same_content(&schema::PACK, &pack, &again) || texts(&comments) != texts(&kept) {
        return Err(FormatError::NotTheSame);
    }
    Ok(Formatted { text: out, moved: comments.moved().to_vec() })
}

/// The pack in the canonical layout, with `comments` at their places (see the module
/// documentation). The form editor saves through this.
pub fn render(pack: &Pack, comments: &Comments) -> String {
    let mut w = Writer { out: String::new(), comments };
    let root = Anchor::Item(pack.pos());
    w.before(root, 0);
    w.record(&schema::PACK, pack, 0);
    w.after(root);
    w.out.push('\n');
    w.before(Anchor::FileEnd, 0);
    w.out
}

struct Writer<'c> {
    out: String,
    comments: &'c Comments,
}

impl Writer<'_> {
    fn indent(&mut self, level: usize) {
        for _ in 0..level {
            self.out.push_str("    ");
        }
    }

    /// The comments before `anchor`, each on a line of its own.
    fn before(&mut self, anchor: Anchor, level: usize) {
        for comment in self.comments.at(anchor, Side::Before) {
            self.indent(level);
            self.out.push_str(comment);
            self.out.push('\n');
        }
    }

    /// The comments after `anchor`, at the end of its line.
    fn after(&mut self, anchor: Anchor) {
        for comment in self.comments.at(anchor, Side::After) {
            self.out.push(' ');
            self.out.push_str(comment);
        }
    }

    fn has_comments(&self, anchor: Anchor) -> bool {
        !self.comments.at(anchor, Side::Before).is_empty()
            || !self.comments.at(anchor, Side::After).is_empty()
    }

    fn record(&mut self, schema: &'static Record, record: &dyn Fields, level: usize) {
        self.out.push_str(schema.name);
        self.out.push_str("(\n");
        for field in schema.fields {
            let value = record.get(field.name);
            if matches!(value, Value::Unknown) || (field.hidden_when_empty && value.is_empty()) {
                continue;
            }
            let anchor = Anchor::Field { record: record.pos(), field: field.name };
            self.before(anchor, level + 1);
            self.indent(level + 1);
            self.out.push_str(field.name);
            self.out.push_str(": ");
            self.value(value, field, record.pos(), level + 1);
            self.out.push(',');
            self.after(anchor);
            self.out.push('\n');
        }
        self.before(Anchor::End { record: record.pos(), field: None }, level + 1);
        self.indent(level);
        self.out.push(')');
    }

    /// The value of `field` (of the record at `record`), written at `level`.
    fn value(&mut self, value: Value, field: &'static Field, record: Pos, level: usize) {
        let end = Anchor::End { record, field: Some(field.name) };
        match value {
            Value::Text(s) => quote(&mut self.out, s),
            Value::Integer(n) => {
                let _ = write!(self.out, "{n}");
            }
            Value::Optional(None) => self.out.push_str("None"),
            Value::Optional(Some(s)) => {
                self.out.push_str("Some(");
                quote(&mut self.out, s);
                self.out.push(')');
            }
            Value::Word(w) => self.out.push_str(w.unwrap_or_default()),
            Value::Texts(items) => {
                let inline: Vec<String> = items
                    .iter()
                    .map(|s| {
                        let mut q = String::new();
                        quote(&mut q, s);
                        q
                    })
                    .collect();
                let one_line = format!("[{}]", inline.join(", "));
                let width = 4 * level + field.name.len() + 2 + one_line.chars().count() + 1;
                let quiet = !self.has_comments(end)
                    && items.iter().all(|s| !self.has_comments(Anchor::Item(s.pos)));
                if quiet && width <= WIDTH && !one_line.contains('\n') {
                    self.out.push_str(&one_line);
                    return;
                }
                let entries = items.iter().zip(inline).map(|(item, quoted)| (item.pos, quoted));
                self.entries(entries, end, level, |w, quoted| w.out.push_str(&quoted));
            }
            Value::Records(items) => {
                let Kind::Records(schema) = field.kind else { return };
                if items.is_empty() && !self.has_comments(end) {
                    self.out.push_str("[]");
                    return;
                }
                let entries = items.into_iter().map(|item| (item.pos(), item));
                self.entries(entries, end, level, |w, item| w.record(schema, item, level + 1));
            }
            Value::Unknown => {}
        }
    }

    /// A list written one entry per line, each with its comments, then the comments before
    /// its `]` (`end`).
    fn entries<T>(
        &mut self,
        entries: impl Iterator<Item = (Pos, T)>,
        end: Anchor,
        level: usize,
        mut write: impl FnMut(&mut Self, T),
    ) {
        self.out.push_str("[\n");
        for (pos, entry) in entries {
            let anchor = Anchor::Item(pos);
            self.before(anchor, level + 1);
            self.indent(level + 1);
            write(self, entry);
            self.out.push(',');
            self.after(anchor);
            self.out.push('\n');
        }
        self.before(end, level + 1);
        self.indent(level);
        self.out.push(']');
    }
}

/// `s` as a RON text: `"` and `\` escaped, a line break kept as one (a CR before it left
/// out), a tab as `\t`, and every other character that does not belong in a text as
/// `\u{…}`, so it can be seen.
fn quote(out: &mut String, s: &str) {
    out.push('"');
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push('\n'),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\t' => out.push_str("\\t"),
            c if crate::clean::is_unsafe(c) || crate::clean::is_invisible(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests;
