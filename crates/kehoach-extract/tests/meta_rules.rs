//! The metadata and outline rules on small inline texts, one shape each:
//! a full Nghị định 30 header, a header printed in columns, a Markdown
//! transcription, PDF text with footnotes, and the tricky cases (blank
//! numbers, header against caption, periods, signatures).

use kehoach_extract::meta::extract_meta;
use kehoach_extract::outline::{body_range, extract_outline};
use kehoach_schema::{DocumentMeta, Section, Warning};
use kehoach_text::SourceText;

fn meta(src: &str, years: &[i32]) -> (DocumentMeta, Vec<Warning>) {
    extract_meta(&SourceText::from_text(src), years)
}

fn outline(src: &str) -> Vec<Section> {
    let text = SourceText::from_text(src);
    extract_outline(&text, body_range(&text))
}

fn codes(w: &[Warning]) -> Vec<&str> {
    w.iter().map(|w| w.code.as_str()).collect()
}

/// The standard header: issuer over two lines, `Số:` and the place-date
/// line, one per line.
const HEADER_PLAN: &str = "\
ỦY BAN NHÂN DÂN
XÃ AN HÒA
Số: 12/KH-UBND
An Hòa, ngày 05 tháng 3 năm 2026

KẾ HOẠCH
Triển khai chuyển đổi số năm 2026
trên địa bàn xã An Hòa

Căn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ phê duyệt Chương trình;
Ủy ban nhân dân xã An Hòa ban hành Kế hoạch như sau:
I. MỤC ĐÍCH
- Bảo đảm hiệu quả.
Nơi nhận:
- Như trên;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
(Đã ký)
Trần Văn Bình
";

#[test]
fn header_block() {
    let (m, w) = meta(HEADER_PLAN, &[]);
    assert_eq!(m.doc_type.as_deref(), Some("KẾ HOẠCH"));
    assert_eq!(m.number.as_deref(), Some("12/KH-UBND"));
    assert_eq!(m.issued_on.as_deref(), Some("2026-03-05"));
    assert_eq!(m.issuer.as_deref(), Some("Ủy ban nhân dân xã An Hòa"));
    let loc = m.locality.expect("locality");
    assert_eq!((loc.level.as_str(), loc.name.as_str()), ("xã", "An Hòa"));
    assert_eq!(
        m.title.as_deref(),
        Some("Triển khai chuyển đổi số năm 2026 trên địa bàn xã An Hòa")
    );
    let s = m.signer.expect("signer");
    assert_eq!(
        s.on_behalf.as_deref(),
        Some("TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH")
    );
    assert_eq!(s.position.as_deref(), Some("PHÓ CHỦ TỊCH"));
    assert_eq!(s.name.as_deref(), Some("Trần Văn Bình"));
    let p = m.period.expect("period");
    assert_eq!((p.from, p.to, p.vision), (2026, 2026, None));
    assert_eq!(m.legal_basis.len(), 1);
    assert_eq!(m.legal_basis[0].kind, "Quyết định");
    assert_eq!(m.legal_basis[0].number, "749/QĐ-TTg");
    assert_eq!(m.legal_basis[0].date.as_deref(), Some("2020-06-03"));
    assert_eq!(
        m.legal_basis[0].issuer.as_deref(),
        Some("Thủ tướng Chính phủ")
    );
    assert!(w.is_empty(), "{w:?}");
}

/// PDF text of a two-column header: issuer and motto side by side.
#[test]
fn header_in_columns() {
    let src = "\
ỦY BAN NHÂN DÂN              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
THÀNH PHỐ HẢI PHÒNG               Độc lập - Tự do - Hạnh phúc
Số: 238/KH-UBND              Hải Phòng, ngày 13/9/2025
NGHỊ QUYẾT
Về việc thí điểm
Căn cứ Luật số 47/2019/QH14;
";
    let (m, _) = meta(src, &[]);
    assert_eq!(m.doc_type.as_deref(), Some("NGHỊ QUYẾT"));
    assert_eq!(m.number.as_deref(), Some("238/KH-UBND"));
    assert_eq!(m.issued_on.as_deref(), Some("2025-09-13"));
    assert_eq!(
        m.issuer.as_deref(),
        Some("Ủy ban nhân dân thành phố Hải Phòng")
    );
    let loc = m.locality.expect("locality");
    assert_eq!(
        (loc.level.as_str(), loc.name.as_str()),
        ("thành phố", "Hải Phòng")
    );
    assert_eq!(m.title.as_deref(), Some("Về việc thí điểm"));
    assert_eq!(m.legal_basis[0].kind, "Luật");
    assert_eq!(m.legal_basis[0].number, "47/2019/QH14");
}

