//! A step of the method that is talk, not votes: the case, clarifying questions, the moral
//! question, values, notes, evaluation. Shows the instruction large, the timer, and the
//! case to read from — before the vote with every werkwijze's full text, so a group never
//! votes on titles alone.

use ratatui::buffer::Buffer;
use ratatui::style::{Modifier, Style};
use ratatui::text::Span;
use ratatui::widgets::Widget;

use super::chrome::{header, notes, werkwijzen};
use super::layout::Placed;
use super::state::SessionScreen;
use crate::pack::Dilemma;
use crate::session::StageKind;
use crate::tui::app::App;
use crate::tui::widgets::document::{Doc, render_doc};

/// The stages before the vote that put the werkwijzen in front of the group.
fn shows_werkwijzen(kind: StageKind) -> bool {
    matches!(kind, StageKind::Case | StageKind::MoralQuestion | StageKind::Values)
}

/// The text of the stage: the dilemma's title, the notes so far (in the notes and
/// evaluation steps), the case, the question and — before the vote — each werkwijze with
/// its text.
pub fn document(app: &App, s: &SessionScreen, d: &Dilemma, width: u16) -> Doc {
    let theme = app.theme;
    let mut doc = Doc::new(width);
    doc.para(d.title.as_str(), theme.title());
    doc.blank();
    let kind = s.session.current_stage().kind;
    // At the conclusions and the evaluation, what was noted so far, step by step.
    let item = s.session.current();
    if matches!(kind, StageKind::Notes | StageKind::Evaluation) && item.has_notes() {
        doc.para(app.st().notes_title, theme.dim());
        for n in &item.notes {
            let (step, _) = app.st().stage(n.stage, s.session.setup.method);
            doc.para(step, theme.dim());
            doc.hanging(Span::raw("  "), &n.text, Style::new());
        }
        doc.blank();
    }
    doc.paragraphs(&d.case_paragraphs(), Style::new());
    doc.blank();
    doc.para(d.question.as_str(), Style::new().add_modifier(Modifier::BOLD));
    if shows_werkwijzen(kind) {
        doc.heading(app.ui.dilemma_werkwijzen, theme.title());
        let _ = werkwijzen(&mut doc, d, theme, |n| format!("{n}. "));
    }
    doc
}

/// Draws the stage into the areas the layout gave it.
pub fn render(app: &App, s: &SessionScreen, placed: &Placed, buf: &mut Buffer) {
    let (areas, text) = (&placed.areas, placed.text.as_ref());
    header(app, s, areas.head, buf);
    // Where phones join, so a latecomer can still find it without the QR code.
    if let Some(line) = super::join::address_line(app, s, areas.foot.width) {
        line.centered().render(areas.foot, buf);
    }
    if s.notes.is_some() {
        notes(app, s, areas.side, buf);
        return;
    }
    if let Some(t) = text {
        render_doc(&t.doc, s.scroll, t.rect, buf);
    }
}
