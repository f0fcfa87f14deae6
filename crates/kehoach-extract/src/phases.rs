//! Phases: the milestones targets are set for.

use kehoach_schema::Phase;
use regex::Regex;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// The year a group row names when it only names a phase
/// (`Đến năm 2030`, `B Đến hết năm 2030`, `Mục tiêu đến hết năm 2035`, `Năm 2025`).
pub(crate) fn phase_of_group(text: &str) -> Option<i32> {
    static PHASE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:(?:mục tiêu|chỉ tiêu)\s+)?(?:(?:đến|tới)\s+(?:hết\s+)?)?(?:năm|giai đoạn\s+\d{4}\s*[-–]\s*)\s*(\d{4})\s*[.:]?$")
            .expect("valid")
    });
    // The year ends the text (but for a `.` or `:`), and only ASCII digits
    // make a year: other texts skip the regex.
    let t = text.trim();
    let tail = t.strip_suffix(['.', ':']).unwrap_or(t).trim_end();
    if !tail.ends_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let c = PHASE.captures(t)?;
    c[1].parse().ok().filter(|y| (1990..=2100).contains(y))
}

/// Phases seen so far, by year, with the label first printed for each.
#[derive(Debug, Default)]
pub(crate) struct PhaseSet {
    years: BTreeMap<i32, Option<String>>,
}

impl PhaseSet {
    /// Records a phase with the label printed for it.
    pub fn add(&mut self, year: i32, label: &str) {
        let slot = self.years.entry(year).or_insert(None);
        if slot.is_none() && !label.trim().is_empty() {
            *slot = Some(label.trim().to_string());
        }
    }

    /// Records a phase that has no printed label of its own.
    pub fn add_default(&mut self, year: i32) {
        self.years.entry(year).or_insert(None);
    }

    /// The years, ascending.
    pub fn years(&self) -> Vec<i32> {
        self.years.keys().copied().collect()
    }

    /// Whether no phase was seen.
    pub fn is_empty(&self) -> bool {
        self.years.is_empty()
    }

    /// The contract's phases, ascending by year.
    pub fn into_phases(self) -> Vec<Phase> {
        self.years
            .into_iter()
            .map(|(year, label)| Phase {
                id: year.to_string(),
                label: label.unwrap_or_else(|| format!("Năm {year}")),
                year,
                ends_on: format!("{year}-12-31"),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phase_groups() {
        let cases = [
            ("Đến năm 2030", Some(2030)),
            ("Đến hết năm 2030", Some(2030)),
            ("Mục tiêu đến hết năm 2035", Some(2035)),
            ("Năm 2025", Some(2025)),
            ("PHÁT TRIỂN HẠ TẦNG", None),
            ("Phát triển nguồn lực năm 2030 và các năm tiếp theo", None),
            ("Năm 2030.", Some(2030)),
            ("Đến năm 2030 :", Some(2030)),
            ("Năm 2030.:", None),
            ("Năm ٢٠٣٠", None),
        ];
        for (text, want) in cases {
            assert_eq!(phase_of_group(text), want, "{text}");
        }
    }
}
