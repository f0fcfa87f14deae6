//! Reviewers' corrections: `extract --corrections` applies them and says
//! what it could not apply; `eval --corrections` tells which ones the
//! extractor still needs. And the project's own `corrections/` folder is a
//! test: a correction the extractor moved away from fails it.

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Output;

#[path = "support/cli.rs"]
mod support;
use support::{kehoach, repo, stderr, stdout};

const STEM: &str = "002_582188faeadf9c63";

fn corpus_file() -> PathBuf {
    repo().join(format!("corpus/{STEM}.txt"))
}

/// `kehoach extract INPUT [args]`: its plan and the run's output.
fn extract(input: &Path, args: &[&str], cwd: &Path) -> (Value, Output) {
    let mut all = vec!["extract", input.to_str().unwrap()];
    all.extend(args);
    let o = kehoach(&all, cwd);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let plan = serde_json::from_slice(&o.stdout).expect("one JSON plan");
    (plan, o)
}

/// The first task with a deadline: its id and deadline's raw text.
fn a_task_with_a_deadline(plan: &Value) -> (String, Value) {
    let task = plan["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| !t["deadline"].is_null())
        .expect("a task with a deadline");
    (
        task["id"].as_str().unwrap().to_string(),
        task["deadline"]["raw"].clone(),
    )
}

fn find_task<'p>(plan: &'p Value, id: &str) -> &'p Value {
    plan["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == id)
        .expect("the task")
}

fn write_corrections(dir: &Path, sha256: &Value, corrections: Value) {
    std::fs::create_dir_all(dir).unwrap();
    let file = json!({
        "kehoach_corrections": 1,
        "source": { "file": format!("{STEM}.txt"), "sha256": sha256 },
        "corrections": corrections,
    });
    std::fs::write(
        dir.join(format!("{STEM}.corrections.json")),
        serde_json::to_string_pretty(&file).unwrap(),
    )
    .unwrap();
}

