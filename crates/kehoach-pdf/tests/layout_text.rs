//! Layout text (what `pdftotext -layout`, pdfplumber or PyMuPDF write):
//! read by the alignment reader, each character a glyph at its column. A
//! hand-made page in a shape the corpus does not have: labels centred over
//! their columns, cells that fill their column up to one space before the
//! next one, and a row cut by the page break whose rest comes right under
//! the repeated header, with no blank line.

use kehoach_pdf::layout_text_tables;
use kehoach_table::{Role, RowKind};
use kehoach_text::SourceText;

const PAGES: [&str; 9] = [
    "PHỤ LỤC: PHÂN CÔNG NHIỆM VỤ\n",
    " STT                 Nhiệm vụ                     Đơn vị chủ trì         Đơn vị phối hợp          Thời hạn\n",
    "1    Rà soát quy trình nội bộ của cơ quan và  Văn phòng UBND xã      Công an xã             Quý II/2027\n",
    "     sửa đổi quy chế làm việc\n",
    "2    Xây dựng cơ sở dữ liệu đất đai toàn xã   Phòng Kinh tế          Văn phòng UBND xã      Tháng 6/2027\n",
    "3    Đào tạo kỹ năng số cho cán bộ, công chức Phòng Văn hóa - Xã hội Trung tâm Chính trị    Hằng năm\n",
    "\u{c} STT                 Nhiệm vụ                     Đơn vị chủ trì         Đơn vị phối hợp          Thời hạn\n",
    "     và người lao động                                               huyện\n",
    "4    Tổng kết việc thực hiện kế hoạch         Văn phòng UBND xã      Các phòng, đơn vị      Tháng 12/2027\n",
];

fn texts(r: &kehoach_table::Row) -> Vec<&str> {
    r.cells.iter().map(|c| c.text.as_str()).collect()
}

#[test]
fn one_space_between_full_cells_and_a_row_cut_by_the_page_break() {
    let text = SourceText::from_text(&PAGES.concat());
    let tables = layout_text_tables(&text);
    assert_eq!(tables.len(), 1, "the repeated header continues the table");
    let t = &tables[0];
    let roles: Vec<Role> = t.columns.iter().map(|c| c.role.clone()).collect();
    assert_eq!(
        roles,
        [
            Role::Number,
            Role::Name,
            Role::Lead,
            Role::Cooperating,
            Role::Deadline
        ]
    );
    let rows: Vec<_> = t.rows.iter().filter(|r| r.kind == RowKind::Data).collect();
    assert_eq!(rows.len(), 4);
    assert_eq!(
        texts(rows[0]),
        [
            "1",
            "Rà soát quy trình nội bộ của cơ quan và sửa đổi quy chế làm việc",
            "Văn phòng UBND xã",
            "Công an xã",
            "Quý II/2027"
        ]
    );
    // One space between three full cells; the rest of the row after the
    // page break, right under the repeated header.
    assert_eq!(
        texts(rows[2]),
        [
            "3",
            "Đào tạo kỹ năng số cho cán bộ, công chức và người lao động",
            "Phòng Văn hóa - Xã hội",
            "Trung tâm Chính trị huyện",
            "Hằng năm"
        ]
    );
    assert_eq!(
        texts(rows[3]),
        [
            "4",
            "Tổng kết việc thực hiện kế hoạch",
            "Văn phòng UBND xã",
            "Các phòng, đơn vị",
            "Tháng 12/2027"
        ]
    );
}

/// `STT` set flush left over numbers centred a character or two to its
/// right: the numbers are still under it, and start the rows.
#[test]
fn row_numbers_right_of_a_flush_left_stt() {
    let lines = [
    "STT                     Nhiệm vụ                     Đơn vị chủ trì         Đơn vị phối hợp          Thời hạn\n",
    "    1   Rà soát quy trình nội bộ của cơ quan và  Văn phòng UBND xã      Công an xã             Quý II/2027\n",
    "        sửa đổi quy chế làm việc\n",
    "    2   Xây dựng cơ sở dữ liệu đất đai toàn xã   Phòng Kinh tế          Văn phòng UBND xã      Tháng 6/2027\n",
    ];
    let text = SourceText::from_text(&lines.concat());
    let tables = layout_text_tables(&text);
    assert_eq!(tables.len(), 1);
    let rows: Vec<_> = tables[0]
        .rows
        .iter()
        .filter(|r| r.kind == RowKind::Data)
        .collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(
        texts(rows[0]),
        [
            "1",
            "Rà soát quy trình nội bộ của cơ quan và sửa đổi quy chế làm việc",
            "Văn phòng UBND xã",
            "Công an xã",
            "Quý II/2027"
        ]
    );
}
