//! My answers: every answer, newest first, with its choice and revision.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{ListItem, Widget};

use crate::tui::app::{App, HistoryState};
use crate::tui::widgets::text::truncate;

/// Answer indices, newest first.
pub fn newest_first(app: &App) -> Vec<usize> {
    (0..app.answers.len()).rev().collect()
}

/// Draws the list of answers.
pub fn render(app: &App, state: &HistoryState, area: Rect, buf: &mut Buffer) {
    let ui = app.ui;
    let theme = app.theme;
    let [head, list_area] =
        Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(area);
    Line::styled(ui.history_title, theme.title()).render(head, buf);
    if app.answers.is_empty() {
        Line::styled(ui.history_empty, theme.dim()).render(list_area, buf);
        return;
    }
    let width = usize::from(list_area.width).saturating_sub(2);
    let items: Vec<ListItem> = newest_first(app)
        .into_iter()
        .map(|i| {
            let a = &app.answers[i];
            let found = app.find_dilemma(&a.first.pack, &a.first.dilemma);
            let d = found.and_then(|(p, d)| app.dilemma(p, d));
            let title = d.map_or(a.first.dilemma.as_str(), |d| d.title.as_str());
            let name = |id: &str| {
                d.and_then(|d| d.option(id)).map_or(id.to_string(), |o| o.title.to_string())
            };
            let mut choice = name(&a.first.choice);
            if let Some(r) = &a.revised {
                choice = format!("{choice} → {}", name(r));
            }
            let date = ui.date(&a.first.at);
            ListItem::new(vec![
                Line::from(vec![
                    Span::styled(format!("{date}  "), theme.dim()),
                    Span::raw(truncate(title, width.saturating_sub(date.chars().count() + 2))),
                ]),
                Line::styled(
                    format!("  {}", truncate(&choice, width.saturating_sub(2))),
                    theme.dim(),
                ),
            ])
        })
        .collect();
    app.render_select_list(items, state.selected.min(app.answers.len() - 1), list_area, buf);
}
