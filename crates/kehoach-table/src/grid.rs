//! Grids of cells into the shared table model, for readers that see cells
//! (a PDF's ruling lines, a DOCX's XML): header rows read once and dropped
//! where they repeat, a table continued on the next grid joined, a row cut
//! by a page break joined, vertically merged cells applied to every row they
//! cover, group rows told by a cell spanning the table.

use crate::{
    caption_above, classify_header, header_column, Caption, Cell, Column, Role, Row, RowKind,
    Table, TableKind, TableWarning,
};
use kehoach_text::{fold, join_wrapped, SourceText};

/// A cell of a grid: the grid squares it covers, as half-open ranges of
/// columns and row bands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GridCell {
    /// First column.
    pub col: usize,
    /// One past the last column.
    pub col_end: usize,
    /// First row band.
    pub row: usize,
    /// One past the last row band.
    pub row_end: usize,
}

/// One table as a reader that sees cells delivers it: cells over a grid of
/// columns and row bands (a merged cell covers several), each with its text
/// and the source lines it was printed on.
#[derive(Debug, Clone)]
pub struct CellGrid {
    n_cols: usize,
    n_rows: usize,
    cells: Vec<GridCell>,
    /// For each grid square (row-major), the index of its cell.
    owner: Vec<usize>,
    /// Per cell: its text, one line per `\n` (joined by the contract's rule).
    texts: Vec<String>,
    /// Per cell: its 1-based line numbers in the source text.
    lines: Vec<Vec<u32>>,
    /// The page it is on (PDF input).
    page: Option<u32>,
    /// Number of the last source line before the table (0 if none).
    after_line: u32,
    /// Merged cells are exact (ruling lines, XML); `false` where the grid
    /// was rebuilt from alignment and a merged cell prints once, with empty
    /// cells below it.
    ruled: bool,
}

impl CellGrid {
    /// A grid of `n_cols` columns and `n_rows` row bands whose `cells`
    /// (in reading order: by first row band, then first column) cover every
    /// square once, with one text and one list of source lines per cell.
    /// Squares no cell covers are given empty cells of their own.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        n_cols: usize,
        n_rows: usize,
        cells: Vec<GridCell>,
        texts: Vec<String>,
        lines: Vec<Vec<u32>>,
        page: Option<u32>,
        after_line: u32,
        ruled: bool,
    ) -> CellGrid {
        let mut g = CellGrid {
            n_cols,
            n_rows,
            cells,
            owner: Vec::new(),
            texts,
            lines,
            page,
            after_line,
            ruled,
        };
        g.texts.resize(g.cells.len(), String::new());
        g.lines.resize(g.cells.len(), Vec::new());
        let mut owner = vec![usize::MAX; n_cols * n_rows];
        for (k, c) in g.cells.iter().enumerate() {
            for r in c.row..c.row_end.min(n_rows) {
                for col in c.col..c.col_end.min(n_cols) {
                    owner[r * n_cols + col] = k;
                }
            }
        }
        // Squares left uncovered: an empty cell each, so that every square
        // has a cell; then cells back in reading order.
        for r in 0..n_rows {
            for col in 0..n_cols {
                if owner[r * n_cols + col] == usize::MAX {
                    owner[r * n_cols + col] = g.cells.len();
                    g.cells.push(GridCell {
                        col,
                        col_end: col + 1,
                        row: r,
                        row_end: r + 1,
                    });
                    g.texts.push(String::new());
                    g.lines.push(Vec::new());
                }
            }
        }
        g.owner = owner;
        g
    }

    /// Renumbers the source lines the grid refers to (a reader that composed
    /// lines of its own maps them back to the input's).
    pub fn map_lines(&mut self, f: impl Fn(u32) -> u32) {
        for lines in &mut self.lines {
            for no in lines.iter_mut() {
                *no = f(*no);
            }
            lines.sort_unstable();
            lines.dedup();
        }
        self.after_line = if self.after_line == 0 {
            0
        } else {
            f(self.after_line)
        };
    }

    /// Number of columns.
    pub fn n_cols(&self) -> usize {
        self.n_cols
    }

    /// Number of row bands.
    pub fn n_rows(&self) -> usize {
        self.n_rows
    }

    /// Index of the cell covering grid square (`row`, `col`).
    fn cell_of(&self, row: usize, col: usize) -> usize {
        self.owner[row * self.n_cols + col]
    }
}

