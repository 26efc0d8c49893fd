//! The secrets behind the stats cache, all derived from one random key in DATA: keyed
//! digests of file names and metadata, the keyed participant hash, the hasher of a file's
//! counted bytes, and the HMAC that guards the cache file.

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

    /// HMAC-SHA-256 (RFC 2104) of the cache's contents.
    pub(super) fn mac(&self, bytes: &[u8]) -> [u8; 32] {
        let mut ipad = [0x36u8; 64];
        let mut opad = [0x5cu8; 64];
        for (i, k) in self.mac.iter().enumerate() {
            ipad[i] ^= k;
            opad[i] ^= k;
        }
        let inner = Sha256::new().chain_update(ipad).chain_update(bytes).finalize();
        Sha256::new().chain_update(opad).chain_update(inner).finalize().into()
    }
}

pub(super) fn first16(d: &[u8; 32]) -> [u8; 16] {
    let mut out = [0u8; 16];
    out.copy_from_slice(&d[..16]);
    out
}
