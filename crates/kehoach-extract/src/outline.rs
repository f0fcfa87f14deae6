//! Body outline: the numbered headings of the plan's body (`I.`, `1.`,
//! `1.1.`, `1.1.1.`, `a)`), nested by level, with the bullets printed
//! directly under each heading.
//!
//! The reader works on the regularities of Vietnamese administrative text,
//! not on any one file:
//! - a heading is a line that starts with its number (`III.`, `2.`, `1.2.`,
//!   `a)`) followed by an upper-case word (`a)` may start lower case);
//! - in text extracted from PDF a heading wraps onto lines that start lower
//!   case (or that follow a line ending in a glued hyphen or a function word
//!   such as `của`), while body paragraphs and bullets start with `- `, `+ `,
//!   a number or an upper-case word;
//! - footnotes (`1 Kế hoạch hành động số …` under the page's rule) and stray
//!   page numbers interrupt the flow and are skipped;
//! - the recipient list (`Nơi nhận:`) closes the body.
//!
//! Markdown marks (`#`, `**`, `<b>`) are stripped before reading a line, so
//! DOCX exports and Markdown transcriptions read like plain text.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::LazyLock;

use kehoach_schema::{Section, Span};
use kehoach_text::{
    clean, count_bytes, fold, is_single_spaced, join_wrapped, single_spaced, SourceText,
};
use regex::Regex;

/// Last words after which a wrapped line continues the same sentence even
/// when the next line starts with an upper-case word (`… của` + `Bộ Chính
/// trị`). Compared on [`fold`] keys.
const CONTINUING_WORDS: &[&str] = &[
    "của", "và", "về", "theo", "cho", "với", "tại", "trong", "các", "những", "là", "ngày", "thuộc",
    "đến", "từ", "để", "do", "bởi", "như", "hoặc", "giữa", "trên", "dưới", "sau", "trước", "nhằm",
    "gồm",
];

/// Bullet markers that always open an item.
const BULLET_MARKERS: &[char] = &['-', '+', '•', '*', '·', '▪', '◦'];

/// Bullet markers that also occur as a dash at the start of a wrapped line
/// (`Phòng Văn hoá` + `– Xã hội`): they open an item only after a line that
/// ended a sentence or after a heading.
const AMBIGUOUS_BULLET_MARKERS: &[char] = &['–', '—'];

// The heading patterns. `heading` matches them by hand (see
// `roman_captures`); the tests check the hand matchers against them, and
// the Arabic one decides numbers with digits of other scripts.
#[cfg(test)]
static ROMAN_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([IVXL]{1,7})\s*\.\s*(\S.*)$").expect("regex"));
static ARABIC_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2}(?:\.\d{1,2}){0,3})(\.?)\s*(\S.*)$").expect("regex"));
#[cfg(test)]
static LETTER_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([a-zđ])\)\s*(\S.*)$").expect("regex"));
#[cfg(test)]
static FOOTNOTE_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,3})\s+(\S)").expect("regex"));
static MARKER_TOKEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\p{L}+)(\d{1,3})$").expect("regex"));
static RECIPIENTS_KEY: LazyLock<String> = LazyLock::new(|| fold("Nơi nhận"));
static CONTINUING_KEYS: LazyLock<Vec<String>> =
    LazyLock::new(|| CONTINUING_WORDS.iter().map(|w| fold(w)).collect());
static HTML_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)</?(?:b|i|u|em|strong|sup|sub|span|p|font)(?:\s[^>]*)?>").expect("regex")
});
static HTML_BREAK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)<br\s*/?>").expect("regex"));

/// The lines of the body, as 1-based line numbers `start..end` (end
/// exclusive): from the line after the title to the line before the
/// recipient list (`Nơi nhận:`) or the signature block, whichever comes
/// first. Without either, the first appendix caption (`PHỤ LỤC 1: …`,
/// `Phụ lục I`) or table header line (`TT Chỉ tiêu …`, `STT …`) ends it.
/// An empty text gives `1..1`.
pub fn body_range(text: &SourceText) -> Range<u32> {
    body_range_in(text, &crate::meta::layout(text))
}

/// [`body_range`] with the document's layout found already.
pub(crate) fn body_range_in(text: &SourceText, layout: &crate::meta::Layout) -> Range<u32> {
    let lines = &text.lines;
    let no = |i: usize| lines.get(i).map_or(i as u32 + 1, |l| l.no);
    if layout.body_start >= layout.body_end {
        let n = no(layout.body_start.min(lines.len()));
        return n..n;
    }
    no(layout.body_start)..no(layout.body_end - 1) + 1
}

/// Reads the outline of the lines whose numbers fall in `body` (see
/// [`body_range`]): headings nested by level (`I.` > `1.` > `1.1.` >
/// `1.1.1.` > `a)`), each with its wrapped title joined and the bullets
/// printed directly under it as `items`. Footnotes, stray page numbers,
/// prose paragraphs and table rows are not sections; reading stops at
/// `Nơi nhận:`. Never panics; an empty range gives no sections.
pub fn extract_outline(text: &SourceText, body: Range<u32>) -> Vec<Section> {
    let body_idx = body_indices(text, &body);
    // Only the footnotes that can touch the body: one that covers a body
    // line starts at or before it, and one whose marker is on a body line
    // starts at most [`NOTE_REACH`] lines after its marker.
    let notes = footnotes_before(text, notes_limit(body_idx.last().copied()));
    outline_of(text, &body_idx, &notes)
}

/// [`extract_outline`] of the body that `layout` finds, with its footnotes
/// found already ([`body_notes`](crate::meta::body_notes), which looks as
/// far as `extract_outline` would: the body is the lines
/// `body_start..body_end`, as `lines[i].no == i + 1`).
pub(crate) fn extract_outline_in(
    text: &SourceText,
    layout: &crate::meta::Layout,
    notes: &[Footnote],
) -> Vec<Section> {
    let body_idx = body_indices(text, &body_range_in(text, layout));
    debug_assert_eq!(
        notes.len(),
        footnotes_before(text, notes_limit(body_idx.last().copied())).len()
    );
    outline_of(text, &body_idx, notes)
}

/// The indices of the lines whose numbers fall in `body`.
fn body_indices(text: &SourceText, body: &Range<u32>) -> Vec<usize> {
    let lines = &text.lines;
    (0..lines.len())
        .filter(|&i| body.contains(&lines[i].no))
        .collect()
}

/// How far before a line that starts a footnote its marker may be, in
/// lines.
const NOTE_REACH: usize = 250;

/// How far [`footnotes_before`] looks for the footnotes of a body whose
/// last line has index `last` (none: no body): a footnote whose marker is
/// on the last line starts at most [`NOTE_REACH`] lines after it.
pub(crate) fn notes_limit(last: Option<usize>) -> usize {
    last.map_or(0, |i| i + NOTE_REACH + 1)
}

