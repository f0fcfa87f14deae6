//! Glyphs and ruling lines from pdf-extract's positioned output.

use crate::limits;
use pdf_extract::{ColorSpace, MediaBox, OutputDev, OutputError, Path, PathOp, Transform};

/// One glyph: its text and its box in page space, y growing downwards
/// (top of the page is 0), in PDF points.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// 1-based page number.
    pub page: u32,
    /// Left edge.
    pub x0: f32,
    /// Right edge (left edge plus advance).
    pub x1: f32,
    /// Baseline.
    pub y: f32,
    /// Font size in points (the text matrix's scale included).
    pub size: f32,
    /// The text the font maps the glyph to (may be empty or several chars).
    pub text: String,
}

/// A straight ruling segment, horizontal or vertical, in the same space.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    /// 1-based page number.
    pub page: u32,
    /// Start and end; `x0 <= x1`, `y0 <= y1`.
    pub x0: f32,
    /// See `x0`.
    pub y0: f32,
    /// See `x0`.
    pub x1: f32,
    /// See `x0`.
    pub y1: f32,
}

impl Rule {
    /// Whether the segment is horizontal (wider than tall).
    pub fn horizontal(&self) -> bool {
        self.x1 - self.x0 >= self.y1 - self.y0
    }
}

/// What is done with each page when it ends, so that only one page's
/// glyphs are ever held: its fonts repaired, then the page composed.
pub(crate) struct PageSink<'a> {
    repair: crate::fonts::Repair<'a>,
    /// Each page's object, by page number (pdf-extract reads them in this
    /// order).
    ids: std::collections::BTreeMap<u32, pdf_extract::ObjectId>,
    /// The pages composed so far.
    pub composed: crate::layout::Composed,
    /// Per page (index = page - 1), whether any glyph has text once
    /// repaired.
    pub with_text: Vec<bool>,
    /// The first page whose font repair failed: reading goes on (an error
    /// in a later page's reading comes first, as when the repair ran after
    /// reading), nothing more is repaired or composed, and this is the
    /// result if reading succeeds.
    pub failed: Option<crate::PdfError>,
    /// A panic while composing, raised again once reading is done (where
    /// composing used to run), outside the reader's panic guard.
    pub compose_panic: Option<Box<dyn std::any::Any + Send>>,
}

impl<'a> PageSink<'a> {
    pub(crate) fn new(doc: &'a pdf_extract::Document, lazy: &'a limits::PageStreams) -> Self {
        PageSink {
            repair: crate::fonts::Repair::new(doc, lazy),
            ids: doc.get_pages(),
            composed: crate::layout::Composed::default(),
            with_text: Vec::new(),
            failed: None,
            compose_panic: None,
        }
    }

    /// The notes of font repair.
    pub(crate) fn notes(self) -> Vec<String> {
        self.repair.notes()
    }

    /// Page `page` has ended with `glyphs` and `rules`.
    fn page_done(&mut self, page: u32, glyphs: &mut [Glyph], rules: &[Rule]) {
        if self.failed.is_some() || self.compose_panic.is_some() {
            return;
        }
        let Some(&id) = self.ids.get(&page) else {
            return;
        };
        crate::reading("the fonts", 0);
        let repaired = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.repair.page(id, glyphs)
        }));
        crate::reading("the pages", page);
        match repaired {
            Ok(Ok(())) => {}
            Ok(Err(e)) => {
                self.failed = Some(e);
                return;
            }
            Err(p) => {
                self.failed = Some(crate::panic_to_error(p.as_ref()));
                return;
            }
        }
        let k = page as usize - 1;
        if self.with_text.len() <= k {
            self.with_text.resize(k + 1, false);
        }
        self.with_text[k] = glyphs.iter().any(|g| !g.text.trim().is_empty());
        let composed = &mut self.composed;
        let done = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            crate::layout::compose_page(page, glyphs, rules, composed)
        }));
        if let Err(p) = done {
            self.compose_panic = Some(p);
        }
    }
}

