//! Blocks into the meeting point of every reader: numbered source lines and
//! tables in the shared table model.
//!
//! Each paragraph is a line (a soft break starts another), whitespace
//! collapsed. A plan table (first cell `TT`/`STT`, or a table right after
//! one with as many columns, which continues it) prints its cells row by
//! row, left to right, each cell's paragraphs on lines of their own, the
//! way the PDF reader composes a table, so that a row's span points at its
//! cells; its grid goes to the table stage's grid assembly. Any other table
//! (the header block, the signature and "Nơi nhận" block, a frame around
//! the appendix) is layout: its cells are read as body, so that a plan
//! table nested in it is still found.

use crate::model::{Block, XTable};
use kehoach_table::{assemble, CellGrid, Table};
use kehoach_text::{fold, SourceText};

/// The composed document.
pub(crate) struct Composed {
    pub text: SourceText,
    pub tables: Vec<Table>,
}

#[derive(Default)]
struct Composer {
    lines: Vec<String>,
    grids: Vec<CellGrid>,
    /// Columns of the plan table that nothing but blank paragraphs has
    /// followed yet.
    open: Option<usize>,
}

/// Whether a table's first cell is a row-number header.
fn is_plan_table(t: &XTable) -> bool {
    let first = fold(t.text_at(0, 0).trim());
    matches!(first.trim_end_matches('.'), "tt" | "stt" | "so tt")
}

impl Composer {
    fn push_text(&mut self, text: &str) -> Vec<u32> {
        let mut nos = Vec::new();
        for piece in text.split('\n') {
            let line = piece.split_whitespace().collect::<Vec<_>>().join(" ");
            if line.is_empty() {
                continue;
            }
            self.lines.push(line);
            nos.push(self.lines.len() as u32);
        }
        nos
    }

    fn body(&mut self, blocks: &[Block]) {
        for b in blocks {
            match b {
                Block::Para(t) => {
                    if !self.push_text(t).is_empty() {
                        self.open = None;
                    }
                }
                Block::Table(t) => {
                    if is_plan_table(t) || self.open == Some(t.n_cols) {
                        self.plan_table(t);
                    } else {
                        self.open = None;
                        for c in &t.cells {
                            self.body(&c.blocks);
                        }
                    }
                }
            }
        }
    }

    /// A cell's blocks as lines; a table nested in a plan table's cell
    /// prints its cells' paragraphs in order.
    fn cell_lines(&mut self, blocks: &[Block], nos: &mut Vec<u32>, texts: &mut Vec<String>) {
        for b in blocks {
            match b {
                Block::Para(t) => {
                    let first = self.lines.len();
                    nos.extend(self.push_text(t));
                    texts.extend(self.lines[first..].iter().cloned());
                }
                Block::Table(t) => {
                    for c in &t.cells {
                        self.cell_lines(&c.blocks, nos, texts);
                    }
                }
            }
        }
    }

    fn plan_table(&mut self, t: &XTable) {
        let after_line = self.lines.len() as u32;
        let mut texts = Vec::with_capacity(t.cells.len());
        let mut lines = Vec::with_capacity(t.cells.len());
        for c in &t.cells {
            let (mut nos, mut parts) = (Vec::new(), Vec::new());
            self.cell_lines(&c.blocks, &mut nos, &mut parts);
            texts.push(parts.join("\n"));
            lines.push(nos);
        }
        let cells = t.cells.iter().map(|c| c.at).collect();
        self.grids.push(CellGrid::new(
            t.n_cols, t.n_rows, cells, texts, lines, None, after_line, true,
        ));
        self.open = Some(t.n_cols);
    }
}

/// Composes a document's blocks.
pub(crate) fn compose(blocks: &[Block]) -> Composed {
    let mut c = Composer::default();
    c.body(blocks);
    let text = SourceText::from_text(&c.lines.join("\n"));
    let tables = assemble(&text, &c.grids);
    Composed { text, tables }
}
