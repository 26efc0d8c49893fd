//! `wikken export --out FILE`: the pool as an anonymised bundle for another team.

use std::io::Write;
use std::path::Path;

use super::Exit;
use crate::i18n::{CliText, Lang};
use crate::store::{Clock, Pool, export, today, write_bundle};

/// Writes the bundle; refuses to overwrite an existing file.
pub fn export_pool(
    lang: Lang,
    pool: &Pool,
    out_path: &Path,
    clock: &dyn Clock,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<Exit> {
    let text = CliText(lang);
    if out_path.exists() {
        writeln!(err, "{}", text.export_exists(out_path))?;
        return Ok(Exit::Usage);
    }
    let bundle = match export(pool, &today(clock)) {
        Ok(b) => b,
        Err(e) => {
            writeln!(err, "{}", text.store_failed(&e.to_string()))?;
            return Ok(Exit::Usage);
        }
    };
    if let Err(e) = write_bundle(&bundle, out_path) {
        writeln!(err, "{}", text.store_failed(&e.to_string()))?;
        return Ok(Exit::Usage);
    }
    writeln!(out, "{}", text.exported(bundle.records.len(), out_path))?;
    Ok(Exit::Ok)
}
