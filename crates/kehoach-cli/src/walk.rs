//! Finding the inputs of a run and the output each one is written to.
//!
//! Directories are walked recursively, in sorted order, so that a run over
//! the same tree always sees the same inputs in the same order. What is not
//! taken is counted by type for the summary (a mixed folder's `.xlsx`
//! sheets, its images, a `README.md`), and what cannot be walked (a
//! directory that cannot be listed, a symbolic link that leads back into the
//! tree) is reported, and the walk goes on.
//!
//! Outputs mirror the inputs' paths relative to the directory given (a file
//! given by itself: its name), with the extension replaced by `.json`, so
//! that `a/x.pdf` and `b/x.pdf` no longer collide. File names that are not
//! valid UTF-8 are written with their invalid bytes as `%XX` (and `%` as
//! `%25` in such names), a distinct name from which the original bytes can
//! be read back (the tests' `decode_name`).

use std::collections::{BTreeMap, HashSet};
use std::ffi::{OsStr, OsString};
use std::path::{Component, Path, PathBuf};

/// The extensions of the files a run takes (lower case).
pub(crate) const INPUT_EXTENSIONS: &[&str] = &["txt", "md", "pdf", "docx", "odt", "doc"];

/// Whether `p`'s extension is one a run takes.
pub(crate) fn is_input_file(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| INPUT_EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// The names of a project's own notes (`README.md`, `LICENSE.txt`, …): in a
/// walked directory they are not taken as plans. A file given by name is
/// always taken.
const NOTE_STEMS: &[&str] = &[
    "readme",
    "changelog",
    "changes",
    "license",
    "licence",
    "copying",
    "contributing",
    "authors",
    "notice",
];

/// One input of a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Input {
    /// The file, as found (the argument joined with the walked path).
    pub path: PathBuf,
    /// Where its output goes, relative to `--out`: its path below the
    /// directory given, extension `.json`, each component made UTF-8.
    pub output: PathBuf,
}

/// The inputs of a run and what the walk left out.
#[derive(Debug, Default)]
pub(crate) struct Found {
    pub inputs: Vec<Input>,
    /// Files in walked directories that were not taken, by type: their
    /// extension in lower case (`xlsx`), `no extension`, `hidden`, or
    /// `notes (README, LICENSE …)`.
    pub skipped: BTreeMap<String, usize>,
    /// What could not be walked, each a full sentence naming the path.
    pub problems: Vec<String>,
}

impl Found {
    /// How many files were left out.
    pub(crate) fn skipped_total(&self) -> usize {
        self.skipped.values().sum()
    }
}

/// Finds the inputs of `args`: files are taken as given, directories are
/// walked. `-` (stdin) is the caller's business and must not be passed.
pub(crate) fn find(args: &[PathBuf]) -> Found {
    let mut found = Found::default();
    for arg in args {
        match std::fs::metadata(arg) {
            Ok(m) if m.is_dir() => {
                let mut ancestors = HashSet::new();
                if let Ok(c) = arg.canonicalize() {
                    ancestors.insert(c);
                }
                let before = found.inputs.len();
                walk_dir(arg, Path::new(""), &mut ancestors, &mut found);
                if found.inputs.len() == before {
                    found.problems.push(format!(
                        "{}: no .txt, .md, .pdf, .docx, .odt or .doc files in this directory or below",
                        arg.display()
                    ));
                }
            }
            // A file, or a path that cannot be read: taken, so that reading it
            // reports the reason as that input's failure.
            _ => {
                let name = arg.file_name().unwrap_or(arg.as_os_str());
                found.inputs.push(Input {
                    path: arg.clone(),
                    output: output_name(Path::new(name)),
                });
            }
        }
    }
    found
}

