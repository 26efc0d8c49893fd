//! "Mijn ontwikkeling": what a person's own answers say about their practice, computed from
//! the private journal alone — answers per month, themes practised and not yet, how often
//! and in which direction they revised, confidence and how it relates to revising, the
//! reasoning over time within a theme — and the "dilemma van de maand".
//!
//! One figure looks at colleagues: how often the person's first choice matched colleagues'
//! most common first choice. It uses only distributions that may be shown under the pool's
//! threshold rule ([`Tally::split`] then [`Split::shown`](crate::store::Split::shown)); a
//! dilemma whose distribution is hidden counts as "not visible", never as a match or a miss.
//! Knows nothing of the terminal or of wording.

use std::collections::BTreeMap;

use crate::ids::fnv1a;
use crate::pack::Pack;
use crate::store::{Answer, Distribution, Tally, Threshold};

/// Answers in one calendar month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Month {
    /// `YYYY-MM`.
    pub month: String,
    /// Answers given in it.
    pub answers: u32,
}

/// A theme and how much it was practised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    /// The theme as the packs name it.
    pub name: String,
    /// Answers to dilemmas with this theme.
    pub answers: u32,
    /// Dilemmas with this theme in the loaded packs.
    pub dilemmas: u32,
}

/// Where a revision went, seen against colleagues' most common first choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// To the werkwijze most colleagues chose first.
    Toward,
    /// Away from it.
    Away,
    /// Between two werkwijzen that are neither.
    Sideways,
    /// Colleagues' distribution is not visible (below the threshold, or not loaded).
    Unknown,
}

/// One revision: a first choice and the werkwijze chosen after the spiegel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    /// The dilemma's title.
    pub dilemma: String,
    /// The first choice's title.
    pub from: String,
    /// The revised choice's title.
    pub to: String,
    /// Against colleagues' most common choice.
    pub direction: Direction,
}

/// Answers at one confidence level and how many of them were revised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Confidence {
    /// Answers.
    pub answers: u32,
    /// Of which revised after the spiegel.
    pub revised: u32,
}

/// How often the first choice matched colleagues' most common first choice — colleagues'
/// without the person's own answer, which is in the pool too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Matched {
    /// Answers whose first choice was the one werkwijze colleagues chose most.
    pub matched: u32,
    /// Answers whose first choice was one of several that colleagues chose equally often
    /// (a tie: neither a match nor a miss).
    pub tied: u32,
    /// Answers with a visible distribution to compare with.
    pub compared: u32,
    /// Answers whose distribution is not visible.
    pub hidden: u32,
}

/// One answer in a theme's reasoning over time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// The dilemma's title.
    pub dilemma: String,
    /// The first choice's title.
    pub choice: String,
    /// The revised choice's title, if revised.
    pub revised: Option<String>,
    /// Confidence 1–5, if given.
    pub confidence: Option<u8>,
    /// The reasoning written.
    pub reasoning: String,
}

/// The whole overview.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Overview {
    /// Answers in all.
    pub answers: u32,
    /// Per month from the first answer to the last, months without answers included.
    pub months: Vec<Month>,
    /// Themes with answers, most practised first.
    pub practised: Vec<Theme>,
    /// Themes of the loaded packs without an answer yet, by name.
    pub not_yet: Vec<Theme>,
    /// Every revision, oldest first.
    pub revisions: Vec<Revision>,
    /// Per confidence level 1–5 (index 0 is level 1).
    pub confidence: [Confidence; 5],
    /// Answers without a confidence.
    pub no_confidence: Confidence,
    /// The matched-colleagues figure; `None` while the pool is not loaded.
    pub matched: Option<Matched>,
    /// Per practised theme (in [`Overview::practised`] order), its answers oldest first.
    pub reasoning: Vec<(String, Vec<Entry>)>,
}

impl Overview {
    /// Answers that were revised.
    pub fn revised(&self) -> u32 {
        self.revisions.len() as u32
    }

    /// How many revisions went in a direction.
    pub fn count(&self, direction: Direction) -> u32 {
        self.revisions.iter().filter(|r| r.direction == direction).count() as u32
    }

