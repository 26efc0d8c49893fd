//! Boxes drawn over a screen: help and yes/no questions.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, BorderType, Clear, List, ListItem, ListState, Paragraph, StatefulWidget, Widget, Wrap,
};

use crate::i18n::UiText;
use crate::tui::theme::Theme;

/// A rectangle of at most `w`×`h` centred in `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let [row] =
        Layout::vertical([Constraint::Length(h.min(area.height))]).flex(Flex::Center).areas(area);
    let [cell] =
        Layout::horizontal([Constraint::Length(w.min(area.width))]).flex(Flex::Center).areas(row);
    cell
}

/// The help box.
pub fn help(ui: &UiText, area: Rect, buf: &mut Buffer, theme: Theme) {
    let key_width = ui.help_lines.iter().map(|(k, _)| k.chars().count()).max().unwrap_or(0);
    let mut lines: Vec<Line> = ui
        .help_lines
        .iter()
        .map(|(k, v)| {
            Line::from(vec![
                Span::styled(format!("{k:<key_width$}  "), theme.title()),
                Span::raw(*v),
            ])
        })
        .collect();
    lines.push(Line::default());
    lines.push(Line::styled(ui.help_close, theme.dim()));
    let h = lines.len() as u16 + 2;
    let rect = centered(area, 76, h);
    Clear.render(rect, buf);
    Paragraph::new(lines)
        .block(
            Block::bordered()
                .border_type(BorderType::Rounded)
                .title(format!(" {} ", ui.help_title)),
        )
        .wrap(Wrap { trim: false })
        .render(rect, buf);
}

/// A yes/no question.
pub fn confirm(ui: &UiText, question: &str, area: Rect, buf: &mut Buffer, theme: Theme) {
    let rect = centered(area, 56, 6);
    Clear.render(rect, buf);
    Paragraph::new(vec![
        Line::from(question.to_string()),
        Line::default(),
        Line::styled(ui.confirm_keys, theme.title()),
    ])
    .block(Block::bordered().border_type(BorderType::Double))
    .wrap(Wrap { trim: true })
    .render(rect, buf);
}

/// A list to choose from, over the screen: the revision of a choice, whose vote to redo.
pub fn picker(
    title: &str,
    items: Vec<String>,
    selected: usize,
    width: u16,
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
) {
    let height = (items.len() as u16 + 2).min(area.height.saturating_sub(2));
    let rect = centered(area, width, height);
    Clear.render(rect, buf);
    let mut state = ListState::default().with_selected(Some(selected));
    StatefulWidget::render(
        List::new(items.into_iter().map(ListItem::new).collect::<Vec<_>>())
            .block(Block::bordered().border_type(BorderType::Double).title(format!(" {title} ")))
            .highlight_style(theme.selected())
            .highlight_symbol("▶"),
        rect,
        buf,
        &mut state,
    );
}
