//! Answering one dilemma in lines: the choice, the reasoning (ended by an empty line),
//! confidence and sharing; the answer saved through the one save path (journal first,
//! then the pool); the spiegel; one revision; and on to the next dilemma.
//!
//! Leaving (`q` or the end of the input) keeps what was typed: before the choice nothing
//! is saved and the last line says so; after the choice, a reasoning typed so far is saved
//! with it, with the confidence if given and never shared unless the person said yes; a
//! choice without any reasoning is not saved (as in the trainer, which saves only what
//! was submitted), and the last line says so too.

use std::io;

use super::io::{Input, Leave, Reply, ask, is_quit};
use super::menu::{is_back, number};
use super::pool::Written;
use super::show::{self, label};
use super::{Step, Text};
use crate::practice::{Draft, MAX_REASONING, NotSaved, latest_answer, next_dilemma, option_order};
use crate::store::Answer;

/// The reasoning as typed.
enum Typed {
    /// Ended by an empty line.
    Done(String),
    /// The person left while writing it.
    Left(String, Leave),
}

/// How one part of answering went: on to the next part with a value, or elsewhere.
enum Flow<T> {
    /// Go on with this.
    On(T),
    /// Go to this step instead (back, or leave).
    To(Step),
}

impl Text<'_> {
    /// Puts dilemma `d` of pack `p` to the person and takes their answer, then shows the
    /// spiegel and offers a revision and the next dilemma.
    pub(super) fn dilemma(&mut self, p: usize, d: usize) -> io::Result<Step> {
        let (pack, dilemma) = (&self.packs[p], &self.packs[p].dilemmas[d]);
        let order = option_order(self.seed, pack, dilemma);
        let mut draft = match self.choose(p, d, &order)? {
            Flow::On(draft) => draft,
            Flow::To(step) => return Ok(step),
        };
        let dilemma = &self.packs[p].dilemmas[d];
        let chosen = label(self.plain, dilemma, &order, &draft.choice);
        self.out.line(&self.plain.chosen(&chosen))?;
        if let Flow::To(step) = self.fill_in(&mut draft, &chosen)? {
            return Ok(step);
        }
        let i = match self.keep(&draft, p)? {
            Flow::On(i) => i,
            Flow::To(step) => return Ok(step),
        };
        self.add_to_pool(i, self.plain.saved())?;
        self.out.blank()?;
        if let Some(step) = self.spiegel(i, p, d)? {
            return Ok(step);
        }
        self.out.blank()?;
        self.next(p, d)
    }

    /// The dilemma and the choice of a werkwijze: a draft answer with it, or back, or
    /// leave (nothing of this dilemma saved, and said so).
    fn choose(&mut self, p: usize, d: usize, order: &[usize]) -> io::Result<Flow<Draft>> {
        let t = self.plain;
        let (pack, dilemma) = (&self.packs[p], &self.packs[p].dilemmas[d]);
        let latest = latest_answer(&self.answers, &pack.id, &dilemma.id);
        show::dilemma(&mut self.out, t, self.ui, pack, d, order, latest)?;
        let n = order.len();
        let reply =
            ask(&mut self.out, &mut self.input, &t.choose_prompt(n), |typed| {
                match number(t, typed, n)? {
                    Some(pos) => Ok(Some(pos)),
                    None if is_back(t, typed) => Ok(None),
                    None if typed.is_empty() => Err(t.empty_answer().to_string()),
                    None => Err(t.not_an_answer(typed)),
                }
            })?;
        let position = match reply {
            Reply::Value(Some(position)) => position,
            Reply::Value(None) => return Ok(Flow::To(Step::Pack(p))),
            Reply::Leave(leave) => {
                self.out.line(&t.left_before_choice(self.packs[p].dilemmas[d].title.as_str()))?;
                return self.leaving(leave).map(Flow::To);
            }
        };
        let (pack, dilemma) = (&self.packs[p], &self.packs[p].dilemmas[d]);
        Ok(Flow::On(Draft {
            pack: pack.id.value.clone(),
            pack_version: *pack.version,
            dilemma: dilemma.id.value.clone(),
            choice: dilemma.options[order[position]].id.value.clone(),
            reasoning: String::new(),
            confidence: None,
            share: false,
        }))
    }

    /// The reasoning (an empty one only when the person says so), the confidence and, for
    /// a written reasoning, whether to share it. Leaving part-way saves what was filled
    /// in, once there is any reasoning (`chosen` names the werkwijze in what is said).
    fn fill_in(&mut self, draft: &mut Draft, chosen: &str) -> io::Result<Flow<()>> {
        let t = self.plain;
        loop {
            match self.reasoning()? {
                Typed::Done(text) => draft.reasoning = text,
                Typed::Left(text, leave) if text.is_empty() => {
                    self.out.line(&t.left_without_reasoning(chosen))?;
                    return self.leaving(leave).map(Flow::To);
                }
                Typed::Left(text, leave) => {
                    draft.reasoning = text;
                    return self.save_and_leave(draft, chosen, leave).map(Flow::To);
                }
            }
            if !draft.reasoning.is_empty() {
                break;
            }
            match self.yes_no(t.empty_reasoning_prompt())? {
                Reply::Value(true) => break,
                Reply::Value(false) => continue,
                Reply::Leave(leave) => {
                    self.out.line(&t.left_without_reasoning(chosen))?;
                    return self.leaving(leave).map(Flow::To);
                }
            }
        }
        let reply =
            ask(&mut self.out, &mut self.input, t.confidence_prompt(), |typed| match typed {
                "" => Ok(None),
                "1" | "2" | "3" | "4" | "5" => Ok(typed.parse().ok()),
                _ => Err(t.not_a_confidence(typed)),
            })?;
        match reply {
            Reply::Value(confidence) => draft.confidence = confidence,
            Reply::Leave(leave) => return self.save_and_leave(draft, chosen, leave).map(Flow::To),
        }
        // Only a written reasoning can be shared.
        if !draft.reasoning.is_empty() {
            match self.yes_no(&t.share_prompt(self.threshold.k()))? {
                Reply::Value(share) => draft.share = share,
                Reply::Leave(leave) => {
                    return self.save_and_leave(draft, chosen, leave).map(Flow::To);
                }
            }
        }
        Ok(Flow::On(()))
    }

    /// Asks a yes/no question.
    fn yes_no(&mut self, prompt: &str) -> io::Result<Reply<bool>> {
        let t = self.plain;
        ask(&mut self.out, &mut self.input, prompt, |typed| {
            t.yes_no(typed).ok_or_else(|| t.not_yes_no(typed))
        })
    }

    /// Saves the answer to the journal; when that fails, says why, gives the reasoning
    /// back and offers to try again (not when the data folder is read-only: that cannot
    /// help). The answer's index, or where to go instead.
    fn keep(&mut self, draft: &Draft, p: usize) -> io::Result<Flow<usize>> {
        loop {
            let e = match self.commit(draft)? {
                Ok(i) => return Ok(Flow::On(i)),
                Err(e) => e,
            };
            self.not_saved(&e, draft)?;
            if self.stores.read_only.is_some() {
                return Ok(Flow::To(Step::Pack(p)));
            }
            match self.yes_no(self.plain.retry_prompt())? {
                Reply::Value(true) => continue,
                Reply::Value(false) => return Ok(Flow::To(Step::Pack(p))),
                Reply::Leave(leave) => return self.leaving(leave).map(Flow::To),
            }
        }
    }

    /// Reads the reasoning up to an empty line, `q` or the end of the input. A line that
    /// would make it longer than [`MAX_REASONING`] is not taken, and that is said.
    fn reasoning(&mut self) -> io::Result<Typed> {
        let t = self.plain;
        self.out.ask(t.reasoning_prompt())?;
        let mut lines: Vec<String> = Vec::new();
        let mut len = 0;
        loop {
            let (text, cut) = match self.input.read_line()? {
                Input::End => return Ok(Typed::Left(lines.join("\n"), Leave::End)),
                Input::Line { text, cut } => (text, cut),
            };
            if text.trim().is_empty() {
                return Ok(Typed::Done(lines.join("\n")));
            }
            if is_quit(&text) {
                return Ok(Typed::Left(lines.join("\n"), Leave::Quit));
            }
            let text = text.trim_end();
            if cut || len + text.len() + 1 > MAX_REASONING {
                self.out.ask(&t.line_not_added(MAX_REASONING))?;
                continue;
            }
            len += text.len() + 1;
            lines.push(text.to_string());
        }
    }

    /// Writes the answer to the journal and adds it to the answers; its index.
    fn commit(&mut self, draft: &Draft) -> io::Result<Result<usize, NotSaved>> {
        Ok(self.stores.save_answer(draft.clone()).map(|first| {
            self.answers.push(Answer { first, revised: None, revised_at: None });
            self.answers.len() - 1
        }))
    }

    /// Says why the answer was not saved, and the reasoning back so it can be copied.
    fn not_saved(&mut self, e: &NotSaved, draft: &Draft) -> io::Result<()> {
        self.out.line(&self.plain.not_saved(&e.reason))?;
        if !draft.reasoning.is_empty() {
            self.out.line(self.plain.reasoning_back())?;
            self.out.line(&draft.reasoning)?;
        }
        Ok(())
    }

    /// Saves what was filled in when the person leaves, and says what that is.
    fn save_and_leave(&mut self, draft: &Draft, chosen: &str, leave: Leave) -> io::Result<Step> {
        match self.commit(draft)? {
            Ok(i) => {
                let t = self.plain;
                let saved = t.left_saved(
                    chosen,
                    !draft.reasoning.is_empty(),
                    draft.confidence,
                    draft.share,
                );
                self.add_to_pool(i, &saved)?;
            }
            Err(e) => self.not_saved(&e, draft)?,
        }
        self.leaving(leave)
    }

    /// Hands answer `i`, as it stands, to the pool, and says `saved` (that it is in the
    /// journal) with how the pool took it.
    fn add_to_pool(&mut self, i: usize, saved: &str) -> io::Result<()> {
        let answer = self.answers[i].clone();
        match self.pool.write(&answer, &mut self.out, self.ui)? {
            Written::Done => {
                self.out.line(saved)?;
                self.out.line(self.plain.in_pool())
            }
            // The pool's own sentence says the answer is saved, and why the pool is not.
            Written::Failed(e) => self.out.line(&self.ui.pool_failed(&e.reason)),
            Written::Slow => {
                self.out.line(saved)?;
                self.out.line(self.plain.pool_slow())
            }
        }
    }

    /// The spiegel of answer `i` (to dilemma `d` of pack `p`), then the offer to revise it
    /// once; `Some` when the person leaves.
    fn spiegel(&mut self, i: usize, p: usize, d: usize) -> io::Result<Option<Step>> {
        let t = self.plain;
        let colleagues = self.colleagues(i, p, d)?;
        let (pack, dilemma) = (&self.packs[p], &self.packs[p].dilemmas[d]);
        let order = option_order(self.seed, pack, dilemma);
        let k = self.threshold.k();
        let answer = &self.answers[i];
        show::spiegel(&mut self.out, t, self.ui, pack, dilemma, &order, answer, &colleagues, k)?;
        self.out.blank()?;
        if answer.revised.is_some() {
            self.out.line(self.ui.spiegel_revise_done)?;
            return Ok(None);
        }
        let n = order.len();
        let reply =
            ask(&mut self.out, &mut self.input, &t.revise_prompt(n), |typed| {
                match number(t, typed, n)? {
                    Some(pos) => Ok(Some(pos)),
                    None if typed.is_empty() => Ok(None),
                    None => Err(t.not_an_answer(typed)),
                }
            })?;
        let position = match reply {
            Reply::Value(Some(position)) => position,
            Reply::Value(None) => return Ok(None),
            Reply::Leave(leave) => return self.leaving(leave).map(Some),
        };
        let dilemma = &self.packs[p].dilemmas[d];
        let choice = dilemma.options[order[position]].id.value.clone();
        let answer = self.answers[i].clone();
        if choice == answer.first.choice {
            self.out.line(t.revise_same())?;
            return Ok(None);
        }
        let from = label(t, dilemma, &order, &answer.first.choice);
        let to = label(t, dilemma, &order, &choice);
        match self.stores.save_revision(&answer, &choice) {
            Ok(at) => {
                let revised = &mut self.answers[i];
                revised.revised = Some(choice);
                revised.revised_at = Some(at);
                self.add_to_pool(i, &t.revision_saved(&from, &to))?;
            }
            Err(e) => self.out.line(&t.not_saved(&e.reason))?,
        }
        Ok(None)
    }

    /// Rereads answer `i` from my answers: its spiegel and the offer to revise it.
    pub(super) fn reread(&mut self, i: usize) -> io::Result<Step> {
        let answer = &self.answers[i];
        let found = self.packs.iter().enumerate().find_map(|(p, pack)| {
            let d = pack.dilemmas.iter().position(|d| d.id.as_str() == answer.first.dilemma)?;
            (pack.id.as_str() == answer.first.pack).then_some((p, d))
        });
        let Some((p, d)) = found else { return Ok(Step::History) };
        Ok(self.spiegel(i, p, d)?.unwrap_or(Step::Home))
    }

    /// After the spiegel: the next dilemma of the pack (the next without an answer), the
    /// pack's list, or leave.
    fn next(&mut self, p: usize, d: usize) -> io::Result<Step> {
        let t = self.plain;
        let pack = &self.packs[p];
        let next = next_dilemma(pack, &self.answers, d);
        let prompt = match next {
            Some(n) => t.next_prompt(n + 1, pack.dilemmas.len(), pack.dilemmas[n].title.as_str()),
            None => t.back_prompt(),
        };
        let reply = ask(&mut self.out, &mut self.input, &prompt, |typed| match next {
            Some(n) if typed.is_empty() => Ok(Step::Dilemma(p, n)),
            None if typed.is_empty() => Ok(Step::Pack(p)),
            _ if is_back(t, typed) => Ok(Step::Pack(p)),
            _ => Err(t.not_an_answer(typed)),
        })?;
        match reply {
            Reply::Value(step) => Ok(step),
            Reply::Leave(leave) => self.leaving(leave),
        }
    }
}
