//! `kehoach export`: a run's outputs as the spreadsheet tables analysts hand
//! on, without a `jq` join: documents, tasks (one row per task and
//! subtask), targets (one row per indicator target) and agencies (one row
//! per body, across every plan that names it).
//!
//! CSV is written as UTF-8 with a byte-order mark, which is what makes
//! Excel read Vietnamese correctly (LibreOffice reads it either way); XLSX
//! has one sheet per table with a frozen, filtered header row and column
//! widths fitted to the text.

use crate::manifest::{self, Entry};
use anyhow::{bail, Context, Result};
use kehoach_schema::{Agency, Plan, Task};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// One cell of a table.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Text(String),
    Number(f64),
    Empty,
}

impl Cell {
    fn text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 9.0e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Empty => String::new(),
        }
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }
}
impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}
impl From<Option<&str>> for Cell {
    fn from(s: Option<&str>) -> Cell {
        s.map_or(Cell::Empty, Cell::from)
    }
}
impl From<Option<String>> for Cell {
    fn from(s: Option<String>) -> Cell {
        s.map_or(Cell::Empty, Cell::Text)
    }
}
impl From<Option<f64>> for Cell {
    fn from(n: Option<f64>) -> Cell {
        n.map_or(Cell::Empty, Cell::Number)
    }
}
impl From<usize> for Cell {
    fn from(n: usize) -> Cell {
        Cell::Number(n as f64)
    }
}
impl From<Option<u32>> for Cell {
    fn from(n: Option<u32>) -> Cell {
        n.map_or(Cell::Empty, |n| Cell::Number(f64::from(n)))
    }
}

/// A table: its name (the CSV file's stem, the sheet's name), its header and
/// its rows.
#[derive(Debug, Default)]
pub(crate) struct Table {
    pub name: &'static str,
    pub header: Vec<&'static str>,
    pub rows: Vec<Vec<Cell>>,
}

/// The four tables of a set of plans.
pub(crate) struct Tables {
    pub documents: Table,
    pub tasks: Table,
    pub targets: Table,
    pub agencies: Table,
}

/// A plan and the output file it was read from (relative to the run's
/// directory).
pub(crate) struct Read {
    pub output: String,
    pub plan: Plan,
}

/// The plans of a run's directory: the outputs its manifest lists, in its
/// order, or without a manifest every `.json` below it, sorted.
pub(crate) fn read_outputs(dir: &Path) -> Result<Vec<Read>> {
    let outputs: Vec<String> = match manifest_outputs(dir)? {
        Some(o) => o,
        None => {
            let mut found = Vec::new();
            let mut stack = vec![PathBuf::new()];
            while let Some(rel) = stack.pop() {
                let entries = std::fs::read_dir(dir.join(&rel))
                    .with_context(|| format!("{}: cannot list", dir.join(&rel).display()))?;
                for e in entries.flatten() {
                    let name = e.file_name();
                    let r = rel.join(&name);
                    if e.file_type().is_ok_and(|t| t.is_dir()) {
                        stack.push(r);
                    } else if Path::new(&name).extension().is_some_and(|x| x == "json") {
                        found.push(r.to_string_lossy().into_owned());
                    }
                }
            }
            found.sort();
            found
        }
    };
    if outputs.is_empty() {
        bail!("{}: no outputs of a run to export", dir.display());
    }
    outputs
        .into_iter()
        .map(|output| {
            let path = dir.join(&output);
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("{}: cannot read", path.display()))?;
            let plan: Plan = serde_json::from_str(&text)
                .with_context(|| format!("{}: not a kehoach plan", path.display()))?;
            Ok(Read { output, plan })
        })
        .collect()
}

/// The outputs the manifest of `dir` lists, if it has one.
fn manifest_outputs(dir: &Path) -> Result<Option<Vec<String>>> {
    let path = dir.join(manifest::FILE_NAME);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).with_context(|| format!("{}: cannot read", path.display())),
    };
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for line in text.lines().skip(1) {
        if let Ok(e) = serde_json::from_str::<Entry>(line) {
            if let Some(o) = e.output {
                if seen.insert(o.clone()) {
                    out.push(o);
                }
            }
        }
    }
    Ok(Some(out))
}

