//! Counting the pool without holding it: every record is parsed in place (borrowed
//! strings) and folded at once into, per dilemma, the latest answer of each participant
//! (a few bytes each). That keeps a million records within a small, fixed budget, and
//! several threads read the pool's files in parallel.
//!
//! One rule decides which answer of a participant counts, here and in `export`: the line
//! written last (files in name order, lines in the order written) — never the date in the
//! record, which a clock set back would make lie. Answers imported from other teams are
//! kept apart from the team's own, so they never help the team's answers over the
//! threshold; erased participants (tombstones) are not counted at all; and in a
//! participant's own file (`<pseudonym>.jsonl`) only that participant's records count, so
//! nobody can speak for a colleague from a file of their own.

use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;
use std::path::{Path, PathBuf};

use super::aggregate::{Distribution, Split};
use super::jsonl::{Line, LineTally, Problem, ReadWarning};
use super::raw::Raw;
use super::record::{Origin, PoolRecord, pool_files};
use super::tombstone::Tombstones;

/// Distinct werkwijze ids kept per dilemma: a pack has at most 6, so far more than this
/// can only be a forged file trying to exhaust memory; the rest is not counted.
pub(super) const MAX_OPTIONS: usize = 64;

/// The latest answer of one participant to one dilemma.
#[derive(Debug, Clone)]
struct Latest {
    /// Where the line was: file number in the high half, line number in the low half.
    seq: u64,
    /// Where it came from: a participant's own file, a session, or another team.
    origin: Origin,
    first: u16,
    revised: Option<u16>,
    reasoning: Option<Box<str>>,
}

/// One dilemma's answers, one per participant.
#[derive(Debug, Clone, Default)]
struct DilemmaTally {
    /// Werkwijze ids seen, indexed by the `u16`s below.
    options: Vec<String>,
    /// Keyed by (origin, participant): session and other teams' participants never share a
    /// key with this team's own, whatever their ids.
    latest: HashMap<(Origin, u64), Latest>,
}

impl DilemmaTally {
    /// The number of a werkwijze id. Ids come from files anyone may have edited, so they
    /// are cleaned for the terminal here, once, and a flood of invented ids is capped.
    fn intern(&mut self, id: &str) -> Option<u16> {
        intern(&mut self.options, id)
    }

    /// Applies one answer of a participant: the line written later replaces an earlier one.
    fn apply(&mut self, who: (Origin, u64), new: Latest) {
        match self.latest.get_mut(&who) {
            Some(old) if new.seq >= old.seq => *old = new,
            Some(_) => {}
            None => {
                self.latest.insert(who, new);
            }
        }
    }
}

