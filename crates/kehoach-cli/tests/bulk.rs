//! Issue 13: bulk runs an analyst can trust. A mixed tree (text, DOCX and
//! PDF plans under nested folders, stems that collide, files of other
//! types, broken files) is converted into one output per good input, every
//! input is accounted for in the run manifest, the summary's counts are the
//! manifest's, a run killed twice and resumed ends with exactly the outputs
//! of an uninterrupted one, Ctrl-C stops cleanly, and the spreadsheets read
//! back as the JSON says.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

#[path = "support/mixed_tree.rs"]
mod mixed_tree;
use mixed_tree::{mixed_tree, repo};

#[path = "support/cli.rs"]
mod support;
use support::stderr;

fn kehoach(args: &[&str], env: &[(&str, &str)]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args(args)
        .envs(env.iter().copied())
        .output()
        .expect("binary runs")
}

/// The `.json` outputs under `dir`, relative, with their bytes.
fn outputs(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                assert!(
                    !rel.contains(".kehoach-") && !rel.contains("/.tmp"),
                    "a temporary file is left: {rel}"
                );
                if rel.ends_with(".json") {
                    out.insert(rel, std::fs::read(&p).unwrap());
                }
            }
        }
    }
    out
}

/// The manifest's entries (its header checked and left out).
fn manifest(dir: &Path) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(dir.join("kehoach-run.jsonl")).expect("a manifest");
    let mut lines = text.lines();
    let header: serde_json::Value = serde_json::from_str(lines.next().unwrap()).unwrap();
    assert_eq!(header["tool"], "kehoach");
    assert_eq!(header["schema_version"], kehoach_schema::SCHEMA_VERSION);
    lines.map(|l| serde_json::from_str(l).unwrap()).collect()
}

