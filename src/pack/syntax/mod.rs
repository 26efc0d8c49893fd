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
//! Authors are not programmers, so the reader knows the mistakes a text editor invites and
//! names them: curly quotes around a text, a `"` inside one, `# comments`, a web address
//! without quotes, a missing `Pack(`, a missing `:` after a field name, a record or `Some(`
//! whose `)` is missing. After a mistake it resumes at the next field or list entry wherever
//! that is reliable (a missing `)` is closed where it belonged, a missing comma is assumed,
//! anything else is skipped to the next comma or closing bracket), so one run reports up to
//! [`MAX_ERRORS`] problems. It stops at what cannot be resumed reliably: a text or comment
//! that never ends, or the end of the file inside a bracket.
//!
//! What wikken accepts beyond standard RON (a byte order mark, non-breaking and other
//! Unicode spaces, escapes such as `\/` or `\u00e9`) is noted apart, for `check --strict`.
//!
//! Robustness: no recursion deeper than [`MAX_DEPTH`], no panics on any input, and every
//! error carries the position it was found at.

use super::diagnostic::{Diagnostic, DiagnosticKind, Expected, Hint, NonStandard};
use super::schema;
use super::span::{Pos, Spanned};

/// Deepest bracket nesting accepted; a pack needs six levels, so this only stops abuse.
pub const MAX_DEPTH: usize = 48;

/// Most syntax errors reported for one file; the reader stops after this many.
pub const MAX_ERRORS: usize = 20;

/// A field or record name, or a bare word, as written: a name of the format is not copied
/// (a pack holds thousands of them; `check` reads a thousand packs).
pub type Name = std::borrow::Cow<'static, str>;

/// The name `written`, borrowed from the schema when it is one of the format's.
fn name(written: &str) -> Name {
    // The format's names, by length: found with a compare or two.
    static BY_LENGTH: std::sync::OnceLock<Vec<Vec<&'static str>>> = std::sync::OnceLock::new();
    let by_length = BY_LENGTH.get_or_init(|| {
        const WORDS: [&str; 2] = ["Some", "None"];
        let mut by_length: Vec<Vec<&'static str>> = Vec::new();
        let all = schema::RECORDS
            .iter()
            .flat_map(|r| std::iter::once(r.name).chain(r.fields.iter().map(|f| f.name)))
            .chain(schema::NOTE_KINDS.iter().copied())
            .chain(WORDS);
        for n in all {
            if by_length.len() <= n.len() {
                by_length.resize(n.len() + 1, Vec::new());
            }
            if !by_length[n.len()].contains(&n) {
                by_length[n.len()].push(n);
            }
        }
        by_length
    });
    // The format's names are never empty (invariant of the schema), so `n.as_bytes()[0]` is there.
    let first = written.as_bytes().first().copied().unwrap_or_default();
    let same = by_length
        .get(written.len())
        .and_then(|names| names.iter().find(|n| n.as_bytes()[0] == first && **n == written));
    match same {
        Some(n) => Name::Borrowed(n),
        None => Name::Owned(written.to_string()),
    }
}

/// A value in the file, with where it starts and ends.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Where the value starts.
    pub pos: Pos,
    /// Just after its last character (for a record or list, after its closing bracket):
    /// `wikken fmt` tells by it which comment follows which value.
    pub end: Pos,
    /// The value.
    pub kind: NodeKind,
}

impl Node {
    /// A value at `pos` whose end is set once it is read.
    fn at(pos: Pos, kind: NodeKind) -> Node {
        Node { pos, end: pos, kind }
    }
}

/// A comment as written (`// …` or `/* … */`), kept for `wikken fmt`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// Where it starts.
    pub pos: Pos,
    /// The comment, from `//` or `/*` to the end of its line or its `*/`.
    pub text: String,
    /// Whether it stands on a line of its own (nothing but spaces before it).
    pub own_line: bool,
}

