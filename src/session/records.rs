//! A session's votes as pool records, so they count in colleagues' spiegels later, without
//! anything in the pool that leads back to a seat (contract 3, "Sessions").
//!
//! Everyone in the room saw the turn order ("Beurt van Anna, Bram, …"), so neither the ids
//! nor the order of the written records may follow it:
//! - every voter gets a new pseudonym and a new record id for each dilemma, from the
//!   operating system's randomness ([`random_id`]), so nobody can link one person's votes
//!   across dilemmas or compute them from anything stored;
//! - those ids are made at the dilemma's first reveal and live only in [`PoolIds`], in
//!   memory: the mapping from seat to pseudonym never reaches a disk;
//! - a dilemma's records are written in shuffled order at its reveal, and the re-vote's
//!   revisions in another shuffled order at the re-vote's reveal;
//! - a revision repeats its first vote's record id and pseudonym, so before and after still
//!   pair within the dilemma (and only there).
//!
//! With tallied votes nobody's first and second vote can be paired, so only first votes go
//! in, each counted vote under its own pseudonym and record id. Votes from phones pair like
//! passed-round votes, by the phone's number in this session, which (like the seat) lives
//! only in memory and never reaches the pool. Names never reach the pool.

use std::collections::BTreeMap;

use rand::Rng;
use rand::seq::SliceRandom;

use super::state::{Ballots, Round, Session};
use crate::ids::random_id;
use crate::store::PoolRecord;

/// One first-round vote as the pool will know it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Vote {
    /// The seat, or the phone's number (to find the re-vote); `None` for a counted vote,
    /// which nobody can pair with a second one.
    voter: Option<usize>,
    /// The werkwijze id voted for. The round is locked once revealed, so this cannot change.
    first: String,
    /// Random record id, for this vote only.
    rid: String,
    /// Random pseudonym, for this voter and this dilemma only.
    p: String,
}

/// The pool identities of one agenda item.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct ItemIds {
    /// The first round's votes in the order they are written: shuffled at the reveal.
    votes: Vec<Vote>,
    /// The order the re-vote's revisions are written in: indices into `votes`, shuffled at
    /// the re-vote's reveal; `None` until then (or when there is no re-vote to pair).
    revisions: Option<Vec<usize>>,
}

/// The random pool ids of a session's votes and the shuffled orders they are written in,
/// per agenda item. Made at each reveal by [`PoolIds::on_reveal`] and kept only in memory
/// for as long as the session runs: the runtime writes records on every change and appends
/// only new or changed ones, so the ids must stay the same from one save to the next, and
/// they must never be stored, or the seat → pseudonym mapping would be on disk.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PoolIds {
    items: BTreeMap<usize, ItemIds>,
}

impl PoolIds {
    /// No ids yet: nothing has been revealed.
    pub fn new() -> Self {
        PoolIds::default()
    }

    /// Gives every round revealed since the last call its ids and written order: a first
    /// round gets a fresh pseudonym and record id per vote (from the OS) in shuffled order;
    /// a passed-round re-vote gets a shuffled order for its revisions. Rounds that already
    /// have them keep them, so calling this after every reveal is safe.
    ///
    /// `rng` only shuffles; it must be seeded from the OS in the trainer (tests may fix it).
    pub fn on_reveal<R: Rng + ?Sized>(&mut self, session: &Session, rng: &mut R) {
        for (i, item) in session.items.iter().enumerate() {
            let Some(first) = item.first.as_ref().filter(|r| r.revealed) else { continue };
            let ids = self.items.entry(i).or_insert_with(|| {
                let mut votes = first_votes(first);
                votes.shuffle(rng);
                ItemIds { votes, revisions: None }
            });
            let per_voter = |b: &Ballots| b.by_voter().is_some();
            let paired = per_voter(&first.ballots)
                && item.second.as_ref().is_some_and(|r| r.revealed && per_voter(&r.ballots));
            if paired && ids.revisions.is_none() {
                let mut order: Vec<usize> = (0..ids.votes.len()).collect();
                order.shuffle(rng);
                ids.revisions = Some(order);
            }
        }
    }
}

