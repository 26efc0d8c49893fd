//! `wikken check [--strict] [--wet-max-age MONTHS] [PATH...]`: validate packs and print one
//! line per problem. File names in the output are cleaned (`crate::clean`): a file name can
//! hold an escape sequence too.
//!
//! At scale (a thousand packs on a shared drive) the files are checked in parallel, one
//! worker per core, and each pack is dropped as soon as its problems are known; the problems
//! are printed in file order through one buffer. Only a pack's id is kept, so a second pack
//! with the same id is refused as the trainer refuses it.

use std::collections::BTreeMap;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use super::Exit;
use crate::fsx;
use crate::i18n::{CliText, Lang, render_diagnostic};
use crate::pack::{
    BUNDLED, CheckOptions, Checked, Diagnostic, DiagnosticKind, FirstLoaded, Origin, Pack, Pos,
    Severity, WetAge, check_file_in, check_text_with, ron_files,
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

/// How `wikken check` reports.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CheckFlags {
    /// Also warn wherever wikken accepts what standard RON does not.
    pub strict: bool,
    /// Name every file by its absolute path, so an editor's terminal, `vim -q` or Emacs'
    /// compilation mode opens `path:line:col` on a click wherever the command ran.
    pub editor: bool,
    /// Also warn about `Wet` notes due to be checked again.
    pub wet_age: Option<WetAge>,
}

