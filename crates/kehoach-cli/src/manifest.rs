//! The run manifest, `OUT/kehoach-run.jsonl`: what a run under `--out` did
//! with each input, one JSON line per finished input, written and flushed
//! as the run goes, so that a run that is killed leaves a valid record of
//! what finished (every line but a torn last one parses; a torn line is
//! ignored on reading).
//!
//! The first line is the run's [`Header`]: the tool, its version, the
//! schema version and the options that decide whether an input converts.
//! Each other line is an [`Entry`]. `--resume` reads the manifest an
//! earlier run left and skips an input whose entry has the same sha256,
//! tool version and options and whose output is still there; the new
//! manifest carries that entry forward (with `"resumed": true`), so that it
//! always describes every input of the run that wrote it.

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

/// The manifest's file name under `--out`.
pub(crate) const FILE_NAME: &str = "kehoach-run.jsonl";

/// The manifest format's version (the header's `kehoach_run`).
const FORMAT: u32 = 1;

/// The options that decide what an input converts to, or whether it does:
/// an entry written under other options is not resumed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct RunOptions {
    pub max_input_mb: Option<u64>,
    pub memory_limit_mb: u64,
    pub timeout_secs: u64,
    pub in_process: bool,
    /// `--corrections DIR` and the digest of its corrections files, so that
    /// a changed correction converts again (absent without the option, so
    /// that a manifest written before it existed still resumes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corrections: Option<String>,
}

/// The first line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Header {
    /// The manifest format's version.
    pub kehoach_run: u32,
    pub tool: String,
    pub version: String,
    pub schema_version: String,
    /// Seconds since 1970 when the run started.
    pub started: u64,
    pub options: RunOptions,
}

impl Header {
    pub(crate) fn new(options: RunOptions) -> Header {
        Header {
            kehoach_run: FORMAT,
            tool: "kehoach".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            schema_version: kehoach_schema::SCHEMA_VERSION.into(),
            started: std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
            options,
        }
    }

    /// Whether entries written under `self` may be resumed by a run with
    /// `now`'s tool and options.
    fn resumable_by(&self, now: &Header) -> bool {
        self.kehoach_run == now.kehoach_run
            && self.version == now.version
            && self.schema_version == now.schema_version
            && self.options == now.options
    }
}

/// What became of an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Status {
    /// Converted, no warnings.
    Ok,
    /// Converted, with warnings that lose no data.
    Warned,
    /// Converted, with a warning that means data may be missing (a table
    /// without rows, pages without text: `kehoach_schema::DATA_MISSING_CODES`).
    Suspect,
    /// Not converted: `error` says why.
    Failed,
}

/// Row counts of a converted input.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Rows {
    /// Tasks, subtasks included.
    pub tasks: usize,
    pub indicators: usize,
    pub targets: usize,
    pub agencies: usize,
}

/// What a converted input's plan says of itself: what the worker sends
/// back beside the JSON, so that the parent need not parse the JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Facts {
    pub sha256: String,
    pub bytes: u64,
    pub format: String,
    pub pages: Option<u32>,
    pub warnings: BTreeMap<String, usize>,
    pub rows: Rows,
    /// Milliseconds the conversion took (in the worker).
    pub ms: u64,
    /// Lines for stderr: the reviewers' corrections that were not applied.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notices: Vec<String>,
}

impl Facts {
    pub(crate) fn of(plan: &kehoach_schema::Plan, ms: u64) -> Facts {
        fn tasks(ts: &[kehoach_schema::Task]) -> usize {
            ts.iter().map(|t| 1 + tasks(&t.subtasks)).sum()
        }
        let mut warnings = BTreeMap::new();
        for w in &plan.warnings {
            *warnings.entry(w.code.clone()).or_default() += 1;
        }
        let format = serde_json::to_value(plan.source.format)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        Facts {
            sha256: plan.source.sha256.clone(),
            bytes: plan.source.bytes,
            format,
            pages: plan.source.pages,
            warnings,
            rows: Rows {
                tasks: tasks(&plan.tasks),
                indicators: plan.indicators.len(),
                targets: plan.indicators.iter().map(|i| i.targets.len()).sum(),
                agencies: plan.agencies.len(),
            },
            ms,
            notices: Vec::new(),
        }
    }

    /// The status of a converted input with these facts.
    pub(crate) fn status(&self) -> Status {
        if self
            .warnings
            .keys()
            .any(|c| kehoach_schema::DATA_MISSING_CODES.contains(&c.as_str()))
        {
            Status::Suspect
        } else if self.warnings.is_empty() {
            Status::Ok
        } else {
            Status::Warned
        }
    }
}

/// One finished input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Entry {
    /// The input's path as given or found (not valid UTF-8: escaped as
    /// output names are).
    pub input: String,
    pub status: Status,
    /// Why it failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    pub sha256: Option<String>,
    pub bytes: Option<u64>,
    pub format: Option<String>,
    pub pages: Option<u32>,
    /// Warning counts by code.
    #[serde(default)]
    pub warnings: BTreeMap<String, usize>,
    pub rows: Option<Rows>,
    /// The output file, relative to `--out` (none when it failed).
    pub output: Option<String>,
    /// Wall-clock milliseconds of its conversion.
    pub ms: u64,
    /// Carried forward from an earlier run by `--resume`, not converted again.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub resumed: bool,
}

/// The manifest being written.
pub(crate) struct Writer {
    file: File,
    path: PathBuf,
}

