//! Folded prefixes and suffixes of a text, built token by token.
//!
//! Matching a rule phrase against the start (or end) of a text compares the
//! phrase with [`fold`] of every prefix (suffix) that ends (starts) at a
//! token boundary. Folding each prefix separately costs quadratic time, and
//! the agency rules look at the same few texts many times, so the prefixes
//! are built from the folds of single tokens instead:
//!
//! - `fold` maps each character on its own (a letter to its lower-case base,
//!   with the word's tone digits after the word; any other character to
//!   itself, a dash to `-`), then `tighten`s: splits on whitespace, joins
//!   the words with one space except where a word ends with `-`/`/` or the
//!   next starts with `-`, `/`, `,`, `.`, `;`, `:`, and trims trailing
//!   `.;,:`.
//! - A word of that split is exactly one whitespace-separated token of the
//!   text, and what the token becomes (its *raw fold*) does not depend on its
//!   neighbours: tone digits are flushed at the whitespace that ends it.
//! - So `fold(text[..end of token k])` is the tokens' raw folds glued by the
//!   same rule ([`push_token`]) with trailing `.;,:` trimmed, and the fold of
//!   a suffix from token `j` is the same string from where token `j` starts.
//!
//! That holds when `fold` treats every character the same whether it folds
//! the whole text or a single token. It has a one-pass path for NFC Latin
//! text and a general one; both agree on the characters [`plain_char`]
//! admits (a test checks every one of them), so a text made only of those
//! is folded token by token, and any other text the old way, prefix by
//! prefix.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

use kehoach_text::{clean, fold};

use crate::words::{token_ends, token_starts, MAX_PHRASE_BYTES, MAX_PHRASE_TOKENS};

/// Whether folding treats `c` the same in every path (see the module
/// documentation): ASCII, the precomposed Latin letters Vietnamese uses,
/// and punctuation and symbols that are neither letters nor combining marks.
/// All of them are also NFC in any sequence (none composes with a
/// neighbour), which [`clean_cow`] relies on.
pub(crate) fn plain_char(c: char) -> bool {
    match c as u32 {
        0..=0x7F => true,
        // `×` and `÷` count as letters in the one-pass fold only; `İ`
        // lower-cases to two characters.
        0xC0..=0x24F | 0x1E00..=0x1EFF => !matches!(c, '×' | '÷' | 'İ'),
        // Not the symbols that decompose (`≠`, `↚`), which the general path
        // takes apart.
        0x80..=0xBF | 0x2000..=0x206F | 0x2190..=0x2199 | 0x2264 | 0x2265 => !c.is_alphanumeric(),
        _ => false,
    }
}

/// The UTF-8 length of the character at `b[i]` when it is one of the
/// common [`plain_char`]s, none of them whitespace but ASCII's: ASCII,
/// `À`…`ƿ` but `×`, `÷`, `İ`, the Vietnamese block `Ḁ`…`ỿ`, `‐`…`‧`, the
/// arrows `←`…`↙`, `≤` and `≥`. `None` for anything else, left
/// to [`plain_char`]. A shortcut only: it never admits a character
/// [`plain_char`] refuses (`tests::common_plain_bytes_agree`).
#[inline(always)]
fn common_plain_len(b: &[u8], i: usize) -> Option<usize> {
    let lead = b[i];
    if lead < 0x80 {
        return Some(1);
    }
    let next = b.get(i + 1).copied().unwrap_or(0);
    match lead {
        0xC3 => (next != 0x97 && next != 0xB7).then_some(2),
        0xC4 => (next != 0xB0).then_some(2),
        0xC5 | 0xC6 => Some(2),
        0xE1 => (0xB8..=0xBB).contains(&next).then_some(3),
        0xE2 => {
            let third = b.get(i + 2).copied().unwrap_or(0);
            match next {
                0x80 => (0x8B..=0xA7).contains(&third).then_some(3),
                0x86 => (0x90..=0x99).contains(&third).then_some(3),
                0x89 => (0xA4..=0xA5).contains(&third).then_some(3),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Whether `text` may be folded token by token (see [`plain_char`]).
pub(crate) fn plain(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] < 0x80 {
            i += 1;
            continue;
        }
        match common_plain_len(b, i) {
            Some(len) => i += len,
            None => return text[i..].chars().all(plain_char),
        }
    }
    true
}

/// Whether [`clean`] leaves `s` as it is because `s` has single spaces
/// only, none at its edges, no other whitespace, and only [`plain`]
/// characters, which are NFC however they are put together.
fn is_clean(s: &str) -> bool {
    let b = s.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    let mut prev_space = false;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b' ' if prev_space => return false,
            b' ' => prev_space = true,
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' => return false,
            _ => prev_space = false,
        }
        if b[i] < 0x80 {
            i += 1;
            continue;
        }
        match common_plain_len(b, i) {
            Some(len) => i += len,
            // Anything less common: check it all the plain way.
            None => {
                return !s.contains("  ")
                    && !s.contains(|c: char| c.is_whitespace() && c != ' ')
                    && s.chars().all(plain_char);
            }
        }
    }
    true
}

/// [`clean`] without the copy when it would change nothing (see
/// [`is_clean`]).
pub(crate) fn clean_cow(s: &str) -> Cow<'_, str> {
    if is_clean(s) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(clean(s))
    }
}

/// Characters [`fold`] trims from the end of its result.
fn trailing_punct(c: char) -> bool {
    c.is_whitespace() || ".;,:".contains(c)
}

/// Length of `folded` without what [`fold`] trims from its end.
pub(crate) fn trimmed_len(folded: &str) -> usize {
    // Byte by byte over ASCII; a non-ASCII character is left to `char`.
    let b = folded.as_bytes();
    let mut end = b.len();
    while end > 0 && matches!(b[end - 1], b' ' | b'\t'..=b'\r' | b'.' | b';' | b',' | b':') {
        end -= 1;
    }
    if end > 0 && b[end - 1] >= 0x80 {
        return folded[..end].trim_end_matches(trailing_punct).len();
    }
    end
}

