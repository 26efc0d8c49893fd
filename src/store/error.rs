//! Errors of the store.

use std::path::PathBuf;

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
    #[error("this participant was erased from the pool")]
    Forgotten,
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
    /// The organisation pool's database refused or could not be reached.
    #[error("database: {0}")]
    Database(String),
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
}