/// A row number as printed: `1`, `12.`, `1.2`, `1.2.3` (up to three digits
/// per part).
pub fn is_row_number(s: &str) -> bool {
    let s = s.trim().trim_end_matches('.');
    !s.is_empty()
        && s.split('.')
            .all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()))
}

/// A group row's numeral: a Roman number (`I` … `XX…`, up to five letters)
/// or one letter `A`–`H`, with or without its dot.
pub fn is_group_numeral(s: &str) -> bool {
    let s = s.trim().trim_end_matches('.');
    (1..=5).contains(&s.len()) && s.bytes().all(|b| matches!(b, b'I' | b'V' | b'X'))
        || s.len() == 1 && s.bytes().all(|b| (b'A'..=b'H').contains(&b))
}

/// A table being assembled across grids.
struct Open {
    kind: TableKind,
    columns: Vec<Column>,
    /// Folded header labels, to recognise a repeated header.
    labels: Vec<String>,
    caption: Caption,
    header_lines: (u32, u32),
    rows: Vec<Row>,
    warnings: Vec<TableWarning>,
    /// Last line of the last grid read into it.
    last_line: u32,
    /// Per column: a merged cell that reached the bottom of the last grid.
    carried: Vec<Option<Cell>>,
    /// Some of its grids were rebuilt from alignment, where merged cells
    /// cannot be seen.
    unruled: bool,
}

/// A numbering row under the header: `(1) (2) (3) …`.
fn is_numbering(texts: &[&str]) -> bool {
    let filled: Vec<&&str> = texts.iter().filter(|t| !t.trim().is_empty()).collect();
    filled.len() >= 2
        && filled.iter().all(|t| {
            let t = t.trim().trim_start_matches('(').trim_end_matches(')');
            !t.is_empty() && t.len() <= 2 && t.bytes().all(|b| b.is_ascii_digit())
        })
}

/// One cell of a grid as text: wrapped lines joined.
fn text_of(pg: &CellGrid, cell: usize) -> String {
    join_wrapped(pg.texts[cell].split('\n'))
}

/// The cells starting in row band `band`, with their indices.
fn band_cells(pg: &CellGrid, band: usize) -> Vec<usize> {
    (0..pg.cells.len())
        .filter(|&k| pg.cells[k].row == band)
        .collect()
}

/// Texts per column of a band (a cell spanning columns gives its first).
fn band_texts(pg: &CellGrid, band: usize) -> Vec<String> {
    let n = pg.n_cols;
    let mut out = vec![String::new(); n];
    for k in band_cells(pg, band) {
        out[pg.cells[k].col] = text_of(pg, k);
    }
    out
}

