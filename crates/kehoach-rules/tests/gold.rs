//! The gold annotations (`fixtures/gold/*.json`, a copy of
//! `shared/eval/gold`) replayed through the rules: every target, every
//! deadline, every agency cell and every agency group a careful reader wrote
//! down must come out the same. A failure names the gold file and value.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use kehoach_rules::{
    parse_deadline, parse_target, split_agencies, split_agencies_detailed, Registry,
};
use serde_json::Value;

fn gold_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/gold");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "json"));
    files.sort();
    assert!(!files.is_empty(), "no gold files under {}", dir.display());
    files
}

fn load(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

fn name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Tasks and their subtasks, flattened.
fn tasks(gold: &Value) -> Vec<&Value> {
    fn walk<'a>(list: &'a Value, out: &mut Vec<&'a Value>) {
        for t in list.as_array().into_iter().flatten() {
            out.push(t);
            walk(&t["subtasks"], out);
        }
    }
    let mut out = Vec::new();
    walk(&gold["tasks"], &mut out);
    out
}

/// Every table row with agency columns: indicators and tasks. Rows read
/// from the body (`"origin": "prose"`, contract 1.2) are left out: their
/// bodies are phrases cut from sentences, and how kehoach reads them is
/// measured end to end by `kehoach eval` (tests/accuracy.rs), not here.
fn rows(gold: &Value) -> Vec<&Value> {
    gold["indicators"]
        .as_array()
        .into_iter()
        .flatten()
        .chain(tasks(gold))
        .filter(|row| row["origin"].as_str() != Some("prose"))
        .collect()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_string)
        .collect()
}

fn locality(gold: &Value) -> Option<String> {
    let loc = &gold["document"]["locality"];
    Some(format!(
        "{} {}",
        loc["level"].as_str()?,
        loc["name"].as_str()?
    ))
}

#[test]
fn gold_targets() {
    let mut failures = Vec::new();
    let mut n = 0;
    for path in gold_files() {
        let gold = load(&path);
        for ind in gold["indicators"].as_array().into_iter().flatten() {
            for t in ind["targets"].as_array().into_iter().flatten() {
                n += 1;
                let raw = t["raw"].as_str().unwrap_or("");
                let got = parse_target(raw);
                let comparator = serde_json::to_value(got.comparator).unwrap_or(Value::Null);
                let same = comparator == t["comparator"]
                    && got.value == t["value"].as_f64()
                    && got.value_max == t["value_max"].as_f64();
                if !same {
                    failures.push(format!("{}: {raw:?} got {got:?}, gold {t}", name(&path)));
                }
            }
        }
    }
    assert!(n > 100, "only {n} gold targets read");
    assert!(
        failures.is_empty(),
        "{} of {n} gold targets differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn gold_deadlines() {
    let mut failures = Vec::new();
    let mut n = 0;
    for path in gold_files() {
        let gold = load(&path);
        for task in tasks(&gold) {
            let d = &task["deadline"];
            let Some(raw) = d["raw"].as_str() else {
                continue;
            };
            n += 1;
            let got = parse_deadline(raw);
            let kind = serde_json::to_value(got.kind).unwrap_or(Value::Null);
            let same = kind == d["kind"]
                && got.start.as_deref() == d["start"].as_str()
                && got.end.as_deref() == d["end"].as_str();
            if !same {
                failures.push(format!("{}: {raw:?} got {got:?}, gold {d}", name(&path)));
            }
        }
    }
    assert!(n > 50, "only {n} gold deadlines read");
    assert!(
        failures.is_empty(),
        "{} of {n} gold deadlines differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The gold splits of one cell, joined again with ", " (the hardest
/// separator), must split back into the same bodies. Cells whose bodies were
/// printed with ";" or on lines of their own and would not survive a comma
/// are listed here, with why.
const COMMA_JOIN_EXCEPTIONS: &[&str] = &[
    // 002 L303 prints "Các phòng, ban, đơn vị; Thôn, Tổ công nghệ số cộng đồng": with a
    // comma, "Thôn" would continue the collective.
    "Các phòng, ban, đơn vị, Thôn, Tổ công nghệ số cộng đồng",
    // 004 prints "Sở … ; đơn vị liên quan" (e.g. L1591-1593 "Sở Giáo dục và Đào tạo; đơn vị
    // liên quan."): a comma before lower-case "đơn vị" does not start a body (OUTPUT.md).
    "Sở Giáo dục và Đào tạo, đơn vị liên quan",
    "Sở Giáo dục và Đào tạo, đơn vị liên quan.",
    "Sở Khoa học và Công nghệ, đơn vị liên quan",
];

#[test]
fn gold_cells_split_back() {
    let mut failures = Vec::new();
    let mut n = 0;
    for path in gold_files() {
        let gold = load(&path);
        for row in rows(&gold) {
            for column in ["lead", "cooperating"] {
                let bodies = strings(&row[column]);
                if bodies.is_empty() {
                    continue;
                }
                n += 1;
                for sep in ["; ", ", "] {
                    let cell = bodies.join(sep);
                    if sep == ", " && COMMA_JOIN_EXCEPTIONS.contains(&cell.as_str()) {
                        continue;
                    }
                    let got = split_agencies(&cell);
                    if got != bodies {
                        failures.push(format!(
                            "{}: {cell:?}\n   got  {got:?}\n   gold {bodies:?}",
                            name(&path)
                        ));
                    }
                }
            }
        }
    }
    let failures: BTreeSet<String> = failures.into_iter().collect();
    assert!(n > 50, "only {n} gold cells read");
    assert!(
        failures.is_empty(),
        "{} gold cells do not split back:\n{}",
        failures.len(),
        failures.into_iter().collect::<Vec<_>>().join("\n")
    );
}

/// Every gold document's agency cells through [`Registry`]: the alias
/// groups must be exactly the gold `agencies` groups.
#[test]
fn gold_agency_groups() {
    let mut failures = Vec::new();
    for path in gold_files() {
        let gold = load(&path);
        let mut registry = Registry::new(locality(&gold));
        for row in rows(&gold) {
            for column in ["lead", "cooperating"] {
                let cell = strings(&row[column]).join("; ");
                for body in split_agencies_detailed(&cell) {
                    registry.add(&body.surface, body.implied.as_deref());
                }
            }
        }
        let got: BTreeSet<Vec<String>> = registry.finish().into_iter().map(|a| a.aliases).collect();
        // The gold groups as the table rows name them.
        let named: BTreeSet<String> = rows(&gold)
            .into_iter()
            .flat_map(|row| {
                let mut names = strings(&row["lead"]);
                names.extend(strings(&row["cooperating"]));
                names
            })
            .flat_map(|cell| split_agencies(&cell))
            .collect();
        let want: BTreeSet<Vec<String>> = gold["agencies"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|a| {
                let mut aliases = strings(&a["aliases"]);
                aliases.retain(|alias| named.contains(alias));
                aliases.sort();
                aliases
            })
            .filter(|aliases| !aliases.is_empty())
            .collect();
        for group in want.difference(&got) {
            failures.push(format!(
                "{}: gold group not reproduced: {group:?}",
                name(&path)
            ));
        }
        for group in got.difference(&want) {
            failures.push(format!(
                "{}: group not in gold:        {group:?}",
                name(&path)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} agency group differences:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
