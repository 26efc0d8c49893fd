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

/// One dilemma's answers by where they came from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Split {
    /// Answers people gave alone, written in this pool.
    pub own: Distribution,
    /// Votes from this team's intervisie sessions.
    pub sessions: Distribution,
    /// Answers imported from other teams' bundles.
    pub other: Distribution,
}

impl Split {
    /// Everything together, without any threshold.
    pub fn combined(&self) -> Distribution {
        self.own.clone().plus(&self.sessions).plus(&self.other)
    }

    /// What may be shown under threshold `k` (contract 3, "imports never unlock"): the
    /// answers people gave alone only when they alone reach k — then together with session
    /// votes and imported answers; otherwise the session votes and other teams' answers
    /// together when they reach k; otherwise counts.
    ///
    /// Neither imported answers nor session votes ever help the team's own answers over the
    /// threshold: a bundle of invented participants could otherwise expose two real
    /// answers, and everyone who attended a session knows its distribution, so one more
    /// answer on top of it would be known by subtraction.
    pub fn shown(&self, k: Threshold) -> Shown {
        let groups = self.sessions.clone().plus(&self.other);
        if self.own.visible(k) {
            Shown::All {
                dist: self.combined(),
                sessions: self.sessions.participants,
                other: self.other.participants,
            }
        } else if groups.visible(k) {
            Shown::Groups {
                dist: groups,
                own: self.own.participants,
                sessions: self.sessions.participants,
                other: self.other.participants,
            }
        } else {
            Shown::Below {
                own: self.own.participants,
                sessions: self.sessions.participants,
                other: self.other.participants,
            }
        }
    }
}

/// A distribution as it may be shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shown {
    /// The answers given alone reached k: every answer.
    All {
        /// Everything together.
        dist: Distribution,
        /// How many participants of `dist` are session votes.
        sessions: u32,
        /// How many participants of `dist` are from other teams.
        other: u32,
    },
    /// Only session votes and other teams' answers together reached k: those alone; the
    /// answers given alone stay hidden.
    Groups {
        /// Session votes and other teams' answers.
        dist: Distribution,
        /// How many answered alone (a count, never their choices).
        own: u32,
        /// How many participants of `dist` are session votes.
        sessions: u32,
        /// How many participants of `dist` are from other teams.
        other: u32,
    },
    /// Nothing reached k: counts only.
    Below {
        /// Answers given alone so far.
        own: u32,
        /// Session votes so far.
        sessions: u32,
        /// Participants from other teams so far.
        other: u32,
    },
}

impl Shown {
    /// The distribution that may be shown, if any.
    pub fn distribution(&self) -> Option<&Distribution> {
        match self {
            Shown::All { dist, .. } | Shown::Groups { dist, .. } => Some(dist),
            Shown::Below { .. } => None,
        }
    }

    /// How many answered, by where the answers came from (counts may always be shown).
    pub fn counts(&self) -> Counts {
        match *self {
            Shown::All { ref dist, sessions, other } => {
                Counts { own: dist.participants - sessions - other, sessions, other }
            }
            Shown::Groups { own, sessions, other, .. } | Shown::Below { own, sessions, other } => {
                Counts { own, sessions, other }
            }
        }
    }

    /// Whose answers the distribution holds.
    pub fn scope(&self) -> Scope {
        match self {
            Shown::All { .. } => Scope::All,
            Shown::Groups { .. } => Scope::Groups,
            Shown::Below { .. } => Scope::Hidden,
        }
    }

    /// Rebuilds what was shown from its scope, counts and distribution (the stats cache).
    pub fn from_parts(scope: Scope, counts: Counts, dist: Distribution) -> Shown {
        let Counts { own, sessions, other } = counts;
        match scope {
            Scope::All => Shown::All { dist, sessions, other },
            Scope::Groups => Shown::Groups { dist, own, sessions, other },
            Scope::Hidden => Shown::Below { own, sessions, other },
        }
    }
}

/// How many participants answered a dilemma, by where the answers came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Counts {
    /// Answers given alone in this team's pool.
    pub own: u32,
    /// Votes from this team's sessions.
    pub sessions: u32,
    /// Answers from other teams.
    pub other: u32,
}

/// Whose answers a shown distribution holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Answers given alone reached k: everything.
    All,
    /// Only session votes and other teams' answers (together at k or more).
    Groups,
    /// Below the threshold: counts only.
    Hidden,
}

impl Scope {
    /// The name scripts see in `wikken stats --format json`.
    pub fn name(self) -> &'static str {
        match self {
            Scope::All => "all",
            Scope::Groups => "groups",
            Scope::Hidden => "hidden",
        }
    }
}