/// Whether the character at byte `i` of `text` is whitespace, and its
/// length, from its bytes: Unicode's White_Space (what `char::is_whitespace`
/// follows) outside ASCII is U+0085, U+00A0, U+1680, U+2000…U+200A, U+2028,
/// U+2029, U+202F, U+205F and U+3000 (`tests::whitespace_bytes_agree`).
#[inline]
fn whitespace_at(text: &str, i: usize) -> (bool, usize) {
    let b = text.as_bytes();
    let byte = |k: usize| b.get(i + k).copied().unwrap_or(0);
    match b[i] {
        lead @ 0..=0x7F => (ascii_space(lead), 1),
        0xC2 => (matches!(byte(1), 0x85 | 0xA0), 2),
        0xC0..=0xDF => (false, 2),
        0xE1 => (byte(1) == 0x9A && byte(2) == 0x80, 3),
        0xE2 => {
            let space = match byte(1) {
                0x80 => matches!(byte(2), 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF),
                0x81 => byte(2) == 0x9F,
                _ => false,
            };
            (space, 3)
        }
        0xE3 => (byte(1) == 0x80 && byte(2) == 0x80, 3),
        0xE0..=0xEF => (false, 3),
        _ => (false, 4),
    }
}

/// FxHash's mixing step: a fast hash for short keys. Only for maps that are
/// looked up and never iterated, so the hash function cannot reach any
/// result. Public for the readers of kehoach-extract, whose lookup maps are
/// of the same sort.
#[derive(Default)]
pub struct FxHasher(u64);

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(K);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(le_word(chunk));
        }
        if !chunks.remainder().is_empty() {
            self.add(le_word(chunks.remainder()));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The first 8 bytes as a little-endian number; fewer, as a number that
/// differs for any two runs of bytes of one length (what the hash, the
/// first comparison of [`PhraseIndex::lookup`] and the Bloom filter of
/// [`PhraseIndex::extends`] need: each compares runs of one length made by
/// this same function, or tells runs apart only for speed).
#[inline]
fn le_word(bytes: &[u8]) -> u64 {
    if let Some(word) = bytes.first_chunk::<8>() {
        return u64::from_le_bytes(*word);
    }
    // Fewer: the first and the last four (or two) bytes, which overlap
    // when there are fewer than eight (or four), read as two numbers
    // rather than a byte at a time (a copy of a length not known here
    // would be a call).
    if let (Some(first), Some(last)) = (bytes.first_chunk::<4>(), bytes.last_chunk::<4>()) {
        return u64::from(u32::from_le_bytes(*first))
            | (u64::from(u32::from_le_bytes(*last)) << 32);
    }
    if let (Some(first), Some(last)) = (bytes.first_chunk::<2>(), bytes.last_chunk::<2>()) {
        return u64::from(u16::from_le_bytes(*first))
            | (u64::from(u16::from_le_bytes(*last)) << 16);
    }
    bytes.first().map_or(0, |&b| u64::from(b))
}

/// A `HashMap` with [`FxHasher`]: for lookups only (see there).
pub type FxHashMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// A `HashSet` with [`FxHasher`]: for lookups only (see there).
pub(crate) type FxHashSet<K> = HashSet<K, BuildHasherDefault<FxHasher>>;

/// Raw folds of non-ASCII tokens already seen in this document: agency
/// cells use a small vocabulary, and folding a Vietnamese word allocates
/// three times. A pure function's memo, only looked up, so it cannot change
/// any result. It lives on the thread, but [`forget`](memo::forget) empties
/// it when a document starts ([`Registry::new`](crate::Registry::new)), so
/// that nothing is carried from one document to the next (what a document
/// costs does not depend on what came before it) and a long run cannot
/// exhaust memory; it is also cleared if one document fills it.
pub(crate) mod memo {
    use std::cell::RefCell;

    use kehoach_text::fold;

    use super::FxHashMap;

    const CAPACITY: usize = 16_384;

    type Memo = FxHashMap<String, String>;

    thread_local! {
        static RAW: RefCell<Memo> = const {
            RefCell::new(Memo::with_hasher(std::hash::BuildHasherDefault::new()))
        };
    }

    /// Empties the memo: a new document starts.
    pub(crate) fn forget() {
        RAW.with(|memo| memo.borrow_mut().clear());
    }

    /// Calls `f` with the raw fold of the non-ASCII `token`.
    pub(super) fn with_raw<R>(token: &str, f: impl FnOnce(&str) -> R) -> R {
        RAW.with(|memo| {
            let mut memo = memo.borrow_mut();
            if let Some(raw) = memo.get(token) {
                return f(raw);
            }
            // `fold` trims the token's trailing `.;,:`, which fold a character
            // each to itself: put them back.
            let mut raw = fold(token);
            raw.push_str(&token[token.trim_end_matches(|c: char| ".;,:".contains(c)).len()..]);
            let out = f(&raw);
            if memo.len() >= CAPACITY {
                memo.clear();
            }
            memo.insert(token.to_string(), raw);
            out
        })
    }
}

/// Appends the raw fold of `token` (of a [`plain`] text) to the folded
/// text `acc`, with the space that `fold` puts between words unless it
/// glues them (`VH - XH` → `vh-xh`, `Đ / c` → `đ/c`, `tế ,` → `tế,`);
/// `acc[..trimmed_len(acc)]` is then the [`fold`] of the tokens pushed so
/// far. Returns where the token's raw fold starts in `acc`.
///
/// The raw fold of a whitespace-free token is what it becomes inside
/// [`fold`] of the text, before the final trim: [`fold`] of the token with
/// its trailing `.;,:` kept.
pub(crate) fn push_token(acc: &mut String, token: &str) -> usize {
    if token.is_ascii() {
        // ASCII has no tone marks: letters and digits lower-cased, anything
        // else kept (`-` is already the dash `fold` writes). Lower-casing
        // leaves the punctuation `glued` looks at as it is.
        let at = push_raw_token(acc, token);
        acc[at..].make_ascii_lowercase();
        return at;
    }
    memo::with_raw(token, |raw| push_raw_token(acc, raw))
}

/// [`push_token`] of a token whose raw fold is known already.
pub(crate) fn push_raw_token(acc: &mut String, raw: &str) -> usize {
    if !acc.is_empty() && !glued(acc.as_bytes(), raw.as_bytes()) {
        acc.push(' ');
    }
    let at = acc.len();
    acc.push_str(raw);
    at
}

/// Whether `fold` joins the folded word `next` to the folded text `before`
/// without a space: after `-` or `/`, before `-`, `/`, `,`, `.`, `;`, `:`.
/// (All ASCII, so the bytes tell.)
#[inline]
fn glued(before: &[u8], next: &[u8]) -> bool {
    matches!(before.last(), Some(b'-' | b'/'))
        || matches!(next.first(), Some(b'-' | b'/' | b',' | b'.' | b';' | b':'))
}

/// The whitespace-separated tokens of `text` from `from` on, as (start,
/// end) byte offsets.
pub(crate) fn tokens_from(text: &str, from: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    let b = text.as_bytes();
    let mut at = from;
    std::iter::from_fn(move || {
        // Skip whitespace, then take what is not. ASCII, most of the text,
        // is told by its byte; the rest by `whitespace_at`.
        loop {
            let &byte = b.get(at)?;
            if byte < 0x80 {
                if !ascii_space(byte) {
                    break;
                }
                at += 1;
                continue;
            }
            let (space, len) = whitespace_at(text, at);
            if !space {
                break;
            }
            at += len;
        }
        let start = at;
        while let Some(&byte) = b.get(at) {
            if byte < 0x80 {
                if ascii_space(byte) {
                    break;
                }
                at += 1;
                continue;
            }
            let (space, len) = whitespace_at(text, at);
            if space {
                break;
            }
            at += len;
        }
        Some((start, at))
    })
}

/// Whether the ASCII `byte` is whitespace (`char::is_whitespace`).
#[inline]
fn ascii_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t'..=b'\r')
}

