//! `wikken check [--strict] [--wet-max-age MONTHS] [PATH...]`: validate packs and print one
//! line per problem. File names in the output are cleaned (`crate::clean`): a file name can
//! hold an escape sequence too.
//!
//! At scale (a thousand packs on a shared drive) the files are checked in parallel, one
//! worker per core, and each pack is dropped as soon as its problems are known; the problems
//! are printed in file order through one buffer. Only a pack's id is kept, so a second pack
//! with the same id is refused as the trainer refuses it.

use std::collections::{BTreeMap, HashMap};
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use super::Exit;
use crate::fsx;
use crate::i18n::{CliText, Lang, render_diagnostic};
use crate::pack::{
    BUNDLED, CheckOptions, Checked, Diagnostic, DiagnosticKind, Origin, Pack, Pos, Severity,
    WetAge, check_file_with, check_text_with, duplicate_pack, ron_files,
};
use crate::phone::{Ballot, PAGE_BUDGET};

/// What checking one file found, without the pack itself.
struct Outcome {
    diagnostics: Vec<Diagnostic>,
    /// The pack's id and where it is written, when the pack loads.
    loads_as: Option<(String, Pos)>,
    dilemmas: usize,
    skipped_unread: bool,
}

impl Outcome {
    fn of(mut checked: Checked) -> Outcome {
        let heavy: Vec<Diagnostic> = checked.usable().map(heavy_ballots).unwrap_or_default();
        if !heavy.is_empty() {
            for diag in heavy {
                checked.push(diag);
            }
            checked.diagnostics.sort_by_key(|d| d.pos);
        }
        Outcome {
            loads_as: checked.usable().map(|p| (p.id.value.clone(), p.id.pos)),
            dilemmas: checked.pack.as_ref().map_or(0, |p| p.dilemmas.len()),
            skipped_unread: checked.skipped_unread(),
            diagnostics: checked.diagnostics,
        }
    }
}

/// A warning for each dilemma whose ballot page on the phones (*eigen telefoon*) would be
/// larger than the page's budget, in the larger of the two languages.
fn heavy_ballots(pack: &Pack) -> Vec<Diagnostic> {
    pack.dilemmas
        .iter()
        .filter_map(|d| {
            let ballot = Ballot::from_dilemma(d);
            let bytes =
                [Lang::Nl, Lang::En].map(|l| ballot.page_bytes(l.phone())).into_iter().max()?;
            (bytes > PAGE_BUDGET).then(|| {
                let kind = DiagnosticKind::BallotPageTooLarge {
                    dilemma: d.id.value.clone(),
                    bytes,
                    limit: PAGE_BUDGET,
                };
                Diagnostic::warning(d.id.pos, kind)
            })
        })
        .collect()
}

/// Checks the packs at `paths`; with no paths, every pack the app would load (the bundled
/// ones and `default_dirs`). With `strict`, also warns wherever wikken accepts what standard
/// RON does not. With `wet_age`, also warns about `Wet` notes due to be checked again.
/// Problems go to `out`, one per line, then a summary line.
pub fn check(
    lang: Lang,
    paths: &[PathBuf],
    default_dirs: &[PathBuf],
    strict: bool,
    wet_age: Option<WetAge>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<Exit> {
    let text = CliText(lang);
    let (bundled, dirs) = if paths.is_empty() { (true, default_dirs) } else { (false, paths) };
    // Read every path first, so one unreadable path fails the run before any output. A
    // file named on the command line must be a regular file: a FIFO would block, a device
    // or a symlink to one would be read without end, and a symlink is never followed (in a
    // folder, such files are skipped with a warning instead). A folder may be a symlink: it
    // is only listed, and its files are checked one by one.
    let mut origins: Vec<Origin> = Vec::new();
    if bundled {
        origins.extend(BUNDLED.iter().map(|(name, _)| Origin::Bundled(name)));
    }
    for path in dirs {
        match std::fs::metadata(path) {
            Err(e) => {
                writeln!(err, "{}", text.cannot_read(path, &e))?;
                return Ok(Exit::Usage);
            }
            Ok(meta) if meta.is_dir() => {}
            Ok(_) => {
                if let Err(e) = fsx::ensure_regular(path) {
                    writeln!(err, "{}", text.cannot_open(path, &e))?;
                    return Ok(Exit::Usage);
                }
            }
        }
        match ron_files(path) {
            Ok(files) => origins.extend(files.into_iter().map(Origin::File)),
            Err(e) => {
                writeln!(err, "{}", text.cannot_read(path, &e))?;
                return Ok(Exit::Usage);
            }
        }
    }
    if origins.is_empty() {
        writeln!(err, "{}", text.no_packs_found())?;
        return Ok(Exit::Usage);
    }

    let options = CheckOptions { strict, problems_only: true, wet_age };
    let mut out = BufWriter::with_capacity(64 * 1024, out);
    let mut first_of: HashMap<String, usize> = HashMap::new();
    let (mut packs, mut dilemmas, mut errors, mut warnings) = (0, 0, 0, 0);
    let mut print = |i: usize, mut outcome: Outcome| -> std::io::Result<()> {
        let origin = origins[i].to_string();
        if let Some((id, pos)) = outcome.loads_as.take() {
            match first_of.get(&id) {
                Some(&first) => {
                    let diag = duplicate_pack(&id, pos, origins[first].to_string());
                    outcome.diagnostics.push(diag);
                    outcome.diagnostics.sort_by_key(|d| d.pos);
                }
                None => {
                    first_of.insert(id, i);
                }
            }
        }
        for diag in &outcome.diagnostics {
            writeln!(out, "{}", render_diagnostic(lang, &origin, diag))?;
            match diag.severity {
                Severity::Error => errors += 1,
                Severity::Warning => warnings += 1,
            }
        }
        dilemmas += outcome.dilemmas;
        // A symlink or FIFO that was skipped is no pack; its warning is counted, the file not.
        packs += usize::from(!outcome.skipped_unread);
        Ok(())
    };
    check_in_parallel(&origins, options, &mut print)?;
    writeln!(out, "{}", text.check_summary(packs, dilemmas, errors, warnings))?;
    out.flush()?;
    Ok(if errors > 0 { Exit::Errors } else { Exit::Ok })
}

/// Checks every origin, one worker per core, and hands each outcome to `print` in the order
/// of `origins` (outcomes that finish early wait; they are small).
fn check_in_parallel(
    origins: &[Origin],
    options: CheckOptions,
    print: &mut dyn FnMut(usize, Outcome) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(origins.len());
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::channel::<(usize, Outcome)>();
        for _ in 0..workers {
            let tx = tx.clone();
            let next = &next;
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(origin) = origins.get(i) else { break };
                    if tx.send((i, Outcome::of(check_origin(origin, options)))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut waiting: BTreeMap<usize, Outcome> = BTreeMap::new();
        let mut due = 0;
        for (i, outcome) in rx {
            waiting.insert(i, outcome);
            while let Some(outcome) = waiting.remove(&due) {
                if let Err(e) = print(due, outcome) {
                    // Stop the workers: nothing more can be printed.
                    next.store(origins.len(), Ordering::Relaxed);
                    return Err(e);
                }
                due += 1;
            }
        }
        Ok(())
    })
}

/// Checks one pack, bundled or on disk.
fn check_origin(origin: &Origin, options: CheckOptions) -> Checked {
    match origin {
        Origin::Bundled(name) => {
            let text = BUNDLED.iter().find(|(n, _)| n == name).map_or("", |(_, t)| *t);
            check_text_with(text, options)
        }
        Origin::File(path) => check_file_with(path, options),
    }
}
