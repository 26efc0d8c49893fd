//! The stats cache file: its layout, read back and checked whole (HMAC, then every field
//! and the consistency of entries, files and dilemmas), and written owner-only and
//! atomically. Anything that fails a check is `None`: recounted, never trusted.
//!
//! Layout (little-endian): magic, version and the head's length; the head: the header
//! digest, the files (per file: name and metadata digests, bytes counted and their digest,
//! lines, the line tally with at most a few bad lines — line number and a content-free
//! reason — and the tail), the dilemmas (pack, version, dilemma, werkwijze ids), the counts
//! per dilemma and origin, and the number and HMAC of the entries; the head's HMAC (over
//! everything before it); then the entries, sorted, 18 bytes each.
//!
//! The head holds all a run needs when nothing changed (the counts are the rows `stats`
//! shows), so such a run reads and checks only the head — a few bytes per pool file — and
//! never the entries (18 bytes per answer that counts). A run that must count on reads the
//! entries too and checks them against the HMAC the checked head names.

use std::fs::File;
use std::io::Read;

use hmac::Mac;
use std::path::Path;

use super::counter::{Counter, DilemmaCounts, DilemmaInfo, Entry, OriginCounts};
use super::files::{FileState, Tail};
use super::keys::Keys;
use super::{MAX_CACHE, NONE};
use crate::store::jsonl::{Fault, LineTally, Problem};
use crate::store::record::Origin;
use crate::store::tally::MAX_OPTIONS;
use crate::store::tombstone::Tombstones;

/// The first bytes of a cache file.
const MAGIC: &[u8; 8] = b"wikkenSC";
/// The format; another number is recounted and rewritten.
const VERSION: u32 = 3;
/// What the entries' HMAC covers besides them, so it is never the head's.
const ENTRIES_LABEL: &[u8] = b"entries";
/// Bytes before the head: magic, version, the head's length.
const START_BYTES: usize = 8 + 4 + 8;
/// Bytes per entry in the cache file.
pub(super) const ENTRY_BYTES: usize = 18;
/// The fewest bytes a file takes in the cache file.
const MIN_FILE_BYTES: usize = 16 + 16 + 8 + 32 + 8 + 8 + 8 + 1 + 1;

/// The cache as read: its head (files, dilemmas, counts), checked; the entries are read
/// only when asked for.
pub(super) struct Cached {
    pub(super) files: Vec<FileState>,
    pub(super) dilemmas: Vec<DilemmaInfo>,
    /// The counts per dilemma as the entries give them (with the files' origins).
    pub(super) counts: Vec<DilemmaCounts>,
    /// The cache file's size.
    pub(super) bytes: u64,
    /// The open cache file, positioned at the entries, their number and their HMAC.
    entries: (File, usize, [u8; 32]),
    /// How many files the cache counted (the entries' file numbers are below it).
    file_count: usize,
}

impl Cached {
    /// The entries with file numbers as the cache has them, read and checked against the
    /// HMAC in the head: `None` for anything else (then everything is recounted).
    pub(super) fn entries(&mut self, keys: &Keys) -> Option<Vec<Entry>> {
        let (file, n, tag) = &mut self.entries;
        let mut mac = keys.mac_pieces();
        mac.update(ENTRIES_LABEL);
        // Read, checked and decoded a piece at a time, not held whole beside the entries
        // (decoding refuses anything out of place; the HMAC decides at the end).
        let mut entries: Vec<Entry> = Vec::with_capacity(*n);
        let mut piece = vec![0u8; ENTRY_BYTES * 1024];
        let mut left = *n;
        while left > 0 {
            let bytes = &mut piece[..ENTRY_BYTES * left.min(1024)];
            file.read_exact(bytes).ok()?;
            mac.update(bytes);
            read_entries(bytes, self.file_count, &self.dilemmas, &mut entries)?;
            left -= bytes.len() / ENTRY_BYTES;
        }
        mac.verify_slice(tag.as_slice()).ok()?;
        Some(entries)
    }
}

/// What the state is valid for, besides its own files: the pool folder and the tombstones.
pub(super) fn header(dir: &Path, tombstones: &Tombstones, keys: &Keys) -> [u8; 32] {
    Keys::keyed(&keys.file, &[b"pool", dir.as_os_str().as_encoded_bytes(), &tombstones.digest()])
}

/// Bytes of a cache file, read one field at a time; `None` past the end.
struct Bytes<'a>(&'a [u8]);

