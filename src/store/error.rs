//! Errors of the store: what went wrong, as data the interface words in the person's
//! language. A pool that is kept elsewhere (a server) reports a [`PoolFailure`] kind, decided
//! by its backend from what the server said (for PostgreSQL its SQLSTATE), so nothing
//! outside the backend reads an error's text to know what it means.

use std::path::PathBuf;

/// How a pool kept elsewhere (a server) failed, whatever kind of server it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PoolFailure {
    /// It could not be reached or logged into: no connection, a refused login, a
    /// certificate that could not be verified, a connection that broke.
    Unreachable,
    /// It was reached but did not answer within this many seconds; wikken stopped waiting.
    Silent {
        /// How long wikken waited.
        secs: u64,
    },
    /// It gave up on the request itself (too busy, a statement or lock that took too long).
    Busy,
    /// This login may not do this (an owner's operation asked by a participant).
    Denied,
    /// Its rules refused what was sent (a record or value it does not accept).
    Rejected,
    /// It answered in a way wikken cannot use (an internal error, an unexpected reply).
    Damaged,
}

impl PoolFailure {
    /// Whether the pool could not be used at all right now (rather than refusing one thing):
    /// answers then wait in the journal for a later start.
    pub fn is_unreachable(self) -> bool {
        matches!(self, PoolFailure::Unreachable | PoolFailure::Silent { .. } | PoolFailure::Busy)
    }
}

/// Something went wrong reading or writing answers.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A file or folder could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// A file was refused: a symlink, FIFO or device where a file was expected, or too large.
    #[error("{path}: {source}")]
    Refused {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: crate::fsx::OpenError,
    },
    /// The pool folder named by `--pool`, `WIKKEN_POOL` or the settings does not exist (a
    /// typo, or a network drive that is not mounted); wikken does not create it.
    #[error("the pool folder {0} does not exist")]
    PoolMissing(PathBuf),
    /// This participant was erased with `forget`; nothing more is written for it.
    #[error("this participant was erased with forget")]
    Forgotten,
    /// The pool is open for reading only (the data folder cannot be written).
    #[error("this pool is open for reading only")]
    ReadOnly,
    /// The pool is named by an address of a kind this build of wikken cannot use (for
    /// example a database address in a build without that database).
    #[error("{0}: this wikken cannot use a pool of this kind")]
    Unsupported(String),
    /// A pool kept elsewhere (a server) failed; `failure` says how, `detail` is the server's
    /// or the system's own words, for the message.
    #[error("{detail}")]
    Pool {
        /// How it failed.
        failure: PoolFailure,
        /// The server's or the client's words (never a password).
        detail: String,
    },
    /// The organisation pool does not take answers to this dilemma: its administrator has
    /// not registered this pack, this version of it, or this werkwijze (`wikken pool packs`).
    /// The answer stays in the journal and goes in once it is registered.
    #[error("the organisation pool does not take answers to {pack} version {v}, dilemma {dilemma}")]
    NotRegistered {
        /// Pack id.
        pack: String,
        /// Pack version.
        v: u32,
        /// Dilemma id.
        dilemma: String,
    },
    /// This login wrote as many answers and revisions today as the organisation pool takes
    /// from one login a day; the rest stays in the journal and goes in on a later day.
    #[error("the organisation pool takes at most {0} answers a day from one login")]
    DailyLimit(u32),
    /// A record could not be encoded (should not happen for our own types).
    #[error("{0}")]
    Encode(#[from] serde_json::Error),
}

impl StoreError {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        StoreError::Io { path: path.into(), source }
    }

    /// Wraps a refused or failed open with the path it concerns.
    pub fn open(path: impl Into<PathBuf>, e: crate::fsx::OpenError) -> Self {
        match e {
            crate::fsx::OpenError::Io(source) => StoreError::Io { path: path.into(), source },
            source => StoreError::Refused { path: path.into(), source },
        }
    }

    /// A pool kept elsewhere failed in this way.
    pub fn pool(failure: PoolFailure, detail: impl Into<String>) -> Self {
        StoreError::Pool { failure, detail: detail.into() }
    }

    /// How a pool kept elsewhere failed, if that is what happened.
    pub fn failure(&self) -> Option<PoolFailure> {
        match self {
            StoreError::Pool { failure, .. } => Some(*failure),
            _ => None,
        }
    }

    /// Whether a server could not be used at all right now (see
    /// [`PoolFailure::is_unreachable`]).
    pub fn is_unreachable(&self) -> bool {
        self.failure().is_some_and(PoolFailure::is_unreachable)
    }
}