/// The outline of the lines `body_idx`, with the footnotes `notes`.
fn outline_of(text: &SourceText, body_idx: &[usize], notes: &[Footnote]) -> Vec<Section> {
    let lines = &text.lines;
    let mut in_note = vec![false; lines.len()];
    for n in notes {
        for flag in in_note.iter_mut().take(n.last + 1).skip(n.first) {
            *flag = true;
        }
    }
    let mut lens = line_lengths(body_idx.iter().map(|&i| lines[i].text.as_str()));
    let wrapped = is_wrapped_shape(&mut lens);
    // In wrapped text, a numbered paragraph already wrapped once continues
    // after a line that fills the page width, whatever the next line's case.
    // (A one-line heading of that length is a label: the next line is
    // prose.)
    let full_width = wrapped.then(|| line_width(&mut lens) * 4 / 5);

    let mut nodes: Vec<Node> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut open = Open::None;
    // Whether the open heading title or bullet has been joined with a
    // wrapped line already, which leaves it in `clean` form (see
    // `append_wrapped`).
    let mut joined = false;
    // The previous line, cleaned: borrowed from the source line when
    // cleaning changed nothing but the ends.
    let mut prev: Cow<str> = Cow::Borrowed("");
    let mut last_arabic: Option<u32> = None;

    for &i in body_idx {
        if in_note[i] {
            continue;
        }
        let raw = lines[i].text.as_str();
        let mut s = cleaned(raw);
        if s.is_empty() || is_page_number(&s) || is_rule(&s) || raw.trim_start().starts_with('|') {
            if raw.trim_start().starts_with('|') {
                open = Open::None;
            }
            continue;
        }
        if is_recipients(&s) {
            break;
        }
        s = strip_markers(s, i, notes);
        let no = lines[i].no;

        if let Some(h) = heading(&s) {
            let plausible = match h.level {
                2 => {
                    let n: u32 = h.number.parse().unwrap_or(0);
                    let ok = n >= 1 && n <= last_arabic.unwrap_or(0) + 5;
                    if ok {
                        last_arabic = Some(n);
                    }
                    ok
                }
                1 => {
                    last_arabic = None;
                    true
                }
                _ => true,
            };
            if plausible {
                while stack.last().is_some_and(|&t| nodes[t].level >= h.level) {
                    stack.pop();
                }
                let parent = stack.last().copied();
                nodes.push(Node {
                    level: h.level,
                    parent,
                    section: Section {
                        number: h.number,
                        title: h.title,
                        items: Vec::new(),
                        children: Vec::new(),
                        span: Span::lines(no, no),
                    },
                });
                let id = nodes.len() - 1;
                stack.push(id);
                open = Open::Heading(id);
                joined = false;
                prev = s;
                continue;
            }
        }

        let fresh_heading = match open {
            Open::Heading(id) => {
                nodes[id].section.span.start_line == nodes[id].section.span.end_line
            }
            _ => false,
        };
        if let Some(item) = bullet(&s, &prev, fresh_heading) {
            match stack.last() {
                Some(&top) => {
                    nodes[top].section.items.push(item);
                    open = Open::Bullet(top, nodes[top].section.items.len() - 1);
                    joined = false;
                }
                None => open = Open::Prose,
            }
            prev = s;
            continue;
        }

        match open {
            Open::Heading(id)
                if heading_wraps(
                    &prev,
                    &s,
                    wrapped,
                    full_width.filter(|_| {
                        nodes[id].section.span.end_line > nodes[id].section.span.start_line
                    }),
                ) =>
            {
                let t = &mut nodes[id].section;
                append_wrapped(&mut t.title, &s, joined);
                joined = true;
                t.span.end_line = no;
            }
            Open::Bullet(id, k) if bullet_wraps(&prev, &s, wrapped, full_width) => {
                let item = &mut nodes[id].section.items[k];
                append_wrapped(item, &s, joined);
                joined = true;
            }
            Open::Prose | Open::None => {}
            _ => open = Open::Prose,
        }
        prev = s;
    }
    build_tree(nodes)
}

/// Sets `acc` to `join_wrapped([acc, next])`. A long bullet wrapped over
/// many lines would be cleaned again in full for every line; when `acc` is
/// in `clean` form (trimmed, single-spaced, NFC: `joined` says it is a
/// `join_wrapped` result already, else it is checked) and `next` trimmed is
/// too, the join is `acc`, the separator and `next` as they are. That holds
/// when what follows `acc` starts with an ASCII character (the space, or a
/// glued `next` that starts with one): ASCII characters never compose with
/// what precedes them, so the joined string is NFC as well. Anything else
/// takes `join_wrapped` itself.
///
/// `next` is a body line as [`cleaned`] gives it (less its footnote
/// markers), and `acc`, unless `joined`, a heading title or a bullet's text
/// cut from one without its edges: both are trimmed and single-spaced
/// already (`cleaned` leaves no other whitespace, and dropping a marker
/// drops only digits), so each is in clean form exactly when it is
/// [`is_plain`], which is the cheaper scan.
fn append_wrapped(acc: &mut String, next: &str, joined: bool) {
    let n = next.trim();
    debug_assert!(is_single_spaced(n) && (joined || is_single_spaced(acc)));
    if !acc.is_empty() && !n.is_empty() && (joined || is_plain(acc)) {
        // The same test as `join_wrapped`: a hyphen glued to a letter.
        let mut tail = acc.chars().rev();
        let glued = tail.next() == Some('-') && tail.next().is_some_and(char::is_alphanumeric);
        if (!glued || n.starts_with(|c: char| c.is_ascii())) && (is_plain(n) || clean(n) == n) {
            if !glued {
                acc.push(' ');
            }
            acc.push_str(n);
            return;
        }
    }
    *acc = join_wrapped([acc.as_str(), next]);
}

/// What a continuation line may attach to.
#[derive(Clone, Copy)]
enum Open {
    None,
    Heading(usize),
    Bullet(usize, usize),
    Prose,
}

/// A heading under construction, with its nesting level and parent.
struct Node {
    level: u8,
    parent: Option<usize>,
    section: Section,
}

/// Turns the flat list of headings into a tree, keeping document order.
fn build_tree(nodes: Vec<Node>) -> Vec<Section> {
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    let mut roots = Vec::new();
    for (i, n) in nodes.iter().enumerate() {
        match n.parent {
            Some(p) => children[p].push(i),
            None => roots.push(i),
        }
    }
    let mut slots: Vec<Option<Section>> = nodes.into_iter().map(|n| Some(n.section)).collect();
    // Children always come after their parent, so filling from the end
    // attaches every subtree before its parent is taken.
    for i in (0..slots.len()).rev() {
        let kids: Vec<Section> = children[i]
            .iter()
            .filter_map(|&c| slots[c].take())
            .collect();
        if let Some(s) = slots[i].as_mut() {
            s.children = kids;
        }
    }
    roots.into_iter().filter_map(|r| slots[r].take()).collect()
}

/// A recognised heading line.
pub(crate) struct Heading {
    /// 1 = `I.`, 2 = `1.`, 3 = `1.1.`, 4 = `1.1.1.`, 5 = `a)`.
    pub level: u8,
    /// Number without its trailing dot.
    pub number: String,
    /// Heading text after the number.
    pub title: String,
}

/// Reads a (markup-stripped, cleaned) line as a numbered heading.
pub(crate) fn heading(s: &str) -> Option<Heading> {
    // This runs on every body line, and most lines are prose: each pattern
    // is tried only when the line's first character can open it, so the
    // answer is the same as trying all three.
    let first = s.chars().next()?;
    if matches!(first, 'I' | 'V' | 'X' | 'L') {
        return roman_heading(s);
    }
    // `\d` is any Unicode decimal digit, and every one of those is numeric.
    if first.is_numeric() {
        return arabic_heading(s);
    }
    // `a)`: a lower-case ASCII letter or `đ`, then the parenthesis.
    if s[first.len_utf8()..].starts_with(')') && (first.is_ascii_lowercase() || first == 'đ') {
        return letter_heading(s);
    }
    None
}

/// [`heading`] for a line that starts with a Roman digit (`III. …`). No
/// other heading shape starts with one.
fn roman_heading(s: &str) -> Option<Heading> {
    if let Some((roman, title)) = roman_captures(s) {
        if roman_value(roman).is_some_and(|v| v <= 40) && starts_with_upper_word(title) {
            return Some(Heading {
                level: 1,
                number: roman.to_string(),
                title: title.to_string(),
            });
        }
    }
    None
}