/// A Markdown transcription: `#` headings, bold, pipe tables, the caption
/// under an appendix heading.
const MARKDOWN_PLAN: &str = "\
# KẾ HOẠCH

**Phát triển hạ tầng số phường Đông Hải giai đoạn 2026 - 2030, tầm nhìn đến năm 2035**

Thực hiện Kế hoạch số 05-KH/ĐU ngày 02/01/2026 của Đảng ủy phường Đông Hải;

UBND phường Đông Hải xây dựng Kế hoạch như sau:

## I. MỤC TIÊU

### 1. Mục tiêu chung

- Phủ sóng 5G toàn phường.
- Số hóa hồ sơ.

### 2. Chỉ tiêu

#### 2.1. Hạ tầng

a) Cáp quang

| TT | Chỉ tiêu | Năm 2030 |
|---|---|---|
| 1 | Tỷ lệ | 100% |

## II. TỔ CHỨC THỰC HIỆN

Các phòng chủ động thực hiện.

**Nơi nhận:**
- Lưu: VT.

**KT. CHỦ TỊCH**

**PHÓ CHỦ TỊCH**

**Lê Thị Hoa**

## PHỤ LỤC

(Kèm theo Kế hoạch số 21/KH-UBND ngày 20/01/2026 của UBND Phường Đông Hải)

| TT | Nội dung | Thời gian |
|---|---|---|
";

#[test]
fn markdown_transcription() {
    let (m, w) = meta(MARKDOWN_PLAN, &[2026, 2030]);
    assert_eq!(m.doc_type.as_deref(), Some("KẾ HOẠCH"));
    assert_eq!(
        m.title.as_deref(),
        Some("Phát triển hạ tầng số phường Đông Hải giai đoạn 2026 - 2030, tầm nhìn đến năm 2035")
    );
    // No header block: number, date and issuer from the caption.
    assert_eq!(m.number.as_deref(), Some("21/KH-UBND"));
    assert_eq!(m.issued_on.as_deref(), Some("2026-01-20"));
    assert_eq!(m.issuer.as_deref(), Some("Ủy ban nhân dân phường Đông Hải"));
    let p = m.period.expect("period");
    assert_eq!((p.from, p.to, p.vision), (2026, 2030, Some(2035)));
    let s = m.signer.expect("signer");
    assert_eq!(s.on_behalf.as_deref(), Some("KT. CHỦ TỊCH"));
    assert_eq!(s.position.as_deref(), Some("PHÓ CHỦ TỊCH"));
    assert_eq!(s.name.as_deref(), Some("Lê Thị Hoa"));
    assert_eq!(m.legal_basis.len(), 1);
    assert_eq!(
        m.legal_basis[0].issuer.as_deref(),
        Some("Đảng ủy phường Đông Hải")
    );
    assert!(!codes(&w).contains(&"meta_signer_missing"));

    let secs = outline(MARKDOWN_PLAN);
    let top: Vec<(&str, &str)> = secs
        .iter()
        .map(|s| (s.number.as_str(), s.title.as_str()))
        .collect();
    assert_eq!(top, [("I", "MỤC TIÊU"), ("II", "TỔ CHỨC THỰC HIỆN")]);
    let one = &secs[0].children[0];
    assert_eq!(
        (one.number.as_str(), one.title.as_str()),
        ("1", "Mục tiêu chung")
    );
    assert_eq!(one.items, ["Phủ sóng 5G toàn phường.", "Số hóa hồ sơ."]);
    let a = &secs[0].children[1].children[0].children[0];
    assert_eq!((a.number.as_str(), a.title.as_str()), ("a", "Cáp quang"));
    // The recipient list is not an item of II.
    assert!(secs[1].items.is_empty());
}