/// [`fold`] of `text`, token by token when it is [`plain`] (cheaper: the
/// folds of its words are mostly known already).
pub(crate) fn fold_words(text: &str) -> String {
    if !plain(text) {
        return fold(text);
    }
    let mut acc = String::with_capacity(text.len() + 8);
    for (start, end) in tokens_from(text, 0) {
        push_token(&mut acc, &text[start..end]);
    }
    acc.truncate(trimmed_len(&acc));
    acc
}

/// One token of a [`Folded`] text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Token {
    /// Start and end in the text.
    start: usize,
    end: usize,
    /// Start and end of its raw fold in the folded text, and the end of
    /// its fold (the raw fold without trailing `.;,:`).
    at: usize,
    to: usize,
    fold_to: usize,
}

/// A text with the raw folds of all its tokens, made once and shared by the
/// steps that look at it in different ways: whole, by token, by prefix (of
/// the text or of a piece of it), by suffix. Only [`plain`] texts are
/// folded token by token; for others each view is folded on its own, as
/// before.
#[derive(Debug)]
pub(crate) struct Folded<'a> {
    text: Cow<'a, str>,
    /// Empty unless the text is plain.
    tokens: Vec<Token>,
    /// The raw folds glued as `fold` glues them (plain texts only).
    acc: String,
    plain: bool,
    /// Whether the only whitespace between the tokens is spaces.
    only_spaces: bool,
}

impl<'a> Folded<'a> {
    pub(crate) fn new(text: impl Into<Cow<'a, str>>) -> Folded<'a> {
        let text = text.into();
        let plain = plain(&text);
        let mut tokens = Vec::new();
        let mut acc = String::new();
        let mut only_spaces = true;
        if plain {
            // Room enough for most texts: words of a few letters, and up to
            // three bytes of tone marks each.
            tokens.reserve(text.len() / 4 + 2);
            acc.reserve(text.len() + text.len() / 2 + 8);
            let mut gap = 0;
            for (start, end) in tokens_from(&text, 0) {
                only_spaces &= text.as_bytes()[gap..start].iter().all(|&b| b == b' ');
                gap = end;
                let at = push_token(&mut acc, &text[start..end]);
                tokens.push(Token {
                    start,
                    end,
                    at,
                    to: acc.len(),
                    fold_to: at + trimmed_len(&acc[at..]),
                });
            }
            only_spaces &= text.as_bytes()[gap..].iter().all(|&b| b == b' ');
        }
        Folded {
            text,
            tokens,
            acc,
            plain,
            only_spaces,
        }
    }

    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    pub(crate) fn into_text(self) -> String {
        self.text.into_owned()
    }

    /// Whether the text was folded token by token ([`plain`]).
    pub(crate) fn is_plain(&self) -> bool {
        self.plain
    }

    /// [`fold`] of the text.
    pub(crate) fn fold(&self) -> Cow<'_, str> {
        if self.plain {
            Cow::Borrowed(&self.acc[..trimmed_len(&self.acc)])
        } else {
            Cow::Owned(fold(&self.text))
        }
    }

    /// The fold of the token that starts at byte `start`, if one does
    /// (plain texts only).
    pub(crate) fn token_fold_at(&self, start: usize) -> Option<&str> {
        let i = self.tokens.partition_point(|t| t.start < start);
        let t = self.tokens.get(i).filter(|t| t.start == start)?;
        Some(self.token_fold(t))
    }

    /// The raw fold of the token at `start..end`, if that is one of the
    /// text's tokens (plain texts only).
    pub(crate) fn raw_fold_of(&self, start: usize, end: usize) -> Option<&str> {
        let i = self.tokens.partition_point(|t| t.start < start);
        let t = self
            .tokens
            .get(i)
            .filter(|t| t.start == start && t.end == end)?;
        Some(&self.acc[t.at..t.to])
    }

    /// The fold of token `t`.
    fn token_fold(&self, t: &Token) -> &str {
        &self.acc[t.at..t.fold_to]
    }

    /// Whether the tokens folded here are those of `text.split(' ')` that
    /// are not empty: the text is plain and has no whitespace but spaces.
    fn split_on_spaces(&self) -> bool {
        self.plain && self.only_spaces
    }

    /// [`fold`] of each token of `text.split(' ')` that is not empty, when
    /// those are the tokens folded here (see [`Folded::split_on_spaces`]);
    /// `None` otherwise.
    pub(crate) fn space_token_folds(&self) -> Option<Vec<&str>> {
        self.split_on_spaces()
            .then(|| self.tokens.iter().map(|t| self.token_fold(t)).collect())
    }

