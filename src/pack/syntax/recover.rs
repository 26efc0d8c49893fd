//! Recovery after a mistake: where a missing comma or bracket belongs, which closing
//! bracket closes what, and skipping to the next entry.

use super::*;

impl Parser<'_> {
    /// Something other than `,` or the closing bracket follows a value. If it looks like
    /// the start of the next entry, the comma is missing: say so where the value ended.
    pub(super) fn after_value_error(&self, close: char) -> Diagnostic {
        let starts_entry =
            matches!(self.peek(), Some(c) if is_ident_start(c) || matches!(c, '"' | '(' | '['));
        if !starts_entry {
            return self.unexpected(Expected::CommaOrClose(close));
        }
        if let Some(start) = self.last_multiline_string
            && self.pos == self.last_end
        {
            // `"open,\n b: "x"`: the quote that seemed to close the string opened the next.
            return Diagnostic::error(start, DiagnosticKind::UnterminatedString);
        }
        let diag =
            Diagnostic::error(self.last_end, DiagnosticKind::MissingComma { next: self.pos });
        match self.last_multiline_string {
            Some(start) => diag.with_hint(Hint::CheckStringAt(start)),
            None => diag,
        }
    }

    /// A closing bracket `found` that the innermost container does not expect.
    pub(super) fn closer_kind(&self, found: char) -> Closer {
        let opener = match found {
            ')' => '(',
            ']' => '[',
            _ => '{',
        };
        let outer = &self.open[..self.open.len().saturating_sub(1)];
        if outer.contains(&opener) { Closer::Outer } else { Closer::Stray }
    }

    /// After an error inside a container that closes with `close`: skips to just after the
    /// next comma at this level, or to this container's closing bracket (not consumed), or
    /// to a bracket that closes an enclosing container, skipping nested brackets, texts and
    /// comments on the way.
    pub(super) fn sync(&mut self) -> PResult<()> {
        let mut nested: Vec<char> = Vec::new();
        let from = self.idx;
        let result = self.sync_from(&mut nested);
        // Having skipped what it did not recognise, the reader is only sure where it is when
        // a field or record it knows follows; otherwise what it reports after this may only
        // follow from the error that made it skip.
        let skipped = self.src.get(from..self.idx).unwrap_or_default();
        let skipped_something = !skip_blank(skipped).trim_start_matches(',').trim().is_empty();
        if skipped_something && !resumes_at(skip_blank(self.rest())) && self.unsure_at.is_none() {
            self.unsure_at = self.errors.last().map(|d| d.pos);
        }
        result
    }

    fn sync_from(&mut self, nested: &mut Vec<char>) -> PResult<()> {
        loop {
            match self.peek() {
                None => return Ok(()),
                Some('"') => self.skip_string()?,
                Some('/') if matches!(self.peek2(), Some('/' | '*')) => self.skip_trivia()?,
                Some(c @ ('(' | '[' | '{')) => {
                    nested.push(c);
                    self.bump();
                }
                Some(')' | ']' | '}') if nested.is_empty() => return Ok(()),
                Some(')' | ']' | '}') => {
                    nested.pop();
                    self.bump();
                }
                Some(',') if nested.is_empty() => {
                    self.bump();
                    return Ok(());
                }
                Some(_) => {
                    self.bump();
                }
            }
        }
    }

    /// Whether the cursor is at `name value` without the `:` between: an identifier, then
    /// on the same line the start of a text, number, list or record.
    pub(super) fn missing_colon_ahead(&self) -> bool {
        let rest = self.rest();
        if !rest.chars().next().is_some_and(is_ident_start) {
            return false;
        }
        let end = rest
            .char_indices()
            .find(|&(_, c)| !is_ident_continue(c))
            .map_or(rest.len(), |(i, _)| i);
        let after = &rest[end..];
        let gap = after.len() - after.trim_start_matches([' ', '\t']).len();
        let next = after.trim_start_matches([' ', '\t']).chars().next();
        gap > 0
            && matches!(next, Some(c) if c == '"' || c == '[' || c.is_ascii_digit() || curly_closers(c).is_some())
    }

    /// Whether the cursor is at a record or tuple that starts a new entry: `Name(` or `(`.
    pub(super) fn sibling_record_ahead(&self) -> bool {
        record_at(self.rest())
    }

    /// Whether the wrong closing bracket at the cursor was meant for the innermost
    /// container (`["a")` for `["a"]`) rather than closing an enclosing one (whose own
    /// bracket is then missing). What follows tells: a field follows a value in a record,
    /// a record follows one in a list.
    pub(super) fn closes_current(&self) -> bool {
        let after = self.rest().get(1..).unwrap_or_default().trim_start();
        let after = after.strip_prefix(',').unwrap_or(after).trim_start();
        let parent = self.open.len().checked_sub(2).and_then(|i| self.open.get(i)).copied();
        if field_at(after) {
            parent == Some('(')
        } else if record_at(after) {
            parent == Some('[')
        } else {
            false
        }
    }

    /// Whether the `)` at the cursor is one too many in a list whose last entry is a record
    /// named `last`: after it (and a comma) comes another record of that name, as in
    /// `Source(…)),` and then `Source(`. (When a record of another name follows, the list's
    /// `]` is missing instead: see [`Self::closer_kind`].)
    pub(super) fn extra_close_in_list(&self, last: Option<&str>) -> bool {
        let after = skip_blank(self.rest().get(1..).unwrap_or_default());
        let after = skip_blank(after.strip_prefix(',').unwrap_or(after));
        matches!((last, record_name_at(after)), (Some(a), Some(b)) if a == b)
    }

    /// Whether the `)` at the cursor is one too many inside the record `schema`, which has
    /// `fields` so far: a field of this record that it does not have yet follows, where no
    /// field can follow its end (in a list, or at the end of the file).
    pub(super) fn extra_close_in_record(
        &self,
        schema: Option<&schema::Record>,
        fields: &[(Spanned<Name>, Node)],
    ) -> bool {
        let Some(schema) = schema else { return false };
        let parent = self.open.len().checked_sub(2).and_then(|i| self.open.get(i));
        if parent == Some(&'(') {
            return false;
        }
        let after = skip_blank(self.rest().get(1..).unwrap_or_default());
        let after = skip_blank(after.strip_prefix(',').unwrap_or(after));
        let Some(name) = field_name_at(after) else { return false };
        schema.has(name) && !fields.iter().any(|(k, _)| k.value == name)
    }

    /// Reports and skips a `)` that closes nothing (see [`Self::extra_close_in_list`]),
    /// with the comma after it, so reading goes on as if it were not there.
    pub(super) fn skip_extra_close(&mut self) -> PResult<()> {
        let diag = self.err(DiagnosticKind::ExtraClose { found: ')' });
        self.fail(diag)?;
        self.bump();
        self.skip_trivia()?;
        if self.peek() == Some(',') {
            self.bump();
        }
        Ok(())
    }

    /// Whether the cursor, inside a list, is at a field of the record around the list: the
    /// list's `]` is missing (`authors: ["a",` and then `license: …`).
    pub(super) fn field_in_list_ahead(&self) -> bool {
        let parent = self.open.len().checked_sub(2).and_then(|i| self.open.get(i));
        parent == Some(&'(') && field_at(self.rest())
    }

    /// `options: Option(…), Option(…)` without `[ ]` around them (reported at the first):
    /// the entries that follow `first`, up to the next field, the record's `)`, or the `]`
    /// when only the `[` was forgotten.
    pub(super) fn bracketless_list(&mut self, first: Node, field: &str) -> PResult<Node> {
        let (pos, mut end) = (first.pos, first.end);
        let diag =
            Diagnostic::error(pos, DiagnosticKind::MissingListOpen { field: field.to_string() });
        self.fail(diag)?;
        let mut items = vec![first];
        loop {
            self.skip_trivia()?;
            if self.peek() == Some(']') {
                self.bump();
                end = self.pos;
                self.last_end = end;
                break;
            }
            if self.peek() != Some(',') {
                break;
            }
            let after = skip_blank(self.rest().get(1..).unwrap_or_default());
            if after.starts_with(']') {
                self.bump();
                self.skip_trivia()?;
                self.bump();
                end = self.pos;
                self.last_end = end;
                break;
            }
            if after.is_empty() || after.starts_with(')') || field_at(after) {
                break;
            }
            self.bump();
            self.skip_trivia()?;
            let (node, skipped) = self.entry()?;
            end = node.end;
            items.push(node);
            if skipped || self.pending_comma {
                break;
            }
        }
        Ok(Node { pos, end, kind: NodeKind::List(items) })
    }
}