/// Checks the packs at `paths`; with no paths, every pack the app would load (the bundled
/// ones and `default_dirs`). Problems go to `out`, one per line, then a summary line.
pub fn check(
    lang: Lang,
    paths: &[PathBuf],
    default_dirs: &[PathBuf],
    flags: CheckFlags,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<Exit> {
    let text = CliText(lang);
    let entries = if paths.is_empty() {
        // Everything the app would load, in its order.
        let mut all: Vec<Entry> =
            BUNDLED.iter().map(|(name, _)| Entry::report(Origin::Bundled(name))).collect();
        match pack_files(default_dirs, text, err)? {
            Ok(files) => all.extend(files.into_iter().map(|f| Entry::report(Origin::File(f)))),
            Err(exit) => return Ok(exit),
        }
        all
    } else {
        match pack_files(paths, text, err)? {
            Ok(files) if files.is_empty() => Vec::new(),
            Ok(files) => load_order(files, default_dirs),
            Err(exit) => return Ok(exit),
        }
    };
    if entries.is_empty() {
        writeln!(err, "{}", text.no_packs_found())?;
        return Ok(Exit::Usage);
    }
    let origins: Vec<Origin> = entries.iter().map(|e| e.origin.clone()).collect();

    let options =
        CheckOptions { strict: flags.strict, problems_only: true, wet_age: flags.wet_age };
    let mut out = BufWriter::with_capacity(64 * 1024, out);
    let mut first = FirstLoaded::default();
    let (mut packs, mut dilemmas, mut errors, mut warnings) = (0, 0, 0, 0);
    let mut print = |i: usize, mut outcome: Outcome| -> std::io::Result<()> {
        if let Some((id, pos)) = outcome.loads_as.take()
            && let Some(diag) = first.claim(&id, pos, || origins[i].to_string())
        {
            outcome.diagnostics.push(diag);
            outcome.diagnostics.sort_by_key(|d| d.pos);
        }
        // A pack that was only read for its id (bundled, or in a pack folder) says nothing.
        if !entries[i].report {
            return Ok(());
        }
        let origin = shown(&origins[i], flags.editor);
        for diag in &outcome.diagnostics {
            writeln!(out, "{}", render_diagnostic(lang, &origin, diag))?;
            match diag.severity {
                Severity::Error => errors += 1,
                Severity::Warning => warnings += 1,
                Severity::Note => {}
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

/// A pack file `wikken check` reads: one asked for (its problems are reported), or one the
/// app loads anyway, read only for its id, so a pack asked for whose id the app already has
/// is refused here as the trainer refuses it.
struct Entry {
    origin: Origin,
    report: bool,
}

impl Entry {
    fn report(origin: Origin) -> Entry {
        Entry { origin, report: true }
    }
}

/// The `targets` asked for, in the order the app loads packs: the bundled ones, then the
/// pack folders (`default_dirs`), where a target that lies in one takes that file's place;
/// the targets outside them come last, as a `--packs` folder would. A target that is a
/// bundled pack's own source (`dilemmas/NAME.ron` in a checkout) takes that pack's place.
fn load_order(targets: Vec<PathBuf>, default_dirs: &[PathBuf]) -> Vec<Entry> {
    let key = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let keys: Vec<PathBuf> = targets.iter().map(|t| key(t)).collect();
    let mut pending: Vec<Option<PathBuf>> = targets.into_iter().map(Some).collect();
    let mut take = |is: &dyn Fn(usize) -> bool| {
        let i = (0..pending.len()).find(|&i| pending[i].is_some() && is(i))?;
        pending[i].take()
    };
    let mut out = Vec::new();
    for (name, _) in BUNDLED {
        out.push(match take(&|i| is_bundled_source(&keys[i], name)) {
            Some(target) => Entry::report(Origin::File(target)),
            None => Entry { origin: Origin::Bundled(name), report: false },
        });
    }
    for dir in default_dirs {
        for file in ron_files(dir).unwrap_or_default() {
            let file_key = key(&file);
            out.push(match take(&|i| keys[i] == file_key) {
                Some(target) => Entry::report(Origin::File(target)),
                None => Entry { origin: Origin::File(file), report: false },
            });
        }
    }
    out.extend(pending.into_iter().flatten().map(|t| Entry::report(Origin::File(t))));
    out
}

/// Whether `path` (made absolute) is the source of the bundled pack `name`: a file of that
/// name in a folder called `dilemmas`, as in any checkout of wikken.
pub(super) fn is_bundled_source(path: &Path, name: &str) -> bool {
    path.file_name().is_some_and(|n| n == name)
        && path.parent().and_then(Path::file_name).is_some_and(|d| d == "dilemmas")
}

/// The pack files at `paths` (files, or folders searched for packs), or — said on `err` —
/// the exit code when one of them cannot be read. Every path is read first, so one
/// unreadable path fails the run before any output. A file named on the command line must
/// be a regular file: a FIFO would block, a device or a symlink to one would be read
/// without end, and a symlink is never followed (in a folder, such files are listed, and
/// skipped with a warning when read). A folder may be a symlink: it is only listed.
pub(super) fn pack_files(
    paths: &[PathBuf],
    text: CliText,
    err: &mut dyn Write,
) -> std::io::Result<Result<Vec<PathBuf>, Exit>> {
    let mut out = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Err(e) => {
                writeln!(err, "{}", text.cannot_read(path, &e))?;
                return Ok(Err(Exit::Usage));
            }
            Ok(meta) if meta.is_dir() => {}
            Ok(_) => {
                if let Err(e) = fsx::ensure_regular(path) {
                    writeln!(err, "{}", text.cannot_open(path, &e))?;
                    return Ok(Err(Exit::Usage));
                }
            }
        }
        match ron_files(path) {
            Ok(files) => out.extend(files),
            Err(e) => {
                writeln!(err, "{}", text.cannot_read(path, &e))?;
                return Ok(Err(Exit::Usage));
            }
        }
    }
    Ok(Ok(out))
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
                // One read buffer per worker, for all its packs.
                let mut buffer = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(origin) = origins.get(i) else { break };
                    let checked = check_origin(origin, options, &mut buffer);
                    if tx.send((i, Outcome::of(checked))).is_err() {
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

/// The name of a pack file in messages: as given, or (for editors) as an absolute path.
fn shown(origin: &Origin, editor: bool) -> String {
    match origin {
        Origin::File(path) if editor => std::path::absolute(path)
            .map_or_else(|_| origin.to_string(), |abs| crate::clean::path(&abs)),
        _ => origin.to_string(),
    }
}

/// Checks one pack, bundled or on disk (read into `buffer`).
fn check_origin(origin: &Origin, options: CheckOptions, buffer: &mut Vec<u8>) -> Checked {
    match origin {
        Origin::Bundled(name) => {
            let text = BUNDLED.iter().find(|(n, _)| n == name).map_or("", |(_, t)| *t);
            check_text_with(text, options)
        }
        Origin::File(path) => check_file_in(path, options, buffer),
    }
}
