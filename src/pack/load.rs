//! Reading one pack: bytes → text → RON tree → model → rules, each stage reporting
//! located problems. Nothing here panics or loops on hostile input: the size is capped
//! before reading, invalid UTF-8 is located, and the parser bounds its nesting.

use std::io::Read;
use std::path::Path;

use super::decode::decode_pack;
use super::diagnostic::{Diagnostic, DiagnosticKind};
use super::model::Pack;
use super::span::Pos;
use super::syntax::parse;
use super::validate::validate;

/// Largest pack file accepted: far beyond any real pack, small enough to read at once.
pub const MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

/// The result of checking one pack text.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The pack, when it could be decoded (it may still have errors).
    pub pack: Option<Pack>,
    /// Every problem found, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    fn failed(diag: Diagnostic) -> Self {
        Checked { pack: None, diagnostics: vec![diag] }
    }

    /// Whether any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The pack if it loaded without errors.
    pub fn usable(&self) -> Option<&Pack> {
        if self.has_errors() { None } else { self.pack.as_ref() }
    }

    /// Adds a problem found later (for example a duplicate pack id across files).
    pub fn push(&mut self, diag: Diagnostic) {
        self.diagnostics.push(diag);
        self.diagnostics.sort_by_key(|d| d.pos);
    }
}

/// Checks pack text: syntax, structure and rules.
pub fn check_text(text: &str) -> Checked {
    let node = match parse(text) {
        Ok(node) => node,
        Err(diag) => return Checked::failed(diag),
    };
    let (mut pack, mut diagnostics) = decode_pack(&node);
    if let Some(pack) = &mut pack {
        diagnostics.extend(validate(pack));
        // Checked on the text as written; from here on only clean text is handed out.
        pack.clean();
    }
    diagnostics.sort_by_key(|d| d.pos);
    Checked { pack, diagnostics }
}

/// Checks pack bytes: refuses oversized input and locates invalid UTF-8 first.
pub fn check_bytes(bytes: &[u8]) -> Checked {
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Checked::failed(Diagnostic::error(
            Pos::START,
            DiagnosticKind::FileTooLarge { size: bytes.len() as u64, limit: MAX_FILE_SIZE },
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => check_text(text),
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            // The prefix is valid UTF-8 by definition of `valid_up_to`.
            let prefix = std::str::from_utf8(valid).unwrap_or_default();
            Checked::failed(Diagnostic::error(position_after(prefix), DiagnosticKind::InvalidUtf8))
        }
    }
}

/// Reads and checks a pack file. The file is read with a cap, so a special file such as a
/// pipe or `/dev/zero` cannot make this hang or exhaust memory.
pub fn check_file(path: &Path) -> Checked {
    let unreadable = |e: std::io::Error| {
        Checked::failed(Diagnostic::error(
            Pos::START,
            DiagnosticKind::Unreadable { reason: e.to_string() },
        ))
    };
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return unreadable(e),
    };
    if let Ok(meta) = file.metadata()
        && meta.len() > MAX_FILE_SIZE
    {
        return Checked::failed(Diagnostic::error(
            Pos::START,
            DiagnosticKind::FileTooLarge { size: meta.len(), limit: MAX_FILE_SIZE },
        ));
    }
    let mut bytes = Vec::new();
    if let Err(e) = file.take(MAX_FILE_SIZE + 1).read_to_end(&mut bytes) {
        return unreadable(e);
    }
    check_bytes(&bytes)
}

/// The line and column just after `text`.
fn position_after(text: &str) -> Pos {
    let line = text.matches('\n').count() as u32 + 1;
    let last_line = text.rsplit('\n').next().unwrap_or_default();
    Pos { line, col: last_line.chars().count() as u32 + 1 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loaded_texts_are_clean_and_keep_their_line_breaks() {
        let hostile = "\\u{1b}]0;pwned\\u{7}\\u{1b}[2J \\u{9b}31m \\u{202e}";
        let text = include_str!("../../tests/packs/valid/minimal.ron")
            .replace("Het eerste dilemma", &format!("Titel {hostile}\\nmeer"))
            .replace("Een casus.", &format!("Casus {hostile}\\nregel twee\\tdoor"));
        let checked = check_text(&text);
        let pack = checked.usable().expect("warnings only");
        let dilemma = &pack.dilemmas[0];
        assert_eq!(
            dilemma.title.as_str(),
            "Titel \u{FFFD}]0;pwned\u{FFFD}\u{FFFD}[2J \u{FFFD}31m \u{FFFD}\u{FFFD}meer"
        );
        assert_eq!(
            dilemma.case.as_str(),
            "Casus \u{FFFD}]0;pwned\u{FFFD}\u{FFFD}[2J \u{FFFD}31m \u{FFFD}\nregel twee door"
        );
        assert!(checked.diagnostics.iter().all(|d| !d.is_error()), "{:?}", checked.diagnostics);
    }

    #[test]
    fn invalid_utf8_is_located() {
        let checked = check_bytes(b"Pack(\n  id: \"a\xff\",\n)");
        assert_eq!(checked.diagnostics.len(), 1);
        assert_eq!(checked.diagnostics[0].kind, DiagnosticKind::InvalidUtf8);
        assert_eq!(checked.diagnostics[0].pos, Pos { line: 2, col: 9 });
    }

    #[test]
    fn oversized_input_is_refused() {
        let big = vec![b' '; MAX_FILE_SIZE as usize + 1];
        let checked = check_bytes(&big);
        assert!(matches!(checked.diagnostics[0].kind, DiagnosticKind::FileTooLarge { .. }));
    }
}
