//! Append-only JSON Lines files: one record per line, written with a single `write` call and
//! flushed to disk (`fsync`) before returning, so an answer is on disk before the screen
//! moves on. Reading is tolerant: a line that does not parse (a record cut off by a crash
//! or a full disk, or a damaged file) is skipped and reported, and the rest still counts.

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::error::StoreError;

/// A line or file that was skipped while reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadWarning {
    /// The file.
    pub path: PathBuf,
    /// 1-based line number; 0 when the whole file was skipped.
    pub line: usize,
    /// What was wrong.
    pub reason: Problem,
}

/// Why a line is not a record. Never the line's contents: a line in a shared file may hold
/// anything, and a message must not carry it to the screen (or into the stats cache).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Not JSON.
    Syntax,
    /// JSON, but not a record: a field is missing or of the wrong kind.
    Data,
    /// Cut off before the record ended.
    CutOff,
}

/// What was wrong with a skipped line or file; the interface words it in the person's
/// language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A line that is not a record, and the column where reading it stopped.
    Damaged {
        /// Why.
        fault: Fault,
        /// 1-based column.
        column: usize,
    },
    /// A record in a participant's own file under another participant's pseudonym: it does
    /// not count (only a participant's own file speaks for them).
    OtherParticipant,
    /// A line longer than [`MAX_LINE`] bytes.
    LineTooLong(u64),
    /// A symbolic link where a file was expected.
    Symlink,
    /// A FIFO, device, socket or folder where a file was expected.
    NotRegular(String),
    /// A file larger than allowed: (size, cap).
    TooLarge(u64, u64),
    /// The file or folder could not be read (the system's words).
    Unreadable(String),
    /// Nothing in the file is a record.
    NotAPoolFile,
    /// This many damaged lines in one file.
    ManyDamaged(usize),
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::Damaged { fault, column } => {
                let what = match fault {
                    Fault::Syntax => "not JSON",
                    Fault::Data => "not a record",
                    Fault::CutOff => "cut off",
                };
                write!(f, "{what} (column {column})")
            }
            Problem::OtherParticipant => write!(f, "a record of another participant"),
            Problem::LineTooLong(n) => write!(f, "line of {n} bytes (at most {MAX_LINE})"),
            Problem::Symlink => write!(f, "a symbolic link; not followed"),
            Problem::NotRegular(kind) => write!(f, "not a regular file ({kind})"),
            Problem::TooLarge(size, max) => write!(f, "too large ({size} bytes; at most {max})"),
            Problem::Unreadable(e) => write!(f, "{e}"),
            Problem::NotAPoolFile => write!(f, "not a pool file"),
            Problem::ManyDamaged(n) => write!(f, "{n} damaged lines"),
        }
    }
}

impl Problem {
    /// The problem of a refused or failed open.
    pub fn of_open(e: &crate::fsx::OpenError) -> Self {
        use crate::fsx::OpenError;
        match e {
            OpenError::Symlink => Problem::Symlink,
            OpenError::NotRegular(kind) => Problem::NotRegular(kind.to_string()),
            OpenError::TooLarge { size, max } => Problem::TooLarge(*size, *max),
            OpenError::Io(e) => Problem::Unreadable(e.to_string()),
        }
    }

    /// The problem of a line the JSON reader refused: where and why, not what it held.
    pub fn damaged(e: &serde_json::Error) -> Self {
        use serde_json::error::Category;
        let fault = match e.classify() {
            Category::Syntax => Fault::Syntax,
            Category::Eof => Fault::CutOff,
            Category::Data | Category::Io => Fault::Data,
        };
        Problem::Damaged { fault, column: e.column() }
    }
}

/// A line longer than this is skipped with a warning: no honest record comes near it (a
/// shared reasoning of a few pages is a few kilobytes), and reading it whole would let one
/// planted file take all memory.
pub const MAX_LINE: usize = 64 * 1024;

/// A pool or journal file larger than this is skipped whole: a sparse file of many
/// gigabytes would otherwise be read for minutes. A participant who answered every bundled
/// dilemma a thousand times with shared reasoning stays far below it.
pub const MAX_FILE: u64 = 1 << 30;

/// Appends one record as one line and syncs the file to disk. The file is opened without
/// following a symlink and must be a regular file, so a planted link or FIFO is refused;
/// `private` files are created owner-only. The folder must exist.
///
/// If the file does not end in a newline (a previous writer crashed mid-record), a newline
/// is written first, so the damaged line stays one bad line and this record stays intact.
pub fn append<T: Serialize>(path: &Path, record: &T, private: bool) -> Result<(), StoreError> {
    let mut line = serde_json::to_vec(record)?;
    line.push(b'\n');
    append_line(path, line, private)
}