    /// Whether two tokens of `text.split(' ')` at most three apart may have
    /// the same fold: without such a pair no word group can be printed twice
    /// in a row.
    pub(crate) fn may_repeat(&self) -> bool {
        if !self.split_on_spaces() {
            return true;
        }
        self.tokens.iter().enumerate().any(|(i, a)| {
            let a = self.token_fold(a);
            self.tokens[i + 1..]
                .iter()
                .take(3)
                .any(|b| self.token_fold(b) == a)
        })
    }

    /// The folded prefixes of the text (see [`PrefixFolds`]).
    pub(crate) fn prefixes(&self) -> PrefixFolds<'_> {
        self.prefixes_at(0, self.text.len())
    }

    /// The folded prefixes of `text[a..b]` (see [`PrefixFolds`]), from the
    /// folds of the tokens made here when the piece starts at a token
    /// boundary (else folded afresh).
    ///
    /// The piece's tokens are the text's, except that the last one may be
    /// cut short at `b`: when only `.;,:` are cut off (`tế` of `tế,`), which
    /// fold each to itself, its raw fold is the token's without them, and
    /// the glue before it is the same. Any other cut is folded afresh.
    pub(crate) fn prefixes_at(&self, a: usize, b: usize) -> PrefixFolds<'_> {
        let text = &self.text[a..b];
        let fresh = || PrefixFolds::new(text);
        let first = self.tokens.partition_point(|t| t.start < a);
        // A piece that starts inside a token.
        let inside = first > 0 && self.tokens[first - 1].end > a;
        if !self.plain || inside {
            return fresh();
        }
        let count = self.tokens[first..].partition_point(|t| t.start < b);
        let tokens = &self.tokens[first..first + count];
        let cut = match tokens.last() {
            Some(last) if last.end > b => {
                if !self.text[b..last.end].chars().all(|c| ".;,:".contains(c)) {
                    return fresh();
                }
                last.end - b
            }
            _ => 0,
        };
        PrefixFolds {
            text,
            state: RefCell::new(Prefixes::Shared(Shared {
                acc: &self.acc,
                tokens,
                a,
                cut,
            })),
        }
    }

    /// [`Folded::new`] of `text[a..b]`, read off the folds made here
    /// instead of folding the piece again, when the piece starts at a
    /// token's start (plain texts only; `None` otherwise).
    ///
    /// The piece's tokens are the text's from there (see
    /// [`Folded::prefixes_at`]): each one's raw fold does not depend on its
    /// neighbours, and the glue between two depends only on their raw
    /// folds, so the piece's folded text is the text's from where the first
    /// token's raw fold starts. The last token may be cut short at `b` when
    /// only `.;,:` are cut off, which fold each to itself: its raw fold then
    /// loses as many bytes. `tests::pieces_fold_as_new` compares this with
    /// [`Folded::new`] on the corpus.
    pub(crate) fn piece(&self, a: usize, b: usize) -> Option<Folded<'_>> {
        if !self.plain || a >= b {
            return None;
        }
        let first = self.tokens.partition_point(|t| t.start < a);
        let base = self.tokens.get(first).filter(|t| t.start == a)?.at;
        let count = self.tokens[first..].partition_point(|t| t.start < b);
        let tokens = &self.tokens[first..first + count];
        let last = tokens.last()?;
        let cut = if last.end > b {
            if !self.text.as_bytes()[b..last.end]
                .iter()
                .all(|c| b".;,:".contains(c))
            {
                return None;
            }
            last.end - b
        } else {
            0
        };
        let acc = self.acc[base..last.to - cut].to_string();
        let mut only_spaces = true;
        let mut gap = a;
        let mut piece_tokens = Vec::with_capacity(tokens.len());
        for t in tokens {
            only_spaces &= self.text.as_bytes()[gap..t.start]
                .iter()
                .all(|&c| c == b' ');
            gap = t.end.min(b);
            let (at, to) = (t.at - base, t.to.min(last.to - cut) - base);
            piece_tokens.push(Token {
                start: t.start - a,
                end: t.end.min(b) - a,
                at,
                to,
                fold_to: at + trimmed_len(&acc[at..to]),
            });
        }
        only_spaces &= self.text.as_bytes()[gap..b].iter().all(|&c| c == b' ');
        Some(Folded {
            text: Cow::Borrowed(&self.text[a..b]),
            tokens: piece_tokens,
            acc,
            plain: true,
            only_spaces,
        })
    }

    /// The folded suffixes of the text (see [`SuffixFolds`]).
    pub(crate) fn suffixes(&self) -> SuffixFolds<'_> {
        if !self.plain {
            return SuffixFolds::new(&self.text);
        }
        let near_end = self.text.len().saturating_sub(MAX_PHRASE_BYTES);
        let first = self.tokens.partition_point(|t| t.start < near_end);
        SuffixFolds {
            folds: Suffixes::Plain {
                trimmed: trimmed_len(&self.acc),
                acc: Cow::Borrowed(&self.acc),
                tokens: Cow::Borrowed(&self.tokens[first..]),
            },
        }
    }
}

/// Rule phrases (folded), bucketed by length, each with its index in the
/// caller's order of preference: looking up a folded prefix costs one
/// comparison per phrase of that exact length.
#[derive(Debug, Default)]
pub(crate) struct PhraseIndex {
    /// Per length: the phrases, each with its first 8 bytes as a number
    /// (compared first) and its index.
    by_len: Vec<Vec<(u64, String, usize)>>,
    /// Every proper prefix of every phrase (cut before any character, so
    /// with the empty one), as bits of a Bloom filter with one hash
    /// ([`stem_bit`]), for [`PhraseIndex::extends`].
    stems: Vec<u64>,
}

/// Bits in [`PhraseIndex::stems`]: a few times more than the prefixes of
/// the longest rule list, so that few strings share a bit.
const STEM_BITS: usize = 1 << 16;

