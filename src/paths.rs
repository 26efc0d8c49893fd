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
    /// folder (when it exists), the folders in the settings file, the `--packs` folders, and
    /// the team's folder in the pool (`POOL/packs/`, when it is a real folder). A pack whose
    /// id an earlier folder already loaded is refused, so what the person names wins over
    /// what a colleague dropped in the team folder. Folders that were named (settings,
    /// `--packs`) are kept even when missing, so the caller can say so.
    pub fn pack_dirs(&self, configured: &[PathBuf], flags: &[PathBuf]) -> Vec<PathBuf> {
        let mut dirs = Vec::new();
        let user = self.user_packs();
        if user.is_dir() {
            dirs.push(user);
        }
        dirs.extend(configured.iter().cloned());
        dirs.extend(flags.iter().cloned());
        let real_dir = |d: &PathBuf| std::fs::symlink_metadata(d).is_ok_and(|m| m.is_dir());
        if let Some(team) = self.pool.packs_dir().filter(real_dir) {
            dirs.push(team);
        }
        let mut seen = std::collections::HashSet::new();
        dirs.retain(|d| seen.insert(d.clone()));
        dirs
    }

    /// The team's pack folder in the pool, when it is a symbolic link: it is not loaded (a
    /// colleague could point it at any folder on this computer), and the caller says so.
    pub fn team_packs_link(&self) -> Option<PathBuf> {
        let team = self.pool.packs_dir()?;
        std::fs::symlink_metadata(&team).is_ok_and(|m| m.file_type().is_symlink()).then_some(team)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(dir: &std::path::Path) -> Paths {
        let pool = dir.join("pool");
        Paths::resolve(Some(dir.join("data")), Some(pool)).expect("paths")
    }

    #[test]
    fn the_packs_named_on_the_command_line_load_before_the_teams() {
        let dir = tempfile::tempdir().expect("tmp");
        std::fs::create_dir_all(dir.path().join("pool/packs")).expect("team");
        let p = paths(dir.path());
        let mine = dir.path().join("mine");
        let dirs = p.pack_dirs(&[], std::slice::from_ref(&mine));
        assert_eq!(dirs, [mine, dir.path().join("pool/packs")]);
        assert_eq!(p.team_packs_link(), None);
    }

    #[cfg(unix)]
    #[test]
    fn a_team_pack_folder_that_is_a_link_is_not_loaded() {
        let dir = tempfile::tempdir().expect("tmp");
        std::fs::create_dir_all(dir.path().join("pool")).expect("pool");
        std::os::unix::fs::symlink("/", dir.path().join("pool/packs")).expect("link");
        let p = paths(dir.path());
        assert!(p.pack_dirs(&[], &[]).is_empty());
        assert_eq!(p.team_packs_link(), Some(dir.path().join("pool/packs")));
    }
}
