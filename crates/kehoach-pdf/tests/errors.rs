//! Bad PDFs get a clear error, never a panic and never a partial result.
//! The fixtures are made by `fixtures/pdf/make.sh` (see `fixtures/pdf/bad/`).

use kehoach_pdf::{read, PdfError};
use std::path::PathBuf;

fn fixture(rel: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/pdf")
        .join(rel);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Whether an error is the expected kind.
type Expect = fn(&PdfError) -> bool;

#[test]
fn each_bad_input_gets_its_own_error() {
    let cases: &[(&str, Expect, &str)] = &[
        (
            "bad/encrypted.pdf",
            |e| matches!(e, PdfError::Encrypted),
            "encrypted",
        ),
        (
            "bad/scanned.pdf",
            |e| matches!(e, PdfError::NoTextLayer { pages: 2 }),
            "no text layer in any of its 2 pages",
        ),
        (
            "bad/truncated.pdf",
            |e| matches!(e, PdfError::Malformed(_)),
            "not a readable PDF",
        ),
        (
            "bad/not_a_pdf.pdf",
            |e| matches!(e, PdfError::Malformed(_)),
            "not a readable PDF",
        ),
        (
            "bad/empty.pdf",
            |e| matches!(e, PdfError::Malformed(_)),
            "not a readable PDF",
        ),
        (
            "bad/corrupt.pdf",
            |e| matches!(e, PdfError::Malformed(_) | PdfError::ReaderFailed(_)),
            "",
        ),
    ];
    for (name, is_expected, words) in cases {
        match read(&fixture(name)) {
            Ok(_) => panic!("{name}: read without error"),
            Err(e) => {
                assert!(is_expected(&e), "{name}: unexpected error {e:?}");
                assert!(
                    e.to_string().contains(words),
                    "{name}: message {:?}",
                    e.to_string()
                );
            }
        }
    }
}

#[test]
fn an_empty_user_password_opens_like_in_a_viewer() {
    let plain = read(&fixture("004_239490791d981bc8.pdf")).expect("plain PDF reads");
    let locked =
        read(&fixture("encrypted/no_user_password.pdf")).expect("opens without a password");
    assert_eq!(plain.text, locked.text);
    assert_eq!(plain.tables, locked.tables);
}

/// Cuts and damages a real PDF at many places: every result is a value
/// (`Ok` or a typed error); a panic inside the PDF libraries is contained.
#[test]
fn damaged_pdfs_never_panic() {
    let good = fixture("reordered_columns.pdf");
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut inputs: Vec<Vec<u8>> = Vec::new();
    for k in 1..12 {
        inputs.push(good[..good.len() * k / 12].to_vec());
    }
    for _ in 0..24 {
        let mut b = good.clone();
        for _ in 0..(1 + next() % 8) {
            let at = (next() as usize) % b.len();
            let len = 1 + (next() as usize) % 48;
            for x in b.iter_mut().skip(at).take(len) {
                *x = next() as u8;
            }
        }
        inputs.push(b);
    }
    for (k, bytes) in inputs.iter().enumerate() {
        let outcome = std::panic::catch_unwind(|| read(bytes).map(|_| ()));
        assert!(
            outcome.is_ok(),
            "input {k}: a panic escaped kehoach_pdf::read"
        );
    }
}
