//! Tasks written in the body as labelled items (contract 1.2, form 1).

mod common;

use common::names;
use kehoach_extract::extract_text;
use kehoach_schema::{DeadlineKind, Origin, Plan, Task};

const PLAN: &str = "\
ỦY BAN NHÂN DÂN XÃ AN PHÚ
Số: 15/KH-UBND
An Phú, ngày 3 tháng 2 năm 2027

KẾ HOẠCH
Chuyển đổi số năm 2027

I. MỤC ĐÍCH, YÊU CẦU
- Nâng cao hiệu quả phục vụ người dân.

II. NHIỆM VỤ CỤ THỂ
1. Cập nhật cơ sở dữ liệu đất đai
- Cơ quan chủ trì: Phòng Kinh tế
- Cơ quan phối hợp: Công an xã; Văn phòng HĐND và UBND xã
- Thời hạn: Quý III/2027
- Sản phẩm: Cơ sở dữ liệu được cập nhật
2. Số hóa hồ sơ một cửa
- Rà soát hồ sơ tồn đọng tại bộ phận một cửa.
- Phối hợp với Trung tâm Phục vụ hành chính công: số hóa kết quả giải quyết.
- Đơn vị chủ trì (thực hiện): Văn phòng HĐND và UBND xã chủ trì, phối hợp Phòng Văn hóa - Xã hội
- Tiến độ: Tháng 6/2027
3. Tuyên truyền về chuyển đổi số
- Thời gian hoàn thành: Năm 2027
4. Bồi dưỡng kỹ năng số
- Mở lớp bồi dưỡng kỹ năng số cho cán bộ, công chức.
+ Chủ trì: Phòng Văn hóa - Xã hội
+ Thời gian thực hiện: Quý II/2027
- Hướng dẫn người dân cài đặt ứng dụng định danh điện tử.
+ Chủ trì: Công an xã
+ Phối hợp: Đoàn Thanh niên xã

III. TỔ CHỨC THỰC HIỆN
Các cơ quan, đơn vị triển khai thực hiện Kế hoạch này.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn An
";

fn plan() -> Plan {
    extract_text("plan.md", PLAN.as_bytes()).expect("a plan")
}

fn task<'p>(plan: &'p Plan, name: &str) -> &'p Task {
    plan.tasks
        .iter()
        .find(|t| t.name == name)
        .unwrap_or_else(|| panic!("no task {name:?} in {:#?}", plan.tasks))
}

#[test]
fn labelled_items_are_prose_tasks() {
    let plan = plan();
    let got: Vec<&str> = plan.tasks.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        got,
        [
            "Cập nhật cơ sở dữ liệu đất đai",
            "Số hóa hồ sơ một cửa",
            "Mở lớp bồi dưỡng kỹ năng số cho cán bộ, công chức.",
            "Hướng dẫn người dân cài đặt ứng dụng định danh điện tử.",
        ],
        "a heading with only a deadline label names no body: no task"
    );
    for t in &plan.tasks {
        assert_eq!(t.origin, Origin::Prose);
        assert_eq!(t.table, None);
    }
}

#[test]
fn labels_under_a_heading_give_its_roles() {
    let plan = plan();
    let t = task(&plan, "Cập nhật cơ sở dữ liệu đất đai");
    assert_eq!(t.number.as_deref(), Some("1"));
    assert_eq!(t.group.as_deref(), Some("NHIỆM VỤ CỤ THỂ"));
    assert_eq!(names(&plan, &t.lead), ["Phòng Kinh tế"]);
    assert_eq!(
        names(&plan, &t.cooperating),
        [
            "Công an xã",
            "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân"
        ]
    );
    let d = t.deadline.as_ref().expect("a deadline");
    assert_eq!(d.raw, "Quý III/2027");
    assert_eq!(d.kind, DeadlineKind::Quarter);
    assert_eq!(d.end.as_deref(), Some("2027-09-30"));
    assert_eq!(t.output.as_deref(), Some("Cơ sở dữ liệu được cập nhật"));
    assert_eq!((t.span.start_line, t.span.end_line), (12, 16));
}

#[test]
fn labels_after_content_bullets_are_the_headings() {
    let plan = plan();
    let t = task(&plan, "Số hóa hồ sơ một cửa");
    assert_eq!(t.number.as_deref(), Some("2"));
    // Inline roles inside the lead label (form 3 in form 1).
    assert_eq!(
        names(&plan, &t.lead),
        ["Văn phòng Hội đồng nhân dân và Ủy ban nhân dân"]
    );
    assert_eq!(names(&plan, &t.cooperating), ["Phòng Văn hóa - Xã hội"]);
    let d = t.deadline.as_ref().expect("a deadline");
    assert_eq!(d.kind, DeadlineKind::Month);
    assert_eq!((t.span.start_line, t.span.end_line), (17, 21));
}

#[test]
fn bullets_with_their_own_labels_are_tasks_of_their_own() {
    let plan = plan();
    let a = task(&plan, "Mở lớp bồi dưỡng kỹ năng số cho cán bộ, công chức.");
    assert_eq!(a.number, None);
    assert_eq!(a.group.as_deref(), Some("Bồi dưỡng kỹ năng số"));
    assert_eq!(names(&plan, &a.lead), ["Phòng Văn hóa - Xã hội"]);
    assert_eq!(
        a.deadline.as_ref().map(|d| d.kind),
        Some(DeadlineKind::Quarter)
    );
    let b = task(
        &plan,
        "Hướng dẫn người dân cài đặt ứng dụng định danh điện tử.",
    );
    assert_eq!(names(&plan, &b.lead), ["Công an xã"]);
    assert_eq!(
        names(&plan, &b.cooperating),
        ["Đoàn Thanh niên Cộng sản Hồ Chí Minh xã"]
    );
    assert_eq!(
        b.deadline, None,
        "the first bullet's deadline is not copied"
    );
    assert_eq!((b.span.start_line, b.span.end_line), (28, 30));
    assert_ne!(a.id, b.id);
}

#[test]
fn a_plan_whose_tasks_are_all_in_prose_is_not_said_to_have_no_rows() {
    let plan = plan();
    assert!(!plan.tasks.is_empty());
    assert!(
        !plan.warnings.iter().any(|w| w.code == "no_rows_found"),
        "{:?}",
        plan.warnings
    );
}
