//! Deadline cells: `"Quý II – Quý IV năm 2026"`, `"Thường xuyên"`, … → kind and dates.
//!
//! First the dated parts of the cell are found, by a fixed grammar (full
//! dates, year spans, quarters, months, years; the unit words come from
//! `rules/deadlines.tsv`). Whatever is dated wins: the most precise kind
//! present decides (date, then span, month, quarter, year), and phrases
//! printed just before or after it turn it into `from` or an end-only `date`.
//! Only a cell with no date is classed by its phrases: `recurring` first,
//! then `conditional`, else `unspecified`.
//!
//! An impossible date anywhere in the cell (`31/02/2026`, `13/2026`, a year
//! outside 1900–2100, a span running backwards) makes the whole cell
//! `unspecified` rather than a guess.

use std::sync::{LazyLock, OnceLock};

use kehoach_schema::DeadlineKind;
use kehoach_text::{clean, fold};

use crate::lean::{BuildError, Captures, LeanRegex};
use crate::tables::rows;
use crate::words::{contains_words, ends_with_words, starts_with_words};

/// A deadline cell read as a kind and ISO dates (`YYYY-MM-DD`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedDeadline {
    /// What sort of deadline.
    pub kind: DeadlineKind,
    /// First day, when the kind has one (`month`, `quarter`, `year`, `from`, `span`).
    pub start: Option<String>,
    /// Last day, when the kind has one (`month`, `quarter`, `year`, `date`, `span`).
    pub end: Option<String>,
}

