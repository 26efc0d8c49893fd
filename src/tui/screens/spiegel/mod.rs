//! The spiegel after an answer: its state, its `update` (revising, the next dilemma, what
//! the worker reports back) and its view.

mod update;
pub mod view;

pub(in crate::tui) use update::*;
pub use view::*;

/// The mirror after an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpiegelState {
    /// Index into `App::answers`.
    pub answer: usize,
    /// Pack and dilemma indices.
    pub pack: usize,
    /// Index into the pack's dilemmas.
    pub dilemma: usize,
    /// Display order of the werkwijzen.
    pub order: Vec<usize>,
    /// First visible line.
    pub scroll: u16,
    /// Choosing a new werkwijze: the selected position.
    pub revising: Option<usize>,
    /// Shared reasoning in the order shown (shuffled once, so it does not reveal who wrote
    /// what by file order).
    pub shared: Vec<String>,
    /// A message about the last save.
    pub notice: Option<String>,
    /// What the last revision changed, said above the chart it is brought to.
    pub confirmation: Option<String>,
}
