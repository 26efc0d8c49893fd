//! A handout's blocks as Markdown, or as one HTML page to print as it is: A4 pages
//! numbered `n / N` at the foot, each part on new pages, every facilitator page marked in
//! its header, headings kept with what follows and no list leaving one item alone on a
//! page.

use super::{Audience, Block};
use crate::clean::html_text;
use crate::i18n::StudioText;

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

/// A line to write on, in Markdown: escaped underscores, shown as a line.
const MD_LINE: &str = "\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_";

/// The handout as Markdown. A new part starts with an HTML `<div>` page break that
/// Markdown-to-PDF tools (pandoc, editors' print) honour, and a facilitator part with the
/// line that says it is not to be handed out.
pub fn markdown(blocks: &[Block], text: &StudioText) -> String {
    let mut out = String::new();
    let mut first = true;
    for block in blocks {
        match block {
            Block::Part(audience) => {
                if !first {
                    out.push_str(
                        "<div style=\"break-before: page; page-break-before: always\"></div>\n\n",
                    );
                }
                first = false;
                if *audience == Audience::Facilitator {
                    out.push_str(&format!("**{}**\n\n", md(text.handout_not_to_hand_out)));
                }
            }
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
            Block::Labelled(items) => {
                for (label, item) in items {
                    out.push_str(&format!("- **{}:** {}\n", md(label), md(item)));
                }
                out.push('\n');
            }
            Block::WriteIn { label, lines } => {
                out.push_str(&format!("**{}:**", md(label)));
                if *lines <= 1 {
                    out.push_str(&format!(" {MD_LINE}\n\n"));
                } else {
                    out.push_str("\n\n");
                    for _ in 0..*lines {
                        out.push_str(&format!("{MD_LINE}\n\n"));
                    }
                }
            }
        }
    }
    out
}

/// A text as a CSS string, for the page header.
fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Styles for screen and print. Each part is a `<section>` that starts a page; a
/// facilitator part is printed on the named page `facilitator`, whose header says it is not
/// to be handed out (on every page of it, however long it runs). Pages are numbered at the
/// foot. A heading stands in one unbreakable block with the start of what follows it, and
/// a list keeps its first two and last two items together, so no page holds only a heading
/// or only one item of a list.
const CSS: &str = "\
body { font-family: Georgia, 'Times New Roman', serif; font-size: 12pt; line-height: 1.45; \
max-width: 42em; margin: 2em auto; padding: 0 1em; color: #000; }
h1 { font-size: 20pt; } h2 { font-size: 16pt; margin-top: 1.2em; } h3 { font-size: 13pt; }
h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
section + section { break-before: page; page-break-before: always; }
section.facilitator { page: facilitator; }
.keep { break-inside: avoid; page-break-inside: avoid; }
li { margin-bottom: 0.4em; break-inside: avoid; page-break-inside: avoid; }
ul.head, ol.head, ul.mid, ol.mid { margin-bottom: 0; }
ul.mid, ol.mid, ul.tail, ol.tail { margin-top: 0; }
.who { font-weight: bold; border: 1px solid #000; padding: 0.2em 0.5em; display: inline-block; }
.write { margin-top: 1.2em; }
.write p { margin: 0.6em 0 0; }
.write .line { border-bottom: 1px solid #000; height: 1.9em; }
@media print { body { margin: 0; max-width: none; padding: 0; } }
";

/// The page rules: A4, the page number at the foot, the facilitator's header.
fn page_css(text: &StudioText) -> String {
    format!(
        "@page {{ size: A4; margin: 2cm 2cm 2.2cm; \
         @bottom-center {{ content: counter(page) \" / \" counter(pages); \
         font: 9pt Georgia, serif; }} }}\n\
         @page facilitator {{ @top-center {{ content: {}; font: bold 10pt Georgia, serif; }} }}\n",
        css_string(text.handout_not_to_hand_out)
    )
}

/// The handout as one HTML page with print styles; `lang` is the pack's language, `text`
/// the interface's.
pub fn html(blocks: &[Block], lang: &str, text: &StudioText) -> String {
    let title = blocks
        .iter()
        .find_map(|b| if let Block::Title(t) = b { Some(t.as_str()) } else { None })
        .unwrap_or_default();
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\n{CSS}{}</style>\n</head>\n<body>\n",
        html_text(lang),
        html_text(title),
        page_css(text),
    );
    let mut page = Page { out: &mut out, pending: String::new(), open: false };
    for block in blocks {
        page.block(block, text);
    }
    page.close();
    out.push_str("</body>\n</html>\n");
    out
}

/// Writes the blocks of one section, holding headings back until the block they head.
struct Page<'a> {
    out: &'a mut String,
    /// Headings not yet written: they go into the block of what follows them.
    pending: String,
    /// Whether a `<section>` is open.
    open: bool,
}

