//! One agency cell → the bodies it names.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use kehoach_text::{clean, fold, starts_upper};

use super::canon::{agency_key, expand};
use super::{noun, opener, org_word, RULES};
use crate::words::{
    is_word_char, starts_proper, token_ends, token_starts, PrefixFolds, MAX_PHRASE_BYTES,
    MAX_PHRASE_TOKENS,
};

/// One body named in an agency cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyRef {
    /// The body as printed: trimmed, whitespace collapsed, spelling, case and
    /// a trailing period kept (`"Thuế cơ sở 9 TP Hải Phòng."`).
    pub surface: String,
    /// The full name an elliptical surface stands for: `Some("Phòng Kinh
    /// tế")` for the bare `Kinh tế` of `Phòng VH-XH, Kinh tế`, built from the
    /// previous body's organisation word. `None` when the surface is complete.
    pub implied: Option<String>,
}

/// Folded names of known bodies (canonical and variants), for protecting
/// the commas and `và` inside them.
static KNOWN_FORMS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut forms: Vec<String> = RULES
        .known
        .iter()
        .flat_map(|k| k.forms.iter().cloned())
        .collect();
    forms.sort();
    forms.dedup();
    forms
});

/// Identity keys of known bodies, for recognising an elliptical name.
static KNOWN_KEYS: LazyLock<BTreeSet<String>> = LazyLock::new(|| {
    RULES
        .known
        .iter()
        .flat_map(|k| std::iter::once(k.canonical.clone()).chain(k.forms.iter().cloned()))
        .map(|name| agency_key(&name, None))
        .collect()
});

/// Splits one agency cell (already joined from its wrapped lines) into the
/// bodies it names, each as printed. See [`split_agencies_detailed`].
pub fn split_agencies(cell: &str) -> Vec<String> {
    split_agencies_detailed(cell)
        .into_iter()
        .map(|b| b.surface)
        .collect()
}

/// Splits one agency cell into the bodies it names, with the implied full
/// name of an elliptical one.
///
/// - `;` and line breaks always separate bodies.
/// - `,` and ` và ` separate bodies only when what follows starts a new
///   one: an organisation word marked `starts_body` in
///   `rules/org_words.tsv` (`Sở`, `Phòng`, `Công an`, `Tổ` …), a collective
///   opener (`các`), or an abbreviation of such a body (`TTPVHCC`, `HĐND`).
/// - Inside a collective (`Các phòng, ban, đơn vị liên quan`) a generic noun
///   of `rules/collectives.tsv` followed by a lower-case word continues the
///   list instead (`ban`, `đơn vị`, `thôn`, `cơ quan chuyên môn`).
/// - A comma or `và` inside a name of `rules/known_bodies.tsv` never splits
///   (`Văn phòng HĐND và UBND xã`, `Bộ Văn hóa, Thể thao và Du lịch`), nor
///   one inside parentheses.
/// - A bare part after a body is a body of its own when the previous body's
///   organisation word plus the part is a known body (`Phòng VH-XH, Kinh tế`
///   → `Phòng VH-XH`, `Kinh tế` implied `Phòng Kinh tế`); this also works
///   across `;` (`Phòng VH-XH; Kinh tế`).
///
/// Never panics; an empty cell gives no bodies.
pub fn split_agencies_detailed(cell: &str) -> Vec<BodyRef> {
    let mut out = Vec::new();
    let mut last_org: Option<String> = None;
    for part in cell.split([';', '\n', '\r']) {
        let part = clean(part);
        if !tidy(&part).is_empty() {
            split_part(&part, &mut last_org, &mut out);
        }
    }
    out
}

/// Trims separators and bullets around a body, keeping a trailing period.
fn tidy(s: &str) -> String {
    let s = clean(s);
    let mut s = s.trim_matches(|c: char| c.is_whitespace() || c == ',' || c == ';');
    s = s
        .trim_start_matches(['-', '+', '•', '*', '–', '—'])
        .trim_start();
    if let Some(rest) = s.strip_prefix("và ") {
        s = rest;
    }
    clean(s)
}

