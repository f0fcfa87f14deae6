//! Flattened PDF text: a table row is its number on a line, then each cell
//! in header order, each cell wrapped over several lines, two short cells
//! sometimes sharing a line.
//!
//! Reading works in three steps:
//! 1. **Rows.** Lines are cut into rows at row numbers that continue the
//!    table's numbering (`1`, `2` … or `1.1` under `1`, `I`/`A` for group
//!    rows). Numbers that do not continue it (stray page numbers, a year on
//!    its own line) stay text. Header rows repeated after a page break are
//!    dropped, and mark where the row was cut.
//! 2. **Pieces.** Each line of a row is one piece, or several where a line
//!    visibly holds several cells (`>60% 100% 100%`, `% 95 Phòng …`,
//!    `Phòng Kinh tế Kế hoạch Hằng năm`).
//! 3. **Cells.** A dynamic programme cuts the pieces, in order, into the
//!    header's columns. Each way of cutting is weighed by how well each cell
//!    fits its column (a target looks like `>60%`, a person cell starts with
//!    a title, an agency cell with an organisation word, a deadline parses as
//!    one, a continued line starts lower case …) and the best is kept. The
//!    evidence words live in `rules/cell_words.tsv`.
//!
//! A vertically merged cell is printed once, with its first row; rows below
//! it that leave that column empty inherit it (marked `inherited`).

use crate::fx::{FxHashMap, FxHasher};
use crate::header::classify_header;
use crate::locate::{Found, StrippedLines};
use crate::model::{Cell, Column, Role, Row, RowKind, Table, TableKind, TableWarning};
use crate::rows::{is_roman, maybe_digit, roman_value};
use kehoach_text::{fold, join_clean_wrapped, join_wrapped, words};
use regex::Regex;
use std::borrow::Cow;
use std::hash::Hasher;
use std::sync::LazyLock;

/// Word classes from `rules/cell_words.tsv`, as folded word sequences.
struct Lexicon {
    person: Phrases,
    org: Phrases,
    output: Phrases,
    deadline: Phrases,
    unit: Phrases,
    /// Organisation words that start a body even in the middle of a line.
    strong_org: Phrases,
    /// The one-word phrases of every class, with the class's bit (matched
    /// as a prefix of a word: `20` matches `2027`), kept by their first byte (`singles[b]`): a word starts with a
    /// phrase only if it starts with the phrase's first byte (an empty word,
    /// looked up under byte 0, only with an empty phrase).
    singles: Vec<Vec<(String, u8)>>,
    /// The words matched whole: comparators, deadline words, glue words,
    /// the locality words and the first words of the phrases of two words
    /// or more.
    exact: FxHashMap<String, Exact>,
}

/// What a folded word is, among the words [`Lexicon::exact`] matches whole.
#[derive(Debug, Clone, Copy, Default)]
struct Exact {
    /// See [`Word`] for these.
    cmp: bool,
    opens_value: bool,
    dated: bool,
    glue: bool,
    locality: bool,
    /// The classes with a phrase of two words or more that starts with it.
    firsts: u8,
    /// Where those phrases are kept in each class ([`Phrases::by_first`]).
    first_id: u32,
}

static LEX: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut lex = Lexicon {
        person: Phrases::new(1),
        org: Phrases::new(2),
        output: Phrases::new(4),
        deadline: Phrases::new(8),
        unit: Phrases::new(16),
        strong_org: Phrases::new(32),
        singles: vec![],
        exact: FxHashMap::default(),
    };
    let mut glue = vec![];
    for line in include_str!("../rules/cell_words.tsv").lines() {
        let Some((class, phrase)) = line.split_once('\t') else {
            continue;
        };
        if line.starts_with('#') {
            continue;
        }
        let words: Vec<String> = phrase.split_whitespace().map(fold).collect();
        match class {
            "person" => lex.person.push(words),
            "org" => lex.org.push(words),
            "strong_org" => {
                lex.org.push(words.clone());
                lex.strong_org.push(words);
            }
            "output" => lex.output.push(words),
            "deadline" => lex.deadline.push(words),
            "unit" => lex.unit.push(words),
            "glue" => glue.extend(words),
            other => panic!("cell_words.tsv: unknown class {other:?}"),
        }
    }
    let mut singles = vec![Vec::new(); 256];
    let mut exact: FxHashMap<String, Exact> = FxHashMap::default();
    for class in lex.classes() {
        for phrase in &class.all {
            match phrase.as_slice() {
                [] => {}
                [single] => {
                    // An empty phrase (a word that folds to nothing) starts
                    // every word: it is kept under every byte.
                    let firsts = match single.as_bytes().first() {
                        Some(&b) => b..=b,
                        None => 0..=u8::MAX,
                    };
                    for b in firsts {
                        singles[usize::from(b)].push((single.clone(), class.bit));
                    }
                }
                [first, ..] => exact.entry(first.clone()).or_default().firsts |= class.bit,
            }
        }
    }
    // The phrases of two words or more, kept by their first word's id: a
    // word is matched only against the phrases it starts.
    let mut next_id = 0;
    for class in [
        &mut lex.person,
        &mut lex.org,
        &mut lex.output,
        &mut lex.deadline,
        &mut lex.unit,
        &mut lex.strong_org,
    ] {
        for phrase in class.all.iter().filter(|p| p.len() > 1) {
            let e = exact.get_mut(&phrase[0]).expect("first words are kept");
            if e.first_id == 0 {
                next_id += 1;
                e.first_id = next_id;
            }
            let id = e.first_id as usize;
            if class.by_first.len() <= id {
                class.by_first.resize(id + 1, Vec::new());
            }
            class.by_first[id].push(phrase.clone());
        }
    }
    let mut mark = |words: &[&str], set: fn(&mut Exact)| {
        for w in words {
            set(exact.entry(fold(w)).or_default());
        }
    };
    // Comparator words; those that open a value (`ít nhất`, `đạt`, `trên`),
    // as opposed to those inside one (`nhất`, `đến` in `66% đến 70%`).
    mark(
        &[
            "ít", "nhất", "đạt", "trên", "phấn", "đấu", "tối", "thiểu", "khoảng", "dưới", "đến",
            "từ",
        ],
        |e| e.cmp = true,
    );
    mark(
        &["ít", "đạt", "trên", "phấn", "tối", "khoảng", "dưới", "từ"],
        |e| e.opens_value = true,
    );
    mark(
        &["năm", "tháng", "quý", "quí", "ngày", "đoạn"],
        |e| e.dated = true,
    );
    mark(&["xã", "phường"], |e| e.locality = true);
    for w in glue {
        exact.entry(w).or_default().glue = true;
    }
    lex.singles = singles;
    lex.exact = exact;
    lex
});

impl Lexicon {
    fn classes(&self) -> [&Phrases; 6] {
        [
            &self.person,
            &self.org,
            &self.output,
            &self.deadline,
            &self.unit,
            &self.strong_org,
        ]
    }
}

/// Phrases of one word class, as folded words. Each [`Word`] knows which
/// classes it may start a phrase of: most words start none.
struct Phrases {
    /// The class's bit in [`Word::singles`] and [`Word::firsts`].
    bit: u8,
    /// Every phrase.
    all: Vec<Vec<String>>,
    /// The phrases of two words or more, by their first word's
    /// [`Word::first_id`] (ids from 1).
    by_first: Vec<Vec<Vec<String>>>,
}

impl Phrases {
    fn new(bit: u8) -> Phrases {
        Phrases {
            bit,
            all: vec![],
            by_first: vec![],
        }
    }

    fn push(&mut self, phrase: Vec<String>) {
        if !phrase.is_empty() {
            self.all.push(phrase);
        }
    }

    /// Whether `words` start with one of the phrases of two words or more.
    /// (Inlined: most words start no such phrase, which their bits tell.)
    #[inline]
    fn starts_multi(&self, words: &[&Word]) -> bool {
        words.first().is_some_and(|w0| w0.firsts & self.bit != 0) && self.matches_multi(words)
    }

    /// (Only the phrases the first word starts are looked at: their first
    /// words are equal.)
    #[inline(never)]
    fn matches_multi(&self, words: &[&Word]) -> bool {
        let Some(w0) = words.first() else {
            return false;
        };
        let Some(phrases) = self.by_first.get(w0.first_id as usize) else {
            return false;
        };
        phrases.iter().any(|p| {
            p.len() <= words.len()
                && p.iter().zip(words).enumerate().skip(1).all(|(k, (a, b))| {
                    if k + 1 == p.len() {
                        b.folded.starts_with(a.as_str())
                    } else {
                        *a == b.folded
                    }
                })
        })
    }

    /// Whether `words` start with one of the phrases; the phrase's last word
    /// may be a prefix (`Năm 20` matches `Năm 2027`).
    #[inline]
    fn starts(&self, words: &[&Word]) -> bool {
        words.first().is_some_and(|w0| w0.singles & self.bit != 0) || self.starts_multi(words)
    }
}

