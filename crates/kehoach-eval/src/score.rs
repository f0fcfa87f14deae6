//! The scoring rules of score.py, function by function (same names).

use std::collections::{BTreeSet, HashMap, HashSet};

use serde_json::{Map, Value};

use crate::difflib;
use crate::fold::{fold_str, tight_str};
use crate::pyvalue::{get, present, py_eq, py_float, py_key, py_list, py_str, truthy, PyKey, NULL};
use crate::Tally;

/// score.py `fold(v)`: `None` stays `None`, anything else is `str()`-ed first.
pub(crate) fn fold(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(fold_str(s)),
        other => Some(fold_str(&py_str(other))),
    }
}

fn tight(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(tight_str(s)),
        other => Some(tight_str(&py_str(other))),
    }
}

fn chars(s: Option<String>) -> Vec<char> {
    s.unwrap_or_default().chars().collect()
}

fn similar(a: &Value, b: &Value, need: f64) -> bool {
    let (a, b) = (fold(a), fold(b));
    match (a, b) {
        (Some(a), Some(b)) => {
            if a == b {
                return true;
            }
            let (a, b) = (chars(Some(a)), chars(Some(b)));
            difflib::ratio(&a, &b) >= need
        }
        (a, b) => a == b,
    }
}

/// score.py `agency_index(out)`: output agency id -> folded names/aliases.
/// Keeps Python's dict semantics: a repeated id replaces the names but keeps
/// its first position, and iteration is in insertion order.
#[derive(Default)]
pub(crate) struct AgencyIndex {
    pos: HashMap<PyKey, usize>,
    names: Vec<HashSet<String>>,
}

impl AgencyIndex {
    fn build(out: &Value) -> Self {
        let mut idx = AgencyIndex::default();
        for a in py_list(get(out, "agencies")) {
            let mut names: HashSet<String> = HashSet::new();
            names.extend(fold(get(&a, "name")));
            for x in py_list(get(&a, "aliases")) {
                names.extend(fold(&x));
            }
            names.retain(|n| !n.is_empty());
            // An unhashable id (list/dict) makes Python raise; the agency is skipped.
            let Some(key) = py_key(get(&a, "id")) else {
                continue;
            };
            match idx.pos.get(&key) {
                Some(&p) => idx.names[p] = names,
                None => {
                    idx.pos.insert(key, idx.names.len());
                    idx.names.push(names);
                }
            }
        }
        idx
    }

    fn get(&self, key: &PyKey) -> Option<&HashSet<String>> {
        self.pos.get(key).map(|&p| &self.names[p])
    }
}

/// score.py `gold_cluster(gold)`: folded alias -> folded canonical name.
fn gold_cluster(gold: &Value) -> HashMap<Option<String>, Option<String>> {
    let mut m = HashMap::new();
    for a in py_list(get(gold, "agencies")) {
        let name = fold(get(&a, "name"));
        // Python computes `(aliases or []) + [name]`, which raises for a
        // string or dict `aliases`; those are iterated like elsewhere instead.
        for al in py_list(get(&a, "aliases"))
            .iter()
            .chain(std::iter::once(get(&a, "name")))
        {
            m.insert(fold(al), name.clone());
        }
    }
    m
}

fn score_bodies(
    tally: &mut Tally,
    field: &str,
    gold_list: &Value,
    out_ids: &Value,
    aidx: &AgencyIndex,
    gclu: &HashMap<Option<String>, Option<String>>,
) {
    let gold_list = py_list(gold_list);
    let out_ids = py_list(out_ids);
    let out_sets: Vec<HashSet<String>> = out_ids
        .iter()
        .map(|i| match py_key(i) {
            Some(k) => match aidx.get(&k) {
                Some(names) => names.clone(),
                None => match i {
                    Value::String(s) => HashSet::from([fold_str(s)]),
                    _ => HashSet::new(),
                },
            },
            // Unhashable id: Python raises; it matches nothing here.
            None => HashSet::new(),
        })
        .collect();
    let mut used = vec![false; out_sets.len()];
    let mut hit = 0u64;
    for g in &gold_list {
        let fg = fold(g);
        // keys = {fold(g), gclu.get(fold(g))}; `None` never matches a name.
        let mut keys: Vec<&String> = Vec::new();
        if let Some(s) = &fg {
            keys.push(s);
        }
        if let Some(Some(c)) = gclu.get(&fg) {
            keys.push(c);
        }
        for (j, names) in out_sets.iter().enumerate() {
            if !used[j] && keys.iter().any(|k| names.contains(*k)) {
                used[j] = true;
                hit += 1;
                break;
            }
        }
    }
    tally.add(
        field,
        gold_list.len() as u64,
        hit,
        out_ids.len() as u64,
        hit,
    );
}

