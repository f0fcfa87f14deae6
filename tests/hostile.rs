//! The hostile inputs of `fixtures/hostile/` (made by `make.py` and
//! `make_pdf.py` there): bombs, cycles, deep nesting, huge counts, broken
//! containers, wrong encodings. Each is read in this process, through the
//! library, as `kehoach extract --in-process` would: the readers' own limits
//! must turn every one into a plan or a clear error, never a panic, an
//! abort or a hang. What each gives is a reviewed snapshot
//! (`snapshots/hostile.snap`). Files named `good_*` are ordinary plans that
//! were once read wrongly: they must convert. Any other file either fails
//! or, if it converts, says in its warnings what it could not read.
//! Kept alone in its own test binary: insta collects failures per binary.

use kehoach_suite::{inputs_in, pdfs_in, root, try_extract, word_files_in};
use std::path::PathBuf;

fn hostile_files() -> Vec<PathBuf> {
    let dir = root().join("fixtures/hostile");
    let mut v = inputs_in(&dir.join("text"));
    v.extend(word_files_in(&dir.join("docx")));
    v.extend(pdfs_in(&dir.join("pdf")));
    v.sort();
    v
}

/// One line per file: `ok: …` with its row counts and warning codes, or
/// `error: …` with the message a user reads.
fn outcome(p: &std::path::Path) -> (bool, String) {
    match try_extract(p) {
        Ok(plan) => {
            let mut codes: Vec<&str> = plan.warnings.iter().map(|w| w.code.as_str()).collect();
            codes.dedup();
            (
                true,
                format!(
                    "ok: {} indicators, {} tasks; warnings: {}",
                    plan.indicators.len(),
                    plan.tasks.len(),
                    if codes.is_empty() {
                        "none".to_string()
                    } else {
                        codes.join(", ")
                    }
                ),
            )
        }
        Err(e) => (false, format!("error: {e}")),
    }
}

#[test]
fn hostile_inputs_give_their_reviewed_outcomes() {
    let files = hostile_files();
    assert!(
        files.len() >= 35,
        "expected the hostile text, DOCX and PDF files, found {}",
        files.len()
    );
    let base = root().join("fixtures/hostile");
    let mut listing = String::new();
    let mut wrong = Vec::new();
    for p in &files {
        let rel = p.strip_prefix(&base).unwrap_or(p).display().to_string();
        let (converted, line) = outcome(p);
        let good = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with("good_"));
        if good && !converted {
            wrong.push(format!("{rel}: an ordinary plan, but {line}"));
        }
        if !good && converted && line.ends_with("warnings: none") {
            wrong.push(format!("{rel}: converted without a word ({line})"));
        }
        listing.push_str(&format!("{rel}: {line}\n"));
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| insta::assert_snapshot!("hostile", listing));
}

/// The ordinary plans saved with other line endings and encodings read
/// exactly as the UTF-8 one does.
#[test]
fn line_endings_and_byte_order_marks_read_like_utf8() {
    let dir = root().join("fixtures/hostile/text");
    let reference = try_extract(&dir.join("good_crlf.txt")).expect("the CRLF plan converts");
    for name in [
        "good_cr_only.txt",
        "good_utf16le_bom.txt",
        "good_utf16be_bom.txt",
        "good_utf32le_bom.txt",
        "good_utf8_bom.md",
    ] {
        let plan = try_extract(&dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(plan.document, reference.document, "{name}");
        assert_eq!(plan.tasks, reference.tasks, "{name}");
        assert_eq!(plan.agencies, reference.agencies, "{name}");
        assert_eq!(plan.tasks.len(), 3, "{name}");
    }
}
