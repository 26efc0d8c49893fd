//! The stats cache against a full count, case by case.
//!
//! Test code only: the parent declares this module under `#[cfg(test)]`, so an `expect` here
//! states what the test needs rather than an invariant of the program.

use std::path::{Path, PathBuf};

use super::format::{ENTRY_BYTES, header, read_cache};
use super::keys::Keys;
use super::*;
use crate::store::jsonl::MAX_LINE;
use crate::store::tally::id64;
use crate::store::{PoolRecord, Tally};

/// What a full count says: the rows and warnings the cache must reproduce.
pub(super) fn full_count(dir: &Path) -> (Rows, Vec<ReadWarning>) {
    let counted = super::without_cache(dir);
    (counted.rows, counted.warnings)
}

/// Counts with the cache and checks the result against a full count.
#[track_caller]
fn check(dir: &Path, cache: &Path) -> CacheUse {
    let counted = count(dir, cache);
    let (rows, warnings) = full_count(dir);
    assert_eq!(counted.rows, rows, "counts differ from a full count");
    assert_eq!(counted.warnings, warnings, "warnings differ from a full count");
    counted.used
}

fn record(p: &str, dilemma: &str, first: &str, revised: Option<&str>) -> PoolRecord {
    PoolRecord {
        rid: "r".into(),
        pack: "p".into(),
        v: 1,
        dilemma: dilemma.into(),
        first: first.into(),
        revised: revised.map(Into::into),
        p: p.into(),
        date: "2026-11-23".into(),
        reasoning: Some("geheime overweging".into()),
    }
}

fn line(r: &PoolRecord) -> Vec<u8> {
    let mut l = serde_json::to_vec(r).expect("json");
    l.push(b'\n');
    l
}

fn append(path: &Path, bytes: &[u8]) {
    use std::io::Write as _;
    let mut f = std::fs::OpenOptions::new().create(true).append(true).open(path).expect("open");
    f.write_all(bytes).expect("append");
}

struct Pool {
    _tmp: tempfile::TempDir,
    dir: PathBuf,
    cache: PathBuf,
}

fn pool() -> Pool {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("pool");
    std::fs::create_dir_all(&dir).expect("pool");
    let cache = tmp.path().join("data/cache/stats.json");
    Pool { _tmp: tmp, dir, cache }
}

const A: &str = "aaaaaaaaaaaaaaaa";
const B: &str = "bbbbbbbbbbbbbbbb";

#[test]
fn unchanged_files_are_not_read_again_and_appends_are_read_alone() {
    let p = pool();
    let (a, b) = (p.dir.join(format!("{A}.jsonl")), p.dir.join(format!("{B}.jsonl")));
    append(&a, &line(&record(A, "d", "x", None)));
    append(&b, &line(&record(B, "d", "y", None)));
    assert_eq!(check(&p.dir, &p.cache), CacheUse::Rebuilt);
    assert_eq!(check(&p.dir, &p.cache), CacheUse::Hit);
    // A re-answer in the same file replaces the earlier one.
    append(&a, &line(&record(A, "d", "y", Some("x"))));
    assert_eq!(check(&p.dir, &p.cache), CacheUse::Updated);
    assert_eq!(check(&p.dir, &p.cache), CacheUse::Hit);
    // A line in a file later in name order replaces an answer in an earlier one; in an
    // earlier file it does not.
    append(&b, &line(&record(A, "d", "z", None)));
    append(&a, &line(&record(B, "d", "z", None)));
    assert_eq!(check(&p.dir, &p.cache), CacheUse::Updated);
    // A new file that sorts first loses to every file that was there.
    let first = p.dir.join("0000000000000000.jsonl");
    append(&first, &line(&record(A, "d", "w", None)));
    append(&first, &line(&record("cccccccccccccccc", "e", "w", None)));
    assert_eq!(check(&p.dir, &p.cache), CacheUse::Updated);
    // Session and imported files count apart.
    append(&p.dir.join("session-1.jsonl"), &line(&record(A, "d", "x", None)));
    append(&p.dir.join("import-000001-t.jsonl"), &line(&record(A, "d", "x", None)));
    assert_eq!(check(&p.dir, &p.cache), CacheUse::Updated);
    assert_eq!(check(&p.dir, &p.cache), CacheUse::Hit);
}

