//! Writing why: the editor, confidence 1–5 and the "deel mijn overweging anoniem" switch.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Padding, Paragraph, Widget, Wrap};

use crate::tui::app::{App, Field, ReasoningState};
use crate::tui::widgets::editor::{EditorLook, render_editor};
use crate::tui::widgets::text::fit_line;

/// Draws the reasoning screen.
pub fn render(app: &App, state: &ReasoningState, area: Rect, buf: &mut Buffer) {
    let ui = app.ui;
    let theme = app.theme;
    let Some(d) = app.dilemma(state.from.pack, state.from.dilemma) else { return };
    let option = &d.options[state.option];
    let number = state.from.order.iter().position(|&i| i == state.option).map_or(0, |p| p + 1);
    // Under the form: why the last save failed, that it is saving, or — before anything is
    // typed in vain — that this trainer is read-only.
    let status: Option<(String, ratatui::style::Style)> = match (&state.error, &app.read_only) {
        (Some(error), _) => Some((error.clone(), theme.warning())),
        (None, _) if state.saving => Some((ui.reasoning_saving.to_string(), theme.dim())),
        (None, Some(_)) => Some((ui.read_only_reasoning.to_string(), theme.warning())),
        (None, None) => None,
    };
    // Wrapped here, once, and drawn line by line: the rows counted are the rows drawn, so
    // the end of the message never slips under the footer.
    let status_lines: Vec<Line> = status.as_ref().map_or_else(Vec::new, |(text, style)| {
        crate::tui::widgets::document::wrap(text, usize::from(area.width))
            .into_iter()
            .map(|row| Line::styled(row, *style))
            .collect()
    });
    let status_rows = if status_lines.is_empty() { 0 } else { status_lines.len() as u16 + 1 };
    let [choice, editor, confidence, share, status] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(status_rows),
    ])
    .areas(area);

    Paragraph::new(Line::from(vec![
        Span::styled(format!("{}: ", ui.reasoning_your_choice), theme.dim()),
        Span::styled(format!("{number}. {}", option.title.as_str()), theme.own()),
    ]))
    .wrap(Wrap { trim: true })
    .render(choice, buf);

    let focused = |f: Field| state.focus == f;
    let border = if focused(Field::Editor) { BorderType::Thick } else { BorderType::Plain };
    let look = EditorLook {
        block: Block::bordered()
            .border_type(border)
            .padding(Padding::horizontal(1))
            .title(format!(" {} ", ui.reasoning_prompt))
            .title_bottom(
                Line::from(format!(" {} ", crate::tui::keys::table::SAVE.entry(ui)))
                    .right_aligned(),
            ),
        placeholder: ui.reasoning_placeholder,
        placeholder_style: theme.dim(),
        cursor: focused(Field::Editor),
    };
    render_editor(&state.editor, look, editor, buf);

    let marker = |f: Field| if focused(f) { "▶ " } else { "  " };
    let label = |f: Field| {
        if focused(f) {
            theme.title().add_modifier(Modifier::BOLD)
        } else {
            ratatui::style::Style::new()
        }
    };
    let mut spans = vec![
        Span::raw(marker(Field::Confidence)),
        Span::styled(format!("{}: ", ui.reasoning_confidence), label(Field::Confidence)),
        Span::styled(format!("{} ", ui.reasoning_confidence_low), theme.dim()),
    ];
    for n in 1..=5u8 {
        let chosen = state.confidence == Some(n);
        let text = if chosen { format!("[{n}]") } else { format!(" {n} ") };
        spans.push(Span::styled(text, if chosen { theme.own() } else { theme.dim() }));
    }
    spans.push(Span::styled(format!(" {}", ui.reasoning_confidence_high), theme.dim()));
    if state.confidence.is_none() {
        spans.push(Span::styled(format!("  ({})", ui.reasoning_confidence_none), theme.dim()));
    }
    fit_line(Line::from(spans), usize::from(confidence.width)).render(confidence, buf);

    let check = if state.share { "[x]" } else { "[ ]" };
    fit_line(
        Line::from(vec![
            Span::raw(marker(Field::Share)),
            Span::styled(format!("{check} {}", ui.reasoning_share), label(Field::Share)),
        ]),
        usize::from(share.width),
    )
    .render(share, buf);

    if !status_lines.is_empty() {
        let status = Rect { y: status.y + 1, height: status.height.saturating_sub(1), ..status };
        Paragraph::new(status_lines).render(status, buf);
    }
}