/// Appends one line (which ends in a newline) the same way as [`append`]: no symlink
/// followed, regular files only, a torn last line closed first, synced before returning.
pub fn append_line(path: &Path, mut line: Vec<u8>, private: bool) -> Result<(), StoreError> {
    let mut file = crate::fsx::open_append(path, private).map_err(|e| StoreError::open(path, e))?;
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

/// One line as the reader hands it over.
pub enum Line<'a> {
    /// A line of at most [`MAX_LINE`] bytes, without its newline.
    Text(&'a [u8]),
    /// A line that was longer; its bytes were skipped.
    TooLong(u64),
}

/// Streams the lines of `reader` into `each` (1-based line number), holding at most one
/// line of [`MAX_LINE`] bytes in memory; longer lines are skipped as they stream past.
pub fn for_each_line(
    reader: impl Read,
    mut each: impl FnMut(usize, Line<'_>),
) -> std::io::Result<()> {
    for_each_line_ended(reader, |n, line, _| each(n, line))
}

/// Like [`for_each_line`], also telling whether each line ended in a newline: only the last
/// line of a file can lack one (a writer cut off mid-record, or a record still being
/// written), and an incremental reader must read that line again next time.
pub fn for_each_line_ended(
    reader: impl Read,
    mut each: impl FnMut(usize, Line<'_>, bool),
) -> std::io::Result<()> {
    let mut reader = BufReader::with_capacity(1 << 16, reader);
    let mut buf: Vec<u8> = Vec::new();
    let mut skipped: u64 = 0; // > 0 while skipping the rest of an overlong line
    let mut number = 0usize;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            break;
        }
        let (part, found) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (&chunk[..i], true),
            None => (chunk, false),
        };
        let used = part.len() + usize::from(found);
        if skipped > 0 || buf.len() + part.len() > MAX_LINE {
            skipped += (buf.len() + part.len()) as u64;
            buf.clear();
        } else if found && buf.is_empty() {
            // The whole line is in the buffer: handed over where it lies, not copied.
            number += 1;
            each(number, Line::Text(part), true);
            reader.consume(used);
            continue;
        } else {
            buf.extend_from_slice(part);
        }
        reader.consume(used);
        if found {
            number += 1;
            if skipped > 0 {
                each(number, Line::TooLong(skipped), true);
            } else {
                each(number, Line::Text(&buf), true);
            }
            buf.clear();
            skipped = 0;
        }
    }
    if skipped > 0 {
        each(number + 1, Line::TooLong(skipped), false);
    } else if !buf.is_empty() {
        each(number + 1, Line::Text(&buf), false);
    }
    Ok(())
}

/// Opens a JSON Lines file that may have been planted by someone else: regular files only,
/// at most [`MAX_FILE`] bytes. `Ok(None)` when it does not exist.
pub fn open_for_reading(path: &Path) -> Result<Option<File>, ReadWarning> {
    match crate::fsx::open_capped(path, MAX_FILE) {
        Ok(f) => Ok(Some(f)),
        Err(e) if e.is_not_found() => Ok(None),
        Err(e) => Err(ReadWarning { path: path.into(), line: 0, reason: Problem::of_open(&e) }),
    }
}

/// Reads every record of a file. A missing file is empty; unreadable lines become
/// warnings; a file that is not a regular file or is too large is one warning.
pub fn read_all<T: DeserializeOwned>(path: &Path) -> (Vec<T>, Vec<ReadWarning>) {
    read_kept(path, |_| true)
}

/// Like [`read_all`], keeping only the records `keep` accepts: the others are a warning
/// each ([`Problem::OtherParticipant`]), as a pool's readers count them.
pub fn read_kept<T: DeserializeOwned>(
    path: &Path,
    mut keep: impl FnMut(&T) -> bool,
) -> (Vec<T>, Vec<ReadWarning>) {
    let mut records = Vec::new();
    let mut warnings = Vec::new();
    let file = match open_for_reading(path) {
        Ok(Some(f)) => f,
        Ok(None) => return (records, warnings),
        Err(w) => return (records, vec![w]),
    };
    let mut lines = LineTally::default();
    let result = for_each_line(file, |n, line| match line {
        Line::TooLong(len) => lines.bad(n, Problem::LineTooLong(len)),
        Line::Text(line) if line.iter().all(u8::is_ascii_whitespace) => {}
        Line::Text(line) => match serde_json::from_slice(line) {
            Ok(r) if keep(&r) => {
                records.push(r);
                lines.good += 1;
            }
            Ok(_) => lines.bad(n, Problem::OtherParticipant),
            Err(e) => lines.bad(n, Problem::damaged(&e)),
        },
    });
    if let Err(e) = result {
        let reason = Problem::Unreadable(e.to_string());
        warnings.push(ReadWarning { path: path.into(), line: 0, reason });
    }
    lines.finish(path, &mut warnings);
    (records, warnings)
}

/// More damaged lines than this in one file are reported as one warning for the file.
const MAX_LINE_WARNINGS: usize = 3;

/// The lines of one file that were records and those that were not, kept within a fixed
/// size: a planted file of millions of bad lines must not make millions of warnings (each
/// with its path and message) in memory. What it holds names no file and quotes no line,
/// so the stats cache may keep it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineTally {
    /// Lines that were records.
    pub good: usize,
    /// Lines that were not.
    pub bad: usize,
    /// The first few bad lines: (1-based line, what was wrong).
    pub kept: Vec<(usize, Problem)>,
}

