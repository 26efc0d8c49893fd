//! The model's records read field by field, by the names the schema gives them, so the
//! writer can follow the schema (its records, fields and their order) instead of knowing
//! the model: a field added to the schema and the model is written without a change here
//! beyond one line per record, and a test checks that no schema field is missed.

use crate::pack::model::{Dilemma, Note, Pack, Source, Werkwijze};
use crate::pack::span::{Pos, Spanned};

/// What a field of a record holds, borrowed from the model.
pub(crate) enum Value<'a> {
    /// A text.
    Text(&'a Spanned<String>),
    /// A whole number.
    Integer(u32),
    /// `Some("…")` or `None`.
    Optional(Option<&'a Spanned<String>>),
    /// A bare word (a note's kind), if given.
    Word(Option<&'static str>),
    /// A list of texts.
    Texts(&'a [Spanned<String>]),
    /// A list of records.
    Records(Vec<&'a dyn Fields>),
    /// A name the model does not have: schema and model are out of step (a test makes
    /// sure this never happens for a schema field).
    Unknown,
}

impl Value<'_> {
    /// Whether there is nothing to write (no value, or an empty text).
    pub(crate) fn is_empty(&self) -> bool {
        match self {
            Value::Text(s) => s.is_empty(),
            Value::Optional(v) => v.is_none(),
            Value::Word(w) => w.is_none(),
            Value::Texts(items) => items.is_empty(),
            Value::Records(items) => items.is_empty(),
            Value::Integer(_) | Value::Unknown => false,
        }
    }
}

/// A record of the model, read by field name.
pub(crate) trait Fields {
    /// Where the record starts in its file (the key its comments are kept under).
    fn pos(&self) -> Pos;
    /// The field of this name.
    fn get(&self, field: &str) -> Value<'_>;
}

fn records<T: Fields>(items: &[T]) -> Value<'_> {
    Value::Records(items.iter().map(|i| i as &dyn Fields).collect())
}

impl Fields for Pack {
    fn pos(&self) -> Pos {
        self.pos
    }

    fn get(&self, field: &str) -> Value<'_> {
        match field {
            "id" => Value::Text(&self.id),
            "version" => Value::Integer(self.version.value),
            "language" => Value::Text(&self.language),
            "title" => Value::Text(&self.title),
            "summary" => Value::Text(&self.summary),
            "authors" => Value::Texts(&self.authors),
            "license" => Value::Optional(self.license.as_ref()),
            "sources" => records(&self.sources),
            "dilemmas" => records(&self.dilemmas),
            _ => Value::Unknown,
        }
    }
}

impl Fields for Source {
    fn pos(&self) -> Pos {
        self.pos
    }

    fn get(&self, field: &str) -> Value<'_> {
        match field {
            "id" => Value::Text(&self.id),
            "citation" => Value::Text(&self.citation),
            "url" => Value::Optional(self.url.as_ref()),
            _ => Value::Unknown,
        }
    }
}

impl Fields for Dilemma {
    fn pos(&self) -> Pos {
        self.pos
    }

    fn get(&self, field: &str) -> Value<'_> {
        match field {
            "id" => Value::Text(&self.id),
            "title" => Value::Text(&self.title),
            "themes" => Value::Texts(&self.themes),
            "case" => Value::Text(&self.case),
            "question" => Value::Text(&self.question),
            "options" => records(&self.options),
            "notes" => records(&self.notes),
            "questions" => Value::Texts(&self.questions),
            _ => Value::Unknown,
        }
    }
}

impl Fields for Werkwijze {
    fn pos(&self) -> Pos {
        self.pos
    }

    fn get(&self, field: &str) -> Value<'_> {
        match field {
            "id" => Value::Text(&self.id),
            "title" => Value::Text(&self.title),
            "text" => Value::Text(&self.text),
            "notes" => records(&self.notes),
            _ => Value::Unknown,
        }
    }
}

impl Fields for Note {
    fn pos(&self) -> Pos {
        self.pos
    }

    fn get(&self, field: &str) -> Value<'_> {
        match field {
            "kind" => Value::Word(self.kind().map(|k| k.name())),
            "as_of" => Value::Optional(self.as_of.as_ref()),
            "text" => Value::Text(&self.text),
            "sources" => Value::Texts(&self.sources),
            _ => Value::Unknown,
        }
    }
}

/// Whether two records hold the same values in every field the schema lists, wherever
/// they stand in their files. A typed CR before a line break is no difference (the writer
/// keeps the line break alone).
pub(crate) fn same_content(
    schema: &'static crate::pack::schema::Record,
    a: &dyn Fields,
    b: &dyn Fields,
) -> bool {
    use crate::pack::schema::Kind;
    let text = |s: &str| s.replace("\r\n", "\n");
    schema.fields.iter().all(|field| match (a.get(field.name), b.get(field.name)) {
        (Value::Text(x), Value::Text(y)) => text(x) == text(y),
        (Value::Integer(x), Value::Integer(y)) => x == y,
        (Value::Optional(x), Value::Optional(y)) => x.map(|s| text(s)) == y.map(|s| text(s)),
        (Value::Word(x), Value::Word(y)) => x == y,
        (Value::Texts(x), Value::Texts(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| text(x) == text(y))
        }
        (Value::Records(x), Value::Records(y)) => match field.kind {
            Kind::Records(inner) => {
                x.len() == y.len() && x.iter().zip(&y).all(|(x, y)| same_content(inner, *x, *y))
            }
            _ => false,
        },
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::schema::{Kind, RECORDS, Record};

    /// Every field of the schema is read from the model, with the kind of value the schema
    /// says it holds.
    #[test]
    fn the_model_has_every_field_of_the_schema() {
        let pack = crate::pack::check_text(&crate::pack::starter_pack("x")).pack.expect("pack");
        fn walk(schema: &'static Record, record: &dyn Fields, seen: &mut Vec<&'static str>) {
            seen.push(schema.name);
            for field in schema.fields {
                let value = record.get(field.name);
                let fits = matches!(
                    (&value, field.kind),
                    (Value::Text(_), Kind::Text)
                        | (Value::Integer(_), Kind::Integer)
                        | (Value::Optional(_), Kind::OptionalText)
                        | (Value::Word(_), Kind::Word(_))
                        | (Value::Texts(_), Kind::Texts)
                        | (Value::Records(_), Kind::Records(_))
                );
                assert!(fits, "{}.{} is not read as the schema says", schema.name, field.name);
                if let (Value::Records(items), Kind::Records(inner)) = (value, field.kind) {
                    for item in items {
                        walk(inner, item, seen);
                    }
                }
            }
        }
        let mut seen = Vec::new();
        walk(&crate::pack::schema::PACK, &pack, &mut seen);
        for record in RECORDS {
            assert!(seen.contains(&record.name), "{} is never reached", record.name);
        }
        assert!(matches!(pack.get("nonsense"), Value::Unknown));
    }
}
