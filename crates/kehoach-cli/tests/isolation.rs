//! Issue 12: one document must not take a batch down. Each document is
//! converted in a worker process; a worker that aborts, overflows its
//! stack, runs out of memory or hangs costs only its own file, reported
//! with the reason. Inputs that are not regular files, or too large, are
//! refused before they are read.
//!
//! The misbehaving workers come from the test-only hook
//! `KEHOACH_WORKER_TEST` (src/worker.rs), so no hostile file is needed.

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

#[path = "support/cli.rs"]
mod support;
use support::{repo, stderr};

/// Runs `kehoach` in `cwd` with `env`, and says how long it took.
fn kehoach(args: &[&str], cwd: &Path, env: &[(&str, &str)]) -> (Output, Duration) {
    let started = Instant::now();
    let o = Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args(args)
        .envs(env.iter().copied())
        .current_dir(cwd)
        .output()
        .expect("binary runs");
    (o, started.elapsed())
}

fn assert_failures_named(err: &str, failures: &[(&str, &str)]) {
    for (file, reason) in failures {
        assert!(
            err.lines()
                .any(|l| l.starts_with("kehoach: ") && l.contains(file) && l.contains(reason)),
            "no error naming {file} ({reason}) in:\n{err}"
        );
    }
}

/// The corpus's plans, plus one copy of a plan per way a worker can die.
fn batch_with_bad_workers() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(repo().join("corpus")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    let plan = repo().join("corpus/002_582188faeadf9c63.txt");
    for bad in ["abort", "oom", "hang", "stackoverflow"] {
        std::fs::copy(&plan, dir.path().join(format!("zz_{bad}.txt"))).unwrap();
    }
    dir
}

const HOOK: (&str, &str) = (
    "KEHOACH_WORKER_TEST",
    "abort:zz_abort,oom:zz_oom,hang:zz_hang,stackoverflow:zz_stackoverflow",
);

const BAD: [(&str, &str); 4] = [
    ("zz_abort.txt", "crashed (signal 6 SIGABRT)"),
    ("zz_oom.txt", "out of memory (limit 512 MB)"),
    ("zz_hang.txt", "timed out after 3 s"),
    ("zz_stackoverflow.txt", "has overflowed its stack"),
];

/// The output files in `dir` (the run's manifest left out).
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n != "kehoach-run.jsonl")
        .collect();
    names.sort();
    names
}

