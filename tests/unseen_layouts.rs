//! Plans laid out unlike the corpus: the readers must go by header words and
//! the text's regularities, not by what the five seeds happen to look like.
//!
//! `fixtures/text/reordered_columns.txt` is flattened PDF text of a ward plan
//! whose task table words and orders its header differently from every seed
//! (`Nội dung nhiệm vụ`, `Thời hạn hoàn thành` before the bodies, `Sở, ngành
//! chủ trì`, `Đơn vị phối hợp`, `Sản phẩm`), with wrapped cells and one row
//! printed on a single line.

use kehoach_suite::{extract, root};

/// A task as (name, deadline as printed, lead bodies, cooperating bodies, output).
type Row = (
    String,
    Option<String>,
    Vec<String>,
    Vec<String>,
    Option<String>,
);

#[test]
fn reordered_and_reworded_task_header() {
    let plan = extract(&root().join("fixtures/text/reordered_columns.txt"));
    let name = |id: &str| {
        plan.agencies
            .iter()
            .find(|a| a.id == id)
            .map(|a| a.name.clone())
            .unwrap_or_default()
    };
    let rows: Vec<Row> = plan
        .tasks
        .iter()
        .map(|t| {
            (
                t.name.clone(),
                t.deadline.as_ref().map(|d| d.raw.clone()),
                t.lead.iter().map(|i| name(i)).collect(),
                t.cooperating.iter().map(|i| name(i)).collect(),
                t.output.clone(),
            )
        })
        .collect();
    let s = |x: &str| x.to_string();
    let expected = vec![
        (
            s("Rà soát, chuẩn hóa dữ liệu dân cư phục vụ giải quyết thủ tục hành chính trên địa bàn phường"),
            Some(s("Quý II/2026")),
            vec![s("Công an phường")],
            vec![s("Trung tâm Phục vụ hành chính công")],
            Some(s("Báo cáo")),
        ),
        (
            s("Tập huấn kỹ năng số cho cán bộ, công chức phường"),
            Some(s("Tháng 6/2026")),
            vec![s("Phòng Văn hóa - Xã hội")],
            vec![s("Các phòng, ban, đơn vị liên quan")],
            Some(s("Kế hoạch")),
        ),
        (
            s("Duy trì hoạt động Tổ công nghệ số cộng đồng"),
            Some(s("Thường xuyên")),
            vec![s("Phòng Văn hóa - Xã hội")],
            vec![s("Các tổ dân phố")],
            Some(s("Quyết định")),
        ),
        (
            s("Triển khai nền tảng số giám sát môi trường theo hướng dẫn của thành phố"),
            Some(s("Sau khi thành phố ban hành hướng dẫn")),
            vec![s("Phòng Kinh tế, Hạ tầng và Đô thị")],
            vec![s("Sở Nông nghiệp và Môi trường")],
            Some(s("Nền tảng được triển khai")),
        ),
    ];
    assert_eq!(rows, expected);
    assert_eq!(plan.document.number.as_deref(), Some("12/KH-UBND"));
    assert_eq!(plan.document.issued_on.as_deref(), Some("2026-01-15"));
    let kinds: Vec<_> = plan
        .tasks
        .iter()
        .map(|t| t.deadline.as_ref().map(|d| d.kind))
        .collect();
    use kehoach_schema::DeadlineKind::*;
    assert_eq!(
        kinds,
        [
            Some(Quarter),
            Some(Month),
            Some(Recurring),
            Some(Conditional)
        ]
    );
}
