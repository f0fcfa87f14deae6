//! Corrections applied to a plan, and checked against a new extraction.

use crate::path::{DocField, FieldPath, IndicatorField, TaskField};
use crate::{Correction, CorrectionsFile};
use kehoach_rules::{parse_deadline, parse_target, Registry};
use kehoach_schema::{
    Agency, AppliedCorrection, Deadline, Indicator, Plan, Signer, Span, Target, Task, Warning,
};
use serde_json::Value;

/// The warning code of a correction that was not applied.
const NOT_APPLIED: &str = "correction_not_applied";

/// What [`apply`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applied {
    /// How many corrections were applied.
    pub applied: usize,
    /// One line per correction not applied, naming the input, the path and
    /// why (also a `correction_not_applied` warning in the plan): for
    /// stderr.
    pub not_applied: Vec<String>,
}

/// Applies `file`'s corrections to `plan`, in order, and lists each
/// applied one in `plan.corrections`.
///
/// A correction is applied when the file is for the plan's input (same
/// `source.sha256`), its path names a field of this plan and the field
/// still holds the correction's `old` value. Any other is not applied: it
/// becomes a `correction_not_applied` warning (with the row's span when
/// the path names a row) and a line of [`Applied::not_applied`].
///
/// An agency that a corrected `lead` or `cooperating` list no longer names
/// and that no other row names leaves `agencies`.
pub fn apply(plan: &mut Plan, file: &CorrectionsFile) -> Applied {
    let mut done = Applied::default();
    let mut unnamed: Vec<String> = Vec::new();
    let other_version = file.source.sha256 != plan.source.sha256;
    for c in &file.corrections {
        let path = FieldPath::parse(&c.path);
        let outcome = if other_version {
            Err(format!(
                "the corrections were made on another version of the input \
                 (sha256 {} in the corrections file, {} here)",
                short(&file.source.sha256),
                short(&plan.source.sha256)
            ))
        } else {
            match &path {
                None => Err("its path names no field that can be corrected".to_string()),
                Some(p) => {
                    let before = agency_ids(plan, p).map(<[String]>::to_vec);
                    unnamed.extend(before.unwrap_or_default());
                    apply_one(plan, p, c)
                }
            }
        };
        match outcome {
            Ok(old) => {
                done.applied += 1;
                plan.corrections.push(AppliedCorrection {
                    path: c.path.clone(),
                    old,
                    new: c.new.clone(),
                    by: c.by.clone(),
                    at: c.at.clone(),
                });
            }
            Err(reason) => {
                let message = format!("correction of {} not applied: {reason}", c.path);
                done.not_applied
                    .push(format!("{}: {message}", plan.source.file));
                let span = path.as_ref().and_then(|p| row_span(plan, p));
                plan.warnings.push(Warning {
                    code: NOT_APPLIED.into(),
                    message,
                    span,
                });
            }
        }
    }
    if !unnamed.is_empty() {
        let mut named: Vec<&str> = Vec::new();
        for i in &plan.indicators {
            named.extend(i.lead.iter().chain(&i.cooperating).map(String::as_str));
        }
        named_in(&plan.tasks, &mut named);
        let gone: Vec<String> = unnamed
            .into_iter()
            .filter(|id| !named.contains(&id.as_str()))
            .collect();
        plan.agencies.retain(|a| !gone.contains(&a.id));
    }
    done
}

/// Adds the agency ids `tasks` (and their subtasks) name to `named`.
fn named_in<'p>(tasks: &'p [Task], named: &mut Vec<&'p str>) {
    for t in tasks {
        named.extend(t.lead.iter().chain(&t.cooperating).map(String::as_str));
        named_in(&t.subtasks, named);
    }
}