/// Builds the four tables.
pub(crate) fn tables(plans: &[Read]) -> Tables {
    let mut documents = Table {
        name: "documents",
        header: vec![
            "output",
            "source_file",
            "sha256",
            "format",
            "pages",
            "doc_type",
            "number",
            "title",
            "issuer",
            "issued_on",
            "period_from",
            "period_to",
            "tasks",
            "indicators",
            "targets",
            "agencies",
            "warnings",
        ],
        rows: Vec::new(),
    };
    let mut tasks = Table {
        name: "tasks",
        header: vec![
            "output",
            "plan_number",
            "id",
            "parent",
            "number",
            "group",
            "name",
            "lead",
            "cooperating",
            "output_product",
            "deadline",
            "deadline_kind",
            "deadline_start",
            "deadline_end",
            "origin",
            "source_file",
            "start_line",
            "end_line",
            "page",
        ],
        rows: Vec::new(),
    };
    let mut targets = Table {
        name: "targets",
        header: vec![
            "output",
            "plan_number",
            "indicator_id",
            "number",
            "group",
            "indicator",
            "unit",
            "phase",
            "year",
            "target",
            "comparator",
            "value",
            "value_max",
            "value_unit",
            "lead",
            "origin",
            "source_file",
            "start_line",
            "end_line",
            "page",
        ],
        rows: Vec::new(),
    };
    // Bodies across plans, by name: kind, spellings, plans, rows naming them.
    #[derive(Default)]
    struct Body {
        kinds: BTreeSet<String>,
        aliases: BTreeSet<String>,
        plans: BTreeSet<String>,
        rows: usize,
        mentions: u64,
    }
    let mut bodies: BTreeMap<String, Body> = BTreeMap::new();
    for Read { output, plan } in plans {
        let names: HashMap<&str, &Agency> =
            plan.agencies.iter().map(|a| (a.id.as_str(), a)).collect();
        let name_of = |ids: &[String]| -> String {
            ids.iter()
                .map(|id| {
                    names
                        .get(id.as_str())
                        .map_or(id.as_str(), |a| a.name.as_str())
                })
                .collect::<Vec<_>>()
                .join("; ")
        };
        let mut rows_naming: HashMap<&str, usize> = HashMap::new();
        let d = &plan.document;
        let n_targets: usize = plan.indicators.iter().map(|i| i.targets.len()).sum();
        let mut n_tasks = 0;
        let number = d.number.as_deref();
        let file = plan.source.file.as_str();
        // Tasks, depth first, subtasks after their task.
        let mut stack: Vec<(&Task, Option<&str>)> =
            plan.tasks.iter().rev().map(|t| (t, None)).collect();
        while let Some((t, parent)) = stack.pop() {
            n_tasks += 1;
            for id in t.lead.iter().chain(&t.cooperating).collect::<BTreeSet<_>>() {
                *rows_naming.entry(id.as_str()).or_default() += 1;
            }
            let dl = t.deadline.as_ref();
            tasks.rows.push(vec![
                output.as_str().into(),
                number.into(),
                t.id.as_str().into(),
                parent.into(),
                t.number.as_deref().into(),
                t.group.as_deref().into(),
                t.name.as_str().into(),
                name_of(&t.lead).into(),
                name_of(&t.cooperating).into(),
                t.output.as_deref().into(),
                dl.map(|d| d.raw.as_str()).into(),
                dl.map(|d| enum_name(&d.kind)).into(),
                dl.and_then(|d| d.start.as_deref()).into(),
                dl.and_then(|d| d.end.as_deref()).into(),
                enum_name(&t.origin).into(),
                file.into(),
                Some(t.span.start_line).into(),
                Some(t.span.end_line).into(),
                t.span.page.into(),
            ]);
            stack.extend(t.subtasks.iter().rev().map(|s| (s, Some(t.id.as_str()))));
        }
        for ind in &plan.indicators {
            for id in ind
                .lead
                .iter()
                .chain(&ind.cooperating)
                .collect::<BTreeSet<_>>()
            {
                *rows_naming.entry(id.as_str()).or_default() += 1;
            }
            for t in &ind.targets {
                let year = plan
                    .phases
                    .iter()
                    .find(|p| p.id == t.phase)
                    .map(|p| f64::from(p.year));
                targets.rows.push(vec![
                    output.as_str().into(),
                    number.into(),
                    ind.id.as_str().into(),
                    ind.number.as_deref().into(),
                    ind.group.as_deref().into(),
                    ind.name.as_str().into(),
                    ind.unit.as_deref().into(),
                    t.phase.as_str().into(),
                    year.into(),
                    t.raw.as_str().into(),
                    enum_name(&t.comparator).into(),
                    t.value.into(),
                    t.value_max.into(),
                    t.unit.as_deref().into(),
                    name_of(&ind.lead).into(),
                    enum_name(&ind.origin).into(),
                    file.into(),
                    Some(ind.span.start_line).into(),
                    Some(ind.span.end_line).into(),
                    ind.span.page.into(),
                ]);
            }
        }
        for a in &plan.agencies {
            let b = bodies.entry(a.name.clone()).or_default();
            b.kinds.insert(enum_name(&a.kind));
            b.aliases.extend(a.aliases.iter().cloned());
            b.plans.insert(output.clone());
            b.rows += rows_naming.get(a.id.as_str()).copied().unwrap_or(0);
            b.mentions += u64::from(a.mentions);
        }
        let period = d.period.as_ref();
        documents.rows.push(vec![
            output.as_str().into(),
            file.into(),
            plan.source.sha256.as_str().into(),
            enum_name(&plan.source.format).into(),
            plan.source.pages.into(),
            d.doc_type.as_deref().into(),
            number.into(),
            d.title.as_deref().into(),
            d.issuer.as_deref().into(),
            d.issued_on.as_deref().into(),
            period.map(|p| f64::from(p.from)).into(),
            period.map(|p| f64::from(p.to)).into(),
            n_tasks.into(),
            plan.indicators.len().into(),
            n_targets.into(),
            plan.agencies.len().into(),
            plan.warnings.len().into(),
        ]);
    }
    let agencies = Table {
        name: "agencies",
        header: vec![
            "name",
            "kind",
            "aliases",
            "plans",
            "plan_count",
            "rows",
            "mentions",
        ],
        rows: bodies
            .into_iter()
            .map(|(name, b)| {
                vec![
                    name.into(),
                    b.kinds.into_iter().collect::<Vec<_>>().join("; ").into(),
                    b.aliases.into_iter().collect::<Vec<_>>().join("; ").into(),
                    b.plans
                        .iter()
                        .cloned()
                        .collect::<Vec<_>>()
                        .join("; ")
                        .into(),
                    b.plans.len().into(),
                    b.rows.into(),
                    Cell::Number(b.mentions as f64),
                ]
            })
            .collect(),
    };
    Tables {
        documents,
        tasks,
        targets,
        agencies,
    }
}