impl ParsedDeadline {
    fn undated(kind: DeadlineKind) -> ParsedDeadline {
        ParsedDeadline {
            kind,
            start: None,
            end: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    FromBefore,
    FromAfter,
    Before,
    By,
    Recurring,
    Conditional,
    /// A cell opening with it hands its timing over to another text.
    Referral,
    WordDay,
    WordMonth,
    WordQuarter,
    WordYear,
}

struct Rules {
    /// (role, phrase as printed, folded phrase)
    phrases: Vec<(Role, String, String)>,
    grammar: Grammar,
    problems: Vec<String>,
}

/// The compiled date grammar.
struct Grammar {
    date: Pattern,
    date_words: Pattern,
    span: Pattern,
    quarter: Pattern,
    month_slash: Pattern,
    month_word: Pattern,
    year: Pattern,
}

/// A date pattern, with the same pattern less its word-boundary assertions
/// (`\b`) as a gate: the gate matches wherever the pattern does (and maybe
/// elsewhere), and, having no Unicode word boundary, is searched by the
/// regex crate's fast engines, which cannot search such a boundary in
/// non-ASCII text. Where the gate finds nothing, the pattern is not searched.
struct Pattern {
    re: Form,
    gate: Form,
}

/// One regex in two forms (see [`crate::narrow`]), each built for the
/// short haystacks of a cell ([`LeanRegex::for_short`]): with its digits `[0-9]`,
/// for haystacks [`crate::narrow::is_narrow`] accepts, on which it matches
/// exactly as the full form does (their only digits are ASCII); and with
/// Unicode's `\d`, built only for another haystack. Building `\d` cost
/// most of the rules' 20M instructions, a millisecond of every document's
/// start-up. A gate's narrow form is built with the rules (a broken rule is
/// said at once); a pattern's, the first time its gate matches (it differs
/// from the gate only by its `\b`s).
struct Form {
    narrow_pattern: String,
    narrow: OnceLock<LeanRegex>,
    full: String,
    full_re: OnceLock<LeanRegex>,
}

impl Form {
    /// The pattern `pattern` writes with `d` for a decimal digit; its
    /// narrow form built now when `now`.
    fn new(pattern: impl Fn(&str) -> String, now: bool) -> Result<Form, Box<BuildError>> {
        let narrow_pattern = pattern("[0-9]");
        let narrow = OnceLock::new();
        if now {
            let _ = narrow.set(LeanRegex::for_short(&narrow_pattern)?);
        }
        Ok(Form {
            narrow_pattern,
            narrow,
            full: pattern(r"\d"),
            full_re: OnceLock::new(),
        })
    }

    /// A form that never matches.
    fn never() -> Form {
        Form::new(|_| "$^".to_string(), true).expect("trivial regex")
    }

    /// The form to search `text` with.
    fn for_haystack(&self, text: &str) -> &LeanRegex {
        // Each differs from the gate's narrow form, which compiled, only by
        // `\b`s or `\d`s.
        if crate::narrow::is_narrow(text) {
            self.narrow.get_or_init(|| {
                LeanRegex::for_short(&self.narrow_pattern).expect("a form of a compiled pattern")
            })
        } else {
            self.full_re.get_or_init(|| {
                LeanRegex::for_short(&self.full).expect("a form of a compiled pattern")
            })
        }
    }
}

impl Pattern {
    /// The pattern that `pattern` writes with `b` for its word boundaries
    /// and `d` for a decimal digit (`pattern(b, d)`).
    fn new(pattern: impl Fn(&str, &str) -> String) -> Result<Pattern, Box<BuildError>> {
        Ok(Pattern {
            gate: Form::new(|d| pattern("", d), true)?,
            re: Form::new(|d| pattern(r"\b", d), false)?,
        })
    }

    /// The pattern's captures in `text`.
    fn captures_iter<'t>(&'t self, text: &'t str) -> impl Iterator<Item = Captures<'t>> {
        self.gate
            .for_haystack(text)
            .is_match(text)
            .then(|| self.re.for_haystack(text).captures_iter(text))
            .into_iter()
            .flatten()
    }
}

static RULES: LazyLock<Rules> = LazyLock::new(|| {
    let mut phrases = Vec::new();
    let mut problems = Vec::new();
    for row in rows("deadlines.tsv") {
        let role = match row.col(0) {
            "from_before" => Role::FromBefore,
            "from_after" => Role::FromAfter,
            "before" => Role::Before,
            "by" => Role::By,
            "recurring" => Role::Recurring,
            "conditional" => Role::Conditional,
            "referral" => Role::Referral,
            "word_day" => Role::WordDay,
            "word_month" => Role::WordMonth,
            "word_quarter" => Role::WordQuarter,
            "word_year" => Role::WordYear,
            other => {
                problems.push(format!("deadlines.tsv: unknown role {other:?}"));
                continue;
            }
        };
        let phrase = row.col(1).to_lowercase();
        phrases.push((role, phrase.clone(), fold(&phrase)));
    }
    let words = |role: Role, fallback: &str| {
        let list: Vec<String> = phrases
            .iter()
            .filter(|p| p.0 == role)
            .map(|p| regex::escape(&p.1))
            .collect();
        if list.is_empty() {
            regex::escape(fallback)
        } else {
            list.join("|")
        }
    };
    let (day, month, quarter, year) = (
        words(Role::WordDay, "ngày"),
        words(Role::WordMonth, "tháng"),
        words(Role::WordQuarter, "quý"),
        words(Role::WordYear, "năm"),
    );
    // `{b}` is where a pattern has a word boundary (see `Pattern`).
    let grammar = (|| -> Result<Grammar, Box<BuildError>> {
        Ok(Grammar {
            date: Pattern::new(|b, d| {
                format!(
                    r"(?:(?:{day})\s*)?{b}({d}{{1,2}})\s*[/.\-]\s*({d}{{1,2}})\s*[/.\-]\s*({d}{{4}}){b}"
                )
            })?,
            date_words: Pattern::new(|_, d| {
                format!(
                    r"(?:{day})\s*({d}{{1,2}})\s*(?:{month})\s*({d}{{1,2}})\s*,?\s*(?:{year})\s*({d}{{4}})"
                )
            })?,
            span: Pattern::new(|b, d| {
                format!(
                    r"(?:(?:{year})\s*)?{b}({d}{{4}})\s*(?:[-–—]|đến|tới)\s*(?:hết\s*)?(?:(?:{year})\s*)?({d}{{4}}){b}"
                )
            })?,
            quarter: Pattern::new(|b, d| {
                format!(
                    r"(?:{quarter})\s*(iv|iii|ii|i|[1-4]){b}(?:\s*(?:/+|[-–—]|,)?\s*(?:(?:{year})\s*)?({d}{{4}}))?"
                )
            })?,
            month_slash: Pattern::new(|b, d| {
                format!(r"(?:(?:{month})\s*)?{b}({d}{{1,2}})\s*/+\s*({d}{{4}}){b}")
            })?,
            month_word: Pattern::new(|b, d| {
                format!(r"(?:{month})\s*({d}{{1,2}}){b}(?:\s*,?\s*(?:{year})\s*({d}{{4}}))?")
            })?,
            year: Pattern::new(|b, d| format!(r"(?:(?:{year})\s*)?{b}({d}{{4}}){b}"))?,
        })
    })();
    let grammar = match grammar {
        Ok(g) => g,
        Err(e) => {
            // A unit word that breaks the grammar: fall back to the built-in words.
            problems.push(format!("deadlines.tsv: date grammar does not compile: {e}"));
            fallback_grammar()
        }
    };
    Rules {
        phrases,
        grammar,
        problems,
    }
});

fn fallback_grammar() -> Grammar {
    // These patterns name no phrase from the rules, so every `\b` in them
    // is a word boundary.
    let r = |p: &str| {
        Pattern::new(|b, d| p.replace(r"\b", b).replace(r"\d", d)).unwrap_or_else(|_| Pattern {
            re: Form::never(),
            gate: Form::never(),
        })
    };
    Grammar {
        date: r(r"(?:ngày\s*)?\b(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})\b"),
        date_words: r(r"ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*,?\s*năm\s*(\d{4})"),
        span: r(r"(?:năm\s*)?\b(\d{4})\s*(?:[-–—]|đến|tới)\s*(?:hết\s*)?(?:năm\s*)?(\d{4})\b"),
        quarter: r(r"quý\s*(iv|iii|ii|i|[1-4])\b(?:\s*(?:/+|[-–—]|,)?\s*(?:năm\s*)?(\d{4}))?"),
        month_slash: r(r"(?:tháng\s*)?\b(\d{1,2})\s*/+\s*(\d{4})\b"),
        month_word: r(r"tháng\s*(\d{1,2})\b(?:\s*,?\s*năm\s*(\d{4}))?"),
        year: r(r"(?:năm\s*)?\b(\d{4})\b"),
    }
}

pub(crate) fn rule_problems() -> Vec<String> {
    RULES.problems.clone()
}

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Day(i32, u32, u32);

impl Day {
    fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.0, self.1, self.2)
    }
}

