//! Never a silent zero: warnings for what a plan promised and the reading
//! did not find. A table whose header was recognised but under which no
//! row was read; a column the header promised (lead, deadline, targets)
//! left empty in every row; an appendix the body refers to that was not
//! found; a document from which no row at all was read.

use kehoach_schema::{Span, Warning};
use kehoach_table::{Role, RowKind, Table, TableKind};
use kehoach_text::{lower_unmarked_chars, strip_marks, SourceText};
use regex::Regex;
use std::sync::LazyLock;

fn warn(code: &str, message: String, lines: Option<(u32, u32)>) -> Warning {
    Warning {
        code: code.to_string(),
        message,
        span: lines.map(|(start_line, end_line)| Span {
            start_line,
            end_line,
            page: None,
            bbox: None,
        }),
    }
}

fn table_name(t: &Table) -> String {
    match &t.caption {
        Some(c) => format!("table {} ({c})", t.ordinal),
        None => format!("table {}", t.ordinal),
    }
}

/// The columns a reader of each kind of table counts on.
fn promised(kind: TableKind, role: &Role) -> Option<&'static str> {
    match (kind, role) {
        (_, Role::Name) => Some("name"),
        (TableKind::Tasks, Role::Lead) => Some("lead"),
        (TableKind::Tasks, Role::Deadline) => Some("deadline"),
        (TableKind::Indicators, Role::Target { .. }) => Some("target"),
        _ => None,
    }
}

/// A reference to an appendix in the body: `chi tiết tại Phụ lục 01`,
/// `(Phụ lục kèm theo)`, `theo Phụ lục II`; the numeral if printed.
static APPENDIX_REF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:\b(?:tai|theo|kem theo|co)\s+|\()phu luc(?:\s+(?:so\s+)?([0-9]{1,2}|[ivx]{1,5})\b)?|phu luc(?:\s+(?:so\s+)?([0-9]{1,2}|[ivx]{1,5}))?\s+kem theo",
    )
    .expect("valid pattern")
});

/// What a line that names `Phụ lục` holds: `lục`, `Lục` or `LỤC`. One
/// search of the three (the regex crate looks for such literals together)
/// rather than three `contains`.
static LUC: LazyLock<Regex> = LazyLock::new(|| Regex::new("lục|Lục|LỤC").expect("valid pattern"));

/// A numeral as a number: `01` -> 1, `II` -> 2.
fn numeral(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    if let Ok(n) = s.parse::<u32>() {
        return Some(n);
    }
    let mut total = 0u32;
    let mut prev = 0u32;
    for ch in s.chars().rev() {
        let v = match ch {
            'i' => 1,
            'v' => 5,
            'x' => 10,
            _ => return None,
        };
        if v < prev {
            total = total.checked_sub(v)?;
        } else {
            total += v;
            prev = v;
        }
    }
    Some(total)
}

/// Lower case without tone and vowel marks (`Phụ lục` -> `phu luc`).
fn plain(s: &str) -> String {
    strip_marks(&s.to_lowercase())
}

/// Whether `plain(line.trim())`, less its trailing dots, is `tt` or `stt`
/// (a `TT` or `STT` header label on a line of its own). Told a character at a time
/// ([`lower_unmarked_chars`]) and given up at the first that is none of
/// `s`, `t` and `.` (nearly every line's first or second), where `plain`
/// would lower and decompose the whole line first: every line of a text
/// document comes here. (`plain` and the characters differ only in a
/// final `Σ`, which is none of those either way.)
fn is_tt_label(line: &str) -> bool {
    // The line is trimmed at its end only once its start passed.
    let t = line.trim_start();
    // An ASCII first character is its own first character of `plain`.
    if t.bytes()
        .next()
        .is_some_and(|b| b.is_ascii() && !matches!(b.to_ascii_lowercase(), b's' | b't' | b'.'))
    {
        return false;
    }
    let mut f = String::new();
    for c in lower_unmarked_chars(t.trim_end()) {
        if !matches!(c, 's' | 't' | '.') {
            return false;
        }
        f.push(c);
    }
    matches!(f.trim_end_matches('.'), "tt" | "stt")
}

/// The numeral a caption gives its appendix (`PHỤ LỤC 1: …`, `Phụ lục II`).
fn caption_numeral(caption: &str) -> Option<u32> {
    let f = plain(caption);
    let rest = f.split_once("phu luc")?.1.trim_start();
    let word: String = rest
        .trim_start_matches("so ")
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    numeral(&word)
}

