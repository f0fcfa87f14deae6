//! The `kehoach` binary as a user runs it: inputs, outputs, exit codes,
//! and clear errors that name the file.

use std::path::PathBuf;
use std::process::Command;

#[path = "support/cli.rs"]
mod support;
use support::{kehoach, repo, stderr};

fn corpus_file() -> PathBuf {
    repo().join("corpus/002_582188faeadf9c63.txt")
}

/// Asserts that `err` names each file on a line with its reason, and that
/// nothing panicked.
fn assert_failures_named(err: &str, failures: &[(&str, &str)]) {
    for (file, reason) in failures {
        assert!(
            err.lines().any(|l| l.contains(file) && l.contains(reason)),
            "no error naming {file} ({reason}) in:\n{err}"
        );
    }
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn one_input_prints_pretty_json_to_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let o = kehoach(&["extract", corpus_file().to_str().unwrap()], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value =
        serde_json::from_slice(&o.stdout).expect("stdout is one JSON document");
    assert_eq!(v["schema_version"], kehoach_schema::SCHEMA_VERSION);
    assert_eq!(v["source"]["file"], "002_582188faeadf9c63.txt");
    assert_eq!(v["document"]["number"], "95/KH-UBND");
}

#[test]
fn no_input_converts_the_bundled_corpus_as_json_lines() {
    let o = kehoach(&["extract", "-q"], &repo());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let lines: Vec<&str> = std::str::from_utf8(&o.stdout).unwrap().lines().collect();
    let n_corpus = std::fs::read_dir(repo().join("corpus")).unwrap().count();
    assert_eq!(lines.len(), n_corpus);
    for l in lines {
        let v: serde_json::Value = serde_json::from_str(l).expect("each line is a JSON document");
        assert!(v["source"]["file"].as_str().unwrap().ends_with(".txt"));
    }
}

#[test]
fn out_dir_gets_one_file_per_input_and_no_temporaries() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let o = kehoach(
        &[
            "extract",
            repo().join("corpus").to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "000_acc11078ec403f97.json",
            "001_39870d99980587d9.json",
            "002_582188faeadf9c63.json",
            "003_a197172d4ce4415c.json",
            "004_239490791d981bc8.json",
            "kehoach-run.jsonl"
        ]
    );
    let err = stderr(&o);
    assert!(err.contains("kehoach: 5 inputs in"), "{err}");
    assert!(err.contains("  failed         0"), "{err}");
    // The manifest: a header, then one line per input, none failed.
    let manifest = std::fs::read_to_string(out.join("kehoach-run.jsonl")).unwrap();
    let lines: Vec<serde_json::Value> = manifest
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["tool"], "kehoach");
    assert_eq!(lines.len(), 6);
    for l in &lines[1..] {
        assert_ne!(l["status"], "failed", "{l}");
        assert!(out.join(l["output"].as_str().unwrap()).is_file());
    }
}

#[test]
fn bad_inputs_fail_with_the_file_named_and_good_ones_still_convert() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("empty.txt"), "").unwrap();
    std::fs::write(
        d.join("binary.txt"),
        [0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff],
    )
    .unwrap();
    // Neither UTF-8 nor Vietnamese in a legacy encoding.
    std::fs::write(
        d.join("latin1.txt"),
        b"Caf\xe9 cr\xe8me br\xfbl\xe9e \xe0 la fran\xe7aise",
    )
    .unwrap();
    std::fs::write(
        d.join("prose.txt"),
        "Hôm nay trời đẹp.\nKhông có bảng nào ở đây.\n",
    )
    .unwrap();
    std::fs::copy(corpus_file(), d.join("good.txt")).unwrap();
    let out = d.join("out");
    let o = kehoach(
        &[
            "extract",
            d.to_str().unwrap(),
            "missing.txt",
            "--out",
            out.to_str().unwrap(),
        ],
        d,
    );
    assert_eq!(o.status.code(), Some(1), "some inputs failed: exit 1");
    let err = stderr(&o);
    assert_failures_named(
        &err,
        &[
            ("empty.txt", "empty input"),
            ("binary.txt", "binary input"),
            ("latin1.txt", "not UTF-8"),
            ("prose.txt", "not a plan"),
            ("missing.txt", "cannot read file"),
        ],
    );
    // The good input is converted; failed ones leave no file, partial or not.
    let mut written: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    written.sort();
    assert_eq!(written, ["good.json", "kehoach-run.jsonl"]);
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        kehoach(&["extract", "--no-such-flag"], dir.path())
            .status
            .code(),
        Some(2)
    );
    assert_eq!(kehoach(&["frobnicate"], dir.path()).status.code(), Some(2));
    assert_eq!(kehoach(&[], dir.path()).status.code(), Some(2));
}

#[test]
fn help_shows_examples() {
    let o = kehoach(&["extract", "--help"], &repo());
    assert_eq!(o.status.code(), Some(0));
    let s = String::from_utf8_lossy(&o.stdout);
    assert!(s.contains("Examples:") && s.contains("--out"), "{s}");
}

#[test]
fn schema_command_prints_the_committed_schema() {
    let o = kehoach(&["schema"], &repo());
    assert_eq!(o.status.code(), Some(0));
    let committed = std::fs::read(repo().join("schema/kehoach.schema.json")).unwrap();
    assert_eq!(o.stdout, committed);
}