/// The bit of `s` in [`PhraseIndex::stems`]: a hash of its length and its
/// first and last 8 bytes (cheap, and enough to tell apart the prefixes of
/// one text).
fn stem_bit(s: &str) -> usize {
    let b = s.as_bytes();
    let mut h = FxHasher::default();
    h.add(b.len() as u64);
    h.add(le_word(b));
    h.add(le_word(&b[b.len().saturating_sub(8)..]));
    (h.finish() >> 32) as usize % STEM_BITS
}

impl PhraseIndex {
    /// An index of `phrases`, in order of preference; empty phrases, which
    /// never match, are left out.
    pub(crate) fn new<'p>(phrases: impl IntoIterator<Item = &'p str>) -> PhraseIndex {
        let mut index = PhraseIndex {
            stems: vec![0; STEM_BITS / 64],
            ..PhraseIndex::default()
        };
        for (i, phrase) in phrases.into_iter().enumerate() {
            if phrase.is_empty() {
                continue;
            }
            if index.by_len.len() <= phrase.len() {
                index.by_len.resize_with(phrase.len() + 1, Vec::new);
            }
            index.by_len[phrase.len()].push((le_word(phrase.as_bytes()), phrase.to_string(), i));
            for (cut, _) in phrase.char_indices() {
                let bit = stem_bit(&phrase[..cut]);
                index.stems[bit / 64] |= 1 << (bit % 64);
            }
        }
        index
    }

    /// Whether some phrase may be longer than `folded` and start with it:
    /// false only if none is (true for a few strings that start none).
    pub(crate) fn extends(&self, folded: &str) -> bool {
        let bit = stem_bit(folded);
        // (An index made by `default` has no bits: anything may extend.)
        self.stems
            .get(bit / 64)
            .is_none_or(|w| w & (1 << (bit % 64)) != 0)
    }

    /// Length of the longest phrase.
    pub(crate) fn max_len(&self) -> usize {
        self.by_len.len().saturating_sub(1)
    }

    /// Indices of the phrases equal to `folded`, in order of preference.
    pub(crate) fn lookup<'s>(&'s self, folded: &'s str) -> impl Iterator<Item = usize> + 's {
        // Phrases of one length mostly differ in their first bytes already.
        let head = le_word(folded.as_bytes());
        // A plain slice iterator (not `Option` flattened), which stays
        // small enough to be inlined where it is looked up.
        let phrases = self.by_len.get(folded.len()).map_or(&[][..], Vec::as_slice);
        phrases
            .iter()
            .filter(move |(h, p, _)| *h == head && p == folded)
            .map(|(_, _, i)| *i)
    }

    /// Whether `folded` is one of the phrases.
    pub(crate) fn contains(&self, folded: &str) -> bool {
        self.lookup(folded).next().is_some()
    }
}

/// `end` moved back over trailing punctuation and spaces that [`fold`] ignores.
fn trim_back(s: &str, end: usize) -> usize {
    s[..end].trim_end_matches(trailing_punct).len()
}

/// The folded prefixes of a text, one per whitespace-separated token end
/// (at most [`MAX_PHRASE_TOKENS`] tokens and [`MAX_PHRASE_BYTES`] bytes), so
/// that many phrases can be tried against the start of the same text.
///
/// Read off a [`Folded`] text when the text is a piece of one
/// ([`Folded::prefixes_at`]); else built lazily: a lookup folds only as many
/// tokens as the phrases it tries can span, since a folded prefix never gets
/// shorter as tokens are added.
pub(crate) struct PrefixFolds<'a> {
    text: &'a str,
    state: RefCell<Prefixes<'a>>,
}

/// The tokens of a piece of a [`Folded`] text, whose folds are all made.
struct Shared<'a> {
    /// The folded text the tokens point into.
    acc: &'a str,
    /// The piece's tokens (the last one maybe cut short).
    tokens: &'a [Token],
    /// Where the piece starts in the text.
    a: usize,
    /// How many bytes (all `.;,:`) the last token loses at the piece's end.
    cut: usize,
}

/// The prefixes folded so far.
enum Prefixes<'a> {
    /// A piece of a [`Folded`] text: its prefixes are read off the text's
    /// folds.
    Shared(Shared<'a>),
    /// A [`plain`] text: the folded tokens read so far glued into `acc`, and
    /// per token its end in the text and the length of the folded prefix
    /// that ends with it (a prefix of `acc`).
    Plain {
        acc: Cow<'a, str>,
        ends: Vec<(usize, usize)>,
        /// Where the next token is read from; `None` once no more may be.
        next: Option<usize>,
    },
    /// Any other text: every prefix folded on its own.
    Whole { folds: Vec<(usize, String)> },
}

