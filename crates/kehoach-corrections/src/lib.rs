//! A reviewer's corrections to extracted plans: corrections that stick, and
//! corrections that become tests.
//!
//! A reviewer who finds a wrong field in a plan's output (on the review
//! page, `kehoach review`) saves a *corrections file*,
//! `<stem>.corrections.json`, beside the others of a folder. `kehoach
//! extract --corrections DIR` applies it to each new extraction of that
//! input ([`apply`]), and `kehoach eval --corrections DIR` tells, for each
//! correction, whether the extractor still needs it ([`check`]): a fix to
//! the extractor that makes a correction unnecessary shows as `fixed`, and
//! a change that moves the field somewhere else as `changed`, a failure.
//!
//! ## The corrections file
//!
//! ```json
//! { "kehoach_corrections": 1,
//!   "source": { "file": "plan.pdf", "sha256": "<the input's sha256>" },
//!   "corrections": [
//!     { "path": "/tasks/pl1.I.2/deadline/raw", "old": "Thường xuyên",
//!       "new": "Tháng 12/2026", "by": "Lan", "at": "2026-12-05T10:00:00Z",
//!       "note": "the source prints Tháng 12/2026" } ] }
//! ```
//!
//! `source` is the plan's `source.file` and `source.sha256`: a correction
//! is made on one version of one input, and is not applied to another.
//! Each correction names a field by a path of ids ([`FieldPath`]), the
//! value the extractor gave (`old`), the reviewer's value (`new`), who
//! (`by`, free text, may be empty), when (`at`, free text, an ISO time)
//! and why (`note`, optional). `lead` and `cooperating` values are arrays
//! of agency *names* (a reviewer reads names, not ids).
//!
//! ## Never silently
//!
//! A correction is applied only when its file is for the input's bytes
//! (same sha256), its path names a field of the output, and the extractor
//! still gives its `old` value. Otherwise it is not applied and is said:
//! a `correction_not_applied` warning in the plan, and a line for stderr
//! ([`Applied::not_applied`]). Applied corrections are listed in the
//! plan's `corrections`, so that an output says which of its fields a
//! person wrote.
//!
//! Re-parsed fields use the extractor's own rules: a corrected deadline's
//! kind and dates come from [`kehoach_rules::parse_deadline`], a corrected
//! target's comparator and value from [`kehoach_rules::parse_target`], and
//! an agency name the plan does not know is canonicalised and given its id
//! by [`kehoach_rules::Registry`], as the extractor's bodies are.

mod apply;
mod path;

pub use apply::{apply, check, current_value, Applied, Check, Verdict};
pub use path::{DocField, FieldPath, IndicatorField, TaskField};

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The corrections file format's version (its `kehoach_corrections`).
pub const FORMAT_VERSION: u32 = 1;

/// The name of the corrections file of the input whose file stem is
/// `stem` (`plan.pdf` -> `plan.corrections.json`).
pub fn file_name(stem: &str) -> String {
    format!("{stem}.corrections.json")
}

/// One corrections file: the corrections of one input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CorrectionsFile {
    /// The format's version, [`FORMAT_VERSION`].
    pub kehoach_corrections: u32,
    /// The input the corrections were made on.
    pub source: FileSource,
    /// The corrections, applied in this order.
    pub corrections: Vec<Correction>,
}

/// The input a corrections file is for: the plan's `source.file` and
/// `source.sha256`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileSource {
    /// File name (no directory).
    pub file: String,
    /// SHA-256 of the file's bytes, lower-case hex.
    pub sha256: String,
}

/// One corrected field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Correction {
    /// The field, as a [`FieldPath`] (`"/document/number"`).
    pub path: String,
    /// The value the extractor gave (`null` for none).
    #[serde(default)]
    pub old: Value,
    /// The reviewer's value (`null` to clear the field).
    pub new: Value,
    /// Who made it (free text, may be empty).
    #[serde(default)]
    pub by: String,
    /// When (free text, an ISO time).
    #[serde(default)]
    pub at: String,
    /// Why: what the source says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Why a corrections file cannot be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Not JSON, or not of the format's shape.
    #[error("not a corrections file: {0}")]
    Malformed(#[from] serde_json::Error),
    /// A version of the format this build does not read.
    #[error("corrections format version {0} is not supported (this kehoach reads version {FORMAT_VERSION})")]
    UnsupportedVersion(u32),
}

impl CorrectionsFile {
    /// Reads a corrections file's text.
    pub fn parse(text: &str) -> Result<CorrectionsFile, Error> {
        let file: CorrectionsFile = serde_json::from_str(text)?;
        if file.kehoach_corrections != FORMAT_VERSION {
            return Err(Error::UnsupportedVersion(file.kehoach_corrections));
        }
        Ok(file)
    }

    /// The file as it is written: pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("corrections serialize");
        s.push('\n');
        s
    }
}

#[cfg(test)]
mod tests;
