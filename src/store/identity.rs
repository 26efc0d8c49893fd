//! The participant pseudonym: one random id per install, never a name. It is what makes
//! "one participant answering twice counts once" possible in the pool.

use std::path::Path;

use super::error::StoreError;

/// A random participant id, 16 hex digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Pseudonym(pub String);

impl Pseudonym {
    /// A fresh random pseudonym.
    pub fn random() -> Self {
        Pseudonym(crate::ids::random_id())
    }
}

/// Reads `DATA/participant`, creating it with a fresh pseudonym (from the OS's
/// randomness) on first use. Creation is atomic and exclusive: when several trainers start
/// at once on a fresh data folder, exactly one id is written and every one of them uses
/// it, so one person never gets two pseudonyms (and is never counted twice). The folder is
/// made owner-only, the file 0600.
pub fn load_or_create_pseudonym(data: &Path) -> Result<Pseudonym, StoreError> {
    load_or_create_id(data, PARTICIPANT_FILE, 8).map(Pseudonym)
}

/// The file of [`load_or_create_pseudonym`] in DATA.
pub const PARTICIPANT_FILE: &str = "participant";

/// The per-install secret behind the order in which this person sees werkwijzen
/// (`DATA/order-key`, 16 hex digits from the OS), created like the participant id. It is
/// deliberately *not* the pseudonym: the pseudonym is a file name in the team folder, and
/// an order derived from it would let anyone who glimpses two of your screens find your
/// pool file.
pub fn load_or_create_order_key(data: &Path) -> Result<String, StoreError> {
    load_or_create_id(data, ORDER_KEY_FILE, 8)
}

/// The file of [`load_or_create_order_key`].
pub const ORDER_KEY_FILE: &str = "order-key";

/// A random secret of 32 bytes (64 hex digits) in `DATA/<name>`, created like the
/// participant id.
pub(crate) fn load_or_create_secret_hex(data: &Path, name: &str) -> Result<String, StoreError> {
    load_or_create_id(data, name, 32)
}

/// `bytes` random bytes from the OS as hex in `DATA/<name>`, created exclusively.
fn load_or_create_id(data: &Path, name: &str, bytes: usize) -> Result<String, StoreError> {
    let fresh = || {
        let mut b = vec![0u8; bytes];
        crate::ids::os_random(&mut b);
        crate::ids::hex(&b)
    };
    let valid = |s: &str| s.len() == bytes * 2 && s.bytes().all(|b| b.is_ascii_hexdigit());
    let path = data.join(name);
    crate::fsx::create_private_dir(data).map_err(|e| StoreError::io(data, e))?;
    for attempt in 0..50 {
        match crate::fsx::read_capped(&path, 1024) {
            Ok(bytes) => {
                let text = String::from_utf8_lossy(&bytes);
                if valid(text.trim()) {
                    crate::fsx::make_private(&path).map_err(|e| StoreError::io(&path, e))?;
                    return Ok(text.trim().to_string());
                }
                // Empty: a writer on a file system without hard links is between create
                // and write; wait for it. Damaged beyond that: the id was unusable anyway,
                // so it is replaced.
                if bytes.is_empty() && attempt < 49 {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                    continue;
                }
                let id = fresh();
                crate::fsx::atomic_write(&path, true, |w| w.write_all(id.as_bytes()))
                    .map_err(|e| StoreError::io(&path, e))?;
                return Ok(id);
            }
            Err(e) if e.is_not_found() => {
                let id = fresh();
                let won = crate::fsx::create_new_atomic(&path, id.as_bytes(), true)
                    .map_err(|e| StoreError::io(&path, e))?;
                if won {
                    return Ok(id);
                }
                // Another trainer won the race: read its id on the next round.
            }
            Err(e) => return Err(StoreError::open(&path, e)),
        }
    }
    Err(StoreError::io(&path, std::io::Error::other("the id stays empty")))
}

#[cfg(test)]
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

    #[test]
    fn the_order_key_is_its_own_secret() {
        let dir = tempfile::tempdir().expect("tmp");
        let who = load_or_create_pseudonym(dir.path()).expect("id");
        let key = load_or_create_order_key(dir.path()).expect("key");
        assert!(is_pseudonym(&key));
        assert_ne!(key, who.0, "the order must not be derivable from a pool file name");
        assert_eq!(load_or_create_order_key(dir.path()).expect("again"), key);
    }

    #[test]
    fn concurrent_first_starts_share_one_id() {
        for _ in 0..20 {
            let dir = tempfile::tempdir().expect("tmp");
            let data = dir.path().join("data");
            let barrier = std::sync::Barrier::new(8);
            let ids: Vec<Pseudonym> = std::thread::scope(|s| {
                let handles: Vec<_> = (0..8)
                    .map(|_| {
                        s.spawn(|| {
                            barrier.wait();
                            load_or_create_pseudonym(&data).expect("id")
                        })
                    })
                    .collect();
                handles.into_iter().map(|h| h.join().expect("join")).collect()
            });
            assert!(ids.iter().all(|id| *id == ids[0]), "{ids:?}");
            let on_disk = std::fs::read_to_string(data.join("participant")).expect("read");
            assert_eq!(on_disk, ids[0].0);
            let names: Vec<_> = std::fs::read_dir(&data).expect("ls").flatten().collect();
            assert_eq!(names.len(), 1, "no temporary files left");
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let mode =
                    |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
                assert_eq!(mode(&data), 0o700);
                assert_eq!(mode(&data.join("participant")), 0o600);
            }
        }
    }
}