/// Applies one correction; the extractor's value, or why not.
fn apply_one(plan: &mut Plan, path: &FieldPath, c: &Correction) -> Result<Value, String> {
    let Some(now) = current_value(plan, path) else {
        return Err(names_nothing(path));
    };
    if !same(plan, path, &now, &c.old) {
        return Err(if same(plan, path, &now, &c.new) {
            format!(
                "the extractor now gives the corrected value {} itself (the correction can be retired)",
                short_value(&now)
            )
        } else {
            format!(
                "the extractor now gives {}, not the correction's old value {}",
                short_value(&now),
                short_value(&c.old)
            )
        });
    }
    set(plan, path, &c.new)?;
    Ok(now)
}

/// What a correction is to an extraction without it (`kehoach eval
/// --corrections`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verdict {
    /// The extractor gives the correction's `new` value: it can be retired.
    Fixed,
    /// The extractor still gives `old`: the correction is still needed.
    Needed,
    /// The extractor gives neither (or the path names nothing): it moved,
    /// and the correction must be looked at again.
    Changed,
    /// The input is not the version the correction was made on.
    SourceChanged,
}

impl Verdict {
    /// How the report prints it: `fixed`, `needed`, `changed`, `source changed`.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Fixed => "fixed",
            Verdict::Needed => "needed",
            Verdict::Changed => "changed",
            Verdict::SourceChanged => "source changed",
        }
    }
}

/// One correction checked against an extraction.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    /// The correction's path.
    pub path: String,
    /// What the correction is to this extraction.
    pub verdict: Verdict,
    /// The correction's `old` value.
    pub old: Value,
    /// The correction's `new` value.
    pub new: Value,
    /// What the extraction gives (`None` when the path names nothing).
    pub now: Option<Value>,
}

/// Checks each of `file`'s corrections against `plan`, an extraction
/// without corrections: [`Verdict::Fixed`] when the plan gives `new`,
/// [`Verdict::Needed`] when it gives `old`, [`Verdict::Changed`] when it
/// gives neither, [`Verdict::SourceChanged`] when the plan's input is not
/// the file's version.
pub fn check(plan: &Plan, file: &CorrectionsFile) -> Vec<Check> {
    let other_version = file.source.sha256 != plan.source.sha256;
    file.corrections
        .iter()
        .map(|c| {
            let path = FieldPath::parse(&c.path);
            let now = path.as_ref().and_then(|p| current_value(plan, p));
            let verdict = match (&path, &now) {
                _ if other_version => Verdict::SourceChanged,
                (Some(p), Some(now)) if same(plan, p, now, &c.new) => Verdict::Fixed,
                (Some(p), Some(now)) if same(plan, p, now, &c.old) => Verdict::Needed,
                _ => Verdict::Changed,
            };
            Check {
                path: c.path.clone(),
                verdict,
                old: c.old.clone(),
                new: c.new.clone(),
                now,
            }
        })
        .collect()
}

/// The value of the field `path` names in `plan`, as a correction states
/// it (agency names for `lead` and `cooperating`, `null` for an absent
/// value); `None` when no row has the path's id.
pub fn current_value(plan: &Plan, path: &FieldPath) -> Option<Value> {
    Some(match path {
        FieldPath::Document(field) => {
            let d = &plan.document;
            let signer = d.signer.as_ref();
            text(match field {
                DocField::DocType => d.doc_type.as_deref(),
                DocField::Number => d.number.as_deref(),
                DocField::Title => d.title.as_deref(),
                DocField::Issuer => d.issuer.as_deref(),
                DocField::IssuedOn => d.issued_on.as_deref(),
                DocField::SignerName => signer.and_then(|s| s.name.as_deref()),
                DocField::SignerPosition => signer.and_then(|s| s.position.as_deref()),
            })
        }
        FieldPath::Task { id, field } => {
            let t = find_task(&plan.tasks, id)?;
            match field {
                TaskField::Name => text(Some(&t.name)),
                TaskField::Number => text(t.number.as_deref()),
                TaskField::Output => text(t.output.as_deref()),
                TaskField::Responsible => text(t.responsible.as_deref()),
                TaskField::Notes => text(t.notes.as_deref()),
                TaskField::DeadlineRaw => text(t.deadline.as_ref().map(|d| d.raw.as_str())),
                TaskField::Lead => names(&plan.agencies, &t.lead),
                TaskField::Cooperating => names(&plan.agencies, &t.cooperating),
            }
        }
        FieldPath::Indicator { id, field } => {
            let i = plan.indicators.iter().find(|i| &i.id == id)?;
            match field {
                IndicatorField::Name => text(Some(&i.name)),
                IndicatorField::Unit => text(i.unit.as_deref()),
                IndicatorField::Lead => names(&plan.agencies, &i.lead),
                IndicatorField::Cooperating => names(&plan.agencies, &i.cooperating),
                IndicatorField::TargetRaw(phase) => text(
                    i.targets
                        .iter()
                        .find(|t| &t.phase == phase)
                        .map(|t| t.raw.as_str()),
                ),
            }
        }
    })
}

