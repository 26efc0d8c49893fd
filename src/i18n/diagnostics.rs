//! Pack diagnostics as text: `path:line:col: error: message (hint)`.
//!
//! The words `error` and `warning` stay English in both languages: contract 1 fixes the
//! line format, and editors' problem matchers look for exactly those words.
//!
//! A message quotes what the file says (ids, field names, file names), and a hostile file
//! may say `\x1b]0;…`: every line leaves here cleaned by `crate::clean::line`.

use super::Lang;
use crate::clean;
use crate::fsx;
use crate::pack::{
    Diagnostic, DiagnosticKind, Expected, Hint, IdScope, NonStandard, Severity, ValueType,
};

/// One diagnostic as one line, prefixed with the file's path.
pub fn render_diagnostic(lang: Lang, path: &str, diag: &Diagnostic) -> String {
    let severity = match diag.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    };
    format!(
        "{}:{}:{}: {severity}: {}",
        clean::line(path),
        diag.pos.line,
        diag.pos.col,
        render_message(lang, diag)
    )
}

/// The message and hint of a diagnostic, without position: always one line, so an
/// editor's click-to-jump finds it. A line break quoted from the file shows as ⏎.
pub fn render_message(lang: Lang, diag: &Diagnostic) -> String {
    let message = message(lang, &diag.kind);
    let text = match &diag.hint {
        None => message,
        Some(hint) => format!("{message} ({})", hint_text(lang, hint)),
    };
    let text = text.replace("\r\n", "⏎").replace(['\n', '\r'], "⏎");
    clean::line(&text).into_owned()
}

fn hint_text(lang: Lang, hint: &Hint) -> String {
    match hint {
        Hint::DidYouMean(s) => {
            lang.pick(format!("bedoel je \"{s}\"?"), format!("did you mean \"{s}\"?"))
        }
        Hint::FirstDefinedAt(p) => lang.pick(
            format!("eerste keer op regel {}:{}", p.line, p.col),
            format!("first defined on line {}:{}", p.line, p.col),
        ),
        Hint::CheckStringAt(p) => lang.pick(
            format!(
                "heeft de tekst van regel {}:{} een afsluitend aanhalingsteken?",
                p.line, p.col
            ),
            format!("does the text from line {}:{} have its closing quote?", p.line, p.col),
        ),
        Hint::Expected(names) => {
            let list = names.join(", ");
            lang.pick(format!("mogelijke velden: {list}"), format!("valid fields: {list}"))
        }
        Hint::BelongsTo(records) => {
            let (nl, en) = (lang_list(records, "en"), lang_list(records, "and"));
            lang.pick(format!("hoort bij {nl}"), format!("belongs in {en}"))
        }
    }
}

/// `a`, `a en b`, `a, b en c` (with `and` in English).
fn lang_list(names: &[&str], and: &str) -> String {
    match names {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} {and} {last}", init.join(", ")),
    }
}

/// A character as it can be shown: control, text-direction and invisible characters by
/// code point and name.
fn shown(c: char) -> String {
    if clean::is_unsafe(c) || clean::is_invisible(c) || c == '\u{fffd}' {
        named(c)
    } else {
        c.to_string()
    }
}

/// A space character that standard RON does not know, by code point and name.
fn space_name(c: char) -> String {
    let name = match c {
        '\u{00A0}' => "no-break space",
        '\u{1680}' => "ogham space mark",
        '\u{2000}'..='\u{200A}' => "typographic space",
        '\u{202F}' => "narrow no-break space",
        '\u{205F}' => "medium mathematical space",
        '\u{3000}' => "ideographic space",
        _ => return format!("U+{:04X}", c as u32),
    };
    format!("U+{:04X} ({name})", c as u32)
}

/// `U+200B (zero width space)`: a character that cannot be seen, by code point and name.
fn named(c: char) -> String {
    match clean::char_name(c) {
        Some(name) => format!("U+{:04X} ({name})", c as u32),
        None => format!("U+{:04X}", c as u32),
    }
}

