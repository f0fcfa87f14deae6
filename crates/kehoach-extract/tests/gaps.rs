//! Warnings for rows a table promised and the reading did not get.

use kehoach_extract::extract_text;

const PLAN: &str = "\
ỦY BAN NHÂN DÂN XÃ AN PHÚ
Số: 12/KH-UBND
An Phú, ngày 3 tháng 2 năm 2027

KẾ HOẠCH
Chuyển đổi số năm 2027

PHỤ LỤC: NHIỆM VỤ

| TT | Nhiệm vụ | Cơ quan chủ trì | Thời gian hoàn thành |
|---|---|---|---|
| 1 | Rà soát quy chế làm việc | Văn phòng UBND xã | Quý I/2027 |
| 2 | Xây dựng cơ sở dữ liệu đất đai | Phòng Kinh tế | Tháng 6/2027 |

3 Đào tạo kỹ năng số cho cán bộ Phòng Văn hóa - Xã hội Hằng năm
4 Tổng kết thực hiện kế hoạch Văn phòng UBND xã Tháng 12/2027
";

#[test]
fn a_table_whose_numbering_goes_on_below_it_says_so() {
    let plan = extract_text("plan.md", PLAN.as_bytes()).expect("a plan");
    assert_eq!(plan.tasks.len(), 2, "the pipe table's two rows");
    let w: Vec<_> = plan
        .warnings
        .iter()
        .filter(|w| w.code == "table_ended_early")
        .collect();
    assert_eq!(w.len(), 1, "{:?}", plan.warnings);
    assert_eq!(w[0].span.as_ref().map(|s| s.start_line), Some(15));
    assert!(w[0].message.contains("after row 2"), "{}", w[0].message);
}

#[test]
fn a_numbered_list_that_does_not_go_on_from_the_table_is_no_lost_row() {
    // Body items after the table number from 1 again: not the table's.
    let text = PLAN
        .replace("3 Đào tạo", "1. Đào tạo")
        .replace("4 Tổng kết", "2. Tổng kết");
    let plan = extract_text("plan.md", text.as_bytes()).expect("a plan");
    assert!(
        !plan.warnings.iter().any(|w| w.code == "table_ended_early"),
        "{:?}",
        plan.warnings
    );
}
