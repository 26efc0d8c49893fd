//! Where the pool is: the one place a pool's name (a folder, a database URL, or nothing for
//! `DATA/pool`) becomes a pool, so nothing outside `store/` builds a pool path or tells a
//! folder from a server. It knows every implementation; they know only the trait.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::backend::SharedPool;
use super::error::StoreError;

/// Where the pool is, as the person named it (flag, `WIKKEN_POOL`, settings) or the
/// default. Only this type turns a name into a pool, so nothing outside `store/` builds a
/// pool path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PoolLocation {
    /// `DATA/pool`, created when first written to.
    Default(PathBuf),
    /// A folder the person named: it must exist and is never created.
    Folder(PathBuf),
    /// An organisation pool: a `postgres://` or `postgresql://` URL.
    Database(String),
}

impl PoolLocation {
    /// The pool named by `named` (a folder or a database URL), or `DATA/pool`.
    pub fn resolve(data: &Path, named: Option<&Path>) -> PoolLocation {
        match named {
            None => PoolLocation::Default(data.join("pool")),
            Some(p) => {
                let text = p.to_string_lossy();
                if super::postgres::is_url(&text) {
                    PoolLocation::Database(text.into_owned())
                } else {
                    PoolLocation::Folder(p.to_path_buf())
                }
            }
        }
    }

    /// A location the journal remembered (see [`Journal::pools`](super::Journal::pools)):
    /// a database URL or a folder, which then must exist.
    pub fn remembered(line: &str) -> PoolLocation {
        if super::postgres::is_url(line) {
            PoolLocation::Database(line.to_string())
        } else {
            PoolLocation::Folder(PathBuf::from(line))
        }
    }

    /// Whether this is an organisation pool.
    pub fn is_database(&self) -> bool {
        matches!(self, PoolLocation::Database(_))
    }

    /// The URL of an organisation pool.
    pub fn url(&self) -> Option<&str> {
        match self {
            PoolLocation::Database(url) => Some(url),
            _ => None,
        }
    }

    /// The folder of a folder pool.
    pub fn folder(&self) -> Option<&Path> {
        match self {
            PoolLocation::Default(dir) | PoolLocation::Folder(dir) => Some(dir),
            PoolLocation::Database(_) => None,
        }
    }

    /// The team's shared pack folder of a folder pool (`POOL/packs/`).
    pub fn packs_dir(&self) -> Option<PathBuf> {
        self.folder().map(|dir| dir.join(super::record::PACKS_DIR))
    }

    /// Opens the pool. A folder is not touched until used; a database is connected to
    /// lazily, with a timeout, so opening never waits for the network. `data` holds this
    /// install's pool secret (created on first use of a database pool).
    pub fn open(&self, data: &Path) -> Result<SharedPool, StoreError> {
        Ok(match self {
            PoolLocation::Default(dir) => Arc::new(super::FolderPool::new(dir)),
            PoolLocation::Folder(dir) => Arc::new(super::FolderPool::configured(dir)),
            PoolLocation::Database(url) => Arc::new(super::postgres::DbPool::open(url, data)?),
        })
    }

    /// Where the pool is, for messages: a folder, or a URL without its password.
    pub fn display(&self) -> String {
        match self {
            PoolLocation::Default(dir) | PoolLocation::Folder(dir) => dir.display().to_string(),
            PoolLocation::Database(url) => super::postgres::redact(url),
        }
    }
}
