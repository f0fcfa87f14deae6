//! Document metadata: kind, number, title, issuer, date, signer, period and
//! legal basis, read from the layout every Vietnamese administrative
//! document shares (Nghị định 30/2020/NĐ-CP):
//!
//! ```text
//! ỦY BAN NHÂN DÂN            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM     header: issuer,
//! XÃ KIẾN THỤY                 Độc lập - Tự do - Hạnh phúc          number and
//! Số: 78/KH-UBND             Kiến Thụy, ngày 29 tháng 9 năm 2025    place-date line
//!                 KẾ HOẠCH                                          kind line
//!     Về việc thực hiện Nghị quyết số 57-NQ/TW …                    trích yếu (title)
//! Căn cứ …; Thực hiện …                                             legal basis
//! Ủy ban nhân dân xã ban hành Kế hoạch …:                           issuing clause
//! I. MỤC ĐÍCH, YÊU CẦU …                                            body
//! Nơi nhận:                  TM. ỦY BAN NHÂN DÂN                    recipients,
//! - …                        CHỦ TỊCH                               signature block
//!                            Lưu văn Thụy
//! PHỤ LỤC 1: …                                                      appendices
//! (Kèm theo Kế hoạch số 78/KH-UBND ngày 29/9/2025 của UBND xã …)    caption
//! ```
//!
//! Any part may be missing (text extracted from PDF often loses the header
//! block): the number, date and issuer then come from the appendix
//! captions, and the issuer last from the issuing clause of the body. The
//! header always wins over the captions. Nothing here depends on a
//! particular file; the phrase lists below are the genre's vocabulary.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::ops::Range;
use std::sync::LazyLock;

use kehoach_schema::{
    DocumentMeta, DocumentProvenance, LegalRef, Locality, Period, Signer, Span, Warning,
};
use kehoach_text::{clean, fold, join_wrapped, strip_marks, SourceText};
use regex::Regex;

use kehoach_rules::lean::LeanRegex;
use kehoach_rules::narrow::{self, Narrowed};

use crate::outline::{
    any_triple, cleaned, fold_ends_with, footnotes_before, heading, is_page_number, is_plain,
    is_recipients, is_recipients_line, is_rule, marker_tokens, Footnote,
};

/// Kind lines (the document's genre), upper case as printed. A kind line
/// must equal one of these (compared on `fold` keys).
const DOC_KINDS: &[&str] = &[
    "KẾ HOẠCH",
    "KẾ HOẠCH HÀNH ĐỘNG",
    "NGHỊ QUYẾT",
    "CHƯƠNG TRÌNH",
    "CHƯƠNG TRÌNH HÀNH ĐỘNG",
    "CHƯƠNG TRÌNH CÔNG TÁC",
    "QUYẾT ĐỊNH",
    "CHỈ THỊ",
    "ĐỀ ÁN",
    "BÁO CÁO",
    "THÔNG BÁO",
    "HƯỚNG DẪN",
    "KẾT LUẬN",
    "QUY CHẾ",
    "QUY ĐỊNH",
    "TỜ TRÌNH",
    "CÔNG VĂN",
];

/// Delegation prefixes of a signature line (thẩm quyền ký): on behalf of
/// (`TM.`), deputy signing for (`KT.`), acting (`Q.`), by order (`TL.`),
/// by authorisation (`TUQ.`).
const DELEGATIONS: &[&str] = &["TM.", "T/M", "KT.", "TUQ.", "TL.", "Q.", "UQ."];

/// Position lines that can open a signature block that has no delegation
/// line.
const POSITIONS: &[&str] = &[
    "CHỦ TỊCH",
    "PHÓ CHỦ TỊCH",
    "GIÁM ĐỐC",
    "PHÓ GIÁM ĐỐC",
    "TRƯỞNG BAN",
    "PHÓ TRƯỞNG BAN",
    "BÍ THƯ",
    "PHÓ BÍ THƯ",
    "TRƯỞNG PHÒNG",
    "CHÁNH VĂN PHÒNG",
    "THỦ TRƯỞNG",
];

/// Kinds of cited documents, as they open a citation (`Nghị quyết số …`).
/// Longer phrases first so that `Kế hoạch hành động` wins over `Kế hoạch`.
const LEGAL_KINDS: &[&str] = &[
    "Chương trình hành động",
    "Chương trình công tác",
    "Kế hoạch hành động",
    "Nghị quyết liên tịch",
    "Thông tư liên tịch",
    "Chương trình",
    "Kế hoạch",
    "Nghị quyết",
    "Nghị định",
    "Quyết định",
    "Thông tư",
    "Công văn",
    "Công điện",
    "Chỉ thị",
    "Kết luận",
    "Thông báo",
    "Hướng dẫn",
    "Quy định",
    "Đề án",
    "Luật",
];

/// Words that open the body right under the title (legal basis, purpose).
/// `Ủy ban nhân dân …` opens it only together with `ban hành`/`xây dựng`.
const BODY_OPENERS: &[&str] = &[
    "Căn cứ",
    "Thực hiện",
    "Triển khai",
    "Trên cơ sở",
    "Theo đề nghị",
    "Xét đề nghị",
    "Nhằm",
    "Để",
    "Theo",
    "Xét",
    "Qua",
    "Kính gửi",
];

/// Issuing bodies: the forms they are printed in and their full form. A
/// phrase that starts a longer one comes after it (the first that matches
/// wins).
const BODIES: &[(&[&str], &str)] = &[
    (&["Ủy ban nhân dân", "UBND"], "Ủy ban nhân dân"),
    (&["Hội đồng nhân dân", "HĐND"], "Hội đồng nhân dân"),
    (&["Ban Thường vụ Đảng ủy"], "Ban Thường vụ Đảng ủy"),
    (&["Ban Chấp hành Đảng bộ"], "Ban Chấp hành Đảng bộ"),
    (&["Ban Chỉ đạo"], "Ban Chỉ đạo"),
    (&["Đảng ủy", "ĐU"], "Đảng ủy"),
    (&["Đảng bộ"], "Đảng bộ"),
    (
        &["Ủy ban Mặt trận Tổ quốc Việt Nam", "UBMTTQ"],
        "Ủy ban Mặt trận Tổ quốc Việt Nam",
    ),
    // The Party's bodies (Hướng dẫn 36-HD/VPTW): the central committees,
    // the committees named after their level (see [`LEVEL_COMMITTEES`]),
    // the Party's groups in state bodies and its cells.
    (
        &["Ban Chấp hành Trung ương", "BCHTW"],
        "Ban Chấp hành Trung ương",
    ),
    (&["Bộ Chính trị"], "Bộ Chính trị"),
    (&["Ban Bí thư"], "Ban Bí thư"),
    (&["Tỉnh ủy"], "Tỉnh ủy"),
    (&["Thành ủy"], "Thành ủy"),
    (&["Huyện ủy"], "Huyện ủy"),
    (&["Quận ủy"], "Quận ủy"),
    (&["Thị ủy"], "Thị ủy"),
    (&["Đảng đoàn"], "Đảng đoàn"),
    (&["Ban cán sự đảng", "BCSĐ"], "Ban cán sự đảng"),
    (&["Ban Thường vụ", "BTV"], "Ban Thường vụ"),
    (&["Ban Chấp hành", "BCH"], "Ban Chấp hành"),
    (&["Chi bộ"], "Chi bộ"),
];

/// Party committees named after their level (`TỈNH ỦY` is the Party
/// committee of a province): the committee and the level it implies. The
/// place's name follows without the level word (`Tỉnh ủy Lâm Đồng`).
const LEVEL_COMMITTEES: &[(&str, &str)] = &[
    ("Tỉnh ủy", "tỉnh"),
    ("Thành ủy", "thành phố"),
    ("Huyện ủy", "huyện"),
    ("Quận ủy", "quận"),
    ("Thị ủy", "thị xã"),
];

/// Organs of a Party committee printed bare under the committee's line
/// (`TỈNH ỦY LÂM ĐỒNG` over `BAN THƯỜNG VỤ`): the committee's name goes
/// after theirs (`Ban Thường vụ Tỉnh ủy Lâm Đồng`).
const ORGANS: &[&str] = &["Ban Thường vụ", "Ban Chấp hành"];

/// The Party's groups inside another body, named after it (`ĐẢNG ĐOÀN
/// QUỐC HỘI`, `BAN CÁN SỰ ĐẢNG ỦY BAN NHÂN DÂN TỈNH`): printed bare, the
/// line under it is that body.
const GROUPS: &[&str] = &["Đảng đoàn", "Ban cán sự đảng"];

/// Units printed under the body they belong to (`UBND THÀNH PHỐ HÀ NỘI`
/// over `SỞ Y TẾ`, `ĐẢNG BỘ TỈNH X` over `BAN TUYÊN GIÁO TỈNH ỦY`), or
/// alone (`BỘ Y TẾ`): the printed forms and the unit's word as written in
/// running text. The field after the word is written as running text
/// writes it (see [`field_case`]), so a name whose parts are capitalised
/// otherwise is listed whole (`Hội Liên hiệp Phụ nữ`). A phrase that
/// starts a longer one comes after it.
const UNITS: &[(&[&str], &str)] = &[
    (&["Sở"], "Sở"),
    (&["Phòng"], "Phòng"),
    (&["Văn phòng"], "Văn phòng"),
    (&["Ban"], "Ban"),
    (&["Trung tâm"], "Trung tâm"),
    (&["Tổng cục"], "Tổng cục"),
    (&["Chi cục"], "Chi cục"),
    (&["Cục"], "Cục"),
    (&["Vụ"], "Vụ"),
    (&["Bộ"], "Bộ"),
    (&["Thanh tra"], "Thanh tra"),
    (&["Bệnh viện"], "Bệnh viện"),
    (&["Trường"], "Trường"),
    (&["Đài"], "Đài"),
    (&["Viện"], "Viện"),
    (&["Ủy ban Kiểm tra", "UBKT"], "Ủy ban Kiểm tra"),
    (&["Mặt trận Tổ quốc Việt Nam"], "Mặt trận Tổ quốc Việt Nam"),
    (
        &["Đoàn Thanh niên Cộng sản Hồ Chí Minh"],
        "Đoàn Thanh niên Cộng sản Hồ Chí Minh",
    ),
    (&["Đoàn TNCS Hồ Chí Minh"], "Đoàn TNCS Hồ Chí Minh"),
    (&["Đoàn"], "Đoàn"),
    (&["Hội Liên hiệp Phụ nữ"], "Hội Liên hiệp Phụ nữ"),
    (&["Hội"], "Hội"),
    (&["Liên đoàn Lao động"], "Liên đoàn Lao động"),
    (&["Công đoàn"], "Công đoàn"),
];

/// Nouns of places below a commune (`THÔN AN LẠC`): written in lower case
/// before the place's name, like a level (`Chi bộ thôn An Lạc`), but no
/// locality of the output contract.
const PLACE_NOUNS: &[&str] = &["tổ dân phố", "khu phố", "thôn", "ấp", "bản", "xóm"];

/// Administrative levels, longest first. Only the first five are
/// localities of the output contract; the others still case the issuer.
const LEVELS: &[&str] = &[
    "đặc khu",
    "thành phố",
    "phường",
    "tỉnh",
    "xã",
    "thị xã",
    "thị trấn",
    "huyện",
    "quận",
];

/// Levels allowed in [`Locality::level`].
const LOCALITY_LEVELS: &[&str] = &["xã", "phường", "đặc khu", "tỉnh", "thành phố"];

/// A document number (số ký hiệu): digits, then `-` or `/` parts
/// (`57-NQ/TW`, `71/NQ-CP`, `193/2025/QH15`, `11/CTr/BCĐ`), spaces around
/// the separators allowed (`57 - NQ/TW`).
const NUM: &str = r"\d{1,5}(?:\s*[-–]\s*\p{L}[\p{L}\d]*)?(?:\s*/\s*[\p{L}\d][\p{L}\d&.\-–]*)+";

/// A date after `ngày`: `29/9/2025`, `02/10 /2025`, `29 tháng 01 năm 2026`,
/// the day possibly left blank (`/02/2026`, `ngày   tháng 3 năm 2026`).
const DATE: &str = r"ngày\s*(?:(\d{1,2})?\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})|(\d{1,2})?\s*tháng\s*(\d{1,2})?\s*,?\s*năm\s*(\d{4}))";

/// [`DATE`] in its narrow form (see [`Narrowed`]): ASCII digits, and
/// `(?i)` on the words only (it changes no digit or space).
fn date_narrow() -> String {
    DATE.replace(r"\d", "[0-9]")
        .replace("ngày", "(?i:ngày)")
        .replace("tháng", "(?i:tháng)")
        .replace("năm", "(?i:năm)")
}
/// [`NUM`] in its narrow form (see [`Narrowed`]): ASCII digits and the
/// letters of the Latin blocks. It has no word, so no `(?i)`.
fn num_narrow() -> String {
    NUM.replace(r"\d", "[0-9]")
        .replace(r"\p{L}", &format!("[{}]", narrow::LETTER))
}

static DATE_RE: Narrowed = Narrowed {
    narrow: LazyLock::new(|| LeanRegex::for_short(&date_narrow()).expect("regex")),
    full: LazyLock::new(|| LeanRegex::for_short(&format!("(?i){DATE}")).expect("regex")),
    needs_digit: true,
};
static DATE_AFTER: Narrowed = Narrowed {
    narrow: LazyLock::new(|| {
        LeanRegex::new(&format!(r"^\s*,?\s*{}", date_narrow())).expect("regex")
    }),
    full: LazyLock::new(|| LeanRegex::new(&format!(r"(?i)^\s*,?\s*{DATE}")).expect("regex")),
    needs_digit: true,
};
static NUM_AT_START: Narrowed = Narrowed {
    narrow: LazyLock::new(|| {
        LeanRegex::for_short(&format!(r"^\s*(?:(?i:số))?\s*:?\s*({})", num_narrow()))
            .expect("regex")
    }),
    full: LazyLock::new(|| {
        LeanRegex::for_short(&format!(r"(?i)^\s*(?:số)?\s*:?\s*({NUM})")).expect("regex")
    }),
    needs_digit: true,
};
static NUMBER_LINE: LazyLock<LeanRegex> =
    LazyLock::new(|| LeanRegex::new(r"^Số\s*:?").expect("regex"));
/// A citation: `(?i)\b({kinds})\s+(?:số\s*:?\s*)?({NUM})`, searched without
/// its leading `\b` (see [`parse_refs`]): a Unicode word boundary keeps
/// the regex engine off its fast automaton on Vietnamese text. The narrow
/// form has `(?i)` on the words only.
static REF_START: Narrowed = Narrowed {
    narrow: LazyLock::new(|| {
        let kinds = LEGAL_KINDS.join("|");
        LeanRegex::new(&format!(
            r"((?i:{kinds}))\s+(?:(?i:số)\s*:?\s*)?({})",
            num_narrow()
        ))
        .expect("regex")
    }),
    full: LazyLock::new(|| {
        let kinds = LEGAL_KINDS.join("|");
        LeanRegex::new(&format!(r"(?i)({kinds})\s+(?:số\s*:?\s*)?({NUM})")).expect("regex")
    }),
    needs_digit: true,
};
/// The kinds of [`REF_START`] alone, anchored: the kind a citation starts
/// with (see [`citation_groups`]).
static REF_KIND_AT: LazyLock<LeanRegex> = LazyLock::new(|| {
    let kinds = LEGAL_KINDS.join("|");
    LeanRegex::for_short(&format!(r"(?i)^(?:{kinds})")).expect("regex")
});
/// One word character, as `\b` understands it.
static OF_RE: LazyLock<LeanRegex> =
    LazyLock::new(|| LeanRegex::new(r"(?i)^\s*,?\s*của\s+").expect("regex"));