/// The issuer named only in the issuing clause of the body.
#[test]
fn issuer_from_the_body() {
    let src = "\
KẾ HOẠCH
Thực hiện chuyển đổi số năm 2026

Thực hiện Kế hoạch số 49/KH-UBND ngày 12/02/2026 của Ủy ban nhân dân thành phố về việc thực hiện Nghị quyết 57-NQ/TW;

Ủy ban nhân dân (UBND) đặc khu Cát Hải xây dựng Kế hoạch triển khai như sau:

I. MỤC ĐÍCH
";
    let (m, w) = meta(src, &[]);
    assert_eq!(m.issuer.as_deref(), Some("Ủy ban nhân dân đặc khu Cát Hải"));
    let loc = m.locality.expect("locality");
    assert_eq!(
        (loc.level.as_str(), loc.name.as_str()),
        ("đặc khu", "Cát Hải")
    );
    // The cited city committee is not the issuer; both citations are basis.
    let numbers: Vec<&str> = m.legal_basis.iter().map(|r| r.number.as_str()).collect();
    assert_eq!(numbers, ["49/KH-UBND", "57-NQ/TW"]);
    assert_eq!(
        m.legal_basis[0].issuer.as_deref(),
        Some("Ủy ban nhân dân thành phố")
    );
    let c = codes(&w);
    assert!(
        c.contains(&"meta_number_missing")
            && c.contains(&"meta_date_missing")
            && c.contains(&"meta_signer_missing")
    );
}

/// A blank number or day gives `null`; the header wins over the captions.
#[test]
fn blanks_and_precedence() {
    let blank = "\
KẾ HOẠCH
Về việc A

Căn cứ Luật số 47/2019/QH14;
I. A
PHỤ LỤC I
(Ban hành kèm theo Kế hoạch số:          /KH-UBND ngày     /02/2026 của UBND xã Tân Lập)
";
    let (m, w) = meta(blank, &[]);
    assert_eq!(m.number, None);
    assert_eq!(m.issued_on, None);
    assert_eq!(m.issuer.as_deref(), Some("Ủy ban nhân dân xã Tân Lập"));
    assert!(codes(&w).contains(&"meta_number_missing"));
    assert!(codes(&w).contains(&"meta_date_missing"));

    let both = "\
Số: 95/KH-UBND
Xã Tân Lập, ngày 13 tháng 03 năm 2026
KẾ HOẠCH
Về việc A

Căn cứ Luật số 47/2019/QH14;
I. A
PHỤ LỤC I
(Kèm theo Kế hoạch số 39/KH-UBND ngày 30/01/2026 của UBND xã Tân Lập)
";
    let (m, w) = meta(both, &[]);
    assert_eq!(m.number.as_deref(), Some("95/KH-UBND"));
    assert_eq!(m.issued_on.as_deref(), Some("2026-03-13"));
    assert!(codes(&w).contains(&"meta_number_conflict"));
    assert!(codes(&w).contains(&"meta_date_conflict"));
}

/// The period: a span in the title beats the table milestones, which beat
/// a single year named in the title.
#[test]
fn period_rules() {
    let with_title = |title: &str| format!("KẾ HOẠCH\n{title}\n\nCăn cứ Luật số 47/2019/QH14;\n");
    let p = |title: &str, years: &[i32]| {
        meta(&with_title(title), years)
            .0
            .period
            .map(|p| (p.from, p.to, p.vision))
    };
    assert_eq!(
        p(
            "Về chuyển đổi số giai đoạn 2021-2025, định hướng đến năm 2030",
            &[2025]
        ),
        Some((2021, 2025, Some(2030)))
    );
    assert_eq!(
        p("Về chuyển đổi số giai đoạn 2025 – 2030", &[2025, 2045]),
        Some((2025, 2030, None))
    );
    assert_eq!(
        p(
            "Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024",
            &[2045, 2025, 2030]
        ),
        Some((2025, 2045, None))
    );
    assert_eq!(
        p("Thực hiện Nghị quyết số 57-NQ/TW năm 2026", &[2026]),
        Some((2026, 2026, None))
    );
    // A horizon (`đến năm 2030`) is not the plan's year.
    assert_eq!(p("Về chuyển đổi số đến năm 2030", &[]), None);
    assert_eq!(p("Về chuyển đổi số", &[]), None);
}

