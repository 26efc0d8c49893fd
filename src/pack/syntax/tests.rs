//! The reader's own tests.
//!
//! Test code only: the parent declares this module under `#[cfg(test)]`, so an `expect` here
//! states what the test needs rather than an invariant of the program.

use super::*;

fn kind(src: &str) -> DiagnosticKind {
    parse_first(src).expect_err("should fail").kind
}

#[test]
fn parses_records_lists_strings_and_numbers() {
    let node = parse_first(
        "Pack(id: \"x\", version: 1, tags: [\"a\", \"b\",], license: Some(\"c\"), url: None)",
    )
    .expect("parses");
    let NodeKind::Record { name, fields, .. } = node.kind else { panic!("record expected") };
    assert_eq!(name.expect("named").value, "Pack");
    let keys: Vec<_> = fields.iter().map(|(k, _)| &*k.value).collect();
    assert_eq!(keys, ["id", "version", "tags", "license", "url"]);
    assert_eq!(fields[1].1.kind, NodeKind::Int(1));
    assert_eq!(fields[1].0.pos, Pos { line: 1, col: 15 });
    assert!(
        matches!(&fields[3].1.kind, NodeKind::Tuple { name: Some(n), items } if n.value == "Some" && items.len() == 1)
    );
    assert_eq!(fields[4].1.kind, NodeKind::Word("None".into()));
}

#[test]
fn tracks_lines_and_columns_in_characters() {
    let node = parse_first("// kop\n(\n  a: \"ë\", b: [1,\n 2])").expect("parses");
    let NodeKind::Record { fields, .. } = node.kind else { panic!() };
    assert_eq!(fields[0].0.pos, Pos { line: 3, col: 3 });
    assert_eq!(fields[1].0.pos, Pos { line: 3, col: 11 });
    let NodeKind::List(items) = &fields[1].1.kind else { panic!() };
    assert_eq!(items[1].pos, Pos { line: 4, col: 2 });
}

#[test]
fn strings_keep_newlines_and_resolve_escapes() {
    let node = parse_first("\"a\n\nb \\\"c\\\" \\u{e9} \\u00e9\"").expect("parses");
    assert!(matches!(node.kind, NodeKind::Str { value, .. } if value == "a\n\nb \"c\" é é"));
    let raw = parse_first("r#\"zeg \"hoi\"\"#").expect("parses");
    assert!(matches!(raw.kind, NodeKind::Str { value, .. } if value == "zeg \"hoi\""));
}

#[test]
fn strings_mark_where_suspect_characters_are_written() {
    let node = parse_first("\"a\u{200B}b\\u{1b}\n\tc\"").expect("parses");
    let NodeKind::Str { value, marks } = node.kind else { panic!("string expected") };
    assert_eq!(value, "a\u{200B}b\u{1b}\n\tc");
    let got: Vec<(usize, char, Pos)> = marks.iter().map(|m| (m.byte, m.ch, m.pos)).collect();
    let at = |line, col| Pos { line, col };
    assert_eq!(
        got,
        [
            (1, '\u{200B}', at(1, 3)),
            (5, '\u{1b}', at(1, 5)),
            (6, '\n', at(1, 11)),
            (7, '\t', at(2, 1)),
        ]
    );
    let raw = parse_first("r\"x\u{7}y\"").expect("parses");
    let NodeKind::Str { marks, .. } = raw.kind else { panic!("string expected") };
    assert_eq!(marks, [Mark { byte: 1, ch: '\u{7}', pos: at(1, 4), escaped: false }]);
}

#[test]
fn nested_block_comments_are_skipped() {
    assert_eq!(parse_first("/* a /* b */ c */ 5").expect("parses").kind, NodeKind::Int(5));
    assert_eq!(kind("/* open"), DiagnosticKind::UnterminatedComment);
}