fn valid_year(y: i32) -> bool {
    (1900..=2100).contains(&y)
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// A dated part of the cell, as a first and a last day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Unit {
    /// One day (most precise).
    Date,
    /// `2025-2030`.
    Span,
    Month,
    Quarter,
    Year,
}

#[derive(Debug, Clone, Copy)]
struct Token {
    start: usize,
    end: usize,
    unit: Unit,
    first: Day,
    last: Day,
}

/// A month or quarter printed without its year ("Quý I và quý II năm 2026").
#[derive(Debug, Clone, Copy)]
struct Pending {
    start: usize,
    end: usize,
    unit: Unit,
    /// First and last month.
    months: (u32, u32),
}

/// What was found in the cell.
enum Found {
    Tokens(Vec<Token>),
    Invalid,
}

/// Replaces `start..end` with spaces, keeping every byte offset.
fn mask(text: &mut String, start: usize, end: usize) {
    text.replace_range(start..end, &" ".repeat(end - start));
}

fn num<T: std::str::FromStr>(caps: &Captures<'_>, i: usize) -> Option<T> {
    caps.get(i)?.as_str().parse().ok()
}

fn roman(q: &str) -> u32 {
    match q {
        "i" | "1" => 1,
        "ii" | "2" => 2,
        "iii" | "3" => 3,
        _ => 4,
    }
}

/// The captures of `re`, a pattern that matches only around a decimal digit
/// (`\d`), in `text`; none at all, without searching, when `digits` says
/// that `text` has no digit.
fn dated_captures<'t>(
    re: &'t Pattern,
    text: &'t str,
    digits: bool,
) -> impl Iterator<Item = Captures<'t>> {
    digits.then(|| re.captures_iter(text)).into_iter().flatten()
}

