//! Quantitative targets written in the body: prose indicators (contract
//! 1.2, OUTPUT.md "Tasks and targets written in prose").
//!
//! A *target heading* is a heading whose first part starts with `Mục tiêu`
//! or `Chỉ tiêu` (`a) Mục tiêu`, `2. Mục tiêu, chỉ tiêu cụ thể`, `Các chỉ
//! tiêu theo …`), or a list of heading nouns with one of them in it
//! (`MỤC ĐÍCH, YÊU CẦU VÀ MỤC TIÊU`); the words are in
//! `rules/prose_targets.tsv`. Each bullet of a target heading that states
//! a value is one indicator; a heading made only of target words passes
//! this to the headings under it (`2. Chỉ tiêu cụ thể` / `a) Đến năm 2025`
//! / bullets), but not to those that name other things (`b) Nhiệm vụ`,
//! `1. Mục đích`). Under such a heading, a numbered item whose own text
//! states a value is an indicator too (its number kept), and so is the text
//! after a target heading's colon (`2. Chỉ tiêu: 100% xã …`).
//!
//! A *value* is a percentage, or a number right after a target word
//! (`đạt`, `ít nhất`, `tối thiểu` …), read with its comparator words by
//! kehoach-rules' `parse_target` (`đạt tối thiểu 80%` -> `tối thiểu 80%`,
//! ge 80 %). Years (`đến năm 2030`), dates, document numbers and bare
//! numbers (`Đề án 06`, `khoản 3`) are no values. A value's phase is the
//! year printed for it in its clause (clauses end at `;` and at a sentence's
//! full stop): before it when the clause opens with its year (`Đến năm 2030
//! đạt 50%`), else the year after it (`đạt 50% vào năm 2025 và 80% vào năm
//! 2030`); a clause without a year keeps the bullet's last year, then the
//! enclosing heading's (`a) Đến năm 2025`), then the end of the plan's
//! period. One target per distinct (year, value): `100% … 100% …` is one.
//!
//! Nothing is read when the plan has an indicator table, or when a line
//! names an appendix of indicators (`(Chi tiết Danh mục các chỉ tiêu cụ thể
//! tại Phụ lục I)`): the body then restates the table, which may simply not
//! have been read.

use crate::phases::PhaseSet;
use crate::prose::{letters, unique, ItemLines};
use kehoach_rules::{is_letter_or_digit, parse_target, without_fillers, ParsedTarget};
use kehoach_schema::{Indicator, IndicatorProvenance, Origin, Section, Span, Target};
use kehoach_text::{fold, SourceText};
use std::collections::HashSet;
use std::sync::LazyLock;

/// What a phrase of `rules/prose_targets.tsv` does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Heading,
    Opener,
    Other,
    Year,
    Marker,
    Appendix,
    Listed,
}

/// The rows of `rules/prose_targets.tsv`: each phrase as folded words.
static RULES: LazyLock<Vec<(Vec<String>, Role)>> = LazyLock::new(|| {
    crate::prose::tsv_rows(include_str!("../rules/prose_targets.tsv"))
        .map(|(phrase, role)| {
            let role = match role {
                "heading" => Role::Heading,
                "opener" => Role::Opener,
                "other" => Role::Other,
                "year" => Role::Year,
                "marker" => Role::Marker,
                "appendix" => Role::Appendix,
                "listed" => Role::Listed,
                other => panic!("prose_targets.tsv: unknown role {other:?}"),
            };
            (folded_words(phrase), role)
        })
        .collect()
});

fn phrases(role: Role) -> impl Iterator<Item = &'static [String]> {
    RULES
        .iter()
        .filter(move |r| r.1 == role)
        .map(|r| r.0.as_slice())
}

/// The words of `s`, folded, punctuation around them dropped.
fn folded_words(s: &str) -> Vec<String> {
    s.split_whitespace()
        .map(|w| fold(w.trim_matches(|c: char| !is_letter_or_digit(c))))
        .filter(|w| !w.is_empty())
        .collect()
}

