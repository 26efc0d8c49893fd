//! Counting a folder pool for `wikken stats` from where the last count stopped.
//!
//! The cache keeps, per pool file, how far it was counted (up to its last complete line) and
//! a keyed SHA-256 of that prefix; per answer that counts, who gave it (a keyed hash), to
//! which dilemma, in which file and which werkwijzen. A later run reads only what was
//! appended, so one new answer in a pool of a million costs about what reading that one
//! file costs.
//!
//! The result always equals a full recount ([`Tally::load`](super::Tally::load)), because
//! every change the cache cannot follow step by step makes it recount everything:
//!
//! - *appended lines* (and *new files*) are read and applied by the same rule as the tally —
//!   per participant and dilemma the line written last counts, files in name order, so a
//!   new file that sorts before an old one loses to it;
//! - a file whose name, device, inode, size, modification and change time are all as
//!   counted, and were not within [`RACY`] of the count (a write in the same clock tick
//!   could hide), is unchanged: the change time cannot be set back by a user;
//! - any other known file is read from the start: its counted prefix must hash to the
//!   same keyed digest (else it was *replaced or rewritten* → recount), and the rest is
//!   new lines. A file replaced by a copy that starts with the same bytes (a sync client
//!   that renames on every save) therefore stays incremental;
//! - a file that *shrank*, vanished or can no longer be read, other *tombstones*, another
//!   pool folder, another cache key or a cache that fails its check → recount;
//! - the last line of a file without a newline (a record cut off, or still being written)
//!   counts as a full recount counts it, but is not kept: the next run reads it again;
//! - k is not part of the cache: the counts per werkwijze are made from it on every run.
//!
//! Warnings name pool files (whose names are pseudonyms), so the cache keeps none: a file
//! that had one is marked, and its warnings are found again on every run
//! ([`file_warnings`](super::tally::file_warnings)) until someone repairs the pool.
//!
//! What the cache holds (see PRIVACY.md): per answer that counts a keyed participant hash,
//! dilemma, file number and werkwijzen; per file a keyed digest of its name and of its
//! metadata, how many bytes were counted and a keyed digest of them; the pack, dilemma and
//! werkwijze ids; no pseudonyms, no reasoning, no dates, no file names. It is written
//! owner-only and atomically, checked with an HMAC-SHA-256 under the key on every read, and
//! capped at [`MAX_CACHE`]: anything that fails a check is recounted, never trusted.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rustc_hash::FxHashMap as HashMap;
use sha2::{Digest, Sha256};

use super::aggregate::{Distribution, Split};
use super::jsonl::{Line, Problem, ReadWarning};
use super::record::Origin;
use super::tally::{MAX_OPTIONS, Raw, file_warnings, id64, intern};
use super::tombstone::Tombstones;

/// The first bytes of a cache file.
const MAGIC: &[u8; 8] = b"wikkenSC";
/// The format; another number is recounted and rewritten.
const VERSION: u32 = 1;
/// The largest cache read or written: a pool whose state would be larger is counted in full
/// on every run (a million answers take about 20 MB).
pub const MAX_CACHE: u64 = 256 << 20;
/// A file changed this recently may change again within the same clock tick without its
/// times changing, so it is read again (and its prefix checked) on the next run.
pub const RACY: Duration = Duration::from_secs(5);
/// "Not revised" in an entry.
const NONE: u8 = u8::MAX;
/// The cache key's file, beside the cache.
const KEY_NAME: &str = "stats-key";
/// Bytes per entry in the cache file.
const ENTRY_BYTES: usize = 18;
/// Bytes per file in the cache file.
const FILE_BYTES: usize = 16 + 16 + 1 + 8 + 32;
/// Read threads for a full count (more than cores: one waits for the disk, another parses).
const WORKERS: usize = 4;

/// How the cache was used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CacheUse {
    /// Nothing was counted: every pool file was as the cache had it.
    Hit,
    /// The cache was used, and what was appended (or new files) counted on top.
    Updated,
    /// Everything was counted again.
    Rebuilt,
}

/// (pack, version, dilemma) and its answers, one per dilemma, sorted.
pub(super) type Rows = Vec<((String, u32, String), Split)>;

/// The pool's answers per dilemma, counted, with the warnings a full count gives.
pub(super) struct Counted {
    /// (pack, version, dilemma) → the answers, sorted; reasoning is never kept.
    pub rows: Rows,
    /// Damaged lines and refused files, in file order.
    pub warnings: Vec<ReadWarning>,
    /// How the cache was used.
    pub used: CacheUse,
}

/// The secrets behind the cache, derived from one random key in DATA.
struct Keys {
    who: [u8; 32],
    file: [u8; 32],
    mac: [u8; 32],
}

impl Keys {
    fn derive(secret: &[u8]) -> Self {
        let sub = |label: &[u8]| -> [u8; 32] {
            let mut h = Sha256::new();
            h.update(b"wikken-stats-cache\0");
            h.update(label);
            h.update(secret);
            h.finalize().into()
        };
        Keys { who: sub(b"who"), file: sub(b"file"), mac: sub(b"mac") }
    }

    fn keyed(key: &[u8; 32], parts: &[&[u8]]) -> [u8; 32] {
        let mut h = Sha256::new();
        h.update(key);
        for p in parts {
            h.update((p.len() as u64).to_le_bytes());
            h.update(p);
        }
        h.finalize().into()
    }

    fn name(&self, name: &[u8]) -> [u8; 16] {
        first16(&Self::keyed(&self.file, &[b"name", name]))
    }

    /// A participant as the cache knows them: the tally's identity (origin and 64-bit id)
    /// under the key, so the cache cannot be joined with the pool's files by id.
    fn who(&self, origin: Origin, id: u64) -> u64 {
        let d = Self::keyed(&self.who, &[&[origin as u8], &id.to_le_bytes()]);
        u64::from_le_bytes([d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]])
    }

    fn prefix_hasher(&self) -> Sha256 {
        let mut h = Sha256::new();
        h.update(self.file);
        h.update(b"prefix");
        h
    }

    /// HMAC-SHA-256 (RFC 2104) of the cache's contents.
    fn mac(&self, bytes: &[u8]) -> [u8; 32] {
        let mut ipad = [0x36u8; 64];
        let mut opad = [0x5cu8; 64];
        for (i, k) in self.mac.iter().enumerate() {
            ipad[i] ^= k;
            opad[i] ^= k;
        }
        let inner = Sha256::new().chain_update(ipad).chain_update(bytes).finalize();
        Sha256::new().chain_update(opad).chain_update(inner).finalize().into()
    }
}

