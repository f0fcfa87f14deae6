//! Regexes that are cheap to build: the regex crate's engine without its
//! prefilter and without a full DFA.
//!
//! [`regex::Regex::new`] also looks for the literals every match must hold
//! and builds a searcher for them (Aho-Corasick or Teddy), so that a
//! search can skip to where a match may start. Under `(?i)` a Vietnamese
//! word has as many literals as it has spellings of its case, and for the
//! alternations of document kinds and bodies that searcher is most of the
//! regex's building: 0.45 ms against 0.21 ms without it for the citations,
//! 0.26 against 0.08 ms for the issuing bodies. For a small pattern it also
//! determinizes a full DFA up front, where the lazy DFA it keeps anyway
//! builds the states a search needs as it goes. These regexes are built on
//! every document and searched over its header lines, its cells, or once
//! over its text, where neither saves what it costs (issue 15: the
//! start-up of a one-page PDF: 63M instructions before, 55M after).
//!
//! A [`LeanRegex`] is [`regex_automata::meta::Regex`] with the regex crate's
//! configuration but `auto_prefilter(false)` and `dfa(false)`, so it
//! matches exactly what [`regex::Regex`] matches for the same pattern (a
//! prefilter only finds candidates, and every engine of the meta regex
//! gives the same matches; the tests hold the two to each other). Its
//! methods are the regex crate's, with the same meaning, for the ones this
//! workspace uses.

use std::ops::{Index, Range};
use std::sync::OnceLock;

use regex_automata::meta;
use regex_automata::util::captures::Captures as MetaCaptures;
use regex_automata::Input;

/// Why a pattern did not build (boxed where returned: it is large).
pub use regex_automata::meta::BuildError;

/// A regex built without a prefilter (see the module's docs).
#[derive(Debug)]
pub struct LeanRegex {
    /// The regex as built: with the lazy DFA, or, for a regex made
    /// [`LeanRegex::for_short`], without it.
    re: meta::Regex,
    /// For a regex made [`LeanRegex::for_short`]: the pattern, and the
    /// regex with the lazy DFA, built the first time a haystack longer
    /// than [`SHORT`] is searched.
    long: Option<(String, OnceLock<meta::Regex>)>,
}

/// The longest haystack, in bytes, that a regex made
/// [`LeanRegex::for_short`] searches without its lazy DFA.
pub const SHORT: usize = 2048;

/// The regex crate's configuration, without a prefilter and a full DFA.
fn lean_config() -> meta::Config {
    meta::Config::new().auto_prefilter(false).dfa(false)
}

/// A match: the haystack and where in it, as [`regex::Match`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Match<'h> {
    haystack: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Match<'h> {
    /// Where the match starts, in bytes.
    pub fn start(&self) -> usize {
        self.start
    }
    /// Where the match ends, in bytes (exclusive).
    pub fn end(&self) -> usize {
        self.end
    }
    /// `start..end`.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
    /// The matched text.
    pub fn as_str(&self) -> &'h str {
        &self.haystack[self.range()]
    }
    /// Whether the match is empty.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    /// Its length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }
}

/// The groups of a match, as [`regex::Captures`].
#[derive(Clone, Debug)]
pub struct Captures<'h> {
    haystack: &'h str,
    caps: MetaCaptures,
}

impl<'h> Captures<'h> {
    /// Group `i` (0 is the whole match), `None` when it did not take part.
    pub fn get(&self, i: usize) -> Option<Match<'h>> {
        self.caps.get_group(i).map(|span| Match {
            haystack: self.haystack,
            start: span.start,
            end: span.end,
        })
    }
    /// How many groups the pattern has, the whole match included.
    pub fn len(&self) -> usize {
        self.caps.group_len()
    }
    /// Whether there are no groups (never: the whole match is one).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl<'h> Index<usize> for Captures<'h> {
    type Output = str;
    /// Group `i`'s text; panics when it did not take part, as the regex
    /// crate's does.
    fn index(&self, i: usize) -> &str {
        self.get(i)
            .map(|m| m.as_str())
            .unwrap_or_else(|| panic!("no group at index '{i}'"))
    }
}