/// The length of the longest phrase of `role` that `words` start with.
fn starts_with(words: &[String], role: Role) -> Option<usize> {
    phrases(role)
        .filter(|p| !p.is_empty() && words.len() >= p.len() && words[..p.len()] == **p)
        .map(<[String]>::len)
        .max()
}

/// Whether `words` end with a phrase of `role`.
fn ends_with(words: &[String], role: Role) -> bool {
    phrases(role)
        .any(|p| !p.is_empty() && words.len() >= p.len() && words[words.len() - p.len()..] == *p)
}

/// Whether `words` hold a phrase of `role` anywhere.
fn contains(words: &[String], role: Role) -> bool {
    phrases(role).any(|p| !p.is_empty() && words.windows(p.len()).any(|w| w == p))
}

/// How a heading reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct HeadingKind {
    /// A target heading: its bullets are read.
    target: bool,
    /// Made only of target words: the headings under it are read too.
    pure: bool,
    /// Names something else first (`Nhiệm vụ`, `Mục đích`): never read as
    /// part of a target heading above it.
    other: bool,
}

/// `và` folded: it joins heading nouns.
static VA: LazyLock<String> = LazyLock::new(|| fold("và"));

/// How many words of a heading's first part tell whether it opens with a
/// heading noun (openers and the longest phrase fit).
const HEADING_WORDS: usize = 12;

/// Whether `words` open with a target word or another heading noun, after
/// openers.
fn kind_of(words: &[String]) -> Option<Role> {
    let mut w = words;
    while let Some(n) = starts_with(w, Role::Opener) {
        w = &w[n..];
    }
    if starts_with(w, Role::Heading).is_some() {
        Some(Role::Heading)
    } else if starts_with(w, Role::Other).is_some() {
        Some(Role::Other)
    } else {
        None
    }
}

/// The first part of a heading's title: up to its first colon, comma,
/// semicolon, dash or ` - ` (the first of the parts [`heading_kind`] reads).
fn first_part(title: &str) -> &str {
    let part = title
        .split([':', '：', ',', ';', '–', '—'])
        .next()
        .unwrap_or("");
    part.split(" - ").next().unwrap_or("")
}

/// The first [`HEADING_WORDS`] words of a heading's first part, folded.
fn opening_words(first_part: &str) -> Vec<String> {
    folded_words(
        &first_part
            .split_whitespace()
            .take(HEADING_WORDS)
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// The first word of every `opener`, `heading` and `other` phrase.
static OPENING_CUES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    RULES
        .iter()
        .filter(|r| matches!(r.1, Role::Opener | Role::Heading | Role::Other))
        .filter_map(|r| r.0.first().map(String::as_str))
        .collect()
});

/// Whether the first of the [`opening_words`] of `first_part` is the
/// first word of an `opener`, `heading` or `other` phrase: when it is not
/// (most headings), [`kind_of`] them is `None`, and only that word is
/// folded to tell. `tests::opening_cues_tell_headings_without_a_noun`
/// holds the two to each other.
fn opens_with_cue(first_part: &str) -> bool {
    first_part
        .split_whitespace()
        .take(HEADING_WORDS)
        .map(|w| fold(w.trim_matches(|c: char| !is_letter_or_digit(c))))
        .find(|w| !w.is_empty())
        .is_some_and(|w| OPENING_CUES.contains(&w.as_str()))
}

