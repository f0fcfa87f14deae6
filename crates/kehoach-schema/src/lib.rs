//! The output contract of kehoach: one JSON document per plan.
//!
//! These types are the source of truth for the wire format described in
//! `shared/spec/OUTPUT.md` (mirrored in `docs/output.md`). This is the only
//! crate that derives `Serialize`: the extraction stages build these values,
//! and only this crate knows how they look as JSON. The JSON Schema published
//! at `schema/kehoach.schema.json` is generated from these types by
//! [`json_schema`]; a test fails when the committed file is stale.
//!
//! ## Wire format rules
//! - keys are English `snake_case`, values keep the document's Vietnamese text
//!   (NFC, whitespace collapsed);
//! - absent values are `null` (or `[]` for lists), never an empty string;
//! - field order is the declaration order below, so output is byte-stable.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize, Serializer};

/// Version of the output contract. Bump it (and say so in CHANGELOG.md) for
/// any change of shape or meaning.
pub const SCHEMA_VERSION: &str = "1.4";

/// One extracted plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Version of this contract, currently `"1.4"`.
    pub schema_version: String,
    /// Where the plan came from.
    pub source: Source,
    /// The plan's metadata.
    pub document: DocumentMeta,
    /// Time milestones that targets refer to.
    pub phases: Vec<Phase>,
    /// Bodies named in indicator and task tables, one entry per body.
    pub agencies: Vec<Agency>,
    /// Rows of indicator (chỉ tiêu) tables.
    pub indicators: Vec<Indicator>,
    /// Rows of task-assignment (nhiệm vụ) tables.
    pub tasks: Vec<Task>,
    /// The body's outline.
    pub sections: Vec<Section>,
    /// Whatever could not be placed, with where it was.
    pub warnings: Vec<Warning>,
    /// A reviewer's corrections applied to this output (`kehoach extract
    /// --corrections DIR`), in the order applied; absent when none was.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<AppliedCorrection>,
}

/// A reviewer's correction applied to the output: which field, what the
/// extractor gave and what it was replaced with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AppliedCorrection {
    /// The field corrected, as a path into this document by ids
    /// (`"/tasks/pl1.I.2/deadline/raw"`, `"/document/number"`).
    pub path: String,
    /// The extractor's value (agency names for `lead` and `cooperating`).
    pub old: serde_json::Value,
    /// The reviewer's value, now in the field.
    pub new: serde_json::Value,
    /// Who made the correction (free text, may be empty).
    pub by: String,
    /// When it was made (free text, an ISO time).
    pub at: String,
}

/// The input file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// File name (no directory).
    pub file: String,
    /// SHA-256 of the file's bytes, lower-case hex.
    pub sha256: String,
    /// How the input was read.
    pub format: SourceFormat,
    /// Page count for PDF input, else `null`.
    pub pages: Option<u32>,
    /// Size of the file in bytes.
    pub bytes: u64,
}

/// How the input was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SourceFormat {
    /// Plain text or Markdown.
    Text,
    /// PDF with a text layer.
    Pdf,
    /// Word document (`.docx`, or a legacy `.doc` converted to it).
    Docx,
    /// OpenDocument text (`.odt`).
    Odt,
}

/// Where a row came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// A row of a table, from any input format.
    Table,
    /// Work or a target stated in the body's prose.
    Prose,
}

/// Plan metadata from the header, signature block and appendix captions.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentMeta {
    /// Document kind, upper case as printed (`"KẾ HOẠCH"`).
    pub doc_type: Option<String>,
    /// Số ký hiệu (`"78/KH-UBND"`); `null` when left blank.
    pub number: Option<String>,
    /// Trích yếu: the line(s) under the kind, joined.
    pub title: Option<String>,
    /// Issuing body, full form.
    pub issuer: Option<String>,
    /// Administrative unit the plan is for.
    pub locality: Option<Locality>,
    /// ISO date of issue.
    pub issued_on: Option<String>,
    /// Who signed.
    pub signer: Option<Signer>,
    /// Span of years the plan covers.
    pub period: Option<Period>,
    /// Documents cited as basis, deduplicated.
    pub legal_basis: Vec<LegalRef>,
    /// Where each of these values was read (contract 1.4).
    #[serde(default)]
    pub provenance: DocumentProvenance,
}

