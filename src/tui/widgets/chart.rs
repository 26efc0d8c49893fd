//! The distribution of choices as horizontal bars with counts and percentages. The own
//! choice is marked with a symbol and a word, not only with colour.

use ratatui::text::{Line, Span};

use super::text::truncate;
use crate::tui::theme::Theme;

/// One bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    /// The number shown on the dilemma screen for this werkwijze.
    pub number: usize,
    /// Its title.
    pub label: String,
    /// How many chose it.
    pub count: u32,
    /// Whether this is the person's own choice.
    pub own: bool,
}

/// Percentage of `count` in `total`, rounded.
pub fn percent(count: u32, total: u32) -> u32 {
    if total == 0 { 0 } else { (f64::from(count) * 100.0 / f64::from(total)).round() as u32 }
}

/// Two lines per bar: the label, then the bar with count and percentage. A bar's length
/// is its share of `total`, so bars of different charts compare.
pub fn bar_lines(
    bars: &[Bar],
    total: u32,
    width: u16,
    you: &str,
    theme: Theme,
) -> Vec<Line<'static>> {
    thick_bar_lines(bars, total, width, 1, you, theme)
}

/// Like [`bar_lines`], with each bar `thickness` rows high (count and percentage on its
/// first row): the presentation chart read from the back of a room.
pub fn thick_bar_lines(
    bars: &[Bar],
    total: u32,
    width: u16,
    thickness: u16,
    you: &str,
    theme: Theme,
) -> Vec<Line<'static>> {
    let width = usize::from(width);
    let mut lines = Vec::new();
    for bar in bars {
        let marker = if bar.own { "▶ " } else { "  " };
        let label_style = if bar.own { theme.own() } else { ratatui::style::Style::new() };
        let label: String = format!("{}. {}", bar.number, bar.label);
        let label = truncate(&label, width.saturating_sub(2));
        lines.push(Line::from(vec![
            Span::styled(marker, label_style),
            Span::styled(label, label_style),
        ]));

        let pct = percent(bar.count, total);
        let tail = if bar.own {
            format!(" {} ({pct}%) ◀ {you}", bar.count)
        } else {
            format!(" {} ({pct}%)", bar.count)
        };
        let room = width.saturating_sub(4 + tail.chars().count()).max(4);
        let cells = if total == 0 {
            0
        } else {
            (room as f64 * f64::from(bar.count) / f64::from(total)).round() as usize
        };
        let cells = if bar.count > 0 { cells.max(1) } else { 0 };
        for row in 0..thickness.max(1) {
            let mut spans = vec![Span::raw("    "), Span::styled("█".repeat(cells), theme.bar())];
            if row == 0 {
                spans.push(Span::styled(tail.clone(), label_style));
            }
            lines.push(Line::from(spans));
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_and_bar_lengths() {
        assert_eq!(percent(1, 3), 33);
        assert_eq!(percent(2, 3), 67);
        assert_eq!(percent(0, 0), 0);
        let bars = vec![
            Bar { number: 1, label: "Eerst".into(), count: 3, own: false },
            Bar { number: 2, label: "Tweede".into(), count: 1, own: true },
            Bar { number: 3, label: "Derde".into(), count: 0, own: false },
        ];
        let lines = bar_lines(&bars, 4, 40, "jij", Theme { color: false });
        let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        assert_eq!(text[0], "  1. Eerst");
        assert!(text[1].ends_with("█ 3 (75%)"), "{}", text[1]);
        assert_eq!(text[2], "▶ 2. Tweede");
        assert!(text[3].ends_with(" 1 (25%) ◀ jij"), "{}", text[3]);
        assert_eq!(text[5], "     0 (0%)");
        let full = text[1].matches('█').count();
        let quarter = text[3].matches('█').count();
        assert!(full > quarter * 2, "{full} vs {quarter}");
    }
}
