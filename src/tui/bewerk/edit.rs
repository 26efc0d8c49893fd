//! The pack as the form editor changes it: which record an outline row stands for
//! ([`Item`]), reading and writing a field by its schema name, and adding, removing and
//! moving records in their lists. Pure: no terminal, no disk.
//!
//! Comments are kept by the positions the model records carry (see
//! `crate::pack::format::comments`), so a record keeps its position wherever it moves and
//! takes its comments along; a record made here gets a position no file has (line 0), so
//! it never picks up someone else's comment.

use crate::pack::format::fields::{Fields, Value};
use crate::pack::schema::{self, Field, Kind, Record};
use crate::pack::{Dilemma, Note, NoteKind, Pack, Pos, Source, Spanned, Werkwijze};

/// A record of the pack, by where it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Item {
    /// The pack itself.
    Pack,
    /// A source, by index.
    Source(usize),
    /// A dilemma, by index.
    Dilemma(usize),
    /// A werkwijze: dilemma, werkwijze.
    Werkwijze(usize, usize),
    /// A note: dilemma, the werkwijze it belongs to (`None`: the dilemma's own), note.
    Note(usize, Option<usize>, usize),
}

impl Item {
    /// The schema of this record.
    pub fn schema(self) -> &'static Record {
        match self {
            Item::Pack => &schema::PACK,
            Item::Source(_) => &schema::SOURCE,
            Item::Dilemma(_) => &schema::DILEMMA,
            Item::Werkwijze(..) => &schema::OPTION,
            Item::Note(..) => &schema::NOTE,
        }
    }

    /// The dilemma it belongs to, if any.
    pub fn dilemma(self) -> Option<usize> {
        match self {
            Item::Pack | Item::Source(_) => None,
            Item::Dilemma(d) | Item::Werkwijze(d, _) | Item::Note(d, _, _) => Some(d),
        }
    }

    /// The `i`th record of this record's list field `field`.
    pub fn child(self, field: &str, i: usize) -> Option<Item> {
        Some(match (self, field) {
            (Item::Pack, "sources") => Item::Source(i),
            (Item::Pack, "dilemmas") => Item::Dilemma(i),
            (Item::Dilemma(d), "options") => Item::Werkwijze(d, i),
            (Item::Dilemma(d), "notes") => Item::Note(d, None, i),
            (Item::Werkwijze(d, o), "notes") => Item::Note(d, Some(o), i),
            _ => return None,
        })
    }

    /// The list it stands in: its parent, the parent's field and its index there.
    pub fn place(self) -> Option<(Item, &'static str, usize)> {
        Some(match self {
            Item::Pack => return None,
            Item::Source(i) => (Item::Pack, "sources", i),
            Item::Dilemma(i) => (Item::Pack, "dilemmas", i),
            Item::Werkwijze(d, i) => (Item::Dilemma(d), "options", i),
            Item::Note(d, None, i) => (Item::Dilemma(d), "notes", i),
            Item::Note(d, Some(o), i) => (Item::Werkwijze(d, o), "notes", i),
        })
    }

    /// The same record at another index of its list.
    fn at_index(self, i: usize) -> Item {
        match self {
            Item::Pack => Item::Pack,
            Item::Source(_) => Item::Source(i),
            Item::Dilemma(_) => Item::Dilemma(i),
            Item::Werkwijze(d, _) => Item::Werkwijze(d, i),
            Item::Note(d, o, _) => Item::Note(d, o, i),
        }
    }
}

/// The note `item` stands for.
pub fn note(pack: &Pack, item: Item) -> Option<&Note> {
    let Item::Note(d, o, n) = item else { return None };
    let dilemma = pack.dilemmas.get(d)?;
    match o {
        None => dilemma.notes.get(n),
        Some(o) => dilemma.options.get(o)?.notes.get(n),
    }
}

