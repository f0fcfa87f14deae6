//! From table rows to indicators and tasks.
//!
//! Walks each [`Table`]'s rows in order, keeping the group row in force
//! (a topical group such as `I PHÁT TRIỂN HẠ TẦNG`, or a phase group such as
//! `B Đến hết năm 2030`), and turns each data row into an [`Indicator`] or a
//! [`Task`] with its cells mapped by column role.

use crate::outline::fold_ends_with;
use crate::phases::{phase_of_group, PhaseSet};
use kehoach_rules::{
    is_empty_target, parse_deadline, parse_target, ParsedDeadline, ParsedTarget, Registry,
};
use kehoach_schema::{
    Comparator, Deadline, Indicator, IndicatorProvenance, Origin, Span, Target, Task,
    TaskProvenance, Warning,
};
use kehoach_table::{Cell, Role, Row, RowKind, Table, TableKind};
use kehoach_text::{fold, strip_marks};
use std::collections::BTreeMap;
use std::collections::HashMap;
use std::sync::LazyLock;

/// What the rows of all tables gave.
#[derive(Debug, Default)]
pub(crate) struct Rows {
    pub indicators: Vec<Indicator>,
    pub tasks: Vec<Task>,
    pub warnings: Vec<Warning>,
}

/// The id prefix of a table: `pl1` for `PHỤ LỤC 1` / `PHỤ LỤC I`, else `t3`
/// for the third table.
fn table_prefix(table: &Table) -> String {
    let numeral = table.caption.as_deref().and_then(|c| {
        let plain = strip_marks(c).to_lowercase();
        let rest = plain.strip_prefix("phu luc")?.trim_start();
        let token: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if token.chars().all(|c| c.is_ascii_digit()) && !token.is_empty() {
            Some(token)
        } else {
            roman(&token.to_uppercase()).map(|v| v.to_string())
        }
    });
    match numeral {
        Some(n) => format!("pl{n}"),
        None => format!("t{}", table.ordinal),
    }
}

fn roman(s: &str) -> Option<u32> {
    if s.is_empty() || !s.chars().all(|c| matches!(c, 'I' | 'V' | 'X')) {
        return None;
    }
    let v = |c| match c {
        'I' => 1,
        'V' => 5,
        _ => 10,
    };
    let chars: Vec<i32> = s.chars().map(v).collect();
    let total: i32 = chars
        .iter()
        .enumerate()
        .map(|(k, &c)| {
            if chars.get(k + 1).is_some_and(|&n| n > c) {
                -c
            } else {
                c
            }
        })
        .sum();
    u32::try_from(total).ok()
}

fn span(row: &Row) -> Span {
    Span {
        page: row.page,
        ..Span::lines(row.lines.0, row.lines.1)
    }
}

fn text_of(row: &Row, table: &Table, role: &Role) -> Option<String> {
    row.cell(&table.columns, role).map(|c| c.text.clone())
}

/// Where a cell's text is: its lines (for a merged cell printed once, the
/// lines it is printed on), or the row's when a reader gave it none.
fn cell_span(row: &Row, cell: &Cell) -> Span {
    match (cell.lines.first(), cell.lines.last()) {
        (Some(&first), Some(&last)) => Span::lines(first, last),
        _ => span(row),
    }
}

/// Where the cell of the first column with `role` is, if it has text.
fn span_of(row: &Row, table: &Table, role: &Role) -> Option<Span> {
    row.cell(&table.columns, role).map(|c| cell_span(row, c))
}

/// Where a row's number is printed: its number cell, else (a number read
/// from the row's first line) the row's first line.
fn number_span(row: &Row, table: &Table) -> Option<Span> {
    row.number.as_ref()?;
    span_of(row, table, &Role::Number).or(Some(Span::lines(row.lines.0, row.lines.0)))
}

/// Where a table's caption is printed.
fn caption_span(table: &Table) -> Option<Span> {
    table
        .caption
        .as_ref()
        .and(table.caption_lines)
        .map(|(a, b)| Span::lines(a, b))
}

/// The document's bodies: the registry, which splits each agency cell and
/// keeps what it gave (see [`Registry::add_cell`]).
pub(crate) struct Bodies {
    registry: Registry,
}

impl Bodies {
    pub(crate) fn new(registry: Registry) -> Bodies {
        Bodies { registry }
    }

    pub(crate) fn finish(self) -> Vec<kehoach_schema::Agency> {
        self.registry.finish()
    }

    /// Agency ids of the bodies one agency text names (a cell, or the value
    /// of a labelled line in the body), registering each.
    pub(crate) fn add_cell(&mut self, text: &str) -> Vec<String> {
        self.registry.add_cell(text)
    }

