//! Parity with the reference scorer: every test here writes gold and output
//! files to a temporary directory, runs `python3 shared/eval/score.py` on
//! them (plain and `--json`), and requires `Report::score_dirs` +
//! `render_text` to print the same text and `render_json` to carry the same
//! values.
//!
//! Opt-in: this test target is built only with the crate's `parity` feature,
//! so `cargo test --workspace` on a fresh clone (no `shared/` beside it)
//! neither builds nor runs it. Run it with
//! `cargo test -p kehoach-eval --features parity --test parity` (`.ci/run`
//! does, as its own step).
//!
//! The script is found at `../../../shared/eval/score.py` from this crate
//! (the repository is checked out beside `shared/`). With the feature on, a
//! missing `python3` or script fails the tests, it does not skip them:
//! parity that cannot be checked is not assumed.

use std::path::{Path, PathBuf};
use std::process::Command;

use kehoach_eval::Report;
use serde_json::{json, Map, Value};
use unicode_normalization::UnicodeNormalization;

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn score_py() -> PathBuf {
    let p = crate_dir().join("../../../shared/eval/score.py");
    assert!(
        p.is_file(),
        "parity test needs the reference scorer at {} (shared/ checked out beside the repository)",
        p.display()
    );
    p
}

fn gold_files() -> Vec<PathBuf> {
    let dir = crate_dir().join("../../fixtures/gold");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read gold fixtures {}: {e}", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert_eq!(
        files.len(),
        3,
        "expected the three gold fixtures in {}",
        dir.display()
    );
    files
}

