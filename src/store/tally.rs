//! Counting the pool without holding it: every record is parsed in place (borrowed
//! strings) and folded at once into, per dilemma, the latest answer of each participant
//! (a few bytes each). That keeps a million records within a small, fixed budget, and
//! several threads read the pool's files in parallel.

use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::aggregate::Distribution;
use super::jsonl::ReadWarning;
use super::pool::PoolRecord;

/// More damaged lines than this in one file are reported as one warning for the file.
const MAX_LINE_WARNINGS: usize = 3;

/// A pool record as it is read: fields borrowed from the line where possible.
#[derive(Deserialize)]
struct Raw<'a> {
    #[serde(borrow)]
    rid: Cow<'a, str>,
    #[serde(borrow)]
    pack: Cow<'a, str>,
    v: u32,
    #[serde(borrow)]
    dilemma: Cow<'a, str>,
    #[serde(borrow)]
    first: Cow<'a, str>,
    #[serde(default, borrow)]
    revised: Option<Cow<'a, str>>,
    #[serde(borrow)]
    p: Cow<'a, str>,
    #[serde(borrow)]
    date: Cow<'a, str>,
    #[serde(default, borrow)]
    reasoning: Option<Cow<'a, str>>,
}

/// The latest answer of one participant to one dilemma.
#[derive(Debug, Clone)]
struct Latest {
    date: u32,
    rid: u64,
    first: u16,
    revised: Option<u16>,
    reasoning: Option<Box<str>>,
}

/// One dilemma's answers, one per participant.
#[derive(Debug, Clone, Default)]
struct DilemmaTally {
    /// Werkwijze ids seen, indexed by the `u16`s below.
    options: Vec<String>,
    latest: HashMap<u64, Latest>,
}

impl DilemmaTally {
    fn intern(&mut self, id: &str) -> u16 {
        match self.options.iter().position(|o| o == id) {
            Some(i) => i as u16,
            None => {
                self.options.push(id.to_string());
                (self.options.len() - 1) as u16
            }
        }
    }

    /// Applies one answer of a participant: a later line of the same record (a revision)
    /// replaces it; a different record replaces it when it is not older.
    fn apply(&mut self, who: u64, new: Latest) {
        match self.latest.get_mut(&who) {
            Some(old) if old.rid == new.rid || new.date >= old.date => *old = new,
            Some(_) => {}
            None => {
                self.latest.insert(who, new);
            }
        }
    }
}

/// Pack → version → dilemma → tally. Nested maps so a record can be looked up with the
/// `&str`s borrowed from its line, without allocating a key per record.
type Index = HashMap<String, HashMap<u32, HashMap<String, DilemmaTally>>>;

/// The pool, counted.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    index: Index,
    keep_reasoning: bool,
    records: usize,
}

impl Tally {
    /// An empty tally; `keep_reasoning` keeps shared reasoning for the spiegel.
    pub fn new(keep_reasoning: bool) -> Self {
        Tally { keep_reasoning, ..Tally::default() }
    }

    /// How many record lines were counted.
    pub fn records(&self) -> usize {
        self.records
    }

    fn dilemma_mut(&mut self, pack: &str, v: u32, dilemma: &str) -> &mut DilemmaTally {
        if !self.index.contains_key(pack) {
            self.index.insert(pack.to_string(), HashMap::default());
        }
        // Looked up by `&str` first so the common case allocates nothing.
        let versions = self.index.get_mut(pack).expect("present"); // invariant: inserted just above
        let dilemmas = versions.entry(v).or_default();
        if !dilemmas.contains_key(dilemma) {
            dilemmas.insert(dilemma.to_string(), DilemmaTally::default());
        }
        dilemmas.get_mut(dilemma).expect("present") // invariant: inserted just above
    }

    fn add_raw(&mut self, r: Raw) {
        let keep = self.keep_reasoning;
        let t = self.dilemma_mut(&r.pack, r.v, &r.dilemma);
        let first = t.intern(&r.first);
        let revised = r.revised.as_deref().map(|x| t.intern(x));
        let latest = Latest {
            date: date_number(&r.date),
            rid: id64(&r.rid),
            first,
            revised,
            reasoning: if keep {
                r.reasoning
                    .filter(|x| !x.trim().is_empty())
                    .map(|x| x.into_owned().into_boxed_str())
            } else {
                None
            },
        };
        t.apply(id64(&r.p), latest);
        self.records += 1;
    }

