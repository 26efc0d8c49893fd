//! The pool's key and tombstones: what keeps an erased participant erased.
//!
//! The key (32 bytes from the OS, in the pool folder) turns pseudonyms and record ids into
//! keyed hashes for bundles, so a team that receives a bundle cannot link it to the
//! sending pool's files. A tombstone is an empty file `tombstones/<hash>` whose name is a
//! hash of the participant's *exported* pseudonym (itself a keyed hash); nothing else. One
//! form serves every place a forgotten answer could come back from: this pool's own files
//! (an open trainer elsewhere that appends again), imported files, and bundles — which
//! carry their tombstones along, so the erasure also reaches teams that imported them.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::error::StoreError;
use super::hex;

/// The key file in a pool folder (its name predates tombstones; existing pools keep it).
pub const KEY_FILE: &str = ".wikken-export-key";
/// The folder of tombstones in a pool folder.
pub const TOMBSTONE_DIR: &str = "tombstones";

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
    super::os_random(&mut key);
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
    set: HashSet<String>,
}

impl Tombstones {
    /// Reads the tombstones of the pool in `dir` (none when the folder or key is missing).
    pub fn load(dir: &Path) -> Self {
        let set: HashSet<String> = std::fs::read_dir(dir.join(TOMBSTONE_DIR))
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .filter_map(|e| e.file_name().to_str().map(str::to_string))
                    .filter(|n| is_tombstone(n))
                    .collect()
            })
            .unwrap_or_default();
        let key = if set.is_empty() { None } else { pool_key(dir, false).ok().flatten() };
        Tombstones { key, set }
    }

    /// Whether there are none (the common case: nothing to check).
    pub fn is_empty(&self) -> bool {
        self.set.is_empty()
    }

    /// The tombstones, for a bundle.
    pub fn names(&self) -> impl Iterator<Item = &String> {
        self.set.iter()
    }

    /// Adds tombstones (from a bundle) to this in-memory set.
    pub fn extend(&mut self, more: impl IntoIterator<Item = String>) {
        self.set.extend(more.into_iter().filter(|t| is_tombstone(t)));
    }

    /// Whether pseudonym `p` was erased. `imported` pseudonyms are already in exported
    /// form; this pool's own are hashed with its key first.
    pub fn erased(&self, p: &str, imported: bool) -> bool {
        if self.set.is_empty() {
            return false;
        }
        if imported {
            return self.set.contains(&tombstone_of(p));
        }
        match &self.key {
            Some(key) => self.set.contains(&tombstone_of(&keyed(key, "p", p))),
            None => false,
        }
    }
}

/// Writes the tombstone of this pool's own pseudonym `p` (creating the key if needed) and
/// returns its path. Writing it twice is harmless.
pub fn bury(dir: &Path, p: &str) -> Result<PathBuf, StoreError> {
    let key = pool_key(dir, true)?.ok_or_else(|| StoreError::PoolMissing(dir.to_path_buf()))?;
    bury_exported(dir, &tombstone_of(&keyed(&key, "p", p)))
}

/// Writes a tombstone by name (from a bundle, or [`bury`]).
pub fn bury_exported(dir: &Path, name: &str) -> Result<PathBuf, StoreError> {
    let folder = dir.join(TOMBSTONE_DIR);
    std::fs::create_dir_all(&folder).map_err(|e| StoreError::io(&folder, e))?;
    let path = folder.join(name);
    crate::fsx::create_new_atomic(&path, b"", false).map_err(|e| StoreError::io(&path, e))?;
    Ok(path)
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
        assert!(is_buried(dir.path(), "aaaaaaaaaaaaaaaa"));
        assert!(!is_buried(dir.path(), "bbbbbbbbbbbbbbbb"));
    }
}