/// PDF text: a blank line between lines, footnotes pointed to from the
/// basis paragraph, a page number, a wrapped heading.
const PDF_PLAN: &str = " KẾ HOẠCH \n\nVề việc thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của \n\nBộ Chính trị trên địa bàn phường Hòa Bình \n\n \n\nCăn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị; Thực hiện \n\nkế hoạch của Thành ủy1, Ủy ban nhân dân phường ban hành Kế hoạch như sau: \n\nI. MỤC ĐÍCH, YÊU CẦU \n\n1. Mục đích \n\n- Quán triệt đầy đủ các nhiệm vụ, giải pháp đã đề ra trong Nghị quyết của \n\nBộ Chính trị. \n\n                       \n1 Kế hoạch hành động số 12-KH/TU ngày 26/8/2025 của Ban Thường vụ Thành ủy về thực hiện \n\nNghị quyết số 57-NQ/TW \n 2. Kiện toàn Ban Chỉ đạo, Tổ giúp việc Ban Chỉ đạo của phường về phát \n\ntriển khoa học, công nghệ. \n\n7 \n\n- Rà soát, bổ sung thành viên. \n\nII. TỔ CHỨC THỰC HIỆN \n\nNơi nhận: \n- Lưu: VT. \n\nTM. ỦY BAN NHÂN DÂN \n\nCHỦ TỊCH \n\n \n\nNguyễn văn Hải \n PHỤ LỤC 1 \n(Kèm theo Kế hoạch số 80/KH-UBND ngày 02/10 /2025 của UBND Phường Hòa Bình) \n";

#[test]
fn pdf_shape_with_footnotes() {
    let (m, _) = meta(PDF_PLAN, &[]);
    assert_eq!(
        m.title.as_deref(),
        Some("Về việc thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị trên địa bàn phường Hòa Bình")
    );
    assert_eq!(m.number.as_deref(), Some("80/KH-UBND"));
    assert_eq!(m.issued_on.as_deref(), Some("2025-10-02"));
    assert_eq!(m.issuer.as_deref(), Some("Ủy ban nhân dân phường Hòa Bình"));
    let s = m.signer.expect("signer");
    assert_eq!(
        (
            s.on_behalf.as_deref(),
            s.position.as_deref(),
            s.name.as_deref()
        ),
        (
            Some("TM. ỦY BAN NHÂN DÂN"),
            Some("CHỦ TỊCH"),
            Some("Nguyễn văn Hải")
        )
    );
    // The basis paragraph, then footnote 1 it points to (`Thành ủy1`).
    let basis: Vec<(&str, &str)> = m
        .legal_basis
        .iter()
        .map(|r| (r.kind.as_str(), r.number.as_str()))
        .collect();
    assert_eq!(
        basis,
        [
            ("Nghị quyết", "57-NQ/TW"),
            ("Kế hoạch hành động", "12-KH/TU")
        ]
    );
    assert_eq!(
        m.legal_basis[1].issuer.as_deref(),
        Some("Ban Thường vụ Thành ủy")
    );

    let secs = outline(PDF_PLAN);
    assert_eq!(secs.len(), 2);
    let kids = &secs[0].children;
    assert_eq!(kids.len(), 2);
    // The footnote is not part of the bullet.
    assert_eq!(
        kids[0].items,
        ["Quán triệt đầy đủ các nhiệm vụ, giải pháp đã đề ra trong Nghị quyết của Bộ Chính trị."]
    );
    // A heading wrapped onto a lower-case line, after a page start.
    assert_eq!(kids[1].title, "Kiện toàn Ban Chỉ đạo, Tổ giúp việc Ban Chỉ đạo của phường về phát triển khoa học, công nghệ.");
    // The page number `7` is skipped.
    assert_eq!(kids[1].items, ["Rà soát, bổ sung thành viên."]);
    assert!(secs[1].items.is_empty());
}