/// Reads a heading's title (see the module documentation).
fn heading_kind(title: &str) -> HeadingKind {
    // Most headings open with neither a target word nor another heading
    // noun (`Triển khai …`, a numbered paragraph): their first words tell,
    // before the whole title is folded, and mostly the first word alone.
    let first_part = first_part(title);
    if !opens_with_cue(first_part) || kind_of(&opening_words(first_part)).is_none() {
        return HeadingKind::default();
    }
    let head = title.split([':', '：']).next().unwrap_or(title);
    let mut parts = Vec::new();
    for part in head
        .split([',', ';', '–', '—'])
        .flat_map(|p| p.split(" - "))
    {
        // `và` joins heading nouns too (`MỤC ĐÍCH, YÊU CẦU VÀ MỤC TIÊU`).
        let words = folded_words(part);
        for piece in words.split(|w| *w == *VA) {
            if !piece.is_empty() {
                parts.push(piece.to_vec());
            }
        }
    }
    let kinds: Vec<Option<Role>> = parts.iter().map(|p| kind_of(p)).collect();
    let Some(&first) = kinds.first() else {
        return HeadingKind::default();
    };
    let all_nouns = kinds.iter().all(Option::is_some);
    let target =
        first == Some(Role::Heading) || (all_nouns && kinds.contains(&Some(Role::Heading)));
    HeadingKind {
        target,
        pure: target && kinds.iter().all(|k| *k == Some(Role::Heading)),
        other: !target && first == Some(Role::Other),
    }
}

/// A value found in a text: where it is, its raw text and reading.
#[derive(Debug, Clone)]
struct Value {
    at: usize,
    raw: String,
    parsed: ParsedTarget,
}

/// A year printed in a text, and where.
#[derive(Debug, Clone, Copy)]
struct Year {
    at: usize,
    year: i32,
}

/// The last year a heading's title prints (`Đến năm 2025`, `Chỉ tiêu giai
/// đoạn 2026-2030` -> 2030).
fn heading_year(title: &str) -> Option<i32> {
    years_and_values(title).0.last().map(|y| y.year)
}

/// The byte ranges of the number tokens of `s`: runs of ASCII digits with
/// `.` or `,` between digits, not glued to a letter before them.
fn number_tokens(s: &str) -> Vec<(usize, usize)> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len()
            && (b[i].is_ascii_digit()
                || ((b[i] == b'.' || b[i] == b',') && b.get(i + 1).is_some_and(u8::is_ascii_digit)))
        {
            i += 1;
        }
        let glued_before = s[..start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        if !glued_before {
            out.push((start, i));
        }
    }
    out
}

/// The years (with their phrases: `đến năm 2030`, `giai đoạn 2026-2030`)
/// and the values of one text, each in the order printed.
fn years_and_values(s: &str) -> (Vec<Year>, Vec<Value>) {
    let tokens = number_tokens(s);
    let mut years = Vec::new();
    let mut used: Vec<(usize, usize)> = Vec::new();
    for (k, &(a, b)) in tokens.iter().enumerate() {
        let Some(year) = as_year(&s[a..b]) else {
            continue;
        };
        let before = folded_words(&s[..a]);
        if !ends_with(&before, Role::Year) {
            continue;
        }
        // A span (`2026-2030`, `2026 - 2030`) gives its last year.
        let mut year = Year { at: a, year };
        let mut end = b;
        if let Some(&(a2, b2)) = tokens.get(k + 1) {
            let between = s[b..a2].trim();
            if matches!(between, "-" | "–" | "—" | "đến") {
                if let Some(y2) = as_year(&s[a2..b2]) {
                    year.year = y2;
                    end = b2;
                }
            }
        }
        used.push((a, end));
        years.push(year);
    }
    let mut values = Vec::new();
    for &(a, b) in &tokens {
        if used.iter().any(|&(x, y)| a >= x && a < y) {
            continue;
        }
        if let Some((start, end, value)) = value_at(s, a, b) {
            used.push((start, end));
            values.push(value);
        }
    }
    (years, values)
}

/// A 4-digit year between 1900 and 2100.
fn as_year(token: &str) -> Option<i32> {
    (token.len() == 4 && token.bytes().all(|c| c.is_ascii_digit()))
        .then(|| token.parse().ok())
        .flatten()
        .filter(|y| (1900..=2100).contains(y))
}

/// How many words before a number its comparator words may take.
const PREFIX_WORDS: usize = 6;
/// How many words after a number its range or suffix may take.
const SUFFIX_WORDS: usize = 4;

