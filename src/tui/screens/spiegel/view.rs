//! The spiegel: your choice, how colleagues chose (or the count below the anonymity
//! threshold), each werkwijze's onderbouwing, research notes with full citations, what
//! colleagues considered, intervisie questions, and one chance to choose again.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Span;

use crate::pack::{Citations, Dilemma, Pack};
use crate::store::{Answer, Distribution};
use crate::tui::app::{App, PoolState, SpiegelState};
use crate::tui::widgets::chart::{Bar, Marks, bar_lines};
use crate::tui::widgets::document::{Doc, render_doc};
use crate::tui::widgets::notes::{Level, grouped};
use crate::tui::widgets::overlay::picker;

/// The spiegel as a document.
pub fn document(app: &App, state: &SpiegelState, width: u16) -> Doc {
    document_and_chart(app, state, width).0
}

/// The spiegel as a document, and the line where the colleagues' chart starts (what a
/// revision brings into view).
pub fn document_and_chart(app: &App, state: &SpiegelState, width: u16) -> (Doc, Option<usize>) {
    let ui = app.ui;
    let theme = app.theme;
    let mut doc = Doc::new(width);
    let (Some(pack), Some(d), Some(answer)) = (
        app.packs.get(state.pack),
        app.dilemma(state.pack, state.dilemma),
        app.spiegel_answer(state),
    ) else {
        return (doc, None);
    };
    let m = Mirror { app, state, d, answer, own: answer.current_choice(), width };
    let label = |id: &str| {
        let title = d.option(id).map_or(id, |o| o.title.as_str());
        format!("{}. {title}", m.number(id))
    };
    doc.para(&format!("{} — {}", ui.spiegel_title, d.title.as_str()), theme.title());
    doc.blank();
    doc.choices(
        app.ui,
        theme,
        &label(&answer.first.choice),
        answer.revised.as_deref().map(|r| (label(r), None)),
    );
    if let Some(notice) = &state.notice {
        doc.para(notice, theme.warning());
    }

    doc.blank();
    let chart = Some(doc.len());
    let shown_distribution = m.colleagues(&mut doc, pack);
    m.reasoning(&mut doc);
    let mut citations = Citations::default();
    m.onderbouwing(&mut doc, &mut citations);
    // The dilemma's notes under one heading per kind of knowledge: never a practice story
    // under "Wat onderzoek zegt".
    grouped(&mut doc, &d.notes, ui, theme, Level::Section, |note| {
        format!("{}{}", note.text.as_str(), citations.marks(note))
    });
    m.closing(&mut doc, shown_distribution);
    sources(&mut doc, pack, &citations, app);
    (doc, chart)
}

/// What every part of the spiegel needs: the dilemma, the answer, the werkwijze held now.
struct Mirror<'a> {
    app: &'a App,
    state: &'a SpiegelState,
    d: &'a Dilemma,
    answer: &'a Answer,
    /// The werkwijze held now (the revised one, once revised).
    own: &'a str,
    width: u16,
}

impl<'a> Mirror<'a> {
    /// A werkwijze's number as shown (the shuffled order), 0 when unknown.
    fn number(&self, id: &str) -> usize {
        let (state, d) = (self.state, self.d);
        state.order.iter().position(|&i| d.options[i].id.as_str() == id).map_or(0, |p| p + 1)
    }

    /// How colleagues chose: the chart, the count below the threshold, or "loading" (in the
    /// preview, a sample). True when a distribution was shown, which is what lets
    /// colleagues' reasoning appear further down.
    fn colleagues(&self, doc: &mut Doc, pack: &Pack) -> bool {
        let (app, state, ui, theme) = (self.app, self.state, self.app.ui, self.app.theme);
        if let Some(confirmation) = &state.confirmation {
            doc.para(confirmation, theme.own());
        }
        if app.preview.is_some() {
            sample_distribution(doc, app, self.d, state, self.own, self.width);
        } else {
            doc.heading(ui.spiegel_colleagues, theme.title());
        }
        match &app.pool {
            _ if app.preview.is_some() => false,
            PoolState::Loading => {
                doc.para(ui.spiegel_pool_loading, theme.dim());
                false
            }
            PoolState::Ready(tally) => {
                let shown = crate::practice::colleagues(tally, pack, self.d, app.threshold);
                let caption = ui.spiegel_caption(&shown, app.threshold.k());
                match shown.distribution() {
                    None => {
                        doc.para(&caption, Style::new());
                        false
                    }
                    Some(dist) => {
                        doc.para(&caption, theme.dim());
                        self.chart(doc, dist);
                        true
                    }
                }
            }
        }
    }

