//! A bulk run as analysts make them: the mixed tree of `tests/bulk.rs`
//! (text, DOCX and PDF plans in nested folders, colliding stems, broken
//! files, files of other types) at several sizes, converted by the release
//! binary with `-j 1` and `-j 2`.
//!
//! `cargo bench -p kehoach-cli --bench bulk [-- SIZES… [--baseline BIN]]`
//! (default sizes 100 1000 3000 inputs). For each run it prints the wall
//! time, documents per second, the parent's peak resident memory (VmHWM,
//! polled) and the largest worker's, and checks the run: one output per
//! good input, one manifest line per input, the summary's counts the
//! manifest's. At the largest size it then
//! kills a run twice (SIGKILL, a third and two thirds of the way), resumes
//! it, and checks that the outputs are byte-identical to the uninterrupted
//! run's. With `--baseline BIN` (an earlier `kehoach`), the same inputs are
//! also given to both binaries as one file list with JSON Lines on stdout,
//! the one run the earlier binary can make of them, for the speed-up.
//! A measurement, not a test: it asserts only that the runs are right.

#[path = "../tests/support/mixed_tree.rs"]
mod mixed_tree;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// kB of a `VmHWM:` line of `/proc/PID/status`.
fn vm_hwm(pid: u32) -> Option<u64> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    s.lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// The children of `pid` (its workers).
fn children(pid: u32) -> Vec<u32> {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return Vec::new();
    };
    tasks
        .flatten()
        .filter_map(|t| std::fs::read_to_string(t.path().join("children")).ok())
        .flat_map(|s| {
            s.split_whitespace()
                .filter_map(|p| p.parse().ok())
                .collect::<Vec<u32>>()
        })
        .collect()
}

struct Measured {
    wall: Duration,
    parent_kb: u64,
    worker_kb: u64,
    code: Option<i32>,
}

/// Runs `cmd`, polling the peak memory of it and its children until it ends
/// (or until `kill_when` says so, then SIGKILL).
fn measure(mut cmd: Command, kill_when: Option<&dyn Fn() -> bool>) -> Measured {
    let started = Instant::now();
    let mut child = cmd.spawn().expect("kehoach starts");
    let pid = child.id();
    let (mut parent_kb, mut worker_kb) = (0, 0);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return Measured {
                wall: started.elapsed(),
                parent_kb,
                worker_kb,
                code: status.code(),
            };
        }
        if kill_when.is_some_and(|f| f()) {
            child.kill().unwrap();
            child.wait().unwrap();
            return Measured {
                wall: started.elapsed(),
                parent_kb,
                worker_kb,
                code: None,
            };
        }
        parent_kb = parent_kb.max(vm_hwm(pid).unwrap_or(0));
        for c in children(pid) {
            worker_kb = worker_kb.max(vm_hwm(c).unwrap_or(0));
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// `kehoach extract` of `src` into `out`, its stderr (the summary: no
/// progress bar, as it is not a terminal) kept in `out.stderr`.
fn extract(bin: &Path, jobs: usize, src: &Path, out: &Path, resume: bool) -> Command {
    let mut c = Command::new(bin);
    let stderr = std::fs::File::create(out.with_extension("stderr")).expect("stderr file");
    c.args(["extract", "-j", &jobs.to_string()])
        .arg(src)
        .arg("--out")
        .arg(out)
        .stdout(Stdio::null())
        .stderr(Stdio::from(stderr));
    if resume {
        c.arg("--resume");
    }
    c
}

/// Checks that the summary of the run into `out` gives the manifest's
/// counts by status.
fn check_summary(out: &Path) {
    let err = std::fs::read_to_string(out.with_extension("stderr")).unwrap();
    let text = std::fs::read_to_string(out.join("kehoach-run.jsonl")).unwrap();
    let mut by_status: BTreeMap<String, usize> = BTreeMap::new();
    for line in text.lines().skip(1) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        *by_status
            .entry(v["status"].as_str().unwrap().to_string())
            .or_default() += 1;
    }
    for (label, status) in [
        ("ok", "ok"),
        ("with warnings", "warned"),
        ("suspect", "suspect"),
        ("failed", "failed"),
    ] {
        let line = err
            .lines()
            .find(|l| l.starts_with(&format!("  {label} ")))
            .unwrap_or_else(|| panic!("no {label} line in the summary:\n{err}"));
        let n: usize = line[2 + label.len()..]
            .split_whitespace()
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(
            n,
            by_status.get(status).copied().unwrap_or(0),
            "summary {label}"
        );
    }
}

