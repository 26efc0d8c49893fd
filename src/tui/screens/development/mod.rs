//! "Mijn ontwikkeling": the person's own practice over time, from the journal alone; its
//! state, its `update` and its view.

mod update;
pub mod view;

pub(in crate::tui) use update::*;
pub use view::*;

/// "Mijn ontwikkeling".
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DevelopmentState {
    /// First visible line.
    pub scroll: u16,
    /// Whose reasoning over time is shown: an index into the practised themes.
    pub theme: usize,
}
