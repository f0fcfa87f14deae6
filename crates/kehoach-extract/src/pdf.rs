//! PDF input: the PDF stage's lines and tables through the same plan
//! builder as text, then each span given its page and box.

use crate::plan::{build_plan, extract_text, sha256_hex, ExtractError};
use kehoach_pdf::Place;
use kehoach_schema::{Plan, Section, Source, SourceFormat, Span, Warning};

/// Reads a file's bytes into a plan: a PDF (named `.pdf`, or starting
/// `%PDF-`) through [`extract_pdf`], anything else as text through
/// [`extract_text`]. This is what `kehoach extract` runs on each file.
pub fn extract(file_name: &str, bytes: &[u8]) -> Result<Plan, ExtractError> {
    let named_pdf = std::path::Path::new(file_name)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    if named_pdf || bytes.starts_with(b"%PDF-") {
        extract_pdf(file_name, bytes)
    } else {
        extract_text(file_name, bytes)
    }
}

/// Reads a PDF file's bytes into a plan.
pub fn extract_pdf(file_name: &str, bytes: &[u8]) -> Result<Plan, ExtractError> {
    let pdf = kehoach_pdf::read(bytes)?;
    let source = Source {
        file: file_name.to_string(),
        sha256: sha256_hex(bytes),
        format: SourceFormat::Pdf,
        pages: Some(pdf.pages),
        bytes: bytes.len() as u64,
    };
    let mut plan = build_plan(source, &pdf.text, &pdf.tables);
    if plan.document.doc_type.is_none() && plan.indicators.is_empty() && plan.tasks.is_empty() {
        return Err(ExtractError::NotAPlan);
    }
    // Text that was not Unicode in the PDF and was converted: say so first.
    let notes = pdf.notes.iter().map(|n| Warning {
        code: "pdf_font_repaired".to_string(),
        message: n.clone(),
        span: None,
    });
    plan.warnings.splice(0..0, notes);
    place_spans(&mut plan, &pdf.places);
    Ok(plan)
}

/// Gives every span the page of its first line and the box around its
/// lines on that page.
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
    fn sections(list: &mut [Section], place: &dyn Fn(&mut Span)) {
        for s in list {
            place(&mut s.span);
            sections(&mut s.children, place);
        }
    }
    for i in &mut plan.indicators {
        place(&mut i.span);
    }
    for t in &mut plan.tasks {
        place(&mut t.span);
        for s in &mut t.subtasks {
            place(&mut s.span);
        }
    }
    sections(&mut plan.sections, &place);
    for w in &mut plan.warnings {
        if let Some(s) = w.span.as_mut() {
            place(s);
        }
    }
}