    /// The lead and cooperating bodies of a text that states both roles in
    /// words (`Văn phòng UBND xã chủ trì, phối hợp Hội Cựu chiến binh`):
    /// the bodies before `chủ trì` and those after `phối hợp (với)`. `None`
    /// when the text does not have that shape (nothing is registered).
    pub(crate) fn roles_in_words(&mut self, text: &str) -> Option<(Vec<String>, Vec<String>)> {
        static ROLES: LazyLock<regex::Regex> = LazyLock::new(|| {
            regex::Regex::new(
                r"(?i)^(.+?)\s+chủ trì\s*[,;]?\s*(?:và\s+)?phối hợp(?:\s+với)?\s+(.+)$",
            )
            .expect("valid pattern")
        });
        let c = ROLES.captures(text)?;
        let lead = self.registry.add_cell(&c[1]);
        let cooperating = self.registry.add_cell(&c[2]);
        Some((lead, cooperating))
    }
}

/// Agency ids of one agency cell, registering every body it names, and
/// where the cell is (when it names any).
fn agencies(
    row: &Row,
    table: &Table,
    role: &Role,
    bodies: &mut Bodies,
) -> (Vec<String>, Option<Span>) {
    match row.cell(&table.columns, role) {
        Some(cell) => {
            let ids = bodies.registry.add_cell(&cell.text);
            let at = (!ids.is_empty()).then(|| cell_span(row, cell));
            (ids, at)
        }
        None => (vec![], None),
    }
}

/// A row's bodies by role, with where each list was read.
struct RowBodies {
    lead: Vec<String>,
    cooperating: Vec<String>,
    lead_at: Option<Span>,
    cooperating_at: Option<Span>,
}

/// The lead and cooperating bodies of a row. A lead cell that states both
/// roles in words (`Văn phòng UBND xã chủ trì, phối hợp Hội Cựu chiến binh`,
/// typically one cell merged over both columns) gives the bodies before
/// `chủ trì` as lead and those after `phối hợp (với)` as cooperating, when
/// the cooperating cell is empty.
fn lead_and_cooperating(row: &Row, table: &Table, bodies: &mut Bodies) -> RowBodies {
    let cooperating_empty = row.cell(&table.columns, &Role::Cooperating).is_none();
    if let Some(cell) = row
        .cell(&table.columns, &Role::Lead)
        .filter(|_| cooperating_empty)
    {
        if let Some((lead, cooperating)) = bodies.roles_in_words(&cell.text) {
            let at = |ids: &[String]| (!ids.is_empty()).then(|| cell_span(row, cell));
            return RowBodies {
                lead_at: at(&lead),
                cooperating_at: at(&cooperating),
                lead,
                cooperating,
            };
        }
    }
    let (lead, lead_at) = agencies(row, table, &Role::Lead, bodies);
    let (cooperating, cooperating_at) = agencies(row, table, &Role::Cooperating, bodies);
    RowBodies {
        lead,
        cooperating,
        lead_at,
        cooperating_at,
    }
}

/// The target printed as `raw` (at `at`) for the phase of `year`, as parsed.
fn target(year: i32, raw: &str, parsed: ParsedTarget, at: Span) -> Target {
    Target {
        phase: year.to_string(),
        raw: raw.to_string(),
        comparator: parsed.comparator,
        value: parsed.value,
        value_max: parsed.value_max,
        unit: parsed.unit,
        span: Some(at),
    }
}

/// A data row's name and its local id (its number, or `u1`, `u2` … for
/// unnumbered rows); `None`, with a warning, for a row without a name.
fn name_and_local(
    row: &Row,
    table: &Table,
    what: &str,
    unnumbered: &mut u32,
    out: &mut Rows,
) -> Option<(String, String)> {
    let Some(name) = text_of(row, table, &Role::Name) else {
        out.warnings.push(Warning {
            code: "row_without_name".into(),
            message: format!("{what} row {:?} has no name; skipped", row.number),
            span: Some(span(row)),
        });
        return None;
    };
    let local = match &row.number {
        Some(n) => n.clone(),
        None => {
            *unnumbered += 1;
            format!("u{unnumbered}")
        }
    };
    Some((name, local))
}

/// Makes ids unique within the document: a repeated id gets `-2`, `-3` …
/// (Only looked up, never iterated, so hashed.)
#[derive(Default)]
struct Ids(HashMap<String, u32>);

