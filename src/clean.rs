//! Text that came from a file (a pool, a bundle, a pack, a file name) made safe to show.
//!
//! Any of those may be hostile: an escape sequence in a werkwijze id can retitle or clear
//! the facilitator's terminal, a bidi override can make a line read differently from what
//! it says, and a CSV cell that starts with `=` is a formula in Excel. Everything such text
//! passes through one of these functions before it reaches a terminal or a spreadsheet.

use std::borrow::Cow;

/// Whether a character must never reach a terminal: C0 and C1 controls (ESC, BEL, …), DEL,
/// and the bidirectional formatting characters that reorder what is shown (U+202A–U+202E,
/// U+2066–U+2069, U+200E, U+200F, U+061C).
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Whether a character is invisible on screen (zero-width and similar), so a pack author
/// should be told about it: it makes two ids that look the same differ.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{034F}' | '\u{180E}' | '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2064}'
            | '\u{FEFF}'
    )
}

/// One line of text for a terminal: every unsafe character (newlines and tabs included)
/// becomes U+FFFD "�", so the reader sees that something was removed.
pub fn line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(|c| if is_unsafe(c) { '\u{FFFD}' } else { c }).collect())
}

/// Text of several lines for a terminal: newlines stay, a tab becomes a space, a carriage
/// return is dropped, and every other unsafe character becomes U+FFFD.
pub fn text(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c != '\n' && is_unsafe(c)) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .filter(|&c| c != '\r')
            .map(|c| match c {
                '\n' => '\n',
                '\t' => ' ',
                c if is_unsafe(c) => '\u{FFFD}',
                c => c,
            })
            .collect(),
    )
}

/// A path for a message: its display form, cleaned to one line.
pub fn path(p: &std::path::Path) -> String {
    line(&p.display().to_string()).into_owned()
}

/// One CSV cell: cleaned to one line, neutralised when a spreadsheet would read it as a
/// formula (OWASP CSV-injection guidance: a leading `=`, `+`, `-`, `@`, tab or carriage
/// return gets a `'` before it), and quoted when it holds the separator or a quote.
pub fn csv_cell(value: &str, sep: char) -> String {
    let starts_formula = value.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let cleaned = line(value);
    let mut cell = String::with_capacity(cleaned.len() + 3);
    if starts_formula {
        cell.push('\'');
    }
    cell.push_str(&cleaned);
    if cell.contains([sep, '"']) || starts_formula {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_never_survive() {
        let hostile = "a \u{1b}]0;pwned\u{7}\u{1b}[2J b\u{9b}31m \u{202E}cba";
        for out in [line(hostile).into_owned(), text(hostile).into_owned()] {
            assert!(!out.chars().any(is_unsafe), "{out:?}");
            assert!(out.contains("pwned"), "the visible text stays readable: {out:?}");
        }
        assert_eq!(line("gewoon"), Cow::Borrowed("gewoon"));
        assert_eq!(text("twee\nregels\tja\r\n"), "twee\nregels ja\n");
        assert_eq!(line("twee\nregels"), "twee\u{FFFD}regels");
    }

    #[test]
    fn csv_formulas_are_neutralised() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")", ';'), "\"'=HYPERLINK(\"\"x\"\")\"");
        for start in ["+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            let cell = csv_cell(start, ',');
            assert!(cell.starts_with("\"'"), "{start:?} → {cell:?}");
        }
        assert_eq!(csv_cell("a;b", ';'), "\"a;b\"");
        assert_eq!(csv_cell("gewoon", ';'), "gewoon");
        assert_eq!(csv_cell("a\u{1b}[2Jb", ';'), "a\u{FFFD}[2Jb");
    }

    #[test]
    fn invisible_characters_are_named_apart() {
        assert!(is_invisible('\u{200B}') && !is_unsafe('\u{200B}'));
        assert!(!is_invisible('é'));
    }
}
