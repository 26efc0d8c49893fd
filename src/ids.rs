//! Randomness and hashing helpers, in a leaf module that uses nothing else of wikken: ids and
//! keys from the operating system's randomness, lower-case hex, a stable FNV-1a for what must
//! survive upgrades, and SHA-256 in hex. The file-system helpers (`fsx`) and the store both
//! use them, so neither needs the other for them.

use sha2::{Digest, Sha256};

/// Fills `buf` from the operating system's randomness (getrandom), never from a generator
/// seeded by stored data: ids and keys made from it protect people.
pub fn os_random(buf: &mut [u8]) {
    use rand::TryRng as _;
    // Invariant: the OS entropy source only fails before the system has any entropy at all
    // (early boot) or when it does not exist; wikken cannot make a private id without it,
    // so stopping is the only honest outcome.
    let filled = rand::rngs::SysRng.try_fill_bytes(buf);
    filled.expect("invariant: the operating system always gives randomness after boot");
}

/// A random id of 16 hex digits from the OS, for answers, pool records and pseudonyms.
pub fn random_id() -> String {
    let mut bytes = [0u8; 8];
    os_random(&mut bytes);
    hex(&bytes)
}

/// FNV-1a: a stable hash (unlike `DefaultHasher`), so what is derived from it — the order
/// of werkwijzen, the dilemma of the month — survives upgrades. Not for secrets.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// Lower-case hex of some bytes.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// The SHA-256 of `bytes` as lower-case hex, cut to its first `len` bytes (at most 32).
pub fn sha256_hex(bytes: &[u8], len: usize) -> String {
    let digest = Sha256::digest(bytes);
    hex(&digest[..len.min(digest.len())])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_values() {
        // Pinned: the order of werkwijzen and the month's dilemma are derived from these.
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(hex(&[0, 0xab, 0xff]), "00abff");
        assert_eq!(sha256_hex(b"abc", 4), "ba7816bf");
        assert_eq!(sha256_hex(b"abc", 99).len(), 64);
        let (a, b) = (random_id(), random_id());
        assert!(a.len() == 16 && a != b && a.bytes().all(|c| c.is_ascii_hexdigit()));
    }
}