#[test]
fn a_file_that_shrank_vanished_or_was_replaced_is_recounted() {
    let p = pool();
    let a = p.dir.join(format!("{A}.jsonl"));
    let b = p.dir.join(format!("{B}.jsonl"));
    append(&a, &line(&record(A, "d", "x", None)));
    append(&b, &line(&record(A, "d", "y", None)));
    append(&b, &line(&record(B, "d", "y", None)));
    assert_eq!(check(&p.dir, &p.cache), CacheUse::Rebuilt);

    // Shrank: B's line for A is gone, so A's answer in the earlier file counts again.
    let text = std::fs::read(&b).expect("read");
    let cut = text.iter().position(|&c| c == b'\n').expect("line") + 1;
    std::fs::write(&b, &text[cut..]).expect("shrink");
    assert_eq!(check(&p.dir, &p.cache), CacheUse::Rebuilt);

    // Replaced by a file of the same size with other bytes (a new inode).
    let text = std::fs::read(&a).expect("read");
    let other = String::from_utf8(text.clone()).expect("utf8").replace("\"x\"", "\"q\"");
    assert_eq!(other.len(), text.len());
    let tmp = p.dir.join("tmp");
    std::fs::write(&tmp, &other).expect("write");
    std::fs::rename(&tmp, &a).expect("rename");
    assert_eq!(check(&p.dir, &p.cache), CacheUse::Rebuilt);

    // Rewritten in place, same size, same inode.
    std::thread::sleep(std::time::Duration::from_millis(10));
    let text = std::fs::read(&a).expect("read");
    let other = String::from_utf8(text).expect("utf8").replace("\"q\"", "\"x\"");
    {
        use std::io::Write as _;
        let mut f = std::fs::OpenOptions::new().write(true).open(&a).expect("open");
        f.write_all(other.as_bytes()).expect("rewrite");
    }
    assert_eq!(check(&p.dir, &p.cache), CacheUse::Rebuilt);

    // Replaced by a copy that starts with the same bytes and has more (a sync client):
    // still counted on from the cache.
    let mut copy = std::fs::read(&a).expect("read");
    copy.extend(line(&record(A, "e", "x", None)));
    std::fs::write(&tmp, &copy).expect("write");
    std::fs::rename(&tmp, &a).expect("rename");
    assert_eq!(check(&p.dir, &p.cache), CacheUse::Updated);

    // Removed.
    std::fs::remove_file(&b).expect("remove");
    assert_eq!(check(&p.dir, &p.cache), CacheUse::Rebuilt);
    // Grown beyond what a pool file may be: refused, so recounted without it.
    let f = std::fs::OpenOptions::new().write(true).open(&a).expect("open");
    f.set_len(crate::store::jsonl::MAX_FILE + 1).expect("sparse");
    drop(f);
    assert_eq!(check(&p.dir, &p.cache), CacheUse::Rebuilt);
}

#[test]
fn a_cut_off_last_line_counts_but_is_read_again() {
    let p = pool();
    let a = p.dir.join(format!("{A}.jsonl"));
    append(&a, &line(&record(A, "d", "x", None)));
    // A whole record without its newline counts (as in a full count) on every run, though
    // the file did not change ...
    let whole = line(&record(A, "d", "y", None));
    append(&a, &whole[..whole.len() - 1]);
    assert_eq!(check(&p.dir, &p.cache), CacheUse::Rebuilt);
    assert_eq!(check(&p.dir, &p.cache), CacheUse::Hit, "the last record still counts");
    // ... and when the writer adds the newline, it is kept.
    append(&a, b"\n");
    assert_eq!(check(&p.dir, &p.cache), CacheUse::Updated);
    assert_eq!(check(&p.dir, &p.cache), CacheUse::Hit);
    // Half a record: a warning on every run, and nothing read again while the file is as
    // it was; the next writer starts a new line.
    append(&a, &whole[..20]);
    assert_eq!(check(&p.dir, &p.cache), CacheUse::Updated);
    let counted = count(&p.dir, &p.cache);
    assert_eq!((counted.used, counted.warnings.len()), (CacheUse::Hit, 1));
    let mut next = b"\n".to_vec();
    next.extend(line(&record(A, "d", "z", None)));
    append(&a, &next);
    assert_eq!(check(&p.dir, &p.cache), CacheUse::Updated);
    // The damaged line is now inside the counted part: still said on every run, though
    // the file is not read again.
    let counted = count(&p.dir, &p.cache);
    assert_eq!(counted.used, CacheUse::Hit);
    assert_eq!(counted.warnings.len(), 1);
    assert_eq!(counted.warnings[0].line, 3);
}