/// An abbreviation in brackets; its narrow form (see [`Narrowed`]) has
/// `\p{Lu}` cut to the Latin blocks. A [`Regex`], for its `replace_all`.
static PAREN_ABBR: Narrowed<Regex> = Narrowed {
    narrow: LazyLock::new(|| {
        Regex::new(&format!(r"\s*\([[{}]Đ&\-]{{2,}}\)", narrow::UPPER)).expect("regex")
    }),
    full: LazyLock::new(|| Regex::new(r"\s*\([\p{Lu}Đ&\-]{2,}\)").expect("regex")),
    needs_digit: false,
};
/// What ends an issuer after `của` (see [`issuer_stop`]), with `{b}` for
/// the word boundaries.
fn issuer_stop_pattern(b: &str) -> String {
    let kinds = LEGAL_KINDS.join("|");
    format!(
        r"(?i:\s(?:về|thực hiện|sửa đổi|ban hành|triển khai|quy định|hướng dẫn|phê duyệt|tại|đến năm|năm\s+\d{{4}}|giai đoạn|nhằm|để|theo|trong|gồm|như sau|đã|xây dựng|ngày){b})|[;,:()“”\x22]|\.(?:\s|$)|\s(?:{kinds}){b}"
    )
}
/// The issuer's end, anchored: whether it matches right at the start.
static ISSUER_STOP_AT: LazyLock<LeanRegex> = LazyLock::new(|| {
    LeanRegex::for_short(&format!("^(?:{})", issuer_stop_pattern(r"\b"))).expect("regex")
});
/// The issuer's end without its word boundaries, which a Unicode `\b`
/// would otherwise make the regex engine check on its slow path.
static ISSUER_STOP_LOOSE: LazyLock<LeanRegex> =
    LazyLock::new(|| LeanRegex::new(&issuer_stop_pattern("")).expect("regex"));
static CAPTION_START: LazyLock<LeanRegex> = LazyLock::new(|| {
    LeanRegex::for_short(r"(?i)(?:^|\()\s*(?:ban\s+hành\s+)?kèm\s+theo\s+").expect("regex")
});
static CAPTION_KIND: LazyLock<LeanRegex> = LazyLock::new(|| {
    let kinds = LEGAL_KINDS.join("|");
    LeanRegex::for_short(&format!(r"(?i)^(?:{kinds})\b")).expect("regex")
});
static CAPTION_ISSUER: LazyLock<LeanRegex> =
    LazyLock::new(|| LeanRegex::for_short(r"(?i)\bcủa\s+([^)]+)").expect("regex"));
/// The bodies an issuing clause opens with.
const CLAUSE_BODIES: &str = "ủy ban nhân dân|uỷ ban nhân dân|ubnd|hội đồng nhân dân|hđnd|ban thường vụ|ban chấp hành|đảng ủy|đảng uỷ|ban chỉ đạo";
/// The rest of an issuing clause after its body, as one pattern (the
/// tests compare [`issuing_clause_at`] with it): a lazy gap of at most
/// [`CLAUSE_GAP`] characters but `;` `.` `:` `,`, then [`CLAUSE_VERB`].
#[cfg(test)]
fn clause_rest() -> String {
    format!("[^;.:,]{{0,{CLAUSE_GAP}}}?{CLAUSE_VERB}")
}
/// The verb and the kind of document it issues.
const CLAUSE_VERB: &str = r"\s(?:ban hành|xây dựng|triển khai|thống nhất ban hành)\s+(?:(?:các|bản)\s+)?(?:kế hoạch|nghị quyết|chương trình|quyết định|đề án)";
/// The longest gap, in characters, between a body and its verb.
const CLAUSE_GAP: usize = 80;
/// [`CLAUSE_VERB`], anchored at the start (see [`issuing_clause_at`]).
static CLAUSE_VERB_AT: LazyLock<LeanRegex> =
    LazyLock::new(|| LeanRegex::new(&format!("(?i)^{CLAUSE_VERB}")).expect("regex"));
static CLAUSE_BODY: LazyLock<LeanRegex> =
    LazyLock::new(|| LeanRegex::new(&format!("(?i){CLAUSE_BODIES}")).expect("regex"));
const PERIOD_SPAN_PATTERN: &str =
    r"(?i)giai\s+đoạn\s+(?:từ\s+)?(?:năm\s+)?(\d{4})\s*(?:[-–—]|đến)\s*(?:năm\s+)?(\d{4})";
const PERIOD_VISION_PATTERN: &str =
    r"(?i)^\s*[,;]?\s*(?:và\s+)?(?:có\s+)?(?:định hướng|tầm nhìn)\s+(?:đến\s+)?(?:năm\s+)?(\d{4})";
const SINGLE_YEAR_PATTERN: &str = r"(?i)\bnăm\s+(\d{4})\b";
/// A pattern with ASCII digits for `\d`: its narrow form (see [`Narrowed`]).
fn ascii_digits(pattern: &str) -> LeanRegex {
    LeanRegex::for_short(&pattern.replace(r"\d", "[0-9]")).expect("regex")
}
static PERIOD_SPAN: Narrowed = Narrowed {
    narrow: LazyLock::new(|| ascii_digits(PERIOD_SPAN_PATTERN)),
    full: LazyLock::new(|| LeanRegex::for_short(PERIOD_SPAN_PATTERN).expect("regex")),
    needs_digit: true,
};
static PERIOD_VISION: Narrowed = Narrowed {
    narrow: LazyLock::new(|| ascii_digits(PERIOD_VISION_PATTERN)),
    full: LazyLock::new(|| LeanRegex::for_short(PERIOD_VISION_PATTERN).expect("regex")),
    needs_digit: true,
};
static SINGLE_YEAR: Narrowed = Narrowed {
    narrow: LazyLock::new(|| ascii_digits(SINGLE_YEAR_PATTERN)),
    full: LazyLock::new(|| LeanRegex::for_short(SINGLE_YEAR_PATTERN).expect("regex")),
    needs_digit: true,
};
/// The subject line of a letter (công văn): `V/v …` (về việc), under the
/// number.
static SUBJECT_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[Vv]\s*/\s*[Vv]\b\s*[:.]?\s*").expect("regex"));
static SEGMENT_SPLIT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\t|\||<br\s*/?>|\s{3,}").expect("regex"));
static TABLE_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^S?TT(?:\s*$|\s+(?:Chỉ tiêu|Nội dung|Nhiệm vụ|Tên|Danh mục|Hạng mục|Đơn vị|Công việc|Cơ quan|Nhóm))")
        .expect("regex")
});
static APPENDIX_CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:PHỤ LỤC|Phụ lục(?:\s+số)?(?:\s*$|\s*[:.\-–]|\s+(?:[IVXL]+|\d{1,2}|[A-Z])\b))")
        .expect("regex")
});

/// Where the parts of a document are, as indices into `SourceText::lines`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Layout {
    /// The kind line (`KẾ HOẠCH`) and its text.
    pub kind: Option<(usize, String)>,
    /// The title lines, `start..end` (end exclusive), and the title joined.
    pub title: Option<(std::ops::Range<usize>, String)>,
    /// First line of the body.
    pub body_start: usize,
    /// One past the last line of the body.
    pub body_end: usize,
    /// First line of the signature block.
    pub signature: Option<usize>,
    /// A letter's subject lines (`V/v …`), when they stand for the kind
    /// line and the title.
    pub subject: Option<Range<usize>>,
}

/// Finds the kind line, the title, the body and the signature block.
pub(crate) fn layout(text: &SourceText) -> Layout {
    let lines = &text.lines;
    let n = lines.len();
    let mut kind = find_kind(text);
    let mut title = kind.as_ref().and_then(|(k, _)| find_title(text, *k));
    let mut subject = None;
    if kind.is_none() {
        // A letter prints no kind: its `V/v …` subject line stands for the
        // kind line and the subject for the title.
        if let Some((at, range, s)) = find_subject(text) {
            kind = Some((at, LETTER_KIND.to_string()));
            title = Some((range.clone(), s));
            subject = Some(range);
        }
    }
    let body_start = match (&title, &kind) {
        (Some((r, _)), _) => r.end,
        (None, Some((k, _))) => k + 1,
        (None, None) => 0,
    };
    // The recipient list and the first delegation line, in one pass over
    // the body rather than one pass each.
    let (mut recipients, mut delegation) = (None, None);
    for (i, line) in lines.iter().enumerate().skip(body_start) {
        if recipients.is_none() && is_recipients_line(&line.text) {
            recipients = Some(i);
        }
        if delegation.is_none() && is_delegation_line(&line.text) {
            delegation = Some(i);
        }
        if recipients.is_some() && delegation.is_some() {
            break;
        }
    }
    let signature = delegation.or_else(|| find_position_line(text, recipients));
    let body_end = match [recipients, signature].into_iter().flatten().min() {
        Some(e) => e,
        None => (body_start..n)
            .find(|&i| {
                let s = cleaned(&lines[i].text);
                is_appendix_caption(&s) || is_table_header(&s)
            })
            .unwrap_or(n),
    };
    Layout {
        kind,
        title,
        body_start,
        body_end: body_end.max(body_start),
        signature,
        subject,
    }
}

/// The kind a letter with a `V/v …` subject line and no kind line is given
/// (output contract).
pub(crate) const LETTER_KIND: &str = "CÔNG VĂN";

/// The `V/v …` subject line of a letter among the header lines (before any
/// line that opens the body), and the subject: that line's first segment
/// without `V/v`, with the first segments of the lines that continue it
/// (up to a blank line, `Kính gửi`, a place-date or anything that opens
/// the body). Returns the subject line, the range of subject lines and the
/// subject.
fn find_subject(text: &SourceText) -> Option<(usize, Range<usize>, String)> {
    let lines = &text.lines;
    let mut seen = 0;
    let mut at = None;
    for (i, l) in lines.iter().enumerate() {
        let s = cleaned(&l.text);
        if s.is_empty() {
            continue;
        }
        seen += 1;
        if seen > 15 || opens_body(&s) || heading(&s).is_some() {
            return None;
        }
        if SUBJECT_LINE.is_match(&s) {
            at = Some(i);
            break;
        }
    }
    let at = at?;
    let first = segments(&lines[at].text).into_iter().next()?;
    let m = SUBJECT_LINE.find(&first)?;
    let mut parts = vec![first[m.end()..].to_string()];
    let mut end = at + 1;
    for l in lines.iter().skip(at + 1).take(5) {
        let Some(seg) = segments(&l.text).into_iter().next() else {
            break;
        };
        if opens_body(&seg)
            || heading(&seg).is_some()
            || NUMBER_LINE.is_match(&seg)
            || DATE_RE
                .for_haystack(&seg)
                .is_some_and(|re| re.is_match(&seg))
            || is_upper(&seg)
            || seg.ends_with(':')
        {
            break;
        }
        parts.push(seg);
        end += 1;
    }
    let subject = join_wrapped(parts.iter().map(String::as_str));
    let subject = subject
        .trim()
        .trim_end_matches(['.', ';'])
        .trim()
        .to_string();
    (!subject.is_empty()).then_some((at, at..end, subject))
}

/// Reads the document's metadata. `phase_years` are the target milestones
/// found in the tables (by the caller); they set the period when the title
/// states no span. Missing parts give `null` fields and a warning
/// (`meta_number_missing`, `meta_date_missing`, `meta_signer_missing` …).
/// Never panics.
pub fn extract_meta(text: &SourceText, phase_years: &[i32]) -> (DocumentMeta, Vec<Warning>) {
    let layout = layout(text);
    extract_meta_in(text, &layout, &body_notes(text, &layout), phase_years)
}

/// The footnotes that can touch the body (see [`footnotes_before`]): one
/// that covers a body line starts at or before it, and one whose marker is
/// on a body line starts at most 250 lines after its marker. The metadata
/// (for the opening) and the outline both need them: the pipeline finds
/// them once.
pub(crate) fn body_notes(text: &SourceText, layout: &Layout) -> Vec<Footnote> {
    let body_end = layout.body_end.min(text.lines.len());
    let last = (layout.body_start < body_end).then(|| body_end - 1);
    footnotes_before(text, crate::outline::notes_limit(last))
}

