//! A step of the method that is talk, not votes: the case, clarifying questions, the moral
//! question, values, notes, evaluation. Shows the instruction large, the timer, and the
//! case to read from — before the vote with every werkwijze's full text, so a group never
//! votes on titles alone.

use ratatui::buffer::Buffer;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Widget;

use super::chrome::{header, instruction, notes, werkwijzen};
use super::layout::Placed;
use super::state::SessionScreen;
use crate::pack::Dilemma;
use crate::session::StageKind;
use crate::tui::app::App;
use crate::tui::widgets::document::{Doc, render_doc};

/// Footer keys.
pub fn keys(app: &App, s: &SessionScreen) -> Vec<&'static str> {
    let st = app.st();
    if s.notes.is_some() {
        return vec![st.key_save_notes, app.ui.key_back];
    }
    let mut keys = vec![
        st.key_next,
        st.key_scroll,
        st.key_timer,
        st.key_notes,
        st.key_skip_stage,
        st.key_stop,
        app.ui.key_help,
    ];
    if s.phones.is_some() {
        keys.insert(1, st.key_join);
    }
    keys
}

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
    if matches!(kind, StageKind::Notes | StageKind::Evaluation)
        && !s.session.current().notes.is_empty()
    {
        doc.para(app.st().notes_title, theme.dim());
        doc.para(&s.session.current().notes, Style::new());
        doc.blank();
    }
    doc.paragraphs(&d.case_paragraphs(), Style::new());
    doc.blank();
    doc.para(d.question.as_str(), Style::new().add_modifier(Modifier::BOLD));
    if shows_werkwijzen(kind) {
        doc.heading(app.ui.dilemma_werkwijzen, theme.title());
        werkwijzen(&mut doc, d, theme, |n| format!("{n}. "));
    }
    doc
}

/// Draws the stage into the areas the layout gave it.
pub fn render(app: &App, s: &SessionScreen, placed: &Placed, buf: &mut Buffer) {
    let (areas, text) = (&placed.areas, placed.text.as_ref());
    header(app, s, areas.head, buf);
    instruction(app, s, areas.instruction, buf);
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
