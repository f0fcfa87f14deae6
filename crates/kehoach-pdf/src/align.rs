//! Tables drawn without ruling lines: the grid rebuilt from alignment.
//!
//! A plan table without borders still has a header whose first word is
//! `TT`/`STT`, columns whose text lines up under the header cells, and rows
//! started by a row number (`1`, `1.2`) or a group numeral (`I`, `A`) in the
//! first column. From the header come the columns (the x extents of its
//! cells: words of one cell stack and overlap, separate cells leave gaps), and
//! the text below refines the boundaries (body text is left-aligned, numbers
//! may be centred). Rows start at each row number; the table ends where text
//! stops fitting the columns (a caption, prose across the page) or at the
//! page end, and the next page may go on with the same columns, with a
//! repeated header or without one.
//!
//! The result is a [`Grid`] like a ruled table's, so that everything
//! downstream reads it the same way. A vertically merged cell cannot be seen
//! without rules: it stays as printed, empty below its first row.
//!
//! Every pass is linear in the page's lines (after the one sort of
//! [`lines_of`]).

use crate::glyphs::Glyph;
use crate::grid::{Grid, GridCell};
use crate::lines::lines_of;
use kehoach_table::{is_group_numeral, is_row_number};
use kehoach_text::fold;

/// A horizontal gap wider than this many font sizes separates two chunks of
/// text on a line (two cells); word spaces are a quarter of that.
const CHUNK_GAP: f32 = 0.8;
/// Slack (points) in the fit of a chunk to its column.
const TOL: f32 = 1.0;
/// A vertical gap wider than this many font sizes, before a line that starts
/// no row, ends the table (page furniture, a note after it).
const END_GAP: f32 = 3.0;
/// A vertical gap wider than this many font sizes ends the header.
const HEADER_GAP: f32 = 0.8;
/// Lines a header may take (wrapped and stacked labels).
const HEADER_LINES: usize = 8;

/// What a page leaves to the next: the columns of a table that ran to its
/// end, which the next page may continue without repeating the header.
#[derive(Debug, Default)]
pub(crate) struct Carry {
    xs: Option<Vec<f32>>,
}

/// Text on one line between two wide gaps.
#[derive(Debug)]
struct Chunk {
    x0: f32,
    x1: f32,
    text: String,
}

/// A line of chunks (one baseline), left to right.
#[derive(Debug)]
struct Line {
    top: f32,
    bottom: f32,
    size: f32,
    chunks: Vec<Chunk>,
}

/// Columns as intervals: where column `i`'s header text starts (`a`) and
/// ends (`b`). Text starting right of `b[i - 1]` belongs to column `i` at the
/// earliest; it fits if it ends before `a[i + 1]`.
struct Cols {
    a: Vec<f32>,
    b: Vec<f32>,
}

impl Cols {
    fn from_xs(xs: &[f32]) -> Cols {
        Cols {
            a: xs[..xs.len() - 1].to_vec(),
            b: xs[1..].to_vec(),
        }
    }

    fn len(&self) -> usize {
        self.a.len()
    }

    /// The column a chunk starting at `x0` is in, if inside the table.
    fn of(&self, x0: f32) -> Option<usize> {
        if x0 < self.a[0] - 4.0 * TOL {
            return None;
        }
        Some(self.b[..self.len() - 1].partition_point(|&b| b < x0 - TOL))
    }

    /// Whether a chunk in column `c` ending at `x1` stays in it.
    fn fits(&self, c: usize, x1: f32) -> bool {
        c + 1 >= self.len() || x1 <= self.a[c + 1] + TOL
    }
}

fn is_header_start(s: &str) -> bool {
    let first = s.split_whitespace().next().unwrap_or("");
    matches!(fold(first.trim_end_matches('.')).as_str(), "tt" | "stt")
}

/// The page's glyphs as lines of chunks, top to bottom.
fn lines(glyphs: &[Glyph]) -> Vec<Line> {
    let refs: Vec<&Glyph> = glyphs.iter().collect();
    let size = |l: &crate::lines::TextLine| (l.bbox[3] - l.bbox[1]).max(1.0);
    let mut out: Vec<Line> = Vec::new();
    for l in lines_of(&refs, CHUNK_GAP) {
        let chunk = Chunk {
            x0: l.bbox[0],
            x1: l.bbox[2],
            text: l.text.clone(),
        };
        // `lines_of` gives a line's chunks one after another, left to right.
        match out.last_mut() {
            Some(last)
                if (last.bottom - l.bbox[3]).abs() <= 0.35 * last.size
                    && last.chunks.last().is_some_and(|c| c.x1 <= chunk.x0) =>
            {
                last.top = last.top.min(l.bbox[1]);
                last.bottom = last.bottom.max(l.bbox[3]);
                last.chunks.push(chunk);
            }
            _ => out.push(Line {
                top: l.bbox[1],
                bottom: l.bbox[3],
                size: size(&l),
                chunks: vec![chunk],
            }),
        }
    }
    out
}