    /// Counts one record (for example the answer just given).
    pub fn add(&mut self, r: &PoolRecord) {
        self.add_raw(Raw {
            rid: Cow::Borrowed(&r.rid),
            pack: Cow::Borrowed(&r.pack),
            v: r.v,
            dilemma: Cow::Borrowed(&r.dilemma),
            first: Cow::Borrowed(&r.first),
            revised: r.revised.as_deref().map(Cow::Borrowed),
            p: Cow::Borrowed(&r.p),
            date: Cow::Borrowed(&r.date),
            reasoning: r.reasoning.as_deref().map(Cow::Borrowed),
        });
    }

    /// Counts every line of a JSON Lines buffer; damaged lines become warnings.
    pub fn add_lines(&mut self, path: &Path, bytes: &[u8], warnings: &mut Vec<ReadWarning>) {
        let mut bad: Vec<ReadWarning> = Vec::new();
        let mut good = 0usize;
        for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            match serde_json::from_slice::<Raw>(line) {
                Ok(r) => {
                    self.add_raw(r);
                    good += 1;
                }
                Err(e) => bad.push(ReadWarning {
                    path: path.to_path_buf(),
                    line: i + 1,
                    reason: e.to_string(),
                }),
            }
        }
        if bad.len() > MAX_LINE_WARNINGS {
            let reason = if good == 0 {
                "not a pool file; skipped".to_string()
            } else {
                format!("{} damaged lines skipped", bad.len())
            };
            warnings.push(ReadWarning { path: path.to_path_buf(), line: 0, reason });
        } else {
            warnings.extend(bad);
        }
    }

    /// Merges another tally into this one, as if its records had been added here.
    fn merge(&mut self, other: Tally) {
        self.records += other.records;
        for (pack, versions) in other.index {
            for (v, dilemmas) in versions {
                for (dilemma, theirs) in dilemmas {
                    let mine = self.dilemma_mut(&pack, v, &dilemma);
                    for (who, mut latest) in theirs.latest {
                        latest.first = mine.intern(&theirs.options[usize::from(latest.first)]);
                        latest.revised =
                            latest.revised.map(|r| mine.intern(&theirs.options[usize::from(r)]));
                        mine.apply(who, latest);
                    }
                }
            }
        }
    }

    /// Counts every `.jsonl` file in a pool folder, on several threads. A missing folder is an
    /// empty pool; unreadable files and damaged lines are reported and skipped.
    pub fn load(dir: &Path, keep_reasoning: bool) -> (Tally, Vec<ReadWarning>) {
        let files = match pool_files(dir) {
            Ok(files) => files,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => {
                let w = ReadWarning { path: dir.to_path_buf(), line: 0, reason: e.to_string() };
                return (Tally::new(keep_reasoning), vec![w]);
            }
        };
        // More workers than cores: while one waits for the disk (a cold or network pool),
        // another parses what has arrived.
        let workers = 4.min(files.len()).max(1);
        let chunk = files.len().div_ceil(workers).max(1);
        let count = |files: &[PathBuf]| {
            let mut tally = Tally::new(keep_reasoning);
            let mut warnings = Vec::new();
            for file in files {
                match std::fs::read(file) {
                    Ok(bytes) => tally.add_lines(file, &bytes, &mut warnings),
                    Err(e) => warnings.push(ReadWarning {
                        path: file.clone(),
                        line: 0,
                        reason: e.to_string(),
                    }),
                }
            }
            (tally, warnings)
        };
        let parts: Vec<(Tally, Vec<ReadWarning>)> = std::thread::scope(|s| {
            let handles: Vec<_> = files.chunks(chunk).map(|c| s.spawn(move || count(c))).collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|_| (Tally::new(keep_reasoning), Vec::new())))
                .collect()
        });
        let mut tally = Tally::new(keep_reasoning);
        let mut warnings = Vec::new();
        for (t, w) in parts {
            tally.merge(t);
            warnings.extend(w);
        }
        (tally, warnings)
    }

    /// Every (pack, version, dilemma) with at least one answer.
    pub fn dilemmas(&self) -> Vec<(String, u32, String)> {
        let mut out: Vec<(String, u32, String)> = self
            .index
            .iter()
            .flat_map(|(pack, versions)| {
                versions.iter().flat_map(move |(v, dilemmas)| {
                    dilemmas.keys().map(move |d| (pack.clone(), *v, d.clone()))
                })
            })
            .collect();
        out.sort();
        out
    }

    /// The distribution of one dilemma of one pack version.
    pub fn distribution(&self, pack: &str, version: u32, dilemma: &str) -> Distribution {
        let Some(t) =
            self.index.get(pack).and_then(|v| v.get(&version)).and_then(|d| d.get(dilemma))
        else {
            return Distribution::default();
        };
        let mut d = Distribution { participants: t.latest.len() as u32, ..Distribution::default() };
        for latest in t.latest.values() {
            let first = &t.options[usize::from(latest.first)];
            *d.first.entry(first.clone()).or_default() += 1;
            let after = latest.revised.map_or(first, |r| &t.options[usize::from(r)]);
            *d.after.entry(after.clone()).or_default() += 1;
            if after != first {
                d.revised += 1;
                *d.moves.entry((first.clone(), after.clone())).or_default() += 1;
            }
            if let Some(text) = &latest.reasoning {
                d.reasoning.push(text.to_string());
            }
        }
        // Sorted, so the order says nothing about who wrote what or when; the spiegel
        // shuffles it for display.
        d.reasoning.sort();
        d
    }
}