fn note_mut(pack: &mut Pack, item: Item) -> Option<&mut Note> {
    let Item::Note(d, o, n) = item else { return None };
    let dilemma = pack.dilemmas.get_mut(d)?;
    match o {
        None => dilemma.notes.get_mut(n),
        Some(o) => dilemma.options.get_mut(o)?.notes.get_mut(n),
    }
}

/// A field's value, borrowed mutably from the model, by the kind the schema gives it.
enum Slot<'a> {
    Text(&'a mut Spanned<String>),
    Integer(&'a mut Spanned<u32>),
    Optional(&'a mut Option<Spanned<String>>),
    Word(&'a mut Option<Spanned<NoteKind>>),
    Texts(&'a mut Vec<Spanned<String>>),
}

fn slot<'a>(pack: &'a mut Pack, item: Item, field: &str) -> Option<Slot<'a>> {
    use Slot::*;
    Some(match item {
        Item::Pack => match field {
            "id" => Text(&mut pack.id),
            "version" => Integer(&mut pack.version),
            "language" => Text(&mut pack.language),
            "title" => Text(&mut pack.title),
            "summary" => Text(&mut pack.summary),
            "authors" => Texts(&mut pack.authors),
            "license" => Optional(&mut pack.license),
            _ => return None,
        },
        Item::Source(i) => {
            let s = pack.sources.get_mut(i)?;
            match field {
                "id" => Text(&mut s.id),
                "citation" => Text(&mut s.citation),
                "url" => Optional(&mut s.url),
                _ => return None,
            }
        }
        Item::Dilemma(d) => {
            let x = pack.dilemmas.get_mut(d)?;
            match field {
                "id" => Text(&mut x.id),
                "title" => Text(&mut x.title),
                "themes" => Texts(&mut x.themes),
                "case" => Text(&mut x.case),
                "question" => Text(&mut x.question),
                "questions" => Texts(&mut x.questions),
                _ => return None,
            }
        }
        Item::Werkwijze(d, o) => {
            let x = pack.dilemmas.get_mut(d)?.options.get_mut(o)?;
            match field {
                "id" => Text(&mut x.id),
                "title" => Text(&mut x.title),
                "text" => Text(&mut x.text),
                _ => return None,
            }
        }
        Item::Note(..) => {
            let n = note_mut(pack, item)?;
            match field {
                "kind" => Word(&mut n.kind),
                "as_of" => Optional(&mut n.as_of),
                "text" => Text(&mut n.text),
                "sources" => Texts(&mut n.sources),
                _ => return None,
            }
        }
    })
}

/// The record `item` stands for, read by field name (the writer's view of the model).
fn record(pack: &Pack, item: Item) -> Option<&dyn Fields> {
    Some(match item {
        Item::Pack => pack,
        Item::Source(i) => pack.sources.get(i)?,
        Item::Dilemma(d) => pack.dilemmas.get(d)?,
        Item::Werkwijze(d, o) => pack.dilemmas.get(d)?.options.get(o)?,
        Item::Note(..) => note(pack, item)?,
    })
}

/// A field's value as the editor shows and edits it: a text as is, a number in digits,
/// `None` as nothing, a note kind by its name, a list of texts one per line.
pub fn field_text(pack: &Pack, item: Item, field: &str) -> String {
    let Some(record) = record(pack, item) else { return String::new() };
    match record.get(field) {
        Value::Text(s) => s.value.clone(),
        Value::Integer(n) => n.to_string(),
        Value::Optional(o) => o.map(|s| s.value.clone()).unwrap_or_default(),
        Value::Word(w) => w.unwrap_or_default().to_string(),
        Value::Texts(items) => {
            items.iter().map(|s| s.value.as_str()).collect::<Vec<_>>().join("\n")
        }
        Value::Records(_) | Value::Unknown => String::new(),
    }
}

/// The texts of a list-of-texts field (a note's sources).
pub fn field_texts(pack: &Pack, item: Item, field: &str) -> Vec<String> {
    match record(pack, item).map(|r| r.get(field)) {
        Some(Value::Texts(items)) => items.iter().map(|s| s.value.clone()).collect(),
        _ => Vec::new(),
    }
}

/// Why a typed value was not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// `version` takes a whole number.
    NotANumber,
}

/// Source of positions no file has, for records and list texts made in the editor.
#[derive(Debug, Clone, Default)]
pub struct Fresh {
    next: u32,
}

impl Fresh {
    /// A new position on line 0 (files start at line 1).
    pub fn pos(&mut self) -> Pos {
        self.next += 1;
        Pos { line: 0, col: self.next }
    }

    fn text(&mut self, value: &str) -> Spanned<String> {
        Spanned::new(value.to_string(), self.pos())
    }
}

/// Sets a field from what was typed (see [`field_text`] for the form). Entries of a list
/// of texts keep their positions, so their comments stay; an empty line is no entry.
pub fn set_field_text(
    pack: &mut Pack,
    item: Item,
    field: &str,
    text: &str,
    fresh: &mut Fresh,
) -> Result<(), Refused> {
    let Some(slot) = slot(pack, item, field) else { return Ok(()) };
    match slot {
        Slot::Text(s) => s.value = text.to_string(),
        Slot::Integer(n) => n.value = text.trim().parse().map_err(|_| Refused::NotANumber)?,
        Slot::Optional(o) => match (o.as_mut(), text.is_empty()) {
            (_, true) => *o = None,
            (Some(s), false) => s.value = text.to_string(),
            (None, false) => *o = Some(fresh.text(text)),
        },
        Slot::Word(w) => {
            let kind = NoteKind::parse(text);
            match (w.as_mut(), kind) {
                (_, None) => *w = None,
                (Some(k), Some(kind)) => k.value = kind,
                (None, Some(kind)) => *w = Some(Spanned::new(kind, fresh.pos())),
            }
        }
        Slot::Texts(items) => {
            let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
            items.truncate(lines.len());
            for (i, line) in lines.iter().enumerate() {
                match items.get_mut(i) {
                    Some(s) => s.value = (*line).to_string(),
                    None => items.push(fresh.text(line)),
                }
            }
        }
    }
    Ok(())
}

/// The schema field of `item` named `name`.
pub fn field_of(item: Item, name: &str) -> Option<&'static Field> {
    item.schema().field(name)
}