/// Where each document field was read: the lines (for PDF input also the
/// page and the box) that gave its value; `null` for a field without one.
/// Contract 1.4.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentProvenance {
    /// The kind line.
    pub doc_type: Option<Span>,
    /// The header line, or the appendix caption line, with the number.
    pub number: Option<Span>,
    /// The title lines.
    pub title: Option<Span>,
    /// The header lines naming the issuing body (or the caption or opening
    /// sentence it was read from).
    pub issuer: Option<Span>,
    /// The lines the locality was read from (the issuer's).
    pub locality: Option<Span>,
    /// The line with the date of issue.
    pub issued_on: Option<Span>,
    /// The signature block.
    pub signer: Option<Span>,
    /// The line stating the years (title or opening), or the table header
    /// whose phases gave them.
    pub period: Option<Span>,
}

/// Administrative unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Locality {
    /// `xã`, `phường`, `đặc khu`, `tỉnh` or `thành phố`.
    pub level: String,
    /// Name without the level word (`"Kiến Thụy"`).
    pub name: String,
}

/// Signature block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signer {
    /// Person's name as printed.
    pub name: Option<String>,
    /// Last title line (`"PHÓ CHỦ TỊCH"`).
    pub position: Option<String>,
    /// Delegation lines joined with one space (`"TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH"`).
    pub on_behalf: Option<String>,
}

/// Years the plan covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// First year.
    pub from: i32,
    /// Last year (equal to `from` for a single-year plan).
    pub to: i32,
    /// Vision year (`tầm nhìn đến năm 2045`), if stated.
    pub vision: Option<i32>,
}

/// A document cited as basis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LegalRef {
    /// Kind as printed (`"Nghị quyết"`, `"Kế hoạch hành động"`).
    pub kind: String,
    /// Số ký hiệu (`"57-NQ/TW"`).
    pub number: String,
    /// ISO date, if printed.
    pub date: Option<String>,
    /// Issuing body as printed.
    pub issuer: Option<String>,
    /// Where it is first cited (contract 1.4).
    #[serde(default)]
    pub span: Option<Span>,
}

/// A time milestone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    /// Stable id, the year as text (`"2030"`).
    pub id: String,
    /// Label as printed (`"Năm 2030"`, `"Đến hết năm 2030"`).
    pub label: String,
    /// The milestone year.
    pub year: i32,
    /// Last day of the milestone year, ISO.
    pub ends_on: String,
}

/// One body, folded across spellings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Agency {
    /// Stable slug of the canonical name (`"phong-van-hoa-xa-hoi"`).
    pub id: String,
    /// Canonical full name.
    pub name: String,
    /// What sort of body it is.
    pub kind: AgencyKind,
    /// Every spelling printed in the tables for this body, sorted (the name
    /// itself included when it was printed so).
    pub aliases: Vec<String>,
    /// How many table cells name it.
    pub mentions: u32,
}

/// What sort of body an agency is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum AgencyKind {
    /// Phòng (a specialised department).
    Department,
    /// Văn phòng.
    Office,
    /// Trung tâm.
    Center,
    /// Công an.
    Police,
    /// Quân sự.
    Military,
    /// Party bodies (Đảng ủy, Ban Thường vụ …).
    Party,
    /// Mặt trận, Đoàn, Hội …
    MassOrganization,
    /// Trường.
    School,
    /// Trạm y tế, bệnh viện.
    Health,
    /// Sở, Bộ, Ủy ban of another level, Thuế, Ngân hàng.
    ExternalGovernment,
    /// Doanh nghiệp.
    Enterprise,
    /// A collective phrase (`Các phòng, ban, đơn vị liên quan`).
    Collective,
    /// Anything else.
    Other,
}

