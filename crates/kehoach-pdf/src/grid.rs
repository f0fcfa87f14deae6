//! Ruled tables: the grid the ruling lines draw, and its cells, merged
//! cells included (a cell is every grid square no rule separates).

use crate::glyphs::Rule;

/// Positions closer than this (points) are the same rule.
const SNAP: f32 = 1.5;

/// How far short of a crossing rule a segment may stop and still meet it
/// (points). Some producers stroke each cell's sides on their own and stop
/// them short of the corners, so that no two segments touch.
const CORNER_GAP: f32 = 3.5;

/// One ruled table on one page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Grid {
    /// Column boundaries, left to right.
    pub xs: Vec<f32>,
    /// Row boundaries, top to bottom.
    pub ys: Vec<f32>,
    /// Cells in reading order (by first row band, then first column).
    pub cells: Vec<GridCell>,
    /// For each grid square (row-major), the index of its cell.
    owner: Vec<usize>,
    /// Per row band, text placed in a column by the alignment reader where
    /// no column boundary holds for every line (text on a character grid,
    /// shifted line by line): it is in that column whatever `xs` say.
    placed: Vec<Vec<Placed>>,
}

/// A chunk of one line placed in a column: its box and column.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Placed {
    pub x0: f32,
    pub x1: f32,
    pub top: f32,
    pub bottom: f32,
    pub col: usize,
}

pub(crate) use kehoach_table::GridCell;

impl Grid {
    /// A grid whose cells are given (in reading order, covering every
    /// square once), e.g. one rebuilt from alignment rather than rules.
    pub fn from_cells(xs: Vec<f32>, ys: Vec<f32>, cells: Vec<GridCell>) -> Grid {
        let nc = xs.len() - 1;
        let mut owner = vec![0; nc * (ys.len() - 1)];
        for (k, c) in cells.iter().enumerate() {
            for r in c.row..c.row_end {
                owner[r * nc + c.col..r * nc + c.col_end].fill(k);
            }
        }
        Grid {
            xs,
            ys,
            cells,
            owner,
            placed: Vec::new(),
        }
    }

    /// The grid with text placed in columns, per row band (see `placed`).
    pub fn with_placed(mut self, placed: Vec<Vec<Placed>>) -> Grid {
        self.placed = placed;
        self
    }

    /// Index of the cell holding point (x, y), if inside the table.
    pub fn cell_at(&self, x: f32, y: f32) -> Option<usize> {
        let col = self.xs.windows(2).position(|w| x >= w[0] && x < w[1])?;
        let row = self.ys.windows(2).position(|w| y >= w[0] && y < w[1])?;
        let col = self
            .placed
            .get(row)
            .and_then(|p| {
                p.iter()
                    .find(|p| x >= p.x0 && x < p.x1 && y >= p.top && y <= p.bottom)
            })
            .map_or(col, |p| p.col);
        Some(self.cell_of(row, col))
    }

    /// Index of the cell covering grid square (`row`, `col`).
    pub fn cell_of(&self, row: usize, col: usize) -> usize {
        self.owner[row * (self.xs.len() - 1) + col]
    }
}

struct Sets(Vec<usize>);

impl Sets {
    fn new(n: usize) -> Sets {
        Sets((0..n).collect())
    }
    fn find(&mut self, mut a: usize) -> usize {
        while self.0[a] != a {
            self.0[a] = self.0[self.0[a]];
            a = self.0[a];
        }
        a
    }
    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.0[b] = a;
        }
    }
}

/// Joins collinear segments that touch or overlap.
fn merge(mut segs: Vec<(f32, f32, f32)>) -> Vec<(f32, f32, f32)> {
    // (position across, start along, end along)
    segs.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let mut out: Vec<(f32, f32, f32)> = Vec::new();
    for s in segs {
        if let Some(last) = out
            .iter_mut()
            .rev()
            .take_while(|l| (l.0 - s.0).abs() <= SNAP)
            .find(|l| s.1 <= l.2 + SNAP && s.2 >= l.1 - SNAP)
        {
            last.1 = last.1.min(s.1);
            last.2 = last.2.max(s.2);
            continue;
        }
        out.push(s);
    }
    out
}

/// Distinct positions, each cluster of close values as its mean.
fn cluster(mut v: Vec<f32>) -> Vec<f32> {
    v.sort_by(f32::total_cmp);
    let mut out: Vec<Vec<f32>> = Vec::new();
    for x in v {
        match out.last_mut() {
            Some(c) if x - c[c.len() - 1] <= SNAP => c.push(x),
            _ => out.push(vec![x]),
        }
    }
    out.into_iter()
        .map(|c| c.iter().sum::<f32>() / c.len() as f32)
        .collect()
}

