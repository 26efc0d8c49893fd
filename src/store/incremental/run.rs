//! One run of the count: on from the cache, reading only files that changed (`update`),
//! or everything again on several threads (`rebuild`).

use std::time::Duration;

use rustc_hash::FxHashMap as HashMap;

use super::CacheUse;
use super::counter::Counter;
use super::files::{FileState, Listed, Scanned, now_ns, scan};
use super::format::Cached;
use super::keys::Keys;
use crate::store::jsonl::ReadWarning;
use crate::store::tombstone::Tombstones;

/// Read threads for a full count (more than cores: one waits for the disk, another parses).
const WORKERS: usize = 4;

/// One run: what each listed file is now.
pub(super) struct Run<'a> {
    pub(super) counter: Counter<'a>,
    /// Per listed file: its state when it was counted (None: refused, vanished or unread).
    pub(super) files: Vec<Option<FileState>>,
    /// Per listed file: whether its warnings must be said (found again by a full read).
    pub(super) warned: Vec<bool>,
    /// Per listed file: the warning that refused it.
    pub(super) refused: Vec<Option<ReadWarning>>,
    pub(super) tails: Vec<(u32, Vec<u8>)>,
    /// Bytes of pool files read.
    pub(super) read: u64,
    /// Whether the state may be kept (no file failed midway).
    pub(super) keep: bool,
    pub(super) used: CacheUse,
}

/// Counts on from the cache; `None` when something changed that only a full count can
/// follow.
pub(super) fn update<'a>(
    cached: Cached,
    listing: &[Listed],
    keys: &'a Keys,
    tombstones: &'a Tombstones,
    racy: Duration,
) -> Option<Run<'a>> {
    let now = now_ns();
    let by_name: HashMap<[u8; 16], usize> =
        listing.iter().enumerate().map(|(i, l)| (l.name, i)).collect();
    // Every file the cache counted must still be there; its number becomes its place now.
    let mut place = Vec::with_capacity(cached.files.len());
    let mut known: Vec<Option<FileState>> = vec![None; listing.len()];
    for f in cached.files {
        let i = *by_name.get(&f.name)?;
        place.push(i as u32);
        known[i] = Some(f);
    }
    let mut counter = Counter::with(keys, tombstones, cached.dilemmas);
    counter.base = cached.entries;
    for e in &mut counter.base {
        e.file = place[e.file as usize];
    }
    let mut run = Run {
        files: vec![None; listing.len()],
        warned: vec![false; listing.len()],
        refused: vec![None; listing.len()],
        tails: Vec::new(),
        read: 0,
        keep: true,
        used: CacheUse::Hit,
        counter,
    };
    for (i, l) in listing.iter().enumerate() {
        let known = known[i].take();
        if let Some(k) = &known {
            let unchanged = !k.racy
                && l.regular
                && l.stat.is_some_and(|s| s.size == k.offset && s.digest(keys) == k.meta);
            if unchanged {
                run.warned[i] = k.warned;
                run.files[i] = known;
                continue;
            }
            if !l.regular || l.stat.is_none_or(|s| s.size < k.offset) {
                return None;
            }
        }
        let f = match crate::store::jsonl::open_for_reading(&l.path) {
            Ok(Some(f)) => f,
            Ok(None) | Err(_) if known.is_some() => return None,
            Ok(None) => continue,
            Err(w) => {
                run.refused[i] = Some(w);
                continue;
            }
        };
        let s = scan(
            &mut run.counter,
            f,
            i as u32,
            l.origin,
            known.as_ref(),
            l.name,
            now,
            racy,
            &mut run.tails,
        )
        .ok()?;
        run.used = CacheUse::Updated;
        run.read += s.read;
        run.warned[i] = s.state.warned || s.tail_warned;
        run.files[i] = Some(s.state);
    }
    Some(run)
}

/// Counts every file again, on several threads.
pub(super) fn rebuild<'a>(
    listing: &[Listed],
    keys: &'a Keys,
    tombstones: &'a Tombstones,
    racy: Duration,
) -> Run<'a> {
    let now = now_ns();
    let chunk = listing.len().div_ceil(WORKERS).max(1);
    type Part<'a> =
        (Counter<'a>, Vec<(usize, Result<Scanned, Option<ReadWarning>>)>, Vec<(u32, Vec<u8>)>);
    let count = |first: usize, files: &[Listed]| -> Part<'a> {
        let mut counter = Counter::new(keys, tombstones);
        let mut results = Vec::new();
        let mut tails = Vec::new();
        for (j, l) in files.iter().enumerate() {
            let i = first + j;
            let result = match crate::store::jsonl::open_for_reading(&l.path) {
                Ok(Some(f)) => {
                    let s = scan(
                        &mut counter,
                        f,
                        i as u32,
                        l.origin,
                        None,
                        l.name,
                        now,
                        racy,
                        &mut tails,
                    );
                    // A read that failed midway counts what it read (as the tally does),
                    // but such a state is not kept.
                    s.map_err(|_| None)
                }
                Ok(None) => continue,
                Err(w) => Err(Some(w)),
            };
            results.push((i, result));
        }
        (counter, results, tails)
    };
    let parts: Vec<Part<'a>> = std::thread::scope(|s| {
        let handles: Vec<_> = listing
            .chunks(chunk)
            .enumerate()
            .map(|(n, c)| s.spawn(move || count(n * chunk, c)))
            .collect();
        handles.into_iter().filter_map(|h| h.join().ok()).collect()
    });
    let joined = parts.len() == listing.chunks(chunk).len();
    let mut run = Run {
        counter: Counter::new(keys, tombstones),
        files: vec![None; listing.len()],
        warned: vec![false; listing.len()],
        refused: vec![None; listing.len()],
        tails: Vec::new(),
        read: 0,
        keep: joined,
        used: CacheUse::Rebuilt,
    };
    for (n, (counter, results, tails)) in parts.into_iter().enumerate() {
        if n == 0 {
            run.counter = counter;
        } else {
            run.counter.absorb(counter);
        }
        run.tails.extend(tails);
        for (i, r) in results {
            match r {
                Ok(s) => {
                    run.read += s.read;
                    run.warned[i] = s.state.warned || s.tail_warned;
                    run.files[i] = Some(s.state);
                }
                Err(Some(w)) => run.refused[i] = Some(w),
                Err(None) => {
                    run.keep = false;
                    run.warned[i] = true;
                }
            }
        }
    }
    run
}