impl Ids {
    fn unique(&mut self, id: String) -> String {
        if let Some(n) = self.0.get_mut(&id) {
            *n += 1;
            return format!("{id}-{n}");
        }
        self.0.insert(id.clone(), 1);
        id
    }
}

/// Target cells read once per document, by text: plans repeat the same
/// few (`100%`, `-`). `None` is a placeholder (see [`is_empty_target`]).
/// Only looked up, never iterated.
type TargetCache<'t> = HashMap<&'t str, Option<ParsedTarget>>;

/// The target in `text`, `None` for a placeholder; read once per document.
fn read_target<'t>(cache: &mut TargetCache<'t>, text: &'t str) -> Option<ParsedTarget> {
    cache
        .entry(text)
        .or_insert_with(|| (!is_empty_target(text)).then(|| parse_target(text)))
        .clone()
}

/// Reads every table's rows.
pub(crate) fn read_rows(
    tables: &[Table],
    phases: &mut PhaseSet,
    default_year: Option<i32>,
    registry: &mut Bodies,
) -> Rows {
    let mut out = Rows::default();
    // Room for a row each (indicators and tasks are large: growing their
    // vectors would copy them).
    let data_rows = |kind: TableKind| -> usize {
        tables
            .iter()
            .filter(|t| t.kind == kind)
            .map(|t| t.rows.len())
            .sum()
    };
    out.indicators.reserve(data_rows(TableKind::Indicators));
    out.tasks.reserve(data_rows(TableKind::Tasks));
    let mut ids = Ids::default();
    // Each deadline cell text read once: plans repeat the same few (only
    // looked up, never iterated).
    let mut deadlines = HashMap::new();
    let mut target_cells = TargetCache::new();
    for table in tables {
        for w in &table.warnings {
            out.warnings.push(Warning {
                code: w.code.to_string(),
                message: w.message.clone(),
                span: Some(Span::lines(w.lines.0, w.lines.1)),
            });
        }
        match table.kind {
            TableKind::Indicators => read_indicators(
                table,
                phases,
                default_year,
                registry,
                &mut target_cells,
                &mut ids,
                &mut out,
            ),
            TableKind::Tasks => read_tasks(table, registry, &mut deadlines, &mut ids, &mut out),
            TableKind::Unknown => out.warnings.push(Warning {
                code: "table_kind_unknown".into(),
                message: format!(
                    "table {} ({}) lists neither indicators nor tasks; its rows are not extracted",
                    table.ordinal,
                    table.caption.as_deref().unwrap_or("no caption")
                ),
                span: Some(Span::lines(table.header_lines.0, table.header_lines.1)),
            }),
        }
        if table.caption.is_none() {
            out.warnings.push(Warning {
                code: "table_without_caption".into(),
                message: format!(
                    "table {} has no caption: its title may be on a missing page",
                    table.ordinal
                ),
                span: Some(Span::lines(table.header_lines.0, table.header_lines.1)),
            });
        }
    }
    out
}

/// Group context while walking a table.
#[derive(Default)]
struct Groups {
    /// Numeral of the topical group row in force (`I`).
    numeral: Option<String>,
    /// Text of the topical group in force.
    topical: Option<String>,
    /// Where the topical group row is.
    topical_at: Option<Span>,
    /// Text of the phase group in force (`Đến năm 2030`).
    phase_text: Option<String>,
    /// Where the phase group row is.
    phase_at: Option<Span>,
    /// Numeral of the phase group (`B`).
    phase_numeral: Option<String>,
    /// Year of the phase group in force.
    phase_year: Option<i32>,
    /// Whether any phase group has been seen in this table.
    seen_phase_group: bool,
    /// The numerals in force as an id path (`B.I.`), kept by [`Groups::enter`]
    /// because every data row's id needs it.
    path: String,
}

impl Groups {
    fn enter(&mut self, row: &Row, phases: &mut PhaseSet) {
        let text = row.group_text.clone().unwrap_or_default();
        if let Some(year) = phase_of_group(&text) {
            phases.add(year, &text);
            self.phase_text = Some(text);
            self.phase_at = Some(span(row));
            self.phase_numeral = row.number.clone();
            self.phase_year = Some(year);
            self.seen_phase_group = true;
            self.topical = None;
            self.topical_at = None;
            self.numeral = None;
        } else {
            self.topical = (!text.is_empty()).then_some(text);
            self.topical_at = self.topical.as_ref().map(|_| span(row));
            self.numeral = row.number.clone();
        }
        self.path = [self.phase_numeral.as_deref(), self.numeral.as_deref()]
            .into_iter()
            .flatten()
            .map(|s| format!("{s}."))
            .collect();
    }

