//! What the stats cache knows of one pool file, listing the pool folder, and reading one
//! file on from where it was counted.
//!
//! A file is known by a keyed digest of its name and of what `lstat` says of it (device,
//! inode, size, modification and change time): when those are as counted, the file is not
//! opened at all — its warnings and what follows its last newline are in the cache too, so
//! a planted giant file is read once, not on every run. A file whose times or size changed
//! is read from the start: its counted bytes must hash to the same keyed digest (else it
//! was rewritten), and only what follows them is counted.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::counter::Counter;
use super::keys::{Keys, first16};
use crate::store::jsonl::{Line, LineTally, Problem, ReadWarning};
use crate::store::raw::Raw;
use crate::store::record::Origin;
use crate::store::tally::owner_of;

/// A file's identity and times, as far as the platform tells them.
#[derive(Clone, Copy)]
pub(super) struct Stat {
    dev: u64,
    ino: u64,
    pub(super) size: u64,
    mtime: i128,
    ctime: i128,
}

impl Stat {
    #[cfg(unix)]
    pub(super) fn of(m: &std::fs::Metadata) -> Self {
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
    pub(super) fn of(m: &std::fs::Metadata) -> Self {
        use std::time::{SystemTime, UNIX_EPOCH};
        let ns = |t: std::io::Result<SystemTime>| {
            t.ok()
                .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos() as i128)
        };
        Stat { dev: 0, ino: 0, size: m.len(), mtime: ns(m.modified()), ctime: ns(m.created()) }
    }

    /// A keyed digest, so the cache holds no dates and no inode numbers in clear.
    pub(super) fn digest(&self, keys: &Keys) -> [u8; 16] {
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
}

/// What follows the last newline of a file (a last line without one).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Tail {
    /// Nothing, or only blanks.
    Empty,
    /// A whole record (a writer that has not written its newline yet): it counts, as in a
    /// full count, but is read again on every run, never kept.
    Record,
    /// Not a record (cut off, too long, damaged): a warning, and nothing to read again
    /// while the file is unchanged.
    Bad(Problem),
}

/// What the cache knows of one pool file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct FileState {
    /// Keyed digest of the file's name.
    pub(super) name: [u8; 16],
    /// Keyed digest of its [`Stat`] when counted.
    pub(super) meta: [u8; 16],
    /// Bytes counted: up to and including the last newline.
    pub(super) offset: u64,
    /// Keyed SHA-256 of those bytes.
    pub(super) prefix: [u8; 32],
    /// Lines in those bytes.
    pub(super) lines: usize,
    /// Which of them were records and which not (no contents, no name).
    pub(super) counted: LineTally,
    /// What follows them.
    pub(super) tail: Tail,
}

impl FileState {
    /// The file's warnings as a full count gives them, its path added.
    pub(super) fn warnings(&self, path: &Path, out: &mut Vec<ReadWarning>) {
        let mut all = self.counted.clone();
        match &self.tail {
            Tail::Empty => {}
            Tail::Record => all.good += 1,
            Tail::Bad(problem) => all.bad(self.lines + 1, problem.clone()),
        }
        all.finish(path, out);
    }
}

/// A `.jsonl` file in the pool folder, as listed.
pub(super) struct Listed {
    pub(super) path: PathBuf,
    pub(super) name: [u8; 16],
    pub(super) origin: Origin,
    /// From `lstat`, with its keyed digest: `None` when it could not be had.
    pub(super) stat: Option<(Stat, [u8; 16])>,
    /// Why it is not read, when `lstat` already says so (a symlink, FIFO, device, folder,
    /// or a file larger than a pool file may be): refused without opening it.
    pub(super) refused: Option<Problem>,
}

impl Listed {
    /// The warning a full count gives for this file when it is refused, else `None`.
    pub(super) fn refusal(&self) -> Option<ReadWarning> {
        let reason = self.refused.clone()?;
        Some(ReadWarning { path: self.path.clone(), line: 0, reason })
    }
}

/// Threads that `lstat` a large pool folder's files at once (a network share answers one
/// at a time slowly; a local disk is bound by the kernel's path lookups).
const LISTERS: usize = 4;

/// The pool folder as listed: its `.jsonl` files in name order (the order
/// [`pool_files`](crate::store::pool_files) gives: within one folder, by the bytes of their
/// names), each with its `lstat`, taken on several threads; and the other teams' tombstone
/// files beside them (one listing serves both: a folder of 30 000 files takes a while).
pub(super) struct Listing {
    pub(super) files: Vec<Listed>,
    pub(super) foreign_tombstones: Vec<PathBuf>,
}

/// Lists the pool folder `dir`.
pub(super) fn list(dir: &Path, keys: &Keys) -> std::io::Result<Listing> {
    let mut entries: Vec<(std::ffi::OsString, std::fs::DirEntry)> = Vec::new();
    let mut foreign_tombstones = Vec::new();
    for entry in std::fs::read_dir(dir)?.filter_map(Result::ok) {
        let name = entry.file_name();
        match Path::new(&name).extension() {
            Some(x) if x == "jsonl" => entries.push((name, entry)),
            Some(x) if x == crate::store::tombstone::FOREIGN_EXT => {
                foreign_tombstones.push(entry.path())
            }
            _ => {}
        }
    }
    // Names are unique in a folder; compared as they are, not copied per comparison.
    entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    foreign_tombstones.sort();
    let chunk = entries.len().div_ceil(LISTERS).max(1);
    let parts: Vec<Vec<Listed>> = std::thread::scope(|s| {
        let handles: Vec<_> = entries
            .chunks(chunk)
            .map(|part| s.spawn(move || part.iter().map(|(n, e)| listed(n, e, keys)).collect()))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or_default()).collect()
    });
    let files: Vec<Listed> = parts.into_iter().flatten().collect();
    if files.len() != entries.len() {
        // A lister panicked (it cannot, short of memory): say the folder could not be read.
        return Err(std::io::Error::other("the pool folder could not be listed"));
    }
    Ok(Listing { files, foreign_tombstones })
}