fn score_text(tally: &mut Tally, field: &str, g: &Value, o: &Value, need: f64, short: bool) {
    let g_has = present(g);
    let o_has = present(o);
    let ok = g_has
        && o_has
        && if short {
            tight(g) == tight(o)
        } else {
            similar(g, o, need)
        };
    let ok = u64::from(ok);
    tally.add(field, u64::from(g_has), ok, u64::from(o_has), ok);
}

fn num_eq(a: &Value, b: &Value) -> bool {
    if a.is_null() || b.is_null() {
        return a.is_null() && b.is_null();
    }
    match (py_float(a), py_float(b)) {
        (Some(x), Some(y)) => (x - y).abs() < 1e-9,
        _ => false,
    }
}

/// score.py `score_targets`: each gold target takes one output target of its
/// phase (the first one with the same tight `raw`, else the first left), and
/// that output target is then used up.
fn score_targets(tally: &mut Tally, gts: &Value, ots: &Value) {
    let gts = py_list(gts);
    let ots = py_list(ots);
    // by_phase.setdefault(str(t.get("phase")), []).append(t)
    let mut by_phase: HashMap<String, Vec<&Value>> = HashMap::new();
    for t in &ots {
        by_phase.entry(py_str(get(t, "phase"))).or_default().push(t);
    }
    let (mut hit_raw, mut hit_val) = (0u64, 0u64);
    for g in &gts {
        let Some(cands) = by_phase.get_mut(&py_str(get(g, "phase"))) else {
            continue;
        };
        if cands.is_empty() {
            continue;
        }
        let g_raw = tight(get(g, "raw"));
        let pick = cands
            .iter()
            .position(|t| tight(get(t, "raw")) == g_raw)
            .unwrap_or(0);
        let o = cands[pick];
        // cands.remove(o) drops the first candidate equal to o (Python `==`),
        // which is o itself unless an earlier candidate compares equal.
        let first_equal = cands.iter().position(|t| py_eq(t, o)).unwrap_or(pick);
        cands.remove(first_equal);
        if g_raw == tight(get(o, "raw")) {
            hit_raw += 1;
        }
        if py_eq(get(g, "comparator"), get(o, "comparator"))
            && num_eq(get(g, "value"), get(o, "value"))
            && num_eq(get(g, "value_max"), get(o, "value_max"))
        {
            hit_val += 1;
        }
    }
    let (gn, on) = (gts.len() as u64, ots.len() as u64);
    tally.add("indicator.target_raw", gn, hit_raw, on, hit_raw);
    tally.add("indicator.target_value", gn, hit_val, on, hit_val);
}

/// score.py's origin check (contract 1.2): scored only when the gold row has
/// an `origin` key; an output row without a (truthy) `origin` is a table row.
fn score_origin(tally: &mut Tally, field: &str, g: &Value, o: &Value) {
    let Some(g_origin) = g.as_object().and_then(|m| m.get("origin")) else {
        return;
    };
    let o_origin = get(o, "origin");
    let table = Value::String("table".to_owned());
    let o_origin = if truthy(o_origin) { o_origin } else { &table };
    score_text(tally, field, g_origin, o_origin, 0.9, true);
}

