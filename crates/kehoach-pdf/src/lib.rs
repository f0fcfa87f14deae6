//! PDF input: glyphs with their positions, read by pdf-extract, become lines
//! in reading order and tables rebuilt from the page geometry, delivered in
//! the same table model as the text readers so that nothing downstream knows
//! the input was a PDF.
//!
//! A hostile or broken PDF gets a typed error, never an abort or a hang:
//! [`limits`] names every bound (pages, objects, decoded bytes, nesting,
//! CMap sizes, forms, glyphs) and why its value was chosen.
mod align;
mod fonts;
pub mod glyphs;
mod grid;
pub mod layout;
pub mod limits;
mod lines;
mod paint;
mod widgets;

use kehoach_table::Table;
use kehoach_text::SourceText;
pub use layout::Place;

/// A PDF read into text lines with places, and tables.
#[derive(Debug)]
pub struct PdfText {
    /// The composed text: body lines in reading order, each table's cells
    /// in place (row by row, left to right, each cell's lines in order).
    pub text: SourceText,
    /// Where each line of `text` is: `places[n - 1]` for line `n`.
    pub places: Vec<Place>,
    /// The tables, rebuilt from the page geometry; their cells' lines are
    /// lines of `text`.
    pub tables: Vec<Table>,
    /// Page count.
    pub pages: u32,
    /// What font repair did, one note per font (legacy text converted, a
    /// Unicode map recovered): the plan's warnings say so.
    pub notes: Vec<String>,
    /// Pages with no text at all while other pages have text (scanned
    /// pages in a text PDF): their content is not read.
    pub pages_without_text: Vec<u32>,
    /// Each page's size as shown, width and height in points (its
    /// MediaBox, turned by its `/Rotate`), in page order; what the review
    /// page draws the page at.
    pub page_sizes: Vec<[f32; 2]>,
    /// The ruling lines of every page in page order, in the same space as
    /// `places`: kept so that a reviewer sees the tables' rules under the
    /// text (the tables themselves are already in `tables`).
    pub rules: Vec<glyphs::Rule>,
}

/// Why a PDF could not be read. Each names the problem for a person; the
/// caller adds the file name.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PdfError {
    /// Not a PDF, truncated, or damaged beyond reading.
    #[error("not a readable PDF: {0}")]
    Malformed(String),
    /// Password-protected.
    #[error("the PDF is encrypted (password-protected); decrypt it first, e.g. `qpdf --decrypt`")]
    Encrypted,
    /// No text at all: a scan.
    #[error("no text layer in any of its {pages} pages (a scanned document?); run OCR first")]
    NoTextLayer {
        /// Page count.
        pages: u32,
    },
    /// The PDF reader gave up: a damaged file, or something it does not
    /// support. The text names the part being read and a short reason,
    /// e.g. `the pages, page 3 (damaged or unexpected data)`.
    #[error("the PDF could not be read: {0}")]
    ReaderFailed(String),
    /// The page tree (the catalog's `/Pages` and the nodes under it) is
    /// missing, of the wrong type, or loops: no page can be found.
    #[error("the PDF's page tree is broken: {0}")]
    BrokenPageTree(String),
    /// The PDF asks for more than one of the limits in [`limits`].
    #[error("the PDF has {found} {what}; kehoach reads at most {limit} ({name})")]
    LimitExceeded {
        /// What was counted, e.g. `pages`.
        what: &'static str,
        /// The limit, written out (`10,000`).
        limit: String,
        /// What the PDF has, written out (`50,000`, `more than 268,435,456`).
        found: String,
        /// The limit's name in [`limits`], e.g. `MAX_PAGES`.
        name: &'static str,
    },
    /// A font's text is not Unicode and cannot be made so: no ToUnicode
    /// map, no usable cmap in the embedded font, not a known legacy encoding.
    #[error("text layer unreadable: font {font} has no Unicode map")]
    UnreadableFont {
        /// The font's name (without subset prefix), or `unknown font`.
        font: String,
    },
}

/// The message of a caught panic.
fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}

