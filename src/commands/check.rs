//! `wikken check [PATH...]`: validate packs and print one line per problem. File names in
//! the output are cleaned (`crate::clean`): a file name can hold an escape sequence too.

use std::io::Write;
use std::path::PathBuf;

use super::Exit;
use crate::fsx;
use crate::i18n::{CliText, Lang, render_diagnostic};
use crate::pack::{Catalog, Severity};

/// Checks the packs at `paths`; with no paths, every pack the app would load (the bundled
/// ones and `default_dirs`). Problems go to `out`, one per line, then a summary line.
pub fn check(
    lang: Lang,
    paths: &[PathBuf],
    default_dirs: &[PathBuf],
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<Exit> {
    let text = CliText(lang);
    let (bundled, dirs) = if paths.is_empty() { (true, default_dirs) } else { (false, paths) };
    // Read every path first, so one unreadable path fails the run before any output. A
    // file named on the command line must be a regular file: a FIFO would block, a device
    // or a symlink to one would be read without end, and a symlink is never followed (in a
    // folder, such files are skipped with a warning instead). A folder may be a symlink: it
    // is only listed, and its files are checked one by one.
    for path in dirs {
        match std::fs::metadata(path) {
            Err(e) => {
                writeln!(err, "{}", text.cannot_read(path, &e))?;
                return Ok(Exit::Usage);
            }
            Ok(meta) if meta.is_dir() => {}
            Ok(_) => {
                if let Err(e) = fsx::ensure_regular(path) {
                    writeln!(err, "{}", text.cannot_open(path, &e))?;
                    return Ok(Exit::Usage);
                }
            }
        }
    }
    let catalog = match Catalog::load(bundled, dirs) {
        Ok(c) => c,
        Err(e) => {
            writeln!(err, "{}", text.cannot_read(&e.path, &e.source))?;
            return Ok(Exit::Usage);
        }
    };
    if catalog.files.is_empty() {
        writeln!(err, "{}", text.no_packs_found())?;
        return Ok(Exit::Usage);
    }
    for file in &catalog.files {
        let origin = file.origin.to_string();
        for diag in &file.checked.diagnostics {
            writeln!(out, "{}", render_diagnostic(lang, &origin, diag))?;
        }
    }
    let errors = catalog.count(Severity::Error);
    let warnings = catalog.count(Severity::Warning);
    let dilemmas: usize = catalog
        .files
        .iter()
        .filter_map(|f| f.checked.pack.as_ref())
        .map(|p| p.dilemmas.len())
        .sum();
    // A symlink or FIFO that was skipped is no pack; its warning is counted, the file not.
    let packs = catalog.files.iter().filter(|f| !f.checked.skipped_unread()).count();
    writeln!(out, "{}", text.check_summary(packs, dilemmas, errors, warnings))?;
    Ok(if errors > 0 { Exit::Errors } else { Exit::Ok })
}
