//! Whole-word phrase matching that ignores what the contract calls noise.
//!
//! Rule phrases are compared through [`kehoach_text::fold`] (case, tone
//! placement, dash variants, spacing), always on whole words: a match starts
//! at the beginning of a whitespace-separated token and ends at the end of
//! one. Positions returned are byte offsets into the original text, so the
//! caller can cut the printed text where the phrase begins or ends.

use kehoach_text::fold;

use crate::folds::prefix_len;

/// Byte offsets where the whitespace-separated tokens of `s` start.
pub(crate) fn token_starts(s: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut prev_space = true;
    for (i, c) in s.char_indices() {
        if !c.is_whitespace() && prev_space {
            out.push(i);
        }
        prev_space = c.is_whitespace();
    }
    out
}

/// Byte offsets where the whitespace-separated tokens of `s` end.
pub(crate) fn token_ends(s: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut in_token = false;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            if in_token {
                out.push(i);
            }
            in_token = false;
        } else {
            in_token = true;
        }
    }
    if in_token {
        out.push(s.len());
    }
    out
}

/// Longest rule phrase tried, in tokens and in printed bytes. No rule phrase
/// comes near (the longest known body name has 10 words); the limits keep a
/// long line of prose from costing quadratic time.
pub(crate) const MAX_PHRASE_TOKENS: usize = 16;
pub(crate) const MAX_PHRASE_BYTES: usize = 120;

/// If `text` ends with the phrase whose folded form is `phrase`, as whole
/// words, the byte offset where the printed match starts.
#[cfg(test)]
pub(crate) fn suffix_start(text: &str, phrase: &str) -> Option<usize> {
    crate::folds::SuffixFolds::new(text).start_of(phrase)
}

/// Byte offsets in `text` where the phrase whose folded form is `phrase`
/// starts, as whole words, with its printed length.
pub(crate) fn phrase_matches(text: &str, phrase: &str) -> Vec<(usize, usize)> {
    let first = phrase.split(' ').next().unwrap_or("");
    let mut out = Vec::new();
    for start in token_starts(text) {
        let token = text[start..].split_whitespace().next().unwrap_or("");
        if !fold(token).starts_with(first) {
            continue;
        }
        if let Some(len) = prefix_len(&text[start..], phrase) {
            out.push((start, len));
        }
    }
    out
}

/// [`char::is_alphanumeric`], told without Unicode's tables for ASCII and
/// for the Latin letters Vietnamese is printed in (Latin-1 but `×` and `÷`,
/// Latin Extended-A and -B, Latin Extended Additional: letters all). The
/// readers ask it of every character of many texts, and the library's
/// table search for a character outside ASCII costs hundreds of
/// instructions; `tests::letters_and_digits_as_unicode` checks every
/// character.
#[inline]
pub fn is_letter_or_digit(c: char) -> bool {
    match c {
        '\0'..='\x7f' => c.is_ascii_alphanumeric(),
        '×' | '÷' => false,
        '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}' => true,
        _ => c.is_alphanumeric(),
    }
}

/// Whether `c` can continue a word of a folded string (letters, digits, and
/// the `~` that [`fold`] puts before a word's tone marks).
pub(crate) fn is_word_char(c: char) -> bool {
    is_letter_or_digit(c) || c == '~' || unicode_mark(c)
}

fn unicode_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}')
}

/// Whether the folded string `hay` contains the folded `phrase` as whole words.
pub(crate) fn contains_words(hay: &str, phrase: &str) -> bool {
    if phrase.is_empty() {
        return false;
    }
    // Most phrases do not occur at all, which `str::contains` tells fast.
    if !hay.contains(phrase) {
        return false;
    }
    let mut from = 0;
    while let Some(i) = hay[from..].find(phrase) {
        let start = from + i;
        let end = start + phrase.len();
        let before_ok = hay[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !is_word_char(c));
        let after_ok = hay[end..].chars().next().is_none_or(|c| !is_word_char(c));
        if before_ok && after_ok {
            return true;
        }
        from = start + hay[start..].chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// Whether the folded string `hay` ends with the folded `phrase` as whole words.
pub(crate) fn ends_with_words(hay: &str, phrase: &str) -> bool {
    let hay = hay.trim_end();
    !phrase.is_empty()
        && hay.ends_with(phrase)
        && hay[..hay.len() - phrase.len()]
            .chars()
            .next_back()
            .is_none_or(|c| !is_word_char(c))
}

/// Whether the folded string `hay` starts with the folded `phrase` as whole words.
pub(crate) fn starts_with_words(hay: &str, phrase: &str) -> bool {
    let hay = hay.trim_start();
    !phrase.is_empty()
        && hay.starts_with(phrase)
        && hay[phrase.len()..]
            .chars()
            .next()
            .is_none_or(|c| !is_word_char(c))
}

/// Whether the first letter of the token is upper case, or the token starts
/// with a digit: such a token continues a proper name ("Phòng **Kinh** tế",
/// "Thôn **1**").
pub(crate) fn starts_proper(token: &str) -> bool {
    token
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// `s` with its first letter in lower case.
pub(crate) fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    let mut out = String::with_capacity(s.len() + 4);
    if let Some(c) = chars.next() {
        out.extend(c.to_lowercase());
        out.push_str(chars.as_str());
    }
    out
}

/// [`upper_first`] of `s`, without a copy when its first character is upper
/// case already.
pub(crate) fn upper_first_owned(s: String) -> String {
    let Some(first) = s.chars().next() else {
        return s;
    };
    let mut upper = first.to_uppercase();
    if upper.len() == 1 && upper.next() == Some(first) {
        s
    } else {
        upper_first(&s)
    }
}

/// `s` with its first letter in upper case.
pub(crate) fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    let mut out = String::with_capacity(s.len() + 4);
    if let Some(c) = chars.next() {
        out.extend(c.to_uppercase());
        out.push_str(chars.as_str());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_and_digits_as_unicode() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_letter_or_digit(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn whole_word_matching() {
        let ph = fold("Phòng Kinh tế");
        assert_eq!(
            prefix_len("Phòng Kinh tế, Hạ tầng", &ph),
            Some("Phòng Kinh tế".len())
        );
        assert_eq!(
            prefix_len("phòng kinh tế", &ph),
            Some("phòng kinh tế".len())
        );
        assert_eq!(prefix_len("Phòng Kinh tếx", &ph), None);
        assert_eq!(
            suffix_start("Công an xã.", &fold("xã")),
            Some("Công an ".len())
        );
        assert_eq!(
            suffix_start("Hợp tác xã", &fold("tác xã")),
            Some("Hợp ".len())
        );
        let hay = fold("Thường xuyên theo triển khai");
        assert!(contains_words(&hay, &fold("thường xuyên")));
        assert!(!contains_words(&fold("nằm"), &fold("năm")));
        assert!(ends_with_words(&fold("Thường xuyên, từ "), &fold("từ")));
    }
}
