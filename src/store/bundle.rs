//! Bundles: the pool carried to another team as one file. Pseudonyms and record ids are
//! replaced by keyed hashes, so nobody holding the bundle can link it to the pool's files;
//! the key lives in the pool folder, so any member of the team exports the same ids (and
//! importing two exports of one pool counts each answer once). A bundle also carries the
//! pool's tombstones, so an erased participant stays erased wherever the bundle goes. A
//! checksum guards the contents; a damaged, oversized or forged-looking bundle is refused
//! whole and changes nothing.

use std::collections::HashSet;
use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::backend::PoolStore;
use super::error::StoreError;
use super::record::{Origin, PoolRecord};
use super::tombstone::{MAX_FOREIGN, is_tombstone, keyed};
use crate::ids::hex;

/// The `format` field of every bundle.
pub const BUNDLE_FORMAT: &str = "wikken-bundle";
/// The bundle format version this build writes; it reads this one and version 1 (without
/// tombstones).
pub const BUNDLE_VERSION: u32 = 2;
/// The largest bundle file read (256 MiB: about a million answers).
pub const MAX_BUNDLE_BYTES: u64 = 256 << 20;
/// The most records one bundle may hold.
pub const MAX_BUNDLE_RECORDS: usize = 1_500_000;

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
    /// Tombstones of erased participants (version 2).
    #[serde(default)]
    pub tombstones: Vec<String>,
    /// SHA-256, hex, of the records' JSON (and, from version 2, then the tombstones' JSON).
    pub sha256: String,
}

/// What is wrong with a bundle; the interface says it in the person's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Damage {
    /// Not JSON of the bundle's shape (cut off, or another file).
    NotABundle(String),
    /// The `format` field is something else (cleaned for display).
    Format(String),
    /// A version this build does not read.
    Version(u32),
    /// The checksum does not match: changed or damaged.
    Checksum,
    /// The bundle id is not a slug.
    Id,
    /// A record with a missing or malformed field (1-based number).
    Record(usize),
    /// Larger than [`MAX_BUNDLE_BYTES`].
    TooLarge(u64),
    /// More records than [`MAX_BUNDLE_RECORDS`].
    TooManyRecords(usize),
}

/// Why a bundle was refused.
#[derive(Debug, thiserror::Error)]
pub enum BundleError {
    /// Could not be read or written (also: a symlink, FIFO or device where a file was
    /// expected).
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Not a bundle, or damaged.
    #[error("{0:?}")]
    Damaged(Damage),
}

/// The result of an import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportReport {
    /// Records in the bundle.
    pub total: usize,
    /// Records that were new to this pool.
    pub added: usize,
    /// Distinct participants among the added records.
    pub participants: usize,
    /// Records dropped because their participant was erased (tombstone).
    pub erased: usize,
}

/// The result of an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportReport {
    /// Records written.
    pub records: usize,
    /// Distinct participants among them.
    pub participants: usize,
    /// Lines and files of the pool that were skipped.
    pub warnings: Vec<super::jsonl::ReadWarning>,
}

impl Bundle {
    /// A bundle of the current version around `records` and `tombstones`, with a fresh id
    /// and its checksum: for tools and tests that build one by hand.
    pub fn seal(
        created: &str,
        records: Vec<PoolRecord>,
        tombstones: Vec<String>,
    ) -> Result<Bundle, StoreError> {
        let sha256 = checksum(BUNDLE_VERSION, &records, &tombstones)?;
        Ok(Bundle {
            format: BUNDLE_FORMAT.into(),
            version: BUNDLE_VERSION,
            id: crate::ids::random_id(),
            created: created.into(),
            records,
            tombstones,
            sha256,
        })
    }
}

impl Bundle {
    /// Recomputes the checksum for what the bundle holds now (its own version's rule), so
    /// a bundle changed by hand — in a test, a hostile one — reaches the checks behind the
    /// checksum.
    pub fn reseal(&mut self) -> Result<(), StoreError> {
        self.sha256 = checksum(self.version, &self.records, &self.tombstones)?;
        Ok(())
    }
}

/// SHA-256 over the records' JSON, then (version 2) the tombstones' JSON.
fn checksum(
    version: u32,
    records: &[PoolRecord],
    tombstones: &[String],
) -> Result<String, StoreError> {
    let mut h = Sha256::new();
    h.update(serde_json::to_vec(records)?);
    if version >= 2 {
        h.update(serde_json::to_vec(tombstones)?);
    }
    Ok(hex(&h.finalize()))
}

