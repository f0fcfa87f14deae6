//! Folding and cleaning of Vietnamese strings.

use unicode_normalization::UnicodeNormalization;

/// Combining tone marks (huyền, sắc, ngã, hỏi, nặng). Vowel-quality marks
/// (circumflex, breve, horn) are letters in Vietnamese and are kept.
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}')
}

/// Collapses whitespace to single spaces and trims; NFC.
pub fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out.nfc().collect()
}

/// Joins the lines of one wrapped table cell the way the contract says: one
/// space between lines, except after a hyphen glued to a letter
/// (`VH-` + `XH` → `VH-XH`).
pub fn join_wrapped<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for p in parts {
        let p = p.trim();
        if p.is_empty() {
            continue;
        }
        if !out.is_empty() {
            let mut tail = out.chars().rev();
            let glued = tail.next() == Some('-') && tail.next().is_some_and(char::is_alphanumeric);
            if !glued {
                out.push(' ');
            }
        }
        out.push_str(p);
    }
    clean(&out)
}

/// The comparison key of a string: NFD, lower case, each word's tone marks
/// moved to its end (so `hoá` and `hóa`, `uỷ` and `ủy` agree), every dash
/// a `-` with no space around it, no space around `/`, single spaces, no
/// trailing punctuation. Two strings that differ only by what the contract
/// calls noise have the same key.
pub fn fold(s: &str) -> String {
    let lower: String = s.nfd().flat_map(char::to_lowercase).collect();
    let mut out = String::with_capacity(lower.len());
    let mut word = String::new();
    let mut tones = String::new();
    let flush = |out: &mut String, word: &mut String, tones: &mut String| {
        out.extend(word.nfc());
        if !tones.is_empty() {
            out.push('~');
            out.push_str(tones);
        }
        word.clear();
        tones.clear();
    };
    for c in lower.chars() {
        if let Some(i) = TONES.iter().position(|&t| t == c) {
            tones.push((b'1' + i as u8) as char);
        } else if c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c) {
            word.push(c);
        } else {
            flush(&mut out, &mut word, &mut tones);
            out.push(if is_dash(c) { '-' } else { c });
        }
    }
    flush(&mut out, &mut word, &mut tones);
    // Spacing around dashes and slashes, runs of spaces, trailing punctuation.
    let mut tight = String::with_capacity(out.len());
    for w in out.split_whitespace() {
        let glue = tight.ends_with(['-', '/']) || w.starts_with(['-', '/', ',', '.', ';', ':']);
        if !tight.is_empty() && !glue {
            tight.push(' ');
        }
        tight.push_str(w);
    }
    tight
        .trim_end_matches(|c: char| c.is_whitespace() || ".;,:".contains(c))
        .to_string()
}

/// Removes every diacritic (and maps `đ` to `d`): the accent-insensitive
/// form, for slugs and loose matching.
pub fn strip_marks(s: &str) -> String {
    s.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            c => c,
        })
        .collect()
}

/// A lower-case ASCII slug (`Phòng Văn hóa - Xã hội` → `phong-van-hoa-xa-hoi`).
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in strip_marks(s).chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Whether the first letter of `s` is upper case.
pub fn starts_upper(s: &str) -> bool {
    s.chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_erases_noise() {
        // (left, right, same key?)
        let cases = [
            ("Phòng Văn hóa - Xã hội", "Phòng Văn hoá – Xã hội", true),
            ("Ủy ban nhân dân", "Uỷ ban nhân dân", true),
            ("Phòng VH-XH", "phòng VH - XH", true),
            ("Văn phòng HĐND&UBND xã.", "văn phòng hđnd&ubnd xã", true),
            ("Hòa", "Hoà", true),
            ("Phòng Kinh tế", "Phòng Kinh tê", false),
            ("Sở Y tế", "Sở Y tệ", false),
        ];
        for (a, b, same) in cases {
            assert_eq!(
                fold(a) == fold(b),
                same,
                "{a} vs {b}: {} / {}",
                fold(a),
                fold(b)
            );
        }
    }

    #[test]
    fn join_wrapped_cells() {
        let cases: [(&[&str], &str); 4] = [
            (&["Đ/c Trưởng", "phòng VH-", "XH"], "Đ/c Trưởng phòng VH-XH"),
            (&["Phòng Văn", "hóa - ", "Xã hội"], "Phòng Văn hóa - Xã hội"),
            (&["ít nhất ", " 3%"], "ít nhất 3%"),
            (&["57 -", "NQ/TW"], "57 - NQ/TW"),
        ];
        for (parts, want) in cases {
            assert_eq!(join_wrapped(parts.iter().copied()), want);
        }
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Phòng Văn hóa - Xã hội"), "phong-van-hoa-xa-hoi");
        assert_eq!(slug("Đảng ủy xã"), "dang-uy-xa");
    }
}
