//! The subcommands behind `wikken check`, `wikken new`, ...: each writes to the given
//! output and returns the process exit code, so tests can run them without a process.

mod bewerk;
mod check;
mod export;
mod fmt;
mod forget;
mod handout;
mod import;
mod new;
pub mod pool;
mod preview;
mod stats;
mod trainer;

pub use bewerk::{Open, bewerk};
pub use check::{CheckFlags, check};
pub use export::{export_development, export_pool};
pub use fmt::fmt;
pub use forget::forget;
pub use handout::handout;
pub use import::import_bundle;
pub use new::new_pack;
pub use preview::{POLL_INTERVAL, preview};
pub use stats::{StatsFormat, stats};
pub use trainer::{Look, SessionStart, Setup, practise_in_text, start_notice, trainer};

/// Exit status of a command (contract 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Everything is fine.
    Ok = 0,
    /// The input has errors (for `check`: a pack has errors).
    Errors = 1,
    /// Usage or I/O problem.
    Usage = 2,
}
