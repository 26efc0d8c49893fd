//! `wikken new PATH`: write a starter pack, never overwriting.

use std::io::Write;
use std::path::Path;

use super::Exit;
use crate::i18n::{CliText, Lang};
use crate::pack::starter_pack;

/// Writes the starter pack to `path`; refuses if anything exists there.
pub fn new_pack(
    lang: Lang,
    path: &Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<Exit> {
    let text = CliText(lang);
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    // Through the one atomic-write helper: the pack appears whole or not at all, and a
    // file made meanwhile by someone else is never replaced.
    match crate::fsx::create_atomic(path, false, |w| w.write_all(starter_pack(&stem).as_bytes())) {
        Ok(true) => {}
        Ok(false) => {
            writeln!(err, "{}", text.new_exists(path))?;
            return Ok(Exit::Usage);
        }
        Err(e) => {
            writeln!(err, "{}", text.new_failed(path, &e))?;
            return Ok(Exit::Usage);
        }
    }
    writeln!(out, "{}", text.new_written(path))?;
    Ok(Exit::Ok)
}
