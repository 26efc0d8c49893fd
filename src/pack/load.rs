//! Reading one pack: bytes → text → RON tree → model → rules, each stage reporting
//! located problems. Nothing here panics or loops on hostile input: only regular files are
//! opened, the size is capped before reading, invalid UTF-8 is located, and the parser
//! bounds its nesting.

use std::path::Path;

use super::decode::decode_pack;
use super::diagnostic::{Diagnostic, DiagnosticKind};
use super::model::Pack;
use super::span::Pos;
use super::syntax::{Trust, parse_all};
use super::validate::{WetAge, stale_wet_notes, validate};
use crate::fsx::{self, OpenError};

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

    /// Whether the file was skipped unread: a symlink or special file, which is no pack.
    pub fn skipped_unread(&self) -> bool {
        self.pack.is_none()
            && self.diagnostics.iter().any(|d| {
                matches!(d.kind, DiagnosticKind::Symlink | DiagnosticKind::NotRegularFile { .. })
            })
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

/// How a pack is checked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CheckOptions {
    /// Also warn wherever wikken accepts what standard RON does not (`check --strict`).
    pub strict: bool,
    /// Only the problems are wanted, not the pack (`wikken check`): its texts are not made
    /// safe for a terminal, so the pack must not be shown (its id may still go into a
    /// message, which is cleaned as every message is).
    pub problems_only: bool,
    /// Warn about `Wet` notes due to be checked again (`wikken check`); `None` elsewhere,
    /// so loading a pack never depends on the clock.
    pub wet_age: Option<WetAge>,
}

/// Checks pack text: syntax, structure and rules.
pub fn check_text(text: &str) -> Checked {
    check_text_with(text, CheckOptions::default())
}

/// [`check_text`] with options. After a syntax error the reader resumes where it reliably
/// can, so the structure of what it read is checked too; only the rules that need the whole
/// pack (counts, uncited sources, missing notes) wait until the syntax is right.
pub fn check_text_with(text: &str, options: CheckOptions) -> Checked {
    let mut parsed = parse_all(text);
    let trust = parsed.trust;
    let complete = parsed.errors.is_empty();
    let mut diagnostics = parsed.errors;
    let mut pack = None;
    if let Some(node) = &mut parsed.node {
        let (decoded, found) = decode_pack(node);
        diagnostics.extend(found);
        pack = decoded;
        if let Some(pack) = &mut pack {
            diagnostics.extend(validate(pack, complete));
            if let Some(age) = options.wet_age {
                diagnostics.extend(stale_wet_notes(pack, age));
            }
            // Checked on the text as written; from here on only clean text is handed out.
            if !options.problems_only {
                pack.clean();
            }
        }
    }
    if options.strict {
        diagnostics.extend(parsed.non_standard);
    } else {
        diagnostics.retain(|d| !matches!(d.kind, DiagnosticKind::NotStandardRon { .. }));
    }
    diagnostics.sort_by_key(|d| d.pos);
    say_how_sure(&mut diagnostics, trust);
    Checked { pack, diagnostics }
}

/// Notes on how far the problems can be trusted. When the reader skipped what it did not
/// recognise after an error, the errors after it may only follow from that one: they are
/// left out, and a note there says how many and to check again. Reading that stopped early
/// (a text that never ends) and the cap on errors are said too.
fn say_how_sure(diagnostics: &mut Vec<Diagnostic>, trust: Trust) {
    if let Some(at) = trust.unsure_at {
        let before = diagnostics.len();
        diagnostics.retain(|d| !(d.is_error() && d.pos > at));
        let dropped = before - diagnostics.len();
        if dropped > 0 {
            push_after(diagnostics, Diagnostic::note(at, DiagnosticKind::FollowOn { dropped }));
        }
    }
    if let Some(at) = trust.stopped_at {
        push_after(diagnostics, Diagnostic::note(at, DiagnosticKind::NotRead));
    }
    if let Some(at) = trust.capped_at {
        let note = DiagnosticKind::TooManyErrors { limit: super::syntax::MAX_ERRORS };
        push_after(diagnostics, Diagnostic::note(at, note));
    }
}

/// Adds `note` right after the last diagnostic at or before its position.
fn push_after(diagnostics: &mut Vec<Diagnostic>, note: Diagnostic) {
    let at = diagnostics.partition_point(|d| d.pos <= note.pos);
    diagnostics.insert(at, note);
}