/// [`heading`] for a line that starts with a digit (`2.`, `1.2.`).
fn arabic_heading(s: &str) -> Option<Heading> {
    let found = match arabic_captures(s) {
        Arabic::Match(number, dot, title) => Some((number, dot, title)),
        Arabic::NoMatch => None,
        Arabic::Undecided => ARABIC_HEADING.captures(s).map(|c| {
            let part = |i: usize| c.get(i).map_or("", |m| m.as_str());
            (part(1), !part(2).is_empty(), part(3))
        }),
    };
    if let Some((number, dot, title)) = found {
        let depth = number.split('.').count() as u8;
        // `1 Text` without the dot is a footnote or a table row, not a heading.
        let shaped = if depth == 1 { dot } else { true };
        let spaced = dot || s[number.len()..].starts_with(char::is_whitespace);
        if shaped && spaced && starts_with_upper_word(title) && !number.split('.').any(|p| p == "0")
        {
            return Some(Heading {
                level: 1 + depth,
                number: number.to_string(),
                title: title.to_string(),
            });
        }
    }
    None
}

/// [`heading`] for a line that starts with a letter and `)` (`a) …`).
fn letter_heading(s: &str) -> Option<Heading> {
    let (letter, title) = letter_captures(s)?;
    Some(Heading {
        level: 5,
        number: letter.to_string(),
        title: title.to_string(),
    })
}

// The heading patterns are matched by hand below: `heading` runs on every
// body line, and a regex with capture groups costs far more than these few
// byte tests. Each function returns exactly the captures of its pattern
// (the tests compare them on every short string over the characters that
// matter); the patterns stay as the reference and as the fallback for
// digits of other scripts.

/// The `\s*(\S.*)$` that ends every heading pattern: the text after
/// leading whitespace, when there is some and it holds no line break (`.`
/// does not match `\n`). `\s` is Unicode `White_Space`, as
/// `str::trim_start` uses.
fn title_after(rest: &str) -> Option<&str> {
    let t = rest.trim_start();
    (!t.is_empty() && !t.contains('\n')).then_some(t)
}

/// The captures of [`ROMAN_HEADING`]: the numeral and the title. Giving
/// back Roman digits cannot help the match (the next character would be a
/// Roman digit, not a space or the dot), so only the whole run is tried.
fn roman_captures(s: &str) -> Option<(&str, &str)> {
    let run = s
        .bytes()
        .take_while(|b| matches!(b, b'I' | b'V' | b'X' | b'L'))
        .count();
    if !(1..=7).contains(&run) {
        return None;
    }
    let rest = s[run..].trim_start().strip_prefix('.')?;
    Some((&s[..run], title_after(rest)?))
}

/// The captures of [`LETTER_HEADING`]: the letter and the title.
fn letter_captures(s: &str) -> Option<(&str, &str)> {
    let first = s.chars().next()?;
    if !(first.is_ascii_lowercase() || first == 'đ') {
        return None;
    }
    let (letter, rest) = s.split_at(first.len_utf8());
    Some((letter, title_after(rest.strip_prefix(')')?)?))
}

/// What matching [`ARABIC_HEADING`] by hand gives.
enum Arabic<'a> {
    /// The captures: number, whether the dot is there, title.
    Match(&'a str, bool, &'a str),
    /// The pattern does not match.
    NoMatch,
    /// A character that `\d` might take is not ASCII (`\d` is any script's
    /// decimal digit): the regex decides.
    Undecided,
}

/// Matches [`ARABIC_HEADING`] the way the regex engine reports it: the
/// first success in the order of its choices, greedy ones first (two
/// digits before one, one more `.N` group before stopping, the dot before
/// no dot), as backtracking would try them.
fn arabic_captures(s: &str) -> Arabic<'_> {
    let Some(ends) = digit_ends(s.as_bytes(), 0) else {
        return Arabic::Undecided;
    };
    for end in ends.into_iter().flatten() {
        match arabic_rest(s, end, 0) {
            None => return Arabic::Undecided,
            Some(Some((number_end, dot))) => {
                let Some(title) = title_after(&s[number_end + usize::from(dot)..]) else {
                    return Arabic::Undecided;
                };
                return Arabic::Match(&s[..number_end], dot, title);
            }
            Some(None) => {}
        }
    }
    Arabic::NoMatch
}

/// The ends of `\d{1,2}` at byte `i`, longest first; `None` when a
/// character it has to look at is not ASCII.
fn digit_ends(b: &[u8], i: usize) -> Option<[Option<usize>; 2]> {
    let digit = |i: usize| match b.get(i) {
        Some(c) if !c.is_ascii() => None,
        c => Some(c.is_some_and(u8::is_ascii_digit)),
    };
    if !digit(i)? {
        return Some([None, None]);
    }
    let two = digit(i + 1)?;
    Some([two.then_some(i + 2), Some(i + 1)])
}

/// The rest of [`ARABIC_HEADING`] once the number so far ends at byte `i`
/// after `k` `.N` groups: more groups, then the optional dot and the
/// title. Gives where the number ends and whether the dot follows, `None`
/// inside when nothing matches, `None` outside when undecided.
fn arabic_rest(s: &str, i: usize, k: usize) -> Option<Option<(usize, bool)>> {
    let dot_at_i = s.as_bytes().get(i) == Some(&b'.');
    if k < 3 && dot_at_i {
        for end in digit_ends(s.as_bytes(), i + 1)?.into_iter().flatten() {
            if let Some(found) = arabic_rest(s, end, k + 1)? {
                return Some(Some(found));
            }
        }
    }
    if dot_at_i && title_after(&s[i + 1..]).is_some() {
        return Some(Some((i, true)));
    }
    Some(title_after(&s[i..]).map(|_| (i, false)))
}

/// Value of a well-formed Roman numeral up to 89.
fn roman_value(s: &str) -> Option<u32> {
    let val = |c: char| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        _ => None,
    };
    let digits: Vec<u32> = s.chars().map(val).collect::<Option<_>>()?;
    let mut total = 0;
    for (i, &d) in digits.iter().enumerate() {
        if digits.get(i + 1).is_some_and(|&n| n > d) {
            total -= d as i64;
        } else {
            total += d as i64;
        }
    }
    let total = u32::try_from(total).ok()?;
    // Reject malformed numerals such as `IIII` or `VX` by writing back.
    (to_roman(total) == s).then_some(total)
}

fn to_roman(mut n: u32) -> String {
    let table = [
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, r) in table {
        while n >= v {
            out.push_str(r);
            n -= v;
        }
    }
    out
}

/// Whether the text starts with an upper-case letter (after opening quotes
/// or brackets).
fn starts_with_upper_word(s: &str) -> bool {
    s.chars()
        .find(|c| !matches!(c, '“' | '"' | '\'' | '(' | '[' | '‘'))
        .is_some_and(|c| c.is_uppercase())
}

/// Whether the text's first character is a lower-case letter.
fn starts_lower(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_lowercase())
}

/// Bullet text without its marker, when `s` is a bullet line. `after_heading`
/// tells that the previous line was a one-line heading.
fn bullet(s: &str, prev: &str, after_heading: bool) -> Option<String> {
    let mut chars = s.chars();
    let first = chars.next()?;
    let rest = chars.as_str();
    // `- Text` and, for hyphen and plus, a glued `-Text`.
    let glued_ok = matches!(first, '-' | '+') && starts_with_upper_word(rest);
    if !rest.starts_with(char::is_whitespace) && !glued_ok {
        return None;
    }
    let always = BULLET_MARKERS.contains(&first);
    let ambiguous = AMBIGUOUS_BULLET_MARKERS.contains(&first);
    if always || (ambiguous && (after_heading || ends_sentence(prev) || prev.is_empty())) {
        let text = rest.trim();
        return (!text.is_empty()).then(|| text.to_string());
    }
    None
}

/// Whether the line ends a sentence or clause.
fn ends_sentence(s: &str) -> bool {
    s.trim_end().ends_with(['.', ';', ':', '!', '?', '…'])
}