fn find_tokens(lower: &str) -> Found {
    let g = &RULES.grammar;
    let mut text = lower.to_string();
    let mut tokens = Vec::new();
    let mut pending = Vec::new();
    // Every pattern but the quarter's needs a `\d` (a decimal digit, which
    // `char::is_numeric` includes). Masking writes spaces, so this holds for
    // the masked text too. Many cells (`Thường xuyên`) have no digit.
    let digits = lower.chars().any(char::is_numeric);

    // Full dates.
    for re in [&g.date, &g.date_words] {
        let found: Vec<_> = dated_captures(re, &text, digits)
            .filter_map(|c| {
                let m = c.get(0)?;
                Some((
                    m.start(),
                    m.end(),
                    num::<u32>(&c, 1),
                    num::<u32>(&c, 2),
                    num::<i32>(&c, 3),
                ))
            })
            .collect();
        for (start, end, d, m, y) in found {
            let (Some(d), Some(m), Some(y)) = (d, m, y) else {
                return Found::Invalid;
            };
            if !valid_year(y) || !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
                return Found::Invalid;
            }
            let day = Day(y, m, d);
            tokens.push(Token {
                start,
                end,
                unit: Unit::Date,
                first: day,
                last: day,
            });
            mask(&mut text, start, end);
        }
    }
    // Year spans.
    let found: Vec<_> = dated_captures(&g.span, &text, digits)
        .filter_map(|c| {
            Some((
                c.get(0)?.start(),
                c.get(0)?.end(),
                num::<i32>(&c, 1),
                num::<i32>(&c, 2),
            ))
        })
        .collect();
    for (start, end, a, b) in found {
        let (Some(a), Some(b)) = (a, b) else {
            return Found::Invalid;
        };
        if !valid_year(a) || !valid_year(b) || a > b {
            return Found::Invalid;
        }
        tokens.push(Token {
            start,
            end,
            unit: Unit::Span,
            first: Day(a, 1, 1),
            last: Day(b, 12, 31),
        });
        mask(&mut text, start, end);
    }
    // Quarters, then months (a quarter's "/2025" must not be read as a month).
    let found: Vec<_> = g
        .quarter
        .captures_iter(&text)
        .filter_map(|c| {
            let m = c.get(0)?;
            Some((
                m.start(),
                m.end(),
                roman(c.get(1)?.as_str()),
                c.get(2).map(|y| y.as_str().parse::<i32>()),
            ))
        })
        .collect();
    for (start, end, q, year) in found {
        let months = (3 * q - 2, 3 * q);
        match year {
            Some(Ok(y)) if valid_year(y) => tokens.push(Token {
                start,
                end,
                unit: Unit::Quarter,
                first: Day(y, months.0, 1),
                last: Day(y, months.1, days_in_month(y, months.1)),
            }),
            Some(_) => return Found::Invalid,
            None => pending.push(Pending {
                start,
                end,
                unit: Unit::Quarter,
                months,
            }),
        }
        mask(&mut text, start, end);
    }
    let found: Vec<_> = dated_captures(&g.month_slash, &text, digits)
        .filter_map(|c| {
            Some((
                c.get(0)?.start(),
                c.get(0)?.end(),
                num::<u32>(&c, 1),
                num::<i32>(&c, 2),
            ))
        })
        .collect();
    for (start, end, m, y) in found {
        // "x/6/2025" is a broken date, not a month.
        if text[..start].ends_with(|c: char| c.is_ascii_digit() || c == '/') {
            return Found::Invalid;
        }
        let (Some(m), Some(y)) = (m, y) else {
            return Found::Invalid;
        };
        if !valid_year(y) || !(1..=12).contains(&m) {
            return Found::Invalid;
        }
        tokens.push(Token {
            start,
            end,
            unit: Unit::Month,
            first: Day(y, m, 1),
            last: Day(y, m, days_in_month(y, m)),
        });
        mask(&mut text, start, end);
    }
    let found: Vec<_> = dated_captures(&g.month_word, &text, digits)
        .filter_map(|c| {
            let m = c.get(0)?;
            Some((
                m.start(),
                m.end(),
                num::<u32>(&c, 1),
                c.get(2).map(|y| y.as_str().parse::<i32>()),
            ))
        })
        .collect();
    for (start, end, m, year) in found {
        let Some(m) = m.filter(|m| (1..=12).contains(m)) else {
            return Found::Invalid;
        };
        match year {
            Some(Ok(y)) if valid_year(y) => tokens.push(Token {
                start,
                end,
                unit: Unit::Month,
                first: Day(y, m, 1),
                last: Day(y, m, days_in_month(y, m)),
            }),
            Some(_) => return Found::Invalid,
            None => pending.push(Pending {
                start,
                end,
                unit: Unit::Month,
                months: (m, m),
            }),
        }
        mask(&mut text, start, end);
    }
    // Bare years ("Năm 2027", "2026").
    let found: Vec<_> = dated_captures(&g.year, &text, digits)
        .filter_map(|c| Some((c.get(0)?.start(), c.get(0)?.end(), num::<i32>(&c, 1))))
        .collect();
    let mut years = Vec::new();
    for (start, end, y) in found {
        let Some(y) = y.filter(|y| valid_year(*y)) else {
            return Found::Invalid;
        };
        years.push(Token {
            start,
            end,
            unit: Unit::Year,
            first: Day(y, 1, 1),
            last: Day(y, 12, 31),
        });
    }
    // A month or quarter without a year takes the next year printed after it;
    // a bare year used that way is not a year of its own.
    let mut used_years = vec![false; years.len()];
    for p in pending {
        let next_dated = tokens
            .iter()
            .filter(|t| t.start >= p.end && matches!(t.unit, Unit::Month | Unit::Quarter))
            .map(|t| (t.start, t.first.0, None))
            .chain(
                years
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| t.start >= p.end)
                    .map(|(i, t)| (t.start, t.first.0, Some(i))),
            )
            .min_by_key(|(start, _, _)| *start);
        if let Some((_, y, year_index)) = next_dated {
            if let Some(i) = year_index {
                used_years[i] = true;
            }
            let (m1, m2) = p.months;
            tokens.push(Token {
                start: p.start,
                end: p.end,
                unit: p.unit,
                first: Day(y, m1, 1),
                last: Day(y, m2, days_in_month(y, m2)),
            });
        }
    }
    tokens.extend(
        years
            .into_iter()
            .zip(used_years)
            .filter(|(_, used)| !used)
            .map(|(t, _)| t),
    );
    tokens.sort_by_key(|t| t.start);
    Found::Tokens(tokens)
}