fn read_json(p: &Path) -> Value {
    let text = std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn stem(p: &Path) -> String {
    p.file_stem()
        .and_then(|s| s.to_str())
        .expect("utf-8 stem")
        .to_owned()
}

/// A fresh scratch directory with `gold/` and `out/` inside.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let root =
            std::env::temp_dir().join(format!("kehoach-eval-parity-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("gold")).expect("create gold dir");
        std::fs::create_dir_all(root.join("out")).expect("create out dir");
        Scratch(root)
    }
    fn gold(&self) -> PathBuf {
        self.0.join("gold")
    }
    fn out(&self) -> PathBuf {
        self.0.join("out")
    }
    fn write(&self, dir: &str, name: &str, bytes: &[u8]) {
        std::fs::write(self.0.join(dir).join(name), bytes).expect("write scratch file");
    }
    fn write_json(&self, dir: &str, stem: &str, v: &Value) {
        let text = serde_json::to_string_pretty(v).expect("serialize");
        self.write(dir, &format!("{stem}.json"), text.as_bytes());
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn run_python(gold: &Path, out: &Path, json: bool) -> String {
    let mut cmd = Command::new("python3");
    cmd.arg(score_py()).arg(gold).arg(out);
    if json {
        cmd.arg("--json");
    }
    let res = cmd
        .output()
        .unwrap_or_else(|e| panic!("parity test needs python3 on PATH to run score.py: {e}"));
    assert!(
        res.status.success(),
        "score.py failed ({}):\n{}",
        res.status,
        String::from_utf8_lossy(&res.stderr)
    );
    String::from_utf8(res.stdout).expect("score.py printed UTF-8")
}

/// Scores the scratch directories both ways and requires identical results.
/// Returns the report for further sanity checks.
fn assert_parity(s: &Scratch) -> Report {
    let report = Report::score_dirs(&s.gold(), &s.out()).expect("score_dirs");
    let want = run_python(&s.gold(), &s.out(), false);
    let got = report.render_text();
    if got != want {
        let diff: Vec<String> = want
            .lines()
            .zip(got.lines())
            .filter(|(a, b)| a != b)
            .map(|(a, b)| format!("  score.py: {a}\n  rust:     {b}"))
            .collect();
        panic!(
            "render_text differs from score.py:\n{}\n--- score.py ---\n{want}--- rust ---\n{got}",
            diff.join("\n")
        );
    }
    let want_json: Value =
        serde_json::from_str(&run_python(&s.gold(), &s.out(), true)).expect("score.py --json");
    let got_json: Value = serde_json::from_str(&report.render_json()).expect("render_json is JSON");
    assert_eq!(
        got_json, want_json,
        "render_json differs from score.py --json"
    );
    // Shown with `--nocapture`.
    println!("{got}");
    report
}

// ---------------------------------------------------------------------------
// Deterministic perturbation of a gold file into extractor output
// (shared/spec/OUTPUT.md): agencies by id, indicator parents by id, and a
// spread of errors chosen by row index.

fn s(v: &str) -> Value {
    Value::String(v.to_owned())
}

fn str_of(v: &Value) -> Option<&str> {
    v.as_str()
}

/// Old/new tone placement and dash variants that an extractor may emit.
fn respell(text: &str) -> String {
    text.replace("hóa", "hoá")
        .replace("Ủy", "Uỷ")
        .replace("ủy", "uỷ")
        .replace("Thủy", "Thuỷ")
        .replace(" - ", " – ")
}

/// Keeps roughly `keep` of the characters.
fn truncate(text: &str, keep: f64) -> String {
    let n = text.chars().count();
    text.chars()
        .take(((n as f64) * keep).ceil() as usize)
        .collect()
}

struct Agencies {
    list: Vec<Value>,
    /// gold surface string -> output agency id
    by_string: Vec<(String, Value)>,
}

impl Agencies {
    fn build(gold: &Value) -> Self {
        let mut list: Vec<Value> = Vec::new();
        let mut by_string = Vec::new();
        let empty = Vec::new();
        let gold_agencies = gold["agencies"].as_array().unwrap_or(&empty);
        for (k, a) in gold_agencies.iter().enumerate() {
            let name = str_of(&a["name"]).unwrap_or_default().to_owned();
            let aliases: Vec<String> = a["aliases"]
                .as_array()
                .unwrap_or(&empty)
                .iter()
                .filter_map(|x| x.as_str().map(str::to_owned))
                .collect();
            // Every fifth agency (from the third) is merged into the previous
            // one, as an over-eager normaliser would.
            if k % 5 == 2 && !list.is_empty() {
                let last = list.last_mut().expect("previous agency");
                let id = last["id"].clone();
                if let Some(arr) = last["aliases"].as_array_mut() {
                    arr.extend(aliases.iter().map(|x| s(x)));
                }
                for al in aliases.iter().chain(std::iter::once(&name)) {
                    by_string.push((al.clone(), id.clone()));
                }
                continue;
            }
            // One integer id, one float-valued reference to it below, to
            // exercise Python's 1 == 1.0 dict keys.
            let id = if k == 1 {
                json!(7)
            } else {
                s(&format!("ag-{k}"))
            };
            let out_name = match k % 4 {
                1 => respell(&name),
                3 => format!("{name} (đổi tên)"),
                _ => name.clone(),
            };
            // Some agencies lose all but their first alias: the gold strings
            // then only resolve through the canonical name or not at all.
            let out_aliases: Vec<Value> = if k % 6 == 3 {
                aliases.iter().take(1).map(|x| s(x)).collect()
            } else {
                aliases.iter().map(|x| s(&respell(x))).collect()
            };
            list.push(json!({"id": id, "name": out_name, "kind": "other", "aliases": out_aliases, "mentions": 1}));
            for al in aliases.iter().chain(std::iter::once(&name)) {
                by_string.push((al.clone(), id.clone()));
            }
        }
        Agencies { list, by_string }
    }

    /// Gold body strings -> output references. Unknown strings stay strings
    /// (score.py then compares them as names); every 9th reference to the
    /// integer id is written as a float.
    fn refs(&self, bodies: &Value, salt: usize) -> Value {
        let empty = Vec::new();
        let refs: Vec<Value> = bodies
            .as_array()
            .unwrap_or(&empty)
            .iter()
            .enumerate()
            .map(|(n, b)| {
                let text = b.as_str().unwrap_or_default();
                match self.by_string.iter().find(|(k, _)| k == text) {
                    Some((_, id)) if *id == json!(7) && matches!((salt + n) % 9, 0) => json!(7.0),
                    Some((_, id)) if (salt + n) % 11 == 5 => {
                        s(&format!("{}-x", id.as_str().unwrap_or("x")))
                    }
                    Some((_, id)) => id.clone(),
                    None => s(text),
                }
            })
            .collect();
        Value::Array(refs)
    }
}

fn perturb_targets(targets: &Value, i: usize) -> Value {
    let empty = Vec::new();
    let mut out = Vec::new();
    for (n, t) in targets.as_array().unwrap_or(&empty).iter().enumerate() {
        let mut t = t.clone();
        let k = i + n;
        if k % 13 == 4 {
            continue; // target dropped
        }
        if matches!(k % 3, 0) {
            if let Some(v) = t["value"].as_f64() {
                t["value"] = json!(v + 1.0);
            }
        }
        if k % 4 == 2 {
            t["comparator"] = s("eq");
        }
        if k % 6 == 5 {
            t["raw"] = Value::Null;
        }
        if k % 7 == 1 {
            if let Some(raw) = t["raw"].as_str() {
                t["raw"] = s(&format!(" {} ", raw.replace('%', " %")));
            }
        }
        if k % 8 == 3 {
            // Numeric phase and a string value: str(2030) == "2030", float("90") == 90.
            if let Some(p) = t["phase"].as_str().and_then(|p| p.parse::<u64>().ok()) {
                t["phase"] = json!(p);
            }
            if let Some(v) = t["value"].as_f64() {
                t["value"] = s(&v.to_string());
            }
        }
        if k % 10 == 9 {
            t["phase"] = s("2099");
        }
        t["unit"] = Value::Null;
        out.push(t);
    }
    if i % 12 == 7 {
        // A second target for the first phase, placed before it: score.py
        // pairs each gold target with the output target of its phase whose
        // tight raw is equal, so the real one must still be found.
        if let Some(first) = out.first().cloned() {
            let mut dup = first;
            dup["raw"] = s("khác");
            out.insert(0, dup);
        }
    }
    if i % 12 == 2 {
        // A second target for the last phase, after it, with a raw no gold
        // target has: it only adds an output fact.
        if let Some(last) = out.last().cloned() {
            let mut dup = last;
            dup["raw"] = s("thêm");
            out.push(dup);
        }
    }
    Value::Array(out)
}

/// `origin` of an output row (contract 1.2): copied, left out (score.py then
/// reads "table"), `null`, flipped, or re-cased.
fn perturb_origin(o: &mut Map<String, Value>, g: &Value, i: usize) {
    let gold = g["origin"].as_str().unwrap_or("table");
    match i % 6 {
        0 => {}
        1 => {
            o.insert("origin".into(), Value::Null);
        }
        2 => {
            let flipped = if gold == "prose" { "table" } else { "prose" };
            o.insert("origin".into(), s(flipped));
        }
        3 => {
            o.insert("origin".into(), s(&gold.to_uppercase()));
        }
        _ => {
            o.insert("origin".into(), s(gold));
        }
    }
}

fn perturb_indicators(gold: &Value, ag: &Agencies) -> Vec<Value> {
    let empty = Vec::new();
    let rows = gold["indicators"].as_array().unwrap_or(&empty);
    let id_of = |i: usize| s(&format!("pl1.{i}"));
    let mut out = Vec::new();
    for (i, g) in rows.iter().enumerate() {
        if i % 7 == 3 {
            continue; // row missed by the extractor
        }
        let mut o = Map::new();
        o.insert("id".into(), if i % 10 == 2 { json!(i) } else { id_of(i) });
        o.insert("table".into(), g["table"].clone());
        perturb_origin(&mut o, g, i);
        let group = match i % 9 {
            4 => g["group"]
                .as_str()
                .map(|x| s(&x.to_uppercase()))
                .unwrap_or(Value::Null),
            8 => Value::Null,
            _ => g["group"].clone(),
        };
        o.insert("group".into(), group);
        o.insert(
            "number".into(),
            if i % 11 == 6 {
                Value::Null
            } else {
                g["number"].clone()
            },
        );
        // parent: id of the first row with the gold parent_number; every
        // fifth row points at the wrong row.
        let parent = g["parent_number"].as_str().and_then(|pn| {
            rows.iter()
                .position(|r| r["number"].as_str() == Some(pn))
                .map(|p| if i % 5 == 0 { p + 1 } else { p })
        });
        let parent = match parent {
            Some(p) if p % 10 == 2 => json!(p),
            Some(p) => id_of(p),
            None => Value::Null,
        };
        o.insert("parent".into(), parent);
        let name = g["name"].as_str().unwrap_or_default();
        let name = match i % 10 {
            1 => s(&respell(name)),
            4 => s(&name.nfd().collect::<String>()),
            6 => s(&truncate(name, 0.75)),
            7 => s(&format!("{} (chỉ tiêu bổ sung)", name.to_uppercase())),
            _ => g["name"].clone(),
        };
        o.insert("name".into(), name);
        let unit = match i % 8 {
            0 => g["unit"]
                .as_str()
                .map(|u| s(&format!(" {u} ")))
                .unwrap_or(Value::Null),
            5 => Value::Null,
            6 => json!(100),
            _ => g["unit"].clone(),
        };
        o.insert("unit".into(), unit);
        o.insert("targets".into(), perturb_targets(&g["targets"], i));
        let (mut lead, mut coop) = (ag.refs(&g["lead"], i), ag.refs(&g["cooperating"], i + 3));
        if i % 4 == 3 {
            std::mem::swap(&mut lead, &mut coop);
        }
        if i % 7 == 5 {
            if let Some(arr) = coop.as_array_mut() {
                arr.push(s("ag-0"));
            }
        }
        if i % 13 == 8 {
            // A bare string instead of a list: Python iterates its characters.
            lead = s("ag-0");
        }
        o.insert("lead".into(), lead);
        o.insert("cooperating".into(), coop);
        for (f, k) in [("directed_by", 2), ("owner", 3), ("output", 4)] {
            let v = match (i + k) % 6 {
                0 => Value::Null,
                1 => g[f].as_str().map(|x| s(&respell(x))).unwrap_or(Value::Null),
                2 => g[f]
                    .as_str()
                    .map(|x| s(&truncate(x, 0.5)))
                    .unwrap_or(Value::Null),
                _ => g[f].clone(),
            };
            o.insert(f.into(), v);
        }
        o.insert(
            "span".into(),
            json!({"start_line": i + 1, "end_line": i + 2}),
        );
        out.push(Value::Object(o));
    }
    // A spurious row, and one row moved to the end (changes the |i - j| tie-break).
    out.push(
        json!({"id": "extra", "number": "99", "name": "Chỉ tiêu không có trong văn bản gốc",
                    "targets": [], "lead": [], "cooperating": []}),
    );
    if out.len() > 4 {
        let moved = out.remove(2);
        out.push(moved);
    }
    out
}

fn perturb_task(g: &Value, i: usize, ag: &Agencies) -> Value {
    let mut o = Map::new();
    o.insert("id".into(), s(&format!("task.{i}")));
    o.insert("table".into(), g["table"].clone());
    perturb_origin(&mut o, g, i);
    o.insert(
        "group".into(),
        if i % 6 == 1 {
            Value::Null
        } else {
            g["group"].clone()
        },
    );
    o.insert(
        "number".into(),
        if i % 9 == 2 {
            s("?")
        } else {
            g["number"].clone()
        },
    );
    let name = g["name"].as_str().unwrap_or_default();
    let name = match i % 8 {
        1 => s(&respell(name)),
        3 => s(&truncate(name, 0.85)),
        5 => s(&truncate(name, 0.6)),
        6 => s(&name.nfd().collect::<String>().to_uppercase()),
        _ => g["name"].clone(),
    };
    o.insert("name".into(), name);
    let (mut lead, mut coop) = (ag.refs(&g["lead"], i), ag.refs(&g["cooperating"], i + 1));
    if i % 5 == 4 {
        std::mem::swap(&mut lead, &mut coop);
    }
    o.insert("lead".into(), lead);
    o.insert("cooperating".into(), coop);
    for (f, k) in [("responsible", 0), ("output", 1), ("notes", 2)] {
        let v = match (i + k) % 5 {
            0 => Value::Null,
            1 => g[f]
                .as_str()
                .map(|x| s(&format!("{x} .")))
                .unwrap_or(Value::Null),
            2 if f == "notes" => json!(0),
            _ => g[f].clone(),
        };
        o.insert(f.into(), v);
    }
    let mut d = g["deadline"].clone();
    if d.is_object() {
        match i % 7 {
            1 => d["kind"] = s("unspecified"),
            2 => d["raw"] = s(&respell(d["raw"].as_str().unwrap_or_default()).replace('/', " / ")),
            3 => d = Value::Null,
            4 => d["end"] = s("2030-12-31"),
            5 => d["start"] = Value::Null,
            6 => d = json!({}),
            _ => {}
        }
    }
    o.insert("deadline".into(), d);
    let empty = Vec::new();
    let subs: Vec<Value> = g["subtasks"]
        .as_array()
        .unwrap_or(&empty)
        .iter()
        .enumerate()
        .map(|(n, st)| perturb_task(st, i * 100 + n + 1, ag))
        .collect();
    o.insert("subtasks".into(), Value::Array(subs));
    Value::Object(o)
}

fn perturb_tasks(gold: &Value, ag: &Agencies) -> Vec<Value> {
    let empty = Vec::new();
    let mut out: Vec<Value> = Vec::new();
    for (i, g) in gold["tasks"]
        .as_array()
        .unwrap_or(&empty)
        .iter()
        .enumerate()
    {
        if i % 9 == 4 {
            continue;
        }
        let mut t = perturb_task(g, i, ag);
        // Promote the first subtask of a task to a top-level task.
        if let Some(subs) = t["subtasks"].as_array_mut() {
            if i % 2 == 0 && !subs.is_empty() {
                let first = subs.remove(0);
                out.push(t);
                out.push(first);
                continue;
            }
        }
        // Every 10th task becomes a subtask of the previous one.
        if i % 10 == 9 {
            if let Some(prev) = out.last_mut().and_then(|p| p["subtasks"].as_array_mut()) {
                prev.push(t);
                continue;
            }
        }
        if i % 17 == 16 {
            // A top-level row carrying `_sub` itself (kept by flat_tasks).
            t["_sub"] = json!(true);
        }
        out.push(t);
    }
    out.push(
        json!({"id": "task.extra", "number": null, "name": "Nhiệm vụ không có trong văn bản",
                    "lead": [], "cooperating": [], "deadline": null, "subtasks": []}),
    );
    out
}

fn perturb_document(gold: &Value, variant: usize) -> Value {
    let mut d = gold["document"].clone();
    let Some(m) = d.as_object_mut() else {
        return d;
    };
    match variant % 3 {
        0 => {
            m.remove("title");
            if let Some(n) = m
                .get("number")
                .and_then(Value::as_str)
                .map(|n| n.replace('/', " / "))
            {
                m.insert("number".into(), s(&n));
            }
            m.insert(
                "signer".into(),
                json!({"name": gold["document"]["signer"]["name"], "position": "PHÓ CHỦ TỊCH"}),
            );
        }
        1 => {
            m.remove("locality");
            if let Some(t) = m
                .get("title")
                .and_then(Value::as_str)
                .map(|t| truncate(t, 0.93))
            {
                m.insert("title".into(), s(&t));
            }
            m.insert("issued_on".into(), s("29/09/2025"));
            m.insert(
                "period".into(),
                json!({"from": gold["document"]["period"]["from"].to_string(), "to": 2030.0}),
            );
        }
        _ => {
            m.insert("doc_type".into(), s("Kế hoạch"));
            m.insert(
                "issuer".into(),
                s(&respell(
                    m.get("issuer").and_then(Value::as_str).unwrap_or_default(),
                )),
            );
            m.insert("period".into(), Value::Null);
        }
    }
    d
}

fn perturb(gold: &Value, variant: usize) -> Value {
    let ag = Agencies::build(gold);
    let empty = Vec::new();
    let gold_phases = gold["phases"].as_array().unwrap_or(&empty);
    let mut phases: Vec<Value> = gold_phases
        .iter()
        .filter_map(|p| p.as_str())
        .map(|p| json!({"id": p, "label": format!("Năm {p}"), "year": p.parse::<u64>().ok(), "ends_on": format!("{p}-12-31")}))
        .collect();
    if matches!(variant % 2, 0) && phases.len() > 1 {
        phases.pop();
    }
    phases.push(json!("2099"));
    json!({
        "schema_version": "1.0",
        "source": {"file": gold["source"], "sha256": "0", "format": "text", "pages": null, "bytes": 0},
        "document": perturb_document(gold, variant),
        "phases": phases,
        "agencies": ag.list,
        "indicators": perturb_indicators(gold, &ag),
        "tasks": perturb_tasks(gold, &ag),
        "sections": [],
        "warnings": [],
    })
}

// ---------------------------------------------------------------------------

#[test]
fn parity_gold_against_itself() {
    let s = Scratch::new("self");
    for f in gold_files() {
        let g = read_json(&f);
        s.write_json("gold", &stem(&f), &g);
        s.write_json("out", &stem(&f), &g);
    }
    let report = assert_parity(&s);
    assert_eq!(report.docs.len(), 3);
}

#[test]
fn parity_gold_against_perturbed_extractor_output() {
    let s = Scratch::new("perturbed");
    for (n, f) in gold_files().iter().enumerate() {
        let g = read_json(f);
        s.write_json("gold", &stem(f), &g);
        s.write_json("out", &stem(f), &perturb(&g, n));
    }
    let report = assert_parity(&s);
    // The perturbation must actually produce misses and false hits in most
    // fields, or this test would compare trivial numbers.
    let total = report.total();
    let imperfect = total
        .fields
        .values()
        .filter(|f| f.gold_hit < f.gold_total && f.out_hit < f.out_total)
        .count();
    assert!(
        imperfect >= 20,
        "perturbation too weak: {imperfect} imperfect fields\n{}",
        report.render_text()
    );
    let (p, r, _) = total.totals();
    assert!(p > 0.3 && p < 0.95 && r > 0.3 && r < 0.95, "p={p} r={r}");
}

#[test]
fn parity_missing_malformed_and_ordering() {
    let s = Scratch::new("missing");
    let files = gold_files();
    for (n, f) in files.iter().enumerate() {
        let g = read_json(f);
        s.write_json("gold", &stem(f), &g);
        match n {
            0 => {}                                                                // output missing
            1 => s.write("out", &format!("{}.json", stem(f)), b"{\"document\": "), // not JSON
            _ => {
                // Valid JSON behind a UTF-8 BOM: json.loads rejects it -> missing.
                let mut bytes = "\u{feff}".as_bytes().to_vec();
                bytes.extend(serde_json::to_vec(&perturb(&g, n)).expect("serialize"));
                s.write("out", &format!("{}.json", stem(f)), &bytes);
            }
        }
    }
    // `<stem>-v2.json` sorts before `<stem>.json` in score.py (by file name)
    // although "<stem>" < "<stem>-v2" as strings.
    let first = read_json(&files[0]);
    let v2 = format!("{}-v2", stem(&files[0]));
    s.write_json("gold", &v2, &first);
    s.write_json("out", &v2, &perturb(&first, 1));
    // Output files without gold, and non-JSON files in the gold dir, are ignored.
    s.write_json("out", "zzz-no-gold", &first);
    s.write("gold", "README.txt", b"not a gold file");
    let report = assert_parity(&s);
    assert_eq!(report.docs.len(), 4);
    let text = report.render_text();
    let pos = |k: &str| text.find(&format!("doc {k}:")).expect("doc line");
    assert!(pos(&v2) < pos(&stem(&files[0])));
}

/// A hand-made document whose rows exercise each component of match_rows'
/// sort key (`ratio + 0.01 if same number`, `-|i - j|`, `i`, `j`, all
/// descending), nameless rows (difflib's ratio of two empty strings is 1.0),
/// and the agency edge cases (an alias shared by two gold bodies, a repeated
/// output id, an output agency without id, `null` and unknown references).
/// Each tie is resolved towards the row whose `unit` matches the gold, so a
/// wrong tie-break shows up as a different `indicator.unit` count.
#[test]
fn parity_tie_breaks_and_agency_edge_cases() {
    let a = "Tỷ lệ hộ gia đình sử dụng Internet băng thông rộng";
    let b = "Số thủ tục hành chính được cung cấp trực tuyến toàn trình";
    let c = "Phấn đấu 100% cơ quan nhà nước kết nối mạng truyền số liệu chuyên dùng";
    let d = "Tổ chức tập huấn kỹ năng số cho cán bộ, công chức cấp xã";
    let row = |name: Option<&str>, number: Option<&str>, unit: Option<&str>| {
        json!({"name": name, "number": number, "unit": unit, "lead": ["Phòng KT", "UBND xã"],
               "cooperating": ["Công an xã", "Ban không tồn tại"], "targets": []})
    };
    let gold = json!({
        "document": {"number": "12/KH-UBND"},
        "phases": ["2026"],
        "indicators": [
            row(Some(a), None, Some("a0")),
            row(Some("Chỉ tiêu đệm về bảo vệ môi trường sinh thái"), None, None),
            row(Some(a), None, Some("a2")),
            row(Some("Độ phủ trạm y tế tuyến cơ sở"), None, None),
            row(Some(b), None, Some("q")),
            row(Some("Giao thông nông thôn được cứng hóa"), None, None),
            row(Some(c), Some("1"), Some("u1")),
            row(Some(d), None, Some("b")),
            row(None, None, Some("cái")),
        ],
        "tasks": [],
        "agencies": [
            {"name": "Phòng Kinh tế", "aliases": ["Phòng Kinh tế", "Phòng KT"]},
            {"name": "Công an xã", "aliases": ["Công an xã", "Phòng KT"]},
            {"name": null, "aliases": ["UBND xã", "Ủy ban nhân dân xã"]},
        ],
    });
    let orow =
        |id: &str, name: Option<&str>, number: Option<&str>, unit: Option<&str>, lead: Value| {
            json!({"id": id, "name": name, "number": number, "unit": unit, "lead": lead,
               "cooperating": ["ca", "Ban không tồn tại", "kt"], "targets": []})
        };
    let out = json!({
        "document": {"number": "12/KH-UBND"},
        "phases": [{"id": "2026"}],
        "agencies": [
            {"id": "kt", "name": "Phòng Kinh tế", "aliases": ["Phòng KT"]},
            {"id": "ca", "name": "Công an xã"},
            {"id": "kt", "name": "Phòng Kinh tế mới", "aliases": []},
            {"name": "UBND xã", "aliases": ["Uỷ ban nhân dân xã"]},
        ],
        "indicators": [
            orow("o0", Some("Nước sạch cho người dân vùng ven biển"), None, None, json!([])),
            orow("o1", Some(a), None, Some("a2"), json!(["kt", null])),
            orow("o2", Some("Hộ nghèo được hỗ trợ nhà ở kiên cố"), None, None, json!([])),
            orow("o3", Some(b), None, Some("p"), json!(["ca"])),
            orow("o4", Some("Trường học đạt chuẩn quốc gia mức độ hai"), None, None, json!([])),
            orow("o5", Some(b), None, Some("q"), json!([null, "kt"])),
            orow("o6", Some(c), Some("2"), Some("u2"), json!(["Phòng KT"])),
            orow("o7", Some(d), None, Some("b"), json!(["UBND xã"])),
            orow("o8", Some(c), Some("1"), Some("u1"), json!([])),
            orow("o9", None, None, Some("cái"), json!(["kt", "kt"])),
            orow("o10", Some("Chợ đầu mối nông sản được nâng cấp"), None, None, json!([])),
            orow("o11", Some(d), None, Some("far"), json!([])),
        ],
        "tasks": [],
    });
    let s = Scratch::new("ties");
    s.write_json("gold", "synthetic", &gold);
    s.write_json("out", "synthetic", &out);
    let report = assert_parity(&s);
    // Every tie above resolves to the row with the right unit.
    let unit = report.docs["synthetic"].fields["indicator.unit"];
    assert_eq!(
        (unit.gold_hit, unit.gold_total),
        (5, 5),
        "{}",
        report.render_text()
    );
}

/// `origin` (contract 1.2) and several targets in one phase, by hand: gold
/// rows with `origin` "prose", "table", `null`, re-cased or absent; output
/// rows with a matching, a wrong, a missing, an empty or a `null` origin (the
/// last three read as "table"); two gold targets for one phase met by two
/// output targets in the other order, by one, or by three; and two output
/// targets that Python calls equal (`1 == 1.0`) although their raws differ,
/// so that `cands.remove(o)` drops the earlier one.
#[test]
fn parity_origin_and_targets_within_a_phase() {
    let t = |phase: Value, raw: Value, cmp: &str, value: Value| json!({"phase": phase, "raw": raw, "comparator": cmp, "value": value, "value_max": null});
    let ind = |name: &str, origin: Option<Value>, targets: Value| {
        let mut row = json!({"name": name, "number": null, "unit": "%", "targets": targets,
                             "lead": [], "cooperating": []});
        if let Some(o) = origin {
            row["origin"] = o;
        }
        row
    };
    let task = |name: &str, origin: Option<Value>, subtasks: Value| {
        let mut row = json!({"name": name, "number": null, "table": null, "lead": [],
                             "cooperating": [], "deadline": null, "subtasks": subtasks});
        if let Some(o) = origin {
            row["origin"] = o;
        }
        row
    };
    let n = [
        "Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng",
        "Tỷ lệ người dân trưởng thành có tài khoản định danh điện tử",
        "Số doanh nghiệp công nghệ số đang hoạt động trên địa bàn",
        "Tỷ lệ trường học có kết nối Internet cáp quang tốc độ cao",
        "Chỉ số hài lòng của người dân với dịch vụ hành chính công",
        "Lãnh đạo, điều hành thống nhất việc triển khai kế hoạch của xã",
        "Tham mưu cho Ủy ban nhân dân xã về chính sách chuyển đổi số",
        "Tổ chức tuyên truyền, phổ biến nội dung kế hoạch đến người dân",
        "Rà soát, báo cáo kết quả triển khai thực hiện định kỳ hằng năm",
        "Xây dựng kho dữ liệu dùng chung của Ủy ban nhân dân xã",
        "Bồi dưỡng kỹ năng số cho đội ngũ cán bộ, công chức cấp xã",
    ];
    let gold = json!({
        "document": {"number": "57/KH-UBND"},
        "phases": ["2025", "2030"],
        "indicators": [
            ind(n[0], Some(s("prose")), json!([
                t(s("2030"), s("50%"), "eq", json!(50)),
                t(s("2030"), s("80%"), "eq", json!(80)),
                t(s("2025"), s("10%"), "eq", json!(10)),
            ])),
            ind(n[1], Some(s("table")), json!([t(s("2030"), s(">60%"), "gt", json!(60))])),
            ind(n[2], None, json!([
                t(s("2030"), s("a"), "text", Value::Null),
                t(s("2030"), s("b"), "text", Value::Null),
            ])),
            ind(n[3], Some(Value::Null), json!([t(s("2025"), s("1.0"), "eq", json!(1)),
                                                 t(s("2025"), s("1"), "eq", json!(1))])),
            ind(n[4], Some(s("prose")), json!([])),
        ],
        "tasks": [
            task(n[5], Some(s("prose")), json!([{"name": n[10], "origin": "prose"}])),
            task(n[6], Some(s("prose")), json!([])),
            task(n[7], Some(s("table")), json!([])),
            task(n[8], None, json!([])),
            task(n[9], Some(s("Prose")), json!([])),
        ],
        "agencies": [],
    });
    let out = json!({
        "document": {"number": "57/KH-UBND"},
        "phases": [{"id": "2025"}, {"id": "2030"}],
        "agencies": [],
        "indicators": [
            ind(n[0], Some(s("prose")), json!([
                t(json!(2030), s("80 %"), "eq", json!(80)),
                t(s("2030"), s("50%"), "eq", json!(50)),
                t(s("2030"), s("90%"), "eq", json!(90)),
            ])),
            ind(n[1], None, json!([
                t(s("2030"), s("khác"), "gt", json!(60)),
                t(s("2030"), s("> 60%"), "gt", json!(60)),
            ])),
            ind(n[2], Some(s("prose")), json!([t(s("2030"), s("x"), "text", Value::Null)])),
            ind(n[3], Some(s("")), json!([
                {"phase": "2025", "raw": 1, "comparator": "eq", "value": 1, "value_max": null},
                {"phase": "2025", "raw": 1.0, "comparator": "eq", "value": 1, "value_max": null},
            ])),
            ind(n[4], Some(s("table")), json!([t(s("2030"), s("5"), "eq", json!(5))])),
        ],
        "tasks": [
            task(n[5], Some(s("prose")), json!([{"name": n[10]}])),
            task(n[6], None, json!([])),
            task(n[7], Some(Value::Null), json!([])),
            task(n[8], Some(s("prose")), json!([])),
            task(n[9], Some(s("prose ")), json!([])),
        ],
    });
    let sc = Scratch::new("origin");
    sc.write_json("gold", "origin", &gold);
    sc.write_json("out", "origin", &out);
    let report = assert_parity(&sc);
    let f = |k: &str| {
        let v = report.docs["origin"].fields[k];
        [v.gold_hit, v.gold_total, v.out_hit, v.out_total]
    };
    // Counts worked out by hand from score.py's rules (and checked by the
    // parity above): origin is scored for the 4 gold indicators and 5 gold
    // task rows (the subtask included) that carry the key; a missing or
    // `null` output origin is "table", "Prose" and "prose " are equal when
    // tight.
    assert_eq!(f("indicator.origin"), [2, 3, 2, 4]);
    assert_eq!(f("task.origin"), [3, 5, 3, 5]);
    // n[0]: 50% and 80% both found, 10% has no 2025 output; n[1]: the
    // second output target; n[2]: "a" takes "x", "b" finds nothing left;
    // n[3]: "1.0" takes raw 1.0 but remove() drops raw 1, so "1" misses.
    assert_eq!(f("indicator.target_raw"), [4, 8, 4, 9]);
}

/// The gold files beside score.py (which carry prose rows with `origin`)
/// against themselves and against perturbed output.
#[test]
fn parity_reference_gold_with_prose_rows() {
    let dir = score_py()
        .parent()
        .expect("score.py has a directory")
        .join("gold");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no gold files in {}", dir.display());
    let same = Scratch::new("ref-self");
    let perturbed = Scratch::new("ref-perturbed");
    for (n, f) in files.iter().enumerate() {
        let g = read_json(f);
        same.write_json("gold", &stem(f), &g);
        same.write_json("out", &stem(f), &g);
        perturbed.write_json("gold", &stem(f), &g);
        perturbed.write_json("out", &stem(f), &perturb(&g, n));
    }
    let report = assert_parity(&same);
    let origin = report.total().fields["task.origin"];
    assert!(origin.gold_total > 0, "{}", report.render_text());
    assert_eq!(origin.gold_hit, origin.gold_total);
    let report = assert_parity(&perturbed);
    let origin = report.total().fields["task.origin"];
    assert!(
        origin.gold_hit > 0 && origin.gold_hit < origin.gold_total,
        "{}",
        report.render_text()
    );
}
