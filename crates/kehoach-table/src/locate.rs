//! Finding tables: header lines, captions and extents.

use crate::header::{header_cell, is_plan_header, split_flat_header, HeaderColumn};
use kehoach_text::{clean, clean_spaces, fold, unmarked_starts_with, SourceText};
use regex::Regex;
use std::cell::OnceCell;
use std::sync::LazyLock;

/// How a table's rows are laid out in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// One row per line, cells separated by this character (`\t` or `|`).
    Delimited(char),
    /// Flattened PDF text: each cell on its own line(s).
    Flat,
}

/// A table found in the text, not yet read.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub shape: Shape,
    /// Index (0-based) of the header's first line.
    pub header_start: usize,
    /// Index one past the header's last line.
    pub header_end: usize,
    /// Index one past the table's last line.
    pub end: usize,
    pub caption: Caption,
    pub columns: Vec<HeaderColumn>,
    pub ordinal: usize,
}

impl Found {
    /// The table read from this place, with its columns, rows and warnings.
    pub(crate) fn table(
        &self,
        text: &SourceText,
        kind: crate::model::TableKind,
        columns: Vec<crate::model::Column>,
        rows: Vec<crate::model::Row>,
        warnings: Vec<crate::model::TableWarning>,
    ) -> crate::model::Table {
        crate::model::Table {
            caption: self.caption.title.clone(),
            caption_note: self.caption.note.clone(),
            caption_lines: self.caption.lines,
            ordinal: self.ordinal,
            kind,
            columns,
            rows,
            header_lines: (
                text.lines[self.header_start].no,
                text.lines[self.header_end - 1].no,
            ),
            warnings,
        }
    }
}

/// Removes the inline markup of DOCX exports and Markdown (`<b>`, `**`, `*`, `#`).
pub(crate) fn strip_markup(s: &str) -> String {
    static TAGS: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"</?[biu]>|\*+|^#+\s").expect("valid"));
    let t = s.trim();
    // The markup is `<b>`-like tags, `*` and leading `#`: text without those
    // characters has none, and skips the regex. It is a line of the source
    // text, or a cell cut from one, and so NFC already.
    // (Asked of every byte, without an early exit, so that the compiler
    // can ask many at once.)
    let markup = t
        .bytes()
        .fold(false, |any, b| any | matches!(b, b'<' | b'*' | b'#'));
    if !markup {
        return clean_spaces(t);
    }
    clean(&TAGS.replace_all(t, ""))
}

/// The lines of a text with their markup stripped ([`strip_markup`]), each
/// stripped once however often it is read: a flattened header is read again
/// at every repeated header, the lines above a header by each caption search.
pub(crate) struct StrippedLines<'a> {
    pub text: &'a SourceText,
    lines: Vec<OnceCell<String>>,
}

impl<'a> StrippedLines<'a> {
    pub(crate) fn new(text: &'a SourceText) -> StrippedLines<'a> {
        StrippedLines {
            text,
            lines: vec![OnceCell::new(); text.lines.len()],
        }
    }

    /// Line `i` (0-based) without its markup.
    pub(crate) fn get(&self, i: usize) -> &str {
        self.lines[i].get_or_init(|| strip_markup(&self.text.lines[i].text))
    }
}

/// Cells of a delimited line, markup stripped. Markdown lines lose their
/// outer pipes; `\|` is a literal pipe.
pub(crate) fn split_cells(line: &str, delim: char) -> Vec<String> {
    if delim == '|' {
        let t = line.trim();
        let t = t.strip_prefix('|').unwrap_or(t);
        let t = t.strip_suffix('|').unwrap_or(t);
        let mut cells = vec![String::new()];
        let mut chars = t.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                // `\|` is a literal pipe; `\>`, `\*` … are escaped punctuation.
                '\\' if chars.peek().is_some_and(char::is_ascii_punctuation) => {
                    let p = chars.next().expect("peeked");
                    cells.last_mut().expect("non-empty").push(p);
                }
                '|' => cells.push(String::new()),
                c => cells.last_mut().expect("non-empty").push(c),
            }
        }
        cells.iter().map(|c| strip_markup(c)).collect()
    } else {
        line.split(delim).map(strip_markup).collect()
    }
}

