//! Roles written in sentences (OUTPUT.md, "Tasks and targets written in
//! prose", forms 2 and 3): the bodies a heading or a sentence opens with,
//! where they end, and the bodies named after `phối hợp (với)`.
//!
//! The phrases are data, in `rules/prose_roles.tsv`; this module only reads
//! words. A sentence's *subject* is the text from its first word (after a
//! `lead_in` such as `Trách nhiệm của`, or an `adverbial` opening such as
//! `Định kỳ,`) to the first `ends_bodies` phrase (`chủ trì`, `phối hợp`,
//! `tổ chức` …), when that text opens with a body's name
//! ([`kehoach_rules::opens_with_body`]).

use kehoach_rules::{
    is_letter_or_digit, may_open_body, may_open_body_folded, opens_with_body, FxHashMap,
};
use kehoach_text::fold;
use std::sync::LazyLock;

/// The phrases of `rules/prose_roles.tsv`, as folded words, by role.
#[derive(Default)]
struct Rules {
    lead_in: Phrases,
    adverbial: Phrases,
    ends_bodies: Phrases,
    noun_before: Phrases,
    list_noun: Phrases,
    cooperating: Phrases,
    cooperating_bare: Phrases,
    joins_roles: Phrases,
    reported: Phrases,
    /// The first word of each `cooperating` and `cooperating_bare` phrase,
    /// in lower case as printed in the table: a text without one names no
    /// cooperating body.
    cooperating_cue: Vec<String>,
    /// The first word of each `lead_in` and `adverbial` phrase, folded.
    opening_cue: Vec<String>,
    not_body: Phrases,
    /// The most words a phrase of any list has.
    longest: usize,
    /// Per folded word that starts a phrase, the [`Phrases::bit`] of each
    /// role with such a phrase: most words start none, which
    /// [`phrase_at`] then tells without comparing the role's phrases (a
    /// map only looked up, so its order cannot reach the output).
    starts: FxHashMap<String, u16>,
}

/// The phrases of one role, longest first, and the role's bit in
/// [`Rules::starts`].
#[derive(Default)]
struct Phrases {
    list: Vec<Vec<String>>,
    bit: u16,
}

fn folded_words(phrase: &str) -> Vec<String> {
    phrase
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(fold)
        .collect()
}

static RULES: LazyLock<Rules> = LazyLock::new(|| {
    let mut r = Rules::default();
    for (phrase, role) in crate::prose::tsv_rows(include_str!("../rules/prose_roles.tsv")) {
        if matches!(role, "cooperating" | "cooperating_bare") {
            if let Some(first) = phrase.split_whitespace().next() {
                let cue = first.to_lowercase();
                // What `lower_contains` relies on.
                assert!(
                    !cue.contains(['Σ', 'σ', 'ς']) && !cue.starts_with('\u{307}'),
                    "prose_roles.tsv: cue {cue:?}"
                );
                r.cooperating_cue.push(cue);
            }
        }
        if matches!(role, "lead_in" | "adverbial") {
            if let Some(first) = phrase.split_whitespace().next() {
                r.opening_cue.push(fold(first));
            }
        }
        let list = match role {
            "lead_in" => &mut r.lead_in,
            "adverbial" => &mut r.adverbial,
            "ends_bodies" => &mut r.ends_bodies,
            "noun_before" => &mut r.noun_before,
            "list_noun" => &mut r.list_noun,
            "cooperating" => &mut r.cooperating,
            "cooperating_bare" => &mut r.cooperating_bare,
            "joins_roles" => &mut r.joins_roles,
            "reported" => &mut r.reported,
            "not_body" => &mut r.not_body,
            other => panic!("prose_roles.tsv: unknown role {other:?}"),
        };
        list.list.push(folded_words(phrase));
    }
    // Longest phrases first: `phối hợp với` before `phối hợp`.
    for (role, list) in [
        &mut r.lead_in,
        &mut r.adverbial,
        &mut r.ends_bodies,
        &mut r.noun_before,
        &mut r.list_noun,
        &mut r.cooperating,
        &mut r.cooperating_bare,
        &mut r.joins_roles,
        &mut r.reported,
        &mut r.not_body,
    ]
    .into_iter()
    .enumerate()
    {
        list.list.sort_by_key(|p| std::cmp::Reverse(p.len()));
        r.longest = r.longest.max(list.list.first().map_or(0, Vec::len));
        list.bit = 1 << role;
        for first in list.list.iter().filter_map(|p| p.first()) {
            *r.starts.entry(first.clone()).or_default() |= list.bit;
        }
    }
    r
});

