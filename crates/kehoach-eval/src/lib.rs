//! Field-level precision and recall of extracted plans against gold files.
//!
//! This crate is a rule-for-rule port of the project's reference scorer,
//! `shared/eval/score.py` (gold format: `shared/eval/GOLD.md`, output format:
//! `shared/spec/OUTPUT.md`). It must give the same numbers as the script:
//! the same text folding (`fold`/`tight`, including Python's Unicode `\w`,
//! `\s` and `casefold`), an exact port of
//! `difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()`, the same
//! greedy row matching and tie-breaking, and the same report text.
//! `tests/parity.rs` enforces that by running `score.py` with `python3` on
//! the gold fixtures and on perturbed extractor-style outputs and comparing
//! its output with [`Report::render_text`] and [`Report::render_json`]; it
//! needs `shared/` beside the repository and is built only with the
//! `parity` feature (`cargo test -p kehoach-eval --features parity --test
//! parity`).
//!
//! Where score.py would crash on a malformed value (calling `.get` on a
//! non-object, iterating a number, hashing a list), this crate reads a
//! non-object as an empty object, a non-iterable as an empty list and an
//! unhashable id as an unknown one, and keeps going.
//!
//! ```
//! let gold = serde_json::json!({"document": {"number": "78/KH-UBND"}});
//! let out = serde_json::json!({"document": {"number": "78 / KH-UBND"}});
//! let (precision, recall, f1) = kehoach_eval::score_doc(&gold, Some(&out)).totals();
//! assert_eq!((precision, recall, f1), (1.0, 1.0, 1.0));
//! ```

mod casefold_table;
mod difflib;
mod fold;
mod pyvalue;
mod score;

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{json, Value};

/// Counts for one field.
///
/// `gold_hit` of `gold_total` gold facts were reproduced (recall);
/// `out_hit` of `out_total` emitted facts were right (precision).
#[derive(Default, Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldTally {
    /// Gold facts reproduced by the output.
    pub gold_hit: u64,
    /// Gold facts.
    pub gold_total: u64,
    /// Output facts that are right.
    pub out_hit: u64,
    /// Output facts emitted.
    pub out_total: u64,
}

/// Per-field tallies of one document or of several merged.
///
/// Field names are score.py's (`indicator.row`, `task.deadline_kind`,
/// `doc.phases`, `agency.merge_pairs`, …).
#[derive(Default, Clone, Debug, PartialEq, Eq)]
pub struct Tally {
    /// Field name -> counts.
    pub fields: BTreeMap<String, FieldTally>,
}

impl Tally {
    /// `Tally.add` of score.py: creates the field even when all counts are 0.
    pub(crate) fn add(
        &mut self,
        field: &str,
        gold_total: u64,
        gold_hit: u64,
        out_total: u64,
        out_hit: u64,
    ) {
        let f = self.fields.entry(field.to_owned()).or_default();
        f.gold_hit += gold_hit;
        f.gold_total += gold_total;
        f.out_hit += out_hit;
        f.out_total += out_total;
    }

    /// `(precision, recall, f1)` over all fields, with score.py's edge cases:
    /// recall is 1.0 when there are no gold facts; precision is 1.0 when
    /// nothing was emitted and nothing was expected, 0.0 when nothing was
    /// emitted but gold facts exist; F1 is 0.0 when both are 0.
    pub fn totals(&self) -> (f64, f64, f64) {
        let (mut gh, mut gt, mut oh, mut ot) = (0u64, 0u64, 0u64, 0u64);
        for f in self.fields.values() {
            gh += f.gold_hit;
            gt += f.gold_total;
            oh += f.out_hit;
            ot += f.out_total;
        }
        let r = if gt > 0 { gh as f64 / gt as f64 } else { 1.0 };
        let p = if ot > 0 {
            oh as f64 / ot as f64
        } else if gt == 0 {
            1.0
        } else {
            0.0
        };
        let f1 = if p + r != 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f1)
    }

    /// Adds every count of `other` to this tally.
    pub fn merge(&mut self, other: &Tally) {
        for (k, v) in &other.fields {
            self.add(k, v.gold_total, v.gold_hit, v.out_total, v.out_hit);
        }
    }
}