impl<'a> PrefixFolds<'a> {
    pub(crate) fn new(text: &'a str) -> PrefixFolds<'a> {
        let state = if plain(text) {
            Prefixes::Plain {
                acc: Cow::Owned(String::new()),
                ends: Vec::new(),
                next: Some(0),
            }
        } else {
            let folds = token_ends(text)
                .into_iter()
                .take(MAX_PHRASE_TOKENS)
                .take_while(|&end| end <= MAX_PHRASE_BYTES)
                .map(|end| (end, fold(&text[..end])))
                .collect();
            Prefixes::Whole { folds }
        };
        PrefixFolds {
            text,
            state: RefCell::new(state),
        }
    }

    /// Folds the next token of a [`plain`] text, if there is one within
    /// the limits: false if there is none.
    fn fold_next(&self) -> bool {
        let mut state = self.state.borrow_mut();
        let Prefixes::Plain { acc, ends, next } = &mut *state else {
            return false;
        };
        let Some(from) = next.take() else {
            return false;
        };
        let Some((start, end)) = tokens_from(self.text, from).next() else {
            return false;
        };
        if ends.len() == MAX_PHRASE_TOKENS || end > MAX_PHRASE_BYTES {
            return false;
        }
        let acc = acc.to_mut();
        push_token(acc, &self.text[start..end]);
        ends.push((end, trimmed_len(acc)));
        *next = Some(end);
        true
    }

    /// Calls `f` with (token end, folded prefix) for every prefix whose fold
    /// is at most `max_len` bytes long, in order. `f` returns whether to go
    /// on.
    ///
    /// With `index`, stops once no phrase of it is longer than the prefix
    /// and starts with it ([`PhraseIndex::extends`]): each folded prefix of
    /// a plain text (or of a piece of one) starts every later one, which is
    /// the same string or a longer one, so none of them can be a phrase
    /// that a prefix seen so far is not. (Any other text's prefixes are
    /// folded one by one, and all of them are looked at.)
    fn each(
        &self,
        max_len: usize,
        index: Option<&PhraseIndex>,
        mut f: impl FnMut(usize, &str) -> bool,
    ) {
        let go_on = |folded: &str| index.is_none_or(|index| index.extends(folded));
        if matches!(&*self.state.borrow(), Prefixes::Plain { .. }) {
            // Folded a token at a time, as far as needed.
            for i in 0.. {
                let known =
                    matches!(&*self.state.borrow(), Prefixes::Plain { ends, .. } if i < ends.len());
                if !known && !self.fold_next() {
                    return;
                }
                let state = self.state.borrow();
                let Prefixes::Plain { acc, ends, .. } = &*state else {
                    return;
                };
                let (end, len) = ends[i];
                let folded = &acc[..len];
                if len > max_len || !f(end, folded) || !go_on(folded) {
                    return;
                }
            }
            return;
        }
        match &*self.state.borrow() {
            Prefixes::Shared(Shared {
                acc,
                tokens,
                a,
                cut,
            }) => {
                let Some(base) = tokens.first().map(|t| t.at) else {
                    return;
                };
                let n = tokens.len();
                for (i, t) in tokens.iter().enumerate().take(MAX_PHRASE_TOKENS) {
                    let (end, to) = if i + 1 == n {
                        (t.end - cut, t.to - cut)
                    } else {
                        (t.end, t.to)
                    };
                    if end - a > MAX_PHRASE_BYTES {
                        break;
                    }
                    // The piece's fold up to here: from where its first
                    // token's fold starts, trimmed.
                    let folded = &acc[base..to];
                    let folded = &folded[..trimmed_len(folded)];
                    if folded.len() > max_len || !f(end - a, folded) || !go_on(folded) {
                        break;
                    }
                }
            }
            Prefixes::Plain { .. } => {}
            Prefixes::Whole { folds } => {
                for (end, folded) in folds {
                    if !f(*end, folded) {
                        break;
                    }
                }
            }
        }
    }

    /// The printed length of the match ending at `end`: without trailing
    /// punctuation, and `None` if nothing is left.
    fn printed(&self, end: usize) -> Option<usize> {
        let len = trim_back(self.text, end);
        (len > 0).then_some(len)
    }

    /// If the text begins with the phrase whose folded form is `phrase`, as
    /// whole words, the byte length of the printed match (without trailing
    /// punctuation).
    pub(crate) fn len_of(&self, phrase: &str) -> Option<usize> {
        if phrase.is_empty() {
            return None;
        }
        let mut found = None;
        self.each(phrase.len(), None, |end, folded| {
            if folded == phrase {
                found = Some(end);
            }
            found.is_none()
        });
        self.printed(found?)
    }

    /// Every phrase of `index` the text begins with, as (index, printed
    /// length), in the index's order: what trying each phrase in turn with
    /// [`PrefixFolds::len_of`] finds.
    pub(crate) fn matches(&self, index: &PhraseIndex) -> Vec<(usize, usize)> {
        let mut found: Vec<(usize, usize)> = Vec::new();
        self.each(index.max_len(), Some(index), |end, folded| {
            for i in index.lookup(folded) {
                // The first (shortest) prefix equal to a phrase is the one
                // `len_of` reports.
                if !found.iter().any(|&(j, _)| j == i) {
                    found.push((i, end));
                }
            }
            true
        });
        found.sort_unstable();
        found
            .into_iter()
            .filter_map(|(i, end)| Some((i, self.printed(end)?)))
            .collect()
    }

    /// The first phrase of `index` (in its order) the text begins with, as
    /// (index, printed length).
    pub(crate) fn first_match(&self, index: &PhraseIndex) -> Option<(usize, usize)> {
        let mut best: Option<(usize, usize)> = None;
        self.each(index.max_len(), Some(index), |end, folded| {
            if let Some(i) = index.lookup(folded).next() {
                if best.is_none_or(|(b, _)| i < b) {
                    best = Some((i, end));
                }
            }
            true
        });
        let (i, end) = best?;
        match self.printed(end) {
            Some(len) => Some((i, len)),
            // A non-empty folded prefix always leaves printed text; the
            // general path covers the case all the same.
            None => self.matches(index).first().copied(),
        }
    }

    /// [`PrefixFolds::first_match`] for several lists at once, in one pass
    /// over the prefixes: `index` holds the lists one after the other, list
    /// `k` at the indices `lists[k]`. Per list, the first phrase of it (in
    /// its order) the text begins with, as (index in the list, printed
    /// length).
    pub(crate) fn first_matches<const N: usize>(
        &self,
        index: &PhraseIndex,
        lists: &[Range<usize>; N],
    ) -> [Option<(usize, usize)>; N] {
        let mut best: [Option<(usize, usize)>; N] = [None; N];
        self.each(index.max_len(), Some(index), |end, folded| {
            for i in index.lookup(folded) {
                if let Some(k) = lists.iter().position(|list| list.contains(&i)) {
                    if best[k].is_none_or(|(b, _)| i < b) {
                        best[k] = Some((i, end));
                    }
                }
            }
            true
        });
        // A non-empty folded prefix always leaves printed text (`fold` of
        // only spaces and `.;,:` is empty), so `printed` finds some.
        std::array::from_fn(|k| {
            let (i, end) = best[k]?;
            Some((i - lists[k].start, self.printed(end)?))
        })
    }

    /// The longest phrase of `index` the text begins with, as (index,
    /// printed length); of equal phrases the last one in the index.
    pub(crate) fn longest_match(&self, index: &PhraseIndex) -> Option<(usize, usize)> {
        let mut best: Option<(usize, usize, usize)> = None;
        self.each(index.max_len(), Some(index), |end, folded| {
            // Equally long folded prefixes are equal, and the first one is
            // the one `len_of` reports, hence strictly longer only.
            if let Some(i) = index.lookup(folded).last() {
                if best.is_none_or(|(len, _, _)| folded.len() > len) {
                    best = Some((folded.len(), i, end));
                }
            }
            true
        });
        let (_, i, end) = best?;
        Some((i, self.printed(end)?))
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
pub(crate) struct SuffixFolds<'a> {
    folds: Suffixes<'a>,
}

enum Suffixes<'a> {
    /// A [`plain`] text: its fold before the final trim, where the fold's
    /// trimmed end is, and the tokens near the end (where each starts in
    /// the text and where its raw fold starts in `acc`).
    Plain {
        acc: Cow<'a, str>,
        trimmed: usize,
        tokens: Cow<'a, [Token]>,
    },
    /// Any other text: every suffix folded on its own.
    Whole(Vec<(usize, String)>),
}

impl SuffixFolds<'_> {
    pub(crate) fn new(text: &str) -> SuffixFolds<'static> {
        let near_end = text.len().saturating_sub(MAX_PHRASE_BYTES);
        let mut starts = token_starts(text)
            .into_iter()
            .filter(|&start| start >= near_end);
        if !plain(text) {
            let folds = starts.map(|start| (start, fold(&text[start..]))).collect();
            return SuffixFolds {
                folds: Suffixes::Whole(folds),
            };
        }
        // The tokens from the first one that starts near the end.
        let first = starts.next().unwrap_or(text.len());
        let mut acc = String::new();
        let tokens: Vec<Token> = tokens_from(text, first)
            .map(|(start, end)| {
                let at = push_token(&mut acc, &text[start..end]);
                Token {
                    start,
                    end,
                    at,
                    to: acc.len(),
                    fold_to: at + trimmed_len(&acc[at..]),
                }
            })
            .collect();
        SuffixFolds {
            folds: Suffixes::Plain {
                trimmed: trimmed_len(&acc),
                acc: Cow::Owned(acc),
                tokens: Cow::Owned(tokens),
            },
        }
    }

    /// If the text ends with the phrase whose folded form is `phrase`, as
    /// whole words, the byte offset where the printed match starts.
    pub(crate) fn start_of(&self, phrase: &str) -> Option<usize> {
        if phrase.is_empty() {
            return None;
        }
        match &self.folds {
            Suffixes::Plain {
                acc,
                trimmed,
                tokens,
            } => {
                // The suffix's fold runs from where its first token's fold
                // starts to the trimmed end, so only the token whose fold
                // starts `phrase.len()` bytes before that end may give it
                // (the folds of the tokens start at increasing offsets).
                let at = trimmed.checked_sub(phrase.len())?;
                let i = tokens.partition_point(|t| t.at < at);
                let t = tokens.get(i).filter(|t| t.at == at)?;
                (&acc[at..*trimmed] == phrase).then_some(t.start)
            }
            Suffixes::Whole(folds) => folds
                .iter()
                .find(|(_, f)| f == phrase)
                .map(|(start, _)| *start),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character [`plain_char`] admits folds the same in the one-pass
    /// and the general path of `fold`, in the middle of a word and alone,
    /// and is NFC next to others. A Greek letter forces the general path.
    #[test]
    fn plain_chars_fold_alike() {
        let ranges = [
            0x21..=0x7E,
            0x80..=0xBF,
            0xC0..=0x24F,
            0x1E00..=0x1EFF,
            0x2000..=0x206F,
            0x2190..=0x22FF,
        ];
        let mut checked = 0;
        for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
            if !plain_char(c) || c.is_whitespace() {
                continue;
            }
            for text in [
                format!("{c}"),
                format!("á{c}ạ"),
                format!("{c}ề"),
                format!("ư{c}"),
                format!("A{c}-b"),
            ] {
                // A last word keeps trailing punctuation from being trimmed.
                let general = fold(&format!("{text} z α"));
                let general = general.strip_suffix(" α").unwrap_or(&general);
                let one_pass = fold(&format!("{text} z"));
                assert_eq!(one_pass, general, "{c:?} (U+{:04X}) in {text:?}", c as u32);
                assert_eq!(clean(&text), text, "{c:?} (U+{:04X}) is not NFC", c as u32);
                checked += 1;
            }
        }
        assert!(checked > 3000);
    }

    /// The byte-level whitespace test is `char::is_whitespace`.
    #[test]
    fn whitespace_bytes_agree() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let text = format!("{c}x");
            assert_eq!(
                whitespace_at(&text, 0),
                (c.is_whitespace(), c.len_utf8()),
                "U+{:04X}",
                c as u32
            );
        }
    }

    /// The byte-level shortcut admits only characters [`plain_char`] admits
    /// (and no whitespace but ASCII's), and covers the common ones.
    #[test]
    fn common_plain_bytes_agree() {
        let mut common = 0;
        for c in (0..0x3000).filter_map(char::from_u32) {
            let text = c.to_string();
            if common_plain_len(text.as_bytes(), 0).is_some() {
                assert!(plain_char(c), "{c:?} (U+{:04X})", c as u32);
                assert!(
                    c.is_ascii() || !c.is_whitespace(),
                    "{c:?} (U+{:04X})",
                    c as u32
                );
                assert_eq!(common_plain_len(text.as_bytes(), 0), Some(text.len()));
                common += 1;
            }
            let spaced = format!("a {c} b");
            let slow = !spaced.contains("  ")
                && !spaced.contains(|c: char| c.is_whitespace() && c != ' ')
                && spaced.chars().all(plain_char);
            assert_eq!(is_clean(&spaced), slow, "{c:?} (U+{:04X})", c as u32);
            assert_eq!(plain(&text), plain_char(c), "{c:?} (U+{:04X})", c as u32);
        }
        assert!(common > 600, "only {common} characters take the shortcut");
        for c in "Phòng Văn hoá – Xã hội ≥ “ậ” Ỷ ĐƠN".chars() {
            assert!(
                common_plain_len(c.to_string().as_bytes(), 0).is_some(),
                "{c:?}"
            );
        }
    }

    /// `PhraseIndex::extends` says yes for every proper prefix of every
    /// phrase (here: the folded corpus lines, cut at 60 bytes or so), and
    /// no for most other strings.
    #[test]
    fn phrase_index_extends_every_stem() {
        let mut phrases: Vec<String> = Vec::new();
        for text in crate::corpus_texts() {
            phrases.extend(
                text.lines()
                    .take(40)
                    .map(|l| fold(&l.chars().take(40).collect::<String>())),
            );
        }
        let index = PhraseIndex::new(phrases.iter().map(String::as_str));
        for phrase in &phrases {
            for (cut, _) in phrase.char_indices() {
                assert!(index.extends(&phrase[..cut]), "{phrase:?} cut at {cut}");
            }
        }
        let others = (0..1000)
            .filter(|n| index.extends(&format!("{n} không có")))
            .count();
        assert!(others < 200, "{others} of 1000 strings extend");
    }

    /// `odd` lines and every corpus line cut to its first `chars`
    /// characters, sorted, without repeats.
    fn odd_and_corpus_lines(odd: &[&str], chars: usize) -> Vec<String> {
        let mut lines: Vec<String> = odd.iter().map(|l| l.to_string()).collect();
        for text in crate::corpus_texts() {
            lines.extend(
                text.lines()
                    .map(|l| l.chars().take(chars).collect::<String>()),
            );
        }
        lines.sort();
        lines.dedup();
        lines
    }

    /// `Folded::piece` gives what `Folded::new` of the piece does, on
    /// every line of the corpus and some odd spacing, for pieces from each
    /// token start to each later token end, to just before its trailing
    /// `.;,:`, and to the whitespace after it.
    #[test]
    fn pieces_fold_as_new() {
        let lines = odd_and_corpus_lines(
            &[
                "Phòng VH - XH , Kinh tế .",
                "Đ / c Trưởng phòng ; và ,",
                "- - UBND xã.,  Sở  ,.;",
                ". , ;",
                "tế– Hạ tầng —Đô thị\tvà   xã:",
            ],
            120,
        );
        let mut checked = 0;
        for line in &lines {
            let folded = Folded::new(line.as_str());
            if !folded.is_plain() {
                assert!(folded.piece(0, line.len()).is_none());
                continue;
            }
            let starts: Vec<usize> = tokens_from(line, 0).map(|(a, _)| a).take(8).collect();
            for &a in &starts {
                for (_, end) in tokens_from(line, a).take(8) {
                    let cut = line[..end]
                        .trim_end_matches(|c: char| ".;,:".contains(c))
                        .len();
                    let spaced = end + line[end..].len() - line[end..].trim_start().len();
                    for b in [end, cut, spaced, (cut + end).div_ceil(2)] {
                        if b <= a || !line.is_char_boundary(b) {
                            continue;
                        }
                        let want = Folded::new(&line[a..b]);
                        let got = folded.piece(a, b).expect("a piece of a plain text");
                        assert_eq!(got.text, want.text, "{line:?} {a}..{b}");
                        assert_eq!(got.tokens, want.tokens, "{line:?} {a}..{b}");
                        assert_eq!(got.acc, want.acc, "{line:?} {a}..{b}");
                        assert_eq!(got.plain, want.plain, "{line:?} {a}..{b}");
                        assert_eq!(got.only_spaces, want.only_spaces, "{line:?} {a}..{b}");
                        checked += 1;
                    }
                }
            }
            // Not at a token's start: folded afresh by the caller.
            if let Some(&a) = starts.get(1) {
                assert!(folded.piece(a - 1, line.len()).is_none(), "{line:?}");
            }
        }
        assert!(checked > 10_000, "only {checked} pieces");
    }

    /// Folding token by token gives what folding each prefix and suffix
    /// does, on every line of the corpus and some odd spacing.
    #[test]
    fn token_folds_equal_whole_folds() {
        let lines = odd_and_corpus_lines(
            &[
                "Phòng VH - XH , Kinh tế .",
                "Đ / c Trưởng phòng ; và ,",
                "- - UBND xã.,",
                ". , ;",
                "tế– Hạ tầng —Đô thị",
            ],
            200,
        );
        for line in &lines {
            let folded = Folded::new(line.clone());
            assert_eq!(folded.fold(), fold(line), "{line}");
            assert_eq!(fold_words(line), fold(line), "{line}");
            let pf = folded.prefixes();
            let lazy = PrefixFolds::new(line);
            for end in token_ends(line).into_iter().take(MAX_PHRASE_TOKENS) {
                let want = fold(&line[..end]);
                if end <= MAX_PHRASE_BYTES && !want.is_empty() {
                    let len = pf.len_of(&want);
                    assert!(len.is_some(), "{line:?} prefix {want:?}");
                    assert_eq!(len, lazy.len_of(&want), "{line:?} prefix {want:?}");
                }
            }
            // Pieces, as the agency rules cut them: from each token start to
            // a later token end, or to just before its trailing `,` (on the
            // lines with a comma, to keep the test quick).
            let pieces = if line.contains(',') { 6 } else { 0 };
            for (a, _) in tokens_from(line, 0).take(pieces) {
                for (_, end) in tokens_from(line, a).take(pieces) {
                    let cut = line[..end]
                        .trim_end_matches(|c: char| ".;,:".contains(c))
                        .len();
                    for b in [end, cut.max(a)] {
                        let (piece, shared) =
                            (PrefixFolds::new(&line[a..b]), folded.prefixes_at(a, b));
                        for e in token_ends(&line[a..b]).into_iter().take(MAX_PHRASE_TOKENS) {
                            let want = fold(&line[a..a + e]);
                            assert_eq!(
                                shared.len_of(&want),
                                piece.len_of(&want),
                                "{line:?} {a}..{b}"
                            );
                        }
                    }
                }
            }
            let sf = folded.suffixes();
            let fresh = SuffixFolds::new(line);
            for start in token_starts(line) {
                let want = fold(&line[start..]);
                if start + MAX_PHRASE_BYTES >= line.len() && !want.is_empty() {
                    let found = sf.start_of(&want);
                    assert!(
                        found.is_some_and(|s| s <= start),
                        "{line:?} suffix {want:?}"
                    );
                    assert_eq!(found, fresh.start_of(&want), "{line:?} suffix {want:?}");
                }
            }
        }
    }
}
