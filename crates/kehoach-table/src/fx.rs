//! A small, fast hasher for the word maps (the Fx hash of rustc): their keys
//! are short words of the document, looked up many times, and need no
//! protection against crafted collisions that std's SipHash pays for.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A [`HashMap`] hashed with [`FxHasher`].
pub(crate) type FxHashMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Mixes each 8-byte word of the input into the hash with a rotate, a xor
/// and a multiply.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, mut bytes: &[u8]) {
        while let Some((word, rest)) = bytes.split_first_chunk::<8>() {
            self.add(u64::from_le_bytes(*word));
            bytes = rest;
        }
        // The last 1 to 7 bytes as one word, read in at most two loads that
        // may overlap (a copy of a few bytes would call `memcpy`).
        let n = bytes.len();
        let word = if n >= 4 {
            let lo = u32::from_le_bytes(bytes[..4].try_into().expect("4 bytes"));
            let hi = u32::from_le_bytes(bytes[n - 4..].try_into().expect("4 bytes"));
            u64::from(lo) | u64::from(hi) << 32
        } else if n > 0 {
            u64::from(bytes[0]) | u64::from(bytes[n / 2]) << 8 | u64::from(bytes[n - 1]) << 16
        } else {
            return;
        };
        self.add(word ^ (n as u64) << 56);
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}