    /// The mean confidence of the answers that have one.
    pub fn mean_confidence(&self) -> Option<f64> {
        let (n, sum) =
            self.confidence.iter().enumerate().fold((0u32, 0u32), |(n, s), (i, c)| {
                (n + c.answers, s + c.answers * (i as u32 + 1))
            });
        (n > 0).then(|| f64::from(sum) / f64::from(n))
    }

    /// The mean confidence of revised and of unrevised answers (those with one).
    pub fn mean_confidence_by_revision(&self) -> (Option<f64>, Option<f64>) {
        let mean = |pick: &dyn Fn(&Confidence) -> u32| {
            let (n, sum) = self
                .confidence
                .iter()
                .enumerate()
                .fold((0, 0), |(n, s), (i, c)| (n + pick(c), s + pick(c) * (i as u32 + 1)));
            (n > 0).then(|| f64::from(sum) / f64::from(n))
        };
        (mean(&|c| c.revised), mean(&|c| c.answers - c.revised))
    }
}

/// Titles of a dilemma and its werkwijzen, or the ids when the pack is no longer loaded.
struct Names<'a> {
    packs: &'a [Pack],
}

impl Names<'_> {
    fn dilemma(&self, a: &Answer) -> Option<&crate::pack::Dilemma> {
        self.packs.iter().find(|p| p.id.as_str() == a.first.pack)?.dilemma(&a.first.dilemma)
    }

    fn title(&self, a: &Answer) -> String {
        self.dilemma(a).map_or(a.first.dilemma.clone(), |d| d.title.to_string())
    }

    fn option(&self, a: &Answer, id: &str) -> String {
        let title = self.dilemma(a).and_then(|d| d.option(id)).map(|o| o.title.to_string());
        title.unwrap_or_else(|| id.to_string())
    }

    fn themes(&self, a: &Answer) -> Vec<String> {
        self.dilemma(a).map_or_else(Vec::new, |d| d.themes.iter().map(|t| t.to_string()).collect())
    }
}

/// The werkwijze ids colleagues chose first most often, from a distribution that may be
/// shown, with the person's own first choice (`own`, which the pool holds too) taken out:
/// one id, or several when they tie.
fn most_common(dist: &Distribution, own: &str) -> Vec<String> {
    let mut counts = dist.first.clone();
    if let Some(n) = counts.get_mut(own) {
        *n = n.saturating_sub(1);
    }
    let max = counts.values().copied().max().unwrap_or(0);
    if max == 0 {
        return Vec::new();
    }
    counts.into_iter().filter(|(_, n)| *n == max).map(|(id, _)| id).collect()
}

/// The overview of `answers` (the journal, oldest first) against the loaded `packs`, with
/// the pool (and its threshold) for the one figure that compares with colleagues.
pub fn overview(answers: &[Answer], packs: &[Pack], pool: Option<(&Tally, Threshold)>) -> Overview {
    let names = Names { packs };
    let mut o = Overview { answers: answers.len() as u32, ..Overview::default() };
    o.months = per_month(answers);

    let mut themes = themes_of(packs);
    let mut by_theme: BTreeMap<String, Vec<Entry>> = BTreeMap::new();
    let mut matched = Matched::default();
    let mut colleagues = Colleagues::new(answers, pool);
    for a in answers {
        let (first, revised) = (&a.first.choice, a.revised.as_deref());
        let entry = Entry {
            date: a.first.at.get(..10).unwrap_or(&a.first.at).to_string(),
            dilemma: names.title(a),
            choice: names.option(a, first),
            revised: revised.map(|r| names.option(a, r)),
            confidence: a.first.confidence,
            reasoning: a.first.reasoning.trim().to_string(),
        };
        for t in names.themes(a) {
            if let Some(theme) = themes.get_mut(&t) {
                theme.answers += 1;
            }
            by_theme.entry(t).or_default().push(entry.clone());
        }

        // Colleagues, only as far as the threshold rule lets them be seen.
        let top = colleagues.top(a);
        matched.count(top.as_deref(), first);
        o.count_confidence(&names, a, top.as_deref());
    }
    o.matched = pool.map(|_| matched);

    let (mut practised, mut not_yet): (Vec<Theme>, Vec<Theme>) =
        themes.into_values().partition(|t| t.answers > 0);
    practised.sort_by(|a, b| b.answers.cmp(&a.answers).then_with(|| a.name.cmp(&b.name)));
    not_yet.sort_by(|a, b| a.name.cmp(&b.name));
    o.reasoning = practised
        .iter()
        .map(|t| (t.name.clone(), by_theme.remove(&t.name).unwrap_or_default()))
        .collect();
    o.practised = practised;
    o.not_yet = not_yet;
    o
}