/// A word of a text: where its letters are, its fold, and the punctuation
/// around it.
#[derive(Debug)]
struct Word<'t> {
    start: usize,
    end: usize,
    /// The letters, folded when first compared (most words never are),
    /// with the roles whose phrases may start at the word (see
    /// [`Rules::starts`]).
    core: &'t str,
    folded: std::cell::OnceCell<(String, u16)>,
    /// Printed with a capital first letter and small letters after it.
    upper: bool,
    /// Followed by `.`, `;` or `:` (a sentence or a name list ends).
    stop_after: bool,
    /// Followed by a comma.
    comma_after: bool,
    /// Inside parentheses.
    in_parens: bool,
}

/// The first `limit` words of `text` (every word: `usize::MAX`).
fn words(text: &str, limit: usize) -> Vec<Word<'_>> {
    let mut reader = Reader::new(text);
    reader.first(limit);
    reader.ws
}

/// The words of a text, read as far as asked: whether a sentence opens with
/// a subject is mostly told by its first few words, and a bullet may have
/// hundreds.
struct Reader<'t> {
    text: &'t str,
    raw: std::str::SplitWhitespace<'t>,
    /// How many parentheses are open after the words read.
    depth: i32,
    ws: Vec<Word<'t>>,
}

impl<'t> Reader<'t> {
    fn new(text: &'t str) -> Reader<'t> {
        Reader {
            text,
            raw: text.split_whitespace(),
            depth: 0,
            ws: Vec::new(),
        }
    }

    /// The first `n` words of the text (all of them when it has fewer).
    fn first(&mut self, n: usize) -> &[Word<'t>] {
        while self.ws.len() < n {
            let Some(raw) = self.raw.next() else { break };
            self.read(raw);
        }
        &self.ws[..n.min(self.ws.len())]
    }

    /// Reads the whitespace-separated `raw` of the text: a word when it has
    /// a letter or digit.
    fn read(&mut self, raw: &'t str) {
        let text = self.text;
        let at = raw.as_ptr() as usize - text.as_ptr() as usize;
        // Parentheses are ASCII: counted on the bytes, without decoding.
        let opens = raw.bytes().filter(|&b| b == b'(').count() as i32;
        let closes = raw.bytes().filter(|&b| b == b')').count() as i32;
        let core_start = raw
            .char_indices()
            .find(|&(_, c)| is_letter_or_digit(c))
            .map(|(i, _)| i);
        let Some(cs) = core_start else {
            self.depth += opens - closes;
            return;
        };
        let ce = raw
            .char_indices()
            .rev()
            .find(|&(_, c)| is_letter_or_digit(c))
            .map(|(i, c)| i + c.len_utf8())
            .unwrap_or(raw.len());
        let tail = &raw[ce..];
        let in_parens = self.depth > 0 || raw[..cs].contains('(');
        self.depth += opens - closes;
        self.ws.push(Word {
            start: at + cs,
            end: at + ce,
            core: &raw[cs..ce],
            folded: std::cell::OnceCell::new(),
            // `Phục vụ` in a name, not `CHỊU TRÁCH NHIỆM` in capitals.
            upper: raw[cs..].chars().next().is_some_and(char::is_uppercase)
                && raw[cs..ce].chars().any(char::is_lowercase),
            stop_after: tail.contains(['.', ';', ':', '：']),
            comma_after: tail.contains(','),
            in_parens,
        });
    }
}

impl Word<'_> {
    fn fold(&self) -> &str {
        &self.folded().0
    }

    /// The [`Phrases::bit`] of each role with a phrase that starts with
    /// this word.
    fn starts(&self) -> u16 {
        self.folded().1
    }

    fn folded(&self) -> &(String, u16) {
        self.folded.get_or_init(|| {
            let folded = fold(self.core);
            let starts = RULES.starts.get(&folded).copied().unwrap_or(0);
            (folded, starts)
        })
    }
}