/// The value whose number is `s[a..b]`, if it is one: its printed extent
/// and reading.
fn value_at(s: &str, a: usize, b: usize) -> Option<(usize, usize, Value)> {
    let after = &s[b..];
    let spaced = after.trim_start();
    let percent = spaced.starts_with('%');
    if !percent {
        // A date, a document number or a code: `30/9/2025`, `57-NQ/TW`,
        // `5G`, `4.0`.
        let mut rest = after.chars();
        match rest.next() {
            Some(c) if c.is_alphanumeric() => return None,
            Some('/' | '-' | '–' | '.' | ',') if rest.next().is_some_and(char::is_alphanumeric) => {
                return None
            }
            _ => {}
        }
        if as_year(&s[a..b]).is_some() {
            return None;
        }
    }
    let first_end = if percent {
        b + (after.len() - spaced.len()) + '%'.len_utf8()
    } else {
        b
    };
    let starts = word_starts_before(s, a);
    let ends = word_ends_after(s, first_end);
    let mut best: Option<(usize, usize, ParsedTarget)> = None;
    for &end in &ends {
        for &start in &starts {
            if best
                .as_ref()
                .is_some_and(|(s0, e0, _)| e0 - s0 >= end - start)
            {
                continue;
            }
            let parsed = parse_target(&s[start..end]);
            if parsed.value.is_some() {
                best = Some((start, end, parsed));
            }
        }
    }
    let (start, end, _) = best?;
    let printed = s[start..end].trim_end_matches(['.', ',', ';', ' ']);
    let raw = without_fillers(printed).to_string();
    let parsed = parse_target(&raw);
    parsed.value?;
    if parsed.unit.as_deref() != Some("%") {
        // A number without `%` is a value only after a target word.
        let prefix = folded_words(&s[start..a]);
        if !contains(&prefix, Role::Marker) {
            return None;
        }
    }
    Some((start, end, Value { at: a, raw, parsed }))
}

/// Where the words before byte `a` start, nearest first, `a` itself first:
/// at most [`PREFIX_WORDS`], never across punctuation that ends a phrase.
fn word_starts_before(s: &str, a: usize) -> Vec<usize> {
    let mut out = vec![a];
    let mut end = a;
    for _ in 0..PREFIX_WORDS {
        let head = s[..end].trim_end();
        if head.is_empty() || head.ends_with([',', ';', ':', '(', ')', '.', '"', '“', '”']) {
            break;
        }
        let start = head.rfind(char::is_whitespace).map_or(0, |i| {
            i + head[i..].chars().next().map_or(1, char::len_utf8)
        });
        out.push(start);
        end = start;
    }
    out
}

/// Where the words after byte `e` end, `e` itself first: at most
/// [`SUFFIX_WORDS`], up to a word that ends with punctuation.
fn word_ends_after(s: &str, e: usize) -> Vec<usize> {
    let mut out = vec![e];
    let mut at = e;
    for _ in 0..SUFFIX_WORDS {
        let rest = &s[at..];
        let trimmed = rest.trim_start();
        if trimmed.is_empty() || trimmed.starts_with([',', ';', ':', '(', ')']) {
            break;
        }
        let start = at + (rest.len() - trimmed.len());
        let len = trimmed.find(char::is_whitespace).unwrap_or(trimmed.len());
        at = start + len;
        out.push(at);
        if trimmed[..len].ends_with([',', ';', ':', '.', ')']) {
            break;
        }
    }
    out
}

/// The clauses of a text: byte ranges ending at `;` or at a full stop
/// followed by a space.
fn clauses(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    let b = s.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        let stop = c == b';' || (c == b'.' && b.get(i + 1).is_some_and(u8::is_ascii_whitespace));
        if stop {
            out.push((from, i));
            from = i + 1;
        }
    }
    out.push((from, s.len()));
    out
}

