//! A small RON reader that keeps the position of every value.
//!
//! The `ron` crate reports where a *syntax* error is, but not where a valid value sits, and
//! pack authors need both: "dilemma id `x` is used twice (first on line 12)". So packs are
//! read into a position-carrying tree here, and `decode` maps that tree onto the model.
//! The accepted language is the RON subset packs use: named and anonymous records, tuples
//! (`Some(x)`), lists, strings (with escapes and raw strings), integers, floats, bare words,
//! `//` and nested `/* */` comments, trailing commas. Tests check that every bundled pack
//! also parses with the `ron` crate, so packs stay real RON.
//!
//! Robustness: no recursion deeper than [`MAX_DEPTH`], no panics on any input, and every
//! error carries the position it was found at.

use super::diagnostic::{Diagnostic, DiagnosticKind, Expected, Hint};
use super::span::{Pos, Spanned};

/// Deepest bracket nesting accepted; a pack needs six levels, so this only stops abuse.
pub const MAX_DEPTH: usize = 48;

/// A value in the file, with where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Where the value starts.
    pub pos: Pos,
    /// The value.
    pub kind: NodeKind,
}

/// The kinds of RON value a pack can contain.
#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    /// `Name(field: value, ...)` or `(field: value, ...)`.
    Record { name: Option<Spanned<String>>, fields: Vec<(Spanned<String>, Node)> },
    /// `Name(value, ...)` or `(value, ...)`; `Some(x)` is a tuple named `Some`.
    Tuple { name: Option<Spanned<String>>, items: Vec<Node> },
    /// A bare word: `None`, `true`, `false`, or a unit struct name.
    Word(String),
    /// `[value, ...]`.
    List(Vec<Node>),
    /// A string, escapes resolved.
    Str {
        /// The text.
        value: String,
        /// Every character in it that `wikken check` may warn about, in order.
        marks: Vec<Mark>,
    },
    /// A whole number.
    Int(i128),
    /// A number with a fraction or exponent.
    Float(f64),
}

/// A character in a string that may not belong there (a control or invisible character,
/// or a line break, which only multi-line texts may hold), with where it is written. An
/// escape such as `\u{1b}` is found where its backslash is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    /// Byte offset of the character in the resolved string.
    pub byte: usize,
    /// The character.
    pub ch: char,
    /// Where it is written in the file.
    pub pos: Pos,
}

/// Adds `c`, written at `pos`, to a string being read, noting it if it needs a look.
fn push_char(out: &mut String, marks: &mut Vec<Mark>, c: char, pos: Pos) {
    if crate::clean::is_unsafe(c) || crate::clean::is_invisible(c) {
        marks.push(Mark { byte: out.len(), ch: c, pos });
    }
    out.push(c);
}

/// Parses a whole file: exactly one value, then only whitespace and comments.
pub fn parse(src: &str) -> Result<Node, Diagnostic> {
    let mut p = Parser {
        src,
        idx: 0,
        pos: Pos::START,
        depth: 0,
        last_end: Pos::START,
        last_multiline_string: None,
    };
    p.skip_trivia()?;
    if p.src[p.idx..].starts_with("#!") || p.src[p.idx..].starts_with("#[") {
        return Err(Diagnostic::error(p.pos, DiagnosticKind::UnsupportedExtension));
    }
    let node = p.value()?;
    p.skip_trivia()?;
    if p.peek().is_some() {
        return Err(Diagnostic::error(p.pos, DiagnosticKind::TrailingContent));
    }
    Ok(node)
}

struct Parser<'s> {
    src: &'s str,
    idx: usize,
    pos: Pos,
    depth: usize,
    /// Where the last value ended, and where it started if it was a string spanning lines:
    /// a missing comma is reported there, and a forgotten closing quote shows up as a
    /// string that swallowed the next line.
    last_end: Pos,
    last_multiline_string: Option<Pos>,
}

/// What the parser is inside of, for messages about unclosed brackets.
struct Open {
    ch: char,
    name: Option<String>,
    at: Pos,
}

impl Open {
    fn close(&self) -> char {
        match self.ch {
            '[' => ']',
            _ => ')',
        }
    }

    fn unclosed(&self, eof: Pos) -> Diagnostic {
        Diagnostic::error(
            eof,
            DiagnosticKind::Unclosed { open: self.ch, name: self.name.clone(), opened_at: self.at },
        )
    }

    fn mismatched(&self, found: char, at: Pos) -> Diagnostic {
        Diagnostic::error(
            at,
            DiagnosticKind::MismatchedClose {
                found,
                open: self.ch,
                name: self.name.clone(),
                opened_at: self.at,
            },
        )
    }
}

