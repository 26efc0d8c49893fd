//! Cutting text to a width, always with a visible "…", so a reader can tell cut text from
//! whole text — never a word broken off silently at the edge of the screen.

use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Cuts text to `max` columns, ending in `…` when cut.
pub fn truncate(text: &str, max: usize) -> String {
    if text.width() <= max {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > max {
            break;
        }
        out.push(c);
        used += w;
    }
    if max > 0 {
        out.push('…');
    }
    out
}

/// Cuts a line of styled spans to `max` columns: the spans that fit stay as they are, the
/// first that does not is cut with `…`, the rest is dropped.
pub fn fit_line(line: Line<'static>, max: usize) -> Line<'static> {
    if line.width() <= max {
        return line;
    }
    // The line is cut: its text gets `max - 1` columns, the "…" the last one.
    let budget = max.saturating_sub(1);
    let mut spans = Vec::new();
    let mut used = 0;
    for span in line.spans {
        let w = span.content.width();
        if used + w <= budget {
            used += w;
            spans.push(span);
            continue;
        }
        let mut cut = String::new();
        for c in span.content.chars() {
            let cw = c.width().unwrap_or(0);
            if used + cw > budget {
                break;
            }
            cut.push(c);
            used += cw;
        }
        if max > 0 {
            cut.push('…');
        }
        spans.push(Span::styled(cut, span.style));
        break;
    }
    Line { spans, ..line }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_text_ends_in_an_ellipsis() {
        assert_eq!(truncate("kort", 10), "kort");
        assert_eq!(truncate("niemand ziet een andere stem", 12), "niemand zie…");
        assert_eq!(truncate("abc", 0), "");
        let line = Line::from(vec![Span::raw("Bespreken"), Span::raw("  Dilemma 1 van 1")]);
        assert_eq!(fit_line(line.clone(), 40).to_string(), "Bespreken  Dilemma 1 van 1");
        assert_eq!(fit_line(line.clone(), 15).to_string(), "Bespreken  Dil…");
        assert_eq!(fit_line(line, 9).to_string(), "Bespreke…");
    }
}
