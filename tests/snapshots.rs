//! One reviewed snapshot per source document, in `snapshots/`.
//!
//! A snapshot is the exact JSON `kehoach extract` writes for the document.
//! Snapshots are reviewed truth, not recordings: a change must be read
//! against the source before it is accepted (`cargo insta review`). In CI
//! (`CI=true`) a missing or different snapshot fails and nothing is written.
//! Kept alone in its own test binary: insta collects glob failures per binary.

#[test]
fn every_document_matches_its_reviewed_snapshot() {
    let docs = kehoach_suite::documents();
    assert!(
        docs.len() >= 20,
        "expected the corpus, the Markdown and legacy-encoding fixtures and the PDFs, found {}",
        docs.len()
    );
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| {
        for doc in &docs {
            let plan = kehoach_suite::extract(doc);
            insta::assert_snapshot!(
                kehoach_suite::snapshot_name(doc),
                kehoach_schema::to_json(&plan)
            );
        }
    });
}

/// The errors of the inputs that must fail, one line each: reviewed like
/// any snapshot (each must name the problem in words a user acts on).
#[test]
fn unreadable_inputs_fail_with_their_reviewed_errors() {
    let root = kehoach_suite::root();
    let listing: String = kehoach_suite::unreadable_documents()
        .iter()
        .map(|p| {
            let rel = p.strip_prefix(&root).unwrap_or(p);
            format!("{}: {}\n", rel.display(), kehoach_suite::extract_error(p))
        })
        .collect();
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| insta::assert_snapshot!("errors", listing));
}
