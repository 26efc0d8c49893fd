//! The subcommands behind `wikken check`, `wikken new`, ...: each writes to the given
//! output and returns the process exit code, so tests can run them without a process.

mod check;
mod new;
mod trainer;

pub use check::check;
pub use new::new_pack;
pub use trainer::trainer;

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