/// A pool's records as a bundle carries them: this pool's own (and its sessions') with
/// pseudonyms and ids hashed under the export key, other teams' as they came.
struct Anonymiser<'a> {
    key: &'a [u8],
    /// One keyed hash per pseudonym, not per record.
    hashed: std::collections::HashMap<String, String>,
}

impl Anonymiser<'_> {
    fn export_form(&mut self, record: PoolRecord, origin: Origin) -> PoolRecord {
        if origin == Origin::Imported {
            return record;
        }
        let key = self.key;
        let p = self.hashed.entry(record.p.clone()).or_insert_with(|| keyed(key, "p", &record.p));
        PoolRecord { rid: keyed(key, "r", &record.rid), p: p.clone(), ..record }
    }
}

/// The records array of a bundle as it is written: comma-separated JSON, hashed for the
/// checksum on the way out.
struct RecordsOut<'w> {
    w: &'w mut dyn Write,
    hasher: Sha256,
    line: Vec<u8>,
    written: usize,
}

impl RecordsOut<'_> {
    fn emit(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.hasher.update(bytes);
        self.w.write_all(bytes)
    }

    fn record(&mut self, record: &PoolRecord) -> std::io::Result<()> {
        let mut line = std::mem::take(&mut self.line);
        line.clear();
        if self.written > 0 {
            line.push(b',');
        }
        serde_json::to_writer(&mut line, record).map_err(std::io::Error::other)?;
        let result = self.emit(&line);
        self.line = line;
        self.written += 1;
        result
    }
}

/// Writes the anonymised bundle of a pool to `out`, streamed through one buffered writer
/// (a million records in about a second) into a temporary file that is renamed when
/// complete: never a half-written bundle.
pub fn export_to(
    pool: &dyn PoolStore,
    created: &str,
    out: &Path,
) -> Result<ExportReport, StoreError> {
    pool.ready()?;
    let key =
        pool.export_key(true)?.ok_or_else(|| StoreError::PoolMissing(pool.location().into()))?;
    let tombstones: Vec<String> = pool.tombstones().all();
    let mut participants: HashSet<String> = HashSet::new(); // exported (hashed) pseudonyms
    let mut report = ExportReport { records: 0, participants: 0, warnings: Vec::new() };
    let header = serde_json::json!({
        "format": BUNDLE_FORMAT,
        "version": BUNDLE_VERSION,
        "id": crate::ids::random_id(),
        "created": created,
    })
    .to_string();
    // What an export killed earlier left beside the same file goes first.
    let folder = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    crate::fsx::remove_stale_temps(folder, out.file_name().and_then(|n| n.to_str()));
    let created_new = crate::fsx::create_atomic(out, false, |w| {
        // The header's fields, then records, tombstones and checksum: the same JSON object
        // `read_bundle` parses, written without holding it in memory twice.
        w.write_all(&header.as_bytes()[..header.len() - 1])?;
        w.write_all(b",\"records\":")?;
        let mut records = RecordsOut { w, hasher: Sha256::new(), line: Vec::new(), written: 0 };
        records.emit(b"[")?;
        let mut anonymiser = Anonymiser { key: &key, hashed: Default::default() };
        let mut failed: Option<std::io::Error> = None;
        let scanned = pool.for_each_counted(&mut |record, origin| {
            if failed.is_none() {
                let record = anonymiser.export_form(record, origin);
                participants.insert(record.p.clone());
                failed = records.record(&record).err();
            }
        });
        report.warnings = scanned.map_err(|e| std::io::Error::other(e.to_string()))?;
        if let Some(e) = failed {
            return Err(e);
        }
        records.emit(b"]")?;
        report.records = records.written;
        let RecordsOut { w, mut hasher, .. } = records;
        w.write_all(b",\"tombstones\":")?;
        let tombstones_json = serde_json::to_vec(&tombstones).map_err(std::io::Error::other)?;
        hasher.update(&tombstones_json);
        w.write_all(&tombstones_json)?;
        write!(w, ",\"sha256\":\"{}\"}}", hex(&hasher.finalize()))
    })
    .map_err(|e| StoreError::io(out, e))?;
    if !created_new {
        // Made by someone else between the caller's check and now: never overwritten.
        return Err(StoreError::io(out, std::io::Error::from(std::io::ErrorKind::AlreadyExists)));
    }
    report.participants = participants.len();
    Ok(report)
}

