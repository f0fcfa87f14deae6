//! Extraction stage: from source lines and tables to the plan's meaning.
//!
//! [`extract_text`] runs the whole text pipeline on a file's bytes;
//! [`build_plan`] is the meeting point for other readers (a PDF reader hands
//! it the tables it rebuilt from geometry). Nothing here fails on a
//! malformed document: what cannot be placed becomes a warning with a
//! source span, beside the data that could be read.

mod gaps;
pub mod meta;
pub mod outline;
mod pdf;
mod phases;
mod plan;
mod prose;
mod prose_roles;
mod prose_targets;
mod review;
mod rows;

pub use pdf::{extract, extract_converted_doc, extract_docx, extract_odt, extract_pdf};
pub use plan::{build_plan, extract_text, sha256_hex, ExtractError};
pub use review::{
    extract_converted_doc_for_review, extract_for_review, PageView, Place, SourceView,
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