#[test]
fn workers_that_abort_run_out_of_memory_overflow_or_hang_cost_only_their_file() {
    let batch = batch_with_bad_workers();
    let d = batch.path();
    let input = d.to_str().unwrap();
    let limits = ["--timeout", "3", "--memory-limit", "512", "-j", "2", "-q"];
    let (o, took) = kehoach(
        &[&["extract", input, "--out", "workers"][..], &limits].concat(),
        d,
        &[HOOK],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(took < Duration::from_secs(30), "took {took:?}");
    assert_failures_named(&stderr(&o), &BAD);
    // The hook is read only in workers: in-process, the bad files are plans.
    let (p, _) = kehoach(
        &[
            "extract",
            input,
            "--out",
            "in-process",
            "--in-process",
            "-q",
        ],
        d,
        &[HOOK],
    );
    assert_eq!(p.status.code(), Some(0), "{}", stderr(&p));
    let written = names(&d.join("workers"));
    assert_eq!(written.len(), 5, "{written:?}");
    for name in &written {
        assert!(
            !name.starts_with("zz_"),
            "{name}: a failed file has no output"
        );
        assert_eq!(
            std::fs::read(d.join("workers").join(name)).unwrap(),
            std::fs::read(d.join("in-process").join(name)).unwrap(),
            "{name}"
        );
    }

    // On stdout, the good plans come in input order, as in-process.
    let (o, took) = kehoach(&[&["extract", input][..], &limits].concat(), d, &[HOOK]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(took < Duration::from_secs(30), "took {took:?}");
    assert_failures_named(&stderr(&o), &BAD);
    let (p, _) = kehoach(&["extract", input, "--in-process", "-q"], d, &[HOOK]);
    let lines = |o: &Output| -> Vec<String> {
        String::from_utf8(o.stdout.clone())
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect()
    };
    let expected: Vec<String> = lines(&p)
        .into_iter()
        .filter(|l| !l.contains("\"zz_"))
        .collect();
    assert_eq!(expected.len(), 5);
    assert_eq!(lines(&o), expected);
}

/// A FIFO would block the reader, `/dev/zero` would be read until memory
/// runs out, a directory cannot be read: each is refused at once, named,
/// whether listed in a directory or given by name, with workers or not.
#[cfg(unix)]
#[test]
fn only_regular_files_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let status = Command::new("mkfifo")
        .arg(d.join("fifo.txt"))
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
    std::os::unix::fs::symlink("/dev/zero", d.join("zero.txt")).unwrap();
    std::fs::create_dir(d.join("folder.txt")).unwrap();
    std::fs::copy(
        repo().join("corpus/002_582188faeadf9c63.txt"),
        d.join("good.txt"),
    )
    .unwrap();
    for mode in [&[][..], &["--in-process"][..]] {
        for inputs in [&["."][..], &["fifo.txt", "zero.txt", "good.txt"][..]] {
            let args = [&["extract", "-q"][..], mode, inputs].concat();
            let (o, took) = kehoach(&args, d, &[]);
            assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
            assert!(took < Duration::from_secs(10), "{args:?} took {took:?}");
            let err = stderr(&o);
            assert_failures_named(
                &err,
                &[
                    ("fifo.txt", "not a regular file: a FIFO"),
                    ("zero.txt", "not a regular file: a character device"),
                ],
            );
            // A directory named like a plan is a directory: walked (it
            // is empty), not read as a file.
            assert!(!err.contains("folder.txt"), "{err}");
            let v: serde_json::Value =
                serde_json::from_slice(&o.stdout).expect("the good plan on stdout");
            assert_eq!(v["source"]["file"], "good.txt");
        }
    }
}

/// The size limit is read from the file's metadata: a file over it is
/// refused without being read.
#[test]
fn inputs_over_the_size_limit_are_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // Sparse: 80 MiB that cost nothing on disk.
    std::fs::File::create(d.join("huge.txt"))
        .unwrap()
        .set_len(80 << 20)
        .unwrap();
    std::fs::File::create(d.join("big.pdf"))
        .unwrap()
        .set_len(3 << 20)
        .unwrap();
    let (o, _) = kehoach(&["extract", "-q", "huge.txt"], d, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert_failures_named(
        &stderr(&o),
        &[("huge.txt", "too large: 80 MB, over the 64 MB limit")],
    );
    let (o, _) = kehoach(&["extract", "-q", "--max-input-mb", "2", "big.pdf"], d, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert_failures_named(
        &stderr(&o),
        &[("big.pdf", "too large: 3 MB, over the 2 MB limit")],
    );
}

/// Workers change where a document is converted, never what comes out:
/// every corpus plan and fixture PDF gives the same bytes as in-process.
#[test]
fn worker_outputs_are_byte_identical_to_in_process() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let corpus = repo().join("corpus");
    let mut pdfs: Vec<String> = std::fs::read_dir(repo().join("fixtures/pdf"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .map(|p| p.to_str().unwrap().to_string())
        .collect();
    pdfs.sort();
    let mut outs = Vec::new();
    for (out, mode) in [("workers", &[][..]), ("in-process", &["--in-process"][..])] {
        // A PDF and a text plan share stems: one run per kind.
        for (kind, inputs) in [
            ("text", vec![corpus.to_str().unwrap()]),
            ("pdf", pdfs.iter().map(String::as_str).collect()),
        ] {
            let out_dir = format!("{out}/{kind}");
            let args = [&["extract", "-q", "--out", &out_dir][..], mode, &inputs].concat();
            let (o, _) = kehoach(&args, d, &[]);
            assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        }
        outs.push(d.join(out));
    }
    for kind in ["text", "pdf"] {
        let (w, p) = (outs[0].join(kind), outs[1].join(kind));
        let names = names(&w);
        assert_eq!(names, self::names(&p));
        assert_eq!(names.len(), if kind == "text" { 5 } else { pdfs.len() });
        for name in names {
            assert_eq!(
                std::fs::read(w.join(&name)).unwrap(),
                std::fs::read(p.join(&name)).unwrap(),
                "{kind}/{name}"
            );
        }
    }
}

/// A parent killed outright cannot stop its workers: a worker notices that
/// its parent is gone and exits, even in the middle of a hung document.
#[cfg(target_os = "linux")]
#[test]
fn workers_do_not_outlive_a_killed_parent() {
    let batch = batch_with_bad_workers();
    let d = batch.path();
    let mut parent = Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args(["extract", "-q", "-j", "1", "zz_hang.txt"])
        .env(HOOK.0, HOOK.1)
        .current_dir(d)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let children = format!("/proc/{0}/task/{0}/children", parent.id());
    let started = Instant::now();
    let worker = loop {
        let listed = std::fs::read_to_string(&children).unwrap_or_default();
        if let Some(pid) = listed.split_whitespace().next() {
            break pid.to_string();
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "no worker started"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    // Let the worker take the hanging document.
    std::thread::sleep(Duration::from_millis(500));
    parent.kill().unwrap();
    parent.wait().unwrap();
    let killed = Instant::now();
    // Gone, or a zombie waiting for whoever adopted it to reap it.
    let alive = || {
        std::fs::read_to_string(format!("/proc/{worker}/stat")).is_ok_and(|s| {
            s.rsplit(')')
                .next()
                .is_some_and(|r| !r.trim_start().starts_with('Z'))
        })
    };
    while alive() {
        assert!(
            killed.elapsed() < Duration::from_secs(5),
            "worker {worker} outlived its parent"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}