/// score.py `match_rows`: greedy best-first matching on name similarity.
fn match_rows(grows: &[Value], orows: &[Value]) -> Vec<(usize, usize)> {
    const NEED: f64 = 0.8;
    let names = |rows: &[Value]| -> Vec<Vec<char>> {
        rows.iter().map(|r| chars(fold(get(r, "name")))).collect()
    };
    let numbers = |rows: &[Value]| -> Vec<Option<String>> {
        rows.iter().map(|r| fold(get(r, "number"))).collect()
    };
    let (gname, oname) = (names(grows), names(orows));
    let (gnum, onum) = (numbers(grows), numbers(orows));
    let mut pairs: Vec<(f64, i64, usize, usize)> = Vec::new();
    for (i, gn) in gname.iter().enumerate() {
        for (j, on) in oname.iter().enumerate() {
            // real_quick_ratio bounds ratio from above: skipping here cannot
            // drop a pair that would reach NEED.
            if difflib::upper_bound(gn, on) < NEED {
                continue;
            }
            let r = difflib::ratio(gn, on);
            if r >= NEED {
                let bonus = if gnum[i] == onum[j] { 0.01 } else { 0.0 };
                pairs.push((r + bonus, -(i as i64 - j as i64).abs(), i, j));
            }
        }
    }
    // pairs.sort(reverse=True): lexicographic, descending.
    pairs.sort_by(|x, y| {
        y.0.total_cmp(&x.0)
            .then(y.1.cmp(&x.1))
            .then(y.2.cmp(&x.2))
            .then(y.3.cmp(&x.3))
    });
    let mut gi = vec![false; grows.len()];
    let mut oj = vec![false; orows.len()];
    let mut out = Vec::new();
    for (_, _, i, j) in pairs {
        if gi[i] || oj[j] {
            continue;
        }
        gi[i] = true;
        oj[j] = true;
        out.push((i, j));
    }
    out
}

fn score_indicators(
    tally: &mut Tally,
    gold: &Value,
    out: &Value,
    aidx: &AgencyIndex,
    gclu: &HashMap<Option<String>, Option<String>>,
) {
    let grows = py_list(get(gold, "indicators"));
    let orows = py_list(get(out, "indicators"));
    let m = match_rows(&grows, &orows);
    tally.add(
        "indicator.row",
        grows.len() as u64,
        m.len() as u64,
        orows.len() as u64,
        m.len() as u64,
    );
    let mut oid: HashMap<PyKey, &Value> = HashMap::new();
    for o in &orows {
        // Unhashable ids make Python raise; such rows are not indexed.
        if let Some(k) = py_key(get(o, "id")) {
            oid.insert(k, o);
        }
    }
    for (i, j) in m {
        let (g, o) = (&grows[i], &orows[j]);
        score_text(
            tally,
            "indicator.name",
            get(g, "name"),
            get(o, "name"),
            0.9,
            false,
        );
        score_origin(tally, "indicator.origin", g, o);
        score_text(
            tally,
            "indicator.unit",
            get(g, "unit"),
            get(o, "unit"),
            0.9,
            true,
        );
        score_text(
            tally,
            "indicator.group",
            get(g, "group"),
            get(o, "group"),
            0.85,
            false,
        );
        let p = get(o, "parent");
        let parent = if truthy(p) {
            py_key(p).and_then(|k| oid.get(&k).copied())
        } else {
            None
        };
        let parent_number = match parent {
            Some(row) if truthy(row) => get(row, "number"),
            _ => &NULL,
        };
        score_text(
            tally,
            "indicator.parent",
            get(g, "parent_number"),
            parent_number,
            0.9,
            true,
        );
        score_targets(tally, get(g, "targets"), get(o, "targets"));
        score_bodies(
            tally,
            "indicator.lead",
            get(g, "lead"),
            get(o, "lead"),
            aidx,
            gclu,
        );
        score_bodies(
            tally,
            "indicator.cooperating",
            get(g, "cooperating"),
            get(o, "cooperating"),
            aidx,
            gclu,
        );
        for f in ["directed_by", "owner", "output"] {
            score_text(
                tally,
                &format!("indicator.{f}"),
                get(g, f),
                get(o, f),
                0.9,
                false,
            );
        }
    }
}

