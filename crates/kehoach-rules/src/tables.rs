//! Loading of the rule files under `rules/`.
//!
//! Every file is tab-separated text compiled into the binary with
//! `include_str!` and parsed once, on first use. Lines starting with `#` and
//! blank lines are comments. Fields are trimmed and normalised to NFC, so a
//! reviewer's editor cannot change what a phrase means.
//!
//! Parsing never fails: a malformed line is skipped and reported in
//! [`rule_problems`], and a test insists that list is empty. So a bad edit fails
//! the test suite, never a run on a document.

use std::sync::LazyLock;

use kehoach_text::clean;

use crate::words::{MAX_PHRASE_BYTES, MAX_PHRASE_TOKENS};

/// One data line: its fields (at least the table's minimum; missing optional
/// fields read as empty strings).
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub(crate) cols: Vec<String>,
}

impl Row {
    /// Field `i`, or `""`.
    pub(crate) fn col(&self, i: usize) -> &str {
        self.cols.get(i).map_or("", String::as_str)
    }
}

/// The raw text of every rule file, by file name.
pub(crate) const FILES: [(&str, &str); 8] = [
    ("comparators.tsv", include_str!("../rules/comparators.tsv")),
    ("deadlines.tsv", include_str!("../rules/deadlines.tsv")),
    ("org_words.tsv", include_str!("../rules/org_words.tsv")),
    ("collectives.tsv", include_str!("../rules/collectives.tsv")),
    (
        "abbreviations.tsv",
        include_str!("../rules/abbreviations.tsv"),
    ),
    ("titles.tsv", include_str!("../rules/titles.tsv")),
    ("fillers.tsv", include_str!("../rules/fillers.tsv")),
    (
        "known_bodies.tsv",
        include_str!("../rules/known_bodies.tsv"),
    ),
];

/// Number of required and of all columns, per file.
fn shape(file: &str) -> (usize, usize) {
    match file {
        "comparators.tsv" | "org_words.tsv" | "collectives.tsv" | "fillers.tsv" => (2, 3),
        "known_bodies.tsv" => (1, 3),
        _ => (2, 2),
    }
}

fn text_of(file: &str) -> &'static str {
    FILES
        .iter()
        .find(|(name, _)| *name == file)
        .map_or("", |(_, text)| text)
}

/// Parses one file into rows, collecting what is wrong with it.
fn parse(file: &str, problems: &mut Vec<String>) -> Vec<Row> {
    let (min, max) = shape(file);
    let mut rows = Vec::new();
    for (i, line) in text_of(file).lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let cols: Vec<String> = line.split('\t').map(clean).collect();
        let filled = cols
            .iter()
            .rposition(|c| !c.is_empty())
            .map_or(0, |p| p + 1);
        if filled < min || cols.len() > max || cols[..min].iter().any(String::is_empty) {
            problems.push(format!(
                "{file}:{}: expected {min}..={max} tab-separated columns, got {:?}",
                i + 1,
                cols
            ));
            continue;
        }
        rows.push(Row { cols });
    }
    rows
}

/// Rows of `file`, parsed once.
pub(crate) fn rows(file: &str) -> Vec<Row> {
    parse(file, &mut Vec::new())
}

/// The columns of each file that hold phrases matched against cell text.
fn phrase_columns(file: &str) -> &'static [usize] {
    match file {
        "comparators.tsv" | "deadlines.tsv" | "collectives.tsv" => &[1],
        "org_words.tsv" | "titles.tsv" => &[0],
        "fillers.tsv" => &[1, 2],
        "known_bodies.tsv" => &[0, 2],
        _ => &[],
    }
}

/// Problems in the rule files under `rules/`: malformed lines, unknown
/// roles or kinds, phrases too long to ever match. One message per
/// problem, naming the file; empty when the data is well formed (a test
/// insists on it). A reviewer who edited a file can print these.
pub fn rule_problems() -> Vec<String> {
    static PROBLEMS: LazyLock<Vec<String>> = LazyLock::new(|| {
        let mut out = Vec::new();
        for (file, _) in FILES {
            for row in parse(file, &mut out) {
                for &col in phrase_columns(file) {
                    for phrase in row.col(col).split(" | ") {
                        let tokens = phrase.split_whitespace().count();
                        if tokens > MAX_PHRASE_TOKENS || phrase.len() > MAX_PHRASE_BYTES {
                            out.push(format!(
                                "{file}: phrase {phrase:?} is longer than {MAX_PHRASE_TOKENS} words / \
                                 {MAX_PHRASE_BYTES} bytes and would never match"
                            ));
                        }
                    }
                }
            }
        }
        out.extend(crate::target::rule_problems());
        out.extend(crate::deadline::rule_problems());
        out.extend(crate::agency::rule_problems());
        out
    });
    PROBLEMS.clone()
}

/// `yes` / `no` (or empty, meaning no).
pub(crate) fn yes(s: &str) -> bool {
    s.eq_ignore_ascii_case("yes")
}
