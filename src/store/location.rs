//! Where the pool is: the one place a pool's name (a folder, a server's address, or nothing
//! for `DATA/pool`) becomes a pool, so nothing outside `store/` builds a pool path or tells
//! a folder from a server.
//!
//! Folders are built in. Every other kind of pool is a [`Backend`] registered in
//! [`BACKENDS`]: adding one (say SQLite) is a folder `store/sqlite/` that implements
//! [`PoolStore`](super::PoolStore) and [`Backend`], plus one line in [`BACKENDS`] — nothing
//! else in wikken changes. The example on [`Backend`] shows one.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::backend::{InitReport, SharedPool};
use super::error::StoreError;
use super::owner::{Registered, Registration};

/// A kind of pool that lives behind an address (a server), registered in [`BACKENDS`].
///
/// A backend that keeps answers somewhere new, in a few lines (here in memory, for the
/// example; a real one opens its connection or file in [`Backend::open`]):
///
/// ```
/// use std::path::Path;
/// use std::sync::Arc;
/// use wikken::store::{
///     Backend, InitReport, MemoryPool, PoolLocation, Registered, Registration, SharedPool,
///     StoreError,
/// };
///
/// struct Sqlite;
///
/// impl Backend for Sqlite {
///     fn claims(&self, name: &str) -> bool {
///         name.starts_with("sqlite://")
///     }
///     fn display(&self, name: &str) -> String {
///         name.to_string()
///     }
///     fn open(&self, _name: &str, _data: &Path) -> Result<SharedPool, StoreError> {
///         Ok(Arc::new(MemoryPool::new()))
///     }
///     fn open_read_only(&self, name: &str, data: &Path) -> Result<SharedPool, StoreError> {
///         self.open(name, data)
///     }
///     fn init(&self, _name: &str) -> Result<InitReport, StoreError> {
///         Ok(InitReport { applied: vec![1], version: 1, ..InitReport::default() })
///     }
///     fn register(&self, _name: &str, d: &[Registration]) -> Result<Registered, StoreError> {
///         // This pool takes answers to any dilemma.
///         Ok(Registered { given: d.len(), total: d.len(), ..Registered::default() })
///     }
/// }
///
/// // In wikken this is the one registration line in `BACKENDS`.
/// let registry: &[&'static dyn Backend] = &[&Sqlite];
/// let data = Path::new("/tmp/wikken-data");
/// let at = PoolLocation::resolve_in(registry, data, Some(Path::new("sqlite:///teams/a.db")));
/// assert_eq!(at.display(), "sqlite:///teams/a.db");
/// assert!(at.folder().is_none());
/// let pool = at.open(data).expect("opens");
/// assert!(pool.ready().is_ok());
/// assert_eq!(at.init().expect("init").version, 1);
/// // `wikken pool packs` reaches the backend through the location too.
/// let one = Registration { pack: "p".into(), v: 1, dilemma: "d".into(), options: vec![] };
/// assert_eq!(at.register(&[one.clone()]).expect("register").given, 1);
/// // A folder stays a folder, and an address no backend claims is said to be unusable.
/// let team = PoolLocation::resolve_in(registry, data, Some(Path::new("/mnt/team")));
/// assert_eq!(team.folder(), Some(Path::new("/mnt/team")));
/// assert!(matches!(team.register(&[one]), Err(StoreError::Unsupported(_))));
/// let other = PoolLocation::resolve_in(registry, data, Some(Path::new("mysql://db/x")));
/// assert!(matches!(other.open(data), Err(StoreError::Unsupported(_))));
/// ```
pub trait Backend: Sync {
    /// Whether `name` names a pool of this kind (for example a `postgresql://` address).
    fn claims(&self, name: &str) -> bool;

    /// The name as it may be shown: never a password, cleaned for the terminal.
    fn display(&self, name: &str) -> String;

    /// Opens the pool; `data` is this install's data folder, where the backend keeps what it
    /// needs locally (a secret, a ledger). Never waits for the network.
    fn open(&self, name: &str, data: &Path) -> Result<SharedPool, StoreError>;