impl<'s> Parser<'s> {
    fn peek(&self) -> Option<char> {
        self.src[self.idx..].chars().next()
    }

    fn peek2(&self) -> Option<char> {
        let mut it = self.src[self.idx..].chars();
        it.next();
        it.next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.idx += c.len_utf8();
        if c == '\n' {
            self.pos.line += 1;
            self.pos.col = 1;
        } else {
            self.pos.col += 1;
        }
        Some(c)
    }

    fn err(&self, kind: DiagnosticKind) -> Diagnostic {
        Diagnostic::error(self.pos, kind)
    }

    fn unexpected(&self, expected: Expected) -> Diagnostic {
        match self.peek() {
            Some(found) => self.err(DiagnosticKind::UnexpectedChar { found, expected }),
            None => self.err(DiagnosticKind::UnexpectedEnd { expected }),
        }
    }

    /// Skips whitespace and comments.
    fn skip_trivia(&mut self) -> Result<(), Diagnostic> {
        loop {
            match (self.peek(), self.peek2()) {
                (Some(c), _) if c.is_whitespace() || c == '\u{feff}' => {
                    self.bump();
                }
                (Some('/'), Some('/')) => {
                    while let Some(c) = self.peek() {
                        if c == '\n' {
                            break;
                        }
                        self.bump();
                    }
                }
                (Some('/'), Some('*')) => self.block_comment()?,
                _ => return Ok(()),
            }
        }
    }

    fn block_comment(&mut self) -> Result<(), Diagnostic> {
        let start = self.pos;
        self.bump();
        self.bump();
        // RON block comments nest.
        let mut level = 1usize;
        while level > 0 {
            match (self.peek(), self.peek2()) {
                (None, _) => {
                    return Err(Diagnostic::error(start, DiagnosticKind::UnterminatedComment));
                }
                (Some('*'), Some('/')) => {
                    self.bump();
                    self.bump();
                    level -= 1;
                }
                (Some('/'), Some('*')) => {
                    self.bump();
                    self.bump();
                    level += 1;
                }
                _ => {
                    self.bump();
                }
            }
        }
        Ok(())
    }

    fn value(&mut self) -> Result<Node, Diagnostic> {
        let pos = self.pos;
        match self.peek() {
            None => Err(self.unexpected(Expected::Value)),
            Some('"') => Ok(Node { pos, kind: self.string()? }),
            Some('r') if matches!(self.peek2(), Some('"') | Some('#')) => {
                Ok(Node { pos, kind: self.raw_string()? })
            }
            Some('[') => self.list(),
            Some('(') => self.parens(None, pos),
            Some('{') => Err(self.err(DiagnosticKind::MapNotSupported)),
            Some(c) if c.is_ascii_digit() || c == '-' || c == '+' || c == '.' => self.number(),
            Some(c) if is_ident_start(c) => {
                let name = self.ident();
                self.skip_trivia()?;
                if self.peek() == Some('(') {
                    self.parens(Some(Spanned::new(name, pos)), pos)
                } else {
                    Ok(Node { pos, kind: NodeKind::Word(name) })
                }
            }
            Some(_) => Err(self.unexpected(Expected::Value)),
        }
    }

    /// A value, remembering where it ended and whether it was a string across lines.
    fn value_tracked(&mut self) -> Result<Node, Diagnostic> {
        let start = self.pos;
        let node = self.value()?;
        self.last_end = self.pos;
        self.last_multiline_string =
            matches!(&node.kind, NodeKind::Str { value, .. } if value.contains('\n'))
                .then_some(start);
        Ok(node)
    }