    /// The colleagues' chart. Once anyone revised (you, or colleagues), a second bar per
    /// werkwijze shows where people ended up; "◀ jij" marks what you hold now.
    fn chart(&self, doc: &mut Doc, dist: &Distribution) {
        let (d, answer, own) = (self.d, self.answer, self.own);
        let revised = answer.revised.is_some();
        let after = dist.revised > 0 || revised;
        let bars: Vec<Bar> = self
            .state
            .order
            .iter()
            .enumerate()
            .map(|(pos, &i)| {
                let o = &d.options[i];
                Bar {
                    after: after.then(|| dist.after_count(&o.id)),
                    own: o.id.as_str() == own,
                    first_own: revised && o.id.as_str() == answer.first.choice,
                    ..Bar::plain(pos + 1, o.title.as_str(), dist.count(&o.id))
                }
            })
            .collect();
        let marks = marks(self.app);
        for line in bar_lines(&bars, dist.participants, self.width, marks, self.app.theme) {
            doc.line(line);
        }
    }

    /// Your own reasoning (in the preview: that nothing is saved).
    fn reasoning(&self, doc: &mut Doc) {
        let (app, ui, theme) = (self.app, self.app.ui, self.app.theme);
        doc.heading(ui.spiegel_your_reasoning, theme.title());
        if app.preview.is_some() {
            doc.para(app.ui.lang.studio().preview_nothing_saved, theme.dim());
        } else if self.answer.first.reasoning.trim().is_empty() {
            doc.para(ui.spiegel_no_reasoning, theme.dim());
        } else {
            doc.para(&self.answer.first.reasoning, Style::new());
        }
    }

    /// Each werkwijze's onderbouwing in the shown order, yours marked; the notes' sources
    /// are numbered into `citations` as they appear.
    fn onderbouwing(&self, doc: &mut Doc, citations: &mut Citations<'a>) {
        let (ui, theme) = (self.app.ui, self.app.theme);
        doc.heading(ui.spiegel_onderbouwing, theme.title());
        for (pos, &i) in self.state.order.iter().enumerate() {
            let o = &self.d.options[i];
            let mine = o.id.as_str() == self.own;
            let marker = if mine { "▶" } else { " " };
            let style = if mine {
                theme.own()
            } else {
                Style::new().add_modifier(ratatui::style::Modifier::BOLD)
            };
            doc.blank();
            doc.hanging(
                Span::styled(format!("{marker}{}. ", pos + 1), style),
                o.title.as_str(),
                style,
            );
            grouped(doc, &o.notes, ui, theme, Level::Nested, |note| {
                format!("{}{}", note.text.as_str(), citations.marks(note))
            });
        }
    }

    /// What colleagues considered (only beside a shown distribution), the intervisie
    /// questions, and the invitation to choose again.
    fn closing(&self, doc: &mut Doc, shown_distribution: bool) {
        let (state, ui, theme) = (self.state, self.app.ui, self.app.theme);
        if shown_distribution && !state.shared.is_empty() {
            doc.heading(ui.spiegel_shared_reasoning, theme.title());
            for text in &state.shared {
                doc.hanging(Span::styled("› ", theme.dim()), text, Style::new());
            }
        }

        // The questions before the full citations: at 80×24 a list of sources should not
        // stand between the reader and the conversation.
        if !self.d.questions.is_empty() {
            doc.heading(ui.spiegel_questions, theme.title());
            for q in &self.d.questions {
                doc.hanging(Span::raw("• "), q.as_str(), Style::new());
            }
        }

        doc.heading(ui.spiegel_revise_prompt, theme.title());
        let hint = if self.answer.revised.is_some() {
            ui.spiegel_revise_done
        } else {
            ui.spiegel_revise_hint
        };
        doc.para(hint, theme.dim());
    }
}