/// What the cell evidence needs of one distinct word, worked out once per
/// table: most words recur on many lines.
struct Word {
    /// The word's [`fold`] (which has no trailing `,` `;` `.`).
    folded: String,
    /// A value (`60%`, `3,5`, `-`).
    value: bool,
    /// A comparator symbol (`>`, `≥`).
    symbol: bool,
    /// A comparator word (`ít`, `nhất`, `đạt` …).
    cmp: bool,
    /// A comparator word that opens a value (`ít nhất`, `đạt`, `trên`), as
    /// opposed to one inside it (`nhất`, `đến` in `66% đến 70%`).
    opens_value: bool,
    /// A deadline word that takes the number after it (`Năm`, `Tháng`).
    dated: bool,
    /// A glue word (`của`, `và`): the text goes on after it.
    glue: bool,
    /// The locality word (`xã`, `phường`).
    locality: bool,
    /// The classes (their [`Phrases::bit`]) with a one-word phrase that
    /// starts this word.
    singles: u8,
    /// The classes with a longer phrase whose first word this is.
    firsts: u8,
    /// See [`Exact::first_id`].
    first_id: u32,
    /// Length in characters.
    chars: usize,
    /// Its first character: upper case, lower case, a letter, a digit; `%`.
    upper: bool,
    lower: bool,
    alphabetic: bool,
    digit: bool,
    percent: bool,
    /// A dash standing alone (`-`, `–`, `—`).
    dash: bool,
    /// `đ/c` (đồng chí), which takes the title after it.
    comrade: bool,
    /// Ends on punctuation after which a cell goes on (`-`, `,`, `;`, `–`,
    /// `(`, `/`, `:`, `&`).
    open_punct: bool,
    /// Glued to the next word by its punctuation: longer than one
    /// character and ending on `-`, `,`, `;`, `(` or `&`, or `&` itself.
    joins_next: bool,
}

impl Word {
    fn new(raw: &str) -> Word {
        let folded = fold(raw);
        // Values and comparator symbols start with a digit, a comparator or
        // a dash: other words need not be matched against them.
        let value_like = raw.starts_with(|c: char| {
            c.is_numeric() || matches!(c, '>' | '<' | '≥' | '≤' | '~' | '-' | '–' | '—')
        });
        let singles = folded
            .as_bytes()
            .first()
            .map_or(&LEX.singles[0], |&b| &LEX.singles[usize::from(b)])
            .iter()
            .filter(|(s, _)| folded.starts_with(s.as_str()))
            .fold(0, |bits, (_, bit)| bits | bit);
        let exact = LEX.exact.get(&folded).copied().unwrap_or_default();
        let first = raw.chars().next();
        let chars = raw.chars().count();
        Word {
            chars,
            upper: first.is_some_and(char::is_uppercase),
            lower: first.is_some_and(char::is_lowercase),
            alphabetic: first.is_some_and(char::is_alphabetic),
            digit: first.is_some_and(|c| c.is_ascii_digit()),
            percent: first == Some('%'),
            dash: matches!(raw, "-" | "–" | "—"),
            comrade: folded == "đ/c",
            open_punct: raw.ends_with(OPEN_PUNCT),
            joins_next: (chars > 1 && raw.ends_with(['-', ',', ';', '(', '&'])) || raw == "&",
            value: value_like && VALUE_WORD.is_match(raw),
            symbol: value_like && CMP_SYMBOL.is_match(raw),
            cmp: exact.cmp,
            opens_value: exact.opens_value,
            dated: exact.dated,
            glue: exact.glue,
            locality: exact.locality,
            singles,
            firsts: exact.firsts,
            first_id: exact.first_id,
            folded,
        }
    }
}

/// The distinct words of a plan's flattened tables, each looked at once.
///
/// Every word of every table line is looked up here, most of them a few
/// bytes long: the table holds word ids and compares the words itself
/// ([`same_bytes`]), where a map keyed by strings would call `memcmp`.
#[derive(Default)]
pub(crate) struct Vocab {
    /// Ids into `raw` and `words`, by the [`FxHasher`] hash of the word.
    ids: hashbrown::HashTable<u32>,
    /// The words as printed.
    raw: Vec<Box<str>>,
    words: Vec<Word>,
    /// The ids of the words being looked up.
    found: Vec<usize>,
}

/// The [`FxHasher`] hash of `word`.
fn word_hash(word: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(word.as_bytes());
    h.finish()
}

/// Whether two byte strings are equal: short ones (most words) compared in
/// at most two loads each, which may overlap.
#[inline]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let load8 =
        |s: &[u8], at: usize| u64::from_le_bytes(s[at..at + 8].try_into().expect("8 bytes"));
    let load4 =
        |s: &[u8], at: usize| u32::from_le_bytes(s[at..at + 4].try_into().expect("4 bytes"));
    match n {
        0 => true,
        1..=3 => a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1],
        4..=7 => load4(a, 0) == load4(b, 0) && load4(a, n - 4) == load4(b, n - 4),
        8..=16 => load8(a, 0) == load8(b, 0) && load8(a, n - 8) == load8(b, n - 8),
        _ => a == b,
    }
}

impl Vocab {
    /// The [`Word`]s of `raw` words, in order.
    fn look_up(&mut self, raw: &[&str]) -> Vec<&Word> {
        self.found.clear();
        for &w in raw {
            let hash = word_hash(w);
            let known = &self.raw;
            let id = match self.ids.find(hash, |&id| {
                same_bytes(known[id as usize].as_bytes(), w.as_bytes())
            }) {
                Some(&id) => id as usize,
                None => {
                    let id = self.words.len();
                    self.words.push(Word::new(w));
                    self.raw.push(w.into());
                    let known = &self.raw;
                    self.ids
                        .insert_unique(hash, id as u32, |&id| word_hash(&known[id as usize]));
                    id
                }
            };
            self.found.push(id);
        }
        self.found.iter().map(|&id| &self.words[id]).collect()
    }
}

static VALUE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[><≥≤~]=?\s?)?\d+(?:[.,]\d+)?%?(?:\s?[-–]\s?\d+(?:[.,]\d+)?%?)?$|^[-–—]$")
        .expect("valid")
});
static CMP_SYMBOL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[><≥≤~]=?$").expect("valid"));
static ROW_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(\d{1,3}(?:\.\d{1,3})*)\.?(?:\s+(.*))?$").expect("valid"));
static GROUP_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*([IVX]{1,5}|[A-H])\.?(?:\s+(\p{Lu}.*))?$").expect("valid"));
static ENDS_WITH_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?:19|20)\d\d\)?$").expect("valid"));

/// Deadline cells that are complete as printed and never wrap into prose.
static COMPLETE_DEADLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:tháng\s+\d{1,2}/\d{4}|quý\s+[ivx]+\s*/+\s*\d{4}|năm\s+\d{4}|thường xuyên|hằng năm|hàng năm)\.?$").expect("valid")
});
static TRAILING_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(.*\S)\s+(\d{1,3})\.\s*$").expect("valid"));

// Quick tests of a row's line before the regexes above, which run on every
// line of a table: most lines start with a letter and end otherwise than
// with a number and a dot. Each passes every line its regex matches.

/// A row's number and the rest of its line (trimmed), when [`ROW_START`]
/// matches the line: what its two groups capture, read off the line once the
/// match is known (the capturing search is slow). The number is the run of
/// digits and dots at the start ([`may_start_row`]) without its final dot,
/// and the rest is what follows the whitespace after it.
fn row_start(t: &str) -> Option<(&str, &str)> {
    if !may_start_row(t) || !ROW_START.is_match(t) {
        return None;
    }
    let t = t.trim_start();
    let run = number_run(t);
    let number = &t[..run];
    Some((number.strip_suffix('.').unwrap_or(number), t[run..].trim()))
}

/// The length in bytes of the run of digits and dots that starts `t` (any
/// character outside ASCII but whitespace counts as a digit here: a regex
/// `\d` may be one).
fn number_run(t: &str) -> usize {
    t.find(|c: char| !(c == '.' || maybe_digit(c) && !c.is_whitespace()))
        .unwrap_or(t.len())
}

/// Whether [`ROW_START`] may match: the line starts with a run of digits
/// and dots (the number and its dot), followed by whitespace or nothing.
/// (Values such as `100%` or `3,5` are cut off here.)
fn may_start_row(t: &str) -> bool {
    let t = t.trim_start();
    let run = number_run(t);
    run > 0 && t[run..].chars().next().is_none_or(char::is_whitespace)
}

/// `re.captures(t)`, asked only when `may` (a quick test that passes every
/// line `re` matches) holds, and then only once a match is known: the
/// groups are slow to find, and most lines have none.
fn quick_captures<'t>(may: bool, re: &Regex, t: &'t str) -> Option<regex::Captures<'t>> {
    (may && re.is_match(t)).then(|| re.captures(t)).flatten()
}