/// Walks `dir` (`root` joined with `rel`), sorted by name. `ancestors` holds
/// the canonical paths of the directories on the way down, to tell a
/// symbolic link that leads back up (a loop) from one that leads aside.
fn walk_dir(root: &Path, rel: &Path, ancestors: &mut HashSet<PathBuf>, found: &mut Found) {
    let dir = root.join(rel);
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) => {
            found.problems.push(format!(
                "{}: cannot list this directory ({e})",
                dir.display()
            ));
            return;
        }
    };
    let mut names: Vec<OsString> = Vec::new();
    for entry in entries {
        match entry {
            Ok(e) => names.push(e.file_name()),
            Err(e) => found
                .problems
                .push(format!("{}: an entry cannot be read ({e})", dir.display())),
        }
    }
    names.sort();
    for name in names {
        let rel_path = rel.join(&name);
        let path = root.join(&rel_path);
        if name.as_encoded_bytes().first() == Some(&b'.') {
            *found.skipped.entry("hidden".into()).or_default() += 1;
            continue;
        }
        // Follows symbolic links: a link to a file is that file.
        let meta = match std::fs::metadata(&path) {
            Ok(m) => m,
            Err(e) => {
                found.problems.push(format!(
                    "{}: cannot be read ({})",
                    path.display(),
                    if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
                        "a symbolic link to nothing".to_string()
                    } else {
                        e.to_string()
                    }
                ));
                continue;
            }
        };
        if meta.is_dir() {
            let canonical = path.canonicalize().ok();
            match canonical {
                Some(c) if ancestors.contains(&c) => {
                    found.problems.push(format!(
                        "{}: a symbolic link back to {} (a loop), not followed",
                        path.display(),
                        c.display()
                    ));
                }
                Some(c) => {
                    ancestors.insert(c.clone());
                    walk_dir(root, &rel_path, ancestors, found);
                    ancestors.remove(&c);
                }
                None => found.problems.push(format!(
                    "{}: cannot resolve this directory, not walked",
                    path.display()
                )),
            }
            continue;
        }
        let p = Path::new(&name);
        if !is_input_file(p) {
            *found.skipped.entry(type_of(p)).or_default() += 1;
            continue;
        }
        if is_note(p) {
            *found
                .skipped
                .entry("notes (README, LICENSE …)".into())
                .or_default() += 1;
            continue;
        }
        found.inputs.push(Input {
            output: output_name(&rel_path),
            path,
        });
    }
}

/// The type a skipped file is counted under: its extension in lower case.
fn type_of(p: &Path) -> String {
    match p.extension() {
        Some(e) => e.to_string_lossy().to_lowercase(),
        None => "no extension".into(),
    }
}

fn is_note(p: &Path) -> bool {
    p.file_stem()
        .and_then(|s| s.to_str())
        .is_some_and(|s| NOTE_STEMS.iter().any(|n| s.eq_ignore_ascii_case(n)))
}

/// The output path for an input at `rel` (relative): each directory kept,
/// the file's extension replaced by `.json`, every component made UTF-8
/// ([`encode_name`]).
pub(crate) fn output_name(rel: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    let comps: Vec<Component> = rel.components().collect();
    for (i, c) in comps.iter().enumerate() {
        let Component::Normal(name) = c else {
            continue;
        };
        if i + 1 == comps.len() {
            let stem = Path::new(name).file_stem().unwrap_or(name);
            out.push(format!("{}.json", encode_name(stem)));
        } else {
            out.push(encode_name(name));
        }
    }
    if out.as_os_str().is_empty() {
        out.push("output.json");
    }
    out
}

