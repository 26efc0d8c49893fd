//! A scrollable document of pre-wrapped lines. Wrapping happens here, not in the
//! `Paragraph`, so `update` can know how long a document is and where a werkwijze starts,
//! and keep the selection in view.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget,
};
use unicode_width::UnicodeWidthStr;

/// Lines ready to draw, plus anchors (line numbers of marked places).
#[derive(Debug, Clone, Default)]
pub struct Doc {
    /// The lines.
    pub lines: Vec<Line<'static>>,
    width: usize,
}

impl Doc {
    /// An empty document for a text width.
    pub fn new(width: u16) -> Self {
        Doc { lines: Vec::new(), width: usize::from(width.max(10)) }
    }

    /// Number of lines.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// Whether there are no lines.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Adds a line as is.
    pub fn line(&mut self, line: Line<'static>) {
        self.lines.push(line);
    }

    /// Adds an empty line, but never two in a row or at the top.
    pub fn blank(&mut self) {
        if self.lines.last().is_some_and(|l| l.width() > 0) {
            self.lines.push(Line::default());
        }
    }

    /// A heading line.
    pub fn heading(&mut self, text: &str, style: Style) {
        self.blank();
        self.para(text, style);
    }

    /// Wrapped text in one style.
    pub fn para(&mut self, text: &str, style: Style) {
        self.hanging(Span::raw(""), text, style);
    }

    /// Wrapped text after a prefix; continuation lines are indented to the prefix's width.
    pub fn hanging(&mut self, prefix: Span<'static>, text: &str, style: Style) {
        let indent = prefix.content.width();
        let avail = self.width.saturating_sub(indent).max(8);
        let mut first = true;
        for row in wrap(text, avail) {
            let lead = if first { prefix.clone() } else { Span::raw(" ".repeat(indent)) };
            first = false;
            self.lines.push(Line::from(vec![lead, Span::styled(row, style)]));
        }
        if first {
            self.lines.push(Line::from(prefix));
        }
    }

    /// "Jouw keuze: ▶ …", or the first choice and "herzien naar ▶ …" (with the date of the
    /// revision when known): the current choice marked by symbol as well as style.
    pub fn choices(
        &mut self,
        ui: &crate::i18n::UiText,
        theme: crate::tui::theme::Theme,
        first: &str,
        revised: Option<(String, Option<String>)>,
    ) {
        match revised {
            None => self.hanging(
                Span::styled(format!("{}: ▶ ", ui.spiegel_your_choice), theme.dim()),
                first,
                theme.own(),
            ),
            Some((revised, when)) => {
                self.hanging(
                    Span::styled(format!("{}: ", ui.spiegel_first_choice), theme.dim()),
                    first,
                    Style::new(),
                );
                let when = when.map(|w| format!(" ({w})")).unwrap_or_default();
                self.hanging(
                    Span::styled(format!("{}{when} ▶ ", ui.spiegel_revised_to), theme.dim()),
                    &revised,
                    theme.own(),
                );
            }
        }
    }

    /// Several paragraphs (split at blank lines), one blank line between them; a list's
    /// `- item` lines (see `crate::pack::paragraphs`) as bullets with a hanging indent.
    pub fn paragraphs(&mut self, paragraphs: &[String], style: Style) {
        for (i, p) in paragraphs.iter().enumerate() {
            if i > 0 {
                self.blank();
            }
            for line in p.split('\n') {
                match line.strip_prefix(crate::pack::LIST_MARKER) {
                    Some(item) => self.hanging(Span::raw("• "), item, style),
                    None => self.para(line, style),
                }
            }
        }
    }
}

/// Wraps text to a width; explicit line breaks are kept.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    text.split('\n')
        .flat_map(|line| {
            let rows: Vec<String> =
                textwrap::wrap(line, width).into_iter().map(|c| c.into_owned()).collect();
            if rows.is_empty() { vec![String::new()] } else { rows }
        })
        .collect()
}

/// The largest useful scroll offset for a document of `len` lines in `height` rows.
pub fn max_scroll(len: usize, height: u16) -> u16 {
    u16::try_from(len.saturating_sub(usize::from(height))).unwrap_or(u16::MAX)
}

/// The scroll offset that shows lines `start..end`, moving as little as possible.
pub fn scroll_to_show(scroll: u16, start: usize, end: usize, height: u16) -> u16 {
    let (start, end) = (start as u16, end as u16);
    if start < scroll {
        start
    } else if end > scroll.saturating_add(height) {
        end.saturating_sub(height).min(start)
    } else {
        scroll
    }
}

/// Draws the visible part of a document, with a scrollbar when it does not fit.
pub fn render_doc(doc: &Doc, scroll: u16, area: Rect, buf: &mut Buffer) {
    let scroll = scroll.min(max_scroll(doc.len(), area.height));
    let end = (usize::from(scroll) + usize::from(area.height)).min(doc.len());
    let visible = doc.lines[usize::from(scroll)..end].to_vec();
    Paragraph::new(visible).render(area, buf);
    if doc.len() > usize::from(area.height) {
        let mut state = ScrollbarState::new(usize::from(max_scroll(doc.len(), area.height)) + 1)
            .position(usize::from(scroll));
        // The scrollbar sits one column right of the text, leaving a gap.
        let bar_area = Rect { x: area.right() + 1, width: 1, ..area };
        if bar_area.right() <= buf.area.right() {
            Scrollbar::new(ScrollbarOrientation::VerticalRight)
                .begin_symbol(Some("▲"))
                .end_symbol(Some("▼"))
                .render(bar_area, buf, &mut state);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hanging_indent_wraps_under_the_text() {
        let mut doc = Doc::new(20);
        doc.hanging(Span::raw("1 ▸ "), "een twee drie vier vijf zes zeven", Style::new());
        let rows: Vec<String> = doc.lines.iter().map(|l| l.to_string()).collect();
        assert_eq!(rows, ["1 ▸ een twee drie", "    vier vijf zes", "    zeven"]);
    }

    #[test]
    fn a_list_in_a_text_shows_as_bullets_with_a_hanging_indent() {
        let mut doc = Doc::new(20);
        let blocks =
            crate::pack::paragraphs("Je weet:\n- dat hij werkt en\n  zorgt;\n- dat zij belt.");
        doc.paragraphs(&blocks, Style::new());
        let rows: Vec<String> = doc.lines.iter().map(|l| l.to_string()).collect();
        assert_eq!(rows, ["Je weet:", "", "• dat hij werkt en", "  zorgt;", "• dat zij belt."]);
    }

    #[test]
    fn scroll_follows_a_range() {
        assert_eq!(scroll_to_show(0, 30, 34, 10), 24);
        assert_eq!(scroll_to_show(24, 5, 8, 10), 5);
        assert_eq!(scroll_to_show(5, 6, 8, 10), 5);
        assert_eq!(max_scroll(5, 10), 0);
        assert_eq!(max_scroll(50, 10), 40);
    }
}
