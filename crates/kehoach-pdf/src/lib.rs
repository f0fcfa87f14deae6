//! PDF input: glyphs with their positions, read by pdf-extract, become lines
//! in reading order and tables rebuilt from the page geometry, delivered in
//! the same table model as the text readers so that nothing downstream knows
//! the input was a PDF.
#![allow(missing_docs)]
mod align;
mod fonts;
pub mod glyphs;
mod grid;
pub mod layout;
mod lines;
mod tables;

use kehoach_table::Table;
use kehoach_text::SourceText;
pub use layout::Place;

/// A PDF read into text lines with places, and tables.
#[derive(Debug)]
pub struct PdfText {
    pub text: SourceText,
    pub places: Vec<Place>,
    pub tables: Vec<Table>,
    pub pages: u32,
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
    /// The PDF reader gave up on something it does not support.
    #[error("the PDF reader failed: {0}")]
    ReaderFailed(String),
}

/// Debug: glyphs and rules of a PDF.
pub fn probe(bytes: &[u8]) -> (Vec<glyphs::Glyph>, Vec<glyphs::Rule>) {
    let doc = pdf_extract::Document::load_mem(bytes).unwrap();
    let mut c = glyphs::Collector::default();
    pdf_extract::output_doc(&doc, &mut c).unwrap();
    (c.glyphs, c.rules)
}

/// The message of a caught panic.
fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}

/// Reads a PDF's bytes: glyphs and rules of every page, composed into lines
/// in reading order and tables.
///
/// pdf-extract and lopdf panic on some inputs (unsupported encodings,
/// damaged objects): a panic is caught here and returned as
/// [`PdfError::ReaderFailed`], never propagated.
pub fn read(bytes: &[u8]) -> Result<PdfText, PdfError> {
    let collected = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| collect(bytes)))
        .map_err(|p| PdfError::ReaderFailed(panic_message(p.as_ref())))??;
    let pages = collected.pages.len() as u32;
    if !collected.glyphs.iter().any(|g| !g.text.trim().is_empty()) {
        return Err(PdfError::NoTextLayer { pages });
    }
    let composed = layout::compose(pages, &collected.glyphs, &collected.rules);
    let text = SourceText::from_text(&composed.lines.join("\n"));
    let tables = tables::assemble(&text, &composed.grids);
    Ok(PdfText {
        text,
        places: composed.places,
        tables,
        pages,
    })
}

fn collect(bytes: &[u8]) -> Result<glyphs::Collector, PdfError> {
    let doc =
        pdf_extract::Document::load_mem(bytes).map_err(|e| PdfError::Malformed(e.to_string()))?;
    if doc.is_encrypted() {
        return Err(PdfError::Encrypted);
    }
    let mut c = glyphs::Collector::default();
    pdf_extract::output_doc(&doc, &mut c).map_err(|e| PdfError::ReaderFailed(e.to_string()))?;
    c.notes = fonts::repair(&doc, &mut c.glyphs)?;
    Ok(c)
}