/// The kinds of RON value a pack can contain.
#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    /// `Name(field: value, ...)` or `(field: value, ...)`.
    Record {
        /// The record's name, if written.
        name: Option<Spanned<Name>>,
        /// The fields, in file order.
        fields: Vec<(Spanned<Name>, Node)>,
        /// Part of the record was skipped after a syntax error, so a field that seems to be
        /// missing may be there: decoding does not report missing fields of it.
        damaged: bool,
    },
    /// `Name(value, ...)` or `(value, ...)`; `Some(x)` is a tuple named `Some`.
    Tuple { name: Option<Spanned<Name>>, items: Vec<Node> },
    /// A bare word: `None`, `true`, `false`, or a unit struct name.
    Word(Name),
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
    /// A value that could not be read; its error is already reported, so decoding says
    /// nothing more about it.
    Invalid,
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
    /// Whether it was written as an escape (`\n`, `\u{1b}`) rather than typed.
    pub escaped: bool,
}

/// What reading a file found: the tree (when there was one to build; parts that could not
/// be read are [`NodeKind::Invalid`]), the syntax errors in file order, and the places where
/// the file is not standard RON (warnings, shown by `check --strict`).
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// The value, if the file held one.
    pub node: Option<Node>,
    /// Syntax errors, at most [`MAX_ERRORS`], in file order.
    pub errors: Vec<Diagnostic>,
    /// What wikken accepts and standard RON does not.
    pub non_standard: Vec<Diagnostic>,
    /// The comments, in file order, when asked for ([`parse_with_comments`]).
    pub comments: Vec<Comment>,
    /// How far the errors can be trusted.
    pub trust: Trust,
}

/// How far a reading's errors can be trusted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Trust {
    /// Where the first error is after which the reader skipped what it did not recognise:
    /// errors after it may only follow from it.
    pub unsure_at: Option<Pos>,
    /// Where reading stopped before the end of the file (a text or comment that never
    /// ends, brackets nested too deep): nothing after it was read.
    pub stopped_at: Option<Pos>,
    /// Where the last error is when the reader stopped after [`MAX_ERRORS`] of them.
    pub capped_at: Option<Pos>,
}

/// Parses a whole file, stopping at the first error: exactly one value, then only
/// whitespace and comments.
#[cfg(test)]
pub fn parse_first(src: &str) -> Result<Node, Diagnostic> {
    let parsed = parse_all(src);
    match (parsed.errors.into_iter().next(), parsed.node) {
        (Some(first), _) => Err(first),
        (None, Some(node)) => Ok(node),
        (None, None) => Err(Diagnostic::error(
            Pos::START,
            DiagnosticKind::UnexpectedEnd { expected: Expected::Value },
        )),
    }
}

/// Parses a whole file, resuming after errors where that is reliable (see the module
/// documentation).
pub fn parse_all(src: &str) -> Parsed {
    parse(src, false)
}

/// [`parse_all`], keeping the comments too (for `wikken fmt`; `check` has no use for them).
pub fn parse_with_comments(src: &str) -> Parsed {
    parse(src, true)
}

fn parse(src: &str, keep_comments: bool) -> Parsed {
    let mut p = Parser {
        src,
        idx: 0,
        pos: Pos::START,
        depth: 0,
        last_end: Pos::START,
        last_multiline_string: None,
        errors: Vec::new(),
        non_standard: Vec::new(),
        open: Vec::new(),
        pending_comma: false,
        keep_comments,
        comments: Vec::new(),
        unsure_at: None,
        stopped_at: None,
    };
    let node = p.file().ok().flatten();
    let mut errors = p.errors;
    errors.sort_by_key(|d| d.pos);
    errors.truncate(MAX_ERRORS);
    let capped_at = errors.get(MAX_ERRORS - 1).map(|d| d.pos);
    let trust = Trust { unsure_at: p.unsure_at, stopped_at: p.stopped_at, capped_at };
    Parsed { node, errors, non_standard: p.non_standard, comments: p.comments, trust }
}