/// The header of a grid, if its first bands are one: number of header
/// bands and one label per column.
fn header_of(pg: &CellGrid) -> Option<(usize, Vec<String>)> {
    let n = pg.n_cols;
    let bands = pg.n_rows;
    let first = band_texts(pg, 0);
    if !matches!(fold(first[0].trim()).as_str(), "tt" | "stt") {
        return None;
    }
    // Header bands run until a data row or the numbering row.
    let mut end = 1;
    while end < bands.min(3) {
        let texts = band_texts(pg, end);
        let col0 = texts[0].trim();
        let t: Vec<&str> = texts.iter().map(String::as_str).collect();
        if is_row_number(col0) || is_group_numeral(col0) || is_numbering(&t) {
            break;
        }
        // A band that a header cell reaches down into continues the header
        // (a two-level header: the TT cell, or the other labels, merged
        // down over the labels under a spanning one; `Stt` spanning the
        // two numbering columns `TT | Chi tiết` under it).
        let covered = pg.cells.iter().any(|c| c.row < end && c.row_end > end);
        if !covered {
            break;
        }
        end += 1;
    }
    let mut labels = Vec::with_capacity(n);
    for c in 0..n {
        // Cells over this column in the header; where a spanning cell has
        // cells of one column under it, those name the column.
        let over: Vec<usize> = (0..pg.cells.len())
            .filter(|&k| {
                let g = &pg.cells[k];
                g.row < end && (g.col..g.col_end).contains(&c)
            })
            .collect();
        let single: Vec<usize> = over
            .iter()
            .copied()
            .filter(|&k| pg.cells[k].col_end - pg.cells[k].col == 1)
            .collect();
        // Columns under a spanning `TT`/`STT` are levels of the numbering
        // (`TT | Chi tiết`: `1`, then `1.1`): each is a number column.
        let numbering = over.iter().copied().find(|&k| {
            let g = &pg.cells[k];
            g.col_end - g.col > 1 && matches!(fold(text_of(pg, k).trim()).as_str(), "tt" | "stt")
        });
        let chosen = match numbering {
            Some(k) => vec![k],
            None if single.is_empty() => over,
            None => single,
        };
        labels.push(join_wrapped(
            chosen
                .iter()
                .map(|&k| pg.texts[k].as_str())
                .flat_map(|t| t.split('\n')),
        ));
    }
    Some((end, labels))
}

/// Number of body lines between two places that are not page furniture
/// (page numbers, short running heads).
fn prose_between(text: &SourceText, after: u32, before: u32) -> bool {
    (after + 1..before).any(|no| {
        text.line(no).is_some_and(|l| {
            let t = l.text.trim();
            let furniture = t.len() <= 12 && t.chars().any(|c| c.is_ascii_digit());
            !t.is_empty() && !furniture
        })
    })
}

/// Reads grids, in document order, into tables: a grid whose first band
/// starts `TT`/`STT` opens a table, a grid with the same header right after
/// it (or with none) continues it.
pub fn assemble(text: &SourceText, grids: &[CellGrid]) -> Vec<Table> {
    let mut tables: Vec<Table> = Vec::new();
    let mut open: Option<Open> = None;
    for pg in grids {
        let n = pg.n_cols;
        let header = header_of(pg);
        let first_line = pg
            .lines
            .iter()
            .flatten()
            .min()
            .copied()
            .unwrap_or(pg.after_line + 1);
        let continues = open
            .as_ref()
            .is_some_and(|o| o.columns.len() == n && !prose_between(text, o.last_line, first_line));
        let mut start_band = 0;
        // Whether this grid goes on with a table opened on an earlier grid.
        let mut continuing = true;
        match header {
            Some((end, labels)) => {
                let folded: Vec<String> = labels.iter().map(|l| fold(l)).collect();
                let repeated = continues && open.as_ref().is_some_and(|o| o.labels == folded);
                if !repeated {
                    continuing = false;
                    let cols: Vec<_> = labels.iter().map(|l| header_column(l)).collect();
                    let (kind, columns) = classify_header(&cols);
                    if let Some(o) = open.take() {
                        tables.push(finish(o, tables.len() + 1));
                    }
                    let plan_table = columns.first().is_some_and(|c| c.role == Role::Number)
                        && columns.iter().any(|c| c.role == Role::Name);
                    if !plan_table {
                        continue;
                    }
                    let header_lines: Vec<u32> = (0..pg.cells.len())
                        .filter(|&k| pg.cells[k].row < end)
                        .flat_map(|k| pg.lines[k].iter().copied())
                        .collect();
                    let first = header_lines.iter().min().copied().unwrap_or(first_line);
                    let last = header_lines.iter().max().copied().unwrap_or(first);
                    let floor = tables
                        .last()
                        .map_or(0, |t| t.rows.last().map_or(0, |r| r.lines.1))
                        as usize;
                    let caption = caption_above(text, first.saturating_sub(1) as usize, floor);
                    open = Some(Open {
                        kind,
                        columns,
                        labels: folded,
                        caption,
                        header_lines: (first, last),
                        rows: Vec::new(),
                        warnings: Vec::new(),
                        last_line: last,
                        carried: vec![None; n],
                        unruled: false,
                    });
                }
                start_band = end;
            }
            None if continues => {}
            None => {
                if let Some(o) = open.take() {
                    tables.push(finish(o, tables.len() + 1));
                }
                continue;
            }
        }
        let o = open.as_mut().expect("an open table");
        o.unruled |= !pg.ruled;
        read_bands(o, pg, start_band, continuing);
    }
    if let Some(o) = open.take() {
        tables.push(finish(o, tables.len() + 1));
    }
    tables
}

