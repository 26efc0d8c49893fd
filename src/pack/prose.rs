//! What a multi-line pack text means on a page, as the guide promises authors: a single
//! line break is a space (so an author may wrap lines in the editor wherever she likes), a
//! blank line starts a new paragraph, and lines that start with `- ` are a list. Every view
//! (trainer, preview, session, handout) takes its paragraphs and lists from here, so none
//! of them can keep a hard break the guide says is not there.

/// One block of a text: a paragraph, or a list of items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextBlock {
    /// A paragraph, its line breaks folded into spaces.
    Paragraph(String),
    /// A list (`- ` at the start of a line), each item's line breaks folded.
    List(Vec<String>),
}

/// The marker that starts a list item, at the start of a line.
pub const LIST_MARKER: &str = "- ";

/// Splits `text` into paragraphs and lists. A blank line ends a block; a line that starts
/// with `- ` (after any indentation) starts a list item, also right after a paragraph line;
/// any other line continues the paragraph or list item before it. Lists separated only by
/// blank lines are one list.
pub fn text_blocks(text: &str) -> Vec<TextBlock> {
    let mut blocks: Vec<TextBlock> = Vec::new();
    // The block being read, if any: a paragraph's lines, or a list's items.
    let mut para: Vec<&str> = Vec::new();
    let mut items: Vec<Vec<&str>> = Vec::new();
    // Whether a blank line came after the last list item (a paragraph line then starts a
    // new paragraph instead of continuing the item).
    let mut gap = false;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            flush_para(&mut blocks, &mut para);
            gap = true;
            continue;
        }
        if let Some(item) = line.strip_prefix(LIST_MARKER).or((line == "-").then_some("")) {
            flush_para(&mut blocks, &mut para);
            items.push(vec![item.trim_start()]);
        } else if let (false, Some(item)) = (gap, items.last_mut()) {
            item.push(line);
        } else {
            flush_list(&mut blocks, &mut items);
            para.push(line);
        }
        gap = false;
    }
    flush_para(&mut blocks, &mut para);
    flush_list(&mut blocks, &mut items);
    blocks
}

fn flush_para(blocks: &mut Vec<TextBlock>, para: &mut Vec<&str>) {
    if !para.is_empty() {
        blocks.push(TextBlock::Paragraph(para.join(" ")));
        para.clear();
    }
}

fn flush_list(blocks: &mut Vec<TextBlock>, items: &mut Vec<Vec<&str>>) {
    if items.is_empty() {
        return;
    }
    let folded = items.drain(..).map(|lines| lines.join(" ").trim().to_string());
    match blocks.last_mut() {
        // Only a blank line came between this list and the one before: one list.
        Some(TextBlock::List(before)) => before.extend(folded),
        _ => blocks.push(TextBlock::List(folded.collect())),
    }
}

impl TextBlock {
    /// The block as plain text: a paragraph as one line, a list as one `- item` line per
    /// item.
    pub fn plain(&self) -> String {
        match self {
            TextBlock::Paragraph(p) => p.clone(),
            TextBlock::List(items) => {
                items.iter().map(|i| format!("{LIST_MARKER}{i}")).collect::<Vec<_>>().join("\n")
            }
        }
    }
}

/// The text as the guide says it reads, in plain text: paragraphs separated by one blank
/// line, each list item on a line of its own, every other line break a space. A view that
/// wraps text and keeps explicit line breaks shows it right without knowing the rules.
pub fn fold(text: &str) -> String {
    text_blocks(text).iter().map(TextBlock::plain).collect::<Vec<_>>().join("\n\n")
}

/// The text's blocks as plain strings (see [`TextBlock::plain`]): paragraphs, and lists
/// with one `- item` line per item.
pub fn paragraphs(text: &str) -> Vec<String> {
    text_blocks(text).iter().map(TextBlock::plain).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_breaks_fold_and_blank_lines_make_paragraphs() {
        let text = "Eerste regel\n  loopt door.\n\n\n Tweede.\n";
        assert_eq!(paragraphs(text), ["Eerste regel loopt door.", "Tweede."]);
        assert!(paragraphs("  \n").is_empty());
        assert_eq!(fold("een\ntwee\n\ndrie"), "een twee\n\ndrie");
    }

    #[test]
    fn a_markdown_list_stays_a_list() {
        let text = "Je weet:\n- dat hij\n  werkt;\n- dat zij zorgt.\n\nDaarna.";
        assert_eq!(
            text_blocks(text),
            [
                TextBlock::Paragraph("Je weet:".into()),
                TextBlock::List(vec!["dat hij werkt;".into(), "dat zij zorgt.".into()]),
                TextBlock::Paragraph("Daarna.".into()),
            ]
        );
        assert_eq!(fold(text), "Je weet:\n\n- dat hij werkt;\n- dat zij zorgt.\n\nDaarna.");
        // Items apart by blank lines are one list; a dash inside a line is no list.
        assert_eq!(
            text_blocks("- a\n\n- b\nc - d"),
            [TextBlock::List(vec!["a".into(), "b c - d".into()])]
        );
        assert_eq!(text_blocks("-5 graden"), [TextBlock::Paragraph("-5 graden".into())]);
    }
}