impl Page<'_> {
    fn close(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        self.out.push_str(&pending);
        if self.open {
            self.out.push_str("</section>\n");
        }
        self.open = false;
    }

    /// A block that must not be broken, with the headings before it.
    fn keep(&mut self, body: &str) {
        let pending = std::mem::take(&mut self.pending);
        self.out.push_str(&format!("<div class=\"keep\">\n{pending}{body}</div>\n"));
    }

    fn block(&mut self, block: &Block, text: &StudioText) {
        match block {
            Block::Part(audience) => {
                self.close();
                let class = match audience {
                    Audience::Group => "group",
                    Audience::Facilitator => "facilitator",
                };
                self.out.push_str(&format!("<section class=\"{class}\">\n"));
                if *audience == Audience::Facilitator {
                    let who = html_text(text.handout_not_to_hand_out);
                    self.out.push_str(&format!("<p class=\"who\">{who}</p>\n"));
                }
                self.open = true;
            }
            Block::Title(t) => self.pending.push_str(&format!("<h1>{}</h1>\n", html_text(t))),
            Block::Heading(t) => self.pending.push_str(&format!("<h2>{}</h2>\n", html_text(t))),
            Block::Subheading(t) => {
                self.pending.push_str(&format!("<h3>{}</h3>\n", html_text(t)));
            }
            Block::Para(t) => self.keep(&format!("<p>{}</p>\n", html_text(t))),
            Block::Strong(t) => {
                self.keep(&format!("<p><strong>{}</strong></p>\n", html_text(t)));
            }
            Block::Numbered(items) => {
                let items: Vec<String> = items
                    .iter()
                    .map(|(title, text)| {
                        format!("<strong>{}</strong><br>{}", html_text(title), html_text(text))
                    })
                    .collect();
                self.list("ol", &items);
            }
            Block::Bullets(items) => {
                let items: Vec<String> = items.iter().map(|i| html_text(i)).collect();
                self.list("ul", &items);
            }
            Block::Labelled(items) => {
                let items: Vec<String> = items
                    .iter()
                    .map(|(label, item)| {
                        format!("<strong>{}:</strong> {}", html_text(label), html_text(item))
                    })
                    .collect();
                self.list("ul", &items);
            }
            Block::WriteIn { label, lines } => {
                let lines = "<div class=\"line\"></div>\n".repeat((*lines).max(1));
                let label = html_text(label);
                self.keep(&format!(
                    "<div class=\"write\">\n<p><strong>{label}:</strong></p>\n{lines}</div>\n"
                ));
            }
        }
    }

    /// A list whose first two items stay with the headings before it and whose last two
    /// stay together (a numbered list goes on counting across the parts).
    fn list(&mut self, tag: &str, items: &[String]) {
        let part = |class: &str, start: usize, items: &[String]| {
            let start = if tag == "ol" && start > 1 {
                format!(" start=\"{start}\"")
            } else {
                String::new()
            };
            let lis: String = items.iter().map(|i| format!("<li>{i}</li>\n")).collect();
            format!("<{tag} class=\"{class}\"{start}>\n{lis}</{tag}>\n")
        };
        if items.len() <= 4 {
            self.keep(&part("all", 1, items));
            return;
        }
        let (head, rest) = items.split_at(2);
        let (mid, tail) = rest.split_at(rest.len() - 2);
        self.keep(&part("head", 1, head));
        self.out.push_str(&part("mid", 3, mid));
        self.keep(&part("tail", items.len() - 1, tail));
    }
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

    #[test]
    fn page_rules_quote_the_header_safely() {
        assert_eq!(super::css_string("a \"b\" \\ c\u{1b}"), "\"a \\\"b\\\" \\\\ c\"");
    }
}