/// Reads and checks a bundle: a regular file of at most [`MAX_BUNDLE_BYTES`], format,
/// version, checksum, the record cap and every record's fields.
pub fn read_bundle(path: &Path) -> Result<Bundle, BundleError> {
    let bytes = match crate::fsx::read_capped(path, MAX_BUNDLE_BYTES) {
        Ok(b) => b,
        Err(crate::fsx::OpenError::TooLarge { size, .. }) => {
            return Err(BundleError::Damaged(Damage::TooLarge(size)));
        }
        Err(e) => return Err(StoreError::open(path, e).into()),
    };
    parse_bundle(&bytes).map_err(BundleError::Damaged)
}

/// Checks a bundle's bytes (see [`read_bundle`]).
pub fn parse_bundle(bytes: &[u8]) -> Result<Bundle, Damage> {
    // Every record has one "rid" key: counting them first refuses an oversized bundle before
    // parsing it would take gigabytes. (A hostile bundle that writes "rid" into its texts
    // only gets itself refused sooner.)
    let keys = bytes.windows(6).filter(|w| *w == b"\"rid\":").count();
    if keys > MAX_BUNDLE_RECORDS {
        return Err(Damage::TooManyRecords(keys));
    }
    let bundle: Bundle =
        serde_json::from_slice(bytes).map_err(|e| Damage::NotABundle(e.to_string()))?;
    if bundle.format != BUNDLE_FORMAT {
        let shown: String = bundle.format.chars().take(40).collect();
        return Err(Damage::Format(crate::clean::line(&shown).into_owned()));
    }
    if !(1..=BUNDLE_VERSION).contains(&bundle.version) {
        return Err(Damage::Version(bundle.version));
    }
    if bundle.records.len() > MAX_BUNDLE_RECORDS {
        return Err(Damage::TooManyRecords(bundle.records.len()));
    }
    let sum = checksum(bundle.version, &bundle.records, &bundle.tombstones)
        .map_err(|e| Damage::NotABundle(e.to_string()))?;
    if sum != bundle.sha256 {
        return Err(Damage::Checksum);
    }
    if !crate::pack::is_slug(&bundle.id) {
        return Err(Damage::Id);
    }
    if let Some(i) = bundle.records.iter().position(|r| !plausible(r)) {
        return Err(Damage::Record(i + 1));
    }
    if bundle.tombstones.len() > MAX_FOREIGN || bundle.tombstones.iter().any(|t| !is_tombstone(t)) {
        return Err(Damage::NotABundle("tombstones".into()));
    }
    Ok(bundle)
}

/// Whether a record has the shape wikken writes: hashed ids of 16 hex digits, slugs for
/// pack, dilemma and werkwijzen, a date `YYYY-MM-DD`, and a reasoning no longer than a
/// pool line may be.
fn plausible(r: &PoolRecord) -> bool {
    let hex16 = |s: &str| s.len() == 16 && s.bytes().all(|b| b.is_ascii_hexdigit());
    let slug = |s: &str| crate::pack::is_slug(s);
    let date = r.date.len() == 10
        && r.date
            .bytes()
            .enumerate()
            .all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    hex16(&r.rid)
        && hex16(&r.p)
        && slug(&r.pack)
        && slug(&r.dilemma)
        && slug(&r.first)
        && r.revised.as_deref().is_none_or(slug)
        && r.v >= 1
        && date
        && r.reasoning.as_ref().is_none_or(|t| t.len() <= super::jsonl::MAX_LINE / 2)
}

