//! Text where a table comes one column after another (plain `pdftotext`,
//! pdfminer) cannot be put back into rows: such a plan either still scores
//! well or says so with `table_columns_in_sequence`. The same PDFs through
//! `pdftotext -layout` keep their rows in lines and never get the warning.
//! pdfplumber's layout text squeezes neighbouring columns to one space
//! apart: it says so with `header_columns_run_together`.
//! Inputs: `fixtures/converted/pdftotext*/` and `pdfplumber_layout/`, made
//! by `fixtures/converted/make_pdftotext.sh` and `make_pdfplumber.py` from
//! the corpus PDFs.

use kehoach_suite::{extract, inputs_in, root};

#[test]
fn column_after_column_text_says_so() {
    let files = inputs_in(&root().join("fixtures/converted/pdftotext"));
    assert_eq!(files.len(), 5, "the five corpus PDFs as plain pdftotext");
    for f in &files {
        let plan = extract(f);
        assert!(
            plan.warnings
                .iter()
                .any(|w| w.code == "table_columns_in_sequence"),
            "{}: no column-order warning",
            f.display()
        );
    }
    for f in inputs_in(&root().join("fixtures/converted/pdftotext_layout")) {
        let plan = extract(&f);
        assert!(
            !plan
                .warnings
                .iter()
                .any(|w| w.code == "table_columns_in_sequence"),
            "{}: a layout text got the column-order warning",
            f.display()
        );
    }
}

#[test]
fn squeezed_layout_text_says_so() {
    let files = inputs_in(&root().join("fixtures/converted/pdfplumber_layout"));
    assert_eq!(files.len(), 2, "002 and 004 through pdfplumber");
    for f in &files {
        let plan = extract(f);
        assert!(
            plan.warnings
                .iter()
                .any(|w| w.code == "header_columns_run_together"),
            "{}: no warning that the columns ran together",
            f.display()
        );
    }
    // Text whose columns are apart never gets it.
    for dir in ["pdftotext_layout", "pandoc_md", "pandoc_gfm", "markitdown"] {
        for f in inputs_in(&root().join("fixtures/converted").join(dir)) {
            let plan = extract(&f);
            assert!(
                !plan
                    .warnings
                    .iter()
                    .any(|w| w.code == "header_columns_run_together"),
                "{}: columns said to run together",
                f.display()
            );
        }
    }
}

/// Layout text (`pdftotext -layout`) is read by the PDF path's alignment
/// reader, character columns as x positions: every corpus plan at 0.95 or
/// better (today 000 0.994, 001 0.982, 002 0.972, 003 0.988, 004 0.991).
/// What it takes: a cell that fills its column is followed by one space
/// only, so lines are split at the word space nearest where the next
/// column's text starts; and a header repeated on the next page ends where
/// the first one did, though the rest of a cut row follows it with no gap.
#[test]
fn layout_text_is_read_by_alignment() {
    let cases = [
        (
            "000_acc11078ec403f97",
            "fixtures/gold/000_acc11078ec403f97.json",
            0.95,
        ),
        (
            "001_39870d99980587d9",
            "fixtures/gold-kehoach/001_39870d99980587d9.json",
            0.95,
        ),
        (
            "002_582188faeadf9c63",
            "fixtures/gold/002_582188faeadf9c63.json",
            0.95,
        ),
        (
            "003_a197172d4ce4415c",
            "fixtures/gold-kehoach/003_a197172d4ce4415c.json",
            0.95,
        ),
        (
            "004_239490791d981bc8",
            "fixtures/gold/004_239490791d981bc8.json",
            0.95,
        ),
    ];
    let mut failures = Vec::new();
    for (stem, gold, floor) in cases {
        let input = root().join(format!("fixtures/converted/pdftotext_layout/{stem}.txt"));
        let gold: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(root().join(gold)).expect("gold"))
                .expect("JSON");
        let out = serde_json::to_value(extract(&input)).expect("JSON");
        let (_, _, f1) = kehoach_eval::score_doc(&gold, Some(&out)).totals();
        println!("{stem}: F1 {f1:.3}");
        if f1 + 1e-9 < floor {
            failures.push(format!("{stem}: F1 {f1:.3} below {floor}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
