//! Tasks written in the body as agency headings (form 2) and inline roles
//! (form 3), contract 1.2. The plan below is made up in shapes none of the
//! development documents has: a province's plan, `•` bullets, a heading
//! with its work after a colon, a paragraph under a heading printed over two
//! lines, `Nhiệm vụ của`, a bullet whose subject is another body.

mod common;

use common::names;
use kehoach_extract::extract_text;
use kehoach_schema::{Origin, Plan, Task};

const PLAN: &str = "\
ỦY BAN NHÂN DÂN TỈNH BÌNH MINH
Số: 88/KH-UBND
Bình Minh, ngày 9 tháng 3 năm 2027

KẾ HOẠCH
Phát triển kinh tế số tỉnh Bình Minh năm 2027

I. MỤC ĐÍCH, YÊU CẦU
- Ủy ban nhân dân tỉnh đã ban hành nhiều văn bản chỉ đạo về chuyển đổi số.
- Tổ chức triển khai đồng bộ, hiệu quả các nhiệm vụ.

II. NHIỆM VỤ, GIẢI PHÁP
1. Phát triển hạ tầng số
- Ban hành quy chế quản lý hạ tầng số dùng chung.
- Phòng, chống tấn công mạng vào các hệ thống thông tin của tỉnh.
- Công an tỉnh chủ trì, phối hợp với Sở Khoa học và Công nghệ, Bộ Chỉ huy Quân sự tỉnh triển khai giám sát an toàn thông tin.
2. Hội nghị sơ kết
- Tổ chức hội nghị sơ kết vào tháng 12/2027.

III. TRÁCH NHIỆM THỰC HIỆN
1. Nhiệm vụ của Sở Tài chính
• Tham mưu bố trí kinh phí thực hiện Kế hoạch.
• Phối hợp với Kho bạc Nhà nước tỉnh hướng dẫn thanh quyết toán kinh phí.
2. Ủy ban nhân dân các huyện, thị xã: chỉ đạo các xã triển khai Kế hoạch trên địa bàn.
3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội tỉnh
• Tuyên truyền, vận động Nhân dân tham gia kinh tế số.
• Hội Liên hiệp Phụ nữ tỉnh vận động hội viên thanh toán không dùng tiền mặt.
4. Sở Nội vụ
Theo dõi, tổng hợp kết quả thực hiện Kế hoạch; báo cáo Ủy ban nhân dân tỉnh
trước ngày 15/12/2027.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Trần Văn Bình
";

fn plan() -> Plan {
    extract_text("plan.txt", PLAN.as_bytes()).expect("a plan")
}

fn task<'p>(plan: &'p Plan, starts: &str) -> &'p Task {
    plan.tasks
        .iter()
        .find(|t| t.name.starts_with(starts))
        .unwrap_or_else(|| panic!("no task {starts:?} in {:#?}", plan.tasks))
}

#[test]
fn each_bullet_of_an_agency_heading_is_a_task_of_its_bodies() {
    let plan = plan();
    let t = task(&plan, "Tham mưu bố trí kinh phí");
    assert_eq!(t.origin, Origin::Prose);
    assert_eq!(t.table, None);
    assert_eq!(names(&plan, &t.lead), ["Sở Tài chính"]);
    assert!(t.cooperating.is_empty());
    // The section above the heading, not the heading.
    assert_eq!(t.group.as_deref(), Some("TRÁCH NHIỆM THỰC HIỆN"));
    assert_eq!(t.number, None);
    let t = task(&plan, "Phối hợp với Kho bạc");
    assert_eq!(names(&plan, &t.lead), ["Sở Tài chính"]);
    assert_eq!(names(&plan, &t.cooperating), ["Kho bạc Nhà nước"]);
}

#[test]
fn the_work_after_a_headings_colon_is_its_task() {
    let plan = plan();
    let t = task(&plan, "chỉ đạo các xã triển khai");
    assert_eq!(t.number.as_deref(), Some("2"));
    assert_eq!(names(&plan, &t.lead).len(), 1);
    assert!(names(&plan, &t.lead)[0].starts_with("Ủy ban nhân dân các huyện"));
}

#[test]
fn a_bullet_with_its_own_subject_is_that_bodys_task() {
    let plan = plan();
    let t = task(&plan, "Tuyên truyền, vận động Nhân dân");
    assert_eq!(
        names(&plan, &t.lead).len(),
        2,
        "{:?}",
        names(&plan, &t.lead)
    );
    let t = task(&plan, "Hội Liên hiệp Phụ nữ tỉnh vận động");
    assert_eq!(names(&plan, &t.lead), ["Hội Liên hiệp Phụ nữ tỉnh"]);
    assert_eq!(t.group.as_deref(), Some("TRÁCH NHIỆM THỰC HIỆN"));
}

#[test]
fn a_heading_without_bullets_gives_its_paragraph() {
    let plan = plan();
    let t = task(&plan, "Theo dõi, tổng hợp kết quả");
    assert_eq!(
        t.name,
        "Theo dõi, tổng hợp kết quả thực hiện Kế hoạch; báo cáo Ủy ban nhân dân tỉnh \
         trước ngày 15/12/2027."
    );
    assert_eq!(t.number.as_deref(), Some("4"));
    assert_eq!(names(&plan, &t.lead), ["Sở Nội vụ"]);
}

#[test]
fn inline_roles_in_a_topical_section() {
    let plan = plan();
    let t = task(&plan, "Công an tỉnh chủ trì");
    assert_eq!(names(&plan, &t.lead), ["Công an tỉnh"]);
    assert_eq!(
        names(&plan, &t.cooperating),
        ["Sở Khoa học và Công nghệ", "Bộ Chỉ huy Quân sự"]
    );
    assert_eq!(t.group.as_deref(), Some("Phát triển hạ tầng số"));
}

#[test]
fn verbs_nouns_and_reports_are_no_tasks() {
    let plan = plan();
    for not in [
        "Ủy ban nhân dân tỉnh đã ban hành",
        "Tổ chức triển khai đồng bộ",
        "Ban hành quy chế",
        "Phòng, chống tấn công mạng",
        "Tổ chức hội nghị sơ kết",
    ] {
        assert!(
            plan.tasks.iter().all(|t| !t.name.starts_with(not)),
            "{not:?} is no task"
        );
    }
    assert_eq!(plan.tasks.len(), 7, "{:#?}", plan.tasks);
}