/// Whether a field is edited by choosing from a list rather than typing: a note's kind,
/// the month it was checked, and the sources it cites.
pub fn is_chosen(item: Item, field: &Field) -> bool {
    matches!(item, Item::Note(..)) && matches!(field.name, "kind" | "as_of" | "sources")
}

/// How many records a list field holds.
pub fn list_len(pack: &Pack, item: Item, field: &str) -> usize {
    match (item, field) {
        (Item::Pack, "sources") => pack.sources.len(),
        (Item::Pack, "dilemmas") => pack.dilemmas.len(),
        (Item::Dilemma(d), "options") => pack.dilemmas.get(d).map_or(0, |x| x.options.len()),
        (Item::Dilemma(d), "notes") => pack.dilemmas.get(d).map_or(0, |x| x.notes.len()),
        (Item::Werkwijze(d, o), "notes") => {
            pack.dilemmas.get(d).and_then(|x| x.options.get(o)).map_or(0, |x| x.notes.len())
        }
        _ => 0,
    }
}

/// Applies `f` to the list `field` of `parent`, whatever its record type.
fn with_list<R>(
    pack: &mut Pack,
    parent: Item,
    field: &str,
    f: impl FnOnce(&mut dyn List) -> R,
) -> Option<R> {
    Some(match (parent, field) {
        (Item::Pack, "sources") => f(&mut pack.sources),
        (Item::Pack, "dilemmas") => f(&mut pack.dilemmas),
        (Item::Dilemma(d), "options") => f(&mut pack.dilemmas.get_mut(d)?.options),
        (Item::Dilemma(d), "notes") => f(&mut pack.dilemmas.get_mut(d)?.notes),
        (Item::Werkwijze(d, o), "notes") => {
            f(&mut pack.dilemmas.get_mut(d)?.options.get_mut(o)?.notes)
        }
        _ => return None,
    })
}