/// [`extract_meta`] with the document's [`layout`] and its [`body_notes`]
/// found already (the pipeline finds them once, for the metadata and the
/// body's outline).
pub(crate) fn extract_meta_in(
    text: &SourceText,
    layout: &Layout,
    notes: &[Footnote],
    phase_years: &[i32],
) -> (DocumentMeta, Vec<Warning>) {
    let mut warnings = Vec::new();
    // The header block: the lines before the kind line; a letter's
    // place-date line may stand beside its subject lines. Without either,
    // the first lines up to the first that opens the body: a number or
    // date cited in the body is never the document's.
    let header_end = match (&layout.subject, &layout.kind) {
        (Some(r), _) => header_lines_end(text, r.end, r.end + 3),
        (None, Some((k, _))) => *k,
        (None, None) => header_lines_end(text, 0, 12),
    };
    let header = read_header(text, header_end, layout.subject.clone());
    let title = layout.title.as_ref().map(|(_, t)| t.clone());
    let captions = read_captions(text);
    let opening = read_opening(text, layout, notes);

    // Number and date: the header wins over the captions.
    let caption_number = captions.iter().find_map(|c| c.number.clone());
    let caption_date = captions.iter().find_map(|c| c.date.clone());
    let caption_issuer = captions.iter().find_map(|c| c.issuer.clone());
    // The lines of the caption each of those came from.
    let caption_lines =
        |has: fn(&Caption) -> bool| captions.iter().find(|c| has(c)).map(|c| c.lines);
    if let (Some(h), Some(c)) = (&header.number, &caption_number) {
        if fold(h) != fold(c) {
            warnings.push(warn(
                "meta_number_conflict",
                format!("header number {h} differs from appendix caption number {c}; header kept"),
                None,
            ));
        }
    }
    if let (Some(h), Some(c)) = (&header.date, &caption_date) {
        if h != c {
            warnings.push(warn(
                "meta_date_conflict",
                format!("header date {h} differs from appendix caption date {c}; header kept"),
                None,
            ));
        }
    }
    let number = header.number.clone().or(caption_number);
    let issued_on = header.date.clone().or(caption_date);
    let issuer = header
        .issuer
        .clone()
        .or(caption_issuer)
        .or(opening.issuer.clone());
    // The header's issuer has the locality its header gives (a parent
    // body's); any other, the one its name gives.
    let locality = match &header.issuer {
        Some(_) => header.locality.clone(),
        None => issuer.as_deref().and_then(locality_of),
    };

    // Where each was read: the header's line, else the caption's line
    // that holds it (the caption's lines when it wraps).
    let caption_line = |lines: Option<Lines>, value: Option<&str>| {
        let (a, b) = lines?;
        let all: Vec<usize> = (a..=b).collect();
        value
            .and_then(|v| lines_with(text, &all, v))
            .or(Some((a, b)))
    };
    let number_lines = match header.number_at {
        Some(at) => Some((at, at)),
        None => caption_line(caption_lines(|c| c.number.is_some()), number.as_deref()),
    };
    let date_lines = match header.date_at {
        Some(at) => Some((at, at)),
        // The year is what the date's lines surely print as it is.
        None => caption_line(
            caption_lines(|c| c.date.is_some()),
            issued_on.as_deref().map(|d| &d[..4.min(d.len())]),
        ),
    };
    let issuer_lines = match (&header.issuer, caption_lines(|c| c.issuer.is_some())) {
        (Some(_), _) => header.issuer_lines,
        (None, Some(lines)) => Some(lines),
        (None, None) => opening.issuer_lines,
    };
    let locality_lines = match &header.issuer {
        Some(_) => header.locality_lines,
        // Read from the issuer's name.
        None => issuer_lines,
    };

    let signed = layout
        .signature
        .and_then(|s| read_signer(text, s).map(|(signer, last)| (signer, (s, last))));
    let (signer, signer_lines) = match signed {
        Some((signer, lines)) => (Some(signer), Some(lines)),
        None => (None, None),
    };
    let period = find_period(title.as_deref(), opening.clause.as_deref(), phase_years);
    let title_lines = layout
        .title
        .as_ref()
        .map(|(r, _)| (r.start, r.end.max(r.start + 1) - 1));
    let period_lines = match period.as_ref().map(|(_, from)| *from) {
        Some(PeriodFrom::Title) => title_lines,
        Some(PeriodFrom::Clause) => opening.clause_lines,
        // The phases' years are read from the tables: the caller knows
        // where they are printed (`build_plan` says).
        Some(PeriodFrom::Phases) | None => None,
    };
    let period = period.map(|(p, _)| p);

    let doc_type = layout.kind.as_ref().map(|(_, k)| k.clone());
    let header_span = (header_end > 0).then(|| span_of(text, 0, header_end - 1));
    if doc_type.is_none() {
        warnings.push(warn(
            "meta_doc_type_missing",
            "no kind line (KẾ HOẠCH, NGHỊ QUYẾT …) found".into(),
            None,
        ));
    }
    if title.is_none() {
        warnings.push(warn(
            "meta_title_missing",
            "no title (trích yếu) under the kind line".into(),
            None,
        ));
    }
    if number.is_none() {
        warnings.push(warn(
            "meta_number_missing",
            "no document number in the header or the appendix captions (left blank?)".into(),
            header_span,
        ));
    }
    if issued_on.is_none() {
        warnings.push(warn(
            "meta_date_missing",
            "no complete date of issue in the header or the appendix captions".into(),
            header_span,
        ));
    }
    if issuer.is_none() {
        warnings.push(warn(
            "meta_issuer_missing",
            "no issuing body found".into(),
            header_span,
        ));
    }
    if signer.as_ref().is_none_or(|s| s.name.is_none()) {
        let span = layout.signature.map(|s| span_of(text, s, s));
        warnings.push(warn(
            "meta_signer_missing",
            "no signature block with a signer's name".into(),
            span,
        ));
    }

    let mut meta = DocumentMeta {
        doc_type,
        number,
        title,
        issuer,
        locality,
        issued_on,
        signer,
        period,
        legal_basis: opening.legal_basis,
        provenance: Default::default(),
    };
    let span = |lines: Option<Lines>| lines.map(|(a, b)| span_of(text, a, b));
    let has = |value: bool, lines: Option<Lines>| span(lines.filter(|_| value));
    meta.provenance = DocumentProvenance {
        doc_type: has(
            meta.doc_type.is_some(),
            layout.kind.as_ref().map(|(k, _)| (*k, *k)),
        ),
        number: has(meta.number.is_some(), number_lines),
        title: has(meta.title.is_some(), title_lines),
        issuer: has(meta.issuer.is_some(), issuer_lines),
        locality: has(meta.locality.is_some(), locality_lines),
        issued_on: has(meta.issued_on.is_some(), date_lines),
        signer: has(meta.signer.is_some(), signer_lines),
        period: has(meta.period.is_some(), period_lines),
    };
    (meta, warnings)
}

fn warn(code: &str, message: String, span: Option<Span>) -> Warning {
    Warning {
        code: code.to_string(),
        message,
        span,
    }
}

fn span_of(text: &SourceText, first: usize, last: usize) -> Span {
    let no = |i: usize| text.lines.get(i).map_or(i as u32 + 1, |l| l.no);
    Span::lines(no(first), no(last.max(first)))
}

/// The parts of a line printed side by side (header columns, a signature
/// next to the recipient list, Markdown table cells, `<br>` breaks), each
/// cleaned.
fn segments(raw: &str) -> Vec<String> {
    SEGMENT_SPLIT
        .split(raw)
        .map(cleaned)
        .filter(|s| !s.is_empty() && !is_rule(s))
        .map(Cow::into_owned)
        .collect()
}

/// Whether a string has letters and none of them lower case.
fn is_upper(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
}

/// Other fixed phrases compared on [`fold`] keys.
const OTHER_PHRASES: &[&str] = &[
    "Thực hiện",
    "Triển khai",
    "ban hành",
    "xây dựng",
    "của",
    " về ",
    " của ",
    "đến",
    "nhìn",
    "tháng",
    "ỦY VIÊN",
    "CHÁNH",
    "TRƯỞNG",
    "PHÓ",
    "đã ký",
    "ký tên",
];

/// The [`fold`] keys of the fixed phrases, folded once.
static PHRASE_KEYS: LazyLock<HashMap<&'static str, String>> = LazyLock::new(|| {
    DOC_KINDS
        .iter()
        .chain(POSITIONS)
        .chain(LEVELS)
        .chain(OTHER_PHRASES)
        .map(|p| (*p, fold(p)))
        .collect()
});

/// `fold(phrase)`, looked up for the fixed phrases.
fn key(phrase: &str) -> Cow<'_, str> {
    match PHRASE_KEYS.get(phrase) {
        Some(k) => Cow::Borrowed(k.as_str()),
        None => Cow::Owned(fold(phrase)),
    }
}

/// Whether `s` starts with `phrase` (compared on [`fold`] keys, word by word).
fn starts_with_phrase(s: &str, phrase: &str) -> bool {
    let k = phrase.split_whitespace().count();
    let head: Vec<&str> = s.split_whitespace().take(k).collect();
    head.len() == k && fold(&head.join(" ")) == key(phrase)
}

/// A list of fixed phrases with their word counts and [`fold`] keys,
/// computed once.
struct Phrases {
    /// Each phrase, its word count, its key and the key of its first word.
    phrases: Vec<(&'static str, usize, String, String)>,
    /// The most words a phrase has: [`Phrases::find`] looks at no word
    /// after these.
    max_words: usize,
}

impl Phrases {
    fn new(phrases: impl IntoIterator<Item = &'static str>) -> Phrases {
        let phrases: Vec<(&'static str, usize, String, String)> = phrases
            .into_iter()
            .map(|p| {
                let first = p.split_whitespace().next().unwrap_or("");
                (p, p.split_whitespace().count(), fold(p), fold(first))
            })
            .collect();
        let max_words = phrases.iter().map(|(_, k, _, _)| *k).max().unwrap_or(0);
        Phrases { phrases, max_words }
    }

    /// The first phrase that the words start with, compared as
    /// [`starts_with_phrase`] does (the first words joined with single
    /// spaces, folded), each head folded once.
    ///
    /// When the words are [`is_plain`], a phrase whose first word does not
    /// fold like the first word is passed over without folding more: `fold`
    /// then reads each word alone, and the phrases are plain words (no
    /// `-`, `/` or punctuation that would join two words or be trimmed), so
    /// a head can only fold to a phrase's key if its first word folds to
    /// the key's first word.
    fn find(&self, words: &[&str]) -> Option<&'static str> {
        let first = match words.first() {
            Some(w) if words.iter().take(self.max_words).all(|w| is_plain(w)) => Some(fold(w)),
            _ => None,
        };
        let mut heads: Vec<Option<String>> = Vec::new();
        self.phrases
            .iter()
            .find(|(_, k, key, first_key)| {
                let k = *k;
                if words.len() < k || first.as_ref().is_some_and(|f| k > 0 && f != first_key) {
                    return false;
                }
                if heads.len() <= k {
                    heads.resize(k + 1, None);
                }
                let head = heads[k].get_or_insert_with(|| fold(&words[..k].join(" ")));
                head == key
            })
            .map(|(p, _, _, _)| *p)
    }
}

static OPENER_PHRASES: LazyLock<Phrases> =
    LazyLock::new(|| Phrases::new(BODY_OPENERS.iter().copied()));
/// Every printed form of the issuing bodies, in the order of [`BODIES`].
static BODY_PHRASES: LazyLock<Phrases> =
    LazyLock::new(|| Phrases::new(BODIES.iter().flat_map(|(forms, _)| forms.iter().copied())));
static LEVEL_PHRASES: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(LEVELS.iter().copied()));
/// Every printed form of the bodies and the units a header names
/// ([`BODIES`], then [`UNITS`]).
static HEAD_PHRASES: LazyLock<Phrases> = LazyLock::new(|| {
    Phrases::new(
        BODIES
            .iter()
            .chain(UNITS)
            .flat_map(|(forms, _)| forms.iter().copied()),
    )
});
static COMMITTEE_PHRASES: LazyLock<Phrases> =
    LazyLock::new(|| Phrases::new(LEVEL_COMMITTEES.iter().map(|(c, _)| *c)));
static PLACE_PHRASES: LazyLock<Phrases> =
    LazyLock::new(|| Phrases::new(PLACE_NOUNS.iter().copied()));

/// The kind line among the first lines: an upper-case line that is one of
/// [`DOC_KINDS`]. Returns its index and its text as printed.
fn find_kind(text: &SourceText) -> Option<(usize, String)> {
    let mut seen = 0;
    for (i, l) in text.lines.iter().enumerate() {
        let s = cleaned(&l.text);
        if s.is_empty() {
            continue;
        }
        seen += 1;
        if seen > 40 {
            break;
        }
        if is_upper(&s) {
            let ks = fold(&s);
            if DOC_KINDS.iter().any(|k| key(k) == ks) {
                return Some((i, s.into_owned()));
            }
        }
    }
    None
}

/// Whether a title-continuation line rather opens the body.
fn opens_body(s: &str) -> bool {
    // The phrases are compared on the first words only.
    let most = OPENER_PHRASES.max_words.max(BODY_PHRASES.max_words);
    let words: Vec<&str> = s.split_whitespace().take(most).collect();
    if OPENER_PHRASES.find(&words).is_some() {
        return true;
    }
    // Both tests must hold; the cheap one goes first.
    starts_with_body(&words) && {
        let k = fold(s);
        k.contains(&*key("ban hành")) || k.contains(&*key("xây dựng"))
    }
}

/// Whether the words start with an issuing body's name ([`BODIES`]).
fn starts_with_body(words: &[&str]) -> bool {
    BODY_PHRASES.find(words).is_some()
}

/// The title: the lines right under the kind line, up to the first line
/// that opens the body. A run of two blank lines ends it; so does one blank
/// line after a line that does not look wrapped (a whole paragraph, or one
/// ending a sentence), which is the DOCX shape; so does a capitalised line
/// that ends a sentence (a title has no final period).
fn find_title(text: &SourceText, kind: usize) -> Option<(std::ops::Range<usize>, String)> {
    let lines = &text.lines;
    let mut parts: Vec<String> = Vec::new();
    let (mut first, mut last) = (None, 0);
    let mut blanks = 0;
    for (i, l) in lines.iter().enumerate().skip(kind + 1) {
        let s = cleaned(&l.text);
        if s.is_empty() || is_rule(&s) {
            blanks += 1;
            if blanks >= 2 && !parts.is_empty() || blanks > 4 {
                break;
            }
            continue;
        }
        let stop = heading(&s).is_some()
            || is_recipients(&s)
            || s.starts_with(['-', '+', '•'])
            || is_delegation(&s)
            || is_appendix_caption(&s)
            || is_table_header(&s);
        if stop {
            break;
        }
        if let Some(prev) = parts.last() {
            let prev_wrapped = prev.chars().count() <= 100 && !prev.ends_with(['.', ':', ';']);
            // A title has no final period: a capitalised line that ends a
            // sentence is the body's first, set right under the title.
            let sentence = s.ends_with('.') && s.chars().next().is_some_and(char::is_uppercase);
            if opens_body(&s) || (blanks >= 1 && !prev_wrapped) || parts.len() >= 6 || sentence {
                break;
            }
        } else if opens_body(&s)
            && !starts_with_phrase(&s, "Thực hiện")
            && !starts_with_phrase(&s, "Triển khai")
        {
            // `Căn cứ …` right under the kind: there is no title.
            break;
        }
        first.get_or_insert(i);
        last = i;
        parts.push(s.into_owned());
        blanks = 0;
    }
    let first = first?;
    Some((
        first..last + 1,
        join_wrapped(parts.iter().map(String::as_str)),
    ))
}

/// What the header block gives.
#[derive(Default)]
struct Header {
    number: Option<String>,
    date: Option<String>,
    issuer: Option<String>,
    /// The issuer's locality (see [`compose_issuer`]).
    locality: Option<Locality>,
    /// The line the number was read from.
    number_at: Option<usize>,
    /// The line the date was read from.
    date_at: Option<usize>,
    /// The lines the issuer was composed from (first, last).
    issuer_lines: Option<Lines>,
    /// The lines the locality was read from (first, last).
    locality_lines: Option<Lines>,
}

/// Reads the header block (the lines before the kind line): `Số: …`, the
/// place-date line and the issuing body.
fn read_header(text: &SourceText, end: usize, subject: Option<Range<usize>>) -> Header {
    let mut h = Header::default();
    let mut segs: Vec<String> = Vec::new();
    // The line each segment of `segs` is on.
    let mut seg_lines: Vec<usize> = Vec::new();
    // The first `Số:` line and the first place-date line are the
    // document's, blanks and all: a blank one is not filled from a line
    // further down.
    let (mut number_seen, mut date_seen) = (false, false);
    for (i, l) in text.lines.iter().enumerate().take(end) {
        let mut line = segments(&l.text);
        if subject.as_ref().is_some_and(|r| r.contains(&i)) && !line.is_empty() {
            // The subject itself (`V/v …`) may cite a number and a date.
            line.remove(0);
        }
        // The date is looked for on the line's segments joined again: a
        // value typed into a blank leaves a wide gap (`ngày 20 tháng 5
        // ␣␣␣␣␣ năm 2025`) that splits segments.
        if !date_seen {
            let joined = line.join(" ");
            if let Some(c) = DATE_RE
                .for_haystack(&joined)
                .and_then(|re| re.captures(&joined))
            {
                date_seen = true;
                h.date = date_of(&c);
                h.date_at = h.date.is_some().then_some(i);
            }
        }
        segs.extend(line.into_iter().filter_map(|s| drop_motto(&s)));
        seg_lines.resize(segs.len(), i);
    }
    for (s, &at) in segs.iter().zip(&seg_lines) {
        if !number_seen && NUMBER_LINE.is_match(s) {
            number_seen = true;
            h.number = number_at_start(&s[NUMBER_LINE.find(s).map_or(0, |m| m.end())..]);
            h.number_at = h.number.is_some().then_some(at);
        }
    }
    // The issuing body: the last upper-case line that names a body or a
    // unit, under the one above it (see `compose_issuer`).
    // A chain of them (`UBND TỈNH` over `SỞ Y TẾ` over `TRUNG TÂM …`) is
    // composed from the top.
    let mut issuer: Option<(String, Option<Locality>)> = None;
    // The lines of the issuer so far and of its locality (see
    // `composed_lines`).
    let mut lines: Option<(Lines, Option<Lines>)> = None;
    for (body, segs_of) in header_bodies(&segs) {
        let own = (seg_lines[segs_of.start], seg_lines[segs_of.end - 1]);
        let lower = normalise_issuer(&body);
        let composed = compose_issuer(lower.clone(), issuer);
        lines = Some(composed_lines(&lower, &composed, own, lines));
        issuer = Some(composed);
    }
    if let Some((name, locality)) = issuer {
        h.issuer = Some(name);
        h.locality = locality;
        if let Some((of_issuer, of_locality)) = lines {
            h.issuer_lines = Some(of_issuer);
            h.locality_lines = h.locality.as_ref().and(of_locality);
        }
    }
    h
}