/// Whether [`GROUP_START`] may match: the line starts with `I`, `V`, `X`
/// or `A` to `H`.
fn may_start_group(t: &str) -> bool {
    t.trim_start()
        .starts_with(['I', 'V', 'X', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'])
}

/// Whether [`TRAILING_NUMBER`] may match: the line ends with a digit and a dot.
fn may_end_numbered(t: &str) -> bool {
    t.trim_end()
        .strip_suffix('.')
        .and_then(|s| s.chars().next_back())
        .is_some_and(maybe_digit)
}

/// A folded word without its tone suffix (`năm`, `tha~2ng` -> `thang`).
fn strip_tones(w: &str) -> String {
    kehoach_text::strip_marks(w.split('~').next().unwrap_or(w))
}

/// Punctuation that ends a word after which a cell goes on.
const OPEN_PUNCT: [char; 8] = ['-', ',', ';', '–', '(', '/', ':', '&'];

/// Whether text ends on a word after which it goes on (a comma, a hyphen,
/// `của`, `và` …): only its last word is looked at.
fn ends_open(text: &str) -> bool {
    let last = text.split_whitespace().next_back().unwrap_or("");
    last.ends_with(OPEN_PUNCT)
        || LEX
            .exact
            .get(&fold(last.trim_end_matches([',', ';'])))
            .is_some_and(|e| e.glue)
}

/// One line, or a part of one line, of a row.
#[derive(Debug, Clone)]
struct Piece<'t> {
    /// Borrowed from the line when its words are single-spaced there (most
    /// lines): no copy per piece.
    text: Cow<'t, str>,
    line: u32,
    /// First piece of its source line.
    line_start: bool,
    /// Last piece of its source line.
    line_end: bool,
    /// Length in characters.
    chars: usize,
    /// Length of the first word in characters.
    first_word: usize,
    /// A whole target value (`>60%`, `đạt trên 3,5%`, `-`).
    value: bool,
    /// Only comparator words (`ít nhất`, `Phấn đấu`): a value wrapped before its number.
    value_head: bool,
    /// Starts with a value but goes on with words (`≥ 95 đối với cơ`): a target in prose.
    value_start: bool,
    person: bool,
    org: bool,
    output: bool,
    deadline: bool,
    unit: bool,
    lower: bool,
    /// Ends on a word after which the cell goes on (`của`, `và`, `-`, `,`).
    open_end: bool,
    /// Ends on the locality word (`UBND xã`, `Công an xã`): a body's name is complete.
    closed_end: bool,
}

impl<'t> Piece<'t> {
    fn new(
        vocab: &mut Vocab,
        buffers: &mut LineBuffers<'t>,
        text: &'t str,
        line: u32,
        line_start: bool,
    ) -> Piece<'t> {
        let words = &mut buffers.words;
        words.clear();
        words.extend(kehoach_text::words(text));
        Piece::from_words(text, words, &vocab.look_up(words), line, line_start)
    }

    /// A piece of the given words of `text` (`info` is what is known of each).
    fn from_words(
        text: &'t str,
        words: &[&'t str],
        info: &[&Word],
        line: u32,
        line_start: bool,
    ) -> Piece<'t> {
        let text = joined(text, words);
        let all_values = !words.is_empty()
            && info.iter().all(|w| w.value || w.symbol || w.cmp)
            && info.iter().any(|w| w.value);
        let value_head = !words.is_empty() && info.iter().all(|w| w.cmp || w.symbol);
        let open_end = info.last().is_some_and(|w| w.open_punct || w.glue);
        // Cells start with a capital: a lower-case line continues a cell
        // even when its first word is an organisation or output word.
        let upper = info.first().is_some_and(|w| w.upper);
        let closed_end = info.last().is_some_and(|w| w.locality);
        // The words and the single spaces between them.
        let chars = info.iter().map(|w| w.chars).sum::<usize>() + info.len().saturating_sub(1);
        Piece {
            text,
            line,
            line_start,
            line_end: true,
            chars,
            first_word: info.first().map_or(0, |w| w.chars),
            value: all_values,
            value_head,
            value_start: !all_values && info.first().is_some_and(|w| w.value || w.symbol),
            person: upper && LEX.person.starts(info),
            org: upper && LEX.org.starts(info),
            output: upper && LEX.output.starts(info),
            deadline: upper && LEX.deadline.starts(info),
            unit: upper && LEX.unit.starts(info) || info.first().is_some_and(|w| w.percent),
            lower: info.first().is_some_and(|w| w.lower),
            open_end,
            closed_end,
        }
    }
}

/// `words`, in order and each a slice of `text`, joined with single spaces:
/// the stretch of `text` they cover when only single spaces come between
/// them (most lines), else joined anew.
fn joined<'t>(text: &'t str, words: &[&'t str]) -> Cow<'t, str> {
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return Cow::Borrowed("");
    };
    let within = text.as_bytes().as_ptr_range();
    debug_assert!(words
        .iter()
        .all(|w| within.start <= w.as_ptr() && w.as_bytes().as_ptr_range().end <= within.end));
    // Where a word of `text` starts in it.
    let at = |w: &str| w.as_ptr() as usize - text.as_ptr() as usize;
    let single = words.windows(2).all(|pair| {
        let gap = at(pair[0]) + pair[0].len();
        at(pair[1]) == gap + 1 && text.as_bytes()[gap] == b' '
    });
    if single {
        Cow::Borrowed(&text[at(first)..at(last) + last.len()])
    } else {
        Cow::Owned(words.join(" "))
    }
}

/// Splits a line into pieces where it visibly holds several cells: before a
/// value that follows text or another value, before a typed phrase (an
/// organisation word, a deadline, an output word, a title) that follows a
/// value, and between a unit `%` and its value. The pieces are added to
/// `out`.
fn split_line<'t>(
    vocab: &mut Vocab,
    text: &'t str,
    line: u32,
    buffers: &mut LineBuffers<'t>,
    out: &mut Vec<Piece<'t>>,
) {
    let LineBuffers { words, cuts } = buffers;
    words.clear();
    words.extend(kehoach_text::words(text));
    let words = &words[..];
    if words.is_empty() {
        return;
    }
    let info = vocab.look_up(words);
    let value_like = |k: usize| info[k].value || info[k].symbol;
    let is_dash = |k: usize| info[k].dash;
    // Index k is a value run start when it and everything up to the end of
    // the line (or up to a typed phrase) are values/comparators.
    let run_to_end = |k: usize| -> bool {
        let mut j = k;
        while j < words.len() && (value_like(j) || info[j].cmp) {
            j += 1;
        }
        j > k
            && (j == words.len() || {
                let rest = &info[j..];
                LEX.org.starts(rest)
                    || LEX.person.starts(rest)
                    || LEX.deadline.starts(rest)
                    || LEX.output.starts(rest)
            })
            && (k..j).any(|m| info[m].value && !is_dash(m))
    };
    // Words that start a typed phrase and need the next word (`Đ/c` +
    // `Trưởng`, `Phòng` + `Văn`): no cut right after them.
    let head = |k: usize| {
        info[k].comrade || LEX.person.starts_multi(&info[k..]) || LEX.org.starts_multi(&info[k..])
    };
    cuts.clear();
    cuts.push(0);
    for k in 1..words.len() {
        let prev = words[k - 1];
        let prev_value = info[k - 1].value;
        let prev_glue = info[k - 1].glue
            || info[k - 1].joins_next
            || (info[k - 1].cmp && value_like(k))
            || head(k - 1)
            // A deadline word takes the number after it (`Năm 2027`, `Tháng 10/2025`).
            || (info[k - 1].dated && value_like(k));
        let capital = info[k].upper || info[k].percent;
        let cut = if info[k].percent && k > 0 && (k + 1 == words.len() || run_to_end(k + 1)) {
            // `… và doanh nghiệp % ≥ 80`: the unit cell, then the value.
            true
        } else if value_like(k) && !info[k - 1].symbol && !prev_glue {
            // `… xã. - - 50%`, `>60% 100%`, `% 95`
            prev_value || prev == "%" || run_to_end(k)
        } else if info[k].opens_value && prev_value && run_to_end(k) {
            // `Đạt 3% Đạt trên 3%`, `> 0,92 đạt 1,0`
            true
        } else if capital && !prev_glue {
            let rest = &info[k..];
            let rest_org = LEX.org.starts(rest);
            let rest_deadline = LEX.deadline.starts(rest);
            let typed =
                rest_org || rest_deadline || LEX.output.starts(rest) || LEX.person.starts(rest);
            // The piece so far: from the last cut.
            let left_start = cuts.last().copied().unwrap_or(0);
            let left = &info[left_start..];
            let since_cut = k - left_start;
            let left_typed = LEX.org.starts(left) || LEX.output.starts(left);
            let strong_org = LEX.strong_org.starts(rest);
            // A dash between words (`Quý II – Quý IV`) is no value.
            let prev_number = prev_value && !is_dash(k - 1);
            let prev_upper = info[k - 1].upper || info[k - 1].digit;
            // A short deadline ending the line (`… cộng đồng Thường xuyên`).
            let deadline_tail = rest_deadline
                && words.len() - k <= 4
                && info[k - 1].alphabetic
                && !LEX.deadline.starts(left);
            typed && (prev_number || prev == "%" || strong_org || prev_upper || deadline_tail)
                // `Phòng Kinh tế Kế hoạch Hằng năm`, `… Xã hội Sở Y tế`: a body
                // name is followed by another cell; a short head (`Mặt trận
                // Tổ quốc`) is not cut.
                || typed && left_typed && since_cut >= 2 && (!rest_org || since_cut >= 3)
        } else {
            false
        };
        if cut {
            cuts.push(k);
        }
    }
    cuts.push(words.len());
    // Two values separated by a run of spaces have an empty cell between them
    // (`- > 95%  100% -`). The gaps are found when first needed.
    let mut gaps = None;
    let first = out.len();
    out.reserve(cuts.len() - 1);
    for (n, w) in cuts.windows(2).enumerate() {
        if n > 0
            && value_like(w[0])
            && value_like(w[0] - 1)
            && gaps.get_or_insert_with(|| wide_gaps(text)).contains(&w[0])
        {
            let mut gap = Piece::from_words("", &[], &[], line, false);
            gap.value = true;
            out.push(gap);
        }
        out.push(Piece::from_words(
            text,
            &words[w[0]..w[1]],
            &info[w[0]..w[1]],
            line,
            n == 0,
        ));
    }
    let last = out.len() - 1;
    for (n, p) in out.iter_mut().enumerate().skip(first) {
        p.line_end = n == last;
    }
}

/// The buffers of [`split_line`], kept from line to line: a line's words
/// and where it is cut.
#[derive(Default)]
struct LineBuffers<'t> {
    words: Vec<&'t str>,
    cuts: Vec<usize>,
}

/// Indices of words preceded by two or more spaces.
fn wide_gaps(text: &str) -> Vec<usize> {
    let mut gaps = Vec::new();
    let mut spaces = 0;
    let mut index = 0;
    let mut in_word = false;
    for c in text.trim().chars() {
        if c.is_whitespace() {
            spaces += 1;
            in_word = false;
        } else {
            if !in_word {
                if index > 0 && spaces >= 2 {
                    gaps.push(index);
                }
                index += 1;
                spaces = 0;
            }
            in_word = true;
        }
    }
    gaps
}

/// The kind of content a column holds, for scoring.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Name,
    Unit,
    Target,
    Person,
    Agency,
    Output,
    Deadline,
    Notes,
}