/// Whether a line starts an appendix caption (`PHỤ LỤC 1: …`, `Phụ lục II`).
pub(crate) fn is_caption_start(t: &str) -> bool {
    let t = t.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '#'));
    let t = t.strip_prefix("<b>").unwrap_or(t);
    t.starts_with(['P', 'p']) && {
        // The first eight characters.
        let head = t.char_indices().nth(8).map_or(t, |(end, _)| &t[..end]);
        unmarked_starts_with(head, "phu luc")
    }
}

fn is_md_separator(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('|') && t.contains("--") && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// A pipe table row whose cells are all empty (`| | | |`).
fn is_empty_pipe_row(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('|') && t.len() >= 2 && t.chars().all(|c| c == '|' || c.is_whitespace())
}

/// Whether a line's first word (markup aside) is `TT` or `STT`, the row-number
/// header that opens every plan table. Cheap: it runs on every line.
fn first_word_is_tt(s: &str) -> bool {
    // Most lines start with an ASCII character other than `S`, `T` or markup.
    // (`\x0b` is whitespace to `char::is_whitespace`, not to ASCII's.)
    let lead = s
        .as_bytes()
        .iter()
        .find(|&&b| !(b.is_ascii_whitespace() || b == 0x0b));
    if lead.is_some_and(|b| {
        b.is_ascii() && !matches!(b, b'|' | b'*' | b'#' | b'<' | b'T' | b't' | b'S' | b's')
    }) {
        return false;
    }
    let t = s.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '|' | '*' | '#'));
    let t = t.strip_prefix("<b>").unwrap_or(t);
    let word_len = t
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(t.len());
    let word = &t[..word_len];
    (word.eq_ignore_ascii_case("tt") || word.eq_ignore_ascii_case("stt"))
        && !t[word_len..].starts_with(|c: char| c.is_alphanumeric())
}

/// Whether a flattened line starts the first row after a header: a group
/// numeral (`I`, `A`), a first row number, or the numbering row `(1)`.
fn starts_first_row(s: &str) -> bool {
    static FIRST: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*(?:[IA]\.?\s+\p{Lu}|[IA]\.?$|1\.?(?:\s|$)|1\.1\.?(?:\s|$)|\(1\))")
            .expect("valid")
    });
    FIRST.is_match(s)
}

/// The shape of a table whose header starts on this line: tab-separated
/// when it has a tab, a Markdown table when it starts with a pipe,
/// flattened otherwise.
fn line_shape(line: &str) -> Shape {
    if line.contains('\t') {
        Shape::Delimited('\t')
    } else if line.trim_start().starts_with('|') {
        Shape::Delimited('|')
    } else {
        Shape::Flat
    }
}

/// A header that starts at line `i`, if any: its shape, end and columns.
fn header_at(
    stripped: &StrippedLines,
    i: usize,
    memo: &mut HeaderMemo,
) -> Option<(Shape, usize, Vec<HeaderColumn>)> {
    let text = stripped.text;
    let line = &text.lines[i].text;
    if !first_word_is_tt(line) {
        return None;
    }
    if let Shape::Delimited(delim) = line_shape(line) {
        let cols: Vec<HeaderColumn> = split_cells(line, delim)
            .iter()
            .map(|c| header_cell(c))
            .collect();
        // A Markdown header is followed by its separator line, or (markitdown,
        // for a table that marks no header row) is the first row under an
        // empty header and its separator.
        let end = if delim == '|' {
            let sep = text
                .lines
                .get(i + 1)
                .is_some_and(|l| is_md_separator(&l.text));
            let under_empty = i >= 2
                && is_md_separator(&text.lines[i - 1].text)
                && is_empty_pipe_row(&text.lines[i - 2].text);
            if sep {
                i + 2
            } else if under_empty {
                i + 1
            } else {
                return None;
            }
        } else {
            i + 1
        };
        return is_plan_header(&cols).then_some((Shape::Delimited(delim), end, cols));
    }
    // Flattened: the header runs until the first row.
    let mut joined = String::new();
    let mut j = i;
    while j < text.lines.len() && j < i + 60 {
        let t = &text.lines[j].text;
        if j > i && (starts_first_row(t) || first_word_is_tt(t)) {
            break;
        }
        joined.push(' ');
        joined.push_str(stripped.get(j));
        j += 1;
    }
    // A header repeated after each page break reads the same: classify once.
    let cols = match memo {
        Some((prev, cols)) if *prev == joined => cols.clone(),
        _ => {
            let cols = split_flat_header(&joined);
            *memo = Some((joined, cols.clone()));
            cols
        }
    };
    is_plan_header(&cols).then_some((Shape::Flat, j, cols))
}

