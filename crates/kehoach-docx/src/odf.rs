//! OpenDocument text (`content.xml`) into blocks: paragraphs and headings,
//! lists with their labels (from the list styles), tables with their
//! spans, text boxes; tracked deletions (kept aside in
//! `text:tracked-changes`) are not read, notes are not part of the text.

use crate::model::{Block, GridBuilder, VMerge, XTable};
use crate::numbering::{letters, roman};
use crate::wordml::MAX_DEPTH;
use roxmltree::{Document, Node};
use std::collections::HashMap;

const TEXT: &str = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
const TABLE: &str = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
const OFFICE: &str = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
const DRAW: &str = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0";
const STYLE: &str = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";

fn is(node: Node, ns: &str, name: &str) -> bool {
    node.tag_name().namespace() == Some(ns) && node.tag_name().name() == name
}

/// One level of a list style.
#[derive(Debug, Clone, Default)]
struct Level {
    /// `1`, `a`, `A`, `i`, `I`, or empty for none; `None` for a bullet.
    format: Option<String>,
    bullet: String,
    prefix: String,
    suffix: String,
    start: u32,
    display: usize,
}

struct Reader {
    /// list style name -> levels (1-based level - 1).
    lists: HashMap<String, Vec<Level>>,
    /// Counters per list style.
    counters: HashMap<String, Vec<u32>>,
    too_deep: bool,
}

fn read_styles(root: Node, r: &mut Reader) {
    for st in root.descendants().filter(|n| n.is_element()) {
        if is(st, TEXT, "list-style") {
            let Some(name) = st.attribute((STYLE, "name")) else {
                continue;
            };
            let mut levels = vec![Level::default(); 10];
            for lv in st.children().filter(|c| c.is_element()) {
                let l = lv
                    .attribute((TEXT, "level"))
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, 10)
                    - 1;
                let mut level = Level {
                    prefix: lv
                        .attribute((STYLE, "num-prefix"))
                        .unwrap_or("")
                        .to_string(),
                    suffix: lv
                        .attribute((STYLE, "num-suffix"))
                        .unwrap_or("")
                        .to_string(),
                    start: lv
                        .attribute((TEXT, "start-value"))
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(1),
                    display: lv
                        .attribute((TEXT, "display-levels"))
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(1),
                    ..Level::default()
                };
                if is(lv, TEXT, "list-level-style-number") {
                    level.format = Some(
                        lv.attribute((STYLE, "num-format"))
                            .unwrap_or("")
                            .to_string(),
                    );
                } else if is(lv, TEXT, "list-level-style-bullet") {
                    level.bullet = lv
                        .attribute((TEXT, "bullet-char"))
                        .unwrap_or("•")
                        .to_string();
                }
                levels[l] = level;
            }
            r.lists.insert(name.to_string(), levels);
        }
    }
}

/// A list number in an ODF `style:num-format` (`1`, `I`, `i`, `A`, `a`).
fn format(n: u32, f: &str) -> String {
    match f {
        "I" => roman(n),
        "i" => roman(n).to_lowercase(),
        "a" => letters(n.max(1)),
        "A" => letters(n.max(1)).to_uppercase(),
        "" => String::new(),
        _ => n.to_string(),
    }
}

impl Reader {
    /// A paragraph or heading: its text, after the blocks of the text boxes
    /// it anchors (those go into `out` first).
    fn para_text(&mut self, p: Node, depth: usize, out: &mut Vec<Block>) -> String {
        let mut text = String::new();
        let mut boxes = Vec::new();
        self.inline(p, depth + 1, &mut text, &mut boxes);
        out.append(&mut boxes);
        text
    }

    /// The label of the next item of list style `style` at `level` (0-based).
    fn label(&mut self, style: &str, level: usize, restart: Option<u32>) -> Option<String> {
        let levels = self.lists.get(style)?;
        let level = level.min(9);
        let this = levels[level].clone();
        let counters = self
            .counters
            .entry(style.to_string())
            .or_insert_with(|| vec![0; 10]);
        counters[level] = match restart {
            Some(v) => v,
            None if counters[level] == 0 => this.start,
            None => counters[level] + 1,
        };
        for deeper in counters.iter_mut().skip(level + 1) {
            *deeper = 0;
        }
        let label = match &this.format {
            None => this.bullet.clone(),
            Some(f) => {
                let from = level + 1 - this.display.clamp(1, level + 1);
                let parts: Vec<String> = (from..=level)
                    .map(|l| {
                        let f = if l == level {
                            f.as_str()
                        } else {
                            levels[l].format.as_deref().unwrap_or("1")
                        };
                        format(counters[l].max(1), f)
                    })
                    .collect();
                let num = parts.join(".");
                if num.is_empty() {
                    return None;
                }
                format!("{}{}{}", this.prefix, num, this.suffix)
            }
        };
        let label = label.trim().to_string();
        (!label.is_empty()).then(|| label + " ")
    }

