//! What the text mode writes, as sentences: a dilemma, the spiegel, one of my answers, and
//! "Mijn ontwikkeling". The same content, in the same order, as the trainer's screens;
//! every text passes [`Out::line`], which cleans it.

use std::io;

use super::io::Out;
use crate::development::Overview;
use crate::i18n::{DevelopmentText, Item, Mine, PlainText, UiText};
use crate::pack::{Citations, Dilemma, Note, Pack, by_kind, paragraphs};
use crate::practice::checked_as_of;
use crate::store::{Answer, Distribution, Shown, percent};

/// A text that may hold paragraphs, as one line.
fn flat(text: &str) -> String {
    paragraphs(text).join(" ")
}

/// "werkwijze 2 (Titel)": the werkwijze with this id, numbered in this person's order.
pub fn label(t: PlainText, d: &Dilemma, order: &[usize], id: &str) -> String {
    let n = order.iter().position(|&i| d.options[i].id.as_str() == id).map(|p| p + 1);
    let title = d.option(id).map_or(id, |o| o.title.as_str());
    t.label(n, title)
}

/// A dilemma as it is put to the person: its number, title, themes, case, question and
/// werkwijzen in `order`; `latest` is their latest answer to it, if any.
pub fn dilemma(
    out: &mut Out,
    t: PlainText,
    ui: &UiText,
    pack: &Pack,
    index: usize,
    order: &[usize],
    latest: Option<&Answer>,
) -> io::Result<()> {
    let d = &pack.dilemmas[index];
    out.line(&t.dilemma_heading(index + 1, pack.dilemmas.len(), d.title.as_str()))?;
    let themes: Vec<&str> = d.themes.iter().map(|t| t.as_str()).collect();
    if !themes.is_empty() {
        out.line(&t.themes(&themes))?;
    }
    for paragraph in d.case_paragraphs() {
        out.blank()?;
        out.line(&paragraph)?;
    }
    out.blank()?;
    if let Some(a) = latest {
        out.line(&t.answered_before(&ui.date(&a.first.at)))?;
    }
    out.line(&t.question(d.question.as_str()))?;
    for (pos, &i) in order.iter().enumerate() {
        let o = &d.options[i];
        out.line(&t.werkwijze(pos + 1, order.len(), o.title.as_str(), &flat(&o.text)))?;
    }
    Ok(())
}

/// What the spiegel knows of colleagues.
pub enum Colleagues {
    /// The pool was not counted in time.
    NotLoaded,
    /// What the threshold lets be shown, and the shared reasoning in the order to show it.
    Shown(Box<Shown>, Vec<String>),
}

/// The spiegel after an answer: the person's choice, colleagues' distribution as
/// sentences (or the threshold sentence), the reasoning, each werkwijze's onderbouwing,
/// the notes by kind, what colleagues considered, the sources in full and the intervisie
/// questions.
#[allow(clippy::too_many_arguments)]
pub fn spiegel(
    out: &mut Out,
    t: PlainText,
    ui: &UiText,
    pack: &Pack,
    d: &Dilemma,
    order: &[usize],
    answer: &Answer,
    colleagues: &Colleagues,
    k: u32,
) -> io::Result<()> {
    let s = Mirror { t, ui, d, order, answer };
    let name = |id: &str| label(t, d, order, id);
    out.line(&t.spiegel_heading(d.title.as_str()))?;
    let revised = answer.revised.as_deref().map(name);
    out.line(&t.your_choice(&name(&answer.first.choice), revised.as_deref()))?;

    let shared = s.colleagues(out, colleagues, k)?;
    s.reasoning(out)?;
    let mut citations = Citations::default();
    s.onderbouwing(out, &mut citations)?;
    s.shared(out, shared)?;
    sources(out, ui, pack, &citations)?;
    s.questions(out)
}

/// What every section of the text-mode spiegel needs.
struct Mirror<'a> {
    t: PlainText,
    ui: &'a UiText,
    d: &'a Dilemma,
    order: &'a [usize],
    answer: &'a Answer,
}