std::thread_local! {
    /// What [`collect`] is reading, for the message of a panic inside the
    /// PDF libraries: a step, and the page when reading pages.
    static READING: std::cell::Cell<(&'static str, u32)> = const { std::cell::Cell::new(("the file's structure", 0)) };
}

/// Says what is being read now (see [`READING`]).
pub(crate) fn reading(step: &'static str, page: u32) {
    READING.with(|r| r.set((step, page)));
}

/// A caught panic as a message a person can act on: the part being read
/// and a short reason, never the library's assertion text (printed to
/// stderr only when `KEHOACH_PDF_DEBUG` is set).
fn panic_to_error(p: &(dyn std::any::Any + Send)) -> PdfError {
    let raw = panic_message(p);
    let (step, page) = READING.with(|r| r.get());
    let part = if page > 0 {
        format!("{step}, page {page}")
    } else {
        step.to_string()
    };
    let reason = if raw.contains("encoding") {
        "a text encoding the reader does not support"
    } else if raw.contains("not yet implemented") || raw.contains("unsupported") {
        "a feature the reader does not support"
    } else if raw.contains("ObjectNotFound") || raw.contains("missing object") {
        "an object it refers to is missing"
    } else if raw.contains("MediaBox") {
        "a page without a page size (MediaBox)"
    } else {
        "damaged or unexpected data"
    };
    if std::env::var_os("KEHOACH_PDF_DEBUG").is_some() {
        eprintln!("kehoach-pdf: caught panic in {part}: {raw}");
    }
    PdfError::ReaderFailed(format!("{part} ({reason})"))
}

/// Reads a PDF's bytes: glyphs and rules of every page, composed into lines
/// in reading order and tables.
///
/// pdf-extract and lopdf panic on some inputs (unsupported encodings,
/// damaged objects): a panic is caught here and returned as
/// [`PdfError::ReaderFailed`], never propagated.
pub fn read(bytes: &[u8]) -> Result<PdfText, PdfError> {
    if bytes.is_empty() {
        return Err(PdfError::Malformed(
            "the file is empty (0 bytes)".to_string(),
        ));
    }
    reading("the file's structure", 0);
    let collected = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| collect(bytes)))
        .map_err(|p| panic_to_error(p.as_ref()))??;
    let Collected {
        pages,
        composed,
        with_text,
        notes,
        compose_panic,
        page_sizes,
        rules,
    } = collected;
    if !with_text.iter().any(|&t| t) {
        return Err(PdfError::NoTextLayer { pages });
    }
    let pages_without_text = (1..=pages)
        .filter(|&p| !with_text.get(p as usize - 1).copied().unwrap_or(false))
        .collect();
    if let Some(p) = compose_panic {
        std::panic::resume_unwind(p);
    }
    let text = SourceText::from_text(&composed.lines.join("\n"));
    let tables = kehoach_table::assemble(&text, &composed.grids);
    Ok(PdfText {
        text,
        places: composed.places,
        tables,
        pages,
        notes,
        pages_without_text,
        page_sizes,
        rules,
    })
}

/// What reading the pages left: each page repaired and composed as it
/// ended (see [`glyphs::PageSink`]).
struct Collected {
    pages: u32,
    composed: layout::Composed,
    /// Per page (index = page - 1), whether it has text.
    with_text: Vec<bool>,
    notes: Vec<String>,
    compose_panic: Option<Box<dyn std::any::Any + Send>>,
    page_sizes: Vec<[f32; 2]>,
    rules: Vec<glyphs::Rule>,
}

fn collect(bytes: &[u8]) -> Result<Collected, PdfError> {
    let mut doc =
        pdf_extract::Document::load_mem(bytes).map_err(|e| PdfError::Malformed(e.to_string()))?;
    // Encrypted with an empty user password opens without one, as in any
    // viewer; anything else needs the password.
    if doc.is_encrypted() && (doc.decrypt("").is_err() || doc.is_encrypted()) {
        return Err(PdfError::Encrypted);
    }
    limits::check_objects(&doc)?;
    // The page tree, walked with cycle detection and made safe (every
    // `/Parent` and `/Count` true) before anything else lists pages.
    reading("the page tree", 0);
    limits::page_tree(&mut doc)?;
    // pdf-extract reads each font's ToUnicode map again on every page that
    // uses it: inflate every stream once, up front (within limits); the
    // pages' content streams are only counted, and inflated again page by
    // page as the pages are read.
    reading("the file's streams", 0);
    let lazy = limits::decode_streams(&mut doc)?;
    limits::check_contents(&doc, &lazy)?;
    limits::check_cmaps(&doc, &lazy)?;
    reading("the form fields", 0);
    // Text typed into a form field (a number, a date filled in at
    // signing) is drawn by the field's widget, not by the page.
    widgets::draw_widgets(&mut doc);
    // Then every painting operator pdf-extract hands on.
    paint::normalize(&mut doc, &lazy);
    // And CID font widths in the form it reads.
    expand_cid_widths(&mut doc);
    let doc = &doc;
    let mut c = glyphs::Collector::default();
    c.rotations = rotations(doc);
    c.sink = Some(glyphs::PageSink::new(doc, &lazy));
    // Each page's content streams decoded as it is read, then dropped.
    let content = |page| paint::page_content(doc, &lazy, page);
    let read = pdf_extract::output_doc_with_content(doc, &mut c, &content);
    if let Some(e) = c.exceeded.take() {
        return Err(e);
    }
    read.map_err(|e| reader_error(e, c.pages))?;
    reading("the fonts", 0);
    let mut sink = c.sink.take().expect("set above");
    if let Some(e) = sink.failed.take() {
        return Err(e);
    }
    let composed = std::mem::take(&mut sink.composed);
    let with_text = std::mem::take(&mut sink.with_text);
    let compose_panic = sink.compose_panic.take();
    Ok(Collected {
        pages: c.pages,
        composed,
        with_text,
        notes: sink.notes(),
        compose_panic,
        page_sizes: c.page_sizes,
        rules: c.rules,
    })
}