/// What kind of special file `kind` (one of `fsx::kind`) is, in words.
fn file_kind(lang: Lang, kind: &str) -> &'static str {
    match kind {
        fsx::kind::FIFO => "FIFO",
        fsx::kind::SOCKET => "socket",
        fsx::kind::DEVICE => lang.pick("apparaat", "device"),
        fsx::kind::FOLDER => lang.pick("map", "folder"),
        fsx::kind::SYMLINK => lang.pick("symbolische koppeling", "symbolic link"),
        _ => lang.pick("speciaal bestand", "special file"),
    }
}

/// Why a file was not opened, in words (after "cannot read FILE: ").
pub fn open_error(lang: Lang, error: &fsx::OpenError) -> String {
    match error {
        fsx::OpenError::Symlink => lang
            .pick(
                "het is een symbolische koppeling (symlink); die volgt wikken niet",
                "it is a symbolic link (symlink); wikken does not follow those",
            )
            .to_string(),
        fsx::OpenError::NotRegular(kind) => lang.pick(
            format!("geen gewoon bestand maar een {}", file_kind(lang, kind)),
            format!("not a regular file but a {}", file_kind(lang, kind)),
        ),
        fsx::OpenError::TooLarge { size, max } => lang.pick(
            format!("te groot ({size} bytes; hoogstens {max})"),
            format!("too large ({size} bytes; at most {max})"),
        ),
        fsx::OpenError::Io(e) => e.to_string(),
    }
}

fn expected(lang: Lang, e: Expected) -> String {
    match e {
        Expected::Value => lang
            .pick(
                "een tekst (\"…\"), een getal, een lijst [...] of iets als Note(...)",
                "a value: a text (\"…\"), a number, a list [...] or something like Note(...)",
            )
            .to_string(),
        Expected::CommaOrClose(c) => {
            lang.pick(format!("\",\" of \"{c}\""), format!("\",\" or \"{c}\""))
        }
        Expected::FieldName => {
            lang.pick("een veld, zoals id: \"…\"", "a field name, such as id: \"…\"").to_string()
        }
        Expected::Colon => {
            lang.pick("\":\" na de naam van het veld", "\":\" after the field name").to_string()
        }
        Expected::Quote => lang.pick("\"\\\"\"", "\"\\\"\"").to_string(),
    }
}

fn value_type(lang: Lang, t: ValueType) -> &'static str {
    match t {
        ValueType::Text => {
            lang.pick("een tekst tussen aanhalingstekens", "a text in double quotes")
        }
        ValueType::Integer => lang.pick("een geheel getal", "a whole number"),
        ValueType::Float => lang.pick("een kommagetal", "a decimal number"),
        ValueType::List => lang.pick("een lijst [...]", "a list [...]"),
        ValueType::Record => {
            lang.pick("een blok met velden, zoals Note(text: ...)", "a record like Note(text: ...)")
        }
        ValueType::Optional => lang.pick("Some(...) of None", "Some(...) or None"),
        ValueType::Word => lang.pick("een los woord", "a bare word"),
        ValueType::Tuple => lang.pick("een reeks tussen haakjes (...)", "a tuple (...)"),
    }
}

fn scope(lang: Lang, s: IdScope) -> &'static str {
    match s {
        IdScope::Pack => "pack",
        IdScope::Dilemma => "dilemma",
        IdScope::Option => lang.pick("werkwijze", "option"),
        IdScope::Source => lang.pick("bron", "source"),
    }
}

fn opening(name: &Option<String>, open: char) -> String {
    format!("{}{open}", name.as_deref().unwrap_or(""))
}

fn closing(open: char) -> char {
    if open == '[' { ']' } else { ')' }
}

