//! The vendored CMap parser's plain lexer (a kehoach patch, see
//! `vendor/README.md`) gives exactly what the published grammar gives: on
//! every CMap stream of the PDF fixtures, and on thousands of edits of
//! them (bytes dropped, doubled or replaced by the characters the grammar
//! treats specially), wherever the lexer answers at all.

use adobe_cmap_parser::{parse, parse_fast, parse_with_grammar, Value};

#[path = "support/edits.rs"]
mod support;
use support::{edit, fixture_pdfs, Edit, Rng};

/// A value written with dictionary keys sorted, to compare two readings.
fn canon(v: &Value) -> String {
    match v {
        Value::Dictionary(d) => {
            let mut keys: Vec<&String> = d.keys().collect();
            keys.sort();
            let inner: Vec<String> = keys
                .into_iter()
                .map(|k| format!("{k:?}: {}", canon(&d[k])))
                .collect();
            format!("Dict{{{}}}", inner.join(", "))
        }
        Value::Array(a) => format!("[{}]", a.iter().map(canon).collect::<Vec<_>>().join(", ")),
        other => format!("{other:?}"),
    }
}

fn reading<E: std::fmt::Display>(input: &[u8], with: fn(&[u8]) -> Result<Vec<Value>, E>) -> String {
    // The grammar panics on some inputs (a name not UTF-8): so may both.
    match std::panic::catch_unwind(|| with(input)) {
        Ok(Ok(values)) => values.iter().map(canon).collect::<Vec<_>>().join("\n"),
        Ok(Err(e)) => format!("error {e}"),
        Err(_) => "panic".to_string(),
    }
}

/// Every decoded stream of the fixture PDFs that holds a CMap.
fn cmaps() -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for f in fixture_pdfs() {
        let Ok(doc) = pdf_extract::Document::load(&f) else {
            continue;
        };
        for obj in doc.objects.values() {
            if let Ok(stream) = obj.as_stream() {
                let data = stream
                    .decompressed_content()
                    .unwrap_or_else(|_| stream.content.clone());
                if data.windows(9).any(|w| w == b"begincmap") && !out.contains(&data) {
                    out.push(data);
                }
            }
        }
    }
    out
}

#[test]
fn the_lexer_reads_every_fixture_cmap_as_the_grammar_does() {
    let maps = cmaps();
    assert!(maps.len() >= 5, "found {} CMaps", maps.len());
    for m in &maps {
        assert_eq!(reading(m, parse), reading(m, parse_with_grammar));
    }
    // And it is the lexer that read them (the grammar would be as right,
    // but slow): a CMap as producers write it is in the lexer's subset.
    for m in &maps {
        assert!(
            parse_fast(m).is_some(),
            "the lexer leaves a fixture CMap to the grammar: {:?}",
            String::from_utf8_lossy(&m[..m.len().min(300)])
        );
    }
}

#[test]
fn edits_of_them_are_read_as_the_grammar_reads_them() {
    let maps = cmaps();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let special = b"%()<>[]{}/#\\\r\n\t \x00\x0c.+-0123456789aftrue*'\"";
    let mut compared = 0;
    for m in &maps {
        // Short pieces too: the start of a CMap, cut anywhere.
        let m = &m[..m.len().min(1200)];
        for _ in 0..400 {
            let mut e = m.to_vec();
            edit(&mut e, &mut rng, special, |n| match n % 4 {
                0 => Edit::Drop,
                1 => Edit::Insert,
                2 => Edit::Replace,
                _ => Edit::Truncate,
            });
            assert_eq!(
                reading(&e, parse),
                reading(&e, parse_with_grammar),
                "edited CMap: {:?}",
                String::from_utf8_lossy(&e)
            );
            compared += 1;
        }
    }
    assert!(compared > 2000, "{compared}");
}