/// Where a comma or ` và ` may separate two bodies: (byte offset, length),
/// outside parentheses.
fn split_points(part: &str) -> Vec<(usize, usize)> {
    let mut points = Vec::new();
    let mut depth = 0i32;
    for (i, c) in part.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            ',' if depth <= 0 => points.push((i, 1)),
            ' ' if depth <= 0 && part[i..].starts_with(" và ") => points.push((i, " và ".len())),
            _ => {}
        }
    }
    points
}

/// The folded first words of known names (after expanding abbreviations):
/// a cheap filter before trying every known name at a position.
static KNOWN_FIRST_WORDS: LazyLock<BTreeSet<String>> = LazyLock::new(|| {
    KNOWN_FORMS
        .iter()
        .filter_map(|f| f.split([' ', ',']).next())
        .map(str::to_string)
        .collect()
});

/// Whether a known name may start with the token at the start of `s`.
fn may_start_known(s: &str) -> bool {
    let first = s.split_whitespace().next().unwrap_or("");
    let expanded = fold(&expand(first));
    expanded
        .split([' ', ','])
        .next()
        .is_some_and(|w| KNOWN_FIRST_WORDS.contains(w))
}

/// Whether a known body's name, starting in `part[seg_start..pos]`, runs
/// across the separator at `pos`.
fn protected(part: &str, seg_start: usize, pos: usize) -> bool {
    let near = pos.saturating_sub(MAX_PHRASE_BYTES);
    let starts = token_starts(&part[seg_start..pos])
        .into_iter()
        .map(|st| seg_start + st);
    starts
        .filter(|&st| st >= near && may_start_known(&part[st..]))
        .any(|st| {
            let all = fold(&expand(head_of(&part[st..])));
            let head = fold(&expand(&part[st..pos]));
            KNOWN_FORMS.iter().any(|form| {
                form.len() > head.len()
                    && all.starts_with(form.as_str())
                    && all[form.len()..]
                        .chars()
                        .next()
                        .is_none_or(|c| !is_word_char(c))
            })
        })
}

/// Whether `text` starts a new body (organisation word, opener, or an
/// abbreviation of a body). `pf` holds the prefixes of `text`.
fn starts_body(text: &str, pf: &PrefixFolds<'_>) -> bool {
    if opener(pf).is_some() {
        return true;
    }
    if let Some((_, o)) = org_word(pf) {
        return o.starts_body;
    }
    let first = text.split([' ', ',']).next().unwrap_or("");
    let expanded = expand(first);
    expanded != first && org_word(&PrefixFolds::new(&expanded)).is_some_and(|(_, o)| o.starts_body)
}

/// Whether `text` starts with a generic collective noun (`ban`, `đơn vị
/// liên quan`, `thôn`), which continues a collective's list. `pf` holds the
/// prefixes of `text`.
fn generic_noun(text: &str, pf: &PrefixFolds<'_>) -> bool {
    match noun(pf) {
        Some((len, _)) => !text[len..]
            .split_whitespace()
            .next()
            .is_some_and(starts_proper),
        None => false,
    }
}

/// Whether a segment is a collective whose list may go on after a comma:
/// it starts with an opener (`Các …`), or with a generic noun that is not a
/// capitalised organisation word (`thôn, …`, `cơ quan chuyên môn, …`, but
/// not `Phòng chuyên môn` nor the mis-cased known name `Sở khoa học và Công
/// nghệ`).
fn is_collective(segment: &str) -> bool {
    let segment = tidy(segment);
    let pf = PrefixFolds::new(&segment);
    if opener(&pf).is_some() {
        return true;
    }
    let named = || starts_upper(&segment) && org_word(&pf).is_some_and(|(_, o)| o.starts_body);
    let known = || KNOWN_FORMS.iter().any(|form| pf.len_of(form).is_some());
    generic_noun(&segment, &pf) && !named() && !known()
}

