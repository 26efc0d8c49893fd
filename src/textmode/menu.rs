//! The text mode's lists: the packs (with my answers and my development), a pack's
//! dilemmas, my answers, and "Mijn ontwikkeling".

use std::io;

use super::io::{Reply, ask};
use super::show::{self, AnswerView, Colleagues};
use super::{Step, Text};
use crate::i18n::DevelopmentText;
use crate::pack::Pack;
use crate::practice::{first_unanswered, latest_answer, option_order};
use crate::store::Answer;

/// A number from 1 to `max` as typed, or why it is not one; `Ok(None)` for anything that
/// is not a number at all (the caller knows what else may be typed).
pub(super) fn number(
    t: crate::i18n::PlainText,
    typed: &str,
    max: usize,
) -> Result<Option<usize>, String> {
    match typed.parse::<usize>() {
        Ok(n) if (1..=max).contains(&n) => Ok(Some(n - 1)),
        Ok(_) => Err(t.out_of_range(typed, max)),
        Err(_) if typed.chars().all(|c| c.is_ascii_digit()) && !typed.is_empty() => {
            Err(t.out_of_range(typed, max))
        }
        Err(_) => Ok(None),
    }
}

/// One of my answers with its pack, dilemma and werkwijze order, if still loaded.
fn answer_view<'a>(
    packs: &'a [Pack],
    answers: &'a [Answer],
    seed: u64,
    i: usize,
) -> AnswerView<'a> {
    let answer = &answers[i];
    let pack = packs.iter().find(|p| p.id.as_str() == answer.first.pack);
    let found = pack.and_then(|p| p.dilemma(&answer.first.dilemma).map(|d| (p, d)));
    let order = found.map(|(p, d)| option_order(seed, p, d)).unwrap_or_default();
    AnswerView { answer, found, order }
}

/// Whether `typed` is the letter `key` (either case).
fn is(typed: &str, key: &str) -> bool {
    typed.eq_ignore_ascii_case(key)
}

/// Whether `typed` goes back: this language's letter, or the other's (`t` or `b`).
pub(super) fn is_back(t: crate::i18n::PlainText, typed: &str) -> bool {
    is(typed, t.back_key()) || is(typed, "t") || is(typed, "b")
}