/// Whether `given` (a correction's `old` or `new`) is the field's value
/// `now`. Agency lists are the same when their names name the same
/// agencies, in order (a reviewer may write an alias).
fn same(plan: &Plan, path: &FieldPath, now: &Value, given: &Value) -> bool {
    if now == given {
        return true;
    }
    let Some(ids) = agency_ids(plan, path) else {
        return false;
    };
    let Some(given) = given.as_array() else {
        return false;
    };
    let resolved: Option<Vec<String>> = given
        .iter()
        .map(|n| n.as_str().and_then(|n| resolve(plan, n)))
        .collect();
    resolved.as_deref() == Some(ids)
}

/// The agency ids of the list `path` names, if it names one.
fn agency_ids<'p>(plan: &'p Plan, path: &FieldPath) -> Option<&'p [String]> {
    match path {
        FieldPath::Task { id, field } => {
            let t = find_task(&plan.tasks, id)?;
            match field {
                TaskField::Lead => Some(&t.lead),
                TaskField::Cooperating => Some(&t.cooperating),
                _ => None,
            }
        }
        FieldPath::Indicator { id, field } => {
            let i = plan.indicators.iter().find(|i| &i.id == id)?;
            match field {
                IndicatorField::Lead => Some(&i.lead),
                IndicatorField::Cooperating => Some(&i.cooperating),
                _ => None,
            }
        }
        FieldPath::Document(_) => None,
    }
}

/// Writes `new` into the field `path` names (which exists).
fn set(plan: &mut Plan, path: &FieldPath, new: &Value) -> Result<(), String> {
    match path {
        FieldPath::Document(field) => {
            let value = want_text(new)?;
            let d = &mut plan.document;
            match field {
                DocField::DocType => d.doc_type = value,
                DocField::Number => d.number = value,
                DocField::Title => d.title = value,
                DocField::Issuer => d.issuer = value,
                DocField::IssuedOn => {
                    if let Some(date) = &value {
                        if !is_iso_date(date) {
                            return Err(format!("{date:?} is not an ISO date (YYYY-MM-DD)"));
                        }
                    }
                    d.issued_on = value;
                }
                DocField::SignerName | DocField::SignerPosition => {
                    let signer = d.signer.get_or_insert(Signer {
                        name: None,
                        position: None,
                        on_behalf: None,
                    });
                    if *field == DocField::SignerName {
                        signer.name = value;
                    } else {
                        signer.position = value;
                    }
                    if signer.name.is_none()
                        && signer.position.is_none()
                        && signer.on_behalf.is_none()
                    {
                        d.signer = None;
                    }
                }
            }
        }
        FieldPath::Task { id, field } => {
            let ids = match field {
                TaskField::Lead | TaskField::Cooperating => Some(resolve_or_add(plan, new)?),
                _ => None,
            };
            let t = find_task_mut(&mut plan.tasks, id).ok_or_else(|| names_nothing(path))?;
            match field {
                TaskField::Name => t.name = want_name(new)?,
                TaskField::Number => t.number = want_text(new)?,
                TaskField::Output => t.output = want_text(new)?,
                TaskField::Responsible => t.responsible = want_text(new)?,
                TaskField::Notes => t.notes = want_text(new)?,
                TaskField::DeadlineRaw => {
                    t.deadline = want_text(new)?.map(|raw| {
                        let parsed = parse_deadline(&raw);
                        Deadline {
                            raw,
                            kind: parsed.kind,
                            start: parsed.start,
                            end: parsed.end,
                        }
                    });
                }
                TaskField::Lead => t.lead = ids.unwrap_or_default(),
                TaskField::Cooperating => t.cooperating = ids.unwrap_or_default(),
            }
        }
        FieldPath::Indicator { id, field } => {
            let ids = match field {
                IndicatorField::Lead | IndicatorField::Cooperating => {
                    Some(resolve_or_add(plan, new)?)
                }
                _ => None,
            };
            let phases: Vec<String> = plan.phases.iter().map(|p| p.id.clone()).collect();
            let i = plan
                .indicators
                .iter_mut()
                .find(|i| &i.id == id)
                .ok_or_else(|| names_nothing(path))?;
            match field {
                IndicatorField::Name => i.name = want_name(new)?,
                IndicatorField::Unit => i.unit = want_text(new)?,
                IndicatorField::Lead => i.lead = ids.unwrap_or_default(),
                IndicatorField::Cooperating => i.cooperating = ids.unwrap_or_default(),
                IndicatorField::TargetRaw(phase) => {
                    set_target(i, &phases, phase, want_text(new)?)?;
                }
            }
        }
    }
    Ok(())
}

