//! Fonts that lie: legacy Vietnamese encodings and text layers without a
//! Unicode map. (Stub: filled in by the font work.)

use crate::glyphs::Glyph;
use crate::PdfError;
use pdf_extract::Document;

/// Repairs glyph texts in place where the font's text layer is not Unicode;
/// returns one note per repair, for the plan's warnings.
pub(crate) fn repair(_doc: &Document, _glyphs: &mut [Glyph]) -> Result<Vec<String>, PdfError> {
    Ok(Vec::new())
}