/// `count` of `total` as a whole percentage, rounded half away from zero (0 of 0 is 0):
/// the one rounding every chart, report, export and sentence uses, so they never disagree.
pub fn percent(count: u32, total: u32) -> u32 {
    if total == 0 {
        0
    } else {
        // Invariant: count <= total in every caller, so the result is at most 100; a larger
        // count would still fit a u32 after rounding.
        (f64::from(count) * 100.0 / f64::from(total)).round() as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{PoolRecord, Tally};

    fn rec(p: &str, first: &str, date: &str) -> PoolRecord {
        crate::store::record::test_record(&format!("{p}{date}{first}"), p, first, None, date)
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
        let n = |n: u32| Distribution { participants: n, ..Distribution::default() };
        let split = |a, s, b| Split { own: n(a), sessions: n(s), other: n(b) };
        // Two real answers and four invented imported ones: nothing of the team shows.
        assert_eq!(split(2, 0, 4).shown(k), Shown::Below { own: 2, sessions: 0, other: 4 });
        // Forty from other teams: theirs alone, the team's two stay a count.
        assert!(matches!(split(2, 0, 40).shown(k), Shown::Groups { own: 2, other: 40, .. }));
        // A session of six everyone in the room knows, plus one colleague alone: only the
        // session shows, never the one answer on top of it.
        match split(1, 6, 0).shown(k) {
            Shown::Groups { dist, own, .. } => assert_eq!((dist.participants, own), (6, 1)),
            other => panic!("{other:?}"),
        }
        // The team reached k by itself: everything, with where it came from named.
        match split(5, 6, 40).shown(k) {
            Shown::All { dist, sessions, other } => {
                assert_eq!((dist.participants, sessions, other), (51, 6, 40))
            }
            other => panic!("{other:?}"),
        }
    }

    /// A distribution from counts: `first` and `after` per werkwijze, `moves` per (from, to).
    fn dist(
        participants: u32,
        first: &[(&str, u32)],
        after: &[(&str, u32)],
        moves: &[(&str, &str, u32)],
        reasoning: &[&str],
    ) -> Distribution {
        let owned =
            |pairs: &[(&str, u32)]| pairs.iter().map(|(k, n)| (k.to_string(), *n)).collect();
        Distribution {
            participants,
            first: owned(first),
            after: owned(after),
            revised: moves.iter().map(|m| m.2).sum(),
            moves: moves.iter().map(|(a, b, n)| ((a.to_string(), b.to_string()), *n)).collect(),
            reasoning: reasoning.iter().map(|r| r.to_string()).collect(),
        }
    }

    /// Every count of the three sources adds up, werkwijzen one source never chose count 0,
    /// and the counts shown beside a full distribution give each source its own share
    /// (found by `cargo mutants`: no test added the parts up before).
    #[test]
    fn the_sources_add_up_count_by_count() {
        let split = Split {
            own: dist(5, &[("a", 3), ("b", 2)], &[("a", 2), ("b", 3)], &[("a", "b", 1)], &["z"]),
            sessions: dist(6, &[("a", 4), ("c", 2)], &[("a", 4), ("c", 2)], &[], &[]),
            other: dist(2, &[("b", 2)], &[("a", 1), ("b", 1)], &[("b", "a", 1)], &["a"]),
        };
        let all = split.combined();
        assert_eq!(all.participants, 13);
        let firsts = ["a", "b", "c", "x"].map(|o| all.count(o));
        assert_eq!(firsts, [7, 4, 2, 0]);
        let afters = ["a", "b", "c", "x"].map(|o| all.after_count(o));
        assert_eq!(afters, [7, 4, 2, 0]);
        assert_eq!(all.revised, 2);
        assert_eq!(all.moves.get(&("a".to_string(), "b".to_string())), Some(&1));
        assert_eq!(all.moves.get(&("b".to_string(), "a".to_string())), Some(&1));
        assert_eq!(all.reasoning, ["a", "z"], "together, in one order that says nothing");
        let shown = split.shown(Threshold::default());
        assert_eq!(shown.counts(), Counts { own: 5, sessions: 6, other: 2 });
        assert_eq!(shown.distribution(), Some(&all));
    }

    #[test]
    fn the_scopes_carry_the_names_scripts_read() {
        // `wikken stats --format json` writes these; a script that reads them must not break.
        let names = [Scope::All, Scope::Groups, Scope::Hidden].map(Scope::name);
        assert_eq!(names, ["all", "groups", "hidden"]);
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
