//! A dilemma: the case, the question and the werkwijzen, as one scrollable document.
//! ↑↓ select a werkwijze (the view follows it), 1–9 pick one directly.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::Span;

use crate::tui::app::{App, DilemmaState};
use crate::tui::widgets::document::{Doc, render_doc};

/// The document and, per shown werkwijze, the lines it occupies.
pub fn document(app: &App, state: &DilemmaState, width: u16) -> (Doc, Vec<(usize, usize)>) {
    let ui = app.ui;
    let theme = app.theme;
    let mut doc = Doc::new(width);
    let mut ranges = Vec::new();
    let (Some(pack), Some(d)) = (app.packs.get(state.pack), app.dilemma(state.pack, state.dilemma))
    else {
        return (doc, ranges);
    };
    doc.para(d.title.as_str(), theme.title());
    if let Some(a) = app.latest_answer(&pack.id, &d.id) {
        let choice = d.option(a.current_choice()).map_or(a.current_choice(), |o| o.title.as_str());
        doc.para(
            &format!(
                "{} {}: {choice}",
                ui.dilemma_answered_before,
                ui.answered_on(&ui.date(&a.first.at))
            ),
            theme.dim(),
        );
    }
    doc.blank();
    doc.paragraphs(&d.case_paragraphs(), ratatui::style::Style::new());
    doc.blank();
    doc.para(d.question.as_str(), ratatui::style::Style::new().add_modifier(Modifier::BOLD));
    doc.heading(ui.dilemma_werkwijzen, theme.title());
    for (pos, &i) in state.order.iter().enumerate() {
        let option = &d.options[i];
        let selected = pos == state.selected;
        let start = doc.len();
        let (marker, style) =
            if selected { ("▶", theme.selected()) } else { (" ", theme.title()) };
        doc.hanging(
            Span::styled(format!("{marker}{} ", pos + 1), style),
            option.title.as_str(),
            style,
        );
        doc.hanging(Span::raw("   "), option.text.as_str(), ratatui::style::Style::new());
        ranges.push((start, doc.len()));
        doc.blank();
    }
    (doc, ranges)
}

/// Draws the dilemma screen.
pub fn render(app: &App, state: &DilemmaState, area: Rect, buf: &mut Buffer) {
    let (doc, ranges) = document(app, state, area.width);
    render_doc(&doc, state.scroll, area, buf);
    // A click on a werkwijze selects it; a second click chooses it.
    for (pos, range) in ranges.into_iter().enumerate() {
        app.hit_lines(area, state.scroll, range, crate::tui::action::Action::Select(pos));
    }
}
