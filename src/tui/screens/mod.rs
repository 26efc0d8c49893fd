//! The solo screens, one folder each with its state, its `update` and its view (as
//! `tui/session/` keeps the intervisie together).

pub mod development;
pub mod dilemma;
pub mod history;
pub mod home;
pub mod pack;
pub mod reasoning;
pub mod spiegel;
