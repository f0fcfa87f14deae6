//! Target cells: `">60%"`, `"đạt trên 3,5%"`, `"80-90%"` → comparator, value, unit.
//!
//! The grammar is fixed and small: `[prefix phrases] number [%] [range
//! separator number [%]] [suffix phrase]`, with trailing `.`/`;` ignored. The
//! phrases come from `rules/comparators.tsv`. Anything else is
//! [`Comparator::Text`] with no value: a target is one number or one range,
//! or it is prose.
//!
//! ## Numbers
//! Vietnamese writes a decimal comma and a thousands dot, so:
//! - `3,5` is 3.5 and `0,77` is 0.77 (one comma is always a decimal comma,
//!   also in `1,000`, which is 1.0);
//! - `1.000` and `12.500.000` are thousands (a dot followed by groups of
//!   exactly three digits, the first group not starting with `0`), also in
//!   `1.000,5` (1000.5);
//! - any other single dot is a decimal point written the English way (`0.77`,
//!   `1.5`, `0.770`);
//! - several commas in groups of three (`1,000,000`) are English thousands;
//! - leading zeros are kept out of the value (`≥ 01` is 1, `02` is 2).

use std::sync::LazyLock;

use kehoach_schema::Comparator;
use kehoach_text::{clean, fold};

use crate::folds::{PhraseIndex, PrefixFolds};
use crate::tables::rows;

/// A target cell read as a comparator and a number (or a range).
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedTarget {
    /// How the value bounds the result; [`Comparator::Text`] when the cell
    /// is not one number or one range.
    pub comparator: Comparator,
    /// The number (lower bound of a range); `None` for text.
    pub value: Option<f64>,
    /// Upper bound of a [`Comparator::Range`], else `None`.
    pub value_max: Option<f64>,
    /// `Some("%")` when the number carries a per cent sign, else `None` (a
    /// "Đơn vị tính" column is the caller's business).
    pub unit: Option<String>,
}

