//! Data tables for agency splitting, folding and kinds. A case named
//! `gold_NNN_…` pins an annotator note of `shared/eval/gold/NNN_*.json`.

use kehoach_schema::AgencyKind::{self, *};

use super::*;

/// (cell, expected bodies as printed)
const SPLITS: &[(&str, &[&str])] = &[
    // gold 000
    ("Phòng VH-XH, Kinh tế, TTPVHCC", &["Phòng VH-XH", "Kinh tế", "TTPVHCC"]),
    ("Phòng VH-XH, TTPVHCC", &["Phòng VH-XH", "TTPVHCC"]),
    ("Phòng VH-XH; Kinh tế", &["Phòng VH-XH", "Kinh tế"]),
    ("Các cơ quan, đơn vị; Công an xã", &["Các cơ quan, đơn vị", "Công an xã"]),
    ("Các Phòng ban chuyên môn, thôn, đơn vị có liên quan", &["Các Phòng ban chuyên môn, thôn, đơn vị có liên quan"]),
    ("Mặt trận Tổ quốc Việt Nam xã", &["Mặt trận Tổ quốc Việt Nam xã"]),
    // gold 002
    ("Các phòng, ban, đơn vị liên quan", &["Các phòng, ban, đơn vị liên quan"]),
    ("Các cơ quan chuyên môn, đơn vị liên quan", &["Các cơ quan chuyên môn, đơn vị liên quan"]),
    (
        "Thuế cơ sở 11 TP Hải Phòng, các cơ quan, đơn vị liên quan",
        &["Thuế cơ sở 11 TP Hải Phòng", "các cơ quan, đơn vị liên quan"],
    ),
    ("Thuế cơ sở 9 TP Hải Phòng.", &["Thuế cơ sở 9 TP Hải Phòng."]),
    ("Các Thôn, tổ công nghệ số cộng đồng", &["Các Thôn", "tổ công nghệ số cộng đồng"]),
    ("Thôn, Tổ công nghệ số cộng đồng", &["Thôn", "Tổ công nghệ số cộng đồng"]),
    ("Tổ công nghệ số cộng đồng; đoàn thể", &["Tổ công nghệ số cộng đồng", "đoàn thể"]),
    (
        "Cơ quan Ủy ban Mặt trận Tổ quốc Việt Nam xã và các đơn vị liên quan",
        &["Cơ quan Ủy ban Mặt trận Tổ quốc Việt Nam xã", "các đơn vị liên quan"],
    ),
    ("Sở khoa học và Công nghệ, Doanh nghiệp viễn thông", &["Sở khoa học và Công nghệ", "Doanh nghiệp viễn thông"]),
    ("Văn phòng HĐND và UBND xã", &["Văn phòng HĐND và UBND xã"]),
    ("Trưởng phòng Kinh tế", &["Trưởng phòng Kinh tế"]),
    // gold 004
    ("Sở Khoa học và Công nghệ, các đơn vị liên quan", &["Sở Khoa học và Công nghệ", "các đơn vị liên quan"]),
    (
        "Phòng Văn hoá - Xã hội, Trung tâm Văn hóa Thể thao và Truyền thông",
        &["Phòng Văn hoá - Xã hội", "Trung tâm Văn hóa Thể thao và Truyền thông"],
    ),
    ("Phòng Văn hoá - Xã hội, Công an phường", &["Phòng Văn hoá - Xã hội", "Công an phường"]),
    ("Các phòng chuyên môn, Trung tâm hành chính công phường", &["Các phòng chuyên môn", "Trung tâm hành chính công phường"]),
    ("Phòng Kinh tế, Hạ tầng và Đô thị", &["Phòng Kinh tế, Hạ tầng và Đô thị"]),
    ("Sở Y tế; Các đơn vị liên quan", &["Sở Y tế", "Các đơn vị liên quan"]),
    ("Các phòng, cơ quan chuyên môn thuộc UBND phường", &["Các phòng, cơ quan chuyên môn thuộc UBND phường"]),
    ("Các cơ quan chuyên môn, đơn vị thuộc phường", &["Các cơ quan chuyên môn, đơn vị thuộc phường"]),
    ("Các phòng, ban, ngành, đơn vị thuộc phường", &["Các phòng, ban, ngành, đơn vị thuộc phường"]),
    ("Các phòng, ban, ngành, đơn vị liên quan", &["Các phòng, ban, ngành, đơn vị liên quan"]),
    // gold_004 review note: a comma before lower-case "đơn vị" does not start a body.
    (
        "Các phòng, cơ quan chuyên môn thuộc UBND phường, đơn vị đơn vị liên quan",
        &["Các phòng, cơ quan chuyên môn thuộc UBND phường, đơn vị đơn vị liên quan"],
    ),
    (
        "Các phòng, ban, ngành, đơn vị thuộc phường , đơn vị liên quan",
        &["Các phòng, ban, ngành, đơn vị thuộc phường , đơn vị liên quan"],
    ),
    ("đơn vị liên quan.", &["đơn vị liên quan."]),
    ("Văn phòng HĐND & UBND", &["Văn phòng HĐND & UBND"]),
    ("Văn phòng HĐND-UBND", &["Văn phòng HĐND-UBND"]),
    // OUTPUT.md and the brief
    ("Công an xã, các phòng chuyên môn", &["Công an xã", "các phòng chuyên môn"]),
    ("Bộ Công an và các địa phương", &["Bộ Công an", "các địa phương"]),
    ("Các Sở, ban, ngành và UBND các xã, phường", &["Các Sở, ban, ngành", "UBND các xã, phường"]),
    ("Các Sở, ban, ngành và địa phương", &["Các Sở, ban, ngành và địa phương"]),
    ("Bộ Văn hóa, Thể thao và Du lịch", &["Bộ Văn hóa, Thể thao và Du lịch"]),
    ("Sở Nông nghiệp và Môi trường", &["Sở Nông nghiệp và Môi trường"]),
    ("Trung tâm Văn hóa Thể thao và Truyền thông", &["Trung tâm Văn hóa Thể thao và Truyền thông"]),
    ("Phòng Văn hoá – Xã hội, Văn phòng HĐND&UBND xã", &["Phòng Văn hoá – Xã hội", "Văn phòng HĐND&UBND xã"]),
    (
        "Văn phòng HĐND và UBND xã; Công an xã; các đơn vị thuộc UBND xã; doanh nghiệp cung cấp dịch vụ công nghệ thông tin (nếu có)",
        &[
            "Văn phòng HĐND và UBND xã",
            "Công an xã",
            "các đơn vị thuộc UBND xã",
            "doanh nghiệp cung cấp dịch vụ công nghệ thông tin (nếu có)",
        ],
    ),
    // seeds 001 / 003
    ("Phòng Văn hóa - Xã hội; Văn phòng HĐND và UBND xã", &["Phòng Văn hóa - Xã hội", "Văn phòng HĐND và UBND xã"]),
    ("Trung tâm Phục vụ hành chính công; Phòng Kinh tế, Hạ tầng và Đô thị xã", &[
        "Trung tâm Phục vụ hành chính công",
        "Phòng Kinh tế, Hạ tầng và Đô thị xã",
    ]),
    ("Công an xã, Các cơ quan, đơn vị có liên quan", &["Công an xã", "Các cơ quan, đơn vị có liên quan"]),
    ("Phòng Văn hoá – Xã hội, Công an xã", &["Phòng Văn hoá – Xã hội", "Công an xã"]),
    ("Văn phòng HĐND&UBND; các phòng chuyên môn", &["Văn phòng HĐND&UBND", "các phòng chuyên môn"]),
    ("Các phòng, cơ quan, đơn vị, đoàn thể xã và các thôn", &["Các phòng, cơ quan, đơn vị, đoàn thể xã", "các thôn"]),
    (
        "Các cơ quan Đảng, HĐND, Công an xã, Các phòng chuyên môn, đơn vị liên quan",
        &["Các cơ quan Đảng", "HĐND", "Công an xã", "Các phòng chuyên môn, đơn vị liên quan"],
    ),
    ("Các phòng, đơn vị, địa phương thuộc xã", &["Các phòng, đơn vị, địa phương thuộc xã"]),
    ("Các phòng chuyên môn, Phòng Kinh tế", &["Các phòng chuyên môn", "Phòng Kinh tế"]),
    ("Các phòng, Ban Chỉ huy quân sự xã", &["Các phòng", "Ban Chỉ huy quân sự xã"]),
    // ellipsis and odd spacing
    ("Sở Y tế, Giáo dục và Đào tạo", &["Sở Y tế", "Giáo dục và Đào tạo"]),
    ("Phòng Văn hóa - Xã hội, Kinh tế, Hạ tầng và Đô thị", &["Phòng Văn hóa - Xã hội", "Kinh tế, Hạ tầng và Đô thị"]),
    ("  Công an xã ;  ; Trạm y tế  ", &["Công an xã", "Trạm y tế"]),
    ("- Công an xã\n- Trạm Y tế", &["Công an xã", "Trạm Y tế"]),
    ("", &[]),
    (" ; , ", &[]),
];