/// Why a value was not read: an error to resume after, or a stop (the error, if any, is
/// already recorded).
enum Fail {
    Recover(Diagnostic),
    Stop,
}

impl From<Diagnostic> for Fail {
    fn from(d: Diagnostic) -> Self {
        Fail::Recover(d)
    }
}

type PResult<T> = Result<T, Fail>;

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
    errors: Vec<Diagnostic>,
    non_standard: Vec<Diagnostic>,
    /// The brackets open around the cursor, innermost last.
    open: Vec<char>,
    /// A record or tuple closed itself where its `)` was missing, after the comma that
    /// follows it in the enclosing list or record: the enclosing one goes on as after a
    /// comma.
    pending_comma: bool,
    /// Whether to keep the comments, and those kept.
    keep_comments: bool,
    comments: Vec<Comment>,
    /// See [`Parsed::unsure_at`] and [`Parsed::stopped_at`].
    unsure_at: Option<Pos>,
    stopped_at: Option<Pos>,
}

/// What the parser is inside of, for messages about unclosed brackets.
struct Open {
    ch: char,
    name: Option<Name>,
    at: Pos,
}

impl Open {
    /// The name for a message (only then is it copied).
    fn name(&self) -> Option<String> {
        self.name.as_ref().map(|n| n.to_string())
    }

    fn unclosed(&self, eof: Pos) -> Diagnostic {
        Diagnostic::error(
            eof,
            DiagnosticKind::Unclosed { open: self.ch, name: self.name(), opened_at: self.at },
        )
    }

    fn missing_close(&self, at: Pos) -> Diagnostic {
        Diagnostic::error(
            at,
            DiagnosticKind::MissingClose { open: self.ch, name: self.name(), opened_at: self.at },
        )
    }

    fn mismatched(&self, found: char, at: Pos) -> Diagnostic {
        Diagnostic::error(
            at,
            DiagnosticKind::MismatchedClose {
                found,
                open: self.ch,
                name: self.name(),
                opened_at: self.at,
            },
        )
    }
}

/// What to do at a closing bracket that is not the one the container expects.
enum Closer {
    /// It closes an enclosing bracket: this container's own `)` or `]` is missing.
    Outer,
    /// It closes nothing: skip it.
    Stray,
}

impl<'s> Parser<'s> {
    fn peek(&self) -> Option<char> {
        // Nearly every character of a pack is ASCII: no decoding for those.
        match self.src.as_bytes().get(self.idx) {
            Some(&b) if b < 0x80 => Some(char::from(b)),
            Some(_) => self.src[self.idx..].chars().next(),
            None => None,
        }
    }

    fn peek2(&self) -> Option<char> {
        let mut it = self.src[self.idx..].chars();
        it.next();
        it.next()
    }

    fn rest(&self) -> &'s str {
        &self.src[self.idx..]
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

    /// Records an error; `Err(Stop)` when reading cannot go on (a fatal error, or enough
    /// errors for one run).
    fn fail(&mut self, diag: Diagnostic) -> PResult<()> {
        let fatal = is_fatal(&diag.kind);
        if fatal {
            self.note_stop(&diag);
        }
        self.errors.push(diag);
        if fatal || self.errors.len() >= MAX_ERRORS { Err(Fail::Stop) } else { Ok(()) }
    }

    /// Records an error that ends reading.
    fn stop(&mut self, diag: Diagnostic) -> Fail {
        self.note_stop(&diag);
        self.errors.push(diag);
        Fail::Stop
    }

    /// Remembers where reading stopped when an error leaves the rest of the file unread.
    fn note_stop(&mut self, diag: &Diagnostic) {
        let unread = matches!(
            diag.kind,
            DiagnosticKind::UnterminatedString
                | DiagnosticKind::UnterminatedComment
                | DiagnosticKind::TooDeep { .. }
                | DiagnosticKind::UnsupportedExtension
        );
        if unread && self.stopped_at.is_none() {
            self.stopped_at = Some(diag.pos);
        }
    }

