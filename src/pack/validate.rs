//! The rules beyond structure: slug ids unique in their scope, 2–6 werkwijzen, resolvable
//! source references, a plausible language tag, and the warnings that help authors
//! (uncited sources, dilemmas without notes or questions, werkwijzen without onderbouwing,
//! and, for `wikken check`, legal statements that are due to be checked again).

use std::collections::HashSet;

use super::diagnostic::{Diagnostic, DiagnosticKind, Hint, IdScope, did_you_mean};
use super::model::{Note, NoteKind, Pack};
use super::span::{Pos, Spanned};
use super::syntax::Mark;

/// Allowed number of werkwijzen per dilemma.
pub const OPTION_RANGE: std::ops::RangeInclusive<usize> = 2..=6;

/// The length of a case the guide asks for, in words (`check` warns outside it): 120–250
/// as a rule, and some of 80–120 for quick sessions.
pub const CASE_WORDS: std::ops::RangeInclusive<usize> = 80..=250;

/// Longest allowed id.
pub const MAX_SLUG_LEN: usize = 64;

/// Whether `id` is a slug: 1 to 64 characters from `a-z`, `0-9` and `-`.
pub fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_SLUG_LEN
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Whether `tag` has the shape of a BCP 47 language tag (`nl`, `en-GB`, `nl-BE`, `fy`).
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Checks every rule on a decoded pack and returns the problems, errors and warnings mixed,
/// in file order. When the pack is not `complete` (a syntax error made the reader skip
/// part of it), the rules that count what is there — werkwijzen, notes, questions, cited
/// sources — are left for the run after the syntax is fixed, since they would report what
/// was only skipped.
pub fn validate(pack: &Pack, complete: bool) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    check_slug(&mut out, IdScope::Pack, &pack.id);
    if !pack.language.is_empty() && !is_language_tag(&pack.language) {
        out.push(Diagnostic::error(
            pack.language.pos,
            DiagnosticKind::InvalidLanguage { tag: pack.language.value.clone() },
        ));
    }

    let mut source_ids = Unique::default();
    for source in &pack.sources {
        check_slug(&mut out, IdScope::Source, &source.id);
        source_ids.check(&mut out, IdScope::Source, &source.id);
        check_url(&mut out, source.url.as_ref());
    }
    let known: Vec<&str> = pack.sources.iter().map(|s| s.id.as_str()).collect();
    // Looked up once per citation: a pack cites its sources hundreds of times.
    let known = (known.as_slice(), &known.iter().copied().collect::<HashSet<&str>>());
    let mut cited: HashSet<&str> = HashSet::new();

    if pack.dilemmas.is_empty() && complete {
        out.push(Diagnostic::warning(pack.pos, DiagnosticKind::NoDilemmas));
    }
    let mut dilemma_ids = Unique::default();
    for dilemma in &pack.dilemmas {
        check_slug(&mut out, IdScope::Dilemma, &dilemma.id);
        dilemma_ids.check(&mut out, IdScope::Dilemma, &dilemma.id);
        check_case_length(&mut out, &dilemma.case);
        let count = dilemma.options.len();
        if !OPTION_RANGE.contains(&count) && complete {
            out.push(Diagnostic::error(
                dilemma.pos,
                DiagnosticKind::OptionCount { dilemma: dilemma.id.value.clone(), count },
            ));
        }
        let mut option_ids = Unique::default();
        for option in &dilemma.options {
            check_slug(&mut out, IdScope::Option, &option.id);
            option_ids.check(&mut out, IdScope::Option, &option.id);
            check_citations(&mut out, &option.notes, known, &mut cited);
            if option.notes.is_empty() && complete {
                out.push(Diagnostic::warning(
                    option.pos,
                    DiagnosticKind::NoOnderbouwing {
                        dilemma: dilemma.id.value.clone(),
                        option: option.id.value.clone(),
                    },
                ));
            }
        }
        check_citations(&mut out, &dilemma.notes, known, &mut cited);
        if dilemma.notes.is_empty() && complete {
            out.push(Diagnostic::warning(
                dilemma.pos,
                DiagnosticKind::NoNotes { dilemma: dilemma.id.value.clone() },
            ));
        }
        if dilemma.questions.is_empty() && complete {
            out.push(Diagnostic::warning(
                dilemma.pos,
                DiagnosticKind::NoQuestions { dilemma: dilemma.id.value.clone() },
            ));
        }
    }
    for source in &pack.sources {
        if !cited.contains(source.id.as_str()) && complete {
            out.push(Diagnostic::warning(
                source.id.pos,
                DiagnosticKind::UncitedSource { id: source.id.value.clone() },
            ));
        }
    }
    out.sort_by_key(|d| d.pos);
    out
}