/// What the editor does with a list of records.
trait List {
    fn len(&self) -> usize;
    fn remove(&mut self, i: usize);
    fn swap(&mut self, a: usize, b: usize);
    /// Inserts a new record with empty texts at `i`, with an id no record of the list has.
    fn insert_new(&mut self, i: usize, fresh: &mut Fresh);
}

/// A record the editor can make afresh.
trait Blank: Sized {
    /// A new record with empty texts for `list`, with an id none of its records has.
    fn blank(list: &[Self], fresh: &mut Fresh) -> Self;
}

impl<T: Blank> List for Vec<T> {
    fn len(&self) -> usize {
        <[T]>::len(self)
    }
    fn remove(&mut self, i: usize) {
        if i < self.len() {
            Vec::remove(self, i);
        }
    }
    fn swap(&mut self, a: usize, b: usize) {
        if a < self.len() && b < self.len() {
            <[T]>::swap(self, a, b);
        }
    }
    fn insert_new(&mut self, i: usize, fresh: &mut Fresh) {
        let record = T::blank(self, fresh);
        self.insert(i.min(self.len()), record);
    }
}

/// The first id `prefix-N` (N from `from`) that none of `used` has; a bare letter series
/// (`a`, `b`, …) when `prefix` is empty.
fn unused_id<'a>(used: impl Iterator<Item = &'a str> + Clone, prefix: &str, from: usize) -> String {
    let candidate = |n: usize| {
        if prefix.is_empty() && n < 26 {
            char::from(b'a' + u8::try_from(n).unwrap_or(0)).to_string()
        } else if prefix.is_empty() {
            format!("werkwijze-{}", n + 1)
        } else {
            format!("{prefix}-{n}")
        }
    };
    (from..).map(candidate).find(|id| !used.clone().any(|u| u == id)).unwrap_or_default()
}

impl Blank for Source {
    fn blank(list: &[Self], fresh: &mut Fresh) -> Self {
        let id = unused_id(list.iter().map(|s| s.id.as_str()), "bron", list.len() + 1);
        Source { id: fresh.text(&id), citation: fresh.text(""), url: None, pos: fresh.pos() }
    }
}

impl Blank for Werkwijze {
    fn blank(list: &[Self], fresh: &mut Fresh) -> Self {
        let id = unused_id(list.iter().map(|o| o.id.as_str()), "", list.len());
        Werkwijze {
            id: fresh.text(&id),
            title: fresh.text(""),
            text: fresh.text(""),
            notes: Vec::new(),
            pos: fresh.pos(),
        }
    }
}

impl Blank for Note {
    fn blank(_: &[Self], fresh: &mut Fresh) -> Self {
        Note {
            kind: None,
            as_of: None,
            text: fresh.text(""),
            sources: Vec::new(),
            pos: fresh.pos(),
        }
    }
}

impl Blank for Dilemma {
    fn blank(list: &[Self], fresh: &mut Fresh) -> Self {
        let id = unused_id(list.iter().map(|d| d.id.as_str()), "dilemma", list.len() + 1);
        let mut options = Vec::new();
        for _ in 0..*crate::pack::OPTION_RANGE.start() {
            let option = Werkwijze::blank(&options, fresh);
            options.push(option);
        }
        Dilemma {
            id: fresh.text(&id),
            title: fresh.text(""),
            themes: Vec::new(),
            case: fresh.text(""),
            question: fresh.text(""),
            options,
            notes: Vec::new(),
            questions: Vec::new(),
            pos: fresh.pos(),
        }
    }
}