/// score.py `flat_tasks`: tasks followed by their subtasks marked `_sub`.
fn flat_tasks(rows: &Value) -> Vec<Value> {
    let mut out = Vec::new();
    for t in py_list(rows) {
        let subs = py_list(get(&t, "subtasks"));
        out.push(t);
        for s in subs {
            // dict(s, _sub=True); a non-object subtask (Python raises) is
            // read as an empty one.
            let mut m = match s {
                Value::Object(m) => m,
                _ => Map::new(),
            };
            m.insert("_sub".to_owned(), Value::Bool(true));
            out.push(Value::Object(m));
        }
    }
    out
}

fn score_tasks(
    tally: &mut Tally,
    gold: &Value,
    out: &Value,
    aidx: &AgencyIndex,
    gclu: &HashMap<Option<String>, Option<String>>,
) {
    let grows = flat_tasks(get(gold, "tasks"));
    let orows = flat_tasks(get(out, "tasks"));
    let m = match_rows(&grows, &orows);
    tally.add(
        "task.row",
        grows.len() as u64,
        m.len() as u64,
        orows.len() as u64,
        m.len() as u64,
    );
    for (i, j) in m {
        let (g, o) = (&grows[i], &orows[j]);
        score_text(
            tally,
            "task.name",
            get(g, "name"),
            get(o, "name"),
            0.9,
            false,
        );
        score_origin(tally, "task.origin", g, o);
        score_text(
            tally,
            "task.group",
            get(g, "group"),
            get(o, "group"),
            0.85,
            false,
        );
        score_bodies(
            tally,
            "task.lead",
            get(g, "lead"),
            get(o, "lead"),
            aidx,
            gclu,
        );
        score_bodies(
            tally,
            "task.cooperating",
            get(g, "cooperating"),
            get(o, "cooperating"),
            aidx,
            gclu,
        );
        for f in ["responsible", "output", "notes"] {
            score_text(
                tally,
                &format!("task.{f}"),
                get(g, f),
                get(o, f),
                0.9,
                false,
            );
        }
        let (gd, od) = (get(g, "deadline"), get(o, "deadline"));
        score_text(
            tally,
            "task.deadline_raw",
            get(gd, "raw"),
            get(od, "raw"),
            0.9,
            false,
        );
        score_text(
            tally,
            "task.deadline_kind",
            get(gd, "kind"),
            get(od, "kind"),
            0.9,
            true,
        );
        score_text(
            tally,
            "task.deadline_start",
            get(gd, "start"),
            get(od, "start"),
            0.9,
            true,
        );
        score_text(
            tally,
            "task.deadline_end",
            get(gd, "end"),
            get(od, "end"),
            0.9,
            true,
        );
        let same = u64::from(truthy(get(g, "_sub")) == truthy(get(o, "_sub")));
        tally.add("task.is_subtask", 1, same, 1, same);
    }
}

fn score_document(tally: &mut Tally, gold: &Value, out: &Value) {
    let (gd, od) = (get(gold, "document"), get(out, "document"));
    let short = |tally: &mut Tally, field: &str, g: &Value, o: &Value| {
        score_text(tally, field, g, o, 0.9, true)
    };
    short(
        tally,
        "doc.doc_type",
        get(gd, "doc_type"),
        get(od, "doc_type"),
    );
    short(tally, "doc.number", get(gd, "number"), get(od, "number"));
    score_text(
        tally,
        "doc.title",
        get(gd, "title"),
        get(od, "title"),
        0.9,
        false,
    );
    score_text(
        tally,
        "doc.issuer",
        get(gd, "issuer"),
        get(od, "issuer"),
        0.9,
        false,
    );
    short(
        tally,
        "doc.issued_on",
        get(gd, "issued_on"),
        get(od, "issued_on"),
    );
    let (gl, ol) = (get(gd, "locality"), get(od, "locality"));
    short(tally, "doc.locality", get(gl, "name"), get(ol, "name"));
    short(
        tally,
        "doc.locality_level",
        get(gl, "level"),
        get(ol, "level"),
    );
    let (gs, os) = (get(gd, "signer"), get(od, "signer"));
    short(tally, "doc.signer_name", get(gs, "name"), get(os, "name"));
    short(
        tally,
        "doc.signer_position",
        get(gs, "position"),
        get(os, "position"),
    );
    let (gp, op) = (get(gd, "period"), get(od, "period"));
    for k in ["from", "to"] {
        short(tally, &format!("doc.period_{k}"), get(gp, k), get(op, k));
    }
    let gph: HashSet<String> = py_list(get(gold, "phases")).iter().map(py_str).collect();
    let oph: HashSet<String> = py_list(get(out, "phases"))
        .iter()
        .map(|p| match p {
            Value::Object(_) => py_str(get(p, "id")),
            other => py_str(other),
        })
        .collect();
    let both = gph.intersection(&oph).count() as u64;
    tally.add("doc.phases", gph.len() as u64, both, oph.len() as u64, both);
}