    fn blocks(
        &mut self,
        node: Node,
        list: Option<(&str, usize)>,
        depth: usize,
        out: &mut Vec<Block>,
    ) {
        if depth > MAX_DEPTH {
            self.too_deep = true;
            return;
        }
        for c in node.children().filter(|c| c.is_element()) {
            if self.leaf(c, depth, out) {
                continue;
            }
            if is(c, TEXT, "list") {
                let style = c.attribute((TEXT, "style-name")).map(str::to_string);
                let (name, level) = match (style, list) {
                    (Some(s), None) => (s, 0),
                    (Some(_), Some((outer, l))) | (None, Some((outer, l))) => {
                        (outer.to_string(), l + 1)
                    }
                    (None, None) => (String::new(), 0),
                };
                let continues = c.attribute((TEXT, "continue-numbering")) == Some("true")
                    || c.attribute((TEXT, "continue-list")).is_some();
                if list.is_none() && !continues {
                    self.counters.remove(&name);
                }
                self.list_items(c, &name, level, depth, out);
            } else if is(c, TEXT, "section")
                || is(c, TEXT, "index-body")
                || is(c, TABLE, "table-header-rows")
            {
                self.blocks(c, list, depth + 1, out);
            } else if is(c, TEXT, "table-of-content") {
                if let Some(body) = c.children().find(|b| is(*b, TEXT, "index-body")) {
                    self.blocks(body, list, depth + 1, out);
                }
            }
        }
    }

    /// A list item: its first paragraph gets the label; nested lists go one
    /// level deeper.
    fn item(
        &mut self,
        item: Node,
        style: &str,
        level: usize,
        restart: Option<u32>,
        depth: usize,
        out: &mut Vec<Block>,
    ) {
        let header = is(item, TEXT, "list-header");
        let mut labelled = header;
        for c in item.children().filter(|c| c.is_element()) {
            if !labelled && (is(c, TEXT, "p") || is(c, TEXT, "h")) {
                labelled = true;
                let text = self.para_text(c, depth, out);
                let label = if text.trim().is_empty() {
                    None
                } else {
                    self.label(style, level, restart)
                };
                out.push(Block::Para(match label {
                    Some(l) => l + text.trim_start(),
                    None => text,
                }));
            } else {
                self.child_block(c, style, level, depth + 1, out);
            }
        }
    }

    /// The items of a list at `level` of list style `style`.
    fn list_items(
        &mut self,
        list: Node,
        style: &str,
        level: usize,
        depth: usize,
        out: &mut Vec<Block>,
    ) {
        for item in list
            .children()
            .filter(|i| is(*i, TEXT, "list-item") || is(*i, TEXT, "list-header"))
        {
            let restart = item
                .attribute((TEXT, "start-value"))
                .and_then(|v| v.parse().ok());
            self.item(item, style, level, restart, depth + 1, out);
        }
    }

    /// A paragraph, heading or table into `out`; `false` for anything else.
    fn leaf(&mut self, c: Node, depth: usize, out: &mut Vec<Block>) -> bool {
        if is(c, TEXT, "p") || is(c, TEXT, "h") {
            let text = self.para_text(c, depth, out);
            out.push(Block::Para(text));
        } else if is(c, TABLE, "table") {
            let t = self.table(c, depth + 1);
            if t.n_rows > 0 && t.n_cols > 0 {
                out.push(Block::Table(t));
            }
        } else {
            return false;
        }
        true
    }

    /// A list item's child after its first paragraph: a nested list, a
    /// paragraph or a table.
    fn child_block(
        &mut self,
        c: Node,
        style: &str,
        level: usize,
        depth: usize,
        out: &mut Vec<Block>,
    ) {
        if is(c, TEXT, "list") {
            // A nested list: one level deeper in the same list style unless it names its own.
            let own = c.attribute((TEXT, "style-name"));
            let name = own.unwrap_or(style).to_string();
            let lvl = if own.is_some_and(|o| o != style) {
                0
            } else {
                level + 1
            };
            self.list_items(c, &name, lvl, depth, out);
        } else {
            self.leaf(c, depth, out);
        }
    }

