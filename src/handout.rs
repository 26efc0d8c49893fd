//! Handouts (`wikken handout`): dilemmas on paper for an intervisie, to print as they are.
//! First each dilemma on its own page for the group — case, question, werkwijzen, and
//! space to write one's choice and reason — then, each on new pages, what the facilitator
//! keeps: each werkwijze's onderbouwing with its notes' kinds (and a Wet note's date), the
//! dilemma's own notes by kind, the sources they cite in full, and the questions for the
//! conversation. Every facilitator page says so in its header, so a shuffled stack never
//! hands out the answers; every page is numbered.
//!
//! The handout is built once as a list of [`Block`]s and then written as Markdown or as a
//! self-contained HTML page with print styles, so both formats always hold the same text.
//! Pack texts arrive cleaned by the loader; here they are only escaped for the format.

use crate::i18n::StudioText;
use crate::pack::{Citations, Dilemma, Note, NoteKind, Pack, TextBlock, by_kind, text_blocks};

/// Who a part of the handout is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// The group: the dilemmas as participants see them.
    Group,
    /// The facilitator: onderbouwing, notes, sources, questions. Never to hand out.
    Facilitator,
}

/// One piece of a handout, independent of the output format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A part that starts on a new page, for this audience (every page of a facilitator
    /// part is marked as such).
    Part(Audience),
    /// The document's title.
    Title(String),
    /// A section heading (a dilemma's title).
    Heading(String),
    /// A sub-heading inside a section.
    Subheading(String),
    /// A paragraph.
    Para(String),
    /// A paragraph in bold: the question.
    Strong(String),
    /// Numbered items: a title in bold, then its text.
    Numbered(Vec<(String, String)>),
    /// A bullet list.
    Bullets(Vec<String>),
    /// A bullet list whose items each start with a label in bold (a note's kind).
    Labelled(Vec<(String, String)>),
    /// A line to write on after a label (`lines` ruled lines below it when more than one).
    WriteIn {
        /// What to write: "Mijn keuze", "Waarom".
        label: String,
        /// How many lines.
        lines: usize,
    },
}

/// A heading over a group of a dilemma's notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteGroupTitle<'a> {
    /// The onderbouwing of the werkwijze with this number and title.
    Werkwijze {
        /// Its number in the handout (file order, from 1).
        number: usize,
        /// Its title.
        title: &'a str,
    },
    /// The dilemma's own notes of one kind of knowledge (contract 1); `as_of` is the oldest
    /// date among a group of Wet notes.
    Kind {
        /// The kind; `None` for notes of old packs without one.
        kind: Option<NoteKind>,
        /// For Wet notes: when they were checked.
        as_of: Option<&'a str>,
    },
}

/// Notes under one heading.
#[derive(Debug, Clone, PartialEq)]
pub struct NoteGroup<'a> {
    /// What the notes are.
    pub title: NoteGroupTitle<'a>,
    /// The notes, in file order.
    pub notes: Vec<&'a Note>,
}

/// A dilemma's notes for the facilitator, in the groups a handout shows them in: the
/// onderbouwing of each werkwijze, then the dilemma's own notes by kind of knowledge
/// (research, practice, clients, the law), as the spiegel shows them. This is the one place
/// that decides the grouping. Empty groups are left out.
pub fn note_groups(d: &Dilemma) -> Vec<NoteGroup<'_>> {
    let mut groups: Vec<NoteGroup> = d
        .options
        .iter()
        .enumerate()
        .map(|(i, o)| NoteGroup {
            title: NoteGroupTitle::Werkwijze { number: i + 1, title: o.title.as_str() },
            notes: o.notes.iter().collect(),
        })
        .collect();
    for (kind, notes) in by_kind(&d.notes) {
        let as_of = crate::practice::checked_as_of(kind, &notes);
        groups.push(NoteGroup { title: NoteGroupTitle::Kind { kind, as_of }, notes });
    }
    groups.retain(|g| !g.notes.is_empty());
    groups
}