fn first16(d: &[u8; 32]) -> [u8; 16] {
    let mut out = [0u8; 16];
    out.copy_from_slice(&d[..16]);
    out
}

/// A file's identity and times, as far as the platform tells them.
#[derive(Clone, Copy)]
struct Stat {
    dev: u64,
    ino: u64,
    size: u64,
    mtime: i128,
    ctime: i128,
}

impl Stat {
    #[cfg(unix)]
    fn of(m: &std::fs::Metadata) -> Self {
        use std::os::unix::fs::MetadataExt;
        let ns = |s: i64, n: i64| i128::from(s) * 1_000_000_000 + i128::from(n);
        Stat {
            dev: m.dev(),
            ino: m.ino(),
            size: m.len(),
            mtime: ns(m.mtime(), m.mtime_nsec()),
            ctime: ns(m.ctime(), m.ctime_nsec()),
        }
    }

    #[cfg(not(unix))]
    fn of(m: &std::fs::Metadata) -> Self {
        let ns = |t: std::io::Result<SystemTime>| {
            t.ok()
                .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos() as i128)
        };
        Stat { dev: 0, ino: 0, size: m.len(), mtime: ns(m.modified()), ctime: ns(m.created()) }
    }

    /// A keyed digest, so the cache holds no dates and no inode numbers in clear.
    fn digest(&self, keys: &Keys) -> [u8; 16] {
        let d = Keys::keyed(
            &keys.file,
            &[
                b"meta",
                &self.dev.to_le_bytes(),
                &self.ino.to_le_bytes(),
                &self.size.to_le_bytes(),
                &self.mtime.to_le_bytes(),
                &self.ctime.to_le_bytes(),
            ],
        );
        first16(&d)
    }

    fn racy(&self, now: i128, window: Duration) -> bool {
        self.mtime.max(self.ctime) >= now - window.as_nanos() as i128
    }
}

fn now_ns() -> i128 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos() as i128)
}

/// What the cache knows of one pool file.
#[derive(Clone, Debug, PartialEq, Eq)]
struct FileState {
    /// Keyed digest of the file's name.
    name: [u8; 16],
    /// Keyed digest of its [`Stat`] when counted.
    meta: [u8; 16],
    /// Changed within [`RACY`] of being counted: check it again next time.
    racy: bool,
    /// Its counted lines gave warnings: find them again on every run.
    warned: bool,
    /// Bytes counted: up to and including the last newline.
    offset: u64,
    /// Keyed SHA-256 of those bytes.
    prefix: [u8; 32],
}

/// One answer that counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Entry {
    dilemma: u32,
    who: u64,
    /// Which file it is in: its place in the pool's file order during a run.
    file: u32,
    first: u8,
    revised: u8,
}

impl Entry {
    fn key(&self) -> (u32, u64) {
        (self.dilemma, self.who)
    }
}

/// A dilemma of one pack version, with the werkwijze ids seen (cleaned, at most
/// [`MAX_OPTIONS`]).
#[derive(Clone, Debug, PartialEq, Eq)]
struct DilemmaInfo {
    pack: String,
    v: u32,
    dilemma: String,
    options: Vec<String>,
}

/// The answers that count, being updated: what the cache held (`base`, sorted) and what was
/// read on top (`overlay`).
struct Counter<'a> {
    keys: &'a Keys,
    tombstones: &'a Tombstones,
    dilemmas: Vec<DilemmaInfo>,
    lookup: HashMap<String, HashMap<u32, HashMap<String, u32>>>,
    base: Vec<Entry>,
    overlay: HashMap<(u32, u64), Entry>,
    who: HashMap<(Origin, u64), u64>,
    erased: HashMap<(Origin, u64), bool>,
}

impl<'a> Counter<'a> {
    fn new(keys: &'a Keys, tombstones: &'a Tombstones) -> Self {
        Counter {
            keys,
            tombstones,
            dilemmas: Vec::new(),
            lookup: HashMap::default(),
            base: Vec::new(),
            overlay: HashMap::default(),
            who: HashMap::default(),
            erased: HashMap::default(),
        }
    }

    fn with(keys: &'a Keys, tombstones: &'a Tombstones, dilemmas: Vec<DilemmaInfo>) -> Self {
        let mut c = Counter::new(keys, tombstones);
        for (i, d) in dilemmas.iter().enumerate() {
            c.lookup
                .entry(d.pack.clone())
                .or_default()
                .entry(d.v)
                .or_default()
                .insert(d.dilemma.clone(), i as u32);
        }
        c.dilemmas = dilemmas;
        c
    }

    fn dilemma_id(&mut self, pack: &str, v: u32, dilemma: &str) -> Option<u32> {
        if let Some(id) = self.lookup.get(pack).and_then(|m| m.get(&v)).and_then(|m| m.get(dilemma))
        {
            return Some(*id);
        }
        let id = u32::try_from(self.dilemmas.len()).ok()?;
        self.dilemmas.push(DilemmaInfo {
            pack: pack.to_string(),
            v,
            dilemma: dilemma.to_string(),
            options: Vec::new(),
        });
        self.lookup
            .entry(pack.to_string())
            .or_default()
            .entry(v)
            .or_default()
            .insert(dilemma.to_string(), id);
        Some(id)
    }

    /// The answer that counts now for (dilemma, participant), if any.
    fn current(&self, key: (u32, u64)) -> Option<Entry> {
        if let Some(e) = self.overlay.get(&key) {
            return Some(*e);
        }
        self.base.binary_search_by_key(&key, Entry::key).ok().map(|i| self.base[i])
    }

    /// The tally's rule: a line replaces the answer that counts when it is in the same file
    /// (it was read later) or in a file later in name order.
    fn offer(&mut self, e: Entry) {
        match self.current(e.key()) {
            Some(c) if c.file > e.file => {}
            _ => {
                self.overlay.insert(e.key(), e);
            }
        }
    }

    /// Counts one record, as [`Tally`](super::Tally) counts it.
    fn line(&mut self, r: &Raw, file: u32, origin: Origin) {
        let id = id64(&r.p);
        if !self.tombstones.is_empty() {
            let tombstones = self.tombstones;
            let erased = *self
                .erased
                .entry((origin, id))
                .or_insert_with(|| tombstones.erased(&r.p, origin == Origin::Imported));
            if erased {
                return;
            }
        }
        let Some(d) = self.dilemma_id(&r.pack, r.v, &r.dilemma) else { return };
        let options = &mut self.dilemmas[d as usize].options;
        let Some(first) = intern(options, &r.first) else { return };
        let revised = match r.revised.as_deref().map(|x| intern(options, x)) {
            Some(None) => return,
            Some(Some(x)) => x as u8,
            None => NONE,
        };
        let keys = self.keys;
        let who = *self.who.entry((origin, id)).or_insert_with(|| keys.who(origin, id));
        self.offer(Entry { dilemma: d, who, file, first: first as u8, revised });
    }

