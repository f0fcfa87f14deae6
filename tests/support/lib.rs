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

/// Word and OpenDocument inputs (`.docx`, `.odt`) directly in `dir`, sorted.
pub fn word_files_in(dir: &Path) -> Vec<PathBuf> {
    files_in(dir, &["docx", "odt"])
}

/// The folders of DOCX/ODT fixtures that convert (`fixtures/docx/README.md`).
pub const WORD_DIRS: &[&str] = &[
    "fixtures/docx/corpus",
    "fixtures/docx/features",
    "fixtures/docx/odt",
];

/// The files of `fixtures/docx/bad/` that are odd but still a plan (100,000
/// empty paragraphs; tables nested past the reader's depth bound, read in
/// part with a warning); the others must fail.
fn readable_bad(p: &Path) -> bool {
    p.file_name()
        .is_some_and(|n| n == "empty_paragraphs.docx" || n == "deep_nesting.docx")
}

/// Every source document with a snapshot: the corpus, the Markdown and
/// legacy-encoding fixtures, and every PDF, DOCX and ODT fixture that
/// converts.
pub fn documents() -> Vec<PathBuf> {
    let mut v = inputs_in(&root().join("corpus"));
    v.extend(inputs_in(&root().join("fixtures/markdown")));
    v.extend(inputs_in(&root().join("fixtures/text/legacy")));
    for dir in [
        "fixtures/pdf",
        "fixtures/pdf/borderless",
        "fixtures/pdf/encrypted",
        "fixtures/pdf/fonts",
        "fixtures/pdf/producers",
        "fixtures/pdf/scanned_pages",
        "fixtures/pdf/two_level",
    ] {
        v.extend(
            pdfs_in(&root().join(dir))
                .into_iter()
                .filter(|p| !unreadable(p)),
        );
    }
    for dir in WORD_DIRS {
        v.extend(word_files_in(&root().join(dir)));
    }
    v.extend(
        word_files_in(&root().join("fixtures/docx/bad"))
            .into_iter()
            .filter(|p| readable_bad(p)),
    );
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
    v.extend(
        word_files_in(&root().join("fixtures/docx/bad"))
            .into_iter()
            .filter(|p| !readable_bad(p)),
    );
    v
}

/// The font fixtures whose text cannot be recovered.
fn unreadable(p: &Path) -> bool {
    p.file_name()
        .is_some_and(|n| n == "no_unicode_map.pdf" || n == "ghostscript.pdf")
}

/// Every input file in `corpus/` and anywhere under `fixtures/` (text,
/// Markdown, PDF, DOCX, ODT, legacy DOC), READMEs and gold files left out,
/// sorted: what a test that must hold for every input walks.
pub fn all_inputs() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for p in entries {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if p.is_dir() {
                // Gold is not input; the hostile files have their own
                // test (tests/hostile.rs).
                if !name.starts_with("gold") && name != "hostile" {
                    walk(&p, out);
                }
            } else if name != "README.md"
                && p.extension()
                    .and_then(|x| x.to_str())
                    .is_some_and(|x| ["txt", "md", "pdf", "docx", "odt", "doc"].contains(&x))
            {
                out.push(p);
            }
        }
    }
    let mut v = Vec::new();
    walk(&root().join("corpus"), &mut v);
    walk(&root().join("fixtures"), &mut v);
    v
}

/// Runs a file through the pipeline exactly as `kehoach extract` does.
pub fn try_extract(path: &Path) -> Result<Plan, kehoach_extract::ExtractError> {
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
/// `fixtures/pdf/` if any (`000_acc….pdf`, `borderless__000_acc….pdf`); for
/// DOCX and ODT, the file name with its folder below `fixtures/docx/`
/// (`docx_corpus__000_acc….docx`, `docx_features__merged_cells.docx`).
pub fn snapshot_name(path: &Path) -> String {
    if path.extension().is_some_and(|x| x == "docx" || x == "odt") {
        let name = path
            .file_name()
            .and_then(|s| s.to_str())
            .expect("file name");
        let dir = path
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|s| s.to_str())
            .unwrap_or("docx");
        format!("docx_{dir}__{name}")
    } else if path.extension().is_some_and(|x| x == "pdf") {
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

pub mod provenance;
