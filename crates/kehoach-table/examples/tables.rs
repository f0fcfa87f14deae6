//! Prints the tables of a text file: `cargo run -p kehoach-table --example tables FILE`.
fn main() {
    let path = std::env::args().nth(1).expect("usage: dump FILE");
    let text = kehoach_text::decode(&std::fs::read(&path).expect("readable")).expect("text");
    for t in kehoach_table::read_tables(&text) {
        println!(
            "== table {} {:?} {:?} kind={:?} header={:?}",
            t.ordinal, t.caption, t.caption_note, t.kind, t.header_lines
        );
        for c in &t.columns {
            println!("   col {:?} {:?}", c.role, c.label);
        }
        for w in &t.warnings {
            println!("   WARN {} {} {:?}", w.code, w.message, w.lines);
        }
        for r in &t.rows {
            let cells: Vec<String> = r
                .cells
                .iter()
                .map(|c| {
                    if c.inherited {
                        format!("^{}", c.text)
                    } else {
                        c.text.clone()
                    }
                })
                .collect();
            println!(
                "{:?} {:?} {:?} {:?} | {}",
                r.lines,
                r.kind,
                r.number,
                r.group_text,
                cells.join(" | ")
            );
        }
    }
}
