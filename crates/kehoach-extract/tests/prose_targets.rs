//! Quantitative targets written in the body: prose indicators (contract
//! 1.2). Hand-written plans in shapes the rule was not built from.

use kehoach_extract::extract_text;
use kehoach_schema::{Comparator, Indicator, Origin, Plan};

const PLAN: &str = "\
ỦY BAN NHÂN DÂN XÃ BÌNH MINH
Số: 21/KH-UBND
Bình Minh, ngày 10 tháng 3 năm 2026

KẾ HOẠCH
Phát triển giáo dục và y tế giai đoạn 2026 - 2030

I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
- Bảo đảm 100% cán bộ nắm vững nội dung Kế hoạch trước ngày 30/6/2026.
2. Yêu cầu
- Phấn đấu hoàn thành 100% nhiệm vụ được giao.

II. MỤC TIÊU
1. Mục tiêu chung
- Triển khai Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị và Đề án 06, hướng tới cách mạng công nghiệp 4.0 đến năm 2030.
2. Mục tiêu cụ thể
a) Về giáo dục
- Phấn đấu đến năm 2030, tỷ lệ trường đạt chuẩn quốc gia đạt 95% trở lên.
- Tỷ lệ tăng trưởng học sinh bình quân đạt trên 3,5%/năm.
b) Đến năm 2027
- Ít nhất 80% hộ gia đình có bác sĩ gia đình; riêng năm 2026 ít nhất 60%.
- Đạt 12 bác sĩ trên một vạn dân.
- Tỷ lệ tiêm chủng đạt 90% vào năm 2026 và 98% vào năm 2030.
- Tỷ lệ trạm y tế có bác sĩ đạt 100%, tỷ lệ trạm y tế đạt chuẩn đạt 90%.
3. Chỉ tiêu về môi trường: 100% rác thải sinh hoạt được thu gom, xử lý.
4. Chỉ tiêu giảm nghèo
4.1. Tỷ lệ hộ nghèo giảm còn dưới 2%.

III. NHIỆM VỤ, GIẢI PHÁP
1. Nâng cao chất lượng giáo dục
- Phấn đấu 100% giáo viên đạt chuẩn.

IV. TỔ CHỨC THỰC HIỆN
Các cơ quan, đơn vị triển khai thực hiện Kế hoạch này.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Trần Văn Bình
";

fn plan(text: &str) -> Plan {
    extract_text("plan.md", text.as_bytes()).expect("a plan")
}

fn prose(plan: &Plan) -> Vec<&Indicator> {
    plan.indicators
        .iter()
        .filter(|i| i.origin == Origin::Prose)
        .collect()
}

fn indicator<'p>(plan: &'p Plan, start: &str) -> &'p Indicator {
    plan.indicators
        .iter()
        .find(|i| i.name.starts_with(start))
        .unwrap_or_else(|| panic!("no indicator {start:?} in {:#?}", plan.indicators))
}

/// (phase, raw, comparator, value) of each target.
fn targets(i: &Indicator) -> Vec<(&str, &str, Comparator, Option<f64>)> {
    i.targets
        .iter()
        .map(|t| (t.phase.as_str(), t.raw.as_str(), t.comparator, t.value))
        .collect()
}

#[test]
fn only_bullets_of_target_headings_that_state_values() {
    let plan = plan(PLAN);
    let got: Vec<&str> = prose(&plan).iter().map(|i| i.name.as_str()).collect();
    assert_eq!(
        got,
        [
            "Phấn đấu đến năm 2030, tỷ lệ trường đạt chuẩn quốc gia đạt 95% trở lên.",
            "Tỷ lệ tăng trưởng học sinh bình quân đạt trên 3,5%/năm.",
            "Ít nhất 80% hộ gia đình có bác sĩ gia đình; riêng năm 2026 ít nhất 60%.",
            "Đạt 12 bác sĩ trên một vạn dân.",
            "Tỷ lệ tiêm chủng đạt 90% vào năm 2026 và 98% vào năm 2030.",
            "Tỷ lệ trạm y tế có bác sĩ đạt 100%, tỷ lệ trạm y tế đạt chuẩn đạt 90%.",
            "100% rác thải sinh hoạt được thu gom, xử lý.",
            "Tỷ lệ hộ nghèo giảm còn dưới 2%.",
        ],
        "Mục đích / Yêu cầu / Mục tiêu chung / Nhiệm vụ bullets are no indicators"
    );
}

#[test]
fn a_year_printed_before_the_value_is_its_phase() {
    let plan = plan(PLAN);
    let i = indicator(&plan, "Phấn đấu đến năm 2030");
    assert_eq!(
        targets(i),
        [("2030", "95% trở lên", Comparator::Ge, Some(95.0))]
    );
    assert_eq!(i.unit.as_deref(), Some("%"));
    assert_eq!(i.origin, Origin::Prose);
    assert_eq!(i.table, None);
    assert_eq!(i.number, None);
    assert_eq!(i.group.as_deref(), Some("Về giáo dục"));
}

#[test]
fn no_year_is_the_end_of_the_period_and_a_decimal_comma_is_a_point() {
    let plan = plan(PLAN);
    let i = indicator(&plan, "Tỷ lệ tăng trưởng học sinh");
    assert_eq!(
        targets(i),
        [("2030", "trên 3,5%", Comparator::Gt, Some(3.5))]
    );
}

