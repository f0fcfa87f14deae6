//! WordprocessingML (`word/document.xml`) into blocks: paragraphs as Word
//! shows them and tables with their merges resolved.
//!
//! What Word shows, and so what is read: automatic numbering rendered into
//! the text; insertions kept and deletions dropped (tracked changes);
//! fields by their result, not their code; soft breaks as line breaks,
//! tabs and non-breaking spaces as spaces; text boxes (once, not again from
//! their VML fallback) and content controls; hidden text (`w:vanish`) left
//! out. Headers and footers are other parts and are not read.

use crate::model::{Block, GridBuilder, VMerge, XTable};
use crate::numbering::Numbering;
use roxmltree::Node;
use std::collections::HashMap;

/// The WordprocessingML namespace.
pub(crate) const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/// Elements nest at most this deep before the reader stops descending (a
/// real document nests a few tables; a hostile one could nest thousands).
pub(crate) const MAX_DEPTH: usize = 48;

/// A `w:` attribute's value.
pub(crate) fn attr<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attribute((W, name))
}

/// The first `w:` child element named `name`.
pub(crate) fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children()
        .find(|c| c.tag_name().name() == name && c.tag_name().namespace() == Some(W))
}

/// Whether an on/off property (`<w:vanish/>`, `<w:tblHeader w:val="0"/>`)
/// is on.
fn on(node: Option<Node>) -> bool {
    node.is_some_and(|n| !matches!(attr(n, "val"), Some("0" | "false" | "off")))
}

fn is_w(node: Node, name: &str) -> bool {
    node.tag_name().name() == name && node.tag_name().namespace() == Some(W)
}

/// Paragraph styles' numbering (`w:numPr` in a style, inherited through
/// `w:basedOn`): headings are often numbered by their style.
#[derive(Debug, Default)]
pub(crate) struct Styles {
    /// style id -> what the style itself sets.
    own: HashMap<String, StyleNumbering>,
}

/// A paragraph style's own numbering (`numId`, `ilvl`) and its base style.
type StyleNumbering = (Option<String>, Option<usize>, Option<String>);

impl Styles {
    /// Reads `word/styles.xml`.
    pub(crate) fn read(doc: &roxmltree::Document) -> Styles {
        let mut s = Styles::default();
        for st in doc
            .root_element()
            .children()
            .filter(|c| is_w(*c, "style") && attr(*c, "type") == Some("paragraph"))
        {
            let Some(id) = attr(st, "styleId") else {
                continue;
            };
            let num_pr = child(st, "pPr").and_then(|p| child(p, "numPr"));
            let num_id = num_pr
                .and_then(|n| child(n, "numId"))
                .and_then(|n| attr(n, "val"))
                .map(str::to_string);
            let ilvl = num_pr
                .and_then(|n| child(n, "ilvl"))
                .and_then(|n| attr(n, "val"))
                .and_then(|v| v.parse().ok());
            let based = child(st, "basedOn")
                .and_then(|b| attr(b, "val"))
                .map(str::to_string);
            s.own.insert(id.to_string(), (num_id, ilvl, based));
        }
        s
    }

    /// The numbering a style gives its paragraphs, following `basedOn`.
    fn numbering(&self, style: &str) -> (Option<String>, Option<usize>) {
        let (mut num, mut lvl) = (None, None);
        let mut at = Some(style.to_string());
        for _ in 0..16 {
            let Some((n, l, base)) = at.as_deref().and_then(|s| self.own.get(s)) else {
                break;
            };
            num = num.or_else(|| n.clone());
            lvl = lvl.or(*l);
            at = base.clone();
        }
        (num, lvl)
    }
}

/// Reads a document part's body into blocks.
pub(crate) struct Reader<'s> {
    pub numbering: Numbering,
    pub styles: &'s Styles,
    /// Content left out because it nested deeper than [`MAX_DEPTH`].
    pub too_deep: bool,
}

/// Where a run is in a complex field: its code (not shown) or its result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Code,
    Result,
}

/// The text of one paragraph being read.
struct Para {
    text: String,
    fields: Vec<Field>,
    /// Text boxes anchored in the paragraph: their blocks go before it.
    boxes: Vec<Block>,
}

