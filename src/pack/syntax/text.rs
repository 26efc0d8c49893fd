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
/// The plain run `text` starts with — characters a text takes as they are, up to a quote, a
/// backslash, or a character that needs a look (control, invisible, line break) — in
/// bytes and characters.
fn plain_run(text: &str) -> (usize, u32) {
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut chars = 0u32;
    while i < bytes.len() {
        // Eight plain ASCII bytes at a time (printable, no `"` or `\`) where it can.
        while let Some(chunk) = bytes.get(i..i + 8) {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            if !plain_ascii(u64::from_le_bytes(word)) {
                break;
            }
            i += 8;
            chars += 8;
        }
        let Some(&b) = bytes.get(i) else { break };
        if b < 0x80 {
            if b == b'"' || b == b'\\' || !(0x20..0x7f).contains(&b) {
                break;
            }
            i += 1;
        } else {
            // `i` is at the start of a character: `text` is valid UTF-8.
            let Some(c) = text[i..].chars().next() else { break };
            if crate::clean::is_unsafe(c) || crate::clean::is_invisible(c) {
                break;
            }
            i += c.len_utf8();
        }
        chars += 1;
    }
    (i, chars)
}

/// Whether all eight bytes of `w` are printable ASCII other than `"` and `\`: no byte
/// below 0x20 or above 0x7E, none equal to 0x22 or 0x5C (the bit tricks of "Bit Twiddling
/// Hacks": a byte below `n` sets its high bit in `w - n`, when no high bit was set before).
pub(super) fn plain_ascii(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below = |w: u64, n: u8| w.wrapping_sub(ONES * u64::from(n)) & !w & HIGH;
    let zero = |w: u64| w.wrapping_sub(ONES) & !w & HIGH;
    // No byte of 0x80 and above; then none of 0x7F: adding 1 to each byte (none has its
    // high bit set, so nothing carries) sets the high bit of that one only.
    w & HIGH == 0
        && w.wrapping_add(ONES) & HIGH == 0
        && below(w, 0x20) == 0
        && zero(w ^ (ONES * 0x22)) == 0
        && zero(w ^ (ONES * 0x5C)) == 0
}

