//! The answers that count, as the tally counts them (per participant and dilemma the line
//! written last, files in name order), kept as a sorted array of small entries with what was
//! read on top in a map, and turned into the rows `stats` shows.

use rustc_hash::FxHashMap as HashMap;

use super::keys::Keys;
use super::{NONE, Rows};
use crate::store::aggregate::{Distribution, Split};
use crate::store::record::Origin;
use crate::store::tally::{Raw, id64, intern};
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

/// The answers that count, being updated: what the cache held (`base`, sorted) and what was
/// read on top (`overlay`).
pub(super) struct Counter<'a> {
    pub(super) keys: &'a Keys,
    pub(super) tombstones: &'a Tombstones,
    pub(super) dilemmas: Vec<DilemmaInfo>,
    pub(super) lookup: HashMap<String, HashMap<u32, HashMap<String, u32>>>,
    pub(super) base: Vec<Entry>,
    pub(super) overlay: HashMap<(u32, u64), Entry>,
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
            overlay: HashMap::default(),
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

    /// The answer that counts now for (dilemma, participant), if any.
    pub(super) fn current(&self, key: (u32, u64)) -> Option<Entry> {
        if let Some(e) = self.overlay.get(&key) {
            return Some(*e);
        }
        self.base.binary_search_by_key(&key, Entry::key).ok().map(|i| self.base[i])
    }

    /// The tally's rule: a line replaces the answer that counts when it is in the same file
    /// (it was read later) or in a file later in name order.
    pub(super) fn offer(&mut self, e: Entry) {
        match self.current(e.key()) {
            Some(c) if c.file > e.file => {}
            _ => {
                self.overlay.insert(e.key(), e);
            }
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
    pub(super) fn settle(&mut self) {
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

    /// The answers per dilemma, as [`Tally::split`](crate::store::Tally::split) gives them
    /// (without reasoning), sorted by pack, version and dilemma.
    pub(super) fn rows(&self, origin_of: &[Origin]) -> Rows {
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
