//! Problems found in a pack: what kind, where, how severe, and a hint. Rendering to text
//! lives in `crate::i18n`, so the same diagnostic reads well in Dutch and English, on the
//! command line and (later) in the TUI's pack preview.

use super::span::Pos;

/// How bad a problem is: errors stop a pack from loading, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The pack is not loaded.
    Error,
    /// The pack loads, but something is probably unintended.
    Warning,
    /// Not a problem itself: says something about the problems around it (that reading
    /// stopped, or that what follows may only follow from an error).
    Note,
}

/// The kind of value a field expects or holds, for type mismatch messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueType {
    /// A `"string"`.
    Text,
    /// A whole number.
    Integer,
    /// A number with a fraction.
    Float,
    /// A `[list]`.
    List,
    /// A `Name(field: value)` structure.
    Record,
    /// `Some(value)` or `None`.
    Optional,
    /// A bare word such as `true` or `None`.
    Word,
    /// A `(a, b)` tuple.
    Tuple,
}

/// What the reader was looking for when it met something else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    /// Any value.
    Value,
    /// A comma, or the given closing bracket.
    CommaOrClose(char),
    /// A field name in a record.
    FieldName,
    /// The `:` after a field name.
    Colon,
    /// The `"` that opens a raw string.
    Quote,
}

/// Something wikken reads that standard RON does not (`wikken check --strict` warns).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NonStandard {
    /// A byte order mark (U+FEFF), at the start or elsewhere.
    ByteOrderMark,
    /// A space character other than RON's (a non-breaking space, an em space, …).
    Space(char),
    /// An escape RON does not have: `\/`, `\b`, `\f`, `\u00e9` without braces.
    Escape(String),
    /// A bare text where `Some("…")` or `None` belongs.
    BareOptional {
        /// The field.
        field: String,
    },
}

/// Which id namespace a slug belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdScope {
    /// Pack ids: unique among all loaded packs.
    Pack,
    /// Dilemma ids: unique within a pack.
    Dilemma,
    /// Option (werkwijze) ids: unique within a dilemma.
    Option,
    /// Source ids: unique within a pack.
    Source,
}

