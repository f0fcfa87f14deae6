//! A mixed tree of inputs, as an analyst's folder holds them: shared by
//! `tests/bulk.rs` and `benches/bulk.rs`.

#![allow(dead_code)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The repository's root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("repo root")
}

/// What a mixed tree holds.
#[derive(Default)]
pub struct Tree {
    /// Outputs (relative to --out) the good inputs must give.
    pub good: BTreeSet<String>,
    /// Inputs that must fail.
    pub bad: usize,
    /// Files that must not be taken.
    pub other: usize,
}

/// Builds `sets` copies of a mixed folder under `root`: per set, 5 text
/// plans, 5 DOCX plans, 2 PDFs two folders down, two inputs with one stem
/// (both fail), an empty plan and a truncated PDF (both fail), and a
/// spreadsheet, a picture and a README (not taken).
pub fn mixed_tree(root: &Path, sets: usize) -> Tree {
    let r = repo();
    let mut corpus: Vec<PathBuf> = std::fs::read_dir(r.join("corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    corpus.sort();
    let mut t = Tree::default();
    let copy = |from: &Path, to: PathBuf| {
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(from, to).unwrap();
    };
    for s in 0..sets {
        let set = format!("set{s:03}");
        let d = root.join(&set);
        for f in &corpus {
            let stem = f.file_stem().unwrap().to_str().unwrap();
            copy(f, d.join("text").join(f.file_name().unwrap()));
            t.good.insert(format!("{set}/text/{stem}.json"));
            copy(
                &r.join(format!("fixtures/docx/corpus/{stem}.docx")),
                d.join(format!("word/{stem}.docx")),
            );
            t.good.insert(format!("{set}/word/{stem}.json"));
        }
        for stem in ["000_acc11078ec403f97", "002_582188faeadf9c63"] {
            copy(
                &r.join(format!("fixtures/pdf/{stem}.pdf")),
                d.join(format!("pdf/deep/{stem}.pdf")),
            );
            t.good.insert(format!("{set}/pdf/deep/{stem}.json"));
        }
        copy(&corpus[0], d.join("clash/plan.txt"));
        copy(
            &r.join("fixtures/docx/corpus/000_acc11078ec403f97.docx"),
            d.join("clash/plan.docx"),
        );
        std::fs::create_dir_all(d.join("broken")).unwrap();
        std::fs::write(d.join("broken/empty.txt"), b"").unwrap();
        copy(
            &r.join("fixtures/pdf/bad/truncated.pdf"),
            d.join("broken/trunc.pdf"),
        );
        t.bad += 4;
        std::fs::write(d.join("notes.xlsx"), b"PK").unwrap();
        std::fs::write(d.join("scan.png"), b"\x89PNG").unwrap();
        std::fs::write(d.join("README.md"), b"# what this folder is\n").unwrap();
        t.other += 3;
    }
    t
}

/// How many inputs `sets` sets hold (taken files, good and bad).
pub const INPUTS_PER_SET: usize = 16;