impl<'a> Mirror<'a> {
    /// How colleagues chose, as sentences, or why that cannot be said. Returns the shared
    /// reasoning to show further down: none unless a distribution was shown.
    fn colleagues<'c>(
        &self,
        out: &mut Out,
        colleagues: &'c Colleagues,
        k: u32,
    ) -> io::Result<&'c [String]> {
        let (t, ui) = (self.t, self.ui);
        out.blank()?;
        out.line(ui.spiegel_colleagues)?;
        Ok(match colleagues {
            Colleagues::NotLoaded => {
                out.line(t.pool_not_loaded())?;
                &[][..]
            }
            Colleagues::Shown(shown, shared) => {
                match &**shown {
                    Shown::All { dist, .. } => {
                        let counts = shown.counts();
                        out.line(&t.answered(dist.participants, counts.sessions, counts.other))?;
                    }
                    Shown::Groups { .. } | Shown::Below { .. } => {
                        out.line(&ui.spiegel_caption(shown, k))?
                    }
                }
                match shown.distribution() {
                    Some(dist) => {
                        shares(out, t, self.d, self.order, self.answer, dist)?;
                        &shared[..]
                    }
                    None => &[][..],
                }
            }
        })
    }

    /// The person's own reasoning.
    fn reasoning(&self, out: &mut Out) -> io::Result<()> {
        let ui = self.ui;
        out.blank()?;
        out.line(ui.spiegel_your_reasoning)?;
        if self.answer.first.reasoning.trim().is_empty() {
            out.line(ui.spiegel_no_reasoning)
        } else {
            out.line(&self.answer.first.reasoning)
        }
    }

    /// Each werkwijze's onderbouwing, then the dilemma's notes under one heading per kind:
    /// never a practice story under "Wat onderzoek zegt"; the law with the month it was
    /// checked. Sources are numbered into `citations` as they appear.
    fn onderbouwing(&self, out: &mut Out, citations: &mut Citations<'a>) -> io::Result<()> {
        let (t, ui, d) = (self.t, self.ui, self.d);
        out.blank()?;
        out.line(ui.spiegel_onderbouwing)?;
        for (pos, &i) in self.order.iter().enumerate() {
            let o = &d.options[i];
            out.line(&t.onderbouwing_of(
                pos + 1,
                o.title.as_str(),
                o.id.as_str() == self.answer.current_choice(),
            ))?;
            if o.notes.is_empty() {
                out.line(t.no_onderbouwing())?;
            }
            notes(out, ui, &o.notes, citations, |heading, text| t.note(heading, text))?;
        }
        for (kind, group) in by_kind(&d.notes) {
            out.blank()?;
            out.line(&ui.kind_heading(kind, checked_as_of(kind, &group)))?;
            for note in group {
                out.line(&format!("{}{}", flat(&note.text), citations.marks(note)))?;
            }
        }
        Ok(())
    }

    /// What colleagues considered, numbered.
    fn shared(&self, out: &mut Out, shared: &[String]) -> io::Result<()> {
        if !shared.is_empty() {
            out.blank()?;
            out.line(self.ui.spiegel_shared_reasoning)?;
            for (n, text) in shared.iter().enumerate() {
                out.line(&self.t.shared(n + 1, shared.len(), &flat(text)))?;
            }
        }
        Ok(())
    }

    /// The intervisie questions, numbered.
    fn questions(&self, out: &mut Out) -> io::Result<()> {
        let d = self.d;
        if !d.questions.is_empty() {
            out.blank()?;
            out.line(self.ui.spiegel_questions)?;
            for (n, q) in d.questions.iter().enumerate() {
                out.line(&self.t.intervisie_question(n + 1, d.questions.len(), q.as_str()))?;
            }
        }
        Ok(())
    }
}

/// The cited sources in full, numbered as cited.
fn sources(out: &mut Out, ui: &UiText, pack: &Pack, citations: &Citations) -> io::Result<()> {
    if !citations.order.is_empty() {
        out.blank()?;
        out.line(ui.spiegel_sources)?;
        for (n, id) in citations.order.iter().enumerate() {
            let Some(source) = pack.source(id) else { continue };
            let url = source.url.as_ref().map(|u| format!(" {}", u.as_str())).unwrap_or_default();
            out.line(&format!("[{}] {}{url}", n + 1, source.citation.as_str()))?;
        }
    }
    Ok(())
}

