//! Writing the reasoning for a chosen werkwijze (editor, confidence, sharing): its state,
//! its `update` (submitting asks the worker to save) and its view.

use ratatui_textarea::TextArea;

use crate::tui::app::DilemmaState;

mod update;
pub mod view;

pub(in crate::tui) use update::*;
pub use view::*;

/// Writing the reasoning for a chosen werkwijze.
#[derive(Debug, Clone)]
pub struct ReasoningState {
    /// The dilemma screen this came from (restored on Esc).
    pub from: DilemmaState,
    /// Index of the chosen option in the dilemma's options.
    pub option: usize,
    /// The editor.
    pub editor: TextArea<'static>,
    /// Confidence 1–5.
    pub confidence: Option<u8>,
    /// Share the reasoning anonymously.
    pub share: bool,
    /// Which part has the keyboard.
    pub focus: Field,
    /// A save is under way; input waits.
    pub saving: bool,
    /// Why the last save failed.
    pub error: Option<String>,
}

/// Which part of the reasoning screen has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The text editor.
    Editor,
    /// The confidence scale.
    Confidence,
    /// The share toggle.
    Share,
}

impl ReasoningState {
    /// The reasoning typed so far.
    pub fn text(&self) -> String {
        self.editor.lines().join("\n")
    }

    /// Whether anything but whitespace was typed.
    pub fn has_text(&self) -> bool {
        self.editor.lines().iter().any(|l| !l.trim().is_empty())
    }
}
