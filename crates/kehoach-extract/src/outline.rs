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

use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::LazyLock;

use kehoach_schema::{Section, Span};
use kehoach_text::{fold, join_wrapped, SourceText};
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

static ROMAN_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([IVXL]{1,7})\s*\.\s*(\S.*)$").expect("regex"));
static ARABIC_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2}(?:\.\d{1,2}){0,3})(\.?)\s*(\S.*)$").expect("regex"));
static LETTER_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([a-zđ])\)\s*(\S.*)$").expect("regex"));
static FOOTNOTE_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,3})\s+(\S)").expect("regex"));
static MARKER_TOKEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\p{L}+)(\d{1,3})$").expect("regex"));
static RECIPIENTS_KEY: LazyLock<String> = LazyLock::new(|| fold("Nơi nhận"));
static MARKUP_CHAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[#><*_\\]").expect("regex"));
static GLUED_DIGIT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\p{L}\d").expect("regex"));
static RECIPIENTS_HEAD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[\s#*>_]*[Nn]").expect("regex"));
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
    let layout = crate::meta::layout(text);
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
    let lines = &text.lines;
    let notes = footnotes(text);
    let mut in_note = vec![false; lines.len()];
    for n in &notes {
        for flag in in_note.iter_mut().take(n.last + 1).skip(n.first) {
            *flag = true;
        }
    }
    let body_idx: Vec<usize> = (0..lines.len())
        .filter(|&i| body.contains(&lines[i].no))
        .collect();
    let wrapped = is_wrapped_shape(body_idx.iter().map(|&i| lines[i].text.as_str()));
    // In wrapped text, a numbered paragraph already wrapped once continues
    // after a line that fills the page width, whatever the next line's case.
    // (A one-line heading of that length is a label: the next line is
    // prose.)
    let full_width =
        wrapped.then(|| line_width(body_idx.iter().map(|&i| lines[i].text.as_str())) * 4 / 5);

    let mut nodes: Vec<Node> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut open = Open::None;
    let mut prev = String::new();
    let mut last_arabic: Option<u32> = None;

    for &i in &body_idx {
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
        s = strip_markers(&s, i, &notes);
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
                        span: Span {
                            start_line: no,
                            end_line: no,
                            page: None,
                        },
                    },
                });
                let id = nodes.len() - 1;
                stack.push(id);
                open = Open::Heading(id);
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
                t.title = join_wrapped([t.title.as_str(), s.as_str()]);
                t.span.end_line = no;
            }
            Open::Bullet(id, k) if bullet_wraps(&prev, &s, wrapped) => {
                let item = &mut nodes[id].section.items[k];
                *item = join_wrapped([item.as_str(), s.as_str()]);
            }
            Open::Prose | Open::None => {}
            _ => open = Open::Prose,
        }
        prev = s;
    }
    build_tree(nodes)
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
    if let Some(c) = ROMAN_HEADING.captures(s) {
        let roman = &c[1];
        let title = &c[2];
        if roman_value(roman).is_some_and(|v| v <= 40) && starts_with_upper_word(title) {
            return Some(Heading {
                level: 1,
                number: roman.to_string(),
                title: title.to_string(),
            });
        }
    }
    if let Some(c) = ARABIC_HEADING.captures(s) {
        let number = &c[1];
        let dot = !c[2].is_empty();
        let title = &c[3];
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
    if let Some(c) = LETTER_HEADING.captures(s) {
        return Some(Heading {
            level: 5,
            number: c[1].to_string(),
            title: c[2].to_string(),
        });
    }
    None
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
/// stray paragraph break) continues.
fn bullet_wraps(prev: &str, next: &str, wrapped: bool) -> bool {
    if starts_lower(next) || ends_glued(prev) || ends_with_continuing_word(prev) {
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

/// Whether most body lines look wrapped at a page width (PDF text) rather
/// than one paragraph per line (DOCX export, Markdown).
fn is_wrapped_shape<'a>(lines: impl Iterator<Item = &'a str>) -> bool {
    let mut lens: Vec<usize> = lines
        .map(|l| l.trim().chars().count())
        .filter(|&n| n > 0)
        .collect();
    if lens.is_empty() {
        return true;
    }
    lens.sort_unstable();
    lens[lens.len() / 2] < 110
}

/// The page width of wrapped text: the 90th percentile of line lengths.
fn line_width<'a>(lines: impl Iterator<Item = &'a str>) -> usize {
    let mut lens: Vec<usize> = lines
        .map(|l| l.trim().chars().count())
        .filter(|&n| n > 0)
        .collect();
    lens.sort_unstable();
    lens.get(lens.len() * 9 / 10).copied().unwrap_or(0)
}

/// A line holding only a page number.
fn is_page_number(s: &str) -> bool {
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
    if !RECIPIENTS_HEAD.is_match(s) {
        return false;
    }
    let head: String = s.chars().take(12).collect();
    fold(&head).starts_with(RECIPIENTS_KEY.as_str())
}

/// A source line with its markup stripped and its whitespace collapsed.
/// Source lines are NFC already, so this skips the normalisation that
/// `kehoach_text::clean` does: it runs several times on every line.
pub(crate) fn cleaned(raw: &str) -> String {
    let stripped = strip_markup(raw);
    let mut out = String::with_capacity(stripped.len());
    for w in stripped.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Whether a raw source line opens the recipient list.
pub(crate) fn is_recipients_line(raw: &str) -> bool {
    RECIPIENTS_HEAD.is_match(raw) && is_recipients(&cleaned(raw))
}

/// Removes Markdown and HTML marks from a line: leading `#`s and `>`,
/// `**`/`__` emphasis, single `*` emphasis (but not a `* ` bullet), `<b>`
/// and similar tags, backslash escapes. `<br>` becomes a space.
pub(crate) fn strip_markup(s: &str) -> String {
    let mut t = s.trim();
    if !MARKUP_CHAR.is_match(t) {
        return t.to_string();
    }
    if t.starts_with('#') {
        t = t.trim_start_matches('#').trim_start();
    }
    while let Some(r) = t.strip_prefix('>') {
        t = r.trim_start();
    }
    let t = HTML_BREAK.replace_all(t, " ");
    let t = HTML_TAG.replace_all(&t, "");
    let t = t.replace("**", "").replace("__", "");
    let mut out = String::with_capacity(t.len());
    let mut chars = t.chars().peekable();
    let mut at_start = true;
    let mut escaped = false;
    while let Some(c) = chars.next() {
        if escaped {
            out.push(c);
            escaped = false;
            continue;
        }
        match c {
            '\\' if chars.peek().is_some_and(|n| n.is_ascii_punctuation()) => escaped = true,
            // A `* ` at the start is a bullet; any other `*` is emphasis.
            '*' if !(at_start && chars.peek().is_some_and(|n| n.is_whitespace())) => {}
            _ => out.push(c),
        }
        if !c.is_whitespace() {
            at_start = false;
        }
    }
    out.trim().to_string()
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
pub(crate) fn footnotes(text: &SourceText) -> Vec<Footnote> {
    let lines = &text.lines;
    let mut markers: Vec<(u32, usize)> = Vec::new();
    let mut out = Vec::new();
    let mut expected = 1u32;
    let mut i = 0;
    while i < lines.len() {
        let raw = lines[i].text.as_str();
        let marker = markers
            .iter()
            .rev()
            .find(|(n, at)| *n == expected && i - at <= 250);
        if let (Some(&(_, marker_line)), Some(rest)) = (marker, footnote_start(raw, expected)) {
            let mut parts = vec![rest.to_string()];
            let mut last = i;
            let mut j = i + 1;
            while j < lines.len() {
                let l = lines[j].text.as_str();
                if l.trim().is_empty() {
                    j += 1;
                    continue;
                }
                let s = cleaned(l);
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
        for (_, n) in marker_tokens(raw) {
            if n >= expected && n < expected + 3 {
                markers.push((n, i));
            }
        }
        i += 1;
    }
    out
}

/// The text after the number when `raw` starts footnote `k`.
fn footnote_start(raw: &str, k: u32) -> Option<&str> {
    if raw.starts_with(char::is_whitespace) {
        return None;
    }
    let c = FOOTNOTE_START.captures(raw)?;
    let n: u32 = c[1].parse().ok()?;
    let first = c[2].chars().next()?;
    (n == k && (first.is_uppercase() || "“\"(".contains(first)))
        .then(|| raw[c.get(1).map_or(0, |m| m.end())..].trim())
}

/// Removes footnote markers glued to a word (`xã7` → `xã`) on the line that
/// carries them.
fn strip_markers(s: &str, line: usize, notes: &[Footnote]) -> String {
    let numbers: BTreeSet<u32> = notes
        .iter()
        .filter(|n| n.marker_line == line)
        .map(|n| n.number)
        .collect();
    if numbers.is_empty() {
        return s.to_string();
    }
    let mut out = s.to_string();
    for (word, n) in marker_tokens(s) {
        if numbers.contains(&n) {
            out = out.replacen(&format!("{word}{n}"), &word, 1);
        }
    }
    out
}

/// Words carrying a footnote marker glued to them (`uỷ1`, `IoT4,`), as
/// (word, number). Tokens with `/` or `-` (document numbers such as
/// `193/2025/QH15`) are not markers.
pub(crate) fn marker_tokens(s: &str) -> Vec<(String, u32)> {
    if !GLUED_DIGIT.is_match(s) {
        return Vec::new();
    }
    s.split_whitespace()
        .filter(|t| t.contains(|c: char| c.is_ascii_digit()) && !t.contains(['/', '-', '–']))
        .map(|t| t.trim_start_matches(['(', '“', '"', '‘']))
        .map(|t| t.trim_end_matches([',', '.', ';', ':', ')', '…', '”', '"', '’']))
        .filter_map(|t| {
            let c = MARKER_TOKEN.captures(t)?;
            let n = c[2].parse().ok()?;
            (!c[2].starts_with('0')).then(|| (c[1].to_string(), n))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }

    #[test]
    fn roman() {
        assert_eq!(roman_value("IV"), Some(4));
        assert_eq!(roman_value("XIV"), Some(14));
        assert_eq!(roman_value("VX"), None);
    }
}