    /// Turns a failed value into an error to resume after, or passes a stop on.
    fn absorb(&mut self, fail: Fail) -> PResult<()> {
        match fail {
            Fail::Recover(diag) => self.fail(diag),
            Fail::Stop => Err(Fail::Stop),
        }
    }

    fn non_standard(&mut self, pos: Pos, what: NonStandard) {
        self.non_standard.push(Diagnostic::warning(pos, DiagnosticKind::NotStandardRon { what }));
    }

    /// The whole file: one value (or, when `Pack(` was left out, the fields of one), then
    /// only whitespace and comments.
    fn file(&mut self) -> PResult<Option<Node>> {
        self.skip_trivia()?;
        if self.rest().starts_with("#!") || self.rest().starts_with("#[") {
            return Err(self.stop(self.err(DiagnosticKind::UnsupportedExtension)));
        }
        if self.peek().is_none() {
            // Nothing at all, or only comments: say what a pack starts with.
            return Err(self.stop(self.err(DiagnosticKind::EmptyFile)));
        }
        let node = if field_at(self.rest()) {
            // `id: "…", version: 1, …` without `Pack(` around it: read the fields anyway.
            let pos = self.pos;
            self.fail(Diagnostic::error(pos, DiagnosticKind::MissingPack))?;
            self.parens(None, pos, Opening::File)?
        } else {
            match self.value() {
                Ok(node) => node,
                Err(fail) => {
                    self.absorb(fail)?;
                    return Ok(None);
                }
            }
        };
        self.skip_trivia()?;
        if self.peek().is_some() {
            return Err(self.stop(self.err(DiagnosticKind::TrailingContent)));
        }
        Ok(Some(node))
    }

    /// Skips whitespace and comments. A `#` comment and an invisible character between the
    /// values are errors that are skipped like whitespace.
    fn skip_trivia(&mut self) -> PResult<()> {
        loop {
            // Indentation and line ends: runs of them at once.
            for &b in &self.src.as_bytes()[self.idx..] {
                match b {
                    b' ' | b'\t' | b'\r' => self.pos.col += 1,
                    b'\n' => {
                        self.pos.line += 1;
                        self.pos.col = 1;
                    }
                    _ => break,
                }
                self.idx += 1;
            }
            // Most calls end here: at a plain character that starts a value or token.
            match self.src.as_bytes().get(self.idx) {
                None => return Ok(()),
                Some(&b) if b.is_ascii() && !matches!(b, b'/' | b'#' | 0x0B | 0x0C) => {
                    return Ok(());
                }
                Some(_) => {}
            }
            match (self.peek(), self.peek2()) {
                (Some(c), _) if is_ron_whitespace(c) => {
                    self.bump();
                }
                (Some('\u{feff}'), _) => {
                    self.non_standard(self.pos, NonStandard::ByteOrderMark);
                    self.bump();
                }
                (Some(c), _) if c.is_whitespace() => {
                    self.non_standard(self.pos, NonStandard::Space(c));
                    self.bump();
                }
                (Some(c), _) if crate::clean::is_invisible(c) => {
                    let diag = self.err(DiagnosticKind::InvisibleBetween { ch: c });
                    self.bump();
                    self.fail(diag)?;
                }
                (Some('/'), Some('/')) => {
                    let (idx, pos) = (self.idx, self.pos);
                    self.line_comment();
                    self.keep_comment(idx, pos);
                }
                (Some('/'), Some('*')) => {
                    let (idx, pos) = (self.idx, self.pos);
                    self.block_comment()?;
                    self.keep_comment(idx, pos);
                }
                (Some('#'), Some(c)) if c != '!' && c != '[' => {
                    let diag = self.err(DiagnosticKind::HashComment);
                    self.line_comment();
                    self.fail(diag)?;
                }
                (Some('#'), None) => {
                    let diag = self.err(DiagnosticKind::HashComment);
                    self.bump();
                    self.fail(diag)?;
                }
                _ => return Ok(()),
            }
        }
    }