/// Lines of the source, first and last, as indices into
/// `SourceText::lines` (a [`Span`] once numbered by [`span_of`]).
type Lines = (usize, usize);

/// The lines (first, last) of an issuer that [`compose_issuer`] composed
/// from `lower`, printed on lines `own`, and the body above it, whose
/// lines and locality's lines are `parent`; and the lines of the
/// composed issuer's locality. The issuer is read from `lower`'s lines
/// alone when it is `lower` as printed, else from the parent's lines
/// through `lower`'s; its locality from the issuer's lines when its
/// name gives it, else from the parent's locality's lines.
fn composed_lines(
    lower: &str,
    (issuer, locality): &(String, Option<Locality>),
    own: Lines,
    parent: Option<(Lines, Option<Lines>)>,
) -> (Lines, Option<Lines>) {
    let of_issuer = match parent {
        Some((p, _)) if issuer != lower => (p.0.min(own.0), p.1.max(own.1)),
        _ => own,
    };
    let of_locality = if locality.is_none() {
        None
    } else if locality_of(issuer).is_some() {
        Some(of_issuer)
    } else {
        parent.and_then(|(_, l)| l)
    };
    (of_issuer, of_locality)
}

/// The bodies a header prints, top to bottom: each upper-case segment
/// that starts with a body's or a unit's name ([`HEAD_PHRASES`]), with
/// the segments under it that continue it: the level line under a body
/// printed without one (`ỦY BAN NHÂN DÂN` + `XÃ KIẾN THỤY`), and a name
/// wrapped after `VÀ`, a comma or a dash (`SỞ NÔNG NGHIỆP VÀ` + `MÔI
/// TRƯỜNG`), or the body a Party group printed bare is in (`BAN CÁN SỰ
/// ĐẢNG` + `ỦY BAN NHÂN DÂN TỈNH`, see [`GROUPS`]).
fn header_bodies(segs: &[String]) -> Vec<(String, Range<usize>)> {
    let starts_head = |s: &str| {
        let words: Vec<&str> = s.split_whitespace().collect();
        HEAD_PHRASES.find(&words).is_some()
    };
    let header_line = |s: &str| is_upper(s) && !NUMBER_LINE.is_match(s);
    let mut out = Vec::new();
    let mut i = 0;
    while i < segs.len() {
        let s = &segs[i];
        i += 1;
        if !header_line(s) || !starts_head(s) {
            continue;
        }
        let first = i - 1;
        let mut name = s.clone();
        while let Some(next) = segs.get(i) {
            let group = GROUPS.iter().any(|g| fold(g) == fold(&name));
            if !header_line(next) || starts_head(next) && !group {
                break;
            }
            let ks = fold(&name);
            let has_level = LEVELS.iter().any(|lv| ks.split(' ').any(|w| w == key(lv)));
            let level_line = !has_level && LEVELS.iter().any(|lv| starts_with_phrase(next, lv));
            let wrapped = group
                || name
                    .split_whitespace()
                    .next_back()
                    .is_some_and(is_part_separator);
            if !(level_line || wrapped) {
                break;
            }
            name = format!("{name} {next}");
            i += 1;
        }
        out.push((name, first..i));
    }
    out
}

/// Where the header block ends when there is no kind line (the first 12
/// lines), or after a letter's subject (the 3 lines under it, which may
/// hold its place-date line): at the first line of `from..to` that opens
/// the body (`Căn cứ …`, `Thực hiện …`, `Kính gửi …`, a heading).
fn header_lines_end(text: &SourceText, from: usize, to: usize) -> usize {
    let n = text.lines.len().min(to);
    (from..n)
        .find(|&i| {
            let s = cleaned(&text.lines[i].text);
            !s.is_empty() && (opens_body(&s) || heading(&s).is_some())
        })
        .unwrap_or(n)
}

/// Drops the national motto from a header segment (`CỘNG HÒA XÃ HỘI CHỦ
/// NGHĨA VIỆT NAM`, `Độc lập - Tự do - Hạnh phúc`, `ĐẢNG CỘNG SẢN VIỆT
/// NAM`), keeping what precedes it on the same segment.
fn drop_motto(s: &str) -> Option<String> {
    let base: String = strip_marks(s).to_lowercase();
    let chars: Vec<char> = s.chars().collect();
    let based: Vec<char> = base.chars().collect();
    let mut cut = chars.len();
    for motto in [
        "cong hoa xa hoi chu nghia",
        "doc lap",
        "dang cong san viet nam",
    ] {
        if let Some(pos) = base.find(motto) {
            // strip_marks keeps one character per character, so the char
            // index carries over to the original.
            let at = base[..pos].chars().count();
            if based.len() == chars.len() {
                cut = cut.min(at);
            } else {
                cut = 0;
            }
        }
    }
    let kept = clean(&chars[..cut].iter().collect::<String>());
    (!kept.is_empty()).then_some(kept)
}

/// The number that [`NUM_AT_START`] reads at the start of `s`, normalised.
/// The group is found as [`number_start`] says, or by the pattern itself
/// when it cannot tell.
fn number_at_start(s: &str) -> Option<String> {
    let re = NUM_AT_START.for_haystack(s)?;
    let m = re.find(s)?;
    let number = match number_start(m.as_str()) {
        Some(at) => &m.as_str()[at..],
        None => re.captures(s)?.get(1)?.as_str(),
    };
    Some(normalise_number(number))
}

/// Where a number ([`NUM`]) starts in `s`, the end of a match that ends
/// with the number and has before it only spaces, `:` and letters (`số`,
/// a document kind): at the first character that is none of those, as
/// the number opens with a digit and nothing before it may be one. `None`
/// when that character is no ASCII digit (a digit of another script,
/// which the caller leaves to the pattern).
fn number_start(s: &str) -> Option<usize> {
    let (at, first) = s
        .char_indices()
        .find(|&(_, c)| !(c.is_whitespace() || c == ':' || c.is_alphabetic()))?;
    first.is_ascii_digit().then_some(at)
}

/// Parses the captures of [`DATE`] into an ISO date; `None` when the day
/// is blank or the date impossible.
fn date_of(c: &kehoach_rules::lean::Captures) -> Option<String> {
    let get = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    let (d, m, y) = if c.get(3).is_some() {
        (get(1), get(2), get(3))
    } else {
        (get(4), get(5), get(6))
    };
    iso_date(y?, m?, d?)
}