fn kind_of(role: &Role) -> Kind {
    match role {
        Role::Name | Role::Number => Kind::Name,
        Role::Unit => Kind::Unit,
        Role::Target { .. } => Kind::Target,
        Role::DirectedBy | Role::Owner | Role::Responsible => Kind::Person,
        Role::Lead | Role::Cooperating => Kind::Agency,
        Role::Output | Role::Other => Kind::Output,
        Role::Deadline => Kind::Deadline,
        Role::Notes => Kind::Notes,
    }
}

/// A score of the cell placement, in tenths of a point: every weight is a
/// multiple of 0.1, and sums of integers are exact, so that two ways of
/// equal worth tie exactly (and the first found is kept).
type Score = i32;

/// The score of what cannot be reached: far below any real score, and far
/// enough above `i32::MIN` that adding scores to it cannot overflow.
const UNREACHABLE: Score = Score::MIN / 4;

/// Whether a score only sums [`UNREACHABLE`] with real scores.
fn unreachable(score: Score) -> bool {
    score <= UNREACHABLE / 2
}

/// Cost of leaving a column empty.
fn skip_cost(kind: Kind, first_segment: bool) -> Score {
    match kind {
        Kind::Name if first_segment => -120,
        Kind::Name => -2,
        Kind::Unit => -10,
        Kind::Target => -12,
        Kind::Person => -15,
        Kind::Agency => -18,
        Kind::Output => -15,
        Kind::Deadline => -20,
        Kind::Notes => -1,
    }
}

fn whole(p: &Piece<'_>) -> bool {
    p.line_start && p.line_end
}

/// A line much wider than the column cannot be one of its lines (only said of
/// columns of prose: a column of short values may hold a longer line now and then).
fn overflow(p: &Piece, column_width: usize) -> Score {
    let limit = column_width + column_width * 3 / 10 + 2;
    if of_prose(column_width) && whole(p) && p.chars > limit {
        -30
    } else {
        0
    }
}

/// Whether a column of this width holds prose, which a line may
/// [`overflow`].
fn of_prose(column_width: usize) -> bool {
    column_width >= 8
}

/// The score of a cell of `kind` holding only `first`, in a column no line
/// overflows (the [`overflow`] adds to it).
fn start_score(kind: Kind, first: &Piece, starts_row: bool) -> Score {
    match kind {
        Kind::Name if starts_row => 20,
        Kind::Name => -60 + if first.lower { 40 } else { 0 },
        Kind::Unit if first.unit && !first.value => 20,
        Kind::Unit => -40,
        Kind::Target if first.value => 30,
        Kind::Target if first.value_head => 10,
        Kind::Target if first.value_start => 10,
        Kind::Target => -25,
        Kind::Person if first.person => 30,
        Kind::Person => -30,
        Kind::Agency if first.org => 30,
        Kind::Agency if first.lower => -30,
        Kind::Agency => -10,
        Kind::Output if first.value => -30,
        Kind::Output if first.output => 20,
        Kind::Output => 0,
        Kind::Deadline if first.deadline => 35,
        Kind::Deadline => -30,
        Kind::Notes => -25,
    }
}

/// A wrapped cell's lines are filled to its width: if `p`'s first word would
/// have fitted at the end of the line `prev`, that line ended its cell. The
/// cell width above which it would have fitted, when `p` starts a line that
/// follows a whole line.
fn fit_limit(prev: &Piece, p: &Piece) -> Option<usize> {
    (p.line_start && whole(prev) && !prev.open_end).then_some(prev.chars + 1 + p.first_word)
}

/// What adding piece `p` to a growing cell adds to its score, given how
/// likely `p` goes on with the cell (its [`continuation`]): when the cell's
/// width says the piece before ended the cell (see [`fit_limit`]) and when
/// it does not, as `[not ended early, ended early]`. (The [`overflow`] of a
/// line wider than the column adds to both alike: [`assign`] adds it.)
///
/// Ending early only costs (`[1] < [0]`): [`assign`] relies on it.
fn extend_scores(p: &Piece, continuation: Score) -> [Score; 2] {
    [false, true].map(|ended_early| {
        let mut s = 0;
        if ended_early {
            s -= if p.lower { 10 } else { 30 };
        }
        // A piece cut from the middle of a line joins the cell it was cut from
        // only at a cost: the cut was made because it looked like a new cell.
        if !p.line_start {
            s -= 25;
        }
        s + continuation
    })
}

/// How likely `p` goes on with the cell of `kind` that `prev` is in.
fn continuation(kind: Kind, prev: &Piece, p: &Piece) -> Score {
    let open = prev.open_end;
    let mut s = 0;
    if prev.closed_end && kind != Kind::Name && !p.lower {
        s -= 15;
    }
    s += match kind {
        Kind::Name => {
            if p.value_head || p.value && !p.lower {
                -30
            } else if p.person {
                -15
            } else if p.lower || open {
                5
            } else {
                0
            }
        }
        Kind::Target => {
            if prev.value_head && p.value {
                30
            } else if p.value || prev.value {
                -50
            } else if p.lower || open {
                3
            } else {
                -5
            }
        }
        Kind::Unit => {
            if p.value {
                -50
            } else if p.lower || open {
                0
            } else {
                -15
            }
        }
        Kind::Person => {
            if p.value {
                -50
            } else if p.person && !open {
                -30
            } else if p.lower || open {
                5
            } else {
                0
            }
        }
        Kind::Agency => {
            if p.value {
                -50
            } else if p.person && !open {
                -30
            } else if p.deadline && !p.org {
                -25
            } else if p.output && !p.org && !open {
                -20
            } else if p.org && !open {
                -8
            } else if p.lower || open {
                6
            } else {
                0
            }
        }
        Kind::Output => {
            if p.value && !p.lower {
                -30
            } else if p.deadline && !open {
                -25
            } else if p.org && !open {
                -10
            } else if p.lower || open {
                5
            } else {
                -3
            }
        }
        Kind::Deadline => {
            if p.lower || open || p.value {
                3
            } else {
                -10
            }
        }
        Kind::Notes => 0,
    };
    s
}

/// The buffers of [`assign`], kept from row to row.
#[derive(Default)]
struct Dp {
    /// `best[c * (n + 1) + j]`: best score with `pieces[..j]` placed and
    /// column `c` the last column used (its cell ending at `j`).
    best: Vec<Score>,
    /// Same index: where that cell starts.
    start: Vec<usize>,
    /// `before[c * n + i]`: the column used before a cell of column `c`
    /// that starts at piece `i` (`m` for none).
    before: Vec<u32>,
    /// The [`Segment::steps`] of the columns whose width a line of the
    /// segment overflows ([`overflow`]), with the overflow: `n` per column,
    /// from `own_steps[c]`.
    steps: Vec<[Score; 2]>,
    /// Per column: where its steps start in `steps`, when it has its own.
    own_steps: Vec<Option<usize>>,
    /// Prefix sums of the skip costs.
    skip: Vec<Score>,
    /// Per piece: the best way to reach it from the columns done so far
    /// (see [`assign`]): its score and its last column. (Two runs of 32
    /// bits, which the compiler updates several pieces at a time.)
    prior_score: Vec<Score>,
    prior_col: Vec<u32>,
}

/// A page segment of a data row: its pieces, and what the cell DP
/// ([`assign`]) needs of them that no column width changes, worked out once
/// for both passes of [`read`].
struct Segment<'t> {
    pieces: Vec<Piece<'t>>,
    /// `steps[slot * n + k]`: what piece `k` adds to a cell of a column of
    /// the kind [`ColumnKinds::distinct`]`[slot]` that holds piece `k - 1`,
    /// when the width says piece `k - 1` did not end the cell and when it
    /// did, in a column no line overflows ([`extend_scores`]); `[0, 0]` for
    /// the first piece, which no cell grows by.
    ///
    /// Adding piece k to a cell that holds piece k - 1 depends on the cell
    /// only through its width: this is worked out once, not for every cell
    /// that may hold both pieces, nor for each column of one kind, nor in
    /// each pass.
    steps: Vec<[Score; 2]>,
    /// `starts[slot * n + i]`: the [`start_score`] of a cell of a column of
    /// the kind `distinct[slot]` that holds piece `i` and does not start
    /// the row. (Worked out here, once, rather than for each column.)
    starts: Vec<Score>,
    /// Per piece: the [`fit_limit`] with the piece before (`u32::MAX` for
    /// none). (This and the next, read in the innermost loop, in 32 bits.)
    limits: Vec<u32>,
    /// Per piece: its length when it is a whole line (the cell's width), else 0.
    widths: Vec<u32>,
}