/// An error pdf-extract returned while reading page `page`.
fn reader_error(e: pdf_extract::OutputError, page: u32) -> PdfError {
    use pdf_extract::OutputError;
    match e {
        OutputError::LimitExceeded { what, limit, found } => {
            let name = if limit == limits::MAX_XOBJECT_DEPTH {
                "MAX_XOBJECT_DEPTH"
            } else if limit == limits::MAX_XOBJECT_DRAWS_PER_PAGE {
                "MAX_XOBJECT_DRAWS_PER_PAGE"
            } else {
                "MAX_CONTENT_BYTES_PER_PAGE"
            };
            limits::exceeded(what, limit, found, name)
        }
        e => PdfError::ReaderFailed(format!("the pages, page {page} ({e})")),
    }
}

/// Each page's `/Rotate` (inherited from the page tree), in quarter turns
/// clockwise, in page order.
fn rotations(doc: &pdf_extract::Document) -> Vec<u8> {
    doc.get_pages()
        .into_values()
        .map(|id| {
            let mut dict = doc.get_dictionary(id).ok();
            // The page tree is shallow; a bound keeps a cycle from looping.
            for _ in 0..32 {
                let Some(d) = dict else { break };
                if let Ok(r) = d.get(b"Rotate").and_then(|o| o.as_i64()) {
                    return (r.rem_euclid(360) / 90) as u8;
                }
                dict = d
                    .get(b"Parent")
                    .and_then(|o| o.as_reference())
                    .and_then(|p| doc.get_dictionary(p))
                    .ok();
            }
            0
        })
        .collect()
}

/// The most CIDs one `c_first c_last w` run of a `/W` array is expanded to.
const MAX_WIDTH_RUN: i64 = 0xFFFF;

/// Rewrites every CID font's `/W` array so that each run is `c [w …]`.
///
/// A `/W` array holds two forms: `c [w1 w2 …]` (what LibreOffice and Word
/// write) and `c_first c_last w` (MuPDF, Ghostscript and others for runs of
/// equal widths). pdf-extract reads the second one wrong (it takes the first
/// CID for the last and for the width, so the run gets no width) and falls
/// back to the default width, 1000: every space and digit of such a font
/// was a full em wide, lines ran into the next column of a table and words
/// were cut in the middle. The runs are rewritten to the first form.
fn expand_cid_widths(doc: &mut pdf_extract::Document) {
    use pdf_extract::Object;
    let mut rewrites: Vec<(pdf_extract::ObjectId, Vec<Object>)> = Vec::new();
    for (id, obj) in &doc.objects {
        let Ok(dict) = obj.as_dict() else { continue };
        let cid_font = dict
            .get(b"Subtype")
            .and_then(|o| o.as_name())
            .is_ok_and(|n| n == b"CIDFontType2" || n == b"CIDFontType0");
        if !cid_font {
            continue;
        }
        let w: &[Object] = match dict.get(b"W") {
            Ok(Object::Array(a)) => a,
            Ok(Object::Reference(r)) => match doc.get_object(*r) {
                Ok(Object::Array(a)) => a,
                _ => continue,
            },
            _ => continue,
        };
        if let Some(out) = runs_expanded(w) {
            rewrites.push((*id, out));
        }
    }
    for (id, w) in rewrites {
        if let Ok(Object::Dictionary(d)) = doc.get_object_mut(id) {
            d.set("W", Object::Array(w));
        }
    }
}