#[test]
fn tombstones_recount_and_the_erased_leave_the_cache() {
    let p = pool();
    let a = p.dir.join(format!("{A}.jsonl"));
    append(&a, &line(&record(A, "d", "x", None)));
    append(&p.dir.join(format!("{B}.jsonl")), &line(&record(B, "d", "y", None)));
    assert_eq!(check(&p.dir, &p.cache), CacheUse::Rebuilt);
    let secret =
        std::fs::read_to_string(p.cache.parent().expect("dir").join(KEY_NAME)).expect("key");
    let keys = Keys::derive(secret.trim().as_bytes());
    let whos = || {
        let expect = header(&p.dir, &Tombstones::load(&p.dir), &keys);
        let mut cached = read_cache(&p.cache, &keys, &expect).expect("cache");
        cached.entries(&keys).expect("entries").iter().map(|e| e.who).collect::<Vec<u64>>()
    };
    let a_who = keys.who(Origin::Own, id64(A));
    assert!(whos().contains(&a_who));
    crate::store::tombstone::bury(&p.dir, A).expect("bury");
    assert_eq!(check(&p.dir, &p.cache), CacheUse::Rebuilt);
    assert!(!whos().contains(&a_who), "an erased participant is still in the cache");
    // A trainer still open elsewhere appends again: not counted.
    append(&a, &line(&record(A, "e", "x", None)));
    assert_eq!(check(&p.dir, &p.cache), CacheUse::Updated);
    assert!(!whos().contains(&a_who));
}

#[test]
fn k_is_not_in_the_cache() {
    let p = pool();
    for (i, who) in ["1", "2", "3", "4"].iter().enumerate() {
        append(&p.dir.join(format!("{who}.jsonl")), &line(&record(who, "d", "x", None)));
        let _ = i;
    }
    let counted = count(&p.dir, &p.cache);
    assert_eq!(counted.used, CacheUse::Rebuilt);
    let four = crate::store::Summary::from_tally(
        &Tally::load(&p.dir, false).0,
        crate::store::Threshold::new(4),
    );
    let counted = count(&p.dir, &p.cache);
    assert_eq!(counted.used, CacheUse::Hit);
    let summary =
        crate::store::cache::summarise_pool(&p.dir, &p.cache, crate::store::Threshold::new(4)).0;
    assert_eq!(summary, four);
    let five =
        crate::store::cache::summarise_pool(&p.dir, &p.cache, crate::store::Threshold::new(5)).0;
    assert_eq!(five.rows[0].first, Vec::new(), "below k nothing per werkwijze");
}

#[test]
fn another_pool_folder_or_key_recounts() {
    let p = pool();
    append(&p.dir.join(format!("{A}.jsonl")), &line(&record(A, "d", "x", None)));
    assert_eq!(check(&p.dir, &p.cache), CacheUse::Rebuilt);
    let other = p.dir.with_file_name("other");
    std::fs::create_dir_all(&other).expect("other");
    append(&other.join(format!("{A}.jsonl")), &line(&record(A, "d", "x", None)));
    assert_eq!(check(&other, &p.cache), CacheUse::Rebuilt);
    assert_eq!(check(&other, &p.cache), CacheUse::Hit);
    std::fs::remove_file(p.cache.with_file_name(KEY_NAME)).expect("rm key");
    assert_eq!(check(&other, &p.cache), CacheUse::Rebuilt);
}

