//! Where this person's data, the shared pool and extra packs live: flags and environment
//! first, the platform's data folder otherwise.

use std::path::PathBuf;

use crate::store::{PoolLocation, SharedPool, StoreError};

/// Resolved folders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// Private data: journal, settings, session reports.
    pub data: PathBuf,
    /// The shared pool of anonymised answers: the default `DATA/pool`, a folder that was
    /// named (flag, environment or settings; it must exist and is never created) or an
    /// organisation's database.
    pub pool: PoolLocation,
}

impl Paths {
    /// Uses `data` and `pool` when given; otherwise the platform data dir
    /// (`~/.local/share/wikken` on Linux) and `DATA/pool`.
    pub fn resolve(data: Option<PathBuf>, pool: Option<PathBuf>) -> Option<Paths> {
        let data = match data {
            Some(d) => d,
            None => directories::ProjectDirs::from("nl", "", "wikken")?.data_dir().to_path_buf(),
        };
        let pool = PoolLocation::resolve(&data, pool.as_deref());
        Some(Paths { data, pool })
    }

    /// The pool, opened (nothing is read or connected to until it is used).
    pub fn pool(&self) -> Result<SharedPool, StoreError> {
        self.pool.open(&self.data)
    }

    /// The user's own pack folder, loaded after the bundled packs.
    pub fn user_packs(&self) -> PathBuf {
        self.data.join("packs")
    }

    /// Session reports.
    pub fn sessions(&self) -> PathBuf {
        self.data.join("sessions")
    }

    /// The pack folders to load after the bundled packs, in this order: the person's own
    /// folder (when it exists), the folders in the settings file, the team's folder in the
    /// pool (`POOL/packs/`, when it exists) and the `--packs` folders. Folders that were
    /// named (settings, `--packs`) are kept even when missing, so the caller can say so.
    pub fn pack_dirs(&self, configured: &[PathBuf], flags: &[PathBuf]) -> Vec<PathBuf> {
        let mut dirs = Vec::new();
        let user = self.user_packs();
        if user.is_dir() {
            dirs.push(user);
        }
        dirs.extend(configured.iter().cloned());
        if let Some(team) = self.pool.packs_dir().filter(|d| d.is_dir()) {
            dirs.push(team);
        }
        dirs.extend(flags.iter().cloned());
        let mut seen = std::collections::HashSet::new();
        dirs.retain(|d| seen.insert(d.clone()));
        dirs
    }
}
