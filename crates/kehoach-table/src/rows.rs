//! Row-level regularities shared by the readers: numbering and group rows.

use regex::Regex;
use std::sync::LazyLock;

/// A Roman numeral I–XX.
pub(crate) fn is_roman(s: &str) -> bool {
    static ROMAN: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(?:X{0,2})(?:IX|IV|V?I{0,3})$").expect("valid"));
    // Only I, V and X can match: other strings skip the regex.
    !s.is_empty() && s.bytes().all(|b| matches!(b, b'I' | b'V' | b'X')) && ROMAN.is_match(s)
}

/// Value of a Roman numeral (I–XX), for sequence checks.
pub(crate) fn roman_value(s: &str) -> Option<u32> {
    if !is_roman(s) {
        return None;
    }
    let v = |c| match c {
        'I' => 1,
        'V' => 5,
        'X' => 10,
        _ => 0,
    };
    let chars: Vec<u32> = s.chars().map(v).collect();
    let mut total = 0i32;
    for (k, &c) in chars.iter().enumerate() {
        if chars.get(k + 1).is_some_and(|&n| n > c) {
            total -= c as i32;
        } else {
            total += c as i32;
        }
    }
    u32::try_from(total).ok()
}

/// Whether a number cell names a group (`I`, `II`, `A`, `B`).
pub(crate) fn is_group_numeral(s: &str) -> bool {
    is_roman(s) || (s.len() == 1 && s.chars().all(|c| c.is_ascii_uppercase()))
}

/// Whether `c` may be a regex `\d`, which is Unicode-aware: an ASCII
/// digit, or any character outside ASCII. A quick test before a regex.
pub(crate) fn maybe_digit(c: char) -> bool {
    !c.is_ascii() || c.is_ascii_digit()
}

/// Whether `s` is a row number as printed (`1`, `1.2`, `3.`).
pub(crate) fn is_row_number(s: &str) -> bool {
    static NUM: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\d{1,3}(?:\.\d{1,3})*\.?$").expect("valid"));
    let s = s.trim();
    // A number starts with a digit: other strings skip the regex.
    s.chars().next().is_some_and(maybe_digit) && NUM.is_match(s)
}