/// The targets of one text: one per distinct (year, value), in the order
/// printed. `fallback` is the year of a value no year is printed for.
fn targets_of(s: &str, fallback: Option<i32>) -> Vec<Target> {
    let mut out: Vec<Target> = Vec::new();
    let mut carried: Option<i32> = None;
    for (from, to) in clauses(s) {
        let (years, values) = years_and_values(&s[from..to]);
        let opens_with_year = match (years.first(), values.first()) {
            (Some(y), Some(v)) => y.at < v.at,
            _ => false,
        };
        for v in &values {
            let before = years.iter().rev().find(|y| y.at < v.at).map(|y| y.year);
            let after = years.iter().find(|y| y.at > v.at).map(|y| y.year);
            let year = if opens_with_year {
                before
            } else {
                after.or(before)
            };
            let Some(year) = year.or(carried).or(fallback) else {
                continue;
            };
            let target = Target {
                phase: year.to_string(),
                raw: v.raw.clone(),
                comparator: v.parsed.comparator,
                value: v.parsed.value,
                value_max: v.parsed.value_max,
                unit: v.parsed.unit.clone(),
                span: None,
            };
            let seen = out.iter().any(|t| {
                t.phase == target.phase
                    && t.comparator == target.comparator
                    && t.value == target.value
                    && t.value_max == target.value_max
                    && t.unit == target.unit
            });
            if !seen {
                out.push(target);
            }
        }
        if let Some(y) = years.last() {
            carried = Some(y.year);
        }
    }
    out
}

/// Whether a line names an appendix of indicators (`(Chi tiết Danh mục
/// các chỉ tiêu cụ thể tại Phụ lục I)`, `PHỤ LỤC 1: DANH MỤC CÁC CHỈ TIÊU`).
fn names_indicator_appendix(line: &str) -> bool {
    // Most lines name no appendix: look at the letters before folding.
    let lower = line.to_lowercase();
    if !(lower.contains("lục") || lower.contains("luc")) {
        return false;
    }
    let words = folded_words(line);
    contains(&words, Role::Appendix) && contains(&words, Role::Listed)
}

/// Where the walk is.
#[derive(Clone, Copy)]
struct Ctx<'a> {
    /// Under a heading made only of target words.
    inherited: bool,
    /// The year of the nearest target heading that prints one.
    year: Option<i32>,
    /// The title of the section above, and its lines.
    group: Option<(&'a str, Span)>,
    /// The number of the section above.
    parent: Option<&'a str>,
    /// The id path of the section above.
    path: &'a str,
}

/// The prose indicators of the outline `sections`; the years of their
/// targets are added to `phases`. `end_year` is the end of the plan's
/// period (the phase of a value printed without a year). Call it only for
/// a plan without an indicator table.
pub(crate) fn prose_indicators(
    sections: &[Section],
    text: &SourceText,
    end_year: Option<i32>,
    phases: &mut PhaseSet,
) -> Vec<Indicator> {
    let mut out = Vec::new();
    let mut ids = HashSet::new();
    let ctx = Ctx {
        inherited: false,
        year: None,
        group: None,
        parent: None,
        path: "",
    };
    walk(sections, ctx, text, end_year, &mut ids, &mut out);
    if out.is_empty() || text.lines.iter().any(|l| names_indicator_appendix(&l.text)) {
        return Vec::new();
    }
    for t in out.iter().flat_map(|i| &i.targets) {
        if let Ok(y) = t.phase.parse() {
            phases.add_default(y);
        }
    }
    out
}