/// Answers per month, every month from the first to the last.
fn per_month(answers: &[Answer]) -> Vec<Month> {
    let mut months: BTreeMap<String, u32> = BTreeMap::new();
    for a in answers {
        if let Some(m) = a.first.at.get(..7) {
            *months.entry(m.to_string()).or_default() += 1;
        }
    }
    fill_months(&months)
}

/// Every theme of the loaded packs with its number of dilemmas (answers still at zero).
fn themes_of(packs: &[Pack]) -> BTreeMap<String, Theme> {
    let mut themes: BTreeMap<String, Theme> = BTreeMap::new();
    for d in packs.iter().flat_map(|p| &p.dilemmas) {
        for t in &d.themes {
            let theme = themes.entry(t.to_string()).or_insert_with(|| Theme {
                name: t.to_string(),
                answers: 0,
                dilemmas: 0,
            });
            theme.dilemmas += 1;
        }
    }
    themes
}

/// Each dilemma's most common choice among colleagues, worked out once however often it
/// was answered: the pool holds the person's latest answer to it, so that one is taken out.
struct Colleagues<'a> {
    pool: Option<(&'a Tally, Threshold)>,
    tops: std::collections::HashMap<(String, u32, String), Option<Vec<String>>>,
    /// The latest first choice per (pack, version, dilemma).
    latest_first: std::collections::HashMap<(&'a str, u32, &'a str), &'a str>,
}

impl<'a> Colleagues<'a> {
    fn new(answers: &'a [Answer], pool: Option<(&'a Tally, Threshold)>) -> Self {
        let latest_first = answers
            .iter()
            .map(|a| {
                let key = (a.first.pack.as_str(), a.first.pack_version, a.first.dilemma.as_str());
                (key, a.first.choice.as_str())
            })
            .collect();
        Colleagues { pool, tops: std::collections::HashMap::new(), latest_first }
    }

    /// The werkwijzen colleagues chose most for `a`'s dilemma, or `None` when no
    /// distribution may be shown (no pool, below the threshold, nobody else).
    fn top(&mut self, a: &Answer) -> Option<Vec<String>> {
        let key = (a.first.pack.clone(), a.first.pack_version, a.first.dilemma.clone());
        let (pool, latest_first) = (self.pool, &self.latest_first);
        self.tops
            .entry(key)
            .or_insert_with(|| {
                let (tally, k) = pool?;
                let split = tally.split(&a.first.pack, a.first.pack_version, &a.first.dilemma);
                let shown = split.shown(k);
                let own = latest_first
                    .get(&(a.first.pack.as_str(), a.first.pack_version, a.first.dilemma.as_str()))
                    .copied()
                    .unwrap_or_default();
                let top = most_common(shown.distribution()?, own);
                (!top.is_empty()).then_some(top)
            })
            .clone()
    }
}

impl Matched {
    /// Counts one answer whose first choice was `first` against colleagues' `top`.
    fn count(&mut self, top: Option<&[String]>, first: &str) {
        match top {
            Some(top) => {
                self.compared += 1;
                match (top.iter().any(|t| t == first), top.len()) {
                    (true, 1) => self.matched += 1,
                    (true, _) => self.tied += 1,
                    (false, _) => {}
                }
            }
            None => self.hidden += 1,
        }
    }
}

impl Overview {
    /// Counts one answer in its confidence level, and its revision (if any) with the
    /// direction it took relative to colleagues' `top`.
    fn count_confidence(&mut self, names: &Names, a: &Answer, top: Option<&[String]>) {
        let (first, revised) = (&a.first.choice, a.revised.as_deref());
        let level = a.first.confidence.filter(|c| (1..=5).contains(c));
        let bucket = match level {
            Some(c) => &mut self.confidence[usize::from(c) - 1],
            None => &mut self.no_confidence,
        };
        bucket.answers += 1;
        if let Some(to) = revised.filter(|r| r != first) {
            bucket.revised += 1;
            let direction = match top {
                None => Direction::Unknown,
                Some(top) if top.iter().any(|t| t == to) => Direction::Toward,
                Some(top) if top.iter().any(|t| t == first) => Direction::Away,
                Some(_) => Direction::Sideways,
            };
            self.revisions.push(Revision {
                dilemma: names.title(a),
                from: names.option(a, first),
                to: names.option(a, to),
                direction,
            });
        }
    }
}

