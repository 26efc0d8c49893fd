//! The secrets behind the stats cache, all derived from one random key in DATA: keyed
//! digests of file names and metadata, the keyed participant hash, the hasher of a file's
//! counted bytes, and the HMAC that guards the cache file.

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

use crate::store::record::Origin;

/// The secrets behind the cache, derived from one random key in DATA.
pub(super) struct Keys {
    /// Behind the keyed participant hash.
    who: Sha256,
    /// Behind the digests of file names, metadata and the pool folder.
    pub(super) file: Sha256,
    /// The file key itself, behind the digest of a file's counted bytes.
    file_key: [u8; 32],
    mac: [u8; 32],
}

impl Keys {
    pub(super) fn derive(secret: &[u8]) -> Self {
        let sub = |label: &[u8]| -> [u8; 32] {
            let mut h = Sha256::new();
            h.update(b"wikken-stats-cache\0");
            h.update(label);
            h.update(secret);
            h.finalize().into()
        };
        let file_key = sub(b"file");
        Keys {
            who: keyed_state(&sub(b"who")),
            file: keyed_state(&file_key),
            file_key,
            mac: sub(b"mac"),
        }
    }

    /// SHA-256 of a key's block and the `parts`, each with its length: a keyed digest. The
    /// key fills one whole block, hashed once in [`Keys::derive`], so each digest (one per
    /// pool file and participant) costs only the blocks of its parts.
    pub(super) fn keyed(state: &Sha256, parts: &[&[u8]]) -> [u8; 32] {
        let mut h = state.clone();
        for p in parts {
            h.update((p.len() as u64).to_le_bytes());
            h.update(p);
        }
        h.finalize().into()
    }

    pub(super) fn name(&self, name: &[u8]) -> [u8; 16] {
        first16(&Self::keyed(&self.file, &[b"name", name]))
    }

    /// A participant as the cache knows them: the tally's identity (origin and 64-bit id)
    /// under the key, so the cache cannot be joined with the pool's files by id.
    pub(super) fn who(&self, origin: Origin, id: u64) -> u64 {
        let d = Self::keyed(&self.who, &[&[origin as u8], &id.to_le_bytes()]);
        u64::from_le_bytes([d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]])
    }

    pub(super) fn prefix_hasher(&self) -> Sha256 {
        let mut h = Sha256::new();
        h.update(self.file_key);
        h.update(b"prefix");
        h
    }

    /// HMAC-SHA-256 (RFC 2104, the `hmac` crate) of the cache's contents, given in parts.
    pub(super) fn mac(&self, parts: &[&[u8]]) -> [u8; 32] {
        let mut mac = hmac(&self.mac);
        parts.iter().for_each(|p| mac.update(p));
        mac.finalize().into_bytes().into()
    }

    /// An HMAC-SHA-256 under the cache's key to be fed piece by piece (`Mac::update`), for a
    /// part too long to hold whole; `Mac::verify_slice` compares in constant time.
    pub(super) fn mac_pieces(&self) -> Hmac<Sha256> {
        hmac(&self.mac)
    }

    /// Whether `tag` is the HMAC of the `parts` together, compared in constant time.
    pub(super) fn verify(&self, parts: &[&[u8]], tag: &[u8]) -> bool {
        let mut mac = hmac(&self.mac);
        parts.iter().for_each(|p| mac.update(p));
        mac.verify_slice(tag).is_ok()
    }
}

/// SHA-256 with `key` and zeros as its first block.
fn keyed_state(key: &[u8; 32]) -> Sha256 {
    let mut h = Sha256::new();
    h.update(key);
    h.update([0u8; 32]);
    h
}

/// An HMAC-SHA-256 under `key`.
fn hmac(key: &[u8]) -> Hmac<Sha256> {
    <Hmac<Sha256> as KeyInit>::new_from_slice(key)
        .unwrap_or_else(|_| unreachable!("invariant: HMAC takes a key of any length"))
}

pub(super) fn first16(d: &[u8; 32]) -> [u8; 16] {
    let mut out = [0u8; 16];
    out.copy_from_slice(&d[..16]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mac_is_rfc_4231_hmac_sha256() {
        // RFC 4231, test case 2.
        let mut mac = hmac(b"Jefe");
        mac.update(b"what do ya want for nothing?");
        let tag: [u8; 32] = mac.finalize().into_bytes().into();
        assert_eq!(
            crate::ids::hex(&tag),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        let keys = Keys::derive(b"geheim");
        let tag = keys.mac(&[b"in", b"houd"]);
        assert!(keys.verify(&[b"inhoud"], &tag));
        assert!(!keys.verify(&[b"inhoud!"], &tag));
        assert!(!keys.verify(&[b"inhoud"], &tag[..31]));
    }
}
