//! Maps the position-carrying RON tree onto the pack model, collecting every structural
//! problem (unknown, missing, duplicate or mistyped fields) instead of stopping at the first,
//! so an author sees all of them in one `wikken check` run.

use super::diagnostic::{Diagnostic, DiagnosticKind, Hint, NonStandard, ValueType, did_you_mean};
use super::model::{Dilemma, Note, NoteKind, Pack, Source, Werkwijze};
use super::schema;
use super::span::{Pos, Spanned};
use super::syntax::{Name, Node, NodeKind};
use super::validate::character_warnings;

/// Decodes a parsed file into a pack. Returns the pack (with defaults where fields were
/// wrong, so later checks can still run) and the problems found. The texts are moved out
/// of the tree, not copied: `check` reads a thousand packs, and the tree is not needed
/// after this.
pub fn decode_pack(node: &mut Node) -> (Option<Pack>, Vec<Diagnostic>) {
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
    fields: Vec<(&'a Spanned<Name>, &'a mut Node)>,
    /// Valid field names that an unknown field looks like a typo of; their absence is
    /// already explained by the "did you mean" message.
    misspelt: Vec<String>,
    /// Part of it was skipped after a syntax error: absent fields are not reported.
    damaged: bool,
}

impl<'a> Record<'a> {
    /// The value of a field, taken out of the record (each field is decoded once).
    fn get(&mut self, key: &str) -> Option<&'a mut Node> {
        let i = self.fields.iter().position(|(k, _)| k.value == key)?;
        Some(self.fields.swap_remove(i).1)
    }

    /// Whether the record has this field (still to decode).
    fn has(&self, key: &str) -> bool {
        self.fields.iter().any(|(k, _)| k.value == key)
    }
}