/// Sets (or with `None` removes) the target of `phase`, re-parsed by the
/// extractor's target rules; a new target goes in the plan's phase order.
fn set_target(
    indicator: &mut Indicator,
    phases: &[String],
    phase: &str,
    raw: Option<String>,
) -> Result<(), String> {
    let Some(raw) = raw else {
        indicator.targets.retain(|t| t.phase != phase);
        return Ok(());
    };
    if !phases.iter().any(|p| p == phase) {
        return Err(format!("the plan has no phase {phase:?}"));
    }
    let parsed = parse_target(&raw);
    let target = Target {
        phase: phase.to_string(),
        raw,
        comparator: parsed.comparator,
        value: parsed.value,
        value_max: parsed.value_max,
        unit: parsed.unit,
        span: None,
    };
    match indicator.targets.iter_mut().find(|t| t.phase == phase) {
        // A corrected value stays where the extractor read it.
        Some(t) => {
            *t = Target {
                span: t.span,
                ..target
            }
        }
        None => {
            indicator.targets.push(target);
            let rank = |p: &str| phases.iter().position(|x| x == p);
            indicator.targets.sort_by_key(|t| rank(&t.phase));
        }
    }
    Ok(())
}

/// The agency ids of `new`, an array of agency names: each name resolved
/// to the plan's agency by [`resolve`], or added to the plan as a new
/// agency (named, given its id and kind by the extractor's registry, with
/// the reviewer's spelling as its alias and one mention). The mentions of
/// agencies a correction takes a cell from or gives it to are left as the
/// extractor counted them.
fn resolve_or_add(plan: &mut Plan, new: &Value) -> Result<Vec<String>, String> {
    let list = new.as_array().ok_or("expected an array of agency names")?;
    let mut ids: Vec<String> = Vec::new();
    for name in list {
        let name = name
            .as_str()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .ok_or("expected an array of agency names")?;
        let id = match resolve(plan, name) {
            Some(id) => id,
            None => {
                let mut registry = Registry::new(locality(plan));
                let id = registry.add(name, None);
                let mut agency: Agency = registry
                    .finish()
                    .into_iter()
                    .find(|a| a.id == id)
                    .ok_or_else(|| format!("the agency name {name:?} could not be registered"))?;
                // Named once, by the reviewer, in the corrected cell.
                agency.aliases = vec![name.to_string()];
                agency.mentions = 1;
                let at = plan.agencies.partition_point(|a| a.id < agency.id);
                plan.agencies.insert(at, agency);
                id
            }
        };
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok(ids)
}

/// The id of the plan's agency that `name` names: by its name or an
/// alias, as written, then folded (case, tone placement, dashes), then by
/// the identity key the extractor gives the name (`Phòng VH-XH` is `Phòng
/// Văn hóa - Xã hội`).
fn resolve(plan: &Plan, name: &str) -> Option<String> {
    let name = name.trim();
    let spellings = |a: &Agency| std::iter::once(a.name.clone()).chain(a.aliases.clone());
    if let Some(a) = plan
        .agencies
        .iter()
        .find(|a| spellings(a).any(|s| s == name))
    {
        return Some(a.id.clone());
    }
    let key = kehoach_text::fold(name);
    if let Some(a) = plan
        .agencies
        .iter()
        .find(|a| spellings(a).any(|s| kehoach_text::fold(&s) == key))
    {
        return Some(a.id.clone());
    }
    let id = Registry::new(locality(plan)).add(name, None);
    plan.agencies.iter().any(|a| a.id == id).then_some(id)
}

/// The plan's locality as the registry takes it (`"xã Kiến Thụy"`).
fn locality(plan: &Plan) -> Option<String> {
    plan.document
        .locality
        .as_ref()
        .map(|l| format!("{} {}", l.level, l.name))
}

/// The names of the agencies `ids` (an id without an agency as itself).
fn names(agencies: &[Agency], ids: &[String]) -> Value {
    Value::Array(
        ids.iter()
            .map(|id| {
                let name = agencies
                    .iter()
                    .find(|a| &a.id == id)
                    .map_or(id, |a| &a.name);
                Value::String(name.clone())
            })
            .collect(),
    )
}

fn text(value: Option<&str>) -> Value {
    value.map_or(Value::Null, |s| Value::String(s.to_string()))
}

/// A text field's new value: a string (spaces collapsed; empty is none)
/// or `null`.
fn want_text(new: &Value) -> Result<Option<String>, String> {
    match new {
        Value::Null => Ok(None),
        Value::String(s) => {
            let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
            Ok((!s.is_empty()).then_some(s))
        }
        other => Err(format!(
            "expected a string or null, not {}",
            short_value(other)
        )),
    }
}

/// A row's new name: a string that is not empty.
fn want_name(new: &Value) -> Result<String, String> {
    want_text(new)?.ok_or_else(|| "a name cannot be empty".to_string())
}

fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

fn find_task<'p>(tasks: &'p [Task], id: &str) -> Option<&'p Task> {
    tasks.iter().find_map(|t| {
        if t.id == id {
            Some(t)
        } else {
            find_task(&t.subtasks, id)
        }
    })
}

