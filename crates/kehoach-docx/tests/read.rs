//! The reader on the fixture files: what it refuses and how, and what the
//! composed text holds (fixtures in `fixtures/docx/`, made by its make.sh).

use kehoach_docx::{read_docx, read_odt, DocxError};
use std::path::PathBuf;

fn fixture(rel: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/docx")
        .join(rel);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn lines(text: &kehoach_text::SourceText) -> Vec<&str> {
    text.lines.iter().map(|l| l.text.as_str()).collect()
}

/// An OLE compound file (a legacy .doc, or a password-protected DOCX) is
/// named as such, not as a broken zip.
#[test]
fn an_ole_file_is_told_apart() {
    let doc = fixture("doc/merged_cells.doc");
    assert!(matches!(read_docx(&doc), Err(DocxError::OleFile)));
    assert!(matches!(read_docx(b""), Err(DocxError::NotAPackage(_))));
    // A DOCX is no ODT: the part it looks for is named.
    let docx = fixture("features/merged_cells.docx");
    let e = read_odt(&docx).unwrap_err().to_string();
    assert!(e.contains("content.xml"), "{e}");
}

/// Automatic numbering is rendered into the text, with the restart of a
/// list instance that overrides its start.
#[test]
fn auto_numbered_headings_and_rows_read_as_printed() {
    let d = read_docx(&fixture("features/auto_numbered.docx")).expect("reads");
    let l = lines(&d.text);
    for want in [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích",
        "II. NHIỆM VỤ, GIẢI PHÁP",
        "a) Củng cố thư viện xã",
        "III. TỔ CHỨC THỰC HIỆN",
    ] {
        assert!(l.contains(&want), "no line {want:?} in {l:#?}");
    }
    let numbers: Vec<_> = d.tables[0]
        .rows
        .iter()
        .filter_map(|r| r.number.clone())
        .collect();
    assert_eq!(numbers, ["I", "1", "2", "3", "II", "1", "2", "3"]);
}

/// Tracked changes read as accepted; a text box is read once, not again
/// from its fallback; a field shows its result.
#[test]
fn revisions_text_boxes_and_fields_read_as_word_shows_them() {
    let d = read_docx(&fixture("features/tracked_changes.docx")).expect("reads");
    let all = lines(&d.text).join("\n");
    for gone in [
        "dịch bệnh",
        "Bảo đảm kinh phí",
        "30/11/2026",
        "bão mạnh",
        "Diễn tập",
    ] {
        assert!(!all.contains(gone), "deleted text {gone:?} was read");
    }
    assert!(all.contains("trước ngày 15/12/2026."));
    let d = read_docx(&fixture("features/textbox_and_sdt.docx")).expect("reads");
    let kinds = lines(&d.text).iter().filter(|l| **l == "KẾ HOẠCH").count();
    assert_eq!(kinds, 1, "the text box is read exactly once");
    let d = read_docx(&fixture("features/fields_and_breaks.docx")).expect("reads");
    let all = lines(&d.text).join("\n");
    assert!(!all.contains("HYPERLINK"));
    assert!(all.contains("tại Bảng 1 của Phụ lục"));
}