    fn group(&self) -> Option<String> {
        self.topical.clone().or_else(|| self.phase_text.clone())
    }

    /// Where the group row of [`Groups::group`] is.
    fn group_at(&self) -> Option<Span> {
        match self.topical {
            Some(_) => self.topical_at,
            None => self.phase_text.as_ref().and(self.phase_at),
        }
    }

    /// The numerals in force as an id path (`B.I.`, or empty).
    fn path(&self) -> &str {
        &self.path
    }
}

fn read_indicators<'t>(
    table: &'t Table,
    phases: &mut PhaseSet,
    default_year: Option<i32>,
    registry: &mut Bodies,
    target_cells: &mut TargetCache<'t>,
    ids: &mut Ids,
    out: &mut Rows,
) {
    let prefix = table_prefix(table);
    let mut groups = Groups::default();
    // Number -> id of rows in the current group, for parents.
    let mut by_number: BTreeMap<String, String> = BTreeMap::new();
    let mut unnumbered = 0;
    let has_phase_groups = table.rows.iter().any(|r| {
        r.kind == RowKind::Group && r.group_text.as_deref().and_then(phase_of_group).is_some()
    });
    for row in &table.rows {
        if row.kind == RowKind::Group {
            groups.enter(row, phases);
            by_number.clear();
            continue;
        }
        let Some((name, local)) = name_and_local(row, table, "indicator", &mut unnumbered, out)
        else {
            continue;
        };
        let id = ids.unique(format!("{prefix}.{}{local}", groups.path()));
        let parent = row
            .number
            .as_deref()
            .and_then(|n| n.rsplit_once('.'))
            .and_then(|(p, _)| by_number.get(p).cloned());
        if let Some(n) = &row.number {
            by_number.insert(n.clone(), id.clone());
        }
        let mut targets = Vec::new();
        for (c, col) in table.columns.iter().enumerate() {
            let Role::Target { year } = col.role else {
                continue;
            };
            let Some(cell) = row.cells.get(c).filter(|c| !c.is_empty()) else {
                continue;
            };
            let Some(parsed) = read_target(target_cells, &cell.text) else {
                continue;
            };
            let year = match year.or(groups.phase_year) {
                Some(y) => {
                    if year.is_some() {
                        phases.add(y, &col.label);
                    }
                    Some(y)
                }
                None => {
                    if has_phase_groups && !groups.seen_phase_group {
                        out.warnings.push(Warning {
                            code: "phase_assumed".into(),
                            message: format!(
                                "row {:?} comes before the table's first phase group (its heading may be on a missing page); phase taken as the plan's first year",
                                row.number
                            ),
                            span: Some(span(row)),
                        });
                    }
                    default_year
                }
            };
            let Some(year) = year else {
                out.warnings.push(Warning {
                    code: "target_without_phase".into(),
                    message: format!(
                        "target {:?} of row {:?} has no phase",
                        cell.text, row.number
                    ),
                    span: Some(span(row)),
                });
                continue;
            };
            phases.add_default(year);
            if parsed.comparator == Comparator::Text {
                out.warnings.push(Warning {
                    code: "target_text".into(),
                    message: format!(
                        "target {:?} of row {:?} is not one number or range; kept as text",
                        cell.text, row.number
                    ),
                    span: Some(span(row)),
                });
            }
            targets.push(target(year, &cell.text, parsed, cell_span(row, cell)));
        }
        // A result printed in the unit column (its own cell empty): units are
        // a word or two, prose is a target.
        let mut unit_cell = text_of(row, table, &Role::Unit);
        let mut unit_at = span_of(row, table, &Role::Unit);
        let target_cols: Vec<&Role> = table
            .columns
            .iter()
            .map(|c| &c.role)
            .filter(|r| matches!(r, Role::Target { .. }))
            .collect();
        if let (Some(u), [Role::Target { year }]) = (&unit_cell, target_cols.as_slice()) {
            let words = u.split_whitespace().count();
            if targets.is_empty() && words > 4 {
                if let Some(y) = year.or(groups.phase_year).or(default_year) {
                    let parsed = parse_target(u);
                    out.warnings.push(Warning {
                        code: "unit_read_as_target".into(),
                        message: format!("the unit cell of row {:?} holds a result ({u:?}) and its result cell is empty; read as the target", row.number),
                        span: Some(span(row)),
                    });
                    phases.add_default(y);
                    let at = unit_at.take().unwrap_or_else(|| span(row));
                    targets.push(target(y, u, parsed, at));
                    unit_cell = None;
                }
            }
        }
        // Without a unit column, the `%` of the first target printed with
        // one.
        let has_unit_column = table.columns.iter().any(|c| c.role == Role::Unit);
        let percent_at = (!has_unit_column)
            .then(|| targets.iter().find(|t| t.unit.as_deref() == Some("%")))
            .flatten()
            .and_then(|t| t.span);
        let (unit, unit_at) = match unit_cell {
            Some(u) => (Some(u), unit_at),
            None => (percent_at.map(|_| "%".to_string()), percent_at),
        };
        let bodies = lead_and_cooperating(row, table, registry);
        let provenance = IndicatorProvenance {
            table: caption_span(table),
            group: groups.group_at(),
            number: number_span(row, table),
            name: span_of(row, table, &Role::Name),
            unit: unit_at,
            lead: bodies.lead_at,
            cooperating: bodies.cooperating_at,
            directed_by: span_of(row, table, &Role::DirectedBy),
            owner: span_of(row, table, &Role::Owner),
            output: span_of(row, table, &Role::Output),
        };
        out.indicators.push(Indicator {
            id,
            origin: Origin::Table,
            table: table.caption.clone(),
            group: groups.group(),
            number: row.number.clone(),
            parent,
            name,
            unit,
            targets,
            lead: bodies.lead,
            cooperating: bodies.cooperating,
            directed_by: text_of(row, table, &Role::DirectedBy),
            owner: text_of(row, table, &Role::Owner),
            output: text_of(row, table, &Role::Output),
            span: span(row),
            provenance,
        });
    }
}