    /// Opens the pool for reading only, writing nothing to `data` or the pool (the data
    /// folder may not be writable).
    fn open_read_only(&self, name: &str, data: &Path) -> Result<SharedPool, StoreError>;

    /// Creates or upgrades the pool (`wikken pool init`, by its owner).
    fn init(&self, name: &str) -> Result<InitReport, StoreError>;

    /// Registers dilemmas the pool is to take answers to (`wikken pool init` and `wikken
    /// pool packs`, by its owner), all at once; nothing is ever unregistered.
    fn register(&self, name: &str, dilemmas: &[Registration]) -> Result<Registered, StoreError>;
}

/// Every kind of pool besides folders that this build of wikken can use. Adding a backend
/// is one line here.
pub const BACKENDS: &[&'static dyn Backend] = &[
    #[cfg(feature = "postgres")]
    &super::postgres::Postgres,
];

/// Where the pool is, as the person named it (flag, `WIKKEN_POOL`, settings) or the
/// default. Only this type turns a name into a pool, so nothing outside `store/` builds a
/// pool path.
#[derive(Clone)]
pub enum PoolLocation {
    /// `DATA/pool`, created when first written to.
    Default(PathBuf),
    /// A folder the person named: it must exist and is never created.
    Folder(PathBuf),
    /// A pool behind an address, kept by a registered backend.
    At {
        /// The backend that claimed the address.
        backend: &'static dyn Backend,
        /// The address as named.
        name: String,
    },
    /// An address (`scheme://…`) that no backend of this build claims.
    Unsupported(String),
}

impl std::fmt::Debug for PoolLocation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PoolLocation::Default(dir) => f.debug_tuple("Default").field(dir).finish(),
            PoolLocation::Folder(dir) => f.debug_tuple("Folder").field(dir).finish(),
            // The display form: a name may hold a password.
            PoolLocation::At { .. } | PoolLocation::Unsupported(_) => {
                f.debug_tuple("At").field(&self.display()).finish()
            }
        }
    }
}

impl PartialEq for PoolLocation {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (PoolLocation::Default(a), PoolLocation::Default(b))
            | (PoolLocation::Folder(a), PoolLocation::Folder(b)) => a == b,
            (PoolLocation::At { name: a, .. }, PoolLocation::At { name: b, .. })
            | (PoolLocation::Unsupported(a), PoolLocation::Unsupported(b)) => a == b,
            _ => false,
        }
    }
}

impl Eq for PoolLocation {}

/// Whether a name is an address (`scheme://…`) rather than a folder.
fn is_address(name: &str) -> bool {
    name.split_once("://").is_some_and(|(scheme, _)| {
        !scheme.is_empty() && scheme.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'+')
    })
}

impl PoolLocation {
    /// The pool named by `named` (a folder or an address), or `DATA/pool`.
    pub fn resolve(data: &Path, named: Option<&Path>) -> PoolLocation {
        PoolLocation::resolve_in(BACKENDS, data, named)
    }