    /// Takes in what another counter (one read thread) counted.
    fn absorb(&mut self, other: Counter) {
        for e in other.base.into_iter().chain(other.overlay.into_values()) {
            let theirs = &other.dilemmas[e.dilemma as usize];
            let Some(d) = self.dilemma_id(&theirs.pack, theirs.v, &theirs.dilemma) else {
                continue;
            };
            let options = &mut self.dilemmas[d as usize].options;
            let Some(first) = intern(options, &theirs.options[usize::from(e.first)]) else {
                continue;
            };
            let revised = if e.revised == NONE {
                NONE
            } else {
                match intern(options, &theirs.options[usize::from(e.revised)]) {
                    Some(r) => r as u8,
                    None => continue,
                }
            };
            self.offer(Entry { dilemma: d, first: first as u8, revised, ..e });
        }
    }

    /// Merges what was read into the sorted base.
    fn settle(&mut self) {
        if self.overlay.is_empty() {
            return;
        }
        let mut new: Vec<Entry> = self.overlay.drain().map(|(_, e)| e).collect();
        new.sort_unstable_by_key(Entry::key);
        let base = std::mem::take(&mut self.base);
        let mut out = Vec::with_capacity(base.len() + new.len());
        let (mut a, mut b) = (base.into_iter().peekable(), new.into_iter().peekable());
        loop {
            match (a.peek(), b.peek()) {
                (Some(x), Some(y)) if x.key() < y.key() => out.extend(a.next()),
                (Some(x), Some(y)) if x.key() == y.key() => {
                    a.next();
                    out.extend(b.next());
                }
                (_, Some(_)) => out.extend(b.next()),
                (Some(_), None) => out.extend(a.next()),
                (None, None) => break,
            }
        }
        self.base = out;
    }

    /// The answers per dilemma, as [`Tally::split`](super::Tally::split) gives them
    /// (without reasoning), sorted by pack, version and dilemma.
    fn rows(&self, origin_of: &[Origin]) -> Rows {
        let mut rows = Vec::new();
        for group in self.base.chunk_by(|a, b| a.dilemma == b.dilemma) {
            let info = &self.dilemmas[group[0].dilemma as usize];
            let n = info.options.len();
            // Per origin: participants, revised, first and after per werkwijze, moves.
            let mut counts: [(u32, u32, Vec<u32>, Vec<u32>); 3] =
                std::array::from_fn(|_| (0, 0, vec![0; n], vec![0; n]));
            let mut moves: HashMap<(usize, u8, u8), u32> = HashMap::default();
            for e in group {
                let o = match origin_of.get(e.file as usize) {
                    Some(Origin::Own) | None => 0,
                    Some(Origin::Session) => 1,
                    Some(Origin::Imported) => 2,
                };
                let after = if e.revised == NONE { e.first } else { e.revised };
                let c = &mut counts[o];
                c.0 += 1;
                c.2[usize::from(e.first)] += 1;
                c.3[usize::from(after)] += 1;
                if after != e.first {
                    c.1 += 1;
                    *moves.entry((o, e.first, after)).or_default() += 1;
                }
            }
            let dist = |o: usize| {
                let (participants, revised, first, after) = &counts[o];
                let named = |v: &[u32]| {
                    v.iter()
                        .enumerate()
                        .filter(|(_, n)| **n > 0)
                        .map(|(i, n)| (info.options[i].clone(), *n))
                        .collect()
                };
                Distribution {
                    participants: *participants,
                    first: named(first),
                    after: named(after),
                    revised: *revised,
                    moves: moves
                        .iter()
                        .filter(|((m, _, _), _)| *m == o)
                        .map(|((_, a, b), n)| {
                            let name = |i: &u8| info.options[usize::from(*i)].clone();
                            ((name(a), name(b)), *n)
                        })
                        .collect(),
                    reasoning: Vec::new(),
                }
            };
            let split = Split { own: dist(0), sessions: dist(1), other: dist(2) };
            rows.push(((info.pack.clone(), info.v, info.dilemma.clone()), split));
        }
        rows.sort_by(|a, b| a.0.cmp(&b.0));
        rows
    }
}

/// A `.jsonl` file in the pool folder, as listed.
struct Listed {
    path: PathBuf,
    name: [u8; 16],
    origin: Origin,
    /// From `lstat`: `None` when it could not be had.
    stat: Option<Stat>,
    regular: bool,
}

/// The pool's `.jsonl` files in name order (the order [`pool_files`](super::pool_files)
/// gives), each with its `lstat`.
fn list(dir: &Path, keys: &Keys) -> std::io::Result<Vec<Listed>> {
    let mut out: Vec<Listed> = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let Ok(entry) = entry else { continue };
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "jsonl") {
            continue;
        }
        let meta = entry.metadata().ok();
        let name = keys.name(entry.file_name().as_encoded_bytes());
        out.push(Listed {
            origin: Origin::of_file(&path),
            stat: meta.as_ref().map(Stat::of),
            regular: meta.as_ref().is_some_and(std::fs::Metadata::is_file),
            path,
            name,
        });
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// Hashes everything read, remembering the hash and length up to the last newline.
struct Hashing<R> {
    inner: R,
    hasher: Sha256,
    pos: u64,
    committed: (u64, Sha256),
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let got = &buf[..n];
        match got.iter().rposition(|&b| b == b'\n') {
            Some(i) => {
                self.hasher.update(&got[..=i]);
                self.committed = (self.pos + i as u64 + 1, self.hasher.clone());
                self.hasher.update(&got[i + 1..]);
            }
            None => self.hasher.update(got),
        }
        self.pos += n as u64;
        Ok(n)
    }
}

/// What reading one file gave.
struct Scanned {
    state: FileState,
    /// A line after the counted prefix (a cut-off last line) gave a warning.
    tail_warned: bool,
    /// Bytes read.
    read: u64,
}

/// Why a file could not be read on from where it was counted.
enum ScanError {
    /// Its counted prefix is not what was counted: it shrank or was replaced.
    Changed,
    /// It could not be read.
    Io,
}

