//! Distributions for the spiegel, and the anonymity threshold that guards them.
//!
//! A distribution counts *participants*, not answers: a participant who answered a dilemma
//! twice counts once, with their latest answer. It is shown only when at least k distinct
//! participants answered; below that only the count so far is shown.

use std::collections::HashMap;

/// The anonymity threshold k: default 5, never below 3.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Threshold(u32);

impl Threshold {
    /// The lowest k allowed: below it a small team could recognise each other's choices.
    pub const MIN: u32 = 3;

    /// A threshold of `k`, raised to [`Threshold::MIN`] if lower.
    pub fn new(k: u32) -> Self {
        Threshold(k.max(Self::MIN))
    }

    /// The value of k.
    pub fn k(self) -> u32 {
        self.0
    }
}

impl Default for Threshold {
    fn default() -> Self {
        Threshold(5)
    }
}

/// How participants chose on one dilemma.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Distribution {
    /// Distinct participants.
    pub participants: u32,
    /// First choices per werkwijze id.
    pub first: HashMap<String, u32>,
    /// Choices after revision (the first choice where not revised) per werkwijze id.
    pub after: HashMap<String, u32>,
    /// Participants who revised to another werkwijze.
    pub revised: u32,
    /// How many moved from one werkwijze (first) to another (after revision).
    pub moves: HashMap<(String, String), u32>,
    /// Shared reasoning texts.
    pub reasoning: Vec<String>,
}

impl Distribution {
    /// Whether enough participants answered for the distribution to be shown.
    pub fn visible(&self, threshold: Threshold) -> bool {
        self.participants >= threshold.k()
    }

    /// Choices after revision for a werkwijze.
    pub fn after_count(&self, option: &str) -> u32 {
        self.after.get(option).copied().unwrap_or(0)
    }

    /// Both distributions together (their participants are distinct).
    fn plus(mut self, other: &Distribution) -> Distribution {
        self.participants += other.participants;
        for (k, n) in &other.first {
            *self.first.entry(k.clone()).or_default() += n;
        }
        for (k, n) in &other.after {
            *self.after.entry(k.clone()).or_default() += n;
        }
        self.revised += other.revised;
        for (k, n) in &other.moves {
            *self.moves.entry(k.clone()).or_default() += n;
        }
        self.reasoning.extend(other.reasoning.iter().cloned());
        self.reasoning.sort();
        self
    }

    /// First-choice count for a werkwijze.
    pub fn count(&self, option: &str) -> u32 {
        self.first.get(option).copied().unwrap_or(0)
    }
}

/// One dilemma's answers: the team's own, and those imported from other teams.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Split {
    /// Answers written in this pool (solo and sessions).
    pub own: Distribution,
    /// Answers imported from other teams' bundles.
    pub other: Distribution,
}

impl Split {
    /// Own and imported together, without any threshold.
    pub fn combined(&self) -> Distribution {
        self.own.clone().plus(&self.other)
    }

    /// What may be shown under threshold `k` (contract 3, "imports never unlock"): the
    /// team's own answers only when they alone reach k — then together with the imported
    /// ones; otherwise the other teams' answers alone when they reach k; otherwise counts.
    /// Imported answers never help the team's own over the threshold, so a bundle of
    /// invented participants cannot expose a team's two real answers.
    pub fn shown(&self, k: Threshold) -> Shown {
        if self.own.visible(k) {
            Shown::All { dist: self.combined(), other: self.other.participants }
        } else if self.other.visible(k) {
            Shown::OtherTeams { dist: self.other.clone(), own: self.own.participants }
        } else {
            Shown::Below { own: self.own.participants, other: self.other.participants }
        }
    }
}

/// A distribution as it may be shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shown {
    /// The team's own answers reached k: every answer, `other` of them from other teams.
    All {
        /// Own and imported answers together.
        dist: Distribution,
        /// How many participants of `dist` are from other teams.
        other: u32,
    },
    /// Only other teams' answers reached k: theirs alone; the team's own stay hidden.
    OtherTeams {
        /// The other teams' answers.
        dist: Distribution,
        /// How many of the team's own answered (a count, never their choices).
        own: u32,
    },
    /// Neither reached k: counts only.
    Below {
        /// The team's own participants so far.
        own: u32,
        /// Participants from other teams so far.
        other: u32,
    },
}

impl Shown {
    /// The distribution that may be shown, if any.
    pub fn distribution(&self) -> Option<&Distribution> {
        match self {
            Shown::All { dist, .. } | Shown::OtherTeams { dist, .. } => Some(dist),
            Shown::Below { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{PoolRecord, Tally};

    fn rec(p: &str, first: &str, date: &str) -> PoolRecord {
        crate::store::pool::test_record(&format!("{p}{date}{first}"), p, first, None, date)
    }

    #[test]
    fn threshold_never_below_three() {
        assert_eq!(Threshold::new(1).k(), 3);
        assert_eq!(Threshold::new(7).k(), 7);
        assert_eq!(Threshold::default().k(), 5);
    }

    #[test]
    fn threshold_boundaries_count_distinct_participants() {
        let k = Threshold::default();
        for (n, visible) in [(4, false), (5, true), (6, true)] {
            let mut tally = Tally::new(false);
            for i in 0..n {
                tally.add(&rec(&format!("p{i}"), "a", "2026-01-01"));
            }
            // One participant answering twice must not push the count over.
            tally.add(&rec("p0", "b", "2026-01-02"));
            let d = tally.distribution("p", 1, "d");
            assert_eq!(d.participants, n as u32);
            assert_eq!(d.visible(k), visible, "n = {n}");
        }
    }

    #[test]
    fn imports_never_unlock_the_teams_own_answers() {
        let k = Threshold::default();
        let own = |n: u32| Distribution { participants: n, ..Distribution::default() };
        let split = |a, b| Split { own: own(a), other: own(b) };
        // Two real answers and four invented imported ones: nothing of the team shows.
        assert_eq!(split(2, 4).shown(k), Shown::Below { own: 2, other: 4 });
        // Forty from other teams: theirs alone, the team's two stay a count.
        assert!(matches!(split(2, 40).shown(k), Shown::OtherTeams { own: 2, .. }));
        // The team reached k by itself: everything, with the imported count named.
        match split(5, 40).shown(k) {
            Shown::All { dist, other } => assert_eq!((dist.participants, other), (45, 40)),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn other_versions_do_not_count() {
        let mut r = rec("x", "a", "2026-01-01");
        r.v = 2;
        let mut tally = Tally::new(false);
        tally.add(&r);
        assert_eq!(tally.distribution("p", 1, "d").participants, 0);
    }
}
