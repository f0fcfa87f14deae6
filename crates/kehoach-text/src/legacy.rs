//! Legacy Vietnamese encodings: TCVN3 (ABC), VNI and Windows-1258.
//!
//! Plans typed before Unicode became the norm still circulate in two font
//! encodings and one code page:
//!
//! - **TCVN3 (ABC)**, TCVN 5712:1993 table VN3: the `.VnTime`, `.VnArial`…
//!   fonts, one byte per letter. The `…H` fonts (`.VnTimeH`) draw every code
//!   as a capital: see [`Legacy::Tcvn3Upper`].
//! - **VNI**: the `VNI-Times`, `VNI-Helve`… fonts, an ASCII base letter
//!   followed by a mark byte.
//! - **Windows-1258**: base letters plus combining tone marks.
//!
//! In a PDF the first two come out of the text layer as the Latin-1 /
//! WinAnsi characters of their bytes (`Céng hoµ` for "Cộng hoà"): use
//! [`Legacy::from_font_name`] on the font and [`convert`] on its text. A text
//! file in any of the three is not valid UTF-8: [`decode_bytes`] guesses
//! which one it is. Everything returned is NFC.
//!
//! The byte tables are data, in `rules/tcvn3.tsv` and `rules/vni.tsv`, with
//! where they come from in their headers. Windows-1258 is `encoding_rs`'s.

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;

/// The font encoding of a run of PDF text, named by its font.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Legacy {
    /// TCVN3 (ABC) in a font with small letters: `.VnTime`, `.VnArial`…
    Tcvn3,
    /// TCVN3 in an all-capitals font: `.VnTimeH`, `.VnArialH`… The same
    /// codes as [`Legacy::Tcvn3`], every letter shown as a capital.
    Tcvn3Upper,
    /// VNI: `VNI-Times`, `VNI-Helve`…
    Vni,
}

/// ABC font family names, for font names that lost their leading dot.
const ABC_STEMS: &[&str] = &[
    "time",
    "arial",
    "avant",
    "bodoni",
    "book",
    "black",
    "century",
    "clarendon",
    "cooper",
    "courier",
    "free",
    "gothic",
    "helvet",
    "lincoln",
    "memorandum",
    "park",
    "souther",
    "stamp",
    "univers",
];

/// Style words that PDF producers append to a family name.
const STYLE_SUFFIXES: &[&str] = &[
    "bolditalic",
    "boldoblique",
    "italic",
    "oblique",
    "bold",
    "regular",
    "roman",
    "normal",
    "psmt",
    "mt",
    "-",
];

impl Legacy {
    /// The legacy encoding of a font, from its name as a PDF gives it, or
    /// `None` for any other font.
    ///
    /// Accepts a subset prefix (`ABCDEF+.VnTime`), the PDF name escape `#2E`
    /// for the dot, style suffixes (`.VnTimeH-Bold`, `.VnTime,Italic`) and any
    /// case. The `…H` ABC fonts are [`Legacy::Tcvn3Upper`].
    ///
    /// ```
    /// use kehoach_text::legacy::Legacy;
    /// assert_eq!(Legacy::from_font_name("QRSTUV+.VnTimeH,Bold"), Some(Legacy::Tcvn3Upper));
    /// assert_eq!(Legacy::from_font_name("VNI-Times"), Some(Legacy::Vni));
    /// assert_eq!(Legacy::from_font_name("TimesNewRomanPSMT"), None);
    /// ```
    pub fn from_font_name(name: &str) -> Option<Legacy> {
        let name = name.trim();
        let name = match name.split_once('+') {
            Some((tag, rest)) if tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()) => {
                rest
            }
            _ => name,
        };
        let key: String = name
            .to_ascii_lowercase()
            .replace("#2e", ".")
            .replace("#20", "")
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '_')
            .collect();
        let abc = if let Some(rest) = key.strip_prefix(".vn") {
            !rest.is_empty()
        } else if let Some(rest) = key.strip_prefix("vni") {
            return (rest.is_empty() || rest.starts_with(|c: char| c == '-' || c.is_alphabetic()))
                .then_some(Legacy::Vni);
        } else if let Some(rest) = key.strip_prefix("vn") {
            ABC_STEMS.iter().any(|s| rest.starts_with(s))
        } else {
            false
        };
        if !abc {
            return None;
        }
        let mut family = key.split(',').next().unwrap_or("");
        loop {
            let before = family.len();
            for suffix in STYLE_SUFFIXES {
                family = family.strip_suffix(suffix).unwrap_or(family);
            }
            if family.len() == before {
                break;
            }
        }
        Some(if family.ends_with('h') {
            Legacy::Tcvn3Upper
        } else {
            Legacy::Tcvn3
        })
    }
}

