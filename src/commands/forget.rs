//! `wikken forget`: erase this participant's journal, own pool records and pseudonym.

use std::io::{BufRead, Write};
use std::path::PathBuf;

use super::Exit;
use crate::i18n::{CliText, Lang};
use crate::paths::Paths;
use crate::store::{Journal, Pool, PoolRecord, Pseudonym};

/// Asks first (unless `yes`), then removes the files and says what went.
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
    let pool = Pool::new(&paths.pool);
    let id_file = paths.data.join("participant");
    let who = std::fs::read_to_string(&id_file).ok().map(|s| Pseudonym(s.trim().to_string()));
    let own_file = who.as_ref().map(|w| pool.own_file(w));
    let records =
        own_file.as_ref().map_or(0, |f| crate::store::read_records::<PoolRecord>(f).len());

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

    // The stats cache holds counts that include this person's answers.
    let targets: Vec<PathBuf> = [
        Some(journal.path().to_path_buf()),
        own_file,
        Some(id_file),
        Some(paths.data.join("cache")),
    ]
    .into_iter()
    .flatten()
    .collect();
    let mut failed = false;
    for target in targets {
        let result = if target.is_dir() {
            std::fs::remove_dir_all(&target)
        } else {
            std::fs::remove_file(&target)
        };
        match result {
            Ok(()) => writeln!(out, "{}", text.forget_removed(&target))?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                failed = true;
                writeln!(err, "{}", text.store_failed(&format!("{}: {e}", target.display())))?;
            }
        }
    }
    if failed {
        return Ok(Exit::Usage);
    }
    writeln!(out, "{}", text.forget_done(answers.len(), records))?;
    Ok(Exit::Ok)
}