impl LeanRegex {
    /// Builds `pattern` with the regex crate's defaults, without a
    /// prefilter.
    pub fn new(pattern: &str) -> Result<LeanRegex, Box<BuildError>> {
        let re = meta::Regex::builder()
            .configure(lean_config())
            .build(pattern)
            .map_err(Box::new)?;
        Ok(LeanRegex { re, long: None })
    }

    /// Builds `pattern` for haystacks of a line or a cell: without the
    /// lazy DFA, whose reverse automaton is a quarter of the building
    /// (the meta engine then searches with its one-pass DFA, backtracker or
    /// PikeVM, which on such haystacks cost less than the DFA's states
    /// would). A haystack longer than [`SHORT`] bytes is searched with the
    /// regex as [`LeanRegex::new`] builds it, built then. The matches are
    /// the same either way.
    pub fn for_short(pattern: &str) -> Result<LeanRegex, Box<BuildError>> {
        let re = meta::Regex::builder()
            .configure(lean_config().hybrid(false))
            .build(pattern)
            .map_err(Box::new)?;
        Ok(LeanRegex {
            re,
            long: Some((pattern.to_string(), OnceLock::new())),
        })
    }

    /// The regex to search `haystack` with.
    fn engine(&self, haystack: &str) -> &meta::Regex {
        match &self.long {
            Some((pattern, long)) if haystack.len() > SHORT => long.get_or_init(|| {
                meta::Regex::builder()
                    .configure(lean_config())
                    .build(pattern)
                    .expect("the pattern built once already")
            }),
            _ => &self.re,
        }
    }

    /// Whether the regex matches anywhere in `haystack`.
    pub fn is_match(&self, haystack: &str) -> bool {
        self.engine(haystack).is_match(haystack)
    }

