//! What a reviewer is shown beside the plan: the source as the extractor
//! saw it, numbered as the plan's spans number it.
//!
//! The plan comes from exactly the code `extract` runs (the readers hand
//! back what they read as well as the plan), so the page a reviewer checks
//! shows the output `extract` writes, and nothing is read twice.

use crate::pdf::{converted_doc_plan, pdf_plan, word_plan};
use crate::plan::{extract_text, ExtractError};
use kehoach_schema::{Plan, SourceFormat};
use kehoach_text::SourceText;

pub use kehoach_pdf::Place;

/// The source of a plan, as the review page draws it.
#[derive(Debug, Clone)]
pub enum SourceView {
    /// Text, Markdown, DOCX or ODT: the lines the spans number (line `n`
    /// is `lines[n - 1]`).
    Lines(Vec<String>),
    /// A PDF: its pages, and every composed line with its place.
    Pages {
        /// The pages in order (page `p` is `pages[p - 1]`).
        pages: Vec<PageView>,
        /// The composed lines the spans number (line `n` is `lines[n - 1]`).
        lines: Vec<String>,
        /// Where each line is: `line_places[n - 1]` for line `n`.
        line_places: Vec<Place>,
    },
}

/// One PDF page as drawn for review: its size and its ruling lines (the
/// text is the composed lines placed on it).
#[derive(Debug, Clone, PartialEq)]
pub struct PageView {
    /// Width in points.
    pub width: f32,
    /// Height in points.
    pub height: f32,
    /// Ruling segments `[x0, y0, x1, y1]`, in points from the page's top
    /// left (the space of [`Place::bbox`]).
    pub rules: Vec<[f32; 4]>,
}

/// [`crate::extract`], and the source view of the same reading: what
/// `kehoach review` draws.
pub fn extract_for_review(
    file_name: &str,
    bytes: &[u8],
) -> Result<(Plan, SourceView), ExtractError> {
    let ext = std::path::Path::new(file_name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let is_pdf = ext.as_deref() == Some("pdf")
        || (!matches!(ext.as_deref(), Some("docx" | "odt")) && bytes.starts_with(b"%PDF-"));
    if is_pdf {
        let (plan, pdf) = pdf_plan(file_name, bytes)?;
        return Ok((plan, pages_view(pdf)));
    }
    let word = match ext.as_deref() {
        Some("docx") => Some(true),
        Some("odt") => Some(false),
        _ => kehoach_docx::sniff(bytes).map(|k| k == "docx"),
    };
    match word {
        Some(docx) => {
            let (doc, format) = if docx {
                (kehoach_docx::read_docx(bytes)?, SourceFormat::Docx)
            } else {
                (kehoach_docx::read_odt(bytes)?, SourceFormat::Odt)
            };
            let (plan, text) = word_plan(file_name, bytes, doc, format)?;
            Ok((plan, lines_view(text)))
        }
        None => {
            let plan = extract_text(file_name, bytes)?;
            // The text is decoded again for its lines: decoding is a small
            // part of the text pipeline, and `extract_text` stays as it is.
            let (text, _) = kehoach_text::decode_any(bytes)?;
            Ok((plan, lines_view(text)))
        }
    }
}

/// [`crate::extract_converted_doc`] and its source view (the lines of the
/// converted DOCX).
pub fn extract_converted_doc_for_review(
    file_name: &str,
    original: &[u8],
    docx: &[u8],
) -> Result<(Plan, SourceView), ExtractError> {
    let (plan, text) = converted_doc_plan(file_name, original, docx)?;
    Ok((plan, lines_view(text)))
}

fn lines_view(text: SourceText) -> SourceView {
    SourceView::Lines(text.lines.into_iter().map(|l| l.text).collect())
}

fn pages_view(pdf: kehoach_pdf::PdfText) -> SourceView {
    let mut pages: Vec<PageView> = (0..pdf.pages as usize)
        .map(|i| {
            let [width, height] = pdf.page_sizes.get(i).copied().unwrap_or([0.0, 0.0]);
            PageView {
                width,
                height,
                rules: Vec::new(),
            }
        })
        .collect();
    for r in &pdf.rules {
        if let Some(p) = pages.get_mut((r.page as usize).wrapping_sub(1)) {
            p.rules.push([r.x0, r.y0, r.x1, r.y1]);
        }
    }
    // A page without a usable MediaBox is drawn at the extent of what is
    // on it.
    for (i, p) in pages.iter_mut().enumerate() {
        if p.width > 1.0 && p.height > 1.0 {
            continue;
        }
        let page = i as u32 + 1;
        let (mut w, mut h) = (1.0f32, 1.0f32);
        for b in pdf
            .places
            .iter()
            .filter(|pl| pl.page == page)
            .map(|pl| pl.bbox)
        {
            (w, h) = (w.max(b[2]), h.max(b[3]));
        }
        for r in &p.rules {
            (w, h) = (w.max(r[2]), h.max(r[3]));
        }
        (p.width, p.height) = (w + 10.0, h + 10.0);
    }
    SourceView::Pages {
        pages,
        lines: pdf.text.lines.into_iter().map(|l| l.text).collect(),
        line_places: pdf.places,
    }
}