#[test]
fn eval_scores_against_gold_like_score_py() {
    let o = kehoach(&["eval", "--gold", "fixtures/gold"], &repo());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s = String::from_utf8_lossy(&o.stdout);
    let overall = s
        .lines()
        .find(|l| l.starts_with("overall:"))
        .expect("an overall line");
    let f1: f64 = overall.rsplit(' ').next().unwrap().parse().unwrap();
    assert!(f1 >= 0.95, "{overall}");
    assert!(s.contains("doc 000_acc11078ec403f97:"), "{s}");
}

#[test]
fn two_inputs_with_one_output_both_fail_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    std::fs::create_dir_all(&a).unwrap();
    std::fs::create_dir_all(&b).unwrap();
    std::fs::copy(corpus_file(), a.join("plan.txt")).unwrap();
    std::fs::copy(corpus_file(), b.join("plan.md")).unwrap();
    std::fs::copy(corpus_file(), b.join("other.txt")).unwrap();
    let out = dir.path().join("out");
    let o = kehoach(
        &[
            "extract",
            a.to_str().unwrap(),
            b.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert_eq!(
        err.matches("would both be written to plan.json").count(),
        2,
        "{err}"
    );
    assert!(!out.join("plan.json").exists());
    assert!(out.join("other.json").is_file());
}

#[test]
fn pdfs_convert_and_bad_pdfs_fail_with_their_reason() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let pdf = repo().join("fixtures/pdf");
    for (name, from) in [
        ("plan.pdf", "004_239490791d981bc8.pdf"),
        ("scanned.pdf", "bad/scanned.pdf"),
        ("locked.pdf", "bad/encrypted.pdf"),
        ("cut.pdf", "bad/truncated.pdf"),
        ("damaged.pdf", "bad/corrupt.pdf"),
        ("glyphs.pdf", "fonts/no_unicode_map.pdf"),
    ] {
        std::fs::copy(pdf.join(from), d.join(name)).unwrap();
    }
    let out = d.join("out");
    let o = kehoach(
        &[
            "extract",
            "-q",
            d.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        d,
    );
    assert_eq!(o.status.code(), Some(1), "some inputs failed: exit 1");
    let err = stderr(&o);
    assert_failures_named(
        &err,
        &[
            ("scanned.pdf", "no text layer"),
            ("locked.pdf", "encrypted"),
            ("cut.pdf", "not a readable PDF"),
            ("damaged.pdf", "could not be read"),
            ("glyphs.pdf", "has no Unicode map"),
        ],
    );
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("plan.json")).unwrap()).unwrap();
    assert_eq!(v["source"]["format"], "pdf");
    assert_eq!(v["source"]["pages"], 20);
    assert!(v["tasks"].as_array().is_some_and(|t| !t.is_empty()));
    for bad in ["scanned", "locked", "cut", "damaged", "glyphs"] {
        assert!(
            !out.join(format!("{bad}.json")).exists(),
            "{bad}: no output file"
        );
    }
}

/// A legacy `.doc` without LibreOffice on the PATH: a clear error naming
/// the file and saying how to convert it, exit 1, no output file.
#[test]
fn doc_without_soffice_says_how_to_convert() {
    let dir = tempfile::tempdir().unwrap();
    let doc = repo().join("fixtures/docx/doc/merged_cells.doc");
    let out = dir.path().join("out");
    let o = Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args([
            "extract",
            doc.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .env("PATH", dir.path())
        .env_remove("KEHOACH_SOFFICE")
        .current_dir(dir.path())
        .output()
        .expect("binary runs");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_failures_named(
        &stderr(&o),
        &[("merged_cells.doc", "`soffice` is not on the PATH")],
    );
    assert!(stderr(&o).contains("--convert-to docx"), "{}", stderr(&o));
    assert!(!out.join("merged_cells.json").exists());
}

/// A legacy `.doc` with LibreOffice: converted in a private temporary
/// directory that is gone afterwards, read as a DOCX, the conversion said.
/// Where LibreOffice is missing this checks the refusal instead (the
/// previous test); `.ci/run` installs it, so CI takes this path.
#[test]
fn doc_with_soffice_converts_and_leaves_nothing_behind() {
    let has_soffice = std::env::var_os("PATH")
        .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join("soffice").is_file()));
    if !has_soffice {
        eprintln!("soffice not on PATH: the conversion path is checked in CI");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let doc = repo().join("fixtures/docx/doc/merged_cells.doc");
    let o = Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args(["extract", doc.to_str().unwrap()])
        .env("TMPDIR", tmp.path())
        .output()
        .expect("binary runs");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let plan: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(plan["source"]["format"], "docx");
    assert_eq!(plan["source"]["file"], "merged_cells.doc");
    assert_eq!(plan["warnings"][0]["code"], "doc_converted");
    assert_eq!(plan["document"]["number"], "12/KH-UBND");
    assert!(plan["tasks"].as_array().is_some_and(|t| t.len() >= 7));
    let left: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
    assert!(left.is_empty(), "temporary files left behind: {left:?}");
}

/// Output files are created like any tool's: mode 0666 less the umask.
#[cfg(unix)]
#[test]
fn output_files_follow_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let cmd = format!(
        "umask 022 && exec '{}' extract '{}' --out '{}'",
        env!("CARGO_BIN_EXE_kehoach"),
        corpus_file().display(),
        out.display()
    );
    let o = Command::new("sh")
        .args(["-c", &cmd])
        .output()
        .expect("sh runs");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mode = std::fs::metadata(out.join("002_582188faeadf9c63.json"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o644);
}
