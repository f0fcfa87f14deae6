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
//! Every pass is linear in the page's lines (after the page's one sort,
//! [`crate::lines::by_position`]).

use crate::glyphs::Glyph;
use crate::grid::{Grid, GridCell, Placed};
use crate::lines::lines_of_sorted;
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
/// How many character cells a column's text may start away from where its
/// body text usually starts, on a character grid (a crowded line shifts).
const EDGE_SLACK: f32 = 2.0;
/// Lines a header may take (wrapped and stacked labels).
const HEADER_LINES: usize = 8;

/// What a page leaves to the next: the columns of a table that ran to its
/// end, which the next page may continue without repeating the header.
#[derive(Debug, Default)]
pub(crate) struct Carry {
    xs: Option<Vec<f32>>,
    /// The advance of every glyph when the text is set on a character grid
    /// (layout text): a chunk may then be split at a single word space.
    pub(crate) grid: Option<f32>,
    /// The text of the last header read, line by line: a header repeated on
    /// a later page ends where the first one did, whatever follows it.
    header: Vec<String>,
}

impl Carry {
    /// Forgets the columns (a ruled table came between).
    pub(crate) fn reset(&mut self) {
        self.xs = None;
    }
}

/// Text on one line between two wide gaps.
#[derive(Debug, Clone)]
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
    /// How far left of the first column's header text a row may start.
    left: f32,
    /// How far right of the first column's header text a row number may
    /// start and still be in it.
    number_reach: f32,
}

impl Cols {
    fn from_xs(xs: &[f32]) -> Cols {
        // Column `i` runs from `xs[i]` to `xs[i + 1]`; fewer than two
        // boundaries make no column.
        let n = xs.len().saturating_sub(1);
        Cols {
            a: xs[..n].to_vec(),
            b: xs.get(1..).unwrap_or_default().to_vec(),
            left: 4.0 * TOL,
            number_reach: 0.0,
        }
    }

    fn len(&self) -> usize {
        self.a.len()
    }

    /// The column a chunk starting at `x0` is in, if inside the table.
    fn of(&self, x0: f32) -> Option<usize> {
        // No columns (a carried table whose grid lost them): nothing fits.
        if x0 < *self.a.first()? - self.left {
            return None;
        }
        Some(self.b[..self.len() - 1].partition_point(|&b| b < x0 - TOL))
    }

