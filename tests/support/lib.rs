//! Shared helpers of the test suite: where the corpus and fixtures are, and
//! one function that runs a fixture through the pipeline the way the CLI does.

use kehoach_schema::Plan;
use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Files directly in `dir` with one of `extensions`, READMEs left out, sorted.
fn files_in(dir: &Path, extensions: &[&str]) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .and_then(|x| x.to_str())
                .is_some_and(|x| extensions.contains(&x))
                && p.file_name().is_some_and(|n| n != "README.md")
        })
        .collect();
    v.sort();
    v
}

/// Text inputs (`.txt`, `.md`) directly in `dir`, sorted.
pub fn inputs_in(dir: &Path) -> Vec<PathBuf> {
    files_in(dir, &["txt", "md"])
}

/// PDF inputs directly in `dir`, sorted.
pub fn pdfs_in(dir: &Path) -> Vec<PathBuf> {
    files_in(dir, &["pdf"])
}

/// Every source document with a snapshot: the corpus, the Markdown and
/// legacy-encoding fixtures, and every PDF fixture that converts.
pub fn documents() -> Vec<PathBuf> {
    let mut v = inputs_in(&root().join("corpus"));
    v.extend(inputs_in(&root().join("fixtures/markdown")));
    v.extend(inputs_in(&root().join("fixtures/text/legacy")));
    for dir in [
        "fixtures/pdf",
        "fixtures/pdf/borderless",
        "fixtures/pdf/encrypted",
        "fixtures/pdf/fonts",
        "fixtures/pdf/two_level",
    ] {
        v.extend(
            pdfs_in(&root().join(dir))
                .into_iter()
                .filter(|p| !unreadable(p)),
        );
    }
    v
}

/// Fixtures that must fail, with the error they fail with (see
/// `fixtures/pdf/README.md` and `fixtures/pdf/fonts/README.md`).
pub fn unreadable_documents() -> Vec<PathBuf> {
    let mut v = pdfs_in(&root().join("fixtures/pdf/bad"));
    v.extend(
        pdfs_in(&root().join("fixtures/pdf/fonts"))
            .into_iter()
            .filter(|p| unreadable(p)),
    );
    v
}

/// The font fixtures whose text cannot be recovered.
fn unreadable(p: &Path) -> bool {
    p.file_name()
        .is_some_and(|n| n == "no_unicode_map.pdf" || n == "ghostscript.pdf")
}

/// Runs a file through the pipeline exactly as `kehoach extract` does.
fn try_extract(path: &Path) -> Result<Plan, kehoach_extract::ExtractError> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .expect("file name");
    kehoach_extract::extract(name, &bytes)
}

/// Extracts a file exactly as `kehoach extract` does.
pub fn extract(path: &Path) -> Plan {
    try_extract(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A snapshot's name: the file stem for text (`000_acc…`); for PDFs, which
/// render the same plans, the file name with the folder below
/// `fixtures/pdf/` if any (`000_acc….pdf`, `borderless__000_acc….pdf`).
pub fn snapshot_name(path: &Path) -> String {
    if path.extension().is_some_and(|x| x == "pdf") {
        let name = path
            .file_name()
            .and_then(|s| s.to_str())
            .expect("file name");
        match path
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|s| s.to_str())
        {
            Some("pdf") | None => name.to_string(),
            Some(dir) => format!("{dir}__{name}"),
        }
    } else {
        stem(path)
    }
}

/// What `kehoach extract` says about a file it cannot convert.
pub fn extract_error(path: &Path) -> String {
    match try_extract(path) {
        Ok(_) => panic!("{}: converted, but it must fail", path.display()),
        Err(e) => e.to_string(),
    }
}

/// The file stem, used to name snapshots and to find gold files.
pub fn stem(path: &Path) -> String {
    path.file_stem()
        .and_then(|s| s.to_str())
        .expect("file stem")
        .to_string()
}
