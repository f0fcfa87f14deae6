//! Tables in the shapes Markdown converters write besides pipe tables:
//! HTML `<table>` blocks (pandoc, for merged cells), pandoc grid tables
//! (`+---+` borders, `|` columns) and pandoc multiline tables (dashed rules,
//! each cell wrapped over several lines, rows apart by blank lines).
//!
//! Each block is read into a [`CellGrid`] (row and column spans exact) whose
//! cells keep the source lines their text is printed on, and the grids are
//! read by [`crate::assemble`] like a DOCX's or a PDF's: header, group
//! rows, merged cells and continuations behave the same.
//!
//! HTML is read by a small tolerant tag scanner of our own over the table
//! block (tags, attributes `rowspan`/`colspan`, entities), not a full HTML
//! parser: converters write regular tables, and a stray tag or an unclosed
//! cell costs at most that cell.

use crate::grid::{CellGrid, GridCell};
use crate::locate::strip_markup;
use kehoach_text::SourceText;

/// Most columns a block may have: plan tables have a dozen or two; a wider
/// "table" is not one, and is not read (so no input builds a huge grid).
const MAX_COLS: usize = 64;

/// A table block: its lines (0-based indices, `end` exclusive) and its grid.
pub(crate) struct Block {
    pub start: usize,
    pub end: usize,
    pub grid: CellGrid,
}

/// Every HTML, grid and multiline table block of the text, in order.
pub(crate) fn find_blocks(text: &SourceText) -> Vec<Block> {
    let lines: Vec<&str> = text.lines.iter().map(|l| l.text.as_str()).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        // A grid border starts with `+` and a dash rule with `-`, once
        // trimmed: other lines are not trimmed to be asked.
        let first = line.trim_start().bytes().next();
        let found = if has_table_tag(line) {
            html_block(&lines, i).map(|end| (end, html_grid(text, i, end)))
        } else if first == Some(b'+') && is_grid_border(line) {
            grid_block(&lines, i).map(|end| (end, grid_table(text, i, end)))
        } else if first == Some(b'-') && is_dash_rule(line) {
            multiline_block(&lines, i).map(|(sep, end)| (end, multiline(text, i, sep, end)))
        } else {
            None
        };
        match found {
            Some((end, Some(grid))) => {
                out.push(Block {
                    start: i,
                    end,
                    grid,
                });
                i = end;
            }
            Some((end, None)) => i = end,
            None => i += 1,
        }
    }
    out
}

/// A cell's text piece of pandoc Markdown cleaned: emphasis stripped,
/// backslash escapes (`\>`, `\*`) undone, and the dashes pandoc's smart
/// punctuation writes as `--` and `---` turned back into `–` and `—`, a
/// trailing `\\` (a hard line break) dropped.
fn clean_piece(s: &str) -> String {
    // A backslash ending a line is pandoc's hard line break.
    let s = unescape(strip_markup(s).trim_end_matches('\\'));
    if s.contains("--") {
        s.replace("---", "—").replace("--", "–")
    } else {
        s
    }
}

/// Undoes Markdown backslash escapes: `\` before ASCII punctuation.
pub(crate) fn unescape(s: &str) -> String {
    if !s.contains('\\') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|n| n.is_ascii_punctuation()) {
            out.push(chars.next().expect("peeked"));
        } else {
            out.push(c);
        }
    }
    out
}

/// A grid from cells given as (grid cell, text pieces with their 1-based
/// line numbers), in any order.
fn build(
    n_cols: usize,
    n_rows: usize,
    mut cells: Vec<(GridCell, Vec<(u32, String)>)>,
    after_line: u32,
    spans_shown: bool,
) -> Option<CellGrid> {
    if n_cols == 0 || n_rows == 0 || n_cols > MAX_COLS {
        return None;
    }
    cells.sort_by_key(|(g, _)| (g.row, g.col));
    let mut grid_cells = Vec::with_capacity(cells.len());
    let mut texts = Vec::with_capacity(cells.len());
    let mut lines = Vec::with_capacity(cells.len());
    for (g, pieces) in cells {
        let pieces: Vec<(u32, String)> = pieces
            .into_iter()
            .filter(|(_, t)| !t.trim().is_empty())
            .collect();
        texts.push(
            pieces
                .iter()
                .map(|(_, t)| t.trim())
                .collect::<Vec<_>>()
                .join("\n"),
        );
        let mut ls: Vec<u32> = pieces.iter().map(|(l, _)| *l).collect();
        ls.dedup();
        lines.push(ls);
        grid_cells.push(g);
    }
    Some(CellGrid::new(
        n_cols,
        n_rows,
        grid_cells,
        texts,
        lines,
        None,
        after_line,
        spans_shown,
    ))
}

