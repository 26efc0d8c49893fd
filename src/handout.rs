//! Handouts (`wikken handout`): dilemmas on paper for an intervisie. First, each dilemma on
//! its own page for the group — case, question, werkwijzen — and then, starting on a new
//! page, what the facilitator keeps: each dilemma's onderbouwing and notes, the sources they
//! cite in full, and the questions for the conversation.
//!
//! The handout is built once as a list of [`Block`]s and then written as Markdown or as a
//! self-contained HTML page with print styles, so both formats always hold the same text.
//! Pack texts arrive cleaned by the loader; here they are only escaped for the format.

use crate::clean::html_text;
use crate::i18n::StudioText;
use crate::pack::{Citations, Dilemma, Note, NoteKind, Pack, by_kind, paragraphs};

/// One piece of a handout, independent of the output format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
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
    /// What follows starts on a new page.
    PageBreak,
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
    let mut out = vec![Block::Title(pack.title.to_string())];
    if !pack.summary.is_empty() {
        out.push(Block::Para(pack.summary.to_string()));
    }
    for (i, d) in dilemmas.iter().enumerate() {
        if i > 0 {
            out.push(Block::PageBreak);
        }
        out.push(Block::Heading(d.title.to_string()));
        out.extend(d.case_paragraphs().into_iter().map(Block::Para));
        out.push(Block::Strong(d.question.to_string()));
        out.push(Block::Subheading(text.handout_werkwijzen.to_string()));
        out.push(Block::Numbered(
            d.options.iter().map(|o| (o.title.to_string(), folded(&o.text))).collect(),
        ));
    }
    out.push(Block::PageBreak);
    out.push(Block::Title(format!("{} — {}", text.handout_facilitator, pack.title.as_str())));
    for (i, d) in dilemmas.iter().enumerate() {
        if i > 0 {
            out.push(Block::PageBreak);
        }
        facilitator(&mut out, pack, d, text);
    }
    out
}

/// Text that may span lines, as one paragraph (its paragraphs joined by a space).
fn folded(text: &str) -> String {
    paragraphs(text).join(" ")
}

fn facilitator(out: &mut Vec<Block>, pack: &Pack, d: &Dilemma, text: &StudioText) {
    out.push(Block::Heading(d.title.to_string()));
    let mut citations = Citations::default();
    let groups = note_groups(d);
    for group in &groups {
        let title = match group.title {
            NoteGroupTitle::Werkwijze { number, title } => {
                format!("{} — {number}. {title}", text.handout_onderbouwing)
            }
            NoteGroupTitle::Kind { kind, as_of } => {
                crate::i18n::kind_heading(text.lang, kind, as_of)
            }
        };
        out.push(Block::Subheading(title));
        out.push(Block::Bullets(
            group
                .notes
                .iter()
                .map(|n| format!("{}{}", folded(&n.text), citations.marks(n)))
                .collect(),
        ));
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

/// Escapes what Markdown would read as formatting: emphasis, code and HTML anywhere, a
/// heading or quotation at the start. (A citation mark such as `[1]` stays as it is: with
/// no link after it, Markdown shows it as written.)
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    if text.starts_with(['#', '>', '+', '-']) {
        out.push('\\');
    }
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        // Emphasis, code and HTML always; link and image syntax where it would start one
        // (`](`, `]:`, `![`): a pack from a team folder must not put a link or a tracking
        // image into a handout, while citation marks like [1] stay readable.
        let escape = matches!(c, '\\' | '*' | '_' | '`' | '<')
            || (c == ']' && matches!(next, Some('(' | ':' | '[')))
            || (c == '!' && next == Some('['));
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The handout as Markdown; a page break is an HTML `<div>` that Markdown-to-PDF tools
/// (pandoc, editors' print) honour.
pub fn markdown(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        match block {
            Block::Title(t) => out.push_str(&format!("# {}\n\n", md(t))),
            Block::Heading(t) => out.push_str(&format!("## {}\n\n", md(t))),
            Block::Subheading(t) => out.push_str(&format!("### {}\n\n", md(t))),
            Block::Para(t) => out.push_str(&format!("{}\n\n", md(t))),
            Block::Strong(t) => out.push_str(&format!("**{}**\n\n", md(t))),
            Block::Numbered(items) => {
                for (i, (title, text)) in items.iter().enumerate() {
                    out.push_str(&format!("{}. **{}**  \n   {}\n", i + 1, md(title), md(text)));
                }
                out.push('\n');
            }
            Block::Bullets(items) => {
                for item in items {
                    out.push_str(&format!("- {}\n", md(item)));
                }
                out.push('\n');
            }
            Block::PageBreak => out.push_str(
                "<div style=\"break-before: page; page-break-before: always\"></div>\n\n",
            ),
        }
    }
    out
}

/// Styles for screen and print: A4 margins, a readable serif, each page break honoured,
/// headings kept with what follows them.
const CSS: &str = "\
body { font-family: Georgia, 'Times New Roman', serif; font-size: 12pt; line-height: 1.45; \
max-width: 42em; margin: 2em auto; padding: 0 1em; color: #000; }
h1 { font-size: 20pt; } h2 { font-size: 16pt; margin-top: 1.2em; } h3 { font-size: 13pt; }
h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
ol li, ul li { margin-bottom: 0.4em; break-inside: avoid; }
.page-break { break-before: page; page-break-before: always; }
@page { size: A4; margin: 2cm; }
@media print { body { margin: 0; max-width: none; } }
";

/// The handout as one HTML page with print styles; `lang` is the pack's language.
pub fn html(blocks: &[Block], lang: &str) -> String {
    let title = blocks
        .iter()
        .find_map(|b| if let Block::Title(t) = b { Some(t.as_str()) } else { None })
        .unwrap_or_default();
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n",
        html_text(lang),
        html_text(title)
    );
    for block in blocks {
        match block {
            Block::Title(t) => out.push_str(&format!("<h1>{}</h1>\n", html_text(t))),
            Block::Heading(t) => out.push_str(&format!("<h2>{}</h2>\n", html_text(t))),
            Block::Subheading(t) => out.push_str(&format!("<h3>{}</h3>\n", html_text(t))),
            Block::Para(t) => out.push_str(&format!("<p>{}</p>\n", html_text(t))),
            Block::Strong(t) => {
                out.push_str(&format!("<p><strong>{}</strong></p>\n", html_text(t)))
            }
            Block::Numbered(items) => {
                out.push_str("<ol>\n");
                for (title, text) in items {
                    out.push_str(&format!(
                        "<li><strong>{}</strong><br>{}</li>\n",
                        html_text(title),
                        html_text(text)
                    ));
                }
                out.push_str("</ol>\n");
            }
            Block::Bullets(items) => {
                out.push_str("<ul>\n");
                for item in items {
                    out.push_str(&format!("<li>{}</li>\n", html_text(item)));
                }
                out.push_str("</ul>\n");
            }
            Block::PageBreak => out.push_str("<div class=\"page-break\"></div>\n"),
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}

#[cfg(test)]
mod md_tests {
    #[test]
    fn links_and_images_from_a_pack_are_inert() {
        let evil = "[klik](javascript:alert(1)) ![pixel](https://evil.example/t.png) [a]: x [1]";
        let safe = super::md(evil);
        let raw = |s: &str| safe.match_indices(s).any(|(i, _)| !safe[..i].ends_with('\\'));
        assert!(!raw("](") && !raw("]:") && !raw("!["), "{safe}");
        assert!(safe.ends_with(" [1]"), "citation marks stay readable: {safe}");
    }
}
