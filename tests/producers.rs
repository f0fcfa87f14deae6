//! PDFs written by another producer than LibreOffice (PyMuPDF, see
//! `fixtures/pdf/producers/README.md`): CID fonts whose widths come in runs,
//! cell borders stroked one by one and stopping short of the corners, `Stt`
//! over two numbering columns, group rows with cells merged down over their
//! rows, page numbers above a continued table, a landscape page written as a
//! portrait one with `/Rotate 90`, tables starting mid-page or under a
//! caption printed at the foot of the page before, and ruled tables that are
//! no plan table. Each test gives every row the PDF holds.

use kehoach_schema::Plan;
use kehoach_suite::{extract, root};

fn plan(name: &str) -> Plan {
    extract(&root().join("fixtures/pdf/producers").join(name))
}

/// A task as (group, number, name, lead, cooperating, deadline, page).
type TaskRow = (
    Option<String>,
    Option<String>,
    String,
    Vec<String>,
    Vec<String>,
    Option<String>,
    Option<u32>,
);

fn tasks(p: &Plan) -> Vec<TaskRow> {
    fn walk(ts: &[kehoach_schema::Task], out: &mut Vec<TaskRow>) {
        for t in ts {
            out.push((
                t.group.clone(),
                t.number.clone(),
                t.name.clone(),
                t.lead.clone(),
                t.cooperating.clone(),
                t.deadline.as_ref().map(|d| d.raw.clone()),
                t.span.page,
            ));
            walk(&t.subtasks, out);
        }
    }
    let mut out = Vec::new();
    walk(&p.tasks, &mut out);
    out
}

fn s(x: &str) -> String {
    x.to_string()
}

fn v(xs: &[&str]) -> Vec<String> {
    xs.iter().map(|x| x.to_string()).collect()
}

fn task(
    group: Option<&str>,
    number: &str,
    name: &str,
    lead: &[&str],
    coop: &[&str],
    deadline: &str,
    page: u32,
) -> TaskRow {
    (
        group.map(s),
        Some(s(number)),
        s(name),
        v(lead),
        v(coop),
        Some(s(deadline)),
        Some(page),
    )
}

const VP: &str = "van-phong-hoi-dong-nhan-dan-va-uy-ban-nhan-dan";
const DTN: &str = "doan-thanh-nien-cong-san-ho-chi-minh-xa";

#[test]
fn cell_strokes_with_corner_gaps() {
    let p = plan("cell_strokes.pdf");
    let expected = vec![
        task(
            None,
            "1",
            "Rà soát, cập nhật dữ liệu dân cư trên địa bàn xã",
            &["cong-an-xa"],
            &[VP],
            "Quý II/2025",
            1,
        ),
        task(
            None,
            "2",
            "Tuyên truyền, hướng dẫn người dân cài đặt và sử dụng ứng dụng VNeID",
            &["phong-van-hoa-xa-hoi"],
            &[DTN, "hoi-lien-hiep-phu-nu-xa"],
            "Thường xuyên",
            1,
        ),
        task(
            None,
            "3",
            "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
            &[VP],
            &["phong-kinh-te"],
            "Tháng 12/2025",
            1,
        ),
        task(
            None,
            "4",
            "Bồi dưỡng kỹ năng số cho cán bộ, công chức xã",
            &["phong-kinh-te"],
            &["cac-don-vi-lien-quan"],
            "Năm 2025",
            1,
        ),
    ];
    assert_eq!(tasks(&p), expected);
    assert!(p.indicators.is_empty());
}

