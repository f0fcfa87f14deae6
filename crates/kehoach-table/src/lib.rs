//! Table stage: every table of a plan, from whatever text shape it came in,
//! into one table model.
//!
//! Plans reach us as flattened PDF text (a row is its number on a line, then
//! each cell wrapped over several lines), as DOCX exports (one row per line,
//! cells separated by tabs) and as Markdown pipe tables. [`read_tables`]
//! finds the tables in a [`SourceText`], gives each
//! column a [`Role`] from its header words (never from its position), drops
//! header rows repeated after page breaks, joins rows cut by a page break, and
//! returns [`Table`]s whose rows carry cells with their source lines.
//!
//! The table model is the meeting point of the readers: a PDF reader that
//! rebuilds tables from glyph geometry delivers the same [`Table`], so nothing
//! downstream knows how the text was laid out.
//!
//! A key design decision: reading never fails. A row whose cells cannot be
//! placed is still returned with what was found, and a [`TableWarning`] says
//! what went wrong and where.

mod delimited;
mod flat;
mod fx;
mod grid;
mod header;
mod locate;
mod markup;
mod model;
mod rows;

pub use grid::{assemble, is_group_numeral, is_row_number, CellGrid, GridCell};
pub use header::{classify_header, HeaderColumn};
pub use locate::Caption;
pub use model::{Cell, Column, Role, Row, RowKind, Table, TableKind, TableWarning};

use kehoach_text::SourceText;

/// Finds and reads every table in `text`, in document order.
///
/// HTML `<table>` blocks, pandoc grid tables and pandoc multiline tables
/// are read as grids of cells ([`assemble`]); the other shapes are found
/// in the text with those blocks' lines left blank.
pub fn read_tables(text: &SourceText) -> Vec<Table> {
    let blocks = markup::find_blocks(text);
    if blocks.is_empty() {
        return read_text_tables(text, &blocks);
    }
    let mut masked = text.clone();
    for b in &blocks {
        for line in &mut masked.lines[b.start..b.end] {
            line.text.clear();
        }
    }
    let mut tables = read_text_tables(&masked, &blocks);
    let grids: Vec<CellGrid> = blocks.into_iter().map(|b| b.grid).collect();
    // The blocks' own lines (tags, rules) are blank to the assembly, so
    // that a caption is found above the block and nothing in it is prose.
    tables.extend(assemble(&masked, &grids));
    tables.sort_by_key(|t| t.header_lines.0);
    for (i, t) in tables.iter_mut().enumerate() {
        t.ordinal = i + 1;
    }
    tables
}

/// The tables found in the text itself (delimited and flattened), each
/// ending before the next markup block.
fn read_text_tables(text: &SourceText, blocks: &[markup::Block]) -> Vec<Table> {
    let mut vocab = flat::Vocab::default();
    let stripped = locate::StrippedLines::new(text);
    let mut found = locate::find_tables(&stripped);
    for f in &mut found {
        if let Some(b) = blocks
            .iter()
            .find(|b| b.start >= f.header_end && b.start < f.end)
        {
            f.end = b.start;
        }
    }
    found
        .into_iter()
        .map(|found| match found.shape {
            locate::Shape::Delimited(delim) => delimited::read(text, &found, delim),
            locate::Shape::Flat => flat::read(&stripped, &found, &mut vocab),
        })
        .collect()
}

/// One header cell read by a reader that finds header cells itself (a PDF
/// table rebuilt from geometry): its label, with the role hint its words
/// give. Pass all of a header's cells to [`classify_header`].
pub fn header_column(label: &str) -> HeaderColumn {
    header::header_cell(label)
}

/// The labels of the columns one header label names, when it holds the
/// phrases of several (`Cơ quan chủ trì Cơ quan phối hợp Kết quả`: three):
/// the labels of neighbouring columns run together, as in text whose
/// columns were squeezed to one space apart. A label of one column, words
/// after its phrase included (`Cơ quan chủ trì theo dõi, đánh giá`), gives
/// one.
pub fn header_label_columns(label: &str) -> Vec<String> {
    header::split_flat_header(label)
        .into_iter()
        .map(|c| c.label)
        .collect()
}

/// The caption (`PHỤ LỤC 1: …`), its note (`Kèm theo Kế hoạch số …`) and
/// its lines, printed above a table whose header starts at line index
/// `header_start` (0-based), looking no higher than line index `floor`.
pub fn caption_above(text: &SourceText, header_start: usize, floor: usize) -> Caption {
    locate::caption_above(&locate::StrippedLines::new(text), header_start, floor)
}

/// For readers that cannot see merged cells (a PDF table without ruling
/// lines): where the source prints a vertically merged cell once, the rows
/// below it leave that column empty; the body, person and output columns
/// that are filled in most rows are copied down into such rows (marked
/// `inherited`), as the flattened-text reader does.
pub fn inherit_merged(table: &mut Table) {
    flat::inherit_merged(&mut table.rows, &table.columns, table.kind);
}