impl<'a> Bytes<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.0.len() {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }
    fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }
    fn u32(&mut self) -> Option<u32> {
        self.take(4).and_then(|b| b.try_into().ok()).map(u32::from_le_bytes)
    }
    fn u64(&mut self) -> Option<u64> {
        self.take(8).and_then(|b| b.try_into().ok()).map(u64::from_le_bytes)
    }
    fn usize(&mut self) -> Option<usize> {
        usize::try_from(self.u64()?).ok()
    }
    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N).and_then(|b| b.try_into().ok())
    }
    fn string(&mut self) -> Option<String> {
        let n = usize::try_from(self.u32()?).ok()?;
        String::from_utf8(self.take(n)?.to_vec()).ok()
    }

    /// A line's problem, as [`put_problem`] wrote it.
    fn problem(&mut self) -> Option<Problem> {
        Some(match self.u8()? {
            1 => {
                let fault = match self.u8()? {
                    0 => Fault::Syntax,
                    1 => Fault::Data,
                    2 => Fault::CutOff,
                    _ => return None,
                };
                Problem::Damaged { fault, column: self.usize()? }
            }
            2 => Problem::OtherParticipant,
            3 => Problem::LineTooLong(self.u64()?),
            _ => return None,
        })
    }

    /// One file's state, as [`put_file`] wrote it.
    fn file(&mut self) -> Option<FileState> {
        let (name, meta, offset, prefix) =
            (self.array::<16>()?, self.array::<16>()?, self.u64()?, self.array::<32>()?);
        let (lines, good, bad) = (self.usize()?, self.usize()?, self.usize()?);
        let n = usize::from(self.u8()?);
        if n > bad.min(3) {
            return None;
        }
        let mut kept = Vec::with_capacity(n);
        for _ in 0..n {
            kept.push((self.usize()?, self.problem()?));
        }
        let tail = match self.u8()? {
            0 => Tail::Empty,
            1 => Tail::Record,
            2 => Tail::Bad(self.problem()?),
            _ => return None,
        };
        let counted = LineTally { good, bad, kept };
        Some(FileState { name, meta, offset, prefix, lines, counted, tail })
    }
}

/// Appends a line's problem; `false` for a problem that is no line's (never written).
fn put_problem(out: &mut Vec<u8>, p: &Problem) -> bool {
    match p {
        Problem::Damaged { fault, column } => {
            out.push(1);
            out.push(match fault {
                Fault::Syntax => 0,
                Fault::Data => 1,
                Fault::CutOff => 2,
            });
            out.extend_from_slice(&(*column as u64).to_le_bytes());
        }
        Problem::OtherParticipant => out.push(2),
        Problem::LineTooLong(n) => {
            out.push(3);
            out.extend_from_slice(&n.to_le_bytes());
        }
        _ => return false,
    }
    true
}

/// Appends one file's state; `false` when it holds something the format cannot.
fn put_file(out: &mut Vec<u8>, f: &FileState) -> bool {
    out.extend_from_slice(&f.name);
    out.extend_from_slice(&f.meta);
    out.extend_from_slice(&f.offset.to_le_bytes());
    out.extend_from_slice(&f.prefix);
    for n in [f.lines, f.counted.good, f.counted.bad] {
        out.extend_from_slice(&(n as u64).to_le_bytes());
    }
    out.push(f.counted.kept.len() as u8);
    for (line, problem) in &f.counted.kept {
        out.extend_from_slice(&(*line as u64).to_le_bytes());
        if !put_problem(out, problem) {
            return false;
        }
    }
    match &f.tail {
        Tail::Empty => out.push(0),
        Tail::Record => out.push(1),
        Tail::Bad(problem) => {
            out.push(2);
            return put_problem(out, problem);
        }
    }
    true
}

/// Reads and checks the cache's head; `None` for anything but a cache this key wrote for
/// this pool and these tombstones, whole and consistent. The entries are checked when read.
pub(super) fn read_cache(path: &Path, keys: &Keys, expect: &[u8; 32]) -> Option<Cached> {
    let mut file = crate::fsx::open_capped(path, MAX_CACHE).ok()?;
    let size = file.metadata().ok()?.len();
    let mut start = [0u8; START_BYTES];
    file.read_exact(&mut start).ok()?;
    let mut b = Bytes(&start);
    if b.take(8)? != MAGIC || b.u32()? != VERSION {
        return None;
    }
    let head_len = b.u64()?;
    if head_len.checked_add((START_BYTES + 32) as u64)? > size {
        return None;
    }
    let mut head = vec![0u8; usize::try_from(head_len).ok()? + 32];
    file.read_exact(&mut head).ok()?;
    let (head, mac) = head.split_at(head.len() - 32);
    if !keys.verify(&[&start, head], mac) {
        return None;
    }
    let mut b = Bytes(head);
    if b.array::<32>()? != *expect {
        return None;
    }
    let files = read_files(&mut b)?;
    let dilemmas = read_dilemmas(&mut b)?;
    let counts = read_counts(&mut b, &dilemmas)?;
    let (n, entries_mac) = (b.usize()?, b.array::<32>()?);
    let whole =
        (START_BYTES as u64 + head_len + 32).checked_add(n.checked_mul(ENTRY_BYTES)? as u64)?;
    if !b.0.is_empty() || whole != size {
        return None;
    }
    let file_count = files.len();
    Some(Cached {
        files,
        dilemmas,
        counts,
        bytes: size,
        entries: (file, n, entries_mac),
        file_count,
    })
}

