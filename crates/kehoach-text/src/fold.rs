//! Folding and cleaning of Vietnamese strings.

use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;

/// Combining tone marks (huyền, sắc, ngã, hỏi, nặng). Vowel-quality marks
/// (circumflex, breve, horn) are letters in Vietnamese and are kept.
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}')
}

/// Collapses whitespace to single spaces and trims; NFC.
pub fn clean(s: &str) -> String {
    // Most cells are clean already: single spaces, no edges, NFC.
    if is_clean(s) {
        return s.to_string();
    }
    collapse(s)
}

/// [`clean`] for text already in NFC, such as a [`Line`](crate::Line)'s text
/// or a part of one cut at whitespace, a tab or a pipe: only its whitespace
/// is collapsed. (Whitespace joins with nothing around it, so collapsing it
/// keeps NFC text NFC.)
pub fn clean_spaces(s: &str) -> String {
    debug_assert!(
        unicode_normalization::is_nfc(s),
        "clean_spaces: not NFC: {s:?}"
    );
    if is_single_spaced(s) {
        s.to_string()
    } else {
        single_spaced(s)
    }
}

/// [`clean`] for a string of one's own: kept as it is when clean already.
fn clean_owned(s: String) -> String {
    if is_clean(&s) {
        s
    } else {
        collapse(&s)
    }
}

/// Whether [`clean`] leaves `s` as it is.
fn is_clean(s: &str) -> bool {
    is_single_spaced(s) && is_nfc(s)
}

/// The words of `s` (split at [`char::is_whitespace`]) joined with single
/// spaces, as `s.split_whitespace()` joined with `" "` gives them. The
/// words are found on the UTF-8 bytes ([`words`]) and copied whole, rather
/// than character by character: lines with tabs (table rows of DOCX
/// exports) come here often.
pub fn single_spaced(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in words(s) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The length in bytes of the whitespace character that starts at byte
/// `i` of `b` (UTF-8), 0 when none does.
#[inline]
fn whitespace_len(b: &[u8], i: usize) -> usize {
    let x = b[i];
    // Most bytes are told by the table.
    if !MAY_START_SPACE[usize::from(x)] {
        return 0;
    }
    if x < 0x80 {
        return 1;
    }
    let y = b.get(i + 1).copied().unwrap_or(0);
    let z = b.get(i + 2).copied().unwrap_or(0);
    match (x, starts_space_but_ascii_space(x, y, z)) {
        (_, false) => 0,
        (0xC2, true) => 2,
        (_, true) => 3,
    }
}

/// The words of `s`: what `s.split_whitespace()` gives, found on the UTF-8
/// bytes (`whitespace_len`) rather than character by character. Table
/// lines are cut into words many times over; most of their bytes are
/// letters, told at once by a table.
pub fn words(s: &str) -> Words<'_> {
    Words { s, at: 0 }
}

/// The iterator of [`words`].
#[derive(Debug, Clone)]
pub struct Words<'a> {
    s: &'a str,
    /// Where the next word is looked for: a character boundary.
    at: usize,
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        let b = self.s.as_bytes();
        let mut at = self.at;
        // Whitespace before the word.
        loop {
            if at >= b.len() {
                self.at = at;
                return None;
            }
            match whitespace_len(b, at) {
                0 => break,
                n => at += n,
            }
        }
        let start = at;
        // The word: up to the next whitespace. A continuation byte starts
        // no whitespace, so the bytes can be walked one by one.
        at += 1;
        while at < b.len() && whitespace_len(b, at) == 0 {
            at += 1;
        }
        self.at = at;
        Some(&self.s[start..at])
    }
}

/// The bytes that may start a whitespace character ([`whitespace_len`]):
/// ASCII space, `\t` to `\r`, and the lead bytes `C2`, `E1`, `E2`, `E3`.
static MAY_START_SPACE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = matches!(b as u8, b' ' | b'\t'..=b'\r' | 0xC2 | 0xE1 | 0xE2 | 0xE3);
        b += 1;
    }
    table
};

/// [`clean`]'s work on text that needs it.
fn collapse(s: &str) -> String {
    let out = single_spaced(s);
    if is_nfc(&out) {
        out
    } else {
        out.nfc().collect()
    }
}

