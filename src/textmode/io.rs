//! Lines in and lines out for the plain text mode. Every text written passes [`Out::line`],
//! which cleans it ([`crate::clean::text`]) and splits it into whole lines, so nothing but
//! printable text and newlines ever reaches the output — no escape sequence, no carriage
//! return, no tab, whatever a pack, the pool or the journal holds. Every line read is
//! bounded ([`MAX_INPUT_LINE`]), decoded leniently and cleaned the same way, and every
//! question says which answers are valid and is asked again, with the reason, when the
//! answer is not one of them.

use std::io::{self, BufRead, Write};

/// The longest line read; the rest of a longer line is dropped (and said).
pub const MAX_INPUT_LINE: usize = 64 * 1024;

/// How many invalid answers in a row one question takes before the text mode stops: a
/// script that feeds the same wrong line forever (`yes | wikken`) ends instead of filling
/// a disk with questions.
pub const MAX_TRIES: usize = 20;

/// Where the text mode writes.
pub struct Out<'w> {
    w: &'w mut dyn Write,
}

impl<'w> Out<'w> {
    /// Writes to `w`.
    pub fn new(w: &'w mut dyn Write) -> Self {
        Out { w }
    }

    /// Writes `text` as one or more lines: cleaned for a terminal, each line break in it a
    /// line of its own.
    pub fn line(&mut self, text: &str) -> io::Result<()> {
        for part in crate::clean::text(text).split('\n') {
            self.w.write_all(part.trim_end().as_bytes())?;
            self.w.write_all(b"\n")?;
        }
        Ok(())
    }

    /// An empty line, between parts.
    pub fn blank(&mut self) -> io::Result<()> {
        self.w.write_all(b"\n")
    }

    /// A question: its line, then everything written so far is sent on, so the person (or
    /// the script) sees it before wikken waits.
    pub fn ask(&mut self, prompt: &str) -> io::Result<()> {
        self.line(prompt)?;
        self.w.flush()
    }

    /// Sends on what was written.
    pub fn flush(&mut self) -> io::Result<()> {
        self.w.flush()
    }
}

/// One line read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A line, without its line break, cleaned; `cut` when it was longer than
    /// [`MAX_INPUT_LINE`] and its end was dropped.
    Line {
        /// The text.
        text: String,
        /// Whether the end of an overlong line was dropped.
        cut: bool,
    },
    /// The input ended (Ctrl+D, Ctrl+Z on Windows, or the end of a pipe).
    End,
}

/// Where the text mode reads.
pub struct In<'r> {
    r: &'r mut dyn BufRead,
}

impl<'r> In<'r> {
    /// Reads from `r`.
    pub fn new(r: &'r mut dyn BufRead) -> Self {
        In { r }
    }

    /// The next line. A last line without a line break counts as a line; the end of the
    /// input comes after it.
    pub fn read_line(&mut self) -> io::Result<Input> {
        let Some((bytes, cut)) = read_capped(self.r, MAX_INPUT_LINE)? else {
            return Ok(Input::End);
        };
        let text = String::from_utf8_lossy(&bytes);
        let text = text.strip_suffix('\r').unwrap_or(&text);
        Ok(Input::Line { text: crate::clean::text(text).into_owned(), cut })
    }
}

/// Reads up to the next `\n` (dropped), keeping at most `max` bytes; `None` at the end of
/// the input with nothing read.
fn read_capped(r: &mut dyn BufRead, max: usize) -> io::Result<Option<(Vec<u8>, bool)>> {
    let mut line = Vec::new();
    let (mut cut, mut any) = (false, false);
    loop {
        let available = match r.fill_buf() {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok(any.then_some((line, cut)));
        }
        any = true;
        let end = available.iter().position(|&b| b == b'\n');
        let chunk = &available[..end.unwrap_or(available.len())];
        let room = max.saturating_sub(line.len());
        cut |= chunk.len() > room;
        line.extend_from_slice(&chunk[..chunk.len().min(room)]);
        let used = end.map_or(available.len(), |i| i + 1);
        r.consume(used);
        if end.is_some() {
            return Ok(Some((line, cut)));
        }
    }
}

/// Why a question got no valid answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Leave {
    /// The person typed `q`.
    Quit,
    /// The input ended.
    End,
    /// [`MAX_TRIES`] invalid answers in a row.
    Tries,
}

/// The answer to a question, or why there is none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply<T> {
    /// A valid answer.
    Value(T),
    /// The person leaves.
    Leave(Leave),
}

