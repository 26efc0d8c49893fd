//! Notes grouped by kind of knowledge (contract 1), for the spiegel and the session's
//! material: "Wat onderzoek zegt" holds only research, practice stories stand under "Uit de
//! praktijk", clients' words under "Wat cliënten zeggen", and the law under "Wet en regels
//! (stand …)" with the date it was checked.

use ratatui::style::Style;
use ratatui::text::Span;

use crate::i18n::UiText;
use crate::pack::{Note, by_kind};
use crate::tui::theme::Theme;
use crate::tui::widgets::document::Doc;

/// How deep a group sits: under a section heading of its own, or inside a werkwijze.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Each group gets a section heading (the dilemma's notes).
    Section,
    /// Each group gets a small label, indented (a werkwijze's onderbouwing).
    Nested,
}

/// Writes `notes` grouped by kind into `doc`; `text` gives each note's line (with its
/// citation marks, where the screen numbers sources).
pub fn grouped<'n>(
    doc: &mut Doc,
    notes: &'n [Note],
    ui: &UiText,
    theme: Theme,
    level: Level,
    mut text: impl FnMut(&'n Note) -> String,
) {
    for (kind, group) in by_kind(notes) {
        let as_of = crate::practice::checked_as_of(kind, &group);
        let heading = ui.kind_heading(kind, as_of);
        match level {
            Level::Section => doc.heading(&heading, theme.title()),
            Level::Nested => doc.para(&format!("   {heading}"), theme.dim()),
        }
        let bullet = match level {
            Level::Section => "– ",
            Level::Nested => "   – ",
        };
        for note in group {
            doc.hanging(Span::raw(bullet), &text(note), Style::new());
        }
    }
}
