//! The vendored lopdf's hand-written content-stream reader (a kehoach
//! patch, see `vendor/README.md`) gives exactly what its nom grammar gives:
//! on every page content stream and form XObject of the PDF fixtures, and on
//! thousands of edits of them (bytes dropped, inserted or replaced by the
//! characters the grammar treats specially, cut anywhere), wherever the
//! reader answers at all.

use pdf_extract::content::{Content, Operation};
use pdf_extract::{Document, Object};

#[path = "support/edits.rs"]
mod support;
use support::{edit, fixture_pdfs, Edit, Rng};

/// Every page content stream and form XObject of the fixture PDFs, decoded,
/// with whether it comes from a damaged PDF (`fixtures/pdf/bad`).
fn streams() -> Vec<(bool, Vec<u8>)> {
    let mut out: Vec<(bool, Vec<u8>)> = Vec::new();
    for f in fixture_pdfs() {
        let bad = f.parent().is_some_and(|d| d.ends_with("bad"));
        let mut add = |data: Vec<u8>| {
            if !data.is_empty() && !out.iter().any(|(_, d)| *d == data) {
                out.push((bad, data));
            }
        };
        let Ok(doc) = Document::load(&f) else {
            continue;
        };
        for page in doc.get_pages().into_values() {
            if let Ok(data) = doc.get_page_content(page) {
                add(data);
            }
        }
        for obj in doc.objects.values() {
            if let Ok(stream) = obj.as_stream() {
                let form = stream
                    .dict
                    .get(b"Subtype")
                    .and_then(Object::as_name)
                    .is_ok_and(|n| n == b"Form");
                if form {
                    add(stream
                        .decompressed_content()
                        .unwrap_or_else(|_| stream.content.clone()));
                }
            }
        }
    }
    out
}

fn same(a: &[Operation], b: &[Operation]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| x.operator == y.operator && x.operands == y.operands)
}

/// The grammar's reading, held to the reader's when the reader answers;
/// whether it answered.
fn check(data: &[u8]) -> bool {
    let Some(fast) = Content::decode_fast(data) else {
        return false;
    };
    let grammar = Content::decode_with_grammar(data);
    let Ok(grammar) = grammar else {
        panic!(
            "the grammar fails where the reader answers: {:?}",
            String::from_utf8_lossy(data)
        );
    };
    assert!(
        same(&fast.operations, &grammar.operations),
        "readings differ on {:?}:\nreader  {:?}\ngrammar {:?}",
        String::from_utf8_lossy(data),
        fast.operations,
        grammar.operations
    );
    true
}

#[test]
fn the_reader_reads_the_fixture_content_streams_as_the_grammar_does() {
    let streams = streams();
    assert!(
        streams.len() >= 50,
        "found {} content streams",
        streams.len()
    );
    let mut answered = 0;
    for (bad, s) in &streams {
        if check(s) {
            answered += 1;
        } else {
            // Content as producers write it is in the reader's subset: what
            // it leaves to the grammar is damaged content (which the grammar
            // reads up to the damage) and inline images.
            assert!(
                *bad || s.windows(3).any(|w| w == b"BI "),
                "the reader leaves a fixture content stream to the grammar: {:?}",
                String::from_utf8_lossy(&s[..s.len().min(300)])
            );
        }
    }
    eprintln!(
        "content streams: {}, read by the reader: {answered}",
        streams.len()
    );
    assert!(
        answered * 10 >= streams.len() * 8,
        "{answered} of {}",
        streams.len()
    );
}

#[test]
fn edits_of_them_are_read_as_the_grammar_reads_them() {
    let streams = streams();
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let special = b"%()<>[]{}/#\\\r\n\t \x00\x0c.+-0123456789aefnlrtu*'\"BIRTJ";
    let (mut compared, mut answered) = (0, 0);
    // Pieces of every stream, from line end to line end: its start, and
    // pieces from the middle of long ones.
    for (_, s) in &streams {
        for round in 0..100 {
            let mut from = if round % 2 == 1 && s.len() > 1200 {
                (rng.next() as usize) % (s.len() - 1200)
            } else {
                0
            };
            while from > 0 && s[from - 1] != b'\n' {
                from -= 1;
            }
            let mut to = s.len().min(from + 1200);
            while to < s.len() && to > from + 1 && s[to - 1] != b'\n' {
                to -= 1;
            }
            let mut e = s[from..to].to_vec();
            edit(&mut e, &mut rng, special, |n| match n % 6 {
                0 => Edit::Drop,
                1 | 2 => Edit::Insert,
                3 => Edit::Replace,
                4 => Edit::Truncate,
                _ => Edit::Keep,
            });
            answered += usize::from(check(&e));
            compared += 1;
        }
    }
    eprintln!("edits: {compared}, read by the reader: {answered}");
    assert!(compared >= 10_000, "{compared}");
    assert!(
        answered * 4 >= compared,
        "the reader answered {answered} of {compared}"
    );
}

#[test]
fn hand_made_corners() {
    let cases: &[&[u8]] = &[
        b"",
        b"   ",
        b"q Q",
        b"1.2.3 d",
        b"--5 d",
        b"+3 -.5 5. .5 -0 0.0 d",
        b"99999999999999999999 d",
        b"1e5 d",
        b"/A#20B /C#2 /#zz /# d",
        b"/ d",
        b"(a\\\r\nb\\\nc\\\rd\r\ne\\0053\\777\\x\\(\\)) Tj",
        b"(a(b(c)d)e) Tj",
        b"(unterminated Tj",
        b"(ends in a backslash\\",
        b"<901FA> <9 01F\x00A\x0c> <> < > <4g> Tj",
        b"<< /A 1 0 R /B [1 2 R 3] /C << /D null >> /A 2 >> BDC",
        b"[1 0 R 2 %c\n 0 R (x) <41> /N true false null [ ] ] TJ",
        b"[1 0 R] TJ 1 0 R d",
        b"%c\nq %d\n Q",
        b"q\n%c\n%d\r\nQ",
        b"q %c",
        b"q\n%c\n\nQ",
        b"q\x0cQ",
        b"q\x00Q",
        b"0g 1 0 0 RG T*'\"",
        b"nullx truefalse d",
        b"BT /F1 12 Tf (x) Tj ET BI /W 1 /H 1 /BPC 8 /CS /G ID \x00 EI Q",
        b"q BIx Q",
        b"1 BI",
        b"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]] d",
        b"[1 2 3 4294967296 0 R 1 65536 R] d",
        b"\xff\xfe d",
        b"/\xc3\xa9 d",
    ];
    for c in cases {
        check(c);
    }
    assert!(check(
        b"q 1 0 0 1 10 10 cm BT /F1 12 Tf [(a) -250 <0041>] TJ ET Q"
    ));
}