/// The files' states, each name once.
fn read_files(b: &mut Bytes) -> Option<Vec<FileState>> {
    let n = usize::try_from(b.u32()?).ok()?;
    if n > b.0.len() / MIN_FILE_BYTES {
        return None;
    }
    let mut files = Vec::with_capacity(n);
    let mut names = rustc_hash::FxHashSet::default();
    for _ in 0..n {
        let f = b.file()?;
        if !names.insert(f.name) {
            return None;
        }
        files.push(f);
    }
    Some(files)
}

/// The dilemmas, each once, with at most [`MAX_OPTIONS`] distinct werkwijzen.
fn read_dilemmas(b: &mut Bytes) -> Option<Vec<DilemmaInfo>> {
    let n = usize::try_from(b.u32()?).ok()?;
    if n > b.0.len() / 10 {
        return None;
    }
    let mut dilemmas = Vec::with_capacity(n);
    let mut seen = rustc_hash::FxHashSet::default();
    for _ in 0..n {
        let (pack, v, dilemma) = (b.string()?, b.u32()?, b.string()?);
        let count = usize::from(b.u8()?);
        if count > MAX_OPTIONS {
            return None;
        }
        let mut options: Vec<String> = Vec::with_capacity(count);
        for _ in 0..count {
            let o = b.string()?;
            if options.contains(&o) {
                return None;
            }
            options.push(o);
        }
        if !seen.insert((pack.clone(), v, dilemma.clone())) {
            return None;
        }
        dilemmas.push(DilemmaInfo { pack, v, dilemma, options });
    }
    Some(dilemmas)
}

/// The counts per dilemma: dilemmas known, in increasing order, each origin's counts as
/// long as the dilemma's werkwijzen, moves between werkwijzen it has.
fn read_counts(b: &mut Bytes, dilemmas: &[DilemmaInfo]) -> Option<Vec<DilemmaCounts>> {
    let n = usize::try_from(b.u32()?).ok()?;
    if n > dilemmas.len() {
        return None;
    }
    let mut counts: Vec<DilemmaCounts> = Vec::with_capacity(n);
    for _ in 0..n {
        let dilemma = b.u32()?;
        let options = dilemmas.get(dilemma as usize)?.options.len();
        if counts.last().is_some_and(|last| last.dilemma >= dilemma) {
            return None;
        }
        let mut origin = || -> Option<OriginCounts> {
            let mut c = OriginCounts::new(options);
            (c.participants, c.revised) = (b.u32()?, b.u32()?);
            for n in c.first.iter_mut().chain(c.after.iter_mut()) {
                *n = b.u32()?;
            }
            Some(c)
        };
        let origins = [origin()?, origin()?, origin()?];
        let moves_n = usize::try_from(b.u32()?).ok()?;
        if moves_n > 3 * options * options {
            return None;
        }
        let mut moves = Vec::with_capacity(moves_n);
        for _ in 0..moves_n {
            let m = (b.u8()?, b.u8()?, b.u8()?, b.u32()?);
            if usize::from(m.0) >= 3 || usize::from(m.1) >= options || usize::from(m.2) >= options {
                return None;
            }
            moves.push(m);
        }
        counts.push(DilemmaCounts { dilemma, origins, moves });
    }
    Some(counts)
}

/// Entries, appended to `entries`: sorted by key after those before them, each naming a
/// known file, dilemma and werkwijzen.
fn read_entries(
    bytes: &[u8],
    file_count: usize,
    dilemmas: &[DilemmaInfo],
    entries: &mut Vec<Entry>,
) -> Option<()> {
    for raw in bytes.chunks_exact(ENTRY_BYTES) {
        let mut r = Bytes(raw);
        let e = Entry {
            dilemma: r.u32()?,
            who: r.u64()?,
            file: r.u32()?,
            first: r.u8()?,
            revised: r.u8()?,
        };
        let options = dilemmas.get(e.dilemma as usize)?.options.len();
        let valid = (e.file as usize) < file_count
            && usize::from(e.first) < options
            && (e.revised == NONE || usize::from(e.revised) < options)
            && entries.last().is_none_or(|last| last.key() < e.key());
        if !valid {
            return None;
        }
        entries.push(e);
    }
    Some(())
}