/// The header starting at line `h`: its columns and the line after it.
fn header(lines: &[Line], h: usize) -> Option<(Cols, usize)> {
    let first = lines.get(h)?;
    let tt = first.chunks.first()?;
    if !is_header_start(&tt.text) {
        return None;
    }
    let left = tt.x0 - 4.0 * TOL;
    // Header lines run until a row number or group numeral under `TT`.
    let mut end = h + 1;
    while end < lines.len() && end - h < HEADER_LINES {
        let l = &lines[end];
        // Wrapped and stacked labels are set tight; the body starts after
        // the header cells' padding.
        if l.top - lines[end - 1].bottom > HEADER_GAP * l.size {
            break;
        }
        let first = &l.chunks[0];
        let under_tt = first.x0 < tt.x1 + TOL && first.x1 > tt.x0 - TOL;
        if under_tt && (is_row_number(&first.text) || is_group_numeral(&first.text)) {
            break;
        }
        if first.x0 < left || under_tt && !is_numbering(l) {
            return None;
        }
        end += 1;
    }
    if end >= lines.len() || end - h >= HEADER_LINES {
        return None;
    }
    // Numbering `(1) (2) …` under the header: its own band, not a label.
    let label_end = if is_numbering(&lines[end - 1]) && end - 1 > h {
        end - 1
    } else {
        end
    };
    let end = label_end;
    let mut spans: Vec<(f32, f32)> = lines[h..label_end]
        .iter()
        .flat_map(|l| l.chunks.iter().map(|c| (c.x0, c.x1)))
        .collect();
    spans.sort_by(|p, q| p.0.total_cmp(&q.0));
    let mut merged: Vec<(f32, f32)> = Vec::new();
    for (x0, x1) in spans {
        match merged.last_mut() {
            Some(m) if x0 <= m.1 + TOL => m.1 = m.1.max(x1),
            _ => merged.push((x0, x1)),
        }
    }
    if merged.len() < 3 {
        return None;
    }
    let cols = Cols {
        a: merged.iter().map(|m| m.0).collect(),
        b: merged.iter().map(|m| m.1).collect(),
    };
    Some((cols, end))
}

/// A numbering line under a header: `(1) (2) (3) …`.
fn is_numbering(l: &Line) -> bool {
    l.chunks.len() >= 2
        && l.chunks.iter().all(|c| {
            let t = c.text.trim().trim_start_matches('(').trim_end_matches(')');
            !t.is_empty() && t.len() <= 2 && t.bytes().all(|b| b.is_ascii_digit())
        })
}

/// How a line sits in the table.
enum Fit {
    /// Starts a data row.
    Row,
    /// Starts a group row (numeral, then text across the columns).
    Group,
    /// Goes on with the current row.
    More,
    /// Not part of the table.
    Out,
}

/// Where line `l` goes, given the columns and whether the current row is a
/// group row; with the column of each chunk.
fn fit(l: &Line, cols: &Cols, in_group: bool) -> (Fit, Vec<usize>) {
    let Some(at): Option<Vec<usize>> = l.chunks.iter().map(|c| cols.of(c.x0)).collect() else {
        return (Fit::Out, Vec::new());
    };
    let numbered = at[0] == 0;
    let lead = &l.chunks[0].text;
    if numbered && !is_row_number(lead) && !is_group_numeral(lead) && !is_numbering(l) {
        return (Fit::Out, at);
    }
    let rest_in_name = at[1..].iter().all(|&c| c == 1) && at.len() <= 2;
    if numbered && is_group_numeral(lead) && rest_in_name {
        return (Fit::Group, at);
    }
    if !numbered && in_group && at.iter().all(|&c| c == 1) {
        return (Fit::More, at);
    }
    let fits = l
        .chunks
        .iter()
        .zip(&at)
        .all(|(c, &col)| cols.fits(col, c.x1));
    match (fits, numbered) {
        (false, _) => (Fit::Out, at),
        (true, true) => (Fit::Row, at),
        (true, false) => (Fit::More, at),
    }
}