/// The count a summary line gives (`  failed         16`).
fn summary_count(err: &str, label: &str) -> usize {
    let line = err
        .lines()
        .find(|l| l.trim_start().starts_with(label) && l.starts_with("  "))
        .unwrap_or_else(|| panic!("no {label:?} line in:\n{err}"));
    line[2 + label.len()..]
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

#[test]
fn a_mixed_tree_gives_one_output_per_good_input_and_a_manifest_of_every_input() {
    let tmp = tempfile::tempdir().unwrap();
    let (src, out) = (tmp.path().join("src"), tmp.path().join("out"));
    let tree = mixed_tree(&src, 3);
    let o = kehoach(
        &[
            "extract",
            src.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        &[],
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "some inputs fail: {err}");
    let got = outputs(&out);
    assert_eq!(
        got.keys().cloned().collect::<BTreeSet<_>>(),
        tree.good,
        "{err}"
    );
    let entries = manifest(&out);
    let total = tree.good.len() + tree.bad;
    assert_eq!(entries.len(), total);
    let inputs: BTreeSet<&str> = entries
        .iter()
        .map(|e| e["input"].as_str().unwrap())
        .collect();
    assert_eq!(inputs.len(), total, "one line per input");
    let mut by_status: BTreeMap<&str, usize> = BTreeMap::new();
    for e in &entries {
        let status = e["status"].as_str().unwrap();
        *by_status.entry(status).or_default() += 1;
        if status == "failed" {
            assert!(e["error"].as_str().is_some_and(|s| !s.is_empty()), "{e}");
            assert!(e["output"].is_null());
            // Which version of the file failed.
            assert_eq!(e["sha256"].as_str().unwrap().len(), 64, "{e}");
        } else {
            let output = e["output"].as_str().unwrap();
            assert!(got.contains_key(output), "{output}");
            assert_eq!(e["sha256"].as_str().unwrap().len(), 64);
            assert!(e["rows"]["tasks"].as_u64().unwrap() > 0, "{e}");
        }
    }
    assert_eq!(by_status.get("failed"), Some(&tree.bad));
    // The summary says what the manifest says.
    for (label, status) in [
        ("ok", "ok"),
        ("with warnings", "warned"),
        ("suspect", "suspect"),
        ("failed", "failed"),
    ] {
        assert_eq!(
            summary_count(&err, label),
            by_status.get(status).copied().unwrap_or(0),
            "{label}: {err}"
        );
    }
    assert_eq!(summary_count(&err, "not taken"), tree.other, "{err}");
    assert!(
        err.contains(&format!("kehoach: {total} inputs in")),
        "{err}"
    );
    assert!(err.contains("would both be written to"), "{err}");
    // Failures are named as they happen, each once.
    assert_eq!(
        err.lines().filter(|l| l.contains("trunc.pdf: ")).count(),
        3,
        "{err}"
    );
}

/// Starts a slow run (every document takes 100 ms more) of `src` into
/// `out`, with `extra` options and stderr as given.
fn slow_run(src: &Path, out: &Path, extra: &[&str], stderr: Stdio) -> Child {
    Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args(["extract", "-j", "2"])
        .args(extra)
        .arg(src)
        .arg("--out")
        .arg(out)
        .env("KEHOACH_WORKER_TEST", "slow:.")
        .stderr(stderr)
        .spawn()
        .unwrap()
}

/// Waits until the manifest in `out` has at least `lines` entries, the run
/// `child` still going.
fn wait_for_entries(child: &mut Child, out: &Path, lines: usize) {
    let started = Instant::now();
    loop {
        let n = std::fs::read_to_string(out.join("kehoach-run.jsonl"))
            .map(|t| t.lines().count().saturating_sub(1))
            .unwrap_or(0);
        if n >= lines {
            return;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the run did not get far enough"
        );
        assert!(
            child.try_wait().unwrap().is_none(),
            "the run ended before it was stopped"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// A slow run killed with SIGKILL once the manifest has at least `lines`
/// more entries than `before`.
fn run_and_kill(src: &Path, out: &Path, extra: &[&str], before: usize, lines: usize) {
    let mut child = slow_run(src, out, &[&["-q"][..], extra].concat(), Stdio::null());
    wait_for_entries(&mut child, out, before + lines);
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn a_run_killed_twice_and_resumed_ends_with_the_outputs_of_one_uninterrupted_run() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("src");
    let tree = mixed_tree(&src, 2);
    let total = tree.good.len() + tree.bad;
    let reference = tmp.path().join("reference");
    let o = kehoach(
        &[
            "extract",
            "-q",
            src.to_str().unwrap(),
            "--out",
            reference.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let want = outputs(&reference);
    assert_eq!(want.len(), tree.good.len());

    let out = tmp.path().join("out");
    run_and_kill(&src, &out, &[], 0, 6);
    let first = manifest(&out).len();
    assert!(first < total, "killed before the end");
    run_and_kill(&src, &out, &["--resume"], first, 6);
    let o = kehoach(
        &[
            "extract",
            src.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--resume",
        ],
        &[],
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(summary_count(&err, "resumed") >= 6, "{err}");
    let got = outputs(&out);
    assert_eq!(
        got.keys().collect::<Vec<_>>(),
        want.keys().collect::<Vec<_>>()
    );
    for (name, bytes) in &want {
        assert!(
            got[name] == *bytes,
            "{name} differs from the uninterrupted run"
        );
    }
    // The last manifest accounts for every input, once.
    let entries = manifest(&out);
    assert_eq!(entries.len(), total);
    let inputs: BTreeSet<&str> = entries
        .iter()
        .map(|e| e["input"].as_str().unwrap())
        .collect();
    assert_eq!(inputs.len(), total);
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_taking_inputs_and_says_what_was_done() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("src");
    let tree = mixed_tree(&src, 2);
    let total = tree.good.len() + tree.bad;
    let out = tmp.path().join("out");
    let mut child = slow_run(&src, &out, &[], Stdio::piped());
    wait_for_entries(&mut child, &out, 5);
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let o = child.wait_with_output().unwrap();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(130), "{err}");
    let done = manifest(&out).len();
    assert!(done < total, "{err}");
    assert!(
        err.contains(&format!("kehoach: stopped: {done} of {total} inputs done"))
            && err.contains("resume with --resume"),
        "{err}"
    );
    // What is in --out is exactly what the manifest says was written.
    let written: BTreeSet<String> = outputs(&out).into_keys().collect();
    let listed: BTreeSet<String> = manifest(&out)
        .iter()
        .filter_map(|e| e["output"].as_str().map(str::to_string))
        .collect();
    assert_eq!(written, listed);
}

#[test]
fn a_failed_input_does_not_keep_its_old_output_and_a_read_only_out_is_refused_first() {
    let tmp = tempfile::tempdir().unwrap();
    let (src, out) = (tmp.path().join("src"), tmp.path().join("out"));
    std::fs::create_dir_all(&src).unwrap();
    let plan = src.join("plan.txt");
    std::fs::copy(repo().join("corpus/000_acc11078ec403f97.txt"), &plan).unwrap();
    let args = [
        "extract",
        "-q",
        src.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    assert_eq!(kehoach(&args, &[]).status.code(), Some(0));
    assert!(out.join("plan.json").is_file());
    std::fs::write(&plan, b"").unwrap();
    let o = kehoach(&args, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("its earlier output plan.json was removed"),
        "{}",
        stderr(&o)
    );
    assert!(!out.join("plan.json").exists());
    // With --stale mark it is kept aside instead.
    std::fs::copy(repo().join("corpus/000_acc11078ec403f97.txt"), &plan).unwrap();
    assert_eq!(kehoach(&args, &[]).status.code(), Some(0));
    std::fs::write(&plan, b"").unwrap();
    let marked = [&args[..], &["--stale", "mark"]].concat();
    assert_eq!(kehoach(&marked, &[]).status.code(), Some(1));
    assert!(out.join("plan.json.stale").is_file());

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // (Root ignores permissions: only checked when they hold.)
        let ro = tmp.path().join("ro");
        std::fs::create_dir(&ro).unwrap();
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
        if std::fs::write(ro.join("probe"), b"").is_err() {
            let started = Instant::now();
            let o = kehoach(
                &[
                    "extract",
                    src.to_str().unwrap(),
                    "--out",
                    ro.to_str().unwrap(),
                ],
                &[],
            );
            assert_eq!(o.status.code(), Some(1));
            assert!(
                stderr(&o).contains("cannot write to the output directory"),
                "{}",
                stderr(&o)
            );
            assert!(started.elapsed() < Duration::from_secs(5));
        }
    }
}

#[test]
fn stdin_is_one_plan() {
    let tmp = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args(["extract", "-"])
        .current_dir(tmp.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pdf = std::fs::read(repo().join("fixtures/pdf/002_582188faeadf9c63.pdf")).unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(&pdf).unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["source"]["format"], "pdf");
    assert!(v["tasks"].as_array().unwrap().len() > 10);
}

#[test]
fn the_spreadsheets_read_back_as_the_json_says() {
    use calamine::{Data, Reader, Xlsx};
    let tmp = tempfile::tempdir().unwrap();
    let (out, csv_dir, xlsx) = (
        tmp.path().join("out"),
        tmp.path().join("csv"),
        tmp.path().join("plans.xlsx"),
    );
    let o = kehoach(
        &[
            "extract",
            "-q",
            repo().join("corpus").to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--csv",
            csv_dir.to_str().unwrap(),
            "--xlsx",
            xlsx.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // The JSON's tasks (depth first) and targets, in the manifest's order.
    let mut tasks: Vec<(String, String, String)> = Vec::new();
    let mut targets: Vec<(String, String)> = Vec::new();
    let mut plans = 0;
    for e in manifest(&out) {
        plans += 1;
        let plan: serde_json::Value = serde_json::from_slice(
            &std::fs::read(out.join(e["output"].as_str().unwrap())).unwrap(),
        )
        .unwrap();
        let names: BTreeMap<&str, &str> = plan["agencies"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| (a["id"].as_str().unwrap(), a["name"].as_str().unwrap()))
            .collect();
        fn walk(
            t: &serde_json::Value,
            names: &BTreeMap<&str, &str>,
            out: &mut Vec<(String, String, String)>,
        ) {
            let lead: Vec<&str> = t["lead"]
                .as_array()
                .unwrap()
                .iter()
                .map(|id| names[id.as_str().unwrap()])
                .collect();
            out.push((
                t["id"].as_str().unwrap().to_string(),
                t["name"].as_str().unwrap().to_string(),
                lead.join("; "),
            ));
            for s in t["subtasks"].as_array().unwrap() {
                walk(s, names, out);
            }
        }
        for t in plan["tasks"].as_array().unwrap() {
            walk(t, &names, &mut tasks);
        }
        for i in plan["indicators"].as_array().unwrap() {
            for t in i["targets"].as_array().unwrap() {
                targets.push((
                    i["name"].as_str().unwrap().to_string(),
                    t["raw"].as_str().unwrap().to_string(),
                ));
            }
        }
    }
    assert!(tasks.len() > 100 && targets.len() > 100);

    let mut book: Xlsx<_> = calamine::open_workbook(&xlsx).expect("the workbook opens");
    assert_eq!(
        book.sheet_names(),
        ["documents", "tasks", "targets", "agencies"]
    );
    let text = |d: &Data| match d {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => other.to_string(),
    };
    let sheet = book.worksheet_range("tasks").unwrap();
    let header: Vec<String> = sheet.rows().next().unwrap().iter().map(text).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<Vec<String>> = sheet
        .rows()
        .skip(1)
        .map(|r| r.iter().map(text).collect())
        .collect();
    assert_eq!(rows.len(), tasks.len());
    for (row, (id, name, lead)) in rows.iter().zip(&tasks) {
        assert_eq!(&row[col("id")], id);
        assert_eq!(&row[col("name")], name);
        assert_eq!(&row[col("lead")], lead);
    }
    let sheet = book.worksheet_range("targets").unwrap();
    let header: Vec<String> = sheet.rows().next().unwrap().iter().map(text).collect();
    let (ci, ct) = (
        header.iter().position(|h| h == "indicator").unwrap(),
        header.iter().position(|h| h == "target").unwrap(),
    );
    let rows: Vec<(String, String)> = sheet
        .rows()
        .skip(1)
        .map(|r| (text(&r[ci]), text(&r[ct])))
        .collect();
    assert_eq!(rows, targets);
    assert_eq!(
        book.worksheet_range("documents").unwrap().height(),
        plans + 1
    );

    // The CSV: a byte-order mark, then the same rows.
    let bytes = std::fs::read(csv_dir.join("tasks.csv")).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let mut r = csv::Reader::from_reader(&bytes[3..]);
    let names: Vec<String> = r.records().map(|rec| rec.unwrap()[6].to_string()).collect();
    assert_eq!(names, tasks.iter().map(|t| t.1.clone()).collect::<Vec<_>>());
}

/// The CSV as LibreOffice opens it when told it is UTF-8 (the import
/// dialog's "Unicode (UTF-8)"; headless, `--infilter=CSV:44,34,76,1`),
/// converted to XLSX: every field, Vietnamese included, as written, and the
/// byte-order mark gone. (LibreOffice's headless import without a filter
/// reads the system's 8-bit charset whatever the mark says.) `.ci/run`
/// installs LibreOffice Calc; elsewhere the test is skipped when it is
/// missing.
#[test]
fn the_csv_opens_in_libreoffice_with_vietnamese_intact() {
    use calamine::{Data, Reader, Xlsx};
    let has_soffice = std::env::var_os("PATH")
        .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join("soffice").is_file()));
    if !has_soffice {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have LibreOffice (soffice) for this test"
        );
        eprintln!("soffice not on PATH: checked in CI");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let (out, csv_dir, lo) = (
        tmp.path().join("out"),
        tmp.path().join("csv"),
        tmp.path().join("lo"),
    );
    let o = kehoach(
        &[
            "extract",
            "-q",
            repo().join("corpus").to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--csv",
            csv_dir.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for table in ["tasks", "agencies"] {
        let csv_path = csv_dir.join(format!("{table}.csv"));
        let status = Command::new("soffice")
            .arg(format!(
                "-env:UserInstallation=file://{}",
                tmp.path().join("profile").display()
            ))
            .args([
                "--headless",
                "--infilter=CSV:44,34,76,1",
                "--convert-to",
                "xlsx",
                "--outdir",
            ])
            .arg(&lo)
            .arg(&csv_path)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("soffice runs");
        assert!(status.success());
        let mut book: Xlsx<_> =
            calamine::open_workbook(lo.join(format!("{table}.xlsx"))).expect("converted");
        let sheet = book.worksheet_range_at(0).unwrap().unwrap();
        let opened: Vec<Vec<String>> = sheet
            .rows()
            .map(|r| {
                r.iter()
                    .map(|d| match d {
                        Data::String(s) => s.clone(),
                        Data::Empty => String::new(),
                        Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
                        Data::Int(i) => i.to_string(),
                        // ISO dates are read as dates (as a user sees them).
                        Data::DateTime(d) => iso_date(d.as_f64()),
                        other => other.to_string(),
                    })
                    .collect()
            })
            .collect();
        let bytes = std::fs::read(&csv_path).unwrap();
        let written: Vec<Vec<String>> = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(&bytes[3..])
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect();
        assert_eq!(opened.len(), written.len(), "{table}: rows");
        let mut vietnamese = 0;
        for (a, b) in opened.iter().zip(&written) {
            // LibreOffice drops trailing empty cells.
            let trimmed = |row: &[String]| {
                let end = row.iter().rposition(|s| !s.is_empty()).map_or(0, |i| i + 1);
                row[..end].to_vec()
            };
            assert_eq!(trimmed(a), trimmed(b), "{table}");
            vietnamese += b
                .iter()
                .filter(|s| s.contains('ệ') || s.contains('ư'))
                .count();
        }
        assert!(vietnamese > 10, "{table}: Vietnamese text was checked");
    }
}

/// A spreadsheet date serial (days since 1899-12-30) as `YYYY-MM-DD`
/// (Howard Hinnant's civil-from-days).
fn iso_date(serial: f64) -> String {
    let z = serial as i64 - 25569 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[test]
fn retry_failed_converts_only_the_failures_and_strict_fails_on_suspect() {
    let tmp = tempfile::tempdir().unwrap();
    let (src, out) = (tmp.path().join("src"), tmp.path().join("out"));
    std::fs::create_dir_all(&src).unwrap();
    let r = repo();
    std::fs::copy(r.join("corpus/000_acc11078ec403f97.txt"), src.join("a.txt")).unwrap();
    std::fs::write(src.join("b.txt"), b"").unwrap();
    // Pages 3 and 4 are scans: `pages_without_text`, data may be missing.
    std::fs::copy(
        r.join("fixtures/pdf/scanned_pages/004_pages_3_4_scanned.pdf"),
        src.join("c.pdf"),
    )
    .unwrap();
    let run = |extra: &[&str]| {
        let args = [
            &[
                "extract",
                src.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
            ][..],
            extra,
        ]
        .concat();
        kehoach(&args, &[])
    };
    let o = run(&[]);
    assert_eq!(o.status.code(), Some(1), "b.txt fails");
    let status = |input: &str| {
        manifest(&out)
            .into_iter()
            .find(|e| e["input"].as_str().unwrap().ends_with(input))
            .unwrap()
    };
    assert_eq!(status("c.pdf")["status"], "suspect", "{}", stderr(&o));
    assert!(status("c.pdf")["warnings"]["pages_without_text"].as_u64() >= Some(1));
    assert_eq!(status("b.txt")["status"], "failed");
    // b.txt fixed: only it is converted again.
    std::fs::copy(r.join("corpus/001_39870d99980587d9.txt"), src.join("b.txt")).unwrap();
    let o = run(&["--retry-failed"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert_eq!(summary_count(&err, "resumed"), 2, "{err}");
    assert_ne!(status("b.txt")["status"], "failed");
    assert!(status("b.txt")["resumed"].is_null());
    assert_eq!(status("a.txt")["resumed"], true);
    assert!(out.join("b.json").is_file());
    // Nothing failed, but c.pdf may miss data: --strict says so.
    let o = run(&["--resume", "--strict"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(summary_count(&stderr(&o), "suspect"), 1);
}

#[cfg(unix)]
#[test]
fn a_worker_that_dies_is_its_files_failed_line_and_names_not_utf8_stay_apart() {
    use std::os::unix::ffi::OsStrExt;
    let tmp = tempfile::tempdir().unwrap();
    let (src, out) = (tmp.path().join("src"), tmp.path().join("out"));
    std::fs::create_dir_all(&src).unwrap();
    let plan = repo().join("corpus/000_acc11078ec403f97.txt");
    // Two names that are not UTF-8 (Latin-1 "kế hoạch"-ish bytes).
    for name in [&b"k\xe9 ho\xe1ch.txt"[..], &b"k\xe9 ho\xe1ch 2.txt"[..]] {
        std::fs::copy(&plan, src.join(std::ffi::OsStr::from_bytes(name))).unwrap();
    }
    std::fs::copy(&plan, src.join("zz_abort.txt")).unwrap();
    let o = kehoach(
        &[
            "extract",
            src.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        &[("KEHOACH_WORKER_TEST", "abort:zz_abort")],
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    let got = outputs(&out);
    assert_eq!(
        got.keys().cloned().collect::<Vec<_>>(),
        ["k%E9 ho%E1ch 2.json", "k%E9 ho%E1ch.json"],
        "{err}"
    );
    let entries = manifest(&out);
    assert_eq!(entries.len(), 3);
    let crashed = entries
        .iter()
        .find(|e| e["input"].as_str().unwrap().ends_with("zz_abort.txt"))
        .unwrap();
    assert_eq!(crashed["status"], "failed");
    assert!(
        crashed["error"].as_str().unwrap().contains("crashed"),
        "{crashed}"
    );
}

#[test]
fn an_out_that_cannot_be_a_directory_is_refused_before_any_work() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("not-a-dir");
    std::fs::write(&file, b"x").unwrap();
    let started = Instant::now();
    let o = kehoach(
        &[
            "extract",
            repo().join("corpus").to_str().unwrap(),
            "--out",
            file.join("out").to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("cannot create the output directory"), "{err}");
    assert!(!err.contains("inputs in"), "no input was converted: {err}");
    assert!(started.elapsed() < Duration::from_secs(5));
}
