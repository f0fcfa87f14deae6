//! The fuzzers' regression fixtures (fixtures/hostile/fuzz/): each runs
//! through its target in a child process with the fuzzing limits, and must
//! return, unless fixtures/hostile/fuzz/known.tsv lists its crash as still
//! open. A listed crash that no longer happens is pointed out, so that its
//! line can go.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn hostile_fuzz_fixtures_do_not_crash() {
    let dir = root().join("fixtures/hostile/fuzz");
    let known = dir.join("known.tsv");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures/hostile/fuzz")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            p.is_file() && name != "README.md" && name != "known.tsv"
        })
        .collect();
    files.sort();
    let mut ran = 0;
    for f in &files {
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let target = kehoach_fuzz::TARGETS
            .iter()
            .find(|t| name.starts_with(&format!("{}-", t.name)))
            .unwrap_or_else(|| panic!("{name}: the name must start with a target and '-'"));
        let out = Command::new(env!("CARGO_BIN_EXE_kehoach-fuzz"))
            .args(["repro", target.name])
            .arg(f)
            .arg("--known")
            .arg(&known)
            .output()
            .expect("run kehoach-fuzz repro");
        let report = String::from_utf8_lossy(&out.stdout);
        print!("{report}");
        assert!(
            out.status.success(),
            "{name}: a crash not listed in known.tsv:\n{report}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let listed = std::fs::read_to_string(&known)
            .unwrap_or_default()
            .lines()
            .any(|l| l.split('\t').nth(2) == Some(name));
        if listed && report.contains(": ok (") {
            println!("{name}: fixed: its line in known.tsv can go");
        }
        ran += 1;
    }
    println!("{ran} fuzz regression fixtures");
}
