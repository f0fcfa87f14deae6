//! Whole-word phrase matching that ignores what the contract calls noise.
//!
//! Rule phrases are compared through [`kehoach_text::fold`] (case, tone
//! placement, dash variants, spacing), always on whole words: a match starts
//! at the beginning of a whitespace-separated token and ends at the end of
//! one. Positions returned are byte offsets into the original text, so the
//! caller can cut the printed text where the phrase begins or ends.

use kehoach_text::fold;

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

/// `end` moved back over trailing punctuation and spaces that [`fold`] ignores.
fn trim_back(s: &str, end: usize) -> usize {
    s[..end]
        .trim_end_matches(|c: char| c.is_whitespace() || ".;,:".contains(c))
        .len()
}

/// Longest rule phrase tried, in tokens and in printed bytes. No rule phrase
/// comes near (the longest known body name has 10 words); the limits keep a
/// long line of prose from costing quadratic time.
pub(crate) const MAX_PHRASE_TOKENS: usize = 16;
pub(crate) const MAX_PHRASE_BYTES: usize = 120;

/// The folded prefixes of a text, one per whitespace-separated token end, so
/// that many phrases can be tried against the start of the same text.
pub(crate) struct PrefixFolds<'a> {
    text: &'a str,
    folds: Vec<(usize, String)>,
}

impl<'a> PrefixFolds<'a> {
    pub(crate) fn new(text: &'a str) -> PrefixFolds<'a> {
        let folds = token_ends(text)
            .into_iter()
            .take(MAX_PHRASE_TOKENS)
            .take_while(|&end| end <= MAX_PHRASE_BYTES)
            .map(|end| (end, fold(&text[..end])))
            .collect();
        PrefixFolds { text, folds }
    }

    /// If the text begins with the phrase whose folded form is `phrase`, as
    /// whole words, the byte length of the printed match (without trailing
    /// punctuation).
    pub(crate) fn len_of(&self, phrase: &str) -> Option<usize> {
        if phrase.is_empty() {
            return None;
        }
        let (end, _) = self.folds.iter().find(|(_, f)| f == phrase)?;
        let len = trim_back(self.text, *end);
        (len > 0).then_some(len)
    }
}

/// If `text` begins with the phrase whose folded form is `phrase`, as whole
/// words, the byte length of the printed match (without trailing
/// punctuation).
pub(crate) fn prefix_len(text: &str, phrase: &str) -> Option<usize> {
    PrefixFolds::new(text).len_of(phrase)
}

/// The folded suffixes of a text, one per whitespace-separated token start
/// near its end, so that many phrases can be tried against its end.
pub(crate) struct SuffixFolds {
    folds: Vec<(usize, String)>,
}

impl SuffixFolds {
    pub(crate) fn new(text: &str) -> SuffixFolds {
        let near_end = text.len().saturating_sub(MAX_PHRASE_BYTES);
        let folds = token_starts(text)
            .into_iter()
            .filter(|&start| start >= near_end)
            .map(|start| (start, fold(&text[start..])))
            .collect();
        SuffixFolds { folds }
    }

    /// If the text ends with the phrase whose folded form is `phrase`, as
    /// whole words, the byte offset where the printed match starts.
    pub(crate) fn start_of(&self, phrase: &str) -> Option<usize> {
        if phrase.is_empty() {
            return None;
        }
        self.folds
            .iter()
            .find(|(_, f)| f == phrase)
            .map(|(start, _)| *start)
    }
}

/// If `text` ends with the phrase whose folded form is `phrase`, as whole
/// words, the byte offset where the printed match starts.
#[cfg(test)]
pub(crate) fn suffix_start(text: &str, phrase: &str) -> Option<usize> {
    SuffixFolds::new(text).start_of(phrase)
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

/// Whether `c` can continue a word of a folded string (letters, digits, and
/// the `~` that [`fold`] puts before a word's tone marks).
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '~' || unicode_mark(c)
}

fn unicode_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}')
}

/// Whether the folded string `hay` contains the folded `phrase` as whole words.
pub(crate) fn contains_words(hay: &str, phrase: &str) -> bool {
    if phrase.is_empty() {
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
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `s` with its first letter in upper case.
pub(crate) fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