#[test]
fn unclosed_bracket_points_at_end_and_names_opening() {
    let err = parse_first("Pack(\n  a: [1, 2],\n").expect_err("unclosed");
    assert_eq!(err.pos, Pos { line: 3, col: 1 });
    assert_eq!(
        err.kind,
        DiagnosticKind::Unclosed { open: '(', name: Some("Pack".into()), opened_at: Pos::START }
    );
}

#[test]
fn mismatched_bracket_is_reported_where_found() {
    let err = parse_first(
        "Pack(a: [1, 2),
 b: 3)",
    )
    .expect_err("mismatch");
    assert_eq!(err.pos, Pos { line: 1, col: 14 });
    assert!(matches!(err.kind, DiagnosticKind::MismatchedClose { found: ')', open: '[', .. }));
    // Closing the record instead: the list's own "]" is missing, after its last value.
    let err = parse_first("Pack(a: [1, 2)").expect_err("missing");
    assert_eq!(err.pos, Pos { line: 1, col: 14 });
    assert!(matches!(err.kind, DiagnosticKind::MissingClose { open: '[', .. }));
}

#[test]
fn depth_is_limited() {
    let deep = "[".repeat(10_000);
    assert_eq!(kind(&deep), DiagnosticKind::TooDeep { limit: MAX_DEPTH });
}

#[test]
fn other_errors() {
    assert_eq!(kind("\"open"), DiagnosticKind::UnterminatedString);
    assert_eq!(kind("\"\\q\""), DiagnosticKind::InvalidEscape { sequence: "\\q".into() });
    assert_eq!(kind("1 2"), DiagnosticKind::TrailingContent);
    assert_eq!(kind("{}"), DiagnosticKind::MapNotSupported);
    assert_eq!(kind("#![enable(implicit_some)] 1"), DiagnosticKind::UnsupportedExtension);
    assert_eq!(kind("12abc"), DiagnosticKind::InvalidNumber { text: "12abc".into() });
    assert_eq!(kind("(a: 1 b: 2)"), DiagnosticKind::MissingComma { next: Pos { line: 1, col: 7 } });
    assert!(matches!(kind("(a: 1 %)"), DiagnosticKind::UnexpectedChar { found: '%', .. }));
    assert_eq!(kind(""), DiagnosticKind::EmptyFile);
    assert_eq!(kind("  // alleen commentaar\n"), DiagnosticKind::EmptyFile);
    assert_eq!(
        kind("[1"),
        DiagnosticKind::Unclosed { open: '[', name: None, opened_at: Pos::START }
    );
}

#[test]
fn missing_comma_is_reported_after_the_value() {
    let err = parse_first("(\n a: 1\n b: 2)").expect_err("comma");
    assert_eq!(err.pos, Pos { line: 2, col: 6 });
    assert_eq!(err.kind, DiagnosticKind::MissingComma { next: Pos { line: 3, col: 2 } });
}

#[test]
fn unterminated_string_points_back_at_its_start() {
    let err = parse_first("(\n a: \"open,\n b: \"x\")").expect_err("string");
    assert_eq!(err.pos, Pos { line: 2, col: 5 });
    assert_eq!(err.kind, DiagnosticKind::UnterminatedString);
    let err = parse_first("(\n a: \"two\nlines\"\n b: 1)").expect_err("comma");
    assert_eq!(err.hint, Some(Hint::CheckStringAt(Pos { line: 2, col: 5 })));
}

#[test]
fn floats_parse() {
    assert_eq!(parse_first("1.5").expect("float").kind, NodeKind::Float(1.5));
    assert_eq!(parse_first("-3").expect("int").kind, NodeKind::Int(-3));
}