/// Scores one output document (None = missing output, scores zero recall)
/// against one gold document.
///
/// `gold` is in the gold format (agency strings plus an `agencies` list of
/// `name`/`aliases`); `out` in the extractor's output format (agency ids).
pub fn score_doc(gold: &Value, out: Option<&Value>) -> Tally {
    score::score_doc(gold, out)
}

/// Where an indicator or task row came from (contract 1.2): an appendix
/// table or the body's prose.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Origin {
    /// A table row; also every row, gold or output, without an `origin`.
    Table,
    /// A task or target written in the body text.
    Prose,
}

impl Origin {
    /// The value of the `origin` key: `"table"` or `"prose"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Table => "table",
            Origin::Prose => "prose",
        }
    }
}

impl std::str::FromStr for Origin {
    type Err = String;

    /// `"table"` or `"prose"`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "table" => Ok(Origin::Table),
            "prose" => Ok(Origin::Prose),
            other => Err(format!(
                "unknown origin {other:?} (expected table or prose)"
            )),
        }
    }
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Like [`score_doc`], but with `Some(origin)` only the indicators and tasks
/// of that origin, in the gold and in the output, are matched and scored;
/// document fields, phases and agencies are scored as usual. `None` is
/// [`score_doc`].
///
/// A row's origin is its `origin` value, or `"table"` when that is missing,
/// `null` or empty (the contract's reading of a row without one, and
/// score.py's for output rows), compared after folding case and spacing as
/// score.py compares origins; a row whose origin is anything else is in
/// neither selection. A task's subtasks go with it.
pub fn score_doc_filtered(gold: &Value, out: Option<&Value>, origin: Option<Origin>) -> Tally {
    match origin {
        None => score_doc(gold, out),
        Some(origin) => {
            let gold = score::keep_origin(gold, origin.as_str());
            let out = out.map(|o| score::keep_origin(o, origin.as_str()));
            score_doc(&gold, out.as_ref())
        }
    }
}

/// A whole run: per-document tallies keyed by gold file stem, in sorted order.
#[derive(Default, Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// Gold file stem -> that document's tally.
    pub docs: BTreeMap<String, Tally>,
}

impl Report {
    /// Scores every `*.json` in `gold_dir` against the file of the same name
    /// in `out_dir`, like score.py's `main`: a missing, unreadable or
    /// unparsable output counts as missing. An unreadable or unparsable gold
    /// file is an error.
    pub fn score_dirs(gold_dir: &Path, out_dir: &Path) -> std::io::Result<Report> {
        Self::score_dirs_filtered(gold_dir, out_dir, None)
    }

