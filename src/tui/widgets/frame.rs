//! The title bar and the footer with the current screen's keys.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::tui::theme::Theme;

/// The top line: app name and where you are.
pub fn title_bar(parts: &[&str], area: Rect, buf: &mut Buffer, theme: Theme) {
    let text = parts.join(" › ");
    Line::from(Span::styled(format!(" {text}"), theme.title())).render(area, buf);
}

/// The bottom line: the keys of this screen, separated by dots; what does not fit is cut.
pub fn footer(keys: &[&str], area: Rect, buf: &mut Buffer, theme: Theme) {
    let mut spans = vec![Span::raw(" ")];
    for (i, key) in keys.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", theme.dim()));
        }
        spans.push(Span::styled(key.to_string(), theme.footer()));
    }
    Line::from(spans).render(area, buf);
}