/// The chart's words in the interface language.
fn marks(app: &App) -> Marks<'static> {
    Marks {
        you: app.ui.spiegel_you,
        your_first: app.ui.spiegel_your_first,
        first: app.ui.spiegel_chart_first,
        after: app.ui.spiegel_chart_after,
    }
}

/// The preview's chart: a fixed sample spread, marked "voorbeeld" in its heading and
/// caption so nobody takes it for colleagues' answers.
fn sample_distribution(
    doc: &mut Doc,
    app: &App,
    d: &Dilemma,
    state: &SpiegelState,
    own: &str,
    width: u16,
) {
    let text = app.ui.lang.studio();
    let counts = crate::tui::preview::sample_counts(d.options.len());
    let participants = counts.iter().sum();
    doc.heading(text.preview_sample_heading, app.theme.warning());
    doc.para(&text.preview_sample_caption(participants), app.theme.warning());
    let bars: Vec<Bar> = state
        .order
        .iter()
        .enumerate()
        .map(|(pos, &i)| Bar {
            own: d.options[i].id.as_str() == own,
            ..Bar::plain(pos + 1, d.options[i].title.as_str(), counts.get(i).copied().unwrap_or(0))
        })
        .collect();
    for line in bar_lines(&bars, participants, width, marks(app), app.theme) {
        doc.line(line);
    }
}

fn sources(doc: &mut Doc, pack: &Pack, citations: &Citations, app: &App) {
    if citations.order.is_empty() {
        return;
    }
    doc.heading(app.ui.spiegel_sources, app.theme.title());
    for (n, id) in citations.order.iter().enumerate() {
        let Some(source) = pack.source(id) else { continue };
        let url = source.url.as_ref().map(|u| format!(" {}", u.as_str())).unwrap_or_default();
        doc.hanging(
            Span::styled(format!("[{}] ", n + 1), app.theme.dim()),
            &format!("{}{url}", source.citation.as_str()),
            Style::new(),
        );
    }
}

/// Draws the spiegel, and the revision picker over it while choosing again.
pub fn render(app: &App, state: &SpiegelState, area: Rect, buf: &mut Buffer) {
    let doc = document(app, state, area.width);
    render_doc(&doc, state.scroll, area, buf);
    if let (Some(selected), Some(d)) = (state.revising, app.dilemma(state.pack, state.dilemma)) {
        revise_picker(app, d, state, selected, area, buf);
    }
}

fn revise_picker(
    app: &App,
    d: &Dilemma,
    state: &SpiegelState,
    selected: usize,
    area: Rect,
    buf: &mut Buffer,
) {
    let own = app.spiegel_answer(state).map(|a| a.first.choice.as_str());
    let items = state
        .order
        .iter()
        .enumerate()
        .map(|(pos, &i)| {
            let o = &d.options[i];
            let mark = if Some(o.id.as_str()) == own {
                format!(" ({})", app.ui.spiegel_you)
            } else {
                String::new()
            };
            format!("{}. {}{mark}", pos + 1, o.title.as_str())
        })
        .collect();
    let width = area.width.saturating_sub(6);
    // At the bottom, under the chart the question is about (scrolled to the top).
    // (the picker keeps a row free above and below itself inside the rectangle it is given)
    let height = (state.order.len() as u16 + 4).min(area.height / 2 + 2).max(5);
    let at = Rect { y: area.bottom().saturating_sub(height), height, ..area };
    picker(app.ui.spiegel_revise_choose, items, selected, width, at, buf, app.theme);
}
