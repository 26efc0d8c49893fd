//! Draws a text editor's contents wrapped at spaces only. The editor's own soft wrap breaks
//! at every word boundary of Unicode (UAX #29), which puts an opening quote alone at the
//! end of a line (`zei ik "` / `nee"`) and a space at the start of the next; this keeps a
//! quote with its word and spaces at the end of the line they follow. The editor still
//! owns the text and the cursor; this only draws them, from the editor's state.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Widget};
use ratatui_textarea::TextArea;
use unicode_width::UnicodeWidthChar;

/// How an editor is drawn.
pub struct EditorLook<'a> {
    /// The frame with its titles.
    pub block: Block<'a>,
    /// Shown, dimmed, while nothing is typed.
    pub placeholder: &'a str,
    /// The placeholder's style.
    pub placeholder_style: Style,
    /// Whether the cursor is drawn (the editor has the keyboard).
    pub cursor: bool,
}

/// One row on screen: a line's characters `start..end` (char indices).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    /// The editor line.
    pub line: usize,
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

fn width_of(chars: &[char]) -> usize {
    chars.iter().map(|c| c.width().unwrap_or(0)).sum()
}

/// The rows of one line at `width` columns: breaks only where a space is, a space stays at
/// the end of the row it follows, and only a word longer than the row is split.
pub fn wrap_line(line: usize, text: &[char], width: usize) -> Vec<Row> {
    let width = width.max(1);
    let mut rows = Vec::new();
    let mut start = 0;
    let mut used = 0;
    let mut i = 0;
    while i < text.len() {
        // A word and the spaces after it.
        let word_start = i;
        while i < text.len() && !text[i].is_whitespace() {
            i += 1;
        }
        let word_end = i;
        while i < text.len() && text[i].is_whitespace() {
            i += 1;
        }
        let word = width_of(&text[word_start..word_end]);
        if used + word <= width {
            used += width_of(&text[word_start..i]);
            continue;
        }
        if used > 0 {
            rows.push(Row { line, start, end: word_start });
            start = word_start;
            used = 0;
        }
        if word <= width {
            used = width_of(&text[word_start..i]);
            continue;
        }
        // Longer than a row: split by characters.
        let mut k = word_start;
        while k < word_end {
            let w = text[k].width().unwrap_or(0);
            if used + w > width && used > 0 {
                rows.push(Row { line, start, end: k });
                start = k;
                used = 0;
            }
            used += w;
            k += 1;
        }
        used += width_of(&text[word_end..i]);
    }
    rows.push(Row { line, start, end: text.len() });
    rows
}

/// Draws `editor` in `area` with `look`, scrolled so the cursor is in view.
pub fn render_editor(editor: &TextArea, look: EditorLook, area: Rect, buf: &mut Buffer) {
    let inner = look.block.inner(area);
    look.block.render(area, buf);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let width = usize::from(inner.width);
    let lines: Vec<Vec<char>> = editor.lines().iter().map(|l| l.chars().collect()).collect();
    let cursor = editor.cursor();
    let (cursor_line, cursor_col) = (cursor.0, cursor.1);
    let empty = lines.iter().all(Vec::is_empty);
    if empty && !look.placeholder.is_empty() {
        Line::styled(look.placeholder, look.placeholder_style).render(inner, buf);
    }
    let rows: Vec<Row> =
        lines.iter().enumerate().flat_map(|(n, text)| wrap_line(n, text, width)).collect();
    // The cursor's row: the one it falls in, or at a row's end the next row of its line.
    let at = (0..rows.len())
        .find(|&i| {
            let r = rows[i];
            r.line == cursor_line
                && r.start <= cursor_col
                && (cursor_col < r.end || rows.get(i + 1).is_none_or(|n| n.line != cursor_line))
        })
        .unwrap_or(0);
    let height = usize::from(inner.height);
    let top = at.saturating_sub(height - 1);
    for (y, row) in rows.iter().skip(top).take(height).enumerate() {
        let y = inner.y + y as u16;
        if !empty {
            let text: String = lines[row.line][row.start..row.end].iter().collect();
            buf.set_stringn(inner.x, y, &text, width, Style::new());
        }
    }
    if look.cursor {
        let row = rows[at];
        let col = width_of(&lines[row.line][row.start..cursor_col.min(row.end)]);
        let x = inner.x + (col.min(width - 1)) as u16;
        let y = inner.y + (at - top) as u16;
        let cell = &mut buf[(x, y)];
        cell.set_style(cell.style().add_modifier(Modifier::REVERSED));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str, width: usize) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        wrap_line(0, &chars, width).iter().map(|r| chars[r.start..r.end].iter().collect()).collect()
    }

    #[test]
    fn quotes_stay_with_their_word_and_spaces_end_a_row() {
        assert_eq!(
            rows("toen zei ik \"nee\" tegen hem", 13),
            ["toen zei ik ", "\"nee\" tegen ", "hem"]
        );
        assert_eq!(rows("ik:  \"ja\"", 4), ["ik:  ", "\"ja\""]);
        assert_eq!(rows("", 10), [""]);
        assert_eq!(rows("abcdefghij kl", 4), ["abcd", "efgh", "ij ", "kl"]);
    }
}