/// Whether `next` continues a heading whose last line was `prev`: it starts
/// lower case, or `prev` ends mid-word (glued hyphen) or with a word that
/// cannot end a heading (`của`, `và` …), or (in `wrapped` text) `prev` ends
/// in `;`/`,`, or (when `full_width` is given) `prev` is at least that long
/// and ends no sentence.
fn heading_wraps(prev: &str, next: &str, wrapped: bool, full_width: Option<usize>) -> bool {
    let full = full_width.is_some_and(|w| w > 0 && prev.chars().count() >= w);
    if full && !prev.trim_end().ends_with(['.', ':', '!', '?', '…']) {
        return true;
    }
    // In wrapped text a line ending in `;` or `,` leaves its sentence open.
    if wrapped && prev.trim_end().ends_with([';', ',']) {
        return true;
    }
    if starts_lower(next) || next.starts_with(AMBIGUOUS_BULLET_MARKERS) {
        return true;
    }
    // `… Nghị quyết số` + `57-NQ/TW …`.
    if next.starts_with(|c: char| c.is_ascii_digit()) && !ends_sentence(prev) {
        return true;
    }
    ends_glued(prev) || ends_with_continuing_word(prev)
}

/// Whether `next` continues a bullet whose last line was `prev`. In text
/// wrapped at the page width a new paragraph needs a finished sentence
/// before it; in one-paragraph-per-line text only a lower-case start (a
/// stray paragraph break) continues; so does a line after one that fills
/// the page width (`full_width`).
fn bullet_wraps(prev: &str, next: &str, wrapped: bool, full_width: Option<usize>) -> bool {
    if starts_lower(next) || ends_glued(prev) || ends_with_continuing_word(prev) {
        return true;
    }
    // A line that fills the page width was wrapped: the sentence after its
    // full stop is the same bullet's (`… tại Trung tâm.` / `Sử dụng …`).
    if full_width.is_some_and(|w| w > 0 && prev.chars().count() >= w) {
        return true;
    }
    if !wrapped {
        return false;
    }
    let new_paragraph_start = next
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "(“\"[".contains(c));
    !(ends_sentence(prev) && new_paragraph_start)
}

/// Whether the line ends in a hyphen or slash glued to a letter (`71/NQ-`).
fn ends_glued(s: &str) -> bool {
    let mut tail = s.trim_end().chars().rev();
    matches!(tail.next(), Some('-' | '/' | '–')) && tail.next().is_some_and(char::is_alphanumeric)
}

fn ends_with_continuing_word(s: &str) -> bool {
    // An upper-case heading (`V. TỔ CHỨC THỰC HIỆN`) is complete.
    if ends_sentence(s) || !s.trim_end().chars().last().is_some_and(char::is_lowercase) {
        return false;
    }
    let last = s.split_whitespace().next_back().unwrap_or("");
    let key = fold(last);
    CONTINUING_KEYS.contains(&key)
}

/// The lengths in characters of the non-blank lines, trimmed.
fn line_lengths<'a>(lines: impl ExactSizeIterator<Item = &'a str>) -> Vec<usize> {
    // One per line at most: allocated once.
    let mut lens = Vec::with_capacity(lines.len());
    lens.extend(lines.map(|l| char_count(l.trim())).filter(|&n| n > 0));
    lens
}

/// `s.chars().count()`: the bytes that start a character, which are those
/// that are no continuation byte (`80` to `BF`, which as `i8` are below
/// -0x40), counted by [`count_bytes`] on many bytes at once, whatever the
/// length; the standard count takes a slower path for short lines, which
/// most are.
fn char_count(s: &str) -> usize {
    count_bytes(s.as_bytes(), |b| (b as i8) >= -0x40)
}

/// Whether most body lines look wrapped at a page width (PDF text) rather
/// than one paragraph per line (DOCX export, Markdown), from their
/// [`line_lengths`] (reordered). Selecting the median gives the value
/// sorting would put there.
fn is_wrapped_shape(lens: &mut [usize]) -> bool {
    if lens.is_empty() {
        return true;
    }
    let mid = lens.len() / 2;
    *lens.select_nth_unstable(mid).1 < 110
}

/// The page width of wrapped text: the 90th percentile of the
/// [`line_lengths`] (reordered).
fn line_width(lens: &mut [usize]) -> usize {
    if lens.is_empty() {
        return 0;
    }
    let at = lens.len() * 9 / 10;
    *lens.select_nth_unstable(at).1
}

/// A line holding only a page number.
pub(crate) fn is_page_number(s: &str) -> bool {
    s.len() <= 3 && s.chars().all(|c| c.is_ascii_digit())
}

/// A line drawn only with rule characters (`-----`, `___`, `***`, `|---|`).
pub(crate) fn is_rule(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| matches!(c, '-' | '_' | '=' | '*' | '|' | ':' | ' ' | '–' | '—'))
}

/// Whether the line opens the recipient list (`Nơi nhận:`).
pub(crate) fn is_recipients(s: &str) -> bool {
    // This runs on every line: look at the first letter, then fold only
    // the head of the line.
    if !recipients_head(s) {
        return false;
    }
    // The key starts `nơi ` (no tone on `ơ`): the `N` must come first (a
    // mark before it would stay in the key) and then `ơ`, or an `o` that a
    // combining horn follows. Lines with another second letter (`Nghị`,
    // `Năm`, `Nội`) are not folded.
    let mut chars = s.trim_start().chars();
    chars.next();
    if !matches!(chars.next(), Some('ơ' | 'Ơ' | 'o' | 'O')) {
        return false;
    }
    let head: String = s.chars().take(12).collect();
    fold(&head).starts_with(RECIPIENTS_KEY.as_str())
}

/// A source line with its markup stripped and its whitespace collapsed.
/// Source lines are NFC already, so this skips the normalisation that
/// `kehoach_text::clean` does: it runs several times on every line.
pub(crate) fn cleaned(raw: &str) -> Cow<'_, str> {
    // Most lines have no markup and single spaces: for them, stripping the
    // markup only trims, and collapsing the whitespace changes nothing, so
    // the line itself is the answer.
    let trimmed = raw.trim();
    // One scan for both (see `is_markup_byte` and `is_spacing`).
    if !any_triple_sifted(trimmed.as_bytes(), may_be_markup_or_spacing, |x, y, z| {
        is_markup_byte(x) | is_spacing(x, y, z)
    }) {
        return Cow::Borrowed(trimmed);
    }
    // Without markup, stripping it only trims.
    let stripped: Cow<str> = if has_markup(trimmed) {
        Cow::Owned(strip_markup(raw))
    } else {
        Cow::Borrowed(trimmed)
    };
    Cow::Owned(single_spaced(&stripped))
}

/// A cheaper test that holds wherever `is_markup_byte(x) | is_spacing(x, y,
/// z)` does: the marks, `\t` to `\r` and two spaces as they are; `<` and
/// `>` by `x | 2`, `\` and `_` by `x | 3` (with `]` and `^`); the wide
/// spaces by their first byte, or first two (U+1680 is `E1 9A 80`, the
/// others from U+2000 to U+205F start `E2 80` or `E2 81`).
fn may_be_markup_or_spacing(x: u8, y: u8, _: u8) -> bool {
    let marks = (x == b'#') | (x == b'*') | ((x | 0x02) == b'>') | ((x | 0x03) == b'_');
    let ascii = (x.wrapping_sub(0x09) <= 0x0D - 0x09) | ((x == b' ') & (y == b' '));
    let wide = (x == 0xC2)
        | (x == 0xE3)
        | ((x == 0xE1) & (y == 0x9A))
        | ((x == 0xE2) & ((y | 0x01) == 0x81));
    marks | ascii | wide
}

/// Whether `s` has a character that [`strip_markup`] may remove or change.
/// The marks are ASCII, so a byte scan finds them exactly.
fn has_markup(s: &str) -> bool {
    any_triple(s.as_bytes(), |b, _, _| is_markup_byte(b))
}

fn is_markup_byte(b: u8) -> bool {
    (b == b'#') | (b == b'>') | (b == b'<') | (b == b'*') | (b == b'_') | (b == b'\\')
}