fn finish(o: Open, ordinal: usize) -> Table {
    let unruled = o.unruled;
    let mut table = Table {
        caption: o.caption.title,
        caption_note: o.caption.note,
        caption_lines: o.caption.lines,
        ordinal,
        kind: o.kind,
        columns: o.columns,
        rows: o.rows,
        header_lines: o.header_lines,
        warnings: o.warnings,
    };
    if unruled {
        crate::inherit_merged(&mut table);
    }
    table
}

/// Reads a grid's bands from `start` into the open table's rows.
fn read_bands(o: &mut Open, pg: &CellGrid, start: usize, continued: bool) {
    let n = o.columns.len();
    let bands = pg.n_rows;
    let num_col = o.columns.iter().position(|c| c.role == Role::Number);
    let mut first_data = true;
    for band in start..bands {
        let texts = band_texts(pg, band);
        let t: Vec<&str> = texts.iter().map(String::as_str).collect();
        if first_data && is_numbering(&t) {
            continue;
        }
        let starting = band_cells(pg, band);
        let lines: Vec<u32> = starting
            .iter()
            .flat_map(|&k| pg.lines[k].iter().copied())
            .collect();
        let span = (
            lines.iter().min().copied().unwrap_or(o.last_line),
            lines.iter().max().copied().unwrap_or(o.last_line),
        );
        // Group row: one cell spans (nearly) the whole table, or the row
        // holds a group numeral (`I`, `B`) and a name and nothing else, the
        // other cells left empty rather than merged across, or merged down
        // over the group's rows (a lead or deadline printed once for the
        // whole group applies to its rows, not to a row of its own).
        let wide = starting.iter().copied().find(|&k| {
            let g = &pg.cells[k];
            g.col_end - g.col >= (n.saturating_sub(2)).max(2) && g.row_end == band + 1
        });
        let name_col = o.columns.iter().position(|c| c.role == Role::Name);
        let unmerged_group = wide.is_none()
            && num_col.is_some_and(|nc| is_group_numeral(&texts[nc]))
            && name_col.is_some_and(|nm| !texts[nm].trim().is_empty())
            && (0..n).all(|c| {
                let g = pg.cells[pg.cell_of(band, c)];
                Some(c) == num_col
                    || Some(c) == name_col
                    || (g.row == band && g.row_end == band + 1 && texts[c].trim().is_empty())
                    || (pg.ruled && g.row == band && g.row_end > band + 1 && g.col_end == c + 1)
            });
        let group = match (wide, name_col) {
            (Some(wide), _) => {
                let mut text = text_of(pg, wide);
                let mut number = None;
                if pg.cells[wide].col > 0 {
                    let n0 = texts[0].trim().trim_end_matches('.').to_string();
                    number = (!n0.is_empty()).then_some(n0);
                } else if let Some((head, rest)) = text.split_once(char::is_whitespace) {
                    if is_group_numeral(head) {
                        number = Some(head.trim_end_matches('.').to_string());
                        text = rest.trim().to_string();
                    }
                }
                Some((number, text))
            }
            (None, Some(nm)) if unmerged_group => {
                let number = num_col.map(|nc| texts[nc].trim().trim_end_matches('.').to_string());
                Some((number, texts[nm].trim().to_string()))
            }
            _ => None,
        };
        if let Some((number, text)) = group {
            let mut cells = vec![Cell::default(); n];
            if let (Some(nc), Some(num)) = (num_col, &number) {
                cells[nc] = Cell {
                    text: num.clone(),
                    lines: vec![span.0],
                    inherited: false,
                };
            }
            o.rows.push(Row {
                kind: RowKind::Group,
                number,
                group_text: (!text.is_empty()).then_some(text),
                cells,
                lines: span,
                page: pg.page,
            });
            o.carried = vec![None; n];
            first_data = false;
            o.last_line = o.last_line.max(span.1);
            continue;
        }
        let mut cells: Vec<Cell> = Vec::with_capacity(n);
        for c in 0..n {
            let k = pg.cell_of(band, c);
            let g = pg.cells[k];
            if g.col != c {
                // Covered by a cell spanning columns: its text is in its first.
                cells.push(Cell::default());
                continue;
            }
            let own = Cell {
                text: text_of(pg, k),
                lines: pg.lines[k].clone(),
                inherited: false,
            };
            if g.row == band {
                // A merged cell continued from the page before prints empty.
                match (&o.carried[c], own.is_empty() && first_data && continued) {
                    (Some(carried), true) => cells.push(Cell {
                        inherited: true,
                        ..carried.clone()
                    }),
                    _ => cells.push(own),
                }
            } else {
                // Under a vertically merged cell: the same text applies.
                let origin = if own.is_empty() && continued && g.row == start {
                    o.carried[c].clone().unwrap_or(own)
                } else {
                    own
                };
                cells.push(Cell {
                    inherited: !origin.is_empty(),
                    ..origin
                });
            }
        }
        // Several number columns (levels of the numbering under one `Stt`):
        // the row's number is the deepest one printed, in the first.
        if let Some(nc) = num_col {
            let levels = o.columns[nc..]
                .iter()
                .take_while(|c| c.role == Role::Number)
                .count();
            if levels > 1 {
                if let Some(deepest) = (nc..nc + levels).rev().find(|&c| !cells[c].is_empty()) {
                    cells.swap(nc, deepest);
                }
                for cell in &mut cells[nc + 1..nc + levels] {
                    *cell = Cell::default();
                }
            }
        }
        let number_empty = num_col.is_none_or(|nc| cells[nc].is_empty());
        if first_data && continued && number_empty && !o.rows.is_empty() && band == start {
            // The next row of a group whose number and name are merged over
            // it, printed on the page before: it repeats a cell of the row
            // before word for word (the rest of a cut row never does). It
            // takes the merged number and name; the rest is its own.
            let kept = |c: usize| Some(c) != num_col && !matches!(o.columns[c].role, Role::Name);
            if let Some(prev) = o.rows.last().filter(|r| r.kind == RowKind::Data) {
                let repeats = cells.iter().enumerate().any(|(c, cell)| {
                    let t = cell.text.trim();
                    kept(c)
                        && !cell.inherited
                        && t.chars().filter(|ch| ch.is_alphabetic()).count() >= 3
                        && prev.cells.get(c).is_some_and(|p| p.text.trim() == t)
                });
                if repeats {
                    for (c, cell) in cells.iter_mut().enumerate() {
                        if !kept(c) && cell.is_empty() {
                            *cell = Cell {
                                inherited: true,
                                ..prev.cells[c].clone()
                            };
                        }
                    }
                }
            }
        }
        let number_empty = num_col.is_none_or(|nc| cells[nc].is_empty());
        if first_data && continued && number_empty && !o.rows.is_empty() && band == start {
            // The rest of a row cut by the page break.
            if let Some(prev) = o.rows.last_mut().filter(|r| r.kind == RowKind::Data) {
                for (c, cell) in cells.into_iter().enumerate() {
                    if cell.is_empty() || cell.inherited {
                        continue;
                    }
                    let p = &mut prev.cells[c];
                    p.text = join_wrapped([p.text.as_str(), cell.text.as_str()]);
                    p.lines.extend(cell.lines);
                    p.inherited = false;
                }
                prev.lines.1 = prev.lines.1.max(span.1);
                first_data = false;
                o.last_line = o.last_line.max(span.1);
                update_carried(o, pg, band);
                continue;
            }
        }
        first_data = false;
        if cells.iter().all(Cell::is_empty) {
            continue;
        }
        let number = num_col
            .map(|nc| cells[nc].text.trim().trim_end_matches('.').to_string())
            .filter(|s| !s.is_empty());
        o.rows.push(Row {
            kind: RowKind::Data,
            number,
            group_text: None,
            cells,
            lines: span,
            page: pg.page,
        });
        o.last_line = o.last_line.max(span.1);
        update_carried(o, pg, band);
    }
}

