//! The stats cache file: its layout, read back and checked whole (HMAC, then every field
//! and the consistency of entries, files and dilemmas), and written owner-only and
//! atomically. Anything that fails a check is `None`: recounted, never trusted.
//!
//! Layout (little-endian): magic, version, the header digest; the files (per file: name and
//! metadata digests, bytes counted and their digest, lines, the line tally with at most a
//! few bad lines — line number and a content-free reason — and the tail); the dilemmas
//! (pack, version, dilemma, werkwijze ids); the entries, sorted, 18 bytes each; the HMAC.

use std::path::Path;

use super::counter::{Counter, DilemmaInfo, Entry};
use super::files::{FileState, Tail};
use super::keys::Keys;
use super::{MAX_CACHE, NONE};
use crate::store::jsonl::{Fault, LineTally, Problem};
use crate::store::tally::MAX_OPTIONS;
use crate::store::tombstone::Tombstones;

/// The first bytes of a cache file.
const MAGIC: &[u8; 8] = b"wikkenSC";
/// The format; another number is recounted and rewritten.
const VERSION: u32 = 2;
/// Bytes per entry in the cache file.
pub(super) const ENTRY_BYTES: usize = 18;
/// The fewest bytes a file takes in the cache file.
const MIN_FILE_BYTES: usize = 16 + 16 + 8 + 32 + 8 + 8 + 8 + 1 + 1;

/// The cache as read: its files and dilemmas, and the entries with file numbers as the
/// cache has them.
pub(super) struct Cached {
    pub(super) files: Vec<FileState>,
    pub(super) dilemmas: Vec<DilemmaInfo>,
    pub(super) entries: Vec<Entry>,
    pub(super) bytes: u64,
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

/// Reads and checks the cache; `None` for anything but a cache this key wrote for this
/// pool and these tombstones, whole and consistent.
pub(super) fn read_cache(path: &Path, keys: &Keys, expect: &[u8; 32]) -> Option<Cached> {
    let bytes = crate::fsx::read_capped(path, MAX_CACHE).ok()?;
    let body_end = bytes.len().checked_sub(32)?;
    let (body, mac) = bytes.split_at(body_end);
    if !keys.verify(body, mac) {
        return None;
    }
    let mut b = Bytes(body);
    if b.take(8)? != MAGIC || b.u32()? != VERSION || b.array::<32>()? != *expect {
        return None;
    }
    let files = read_files(&mut b)?;
    let dilemmas = read_dilemmas(&mut b)?;
    let entries = read_entries(&mut b, &files, &dilemmas)?;
    Some(Cached { files, dilemmas, entries, bytes: bytes.len() as u64 })
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

/// The entries: the rest of the body, sorted by key, each naming a known file, dilemma and
/// werkwijzen.
fn read_entries(
    b: &mut Bytes,
    files: &[FileState],
    dilemmas: &[DilemmaInfo],
) -> Option<Vec<Entry>> {
    let n = b.usize()?;
    if b.0.len() != n.checked_mul(ENTRY_BYTES)? {
        return None;
    }
    let mut entries: Vec<Entry> = Vec::with_capacity(n);
    for raw in b.0.chunks_exact(ENTRY_BYTES) {
        let mut r = Bytes(raw);
        let e = Entry {
            dilemma: r.u32()?,
            who: r.u64()?,
            file: r.u32()?,
            first: r.u8()?,
            revised: r.u8()?,
        };
        let options = dilemmas.get(e.dilemma as usize)?.options.len();
        let valid = (e.file as usize) < files.len()
            && usize::from(e.first) < options
            && (e.revised == NONE || usize::from(e.revised) < options)
            && entries.last().is_none_or(|last| last.key() < e.key());
        if !valid {
            return None;
        }
        entries.push(e);
    }
    Some(entries)
}

/// Writes the state (owner-only, atomically); false when it could not be written or would
/// be too large.
pub(super) fn write_cache(
    path: &Path,
    keys: &Keys,
    expect: &[u8; 32],
    files: &[FileState],
    counter: &Counter,
    numbers: &[u32],
) -> bool {
    if counter.base.iter().any(|e| numbers.get(e.file as usize).is_none_or(|n| *n == u32::MAX)) {
        // Every answer that counts comes from a file that was read whole; if not, the
        // state is not written rather than written wrong.
        return false;
    }
    let Some(out) = encode(keys, expect, files, counter, numbers) else { return false };
    let Some(parent) = path.parent() else { return false };
    // What a count killed earlier left beside the cache goes first.
    crate::fsx::remove_stale_temps(parent, None);
    crate::fsx::create_private_dir(parent).is_ok()
        && crate::fsx::atomic_write(path, true, |w| w.write_all(&out)).is_ok()
}

/// The cache file's bytes, HMAC included; `None` when they would be too large or a state
/// holds what the format cannot.
fn encode(
    keys: &Keys,
    expect: &[u8; 32],
    files: &[FileState],
    counter: &Counter,
    numbers: &[u32],
) -> Option<Vec<u8>> {
    let strings: usize = counter
        .dilemmas
        .iter()
        .map(|d| {
            17 + d.pack.len()
                + d.dilemma.len()
                + d.options.iter().map(|o| 4 + o.len()).sum::<usize>()
        })
        .sum();
    let size = 48
        + files.len() * (MIN_FILE_BYTES + 64)
        + strings
        + 8
        + counter.base.len() * ENTRY_BYTES
        + 32;
    if size as u64 > MAX_CACHE {
        return None;
    }
    let mut out: Vec<u8> = Vec::with_capacity(size);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
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
    out.extend_from_slice(&(counter.base.len() as u64).to_le_bytes());
    for e in &counter.base {
        out.extend_from_slice(&e.dilemma.to_le_bytes());
        out.extend_from_slice(&e.who.to_le_bytes());
        let number = numbers.get(e.file as usize).copied().unwrap_or(u32::MAX);
        out.extend_from_slice(&number.to_le_bytes());
        out.push(e.first);
        out.push(e.revised);
    }
    let mac = keys.mac(&out);
    out.extend_from_slice(&mac);
    Some(out)
}