/// The printed organisation word a body starts with (`Phòng` of `Phòng
/// VH-XH`, `Trung tâm` of `TTPVHCC`), for completing an elliptical name.
fn leading_org(segment: &str) -> Option<String> {
    let segment = tidy(segment);
    if is_collective(&segment) {
        return None;
    }
    let pick = |s: &str| {
        let (len, o) = org_word(&PrefixFolds::new(s))?;
        o.starts_body.then(|| s[..len].to_string())
    };
    pick(&segment).or_else(|| pick(&expand(head_of(&segment))))
}

/// The first words of `s`, as many as a rule phrase can have.
fn head_of(s: &str) -> &str {
    let end = token_ends(s)
        .into_iter()
        .take(MAX_PHRASE_TOKENS)
        .take_while(|&end| end <= 2 * MAX_PHRASE_BYTES)
        .last()
        .unwrap_or(0);
    &s[..end]
}

/// Longest elliptical part tried (`Kinh tế, Hạ tầng và Đô thị` has 30 bytes).
const MAX_ELLIPSIS_BYTES: usize = 80;

/// If `part[from..end]` for some later separator (or the end) is an
/// elliptical name completed by `org` (`Phòng` + `Kinh tế`), the end and the
/// implied full name; the longest such part wins.
fn ellipsis(
    org: &str,
    part: &str,
    points: &[(usize, usize)],
    from: usize,
) -> Option<(usize, String)> {
    let ends = points
        .iter()
        .map(|p| p.0)
        .filter(|&p| p > from && p - from <= MAX_ELLIPSIS_BYTES);
    let ends = ends.chain(
        [part.len()]
            .into_iter()
            .filter(|&end| end - from <= MAX_ELLIPSIS_BYTES),
    );
    let mut ends: Vec<usize> = ends.collect();
    ends.reverse();
    ends.into_iter().find_map(|end| {
        let item = tidy(&part[from..end]);
        if item.is_empty()
            || item.len() > MAX_ELLIPSIS_BYTES
            || starts_body(&item, &PrefixFolds::new(&item))
        {
            return None;
        }
        let implied = format!("{org} {item}");
        KNOWN_KEYS
            .contains(&agency_key(&implied, None))
            .then_some((end, implied))
    })
}

/// Splits one `;`-separated part, appending its bodies to `out`. `last_org`
/// carries the previous body's organisation word across parts.
fn split_part(part: &str, last_org: &mut Option<String>, out: &mut Vec<BodyRef>) {
    let points = split_points(part);
    let mut seg_start = 0;
    let mut seg_implied = None;
    let mut seg_org = leading_org(part);
    let mut skip_until = 0;
    if !starts_body(part, &PrefixFolds::new(part)) {
        if let Some(org) = last_org.as_deref() {
            if let Some((end, implied)) = ellipsis(org, part, &points, 0) {
                seg_implied = Some(implied);
                seg_org = Some(org.to_string());
                skip_until = end;
            }
        }
    }
    for &(pos, len) in &points {
        if pos < skip_until || pos < seg_start || protected(part, seg_start, pos) {
            continue;
        }
        let rest = part[pos + len..].trim_start();
        let rest_start = part.len() - rest.len();
        if !rest.contains(char::is_alphanumeric) {
            continue;
        }
        let segment = &part[seg_start..pos];
        let collective = is_collective(segment);
        let rest_pf = PrefixFolds::new(rest);
        let split = if collective && opener(&rest_pf).is_none() && generic_noun(rest, &rest_pf) {
            None
        } else if starts_body(rest, &rest_pf) {
            Some(None)
        } else if collective {
            None
        } else {
            seg_org
                .as_deref()
                .and_then(|org| ellipsis(org, part, &points, rest_start))
                .map(|(end, implied)| {
                    skip_until = end;
                    Some(implied)
                })
        };
        if let Some(implied) = split {
            push(out, segment, seg_implied.take());
            seg_start = rest_start;
            if implied.is_none() {
                seg_org = leading_org(rest);
            }
            seg_implied = implied;
        }
    }
    push(out, &part[seg_start..], seg_implied);
    *last_org = seg_org;
}

fn push(out: &mut Vec<BodyRef>, surface: &str, implied: Option<String>) {
    let surface = tidy(surface);
    if !surface.is_empty() {
        out.push(BodyRef { surface, implied });
    }
}