/// What standard RON does not read, for `check --strict`.
fn non_standard(lang: Lang, what: &NonStandard) -> String {
    let others = lang.pick("andere RON-programma's niet", "other RON tools do not");
    match what {
        NonStandard::ByteOrderMark => lang.pick(
            format!("onzichtbaar teken U+FEFF (byte order mark): wikken slaat het over, {others}; sla op als UTF-8 zonder BOM"),
            format!("invisible character U+FEFF (byte order mark): wikken skips it, {others}; save as UTF-8 without BOM"),
        ),
        NonStandard::Space(c) => lang.pick(
            format!("spatieteken {}: wikken leest het als spatie, {others}; typ een gewone spatie", space_name(*c)),
            format!("space character {}: wikken reads it as a space, {others}; type a plain space", space_name(*c)),
        ),
        NonStandard::Escape(seq) => lang.pick(
            format!("\"{seq}\" leest wikken wel, {others}; schrijf het teken zelf"),
            format!("wikken reads \"{seq}\", {others}; write the character itself"),
        ),
        NonStandard::BareOptional { field } => lang.pick(
            format!("\"{field}\" zonder Some(...) leest wikken wel, {others}; schrijf {field}: Some(\"…\")"),
            format!("wikken reads \"{field}\" without Some(...), {others}; write {field}: Some(\"…\")"),
        ),
    }
}