/// The encoding [`decode_bytes`] recognised, for the warning that says the
/// text was converted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Encoding {
    /// TCVN3 (ABC), TCVN 5712:1993 VN3.
    Tcvn3,
    /// VNI for Windows.
    Vni,
    /// Windows-1258 (code page 1258).
    Windows1258,
}

impl Encoding {
    /// The encoding's usual name: `TCVN3 (ABC)`, `VNI` or `Windows-1258`.
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Tcvn3 => "TCVN3 (ABC)",
            Encoding::Vni => "VNI",
            Encoding::Windows1258 => "Windows-1258",
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Converts a PDF text-layer string in a legacy font encoding to Unicode NFC.
///
/// Each character of `text` stands for one byte of the font: characters up to
/// U+00FF are that byte, the WinAnsi characters of bytes 0x80–0x9F (`‘ ’ “ ”
/// – — …` and the rest of Windows-1252) are mapped back to their byte. Any
/// other character is kept as it is. Bytes the encoding does not use keep
/// their Windows-1252 meaning.
///
/// ```
/// use kehoach_text::legacy::{convert, Legacy};
/// assert_eq!(convert("Céng hoµ", Legacy::Tcvn3), "Cộng hoà");
/// assert_eq!(convert("kÕ ho¹ch", Legacy::Tcvn3Upper), "KẾ HOẠCH");
/// assert_eq!(convert("Vieät Nam", Legacy::Vni), "Việt Nam");
/// ```
pub fn convert(text: &str, enc: Legacy) -> String {
    let units: Vec<Unit> = text.chars().map(Unit::of_char).collect();
    match enc {
        Legacy::Tcvn3 => decode_tcvn3(&units),
        Legacy::Tcvn3Upper => decode_tcvn3(&units)
            .chars()
            .flat_map(char::to_uppercase)
            .nfc()
            .collect(),
        Legacy::Vni => decode_vni(&units),
    }
}

/// Decodes a text file that is not UTF-8 from whichever of TCVN3, VNI and
/// Windows-1258 reads most like Vietnamese, as NFC text and the encoding
/// used; `None` when none of them gives plausible Vietnamese (binary data,
/// another language, another code page).
///
/// Plausible means: few control characters (at most 1 in 100), and of the
/// words with a non-ASCII letter at least 60 % are Vietnamese syllables (an
/// onset, a vowel group Vietnamese has, a final where the group takes one,
/// at most one tone mark). The best candidate scores its good words minus
/// twice its bad ones; on a tie TCVN3 wins over VNI over Windows-1258. The
/// choice is made on the first [`SAMPLE_BYTES`] of the file. TCVN3 codes no capital with a tone, so
/// such capitals come back small (see `rules/tcvn3.tsv`). Meant for bytes
/// that failed UTF-8: it does not check for UTF-8 itself.
///
/// ```
/// use kehoach_text::legacy::{decode_bytes, Encoding};
/// let (text, enc) = decode_bytes(b"C\xE9ng ho\xB5 x\xB7 h\xE9i ch\xF1 ngh\xDCa Vi\xD6t Nam").unwrap();
/// assert_eq!((text.as_str(), enc), ("Cộng hoà xã hội chủ nghĩa Việt Nam", Encoding::Tcvn3));
/// assert_eq!(decode_bytes(b"\x00\x01\x02\xff\xfe"), None);
/// ```
pub fn decode_bytes(bytes: &[u8]) -> Option<(String, Encoding)> {
    // The encoding is chosen on the first SAMPLE_BYTES (cut after a line
    // break), and only the chosen one decodes the whole file: a big file
    // then costs one decoding, not three held at once.
    let sample = match bytes.get(..SAMPLE_BYTES) {
        Some(head) => head
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(head, |nl| &head[..=nl]),
        None => bytes,
    };
    let mut best: Option<(i64, Encoding)> = None;
    for enc in [Encoding::Tcvn3, Encoding::Vni, Encoding::Windows1258] {
        let score = Score::of(&decode_as(sample, enc));
        if !score.plausible() {
            continue;
        }
        let value = score.value();
        // Strictly better only: on a tie the earlier encoding stays.
        if best.is_none_or(|(v, _)| value > v) {
            best = Some((value, enc));
        }
    }
    let (_, enc) = best?;
    Some((decode_as(bytes, enc), enc))
}

/// How many bytes of a file [`decode_bytes`] reads to choose its encoding:
/// far more than any plan's header and first pages, far less than a file
/// whose decodings, held at once, would weigh.
pub const SAMPLE_BYTES: usize = 4 << 20;

/// `bytes` decoded as `enc`, in NFC.
fn decode_as(bytes: &[u8], enc: Encoding) -> String {
    match enc {
        Encoding::Tcvn3 => decode_tcvn3(bytes),
        Encoding::Vni => decode_vni(bytes),
        Encoding::Windows1258 => decode_windows_1258(bytes),
    }
}

// ---------------------------------------------------------------------------
// Tables.

/// Windows-1252 at 0x80–0x9F; its five unassigned bytes stay C1 controls.
const WIN1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// One byte of a legacy font, or a character that was never a byte.
#[derive(Debug, Clone, Copy)]
enum Unit {
    Byte(u8),
    Char(char),
}

/// A file's byte, read as one unit without first copying the file into
/// units (eight bytes each).
impl From<u8> for Unit {
    fn from(b: u8) -> Unit {
        Unit::Byte(b)
    }
}

impl Unit {
    fn of_char(c: char) -> Unit {
        if let Ok(b) = u8::try_from(c) {
            return Unit::Byte(b);
        }
        match WIN1252_HIGH.iter().position(|&w| w == c) {
            Some(i) => Unit::Byte(0x80 + i as u8),
            None => Unit::Char(c),
        }
    }
}

/// A byte's Windows-1252 character (Latin-1 outside 0x80–0x9F).
fn byte_char(b: u8) -> char {
    match b {
        0x80..=0x9F => WIN1252_HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

struct Tables {
    tcvn3: [Option<char>; 256],
    vni_single: [Option<char>; 256],
    vni_pair: HashMap<(u8, u8), char>,
}

/// Parses a rules file: `hex bytes <TAB> letter or U+XXXX <TAB> comment`.
/// Malformed lines are skipped (the unit tests check that there are none).
fn parse_rules(src: &str) -> Vec<(Vec<u8>, char)> {
    src.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|line| {
            let mut cols = line.split('\t');
            let bytes = cols
                .next()?
                .split(' ')
                .map(|h| u8::from_str_radix(h, 16).ok())
                .collect::<Option<Vec<u8>>>()?;
            let value = cols.next()?;
            let c = match value.strip_prefix("U+") {
                Some(hex) => char::from_u32(u32::from_str_radix(hex, 16).ok()?)?,
                None => {
                    let mut chars = value.chars();
                    let c = chars.next()?;
                    if chars.next().is_some() {
                        return None;
                    }
                    c
                }
            };
            (!bytes.is_empty()).then_some((bytes, c))
        })
        .collect()
}

const TCVN3_RULES: &str = include_str!("../rules/tcvn3.tsv");
const VNI_RULES: &str = include_str!("../rules/vni.tsv");

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut tcvn3 = [None; 256];
        for (bytes, c) in parse_rules(TCVN3_RULES) {
            if let [b] = bytes[..] {
                tcvn3[usize::from(b)] = Some(c);
            }
        }
        let mut vni_single = [None; 256];
        let mut vni_pair = HashMap::new();
        for (bytes, c) in parse_rules(VNI_RULES) {
            match bytes[..] {
                [b] => vni_single[usize::from(b)] = Some(c),
                [b, m] => {
                    vni_pair.insert((b, m), c);
                }
                _ => {}
            }
        }
        // A mark byte of the other case after a base letter reads the same.
        let flipped: Vec<((u8, u8), char)> = vni_pair
            .iter()
            .filter(|((_, m), _)| *m >= 0xC0)
            .map(|(&(b, m), &c)| ((b, m ^ 0x20), c))
            .collect();
        for (key, c) in flipped {
            vni_pair.entry(key).or_insert(c);
        }
        Tables {
            tcvn3,
            vni_single,
            vni_pair,
        }
    })
}