    /// Something other than `,` or the closing bracket follows a value. If it looks like
    /// the start of the next entry, the comma is missing: say so where the value ended.
    fn after_value_error(&self, close: char) -> Diagnostic {
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

    fn enter(&mut self) -> Result<(), Diagnostic> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.err(DiagnosticKind::TooDeep { limit: MAX_DEPTH }));
        }
        Ok(())
    }

    fn ident(&mut self) -> String {
        let start = self.idx;
        while matches!(self.peek(), Some(c) if is_ident_continue(c)) {
            self.bump();
        }
        self.src[start..self.idx].to_string()
    }

    fn list(&mut self) -> Result<Node, Diagnostic> {
        let pos = self.pos;
        self.enter()?;
        let open = Open { ch: '[', name: None, at: pos };
        self.bump();
        let mut items = Vec::new();
        loop {
            self.skip_trivia()?;
            match self.peek() {
                None => return Err(open.unclosed(self.pos)),
                Some(']') => {
                    self.bump();
                    break;
                }
                Some(c @ (')' | '}')) => return Err(open.mismatched(c, self.pos)),
                _ => {}
            }
            items.push(self.value_tracked()?);
            self.skip_trivia()?;
            match self.peek() {
                Some(',') => {
                    self.bump();
                }
                Some(']') => {}
                None => return Err(open.unclosed(self.pos)),
                Some(c @ (')' | '}')) => return Err(open.mismatched(c, self.pos)),
                Some(_) => return Err(self.after_value_error(']')),
            }
        }
        self.depth -= 1;
        Ok(Node { pos, kind: NodeKind::List(items) })
    }

    /// `(` ... `)` after an optional name: a record if the first entry is `ident:`,
    /// otherwise a tuple.
    fn parens(&mut self, name: Option<Spanned<String>>, pos: Pos) -> Result<Node, Diagnostic> {
        self.enter()?;
        let open = Open { ch: '(', name: name.as_ref().map(|n| n.value.clone()), at: pos };
        self.bump();
        self.skip_trivia()?;
        let is_record = self.looks_like_field();
        let mut fields = Vec::new();
        let mut items = Vec::new();
        loop {
            self.skip_trivia()?;
            match self.peek() {
                None => return Err(open.unclosed(self.pos)),
                Some(')') => {
                    self.bump();
                    break;
                }
                Some(c @ (']' | '}')) => return Err(open.mismatched(c, self.pos)),
                _ => {}
            }
            if is_record {
                let key_pos = self.pos;
                if !matches!(self.peek(), Some(c) if is_ident_start(c)) {
                    return Err(self.unexpected(Expected::FieldName));
                }
                let key = self.ident();
                self.skip_trivia()?;
                if self.peek() != Some(':') {
                    return Err(self.unexpected(Expected::Colon));
                }
                self.bump();
                self.skip_trivia()?;
                let value = self.value_tracked()?;
                fields.push((Spanned::new(key, key_pos), value));
            } else {
                items.push(self.value_tracked()?);
            }
            self.skip_trivia()?;
            match self.peek() {
                Some(',') => {
                    self.bump();
                }
                Some(')') => {}
                None => return Err(open.unclosed(self.pos)),
                Some(c @ (']' | '}')) => return Err(open.mismatched(c, self.pos)),
                Some(_) => return Err(self.after_value_error(open.close())),
            }
        }
        self.depth -= 1;
        let kind = if is_record {
            NodeKind::Record { name, fields }
        } else {
            NodeKind::Tuple { name, items }
        };
        Ok(Node { pos, kind })
    }

    /// Whether the text at the cursor is `identifier :` (and not `identifier(` or `::`).
    fn looks_like_field(&self) -> bool {
        let rest = &self.src[self.idx..];
        let mut chars = rest.char_indices();
        match chars.next() {
            Some((_, c)) if is_ident_start(c) => {}
            _ => return false,
        }
        let end = rest
            .char_indices()
            .find(|&(_, c)| !is_ident_continue(c))
            .map_or(rest.len(), |(i, _)| i);
        let after = rest[end..].trim_start();
        after.starts_with(':') && !after.starts_with("::")
    }

    fn string(&mut self) -> Result<NodeKind, Diagnostic> {
        let start = self.pos;
        self.bump();
        let mut value = String::new();
        let mut marks = Vec::new();
        loop {
            let at = self.pos;
            let c = match self.bump() {
                None => return Err(Diagnostic::error(start, DiagnosticKind::UnterminatedString)),
                Some('"') => return Ok(NodeKind::Str { value, marks }),
                Some('\\') => {
                    let esc_pos = self.pos;
                    match self.bump() {
                        Some('"') => '"',
                        Some('\\') => '\\',
                        Some('/') => '/',
                        Some('\'') => '\'',
                        Some('n') => '\n',
                        Some('t') => '\t',
                        Some('r') => '\r',
                        Some('0') => '\0',
                        Some('b') => '\u{8}',
                        Some('f') => '\u{c}',
                        Some('\n') => {
                            // A backslash before a newline continues the line, as in Rust.
                            while matches!(self.peek(), Some(c) if c.is_whitespace()) {
                                self.bump();
                            }
                            continue;
                        }
                        Some('u') => self.unicode_escape(esc_pos)?,
                        Some(other) => {
                            return Err(Diagnostic::error(
                                esc_pos,
                                DiagnosticKind::InvalidEscape { sequence: format!("\\{other}") },
                            ));
                        }
                        None => {
                            return Err(Diagnostic::error(
                                start,
                                DiagnosticKind::UnterminatedString,
                            ));
                        }
                    }
                }
                Some(c) => c,
            };
            push_char(&mut value, &mut marks, c, at);
        }
    }

    /// `\u{1F600}` or `\u00e9`.
    fn unicode_escape(&mut self, at: Pos) -> Result<char, Diagnostic> {
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
                return Err(bad(&hex));
            }
        } else {
            for _ in 0..4 {
                match self.peek() {
                    Some(c) if c.is_ascii_hexdigit() => {
                        hex.push(c);
                        self.bump();
                    }
                    _ => return Err(bad(&hex)),
                }
            }
        }
        u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32).ok_or_else(|| bad(&hex))
    }

    /// `r"..."` or `r#"..."#` with any number of `#`.
    fn raw_string(&mut self) -> Result<NodeKind, Diagnostic> {
        let start = self.pos;
        self.bump();
        let mut hashes = 0usize;
        while self.peek() == Some('#') {
            self.bump();
            hashes += 1;
        }
        if self.peek() != Some('"') {
            return Err(self.unexpected(Expected::Quote));
        }
        self.bump();
        let closing: String =
            std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
        match self.src[self.idx..].find(&closing) {
            Some(len) => {
                let mut value = String::with_capacity(len);
                let mut marks = Vec::new();
                for c in self.src[self.idx..self.idx + len].chars() {
                    push_char(&mut value, &mut marks, c, self.pos);
                    self.bump();
                }
                for _ in closing.chars() {
                    self.bump();
                }
                Ok(NodeKind::Str { value, marks })
            }
            None => Err(Diagnostic::error(start, DiagnosticKind::UnterminatedString)),
        }
    }

    fn number(&mut self) -> Result<Node, Diagnostic> {
        let pos = self.pos;
        let start = self.idx;
        while matches!(self.peek(), Some(c) if c.is_ascii_alphanumeric() || matches!(c, '-' | '+' | '.' | '_'))
        {
            self.bump();
        }
        let text = &self.src[start..self.idx];
        let clean: String = text.chars().filter(|&c| c != '_').collect();
        let invalid =
            || Diagnostic::error(pos, DiagnosticKind::InvalidNumber { text: text.to_string() });
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
        Err(invalid())
    }
}

