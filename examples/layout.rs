//! Prints a text plan's layout as JSON: its lines as paragraphs, with each
//! table the text reader found in place of the lines it covers, rows and
//! cells as read (a vertically merged cell as one cell with a row span).
//!
//! `fixtures/pdf/make.py` turns this into a DOCX and then a PDF, so that the
//! PDF reader is tested on real tables drawn by a word processor:
//!
//! ```text
//! cargo run --example layout -- corpus/000_acc11078ec403f97.txt > layout.json
//! ```

use kehoach_table::{read_tables, RowKind};
use kehoach_text::decode;
use serde_json::{json, Value};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: layout FILE.txt");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let text = match decode(&bytes) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let tables = read_tables(&text);
    let mut blocks: Vec<Value> = Vec::new();
    let mut next_line = 1u32;
    for table in &tables {
        let start = table.header_lines.0;
        let end = table.rows.iter().map(|r| r.lines.1).max().unwrap_or(start);
        if start < next_line {
            continue;
        }
        for line in &text.lines[(next_line - 1) as usize..(start - 1) as usize] {
            blocks.push(json!({ "p": line.text }));
        }
        let n = table.columns.len();
        let mut rows: Vec<Value> = Vec::new();
        for (k, row) in table.rows.iter().enumerate() {
            if row.kind == RowKind::Group {
                rows.push(json!({
                    "group": true,
                    "number": row.number,
                    "text": row.group_text,
                }));
                continue;
            }
            let cells: Vec<Value> = row
                .cells
                .iter()
                .enumerate()
                .map(|(c, cell)| {
                    if cell.inherited {
                        return Value::Null;
                    }
                    // Rows below that inherit this cell are covered by it.
                    let span = 1 + table.rows[k + 1..]
                        .iter()
                        .take_while(|r| r.kind == RowKind::Data && r.cells[c].inherited)
                        .count();
                    json!({ "text": cell.text, "rowspan": span })
                })
                .collect();
            rows.push(json!({ "cells": cells }));
        }
        blocks.push(json!({
            "table": {
                "columns": table.columns.iter().map(|c| c.label.clone()).collect::<Vec<_>>(),
                "width": n,
                "rows": rows,
            }
        }));
        next_line = end + 1;
    }
    for line in text.lines.iter().skip((next_line - 1) as usize) {
        blocks.push(json!({ "p": line.text }));
    }
    println!(
        "{}",
        serde_json::to_string_pretty(&json!({ "source": path, "blocks": blocks })).expect("JSON")
    );
}