impl Reader<'_> {
    /// Block-level content of `node` (the body, a cell, a text box, a
    /// content control) into `out`.
    pub(crate) fn blocks(&mut self, node: Node, depth: usize, out: &mut Vec<Block>) {
        if depth > MAX_DEPTH {
            self.too_deep = true;
            return;
        }
        for c in node.children().filter(|c| c.is_element()) {
            let ns = c.tag_name().namespace();
            match (ns, c.tag_name().name()) {
                (Some(W), "p") => self.paragraph(c, depth, out),
                (Some(W), "tbl") => {
                    let t = self.table(c, depth + 1);
                    if t.n_rows > 0 && t.n_cols > 0 {
                        out.push(Block::Table(t));
                    }
                }
                (Some(W), "sdtContent" | "customXml" | "ins" | "moveTo" | "smartTag") => {
                    self.blocks(c, depth + 1, out)
                }
                (Some(W), "sdt") => {
                    if let Some(content) = child(c, "sdtContent") {
                        self.blocks(content, depth + 1, out);
                    }
                }
                (Some(MC), "AlternateContent") => {
                    if let Some(choice) = alternate(c) {
                        self.blocks(choice, depth + 1, out);
                    }
                }
                _ => {}
            }
        }
    }

    fn paragraph(&mut self, p: Node, depth: usize, out: &mut Vec<Block>) {
        let mut para = Para {
            text: String::new(),
            fields: Vec::new(),
            boxes: Vec::new(),
        };
        self.inline(p, depth + 1, &mut para);
        let label = self.label(p);
        out.append(&mut para.boxes);
        // Word prints the label of a numbered paragraph even when it holds
        // no text: an auto-numbered TT cell is just that.
        let text = match label {
            Some(l) => l + para.text.trim_start(),
            None => para.text,
        };
        out.push(Block::Para(text));
    }

    /// The list label of a paragraph, from its own `w:numPr` or its style's.
    fn label(&mut self, p: Node) -> Option<String> {
        let ppr = child(p, "pPr")?;
        let own = child(ppr, "numPr");
        let own_id = own
            .and_then(|n| child(n, "numId"))
            .and_then(|n| attr(n, "val"))
            .map(str::to_string);
        let own_lvl = own
            .and_then(|n| child(n, "ilvl"))
            .and_then(|n| attr(n, "val"))
            .and_then(|v| v.parse::<usize>().ok());
        let (style_id, style_lvl) = child(ppr, "pStyle")
            .and_then(|s| attr(s, "val"))
            .map(|s| self.styles.numbering(s))
            .unwrap_or_default();
        let num_id = own_id.or(style_id)?;
        if num_id == "0" {
            return None;
        }
        self.numbering
            .next_label(&num_id, own_lvl.or(style_lvl).unwrap_or(0))
    }

    /// Inline content of a paragraph (or of a hyperlink, an insertion, a
    /// field, a content control inside it).
    fn inline(&mut self, node: Node, depth: usize, para: &mut Para) {
        if depth > MAX_DEPTH {
            self.too_deep = true;
            return;
        }
        for c in node.children().filter(|c| c.is_element()) {
            let ns = c.tag_name().namespace();
            match (ns, c.tag_name().name()) {
                (Some(W), "r") => self.run(c, depth + 1, para),
                (
                    Some(W),
                    "ins" | "moveTo" | "hyperlink" | "smartTag" | "fldSimple" | "customXml" | "dir"
                    | "bdo" | "sdtContent",
                ) => self.inline(c, depth + 1, para),
                (Some(W), "sdt") => {
                    if let Some(content) = child(c, "sdtContent") {
                        self.inline(content, depth + 1, para);
                    }
                }
                (Some(MC), "AlternateContent") => {
                    if let Some(choice) = alternate(c) {
                        self.inline(choice, depth + 1, para);
                    }
                }
                _ => {}
            }
        }
    }

    fn run(&mut self, r: Node, depth: usize, para: &mut Para) {
        let hidden = child(r, "rPr").is_some_and(|p| on(child(p, "vanish")));
        for c in r.children().filter(|c| c.is_element()) {
            let ns = c.tag_name().namespace();
            let in_code = para.fields.last() == Some(&Field::Code);
            match (ns, c.tag_name().name()) {
                (Some(W), "t") if !in_code && !hidden => para.text.push_str(c.text().unwrap_or("")),
                (Some(W), "tab" | "ptab") if !in_code && !hidden => para.text.push(' '),
                (Some(W), "br" | "cr") if !in_code && !hidden => para.text.push('\n'),
                (Some(W), "noBreakHyphen") if !in_code && !hidden => para.text.push('-'),
                (Some(W), "sym") if !in_code && !hidden => {
                    let ch = attr(c, "char")
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .and_then(|v| {
                            char::from_u32(if (0xF020..0xF07F).contains(&v) {
                                v - 0xF000
                            } else {
                                v
                            })
                        });
                    if let Some(ch) = ch.filter(|c| !('\u{F000}'..='\u{F0FF}').contains(c)) {
                        para.text.push(ch);
                    }
                }
                (Some(W), "fldChar") => match attr(c, "fldCharType") {
                    Some("begin") => para.fields.push(Field::Code),
                    Some("separate") => {
                        if let Some(f) = para.fields.last_mut() {
                            *f = Field::Result;
                        }
                    }
                    Some("end") => {
                        para.fields.pop();
                    }
                    _ => {}
                },
                (Some(W), "drawing" | "pict" | "object") => self.text_boxes(c, depth + 1, para),
                (Some(MC), "AlternateContent") => {
                    if let Some(choice) = alternate(c) {
                        self.run(choice, depth + 1, para);
                    }
                }
                _ => {}
            }
        }
    }

    /// The text boxes inside a drawing: each box's content, read as blocks.
    fn text_boxes(&mut self, node: Node, depth: usize, para: &mut Para) {
        if depth > MAX_DEPTH {
            self.too_deep = true;
            return;
        }
        for c in node.children().filter(|c| c.is_element()) {
            if is_w(c, "txbxContent") {
                let mut blocks = Vec::new();
                self.blocks(c, depth + 1, &mut blocks);
                para.boxes.append(&mut blocks);
            } else if c.tag_name().namespace() == Some(MC)
                && c.tag_name().name() == "AlternateContent"
            {
                if let Some(choice) = alternate(c) {
                    self.text_boxes(choice, depth + 1, para);
                }
            } else {
                self.text_boxes(c, depth + 1, para);
            }
        }
    }

    /// A table: rows (deleted rows dropped), cells with their column spans
    /// and vertical merges.
    fn table(&mut self, tbl: Node, depth: usize) -> XTable {
        let mut grid = GridBuilder::default();
        if depth > MAX_DEPTH {
            self.too_deep = true;
            return grid.finish();
        }
        let mut rows = Vec::new();
        collect(tbl, "tr", &mut rows, depth);
        for tr in rows {
            let trpr = child(tr, "trPr");
            if trpr.is_some_and(|p| child(p, "del").is_some()) {
                continue;
            }
            let skip = trpr
                .and_then(|p| child(p, "gridBefore"))
                .and_then(|g| attr(g, "val"))
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(0)
                .min(64);
            grid.start_row(skip);
            let mut cells = Vec::new();
            collect(tr, "tc", &mut cells, depth);
            for tc in cells {
                let tcpr = child(tc, "tcPr");
                let span = tcpr
                    .and_then(|p| child(p, "gridSpan"))
                    .and_then(|g| attr(g, "val"))
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, 64);
                let merge = match tcpr.and_then(|p| child(p, "vMerge")) {
                    Some(v) if attr(v, "val") != Some("restart") => VMerge::Continue,
                    _ => VMerge::No,
                };
                let mut blocks = Vec::new();
                self.blocks(tc, depth + 1, &mut blocks);
                grid.cell(span, merge, blocks);
            }
            grid.end_row();
        }
        grid.finish()
    }
}

/// The `w:name` children of `node`, also those wrapped in content
/// controls, custom XML or insertions (rows and cells can be).
fn collect<'a, 'i>(node: Node<'a, 'i>, name: &str, out: &mut Vec<Node<'a, 'i>>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    for c in node.children().filter(|c| c.is_element()) {
        if is_w(c, name) {
            out.push(c);
        } else if is_w(c, "sdt") {
            if let Some(content) = child(c, "sdtContent") {
                collect(content, name, out, depth + 1);
            }
        } else if is_w(c, "customXml") || is_w(c, "ins") || is_w(c, "moveTo") {
            collect(c, name, out, depth + 1);
        }
    }
}

/// The branch of `mc:AlternateContent` a reader takes: the first
/// `mc:Choice` (what Word shows), else the `mc:Fallback`; never both, or a
/// text box would be read twice.
fn alternate<'a, 'i>(node: Node<'a, 'i>) -> Option<Node<'a, 'i>> {
    let branch = |name: &str| {
        node.children()
            .find(|c| c.tag_name().namespace() == Some(MC) && c.tag_name().name() == name)
    };
    branch("Choice").or_else(|| branch("Fallback"))
}