fn iso_date(y: u32, m: u32, d: u32) -> Option<String> {
    let leap = match (y % 4, y % 100, y % 400) {
        (_, _, 0) => true,
        (_, 0, _) => false,
        (0, _, _) => true,
        _ => false,
    };
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    ((1900..=2200).contains(&y) && (1..=days).contains(&d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// A number as printed without the spaces around its separators
/// (`57 - NQ/TW` → `57-NQ/TW`) and without trailing punctuation.
fn normalise_number(s: &str) -> String {
    let joined: String = s.split_whitespace().collect();
    joined
        .trim_end_matches(['.', '-', '–', ',', '&'])
        .to_string()
}

/// Title-cases an all-caps name (`KIẾN THỤY` → `Kiến Thụy`); other text is
/// kept as printed.
fn name_case(s: &str) -> String {
    if !is_upper(s) {
        return s.to_string();
    }
    s.split_whitespace()
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(f) => f
                    .to_uppercase()
                    .chain(cs.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// The full form of an issuing body as printed in a header, caption or
/// sentence: the body's or unit's full name (`UBND` → `Ủy ban nhân dân`),
/// then what follows it as [`name_tail`] writes it (`XÃ KIẾN THỤY` → `xã
/// Kiến Thụy`, `Y TẾ` → `Y tế`).
fn normalise_issuer(s: &str) -> String {
    let s = without_abbreviations(s.trim());
    let words: Vec<&str> = s.split_whitespace().collect();
    match HEAD_PHRASES.find(&words) {
        Some(f) => {
            let full = BODIES
                .iter()
                .chain(UNITS)
                .find(|(forms, _)| forms.contains(&f))
                .map_or(f, |(_, full)| *full);
            let committee = COMMITTEE_PHRASES.find(&words).is_some();
            let rest = &words[f.split_whitespace().count()..];
            clean(&format!("{full} {}", name_tail(rest, committee)))
        }
        None if is_upper(&s) => {
            let lower = s.to_lowercase();
            let mut cs = lower.chars();
            cs.next()
                .map(|f| f.to_uppercase().chain(cs).collect())
                .unwrap_or_default()
        }
        None => s.to_string(),
    }
}

/// What follows a body's or unit's word, written as running text writes
/// it: a level or a place noun in lower case and the place's name
/// title-cased when printed in capitals (`XÃ KIẾN THỤY` → `xã Kiến
/// Thụy`); after a committee named after its level (`committee`), the
/// place's name (`LÂM ĐỒNG` → `Lâm Đồng`); otherwise a field in capitals
/// as [`field_case`] writes it, up to a level or a body's name inside it,
/// which are written as above (`TUYÊN GIÁO TỈNH ỦY` → `Tuyên giáo Tỉnh
/// ủy`). Text not in capitals is kept as printed.
fn name_tail(rest: &[&str], committee: bool) -> String {
    let text = rest.join(" ");
    if let Some(lv) = LEVEL_PHRASES
        .find(rest)
        .or_else(|| PLACE_PHRASES.find(rest))
    {
        let name = name_case(&rest[lv.split_whitespace().count()..].join(" "));
        return clean(&format!("{lv} {name}"));
    }
    if !is_upper(&text) {
        return text;
    }
    if committee {
        return name_case(&text);
    }
    for j in 0..rest.len() {
        if j > 0 && is_part_separator(rest[j - 1]) {
            continue;
        }
        let tail = &rest[j..];
        if BODY_PHRASES.find(tail).is_some() {
            let body = normalise_issuer(&tail.join(" "));
            return clean(&format!("{} {body}", field_case(&rest[..j])));
        }
        if j > 0 && is_level_at(rest, j) {
            let place = name_tail(tail, false);
            return clean(&format!("{} {place}", field_case(&rest[..j])));
        }
    }
    field_case(rest)
}

/// Whether a level word starts `words[at..]` as a level (`HUYỆN` in `Y TẾ
/// HUYỆN X`), not as the first word of a field's part (`XÃ` in `VĂN HÓA -
/// XÃ HỘI`, which [`is_part_separator`] tells, or `XÃ HỘI` anywhere).
fn is_level_at(words: &[&str], at: usize) -> bool {
    let Some(lv) = LEVEL_PHRASES.find(&words[at..]) else {
        return false;
    };
    let next = words.get(at + lv.split_whitespace().count());
    !(lv == "xã" && next.is_some_and(|w| fold(w) == fold("hội")))
}

/// Whether a word ends a part of a field's name: `và`, a word ending with
/// a comma, a dash (`Lao động - Thương binh và Xã hội`).
fn is_part_separator(w: &str) -> bool {
    fold(w) == fold("và") || w.ends_with([',', '-', '–', '—'])
}

/// A field's name printed in capitals (`KHOA HỌC VÀ CÔNG NGHỆ`, `VĂN HÓA
/// - XÃ HỘI`) as running text writes it: each part (split at `và`,
/// commas and dashes) with its first word capitalised and the others in
/// lower case (`Khoa học và Công nghệ`, `Văn hóa - Xã hội`). A word
/// without a vowel is an abbreviation and keeps its capitals (`TNCS`,
/// `THPT`); so does a Roman numeral at the end (`KHU VỰC II`).
fn field_case(words: &[&str]) -> String {
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut capital = true;
    for (i, w) in words.iter().enumerate() {
        let lower = w.to_lowercase();
        let unmarked = strip_marks(&lower);
        let abbreviation =
            !unmarked.chars().any(|c| "aeiouy".contains(c)) && w.chars().any(char::is_alphabetic);
        let numeral =
            i + 1 == words.len() && i > 0 && w.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'));
        let word = if abbreviation || numeral || w.chars().any(|c| c.is_ascii_digit()) {
            (*w).to_string()
        } else if fold(w) == fold("và") {
            lower
        } else if capital {
            let mut cs = lower.chars();
            cs.next()
                .map(|f| f.to_uppercase().chain(cs).collect())
                .unwrap_or_default()
        } else {
            lower
        };
        capital = is_part_separator(w) || w.chars().all(|c| matches!(c, '-' | '–' | '—'));
        out.push(word);
    }
    out.join(" ")
}

/// The place of a (normalised) issuer: the level and the name after it,
/// any level (`huyện` too), the name possibly empty (`Ủy ban nhân dân
/// tỉnh`). A committee named after its level gives that level
/// (`Tỉnh ủy Lâm Đồng` → `tỉnh`, `Lâm Đồng`).
fn place_of(issuer: &str) -> Option<(&'static str, String)> {
    let words: Vec<&str> = issuer.split_whitespace().collect();
    for i in 0..words.len() {
        // The words from `i` on, as `starts_with_phrase` would split them
        // out of `words[i..].join(" ")`.
        let (level, len) = if let Some(c) = COMMITTEE_PHRASES.find(&words[i..]) {
            let level = LEVEL_COMMITTEES
                .iter()
                .find(|(committee, _)| *committee == c)
                .map_or("", |(_, level)| *level);
            (level, c.split_whitespace().count())
        } else if i > 0 && is_part_separator(words[i - 1]) || !is_level_at(&words, i) {
            continue;
        } else if let Some(lv) = LEVEL_PHRASES.find(&words[i..]) {
            (lv, lv.split_whitespace().count())
        } else {
            continue;
        };
        let name = words[i + len..].join(" ");
        let name = name
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_string();
        return Some((level, name));
    }
    None
}

/// The locality of a (normalised) issuer: the level word and the name
/// after it, when the level is one of the contract's.
fn locality_of(issuer: &str) -> Option<Locality> {
    let (level, name) = place_of(issuer)?;
    (!name.is_empty() && LOCALITY_LEVELS.contains(&level)).then(|| Locality {
        level: level.to_string(),
        name,
    })
}

/// The issuer a header names with `lower`, the last body it prints, under
/// `parent`, the body printed above it (both normalised), and its
/// locality. The lower body is the issuer; what it leaves out comes from
/// the parent: the place's name after a committee named after the
/// parent's level (`Tỉnh ủy` under `Đảng bộ tỉnh Lâm Đồng`) or after a bare
/// level of the parent's (`Ban cán sự đảng Ủy ban nhân dân tỉnh`), the
/// parent's whole name after a committee's organ (`Ban Thường vụ` under
/// `Tỉnh ủy Lâm Đồng`), the parent's level and place after a unit (`Sở Y
/// tế` under `Ủy ban nhân dân thành phố Hà Nội`). A body under a parent
/// with no place stays as printed (`Đảng đoàn Quốc hội` under `Ban Chấp
/// hành Trung ương`). The locality is the issuer's, else the parent's (a
/// cell of a village under the commune's committee). `parent` comes with
/// its locality.
fn compose_issuer(
    lower: String,
    parent: Option<(String, Option<Locality>)>,
) -> (String, Option<Locality>) {
    let Some((parent, parent_locality)) = parent else {
        let locality = locality_of(&lower);
        return (lower, locality);
    };
    let own = place_of(&lower);
    let organ = ORGANS.iter().any(|o| fold(o) == fold(&lower));
    let issuer = match (&own, place_of(&parent)) {
        (Some((_, name)), _) if !name.is_empty() => lower,
        (Some((level, _)), Some((up, name))) if *level == up && !name.is_empty() => {
            format!("{lower} {name}")
        }
        _ if organ => format!("{lower} {parent}"),
        (None, Some((up, name))) if !name.is_empty() => format!("{lower} {up} {name}"),
        _ => lower,
    };
    let locality = locality_of(&issuer).or(parent_locality);
    (issuer, locality)
}

/// What an appendix caption gives.
#[derive(Debug, Default)]
struct Caption {
    number: Option<String>,
    date: Option<String>,
    issuer: Option<String>,
    /// The caption's lines (first, last).
    lines: Lines,
}

/// Reads the appendix captions `(Kèm theo Kế hoạch số 78/KH-UBND ngày
/// 29/9/2025 của Ủy ban nhân dân xã Kiến Thụy)`, `(Ban hành kèm theo …)`,
/// joining a caption wrapped over lines.
fn read_captions(text: &SourceText) -> Vec<Caption> {
    let lines = &text.lines;
    let mut out = Vec::new();
    for i in 0..lines.len() {
        // A caption says `kèm theo`, and the case-insensitive `è` of the
        // pattern matches only a precomposed `è` or `È` (UTF-8 C3 A8 and
        // C3 88; dropping `*` and `_` adds no letter): a line without
        // either is no caption, which spares nearly every line the copy
        // and the search.
        let has_e_grave = any_triple(lines[i].text.as_bytes(), |x, y, _| {
            (x == 0xC3) & ((y == 0xA8) | (y == 0x88))
        });
        if !has_e_grave {
            continue;
        }
        if !CAPTION_START.is_match(&lines[i].text.replace(['*', '_'], "")) {
            continue;
        }
        let s = cleaned(&lines[i].text);
        let Some(m) = CAPTION_START.find(&s) else {
            continue;
        };
        let mut t = s[m.end()..].to_string();
        let mut j = i + 1;
        while !t.contains(')') && j < lines.len() && j <= i + 6 {
            let next = cleaned(&lines[j].text);
            if !next.is_empty() {
                t = join_wrapped([t.as_str(), &next]);
            }
            j += 1;
        }
        let Some(k) = CAPTION_KIND.find(&t) else {
            continue;
        };
        let rest = &t[k.end()..];
        let rest = rest.split(')').next().unwrap_or(rest);
        let number = number_at_start(rest);
        let date_match = DATE_RE.for_haystack(rest).and_then(|re| re.captures(rest));
        let has_date = date_match.is_some();
        let date = date_match.and_then(|c| date_of(&c));
        let issuer = CAPTION_ISSUER
            .captures(rest)
            .map(|c| normalise_issuer(c[1].trim()));
        if number.is_some() || has_date || issuer.is_some() {
            out.push(Caption {
                number,
                date,
                issuer,
                lines: (i, j - 1),
            });
        }
    }
    out
}

/// What the opening of the body (before the first heading) gives.
#[derive(Default)]
struct Opening {
    /// The issuer named in the issuing clause.
    issuer: Option<String>,
    /// The lines of the issuer's name (first, last).
    issuer_lines: Option<Lines>,
    /// The issuing clause up to the end of its sentence.
    clause: Option<String>,
    /// The lines of the issuing clause (first, last).
    clause_lines: Option<Lines>,
    /// Documents cited as basis.
    legal_basis: Vec<LegalRef>,
}

/// Reads the opening paragraphs: the legal basis (`Căn cứ …`, `Thực hiện
/// …`) up to the issuing clause (`Ủy ban nhân dân xã … ban hành Kế hoạch`),
/// plus the footnotes those paragraphs point to. `notes` are the body's
/// footnotes ([`body_notes`]), which hold every one the opening can need:
/// it reads body lines only, and a footnote matters to it when it covers
/// one of them, or when its marker is on one (it then starts at most 250
/// lines after it).
fn read_opening(text: &SourceText, layout: &Layout, notes: &[Footnote]) -> Opening {
    let (parts, idx) = opening_lines(text, layout, notes);
    let joined = join_wrapped(parts.iter().map(String::as_str));
    let at = PartsAt::new(text, &parts, &idx, &joined);
    let clause = find_clause(&joined);
    let basis_text = match &clause {
        Some((start, _)) => &joined[..*start],
        None => joined.as_str(),
    };
    let mut refs: Vec<LegalRef> = parse_refs(basis_text)
        .into_iter()
        .map(|(mut r, range)| {
            r.span = at.lines(range, &r.number).map(|(a, b)| span_of(text, a, b));
            r
        })
        .collect();
    let marked: BTreeSet<u32> = marker_tokens(basis_text)
        .into_iter()
        .map(|(_, n)| n)
        .collect();
    if !marked.is_empty() {
        for note in notes {
            if marked.contains(&note.number) && idx.contains(&note.marker_line) {
                // A footnote's text is its lines joined: the citation is
                // looked for in them.
                let note_lines: Vec<usize> = (note.first..=note.last).collect();
                refs.extend(parse_refs(&note.text).into_iter().map(|(mut r, _)| {
                    r.span = lines_with(text, &note_lines, &r.number)
                        .or(Some((note.first, note.last)))
                        .map(|(a, b)| span_of(text, a, b));
                    r
                }));
            }
        }
    }
    let mut opening = Opening {
        legal_basis: dedupe(refs),
        ..Opening::default()
    };
    if let Some((start, subject_end)) = clause {
        let subject = &joined[start..subject_end];
        let issuer = normalise_issuer(subject);
        if locality_of(&issuer).is_some() {
            opening.issuer = Some(issuer);
            opening.issuer_lines = at.lines(start..subject_end, "");
        }
        let sentence = &joined[start..];
        let end = sentence.find([':', '.']).unwrap_or(sentence.len());
        opening.clause = Some(sentence[..end].to_string());
        opening.clause_lines = at.lines(start..start + end, "");
    }
    opening
}

/// Where the opening's text, its lines joined ([`join_wrapped`]), comes
/// from: the byte offset in the joined text at which each line starts, when
/// the lines join as `join_wrapped` joins them without cleaning anything
/// further (the lines are clean already, so they always do); else the
/// lines alone, searched for a value.
struct PartsAt<'a> {
    text: &'a SourceText,
    idx: &'a [usize],
    /// The offset of each part in the joined text; `None` when the joined
    /// text is not the parts as joined here.
    starts: Option<Vec<usize>>,
}

impl<'a> PartsAt<'a> {
    fn new(text: &'a SourceText, parts: &[String], idx: &'a [usize], joined: &str) -> Self {
        let mut out = String::with_capacity(joined.len());
        let mut starts = Vec::with_capacity(parts.len());
        for p in parts {
            let p = p.trim();
            if !out.is_empty() && !p.is_empty() {
                let mut tail = out.chars().rev();
                let glued =
                    tail.next() == Some('-') && tail.next().is_some_and(char::is_alphanumeric);
                if !glued {
                    out.push(' ');
                }
            }
            starts.push(out.len());
            out.push_str(p);
        }
        PartsAt {
            text,
            idx,
            starts: (out == joined && starts.len() == idx.len()).then_some(starts),
        }
    }

    /// The lines (first, last) of the joined text's bytes `range`; without
    /// offsets, the first line or two adjacent lines of the opening whose
    /// letters and digits hold `value`'s (`None` when none does, or for an
    /// empty `value`).
    fn lines(&self, range: Range<usize>, value: &str) -> Option<Lines> {
        let Some(starts) = &self.starts else {
            return lines_with(self.text, self.idx, value);
        };
        let part = |off: usize| starts.partition_point(|&s| s <= off).max(1) - 1;
        let first = *self.idx.get(part(range.start))?;
        let last = *self.idx.get(part(range.end.max(range.start + 1) - 1))?;
        Some((first, last.max(first)))
    }
}

/// The first of `candidates` (line indices, in order) whose letters and
/// digits, folded, hold `value`'s, or else the first two consecutive
/// candidates that do together (a value wrapped over two lines). `None`
/// for a value without letters or digits.
fn lines_with(text: &SourceText, candidates: &[usize], value: &str) -> Option<Lines> {
    let want = alnum_key(value);
    if want.is_empty() {
        return None;
    }
    let key_of = |i: usize| {
        text.lines
            .get(i)
            .map(|l| alnum_key(&l.text))
            .unwrap_or_default()
    };
    if let Some(&i) = candidates.iter().find(|&&i| key_of(i).contains(&want)) {
        return Some((i, i));
    }
    candidates.windows(2).find_map(|w| {
        let both = format!("{}{}", key_of(w[0]), key_of(w[1]));
        both.contains(&want).then_some((w[0], w[1]))
    })
}

/// The letters and digits of `s`, folded: what a value and the lines it
/// was read from have in common whatever the wrapping and punctuation.
fn alnum_key(s: &str) -> String {
    fold(s).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The opening's lines, cleaned, and their indices: the body's lines up to
/// the first heading, without footnotes, blank lines and page numbers, at
/// most 80.
fn opening_lines(
    text: &SourceText,
    layout: &Layout,
    notes: &[Footnote],
) -> (Vec<String>, Vec<usize>) {
    let lines = &text.lines;
    let in_note = |i: usize| notes.iter().any(|n| (n.first..=n.last).contains(&i));
    let mut parts: Vec<String> = Vec::new();
    let mut idx: Vec<usize> = Vec::new();
    let end = layout.body_end.min(lines.len());
    for (i, line) in lines.iter().enumerate().take(end).skip(layout.body_start) {
        if in_note(i) {
            continue;
        }
        let s = cleaned(&line.text);
        if s.is_empty() || s.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        if heading(&s).is_some() || parts.len() >= 80 {
            break;
        }
        parts.push(s.into_owned());
        idx.push(i);
    }
    (parts, idx)
}

/// Finds the issuing clause: its start and the end of its subject (the
/// body's name, before `ban hành`/`xây dựng`). A body named after `của` or
/// followed by `về` is a citation, not the issuer.
fn find_clause(text: &str) -> Option<(usize, usize)> {
    let mut pos = 0;
    while pos < text.len() {
        let (start, end) = issuing_clause_at(text, pos)?;
        let subject_end = ["ban hành", "xây dựng", "triển khai", "thống nhất ban hành"]
            .iter()
            .filter_map(|v| text[start..end].find(&format!(" {v}")))
            .min()
            .map_or(end, |e| start + e);
        let subject = fold(&text[start..subject_end]);
        let cited = ends_with_cua(&text[..start])
            || subject.contains(&*key(" về "))
            || subject.contains(&*key(" của "));
        if !cited {
            return Some((start, subject_end));
        }
        pos = start + text[start..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// The first issuing clause (`(?i)(?:{CLAUSE_BODIES})` and the rest, see
/// `clause_rest`) that
/// starts at or after `pos`, as `find_at` would give it: start and end.
/// Every match starts where one of the bodies does, and the pattern looks
/// at nothing before its start, so the first match is the first start of a
/// body from which the pattern, anchored there, matches; the anchored match
/// is the one the search would report from that start. This spares the
/// search for the whole pattern over the opening, whose bounded gap makes
/// its automaton large.
fn issuing_clause_at(text: &str, pos: usize) -> Option<(usize, usize)> {
    let mut from = pos;
    loop {
        let body = CLAUSE_BODY.find_at(text, from)?;
        let start = body.start();
        if let Some(end) = clause_rest_at(text, body.end()) {
            return Some((start, end));
        }
        from = start + text[start..].chars().next().map_or(1, char::len_utf8);
    }
}

/// Where the rest of a clause (`clause_rest`) anchored at `at` ends, if it
/// matches there. Its
/// gap is lazy, so the match is the verb's at the shortest gap where the
/// verb matches: the gaps are tried one character longer at a time, up to
/// [`CLAUSE_GAP`] characters and never past `;` `.` `:` `,`. (A bounded
/// gap of any character but four makes an automaton too large to search
/// with quickly.)
fn clause_rest_at(text: &str, at: usize) -> Option<usize> {
    let rest = &text[at..];
    let gaps =
        std::iter::once(0)
            .chain(rest.char_indices().map_while(|(i, c)| {
                (!matches!(c, ';' | '.' | ':' | ',')).then_some(i + c.len_utf8())
            }))
            .take(CLAUSE_GAP + 1);
    for gap in gaps {
        // The verb starts with whitespace.
        if !rest[gap..].starts_with(char::is_whitespace) {
            continue;
        }
        if let Some(m) = CLAUSE_VERB_AT.find(&rest[gap..]) {
            return Some(at + gap + m.end());
        }
    }
    None
}

/// Whether `fold(before).ends_with(fold("của"))`, where `before` is all
/// the text before a clause (see [`fold_ends_with`]).
fn ends_with_cua(before: &str) -> bool {
    fold_ends_with(before, &key("của"))
}

/// Reads every citation `Kind [số] NUMBER [ngày DATE] [của ISSUER]`, each
/// with the bytes of `text` from its kind to its number (without a span:
/// the caller knows the lines).
fn parse_refs(text: &str) -> Vec<(LegalRef, Range<usize>)> {
    let mut out = Vec::new();
    for c in citation_matches(text) {
        let (kind, num) = (&text[c.kind.clone()], &text[c.number.clone()]);
        let mut tail = &text[c.all.end..];
        let mut date = None;
        // Both patterns are anchored: spaces, an optional comma, spaces,
        // then `ngày` or `của` (whose first letters have no other case
        // forms than `n`/`N` and `c`/`C`). A tail that goes on otherwise
        // is not searched.
        if next_word_starts(tail, 'n') {
            if let Some(d) = DATE_AFTER
                .for_haystack(tail)
                .and_then(|re| re.captures(tail))
            {
                date = date_of(&d);
                tail = &tail[d.get(0).map_or(0, |m| m.end())..];
            }
        }
        let issuer = if next_word_starts(tail, 'c') {
            OF_RE.find(tail).and_then(|m| cut_issuer(&tail[m.end()..]))
        } else {
            None
        };
        out.push((
            LegalRef {
                kind: clean(kind),
                number: normalise_number(num),
                date,
                issuer,
                span: None,
            },
            c.all.clone(),
        ));
    }
    out
}

/// Where a citation's parts are: its whole match and its two groups, the
/// kind and the number.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Citation {
    all: Range<usize>,
    kind: Range<usize>,
    number: Range<usize>,
}

/// The matches of `\b` + [`REF_START`] in `text`, as `captures_iter` of
/// the whole pattern gives them. A match always starts with a letter (the
/// kinds do, and so do their case variants), so the `\b` before it holds
/// exactly when the character before is no word character. The leftmost
/// match at or after a position is then the leftmost match of
/// [`REF_START`] there that has such a start: one without is skipped by
/// searching again from its next character, and after a match the search
/// goes on from its end, as `captures_iter` does (a match is never empty).
fn citation_matches(text: &str) -> Vec<Citation> {
    let mut out = Vec::new();
    let mut pos = 0;
    let Some(ref_start) = REF_START.for_haystack(text) else {
        return out;
    };
    while let Some(all) = ref_start.find_at(text, pos) {
        let after_word = text[..all.start()]
            .chars()
            .next_back()
            .is_some_and(is_word_char);
        if after_word {
            pos = all.start() + text[all.start()..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        pos = all.end();
        match citation_groups(text, all.range()) {
            Some(c) => out.push(c),
            None => {
                // Not the shape `citation_groups` reads: the pattern's own
                // groups, found on the match alone (it is anchored there).
                let c = ref_start.captures_at(text, all.start());
                let group = |i: usize| c.as_ref().and_then(|c| c.get(i)).map(|m| m.range());
                if let (Some(kind), Some(number)) = (group(1), group(2)) {
                    out.push(Citation {
                        all: all.range(),
                        kind,
                        number,
                    });
                }
            }
        }
    }
    out
}

/// The groups of a match of [`REF_START`] at `all`, read without the
/// regex engine's capture search (which, for a pattern with this many
/// Unicode classes, costs far more than finding the match). The kind is
/// what [`REF_KIND_AT`] finds at the start: the first kind in the list
/// that starts the match, and the only one that can lead to a match (a
/// kind that starts a longer one is followed there by the longer one's
/// next word, never by `số` or a digit). The number comes after it as
/// [`number_start`] finds it. `None` when that cannot tell: the caller
/// asks the regex.
fn citation_groups(text: &str, all: Range<usize>) -> Option<Citation> {
    let matched = &text[all.clone()];
    let kind_len = REF_KIND_AT.find(matched)?.end();
    let at = number_start(&matched[kind_len..])?;
    let kind = all.start..all.start + kind_len;
    let number = kind.end + at..all.end;
    Some(Citation { all, kind, number })
}

/// Whether `c` is a word character as `\b` understands it (`\w`): among
/// ASCII characters, exactly the letters, digits and `_`.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_'
    } else {
        // The regex crate's own `\w`; a regex `^\w$` cost 2M instructions
        // to build at every start.
        regex_syntax::is_word_character(c)
    }
}

/// Where the first match of the issuer's end starts. The pattern without
/// its `\b`s matches wherever the whole one does (and maybe elsewhere), so
/// the first start of the whole pattern is the first start of the loose one
/// where the whole one, anchored there, matches too (it looks at nothing
/// before its start).
fn issuer_stop(rest: &str) -> Option<usize> {
    let mut pos = 0;
    while let Some(m) = ISSUER_STOP_LOOSE.find_at(rest, pos) {
        // Only the ends that start with a space (a word or a kind) have a
        // `\b`; a punctuation mark ends the issuer as it is.
        let needs_boundary = m.as_str().starts_with(char::is_whitespace);
        if !needs_boundary || ISSUER_STOP_AT.is_match(phrase_reach(&rest[m.start()..])) {
            return Some(m.start());
        }
        pos = m.start() + rest[m.start()..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// The start of `s` that decides whether an issuer's end that opens with
/// a space (`\s` and a phrase of [`issuer_stop_pattern`], then `\b`)
/// matches at its start: up to the end of the fourth word after the first
/// character. No phrase has more than four words, and the spaces inside
/// one are single (`năm\s+\d{4}` is two words however spaced), so a match
/// ends within those words; cut at a word's end, where the text goes on
/// with a space or ends, the `\b` there reads the same. The anchored
/// pattern's `\b` keeps the regex engine off its fast automaton on
/// Vietnamese text, and its slow path costs as much as the text it is
/// given, which here would be the rest of the opening.
fn phrase_reach(s: &str) -> &str {
    let mut words = 0;
    let mut in_word = false;
    for (i, c) in s.char_indices().skip(1) {
        if c.is_whitespace() {
            if in_word {
                words += 1;
                if words == 4 {
                    return &s[..i];
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    s
}

/// `s` without the abbreviations in brackets ([`PAREN_ABBR`]), which need
/// a `(`: text without one is not searched.
fn without_abbreviations(s: &str) -> Cow<'_, str> {
    if let Some(re) = s
        .contains('(')
        .then(|| PAREN_ABBR.for_haystack(s))
        .flatten()
    {
        re.replace_all(s, "")
    } else {
        Cow::Borrowed(s)
    }
}

/// Whether the first letter after leading whitespace, an optional comma and
/// more whitespace is `letter` in either case (lower-case ASCII `letter`).
fn next_word_starts(tail: &str, letter: char) -> bool {
    let t = tail.trim_start();
    let t = t.strip_prefix(',').unwrap_or(t).trim_start();
    t.starts_with([letter, letter.to_ascii_uppercase()])
}

/// The issuing body after `của`, up to the words that end it (`về`, `thực
/// hiện`, `;`, `,`, `(`, a document kind …), as printed.
fn cut_issuer(rest: &str) -> Option<String> {
    // `rest` runs to the end of the opening. The first `;`, `,`, `:` or
    // quote in it ends the issuer whatever comes after (each is an issuer
    // end by itself, and neither PAREN_ABBR nor any other end can contain
    // one), so the text past it need not be copied and searched for every
    // citation.
    let stop = rest
        .char_indices()
        .find(|(_, c)| matches!(c, ';' | ',' | ':' | '“' | '”' | '"'));
    let rest = match stop {
        Some((at, c)) => &rest[..at + c.len_utf8()],
        None => rest,
    };
    let rest = without_abbreviations(rest);
    let end = issuer_stop(&rest).unwrap_or(rest.len());
    let mut s = clean(&rest[..end]);
    loop {
        let trimmed = ["và", "các", "của"].iter().find_map(|w| {
            s.strip_suffix(w)
                .filter(|r| r.ends_with(' '))
                .map(|r| r.trim_end().to_string())
        });
        match trimmed {
            Some(t) => s = t,
            None => break,
        }
    }
    (!s.is_empty() && s.chars().next().is_some_and(char::is_uppercase)).then_some(s)
}

/// Deduplicates citations by number: the first mention wins; a later one
/// fills a missing date or issuer.
fn dedupe(refs: Vec<LegalRef>) -> Vec<LegalRef> {
    let mut out: Vec<LegalRef> = Vec::new();
    // The fold keys of the numbers in `out`, each folded once.
    let mut keys: Vec<String> = Vec::new();
    for r in refs {
        let k = fold(&r.number);
        match keys.iter().position(|o| *o == k).map(|i| &mut out[i]) {
            Some(o) => {
                if o.date.is_none() {
                    o.date = r.date;
                }
                if o.issuer.is_none() {
                    o.issuer = r.issuer;
                }
            }
            None => {
                out.push(r);
                keys.push(k);
            }
        }
    }
    out
}

/// The period: a span stated in the title or the issuing clause (`giai
/// đoạn 2025 - 2030, tầm nhìn đến năm 2045`); else the span of the table
/// milestones when they cover several years; else the one year the title
/// names (`… năm 2026 …`). Also says which it was read from.
fn find_period(
    title: Option<&str>,
    clause: Option<&str>,
    phase_years: &[i32],
) -> Option<(Period, PeriodFrom)> {
    let from_title = [(title, PeriodFrom::Title), (clause, PeriodFrom::Clause)];
    for (src, read_from) in from_title {
        let Some(src) = src else { continue };
        if let Some(c) = PERIOD_SPAN
            .for_haystack(src)
            .and_then(|re| re.captures(src))
        {
            let from: i32 = c[1].parse().ok()?;
            let to: i32 = c[2].parse().ok()?;
            if from <= to {
                let after = &src[c.get(0).map_or(0, |m| m.end())..];
                let vision = PERIOD_VISION
                    .for_haystack(after)
                    .and_then(|re| re.captures(after))
                    .and_then(|v| v[1].parse().ok());
                return Some((Period { from, to, vision }, read_from));
            }
        }
    }
    let years: BTreeSet<i32> = phase_years.iter().copied().collect();
    if let (Some(&from), Some(&to)) = (years.first(), years.last()) {
        if from < to {
            let period = Period {
                from,
                to,
                vision: None,
            };
            return Some((period, PeriodFrom::Phases));
        }
    }
    let title = title?;
    let mut named = BTreeSet::new();
    let single_year = SINGLE_YEAR.for_haystack(title);
    for c in single_year
        .into_iter()
        .flat_map(|re| re.captures_iter(title))
    {
        let Some(m) = c.get(0) else { continue };
        let before = fold(&title[..m.start()]);
        // `ngày 29 tháng 01 năm 2026` is a date; `đến năm`, `tầm nhìn` a horizon.
        let words: Vec<&str> = before.split_whitespace().rev().take(2).collect();
        let horizon = words
            .first()
            .is_some_and(|w| *w == key("đến") || *w == key("nhìn"));
        let date = words.get(1).is_some_and(|w| *w == key("tháng"));
        if !horizon && !date {
            if let Ok(y) = c[1].parse::<i32>() {
                named.insert(y);
            }
        }
    }
    (named.len() == 1).then(|| {
        let y = *named.first().unwrap_or(&0);
        let period = Period {
            from: y,
            to: y,
            vision: None,
        };
        (period, PeriodFrom::Title)
    })
}

/// What [`find_period`] read the period from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PeriodFrom {
    /// The title.
    Title,
    /// The issuing clause.
    Clause,
    /// The years of the tables' phases.
    Phases,
}

/// Whether a segment is a delegation line (`TM. ỦY BAN NHÂN DÂN`, `KT. CHỦ TỊCH`).
fn is_delegation(s: &str) -> bool {
    DELEGATIONS
        .iter()
        .any(|p| s.starts_with(p) && s.len() > p.len())
        && is_upper(s)
}

/// Whether a segment is a position line that can open a signature block.
fn is_position(s: &str) -> bool {
    is_upper(s) && {
        let ks = fold(s);
        POSITIONS.iter().any(|p| key(p) == ks)
    }
}

/// Whether a line is an appendix caption (`PHỤ LỤC 1: …`, `Phụ lục I`).
pub(crate) fn is_appendix_caption(s: &str) -> bool {
    // The pattern is anchored and case-sensitive: a line that opens with
    // neither spelling is no caption. Its `\b` would send the search to
    // the regex engine's slow path on every Vietnamese line.
    (s.starts_with("PHỤ LỤC") || s.starts_with("Phụ lục")) && APPENDIX_CAPTION.is_match(s)
}

/// Whether a line is a table's header row (`TT Chỉ tiêu …`, `STT …`).
pub(crate) fn is_table_header(s: &str) -> bool {
    let s = s.trim_start_matches(['|', ' ']);
    // The pattern is anchored: `TT` or `STT` opens every header.
    (s.starts_with("TT") || s.starts_with("STT")) && TABLE_HEADER.is_match(s)
}

/// Whether `raw` contains one of [`DELEGATIONS`], in one scan of the line
/// rather than one search per prefix: `TUQ.` and `UQ.` contain `Q.`, so the
/// prefixes come down to `Q.`, `TM.`, `KT.`, `TL.` and `T/M`.
fn has_delegation(raw: &str) -> bool {
    any_triple(raw.as_bytes(), |x, y, z| {
        ((x == b'Q') & (y == b'.'))
            | ((z == b'.')
                & (((x == b'T') & (y == b'M'))
                    | ((x == b'K') & (y == b'T'))
                    | ((x == b'T') & (y == b'L'))))
            | ((x == b'T') & (y == b'/') & (z == b'M'))
    })
}

/// Segments of a line that may belong to a signature block: without the
/// recipient list printed beside it.
fn signature_segments(raw: &str) -> Vec<String> {
    segments(raw)
        .into_iter()
        .filter(|s| !s.starts_with(['-', '+', '•']) && !is_recipients(s) && !s.starts_with('('))
        .collect()
}

/// The first line of the signature block is the first delegation line
/// after the title (this tells such a line); without one, it is a position
/// line after the recipient list ([`find_position_line`]).
fn is_delegation_line(raw: &str) -> bool {
    has_delegation(raw) && signature_segments(raw).iter().any(|s| is_delegation(s))
}

/// The first position line within 60 lines from the recipient list.
fn find_position_line(text: &SourceText, recipients: Option<usize>) -> Option<usize> {
    let lines = &text.lines;
    let r = recipients?;
    (r..lines.len().min(r + 60)).find(|&i| {
        signature_segments(&lines[i].text)
            .iter()
            .any(|s| is_position(s))
    })
}

/// Reads the signature block that starts at line `start`; also gives the
/// block's last line (the name's, else the last delegation or title line).
fn read_signer(text: &SourceText, start: usize) -> Option<(Signer, usize)> {
    let lines = &text.lines;
    let mut delegations: Vec<String> = Vec::new();
    let mut titles: Vec<String> = Vec::new();
    let mut name = None;
    let mut last = start;
    for (i, l) in lines.iter().enumerate().skip(start).take(60) {
        let segs = signature_segments(&l.text);
        // A page break inside the block (the name on the next page, beside
        // the rest of the recipient list) leaves the page number between.
        if segs.iter().all(|s| is_page_number(s)) {
            continue;
        }
        let Some(s) = segs.iter().rev().find(|s| is_delegation(s)).or(segs.last()) else {
            continue;
        };
        if is_delegation(s) && titles.is_empty() {
            delegations.push(s.clone());
            last = i;
            continue;
        }
        if is_upper(s) && titles.len() < 3 && looks_like_title(s) {
            titles.push(s.clone());
            last = i;
            continue;
        }
        if is_signature_note(s) {
            continue;
        }
        if looks_like_name(s) {
            name = Some(s.clone());
            last = i;
        }
        break;
    }
    if delegations.is_empty() && titles.is_empty() {
        return None;
    }
    // A name printed in capitals was read as a title line: take it back.
    if name.is_none()
        && titles.len() >= 2
        && titles
            .last()
            .is_some_and(|t| !names_office(t) && looks_like_name(t))
    {
        name = titles.pop();
    }
    let on_behalf = (!delegations.is_empty()).then(|| delegations.join(" "));
    let signer = Signer {
        name,
        position: titles.last().cloned(),
        on_behalf,
    };
    Some((signer, last))
}

/// Whether an upper-case line names an office (`PHÓ CHỦ TỊCH`) rather
/// than a person.
fn names_office(s: &str) -> bool {
    let k = fold(s);
    POSITIONS
        .iter()
        .chain(["ỦY VIÊN", "CHÁNH", "TRƯỞNG", "PHÓ"].iter())
        .any(|p| k.contains(&*key(p)))
}

/// An upper-case title line of a signature block (`CHỦ TỊCH`).
fn looks_like_title(s: &str) -> bool {
    let words = s.split_whitespace().count();
    (1..=8).contains(&words)
        && !is_appendix_caption(s)
        && !is_table_header(s)
        && !s.chars().next().is_some_and(|c| c.is_ascii_digit())
        && heading(s).is_none()
}

/// Notes printed between the title and the name (`(Đã ký)`, `Đã ký`,
/// `[signature]`).
fn is_signature_note(s: &str) -> bool {
    let k = fold(s);
    s.starts_with(['(', '['])
        || k.starts_with(&*key("đã ký"))
        || k.contains(&*key("ký tên"))
        || k == "signed"
}

/// Whether a segment reads as a person's name: two to six words of letters,
/// starting upper case (`Lưu văn Thụy`, `Trần Thị Tình`).
fn looks_like_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (2..=6).contains(&words.len())
        && s.chars().next().is_some_and(char::is_uppercase)
        && words
            .iter()
            .all(|w| w.chars().all(|c| c.is_alphabetic() || c == '.'))
        && !is_appendix_caption(s)
        && !is_table_header(s)
        && words
            .iter()
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .count()
            * 2
            >= words.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_right_under_the_title_is_not_part_of_it() {
        let title = |body: &str| {
            let text = SourceText::from_text(&format!(
                "KẾ HOẠCH\nPhát triển văn hóa, thể thao xã giai đoạn 2025 - 2030\n{body}\n"
            ));
            find_title(&text, 0).map(|(_, t)| t)
        };
        assert_eq!(
            title("Chỉ tiêu cụ thể tại Phụ lục kèm theo Kế hoạch này.").as_deref(),
            Some("Phát triển văn hóa, thể thao xã giai đoạn 2025 - 2030")
        );
        // A wrapped title line goes on, capitalised or not, without a period.
        assert_eq!(
            title("và Nghị quyết số 57-NQ/TW của Bộ Chính trị").as_deref(),
            Some("Phát triển văn hóa, thể thao xã giai đoạn 2025 - 2030 và Nghị quyết số 57-NQ/TW của Bộ Chính trị")
        );
    }

    #[test]
    fn numbers_and_dates() {
        assert_eq!(normalise_number("57 - NQ/TW"), "57-NQ/TW");
        assert_eq!(normalise_number("12-KH/TU."), "12-KH/TU");
        let d = |s: &str| {
            DATE_RE
                .for_haystack(s)
                .and_then(|re| re.captures(s))
                .and_then(|c| date_of(&c))
        };
        assert_eq!(d("ngày 02/10 /2025").as_deref(), Some("2025-10-02"));
        assert_eq!(
            d("ngày 29 tháng 01 năm 2026").as_deref(),
            Some("2026-01-29")
        );
        assert_eq!(d("ngày /02/2026"), None);
        assert_eq!(d("ngày 31/02/2026"), None);
    }

    #[test]
    fn narrow_forms_match_as_full_ones() {
        let spans = |re: &LeanRegex, s: &str| -> Vec<Vec<Option<(usize, usize)>>> {
            re.captures_iter(s)
                .map(|c| {
                    (0..c.len())
                        .map(|i| c.get(i).map(|m| (m.start(), m.end())))
                        .collect()
                })
                .collect()
        };
        for t in [
            "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị",
            "KẾ HOẠCH SỐ: 78/KH-UBND NGÀY 29 THÁNG 9 NĂM 2025",
            "theo Quyết định 12 - QĐ/ĐU, ngày   tháng 3 năm 2026",
            "Số: 11/CTr/BCĐ-Ưu, ngày /02/2026; Luật số 193/2025/QH15",
            "Thông tư 5/2025/tt-bkhcn ngày 02/10 /2025",
            "KẾ HOẠCH giai đoạn 2026 – 2030, tầm nhìn đến năm 2045 (NĂM 2026)",
            ", và có định hướng đến năm 2050",
        ] {
            assert!(narrow::is_narrow(t), "{t}");
            for (n, re) in [
                ("date", &DATE_RE),
                ("date after", &DATE_AFTER),
                ("number", &NUM_AT_START),
                ("citation", &REF_START),
                ("period", &PERIOD_SPAN),
                ("vision", &PERIOD_VISION),
                ("year", &SINGLE_YEAR),
            ] {
                for (i, _) in t.char_indices() {
                    let h = &t[i..];
                    assert_eq!(spans(&re.narrow, h), spans(&re.full, h), "{n}: {h}");
                }
            }
        }
        assert!(!narrow::is_narrow("số ٣/QH"));
        assert!(!narrow::is_narrow("Kế hoạch α"));
    }

    #[test]
    fn numbers_at_start() {
        for t in [
            "Số: 78/KH-UBND",
            " số 57 - NQ/TW",
            ": 12-KH/TU.",
            "số ٣/QH",
            "SỐ:\u{a0}5/ĐA",
            "Kế hoạch",
        ] {
            let theirs = NUM_AT_START
                .full
                .captures(t)
                .map(|c| normalise_number(&c[1]));
            assert_eq!(number_at_start(t), theirs, "{t}");
        }
    }

    #[test]
    fn issuers() {
        assert_eq!(
            normalise_issuer("ỦY BAN NHÂN DÂN XÃ KIẾN THỤY"),
            "Ủy ban nhân dân xã Kiến Thụy"
        );
        assert_eq!(
            normalise_issuer("UBND Phường Trần Liễu"),
            "Ủy ban nhân dân phường Trần Liễu"
        );
        assert_eq!(
            normalise_issuer("Ủy ban nhân dân (UBND) xã Nguyễn Lương Bằng"),
            "Ủy ban nhân dân xã Nguyễn Lương Bằng"
        );
        assert_eq!(
            locality_of("Ủy ban nhân dân thành phố Hải Phòng"),
            Some(Locality {
                level: "thành phố".into(),
                name: "Hải Phòng".into()
            })
        );
        assert_eq!(locality_of("Ủy ban nhân dân xã"), None);
    }

    #[test]
    fn delegation_scan() {
        let mut cases = vec![String::new()];
        for _ in 0..4 {
            cases = cases
                .iter()
                .flat_map(|s| {
                    ["T", "M", "Q", ".", "/", "K", "L", "U", "ệ", " "].map(|c| format!("{s}{c}"))
                })
                .collect();
            for s in &cases {
                assert_eq!(
                    has_delegation(s),
                    DELEGATIONS.iter().any(|p| s.contains(p)),
                    "{s:?}"
                );
            }
        }
    }

    #[test]
    fn word_characters() {
        let word_char = Regex::new(r"^\w$").expect("regex");
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(
                is_word_char(c),
                word_char.is_match(c.encode_utf8(&mut [0; 4])),
                "{c:?}"
            );
        }
    }

    #[test]
    fn citation_boundaries() {
        let full = Regex::new(&format!(
            r"(?i)\b({})\s+(?:số\s*:?\s*)?({NUM})",
            LEGAL_KINDS.join("|")
        ))
        .expect("regex");
        let texts = [
            "Căn cứ Nghị quyết số 71/NQ-CP; Luật số 12/2025/QH15 và Kế hoạch 5/KH",
            "xKế hoạch 1/KH, ĐạiLuật 2/QH và _Luật 3/QH, 4Luật 5/QH (Luật 6/QH)",
            "Kế hoạch hành động số 12-KH/TU, Chương trình 3 - CTr/TU",
            "KẾ HOẠCH SỐ 78/KH-UBND; kế hoạch số: 9/KH; Kế hoạchKế hoạch 1/KH",
            "Luật Luật 1/QH luật\u{301} 2/QH ́Luật 3/QH",
            "Luật số ٣/QH, Luật số 3٣/QH, Thông tư liên tịch số 5/TTLT, Thông tư 6/TT",
            "Kế hoạch hành động 5/KH và Kế hoạch số:  7/KH, \u{212A}ế hoạch 8/KH, ĐỀ ÁN SỐ 9/ĐA",
        ];
        for t in texts {
            let ours: Vec<Vec<Option<(usize, usize)>>> = citation_matches(t)
                .iter()
                .map(|c| {
                    [&c.all, &c.kind, &c.number]
                        .map(|r| Some((r.start, r.end)))
                        .to_vec()
                })
                .collect();
            let theirs: Vec<Vec<Option<(usize, usize)>>> = full
                .captures_iter(t)
                .map(|c| c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect())
                .collect();
            assert_eq!(ours, theirs, "{t}");
            assert!(!ours.is_empty());
        }
    }

    #[test]
    fn phrase_lists() {
        let lines = [
            "Ủy ban nhân dân xã",
            "ỦY BAN NHÂN DÂN XÃ",
            "Uỷ ban nhân dân",
            "Ủy, ban nhân dân",
            "Ủy-ban nhân dân",
            "UBND.",
            "UBND, xã",
            "Ban Chỉ đạo",
            "Ban-Chỉ đạo",
            "Ban ,Chỉ đạo",
            "Ủy ban Mặt trận Tổ quốc Việt Nam xã",
            "Đảng ủy",
            "Đảng uỷ",
            "Đảng u\u{309}y",
            "Đảng ủy≠",
            "≠Đảng ủy",
            "Căn cứ Luật",
            "Trên cơ sở",
            "thành phố Hải Phòng",
            "Thành Phố",
            "xã",
            "TỈNH ỦY LÂM ĐỒNG",
            "Tỉnh uỷ",
            "BAN CÁN SỰ ĐẢNG UBND TỈNH",
            "BAN CHẤP HÀNH TRUNG ƯƠNG",
            "Ban Chấp hành",
            "Bộ Chính trị",
            "BỘ Y TẾ",
            "SỞ Y TẾ",
            "Văn phòng",
            "Chi cục Thuế",
            "ĐOÀN TNCS HỒ CHÍ MINH",
            "thôn An Phú",
            "tổ dân phố 3",
            "",
        ];
        let lists: [(&Phrases, Vec<&str>); 6] = [
            (&OPENER_PHRASES, BODY_OPENERS.to_vec()),
            (
                &BODY_PHRASES,
                BODIES.iter().flat_map(|(f, _)| f.iter().copied()).collect(),
            ),
            (&LEVEL_PHRASES, LEVELS.to_vec()),
            (
                &HEAD_PHRASES,
                BODIES
                    .iter()
                    .chain(UNITS)
                    .flat_map(|(f, _)| f.iter().copied())
                    .collect(),
            ),
            (
                &COMMITTEE_PHRASES,
                LEVEL_COMMITTEES.iter().map(|(c, _)| *c).collect(),
            ),
            (&PLACE_PHRASES, PLACE_NOUNS.to_vec()),
        ];
        for line in lines {
            let words: Vec<&str> = line.split_whitespace().collect();
            for (phrases, list) in &lists {
                let naive = list.iter().copied().find(|p| starts_with_phrase(line, p));
                assert_eq!(phrases.find(&words), naive, "{line}");
            }
        }
    }

    #[test]
    fn issuing_clauses() {
        let whole =
            Regex::new(&format!("(?i)(?:{CLAUSE_BODIES}){}", clause_rest())).expect("regex");
        let texts = [
            "Căn cứ Quyết định của UBND tỉnh về việc; Ủy ban nhân dân xã ban hành Kế hoạch thực hiện như sau:",
            "UBND UBND xã Kiến Thụy xây dựng kế hoạch; Đảng ủy ban hành các nghị quyết",
            "Ban Chỉ đạo, Ban thường vụ Đảng ủy thống nhất ban hành bản Chương trình",
            "uỷ ban nhân dân ban hành quyết định; HĐND ban hành",
            "Không có gì ở đây",
        ];
        for t in texts {
            let theirs: Vec<(usize, usize)> =
                whole.find_iter(t).map(|m| (m.start(), m.end())).collect();
            let mut ours = Vec::new();
            let mut pos = 0;
            while let Some((s, e)) = issuing_clause_at(t, pos) {
                ours.push((s, e));
                pos = e;
            }
            assert_eq!(ours, theirs, "{t}");
            for pos in 0..t.len() {
                if t.is_char_boundary(pos) {
                    let theirs = whole.find_at(t, pos).map(|m| (m.start(), m.end()));
                    assert_eq!(issuing_clause_at(t, pos), theirs, "{t} at {pos}");
                }
            }
        }
    }

    #[test]
    fn issuer_ends() {
        let whole = Regex::new(&issuer_stop_pattern(r"\b")).expect("regex");
        let texts = [
            "Chính phủ về việc",
            "Chính phủ vềx, tại",
            "Ban Thường vụ Tỉnh ủy năm 2025",
            "Ban Thường vụ năm 20251 theo",
            "UBND tỉnh Kế hoạchx Kế hoạch số 5",
            "Quốc hội. Tiếp",
            "Quốc hội.x",
            "Bộ Chính trị (BCT)",
            "Ủy ban nhân dân xã đãi ngộ đã",
            "Sở Nội vụ",
            "UBND tỉnh năm      2025 về",
            "UBND tỉnh năm      20251 về",
            "UBND Chương trình hành độngx Kế hoạch",
            "UBND x Chương trình hành động",
            "UBND x Chương trình hành động,",
            "UBND thực hiện",
            "UBND  thực hiện",
            "UBND  thực  hiện x",
        ];
        for t in texts {
            assert_eq!(issuer_stop(t), whole.find(t).map(|m| m.start()), "{t}");
        }
        // A quote ends the issuer; the text is cut after it, on a character
        // boundary.
        assert_eq!(
            cut_issuer("Ủy ban nhân dân “Trích dẫn” về").as_deref(),
            Some("Ủy ban nhân dân")
        );
    }

    /// The issuer, locality (`level name`), number and date read from a
    /// document that opens with `header` (columns apart by wide gaps, as
    /// text extracted with its layout prints them) and a kind line.
    fn header_meta(header: &str) -> [Option<String>; 4] {
        let text = SourceText::from_text(&format!(
            "{header}\nKẾ HOẠCH\nThực hiện Nghị quyết số 57-NQ/TW\nI. MỤC ĐÍCH, YÊU CẦU\n"
        ));
        let (meta, _) = extract_meta(&text, &[]);
        [
            meta.issuer,
            meta.locality.map(|l| format!("{} {}", l.level, l.name)),
            meta.number,
            meta.issued_on,
        ]
    }

    fn some(values: [&str; 4]) -> [Option<String>; 4] {
        values.map(|v| (!v.is_empty()).then(|| v.to_string()))
    }

    #[test]
    fn longer_heads_first() {
        // `Phrases::find` takes the first phrase that matches: one that
        // starts a longer one must come after it.
        let forms: Vec<&str> = BODIES
            .iter()
            .chain(UNITS)
            .flat_map(|(f, _)| f.iter().copied())
            .collect();
        for (i, short) in forms.iter().enumerate() {
            for long in &forms[i + 1..] {
                assert!(
                    !starts_with_phrase(long, short) || fold(long) == fold(short),
                    "{short:?} comes before {long:?}"
                );
            }
        }
    }

    #[test]
    fn party_headers() {
        // A provincial committee: the Đảng bộ line over the committee's,
        // the motto beside it.
        assert_eq!(
            header_meta(
                "ĐẢNG BỘ TỈNH LÂM ĐỒNG        ĐẢNG CỘNG SẢN VIỆT NAM\nTỈNH ỦY\n*\nSố 45-KH/TU         Lâm Đồng, ngày 15 tháng 3 năm 2026"
            ),
            some(["Tỉnh ủy Lâm Đồng", "tỉnh Lâm Đồng", "45-KH/TU", "2026-03-15"])
        );
        // The committee named on one line, the motto on its own.
        assert_eq!(
            header_meta(
                "ĐẢNG CỘNG SẢN VIỆT NAM\nTHÀNH ỦY HÀ NỘI\nSố: 12-CTr/TU\nHà Nội, ngày 02 tháng 4 năm 2026"
            ),
            some(["Thành ủy Hà Nội", "thành phố Hà Nội", "12-CTr/TU", "2026-04-02"])
        );
        // A commune's committee under the province's Đảng bộ.
        assert_eq!(
            header_meta(
                "ĐẢNG BỘ TỈNH LÂM ĐỒNG     ĐẢNG CỘNG SẢN VIỆT NAM\nĐẢNG ỦY XÃ ĐẠ TẺH\n*\nSố 08-KH/ĐU     Đạ Tẻh, ngày 20 tháng 01 năm 2026"
            ),
            some(["Đảng ủy xã Đạ Tẻh", "xã Đạ Tẻh", "08-KH/ĐU", "2026-01-20"])
        );
        // A Party group in the provincial government, on one line and
        // wrapped before the body it is in.
        let bcs = some([
            "Ban cán sự đảng Ủy ban nhân dân tỉnh Lâm Đồng",
            "tỉnh Lâm Đồng",
            "05-KH/BCSĐ",
            "2026-02-10",
        ]);
        assert_eq!(
            header_meta(
                "TỈNH ỦY LÂM ĐỒNG     ĐẢNG CỘNG SẢN VIỆT NAM\nBAN CÁN SỰ ĐẢNG UBND TỈNH\nSố 05-KH/BCSĐ     Lâm Đồng, ngày 10 tháng 02 năm 2026"
            ),
            bcs
        );
        assert_eq!(
            header_meta(
                "TỈNH ỦY LÂM ĐỒNG     ĐẢNG CỘNG SẢN VIỆT NAM\nBAN CÁN SỰ ĐẢNG\nỦY BAN NHÂN DÂN TỈNH\nSố 05-KH/BCSĐ     Lâm Đồng, ngày 10 tháng 02 năm 2026"
            ),
            bcs
        );
        // A central body: the Party group of the National Assembly under
        // the Central Committee; no locality (Hà Nội is where it signs).
        assert_eq!(
            header_meta(
                "ĐẢNG CỘNG SẢN VIỆT NAM\nBAN CHẤP HÀNH TRUNG ƯƠNG\nĐẢNG ĐOÀN QUỐC HỘI\nSố 15-KH/ĐĐQH15\nHà Nội, ngày 10 tháng 01 năm 2025"
            ),
            some(["Đảng đoàn Quốc hội", "", "15-KH/ĐĐQH15", "2025-01-10"])
        );
        // The Central Committee itself.
        assert_eq!(
            header_meta(
                "BAN CHẤP HÀNH TRUNG ƯƠNG     ĐẢNG CỘNG SẢN VIỆT NAM\n*\nSố 57-NQ/TW     Hà Nội, ngày 22 tháng 12 năm 2024"
            ),
            some(["Ban Chấp hành Trung ương", "", "57-NQ/TW", "2024-12-22"])
        );
        // A committee's organ printed bare under it, a committee's
        // department, a cell of a village under the commune's Đảng bộ.
        assert_eq!(
            header_meta(
                "TỈNH ỦY LÂM ĐỒNG\nBAN THƯỜNG VỤ\nSố 30-KH/TU\nLâm Đồng, ngày 3 tháng 3 năm 2026"
            )[0]
            .as_deref(),
            Some("Ban Thường vụ Tỉnh ủy Lâm Đồng")
        );
        assert_eq!(
            header_meta("ĐẢNG BỘ THÀNH PHỐ HÀ NỘI\nBAN TUYÊN GIÁO THÀNH ỦY\nSố 7-KH/BTGTU\nHà Nội, ngày 3 tháng 3 năm 2026"),
            some(["Ban Tuyên giáo Thành ủy Hà Nội", "thành phố Hà Nội", "7-KH/BTGTU", "2026-03-03"])
        );
        assert_eq!(
            header_meta("ĐẢNG BỘ XÃ AN LẠC\nCHI BỘ THÔN AN PHÚ\nSố 2-KH/CB\nAn Lạc, ngày 3 tháng 3 năm 2026")[..2],
            some(["Chi bộ thôn An Phú xã An Lạc", "xã An Lạc", "", ""])[..2]
        );
    }

    #[test]
    fn department_headers() {
        // A district's office: the body and its level line, the unit
        // under them; a district is no locality of the contract.
        assert_eq!(
            header_meta(
                "ỦY BAN NHÂN DÂN        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHUYỆN ĐỨC TRỌNG        Độc lập - Tự do - Hạnh phúc\nPHÒNG GIÁO DỤC VÀ ĐÀO TẠO\nSố: 35/KH-PGDĐT        Đức Trọng, ngày 5 tháng 9 năm 2024"
            ),
            some(["Phòng Giáo dục và Đào tạo huyện Đức Trọng", "", "35/KH-PGDĐT", "2024-09-05"])
        );
        // A commune's office: a dash inside the field, `XÃ HỘI` no level.
        assert_eq!(
            header_meta(
                "UBND XÃ KIẾN THỤY        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nPHÒNG VĂN HÓA - XÃ HỘI        Độc lập - Tự do - Hạnh phúc\nSố: 14/KH-VHXH        Kiến Thụy, ngày 29/9/2025"
            ),
            some(["Phòng Văn hóa - Xã hội xã Kiến Thụy", "xã Kiến Thụy", "14/KH-VHXH", "2025-09-29"])
        );
        // A centre under a department that names its province, and the
        // same under the province's committee, the department and the centre.
        let centre = some([
            "Trung tâm Kiểm soát bệnh tật tỉnh Lâm Đồng",
            "tỉnh Lâm Đồng",
            "120/KH-KSBT",
            "2026-02-10",
        ]);
        assert_eq!(
            header_meta(
                "SỞ Y TẾ TỈNH LÂM ĐỒNG        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTRUNG TÂM KIỂM SOÁT BỆNH TẬT        Độc lập - Tự do - Hạnh phúc\nSố: 120/KH-KSBT        Lâm Đồng, ngày 10 tháng 02 năm 2026"
            ),
            centre
        );
        assert_eq!(
            header_meta(
                "UBND TỈNH LÂM ĐỒNG        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSỞ Y TẾ        Độc lập - Tự do - Hạnh phúc\nTRUNG TÂM KIỂM SOÁT BỆNH TẬT\nSố: 120/KH-KSBT        Lâm Đồng, ngày 10 tháng 02 năm 2026"
            ),
            centre
        );
        // The department alone under the city, a name wrapped after `VÀ`.
        assert_eq!(
            header_meta(
                "UBND THÀNH PHỐ HÀ NỘI\nSỞ Y TẾ\nSố: 6/KH-SYT\nHà Nội, ngày 4 tháng 7 năm 2026"
            )[..2],
            some(["Sở Y tế thành phố Hà Nội", "thành phố Hà Nội", "", ""])[..2]
        );
        assert_eq!(
            header_meta("UBND TỈNH LÂM ĐỒNG\nSỞ NÔNG NGHIỆP VÀ\nMÔI TRƯỜNG\nSố: 6/KH-SNNMT\nLâm Đồng, ngày 4 tháng 7 năm 2026")[0]
                .as_deref(),
            Some("Sở Nông nghiệp và Môi trường tỉnh Lâm Đồng")
        );
        // A mass organisation (its abbreviation kept) over the commune's
        // committee of it.
        assert_eq!(
            header_meta("ĐOÀN TNCS HỒ CHÍ MINH\nBCH ĐOÀN XÃ AN LẠC\nSố: 6-KH/ĐTN\nAn Lạc, ngày 4 tháng 7 năm 2026"),
            some(["Ban Chấp hành Đoàn xã An Lạc", "xã An Lạc", "6-KH/ĐTN", "2026-07-04"])
        );
        assert_eq!(
            normalise_issuer("ĐOÀN TNCS HỒ CHÍ MINH XÃ AN LẠC"),
            "Đoàn TNCS Hồ Chí Minh xã An Lạc"
        );
    }

    #[test]
    fn signer_after_a_page_break() {
        // A PDF's lines in reading order: the signature column beside the
        // recipient list, the page number of the next page between the
        // position and the name.
        let text = SourceText::from_text(
            "KẾ HOẠCH\nVề việc thử\nI. MỤC ĐÍCH\nNội dung.\nNơi nhận:\nKT. CHỦ TỊCH\n- Bộ Nội vụ;\nPHÓ CHỦ TỊCH\n- Thường trực Tỉnh ủy;\n11\n- UBND các xã;\nNguyễn Văn An\n- Lưu: VT.\n",
        );
        let (meta, _) = extract_meta(&text, &[]);
        let signer = meta.signer.expect("signer");
        // The block runs from the delegation line to the name's.
        assert_eq!(meta.provenance.signer, Some(Span::lines(6, 12)));
        assert_eq!(signer.name.as_deref(), Some("Nguyễn Văn An"));
        assert_eq!(signer.position.as_deref(), Some("PHÓ CHỦ TỊCH"));
        assert_eq!(signer.on_behalf.as_deref(), Some("KT. CHỦ TỊCH"));
    }

    /// The lines (first, last) of a span.
    fn at(span: Option<Span>) -> Option<(u32, u32)> {
        span.map(|s| (s.start_line, s.end_line))
    }

    #[test]
    fn provenance_of_the_header_title_basis_and_signature() {
        let text = SourceText::from_text(concat!(
            "ỦY BAN NHÂN DÂN          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n",
            "XÃ KIẾN THỤY             Độc lập - Tự do - Hạnh phúc\n",
            "Số: 78/KH-UBND           Kiến Thụy, ngày 29 tháng 9 năm 2025\n",
            "\n",
            "KẾ HOẠCH\n",
            "Thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị\n",
            "giai đoạn 2025 - 2030\n",
            "Căn cứ Nghị quyết số\n",
            "71/NQ-CP ngày 01/4/2025 của Chính phủ;\n",
            "Căn cứ Kế hoạch số 5/KH-UBND; Nghị quyết số 71/NQ-CP;\n",
            "Ủy ban nhân dân xã Kiến Thụy ban hành Kế hoạch như sau:\n",
            "I. MỤC ĐÍCH, YÊU CẦU\n",
            "Nội dung.\n",
            "Nơi nhận:                TM. ỦY BAN NHÂN DÂN\n",
            "- Như trên;              CHỦ TỊCH\n",
            "- Lưu: VT.\n",
            "                         Lưu Văn Thụy\n",
        ));
        let (meta, _) = extract_meta(&text, &[]);
        assert_eq!(meta.number.as_deref(), Some("78/KH-UBND"));
        let p = &meta.provenance;
        assert_eq!(at(p.doc_type), Some((5, 5)));
        assert_eq!(at(p.number), Some((3, 3)));
        assert_eq!(at(p.issued_on), Some((3, 3)));
        assert_eq!(at(p.issuer), Some((1, 2)));
        assert_eq!(at(p.locality), Some((1, 2)));
        // A title over two lines, which states the period.
        assert_eq!(at(p.title), Some((6, 7)));
        assert_eq!(at(p.period), Some((6, 7)));
        assert_eq!(at(p.signer), Some((14, 17)));
        // A citation wrapped over two lines covers both; a second
        // citation of the same number keeps the first one's lines.
        let refs: Vec<(&str, Option<(u32, u32)>)> = meta
            .legal_basis
            .iter()
            .map(|r| (r.number.as_str(), at(r.span)))
            .collect();
        assert_eq!(
            refs,
            [("71/NQ-CP", Some((8, 9))), ("5/KH-UBND", Some((10, 10)))]
        );
    }

    #[test]
    fn provenance_from_the_captions() {
        // A header with the number and the date left blank: both come from
        // the appendix caption, which wraps after the number.
        let text = SourceText::from_text(concat!(
            "ỦY BAN NHÂN DÂN          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n",
            "XÃ KIẾN THỤY             Độc lập - Tự do - Hạnh phúc\n",
            "Số:     /KH-UBND         Kiến Thụy, ngày    tháng    năm 2025\n",
            "KẾ HOẠCH\n",
            "Về chuyển đổi số năm 2026\n",
            "I. MỤC ĐÍCH\n",
            "Nội dung.\n",
            "PHỤ LỤC 1\n",
            "(Kèm theo Kế hoạch số 78/KH-UBND\n",
            "ngày 29/9/2025 của Ủy ban nhân dân xã Kiến Thụy)\n",
        ));
        let (meta, _) = extract_meta(&text, &[]);
        assert_eq!(meta.number.as_deref(), Some("78/KH-UBND"));
        assert_eq!(meta.issued_on.as_deref(), Some("2025-09-29"));
        let p = &meta.provenance;
        assert_eq!(at(p.number), Some((9, 9)));
        assert_eq!(at(p.issued_on), Some((10, 10)));
        // The header still names the issuer.
        assert_eq!(at(p.issuer), Some((1, 2)));
        // The one year the title names.
        assert_eq!(at(p.period), Some((5, 5)));
        // No signature block: no signer, no span.
        assert_eq!(meta.signer, None);
        assert_eq!(p.signer, None);
    }

    #[test]
    fn provenance_of_a_composed_issuer_and_of_the_issuing_clause() {
        // A unit under its province's committee: the issuer is read from
        // both lines.
        let text = SourceText::from_text(concat!(
            "UBND TỈNH LÂM ĐỒNG        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n",
            "SỞ Y TẾ                   Độc lập - Tự do - Hạnh phúc\n",
            "Số: 5/KH-SYT              Lâm Đồng, ngày 1 tháng 2 năm 2025\n",
            "KẾ HOẠCH\n",
            "Về y tế cơ sở\n",
            "I. MỤC ĐÍCH\n",
        ));
        let (meta, _) = extract_meta(&text, &[]);
        assert_eq!(meta.issuer.as_deref(), Some("Sở Y tế tỉnh Lâm Đồng"));
        assert_eq!(at(meta.provenance.issuer), Some((1, 2)));
        assert_eq!(at(meta.provenance.locality), Some((1, 2)));

        // No header: the issuer and the period come from the issuing
        // clause, which wraps.
        let text = SourceText::from_text(concat!(
            "KẾ HOẠCH\n",
            "Về chuyển đổi số\n",
            "Căn cứ Luật số 1/2025/QH15;\n",
            "Ủy ban nhân dân xã Kiến Thụy ban hành Kế hoạch\n",
            "giai đoạn 2026 - 2030 như sau:\n",
            "I. MỤC ĐÍCH\n",
        ));
        let (meta, _) = extract_meta(&text, &[]);
        assert_eq!(meta.issuer.as_deref(), Some("Ủy ban nhân dân xã Kiến Thụy"));
        let p = &meta.provenance;
        assert_eq!(at(p.issuer), Some((4, 4)));
        assert_eq!(at(p.locality), Some((4, 4)));
        assert_eq!(at(p.period), Some((4, 5)));
        assert_eq!((p.number, p.issued_on), (None, None));
        assert_eq!(at(meta.legal_basis[0].span), Some((3, 3)));
    }

    #[test]
    fn a_period_from_the_phases_is_placed_by_the_caller() {
        // The years come from the tables' phases: only the tables know
        // where they are printed (`build_plan` places the span).
        let text = SourceText::from_text("KẾ HOẠCH\nVề chuyển đổi số\nI. MỤC ĐÍCH\n");
        let (meta, _) = extract_meta(&text, &[2025, 2030]);
        assert_eq!(meta.period.map(|p| (p.from, p.to)), Some((2025, 2030)));
        assert_eq!(meta.provenance.period, None);
    }

    #[test]
    fn citations() {
        let refs: Vec<LegalRef> = parse_refs(
            "Căn cứ Nghị quyết số 71/NQ-CP ngày 01/4/2025 của Chính phủ sửa đổi, bổ sung; Kế hoạch hành động số 12-KH/TU, ngày 26/8/2025 của Ban Thường vụ Thành ủy về thực hiện Nghị quyết số 57 - NQ/TW",
        )
        .into_iter()
        .map(|(r, _)| r)
        .collect();
        assert_eq!(refs.len(), 3);
        assert_eq!(refs[0].issuer.as_deref(), Some("Chính phủ"));
        assert_eq!(refs[1].kind, "Kế hoạch hành động");
        assert_eq!(refs[1].date.as_deref(), Some("2025-08-26"));
        assert_eq!(refs[2].number, "57-NQ/TW");
        assert_eq!(refs[2].issuer, None);
    }
}