/// Every month from the first to the last key, with zero where there were no answers.
fn fill_months(months: &BTreeMap<String, u32>) -> Vec<Month> {
    let parse = |m: &str| -> Option<(i32, u32)> {
        let (y, mo) = m.split_once('-')?;
        Some((y.parse().ok()?, mo.parse().ok()?))
    };
    let (Some(first), Some(last)) = (
        months.keys().next().and_then(|m| parse(m)),
        months.keys().next_back().and_then(|m| parse(m)),
    ) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let (mut y, mut m) = first;
    // Bounded: a journal spans years, not millennia; a damaged date cannot loop forever.
    while (y, m) <= last && out.len() < 1200 {
        let key = format!("{y:04}-{m:02}");
        out.push(Month { answers: months.get(&key).copied().unwrap_or(0), month: key });
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    out
}

/// The dilemma of the month: one per calendar month, the same for everyone with the same
/// packs (Kopkrakers sends one dilemma a month to all), skipping dilemmas this person had
/// already answered before the month began. Answering it keeps it the month's dilemma, now
/// answered. `month` is `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthDilemma {
    /// Index into the packs.
    pub pack: usize,
    /// Index into the pack's dilemmas.
    pub dilemma: usize,
    /// Whether it was answered this month.
    pub answered: bool,
}