#[test]
fn reading_resumes_after_errors_and_keeps_what_it_read() {
    let parsed = parse_all("(\n a: 1 b: 2,\n c: %%,\n d: [1 2, 3],\n e: \"ok\",\n)");
    let kinds: Vec<_> = parsed.errors.iter().map(|d| (d.pos, d.kind.clone())).collect();
    let at = |line, col| Pos { line, col };
    assert_eq!(kinds.len(), 3, "{kinds:?}");
    assert_eq!(kinds[0], (at(2, 6), DiagnosticKind::MissingComma { next: at(2, 7) }));
    assert!(matches!(kinds[1].1, DiagnosticKind::UnexpectedChar { found: '%', .. }));
    assert!(matches!(kinds[2].1, DiagnosticKind::UnexpectedChar { found: '2', .. }));
    let Some(Node { kind: NodeKind::Record { fields, damaged, .. }, .. }) = parsed.node else {
        panic!("record expected")
    };
    let keys: Vec<&str> = fields.iter().map(|(k, _)| &*k.value).collect();
    assert_eq!(keys, ["a", "b", "c", "d", "e"]);
    assert_eq!(fields[2].1.kind, NodeKind::Invalid);
    assert!(damaged);
}

#[test]
fn a_missing_close_is_closed_where_it_belonged() {
    let parsed = parse_all("[\n A(x: 1,\n B(x: 2),\n]");
    assert_eq!(parsed.errors.len(), 1, "{:?}", parsed.errors);
    assert!(matches!(parsed.errors[0].kind, DiagnosticKind::MissingClose { open: '(', .. }));
    let Some(Node { kind: NodeKind::List(items), .. }) = parsed.node else { panic!("list") };
    assert_eq!(items.len(), 2, "both records are read");
}

#[test]
fn non_standard_ron_is_noted_apart() {
    let parsed = parse_all("\u{feff}(a:\u{a0}\"x\\/\\u00e9\")");
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let what: Vec<_> = parsed
        .non_standard
        .iter()
        .map(|d| match &d.kind {
            DiagnosticKind::NotStandardRon { what } => what.clone(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        what,
        [
            NonStandard::ByteOrderMark,
            NonStandard::Space('\u{a0}'),
            NonStandard::Escape("\\/".into()),
            NonStandard::Escape("\\u00e9".into()),
        ]
    );
}

#[test]
fn values_know_where_they_end_and_comments_are_kept_when_asked() {
    let src = "// kop\nPack( // na haakje\n  a: None, // achter\n  b: [\"x\"],\n  /* voor c */ c: 1,\n)\n";
    let parsed = super::parse_with_comments(src);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let node = parsed.node.expect("node");
    assert_eq!(node.end, Pos { line: 6, col: 2 });
    let NodeKind::Record { fields, .. } = &node.kind else { panic!("record") };
    assert_eq!(fields[0].1.end, Pos { line: 3, col: 10 }, "after None, before its comment");
    assert_eq!(fields[1].1.end, Pos { line: 4, col: 11 });
    let comments: Vec<(u32, bool, &str)> =
        parsed.comments.iter().map(|c| (c.pos.line, c.own_line, c.text.as_str())).collect();
    assert_eq!(
        comments,
        [
            (1, true, "// kop"),
            (2, false, "// na haakje"),
            (3, false, "// achter"),
            (5, true, "/* voor c */"),
        ]
    );
    assert!(parse_all(src).comments.is_empty(), "check does not keep them");
}

#[test]
fn eight_bytes_at_a_time_agrees_with_one_at_a_time() {
    let naive =
        |w: [u8; 8]| w.iter().all(|&b| (0x20..0x7f).contains(&b) && b != b'"' && b != b'\\');
    // Every byte value in every position, among plain letters; and a walk of mixed words.
    for at in 0..8 {
        for b in 0..=255u8 {
            let mut w = *b"abcdefgh";
            w[at] = b;
            assert_eq!(text::plain_ascii(u64::from_le_bytes(w)), naive(w), "{w:?}");
        }
    }
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..200_000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let w = x.to_le_bytes();
        assert_eq!(text::plain_ascii(x), naive(w), "{w:?}");
    }
}