/// Reads one pool file into `counter` as file number `file`: from the start, checking
/// that its first `from.0` bytes still hash to `from.1` and counting only the lines after
/// them; or, without `from`, everything. A last line without a newline goes to `tails`.
#[allow(clippy::too_many_arguments)]
fn scan(
    counter: &mut Counter,
    mut f: File,
    file: u32,
    origin: Origin,
    known: Option<&FileState>,
    name: [u8; 16],
    now: i128,
    racy: Duration,
    tails: &mut Vec<(u32, Vec<u8>)>,
) -> Result<Scanned, ScanError> {
    let stat = Stat::of(&f.metadata().map_err(|_| ScanError::Io)?);
    let keys = counter.keys;
    let mut hasher = keys.prefix_hasher();
    let mut offset = 0u64;
    if let Some(known) = known {
        let mut left = known.offset;
        let mut buf = vec![0u8; 1 << 16];
        while left > 0 {
            let want = buf.len().min(usize::try_from(left).unwrap_or(usize::MAX));
            let n = match f.read(&mut buf[..want]) {
                Ok(0) => return Err(ScanError::Changed),
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(_) => return Err(ScanError::Io),
            };
            hasher.update(&buf[..n]);
            left -= n as u64;
        }
        if <[u8; 32]>::from(hasher.clone().finalize()) != known.prefix {
            return Err(ScanError::Changed);
        }
        offset = known.offset;
    }
    let mut reader =
        Hashing { inner: f, hasher: hasher.clone(), pos: offset, committed: (offset, hasher) };
    let mut warned = false;
    let mut tail_warned = false;
    let result = super::jsonl::for_each_line_ended(&mut reader, |_, line, ended| {
        let bad = match line {
            Line::TooLong(_) => true,
            Line::Text(t) if t.iter().all(u8::is_ascii_whitespace) => false,
            Line::Text(t) => match serde_json::from_slice::<Raw>(t) {
                Ok(r) if ended => {
                    counter.line(&r, file, origin);
                    false
                }
                Ok(_) => {
                    tails.push((file, t.to_vec()));
                    false
                }
                Err(_) => true,
            },
        };
        if bad && ended {
            warned = true;
        } else if bad {
            tail_warned = true;
        }
    });
    if result.is_err() {
        return Err(ScanError::Io);
    }
    let (offset, prefix) = (reader.committed.0, reader.committed.1.finalize().into());
    let state = FileState {
        name,
        meta: stat.digest(keys),
        racy: stat.racy(now, racy),
        warned: warned || known.is_some_and(|k| k.warned),
        offset,
        prefix,
    };
    Ok(Scanned { state, tail_warned, read: reader.pos })
}

/// The cache as read: its files and dilemmas, and the entries with file numbers as the
/// cache has them.
struct Cached {
    files: Vec<FileState>,
    dilemmas: Vec<DilemmaInfo>,
    entries: Vec<Entry>,
    bytes: u64,
}

/// What the state is valid for, besides its own files: the pool folder and the tombstones.
fn header(dir: &Path, tombstones: &Tombstones, keys: &Keys) -> [u8; 32] {
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
    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N).and_then(|b| b.try_into().ok())
    }
    fn string(&mut self) -> Option<String> {
        let n = usize::try_from(self.u32()?).ok()?;
        String::from_utf8(self.take(n)?.to_vec()).ok()
    }
}

