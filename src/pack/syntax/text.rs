//! Reading texts: `"…"` with escapes, raw strings, and the texts authors mistype (between
//! typographic quotes, a web address without quotes); and numbers.

use super::*;

/// Adds `c`, written at `pos`, to a string being read, noting it if it needs a look.
pub(super) fn push_char(out: &mut String, marks: &mut Vec<Mark>, c: char, pos: Pos, escaped: bool) {
    if crate::clean::is_unsafe(c) || crate::clean::is_invisible(c) {
        marks.push(Mark { byte: out.len(), ch: c, pos, escaped });
    }
    out.push(c);
}

/// Typographic quotes that Word and phones put in place of `"`: the opening ones, each
/// with the characters that close it.
pub(super) fn curly_closers(c: char) -> Option<&'static [char]> {
    match c {
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => {
            Some(&['\u{201D}', '\u{201C}', '\u{00BB}', '\u{00AB}'])
        }
        '\u{2018}' | '\u{2019}' | '\u{201A}' => Some(&['\u{2019}', '\u{2018}']),
        _ => None,
    }
}

impl Parser<'_> {
    /// Skips a `"…"` text while resynchronising; one that never ends stops reading.
    pub(super) fn skip_string(&mut self) -> PResult<()> {
        let start = self.pos;
        self.bump();
        loop {
            match self.bump() {
                None => {
                    return Err(
                        self.stop(Diagnostic::error(start, DiagnosticKind::UnterminatedString))
                    );
                }
                Some('\\') => {
                    self.bump();
                }
                Some('"') => return Ok(()),
                Some(_) => {}
            }
        }
    }

    /// `https://…` without quotes: an error, read as the text it was meant to be.
    pub(super) fn unquoted_url(&mut self, scheme: String, pos: Pos) -> PResult<NodeKind> {
        let mut value = scheme;
        while let Some(c) = self.peek() {
            if c.is_whitespace() || matches!(c, ',' | ')' | ']' | '"') {
                break;
            }
            value.push(c);
            self.bump();
        }
        self.fail(Diagnostic::error(pos, DiagnosticKind::UnquotedUrl { url: value.clone() }))?;
        Ok(NodeKind::Str { value, marks: Vec::new() })
    }

    /// Whether the `"` just read ends the string, or is a quote inside the text that the
    /// author did not escape. It ends the string when what follows on its line is nothing,
    /// a comma, a closing bracket, a comment, another text or the next field; and when the
    /// string has swallowed a line break and a field name (its own closing quote is
    /// missing: reported where it starts).
    pub(super) fn quote_ends_string(&self, value: &str) -> bool {
        let after = self.rest().trim_start_matches([' ', '\t']);
        let ends = match after.chars().next() {
            None | Some('\n' | '\r') => true,
            Some(c) => matches!(c, ',' | ')' | ']' | '}' | '/' | '"' | ':') || field_at(after),
        };
        ends || value.rsplit_once('\n').is_some_and(|(_, last)| field_at(last.trim_start()))
    }

    pub(super) fn string(&mut self) -> PResult<NodeKind> {
        let start = self.pos;
        self.bump();
        let mut value = String::new();
        let mut marks = Vec::new();
        let mut inner_quote_reported = false;
        loop {
            // Most of a text is plain printable ASCII: take such a run whole.
            let run = self.src.as_bytes()[self.idx..]
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || !(0x20..0x7f).contains(&b))
                .unwrap_or(self.src.len() - self.idx);
            if run > 0 {
                value.push_str(&self.src[self.idx..self.idx + run]);
                self.idx += run;
                self.pos.col += run as u32;
                continue;
            }
            let at = self.pos;
            let c = match self.bump() {
                None => {
                    return Err(
                        self.stop(Diagnostic::error(start, DiagnosticKind::UnterminatedString))
                    );
                }
                Some('"') if self.quote_ends_string(&value) => {
                    return Ok(NodeKind::Str { value, marks });
                }
                Some('"') => {
                    if !inner_quote_reported {
                        inner_quote_reported = true;
                        self.fail(Diagnostic::error(at, DiagnosticKind::QuoteInText))?;
                    }
                    '"'
                }
                Some('\\') => {
                    let esc_pos = self.pos;
                    let escaped = match self.bump() {
                        Some('"') => '"',
                        Some('\\') => '\\',
                        Some('\'') => '\'',
                        Some('n') => '\n',
                        Some('t') => '\t',
                        Some('r') => '\r',
                        Some('0') => '\0',
                        Some(c @ ('/' | 'b' | 'f')) => {
                            self.non_standard(at, NonStandard::Escape(format!("\\{c}")));
                            match c {
                                '/' => '/',
                                'b' => '\u{8}',
                                _ => '\u{c}',
                            }
                        }
                        Some('\n') => {
                            // A backslash before a newline continues the line, as in Rust.
                            while matches!(self.peek(), Some(c) if c.is_whitespace()) {
                                self.bump();
                            }
                            continue;
                        }
                        Some('u') => self.unicode_escape(at, esc_pos)?,
                        Some(other) => {
                            // Reported, and read as the two characters written.
                            self.fail(Diagnostic::error(
                                esc_pos,
                                DiagnosticKind::InvalidEscape { sequence: format!("\\{other}") },
                            ))?;
                            value.push('\\');
                            other
                        }
                        None => {
                            return Err(self.stop(Diagnostic::error(
                                start,
                                DiagnosticKind::UnterminatedString,
                            )));
                        }
                    };
                    push_char(&mut value, &mut marks, escaped, at, true);
                    continue;
                }
                Some(c) => c,
            };
            push_char(&mut value, &mut marks, c, at, false);
        }
    }

    /// A text between typographic quotes (“…”, „…”, ‘…’): an error, read as the text it was
    /// meant to be when its closing quote is there.
    pub(super) fn curly_string(&mut self) -> PResult<NodeKind> {
        let start = self.pos;
        let Some(open) = self.bump() else { return Err(Fail::Stop) };
        let closers = curly_closers(open).unwrap_or(&[]);
        self.fail(Diagnostic::error(start, DiagnosticKind::CurlyQuotes { found: open }))?;
        let mut value = String::new();
        loop {
            match self.bump() {
                None => {
                    return Err(
                        self.stop(Diagnostic::error(start, DiagnosticKind::UnterminatedString))
                    );
                }
                Some(c) if closers.contains(&c) => {
                    return Ok(NodeKind::Str { value, marks: Vec::new() });
                }
                Some(c) => value.push(c),
            }
        }
    }

    /// `\u{1F600}` or `\u00e9` (the second is not standard RON).
    pub(super) fn unicode_escape(&mut self, backslash: Pos, at: Pos) -> PResult<char> {
        let mut hex = String::new();
        let bad = |hex: &str| {
            Diagnostic::error(at, DiagnosticKind::InvalidEscape { sequence: format!("\\u{hex}") })
        };
        if self.peek() == Some('{') {
            self.bump();
            while let Some(c) = self.peek() {
                if c == '}' || hex.len() > 6 {
                    break;
                }
                hex.push(c);
                self.bump();
            }
            if self.bump() != Some('}') {
                return Err(bad(&hex).into());
            }
        } else {
            for _ in 0..4 {
                match self.peek() {
                    Some(c) if c.is_ascii_hexdigit() => {
                        hex.push(c);
                        self.bump();
                    }
                    _ => return Err(bad(&hex).into()),
                }
            }
            self.non_standard(backslash, NonStandard::Escape(format!("\\u{hex}")));
        }
        u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32).ok_or_else(|| bad(&hex).into())
    }

    /// `r"..."` or `r#"..."#` with any number of `#`.
    pub(super) fn raw_string(&mut self) -> PResult<NodeKind> {
        let start = self.pos;
        self.bump();
        let mut hashes = 0usize;
        while self.peek() == Some('#') {
            self.bump();
            hashes += 1;
        }
        if self.peek() != Some('"') {
            return Err(self.unexpected(Expected::Quote).into());
        }
        self.bump();
        let closing: String =
            std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
        match self.src[self.idx..].find(&closing) {
            Some(len) => {
                let mut value = String::with_capacity(len);
                let mut marks = Vec::new();
                for c in self.src[self.idx..self.idx + len].chars() {
                    push_char(&mut value, &mut marks, c, self.pos, false);
                    self.bump();
                }
                for _ in closing.chars() {
                    self.bump();
                }
                Ok(NodeKind::Str { value, marks })
            }
            None => Err(self.stop(Diagnostic::error(start, DiagnosticKind::UnterminatedString))),
        }
    }

    pub(super) fn number(&mut self) -> PResult<Node> {
        let pos = self.pos;
        let start = self.idx;
        while matches!(self.peek(), Some(c) if c.is_ascii_alphanumeric() || matches!(c, '-' | '+' | '.' | '_'))
        {
            self.bump();
        }
        let text = &self.src[start..self.idx];
        let clean: String = text.chars().filter(|&c| c != '_').collect();
        if let Ok(i) = clean.parse::<i128>() {
            return Ok(Node { pos, kind: NodeKind::Int(i) });
        }
        let digits = clean.trim_start_matches(['+', '-']);
        if digits.chars().next().is_some_and(|c| c.is_ascii_digit() || c == '.')
            && let Ok(f) = clean.parse::<f64>()
            && f.is_finite()
        {
            return Ok(Node { pos, kind: NodeKind::Float(f) });
        }
        Err(Diagnostic::error(pos, DiagnosticKind::InvalidNumber { text: text.to_string() }).into())
    }
}
