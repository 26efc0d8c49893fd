//! A step of the method that is talk, not votes: the case, clarifying questions, the moral
//! question, values, notes, evaluation. Shows the instruction large, the timer, and the
//! case to read from.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Padding, Paragraph, Widget, Wrap};

use super::state::SessionScreen;
use crate::session::StageKind;
use crate::tui::app::App;
use crate::tui::widgets::document::{Doc, render_doc};

/// Footer keys.
pub fn keys(app: &App, s: &SessionScreen) -> Vec<&'static str> {
    let st = app.st();
    if s.notes.is_some() {
        return vec![st.key_save_notes, app.ui.key_back];
    }
    vec![st.key_next, st.key_timer, st.key_notes, st.key_skip_stage, st.key_stop, app.ui.key_help]
}

/// The top line of every session screen: where we are, the stage, and the timer.
pub fn header(app: &App, s: &SessionScreen, area: Rect, buf: &mut Buffer) {
    let st = app.st();
    let session = &s.session;
    let stage = session.current_stage();
    let (name, _) = st.stage(stage.kind, session.setup.method);
    let position =
        st.position(session.item + 1, session.items.len(), session.stage + 1, session.stages.len());
    let timer = match s.timer {
        Some(t) if t.left(app.now) == 0 => st.time_up.to_string(),
        Some(t) => {
            let left = t.left(app.now);
            let paused = if t.started.is_none() { " ⏸" } else { "" };
            format!("{} {:02}:{:02}{paused}", st.timer_label, left / 60, left % 60)
        }
        None => st.timer_off.to_string(),
    };
    let [left, right] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(timer.chars().count() as u16 + 1),
    ])
    .areas(area);
    Line::from(vec![
        Span::styled(name.to_string(), app.theme.title()),
        Span::styled(format!("  {position}"), app.theme.dim()),
    ])
    .render(left, buf);
    let style = if s.timer.is_some_and(|t| t.left(app.now) == 0) {
        app.theme.warning()
    } else {
        app.theme.own()
    };
    Line::styled(timer, style).render(right, buf);
}

/// The instruction of the current stage, in a box.
pub fn instruction(app: &App, s: &SessionScreen, area: Rect, buf: &mut Buffer) {
    let (_, text) = app.st().stage(s.session.current_stage().kind, s.session.setup.method);
    Paragraph::new(Line::styled(text, ratatui::style::Style::new().add_modifier(Modifier::BOLD)))
        .wrap(Wrap { trim: true })
        .block(Block::bordered().border_type(BorderType::Rounded).padding(Padding::horizontal(1)))
        .render(area, buf);
}

/// Draws the stage.
pub fn render(app: &App, s: &SessionScreen, area: Rect, buf: &mut Buffer) {
    let [head, _, instr, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(4),
        Constraint::Fill(1),
    ])
    .areas(area);
    header(app, s, head, buf);
    instruction(app, s, instr, buf);
    let Some(d) = app.packs.get(s.pack).and_then(|p| p.dilemma(&s.session.current().dilemma))
    else {
        return;
    };
    if let Some(editor) = &s.notes {
        let mut editor = editor.clone();
        editor.set_block(
            Block::bordered()
                .border_type(BorderType::Thick)
                .padding(Padding::horizontal(1))
                .title(format!(" {} ", app.st().notes_title)),
        );
        editor.set_placeholder_text(app.st().notes_placeholder);
        editor.set_cursor_line_style(ratatui::style::Style::new());
        Widget::render(&editor, body, buf);
        return;
    }
    let width = body.width.saturating_sub(2);
    let mut doc = Doc::new(width);
    doc.para(d.title.as_str(), app.theme.title());
    doc.blank();
    let kind = s.session.current_stage().kind;
    if matches!(kind, StageKind::Notes | StageKind::Evaluation)
        && !s.session.current().notes.is_empty()
    {
        doc.para(app.st().notes_title, app.theme.dim());
        doc.para(&s.session.current().notes, ratatui::style::Style::new());
        doc.blank();
    }
    doc.paragraphs(&d.case_paragraphs(), ratatui::style::Style::new());
    doc.blank();
    doc.para(d.question.as_str(), ratatui::style::Style::new().add_modifier(Modifier::BOLD));
    if matches!(kind, StageKind::MoralQuestion | StageKind::Values | StageKind::Case) {
        doc.blank();
        for (i, o) in d.options.iter().enumerate() {
            doc.hanging(
                Span::styled(format!("{}. ", i + 1), app.theme.title()),
                o.title.as_str(),
                ratatui::style::Style::new(),
            );
        }
    }
    render_doc(&doc, s.scroll, Rect { width, ..body }, buf);
}
