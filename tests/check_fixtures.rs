//! Every fixture under `tests/packs/invalid/` produces exactly its documented diagnostics —
//! severity, line, column and the full Dutch message — through the library and through
//! the real `wikken check` binary.

use std::path::{Path, PathBuf};
use std::process::Command;

use wikken::i18n::{Lang, render_message};
use wikken::pack::{Severity, check_file};

/// (fixture, severity, line, col, message): the complete output for each fixture.
const EXPECTED: &[(&str, &str, u32, u32, &str)] = &[
    (
        "binary-junk",
        "error",
        2,
        1,
        r#"hier staat geen geldige UTF-8-tekst; sla het bestand op als UTF-8"#,
    ),
    (
        "control-characters",
        "error",
        2,
        10,
        r#"hier staat "U+0000 (null)" waar een tekst ("…"), een getal, een lijst [...] of iets als Note(...) hoort"#,
    ),
    (
        "control-in-id",
        "error",
        23,
        28,
        "werkwijze-id \"b\u{FFFD}[2J\" mag alleen kleine letters a-z, cijfers en \"-\" bevatten (1 tot 64 tekens)",
    ),
    ("control-in-id", "warning", 23, 30, r#"stuurteken U+001B (escape) in de tekst; haal het weg"#),
    (
        "control-in-text",
        "warning",
        9,
        17,
        r#"stuurteken U+001B (escape) 2 keer in de tekst; haal het weg"#,
    ),
    ("control-in-text", "warning", 9, 31, r#"stuurteken U+0007 (bell) in de tekst; haal het weg"#),
    ("control-in-text", "warning", 10, 18, r#"stuurteken U+0009 (tab) in de tekst; haal het weg"#),
    (
        "control-in-text",
        "warning",
        19,
        31,
        r#"stuurteken U+000A (line feed) in de tekst; haal het weg"#,
    ),
    (
        "control-in-text",
        "warning",
        23,
        37,
        r#"tekstrichtingsteken U+202E (right-to-left override) in de tekst; haal het weg"#,
    ),
    (
        "control-in-text",
        "warning",
        28,
        42,
        r#"stuurteken U+009B (control sequence introducer) in de tekst; haal het weg"#,
    ),
    ("deeply-nested", "error", 2, 57, r#"haakjes zijn dieper genest dan 48 niveaus"#),
    (
        "duplicate-dilemma-id",
        "error",
        28,
        17,
        r#"dilemma-id "eerste" is al gebruikt (eerste keer op regel 15:17)"#,
    ),
    (
        "duplicate-field",
        "error",
        20,
        13,
        r#"veld "question" staat er twee keer in (eerste keer op regel 19:13)"#,
    ),
    (
        "duplicate-option-id",
        "error",
        22,
        28,
        r#"werkwijze-id "a" is al gebruikt (eerste keer op regel 21:28)"#,
    ),
    (
        "duplicate-source-id",
        "error",
        12,
        20,
        r#"bron-id "bron-a" is al gebruikt (eerste keer op regel 11:20)"#,
    ),
    ("empty-case", "error", 18, 19, r#""case" van Dilemma is leeg"#),
    ("empty-option-text", "error", 21, 57, r#""text" van Option is leeg"#),
    ("empty-question", "error", 19, 23, r#""question" van Dilemma is leeg"#),
    ("empty-title", "error", 16, 20, r#""title" van Dilemma is leeg"#),
    (
        "float-version",
        "error",
        4,
        14,
        r#""version" moet een geheel getal zijn, niet een kommagetal"#,
    ),
    (
        "invalid-escape",
        "error",
        18,
        25,
        r#""\c" betekent niets in een tekst: een \ (backslash) kondigt een speciaal teken aan; schrijf \\ voor een \ en \" voor een ""#,
    ),
    (
        "invalid-language",
        "error",
        5,
        15,
        r#""Nederlands" is geen taalcode; schrijf een korte code zoals "nl", "nl-BE" of "en""#,
    ),
    (
        "invalid-option-id",
        "error",
        22,
        28,
        r#"werkwijze-id "B!" mag alleen kleine letters a-z, cijfers en "-" bevatten (1 tot 64 tekens)"#,
    ),
    (
        "invalid-pack-id",
        "error",
        3,
        9,
        r#"pack-id "Minimaal Pack" mag alleen kleine letters a-z, cijfers en "-" bevatten (1 tot 64 tekens)"#,
    ),
    (
        "invisible-character",
        "warning",
        18,
        31,
        r#"onzichtbaar teken U+200B (zero width space) in de tekst; haal het weg"#,
    ),
    (
        "invisible-character",
        "warning",
        21,
        42,
        r#"onzichtbaar teken U+00AD (soft hyphen) 2 keer in de tekst; haal het weg"#,
    ),
    (
        "long-unclosed",
        "error",
        535,
        1,
        r#"het bestand houdt op, maar "Pack(" van regel 2:1 is nog niet gesloten: er ontbreekt een ")""#,
    ),
    (
        "map-instead-of-record",
        "error",
        9,
        14,
        r#""{" komt in packs niet voor; gebruik ( ) zoals in Dilemma(...), of [ ] voor een lijst"#,
    ),
    (
        "mismatched-bracket",
        "error",
        17,
        28,
        r#"")" past niet bij "[" van regel 17:21; verwacht: "]""#,
    ),
    ("missing-comma", "error", 4, 15, r#"hier ontbreekt een komma vóór wat op regel 5:5 volgt"#),
    ("missing-field", "error", 14, 9, r#"Dilemma mist het verplichte veld "case""#),
    ("missing-language", "error", 2, 1, r#"Pack mist het verplichte veld "language""#),
    (
        "invalid-as-of",
        "error",
        24,
        49,
        r#"as_of "december 2026" is geen maand; schrijf jaar en maand als "2026-12""#,
    ),
    (
        "note-kind-unknown",
        "error",
        24,
        32,
        r#"onbekend soort notitie "Onderzoekk"; kies Onderzoek, Praktijk, Client of Wet (bedoel je "Onderzoek"?)"#,
    ),
    (
        "note-without-kind",
        "warning",
        24,
        21,
        r#"notitie zonder soort: zet kind: Onderzoek, Praktijk, Client of Wet erbij, zodat de spiegel praktijkverhalen niet als onderzoek toont"#,
    ),
    (
        "wet-without-as-of",
        "error",
        24,
        32,
        r#"een Wet-notitie heeft een datum nodig: zet as_of: Some("JJJJ-MM") erbij, de maand waarin je de tekst controleerde"#,
    ),
    ("no-notes", "warning", 14, 9, r#"dilemma "eerste" heeft geen onderzoeksnotities (notes)"#),
    (
        "no-onderbouwing",
        "warning",
        22,
        17,
        r#"werkwijze "b" van dilemma "eerste" heeft geen onderbouwing (notes)"#,
    ),
    (
        "no-questions",
        "warning",
        14,
        9,
        r#"dilemma "eerste" heeft geen intervisievragen (questions)"#,
    ),
    (
        "too-few-options",
        "error",
        14,
        9,
        r#"dilemma "eerste" heeft 1 werkwijze(n); toegestaan zijn 2 tot 6"#,
    ),
    (
        "too-many-options",
        "error",
        14,
        9,
        r#"dilemma "eerste" heeft 7 werkwijze(n); toegestaan zijn 2 tot 6"#,
    ),
    (
        "trailing-content",
        "error",
        29,
        1,
        r#"tekst na het einde van de pack; een bestand bevat precies één Pack(...)"#,
    ),
    ("uncited-source", "warning", 11, 20, r#"bron "ongebruikt" wordt nergens aangehaald"#),
    (
        "unclosed-at-end",
        "error",
        29,
        1,
        r#"het bestand houdt op, maar "Pack(" van regel 2:1 is nog niet gesloten: er ontbreekt een ")""#,
    ),
    (
        "unknown-field",
        "warning",
        14,
        9,
        r#"dilemma "eerste" heeft geen intervisievragen (questions)"#,
    ),
    (
        "unknown-field",
        "error",
        25,
        13,
        r#"onbekend veld "qestions" in Dilemma (bedoel je "questions"?)"#,
    ),
    (
        "unknown-source",
        "error",
        24,
        66,
        r#"onbekende bron "bron-b"; zet een Source(id: "bron-b", ...) in sources (bedoel je "bron-a"?)"#,
    ),
    (
        "unterminated-string",
        "error",
        7,
        14,
        r#"deze tekst heeft geen afsluitend aanhalingsteken ""#,
    ),
    ("version-zero", "error", 4, 14, r#"version moet 1 of hoger zijn, niet 0"#),
    (
        "wrong-record-name",
        "error",
        14,
        9,
        r#"verwacht "Dilemma(...)", gevonden "Dilema(...)" (bedoel je "Dilemma"?)"#,
    ),
    (
        "wrong-type",
        "error",
        4,
        14,
        r#""version" moet een geheel getal zijn, niet een tekst tussen aanhalingstekens"#,
    ),
    // The mistakes people make in a text editor (issue 11): each named so a trainer can
    // act on it.
    (
        "curly-quotes",
        "error",
        6,
        12,
        r#"gekruld aanhalingsteken “: zet een tekst tussen rechte aanhalingstekens "…" (binnen een tekst mogen „…” en ‘…’ wel)"#,
    ),
    (
        "quote-in-text",
        "error",
        7,
        19,
        r#"deze " staat midden in een tekst en sluit die te vroeg af; schrijf \" of gebruik „…” voor een citaat"#,
    ),
    (
        "option-missing-paren",
        "error",
        23,
        87,
        r#"hier ontbreekt de ")" die "Option(" van regel 21:17 sluit"#,
    ),
    (
        "unquoted-url",
        "error",
        11,
        89,
        r#"een webadres staat tussen rechte aanhalingstekens: "https://example.org/titel""#,
    ),
    (
        "missing-pack",
        "error",
        2,
        5,
        r#"de pack moet beginnen met Pack( en eindigen met ); zet Pack( boven het eerste veld en ) onderaan"#,
    ),
    (
        "hash-comment",
        "error",
        9,
        5,
        r#"# begint in een pack geen commentaar; begin commentaar met //"#,
    ),
    ("some-unclosed", "error", 9, 30, r#"hier ontbreekt de ")" die "Some(" van regel 9:14 sluit"#),
    ("missing-colon", "error", 11, 18, r#"na "id" ontbreekt een dubbele punt: id: …"#),
    (
        "some-count",
        "error",
        9,
        14,
        r#""license": zet precies één tekst tussen Some( en ), zoals license: Some("…"), of schrijf license: None (nu 2)"#,
    ),
    (
        "enter-in-id",
        "error",
        15,
        17,
        r#"dilemma-id "eer⏎ste" mag alleen kleine letters a-z, cijfers en "-" bevatten (1 tot 64 tekens); er staat een Enter (⏎) in"#,
    ),
    (
        "invisible-between",
        "error",
        4,
        16,
        r#"onzichtbaar teken U+200B (zero width space) tussen de velden; haal het weg"#,
    ),
    // Several problems per run: the reader resumes after each.
    (
        "three-mistakes",
        "error",
        6,
        12,
        r#"gekruld aanhalingsteken “: zet een tekst tussen rechte aanhalingstekens "…" (binnen een tekst mogen „…” en ‘…’ wel)"#,
    ),
    (
        "three-mistakes",
        "error",
        9,
        5,
        r#"# begint in een pack geen commentaar; begin commentaar met //"#,
    ),
    ("three-mistakes", "error", 20, 21, r#"na "question" ontbreekt een dubbele punt: question: …"#),
    (
        "deeply-nested",
        "note",
        2,
        57,
        r#"het lezen stopte bij deze fout: de rest van het bestand is nog niet gecontroleerd; los hem op en controleer opnieuw"#,
    ),
    // A structural slip (issue 24): one message at the mistake, and reading goes on at the
    // next field or record the reader recognises.
    (
        "unclosed-text-before-some",
        "error",
        19,
        15,
        r#"deze tekst heeft geen afsluitend aanhalingsteken ""#,
    ),
    (
        "unclosed-multiline-case",
        "error",
        38,
        19,
        r#"deze tekst heeft geen afsluitend aanhalingsteken ""#,
    ),
    (
        "unclosed-multiline-case",
        "error",
        99,
        13,
        r#"onbekend veld "qestions" in Dilemma (bedoel je "questions"?)"#,
    ),
    (
        "semicolon-for-comma",
        "error",
        35,
        36,
        r#"hier staat een puntkomma ; waar een komma , hoort; maak er een komma van"#,
    ),
    (
        "note-missing-paren",
        "error",
        54,
        29,
        r#"na Note ontbreekt een (: schrijf Note( voor de velden en ) erna"#,
    ),
    (
        "extra-paren",
        "error",
        26,
        10,
        r#"deze ) sluit niets af: hij staat er een keer te veel; haal hem weg"#,
    ),
    (
        "options-without-brackets",
        "error",
        49,
        17,
        r#""options" is een lijst: zet alles tussen [ en ], zoals options: [ … ]"#,
    ),
    (
        "quote-before-closing-quote",
        "error",
        36,
        50,
        r#"hier staan twee aanhalingstekens "" achter elkaar; haal er één weg"#,
    ),
    (
        "some-some",
        "error",
        20,
        14,
        r#""license": één keer Some is genoeg; schrijf license: Some("…")"#,
    ),
    (
        "some-none",
        "error",
        20,
        14,
        r#""license": None staat zonder Some eromheen; schrijf license: None"#,
    ),
    ("kind-on-option", "error", 50, 21, r#"onbekend veld "kind" in Option (hoort bij Note)"#),
    (
        "single-quotes",
        "error",
        36,
        20,
        r#"een tekst staat tussen dubbele aanhalingstekens "…", niet tussen enkele '…' (een ' binnen een tekst mag wel)"#,
    ),
    (
        "empty-file",
        "error",
        1,
        1,
        r#"het bestand is leeg; een pack begint met Pack( en eindigt met ), en wikken new BESTAND.ron schrijft een starterpack om mee te beginnen"#,
    ),
    // The guide's length for a case, and only web addresses as sources.
    (
        "case-too-short",
        "warning",
        38,
        19,
        r#"de casus telt 8 woorden; de handleiding raadt 80 tot 250 woorden aan"#,
    ),
    (
        "case-too-long",
        "warning",
        38,
        19,
        r#"de casus telt 327 woorden; de handleiding raadt 80 tot 250 woorden aan"#,
    ),
    (
        "unsafe-url",
        "error",
        30,
        23,
        r#"webadres "javascript:alert(document.cookie)" begint niet met http:// of https://; schrijf het volledige adres, zoals https://…"#,
    ),
    // When the reader had to skip what it did not recognise, it says only the first error.
    ("follow-on", "error", 15, 16, r#"hier staat "%" waar "," of ")" hoort"#),
    (
        "follow-on",
        "note",
        15,
        16,
        r#"2 meldingen hierna weggelaten: die kunnen uit deze fout volgen; los hem op en controleer opnieuw"#,
    ),
];

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/packs/invalid")
}

fn expected_for(name: &str) -> Vec<(&'static str, u32, u32, &'static str)> {
    EXPECTED.iter().filter(|e| e.0 == name).map(|e| (e.1, e.2, e.3, e.4)).collect()
}

fn fixture_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(fixture_dir())
        .expect("fixture dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .map(|p| p.file_stem().expect("stem").to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn every_fixture_has_expectations_and_every_expectation_a_fixture() {
    let names = fixture_names();
    for name in &names {
        assert!(!expected_for(name).is_empty(), "no expectations for fixture {name}");
    }
    for (name, ..) in EXPECTED {
        assert!(names.iter().any(|n| n == name), "expectation for missing fixture {name}");
    }
    assert!(names.len() >= 30, "fixtures went missing: {names:?}");
}

#[test]
fn library_reports_exactly_the_expected_diagnostics() {
    for name in fixture_names() {
        let checked = check_file(&fixture_dir().join(format!("{name}.ron")));
        let got: Vec<(&str, u32, u32, String)> = checked
            .diagnostics
            .iter()
            .map(|d| {
                let sev = match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                    Severity::Note => "note",
                };
                (sev, d.pos.line, d.pos.col, render_message(Lang::Nl, d))
            })
            .collect();
        let want: Vec<(&str, u32, u32, String)> =
            expected_for(&name).into_iter().map(|(s, l, c, m)| (s, l, c, m.to_string())).collect();
        assert_eq!(got, want, "fixture {name}");
    }
}

fn wikken() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_wikken"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .env_remove("WIKKEN_DATA")
        .env_remove("WIKKEN_POOL")
        .env("WIKKEN_CONFIG", "/nonexistent/wikken-test-config.toml")
        // The month the packs' legal notes are measured against: fixed, so no output changes
        // when a year has passed.
        .env("WIKKEN_TODAY", "2026-12");
    cmd
}

#[test]
fn binary_prints_one_located_line_per_problem_and_sets_exit_code() {
    for name in fixture_names() {
        let rel = format!("tests/packs/invalid/{name}.ron");
        let output = wikken().args(["check", &rel]).output().expect("run wikken");
        let stdout = String::from_utf8(output.stdout).expect("utf-8 output");
        let lines: Vec<&str> = stdout.lines().collect();
        let want = expected_for(&name);
        assert_eq!(lines.len(), want.len() + 1, "{name}: {stdout}");
        for (line, (sev, l, c, msg)) in lines.iter().zip(&want) {
            assert_eq!(*line, format!("{rel}:{l}:{c}: {sev}: {msg}"));
        }
        let has_error = want.iter().any(|w| w.0 == "error");
        assert_eq!(output.status.code(), Some(if has_error { 1 } else { 0 }), "{name}");
    }
}

#[test]
fn one_broken_pack_never_hides_another() {
    let output = wikken().args(["check", "tests/packs/invalid"]).output().expect("run");
    let stdout = String::from_utf8(output.stdout).expect("utf-8");
    assert_eq!(output.status.code(), Some(1));
    for name in fixture_names() {
        assert!(stdout.contains(&format!("tests/packs/invalid/{name}.ron:")), "{name} missing");
    }
    let errors = EXPECTED.iter().filter(|e| e.1 == "error").count();
    let warnings = EXPECTED.iter().filter(|e| e.1 == "warning").count();
    let summary = stdout.lines().last().expect("summary");
    assert!(
        summary.starts_with(&format!("{} packs gecontroleerd", fixture_names().len()))
            && summary.ends_with(&format!("{errors} fouten, {warnings} waarschuwingen")),
        "{summary}"
    );
}

#[test]
fn unwanted_characters_are_named_in_english_too() {
    let rel = "tests/packs/invalid/control-in-text.ron";
    let output = wikken().args(["--lang", "en", "check", rel]).output().expect("run wikken");
    let stdout = String::from_utf8(output.stdout).expect("utf-8 output");
    let want = [
        "9:17: warning: control character U+001B (escape) 2 times in the text; remove it",
        "9:31: warning: control character U+0007 (bell) in the text; remove it",
        "10:18: warning: control character U+0009 (tab) in the text; remove it",
        "19:31: warning: control character U+000A (line feed) in the text; remove it",
        "23:37: warning: text direction character U+202E (right-to-left override) in the \
         text; remove it",
        "28:42: warning: control character U+009B (control sequence introducer) in the text; \
         remove it",
    ];
    let mut expected: String = want.iter().map(|w| format!("{rel}:{w}\n")).collect();
    expected.push_str("checked 1 pack (1 dilemma): 0 errors, 6 warnings\n");
    assert_eq!(stdout, expected);
    assert_eq!(output.status.code(), Some(0), "warnings alone do not fail the check");

    let rel = "tests/packs/invalid/invisible-character.ron";
    let output = wikken().args(["--lang", "en", "check", rel]).output().expect("run wikken");
    let stdout = String::from_utf8(output.stdout).expect("utf-8 output");
    assert_eq!(
        stdout.lines().next(),
        Some(&*format!(
            "{rel}:18:31: warning: invisible character U+200B (zero width space) in the text; \
             remove it"
        ))
    );
}

#[test]
fn every_message_is_one_line_and_the_dutch_avoids_jargon() {
    const JARGON: &[&str] = &["record", "veldnaam", "waarde", "BCP 47", "escape", "tupel"];
    for name in fixture_names() {
        let checked = check_file(&fixture_dir().join(format!("{name}.ron")));
        for d in &checked.diagnostics {
            for lang in [Lang::Nl, Lang::En] {
                let text = render_message(lang, d);
                assert!(!text.contains(['\n', '\r']), "{name}: {text:?}");
            }
            // A character's Unicode name ("U+001B (escape)") is no jargon of ours.
            let dutch = render_message(Lang::Nl, d).replace("(escape)", "");
            for word in JARGON {
                assert!(!dutch.contains(word), "{name}: {word:?} in {dutch:?}");
            }
        }
    }
}

#[test]
fn the_reader_stops_after_twenty_problems_and_says_there_may_be_more() {
    let body: String = (0..30).map(|i| format!("    # opmerking {i}\n")).collect();
    let text = format!("Pack(\n{body})\n");
    let checked = wikken::pack::check_text(&text);
    let (last, errors) = checked.diagnostics.split_last().expect("problems");
    assert_eq!(errors.len(), wikken::pack::MAX_ERRORS, "{:?}", checked.diagnostics);
    assert!(errors.iter().all(|d| d.is_error()));
    assert_eq!((last.severity, last.pos), (Severity::Note, errors[19].pos));
    assert_eq!(render_message(Lang::Nl, last), "gestopt na 20 problemen; er kunnen er meer zijn");
    assert_eq!(render_message(Lang::En, last), "stopped after 20 problems; there may be more");
}
