//! Tables drawn without ruling lines (`fixtures/pdf/borderless/`, rendered
//! by `fixtures/pdf/make.sh borderless`): rebuilt from alignment, they read
//! the same as the ruled rendering of the same source.

use kehoach_pdf::{read, PdfText};
use kehoach_table::{Role, RowKind, Table};

fn fixture(path: &str) -> PdfText {
    let full = format!("{}/../../fixtures/pdf/{path}", env!("CARGO_MANIFEST_DIR"));
    read(&std::fs::read(&full).expect("fixture")).expect("readable PDF")
}

fn row<'a>(t: &'a Table, number: &str) -> &'a kehoach_table::Row {
    t.rows
        .iter()
        .find(|r| r.number.as_deref() == Some(number))
        .unwrap_or_else(|| panic!("row {number}"))
}

fn texts(r: &kehoach_table::Row) -> Vec<&str> {
    r.cells.iter().map(|c| c.text.as_str()).collect()
}

#[test]
fn borderless_004_tables_columns_and_rows() {
    let pdf = fixture("borderless/004_239490791d981bc8.pdf");
    assert_eq!(pdf.tables.len(), 3, "three appendix tables");
    let roles: Vec<Role> = pdf.tables[0]
        .columns
        .iter()
        .map(|c| c.role.clone())
        .collect();
    assert_eq!(
        roles,
        [
            Role::Number,
            Role::Name,
            Role::Unit,
            Role::Target { year: None },
            Role::Lead,
            Role::Cooperating
        ]
    );
    let t1 = &pdf.tables[1];
    assert_eq!(t1.columns.len(), 10);
    assert_eq!(t1.columns[2].role, Role::Target { year: Some(2025) });
    assert_eq!(t1.columns[6].role, Role::Target { year: Some(2045) });
    assert_eq!(t1.columns[7].label, "Cơ quan chủ trì theo dõi, đánh giá");

    // corpus/004…txt: `4.1 Tỉ lệ người sử dụng có khả năng truy nhập băng
    // rộng cố định với tốc độ trên 1Gb/s | % | 100 | Phòng Văn hóa - Xã hội |
    // Sở Khoa học và Công nghệ; Các cơ quan chuyên môn, đơn vị liên quan`.
    let r = row(&pdf.tables[0], "4.1");
    assert_eq!(r.kind, RowKind::Data);
    assert_eq!(
        texts(r),
        [
            "4.1",
            "Tỉ lệ người sử dụng có khả năng truy nhập băng rộng cố định với tốc độ trên 1Gb/s",
            "%",
            "100",
            "Phòng Văn hóa - Xã hội",
            "Sở Khoa học và Công nghệ; Các cơ quan chuyên môn, đơn vị liên quan"
        ]
    );

    // Group rows: the numeral, then one text across the columns.
    let g = row(t1, "II");
    assert_eq!(g.kind, RowKind::Group);
    assert_eq!(g.group_text.as_deref(), Some("Phát triển nguồn lực"));

    // Row 1 of appendix 2 is cut by the page break (its last lines on the
    // next page, under the repeated header): joined into one row.
    let r = row(t1, "1");
    assert_eq!(r.cells[1].text, "Tỷ lệ phủ sóng 5G trên địa bàn phường");
    assert_eq!(r.cells[2].text, "≥60%");
    assert_eq!(r.cells[7].text, "Phòng Văn hóa - Xã hội");
    assert_eq!(
        r.cells[8].text,
        "Sở Khoa học và Công nghệ, các đơn vị liên quan"
    );
    assert_eq!(r.cells[9].text, "Báo cáo số liệu");
}

/// Rows as (kind, number, group text, cell texts), lines left out.
/// A row's kind, number, group text and cell texts.
type RowShape = (RowKind, Option<String>, Option<String>, Vec<String>);

fn shape(t: &Table) -> Vec<RowShape> {
    t.rows
        .iter()
        .map(|r| {
            (
                r.kind,
                r.number.clone(),
                r.group_text.clone(),
                r.cells.iter().map(|c| c.text.clone()).collect(),
            )
        })
        .collect()
}

#[test]
fn borderless_reads_like_ruled() {
    // 004 has no vertically merged cell, so without rules nothing is lost.
    let ruled = fixture("004_239490791d981bc8.pdf");
    let plain = fixture("borderless/004_239490791d981bc8.pdf");
    assert_eq!(ruled.tables.len(), plain.tables.len());
    for (a, b) in ruled.tables.iter().zip(&plain.tables) {
        assert_eq!(a.columns, b.columns);
        assert_eq!(a.kind, b.kind);
        assert_eq!(a.caption, b.caption);
        assert_eq!(shape(a), shape(b));
    }
}

#[test]
fn borderless_header_once_continues_on_the_columns() {
    // 000 prints the header on the table's first page only: the next pages
    // go on with its columns.
    let ruled = fixture("000_acc11078ec403f97.pdf");
    let plain = fixture("borderless/000_acc11078ec403f97.pdf");
    assert_eq!(ruled.tables.len(), plain.tables.len());
    for (a, b) in ruled.tables.iter().zip(&plain.tables) {
        assert_eq!(a.columns, b.columns);
        assert_eq!(a.rows.len(), b.rows.len());
        let numbers = |t: &Table| -> Vec<Option<String>> {
            t.rows.iter().map(|r| r.number.clone()).collect()
        };
        assert_eq!(numbers(a), numbers(b));
    }
    assert!(plain.tables.iter().any(|t| {
        let pages: Vec<u32> = t.rows.iter().filter_map(|r| r.page).collect();
        pages.first() != pages.last()
    }));
}
