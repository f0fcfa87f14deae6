//! What the XML readers deliver: the document's blocks in order, tables as
//! grids of cells (merges resolved), each cell holding blocks of its own.

use kehoach_table::GridCell;

/// A block of the document body.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Block {
    /// A paragraph's text as Word shows it: its list label first, fields by
    /// their result, deleted text dropped; `\n` where a soft break is.
    Para(String),
    /// A table.
    Table(XTable),
}

/// A table with its merges resolved: cells over `n_cols` columns and
/// `n_rows` rows, in reading order (by first row, then first column).
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct XTable {
    pub n_cols: usize,
    pub n_rows: usize,
    pub cells: Vec<XCell>,
}

/// A cell and what it holds.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct XCell {
    pub at: GridCell,
    pub blocks: Vec<Block>,
}

impl XTable {
    /// The text of the cell starting at (`row`, `col`), paragraphs joined
    /// with spaces.
    pub fn text_at(&self, row: usize, col: usize) -> String {
        self.cells
            .iter()
            .find(|c| c.at.row == row && c.at.col == col)
            .map(|c| plain_text(&c.blocks))
            .unwrap_or_default()
    }
}

/// Every paragraph's text in `blocks`, nested tables included, joined
/// with spaces.
pub(crate) fn plain_text(blocks: &[Block]) -> String {
    let mut out = String::new();
    fn walk(blocks: &[Block], out: &mut String) {
        for b in blocks {
            match b {
                Block::Para(t) => {
                    if !out.is_empty() {
                        out.push(' ');
                    }
                    out.push_str(t);
                }
                Block::Table(t) => {
                    for c in &t.cells {
                        walk(&c.blocks, out);
                    }
                }
            }
        }
    }
    walk(blocks, &mut out);
    out
}

/// Builds a table's grid from rows of cells as the XML gives them: each
/// cell with its column span and, for a vertical merge, whether it starts
/// one or continues the cell above.
#[derive(Debug, Default)]
pub(crate) struct GridBuilder {
    table: XTable,
    row: usize,
    col: usize,
}

/// How a cell takes part in a vertical merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum VMerge {
    /// Not merged (or the first cell of a merge).
    No,
    /// Continues the merged cell above it in the same column.
    Continue,
}

impl GridBuilder {
    /// Starts a row, its first cell at column `skip` (cells left out of the
    /// row's start, `w:gridBefore`).
    pub fn start_row(&mut self, skip: usize) {
        self.col = skip;
    }

    /// Adds a cell spanning `span` columns.
    pub fn cell(&mut self, span: usize, merge: VMerge, blocks: Vec<Block>) {
        let span = span.max(1);
        let (row, col) = (self.row, self.col);
        self.col += span;
        if merge == VMerge::Continue {
            // The merged cell above: one over this column that ends on the
            // row before (or already reaches this row, when the merge spans
            // columns that continue it one by one).
            if let Some(above) = self.table.cells.iter_mut().rev().find(|c| {
                (c.at.col..c.at.col_end).contains(&col)
                    && (c.at.row_end == row || c.at.row_end == row + 1)
                    && c.at.row < row
            }) {
                above.at.row_end = row + 1;
                above.at.col_end = above.at.col_end.max(col + span);
                above
                    .blocks
                    .extend(blocks.into_iter().filter(|b| !is_blank(b)));
                return;
            }
        }
        self.table.cells.push(XCell {
            at: GridCell {
                col,
                col_end: col + span,
                row,
                row_end: row + 1,
            },
            blocks,
        });
    }

    /// Ends the row.
    pub fn end_row(&mut self) {
        self.table.n_cols = self.table.n_cols.max(self.col);
        self.row += 1;
    }

    /// The table: cells sorted into reading order.
    pub fn finish(mut self) -> XTable {
        self.table.n_rows = self.row;
        self.table.cells.sort_by_key(|c| (c.at.row, c.at.col));
        self.table
    }
}

fn is_blank(b: &Block) -> bool {
    matches!(b, Block::Para(t) if t.trim().is_empty())
}