/// The length in words of the longest phrase of `phrases` at word `i`.
fn phrase_at(ws: &[Word], i: usize, phrases: &Phrases) -> Option<usize> {
    // A phrase matches only where its first word is: at most words no
    // phrase of the role starts, which one bit tells.
    if ws.get(i).is_none_or(|w| w.starts() & phrases.bit == 0) {
        return None;
    }
    phrase_in(ws, i, &phrases.list)
}

/// [`phrase_at`], comparing every phrase of `list`.
fn phrase_in(ws: &[Word], i: usize, list: &[Vec<String>]) -> Option<usize> {
    list.iter()
        .find(|p| {
            !p.is_empty()
                && ws.len() >= i + p.len()
                && p.iter().zip(&ws[i..]).all(|(a, w)| a == w.fold())
                // A phrase does not run over a sentence's end.
                && ws[i..i + p.len() - 1].iter().all(|w| !w.stop_after)
        })
        .map(Vec::len)
}

/// Whether an `ends_bodies` phrase at word `i` ends the bodies that start at
/// word `from`: printed in lower case, outside parentheses, not right
/// after the first word (`Ban chỉ đạo`, `Tổ giúp việc` are names) nor
/// after a `noun_before` word (`các tổ chức`), nor a `list_noun` after a
/// comma or `và` (`các cơ quan, tổ chức hữu quan`).
fn ends_at(ws: &[Word], from: usize, i: usize) -> Option<usize> {
    if i <= from + 1 || ws[i].upper || ws[i].in_parens {
        return None;
    }
    if ws[i - 1].starts() & RULES.noun_before.bit != 0
        && RULES
            .noun_before
            .list
            .iter()
            .any(|p| p.len() == 1 && p[0] == ws[i - 1].fold())
    {
        return None;
    }
    let in_list = ws[i - 1].comma_after || ws[i - 1].fold() == AND.as_str();
    if in_list && phrase_at(ws, i, &RULES.list_noun).is_some() {
        return None;
    }
    phrase_at(ws, i, &RULES.ends_bodies)
}

/// The folded `và`.
static AND: LazyLock<String> = LazyLock::new(|| fold("và"));

/// How many words a `lead_in` or `adverbial` phrase may have.
const LEAD_WORDS: usize = 4;

/// How far into a text its subject is looked for, in words.
const SUBJECT_REACH: usize = 60;

/// The bodies a sentence or heading opens with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Subject<'t> {
    /// The bodies as printed (`Sở Y tế`, `Các Thôn, Tổ công nghệ số cộng đồng`).
    pub bodies: &'t str,
    /// What follows the bodies: what they do (after an `ends_bodies`
    /// phrase, which it starts with) or the text after a colon; empty when
    /// the text is only bodies.
    pub rest: &'t str,
    /// Whether the bodies end at an `ends_bodies` phrase (a sentence) rather
    /// than at a colon or the end of the text (a heading naming bodies).
    pub predicate: bool,
}

