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

    /// First-choice count for a werkwijze.
    pub fn count(&self, option: &str) -> u32 {
        self.first.get(option).copied().unwrap_or(0)
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
    fn other_versions_do_not_count() {
        let mut r = rec("x", "a", "2026-01-01");
        r.v = 2;
        let mut tally = Tally::new(false);
        tally.add(&r);
        assert_eq!(tally.distribution("p", 1, "d").participants, 0);
    }
}