    /// [`PoolLocation::resolve`] with the backends of `registry` instead of this build's.
    pub fn resolve_in(
        registry: &[&'static dyn Backend],
        data: &Path,
        named: Option<&Path>,
    ) -> PoolLocation {
        match named {
            None => PoolLocation::Default(data.join("pool")),
            Some(p) => PoolLocation::named_in(registry, &p.to_string_lossy(), p),
        }
    }

    fn named_in(registry: &[&'static dyn Backend], text: &str, path: &Path) -> PoolLocation {
        match registry.iter().find(|b| b.claims(text)) {
            Some(backend) => PoolLocation::At { backend: *backend, name: text.to_string() },
            None if is_address(text) => PoolLocation::Unsupported(text.to_string()),
            None => PoolLocation::Folder(path.to_path_buf()),
        }
    }

    /// A pool named by an address or a folder (which then must exist): what the journal
    /// remembered (see [`Journal::pools`](super::Journal::pools)), or what `pool init` was
    /// given.
    pub fn named(name: &str) -> PoolLocation {
        PoolLocation::named_in(BACKENDS, name, Path::new(name))
    }

    /// The folder of a folder pool.
    pub fn folder(&self) -> Option<&Path> {
        match self {
            PoolLocation::Default(dir) | PoolLocation::Folder(dir) => Some(dir),
            PoolLocation::At { .. } | PoolLocation::Unsupported(_) => None,
        }
    }

    /// The team's shared pack folder of a folder pool (`POOL/packs/`).
    pub fn packs_dir(&self) -> Option<PathBuf> {
        self.folder().map(|dir| dir.join(super::record::PACKS_DIR))
    }

    /// Opens the pool. A folder is not touched until used; a server is connected to
    /// lazily, with a timeout, so opening never waits for the network. `data` holds what
    /// this install keeps about the pool (a folder's stats cache; a server's secret and
    /// ledger, created on first use).
    pub fn open(&self, data: &Path) -> Result<SharedPool, StoreError> {
        let cache = super::pool::cache_in(data);
        Ok(match self {
            PoolLocation::Default(dir) => Arc::new(super::FolderPool::new(dir).with_cache(cache)),
            PoolLocation::Folder(dir) => {
                Arc::new(super::FolderPool::configured(dir).with_cache(cache))
            }
            PoolLocation::At { backend, name } => backend.open(name, data)?,
            PoolLocation::Unsupported(name) => {
                return Err(StoreError::Unsupported(self.display_name(name)));
            }
        })
    }

    /// Opens the pool for reading only: every write is refused with
    /// [`StoreError::ReadOnly`], and nothing is written to `data` (which may not be
    /// writable). A pool that cannot even be opened for reading is an empty one.
    pub fn open_read_only(&self, data: &Path) -> SharedPool {
        let inner = match self {
            PoolLocation::Default(dir) | PoolLocation::Folder(dir) => {
                Some(Arc::new(super::FolderPool::configured(dir)) as SharedPool)
            }
            PoolLocation::At { backend, name } => backend.open_read_only(name, data).ok(),
            PoolLocation::Unsupported(_) => None,
        };
        Arc::new(super::ReadOnlyPool::new(inner, self.display()))
    }

    /// Creates or upgrades the pool (`wikken pool init`): only a pool behind an address
    /// has a schema; for a folder this says [`StoreError::Unsupported`].
    pub fn init(&self) -> Result<InitReport, StoreError> {
        match self {
            PoolLocation::At { backend, name } => backend.init(name),
            other => Err(StoreError::Unsupported(other.display())),
        }
    }

    /// Registers dilemmas the pool takes answers to (`wikken pool packs`): only a pool
    /// behind an address keeps such a list; for a folder this says
    /// [`StoreError::Unsupported`].
    pub fn register(&self, dilemmas: &[Registration]) -> Result<Registered, StoreError> {
        match self {
            PoolLocation::At { backend, name } => backend.register(name, dilemmas),
            other => Err(StoreError::Unsupported(other.display())),
        }
    }

    /// Where the pool is, for messages: a folder, or an address without its password.
    pub fn display(&self) -> String {
        match self {
            PoolLocation::Default(dir) | PoolLocation::Folder(dir) => dir.display().to_string(),
            PoolLocation::At { backend, name } => backend.display(name),
            PoolLocation::Unsupported(name) => self.display_name(name),
        }
    }

    /// An unclaimed address as it may be shown: its scheme and host, never what could be a
    /// password (everything after `://` up to the last `@` goes).
    fn display_name(&self, name: &str) -> String {
        let shown = match name.split_once("://") {
            Some((scheme, rest)) => {
                let rest = rest.rsplit_once('@').map_or(rest, |(_, host)| host);
                let host = rest.split(['/', '?']).next().unwrap_or_default();
                format!("{scheme}://{host}")
            }
            None => name.to_string(),
        };
        crate::clean::line(&shown).into_owned()
    }
}