/// Whether the only whitespace in `s` is single spaces between words, and
/// none at its edges: what [`clean`] leaves as it is, but for NFC.
pub fn is_single_spaced(s: &str) -> bool {
    let bytes = s.as_bytes();
    bytes.first() != Some(&b' ')
        && bytes.last() != Some(&b' ')
        && !any_at(bytes, |b0, b1, b2| {
            (b0 == b' ' && b1 == b' ') | starts_space_but_ascii_space(b0, b1, b2)
        })
}

/// Whether UTF-8 bytes starting `b0 b1 b2` start a whitespace character
/// other than the ASCII space: `\t` to `\r`, U+0085, U+00A0, U+1680,
/// U+2000..=U+200A, U+2028, U+2029, U+202F, U+205F, U+3000: what
/// [`char::is_whitespace`] says (`tests::byte_level_checks_agree_with_char_level`
/// checks).
fn starts_space_but_ascii_space(b0: u8, b1: u8, b2: u8) -> bool {
    (b0.wrapping_sub(b'\t') <= b'\r' - b'\t')
        | (b0 == 0xC2 && (b1 == 0x85 || b1 == 0xA0))
        | (b0 == 0xE1 && b1 == 0x9A && b2 == 0x80)
        | (b0 == 0xE2
            && ((b1 == 0x80 && (b2 <= 0x8A || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF))
                || (b1 == 0x81 && b2 == 0x9F)))
        | (b0 == 0xE3 && b1 == 0x80 && b2 == 0x80)
}

/// Whether `pred` holds at some byte of `bytes`, given that byte and the two
/// after it (0 past the end): enough to recognise any character up to
/// U+FFFF by its UTF-8 bytes. Asks at every byte, with no early exit, so
/// that the compiler can ask many bytes at once.
fn any_at(bytes: &[u8], pred: impl Fn(u8, u8, u8) -> bool) -> bool {
    let next = bytes.get(1..).unwrap_or_default();
    let after = bytes.get(2..).unwrap_or_default();
    let inner = bytes
        .iter()
        .zip(next)
        .zip(after)
        .fold(false, |any, ((&b0, &b1), &b2)| any | pred(b0, b1, b2));
    inner
        || (bytes.len().saturating_sub(2)..bytes.len()).any(|i| {
            let b1 = bytes.get(i + 1).copied().unwrap_or(0);
            pred(bytes[i], b1, 0)
        })
}

/// Whether `s` is in NFC. Text below U+0300 (ASCII and Latin-1 to Latin
/// Extended-B), Latin Extended Additional (precomposed Vietnamese), general
/// punctuation from U+2002 (dashes, quotes, ellipsis; the two quads before
/// it decompose to other spaces) and `≤` `≥` is NFC whatever its order, and
/// is recognised on the UTF-8 bytes; only other text needs Unicode's quick
/// check.
pub fn is_nfc(s: &str) -> bool {
    surely_nfc(s)
        || unicode_normalization::is_nfc_quick(s.chars())
            == unicode_normalization::IsNormalized::Yes
}

/// Whether [`is_nfc`] knows `s` to be NFC from its bytes alone, without
/// Unicode's quick check.
pub(crate) fn surely_nfc(s: &str) -> bool {
    !any_at(s.as_bytes(), starts_unstable)
}

/// Whether UTF-8 bytes starting `b0 b1 b2` start a character that [`is_nfc`]
/// does not know to be NFC whatever surrounds it: one from U+0300 on, but
/// U+1E00..=U+1EFF, U+2002..=U+206F, U+2264 and U+2265. (A continuation
/// byte, `80` to `BF`, starts no character.)
fn starts_unstable(b0: u8, b1: u8, b2: u8) -> bool {
    (b0 >= 0xCC)
        & !(b0 == 0xE1 && (0xB8..=0xBB).contains(&b1))
        & !(b0 == 0xE2
            && ((b1 == 0x80 && b2 >= 0x82)
                || (b1 == 0x81 && b2 <= 0xAF)
                || (b1 == 0x89 && (b2 == 0xA4 || b2 == 0xA5))))
}