/// The subject of `text`: the bodies it opens with, after a `lead_in`
/// phrase or an `adverbial` opening. With `need_predicate`, only a
/// sentence whose bodies are followed by what they do counts (a bullet);
/// without, a text that is only bodies does too (a heading).
pub(crate) fn subject(text: &str, need_predicate: bool) -> Option<Subject<'_>> {
    // Most bullets open with a verb: the first word tells, before the rest
    // is read.
    let first = text.split_whitespace().next().unwrap_or(&text[..0]);
    let core = first.trim_matches(|c: char| !is_letter_or_digit(c));
    // Where the first word's letters start: `may_open_body` of the text
    // from there is that of the whole text, worked out once here.
    let core_start = core.as_ptr() as usize - text.as_ptr() as usize;
    let first = fold(core);
    let opens = may_open_body_folded(text, &first);
    if !RULES.opening_cue.contains(&first) && !opens {
        return None;
    }
    let may_open_at = |start: usize| {
        if start == core_start && !core.is_empty() {
            opens
        } else {
            may_open_body(&text[start..])
        }
    };
    let mut reader = Reader::new(text);
    let ws = reader.first(LEAD_WORDS);
    if ws.is_empty() {
        return None;
    }
    let lead_in_len = phrase_at(ws, 0, &RULES.lead_in);
    let adverbial = lead_in_len.is_none() && phrase_at(ws, 0, &RULES.adverbial).is_some();
    if lead_in_len.is_none()
        && !adverbial
        && (!may_open_at(ws[0].start) || phrase_at(ws, 0, &RULES.not_body).is_some())
    {
        return None;
    }
    // The words looked at are read as the reading gets to them (no more
    // than `limit`): a phrase at word `i` needs at most `RULES.longest`
    // words from there, and the words after them change nothing.
    let limit = 2 * SUBJECT_REACH;
    let near = |i: usize| (i + RULES.longest + 1).min(limit);
    let mut from = 0;
    let mut lead_in = false;
    if let Some(n) = lead_in_len {
        from = n;
        lead_in = true;
    } else if phrase_at(reader.first(near(0)), 0, &RULES.adverbial).is_some() {
        // `Định kỳ, Thường trực Ủy ban … chủ trì`: the subject after the
        // opening's comma.
        let ws = reader.first(SUBJECT_REACH);
        let comma = ws.iter().position(|w| w.comma_after)?;
        if ws[..comma].iter().any(|w| w.stop_after) {
            return None;
        }
        from = comma + 1;
    }
    let ws = reader.first(near(from));
    if from >= ws.len()
        || phrase_at(ws, from, &RULES.not_body).is_some()
        || !may_open_at(ws[from].start)
    {
        return None;
    }
    let start = ws[from].start;
    if !opens_with_body(&text[start..], !lead_in) {
        return None;
    }
    let mut i = from;
    loop {
        let ws = reader.first(near(i));
        if i >= ws.len().min(from + SUBJECT_REACH) {
            break;
        }
        if i > from && phrase_at(ws, i, &RULES.reported).is_some() {
            // `Ủy ban nhân dân tỉnh đã ban hành …`: a report.
            return None;
        }
        if i > from && ends_at(ws, from, i).is_some() {
            let bodies = text[start..ws[i].start].trim_end_matches([' ', ',', ';']);
            return Some(Subject {
                bodies: bodies.trim(),
                rest: text[ws[i].start..].trim(),
                predicate: true,
            });
        }
        if ws[i].stop_after {
            // `Sở Y tế: …`, or a sentence that ends before any verb.
            let after = &text[ws[i].end..];
            let rest = after.trim_start_matches(|c: char| !is_letter_or_digit(c) && c != '(');
            let colon = after.trim_start().starts_with([':', '：']);
            if need_predicate || (!colon && !rest.trim().is_empty()) {
                return None;
            }
            return Some(Subject {
                bodies: text[start..ws[i].end].trim(),
                rest: rest.trim(),
                predicate: false,
            });
        }
        i += 1;
    }
    // A heading of bodies only: all of it read, and not too long.
    let ws = reader.first(limit);
    let all_read = text[ws[ws.len() - 1].end..]
        .split_whitespace()
        .next()
        .is_none();
    if need_predicate || ws.len() > from + SUBJECT_REACH || !all_read {
        return None;
    }
    Some(Subject {
        bodies: text[start..].trim_end_matches(['.', ';', ',', ' ']).trim(),
        rest: "",
        predicate: false,
    })
}

/// The bodies part of a lead or cooperating value: up to the first phrase
/// that ends them (`Các trường học chủ động xây dựng …` -> `Các trường
/// học`), the whole value when none occurs after its first word.
pub(crate) fn bodies_part(value: &str) -> &str {
    if !opens_with_body(value, false) {
        return value;
    }
    let ws = words(value, usize::MAX);
    for i in 1..ws.len() {
        if ends_at(&ws, 0, i).is_some() {
            return value[..ws[i].start]
                .trim_end_matches([' ', ',', ';'])
                .trim_end();
        }
    }
    value
}

/// Whether a `cooperating_bare` phrase at word `i` may name bodies: at a
/// sentence's start, or after a `joins_roles` phrase.
fn opens_roles(ws: &[Word], i: usize) -> bool {
    if i == 0 || ws[i - 1].stop_after {
        return true;
    }
    RULES
        .joins_roles
        .list
        .iter()
        .any(|p| p.len() <= i && phrase_in(ws, i - p.len(), std::slice::from_ref(p)).is_some())
}