/// Every vote of a first round, one entry per vote, with fresh ids, in seat (phone, or
/// werkwijze) order; the caller shuffles. A round revealed with more votes than the group
/// had people (its `surplus`) writes nothing: typed counts, or phones that are not people in the room (a laptop on the
/// venue's Wi-Fi opening the page again and again), must never become invented
/// participants that push a dilemma over the anonymity threshold and expose colleagues'
/// real answers.
fn first_votes(round: &Round) -> Vec<Vote> {
    let ballots = &round.ballots;
    let fresh = |voter, first: &str| Vote {
        voter,
        first: first.to_string(),
        rid: random_id(),
        p: random_id(),
    };
    if round.surplus {
        return Vec::new();
    }
    match ballots.by_voter() {
        Some(votes) => votes.into_iter().map(|(k, v)| fresh(Some(k), v)).collect(),
        None => ballots
            .counts()
            .iter()
            .flat_map(|(option, &n)| (0..n).map(move |_| option.as_str()))
            .map(|option| fresh(None, option))
            .collect(),
    }
}

/// Pool records of every revealed first round, with the revealed re-vote as revisions, in
/// the order they should be written: per dilemma the first round's shuffled order, or once
/// the re-vote is revealed the revisions' own shuffled order (the runtime appends only the
/// records that changed, so that is the order the revisions reach the file in). A round
/// revealed without ids from [`PoolIds::on_reveal`] yields nothing rather than ids made up
/// here. `date` is `YYYY-MM-DD`.
pub fn pool_records(session: &Session, ids: &PoolIds, date: &str) -> Vec<PoolRecord> {
    let mut out = Vec::new();
    for (i, item) in session.items.iter().enumerate() {
        if !item.first.as_ref().is_some_and(|r| r.revealed) {
            continue;
        }
        let Some(ids) = ids.items.get(&i) else { continue };
        // Second votes count only once their order is fixed, i.e. after their reveal.
        let again = match (&ids.revisions, item.second.as_ref()) {
            (Some(_), Some(round)) => round.ballots.by_voter(),
            _ => None,
        };
        let order: Vec<usize> = match &ids.revisions {
            Some(order) => order.clone(),
            None => (0..ids.votes.len()).collect(),
        };
        for vote in order.iter().filter_map(|&j| ids.votes.get(j)) {
            let revised = vote
                .voter
                .and_then(|k| again.as_ref().and_then(|a| a.get(&k)))
                .filter(|r| **r != vote.first)
                .map(|r| r.to_string());
            out.push(PoolRecord {
                rid: vote.rid.clone(),
                pack: session.setup.pack.clone(),
                v: session.setup.version,
                dilemma: item.dilemma.clone(),
                first: vote.first.clone(),
                revised,
                p: vote.p.clone(),
                date: date.to_string(),
                reasoning: None,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;
    use rand::rngs::StdRng;

    use super::*;
    use crate::session::{Method, Setup, StageKind, VoteMode};

    fn session(participants: usize, mode: VoteMode) -> Session {
        let mut s = Session::new(Setup {
            pack: "p".into(),
            version: 1,
            agenda: vec!["d".into()],
            participants,
            mode,
            method: Method::Snel,
        });
        while s.current_stage().kind != StageKind::Vote {
            s.advance().expect("to the vote");
        }
        s
    }

    fn vote_all(s: &mut Session, choices: &[&str]) {
        for c in choices {
            s.voter_ready().expect("ready");
            s.cast(c).expect("cast");
        }
    }

    fn seats(ids: &PoolIds) -> Vec<usize> {
        ids.items[&0].votes.iter().filter_map(|v| v.voter).collect()
    }

    #[test]
    fn first_round_order_is_a_shuffle_of_the_seats_from_the_given_rng() {
        let mut orders = std::collections::BTreeSet::new();
        for seed in 0..20 {
            let mut s = session(6, VoteMode::Doorgeven);
            vote_all(&mut s, &["a", "b", "c", "d", "e", "f"]);
            s.reveal(false).expect("reveal");
            let mut ids = PoolIds::new();
            ids.on_reveal(&s, &mut StdRng::seed_from_u64(seed));
            let order = seats(&ids);
            let mut sorted = order.clone();
            sorted.sort_unstable();
            assert_eq!(sorted, (0..6).collect::<Vec<_>>(), "every seat once");
            // The records come out in that order, not in seat order.
            let firsts: Vec<String> =
                pool_records(&s, &ids, "2026-11-23").into_iter().map(|r| r.first).collect();
            let expected: Vec<String> =
                order.iter().map(|&k| ["a", "b", "c", "d", "e", "f"][k].to_string()).collect();
            assert_eq!(firsts, expected);
            orders.insert(order);
        }
        assert!(orders.len() > 10, "20 seeds gave only {} orders", orders.len());
    }

    #[test]
    fn ids_are_fresh_per_vote_and_stable_across_calls() {
        let mut s = session(4, VoteMode::Doorgeven);
        vote_all(&mut s, &["a", "a", "b", "b"]);
        s.reveal(false).expect("reveal");
        let mut rng = StdRng::seed_from_u64(1);
        let mut ids = PoolIds::new();
        ids.on_reveal(&s, &mut rng);
        let before = pool_records(&s, &ids, "2026-11-23");
        ids.on_reveal(&s, &mut rng);
        assert_eq!(pool_records(&s, &ids, "2026-11-23"), before, "a second call changes nothing");
        let rids: std::collections::HashSet<_> = before.iter().map(|r| &r.rid).collect();
        let ps: std::collections::HashSet<_> = before.iter().map(|r| &r.p).collect();
        assert_eq!((rids.len(), ps.len()), (4, 4));
        // Same seed, new ids: they come from the OS, not from the shuffling generator.
        let mut again = PoolIds::new();
        again.on_reveal(&s, &mut StdRng::seed_from_u64(1));
        let other = pool_records(&s, &again, "2026-11-23");
        assert!(before.iter().all(|r| other.iter().all(|o| o.rid != r.rid && o.p != r.p)));
    }

    #[test]
    fn revisions_keep_rid_and_pseudonym_and_follow_their_own_shuffle() {
        let mut s = session(6, VoteMode::Doorgeven);
        vote_all(&mut s, &["a", "a", "a", "a", "a", "a"]);
        s.reveal(false).expect("reveal");
        let mut rng = StdRng::seed_from_u64(7);
        let mut ids = PoolIds::new();
        ids.on_reveal(&s, &mut rng);
        let first = pool_records(&s, &ids, "2026-11-23");
        while s.current_stage().kind != StageKind::Revote {
            s.advance().expect("to the re-vote");
        }
        // Everyone moves, each to a werkwijze that names their seat.
        vote_all(&mut s, &["b0", "b1", "b2", "b3", "b4", "b5"]);
        ids.on_reveal(&s, &mut rng);
        assert_eq!(
            pool_records(&s, &ids, "2026-11-23"),
            first,
            "an unrevealed re-vote writes nothing"
        );
        s.reveal(false).expect("reveal");
        ids.on_reveal(&s, &mut rng);
        let after = pool_records(&s, &ids, "2026-11-23");
        assert_eq!(after.len(), 6);
        for r in &after {
            let seat: usize = r.revised.as_deref().expect("moved")[1..].parse().expect("seat");
            let v = ids.items[&0].votes.iter().find(|v| v.voter == Some(seat)).expect("voted");
            assert_eq!((&r.rid, &r.p), (&v.rid, &v.p), "before and after pair");
        }
        let order = ids.items[&0].revisions.clone().expect("shuffled");
        let written: Vec<usize> = after
            .iter()
            .map(|r| ids.items[&0].votes.iter().position(|v| v.rid == r.rid).expect("known"))
            .collect();
        assert_eq!(written, order, "revisions follow the re-vote's own order");
    }

    #[test]
    fn each_counted_vote_gets_its_own_ids_and_no_revision() {
        let mut s = session(3, VoteMode::Telling);
        s.set_count("a", 2).expect("count");
        s.set_count("b", 1).expect("count");
        s.reveal(false).expect("reveal");
        let mut ids = PoolIds::new();
        ids.on_reveal(&s, &mut StdRng::seed_from_u64(3));
        let records = pool_records(&s, &ids, "2026-11-23");
        assert_eq!(records.len(), 3);
        assert_eq!(records.iter().filter(|r| r.first == "a").count(), 2);
        let ps: std::collections::HashSet<_> = records.iter().map(|r| &r.p).collect();
        let rids: std::collections::HashSet<_> = records.iter().map(|r| &r.rid).collect();
        assert_eq!((ps.len(), rids.len()), (3, 3));
        assert!(ids.items[&0].revisions.is_none());
    }

    #[test]
    fn a_tally_larger_than_the_group_never_reaches_the_pool() {
        let mut s = session(3, VoteMode::Telling);
        // 3 people, 40 typed votes: they would be 40 invented participants.
        s.set_count("a", 40).expect("count");
        s.reveal(true).expect("reveal, confirmed although it does not add up");
        let mut ids = PoolIds::new();
        ids.on_reveal(&s, &mut StdRng::seed_from_u64(3));
        assert!(pool_records(&s, &ids, "2026-11-23").is_empty());
    }
}