/// The `.json` files under `dir`, relative, with their bytes.
fn outputs(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "json") {
                out.insert(
                    p.strip_prefix(dir).unwrap().to_path_buf(),
                    std::fs::read(&p).unwrap(),
                );
            }
        }
    }
    out
}

fn manifest_lines(out: &Path) -> usize {
    std::fs::read_to_string(out.join("kehoach-run.jsonl"))
        .map(|t| t.lines().count().saturating_sub(1))
        .unwrap_or(0)
}

/// Every input file of `src`, sorted (what the earlier binary is given).
fn input_files(src: &Path) -> Vec<PathBuf> {
    let mut v = Vec::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p
                .extension()
                .and_then(|x| x.to_str())
                .is_some_and(|x| ["txt", "pdf", "docx"].contains(&x))
            {
                v.push(p);
            }
        }
    }
    v.sort();
    v
}

fn main() {
    let mut sizes: Vec<usize> = Vec::new();
    let mut baseline: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--baseline" => baseline = args.next().map(PathBuf::from),
            "--bench" => {}
            n => sizes.extend(n.parse::<usize>().ok()),
        }
    }
    if sizes.is_empty() {
        sizes = vec![100, 1000, 3000];
    }
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_kehoach"));
    let largest = *sizes.iter().max().unwrap();
    println!(
        "{:>6} {:>3} {:>9} {:>8} {:>12} {:>12}",
        "inputs", "-j", "wall s", "docs/s", "parent MiB", "worker MiB"
    );
    for &n in &sizes {
        let tmp = tempfile::tempdir().unwrap();
        let src = tmp.path().join("src");
        let sets = n.div_ceil(mixed_tree::INPUTS_PER_SET);
        let tree = mixed_tree::mixed_tree(&src, sets);
        let inputs = tree.good.len() + tree.bad;
        let mut reference = None;
        for jobs in [1, 2] {
            let out = tmp.path().join(format!("out{jobs}"));
            let m = measure(extract(&bin, jobs, &src, &out, false), None);
            assert_eq!(m.code, Some(1), "broken inputs fail the run");
            let got = outputs(&out);
            assert_eq!(got.len(), tree.good.len(), "one output per good input");
            assert_eq!(manifest_lines(&out), inputs, "one manifest line per input");
            check_summary(&out);
            println!(
                "{inputs:>6} {jobs:>3} {:>9.2} {:>8.1} {:>12.1} {:>12.1}",
                m.wall.as_secs_f64(),
                inputs as f64 / m.wall.as_secs_f64(),
                m.parent_kb as f64 / 1024.0,
                m.worker_kb as f64 / 1024.0
            );
            if jobs == 2 {
                reference = Some(got);
            }
        }
        if let Some(old) = &baseline {
            let files = input_files(&src);
            for (name, b) in [("baseline", old.as_path()), ("this", bin.as_path())] {
                for jobs in [1, 2] {
                    let mut c = Command::new(b);
                    c.args(["extract", "-q", "-j", &jobs.to_string()])
                        .args(&files)
                        .stdout(Stdio::null())
                        .stderr(Stdio::null());
                    let m = measure(c, None);
                    println!(
                        "  {name:<8} stdout, {} files as arguments, -j {jobs}: {:.2} s, {:.1} docs/s, parent {:.1} MiB",
                        files.len(),
                        m.wall.as_secs_f64(),
                        files.len() as f64 / m.wall.as_secs_f64(),
                        m.parent_kb as f64 / 1024.0
                    );
                }
            }
        }
        if n == largest {
            // Killed twice, then resumed: the outputs of the uninterrupted run.
            let out = tmp.path().join("killed");
            for part in [1, 2] {
                let target = inputs * part / 3;
                let stop = || manifest_lines(&out) >= target;
                let m = measure(extract(&bin, 2, &src, &out, part > 1), Some(&stop));
                assert_eq!(m.code, None, "killed before it ended");
            }
            let killed_at = manifest_lines(&out);
            let m = measure(extract(&bin, 2, &src, &out, true), None);
            assert_eq!(m.code, Some(1));
            let got = outputs(&out);
            let want = reference.as_ref().unwrap();
            assert_eq!(got.len(), want.len());
            let same = got.iter().zip(want).all(|(a, b)| a == b);
            assert!(
                same,
                "the resumed run's outputs differ from the uninterrupted run's"
            );
            println!(
                "killed twice (after {} and {} of {inputs} manifest lines) and resumed ({:.2} s): {} outputs byte-identical to the uninterrupted run",
                inputs / 3,
                killed_at,
                m.wall.as_secs_f64(),
                got.len()
            );
        }
    }
}