/// Pairwise clustering F1 over the gold surface strings.
fn score_agency_clusters(tally: &mut Tally, gold: &Value, aidx: &AgencyIndex) {
    let mut aliases: Vec<(Option<String>, usize)> = Vec::new();
    for (k, a) in py_list(get(gold, "agencies")).iter().enumerate() {
        // Python iterates a set here; the order cannot change any count.
        let set: BTreeSet<Option<String>> = py_list(get(a, "aliases")).iter().map(fold).collect();
        aliases.extend(set.into_iter().map(|al| (al, k)));
    }
    // where[alias] = position (in insertion order) of the first output agency naming it.
    let mut where_: HashMap<&str, usize> = HashMap::new();
    for (al, _) in &aliases {
        if let Some(al) = al {
            if let Some(p) = aidx.names.iter().position(|names| names.contains(al)) {
                where_.insert(al, p);
            }
        }
    }
    let place = |al: &Option<String>| al.as_deref().and_then(|s| where_.get(s).copied());
    let (mut same_gold, mut same_out, mut both) = (0u64, 0u64, 0u64);
    for x in 0..aliases.len() {
        for y in x + 1..aliases.len() {
            let ((a1, k1), (a2, k2)) = (&aliases[x], &aliases[y]);
            let g = k1 == k2;
            let o = matches!((place(a1), place(a2)), (Some(p), Some(q)) if p == q);
            same_gold += u64::from(g);
            same_out += u64::from(o);
            both += u64::from(g && o);
        }
    }
    let found = aliases.iter().filter(|(al, _)| place(al).is_some()).count() as u64;
    tally.add("agency.alias_found", aliases.len() as u64, found, 0, 0);
    tally.add("agency.merge_pairs", same_gold, both, same_out, both);
}

/// `doc` with only the indicators and tasks whose origin is `origin`
/// (`"table"` or `"prose"`), and only the agencies those rows name. A row's
/// origin is read as score.py reads an output row's, `origin or "table"`,
/// and compared tight (case and spacing folded). Lists are read like
/// score.py reads them (`x or []`); a task keeps its subtasks. An agency is
/// kept when its id, name or one of its aliases is a body (lead,
/// cooperating, owner, directed_by) of a kept row or subtask: gold rows name
/// bodies as printed, outputs by id. A non-object `doc` is returned as it
/// is.
pub(crate) fn keep_origin(doc: &Value, origin: &str) -> Value {
    let Value::Object(m) = doc else {
        return doc.clone();
    };
    let row_origin = |row: &Value| {
        let o = get(row, "origin");
        if truthy(o) {
            tight(o)
        } else {
            Some("table".to_owned())
        }
    };
    let mut m = m.clone();
    let mut named: Vec<String> = Vec::new();
    for key in ["indicators", "tasks"] {
        if m.contains_key(key) {
            let rows: Vec<Value> = py_list(get(doc, key))
                .into_iter()
                .filter(|row| row_origin(row).as_deref() == Some(origin))
                .collect();
            for row in &rows {
                bodies_named(row, &mut named);
            }
            m.insert(key.to_owned(), Value::Array(rows));
        }
    }
    if m.contains_key("agencies") {
        let kept: Vec<Value> = py_list(get(doc, "agencies"))
            .into_iter()
            .filter(|a| {
                let aliases = py_list(get(a, "aliases"));
                let found = [get(a, "id"), get(a, "name")]
                    .into_iter()
                    .chain(aliases.iter())
                    .filter_map(tight)
                    .any(|n| named.contains(&n));
                found
            })
            .collect();
        m.insert("agencies".to_owned(), Value::Array(kept));
    }
    Value::Object(m)
}

