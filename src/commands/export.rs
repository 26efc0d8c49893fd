//! `wikken export --out FILE`: the pool as an anonymised bundle for another team.

use std::io::Write;
use std::path::Path;

use super::Exit;
use crate::i18n::{CliText, Lang};
use crate::store::{Clock, Pool, export_to, today};

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
    if std::fs::symlink_metadata(out_path).is_ok() {
        writeln!(err, "{}", text.export_exists(out_path))?;
        return Ok(Exit::Usage);
    }
    match export_to(pool, &today(clock), out_path) {
        Ok(report) => {
            for w in &report.warnings {
                writeln!(err, "{}", text.pool_warning(&w.path, w.line, &w.reason))?;
            }
            writeln!(out, "{}", text.exported(report.records, report.participants, out_path))?;
            Ok(Exit::Ok)
        }
        Err(e) => {
            writeln!(err, "{}", text.store_error(&e))?;
            Ok(Exit::Usage)
        }
    }
}
