//! PDF input: glyphs with their positions, read by pdf-extract, become lines
//! in reading order and tables rebuilt from the page geometry, delivered in
//! the same table model as the text readers so that nothing downstream knows
//! the input was a PDF.
mod align;
mod fonts;
pub mod glyphs;
mod grid;
pub mod layout;
mod lines;
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
    /// The PDF reader gave up: a damaged file, or something it does not support.
    #[error("the PDF could not be read (damaged, or a feature the reader does not support): {0}")]
    ReaderFailed(String),
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
    let collected = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| collect(bytes)))
        .map_err(|p| PdfError::ReaderFailed(panic_message(p.as_ref())))??;
    let pages = collected.pages;
    if !collected.glyphs.iter().any(|g| !g.text.trim().is_empty()) {
        return Err(PdfError::NoTextLayer { pages });
    }
    let composed = layout::compose(pages, &collected.glyphs, &collected.rules);
    let text = SourceText::from_text(&composed.lines.join("\n"));
    let tables = kehoach_table::assemble(&text, &composed.grids);
    Ok(PdfText {
        text,
        places: composed.places,
        tables,
        pages,
        notes: collected.notes,
    })
}

fn collect(bytes: &[u8]) -> Result<glyphs::Collector, PdfError> {
    let mut doc =
        pdf_extract::Document::load_mem(bytes).map_err(|e| PdfError::Malformed(e.to_string()))?;
    // Encrypted with an empty user password opens without one, as in any
    // viewer; anything else needs the password.
    if doc.is_encrypted() && (doc.decrypt("").is_err() || doc.is_encrypted()) {
        return Err(PdfError::Encrypted);
    }
    // pdf-extract reads each font's ToUnicode map again on every page that
    // uses it: inflate every stream once, up front.
    doc.decompress();
    // Text typed into a form field (a number, a date filled in at
    // signing) is drawn by the field's widget, not by the page.
    widgets::draw_widgets(&mut doc);
    let mut c = glyphs::Collector::default();
    pdf_extract::output_doc(&doc, &mut c).map_err(|e| PdfError::ReaderFailed(e.to_string()))?;
    c.notes = fonts::repair(&doc, &mut c.glyphs)?;
    Ok(c)
}