/// What a run keeps: the counted files' states, the answers that count (with the
/// counter's dilemmas), each listed file's number among `files` (`u32::MAX` when not
/// counted) and each listed file's origin.
pub(super) struct State<'a, 'k> {
    pub(super) files: &'a [FileState],
    pub(super) counter: &'a Counter<'k>,
    pub(super) numbers: &'a [u32],
    pub(super) origins: &'a [Origin],
}

/// Writes the state (owner-only, atomically); false when it could not be written or would
/// be too large.
pub(super) fn write_cache(path: &Path, keys: &Keys, expect: &[u8; 32], state: &State) -> bool {
    let numbers = state.numbers;
    if state
        .counter
        .base
        .iter()
        .any(|e| numbers.get(e.file as usize).is_none_or(|n| *n == u32::MAX))
    {
        // Every answer that counts comes from a file that was read whole; if not, the
        // state is not written rather than written wrong.
        return false;
    }
    let Some(out) = encode(keys, expect, state) else { return false };
    let Some(parent) = path.parent() else { return false };
    // What a count killed earlier left beside the cache goes first.
    crate::fsx::remove_stale_temps(parent, None);
    crate::fsx::create_private_dir(parent).is_ok()
        && crate::fsx::atomic_write(path, true, |w| w.write_all(&out)).is_ok()
}

/// The cache file's bytes, HMACs included; `None` when they would be too large or a state
/// holds what the format cannot.
fn encode(keys: &Keys, expect: &[u8; 32], state: &State) -> Option<Vec<u8>> {
    let State { files, counter, numbers, origins } = *state;
    let strings: usize = counter
        .dilemmas
        .iter()
        .map(|d| {
            17 + d.pack.len()
                + d.dilemma.len()
                + d.options.iter().map(|o| 4 + o.len()).sum::<usize>()
                + 3 * (8 + 8 * d.options.len())
        })
        .sum();
    let size = START_BYTES
        + 32
        + files.len() * (MIN_FILE_BYTES + 64)
        + strings
        + 40
        + 32
        + counter.base.len() * ENTRY_BYTES;
    if size as u64 > MAX_CACHE {
        return None;
    }
    let mut out: Vec<u8> = Vec::with_capacity(size);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&0u64.to_le_bytes()); // the head's length, filled in below
    out.extend_from_slice(expect);
    out.extend_from_slice(&(files.len() as u32).to_le_bytes());
    if !files.iter().all(|f| put_file(&mut out, f)) {
        return None;
    }
    let string = |out: &mut Vec<u8>, s: &str| {
        out.extend_from_slice(&(s.len() as u32).to_le_bytes());
        out.extend_from_slice(s.as_bytes());
    };
    out.extend_from_slice(&(counter.dilemmas.len() as u32).to_le_bytes());
    for d in &counter.dilemmas {
        string(&mut out, &d.pack);
        out.extend_from_slice(&d.v.to_le_bytes());
        string(&mut out, &d.dilemma);
        out.push(d.options.len() as u8);
        for o in &d.options {
            string(&mut out, o);
        }
    }
    put_counts(&mut out, &counter.counts(origins));
    let mut entries = Vec::with_capacity(counter.base.len() * ENTRY_BYTES);
    for e in &counter.base {
        entries.extend_from_slice(&e.dilemma.to_le_bytes());
        entries.extend_from_slice(&e.who.to_le_bytes());
        let number = numbers.get(e.file as usize).copied().unwrap_or(u32::MAX);
        entries.extend_from_slice(&number.to_le_bytes());
        entries.push(e.first);
        entries.push(e.revised);
    }
    out.extend_from_slice(&(counter.base.len() as u64).to_le_bytes());
    out.extend_from_slice(&keys.mac(&[ENTRIES_LABEL, &entries]));
    let head_len = (out.len() - START_BYTES) as u64;
    out[12..START_BYTES].copy_from_slice(&head_len.to_le_bytes());
    let mac = keys.mac(&[&out]);
    out.extend_from_slice(&mac);
    out.extend_from_slice(&entries);
    Some(out)
}

/// Appends the counts per dilemma, as [`read_counts`] reads them.
fn put_counts(out: &mut Vec<u8>, counts: &[DilemmaCounts]) {
    out.extend_from_slice(&(counts.len() as u32).to_le_bytes());
    for c in counts {
        out.extend_from_slice(&c.dilemma.to_le_bytes());
        for o in &c.origins {
            for n in [o.participants, o.revised].iter().chain(&o.first).chain(&o.after) {
                out.extend_from_slice(&n.to_le_bytes());
            }
        }
        out.extend_from_slice(&(c.moves.len() as u32).to_le_bytes());
        for (origin, a, b, n) in &c.moves {
            out.extend_from_slice(&[*origin, *a, *b]);
            out.extend_from_slice(&n.to_le_bytes());
        }
    }
}
