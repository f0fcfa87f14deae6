//! Issue 12: the whole hostile suite (`fixtures/hostile/`) and the corpus
//! PDFs in one batch, as an analyst's run would meet them, with files that
//! cannot live in git beside them (a FIFO, a symlink to `/dev/zero`, a
//! directory named like a plan, a sparse 1 GB text file). Every good file is
//! converted, every other one is reported with a reason, nothing takes the
//! run down, and the batch agrees file by file with the reviewed in-process
//! outcomes (`snapshots/hostile.snap`).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

#[path = "support/cli.rs"]
mod support;
use support::repo;

/// The reviewed outcome of each hostile file: its path below
/// `fixtures/hostile/` and whether it converts.
fn reviewed_outcomes() -> Vec<(String, bool)> {
    let snap = std::fs::read_to_string(repo().join("snapshots/hostile.snap"))
        .expect("snapshots/hostile.snap");
    snap.lines()
        .filter_map(|l| {
            let (file, rest) = l.split_once(": ")?;
            let converts = rest.starts_with("ok:");
            (converts || rest.starts_with("error:")).then(|| (file.to_string(), converts))
        })
        .collect()
}

#[cfg(unix)]
fn special_files(dir: &Path) -> Vec<PathBuf> {
    let fifo = dir.join("fifo.txt");
    let status = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(status.success());
    let zero = dir.join("zero.txt");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let folder = dir.join("folder.pdf");
    std::fs::create_dir(&folder).unwrap();
    let sparse = dir.join("sparse_1gb.txt");
    std::fs::File::create(&sparse)
        .unwrap()
        .set_len(1 << 30)
        .unwrap();
    vec![fifo, zero, folder, sparse]
}

#[cfg(unix)]
#[test]
fn the_hostile_suite_and_the_corpus_pdfs_in_one_batch() {
    let root = repo();
    let outcomes = reviewed_outcomes();
    assert!(
        outcomes.len() >= 40,
        "expected the reviewed outcome of every hostile file, found {}",
        outcomes.len()
    );
    let tmp = tempfile::tempdir().unwrap();
    let special = special_files(tmp.path());
    let mut args: Vec<PathBuf> = outcomes
        .iter()
        .map(|(f, _)| root.join("fixtures/hostile").join(f))
        .collect();
    let mut good_pdfs: Vec<PathBuf> = std::fs::read_dir(root.join("fixtures/pdf"))
        .unwrap()
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    good_pdfs.sort();
    assert!(good_pdfs.len() >= 5);
    args.extend(good_pdfs.iter().cloned());
    args.extend(special.iter().cloned());

    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .arg("extract")
        .arg("--timeout")
        .arg("30")
        .args(&args)
        .output()
        .expect("binary runs");
    let took = started.elapsed();
    eprintln!("{} inputs in {:.1} s", args.len(), took.as_secs_f64());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    // No worker died: a hostile file is refused by a limit, not by the
    // isolation that catches what no limit foresaw.
    for died in ["crashed", "out of memory", "timed out"] {
        assert!(!stderr.contains(died), "a worker {died}:\n{stderr}");
    }

    let converted: BTreeSet<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("one plan per line");
            v["source"]["file"]
                .as_str()
                .expect("source.file")
                .to_string()
        })
        .collect();
    let reported = |p: &Path| {
        stderr
            .lines()
            .any(|l| l.starts_with(&format!("kehoach: {}: ", p.display())))
    };
    let mut wrong = Vec::new();
    for (file, converts) in &outcomes {
        let path = root.join("fixtures/hostile").join(file);
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        match (converts, converted.contains(&name), reported(&path)) {
            (true, true, false) | (false, false, true) => {}
            got => wrong.push(format!(
                "{file}: reviewed converts={converts}, batch gave {got:?}"
            )),
        }
    }
    for pdf in &good_pdfs {
        let name = pdf.file_name().unwrap().to_str().unwrap();
        if !converted.contains(name) {
            wrong.push(format!("{}: a good PDF, not converted", pdf.display()));
        }
    }
    for p in &special {
        if !reported(p) {
            wrong.push(format!("{}: not reported", p.display()));
        }
    }
    assert!(
        wrong.is_empty(),
        "{}\n\nstderr:\n{stderr}",
        wrong.join("\n")
    );
}
