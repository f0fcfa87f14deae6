//! What the vendored readers' equivalence tests share: the fixture PDFs,
//! a deterministic pseudo-random source, and the edits made to the
//! streams they read.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// Every PDF under `fixtures/pdf/`, recursively, sorted.
pub fn fixture_pdfs() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).expect("fixtures").flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "pdf") {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/pdf"),
        &mut out,
    );
    out.sort();
    out
}

/// A deterministic pseudo-random source (xorshift).
pub struct Rng(pub u64);

impl Rng {
    /// The next number.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// One edit of a stream.
pub enum Edit {
    /// The byte at a place dropped.
    Drop,
    /// A special byte inserted at a place.
    Insert,
    /// The byte at a place replaced by a special one.
    Replace,
    /// The stream cut at a place.
    Truncate,
    /// Nothing.
    Keep,
}

/// Makes 1 to 3 edits to `e`, each chosen by `kind` from a number, at a
/// place and with a byte of `special` drawn from `rng`; `e` never ends
/// empty.
pub fn edit(e: &mut Vec<u8>, rng: &mut Rng, special: &[u8], kind: impl Fn(u64) -> Edit) {
    for _ in 0..1 + rng.next() % 3 {
        let at = (rng.next() as usize) % e.len().max(1);
        match kind(rng.next()) {
            Edit::Drop => {
                e.remove(at.min(e.len().saturating_sub(1)));
            }
            Edit::Insert => e.insert(at, special[(rng.next() as usize) % special.len()]),
            Edit::Replace => {
                let i = at.min(e.len() - 1);
                e[i] = special[(rng.next() as usize) % special.len()];
            }
            Edit::Truncate => e.truncate(at),
            Edit::Keep => {}
        }
        if e.is_empty() {
            e.push(b' ');
        }
    }
}
