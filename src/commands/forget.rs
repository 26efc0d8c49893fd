//! `wikken forget`: erase this participant's answers from every pool they went to, then
//! the journal, the pseudonym and what each pool keeps in DATA — or fail loudly, saying what
//! is left and where, and destroy nothing a later `forget` needs to finish the job.
//!
//! The order is the point: the pools first (a tombstone, then the own file; the database's
//! rows), and only when every one of them confirmed, everything in DATA that ties the person
//! to them — the journal (it names the dilemmas a database finds answers by), the
//! participant id, the list of pools, the database's secret and ledger.

use std::io::{BufRead, Write};
use std::path::PathBuf;

use super::Exit;
use crate::i18n::{CliText, Lang};
use crate::paths::Paths;
use crate::store::{Answer, DilemmaKey, Journal, PoolLocation, Pseudonym, SharedPool, StoreError};

/// Asks first (unless `yes`), then erases: every pool first, and what is in DATA only once
/// every pool holds nothing of the person any more.
pub fn forget(
    lang: Lang,
    paths: &Paths,
    yes: bool,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<Exit> {
    let text = CliText(lang);
    let journal = Journal::new(&paths.data);
    let (answers, _) = journal.load();
    let (pools, unopened) = open_pools(paths, &journal);
    let id_file = paths.data.join(crate::store::PARTICIPANT_FILE);
    let who = std::fs::read_to_string(&id_file)
        .map(|s| Pseudonym(s.trim().to_string()))
        .unwrap_or_else(|_| Pseudonym(String::new()));
    if !yes {
        let records: usize = pools.iter().filter_map(|p| p.own_records(&who)).sum();
        write!(out, "{}", text.forget_question(answers.len(), records))?;
        out.flush()?;
        let mut line = String::new();
        input.read_line(&mut line)?;
        if line.trim().to_lowercase() != text.forget_yes() {
            writeln!(out, "{}", text.forget_cancelled())?;
            return Ok(Exit::Errors);
        }
    }
    for (location, e) in &unopened {
        writeln!(err, "{}", text.store_error(e))?;
        writeln!(err, "{}", text.forget_pool_unopened(location))?;
    }
    let erased = erase_pools(text, &pools, &who, &answered(&answers), out, err)?;
    let Some(records) = erased.filter(|_| unopened.is_empty()) else {
        // Something is left in a pool: the journal, the id, the secret and the ledger stay,
        // for they are what a later `forget` finds it by.
        writeln!(err, "{}", text.forget_incomplete())?;
        return Ok(Exit::Usage);
    };
    let mut left = false;
    for (what, result) in pools.iter().flat_map(|p| p.erase_local()) {
        left |= report(text, &what, result, out, err)?;
    }
    let files = [
        journal.path().to_path_buf(),
        id_file,
        journal.pools_path(),
        paths.data.join(crate::store::ORDER_KEY_FILE),
    ];
    for file in files {
        left |= remove(text, file, out, err)?;
    }
    if left {
        writeln!(err, "{}", text.forget_incomplete())?;
        return Ok(Exit::Usage);
    }
    writeln!(out, "{}", text.forget_done(answers.len(), records))?;
    Ok(Exit::Ok)
}

/// Every pool this person's answers went to, not only the one wikken points at now (a
/// forget run without `--pool` must not leave a team folder's or a database's answers
/// behind for good), and those that could not be opened, by name.
fn open_pools(paths: &Paths, journal: &Journal) -> (Vec<SharedPool>, Vec<(String, StoreError)>) {
    let mut pools: Vec<SharedPool> = Vec::new();
    let mut unopened = Vec::new();
    let remembered = journal.pools().into_iter().map(|l| PoolLocation::named(&l));
    for location in std::iter::once(paths.pool.clone()).chain(remembered) {
        match location.open(&paths.data) {
            Ok(pool) if !pools.iter().any(|p| p.is_at(&pool.location())) => pools.push(pool),
            Ok(_) => {}
            Err(e) => unopened.push((location.display(), e)),
        }
    }
    (pools, unopened)
}

/// The dilemmas this person may have answered: a pool with per-dilemma pseudonyms (the
/// organisation's database) finds the person's answers by these. Every dilemma the journal
/// names, whatever pack it came from, and every bundled dilemma too (the database's own
/// ledger adds those it took).
fn answered(answers: &[Answer]) -> Vec<DilemmaKey> {
    let mut keys: Vec<DilemmaKey> = answers
        .iter()
        .map(|a| DilemmaKey {
            pack: a.first.pack.clone(),
            v: a.first.pack_version,
            dilemma: a.first.dilemma.clone(),
        })
        .collect();
    let bundled =
        crate::pack::BUNDLED.iter().filter_map(|(_, text)| crate::pack::check_text(text).pack);
    for pack in bundled {
        keys.extend(pack.dilemmas.iter().map(|d| DilemmaKey {
            pack: pack.id.value.clone(),
            v: *pack.version,
            dilemma: d.id.value.clone(),
        }));
    }
    keys.sort();
    keys.dedup();
    keys
}

/// Erases the person from every pool, saying what each erased or left; the records erased,
/// or `None` when any pool could not finish.
fn erase_pools(
    text: CliText,
    pools: &[SharedPool],
    who: &Pseudonym,
    answered: &[DilemmaKey],
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<Option<usize>> {
    let mut erased = Some(0);
    for pool in pools {
        match pool.forget(who, answered) {
            Ok(done) => {
                erased = erased.map(|n| n + done.records);
                for what in &done.erased {
                    writeln!(out, "{}", text.forget_removed(what))?;
                }
            }
            Err(failed) => {
                erased = None;
                writeln!(err, "{}", text.store_error(&failed.error))?;
                writeln!(err, "{}", text.forget_pool_left(&failed))?;
            }
        }
    }
    Ok(erased)
}

/// Says what became of one thing in DATA; `true` when it is left.
fn report(
    text: CliText,
    what: &str,
    result: Result<(), StoreError>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<bool> {
    match result {
        Ok(()) => writeln!(out, "{}", text.forget_removed(what)).map(|()| false),
        Err(e) => {
            // An I/O error names its path already, and `what` is that path.
            let reason = match e {
                StoreError::Io { source, .. } => source.to_string(),
                other => other.to_string(),
            };
            writeln!(err, "{}", text.forget_left(what, &reason)).map(|()| true)
        }
    }
}

/// Removes one file of DATA (a missing one is fine); `true` when it is left.
fn remove(
    text: CliText,
    file: PathBuf,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<bool> {
    match std::fs::remove_file(&file) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        result => {
            let shown = file.display().to_string();
            report(text, &shown, result.map_err(|e| StoreError::io(&file, e)), out, err)
        }
    }
}