#[test]
fn the_cache_holds_no_pseudonyms_names_dates_or_reasoning() {
    let p = pool();
    let a = p.dir.join(format!("{A}.jsonl"));
    append(&a, &line(&record(A, "d", "x", None)));
    append(&p.dir.join(format!("{B}.jsonl")), &line(&record(B, "d", "geheimekeuze", None)));
    // A damaged line holding a secret: its warning is kept, never its contents.
    append(&a, b"{\"rid\": \"GEHEIM-IN-KAPOTTE-REGEL\", \"v\": \"x\"}\n");
    let counted = count(&p.dir, &p.cache);
    assert_eq!(counted.warnings.len(), 1);
    let bytes = std::fs::read(&p.cache).expect("cache");
    let has = |s: &[u8]| bytes.windows(s.len()).any(|w| w == s);
    let needles: [&[u8]; 6] =
        [A.as_bytes(), B.as_bytes(), b"jsonl", b"2026", b"geheime overweging", b"GEHEIM"];
    for needle in needles {
        assert!(!has(needle), "{} in the cache", String::from_utf8_lossy(needle));
    }
    // The pseudonym as a number (how the tally keys it) is not there either.
    assert!(!has(&id64(A).to_le_bytes()) && !has(&id64(A).to_be_bytes()));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode(&p.cache), 0o600);
        assert_eq!(mode(&p.cache.with_file_name(KEY_NAME)), 0o600);
        assert_eq!(mode(p.cache.parent().expect("dir")), 0o700);
    }
}

#[test]
fn a_damaged_cache_is_recounted_never_trusted() {
    let p = pool();
    for who in [A, B, "cccccccccccccccc"] {
        append(&p.dir.join(format!("{who}.jsonl")), &line(&record(who, "d", "x", Some("y"))));
    }
    assert_eq!(check(&p.dir, &p.cache), CacheUse::Rebuilt);
    let good = std::fs::read(&p.cache).expect("cache");
    let mut damaged: Vec<Vec<u8>> =
        vec![Vec::new(), b"kapot".to_vec(), good[..good.len() / 2].to_vec()];
    for at in [0, 9, 13, good.len() / 2, good.len() - 40, good.len() - 1] {
        let mut d = good.clone();
        d[at] ^= 0x20;
        damaged.push(d);
    }
    let mut longer = good.clone();
    longer.extend_from_slice(&[0; 18]);
    damaged.push(longer);
    let a = p.dir.join(format!("{A}.jsonl"));
    for d in damaged {
        std::fs::write(&p.cache, &d).expect("damage");
        // One more answer, so the run needs the entries as well as the head.
        append(&a, &line(&record(A, "d", "y", None)));
        assert_eq!(check(&p.dir, &p.cache), CacheUse::Rebuilt);
    }
    // The cache undamaged is counted on: each recount above was the damage's doing.
    std::fs::write(&p.cache, &good).expect("restore");
    append(&a, &line(&record(A, "d", "x", None)));
    assert_eq!(check(&p.dir, &p.cache), CacheUse::Updated);
}

#[test]
fn a_run_where_nothing_changed_reads_only_the_head() {
    let p = pool();
    for who in [A, B] {
        append(&p.dir.join(format!("{who}.jsonl")), &line(&record(who, "d", "x", Some("y"))));
    }
    assert_eq!(check(&p.dir, &p.cache), CacheUse::Rebuilt);
    // Damage in the entries alone does not matter while nothing changed (the head's counts,
    // checked, are the result) …
    let mut bytes = std::fs::read(&p.cache).expect("cache");
    let last = bytes.len() - 1;
    bytes[last] ^= 0x01;
    std::fs::write(&p.cache, &bytes).expect("damage");
    assert_eq!(check(&p.dir, &p.cache), CacheUse::Hit);
    // … and is found as soon as they are needed.
    append(&p.dir.join(format!("{A}.jsonl")), &line(&record(A, "e", "x", None)));
    assert_eq!(check(&p.dir, &p.cache), CacheUse::Rebuilt);
    assert_eq!(check(&p.dir, &p.cache), CacheUse::Hit);
}

/// A cache file with edited fields signed again under `keys`: the entries' HMAC in the head
/// and the head's HMAC, as the format has them (see `format.rs`).
fn sign(keys: &Keys, mut file: Vec<u8>) -> Vec<u8> {
    let head_len = u64::from_le_bytes(file[12..20].try_into().expect("8 bytes")) as usize;
    let head_end = 20 + head_len;
    let entries = file[head_end + 32..].to_vec();
    let mac = keys.mac(&[b"entries", &entries]);
    file[head_end - 32..head_end].copy_from_slice(&mac);
    let mac = keys.mac(&[&file[..head_end]]);
    file[head_end..head_end + 32].copy_from_slice(&mac);
    file
}

