//! Text stage: bytes to normalised source lines, and the folding used to
//! compare Vietnamese strings.
//!
//! Every later stage works on [`SourceText`]: NFC lines that keep their
//! 1-based line number in the original file, so that anything extracted can
//! point back at where it was printed. Matching never compares raw text: it
//! compares [`fold`] keys, which erase what the output contract calls noise
//! (NFC/NFD, old/new tone placement, dash variants, spacing, case).

mod decode;
mod fold;
pub mod legacy;

pub use decode::{count_bytes, decode, decode_any, DecodeError, Line, SourceText};
pub use fold::{
    clean, clean_spaces, fold, is_nfc, is_single_spaced, join_clean_wrapped, join_wrapped,
    lower_unmarked_chars, single_spaced, slug, starts_upper, strip_marks, unmarked_starts_with,
    words, Words,
};

/// The texts of the seed plans in `corpus/`, in file-name order: tests
/// check mechanisms on every real line with them.
#[cfg(test)]
pub(crate) fn corpus_texts() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    files.sort();
    assert!(!files.is_empty(), "no corpus texts under {}", dir.display());
    files
        .iter()
        .map(|f| std::fs::read_to_string(f).expect("corpus text is UTF-8"))
        .collect()
}