#[test]
fn split_table() {
    let mut failures = Vec::new();
    for &(cell, want) in SPLITS {
        let got = split_agencies(cell);
        if got != want {
            failures.push(format!("{cell:?}\n   got  {got:?}\n   want {want:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} split case(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The bodies of one cell: (surface, implied full name).
type Bodies = &'static [(&'static str, Option<&'static str>)];

/// (cell, bodies)
const IMPLIED: &[(&str, Bodies)] = &[
    // gold_000 note on rows 13, 15-18: the bare "Kinh tế" is Phòng Kinh tế.
    (
        "Phòng VH-XH, Kinh tế, TTPVHCC",
        &[
            ("Phòng VH-XH", None),
            ("Kinh tế", Some("Phòng Kinh tế")),
            ("TTPVHCC", None),
        ],
    ),
    // gold_000 note on row II.4: the same across ";".
    (
        "Phòng VH-XH; Kinh tế",
        &[("Phòng VH-XH", None), ("Kinh tế", Some("Phòng Kinh tế"))],
    ),
    (
        "Sở Y tế, Giáo dục và Đào tạo",
        &[
            ("Sở Y tế", None),
            ("Giáo dục và Đào tạo", Some("Sở Giáo dục và Đào tạo")),
        ],
    ),
    (
        "Phòng Văn hóa - Xã hội, Kinh tế, Hạ tầng và Đô thị",
        &[
            ("Phòng Văn hóa - Xã hội", None),
            (
                "Kinh tế, Hạ tầng và Đô thị",
                Some("Phòng Kinh tế, Hạ tầng và Đô thị"),
            ),
        ],
    ),
    (
        "Công an xã; Kinh tế",
        &[("Công an xã", None), ("Kinh tế", None)],
    ),
];

#[test]
fn implied_table() {
    for &(cell, want) in IMPLIED {
        let got: Vec<(String, Option<String>)> = split_agencies_detailed(cell)
            .into_iter()
            .map(|b| (b.surface, b.implied))
            .collect();
        let want: Vec<(String, Option<String>)> = want
            .iter()
            .map(|(s, i)| (s.to_string(), i.map(str::to_string)))
            .collect();
        assert_eq!(got, want, "{cell:?}");
    }
}

/// Groups of surfaces that name one body (in a plan of the given locality).
const SAME: &[(Option<&str>, &[&str])] = &[
    // gold 000 / 002 / 004 agency groups
    (
        None,
        &[
            "Phòng Văn hóa - Xã hội",
            "Phòng Văn hoá – Xã hội",
            "Phòng VH-XH",
            "Phòng Văn hóa – Xã hội xã",
            "Phòng Văn hoá - Xã hội",
        ],
    ),
    (
        Some("xã Kiến Thụy"),
        &[
            "Phòng Văn hóa - Xã hội",
            "Phòng Văn hóa – Xã hội xã Kiến Thụy",
            "Trưởng Phòng Văn hóa - Xã hội",
            "Đ/c Trưởng phòng VH-XH",
        ],
    ),
    (
        None,
        &[
            "Văn phòng HĐND-UBND",
            "Văn phòng HĐND và UBND",
            "Văn phòng HĐND & UBND",
            "Văn phòng HĐND&UBND",
            "Văn phòng HĐND và UBND xã",
        ],
    ),
    (
        Some("phường Trần Liễu"),
        &[
            "Văn phòng HĐND và UBND",
            "Văn phòng HĐND và UBND phường",
            "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân phường Trần Liễu",
        ],
    ),
    (
        None,
        &[
            "Trung tâm phục vụ hành chính công",
            "Trung tâm Phục vụ hành chính công",
            "Trung tâm PVHCC",
            "TTPVHCC",
            "Giám đốc Trung tâm phục vụ hành chính công",
        ],
    ),
    // gold_004 note: "Trung tâm hành chính công phường" is the same ward body (missing "Phục vụ").
    (
        Some("phường Trần Liễu"),
        &[
            "Trung tâm Phục vụ hành chính công",
            "Trung tâm hành chính công phường",
        ],
    ),
    (
        None,
        &[
            "Các phòng, ban, đơn vị liên quan",
            "Các phòng, ban, đơn vị có liên quan",
            "Các phòng, ban, đơn vị đơn vị liên quan",
        ],
    ),
    (
        None,
        &[
            "Các cơ quan, đơn vị liên quan",
            "các cơ quan, đơn vị liên quan",
            "Các cơ quan, đơn vị có liên quan",
        ],
    ),
    (
        None,
        &[
            "Các đơn vị liên quan",
            "đơn vị liên quan.",
            "các đơn vị liên quan",
            "đơn vị liên quan",
            "Đơn vị có liên quan",
        ],
    ),
    (None, &["Các thôn", "Các Thôn", "Thôn"]),
    (None, &["Các trường", "Các trường học", "Trường"]),
    (
        None,
        &[
            "Sở Khoa học và Công nghệ thành phố",
            "Sở Khoa học và Công nghệ",
            "Sở khoa học và Công nghệ",
            "Sở KHCN",
            "Sở Khoa học và Công nghệ thành phố Hải Phòng",
        ],
    ),
    (
        None,
        &[
            "Doanh nghiệp viễn thông",
            "Các doanh nghiệp Viễn thông",
            "các doanh nghiệp viễn thông trên địa bàn",
        ],
    ),
    (
        None,
        &[
            "Tổ công nghệ số cộng đồng",
            "Tổ Công nghệ số cộng đồng",
            "tổ công nghệ số cộng đồng",
        ],
    ),
    (
        None,
        &[
            "Mặt trận Tổ quốc Việt Nam xã",
            "Ủy ban Mặt trận Tổ quốc Việt Nam xã",
            "Cơ quan Ủy ban Mặt trận Tổ quốc Việt Nam xã",
            "Uỷ ban MTTQ Việt Nam xã",
            "UBMTTQ Việt Nam xã",
        ],
    ),
    (None, &["Trưởng phòng Kinh tế", "Phòng Kinh tế"]),
    (
        None,
        &["Công an xã", "Trưởng Công an xã", "Đ/c Trưởng Công an xã"],
    ),
    (
        Some("xã Kiến Thụy"),
        &["Công an xã", "Công an", "Công an xã Kiến Thụy"],
    ),
    (
        None,
        &[
            "Thuế cơ sở 11 TP Hải Phòng",
            "Thuế cơ sở 11 thành phố Hải Phòng",
            "Thuế cơ sở 11 TP. Hải Phòng",
        ],
    ),
    (None, &["Các đoàn thể", "đoàn thể"]),
    (
        None,
        &[
            "Ban Chỉ huy quân sự xã",
            "Ban CHQS xã",
            "Ban Chỉ huy Quân sự xã",
        ],
    ),
    (
        None,
        &["Các trường học trên địa bàn phường", "Các trường học"],
    ),
];

/// Pairs that must stay different bodies.
const DIFFERENT: &[(Option<&str>, &str, &str)] = &[
    // gold_002 note on collectives
    (
        None,
        "Các phòng, ban, đơn vị",
        "Các phòng, ban, đơn vị liên quan",
    ),
    (
        None,
        "Các cơ quan, đơn vị liên quan",
        "Các đơn vị liên quan",
    ),
    // gold_002 note on tax offices
    (
        None,
        "Thuế cơ sở 11 TP Hải Phòng",
        "Thuế cơ sở 9 TP Hải Phòng.",
    ),
    (None, "Phòng Kinh tế", "Phòng Kinh tế, Hạ tầng và Đô thị"),
    (None, "Công an xã", "Công an thành phố"),
    (Some("xã Kiến Thụy"), "Công an xã", "Công an thành phố"),
    (
        Some("phường Trần Liễu"),
        "Công an phường",
        "Công an thành phố",
    ),
    (None, "Sở Khoa học và Công nghệ", "Sở Giáo dục và Đào tạo"),
    (None, "Sở Y tế", "Sở Y tệ"),
    (None, "Ủy ban nhân dân xã", "Ủy ban nhân dân thành phố"),
    (None, "Hợp tác xã", "Hợp tác"),
    (None, "UBND các xã, phường", "UBND các"),
    (
        Some("xã Kiến Thụy"),
        "Công an xã Kiến Thụy",
        "Công an xã Tân Trào",
    ),
    (
        None,
        "Các phòng, ban, ngành, đơn vị thuộc phường",
        "Các phòng, ban, ngành, đơn vị",
    ),
    (None, "Phòng Văn hóa - Xã hội", "Phòng Kinh tế"),
    (None, "Các cơ quan, đơn vị", "Các cơ quan, đơn vị liên quan"),
];

#[test]
fn same_body_table() {
    let mut failures = Vec::new();
    for &(locality, group) in SAME {
        let keys: Vec<String> = group.iter().map(|s| agency_key(s, locality)).collect();
        if keys.iter().any(|k| *k != keys[0]) {
            let pairs: Vec<String> = group
                .iter()
                .zip(&keys)
                .map(|(s, k)| format!("      {s:?} -> {k:?}"))
                .collect();
            failures.push(format!("{locality:?}:\n{}", pairs.join("\n")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} group(s) not folded:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn different_body_table() {
    for &(locality, a, b) in DIFFERENT {
        assert_ne!(
            agency_key(a, locality),
            agency_key(b, locality),
            "{a:?} vs {b:?} ({locality:?})"
        );
    }
}

/// (surface, locality, canonical name)
const CANONICAL: &[(&str, Option<&str>, &str)] = &[
    ("Phòng VH-XH", None, "Phòng Văn hóa - Xã hội"),
    ("Phòng Văn hoá – Xã hội xã", None, "Phòng Văn hóa - Xã hội"),
    (
        "Văn phòng HĐND&UBND",
        None,
        "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân",
    ),
    ("TTPVHCC", None, "Trung tâm Phục vụ hành chính công"),
    ("Trung tâm PVHCC", None, "Trung tâm Phục vụ hành chính công"),
    ("Trưởng phòng Kinh tế", None, "Phòng Kinh tế"),
    // gold_000 note on task 6: canonical name "Ủy ban Mặt trận Tổ quốc Việt Nam xã".
    (
        "Mặt trận Tổ quốc Việt Nam xã",
        None,
        "Ủy ban Mặt trận Tổ quốc Việt Nam xã",
    ),
    (
        "Cơ quan Ủy ban Mặt trận Tổ quốc Việt Nam xã",
        Some("xã Nguyễn Lương Bằng"),
        "Ủy ban Mặt trận Tổ quốc Việt Nam xã",
    ),
    ("Công an", Some("xã Kiến Thụy"), "Công an xã"),
    ("Công an phường", None, "Công an phường"),
    ("Công an thành phố", None, "Công an thành phố"),
    ("đơn vị liên quan.", None, "Các đơn vị liên quan"),
    ("đoàn thể", None, "Các đoàn thể"),
    ("Thôn", None, "Các thôn"),
    ("Các trường", None, "Các trường học"),
    (
        "Các phòng, ban, đơn vị đơn vị liên quan",
        None,
        "Các phòng, ban, đơn vị liên quan",
    ),
    (
        "Thuế cơ sở 11 TP Hải Phòng",
        None,
        "Thuế cơ sở 11 thành phố Hải Phòng",
    ),
    (
        "Thuế cơ sở 9 TP Hải Phòng.",
        None,
        "Thuế cơ sở 9 thành phố Hải Phòng",
    ),
    ("Sở khoa học và Công nghệ", None, "Sở Khoa học và Công nghệ"),
    (
        "các doanh nghiệp viễn thông trên địa bàn",
        None,
        "Các doanh nghiệp viễn thông",
    ),
    (
        "UBND các xã, phường",
        None,
        "Ủy ban nhân dân các xã, phường",
    ),
    (
        "Các phòng, ban, ngành, đơn vị thuộc phường",
        None,
        "Các phòng, ban, ngành, đơn vị thuộc phường",
    ),
    ("Hợp tác xã", None, "Hợp tác xã"),
];

#[test]
fn canonical_table() {
    let mut failures = Vec::new();
    for &(surface, locality, want) in CANONICAL {
        let got = canonical_name(surface, locality);
        if got != want {
            failures.push(format!(
                "{surface:?} ({locality:?})\n   got  {got:?}\n   want {want:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} canonical case(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// (name, kind)
const KINDS: &[(&str, AgencyKind)] = &[
    ("Phòng Văn hóa - Xã hội", Department),
    ("Phòng VH-XH", Department),
    ("Trưởng phòng Kinh tế", Department),
    ("Văn phòng HĐND và UBND xã", Office),
    ("Trung tâm Phục vụ hành chính công", Center),
    ("TTPVHCC", Center),
    ("Công an xã", Police),
    ("Ban Chỉ huy quân sự xã", Military),
    ("Ban CHQS xã", Military),
    ("Quân sự xã", Military),
    ("Đảng ủy xã", Party),
    ("Mặt trận Tổ quốc Việt Nam xã", MassOrganization),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam xã", MassOrganization),
    (
        "Cơ quan Ủy ban Mặt trận Tổ quốc Việt Nam xã",
        MassOrganization,
    ),
    ("UBMTTQ xã", MassOrganization),
    ("Đoàn Thanh niên", MassOrganization),
    ("Hội Nông dân", MassOrganization),
    ("đoàn thể", MassOrganization),
    ("Trường Mầm non Kiến Thụy", School),
    ("Trạm y tế xã", Health),
    ("Trạm Y tế", Health),
    ("Bệnh viện Đa khoa", Health),
    ("Sở Khoa học và Công nghệ", ExternalGovernment),
    ("Bộ Công an", ExternalGovernment),
    ("Thuế cơ sở 11 TP Hải Phòng", ExternalGovernment),
    ("Ngân hàng Chính sách xã hội", ExternalGovernment),
    ("Chi cục Thống kê", ExternalGovernment),
    ("UBND thành phố", ExternalGovernment),
    ("UBND tỉnh", ExternalGovernment),
    ("Doanh nghiệp viễn thông", Enterprise),
    ("Viễn thông VNPT", Enterprise),
    ("Các phòng, ban, đơn vị liên quan", Collective),
    ("các doanh nghiệp viễn thông trên địa bàn", Collective),
    ("đơn vị liên quan.", Collective),
    ("UBND xã", Other),
    ("HĐND xã", Other),
    ("Tổ công nghệ số cộng đồng", Other),
    ("Thôn", Other),
    ("Kinh tế", Other),
];

#[test]
fn kind_table() {
    let mut failures = Vec::new();
    for &(name, want) in KINDS {
        let got = agency_kind(name);
        if got != want {
            failures.push(format!("{name:?}: got {got:?}, want {want:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} kind case(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Gold 002's agency cells, in document order, through split + registry:
/// the bodies and alias groups of the gold file.
#[test]
fn gold_002_registry() {
    let cells = [
        "Phòng Văn hóa - Xã hội",
        "Văn phòng HĐND và UBND xã",
        "Phòng Văn hoá – Xã hội",
        "Các trường",
        "Các trường học",
        "Trưởng phòng Kinh tế",
        "Thuế cơ sở 11 TP Hải Phòng, các cơ quan, đơn vị liên quan",
        "Các Thôn, tổ công nghệ số cộng đồng",
        "Thôn, Tổ công nghệ số cộng đồng",
        "Cơ quan Ủy ban Mặt trận Tổ quốc Việt Nam xã và các đơn vị liên quan",
        "Các phòng, ban, đơn vị",
        "Văn phòng HĐND&UBND",
        "Sở khoa học và Công nghệ, Doanh nghiệp viễn thông",
        "Các doanh nghiệp Viễn thông",
        "Các phòng, ban, đơn vị có liên quan",
        "Các phòng, ban, đơn vị đơn vị liên quan",
        "Các phòng, ban, đơn vị liên quan",
        "Trung tâm phục vụ hành chính công",
        "Trung tâm PVHCC",
        "Thuế cơ sở 9 TP Hải Phòng.",
        "Tổ công nghệ số cộng đồng; đoàn thể",
        "Sở Khoa học và Công nghệ thành phố",
        "Sở Khoa học và Công nghệ",
        "các doanh nghiệp viễn thông trên địa bàn",
        "các doanh nghiệp viễn thông trên địa bàn",
        "Phòng Kinh tế",
    ];
    let mut registry = Registry::new(Some("xã Nguyễn Lương Bằng".to_string()));
    let mut ids = Vec::new();
    for cell in cells {
        for body in split_agencies_detailed(cell) {
            ids.push(registry.add(&body.surface, body.implied.as_deref()));
        }
    }
    let agencies = registry.finish();
    let summary: Vec<(&str, &str, Vec<&str>, u32)> = agencies
        .iter()
        .map(|a| {
            (
                a.id.as_str(),
                a.name.as_str(),
                a.aliases.iter().map(String::as_str).collect(),
                a.mentions,
            )
        })
        .collect();
    let want: Vec<(&str, &str, Vec<&str>, u32)> = vec![
        (
            "cac-co-quan-don-vi-lien-quan",
            "Các cơ quan, đơn vị liên quan",
            vec!["các cơ quan, đơn vị liên quan"],
            1,
        ),
        ("cac-doan-the", "Các đoàn thể", vec!["đoàn thể"], 1),
        (
            "cac-doanh-nghiep-vien-thong",
            "Các doanh nghiệp viễn thông",
            vec![
                "Các doanh nghiệp Viễn thông",
                "Doanh nghiệp viễn thông",
                "các doanh nghiệp viễn thông trên địa bàn",
            ],
            4,
        ),
        (
            "cac-don-vi-lien-quan",
            "Các đơn vị liên quan",
            vec!["các đơn vị liên quan"],
            1,
        ),
        (
            "cac-phong-ban-don-vi",
            "Các phòng, ban, đơn vị",
            vec!["Các phòng, ban, đơn vị"],
            1,
        ),
        (
            "cac-phong-ban-don-vi-lien-quan",
            "Các phòng, ban, đơn vị liên quan",
            vec![
                "Các phòng, ban, đơn vị có liên quan",
                "Các phòng, ban, đơn vị liên quan",
                "Các phòng, ban, đơn vị đơn vị liên quan",
            ],
            3,
        ),
        ("cac-thon", "Các Thôn", vec!["Các Thôn", "Thôn"], 2),
        (
            "cac-truong-hoc",
            "Các trường học",
            vec!["Các trường", "Các trường học"],
            2,
        ),
        (
            "phong-kinh-te",
            "Phòng Kinh tế",
            vec!["Phòng Kinh tế", "Trưởng phòng Kinh tế"],
            2,
        ),
        (
            "phong-van-hoa-xa-hoi",
            "Phòng Văn hóa - Xã hội",
            vec!["Phòng Văn hoá – Xã hội", "Phòng Văn hóa - Xã hội"],
            2,
        ),
        (
            "so-khoa-hoc-va-cong-nghe",
            "Sở Khoa học và Công nghệ",
            vec![
                "Sở Khoa học và Công nghệ",
                "Sở Khoa học và Công nghệ thành phố",
                "Sở khoa học và Công nghệ",
            ],
            3,
        ),
        (
            "thue-co-so-11-thanh-pho-hai-phong",
            "Thuế cơ sở 11 thành phố Hải Phòng",
            vec!["Thuế cơ sở 11 TP Hải Phòng"],
            1,
        ),
        (
            "thue-co-so-9-thanh-pho-hai-phong",
            "Thuế cơ sở 9 thành phố Hải Phòng",
            vec!["Thuế cơ sở 9 TP Hải Phòng."],
            1,
        ),
        (
            "to-cong-nghe-so-cong-dong",
            "Tổ công nghệ số cộng đồng",
            vec!["Tổ công nghệ số cộng đồng", "tổ công nghệ số cộng đồng"],
            3,
        ),
        (
            "trung-tam-phuc-vu-hanh-chinh-cong",
            "Trung tâm Phục vụ hành chính công",
            vec!["Trung tâm PVHCC", "Trung tâm phục vụ hành chính công"],
            2,
        ),
        (
            "uy-ban-mat-tran-to-quoc-viet-nam-xa",
            "Ủy ban Mặt trận Tổ quốc Việt Nam xã",
            vec!["Cơ quan Ủy ban Mặt trận Tổ quốc Việt Nam xã"],
            1,
        ),
        (
            "van-phong-hoi-dong-nhan-dan-va-uy-ban-nhan-dan",
            "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân",
            vec!["Văn phòng HĐND và UBND xã", "Văn phòng HĐND&UBND"],
            2,
        ),
    ];
    let mut failures = Vec::new();
    for (got, want) in summary.iter().zip(&want) {
        if got != want {
            failures.push(format!("   got  {got:?}\n   want {want:?}"));
        }
    }
    assert!(
        failures.is_empty() && summary.len() == want.len(),
        "{} of {} agencies differ ({} got, {} want):\n{}\nall got: {summary:#?}",
        failures.len(),
        want.len(),
        summary.len(),
        want.len(),
        failures.join("\n")
    );
    // Ids returned by add are the ids of the finished list, and each is the
    // slug of the name.
    for id in &ids {
        assert!(
            agencies.iter().any(|a| &a.id == id),
            "{id} returned by add but not listed"
        );
    }
    for a in &agencies {
        assert_eq!(a.id, kehoach_text::slug(&a.name), "{a:?}");
        assert_eq!(a.kind, agency_kind(&a.name));
    }
}

#[test]
fn registry_ids_are_unique_and_deterministic() {
    let run = || {
        let mut r = Registry::new(None);
        let ids = vec![
            r.add("Sở Y tế", None),
            r.add("Sở Y tệ", None),
            r.add("Sở Y tế", None),
            r.add("Sở Y tễ", None),
            r.add("Phòng VH-XH", None),
            r.add("Kinh tế", Some("Phòng Kinh tế")),
        ];
        (ids, r.finish())
    };
    let (ids, agencies) = run();
    assert_eq!(
        ids,
        [
            "so-y-te",
            "so-y-te-2",
            "so-y-te",
            "so-y-te-3",
            "phong-van-hoa-xa-hoi",
            "phong-kinh-te"
        ]
    );
    assert_eq!(agencies, run().1);
    let names: Vec<&str> = agencies.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(
        names,
        [
            "phong-kinh-te",
            "phong-van-hoa-xa-hoi",
            "so-y-te",
            "so-y-te-2",
            "so-y-te-3"
        ]
    );
    let kinh_te = &agencies[0];
    assert_eq!(
        (kinh_te.name.as_str(), kinh_te.aliases.clone()),
        ("Phòng Kinh tế", vec!["Kinh tế".to_string()])
    );
    let vhxh = &agencies[1];
    assert_eq!(
        vhxh.name, "Phòng Văn hóa - Xã hội",
        "abbreviations are expanded for the name"
    );
    assert_eq!(vhxh.aliases, ["Phòng VH-XH"]);
    assert_eq!(vhxh.kind, Department);
}

// Regression cases named after the gold annotator notes they pin. Each is
// also a row of a table above; the names make a failure point at the note.

/// gold 000, row 20 (L1735-1741): "Các cơ quan, đơn vị; Công an xã" splits
/// on ";" only; the collective stays whole.
#[test]
fn gold_000_row_20_collective_then_semicolon() {
    assert_eq!(
        split_agencies("Các cơ quan, đơn vị; Công an xã"),
        ["Các cơ quan, đơn vị", "Công an xã"]
    );
}

/// gold 000, rows 13-18: the bare "Kinh tế" of "Phòng VH-XH, Kinh tế,
/// TTPVHCC" is Phòng Kinh tế.
#[test]
fn gold_000_elliptical_kinh_te_is_phong_kinh_te() {
    let bodies = split_agencies_detailed("Phòng VH-XH, Kinh tế, TTPVHCC");
    assert_eq!(bodies[1].implied.as_deref(), Some("Phòng Kinh tế"));
    let loc = Some("xã Kiến Thụy");
    assert_eq!(
        agency_key(bodies[1].implied.as_deref().unwrap_or(""), loc),
        agency_key("Phòng Kinh tế", loc)
    );
    assert_eq!(
        agency_key(&bodies[2].surface, loc),
        agency_key("Trung tâm Phục vụ hành chính công", loc)
    );
}

/// gold 002, L291: "Thuế cơ sở 11 TP Hải Phòng, các cơ quan, đơn vị liên
/// quan" splits at the first comma; L337's "Thuế cơ sở 9 TP Hải Phòng." is
/// another body and keeps its period.
#[test]
fn gold_002_l291_tax_offices() {
    let cell = "Thuế cơ sở 11 TP Hải Phòng, các cơ quan, đơn vị liên quan";
    assert_eq!(
        split_agencies(cell),
        [
            "Thuế cơ sở 11 TP Hải Phòng",
            "các cơ quan, đơn vị liên quan"
        ]
    );
    assert_eq!(
        split_agencies("Thuế cơ sở 9 TP Hải Phòng."),
        ["Thuế cơ sở 9 TP Hải Phòng."]
    );
    assert_ne!(
        agency_key("Thuế cơ sở 11 TP Hải Phòng", None),
        agency_key("Thuế cơ sở 9 TP Hải Phòng.", None)
    );
}

/// gold 002, L302: "Các Thôn, tổ công nghệ số cộng đồng" is two bodies,
/// and "Các thôn" / "Các Thôn" / "Thôn" are one.
#[test]
fn gold_002_l302_thon_and_to_cong_nghe_so() {
    assert_eq!(
        split_agencies("Các Thôn, tổ công nghệ số cộng đồng"),
        ["Các Thôn", "tổ công nghệ số cộng đồng"]
    );
    assert_eq!(agency_key("Thôn", None), agency_key("Các thôn", None));
}

/// gold 004, review note: a comma before lower-case "đơn vị" does not start
/// a body.
#[test]
fn gold_004_review_comma_before_lowercase_don_vi() {
    let cell = "Các phòng, cơ quan chuyên môn thuộc UBND phường, đơn vị đơn vị liên quan";
    assert_eq!(split_agencies(cell), [cell]);
}

/// gold 004: "Trung tâm hành chính công phường" is the ward's Trung tâm
/// Phục vụ hành chính công (the missing "Phục vụ" read as a slip).
#[test]
fn gold_004_trung_tam_hanh_chinh_cong_phuong() {
    let loc = Some("phường Trần Liễu");
    assert_eq!(
        agency_key("Trung tâm hành chính công phường", loc),
        agency_key("Trung tâm Phục vụ hành chính công", loc)
    );
}

/// Every tab-separated cell of every corpus line, then the cells of
/// [`SPLITS`].
fn corpus_cells() -> Vec<String> {
    let mut cells: Vec<String> = Vec::new();
    for text in crate::corpus_texts() {
        cells.extend(text.lines().flat_map(|l| l.split('\t')).map(str::to_string));
    }
    cells.extend(SPLITS.iter().map(|(cell, _)| cell.to_string()));
    cells
}

/// `Registry::add_cell` does what `add` of each body of the cell does:
/// the same ids (without repeats) and the same agencies at the end, on
/// every cell of the corpus, each seen several times.
#[test]
fn add_cell_is_add_of_each_body() {
    let cells = corpus_cells();
    for locality in [None, Some("xã Kiến Thụy"), Some("phường")] {
        let mut by_cell = Registry::new(locality.map(str::to_string));
        let mut by_body = Registry::new(locality.map(str::to_string));
        for cell in cells.iter().chain(&cells).chain(cells.iter().rev()) {
            let mut ids: Vec<String> = Vec::new();
            for body in split_agencies_detailed(cell) {
                let id = by_body.add(&body.surface, body.implied.as_deref());
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            assert_eq!(by_cell.add_cell(cell), ids, "{cell:?}");
        }
        assert_eq!(by_cell.finish(), by_body.finish());
    }
}

/// The kind `canonical_keyed` finds on the way is `agency_kind` of the
/// name, on every body of the corpus and of the split examples.
#[test]
fn kind_on_the_way_is_agency_kind() {
    use super::canon::{canonical_keyed, Locality};
    let mut bodies: Vec<String> = Vec::new();
    for cell in corpus_cells() {
        for body in split_agencies_detailed(&cell) {
            bodies.extend(body.implied);
            bodies.push(body.surface);
        }
    }
    let mut known = 0;
    for locality in [None, Some("xã Kiến Thụy"), Some("phường")] {
        let locality = Locality::parse(locality);
        for body in &bodies {
            let canonical = canonical_keyed(body, &locality, true, None);
            if let Some(kind) = canonical.kind {
                assert_eq!(kind, agency_kind(&canonical.name), "{body:?}");
                known += 1;
            }
        }
    }
    assert!(known > 100, "only {known} kinds found on the way");
}

/// `canonical_keyed` of a body gives the same name, key and kind whether
/// it starts from the folds the split of its cell made or folds afresh,
/// on every body of the corpus.
#[test]
fn canonical_from_split_folds_is_canonical() {
    use super::canon::{canonical_keyed, Locality};
    use super::split::split_cell;
    let cells = corpus_cells();
    let mut from_folds = 0;
    for locality in [None, Some("xã Kiến Thụy"), Some("phường")] {
        let locality = Locality::parse(locality);
        for cell in &cells {
            split_cell(cell, &mut |body| {
                let Some((folded, at)) = body.folds() else {
                    return;
                };
                assert_eq!(
                    folded.text().get(at..at + body.surface.len()),
                    Some(body.surface),
                    "{cell:?}"
                );
                let fresh = canonical_keyed(body.surface, &locality, true, None);
                let reused = canonical_keyed(body.surface, &locality, true, Some((folded, at)));
                assert_eq!(reused.name, fresh.name, "{cell:?}");
                assert_eq!(reused.key, fresh.key, "{cell:?}");
                assert_eq!(reused.kind, fresh.kind, "{cell:?}");
                from_folds += 1;
            });
        }
    }
    assert!(
        from_folds > 300,
        "only {from_folds} bodies from the split's folds"
    );
}
