//! One run of the count: on from the cache, opening only files whose `lstat` changed
//! (`update`), or everything again on several threads (`rebuild`); then what the run found
//! turned into warnings and the state to keep.

use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use rustc_hash::FxHashMap as HashMap;

use super::CacheUse;
use super::counter::{Counter, DilemmaCounts};
use super::files::{FileState, Listed, Scanned, Tail, Unended, scan};
use super::format::Cached;
use super::keys::Keys;
use crate::store::jsonl::{MAX_LINE, ReadWarning};
use crate::store::raw::Raw;
use crate::store::tally::file_warnings;
use crate::store::tombstone::Tombstones;

/// Read threads for a full count (more than cores: one waits for the disk, another parses).
const WORKERS: usize = 4;

/// What became of one listed file in this run.
#[derive(Clone, Default)]
pub(super) enum Outcome {
    /// Not there any more, or not counted.
    #[default]
    Gone,
    /// Counted; its state (and warnings) as counted.
    Counted(FileState),
    /// Refused before reading (a symlink, FIFO, a file too large or unreadable).
    Refused(ReadWarning),
    /// Its reading failed midway: what was read counts, as in a full count, and its warnings
    /// are found as a full count finds them.
    Failed,
}

/// One run: what each listed file is now.
pub(super) struct Run<'a> {
    pub(super) counter: Counter<'a>,
    /// Per listed file.
    pub(super) files: Vec<Outcome>,
    pub(super) unended: Vec<Unended>,
    /// Bytes of pool files read.
    pub(super) read: u64,
    pub(super) used: CacheUse,
    /// The cache's counts, when nothing changed: then they, not the counter, are the result.
    pub(super) counts: Option<Vec<DilemmaCounts>>,
}

impl<'a> Run<'a> {
    fn new(counter: Counter<'a>, files: usize, used: CacheUse) -> Self {
        Run {
            counter,
            files: vec![Outcome::Gone; files],
            unended: Vec::new(),
            read: 0,
            used,
            counts: None,
        }
    }

    /// Whether what was counted may be kept (no file failed midway).
    pub(super) fn keepable(&self) -> bool {
        !self.files.iter().any(|f| matches!(f, Outcome::Failed))
    }

    /// Counts the records at the end of files that have no newline yet: as a full count
    /// counts them, but never kept.
    pub(super) fn count_unended(&mut self, listing: &[Listed]) {
        for (file, bytes) in std::mem::take(&mut self.unended) {
            if let Ok(r) = Raw::parse(&bytes) {
                self.counter.line(&r, file, listing[file as usize].origin);
            }
        }
    }

    /// The warnings a full count gives, in file order.
    pub(super) fn warnings(&self, listing: &[Listed]) -> Vec<ReadWarning> {
        let mut out = Vec::new();
        for (outcome, l) in self.files.iter().zip(listing) {
            match outcome {
                Outcome::Gone => {}
                Outcome::Counted(state) => state.warnings(&l.path, &mut out),
                Outcome::Refused(w) => out.push(w.clone()),
                Outcome::Failed => out.extend(file_warnings(&l.path)),
            }
        }
        out
    }
}

/// The tail record of an unchanged file (its bytes after `offset`), read again.
fn read_unended(path: &Path, offset: u64) -> Option<Vec<u8>> {
    let mut f = crate::store::jsonl::open_for_reading(path).ok()??;
    f.seek(SeekFrom::Start(offset)).ok()?;
    let mut bytes = Vec::new();
    f.take(MAX_LINE as u64 + 1).read_to_end(&mut bytes).ok()?;
    Some(bytes)
}

/// Counts on from the cache; `None` when something changed that only a full count can
/// follow. When nothing changed, the cache's counts are the result and its entries are not
/// read at all.
pub(super) fn update<'a>(
    mut cached: Cached,
    listing: &[Listed],
    keys: &'a Keys,
    tombstones: &'a Tombstones,
) -> Option<Run<'a>> {
    let by_name: HashMap<[u8; 16], usize> =
        listing.iter().enumerate().map(|(i, l)| (l.name, i)).collect();
    // Every file the cache counted must still be there; its number becomes its place now.
    let mut place = Vec::with_capacity(cached.files.len());
    let mut known: Vec<Option<FileState>> = vec![None; listing.len()];
    for f in std::mem::take(&mut cached.files) {
        let i = *by_name.get(&f.name)?;
        place.push(i as u32);
        known[i] = Some(f);
    }
    if listing.iter().zip(&known).all(|(l, k)| unchanged(l, k.as_ref())) {
        let mut run = Run::new(
            Counter::with(keys, tombstones, std::mem::take(&mut cached.dilemmas)),
            listing.len(),
            CacheUse::Hit,
        );
        for (i, (l, k)) in listing.iter().zip(known).enumerate() {
            run.files[i] = match k {
                Some(state) => Outcome::Counted(state),
                None => Outcome::Refused(l.refusal()?),
            };
        }
        run.counts = Some(cached.counts);
        return Some(run);
    }
    let entries = cached.entries(keys)?;
    let mut counter = Counter::with(keys, tombstones, cached.dilemmas);
    counter.base = entries;
    for e in &mut counter.base {
        e.file = *place.get(e.file as usize)?;
    }
    let mut run = Run::new(counter, listing.len(), CacheUse::Hit);
    for (i, l) in listing.iter().enumerate() {
        run.files[i] = next(&mut run, l, i as u32, known[i].take())?;
    }
    Some(run)
}

