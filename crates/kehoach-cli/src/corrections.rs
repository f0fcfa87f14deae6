//! Reviewers' corrections in a run (the file format and its rules are
//! `kehoach-corrections`'): `extract --corrections DIR` applies
//! `DIR/<stem>.corrections.json` to the plan of the input whose
//! `source.file` has that stem (in the worker, after extraction), and
//! `eval --corrections DIR` checks each file of DIR against an extraction
//! of its input without it.

use anyhow::{bail, Context, Result};
use kehoach_corrections::{CorrectionsFile, Verdict};
use kehoach_schema::{Plan, Warning};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Applies the corrections file of `plan`'s input in `dir`, if there is
/// one, and returns the lines to print on stderr: each correction not
/// applied, or the file if it cannot be read (which is also a
/// `correction_not_applied` warning in the plan).
pub(crate) fn apply_from(dir: &Path, plan: &mut Plan) -> Vec<String> {
    let stem = Path::new(&plan.source.file)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_string();
    let path = dir.join(kehoach_corrections::file_name(&stem));
    if !path.is_file() {
        return Vec::new();
    }
    let file = std::fs::read_to_string(&path)
        .map_err(|e| e.to_string())
        .and_then(|text| CorrectionsFile::parse(&text).map_err(|e| e.to_string()));
    match file {
        Ok(file) => kehoach_corrections::apply(plan, &file).not_applied,
        Err(e) => {
            let message = format!(
                "{}: cannot be read, no correction applied: {e}",
                path.display()
            );
            plan.warnings.push(Warning {
                code: "correction_not_applied".into(),
                message: message.clone(),
                span: None,
            });
            vec![format!("{}: {message}", plan.source.file)]
        }
    }
}

/// `--corrections DIR` in a run's manifest: the directory and the sha256
/// of its corrections files (names and contents, in name order), so that
/// `--resume` converts again when a correction was added or changed.
pub(crate) fn fingerprint(dir: &Path) -> String {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| {
        p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.ends_with(".corrections.json"))
    });
    files.sort();
    let mut all = Vec::new();
    for f in &files {
        all.extend(
            f.file_name()
                .map(|n| n.as_encoded_bytes())
                .unwrap_or_default(),
        );
        all.push(0);
        all.extend(std::fs::read(f).unwrap_or_default());
        all.push(0);
    }
    format!(
        "{} sha256:{}",
        dir.display(),
        kehoach_extract::sha256_hex(&all)
    )
}

/// One corrections file checked: its input and each correction's verdict,
/// or why it could not be checked.
struct Checked {
    file: PathBuf,
    input: Option<PathBuf>,
    result: Result<Vec<kehoach_corrections::Check>, String>,
}

/// `kehoach eval --corrections DIR`: extracts the input of each
/// corrections file in `dir` (found among `inputs`, default the bundled
/// corpus, by its `source.file` name) without corrections, and reports
/// each correction as fixed, needed, changed or source changed. `Ok(false)`
/// (exit 1) when a correction is `changed` or a file could not be checked.
pub(crate) fn run_eval(dir: &Path, inputs: &[PathBuf], json: bool) -> Result<bool> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("{}: cannot list corrections directory", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.ends_with(".corrections.json"))
        })
        .collect();
    files.sort();
    if files.is_empty() {
        bail!(
            "{}: no corrections files (*.corrections.json)",
            dir.display()
        );
    }
    let candidates = crate::collect_inputs(inputs);
    let checked: Vec<Checked> = files
        .into_iter()
        .map(|file| check_file(file, &candidates))
        .collect();
    let mut counts: BTreeMap<Verdict, usize> = BTreeMap::new();
    for c in &checked {
        for check in c.result.iter().flatten() {
            *counts.entry(check.verdict).or_default() += 1;
        }
    }
    let failed = checked.iter().any(|c| c.result.is_err());
    print!(
        "{}",
        if json {
            render_json(&checked, &counts)
        } else {
            render_text(&checked, &counts)
        }
    );
    Ok(!failed && !counts.contains_key(&Verdict::Changed))
}