/// A file name as UTF-8: itself when it is, else its invalid bytes as `%XX`
/// and its `%` signs as `%25`, so that the bytes can be read back (`%XX` as the byte).
pub(crate) fn encode_name(name: &OsStr) -> String {
    let bytes = name.as_encoded_bytes();
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_string();
    }
    let mut out = String::new();
    for chunk in bytes.utf8_chunks() {
        for ch in chunk.valid().chars() {
            if ch == '%' {
                out.push_str("%25");
            } else {
                out.push(ch);
            }
        }
        for b in chunk.invalid() {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The bytes of a name [`encode_name`] escaped (one with a `%XX` in it):
/// `%XX` read back as the byte. A name without `%` is itself.
#[cfg(test)]
pub(crate) fn decode_name(name: &str) -> Vec<u8> {
    let b = name.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = |c: u8| char::from(c).to_digit(16);
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    out
}

/// The groups of inputs that map to one output (`x.pdf` beside `x.txt`,
/// or the same name under two directories given): the indices of every
/// input in such a group.
pub(crate) fn colliding(inputs: &[Input]) -> Vec<Vec<usize>> {
    let mut by_output: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, input) in inputs.iter().enumerate() {
        // Case-folded: two names that differ only in case are one file on
        // the file systems of Windows and macOS.
        let key = input.output.to_string_lossy().to_lowercase();
        by_output.entry(key).or_default().push(i);
    }
    by_output.into_values().filter(|v| v.len() > 1).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(p: &Path) {
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, b"x").unwrap();
    }

    #[test]
    fn walks_recursively_sorted_and_counts_what_it_leaves() {
        let d = tempfile::tempdir().unwrap();
        let r = d.path();
        for f in [
            "b/x.pdf",
            "a/x.pdf",
            "a/deep/plan.docx",
            "top.txt",
            "README.md",
            "sheet.xlsx",
            "photo.JPG",
            "Makefile",
            ".hidden.txt",
        ] {
            touch(&r.join(f));
        }
        let found = find(&[r.to_path_buf()]);
        let outs: Vec<String> = found
            .inputs
            .iter()
            .map(|i| i.output.to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            outs,
            ["a/deep/plan.json", "a/x.json", "b/x.json", "top.json"]
        );
        assert_eq!(found.inputs[1].path, r.join("a/x.pdf"));
        let skipped: Vec<(&str, usize)> = found
            .skipped
            .iter()
            .map(|(k, v)| (k.as_str(), *v))
            .collect();
        assert_eq!(
            skipped,
            [
                ("hidden", 1),
                ("jpg", 1),
                ("no extension", 1),
                ("notes (README, LICENSE …)", 1),
                ("xlsx", 1)
            ]
        );
        assert!(found.problems.is_empty(), "{:?}", found.problems);
        assert!(colliding(&found.inputs).is_empty());
    }

    #[test]
    fn a_file_given_by_name_is_taken_whatever_it_is() {
        let d = tempfile::tempdir().unwrap();
        let readme = d.path().join("README.md");
        touch(&readme);
        let found = find(&[readme.clone(), d.path().join("missing.txt")]);
        assert_eq!(found.inputs.len(), 2);
        assert_eq!(found.inputs[0].output, PathBuf::from("README.json"));
        assert_eq!(found.inputs[1].output, PathBuf::from("missing.json"));
    }

    #[test]
    fn a_directory_given_without_plans_is_reported() {
        let d = tempfile::tempdir().unwrap();
        touch(&d.path().join("folder.pdf/notes.xlsx"));
        let found = find(&[d.path().join("folder.pdf")]);
        assert!(found.inputs.is_empty());
        assert_eq!(found.skipped.get("xlsx"), Some(&1));
        assert_eq!(found.problems.len(), 1);
        assert!(
            found.problems[0].contains("no .txt, .md, .pdf"),
            "{:?}",
            found.problems
        );
    }

    #[test]
    fn equal_stems_beside_each_other_collide() {
        let d = tempfile::tempdir().unwrap();
        touch(&d.path().join("x.pdf"));
        touch(&d.path().join("x.txt"));
        touch(&d.path().join("y.txt"));
        let found = find(&[d.path().to_path_buf()]);
        assert_eq!(colliding(&found.inputs), vec![vec![0, 1]]);
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_are_reported_not_followed() {
        let d = tempfile::tempdir().unwrap();
        let r = d.path();
        touch(&r.join("sub/plan.txt"));
        std::os::unix::fs::symlink(r, r.join("sub/up")).unwrap();
        std::os::unix::fs::symlink(r.join("nowhere"), r.join("dangling.txt")).unwrap();
        let found = find(&[r.to_path_buf()]);
        assert_eq!(found.inputs.len(), 1);
        assert_eq!(found.problems.len(), 2, "{:?}", found.problems);
        assert!(found.problems.iter().any(|p| p.contains("(a loop)")));
        assert!(found
            .problems
            .iter()
            .any(|p| p.contains("a symbolic link to nothing")));
    }

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_utf8_get_distinct_reversible_outputs() {
        use std::os::unix::ffi::OsStrExt;
        let a = OsStr::from_bytes(b"k\xe9 ho\xe1ch 50%");
        let b = OsStr::from_bytes(b"k\xe9 ho\xe1ch 50%\xff");
        let (ea, eb) = (encode_name(a), encode_name(b));
        assert_eq!(ea, "k%E9 ho%E1ch 50%25");
        assert_ne!(ea, eb);
        assert_eq!(decode_name(&ea), a.as_bytes());
        assert_eq!(decode_name(&eb), b.as_bytes());
        // Valid UTF-8 is left as it is.
        assert_eq!(encode_name(OsStr::new("kế hoạch 50%")), "kế hoạch 50%");
        let out = output_name(Path::new(OsStr::from_bytes(b"d\xff/x\xfe.txt")));
        assert_eq!(out, PathBuf::from("d%FF/x%FE.json"));
    }
}
