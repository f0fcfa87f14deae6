//! Fuzz targets over kehoach's public readers, shared by the cargo-fuzz
//! targets in `fuzz/` (nightly, coverage-guided) and by the `kehoach-fuzz`
//! binary, a seed-mutation fuzzer that runs on the stable toolchain
//! (`fuzz/README.md`).
//!
//! Each target is a thin call of one public entry point on arbitrary bytes.
//! An error result is a correct answer; a target *crashes* on a panic that
//! escapes the public API, an abort, a timeout or memory use over a cap.

pub mod child;
pub mod mutate;

use std::hint::black_box;

/// One fuzz target: a public entry point and how its inputs look.
#[derive(Clone, Copy, Debug)]
pub struct Target {
    /// The name used by `fuzz/run.sh`, cargo-fuzz and the harness.
    pub name: &'static str,
    /// Runs the entry point on one input; the result is discarded.
    pub run: fn(&[u8]),
    /// The extension a reproducer of this target is saved with.
    pub ext: &'static str,
    /// What the mutator may assume of the seeds.
    pub kind: InputKind,
}

/// The shape of a target's inputs, for structure-aware mutations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputKind {
    /// Plain or legacy-encoded text.
    Text,
    /// A PDF file: numbers are worth changing (`/Count`, `/Length`).
    Pdf,
    /// A zip package (DOCX, ODT): its XML parts are worth mutating.
    Zip,
}

/// Every target, in the order `fuzz/run.sh` runs them.
pub const TARGETS: &[Target] = &[
    Target {
        name: "decode",
        run: decode,
        ext: "txt",
        kind: InputKind::Text,
    },
    Target {
        name: "text_tables",
        run: text_tables,
        ext: "txt",
        kind: InputKind::Text,
    },
    Target {
        name: "pdf",
        run: pdf,
        ext: "pdf",
        kind: InputKind::Pdf,
    },
    Target {
        name: "docx",
        run: docx,
        ext: "docx",
        kind: InputKind::Zip,
    },
];

/// The target of this name.
pub fn target(name: &str) -> Option<&'static Target> {
    TARGETS.iter().find(|t| t.name == name)
}

/// The text decoder: UTF-8, legacy Vietnamese encodings, control bytes.
pub fn decode(data: &[u8]) {
    let _ = black_box(kehoach_text::decode_any(data));
}

/// A text file through the whole text path: decoding, the table readers
/// (pipe, grid, layout-aligned), metadata, outline and prose.
pub fn text_tables(data: &[u8]) {
    let _ = black_box(kehoach_extract::extract_text("fuzz.txt", data));
}

/// A PDF through the PDF reader and the plan builder.
pub fn pdf(data: &[u8]) {
    let _ = black_box(kehoach_extract::extract_pdf("fuzz.pdf", data));
}

/// A Word (DOCX) package through the DOCX reader and the plan builder; an
/// OpenDocument package (as the sniffer tells) through the ODT reader.
pub fn docx(data: &[u8]) {
    let _ = match kehoach_docx::sniff(data) {
        Some("odt") => black_box(kehoach_extract::extract_odt("fuzz.odt", data)),
        _ => black_box(kehoach_extract::extract_docx("fuzz.docx", data)),
    };
}

/// Reads a libFuzzer dictionary (`fuzz/dict/*.dict`): one `"token"` or
/// `name="token"` a line, `#` comments, `\\`, `\"` and `\xNN` escapes.
pub fn parse_dict(text: &str) -> Vec<Vec<u8>> {
    let mut tokens = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (Some(open), Some(close)) = (line.find('"'), line.rfind('"')) else {
            continue;
        };
        if close <= open {
            continue;
        }
        let body = &line.as_bytes()[open + 1..close];
        let mut out = Vec::with_capacity(body.len());
        let mut i = 0;
        while i < body.len() {
            match (body[i], body.get(i + 1)) {
                (b'\\', Some(b'x')) if i + 3 < body.len() + 1 => {
                    let hex = std::str::from_utf8(&body[i + 2..(i + 4).min(body.len())]).ok();
                    match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                        Some(b) => {
                            out.push(b);
                            i += 4;
                        }
                        None => {
                            out.push(b'\\');
                            i += 1;
                        }
                    }
                }
                (b'\\', Some(&c)) => {
                    out.push(c);
                    i += 2;
                }
                (c, _) => {
                    out.push(c);
                    i += 1;
                }
            }
        }
        if !out.is_empty() {
            tokens.push(out);
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dict_escapes() {
        let d = parse_dict("# c\n\"a\\\"b\"\nkw=\"\\x41\\\\\"\n\n\"\"\n");
        assert_eq!(d, vec![b"a\"b".to_vec(), b"A\\".to_vec()]);
    }

    #[test]
    fn targets_accept_empty_and_junk() {
        for t in TARGETS {
            (t.run)(b"");
            (t.run)(b"\x00\xff%PDF-1.4 PK\x03\x04");
        }
    }
}