fn walk(
    sections: &[Section],
    ctx: Ctx<'_>,
    text: &SourceText,
    end_year: Option<i32>,
    ids: &mut HashSet<String>,
    out: &mut Vec<Indicator>,
) {
    for s in sections {
        // `3.1` under `3` of `II` is `II.3.1`, as for prose tasks.
        let own = ctx
            .parent
            .and_then(|p| s.number.strip_prefix(p))
            .and_then(|r| r.strip_prefix('.'))
            .unwrap_or(&s.number);
        let path = if ctx.path.is_empty() {
            own.to_string()
        } else {
            format!("{}.{own}", ctx.path)
        };
        let kind = heading_kind(&s.title);
        let active = kind.target || (ctx.inherited && !kind.other);
        let year = if active {
            heading_year(&s.title).or(ctx.year.filter(|_| ctx.inherited))
        } else {
            None
        };
        if active {
            let fallback = year.or(end_year);
            // The heading's own statement: the text after a target
            // heading's colon, or a numbered item under a target heading.
            let own_text = if kind.target {
                s.title
                    .split_once([':', '：'])
                    .map(|(_, after)| after.trim())
                    .filter(|t| !t.is_empty())
            } else {
                Some(s.title.as_str())
            };
            let heading = Span::lines(s.span.start_line, s.span.end_line);
            if let Some(name) = own_text {
                let targets = targets_of(name, fallback);
                if !targets.is_empty() {
                    let id = unique(ids, format!("p.{path}"));
                    let at = Placed {
                        row: s.span,
                        group: ctx.group.map(|g| g.1),
                        number: Some(Span::lines(s.span.start_line, s.span.start_line)),
                        name: heading,
                    };
                    out.push(indicator(
                        id,
                        ctx.group.map(|g| g.0),
                        Some(s.number.clone()),
                        name,
                        targets,
                        at,
                        text,
                    ));
                }
            }
            let mut lines = ItemLines::new(text, s);
            for (k, item) in s.items.iter().enumerate() {
                let targets = targets_of(item, fallback);
                if targets.is_empty() {
                    continue;
                }
                let id = unique(ids, format!("p.{path}.b{}", k + 1));
                let span = lines.span(Some(k), None);
                let at = Placed {
                    row: span,
                    group: Some(heading),
                    number: None,
                    name: lines
                        .lines_of(k)
                        .unwrap_or(Span::lines(span.start_line, span.end_line)),
                };
                out.push(indicator(id, Some(&s.title), None, item, targets, at, text));
            }
        }
        let inner = Ctx {
            inherited: if kind.target {
                kind.pure
            } else {
                ctx.inherited && !kind.other
            },
            year,
            group: Some((&s.title, s.span)),
            parent: Some(&s.number),
            path: &path,
        };
        walk(&s.children, inner, text, end_year, ids, out);
    }
}

/// The lines of an indicator (its row's span), and where its group,
/// number and name are printed.
struct Placed {
    row: Span,
    group: Option<Span>,
    number: Option<Span>,
    name: Span,
}

fn indicator(
    id: String,
    group: Option<&str>,
    number: Option<String>,
    name: &str,
    mut targets: Vec<Target>,
    at: Placed,
    text: &SourceText,
) -> Indicator {
    let unit = targets
        .iter()
        .all(|t| t.unit.as_deref() == Some("%"))
        .then(|| "%".to_string());
    // Each value on the lines it is printed on, looked for after the one
    // before it (they are in the order printed).
    let mut from = at.name.start_line;
    for t in &mut targets {
        let lines = value_lines(text, at.name, from, &t.raw)
            .or_else(|| value_lines(text, at.name, at.name.start_line, &t.raw))
            .unwrap_or(at.name);
        from = lines.start_line;
        t.span = Some(lines);
    }
    let unit_lines = unit.as_ref().and_then(|_| {
        targets
            .iter()
            .filter_map(|t| t.span)
            .reduce(|a, b| Span::lines(a.start_line.min(b.start_line), a.end_line.max(b.end_line)))
    });
    let provenance = IndicatorProvenance {
        group: group.and(at.group),
        number: number.as_ref().and(at.number),
        name: Some(at.name),
        unit: unit_lines,
        ..Default::default()
    };
    Indicator {
        id,
        origin: Origin::Prose,
        table: None,
        group: group.map(str::to_string),
        number,
        parent: None,
        name: name.to_string(),
        unit,
        targets,
        lead: vec![],
        cooperating: vec![],
        directed_by: None,
        owner: None,
        output: None,
        span: at.row,
        provenance,
    }
}