#[test]
fn stt_over_two_numbering_columns() {
    let p = plan("stt_two_columns.pdf");
    let expected = vec![
        task(
            None,
            "1",
            "Phát triển hạ tầng số",
            &["phong-kinh-te"],
            &["buu-dien"],
            "Năm 2025",
            1,
        ),
        task(
            None,
            "1.1",
            "Phủ sóng di động đến các thôn",
            &["phong-kinh-te"],
            &["cac-doanh-nghiep-vien-thong"],
            "Quý III/2025",
            1,
        ),
        task(
            None,
            "1.2",
            "Lắp đặt wifi miễn phí tại nhà văn hóa thôn",
            &["phong-van-hoa-xa-hoi"],
            &["cac-thon"],
            "Quý IV/2025",
            1,
        ),
        task(
            None,
            "2",
            "Thanh toán không dùng tiền mặt",
            &["phong-kinh-te"],
            &["ngan-hang-chinh-sach-xa-hoi"],
            "Thường xuyên",
            1,
        ),
        task(
            None,
            "2.1",
            "Hướng dẫn tiểu thương mở tài khoản thanh toán",
            &["phong-kinh-te"],
            &["ban-quan-ly-cho"],
            "Tháng 9/2025",
            1,
        ),
    ];
    assert_eq!(tasks(&p), expected);
}

#[test]
fn group_rows_with_cells_merged_down() {
    let p = plan("group_merged_down.pdf");
    let g1 = Some("Nhóm dịch vụ công trực tuyến");
    let g2 = Some("Nhóm phát triển công dân số");
    let expected = vec![
        task(
            g1,
            "1",
            "Tiếp nhận hồ sơ trực tuyến toàn trình",
            &[VP],
            &["cong-an-xa"],
            "Năm 2025",
            1,
        ),
        task(
            g1,
            "2",
            "Trả kết quả thủ tục hành chính qua bưu chính",
            &[VP],
            &["buu-dien"],
            "Năm 2025",
            1,
        ),
        task(
            g2,
            "3",
            "Cấp tài khoản định danh điện tử mức 2",
            &["cong-an-xa"],
            &["cac-thon"],
            "Quý IV/2025",
            1,
        ),
        task(
            g2,
            "4",
            "Làm sạch dữ liệu cư trú",
            &["cong-an-xa"],
            &[VP],
            "Quý IV/2025",
            1,
        ),
    ];
    assert_eq!(tasks(&p), expected);
}

#[test]
fn page_numbers_above_a_continued_table() {
    let p = plan("page_numbers.pdf");
    let rows = tasks(&p);
    let numbers: Vec<Option<String>> = rows.iter().map(|r| r.1.clone()).collect();
    let want: Vec<Option<String>> = (1..=8).map(|n| Some(n.to_string())).collect();
    assert_eq!(numbers, want, "{rows:#?}");
    let pages: Vec<Option<u32>> = rows.iter().map(|r| r.6).collect();
    assert_eq!(pages, [1, 1, 1, 2, 2, 2, 3, 3].map(Some).to_vec());
    assert_eq!(
        rows[3],
        task(
            None,
            "4",
            "Khảo sát mức độ hài lòng của người dân, tổ chức",
            &["cong-an-xa"],
            &["cac-thon"],
            "Quý III/2025",
            2
        )
    );
    assert_eq!(
        rows[6],
        task(
            None,
            "7",
            "Ứng dụng chữ ký số trong gửi nhận văn bản điện tử",
            &["phong-kinh-te"],
            &["cac-thon"],
            "Năm 2025",
            3
        )
    );
    assert_eq!(
        rows[7],
        task(
            None,
            "8",
            "Đánh giá, xếp loại chỉ số cải cách hành chính của xã",
            &["cong-an-xa"],
            &["cac-thon"],
            "Tháng 12/2025",
            3
        )
    );
    // One table, the page numbers neither rows nor names.
    assert!(p
        .tasks
        .iter()
        .all(|t| t.table.as_deref() == Some("PHỤ LỤC: PHÂN CÔNG NHIỆM VỤ")));
    assert!(!p.warnings.iter().any(|w| w.code == "table_without_caption"));
}

/// An indicator as (number, name, unit, [(phase, raw)], lead).
type IndRow = (
    String,
    String,
    Option<String>,
    Vec<(String, String)>,
    Vec<String>,
);

