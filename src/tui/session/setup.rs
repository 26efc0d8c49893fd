//! Preparing an intervisie session: pack, agenda, participants, optional names (screen
//! only), voting mode and method. The form scrolls with the focused row and shows a
//! scrollbar when it does not fit; explanations wrap under their value instead of being cut.

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
use crate::session::Method;
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

/// Draws the form.
pub fn render(app: &App, s: &SetupState, area: Rect, buf: &mut Buffer) {
    let (st, theme) = (app.st(), app.theme);
    let Some(pack) = app.packs.get(s.pack) else { return };
    let rows = SetupState::rows(pack.dilemmas.len());
    let selected = s.row.min(rows.len() - 1);
    let hint = hint(app, s, rows.get(selected));
    let hint_rows = hint.map_or(0, |(text, _)| {
        wrap(text, usize::from(area.width.saturating_sub(2))).len().min(3) as u16 + 1
    });
    let [list_area, hint_area] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(hint_rows)]).areas(area);
    // Room for the highlight symbol on the left and the scrollbar on the right.
    let list_area = Rect { width: list_area.width.saturating_sub(2), ..list_area };
    let labels = [
        st.setup_pack,
        st.setup_agenda,
        st.setup_participants,
        st.setup_names,
        st.setup_mode,
        st.setup_method,
    ];
    let label_width = labels.iter().map(|l| l.width()).max().unwrap_or(0) + 2;
    let label = |text: &str| Span::styled(format!("{text:<label_width$}"), theme.dim());
    // What follows the label: the list's width, less the highlight symbol and the label.
    let value_width = usize::from(list_area.width).saturating_sub(2 + label_width);
    // A choice with ◀ ▶ and its explanation wrapped under the value, never cut.
    let explained = |name: &str, value: &str, explanation: &str| {
        let mut lines = vec![Line::from(vec![label(name), Span::raw(format!("◀ {value} ▶"))])];
        for row in wrap(explanation, value_width.max(10)) {
            lines.push(Line::from(vec![label(""), Span::styled(row, theme.dim())]));
        }
        ListItem::new(lines)
    };
    let items: Vec<ListItem> = rows
        .iter()
        .map(|row| match row {
            SetupRow::Pack => ListItem::new(Line::from(vec![
                label(st.setup_pack),
                Span::raw(truncate(&format!("◀ {} ▶", pack.title.as_str()), value_width)),
            ])),
            SetupRow::Dilemma(d) => {
                let place = s.agenda.iter().position(|x| x == d);
                let mark = place.map_or("[ ]".to_string(), |p| format!("[{}]", p + 1));
                let head = if *d == 0 { st.setup_agenda } else { "" };
                let title = pack.dilemmas[*d].title.as_str();
                ListItem::new(Line::from(vec![
                    label(head),
                    Span::raw(format!("{mark:<5}")),
                    Span::raw(truncate(title, value_width.saturating_sub(5))),
                ]))
            }
            SetupRow::Participants => ListItem::new(Line::from(vec![
                label(st.setup_participants),
                Span::raw(format!("◀ {} ▶", s.participants)),
            ])),
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
                ListItem::new(Line::from(vec![
                    label(st.setup_names),
                    Span::raw(format!("[{shown}▏]")),
                ]))
            }
            SetupRow::Mode => explained(st.setup_mode, st.mode(s.mode), st.mode_hint(s.mode)),
            SetupRow::Method => explained(
                st.setup_method,
                st.method(s.method),
                match s.method {
                    Method::Snel => st.method_snel_hint,
                    Method::MoreelBeraad => st.method_moreel_hint,
                },
            ),
            SetupRow::Start => {
                ListItem::new(Line::styled(format!("  {}", st.setup_start), theme.title()))
            }
        })
        .collect();
    let height: usize = items.iter().map(ListItem::height).sum();
    let mut state = ListState::default().with_selected(Some(selected));
    StatefulWidget::render(
        List::new(items).highlight_style(theme.selected()).highlight_symbol("▶ "),
        list_area,
        buf,
        &mut state,
    );
    if height > usize::from(list_area.height) {
        // The form is longer than the window: a scrollbar says so, and where you are.
        let mut bar = ScrollbarState::new(rows.len()).position(selected);
        let bar_area = Rect { x: list_area.right() + 1, width: 1, ..list_area };
        Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(Some("▲"))
            .end_symbol(Some("▼"))
            .render(bar_area, buf, &mut bar);
    }
    if let Some((text, style)) = hint {
        let hint_area = Rect { y: hint_area.y + 1, height: hint_area.height - 1, ..hint_area };
        Paragraph::new(Span::styled(text, style)).wrap(Wrap { trim: true }).render(hint_area, buf);
    }
}
