//! Preparing an intervisie session: pack, participants, optional names (screen only),
//! voting mode and method on top, always on screen; the agenda in its own scrolled pane,
//! however long the pack; the start button under it; and what the facilitator should know
//! before starting (nothing can be saved, the pool cannot be reached). Explanations wrap
//! under their value instead of being cut.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    List, ListItem, ListState, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState,
    StatefulWidget, Widget, Wrap,
};
use unicode_width::UnicodeWidthStr;

use super::state::{SetupRow, SetupState};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::widgets::document::wrap;
use crate::tui::widgets::text::truncate;

/// The hint under the form for the focused row, if any.
fn hint(app: &App, s: &SetupState, row: Option<&SetupRow>) -> Option<(&'static str, Style)> {
    let (st, theme) = (app.st(), app.theme);
    match row {
        _ if s.error => Some((st.setup_need_agenda, theme.warning())),
        Some(SetupRow::Dilemma(_)) => Some((st.setup_agenda_hint, theme.dim())),
        Some(SetupRow::Names) => Some((st.setup_names_hint, theme.dim())),
        _ => None,
    }
}

/// What the facilitator should know before starting: nothing can be saved (read-only), or
/// the pool cannot be reached (the report is kept, the votes not). Said here, not only at
/// the end, so the room hears it before anyone votes.
fn warnings(app: &App) -> Vec<String> {
    let st = app.st();
    let mut out = Vec::new();
    if app.read_only.is_some() {
        out.push(st.setup_read_only.to_string());
    } else if let Some(problem) = &app.pool_problem {
        out.push(st.setup_pool_problem(problem));
    }
    out
}