/// Whether the bytes `x`, `y`, `z` start a whitespace character other than
/// a space, or two spaces: a text without such bytes has only single
/// spaces, and splitting it on whitespace and joining the words with one
/// space gives it back (when trimmed). The whitespace characters beyond
/// ASCII (Unicode `White_Space`, which `char::is_whitespace` tests) are
/// U+0085, U+00A0, U+1680, U+2000 to U+200A, U+2028, U+2029, U+202F,
/// U+205F and U+3000, and their UTF-8 forms are matched below.
fn is_spacing(x: u8, y: u8, z: u8) -> bool {
    let ascii = (x.wrapping_sub(0x09) <= 0x0D - 0x09) | ((x == b' ') & (y == b' '));
    let two = (x == 0xC2) & ((y == 0x85) | (y == 0xA0));
    let ogham = (x == 0xE1) & (y == 0x9A) & (z == 0x80);
    let general = (x == 0xE2)
        & (((y == 0x80) & ((z <= 0x8A) | (z == 0xA8) | (z == 0xA9) | (z == 0xAF)))
            | ((y == 0x81) & (z == 0x9F)));
    let ideographic = (x == 0xE3) & (y == 0x80) & (z == 0x80);
    ascii | two | ogham | general | ideographic
}

/// Whether `s` is in the form `kehoach_text::clean` gives, so that
/// `clean(s) == s`: trimmed, single spaces, and only [`is_plain`]
/// characters, which are NFC whatever surrounds them. `false` says
/// nothing: `clean` decides. ([`append_wrapped`] knows its strings to be
/// single-spaced, and asks only [`is_plain`].)
#[cfg(test)]
fn is_clean_form(s: &str) -> bool {
    is_single_spaced(s) && is_plain(s)
}

/// Whether every character of `s` is ASCII or in U+00C0 to U+01BF (the
/// Latin-1 letters, Latin Extended-A and the start of -B) except U+0130,
/// U+1E80 to U+1EFF (the Vietnamese letters of Latin Extended Additional),
/// U+2000 to U+203F (general punctuation) or U+2200 to U+22FF (math
/// operators such as `≥`). Such text is what the corpus is made of, and two
/// facts about it let callers skip work (the tests check both for every
/// such character): outside of whitespace, each of these characters is NFC
/// next to any other; and `fold` takes its fast path on them (none is a
/// letter it cannot fold alone), so that `fold` reads a word of such text
/// the same whatever text surrounds it.
pub(crate) fn is_plain(s: &str) -> bool {
    // Continuation bytes (0x80 to 0xBF) belong to the lead byte before.
    !any_triple(s.as_bytes(), |x, y, _| !is_plain_lead(x, y))
}

/// Whether `fold(text).ends_with(key)`, for the key of one word (no
/// whitespace, none of the characters that glue words together: `-`, `/`,
/// `,`, `.`, `;`, `:`). For [`is_plain`] text `fold` reads each
/// whitespace-separated word alone, so the folded text ends with such a key
/// exactly when the folded last word does (after the spaces and `.;,:` that
/// `fold` trims at the end): the key cannot span two words. Folding that
/// word alone spares folding the whole text.
pub(crate) fn fold_ends_with(text: &str, key: &str) -> bool {
    if !is_plain(text) {
        return fold(text).ends_with(key);
    }
    let trimmed = text.trim_end_matches(|c: char| c.is_whitespace() || ".;,:".contains(c));
    let word_start = trimmed
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    fold(&text[word_start..]).ends_with(key)
}

/// Whether the byte `x` (followed by `y`) starts no character, or one that
/// [`is_plain`] accepts. Bytes below 0xC0 are ASCII or continuation bytes.
fn is_plain_lead(x: u8, y: u8) -> bool {
    let latin = (0xC3..=0xC6).contains(&x) & !((x == 0xC4) & (y == 0xB0));
    let vietnamese = (x == 0xE1) & ((y == 0xBA) | (y == 0xBB));
    let punctuation = (x == 0xE2) & (y == 0x80);
    let math = (x == 0xE2) & (0x88..=0x8B).contains(&y);
    (x < 0xC0) | latin | vietnamese | punctuation | math
}

/// Whether `test` holds for some byte of `b` with the two bytes after it
/// (0 past the end); `test(0, 0, 0)` must be false. The bytes are taken 16
/// at a time in fixed-size blocks (the last ones padded with zeros), a loop
/// without bounds checks that compiles to wide comparisons: these scans run
/// over every line.
///
/// Most lines are short (a table cell, a wrapped line of 20 to 30 bytes),
/// so the end of the line costs as much as its middle: it is read as one
/// padded block of its last 16 bytes, assembled from fixed-size copies
/// (no call to `memcpy` for a length known only at run time). Testing a
/// position twice changes nothing, so the blocks may overlap.
pub(crate) fn any_triple(b: &[u8], test: impl Fn(u8, u8, u8) -> bool) -> bool {
    debug_assert!(!test(0, 0, 0));
    any_block(b, |w| in_block(w, &test), &test)
}

/// [`any_triple`] for `exact`, each block of 16 positions first sifted by
/// `coarse`, which must hold wherever `exact` does: a cheaper test that
/// rules out most blocks alone (it may let through some that `exact`
/// then rules out).
fn any_triple_sifted(
    b: &[u8],
    coarse: impl Fn(u8, u8, u8) -> bool,
    exact: impl Fn(u8, u8, u8) -> bool,
) -> bool {
    debug_assert!(!coarse(0, 0, 0) && !exact(0, 0, 0));
    any_block(
        b,
        #[inline(always)]
        |w| in_block(w, &coarse) && in_block(w, &exact),
        &exact,
    )
}

/// Whether `block` holds for one of the blocks of 16 positions that cover
/// `b` (see [`any_triple`]), where `block` asks `test` at each of the 16
/// (the third argument being the byte two after the position).
#[inline(always)]
fn any_block(
    b: &[u8],
    block: impl Fn(&[u8; 18]) -> bool,
    test: impl Fn(u8, u8, u8) -> bool,
) -> bool {
    let n = b.len();
    if n == 0 {
        return false;
    }
    let mut i = 0;
    while let Some(w) = b[i..].first_chunk::<18>() {
        if block(w) {
            return true;
        }
        i += 16;
    }
    // Positions `i..n` are left, at most 17. The padded block holds the
    // last `min(n, 16)` bytes at its start, zeros after them.
    let mut last = [0u8; 18];
    if n >= 16 {
        last[..16].copy_from_slice(&b[n - 16..]);
        // Positions `n - 16..n`; with 17 left, the first of them has its
        // two bytes after it in the line.
        if n - i == 17 && test(b[i], b[i + 1], b[i + 2]) {
            return true;
        }
    } else if n >= 8 {
        // Two copies of 8 bytes that overlap cover the `n` bytes.
        last[..8].copy_from_slice(&b[..8]);
        last[n - 8..n].copy_from_slice(&b[n - 8..]);
    } else if n >= 4 {
        last[..4].copy_from_slice(&b[..4]);
        last[n - 4..n].copy_from_slice(&b[n - 4..]);
    } else {
        // One to three bytes, copied one by one (a loop would be a call).
        last[0] = b[0];
        last[1] = b.get(1).copied().unwrap_or(0);
        last[2] = b.get(2).copied().unwrap_or(0);
    }
    block(&last)
}

/// Whether `test` holds at one of the first 16 bytes of `w`, with the two
/// bytes after it: all 16 are asked, with no early exit, so that the
/// compiler asks them at once.
#[inline(always)]
fn in_block(w: &[u8; 18], test: &impl Fn(u8, u8, u8) -> bool) -> bool {
    let mut found = false;
    for k in 0..16 {
        found |= test(w[k], w[k + 1], w[k + 2]);
    }
    found
}