/// Remembers, per column, the merged cell covering the grid's last band, so
/// that its continuation on the next page applies the same text.
fn update_carried(o: &mut Open, pg: &CellGrid, band: usize) {
    let bands = pg.n_rows;
    if band + 1 != bands {
        o.carried.iter_mut().for_each(|c| *c = None);
        return;
    }
    let row = o.rows.last().expect("a row");
    for c in 0..o.columns.len() {
        let g = pg.cells[pg.cell_of(band, c)];
        let merged_to_bottom = g.col == c && g.row_end - g.row >= 2;
        o.carried[c] = (merged_to_bottom || row.cells[c].inherited)
            .then(|| row.cells[c].clone())
            .filter(|cell| !cell.is_empty());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One page's grid: a header band and one data band, every cell one
    /// square, its text on lines numbered from `first` on.
    fn page(page: u32, first: u32, rows: &[[&str; 5]]) -> CellGrid {
        let mut cells = Vec::new();
        let mut texts = Vec::new();
        let mut lines = Vec::new();
        let mut no = first;
        for (r, row) in rows.iter().enumerate() {
            for (c, t) in row.iter().enumerate() {
                cells.push(GridCell {
                    col: c,
                    col_end: c + 1,
                    row: r,
                    row_end: r + 1,
                });
                texts.push(t.to_string());
                lines.push(if t.is_empty() {
                    Vec::new()
                } else {
                    no += 1;
                    vec![no - 1]
                });
            }
        }
        CellGrid::new(
            5,
            rows.len(),
            cells,
            texts,
            lines,
            Some(page),
            first - 1,
            true,
        )
    }

    const HEADER: [&str; 5] = ["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Sản phẩm", "Ghi chú"];

    fn read(second: [&str; 5]) -> Table {
        let p1 = page(
            1,
            1,
            &[
                HEADER,
                [
                    "3",
                    "Tham mưu ban hành kế hoạch tuyên truyền",
                    "Sở Nội vụ",
                    "Kế hoạch của tỉnh",
                    "Sở Nội vụ",
                ],
            ],
        );
        let p2 = page(2, 11, &[HEADER, second]);
        let lines: Vec<String> = (1..=20).map(|i| format!("dòng {i}")).collect();
        let text = SourceText::from_text(&lines.join("\n"));
        let mut tables = assemble(&text, &[p1, p2]);
        assert_eq!(tables.len(), 1);
        tables.remove(0)
    }

    #[test]
    fn a_merged_group_s_next_row_after_a_page_break_is_a_row() {
        // Number and name merged down over two rows, printed on page 1; the
        // second row, on page 2, repeats the notes cell word for word.
        let t = read([
            "",
            "",
            "Các cơ quan, đơn vị",
            "Kế hoạch của cơ quan, đơn vị",
            "Sở Nội vụ",
        ]);
        let rows: Vec<&Row> = t.rows.iter().filter(|r| r.kind == RowKind::Data).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].number.as_deref(), Some("3"));
        assert_eq!(
            rows[1].cells[1].text,
            "Tham mưu ban hành kế hoạch tuyên truyền"
        );
        assert!(rows[1].cells[1].inherited);
        assert_eq!(rows[1].cells[2].text, "Các cơ quan, đơn vị");
        assert_eq!(rows[0].cells[3].text, "Kế hoạch của tỉnh");
    }

    #[test]
    fn the_rest_of_a_cut_row_is_joined_to_it() {
        // Nothing repeated: the band goes on with the row cut by the break.
        let t = read(["", "", "", "và của cơ quan, đơn vị", ""]);
        let rows: Vec<&Row> = t.rows.iter().filter(|r| r.kind == RowKind::Data).collect();
        assert_eq!(rows.len(), 1);
        assert_eq!(
            rows[0].cells[3].text,
            "Kế hoạch của tỉnh và của cơ quan, đơn vị"
        );
    }
}
