//! `wikken export --out FILE`: the pool as an anonymised bundle for another team; and
//! `wikken export --me --out FILE.md`: "Mijn ontwikkeling" as Markdown for a development
//! talk — private, written owner-only, and nothing else from DATA in it.

use std::io::Write;
use std::path::Path;

use super::Exit;
use crate::i18n::DevelopmentText;
use crate::i18n::{CliText, Lang};
use crate::pack::Pack;
use crate::store::{Clock, Journal, PoolStore, Threshold, export_to, today};

/// Whether `out_path` is taken (a file, folder or link): then it says so, for an export
/// never overwrites.
fn exists(text: CliText, out_path: &Path, err: &mut dyn Write) -> std::io::Result<bool> {
    let taken = std::fs::symlink_metadata(out_path).is_ok();
    if taken {
        writeln!(err, "{}", text.export_exists(out_path))?;
    }
    Ok(taken)
}

/// Writes the bundle; refuses to overwrite an existing file.
pub fn export_pool(
    lang: Lang,
    pool: &dyn PoolStore,
    out_path: &Path,
    clock: &dyn Clock,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<Exit> {
    let text = CliText(lang);
    if exists(text, out_path, err)? {
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

/// Writes "Mijn ontwikkeling" for the journal in `journal` as Markdown to `out_path`: the
/// overview only (figures, themes, the person's own reasoning), compared with colleagues
/// only where the pool's threshold lets a distribution be seen. Refuses to overwrite; the
/// file is private (0600 on Unix), like the journal it comes from.
#[allow(clippy::too_many_arguments)]
pub fn export_development(
    lang: Lang,
    journal: &Journal,
    pool: &dyn PoolStore,
    packs: &[Pack],
    threshold: Threshold,
    out_path: &Path,
    clock: &dyn Clock,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<Exit> {
    let text = CliText(lang);
    if exists(text, out_path, err)? {
        return Ok(Exit::Usage);
    }
    let (answers, damaged) = journal.load();
    for w in &damaged {
        writeln!(err, "{}", text.pool_warning(&w.path, w.line, &w.reason))?;
    }
    // A pool folder that is missing counts as empty: every comparison is then "not visible".
    let (tally, warnings) = pool.tally(false);
    for w in &warnings {
        writeln!(err, "{}", text.pool_warning(&w.path, w.line, &w.reason))?;
    }
    let overview = crate::development::overview(&answers, packs, Some((&tally, threshold)));
    let markdown = DevelopmentText(lang).markdown(&overview, &today(clock));
    match crate::fsx::create_atomic(out_path, true, |w| w.write_all(markdown.as_bytes())) {
        Ok(true) => {
            writeln!(out, "{}", text.exported_development(answers.len(), out_path))?;
            Ok(Exit::Ok)
        }
        // Someone made the file between the check above and now: still never overwritten.
        Ok(false) => {
            writeln!(err, "{}", text.export_exists(out_path))?;
            Ok(Exit::Usage)
        }
        Err(e) => {
            writeln!(err, "{}", text.new_failed(out_path, &e))?;
            Ok(Exit::Usage)
        }
    }
}
