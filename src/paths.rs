//! Where this person's data, the shared pool and extra packs live: flags and environment
//! first, the platform's data folder otherwise.

use std::path::{Path, PathBuf};

/// Resolved folders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// Private data: journal, settings, session reports.
    pub data: PathBuf,
    /// The shared pool of anonymised answers.
    pub pool: PathBuf,
    /// Whether the pool folder was named (flag, environment or settings) rather than the
    /// default `DATA/pool`: a named folder must exist and is never created.
    pub pool_named: bool,
}

impl Paths {
    /// Uses `data` and `pool` when given; otherwise the platform data dir
    /// (`~/.local/share/wikken` on Linux) and `DATA/pool`.
    pub fn resolve(data: Option<PathBuf>, pool: Option<PathBuf>) -> Option<Paths> {
        let data = match data {
            Some(d) => d,
            None => directories::ProjectDirs::from("nl", "", "wikken")?.data_dir().to_path_buf(),
        };
        let pool_named = pool.is_some();
        let pool = pool.unwrap_or_else(|| data.join("pool"));
        Some(Paths { data, pool, pool_named })
    }

    /// The pool: a named folder must already exist; only the default one is created.
    pub fn pool(&self) -> crate::store::Pool {
        if self.pool_named {
            crate::store::Pool::configured(&self.pool)
        } else {
            crate::store::Pool::new(&self.pool)
        }
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
        let team = self.pool().packs_dir();
        if team.is_dir() {
            dirs.push(team);
        }
        dirs.extend(flags.iter().cloned());
        let mut seen = std::collections::HashSet::new();
        dirs.retain(|d| seen.insert(d.clone()));
        dirs
    }

    /// Whether `path` is the user's pack folder and does not exist yet (which is normal).
    pub fn is_absent_user_packs(&self, path: &Path) -> bool {
        path == self.user_packs() && !path.exists()
    }
}