impl<'t> Segment<'t> {
    fn new(pieces: Vec<Piece<'t>>, kinds: &ColumnKinds) -> Segment<'t> {
        let n = pieces.len();
        let limits = (0..n)
            .map(|k| {
                k.checked_sub(1)
                    .and_then(|prev| fit_limit(&pieces[prev], &pieces[k]))
                    .map_or(u32::MAX, narrow)
            })
            .collect();
        let widths = pieces
            .iter()
            .map(|p| if whole(p) { narrow(p.chars) } else { 0 })
            .collect();
        let mut steps = vec![[0; 2]; kinds.distinct.len() * n];
        for (slot, &kind) in kinds.distinct.iter().enumerate() {
            for k in 1..n {
                let (prev, p) = (&pieces[k - 1], &pieces[k]);
                steps[slot * n + k] = extend_scores(p, continuation(kind, prev, p));
            }
        }
        let mut starts = Vec::with_capacity(kinds.distinct.len() * n);
        for &kind in &kinds.distinct {
            starts.extend(pieces.iter().map(|p| start_score(kind, p, false)));
        }
        Segment {
            pieces,
            steps,
            starts,
            limits,
            widths,
        }
    }
}

/// The kinds of a table's placeable columns.
struct ColumnKinds {
    /// Per placeable column.
    kinds: Vec<Kind>,
    /// Per placeable column: the index of its kind in `distinct`.
    slots: Vec<usize>,
    /// The distinct kinds, in the order of their first column.
    distinct: Vec<Kind>,
}

impl ColumnKinds {
    fn new(kinds: Vec<Kind>) -> ColumnKinds {
        let mut distinct: Vec<Kind> = Vec::new();
        let slots = kinds
            .iter()
            .map(|&kind| {
                distinct.iter().position(|&d| d == kind).unwrap_or_else(|| {
                    distinct.push(kind);
                    distinct.len() - 1
                })
            })
            .collect();
        ColumnKinds {
            kinds,
            slots,
            distinct,
        }
    }
}

/// A count or a length in 32 bits (the most a `u32` holds, for more).
fn narrow(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Cuts the segment's pieces into the columns `kinds` (in order), setting
/// `ranges` to the range of pieces each column gets (empty ranges for empty
/// cells).
///
/// After a page break (`first_segment == false`) the pieces continue cells
/// already begun; `carry[c]` says how column c's text was left (the first
/// segment's carry is not read, and may be empty).
fn assign(
    seg: &Segment,
    column_kinds: &ColumnKinds,
    first_segment: bool,
    carry: &[Carry],
    widths: &[usize],
    dp: &mut Dp,
    ranges: &mut Vec<std::ops::Range<usize>>,
) {
    let (pieces, kinds) = (&seg.pieces, &column_kinds.kinds);
    let n = pieces.len();
    let m = kinds.len();
    const MAX_CELL: usize = 24;
    // Column-major: a cell of column c grows along one run of `best`.
    let stride = n + 1;
    dp.best.clear();
    dp.best.resize(m * stride, UNREACHABLE);
    dp.start.clear();
    dp.start.resize(m * stride, 0);
    let no_column = narrow(m);
    dp.before.clear();
    dp.before.resize(m * n, no_column);
    // What adding a piece to a cell of column c adds is the segment's
    // for its kind ([`Segment::steps`]), but for the overflow of a line
    // wider than the column ([`overflow`], which adds to both ways alike):
    // the columns it touches get their own steps. (In the width-learning
    // pass no width is known, and no column does.)
    dp.steps.clear();
    dp.own_steps.clear();
    for (c, &slot) in column_kinds.slots.iter().enumerate() {
        let own = of_prose(widths[c]) && pieces.iter().any(|p| overflow(p, widths[c]) != 0);
        let own = own.then(|| {
            let at = dp.steps.len();
            let kind_steps = &seg.steps[slot * n..][..n];
            dp.steps
                .extend(kind_steps.iter().zip(pieces).map(|(&[a, b], p)| {
                    let o = overflow(p, widths[c]);
                    [a + o, b + o]
                }));
            at
        });
        dp.own_steps.push(own);
    }
    // Prefix sums of skip costs so skipping columns a..b is O(1).
    dp.skip.clear();
    dp.skip.push(0);
    for (c, &kind) in kinds.iter().enumerate() {
        dp.skip.push(dp.skip[c] + skip_cost(kind, first_segment));
    }
    // Column by column: a cell of column c follows a cell of an earlier
    // column, so column c's scores need only those of the columns before
    // it, and what depends on the column alone is looked up once.
    // Within a column the cells are tried from the last first piece back,
    // a tie going to the earlier cell (as a piece-by-piece order keeps it).
    // A cell that starts later gains at least as much from each piece it
    // shares with one that starts earlier: its width is no wider, so no
    // more of its pieces look as if the one before ended it, which only
    // costs ([`extend_scores`]); and it may grow as far. So an earlier cell
    // that falls below the best of the later ones at some piece stays below
    // them: it stops growing there (most cells do, which saves ~2M of
    // ~82.5M instructions per corpus pass).
    let skip_sum = &dp.skip[..=m];
    let skip = |from: usize, to: usize| skip_sum[to] - skip_sum[from];
    let all_limits = &seg.limits[..n];
    let all_widths = &seg.widths[..n];
    // `prior_score[i]`: the best of `best[p][i] - skip[p + 1]` over the
    // columns p done so far (the first best kept), and `prior_col[i]` that
    // p, `m` for none: the best way to have placed pieces[..i] with a
    // column before c the last one used, then skipped the columns up to c,
    // is this plus `skip[c]`. (Sums of integers are exact.) No column ends
    // at piece 0: piece 0's is the way with no column yet, of score 0,
    // which only the first cell may follow (its entry is `skip[c]`).
    dp.prior_score.clear();
    dp.prior_score.resize(n, Score::MIN / 2);
    dp.prior_col.clear();
    dp.prior_col.resize(n, no_column);
    if n > 0 {
        dp.prior_score[0] = 0;
    }
    let (prior_score, prior_col) = (&mut dp.prior_score[..n], &mut dp.prior_col[..n]);
    for c in 0..m {
        let (done, rest) = dp.best.split_at_mut(c * stride);
        if c > 0 {
            let above = &done[(c - 1) * stride..][..n];
            let (skip_c, col) = (skip_sum[c], narrow(c - 1));
            // (Selects rather than branches.)
            let prior = prior_score.iter_mut().zip(prior_col.iter_mut());
            for ((score, last), &b) in prior.zip(above) {
                let v = b - skip_c;
                let better = v > *score;
                *score = if better { v } else { *score };
                *last = if better { col } else { *last };
            }
        }
        let (kind, width_c) = (kinds[c], widths[c]);
        let width_c32 = narrow(width_c);
        let best_c = &mut rest[..stride];
        let start_c = &mut dp.start[c * stride..][..stride];
        let before_c = &mut dp.before[c * n..][..n];
        let own_steps = dp.own_steps[c];
        let slot = column_kinds.slots[c];
        let steps_c = match own_steps {
            Some(at) => &dp.steps[at..][..n],
            None => &seg.steps[slot * n..][..n],
        };
        let starts_c = &seg.starts[slot * n..][..n];
        // (By index: the piece itself is seldom needed.)
        for i in (0..n).rev() {
            // (With no column before, `prior_score[i]` is far enough below
            // `UNREACHABLE` that the sum is unreachable too.)
            let mut entry = prior_score[i] + skip_sum[c];
            // A column no way reaches is never taken.
            if unreachable(entry) {
                continue;
            }
            before_c[i] = prior_col[i];
            if !first_segment {
                entry += carry[c].bonus(&pieces[i], width_c);
            }
            // After a page break a name goes on rather than starts.
            let starts_row = i == 0 && (first_segment || carry[c].filled);
            let mut score = if starts_row {
                start_score(kind, &pieces[i], true)
            } else {
                starts_c[i]
            };
            // (Only a column with its own steps has a line that overflows it.)
            if own_steps.is_some() {
                score += overflow(&pieces[i], width_c);
            }
            // The cell is pieces[i..j] for j in i + 1..=end.
            let end = n.min(i + MAX_CELL);
            // The score of the way through this cell as it grows, entry
            // included.
            let mut s = entry + score;
            // (The cells tried so far start later: none ends here.)
            best_c[i + 1] = s;
            start_c[i + 1] = i;
            // The cell grows by piece k (from i + 1 to end - 1): its width
            // so far tells whether piece k - 1 ended it. (Zipped, so that
            // the loop has no bounds checks.)
            let grow = all_limits[i + 1..end]
                .iter()
                .zip(&all_widths[i + 1..end])
                .zip(&steps_c[i + 1..end])
                .zip(best_c[i + 2..].iter_mut().zip(&mut start_c[i + 2..]));
            // The cell's width, from the lines it has to itself.
            let mut width = width_c32.max(all_widths[i]);
            for (((&limit, &line), step), (best, start)) in grow {
                let ended_early = limit < width;
                width = width.max(line);
                s += step[usize::from(ended_early)];
                // Below a later cell: below the later cells from here on
                // (see above), so the rest of this cell is never kept. This
                // cuts most of the cells short.
                if s < *best {
                    break;
                }
                *best = s;
                *start = i;
            }
        }
    }
    let before = &dp.before;
    let (dp_best, dp_start) = (&dp.best, &dp.start);
    // Close: columns after the last used one are skipped.
    let mut end_c = m;
    let mut end_s = UNREACHABLE;
    for c in 0..m {
        let s = dp_best[c * stride + n] + skip(c + 1, m);
        if s > end_s {
            end_s = s;
            end_c = c;
        }
    }
    ranges.clear();
    ranges.resize(m, 0..0);
    if unreachable(end_s) {
        return;
    }
    let (mut j, mut c) = (n, end_c);
    while j > 0 && c < m {
        let i = dp_start[c * stride + j];
        let prev_c = before[c * n + i] as usize;
        ranges[c] = i..j;
        j = i;
        c = prev_c;
    }
}

/// A row being collected.
struct RawRow<'a> {
    kind: RowKind,
    number: Option<String>,
    /// Lines (number, text) in order; `None` marks a page break (repeated header).
    lines: Vec<Option<(u32, &'a str)>>,
    first: u32,
    last: u32,
    /// How many text lines after the first [`RawRow::has_short_deadline`]
    /// has looked at, and whether one was a short deadline.
    deadline_scan: (usize, bool),
}

impl<'a> RawRow<'a> {
    /// Whether a text line after the row's first is a short deadline
    /// (`Tháng 12/2025`). Lines are only added to a row: each is looked at once.
    fn has_short_deadline(&mut self, vocab: &mut Vocab, buffers: &mut LineBuffers<'a>) -> bool {
        let (seen, found) = &mut self.deadline_scan;
        if !*found {
            for (_, l) in self.lines.iter().flatten().skip(1 + *seen) {
                *seen += 1;
                let q = Piece::new(vocab, buffers, l, 0, true);
                if q.deadline && q.chars <= 25 {
                    *found = true;
                    break;
                }
            }
        }
        *found
    }
}

/// Numbers that may follow `prev` in a table's numbering.
fn continues(prev: Option<&str>, after_group: bool, candidate: &str) -> bool {
    let Some(prev) = prev else {
        // First row of the table: a small number, not a year.
        return candidate
            .split('.')
            .next()
            .and_then(|n| n.parse::<u32>().ok())
            .is_some_and(|n| n <= 30);
    };
    let parts: Vec<u32> = prev.split('.').filter_map(|p| p.parse().ok()).collect();
    let cand: Vec<u32> = candidate
        .split('.')
        .filter_map(|p| p.parse().ok())
        .collect();
    if cand.is_empty() {
        return false;
    }
    if after_group && cand == [1] {
        return true;
    }
    // Child: 1 -> 1.1
    if cand.len() == parts.len() + 1 && cand[..parts.len()] == parts[..] && cand[parts.len()] == 1 {
        return true;
    }
    // Sibling or an ancestor's sibling: 1.2 -> 1.3, 1.9 -> 2
    for level in (1..=parts.len()).rev() {
        if cand.len() == level
            && cand[..level - 1] == parts[..level - 1]
            && cand[level - 1] == parts[level - 1] + 1
        {
            return true;
        }
    }
    false
}

/// Whether `cand` may number the next group row: `I` (a new series), a
/// Roman numeral a little above the last (`III` -> `IV`; a printed slip such as
/// `III` -> `VI` is tolerated), or the next letter (`A`, `B` …).
fn next_group_ok(last_roman: Option<&str>, last_letter: Option<&str>, cand: &str) -> bool {
    if is_roman(cand) {
        let v = roman_value(cand).unwrap_or(0);
        let last = last_roman.and_then(roman_value).unwrap_or(0);
        return v == 1 || (v > last && v <= last + 3);
    }
    if cand.len() == 1 && cand.chars().all(|c| c.is_ascii_uppercase()) {
        let next = last_letter
            .and_then(|l| l.chars().next())
            .map_or('A', |c| (c as u8 + 1) as char);
        return cand.starts_with(next);
    }
    false
}

pub(crate) fn read(stripped: &StrippedLines, found: &Found, vocab: &mut Vocab) -> Table {
    let text = stripped.text;
    let (kind, columns) = classify_header(&found.columns);
    let mut warnings = Vec::new();
    let header_words: Vec<String> = found
        .columns
        .iter()
        .flat_map(|c| c.label.split_whitespace().map(fold).collect::<Vec<_>>())
        .collect();
    let lines = &text.lines[found.header_end..found.end];
    let has_deadline_col = columns.iter().any(|c| c.role == Role::Deadline);

    // 1. Rows.
    let mut buffers = LineBuffers::default();
    let mut rows: Vec<RawRow> = Vec::new();
    let mut last_number: Option<String> = None;
    let mut last_roman: Option<String> = None;
    let mut last_letter: Option<String> = None;
    let mut after_group = false;
    let mut k = 0;
    while k < lines.len() {
        let line = &lines[k];
        // Runs of spaces are kept: between two values they mark an empty cell.
        let t = line.text.trim();
        k += 1;
        if t.is_empty() {
            continue;
        }
        // A repeated header: consume lines while their words continue the header's.
        let first_word = words(t).next().unwrap_or("");
        if first_word.eq_ignore_ascii_case("tt") || first_word.eq_ignore_ascii_case("stt") {
            let mut pos = 0;
            let mut j = k - 1;
            while j < lines.len() {
                let lt = stripped.get(found.header_end + j);
                let ws: Vec<String> = words(lt).map(fold).collect();
                if ws.is_empty() {
                    j += 1;
                    continue;
                }
                if pos + ws.len() <= header_words.len()
                    && header_words[pos..pos + ws.len()] == ws[..]
                {
                    pos += ws.len();
                    j += 1;
                } else {
                    break;
                }
            }
            if pos * 2 >= header_words.len() {
                k = j;
                if let Some(r) = rows.last_mut() {
                    r.lines.push(None);
                }
                continue;
            }
        }
        let next_text = lines[k..]
            .iter()
            .map(|l| l.text.trim())
            .find(|s| !s.is_empty())
            .unwrap_or("");
        let next_lower = next_text.chars().next().is_some_and(char::is_lowercase);
        // Group row.
        if let Some(c) = quick_captures(may_start_group(t), &GROUP_START, t) {
            let numeral = c[1].to_string();
            let ok = next_group_ok(last_roman.as_deref(), last_letter.as_deref(), &numeral);
            if ok && (c.get(2).is_some() || !next_lower) {
                let body = c.get(2).map_or("", |m| m.as_str());
                rows.push(RawRow {
                    kind: RowKind::Group,
                    number: Some(numeral.clone()),
                    lines: vec![Some((line.no, body))],
                    first: line.no,
                    last: line.no,
                    deadline_scan: (0, false),
                });
                if is_roman(&numeral) {
                    last_roman = Some(numeral);
                } else {
                    last_letter = Some(numeral);
                    last_roman = None;
                }
                after_group = true;
                continue;
            }
        }
        // Data row.
        if let Some((number, rest)) = row_start(t) {
            let number = number.to_string();
            let plausible = continues(last_number.as_deref(), after_group, &number)
                || last_number.as_deref() == Some(number.as_str())
                    && !next_lower
                    && (!rest.is_empty()
                        || next_text.chars().next().is_some_and(char::is_uppercase));
            let next_header = matches!(
                fold(words(next_text).next().unwrap_or("")).as_str(),
                "tt" | "stt"
            );
            let stray_page_number = rest.is_empty() && (next_lower || next_header);
            if plausible && !stray_page_number && !rest.starts_with('%') {
                rows.push(RawRow {
                    kind: RowKind::Data,
                    number: Some(number.clone()),
                    lines: if rest.is_empty() {
                        vec![]
                    } else {
                        vec![Some((line.no, rest))]
                    },
                    first: line.no,
                    last: line.no,
                    deadline_scan: (0, false),
                });
                last_number = Some(number);
                after_group = false;
                continue;
            }
            if stray_page_number {
                warnings.push(TableWarning {
                    code: "stray_number",
                    message: format!(
                        "line {:?} does not continue the row numbering; read as a page number",
                        t
                    ),
                    lines: (line.no, line.no),
                });
                // A page number ends a page: what follows may continue any
                // cell of the row cut by the break.
                if let Some(r) = rows.last_mut() {
                    r.lines.push(None);
                }
                continue;
            }
        }
        // A task row whose number was lost: the row above already has its
        // deadline, and a new capitalised line that is no cell of its own
        // kind (not a body, a person, a product or a date) starts a name.
        // (Asked only of task tables: the words are counted last.)
        let name_like = || {
            t.chars().next().is_some_and(char::is_uppercase)
                && !is_roman(first_word)
                && words(t).nth(3).is_some()
        };
        if kind == TableKind::Tasks && has_deadline_col && name_like() {
            let p = Piece::new(vocab, &mut buffers, t, line.no, true);
            let typed = p.person || p.org || p.deadline || p.output || p.value || p.value_start;
            let prev_line = rows
                .last()
                .and_then(|r| r.lines.iter().flatten().last())
                .map(|(_, l)| *l)
                .unwrap_or("");
            let prev_open = ends_open(prev_line)
                || prev_line.split_whitespace().next_back().is_some_and(|w| {
                    matches!(
                        strip_tones(&fold(w)).as_str(),
                        "quy" | "nam" | "thang" | "ngay"
                    )
                });
            // The row above is complete when it has its deadline.
            let complete = !typed
                && !prev_open
                && rows.last_mut().is_some_and(|r| {
                    r.kind == RowKind::Data && r.has_short_deadline(vocab, &mut buffers)
                });
            if complete {
                warnings.push(TableWarning {
                    code: "row_number_missing",
                    message: format!("a new task row starts at {:?} without a number", t),
                    lines: (line.no, line.no),
                });
                rows.push(RawRow {
                    kind: RowKind::Data,
                    number: None,
                    lines: vec![Some((line.no, t))],
                    first: line.no,
                    last: line.no,
                    deadline_scan: (0, false),
                });
                continue;
            }
        }
        // The next row's number printed at the end of a line (`HĐND&UBND xã 27.`).
        let (mut body, mut split_number) = (t, None);
        if let Some(c) = quick_captures(may_end_numbered(t), &TRAILING_NUMBER, t) {
            if continues(last_number.as_deref(), false, &c[2]) && !next_lower && !rows.is_empty() {
                body = c.get(1).map_or("", |m| m.as_str());
                split_number = Some(c[2].to_string());
            }
        }
        match rows.last_mut() {
            Some(r) => {
                r.lines.push(Some((line.no, body)));
                r.last = line.no;
            }
            None => warnings.push(TableWarning {
                code: "text_before_first_row",
                message: format!("text {:?} between the header and the first row", body),
                lines: (line.no, line.no),
            }),
        }
        if let Some(number) = split_number {
            rows.push(RawRow {
                kind: RowKind::Data,
                number: Some(number.clone()),
                lines: vec![],
                first: line.no,
                last: line.no,
                deadline_scan: (0, false),
            });
            last_number = Some(number);
            after_group = false;
        }
    }

    // 2 and 3. Pieces and cells, twice: the first pass learns each column's
    // width from the lines it got, the second uses the widths to tell a
    // wrapped line from a new cell.
    let kinds: Vec<Kind> = columns.iter().map(|c| kind_of(&c.role)).collect();
    let num_col = columns.iter().position(|c| c.role == Role::Number);
    let cell_cols: Vec<usize> = (0..columns.len()).filter(|&c| Some(c) != num_col).collect();
    let cell_kinds = ColumnKinds::new(cell_cols.iter().map(|&c| kinds[c]).collect());
    let mut placer = Placer {
        cell_cols: &cell_cols,
        kinds: &cell_kinds,
        num_col,
        n_columns: columns.len(),
        dp: Dp::default(),
        last_line: Vec::new(),
        carry: Vec::new(),
        ranges: Vec::new(),
    };
    // Each data row's pieces, per page segment, cut once for both passes.
    let pieces: Vec<Vec<Segment>> = rows
        .iter()
        .map(|raw| {
            if raw.kind == RowKind::Group {
                return Vec::new();
            }
            raw.lines
                .split(|l| l.is_none())
                .map(|seg| {
                    let mut pieces = Vec::new();
                    for (no, t) in seg.iter().flatten() {
                        split_line(vocab, t, *no, &mut buffers, &mut pieces);
                    }
                    pieces
                })
                .filter(|seg| !seg.is_empty())
                .map(|seg| Segment::new(seg, &cell_kinds))
                .collect()
        })
        .collect();
    let mut samples: Vec<Vec<usize>> = vec![Vec::new(); cell_kinds.kinds.len()];
    let unknown_widths = vec![0; cell_kinds.kinds.len()];
    for (raw, segs) in rows
        .iter()
        .zip(&pieces)
        .filter(|(r, _)| r.kind == RowKind::Data)
    {
        placer.place(raw, segs, &unknown_widths, Pass::Sampling(&mut samples));
    }
    let widths: Vec<usize> = samples
        .into_iter()
        .map(|mut v| {
            v.sort_unstable();
            if v.len() >= 3 {
                v[v.len() / 2]
            } else {
                0
            }
        })
        .collect();
    let mut out: Vec<Row> = Vec::new();
    for (raw, segs) in rows.into_iter().zip(&pieces) {
        if raw.kind == RowKind::Group {
            let texts: Vec<&str> = raw.lines.iter().flatten().map(|(_, t)| *t).collect();
            let mut cells = vec![Cell::default(); columns.len()];
            if let (Some(nc), Some(n)) = (num_col, &raw.number) {
                cells[nc] = Cell {
                    text: n.clone(),
                    lines: vec![raw.first],
                    inherited: false,
                };
            }
            out.push(Row {
                kind: RowKind::Group,
                group_text: Some(join_wrapped(texts)).filter(|s| !s.is_empty()),
                number: raw.number,
                cells,
                lines: (raw.first, raw.last),
                page: None,
            });
            continue;
        }
        let cells = placer.place(&raw, segs, &widths, Pass::Final(&mut warnings));
        out.push(Row {
            kind: RowKind::Data,
            number: raw.number,
            group_text: None,
            cells,
            lines: (raw.first, raw.last),
            page: None,
        });
    }
    inherit_merged(&mut out, &columns, kind);
    found.table(text, kind, columns, out, warnings)
}

/// How a column's text was left when a page break cut the row.
#[derive(Debug, Clone, Copy)]
struct Carry {
    /// The column has text above the break.
    filled: bool,
    /// Its text ends open (a comma, a hyphen, `của`): it must go on.
    open: bool,
    /// Its text ends a sentence or an item (`.`, `;`, `:`).
    terminal: bool,
    /// Length of its last line.
    last_line: usize,
}

impl Carry {
    fn of(text: &str, last_line: usize) -> Carry {
        let t = text.trim_end();
        Carry {
            filled: !t.is_empty(),
            open: !t.is_empty() && !t.ends_with([';', ':']) && ends_open(t),
            // A cell ending on a year (`Quý IV năm 2026`) is complete too.
            // (The year's pattern ends with a digit or `)`: others skip it.)
            terminal: !t.is_empty()
                && (t.ends_with(['.', ';', ':'])
                    || t.ends_with(|c: char| c == ')' || maybe_digit(c))
                        && ENDS_WITH_YEAR.is_match(t)),
            last_line,
        }
    }

    /// Bonus for a piece that, after a page break, continues this column.
    /// Cells start at the top of their row, so a column empty above the break
    /// is unlikely to begin below it. A lower-case piece continues a column
    /// whose last line was wrapped: one with no room left for its first word.
    fn bonus(&self, p: &Piece, width: usize) -> Score {
        let typed = p.person || p.org || p.deadline || p.output;
        let continuation = p.lower || p.text.starts_with(|c: char| c.is_ascii_digit() || c == '(');
        if !self.filled {
            -40
        } else if self.open && !typed {
            60
        } else if p.lower
            && !self.terminal
            && width > 0
            && self.last_line + 1 + p.first_word > width
        {
            50
        } else if continuation {
            0
        } else {
            -10
        }
    }
}

/// Places one row's lines into cells.
struct Placer<'a> {
    /// Index in the table's columns of each placeable column.
    cell_cols: &'a [usize],
    kinds: &'a ColumnKinds,
    num_col: Option<usize>,
    n_columns: usize,
    /// The cell DP's buffers.
    dp: Dp,
    /// Buffers kept from row to row (one entry per placeable column): the
    /// length of the last line each column got, how each column was left
    /// at a page break, and the pieces each column gets.
    last_line: Vec<usize>,
    carry: Vec<Carry>,
    ranges: Vec<std::ops::Range<usize>>,
}

/// What a pass of [`Placer::place`] is for.
enum Pass<'p> {
    /// Learning the columns' widths: the widths of the lines each column
    /// got are added to these (one list per placeable column), and the
    /// cells of a row's last page segment are not assembled.
    Sampling(&'p mut [Vec<usize>]),
    /// Reading the cells, with warnings added here.
    Final(&'p mut Vec<TableWarning>),
}

impl Placer<'_> {
    /// The row's cells. `widths[c]` is column c's width in characters (0 when
    /// unknown).
    fn place(
        &mut self,
        raw: &RawRow,
        segments: &[Segment],
        widths: &[usize],
        mut pass: Pass,
    ) -> Vec<Cell> {
        let mut cells = vec![Cell::default(); self.n_columns];
        if let (Some(nc), Some(n)) = (self.num_col, &raw.number) {
            cells[nc] = Cell {
                text: n.clone(),
                lines: vec![raw.first],
                inherited: false,
            };
        }
        if segments.is_empty() {
            if let Pass::Final(warnings) = &mut pass {
                warnings.push(TableWarning {
                    code: "row_empty",
                    message: format!("row {:?} has no text", raw.number),
                    lines: (raw.first, raw.last),
                });
            }
        }
        // Length of the last line each column got, to tell after a page break
        // whether its text was wrapped (no room left for the next word).
        self.last_line.clear();
        self.last_line.resize(self.kinds.kinds.len(), 0);
        for (si, seg) in segments.iter().enumerate() {
            let pieces = &seg.pieces;
            self.carry.clear();
            // (Only a segment after a page break continues cells: the
            // first has no carry, which `assign` then does not read.)
            if si > 0 {
                self.carry.extend(
                    self.cell_cols
                        .iter()
                        .zip(&self.last_line)
                        .map(|(&c, &last)| Carry::of(&cells[c].text, last)),
                );
            }
            assign(
                seg,
                self.kinds,
                si == 0,
                &self.carry,
                widths,
                &mut self.dp,
                &mut self.ranges,
            );
            let last_segment = si + 1 == segments.len();
            match &mut pass {
                Pass::Sampling(samples) => {
                    for (ci, r) in self.ranges.iter().enumerate() {
                        if let Some(w) = pieces[r.clone()]
                            .iter()
                            .filter(|p| p.line_start && p.line_end)
                            .map(|p| p.chars)
                            .max()
                        {
                            samples[ci].push(w);
                        }
                    }
                    // The width-learning pass only needs where lines went;
                    // cell text matters to it only when a later page
                    // segment continues the cells.
                    if last_segment {
                        return cells;
                    }
                }
                Pass::Final(warnings) => {
                    let placed: usize = self.ranges.iter().map(|r| r.len()).sum();
                    if placed < pieces.len() {
                        warnings.push(TableWarning {
                            code: "row_cells_unplaced",
                            message: format!(
                                "{} of {} pieces of row {:?} could not be placed",
                                pieces.len() - placed,
                                pieces.len(),
                                raw.number
                            ),
                            lines: (raw.first, raw.last),
                        });
                    }
                }
            }
            // A name's tail moved from the last cell: the column it goes to
            // and the pieces.
            let mut moved: Option<(usize, std::ops::Range<usize>)> = None;
            if last_segment {
                if let Some((name, tail, text)) = self.name_tail(pieces, &cells) {
                    if let Pass::Final(warnings) = &mut pass {
                        warnings.push(TableWarning {
                            code: "name_tail_moved",
                            message: format!(
                                "row {:?}: {text:?}, printed after the row's last cell, read as the end of its name (cut by a page break)",
                                raw.number
                            ),
                            lines: (raw.first, raw.last),
                        });
                    }
                    moved = Some((name, tail));
                }
            }
            for (ci, r) in self.ranges.iter().enumerate() {
                let extra = match &moved {
                    Some((name, tail)) if *name == ci => &pieces[tail.clone()],
                    _ => &[],
                };
                let ps = &pieces[r.clone()];
                let Some(last) = extra.last().or(ps.last()) else {
                    continue;
                };
                self.last_line[ci] = last.chars;
                let cell = &mut cells[self.cell_cols[ci]];
                let texts = ps.iter().chain(extra).map(|p| p.text.as_ref());
                // Pieces are words of the lines, and the cell's text was
                // joined from pieces: all clean.
                cell.text = join_clean_wrapped(std::iter::once(cell.text.as_str()).chain(texts));
                cell.lines.extend(ps.iter().chain(extra).map(|p| p.line));
                cell.lines.sort_unstable();
                cell.lines.dedup();
            }
        }
        cells
    }

    /// A row's name cut by a page break ends up printed after the row's last
    /// cell. Whole lines at the end of the last cell belong to the name when
    /// they start with a date or number and the name was left open (`…
    /// ngày` + `24/01/2025 về …`), or when they start lower case after a
    /// deadline that is complete without them (`Tháng 12/2025` + `bảo đảm
    /// hoạt động …`). At least three words are moved, never a lone wrapped
    /// word. Cuts them off the last cell's range (`self.ranges`) and
    /// returns the name's column, their pieces and their text.
    fn name_tail(
        &mut self,
        pieces: &[Piece],
        cells: &[Cell],
    ) -> Option<(usize, std::ops::Range<usize>, String)> {
        let name = self.kinds.kinds.iter().position(|k| *k == Kind::Name)?;
        let last = self.ranges.iter().rposition(|r| !r.is_empty())?;
        if last <= name {
            return None;
        }
        let cell = &pieces[self.ranges[last].clone()];
        let mut start = cell.len();
        while start > 1 {
            let p = &cell[start - 1];
            let continues = p.lower || p.text.starts_with(|c: char| c.is_ascii_digit());
            if p.line_start && p.line_end && continues && !p.value {
                start -= 1;
            } else {
                break;
            }
        }
        if start == cell.len() {
            return None;
        }
        // A tail that begins with a date or number (`24/01/2025 về …`) begins there.
        if let Some(d) = (start..cell.len())
            .rev()
            .find(|&k| cell[k].text.starts_with(|c: char| c.is_ascii_digit()))
        {
            start = d;
        }
        let name_text: String = std::iter::once(cells[self.cell_cols[name]].text.as_str())
            .chain(
                pieces[self.ranges[name].clone()]
                    .iter()
                    .map(|p| p.text.as_ref()),
            )
            .collect::<Vec<_>>()
            .join(" ");
        let name_open = ends_open(&name_text);
        let tail_words: usize = cell[start..]
            .iter()
            .map(|p| p.text.split_whitespace().count())
            .sum();
        let head = join_wrapped(cell[..start].iter().map(|p| p.text.as_ref()));
        let closed_deadline =
            self.kinds.kinds[last] == Kind::Deadline && COMPLETE_DEADLINE.is_match(&head);
        let dated_tail = cell[start].text.starts_with(|c: char| c.is_ascii_digit());
        if tail_words < 3 || !(name_open && dated_tail || closed_deadline) {
            return None;
        }
        let text = join_wrapped(cell[start..].iter().map(|p| p.text.as_ref()));
        let cut = self.ranges[last].start + start;
        let tail = cut..self.ranges[last].end;
        self.ranges[last].end = cut;
        Some((name, tail, text))
    }
}

/// Vertically merged cells are printed once, with the first row they cover.
/// A row that has its own values but leaves a person, agency or output
/// column empty takes that column from the row above, within one group.
pub(crate) fn inherit_merged(rows: &mut [Row], columns: &[Column], kind: TableKind) {
    let inheritable: Vec<usize> = (0..columns.len())
        .filter(|&c| {
            columns[c].role.is_person()
                || columns[c].role.is_agency()
                || columns[c].role == Role::Output
        })
        .collect();
    let value_cols: Vec<usize> = (0..columns.len())
        .filter(|&c| {
            matches!(
                columns[c].role,
                Role::Target { .. } | Role::Unit | Role::Deadline
            )
        })
        .collect();
    // How often each column is filled: only columns filled in most rows are
    // read as merged when empty.
    let data: Vec<usize> = (0..rows.len())
        .filter(|&r| rows[r].kind == RowKind::Data)
        .collect();
    for &c in &inheritable {
        let filled = data
            .iter()
            .filter(|&&r| !rows[r].cells[c].is_empty())
            .count();
        if filled * 4 < data.len() * 3 {
            continue;
        }
        for w in 1..rows.len() {
            let (above, row) = (&rows[w - 1], &rows[w]);
            if above.kind != RowKind::Data || row.kind != RowKind::Data || !row.cells[c].is_empty()
            {
                continue;
            }
            let has_values =
                kind == TableKind::Tasks || value_cols.iter().any(|&v| !row.cells[v].is_empty());
            let above_is_parent = above
                .number
                .as_ref()
                .zip(row.number.as_ref())
                .is_some_and(|(a, b)| b.starts_with(&format!("{a}.")));
            if has_values && !above_is_parent && !above.cells[c].is_empty() {
                let mut cell = above.cells[c].clone();
                cell.inherited = true;
                rows[w].cells[c] = cell;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(line: &str) -> Vec<String> {
        let mut pieces = Vec::new();
        split_line(
            &mut Vocab::default(),
            line,
            1,
            &mut LineBuffers::default(),
            &mut pieces,
        );
        pieces.into_iter().map(|p| p.text.into_owned()).collect()
    }

    /// `same_bytes` is `==` for every length and every differing position.
    #[test]
    fn same_bytes_is_equality() {
        for n in 0..40 {
            let a: Vec<u8> = (0..n).map(|k| b'a' + (k % 26) as u8).collect();
            assert!(same_bytes(&a, &a.clone()));
            for at in 0..n {
                let mut b = a.clone();
                b[at] ^= 0x20;
                assert!(!same_bytes(&a, &b), "{n} {at}");
            }
            assert!(!same_bytes(&a, &a[..n.saturating_sub(1)]) || n == 0);
        }
    }

    #[test]
    fn lines_holding_several_cells() {
        let cases: [(&str, &[&str]); 11] = [
            (
                "Duy trì hoạt động Tổ công nghệ số cộng đồng Thường xuyên",
                &[
                    "Duy trì hoạt động Tổ công nghệ số cộng đồng",
                    "Thường xuyên",
                ],
            ),
            (
                "Tỷ lệ người dân có chữ ký số  - > 10% 20% 30% 40%",
                &[
                    "Tỷ lệ người dân có chữ ký số",
                    "-",
                    "> 10%",
                    "20%",
                    "30%",
                    "40%",
                ],
            ),
            (
                "Tỷ lệ giao dịch không dùng tiền mặt % ≥ 85 Phòng Kinh tế, Hạ tầng và Đô thị",
                &[
                    "Tỷ lệ giao dịch không dùng tiền mặt",
                    "%",
                    "≥ 85",
                    "Phòng Kinh tế, Hạ tầng và Đô thị",
                ],
            ),
            (
                ">60% 100% 100% 100% 100%",
                &[">60%", "100%", "100%", "100%", "100%"],
            ),
            (
                "% 95 Phòng Văn hoá – Xã hội",
                &["%", "95", "Phòng Văn hoá – Xã hội"],
            ),
            (
                "Phòng Kinh tế Kế hoạch Hằng năm",
                &["Phòng Kinh tế", "Kế hoạch", "Hằng năm"],
            ),
            ("Quyết định Thường xuyên", &["Quyết định", "Thường xuyên"]),
            (
                "Tỉ lệ phủ sóng 6G trên địa bàn xã. - - 50% 80% 100%",
                &[
                    "Tỉ lệ phủ sóng 6G trên địa bàn xã.",
                    "-",
                    "-",
                    "50%",
                    "80%",
                    "100%",
                ],
            ),
            ("Đạt 3% Đạt trên 3%", &["Đạt 3%", "Đạt trên 3%"]),
            ("với tốc độ trên 01 Gb/s", &["với tốc độ trên 01 Gb/s"]),
            (
                "Chỉ số Chuyển đổi số xã > 0,77 > 0,8 > 0,85 > 0,92 đạt 1,0",
                &[
                    "Chỉ số Chuyển đổi số xã",
                    "> 0,77",
                    "> 0,8",
                    "> 0,85",
                    "> 0,92",
                    "đạt 1,0",
                ],
            ),
        ];
        for (line, want) in cases {
            assert_eq!(texts(line), want, "{line}");
        }
    }

    /// The quick tests pass every line their regex matches.
    #[test]
    fn quick_tests_before_the_row_regexes() {
        let lines = [
            "1",
            "1.",
            "12. Tên",
            "1.2.3 Nội dung",
            "1.\u{a0}Tên",
            " 3\tx",
            "100%",
            "100% 100%",
            "3,5",
            "2025",
            "1234 abc",
            "1.2é x",
            "٣ Tên",
            "٣.",
            "Ủy ban",
            "ủ abc",
            "- 5",
            "",
            "  ",
            "5 ",
            "5.\u{3000}",
            "1..2 x",
            "IV. Nhiệm vụ",
            "12.5%",
            "(1)",
        ];
        for l in lines {
            if ROW_START.is_match(l) {
                assert!(may_start_row(l), "{l:?}");
            }
        }
        assert!(!may_start_row("100%") && !may_start_row("3,5 ha") && !may_start_row("Tên"));
        // row_start reads what ROW_START captures.
        for l in lines.iter().copied().chain([
            "1. Tên  nhiệm vụ ",
            "2.1.\tx",
            "3   ",
            "٣.٤ Tên",
            "1.2.3.",
            "12 (tiếp)",
        ]) {
            let by_regex = ROW_START.captures(l).map(|c| {
                let rest = c.get(2).map_or("", |m| m.as_str().trim());
                (c.get(1).map_or("", |m| m.as_str()), rest)
            });
            assert_eq!(row_start(l), by_regex, "{l:?}");
        }
    }

    #[test]
    fn numbering() {
        assert!(continues(Some("1"), false, "2"));
        assert!(continues(Some("1"), false, "1.1"));
        assert!(continues(Some("1.9"), false, "2"));
        assert!(continues(Some("4.2"), false, "5"));
        assert!(!continues(Some("6"), false, "16"));
        assert!(continues(Some("11"), true, "1"));
        assert!(continues(None, false, "1"));
        assert!(!continues(None, false, "2025"));
    }
}