/// The length of the tail of `line` that belongs to the file rather than to a text: the
/// commas, semicolons and closing brackets at its end (with spaces, and a comment after
/// them), leaving out a closing bracket that an opening one in the text before it closes —
/// `(zie bijlage)` keeps its `)`. `None` when the line does not end that way (a comment or
/// spaces alone are no tail).
fn file_tail(line: &str) -> Option<usize> {
    let code = match line.find("//") {
        Some(i) => &line[..i],
        None => line,
    };
    let trimmed = code.trim_end();
    let run = trimmed.len() - trimmed.trim_end_matches([',', ';', ')', ']', ' ', '\t']).len();
    let (text, tail) = trimmed.split_at(trimmed.len() - run);
    // Closing brackets that the text opened belong to the text.
    let mut open_parens = text.matches('(').count().saturating_sub(text.matches(')').count());
    let mut open_square = text.matches('[').count().saturating_sub(text.matches(']').count());
    let mut keep = 0;
    for c in tail.chars() {
        match c {
            ')' if open_parens > 0 => open_parens -= 1,
            ']' if open_square > 0 => open_square -= 1,
            ' ' | '\t' if keep == 0 => {}
            _ => break,
        }
        keep += c.len_utf8();
    }
    let tail = line.len() - text.len() - keep;
    (tail > 0 && !line[text.len() + keep..].trim_start().starts_with("//")).then_some(tail)
}

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
    pub(super) fn quote_ends_string(&self) -> bool {
        let after = self.rest().trim_start_matches([' ', '\t']);
        match after.chars().next() {
            None | Some('\n' | '\r') => true,
            Some(c) => {
                matches!(c, ',' | ';' | ')' | ']' | '}' | '/' | '"' | ':') || field_at(after)
            }
        }
    }

    /// Whether the `"` just read is a second one right after the closing quote (`"…"",`):
    /// the next character is `"` and after it comes what follows a text.
    fn doubled_quote(&self) -> bool {
        let Some(after) = self.rest().strip_prefix('"') else { return false };
        let after = after.trim_start_matches([' ', '\t']);
        after.is_empty() || after.starts_with([',', ';', ')', ']', '\n', '\r'])
    }

    /// A text whose closing quote is missing (reported where it starts; `open_idx` is the
    /// byte after its opening quote). Reading resumes at the first line after the opening
    /// that starts with something the reader recognises — a field, a record, a closing
    /// bracket — and the text ends where the line before it ends, before any commas and
    /// brackets there that belong to the file rather than the text (`"Naam],` for
    /// `"Naam"],`). Without such a line, reading stops.
    fn cut_unterminated(&mut self, start: Pos, open_idx: usize) -> PResult<NodeKind> {
        let diag = Diagnostic::error(start, DiagnosticKind::UnterminatedString);
        let region = &self.src[open_idx..];
        let cut = region
            .match_indices('\n')
            .map(|(i, _)| open_idx + i + 1)
            .take_while(|&i| i <= self.idx)
            .find(|&i| recover::resumes_at(self.src[i..].trim_start_matches([' ', '\t'])));
        let Some(cut) = cut else { return Err(self.stop(diag)) };
        // The text ends with the line before `cut`, without its line break.
        let mut end = self.src[..cut - 1].trim_end_matches('\r').len();
        let line_start = self.src[..end].rfind('\n').map_or(0, |i| i + 1).max(open_idx);
        let resume = file_tail(&self.src[line_start..end]).map(|tail| end - tail);
        if let Some(at) = resume {
            end = at;
        }
        let value = self.src[open_idx..end].trim_end().to_string();
        // Back to where reading resumes: the tail of that line, or the line at `cut`.
        let to = resume.unwrap_or(cut);
        let mut pos = start;
        pos.col += 1;
        for c in self.src[open_idx..to].chars() {
            if c == '\n' {
                pos.line += 1;
                pos.col = 1;
            } else {
                pos.col += 1;
            }
        }
        self.idx = to;
        self.pos = pos;
        // Without a tail to read, the comma was swallowed too: go on as after one.
        self.pending_comma = resume.is_none();
        self.errors.push(diag);
        if self.errors.len() >= MAX_ERRORS {
            return Err(Fail::Stop);
        }
        Ok(NodeKind::Str { value, marks: Vec::new() })
    }

    pub(super) fn string(&mut self) -> PResult<NodeKind> {
        let start = self.pos;
        self.bump();
        let open_idx = self.idx;
        // Most texts are one plain run, or a few around a curly quote or an accent: room for
        // the first and a little more, so a text is not copied as it grows.
        let (bytes, chars) = plain_run(&self.src[open_idx..]);
        let mut value = String::with_capacity(bytes + bytes / 16);
        value.push_str(&self.src[open_idx..open_idx + bytes]);
        self.idx += bytes;
        self.pos.col += chars;
        let mut marks = Vec::new();
        let mut inner_quote_reported = false;
        // Where the last line of the text so far starts, once it has a line break.
        let mut last_line: Option<usize> = None;
        loop {
            // Most of a text is plain characters: take such a run whole.
            let (bytes, chars) = plain_run(&self.src[self.idx..]);
            if bytes > 0 {
                value.push_str(&self.src[self.idx..self.idx + bytes]);
                self.idx += bytes;
                self.pos.col += chars;
                continue;
            }
            let at = self.pos;
            let c = match self.bump() {
                None => return self.cut_unterminated(start, open_idx),
                // The text swallowed a line break and then the start of a field: its own
                // closing quote is missing, and this one opens the next field's text.
                Some('"')
                    if last_line
                        .is_some_and(|i| recover::opens_field_value(value[i..].trim_start())) =>
                {
                    return self.cut_unterminated(start, open_idx);
                }
                Some('"') if self.doubled_quote() => {
                    self.fail(self.err(DiagnosticKind::DoubledQuote))?;
                    self.bump();
                    return Ok(NodeKind::Str { value, marks });
                }
                Some('"') if self.quote_ends_string() => {
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
                    if let Some(escaped) = self.escape(start, at, &mut value)? {
                        push_char(&mut value, &mut marks, escaped, at, true);
                    }
                    continue;
                }
                Some(c) => c,
            };
            push_char(&mut value, &mut marks, c, at, false);
            if c == '\n' {
                last_line = Some(value.len());
            }
        }
    }

    /// The character a backslash escape in a text stands for, read after the `\` at `at`
    /// (the text opened at `start`); `None` for a line continuation, which stands for
    /// nothing. An unknown escape is reported and read as the two characters written: the
    /// backslash goes into `value` here, the character is returned.
    fn escape(&mut self, start: Pos, at: Pos, value: &mut String) -> PResult<Option<char>> {
        let esc_pos = self.pos;
        Ok(Some(match self.bump() {
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
                return Ok(None);
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
                return Err(self.stop(Diagnostic::error(start, DiagnosticKind::UnterminatedString)));
            }
        }))
    }

    /// A text between single quotes (`'…'`): an error (a text takes double quotes), read as
    /// the text it was meant to be, up to the last `'` on its line that a comma, a closing
    /// bracket or the end of the line follows (or the end of the line).
    pub(super) fn single_quoted(&mut self) -> PResult<NodeKind> {
        let start = self.pos;
        self.fail(Diagnostic::error(start, DiagnosticKind::SingleQuotes))?;
        let line = self.rest().lines().next().unwrap_or_default();
        let close = line
            .char_indices()
            .skip(1)
            .filter(|&(i, c)| {
                // `'` is one byte, so the text after it starts on a character boundary.
                c == '\'' && {
                    let after = line[i + 1..].trim();
                    after.is_empty()
                        || after.starts_with("//")
                        || after.starts_with([',', ';', ')', ']'])
                }
            })
            .map(|(i, _)| i)
            .last();
        let (value, taken) = match close {
            Some(i) => (&line[1..i], i + 1),
            None => {
                let end = line.len() - file_tail(line).unwrap_or(0);
                (line[1..end].trim_end(), end)
            }
        };
        let value = value.to_string();
        for _ in line[..taken].chars() {
            self.bump();
        }
        Ok(NodeKind::Str { value, marks: Vec::new() })
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
            return Ok(Node { pos, end: self.pos, kind: NodeKind::Int(i) });
        }
        let digits = clean.trim_start_matches(['+', '-']);
        if digits.chars().next().is_some_and(|c| c.is_ascii_digit() || c == '.')
            && let Ok(f) = clean.parse::<f64>()
            && f.is_finite()
        {
            return Ok(Node { pos, end: self.pos, kind: NodeKind::Float(f) });
        }
        Err(Diagnostic::error(pos, DiagnosticKind::InvalidNumber { text: text.to_string() }).into())
    }
}
