//! The stats cache file: its layout, read back and checked whole (HMAC, then every field
//! and the consistency of entries, files and dilemmas), and written owner-only and
//! atomically. Anything that fails a check is `None`: recounted, never trusted.

use std::path::Path;

use super::counter::{Counter, DilemmaInfo, Entry};
use super::files::FileState;
use super::keys::Keys;
use super::{MAX_CACHE, NONE};
use crate::store::tally::MAX_OPTIONS;
use crate::store::tombstone::Tombstones;

/// The first bytes of a cache file.
const MAGIC: &[u8; 8] = b"wikkenSC";
/// The format; another number is recounted and rewritten.
const VERSION: u32 = 1;
/// Bytes per entry in the cache file.
pub(super) const ENTRY_BYTES: usize = 18;
/// Bytes per file in the cache file.
const FILE_BYTES: usize = 16 + 16 + 1 + 8 + 32;

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
pub(super) struct Bytes<'a>(&'a [u8]);

impl<'a> Bytes<'a> {
    pub(super) fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.0.len() {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }
    pub(super) fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }
    pub(super) fn u32(&mut self) -> Option<u32> {
        self.take(4).and_then(|b| b.try_into().ok()).map(u32::from_le_bytes)
    }
    pub(super) fn u64(&mut self) -> Option<u64> {
        self.take(8).and_then(|b| b.try_into().ok()).map(u64::from_le_bytes)
    }
    pub(super) fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N).and_then(|b| b.try_into().ok())
    }
    pub(super) fn string(&mut self) -> Option<String> {
        let n = usize::try_from(self.u32()?).ok()?;
        String::from_utf8(self.take(n)?.to_vec()).ok()
    }
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
    let n_files = usize::try_from(b.u32()?).ok()?;
    if n_files > b.0.len() / FILE_BYTES {
        return None;
    }
    let mut files = Vec::with_capacity(n_files);
    let mut names = rustc_hash::FxHashSet::default();
    for _ in 0..n_files {
        let name = b.array::<16>()?;
        let meta = b.array::<16>()?;
        let flags = b.u8()?;
        let offset = b.u64()?;
        let prefix = b.array::<32>()?;
        if flags & !3 != 0 || !names.insert(name) {
            return None;
        }
        files.push(FileState {
            name,
            meta,
            racy: flags & 1 != 0,
            warned: flags & 2 != 0,
            offset,
            prefix,
        });
    }
    let n_dilemmas = usize::try_from(b.u32()?).ok()?;
    if n_dilemmas > b.0.len() / 10 {
        return None;
    }
    let mut dilemmas = Vec::with_capacity(n_dilemmas);
    let mut seen = rustc_hash::FxHashSet::default();
    for _ in 0..n_dilemmas {
        let pack = b.string()?;
        let v = b.u32()?;
        let dilemma = b.string()?;
        let n = usize::from(b.u8()?);
        if n > MAX_OPTIONS {
            return None;
        }
        let mut options: Vec<String> = Vec::with_capacity(n);
        for _ in 0..n {
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
    let n_entries = usize::try_from(b.u64()?).ok()?;
    if b.0.len() != n_entries.checked_mul(ENTRY_BYTES)? {
        return None;
    }
    let mut entries: Vec<Entry> = Vec::with_capacity(n_entries);
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
    Some(Cached { files, dilemmas, entries, bytes: bytes.len() as u64 })
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
    let size = 8
        + 4
        + 32
        + 4
        + files.len() * FILE_BYTES
        + counter
            .dilemmas
            .iter()
            .map(|d| {
                17 + d.pack.len()
                    + d.dilemma.len()
                    + d.options.iter().map(|o| 4 + o.len()).sum::<usize>()
            })
            .sum::<usize>()
        + 8
        + counter.base.len() * ENTRY_BYTES
        + 32;
    if size as u64 > MAX_CACHE {
        return false;
    }
    let mut out: Vec<u8> = Vec::with_capacity(size);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(expect);
    out.extend_from_slice(&(files.len() as u32).to_le_bytes());
    for f in files {
        out.extend_from_slice(&f.name);
        out.extend_from_slice(&f.meta);
        out.push(u8::from(f.racy) | (u8::from(f.warned) << 1));
        out.extend_from_slice(&f.offset.to_le_bytes());
        out.extend_from_slice(&f.prefix);
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
        out.extend_from_slice(
            &numbers.get(e.file as usize).copied().unwrap_or(u32::MAX).to_le_bytes(),
        );
        out.push(e.first);
        out.push(e.revised);
    }
    let mac = keys.mac(&out);
    out.extend_from_slice(&mac);
    let Some(parent) = path.parent() else { return false };
    crate::fsx::create_private_dir(parent).is_ok()
        && crate::fsx::atomic_write(path, true, |w| w.write_all(&out)).is_ok()
}