/// The JSON name of a unit enum value (`department`, `prose`).
fn enum_name<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

impl Tables {
    fn all(&self) -> [&Table; 4] {
        [&self.documents, &self.tasks, &self.targets, &self.agencies]
    }
}

/// Writes `dir/<table>.csv` for each table: UTF-8 with a byte-order mark,
/// a header row, every field quoted when it must be.
pub(crate) fn write_csv(tables: &Tables, dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create", dir.display()))?;
    for t in tables.all() {
        let mut w = csv::Writer::from_writer(vec![0xEF, 0xBB, 0xBF]);
        w.write_record(&t.header)?;
        for row in &t.rows {
            w.write_record(row.iter().map(Cell::text))?;
        }
        let bytes = w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
        let path = dir.join(format!("{}.csv", t.name));
        crate::outdir::write_atomic_bytes(&path, &bytes)?;
    }
    Ok(())
}

/// The widest a column is made, in characters: long names wrap past it.
const MAX_WIDTH: usize = 60;

/// Writes one workbook with a sheet per table: the header row frozen and
/// filtered, columns as wide as their text (up to [`MAX_WIDTH`]), numbers
/// as numbers.
pub(crate) fn write_xlsx(tables: &Tables, path: &Path) -> Result<()> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    for t in tables.all() {
        let sheet = book.add_worksheet();
        sheet.set_name(t.name)?;
        let mut widths: Vec<usize> = t.header.iter().map(|h| h.chars().count()).collect();
        for (c, h) in t.header.iter().enumerate() {
            sheet.write_string_with_format(0, c as u16, *h, &bold)?;
        }
        for (r, row) in t.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                match cell {
                    Cell::Text(s) => {
                        sheet.write_string(r, c as u16, s)?;
                        widths[c] = widths[c].max(s.chars().count());
                    }
                    Cell::Number(n) => {
                        sheet.write_number(r, c as u16, *n)?;
                        widths[c] = widths[c].max(cell.text().len());
                    }
                    Cell::Empty => {}
                }
            }
        }
        for (c, w) in widths.iter().enumerate() {
            sheet.set_column_width(c as u16, (*w).min(MAX_WIDTH) as f64 + 2.0)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        sheet.autofilter(0, 0, t.rows.len() as u32, t.header.len() as u16 - 1)?;
    }
    let bytes = book.save_to_buffer()?;
    crate::outdir::write_atomic_bytes(path, &bytes)
}

/// `kehoach export DIR [--csv CSV_DIR] [--xlsx FILE]`.
pub(crate) fn export(dir: &Path, csv_dir: Option<&Path>, xlsx: Option<&Path>) -> Result<()> {
    let plans = read_outputs(dir)?;
    let t = tables(&plans);
    let counts = format!(
        "{} plans, {} tasks, {} targets, {} agencies",
        t.documents.rows.len(),
        t.tasks.rows.len(),
        t.targets.rows.len(),
        t.agencies.rows.len()
    );
    if let Some(d) = csv_dir {
        write_csv(&t, d)?;
        eprintln!(
            "kehoach: wrote documents, tasks, targets and agencies .csv to {} ({counts})",
            d.display()
        );
    }
    if let Some(f) = xlsx {
        write_xlsx(&t, f)?;
        eprintln!("kehoach: wrote {} ({counts})", f.display());
    }
    Ok(())
}