/// Where a row came from in the source.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Span {
    /// First line, 1-based.
    pub start_line: u32,
    /// Last line, 1-based, inclusive.
    pub end_line: u32,
    /// Page, 1-based, for PDF input: the page of the first line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// For PDF input: the box around the span's lines on that page,
    /// `[left, top, right, bottom]` in PDF points (1/72 inch) from the
    /// page's top-left corner, to one decimal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bbox: Option<[f64; 4]>,
}

impl Plan {
    /// Calls `f` on every span of the plan: the rows', each value's
    /// provenance, each target's, each legal reference's, the sections' and
    /// the warnings'.
    pub fn for_each_span_mut(&mut self, mut f: impl FnMut(&mut Span)) {
        fn opt(s: &mut Option<Span>, f: &mut impl FnMut(&mut Span)) {
            if let Some(s) = s.as_mut() {
                f(s);
            }
        }
        fn sections(list: &mut [Section], f: &mut impl FnMut(&mut Span)) {
            for s in list {
                f(&mut s.span);
                sections(&mut s.children, f);
            }
        }
        fn task(t: &mut Task, f: &mut impl FnMut(&mut Span)) {
            f(&mut t.span);
            let p = &mut t.provenance;
            for s in [
                &mut p.table,
                &mut p.group,
                &mut p.number,
                &mut p.name,
                &mut p.lead,
                &mut p.cooperating,
                &mut p.responsible,
                &mut p.output,
                &mut p.deadline,
                &mut p.notes,
            ] {
                opt(s, f);
            }
            for s in &mut t.subtasks {
                task(s, f);
            }
        }
        let p = &mut self.document.provenance;
        for s in [
            &mut p.doc_type,
            &mut p.number,
            &mut p.title,
            &mut p.issuer,
            &mut p.locality,
            &mut p.issued_on,
            &mut p.signer,
            &mut p.period,
        ] {
            opt(s, &mut f);
        }
        for r in &mut self.document.legal_basis {
            opt(&mut r.span, &mut f);
        }
        for i in &mut self.indicators {
            f(&mut i.span);
            let p = &mut i.provenance;
            for s in [
                &mut p.table,
                &mut p.group,
                &mut p.number,
                &mut p.name,
                &mut p.unit,
                &mut p.lead,
                &mut p.cooperating,
                &mut p.directed_by,
                &mut p.owner,
                &mut p.output,
            ] {
                opt(s, &mut f);
            }
            for t in &mut i.targets {
                opt(&mut t.span, &mut f);
            }
        }
        for t in &mut self.tasks {
            task(t, &mut f);
        }
        sections(&mut self.sections, &mut f);
        for w in &mut self.warnings {
            opt(&mut w.span, &mut f);
        }
    }
}

impl Span {
    /// Lines `start_line..=end_line` of a text source (no page, no box).
    pub fn lines(start_line: u32, end_line: u32) -> Span {
        Span {
            start_line,
            end_line,
            page: None,
            bbox: None,
        }
    }
}

/// One numbered row of an indicator table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Stable id from table and row position (`"pl1.I.1"`).
    pub id: String,
    /// `"table"` or `"prose"`.
    pub origin: Origin,
    /// Appendix or table title as printed.
    pub table: Option<String>,
    /// Enclosing group row's text without its numeral.
    pub group: Option<String>,
    /// The row's own number as printed.
    pub number: Option<String>,
    /// Id of the parent row for hierarchical numbering.
    pub parent: Option<String>,
    /// The indicator text.
    pub name: String,
    /// The "Đơn vị tính" cell, or the unit carried in the values.
    pub unit: Option<String>,
    /// One target per phase with a value.
    pub targets: Vec<Target>,
    /// Agency ids of the lead body.
    pub lead: Vec<String>,
    /// Agency ids of cooperating bodies.
    pub cooperating: Vec<String>,
    /// "Đồng chí được phân công chỉ đạo" text.
    pub directed_by: Option<String>,
    /// "Đồng chí được phân công chủ trì" text.
    pub owner: Option<String>,
    /// "Sản phẩm đầu ra" text.
    pub output: Option<String>,
    /// Source lines.
    pub span: Span,
    /// Where each value was read (contract 1.4).
    #[serde(default)]
    pub provenance: IndicatorProvenance,
}