/// Collects glyphs and rules, page by page.
#[derive(Default)]
pub(crate) struct Collector<'a> {
    /// The glyphs read: the current page's only when `sink` is set, which
    /// takes each page's when it ends; otherwise every page's.
    pub glyphs: Vec<Glyph>,
    /// Glyphs read in all, counted against [`limits::MAX_GLYPHS`].
    total_glyphs: usize,
    /// Where each page goes when it ends.
    pub sink: Option<PageSink<'a>>,
    pub rules: Vec<Rule>,
    /// Pages begun.
    pub pages: u32,
    /// Each page's size as shown (width, height in points, its `/Rotate`
    /// applied), in page order: the review page draws the pages at it.
    pub page_sizes: Vec<[f32; 2]>,
    page: u32,
    /// Page box (llx, lly, urx, ury), to flip y and turn a rotated page.
    bbox: (f64, f64, f64, f64),
    /// Per page (index = page - 1), its `/Rotate` in quarter turns
    /// clockwise (0-3), set before reading.
    pub rotations: Vec<u8>,
    /// The current page's.
    quarter_turns: u8,
    /// Glyphs of the current page, and where its rules start in `rules`,
    /// to count them against the limits.
    page_glyphs: usize,
    page_rules_start: usize,
    /// The limit a page went past: reading stopped there.
    pub exceeded: Option<crate::PdfError>,
}

/// Rectangles thinner than this (points) are rules, not shaded areas.
const RULE_THICKNESS: f64 = 3.0;

impl Collector<'_> {
    /// Stops reading with `e` (pdf-extract's error only ends its loop; the
    /// caller returns `e`).
    fn stop(&mut self, e: crate::PdfError) -> Result<(), OutputError> {
        self.exceeded = Some(e);
        Err(OutputError::FormatError(std::fmt::Error))
    }

    /// Counts the page's rules against [`limits::MAX_RULES_PER_PAGE`].
    fn check_rules(&mut self) -> Result<(), OutputError> {
        let page_rules = self.rules.len() - self.page_rules_start;
        if page_rules > limits::MAX_RULES_PER_PAGE {
            return self.stop(limits::exceeded(
                "ruling lines on one page",
                limits::MAX_RULES_PER_PAGE,
                page_rules,
                "MAX_RULES_PER_PAGE",
            ));
        }
        Ok(())
    }

    /// A point of the page's user space (y up) as the page is shown: y
    /// down from the top, the page turned by its `/Rotate` (a landscape
    /// page written as a portrait one turned a quarter reads left to
    /// right like any other).
    fn flip(&self, x: f64, y: f64) -> (f32, f32) {
        let (llx, lly, urx, ury) = self.bbox;
        let (sx, sy) = match self.quarter_turns {
            1 => (y - lly, x - llx),
            2 => (urx - x, y - lly),
            3 => (ury - y, urx - x),
            _ => (x - llx, ury - y),
        };
        (sx as f32, sy as f32)
    }

    fn push_segment(&mut self, a: (f64, f64), b: (f64, f64)) {
        let (ax, ay) = self.flip(a.0, a.1);
        let (bx, by) = self.flip(b.0, b.1);
        let (x0, x1) = (ax.min(bx), ax.max(bx));
        let (y0, y1) = (ay.min(by), ay.max(by));
        // Only axis-aligned segments rule tables.
        if (x1 - x0) < 1.0 || (y1 - y0) < 1.0 {
            self.rules.push(Rule {
                page: self.page,
                x0,
                y0,
                x1,
                y1,
            });
        }
    }

    fn path(&mut self, ctm: &Transform, path: &Path, filled: bool) {
        let at = |x: f64, y: f64| {
            (
                x * ctm.m11 + y * ctm.m21 + ctm.m31,
                x * ctm.m12 + y * ctm.m22 + ctm.m32,
            )
        };
        let mut start = None;
        let mut current = None;
        for op in &path.ops {
            match *op {
                PathOp::MoveTo(x, y) => {
                    current = Some(at(x, y));
                    start = current;
                }
                PathOp::LineTo(x, y) => {
                    let p = at(x, y);
                    if let Some(c) = current {
                        if !filled {
                            self.push_segment(c, p);
                        }
                    }
                    current = Some(p);
                }
                PathOp::CurveTo(_, _, _, _, x, y) => current = Some(at(x, y)),
                PathOp::Rect(x, y, w, h) => {
                    let a = at(x, y);
                    let b = at(x + w, y + h);
                    let (wd, ht) = ((b.0 - a.0).abs(), (b.1 - a.1).abs());
                    if filled && (wd <= RULE_THICKNESS || ht <= RULE_THICKNESS) {
                        // A thin filled rectangle is a rule: its centre line.
                        if wd >= ht {
                            let y = (a.1 + b.1) / 2.0;
                            self.push_segment((a.0, y), (b.0, y));
                        } else {
                            let x = (a.0 + b.0) / 2.0;
                            self.push_segment((x, a.1), (x, b.1));
                        }
                    } else if !filled {
                        let c = at(x + w, y);
                        let d = at(x, y + h);
                        self.push_segment(a, c);
                        self.push_segment(c, b);
                        self.push_segment(b, d);
                        self.push_segment(d, a);
                    }
                }
                PathOp::Close => {
                    if let (Some(c), Some(s)) = (current, start) {
                        if !filled {
                            self.push_segment(c, s);
                        }
                    }
                    current = start;
                }
            }
        }
    }
}

