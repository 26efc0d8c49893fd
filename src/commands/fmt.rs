//! `wikken fmt [--check] PACK...`: writes packs in the canonical layout (the one the form
//! editor writes; see `crate::pack::format`), keeping every text and comment. With
//! `--check` nothing is written: the exit code says whether every pack is in that layout
//! (for CI). A pack with errors is left alone, with its errors; a comment that stood inside
//! a value and now stands at the end of its line is said, never dropped.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::Exit;
use super::check::pack_files;
use crate::i18n::{CliText, Lang, render_diagnostic};
use crate::pack::{
    Diagnostic, DiagnosticKind, FormatError, Origin, check_bytes, format_text, read_pack_file,
};

/// What happened to one pack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// Written in the canonical layout.
    Formatted,
    /// Already in it.
    Unchanged,
    /// Not in it (`--check`), not formatted (errors), or not written.
    Failed,
    /// Not a pack (a symlink or special file in a folder), skipped with a warning.
    Skipped,
}

/// Formats (or with `check`, checks the layout of) the packs at `paths`: files, or folders
/// searched for packs.
pub fn fmt(
    lang: Lang,
    paths: &[PathBuf],
    check: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<Exit> {
    let files = match pack_files(paths, CliText(lang), err)? {
        Ok(files) => files,
        Err(exit) => return Ok(exit),
    };
    if files.is_empty() {
        writeln!(err, "{}", CliText(lang).no_packs_found())?;
        return Ok(Exit::Usage);
    }
    let mut outcomes = Vec::with_capacity(files.len());
    for file in &files {
        outcomes.push(one(lang, file, check, out, err)?);
    }
    let count = |o: Outcome| outcomes.iter().filter(|&&x| x == o).count();
    let (formatted, unchanged, failed) =
        (count(Outcome::Formatted), count(Outcome::Unchanged), count(Outcome::Failed));
    writeln!(out, "{}", lang.studio().fmt_summary(check, formatted, unchanged, failed))?;
    Ok(if failed > 0 { Exit::Errors } else { Exit::Ok })
}

/// Formats one pack file.
fn one(
    lang: Lang,
    file: &Path,
    check: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<Outcome> {
    let studio = lang.studio();
    let shown = Origin::File(file.to_path_buf()).to_string();
    let print = |out: &mut dyn Write, diags: &[Diagnostic]| -> std::io::Result<()> {
        for diag in diags {
            writeln!(out, "{}", render_diagnostic(lang, &shown, diag))?;
        }
        Ok(())
    };
    let bytes = match read_pack_file(file) {
        Ok(bytes) => bytes,
        Err(diag) => {
            print(out, std::slice::from_ref(&diag))?;
            return Ok(if diag.is_error() { Outcome::Failed } else { Outcome::Skipped });
        }
    };
    let Ok(source) = std::str::from_utf8(&bytes) else {
        // Not UTF-8: the check says where.
        print(out, &check_bytes(&bytes).diagnostics)?;
        writeln!(out, "{}", studio.fmt_has_errors(&shown))?;
        return Ok(Outcome::Failed);
    };
    let formatted = match format_text(source) {
        Ok(formatted) => formatted,
        Err(FormatError::Problems(errors)) => {
            print(out, &errors)?;
            writeln!(out, "{}", studio.fmt_has_errors(&shown))?;
            return Ok(Outcome::Failed);
        }
        Err(FormatError::NotTheSame) => {
            writeln!(err, "{}", studio.fmt_not_the_same(&shown))?;
            return Ok(Outcome::Failed);
        }
    };
    let moved: Vec<Diagnostic> = formatted
        .moved
        .iter()
        .map(|&pos| Diagnostic::note(pos, DiagnosticKind::CommentMoved))
        .collect();
    print(out, &moved)?;
    if formatted.text == source {
        return Ok(Outcome::Unchanged);
    }
    if check {
        writeln!(out, "{}", studio.fmt_not_canonical(&shown, file))?;
        return Ok(Outcome::Failed);
    }
    // Whole or not at all: a new file beside it, then renamed over it.
    match crate::fsx::atomic_write(file, false, |w| w.write_all(formatted.text.as_bytes())) {
        Ok(()) => {
            writeln!(out, "{}", studio.fmt_written(&shown))?;
            Ok(Outcome::Formatted)
        }
        Err(e) => {
            writeln!(err, "{}", CliText(lang).new_failed(file, &e))?;
            Ok(Outcome::Failed)
        }
    }
}
