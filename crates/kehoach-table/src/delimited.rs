//! Delimited shapes: DOCX exports (tab-separated) and Markdown pipe tables.
//!
//! One row per line. A row with an empty number cell right after a repeated
//! header continues the row cut by the page break; elsewhere it is a row
//! of its own without a number (a sub-task).

use crate::header::classify_header;
use crate::locate::{split_cells, Found};
use crate::model::{Cell, Role, Row, RowKind, Table, TableWarning};
use crate::rows::{is_group_numeral, is_row_number};
use kehoach_text::{fold, join_wrapped, SourceText};

pub(crate) fn read(text: &SourceText, found: &Found, delim: char) -> Table {
    let (kind, columns) = classify_header(&found.columns);
    let header_key: Vec<String> = found.columns.iter().map(|c| fold(&c.label)).collect();
    let mut rows: Vec<Row> = Vec::new();
    let mut warnings = Vec::new();
    let mut after_header = false;
    for line in &text.lines[found.header_end..found.end] {
        let raw = line.text.as_str();
        if !raw.contains(delim) || raw.trim().is_empty() {
            continue;
        }
        if delim == '|' && raw.trim().trim_matches(['|', '-', ':', ' ']).is_empty() {
            continue;
        }
        let mut cells = split_cells(raw, delim);
        if cells.len() == header_key.len()
            && cells.iter().zip(&header_key).all(|(c, k)| fold(c) == *k)
        {
            after_header = true;
            continue;
        }
        if cells.iter().all(|c| c.is_empty() || is_numbering(c)) {
            continue;
        }
        if cells.len() > columns.len() {
            let extra: Vec<String> = cells
                .drain(columns.len()..)
                .filter(|c| !c.is_empty())
                .collect();
            if !extra.is_empty() {
                warnings.push(TableWarning {
                    code: "row_extra_cells",
                    message: format!(
                        "row has {} cells more than the header: {:?}",
                        extra.len(),
                        extra.join(" | ")
                    ),
                    lines: (line.no, line.no),
                });
                let last = cells.last_mut().expect("columns non-empty");
                *last = join_wrapped([last.as_str(), &extra.join(" ")]);
            }
        }
        cells.resize(columns.len(), String::new());
        let num_idx = columns
            .iter()
            .position(|c| c.role == Role::Number)
            .unwrap_or(0);
        let number = cells[num_idx].trim_end_matches('.').to_string();
        let filled_after_name = cells
            .iter()
            .enumerate()
            .filter(|(i, c)| *i > num_idx + 1 && !c.is_empty())
            .count();
        let to_cell = |text: String| Cell {
            lines: if text.is_empty() {
                vec![]
            } else {
                vec![line.no]
            },
            text,
            inherited: false,
        };
        if is_group_numeral(&number) && filled_after_name == 0 {
            let group_text = cells
                .iter()
                .skip(num_idx + 1)
                .find(|c| !c.is_empty())
                .cloned();
            rows.push(Row {
                kind: RowKind::Group,
                number: Some(number),
                group_text,
                cells: cells.into_iter().map(to_cell).collect(),
                lines: (line.no, line.no),
                page: None,
            });
            after_header = false;
            continue;
        }
        if number.is_empty() && after_header {
            if let Some(prev) = rows.last_mut().filter(|r| r.kind == RowKind::Data) {
                for (cell, add) in prev.cells.iter_mut().zip(&cells) {
                    if !add.is_empty() {
                        cell.text = join_wrapped([cell.text.as_str(), add.as_str()]);
                        cell.lines.push(line.no);
                    }
                }
                prev.lines.1 = line.no;
                after_header = false;
                continue;
            }
        }
        after_header = false;
        let number = if number.is_empty() {
            None
        } else {
            if !is_row_number(&number) {
                warnings.push(TableWarning {
                    code: "row_number_unusual",
                    message: format!("row number {number:?} is not of the form 1, 1.2"),
                    lines: (line.no, line.no),
                });
            }
            Some(number)
        };
        rows.push(Row {
            kind: RowKind::Data,
            number,
            group_text: None,
            cells: cells.into_iter().map(to_cell).collect(),
            lines: (line.no, line.no),
            page: None,
        });
    }
    found.table(text, kind, columns, rows, warnings)
}

/// The numbering row under a header: `(1)`, `(2)` …
fn is_numbering(c: &str) -> bool {
    c.starts_with('(')
        && c.ends_with(')')
        && c[1..c.len() - 1].chars().all(|ch| ch.is_ascii_digit())
}
