//! A dilemma: the case, the question and the werkwijzen in this person's order; its state,
//! its `update` (choosing opens the reasoning) and its view.

mod update;
pub mod view;

pub(in crate::tui) use update::*;
pub use view::*;

/// A dilemma: case, question, werkwijzen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DilemmaState {
    /// Index into `App::packs`.
    pub pack: usize,
    /// Index into the pack's dilemmas.
    pub dilemma: usize,
    /// Display order: position → index into the dilemma's options.
    pub order: Vec<usize>,
    /// Selected position.
    pub selected: usize,
    /// First visible line.
    pub scroll: u16,
}