/// Joins the lines of one wrapped table cell the way the contract says: one
/// space between lines, except after a hyphen glued to a letter
/// (`VH-` + `XH` → `VH-XH`).
pub fn join_wrapped<'a, I>(parts: I) -> String
where
    I: IntoIterator<Item = &'a str>,
    I::IntoIter: Clone,
{
    clean_owned(join_parts(parts.into_iter().map(str::trim)))
}

/// [`join_wrapped`] of parts that are clean already ([`clean`] leaves each
/// as it is), such as words of the source text's lines and texts joined
/// from them. Joined with a space, or glued after a hyphen, they make a
/// clean text: single spaces and no edges, and NFC, since neither a space
/// nor a hyphen composes with what follows it. So the text is not looked
/// over again (a debug build checks).
pub fn join_clean_wrapped<'a, I>(parts: I) -> String
where
    I: IntoIterator<Item = &'a str>,
    I::IntoIter: Clone,
{
    let out = join_parts(parts.into_iter());
    // `is_clean` may say no to NFC text (Unicode's quick check answers
    // "maybe" for a combining mark, such as an acute after `Ỵ`, which has
    // no precomposed form): the debug check asks the full test.
    debug_assert!(
        is_single_spaced(&out) && unicode_normalization::is_nfc(&out),
        "join_clean_wrapped: not clean: {out:?}"
    );
    out
}

/// The non-empty `parts` joined as [`join_wrapped`] joins them.
fn join_parts<'a>(parts: impl Iterator<Item = &'a str> + Clone) -> String {
    // Room for every part and a space after each: the text is then never
    // copied as it grows.
    let mut out = String::with_capacity(parts.clone().map(|p| p.len() + 1).sum());
    for p in parts {
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
    out
}

/// The comparison key of a string: NFD, lower case, each word's tone marks
/// moved to its end (so `hoá` and `hóa`, `uỷ` and `ủy` agree), every dash
/// a `-` with no space around it, no space around `/`, single spaces, no
/// trailing punctuation. Two strings that differ only by what the contract
/// calls noise have the same key.
pub fn fold(s: &str) -> String {
    fold_fast(s).unwrap_or_else(|| fold_slow(s))
}

/// Per precomposed Latin letter: its lower-case base without tone mark, and
/// the tone's digit (0 for none). Built once from the Unicode decompositions,
/// so that folding NFC Vietnamese text needs no normalisation pass.
static LATIN: LazyLock<Latin> = LazyLock::new(Latin::new);

/// Lookup table of [`LATIN`]: two dense blocks, Latin-1 to Latin Extended-B
/// and Latin Extended Additional (where Vietnamese letters live).
struct Latin {
    blocks: [LatinBlock; 2],
}

/// First code point of a block, and per code point its folded letter and tone digit.
type LatinBlock = (u32, Vec<Option<(char, u8)>>);

impl Latin {
    fn new() -> Latin {
        let block = |from: u32, to: u32| {
            let entries = (from..=to)
                .map(|u| {
                    let c = char::from_u32(u)?;
                    let tones: Vec<usize> = c
                        .nfd()
                        .filter_map(|m| TONES.iter().position(|&t| t == m))
                        .collect();
                    if tones.len() > 1 {
                        return None;
                    }
                    let base: String = c.nfd().filter(|m| !TONES.contains(m)).nfc().collect();
                    let mut chars = base.chars();
                    let (Some(b), None) = (chars.next(), chars.next()) else {
                        return None;
                    };
                    let mut lower = b.to_lowercase();
                    let (Some(l), None) = (lower.next(), lower.next()) else {
                        return None;
                    };
                    Some((l, tones.first().map_or(0, |&t| t as u8 + 1)))
                })
                .collect();
            (from, entries)
        };
        Latin {
            blocks: [block(0x00C0, 0x024F), block(0x1E00, 0x1EFF)],
        }
    }

    fn get(&self, c: char) -> Option<(char, u8)> {
        let u = c as u32;
        // The blocks `new` builds.
        let (from, entries) = match u {
            0x00C0..=0x024F => &self.blocks[0],
            0x1E00..=0x1EFF => &self.blocks[1],
            _ => return None,
        };
        entries[(u - from) as usize]
    }
}

/// [`fold`] in one pass for text made of ASCII and precomposed Latin letters
/// (NFC Vietnamese); `None` for anything else, which takes the general path.
///
/// Tightens as it goes: what [`tighten`] does to the folded words is done
/// at each gap between them, so the folded text is written once.
fn fold_fast(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len() + 8);
    // Tone digits of the word being written, written after it.
    let mut tones = Tones::default();
    // Whitespace since the last character written.
    let mut gap = false;
    let latin = &*LATIN;
    for c in s.chars() {
        let letter = if c.is_ascii() {
            c.is_ascii_alphanumeric()
                .then(|| (c.to_ascii_lowercase(), 0))
        } else if let Some(folded) = latin.get(c) {
            Some(folded)
        } else if c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c) {
            return None;
        } else {
            None
        };
        let next = match letter {
            Some((l, tone)) => {
                if tone > 0 {
                    tones.push(b'0' + tone);
                }
                l
            }
            None => {
                tones.write_to(&mut out);
                if c.is_whitespace() {
                    gap = true;
                    continue;
                }
                if is_dash(c) {
                    '-'
                } else {
                    c
                }
            }
        };
        if gap {
            gap = false;
            if !out.is_empty() && !glued(&out, next) {
                out.push(' ');
            }
        }
        out.push(next);
    }
    tones.write_to(&mut out);
    out.truncate(out.trim_end_matches(|c: char| ".;,:".contains(c)).len());
    Some(out)
}

