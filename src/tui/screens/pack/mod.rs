//! A pack's dilemmas, with answered marks and the theme filter; its state, its `update`
//! and its view.

mod update;
pub mod view;

pub(in crate::tui) use update::*;
pub use view::*;

/// A pack's dilemma list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackState {
    /// Index into `App::packs`.
    pub pack: usize,
    /// Selected row among the visible dilemmas.
    pub selected: usize,
    /// Theme filter.
    pub theme: Option<String>,
}
