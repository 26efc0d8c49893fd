//! Distributions for the spiegel, and the anonymity threshold that guards them.
//!
//! A distribution counts *participants*, not answers: a participant who answered a dilemma
//! twice counts once, with their latest answer. It is shown only when at least k distinct
//! participants answered; below that only the count so far is shown.

use std::collections::HashMap;

use super::pool::PoolRecord;

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

/// The distribution for one dilemma of one pack version.
pub fn distribution<'a>(
    records: impl IntoIterator<Item = &'a PoolRecord>,
    pack: &str,
    version: u32,
    dilemma: &str,
) -> Distribution {
    // Latest record per participant; records come in file order and dates only have day
    // precision, so a later date wins and on the same date the later record does.
    let mut latest: HashMap<&str, &PoolRecord> = HashMap::new();
    for r in records {
        if r.pack != pack || r.v != version || r.dilemma != dilemma {
            continue;
        }
        match latest.get(r.p.as_str()) {
            Some(prev) if prev.date > r.date => {}
            _ => {
                latest.insert(&r.p, r);
            }
        }
    }
    let mut d = Distribution { participants: latest.len() as u32, ..Distribution::default() };
    for r in latest.values() {
        *d.first.entry(r.first.clone()).or_default() += 1;
        let after = r.revised.as_ref().unwrap_or(&r.first);
        *d.after.entry(after.clone()).or_default() += 1;
        if after != &r.first {
            d.revised += 1;
        }
        if let Some(text) = r.reasoning.as_ref().filter(|t| !t.trim().is_empty()) {
            d.reasoning.push(text.clone());
        }
    }
    // Sorted, so the order says nothing about who wrote what or when; the spiegel
    // shuffles it for display.
    d.reasoning.sort();
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(p: &str, first: &str, revised: Option<&str>, date: &str) -> PoolRecord {
        PoolRecord {
            rid: format!("{p}{date}{first}"),
            pack: "p".into(),
            v: 1,
            dilemma: "d".into(),
            first: first.into(),
            revised: revised.map(Into::into),
            p: p.into(),
            date: date.into(),
            reasoning: None,
        }
    }

    #[test]
    fn threshold_never_below_three() {
        assert_eq!(Threshold::new(1).k(), 3);
        assert_eq!(Threshold::new(7).k(), 7);
        assert_eq!(Threshold::default().k(), 5);
    }

    #[test]
    fn participants_count_once_with_latest_answer() {
        let records = vec![
            rec("x", "a", None, "2026-01-01"),
            rec("x", "b", Some("c"), "2026-02-01"),
            rec("y", "a", None, "2026-01-05"),
            rec("z", "a", Some("a"), "2026-01-05"),
        ];
        let d = distribution(&records, "p", 1, "d");
        assert_eq!(d.participants, 3);
        assert_eq!(d.count("a"), 2);
        assert_eq!(d.count("b"), 1);
        assert_eq!(d.after.get("c"), Some(&1));
        assert_eq!(d.revised, 1);
    }

    #[test]
    fn threshold_boundaries() {
        let k = Threshold::default();
        for (n, visible) in [(4, false), (5, true), (6, true)] {
            let records: Vec<_> =
                (0..n).map(|i| rec(&format!("p{i}"), "a", None, "2026-01-01")).collect();
            // One participant answering twice must not push the count over.
            let mut with_repeat = records.clone();
            with_repeat.push(rec("p0", "b", None, "2026-01-02"));
            assert_eq!(distribution(&with_repeat, "p", 1, "d").visible(k), visible, "n = {n}");
        }
    }

    #[test]
    fn other_versions_do_not_count() {
        let mut r = rec("x", "a", None, "2026-01-01");
        r.v = 2;
        assert_eq!(distribution(&[r], "p", 1, "d").participants, 0);
    }
}