fn not_applied(plan: &Value) -> Vec<String> {
    plan["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["code"] == "correction_not_applied")
        .map(|w| w["message"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn corrections_round_trip() {
    let tmp = tempfile::tempdir().unwrap();
    let (plain, plain_run) = extract(&corpus_file(), &[], tmp.path());
    assert!(plain.get("corrections").is_none());
    let (task, old_deadline) = a_task_with_a_deadline(&plain);
    let sha = plain["source"]["sha256"].clone();
    let dir = tmp.path().join("corrections");
    let deadline_path = format!("/tasks/{task}/deadline/raw");
    write_corrections(
        &dir,
        &sha,
        json!([
            { "path": deadline_path, "old": old_deadline, "new": "Quý II/2026",
              "by": "Lan", "at": "2026-12-05T10:00:00Z", "note": "the source says so" },
            { "path": "/document/number", "old": plain["document"]["number"],
              "new": "96/KH-UBND", "by": "", "at": "2026-12-05T10:01:00Z" },
        ]),
    );
    let dir_arg = dir.to_str().unwrap();

    // Applied, in a worker and in process alike, and listed.
    let (fixed, run) = extract(&corpus_file(), &["--corrections", dir_arg], tmp.path());
    let (in_process, _) = extract(
        &corpus_file(),
        &["--corrections", dir_arg, "--in-process"],
        tmp.path(),
    );
    assert_eq!(fixed, in_process);
    assert!(!stderr(&run).contains("not applied"), "{}", stderr(&run));
    assert_eq!(fixed["document"]["number"], "96/KH-UBND");
    let deadline = &find_task(&fixed, &task)["deadline"];
    assert_eq!(
        deadline,
        &json!({ "raw": "Quý II/2026", "kind": "quarter", "start": "2026-04-01", "end": "2026-06-30" })
    );
    assert_eq!(
        fixed["corrections"],
        json!([
            { "path": deadline_path, "old": old_deadline, "new": "Quý II/2026",
              "by": "Lan", "at": "2026-12-05T10:00:00Z" },
            { "path": "/document/number", "old": "95/KH-UBND", "new": "96/KH-UBND",
              "by": "", "at": "2026-12-05T10:01:00Z" },
        ])
    );
    assert!(not_applied(&fixed).is_empty());

    // Without a corrections file for the input, the output is unchanged.
    let empty = tmp.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let (_, same) = extract(
        &corpus_file(),
        &["--corrections", empty.to_str().unwrap()],
        tmp.path(),
    );
    assert_eq!(same.stdout, plain_run.stdout);

    // The extractor still gives the old values: both are needed.
    let o = kehoach(
        &[
            "eval",
            "--corrections",
            dir_arg,
            corpus_file().to_str().unwrap(),
        ],
        tmp.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert_eq!(stdout(&o).matches("  needed ").count(), 2, "{}", stdout(&o));
    assert!(stdout(&o).contains("2 corrections: 2 needed, 0 fixed, 0 changed, 0 source changed"));
    let o = kehoach(
        &[
            "eval",
            "--corrections",
            dir_arg,
            "--json",
            corpus_file().to_str().unwrap(),
        ],
        tmp.path(),
    );
    let report: Value = serde_json::from_slice(&o.stdout).expect("a JSON report");
    assert_eq!(
        report["summary"],
        json!({ "needed": 2, "fixed": 0, "changed": 0, "source_changed": 0 })
    );
    assert_eq!(report["files"][0]["corrections"][1]["now"], "95/KH-UBND");
}

#[test]
fn a_changed_source_is_reported_not_corrected() {
    let tmp = tempfile::tempdir().unwrap();
    let (plain, _) = extract(&corpus_file(), &[], tmp.path());
    let dir = tmp.path().join("corrections");
    write_corrections(
        &dir,
        &plain["source"]["sha256"],
        json!([{ "path": "/document/number", "old": "95/KH-UBND", "new": "96/KH-UBND" }]),
    );
    // The same plan with one byte changed (its last, an ASCII character).
    let mut bytes = std::fs::read(corpus_file()).unwrap();
    let last = bytes.len() - 1;
    assert!(bytes[last].is_ascii());
    bytes[last] = if bytes[last] == b' ' { b'.' } else { b' ' };
    let changed = tmp.path().join("src").join(format!("{STEM}.txt"));
    std::fs::create_dir(changed.parent().unwrap()).unwrap();
    std::fs::write(&changed, &bytes).unwrap();

    let (plan, run) = extract(
        &changed,
        &["--corrections", dir.to_str().unwrap()],
        tmp.path(),
    );
    assert_eq!(plan["document"]["number"], "95/KH-UBND");
    assert!(plan.get("corrections").is_none());
    let warned = not_applied(&plan);
    assert_eq!(warned.len(), 1);
    assert!(
        warned[0].contains("another version of the input"),
        "{warned:?}"
    );
    let err = stderr(&run);
    assert!(
        err.lines().any(|l| l.contains(STEM)
            && l.contains("/document/number not applied")
            && l.contains("another version")),
        "{err}"
    );

    let o = kehoach(
        &[
            "eval",
            "--corrections",
            dir.to_str().unwrap(),
            changed.to_str().unwrap(),
        ],
        tmp.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stdout(&o).contains("  source changed  /document/number"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_stale_old_value_is_reported_not_corrected() {
    let tmp = tempfile::tempdir().unwrap();
    let (plain, _) = extract(&corpus_file(), &[], tmp.path());
    let dir = tmp.path().join("corrections");
    write_corrections(
        &dir,
        &plain["source"]["sha256"],
        json!([
            { "path": "/document/number", "old": "94/KH-UBND", "new": "96/KH-UBND" },
            { "path": "/tasks/no-such-task/name", "old": "x", "new": "y" },
        ]),
    );
    let (plan, run) = extract(
        &corpus_file(),
        &["--corrections", dir.to_str().unwrap()],
        tmp.path(),
    );
    assert_eq!(plan["document"]["number"], "95/KH-UBND");
    assert!(plan.get("corrections").is_none());
    let warned = not_applied(&plan);
    assert_eq!(warned.len(), 2, "{warned:?}");
    assert!(
        warned[0].contains("the extractor now gives \"95/KH-UBND\""),
        "{warned:?}"
    );
    assert!(warned[1].contains("no task \"no-such-task\""), "{warned:?}");
    assert_eq!(
        stderr(&run).matches("not applied").count(),
        2,
        "{}",
        stderr(&run)
    );

    // The extractor gives neither old nor new: `changed`, a failure.
    let o = kehoach(
        &[
            "eval",
            "--corrections",
            dir.to_str().unwrap(),
            corpus_file().to_str().unwrap(),
        ],
        tmp.path(),
    );
    assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
    assert_eq!(
        stdout(&o).matches("  changed ").count(),
        2,
        "{}",
        stdout(&o)
    );
}

/// The project's own corrections: each still `needed`, or `fixed` (printed,
/// so that it can be retired); `changed` fails.
#[test]
fn the_projects_corrections_still_hold() {
    let o = kehoach(&["eval", "--corrections", "corrections"], &repo());
    let report = stdout(&o);
    for line in report.lines().filter(|l| l.contains("  fixed ")) {
        eprintln!("retire this correction, the extractor now gets it right: {line}");
    }
    assert_eq!(
        o.status.code(),
        Some(0),
        "a correction in corrections/ no longer fits the extractor:\n{report}{}",
        stderr(&o)
    );
    assert!(!report.contains("  source changed "), "{report}");
}

/// `--resume` converts again when a corrections file changed, and only then.
#[test]
fn resume_sees_changed_corrections() {
    let tmp = tempfile::tempdir().unwrap();
    let (plain, _) = extract(&corpus_file(), &[], tmp.path());
    let dir = tmp.path().join("corrections");
    let correct_to = |number: &str| {
        write_corrections(
            &dir,
            &plain["source"]["sha256"],
            json!([{ "path": "/document/number", "old": "95/KH-UBND", "new": number }]),
        )
    };
    let out = tmp.path().join("out");
    let run = || {
        let o = kehoach(
            &[
                "extract",
                corpus_file().to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
                "--resume",
                "--corrections",
                dir.to_str().unwrap(),
                "-q",
            ],
            tmp.path(),
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let plan: Value =
            serde_json::from_slice(&std::fs::read(out.join(format!("{STEM}.json"))).unwrap())
                .unwrap();
        let manifest = std::fs::read_to_string(out.join("kehoach-run.jsonl")).unwrap();
        (
            plan["document"]["number"].clone(),
            manifest.contains("\"resumed\":true"),
        )
    };
    correct_to("96/KH-UBND");
    assert_eq!(run(), (json!("96/KH-UBND"), false));
    assert_eq!(run(), (json!("96/KH-UBND"), true));
    correct_to("97/KH-UBND");
    assert_eq!(run(), (json!("97/KH-UBND"), false));
}
