//! `wikken pool init ADDRESS` and `wikken pool status`: set up a pool that has a schema (the
//! organisation's database, as its owner), and say which pool is in use, whether it can be
//! reached, and the facts it gives — k, counts, never rows. Nothing here knows what kind of
//! pool it is: the store says.

use std::io::Write;

use super::Exit;
use crate::i18n::{CliText, Lang};
use crate::paths::Paths;
use crate::store::{PoolLocation, StoreError, Threshold};

/// Creates or upgrades the pool at `address` (for the organisation pool: schema `wikken` and
/// role `wikken_participant`).
pub fn init(
    lang: Lang,
    address: &str,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<Exit> {
    let text = CliText(lang);
    let location = PoolLocation::named(address);
    if location.folder().is_some() {
        writeln!(err, "{}", text.pool_not_url(address))?;
        return Ok(Exit::Usage);
    }
    match location.init() {
        Ok(report) => {
            writeln!(out, "{}", text.pool_initialised(&report.applied, report.version))?;
            Ok(Exit::Ok)
        }
        Err(e) => {
            writeln!(err, "{}", text.store_error(&e))?;
            Ok(Exit::Usage)
        }
    }
}

/// Which pool, reachable or not, and its facts.
pub fn status(
    lang: Lang,
    paths: &Paths,
    threshold: Threshold,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<Exit> {
    let text = CliText(lang);
    let failed = |e: StoreError, out: &mut dyn Write, err: &mut dyn Write, kind| {
        if e.is_unreachable() {
            writeln!(out, "{}", text.pool_unreachable(kind, &paths.pool.display()))?;
        }
        writeln!(err, "{}", text.store_error(&e))?;
        Ok(Exit::Usage)
    };
    let pool = match paths.pool() {
        Ok(pool) => pool,
        Err(e) => return failed(e, out, err, crate::store::PoolKind::Folder),
    };
    match pool.status(threshold) {
        Ok(status) => {
            writeln!(out, "{}", text.pool_status(&status))?;
            Ok(Exit::Ok)
        }
        Err(e) => failed(e, out, err, pool.kind()),
    }
}
