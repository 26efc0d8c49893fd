//! Writing why: the editor, confidence 1–5 and the "deel mijn overweging anoniem" switch.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
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
    let status_lines = status_lines(app, state, area.width);
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

    render_editor(&state.editor, editor_look(app, state), editor, buf);

    fit_line(confidence_line(app, state), usize::from(confidence.width)).render(confidence, buf);

    let check = if state.share { "[x]" } else { "[ ]" };
    fit_line(
        Line::from(vec![
            Span::raw(marker(state, Field::Share)),
            Span::styled(
                format!("{check} {}", ui.reasoning_share),
                label(app, state, Field::Share),
            ),
        ]),
        usize::from(share.width),
    )
    .render(share, buf);

    if !status_lines.is_empty() {
        let status = Rect { y: status.y + 1, height: status.height.saturating_sub(1), ..status };
        Paragraph::new(status_lines).render(status, buf);
    }
}

/// Under the form: why the last save failed, that it is saving, or — before anything is
/// typed in vain — that this trainer is read-only. Wrapped here, once, and drawn line by
/// line: the rows counted are the rows drawn, so the end of the message never slips under
/// the footer.
fn status_lines(app: &App, state: &ReasoningState, width: u16) -> Vec<Line<'static>> {
    let (ui, theme) = (app.ui, app.theme);
    let status: Option<(String, Style)> = match (&state.error, &app.read_only) {
        (Some(error), _) => Some((error.clone(), theme.warning())),
        (None, _) if state.saving => Some((ui.reasoning_saving.to_string(), theme.dim())),
        (None, Some(_)) => Some((ui.read_only_reasoning.to_string(), theme.warning())),
        (None, None) => None,
    };
    status.as_ref().map_or_else(Vec::new, |(text, style)| {
        crate::tui::widgets::document::wrap(text, usize::from(width))
            .into_iter()
            .map(|row| Line::styled(row, *style))
            .collect()
    })
}

/// The editor's frame: thick while it has the keyboard, the prompt on top, how to save
/// at the bottom.
fn editor_look(app: &App, state: &ReasoningState) -> EditorLook<'static> {
    let (ui, theme) = (app.ui, app.theme);
    let focused = state.focus == Field::Editor;
    let border = if focused { BorderType::Thick } else { BorderType::Plain };
    EditorLook {
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
        cursor: focused,
    }
}

/// The cursor in front of a field that has the keyboard.
fn marker(state: &ReasoningState, f: Field) -> &'static str {
    if state.focus == f { "▶ " } else { "  " }
}

/// A field's label: bold in the title colour while it has the keyboard.
fn label(app: &App, state: &ReasoningState, f: Field) -> Style {
    if state.focus == f { app.theme.title().add_modifier(Modifier::BOLD) } else { Style::new() }
}

/// Confidence 1–5, the chosen one in brackets, "none yet" until one is.
fn confidence_line(app: &App, state: &ReasoningState) -> Line<'static> {
    let (ui, theme) = (app.ui, app.theme);
    let mut spans = vec![
        Span::raw(marker(state, Field::Confidence)),
        Span::styled(
            format!("{}: ", ui.reasoning_confidence),
            label(app, state, Field::Confidence),
        ),
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
    Line::from(spans)
}