/// Whether a raw source line opens the recipient list.
pub(crate) fn is_recipients_line(raw: &str) -> bool {
    recipients_head(raw) && is_recipients(&cleaned(raw))
}

/// Whether the first character after leading whitespace and Markdown marks
/// (`#`, `*`, `>`, `_`) is an `N` or `n`: the cheap test that every line
/// opening the recipient list passes. (`char::is_whitespace` is the
/// Unicode `White_Space` property, as `\s` in a pattern.)
fn recipients_head(s: &str) -> bool {
    // Most lines open with an ASCII letter or digit, which is the
    // character looked for.
    match s.as_bytes().first() {
        Some(b'N' | b'n') => return true,
        Some(b) if b.is_ascii_alphanumeric() => return false,
        _ => {}
    }
    s.chars()
        .find(|&c| !(c.is_whitespace() || matches!(c, '#' | '*' | '>' | '_')))
        .is_some_and(|c| c == 'N' || c == 'n')
}

/// Removes Markdown and HTML marks from a line: leading `#`s and `>`,
/// `**`/`__` emphasis, single `*` emphasis (but not a `* ` bullet), `<b>`
/// and similar tags, backslash escapes. `<br>` becomes a space.
pub(crate) fn strip_markup(s: &str) -> String {
    let mut t = s.trim();
    if !has_markup(t) {
        return t.to_string();
    }
    if t.starts_with('#') {
        t = t.trim_start_matches('#').trim_start();
    }
    while let Some(r) = t.strip_prefix('>') {
        t = r.trim_start();
    }
    // Both HTML patterns start with `<`: without one, neither replaces.
    let t: Cow<str> = if t.contains('<') {
        let t = HTML_BREAK.replace_all(t, " ");
        Cow::Owned(HTML_TAG.replace_all(&t, "").into_owned())
    } else {
        Cow::Borrowed(t)
    };
    let t = t.replace("**", "").replace("__", "");
    let mut out = String::with_capacity(t.len());
    let mut chars = t.chars().peekable();
    let mut at_start = true;
    let mut escaped = false;
    let mut unescaped = false;
    while let Some(c) = chars.next() {
        if escaped {
            out.push(c);
            escaped = false;
            continue;
        }
        match c {
            '\\' if chars.peek().is_some_and(|n| n.is_ascii_punctuation()) => {
                escaped = true;
                unescaped = true;
            }
            // A `* ` at the start is a bullet; any other `*` is emphasis.
            '*' if !(at_start && chars.peek().is_some_and(|n| n.is_whitespace())) => {}
            _ => out.push(c),
        }
        if !c.is_whitespace() {
            at_start = false;
        }
    }
    let out = out.trim();
    // Markdown typed into a Word document and converted back (`\#### \*\*3.
    // Phòng …\*\*`): the marks the escapes kept are marks too. Each pass
    // removes the escapes it reads, so this ends.
    if unescaped && has_markup(out) {
        return strip_markup(out);
    }
    out.to_string()
}

/// A footnote printed at the foot of a page (`1 Kế hoạch hành động số …`).
#[derive(Debug, Clone)]
pub(crate) struct Footnote {
    /// The footnote's number.
    pub number: u32,
    /// Index of its first line.
    pub first: usize,
    /// Index of its last line (inclusive).
    pub last: usize,
    /// Index of the line that carries its marker (`Thành uỷ1`).
    pub marker_line: usize,
    /// Its text without the number, lines joined.
    pub text: String,
}

/// Finds the footnotes of text extracted from PDF. Footnotes are numbered
/// 1, 2, 3 … through the document; footnote `k` is a line that starts with
/// `k` and an upper-case word, does not start with a space (a leading space
/// marks a page start), and comes after a word carrying the marker `k`
/// glued to it (`uỷ1`, `IoT4`). Its text runs until the next footnote or the
/// next page's first line.
///
/// Only the footnotes that start before line index `limit` are looked for.
/// Footnotes are found in order, each from the lines up to its end, so
/// these are exactly the first ones of the whole list: the lines after the
/// limit need not be searched.
pub(crate) fn footnotes_before(text: &SourceText, limit: usize) -> Vec<Footnote> {
    let lines = &text.lines;
    let end = lines.len().min(limit);
    // The markers seen, as (number, line), in line order: those of each
    // line passed over (not inside a footnote) whose number is the one
    // expected then or one of the next two. A marker matters only within
    // `NOTE_REACH` lines before a line that starts the expected footnote, and such
    // lines are rare (most documents have none): the markers of a line are
    // read only when such a line comes within reach of it, once
    // (`read_to` is how far they have been read). The list then holds,
    // for the lines that can still matter, what reading every line would
    // have put there.
    let mut markers: Vec<(u32, usize)> = Vec::new();
    let mut read_to = 0;
    // The number expected when each line was passed over; 0 for the lines
    // of a footnote.
    let mut passed: Vec<u32> = vec![0; end];
    let mut out = Vec::new();
    let mut expected = 1u32;
    let mut i = 0;
    while i < end {
        let raw = lines[i].text.as_str();
        // A line is read as a footnote only when its marker was seen.
        let start = footnote_start(raw, expected).and_then(|rest| {
            for (at, &e) in passed
                .iter()
                .enumerate()
                .take(i)
                .skip(read_to.max(i.saturating_sub(NOTE_REACH)))
            {
                if e == 0 {
                    continue;
                }
                for (_, n) in marker_tokens(&lines[at].text) {
                    if n >= e && n < e + 3 {
                        markers.push((n, at));
                    }
                }
            }
            read_to = i;
            let &(_, at) = markers
                .iter()
                .rev()
                .find(|(n, at)| *n == expected && i - at <= NOTE_REACH)?;
            Some((at, rest))
        });
        if let Some((marker_line, rest)) = start {
            let mut parts = vec![rest.to_string()];
            let mut last = i;
            let mut j = i + 1;
            while j < lines.len() {
                let l = lines[j].text.as_str();
                if l.trim().is_empty() {
                    j += 1;
                    continue;
                }
                let s = cleaned(l).into_owned();
                if l.starts_with(char::is_whitespace)
                    || footnote_start(l, expected + 1).is_some()
                    || heading(&s).is_some()
                    || bullet(&s, "", true).is_some()
                    || is_recipients(&s)
                    || j - last > 6
                {
                    break;
                }
                parts.push(s);
                last = j;
                j += 1;
            }
            out.push(Footnote {
                number: expected,
                first: i,
                last,
                marker_line,
                text: join_wrapped(parts.iter().map(String::as_str)),
            });
            expected += 1;
            i = last + 1;
            continue;
        }
        passed[i] = expected;
        i += 1;
    }
    out
}

/// The text after the number when `raw` starts footnote `k`.
fn footnote_start(raw: &str, k: u32) -> Option<&str> {
    // A footnote opens with an ASCII digit (see `footnote_captures`),
    // which no line opening with whitespace does: most lines stop here.
    if !raw.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let (digits, first) = footnote_captures(raw)?;
    let n: u32 = digits.parse().ok()?;
    (n == k && (first.is_uppercase() || "“\"(".contains(first))).then(|| raw[digits.len()..].trim())
}

/// What [`FOOTNOTE_START`] captures, less the matches whose number does
/// not parse as a `u32`: the number and the first character after the
/// spaces. Only ASCII digits parse, so the number is the line's leading
/// run of ASCII digits; it must be one to three digits followed by
/// whitespace (a fourth digit of any script, or any other character, and
/// the pattern fails or takes a number that does not parse).
fn footnote_captures(raw: &str) -> Option<(&str, char)> {
    let run = raw.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=3).contains(&run) || !raw[run..].starts_with(char::is_whitespace) {
        return None;
    }
    let first = raw[run..].trim_start().chars().next()?;
    Some((&raw[..run], first))
}