fn has_phrase(role: Role, folded_text: &str, how: fn(&str, &str) -> bool) -> bool {
    RULES
        .phrases
        .iter()
        .any(|(r, _, f)| *r == role && how(folded_text, f))
}

/// Reads a deadline cell (`"Tháng 12/2026"`, `"Quý I và quý II năm 2026"`,
/// `"Năm 2025 và những năm tiếp theo"`, `"Thường xuyên"`, `"Khi có đề nghị"`)
/// into its kind and ISO dates, per the `deadline.kind` rules of OUTPUT.md.
///
/// Never panics; an impossible date makes the cell `unspecified`.
pub fn parse_deadline(raw: &str) -> ParsedDeadline {
    let lower = clean(raw).to_lowercase();
    if has_phrase(Role::Referral, &fold(&lower), starts_with_words) {
        return ParsedDeadline::undated(DeadlineKind::Conditional);
    }
    let tokens = match find_tokens(&lower) {
        Found::Invalid => return ParsedDeadline::undated(DeadlineKind::Unspecified),
        Found::Tokens(t) => t,
    };
    let Some(unit) = tokens.iter().map(|t| t.unit).min() else {
        let folded = fold(&lower);
        let kind = if has_phrase(Role::Recurring, &folded, contains_words) {
            DeadlineKind::Recurring
        } else if has_phrase(Role::Conditional, &folded, contains_words) {
            DeadlineKind::Conditional
        } else {
            DeadlineKind::Unspecified
        };
        return ParsedDeadline::undated(kind);
    };
    let chosen: Vec<&Token> = tokens.iter().filter(|t| t.unit == unit).collect();
    let first = chosen
        .iter()
        .map(|t| t.first)
        .min()
        .unwrap_or(Day(1900, 1, 1));
    let last = chosen.iter().map(|t| t.last).max().unwrap_or(first);
    let start_byte = chosen.iter().map(|t| t.start).min().unwrap_or(0);
    let end_byte = chosen.iter().map(|t| t.end).max().unwrap_or(lower.len());
    let before = fold(&lower[..start_byte]);
    let after = fold(&lower[end_byte..]);
    let distinct = chosen
        .iter()
        .map(|t| (t.first, t.last))
        .collect::<std::collections::BTreeSet<_>>()
        .len();

    let dated = |kind, start: Option<Day>, end: Option<Day>| ParsedDeadline {
        kind,
        start: start.map(Day::iso),
        end: end.map(Day::iso),
    };
    if unit == Unit::Span {
        return dated(DeadlineKind::Span, Some(first), Some(last));
    }
    if distinct > 1 {
        // Several months / quarters make one stretch; several dates or years a span.
        let kind = match unit {
            Unit::Month => DeadlineKind::Month,
            Unit::Quarter => DeadlineKind::Quarter,
            _ => DeadlineKind::Span,
        };
        return dated(kind, Some(first), Some(last));
    }
    if has_phrase(Role::FromBefore, &before, ends_with_words)
        || has_phrase(Role::FromAfter, &after, contains_words)
    {
        return dated(DeadlineKind::From, Some(first), None);
    }
    if has_phrase(Role::Before, &before, ends_with_words) {
        return dated(DeadlineKind::Date, None, Some(first));
    }
    if has_phrase(Role::By, &before, ends_with_words) {
        return dated(DeadlineKind::Date, None, Some(last));
    }
    let kind = match unit {
        Unit::Date => return dated(DeadlineKind::Date, None, Some(last)),
        Unit::Month => DeadlineKind::Month,
        Unit::Quarter => DeadlineKind::Quarter,
        _ => DeadlineKind::Year,
    };
    dated(kind, Some(first), Some(last))
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    /// Every date pattern's narrow form (ASCII digits) finds exactly what
    /// its full form (`\d`) finds, captures included, on deadline cells as
    /// plans print them, cut at every character.
    #[test]
    fn narrow_date_patterns_match_as_full_ones() {
        let g = &RULES.grammar;
        let patterns = [
            &g.date,
            &g.date_words,
            &g.span,
            &g.quarter,
            &g.month_slash,
            &g.month_word,
            &g.year,
        ];
        let cells = [
            "Quý IV/2026",
            "quý i năm 2025, quý 2 - 2026",
            "Tháng 12/2025; tháng 3 năm 2026",
            "Từ năm 2026 đến hết năm 2030",
            "ngày 15 tháng 3 năm 2026",
            "trước ngày 30/6/2026 và 01.02.2027",
            "2025-2030, 2025 – 2035, năm 2027",
            "Hằng năm (trước 15/12)",
            "12/2025a 2026b x2027 20261 1/1/20260",
            "Năm 2026 – Năm 2030",
        ];
        let forms: Vec<(Regex, Regex, &str)> = patterns
            .iter()
            .flat_map(|p| [&p.re, &p.gate])
            .map(|f| {
                let narrow = Regex::new(&f.narrow_pattern).expect("narrow form");
                let full = Regex::new(&f.full).expect("full form");
                (narrow, full, f.full.as_str())
            })
            .collect();
        let mut compared = 0;
        for cell in cells {
            let lower = cell.to_lowercase();
            for (k, _) in lower.char_indices() {
                let text = &lower[k..];
                assert!(crate::narrow::is_narrow(text));
                let spans = |re: &Regex| -> Vec<Vec<Option<(usize, usize)>>> {
                    re.captures_iter(text)
                        .map(|c| c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect())
                        .collect()
                };
                for (narrow, full, pattern) in &forms {
                    assert_eq!(spans(narrow), spans(full), "{pattern:?} on {text:?}");
                    compared += 1;
                }
            }
        }
        assert!(compared > 1000);
    }
    use DeadlineKind::*;

    /// (cell, kind, start, end)
    const CASES: &[(&str, DeadlineKind, Option<&str>, Option<&str>)] = &[
        // month
        (
            "Tháng 12/2026",
            Month,
            Some("2026-12-01"),
            Some("2026-12-31"),
        ),
        (
            "Tháng 10/2025",
            Month,
            Some("2025-10-01"),
            Some("2025-10-31"),
        ),
        ("6/2025", Month, Some("2025-06-01"), Some("2025-06-30")),
        (
            "Tháng 6/2025",
            Month,
            Some("2025-06-01"),
            Some("2025-06-30"),
        ),
        (
            "Tháng 01/2026",
            Month,
            Some("2026-01-01"),
            Some("2026-01-31"),
        ),
        (
            "Tháng 07/2025",
            Month,
            Some("2025-07-01"),
            Some("2025-07-31"),
        ),
        (
            "Tháng 2/2028",
            Month,
            Some("2028-02-01"),
            Some("2028-02-29"),
        ),
        (
            "tháng 6 năm 2026",
            Month,
            Some("2026-06-01"),
            Some("2026-06-30"),
        ),
        (
            "Hoàn thành kết nối trong tháng 9/2026",
            Month,
            Some("2026-09-01"),
            Some("2026-09-30"),
        ),
        (
            "Tháng 12/2026 (theo hướng dẫn của thành phố)",
            Month,
            Some("2026-12-01"),
            Some("2026-12-31"),
        ),
        (
            "Tháng 6 - tháng 12/2026",
            Month,
            Some("2026-06-01"),
            Some("2026-12-31"),
        ),
        // quarter
        (
            "Quý I/2026",
            Quarter,
            Some("2026-01-01"),
            Some("2026-03-31"),
        ),
        (
            "Quý II/2026",
            Quarter,
            Some("2026-04-01"),
            Some("2026-06-30"),
        ),
        (
            "Quý IV//2025",
            Quarter,
            Some("2025-10-01"),
            Some("2025-12-31"),
        ),
        (
            "Quý II – Quý IV năm 2026",
            Quarter,
            Some("2026-04-01"),
            Some("2026-12-31"),
        ),
        (
            "Quý I và quý II năm 2026",
            Quarter,
            Some("2026-01-01"),
            Some("2026-06-30"),
        ),
        (
            "Quý I và quý II  năm 2026",
            Quarter,
            Some("2026-01-01"),
            Some("2026-06-30"),
        ),
        (
            "Quý II, quý III năm 2026",
            Quarter,
            Some("2026-04-01"),
            Some("2026-09-30"),
        ),
        (
            "Quý III năm 2026",
            Quarter,
            Some("2026-07-01"),
            Some("2026-09-30"),
        ),
        (
            "Quý 3/2026",
            Quarter,
            Some("2026-07-01"),
            Some("2026-09-30"),
        ),
        (
            "Quý IV/2025 - Quý I/2026",
            Quarter,
            Some("2025-10-01"),
            Some("2026-03-31"),
        ),
        // year
        ("Năm 2027", Year, Some("2027-01-01"), Some("2027-12-31")),
        (
            "Trong năm 2026",
            Year,
            Some("2026-01-01"),
            Some("2026-12-31"),
        ),
        ("năm 2026", Year, Some("2026-01-01"), Some("2026-12-31")),
        ("2026", Year, Some("2026-01-01"), Some("2026-12-31")),
        (
            "Năm 2025 và thường xuyên",
            Year,
            Some("2025-01-01"),
            Some("2025-12-31"),
        ),
        // date (end only)
        ("trước ngày 01/01/2030", Date, None, Some("2030-01-01")),
        ("15/3/2026", Date, None, Some("2026-03-15")),
        ("ngày 15 tháng 3 năm 2026", Date, None, Some("2026-03-15")),
        ("Trước tháng 6/2026", Date, None, Some("2026-06-01")),
        ("Chậm nhất tháng 6/2026", Date, None, Some("2026-06-30")),
        ("Đến hết năm 2030", Date, None, Some("2030-12-31")),
        // from (start only)
        ("Từ năm 2026", From, Some("2026-01-01"), None),
        ("Từ năm 2025", From, Some("2025-01-01"), None),
        (
            "Năm 2025 và những năm tiếp theo",
            From,
            Some("2025-01-01"),
            None,
        ),
        ("Thường xuyên, từ năm 2025", From, Some("2025-01-01"), None),
        ("Từ tháng 3/2026", From, Some("2026-03-01"), None),
        ("từ ngày 15/3/2026", From, Some("2026-03-15"), None),
        // span
        ("2025-2030", Span, Some("2025-01-01"), Some("2030-12-31")),
        (
            "Giai đoạn 2026 - 2030",
            Span,
            Some("2026-01-01"),
            Some("2030-12-31"),
        ),
        ("2025 – 2030", Span, Some("2025-01-01"), Some("2030-12-31")),
        (
            "Từ năm 2025 đến năm 2030",
            Span,
            Some("2025-01-01"),
            Some("2030-12-31"),
        ),
        (
            "Năm 2025, 2026",
            Span,
            Some("2025-01-01"),
            Some("2026-12-31"),
        ),
        // recurring
        ("Thường xuyên", Recurring, None, None),
        ("Hằng năm", Recurring, None, None),
        ("Hàng năm", Recurring, None, None),
        ("Hàng năm/Thường xuyên", Recurring, None, None),
        ("Thường xuyên trong năm", Recurring, None, None),
        (
            "Thường xuyên theo triển khai của thành phố",
            Recurring,
            None,
            None,
        ),
        (
            "Thường xuyên, theo hướng dẫn, chỉ đạo của cấp trên",
            Recurring,
            None,
            None,
        ),
        ("Tháng 11 năm trước", Recurring, None, None),
        ("Định kỳ hằng quý", Recurring, None, None),
        ("Quý IV hằng năm", Recurring, None, None),
        // conditional
        (
            "Sau khi thành phố ban hành bộ quy tắc",
            Conditional,
            None,
            None,
        ),
        (
            "Sau khi hệ thống dữ liệu được hoàn thành",
            Conditional,
            None,
            None,
        ),
        ("Khi có đề nghị", Conditional, None, None),
        ("theo hướng dẫn của thành phố", Conditional, None, None),
        ("Theo hướng dẫn của Thuế thành phố", Conditional, None, None),
        ("Nếu có thay đổi nhân sự", Conditional, None, None),
        ("Theo yêu cầu", Conditional, None, None),
        (
            "Theo dự án được thành phố phê duyệt",
            Conditional,
            None,
            None,
        ),
        ("Theo tiến độ của UBND thành phố", Conditional, None, None),
        (
            "Theo triển khai của Chi nhánh các ngân hàng",
            Conditional,
            None,
            None,
        ),
        // unspecified, and impossible dates
        ("Đang triển khai", Unspecified, None, None),
        ("", Unspecified, None, None),
        ("Tháng 13/2026", Unspecified, None, None),
        ("31/02/2026", Unspecified, None, None),
        ("29/02/2027", Unspecified, None, None),
        ("2030-2025", Unspecified, None, None),
        ("Năm 3000", Unspecified, None, None),
        ("Tháng 0/2026", Unspecified, None, None),
    ];

    /// gold 002, L275/L278: a date with a condition takes the dated kind.
    #[test]
    fn gold_002_l275_month_with_condition_is_month() {
        let got = parse_deadline("Tháng 12/2026 (theo hướng dẫn của thành phố)");
        assert_eq!(
            (got.kind, got.start.as_deref()),
            (Month, Some("2026-12-01"))
        );
    }

    /// gold 004, PHỤ LỤC 3 (L2482-2486): open-ended, read as "from 2025".
    #[test]
    fn gold_004_nam_2025_va_nhung_nam_tiep_theo_is_from() {
        let got = parse_deadline("Năm 2025 và những năm tiếp theo");
        assert_eq!(
            (got.kind, got.start.as_deref(), got.end),
            (From, Some("2025-01-01"), None)
        );
    }

    /// gold 002, L303: "Thường xuyên theo …" stays recurring.
    #[test]
    fn gold_002_l303_thuong_xuyen_theo_is_recurring() {
        assert_eq!(
            parse_deadline("Thường xuyên theo triển khai của thành phố").kind,
            Recurring
        );
    }

    /// A cell that hands its timing to another text is conditional even
    /// when that text's number or year carries a date; a time relative to
    /// the period it repeats in is recurring.
    #[test]
    fn referral_and_relative_deadlines() {
        for raw in [
            "Theo Điều 17 Nghị định số 52/2015/NĐ-CP ngày 28/5/2015 của Chính phủ",
            "Theo các mốc thời gian tại Quyết định số 1441/QĐ-UBND ngày 25/9/2025",
            "Theo Kế hoạch rà soát, đánh giá thủ tục hành chính năm 2026 của tỉnh",
            "theo hướng dẫn của thành phố",
        ] {
            assert_eq!(parse_deadline(raw).kind, Conditional, "{raw}");
        }
        for raw in [
            "Trước ngày 31/01 năm liền kề",
            "Trước ngày 05 của tháng liền kề",
        ] {
            assert_eq!(parse_deadline(raw).kind, Recurring, "{raw}");
        }
        // A word that merely starts with the letters is no referral.
        assert_ne!(parse_deadline("Theodore 2026").kind, Conditional);
    }

    #[test]
    fn deadline_table() {
        let mut failures = Vec::new();
        for &(raw, kind, start, end) in CASES {
            let want = ParsedDeadline {
                kind,
                start: start.map(str::to_string),
                end: end.map(str::to_string),
            };
            let got = parse_deadline(raw);
            if got != want {
                failures.push(format!("{raw:?}\n   got  {got:?}\n   want {want:?}"));
            }
        }
        assert!(
            failures.is_empty(),
            "{} deadline case(s) failed:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }
}
