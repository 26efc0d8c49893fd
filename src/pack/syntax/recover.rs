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
}