/// One directory entry (named `name`) as listed: its `lstat`, keyed digests, and a refusal
/// if any.
fn listed(name: &std::ffi::OsStr, entry: &std::fs::DirEntry, keys: &Keys) -> Listed {
    let path = entry.path();
    let meta = entry.metadata().ok();
    let refused = meta
        .as_ref()
        .and_then(|m| crate::fsx::refusal(m, crate::store::jsonl::MAX_FILE).err())
        .map(|e| Problem::of_open(&e));
    let stat = meta.as_ref().map(Stat::of).map(|s| (s, s.digest(keys)));
    Listed {
        name: keys.name(name.as_encoded_bytes()),
        origin: Origin::of_file(&path),
        stat,
        refused,
        path,
    }
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
pub(super) struct Scanned {
    pub(super) state: FileState,
    /// Bytes read.
    pub(super) read: u64,
}

/// Why a file could not be read on from where it was counted.
pub(super) enum ScanError {
    /// Its counted prefix is not what was counted: it shrank or was replaced.
    Changed,
    /// It could not be read.
    Io,
}

/// A record at the end of a file without its newline: (file number, its bytes). It counts
/// on every run but is never kept.
pub(super) type Unended = (u32, Vec<u8>);

/// Hashes the first `len` bytes of `f` into `hasher`; `Changed` when the file is shorter.
fn hash_prefix(f: &mut File, len: u64, hasher: &mut Sha256) -> Result<(), ScanError> {
    let mut left = len;
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
    Ok(())
}

/// Reads pool file `l` (number `file` in this run) into `counter`: from the start, checking
/// that what `known` counted still hashes the same and counting only the lines after it; or,
/// without `known`, everything. A last record without a newline goes to `unended`.
pub(super) fn scan(
    counter: &mut Counter,
    mut f: File,
    l: &Listed,
    file: u32,
    known: Option<&FileState>,
    unended: &mut Vec<Unended>,
) -> Result<Scanned, ScanError> {
    let stat = Stat::of(&f.metadata().map_err(|_| ScanError::Io)?);
    let keys = counter.keys;
    let mut hasher = keys.prefix_hasher();
    let (offset, lines, counted) = match known {
        Some(k) => {
            hash_prefix(&mut f, k.offset, &mut hasher)?;
            if <[u8; 32]>::from(hasher.clone().finalize()) != k.prefix {
                return Err(ScanError::Changed);
            }
            (k.offset, k.lines, k.counted.clone())
        }
        None => (0, 0, LineTally::default()),
    };
    let mut reader =
        Hashing { inner: f, hasher: hasher.clone(), pos: offset, committed: (offset, hasher) };
    let owner = owner_of(&l.path, l.origin);
    let mut seen = Seen { counted, lines, tail: Tail::Empty };
    let result = crate::store::jsonl::for_each_line_ended(&mut reader, |n, line, ended| {
        let n = lines + n;
        let problem = match line {
            Line::TooLong(len) => Some(Problem::LineTooLong(len)),
            Line::Text(t) if t.iter().all(u8::is_ascii_whitespace) => return seen.blank(n, ended),
            Line::Text(t) => match Raw::parse(t) {
                Ok(r) if owner.is_some_and(|o| o != r.p) => Some(Problem::OtherParticipant),
                Ok(r) if ended => {
                    counter.line(&r, file, l.origin);
                    None
                }
                Ok(_) => {
                    unended.push((file, t.to_vec()));
                    None
                }
                Err(e) => Some(Problem::damaged(&e)),
            },
        };
        seen.line(n, ended, problem);
    });
    if result.is_err() {
        return Err(ScanError::Io);
    }
    let (offset, prefix) = (reader.committed.0, reader.committed.1.finalize().into());
    let Seen { counted, lines, tail } = seen;
    let state =
        FileState { name: l.name, meta: stat.digest(keys), offset, prefix, lines, counted, tail };
    Ok(Scanned { state, read: reader.pos })
}

/// The lines read so far of one file: the complete ones tallied, the last without a newline
/// as its tail.
struct Seen {
    counted: LineTally,
    lines: usize,
    tail: Tail,
}

impl Seen {
    /// Line `n`, a record when `problem` is `None`.
    fn line(&mut self, n: usize, ended: bool, problem: Option<Problem>) {
        match (ended, problem) {
            (true, None) => {
                self.counted.good += 1;
                self.lines = n;
            }
            (true, Some(p)) => {
                self.counted.bad(n, p);
                self.lines = n;
            }
            (false, None) => self.tail = Tail::Record,
            (false, Some(p)) => self.tail = Tail::Bad(p),
        }
    }

    /// A blank line `n`: nothing to count.
    fn blank(&mut self, n: usize, ended: bool) {
        if ended {
            self.lines = n;
        }
    }
}
