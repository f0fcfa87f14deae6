//! Provenance (contract 1.4): every value of every document with a
//! snapshot has a span, and its text is in the source lines that span
//! names (for a PDF, lines of the composed text, with a page and a box).

use kehoach_suite::provenance::{problems, Source};

#[test]
fn every_value_is_in_the_lines_its_span_names() {
    let docs = kehoach_suite::documents();
    let mut report = Vec::new();
    let mut values = 0;
    for doc in &docs {
        let bytes = std::fs::read(doc).expect("read");
        let name = doc.file_name().and_then(|n| n.to_str()).expect("name");
        let (plan, view) = kehoach_extract::extract_for_review(name, &bytes)
            .unwrap_or_else(|e| panic!("{}: {e}", doc.display()));
        values += plan.tasks.len() + plan.indicators.len();
        for p in problems(&plan, &Source::of(&view)) {
            report.push(format!("{}: {p}", kehoach_suite::snapshot_name(doc)));
        }
    }
    assert!(
        values > 1000,
        "expected the documents' rows, found {values}"
    );
    // While mending: `PROVENANCE_ONLY=document` shows only those problems.
    if let Ok(only) = std::env::var("PROVENANCE_ONLY") {
        report.retain(|p| p.contains(&only));
    }
    // How many per field (`tasks deadline`), then the first problems.
    let mut by_field = std::collections::BTreeMap::<String, usize>::new();
    for p in &report {
        let mut words = p.split(": ").nth(1).unwrap_or("").split(' ');
        let kind = words.next().unwrap_or("").split('/').next().unwrap_or("");
        *by_field
            .entry(format!("{kind} {}", words.next().unwrap_or("")))
            .or_default() += 1;
    }
    assert!(
        report.is_empty(),
        "{} provenance problems ({by_field:?}):\n{}",
        report.len(),
        report
            .iter()
            .take(60)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