fn is_tone_mark(c: char) -> bool {
    matches!(c, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}')
}

fn decode_tcvn3<U: Copy + Into<Unit>>(units: &[U]) -> String {
    let table = &tables().tcvn3;
    let mut out = String::with_capacity(units.len() + units.len() / 2);
    let mut after_letter = false;
    for &unit in units {
        let c = match unit.into() {
            Unit::Char(c) => c,
            Unit::Byte(b) => match table[usize::from(b)] {
                // The tone marks at 0xB0–0xB4 only make sense on a letter.
                Some(m) if is_tone_mark(m) && !after_letter => byte_char(b),
                Some(c) => c,
                None => byte_char(b),
            },
        };
        after_letter = c.is_alphabetic();
        out.push(c);
    }
    out.nfc().collect()
}

fn decode_vni<U: Copy + Into<Unit>>(units: &[U]) -> String {
    let t = tables();
    let mut out = String::with_capacity(units.len() + units.len() / 2);
    let mut i = 0;
    while i < units.len() {
        match units[i].into() {
            Unit::Char(c) => out.push(c),
            Unit::Byte(b) => {
                if let Some(Unit::Byte(m)) = units.get(i + 1).map(|&u| u.into()) {
                    if let Some(&c) = t.vni_pair.get(&(b, m)) {
                        out.push(c);
                        i += 2;
                        continue;
                    }
                }
                out.push(t.vni_single[usize::from(b)].unwrap_or_else(|| byte_char(b)));
            }
        }
        i += 1;
    }
    out.nfc().collect()
}