/// A signature printed beside the recipient list, with a note before the
/// name.
#[test]
fn signature_beside_recipients() {
    let src = "\
KẾ HOẠCH
Về việc B

Căn cứ Luật số 47/2019/QH14;
I. A
Nơi nhận:                                    TM. ỦY BAN NHÂN DÂN
- Như trên;                                  CHỦ TỊCH
- Lưu: VT.
                                             [đã ký]
                                             Phạm Minh Đức
";
    let (m, _) = meta(src, &[]);
    let s = m.signer.expect("signer");
    assert_eq!(s.on_behalf.as_deref(), Some("TM. ỦY BAN NHÂN DÂN"));
    assert_eq!(s.position.as_deref(), Some("CHỦ TỊCH"));
    assert_eq!(s.name.as_deref(), Some("Phạm Minh Đức"));
}

/// Numbers cited with spaces around their dash, dates in words, a later
/// mention filling a missing date.
#[test]
fn citations() {
    let src = "\
KẾ HOẠCH
Về việc C

Căn cứ Nghị quyết số 57 -
NQ/TW của Bộ Chính trị; Kế hoạch số 01-KH/BCĐ ngày 29 tháng 01 năm 2026 của Ban Chỉ đạo thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024; Thông tư số 02/2025/TT-BGDĐT ngày 24/01/2025 của Bộ Giáo dục và Đào tạo quy định khung;
Ủy ban nhân dân xã Tân Lập ban hành Kế hoạch:
I. A
";
    let (m, _) = meta(src, &[]);
    let refs: Vec<(&str, &str, Option<&str>, Option<&str>)> = m
        .legal_basis
        .iter()
        .map(|r| {
            (
                r.kind.as_str(),
                r.number.as_str(),
                r.date.as_deref(),
                r.issuer.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        refs,
        [
            (
                "Nghị quyết",
                "57-NQ/TW",
                Some("2024-12-22"),
                Some("Bộ Chính trị")
            ),
            (
                "Kế hoạch",
                "01-KH/BCĐ",
                Some("2026-01-29"),
                Some("Ban Chỉ đạo")
            ),
            (
                "Thông tư",
                "02/2025/TT-BGDĐT",
                Some("2025-01-24"),
                Some("Bộ Giáo dục và Đào tạo")
            ),
        ]
    );
}

/// The body ends at an appendix caption or a table header when the text
/// has no recipient list and no signature.
#[test]
fn body_ends_at_appendix() {
    let src = "KẾ HOẠCH\nVề việc D\n\nCăn cứ Luật số 47/2019/QH14;\nI. A\n- x\nPhụ lục kèm theo Kế hoạch này.\nPhụ lục II\nTT Nội dung\n";
    let text = SourceText::from_text(src);
    // `Phụ lục kèm theo …` is a sentence, `Phụ lục II` the caption (line 8).
    assert_eq!(body_range(&text), 3..8);
    let src = "KẾ HOẠCH\nVề việc D\n\nI. A\nSTT Chỉ tiêu Đơn vị\n";
    assert_eq!(body_range(&SourceText::from_text(src)), 3..5);
}

/// A header whose number and date were left blank: the number and date of
/// a document cited in the body are never taken for the document's.
#[test]
fn blank_header_keeps_body_citations_out() {
    let src = "\
ỦY BAN NHÂN DÂN
TỈNH AN HÒA
Số: /KH-UBND
An Hòa, ngày tháng 12 năm 2025

KẾ HOẠCH
Cải cách hành chính năm 2026

Căn cứ Nghị quyết số 12/NQ-HĐND ngày 05/12/2025 của Hội đồng nhân dân tỉnh;
I. MỤC ĐÍCH
- Bảo đảm hiệu quả.
";
    let (m, w) = meta(src, &[]);
    assert_eq!(m.number, None);
    assert_eq!(m.issued_on, None);
    assert!(codes(&w).contains(&"meta_number_missing"));
    assert!(codes(&w).contains(&"meta_date_missing"));
    assert_eq!(m.legal_basis[0].number, "12/NQ-HĐND");

    // The kind line lost (text from a PDF): the header still ends where
    // the body opens, so the citation in the body stays out.
    let src = "\
ỦY BAN NHÂN DÂN
TỈNH AN HÒA
Số: /KH-UBND
An Hòa, ngày tháng 12 năm 2025
Căn cứ Nghị quyết số 12/NQ-HĐND ngày 05/12/2025 của Hội đồng nhân dân tỉnh;
Số: 7/BC-UBND ngày 06/12/2025 của Ủy ban nhân dân tỉnh;
I. MỤC ĐÍCH
";
    let (m, _) = meta(src, &[]);
    assert_eq!(m.number, None);
    assert_eq!(m.issued_on, None);

    // A blank place-date line is not filled from a date further down the
    // header (a stamp, a note).
    let src = "\
ỦY BAN NHÂN DÂN
TỈNH AN HÒA
Số: /KH-UBND
An Hòa, ngày tháng 12 năm 2025
(Dự thảo ngày 01/12/2025)
KẾ HOẠCH
Cải cách hành chính năm 2026
";
    let (m, _) = meta(src, &[]);
    assert_eq!(m.issued_on, None);
}

/// Number and date typed into the header's blanks, with the spacing the
/// blanks leave: read without stray spaces.
#[test]
fn typed_into_blanks() {
    let cases = [
        (
            "Số:35 /KH-UBND",
            "ngày14 tháng7 năm 2026",
            "35/KH-UBND",
            "2026-07-14",
        ),
        (
            "Số: 144 /KH-UBND",
            "ngày  05  tháng 3 năm 2026",
            "144/KH-UBND",
            "2026-03-05",
        ),
        (
            "Số:  9/ KH-UBND",
            "ngày 20 tháng 5      năm 2025",
            "9/KH-UBND",
            "2025-05-20",
        ),
    ];
    for (number, date, want_number, want_date) in cases {
        let src = format!(
            "ỦY BAN NHÂN DÂN\nXÃ AN HÒA\n{number}\nAn Hòa, {date}\n\nKẾ HOẠCH\nTriển khai chuyển đổi số\n\nI. MỤC ĐÍCH\n"
        );
        let (m, w) = meta(&src, &[]);
        assert_eq!(m.number.as_deref(), Some(want_number), "{number}");
        assert_eq!(m.issued_on.as_deref(), Some(want_date), "{date}");
        assert!(!codes(&w).contains(&"meta_number_missing"));
    }
    // Number and place-date on one line, as a PDF composes the two columns.
    let src = "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTHÀNH PHỐ AN HÒA\nĐộc lập - Tự do - Hạnh phúc\nSố: 144 /KH-UBND An Hòa, ngày 20 tháng 5 năm 2025\nKẾ HOẠCH\nTriển khai bệnh án điện tử\n";
    let (m, _) = meta(src, &[]);
    assert_eq!(m.number.as_deref(), Some("144/KH-UBND"));
    assert_eq!(m.issued_on.as_deref(), Some("2025-05-20"));
}

/// A letter (công văn): no kind line, a `V/v …` subject under the number.
/// The kind is `CÔNG VĂN`, the title the subject without `V/v`; a number
/// and date the subject cites are not the letter's.
#[test]
fn letter_header() {
    // Columns composed into lines (PDF): the place-date beside the number.
    let src = "\
UBND TỈNH AN HÒA CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ Y TẾ
Độc lập - Tự do - Hạnh phúc
Số: /SYT-VP An Hòa, ngày tháng năm 2026
V/v triển khai Kế hoạch số 220/KH-UBND ngày 09/6/2026
của UBND tỉnh về dữ liệu y tế
Kính gửi: Sở Khoa học và Công nghệ.
Thực hiện Kế hoạch số 220/KH-UBND ngày 09/6/2026 của UBND tỉnh;
1. Chuẩn bị hạ tầng.
";
    let (m, w) = meta(src, &[]);
    assert_eq!(m.doc_type.as_deref(), Some("CÔNG VĂN"));
    assert_eq!(
        m.title.as_deref(),
        Some("triển khai Kế hoạch số 220/KH-UBND ngày 09/6/2026 của UBND tỉnh về dữ liệu y tế")
    );
    assert_eq!(m.number, None);
    assert_eq!(m.issued_on, None);
    assert!(!codes(&w).contains(&"meta_doc_type_missing"));
    assert!(!codes(&w).contains(&"meta_title_missing"));
    assert!(codes(&w).contains(&"meta_date_missing"));

    // One part per line (text, DOCX): the place-date under the subject.
    let src = "\
ỦY BAN NHÂN DÂN
XÃ AN HÒA
Số: 58/UBND-VP
V/v: báo cáo kết quả chuyển đổi số
An Hòa, ngày 14 tháng 7 năm 2026

Kính gửi: Các phòng, ban.
";
    let (m, _) = meta(src, &[]);
    assert_eq!(m.doc_type.as_deref(), Some("CÔNG VĂN"));
    assert_eq!(m.title.as_deref(), Some("báo cáo kết quả chuyển đổi số"));
    assert_eq!(m.number.as_deref(), Some("58/UBND-VP"));
    assert_eq!(m.issued_on.as_deref(), Some("2026-07-14"));

    // A `V/v` in the body is no subject line.
    let src = "ỦY BAN NHÂN DÂN\nXÃ AN HÒA\nCăn cứ Luật số 47/2019/QH14;\nV/v triển khai\n";
    let (m, _) = meta(src, &[]);
    assert_eq!(m.doc_type, None);
}

/// A letter is read as a plan only when it assigns tasks: one without any
/// task or indicator table is not a plan; one with a task table is.
#[test]
fn letter_is_a_plan_only_with_tasks() {
    let head = "\
ỦY BAN NHÂN DÂN
XÃ AN HÒA
Số: 58/UBND-VP
V/v triển khai chuyển đổi số
An Hòa, ngày 14 tháng 7 năm 2026

Kính gửi: Các phòng, ban.

Ủy ban nhân dân xã đề nghị các đơn vị thực hiện nội dung sau.
";
    let err = kehoach_extract::extract_text("cv.md", head.as_bytes());
    assert!(matches!(err, Err(kehoach_extract::ExtractError::NotAPlan)));
    let with_tasks = format!(
        "{head}\n| STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |\n|---|---|---|---|---|\n| 1 | Chuẩn bị hạ tầng dữ liệu | Văn phòng UBND xã | Công an xã | Tháng 9/2026 |\n"
    );
    let plan = kehoach_extract::extract_text("cv.md", with_tasks.as_bytes()).expect("a plan");
    assert_eq!(plan.document.doc_type.as_deref(), Some("CÔNG VĂN"));
    assert!(!plan.tasks.is_empty());
}

/// A department under its body in the header (`UBND TỈNH AN HÒA` over
/// `SỞ Y TẾ`) issues the document: its name as written in running text,
/// with the body's locality.
#[test]
fn department_under_its_body() {
    let src = "UBND TỈNH AN HÒA\nSỞ KHOA HỌC VÀ CÔNG NGHỆ\nSố: 12/SKHCN-VP\nV/v chuyển đổi số\nAn Hòa, ngày 05 tháng 3 năm 2026\nKính gửi: Các đơn vị.\n";
    let (m, _) = meta(src, &[]);
    assert_eq!(
        m.issuer.as_deref(),
        Some("Sở Khoa học và Công nghệ tỉnh An Hòa")
    );
    let loc = m.locality.expect("locality");
    assert_eq!((loc.level.as_str(), loc.name.as_str()), ("tỉnh", "An Hòa"));
    // Body and level on two lines, the department on the third.
    let src = "ỦY BAN NHÂN DÂN\nTỈNH AN HÒA\nSỞ Y TẾ\nSố: 3/SYT\nV/v dữ liệu y tế\n";
    let (m, _) = meta(src, &[]);
    assert_eq!(m.issuer.as_deref(), Some("Sở Y tế tỉnh An Hòa"));
}
