//! Block digits three rows high, for counts read from the back of a room: a 3×5 pixel font
//! drawn with half blocks (two pixels a row), four columns a glyph with the gap. Small
//! enough to keep here rather than pull in a font crate for twelve glyphs.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

/// Rows a line of block digits takes.
pub const ROWS: u16 = 3;

/// Columns a glyph takes, with the gap after it.
const ADVANCE: usize = 4;

/// The 3×5 pixels of a glyph, top to bottom; `#` is ink. `None` for characters the font
/// does not have (they are drawn as a space).
fn glyph(c: char) -> Option<[&'static str; 5]> {
    Some(match c {
        '0' => ["###", "#.#", "#.#", "#.#", "###"],
        '1' => [".#.", "##.", ".#.", ".#.", "###"],
        '2' => ["###", "..#", "###", "#..", "###"],
        '3' => ["###", "..#", ".##", "..#", "###"],
        '4' => ["#.#", "#.#", "###", "..#", "..#"],
        '5' => ["###", "#..", "###", "..#", "###"],
        '6' => ["###", "#..", "###", "#.#", "###"],
        '7' => ["###", "..#", "..#", ".#.", ".#."],
        '8' => ["###", "#.#", "###", "#.#", "###"],
        '9' => ["###", "#.#", "###", "..#", "###"],
        '%' => ["#.#", "..#", ".#.", "#..", "#.#"],
        '(' => [".#.", "#..", "#..", "#..", ".#."],
        ')' => [".#.", "..#", "..#", "..#", ".#."],
        '/' => ["..#", "..#", ".#.", "#..", "#.."],
        '·' => ["...", "...", ".#.", "...", "..."],
        _ => return None,
    })
}

/// Columns `text` takes in block digits (no gap after the last glyph).
pub fn width(text: &str) -> u16 {
    let n = text.chars().count();
    u16::try_from((n * ADVANCE).saturating_sub(1)).unwrap_or(u16::MAX)
}

/// The three rows of `text` in block digits.
pub fn rows(text: &str) -> [String; 3] {
    let mut out: [String; 3] = Default::default();
    for (i, c) in text.chars().enumerate() {
        let pixels = glyph(c).unwrap_or(["...", "...", "...", "...", "..."]);
        let ink = |row: usize, col: usize| {
            pixels.get(row).is_some_and(|r| r.as_bytes().get(col) == Some(&b'#'))
        };
        for (r, line) in out.iter_mut().enumerate() {
            if i > 0 {
                line.push(' ');
            }
            for col in 0..3 {
                line.push(match (ink(2 * r, col), ink(2 * r + 1, col)) {
                    (true, true) => '█',
                    (true, false) => '▀',
                    (false, true) => '▄',
                    (false, false) => ' ',
                });
            }
        }
    }
    out
}

/// Draws `text` in block digits at the top left of `area` (clipped to it).
pub fn render(text: &str, style: Style, area: Rect, buf: &mut Buffer) {
    for (r, line) in rows(text).iter().enumerate() {
        let y = area.y + r as u16;
        if y >= area.bottom() {
            break;
        }
        for (col, c) in line.chars().enumerate() {
            let x = area.x + col as u16;
            if x >= area.right() {
                break;
            }
            if c != ' ' {
                buf[(x, y)].set_char(c).set_style(style);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_percentages_are_three_rows_of_blocks() {
        let [a, b, c] = rows("12 (50%)");
        assert_eq!(a, "▄█  ▀▀█     ▄▀  █▀▀ █▀█ ▀ █  ▀▄");
        assert_eq!(b, " █  █▀▀     █   ▀▀█ █ █ ▄▀    █");
        assert_eq!(c, "▀▀▀ ▀▀▀      ▀  ▀▀▀ ▀▀▀ ▀ ▀  ▀ ");
        assert_eq!(width("12 (50%)"), 31);
        assert_eq!(a.chars().count(), 31);
    }

    #[test]
    fn every_digit_differs_from_every_other() {
        let all: Vec<[String; 3]> = ('0'..='9').map(|c| rows(&c.to_string())).collect();
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                assert_ne!(a, b);
            }
        }
    }
}