/// The last flattened header read: its joined text and columns.
type HeaderMemo = Option<(String, Vec<HeaderColumn>)>;

/// The caption above a header: the nearest `PHỤ LỤC …` line within a few
/// non-blank lines, joined with the title lines under it, and the
/// `(Kèm theo …)` note.
/// A table's caption: its title (`PHỤ LỤC 1: …`), its reference note
/// (`Kèm theo Kế hoạch số …`) and the lines the title is printed on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Caption {
    /// The title, lines joined.
    pub title: Option<String>,
    /// The note, without its brackets.
    pub note: Option<String>,
    /// First and last line (1-based) of the title.
    pub lines: Option<(u32, u32)>,
}

pub(crate) fn caption_above(
    stripped: &StrippedLines,
    header_start: usize,
    floor: usize,
) -> Caption {
    static NOTE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)\(\s*(?:ban hành\s+)?kèm theo").expect("valid"));
    let mut seen = 0;
    let mut i = header_start;
    while i > floor && seen < 6 {
        i -= 1;
        // Stripping keeps a line's first character unless it is markup
        // (`<`, `*`, `#`): a line starting otherwise is not blank, and is a
        // caption only if it starts with `P`. Most lines are settled so,
        // without being stripped.
        let raw = stripped.text.lines[i].text.trim_start();
        if raw
            .as_bytes()
            .first()
            .is_some_and(|b| !matches!(b, b'<' | b'*' | b'#' | b'P' | b'p'))
        {
            seen += 1;
            continue;
        }
        let t = stripped.get(i);
        if t.is_empty() {
            continue;
        }
        seen += 1;
        if is_caption_start(t) {
            let mut title = String::new();
            let mut note = None;
            let mut last = i;
            for l in i..header_start {
                let t = stripped.get(l);
                if t.is_empty() {
                    continue;
                }
                match NOTE.find(t) {
                    Some(m) => {
                        title.push(' ');
                        title.push_str(&t[..m.start()]);
                        if !clean(&t[..m.start()]).is_empty() {
                            last = l;
                        }
                        note = Some(clean(t[m.start()..].trim_matches(['(', ')', ' '])));
                        break;
                    }
                    None => {
                        title.push(' ');
                        title.push_str(t);
                        last = l;
                    }
                }
            }
            let title = clean(&title);
            let no = |l: usize| stripped.text.lines[l].no;
            return Caption {
                lines: (!title.is_empty()).then(|| (no(i), no(last))),
                title: (!title.is_empty()).then_some(title),
                note,
            };
        }
    }
    Caption::default()
}

