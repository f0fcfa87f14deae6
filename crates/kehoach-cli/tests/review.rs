//! `kehoach review`: a page per input, named after it, holding every row of
//! the plan `extract` writes for the same file; failures named per file.

use std::path::PathBuf;

#[path = "support/cli.rs"]
mod support;
use support::{kehoach, repo, stderr};

/// The ids of every indicator, task and subtask of a plan's JSON.
fn row_ids(plan: &serde_json::Value) -> Vec<String> {
    fn tasks(list: &serde_json::Value, out: &mut Vec<String>) {
        for t in list.as_array().unwrap() {
            out.push(t["id"].as_str().unwrap().to_string());
            tasks(&t["subtasks"], out);
        }
    }
    let mut out: Vec<String> = plan["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect();
    tasks(&plan["tasks"], &mut out);
    out
}

/// Reviews `inputs` into a fresh directory and checks that each page holds
/// every row id of the plan `extract` writes for its input.
fn check_pages(inputs: &[PathBuf]) {
    let out = tempfile::tempdir().unwrap();
    let mut args = vec!["review".to_string()];
    args.extend(inputs.iter().map(|p| p.to_str().unwrap().to_string()));
    args.extend([
        "--out".to_string(),
        out.path().to_str().unwrap().to_string(),
    ]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = kehoach(&args, &repo());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for input in inputs {
        let stem = input.file_stem().unwrap().to_str().unwrap();
        let page = std::fs::read_to_string(out.path().join(format!("{stem}.review.html")))
            .unwrap_or_else(|e| panic!("{stem}: no page: {e}"));
        let json = kehoach(&["extract", input.to_str().unwrap()], &repo());
        assert_eq!(json.status.code(), Some(0), "{}", stderr(&json));
        let plan: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
        let ids = row_ids(&plan);
        assert!(!ids.is_empty(), "{stem}: no rows");
        for id in &ids {
            assert!(
                page.contains(&format!("data-id=\"{id}\"")),
                "{stem}: the page has no row {id}"
            );
        }
        assert!(page.starts_with("<!DOCTYPE html>"), "{stem}");
        assert!(page.contains(plan["source"]["sha256"].as_str().unwrap()));
    }
}

#[test]
fn pages_for_the_corpus_text_plans_hold_every_row() {
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(repo().join("corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    inputs.sort();
    assert!(!inputs.is_empty());
    check_pages(&inputs);
}

#[test]
fn pages_for_the_fixture_pdfs_hold_every_row() {
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(repo().join("fixtures/pdf"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    inputs.sort();
    assert!(!inputs.is_empty());
    check_pages(&inputs);
}

#[test]
fn the_default_out_is_the_current_directory_and_a_directory_is_walked() {
    let cwd = tempfile::tempdir().unwrap();
    let plans = cwd.path().join("plans/a");
    std::fs::create_dir_all(&plans).unwrap();
    std::fs::copy(
        repo().join("corpus/002_582188faeadf9c63.txt"),
        plans.join("x.txt"),
    )
    .unwrap();
    let o = kehoach(&["review", "plans"], cwd.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        cwd.path().join("a/x.review.html").is_file(),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_failed_input_is_named_and_the_others_still_get_their_page() {
    let cwd = tempfile::tempdir().unwrap();
    std::fs::write(cwd.path().join("empty.txt"), b"").unwrap();
    std::fs::write(cwd.path().join("bad.pdf"), b"not a pdf").unwrap();
    let good = repo().join("corpus/002_582188faeadf9c63.txt");
    let o = kehoach(
        &[
            "review",
            "empty.txt",
            "bad.pdf",
            good.to_str().unwrap(),
            "--out",
            "out",
        ],
        cwd.path(),
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    for file in ["empty.txt", "bad.pdf"] {
        assert!(
            err.lines()
                .any(|l| l.starts_with(&format!("kehoach: {file}: "))),
            "no error naming {file} in:\n{err}"
        );
        let stem = file.split('.').next().unwrap();
        assert!(!cwd.path().join(format!("out/{stem}.review.html")).exists());
    }
    assert!(!err.contains("panicked"), "{err}");
    assert!(cwd
        .path()
        .join("out/002_582188faeadf9c63.review.html")
        .is_file());
}