/// Where each of an indicator's values was read: the cell's lines (for PDF
/// input also its page and box), or the sentence of a prose indicator;
/// `null` for a field without a value. Each target carries its own `span`.
/// Contract 1.4.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorProvenance {
    /// The table's caption lines.
    pub table: Option<Span>,
    /// The group row (or heading).
    pub group: Option<Span>,
    /// The number cell.
    pub number: Option<Span>,
    /// The name cell.
    pub name: Option<Span>,
    /// The unit cell.
    pub unit: Option<Span>,
    /// The lead cell.
    pub lead: Option<Span>,
    /// The cooperating cell.
    pub cooperating: Option<Span>,
    /// The "chỉ đạo" cell.
    pub directed_by: Option<Span>,
    /// The "chủ trì" cell.
    pub owner: Option<Span>,
    /// The output cell.
    pub output: Option<Span>,
}

/// A target for one phase.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// Phase id.
    pub phase: String,
    /// Cell text as printed.
    pub raw: String,
    /// How `value` bounds the target.
    pub comparator: Comparator,
    /// The number (decimal comma read as a point); `null` for `text`.
    #[serde(serialize_with = "ser_num")]
    pub value: Option<f64>,
    /// Upper bound of a `range`.
    #[serde(serialize_with = "ser_num")]
    pub value_max: Option<f64>,
    /// Unit carried in the value (`%`).
    pub unit: Option<String>,
    /// Where the value was read: its cell, or its sentence (contract 1.4);
    /// `null` only for a target a reviewer added.
    #[serde(default)]
    pub span: Option<Span>,
}

/// How a target value bounds the result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Comparator {
    /// Exactly (`đạt 3%`, `100`).
    Eq,
    /// More than (`>60%`, `đạt trên 3,5%`).
    Gt,
    /// At least (`≥ 80`, `ít nhất 3%`).
    Ge,
    /// Less than.
    Lt,
    /// At most.
    Le,
    /// About (`~100%`).
    Approx,
    /// Between `value` and `value_max` (`80-90%`).
    Range,
    /// Not one number or one range.
    Text,
}

/// One row of a task-assignment table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Task {
    /// Stable id from table and row position.
    pub id: String,
    /// `"table"` or `"prose"`.
    pub origin: Origin,
    /// Appendix or table title as printed.
    pub table: Option<String>,
    /// Enclosing group row's text without its numeral.
    pub group: Option<String>,
    /// The row's own number as printed.
    pub number: Option<String>,
    /// "Tên nhiệm vụ" / "Nội dung công việc".
    pub name: String,
    /// Agency ids of the lead body.
    pub lead: Vec<String>,
    /// Agency ids of cooperating bodies.
    pub cooperating: Vec<String>,
    /// "Người đứng đầu chịu trách nhiệm" / "Đồng chí được phân công chỉ đạo" text.
    pub responsible: Option<String>,
    /// "Kết quả" / "Sản phẩm" text.
    pub output: Option<String>,
    /// When it is due.
    pub deadline: Option<Deadline>,
    /// "Ghi chú" text.
    pub notes: Option<String>,
    /// Rows under this one without their own number.
    pub subtasks: Vec<Task>,
    /// Source lines.
    pub span: Span,
    /// Where each value was read (contract 1.4).
    #[serde(default)]
    pub provenance: TaskProvenance,
}

/// Where each of a task's values was read: the cell's lines (for PDF input
/// also its page and box), or the label line or sentence of a prose task;
/// `null` for a field without a value. Contract 1.4.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskProvenance {
    /// The table's caption lines.
    pub table: Option<Span>,
    /// The group row (or heading).
    pub group: Option<Span>,
    /// The number cell (or the heading's number).
    pub number: Option<Span>,
    /// The name cell (or the item's lines).
    pub name: Option<Span>,
    /// The lead cell (or the words naming the lead).
    pub lead: Option<Span>,
    /// The cooperating cell (or the words naming them).
    pub cooperating: Option<Span>,
    /// The "người đứng đầu" / "chỉ đạo" cell.
    pub responsible: Option<Span>,
    /// The output cell (or label line).
    pub output: Option<Span>,
    /// The deadline cell (or label line).
    pub deadline: Option<Span>,
    /// The notes cell.
    pub notes: Option<Span>,
}

