//! The secrets behind the stats cache, all derived from one random key in DATA: keyed
//! digests of file names and metadata, the keyed participant hash, the hasher of a file's
//! counted bytes, and the HMAC that guards the cache file.

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

use crate::store::record::Origin;

/// The secrets behind the cache, derived from one random key in DATA.
pub(super) struct Keys {
    pub(super) who: [u8; 32],
    pub(super) file: [u8; 32],
    pub(super) mac: [u8; 32],
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
        Keys { who: sub(b"who"), file: sub(b"file"), mac: sub(b"mac") }
    }

    pub(super) fn keyed(key: &[u8; 32], parts: &[&[u8]]) -> [u8; 32] {
        let mut h = Sha256::new();
        h.update(key);
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
        h.update(self.file);
        h.update(b"prefix");
        h
    }

    /// HMAC-SHA-256 (RFC 2104, the `hmac` crate) of the cache's contents.
    pub(super) fn mac(&self, bytes: &[u8]) -> [u8; 32] {
        hmac_sha256(&self.mac, bytes)
    }

    /// Whether `tag` is the HMAC of `bytes`, compared in constant time.
    pub(super) fn verify(&self, bytes: &[u8], tag: &[u8]) -> bool {
        let mut mac = hmac(&self.mac);
        mac.update(bytes);
        mac.verify_slice(tag).is_ok()
    }
}

/// An HMAC-SHA-256 under `key`.
fn hmac(key: &[u8]) -> Hmac<Sha256> {
    <Hmac<Sha256> as KeyInit>::new_from_slice(key)
        .unwrap_or_else(|_| unreachable!("invariant: HMAC takes a key of any length"))
}

/// HMAC-SHA-256 of `bytes` under `key`.
fn hmac_sha256(key: &[u8], bytes: &[u8]) -> [u8; 32] {
    let mut mac = hmac(key);
    mac.update(bytes);
    mac.finalize().into_bytes().into()
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
        let tag = hmac_sha256(b"Jefe", b"what do ya want for nothing?");
        assert_eq!(
            crate::ids::hex(&tag),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        let keys = Keys::derive(b"geheim");
        let tag = keys.mac(b"inhoud");
        assert!(keys.verify(b"inhoud", &tag));
        assert!(!keys.verify(b"inhoud!", &tag));
        assert!(!keys.verify(b"inhoud", &tag[..31]));
    }
}