/// The narrowest lines of `within`, from line `from` on, that print the
/// value `raw`: one line, else two lines after each other.
fn value_lines(text: &SourceText, within: Span, from: u32, raw: &str) -> Option<Span> {
    let want = letters(raw);
    if want.is_empty() {
        return None;
    }
    let from = from.max(within.start_line);
    let keys: Vec<(u32, String)> = text
        .lines
        .iter()
        .skip(from.saturating_sub(1) as usize)
        .take_while(|l| l.no <= within.end_line)
        .map(|l| (l.no, letters(&l.text)))
        .collect();
    if let Some((no, _)) = keys.iter().find(|(_, k)| k.contains(&want)) {
        return Some(Span::lines(*no, *no));
    }
    keys.windows(2)
        .find(|w| format!("{}{}", w[0].1, w[1].1).contains(&want))
        .map(|w| Span::lines(w[0].0, w[1].0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use kehoach_schema::Comparator;

    /// A heading whose first word is no cue reads as no heading noun, as
    /// the words after it would tell: on every corpus line and a few
    /// headings that open with punctuation or a number.
    #[test]
    fn opening_cues_tell_headings_without_a_noun() {
        let mut lines: Vec<String> = [
            "Mục tiêu cụ thể",
            "2. Mục tiêu, chỉ tiêu: 100% xã",
            "a) Đến năm 2025",
            "- - Chỉ tiêu",
            "\"Các chỉ tiêu\" theo",
            "… Nhiệm vụ",
            "",
        ]
        .map(str::to_string)
        .to_vec();
        for text in crate::corpus_texts() {
            lines.extend(text.lines().map(str::to_string));
        }
        let mut cued = 0;
        for line in &lines {
            let first_part = first_part(line);
            if opens_with_cue(first_part) {
                cued += 1;
            } else {
                assert_eq!(kind_of(&opening_words(first_part)), None, "{line}");
            }
        }
        assert!(cued > 0);
    }

    fn brief(targets: &[Target]) -> Vec<(String, String, Comparator, Option<f64>)> {
        targets
            .iter()
            .map(|t| (t.phase.clone(), t.raw.clone(), t.comparator, t.value))
            .collect()
    }

    #[test]
    fn every_rule_row_has_words() {
        assert!(RULES.iter().all(|r| !r.0.is_empty()));
        for role in [Role::Heading, Role::Year, Role::Marker, Role::Appendix] {
            assert!(phrases(role).next().is_some(), "{role:?}");
        }
    }

    #[test]
    fn headings() {
        let t = |s: &str| heading_kind(s);
        assert!(t("Mục tiêu").target && t("Mục tiêu").pure);
        assert!(t("MỤC TIÊU, CHỈ TIÊU").pure);
        assert!(t("Mục tiêu, chỉ tiêu cụ thể").pure);
        assert!(t("Các chỉ tiêu theo Nghị quyết 71/NQ-CP").pure);
        let mixed = t("MỤC TIÊU, NHIỆM VỤ");
        assert!(mixed.target && !mixed.pure);
        assert!(t("MỤC ĐÍCH, YÊU CẦU VÀ MỤC TIÊU").target);
        assert!(t("Nhiệm vụ").other && !t("Nhiệm vụ").target);
        assert!(t("Mục đích").other);
        let sentence = t("Tăng cường kiểm tra, giám sát việc triển khai thực hiện các mục tiêu, yêu cầu, nhiệm vụ");
        assert_eq!(sentence, HeadingKind::default());
        assert_eq!(
            t("Xác định các mục tiêu cụ thể theo giai đoạn (năm 2025, đến năm 2030)"),
            HeadingKind::default()
        );
        assert!(t("Chỉ tiêu: đến năm 2030 đạt 50%").target);
    }

    #[test]
    fn years_and_spans_are_no_values() {
        let (years, values) =
            years_and_values("Đến năm 2030, giai đoạn 2026-2030 theo Nghị quyết số 57-NQ/TW ngày 22/12/2024, Đề án 06, 4.0");
        assert_eq!(
            years.iter().map(|y| y.year).collect::<Vec<_>>(),
            [2030, 2030]
        );
        assert!(values.is_empty(), "{values:?}");
    }

    #[test]
    fn values_with_their_words() {
        let got = brief(&targets_of(
            "Tỷ lệ giải ngân năm 2026 đạt trên 90%. Tỷ lệ hồ sơ đạt tối thiểu 80%; 95% trở lên; từ 80% đến 90%; Từ trên 70% văn bản",
            Some(2030),
        ));
        let want = [
            ("2026", "trên 90%", Comparator::Gt, Some(90.0)),
            ("2026", "tối thiểu 80%", Comparator::Ge, Some(80.0)),
            ("2026", "95% trở lên", Comparator::Ge, Some(95.0)),
            ("2026", "từ 80% đến 90%", Comparator::Range, Some(80.0)),
            ("2026", "Từ trên 70%", Comparator::Gt, Some(70.0)),
        ];
        let want: Vec<_> = want
            .iter()
            .map(|(p, r, c, v)| (p.to_string(), r.to_string(), *c, *v))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn a_bare_number_needs_a_target_word() {
        assert!(targets_of(
            "Trẻ em dưới 5 tuổi được tiêm chủng theo khoản 3 Điều 14",
            Some(2030)
        )
        .is_empty());
        let got = brief(&targets_of("Mỗi xã có ít nhất 01 mô hình", Some(2030)));
        assert_eq!(
            got,
            [(
                "2030".into(),
                "ít nhất 01".into(),
                Comparator::Ge,
                Some(1.0)
            )]
        );
    }

    #[test]
    fn the_year_after_the_value_when_the_clause_does_not_open_with_one() {
        let got = brief(&targets_of(
            "Tỷ lệ đạt 50% vào năm 2025 và 80% vào năm 2030",
            None,
        ));
        assert_eq!(
            got,
            [
                ("2025".into(), "50%".into(), Comparator::Eq, Some(50.0)),
                ("2030".into(), "80%".into(), Comparator::Eq, Some(80.0)),
            ]
        );
    }

    #[test]
    fn appendix_lines() {
        assert!(names_indicator_appendix(
            "(Chi tiết Danh mục các chỉ tiêu cụ thể tại Phụ lục I)"
        ));
        assert!(names_indicator_appendix(
            "PHỤ LỤC 1: DANH MỤC CÁC CHỈ TIÊU CỤ THỂ"
        ));
        assert!(!names_indicator_appendix(
            "(Phân công nhiệm vụ theo Phụ lục đính kèm)"
        ));
        assert!(!names_indicator_appendix(
            "100% chỉ tiêu, nhiệm vụ đào tạo được hoàn thành"
        ));
    }

    #[test]
    fn each_target_on_the_line_that_prints_it() {
        use crate::prose::span_tests::{lines, plan, HEAD};
        let text = format!(
            "{HEAD}I. MỤC TIÊU\n\
             1. Mục tiêu cụ thể\n\
             - Tỷ lệ hồ sơ giải quyết trực tuyến toàn trình đạt tối thiểu 80%\n\
             vào năm 2026; tỷ lệ người dân có tài khoản định danh điện tử\n\
             đạt 95% vào năm 2030.\n\
             - Xây dựng chính quyền số.\n"
        );
        let plan = plan(&text);
        let i = plan
            .indicators
            .iter()
            .find(|i| i.id == "p.I.1.b1")
            .unwrap_or_else(|| panic!("{:#?}", plan.indicators));
        let p = &i.provenance;
        assert_eq!(p.name, lines(9, 11));
        assert_eq!(p.group, lines(8, 8));
        assert_eq!(p.unit, lines(9, 11));
        assert_eq!((p.number, p.table, p.lead), (None, None, None));
        let spans: Vec<_> = i.targets.iter().map(|t| (t.raw.as_str(), t.span)).collect();
        assert_eq!(
            spans,
            [("tối thiểu 80%", lines(9, 9)), ("95%", lines(11, 11))]
        );
    }
}