/// A task's deadline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Deadline {
    /// Cell text as printed.
    pub raw: String,
    /// What sort of deadline.
    pub kind: DeadlineKind,
    /// First day, ISO.
    pub start: Option<String>,
    /// Last day, ISO.
    pub end: Option<String>,
}

/// What sort of deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// `Tháng 12/2026`.
    Month,
    /// `Quý I/2026`, `Quý II – Quý IV năm 2026`.
    Quarter,
    /// `Năm 2027`.
    Year,
    /// `trước ngày 01/01/2030` (end only).
    Date,
    /// `Từ năm 2026` (start only).
    From,
    /// `2025-2030`.
    Span,
    /// `Thường xuyên`, `Hằng năm`.
    Recurring,
    /// `Khi có đề nghị`, `theo hướng dẫn của thành phố`.
    Conditional,
    /// None of the above.
    Unspecified,
}

/// One heading of the body's outline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Number as printed without its trailing dot (`"III"`, `"1.2"`, `"a"`).
    pub number: String,
    /// Heading text.
    pub title: String,
    /// Bullet items (`- …`) directly under it.
    pub items: Vec<String>,
    /// Sub-headings.
    pub children: Vec<Section>,
    /// Source lines of the heading.
    pub span: Span,
}

/// Every warning code kehoach emits, with what it means: the schema's enum
/// of `warnings[].code`, and the table in `docs/output.md` (a test holds
/// all three to each other and to what the fixtures produce).
pub const WARNING_CODES: &[(&str, &str)] = &[
    // Input and reading.
    ("text_encoding_converted", "the text file was not UTF-8 (TCVN3, VNI, Windows-1258) and was converted"),
    ("pdf_font_repaired", "a PDF font's text was converted from a legacy encoding or recovered from the embedded font"),
    ("pages_without_text", "some PDF pages have no text layer while others do (scanned pages): their content is not read"),
    ("docx_content_skipped", "DOCX/ODT content nested deeper than the reader follows was left out"),
    ("doc_converted", "a legacy .doc was read through LibreOffice's conversion to DOCX"),
    // Metadata.
    ("meta_doc_type_missing", "no document kind (KẾ HOẠCH, NGHỊ QUYẾT …) found"),
    ("meta_title_missing", "no title (trích yếu) found under the kind"),
    ("meta_number_missing", "no number (số ký hiệu) in the header or an appendix caption, or left blank"),
    ("meta_number_conflict", "the header and an appendix caption give different numbers"),
    ("meta_date_missing", "no issue date in the header or an appendix caption, or left blank"),
    ("meta_date_conflict", "the header and an appendix caption give different dates"),
    ("meta_issuer_missing", "no issuing body found in the header"),
    ("meta_signer_missing", "no signature block found"),
    // Nothing read where something was expected.
    ("no_rows_found", "no indicator or task row was read from the document"),
    ("table_without_rows", "a table header was recognised but no row was read under it"),
    ("column_empty", "a column the header promised (lead, deadline, target …) is empty in every row"),
    ("appendix_not_found", "the body refers to an appendix (Phụ lục) that was not found"),
    ("table_columns_in_sequence", "the text gives a table one column after another (plain pdftotext, pdfminer): its rows cannot be rebuilt"),
    ("table_ended_early", "a table's reading stopped while lines below it go on with its numbering: the rest of its rows were not read"),
    ("header_columns_run_together", "a table header label holds the labels of several columns: the text's columns were squeezed together, and its cells may be cut in the wrong places"),
    // Tables.
    ("table_without_caption", "a table has no PHỤ LỤC caption above it"),
    ("table_kind_unknown", "a table's header names neither indicators nor tasks"),
    ("text_before_first_row", "text between a table header and its first row was not placed"),
    ("row_cells_unplaced", "a row's text could not all be placed in the header's columns"),
    ("row_extra_cells", "a row has more cells than the header has columns"),
    ("row_empty", "a numbered row holds no text"),
    ("row_number_missing", "a row without a number was read as a row of its own"),
    ("row_number_unusual", "a row number is not of the form 1, 1.2"),
    ("row_without_name", "a row without a name (indicator or task text) was skipped"),
    ("stray_number", "a number on a line of its own (a page number?) was left out of the rows"),
    ("name_tail_moved", "text printed after a row's last cell was moved back to its name"),
    // Values.
    ("target_text", "a target is not one number or range (comparator text)"),
    ("target_without_phase", "a target cell could not be tied to a phase"),
    ("phase_assumed", "a phase was taken from the plan's period, not printed"),
    ("unit_read_as_target", "a cell in a target column holds a unit, read as the unit"),
    // Corrections.
    ("correction_not_applied", "a reviewer's correction was not applied: it was made on another version of the input, the extractor no longer gives its old value, or its path names nothing"),
];

