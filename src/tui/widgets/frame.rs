//! The title bar and the footer with the current screen's keys.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::tui::theme::Theme;

/// The top line: app name and where you are.
pub fn title_bar(parts: &[&str], area: Rect, buf: &mut Buffer, theme: Theme) {
    let text = parts.join(" › ");
    let line = Line::from(Span::styled(format!(" {text}"), theme.title()));
    super::text::fit_line(line, usize::from(area.width)).render(area, buf);
}

/// The bottom line: the keys of this screen (already chosen to fit, see
/// [`crate::tui::keys::footer`]), separated by dots.
pub fn footer(keys: &[String], area: Rect, buf: &mut Buffer, theme: Theme) {
    let mut spans = vec![Span::raw(" ")];
    for (i, key) in keys.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", theme.dim()));
        }
        spans.push(Span::styled(key.clone(), theme.footer()));
    }
    Line::from(spans).render(area, buf);
}

/// Instead of a screen when the terminal is smaller than [`crate::tui::MIN_WIDTH`] ×
/// [`crate::tui::MIN_HEIGHT`]: says so, and how big it must be.
pub fn too_small(ui: &crate::i18n::UiText, area: Rect, buf: &mut Buffer, theme: Theme) {
    let (w, h) = (crate::tui::MIN_WIDTH, crate::tui::MIN_HEIGHT);
    let text = vec![
        Line::styled(ui.too_small, theme.warning()),
        Line::from(ui.needs_size(area.width, area.height, w, h)),
    ];
    ratatui::widgets::Paragraph::new(text)
        .wrap(ratatui::widgets::Wrap { trim: true })
        .render(area, buf);
}