/// The handout of `dilemmas` from `pack`, as blocks.
pub fn blocks(pack: &Pack, dilemmas: &[&Dilemma], text: &StudioText) -> Vec<Block> {
    let mut out = Vec::new();
    for (i, d) in dilemmas.iter().enumerate() {
        out.push(Block::Part(Audience::Group));
        if i == 0 {
            out.push(Block::Title(pack.title.to_string()));
            if !pack.summary.is_empty() {
                out.push(Block::Para(pack.summary.to_string()));
            }
        }
        out.push(Block::Heading(d.title.to_string()));
        for block in text_blocks(&d.case) {
            out.push(match block {
                TextBlock::Paragraph(p) => Block::Para(p),
                TextBlock::List(items) => Block::Bullets(items),
            });
        }
        out.push(Block::Strong(d.question.to_string()));
        out.push(Block::Subheading(text.handout_werkwijzen.to_string()));
        out.push(Block::Numbered(
            d.options.iter().map(|o| (o.title.to_string(), one_paragraph(&o.text))).collect(),
        ));
        out.push(Block::WriteIn { label: text.handout_choice.to_string(), lines: 1 });
        out.push(Block::WriteIn { label: text.handout_reason.to_string(), lines: 5 });
    }
    for (i, d) in dilemmas.iter().enumerate() {
        out.push(Block::Part(Audience::Facilitator));
        if i == 0 {
            out.push(Block::Title(format!(
                "{} — {}",
                text.handout_facilitator,
                pack.title.as_str()
            )));
        }
        facilitator(&mut out, pack, d, text);
    }
    out
}

/// A text that may span paragraphs and lists, on one line (a werkwijze's or note's text in
/// a list item): its blocks joined, list items after a dash.
fn one_paragraph(text: &str) -> String {
    let blocks: Vec<String> = text_blocks(text)
        .into_iter()
        .map(|b| match b {
            TextBlock::Paragraph(p) => p,
            TextBlock::List(items) => format!("– {}", items.join(" – ")),
        })
        .collect();
    blocks.join(" ")
}

/// A note as one line, with the marks of the sources it cites.
fn note<'p>(n: &'p Note, citations: &mut Citations<'p>) -> String {
    format!("{}{}", one_paragraph(&n.text), citations.marks(n))
}

fn facilitator(out: &mut Vec<Block>, pack: &Pack, d: &Dilemma, text: &StudioText) {
    out.push(Block::Heading(d.title.to_string()));
    let mut citations = Citations::default();
    let groups = note_groups(d);
    let lang = text.lang;
    for group in &groups {
        match group.title {
            NoteGroupTitle::Werkwijze { number, title } => {
                out.push(Block::Subheading(format!(
                    "{} — {number}. {title}",
                    text.handout_onderbouwing
                )));
                // Each note says what kind of knowledge it is, and a Wet note its date.
                let items = group.notes.iter().map(|n| {
                    let as_of = n.as_of.as_ref().map(|a| a.as_str());
                    (crate::i18n::kind_heading(lang, n.kind(), as_of), note(n, &mut citations))
                });
                out.push(Block::Labelled(items.collect()));
            }
            NoteGroupTitle::Kind { kind, as_of } => {
                out.push(Block::Subheading(crate::i18n::kind_heading(lang, kind, as_of)));
                let items = group.notes.iter().map(|n| note(n, &mut citations));
                out.push(Block::Bullets(items.collect()));
            }
        }
    }
    if groups.is_empty() {
        out.push(Block::Para(text.handout_no_onderbouwing.to_string()));
    }
    if !citations.order.is_empty() {
        out.push(Block::Subheading(text.handout_sources.to_string()));
        out.push(Block::Bullets(
            citations
                .order
                .iter()
                .enumerate()
                .filter_map(|(n, id)| {
                    let source = pack.source(id)?;
                    let url = source.url.as_ref().map(|u| format!(" {}", u.as_str()));
                    Some(format!(
                        "[{}] {}{}",
                        n + 1,
                        source.citation.as_str(),
                        url.unwrap_or_default()
                    ))
                })
                .collect(),
        ));
    }
    if !d.questions.is_empty() {
        out.push(Block::Subheading(text.handout_questions.to_string()));
        out.push(Block::Bullets(d.questions.iter().map(|q| q.to_string()).collect()));
    }
}

mod render;

pub use render::{html, markdown};
