//! The answers that count, as the tally counts them (per participant and dilemma the line
//! written last, files in name order), kept as a sorted array of small entries with what was
//! read on top in a list until it is sorted in, and turned into the rows `stats` shows.

use rustc_hash::FxHashMap as HashMap;

use super::keys::Keys;
use super::{NONE, Rows};
use crate::store::aggregate::{Distribution, Split};
use crate::store::raw::Raw;
use crate::store::record::Origin;
use crate::store::tally::{id64, intern};
use crate::store::tombstone::Tombstones;

/// One answer that counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Entry {
    pub(super) dilemma: u32,
    pub(super) who: u64,
    /// Which file it is in: its place in the pool's file order during a run.
    pub(super) file: u32,
    pub(super) first: u8,
    pub(super) revised: u8,
}

impl Entry {
    pub(super) fn key(&self) -> (u32, u64) {
        (self.dilemma, self.who)
    }
}

/// A dilemma of one pack version, with the werkwijze ids seen (cleaned, at most
/// [`MAX_OPTIONS`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct DilemmaInfo {
    pub(super) pack: String,
    pub(super) v: u32,
    pub(super) dilemma: String,
    pub(super) options: Vec<String>,
}

/// Entries read before they are sorted into the base: enough that sorting is cheap per
/// entry, few enough that a file of one answer repeated millions of times stays small.
/// In unit tests a handful, so every test (the property test against a full count too) also
/// sorts in midway through a file.
const PENDING_MAX: usize = if cfg!(test) { 5 } else { 1 << 20 };

/// The answers that count, being updated: what the cache held (`base`, sorted) and what was
/// read on top (`pending`, in the order read, until [`settle`](Counter::settle)).
pub(super) struct Counter<'a> {
    pub(super) keys: &'a Keys,
    pub(super) tombstones: &'a Tombstones,
    pub(super) dilemmas: Vec<DilemmaInfo>,
    pub(super) lookup: HashMap<String, HashMap<u32, HashMap<String, u32>>>,
    pub(super) base: Vec<Entry>,
    pub(super) pending: Vec<Entry>,
    /// Where in `pending` each key read from the file being read is (that file's number),
    /// so a later line of the same file replaces its entry there instead of adding one: a
    /// participant's file answers the same dilemmas again and again.
    recent: (u32, HashMap<(u32, u64), usize>),
    pub(super) who: HashMap<(Origin, u64), u64>,
    pub(super) erased: HashMap<(Origin, u64), bool>,
}

impl<'a> Counter<'a> {
    pub(super) fn new(keys: &'a Keys, tombstones: &'a Tombstones) -> Self {
        Counter {
            keys,
            tombstones,
            dilemmas: Vec::new(),
            lookup: HashMap::default(),
            base: Vec::new(),
            pending: Vec::new(),
            recent: (u32::MAX, HashMap::default()),
            who: HashMap::default(),
            erased: HashMap::default(),
        }
    }