#[test]
fn a_cache_signed_with_the_key_but_inconsistent_is_recounted() {
    let p = pool();
    let a = p.dir.join(format!("{A}.jsonl"));
    append(&a, &line(&record(A, "d", "x", None)));
    append(&p.dir.join(format!("{B}.jsonl")), &line(&record(B, "d", "y", None)));
    assert_eq!(check(&p.dir, &p.cache), CacheUse::Rebuilt);
    let secret = std::fs::read_to_string(p.cache.with_file_name(KEY_NAME)).expect("key");
    let keys = Keys::derive(secret.trim().as_bytes());
    let good = std::fs::read(&p.cache).expect("cache");
    let head_end = 20 + u64::from_le_bytes(good[12..20].try_into().expect("8")) as usize;
    let entries = head_end + 32;
    assert_eq!(good.len() - entries, 2 * ENTRY_BYTES);
    // Forged entries: found when a run needs them (one more answer).
    let mut forged = Vec::new();
    // An option number past the dilemma's werkwijzen.
    let mut b = good.clone();
    b[entries + 16] = 9;
    forged.push(b);
    // A file number past the file table.
    let mut b = good.clone();
    b[entries + 12..entries + 16].copy_from_slice(&7u32.to_le_bytes());
    forged.push(b);
    // Entries out of order (so a lookup could miss one).
    let mut b = good.clone();
    let (x, y) = b[entries..].split_at_mut(ENTRY_BYTES);
    x.swap_with_slice(y);
    forged.push(b);
    // An entry count that does not fit.
    let mut b = good.clone();
    b[head_end - 40..head_end - 32].copy_from_slice(&u64::MAX.to_le_bytes());
    forged.push(b);
    for b in forged {
        std::fs::write(&p.cache, sign(&keys, b)).expect("forge");
        append(&a, &line(&record(A, "d", "y", None)));
        assert_eq!(check(&p.dir, &p.cache), CacheUse::Rebuilt);
    }
    // Forged counts: found even when nothing changed. The one dilemma's counts (two
    // werkwijzen: 4 + 3 × 6 × 4 + 4 bytes) end where the entries' count begins.
    std::fs::write(&p.cache, sign(&keys, good.clone())).expect("sign");
    append(&a, &line(&record(A, "d", "x", None)));
    assert_eq!(check(&p.dir, &p.cache), CacheUse::Updated, "signed again, it is trusted");
    let good = std::fs::read(&p.cache).expect("rewritten");
    let head_end = 20 + u64::from_le_bytes(good[12..20].try_into().expect("8")) as usize;
    let counts = head_end - 40 - 80;
    assert_eq!(good[counts - 4..counts], 1u32.to_le_bytes(), "one dilemma counted");
    let mut forged = Vec::new();
    // A dilemma that is not there.
    let mut b = good.clone();
    b[counts..counts + 4].copy_from_slice(&5u32.to_le_bytes());
    forged.push(b);
    // A move to a werkwijze that is not there.
    let mut b = good.clone();
    b[counts + 76..counts + 80].copy_from_slice(&1u32.to_le_bytes());
    b.splice(counts + 80..counts + 80, [0, 0, 9, 1, 0, 0, 0]);
    let len = u64::from_le_bytes(b[12..20].try_into().expect("8")) + 7;
    b[12..20].copy_from_slice(&len.to_le_bytes());
    forged.push(b);
    for b in forged {
        std::fs::write(&p.cache, sign(&keys, b)).expect("forge");
        assert_eq!(check(&p.dir, &p.cache), CacheUse::Rebuilt);
    }
}

#[test]
fn warnings_are_said_every_run_and_the_rest_is_still_cached() {
    let p = pool();
    let a = p.dir.join(format!("{A}.jsonl"));
    append(&a, &line(&record(A, "d", "x", None)));
    append(&a, b"{kapot\n");
    append(&p.dir.join(format!("{B}.jsonl")), &line(&record(B, "d", "y", None)));
    #[cfg(unix)]
    std::os::unix::fs::symlink(&a, p.dir.join("link.jsonl")).expect("symlink");
    assert_eq!(check(&p.dir, &p.cache), CacheUse::Rebuilt);
    assert!(p.cache.exists(), "a pool with warnings is cached too");
    assert_eq!(check(&p.dir, &p.cache), CacheUse::Hit);
    let counted = count(&p.dir, &p.cache);
    assert!(!counted.warnings.is_empty());
}