/// A bare row number or group numeral on a line of its own.
fn is_bare_number(line: &str) -> bool {
    let t = line.trim().trim_end_matches('.');
    !t.is_empty()
        && t.len() <= 8
        && (t
            .split('.')
            .all(|p| !p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()))
            || kehoach_table::is_group_numeral(t))
}

/// The longest run of bare row numbers on consecutive non-blank lines in
/// the `reach` lines after line index `from`: (length, first line, last
/// line). Text that gives a table one column after another prints the
/// number column as such a run; text that gives it row by row puts each
/// row's cells between its numbers.
fn number_run(text: &SourceText, from: usize, reach: usize) -> (usize, u32, u32) {
    let mut best = (0, 0, 0);
    let mut run = (0, 0, 0);
    for line in text.lines.iter().skip(from).take(reach) {
        if line.text.trim().is_empty() {
            continue;
        }
        if is_bare_number(&line.text) {
            run = if run.0 == 0 {
                (1, line.no, line.no)
            } else {
                (run.0 + 1, run.1, line.no)
            };
            if run.0 > best.0 {
                best = run;
            }
        } else {
            run = (0, 0, 0);
        }
    }
    best
}

/// The numbers a row after row `n` may carry: `7` -> `8`; `2.3` -> `2.4`
/// or `3`.
fn next_numbers(n: &str) -> Vec<String> {
    let parts: Vec<&str> = n.trim().trim_end_matches('.').split('.').collect();
    let Some(nums) = parts
        .iter()
        .map(|p| p.parse::<u32>().ok())
        .collect::<Option<Vec<u32>>>()
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for depth in (1..=nums.len()).rev() {
        // A number at u32::MAX has no next (found by fuzzing).
        let Some(last) = nums[depth - 1].checked_add(1) else {
            continue;
        };
        let mut next: Vec<String> = nums[..depth - 1].iter().map(u32::to_string).collect();
        next.push(last.to_string());
        out.push(next.join("."));
    }
    out
}

/// How far below a table's last row a row it left unread is looked for.
const UNREAD_REACH: usize = 40;

/// How long a run of bare numbers shows a table given column after column.
const COLUMN_RUN: usize = 4;

