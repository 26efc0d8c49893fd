//! Maps the position-carrying RON tree onto the pack model, collecting every structural
//! problem (unknown, missing, duplicate or mistyped fields) instead of stopping at the first,
//! so an author sees all of them in one `wikken check` run.

use super::diagnostic::{Diagnostic, DiagnosticKind, Hint, NonStandard, ValueType, did_you_mean};
use super::model::{Dilemma, Note, NoteKind, Pack, Source, Werkwijze};
use super::schema;
use super::span::{Pos, Spanned};
use super::syntax::{Node, NodeKind};
use super::validate::character_warnings;

/// Decodes a parsed file into a pack. Returns the pack (with defaults where fields were
/// wrong, so later checks can still run) and the problems found.
pub fn decode_pack(node: &Node) -> (Option<Pack>, Vec<Diagnostic>) {
    let mut d = Decoder::default();
    let pack = d.pack(node);
    (pack, d.diags)
}

#[derive(Default)]
struct Decoder {
    diags: Vec<Diagnostic>,
}

/// The fields of one record, already checked for unknown and repeated names.
struct Record<'a> {
    name: &'static str,
    pos: Pos,
    fields: Vec<(&'a Spanned<String>, &'a Node)>,
    /// Valid field names that an unknown field looks like a typo of; their absence is
    /// already explained by the "did you mean" message.
    misspelt: Vec<String>,
    /// Part of it was skipped after a syntax error: absent fields are not reported.
    damaged: bool,
}

impl<'a> Record<'a> {
    fn get(&self, key: &str) -> Option<&'a Node> {
        self.fields.iter().find(|(k, _)| k.as_str() == key).map(|(_, v)| *v)
    }
}

fn type_of(node: &Node) -> ValueType {
    match &node.kind {
        NodeKind::Record { .. } => ValueType::Record,
        NodeKind::Tuple { name: Some(n), .. } if n.as_str() == "Some" => ValueType::Optional,
        NodeKind::Tuple { .. } => ValueType::Tuple,
        NodeKind::Word(w) if w == "None" => ValueType::Optional,
        NodeKind::Word(_) => ValueType::Word,
        NodeKind::List(_) => ValueType::List,
        NodeKind::Str { .. } => ValueType::Text,
        NodeKind::Int(_) => ValueType::Integer,
        NodeKind::Float(_) => ValueType::Float,
        // Never shown: a value that could not be read is not reported again.
        NodeKind::Invalid => ValueType::Word,
    }
}

impl Decoder {
    fn error(&mut self, pos: Pos, kind: DiagnosticKind) {
        self.diags.push(Diagnostic::error(pos, kind));
    }

    fn wrong_type(&mut self, field: Option<&str>, expected: ValueType, node: &Node) {
        if node.kind == NodeKind::Invalid {
            // Its syntax error says what is wrong.
            return;
        }
        self.error(
            node.pos,
            DiagnosticKind::WrongType {
                field: field.map(str::to_string),
                expected,
                found: type_of(node),
            },
        );
    }