/// Warns about characters that do not belong in a pack text: control characters (ESC, BEL,
/// …), text-direction overrides and invisible characters such as U+200B, one warning per
/// distinct character per value, where it first occurs. Line breaks typed in a text are
/// fine (a carriage return before one too, for files saved on Windows): a multi-line text
/// keeps them and a one-line text folds them into a space, as the guide promises. A line
/// break written as `\n` in a one-line text is reported, since the screen cannot show it.
pub(super) fn character_warnings(marks: &[Mark], multiline: bool, out: &mut Vec<Diagnostic>) {
    let mut found: Vec<(char, Pos, usize)> = Vec::new();
    for (i, mark) in marks.iter().enumerate() {
        let before_newline =
            marks.get(i + 1).is_some_and(|next| next.ch == '\n' && next.byte == mark.byte + 1);
        let typed_break = mark.ch == '\n' && !mark.escaped;
        let allowed =
            (multiline && mark.ch == '\n') || typed_break || (mark.ch == '\r' && before_newline);
        if allowed {
            continue;
        }
        match found.iter_mut().find(|(ch, ..)| *ch == mark.ch) {
            Some((_, _, count)) => *count += 1,
            None => found.push((mark.ch, mark.pos, 1)),
        }
    }
    out.extend(found.into_iter().map(|(ch, pos, count)| {
        Diagnostic::warning(pos, DiagnosticKind::UnwantedCharacter { ch, count })
    }));
}

/// Ids seen so far in one scope, to report the second use with the first one's line.
#[derive(Default)]
struct Unique<'a> {
    seen: Vec<&'a Spanned<String>>,
}

impl<'a> Unique<'a> {
    fn check(&mut self, out: &mut Vec<Diagnostic>, scope: IdScope, id: &'a Spanned<String>) {
        if id.is_empty() {
            return;
        }
        if let Some(first) = self.seen.iter().find(|s| s.value == id.value) {
            out.push(
                Diagnostic::error(
                    id.pos,
                    DiagnosticKind::DuplicateId { scope, id: id.value.clone() },
                )
                .with_hint(Hint::FirstDefinedAt(first.pos)),
            );
        } else {
            self.seen.push(id);
        }
    }
}

/// The number of words in a text: runs between spaces that hold a letter or digit. For
/// speed it looks at bytes, not characters (`check` counts every case of every pack): a
/// character outside ASCII counts as a letter when it is one of the two-byte letters from
/// U+00C0 on (é, ß, ł, ω, …) or a three-byte character outside U+2000–U+2FFF (dashes,
/// curly quotes and other signs), and only ASCII spaces separate words (a no-break space
/// joins two words into one).
pub fn word_count(text: &str) -> usize {
    static CLASS: [u8; 256] = {
        let mut class = [0u8; 256];
        let mut b = 0;
        while b < 256 {
            let c = b as u8;
            class[b] = if c.is_ascii_whitespace() {
                SPACE
            } else if c.is_ascii_alphanumeric()
                || matches!(c, 0xC3..=0xDF | 0xE0 | 0xE1 | 0xE3..=0xEF)
            {
                LETTER
            } else {
                0
            };
            b += 1;
        }
        class
    };
    const SPACE: u8 = 1;
    const LETTER: u8 = 2;
    // Without branches: `seen` says whether the word so far holds a letter; a space adds it
    // to the count and starts again.
    let (mut words, mut seen) = (0usize, 0usize);
    for &b in text.as_bytes() {
        let class = CLASS[usize::from(b)];
        let space = usize::from(class == SPACE);
        words += seen & space;
        seen = (seen | usize::from(class == LETTER)) & (space ^ 1);
    }
    words + seen
}

/// A case outside [`CASE_WORDS`] (an empty one is an error already).
fn check_case_length(out: &mut Vec<Diagnostic>, case: &Spanned<String>) {
    let words = word_count(case);
    if words > 0 && !CASE_WORDS.contains(&words) {
        let (min, max) = (*CASE_WORDS.start(), *CASE_WORDS.end());
        out.push(Diagnostic::warning(case.pos, DiagnosticKind::CaseLength { words, min, max }));
    }
}