/// A table read from lines `start..`: its grid and the line after it.
fn table(lines: &[Line], start: usize, header_end: usize, cols: &Cols) -> Option<(Grid, usize)> {
    let n = cols.len();
    // Per band: first line, last line, group row or not.
    let mut bands: Vec<(usize, usize, bool)> = Vec::new();
    if header_end > start {
        bands.push((start, header_end - 1, false));
    }
    let mut lo = vec![f32::INFINITY; n];
    let mut hi = vec![f32::NEG_INFINITY; n];
    let mut right = f32::NEG_INFINITY;
    for l in &lines[start..header_end] {
        for c in &l.chunks {
            if let Some(k) = cols.of(c.x0) {
                lo[k] = lo[k].min(c.x0);
                hi[k] = hi[k].max(c.x1);
            }
            right = right.max(c.x1);
        }
    }
    let mut end = header_end;
    let mut in_group = false;
    while end < lines.len() {
        let l = &lines[end];
        let (how, at) = fit(l, cols, in_group);
        let gap = l.top - lines[end.saturating_sub(1)].bottom;
        let starts = matches!(how, Fit::Row | Fit::Group);
        if matches!(how, Fit::Out) || end > start && !starts && gap > END_GAP * l.size {
            break;
        }
        match how {
            Fit::Row | Fit::Group => {
                in_group = matches!(how, Fit::Group);
                bands.push((end, end, in_group));
            }
            _ => match bands.last_mut() {
                Some(b) if b.0 >= header_end => b.1 = end,
                // The rest of a row cut by the page break: its own band.
                _ => bands.push((end, end, false)),
            },
        }
        for (c, &k) in l.chunks.iter().zip(&at) {
            right = right.max(c.x1);
            if in_group && k >= 1 {
                continue;
            }
            lo[k] = lo[k].min(c.x0);
            hi[k] = hi[k].max(c.x1);
        }
        end += 1;
    }
    let data = bands.iter().filter(|b| b.0 >= header_end).count();
    if data == 0 {
        return None;
    }
    // Column boundaries: halfway between one column's text and the next's.
    let mut xs = Vec::with_capacity(n + 1);
    xs.push(lo[0].min(cols.a[0]) - TOL);
    for k in 1..n {
        let x = if hi[k - 1].is_finite() && lo[k].is_finite() && hi[k - 1] < lo[k] {
            (hi[k - 1] + lo[k]) / 2.0
        } else {
            (cols.b[k - 1] + cols.a[k]) / 2.0
        };
        xs.push(x.max(xs[k - 1] + TOL));
    }
    xs.push(right.max(xs[n - 1] + TOL) + TOL);
    // Row boundaries: halfway between bands.
    let mut ys = Vec::with_capacity(bands.len() + 1);
    ys.push(lines[bands[0].0].top - TOL);
    for w in bands.windows(2) {
        ys.push((lines[w[0].1].bottom + lines[w[1].0].top) / 2.0);
    }
    let last = lines[end - 1].bottom;
    let below = lines.get(end).map_or(last + 2.0 * TOL, |l| l.top);
    ys.push(last + ((below - last) / 2.0).min(TOL));
    let mut cells = Vec::new();
    for (r, b) in bands.iter().enumerate() {
        let cell = |col, col_end| GridCell {
            col,
            col_end,
            row: r,
            row_end: r + 1,
        };
        if b.2 {
            cells.push(cell(0, 1));
            cells.push(cell(1, n));
        } else {
            cells.extend((0..n).map(|c| cell(c, c + 1)));
        }
    }
    Some((Grid::from_cells(xs, ys, cells), end))
}

/// The tables of a page without ruled ones, rebuilt from alignment.
pub(crate) fn grids(glyphs: &[Glyph], carry: &mut Carry) -> Vec<Grid> {
    let lines = lines(glyphs);
    let mut out = Vec::new();
    let mut at = 0;
    let mut open_to_end = false;
    // A table going on from the page before, without a repeated header.
    if let Some(xs) = carry.xs.take() {
        let cols = Cols::from_xs(&xs);
        if header(&lines, 0).is_none() {
            if let Some((grid, end)) = table(&lines, 0, 0, &cols) {
                at = end;
                open_to_end = end == lines.len();
                carry.xs = open_to_end.then(|| grid.xs.clone());
                out.push(grid);
            }
        }
    }
    while at < lines.len() {
        let Some((cols, header_end)) = header(&lines, at) else {
            at += 1;
            continue;
        };
        match table(&lines, at, header_end, &cols) {
            Some((grid, end)) => {
                open_to_end = end == lines.len();
                carry.xs = open_to_end.then(|| grid.xs.clone());
                out.push(grid);
                at = end;
            }
            None => at += 1,
        }
    }
    if !open_to_end {
        carry.xs = None;
    }
    out
}