fn is_ident_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}

fn is_ident_continue(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(src: &str) -> DiagnosticKind {
        parse(src).expect_err("should fail").kind
    }

    #[test]
    fn parses_records_lists_strings_and_numbers() {
        let node = parse(
            "Pack(id: \"x\", version: 1, tags: [\"a\", \"b\",], license: Some(\"c\"), url: None)",
        )
        .expect("parses");
        let NodeKind::Record { name, fields } = node.kind else { panic!("record expected") };
        assert_eq!(name.expect("named").value, "Pack");
        let keys: Vec<_> = fields.iter().map(|(k, _)| k.value.as_str()).collect();
        assert_eq!(keys, ["id", "version", "tags", "license", "url"]);
        assert_eq!(fields[1].1.kind, NodeKind::Int(1));
        assert_eq!(fields[1].0.pos, Pos { line: 1, col: 15 });
        assert!(
            matches!(&fields[3].1.kind, NodeKind::Tuple { name: Some(n), items } if n.value == "Some" && items.len() == 1)
        );
        assert_eq!(fields[4].1.kind, NodeKind::Word("None".into()));
    }

    #[test]
    fn tracks_lines_and_columns_in_characters() {
        let node = parse("// kop\n(\n  a: \"ë\", b: [1,\n 2])").expect("parses");
        let NodeKind::Record { fields, .. } = node.kind else { panic!() };
        assert_eq!(fields[0].0.pos, Pos { line: 3, col: 3 });
        assert_eq!(fields[1].0.pos, Pos { line: 3, col: 11 });
        let NodeKind::List(items) = &fields[1].1.kind else { panic!() };
        assert_eq!(items[1].pos, Pos { line: 4, col: 2 });
    }

    #[test]
    fn strings_keep_newlines_and_resolve_escapes() {
        let node = parse("\"a\n\nb \\\"c\\\" \\u{e9} \\u00e9\"").expect("parses");
        assert!(matches!(node.kind, NodeKind::Str { value, .. } if value == "a\n\nb \"c\" é é"));
        let raw = parse("r#\"zeg \"hoi\"\"#").expect("parses");
        assert!(matches!(raw.kind, NodeKind::Str { value, .. } if value == "zeg \"hoi\""));
    }

    #[test]
    fn strings_mark_where_suspect_characters_are_written() {
        let node = parse("\"a\u{200B}b\\u{1b}\n\tc\"").expect("parses");
        let NodeKind::Str { value, marks } = node.kind else { panic!("string expected") };
        assert_eq!(value, "a\u{200B}b\u{1b}\n\tc");
        let got: Vec<(usize, char, Pos)> = marks.iter().map(|m| (m.byte, m.ch, m.pos)).collect();
        let at = |line, col| Pos { line, col };
        assert_eq!(
            got,
            [
                (1, '\u{200B}', at(1, 3)),
                (5, '\u{1b}', at(1, 5)),
                (6, '\n', at(1, 11)),
                (7, '\t', at(2, 1)),
            ]
        );
        let raw = parse("r\"x\u{7}y\"").expect("parses");
        let NodeKind::Str { marks, .. } = raw.kind else { panic!("string expected") };
        assert_eq!(marks, [Mark { byte: 1, ch: '\u{7}', pos: at(1, 4) }]);
    }

    #[test]
    fn nested_block_comments_are_skipped() {
        assert_eq!(parse("/* a /* b */ c */ 5").expect("parses").kind, NodeKind::Int(5));
        assert_eq!(kind("/* open"), DiagnosticKind::UnterminatedComment);
    }

    #[test]
    fn unclosed_bracket_points_at_end_and_names_opening() {
        let err = parse("Pack(\n  a: [1, 2],\n").expect_err("unclosed");
        assert_eq!(err.pos, Pos { line: 3, col: 1 });
        assert_eq!(
            err.kind,
            DiagnosticKind::Unclosed {
                open: '(',
                name: Some("Pack".into()),
                opened_at: Pos::START
            }
        );
    }

    #[test]
    fn mismatched_bracket_is_reported_where_found() {
        let err = parse("Pack(a: [1, 2)").expect_err("mismatch");
        assert_eq!(err.pos, Pos { line: 1, col: 14 });
        assert!(matches!(err.kind, DiagnosticKind::MismatchedClose { found: ')', open: '[', .. }));
    }

    #[test]
    fn depth_is_limited() {
        let deep = "[".repeat(10_000);
        assert_eq!(kind(&deep), DiagnosticKind::TooDeep { limit: MAX_DEPTH });
    }

    #[test]
    fn other_errors() {
        assert_eq!(kind("\"open"), DiagnosticKind::UnterminatedString);
        assert_eq!(kind("\"\\q\""), DiagnosticKind::InvalidEscape { sequence: "\\q".into() });
        assert_eq!(kind("1 2"), DiagnosticKind::TrailingContent);
        assert_eq!(kind("{}"), DiagnosticKind::MapNotSupported);
        assert_eq!(kind("#![enable(implicit_some)] 1"), DiagnosticKind::UnsupportedExtension);
        assert_eq!(kind("12abc"), DiagnosticKind::InvalidNumber { text: "12abc".into() });
        assert_eq!(
            kind("(a: 1 b: 2)"),
            DiagnosticKind::MissingComma { next: Pos { line: 1, col: 7 } }
        );
        assert!(matches!(kind("(a: 1 %)"), DiagnosticKind::UnexpectedChar { found: '%', .. }));
        assert_eq!(kind(""), DiagnosticKind::UnexpectedEnd { expected: Expected::Value });
    }

    #[test]
    fn missing_comma_is_reported_after_the_value() {
        let err = parse("(\n a: 1\n b: 2)").expect_err("comma");
        assert_eq!(err.pos, Pos { line: 2, col: 6 });
        assert_eq!(err.kind, DiagnosticKind::MissingComma { next: Pos { line: 3, col: 2 } });
    }

    #[test]
    fn unterminated_string_points_back_at_its_start() {
        let err = parse("(\n a: \"open,\n b: \"x\")").expect_err("string");
        assert_eq!(err.pos, Pos { line: 2, col: 5 });
        assert_eq!(err.kind, DiagnosticKind::UnterminatedString);
        let err = parse("(\n a: \"two\nlines\"\n b: 1)").expect_err("comma");
        assert_eq!(err.hint, Some(Hint::CheckStringAt(Pos { line: 2, col: 5 })));
    }

    #[test]
    fn floats_parse() {
        assert_eq!(parse("1.5").expect("float").kind, NodeKind::Float(1.5));
        assert_eq!(parse("-3").expect("int").kind, NodeKind::Int(-3));
    }
}