impl ParsedTarget {
    /// The result for prose: comparator `text`, no value.
    fn text() -> ParsedTarget {
        ParsedTarget {
            comparator: Comparator::Text,
            value: None,
            value_max: None,
            unit: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Prefix,
    Suffix,
    RangeOpen,
    RangeSep,
    Empty,
}

#[derive(Debug)]
struct Rule {
    role: Role,
    /// As printed in the rule file.
    phrase: String,
    /// Folded, for word phrases.
    folded: String,
    /// `None` for fillers (`đạt`, `phấn đấu`) and range roles.
    comparator: Option<Comparator>,
    /// No letter in it (`≥`, `~`, `-`): matched literally, not as a word.
    symbolic: bool,
}

struct Rules {
    rules: Vec<Rule>,
    problems: Vec<String>,
}

static RULES: LazyLock<Rules> = LazyLock::new(|| {
    let mut rules = Vec::new();
    let mut problems = Vec::new();
    for row in rows("comparators.tsv") {
        let role = match row.col(0) {
            "prefix" => Role::Prefix,
            "suffix" => Role::Suffix,
            "range_open" => Role::RangeOpen,
            "range_sep" => Role::RangeSep,
            "empty" => Role::Empty,
            other => {
                problems.push(format!("comparators.tsv: unknown role {other:?}"));
                continue;
            }
        };
        let comparator = match row.col(2) {
            "eq" => Some(Comparator::Eq),
            "gt" => Some(Comparator::Gt),
            "ge" => Some(Comparator::Ge),
            "lt" => Some(Comparator::Lt),
            "le" => Some(Comparator::Le),
            "approx" => Some(Comparator::Approx),
            "none" | "range" | "" => None,
            other => {
                problems.push(format!("comparators.tsv: unknown comparator {other:?}"));
                continue;
            }
        };
        let phrase = row.col(1).to_string();
        let symbolic = !phrase.chars().any(char::is_alphabetic);
        rules.push(Rule {
            role,
            folded: fold(&phrase),
            phrase,
            comparator,
            symbolic,
        });
    }
    Rules { rules, problems }
});

pub(crate) fn rule_problems() -> Vec<String> {
    RULES.problems.clone()
}

/// The rules of one role, in file order, with an index of their folded
/// phrases (the symbolic ones, matched as printed, left out).
struct RoleRules {
    role: Role,
    rules: Vec<&'static Rule>,
    folded: PhraseIndex,
    /// The symbolic rules, each with its index in `rules`.
    symbolic: Vec<(usize, &'static Rule)>,
}

static BY_ROLE: LazyLock<Vec<RoleRules>> = LazyLock::new(|| {
    let all = [
        Role::Prefix,
        Role::Suffix,
        Role::RangeOpen,
        Role::RangeSep,
        Role::Empty,
    ];
    all.into_iter()
        .map(|role| {
            let rules: Vec<&'static Rule> = RULES.rules.iter().filter(|r| r.role == role).collect();
            let folded =
                PhraseIndex::new(
                    rules
                        .iter()
                        .map(|r| if r.symbolic { "" } else { r.folded.as_str() }),
                );
            let symbolic = rules
                .iter()
                .enumerate()
                .filter(|(_, r)| r.symbolic)
                .map(|(i, &r)| (i, r))
                .collect();
            RoleRules {
                role,
                rules,
                folded,
                symbolic,
            }
        })
        .collect()
});

/// The longest phrase of `role` that `text` begins with: its printed length
/// in `text` and the rule. Of phrases of equal length, the first in the file
/// wins. Symbolic phrases (`≥`) are matched as printed, the others by their
/// folds, and only at a letter.
fn longest(text: &str, role: Role) -> Option<(usize, &'static Rule)> {
    let of_role = BY_ROLE.iter().find(|r| r.role == role)?;
    // (index in `of_role.rules`, printed length) of every phrase that matches.
    let mut found = if text.starts_with(char::is_alphabetic) {
        PrefixFolds::new(text).matches(&of_role.folded)
    } else {
        Vec::new()
    };
    found.extend(
        of_role
            .symbolic
            .iter()
            .filter(|(_, r)| text.starts_with(r.phrase.as_str()))
            .map(|&(i, r)| (i, r.phrase.len())),
    );
    found.sort_unstable();
    let mut best: Option<(usize, &Rule)> = None;
    for (i, len) in found {
        let Some(&rule) = of_role.rules.get(i) else {
            continue;
        };
        let longer =
            best.is_none_or(|(_, b)| rule.phrase.chars().count() > b.phrase.chars().count());
        if longer {
            best = Some((len, rule));
        }
    }
    best
}

/// Whether the folded phrase may also open a range (`từ 80 đến 90%`).
fn opens_range(folded: &str) -> bool {
    RULES
        .rules
        .iter()
        .any(|r| r.role == Role::RangeOpen && r.folded == folded)
}

/// Whether a target cell means "no target in this phase": empty, or only
/// the placeholders listed as `empty` in `rules/comparators.tsv` (`-`, `–`,
/// `—`, `…`). Such a cell yields no target entry.
pub fn is_empty_target(raw: &str) -> bool {
    let empty = &*EMPTY;
    // Most target cells hold a number: an ASCII letter or digit stays a
    // letter or digit through `clean` (NFC may only compose a letter into
    // another letter), so such a cell has a token that is no placeholder,
    // when no placeholder has a letter or digit.
    if empty.no_alphanumeric && raw.bytes().any(|b| b.is_ascii_alphanumeric()) {
        return false;
    }
    let text = clean(raw);
    text.split(' ')
        .filter(|t| !t.is_empty())
        .all(|token| empty.phrases.contains(&token))
}

/// The `empty` placeholders of the rules, gathered once.
struct Empty {
    /// As printed, in file order.
    phrases: Vec<&'static str>,
    /// Whether none of them has a letter or digit (see [`is_empty_target`]).
    no_alphanumeric: bool,
}

static EMPTY: LazyLock<Empty> = LazyLock::new(|| {
    let phrases: Vec<&'static str> = RULES
        .rules
        .iter()
        .filter(|r| r.role == Role::Empty)
        .map(|r| r.phrase.as_str())
        .collect();
    let no_alphanumeric = !phrases.iter().any(|p| p.chars().any(char::is_alphanumeric));
    Empty {
        phrases,
        no_alphanumeric,
    }
});

/// Reads a target cell (`">60%"`, `"ít nhất 3%"`, `"đạt trên 3,5%"`,
/// `"80-90%"`, `"~100%"`, `"≥ 01"`) into a comparator and its number(s).
///
/// A cell that is not exactly one number or one range, with the phrases of
/// `rules/comparators.tsv` around it, is [`Comparator::Text`] with no value
/// (`"≥ 95 đối với …; ≥ 95 đối với …"`, `"Tiên tiến, hiện đại …"`). Never
/// panics. See the module documentation for how `1.000` and `3,5` are read.
pub fn parse_target(raw: &str) -> ParsedTarget {
    parse(&clean(raw)).unwrap_or_else(ParsedTarget::text)
}

fn parse(text: &str) -> Option<ParsedTarget> {
    let mut rest = text.trim();
    let mut comparator: Option<Comparator> = None;
    // A prefix with a comparator of its own ("≥") cannot precede a range;
    // one that opens a range ("từ") can.
    let mut range_allowed = true;
    while let Some((len, rule)) = longest(rest, Role::Prefix) {
        if rule.comparator.is_some() && !opens_range(&rule.folded) {
            range_allowed = false;
        }
        if comparator.is_none() {
            comparator = rule.comparator;
        }
        rest = rest[len..].trim_start();
    }
    let (low, len, low_pct) = number(rest)?;
    rest = rest[len..].trim_start();
    let mut high = None;
    let mut high_pct = false;
    if let Some((len, _)) = longest(rest, Role::RangeSep) {
        let (value, len2, pct) = number(rest[len..].trim_start())?;
        rest = rest[len..].trim_start()[len2..].trim_start();
        high = Some(value);
        high_pct = pct;
    }
    if let Some((len, rule)) = longest(rest, Role::Suffix) {
        if comparator.is_none() {
            comparator = rule.comparator;
        }
        rest = rest[len..].trim_start();
    }
    if !rest
        .trim_matches(|c: char| c.is_whitespace() || ".;,".contains(c))
        .is_empty()
    {
        return None;
    }
    let unit = (low_pct || high_pct).then(|| "%".to_string());
    match high {
        Some(high) if range_allowed && low <= high => Some(ParsedTarget {
            comparator: Comparator::Range,
            value: Some(low),
            value_max: Some(high),
            unit,
        }),
        Some(_) => None,
        None => Some(ParsedTarget {
            comparator: comparator.unwrap_or(Comparator::Eq),
            value: Some(low),
            value_max: None,
            unit,
        }),
    }
}

/// `raw` without the filler phrases it opens with (those of
/// `rules/comparators.tsv` with no comparator of their own: `đạt`,
/// `phấn đấu`, `là` …): the words that bound the value, as printed.
/// `"đạt tối thiểu 80%"` -> `"tối thiểu 80%"`, `"Phấn đấu đạt 3%"` -> `"3%"`,
/// `"Từ trên 70%"` unchanged. Never empty unless `raw` is.
pub fn without_fillers(raw: &str) -> &str {
    let mut rest = raw.trim_start();
    while let Some((len, rule)) = longest(rest, Role::Prefix) {
        let after = rest[len..].trim_start();
        if rule.comparator.is_some() || after.is_empty() {
            break;
        }
        rest = after;
    }
    rest
}

/// A number at the start of `s`, with an optional `%` after it: the value,
/// the printed length (including the `%`), and whether there was a `%`.
fn number(s: &str) -> Option<(f64, usize, bool)> {
    let run = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(s.len());
    let token = s[..run].trim_end_matches(['.', ',']);
    if !token.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let value = read_number(token)?;
    let after = &s[token.len()..];
    let spaced = after.trim_start();
    if let Some(tail) = spaced.strip_prefix('%') {
        Some((value, s.len() - tail.len(), true))
    } else {
        Some((value, token.len(), false))
    }
}

/// Whether `t` is digit groups separated by `sep`: a head of 1–3 digits not
/// starting with `0`, then groups of exactly 3.
fn grouped(t: &str, sep: char) -> bool {
    let mut parts = t.split(sep);
    let head = parts.next().unwrap_or("");
    (1..=3).contains(&head.len())
        && !head.starts_with('0')
        && parts.all(|p| p.len() == 3)
        && t.contains(sep)
}

/// Reads digits with `.`/`,` separators (see the module documentation).
fn read_number(t: &str) -> Option<f64> {
    let dots = t.matches('.').count();
    let commas = t.matches(',').count();
    let plain = match (dots, commas) {
        (0, 0) => t.to_string(),
        (0, 1) => t.replace(',', "."),
        (0, _) if grouped(t, ',') => t.replace(',', ""),
        (_, 0) if grouped(t, '.') => t.replace('.', ""),
        (1, 0) => t.to_string(),
        (_, 1) => {
            let (int, frac) = t.split_once(',')?;
            if !grouped(int, '.') {
                return None;
            }
            format!("{}.{frac}", int.replace('.', ""))
        }
        _ => return None,
    };
    plain.parse::<f64>().ok().filter(|v| v.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;
    use Comparator::*;

    /// (cell, comparator, value, value_max, unit)
    type Case = (
        &'static str,
        Comparator,
        Option<f64>,
        Option<f64>,
        Option<&'static str>,
    );

    const CASES: &[Case] = &[
        // OUTPUT.md examples
        (">60%", Gt, Some(60.0), None, Some("%")),
        ("ít nhất 3%", Ge, Some(3.0), None, Some("%")),
        ("≥ 80", Ge, Some(80.0), None, None),
        ("tối thiểu 3", Ge, Some(3.0), None, None),
        ("đạt trên 3,5%", Gt, Some(3.5), None, Some("%")),
        ("80-90%", Range, Some(80.0), Some(90.0), Some("%")),
        ("66% đến 70%", Range, Some(66.0), Some(70.0), Some("%")),
        ("~100%", Approx, Some(100.0), None, Some("%")),
        ("đạt 3%", Eq, Some(3.0), None, Some("%")),
        ("Phấn đấu đạt 3%", Eq, Some(3.0), None, Some("%")),
        ("100", Eq, Some(100.0), None, None),
        // gold 000 (PHỤ LỤC 1)
        ("> 0,77", Gt, Some(0.77), None, None),
        ("> 0,8", Gt, Some(0.8), None, None),
        ("đạt 1,0", Eq, Some(1.0), None, None),
        ("Đạt trên 3%", Gt, Some(3.0), None, Some("%")),
        ("> 95%", Gt, Some(95.0), None, Some("%")),
        // gold 004 (PHỤ LỤC 1 and 2)
        ("Phấn đấu ít nhất 3%", Ge, Some(3.0), None, Some("%")),
        ("Đạt 3%", Eq, Some(3.0), None, Some("%")),
        ("≥98", Ge, Some(98.0), None, None),
        ("≥60%", Ge, Some(60.0), None, Some("%")),
        ("100%", Eq, Some(100.0), None, Some("%")),
        ("≥ 2", Ge, Some(2.0), None, None),
        // seed 003
        ("≥ 01", Ge, Some(1.0), None, None),
        ("≥ 1,5", Ge, Some(1.5), None, None),
        ("≥ 05", Ge, Some(5.0), None, None),
        ("02", Eq, Some(2.0), None, None),
        // ranges and other comparators
        ("từ 80 đến 90%", Range, Some(80.0), Some(90.0), Some("%")),
        ("80 – 90 %", Range, Some(80.0), Some(90.0), Some("%")),
        ("khoảng 100%", Approx, Some(100.0), None, Some("%")),
        ("< 5", Lt, Some(5.0), None, None),
        ("dưới 5", Lt, Some(5.0), None, None),
        ("≤ 5", Le, Some(5.0), None, None),
        ("không quá 5", Le, Some(5.0), None, None),
        ("tối đa 5", Le, Some(5.0), None, None),
        ("không dưới 80%", Ge, Some(80.0), None, Some("%")),
        ("trên dưới 100", Approx, Some(100.0), None, None),
        ("80% trở lên", Ge, Some(80.0), None, Some("%")),
        ("từ 80%", Ge, Some(80.0), None, Some("%")),
        // lamdong_cchc_2026: "Từ trên 70% văn bản được ký số."
        ("Từ trên 70%", Gt, Some(70.0), None, Some("%")),
        (">= 80", Ge, Some(80.0), None, None),
        ("100%.", Eq, Some(100.0), None, Some("%")),
        // numbers: decimal comma, thousands dot
        ("1.000", Eq, Some(1000.0), None, None),
        ("12.500.000", Eq, Some(12_500_000.0), None, None),
        ("1.000,5", Eq, Some(1000.5), None, None),
        ("0.77", Eq, Some(0.77), None, None),
        ("1,000", Eq, Some(1.0), None, None),
        ("1,000,000", Eq, Some(1_000_000.0), None, None),
        // prose and everything that is not one number or one range -> text
        ("≥ 95 đối với cơ sở giáo dục phổ thông; ≥ 95 đối với cơ sở giáo dục mầm non và các cơ quan quản lý giáo dục", Text, None, None, None),
        ("Tiên tiến, hiện đại, dung lượng siêu lớn, băng thông siêu rộng", Text, None, None, None),
        ("Xây dựng báo cáo chỉ số thương mại điện tử hằng năm", Text, None, None, None),
        ("Phân bổ ngân sách, kinh phí chi hằng năm cho phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số", Text, None, None, None),
        ("90-80%", Text, None, None, None),
        ("≥ 80-90%", Text, None, None, None),
        ("1.2.3,4,5", Text, None, None, None),
        ("100 người", Text, None, None, None),
        ("5G", Text, None, None, None),
        ("x", Text, None, None, None),
        ("%", Text, None, None, None),
        ("", Text, None, None, None),
        ("80 -", Text, None, None, None),
    ];

    /// gold 004, PHỤ LỤC 1 row 9.1: two clauses are not one number.
    #[test]
    fn gold_004_row_9_1_two_clauses_are_text() {
        let got = parse_target(
            "≥ 95 đối với cơ sở giáo dục phổ thông; ≥ 95 đối với cơ sở giáo dục mầm non",
        );
        assert_eq!((got.comparator, got.value), (Text, None));
    }

    /// gold 000, row III.12: "> 0,77" is gt 0.77 (decimal comma), no unit.
    #[test]
    fn gold_000_row_12_decimal_comma() {
        let got = parse_target("> 0,77");
        assert_eq!(
            (got.comparator, got.value, got.unit),
            (Gt, Some(0.77), None)
        );
    }

    #[test]
    fn target_table() {
        let mut failures = Vec::new();
        for &(raw, comparator, value, value_max, unit) in CASES {
            let want = ParsedTarget {
                comparator,
                value,
                value_max,
                unit: unit.map(str::to_string),
            };
            let got = parse_target(raw);
            if got != want {
                failures.push(format!("{raw:?}\n   got  {got:?}\n   want {want:?}"));
            }
        }
        assert!(
            failures.is_empty(),
            "{} target case(s) failed:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }

    #[test]
    fn fillers_are_dropped_comparators_kept() {
        let cases = [
            ("đạt tối thiểu 80%", "tối thiểu 80%"),
            ("Phấn đấu đạt 3%", "3%"),
            ("Từ trên 70%", "Từ trên 70%"),
            ("đạt trên 90%", "trên 90%"),
            ("100%", "100%"),
            ("đạt", "đạt"),
        ];
        for (raw, want) in cases {
            assert_eq!(without_fillers(raw), want, "{raw:?}");
        }
    }

    #[test]
    fn empty_cells() {
        // (cell, means "no target")
        let cases = [
            ("-", true),
            ("–", true),
            ("—", true),
            ("", true),
            ("   ", true),
            ("- -", true),
            ("…", true),
            ("x", false),
            ("0", false),
            ("100%", false),
            ("- 100%", false),
        ];
        for (raw, want) in cases {
            assert_eq!(is_empty_target(raw), want, "{raw:?}");
        }
    }

    /// The letter-or-digit shortcut of [`is_empty_target`] agrees with
    /// reading the cleaned cell's tokens, also where NFC composes a letter
    /// with a combining mark.
    #[test]
    fn empty_shortcut_agrees_with_tokens() {
        assert!(EMPTY.no_alphanumeric, "the shortcut is in use");
        let by_tokens = |raw: &str| {
            clean(raw)
                .split(' ')
                .filter(|t| !t.is_empty())
                .all(|token| {
                    RULES
                        .rules
                        .iter()
                        .any(|r| r.role == Role::Empty && r.phrase == token)
                })
        };
        let mut cells: Vec<String> = CASES.iter().map(|c| c.0.to_string()).collect();
        for a in [
            "", "-", "–", "—", "_", "…", "...", "--", " ", "\t", "a", "0", "\u{301}",
        ] {
            for b in [
                "", "-", " - ", "a\u{301}", "x", "9", "\u{300}", "…", " ", "Đ", "%",
            ] {
                cells.push(format!("{a}{b}"));
                cells.push(format!("{b} {a}"));
            }
        }
        for raw in &cells {
            assert_eq!(is_empty_target(raw), by_tokens(raw), "{raw:?}");
        }
    }
}