/// Whether a task's text announces the unnumbered rows under it (`…, gồm:`).
fn announces_children(name: &str) -> bool {
    static GOM: LazyLock<String> = LazyLock::new(|| fold("gồm"));
    let t = name.trim_end();
    t.ends_with(':') || fold_ends_with(t, &GOM)
}

fn read_tasks(
    table: &Table,
    registry: &mut Bodies,
    deadlines: &mut HashMap<String, ParsedDeadline>,
    ids: &mut Ids,
    out: &mut Rows,
) {
    let prefix = table_prefix(table);
    let mut groups = Groups::default();
    let mut phases_unused = PhaseSet::default();
    let mut unnumbered = 0;
    // Index in out.tasks of the last numbered task that announces sub-tasks.
    let mut parent: Option<usize> = None;
    for row in &table.rows {
        if row.kind == RowKind::Group {
            groups.enter(row, &mut phases_unused);
            parent = None;
            continue;
        }
        let Some((name, local)) = name_and_local(row, table, "task", &mut unnumbered, out) else {
            continue;
        };
        let deadline = text_of(row, table, &Role::Deadline).map(|raw| {
            let d = match deadlines.get(&raw) {
                Some(d) => d.clone(),
                None => {
                    let d = parse_deadline(&raw);
                    deadlines.insert(raw.clone(), d.clone());
                    d
                }
            };
            Deadline {
                raw,
                kind: d.kind,
                start: d.start,
                end: d.end,
            }
        });
        let bodies = lead_and_cooperating(row, table, registry);
        let responsible_role = if row.cell(&table.columns, &Role::Responsible).is_some() {
            Role::Responsible
        } else {
            Role::DirectedBy
        };
        let provenance = TaskProvenance {
            table: caption_span(table),
            group: groups.group_at(),
            number: number_span(row, table),
            name: span_of(row, table, &Role::Name),
            lead: bodies.lead_at,
            cooperating: bodies.cooperating_at,
            responsible: span_of(row, table, &responsible_role),
            output: span_of(row, table, &Role::Output),
            deadline: span_of(row, table, &Role::Deadline),
            notes: span_of(row, table, &Role::Notes),
        };
        let mut task = Task {
            id: String::new(),
            origin: Origin::Table,
            table: table.caption.clone(),
            group: groups.group(),
            number: row.number.clone(),
            name,
            lead: bodies.lead,
            cooperating: bodies.cooperating,
            responsible: text_of(row, table, &responsible_role),
            output: text_of(row, table, &Role::Output),
            deadline,
            notes: text_of(row, table, &Role::Notes),
            subtasks: vec![],
            span: span(row),
            provenance,
        };
        match (row.number.is_none(), parent) {
            (true, Some(p)) => {
                let host = &mut out.tasks[p];
                task.id = ids.unique(format!("{}.{}", host.id, host.subtasks.len() + 1));
                host.subtasks.push(task);
            }
            _ => {
                task.id = ids.unique(format!("{prefix}.{}{local}", groups.path()));
                parent = (row.number.is_some() && announces_children(&task.name))
                    .then_some(out.tasks.len());
                out.tasks.push(task);
            }
        }
    }
}