fn check_file(file: PathBuf, candidates: &[PathBuf]) -> Checked {
    let parsed = std::fs::read_to_string(&file)
        .map_err(|e| format!("cannot read: {e}"))
        .and_then(|text| CorrectionsFile::parse(&text).map_err(|e| e.to_string()));
    let corrections = match parsed {
        Ok(c) => c,
        Err(e) => {
            return Checked {
                file,
                input: None,
                result: Err(e),
            }
        }
    };
    let input = candidates
        .iter()
        .find(|p| p.file_name().and_then(|n| n.to_str()) == Some(corrections.source.file.as_str()))
        .cloned();
    let result = match &input {
        None => Err(format!(
            "no input named {} among the inputs",
            corrections.source.file
        )),
        Some(path) => crate::extract_one(path, None)
            .map(|plan| kehoach_corrections::check(&plan, &corrections))
            .map_err(|e| format!("{}: {e:#}", path.display())),
    };
    Checked {
        file,
        input,
        result,
    }
}

fn summary(counts: &BTreeMap<Verdict, usize>) -> String {
    let n = |v| counts.get(&v).copied().unwrap_or(0);
    let total: usize = counts.values().sum();
    format!(
        "{total} corrections: {} needed, {} fixed, {} changed, {} source changed",
        n(Verdict::Needed),
        n(Verdict::Fixed),
        n(Verdict::Changed),
        n(Verdict::SourceChanged)
    )
}

/// A value for the text report: its JSON, cut at 60 characters.
fn short(v: &Value) -> String {
    let s = v.to_string();
    match s.char_indices().nth(60) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s,
    }
}

fn render_text(checked: &[Checked], counts: &BTreeMap<Verdict, usize>) -> String {
    let mut s = String::new();
    for c in checked {
        let input = c
            .input
            .as_ref()
            .map(|p| format!(" ({})", p.display()))
            .unwrap_or_default();
        s += &format!("{}{input}\n", c.file.display());
        match &c.result {
            Err(e) => s += &format!("  error           {e}\n"),
            Ok(checks) => {
                for check in checks {
                    let detail = match check.verdict {
                        Verdict::Fixed => " (the extractor gives the new value: retire it)".into(),
                        Verdict::Changed => match &check.now {
                            Some(now) => format!(
                                " (the extractor gives {}; old {}, new {})",
                                short(now),
                                short(&check.old),
                                short(&check.new)
                            ),
                            None => " (the path names nothing in this output)".into(),
                        },
                        Verdict::SourceChanged => {
                            " (the input is not the version corrected)".into()
                        }
                        Verdict::Needed => String::new(),
                    };
                    s += &format!("  {:<15} {}{detail}\n", check.verdict.as_str(), check.path);
                }
            }
        }
    }
    s += &summary(counts);
    s.push('\n');
    s
}

fn render_json(checked: &[Checked], counts: &BTreeMap<Verdict, usize>) -> String {
    let files: Vec<Value> = checked
        .iter()
        .map(|c| {
            let (error, corrections) = match &c.result {
                Err(e) => (Value::String(e.clone()), Vec::new()),
                Ok(checks) => (
                    Value::Null,
                    checks
                        .iter()
                        .map(|k| {
                            json!({
                                "path": k.path,
                                "verdict": k.verdict.as_str(),
                                "old": k.old,
                                "new": k.new,
                                "now": k.now,
                            })
                        })
                        .collect(),
                ),
            };
            json!({
                "file": c.file.display().to_string(),
                "input": c.input.as_ref().map(|p| p.display().to_string()),
                "error": error,
                "corrections": corrections,
            })
        })
        .collect();
    let n = |v| counts.get(&v).copied().unwrap_or(0);
    let report = json!({
        "files": files,
        "summary": {
            "needed": n(Verdict::Needed),
            "fixed": n(Verdict::Fixed),
            "changed": n(Verdict::Changed),
            "source_changed": n(Verdict::SourceChanged),
        },
    });
    let mut s = serde_json::to_string_pretty(&report).expect("report serializes");
    s.push('\n');
    s
}
