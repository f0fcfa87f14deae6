//! Never a silent zero: every input under `corpus/` and `fixtures/` that
//! converts and yields no rows, or has a table under which no row was read,
//! says why in its warnings (one that does not convert fails with a clear
//! error, tested with the error snapshots); every warning code emitted is
//! one the contract lists (the schema's enum and `docs/output.md`).

use kehoach_schema::WARNING_CODES;
use kehoach_suite::{all_inputs, root, try_extract};

/// Codes that explain a plan or table without rows.
const WHY_EMPTY: &[&str] = &[
    "no_rows_found",
    "table_without_rows",
    "pages_without_text",
    "appendix_not_found",
    "table_kind_unknown",
];

#[test]
fn every_fixture_without_rows_says_why() {
    let docs = all_inputs();
    assert!(
        docs.len() >= 90,
        "expected every fixture, found {}",
        docs.len()
    );
    let mut silent = Vec::new();
    let mut empty_seen = 0;
    for doc in &docs {
        let Ok(plan) = try_extract(doc) else {
            continue;
        };
        let codes: Vec<&str> = plan.warnings.iter().map(|w| w.code.as_str()).collect();
        if plan.indicators.is_empty() && plan.tasks.is_empty() {
            empty_seen += 1;
            if !codes.iter().any(|c| WHY_EMPTY.contains(c)) {
                silent.push(format!(
                    "{}: no rows and no warning why ({codes:?})",
                    doc.display()
                ));
            }
        }
    }
    // The fixtures include plans without tables (prose only, 100,000 empty
    // paragraphs, tables nested past the depth bound): the check bites.
    assert!(empty_seen >= 3, "only {empty_seen} fixtures without rows");
    assert!(silent.is_empty(), "{}", silent.join("\n"));
}

#[test]
fn every_emitted_warning_code_is_in_the_contract() {
    let documented =
        std::fs::read_to_string(root().join("docs/output.md")).expect("docs/output.md");
    for (code, _) in WARNING_CODES {
        assert!(
            documented.contains(&format!("`{code}`")),
            "docs/output.md does not document the warning code {code}"
        );
    }
    let known: Vec<&str> = WARNING_CODES.iter().map(|(c, _)| *c).collect();
    let mut unknown = Vec::new();
    for doc in all_inputs() {
        let Ok(plan) = try_extract(&doc) else {
            continue;
        };
        for w in plan.warnings {
            if !known.contains(&w.code.as_str()) {
                unknown.push(format!("{}: {}", doc.display(), w.code));
            }
        }
    }
    assert!(
        unknown.is_empty(),
        "codes missing from WARNING_CODES: {unknown:?}"
    );
}

/// A body that points at an appendix nobody attached, and a table header
/// with nothing under it: each is said.
#[test]
fn a_missing_appendix_and_an_empty_table_are_said() {
    let text = "ỦY BAN NHÂN DÂN\nXÃ AN BÌNH\nSố: 5/KH-UBND\nAn Bình, ngày 02 tháng 3 năm 2026\nKẾ HOẠCH\nTriển khai chuyển đổi số năm 2026\nI. NHIỆM VỤ\nCác nhiệm vụ cụ thể (Chi tiết tại Phụ lục 01 kèm theo).\n";
    let plan = kehoach_extract::extract_text("a.txt", text.as_bytes()).expect("a plan");
    let codes: Vec<&str> = plan.warnings.iter().map(|w| w.code.as_str()).collect();
    assert!(codes.contains(&"appendix_not_found"), "{codes:?}");
    assert!(codes.contains(&"no_rows_found"), "{codes:?}");
    let w = plan
        .warnings
        .iter()
        .find(|w| w.code == "appendix_not_found")
        .unwrap();
    assert_eq!(w.span.as_ref().map(|s| s.start_line), Some(8));
}
