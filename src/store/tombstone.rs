//! The pool's key and tombstones: what keeps an erased participant erased.
//!
//! The key (32 bytes from the OS, in the pool folder) turns pseudonyms and record ids into
//! keyed hashes for bundles, so a team that receives a bundle cannot link it to the
//! sending pool's files. A tombstone is an empty file `tombstones/<hash>` whose name is a
//! hash of the participant's *exported* pseudonym (itself a keyed hash); nothing else. One
//! form serves every place a forgotten answer could come back from: this pool's own files
//! (an open trainer elsewhere that appends again), imported files, and bundles — which
//! carry their tombstones along, so the erasure also reaches teams that imported them.
//!
//! Tombstones that arrive in a bundle are *foreign*: they are kept apart (one file per
//! import, `import-….tombstones`) and only ever hide imported records. Anyone holding a
//! bundle can compute the tombstone of every participant in it, so if foreign tombstones
//! could hide this team's own records, one crafted bundle could silence a whole team. Only
//! a `forget` run against this pool writes tombstones that hide its own records.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::error::StoreError;
use crate::ids::hex;

/// The key file in a pool folder (its name predates tombstones; existing pools keep it).
pub const KEY_FILE: &str = ".wikken-export-key";
/// The folder of tombstones in a pool folder.
pub const TOMBSTONE_DIR: &str = "tombstones";
/// Foreign tombstones (from an import) live beside the import's records in a file with
/// this extension.
pub const FOREIGN_EXT: &str = "tombstones";
/// The most tombstones one bundle may carry (each is 65 bytes in a file).
pub const MAX_FOREIGN: usize = 200_000;

/// A keyed hash of `value`, 16 hex digits: the form pseudonyms and record ids take in a
/// bundle. `kind` separates the uses of the one key.
pub fn keyed(key: &[u8], kind: &str, value: &str) -> String {
    let mut h = Sha256::new();
    h.update(key);
    h.update(kind.as_bytes());
    h.update(value.as_bytes());
    hex(&h.finalize()[..8])
}

/// The tombstone of an exported pseudonym: 64 hex digits.
pub fn tombstone_of(exported: &str) -> String {
    let mut h = Sha256::new();
    h.update(b"wikken-tombstone\0");
    h.update(exported.as_bytes());
    hex(&h.finalize())
}