    /// Keeps the comment that started at byte `idx` (position `pos`) and ends here, when
    /// comments are wanted.
    fn keep_comment(&mut self, idx: usize, pos: Pos) {
        if !self.keep_comments {
            return;
        }
        let line_start = self.src[..idx].rfind('\n').map_or(0, |i| i + 1);
        let own_line = self.src[line_start..idx].chars().all(char::is_whitespace);
        // A file saved on Windows ends its lines in CR LF: the comment is kept without CR.
        let text = self.src[idx..self.idx].replace("\r\n", "\n").trim_end_matches('\r').to_string();
        self.comments.push(Comment { pos, text, own_line });
    }

    fn line_comment(&mut self) {
        let rest = self.rest();
        let end = rest.find('\n').unwrap_or(rest.len());
        self.pos.col += rest[..end].chars().count() as u32;
        self.idx += end;
    }

    fn block_comment(&mut self) -> PResult<()> {
        let start = self.pos;
        self.bump();
        self.bump();
        // RON block comments nest.
        let mut level = 1usize;
        while level > 0 {
            match (self.peek(), self.peek2()) {
                (None, _) => {
                    return Err(
                        self.stop(Diagnostic::error(start, DiagnosticKind::UnterminatedComment))
                    );
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

    /// One value, with where it ends.
    fn value(&mut self) -> PResult<Node> {
        let pos = self.pos;
        let kind = match self.peek() {
            None => return Err(self.stop(self.unexpected(Expected::Value))),
            Some('"') => self.string()?,
            Some('r') if matches!(self.peek2(), Some('"') | Some('#')) => self.raw_string()?,
            Some('[') => return self.list(),
            Some('(') => return self.parens(None, pos, Opening::Bracket),
            Some('{') => return Err(self.err(DiagnosticKind::MapNotSupported).into()),
            Some('\'') => self.single_quoted()?,
            Some(c) if curly_closers(c).is_some() => self.curly_string()?,
            Some(c) if c.is_ascii_digit() || c == '-' || c == '+' || c == '.' => {
                return self.number();
            }
            Some(c) if is_ident_start(c) => {
                let name = self.ident();
                if self.rest().starts_with("://") {
                    let kind = self.unquoted_url(name.into_owned(), pos)?;
                    return Ok(Node { pos, end: self.pos, kind });
                }
                let end = self.pos;
                self.skip_trivia()?;
                let name = Spanned::new(name, pos);
                if self.peek() == Some('(') {
                    return self.parens(Some(name), pos, Opening::Bracket);
                }
                if name.starts_with(|c: char| c.is_ascii_uppercase()) && field_at(self.rest()) {
                    // `Note` and then `kind: …` on the next line: the `(` is missing.
                    let diag = Diagnostic::error(
                        end,
                        DiagnosticKind::MissingOpen { name: name.value.to_string() },
                    );
                    self.fail(diag)?;
                    return self.parens(Some(name), pos, Opening::Missing);
                }
                return Ok(Node { pos, end, kind: NodeKind::Word(name.value) });
            }
            Some(_) => return Err(self.unexpected(Expected::Value).into()),
        };
        Ok(Node { pos, end: self.pos, kind })
    }

    /// A value, remembering where it ended and whether it was a string across lines.
    fn value_tracked(&mut self) -> PResult<Node> {
        let start = self.pos;
        let node = self.value()?;
        self.last_end = self.pos;
        self.last_multiline_string =
            matches!(&node.kind, NodeKind::Str { value, .. } if value.contains('\n'))
                .then_some(start);
        Ok(node)
    }

    /// The value of a list entry, tuple item or field. After an error (recorded) the rest of
    /// the entry is skipped to the next comma or closing bracket, and the value is
    /// [`NodeKind::Invalid`]; the second part says whether that happened.
    fn entry(&mut self) -> PResult<(Node, bool)> {
        match self.value_tracked() {
            Ok(node) => Ok((node, false)),
            Err(fail) => {
                self.absorb(fail)?;
                let invalid = Node::at(self.pos, NodeKind::Invalid);
                self.sync()?;
                Ok((invalid, true))
            }
        }
    }

    fn enter(&mut self, ch: char) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.stop(self.err(DiagnosticKind::TooDeep { limit: MAX_DEPTH })));
        }
        self.open.push(ch);
        Ok(())
    }

    fn leave(&mut self) {
        self.depth -= 1;
        self.open.pop();
    }

    fn ident(&mut self) -> Name {
        let start = self.idx;
        // Identifiers are ASCII: one byte, one column.
        let len = self.src.as_bytes()[start..]
            .iter()
            .take_while(|&&b| b.is_ascii_alphanumeric() || b == b'_')
            .count();
        self.idx += len;
        self.pos.col += len as u32;
        name(&self.src[start..self.idx])
    }

    fn list(&mut self) -> PResult<Node> {
        let pos = self.pos;
        self.enter('[')?;
        let open = Open { ch: '[', name: None, at: pos };
        self.bump();
        let mut items: Vec<Node> = Vec::new();
        loop {
            self.skip_trivia()?;
            let last = items.last().and_then(Node::record_name);
            match self.list_step(&open, last)? {
                Step::Done => break,
                Step::Again => continue,
                Step::Read => {}
            }
            let (node, skipped) = self.entry()?;
            items.push(node);
            if skipped || std::mem::take(&mut self.pending_comma) {
                continue;
            }
            if self.after_entry(&open, Opening::Bracket, false)? == After::Done {
                break;
            }
        }
        self.leave();
        Ok(Node { pos, end: self.pos, kind: NodeKind::List(items) })
    }

    /// What a list does at the start of an entry: close, skip something, or read it.
    fn list_step(&mut self, open: &Open, last: Option<&str>) -> PResult<Step> {
        match self.peek() {
            None => Err(self.stop(open.unclosed(self.pos))),
            Some(']') => {
                self.bump();
                Ok(Step::Done)
            }
            Some(')') if self.extra_close_in_list(last) => {
                self.skip_extra_close()?;
                Ok(Step::Again)
            }
            Some(c @ (')' | '}')) if self.closes_current() => {
                self.fail(open.mismatched(c, self.pos))?;
                self.bump();
                Ok(Step::Done)
            }
            Some(c @ (')' | '}')) => match self.closer_kind(c) {
                Closer::Outer => {
                    self.fail(open.missing_close(self.last_end))?;
                    Ok(Step::Done)
                }
                Closer::Stray => {
                    self.fail(open.mismatched(c, self.pos))?;
                    self.bump();
                    Ok(Step::Again)
                }
            },
            Some(',' | ';') => {
                self.fail(self.unexpected(Expected::Value))?;
                self.bump();
                Ok(Step::Again)
            }
            // `authors: ["a",` and then the next field: the list's `]` is missing.
            _ if self.field_in_list_ahead() => {
                self.fail(open.missing_close(self.last_end))?;
                self.pending_comma = true;
                Ok(Step::Done)
            }
            _ => Ok(Step::Read),
        }
    }

    /// After an entry of a list or record: its comma (a `;` instead is reported and read as
    /// one), the closing bracket (left for the next step), or what is missing.
    fn after_entry(&mut self, open: &Open, opening: Opening, is_record: bool) -> PResult<After> {
        let close = if open.ch == '[' { ']' } else { ')' };
        self.skip_trivia()?;
        match self.peek() {
            Some(',') => {
                self.bump();
            }
            Some(';') => {
                self.fail(self.err(DiagnosticKind::Semicolon))?;
                self.bump();
            }
            Some(')' | ']' | '}') => {}
            None if opening == Opening::File => {}
            None => return Err(self.stop(open.unclosed(self.pos))),
            // The next field, in a list: the list's `]` is missing (said at the next step).
            Some(_) if close == ']' && self.field_in_list_ahead() => {}
            Some(_)
                if close == ')'
                    && !is_record
                    && opening != Opening::File
                    && field_at(self.rest()) =>
            {
                // `Some("x"` and then the next field: `),` is missing.
                self.fail(open.missing_close(self.last_end))?;
                self.pending_comma = true;
                return Ok(After::Done);
            }
            Some(_) => {
                let diag = self.after_value_error(close);
                let comma = matches!(diag.kind, DiagnosticKind::MissingComma { .. });
                self.fail(diag)?;
                if !comma {
                    self.sync()?;
                    return Ok(After::Skipped);
                }
            }
        }
        Ok(After::Next)
    }

    /// `(` ... `)` after an optional name: a record if the first entry is `ident:`,
    /// otherwise a tuple; `opening` says whether its `(` was written.
    fn parens(&mut self, name: Option<Spanned<Name>>, pos: Pos, opening: Opening) -> PResult<Node> {
        self.enter('(')?;
        let open = Open { ch: '(', name: name.as_ref().map(|n| n.value.clone()), at: pos };
        if opening == Opening::Bracket {
            self.bump();
        }
        self.skip_trivia()?;
        let is_some = name.as_ref().is_some_and(|n| n.value == "Some");
        let is_record = opening != Opening::Bracket
            || field_at(self.rest())
            || (!is_some && self.missing_colon_ahead());
        let schema = name.as_ref().and_then(|n| schema::record(n));
        let mut fields: Vec<(Spanned<Name>, Node)> =
            Vec::with_capacity(schema.map_or(0, |s| s.fields.len()));
        let mut items = Vec::new();
        let mut damaged = false;
        loop {
            self.skip_trivia()?;
            let entries = fields.len() + items.len();
            let ahead = Ahead { opening, is_record, entries, schema, fields: &fields };
            match self.parens_step(&open, ahead)? {
                Step::Done => break,
                Step::Again => continue,
                Step::Read => {}
            }
            if is_record {
                if self.field(&mut fields)? {
                    damaged = true;
                    continue;
                }
            } else {
                let (value, skipped) = self.entry()?;
                items.push(value);
                if skipped {
                    continue;
                }
            }
            if std::mem::take(&mut self.pending_comma) {
                continue;
            }
            match self.after_entry(&open, opening, is_record)? {
                After::Next => {}
                After::Done => break,
                After::Skipped => damaged = true,
            }
        }
        self.leave();
        let kind = if is_record {
            NodeKind::Record { name, fields, damaged }
        } else {
            NodeKind::Tuple { name, items }
        };
        Ok(Node { pos, end: self.pos, kind })
    }

    /// What a record or tuple does at the start of an entry: close, skip something, or read
    /// it.
    fn parens_step(&mut self, open: &Open, ahead: Ahead) -> PResult<Step> {
        let Ahead { opening, is_record, entries, schema, fields } = ahead;
        let bracketed = opening != Opening::File;
        match self.peek() {
            None if !bracketed => Ok(Step::Done),
            None => Err(self.stop(open.unclosed(self.pos))),
            Some(')') if is_record && self.extra_close_in_record(schema, fields) => {
                self.skip_extra_close()?;
                Ok(Step::Again)
            }
            Some(')') => {
                self.bump();
                Ok(Step::Done)
            }
            Some(c @ (']' | '}')) if bracketed && self.closes_current() => {
                self.fail(open.mismatched(c, self.pos))?;
                self.bump();
                Ok(Step::Done)
            }
            Some(c @ (']' | '}')) => match self.closer_kind(c) {
                Closer::Outer if bracketed => {
                    self.fail(open.missing_close(self.last_end))?;
                    Ok(Step::Done)
                }
                _ => {
                    self.fail(open.mismatched(c, self.pos))?;
                    self.bump();
                    Ok(Step::Again)
                }
            },
            Some(',') if is_record && field_at(self.rest()[1..].trim_start()) => {
                // `a: 1,, b: 2`
                self.fail(self.unexpected(Expected::FieldName))?;
                self.bump();
                Ok(Step::Again)
            }
            Some(',') if bracketed && entries > 0 => {
                // `notes: [],` and then `,` where this record's `)` was: it belongs before
                // the comma, which is the enclosing list's.
                self.fail(open.missing_close(self.last_end))?;
                Ok(Step::Done)
            }
            // (A field name is lower case, a record's upper case: only that is looked at.)
            _ if is_record
                && bracketed
                && entries > 0
                && !self.peek().is_some_and(|c| c.is_ascii_lowercase())
                && self.sibling_record_ahead() =>
            {
                // `notes: [],` then the next `Option(`: this one's `)` is missing.
                self.fail(open.missing_close(self.last_end))?;
                self.pending_comma = true;
                Ok(Step::Done)
            }
            _ if !is_record && bracketed && entries > 0 && field_at(self.rest()) => {
                // `Some("x",` then the next field: the `)` of `Some(` is missing.
                self.fail(open.missing_close(self.last_end))?;
                self.pending_comma = true;
                Ok(Step::Done)
            }
            _ => Ok(Step::Read),
        }
    }

    /// One field of a record, `name: value`, added to `fields`; `true` when part of it was
    /// skipped after an error.
    fn field(&mut self, fields: &mut Vec<(Spanned<Name>, Node)>) -> PResult<bool> {
        let key_pos = self.pos;
        if !matches!(self.peek(), Some(c) if is_ident_start(c)) {
            self.fail(self.unexpected(Expected::FieldName))?;
            self.sync()?;
            return Ok(true);
        }
        let key = self.ident();
        let key_end = self.pos;
        self.skip_trivia()?;
        if self.peek() == Some(':') {
            self.bump();
        } else {
            self.fail(Diagnostic::error(
                key_end,
                DiagnosticKind::MissingColon { field: key.to_string() },
            ))?;
            let starts_value = matches!(self.peek(), Some(c) if c == '"' || c == '[' || c == '(' || c.is_ascii_digit() || is_ident_start(c) || curly_closers(c).is_some());
            if !starts_value {
                self.sync()?;
                return Ok(true);
            }
        }
        self.skip_trivia()?;
        let (mut value, skipped) = self.entry()?;
        let list_item = matches!(value.kind, NodeKind::Record { .. } | NodeKind::Str { .. });
        if !skipped && !self.pending_comma && list_item && schema::is_list(&key) {
            value = self.bracketless_list(value, &key)?;
        }
        fields.push((Spanned::new(key, key_pos), value));
        Ok(skipped)
    }
}

/// How a record's `(` was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Opening {
    /// `Name(` or `(`.
    Bracket,
    /// `Note` and then its fields: the `(` is missing (reported); a `)` closes it.
    Missing,
    /// The fields of a pack written without `Pack(` (reported): they run to the end.
    File,
}

/// What a container does next at the start of an entry.
enum Step {
    /// Read the entry.
    Read,
    /// Something was skipped: look again.
    Again,
    /// The container ends here.
    Done,
}

/// What followed an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum After {
    /// A comma, or the closing bracket: go on.
    Next,
    /// The container ends here (its closing bracket is missing, reported).
    Done,
    /// Something was skipped after an error.
    Skipped,
}

/// What a record or tuple knows at the start of an entry.
#[derive(Clone, Copy)]
struct Ahead<'a> {
    opening: Opening,
    is_record: bool,
    entries: usize,
    schema: Option<&'static schema::Record>,
    fields: &'a [(Spanned<Name>, Node)],
}

impl Node {
    /// The name of the record this value is, if it is a named record.
    fn record_name(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Record { name: Some(name), .. } => Some(&name.value),
            _ => None,
        }
    }
}

mod chars;
mod recover;
mod text;

use chars::{field_at, is_ident_continue, is_ident_start, is_ron_whitespace, record_at};
use recover::is_fatal;

use text::curly_closers;
#[cfg(test)]
mod tests;