/// Removes footnote markers glued to a word (`xã7` → `xã`) on the line that
/// carries them.
fn strip_markers<'a>(s: Cow<'a, str>, line: usize, notes: &[Footnote]) -> Cow<'a, str> {
    let numbers: BTreeSet<u32> = notes
        .iter()
        .filter(|n| n.marker_line == line)
        .map(|n| n.number)
        .collect();
    if numbers.is_empty() {
        return s;
    }
    let mut out = s.to_string();
    for (word, n) in marker_tokens(&s) {
        if numbers.contains(&n) {
            out = out.replacen(&format!("{word}{n}"), word, 1);
        }
    }
    Cow::Owned(out)
}

/// Whether `c` is a letter (`\p{L}`) of ASCII, of U+00C0 to U+024F (the
/// Latin-1 letters and Latin Extended-A and -B, all letters but `×` and
/// `÷`) or of U+1E00 to U+1EFF (Latin Extended Additional, where the
/// Vietnamese letters are). `false` says nothing about other characters.
fn is_common_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || (('\u{C0}'..='\u{24F}').contains(&c) && c != '×' && c != '÷')
        || ('\u{1E00}'..='\u{1EFF}').contains(&c)
}

/// Whether an ASCII digit follows a letter somewhere in `s` (`uỷ1`). A
/// marker token is letters then ASCII digits (only those parse as a
/// number), so a line without this has no marker; this replaces a pattern
/// search on every line with a byte scan that rarely finds a digit.
fn has_glued_digit(s: &str) -> bool {
    let bytes = s.as_bytes();
    // First a wide scan for a digit after an ASCII letter or after the last
    // byte of a multi-byte character (0x80 and up); only lines with one are
    // looked at character by character.
    if !any_triple(bytes, |x, y, _| {
        y.is_ascii_digit() & (x.is_ascii_alphabetic() | (x >= 0x80))
    }) {
        return false;
    }
    (1..bytes.len()).any(|i| {
        bytes[i].is_ascii_digit()
            && match bytes[i - 1] {
                b if b.is_ascii() => b.is_ascii_alphabetic(),
                _ => s[..i].chars().next_back().is_some_and(char::is_alphabetic),
            }
    })
}

