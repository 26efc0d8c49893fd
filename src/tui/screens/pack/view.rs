//! A pack: its dilemmas with answered marks and dates, filtered by theme.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{ListItem, Widget};

use crate::pack::Pack;
use crate::tui::app::{App, PackState};
use crate::tui::widgets::text::{fit_line, truncate};

/// Draws the pack screen.
pub fn render(app: &App, state: &PackState, area: Rect, buf: &mut Buffer) {
    let ui = app.ui;
    let theme = app.theme;
    let Some(pack) = app.packs.get(state.pack) else { return };
    let [head, filter, list_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(2), Constraint::Fill(1)])
            .areas(area);
    let progress = ui.progress(app.answered_count(pack), pack.dilemmas.len());
    fit_line(
        Line::from(vec![
            Span::styled(pack.title.to_string(), theme.title()),
            Span::styled(format!("  {progress}"), theme.dim()),
        ]),
        usize::from(head.width),
    )
    .render(head, buf);
    let visible = app.visible_dilemmas(state.pack, state.theme.as_deref());
    render_filter(app, state, visible.len(), filter, buf);

    if visible.is_empty() {
        Line::styled(ui.pack_empty_filter, theme.dim()).render(list_area, buf);
        return;
    }
    let width = usize::from(list_area.width).saturating_sub(2);
    let items: Vec<ListItem> = visible.iter().map(|&i| dilemma_item(app, pack, i, width)).collect();
    app.render_select_list(items, state.selected.min(visible.len() - 1), list_area, buf);
}

/// The filter line: the theme shown, and where the selection is among the `visible`
/// dilemmas ("9 van 24"), right-aligned.
fn render_filter(app: &App, state: &PackState, visible: usize, filter: Rect, buf: &mut Buffer) {
    let (ui, theme) = (app.ui, app.theme);
    let theme_name = state.theme.as_deref().unwrap_or(ui.pack_all_themes);
    let position = if visible == 0 {
        String::new()
    } else {
        ui.position(state.selected.min(visible - 1) + 1, visible)
    };
    let [filter_text, position_area] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(position.chars().count() as u16),
    ])
    .spacing(2)
    .areas(Rect { height: 1, ..filter });
    fit_line(
        Line::from(vec![
            Span::styled(format!("{}: ", ui.pack_theme), theme.dim()),
            Span::raw(theme_name.to_string()),
        ]),
        usize::from(filter_text.width),
    )
    .render(filter_text, buf);
    Line::styled(position, theme.dim()).render(position_area, buf);
}

/// A dilemma in the list: answered mark, title and the date of the latest answer, its
/// themes under it.
fn dilemma_item(app: &App, pack: &Pack, i: usize, width: usize) -> ListItem<'static> {
    let (ui, theme) = (app.ui, app.theme);
    let d = &pack.dilemmas[i];
    let answer = app.latest_answer(&pack.id, &d.id);
    let (mark, date) = match answer {
        Some(a) => ("✓ ", ui.date(&a.first.at)),
        None => ("  ", String::new()),
    };
    let title_room = width.saturating_sub(mark.chars().count() + date.chars().count() + 2);
    let title = truncate(d.title.as_str(), title_room);
    let gap = title_room.saturating_sub(title.chars().count()) + 1;
    let themes: Vec<&str> = d.themes.iter().map(|t| t.as_str()).collect();
    ListItem::new(vec![
        Line::from(vec![
            Span::raw(mark),
            Span::raw(title),
            Span::raw(" ".repeat(gap)),
            Span::styled(date, theme.dim()),
        ]),
        Line::styled(
            format!("  {}", truncate(&themes.join(" · "), width.saturating_sub(2))),
            theme.dim(),
        ),
    ])
}