/// Whether a string has the form of a tombstone (anything else in a bundle or the folder
/// is ignored).
pub fn is_tombstone(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

/// Reads the pool's key; with `create`, makes it (from the OS's randomness) when missing.
/// `Ok(None)` when there is none and `create` is false.
pub fn pool_key(dir: &Path, create: bool) -> Result<Option<Vec<u8>>, StoreError> {
    let path = dir.join(KEY_FILE);
    match crate::fsx::read_capped(&path, 4096) {
        Ok(key) if key.len() >= 16 => return Ok(Some(key)),
        Ok(_) => {}
        Err(e) if e.is_not_found() => {}
        Err(e) => return Err(StoreError::open(&path, e)),
    }
    if !create {
        return Ok(None);
    }
    let mut key = vec![0u8; 32];
    crate::ids::os_random(&mut key);
    // Exactly one of several team members creating it at once wins; the others use theirs.
    if !crate::fsx::create_new_atomic(&path, &key, false).map_err(|e| StoreError::io(&path, e))? {
        return crate::fsx::read_capped(&path, 4096)
            .map(Some)
            .map_err(|e| StoreError::open(&path, e));
    }
    Ok(Some(key))
}

/// The tombstones of a pool, ready to test records against.
#[derive(Debug, Clone, Default)]
pub struct Tombstones {
    key: Option<Vec<u8>>,
    /// Written by `forget` in this pool: hide own and imported records.
    own: HashSet<String>,
    /// Carried in by bundles: hide imported records only.
    foreign: HashSet<String>,
}

impl Tombstones {
    /// Tombstones held elsewhere than in a folder (memory, a database): the export key and
    /// the own and foreign tombstones.
    pub fn from_parts(key: Option<Vec<u8>>, own: Vec<String>, foreign: Vec<String>) -> Self {
        let keep = |v: Vec<String>| v.into_iter().filter(|t| is_tombstone(t)).collect();
        Tombstones { key, own: keep(own), foreign: keep(foreign) }
    }

    /// Reads the tombstones of the pool in `dir` (none when the folder or key is missing).
    pub fn load(dir: &Path) -> Self {
        Self::load_with(dir, foreign_files(dir))
    }

    /// [`load`](Self::load) with the other teams' tombstone files in `dir` already listed
    /// (by a reader that lists the pool folder anyway).
    pub(crate) fn load_with(dir: &Path, foreign_files: Vec<PathBuf>) -> Self {
        let own: HashSet<String> = std::fs::read_dir(dir.join(TOMBSTONE_DIR))
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .filter_map(|e| e.file_name().to_str().map(str::to_string))
                    .filter(|n| is_tombstone(n))
                    .collect()
            })
            .unwrap_or_default();
        let mut foreign = HashSet::new();
        for file in foreign_files {
            // Regular files only and capped, like every file in a shared folder.
            let cap = (MAX_FOREIGN as u64) * 66;
            if let Ok(bytes) = crate::fsx::read_capped(&file, cap) {
                let text = String::from_utf8_lossy(&bytes);
                foreign.extend(text.lines().filter(|t| is_tombstone(t)).map(str::to_string));
            }
        }
        let key = if own.is_empty() { None } else { pool_key(dir, false).ok().flatten() };
        Tombstones { key, own, foreign }
    }

    /// Whether there are none (the common case: nothing to check).
    pub fn is_empty(&self) -> bool {
        self.own.is_empty() && self.foreign.is_empty()
    }

    /// Every tombstone, sorted, for a bundle: the erasure travels on.
    pub fn all(&self) -> Vec<String> {
        let mut all: Vec<String> = self.own.union(&self.foreign).cloned().collect();
        all.sort();
        all
    }

    /// One digest of everything that decides who is erased: this pool's own tombstones,
    /// the foreign ones (apart, as they hide less) and the key that turns own pseudonyms
    /// into tombstones. A count kept from before it changed may hold an erased participant.
    pub fn digest(&self) -> [u8; 32] {
        let mut h = Sha256::new();
        h.update(b"wikken-tombstones\0");
        for (label, set) in [(b'o', &self.own), (b'f', &self.foreign)] {
            let mut sorted: Vec<&String> = set.iter().collect();
            sorted.sort();
            h.update([label]);
            h.update((sorted.len() as u64).to_le_bytes());
            for t in sorted {
                h.update(t.as_bytes());
            }
        }
        if let Some(key) = &self.key {
            h.update(b"k");
            h.update(Sha256::digest(key));
        }
        h.finalize().into()
    }

    /// Whether a tombstone is known here already.
    pub fn contains(&self, t: &str) -> bool {
        self.own.contains(t) || self.foreign.contains(t)
    }

    /// Adds foreign tombstones (from a bundle being imported) to this in-memory set.
    pub fn extend_foreign(&mut self, more: impl IntoIterator<Item = String>) {
        self.foreign.extend(more.into_iter().filter(|t| is_tombstone(t)));
    }

    /// Whether pseudonym `p` was erased. `imported` pseudonyms are already in exported
    /// form and may be hidden by any tombstone; this pool's own are hashed with its key
    /// first and hidden only by tombstones this pool wrote.
    pub fn erased(&self, p: &str, imported: bool) -> bool {
        if self.is_empty() {
            return false;
        }
        if imported {
            let t = tombstone_of(p);
            return self.own.contains(&t) || self.foreign.contains(&t);
        }
        match &self.key {
            Some(key) if !self.own.is_empty() => {
                self.own.contains(&tombstone_of(&keyed(key, "p", p)))
            }
            _ => false,
        }
    }
}

/// The files of foreign tombstones in a pool folder.
fn foreign_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == FOREIGN_EXT))
                .collect()
        })
        .unwrap_or_default()
}