/// Words carrying a footnote marker glued to them (`uỷ1`, `IoT4,`), as
/// (word, number). Tokens with `/` or `-` (document numbers such as
/// `193/2025/QH15`) are not markers.
pub(crate) fn marker_tokens(s: &str) -> Vec<(&str, u32)> {
    if !has_glued_digit(s) {
        return Vec::new();
    }
    s.split_whitespace()
        .filter(|t| t.contains(|c: char| c.is_ascii_digit()) && !t.contains(['/', '-', '–']))
        .map(|t| t.trim_start_matches(['(', '“', '"', '‘']))
        .map(|t| t.trim_end_matches([',', '.', ';', ':', ')', '…', '”', '"', '’']))
        .filter_map(|t| {
            // The pattern wants letters (`\p{L}`, all alphabetic) then one
            // to three digits that parse, so ASCII: a token shaped
            // otherwise (`2025`, `5%`) is not tried.
            let digits = t.bytes().rev().take_while(u8::is_ascii_digit).count();
            let before = t[..t.len() - digits].chars().next_back();
            if !(1..=3).contains(&digits) || !before.is_some_and(char::is_alphabetic) {
                return None;
            }
            // Letters of the common scripts, then those ASCII digits: the
            // pattern takes the letters and the digits as they are, which
            // spares the search on nearly every token. Other letters are
            // left to the pattern.
            let (word, number) = t.split_at(t.len() - digits);
            let (word, number) = if word.chars().all(is_common_letter) {
                (word, number)
            } else {
                let c = MARKER_TOKEN.captures(t)?;
                let (Some(w), Some(n)) = (c.get(1), c.get(2)) else {
                    return None;
                };
                (w.as_str(), n.as_str())
            };
            let n = number.parse().ok()?;
            (!number.starts_with('0')).then_some((word, n))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `fold_ends_with` is `fold(…).ends_with(…)` for one-word keys, on
    /// every corpus line and every part of it ending at a space, with odd
    /// endings and characters that are not plain.
    #[test]
    fn fold_ends_with_folds_the_last_word_only() {
        let keys: Vec<String> = ["gồm", "của", "xã", "2030", "≥"]
            .iter()
            .map(|w| fold(w))
            .collect();
        let mut texts: Vec<String> = vec![
            "bao gồm".into(),
            "bao gồm .".into(),
            "bao gồm;  ".into(),
            "bao-gồm".into(),
            "bao /gồm".into(),
            "ba gô\u{300}m".into(),
            "thuộc của:".into(),
            "".into(),
            " ".into(),
        ];
        for text in crate::corpus_texts() {
            for line in text.lines() {
                texts.push(line.to_string());
                for (i, c) in line.char_indices().filter(|(_, c)| c.is_whitespace()) {
                    texts.push(line[..i].to_string());
                    texts.push(line[..i + c.len_utf8()].to_string());
                }
            }
        }
        for text in &texts {
            for key in &keys {
                assert_eq!(
                    fold_ends_with(text, key),
                    fold(text).ends_with(key.as_str()),
                    "{text:?} {key:?}"
                );
            }
        }
    }

    #[test]
    fn headings() {
        let h = heading("III. NHIỆM VỤ, GIẢI PHÁP").unwrap();
        assert_eq!((h.level, h.number.as_str()), (1, "III"));
        let h = heading("1.2. Ban hành kế hoạch").unwrap();
        assert_eq!(
            (h.level, h.number.as_str(), h.title.as_str()),
            (3, "1.2", "Ban hành kế hoạch")
        );
        let h = heading("2. Yêu cầu").unwrap();
        assert_eq!((h.level, h.number.as_str()), (2, "2"));
        let h = heading("a) Mục tiêu").unwrap();
        assert_eq!((h.level, h.number.as_str()), (5, "a"));
        assert!(heading("1 Kế hoạch hành động số 12-KH/TU").is_none());
        assert!(heading("6 tháng, hằng năm").is_none());
        assert!(heading("IIII. Sai").is_none());
        assert!(heading("1.000 người dân").is_none());
    }

    #[test]
    fn markup() {
        assert_eq!(
            strip_markup("## **II. NỘI DUNG, NHIỆM VỤ**"),
            "II. NỘI DUNG, NHIỆM VỤ"
        );
        assert_eq!(strip_markup("### ***Nơi nhận:***"), "Nơi nhận:");
        assert_eq!(strip_markup("<b>I</b>"), "I");
        assert_eq!(strip_markup("* mục"), "* mục");
        assert_eq!(strip_markup("(*qua Phòng*)"), "(qua Phòng)");
        assert_eq!(strip_markup("1\\. Mục đích"), "1. Mục đích");
        assert_eq!(
            strip_markup("\\#### \\*\\*3. Phòng Văn hóa - Xã hội\\*\\*"),
            "3. Phòng Văn hóa - Xã hội"
        );
    }

    /// `heading` as it was written with the three patterns.
    fn heading_by_patterns(s: &str) -> Option<(u8, String, String)> {
        if let Some(c) = ROMAN_HEADING.captures(s) {
            let (roman, title) = (&c[1], &c[2]);
            if roman_value(roman).is_some_and(|v| v <= 40) && starts_with_upper_word(title) {
                return Some((1, roman.to_string(), title.to_string()));
            }
        }
        if let Some(c) = ARABIC_HEADING.captures(s) {
            let (number, dot, title) = (&c[1], !c[2].is_empty(), &c[3]);
            let depth = number.split('.').count() as u8;
            let shaped = if depth == 1 { dot } else { true };
            let spaced = dot || s[number.len()..].starts_with(char::is_whitespace);
            if shaped
                && spaced
                && starts_with_upper_word(title)
                && !number.split('.').any(|p| p == "0")
            {
                return Some((1 + depth, number.to_string(), title.to_string()));
            }
        }
        LETTER_HEADING
            .captures(s)
            .map(|c| (5, c[1].to_string(), c[2].to_string()))
    }

    /// Every string of up to `len` characters from `alphabet`.
    fn strings(alphabet: &[&str], len: usize) -> Vec<String> {
        let mut all = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..len {
            last = last
                .iter()
                .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
                .collect();
            all.extend(last.iter().cloned());
        }
        all
    }

    #[test]
    fn hand_matched_headings_equal_the_patterns() {
        let alphabet = [
            "1", "2", "0", ".", " ", "I", "V", "X", "L", "a", "đ", ")", "A", "ư", "Ư", "٣", "\n",
            "\u{a0}", "“",
        ];
        let mut cases = strings(&alphabet, 4);
        let numbers = [
            "1",
            "12",
            "123",
            "1.2",
            "1.23",
            "12.3.4",
            "1.2.3.4",
            "1.2.3.4.5",
            "01",
            "1.0",
            "IV",
            "XL",
            "IIII",
            "VIIIIIII",
            "XXXIX",
            "a",
            "đ",
            "z",
            "1.٣",
        ];
        let seps = ["", ".", ". ", " ", " . ", ".\n", ")", ") ", "..", ".)"];
        let titles = [
            "",
            "A",
            "a",
            "Mục tiêu",
            " ",
            "\n",
            "1",
            ".",
            "Ước",
            "“Ước",
            "x\ny",
            "Ab  c",
        ];
        for n in numbers {
            for sep in seps {
                for t in titles {
                    cases.push(format!("{n}{sep}{t}"));
                }
            }
        }
        for s in &cases {
            let got = heading(s).map(|h| (h.level, h.number, h.title));
            assert_eq!(got, heading_by_patterns(s), "{s:?}");
            if let Arabic::Match(number, dot, title) = arabic_captures(s) {
                let c = ARABIC_HEADING.captures(s).expect("the pattern matches too");
                assert_eq!(
                    (number, dot, title),
                    (&c[1], !c[2].is_empty(), &c[3]),
                    "{s:?}"
                );
            } else if matches!(arabic_captures(s), Arabic::NoMatch) {
                assert!(!ARABIC_HEADING.is_match(s), "{s:?}");
            }
        }
    }

    /// `char_count` is `chars().count()` on every corpus line, trimmed or
    /// not, and on every prefix of the longest lines (lengths around the
    /// 255-byte chunks).
    #[test]
    fn char_count_counts_chars() {
        for text in crate::corpus_texts() {
            for line in text.lines() {
                assert_eq!(char_count(line), line.chars().count(), "{line:?}");
                assert_eq!(char_count(line.trim()), line.trim().chars().count());
                if line.len() > 250 {
                    for (at, _) in line.char_indices() {
                        assert_eq!(char_count(&line[..at]), line[..at].chars().count());
                    }
                }
            }
        }
        assert_eq!(char_count(""), 0);
    }

    #[test]
    fn any_triple_sees_every_position() {
        for n in 0..60 {
            assert!(!any_triple(&vec![b'a'; n], |x, _, _| x == b'#'));
            for at in 0..n {
                let mut b = vec![b'a'; n];
                b[at] = b'#';
                assert!(any_triple(&b, |x, _, _| x == b'#'));
                let z_past_end = any_triple(&b, |x, _, z| x == b'#' && z == 0);
                assert_eq!(z_past_end, at + 2 >= n, "{n} {at}");
            }
        }
    }

    #[test]
    fn common_letters_are_letters() {
        let letter = Regex::new(r"^\p{L}$").expect("regex");
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if is_common_letter(c) {
                assert!(letter.is_match(c.encode_utf8(&mut [0; 4])), "{c:?}");
            }
        }
        assert!("aZàỹĐƯơ".chars().all(is_common_letter));
    }

    #[test]
    fn marker_token_shapes() {
        let line =
            "uỷ1, (IoT4, AI5, GIS6,…) xã7 năm 2025, 57-NQ/TW QH15 Ab1234 x0 ٣a1 a٣1 v1. αβ3 Ⅻ4 ǅ5";
        let by_pattern: Vec<(String, u32)> = line
            .split_whitespace()
            .filter(|t| t.contains(|c: char| c.is_ascii_digit()) && !t.contains(['/', '-', '–']))
            .map(|t| t.trim_start_matches(['(', '“', '"', '‘']))
            .map(|t| t.trim_end_matches([',', '.', ';', ':', ')', '…', '”', '"', '’']))
            .filter_map(|t| {
                let c = MARKER_TOKEN.captures(t)?;
                let n = c[2].parse().ok()?;
                (!c[2].starts_with('0')).then(|| (c[1].to_string(), n))
            })
            .collect();
        let ours: Vec<(String, u32)> = marker_tokens(line)
            .into_iter()
            .map(|(w, n)| (w.to_string(), n))
            .collect();
        assert_eq!(ours, by_pattern);
        assert_eq!(by_pattern.len(), 9);
    }

    #[test]
    fn hand_matched_footnote_starts() {
        let alphabet = ["1", "2", "0", " ", "A", "a", "“", "٣", "\n", "\u{a0}", "x"];
        for s in strings(&alphabet, 6) {
            let theirs = FOOTNOTE_START.captures(&s).and_then(|c| {
                c[1].parse::<u32>().ok()?;
                Some((c.get(1)?.as_str(), c[2].chars().next()?))
            });
            assert_eq!(footnote_captures(&s), theirs, "{s:?}");
        }
    }

    #[test]
    fn plain_characters() {
        let plain: Vec<char> = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| is_plain(&c.to_string()))
            .collect();
        assert!(plain.contains(&'ệ') && plain.contains(&'“') && plain.contains(&'≥'));
        assert!(!plain.contains(&'\u{301}') && !plain.contains(&'İ'));
        let listed: Vec<char> = plain
            .iter()
            .copied()
            .filter(|c| !c.is_whitespace())
            .collect();
        // Outside of whitespace, each stays as it is through `clean` next
        // to any other.
        for &a in &listed {
            for &b in &listed {
                let s = format!("{a}{b}");
                assert_eq!(clean(&s), s, "{a:?} {b:?}");
            }
        }
        // `fold` takes its fast path on each: `≠` would come out as `=`
        // and a combining mark on the general path.
        for &c in &plain {
            assert!(fold(&format!("{c}≠")).ends_with('≠'), "{c:?}");
        }
        assert!(!fold("İ≠").ends_with('≠'));
        assert!(is_clean_form("Phòng Văn hóa – Xã hội ≥ 5%"));
        assert!(!is_clean_form("Phòng  Văn"));
        assert!(!is_clean_form(" Phòng"));
        assert!(!is_clean_form("hoa\u{300}"));
    }

    #[test]
    fn single_spacing() {
        // Every character, checked against `char::is_whitespace`.
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let s = format!("a{c}b");
            assert_eq!(
                is_single_spaced(&s),
                !c.is_whitespace() || c == ' ',
                "{c:?}"
            );
        }
        assert!(!is_single_spaced("a  b"));
        assert!(is_single_spaced("a b c"));
    }

    #[test]
    fn sieve_for_cleaning() {
        for x in 0..=255u8 {
            for y in 0..=255u8 {
                for z in [0, 0x80, 0x85, 0x8A, 0x8B, 0x9F, 0xA0, 0xA8, 0xAF, b' '] {
                    if is_markup_byte(x) | is_spacing(x, y, z) {
                        assert!(may_be_markup_or_spacing(x, y, z), "{x:x} {y:x} {z:x}");
                    }
                }
            }
        }
        assert!(!may_be_markup_or_spacing(0, 0, 0));
    }

    #[test]
    fn roman() {
        assert_eq!(roman_value("IV"), Some(4));
        assert_eq!(roman_value("XIV"), Some(14));
        assert_eq!(roman_value("VX"), None);
    }
}