/// The number of werkwijze id `id` among a dilemma's `options`, adding it when new. Ids come
/// from files anyone may have edited, so they are cleaned for the terminal here, once, and a
/// flood of invented ids is capped at [`MAX_OPTIONS`]. The stats cache numbers them the same way.
pub(super) fn intern(options: &mut Vec<String>, id: &str) -> Option<u16> {
    let id = crate::clean::line(id);
    match options.iter().position(|o| *o == *id) {
        Some(i) => Some(i as u16),
        None if options.len() < MAX_OPTIONS => {
            options.push(id.into_owned());
            Some((options.len() - 1) as u16)
        }
        None => None,
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
    /// Sequence for records added one by one (after the pool was read): always later.
    next_seq: u64,
    tombstones: Tombstones,
    /// Whether a participant is erased, worked out once per participant: the check hashes
    /// the pseudonym, and a participant has many lines.
    erased: HashMap<(Origin, u64), bool>,
}

impl Tally {
    /// An empty tally; `keep_reasoning` keeps shared reasoning for the spiegel.
    pub fn new(keep_reasoning: bool) -> Self {
        Tally { keep_reasoning, next_seq: 1 << 63, ..Tally::default() }
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

    /// Counts one parsed line; `false` when it was not counted (erased participant, or an
    /// id flood).
    fn add_raw(&mut self, r: Raw, seq: u64, origin: Origin) -> bool {
        if !self.tombstones.is_empty() {
            let tombstones = &self.tombstones;
            let erased = *self
                .erased
                .entry((origin, id64(&r.p)))
                .or_insert_with(|| tombstones.erased(&r.p, origin == Origin::Imported));
            if erased {
                return false;
            }
        }
        let keep = self.keep_reasoning;
        let t = self.dilemma_mut(&r.pack, r.v, &r.dilemma);
        let Some(first) = t.intern(&r.first) else { return false };
        let revised = match r.revised.as_deref().map(|x| t.intern(x)) {
            Some(None) => return false,
            Some(Some(x)) => Some(x),
            None => None,
        };
        let latest = Latest {
            seq,
            origin,
            first,
            revised,
            reasoning: if keep {
                r.reasoning
                    .filter(|x| !x.trim().is_empty())
                    .map(|x| crate::clean::text(&x).into_owned().into_boxed_str())
            } else {
                None
            },
        };
        t.apply((origin, id64(&r.p)), latest);
        self.records += 1;
        true
    }

    /// Counts one record of the team's own (for example the answer just given): it counts
    /// as written after everything read so far.
    pub fn add(&mut self, r: &PoolRecord) {
        self.add_from(r, Origin::Own);
    }

    /// Counts one record of a pool that is not read from files (memory, the database), in
    /// the order given: a later record of a participant replaces an earlier one.
    pub fn add_from(&mut self, r: &PoolRecord, origin: Origin) {
        let seq = self.next_seq;
        self.next_seq += 1;
        self.add_at(r, seq, origin);
    }

    /// Counts one record at a place in the pool's order.
    fn add_at(&mut self, r: &PoolRecord, seq: u64, origin: Origin) {
        self.add_raw(
            Raw {
                _rid: Cow::Borrowed(&r.rid),
                pack: Cow::Borrowed(&r.pack),
                v: r.v,
                dilemma: Cow::Borrowed(&r.dilemma),
                first: Cow::Borrowed(&r.first),
                revised: r.revised.as_deref().map(Cow::Borrowed),
                p: Cow::Borrowed(&r.p),
                _date: Cow::Borrowed(&r.date),
                reasoning: r.reasoning.as_deref().map(Cow::Borrowed),
            },
            seq,
            origin,
        );
    }

    /// Counts every line of a JSON Lines buffer as the pool file `path` (a participant's
    /// own file counts only its owner's records); damaged lines become warnings.
    pub fn add_lines(&mut self, path: &Path, bytes: &[u8], warnings: &mut Vec<ReadWarning>) {
        self.add_file(path, bytes, 0, Origin::Own, warnings);
    }

    /// Counts every line of a pool file (file number `file` in the pool's order), streamed
    /// with at most one line in memory; damaged and overlong lines become warnings, and so
    /// do records in a participant's own file under another participant's pseudonym (they
    /// do not count: see [`owner_of`]).
    fn add_file(
        &mut self,
        path: &Path,
        reader: impl std::io::Read,
        file: u32,
        origin: Origin,
        warnings: &mut Vec<ReadWarning>,
    ) {
        let owner = owner_of(path, origin);
        let mut lines = LineTally::default();
        let result = super::jsonl::for_each_line(reader, |n, line| {
            let line = match line {
                Line::TooLong(len) => return lines.bad(n, Problem::LineTooLong(len)),
                Line::Text(line) => line,
            };
            if line.iter().all(u8::is_ascii_whitespace) {
                return;
            }
            match Raw::parse(line) {
                Ok(r) if owner.is_some_and(|o| o != r.p) => lines.bad(n, Problem::OtherParticipant),
                Ok(r) => {
                    let seq = (u64::from(file) << 32) | n as u64;
                    self.add_raw(r, seq, origin);
                    lines.good += 1;
                }
                Err(e) => lines.bad(n, Problem::damaged(&e)),
            }
        });
        if let Err(e) = result {
            let reason = Problem::Unreadable(e.to_string());
            warnings.push(ReadWarning { path: path.to_path_buf(), line: 0, reason });
        }
        lines.finish(path, warnings);
    }

    /// Merges another tally into this one, as if its records had been added here.
    fn merge(&mut self, other: Tally) {
        self.records += other.records;
        for (pack, versions) in other.index {
            for (v, dilemmas) in versions {
                for (dilemma, theirs) in dilemmas {
                    let mine = self.dilemma_mut(&pack, v, &dilemma);
                    for (who, mut latest) in theirs.latest {
                        let Some(first) = mine.intern(&theirs.options[usize::from(latest.first)])
                        else {
                            continue;
                        };
                        latest.first = first;
                        latest.revised = match latest
                            .revised
                            .map(|r| mine.intern(&theirs.options[usize::from(r)]))
                        {
                            Some(None) => continue,
                            Some(Some(r)) => Some(r),
                            None => None,
                        };
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
                let reason = Problem::Unreadable(e.to_string());
                let w = ReadWarning { path: dir.to_path_buf(), line: 0, reason };
                return (Tally::new(keep_reasoning), vec![w]);
            }
        };
        let tombstones = Tombstones::load(dir);
        let numbered: Vec<(u32, PathBuf)> =
            files.into_iter().enumerate().map(|(i, f)| (i as u32, f)).collect();
        // More workers than cores: while one waits for the disk (a cold or network pool),
        // another parses what has arrived.
        let workers = 4.min(numbered.len()).max(1);
        let chunk = numbered.len().div_ceil(workers).max(1);
        let count = |files: &[(u32, PathBuf)]| {
            let mut tally = Tally::new(keep_reasoning);
            tally.tombstones = tombstones.clone();
            let mut warnings = Vec::new();
            for (i, file) in files {
                match super::jsonl::open_for_reading(file) {
                    Ok(Some(f)) => {
                        tally.add_file(file, f, *i, Origin::of_file(file), &mut warnings)
                    }
                    Ok(None) => {}
                    Err(w) => warnings.push(w),
                }
            }
            (tally, warnings)
        };
        let parts: Vec<(Tally, Vec<ReadWarning>)> = std::thread::scope(|s| {
            let handles: Vec<_> =
                numbered.chunks(chunk).map(|c| s.spawn(move || count(c))).collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|_| (Tally::new(keep_reasoning), Vec::new())))
                .collect()
        });
        let mut tally = Tally::new(keep_reasoning);
        tally.tombstones = tombstones;
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

    /// The answers to one dilemma of one pack version, the team's own and other teams'
    /// apart. Use [`Split::shown`] to apply the threshold.
    pub fn split(&self, pack: &str, version: u32, dilemma: &str) -> Split {
        let mut split = Split::default();
        let Some(t) =
            self.index.get(pack).and_then(|v| v.get(&version)).and_then(|d| d.get(dilemma))
        else {
            return split;
        };
        for latest in t.latest.values() {
            let d = match latest.origin {
                Origin::Own => &mut split.own,
                Origin::Session => &mut split.sessions,
                Origin::Imported => &mut split.other,
            };
            d.participants += 1;
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
        split.own.reasoning.sort();
        split.sessions.reasoning.sort();
        split.other.reasoning.sort();
        split
    }

    /// Every answer to one dilemma, own and imported together, without any threshold: for
    /// tests and tools that apply it themselves.
    pub fn distribution(&self, pack: &str, version: u32, dilemma: &str) -> Distribution {
        self.split(pack, version, dilemma).combined()
    }
}

/// The warnings a full count gives for one pool file — damaged, overlong or unreadable lines,
/// or the whole file refused — found the same way [`Tally::load`] finds them, so the stats
/// cache can say them again on every run without keeping them (they name the file).
pub(super) fn file_warnings(path: &Path) -> Vec<ReadWarning> {
    let mut warnings = Vec::new();
    match super::jsonl::open_for_reading(path) {
        Ok(Some(f)) => Tally::new(false).add_file(path, f, 0, Origin::of_file(path), &mut warnings),
        Ok(None) => {}
        Err(w) => warnings.push(w),
    }
    warnings
}

/// Whose file `path` is, when it is a participant's own (`<pseudonym>.jsonl`): only records
/// under that pseudonym count in it, so a colleague cannot change someone else's answer by
/// writing a line under their pseudonym into a file of their own. Session and import files
/// hold many pseudonyms and have no owner.
pub(super) fn owner_of(path: &Path, origin: Origin) -> Option<&str> {
    match origin {
        Origin::Own => path.file_stem().and_then(|s| s.to_str()),
        Origin::Session | Origin::Imported => None,
    }
}

/// A 16-hex-digit id as a number; anything else hashed, so odd ids still count apart.
pub(super) fn id64(id: &str) -> u64 {
    // Lower-case only, as wikken writes them: "…D2" and "…d2" are two participants here
    // just as they are two strings in `export`.
    if id.len() == 16
        && id.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        && let Ok(n) = u64::from_str_radix(id, 16)
    {
        return n;
    }
    crate::ids::fnv1a(id.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::store::record::test_record as rec;

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
        ]);
        assert_eq!(d.participants, 2);
        assert_eq!(d.count("a"), 1);
        assert_eq!(d.count("b"), 1);
        assert_eq!(d.after.get("c"), Some(&1));
        assert_eq!(d.moves.get(&("b".into(), "c".into())), Some(&1));
        assert_eq!(d.revised, 1);
    }

    #[test]
    fn the_line_written_last_counts_not_the_date_in_it() {
        // A clock set back: the re-answer carries an older date, but was written later.
        let d = tally(&[
            rec("1", "x", "a", None, "2026-05-01"),
            rec("2", "x", "b", None, "2025-01-01"),
            rec("3", "y", "a", None, "2026-01-05"),
        ]);
        assert_eq!((d.participants, d.count("a"), d.count("b")), (2, 1, 1));
        // The same rid under other pseudonyms counts per participant, as in export.
        let d = tally(&[
            rec("same", "p1", "a", None, "2026-01-01"),
            rec("same", "p2", "a", None, "2026-01-01"),
            rec("same", "p3", "b", None, "2026-01-01"),
        ]);
        assert_eq!(d.participants, 3);
    }

    #[test]
    fn hostile_ids_are_cleaned_and_an_id_flood_is_capped() {
        let mut t = Tally::new(true);
        let mut r = rec("1", "x", "a", Some("\u{1b}]0;pwned\u{7}\u{1b}[2J"), "2026-01-01");
        r.reasoning = Some("eerlijk\u{1b}[31m rood".into());
        t.add(&r);
        for i in 0..500 {
            t.add(&rec(&format!("{i}"), &format!("f{i}"), &format!("o{i}"), None, "2026-01-01"));
        }
        let d = t.distribution("p", 1, "d");
        assert!(d.after.keys().all(|k| !k.chars().any(crate::clean::is_unsafe)), "{d:?}");
        assert!(d.reasoning.iter().all(|k| !k.chars().any(crate::clean::is_unsafe)));
        assert!(d.first.len() <= MAX_OPTIONS, "{}", d.first.len());
    }

    /// The cap on werkwijze ids per dilemma is exact: the last one that fits is kept, the
    /// next refused, and known ids are still found (found by `cargo mutants`).
    #[test]
    fn the_werkwijze_cap_is_exact() {
        let mut options = Vec::new();
        for i in 0..MAX_OPTIONS {
            assert_eq!(intern(&mut options, &format!("o{i}")), Some(i as u16));
        }
        assert_eq!(intern(&mut options, "one-too-many"), None);
        assert_eq!(intern(&mut options, "o3"), Some(3), "a known id is still found");
        assert_eq!(options.len(), MAX_OPTIONS);
    }

    /// Files are read in any order: a line placed earlier in the pool's order never replaces
    /// one placed later (found by `cargo mutants`).
    #[test]
    fn a_line_read_late_but_placed_earlier_does_not_replace_a_later_one() {
        let mut t = Tally::new(false);
        t.add_at(&rec("2", "x", "b", None, "2026-01-02"), 7, Origin::Own);
        t.add_at(&rec("1", "x", "a", None, "2026-01-01"), 3, Origin::Own);
        let d = t.distribution("p", 1, "d");
        assert_eq!((d.participants, d.count("a"), d.count("b")), (1, 0, 1));
    }

    /// Reasoning of only spaces and line breaks is not shared as a colleague's reasoning
    /// (found by `cargo mutants`).
    #[test]
    fn blank_reasoning_is_not_shared() {
        let mut with = rec("1", "x", "a", None, "2026-01-01");
        with.reasoning = Some("Omdat het kan.".into());
        let mut blank = rec("2", "y", "a", None, "2026-01-01");
        blank.reasoning = Some("  \n ".into());
        let d = tally(&[with, blank]);
        assert_eq!(d.reasoning, ["Omdat het kan."]);
    }

    /// A pool folder that cannot be listed is said, not taken for an empty pool; only a
    /// missing one is empty (found by `cargo mutants`).
    #[test]
    fn an_unlistable_pool_folder_is_reported_not_taken_as_empty() {
        let dir = tempfile::tempdir().expect("tmp");
        let file = dir.path().join("not-a-folder");
        std::fs::write(&file, "x").expect("write");
        let (tally, warnings) = Tally::load(&file, false);
        assert_eq!((tally.records, warnings.len()), (0, 1), "{warnings:?}");
        let (_, none) = Tally::load(&dir.path().join("missing"), false);
        assert!(none.is_empty(), "{none:?}");
    }

    /// A file's warnings are found again on their own, as the stats cache asks for them
    /// (found by `cargo mutants`).
    #[test]
    fn a_files_warnings_are_found_again_on_their_own() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("abc.jsonl");
        std::fs::write(&path, "{niet json}\n").expect("write");
        let warnings = file_warnings(&path);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(warnings[0].line, 1);
    }

    /// Across files, the pool's order is the files' order first and the line within a file
    /// second: one participant's answer in a later session file wins over an earlier file's,
    /// whatever line each stands on (found by `cargo mutants`).
    #[test]
    fn a_later_file_wins_whatever_the_line() {
        let dir = tempfile::tempdir().expect("tmp");
        let line = |who: &str, first: &str| {
            let r = rec(&format!("{who}{first}"), who, first, None, "2026-01-01");
            serde_json::to_string(&r).expect("json") + "\n"
        };
        let earlier: String =
            ["u", "v", "w", "y"].iter().map(|w| line(w, "a")).chain([line("x", "a")]).collect();
        std::fs::write(dir.path().join("session-1.jsonl"), earlier).expect("write");
        std::fs::write(dir.path().join("session-2.jsonl"), line("x", "b")).expect("write");
        let (tally, warnings) = Tally::load(dir.path(), false);
        assert!(warnings.is_empty(), "{warnings:?}");
        let d = tally.distribution("p", 1, "d");
        assert_eq!((d.participants, d.count("a"), d.count("b")), (5, 4, 1));
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
        t.add_lines(Path::new("x.jsonl"), text.as_bytes(), &mut warnings);
        assert_eq!(t.records(), 1);
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].line, 2);
        warnings.clear();
        let junk: Vec<u8> = (0..200u8).flat_map(|b| [b, b'\n']).collect();
        t.add_lines(Path::new("junk.jsonl"), &junk, &mut warnings);
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].reason, Problem::NotAPoolFile);
    }

    #[test]
    fn an_imported_id_never_shares_a_key_with_an_own_one() {
        let dir = tempfile::tempdir().expect("tmp");
        let line = |p: &str| {
            serde_json::to_string(&rec("r", p, "a", None, "2026-01-01")).expect("json") + "\n"
        };
        std::fs::write(dir.path().join("00000000000000f2.jsonl"), line("00000000000000f2"))
            .expect("own");
        // The old key was id ^ imported: f3 ^ 1 == f2 let an import replace an own answer.
        std::fs::write(dir.path().join("import-000001-x.jsonl"), line("00000000000000f3"))
            .expect("import");
        let (t, warnings) = Tally::load(dir.path(), false);
        assert!(warnings.is_empty());
        let split = t.split("p", 1, "d");
        assert_eq!((split.own.participants, split.other.participants), (1, 1));
        // Upper case is another participant, here as in export.
        assert_ne!(id64("00000000000000D2"), id64("00000000000000d2"));
    }

    #[test]
    fn ids_and_dates() {
        assert_eq!(id64("00000000000000ff"), 255);
        assert_ne!(id64("abc"), id64("abd"));
    }
}
