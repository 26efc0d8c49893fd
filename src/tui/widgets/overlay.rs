//! Boxes drawn over a screen: help and yes/no questions.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, BorderType, Clear, List, ListItem, ListState, Paragraph, StatefulWidget, Widget, Wrap,
};

use ratatui::style::Style;
use unicode_width::UnicodeWidthStr;

use super::document::{Doc, render_doc};
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

/// The help box's size in `area`: wide enough for the key table, most of the height.
pub fn help_rect(area: Rect) -> Rect {
    centered(area, 78, area.height.saturating_sub(2))
}

/// The help as a document `width` columns wide: the keys of the place the keyboard is in
/// first, then every other place, all from the key table (so help and keys never disagree).
pub fn help_document(app: &crate::tui::App, width: u16) -> Doc {
    let (ui, theme) = (app.ui, app.theme);
    let mut doc = Doc::new(width);
    let sections = crate::tui::keys::help(app);
    let key_width = sections
        .iter()
        .flat_map(|(_, lines)| lines.iter().map(|(k, _)| k.width()))
        .max()
        .unwrap_or(0)
        .min(usize::from(width / 3));
    for (i, (place, lines)) in sections.iter().enumerate() {
        let heading = if i == 0 {
            format!("{}: {}", crate::i18n::help_here(ui.lang), place.heading(ui.lang))
        } else {
            place.heading(ui.lang).to_string()
        };
        doc.heading(&heading, theme.title());
        for (keys, what) in lines {
            let lead = format!("  {keys:<key_width$}  ");
            doc.hanging(Span::styled(lead, theme.title()), what, Style::new());
        }
    }
    doc.blank();
    doc.para(ui.help_mouse, Style::new());
    doc.blank();
    doc.para(ui.help_close, theme.dim());
    doc
}

/// Where the help's text goes in a terminal `area`: inside the box, a column of padding on
/// the left, and a gap and the scrollbar on the right.
pub fn help_text_area(area: Rect) -> Rect {
    let rect = help_rect(area);
    Rect {
        x: rect.x + 2,
        y: rect.y + 1,
        width: rect.width.saturating_sub(5),
        height: rect.height.saturating_sub(2),
    }
}

/// The help box, scrolled to the app's help scroll.
pub fn help(app: &crate::tui::App, area: Rect, buf: &mut Buffer) {
    let rect = help_rect(area);
    Clear.render(rect, buf);
    Block::bordered()
        .border_type(BorderType::Rounded)
        .title(format!(" {} ", app.ui.help_title))
        .render(rect, buf);
    let text = help_text_area(area);
    let doc = help_document(app, text.width);
    render_doc(&doc, app.help_scroll, text, buf);
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
    // A title that does not fit the border ends in "…", never cut mid-word into the corner.
    let title =
        crate::tui::widgets::text::truncate(title, usize::from(rect.width.saturating_sub(4)));
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