#[test]
fn two_years_in_one_bullet_give_two_phases() {
    let plan = plan(PLAN);
    // The heading `b) Đến năm 2027` is the year of a clause without one.
    let i = indicator(&plan, "Ít nhất 80%");
    assert_eq!(
        targets(i),
        [
            ("2027", "Ít nhất 80%", Comparator::Ge, Some(80.0)),
            ("2026", "ít nhất 60%", Comparator::Ge, Some(60.0)),
        ]
    );
    // Years printed after their values.
    let i = indicator(&plan, "Tỷ lệ tiêm chủng");
    assert_eq!(
        targets(i),
        [
            ("2026", "90%", Comparator::Eq, Some(90.0)),
            ("2030", "98%", Comparator::Eq, Some(98.0)),
        ]
    );
    let years: Vec<i32> = plan.phases.iter().map(|p| p.year).collect();
    assert_eq!(years, [2026, 2027, 2030], "every target's phase is a phase");
}

#[test]
fn two_values_of_one_year_are_two_targets() {
    let plan = plan(PLAN);
    let i = indicator(&plan, "Tỷ lệ trạm y tế có bác sĩ");
    assert_eq!(
        targets(i),
        [
            ("2027", "100%", Comparator::Eq, Some(100.0)),
            ("2027", "90%", Comparator::Eq, Some(90.0)),
        ]
    );
}

#[test]
fn a_number_after_a_target_word_is_a_value_without_a_unit() {
    let plan = plan(PLAN);
    let i = indicator(&plan, "Đạt 12 bác sĩ");
    assert_eq!(targets(i), [("2027", "12", Comparator::Eq, Some(12.0))]);
    assert_eq!(i.unit, None);
}

#[test]
fn numbered_items_and_text_after_a_colon_keep_their_number() {
    let plan = plan(PLAN);
    let i = indicator(&plan, "100% rác thải");
    assert_eq!(i.number.as_deref(), Some("3"));
    assert_eq!(i.group.as_deref(), Some("MỤC TIÊU"));
    let i = indicator(&plan, "Tỷ lệ hộ nghèo");
    assert_eq!(i.number.as_deref(), Some("4.1"));
    assert_eq!(i.group.as_deref(), Some("Chỉ tiêu giảm nghèo"));
    assert_eq!(targets(i), [("2030", "dưới 2%", Comparator::Lt, Some(2.0))]);
}

#[test]
fn ids_are_unique_and_spans_point_at_the_bullet() {
    let plan = plan(PLAN);
    let mut ids: Vec<&str> = plan.indicators.iter().map(|i| i.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), plan.indicators.len());
    let i = indicator(&plan, "Tỷ lệ tiêm chủng");
    let line = PLAN
        .lines()
        .position(|l| l.contains("Tỷ lệ tiêm chủng"))
        .expect("in the plan") as u32
        + 1;
    assert_eq!(i.span.start_line, line);
}

#[test]
fn a_plan_with_an_indicator_table_gets_no_prose_indicators() {
    let with_table = PLAN.replace(
        "TM. ỦY BAN NHÂN DÂN",
        "PHỤ LỤC 1: CÁC CHỈ TIÊU CỤ THỂ\n\n\
         | STT | Chỉ tiêu | Đơn vị tính | Năm 2030 |\n\
         |---|---|---|---|\n\
         | 1 | Tỷ lệ trường đạt chuẩn quốc gia | % | ≥ 95 |\n\
         | 2 | Tỷ lệ hộ nghèo | % | < 2 |\n\n\
         TM. ỦY BAN NHÂN DÂN",
    );
    let plan = plan(&with_table);
    assert_eq!(plan.indicators.len(), 2, "{:#?}", plan.indicators);
    assert!(prose(&plan).is_empty());
}

#[test]
fn a_body_that_refers_to_an_indicator_appendix_gets_none() {
    // The appendix could not be read (here: not printed at all), but the
    // body says it holds the indicators: the bullets restate it.
    let refers = PLAN.replace(
        "2. Mục tiêu cụ thể\n",
        "2. Mục tiêu cụ thể\n(Chi tiết Danh mục các chỉ tiêu tại Phụ lục 01 kèm theo)\n",
    );
    assert!(prose(&plan(&refers)).is_empty());
}

#[test]
fn a_general_target_heading_without_numbers_gets_none() {
    let general = "\
ỦY BAN NHÂN DÂN PHƯỜNG HÒA BÌNH
Số: 7/KH-UBND
Hòa Bình, ngày 5 tháng 1 năm 2026

KẾ HOẠCH
Cải cách hành chính năm 2026

I. MỤC TIÊU
1. Mục tiêu chung
- Triển khai Quyết định số 1441/QĐ-UBND ngày 25/9/2025 và Nghị định số 118/2025/NĐ-CP của Chính phủ.
- Xây dựng nền hành chính phục vụ, chuyên nghiệp theo khoản 3 Điều 14.
2. Mục tiêu cụ thể
- Hoàn thành và đưa Trung tâm điều hành vào hoạt động trong quý I năm 2026.

II. NHIỆM VỤ
1. Rà soát thủ tục hành chính
- Đơn vị chủ trì: Văn phòng HĐND và UBND phường
- Thời hạn: Quý II/2026

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Lê Văn Hòa
";
    let plan = plan(general);
    assert!(plan.indicators.is_empty(), "{:#?}", plan.indicators);
    assert!(
        !plan.tasks.is_empty(),
        "the plan is read: its labelled task is there"
    );
}