fn decode_windows_1258(bytes: &[u8]) -> String {
    let (text, _) = encoding_rs::WINDOWS_1258.decode_without_bom_handling(bytes);
    text.nfc().collect()
}

// ---------------------------------------------------------------------------
// How Vietnamese a decoded text looks.

#[derive(Debug, Default)]
struct Score {
    /// Words with a non-ASCII character.
    words: usize,
    /// Of those, the ones that are Vietnamese syllables.
    good: usize,
    /// Control characters other than tab, line feed, form feed and carriage
    /// return, and U+FFFD.
    controls: usize,
    /// All characters.
    chars: usize,
}

impl Score {
    fn of(text: &str) -> Score {
        let mut score = Score::default();
        let mut word = String::new();
        for c in text.chars().chain(std::iter::once(' ')) {
            score.chars += 1;
            if (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c')) || c == '\u{fffd}' {
                score.controls += 1;
            }
            if is_separator(c) {
                if !word.is_ascii() {
                    score.words += 1;
                    score.good += usize::from(is_syllable(&word));
                }
                word.clear();
            } else {
                word.push(c);
            }
        }
        score.chars -= 1;
        score
    }

    fn plausible(&self) -> bool {
        self.good > 0 && self.good * 10 >= self.words * 6 && self.controls * 100 <= self.chars
    }

    fn value(&self) -> i64 {
        let bad = self.words - self.good;
        self.good as i64 - 2 * bad as i64
    }
}

fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || (c.is_ascii() && !c.is_ascii_alphabetic())
        || c.is_control()
        || matches!(c, '–' | '—' | '‘' | '’' | '“' | '”' | '…' | '•')
}

const ONSETS: &[&str] = &[
    "ngh", "ng", "nh", "gh", "gi", "kh", "ph", "th", "tr", "ch", "qu", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
];
const CODAS: &[&str] = &["c", "ch", "k", "m", "n", "ng", "nh", "p", "t"];
/// Vowel groups that may take a final consonant.
const CLOSABLE: &[&str] = &[
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "iê", "yê", "oa", "oă", "oe", "oo",
    "uâ", "uê", "uô", "uơ", "uy", "ươ", "uyê",
];
/// Vowel groups that end the syllable.
const OPEN: &[&str] = &[
    "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iu", "oi", "ôi", "ơi", "ui", "ưi", "ưu",
    "ua", "ưa", "iêu", "yêu", "oai", "oao", "oay", "oeo", "uây", "uôi", "ươi", "ươu", "uya", "uyu",
];

fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'a' | 'ă' | 'â' | 'e' | 'ê' | 'i' | 'o' | 'ô' | 'ơ' | 'u' | 'ư' | 'y'
    )
}

/// A lower-case letter's toneless form and whether it carried a tone mark;
/// `None` for a character outside the Vietnamese alphabet.
fn split_tone(c: char) -> Option<(char, bool)> {
    if c.is_ascii_lowercase() {
        return Some((c, false));
    }
    let mut parts = [None; 4];
    let mut n = 0;
    unicode_normalization::char::decompose_canonical(c, |d| {
        if let Some(slot) = parts.get_mut(n) {
            *slot = Some(d);
        }
        n += 1;
    });
    if n > 3 {
        return None;
    }
    let mut base = parts[0]?;
    let mut tone = false;
    for d in parts[1..n].iter().flatten() {
        if is_tone_mark(*d) && !tone {
            tone = true;
        } else {
            base = unicode_normalization::char::compose(base, *d)?;
        }
    }
    let ok = base.is_ascii_lowercase() || matches!(base, 'ă' | 'â' | 'đ' | 'ê' | 'ô' | 'ơ' | 'ư');
    (ok && (!tone || is_vowel(base))).then_some((base, tone))
}