/// Adds a new record to the list `field` of `parent` at `at` (clamped to its end); the new
/// record's item.
pub fn add(
    pack: &mut Pack,
    parent: Item,
    field: &str,
    at: usize,
    fresh: &mut Fresh,
) -> Option<Item> {
    let at = with_list(pack, parent, field, |list| {
        let at = at.min(list.len());
        list.insert_new(at, fresh);
        at
    })?;
    parent.child(field, at)
}

/// Removes `item` from its list; the item to stand on afterwards (the one now in its place,
/// the one before it, or the list's parent).
pub fn remove(pack: &mut Pack, item: Item) -> Option<Item> {
    let (parent, field, i) = item.place()?;
    let left = with_list(pack, parent, field, |list| {
        list.remove(i);
        list.len()
    })?;
    Some(match left {
        0 => parent,
        n => item.at_index(i.min(n - 1)),
    })
}

/// Moves `item` one place up (`by` = -1) or down (1) in its list; where it stands now.
pub fn shift(pack: &mut Pack, item: Item, by: isize) -> Option<Item> {
    let (parent, field, i) = item.place()?;
    let j = i.checked_add_signed(by)?;
    let moved = with_list(pack, parent, field, |list| {
        if j < list.len() {
            list.swap(i, j);
            true
        } else {
            false
        }
    })?;
    moved.then(|| item.at_index(j))
}

/// Whether a list field of `item` holds records (a heading row in the outline).
pub fn is_record_list(field: &Field) -> bool {
    matches!(field.kind, Kind::Records(_))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pack() -> Pack {
        crate::pack::read_with_comments(&crate::pack::starter_pack("x")).expect("starter").0
    }

    #[test]
    fn fields_read_and_write_by_schema_name() {
        let mut pack = pack();
        let mut fresh = Fresh::default();
        assert_eq!(field_text(&pack, Item::Pack, "version"), "1");
        assert_eq!(
            set_field_text(&mut pack, Item::Pack, "version", "x", &mut fresh),
            Err(Refused::NotANumber)
        );
        set_field_text(&mut pack, Item::Pack, "authors", "A\n\nB\n", &mut fresh).expect("set");
        assert_eq!(field_text(&pack, Item::Pack, "authors"), "A\nB");
        set_field_text(&mut pack, Item::Pack, "license", "", &mut fresh).expect("set");
        assert!(pack.license.is_none());
        let note = Item::Note(0, None, 0);
        assert_eq!(field_text(&pack, note, "kind"), "Wet");
        set_field_text(&mut pack, note, "kind", "Client", &mut fresh).expect("set");
        assert_eq!(self::note(&pack, note).and_then(Note::kind), Some(NoteKind::Client));
    }

    #[test]
    fn records_are_added_removed_and_moved_in_their_lists() {
        let mut pack = pack();
        let mut fresh = Fresh::default();
        let new = add(&mut pack, Item::Pack, "dilemmas", 1, &mut fresh).expect("added");
        assert_eq!(new, Item::Dilemma(1));
        assert_eq!(pack.dilemmas[1].id.as_str(), "dilemma-2");
        assert_eq!(pack.dilemmas[1].options.len(), 2);
        assert_eq!(pack.dilemmas[1].options[1].id.as_str(), "b");
        assert_eq!(shift(&mut pack, new, -1), Some(Item::Dilemma(0)));
        assert_eq!(pack.dilemmas[0].id.as_str(), "dilemma-2");
        assert_eq!(shift(&mut pack, Item::Dilemma(0), -1), None);
        assert_eq!(remove(&mut pack, Item::Dilemma(0)), Some(Item::Dilemma(0)));
        assert_eq!(pack.dilemmas[0].id.as_str(), "hardheidsclausule");
        assert_eq!(remove(&mut pack, Item::Dilemma(0)), Some(Item::Pack));
    }
}