/// Whether `text.to_lowercase()` contains `cue` (lower case, without `Σ`,
/// `σ` or `ς`), without lower-casing all of the text: most texts are long
/// and have no cue. Lower-casing maps each character on its own but for a
/// final sigma, so a match starts at a character whose lower case starts
/// with the cue's first character (the only lower case of more than one
/// character, `İ`'s, adds a mark no cue starts with), and the lower case of
/// the characters from there starts with the cue.
fn lower_contains(text: &str, cue: &str) -> bool {
    let Some(first) = cue.chars().next() else {
        return true;
    };
    let len = cue.chars().count();
    let matches_at = |i: usize| {
        text[i..]
            .chars()
            .flat_map(char::to_lowercase)
            .take(len)
            .eq(cue.chars())
    };
    if first.is_ascii_lowercase() && !OUTSIDE_ASCII_LOWER.contains(&first) {
        // Only the letter and its capital lower-case to it: the places to
        // look at are found on the bytes, without decoding every character.
        let (small, capital) = (first as u8, first.to_ascii_uppercase() as u8);
        return text
            .bytes()
            .enumerate()
            .any(|(i, b)| (b == small || b == capital) && matches_at(i));
    }
    text.char_indices()
        .any(|(i, c)| c.to_lowercase().next() == Some(first) && matches_at(i))
}

/// The ASCII letters that a character outside ASCII lower-cases to (`İ`
/// to `i` and a mark, the Kelvin sign to `k`);
/// `tests::outside_ascii_lower_cases` checks every character.
const OUTSIDE_ASCII_LOWER: [char; 2] = ['i', 'k'];