/// Writes the tombstone of this pool's own pseudonym `p` (creating the key if needed) and
/// returns its path. Writing it twice is harmless. The tombstone folder must be a real
/// folder: a symlink planted in its place is refused, or the tombstone would land where
/// other machines never look.
pub fn bury(dir: &Path, p: &str) -> Result<PathBuf, StoreError> {
    let key = pool_key(dir, true)?.ok_or_else(|| StoreError::PoolMissing(dir.to_path_buf()))?;
    let folder = dir.join(TOMBSTONE_DIR);
    match std::fs::symlink_metadata(&folder) {
        Ok(m) if m.file_type().is_symlink() => {
            return Err(StoreError::open(&folder, crate::fsx::OpenError::Symlink));
        }
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            // Shared like the pool folder: every colleague's `forget` writes its tombstone
            // here, whoever made the folder and whatever their umask.
            crate::fsx::create_shared_dir(&folder).map_err(|e| StoreError::io(&folder, e))?;
        }
        Err(e) => return Err(StoreError::io(&folder, e)),
    }
    // What a `forget` killed earlier left (half-made keys and tombstones) goes first.
    crate::fsx::remove_stale_temps(dir, None);
    crate::fsx::remove_stale_temps(&folder, None);
    let path = folder.join(tombstone_of(&keyed(&key, "p", p)));
    crate::fsx::create_new_atomic(&path, b"", false).map_err(|e| StoreError::io(&path, e))?;
    Ok(path)
}

/// Writes the foreign tombstones an import brings beside its records, in one file.
pub fn bury_foreign(import_file: &Path, names: &[&String]) -> Result<Option<PathBuf>, StoreError> {
    if names.is_empty() {
        return Ok(None);
    }
    let path = import_file.with_extension(FOREIGN_EXT);
    crate::fsx::atomic_write(&path, false, |w| {
        for n in names {
            w.write_all(n.as_bytes())?;
            w.write_all(b"\n")?;
        }
        Ok(())
    })
    .map_err(|e| StoreError::io(&path, e))?;
    Ok(Some(path))
}

/// Whether this pool's own pseudonym `p` has a tombstone: one small read and one stat, so
/// a writer can check before every append.
pub fn is_buried(dir: &Path, p: &str) -> bool {
    match pool_key(dir, false) {
        Ok(Some(key)) => dir.join(TOMBSTONE_DIR).join(tombstone_of(&keyed(&key, "p", p))).exists(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_buried_pseudonym_is_erased_in_both_forms() {
        let dir = tempfile::tempdir().expect("tmp");
        assert!(Tombstones::load(dir.path()).is_empty());
        let path = bury(dir.path(), "aaaaaaaaaaaaaaaa").expect("bury");
        assert!(is_tombstone(&path.file_name().expect("name").to_string_lossy()));
        assert_eq!(std::fs::read(&path).expect("read"), b"", "a tombstone holds nothing");
        let t = Tombstones::load(dir.path());
        assert!(t.erased("aaaaaaaaaaaaaaaa", false));
        assert!(!t.erased("bbbbbbbbbbbbbbbb", false));
        let key = pool_key(dir.path(), false).expect("key").expect("made");
        assert!(t.erased(&keyed(&key, "p", "aaaaaaaaaaaaaaaa"), true));
        // A foreign tombstone never hides this pool's own participants, only imported ones.
        let mut t = Tombstones::load(dir.path());
        let other = keyed(&key, "p", "bbbbbbbbbbbbbbbb");
        t.extend_foreign([tombstone_of(&other)]);
        assert!(!t.erased("bbbbbbbbbbbbbbbb", false));
        assert!(t.erased(&other, true));
        assert!(is_buried(dir.path(), "aaaaaaaaaaaaaaaa"));
        assert!(!is_buried(dir.path(), "bbbbbbbbbbbbbbbb"));
    }

    #[cfg(unix)]
    #[test]
    fn a_planted_tombstone_folder_link_is_refused() {
        let dir = tempfile::tempdir().expect("tmp");
        let pool = dir.path().join("pool");
        let elsewhere = dir.path().join("elsewhere");
        std::fs::create_dir_all(&pool).expect("pool");
        std::fs::create_dir_all(&elsewhere).expect("elsewhere");
        std::os::unix::fs::symlink(&elsewhere, pool.join(TOMBSTONE_DIR)).expect("symlink");
        assert!(bury(&pool, "aaaaaaaaaaaaaaaa").is_err());
        assert_eq!(std::fs::read_dir(&elsewhere).expect("ls").count(), 0);
    }
}