    pub(super) fn with(
        keys: &'a Keys,
        tombstones: &'a Tombstones,
        dilemmas: Vec<DilemmaInfo>,
    ) -> Self {
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

    pub(super) fn dilemma_id(&mut self, pack: &str, v: u32, dilemma: &str) -> Option<u32> {
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

    /// Takes in one answer read. The tally's rule decides in [`settle`](Counter::settle):
    /// per participant and dilemma, the answer in the file latest in name order counts, and
    /// in that file the line read last.
    pub(super) fn offer(&mut self, e: Entry) {
        if self.recent.0 != e.file {
            // A large map is dropped, not cleared: clearing costs its capacity, every file.
            if self.recent.1.capacity() > 4096 {
                self.recent.1 = HashMap::default();
            }
            self.recent.1.clear();
            self.recent.0 = e.file;
        }
        match self.recent.1.entry(e.key()) {
            // The same file, read later: this line counts instead.
            std::collections::hash_map::Entry::Occupied(at) => self.pending[*at.get()] = e,
            std::collections::hash_map::Entry::Vacant(at) => {
                at.insert(self.pending.len());
                self.pending.push(e);
            }
        }
        if self.pending.len() >= PENDING_MAX {
            self.settle();
        }
    }

    /// Counts one record, as [`Tally`](crate::store::Tally) counts it.
    pub(super) fn line(&mut self, r: &Raw, file: u32, origin: Origin) {
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
    pub(super) fn absorb(&mut self, other: Counter) {
        for e in other.base.into_iter().chain(other.pending) {
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
            // Straight in: `settle` sorts them (`offer` is for files read in order).
            self.pending.push(Entry { dilemma: d, first: first as u8, revised, ..e });
        }
    }

    /// Merges what was read into the sorted base, by the tally's rule: per participant and
    /// dilemma the answer in the latest file counts, and of several in one file the one read
    /// last (a base entry was read before everything pending).
    pub(super) fn settle(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let mut new = std::mem::take(&mut self.pending);
        self.recent = (u32::MAX, HashMap::default());
        // A stable sort: answers with the same key and file stay in the order read, so the
        // last of each key is the one that counts.
        new.sort_by_key(|e| (e.key(), e.file));
        let read: Vec<Entry> =
            new.chunk_by(|x, y| x.key() == y.key()).filter_map(|g| g.last().copied()).collect();
        if read.len() <= self.base.len() / 256 {
            merge_few(&mut self.base, read);
        } else {
            self.base = merge(std::mem::take(&mut self.base), read);
        }
    }

    /// What [`rows`](DilemmaCounts::row) are made of: per dilemma with answers (in id order)
    /// the counts per origin, `origin_of` giving each file's origin.
    pub(super) fn counts(&self, origin_of: &[Origin]) -> Vec<DilemmaCounts> {
        let mut out = Vec::new();
        for group in self.base.chunk_by(|a, b| a.dilemma == b.dilemma) {
            let n = self.dilemmas[group[0].dilemma as usize].options.len();
            let mut c = DilemmaCounts {
                dilemma: group[0].dilemma,
                origins: std::array::from_fn(|_| OriginCounts::new(n)),
                moves: Vec::new(),
            };
            let mut moves: HashMap<(u8, u8, u8), u32> = HashMap::default();
            for e in group {
                let o = match origin_of.get(e.file as usize) {
                    Some(Origin::Own) | None => 0,
                    Some(Origin::Session) => 1,
                    Some(Origin::Imported) => 2,
                };
                let after = if e.revised == NONE { e.first } else { e.revised };
                let counts = &mut c.origins[usize::from(o)];
                counts.participants += 1;
                counts.first[usize::from(e.first)] += 1;
                counts.after[usize::from(after)] += 1;
                if after != e.first {
                    counts.revised += 1;
                    *moves.entry((o, e.first, after)).or_default() += 1;
                }
            }
            c.moves = moves.into_iter().map(|((o, a, b), n)| (o, a, b, n)).collect();
            c.moves.sort_unstable();
            out.push(c);
        }
        out
    }

    /// The answers per dilemma, as [`Tally::split`](crate::store::Tally::split) gives them
    /// (without reasoning), sorted by pack, version and dilemma.
    pub(super) fn rows(&self, origin_of: &[Origin]) -> Rows {
        rows(&self.counts(origin_of), &self.dilemmas)
    }
}

/// `base` and `read` (both sorted, one entry per key) merged by the tally's rule: of two
/// entries with one key, the one read counts unless the base's is in a later file.
fn merge(base: Vec<Entry>, read: Vec<Entry>) -> Vec<Entry> {
    let mut out = Vec::with_capacity(base.len() + read.len());
    let (mut a, mut b) = (base.into_iter().peekable(), read.into_iter().peekable());
    loop {
        match (a.peek(), b.peek()) {
            (Some(x), Some(y)) if x.key() < y.key() => out.extend(a.next()),
            (Some(x), Some(y)) if x.key() == y.key() => {
                let (old, read) = (*x, *y);
                a.next();
                b.next();
                out.push(if read.file >= old.file { read } else { old });
            }
            (_, Some(_)) => out.extend(b.next()),
            (Some(_), None) => out.extend(a.next()),
            (None, None) => break,
        }
    }
    out
}

/// [`merge`] for a few entries read into a large base, in place: one new answer does not
/// copy a million.
fn merge_few(base: &mut Vec<Entry>, read: Vec<Entry>) {
    let mut added = Vec::new();
    for e in read {
        match base.binary_search_by_key(&e.key(), Entry::key) {
            Ok(i) if e.file >= base[i].file => base[i] = e,
            Ok(_) => {}
            Err(_) => added.push(e),
        }
    }
    // Merged from the back into room made at the end: what sorts before the first new key
    // is not moved.
    let Some(&filler) = added.first() else { return };
    let old = base.len();
    base.resize(old + added.len(), filler);
    let (mut i, mut j) = (old, added.len());
    for w in (0..base.len()).rev() {
        if j == 0 {
            break;
        }
        if i > 0 && base[i - 1].key() > added[j - 1].key() {
            base[w] = base[i - 1];
            i -= 1;
        } else {
            base[w] = added[j - 1];
            j -= 1;
        }
    }
}

/// The rows `stats` shows, from the counts per dilemma, sorted by pack, version and dilemma.
pub(super) fn rows(counts: &[DilemmaCounts], dilemmas: &[DilemmaInfo]) -> Rows {
    let mut rows: Rows =
        counts.iter().filter_map(|c| Some(c.row(dilemmas.get(c.dilemma as usize)?))).collect();
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    rows
}

/// The answers to one dilemma that count, counted per origin (own, sessions, other teams):
/// what a row of `stats` is made from, and what the cache keeps so that a run where
/// nothing changed needs no answer read back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct DilemmaCounts {
    /// The dilemma's number among the counter's dilemmas.
    pub(super) dilemma: u32,
    /// Own, sessions, other teams.
    pub(super) origins: [OriginCounts; 3],
    /// (origin, first, after, how many) for everyone who moved, sorted.
    pub(super) moves: Vec<(u8, u8, u8, u32)>,
}

/// One origin's answers to a dilemma, werkwijzen by their number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct OriginCounts {
    pub(super) participants: u32,
    pub(super) revised: u32,
    pub(super) first: Vec<u32>,
    pub(super) after: Vec<u32>,
}

impl OriginCounts {
    pub(super) fn new(options: usize) -> Self {
        OriginCounts {
            participants: 0,
            revised: 0,
            first: vec![0; options],
            after: vec![0; options],
        }
    }
}

impl DilemmaCounts {
    /// The row: the dilemma's key and its answers per origin, werkwijzen by their ids.
    fn row(&self, info: &DilemmaInfo) -> ((String, u32, String), Split) {
        let name = |i: u8| info.options.get(usize::from(i)).cloned().unwrap_or_default();
        let dist = |o: usize| {
            let c = &self.origins[o];
            let named = |v: &[u32]| {
                v.iter()
                    .enumerate()
                    .filter(|(_, n)| **n > 0)
                    .map(|(i, n)| (info.options.get(i).cloned().unwrap_or_default(), *n))
                    .collect()
            };
            Distribution {
                participants: c.participants,
                first: named(&c.first),
                after: named(&c.after),
                revised: c.revised,
                moves: self
                    .moves
                    .iter()
                    .filter(|(m, ..)| usize::from(*m) == o)
                    .map(|(_, a, b, n)| ((name(*a), name(*b)), *n))
                    .collect(),
                reasoning: Vec::new(),
            }
        };
        let split = Split { own: dist(0), sessions: dist(1), other: dist(2) };
        ((info.pack.clone(), info.v, info.dilemma.clone()), split)
    }
}

#[cfg(test)]
mod tests {
    //! Sorting answers in: in place for a few, by a merge for many, with one result.

