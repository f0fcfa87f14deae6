//! One body, many spellings: the canonical name, the identity key, the kind.

use std::sync::LazyLock;

use kehoach_schema::AgencyKind;
use kehoach_text::{clean, fold};
use regex::Regex;

use super::{noun, opener, org_word, Level, RULES};
use crate::words::{
    contains_words, lower_first, phrase_matches, prefix_len, starts_proper, upper_first,
    PrefixFolds, SuffixFolds,
};

/// The issuing locality as given to [`agency_key`]: an optional level word
/// and an optional name (`"xã Kiến Thụy"`, `"Kiến Thụy"`, `"phường"`).
#[derive(Debug, Default, Clone)]
pub(super) struct Locality {
    level: Option<&'static Level>,
    name: Option<String>,
}

impl Locality {
    pub(super) fn parse(locality: Option<&str>) -> Locality {
        let Some(text) = locality.map(clean).filter(|s| !s.is_empty()) else {
            return Locality::default();
        };
        let pf = PrefixFolds::new(&text);
        for level in &RULES.levels {
            if let Some(len) = pf.len_of(&level.folded) {
                let name = text[len..].trim();
                return Locality {
                    level: Some(level),
                    name: (!name.is_empty()).then(|| name.to_string()),
                };
            }
        }
        Locality {
            level: None,
            name: Some(text),
        }
    }

    /// The level words that may mean the issuing locality: its own level when
    /// known, else every commune-level one.
    fn levels(&self) -> Vec<&'static Level> {
        match self.level {
            Some(level) => vec![level],
            None => RULES.levels.iter().filter(|l| l.local).collect(),
        }
    }
}

/// Strips list bullets, outer spaces and trailing punctuation.
fn tidy(s: &str) -> String {
    let s = clean(s);
    let s = s.trim_start_matches(['-', '+', '•', '*', '–', '—', ' ']);
    clean(s.trim_end_matches(|c: char| c.is_whitespace() || ".;,:".contains(c)))
}

/// Two all-capital abbreviations printed with spaces around a dash
/// (`VH - XH`): glued back so they read as one token.
static SPACED_DASH: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"\b(\p{Lu}{2,})\s+[-–—]\s+(\p{Lu}{2,})\b").ok());

fn abbreviation(token: &str) -> Option<&'static str> {
    RULES.abbreviations.get(token).map(String::as_str)
}

/// Whether `s` starts with an organisation word that starts a body.
fn starts_with_org(s: &str) -> bool {
    org_word(&PrefixFolds::new(s)).is_some_and(|(_, o)| o.starts_body)
}

/// Expands one printed token (see `rules/abbreviations.tsv`).
fn expand_token(token: &str) -> String {
    if let Some(e) = abbreviation(token) {
        return e.to_string();
    }
    let core = token.trim_end_matches([',', ';', ':', ')']);
    let tail = &token[core.len()..];
    let (open, core) = match core.strip_prefix('(') {
        Some(c) => ("(", c),
        None => ("", core),
    };
    if let Some(e) = abbreviation(core).or_else(|| core.strip_suffix('.').and_then(abbreviation)) {
        return format!("{open}{e}{tail}");
    }
    if core.contains('&') && core.len() > 1 {
        let pieces: Vec<String> = core
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| abbreviation(p).map_or_else(|| p.to_string(), str::to_string))
            .collect();
        return format!("{open}{}{tail}", pieces.join(" và "));
    }
    if core.contains('-') {
        let pieces: Option<Vec<&str>> = core.split('-').map(abbreviation).collect();
        if let Some(pieces) = pieces.filter(|p| p.len() > 1 && p.iter().all(|e| starts_with_org(e)))
        {
            return format!("{open}{}{tail}", pieces.join(" và "));
        }
    }
    token.to_string()
}