/// The `.jsonl` files of a pool folder, sorted.
pub fn pool_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    files.sort();
    Ok(files)
}

/// A 16-hex-digit id as a number; anything else hashed, so odd ids still count apart.
fn id64(id: &str) -> u64 {
    if id.len() == 16
        && let Ok(n) = u64::from_str_radix(id, 16)
    {
        return n;
    }
    id.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// `2026-11-23` → 20261123 (0 if malformed, so such a record is never "newer").
fn date_number(date: &str) -> u32 {
    let digits: String = date.chars().filter(char::is_ascii_digit).collect();
    if digits.len() == 8 { digits.parse().unwrap_or(0) } else { 0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::store::pool::test_record as rec;

    fn tally(records: &[PoolRecord]) -> Distribution {
        let mut t = Tally::new(true);
        for r in records {
            t.add(r);
        }
        t.distribution("p", 1, "d")
    }

    #[test]
    fn latest_answer_per_participant_and_revisions_in_place() {
        let d = tally(&[
            rec("1", "x", "a", None, "2026-01-01"),
            rec("2", "x", "b", None, "2026-02-01"),
            rec("2", "x", "b", Some("c"), "2026-02-01"),
            rec("3", "y", "a", None, "2026-01-05"),
            // A revision of x's older answer does not displace the newer one.
            rec("1", "x", "a", Some("b"), "2026-01-01"),
        ]);
        assert_eq!(d.participants, 2);
        assert_eq!(d.count("a"), 1);
        assert_eq!(d.count("b"), 1);
        assert_eq!(d.after.get("c"), Some(&1));
        assert_eq!(d.moves.get(&("b".into(), "c".into())), Some(&1));
        assert_eq!(d.revised, 1);
    }

    #[test]
    fn merge_equals_adding_everything_in_one() {
        let records = [
            rec("1", "x", "a", None, "2026-01-01"),
            rec("2", "y", "b", None, "2026-01-02"),
            rec("3", "x", "c", None, "2026-01-03"),
        ];
        let mut left = Tally::new(false);
        let mut right = Tally::new(false);
        for (i, r) in records.iter().enumerate() {
            if i % 2 == 0 { left.add(r) } else { right.add(r) }
        }
        left.merge(right);
        let merged = left.distribution("p", 1, "d");
        let single = tally(&records);
        assert_eq!(
            (merged.participants, merged.first.clone()),
            (single.participants, single.first)
        );
    }

    #[test]
    fn damaged_lines_and_junk_files_are_reported() {
        let mut t = Tally::new(false);
        let mut warnings = Vec::new();
        let good = serde_json::to_string(&rec("1", "x", "a", None, "2026-01-01")).expect("json");
        let text = format!("{good}\n{{\"rid\":\"2\",\"pa");
        t.add_lines(Path::new("f.jsonl"), text.as_bytes(), &mut warnings);
        assert_eq!(t.records(), 1);
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].line, 2);
        warnings.clear();
        let junk: Vec<u8> = (0..200u8).flat_map(|b| [b, b'\n']).collect();
        t.add_lines(Path::new("junk.jsonl"), &junk, &mut warnings);
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].reason.contains("not a pool file"));
    }

    #[test]
    fn ids_and_dates() {
        assert_eq!(id64("00000000000000ff"), 255);
        assert_ne!(id64("abc"), id64("abd"));
        assert_eq!(date_number("2026-11-23"), 20261123);
        assert_eq!(date_number("gisteren"), 0);
    }
}
