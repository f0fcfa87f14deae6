//! score.py's `fold()` and `tight()`, character for character.
//!
//! Python's `re` module decides what `\w` and `\s` mean for a `str`; those
//! definitions are reproduced here (`is_py_word`, `is_py_space`) rather than
//! taken from the `regex` crate, whose Unicode classes differ (for instance
//! `regex`'s `\w` includes combining marks, Python's does not, and that is
//! what decides where score.py's tone marks land).

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::casefold_table::CASEFOLD_EXTRA;

/// Python `str.isspace()` / `re`'s `\s`: Unicode White_Space plus the
/// separators U+001C..U+001F.
pub(crate) fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python `re`'s `\w` on `str`: `c.isalnum() or c == "_"`. `isalnum` is
/// based on the general category (letters and numbers), so combining marks
/// are not word characters even when Unicode calls them Alphabetic, and
/// neither are the circled/squared Latin letters (category So). Checked
/// against python3 (Unicode 14) for every assigned code point.
pub(crate) fn is_py_word(c: char) -> bool {
    if c == '_' {
        return true;
    }
    if !c.is_alphanumeric() || is_combining_mark(c) {
        return false;
    }
    !matches!(c as u32, 0x24b6..=0x24e9 | 0x1f130..=0x1f149 | 0x1f150..=0x1f169 | 0x1f170..=0x1f189)
}

/// Python `str.casefold()` of one character, appended to `out`.
fn casefold_into(c: char, out: &mut String) {
    match CASEFOLD_EXTRA.binary_search_by(|(k, _)| k.cmp(&c)) {
        Ok(i) => out.push_str(CASEFOLD_EXTRA[i].1),
        Err(_) => out.extend(c.to_lowercase()),
    }
}

/// The digit score.py writes for a Vietnamese tone mark.
fn tone_digit(c: char) -> Option<char> {
    match c {
        '\u{300}' => Some('1'),
        '\u{301}' => Some('2'),
        '\u{303}' => Some('3'),
        '\u{309}' => Some('4'),
        '\u{323}' => Some('5'),
        _ => None,
    }
}

fn is_dash(c: char) -> bool {
    matches!(c, '\u{2010}'..='\u{2015}' | '\u{2212}')
}

/// score.py `fold(s)` for a string (callers handle `None` and `str()`).
pub(crate) fn fold_str(s: &str) -> String {
    // unicodedata.normalize("NFD", s).casefold()
    let mut cf = String::with_capacity(s.len());
    for c in s.nfd() {
        casefold_into(c, &mut cf);
    }
    // s.replace("đ", "đ") in score.py replaces U+0111 with itself: a no-op.

    // for word in re.split(r"(\W+)", s): tones moved to the end of each piece.
    // The pieces are the maximal runs of word and of non-word characters;
    // since combining marks are \W, a tone mark is usually a run of its own
    // (or part of the separator run that follows the word).
    let chars: Vec<char> = cf.chars().collect();
    let mut joined = String::with_capacity(cf.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let w = is_py_word(chars[i]);
        let mut j = i;
        while j < chars.len() && is_py_word(chars[j]) == w {
            j += 1;
        }
        let mut tones = String::new();
        let mut base = String::new();
        for &c in &chars[i..j] {
            match tone_digit(c) {
                Some(d) => tones.push(d),
                None => base.push(c),
            }
        }
        joined.extend(base.nfc());
        if !tones.is_empty() {
            joined.push('~');
            joined.push_str(&tones);
        }
        i = j;
    }

    // DASHES.sub("-", s)
    let s: Vec<char> = joined
        .chars()
        .map(|c| if is_dash(c) { '-' } else { c })
        .collect();
    // re.sub(r"\s*-\s*", "-", s); re.sub(r"\s*/\s*", "/", s)
    let s = drop_space_runs(&s, |before, after| {
        before == Some('-') || after == Some('-')
    });
    let s = drop_space_runs(&s, |before, after| {
        before == Some('/') || after == Some('/')
    });
    // re.sub(r"\s+", " ", s).strip()
    let mut t: Vec<char> = Vec::with_capacity(s.len());
    for c in s {
        if is_py_space(c) {
            if t.last() != Some(&' ') {
                t.push(' ');
            }
        } else {
            t.push(c);
        }
    }
    let start = t.iter().position(|c| *c != ' ').unwrap_or(t.len());
    let end = t.iter().rposition(|c| *c != ' ').map_or(start, |e| e + 1);
    let t = t[start..end].to_vec();
    // re.sub(r"\s+([,.;:])", r"\1", s)
    let mut t = drop_space_runs(&t, |_, after| matches!(after, Some(',' | '.' | ';' | ':')));
    // re.sub(r"[\s.;,:]+$", "", s)
    while t
        .last()
        .is_some_and(|c| is_py_space(*c) || matches!(c, '.' | ';' | ',' | ':'))
    {
        t.pop();
    }
    t.into_iter().collect()
}

