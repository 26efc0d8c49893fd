//! `wikken import FILE`: merge a bundle into the pool; importing twice counts once.

use std::io::Write;
use std::path::Path;

use super::Exit;
use crate::i18n::{CliText, Lang};
use crate::store::{BundleError, PoolFailure, PoolStore, StoreError, import, read_bundle};

/// Checks the bundle whole before anything is written; a damaged bundle changes nothing.
pub fn import_bundle(
    lang: Lang,
    pool: &dyn PoolStore,
    path: &Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<Exit> {
    let text = CliText(lang);
    let bundle = match read_bundle(path) {
        Ok(b) => b,
        Err(BundleError::Damaged(damage)) => {
            writeln!(err, "{}", text.bundle_damaged(path, &damage))?;
            return Ok(Exit::Errors);
        }
        Err(BundleError::Store(e)) => {
            writeln!(err, "{}", text.store_error(&e))?;
            return Ok(Exit::Usage);
        }
    };
    match import(pool, &bundle) {
        Ok(report) => {
            writeln!(out, "{}", text.imported(&report))?;
            Ok(Exit::Ok)
        }
        // The pool's rules refused the bundle (a record it does not accept): an import goes
        // in whole or not at all, so nothing of it went in.
        Err(StoreError::Pool { failure: PoolFailure::Rejected, detail }) => {
            writeln!(err, "{}", text.import_refused_by_db(&detail))?;
            Ok(Exit::Usage)
        }
        Err(e) => {
            writeln!(err, "{}", text.store_error(&e))?;
            Ok(Exit::Usage)
        }
    }
}
