//! The distribution of choices as horizontal bars with counts and percentages. The own
//! choice is marked with a symbol and a word, not only with colour.
//!
//! Every bar of a chart shares one scale: the room for bars is what is left of the width
//! after the *longest* count-and-mark text, so a mark such as "◀ jij" never takes cells
//! from its own bar, and equal counts always draw equally long.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::text::truncate;
use crate::tui::theme::Theme;

/// One werkwijze in a chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    /// The number shown on the dilemma screen for this werkwijze.
    pub number: usize,
    /// Its title.
    pub label: String,
    /// How many chose it first.
    pub count: u32,
    /// How many hold it after revising, when the chart shows revisions.
    pub after: Option<u32>,
    /// Whether this is the werkwijze the person holds now.
    pub own: bool,
    /// Whether this was the person's first choice, which they revised away from.
    pub first_own: bool,
}

impl Bar {
    /// A bar of first choices only, not the person's.
    pub fn plain(number: usize, label: impl Into<String>, count: u32) -> Bar {
        Bar { number, label: label.into(), count, after: None, own: false, first_own: false }
    }
}

/// The words a chart uses; empty where the chart has no person (a session).
#[derive(Debug, Clone, Copy, Default)]
pub struct Marks<'a> {
    /// After the bar of the werkwijze held now: "jij".
    pub you: &'a str,
    /// After the bar of the first choice, once revised: "jouw eerste keuze".
    pub your_first: &'a str,
    /// Before the first-choice bar when revisions are shown: "eerste keuze".
    pub first: &'a str,
    /// Before the after-revision bar: "na herziening".
    pub after: &'a str,
}

pub use crate::store::percent;

/// Cells for `count` of `total` in `room` cells: proportional, and at least one for any
/// vote so a single vote is visible.
pub fn cells(count: u32, total: u32, room: usize) -> usize {
    if total == 0 || count == 0 {
        return 0;
    }
    let cells = (room as f64 * f64::from(count) / f64::from(total)).round() as usize;
    cells.max(1)
}

/// One bar row before it is drawn: its caption ("eerste keuze"), count and mark.
struct Row<'a> {
    caption: &'a str,
    count: u32,
    mark: String,
    style: Style,
}

/// Two lines per werkwijze: the label, then the bar with count and percentage (and, when
/// revisions are shown, a second bar of where people ended up). A bar's length is its share
/// of `total`, so bars of different charts compare.
pub fn bar_lines(
    bars: &[Bar],
    total: u32,
    width: u16,
    marks: Marks,
    theme: Theme,
) -> Vec<Line<'static>> {
    thick_bar_lines(bars, total, width, 1, marks, theme)
}

/// Like [`bar_lines`], with each bar `thickness` rows high (count and percentage on its
/// first row): the presentation chart read from the back of a room.
pub fn thick_bar_lines(
    bars: &[Bar],
    total: u32,
    width: u16,
    thickness: u16,
    marks: Marks,
    theme: Theme,
) -> Vec<Line<'static>> {
    let width = usize::from(width);
    let revisions = bars.iter().any(|b| b.after.is_some());
    // The caption column in front of the bars, when there are two per werkwijze.
    let caption_width =
        if revisions { marks.first.width().max(marks.after.width()) + 1 } else { 0 };
    let indent = 4 + caption_width;
    let tail = |row: &Row| format!(" {} ({}%){}", row.count, percent(row.count, total), row.mark);
    // One scale for the whole chart: the longest tail decides the room, for every bar.
    let longest = bars
        .iter()
        .flat_map(|bar| rows_of(bar, marks, theme))
        .map(|r| tail(&r).width())
        .max()
        .unwrap_or(0);
    let room = width.saturating_sub(indent + longest).max(4);

    let mut lines = Vec::new();
    for bar in bars {
        lines.push(label_line(bar, width, theme));
        for row in rows_of(bar, marks, theme) {
            let lead = if revisions {
                format!("    {:<w$}", row.caption, w = caption_width)
            } else {
                "    ".to_string()
            };
            let n = cells(row.count, total, room);
            for r in 0..thickness.max(1) {
                let mut spans = vec![
                    Span::styled(
                        if r == 0 { lead.clone() } else { " ".repeat(indent) },
                        theme.dim(),
                    ),
                    Span::styled("█".repeat(n), theme.bar()),
                ];
                if r == 0 {
                    spans.push(Span::styled(tail(&row), row.style));
                }
                lines.push(Line::from(spans));
            }
        }
    }
    lines
}

/// The bar rows of one werkwijze: one, or two (first choice, after revision) once anyone
/// revised, each with its mark for the person's own choice.
fn rows_of<'m>(bar: &Bar, marks: Marks<'m>, theme: Theme) -> Vec<Row<'m>> {
    let mark = |on: bool, word: &str, symbol: &str| {
        if on && !word.is_empty() { format!(" {symbol} {word}") } else { String::new() }
    };
    let own_style = if bar.own { theme.own() } else { Style::new() };
    match bar.after {
        None => vec![Row {
            caption: "",
            count: bar.count,
            mark: mark(bar.own, marks.you, "◀"),
            style: own_style,
        }],
        Some(after) => vec![
            Row {
                caption: marks.first,
                count: bar.count,
                mark: mark(bar.first_own, marks.your_first, "◁"),
                style: if bar.first_own { theme.dim() } else { Style::new() },
            },
            Row {
                caption: marks.after,
                count: after,
                mark: mark(bar.own, marks.you, "◀"),
                style: own_style,
            },
        ],
    }
}

