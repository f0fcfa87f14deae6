//! Text where a table comes one column after another (plain `pdftotext`,
//! pdfminer) cannot be put back into rows: such a plan either still scores
//! well or says so with `table_columns_in_sequence`. The same PDFs through
//! `pdftotext -layout` keep their rows in lines and never get the warning.
//! Inputs: `fixtures/converted/pdftotext*/`, made by
//! `fixtures/converted/make_pdftotext.sh` from the corpus PDFs.

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