    /// Opens `node` as the record `name`, reporting a wrong record name, unknown fields
    /// (with the nearest valid name) and fields given twice.
    fn record<'a>(
        &mut self,
        node: &'a Node,
        schema: &'static schema::Record,
        field: Option<&str>,
    ) -> Option<Record<'a>> {
        let name = schema.name;
        let (found_name, fields, damaged) = match &node.kind {
            NodeKind::Record { name, fields, damaged } => (name, fields.as_slice(), *damaged),
            // `Pack()` has no fields to tell it from a tuple.
            NodeKind::Tuple { name, items } if items.is_empty() => (name, &[][..], false),
            _ => {
                self.wrong_type(field, ValueType::Record, node);
                return None;
            }
        };
        if let Some(found) = found_name
            && found.as_str() != name
        {
            let diag = Diagnostic::error(
                found.pos,
                DiagnosticKind::WrongRecordName { expected: name, found: found.value.clone() },
            );
            self.diags.push(diag.with_hint(Hint::DidYouMean(name.to_string())));
        }
        let mut rec =
            Record { name, pos: node.pos, fields: Vec::new(), misspelt: Vec::new(), damaged };
        for (key, value) in fields {
            if !schema.has(key.as_str()) {
                let allowed = schema.names();
                let elsewhere = schema::records_with(key, name);
                let hint = match did_you_mean(key, allowed.iter().copied()) {
                    // A field of another record (`kind` in an `Option`) is put in the wrong
                    // place, not misspelt.
                    _ if !elsewhere.is_empty() => {
                        Hint::BelongsTo { field: key.value.clone(), records: elsewhere }
                    }
                    Some(s) => {
                        rec.misspelt.push(s.clone());
                        Hint::DidYouMean(s)
                    }
                    None => Hint::Expected(allowed),
                };
                let diag = Diagnostic::error(
                    key.pos,
                    DiagnosticKind::UnknownField { field: key.value.clone(), record: name },
                );
                self.diags.push(diag.with_hint(hint));
            } else if let Some((first, _)) = rec.fields.iter().find(|(k, _)| k.value == key.value) {
                let diag = Diagnostic::error(
                    key.pos,
                    DiagnosticKind::DuplicateField { field: key.value.clone() },
                );
                self.diags.push(diag.with_hint(Hint::FirstDefinedAt(first.pos)));
            } else {
                rec.fields.push((key, value));
            }
        }
        Some(rec)
    }

    fn missing(&mut self, rec: &Record, field: &'static str) {
        if rec.damaged || rec.misspelt.iter().any(|m| m == field) {
            return;
        }
        self.error(rec.pos, DiagnosticKind::MissingField { field, record: rec.name });
    }

    /// A required text field; empty or blank text is an error too.
    fn text(&mut self, rec: &Record, field: &'static str) -> Spanned<String> {
        match rec.get(field) {
            None => {
                self.missing(rec, field);
                Spanned::new(String::new(), rec.pos)
            }
            Some(node) => {
                let text = self
                    .string(node, field)
                    .unwrap_or_else(|| Spanned::new(String::new(), node.pos));
                if text.trim().is_empty() && matches!(node.kind, NodeKind::Str { .. }) {
                    self.error(node.pos, DiagnosticKind::EmptyText { field, record: rec.name });
                }
                text
            }
        }
    }

    /// An optional text field that defaults to empty.
    fn text_or_empty(&mut self, rec: &Record, field: &'static str) -> Spanned<String> {
        rec.get(field)
            .and_then(|node| self.string(node, field))
            .unwrap_or_else(|| Spanned::new(String::new(), rec.pos))
    }

    /// A text value, warning about characters that do not belong in it.
    fn string(&mut self, node: &Node, field: &str) -> Option<Spanned<String>> {
        match &node.kind {
            NodeKind::Str { value, marks } => {
                character_warnings(marks, schema::is_multiline(field), &mut self.diags);
                Some(Spanned::new(value.clone(), node.pos))
            }
            _ => {
                self.wrong_type(Some(field), ValueType::Text, node);
                None
            }
        }
    }

    /// `Some(x)`, `None`, or (forgiving, but not standard RON) a bare `x`.
    fn optional_string(&mut self, rec: &Record, field: &'static str) -> Option<Spanned<String>> {
        let node = rec.get(field)?;
        match &node.kind {
            NodeKind::Word(w) if w == "None" => None,
            NodeKind::Tuple { name: Some(n), items } if n.as_str() == "Some" => {
                match items.as_slice() {
                    [Node { kind: NodeKind::Tuple { name: Some(inner), items }, .. }]
                        if inner.as_str() == "Some" =>
                    {
                        let what = DiagnosticKind::SomeSome { field: field.to_string() };
                        self.error(node.pos, what);
                        return items.first().and_then(|item| self.string(item, field));
                    }
                    [Node { kind: NodeKind::Word(w), .. }] if w == "None" => {
                        self.error(node.pos, DiagnosticKind::SomeNone { field: field.to_string() });
                        return None;
                    }
                    [item] => return self.string(item, field),
                    _ => {}
                }
                let count = items.len();
                self.error(node.pos, DiagnosticKind::SomeCount { field: field.to_string(), count });
                None
            }
            NodeKind::Str { .. } => {
                let what = NonStandard::BareOptional { field: field.to_string() };
                self.diags
                    .push(Diagnostic::warning(node.pos, DiagnosticKind::NotStandardRon { what }));
                self.string(node, field)
            }
            _ => {
                self.wrong_type(Some(field), ValueType::Optional, node);
                None
            }
        }
    }

    /// A list field; absent means empty. Items that fail to decode are dropped (their
    /// problems are reported).
    fn list<T>(
        &mut self,
        rec: &Record,
        field: &'static str,
        mut item: impl FnMut(&mut Self, &Node) -> Option<T>,
    ) -> Vec<T> {
        match rec.get(field) {
            None => Vec::new(),
            Some(Node { kind: NodeKind::List(items), .. }) => {
                items.iter().filter_map(|n| item(self, n)).collect()
            }
            Some(node) => {
                self.wrong_type(Some(field), ValueType::List, node);
                Vec::new()
            }
        }
    }

    /// `kind: Onderzoek` (a bare word, like an enum variant in RON).
    fn note_kind(&mut self, rec: &Record) -> Option<Spanned<NoteKind>> {
        let Some(node) = rec.get("kind") else {
            self.diags.push(Diagnostic::warning(rec.pos, DiagnosticKind::NoteWithoutKind));
            return None;
        };
        match &node.kind {
            NodeKind::Word(w) => match NoteKind::parse(w) {
                Some(kind) => Some(Spanned::new(kind, node.pos)),
                None => {
                    let names = NoteKind::ALL.map(NoteKind::name);
                    let hint = match did_you_mean(w, names.iter().copied()) {
                        Some(s) => Hint::DidYouMean(s),
                        None => Hint::Expected(names.to_vec()),
                    };
                    let diag = Diagnostic::error(
                        node.pos,
                        DiagnosticKind::UnknownNoteKind { found: w.clone() },
                    );
                    self.diags.push(diag.with_hint(hint));
                    None
                }
            },
            _ => {
                self.wrong_type(Some("kind"), ValueType::Word, node);
                None
            }
        }
    }

    fn strings(&mut self, rec: &Record, field: &'static str) -> Vec<Spanned<String>> {
        self.list(rec, field, |d, n| d.string(n, field))
    }

    fn pack(&mut self, node: &Node) -> Option<Pack> {
        let rec = self.record(node, &schema::PACK, None)?;
        let id = self.text(&rec, "id");
        let version = self.version(&rec);
        let language = self.text(&rec, "language");
        let title = self.text(&rec, "title");
        let summary = self.text_or_empty(&rec, "summary");
        let authors = self.strings(&rec, "authors");
        let license = self.optional_string(&rec, "license");
        let sources = self.list(&rec, "sources", Self::source);
        if rec.get("dilemmas").is_none() {
            self.missing(&rec, "dilemmas");
        }
        let dilemmas = self.list(&rec, "dilemmas", Self::dilemma);
        Some(Pack {
            id,
            version,
            language,
            title,
            summary,
            authors,
            license,
            sources,
            dilemmas,
            pos: rec.pos,
        })
    }

    fn version(&mut self, rec: &Record) -> Spanned<u32> {
        let Some(node) = rec.get("version") else {
            self.missing(rec, "version");
            return Spanned::new(1, rec.pos);
        };
        match node.kind {
            NodeKind::Int(v) if v >= 1 => match u32::try_from(v) {
                Ok(v) => Spanned::new(v, node.pos),
                Err(_) => {
                    self.error(node.pos, DiagnosticKind::InvalidNumber { text: v.to_string() });
                    Spanned::new(1, node.pos)
                }
            },
            NodeKind::Int(v) => {
                self.error(node.pos, DiagnosticKind::VersionTooLow { version: v });
                Spanned::new(1, node.pos)
            }
            _ => {
                self.wrong_type(Some("version"), ValueType::Integer, node);
                Spanned::new(1, node.pos)
            }
        }
    }

    fn source(&mut self, node: &Node) -> Option<Source> {
        let rec = self.record(node, &schema::SOURCE, Some("sources"))?;
        Some(Source {
            id: self.text(&rec, "id"),
            citation: self.text(&rec, "citation"),
            url: self.optional_string(&rec, "url"),
            pos: rec.pos,
        })
    }

    fn dilemma(&mut self, node: &Node) -> Option<Dilemma> {
        let rec = self.record(node, &schema::DILEMMA, Some("dilemmas"))?;
        let id = self.text(&rec, "id");
        let title = self.text(&rec, "title");
        let themes = self.strings(&rec, "themes");
        let case = self.text(&rec, "case");
        let question = self.text(&rec, "question");
        // A missing `options` list is reported by the rules as "0 werkwijzen".
        let options = self.list(&rec, "options", Self::werkwijze);
        let notes = self.list(&rec, "notes", Self::note);
        let questions = self.strings(&rec, "questions");
        Some(Dilemma { id, title, themes, case, question, options, notes, questions, pos: rec.pos })
    }

    fn werkwijze(&mut self, node: &Node) -> Option<Werkwijze> {
        let rec = self.record(node, &schema::OPTION, Some("options"))?;
        Some(Werkwijze {
            id: self.text(&rec, "id"),
            title: self.text(&rec, "title"),
            text: self.text(&rec, "text"),
            notes: self.list(&rec, "notes", Self::note),
            pos: rec.pos,
        })
    }

    fn note(&mut self, node: &Node) -> Option<Note> {
        let rec = self.record(node, &schema::NOTE, Some("notes"))?;
        Some(Note {
            kind: self.note_kind(&rec),
            as_of: self.optional_string(&rec, "as_of"),
            text: self.text(&rec, "text"),
            sources: self.strings(&rec, "sources"),
            pos: rec.pos,
        })
    }
}
