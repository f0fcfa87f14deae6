//! Real plans by other issuers (`../shared/real/`, beside the repository;
//! third-party documents, never copied into it): accuracy floors on the
//! shapes the project was not built from. Opt-in (`--features real`),
//! because a clone has no `../shared`; `.ci/run` runs it.
//!
//! Each case scores one input against its gold, on the table rows only
//! and on all rows (table and prose, contract 1.2), and holds each figure
//! to a floor. Both figures are printed.

use kehoach_eval::{score_doc_filtered, Origin};
use kehoach_suite::{extract, root};

/// Floor on all rows (table and prose) and metadata, every case (issue 11).
const ALL_ROWS: f64 = 0.90;

/// (input under `../shared/real`, gold under `../shared/real/gold`, floor
/// on table rows and metadata: the agencies scored are those the table rows
/// name). Measured when set: lamdong DOCX 0.984, its LibreOffice PDF 0.984
/// too; hanoi_cv6582, a Word-made PDF whose borders are rectangles filled
/// even-odd, 1.000 (0.190 before those were read as rules); hanoi_kh144
/// and qh_cthd (no table: metadata only) 1.000. All rows (the floor
/// [`ALL_ROWS`]), with the prose tasks and targets: lamdong 0.98, cv6582
/// 0.987 (its two prose tasks follow a paragraph, `đề nghị Sở … nội dung
/// sau:`, which the outline does not keep), kh144 0.986, qh_cthd 0.972.
const CASES: &[(&str, &str, f64)] = &[
    ("lamdong_cchc_2026.docx", "lamdong_cchc_2026.json", 0.95),
    ("lamdong_cchc_2026.pdf", "lamdong_cchc_2026.json", 0.95),
    ("hanoi_cv6582.pdf", "hanoi_cv6582.json", 0.95),
    ("hanoi_kh144.pdf", "hanoi_kh144.json", 0.95),
    ("qh_cthd.md", "qh_cthd.json", 0.95),
];

#[test]
fn real_plans_keep_their_floors() {
    let real = root().join("../shared/real");
    assert!(
        real.is_dir(),
        "this test needs the real plans at {} (shared/ beside the repository)",
        real.display()
    );
    let mut failures = Vec::new();
    for (input, gold, floor) in CASES {
        let gold: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(real.join("gold").join(gold)).expect("gold readable"),
        )
        .expect("gold is JSON");
        let out = serde_json::to_value(extract(&real.join(input))).expect("serializes");
        let (_, _, table) = score_doc_filtered(&gold, Some(&out), Some(Origin::Table)).totals();
        let (_, _, all) = score_doc_filtered(&gold, Some(&out), None).totals();
        println!("{input}: F1 {table:.3} on table rows, {all:.3} on all rows");
        if table + 1e-9 < *floor {
            failures.push(format!(
                "{input}: F1 {table:.3} on table rows is below its floor {floor:.3}"
            ));
        }
        if all + 1e-9 < ALL_ROWS {
            failures.push(format!(
                "{input}: F1 {all:.3} on all rows is below its floor {ALL_ROWS:.3}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The metadata of every real plan (the `doc.*` fields of the scorer):
/// number and date read from the header only (typed into blanks, or null
/// when left blank), a công văn's kind and subject, a Party body under its
/// superior as issuer, a signer's name after a page break. Measured when
/// set: 1.000 for all five.
#[test]
fn real_plans_metadata() {
    let real = root().join("../shared/real");
    let cases = [
        ("hanoi_cv6582.pdf", "hanoi_cv6582.json", 0.99),
        ("hanoi_kh144.pdf", "hanoi_kh144.json", 0.99),
        ("lamdong_cchc_2026.docx", "lamdong_cchc_2026.json", 0.99),
        ("lamdong_cchc_2026.pdf", "lamdong_cchc_2026.json", 0.99),
        ("qh_cthd.md", "qh_cthd.json", 0.99),
    ];
    let mut failures = Vec::new();
    for (input, gold, floor) in cases {
        let gold: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(real.join("gold").join(gold)).expect("gold readable"),
        )
        .expect("gold is JSON");
        let out = serde_json::to_value(extract(&real.join(input))).expect("serializes");
        let mut doc = score_doc_filtered(&gold, Some(&out), None);
        doc.fields.retain(|k, _| k.starts_with("doc."));
        let (_, _, f1) = doc.totals();
        println!("{input}: metadata F1 {f1:.3}");
        if f1 + 1e-9 < floor {
            failures.push(format!("{input}: metadata F1 {f1:.3} below {floor}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Provenance (contract 1.4) on the real plans: every value has a span,
/// and its words are in the lines it names (see `tests/provenance.rs`).
#[test]
fn real_plans_values_are_where_their_spans_say() {
    let real = root().join("../shared/real");
    let mut report = Vec::new();
    for input in [
        "hanoi_cv6582.pdf",
        "hanoi_kh144.pdf",
        "lamdong_cchc_2026.docx",
        "lamdong_cchc_2026.pdf",
        "qh_cthd.md",
    ] {
        let bytes = std::fs::read(real.join(input)).expect("readable");
        let (plan, view) = kehoach_extract::extract_for_review(input, &bytes).expect("a plan");
        let found = kehoach_suite::provenance::problems(
            &plan,
            &kehoach_suite::provenance::Source::of(&view),
        );
        println!("{input}: {} provenance problems", found.len());
        for p in &found {
            println!("  {p}");
        }
        report.extend(found.into_iter().map(|p| format!("{input}: {p}")));
    }
    assert!(
        report.is_empty(),
        "{} provenance problems:\n{}",
        report.len(),
        report
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