/// What is wrong. Every variant carries the values its message needs.
#[derive(Debug, Clone, PartialEq)]
pub enum DiagnosticKind {
    // --- reading the file ---
    /// The file is larger than the loader accepts.
    FileTooLarge { size: u64, limit: u64 },
    /// The bytes at this position are not UTF-8.
    InvalidUtf8,
    /// The file could not be read at all.
    Unreadable { reason: String },
    // --- syntax ---
    /// The file ended while a value was still expected.
    UnexpectedEnd { expected: Expected },
    /// A bracket was opened and the file ended before it was closed.
    Unclosed { open: char, name: Option<String>, opened_at: Pos },
    /// A character that cannot start or continue what is expected here.
    UnexpectedChar { found: char, expected: Expected },
    /// A closing bracket that does not match the open one.
    MismatchedClose { found: char, open: char, name: Option<String>, opened_at: Pos },
    /// Two entries without a comma between them; `next` is where the second starts.
    MissingComma { next: Pos },
    /// A string without its closing quote.
    UnterminatedString,
    /// A `/* comment` without its `*/`.
    UnterminatedComment,
    /// A backslash sequence that RON does not know.
    InvalidEscape { sequence: String },
    /// A number that is malformed or does not fit.
    InvalidNumber { text: String },
    /// Brackets nested deeper than any pack needs.
    TooDeep { limit: usize },
    /// Something after the pack's closing parenthesis.
    TrailingContent,
    /// The file holds nothing (or only comments).
    EmptyFile,
    /// `;` where a comma belongs; read as a comma.
    Semicolon,
    /// `""` at the end of a text: one quote too many.
    DoubledQuote,
    /// A text between single quotes `'…'`.
    SingleQuotes,
    /// `Note` and then its fields, without the `(`.
    MissingOpen { name: String },
    /// A closing bracket that closes nothing: one too many.
    ExtraClose { found: char },
    /// A list's entries without the `[` before them (`options: Option(…), …`).
    MissingListOpen { field: String },
    /// `#![enable(...)]` and similar RON extensions.
    UnsupportedExtension,
    /// `{ key: value }` maps do not occur in packs.
    MapNotSupported,
    /// A record, list or `Some(` whose closing bracket is missing here, before what follows.
    MissingClose { open: char, name: Option<String>, opened_at: Pos },
    /// The fields of a pack without the `Pack(` ... `)` around them.
    MissingPack,
    /// `# …`: a comment sign from other formats.
    HashComment,
    /// An invisible character (U+200B, …) between the values.
    InvisibleBetween { ch: char },
    /// A web address without quotes around it.
    UnquotedUrl { url: String },
    /// A text between typographic quotes (“…”, „…”, ‘…’) instead of straight ones.
    CurlyQuotes { found: char },
    /// A `"` inside a text that ends it too early.
    QuoteInText,
    /// A field name without its `:`.
    MissingColon { field: String },
    // --- structure ---
    /// `Dilema(` where `Dilemma(` was expected.
    WrongRecordName { expected: &'static str, found: String },
    /// A value of the wrong kind.
    WrongType { field: Option<String>, expected: ValueType, found: ValueType },
    /// A field the format does not have.
    UnknownField { field: String, record: &'static str },
    /// A field given twice in one record.
    DuplicateField { field: String },
    /// A required field that is absent.
    MissingField { field: &'static str, record: &'static str },
    /// A required text that is empty or only spaces.
    EmptyText { field: &'static str, record: &'static str },
    /// `version: 0` or negative.
    VersionTooLow { version: i128 },
    /// A language tag that is not BCP 47 shaped.
    InvalidLanguage { tag: String },
    /// `Some()` or `Some("a", "b")`: not exactly one value.
    SomeCount { field: String, count: usize },
    /// `Some(Some("…"))`: one `Some` too many.
    SomeSome { field: String },
    /// `Some(None)`: `None` needs no `Some`.
    SomeNone { field: String },
    // --- rules ---
    /// An id that is not a slug.
    InvalidSlug { scope: IdScope, id: String },
    /// An id used twice in its scope.
    DuplicateId { scope: IdScope, id: String },
    /// Fewer than 2 or more than 6 werkwijzen.
    OptionCount { dilemma: String, count: usize },
    /// `kind:` names no note kind.
    UnknownNoteKind { found: String },
    /// A `Wet` note without `as_of`: a legal statement must say when it was checked.
    WetWithoutAsOf,
    /// `as_of` that is not `YYYY-MM`.
    InvalidAsOf { value: String },
    /// A note without `kind` (old packs): the spiegel cannot say what kind of knowledge
    /// it is.
    NoteWithoutKind,
    /// A note cites a source id the pack does not list.
    UnknownSource { id: String },
    /// Two packs with the same id; this one is refused.
    DuplicatePack { id: String, first_file: String },
    // --- warnings ---
    /// A listed source that no note cites.
    UncitedSource { id: String },
    /// A dilemma without research notes.
    NoNotes { dilemma: String },
    /// A dilemma without intervisie questions.
    NoQuestions { dilemma: String },
    /// A dilemma whose ballot on the phones' page (*eigen telefoon*) would weigh more than
    /// the page's budget: slow on a busy Wi-Fi. Measured by the caller (`wikken check`),
    /// since the pack knows nothing of the phone page.
    BallotPageTooLarge { dilemma: String, bytes: usize, limit: usize },
    /// A werkwijze without onderbouwing.
    NoOnderbouwing { dilemma: String, option: String },
    /// A pack with no dilemmas at all.
    NoDilemmas,
    /// A `Wet` note checked `months` months ago, more than the `max` the check allows
    /// (`wikken check` only): time to check the legal statement again.
    WetDue { as_of: String, months: i64, max: u32 },
    /// A `Wet` note dated after the month the check runs in (`wikken check` only).
    WetCheckedInFuture { as_of: String },
    /// A control, text-direction or invisible character in a text (or a line break in a
    /// one-line text), `count` times; reported where it first occurs.
    UnwantedCharacter { ch: char, count: usize },
    // --- the file itself ---
    /// A symbolic link in a pack folder; wikken does not follow it.
    Symlink,
    /// A FIFO, device, socket or other special file in a pack folder; `kind` is one of
    /// `crate::fsx::kind`.
    NotRegularFile { kind: &'static str },
    /// A pack named `*.ron.txt` (Notepad's doing): loaded, but it should be renamed.
    NotepadName,
    /// A case shorter or longer than the guide asks (`words` words; the guide: `min` to
    /// `max`).
    CaseLength { words: usize, min: usize, max: usize },
    /// A source's web address that is not `http://` or `https://` (a `javascript:` or
    /// `file:` address must never become a link in a handout).
    UnsafeUrl { url: String },
    // --- notes about the problems around them ---
    /// The reader skipped what it did not recognise after this error; `dropped` problems
    /// after it are left out, since they may only follow from it.
    FollowOn { dropped: usize },
    /// Reading stopped at this error: the rest of the file is not checked.
    NotRead,
    /// The reader stopped after `limit` problems; there may be more.
    TooManyErrors { limit: usize },
    /// `wikken fmt` put a comment that stood inside a value at the end of its line.
    CommentMoved,
    /// Something standard RON does not accept (only reported by `check --strict`).
    NotStandardRon { what: NonStandard },
}

/// An extra pointer that helps fix the problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hint {
    /// The nearest valid name.
    DidYouMean(String),
    /// Where the first of two duplicates is.
    FirstDefinedAt(Pos),
    /// A string starting here spans lines and may lack its closing quote.
    CheckStringAt(Pos),
    /// The valid names here, when none is close.
    Expected(Vec<&'static str>),
    /// The field belongs in these other records (`kind` in a `Note`, not an `Option`).
    BelongsTo(Vec<&'static str>),
}

/// One problem at one place in a pack file.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Where it is.
    pub pos: Pos,
    /// What it is.
    pub kind: DiagnosticKind,
    /// How to fix it, where that helps.
    pub hint: Option<Hint>,
}

impl Diagnostic {
    /// An error at `pos`.
    pub fn error(pos: Pos, kind: DiagnosticKind) -> Self {
        Diagnostic { severity: Severity::Error, pos, kind, hint: None }
    }

    /// A warning at `pos`.
    pub fn warning(pos: Pos, kind: DiagnosticKind) -> Self {
        Diagnostic { severity: Severity::Warning, pos, kind, hint: None }
    }

    /// The same diagnostic with a hint attached.
    pub fn with_hint(mut self, hint: Hint) -> Self {
        self.hint = Some(hint);
        self
    }

    /// A note at `pos`: something about the problems around it.
    pub fn note(pos: Pos, kind: DiagnosticKind) -> Self {
        Diagnostic { severity: Severity::Note, pos, kind, hint: None }
    }

    /// Whether this stops the pack from loading.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let lower = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(&lower, &c.to_lowercase()), c))
        .filter(|(d, c)| {
            *d <= (c.chars().count() / 3).max(1) + 1 && *d > 0 || (*d == 0 && *c != word)
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let fields = ["options", "notes", "questions", "case"];
        assert_eq!(did_you_mean("optoins", fields), Some("options".into()));
        assert_eq!(did_you_mean("Options", fields), Some("options".into()));
        assert_eq!(did_you_mean("qestions", fields), Some("questions".into()));
        assert_eq!(did_you_mean("zebra", fields), None);
    }
}
