//! `kehoach review`: one self-contained HTML page per input, the plan
//! beside its source, for a person to check the extraction and save
//! corrections (the page itself is `kehoach-review`'s).
//!
//! Documents are read in this process, on rayon's threads, with panics
//! contained per file: a reviewer runs this on a few plans at a time, and
//! the page needs what the reader saw (lines, places, rules), which the
//! worker protocol does not carry.

use crate::{outdir, walk};
use anyhow::{bail, Result};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Writes `<stem>.review.html` under `out` for each input (files, and
/// directories walked as `extract` walks them; a file in a directory given
/// goes to its path below it). Each failure is named on stderr with its
/// file; returns whether every input got its page.
pub(crate) fn run(inputs: &[PathBuf], out: &Path, max_input_mb: Option<u64>) -> Result<bool> {
    if inputs.is_empty() {
        bail!("no input given: name the plans to review (files or directories)");
    }
    if inputs.iter().any(|p| p.as_os_str() == "-") {
        bail!("review reads files, not stdin: save the plan to a file first");
    }
    let found = walk::find(inputs);
    let mut ok = found.problems.is_empty();
    for p in &found.problems {
        eprintln!("kehoach: {p}");
    }
    if found.inputs.is_empty() {
        bail!("no plans found among the inputs (.txt, .md, .pdf, .docx, .odt, .doc)");
    }
    let mut refused = vec![false; found.inputs.len()];
    for group in walk::colliding(&found.inputs) {
        for &i in &group {
            refused[i] = true;
        }
        let names: Vec<String> = group
            .iter()
            .map(|&i| found.inputs[i].path.display().to_string())
            .collect();
        eprintln!(
            "kehoach: {}: these inputs would have one review page; review them separately",
            names.join(", ")
        );
        ok = false;
    }
    std::fs::create_dir_all(out)
        .map_err(|e| anyhow::anyhow!("{}: cannot create the directory: {e}", out.display()))?;
    let results: Vec<(PathBuf, Result<PathBuf>)> = found
        .inputs
        .par_iter()
        .zip(refused.par_iter())
        .filter(|(_, refused)| !**refused)
        .map(|(input, _)| {
            let target = out.join(page_name(&input.output));
            let result = page(&input.path, max_input_mb).and_then(|html| {
                if let Some(dir) = target.parent() {
                    std::fs::create_dir_all(dir).map_err(|e| {
                        anyhow::anyhow!("{}: cannot create the directory: {e}", dir.display())
                    })?;
                }
                outdir::write_atomic(&target, &html)?;
                Ok(target)
            });
            (input.path.clone(), result)
        })
        .collect();
    for (path, result) in results {
        match result {
            Ok(target) => eprintln!("kehoach: {} -> {}", path.display(), target.display()),
            Err(e) => {
                ok = false;
                eprintln!("kehoach: {}: {e:#}", path.display());
            }
        }
    }
    Ok(ok)
}

/// `a/x.json` (the walk's output name) -> `a/x.review.html`.
fn page_name(output: &Path) -> PathBuf {
    let stem = output.file_stem().unwrap_or(output.as_os_str());
    let mut name = stem.to_os_string();
    name.push(".review.html");
    output.with_file_name(name)
}

/// The review page of one file, never panicking.
fn page(path: &Path, max_input_mb: Option<u64>) -> Result<String> {
    let input = crate::load(path, max_input_mb)?;
    crate::contained(|| {
        let (plan, view) = match &input.converted {
            Some(docx) => {
                kehoach_extract::extract_converted_doc_for_review(&input.name, &input.bytes, docx)?
            }
            None => kehoach_extract::extract_for_review(&input.name, &input.bytes)?,
        };
        Ok(kehoach_review::render(&plan, &view))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_named_after_the_walks_output() {
        assert_eq!(page_name(Path::new("x.json")), Path::new("x.review.html"));
        assert_eq!(
            page_name(Path::new("a/b/x.y.json")),
            Path::new("a/b/x.y.review.html")
        );
    }
}