/// Checks pack bytes: refuses oversized input and locates invalid UTF-8 first.
pub fn check_bytes(bytes: &[u8]) -> Checked {
    check_bytes_with(bytes, CheckOptions::default())
}

/// [`check_bytes`] with options.
pub fn check_bytes_with(bytes: &[u8], options: CheckOptions) -> Checked {
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Checked::failed(Diagnostic::error(
            Pos::START,
            DiagnosticKind::FileTooLarge { size: bytes.len() as u64, limit: MAX_FILE_SIZE },
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => check_text_with(text, options),
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            // The prefix is valid UTF-8 by definition of `valid_up_to`.
            let prefix = std::str::from_utf8(valid).unwrap_or_default();
            Checked::failed(Diagnostic::error(position_after(prefix), DiagnosticKind::InvalidUtf8))
        }
    }
}

/// Reads and checks a pack file. Only a regular file is opened, and it is read with a cap:
/// a FIFO, a device or a symlink (to a file, or to `/dev/zero`) in a pack folder is skipped
/// with a warning naming what it is, instead of hanging or reading without end. A pack
/// folder may be a shared team folder, so a colleague's symlink is never followed either.
pub fn check_file(path: &Path) -> Checked {
    check_file_with(path, CheckOptions::default())
}

/// [`check_file`] with options.
pub fn check_file_with(path: &Path, options: CheckOptions) -> Checked {
    check_file_in(path, options, &mut Vec::new())
}

/// [`check_file_with`], reading into `buffer`: a worker that checks many packs reuses one.
pub fn check_file_in(path: &Path, options: CheckOptions, buffer: &mut Vec<u8>) -> Checked {
    match read_pack_file_into(path, buffer) {
        Ok(()) => check_file_bytes_with(path, buffer, options),
        Err(diag) => Checked::failed(diag),
    }
}

/// Checks the bytes read from the pack file at `path` (see [`read_pack_file`]), with the
/// warnings that depend on its name.
pub fn check_file_bytes(path: &Path, bytes: &[u8]) -> Checked {
    check_file_bytes_with(path, bytes, CheckOptions::default())
}

/// [`check_file_bytes`] with options.
pub fn check_file_bytes_with(path: &Path, bytes: &[u8], options: CheckOptions) -> Checked {
    let mut checked = check_bytes_with(bytes, options);
    if is_notepad_name(path) {
        checked.push(Diagnostic::warning(Pos::START, DiagnosticKind::NotepadName));
    }
    checked
}

/// Whether the file name ends in `.ron.txt`: a pack saved by Notepad with the text file
/// type, which adds `.txt` without showing it.
pub fn is_notepad_name(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.len() > 8 && n.to_ascii_lowercase().ends_with(".ron.txt"))
}

/// Reads a pack file's bytes the way [`check_file`] does (a regular file only, capped at
/// [`MAX_FILE_SIZE`]), or says in a diagnostic why it was not read.
pub fn read_pack_file(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    let mut bytes = Vec::new();
    read_pack_file_into(path, &mut bytes)?;
    Ok(bytes)
}

/// [`read_pack_file`] into `bytes`, so one buffer serves many packs (`wikken check`).
pub fn read_pack_file_into(path: &Path, bytes: &mut Vec<u8>) -> Result<(), Diagnostic> {
    // Look first without opening (opening is what blocks on a FIFO or wakes a device); the
    // capped read opens with O_NOFOLLOW and checks the handle again, so a file swapped in
    // between is refused as well.
    fsx::ensure_regular(path)
        .and_then(|()| fsx::read_capped_into(path, MAX_FILE_SIZE, bytes))
        .map_err(open_failed)
}

