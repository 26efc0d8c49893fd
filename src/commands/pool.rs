//! `wikken pool init URL` and `wikken pool status`: set up the organisation pool (as the
//! database owner), and say which pool is in use, whether it can be reached, k and counts —
//! never rows.

use std::io::Write;

use super::Exit;
use crate::i18n::{CliText, Lang};
use crate::paths::Paths;
use crate::store::postgres::{self, PgPool};
use crate::store::{Summary, Threshold};

/// Creates or upgrades schema `wikken` and role `wikken_participant` at `url`.
pub fn init(
    lang: Lang,
    url: &str,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<Exit> {
    let text = CliText(lang);
    if !postgres::is_url(url) {
        writeln!(err, "{}", text.pool_not_url(url))?;
        return Ok(Exit::Usage);
    }
    match postgres::init(url) {
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

/// Which pool, reachable or not, k, counts.
pub fn status(
    lang: Lang,
    paths: &Paths,
    pool_setting: Option<&str>,
    threshold: Threshold,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<Exit> {
    let text = CliText(lang);
    if let Some(url) = pool_setting.filter(|p| postgres::is_url(p)) {
        let secret = match postgres::load_or_create_secret(&paths.data) {
            Ok(s) => s,
            Err(e) => {
                writeln!(err, "{}", text.store_error(&e))?;
                return Ok(Exit::Usage);
            }
        };
        return match PgPool::connect(url, &secret).and_then(|mut p| p.status()) {
            Ok(s) => {
                writeln!(out, "{}", text.pool_status_db(&redact(url), s))?;
                Ok(Exit::Ok)
            }
            Err(e) => {
                writeln!(out, "{}", text.pool_unreachable_db(&redact(url)))?;
                writeln!(err, "{}", text.store_error(&e))?;
                Ok(Exit::Usage)
            }
        };
    }
    let pool = paths.pool();
    if let Err(e) = pool.ready() {
        writeln!(err, "{}", text.store_error(&e))?;
        return Ok(Exit::Usage);
    }
    let (files, tombstones) = pool.counts();
    let cache = paths.data.join("cache").join("stats.json");
    let (summary, warnings, _) = pool.summary(&cache, threshold);
    let shown =
        |s: &Summary| s.rows.iter().filter(|r| r.scope != crate::store::Scope::Hidden).count();
    writeln!(
        out,
        "{}",
        text.pool_status_folder(
            pool.dir(),
            threshold.k(),
            files,
            summary.rows.len(),
            shown(&summary),
            tombstones,
            warnings.len()
        )
    )?;
    Ok(Exit::Ok)
}

/// A URL without its password, for the screen.
fn redact(url: &str) -> String {
    match url.split_once("://").and_then(|(scheme, rest)| {
        let (cred, host) = rest.split_once('@')?;
        let user = cred.split(':').next().unwrap_or_default();
        Some(format!("{scheme}://{user}@{host}"))
    }) {
        Some(safe) => crate::clean::line(&safe).into_owned(),
        None => crate::clean::line(url).into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_reach_the_screen() {
        assert_eq!(
            redact("postgresql://anna:geheim@db.gemeente.nl/wikken"),
            "postgresql://anna@db.gemeente.nl/wikken"
        );
        assert_eq!(redact("postgresql://db/wikken"), "postgresql://db/wikken");
    }
}
