//! A PDF rendering of a plan gives the plan its text gives: same metadata,
//! phases, indicators, tasks and agencies. Only where things are in the
//! source differs (spans: lines of a different text, plus pages), and the
//! outline and warnings, which describe the source's layout.
//!
//! The PDFs in `fixtures/pdf/` are rendered from the corpus and
//! `fixtures/text/` by `fixtures/pdf/make.sh`, with ruled tables laid out by
//! LibreOffice: their line breaks are LibreOffice's, not the source's.

use kehoach_suite::{extract, pdfs_in, root, stem, word_files_in};
use serde_json::Value;

/// Drops what depends on the layout of the source: spans and mentions
/// (which carry spans). A line break after a hyphen cannot tell
/// `57- NQ/TW` from `57-NQ/TW` (both print the same), so a space after a
/// hyphen is dropped in text values too.
fn comparable(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(k, _)| {
                    k.as_str() != "span" && k.as_str() != "provenance" && k.as_str() != "mentions"
                })
                .map(|(k, v)| (k.clone(), comparable(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(comparable).collect()),
        Value::String(s) => Value::String(s.replace("- ", "-")),
        other => other.clone(),
    }
}

/// The plan's parts that differ between its text reading `a` and another
/// reading `b`, with the first differing entry of each.
fn differences(name: &str, a: &Value, b: &Value) -> Vec<String> {
    let mut failures = Vec::new();
    for key in ["document", "phases", "indicators", "tasks", "agencies"] {
        let (x, y) = (comparable(&a[key]), comparable(&b[key]));
        if x != y {
            let detail = match (&x, &y) {
                (Value::Array(x), Value::Array(y)) => {
                    let at = x
                        .iter()
                        .zip(y)
                        .position(|(p, q)| p != q)
                        .unwrap_or(x.len().min(y.len()));
                    format!(
                        "first difference at {at}:\n  text  {}\n  other {}",
                        x.get(at).map_or("-".into(), |v| v.to_string()),
                        y.get(at).map_or("-".into(), |v| v.to_string())
                    )
                }
                _ => format!("\n  text  {x}\n  other {y}"),
            };
            failures.push(format!("{name}: {key} differ; {detail}"));
        }
    }
    failures
}

/// The corpus as Word files (the DOCX the PDF fixtures are rendered from,
/// `fixtures/docx/corpus/`) and as OpenDocument (`fixtures/docx/odt/`, made
/// from those by LibreOffice) give the plans their texts give. The DOCX has
/// the tables' cells exactly, so nothing is allowed to differ.
#[test]
fn word_files_give_the_plans_their_texts_give() {
    let mut files = word_files_in(&root().join("fixtures/docx/corpus"));
    files.extend(word_files_in(&root().join("fixtures/docx/odt")));
    assert!(
        files.len() >= 8,
        "expected the corpus as DOCX and some as ODT"
    );
    let mut failures = Vec::new();
    let mut compared = 0;
    for file in &files {
        let name = stem(file);
        let Some(text) = [
            root().join("corpus").join(format!("{name}.txt")),
            root().join("fixtures/text").join(format!("{name}.txt")),
        ]
        .into_iter()
        .find(|p| p.is_file()) else {
            // A feature fixture converted to ODT has no text source.
            continue;
        };
        compared += 1;
        let a = serde_json::to_value(extract(&text)).expect("JSON");
        let b = serde_json::to_value(extract(file)).expect("JSON");
        failures.extend(differences(&file.display().to_string(), &a, &b));
    }
    assert!(compared >= 8, "compared only {compared} files");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn pdf_renderings_give_the_plans_their_texts_give() {
    let pdfs = pdfs_in(&root().join("fixtures/pdf"));
    assert!(
        pdfs.len() >= 6,
        "expected the corpus and fixture renderings"
    );
    let mut failures = Vec::new();
    for pdf in &pdfs {
        let name = stem(pdf);
        let text = [
            root().join("corpus").join(format!("{name}.txt")),
            root().join("fixtures/text").join(format!("{name}.txt")),
        ]
        .into_iter()
        .find(|p| p.is_file())
        .unwrap_or_else(|| panic!("{}: no text source", pdf.display()));
        let a = serde_json::to_value(extract(&text)).expect("JSON");
        let b = serde_json::to_value(extract(pdf)).expect("JSON");
        failures.extend(differences(&name, &a, &b));
        let pages = b["source"]["pages"].as_u64().unwrap_or(0);
        assert!(pages > 0, "{name}: PDF output names its page count");
        for t in b["tasks"].as_array().into_iter().flatten() {
            let page = t["span"]["page"].as_u64().unwrap_or(0);
            assert!(
                (1..=pages).contains(&page),
                "{name}: task {} has page {page}",
                t["id"]
            );
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