/// The warning codes that mean data may be missing from the output: a page
/// or part of the file not read, a table or column found empty, a table
/// whose reading stopped early. A plan with one of these is `suspect` in a
/// run's manifest (`kehoach extract --strict` fails the run on it); other
/// warnings say that something read was hard to place, not that something
/// was left out.
pub const DATA_MISSING_CODES: &[&str] = &[
    "pages_without_text",
    "docx_content_skipped",
    "no_rows_found",
    "table_without_rows",
    "column_empty",
    "appendix_not_found",
    "table_columns_in_sequence",
    "table_ended_early",
    "header_columns_run_together",
];

fn warning_code_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    let codes: Vec<&str> = WARNING_CODES.iter().map(|(c, _)| *c).collect();
    let described: Vec<String> = WARNING_CODES
        .iter()
        .map(|(c, d)| format!("`{c}`: {d}"))
        .collect();
    schemars::Schema::try_from(serde_json::json!({
        "type": "string",
        "enum": codes,
        "description": format!("Stable machine code. {}", described.join("; ")),
    }))
    .expect("an object is a schema")
}

/// Something the extractor could not place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Warning {
    /// Stable machine code, one of [`WARNING_CODES`].
    #[schemars(schema_with = "warning_code_schema")]
    pub code: String,
    /// Human explanation.
    pub message: String,
    /// Where, if known.
    pub span: Option<Span>,
}

/// Writes whole numbers without a fraction (`100`, not `100.0`), so that
/// output reads like the document.
fn ser_num<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(x) if x.fract() == 0.0 && x.abs() < 9.0e15 => s.serialize_i64(*x as i64),
        Some(x) => s.serialize_f64(*x),
        None => s.serialize_none(),
    }
}

/// The JSON Schema (draft 2020-12) of [`Plan`], pretty-printed with a final newline.
pub fn json_schema() -> String {
    let mut schema = schemars::schema_for!(Plan);
    schema.insert(
        "$id".into(),
        serde_json::Value::String(format!(
            "https://kehoach.invalid/schema/kehoach-{SCHEMA_VERSION}.schema.json"
        )),
    );
    let mut s = serde_json::to_string_pretty(&schema).expect("schema serializes");
    s.push('\n');
    s
}

/// Serialises a plan the one way kehoach writes it: pretty JSON, keys in
/// declaration order, final newline. Two runs on the same input give the
/// same bytes.
pub fn to_json(plan: &Plan) -> String {
    let mut s = serde_json::to_string_pretty(plan).expect("plan serializes");
    s.push('\n');
    s
}

/// Serialises a plan as one line (for JSON Lines output).
pub fn to_json_line(plan: &Plan) -> String {
    serde_json::to_string(plan).expect("plan serializes")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_missing_codes_are_warning_codes() {
        for code in DATA_MISSING_CODES {
            assert!(
                WARNING_CODES.iter().any(|(c, _)| c == code),
                "{code} is not in WARNING_CODES"
            );
        }
    }
}