/// Reads and checks the cache; `None` for anything but a cache this key wrote for this
/// pool and these tombstones, whole and consistent.
fn read_cache(path: &Path, keys: &Keys, expect: &[u8; 32]) -> Option<Cached> {
    let bytes = crate::fsx::read_capped(path, MAX_CACHE).ok()?;
    let body_end = bytes.len().checked_sub(32)?;
    let (body, mac) = bytes.split_at(body_end);
    if keys.mac(body) != mac {
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
fn write_cache(
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

/// One run: what each listed file is now.
struct Run<'a> {
    counter: Counter<'a>,
    /// Per listed file: its state when it was counted (None: refused, vanished or unread).
    files: Vec<Option<FileState>>,
    /// Per listed file: whether its warnings must be said (found again by a full read).
    warned: Vec<bool>,
    /// Per listed file: the warning that refused it.
    refused: Vec<Option<ReadWarning>>,
    tails: Vec<(u32, Vec<u8>)>,
    /// Bytes of pool files read.
    read: u64,
    /// Whether the state may be kept (no file failed midway).
    keep: bool,
    used: CacheUse,
}

/// Counts on from the cache; `None` when something changed that only a full count can
/// follow.
fn update<'a>(
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
        let f = match super::jsonl::open_for_reading(&l.path) {
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
fn rebuild<'a>(
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
            let result = match super::jsonl::open_for_reading(&l.path) {
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

/// Counts the pool in `dir` with the cache at `cache` (its key beside it), which is
/// rewritten when that saves later runs work. `racy` is [`RACY`] but for tests.
pub(super) fn count(dir: &Path, cache: &Path, racy: Duration) -> Counted {
    let listing_error = |e: std::io::Error| Counted {
        rows: Vec::new(),
        warnings: vec![ReadWarning {
            path: dir.to_path_buf(),
            line: 0,
            reason: Problem::Unreadable(e.to_string()),
        }],
        used: CacheUse::Rebuilt,
    };
    let secret = cache
        .parent()
        .and_then(|parent| super::identity::load_or_create_secret_hex(parent, KEY_NAME).ok());
    let Some(secret) = secret else {
        // No private folder for a key (a read-only DATA): count without a cache.
        let (tally, warnings) = super::Tally::load(dir, false);
        let rows = tally
            .dilemmas()
            .into_iter()
            .map(|(p, v, d)| {
                let split = tally.split(&p, v, &d);
                ((p, v, d), split)
            })
            .collect();
        return Counted { rows, warnings, used: CacheUse::Rebuilt };
    };
    let keys = Keys::derive(secret.as_bytes());
    let tombstones = Tombstones::load(dir);
    let listing = match list(dir, &keys) {
        Ok(l) => l,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return listing_error(e),
    };
    let expect = header(dir, &tombstones, &keys);
    let cached = read_cache(cache, &keys, &expect);
    let cache_bytes = cached.as_ref().map_or(0, |c| c.bytes);
    let mut run = match cached.and_then(|c| update(c, &listing, &keys, &tombstones, racy)) {
        Some(run) => run,
        None => rebuild(&listing, &keys, &tombstones, racy),
    };
    run.counter.settle();

    // Keep the state when that saves later runs more than writing it costs: always after a
    // full count, else once the bytes read on top of the cache reach a quarter of its size.
    let worth = match run.used {
        CacheUse::Rebuilt => true,
        CacheUse::Updated => run.read.saturating_mul(4) >= cache_bytes,
        CacheUse::Hit => false,
    };
    if worth {
        let mut numbers = vec![u32::MAX; listing.len()];
        let mut files = Vec::new();
        for (i, f) in run.files.iter().enumerate() {
            if let Some(f) = f {
                numbers[i] = files.len() as u32;
                files.push(f.clone());
            }
        }
        let written =
            run.keep && write_cache(cache, &keys, &expect, &files, &run.counter, &numbers);
        if !written && run.used == CacheUse::Rebuilt {
            // A state from before (other tombstones, say) must not outlive this count.
            let _ = std::fs::remove_file(cache);
        }
    }

    // A cut-off last line counts now, as in a full count, but was not kept.
    for (file, bytes) in std::mem::take(&mut run.tails) {
        if let Ok(r) = serde_json::from_slice::<Raw>(&bytes) {
            let origin = listing[file as usize].origin;
            run.counter.line(&r, file, origin);
        }
    }
    run.counter.settle();

    let origins: Vec<Origin> = listing.iter().map(|l| l.origin).collect();
    let rows = run.counter.rows(&origins);
    let mut warnings = Vec::new();
    for (i, l) in listing.iter().enumerate() {
        if let Some(w) = run.refused[i].take() {
            warnings.push(w);
        } else if run.warned[i] {
            warnings.extend(file_warnings(&l.path));
        }
    }
    Counted { rows, warnings, used: run.used }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{PoolRecord, Tally};

    const NOW: Duration = Duration::ZERO;

    /// What a full count says: the rows and warnings the cache must reproduce.
    pub(super) fn full_count(dir: &Path) -> (Rows, Vec<ReadWarning>) {
        let (tally, warnings) = Tally::load(dir, false);
        let rows = tally
            .dilemmas()
            .into_iter()
            .map(|(p, v, d)| {
                let split = tally.split(&p, v, &d);
                ((p, v, d), split)
            })
            .collect();
        (rows, warnings)
    }

    /// Counts with the cache and checks the result against a full count.
    #[track_caller]
    fn check(dir: &Path, cache: &Path, racy: Duration) -> CacheUse {
        let counted = count(dir, cache, racy);
        let (rows, warnings) = full_count(dir);
        assert_eq!(counted.rows, rows, "counts differ from a full count");
        assert_eq!(counted.warnings, warnings, "warnings differ from a full count");
        counted.used
    }

    fn record(p: &str, dilemma: &str, first: &str, revised: Option<&str>) -> PoolRecord {
        PoolRecord {
            rid: "r".into(),
            pack: "p".into(),
            v: 1,
            dilemma: dilemma.into(),
            first: first.into(),
            revised: revised.map(Into::into),
            p: p.into(),
            date: "2026-11-23".into(),
            reasoning: Some("geheime overweging".into()),
        }
    }

    fn line(r: &PoolRecord) -> Vec<u8> {
        let mut l = serde_json::to_vec(r).expect("json");
        l.push(b'\n');
        l
    }

    fn append(path: &Path, bytes: &[u8]) {
        use std::io::Write as _;
        let mut f = std::fs::OpenOptions::new().create(true).append(true).open(path).expect("open");
        f.write_all(bytes).expect("append");
    }

    struct Pool {
        _tmp: tempfile::TempDir,
        dir: PathBuf,
        cache: PathBuf,
    }

    fn pool() -> Pool {
        let tmp = tempfile::tempdir().expect("tmp");
        let dir = tmp.path().join("pool");
        std::fs::create_dir_all(&dir).expect("pool");
        let cache = tmp.path().join("data/cache/stats.json");
        Pool { _tmp: tmp, dir, cache }
    }

    const A: &str = "aaaaaaaaaaaaaaaa";
    const B: &str = "bbbbbbbbbbbbbbbb";

    #[test]
    fn unchanged_files_are_not_read_again_and_appends_are_read_alone() {
        let p = pool();
        let (a, b) = (p.dir.join(format!("{A}.jsonl")), p.dir.join(format!("{B}.jsonl")));
        append(&a, &line(&record(A, "d", "x", None)));
        append(&b, &line(&record(B, "d", "y", None)));
        assert_eq!(check(&p.dir, &p.cache, NOW), CacheUse::Rebuilt);
        assert_eq!(check(&p.dir, &p.cache, NOW), CacheUse::Hit);
        // A re-answer in the same file replaces the earlier one.
        append(&a, &line(&record(A, "d", "y", Some("x"))));
        assert_eq!(check(&p.dir, &p.cache, NOW), CacheUse::Updated);
        assert_eq!(check(&p.dir, &p.cache, NOW), CacheUse::Hit);
        // A line in a file later in name order replaces an answer in an earlier one; in an
        // earlier file it does not.
        append(&b, &line(&record(A, "d", "z", None)));
        append(&a, &line(&record(B, "d", "z", None)));
        assert_eq!(check(&p.dir, &p.cache, NOW), CacheUse::Updated);
        // A new file that sorts first loses to every file that was there.
        let first = p.dir.join("0000000000000000.jsonl");
        append(&first, &line(&record(A, "d", "w", None)));
        append(&first, &line(&record("cccccccccccccccc", "e", "w", None)));
        assert_eq!(check(&p.dir, &p.cache, NOW), CacheUse::Updated);
        // Session and imported files count apart.
        append(&p.dir.join("session-1.jsonl"), &line(&record(A, "d", "x", None)));
        append(&p.dir.join("import-000001-t.jsonl"), &line(&record(A, "d", "x", None)));
        assert_eq!(check(&p.dir, &p.cache, NOW), CacheUse::Updated);
        assert_eq!(check(&p.dir, &p.cache, NOW), CacheUse::Hit);
    }

    #[test]
    fn a_file_that_shrank_vanished_or_was_replaced_is_recounted() {
        let p = pool();
        let a = p.dir.join(format!("{A}.jsonl"));
        let b = p.dir.join(format!("{B}.jsonl"));
        append(&a, &line(&record(A, "d", "x", None)));
        append(&b, &line(&record(A, "d", "y", None)));
        append(&b, &line(&record(B, "d", "y", None)));
        assert_eq!(check(&p.dir, &p.cache, NOW), CacheUse::Rebuilt);

        // Shrank: B's line for A is gone, so A's answer in the earlier file counts again.
        let text = std::fs::read(&b).expect("read");
        let cut = text.iter().position(|&c| c == b'\n').expect("line") + 1;
        std::fs::write(&b, &text[cut..]).expect("shrink");
        assert_eq!(check(&p.dir, &p.cache, NOW), CacheUse::Rebuilt);

        // Replaced by a file of the same size with other bytes (a new inode).
        let text = std::fs::read(&a).expect("read");
        let other = String::from_utf8(text.clone()).expect("utf8").replace("\"x\"", "\"q\"");
        assert_eq!(other.len(), text.len());
        let tmp = p.dir.join("tmp");
        std::fs::write(&tmp, &other).expect("write");
        std::fs::rename(&tmp, &a).expect("rename");
        assert_eq!(check(&p.dir, &p.cache, NOW), CacheUse::Rebuilt);

        // Rewritten in place, same size, same inode.
        std::thread::sleep(Duration::from_millis(10));
        let text = std::fs::read(&a).expect("read");
        let other = String::from_utf8(text).expect("utf8").replace("\"q\"", "\"x\"");
        {
            use std::io::Write as _;
            let mut f = std::fs::OpenOptions::new().write(true).open(&a).expect("open");
            f.write_all(other.as_bytes()).expect("rewrite");
        }
        assert_eq!(check(&p.dir, &p.cache, NOW), CacheUse::Rebuilt);

        // Replaced by a copy that starts with the same bytes and has more (a sync client):
        // still counted on from the cache.
        let mut copy = std::fs::read(&a).expect("read");
        copy.extend(line(&record(A, "e", "x", None)));
        std::fs::write(&tmp, &copy).expect("write");
        std::fs::rename(&tmp, &a).expect("rename");
        assert_eq!(check(&p.dir, &p.cache, NOW), CacheUse::Updated);

        // Removed.
        std::fs::remove_file(&b).expect("remove");
        assert_eq!(check(&p.dir, &p.cache, NOW), CacheUse::Rebuilt);
        // Grown beyond what a pool file may be: refused, so recounted without it.
        let f = std::fs::OpenOptions::new().write(true).open(&a).expect("open");
        f.set_len(super::super::jsonl::MAX_FILE + 1).expect("sparse");
        drop(f);
        assert_eq!(check(&p.dir, &p.cache, NOW), CacheUse::Rebuilt);
    }

    #[test]
    fn a_cut_off_last_line_counts_but_is_read_again() {
        let p = pool();
        let a = p.dir.join(format!("{A}.jsonl"));
        append(&a, &line(&record(A, "d", "x", None)));
        // A whole record without its newline counts (as in a full count) ...
        let whole = line(&record(A, "d", "y", None));
        append(&a, &whole[..whole.len() - 1]);
        assert_eq!(check(&p.dir, &p.cache, NOW), CacheUse::Rebuilt);
        assert_eq!(check(&p.dir, &p.cache, NOW), CacheUse::Updated, "the last line is read again");
        // ... and when the writer adds the newline, it is kept.
        append(&a, b"\n");
        assert_eq!(check(&p.dir, &p.cache, NOW), CacheUse::Updated);
        assert_eq!(check(&p.dir, &p.cache, NOW), CacheUse::Hit);
        // Half a record: a warning on every run; the next writer starts a new line.
        append(&a, &whole[..20]);
        assert_eq!(check(&p.dir, &p.cache, NOW), CacheUse::Updated);
        assert_eq!(check(&p.dir, &p.cache, NOW), CacheUse::Updated);
        let mut next = b"\n".to_vec();
        next.extend(line(&record(A, "d", "z", None)));
        append(&a, &next);
        assert_eq!(check(&p.dir, &p.cache, NOW), CacheUse::Updated);
        // The damaged line is now inside the counted part: still said on every run, though
        // the file is not read again for its counts.
        let counted = count(&p.dir, &p.cache, NOW);
        assert_eq!(counted.used, CacheUse::Hit);
        assert_eq!(counted.warnings.len(), 1);
        assert_eq!(counted.warnings[0].line, 3);
    }

    #[test]
    fn tombstones_recount_and_the_erased_leave_the_cache() {
        let p = pool();
        let a = p.dir.join(format!("{A}.jsonl"));
        append(&a, &line(&record(A, "d", "x", None)));
        append(&p.dir.join(format!("{B}.jsonl")), &line(&record(B, "d", "y", None)));
        assert_eq!(check(&p.dir, &p.cache, NOW), CacheUse::Rebuilt);
        let secret =
            std::fs::read_to_string(p.cache.parent().expect("dir").join(KEY_NAME)).expect("key");
        let keys = Keys::derive(secret.trim().as_bytes());
        let whos = || {
            let expect = header(&p.dir, &Tombstones::load(&p.dir), &keys);
            let cached = read_cache(&p.cache, &keys, &expect).expect("cache");
            cached.entries.iter().map(|e| e.who).collect::<Vec<u64>>()
        };
        let a_who = keys.who(Origin::Own, id64(A));
        assert!(whos().contains(&a_who));
        crate::store::tombstone::bury(&p.dir, A).expect("bury");
        assert_eq!(check(&p.dir, &p.cache, NOW), CacheUse::Rebuilt);
        assert!(!whos().contains(&a_who), "an erased participant is still in the cache");
        // A trainer still open elsewhere appends again: not counted.
        append(&a, &line(&record(A, "e", "x", None)));
        assert_eq!(check(&p.dir, &p.cache, NOW), CacheUse::Updated);
        assert!(!whos().contains(&a_who));
    }

    #[test]
    fn k_is_not_in_the_cache() {
        let p = pool();
        for (i, who) in ["1", "2", "3", "4"].iter().enumerate() {
            append(&p.dir.join(format!("{who}.jsonl")), &line(&record(who, "d", "x", None)));
            let _ = i;
        }
        let counted = count(&p.dir, &p.cache, NOW);
        assert_eq!(counted.used, CacheUse::Rebuilt);
        let four = crate::store::Summary::from_tally(
            &Tally::load(&p.dir, false).0,
            crate::store::Threshold::new(4),
        );
        let counted = count(&p.dir, &p.cache, NOW);
        assert_eq!(counted.used, CacheUse::Hit);
        let summary =
            crate::store::cache::summarise_pool(&p.dir, &p.cache, crate::store::Threshold::new(4))
                .0;
        assert_eq!(summary, four);
        let five =
            crate::store::cache::summarise_pool(&p.dir, &p.cache, crate::store::Threshold::new(5))
                .0;
        assert_eq!(five.rows[0].first, Vec::new(), "below k nothing per werkwijze");
    }

    #[test]
    fn another_pool_folder_or_key_recounts() {
        let p = pool();
        append(&p.dir.join(format!("{A}.jsonl")), &line(&record(A, "d", "x", None)));
        assert_eq!(check(&p.dir, &p.cache, NOW), CacheUse::Rebuilt);
        let other = p.dir.with_file_name("other");
        std::fs::create_dir_all(&other).expect("other");
        append(&other.join(format!("{A}.jsonl")), &line(&record(A, "d", "x", None)));
        assert_eq!(check(&other, &p.cache, NOW), CacheUse::Rebuilt);
        assert_eq!(check(&other, &p.cache, NOW), CacheUse::Hit);
        std::fs::remove_file(p.cache.with_file_name(KEY_NAME)).expect("rm key");
        assert_eq!(check(&other, &p.cache, NOW), CacheUse::Rebuilt);
    }

    #[test]
    fn the_cache_holds_no_pseudonyms_names_dates_or_reasoning() {
        let p = pool();
        let a = p.dir.join(format!("{A}.jsonl"));
        append(&a, &line(&record(A, "d", "x", None)));
        append(&p.dir.join(format!("{B}.jsonl")), &line(&record(B, "d", "geheimekeuze", None)));
        count(&p.dir, &p.cache, NOW);
        let bytes = std::fs::read(&p.cache).expect("cache");
        let has = |s: &[u8]| bytes.windows(s.len()).any(|w| w == s);
        for needle in [A.as_bytes(), B.as_bytes(), b"jsonl", b"2026", b"geheime overweging"] {
            assert!(!has(needle), "{} in the cache", String::from_utf8_lossy(needle));
        }
        // The pseudonym as a number (how the tally keys it) is not there either.
        assert!(!has(&id64(A).to_le_bytes()) && !has(&id64(A).to_be_bytes()));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
            assert_eq!(mode(&p.cache), 0o600);
            assert_eq!(mode(&p.cache.with_file_name(KEY_NAME)), 0o600);
            assert_eq!(mode(p.cache.parent().expect("dir")), 0o700);
        }
    }

    #[test]
    fn a_damaged_cache_is_recounted_never_trusted() {
        let p = pool();
        for who in [A, B, "cccccccccccccccc"] {
            append(&p.dir.join(format!("{who}.jsonl")), &line(&record(who, "d", "x", Some("y"))));
        }
        assert_eq!(check(&p.dir, &p.cache, NOW), CacheUse::Rebuilt);
        let good = std::fs::read(&p.cache).expect("cache");
        let mut damaged: Vec<Vec<u8>> =
            vec![Vec::new(), b"kapot".to_vec(), good[..good.len() / 2].to_vec()];
        for at in [0, 9, 13, good.len() / 2, good.len() - 40, good.len() - 1] {
            let mut d = good.clone();
            d[at] ^= 0x20;
            damaged.push(d);
        }
        let mut longer = good.clone();
        longer.extend_from_slice(&[0; 18]);
        damaged.push(longer);
        for d in damaged {
            std::fs::write(&p.cache, &d).expect("damage");
            assert_eq!(check(&p.dir, &p.cache, NOW), CacheUse::Rebuilt);
        }
    }

    #[test]
    fn a_cache_signed_with_the_key_but_inconsistent_is_recounted() {
        let p = pool();
        append(&p.dir.join(format!("{A}.jsonl")), &line(&record(A, "d", "x", None)));
        append(&p.dir.join(format!("{B}.jsonl")), &line(&record(B, "d", "y", None)));
        assert_eq!(check(&p.dir, &p.cache, NOW), CacheUse::Rebuilt);
        let secret = std::fs::read_to_string(p.cache.with_file_name(KEY_NAME)).expect("key");
        let keys = Keys::derive(secret.trim().as_bytes());
        let good = std::fs::read(&p.cache).expect("cache");
        let body = &good[..good.len() - 32];
        let entries = body.len() - 2 * ENTRY_BYTES;
        let sign = |mut b: Vec<u8>| {
            let mac = keys.mac(&b);
            b.extend_from_slice(&mac);
            b
        };
        let mut forged = Vec::new();
        // An option number past the dilemma's werkwijzen.
        let mut b = body.to_vec();
        b[entries + 16] = 9;
        forged.push(b);
        // A file number past the file table.
        let mut b = body.to_vec();
        b[entries + 12..entries + 16].copy_from_slice(&7u32.to_le_bytes());
        forged.push(b);
        // Entries out of order (so a lookup could miss one).
        let mut b = body.to_vec();
        let (x, y) = b[entries..].split_at_mut(ENTRY_BYTES);
        x.swap_with_slice(y);
        forged.push(b);
        // An entry count that does not fit.
        let mut b = body.to_vec();
        b[entries - 8..entries].copy_from_slice(&u64::MAX.to_le_bytes());
        forged.push(b);
        for b in forged {
            std::fs::write(&p.cache, sign(b)).expect("forge");
            assert_eq!(check(&p.dir, &p.cache, NOW), CacheUse::Rebuilt);
        }
    }

    #[test]
    fn warnings_are_said_every_run_and_the_rest_is_still_cached() {
        let p = pool();
        let a = p.dir.join(format!("{A}.jsonl"));
        append(&a, &line(&record(A, "d", "x", None)));
        append(&a, b"{kapot\n");
        append(&p.dir.join(format!("{B}.jsonl")), &line(&record(B, "d", "y", None)));
        #[cfg(unix)]
        std::os::unix::fs::symlink(&a, p.dir.join("link.jsonl")).expect("symlink");
        assert_eq!(check(&p.dir, &p.cache, NOW), CacheUse::Rebuilt);
        assert!(p.cache.exists(), "a pool with warnings is cached too");
        assert_eq!(check(&p.dir, &p.cache, NOW), CacheUse::Hit);
        let counted = count(&p.dir, &p.cache, NOW);
        assert!(!counted.warnings.is_empty());
    }
}

#[cfg(test)]
mod fuzz {
    //! Random changes to a pool, each followed by a count with the cache and a full count:
    //! they must agree every time.

    use super::*;
    use crate::store::PoolRecord;
    use proptest::prelude::*;

    const FILES: [&str; 6] = [
        "0000000000000000.jsonl",
        "aaaaaaaaaaaaaaaa.jsonl",
        "bbbbbbbbbbbbbbbb.jsonl",
        "import-000001-x.jsonl",
        "session-1.jsonl",
        "zzzz.jsonl",
    ];
    const WHO: [&str; 4] = ["aaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbb", "cccccccccccccccc", "Odd Id"];
    const DILEMMAS: [(&str, u32, &str); 3] = [("p", 1, "d"), ("p", 1, "e"), ("q", 2, "d")];
    const OPTIONS: [&str; 3] = ["a", "b", "c"];

    #[derive(Debug, Clone)]
    enum Op {
        /// A record appended as the trainer writes it (a newline first after a cut-off line).
        Answer {
            file: usize,
            who: usize,
            dilemma: usize,
            first: usize,
            revised: Option<usize>,
        },
        /// The first `cut` bytes of a record, without newline.
        Cut {
            file: usize,
            who: usize,
            cut: usize,
        },
        /// A damaged or blank line.
        Junk {
            file: usize,
            blank: bool,
        },
        Remove {
            file: usize,
        },
        Shrink {
            file: usize,
            keep: usize,
        },
        /// The first werkwijze in a file changed, the size kept; in place or as a new file.
        Rewrite {
            file: usize,
            in_place: bool,
        },
        /// Replaced by a copy with one more record (as a sync client saves).
        Copy {
            file: usize,
            who: usize,
        },
        Bury {
            who: usize,
        },
        Foreign {
            who: usize,
        },
        DamageCache {
            at: usize,
        },
    }

    fn op() -> impl Strategy<Value = Op> {
        let f = 0..FILES.len();
        let w = 0..WHO.len();
        prop_oneof![
            8 => (f.clone(), w.clone(), 0..DILEMMAS.len(), 0..OPTIONS.len(), proptest::option::of(0..OPTIONS.len()))
                .prop_map(|(file, who, dilemma, first, revised)| Op::Answer { file, who, dilemma, first, revised }),
            1 => (f.clone(), w.clone(), 1..200usize).prop_map(|(file, who, cut)| Op::Cut { file, who, cut }),
            1 => (f.clone(), any::<bool>()).prop_map(|(file, blank)| Op::Junk { file, blank }),
            1 => f.clone().prop_map(|file| Op::Remove { file }),
            1 => (f.clone(), 0..100usize).prop_map(|(file, keep)| Op::Shrink { file, keep }),
            1 => (f.clone(), any::<bool>()).prop_map(|(file, in_place)| Op::Rewrite { file, in_place }),
            1 => (f.clone(), w.clone()).prop_map(|(file, who)| Op::Copy { file, who }),
            1 => w.clone().prop_map(|who| Op::Bury { who }),
            1 => w.prop_map(|who| Op::Foreign { who }),
            1 => any::<usize>().prop_map(|at| Op::DamageCache { at }),
        ]
    }

    fn record(who: usize, dilemma: usize, first: usize, revised: Option<usize>) -> PoolRecord {
        let (pack, v, d) = DILEMMAS[dilemma];
        PoolRecord {
            rid: "r".into(),
            pack: pack.into(),
            v,
            dilemma: d.into(),
            first: OPTIONS[first].into(),
            revised: revised.map(|r| OPTIONS[r].into()),
            p: WHO[who].into(),
            date: "2026-11-23".into(),
            reasoning: None,
        }
    }

    fn apply(dir: &Path, caches: &[PathBuf], op: &Op) {
        use std::io::Write as _;
        let path = |file: usize| dir.join(FILES[file]);
        match *op {
            Op::Answer { file, who, dilemma, first, revised } => {
                let r = record(who, dilemma, first, revised);
                crate::store::jsonl::append(&path(file), &r, false).expect("append");
            }
            Op::Cut { file, who, cut } => {
                let line = serde_json::to_vec(&record(who, 0, 0, None)).expect("json");
                let mut f = std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(path(file))
                    .expect("open");
                f.write_all(&line[..cut.min(line.len())]).expect("cut");
            }
            Op::Junk { file, blank } => {
                let mut f = std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(path(file))
                    .expect("open");
                f.write_all(if blank { b"  \n" } else { b"{\"rid\":kapot\n" }).expect("junk");
            }
            Op::Remove { file } => {
                let _ = std::fs::remove_file(path(file));
            }
            Op::Shrink { file, keep } => {
                if let Ok(f) = std::fs::OpenOptions::new().write(true).open(path(file)) {
                    let len = f.metadata().expect("meta").len();
                    f.set_len(len * keep as u64 / 100).expect("shrink");
                }
            }
            Op::Rewrite { file, in_place } => {
                let Ok(text) = std::fs::read(path(file)) else { return };
                let Some(at) = text.windows(9).position(|w| w == b"\"first\":\"") else {
                    return;
                };
                let mut text = text;
                let c = &mut text[at + 9];
                *c = if *c == b'a' { b'b' } else { b'a' };
                if in_place {
                    // The change time then differs even on a coarse clock.
                    std::thread::sleep(Duration::from_millis(5));
                    let mut f =
                        std::fs::OpenOptions::new().write(true).open(path(file)).expect("open");
                    f.write_all(&text).expect("rewrite");
                } else {
                    let tmp = dir.join("tmp");
                    std::fs::write(&tmp, &text).expect("write");
                    std::fs::rename(&tmp, path(file)).expect("rename");
                }
            }
            Op::Copy { file, who } => {
                let Ok(mut text) = std::fs::read(path(file)) else { return };
                if text.last().is_some_and(|&c| c != b'\n') {
                    text.push(b'\n');
                }
                text.extend(serde_json::to_vec(&record(who, 1, 2, None)).expect("json"));
                text.push(b'\n');
                let tmp = dir.join("tmp");
                std::fs::write(&tmp, &text).expect("write");
                std::fs::rename(&tmp, path(file)).expect("rename");
            }
            Op::Bury { who } => {
                crate::store::tombstone::bury(dir, WHO[who]).expect("bury");
            }
            Op::Foreign { who } => {
                let t = crate::store::tombstone_of(WHO[who]);
                let file = dir.join("import-000001-x.tombstones");
                let mut f =
                    std::fs::OpenOptions::new().create(true).append(true).open(file).expect("open");
                writeln!(f, "{t}").expect("tombstone");
            }
            Op::DamageCache { at } => {
                for cache in caches {
                    if let Ok(mut bytes) = std::fs::read(cache)
                        && !bytes.is_empty()
                    {
                        let i = at % bytes.len();
                        bytes[i] ^= 1;
                        std::fs::write(cache, bytes).expect("damage");
                    }
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn the_cache_always_agrees_with_a_full_count(ops in proptest::collection::vec(op(), 1..30)) {
            let tmp = tempfile::tempdir().expect("tmp");
            let dir = tmp.path().join("pool");
            std::fs::create_dir_all(&dir).expect("pool");
            // One cache that trusts unchanged times at once, one that checks recent files.
            let caches = [tmp.path().join("now/stats"), tmp.path().join("racy/stats")];
            for op in &ops {
                apply(&dir, &caches, op);
                let (rows, warnings) = super::tests::full_count(&dir);
                for (cache, racy) in caches.iter().zip([Duration::ZERO, RACY]) {
                    let counted = count(&dir, cache, racy);
                    prop_assert_eq!(&counted.rows, &rows, "after {:?}", op);
                    prop_assert_eq!(&counted.warnings, &warnings, "after {:?}", op);
                }
            }
        }
    }
}