/// The tone digits of the word [`fold_fast`] is writing: a word has a few,
/// kept without an allocation (more than 16 go to a string).
#[derive(Default)]
struct Tones {
    digits: [u8; 16],
    len: usize,
    more: String,
}

impl Tones {
    fn push(&mut self, digit: u8) {
        if self.len < self.digits.len() {
            self.digits[self.len] = digit;
            self.len += 1;
        } else {
            self.more.push(char::from(digit));
        }
    }

    /// Writes `~` and the digits, if any, after the word, and forgets them.
    fn write_to(&mut self, out: &mut String) {
        if self.len == 0 {
            return;
        }
        out.push('~');
        out.extend(self.digits[..self.len].iter().map(|&d| char::from(d)));
        out.push_str(&self.more);
        self.len = 0;
        self.more.clear();
    }
}

fn fold_slow(s: &str) -> String {
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
    tighten(&out)
}

/// Spacing around dashes and slashes, runs of spaces, trailing punctuation.
fn tighten(out: &str) -> String {
    let mut tight = String::with_capacity(out.len());
    for w in out.split_whitespace() {
        if !tight.is_empty() && !w.starts_with(|c| glued(&tight, c)) {
            tight.push(' ');
        }
        tight.push_str(w);
    }
    tight
        .trim_end_matches(|c: char| c.is_whitespace() || ".;,:".contains(c))
        .to_string()
}

/// Whether a folded word starting with `next` is written without a space
/// after `before`: after a dash or slash, and before a dash, slash or
/// punctuation.
fn glued(before: &str, next: char) -> bool {
    before.ends_with(['-', '/']) || matches!(next, '-' | '/' | ',' | '.' | ';' | ':')
}

/// Removes every diacritic (and maps `đ` to `d`): the accent-insensitive
/// form, for slugs and loose matching.
pub fn strip_marks(s: &str) -> String {
    unmarked_chars(s).collect()
}

/// The characters of [`strip_marks`]: the canonical decomposition without
/// its combining marks, `đ` as `d`.
fn unmarked_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    unmarked(s.chars())
}

/// The characters of `strip_marks(&s.to_lowercase())`, one at a time and
/// without building either string: a caller that looks for a short key
/// can stop at the first character that differs. The same characters, but
/// for a final `Σ`, which `str::to_lowercase` makes `ς` and this `σ`.
pub fn lower_unmarked_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    unmarked(s.chars().flat_map(char::to_lowercase))
}

/// [`unmarked_chars`] of any stream of characters.
fn unmarked(chars: impl Iterator<Item = char>) -> impl Iterator<Item = char> {
    chars
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            c => c,
        })
}