/// A source's address must be a web address (`http://` or `https://`): a `javascript:`,
/// `data:` or `file:` address would become a link in a handout or on a screen that does
/// something else than open a page.
fn check_url(out: &mut Vec<Diagnostic>, url: Option<&Spanned<String>>) {
    let Some(url) = url else { return };
    let lower = url.trim().to_ascii_lowercase();
    let web = ["http://", "https://"].iter().any(|s| lower.starts_with(s) && lower.len() > s.len());
    if !web {
        out.push(Diagnostic::error(url.pos, DiagnosticKind::UnsafeUrl { url: url.value.clone() }));
    }
}

fn check_slug(out: &mut Vec<Diagnostic>, scope: IdScope, id: &Spanned<String>) {
    // An empty id is already reported as empty text.
    if !id.is_empty() && !is_slug(id) {
        out.push(Diagnostic::error(
            id.pos,
            DiagnosticKind::InvalidSlug { scope, id: id.value.clone() },
        ));
    }
}

/// The source ids of a pack: in file order (for "did you mean"), and as a set.
type Known<'a, 'b> = (&'a [&'b str], &'a HashSet<&'b str>);

fn check_citations<'p>(
    out: &mut Vec<Diagnostic>,
    notes: &'p [Note],
    (known, set): Known,
    cited: &mut HashSet<&'p str>,
) {
    check_kinds(out, notes);
    for reference in notes.iter().flat_map(|n| &n.sources) {
        if set.contains(reference.as_str()) {
            cited.insert(reference.as_str());
        } else {
            let mut diag = Diagnostic::error(
                reference.pos,
                DiagnosticKind::UnknownSource { id: reference.value.clone() },
            );
            if let Some(s) = did_you_mean(reference, known.iter().copied()) {
                diag = diag.with_hint(Hint::DidYouMean(s));
            }
            out.push(diag);
        }
    }
}

/// Every note says what kind of knowledge it is, and a legal statement says when it was
/// checked (`as_of: Some("2026-12")`): the law changes, and a trainer must see how old a
/// statement is.
fn check_kinds(out: &mut Vec<Diagnostic>, notes: &[Note]) {
    for note in notes {
        // A missing `kind` is warned about where the note is decoded (a misspelt one is an
        // error there already).
        if let Some(kind) = &note.kind
            && kind.value == NoteKind::Wet
            && note.as_of.is_none()
        {
            out.push(Diagnostic::error(kind.pos, DiagnosticKind::WetWithoutAsOf));
        }
        if let Some(as_of) = &note.as_of
            && YearMonth::parse(as_of).is_none()
        {
            out.push(Diagnostic::error(
                as_of.pos,
                DiagnosticKind::InvalidAsOf { value: as_of.value.clone() },
            ));
        }
    }
}

/// A calendar month, as `as_of` dates a legal statement: `2026-12`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct YearMonth {
    /// The year, four digits.
    pub year: u16,
    /// The month, 1 to 12.
    pub month: u8,
}

impl YearMonth {
    /// `YYYY-MM` with a month from 01 to 12; anything else is `None`.
    pub fn parse(s: &str) -> Option<YearMonth> {
        let b = s.as_bytes();
        let shaped = b.len() == 7
            && b[..4].iter().all(u8::is_ascii_digit)
            && b[4] == b'-'
            && b[5..].iter().all(u8::is_ascii_digit);
        if !shaped {
            return None;
        }
        let year = s[..4].parse().ok()?;
        let month = s[5..].parse().ok().filter(|m| (1..=12).contains(m))?;
        Some(YearMonth { year, month })
    }

    /// Whole months from `earlier` to `self`; negative when `earlier` is later.
    pub fn months_since(self, earlier: YearMonth) -> i64 {
        let count = |ym: YearMonth| i64::from(ym.year) * 12 + i64::from(ym.month);
        count(self) - count(earlier)
    }
}

impl std::fmt::Display for YearMonth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// When `wikken check` asks for a legal statement to be checked again: a `Wet` note whose
/// `as_of` lies more than `max_months` before `today` (the law changes, often on 1
/// January), or after `today` (a typo such as `2062-12` would otherwise never be due).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WetAge {
    /// The month the check runs in.
    pub today: YearMonth,
    /// How many months a checked statement stays fresh; the default is
    /// [`DEFAULT_WET_MAX_AGE`].
    pub max_months: u32,
}

