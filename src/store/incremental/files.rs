//! What the stats cache knows of one pool file (its identity and times, how far it was
//! counted and a keyed digest of those bytes), listing the pool folder, and reading one
//! file on from where it was counted.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use sha2::{Digest, Sha256};

use super::counter::Counter;
use super::keys::{Keys, first16};
use crate::store::jsonl::Line;
use crate::store::record::Origin;
use crate::store::tally::Raw;

/// A file's identity and times, as far as the platform tells them.
#[derive(Clone, Copy)]
pub(super) struct Stat {
    pub(super) dev: u64,
    pub(super) ino: u64,
    pub(super) size: u64,
    pub(super) mtime: i128,
    pub(super) ctime: i128,
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

    pub(super) fn racy(&self, now: i128, window: Duration) -> bool {
        self.mtime.max(self.ctime) >= now - window.as_nanos() as i128
    }
}

pub(super) fn now_ns() -> i128 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos() as i128)
}

/// What the cache knows of one pool file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct FileState {
    /// Keyed digest of the file's name.
    pub(super) name: [u8; 16],
    /// Keyed digest of its [`Stat`] when counted.
    pub(super) meta: [u8; 16],
    /// Changed within [`RACY`] of being counted: check it again next time.
    pub(super) racy: bool,
    /// Its counted lines gave warnings: find them again on every run.
    pub(super) warned: bool,
    /// Bytes counted: up to and including the last newline.
    pub(super) offset: u64,
    /// Keyed SHA-256 of those bytes.
    pub(super) prefix: [u8; 32],
}

/// A `.jsonl` file in the pool folder, as listed.
pub(super) struct Listed {
    pub(super) path: PathBuf,
    pub(super) name: [u8; 16],
    pub(super) origin: Origin,
    /// From `lstat`: `None` when it could not be had.
    pub(super) stat: Option<Stat>,
    pub(super) regular: bool,
}

/// The pool's `.jsonl` files in name order (the order [`pool_files`](super::pool_files)
/// gives), each with its `lstat`.
pub(super) fn list(dir: &Path, keys: &Keys) -> std::io::Result<Vec<Listed>> {
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
pub(super) struct Hashing<R> {
    pub(super) inner: R,
    pub(super) hasher: Sha256,
    pub(super) pos: u64,
    pub(super) committed: (u64, Sha256),
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
    /// A line after the counted prefix (a cut-off last line) gave a warning.
    pub(super) tail_warned: bool,
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

/// Reads one pool file into `counter` as file number `file`: from the start, checking
/// that its first `from.0` bytes still hash to `from.1` and counting only the lines after
/// them; or, without `from`, everything. A last line without a newline goes to `tails`.
#[allow(clippy::too_many_arguments)]
pub(super) fn scan(
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
    let result = crate::store::jsonl::for_each_line_ended(&mut reader, |_, line, ended| {
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
