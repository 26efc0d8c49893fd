//! Where each comment of a pack belongs, so the writer puts it back where it stood: before
//! the field, list entry or closing bracket it precedes, or at the end of the line of the
//! value it follows. Places are keyed by the positions the model keeps (a record's start,
//! a text's start), so a record that moves in an editor takes its comments along.
//!
//! A comment inside a value (`license: Some(/* ? */ "…")`) has no place of its own: it is
//! put at the end of that field's line and reported, never dropped.

use std::collections::BTreeMap;

use crate::pack::schema::{self, Kind, Record};
use crate::pack::span::Pos;
use crate::pack::syntax::{Comment, Node, NodeKind};

/// A place in a pack that comments are kept at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Anchor {
    /// A field of the record that starts at `record`.
    Field {
        /// Where the record starts.
        record: Pos,
        /// The field.
        field: &'static str,
    },
    /// An entry of a list (a record or a text), by where it starts.
    Item(Pos),
    /// The closing bracket of the record that starts at `record` (`field: None`), or of its
    /// list field.
    End {
        /// Where the record starts.
        record: Pos,
        /// The list field, or `None` for the record itself.
        field: Option<&'static str>,
    },
    /// After the pack's closing parenthesis.
    FileEnd,
}

/// Which side of its anchor a comment stands on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Side {
    /// On lines of its own before it.
    Before,
    /// At the end of its line.
    After,
}

/// The comments of a pack, each at its place.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Comments {
    placed: BTreeMap<(Anchor, Side), Vec<String>>,
    moved: Vec<Pos>,
}

impl Comments {
    /// The comments at one side of a place, in file order.
    pub fn at(&self, anchor: Anchor, side: Side) -> &[String] {
        self.placed.get(&(anchor, side)).map_or(&[], Vec::as_slice)
    }

    /// Where the comments are (in the file they were read from) that stood inside a value
    /// and are written at the end of that value's line instead.
    pub fn moved(&self) -> &[Pos] {
        &self.moved
    }

    /// How many comments there are.
    pub fn len(&self) -> usize {
        self.placed.values().map(Vec::len).sum()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.placed.is_empty()
    }

    /// Every comment text, in the order of their places.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.placed.values().flatten().map(String::as_str)
    }

    /// Places the `comments` of a file whose pack is `root`.
    pub(crate) fn attach(root: &Node, comments: &[Comment]) -> Comments {
        let file = Container {
            open: Pos::START,
            close: Pos { line: u32::MAX, col: u32::MAX },
            end: Anchor::FileEnd,
            children: vec![Child {
                start: root.pos,
                end: root.end,
                anchor: Anchor::Item(root.pos),
                inner: record(root, &schema::PACK),
            }],
        };
        let mut out = Comments::default();
        for comment in comments {
            let (anchor, side, moved) = file.place(comment);
            out.placed.entry((anchor, side)).or_default().push(comment.text.clone());
            if moved {
                out.moved.push(comment.pos);
            }
        }
        out
    }
}

/// A record or list of the file, with the spans of what it holds.
struct Container {
    /// Where it starts (a record's name or `(`, a list's `[`) and ends.
    open: Pos,
    close: Pos,
    /// The place before its closing bracket.
    end: Anchor,
    children: Vec<Child>,
}

/// A field of a record, or an entry of a list.
struct Child {
    start: Pos,
    end: Pos,
    anchor: Anchor,
    /// The record or list it holds, if its comments have places inside.
    inner: Option<Container>,
}

/// The record `node` (of the type `schema`), if it is one.
fn record(node: &Node, schema: &'static Record) -> Option<Container> {
    let fields = match &node.kind {
        NodeKind::Record { fields, .. } => fields.as_slice(),
        NodeKind::Tuple { .. } => &[],
        _ => return None,
    };
    let children = fields
        .iter()
        .filter_map(|(key, value)| {
            let field = schema.field(key)?;
            let inner = match field.kind {
                Kind::Records(items) => list(value, node.pos, field.name, Some(items)),
                Kind::Texts => list(value, node.pos, field.name, None),
                _ => None,
            };
            let anchor = Anchor::Field { record: node.pos, field: field.name };
            Some(Child { start: key.pos, end: value.end, anchor, inner })
        })
        .collect();
    Some(Container {
        open: node.pos,
        close: node.end,
        end: Anchor::End { record: node.pos, field: None },
        children,
    })
}

/// The list `node` of the field `field` of the record at `record`; `items` is the schema
/// of its records (`None` for a list of texts).
fn list(
    node: &Node,
    record: Pos,
    field: &'static str,
    items: Option<&'static Record>,
) -> Option<Container> {
    let NodeKind::List(entries) = &node.kind else { return None };
    let children = entries
        .iter()
        .map(|entry| Child {
            start: entry.pos,
            end: entry.end,
            anchor: Anchor::Item(entry.pos),
            inner: items.and_then(|schema| self::record(entry, schema)),
        })
        .collect();
    Some(Container {
        open: node.pos,
        close: node.end,
        end: Anchor::End { record, field: Some(field) },
        children,
    })
}

impl Container {
    /// Where `comment` belongs in this container, and whether it had to be moved out of a
    /// value to get a place.
    fn place(&self, comment: &Comment) -> (Anchor, Side, bool) {
        let at = comment.pos;
        if let Some(child) = self.children.iter().find(|c| c.start <= at && at < c.end) {
            return match &child.inner {
                Some(inner) if inner.open <= at && at < inner.close => inner.place(comment),
                _ => (child.anchor, Side::After, true),
            };
        }
        let next = self.children.iter().find(|c| c.start > at);
        if !comment.own_line
            && let Some(before) =
                self.children.iter().rev().find(|c| c.end <= at && c.end.line == at.line)
        {
            return (before.anchor, Side::After, false);
        }
        match next {
            Some(child) => (child.anchor, Side::Before, false),
            None => (self.end, Side::Before, false),
        }
    }
}