    /// The leftmost-first match in `haystack`.
    pub fn find<'h>(&self, haystack: &'h str) -> Option<Match<'h>> {
        self.find_at(haystack, 0)
    }

    /// The leftmost-first match at or after `start`, the text before it
    /// still seen by look-around (`\b`, `^`), as [`regex::Regex::find_at`].
    pub fn find_at<'h>(&self, haystack: &'h str, start: usize) -> Option<Match<'h>> {
        let input = Input::new(haystack).span(start..haystack.len());
        self.engine(haystack).search(&input).map(|m| Match {
            haystack,
            start: m.start(),
            end: m.end(),
        })
    }

    /// The groups of the leftmost-first match in `haystack`.
    pub fn captures<'h>(&self, haystack: &'h str) -> Option<Captures<'h>> {
        self.captures_at(haystack, 0)
    }

    /// The groups of the leftmost-first match at or after `start`, as
    /// [`regex::Regex::captures_at`].
    pub fn captures_at<'h>(&self, haystack: &'h str, start: usize) -> Option<Captures<'h>> {
        let input = Input::new(haystack).span(start..haystack.len());
        let re = self.engine(haystack);
        let mut caps = re.create_captures();
        re.search_captures(&input, &mut caps);
        caps.is_match().then_some(Captures { haystack, caps })
    }

    /// The groups of every successive non-overlapping match.
    pub fn captures_iter<'r, 'h>(
        &'r self,
        haystack: &'h str,
    ) -> impl Iterator<Item = Captures<'h>> + 'r
    where
        'h: 'r,
    {
        self.engine(haystack)
            .captures_iter(haystack)
            .map(move |caps| Captures { haystack, caps })
    }

    /// Every successive non-overlapping match.
    pub fn find_iter<'r, 'h>(&'r self, haystack: &'h str) -> impl Iterator<Item = Match<'h>> + 'r
    where
        'h: 'r,
    {
        self.engine(haystack)
            .find_iter(haystack)
            .map(move |m| Match {
                haystack,
                start: m.start(),
                end: m.end(),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    /// Patterns of the shapes the workspace builds lean: alternations of
    /// words under `(?i)`, classes, groups that may not take part, anchors
    /// and word boundaries, and an empty match.
    const PATTERNS: &[&str] = &[
        r"((?i:kế hoạch|nghị quyết|quyết định))\s+(?:(?i:số)\s*:?\s*)?([0-9]{1,5}(?:/[\p{L}0-9\-]+)+)",
        r"(?i)ngày\s*(?:(\d{1,2})?\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})|(\d{1,2})?\s*tháng\s*(\d{1,2})?\s*,?\s*năm\s*(\d{4}))",
        r"(?i)^(?:kế hoạch|chương trình)\b",
        r"(?i:\s(?:về|tại|năm\s+\d{4})\b)|[;,:()]|\.(?:\s|$)",
        r"x*",
        r"\b",
    ];

    const HAYSTACKS: &[&str] = &[
        "",
        "Căn cứ Kế hoạch số 12/KH-UBND ngày 3/5/2025 của UBND tỉnh; Nghị quyết 57-NQ/TW",
        "KẾ HOẠCH Hành động, ngày 29 tháng 01 năm 2026, tại Hà Nội. về việc",
        "quyết định số: 193/2025/QH15 và   Nghị Quyết 71/NQ-CP",
        "Chương trình\tkế hoạchs xxx ngày /02/2026 năm 2030",
        "ǅ ǈ ẞ Ꞵ ſ",
    ];

    /// Every method of `lean` gives what `full`'s does on `h`, from every
    /// start.
    fn assert_same(lean: &LeanRegex, full: &Regex, p: &str, h: &str) {
        type Groups = Vec<Option<Range<usize>>>;
        let lean_groups =
            |c: Captures| -> Groups { (0..c.len()).map(|i| c.get(i).map(|m| m.range())).collect() };
        let full_groups = |c: regex::Captures| -> Groups {
            (0..c.len()).map(|i| c.get(i).map(|m| m.range())).collect()
        };
        assert_eq!(lean.is_match(h), full.is_match(h), "{p} on {h}");
        assert_eq!(
            lean.find_iter(h).map(|m| m.range()).collect::<Vec<_>>(),
            full.find_iter(h).map(|m| m.range()).collect::<Vec<_>>(),
            "{p} on {h}"
        );
        assert_eq!(
            lean.captures_iter(h).map(lean_groups).collect::<Vec<_>>(),
            full.captures_iter(h).map(full_groups).collect::<Vec<_>>(),
            "{p} on {h}"
        );
        for start in (0..=h.len()).filter(|&i| h.is_char_boundary(i)) {
            assert_eq!(
                lean.find_at(h, start).map(|m| (m.range(), m.as_str())),
                full.find_at(h, start).map(|m| (m.range(), m.as_str())),
                "{p} on {h} at {start}"
            );
            assert_eq!(
                lean.captures_at(h, start).map(lean_groups),
                full.captures_at(h, start).map(full_groups),
                "{p} on {h} at {start}"
            );
        }
    }

    /// Built either way, a lean regex matches as the regex crate's does,
    /// on haystacks short and long ([`SHORT`]).
    #[test]
    fn lean_matches_as_the_regex_crate() {
        let long = HAYSTACKS.join(" — ").repeat(SHORT / 100);
        assert!(long.len() > SHORT);
        for p in PATTERNS {
            let full = Regex::new(p).expect("full");
            let lean = [
                LeanRegex::new(p).expect("lean"),
                LeanRegex::for_short(p).expect("short"),
            ];
            for re in &lean {
                for h in HAYSTACKS.iter().copied().chain([long.as_str()]) {
                    assert_same(re, &full, p, h);
                }
            }
        }
    }

    #[test]
    fn indexing_a_group_gives_its_text() {
        let re = LeanRegex::new(r"(\d+)/(\d+)").expect("lean");
        let c = re.captures("số 12/2025").expect("a match");
        assert_eq!((&c[0], &c[1], &c[2]), ("12/2025", "12", "2025"));
        assert!(LeanRegex::new("(").is_err());
    }
}