/// See [`MonthDilemma`]; `None` when every dilemma was answered before this month.
pub fn month_dilemma(packs: &[Pack], answers: &[Answer], month: &str) -> Option<MonthDilemma> {
    let answered_before = |pack: &str, dilemma: &str| {
        answers.iter().any(|a| {
            a.first.pack == pack
                && a.first.dilemma == dilemma
                && a.first.at.get(..7).is_some_and(|m| m < month)
        })
    };
    let mut candidates: Vec<(u64, usize, usize)> = packs
        .iter()
        .enumerate()
        .flat_map(|(p, pack)| {
            pack.dilemmas.iter().enumerate().map(move |(d, dilemma)| {
                let key = format!("{month}/{}/{}", pack.id.as_str(), dilemma.id.as_str());
                (fnv1a(key.as_bytes()), p, d)
            })
        })
        .collect();
    candidates.sort_unstable();
    let (_, p, d) = candidates.into_iter().find(|&(_, p, d)| {
        !answered_before(packs[p].id.as_str(), packs[p].dilemmas[d].id.as_str())
    })?;
    let (pack, dilemma) = (&packs[p], &packs[p].dilemmas[d]);
    let answered = answers.iter().any(|a| {
        a.first.pack == pack.id.as_str()
            && a.first.dilemma == dilemma.id.as_str()
            && a.first.at.get(..7) == Some(month)
    });
    Some(MonthDilemma { pack: p, dilemma: d, answered })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{NewAnswer, PoolRecord};

    fn pack() -> Pack {
        crate::pack::check_text(include_str!("../tests/packs/tui/oefen.ron")).pack.expect("pack")
    }

    fn answer(
        dilemma: &str,
        choice: &str,
        revised: Option<&str>,
        at: &str,
        c: Option<u8>,
    ) -> Answer {
        Answer {
            first: NewAnswer {
                id: format!("{dilemma}{at}"),
                pack: "oefen".into(),
                pack_version: 1,
                dilemma: dilemma.into(),
                choice: choice.into(),
                reasoning: format!("Waarom {choice} op {at}"),
                confidence: c,
                share: false,
                at: format!("{at}T09:00:00Z"),
            },
            revised: revised.map(String::from),
            revised_at: None,
        }
    }

    /// A pool with `n` colleagues choosing each (dilemma, werkwijze) first, own answers.
    fn pool(counts: &[(&str, &str, u32)]) -> Tally {
        let mut t = Tally::new(false);
        for (d, choice, n) in counts {
            for i in 0..*n {
                t.add(&PoolRecord {
                    rid: format!("{d}{choice}{i}"),
                    pack: "oefen".into(),
                    v: 1,
                    dilemma: (*d).into(),
                    first: (*choice).into(),
                    revised: None,
                    p: format!("{d}{choice}{i}"),
                    date: "2026-01-01".into(),
                    reasoning: None,
                });
            }
        }
        t
    }

    #[test]
    fn months_themes_and_reasoning_over_time() {
        let answers = [
            answer("te-laat", "regel", None, "2026-01-10", Some(2)),
            answer("huisbezoek", "bellen", Some("langs"), "2026-03-02", Some(4)),
            answer("te-laat", "clausule", None, "2026-03-20", None),
        ];
        let o = overview(&answers, &[pack()], None);
        assert_eq!(o.answers, 3);
        let months: Vec<(&str, u32)> =
            o.months.iter().map(|m| (m.month.as_str(), m.answers)).collect();
        assert_eq!(months, [("2026-01", 1), ("2026-02", 0), ("2026-03", 2)]);
        let practised: Vec<(&str, u32, u32)> =
            o.practised.iter().map(|t| (t.name.as_str(), t.answers, t.dilemmas)).collect();
        assert_eq!(practised, [("vertrouwen", 3, 2), ("regels en ruimte", 2, 1)]);
        assert!(o.not_yet.is_empty());
        // Within a theme, oldest first, with the choice as it was then.
        let (theme, entries) = &o.reasoning[1];
        assert_eq!(theme, "regels en ruimte");
        let seen: Vec<(&str, &str)> =
            entries.iter().map(|e| (e.date.as_str(), e.choice.as_str())).collect();
        assert_eq!(
            seen,
            [("2026-01-10", "De regel volgen"), ("2026-03-20", "De hardheidsclausule toepassen")]
        );
        assert_eq!(entries[0].reasoning, "Waarom regel op 2026-01-10");
        assert_eq!(o.matched, None, "no pool loaded: no comparison at all");
    }

    #[test]
    fn themes_not_yet_practised() {
        let o =
            overview(&[answer("huisbezoek", "bellen", None, "2026-01-10", None)], &[pack()], None);
        let not_yet: Vec<&str> = o.not_yet.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(not_yet, ["regels en ruimte"]);
        assert_eq!(overview(&[], &[pack()], None).not_yet.len(), 2);
    }

    #[test]
    fn revisions_confidence_and_their_relation() {
        let answers = [
            answer("te-laat", "regel", Some("clausule"), "2026-01-10", Some(2)),
            answer("huisbezoek", "bellen", Some("langs"), "2026-01-11", Some(2)),
            answer("te-laat", "overleg", None, "2026-02-01", Some(5)),
            answer("huisbezoek", "langs", None, "2026-02-02", Some(5)),
            answer("huisbezoek", "langs", Some("langs"), "2026-02-03", None),
        ];
        let o = overview(&answers, &[pack()], None);
        assert_eq!(o.revised(), 2, "a 'revision' to the same werkwijze is none");
        assert_eq!(o.confidence[1], Confidence { answers: 2, revised: 2 });
        assert_eq!(o.confidence[4], Confidence { answers: 2, revised: 0 });
        assert_eq!(o.no_confidence, Confidence { answers: 1, revised: 0 });
        assert_eq!(o.mean_confidence(), Some(3.5));
        assert_eq!(o.mean_confidence_by_revision(), (Some(2.0), Some(5.0)));
        assert_eq!(o.revisions[0].from, "De regel volgen");
        assert_eq!(o.revisions[0].to, "De hardheidsclausule toepassen");
        assert_eq!(o.count(Direction::Unknown), 2, "no pool: direction unknown");
    }

    #[test]
    fn matching_colleagues_uses_only_visible_distributions() {
        let k = Threshold::default();
        // te-laat: 4 chose "regel", 2 "overleg" (visible: 6 ≥ 5). huisbezoek: 3 (hidden).
        let tally =
            pool(&[("te-laat", "regel", 4), ("te-laat", "overleg", 2), ("huisbezoek", "langs", 3)]);
        let answers = [
            answer("te-laat", "regel", None, "2026-01-10", None),
            answer("te-laat", "overleg", Some("regel"), "2026-01-11", None),
            answer("te-laat", "regel", Some("clausule"), "2026-01-12", None),
            answer("huisbezoek", "langs", Some("bellen"), "2026-01-13", None),
        ];
        let o = overview(&answers, &[pack()], Some((&tally, k)));
        assert_eq!(o.matched, Some(Matched { matched: 2, tied: 0, compared: 3, hidden: 1 }));
        let directions: Vec<Direction> = o.revisions.iter().map(|r| r.direction).collect();
        assert_eq!(directions, [Direction::Toward, Direction::Away, Direction::Unknown]);
        // At k the distribution shows; one below it, the answer is "not visible", never a
        // match or a miss.
        let five = pool(&[("te-laat", "regel", 5)]);
        let o = overview(&answers[..1], &[pack()], Some((&five, k)));
        assert_eq!(o.matched, Some(Matched { matched: 1, tied: 0, compared: 1, hidden: 0 }));
        let four = pool(&[("te-laat", "regel", 4)]);
        let o = overview(&answers[..1], &[pack()], Some((&four, k)));
        assert_eq!(o.matched, Some(Matched { matched: 0, tied: 0, compared: 0, hidden: 1 }));
    }

    #[test]
    fn colleagues_are_counted_without_the_persons_own_answer_and_ties_are_ties() {
        let k = Threshold::default();
        let answer = [answer("te-laat", "regel", None, "2026-01-10", None)];
        // 4/4/4 with the person's own "regel" among them: colleagues chose 3/4/4, so the
        // most common are "overleg" and "clausule" (a tie), and "regel" is no match.
        let even =
            pool(&[("te-laat", "regel", 4), ("te-laat", "overleg", 4), ("te-laat", "clausule", 4)]);
        let o = overview(&answer, &[pack()], Some((&even, k)));
        assert_eq!(o.matched, Some(Matched { matched: 0, tied: 0, compared: 1, hidden: 0 }));
        // 5/4 with the own "regel": colleagues 4/4, a tie that includes the own choice.
        let tie = pool(&[("te-laat", "regel", 5), ("te-laat", "overleg", 4)]);
        let o = overview(&answer, &[pack()], Some((&tie, k)));
        assert_eq!(o.matched, Some(Matched { matched: 0, tied: 1, compared: 1, hidden: 0 }));
        // 6/4 with the own "regel": colleagues 5/4, a match.
        let clear = pool(&[("te-laat", "regel", 6), ("te-laat", "overleg", 4)]);
        let o = overview(&answer, &[pack()], Some((&clear, k)));
        assert_eq!(o.matched, Some(Matched { matched: 1, tied: 0, compared: 1, hidden: 0 }));
        // The person alone chose something: without them, nobody did; not a match.
        let alone = pool(&[("te-laat", "regel", 1), ("te-laat", "overleg", 4)]);
        let o = overview(&answer, &[pack()], Some((&alone, k)));
        assert_eq!(o.matched, Some(Matched { matched: 0, tied: 0, compared: 1, hidden: 0 }));
    }

    #[test]
    fn one_dilemma_a_month_the_same_for_everyone_until_answered_before() {
        let packs = [pack()];
        let a = month_dilemma(&packs, &[], "2026-03").expect("a dilemma");
        assert_eq!(month_dilemma(&packs, &[], "2026-03"), Some(a), "stable within the month");
        assert!(!a.answered);
        let id = packs[0].dilemmas[a.dilemma].id.to_string();
        // Answered this month: still this month's, now answered.
        let now = [answer(&id, "x", None, "2026-03-15", None)];
        assert_eq!(
            month_dilemma(&packs, &now, "2026-03"),
            Some(MonthDilemma { answered: true, ..a })
        );
        // Answered before the month: another one.
        let before = [answer(&id, "x", None, "2026-02-15", None)];
        let b = month_dilemma(&packs, &before, "2026-03").expect("another");
        assert_ne!(b.dilemma, a.dilemma);
        // Both answered before: none left.
        let other = packs[0].dilemmas[b.dilemma].id.to_string();
        let all = [before[0].clone(), answer(&other, "x", None, "2026-01-01", None)];
        assert_eq!(month_dilemma(&packs, &all, "2026-03"), None);
        // Over a year the pick changes with the month (two dilemmas: not always the same).
        let picks: std::collections::HashSet<usize> = (1..=12)
            .filter_map(|m| month_dilemma(&packs, &[], &format!("2026-{m:02}")))
            .map(|d| d.dilemma)
            .collect();
        assert_eq!(picks.len(), 2);
    }
}
