//! The pack model: what a trainer writes in a `.ron` file, with positions kept.
//!
//! Field names follow contract 1 in `design.md`. The RON record `Option` (a werkwijze) is
//! [`Werkwijze`] here, so it does not shadow `std::option::Option`.

use super::span::{Pos, Spanned};

/// A dilemma pack: one `.ron` file.
#[derive(Debug, Clone, PartialEq)]
pub struct Pack {
    /// Slug, unique among loaded packs.
    pub id: Spanned<String>,
    /// Bumped when options change meaning; answers are stored with it.
    pub version: Spanned<u32>,
    /// BCP 47 language tag of the content.
    pub language: Spanned<String>,
    /// Title shown on the home screen.
    pub title: Spanned<String>,
    /// One-line description.
    pub summary: Spanned<String>,
    /// Who wrote it.
    pub authors: Vec<Spanned<String>>,
    /// Licence of the content, if stated.
    pub license: Option<Spanned<String>>,
    /// Publications and works the notes cite.
    pub sources: Vec<Source>,
    /// The dilemmas, in the author's order.
    pub dilemmas: Vec<Dilemma>,
    /// Where the pack record starts.
    pub pos: Pos,
}

/// A work cited by notes.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// Slug, unique within the pack; notes refer to it.
    pub id: Spanned<String>,
    /// Full reference as it should be printed.
    pub citation: Spanned<String>,
    /// Optional web address.
    pub url: Option<Spanned<String>>,
    /// Where the record starts.
    pub pos: Pos,
}

/// One dilemma: a case, a question and the werkwijzen to choose from.
#[derive(Debug, Clone, PartialEq)]
pub struct Dilemma {
    /// Slug, unique within the pack.
    pub id: Spanned<String>,
    /// Short title.
    pub title: Spanned<String>,
    /// Theme tags, for filtering.
    pub themes: Vec<Spanned<String>>,
    /// The situation; a blank line starts a new paragraph.
    pub case: Spanned<String>,
    /// The question put to the reader.
    pub question: Spanned<String>,
    /// The werkwijzen, 2 to 6.
    pub options: Vec<Werkwijze>,
    /// Research notes shown in the spiegel.
    pub notes: Vec<Note>,
    /// Intervisie prompts.
    pub questions: Vec<Spanned<String>>,
    /// Where the record starts.
    pub pos: Pos,
}

/// A werkwijze (RON: `Option`): one defensible way of acting, with its onderbouwing.
#[derive(Debug, Clone, PartialEq)]
pub struct Werkwijze {
    /// Slug, unique within the dilemma; answers store this, never a position.
    pub id: Spanned<String>,
    /// Short title.
    pub title: Spanned<String>,
    /// What you would do.
    pub text: Spanned<String>,
    /// Its onderbouwing.
    pub notes: Vec<Note>,
    /// Where the record starts.
    pub pos: Pos,
}

/// What kind of knowledge a note brings (contract 1). Evidence-based practice weighs
/// research, the practice experience of professionals and what clients need (seed 002,
/// §3.5), and the law besides; the spiegel groups notes by kind and never calls a practice
/// story "onderzoek".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NoteKind {
    /// Studies, evaluations, data.
    Onderzoek,
    /// What professionals, managers and organisations report: interviews, magazine pieces,
    /// talks.
    Praktijk,
    /// What clients say or need.
    Client,
    /// Law, regulation, case law; dated with `as_of`.
    Wet,
}

impl NoteKind {
    /// Every kind, in the order the spiegel shows them.
    pub const ALL: [NoteKind; 4] =
        [NoteKind::Onderzoek, NoteKind::Praktijk, NoteKind::Client, NoteKind::Wet];

    /// The name an author writes (`kind: Praktijk`).
    pub fn name(self) -> &'static str {
        match self {
            NoteKind::Onderzoek => "Onderzoek",
            NoteKind::Praktijk => "Praktijk",
            NoteKind::Client => "Client",
            NoteKind::Wet => "Wet",
        }
    }

    /// The kind an author wrote, if it is one.
    pub fn parse(name: &str) -> Option<NoteKind> {
        NoteKind::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// A paraphrase of research, practice, clients' words or the law, with its sources.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    /// What kind of knowledge it is; optional for old packs (a warning).
    pub kind: Option<Spanned<NoteKind>>,
    /// For a `Wet` note: when the statement was last checked, `YYYY-MM`.
    pub as_of: Option<Spanned<String>>,
    /// The note.
    pub text: Spanned<String>,
    /// Ids of sources in the pack.
    pub sources: Vec<Spanned<String>>,
    /// Where the record starts.
    pub pos: Pos,
}

