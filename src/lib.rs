//! wikken: a dilemma trainer for professionals in the Dutch sociaal domein.
//!
//! The library holds the domain (packs, and later the store and the intervisie session),
//! which knows nothing of the terminal, plus the interface texts; `main.rs` is the thin
//! command-line edge.

pub mod clean;
pub mod commands;
pub mod config;
pub mod development;
pub mod fsx;
pub mod handout;
pub mod i18n;
pub mod ids;
pub mod pack;
pub mod paths;
pub mod phone;
pub mod practice;
pub mod session;
pub mod store;
pub mod textmode;
pub mod tui;