    /// [`Report::score_dirs`] with [`score_doc_filtered`]: `Some(origin)`
    /// scores only the indicators and tasks of that origin.
    pub fn score_dirs_filtered(
        gold_dir: &Path,
        out_dir: &Path,
        origin: Option<Origin>,
    ) -> std::io::Result<Report> {
        let mut report = Report::default();
        for entry in std::fs::read_dir(gold_dir)? {
            let entry = entry?;
            let name = entry.file_name();
            // Non-UTF-8 names are skipped (Python would still read them).
            let Some(name) = name.to_str() else {
                continue;
            };
            let Some(stem) = name.strip_suffix(".json") else {
                continue;
            };
            let path = entry.path();
            let text = std::fs::read_to_string(&path)?;
            let gold: Value = serde_json::from_str(&text).map_err(|e| {
                std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    format!("{}: {e}", path.display()),
                )
            })?;
            let out: Option<Value> = std::fs::read_to_string(out_dir.join(name))
                .ok()
                .and_then(|s| serde_json::from_str(&s).ok());
            report.docs.insert(
                stem.to_owned(),
                score_doc_filtered(&gold, out.as_ref(), origin),
            );
        }
        Ok(report)
    }

    /// All documents' tallies merged.
    pub fn total(&self) -> Tally {
        let mut t = Tally::default();
        for d in self.docs.values() {
            t.merge(d);
        }
        t
    }

    /// Documents in score.py's order: sorted by file name (`<stem>.json`),
    /// which differs from stem order when a stem continues with a character
    /// below `.` (`a-b` sorts before `a`).
    fn ordered_docs(&self) -> Vec<(&String, &Tally)> {
        let mut docs: Vec<(&String, &Tally)> = self.docs.iter().collect();
        docs.sort_by_cached_key(|(k, _)| format!("{k}.json"));
        docs
    }

    /// Text exactly like score.py's default output (same column widths and
    /// number formats), ending with a newline.
    pub fn render_text(&self) -> String {
        let total = self.total();
        let mut s = format!(
            "{:<28} {:>8} {:>8} {:>6}\n",
            "field", "recall", "prec", "gold"
        );
        for (k, f) in &total.fields {
            let r = ratio_3(f.gold_hit, f.gold_total);
            let p = ratio_3(f.out_hit, f.out_total);
            s.push_str(&format!("{k:<28} {r:>8} {p:>8} {:>6}\n", f.gold_total));
        }
        for (k, t) in self.ordered_docs() {
            let (p, r, f1) = t.totals();
            s.push_str(&format!(
                "doc {k}: precision {p:.3} recall {r:.3} F1 {f1:.3}\n"
            ));
        }
        let (p, r, f1) = total.totals();
        s.push_str(&format!(
            "overall: precision {p:.3} recall {r:.3} F1 {f1:.3}\n"
        ));
        s
    }

    /// Like score.py `--json`: `docs` (per-document precision/recall/f1),
    /// `fields` (recall/precision, `null` when undefined, and the gold count)
    /// and `overall`. Pretty-printed; key order within `fields` is sorted
    /// rather than score.py's first-seen order.
    pub fn render_json(&self) -> String {
        let prf = |t: &Tally| {
            let (p, r, f1) = t.totals();
            json!({"precision": p, "recall": r, "f1": f1})
        };
        let mut docs = serde_json::Map::new();
        for (k, t) in self.ordered_docs() {
            docs.insert(k.clone(), prf(t));
        }
        let total = self.total();
        let mut fields = serde_json::Map::new();
        for (k, f) in &total.fields {
            let div = |a: u64, b: u64| {
                if b > 0 {
                    json!(a as f64 / b as f64)
                } else {
                    Value::Null
                }
            };
            fields.insert(
                k.clone(),
                json!({
                    "recall": div(f.gold_hit, f.gold_total),
                    "precision": div(f.out_hit, f.out_total),
                    "gold": f.gold_total,
                }),
            );
        }
        let res = json!({"docs": docs, "fields": fields, "overall": prf(&total)});
        let mut s = serde_json::to_string_pretty(&res).unwrap_or_default();
        s.push('\n');
        s
    }
}

