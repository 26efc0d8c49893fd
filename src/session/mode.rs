//! How a session collects votes, and what follows from it: the one place that knows what a
//! voting mode means, so the rest of the session (and the trainer around it) asks the mode
//! instead of comparing it with a variant, and a new mode is one new variant here.

use std::collections::{BTreeMap, BTreeSet};

use super::state::Ballots;

/// How votes are collected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VoteMode {
    /// The keyboard goes round; each voter votes unseen.
    Doorgeven,
    /// The facilitator enters counts from hands or paper slips.
    Telling,
    /// Everyone votes on their own phone, over the local network ("eigen telefoon").
    Telefoon,
}

impl VoteMode {
    /// Every mode, in the order the set-up offers them.
    pub const ALL: [VoteMode; 3] = [VoteMode::Doorgeven, VoteMode::Telling, VoteMode::Telefoon];

    /// The next mode in the set-up's cycle.
    pub fn next(self) -> VoteMode {
        let i = Self::ALL.iter().position(|&m| m == self).unwrap_or(0);
        Self::ALL[(i + 1) % Self::ALL.len()]
    }

    /// The previous mode in the set-up's cycle.
    pub fn prev(self) -> VoteMode {
        let i = Self::ALL.iter().position(|&m| m == self).unwrap_or(0);
        Self::ALL[(i + Self::ALL.len() - 1) % Self::ALL.len()]
    }

    /// Whether voters take turns at the keyboard: a neutral hand-over screen between
    /// voters, skipping a voter and redoing a vote.
    pub fn takes_turns(self) -> bool {
        matches!(self, VoteMode::Doorgeven)
    }

    /// Whether the facilitator types the count per werkwijze.
    pub fn typed_counts(self) -> bool {
        matches!(self, VoteMode::Telling)
    }

    /// Whether votes arrive from phones over the local network (a web server runs for the
    /// session, the shared screen shows how to join).
    pub fn on_phones(self) -> bool {
        matches!(self, VoteMode::Telefoon)
    }

    /// Whether the number of votes can differ from the number of participants, so a reveal
    /// asks first when they do (a miscount, someone who did not vote, a phone too many).
    /// Passing the keyboard round cannot: every seat votes or is skipped.
    pub fn may_miscount(self) -> bool {
        !self.takes_turns()
    }

    /// Whether the facilitator may change the number of participants while the session
    /// runs (phones join and leave; the number is what "4 van 6" counts against).
    pub fn participants_adjustable(self) -> bool {
        self.on_phones()
    }

    /// Empty ballots for a new round: a seat per participant, a tally, or the phones that
    /// had joined when the round opened (a phone that joins later votes from the next
    /// round on, so nobody can add a voter to a round already under way).
    pub(crate) fn ballots(self, participants: usize, joined: &BTreeSet<u32>) -> Ballots {
        match self {
            VoteMode::Doorgeven => Ballots::PerVoter {
                votes: vec![None; participants],
                skipped: vec![false; participants],
            },
            VoteMode::Telling => Ballots::Tally(BTreeMap::new()),
            VoteMode::Telefoon => {
                Ballots::Phones { eligible: joined.clone(), votes: BTreeMap::new() }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_and_prev_visit_every_mode_and_undo_each_other() {
        let mut seen = Vec::new();
        let mut m = VoteMode::Doorgeven;
        for _ in 0..VoteMode::ALL.len() {
            seen.push(m);
            assert_eq!(m.next().prev(), m);
            m = m.next();
        }
        assert_eq!(m, VoteMode::Doorgeven, "the cycle closes");
        assert_eq!(seen, VoteMode::ALL);
    }

    #[test]
    fn each_mode_has_its_own_behaviour() {
        let joined: BTreeSet<u32> = [3, 7].into();
        assert!(matches!(
            VoteMode::Doorgeven.ballots(4, &joined),
            Ballots::PerVoter { votes, .. } if votes.len() == 4
        ));
        assert!(matches!(VoteMode::Telling.ballots(4, &joined), Ballots::Tally(t) if t.is_empty()));
        assert!(matches!(
            VoteMode::Telefoon.ballots(4, &joined),
            Ballots::Phones { eligible, votes } if eligible == joined && votes.is_empty()
        ));
        assert!(VoteMode::Doorgeven.takes_turns() && !VoteMode::Doorgeven.may_miscount());
        assert!(VoteMode::Telling.typed_counts() && VoteMode::Telling.may_miscount());
        assert!(VoteMode::Telefoon.on_phones() && VoteMode::Telefoon.participants_adjustable());
        assert!(!VoteMode::Telefoon.takes_turns() && !VoteMode::Telefoon.typed_counts());
    }
}