/// How many months a `Wet` note stays fresh unless the trainer chooses otherwise
/// (`check --wet-max-age`, `wet_max_age` in `config.toml`): a year, so every statement is
/// seen again after each 1 January on which laws change.
pub const DEFAULT_WET_MAX_AGE: u32 = 12;

/// Warnings for the `Wet` notes of `pack` that are due to be checked again (see
/// [`WetAge`]), at their `as_of`. An `as_of` that is not a month is an error elsewhere.
pub fn stale_wet_notes(pack: &Pack, age: WetAge) -> Vec<Diagnostic> {
    let notes = pack
        .dilemmas
        .iter()
        .flat_map(|d| d.notes.iter().chain(d.options.iter().flat_map(|o| &o.notes)));
    let mut out = Vec::new();
    for note in notes {
        if note.kind() != Some(NoteKind::Wet) {
            continue;
        }
        let Some(as_of) = &note.as_of else { continue };
        let Some(checked) = YearMonth::parse(as_of) else { continue };
        let months = age.today.months_since(checked);
        let kind = if months < 0 {
            DiagnosticKind::WetCheckedInFuture { as_of: as_of.value.clone() }
        } else if months > i64::from(age.max_months) {
            DiagnosticKind::WetDue { as_of: as_of.value.clone(), months, max: age.max_months }
        } else {
            continue;
        };
        out.push(Diagnostic::warning(as_of.pos, kind));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(text: &str) -> Vec<Mark> {
        let mut pos = Pos::START;
        let mut out = Vec::new();
        for (byte, ch) in text.char_indices() {
            if crate::clean::is_unsafe(ch) || crate::clean::is_invisible(ch) {
                out.push(Mark { byte, ch, pos, escaped: true });
            }
            pos.col += 1;
        }
        out
    }

    fn warned(text: &str, multiline: bool) -> Vec<(char, u32, usize)> {
        let mut out = Vec::new();
        character_warnings(&marks(text), multiline, &mut out);
        out.into_iter()
            .map(|d| match d.kind {
                DiagnosticKind::UnwantedCharacter { ch, count } => (ch, d.pos.col, count),
                other => panic!("unexpected {other:?}"),
            })
            .collect()
    }

    #[test]
    fn one_warning_per_character_at_its_first_place() {
        assert_eq!(
            warned("a\u{1b}[2J\u{200B}b\u{1b}]0;x\u{7}", false),
            [('\u{1b}', 2, 2), ('\u{200B}', 6, 1), ('\u{7}', 13, 1)]
        );
        assert!(warned("gewoon", false).is_empty());
    }

    #[test]
    fn line_breaks_only_in_multiline_texts() {
        assert!(warned("een\ntwee\r\ndrie", true).is_empty());
        // Written as \n (the test marks count as escapes): reported in a one-line text.
        assert_eq!(warned("een\ntwee\r\ndrie", false), [('\n', 4, 2)]);
        assert_eq!(warned("een\rtwee\tdrie", true), [('\r', 4, 1), ('\t', 9, 1)]);
    }

    #[test]
    fn months_parse_and_count() {
        let ym = |s| YearMonth::parse(s).expect(s);
        assert_eq!(ym("2026-12"), YearMonth { year: 2026, month: 12 });
        assert_eq!(ym("2026-12").to_string(), "2026-12");
        for bad in ["2026-13", "2026-00", "2026-1", "26-12", "2026/12", "december", "2026-1a"] {
            assert_eq!(YearMonth::parse(bad), None, "{bad}");
        }
        assert_eq!(ym("2027-12").months_since(ym("2026-12")), 12);
        assert_eq!(ym("2027-01").months_since(ym("2026-12")), 1);
        assert_eq!(ym("2026-12").months_since(ym("2027-01")), -1);
    }

    /// The `as_of` of every Wet note of a one-dilemma pack, and what the age check says.
    fn due(as_ofs: &[&str], today: &str, max_months: u32) -> Vec<(u32, DiagnosticKind)> {
        let notes: String = as_ofs
            .iter()
            .map(|a| {
                format!("Note(kind: Wet, as_of: Some(\"{a}\"), text: \"W\", sources: [\"s\"]),\n")
            })
            .collect();
        // A case long enough for the length hint to say nothing.
        let case = "woord ".repeat(*CASE_WORDS.start());
        let text = format!(
            "Pack(id: \"p\", version: 1, language: \"nl\", title: \"T\",\n\
             sources: [Source(id: \"s\", citation: \"C\", url: None)],\n\
             dilemmas: [Dilemma(id: \"d\", title: \"T\", case: \"{case}\", question: \"Q\",\n\
             options: [Option(id: \"a\", title: \"A\", text: \"A\", notes: [\n{notes}]),\n\
             Option(id: \"b\", title: \"B\", text: \"B\", notes: [Note(kind: Praktijk, \
             text: \"P\", sources: [\"s\"])])],\n\
             notes: [Note(kind: Praktijk, as_of: Some(\"2001-01\"), text: \"P\", sources: [\"s\"])],\n\
             questions: [\"V\"])])"
        );
        let checked = crate::pack::check_text(&text);
        assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
        let pack = checked.pack.expect("decodes");
        let today = YearMonth::parse(today).expect("month");
        stale_wet_notes(&pack, WetAge { today, max_months })
            .into_iter()
            .map(|d| {
                assert_eq!(d.severity, crate::pack::Severity::Warning);
                (d.pos.line, d.kind)
            })
            .collect()
    }

    #[test]
    fn wet_notes_fall_due_after_the_chosen_number_of_months() {
        // Exactly twelve months old is still fresh; thirteen is due. Only Wet notes count
        // (the Praktijk note with an old as_of is not a legal statement).
        assert_eq!(due(&["2026-12", "2025-12"], "2026-12", 12), []);
        assert_eq!(
            due(&["2026-12", "2025-11"], "2026-12", 12),
            [(6, DiagnosticKind::WetDue { as_of: "2025-11".into(), months: 13, max: 12 })]
        );
        assert_eq!(due(&["2025-11"], "2026-12", 13), []);
        assert_eq!(
            due(&["2026-06"], "2026-12", 3),
            [(5, DiagnosticKind::WetDue { as_of: "2026-06".into(), months: 6, max: 3 })]
        );
        // A date after this month is named too: a typo would otherwise never fall due.
        assert_eq!(
            due(&["2062-12"], "2026-12", 12),
            [(5, DiagnosticKind::WetCheckedInFuture { as_of: "2062-12".into() })]
        );
        // An as_of that is no month is an error of the rules, not the age check's business.
        let text = "Pack(id: \"p\", version: 1, language: \"nl\", title: \"T\", dilemmas: [])";
        let pack = crate::pack::check_text(text).pack.expect("decodes");
        let today = YearMonth { year: 2026, month: 12 };
        assert!(stale_wet_notes(&pack, WetAge { today, max_months: 12 }).is_empty());
    }

    #[test]
    fn words_are_counted_as_a_reader_counts_them() {
        assert_eq!(word_count("Een casus, met — streepjes en 12 euro."), 7);
        assert_eq!(word_count("  \n"), 0);
        assert_eq!(word_count("twee woorden, één — ‘zin’ "), 4);
        assert_eq!(word_count("één\u{a0}woord"), 1, "a no-break space joins");
    }

    #[test]
    fn only_web_addresses_are_sources() {
        let url = |u: &str| {
            let mut out = Vec::new();
            check_url(&mut out, Some(&Spanned::new(u.to_string(), Pos::START)));
            out.len()
        };
        assert_eq!(url("https://wetten.overheid.nl/BWBR0015703"), 0);
        assert_eq!(url("HTTP://example.org"), 0);
        for bad in [
            "javascript:alert(1)",
            "data:text/html,x",
            "file:///etc/passwd",
            "https://",
            "www.x.nl",
            " javascript:x",
        ] {
            assert_eq!(url(bad), 1, "{bad}");
        }
    }

    #[test]
    fn slugs() {
        assert!(is_slug("werk-en-inkomen"));
        assert!(is_slug("a"));
        assert!(is_slug(&"x".repeat(64)));
        assert!(!is_slug(&"x".repeat(65)));
        assert!(!is_slug(""));
        assert!(!is_slug("Werk"));
        assert!(!is_slug("werk en inkomen"));
        assert!(!is_slug("café"));
    }

    #[test]
    fn language_tags() {
        for ok in ["nl", "en", "en-GB", "nl-BE", "fry", "zh-Hant-TW"] {
            assert!(is_language_tag(ok), "{ok}");
        }
        for bad in ["", "n", "dutch", "nl_NL", "nl-", "12"] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }
}