/// The ruled tables among one page's rules.
pub(crate) fn grids(rules: &[Rule]) -> Vec<Grid> {
    let h = merge(
        rules
            .iter()
            .filter(|r| r.horizontal())
            .map(|r| ((r.y0 + r.y1) / 2.0, r.x0, r.x1))
            .collect(),
    );
    let v = merge(
        rules
            .iter()
            .filter(|r| !r.horizontal())
            .map(|r| ((r.x0 + r.x1) / 2.0, r.y0, r.y1))
            .collect(),
    );
    // Connected groups of crossing segments are tables.
    let mut sets = Sets::new(h.len() + v.len());
    for (i, a) in h.iter().enumerate() {
        for (j, b) in v.iter().enumerate() {
            let g = CORNER_GAP;
            let crosses = b.0 >= a.1 - g && b.0 <= a.2 + g && a.0 >= b.1 - g && a.0 <= b.2 + g;
            if crosses {
                sets.union(i, h.len() + j);
            }
        }
    }
    let mut groups: Vec<(usize, Vec<usize>)> = Vec::new();
    for k in 0..h.len() + v.len() {
        let root = sets.find(k);
        match groups.iter_mut().find(|g| g.0 == root) {
            Some(g) => g.1.push(k),
            None => groups.push((root, vec![k])),
        }
    }
    let mut out = Vec::new();
    for (_, members) in groups {
        let hs: Vec<(f32, f32, f32)> = members
            .iter()
            .filter(|&&k| k < h.len())
            .map(|&k| h[k])
            .collect();
        let vs: Vec<(f32, f32, f32)> = members
            .iter()
            .filter(|&&k| k >= h.len())
            .map(|&k| v[k - h.len()])
            .collect();
        let ys = cluster(hs.iter().map(|s| s.0).collect());
        let xs = cluster(vs.iter().map(|s| s.0).collect());
        if xs.len() < 2 || ys.len() < 2 {
            continue;
        }
        out.push(cells_of(xs, ys, &hs, &vs));
    }
    out.sort_by(|a, b| a.ys[0].total_cmp(&b.ys[0]));
    out
}

/// Cuts the grid into cells: neighbouring squares with no rule between them
/// belong to one cell.
fn cells_of(xs: Vec<f32>, ys: Vec<f32>, hs: &[(f32, f32, f32)], vs: &[(f32, f32, f32)]) -> Grid {
    let (nc, nr) = (xs.len() - 1, ys.len() - 1);
    let ruled_v = |x: f32, y: f32| {
        vs.iter()
            .any(|s| (s.0 - x).abs() <= SNAP && s.1 - SNAP <= y && y <= s.2 + SNAP)
    };
    let ruled_h = |y: f32, x: f32| {
        hs.iter()
            .any(|s| (s.0 - y).abs() <= SNAP && s.1 - SNAP <= x && x <= s.2 + SNAP)
    };
    let mut sets = Sets::new(nc * nr);
    for r in 0..nr {
        let my = (ys[r] + ys[r + 1]) / 2.0;
        for c in 0..nc {
            let mx = (xs[c] + xs[c + 1]) / 2.0;
            if c + 1 < nc && !ruled_v(xs[c + 1], my) {
                sets.union(r * nc + c, r * nc + c + 1);
            }
            if r + 1 < nr && !ruled_h(ys[r + 1], mx) {
                sets.union(r * nc + c, (r + 1) * nc + c);
            }
        }
    }
    // Squares are visited in reading order, so cells come out in it too.
    let mut index_of_root: Vec<Option<usize>> = vec![None; nc * nr];
    let mut cells: Vec<GridCell> = Vec::new();
    let mut owner = vec![0; nc * nr];
    for r in 0..nr {
        for c in 0..nc {
            let root = sets.find(r * nc + c);
            let k = match index_of_root[root] {
                Some(k) => {
                    let cell = &mut cells[k];
                    cell.col = cell.col.min(c);
                    cell.col_end = cell.col_end.max(c + 1);
                    cell.row_end = cell.row_end.max(r + 1);
                    k
                }
                None => {
                    cells.push(GridCell {
                        col: c,
                        col_end: c + 1,
                        row: r,
                        row_end: r + 1,
                    });
                    index_of_root[root] = Some(cells.len() - 1);
                    cells.len() - 1
                }
            };
            owner[r * nc + c] = k;
        }
    }
    Grid {
        placed: Vec::new(),
        xs,
        ys,
        cells,
        owner,
    }
}