/// Whether a line is the word that leaves wikken: `q`, in any case, alone on its line.
pub fn is_quit(text: &str) -> bool {
    text.trim().eq_ignore_ascii_case("q")
}

/// Asks `prompt` until `parse` accepts the (trimmed) answer, saying its reason each time
/// it does not; `q` and the end of the input leave.
pub fn ask<T>(
    out: &mut Out,
    input: &mut In,
    prompt: &str,
    mut parse: impl FnMut(&str) -> Result<T, String>,
) -> io::Result<Reply<T>> {
    for _ in 0..MAX_TRIES {
        out.ask(prompt)?;
        let text = match input.read_line()? {
            Input::End => return Ok(Reply::Leave(Leave::End)),
            Input::Line { text, .. } => text,
        };
        if is_quit(&text) {
            return Ok(Reply::Leave(Leave::Quit));
        }
        match parse(text.trim()) {
            Ok(value) => return Ok(Reply::Value(value)),
            Err(reason) => out.line(&reason)?,
        }
    }
    Ok(Reply::Leave(Leave::Tries))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(bytes: &[u8]) -> Vec<Input> {
        let mut r = bytes;
        let mut input = In::new(&mut r);
        let mut out = Vec::new();
        loop {
            let next = input.read_line().expect("read");
            let end = next == Input::End;
            out.push(next);
            if end {
                return out;
            }
        }
    }

    fn line(text: &str) -> Input {
        Input::Line { text: text.into(), cut: false }
    }

    #[test]
    fn lines_are_cleaned_and_a_last_line_without_newline_counts() {
        let got = lines(b"1\r\n\xff kapot\n\x1b[2Jweg\ttab\nlaatste");
        assert_eq!(
            got,
            [
                line("1"),
                line("\u{FFFD} kapot"),
                line("\u{FFFD}[2Jweg tab"),
                line("laatste"),
                Input::End
            ]
        );
        assert_eq!(lines(b""), [Input::End]);
        assert_eq!(lines(b"\n"), [line(""), Input::End]);
    }

    #[test]
    fn an_overlong_line_is_cut_and_said() {
        let mut long = vec![b'a'; MAX_INPUT_LINE + 10];
        long.extend_from_slice(b"\nvolgende\n");
        let got = lines(&long);
        match &got[0] {
            Input::Line { text, cut } => assert!(*cut && text.len() == MAX_INPUT_LINE),
            other => panic!("{other:?}"),
        }
        assert_eq!(got[1], line("volgende"));
    }

    #[test]
    fn output_holds_no_control_character_but_newlines() {
        let mut bytes = Vec::new();
        let mut out = Out::new(&mut bytes);
        out.line("titel\u{1b}]0;x\u{7} \u{9b}2J\r\nregel twee\tmet tab \u{202E}").expect("write");
        let text = String::from_utf8(bytes).expect("utf8");
        assert!(text.bytes().all(|b| b >= 0x20 || b == b'\n'), "{text:?}");
        assert!(!text.chars().any(|c| c != '\n' && crate::clean::is_unsafe(c)), "{text:?}");
        assert_eq!(text.lines().count(), 2);
    }

    #[test]
    fn a_question_is_asked_again_with_the_reason_and_q_leaves() {
        let mut r: &[u8] = b"zeven\n3\n";
        let (mut bytes, mut input) = (Vec::new(), In::new(&mut r));
        let parse = |t: &str| t.parse::<u8>().map_err(|_| format!("{t} is geen getal"));
        let reply = ask(&mut Out::new(&mut bytes), &mut input, "Kies 1 tot 4:", parse);
        assert_eq!(reply.expect("io"), Reply::Value(3));
        assert_eq!(
            String::from_utf8(bytes).expect("utf8"),
            "Kies 1 tot 4:\nzeven is geen getal\nKies 1 tot 4:\n"
        );
        for (typed, leave) in [(&b" Q \n"[..], Leave::Quit), (b"", Leave::End)] {
            let mut r = typed;
            let mut input = In::new(&mut r);
            let reply = ask(&mut Out::new(&mut Vec::new()), &mut input, "?", |_| Ok(()));
            assert_eq!(reply.expect("io"), Reply::Leave(leave));
        }
        let endless = "nee\n".repeat(MAX_TRIES + 5);
        let mut r = endless.as_bytes();
        let mut input = In::new(&mut r);
        let reply =
            ask(&mut Out::new(&mut Vec::new()), &mut input, "?", |_| Err::<(), _>("nee".into()));
        assert_eq!(reply.expect("io"), Reply::Leave(Leave::Tries));
    }
}