impl Text<'_> {
    /// The packs, then a question: a pack, my answers, my development, or leave.
    pub(super) fn home(&mut self) -> io::Result<Step> {
        let t = self.plain;
        if self.packs.is_empty() {
            self.out.line(self.ui.home_no_packs)?;
        }
        for (i, pack) in self.packs.iter().enumerate() {
            let answered = pack
                .dilemmas
                .iter()
                .filter(|d| latest_answer(&self.answers, &pack.id, &d.id).is_some())
                .count();
            self.out.line(&t.pack_line(
                i + 1,
                self.packs.len(),
                pack.title.as_str(),
                pack.dilemmas.len(),
                answered,
                pack.summary.as_str(),
            ))?;
        }
        let packs = self.packs.len();
        let reply = ask(&mut self.out, &mut self.input, &t.home_prompt(packs), |typed| {
            if let Some(p) = number(t, typed, packs)? {
                return Ok(Step::Pack(p));
            }
            // Both languages' letters work; the prompt names this language's.
            if is(typed, t.history_key()) {
                Ok(Step::History)
            } else if is(typed, "o") || is(typed, "d") {
                Ok(Step::Development)
            } else if typed.is_empty() {
                Err(t.empty_answer().to_string())
            } else {
                Err(t.not_an_answer(typed))
            }
        })?;
        match reply {
            Reply::Value(step) => Ok(step),
            Reply::Leave(leave) => self.leaving(leave),
        }
    }

    /// A pack's dilemmas, each with the date of my latest answer, then a question: a
    /// dilemma (Enter: the first without an answer), back, or leave.
    pub(super) fn pack(&mut self, p: usize) -> io::Result<Step> {
        let t = self.plain;
        let pack = &self.packs[p];
        let total = pack.dilemmas.len();
        let latest = |d: usize| latest_answer(&self.answers, &pack.id, &pack.dilemmas[d].id);
        let answered = (0..total).filter(|&d| latest(d).is_some()).count();
        self.out.line(&t.pack_heading(pack.title.as_str(), total, answered))?;
        if total == 0 {
            // `check` warns about such a pack; here it is simply nothing to choose.
            return Ok(Step::Home);
        }
        for (i, d) in pack.dilemmas.iter().enumerate() {
            let date = latest(i).map(|a| self.ui.date(&a.first.at));
            self.out.line(&t.dilemma_line(i + 1, total, d.title.as_str(), date.as_deref()))?;
        }
        let open = first_unanswered(pack, &self.answers);
        let prompt = t.pack_prompt(total, open.map(|d| d + 1));
        let reply = ask(&mut self.out, &mut self.input, &prompt, |typed| {
            if let Some(d) = number(t, typed, total)? {
                return Ok(Step::Dilemma(p, d));
            }
            match open {
                Some(d) if typed.is_empty() => Ok(Step::Dilemma(p, d)),
                _ if is_back(t, typed) => Ok(Step::Home),
                _ if typed.is_empty() => Err(t.empty_answer().to_string()),
                _ => Err(t.not_an_answer(typed)),
            }
        })?;
        match reply {
            Reply::Value(step) => Ok(step),
            Reply::Leave(leave) => self.leaving(leave),
        }
    }

    /// My answers, newest first, each in full; then a question: read an answer's spiegel
    /// (and revise it, if it was not revised yet), back, or leave.
    pub(super) fn history(&mut self) -> io::Result<Step> {
        let t = self.plain;
        if self.answers.is_empty() {
            self.out.line(self.ui.history_empty)?;
            return Ok(Step::Home);
        }
        let total = self.answers.len();
        self.out.line(&t.history_heading(total))?;
        let newest_first: Vec<usize> = (0..total).rev().collect();
        for (n, &i) in newest_first.iter().enumerate() {
            let view = answer_view(&self.packs, &self.answers, self.seed, i);
            self.out.blank()?;
            show::answer(&mut self.out, t, self.ui, n + 1, total, &view)?;
        }
        self.out.blank()?;
        let reply = ask(&mut self.out, &mut self.input, &t.history_prompt(total), |typed| {
            match number(t, typed, total)? {
                Some(n) => Ok(Some(newest_first[n])),
                None if typed.is_empty() => Ok(None),
                None => Err(t.not_an_answer(typed)),
            }
        })?;
        match reply {
            Reply::Value(Some(i)) => {
                let found = answer_view(&self.packs, &self.answers, self.seed, i).found.is_some();
                if !found {
                    self.out.line(self.ui.answer_unknown_dilemma)?;
                    return Ok(Step::History);
                }
                self.out.blank()?;
                self.reread(i)
            }
            Reply::Value(None) => Ok(Step::Home),
            Reply::Leave(leave) => self.leaving(leave),
        }
    }

    /// "Mijn ontwikkeling", from the journal (and, for the one figure that compares with
    /// colleagues, only what the threshold lets be seen), then back to the packs.
    pub(super) fn development(&mut self) -> io::Result<Step> {
        let tally = self.pool.tally(&mut self.out, self.ui)?;
        let pool = tally.map(|tally| (tally, self.threshold));
        let overview = crate::development::overview(&self.answers, &self.packs, pool);
        let text = DevelopmentText(self.plain.0);
        show::development(&mut self.out, self.plain, text, &overview)?;
        Ok(Step::Home)
    }

    /// What the spiegel of answer `i` (to dilemma `d` of pack `p`) shows of colleagues now.
    pub(super) fn colleagues(&mut self, i: usize, p: usize, d: usize) -> io::Result<Colleagues> {
        let Some(tally) = self.pool.tally(&mut self.out, self.ui)? else {
            return Ok(Colleagues::NotLoaded);
        };
        let pack = &self.packs[p];
        let shown = crate::practice::colleagues(tally, pack, &pack.dilemmas[d], self.threshold);
        let own = self.answers.get(i);
        let shared = crate::practice::shared_reasoning(&shown, own, &mut self.rng);
        Ok(Colleagues::Shown(Box::new(shown), shared))
    }
}
