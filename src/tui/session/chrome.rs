//! What every session screen shares: the top line (stage, position, timer), the stage's
//! instruction, the facilitator's notes editor, and the frame that fills the screen when
//! the time of a stage is up.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Padding, Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

use super::state::SessionScreen;
use crate::pack::Dilemma;
use crate::tui::app::App;
use crate::tui::theme::Theme;
use crate::tui::widgets::document::Doc;
use crate::tui::widgets::editor::{EditorLook, render_editor};
use crate::tui::widgets::text::fit_line;

/// Whether the stage's countdown ran out.
pub fn time_up(app: &App, s: &SessionScreen) -> bool {
    s.timer.is_some_and(|t| t.left(app.now) == 0)
}

/// The top line of every session screen: where we are, the stage, and the timer. The left
/// part gives way (cut with "…") so it never runs into the timer.
pub fn header(app: &App, s: &SessionScreen, area: Rect, buf: &mut Buffer) {
    let st = app.st();
    let session = &s.session;
    let (name, _) = st.stage(session.current_stage().kind, session.setup.method);
    let position =
        st.position(session.item + 1, session.items.len(), session.stage + 1, session.stages.len());
    let up = time_up(app, s);
    let timer = match s.timer {
        Some(_) if up => st.time_up.to_string(),
        Some(t) => {
            let left = t.left(app.now);
            let paused = if t.started.is_none() { " ⏸" } else { "" };
            format!("{} {:02}:{:02}{paused}", st.timer_label, left / 60, left % 60)
        }
        None => st.timer_off.to_string(),
    };
    // The timer keeps a column free at the right edge, and two between it and the left.
    let timer_width = timer.width() as u16;
    let left_width = area.width.saturating_sub(timer_width + 3);
    let line = Line::from(vec![
        Span::styled(name.to_string(), app.theme.title()),
        Span::styled(format!("  {position}"), app.theme.dim()),
    ]);
    fit_line(line, usize::from(left_width)).render(Rect { width: left_width, ..area }, buf);
    let style =
        if up { app.theme.warning().add_modifier(Modifier::REVERSED) } else { app.theme.own() };
    let right = Rect {
        x: area.right().saturating_sub(timer_width + 1),
        width: timer_width.min(area.width),
        ..area
    };
    Line::styled(timer, style).render(right, buf);
}

/// The instruction of the current stage, in a box.
pub fn instruction(app: &App, s: &SessionScreen, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let setup = &s.session.setup;
    let text = app.st().instruction(s.session.current_stage().kind, setup.method, setup.mode);
    Paragraph::new(Line::styled(text, Style::new().add_modifier(Modifier::BOLD)))
        .wrap(Wrap { trim: true })
        .block(Block::bordered().border_type(BorderType::Rounded).padding(Padding::horizontal(1)))
        .render(area, buf);
}

/// The dilemma's question, large and centred (on a projector it is always on screen).
pub fn question(app: &App, s: &SessionScreen, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let Some(d) = super::layout::dilemma(app, s) else { return };
    Paragraph::new(Line::styled(d.question.as_str(), app.theme.title()).centered())
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

/// The facilitator's notes editor, where it was opened.
pub fn notes(app: &App, s: &SessionScreen, area: Rect, buf: &mut Buffer) {
    let Some(editor) = &s.notes else { return };
    let look = EditorLook {
        block: Block::bordered()
            .border_type(BorderType::Thick)
            .padding(Padding::horizontal(1))
            .title(format!(" {} ", app.st().notes_title))
            .title_bottom(
                Line::from(format!(" {} ", crate::tui::keys::table::SAVE_NOTES.entry(app.ui)))
                    .right_aligned(),
            ),
        placeholder: app.st().notes_placeholder,
        placeholder_style: app.theme.dim(),
        cursor: true,
    };
    render_editor(editor, look, area, buf);
}

/// When the time is up the whole screen says so, not only the timer: a bar across the top
/// and a thick edge down both sides, in the warning style — reversed, so it shows without
/// colour too. `full` is the whole terminal; the session leaves its edges free for this.
pub fn time_up_frame(app: &App, full: Rect, buf: &mut Buffer) {
    if full.height < 4 || full.width < 4 {
        return;
    }
    let style = app.theme.warning();
    let bar = Rect { x: full.x, y: full.y + 1, width: full.width, height: 1 };
    let text = format!(" {} ", app.st().time_up_banner);
    let text = crate::tui::widgets::text::truncate(&text, usize::from(bar.width));
    let reversed = style.add_modifier(Modifier::REVERSED);
    buf.set_style(bar, reversed);
    Line::styled(text, reversed).centered().render(bar, buf);
    for y in (full.y + 2)..full.bottom().saturating_sub(1) {
        for x in [full.x, full.right() - 1] {
            buf[(x, y)].set_symbol("┃").set_style(style);
        }
    }
}

/// Each werkwijze of `d`: its number (as `number` writes it) and title in bold, and its
/// text under the title — what a group reads before it votes. Returns the lines each took.
pub fn werkwijzen(
    doc: &mut Doc,
    d: &Dilemma,
    theme: Theme,
    number: impl Fn(usize) -> String,
) -> Vec<(usize, usize)> {
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let mut ranges = Vec::new();
    for (i, o) in d.options.iter().enumerate() {
        doc.blank();
        let start = doc.len();
        let lead = number(i + 1);
        let indent = " ".repeat(lead.width());
        doc.hanging(Span::styled(lead, theme.title()), o.title.as_str(), bold);
        doc.hanging(Span::raw(indent), o.text.as_str(), Style::new());
        ranges.push((start, doc.len()));
    }
    ranges
}