/// Finds every plan table in the text.
pub(crate) fn find_tables(stripped: &StrippedLines) -> Vec<Found> {
    let text = stripped.text;
    let mut found: Vec<Found> = Vec::new();
    let n = text.lines.len();
    let mut memo: HeaderMemo = None;
    let mut i = 0;
    while i < n {
        // Every header starts with `TT` (see `header_at`).
        if !first_word_is_tt(&text.lines[i].text) {
            i += 1;
            continue;
        }
        // A header with no caption of its own repeats the previous table's
        // header after a page break (see below), and is passed over, when
        // both are flattened or when it is printed as that header was. The
        // lines a header runs over hold no other header (a flattened one
        // runs up to the next `TT` line), so it is passed over line by line
        // just as well, without reading its columns.
        let line = &text.lines[i].text;
        if let Some(prev) = found.last() {
            let repeated = match prev.shape {
                Shape::Flat => line_shape(line) == Shape::Flat,
                Shape::Delimited(_) => *line == text.lines[prev.header_start].text,
            };
            if repeated && caption_above(stripped, i, prev.header_end).title.is_none() {
                i += 1;
                continue;
            }
        }
        let Some((shape, header_end, columns)) = header_at(stripped, i, &mut memo) else {
            i += 1;
            continue;
        };
        let floor = found.last().map_or(0, |f| f.header_end);
        let caption = caption_above(stripped, i, floor);
        // A header with the same labels as the previous table's, and no
        // caption of its own, repeats that table's header after a page break.
        if let Some(prev) = found.last() {
            let same = prev.columns.len() == columns.len()
                && prev
                    .columns
                    .iter()
                    .zip(&columns)
                    .all(|(a, b)| fold(&a.label) == fold(&b.label));
            if caption.title.is_none()
                && (same || prev.shape == Shape::Flat && shape == Shape::Flat)
            {
                i = header_end;
                continue;
            }
        }
        if let Some(prev) = found.last_mut() {
            prev.end = i;
        }
        let ordinal = found.len() + 1;
        found.push(Found {
            shape,
            header_start: i,
            header_end,
            end: n,
            caption,
            columns,
            ordinal,
        });
        i = header_end;
    }
    // A table ends before the next caption; a delimited one at its last
    // delimited line.
    for f in &mut found {
        if let Some(j) = (f.header_end..f.end).find(|&j| is_caption_start(&text.lines[j].text)) {
            f.end = j;
        }
        if let Shape::Delimited(d) = f.shape {
            let mut last = f.header_end;
            for j in f.header_end..f.end {
                let t = &text.lines[j].text;
                if t.contains(d) {
                    last = j + 1;
                } else if is_caption_start(t) {
                    break;
                }
            }
            f.end = last;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_number_headers() {
        for yes in [
            "TT Chỉ tiêu",
            "  STT\tTên",
            "| TT | Nội dung |",
            "**TT**",
            "<b>TT</b>",
            "\u{a0}TT",
            "\x0bTT",
        ] {
            assert!(first_word_is_tt(yes), "{yes:?}");
        }
        for no in ["TTg", "Thời gian", "1. TT", "Stt1", "", "  "] {
            assert!(!first_word_is_tt(no), "{no:?}");
        }
    }

    #[test]
    fn markdown_cells() {
        assert_eq!(
            split_cells("| **I** | a \\| b |  |", '|'),
            vec!["I", "a | b", ""]
        );
        assert!(is_md_separator("|---|:--:|---|"));
    }

    fn read(src: &str) -> Vec<crate::Table> {
        crate::read_tables(&SourceText::from_text(src))
    }

    #[test]
    fn pipe_header_under_an_empty_header_row() {
        // markitdown, for a Word table that marks no header row.
        let t = read("| | | |\n| --- | --- | --- |\n| **TT** | **Nội dung** | **Cơ quan chủ trì** |\n| 1 | Tuyên truyền | Công an xã |\n| 2 | Tập huấn | \\>50% |\n");
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].header_lines, (3, 3));
        assert_eq!(t[0].rows.len(), 2);
        assert_eq!(t[0].rows[0].cells[2].text, "Công an xã");
        assert_eq!(t[0].rows[1].cells[2].text, ">50%");
        // An empty row with no separator under it opens nothing.
        assert!(read("| | |\n| TT | Nội dung |\n| 1 | a |\n").is_empty());
    }

    #[test]
    fn pipe_header_repeated_as_first_row() {
        let t = read("| TT | Nội dung | Cơ quan chủ trì |\n|---|---|---|\n| TT | Nội dung | Cơ quan chủ trì |\n| 1 | Tuyên truyền | Công an xã |\n");
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].rows.len(), 1);
        assert_eq!(t[0].rows[0].number.as_deref(), Some("1"));
    }
}
