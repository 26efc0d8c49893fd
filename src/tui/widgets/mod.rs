//! Building blocks shared by the screens (and later the intervisie session).

pub mod chart;
pub mod digits;
pub mod document;
pub mod editor;
pub mod frame;
pub mod notes;
pub mod overlay;
pub mod text;