/// Expands the abbreviations of `s`, token by token.
pub(super) fn expand(s: &str) -> String {
    let glued = match SPACED_DASH.as_ref() {
        Some(re) => re.replace_all(s, "$1-$2").into_owned(),
        None => s.to_string(),
    };
    clean(
        &glued
            .split_whitespace()
            .map(expand_token)
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// Replaces a leading person's title by its body (`Trưởng phòng Kinh tế` →
/// `Phòng Kinh tế`), as long as something follows the title.
fn strip_titles(s: String) -> String {
    let mut s = s;
    for _ in 0..3 {
        let pf = PrefixFolds::new(&s);
        let found = RULES.titles.iter().find_map(|t| {
            let len = pf.len_of(&t.folded)?;
            let rest = s[len..].trim();
            (!rest.is_empty()).then(|| match &t.body {
                Some(body) => format!("{body} {rest}"),
                None => rest.to_string(),
            })
        });
        match found {
            Some(next) => s = next,
            None => break,
        }
    }
    s
}

/// Drops a word group printed twice in a row (`đơn vị đơn vị`, `Trung tâm
/// Trung tâm` after expanding `Trung tâm PVHCC`).
fn dedupe(s: &str) -> String {
    let mut tokens: Vec<&str> = s.split(' ').filter(|t| !t.is_empty()).collect();
    let same = |a: &str, b: &str| a.chars().any(char::is_alphanumeric) && fold(a) == fold(b);
    let mut changed = true;
    while changed {
        changed = false;
        for n in (1..=3).rev() {
            let mut i = 0;
            while i + 2 * n <= tokens.len() {
                let clean_end = !tokens[i + n - 1].ends_with(|c: char| ".,;:".contains(c));
                if clean_end && (0..n).all(|k| same(tokens[i + k], tokens[i + n + k])) {
                    tokens.drain(i + n..i + 2 * n);
                    changed = true;
                } else {
                    i += 1;
                }
            }
        }
    }
    tokens.join(" ")
}

/// Applies the `replace` rules of `rules/fillers.tsv`.
fn replace_phrases(s: String) -> String {
    let mut s = s;
    for (phrase, replacement) in &RULES.replace {
        if !contains_words(&fold(&s), phrase) {
            continue;
        }
        for _ in 0..16 {
            let Some(&(st, len)) = phrase_matches(&s, phrase).first() else {
                break;
            };
            s = clean(&format!("{}{replacement}{}", &s[..st], &s[st + len..]));
        }
    }
    s
}

/// Applies the `drop_prefix` rules (`Cơ quan Ủy ban …` → `Ủy ban …`).
fn drop_prefixes(s: String) -> String {
    for (phrase, follower) in &RULES.drop_prefix {
        if let Some(len) = prefix_len(&s, phrase) {
            let rest = s[len..].trim_start();
            if prefix_len(rest, follower).is_some() {
                return rest.to_string();
            }
        }
    }
    s
}

/// Whether every token of `tail` is part of a level word or a proper name:
/// what may follow a dropped suffix (`trên địa bàn` + `xã Kiến Thụy`).
fn place_tail(tail: &str) -> bool {
    tail.split_whitespace().all(|t| {
        starts_proper(t)
            || RULES
                .levels
                .iter()
                .any(|l| l.folded.split(' ').any(|w| w == fold(t)))
    })
}

/// Whether a level word starting at `st` ends a body's name (`Công an
/// xã`), rather than a list or a relation (`UBND các xã, phường`, `đơn vị
/// thuộc phường`).
fn level_suffix_at(s: &str, st: usize) -> bool {
    let before = s[..st].trim_end();
    let Some(last) = before.split_whitespace().next_back() else {
        return false;
    };
    !before.ends_with(',') && !RULES.keep_after.iter().any(|k| *k == fold(last))
}

/// Drops the issuing locality's level and name and the `drop_suffix`
/// fillers from the end. Returns what is left and the level word dropped.
fn strip_tail(s: String, locality: &Locality) -> (String, Option<String>) {
    let mut s = s;
    let mut dropped = None;
    let levels = locality.levels();
    let level_phrases: Vec<(&Level, String)> = levels
        .iter()
        .flat_map(|level| {
            let named = locality
                .name
                .as_ref()
                .map(|name| (*level, fold(&format!("{} {name}", level.printed))));
            named.into_iter().chain([(*level, level.folded.clone())])
        })
        .collect();
    for _ in 0..8 {
        let suffixes = SuffixFolds::new(&s);
        if RULES.keep.iter().any(|k| suffixes.start_of(k).is_some()) {
            break;
        }
        let before = s.clone();
        let hit = level_phrases.iter().find_map(|(level, phrase)| {
            Some((
                *level,
                suffixes
                    .start_of(phrase)
                    .filter(|&st| level_suffix_at(&s, st))?,
            ))
        });
        if let Some((level, st)) = hit {
            s = s[..st].trim_end().to_string();
            dropped = Some(level.printed.clone());
        }
        let folded = fold(&s);
        for (phrase, lead) in &RULES.drop_suffix {
            if !contains_words(&folded, phrase)
                || lead
                    .as_ref()
                    .is_some_and(|lead| prefix_len(&s, lead).is_none())
            {
                continue;
            }
            let cut = phrase_matches(&s, phrase)
                .into_iter()
                .find(|&(st, len)| st > 0 && place_tail(&s[st + len..]))
                .map(|(st, _)| st);
            if let Some(st) = cut {
                s = s[..st].trim_end().to_string();
                break;
            }
        }
        if s == before {
            break;
        }
    }
    (s, dropped)
}

/// Puts `các` before a generic plural noun printed alone (`Thôn` → `các
/// thôn`, `đơn vị liên quan` → `các đơn vị liên quan`).
fn add_plural(s: String) -> String {
    let pf = PrefixFolds::new(&s);
    if opener(&pf).is_some() {
        return s;
    }
    match noun(&pf) {
        Some((len, n))
            if n.plural
                && !s[len..]
                    .split_whitespace()
                    .next()
                    .is_some_and(starts_proper) =>
        {
            format!("các {}", lower_first(&s))
        }
        _ => s,
    }
}

/// Rewrites a known body's printed form to its canonical spelling, and gives
/// a body that needs its level (`Công an`) the locality's level back.
fn apply_known(s: String, level: Option<&str>) -> String {
    let pf = PrefixFolds::new(&s);
    let best = RULES
        .known
        .iter()
        .flat_map(|k| k.forms.iter().map(move |f| (k, f)))
        .filter_map(|(k, f)| pf.len_of(f).map(|len| (len, f.len(), k)))
        .max_by_key(|(_, form_len, _)| *form_len);
    let Some((len, _, known)) = best else {
        return s;
    };
    let rest = &s[len..];
    if rest
        .trim_start()
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
    {
        return s;
    }
    match level {
        Some(level) if known.needs_level && rest.trim().is_empty() => {
            format!("{} {level}", known.canonical)
        }
        _ => format!("{}{rest}", known.canonical),
    }
}

/// The canonical name of a body as printed in an agency cell, in the
/// document of `locality` (`"xã Kiến Thụy"`, `"Kiến Thụy"`, `"phường"`, or
/// `None`).
///
/// Steps, each driven by a file under `rules/`:
/// 1. spaces collapsed, list bullets and trailing punctuation dropped;
/// 2. abbreviations expanded (`abbreviations.tsv`: `Phòng VH-XH` →
///    `Phòng Văn hóa - Xã hội`, `HĐND&UBND` → `Hội đồng nhân dân và Ủy ban
///    nhân dân`);
/// 3. a person's title mapped to its body (`titles.tsv`: `Trưởng phòng Kinh
///    tế` → `Phòng Kinh tế`);
/// 4. a doubled word group dropped (`đơn vị đơn vị` → `đơn vị`);
/// 5. fillers (`fillers.tsv`): `có liên quan` → `liên quan`, a leading
///    `Cơ quan` before `Ủy ban`, a trailing `trên địa bàn …`, `thành phố …`
///    after a `Sở`, and the issuing locality's level and name at the end;
/// 6. a generic plural noun printed alone gets `Các` (`collectives.tsv`:
///    `Thôn` → `Các thôn`, `đơn vị liên quan.` → `Các đơn vị liên quan`);
/// 7. a known body gets its canonical spelling (`known_bodies.tsv`:
///    `Mặt trận Tổ quốc Việt Nam` → `Ủy ban Mặt trận Tổ quốc Việt Nam`,
///    `Phòng Văn hoá – Xã hội` → `Phòng Văn hóa - Xã hội`), and one that
///    needs its level gets it back (`Công an xã` → `Công an xã`, not
///    `Công an`);
/// 8. the first letter in upper case.
///
/// Two spellings of one body give names that differ at most in case, tone
/// placement and dashes, so [`agency_key`] (the [`fold`] of this) is equal
/// for them, and so is their [`kehoach_text::slug`].
pub fn canonical_name(surface: &str, locality: Option<&str>) -> String {
    canonical_in(surface, &Locality::parse(locality))
}

pub(super) fn canonical_in(surface: &str, locality: &Locality) -> String {
    let s = tidy(surface);
    let s = expand(&s);
    let s = strip_titles(s);
    let s = dedupe(&s);
    let s = replace_phrases(s);
    let s = drop_prefixes(s);
    let (s, dropped) = strip_tail(s, locality);
    let s = add_plural(s);
    let level = locality.level.map(|l| l.printed.clone()).or(dropped);
    let s = apply_known(s, level.as_deref());
    upper_first(&clean(&s))
}

/// The identity key of a body: two cells name the same body exactly when
/// their keys are equal. It is [`fold`] of [`canonical_name`], so it ignores
/// case, tone placement (`hoá`/`hóa`), dashes, spacing, abbreviations
/// (`VH-XH`, `HĐND`, `TTPVHCC` …), a person's title, the fillers of
/// `rules/fillers.tsv` and the issuing locality's level (`Văn phòng HĐND và
/// UBND xã` = `Văn phòng HĐND-UBND`).
///
/// `locality` is the issuing locality, `"xã Kiến Thụy"` (level and name),
/// `"Kiến Thụy"` (name only: any commune-level word is then taken for it) or
/// `None` (no name; a trailing `xã`/`phường`/`đặc khu`/`thị trấn` is taken
/// for the issuing locality).
///
/// An elliptical name (`Kinh tế` in `Phòng VH-XH, Kinh tế`) is keyed by its
/// implied full name, which [`split_agencies_detailed`](super::split_agencies_detailed)
/// returns.
pub fn agency_key(surface: &str, locality: Option<&str>) -> String {
    fold(&canonical_name(surface, locality))
}

/// What sort of body a name is, from its leading words (`rules/org_words.tsv`,
/// longest phrase wins): `Phòng …` department, `Văn phòng …` office,
/// `Công an …` police, `Sở …` external government, `Các …` collective, and
/// so on; `other` when no organisation word leads. Abbreviations and a
/// leading person's title are read first (`TTPVHCC` is a center).
pub fn agency_kind(name: &str) -> AgencyKind {
    let s = drop_prefixes(strip_titles(expand(&tidy(name))));
    org_word(&PrefixFolds::new(&s)).map_or(AgencyKind::Other, |(_, o)| o.kind)
}
