//! `wikken forget`: erase this participant's journal, own pool records and pseudonym — or
//! fail loudly, saying what is left and where, and keep what a later `forget` needs to
//! finish the job.

use std::io::{BufRead, Write};
use std::path::PathBuf;

use super::Exit;
use crate::i18n::{CliText, Lang};
use crate::paths::Paths;
use crate::store::{DilemmaKey, Journal, PoolLocation, Pseudonym, SharedPool, StoreError};

/// Asks first (unless `yes`), then erases: the pool first (a tombstone, then the own file),
/// then the journal and the stats cache, and the participant id only once the pool holds
/// nothing of the person any more.
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
    // Every pool this person's answers went to, not only the one wikken points at now: a
    // forget run without `--pool` must not leave a team folder's records behind for good.
    let mut pools: Vec<SharedPool> = Vec::new();
    let mut unopened: Vec<(String, StoreError)> = Vec::new();
    let remembered = journal.pools().into_iter().map(|l| PoolLocation::named(&l));
    for location in std::iter::once(paths.pool.clone()).chain(remembered) {
        let shown = location.display();
        match location.open(&paths.data) {
            Ok(pool) if !pools.iter().any(|p| p.is_at(&pool.location())) => pools.push(pool),
            Ok(_) => {}
            Err(e) => unopened.push((shown, e)),
        }
    }
    let id_file = paths.data.join("participant");
    let who = std::fs::read_to_string(&id_file).ok().map(|s| Pseudonym(s.trim().to_string()));
    let records: usize =
        who.as_ref().map_or(0, |w| pools.iter().filter_map(|p| p.own_records(w)).sum());
    // The dilemmas this person may have answered: a pool with per-dilemma pseudonyms (the
    // organisation's database) finds the person's answers by these. The journal's, and
    // every bundled dilemma too, so a damaged or deleted journal does not leave those
    // answers behind for good.
    let mut answered: Vec<DilemmaKey> = answers
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
        for d in &pack.dilemmas {
            answered.push(DilemmaKey {
                pack: pack.id.value.clone(),
                v: *pack.version,
                dilemma: d.id.value.clone(),
            });
        }
    }
    answered.sort();
    answered.dedup();

    if !yes {
        write!(out, "{}", text.forget_question(answers.len(), records))?;
        out.flush()?;
        let mut line = String::new();
        input.read_line(&mut line)?;
        if line.trim().to_lowercase() != text.forget_yes() {
            writeln!(out, "{}", text.forget_cancelled())?;
            return Ok(Exit::Errors);
        }
    }

    // The pool first: while it still holds the person's records, the participant id must
    // stay, or nobody could ever find (and erase) them again.
    let mut pool_done = unopened.is_empty();
    for (location, e) in &unopened {
        writeln!(err, "{}", text.store_error(e))?;
        writeln!(err, "{}", text.forget_pool_unopened(location))?;
    }
    let mut erased_records = 0;
    // Without a participant id a folder pool holds nothing findable of the person, but a
    // pool that finds answers by dilemma (the database, with DATA's secret) still does.
    let nobody = Pseudonym(String::new());
    for pool in &pools {
        let by_dilemma = pool.own_records(&nobody).is_none();
        if who.is_none() && !by_dilemma {
            continue;
        }
        match pool.forget(who.as_ref().unwrap_or(&nobody), &answered) {
            Ok(done) => {
                erased_records += done.records;
                for what in &done.erased {
                    writeln!(out, "{}", text.forget_removed(what))?;
                }
            }
            Err(failed) => {
                pool_done = false;
                writeln!(err, "{}", text.store_error(&failed.error))?;
                writeln!(err, "{}", text.forget_pool_left(&failed))?;
            }
        }
    }

    let mut failed = !pool_done;
    // What each pool keeps in DATA (a stats cache, a server's ledger and this install's
    // secret) goes only once every pool confirmed: until then a later `forget` needs it.
    if pool_done {
        for (what, result) in pools.iter().flat_map(|p| p.erase_local()) {
            match result {
                Ok(()) => writeln!(out, "{}", text.forget_removed(&what))?,
                Err(e) => {
                    failed = true;
                    writeln!(err, "{}", text.forget_left(&what, &e.to_string()))?;
                }
            }
        }
    }
    let mut targets: Vec<PathBuf> = vec![journal.path().to_path_buf()];
    if pool_done {
        targets.extend([
            id_file,
            journal.pools_path(),
            paths.data.join(crate::store::ORDER_KEY_FILE),
        ]);
    }
    for target in targets {
        match std::fs::remove_file(&target) {
            Ok(()) => writeln!(out, "{}", text.forget_removed_file(&target))?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                failed = true;
                let shown = target.display().to_string();
                writeln!(err, "{}", text.forget_left(&shown, &e.to_string()))?;
            }
        }
    }
    if failed {
        writeln!(err, "{}", text.forget_incomplete())?;
        return Ok(Exit::Usage);
    }
    writeln!(out, "{}", text.forget_done(answers.len(), erased_records))?;
    Ok(Exit::Ok)
}