/// Whether `strip_marks(s).to_lowercase()` starts with the ASCII `prefix`, found
/// without building either string: the marks are dropped from the
/// canonical decomposition a character at a time, and it stops at the
/// first character that differs. (`str::to_lowercase` differs from
/// lower-casing each character only for a final `Σ`, which no prefix of
/// ASCII can match either way.)
pub fn unmarked_starts_with(s: &str, prefix: &str) -> bool {
    debug_assert!(prefix.is_ascii());
    let mut folded = unmarked_chars(s).flat_map(char::to_lowercase);
    prefix.chars().all(|want| folded.next() == Some(want))
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

    /// A part that is NFC but ends with a combining mark that has no
    /// precomposed form with its letter (found by fuzzing: `Ỵ` + acute) is
    /// clean, and joins as it is.
    #[test]
    fn clean_parts_with_a_lone_combining_mark_join() {
        assert_eq!(join_clean_wrapped(["1", "Ỵ\u{301}"]), "1 Ỵ\u{301}");
        assert_eq!(join_wrapped(["Ỵ\u{301}", "x"]), "Ỵ\u{301} x");
    }
    use unicode_normalization::IsNormalized;

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

    /// [`lower_unmarked_chars`] gives `strip_marks(&s.to_lowercase())` on
    /// every corpus line and on odd ones (no final `Σ` among them).
    #[test]
    fn lower_unmarked_chars_as_strip_marks_of_lowercase() {
        let mut lines: Vec<String> = ["İTT", "ẞ", "ǅ", "Ṭ\u{323}\u{301}T", "\u{301}a", "Đ đ", ""]
            .iter()
            .map(|s| s.to_string())
            .collect();
        for text in crate::corpus_texts() {
            lines.extend(text.lines().map(str::to_string));
        }
        for line in &lines {
            let lazy: String = lower_unmarked_chars(line).collect();
            assert_eq!(lazy, strip_marks(&line.to_lowercase()), "{line:?}");
        }
    }

    #[test]
    fn fast_fold_equals_general_fold_on_the_corpus() {
        let mut checked = 0;
        for text in crate::corpus_texts() {
            for line in text.lines() {
                let line: String = line.nfc().collect();
                if let Some(fast) = fold_fast(&line) {
                    assert_eq!(fast, fold_slow(&line), "{line}");
                    checked += 1;
                }
                let nfd: String = line.nfd().collect();
                assert_eq!(fold(&nfd), fold_slow(&line), "NFD {line}");
            }
        }
        assert!(checked > 1000, "fast path taken on {checked} lines only");
    }

    #[test]
    fn nfc_check_agrees_with_unicode() {
        for s in [
            "Phòng Văn hóa – Xã hội",
            "ASCII only",
            "Ho\u{300}a",
            "e\u{301}",
            "Kế hoạch số 78/KH-UBND",
            "ℌ",
            "Å",
            "“phi tiếp xúc”",
            "≥ 80 … ≤ 5",
            "a\u{2000}b",
            "a\u{2001}b",
        ] {
            let unicode = unicode_normalization::is_nfc(s);
            assert_eq!(is_nfc(s), unicode, "{s:?}");
        }
    }

    /// The characters [`is_nfc`] knows to be NFC whatever surrounds them.
    fn always_nfc(c: char) -> bool {
        let u = c as u32;
        u < 0x300
            || (0x1E00..=0x1EFF).contains(&u)
            || (0x2002..=0x206F).contains(&u)
            || u == 0x2264
            || u == 0x2265
    }

    /// On NFC text, collapsing whitespace is all [`clean`] does; joined
    /// lines come out clean.
    #[test]
    fn clean_spaces_agrees_with_clean_on_nfc_text() {
        for s in [
            "Kế hoạch",
            "  Ủy ban   nhân dân\txã ",
            "\u{a0}Phòng\u{2003}Văn hóa\u{a0}",
            "Đạt  ≥ 95% – “Quý IV”",
            "",
            "   ",
        ] {
            assert!(is_nfc(s), "{s:?}");
            assert_eq!(clean_spaces(s), clean(s), "{s:?}");
        }
        assert_eq!(
            join_wrapped(["VH-", " XH ", "", "và  Thể thao"]),
            "VH-XH và Thể thao"
        );
        assert_eq!(join_wrapped(["Ho\u{323}", "a\u{301}"]), "Họ á");
    }

    #[test]
    fn single_spaced_joins_the_words() {
        let mut texts: Vec<String> = vec![
            "".into(),
            " ".into(),
            "a".into(),
            "\tKế hoạch\t\t số  5 ".into(),
            "x\u{a0}y\u{2003}z\u{3000}w\u{85}v\u{1680}u\u{2028}t\u{202f}s\u{205f}r".into(),
            "“Ước” – ≥ 5%\u{200b}x\u{2060}y\u{2030}".into(),
        ];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            texts.push(format!("a{c}b {c}"));
        }
        for t in &texts {
            let words: Vec<&str> = t.split_whitespace().collect();
            assert_eq!(single_spaced(t), words.join(" "), "{t:?}");
            assert_eq!(is_single_spaced(t), single_spaced(t) == *t, "{t:?}");
        }
    }

    /// [`words`] cuts as `split_whitespace` does: around every character
    /// (whitespace or not, of every length), and on the seed plans' lines.
    #[test]
    fn words_are_split_whitespace() {
        let same = |s: &str| {
            assert_eq!(
                words(s).collect::<Vec<_>>(),
                s.split_whitespace().collect::<Vec<_>>(),
                "{s:?}"
            );
        };
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            for s in [
                format!("{c}"),
                format!("a{c}b"),
                format!(" {c} x"),
                format!("{c}{c}ệ {c}"),
                format!("\u{a0}{c}\u{3000}"),
            ] {
                same(&s);
            }
        }
        let mut lines = 0;
        for text in crate::corpus_texts() {
            for line in text.lines() {
                same(line);
                lines += 1;
            }
            same(&text);
        }
        assert!(lines > 1000);
    }

    /// [`unmarked_starts_with`] is `strip_marks` and `to_lowercase`, then
    /// `starts_with`.
    #[test]
    fn unmarked_prefixes() {
        let texts = [
            "Phụ lục 1",
            "PHỤ LỤC II",
            "Phu\u{323} lu\u{323}c",
            "Phòng Văn hóa",
            "phu lu",
            "Phụ lục",
            "ΣΣ",
            "Đồng",
            "",
            "p",
            "Ph\u{1e23}u luc",
        ];
        for s in texts {
            for prefix in ["phu luc", "dong", "", "p"] {
                assert_eq!(
                    unmarked_starts_with(s, prefix),
                    strip_marks(s).to_lowercase().starts_with(prefix),
                    "{s:?} {prefix:?}"
                );
            }
        }
    }

    /// The byte-level checks say of every character what they say they do.
    #[test]
    fn byte_level_checks_agree_with_char_level() {
        let starts = |c: char| {
            let mut buf = [0; 4];
            let b = c.encode_utf8(&mut buf).as_bytes();
            (
                b[0],
                b.get(1).copied().unwrap_or(0),
                b.get(2).copied().unwrap_or(0),
            )
        };
        // Every character of three bytes or fewer, and some of four.
        let chars = (0..=0xFFFF).chain([0x10000, 0x1F600, 0x10FFFF]);
        for c in chars.filter_map(char::from_u32) {
            let (b0, b1, b2) = starts(c);
            let space = c.is_whitespace() && c != ' ';
            assert_eq!(starts_space_but_ascii_space(b0, b1, b2), space, "{c:?}");
            assert_eq!(starts_unstable(b0, b1, b2), !always_nfc(c), "{c:?}");
            for s in [
                format!("{c}"),
                format!("a {c}"),
                format!("{c}b c"),
                format!("ab{c}"),
            ] {
                let tidy = !s.starts_with(char::is_whitespace)
                    && !s.ends_with(char::is_whitespace)
                    && !s.contains("  ")
                    && !s.contains(|c: char| c.is_whitespace() && c != ' ');
                assert_eq!(is_single_spaced(&s), tidy, "{s:?}");
            }
            for s in [format!("{c}"), format!("a{c}"), format!("{c}\u{301}")] {
                let quick = unicode_normalization::is_nfc_quick(s.chars());
                let nfc = s.chars().all(always_nfc) || quick == IsNormalized::Yes;
                assert_eq!(is_nfc(&s), nfc, "{s:?}");
            }
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
