//! PDF input: the PDF stage's lines and tables through the same plan
//! builder as text, then each span given its page and box.

use crate::plan::{build_plan, sha256_hex, ExtractError};
use kehoach_pdf::Place;
use kehoach_schema::{Plan, Source, SourceFormat, Span, Warning};

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

/// Gives every span the page of its first line.
fn place_spans(plan: &mut Plan, places: &[Place]) {
    let place = |span: &mut Span| {
        if let Some(p) = places.get(span.start_line.saturating_sub(1) as usize) {
            span.page = Some(p.page);
        }
    };
    for i in &mut plan.indicators {
        place(&mut i.span);
    }
    for t in &mut plan.tasks {
        place(&mut t.span);
        for s in &mut t.subtasks {
            place(&mut s.span);
        }
    }
    for w in &mut plan.warnings {
        if let Some(s) = w.span.as_mut() {
            place(s);
        }
    }
}
