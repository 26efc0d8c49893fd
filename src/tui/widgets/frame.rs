//! The title bar and the footer with the current screen's keys.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use crate::tui::theme::Theme;

/// The top line: app name and where you are.
pub fn title_bar(parts: &[&str], area: Rect, buf: &mut Buffer, theme: Theme) {
    let text = parts.join(" › ");
    let line = Line::from(Span::styled(format!(" {text}"), theme.title()));
    super::text::fit_line(line, usize::from(area.width)).render(area, buf);
}

/// The bottom line: the keys of this screen, most important first, separated by dots.
/// Keys that do not fit are skipped whole (never cut in half), except the last one —
/// help or quit — which always stays, since help lists every key.
pub fn footer(keys: &[&str], area: Rect, buf: &mut Buffer, theme: Theme) {
    let shown = fit(keys, usize::from(area.width).saturating_sub(1));
    let mut spans = vec![Span::raw(" ")];
    for (i, key) in shown.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", theme.dim()));
        }
        spans.push(Span::styled(key.to_string(), theme.footer()));
    }
    Line::from(spans).render(area, buf);
}

/// The keys that fit in `width` columns, keeping the last key.
pub fn fit<'a>(keys: &[&'a str], width: usize) -> Vec<&'a str> {
    let Some((last, rest)) = keys.split_last() else { return Vec::new() };
    let sep = 3;
    let mut used = last.width();
    let mut out = Vec::new();
    for key in rest {
        if used + sep + key.width() > width {
            continue;
        }
        used += sep + key.width();
        out.push(*key);
    }
    out.push(last);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footer_keeps_whole_keys_and_the_last() {
        assert_eq!(
            fit(&["aaaa", "bbbb", "cccccc", "c", "? hulp"], 24),
            ["aaaa", "bbbb", "c", "? hulp"]
        );
        assert_eq!(fit(&["aaaa", "? hulp"], 80), ["aaaa", "? hulp"]);
        assert!(fit(&[], 10).is_empty());
    }
}