/// Draws the form: the fields on top (always on screen), the agenda in its own scrolled
/// pane, the start button under it, then a hint for the focused row and what the
/// facilitator should know before starting.
pub fn render(app: &App, s: &SetupState, area: Rect, buf: &mut Buffer) {
    let (st, theme) = (app.st(), app.theme);
    let Some(pack) = app.packs.get(s.pack) else { return };
    let rows = s.rows(pack.dilemmas.len());
    let selected = rows.get(s.row.min(rows.len() - 1)).copied().unwrap_or(SetupRow::Pack);
    let width = area.width.saturating_sub(2);
    let labels = [
        st.setup_pack,
        st.setup_agenda,
        st.setup_participants,
        st.setup_names,
        st.setup_mode,
        st.setup_address,
        st.setup_method,
    ];
    let label_width = labels.iter().map(|l| l.width()).max().unwrap_or(0) + 2;
    let label = |text: &str| Span::styled(format!("{text:<label_width$}"), theme.dim());
    // What follows the label: the width, less the cursor and the label.
    let value_width = usize::from(width).saturating_sub(2 + label_width);
    // A choice with ◀ ▶ (or a fixed value without) and its explanation wrapped under the
    // value, never cut.
    let shown = |name: &str, value: String, explanation: &str| {
        let value = truncate(&value, value_width);
        let mut lines = vec![Line::from(vec![label(name), Span::raw(value)])];
        for row in wrap(explanation, value_width.max(10)) {
            lines.push(Line::from(vec![label(""), Span::styled(row, theme.dim())]));
        }
        lines
    };
    let explained = |name: &str, value: &str, explanation: &str| {
        shown(name, format!("◀ {value} ▶"), explanation)
    };
    let field = |row: SetupRow| -> Vec<Line> {
        match row {
            SetupRow::Pack => vec![Line::from(vec![
                label(st.setup_pack),
                Span::raw(truncate(&format!("◀ {} ▶", pack.title.as_str()), value_width)),
            ])],
            SetupRow::Participants => vec![Line::from(vec![
                label(st.setup_participants),
                Span::raw(format!("◀ {} ▶", s.participants)),
            ])],
            SetupRow::Names => {
                let names = s.names.lines().join(",");
                // The end of what is typed stays in view, with "…" in front when cut.
                let room = value_width.saturating_sub(3);
                let shown = if names.width() > room {
                    let tail: String = names.chars().rev().take(room.saturating_sub(1)).collect();
                    format!("…{}", tail.chars().rev().collect::<String>())
                } else {
                    names
                };
                vec![Line::from(vec![label(st.setup_names), Span::raw(format!("[{shown}▏]"))])]
            }
            SetupRow::Mode => explained(st.setup_mode, st.mode(s.mode), st.mode_hint(s.mode)),
            SetupRow::Address => {
                let (value, about) = st.setup_address(
                    app.listen,
                    s.picked_address(),
                    s.address,
                    s.address_choices(),
                );
                if app.listen.is_none() && s.address_choices() > 1 {
                    explained(st.setup_address, &value, &about)
                } else {
                    shown(st.setup_address, value, &about)
                }
            }
            SetupRow::Method => {
                explained(st.setup_method, st.method(s.method), &st.method_hint(s.method))
            }
            SetupRow::Dilemma(_) | SetupRow::Start => Vec::new(),
        }
    };
    let mark = |row: SetupRow, lines: Vec<Line<'static>>| -> Vec<Line<'static>> {
        let on = row == selected;
        lines
            .into_iter()
            .enumerate()
            .map(|(i, line)| {
                let lead = if on && i == 0 { "▶ " } else { "  " };
                let mut spans = vec![Span::raw(lead)];
                spans.extend(line.spans);
                let line = Line::from(spans);
                if on { line.style(theme.selected()) } else { line }
            })
            .collect()
    };
    let mut form: Vec<Line> = Vec::new();
    // Which lines of the form belong to which field, for clicks.
    let mut field_lines: Vec<(SetupRow, u16, u16)> = Vec::new();
    for row in rows.iter().copied().filter(|r| !matches!(r, SetupRow::Dilemma(_) | SetupRow::Start))
    {
        let lines: Vec<Line<'static>> = field(row)
            .into_iter()
            .map(|l| {
                Line::from(
                    l.spans
                        .into_iter()
                        .map(|s| Span::styled(s.content.into_owned(), s.style))
                        .collect::<Vec<_>>(),
                )
            })
            .collect();
        let marked = mark(row, lines);
        field_lines.push((row, form.len() as u16, marked.len() as u16));
        form.extend(marked);
    }

    let hint = hint(app, s, Some(&selected));
    let mut notes: Vec<(String, Style)> =
        warnings(app).into_iter().map(|w| (w, theme.warning())).collect();
    if let Some((text, style)) = hint {
        notes.insert(0, (text.to_string(), style));
    }
    let note_rows: u16 =
        notes.iter().map(|(t, _)| wrap(t, usize::from(width)).len().min(3) as u16).sum::<u16>();
    let [form_area, _, head_area, agenda_area, _, start_area, _, note_area] = Layout::vertical([
        Constraint::Length(form.len() as u16),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(u16::from(note_rows > 0)),
        Constraint::Length(note_rows),
    ])
    .areas(area);
    Paragraph::new(form).render(form_area, buf);
    // A click focuses a field, ticks a dilemma, or starts the session.
    let index = |row: SetupRow| rows.iter().position(|r| *r == row).unwrap_or(0);
    for (row, top, height) in field_lines {
        let at = Rect { y: form_area.y + top, height, ..form_area };
        app.hit(at.intersection(form_area), Action::Select(index(row)));
    }

    // The agenda: every dilemma of the pack with its place on the agenda, in a pane that
    // keeps the focused dilemma in view.
    let chosen = s.agenda.len();
    Line::from(vec![
        Span::styled(format!("  {}", st.setup_agenda), theme.title()),
        Span::styled(format!("  {}", st.agenda_count(chosen, pack.dilemmas.len())), theme.dim()),
    ])
    .render(head_area, buf);
    let list_area = Rect { width: agenda_area.width.saturating_sub(2), ..agenda_area };
    let items: Vec<ListItem> = (0..pack.dilemmas.len())
        .map(|d| {
            let place = s.agenda.iter().position(|x| *x == d);
            let mark = place.map_or("[ ]".to_string(), |p| format!("[{}]", p + 1));
            let title = pack.dilemmas[d].title.as_str();
            ListItem::new(Line::from(vec![
                Span::raw(format!("{mark:<5}")),
                Span::raw(truncate(title, usize::from(list_area.width).saturating_sub(8))),
            ]))
        })
        .collect();
    let focused = match selected {
        SetupRow::Dilemma(d) => Some(d),
        _ => None,
    };
    let mut state = ListState::default().with_selected(focused);
    if focused.is_none() {
        // Not in the agenda: show it from the first ticked dilemma (or the top).
        let first = s.agenda.iter().min().copied().unwrap_or(0);
        *state.offset_mut() = first.saturating_sub(1);
    }
    StatefulWidget::render(
        List::new(items).highlight_style(theme.selected()).highlight_symbol("▶ "),
        list_area,
        buf,
        &mut state,
    );
    let heights = vec![1; pack.dilemmas.len()];
    app.hit_list(list_area, &heights, state.offset(), |d| {
        Action::Select(index(SetupRow::Dilemma(d)))
    });
    if pack.dilemmas.len() > usize::from(list_area.height) {
        let mut bar = ScrollbarState::new(pack.dilemmas.len()).position(focused.unwrap_or(0));
        let bar_area = Rect { x: list_area.right() + 1, width: 1, ..list_area };
        Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(Some("▲"))
            .end_symbol(Some("▼"))
            .render(bar_area, buf, &mut bar);
    }

    let start = vec![Line::styled(format!("  {}", st.setup_start), theme.title())];
    Paragraph::new(mark(SetupRow::Start, start)).render(start_area, buf);
    app.hit(start_area, Action::Select(index(SetupRow::Start)));

    let mut y = note_area.y;
    for (text, style) in notes {
        let rows =
            (wrap(&text, usize::from(width)).len().min(3) as u16).min(note_area.bottom() - y);
        let at = Rect { y, height: rows, ..note_area };
        Paragraph::new(Span::styled(text, style)).wrap(Wrap { trim: true }).render(at, buf);
        y += rows;
    }
}
