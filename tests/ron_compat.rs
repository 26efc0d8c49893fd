//! Packs stay real RON: the bundled packs, the example and the strict fixtures also parse
//! with the reference `ron` crate, and what it reads is walked against wikken's one schema
//! declaration (`wikken::pack::schema`): every record has only the schema's fields, every
//! required field, and values of the declared kind. A pack that leaves out optional fields
//! is accepted, as by wikken. (wikken's own reader is more forgiving still, e.g. a bare
//! licence string; such packs are not in this list.)

use ron::Value;
use wikken::pack::schema::{self, Kind, Record};

/// Checks `value` as a `record`; returns the problems, with a path for each.
fn walk(value: &Value, record: &'static Record, path: &str, out: &mut Vec<String>) {
    let Value::Map(map) = value else {
        out.push(format!("{path}: {} is not a record", record.name));
        return;
    };
    for (key, _) in map.iter() {
        match key {
            Value::String(k) if record.has(k) => {}
            other => out.push(format!("{path}: unknown field {other:?} in {}", record.name)),
        }
    }
    for field in record.fields {
        let value = map.iter().find(|(k, _)| matches!(k, Value::String(k) if k == field.name));
        let Some((_, value)) = value else {
            if field.required {
                out.push(format!("{path}: {} lacks {}", record.name, field.name));
            }
            continue;
        };
        let here = format!("{path}.{}", field.name);
        let text = |v: &Value| matches!(v, Value::String(_));
        let ok = match field.kind {
            Kind::Text => text(value),
            Kind::Integer => matches!(value, Value::Number(_)),
            // `Some("…")` or `None`; the reference crate reads both as an Option.
            Kind::OptionalText => match value {
                Value::Option(Some(inner)) => text(inner),
                Value::Option(None) => true,
                _ => false,
            },
            Kind::Texts => matches!(value, Value::Seq(items) if items.iter().all(text)),
            // A bare variant name: the reference crate keeps only that it is a unit value;
            // which word it is, wikken's own reader checks (and the comparison below).
            Kind::Word(_) => matches!(value, Value::Unit),
            Kind::Records(inner) => match value {
                Value::Seq(items) => {
                    for (i, item) in items.iter().enumerate() {
                        walk(item, inner, &format!("{here}[{i}]"), out);
                    }
                    true
                }
                _ => false,
            },
        };
        if !ok {
            out.push(format!("{here}: not a {:?}: {value:?}", field.kind));
        }
    }
}

fn assert_same_as_wikken(name: &str, text: &str) {
    let value: Value = ron::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut problems = Vec::new();
    walk(&value, &schema::PACK, name, &mut problems);
    assert!(problems.is_empty(), "{name}:\n{}", problems.join("\n"));
    let checked = wikken::pack::check_text(text);
    let ours = checked.pack.expect("wikken decodes it too");
    let Value::Map(map) = &value else { unreachable!("walked as a record above") };
    let get = |k: &str| map.iter().find(|(key, _)| matches!(key, Value::String(s) if s == k));
    assert!(matches!(get("id"), Some((_, Value::String(id))) if *id == *ours.id), "{name}: id");
    match get("dilemmas") {
        Some((_, Value::Seq(dilemmas))) => assert_eq!(dilemmas.len(), ours.dilemmas.len()),
        other => panic!("{name}: dilemmas {other:?}"),
    }
}

#[test]
fn bundled_packs_are_ron() {
    for (name, text) in wikken::pack::BUNDLED {
        assert_same_as_wikken(name, text);
    }
}

#[test]
fn example_and_strict_fixtures_are_ron() {
    assert_same_as_wikken("voorbeeld", include_str!("../dilemmas/voorbeeld/voorbeeld.ron"));
    assert_same_as_wikken("minimal", include_str!("packs/valid/minimal.ron"));
}

#[test]
fn packs_that_leave_out_optional_fields_are_ron() {
    let text = r#"Pack(
        id: "kort", version: 1, language: "nl", title: "Kort",
        dilemmas: [Dilemma(id: "d", title: "D", case: "C.", question: "V?",
            options: [Option(id: "a", title: "A", text: "A."), Option(id: "b", title: "B", text: "B.")])],
    )"#;
    assert_same_as_wikken("kort", text);
}

#[test]
fn the_walk_catches_what_the_schema_forbids() {
    let bad: Value = ron::from_str(
        r#"Pack(id: "x", version: 1, language: "nl", title: "T", dilemmas: [], colour: "rood")"#,
    )
    .expect("ron");
    let mut problems = Vec::new();
    walk(&bad, &schema::PACK, "bad", &mut problems);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("colour"));
    let missing: Value = ron::from_str(r#"Note(kind: Wet)"#).expect("ron");
    let mut problems = Vec::new();
    walk(&missing, &schema::NOTE, "note", &mut problems);
    assert!(problems.iter().any(|p| p.contains("lacks text")), "{problems:?}");
}

#[test]
fn what_check_strict_accepts_silently_is_ron() {
    // The forgiving fixture without what --strict warns about is standard RON.
    let text = include_str!("packs/valid/forgiving.ron");
    let strict = wikken::pack::check_text_with(
        text,
        wikken::pack::CheckOptions { strict: true, problems_only: false, wet_age: None },
    );
    let warned: Vec<_> = strict
        .diagnostics
        .iter()
        .filter(|d| matches!(d.kind, wikken::pack::DiagnosticKind::NotStandardRon { .. }))
        .collect();
    assert_eq!(warned.len(), 2, "{warned:?}");
    let fixed =
        text.replace("license: \"CC0\"", "license: Some(\"CC0\")").replace("\\u00e9n", "\\u{e9}n");
    assert_same_as_wikken("forgiving, made strict", &fixed);
}