    /// The column of a line's first chunk: a row number or group numeral
    /// just right of the first column's header text is in that column.
    fn of_first(&self, c: &Chunk) -> Option<usize> {
        let numeral = is_row_number(&c.text) || is_group_numeral(&c.text);
        let (&a0, &b0) = (self.a.first()?, self.b.first()?);
        if numeral && c.x0 >= a0 - self.left && c.x0 < b0 + self.number_reach {
            return Some(0);
        }
        self.of(c.x0)
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

/// The page's glyphs (in `lines::by_position`'s order) as lines of
/// chunks, top to bottom.
fn lines(sorted: &[&Glyph]) -> Vec<Line> {
    let size = |l: &crate::lines::TextLine| (l.bbox[3] - l.bbox[1]).max(1.0);
    let mut out: Vec<Line> = Vec::new();
    for l in lines_of_sorted(sorted, CHUNK_GAP) {
        let chunk = Chunk {
            x0: l.bbox[0],
            x1: l.bbox[2],
            text: l.text.clone(),
        };
        // `lines_of_sorted` gives a line's chunks one after another, left to right.
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

/// A line's text, its chunks joined by one space.
fn line_text(l: &Line) -> String {
    let texts: Vec<&str> = l.chunks.iter().map(|c| c.text.as_str()).collect();
    texts.join(" ")
}

/// The header starting at line `h`: its columns and the line after it.
/// `last` is the text of the last header read: repeated here, it ends
/// where it did there, even when the rest of a row cut by the page break
/// follows it with no gap (text on a character grid has no gaps).
/// `grid`: the glyph advance of text set on a character grid, where a
/// centred `TT` may sit two characters right of the row numbers.
fn header(lines: &[Line], h: usize, last: &[String], grid: Option<f32>) -> Option<(Cols, usize)> {
    let first = lines.get(h)?;
    let tt = first.chunks.first()?;
    if !is_header_start(&tt.text) {
        return None;
    }
    // Repeated: its first line is the last header's first line; it then
    // ends at its first line that is not the last header's line at the same
    // place (the last header may itself have run on into a cut row's rest).
    // (A PDF's header is set apart by gaps: there the whole last header
    // must be repeated.)
    let repeated = match last.first() {
        Some(t) if line_text(first) == *t => {
            let same = lines[h..]
                .iter()
                .zip(last)
                .take_while(|(l, t)| line_text(l) == **t)
                .count();
            if grid.is_some() || same == last.len() && lines.len() > h + same {
                same
            } else {
                0
            }
        }
        _ => 0,
    };
    let slack = grid.map_or(4.0 * TOL, |adv| (2.0 * adv).max(4.0 * TOL));
    let left = tt.x0 - slack;
    // Header lines run until a row number or group numeral under `TT`.
    let mut end = h + 1;
    while end < lines.len() && end - h < HEADER_LINES && !(repeated > 0 && end - h == repeated) {
        let l = &lines[end];
        // Wrapped and stacked labels are set tight; the body starts after
        // the header cells' padding.
        if l.top - lines[end - 1].bottom > HEADER_GAP * l.size {
            break;
        }
        let Some(first) = l.chunks.first() else {
            break;
        };
        // On a character grid a centred `STT` may end a character or two
        // left of the numbers under it.
        let reach = if grid.is_some() { slack } else { TOL };
        let under_tt = first.x0 < tt.x1 + reach && first.x1 > tt.x0 - TOL;
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
    let mut cols = Cols {
        a: merged.iter().map(|m| m.0).collect(),
        b: merged.iter().map(|m| m.1).collect(),
        left: slack,
        number_reach: 0.0,
    };
    // On a character grid the row numbers may also sit a character or two
    // right of a flush-left `STT`: they are still in its column.
    if grid.is_some() {
        cols.number_reach = slack;
    }
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
    let Some(at): Option<Vec<usize>> = l
        .chunks
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if i == 0 {
                cols.of_first(c)
            } else {
                cols.of(c.x0)
            }
        })
        .collect()
    else {
        return (Fit::Out, Vec::new());
    };
    let (Some(&at0), Some(lead)) = (at.first(), l.chunks.first()) else {
        return (Fit::Out, at);
    };
    let numbered = at0 == 0;
    let lead = &lead.text;
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

/// Where each column's body text starts on a character grid: the most
/// frequent left edge of the chunks below the header that sit inside one
/// column (body text is left-aligned in its cell, header labels are
/// centred), when seen at least twice.
fn body_edges(lines: &[Line], cols: &Cols) -> Vec<Option<f32>> {
    let mut seen: Vec<Vec<(f32, usize)>> = vec![Vec::new(); cols.len()];
    for c in lines.iter().flat_map(|l| &l.chunks) {
        let Some(k) = cols.of(c.x0).filter(|&k| cols.fits(k, c.x1)) else {
            continue;
        };
        match seen[k].iter_mut().find(|e| e.0 == c.x0) {
            Some(e) => e.1 += 1,
            None => seen[k].push((c.x0, 1)),
        }
    }
    seen.iter()
        .map(|xs| {
            xs.iter()
                .filter(|e| e.1 >= 2)
                .max_by(|p, q| p.1.cmp(&q.1).then(q.0.total_cmp(&p.0)))
                .map(|e| e.0)
        })
        .collect()
}

/// Line `l` with every chunk that runs over a column boundary split at a
/// word space, for text set on a character grid of advance `adv`, where one
/// space is all that may separate a full cell from the next column's text.
/// The left part must end before the next column's header starts and the
/// right part start past the end of the column's own header; of the spaces
/// that allow it, the one whose right part starts nearest where the next
/// column's body text starts (`edges`, the leftmost on a tie: a crowded line
/// is shifted left), else the last (body text fills its column before it
/// wraps). `None` when nothing was split.
fn split_at_columns(l: &Line, cols: &Cols, edges: &[Option<f32>], adv: f32) -> Option<Line> {
    let mut chunks: Vec<Chunk> = Vec::with_capacity(l.chunks.len() + 1);
    let mut split = false;
    for c in &l.chunks {
        let mut rest = c.clone();
        // Past its column's end, or past where the next column's body text
        // starts.
        let over = |k: usize, x1: f32| {
            !cols.fits(k, x1)
                || edges
                    .get(k + 1)
                    .copied()
                    .flatten()
                    .is_some_and(|e| x1 > e + adv)
        };
        while let Some(k) = cols.of(rest.x0).filter(|&k| over(k, rest.x1)) {
            // A cell full to its column's end starts where the column's body
            // text starts (a caption or a note across the columns does not);
            // a part split off a chunk starts where the split put it.
            let first = rest.x0 == c.x0;
            if first && edges[k].is_some_and(|e| (rest.x0 - e).abs() > EDGE_SLACK * adv + TOL) {
                break;
            }
            let spaces = rest.text.chars().enumerate().filter_map(|(i, ch)| {
                let x = rest.x0 + i as f32 * adv;
                (ch == ' ' && x <= cols.a[k + 1] + TOL && x + adv >= cols.b[k] - TOL).then_some(i)
            });
            let spaces: Vec<usize> = spaces.collect();
            // A crowded line is shifted as a whole: where this part starts
            // against its column's edge tells where the next column starts.
            let shift = edges[k].map_or(0.0, |e| rest.x0 - e);
            let near = edges[k + 1].and_then(|edge| {
                let d = |i: usize| {
                    let x = rest.x0 + (i + 1) as f32 * adv;
                    (x - edge).abs().min((x - edge - shift).abs())
                };
                spaces
                    .iter()
                    .copied()
                    .filter(|&i| d(i) <= EDGE_SLACK * adv + TOL)
                    .min_by(|&i, &j| d(i).total_cmp(&d(j)).then(i.cmp(&j)))
            });
            // Without that evidence: the last space before a capital (a
            // cell's text starts with one), else the last space.
            let last = || {
                let chars: Vec<char> = rest.text.chars().collect();
                let capital = |i: &usize| chars.get(i + 1).is_some_and(|c| c.is_uppercase());
                let pick = spaces.iter().rev().find(|i| capital(i)).or(spaces.last());
                pick.copied().filter(|_| !cols.fits(k, rest.x1))
            };
            let cut = near.or_else(last);
            let Some(i) = cut else { break };
            let left: String = rest.text.chars().take(i).collect();
            let right: String = rest.text.chars().skip(i + 1).collect();
            chunks.push(Chunk {
                x0: rest.x0,
                x1: rest.x0 + i as f32 * adv,
                text: left,
            });
            rest = Chunk {
                x0: rest.x0 + (i + 1) as f32 * adv,
                x1: rest.x1,
                text: right,
            };
            split = true;
        }
        chunks.push(rest);
    }
    split.then_some(Line {
        top: l.top,
        bottom: l.bottom,
        size: l.size,
        chunks,
    })
}

/// A table read from lines `start..`: its grid and the line after it.
/// `grid`: the glyph advance of text set on a character grid.
fn table(
    lines: &[Line],
    start: usize,
    header_end: usize,
    cols: &Cols,
    grid: Option<f32>,
) -> Option<(Grid, usize)> {
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
    // On a character grid: per band, each chunk's column.
    let mut placed: Vec<Vec<Placed>> = Vec::new();
    let edges = match grid {
        Some(_) => body_edges(&lines[header_end..], cols),
        None => Vec::new(),
    };
    while end < lines.len() {
        // On a character grid, one space may be all that separates a full
        // cell from the next column's text: the line is split at the column
        // boundaries, unless it is a group row (text across the columns) or
        // the split line fits no better.
        let mut l = &lines[end];
        let (mut how, mut at) = fit(l, cols, in_group);
        let split = match (&how, grid) {
            (Fit::Group, _) | (_, None) => None,
            (_, Some(adv)) => split_at_columns(l, cols, &edges, adv),
        };
        if let Some(s) = &split {
            let (how2, at2) = fit(s, cols, in_group);
            if !matches!(how2, Fit::Out) {
                (l, how, at) = (s, how2, at2);
            }
        }
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
        if grid.is_some() {
            let band = bands.len() - 1;
            placed.resize_with(bands.len(), Vec::new);
            placed[band].extend(l.chunks.iter().zip(&at).map(|(c, &col)| Placed {
                x0: c.x0,
                x1: c.x1,
                top: l.top,
                bottom: l.bottom,
                col,
            }));
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
    if data == 0 || n == 0 || bands.is_empty() || end == 0 {
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
    placed.resize_with(bands.len(), Vec::new);
    Some((Grid::from_cells(xs, ys, cells).with_placed(placed), end))
}

/// The tables of a page without ruled ones, rebuilt from alignment; its
/// glyphs in `lines::by_position`'s order.
pub(crate) fn grids(sorted: &[&Glyph], carry: &mut Carry) -> Vec<Grid> {
    let lines = lines(sorted);
    let mut out = Vec::new();
    let mut at = 0;
    let mut open_to_end = false;
    // A table going on from the page before, without a repeated header.
    if let Some(xs) = carry.xs.take().filter(|xs| xs.len() >= 2) {
        let cols = Cols::from_xs(&xs);
        if header(&lines, 0, &carry.header, carry.grid).is_none() {
            if let Some((grid, end)) = table(&lines, 0, 0, &cols, carry.grid) {
                at = end;
                open_to_end = end == lines.len();
                carry.xs = open_to_end.then(|| grid.xs.clone());
                out.push(grid);
            }
        }
    }
    while at < lines.len() {
        let Some((cols, header_end)) = header(&lines, at, &carry.header, carry.grid) else {
            at += 1;
            continue;
        };
        match table(&lines, at, header_end, &cols, carry.grid) {
            Some((grid, end)) => {
                carry.header = lines[at..header_end].iter().map(line_text).collect();
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
