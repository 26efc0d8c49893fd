//! Append-only JSON Lines files: one record per line, written with a single `write` call and
//! flushed to disk (`fsync`) before returning, so an answer is on disk before the screen
//! moves on. Reading is tolerant: a line that does not parse (a record cut off by a crash
//! or a full disk, or a damaged file) is skipped and reported, and the rest still counts.

use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::error::StoreError;

/// A line that was skipped while reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadWarning {
    /// The file.
    pub path: PathBuf,
    /// 1-based line number; 0 when the whole file could not be read.
    pub line: usize,
    /// What was wrong.
    pub reason: String,
}

/// Appends one record as one line and syncs the file to disk.
///
/// If the file does not end in a newline (a previous writer crashed mid-record), a newline
/// is written first, so the damaged line stays one bad line and this record stays intact.
pub fn append<T: Serialize>(path: &Path, record: &T) -> Result<(), StoreError> {
    let mut line = serde_json::to_vec(record)?;
    line.push(b'\n');
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| StoreError::io(parent, e))?;
    }
    let mut file = OpenOptions::new()
        .create(true)
        .append(true)
        .read(true)
        .open(path)
        .map_err(|e| StoreError::io(path, e))?;
    if needs_newline(&mut file).map_err(|e| StoreError::io(path, e))? {
        line.insert(0, b'\n');
    }
    file.write_all(&line).map_err(|e| StoreError::io(path, e))?;
    file.sync_all().map_err(|e| StoreError::io(path, e))
}

fn needs_newline(file: &mut File) -> std::io::Result<bool> {
    use std::io::{Read, Seek, SeekFrom};
    let len = file.metadata()?.len();
    if len == 0 {
        return Ok(false);
    }
    file.seek(SeekFrom::Start(len - 1))?;
    let mut last = [0u8; 1];
    file.read_exact(&mut last)?;
    Ok(last[0] != b'\n')
}

/// Reads every record of a file. A missing file is empty; unreadable lines become
/// warnings.
pub fn read_all<T: DeserializeOwned>(path: &Path) -> (Vec<T>, Vec<ReadWarning>) {
    let mut records = Vec::new();
    let mut warnings = Vec::new();
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (records, warnings),
        Err(e) => {
            warnings.push(ReadWarning { path: path.into(), line: 0, reason: e.to_string() });
            return (records, warnings);
        }
    };
    for (i, line) in BufReader::new(file).split(b'\n').enumerate() {
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                warnings.push(ReadWarning {
                    path: path.into(),
                    line: i + 1,
                    reason: e.to_string(),
                });
                break;
            }
        };
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match serde_json::from_slice(&line) {
            Ok(r) => records.push(r),
            Err(e) => {
                warnings.push(ReadWarning { path: path.into(), line: i + 1, reason: e.to_string() })
            }
        }
    }
    (records, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Serialize, Deserialize, PartialEq)]
    struct R {
        n: u32,
    }

    #[test]
    fn appends_and_reads_back() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("sub/x.jsonl");
        append(&path, &R { n: 1 }).expect("append");
        append(&path, &R { n: 2 }).expect("append");
        let (records, warnings) = read_all::<R>(&path);
        assert_eq!(records, [R { n: 1 }, R { n: 2 }]);
        assert!(warnings.is_empty());
    }

    #[test]
    fn truncated_record_is_skipped_and_next_append_stays_intact() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("x.jsonl");
        append(&path, &R { n: 1 }).expect("append");
        // A crash mid-write leaves half a record without newline.
        let mut f = OpenOptions::new().append(true).open(&path).expect("open");
        f.write_all(b"{\"n\":").expect("write");
        drop(f);
        append(&path, &R { n: 3 }).expect("append");
        let (records, warnings) = read_all::<R>(&path);
        assert_eq!(records, [R { n: 1 }, R { n: 3 }]);
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].line, 2);
    }

    #[test]
    fn missing_file_is_empty_and_junk_is_reported() {
        let dir = tempfile::tempdir().expect("tmp");
        let (records, warnings) = read_all::<R>(&dir.path().join("none"));
        assert!(records.is_empty() && warnings.is_empty());
        let junk = dir.path().join("junk");
        std::fs::write(&junk, [0xff, 0x00, b'\n', b'{', b'}']).expect("write");
        let (records, warnings) = read_all::<R>(&junk);
        assert!(records.is_empty());
        assert_eq!(warnings.len(), 2);
    }
}
