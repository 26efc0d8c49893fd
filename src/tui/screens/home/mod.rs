//! Home: the packs with progress, then the dilemma of the month, verras me, development,
//! intervisie, my answers and help; its state, its `update` and its view.

mod update;
pub mod view;

pub(in crate::tui) use update::*;
pub use view::*;

/// Home: packs, then the fixed entries.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HomeState {
    /// Selected row.
    pub selected: usize,
}

/// The entries below the packs on the home screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HomeEntry {
    /// A pack, by index.
    Pack(usize),
    /// The dilemma of the month.
    Month,
    /// Verras me.
    Surprise,
    /// Mijn ontwikkeling.
    Development,
    /// Intervisie starten.
    Session,
    /// Mijn antwoorden.
    History,
    /// Help.
    Help,
}