#[test]
fn nothing_changed_reads_no_pool_file_and_writes_no_cache() {
    let p = pool();
    let a = p.dir.join(format!("{A}.jsonl"));
    append(&a, &line(&record(A, "d", "x", None)));
    append(&p.dir.join(format!("{B}.jsonl")), &line(&record(B, "d", "y", None)));
    assert_eq!(check(&p.dir, &p.cache), CacheUse::Rebuilt);
    let before = std::fs::metadata(&p.cache).expect("cache");
    let counted = count(&p.dir, &p.cache);
    assert_eq!((counted.used, counted.read), (CacheUse::Hit, 0));
    let after = std::fs::metadata(&p.cache).expect("cache");
    assert_eq!(before.modified().ok(), after.modified().ok(), "the cache was rewritten");
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        assert_eq!(before.ino(), after.ino(), "the cache was replaced");
    }
    // One new answer: that file alone is read on from where it was counted.
    let size = std::fs::metadata(&a).expect("a").len();
    append(&a, &line(&record(A, "e", "x", None)));
    let grown = std::fs::metadata(&a).expect("a").len();
    let counted = count(&p.dir, &p.cache);
    assert_eq!(counted.used, CacheUse::Updated);
    assert_eq!(counted.read, grown, "{size} counted bytes re-read to check them, plus the new");
}

#[test]
fn a_planted_giant_file_is_read_once_and_remembered() {
    let p = pool();
    append(&p.dir.join(format!("{A}.jsonl")), &line(&record(A, "d", "x", None)));
    // Just under the cap: a single line of zeros without a newline (sparse, so 0 bytes on
    // disk), and a second file of one overlong line and a damaged one.
    let giant = p.dir.join("giant.jsonl");
    let f = std::fs::File::create(&giant).expect("giant");
    f.set_len(8 * MAX_LINE as u64).expect("sparse");
    drop(f);
    let mut junk = vec![b'x'; MAX_LINE + 10];
    junk.extend_from_slice(b"\n{kapot\n");
    append(&p.dir.join(format!("{B}.jsonl")), &junk);
    assert_eq!(check(&p.dir, &p.cache), CacheUse::Rebuilt);
    let counted = count(&p.dir, &p.cache);
    assert_eq!((counted.used, counted.read), (CacheUse::Hit, 0), "the giant was read again");
    let (_, warnings) = full_count(&p.dir);
    assert_eq!(counted.warnings, warnings, "warnings are said on every run");
    assert_eq!(counted.warnings.len(), 3, "{:?}", counted.warnings);
    // Past the cap: refused from its metadata, never opened.
    let f = std::fs::OpenOptions::new().write(true).open(&giant).expect("giant");
    f.set_len(crate::store::jsonl::MAX_FILE + 1).expect("sparse");
    drop(f);
    assert_eq!(check(&p.dir, &p.cache), CacheUse::Rebuilt);
    let counted = count(&p.dir, &p.cache);
    assert_eq!((counted.used, counted.read), (CacheUse::Hit, 0));
    assert!(counted.warnings.iter().any(|w| matches!(w.reason, Problem::TooLarge(..))));
}

#[test]
fn a_record_counts_only_in_its_participants_own_file() {
    let p = pool();
    append(&p.dir.join(format!("{A}.jsonl")), &line(&record(A, "d", "x", None)));
    assert_eq!(check(&p.dir, &p.cache), CacheUse::Rebuilt);
    // A colleague writes a line under A's pseudonym into their own file: A's answer stays.
    append(&p.dir.join(format!("{B}.jsonl")), &line(&record(A, "d", "y", None)));
    let counted = count(&p.dir, &p.cache);
    let (rows, warnings) = full_count(&p.dir);
    assert_eq!((counted.rows.clone(), counted.warnings.clone()), (rows, warnings));
    let split = &counted.rows[0].1;
    assert_eq!((split.own.participants, split.own.count("x")), (1, 1));
    assert!(matches!(counted.warnings[0].reason, Problem::OtherParticipant));
}
