//! `wikken pool init ADDRESS`, `wikken pool packs ADDRESS` and `wikken pool status`: set up
//! a pool that has a schema (the organisation's database, as its owner) and register the
//! packs it takes answers to, and say which pool is in use, whether it can be reached, and
//! the facts it gives — k, counts, never rows. Nothing here knows what kind of pool it is:
//! the store says.

use std::io::Write;

use super::Exit;
use crate::i18n::{CliText, Lang};
use crate::pack::Catalog;
use crate::paths::Paths;
use crate::store::{PoolLocation, Registration, StoreError, Threshold};

/// Creates or upgrades the pool at `address` (for the organisation pool: schema `wikken`
/// and role `wikken_participant`, the database's timeouts, PostgreSQL's statistics closed to
/// participants where its rights allow, printing the SQL for what is left), and registers
/// the packs of `catalog`.
pub fn init(
    lang: Lang,
    address: &str,
    catalog: &Catalog,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<Exit> {
    let text = CliText(lang);
    let Some(location) = with_schema(text, address, err)? else {
        return Ok(Exit::Usage);
    };
    let report = match location.init() {
        Ok(report) => report,
        Err(e) => {
            writeln!(err, "{}", text.store_error(&e))?;
            return Ok(Exit::Usage);
        }
    };
    writeln!(out, "{}", text.pool_initialised(&report.applied, report.version))?;
    if let Some(timeouts) = report.timeouts {
        writeln!(out, "{}", text.pool_timeouts(timeouts.idle_in_transaction, timeouts.lock))?;
        if !report.left.iter().any(|s| s.is_statistics()) {
            writeln!(out, "{}", text.pool_hardened())?;
        }
    }
    for step in &report.left {
        writeln!(out, "\n{}\n{}\n", text.pool_left(step), step.sql())?;
    }
    register(text, &location, catalog, out, err)
}

/// Registers the dilemmas of every pack in `catalog` (bundled, `--packs`, the settings'
/// folders, as the trainer loads them) at `address`: the pool takes answers to those only.
pub fn packs(
    lang: Lang,
    address: &str,
    catalog: &Catalog,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<Exit> {
    let text = CliText(lang);
    match with_schema(text, address, err)? {
        Some(location) => register(text, &location, catalog, out, err),
        None => Ok(Exit::Usage),
    }
}

/// The pool at `address` if it is one with a schema (not a folder); if not, says so.
fn with_schema(
    text: CliText,
    address: &str,
    err: &mut dyn Write,
) -> std::io::Result<Option<PoolLocation>> {
    let location = PoolLocation::named(address);
    if location.folder().is_some() {
        writeln!(err, "{}", text.pool_not_url(address))?;
        return Ok(None);
    }
    Ok(Some(location))
}

/// Registers the packs of `catalog`, saying which, and which files could not be.
fn register(
    text: CliText,
    location: &PoolLocation,
    catalog: &Catalog,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<Exit> {
    for file in catalog.skipped() {
        writeln!(err, "{}", text.pool_pack_unloadable(&file.origin.to_string()))?;
    }
    let mut dilemmas = Vec::new();
    for pack in catalog.packs() {
        for d in &pack.dilemmas {
            dilemmas.push(Registration {
                pack: pack.id.to_string(),
                v: *pack.version,
                dilemma: d.id.to_string(),
                options: d.options.iter().map(|o| o.id.to_string()).collect(),
            });
        }
        writeln!(
            out,
            "{}",
            text.pool_pack_registered(&pack.id, *pack.version, pack.dilemmas.len())
        )?;
    }
    match location.register(&dilemmas) {
        Ok(done) => {
            writeln!(out, "{}", text.pool_registered(done))?;
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
