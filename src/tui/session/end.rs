//! The closing screen of a session: where the report is, and that the votes count in the
//! pool under anonymous session numbers — or, when the report could not be saved, the
//! notes themselves, so nothing typed is lost without the facilitator seeing it.

use ratatui::buffer::Buffer;
use ratatui::style::Style;
use ratatui::text::Span;

use super::layout::Scrolled;
use super::state::SessionScreen;
use crate::tui::action::SessionVotes;
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
    // Where the report is, whenever it was written (also when a later save failed).
    if let Some(path) = &s.report {
        doc.para(st.end_report, Style::new());
        doc.para(&format!("  {}", path.display()), theme.own());
        doc.blank();
    }
    if let Some(error) = &s.save_error {
        {
            doc.para(&st.save_failed(error), theme.warning());
            // The notes exist only in memory now: show them, to be copied.
            let pack = app.packs.get(s.pack);
            let notes: Vec<_> = s.session.items.iter().filter(|i| i.has_notes()).collect();
            if !notes.is_empty() {
                doc.blank();
                doc.para(st.end_notes_unsaved, theme.title());
                for item in notes {
                    let title = pack
                        .and_then(|p| p.dilemma(&item.dilemma))
                        .map_or(item.dilemma.as_str(), |d| d.title.as_str());
                    doc.blank();
                    doc.para(title, theme.dim());
                    for n in &item.notes {
                        let (step, _) = st.stage(n.stage, s.session.setup.method);
                        doc.hanging(Span::raw("  "), step, theme.dim());
                        doc.hanging(Span::raw("    "), &n.text, Style::new());
                    }
                }
            }
        }
        doc.blank();
    }
    // What became of the votes, as it happened: never "in your journal", which session
    // votes never are.
    let revealed = s.session.items.iter().any(|i| i.first.as_ref().is_some_and(|r| r.revealed));
    let votes = match &s.votes {
        _ if !revealed => st.end_no_votes.to_string(),
        SessionVotes::Written => st.end_pool.to_string(),
        SessionVotes::NotTaken => st.end_votes_not_taken.to_string(),
        SessionVotes::Failed(why) => st.end_votes_failed(why),
    };
    doc.para(&votes, Style::new());
    doc.blank();
    doc.para(st.report_privacy, theme.dim());
    doc
}

/// Draws the closing screen.
pub fn render(s: &SessionScreen, text: Option<&Scrolled>, buf: &mut Buffer) {
    if let Some(t) = text {
        render_doc(&t.doc, s.scroll, t.rect, buf);
    }
}
