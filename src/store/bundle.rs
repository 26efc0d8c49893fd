//! Bundles: the pool carried to another team as one file. Pseudonyms and record ids are
//! replaced by keyed hashes, so nobody holding the bundle can link it to the pool's files;
//! the key lives in the pool folder, so any member of the team exports the same ids (and
//! importing two exports of one pool counts each answer once). A checksum guards the
//! records; a damaged bundle is refused whole and changes nothing.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::error::StoreError;
use super::pool::{Pool, PoolRecord};

/// The `format` field of every bundle.
pub const BUNDLE_FORMAT: &str = "wikken-bundle";
/// The bundle format version this build writes and reads.
pub const BUNDLE_VERSION: u32 = 1;
/// Pool files written by imports start with this, and are exported as they are.
pub const IMPORT_PREFIX: &str = "import-";
const KEY_FILE: &str = ".wikken-export-key";

/// A bundle file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bundle {
    /// Always [`BUNDLE_FORMAT`].
    pub format: String,
    /// Format version.
    pub version: u32,
    /// Random id of this bundle.
    pub id: String,
    /// Date written.
    pub created: String,
    /// The anonymised records.
    pub records: Vec<PoolRecord>,
    /// SHA-256 of the records' JSON, hex.
    pub sha256: String,
}

/// Why a bundle was refused.
#[derive(Debug, thiserror::Error)]
pub enum BundleError {
    /// Could not be read or written.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Not a bundle, or damaged.
    #[error("{0}")]
    Damaged(String),
}

/// The result of an import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportReport {
    /// Records in the bundle.
    pub total: usize,
    /// Records that were new to this pool.
    pub added: usize,
    /// The pool file written, if any.
    pub file: Option<PathBuf>,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn checksum(records: &[PoolRecord]) -> Result<String, StoreError> {
    Ok(hex(&Sha256::digest(serde_json::to_vec(records)?)))
}

/// The pool's export key, created on first use.
fn export_key(pool: &Pool) -> Result<Vec<u8>, StoreError> {
    let path = pool.dir().join(KEY_FILE);
    if let Ok(key) = std::fs::read(&path)
        && key.len() >= 16
    {
        return Ok(key);
    }
    std::fs::create_dir_all(pool.dir()).map_err(|e| StoreError::io(pool.dir(), e))?;
    let key: Vec<u8> = (0..32).map(|_| rand::random::<u8>()).collect();
    match std::fs::OpenOptions::new().write(true).create_new(true).open(&path) {
        Ok(mut f) => {
            f.write_all(&key).and_then(|()| f.sync_all()).map_err(|e| StoreError::io(&path, e))?;
            Ok(key)
        }
        // Another team member created it at the same moment: use theirs.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            std::fs::read(&path).map_err(|e| StoreError::io(&path, e))
        }
        Err(e) => Err(StoreError::io(&path, e)),
    }
}

fn keyed(key: &[u8], kind: &str, value: &str) -> String {
    let mut h = Sha256::new();
    h.update(key);
    h.update(kind.as_bytes());
    h.update(value.as_bytes());
    hex(&h.finalize()[..8])
}

/// Builds the anonymised bundle of a pool.
pub fn export(pool: &Pool, created: &str) -> Result<Bundle, StoreError> {
    let key = export_key(pool)?;
    let (records, _warnings) = pool.load_with_origin();
    let records: Vec<PoolRecord> = records
        .into_iter()
        .map(|(record, imported)| {
            if imported {
                record
            } else {
                PoolRecord {
                    rid: keyed(&key, "r", &record.rid),
                    p: keyed(&key, "p", &record.p),
                    ..record
                }
            }
        })
        .collect();
    let sha256 = checksum(&records)?;
    Ok(Bundle {
        format: BUNDLE_FORMAT.into(),
        version: BUNDLE_VERSION,
        id: super::random_id(),
        created: created.into(),
        records,
        sha256,
    })
}

/// Writes a bundle to `out` (temporary file, then rename: never a half-written bundle).
pub fn write_bundle(bundle: &Bundle, out: &Path) -> Result<(), StoreError> {
    let tmp = out.with_extension("tmp");
    let mut f = std::fs::File::create(&tmp).map_err(|e| StoreError::io(&tmp, e))?;
    serde_json::to_writer(&mut f, bundle)?;
    f.sync_all().map_err(|e| StoreError::io(&tmp, e))?;
    std::fs::rename(&tmp, out).map_err(|e| StoreError::io(out, e))
}

/// Reads and checks a bundle: format, version, checksum and every record's fields.
pub fn read_bundle(path: &Path) -> Result<Bundle, BundleError> {
    let bytes = std::fs::read(path).map_err(|e| StoreError::io(path, e))?;
    let bundle: Bundle =
        serde_json::from_slice(&bytes).map_err(|e| BundleError::Damaged(e.to_string()))?;
    if bundle.format != BUNDLE_FORMAT {
        return Err(BundleError::Damaged(format!("format \"{}\"", bundle.format)));
    }
    if bundle.version != BUNDLE_VERSION {
        return Err(BundleError::Damaged(format!("version {}", bundle.version)));
    }
    if checksum(&bundle.records)? != bundle.sha256 {
        return Err(BundleError::Damaged("checksum".into()));
    }
    if !crate::pack::is_slug(&bundle.id) {
        return Err(BundleError::Damaged(format!("id \"{}\"", bundle.id)));
    }
    for (i, r) in bundle.records.iter().enumerate() {
        let ok = [&r.rid, &r.pack, &r.dilemma, &r.first, &r.p].iter().all(|s| !s.is_empty())
            && r.v >= 1
            && r.date.len() == 10;
        if !ok {
            return Err(BundleError::Damaged(format!("record {}", i + 1)));
        }
    }
    Ok(bundle)
}

/// Adds a bundle's records that this pool does not have yet, as one new pool file written
/// at once (temporary file + rename). Importing the same bundle again adds nothing.
pub fn import(pool: &Pool, bundle: &Bundle) -> Result<ImportReport, StoreError> {
    let (existing, _) = pool.load();
    let known: HashSet<&str> = existing.iter().map(|r| r.rid.as_str()).collect();
    let key = std::fs::read(pool.dir().join(KEY_FILE)).ok();
    // Our own records, exported earlier and now coming back: their hashed ids match.
    let own: HashSet<String> = match &key {
        Some(key) => existing.iter().map(|r| keyed(key, "r", &r.rid)).collect(),
        None => HashSet::new(),
    };
    let new: Vec<&PoolRecord> = bundle
        .records
        .iter()
        .filter(|r| !known.contains(r.rid.as_str()) && !own.contains(&r.rid))
        .collect();
    let total = bundle.records.len();
    if new.is_empty() {
        return Ok(ImportReport { total, added: 0, file: None });
    }
    std::fs::create_dir_all(pool.dir()).map_err(|e| StoreError::io(pool.dir(), e))?;
    let file =
        pool.dir().join(format!("{IMPORT_PREFIX}{}-{}.jsonl", bundle.id, super::random_id()));
    let tmp = file.with_extension("tmp");
    let mut text = Vec::new();
    for r in &new {
        serde_json::to_writer(&mut text, r)?;
        text.push(b'\n');
    }
    let mut f = std::fs::File::create(&tmp).map_err(|e| StoreError::io(&tmp, e))?;
    f.write_all(&text).and_then(|()| f.sync_all()).map_err(|e| StoreError::io(&tmp, e))?;
    std::fs::rename(&tmp, &file).map_err(|e| StoreError::io(&file, e))?;
    Ok(ImportReport { total, added: new.len(), file: Some(file) })
}
