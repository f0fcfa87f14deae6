//! PDF input: the PDF stage's lines and tables through the same plan
//! builder as text, then each span given its page and box.

use crate::plan::{build_plan, extract_text, not_a_plan, sha256_hex, ExtractError};
use kehoach_pdf::Place;
use kehoach_schema::{Plan, Source, SourceFormat, Span, Warning};
use kehoach_text::SourceText;

/// Reads a file's bytes into a plan: a PDF (named `.pdf`, or starting
/// `%PDF-`) through [`extract_pdf`], a Word or OpenDocument file (named
/// `.docx`/`.odt`, or a zip package holding one) through
/// [`extract_docx`]/[`extract_odt`], anything else as text through
/// [`extract_text`]. This is what `kehoach extract` runs on each file.
pub fn extract(file_name: &str, bytes: &[u8]) -> Result<Plan, ExtractError> {
    let ext = std::path::Path::new(file_name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("pdf") => return extract_pdf(file_name, bytes),
        Some("docx") => return extract_docx(file_name, bytes),
        Some("odt") => return extract_odt(file_name, bytes),
        _ => {}
    }
    if bytes.starts_with(b"%PDF-") {
        return extract_pdf(file_name, bytes);
    }
    match kehoach_docx::sniff(bytes) {
        Some("docx") => extract_docx(file_name, bytes),
        Some(_) => extract_odt(file_name, bytes),
        None => extract_text(file_name, bytes),
    }
}

/// Reads a Word (DOCX) file's bytes into a plan.
pub fn extract_docx(file_name: &str, bytes: &[u8]) -> Result<Plan, ExtractError> {
    let doc = kehoach_docx::read_docx(bytes)?;
    word_plan(file_name, bytes, doc, SourceFormat::Docx).map(|(plan, _)| plan)
}

/// Reads a legacy Word file (`.doc`, its bytes `original`) through the DOCX
/// a converter made of it (`docx`): the source is the original file, and a
/// warning says the text went through a conversion.
pub fn extract_converted_doc(
    file_name: &str,
    original: &[u8],
    docx: &[u8],
) -> Result<Plan, ExtractError> {
    converted_doc_plan(file_name, original, docx).map(|(plan, _)| plan)
}

/// [`extract_converted_doc`], with the lines the plan's spans number.
pub(crate) fn converted_doc_plan(
    file_name: &str,
    original: &[u8],
    docx: &[u8],
) -> Result<(Plan, SourceText), ExtractError> {
    let doc = kehoach_docx::read_docx(docx)?;
    let (mut plan, text) = word_plan(file_name, original, doc, SourceFormat::Docx)?;
    plan.warnings.insert(
        0,
        Warning {
            code: "doc_converted".to_string(),
            message: "a legacy Word 97-2003 file: read through LibreOffice's conversion to DOCX"
                .to_string(),
            span: None,
        },
    );
    Ok((plan, text))
}

/// Reads an OpenDocument text (ODT) file's bytes into a plan.
pub fn extract_odt(file_name: &str, bytes: &[u8]) -> Result<Plan, ExtractError> {
    let doc = kehoach_docx::read_odt(bytes)?;
    word_plan(file_name, bytes, doc, SourceFormat::Odt).map(|(plan, _)| plan)
}

/// The plan of a Word or OpenDocument file, and the composed lines its
/// spans number (kept for the review page).
pub(crate) fn word_plan(
    file_name: &str,
    bytes: &[u8],
    doc: kehoach_docx::DocText,
    format: SourceFormat,
) -> Result<(Plan, SourceText), ExtractError> {
    let source = Source {
        file: file_name.to_string(),
        sha256: sha256_hex(bytes),
        format,
        pages: None,
        bytes: bytes.len() as u64,
    };
    let mut plan = build_plan(source, &doc.text, &doc.tables);
    if not_a_plan(&plan) {
        return Err(ExtractError::NotAPlan);
    }
    let notes = doc.notes.into_iter().map(|n| Warning {
        code: "docx_content_skipped".to_string(),
        message: n,
        span: None,
    });
    plan.warnings.splice(0..0, notes);
    Ok((plan, doc.text))
}

/// Reads a PDF file's bytes into a plan.
pub fn extract_pdf(file_name: &str, bytes: &[u8]) -> Result<Plan, ExtractError> {
    pdf_plan(file_name, bytes).map(|(plan, _)| plan)
}

/// [`extract_pdf`], with what the PDF reader saw (lines, places, page
/// sizes, rules), kept for the review page.
pub(crate) fn pdf_plan(
    file_name: &str,
    bytes: &[u8],
) -> Result<(Plan, kehoach_pdf::PdfText), ExtractError> {
    let pdf = kehoach_pdf::read(bytes)?;
    let source = Source {
        file: file_name.to_string(),
        sha256: sha256_hex(bytes),
        format: SourceFormat::Pdf,
        pages: Some(pdf.pages),
        bytes: bytes.len() as u64,
    };
    let mut plan = build_plan(source, &pdf.text, &pdf.tables);
    if not_a_plan(&plan) {
        return Err(ExtractError::NotAPlan);
    }
    // Text that was not Unicode in the PDF and was converted: say so first.
    let notes = pdf.notes.iter().map(|n| Warning {
        code: "pdf_font_repaired".to_string(),
        message: n.clone(),
        span: None,
    });
    plan.warnings.splice(0..0, notes);
    if !pdf.pages_without_text.is_empty() {
        let list: Vec<String> = pdf.pages_without_text.iter().map(u32::to_string).collect();
        plan.warnings.insert(
            0,
            Warning {
                code: "pages_without_text".to_string(),
                message: format!(
                    "page{} {} of {} ha{} no text layer while the others do (scanned?): not read; run OCR on {}, or read the original file",
                    if list.len() > 1 { "s" } else { "" },
                    list.join(", "),
                    pdf.pages,
                    if list.len() > 1 { "ve" } else { "s" },
                    if list.len() > 1 { "them" } else { "it" },
                ),
                span: None,
            },
        );
    }
    place_spans(&mut plan, &pdf.places);
    Ok((plan, pdf))
}

/// Gives every span (rows, values, sections, warnings) the page of its
/// first line and the box around its lines on that page.
fn place_spans(plan: &mut Plan, places: &[Place]) {
    let place = |span: &mut Span| {
        let at = |no: u32| places.get(no.checked_sub(1)? as usize);
        let Some(first) = at(span.start_line) else {
            return;
        };
        let page = span.page.unwrap_or(first.page);
        let mut b = [
            f32::INFINITY,
            f32::INFINITY,
            f32::NEG_INFINITY,
            f32::NEG_INFINITY,
        ];
        for p in (span.start_line..=span.end_line).filter_map(at) {
            if p.page == page {
                b = [
                    b[0].min(p.bbox[0]),
                    b[1].min(p.bbox[1]),
                    b[2].max(p.bbox[2]),
                    b[3].max(p.bbox[3]),
                ];
            }
        }
        span.page = Some(page);
        if b[0].is_finite() {
            span.bbox = Some(b.map(|v| (f64::from(v) * 10.0).round() / 10.0));
        }
    };
    plan.for_each_span_mut(place);
}