/// The werkwijze's number and title above its bars, marked when it is the person's
/// choice now (▶) or was their first (▷).
fn label_line(bar: &Bar, width: usize, theme: Theme) -> Line<'static> {
    let marker = match (bar.own, bar.first_own) {
        (true, _) => "▶ ",
        (false, true) => "▷ ",
        _ => "  ",
    };
    let label_style = if bar.own { theme.own() } else { Style::new() };
    let label = truncate(&format!("{}. {}", bar.number, bar.label), width.saturating_sub(2));
    Line::from(vec![Span::styled(marker, label_style), Span::styled(label, label_style)])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks() -> Marks<'static> {
        Marks { you: "jij", your_first: "jouw eerste keuze", first: "eerst", after: "daarna" }
    }

    fn bar(number: usize, count: u32, own: bool) -> Bar {
        Bar { own, ..Bar::plain(number, format!("Optie {number}"), count) }
    }

    /// The number of bar cells on each bar row, top to bottom.
    fn lengths(lines: &[Line]) -> Vec<usize> {
        lines
            .iter()
            .map(|l| l.to_string())
            .filter(|l| l.starts_with("    "))
            .map(|l| l.matches('█').count())
            .collect()
    }

    #[test]
    fn percentages_and_bar_lengths() {
        assert_eq!(percent(1, 3), 33);
        assert_eq!(percent(2, 3), 67);
        assert_eq!(percent(0, 0), 0);
        let bars = vec![bar(1, 3, false), bar(2, 1, true), bar(3, 0, false)];
        let lines = bar_lines(&bars, 4, 40, marks(), Theme::PLAIN);
        let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        assert_eq!(text[0], "  1. Optie 1");
        assert!(text[1].ends_with("█ 3 (75%)"), "{}", text[1]);
        assert_eq!(text[2], "▶ 2. Optie 2");
        assert!(text[3].ends_with(" 1 (25%) ◀ jij"), "{}", text[3]);
        assert_eq!(text[5], "     0 (0%)");
        let full = text[1].matches('█').count();
        let quarter = text[3].matches('█').count();
        assert!(full > quarter * 2, "{full} vs {quarter}");
    }

    #[test]
    fn equal_counts_draw_equal_bars_whatever_the_mark() {
        // 3 and 3 votes: the bar with "◀ jij" is exactly as long as the other.
        for own in [0, 1] {
            let bars = vec![bar(1, 3, own == 0), bar(2, 3, own == 1)];
            let lens = lengths(&bar_lines(&bars, 6, 74, marks(), Theme::PLAIN));
            assert_eq!(lens[0], lens[1], "{lens:?}");
        }
    }

    #[test]
    fn more_votes_never_draw_shorter_and_bars_are_proportional() {
        // 101 votes with the mark against 96 without: the longer count draws longer.
        let bars = vec![bar(1, 101, true), bar(2, 96, false), bar(3, 3, false)];
        let lens = lengths(&bar_lines(&bars, 200, 74, marks(), Theme::PLAIN));
        assert!(lens[0] > lens[1] && lens[1] > lens[2], "{lens:?}");
        // Every bar is its share of one room, to within a cell of rounding.
        let room = lens[0] as f64 * 200.0 / 101.0;
        for (len, count) in lens.iter().zip([101.0, 96.0, 3.0]) {
            let ideal = room * count / 200.0;
            assert!((*len as f64 - ideal).abs() <= 1.0, "{len} vs {ideal:.1} ({lens:?})");
        }
        // Across counts 1..=20 of 20, a bar never shrinks as its count grows.
        let mut last = 0;
        for n in 1..=20 {
            let bars = vec![bar(1, n, n % 2 == 0), bar(2, 20 - n, n % 2 == 1)];
            let len = lengths(&bar_lines(&bars, 20, 74, marks(), Theme::PLAIN))[0];
            assert!(len >= last, "{n}: {len} < {last}");
            last = len;
        }
    }

    #[test]
    fn revisions_add_a_bar_and_mark_the_first_choice_apart() {
        let bars = vec![
            Bar { after: Some(1), first_own: true, ..Bar::plain(1, "Melden", 3) },
            Bar { after: Some(3), own: true, ..Bar::plain(2, "Gesprek", 1) },
        ];
        let lines = bar_lines(&bars, 4, 74, marks(), Theme::PLAIN);
        let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        assert_eq!(text[0], "▷ 1. Melden");
        assert!(text[1].starts_with("    eerst  █") && text[1].ends_with("◁ jouw eerste keuze"));
        assert!(text[2].starts_with("    daarna █") && text[2].ends_with(" 1 (25%)"));
        assert_eq!(text[3], "▶ 2. Gesprek");
        assert!(text[5].ends_with(" 3 (75%) ◀ jij"), "{}", text[5]);
        let lens = lengths(&lines);
        assert_eq!((lens[0], lens[3]), (lens[3], lens[0]), "3 first and 3 after draw alike");
    }
}