/// `/W` array `w` with its `c_first c_last w` runs in the `c [w …]` form;
/// `None` when it has no such run (LibreOffice's and Word's arrays: read
/// without a copy) or is malformed.
fn runs_expanded(w: &[pdf_extract::Object]) -> Option<Vec<pdf_extract::Object>> {
    use pdf_extract::Object;
    let num = |o: &Object| match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    };
    // Up to the first run, the array is only `c [w …]` pairs.
    let mut i = 0;
    loop {
        match w.get(i + 1) {
            Some(Object::Array(_)) => i += 2,
            Some(_) => break,
            None => return None,
        }
    }
    let mut out: Vec<Object> = Vec::with_capacity(w.len());
    out.extend_from_slice(&w[..i]);
    while i < w.len() {
        match w.get(i + 1) {
            Some(Object::Array(_)) => {
                out.push(w[i].clone());
                out.push(w[i + 1].clone());
                i += 2;
            }
            Some(last) => {
                let (Some(first), Some(last), Some(width)) = (
                    w[i].as_i64().ok(),
                    last.as_i64().ok(),
                    w.get(i + 2).and_then(num),
                ) else {
                    return None;
                };
                if last < first || last - first > MAX_WIDTH_RUN {
                    return None;
                }
                let widths = (first..=last).map(|_| Object::Real(width)).collect();
                out.push(Object::Integer(first));
                out.push(Object::Array(widths));
                i += 3;
            }
            None => return None,
        }
    }
    Some(out)
}

/// Font size and advance of the glyphs a layout text is turned into: a
/// character cell is half a font size wide, so a word space (one cell) stays
/// inside a chunk and a run of two or more spaces separates two.
const LAYOUT_SIZE: f32 = 10.0;
const LAYOUT_ADVANCE: f32 = LAYOUT_SIZE / 2.0;
const LAYOUT_LINE: f32 = LAYOUT_SIZE * 1.2;

/// Whether a text keeps its page layout in character positions (what
/// `pdftotext -layout`, pdfplumber and PyMuPDF write): one non-blank line in
/// ten or more has a run of three spaces between words, or nine in ten start
/// with three spaces or more (the page's left margin kept as spaces).
pub fn is_layout_text(text: &SourceText) -> bool {
    let (mut lines, mut gapped, mut indented) = (0usize, 0usize, 0usize);
    for l in &text.lines {
        let t = l.text.trim();
        if t.is_empty() {
            continue;
        }
        lines += 1;
        if has_space_run(t) {
            gapped += 1;
        }
        if l.text.starts_with("   ") {
            indented += 1;
        }
    }
    lines >= 20 && (gapped * 10 >= lines || indented * 10 >= lines * 9)
}

/// Whether `t` holds three spaces in a row. One searcher serves every
/// line: `memmem` looks for the run with SIMD, where a byte loop cost about
/// 5% of the whole text pipeline (it runs on every line of every text).
fn has_space_run(t: &str) -> bool {
    static RUN: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"   "));
    RUN.find(t.as_bytes()).is_some()
}

/// The tables of a layout text, rebuilt by the alignment reader the PDF
/// path uses for tables without rules: each character becomes a glyph at
/// its column (x) and line (baseline), a form feed starts a page. The
/// tables' cells refer to the text's own lines.
pub fn layout_text_tables(text: &SourceText) -> Vec<Table> {
    let mut glyphs = Vec::new();
    let mut page = 1u32;
    for l in &text.lines {
        let mut col = 0usize;
        for ch in l.text.chars() {
            if ch == '\u{c}' {
                page += 1;
                continue;
            }
            if !ch.is_whitespace() {
                let x0 = col as f32 * LAYOUT_ADVANCE;
                glyphs.push(glyphs::Glyph {
                    page,
                    x0,
                    x1: x0 + LAYOUT_ADVANCE,
                    y: l.no as f32 * LAYOUT_LINE,
                    size: LAYOUT_SIZE,
                    text: ch.to_string(),
                });
            }
            col += 1;
        }
    }
    if glyphs.is_empty() {
        return Vec::new();
    }
    let composed = layout::compose(page, &glyphs, &[], Some(LAYOUT_ADVANCE));
    // A composed line's baseline is the source line's number times the line
    // height.
    let source_line = |no: u32| -> u32 {
        composed
            .places
            .get(no.saturating_sub(1) as usize)
            .map_or(no, |p| {
                ((p.bbox[3] - 0.2 * LAYOUT_SIZE) / LAYOUT_LINE).round() as u32
            })
    };
    let mut grids = composed.grids;
    for g in &mut grids {
        g.map_lines(source_line);
    }
    kehoach_table::assemble(text, &grids)
}

#[cfg(test)]
mod tests {
    use super::has_space_run;

    #[test]
    fn space_runs_of_three() {
        assert!(has_space_run("Stt   Nội dung"));
        assert!(has_space_run("a    b"));
        assert!(!has_space_run("a  b  c"));
        assert!(!has_space_run(""));
        assert!(has_space_run("   "));
    }
}