/// Adds a bundle's records that this pool does not have yet, as one new pool file written
/// at once (temporary file + rename), and its tombstones beside it. Importing the same
/// bundle again adds nothing; a record this pool has in an older form (a revision made
/// after the earlier bundle) is added in its new form; the team's own answers coming back
/// through another team are dropped, and so are records of erased participants — so an
/// answer erased here cannot come back through another team's bundle.
pub fn import(pool: &dyn PoolStore, bundle: &Bundle) -> Result<ImportReport, StoreError> {
    pool.ready()?;
    let mut existing: Vec<(PoolRecord, Origin)> = Vec::new();
    pool.for_each_counted(&mut |r, origin| existing.push((r, origin)))?;
    let mut tombstones = pool.tombstones();
    let mut new_tombstones: Vec<&String> =
        bundle.tombstones.iter().filter(|t| !tombstones.contains(t)).collect();
    new_tombstones.sort();
    new_tombstones.dedup();
    tombstones.extend_foreign(bundle.tombstones.iter().cloned());
    let known: std::collections::HashMap<&str, &PoolRecord> =
        existing.iter().map(|(r, _)| (r.rid.as_str(), r)).collect();
    let key = pool.export_key(false)?;
    // Our own records, exported earlier and now coming back: their hashed pseudonyms match
    // (also for an answer given again since, which has a new record id).
    let own: HashSet<String> = match &key {
        Some(key) => existing
            .iter()
            .filter(|(_, origin)| *origin != Origin::Imported)
            .map(|(r, _)| keyed(key, "p", &r.p))
            .collect(),
        None => HashSet::new(),
    };
    let mut erased = 0;
    let new: Vec<&PoolRecord> = bundle
        .records
        .iter()
        .filter(|r| {
            if tombstones.erased(&r.p, true) {
                erased += 1;
                return false;
            }
            !own.contains(&r.p) && known.get(r.rid.as_str()).is_none_or(|old| *old != *r)
        })
        .collect();
    let participants: HashSet<&str> = new.iter().map(|r| r.p.as_str()).collect();
    let mut report = ImportReport {
        total: bundle.records.len(),
        added: new.len(),
        participants: participants.len(),
        erased,
    };
    if new.is_empty() && new_tombstones.is_empty() {
        return Ok(report);
    }
    report.added = pool.import_batch(&new, &new_tombstones)?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Pseudonym;

    fn filled_pool(dir: &Path, n: usize) -> crate::store::FolderPool {
        let pool = crate::store::FolderPool::new(dir);
        for i in 0..n {
            let who = Pseudonym(format!("{i:016x}"));
            let mut r = crate::store::record::test_record(
                &format!("{:016x}", i + 100),
                &who.0,
                "a",
                None,
                "2026-11-23",
            );
            r.reasoning = Some("gedeeld".into());
            pool.append(&who, &r).expect("append");
        }
        pool
    }

    #[test]
    fn streamed_export_is_a_bundle_that_reads_back() {
        let dir = tempfile::tempdir().expect("tmp");
        let pool = filled_pool(&dir.path().join("pool"), 4);
        let out = dir.path().join("b.json");
        let report = export_to(&pool, "2026-12-01", &out).expect("export");
        assert_eq!((report.records, report.participants), (4, 4));
        let bundle = read_bundle(&out).expect("reads back");
        assert_eq!(bundle.records.len(), 4);
        assert_eq!(bundle.version, BUNDLE_VERSION);
        assert!(bundle.records.iter().all(|r| r.p.len() == 16 && !r.p.starts_with("000000000000")));
    }

    #[test]
    fn hostile_bundles_are_refused_with_a_named_reason() {
        let ok = |records: Vec<PoolRecord>, tombstones: Vec<String>| {
            let sha256 = checksum(2, &records, &tombstones).expect("sum");
            let b = Bundle {
                format: BUNDLE_FORMAT.into(),
                version: 2,
                id: "0123456789abcdef".into(),
                created: "2026-12-01".into(),
                records,
                tombstones,
                sha256,
            };
            serde_json::to_vec(&b).expect("json")
        };
        let good = crate::store::record::test_record(
            "00000000000000aa",
            "00000000000000bb",
            "a",
            None,
            "2026-11-23",
        );
        assert!(parse_bundle(&ok(vec![good.clone()], vec![])).is_ok());
        let mut evil = good.clone();
        evil.revised = Some("\u{1b}]0;pwned\u{7}".into());
        assert_eq!(parse_bundle(&ok(vec![evil], vec![])), Err(Damage::Record(1)));
        let mut evil = good.clone();
        evil.date = "gisteren!!".into();
        assert_eq!(parse_bundle(&ok(vec![good.clone(), evil], vec![])), Err(Damage::Record(2)));
        assert!(matches!(parse_bundle(&ok(vec![], vec!["x".into()])), Err(Damage::NotABundle(_))));
        let text = String::from_utf8(ok(vec![good], vec![]))
            .expect("utf8")
            .replace("wikken-bundle", "\\u001b[2J");
        match parse_bundle(text.as_bytes()) {
            Err(Damage::Format(f)) => assert!(!f.contains('\u{1b}'), "{f:?}"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(parse_bundle(b"{\"format\":"), Err(Damage::NotABundle(_))));
        // Too many records is refused before the bundle is parsed.
        let many = "{\"rid\":0}".repeat(MAX_BUNDLE_RECORDS + 1);
        assert_eq!(
            parse_bundle(many.as_bytes()),
            Err(Damage::TooManyRecords(MAX_BUNDLE_RECORDS + 1))
        );
    }
}
