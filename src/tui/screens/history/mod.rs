//! "Mijn antwoorden" and one answer reread: their state, their `update` and their views.

pub mod answer;
mod update;
pub mod view;

pub(in crate::tui) use update::*;
pub use view::*;

/// The list of my answers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HistoryState {
    /// Selected row (newest first).
    pub selected: usize,
}

/// One answer reread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerState {
    /// Index into `App::answers`.
    pub answer: usize,
    /// First visible line.
    pub scroll: u16,
}
