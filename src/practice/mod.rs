//! Practising alone, whatever shows it: the rules the full-screen trainer and the plain
//! text mode share — the order of the werkwijzen, what the spiegel may show of colleagues'
//! answers (the threshold rule), which dilemma comes next — and the one save path
//! ([`saving`]). Knows nothing of the terminal: an interface asks here and says the
//! outcome its own way.

pub mod saving;

use rand::Rng;
use rand::seq::SliceRandom;

pub use saving::{
    Draft, MAX_REASONING, NotSaved, PoolLoad, PoolLoader, PoolWriter, SessionSaved, SessionVotes,
    Stores,
};

use crate::pack::{Dilemma, Note, NoteKind, Pack};
use crate::store::{Answer, Shown, Tally, Threshold};

/// How long quitting waits for saves still under way (a slow pool share) before it ends
/// anyway; what is not in the pool by then is in the journal and goes in at the next start.
pub const QUIT_WAIT: std::time::Duration = std::time::Duration::from_secs(15);

/// The per-install seed for the werkwijze order, from the install's order key (a random
/// secret in DATA, never the pseudonym: see `store::load_or_create_order_key`).
pub fn order_seed(order_key: &str) -> u64 {
    crate::store::fnv1a(order_key.as_bytes())
}

/// The order in which this person sees a dilemma's werkwijzen (position → index):
/// shuffled per person against position bias, the same on every visit.
pub fn option_order(seed: u64, pack: &Pack, dilemma: &Dilemma) -> Vec<usize> {
    crate::pack::werkwijze_order(seed, pack.id.as_str(), dilemma.id.as_str(), dilemma.options.len())
}

/// What the spiegel may show of colleagues' answers to one dilemma of this pack version:
/// the threshold rule applied ([`Split::shown`](crate::store::Split::shown)), so a chart,
/// a sentence and the shared reasoning can never show more than it allows.
pub fn colleagues(tally: &Tally, pack: &Pack, dilemma: &Dilemma, threshold: Threshold) -> Shown {
    tally.split(&pack.id, *pack.version, &dilemma.id).shown(threshold)
}

/// The reasoning colleagues shared, by the same rule as the distribution (nothing while it
/// is hidden), in a fresh random order so the order says nothing about who wrote what.
/// `own` is the person's answer: its shared reasoning is in the pool too, but it is not a
/// colleague's, so one copy of its text leaves the list (each participant has one entry).
pub fn shared_reasoning(shown: &Shown, own: Option<&Answer>, rng: &mut impl Rng) -> Vec<String> {
    let mut shared = shown.distribution().map(|d| d.reasoning.clone()).unwrap_or_default();
    if let Some(a) = own.filter(|a| a.first.share) {
        let own = a.first.reasoning.trim();
        if let Some(i) = shared.iter().position(|t| t.trim() == own) {
            shared.remove(i);
        }
    }
    shared.shuffle(rng);
    shared
}

/// The latest answer to a dilemma, if any.
pub fn latest_answer<'a>(answers: &'a [Answer], pack: &str, dilemma: &str) -> Option<&'a Answer> {
    answers.iter().rev().find(|a| a.first.pack == pack && a.first.dilemma == dilemma)
}

/// The dilemma after `current` in `pack`: the next one without an answer (going round),
/// else simply the next; `None` for a pack of one dilemma.
pub fn next_dilemma(pack: &Pack, answers: &[Answer], current: usize) -> Option<usize> {
    let n = pack.dilemmas.len();
    let after = (1..n).map(|k| (current + k) % n);
    let unanswered =
        after.clone().find(|&d| latest_answer(answers, &pack.id, &pack.dilemmas[d].id).is_none());
    unanswered.or_else(|| after.clone().next())
}

/// The first dilemma of a pack without an answer, if any.
pub fn first_unanswered(pack: &Pack, answers: &[Answer]) -> Option<usize> {
    (0..pack.dilemmas.len())
        .find(|&d| latest_answer(answers, &pack.id, &pack.dilemmas[d].id).is_none())
}

/// The month a group of notes of one kind was last checked, for its heading: for the law,
/// the oldest `as_of` among them (a heading must not claim a later check than its oldest
/// note had); `None` for other kinds.
pub fn checked_as_of<'n>(kind: Option<NoteKind>, notes: &[&'n Note]) -> Option<&'n str> {
    if kind != Some(NoteKind::Wet) {
        return None;
    }
    notes.iter().filter_map(|n| n.as_of.as_ref().map(|d| d.as_str())).min()
}
