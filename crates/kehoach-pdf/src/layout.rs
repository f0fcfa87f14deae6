//! Pages into one text in reading order: body lines top to bottom, each
//! ruled table in place with its cells in reading order (row by row, left to
//! right, each cell's lines top to bottom), the way flattened PDF text
//! prints a table. Every line keeps its page and box.

use crate::align;
use crate::glyphs::{Glyph, Rule};
use crate::grid::{grids, Grid};
use crate::lines::{by_position, lines_of_sorted, TextLine};
use kehoach_table::CellGrid;

/// Where a line of the composed text sits in the PDF.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Place {
    /// 1-based page.
    pub page: u32,
    /// Left, top, right, bottom in points, origin at the page's top left.
    pub bbox: [f32; 4],
}

/// The composed text: lines (1-based numbering is index + 1) and places.
#[derive(Debug, Default)]
pub(crate) struct Composed {
    pub lines: Vec<String>,
    pub places: Vec<Place>,
    /// The tables on each page, with the composed lines of each cell; drawn
    /// with ruling lines (merged cells exact) or rebuilt from alignment.
    pub grids: Vec<CellGrid>,
    /// Columns of a borderless table that may go on to the next page.
    pub carry: align::Carry,
}

impl Composed {
    fn push(&mut self, l: TextLine) -> u32 {
        self.lines.push(l.text);
        self.places.push(Place {
            page: l.page,
            bbox: l.bbox,
        });
        self.lines.len() as u32
    }
}

/// A gap wider than this many font sizes splits a body line in two blocks.
const BLOCK_GAP: f32 = 4.0;

/// Composes all pages. `glyphs` and `rules` are in page order; `grid` is
/// the glyph advance when every glyph sits on a character grid (layout
/// text), `None` for a PDF's glyphs.
pub(crate) fn compose(pages: u32, glyphs: &[Glyph], rules: &[Rule], grid: Option<f32>) -> Composed {
    let mut out = Composed::default();
    out.carry.grid = grid;
    let (mut g0, mut r0) = (0, 0);
    for page in 1..=pages {
        let g1 = g0 + glyphs[g0..].iter().take_while(|g| g.page == page).count();
        let r1 = r0 + rules[r0..].iter().take_while(|r| r.page == page).count();
        compose_page(page, &glyphs[g0..g1], &rules[r0..r1], &mut out);
        (g0, r0) = (g1, r1);
    }
    out
}

/// Composes one page onto `out` (pages in order, each once).
pub(crate) fn compose_page(page: u32, glyphs: &[Glyph], rules: &[Rule], out: &mut Composed) {
    // The page's glyphs sorted once by position: the body's, each cell's
    // and the alignment's lines read them in that order without sorting
    // again (`lines_of_sorted`).
    let sorted = by_position(&glyphs.iter().collect::<Vec<_>>());
    // A table has at least two columns; a lone frame is no table.
    let mut tables: Vec<Grid> = grids(rules)
        .into_iter()
        .filter(|g| g.xs.len() >= 3)
        .collect();
    // No ruled table: tables rebuilt from alignment, if any.
    let ruled = !tables.is_empty();
    if !ruled {
        tables = align::grids(&sorted, &mut out.carry);
    } else {
        out.carry.reset();
    }
    let mut body: Vec<&Glyph> = Vec::new();
    let mut in_cells: Vec<Vec<Vec<&Glyph>>> = tables
        .iter()
        .map(|t| vec![Vec::new(); t.cells.len()])
        .collect();
    for g in sorted {
        let x = (g.x0 + g.x1) / 2.0;
        let y = g.y - 0.3 * g.size;
        let hit = tables
            .iter()
            .enumerate()
            .find_map(|(t, grid)| grid.cell_at(x, y).map(|c| (t, c)));
        match hit {
            Some((t, c)) => in_cells[t][c].push(g),
            None => body.push(g),
        }
    }
    let body_lines = lines_of_sorted(&body, BLOCK_GAP);
    let mut next = 0;
    for (grid, cells) in tables.into_iter().zip(in_cells) {
        let top = grid.ys[0];
        while next < body_lines.len() && body_lines[next].bbox[1] < top {
            out.push(body_lines[next].clone());
            next += 1;
        }
        let after_line = out.lines.len() as u32;
        let mut texts = Vec::with_capacity(cells.len());
        let mut lines = Vec::with_capacity(cells.len());
        for glyphs in &cells {
            let cell_lines = lines_of_sorted(glyphs, f32::INFINITY);
            texts.push(
                cell_lines
                    .iter()
                    .map(|l| l.text.as_str())
                    .collect::<Vec<_>>()
                    .join("\n"),
            );
            lines.push(cell_lines.into_iter().map(|l| out.push(l)).collect());
        }
        let (n_cols, n_rows) = (grid.xs.len() - 1, grid.ys.len() - 1);
        out.grids.push(CellGrid::new(
            n_cols,
            n_rows,
            grid.cells,
            texts,
            lines,
            Some(page),
            after_line,
            ruled,
        ));
    }
    for l in body_lines.into_iter().skip(next) {
        out.push(l);
    }
}