// ---------------------------------------------------------------- columns

/// Whether `c` takes no column of its own (a combining mark).
fn zero_width(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}')
}

/// The characters of a line by display column (combining marks kept with
/// the character before them).
fn columns_of(line: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices() {
        if zero_width(c) && start.is_some() {
            continue;
        }
        if let Some(s) = start {
            out.push(&line[s..i]);
        }
        start = Some(i);
    }
    if let Some(s) = start {
        out.push(&line[s..]);
    }
    out
}

/// The text of display columns `from..to` of a line (`to` past the end is
/// the end).
fn slice(cols: &[&str], from: usize, to: usize) -> String {
    let to = to.min(cols.len());
    if from >= to {
        return String::new();
    }
    cols[from..to].concat()
}

// ---------------------------------------------------------------- multiline

/// A line of dashes only (a multiline table's top and bottom rule).
fn is_dash_rule(line: &str) -> bool {
    let t = line.trim();
    t.len() >= 3 && t.bytes().all(|b| b == b'-')
}

/// The dash groups of a column separator line (`----- ---- ---`), as
/// display-column ranges, if it is one with at least two groups.
fn dash_groups(line: &str) -> Option<Vec<(usize, usize)>> {
    let cols = columns_of(line);
    if cols.is_empty() || !cols.iter().all(|c| *c == "-" || *c == " ") {
        return None;
    }
    let mut groups = Vec::new();
    let mut start = None;
    for (i, c) in cols.iter().enumerate() {
        match (*c == "-", start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                groups.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        groups.push((s, cols.len()));
    }
    (groups.len() >= 2).then_some(groups)
}

/// A multiline table opening at rule line `i`: the index of its column
/// separator line and one past its closing rule.
fn multiline_block(lines: &[&str], i: usize) -> Option<(usize, usize)> {
    // The header runs from the rule to the separator, with no blank line.
    let mut sep = i + 1;
    loop {
        let l = lines.get(sep)?;
        if l.trim().is_empty() || sep > i + 30 {
            return None;
        }
        if dash_groups(l).is_some() {
            break;
        }
        sep += 1;
    }
    if sep == i + 1 {
        return None;
    }
    let close = (sep + 1..lines.len()).find(|&j| is_dash_rule(lines[j]))?;
    Some((sep, close + 1))
}

/// A multiline table: header lines between `top` and `sep`, rows after it
/// apart by blank lines, up to the closing rule before `end`.
fn multiline(text: &SourceText, top: usize, sep: usize, end: usize) -> Option<CellGrid> {
    let groups = dash_groups(&text.lines[sep].text)?;
    let n = groups.len();
    if n > MAX_COLS {
        return None;
    }
    // Column c runs from its group's start to the next group's start: text
    // a converter lets stray into the gap stays in its column.
    let bounds: Vec<(usize, usize)> = (0..n)
        .map(|c| {
            let from = if c == 0 { 0 } else { groups[c].0 };
            let to = groups.get(c + 1).map_or(usize::MAX, |g| g.0);
            (from, to)
        })
        .collect();
    let mut bands: Vec<Vec<usize>> = vec![(top + 1..sep).collect()];
    let mut current = Vec::new();
    for j in sep + 1..end - 1 {
        if text.lines[j].text.trim().is_empty() {
            if !current.is_empty() {
                bands.push(std::mem::take(&mut current));
            }
        } else {
            current.push(j);
        }
    }
    if !current.is_empty() {
        bands.push(current);
    }
    let mut cells: Vec<(GridCell, Vec<(u32, String)>)> = Vec::new();
    for (r, band) in bands.iter().enumerate() {
        let split: Vec<Vec<&str>> = band
            .iter()
            .map(|&j| columns_of(&text.lines[j].text))
            .collect();
        for (c, &(from, to)) in bounds.iter().enumerate() {
            let pieces = band
                .iter()
                .zip(&split)
                .map(|(&j, cols)| (text.lines[j].no, clean_piece(&slice(cols, from, to))))
                .collect();
            cells.push((
                GridCell {
                    col: c,
                    col_end: c + 1,
                    row: r,
                    row_end: r + 1,
                },
                pieces,
            ));
        }
    }
    // A two-level header loses its spanning cell in this shape: the lower
    // level (`Năm 2026 | Năm 2030` under `Mục tiêu`) comes out as the first
    // row, with nothing under `TT`. Such a row (labels only: no number, no
    // `(1)` numbering) is the header's second band: the header cells with
    // nothing under them reach down over it.
    let empty =
        |cell: &(GridCell, Vec<(u32, String)>)| cell.1.iter().all(|(_, t)| t.trim().is_empty());
    let second_level = bands.len() > 2
        && empty(&cells[n])
        && cells[n..2 * n].iter().any(|c| !empty(c))
        && cells[n..2 * n].iter().all(|c| {
            // The cell's text starts otherwise than a number.
            c.1.iter()
                .map(|(_, t)| t.trim())
                .find(|t| !t.is_empty())
                .is_none_or(|t| !t.starts_with(|ch: char| ch.is_ascii_digit() || ch == '('))
        });
    if second_level {
        let covered: Vec<bool> = cells[n..2 * n].iter().map(empty).collect();
        for (c, &cov) in covered.iter().enumerate() {
            if cov {
                cells[c].0.row_end = 2;
            }
        }
        cells.retain(|(g, _)| !(g.row == 1 && covered[g.col]));
    }
    // A multiline table cannot show a merged cell: the converter prints it
    // once, over empty cells, as a table without rules does.
    build(
        n,
        bands.len(),
        cells,
        text.lines[top].no.saturating_sub(1),
        false,
    )
}

// ---------------------------------------------------------------- grid tables

/// A grid table's border line: `+---+---+` or `+===+===+`.
fn is_grid_border(line: &str) -> bool {
    let t = line.trim();
    t.len() >= 3
        && t.starts_with('+')
        && t.ends_with('+')
        && t.contains(['-', '='])
        && t.bytes().all(|b| matches!(b, b'+' | b'-' | b'=' | b':'))
}

/// A grid table opening at border line `i`: one past its last line.
fn grid_block(lines: &[&str], i: usize) -> Option<usize> {
    let mut j = i + 1;
    while j < lines.len() && lines[j].trim_start().starts_with(['+', '|']) {
        j += 1;
    }
    let last = (i + 1..j).rev().find(|&k| is_grid_border(lines[k]))?;
    Some(last + 1)
}

/// Whether display columns `a..=b` of a line are a rule under a cell:
/// `+` at both ends, `-`, `=` or `:` between.
fn is_rule(cols: &[&str], a: usize, b: usize) -> bool {
    b < cols.len()
        && b > a + 1
        && cols[a] == "+"
        && cols[b] == "+"
        && cols[a + 1..b].iter().all(|c| matches!(*c, "-" | "=" | ":"))
}

/// A grid table on lines `start..end` (first and last are borders).
fn grid_table(text: &SourceText, start: usize, end: usize) -> Option<CellGrid> {
    let rows: Vec<Vec<&str>> = (start..end)
        .map(|j| columns_of(text.lines[j].text.trim_end()))
        .collect();
    // Column boundaries: every `+` that ends or starts a rule.
    let mut bounds: Vec<usize> = Vec::new();
    for cols in &rows {
        for (p, c) in cols.iter().enumerate() {
            let rule = |q: usize| cols.get(q).is_some_and(|c| matches!(*c, "-" | "=" | ":"));
            if *c == "+" && (rule(p + 1) || p > 0 && rule(p - 1)) {
                bounds.push(p);
            }
        }
    }
    bounds.sort_unstable();
    bounds.dedup();
    let n = bounds.len().checked_sub(1)?;
    if n > MAX_COLS {
        return None;
    }
    // Band boundaries: lines with a rule under some column.
    let rule_at = |k: usize, c: usize| is_rule(&rows[k], bounds[c], bounds[c + 1]);
    let seps: Vec<usize> = (0..rows.len())
        .filter(|&k| (0..n).any(|c| rule_at(k, c)))
        .collect();
    let m = seps.len().checked_sub(1)?;
    if n == 0 || m == 0 {
        return None;
    }
    // Squares joined into cells: across a column boundary with no `|` on
    // the band's lines, down across a separator with no rule under them.
    let mut parent: Vec<usize> = (0..n * m).collect();
    fn root(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    let join = |p: &mut Vec<usize>, a: usize, b: usize| {
        let (ra, rb) = (root(p, a), root(p, b));
        p[ra.max(rb)] = ra.min(rb);
    };
    for r in 0..m {
        let content = seps[r] + 1..seps[r + 1];
        for c in 0..n.saturating_sub(1) {
            let open = content.clone().any(|k| {
                rows[k]
                    .get(bounds[c + 1])
                    .is_none_or(|ch| !matches!(*ch, "|" | "+"))
            });
            if open && !content.is_empty() {
                join(&mut parent, r * n + c, r * n + c + 1);
            }
        }
        if r + 1 < m {
            for c in 0..n {
                if !rule_at(seps[r + 1], c) {
                    join(&mut parent, r * n + c, (r + 1) * n + c);
                }
            }
        }
    }
    // Each cell: the rectangle of its squares.
    let mut extent: Vec<Option<GridCell>> = vec![None; n * m];
    for r in 0..m {
        for c in 0..n {
            let k = root(&mut parent, r * n + c);
            let e = extent[k].get_or_insert(GridCell {
                col: c,
                col_end: c + 1,
                row: r,
                row_end: r + 1,
            });
            e.col = e.col.min(c);
            e.col_end = e.col_end.max(c + 1);
            e.row = e.row.min(r);
            e.row_end = e.row_end.max(r + 1);
        }
    }
    let mut cells = Vec::new();
    for g in extent.into_iter().flatten() {
        let (from, to) = (bounds[g.col] + 1, bounds[g.col_end]);
        let pieces = (seps[g.row] + 1..seps[g.row_end])
            .filter(|&k| !is_rule(&rows[k], bounds[g.col], bounds[g.col_end]))
            .map(|k| {
                let s = slice(&rows[k], from, to);
                let s = if s.trim().bytes().all(|b| matches!(b, b'-' | b'=' | b'+')) {
                    String::new()
                } else {
                    s
                };
                (text.lines[start + k].no, clean_piece(&s))
            })
            .collect();
        cells.push((g, pieces));
    }
    build(n, m, cells, text.lines[start].no.saturating_sub(1), true)
}

// ---------------------------------------------------------------- HTML

/// Whether a line opens an HTML table (`<table`, any case).
fn has_table_tag(line: &str) -> bool {
    line.contains('<') && line.to_ascii_lowercase().contains("<table")
}

/// An HTML table opening at line `i`: one past the line of its matching
/// `</table>`.
fn html_block(lines: &[&str], i: usize) -> Option<usize> {
    let mut depth = 0i32;
    for (j, l) in lines.iter().enumerate().skip(i) {
        if !l.contains('<') {
            continue;
        }
        let low = l.to_ascii_lowercase();
        depth += low.matches("<table").count() as i32;
        depth -= low.matches("</table").count() as i32;
        if depth <= 0 {
            return Some(j + 1);
        }
    }
    None
}

/// One HTML cell being read.
struct HtmlCell {
    rowspan: usize,
    colspan: usize,
    pieces: Vec<(u32, String)>,
}

/// The value of attribute `name` in a tag's text, as a span (1 to 1000).
fn span_attr(tag: &str, name: &str) -> usize {
    let low = tag.to_ascii_lowercase();
    let Some(at) = low.find(name) else {
        return 1;
    };
    let rest = low[at + name.len()..].trim_start();
    let Some(rest) = rest.strip_prefix('=') else {
        return 1;
    };
    let rest = rest.trim_start().trim_start_matches(['"', '\'']);
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse::<usize>().map_or(1, |v| v.clamp(1, 1000))
}

/// Decodes HTML entities: the XML five, `&nbsp;`, numeric ones and the
/// punctuation converters write.
pub(crate) fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .map(|e| e + 1);
        let decoded = end.filter(|&e| rest[e..].starts_with(';')).and_then(|e| {
            let name = &rest[1..e];
            let ch = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                "ndash" => Some('–'),
                "mdash" => Some('—'),
                "hellip" => Some('…'),
                "lsquo" => Some('‘'),
                "rsquo" => Some('’'),
                "ldquo" => Some('“'),
                "rdquo" => Some('”'),
                _ => name.strip_prefix('#').and_then(|num| {
                    let v = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => num.parse::<u32>().ok(),
                    };
                    v.and_then(char::from_u32)
                }),
            };
            ch.map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(if c == '\u{a0}' { ' ' } else { c });
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// An HTML table on lines `start..end`.
fn html_grid(text: &SourceText, start: usize, end: usize) -> Option<CellGrid> {
    let mut rows: Vec<Vec<HtmlCell>> = Vec::new();
    let mut cell: Option<HtmlCell> = None;
    let mut depth = 0usize;
    // Text of the piece being read, and its line.
    let mut piece = String::new();
    let mut piece_line = 0u32;
    let flush = |cell: &mut Option<HtmlCell>, piece: &mut String, line: u32| {
        if let Some(c) = cell.as_mut() {
            let t = decode_entities(piece);
            let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
            if !t.is_empty() {
                c.pieces.push((line, t));
            }
        }
        piece.clear();
    };
    let close_cell = |rows: &mut Vec<Vec<HtmlCell>>, cell: &mut Option<HtmlCell>| {
        if let Some(c) = cell.take() {
            if rows.is_empty() {
                rows.push(Vec::new());
            }
            rows.last_mut().expect("a row").push(c);
        }
    };
    let mut in_tag: Option<String> = None;
    let mut in_comment = false;
    for j in start..end {
        let line = &text.lines[j];
        let s = line.text.as_str();
        let mut k = 0;
        while k < s.len() {
            let rest = &s[k..];
            if in_comment {
                match rest.find("-->") {
                    Some(e) => {
                        in_comment = false;
                        k += e + 3;
                    }
                    None => k = s.len(),
                }
                continue;
            }
            if let Some(tag) = in_tag.as_mut() {
                match rest.find('>') {
                    Some(e) => {
                        tag.push_str(&rest[..e]);
                        k += e + 1;
                    }
                    None => {
                        tag.push_str(rest);
                        tag.push(' ');
                        k = s.len();
                        continue;
                    }
                }
                let tag = in_tag.take().expect("in a tag");
                let low = tag.trim().to_ascii_lowercase();
                let closing = low.starts_with('/');
                let name: String = low
                    .trim_start_matches('/')
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect();
                match (name.as_str(), closing) {
                    ("table", false) => depth += 1,
                    ("table", true) => depth = depth.saturating_sub(1),
                    _ => {}
                }
                match name.as_str() {
                    "tr" if depth == 1 => {
                        flush(&mut cell, &mut piece, piece_line);
                        close_cell(&mut rows, &mut cell);
                        if !closing {
                            rows.push(Vec::new());
                        }
                    }
                    "td" | "th" if depth == 1 => {
                        flush(&mut cell, &mut piece, piece_line);
                        close_cell(&mut rows, &mut cell);
                        if !closing {
                            cell = Some(HtmlCell {
                                rowspan: span_attr(&tag, "rowspan"),
                                colspan: span_attr(&tag, "colspan"),
                                pieces: Vec::new(),
                            });
                        }
                    }
                    "br" | "p" | "div" | "li" | "tr" | "td" | "th" | "table" => {
                        flush(&mut cell, &mut piece, piece_line);
                    }
                    _ => {}
                }
                continue;
            }
            if rest.starts_with("<!--") {
                in_comment = true;
                k += 4;
                continue;
            }
            if rest.starts_with('<')
                && rest[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/')
            {
                in_tag = Some(String::new());
                k += 1;
                continue;
            }
            // Text up to the next `<` (past this character, whatever its length).
            let first = rest.chars().next().map_or(1, char::len_utf8);
            let e = rest[first..].find('<').map_or(rest.len(), |e| e + first);
            if piece.trim().is_empty() {
                piece_line = line.no;
            }
            piece.push_str(&rest[..e]);
            k += e;
        }
        // A source line break ends a piece: its lines stay its lines.
        flush(&mut cell, &mut piece, piece_line);
    }
    close_cell(&mut rows, &mut cell);
    rows.retain(|r| !r.is_empty());
    // Cells onto the grid: each at the first column its row leaves free.
    let mut taken: Vec<Vec<bool>> = Vec::new();
    let mut cells = Vec::new();
    let mut n_cols = 0;
    let n_rows = rows.len();
    for (r, row) in rows.into_iter().enumerate() {
        let mut c = 0;
        for hc in row {
            while taken
                .get(r)
                .and_then(|t| t.get(c))
                .copied()
                .unwrap_or(false)
            {
                c += 1;
            }
            if c >= MAX_COLS {
                break;
            }
            let row_end = (r + hc.rowspan).min(n_rows);
            let col_end = (c + hc.colspan).min(MAX_COLS);
            for rr in r..row_end {
                if taken.len() <= rr {
                    taken.resize(rr + 1, Vec::new());
                }
                if taken[rr].len() < col_end {
                    taken[rr].resize(col_end, false);
                }
                for t in &mut taken[rr][c..col_end] {
                    *t = true;
                }
            }
            n_cols = n_cols.max(col_end);
            let g = GridCell {
                col: c,
                col_end,
                row: r,
                row_end,
            };
            cells.push((g, hc.pieces));
            c = col_end;
        }
    }
    build(
        n_cols,
        n_rows,
        cells,
        text.lines[start].no.saturating_sub(1),
        true,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{read_tables, RowKind};

    fn tables(src: &str) -> Vec<crate::Table> {
        read_tables(&SourceText::from_text(src))
    }

    fn texts(t: &crate::Table) -> Vec<Vec<String>> {
        t.rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.text.clone()).collect())
            .collect()
    }

    #[test]
    fn html_table_with_spans_entities_and_paragraphs() {
        let src = "PHỤ LỤC\n\n<table>\n<thead>\n<tr>\n<th>TT</th>\n<th>Nội dung nhiệm vụ</th>\n<th>Cơ quan chủ trì</th>\n<th>Thời gian hoàn thành</th>\n</tr>\n</thead>\n<tbody>\n<tr><td colspan=\"4\">I. TUYÊN TRUYỀN</td></tr>\n<tr>\n<td>1</td>\n<td><p>Tuyên truyền Luật&nbsp;giao thông</p>\n<p>trên loa &amp; nhóm Zalo</p></td>\n<td rowspan=\"2\">Phòng Văn hóa &#8211; Xã hội</td>\n<td>Quý II/2026</td>\n</tr>\n<tr><td>2</td><td>Tập huấn<br/>cho cán bộ</td><td>Tháng 6/2026</td></tr>\n</tbody>\n</table>\n";
        let t = tables(src);
        assert_eq!(t.len(), 1);
        let t = &t[0];
        assert_eq!(t.columns.len(), 4);
        assert_eq!(t.caption.as_deref(), Some("PHỤ LỤC"));
        assert_eq!(t.rows[0].kind, RowKind::Group);
        assert_eq!(t.rows[0].number.as_deref(), Some("I"));
        let rows = texts(t);
        assert_eq!(
            rows[1],
            [
                "1",
                "Tuyên truyền Luật giao thông trên loa & nhóm Zalo",
                "Phòng Văn hóa – Xã hội",
                "Quý II/2026"
            ]
        );
        // The merged body cell applies to the row it covers too.
        assert_eq!(rows[2][1], "Tập huấn cho cán bộ");
        assert_eq!(rows[2][2], "Phòng Văn hóa – Xã hội");
        assert!(t.rows[2].cells[2].inherited);
        // Lines are the source lines the text is on.
        assert_eq!(t.rows[1].cells[1].lines, vec![16, 17]);
        assert_eq!(t.rows[2].cells[1].lines, vec![21]);
    }

    #[test]
    fn html_rowspan_places_later_cells_right_of_it() {
        let src = "<table><tr><td>TT</td><td>Nội dung</td><td>Cơ quan chủ trì</td></tr>\n<tr><td rowspan=2>1</td><td>a</td><td>X</td></tr>\n<tr><td>b</td><td>Y</td></tr></table>";
        let t = &tables(src)[0];
        assert_eq!(texts(t), vec![vec!["1", "a", "X"], vec!["1", "b", "Y"]]);
    }

    #[test]
    fn html_unclosed_or_broken_markup_does_not_panic() {
        for src in [
            "<table><tr><td>TT</td><td>Nội dung",
            "<table>\n<tr><th>TT</th><th>Ủy ban</th>\n<td rowspan=\"99999\">x<",
            "<table><tr><td>&#xFFFFFFFF; &bogus; &amp</td></tr></table>",
            "<table><!-- <tr> --><tr><td>Ủ</td></tr></table>",
            format!(
                "<table>{}</table>",
                "<tr><td colspan=1000>x</td><td rowspan=1000>y</td></tr>".repeat(500)
            )
            .as_str(),
            format!("{0}+\n| a |\n{0}+", "+-".repeat(5000)).as_str(),
        ] {
            let _ = tables(src);
        }
        assert_eq!(
            decode_entities("a &amp;&lt;b&gt; &#39;c&#x27; &nbsp;d &x &#xFFFFFFFF;"),
            "a &<b> 'c'  d &x &#xFFFFFFFF;"
        );
    }

    #[test]
    fn grid_table_with_header_and_spans() {
        let src = "\
+----+--------------+-----------+
| TT | Nội dung     | Cơ quan   |
|    | nhiệm vụ     | chủ trì   |
+====+==============+===========+
| I  | TUYÊN TRUYỀN             |
+----+--------------+-----------+
| 1  | Tuyên truyền | Phòng Văn |
|    | pháp luật    | hóa \\- Xã |
|    |              | hội       |
+----+--------------+           +
| 2  | Tập huấn     |           |
+----+--------------+-----------+
";
        let t = tables(src);
        assert_eq!(t.len(), 1);
        let t = &t[0];
        assert_eq!(t.columns[1].label, "Nội dung nhiệm vụ");
        assert_eq!(t.rows[0].kind, RowKind::Group);
        assert_eq!(t.rows[0].group_text.as_deref(), Some("TUYÊN TRUYỀN"));
        let rows = texts(t);
        assert_eq!(
            rows[1],
            ["1", "Tuyên truyền pháp luật", "Phòng Văn hóa - Xã hội"]
        );
        assert_eq!(rows[2], ["2", "Tập huấn", "Phòng Văn hóa - Xã hội"]);
        assert_eq!(t.rows[1].cells[2].lines, vec![7, 8, 9]);
    }

    #[test]
    fn multiline_table_rows_apart_by_blank_lines() {
        let src = "\
  ------------------------------------------------
  **TT**  **Nội dung**     **Cơ quan  **Thời
                           chủ trì**  gian**
  ------- ---------------- ---------- ------------
  **I**   **TUYÊN
          TRUYỀN**

  1       Tuyên truyền     Phòng Văn  Quý II/2026
          pháp luật        hóa -- Xã
                           hội

  2       Tập huấn \\>      Công an xã Tháng
          50% cán bộ                  6/2026
  ------------------------------------------------
";
        let t = tables(src);
        assert_eq!(t.len(), 1);
        let t = &t[0];
        assert_eq!(t.columns[2].label, "Cơ quan chủ trì");
        assert_eq!(t.rows[0].kind, RowKind::Group);
        let rows = texts(t);
        assert_eq!(
            rows[1],
            [
                "1",
                "Tuyên truyền pháp luật",
                "Phòng Văn hóa – Xã hội",
                "Quý II/2026"
            ]
        );
        assert_eq!(
            rows[2],
            ["2", "Tập huấn > 50% cán bộ", "Công an xã", "Tháng 6/2026"]
        );
        assert_eq!(t.rows[1].lines, (8, 10));
    }

    #[test]
    fn multiline_two_level_header_lost_by_the_converter() {
        // pandoc drops the cell spanning the years: they come out as the
        // first row, with nothing under TT.
        let src = "\
  -------------------------------------------
  **TT**  **Chỉ tiêu**  **Mục
                        tiêu**
  ------- ------------- -------- -----------
                        **Năm    **Năm
                        2026**   2030**

  1       Tỷ lệ hộ      85       100
  -------------------------------------------
";
        let t = &tables(src)[0];
        assert_eq!(t.columns[2].label, "Mục tiêu Năm 2026");
        assert_eq!(t.columns[3].label, "Năm 2030");
        assert_eq!(t.header_lines, (2, 6));
        assert_eq!(texts(t), vec![vec!["1", "Tỷ lệ hộ", "85", "100"]]);
    }

    #[test]
    fn a_horizontal_rule_is_not_a_table() {
        let src = "Căn cứ\n\n------------------------------------------------\n\nTT Nội dung\n";
        assert!(find_blocks(&SourceText::from_text(src)).is_empty());
        let src = "+---+\n| a |\n";
        assert!(find_blocks(&SourceText::from_text(src)).is_empty());
    }

    #[test]
    fn pandoc_escapes_and_dashes() {
        assert_eq!(clean_piece("\\>60%"), ">60%");
        assert_eq!(clean_piece("**Cơ quan**\\"), "Cơ quan");
        assert_eq!(clean_piece("2025--2030 --- hết"), "2025–2030 — hết");
        assert_eq!(unescape("a\\b \\[x\\]"), "a\\b [x]");
    }
}