/// Whether a word is one Vietnamese syllable: an onset, a vowel group that
/// Vietnamese has, a final consonant if that group takes one, at most one
/// tone mark.
fn is_syllable(word: &str) -> bool {
    let mut bare = String::with_capacity(word.len());
    let mut tones = 0;
    for c in word.chars().flat_map(char::to_lowercase) {
        let Some((b, tone)) = split_tone(c) else {
            return false;
        };
        tones += usize::from(tone);
        bare.push(b);
    }
    if tones > 1 {
        return false;
    }
    ONSETS.iter().any(|onset| {
        let Some(rest) = bare.strip_prefix(onset) else {
            return false;
        };
        let split = rest.find(|c: char| !is_vowel(c)).unwrap_or(rest.len());
        let (vowels, coda) = rest.split_at(split);
        if coda.is_empty() {
            CLOSABLE.contains(&vowels) || OPEN.contains(&vowels)
        } else {
            CLOSABLE.contains(&vowels) && CODAS.contains(&coda)
        }
    })
}

/// Restores the capitals TCVN3 text loses: TCVN3 has no code for a capital
/// with a tone mark, so a heading typed in capitals (`KẾ HOẠCH`, shown with
/// a `.VnTimeH` font) is stored with the small letters' codes and decodes as
/// `Kế HOạCH`. A word whose ASCII letters are capitals (two or more) while
/// its other letters are small (`HOạCH`, `NHIệM`) cannot be natural: it was
/// typed in capitals and is upper-cased, and so is a word with one ASCII
/// capital next to such a word (`Kế` before `HOạCH`). A word like `Số`
/// alone stays as it is. Markup tags (`<b>`) are left alone. A capital a
/// sentence starts with is lost for good where it is the toned letter
/// (`Ủy ban` decodes as `ủy ban`), except at the start of a table cell (after
/// a tab), where plans always write a capital, and in `Ủy ban` (`ủy ban`
/// decoded), which in a plan is always a body's name: of the words that
/// start the names of bodies, `Ủy` is the only one whose capital TCVN3
/// cannot write.
pub fn restore_capitals(text: &str) -> String {
    /// (ASCII capitals, has ASCII small letters, has other small letters),
    /// tags not counted. A capital after a small letter (`ủY`) counts twice:
    /// only typing in capitals gives that.
    fn shape(word: &str) -> (usize, bool, bool) {
        let (mut upper, mut ascii_lower, mut other_lower) = (0, false, false);
        let mut in_tag = false;
        for c in word.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                _ if in_tag => {}
                _ if c.is_ascii_uppercase() => upper += if other_lower { 2 } else { 1 },
                _ if c.is_ascii_lowercase() => ascii_lower = true,
                _ if c.is_lowercase() => other_lower = true,
                _ => {}
            }
        }
        (upper, ascii_lower, other_lower)
    }
    fn upper_outside_tags(word: &str, out: &mut String) {
        let mut in_tag = false;
        for c in word.chars() {
            if c == '<' {
                in_tag = true;
            }
            if in_tag {
                out.push(c);
            } else {
                out.extend(c.to_uppercase());
            }
            if c == '>' {
                in_tag = false;
            }
        }
    }
    let mut out = String::with_capacity(text.len());
    for (k, line) in text.split('\n').enumerate() {
        if k > 0 {
            out.push('\n');
        }
        // Words with the whitespace before each (tabs separate cells).
        let mut words: Vec<(&str, &str)> = Vec::new();
        let mut rest = line;
        while !rest.is_empty() {
            let gap = rest.len() - rest.trim_start().len();
            let (sep, tail) = rest.split_at(gap);
            let end = tail.find(char::is_whitespace).unwrap_or(tail.len());
            words.push((sep, &tail[..end]));
            rest = &tail[end..];
        }
        let shapes: Vec<(usize, bool, bool)> = words.iter().map(|(_, w)| shape(w)).collect();
        let strong = |i: usize| {
            shapes
                .get(i)
                .is_some_and(|&(u, lower, other)| u >= 2 && !lower && other)
        };
        for (i, (sep, word)) in words.iter().enumerate() {
            out.push_str(sep);
            let (u, lower, other) = shapes[i];
            let weak = u >= 1 && !lower && other;
            let uy_ban = *word == "ủy"
                && words
                    .get(i + 1)
                    .is_some_and(|(_, next)| next.eq_ignore_ascii_case("ban"));
            if strong(i) || weak && ((i > 0 && strong(i - 1)) || strong(i + 1)) {
                upper_outside_tags(word, &mut out);
            } else if uy_ban {
                out.push('Ủ');
                out.push('y');
            } else if sep.ends_with('\t') && !word.starts_with(|c: char| c.is_ascii()) {
                // A cell's first letter.
                let mut chars = word.chars();
                if let Some(first) = chars.next() {
                    out.extend(first.to_uppercase());
                    out.push_str(chars.as_str());
                }
            } else {
                out.push_str(word);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file longer than the sample is chosen on its head and decoded
    /// whole, in the chosen encoding.
    #[test]
    fn big_files_are_decoded_whole() {
        let line = b"C\xE9ng ho\xB5 x\xB7 h\xE9i ch\xF1 ngh\xDCa Vi\xD6t Nam\n";
        let mut bytes = Vec::new();
        while bytes.len() <= SAMPLE_BYTES + 100 {
            bytes.extend_from_slice(line);
        }
        bytes.extend_from_slice(b"K\xD5 ho\xB9ch cu\xe8i");
        let (text, enc) = decode_bytes(&bytes).unwrap();
        assert_eq!(enc, Encoding::Tcvn3);
        assert!(text.starts_with("Cộng hoà xã hội chủ nghĩa Việt Nam\n"));
        assert!(
            text.ends_with("\nKế hoạch cuối"),
            "{:?}",
            &text[text.len() - 40..]
        );
        assert_eq!(text.lines().count(), bytes.split(|&b| b == b'\n').count());
    }

    fn rule_lines(src: &str) -> usize {
        src.lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .count()
    }

    #[test]
    fn rules_files_parse_completely() {
        let tcvn3 = parse_rules(TCVN3_RULES);
        assert_eq!(tcvn3.len(), rule_lines(TCVN3_RULES));
        // 7 capitals, 7 small letters, 5 tone marks, 12 vowels x 5 tones.
        assert_eq!(tcvn3.len(), 79);
        let vni = parse_rules(VNI_RULES);
        assert_eq!(vni.len(), rule_lines(VNI_RULES));
        // Every Vietnamese letter outside ASCII, small and capital.
        assert_eq!(vni.len(), 134);
    }

    #[test]
    fn rules_have_no_duplicates_and_cover_the_alphabet() {
        for src in [TCVN3_RULES, VNI_RULES] {
            let rules = parse_rules(src);
            let mut keys: Vec<&Vec<u8>> = rules.iter().map(|(k, _)| k).collect();
            keys.sort();
            keys.dedup();
            assert_eq!(keys.len(), rules.len(), "duplicate byte sequence");
            let mut values: Vec<char> = rules.iter().map(|(_, c)| *c).collect();
            values.sort();
            values.dedup();
            assert_eq!(values.len(), rules.len(), "duplicate letter");
        }
        // VNI: each letter's NFD is its base letter then the marks.
        let vni: HashMap<char, Vec<u8>> = parse_rules(VNI_RULES)
            .into_iter()
            .map(|(k, c)| (c, k))
            .collect();
        for (c, bytes) in &vni {
            if bytes.len() == 2 {
                let base = char::from(bytes[0]);
                let base = tables().vni_single[usize::from(bytes[0])].unwrap_or(base);
                let first = c.to_string().nfd().next();
                let base_first = base.to_string().nfd().next();
                assert_eq!(first, base_first, "{c}: base {base}");
            }
        }
    }

    #[test]
    fn syllables() {
        for w in [
            "người", "nghiêng", "khuyến", "giữa", "quốc", "Đắk", "Việt", "ĐẢNG", "ơi", "à", "gì",
            "khuya", "tuyệt", "hoà", "hòa", "thuở", "yêu", "xoong", "Nguyễn", "của", "quý",
        ] {
            assert!(is_syllable(w), "{w}");
        }
        for w in [
            "cafộ", "très", "Viờũt", "ộộ", "ç", "aµb", "xyzé", "Viêịt", "mơìt", "aoeu", "",
        ] {
            assert!(!is_syllable(w), "{w}");
        }
    }
}