/// Removes every maximal whitespace run for which `drop(char before the run,
/// char after the run)` holds. For the patterns score.py uses (`\s*X\s*`
/// replaced by `X`, `\s+([,.;:])` replaced by the punctuation) this equals
/// Python's left-to-right `re.sub`.
fn drop_space_runs(s: &[char], drop: impl Fn(Option<char>, Option<char>) -> bool) -> Vec<char> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if is_py_space(s[i]) {
            let mut j = i;
            while j < s.len() && is_py_space(s[j]) {
                j += 1;
            }
            let before = if i > 0 { Some(s[i - 1]) } else { None };
            if !drop(before, s.get(j).copied()) {
                out.extend_from_slice(&s[i..j]);
            }
            i = j;
        } else {
            out.push(s[i]);
            i += 1;
        }
    }
    out
}

/// score.py `tight(s)` for a string: fold, then drop all whitespace.
pub(crate) fn tight_str(s: &str) -> String {
    fold_str(s).chars().filter(|c| !is_py_space(*c)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Expected values are the output of score.py's own `fold()` / `tight()`
    /// (python3 3.11, `from score import fold, tight`), pasted verbatim.
    #[test]
    fn fold_matches_score_py() {
        let cases: &[(&str, &str)] = &[
            ("hoá", "hoa~2"),
            ("hóa", "ho~2a"),
            ("Hoá", "hoa~2"),
            ("uỷ ban", "uy ~4ban"),
            ("ủy ban", "u~4y ban"),
            ("Kế hoạch", "ke\u{302} ~2hoa~5ch"),
            (
                "Phòng Văn hóa – Xã hội",
                "pho~1ng va\u{306}n ho~2a-xa ~3ho\u{302}~5i",
            ),
            (
                "Phòng Văn hoá - Xã hội ;",
                "pho~1ng va\u{306}n hoa-~2xa ~3ho\u{302}~5i",
            ),
            ("VH -  XH / abc . ", "vh-xh/abc"),
            ("Đ/c Nguyễn", "đ/c nguye\u{302}~3n"),
            // NFD input folds like NFC input.
            ("ho\u{301}a", "ho~2a"),
            ("U\u{309}y ban nhân dân", "u~4y ban nha\u{302}n da\u{302}n"),
            // Dash variants, spacing before punctuation, trailing punctuation.
            (
                "Sở KH\u{2014}CN ,  Sở TC ; ",
                "so\u{31b} ~4kh-cn, so\u{31b} ~4tc",
            ),
            ("  a\u{2212} b\t\n c :. ", "a-b c"),
            ("Quý I – Quý IV/2026", "quy ~2i-quy ~2iv/2026"),
            ("STRASSE Straße ΣΑΣ", "strasse strasse σασ"),
            ("Ⓐbc x_y 3.5", "ⓐbc x_y 3.5"),
            ("...", ""),
            ("", ""),
        ];
        for (input, want) in cases {
            assert_eq!(fold_str(input), *want, "fold({input:?})");
        }
    }

    #[test]
    fn tight_matches_score_py() {
        let cases: &[(&str, &str)] = &[
            ("uỷ ban", "uy~4ban"),
            ("ủy ban", "u~4yban"),
            (
                "Phòng Văn hóa – Xã hội",
                "pho~1ngva\u{306}nho~2a-xa~3ho\u{302}~5i",
            ),
            ("> 60 %", ">60%"),
            ("Đ/c Nguyễn", "đ/cnguye\u{302}~3n"),
        ];
        for (input, want) in cases {
            assert_eq!(tight_str(input), *want, "tight({input:?})");
        }
    }

    #[test]
    fn python_word_and_space_classes() {
        // re.split(r'(\W+)', 'ho\u0301a') == ['ho', '\u0301', 'a'] in python3.
        assert!(!is_py_word('\u{301}'));
        assert!(is_py_word('đ') && is_py_word('_') && is_py_word('٣'));
        assert!(!is_py_word('Ⓐ') && !is_py_word('-'));
        assert!(is_py_space('\u{1f}') && is_py_space('\u{a0}') && !is_py_space('\u{200b}'));
    }
}
