//! The domain knowledge of kehoach: how a plan's cells are read.
//!
//! Three kinds of cell need Vietnamese administrative knowledge to read:
//! targets (`"đạt trên 3,5%"` → `gt 3.5 %`), deadlines (`"Quý II – Quý IV
//! năm 2026"` → `quarter 2026-04-01..2026-12-31`) and agencies (`"Phòng
//! VH-XH, Kinh tế, TTPVHCC"` → three bodies, each folded with its other
//! spellings across the document).
//!
//! ## Why the rules are data
//! That knowledge is mostly lists of phrases: comparator words, deadline
//! words, organisation words, abbreviations, titles, filler words, known
//! body names. Those lists grow with every new document, and the people
//! who can judge an entry read Vietnamese, not Rust. So they live as
//! tab-separated files under `rules/`, each opening with comments that
//! explain its columns and give examples; a reviewer adds a line and runs
//! the tests. The Rust code only applies them: it holds the small grammars
//! (numbers, dates) and the order of the steps, documented on each
//! function. The files are compiled in (`include_str!`) and parsed once.
//!
//! ## Invariants
//! - Every function here is pure and total: any input gives an answer,
//!   never a panic (prose becomes `text` / `unspecified`).
//! - Output is deterministic: ordered maps only, no hash order.
//! - Identity is decided by [`agency_key`]; display by [`canonical_name`];
//!   both come from the same steps, so they never disagree.

mod agency;
mod deadline;
mod folds;
pub mod lean;
pub mod narrow;
mod tables;
mod target;
mod words;

pub use agency::{
    agency_key, agency_kind, canonical_name, may_open_body, may_open_body_folded, opens_with_body,
    split_agencies, split_agencies_detailed, BodyRef, Registry,
};
pub use deadline::{parse_deadline, ParsedDeadline};
pub use folds::{FxHashMap, FxHasher};
pub use tables::rule_problems;
pub use target::{is_empty_target, parse_target, without_fillers, ParsedTarget};
pub use words::is_letter_or_digit;

/// The texts of the seed plans in `corpus/`, in file-name order: tests
/// check mechanisms on every real line with them.
#[cfg(test)]
pub(crate) fn corpus_texts() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    files.sort();
    assert!(!files.is_empty(), "no corpus texts under {}", dir.display());
    files
        .iter()
        .map(|f| std::fs::read_to_string(f).expect("corpus text is UTF-8"))
        .collect()
}

#[cfg(test)]
mod tests {

    use super::*;

    #[test]
    fn rule_files_are_well_formed() {
        let problems = rule_problems();
        assert!(
            problems.is_empty(),
            "rule files have problems:\n{}",
            problems.join("\n")
        );
    }

    #[test]
    fn every_rule_file_explains_itself() {
        for (name, text) in tables::FILES {
            let comments = text.lines().take_while(|l| l.starts_with('#')).count();
            assert!(
                comments >= 5,
                "{name} must open with comment lines explaining its columns"
            );
        }
    }

    /// Every line of every seed document, fed to every reader: nothing may
    /// panic (the answers themselves are checked by the tables elsewhere).
    #[test]
    fn no_panic_on_corpus_lines() {
        let mut registry = Registry::new(Some("xã Kiến Thụy".to_string()));
        let mut lines = 0;
        for text in crate::corpus_texts() {
            for line in text.lines() {
                lines += 1;
                let _ = parse_target(line);
                let _ = is_empty_target(line);
                let _ = parse_deadline(line);
                let _ = agency_kind(line);
                let _ = agency_key(line, None);
                for cell in line.split('\t') {
                    for body in split_agencies_detailed(cell) {
                        registry.add(&body.surface, body.implied.as_deref());
                    }
                }
            }
        }
        assert!(lines > 1000);
        let agencies = registry.finish();
        let ids: std::collections::BTreeSet<_> = agencies.iter().map(|a| &a.id).collect();
        assert_eq!(ids.len(), agencies.len(), "ids must be unique");
    }

    #[test]
    fn no_panic_on_odd_input() {
        let odd = [
            "",
            " ",
            ";",
            ",",
            ",,, ;;",
            "và",
            " và ",
            "(",
            ")",
            "((,))",
            "&",
            "-",
            "–",
            "—",
            "~",
            "≥",
            "% %",
            "99999999999999999999999999",
            "1.2.3.4",
            "0,",
            ",5",
            "Quý",
            "Quý V/2026",
            "Tháng /2026",
            "99/99/9999",
            "00/00/0000",
            "Năm 99999",
            "2025-",
            "-2030",
            "ǅ",
            "\u{301}",
            "x\u{301}\u{301}\u{301}",
            "Các",
            "các, các, các",
            "Phòng, Phòng; Phòng",
            "Trưởng",
            "Đ/c",
            "TP.",
            "HĐND&",
            "&UBND",
            "-UBND-",
            "xã",
            "Công an xã xã xã",
            "đơn vị đơn vị đơn vị",
        ];
        let long = "Phòng Kinh tế, ".repeat(200);
        for s in odd.iter().copied().chain([long.as_str()]) {
            let _ = parse_target(s);
            let _ = parse_deadline(s);
            let _ = split_agencies(s);
            let _ = agency_kind(s);
            for loc in [None, Some("xã"), Some("xã Kiến Thụy"), Some(s)] {
                let _ = agency_key(s, loc);
            }
            let mut r = Registry::new(Some(s.to_string()));
            r.add(s, Some(s));
            let _ = r.finish();
        }
    }
}