/// `f"{a / b:.3f}" if b else "-"`.
fn ratio_3(a: u64, b: u64) -> String {
    if b > 0 {
        format!("{:.3}", a as f64 / b as f64)
    } else {
        "-".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn tally(fields: &[(&str, [u64; 4])]) -> Tally {
        let mut t = Tally::default();
        for (k, [gh, gt, oh, ot]) in fields {
            t.add(k, *gt, *gh, *ot, *oh);
        }
        t
    }

    #[test]
    fn totals_edge_cases() {
        assert_eq!(Tally::default().totals(), (1.0, 1.0, 1.0));
        assert_eq!(tally(&[("a", [0, 3, 0, 0])]).totals(), (0.0, 0.0, 0.0));
        assert_eq!(tally(&[("a", [0, 0, 0, 2])]).totals(), (0.0, 1.0, 0.0));
        let (p, r, f1) = tally(&[("a", [1, 3, 1, 2]), ("b", [1, 1, 1, 2])]).totals();
        assert_eq!((p, r), (0.5, 0.5));
        assert_eq!(f1, 0.5);
    }

    fn filtered_fields(
        gold: &Value,
        out: &Value,
        origin: Option<Origin>,
        keys: &[&str],
    ) -> Vec<[u64; 4]> {
        let t = score_doc_filtered(gold, Some(out), origin);
        keys.iter()
            .map(|k| {
                let f = t.fields.get(*k).copied().unwrap_or_default();
                [f.gold_hit, f.gold_total, f.out_hit, f.out_total]
            })
            .collect()
    }

    #[test]
    fn origin_filter_keeps_rows_of_one_origin() {
        // Gold: 2 table indicators (one without origin), 1 prose; 2 table
        // tasks (one without origin, with a subtask), 1 prose task.
        // Output: the same rows with output-style origins (missing, null,
        // "Prose "), plus one spurious prose task and one spurious table
        // indicator.
        let gold = json!({
            "document": {"number": "1/KH-UBND", "title": "Kế hoạch chuyển đổi số"},
            "phases": ["2030"],
            "indicators": [
                {"name": "Tỷ lệ hộ gia đình có cáp quang", "origin": "table"},
                {"name": "Tỷ lệ dịch vụ công trực tuyến toàn trình"},
                {"name": "Phấn đấu 100% cán bộ có chữ ký số", "origin": "prose"},
            ],
            "tasks": [
                {"name": "Rà soát hạ tầng mạng của xã", "origin": "table",
                 "lead": ["Công an xã"]},
                {"name": "Xây dựng kho dữ liệu dùng chung",
                 "subtasks": [{"name": "Số hoá hồ sơ hộ tịch"}]},
                {"name": "Tuyên truyền kế hoạch đến người dân", "origin": "prose",
                 "lead": ["Phòng Văn hóa - Xã hội"]},
            ],
            // Filtered, an agency counts when a kept row names it.
            "agencies": [
                {"name": "Công an xã", "aliases": ["Công an xã"]},
                {"name": "Phòng Văn hóa - Xã hội", "aliases": ["Phòng Văn hóa - Xã hội"]},
            ],
        });
        let out = json!({
            "document": {"number": "1/KH-UBND"},
            "phases": ["2030"],
            "agencies": [
                {"id": "ca", "name": "Công an xã"},
                {"id": "vh", "name": "Phòng Văn hóa - Xã hội"},
            ],
            "indicators": [
                {"name": "Tỷ lệ hộ gia đình có cáp quang"},
                {"name": "Tỷ lệ dịch vụ công trực tuyến toàn trình", "origin": null},
                {"name": "Phấn đấu 100% cán bộ có chữ ký số", "origin": "Prose "},
                {"name": "Số trạm phát sóng 5G được lắp mới", "origin": "table"},
            ],
            "tasks": [
                {"name": "Rà soát hạ tầng mạng của xã", "origin": "table", "lead": ["ca"]},
                {"name": "Xây dựng kho dữ liệu dùng chung", "origin": "",
                 "subtasks": [{"name": "Số hoá hồ sơ hộ tịch"}]},
                {"name": "Tuyên truyền kế hoạch đến người dân", "origin": "prose",
                 "lead": ["vh"]},
                {"name": "Kiểm tra, giám sát việc thực hiện", "origin": "prose"},
                {"name": "Việc lạ", "origin": "other"},
            ],
        });
        let keys = [
            "indicator.row",
            "task.row",
            "task.is_subtask",
            "doc.number",
            "doc.title",
            "agency.alias_found",
        ];
        let all = filtered_fields(&gold, &out, None, &keys);
        assert_eq!(
            score_doc_filtered(&gold, Some(&out), None),
            score_doc(&gold, Some(&out))
        );
        assert_eq!(
            all,
            vec![
                [3, 3, 3, 4],
                [4, 4, 4, 6],
                [4, 4, 4, 4],
                [1, 1, 1, 1],
                [0, 1, 0, 0],
                [2, 2, 0, 0]
            ]
        );
        let table = filtered_fields(&gold, &out, Some(Origin::Table), &keys);
        assert_eq!(
            table,
            vec![
                [2, 2, 2, 3],
                [3, 3, 3, 3],
                [3, 3, 3, 3],
                [1, 1, 1, 1],
                [0, 1, 0, 0],
                [1, 1, 0, 0]
            ]
        );
        let prose = filtered_fields(&gold, &out, Some(Origin::Prose), &keys);
        assert_eq!(
            prose,
            vec![
                [1, 1, 1, 1],
                [1, 1, 1, 2],
                [1, 1, 1, 1],
                [1, 1, 1, 1],
                [0, 1, 0, 0],
                [1, 1, 0, 0]
            ]
        );
        // No output: the filtered gold still counts as missed.
        let t = score_doc_filtered(&gold, None, Some(Origin::Prose));
        assert_eq!(t.fields["task.row"].gold_total, 1);
        assert_eq!(t.fields["indicator.row"].gold_total, 1);
    }

    #[test]
    fn origin_parses_and_report_filters_dirs() {
        assert_eq!("table".parse::<Origin>(), Ok(Origin::Table));
        assert_eq!("prose".parse::<Origin>(), Ok(Origin::Prose));
        assert!("Prose".parse::<Origin>().is_err());
        assert_eq!(Origin::Prose.to_string(), "prose");

        let root = std::env::temp_dir().join(format!("kehoach-eval-origin-{}", std::process::id()));
        let (gd, od) = (root.join("gold"), root.join("out"));
        std::fs::create_dir_all(&gd).expect("gold dir");
        std::fs::create_dir_all(&od).expect("out dir");
        let gold = json!({"tasks": [{"name": "Rà soát hạ tầng mạng"},
                                    {"name": "Tuyên truyền kế hoạch", "origin": "prose"}]});
        let out = json!({"tasks": [{"name": "Rà soát hạ tầng mạng"}]});
        std::fs::write(gd.join("a.json"), gold.to_string()).expect("write gold");
        std::fs::write(od.join("a.json"), out.to_string()).expect("write out");
        let row = |origin| {
            let r = Report::score_dirs_filtered(&gd, &od, origin).expect("score");
            let f = r.docs["a"].fields["task.row"];
            [f.gold_hit, f.gold_total, f.out_hit, f.out_total]
        };
        let (all, table, prose) = (
            row(None),
            row(Some(Origin::Table)),
            row(Some(Origin::Prose)),
        );
        let plain = Report::score_dirs(&gd, &od).expect("score");
        let _ = std::fs::remove_dir_all(&root);
        assert_eq!(all, [1, 2, 1, 1]);
        assert_eq!(plain.docs["a"].fields["task.row"].gold_total, 2);
        assert_eq!(table, [1, 1, 1, 1]);
        assert_eq!(prose, [0, 1, 0, 0]);
    }

    #[test]
    fn render_text_layout() {
        // Expected text produced by score.py's print statements for these counts.
        let mut report = Report::default();
        report.docs.insert(
            "b".into(),
            tally(&[
                ("task.row", [1, 16, 1, 3]),
                ("agency.alias_found", [0, 0, 0, 0]),
            ]),
        );
        report
            .docs
            .insert("a-b".into(), tally(&[("task.row", [2, 2, 2, 2])]));
        report
            .docs
            .insert("a".into(), tally(&[("doc.number", [0, 1, 0, 0])]));
        let want = "\
field                          recall     prec   gold
agency.alias_found                  -        -      0
doc.number                      0.000        -      1
task.row                        0.167    0.600     18
doc a-b: precision 1.000 recall 1.000 F1 1.000
doc a: precision 0.000 recall 0.000 F1 0.000
doc b: precision 0.333 recall 0.062 F1 0.105
overall: precision 0.600 recall 0.158 F1 0.250
";
        assert_eq!(report.render_text(), want);
    }
}