fn find_task_mut<'p>(tasks: &'p mut [Task], id: &str) -> Option<&'p mut Task> {
    for t in tasks {
        if t.id == id {
            return Some(t);
        }
        if let Some(found) = find_task_mut(&mut t.subtasks, id) {
            return Some(found);
        }
    }
    None
}

/// The span of the row `path` names, if it names one that exists.
fn row_span(plan: &Plan, path: &FieldPath) -> Option<Span> {
    match path {
        FieldPath::Task { id, .. } => find_task(&plan.tasks, id).map(|t| t.span),
        FieldPath::Indicator { id, .. } => {
            plan.indicators.iter().find(|i| &i.id == id).map(|i| i.span)
        }
        FieldPath::Document(_) => None,
    }
}

fn names_nothing(path: &FieldPath) -> String {
    match path {
        FieldPath::Task { id, .. } => format!("this output has no task {id:?}"),
        FieldPath::Indicator { id, .. } => format!("this output has no indicator {id:?}"),
        FieldPath::Document(_) => "its path names nothing".to_string(),
    }
}

/// A sha256's first 12 digits, enough to tell versions apart in a message.
fn short(sha: &str) -> &str {
    sha.get(..12).unwrap_or(sha)
}

/// A value for a message: its JSON, cut at 80 characters.
fn short_value(v: &Value) -> String {
    let s = v.to_string();
    match s.char_indices().nth(80) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s,
    }
}