impl LineTally {
    /// One more line that is not a record.
    pub fn bad(&mut self, line: usize, reason: Problem) {
        self.bad += 1;
        if self.kept.len() < MAX_LINE_WARNINGS {
            self.kept.push((line, reason));
        }
    }

    /// The warnings of file `path`: each bad line when there are few, else one for the
    /// whole file.
    pub fn finish(&self, path: &Path, warnings: &mut Vec<ReadWarning>) {
        if self.bad <= MAX_LINE_WARNINGS {
            let each = self.kept.iter().map(|(line, reason)| ReadWarning {
                path: path.into(),
                line: *line,
                reason: reason.clone(),
            });
            warnings.extend(each);
            return;
        }
        let reason =
            if self.good == 0 { Problem::NotAPoolFile } else { Problem::ManyDamaged(self.bad) };
        warnings.push(ReadWarning { path: path.into(), line: 0, reason });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use std::fs::OpenOptions;

    #[derive(Debug, Serialize, Deserialize, PartialEq)]
    struct R {
        n: u32,
    }

    #[test]
    fn appends_and_reads_back() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("x.jsonl");
        append(&path, &R { n: 1 }, false).expect("append");
        append(&path, &R { n: 2 }, false).expect("append");
        let (records, warnings) = read_all::<R>(&path);
        assert_eq!(records, [R { n: 1 }, R { n: 2 }]);
        assert!(warnings.is_empty());
    }

    #[test]
    fn truncated_record_is_skipped_and_next_append_stays_intact() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("x.jsonl");
        append(&path, &R { n: 1 }, false).expect("append");
        // A crash mid-write leaves half a record without newline.
        let mut f = OpenOptions::new().append(true).open(&path).expect("open");
        f.write_all(b"{\"n\":").expect("write");
        drop(f);
        append(&path, &R { n: 3 }, false).expect("append");
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

    #[test]
    fn long_lines_stream_past_and_the_rest_still_counts() {
        let mut text = b"{\"n\":1}\n".to_vec();
        text.extend(std::iter::repeat_n(b'x', 3 * MAX_LINE + 17));
        text.extend(b"\n{\"n\":2}\n");
        text.extend(std::iter::repeat_n(b' ', MAX_LINE + 1));
        let mut seen = Vec::new();
        for_each_line(&text[..], |n, line| {
            seen.push(match line {
                Line::Text(t) => (n, String::from_utf8_lossy(t).into_owned()),
                Line::TooLong(len) => (n, format!("long {len}")),
            })
        })
        .expect("read");
        assert_eq!(
            seen,
            [
                (1, "{\"n\":1}".to_string()),
                (2, format!("long {}", 3 * MAX_LINE + 17)),
                (3, "{\"n\":2}".to_string()),
                (4, format!("long {}", MAX_LINE + 1)),
            ]
        );
    }
}

#[cfg(test)]
mod fuzz {
    use super::*;
    use proptest::prelude::*;

    /// A reader that hands out its bytes in the given chunk sizes, so line ends fall on
    /// every possible buffer boundary.
    struct Chunked<'a> {
        bytes: &'a [u8],
        sizes: Vec<usize>,
        turn: usize,
    }

    impl Read for Chunked<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let size = self.sizes[self.turn % self.sizes.len()].max(1);
            self.turn += 1;
            let n = size.min(buf.len()).min(self.bytes.len());
            buf[..n].copy_from_slice(&self.bytes[..n]);
            self.bytes = &self.bytes[n..];
            Ok(n)
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Any bytes, any chunking: the lines are exactly the newline-separated pieces,
        /// overlong ones reported with their true length, and nothing panics.
        #[test]
        fn lines_are_the_pieces_between_newlines(
            pieces in proptest::collection::vec(
                prop_oneof![
                    8 => proptest::collection::vec(any::<u8>().prop_filter("no newline", |b| *b != b'\n'), 0..200),
                    1 => (MAX_LINE - 2..MAX_LINE + 3).prop_map(|n| vec![b'x'; n]),
                ],
                0..12,
            ),
            trailing_newline in any::<bool>(),
            sizes in proptest::collection::vec(1usize..70_000, 1..5),
        ) {
            let mut bytes = pieces.join(&b'\n');
            if trailing_newline && !pieces.is_empty() {
                bytes.push(b'\n');
            }
            let mut seen: Vec<(usize, Result<Vec<u8>, u64>)> = Vec::new();
            for_each_line(Chunked { bytes: &bytes, sizes, turn: 0 }, |n, line| {
                seen.push((n, match line {
                    Line::Text(t) => Ok(t.to_vec()),
                    Line::TooLong(len) => Err(len),
                }));
            }).expect("read");
            let mut expected: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
            if bytes.last() == Some(&b'\n') || bytes.is_empty() {
                expected.pop();
            }
            prop_assert_eq!(seen.len(), expected.len());
            for (i, ((n, got), want)) in seen.iter().zip(&expected).enumerate() {
                prop_assert_eq!(*n, i + 1);
                if want.len() > MAX_LINE {
                    prop_assert_eq!(got, &Err(want.len() as u64));
                } else {
                    prop_assert_eq!(got, &Ok(want.to_vec()));
                }
            }
        }
    }
}
