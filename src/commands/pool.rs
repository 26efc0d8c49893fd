//! `wikken pool init URL`, `wikken pool packs URL` and `wikken pool status`: set up the
//! organisation pool and register the packs it takes answers to (as the database owner), and
//! say which pool is in use, whether it can be reached, k and counts — never rows.

use std::io::Write;

use super::Exit;
use crate::i18n::{CliText, Lang};
use crate::pack::Catalog;
use crate::paths::Paths;
use crate::store::postgres::{self, ForAdministrator};
use crate::store::{PoolStatus, Scope, Summary, Threshold};

/// Creates or upgrades schema `wikken` and role `wikken_participant` at `url`, sets the
/// database's timeouts and closes PostgreSQL's statistics to participants where its rights
/// allow (printing the SQL for what is left), and registers the packs of `catalog`.
pub fn init(
    lang: Lang,
    url: &str,
    catalog: &Catalog,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<Exit> {
    let text = CliText(lang);
    if !is_database(text, url, err)? {
        return Ok(Exit::Usage);
    }
    let report = match postgres::init(url) {
        Ok(report) => report,
        Err(e) => {
            writeln!(err, "{}", text.store_error(&e))?;
            return Ok(Exit::Usage);
        }
    };
    writeln!(out, "{}", text.pool_initialised(&report.applied, report.version))?;
    writeln!(out, "{}", text.pool_timeouts(postgres::IDLE_IN_TRANSACTION, postgres::LOCK_TIMEOUT))?;
    let closed = !report.left.iter().any(|s| matches!(s, ForAdministrator::Statistics { .. }));
    if closed {
        writeln!(out, "{}", text.pool_hardened())?;
    }
    for step in &report.left {
        writeln!(out, "\n{}\n{}\n", text.pool_left(step), step.sql())?;
    }
    register(text, url, catalog, out, err)
}

/// Registers the dilemmas of every pack in `catalog` (bundled, `--packs`, the settings'
/// folders, as the trainer loads them) at `url`: the pool takes answers to those only.
pub fn packs(
    lang: Lang,
    url: &str,
    catalog: &Catalog,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<Exit> {
    let text = CliText(lang);
    if !is_database(text, url, err)? {
        return Ok(Exit::Usage);
    }
    register(text, url, catalog, out, err)
}

/// Whether `url` names a database; if not, says so.
fn is_database(text: CliText, url: &str, err: &mut dyn Write) -> std::io::Result<bool> {
    let ok = postgres::is_url(url);
    if !ok {
        writeln!(err, "{}", text.pool_not_url(url))?;
    }
    Ok(ok)
}

/// Registers the packs of `catalog`, saying which, and which files could not be.
fn register(
    text: CliText,
    url: &str,
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
            dilemmas.push(postgres::Registration {
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
    match postgres::register(url, &dilemmas) {
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

/// Which pool, reachable or not, k, counts.
pub fn status(
    lang: Lang,
    paths: &Paths,
    threshold: Threshold,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<Exit> {
    let text = CliText(lang);
    let pool = match paths.pool() {
        Ok(pool) => pool,
        Err(e) => {
            writeln!(err, "{}", text.store_error(&e))?;
            return Ok(Exit::Usage);
        }
    };
    match pool.status() {
        Ok(PoolStatus::Database { server, k, batch, dilemmas, answers }) => {
            let s = postgres::Status {
                k: k as i32,
                batch: batch as i32,
                dilemmas: dilemmas as i32,
                answers: answers as i32,
            };
            writeln!(out, "{}", text.pool_status_db(&server, s))?;
        }
        Ok(PoolStatus::Folder { dir, files, tombstones }) => {
            let cache = paths.stats_cache();
            let (summary, warnings, _) = match pool.summary(&cache, threshold) {
                Ok(s) => s,
                Err(e) => {
                    writeln!(err, "{}", text.store_error(&e))?;
                    return Ok(Exit::Usage);
                }
            };
            let shown = |s: &Summary| s.rows.iter().filter(|r| r.scope != Scope::Hidden).count();
            let line = text.pool_status_folder(
                &dir,
                threshold.k(),
                files,
                summary.rows.len(),
                shown(&summary),
                tombstones,
                warnings.len(),
            );
            writeln!(out, "{line}")?;
        }
        Ok(PoolStatus::Memory { records }) => writeln!(out, "memory: {records}")?,
        Err(e) => {
            if paths.pool.is_database() {
                writeln!(out, "{}", text.pool_unreachable_db(&pool.location()))?;
            }
            writeln!(err, "{}", text.store_error(&e))?;
            return Ok(Exit::Usage);
        }
    }
    Ok(Exit::Ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_reach_the_screen() {
        assert_eq!(
            postgres::redact("postgresql://anna:geheim@db.gemeente.nl/wikken"),
            "postgresql://anna@db.gemeente.nl:5432/wikken"
        );
        assert_eq!(postgres::redact("postgresql://db/wikken"), "postgresql://db:5432/wikken");
        for url in [
            "postgresql://anna@db/wikken?password=Zomer2026!",
            "postgresql:///wikken?host=db&user=anna&password=Zomer2026!",
            "postgresql://anna:Zo@mer2026!@db/wikken",
        ] {
            let shown = postgres::redact(url);
            assert!(!shown.contains("Zomer") && !shown.contains("mer2026"), "{url} → {shown}");
        }
        assert_eq!(
            postgres::redact("postgresql://anna@db/wikken?sslmode=verify-full&sslrootcert=/ca.pem"),
            "postgresql://anna@db:5432/wikken?sslmode=verify-full&sslrootcert=/ca.pem"
        );
    }
}
