//! Shared helpers of the test suite: where the corpus and fixtures are, and
//! one function that runs a fixture through the pipeline the way the CLI does.

use kehoach_schema::Plan;
use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Text inputs (`.txt`, `.md`) directly in `dir`, sorted.
pub fn inputs_in(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|x| x == "txt" || x == "md")
                && p.file_name().is_some_and(|n| n != "README.md")
        })
        .collect();
    v.sort();
    v
}

/// Every source document with a snapshot: the corpus and the Markdown fixtures.
pub fn documents() -> Vec<PathBuf> {
    let mut v = inputs_in(&root().join("corpus"));
    v.extend(inputs_in(&root().join("fixtures/markdown")));
    v.extend(pdfs_in(&root().join("fixtures/pdf")));
    v
}

/// PDF inputs directly in `dir`, sorted.
pub fn pdfs_in(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    v.sort();
    v
}

/// Extracts a file exactly as `kehoach extract` does.
pub fn extract(path: &Path) -> Plan {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .expect("file name");
    let plan = if path.extension().is_some_and(|x| x == "pdf") {
        kehoach_extract::extract_pdf(name, &bytes)
    } else {
        kehoach_extract::extract_text(name, &bytes)
    };
    plan.unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A snapshot's name: the file stem for text (`000_acc…`), the file name
/// for PDFs (`000_acc….pdf`), which render the same plans.
pub fn snapshot_name(path: &Path) -> String {
    if path.extension().is_some_and(|x| x == "pdf") {
        path.file_name()
            .and_then(|s| s.to_str())
            .expect("file name")
            .to_string()
    } else {
        stem(path)
    }
}

/// The file stem, used to name snapshots and to find gold files.
pub fn stem(path: &Path) -> String {
    path.file_stem()
        .and_then(|s| s.to_str())
        .expect("file stem")
        .to_string()
}
