//! The whole plan: metadata, phases, tables, agencies, outline, warnings.

use crate::meta::{body_notes, extract_meta_in};
use crate::outline::extract_outline_in;
use crate::phases::{phase_of_group, PhaseSet};
use crate::rows::{read_rows, Bodies};
use kehoach_rules::Registry;
use kehoach_schema::{Plan, Source, SourceFormat, Span, Warning, SCHEMA_VERSION};
use kehoach_table::{read_tables, Role, RowKind, Table, TableKind};
use kehoach_text::{decode_any, DecodeError, SourceText};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// Why an input could not be made into a plan. Problems *inside* a plan
/// (a row that does not fit its header, a target that does not parse) are
/// never errors: they are warnings in the plan.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExtractError {
    /// The bytes are not readable text.
    #[error(transparent)]
    Decode(#[from] DecodeError),
    /// A PDF that could not be read.
    #[error(transparent)]
    Pdf(#[from] kehoach_pdf::PdfError),
    /// A DOCX or ODT file that could not be read.
    #[error(transparent)]
    Docx(#[from] kehoach_docx::DocxError),
    /// Readable text, but nothing of a plan in it.
    #[error("not a plan: no document kind (KẾ HOẠCH, NGHỊ QUYẾT …) and no indicator or task table found")]
    NotAPlan,
}

/// Whether what was read is no plan: no indicator or task rows, and no
/// kind line either, or only a letter's (`CÔNG VĂN`, which the `V/v`
/// subject line gives any letter): a letter is read as a plan only when
/// it assigns tasks or sets targets.
pub(crate) fn not_a_plan(plan: &Plan) -> bool {
    plan.indicators.is_empty()
        && plan.tasks.is_empty()
        && plan
            .document
            .doc_type
            .as_deref()
            .is_none_or(|k| k == crate::meta::LETTER_KIND)
}

/// Reads a text or Markdown file's bytes into a plan.
pub fn extract_text(file_name: &str, bytes: &[u8]) -> Result<Plan, ExtractError> {
    let (text, converted_from) = decode_any(bytes)?;
    // Text that keeps the page layout in character positions (pdftotext
    // -layout) is read like a PDF without rules: columns from alignment.
    let mut tables = Vec::new();
    if kehoach_pdf::is_layout_text(&text) {
        tables = kehoach_pdf::layout_text_tables(&text);
    }
    if tables.is_empty() {
        tables = read_tables(&text);
    }
    let source = Source {
        file: file_name.to_string(),
        sha256: sha256_hex(bytes),
        format: SourceFormat::Text,
        pages: None,
        bytes: bytes.len() as u64,
    };
    let mut plan = build_plan(source, &text, &tables);
    if not_a_plan(&plan) {
        return Err(ExtractError::NotAPlan);
    }
    if let Some(encoding) = converted_from {
        plan.warnings.insert(
            0,
            Warning {
                code: "text_encoding_converted".to_string(),
                message: format!(
                    "the file is not UTF-8: read as {} and converted to Unicode",
                    encoding.label()
                ),
                span: None,
            },
        );
    }
    Ok(plan)
}

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    // One formatting of the whole digest, not one string per byte.
    format!("{digest:x}")
}

/// Builds the plan from decoded text and the tables read from it (by any
/// reader: text or PDF geometry).
pub fn build_plan(source: Source, text: &SourceText, tables: &[Table]) -> Plan {
    // Milestones printed in headers and phase group rows, before metadata:
    // they decide the period when the title states none.
    let mut phases = PhaseSet::default();
    // Where each year is first printed: a header's lines, a group row's.
    let mut year_lines: BTreeMap<i32, (u32, u32)> = BTreeMap::new();
    for t in tables {
        for c in &t.columns {
            if let Role::Target { year: Some(y) } = c.role {
                phases.add(y, &c.label);
                year_lines.entry(y).or_insert(t.header_lines);
            }
        }
        for r in t.rows.iter().filter(|r| r.kind == RowKind::Group) {
            if let Some(y) = r.group_text.as_deref().and_then(phase_of_group) {
                phases.add(y, r.group_text.as_deref().unwrap_or_default());
                year_lines.entry(y).or_insert(r.lines);
            }
        }
    }
    // Where the title, body and signature are, and the body's footnotes:
    // read once, for the metadata and for the body's outline.
    let layout = crate::meta::layout(text);
    let notes = body_notes(text, &layout);
    let (mut document, mut warnings) = extract_meta_in(text, &layout, &notes, &phases.years());
    // A period read from the phases: the lines that print its first and
    // last year.
    if let (Some(p), None) = (&document.period, &document.provenance.period) {
        if let (Some(a), Some(b)) = (year_lines.get(&p.from), year_lines.get(&p.to)) {
            document.provenance.period = Some(Span::lines(a.0.min(b.0), a.1.max(b.1)));
        }
    }
    let default_year = document.period.as_ref().map(|p| p.from);
    let mut registry = Bodies::new(Registry::new(
        document
            .locality
            .as_ref()
            .map(|l| format!("{} {}", l.level, l.name)),
    ));
    let rows = read_rows(tables, &mut phases, default_year, &mut registry);
    if phases.is_empty() {
        if let Some(p) = document.period.as_ref().filter(|p| p.from == p.to) {
            phases.add_default(p.from);
        }
    }
    warnings.extend(rows.warnings);
    let sections = extract_outline_in(text, &layout, &notes);
    // Tasks written in the body, after the table rows: their bodies take
    // ids after the tables' bodies.
    let mut tasks = rows.tasks;
    tasks.extend(crate::prose::prose_tasks(&sections, text, &mut registry));
    // Targets written in the body, only for a plan without an indicator
    // table (with one, the body restates it).
    let mut indicators = rows.indicators;
    if indicators.is_empty() && !tables.iter().any(|t| t.kind == TableKind::Indicators) {
        let end_year = document.period.as_ref().map(|p| p.to);
        indicators = crate::prose_targets::prose_indicators(&sections, text, end_year, &mut phases);
    }
    warnings.extend(crate::gaps::gaps(
        text,
        tables,
        indicators.len(),
        tasks.len(),
        source.format == SourceFormat::Text,
    ));
    Plan {
        schema_version: SCHEMA_VERSION.to_string(),
        source,
        document,
        phases: phases.into_phases(),
        agencies: registry.finish(),
        indicators,
        tasks,
        sections,
        warnings,
        corrections: Vec::new(),
    }
}