/// Whether listed file `l` is as the cache knew it (`known`), so nothing of it is read: a
/// counted file whose metadata is unchanged and that does not end in a record without its
/// newline (which is read on every run), or a refused file the cache never counted.
fn unchanged(l: &Listed, known: Option<&FileState>) -> bool {
    match (known, &l.refused, l.stat) {
        (None, Some(_), _) => true,
        (Some(k), None, Some((_, digest))) => digest == k.meta && k.tail != Tail::Record,
        _ => false,
    }
}

/// What file `l` (number `i`) is now, given what the cache knew of it; `None` when only a
/// full count can follow the change.
fn next(run: &mut Run, l: &Listed, i: u32, known: Option<FileState>) -> Option<Outcome> {
    if let Some(warning) = l.refusal() {
        // A file that was counted and is now refused (replaced by a link, grown too
        // large) takes its answers with it: only a full count can follow.
        return known.is_none().then_some(Outcome::Refused(warning));
    }
    if let Some(k) = &known {
        let (stat, digest) = l.stat?;
        if digest == k.meta {
            // Unchanged by its metadata: not opened, unless it ends in a record that has
            // no newline yet (which counts every run, and is never kept).
            if k.tail == Tail::Record {
                run.unended.push((i, read_unended(&l.path, k.offset)?));
            }
            return known.map(Outcome::Counted);
        }
        if stat.size < k.offset {
            return None;
        }
    }
    let f = match crate::store::jsonl::open_for_reading(&l.path) {
        Ok(Some(f)) => f,
        Ok(None) | Err(_) if known.is_some() => return None,
        Ok(None) => return Some(Outcome::Gone),
        Err(w) => return Some(Outcome::Refused(w)),
    };
    let s = scan(&mut run.counter, f, l, i, known.as_ref(), &mut run.unended).ok()?;
    run.used = CacheUse::Updated;
    run.read += s.read;
    Some(Outcome::Counted(s.state))
}

/// One read thread's share of a full count: its counter, what became of its files, and
/// their unended records.
type Part<'a> = (Counter<'a>, Vec<(usize, Outcome, u64)>, Vec<Unended>);

/// Counts `files` (the listing's from number `first` on) from scratch into a new counter.
fn count_part<'a>(
    first: usize,
    files: &[Listed],
    keys: &'a Keys,
    tombstones: &'a Tombstones,
) -> Part<'a> {
    let mut counter = Counter::new(keys, tombstones);
    let mut results = Vec::new();
    let mut unended = Vec::new();
    for (j, l) in files.iter().enumerate() {
        let i = first + j;
        let result = match l.refusal() {
            Some(w) => (Outcome::Refused(w), 0),
            None => match crate::store::jsonl::open_for_reading(&l.path) {
                Ok(Some(f)) => match scan(&mut counter, f, l, i as u32, None, &mut unended) {
                    Ok(Scanned { state, read }) => (Outcome::Counted(state), read),
                    // A read that failed midway counts what it read (as the tally does),
                    // but such a state is not kept.
                    Err(_) => (Outcome::Failed, 0),
                },
                Ok(None) => continue,
                Err(w) => (Outcome::Refused(w), 0),
            },
        };
        results.push((i, result.0, result.1));
    }
    // Sorted here, on this thread, so the threads share the sorting.
    counter.settle();
    (counter, results, unended)
}

/// Counts every file again, on several threads.
pub(super) fn rebuild<'a>(
    listing: &[Listed],
    keys: &'a Keys,
    tombstones: &'a Tombstones,
) -> Run<'a> {
    let chunk = listing.len().div_ceil(WORKERS).max(1);
    let parts: Vec<Part<'a>> = std::thread::scope(|s| {
        let handles: Vec<_> = listing
            .chunks(chunk)
            .enumerate()
            .map(|(n, c)| s.spawn(move || count_part(n * chunk, c, keys, tombstones)))
            .collect();
        handles.into_iter().filter_map(|h| h.join().ok()).collect()
    });
    let joined = parts.len() == listing.chunks(chunk).len();
    let mut run = Run::new(Counter::new(keys, tombstones), listing.len(), CacheUse::Rebuilt);
    for (n, (counter, results, unended)) in parts.into_iter().enumerate() {
        if n == 0 {
            run.counter = counter;
        } else {
            run.counter.absorb(counter);
        }
        run.unended.extend(unended);
        for (i, outcome, read) in results {
            run.read += read;
            run.files[i] = outcome;
        }
    }
    if !joined {
        // A read thread that panicked left its files uncounted: nothing of this is kept.
        run.files
            .iter_mut()
            .filter(|f| matches!(f, Outcome::Gone))
            .for_each(|f| *f = Outcome::Failed);
    }
    run
}
