//! The participant pseudonym: one random id per install, never a name. It is what makes
//! "one participant answering twice counts once" possible in the pool.

use std::io::Write;
use std::path::Path;

use super::error::StoreError;

/// A random participant id, 16 hex digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Pseudonym(pub String);

impl Pseudonym {
    /// A fresh random pseudonym.
    pub fn random() -> Self {
        Pseudonym(super::random_id())
    }
}

/// Reads `DATA/participant`, creating it with a fresh pseudonym on first use.
pub fn load_or_create_pseudonym(data: &Path) -> Result<Pseudonym, StoreError> {
    let path = data.join("participant");
    // A missing or damaged file gets a fresh id: a damaged id was unusable anyway.
    if let Ok(text) = std::fs::read_to_string(&path)
        && is_pseudonym(text.trim())
    {
        return Ok(Pseudonym(text.trim().to_string()));
    }
    std::fs::create_dir_all(data).map_err(|e| StoreError::io(data, e))?;
    let id = Pseudonym::random();
    // Write to a temporary file and rename, so a crash never leaves a half-written id.
    let tmp = data.join("participant.tmp");
    let mut f = std::fs::File::create(&tmp).map_err(|e| StoreError::io(&tmp, e))?;
    f.write_all(id.0.as_bytes())
        .and_then(|()| f.sync_all())
        .map_err(|e| StoreError::io(&tmp, e))?;
    std::fs::rename(&tmp, &path).map_err(|e| StoreError::io(&path, e))?;
    Ok(id)
}

fn is_pseudonym(s: &str) -> bool {
    s.len() == 16 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn created_once_then_reused() {
        let dir = tempfile::tempdir().expect("tmp");
        let a = load_or_create_pseudonym(dir.path()).expect("create");
        let b = load_or_create_pseudonym(dir.path()).expect("load");
        assert_eq!(a, b);
        assert!(is_pseudonym(&a.0));
        std::fs::write(dir.path().join("participant"), "kapot").expect("damage");
        let c = load_or_create_pseudonym(dir.path()).expect("replace");
        assert!(is_pseudonym(&c.0));
    }
}