/// The bodies a text names as taking part: after each `phối hợp (với)` that
/// a body's name follows, up to what they do (`Phối hợp với Sở Y tế, Sở
/// Khoa học và Công nghệ rà soát …` -> `Sở Y tế, Sở Khoa học và Công
/// nghệ`).
pub(crate) fn cooperating_in(text: &str) -> Vec<&str> {
    // Most texts print no `phối hợp`: a look at the letters first.
    if !RULES
        .cooperating_cue
        .iter()
        .any(|w| lower_contains(text, w))
    {
        return Vec::new();
    }
    let ws = words(text, usize::MAX);
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let n = phrase_at(&ws, i, &RULES.cooperating)
            .or_else(|| phrase_at(&ws, i, &RULES.cooperating_bare).filter(|_| opens_roles(&ws, i)));
        let Some(n) = n.filter(|_| !ws[i].in_parens) else {
            i += 1;
            continue;
        };
        let from = i + n;
        i = from;
        if from >= ws.len() || ws[from - 1].stop_after {
            continue;
        }
        let start = ws[from].start;
        if !opens_with_body(&text[start..], true) {
            continue;
        }
        let mut end = text.len();
        for j in from..ws.len().min(from + SUBJECT_REACH) {
            if j > from && ends_at(&ws, from, j).is_some() {
                end = ws[j].start;
                break;
            }
            if ws[j].stop_after {
                end = ws[j].end;
                break;
            }
        }
        let bodies = text[start..end].trim_end_matches([' ', ',', ';']).trim();
        if !bodies.is_empty() {
            out.push(bodies);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subj(text: &str, need: bool) -> Option<(&str, bool)> {
        subject(text, need).map(|s| (s.bodies, s.predicate))
    }

    #[test]
    fn a_sentence_opens_with_its_bodies() {
        assert_eq!(
            subj("Sở Y tế theo dõi, hướng dẫn các bệnh viện.", true),
            Some(("Sở Y tế", true))
        );
        assert_eq!(
            subj("Hội Nông dân phối hợp tuyên truyền các mô hình.", true),
            Some(("Hội Nông dân", true))
        );
        assert_eq!(
            subj(
                "Định kỳ, Thường trực Ủy ban Kinh tế chủ trì, phối hợp với Văn phòng Quốc hội tổng hợp.",
                true
            ),
            Some(("Thường trực Ủy ban Kinh tế", true))
        );
        // Sentences that open with a verb or a noun.
        assert_eq!(subj("Tổ chức tập huấn cho cán bộ.", true), None);
        assert_eq!(subj("Ban hành quy chế bảo vệ dữ liệu.", true), None);
        assert_eq!(
            subj("Lãnh đạo, điều hành thống nhất việc triển khai.", true),
            None
        );
        assert_eq!(
            subj("Phòng chống lừa đảo trên không gian mạng.", true),
            None
        );
        // A bullet needs what the bodies do.
        assert_eq!(subj("Sở Y tế.", true), None);
    }

    /// The bit of a role's phrases tells what comparing them does, at every
    /// word of every corpus line.
    #[test]
    fn first_words_tell_phrases() {
        let r = &*RULES;
        let roles = [
            &r.lead_in,
            &r.adverbial,
            &r.ends_bodies,
            &r.noun_before,
            &r.list_noun,
            &r.cooperating,
            &r.cooperating_bare,
            &r.joins_roles,
            &r.reported,
            &r.not_body,
        ];
        let mut found = 0;
        for text in crate::corpus_texts() {
            for line in text.lines() {
                let ws = words(line, usize::MAX);
                for i in 0..=ws.len() {
                    for phrases in roles {
                        let slow = phrase_in(&ws, i, &phrases.list);
                        assert_eq!(phrase_at(&ws, i, phrases), slow, "{line} {i}");
                        found += usize::from(slow.is_some());
                    }
                }
            }
        }
        assert!(found > 0);
    }

    #[test]
    fn a_heading_names_bodies() {
        assert_eq!(
            subj("Trách nhiệm của Ban chỉ đạo của Ủy ban nhân dân xã", false),
            Some(("Ban chỉ đạo của Ủy ban nhân dân xã", false))
        );
        assert_eq!(
            subj(
                "Đề nghị Mặt trận Tổ quốc Việt Nam xã, các tổ chức chính trị-xã hội",
                false
            ),
            Some((
                "Mặt trận Tổ quốc Việt Nam xã, các tổ chức chính trị-xã hội",
                false
            ))
        );
        assert_eq!(
            subj("Trung tâm Phục vụ hành chính công", false),
            Some(("Trung tâm Phục vụ hành chính công", false))
        );
        let s = subject("Sở Tài chính: bố trí kinh phí thực hiện.", false).unwrap();
        assert_eq!(
            (s.bodies, s.rest),
            ("Sở Tài chính", "bố trí kinh phí thực hiện.")
        );
        assert_eq!(subj("TỔ CHỨC THỰC HIỆN", false), None);
        assert_eq!(subj("Mục tiêu cụ thể", false), None);
    }

    #[test]
    fn outside_ascii_lower_cases() {
        for c in (0x80..=0x10FFFF).filter_map(char::from_u32) {
            let lower = c.to_lowercase().next().expect("never empty");
            assert!(
                !lower.is_ascii() || OUTSIDE_ASCII_LOWER.contains(&lower),
                "{c:?}"
            );
        }
        for text in [
            "Phối hợp",
            "PHỐI HỢP",
            "x phối",
            "Σ phối",
            "İphối",
            "pho",
            "",
        ] {
            assert_eq!(
                lower_contains(text, "phối"),
                text.to_lowercase().contains("phối"),
                "{text}"
            );
        }
    }

    #[test]
    fn bodies_that_take_part() {
        assert_eq!(
            cooperating_in("Phối hợp Công an thành phố, Sở Y tế về việc hướng dẫn, hỗ trợ."),
            vec!["Công an thành phố, Sở Y tế"]
        );
        assert_eq!(
            cooperating_in("Chủ trì, phân công nhiệm vụ, phối hợp với các cơ quan, đơn vị liên quan hướng dẫn, đôn đốc."),
            vec!["các cơ quan, đơn vị liên quan"]
        );
        // `phối hợp` before a verb names no body.
        assert!(cooperating_in("Phối hợp tổ chức phổ biến, quán triệt.").is_empty());
    }

    #[test]
    fn a_value_ends_its_bodies_where_what_they_do_begins() {
        assert_eq!(
            bodies_part("Các trường học trên địa bàn chủ động xây dựng kế hoạch."),
            "Các trường học trên địa bàn"
        );
        assert_eq!(
            bodies_part("Phòng Kinh tế CHỊU TRÁCH NHIỆM tổng hợp"),
            "Phòng Kinh tế"
        );
        assert_eq!(bodies_part("Công an xã, các thôn"), "Công an xã, các thôn");
        assert_eq!(bodies_part("Chủ động bố trí"), "Chủ động bố trí");
    }
}