fn indicators(p: &Plan) -> Vec<IndRow> {
    p.indicators
        .iter()
        .map(|i| {
            (
                i.number.clone().unwrap_or_default(),
                i.name.clone(),
                i.unit.clone(),
                i.targets
                    .iter()
                    .map(|t| (t.phase.clone(), t.raw.clone()))
                    .collect(),
                i.lead.clone(),
            )
        })
        .collect()
}

fn ind(n: &str, name: &str, unit: &str, t: (&str, &str), lead: &[&str]) -> IndRow {
    (
        s(n),
        s(name),
        Some(s(unit)),
        vec![(s("2025"), s(t.0)), (s("2030"), s(t.1))],
        v(lead),
    )
}

#[test]
fn landscape_page_written_rotated() {
    let p = plan("rotated.pdf");
    let expected = vec![
        ind(
            "1",
            "Tỷ lệ hộ gia đình đạt danh hiệu Gia đình văn hóa",
            "%",
            ("90", "95"),
            &["phong-van-hoa-xa-hoi"],
        ),
        ind(
            "2",
            "Tỷ lệ thôn có nhà văn hóa đạt chuẩn",
            "%",
            ("80", "100"),
            &["phong-kinh-te"],
        ),
        ind(
            "3",
            "Số câu lạc bộ thể dục thể thao hoạt động thường xuyên",
            "câu lạc bộ",
            ("12", "20"),
            &["phong-van-hoa-xa-hoi"],
        ),
        ind(
            "4",
            "Tỷ lệ người dân tập luyện thể dục thể thao thường xuyên",
            "%",
            (">35", ">45"),
            &[DTN],
        ),
    ];
    assert_eq!(indicators(&p), expected);
    assert!(p.indicators.iter().all(|i| i.table.as_deref()
        == Some("PHỤ LỤC: CÁC CHỈ TIÊU PHÁT TRIỂN VĂN HÓA, THỂ THAO")
        && i.span.page == Some(2)));
    assert!(p.tasks.is_empty());
}

#[test]
fn table_mid_page_and_caption_at_the_foot_of_the_page_before() {
    let p = plan("mid_page.pdf");
    let expected = vec![
        task(
            None,
            "1",
            "Bê tông hóa đường giao thông nội đồng",
            &["phong-kinh-te"],
            &["cac-thon"],
            "Quý III/2025",
            1,
        ),
        task(
            None,
            "2",
            "Chỉnh trang cảnh quan, môi trường khu dân cư",
            &["phong-kinh-te"],
            &["hoi-nong-dan-xa", DTN],
            "Tháng 10/2025",
            1,
        ),
        task(
            None,
            "3",
            "Nâng cao chất lượng khám chữa bệnh tại Trạm Y tế xã",
            &["tram-y-te-xa"],
            &["phong-van-hoa-xa-hoi"],
            "Năm 2025",
            1,
        ),
    ];
    assert_eq!(tasks(&p), expected);
    let expected = vec![
        ind(
            "1",
            "Thu nhập bình quân đầu người",
            "triệu đồng",
            ("65", "90"),
            &[],
        ),
        ind("2", "Tỷ lệ hộ nghèo đa chiều", "%", ("<2", "<1"), &[]),
        ind(
            "3",
            "Tỷ lệ người dân tham gia bảo hiểm y tế",
            "%",
            ("95", "98"),
            &[],
        ),
    ];
    assert_eq!(indicators(&p), expected);
    assert!(p
        .indicators
        .iter()
        .all(|i| i.table.as_deref() == Some("PHỤ LỤC: CHỈ TIÊU NÔNG THÔN MỚI NÂNG CAO")));
    // The body text's lines stay out of the task table.
    assert!(p.tasks.iter().all(|t| !t.name.contains("Huy động")));
}

#[test]
fn tables_that_are_no_plan_tables_give_no_rows() {
    let p = plan("not_plan_tables.pdf");
    assert!(p.tasks.is_empty(), "{:#?}", p.tasks);
    assert!(p.indicators.is_empty(), "{:#?}", p.indicators);
    // Said, not silent.
    assert!(p.warnings.iter().any(|w| w.code == "no_rows_found"));
}
