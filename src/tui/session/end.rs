//! The closing screen of a session: where the report is, and that the votes count in the
//! pool under anonymous session numbers — or, when the report could not be saved, the
//! notes themselves, so nothing typed is lost without the facilitator seeing it.

use ratatui::buffer::Buffer;
use ratatui::style::Style;
use ratatui::text::Span;

use super::layout::Scrolled;
use super::state::SessionScreen;
use crate::tui::app::App;
use crate::tui::widgets::document::{Doc, render_doc};

/// The closing screen's text.
pub fn document(app: &App, s: &SessionScreen, width: u16) -> Doc {
    let (st, theme) = (app.st(), app.theme);
    let mut doc = Doc::new(width);
    doc.para(st.end_title, theme.title());
    doc.blank();
    if s.stopped {
        doc.para(st.report_stopped, Style::new());
        doc.blank();
    }
    match (&s.report, &s.save_error) {
        (_, Some(error)) => {
            doc.para(&st.save_failed(error), theme.warning());
            // The notes exist only in memory now: show them, to be copied.
            let pack = app.packs.get(s.pack);
            let notes: Vec<_> =
                s.session.items.iter().filter(|i| !i.notes.trim().is_empty()).collect();
            if !notes.is_empty() {
                doc.blank();
                doc.para(st.end_notes_unsaved, theme.title());
                for item in notes {
                    let title = pack
                        .and_then(|p| p.dilemma(&item.dilemma))
                        .map_or(item.dilemma.as_str(), |d| d.title.as_str());
                    doc.blank();
                    doc.para(title, theme.dim());
                    doc.hanging(Span::raw("  "), &item.notes, Style::new());
                }
            }
        }
        (Some(path), None) => {
            doc.para(st.end_report, Style::new());
            doc.para(&format!("  {}", path.display()), theme.own());
            doc.blank();
            doc.para(st.end_pool, Style::new());
        }
        (None, None) => {
            doc.para(st.end_pool, Style::new());
        }
    }
    doc.para(st.report_privacy, theme.dim());
    doc
}

/// Draws the closing screen.
pub fn render(s: &SessionScreen, text: Option<&Scrolled>, buf: &mut Buffer) {
    if let Some(t) = text {
        render_doc(&t.doc, s.scroll, t.rect, buf);
    }
}