    use super::*;
    use proptest::prelude::*;

    /// Sorted entries, one per key, from (dilemma, who, file) triples.
    fn entries(raw: Vec<(u32, u64, u32)>) -> Vec<Entry> {
        let mut v: Vec<Entry> = raw
            .into_iter()
            .map(|(dilemma, who, file)| Entry { dilemma, who, file, first: 0, revised: NONE })
            .collect();
        v.sort_by_key(Entry::key);
        v.dedup_by_key(|e| e.key());
        v
    }

    proptest! {
        #[test]
        fn a_few_sorted_in_place_equal_a_merge(
            base in proptest::collection::vec((0u32..4, 0u64..64, 0u32..4), 0..200),
            read in proptest::collection::vec((0u32..4, 0u64..64, 0u32..4), 0..12),
        ) {
            let (base, read) = (entries(base), entries(read));
            let mut few = base.clone();
            merge_few(&mut few, read.clone());
            prop_assert_eq!(few, merge(base, read));
        }
    }

    #[test]
    fn the_later_file_wins_and_the_same_file_goes_to_what_was_read() {
        let e =
            |who: u64, file: u32, first: u8| Entry { dilemma: 0, who, file, first, revised: NONE };
        let base = vec![e(1, 2, 0), e(2, 2, 0), e(4, 2, 0)];
        let read = vec![e(1, 1, 1), e(2, 2, 1), e(3, 0, 1)];
        let merged = merge(base.clone(), read.clone());
        assert_eq!(merged, vec![e(1, 2, 0), e(2, 2, 1), e(3, 0, 1), e(4, 2, 0)]);
        let mut few = base;
        merge_few(&mut few, read);
        assert_eq!(few, merged);
    }
}