/// The warnings of what was promised and not read. `from_text`: the lines
/// are the input's own (a text file), not composed by a reader that sees
/// cells, so a table may come in them one column after another.
pub(crate) fn gaps(
    text: &SourceText,
    tables: &[Table],
    n_indicators: usize,
    n_tasks: usize,
    from_text: bool,
) -> Vec<Warning> {
    let mut out = Vec::new();
    if from_text {
        // Every table read, and every `TT`/`STT` line no table was read
        // under (a header the readers did not recognise).
        let mut starts: Vec<(usize, String, u32)> = tables
            .iter()
            .map(|t| (t.header_lines.1 as usize, table_name(t), t.header_lines.0))
            .collect();
        for line in &text.lines {
            if is_tt_label(&line.text)
                && !tables
                    .iter()
                    .any(|t| (t.header_lines.0..=t.header_lines.1).contains(&line.no))
            {
                starts.push((
                    line.no as usize,
                    format!("the table whose header starts at line {}", line.no),
                    line.no,
                ));
            }
        }
        let mut seen = Vec::new();
        for (from, name, first) in starts {
            let (len, a, b) = number_run(text, from, 400);
            if len >= COLUMN_RUN && !seen.contains(&a) {
                seen.push(a);
                out.push(warn(
                    "table_columns_in_sequence",
                    format!(
                        "{name}: the text gives this table one column after another ({len} row numbers on consecutive lines {a}-{b}), so its rows cannot be put back together; read the PDF itself, or text made with `pdftotext -layout`"
                    ),
                    Some((first, b)),
                ));
            }
        }
    }
    let mut in_table = vec![false; text.lines.len() + 2];
    for t in tables {
        let last = t.rows.last().map_or(t.header_lines.1, |r| r.lines.1);
        for no in t.header_lines.0..=last.max(t.header_lines.0) {
            if let Some(slot) = in_table.get_mut(no as usize) {
                *slot = true;
            }
        }
        // Header labels that hold several columns' labels: the text's
        // columns were squeezed together, and so were its cells.
        // (Only the first is told: the labels after it are not split.)
        let run_together = t.columns.iter().find_map(|c| {
            let parts = kehoach_table::header_label_columns(&c.label);
            (parts.len() >= 2).then(|| (c.label.clone(), parts))
        });
        if let Some((label, parts)) = &run_together {
            out.push(warn(
                "header_columns_run_together",
                format!(
                    "{}: the header label {label:?} holds the labels of {} columns ({}): the text's columns ran together, so its cells may be cut in the wrong places; read the PDF itself, or text made with `pdftotext -layout`",
                    table_name(t),
                    parts.len(),
                    parts.iter().map(|p| format!("{p:?}")).collect::<Vec<_>>().join(", ")
                ),
                Some(t.header_lines),
            ));
        }
        let data: Vec<_> = t.rows.iter().filter(|r| r.kind == RowKind::Data).collect();
        if data.is_empty() {
            if t.kind != TableKind::Unknown {
                out.push(warn(
                    "table_without_rows",
                    format!(
                        "{}: its header was recognised but no row was read under it",
                        table_name(t)
                    ),
                    Some(t.header_lines),
                ));
            }
            continue;
        }
        for (i, c) in t.columns.iter().enumerate() {
            let Some(what) = promised(t.kind, &c.role) else {
                continue;
            };
            if data.iter().all(|r| {
                r.cells
                    .get(i)
                    .is_none_or(|cell| cell.text.trim().is_empty())
            }) {
                let span = (data[0].lines.0, data[data.len() - 1].lines.1);
                out.push(warn(
                    "column_empty",
                    format!(
                        "{}: the {what} column ({:?}) is empty in all {} rows; the rows carry no {what}",
                        table_name(t),
                        c.label,
                        data.len()
                    ),
                    Some(span),
                ));
            }
        }
    }
    // A table that stops while its rows go on: a line below its last row,
    // outside every table, that starts with the number its next row would
    // carry and goes on with text (the reader lost the table's layout).
    for t in tables {
        let Some(last) = t.rows.iter().rev().find(|r| r.kind == RowKind::Data) else {
            continue;
        };
        let Some(number) = last.number.as_deref() else {
            continue;
        };
        let next = next_numbers(number);
        let end = t.rows.last().map_or(last.lines.1, |r| r.lines.1);
        let below = text.lines.iter().skip(end as usize).take(UNREAD_REACH);
        let unread = below
            .take_while(|l| !in_table.get(l.no as usize).copied().unwrap_or(false))
            .find(|l| {
                let mut words = l.text.split_whitespace();
                words.next().is_some_and(|w| next.iter().any(|n| n == w)) && words.count() >= 3
            });
        if let Some(l) = unread {
            out.push(warn(
                "table_ended_early",
                format!(
                    "{}: reading stopped after row {number} (line {end}), but line {} below it starts with the number its next row would carry: the rest of the table was not read",
                    table_name(t),
                    l.no
                ),
                Some((l.no, l.no)),
            ));
        }
    }
    // Appendices the body refers to.
    let read: Vec<&Table> = tables
        .iter()
        .filter(|t| t.rows.iter().any(|r| r.kind == RowKind::Data))
        .collect();
    let numbered: Vec<u32> = read
        .iter()
        .filter_map(|t| t.caption.as_deref().and_then(caption_numeral))
        .collect();
    let mut reported = Vec::new();
    for line in &text.lines {
        // `Phụ lục` has a `lục`: lines without one are passed over unread
        // (a lone `ụ` is in too many words: cụ thể, mục tiêu, sử dụng).
        if in_table.get(line.no as usize).copied().unwrap_or(false) || !LUC.is_match(&line.text) {
            continue;
        }
        let f = plain(&line.text);
        if !f.contains("phu luc") {
            continue;
        }
        for c in APPENDIX_REF.captures_iter(&f) {
            let n = c.get(1).or(c.get(2)).and_then(|m| numeral(m.as_str()));
            let missing = if read.is_empty() {
                true
            } else {
                // A numbered reference is missing only when every table
                // read carries its own numeral and none is this one.
                match n {
                    Some(n) => numbered.len() == read.len() && !numbered.contains(&n),
                    None => false,
                }
            };
            if missing && !reported.contains(&n) {
                reported.push(n);
                let which = n.map_or("an appendix".to_string(), |n| format!("appendix {n}"));
                out.push(warn(
                    "appendix_not_found",
                    format!(
                        "the body refers to {which} (line {}), but no such table was read: it may be a separate file, scanned pages, or a layout the readers did not recognise",
                        line.no
                    ),
                    Some((line.no, line.no)),
                ));
            }
        }
    }
    if n_indicators == 0 && n_tasks == 0 {
        let why = if tables.is_empty() {
            "no indicator or task table was found, and the body assigns no task to a body (labelled items, agency headings, sentences whose subject is a body) and states no target under a chỉ tiêu / mục tiêu heading"
        } else {
            "tables were found but none gave an indicator or a task row"
        };
        out.push(warn("no_rows_found", format!("no rows read: {why}"), None));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_numbers_a_next_row_may_carry() {
        assert_eq!(next_numbers("7"), ["8"]);
        assert_eq!(next_numbers("2.3"), ["2.4", "3"]);
        assert!(next_numbers("II").is_empty());
        assert!(next_numbers("4294967295").is_empty());
        assert_eq!(next_numbers("2.4294967295"), ["3"]);
    }

    #[test]
    fn a_number_column_printed_as_a_block_is_a_run() {
        let columnwise =
            SourceText::from_text("TT\nChỉ tiêu\n\nI\n1\n\nPHÁT TRIỂN\nTỷ lệ\n2\n3\nII\n1\n");
        assert_eq!(number_run(&columnwise, 0, 100).0, 4);
        let rowwise =
            SourceText::from_text("TT\nChỉ tiêu\n1\nTỷ lệ phủ sóng\n>60%\n2\nTỷ lệ\n100%\n");
        assert_eq!(number_run(&rowwise, 0, 100).0, 1);
        assert!(is_bare_number("1.2."));
        assert!(is_bare_number("IV"));
        assert!(!is_bare_number("2025"));
    }

    /// [`is_tt_label`] says what `plain` of the whole line says, on every
    /// line of the corpus and on odd ones.
    #[test]
    fn tt_labels_as_plain_says() {
        let by_plain = |t: &str| matches!(plain(t).trim_end_matches('.'), "tt" | "stt");
        let mut lines: Vec<String> = [
            "TT",
            "STT",
            "stt.",
            "Tt..",
            "T T",
            "TTT",
            "ṬṪ",
            "S\u{301}TT",
            "ŠṬT.",
            "TT\u{301}\u{323}",
            "\u{301}TT",
            "ΣTT",
            "TTΣ",
            "ẞTT",
            ".TT",
            "TT.a",
            "st",
            "s",
            "",
            "Đ",
            "İTT",
            "ſTT",
            "  TT \t",
            "\u{a0}Stt. ",
            " x TT",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for text in crate::corpus_texts() {
            lines.extend(text.lines().map(str::to_string));
        }
        let mut labels = 0;
        for line in &lines {
            assert_eq!(is_tt_label(line), by_plain(line.trim()), "{line:?}");
            labels += usize::from(by_plain(line.trim()));
        }
        assert!(labels >= 8, "{labels} labels");
    }

    #[test]
    fn numerals_and_captions() {
        assert_eq!(numeral("01"), Some(1));
        assert_eq!(numeral("iv"), Some(4));
        assert_eq!(numeral("ix"), Some(9));
        assert_eq!(caption_numeral("PHỤ LỤC II: PHÂN CÔNG"), Some(2));
        assert_eq!(caption_numeral("Phụ lục số 03"), Some(3));
        assert_eq!(caption_numeral("PHỤ LỤC"), None);
    }

    #[test]
    fn appendix_references_are_found() {
        let refs = |s: &str| -> Vec<Option<u32>> {
            APPENDIX_REF
                .captures_iter(&plain(s))
                .map(|c| c.get(1).or(c.get(2)).and_then(|m| numeral(m.as_str())))
                .collect()
        };
        assert_eq!(refs("(Chi tiết tại Phụ lục 01 kèm theo)"), [Some(1)]);
        assert_eq!(refs("theo Phụ lục II"), [Some(2)]);
        assert_eq!(refs("có Phụ lục phân công nhiệm vụ kèm theo"), [None]);
        assert!(refs("PHỤ LỤC 1: CÁC CHỈ TIÊU").is_empty());
    }
}
