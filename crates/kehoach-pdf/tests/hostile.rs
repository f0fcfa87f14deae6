//! Hostile PDFs (issue 12): bombs, loops, huge counts, deep nesting, wrong
//! types and truncations each get a typed error (or read, when the file
//! is only odd), in this process: no abort, no hang, no panic. The files
//! are made by `fixtures/hostile/make_pdf.py`.

use kehoach_pdf::{read, PdfError};
use std::path::PathBuf;

fn hostile(name: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/hostile/pdf")
        .join(format!("{name}.pdf"));
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// What a file must give.
enum Expect {
    /// `LimitExceeded` naming this limit.
    Limit(&'static str),
    /// `BrokenPageTree`.
    Broken,
    /// `Malformed` (not a PDF lopdf can load).
    Malformed,
    /// `ReaderFailed` with a message for a person, not a library's.
    Failed,
    /// `NoTextLayer`.
    NoText,
    /// Read, with this many pages.
    Pages(u32),
}

const CASES: &[(&str, Expect)] = &[
    ("bomb_flate_200mb", Expect::Limit("MAX_STREAM_BYTES")),
    ("bomb_flate_2gb_twice", Expect::Limit("MAX_STREAM_BYTES")),
    // An object stream of 200 MB is refused while loading; the page's
    // objects are outside it.
    ("bomb_object_stream", Expect::Pages(1)),
    ("bomb_xref_stream_index", Expect::Malformed),
    ("cmap_bfrange_2e32", Expect::Limit("MAX_CMAP_CODES")),
    ("cmap_range_16m", Expect::Limit("MAX_CMAP_CODES")),
    ("cmap_nested_arrays", Expect::Limit("MAX_NESTING_DEPTH")),
    ("count_1e12", Expect::Pages(1)),
    ("child_count_huge", Expect::Pages(1)),
    ("pages_25000", Expect::Limit("MAX_PAGES")),
    ("pages_5000", Expect::Pages(5000)),
    ("glyphs_1e6_scattered", Expect::Limit("MAX_GLYPHS_PER_PAGE")),
    ("rules_flood", Expect::Limit("MAX_RULES_PER_PAGE")),
    (
        "content_streams_100k",
        Expect::Limit("MAX_CONTENT_STREAMS_PER_PAGE"),
    ),
    (
        "content_q_bomb",
        Expect::Limit("MAX_CONTENT_BYTES_PER_PAGE"),
    ),
    // A form drawing itself, or two drawing each other: not followed.
    ("xobject_self", Expect::Pages(1)),
    ("xobject_mutual", Expect::Pages(1)),
    ("xobject_chain_deep", Expect::Limit("MAX_XOBJECT_DEPTH")),
    (
        "xobject_fanout",
        Expect::Limit("MAX_XOBJECT_DRAWS_PER_PAGE"),
    ),
    // pdf-extract does not run Type3 glyph procedures.
    ("type3_charproc_self", Expect::Pages(1)),
    // The page's `/Parent` loop is replaced by its real parent.
    ("parent_loop", Expect::Pages(1)),
    ("page_tree_cycle", Expect::Broken),
    ("page_tree_deep", Expect::Broken),
    ("pages_is_number", Expect::Broken),
    ("no_pages", Expect::Broken),
    ("missing_root", Expect::Broken),
    ("objstm_loop", Expect::Broken),
    // The page object does not parse (lopdf stops at 100 levels): no page.
    ("deep_dicts", Expect::Broken),
    ("deep_arrays_content", Expect::Failed),
    ("contents_is_string", Expect::NoText),
    ("font_is_array", Expect::Failed),
    ("xref_anywhere", Expect::Broken),
    ("prev_loop", Expect::Pages(1)),
    ("truncated_in_object", Expect::Malformed),
    ("truncated_in_stream", Expect::Malformed),
    ("truncated_in_xref", Expect::Malformed),
    ("control_one_page", Expect::Pages(1)),
];

#[test]
fn each_hostile_pdf_gets_its_error() {
    let mut failures = Vec::new();
    for (name, expect) in CASES {
        let got = read(&hostile(name));
        let ok = match (expect, &got) {
            (Expect::Limit(limit), Err(PdfError::LimitExceeded { name, .. })) => name == limit,
            (Expect::Broken, Err(PdfError::BrokenPageTree(_))) => true,
            (Expect::Malformed, Err(PdfError::Malformed(_))) => true,
            (Expect::Failed, Err(PdfError::ReaderFailed(m))) => {
                // A part and a reason, never a library's assertion text.
                m.contains(" (") && !m.contains("assert") && !m.contains("unwrap")
            }
            (Expect::NoText, Err(PdfError::NoTextLayer { .. })) => true,
            (Expect::Pages(n), Ok(r)) => r.pages == *n,
            _ => false,
        };
        if !ok {
            failures.push(format!("{name}: {:?}", got.map(|r| r.pages)));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every hostile file is in the table above.
#[test]
fn every_hostile_file_is_checked() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/hostile/pdf");
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut named: Vec<String> = CASES.iter().map(|(n, _)| format!("{n}.pdf")).collect();
    named.sort();
    assert_eq!(files, named);
}

#[test]
fn a_limit_message_names_the_limit() {
    let e = read(&hostile("pages_25000")).unwrap_err();
    assert_eq!(
        e.to_string(),
        "the PDF has 25,000 pages; kehoach reads at most 10,000 (MAX_PAGES)"
    );
}

/// The good fixtures still read: every page, with text.
#[test]
fn good_fixtures_still_read() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/pdf");
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "pdf") {
            let r = read(&std::fs::read(&p).unwrap())
                .unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            assert!(r.pages > 0 && !r.text.lines.is_empty(), "{}", p.display());
            n += 1;
        }
    }
    assert!(n >= 5);
}
