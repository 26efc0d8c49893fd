//! Text that came from a file (a pool, a bundle, a pack, a file name) made safe to show.
//!
//! Any of those may be hostile: an escape sequence in a werkwijze id can retitle or clear
//! the facilitator's terminal, a bidi override can make a line read differently from what
//! it says, a CSV cell that starts with `=` is a formula in Excel, and a `<script>` in a
//! title is code on a web page. Everything such text passes through one of these functions
//! before it reaches a terminal, a spreadsheet or an HTML page (the handout, the phones'
//! page). A leaf module: it imports nothing of wikken.

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

/// The Unicode name (or, for controls, the usual alias) of a character that
/// [`is_unsafe`] or [`is_invisible`] flags, in lower case, so a message can say which one
/// it found: `U+200B (zero width space)`. `None` for any other character.
pub fn char_name(c: char) -> Option<&'static str> {
    const C0: [&str; 32] = [
        "null",
        "start of heading",
        "start of text",
        "end of text",
        "end of transmission",
        "enquiry",
        "acknowledge",
        "bell",
        "backspace",
        "tab",
        "line feed",
        "line tabulation",
        "form feed",
        "carriage return",
        "shift out",
        "shift in",
        "data link escape",
        "device control one",
        "device control two",
        "device control three",
        "device control four",
        "negative acknowledge",
        "synchronous idle",
        "end of transmission block",
        "cancel",
        "end of medium",
        "substitute",
        "escape",
        "file separator",
        "group separator",
        "record separator",
        "unit separator",
    ];
    const C1: [&str; 32] = [
        "padding character",
        "high octet preset",
        "break permitted here",
        "no break here",
        "index",
        "next line",
        "start of selected area",
        "end of selected area",
        "character tabulation set",
        "character tabulation with justification",
        "line tabulation set",
        "partial line forward",
        "partial line backward",
        "reverse line feed",
        "single shift two",
        "single shift three",
        "device control string",
        "private use one",
        "private use two",
        "set transmit state",
        "cancel character",
        "message waiting",
        "start of guarded area",
        "end of guarded area",
        "start of string",
        "single graphic character introducer",
        "single character introducer",
        "control sequence introducer",
        "string terminator",
        "operating system command",
        "privacy message",
        "application program command",
    ];
    let code = c as u32;
    Some(match c {
        '\u{0}'..='\u{1F}' => C0[code as usize],
        '\u{7F}' => "delete",
        '\u{80}'..='\u{9F}' => C1[(code - 0x80) as usize],
        '\u{00AD}' => "soft hyphen",
        '\u{034F}' => "combining grapheme joiner",
        '\u{061C}' => "arabic letter mark",
        '\u{180E}' => "mongolian vowel separator",
        '\u{200B}' => "zero width space",
        '\u{200C}' => "zero width non-joiner",
        '\u{200D}' => "zero width joiner",
        '\u{200E}' => "left-to-right mark",
        '\u{200F}' => "right-to-left mark",
        '\u{202A}' => "left-to-right embedding",
        '\u{202B}' => "right-to-left embedding",
        '\u{202C}' => "pop directional formatting",
        '\u{202D}' => "left-to-right override",
        '\u{202E}' => "right-to-left override",
        '\u{2060}' => "word joiner",
        '\u{2061}' => "function application",
        '\u{2062}' => "invisible times",
        '\u{2063}' => "invisible separator",
        '\u{2064}' => "invisible plus",
        '\u{2066}' => "left-to-right isolate",
        '\u{2067}' => "right-to-left isolate",
        '\u{2068}' => "first strong isolate",
        '\u{2069}' => "pop directional isolate",
        '\u{FEFF}' => "zero width no-break space",
        _ => return None,
    })
}

/// One line of text for a terminal: every unsafe character (newlines and tabs included)
/// becomes U+FFFD "�", so the reader sees that something was removed.
pub fn line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(|c| if is_unsafe(c) { '\u{FFFD}' } else { c }).collect())
}

/// A one-line text from a pack for a terminal: a line break (with the spaces around it)
/// folds into one space, as an author who wraps a long title in the editor expects; a tab
/// becomes a space; every other unsafe character becomes U+FFFD.
pub fn one_line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for (i, part) in s.split('\n').enumerate() {
        let part = part.strip_suffix('\r').unwrap_or(part);
        if i > 0 {
            let kept = out.trim_end_matches([' ', '\t']).len();
            out.truncate(kept);
            out.push(' ');
        }
        let part = if i > 0 { part.trim_start_matches([' ', '\t']) } else { part };
        out.extend(part.chars().map(|c| match c {
            '\t' => ' ',
            c if is_unsafe(c) => '\u{FFFD}',
            c => c,
        }));
    }
    Cow::Owned(out)
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

/// A path as one argument of a command to copy into a shell: cleaned to one line, and
/// quoted unless it holds only characters no shell treats specially.
pub fn shell_arg(p: &std::path::Path) -> String {
    let shown = path(p);
    let plain = |c: char| c.is_alphanumeric() || matches!(c, '/' | '\\' | '.' | '_' | '-' | ':');
    if !shown.is_empty() && shown.chars().all(plain) {
        return shown;
    }
    if cfg!(windows) {
        format!("\"{shown}\"")
    } else {
        format!("'{}'", shown.replace('\'', "'\\''"))
    }
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

/// Escapes text for HTML content and attribute values (`&`, `<`, `>`, `"`, `'`).
pub fn html_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Text from a file for an HTML page: control and invisible-making characters shown as
/// U+FFFD (as for a terminal, see [`text`]), then escaped ([`html_text`]).
pub fn html(text_from_file: &str) -> String {
    html_text(&text(text_from_file))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_escaped_after_cleaning() {
        assert_eq!(
            html_text("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(html("a\u{1b}[2J<b>"), "a\u{FFFD}[2J&lt;b&gt;");
        assert_eq!(html("twee\nregels"), "twee\nregels");
    }

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
        assert_eq!(one_line("Het eerste  \r\n   dilemma\tmet tab"), "Het eerste dilemma met tab");
        assert_eq!(one_line("a\u{1b}b"), "a\u{FFFD}b");
        assert_eq!(one_line("gewoon"), Cow::Borrowed("gewoon"));
    }

    #[cfg(unix)]
    #[test]
    fn shell_arguments_are_quoted_when_needed() {
        use std::path::Path;
        assert_eq!(shell_arg(Path::new("/home/anna/packs")), "/home/anna/packs");
        assert_eq!(shell_arg(Path::new("/mnt/Team map/packs")), "'/mnt/Team map/packs'");
        assert_eq!(shell_arg(Path::new("/x/Anna's")), "'/x/Anna'\\''s'");
        assert_eq!(shell_arg(Path::new("/x/a\u{1b}]0;b")), "'/x/a\u{FFFD}]0;b'");
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

    #[test]
    fn every_flagged_character_has_a_name() {
        let flagged =
            (0..=0x10FFFF).filter_map(char::from_u32).filter(|&c| is_unsafe(c) || is_invisible(c));
        for c in flagged {
            assert!(char_name(c).is_some(), "U+{:04X} has no name", c as u32);
        }
        assert_eq!(char_name('\u{1b}'), Some("escape"));
        assert_eq!(char_name('\u{7}'), Some("bell"));
        assert_eq!(char_name('\u{9b}'), Some("control sequence introducer"));
        assert_eq!(char_name('\u{202E}'), Some("right-to-left override"));
        assert_eq!(char_name('\u{200B}'), Some("zero width space"));
        assert_eq!(char_name('a'), None);
    }
}