/// The diagnostic for a pack file that was not read: a special file or symlink is skipped
/// (a warning: it is not a broken pack, it is no pack), anything else is an error.
fn open_failed(e: OpenError) -> Diagnostic {
    let kind = match e {
        OpenError::Symlink => return Diagnostic::warning(Pos::START, DiagnosticKind::Symlink),
        OpenError::NotRegular(kind) => {
            return Diagnostic::warning(Pos::START, DiagnosticKind::NotRegularFile { kind });
        }
        OpenError::TooLarge { size, max } => DiagnosticKind::FileTooLarge { size, limit: max },
        OpenError::Io(e) => DiagnosticKind::Unreadable { reason: e.to_string() },
    };
    Diagnostic::error(Pos::START, kind)
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

    /// The minimal pack with its case back to two words, as these tests rewrite it.
    fn minimal() -> String {
        let text = include_str!("../../tests/packs/valid/minimal.ron");
        let start = text.find("Een casus.").expect("case") + "Een casus.".len();
        let end = start + text[start..].find('"').expect("case end");
        format!("{}{}", &text[..start], &text[end..])
    }

    #[test]
    fn loaded_texts_are_clean_and_keep_only_the_breaks_the_guide_gives_meaning() {
        let hostile = "\\u{1b}]0;pwned\\u{7}\\u{1b}[2J \\u{9b}31m \\u{202e}";
        let text = minimal()
            .replace("Het eerste dilemma", &format!("Titel {hostile}\\nmeer"))
            .replace("Een casus.", &format!("Casus {hostile}\\nregel twee\\tdoor\\n\\nalinea"));
        let checked = check_text(&text);
        let pack = checked.usable().expect("warnings only");
        let dilemma = &pack.dilemmas[0];
        assert_eq!(
            dilemma.title.as_str(),
            "Titel \u{FFFD}]0;pwned\u{FFFD}\u{FFFD}[2J \u{FFFD}31m \u{FFFD} meer"
        );
        assert_eq!(
            dilemma.case.as_str(),
            "Casus \u{FFFD}]0;pwned\u{FFFD}\u{FFFD}[2J \u{FFFD}31m \u{FFFD} regel twee door\n\nalinea"
        );
        assert!(checked.diagnostics.iter().all(|d| !d.is_error()), "{:?}", checked.diagnostics);
    }

    #[test]
    fn typed_line_breaks_fold_and_tabs_show_as_spaces() {
        let text = minimal()
            .replace("Het eerste dilemma", "Het eerste\n        dilemma")
            .replace("Een casus.", "Een huisbezoek\tmet twee\nregels.")
            .replace("Optie A", "Optie\tA")
            .replace("Doe A.", "Doe A\n  en meer.\n\nLijst:\n- een\n- twee")
            .replace("Omdat.", "Omdat\nhet kan.");
        let checked = check_text(&text);
        let pack = checked.usable().expect("loads");
        let d = &pack.dilemmas[0];
        assert_eq!(d.title.as_str(), "Het eerste dilemma");
        assert_eq!(d.case.as_str(), "Een huisbezoek met twee regels.");
        assert_eq!(d.options[0].title.as_str(), "Optie A");
        // In every text that may span lines: a werkwijze's and a note's too.
        assert_eq!(d.options[0].text.as_str(), "Doe A en meer.\n\nLijst:\n\n- een\n- twee");
        assert_eq!(d.options[0].notes[0].text.as_str(), "Omdat het kan.");
        let kinds: Vec<_> = checked.diagnostics.iter().map(|d| d.kind.clone()).collect();
        assert!(
            !kinds.iter().any(|k| matches!(k, DiagnosticKind::UnwantedCharacter { ch: '\n', .. })),
            "a typed line break is no problem: {kinds:?}"
        );
    }

    #[test]
    fn special_files_are_skipped_with_a_warning() {
        let dir = tempfile::tempdir().expect("tmp");
        let missing = check_file(&dir.path().join("none.ron"));
        assert!(matches!(missing.diagnostics[0].kind, DiagnosticKind::Unreadable { .. }));
        assert!(missing.has_errors() && !missing.skipped_unread());
        let folder = check_file(dir.path());
        assert_eq!(
            folder.diagnostics,
            [Diagnostic::warning(
                Pos::START,
                DiagnosticKind::NotRegularFile { kind: fsx::kind::FOLDER }
            )]
        );
        #[cfg(unix)]
        {
            let device = check_file(Path::new("/dev/null"));
            assert_eq!(
                device.diagnostics[0].kind,
                DiagnosticKind::NotRegularFile { kind: fsx::kind::DEVICE }
            );
            assert!(!device.has_errors() && device.skipped_unread());
            let link = dir.path().join("link.ron");
            std::os::unix::fs::symlink("/dev/zero", &link).expect("symlink");
            assert_eq!(check_file(&link).diagnostics[0].kind, DiagnosticKind::Symlink);
        }
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