fn type_of(node: &Node) -> ValueType {
    match &node.kind {
        NodeKind::Record { .. } => ValueType::Record,
        NodeKind::Tuple { name: Some(n), .. } if n.value == "Some" => ValueType::Optional,
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
        node: &'a mut Node,
        schema: &'static schema::Record,
        field: Option<&str>,
    ) -> Option<Record<'a>> {
        let name = schema.name;
        let pos = node.pos;
        if !matches!(&node.kind, NodeKind::Record { .. })
            && !matches!(&node.kind, NodeKind::Tuple { items, .. } if items.is_empty())
        {
            self.wrong_type(field, ValueType::Record, node);
            return None;
        }
        let (found_name, fields, damaged) = match &mut node.kind {
            NodeKind::Record { name, fields, damaged } => (&*name, fields.as_mut_slice(), *damaged),
            // `Pack()` has no fields to tell it from a tuple.
            NodeKind::Tuple { name, .. } => (&*name, &mut [][..], false),
            _ => return None,
        };
        if let Some(found) = found_name
            && found.value != name
        {
            let diag = Diagnostic::error(
                found.pos,
                DiagnosticKind::WrongRecordName { expected: name, found: found.value.to_string() },
            );
            self.diags.push(diag.with_hint(Hint::DidYouMean(name.to_string())));
        }
        let fields_read = Vec::with_capacity(fields.len());
        let mut rec = Record { name, pos, fields: fields_read, misspelt: Vec::new(), damaged };
        for (key, value) in fields.iter_mut() {
            let key = &*key;
            if !schema.has(&key.value) {
                let allowed = schema.names();
                let elsewhere = schema::records_with(key, name);
                let hint = match did_you_mean(key, allowed.iter().copied()) {
                    // A field of another record (`kind` in an `Option`) is put in the wrong
                    // place, not misspelt.
                    _ if !elsewhere.is_empty() => Hint::BelongsTo(elsewhere),
                    Some(s) => {
                        rec.misspelt.push(s.clone());
                        Hint::DidYouMean(s)
                    }
                    None => Hint::Expected(allowed),
                };
                let diag = Diagnostic::error(
                    key.pos,
                    DiagnosticKind::UnknownField { field: key.value.to_string(), record: name },
                );
                self.diags.push(diag.with_hint(hint));
            } else if let Some((first, _)) = rec.fields.iter().find(|(k, _)| k.value == key.value) {
                let diag = Diagnostic::error(
                    key.pos,
                    DiagnosticKind::DuplicateField { field: key.value.to_string() },
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
    fn text(&mut self, rec: &mut Record, field: &'static str) -> Spanned<String> {
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
    fn text_or_empty(&mut self, rec: &mut Record, field: &'static str) -> Spanned<String> {
        rec.get(field)
            .and_then(|node| self.string(node, field))
            .unwrap_or_else(|| Spanned::new(String::new(), rec.pos))
    }

    /// A text value, warning about characters that do not belong in it.
    fn string(&mut self, node: &mut Node, field: &str) -> Option<Spanned<String>> {
        match &mut node.kind {
            NodeKind::Str { value, marks } => {
                character_warnings(marks, schema::is_multiline(field), &mut self.diags);
                Some(Spanned::new(std::mem::take(value), node.pos))
            }
            _ => {
                self.wrong_type(Some(field), ValueType::Text, node);
                None
            }
        }
    }

    /// `Some(x)`, `None`, or (forgiving, but not standard RON) a bare `x`.
    fn optional_string(
        &mut self,
        rec: &mut Record,
        field: &'static str,
    ) -> Option<Spanned<String>> {
        let node = rec.get(field)?;
        let pos = node.pos;
        let is_some =
            matches!(&node.kind, NodeKind::Tuple { name: Some(n), .. } if n.value == "Some");
        match &node.kind {
            NodeKind::Word(w) if w == "None" => return None,
            NodeKind::Str { .. } => {
                let what = NonStandard::BareOptional { field: field.to_string() };
                self.diags.push(Diagnostic::warning(pos, DiagnosticKind::NotStandardRon { what }));
                return self.string(node, field);
            }
            _ if !is_some => {
                self.wrong_type(Some(field), ValueType::Optional, node);
                return None;
            }
            _ => {}
        }
        let NodeKind::Tuple { items, .. } = &mut node.kind else { return None };
        let field_name = field.to_string();
        match items.as_mut_slice() {
            [Node { kind: NodeKind::Tuple { name: Some(inner), items }, .. }]
                if inner.value == "Some" =>
            {
                self.error(pos, DiagnosticKind::SomeSome { field: field_name });
                items.first_mut().and_then(|item| self.string(item, field))
            }
            [Node { kind: NodeKind::Word(w), .. }] if w == "None" => {
                self.error(pos, DiagnosticKind::SomeNone { field: field_name });
                None
            }
            [item] => self.string(item, field),
            items => {
                let count = items.len();
                self.error(pos, DiagnosticKind::SomeCount { field: field_name, count });
                None
            }
        }
    }

    /// A list field; absent means empty. Items that fail to decode are dropped (their
    /// problems are reported).
    fn list<T>(
        &mut self,
        rec: &mut Record,
        field: &'static str,
        mut item: impl FnMut(&mut Self, &mut Node) -> Option<T>,
    ) -> Vec<T> {
        let Some(node) = rec.get(field) else { return Vec::new() };
        if !matches!(node.kind, NodeKind::List(_)) {
            self.wrong_type(Some(field), ValueType::List, node);
            return Vec::new();
        }
        let NodeKind::List(items) = &mut node.kind else { return Vec::new() };
        let mut out = Vec::with_capacity(items.len());
        out.extend(items.iter_mut().filter_map(|n| item(self, n)));
        out
    }

    /// `kind: Onderzoek` (a bare word, like an enum variant in RON).
    fn note_kind(&mut self, rec: &mut Record) -> Option<Spanned<NoteKind>> {
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
                        DiagnosticKind::UnknownNoteKind { found: w.to_string() },
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

    fn strings(&mut self, rec: &mut Record, field: &'static str) -> Vec<Spanned<String>> {
        self.list(rec, field, |d, n| d.string(n, field))
    }

    fn pack(&mut self, node: &mut Node) -> Option<Pack> {
        let mut rec = self.record(node, &schema::PACK, None)?;
        let id = self.text(&mut rec, "id");
        let version = self.version(&mut rec);
        let language = self.text(&mut rec, "language");
        let title = self.text(&mut rec, "title");
        let summary = self.text_or_empty(&mut rec, "summary");
        let authors = self.strings(&mut rec, "authors");
        let license = self.optional_string(&mut rec, "license");
        let sources = self.list(&mut rec, "sources", Self::source);
        if !rec.has("dilemmas") {
            self.missing(&rec, "dilemmas");
        }
        let dilemmas = self.list(&mut rec, "dilemmas", Self::dilemma);
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

    fn version(&mut self, rec: &mut Record) -> Spanned<u32> {
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

    fn source(&mut self, node: &mut Node) -> Option<Source> {
        let mut rec = self.record(node, &schema::SOURCE, Some("sources"))?;
        Some(Source {
            id: self.text(&mut rec, "id"),
            citation: self.text(&mut rec, "citation"),
            url: self.optional_string(&mut rec, "url"),
            pos: rec.pos,
        })
    }

    fn dilemma(&mut self, node: &mut Node) -> Option<Dilemma> {
        let mut rec = self.record(node, &schema::DILEMMA, Some("dilemmas"))?;
        let id = self.text(&mut rec, "id");
        let title = self.text(&mut rec, "title");
        let themes = self.strings(&mut rec, "themes");
        let case = self.text(&mut rec, "case");
        let question = self.text(&mut rec, "question");
        // A missing `options` list is reported by the rules as "0 werkwijzen".
        let options = self.list(&mut rec, "options", Self::werkwijze);
        let notes = self.list(&mut rec, "notes", Self::note);
        let questions = self.strings(&mut rec, "questions");
        Some(Dilemma { id, title, themes, case, question, options, notes, questions, pos: rec.pos })
    }

    fn werkwijze(&mut self, node: &mut Node) -> Option<Werkwijze> {
        let mut rec = self.record(node, &schema::OPTION, Some("options"))?;
        Some(Werkwijze {
            id: self.text(&mut rec, "id"),
            title: self.text(&mut rec, "title"),
            text: self.text(&mut rec, "text"),
            notes: self.list(&mut rec, "notes", Self::note),
            pos: rec.pos,
        })
    }

    fn note(&mut self, node: &mut Node) -> Option<Note> {
        let mut rec = self.record(node, &schema::NOTE, Some("notes"))?;
        Some(Note {
            kind: self.note_kind(&mut rec),
            as_of: self.optional_string(&mut rec, "as_of"),
            text: self.text(&mut rec, "text"),
            sources: self.strings(&mut rec, "sources"),
            pos: rec.pos,
        })
    }
}