    fn inline(&mut self, node: Node, depth: usize, text: &mut String, boxes: &mut Vec<Block>) {
        if depth > MAX_DEPTH {
            self.too_deep = true;
            return;
        }
        for c in node.children() {
            if c.is_text() {
                text.push_str(c.text().unwrap_or(""));
                continue;
            }
            if !c.is_element() {
                continue;
            }
            if is(c, TEXT, "s") || is(c, TEXT, "tab") {
                text.push(' ');
            } else if is(c, TEXT, "line-break") {
                text.push('\n');
            } else if is(c, TEXT, "note")
                || is(c, OFFICE, "annotation")
                || is(c, TEXT, "tracked-changes")
            {
                // Notes and comments are not part of the running text.
            } else if is(c, DRAW, "frame") {
                for tb in c.children().filter(|b| is(*b, DRAW, "text-box")) {
                    self.blocks(tb, None, depth + 1, boxes);
                }
            } else {
                // Spans, links, fields: their text.
                self.inline(c, depth + 1, text, boxes);
            }
        }
    }

    fn table(&mut self, tbl: Node, depth: usize) -> XTable {
        let mut grid = GridBuilder::default();
        if depth > MAX_DEPTH {
            self.too_deep = true;
            return grid.finish();
        }
        // Rows, also inside header-row and row-group wrappers; per column,
        // the rows a merged cell above still covers.
        let mut rows = Vec::new();
        fn rows_of<'a, 'i>(n: Node<'a, 'i>, out: &mut Vec<Node<'a, 'i>>, depth: usize) {
            if depth > MAX_DEPTH {
                return;
            }
            for c in n.children().filter(|c| c.is_element()) {
                if is(c, TABLE, "table-row") {
                    out.push(c);
                } else if is(c, TABLE, "table-header-rows")
                    || is(c, TABLE, "table-rows")
                    || is(c, TABLE, "table-row-group")
                {
                    rows_of(c, out, depth + 1);
                }
            }
        }
        rows_of(tbl, &mut rows, depth);
        for tr in rows {
            let repeat = tr
                .attribute((TABLE, "number-rows-repeated"))
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(1)
                .clamp(1, 4);
            for _ in 0..repeat {
                grid.start_row(0);
                // Covered cells still to come that a span in this row covers.
                let mut spanned = 0usize;
                for tc in tr.children().filter(|c| c.is_element()) {
                    let covered = is(tc, TABLE, "covered-table-cell");
                    if !covered && !is(tc, TABLE, "table-cell") {
                        continue;
                    }
                    let n = tc
                        .attribute((TABLE, "number-columns-repeated"))
                        .and_then(|v| v.parse::<usize>().ok())
                        .unwrap_or(1)
                        .clamp(1, 64);
                    for _ in 0..n {
                        if covered {
                            if spanned > 0 {
                                // Covered by a cell to its left, whose span counts it.
                                spanned -= 1;
                            } else {
                                // Covered by a cell above: continues it.
                                grid.cell(1, VMerge::Continue, Vec::new());
                            }
                            continue;
                        }
                        let cspan = tc
                            .attribute((TABLE, "number-columns-spanned"))
                            .and_then(|v| v.parse::<usize>().ok())
                            .unwrap_or(1)
                            .clamp(1, 64);
                        let mut blocks = Vec::new();
                        self.blocks(tc, None, depth + 1, &mut blocks);
                        grid.cell(cspan, VMerge::No, blocks);
                        spanned = cspan - 1;
                    }
                }
                grid.end_row();
            }
        }
        grid.finish()
    }
}

/// Reads `content.xml` (with `styles.xml` for list styles).
pub(crate) fn read(content: &Document, styles: Option<&Document>) -> (Vec<Block>, bool) {
    let mut r = Reader {
        lists: HashMap::new(),
        counters: HashMap::new(),
        too_deep: false,
    };
    if let Some(s) = styles {
        read_styles(s.root_element(), &mut r);
    }
    read_styles(content.root_element(), &mut r);
    let mut out = Vec::new();
    let body = content
        .root_element()
        .children()
        .find(|c| is(*c, OFFICE, "body"))
        .and_then(|b| b.children().find(|c| is(*c, OFFICE, "text")));
    if let Some(body) = body {
        r.blocks(body, None, 0, &mut out);
    }
    (out, r.too_deep)
}
