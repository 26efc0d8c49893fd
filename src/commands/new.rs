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
    // `create_new` fails if the file exists, also when it appears between a check and the
    // write, so an existing pack can never be overwritten.
    let file = std::fs::OpenOptions::new().write(true).create_new(true).open(path);
    let mut file = match file {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            writeln!(err, "{}", text.new_exists(path))?;
            return Ok(Exit::Usage);
        }
        Err(e) => {
            writeln!(err, "{}", text.new_failed(path, &e))?;
            return Ok(Exit::Usage);
        }
    };
    if let Err(e) = file.write_all(starter_pack(&stem).as_bytes()).and_then(|()| file.sync_all()) {
        writeln!(err, "{}", text.new_failed(path, &e))?;
        return Ok(Exit::Usage);
    }
    writeln!(out, "{}", text.new_written(path))?;
    Ok(Exit::Ok)
}