impl OutputDev for Collector<'_> {
    fn begin_page(
        &mut self,
        page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.page = page_num;
        self.bbox = (media_box.llx, media_box.lly, media_box.urx, media_box.ury);
        self.quarter_turns = self
            .rotations
            .get(page_num as usize - 1)
            .copied()
            .unwrap_or(0);
        self.pages += 1;
        let (w, h) = (
            (media_box.urx - media_box.llx).abs() as f32,
            (media_box.ury - media_box.lly).abs() as f32,
        );
        self.page_sizes.push(if self.quarter_turns % 2 == 1 {
            [h, w]
        } else {
            [w, h]
        });
        self.page_glyphs = 0;
        self.page_rules_start = self.rules.len();
        crate::reading("the pages", page_num);
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        if let Some(sink) = self.sink.as_mut() {
            sink.page_done(
                self.page,
                &mut self.glyphs,
                &self.rules[self.page_rules_start..],
            );
            self.glyphs.clear();
        }
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        self.page_glyphs += 1;
        if self.page_glyphs > limits::MAX_GLYPHS_PER_PAGE {
            return self.stop(limits::exceeded(
                "glyphs on one page",
                limits::MAX_GLYPHS_PER_PAGE,
                self.page_glyphs,
                "MAX_GLYPHS_PER_PAGE",
            ));
        }
        if self.total_glyphs >= limits::MAX_GLYPHS {
            return self.stop(limits::exceeded(
                "glyphs",
                limits::MAX_GLYPHS,
                self.total_glyphs + 1,
                "MAX_GLYPHS",
            ));
        }
        self.total_glyphs += 1;
        let scale = trm.m11.hypot(trm.m12);
        let size = font_size * scale;
        let (x, y) = self.flip(trm.m31, trm.m32);
        self.glyphs.push(Glyph {
            page: self.page,
            x0: x,
            x1: x + (width * size) as f32,
            y,
            size: size as f32,
            text: char.to_string(),
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn stroke(
        &mut self,
        ctm: &Transform,
        _colorspace: &ColorSpace,
        _color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        self.path(ctm, path, false);
        self.check_rules()
    }

    fn fill(
        &mut self,
        ctm: &Transform,
        _colorspace: &ColorSpace,
        _color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        self.path(ctm, path, true);
        self.check_rules()
    }
}
