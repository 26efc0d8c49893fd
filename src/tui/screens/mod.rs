//! One module per screen: each renders from `&App` and its own state, and names the keys
//! its footer shows.

pub mod answer;
pub mod development;
pub mod dilemma;
pub mod history;
pub mod home;
pub mod pack;
pub mod reasoning;
pub mod spiegel;