/// The bodies a row and its subtasks name, tight-folded, into `out`.
fn bodies_named(row: &Value, out: &mut Vec<String>) {
    for key in ["lead", "cooperating", "owner", "directed_by"] {
        match get(row, key) {
            Value::Array(items) => out.extend(items.iter().filter_map(tight)),
            v => out.extend(tight(v)),
        }
    }
    for sub in py_list(get(row, "subtasks")) {
        bodies_named(&sub, out);
    }
}

/// score.py `score_doc(gold, out)`.
pub(crate) fn score_doc(gold: &Value, out: Option<&Value>) -> Tally {
    let mut t = Tally::default();
    // `out is None` -> {}; a non-object output (Python raises) reads as {} too.
    let out = out.unwrap_or(&NULL);
    let aidx = AgencyIndex::build(out);
    let gclu = gold_cluster(gold);
    score_document(&mut t, gold, out);
    score_indicators(&mut t, gold, out, &aidx, &gclu);
    score_tasks(&mut t, gold, out, &aidx, &gclu);
    score_agency_clusters(&mut t, gold, &aidx);
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn field(t: &Tally, k: &str) -> [u64; 4] {
        let f = &t.fields[k];
        [f.gold_hit, f.gold_total, f.out_hit, f.out_total]
    }

    /// Expectations: `score.score_doc(gold, out).fields` printed by python3
    /// for the same two documents (field -> [gold_hit, gold_total, out_hit, out_total]).
    #[test]
    fn rows_match_greedily_and_bodies_by_alias() {
        let gold = json!({
            "document": {"number": "78/KH-UBND", "period": {"from": 2025, "to": 2030}},
            "phases": ["2025", "2030"],
            "indicators": [
                {"number": "1", "name": "Tỷ lệ phủ sóng 5G", "unit": "%", "lead": ["Phòng VH-XH"],
                 "targets": [{"phase": "2025", "raw": ">60%", "comparator": "gt", "value": 60, "value_max": null}]},
                {"number": "2", "name": "Tỷ lệ phủ sóng 4G", "parent_number": "1", "lead": ["Công an xã"]}
            ],
            "tasks": [{"name": "Kiện toàn Ban Chỉ đạo", "lead": ["Phòng VH-XH"],
                       "subtasks": [{"name": "Ban hành quy chế hoạt động"}]}],
            "agencies": [
                {"name": "Phòng Văn hóa - Xã hội", "aliases": ["Phòng VH-XH", "Phòng Văn hoá – Xã hội"]},
                {"name": "Công an xã", "aliases": ["Công an xã"]}
            ]
        });
        let out = json!({
            "document": {"number": "78/KH-UBND", "period": {"from": "2025", "to": 2030.0}},
            "phases": [{"id": "2025"}, "2031"],
            "agencies": [
                {"id": "vhxh", "name": "Phòng Văn hóa - Xã hội", "aliases": ["Phòng VH-XH"]},
                {"id": 7, "name": "Công an xã", "aliases": ["Phòng Văn hoá – Xã hội"]}
            ],
            "indicators": [
                {"id": "a", "number": "2", "name": "Tỷ lệ phủ sóng 4G", "parent": "b", "lead": [7.0]},
                {"id": "b", "number": "1", "name": "Tỷ lệ phủ sóng 5G", "unit": " % ", "lead": ["vhxh", "x"],
                 "targets": [{"phase": "2025", "raw": "> 60 %", "comparator": "gt", "value": "60.0"},
                             {"phase": "2025", "raw": "x"}]}
            ],
            "tasks": [
                {"name": "Ban hành quy chế hoạt động"},
                {"name": "Kiện toàn Ban Chỉ đạo", "lead": ["Phòng VH-XH"]}
            ]
        });
        let t = score_doc(&gold, Some(&out));
        let want: &[(&str, [u64; 4])] = &[
            ("agency.alias_found", [3, 3, 0, 0]),
            ("agency.merge_pairs", [0, 1, 0, 1]),
            ("doc.doc_type", [0, 0, 0, 0]),
            ("doc.issued_on", [0, 0, 0, 0]),
            ("doc.issuer", [0, 0, 0, 0]),
            ("doc.locality", [0, 0, 0, 0]),
            ("doc.locality_level", [0, 0, 0, 0]),
            ("doc.number", [1, 1, 1, 1]),
            ("doc.period_from", [1, 1, 1, 1]),
            ("doc.period_to", [0, 1, 0, 1]),
            ("doc.phases", [1, 2, 1, 2]),
            ("doc.signer_name", [0, 0, 0, 0]),
            ("doc.signer_position", [0, 0, 0, 0]),
            ("doc.title", [0, 0, 0, 0]),
            ("indicator.cooperating", [0, 0, 0, 0]),
            ("indicator.directed_by", [0, 0, 0, 0]),
            ("indicator.group", [0, 0, 0, 0]),
            ("indicator.lead", [2, 2, 2, 3]),
            ("indicator.name", [2, 2, 2, 2]),
            ("indicator.output", [0, 0, 0, 0]),
            ("indicator.owner", [0, 0, 0, 0]),
            ("indicator.parent", [1, 1, 1, 1]),
            ("indicator.row", [2, 2, 2, 2]),
            ("indicator.target_raw", [1, 1, 1, 2]),
            ("indicator.target_value", [1, 1, 1, 2]),
            ("indicator.unit", [1, 1, 1, 1]),
            ("task.cooperating", [0, 0, 0, 0]),
            ("task.deadline_end", [0, 0, 0, 0]),
            ("task.deadline_kind", [0, 0, 0, 0]),
            ("task.deadline_raw", [0, 0, 0, 0]),
            ("task.deadline_start", [0, 0, 0, 0]),
            ("task.group", [0, 0, 0, 0]),
            ("task.is_subtask", [1, 2, 1, 2]),
            ("task.lead", [1, 1, 1, 1]),
            ("task.name", [2, 2, 2, 2]),
            ("task.notes", [0, 0, 0, 0]),
            ("task.output", [0, 0, 0, 0]),
            ("task.responsible", [0, 0, 0, 0]),
            ("task.row", [2, 2, 2, 2]),
        ];
        let got: Vec<(&str, [u64; 4])> = t
            .fields
            .keys()
            .map(|k| (k.as_str(), field(&t, k)))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn missing_output_and_malformed_values() {
        let gold = json!({"document": {"title": "Kế hoạch"}, "tasks": [{"name": "A"}], "agencies": [{"aliases": ["X"]}]});
        // score.py gives (0.0, 0.0, 0.0) for a missing output.
        let t = score_doc(&gold, None);
        assert_eq!(t.totals(), (0.0, 0.0, 0.0));
        // Wrong types everywhere (score.py itself would raise here): no panic,
        // and nameless rows still match each other (difflib gives 1.0 for two
        // empty strings).
        let bad = json!({"document": [], "tasks": [5, {"subtasks": "ab"}], "agencies": [{"id": [1]}, 3],
                         "indicators": "x", "phases": {"2025": 1}});
        let t = score_doc(&bad, Some(&json!([1, 2])));
        assert_eq!(field(&t, "task.row"), [0, 4, 0, 0]);
        let t = score_doc(&bad, Some(&bad));
        assert_eq!(field(&t, "task.row"), [4, 4, 4, 4]);
        assert_eq!(field(&t, "doc.phases"), [1, 1, 1, 1]);
    }
}