/// One sentence per werkwijze: how many chose it first (and after the spiegel, once
/// anyone revised), with its percentage, and whether it is the person's.
fn shares(
    out: &mut Out,
    t: PlainText,
    d: &Dilemma,
    order: &[usize],
    answer: &Answer,
    dist: &Distribution,
) -> io::Result<()> {
    let n = dist.participants;
    let after = dist.revised > 0 || answer.revised.is_some();
    for (pos, &i) in order.iter().enumerate() {
        let id = d.options[i].id.as_str();
        let first = dist.count(id);
        let later = after.then(|| (dist.after_count(id), percent(dist.after_count(id), n)));
        let mine = if id == answer.current_choice() {
            Mine::Now
        } else if answer.revised.is_some() && id == answer.first.choice {
            Mine::First
        } else {
            Mine::No
        };
        out.line(&t.share_line(pos + 1, (first, percent(first, n)), later, mine))?;
    }
    if dist.revised > 0 {
        out.line(&t.revised_count(dist.revised))?;
    }
    Ok(())
}

/// A werkwijze's notes grouped by kind, each on a line of its own with its kind before it
/// and its citation marks after it.
fn notes<'p>(
    out: &mut Out,
    ui: &UiText,
    notes: &'p [Note],
    citations: &mut Citations<'p>,
    line: impl Fn(&str, &str) -> String,
) -> io::Result<()> {
    for (kind, group) in by_kind(notes) {
        let heading = ui.kind_heading(kind, checked_as_of(kind, &group));
        for note in group {
            out.line(&line(&heading, &format!("{}{}", flat(&note.text), citations.marks(note))))?;
        }
    }
    Ok(())
}

/// One of my answers: date, dilemma, choice and revision (numbered in this person's
/// order), confidence, sharing, and the reasoning in full.
pub struct AnswerView<'a> {
    /// The answer.
    pub answer: &'a Answer,
    /// Its pack and dilemma, if still loaded.
    pub found: Option<(&'a Pack, &'a Dilemma)>,
    /// The werkwijze order of that dilemma for this person.
    pub order: Vec<usize>,
}

/// Writes one of my answers as number `n` of `total`.
pub fn answer(
    out: &mut Out,
    t: PlainText,
    ui: &UiText,
    n: usize,
    total: usize,
    view: &AnswerView,
) -> io::Result<()> {
    let a = view.answer;
    let (pack, title) = match view.found {
        Some((p, d)) => (p.title.as_str(), d.title.as_str()),
        None => (a.first.pack.as_str(), a.first.dilemma.as_str()),
    };
    out.line(&t.answer_heading(n, total, &ui.date(&a.first.at), title, pack))?;
    let name = |id: &str| match view.found {
        Some((_, d)) => label(t, d, &view.order, id),
        None => id.to_string(),
    };
    if view.found.is_none() {
        out.line(ui.answer_unknown_dilemma)?;
    }
    out.line(&t.answer_choice(&name(&a.first.choice)))?;
    if let Some(r) = &a.revised {
        let date = a.revised_at.as_deref().map(|d| ui.date(d));
        out.line(&t.answer_revised(date.as_deref(), &name(r)))?;
    }
    out.line(&t.answer_details(a.first.confidence, a.first.share))?;
    if a.first.reasoning.trim().is_empty() {
        out.line(ui.spiegel_no_reasoning)
    } else {
        out.line(t.answer_reasoning())?;
        out.line(&a.first.reasoning)
    }
}

/// "Mijn ontwikkeling" with every theme's reasoning over time: the same sections as the
/// trainer's screen and the Markdown export, as lines.
pub fn development(
    out: &mut Out,
    t: PlainText,
    text: DevelopmentText,
    o: &Overview,
) -> io::Result<()> {
    out.line(text.title())?;
    out.line(text.private())?;
    for section in text.sections(o, None) {
        out.blank()?;
        out.line(&section.heading)?;
        for item in &section.items {
            match item {
                Item::Text(s) | Item::Note(s) | Item::Bullet(s) | Item::Quote(s) => out.line(s)?,
                Item::Sub(s) => {
                    out.blank()?;
                    out.line(s)?;
                }
                Item::Bar(label, n, _) => out.line(&t.bar(label, *n))?,
            }
        }
    }
    out.blank()?;
    out.line(text.export_hint())
}