/// Cleans a one-line text in place: line breaks typed in it fold into one space, a tab is a
/// space (see `crate::clean::one_line`).
fn clean_line(s: &mut Spanned<String>) {
    if let std::borrow::Cow::Owned(clean) = crate::clean::one_line(&s.value) {
        s.value = clean;
    }
}

/// Cleans a text that may span lines in place (see `crate::clean::text`) and folds its
/// line breaks as the guide says (see [`super::prose::fold`]): every view then shows
/// paragraphs and lists, and no hard break the author only typed to wrap a line.
fn clean_text(s: &mut Spanned<String>) {
    s.value = super::prose::fold(&crate::clean::text(&s.value));
}

/// Notes grouped by kind, in the order the spiegel shows them (Onderzoek, Praktijk, Client,
/// Wet), notes without a kind (old packs) last; empty groups are left out.
pub fn by_kind(notes: &[Note]) -> Vec<(Option<NoteKind>, Vec<&Note>)> {
    let kinds = NoteKind::ALL.into_iter().map(Some).chain([None]);
    kinds
        .map(|kind| {
            (kind, notes.iter().filter(|n| n.kind.as_ref().map(|k| k.value) == kind).collect())
        })
        .filter(|(_, group): &(Option<NoteKind>, Vec<&Note>)| !group.is_empty())
        .collect()
}

impl Note {
    /// The kind, if the author gave one.
    pub fn kind(&self) -> Option<NoteKind> {
        self.kind.as_ref().map(|k| k.value)
    }

    fn clean(&mut self) {
        clean_text(&mut self.text);
        self.as_of.iter_mut().for_each(clean_line);
        self.sources.iter_mut().for_each(clean_line);
    }
}

impl Pack {
    /// Makes every text safe for a terminal: control and text-direction characters become
    /// U+FFFD; a one-line text's line breaks become spaces, and the texts that may span
    /// lines (case, option and note text) keep only the breaks the guide gives meaning: a
    /// blank line between paragraphs and a line per list item. The loader calls this after checking, so whatever a pack file contains, the
    /// trainer, a session or a command never sees a raw escape sequence; `wikken check`
    /// has already warned about each character where it was written.
    pub(crate) fn clean(&mut self) {
        clean_line(&mut self.id);
        clean_line(&mut self.language);
        clean_line(&mut self.title);
        clean_line(&mut self.summary);
        self.authors.iter_mut().for_each(clean_line);
        self.license.iter_mut().for_each(clean_line);
        for source in &mut self.sources {
            clean_line(&mut source.id);
            clean_line(&mut source.citation);
            source.url.iter_mut().for_each(clean_line);
        }
        for dilemma in &mut self.dilemmas {
            clean_line(&mut dilemma.id);
            clean_line(&mut dilemma.title);
            dilemma.themes.iter_mut().for_each(clean_line);
            clean_text(&mut dilemma.case);
            clean_line(&mut dilemma.question);
            for option in &mut dilemma.options {
                clean_line(&mut option.id);
                clean_line(&mut option.title);
                clean_text(&mut option.text);
                option.notes.iter_mut().for_each(Note::clean);
            }
            dilemma.notes.iter_mut().for_each(Note::clean);
            dilemma.questions.iter_mut().for_each(clean_line);
        }
    }

    /// The dilemma with this id.
    pub fn dilemma(&self, id: &str) -> Option<&Dilemma> {
        self.dilemmas.iter().find(|d| d.id.as_str() == id)
    }

    /// The source with this id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id.as_str() == id)
    }

    /// Every theme used in the pack, sorted and without repeats.
    pub fn themes(&self) -> Vec<&str> {
        let mut themes: Vec<&str> =
            self.dilemmas.iter().flat_map(|d| d.themes.iter().map(|t| t.as_str())).collect();
        themes.sort_unstable();
        themes.dedup();
        themes
    }
}

impl Dilemma {
    /// The werkwijze with this id.
    pub fn option(&self, id: &str) -> Option<&Werkwijze> {
        self.options.iter().find(|o| o.id.as_str() == id)
    }

    /// The case split into paragraphs at blank lines, each with its line breaks folded; a
    /// list is one block with one `- item` line per item (see [`super::prose::paragraphs`]).
    pub fn case_paragraphs(&self) -> Vec<String> {
        super::prose::paragraphs(&self.case)
    }
}