impl Writer {
    /// Starts `dir`'s manifest with `header` and the entries carried
    /// forward. Written to a temporary file and renamed into place, so that
    /// the earlier manifest is replaced only by one that holds at least
    /// what is carried forward from it.
    pub(crate) fn create(dir: &Path, header: &Header, carried: &[Entry]) -> Result<Writer> {
        let path = dir.join(FILE_NAME);
        let mut tmp = tempfile::Builder::new()
            .prefix(crate::outdir::TMP_PREFIX)
            .suffix(crate::outdir::TMP_SUFFIX)
            .tempfile_in(dir)
            .with_context(|| format!("{}: cannot write the run manifest", dir.display()))?;
        let mut text = serde_json::to_string(header)? + "\n";
        for e in carried {
            text += &serde_json::to_string(e)?;
            text.push('\n');
        }
        tmp.write_all(text.as_bytes())?;
        tmp.as_file().sync_data()?;
        let file = tmp
            .persist(&path)
            .with_context(|| format!("{}: cannot write", path.display()))?;
        Ok(Writer { file, path })
    }

    /// Appends one entry, flushed to the file at once.
    pub(crate) fn add(&mut self, entry: &Entry) -> Result<()> {
        let line = serde_json::to_string(entry)? + "\n";
        // One write per line: a kill leaves at most a torn last line.
        self.file
            .write_all(line.as_bytes())
            .with_context(|| format!("{}: cannot write", self.path.display()))
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }
}

/// An earlier run's manifest, read for `--resume` and `--retry-failed`.
#[derive(Debug, Default)]
pub(crate) struct Earlier {
    /// Whether its header allows resuming under the current tool and options.
    pub resumable: bool,
    /// The last entry of each input.
    pub entries: HashMap<String, Entry>,
}

/// Reads `dir`'s manifest, if there is one. Lines that do not parse (a torn
/// last line of a killed run) are skipped.
pub(crate) fn read(dir: &Path, now: &Header) -> Result<Option<Earlier>> {
    let path = dir.join(FILE_NAME);
    let file = match File::open(&path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).with_context(|| format!("{}: cannot read", path.display())),
    };
    let mut lines = BufReader::new(file).lines();
    let header: Option<Header> = match lines.next() {
        Some(Ok(l)) => serde_json::from_str(&l).ok(),
        _ => None,
    };
    let mut earlier = Earlier {
        resumable: header.as_ref().is_some_and(|h| h.resumable_by(now)),
        entries: HashMap::new(),
    };
    for line in lines {
        let Ok(line) = line else { break };
        if let Ok(e) = serde_json::from_str::<Entry>(&line) {
            earlier.entries.insert(e.input.clone(), e);
        }
    }
    Ok(Some(earlier))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> RunOptions {
        RunOptions {
            max_input_mb: None,
            memory_limit_mb: 2048,
            timeout_secs: 120,
            in_process: false,
            corrections: None,
        }
    }

    fn entry(input: &str, status: Status) -> Entry {
        Entry {
            input: input.into(),
            status,
            error: (status == Status::Failed).then(|| "broken".into()),
            sha256: Some("ab".into()),
            bytes: Some(2),
            format: Some("text".into()),
            pages: None,
            warnings: BTreeMap::from([("row_empty".to_string(), 2)]),
            rows: Some(Rows::default()),
            output: Some(format!("{input}.json")),
            ms: 3,
            resumed: false,
        }
    }

    #[test]
    fn a_killed_run_leaves_a_manifest_that_reads_back() {
        let d = tempfile::tempdir().unwrap();
        let header = Header::new(options());
        let mut w = Writer::create(d.path(), &header, &[entry("a", Status::Ok)]).unwrap();
        w.add(&entry("b", Status::Failed)).unwrap();
        w.add(&entry("a", Status::Warned)).unwrap();
        // A torn last line, as a kill in the middle of a write leaves.
        std::fs::OpenOptions::new()
            .append(true)
            .open(w.path())
            .unwrap()
            .write_all(br#"{"input":"c","sta"#)
            .unwrap();
        let earlier = read(d.path(), &header).unwrap().unwrap();
        assert!(earlier.resumable);
        assert_eq!(earlier.entries.len(), 2);
        assert_eq!(earlier.entries["a"].status, Status::Warned);
        assert_eq!(earlier.entries["b"].error.as_deref(), Some("broken"));
    }

    #[test]
    fn other_options_or_version_are_not_resumed() {
        let d = tempfile::tempdir().unwrap();
        let header = Header::new(options());
        Writer::create(d.path(), &header, &[entry("a", Status::Ok)]).unwrap();
        let mut other = Header::new(RunOptions {
            timeout_secs: 5,
            ..options()
        });
        assert!(!read(d.path(), &other).unwrap().unwrap().resumable);
        other = Header::new(options());
        other.version = "0.0.0-other".into();
        assert!(!read(d.path(), &other).unwrap().unwrap().resumable);
        assert!(read(&d.path().join("none"), &header).unwrap().is_none());
    }

    #[test]
    fn status_from_warnings() {
        let mut f = Facts {
            sha256: String::new(),
            bytes: 0,
            format: "text".into(),
            pages: None,
            warnings: BTreeMap::new(),
            rows: Rows::default(),
            ms: 0,
            notices: Vec::new(),
        };
        assert_eq!(f.status(), Status::Ok);
        f.warnings.insert("row_empty".into(), 1);
        assert_eq!(f.status(), Status::Warned);
        f.warnings.insert("table_without_rows".into(), 1);
        assert_eq!(f.status(), Status::Suspect);
    }
}
