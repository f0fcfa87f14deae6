//! Debug: the composed text and tables of a PDF.
fn main() {
    let p = std::env::args().nth(1).unwrap();
    let r = kehoach_pdf::read(&std::fs::read(p).unwrap()).unwrap();
    for (k, l) in r.text.lines.iter().enumerate() {
        println!("{:4} p{} {}", k + 1, r.places[k].page, l.text);
    }
    for t in &r.tables {
        println!(
            "== table {} {:?} {:?} header {:?}",
            t.ordinal, t.kind, t.caption, t.header_lines
        );
        for c in &t.columns {
            println!("   col {:?} {:?}", c.role, c.label);
        }
        for row in &t.rows {
            println!(
                "  {:?} {:?} {:?} p{:?} {:?}",
                row.kind, row.number, row.group_text, row.page, row.lines
            );
            for (c, cell) in row.cells.iter().enumerate() {
                if !cell.text.is_empty() {
                    println!(
                        "      [{c}]{} {}",
                        if cell.inherited { "^" } else { "" },
                        cell.text
                    );
                }
            }
        }
    }
}