/// `s` without the whitespace and comments it starts with.
pub(super) fn skip_blank(mut s: &str) -> &str {
    loop {
        s = s.trim_start();
        if let Some(rest) = s.strip_prefix("//") {
            s = rest.find('\n').map_or("", |i| &rest[i..]);
        } else if let Some(rest) = s.strip_prefix("/*") {
            s = rest.find("*/").map_or("", |i| &rest[i + 2..]);
        } else {
            return s;
        }
    }
}

/// The name of the record `Name(` that `rest` starts with.
pub(super) fn record_name_at(rest: &str) -> Option<&str> {
    let end = rest.find(|c: char| !is_ident_continue(c)).unwrap_or(rest.len());
    let name = &rest[..end];
    (name.starts_with(|c: char| c.is_ascii_uppercase())
        && rest[end..].trim_start().starts_with('('))
    .then_some(name)
}

/// The field name of `name:` that `rest` starts with.
pub(super) fn field_name_at(rest: &str) -> Option<&str> {
    field_at(rest)
        .then(|| &rest[..rest.find(|c: char| !is_ident_continue(c)).unwrap_or(rest.len())])
}

/// Whether `line` (without its indentation) is `field:` with only the start of its value
/// after it — a quote that opens a text, `Some(`, `[` or `(` — as the line where a text
/// whose closing quote is missing runs into the next field.
pub(super) fn opens_field_value(line: &str) -> bool {
    let Some(name) = field_name_at(line) else { return false };
    let after = line[name.len()..].trim_start().trim_start_matches(':').trim_start();
    let after = after.strip_prefix("Some").map_or(after, str::trim_start);
    after.chars().all(|c| matches!(c, '(' | '[' | ' ' | '\t'))
}

/// Whether reading can resume on a line that starts (after its indentation) with `line`:
/// a field of the format, a record such as `Option(`, or a closing bracket.
pub(super) fn resumes_at(line: &str) -> bool {
    field_name_at(line).is_some_and(schema::is_field)
        || record_name_at(line).is_some_and(schema::is_record)
        || line.starts_with([')', ']'])
}

/// Errors after which nothing that follows can be read reliably.
pub(super) fn is_fatal(kind: &DiagnosticKind) -> bool {
    matches!(
        kind,
        DiagnosticKind::UnterminatedString
            | DiagnosticKind::UnterminatedComment
            | DiagnosticKind::TooDeep { .. }
            | DiagnosticKind::Unclosed { .. }
            | DiagnosticKind::UnexpectedEnd { .. }
            | DiagnosticKind::EmptyFile
            | DiagnosticKind::UnsupportedExtension
            | DiagnosticKind::TrailingContent
    )
}
