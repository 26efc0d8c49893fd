//! One answer reread: the dilemma, the choice and revision, confidence, sharing, and the
//! reasoning in full.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::tui::app::{AnswerState, App};
use crate::tui::widgets::document::{Doc, render_doc};

/// The answer as a document.
pub fn document(app: &App, state: &AnswerState, width: u16) -> Doc {
    let ui = app.ui;
    let theme = app.theme;
    let mut doc = Doc::new(width);
    let Some(a) = app.answers.get(state.answer) else { return doc };
    let d = app.find_dilemma(&a.first.pack, &a.first.dilemma).and_then(|(p, d)| app.dilemma(p, d));
    let title = d.map_or(a.first.dilemma.as_str(), |d| d.title.as_str());
    doc.para(title, theme.title());
    // The pack by its title; by its id only when it is no longer loaded.
    let pack = app.packs.iter().find(|p| p.id.as_str() == a.first.pack);
    let pack = pack.map_or(a.first.pack.as_str(), |p| p.title.as_str());
    doc.para(&format!("{} · {pack}", ui.date(&a.first.at)), theme.dim());
    if d.is_none() {
        doc.para(ui.answer_unknown_dilemma, theme.warning());
    }
    doc.blank();
    let name =
        |id: &str| d.and_then(|d| d.option(id)).map_or(id.to_string(), |o| o.title.to_string());
    let when = a.revised_at.as_deref().map(|t| ui.date(t));
    doc.choices(ui, theme, &name(&a.first.choice), a.revised.as_deref().map(|r| (name(r), when)));
    let confidence =
        a.first.confidence.map_or(ui.reasoning_confidence_none.to_string(), |c| format!("{c}/5"));
    doc.para(&format!("{}: {confidence}", ui.answer_confidence), theme.dim());
    doc.para(if a.first.share { ui.answer_shared } else { ui.answer_not_shared }, theme.dim());
    doc.heading(ui.spiegel_your_reasoning, theme.title());
    if a.first.reasoning.trim().is_empty() {
        doc.para(ui.spiegel_no_reasoning, theme.dim());
    } else {
        doc.para(&a.first.reasoning, Style::new());
    }
    doc
}

/// Draws one answer.
pub fn render(app: &App, state: &AnswerState, area: Rect, buf: &mut Buffer) {
    render_doc(&document(app, state, area.width), state.scroll, area, buf);
}
