//! The pack format (contract 1) declared once: every record, its fields, which are
//! required, what kind of value each holds and which texts may span lines. The decoder
//! takes its field names (for "unknown field" and "did you mean") from here, and the
//! compatibility test walks the reference `ron` crate's reading of a pack against it, so a
//! new field is added in one place and both follow.

/// What a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A text: `"…"`.
    Text,
    /// A whole number.
    Integer,
    /// `Some("…")` or `None`.
    OptionalText,
    /// A list of texts: `["…", …]`.
    Texts,
    /// A bare word from a fixed set, like an enum variant: `kind: Praktijk`.
    Word(&'static [&'static str]),
    /// A list of records.
    Records(&'static Record),
}

/// One field of a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// The name an author writes.
    pub name: &'static str,
    /// Whether a pack without it is an error.
    pub required: bool,
    /// What it holds.
    pub kind: Kind,
    /// Whether a text may span lines (the others are shown on one line).
    pub multiline: bool,
    /// Whether `wikken fmt` leaves the field out when it has no value (a note's `kind` and
    /// `as_of`, an empty `summary`); the others are always written, `None` and `[]`
    /// included, so a trainer sees every field there is to fill in.
    pub hidden_when_empty: bool,
}

/// One record type: `Pack(...)`, `Source(...)`, `Dilemma(...)`, `Option(...)`, `Note(...)`.
#[derive(Debug, PartialEq, Eq)]
pub struct Record {
    /// The record name an author writes.
    pub name: &'static str,
    /// Its fields, in the order the guide lists them.
    pub fields: &'static [Field],
}

impl Record {
    /// Whether this record has a field of this name.
    pub fn has(&self, name: &str) -> bool {
        self.fields.iter().any(|f| f.name == name)
    }

    /// The field names, for messages.
    pub fn names(&self) -> Vec<&'static str> {
        self.fields.iter().map(|f| f.name).collect()
    }

    /// A field by name.
    pub fn field(&self, name: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.name == name)
    }
}

const fn field(name: &'static str, required: bool, kind: Kind) -> Field {
    Field { name, required, kind, multiline: false, hidden_when_empty: false }
}

const fn multiline(name: &'static str, required: bool) -> Field {
    Field { name, required, kind: Kind::Text, multiline: true, hidden_when_empty: false }
}

/// An optional field that `wikken fmt` writes only when it has a value.
const fn hidden_when_empty(name: &'static str, kind: Kind) -> Field {
    Field { name, required: false, kind, multiline: false, hidden_when_empty: true }
}

/// The note kinds an author may write (see `NoteKind`).
pub const NOTE_KINDS: &[&str] = &["Onderzoek", "Praktijk", "Client", "Wet"];

/// `Note(kind: …, as_of: Some("YYYY-MM"), text: "…", sources: [...])`.
pub static NOTE: Record = Record {
    name: "Note",
    fields: &[
        // Optional for old packs (a warning); `as_of` is required for `Wet` (a rule).
        hidden_when_empty("kind", Kind::Word(NOTE_KINDS)),
        hidden_when_empty("as_of", Kind::OptionalText),
        multiline("text", true),
        field("sources", false, Kind::Texts),
    ],
};

/// `Option(id: …, title: …, text: …, notes: [...])`: a werkwijze.
pub static OPTION: Record = Record {
    name: "Option",
    fields: &[
        field("id", true, Kind::Text),
        field("title", true, Kind::Text),
        multiline("text", true),
        field("notes", false, Kind::Records(&NOTE)),
    ],
};

/// `Dilemma(...)`.
pub static DILEMMA: Record = Record {
    name: "Dilemma",
    fields: &[
        field("id", true, Kind::Text),
        field("title", true, Kind::Text),
        field("themes", false, Kind::Texts),
        multiline("case", true),
        field("question", true, Kind::Text),
        field("options", true, Kind::Records(&OPTION)),
        field("notes", false, Kind::Records(&NOTE)),
        field("questions", false, Kind::Texts),
    ],
};

/// `Source(id: …, citation: …, url: …)`.
pub static SOURCE: Record = Record {
    name: "Source",
    fields: &[
        field("id", true, Kind::Text),
        field("citation", true, Kind::Text),
        field("url", false, Kind::OptionalText),
    ],
};

/// `Pack(...)`: the whole file.
pub static PACK: Record = Record {
    name: "Pack",
    fields: &[
        field("id", true, Kind::Text),
        field("version", true, Kind::Integer),
        field("language", true, Kind::Text),
        field("title", true, Kind::Text),
        hidden_when_empty("summary", Kind::Text),
        field("authors", false, Kind::Texts),
        field("license", false, Kind::OptionalText),
        field("sources", false, Kind::Records(&SOURCE)),
        field("dilemmas", true, Kind::Records(&DILEMMA)),
    ],
};

/// Every record of the format.
pub static RECORDS: [&Record; 5] = [&PACK, &SOURCE, &DILEMMA, &OPTION, &NOTE];

/// Whether a text field of this name may span lines (a dilemma's `case`, the `text` of a
/// werkwijze or note).
pub fn is_multiline(name: &str) -> bool {
    RECORDS.iter().any(|r| r.field(name).is_some_and(|f| f.multiline))
}

/// The record of this name (`Dilemma`, …).
pub fn record(name: &str) -> Option<&'static Record> {
    RECORDS.iter().copied().find(|r| r.name == name)
}

/// Whether some record has a field of this name.
pub fn is_field(name: &str) -> bool {
    RECORDS.iter().any(|r| r.has(name))
}

/// Whether a record of this name exists.
pub fn is_record(name: &str) -> bool {
    record(name).is_some()
}

/// Whether a field of this name holds a list (of texts or records) wherever it occurs.
pub fn is_list(name: &str) -> bool {
    let kinds = RECORDS.iter().filter_map(|r| r.field(name)).map(|f| f.kind);
    let mut any = false;
    for kind in kinds {
        if !matches!(kind, Kind::Texts | Kind::Records(_)) {
            return false;
        }
        any = true;
    }
    any
}

/// The records other than `except` that have a field of this name: where a field that
/// `except` does not know belongs (`kind` belongs in a `Note`, not an `Option`).
pub fn records_with(name: &str, except: &str) -> Vec<&'static str> {
    RECORDS.iter().filter(|r| r.name != except && r.has(name)).map(|r| r.name).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_note_kinds_are_the_models() {
        let model: Vec<&str> = crate::pack::NoteKind::ALL.iter().map(|k| k.name()).collect();
        assert_eq!(model, NOTE_KINDS);
        assert!(is_multiline("case") && is_multiline("text") && !is_multiline("title"));
        assert!(is_list("options") && is_list("sources") && is_list("themes"));
        assert!(!is_list("title") && !is_list("nonsense"));
        assert_eq!(records_with("kind", "Option"), ["Note"]);
        assert!(is_record("Note") && !is_record("Some") && is_field("as_of"));
    }
}