fn message(lang: Lang, kind: &DiagnosticKind) -> String {
    use DiagnosticKind as K;
    match kind {
        K::FileTooLarge { size, limit } => {
            let mb = |b: u64| format!("{:.1} MB", b as f64 / 1_048_576.0);
            lang.pick(
                format!("bestand is te groot ({}); een pack mag hoogstens {} zijn", mb(*size), mb(*limit)),
                format!("file is too large ({}); a pack may be at most {}", mb(*size), mb(*limit)),
            )
        }
        K::InvalidUtf8 => lang.pick(
            "hier staat geen geldige UTF-8-tekst; sla het bestand op als UTF-8".to_string(),
            "this is not valid UTF-8 text; save the file as UTF-8".to_string(),
        ),
        K::Unreadable { reason } => lang.pick(
            format!("kan het bestand niet lezen: {reason}"),
            format!("cannot read the file: {reason}"),
        ),
        K::UnexpectedEnd { expected: e } => lang.pick(
            format!("het bestand houdt op waar {} verwacht werd", expected(lang, *e)),
            format!("the file ends where {} was expected", expected(lang, *e)),
        ),
        K::Unclosed { open, name, opened_at } => lang.pick(
            format!(
                "het bestand houdt op, maar \"{}\" van regel {}:{} is nog niet gesloten: er ontbreekt een \"{}\"",
                opening(name, *open),
                opened_at.line,
                opened_at.col,
                closing(*open)
            ),
            format!(
                "the file ends, but \"{}\" from line {}:{} is not closed: a \"{}\" is missing",
                opening(name, *open),
                opened_at.line,
                opened_at.col,
                closing(*open)
            ),
        ),
        K::UnexpectedChar { found, expected: e } => lang.pick(
            format!("hier staat \"{}\" waar {} hoort", shown(*found), expected(lang, *e)),
            format!("unexpected \"{}\"; expected {}", shown(*found), expected(lang, *e)),
        ),
        K::MismatchedClose { found, open, name, opened_at } => lang.pick(
            format!(
                "\"{found}\" past niet bij \"{}\" van regel {}:{}; verwacht: \"{}\"",
                opening(name, *open),
                opened_at.line,
                opened_at.col,
                closing(*open)
            ),
            format!(
                "\"{found}\" does not match \"{}\" from line {}:{}; expected \"{}\"",
                opening(name, *open),
                opened_at.line,
                opened_at.col,
                closing(*open)
            ),
        ),
        K::MissingComma { next } => lang.pick(
            format!("hier ontbreekt een komma vóór wat op regel {}:{} volgt", next.line, next.col),
            format!("a comma is missing here, before what follows on line {}:{}", next.line, next.col),
        ),
        K::UnterminatedString => lang.pick(
            "deze tekst heeft geen afsluitend aanhalingsteken \"".to_string(),
            "this text has no closing double quote \"".to_string(),
        ),
        K::UnterminatedComment => lang.pick(
            "commentaar /* zonder afsluitende */".to_string(),
            "comment /* without closing */".to_string(),
        ),
        K::InvalidEscape { sequence } => lang.pick(
            format!("\"{sequence}\" betekent niets in een tekst: een \\ (backslash) kondigt een speciaal teken aan; schrijf \\\\ voor een \\ en \\\" voor een \""),
            format!("unknown escape \"{sequence}\"; write \\\" for a double quote and \\\\ for a backslash"),
        ),
        K::InvalidNumber { text } => {
            lang.pick(format!("ongeldig getal \"{text}\""), format!("invalid number \"{text}\""))
        }
        K::TooDeep { limit } => lang.pick(
            format!("haakjes zijn dieper genest dan {limit} niveaus"),
            format!("brackets are nested deeper than {limit} levels"),
        ),
        K::TrailingContent => lang.pick(
            "tekst na het einde van de pack; een bestand bevat precies één Pack(...)".to_string(),
            "text after the end of the pack; a file holds exactly one Pack(...)".to_string(),
        ),
        K::UnsupportedExtension => lang.pick(
            "RON-extensies zoals #![enable(...)] worden in packs niet gebruikt".to_string(),
            "RON extensions such as #![enable(...)] are not used in packs".to_string(),
        ),
        K::MapNotSupported => lang.pick(
            "\"{\" komt in packs niet voor; gebruik ( ) zoals in Dilemma(...), of [ ] voor een lijst".to_string(),
            "\"{\" (a map) does not occur in packs; expected a record like Dilemma(...) or a list [...]".to_string(),
        ),
        K::WrongRecordName { expected: e, found } => lang.pick(
            format!("verwacht \"{e}(...)\", gevonden \"{found}(...)\""),
            format!("expected \"{e}(...)\", found \"{found}(...)\""),
        ),
        K::WrongType { field, expected: e, found } => {
            let (e, f) = (value_type(lang, *e), value_type(lang, *found));
            match field {
                Some(field) => lang.pick(
                    format!("\"{field}\" moet {e} zijn, niet {f}"),
                    format!("\"{field}\" must be {e}, not {f}"),
                ),
                None => lang.pick(format!("verwacht {e}, gevonden {f}"), format!("expected {e}, found {f}")),
            }
        }
        K::UnknownField { field, record } => lang.pick(
            format!("onbekend veld \"{field}\" in {record}"),
            format!("unknown field \"{field}\" in {record}"),
        ),
        K::DuplicateField { field } => lang.pick(
            format!("veld \"{field}\" staat er twee keer in"),
            format!("field \"{field}\" is given twice"),
        ),
        K::MissingField { field, record } => lang.pick(
            format!("{record} mist het verplichte veld \"{field}\""),
            format!("{record} lacks the required field \"{field}\""),
        ),
        K::EmptyText { field, record } => lang.pick(
            format!("\"{field}\" van {record} is leeg"),
            format!("\"{field}\" of {record} is empty"),
        ),
        K::VersionTooLow { version } => lang.pick(
            format!("version moet 1 of hoger zijn, niet {version}"),
            format!("version must be 1 or higher, not {version}"),
        ),
        K::InvalidLanguage { tag } => lang.pick(
            format!("\"{tag}\" is geen taalcode; schrijf een korte code zoals \"nl\", \"nl-BE\" of \"en\""),
            format!("\"{tag}\" is not a language tag (BCP 47) such as \"nl\" or \"en-GB\""),
        ),
        K::InvalidSlug { scope: s, id } => {
            let enter = if id.contains('\n') {
                lang.pick("; er staat een Enter (⏎) in", "; it holds a line break (⏎)")
            } else {
                ""
            };
            lang.pick(
                format!("{}-id \"{id}\" mag alleen kleine letters a-z, cijfers en \"-\" bevatten (1 tot 64 tekens){enter}", scope(lang, *s)),
                format!("{} id \"{id}\" may only contain lowercase a-z, digits and \"-\" (1 to 64 characters){enter}", scope(lang, *s)),
            )
        }
        K::DuplicateId { scope: s, id } => lang.pick(
            format!("{}-id \"{id}\" is al gebruikt", scope(lang, *s)),
            format!("{} id \"{id}\" is already used", scope(lang, *s)),
        ),
        K::OptionCount { dilemma, count } => lang.pick(
            format!("dilemma \"{dilemma}\" heeft {count} werkwijze(n); toegestaan zijn 2 tot 6"),
            format!("dilemma \"{dilemma}\" has {count} option(s); 2 to 6 are allowed"),
        ),
        K::UnknownNoteKind { found } => lang.pick(
            format!("onbekend soort notitie \"{found}\"; kies Onderzoek, Praktijk, Client of Wet"),
            format!("unknown note kind \"{found}\"; choose Onderzoek, Praktijk, Client or Wet"),
        ),
        K::WetWithoutAsOf => lang.pick(
            "een Wet-notitie heeft een datum nodig: zet as_of: Some(\"JJJJ-MM\") erbij, de maand waarin je de tekst controleerde".to_string(),
            "a Wet note needs a date: add as_of: Some(\"YYYY-MM\"), the month you checked the statement".to_string(),
        ),
        K::InvalidAsOf { value } => lang.pick(
            format!("as_of \"{value}\" is geen maand; schrijf jaar en maand als \"2026-12\""),
            format!("as_of \"{value}\" is not a month; write year and month as \"2026-12\""),
        ),
        K::WetDue { as_of, months, max } => lang.pick(
            format!("Wet-notitie gecontroleerd in {as_of}, {months} maanden geleden (langer dan {max}): controleer de uitspraak opnieuw en zet as_of op de maand waarin je dat deed"),
            format!("Wet note checked in {as_of}, {months} months ago (more than {max}): check the statement again and set as_of to the month you did"),
        ),
        K::WetCheckedInFuture { as_of } => lang.pick(
            format!("as_of \"{as_of}\" ligt na deze maand; zet de maand waarin je de uitspraak controleerde"),
            format!("as_of \"{as_of}\" is after this month; write the month you checked the statement"),
        ),
        K::NoteWithoutKind => lang.pick(
            "notitie zonder soort: zet kind: Onderzoek, Praktijk, Client of Wet erbij, zodat de spiegel praktijkverhalen niet als onderzoek toont".to_string(),
            "note without a kind: add kind: Onderzoek, Praktijk, Client or Wet, so the mirror never shows practice stories as research".to_string(),
        ),
        K::UnknownSource { id } => lang.pick(
            format!("onbekende bron \"{id}\"; zet een Source(id: \"{id}\", ...) in sources"),
            format!("unknown source \"{id}\"; add a Source(id: \"{id}\", ...) to sources"),
        ),
        K::DuplicatePack { id, first_file } => lang.pick(
            format!("pack-id \"{id}\" is al geladen uit {first_file}; deze pack wordt overgeslagen"),
            format!("pack id \"{id}\" is already loaded from {first_file}; this pack is skipped"),
        ),
        K::UncitedSource { id } => lang.pick(
            format!("bron \"{id}\" wordt nergens aangehaald"),
            format!("source \"{id}\" is never cited"),
        ),
        K::NoNotes { dilemma } => lang.pick(
            format!("dilemma \"{dilemma}\" heeft geen onderzoeksnotities (notes)"),
            format!("dilemma \"{dilemma}\" has no research notes (notes)"),
        ),
        K::NoQuestions { dilemma } => lang.pick(
            format!("dilemma \"{dilemma}\" heeft geen intervisievragen (questions)"),
            format!("dilemma \"{dilemma}\" has no intervisie questions (questions)"),
        ),
        K::BallotPageTooLarge { dilemma, bytes, limit } => lang.pick(
            format!(
                "de stempagina van dilemma \"{dilemma}\" voor telefoons wordt {} KB, meer dan {} KB: op een druk wifi-netwerk laadt die traag; maak de teksten van de werkwijzen korter",
                bytes.div_ceil(1024),
                limit / 1024
            ),
            format!(
                "the phones' ballot page of dilemma \"{dilemma}\" would be {} KB, more than {} KB: slow on a busy Wi-Fi; shorten the options' texts",
                bytes.div_ceil(1024),
                limit / 1024
            ),
        ),
        K::NoOnderbouwing { dilemma, option } => lang.pick(
            format!("werkwijze \"{option}\" van dilemma \"{dilemma}\" heeft geen onderbouwing (notes)"),
            format!("option \"{option}\" of dilemma \"{dilemma}\" has no supporting note (notes)"),
        ),
        K::NoDilemmas => lang.pick(
            "de pack bevat geen dilemma's".to_string(),
            "the pack holds no dilemmas".to_string(),
        ),
        K::UnwantedCharacter { ch, count } => {
            let what = if clean::is_invisible(*ch) {
                lang.pick("onzichtbaar teken", "invisible character")
            } else if ch.is_control() {
                lang.pick("stuurteken", "control character")
            } else {
                lang.pick("tekstrichtingsteken", "text direction character")
            };
            let times = match count {
                1 => String::new(),
                n => lang.pick(format!(" {n} keer"), format!(" {n} times")),
            };
            lang.pick(
                format!("{what} {}{times} in de tekst; haal het weg", named(*ch)),
                format!("{what} {}{times} in the text; remove it", named(*ch)),
            )
        }
        K::Symlink => lang.pick(
            "symbolische koppeling (symlink); wikken volgt die niet, dus overgeslagen".to_string(),
            "symbolic link (symlink); wikken does not follow those, so skipped".to_string(),
        ),
        K::NotRegularFile { kind } => lang.pick(
            format!("geen gewoon bestand maar een {}; overgeslagen", file_kind(lang, kind)),
            format!("not a regular file but a {}; skipped", file_kind(lang, kind)),
        ),
        K::MissingClose { open, name, opened_at } => lang.pick(
            format!(
                "hier ontbreekt de \"{}\" die \"{}\" van regel {}:{} sluit",
                closing(*open),
                opening(name, *open),
                opened_at.line,
                opened_at.col
            ),
            format!(
                "the \"{}\" that closes \"{}\" from line {}:{} is missing here",
                closing(*open),
                opening(name, *open),
                opened_at.line,
                opened_at.col
            ),
        ),
        K::MissingPack => lang.pick(
            "de pack moet beginnen met Pack( en eindigen met ); zet Pack( boven het eerste veld en ) onderaan".to_string(),
            "a pack starts with Pack( and ends with ); put Pack( above the first field and ) at the end".to_string(),
        ),
        K::HashComment => lang.pick(
            "# begint in een pack geen commentaar; begin commentaar met //".to_string(),
            "# does not start a comment in a pack; start comments with //".to_string(),
        ),
        K::InvisibleBetween { ch } => lang.pick(
            format!("onzichtbaar teken {} tussen de velden; haal het weg", named(*ch)),
            format!("invisible character {} between the fields; remove it", named(*ch)),
        ),
        K::UnquotedUrl { url } => lang.pick(
            format!("een webadres staat tussen rechte aanhalingstekens: \"{url}\""),
            format!("a web address goes between straight double quotes: \"{url}\""),
        ),
        K::CurlyQuotes { found } => lang.pick(
            format!("gekruld aanhalingsteken {found}: zet een tekst tussen rechte aanhalingstekens \"…\" (binnen een tekst mogen „…” en ‘…’ wel)"),
            format!("curly quote {found}: put a text between straight double quotes \"…\" (inside a text „…” and ‘…’ are fine)"),
        ),
        K::QuoteInText => lang.pick(
            "deze \" staat midden in een tekst en sluit die te vroeg af; schrijf \\\" of gebruik „…” voor een citaat".to_string(),
            "this \" is inside a text and ends it too early; write \\\" or use „…” for a quotation".to_string(),
        ),
        K::MissingColon { field } => lang.pick(
            format!("na \"{field}\" ontbreekt een dubbele punt: {field}: …"),
            format!("\":\" is missing after \"{field}\": {field}: …"),
        ),
        K::SomeCount { field, count } => lang.pick(
            format!("\"{field}\": zet precies één tekst tussen Some( en ), zoals {field}: Some(\"…\"), of schrijf {field}: None (nu {count})"),
            format!("\"{field}\": put exactly one text inside Some( ), as in {field}: Some(\"…\"), or write {field}: None (now {count})"),
        ),
        K::NotStandardRon { what } => non_standard(lang, what),
        K::EmptyFile => lang.pick(
            "het bestand is leeg; een pack begint met Pack( en eindigt met ), en wikken new BESTAND.ron schrijft een starterpack om mee te beginnen".to_string(),
            "the file is empty; a pack starts with Pack( and ends with ), and wikken new FILE.ron writes a starter pack to begin with".to_string(),
        ),
        K::Semicolon => lang.pick(
            "hier staat een puntkomma ; waar een komma , hoort; maak er een komma van".to_string(),
            "a semicolon ; where a comma , belongs; make it a comma".to_string(),
        ),
        K::DoubledQuote => lang.pick(
            "hier staan twee aanhalingstekens \"\" achter elkaar; haal er één weg".to_string(),
            "two double quotes \"\" in a row; remove one".to_string(),
        ),
        K::SingleQuotes => lang.pick(
            "een tekst staat tussen dubbele aanhalingstekens \"…\", niet tussen enkele '…' (een ' binnen een tekst mag wel)".to_string(),
            "a text goes between double quotes \"…\", not single quotes '…' (a ' inside a text is fine)".to_string(),
        ),
        K::MissingOpen { name } => lang.pick(
            format!("na {name} ontbreekt een (: schrijf {name}( voor de velden en ) erna"),
            format!("a ( is missing after {name}: write {name}( before its fields and ) after them"),
        ),
        K::ExtraClose { found } => lang.pick(
            format!("deze {found} sluit niets af: hij staat er een keer te veel; haal hem weg"),
            format!("this {found} closes nothing: it is one too many; remove it"),
        ),
        K::MissingListOpen { field } => lang.pick(
            format!("\"{field}\" is een lijst: zet alles tussen [ en ], zoals {field}: [ … ]"),
            format!("\"{field}\" is a list: put its entries between [ and ], as in {field}: [ … ]"),
        ),
        K::SomeSome { field } => lang.pick(
            format!("\"{field}\": één keer Some is genoeg; schrijf {field}: Some(\"…\")"),
            format!("\"{field}\": one Some is enough; write {field}: Some(\"…\")"),
        ),
        K::SomeNone { field } => lang.pick(
            format!("\"{field}\": None staat zonder Some eromheen; schrijf {field}: None"),
            format!("\"{field}\": None takes no Some around it; write {field}: None"),
        ),
        K::CaseLength { words, min, max } => lang.pick(
            format!("de casus telt {words} woorden; de handleiding raadt {min} tot {max} woorden aan"),
            format!("the case has {words} words; the guide recommends {min} to {max} words"),
        ),
        K::UnsafeUrl { url } => lang.pick(
            format!("webadres \"{url}\" begint niet met http:// of https://; schrijf het volledige adres, zoals https://…"),
            format!("web address \"{url}\" does not start with http:// or https://; write the full address, as in https://…"),
        ),
        K::FollowOn { dropped } => lang.pick(
            format!("{dropped} {} hierna weggelaten: die kunnen uit deze fout volgen; los hem op en controleer opnieuw", if *dropped == 1 { "melding" } else { "meldingen" }),
            format!("{dropped} more {} left out: they may follow from this error; fix it and check again", if *dropped == 1 { "problem" } else { "problems" }),
        ),
        K::NotRead => lang.pick(
            "het lezen stopte bij deze fout: de rest van het bestand is nog niet gecontroleerd; los hem op en controleer opnieuw".to_string(),
            "reading stopped at this error: the rest of the file is not checked yet; fix it and check again".to_string(),
        ),
        K::CommentMoved => lang.pick(
            "dit commentaar stond midden in een waarde; wikken fmt zet het aan het eind van die regel".to_string(),
            "this comment stood inside a value; wikken fmt puts it at the end of that line".to_string(),
        ),
        K::TooManyErrors { limit } => lang.pick(
            format!("gestopt na {limit} problemen; er kunnen er meer zijn"),
            format!("stopped after {limit} problems; there may be more"),
        ),
        K::NotepadName => lang.pick(
            "de naam eindigt op .ron.txt (Kladblok voegt .txt toe); de pack is geladen, maar hernoem het bestand naar .ron".to_string(),
            "the name ends in .ron.txt (Notepad adds .txt); the pack is loaded, but rename the file to .ron".to_string(),
        ),
    }
}
