//! What a table's first-column cell holds: a row number or a group numeral.

/// A row number as printed: `1`, `12.`, `1.2`, `1.2.3` (up to three digits
/// per part).
pub(crate) fn is_row_number(s: &str) -> bool {
    let s = s.trim().trim_end_matches('.');
    !s.is_empty()
        && s.split('.')
            .all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()))
}

/// A group row's numeral: a Roman number (`I` … `XX…`, up to five letters)
/// or one letter `A`–`H`, with or without its dot.
pub(crate) fn is_group_numeral(s: &str) -> bool {
    let s = s.trim().trim_end_matches('.');
    (1..=5).contains(&s.len()) && s.bytes().all(|b| matches!(b, b'I' | b'V' | b'X'))
        || s.len() == 1 && s.bytes().all(|b| (b'A'..=b'H').contains(&b))
}
