//! One body, many spellings: the canonical name, the identity key, the kind.

use std::borrow::Cow;
use std::sync::{LazyLock, OnceLock};

use crate::narrow::{self, Narrowed};
use kehoach_schema::AgencyKind;
use kehoach_text::{clean, fold};
use regex::Regex;

use super::{known_prefix, noun, opener, org_word, Level, INDEXES, RULES};
use crate::folds::{
    clean_cow, fold_words, prefix_len, tokens_from, Folded, FxHashMap, FxHashSet, PrefixFolds,
};
use crate::words::{
    contains_words, is_letter_or_digit, lower_first, phrase_matches, starts_proper, upper_first,
    upper_first_owned,
};

/// The issuing locality as given to [`agency_key`]: an optional level word
/// and an optional name (`"xã Kiến Thụy"`, `"Kiến Thụy"`, `"phường"`).
#[derive(Debug, Default, Clone)]
pub(super) struct Locality {
    level: Option<&'static Level>,
    name: Option<String>,
    /// The folded phrases that may end a name with this locality, made once
    /// (see [`Locality::level_phrases`]).
    phrases: OnceLock<Vec<(&'static Level, String)>>,
}

impl Locality {
    pub(super) fn parse(locality: Option<&str>) -> Locality {
        let Some(text) = locality.map(clean).filter(|s| !s.is_empty()) else {
            return Locality::default();
        };
        if let Some((i, len)) = PrefixFolds::new(&text).first_match(&INDEXES.levels) {
            let name = text[len..].trim();
            return Locality {
                level: Some(&RULES.levels[i]),
                name: (!name.is_empty()).then(|| name.to_string()),
                ..Locality::default()
            };
        }
        Locality {
            level: None,
            name: Some(text),
            ..Locality::default()
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

    /// The folded phrases that end a name with the issuing locality, in the
    /// order they are tried: per level word, with the name (`xã kiến thụy`)
    /// and then alone (`xã`).
    fn level_phrases(&self) -> &[(&'static Level, String)] {
        // Without a level or a name (`agency_key(…, None)`), the same list
        // every time.
        static ANY_LOCAL: LazyLock<Vec<(&'static Level, String)>> =
            LazyLock::new(|| Locality::default().phrases());
        if self.level.is_none() && self.name.is_none() {
            return &ANY_LOCAL;
        }
        self.phrases.get_or_init(|| self.phrases())
    }

    fn phrases(&self) -> Vec<(&'static Level, String)> {
        self.levels()
            .into_iter()
            .flat_map(|level| {
                let named = self
                    .name
                    .as_ref()
                    .map(|name| (level, fold(&format!("{} {name}", level.printed))));
                named.into_iter().chain([(level, level.folded.clone())])
            })
            .collect()
    }
}

/// Strips list bullets, outer spaces and trailing punctuation.
fn tidy(s: &str) -> Cow<'_, str> {
    fn kept(s: &str) -> &str {
        let s = s.trim_start_matches(['-', '+', '•', '*', '–', '—', ' ']);
        s.trim_end_matches(|c: char| c.is_whitespace() || ".;,:".contains(c))
    }
    match clean_cow(s) {
        // A piece of a text that `clean` leaves as it is, without spaces at
        // its ends, is left as it is too (see `is_clean`).
        Cow::Borrowed(s) => Cow::Borrowed(kept(s)),
        Cow::Owned(s) => Cow::Owned(clean_cow(kept(&s)).into_owned()),
    }
}

/// Two all-capital abbreviations printed with spaces around a dash
/// (`VH - XH`): glued back so they read as one token. Its narrow form
/// (see [`Narrowed`]) has `\p{Lu}` cut to the Latin blocks, exact on the
/// haystacks it searches. A [`Regex`], for its `replace_all`: it is built
/// only for a name with such a dash.
static SPACED_DASH: Narrowed<Regex> = Narrowed {
    narrow: LazyLock::new(|| {
        Regex::new(&SPACED_DASH_PATTERN.replace(r"\p{Lu}", &format!("[{}]", narrow::UPPER)))
            .expect("regex")
    }),
    full: LazyLock::new(|| Regex::new(SPACED_DASH_PATTERN).expect("regex")),
    needs_digit: false,
};
const SPACED_DASH_PATTERN: &str = r"\b(\p{Lu}{2,})\s+[-–—]\s+(\p{Lu}{2,})\b";

/// Whether [`SPACED_DASH`] may match `s`: it needs a dash with whitespace
/// on both sides, an upper-case letter before that whitespace and one after
/// it. Without such a dash the regex need not run (`Văn hoá - Xã hội` has
/// none). A piece of `s` can only have fewer.
pub(super) fn may_have_spaced_dash(s: &str) -> bool {
    // `-`, or the lead byte of `–` and `—`: without one, no dash at all.
    if !s.bytes().any(|b| b == b'-' || b == 0xE2) {
        return false;
    }
    s.char_indices()
        .filter(|&(_, c)| matches!(c, '-' | '–' | '—'))
        .any(|(i, c)| {
            let (before, after) = (&s[..i], &s[i + c.len_utf8()..]);
            before.ends_with(char::is_whitespace)
                && after.starts_with(char::is_whitespace)
                && before.trim_end().ends_with(char::is_uppercase)
                && after.trim_start().starts_with(char::is_uppercase)
        })
}

/// `rules/abbreviations.tsv` as a hash map: looked up for every capitalised
/// token.
static ABBREVIATIONS: LazyLock<FxHashMap<&'static str, &'static str>> = LazyLock::new(|| {
    RULES
        .abbreviations
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
});

fn abbreviation(token: &str) -> Option<&'static str> {
    ABBREVIATIONS.get(token).copied()
}

/// The upper-case letters and `&` of the abbreviations (ASCII ones as a
/// bit mask, others listed), when every abbreviation has one (true of
/// `rules/abbreviations.tsv`; checked, not assumed). A token with none of
/// them cannot hold an abbreviation, and expands to itself.
static ABBREVIATION_MARKS: LazyLock<Option<(u128, Vec<char>)>> = LazyLock::new(|| {
    let mark = |c: char| c.is_uppercase() || c == '&';
    let keys = || RULES.abbreviations.keys();
    if !keys().all(|k| k.chars().any(mark)) {
        return None;
    }
    let mut ascii = 0u128;
    let mut other = Vec::new();
    for c in keys().flat_map(|k| k.chars()).filter(|&c| mark(c)) {
        if c.is_ascii() {
            ascii |= 1 << (c as u32);
        } else if !other.contains(&c) {
            other.push(c);
        }
    }
    Some((ascii, other))
});

/// Whether `token` may hold an abbreviation (see [`ABBREVIATION_MARKS`]).
fn may_abbreviate(token: &str) -> bool {
    let Some((ascii, other)) = &*ABBREVIATION_MARKS else {
        return true;
    };
    token.chars().any(|c| {
        if c.is_ascii() {
            ascii & (1 << (c as u32)) != 0
        } else {
            other.contains(&c)
        }
    })
}

/// Whether `s` starts with an organisation word that starts a body.
fn starts_with_org(s: &str) -> bool {
    org_word(&PrefixFolds::new(s)).is_some_and(|(_, o)| o.starts_body)
}

/// Expands one printed token (see `rules/abbreviations.tsv`).
pub(super) fn expand_token(token: &str) -> Cow<'_, str> {
    // Every lookup below is of a piece of `token`.
    if !may_abbreviate(token) {
        return Cow::Borrowed(token);
    }
    if let Some(e) = abbreviation(token) {
        return Cow::Borrowed(e);
    }
    let core = token.trim_end_matches([',', ';', ':', ')']);
    let tail = &token[core.len()..];
    let (open, core) = match core.strip_prefix('(') {
        Some(c) => ("(", c),
        None => ("", core),
    };
    // (`core` is `token` when nothing was trimmed: looked up already.)
    let whole = (core.len() < token.len())
        .then(|| abbreviation(core))
        .flatten();
    if let Some(e) = whole.or_else(|| core.strip_suffix('.').and_then(abbreviation)) {
        return Cow::Owned(format!("{open}{e}{tail}"));
    }
    if core.contains('&') && core.len() > 1 {
        let pieces: Vec<String> = core
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| abbreviation(p).map_or_else(|| p.to_string(), str::to_string))
            .collect();
        return Cow::Owned(format!("{open}{}{tail}", pieces.join(" và ")));
    }
    if core.contains('-') {
        let pieces: Option<Vec<&str>> = core.split('-').map(abbreviation).collect();
        if let Some(pieces) = pieces.filter(|p| p.len() > 1 && p.iter().all(|e| starts_with_org(e)))
        {
            return Cow::Owned(format!("{open}{}{tail}", pieces.join(" và ")));
        }
    }
    Cow::Borrowed(token)
}

/// Expands the abbreviations of `s`, token by token.
pub(super) fn expand(s: &str) -> Cow<'_, str> {
    expand_with(s, false)
}

/// [`expand`] of a text that [`clean`] leaves as it is: when nothing
/// expands, the text itself.
fn expand_clean(s: &str) -> Cow<'_, str> {
    expand_with(s, true)
}

fn expand_with(s: &str, is_clean: bool) -> Cow<'_, str> {
    let glued = match may_have_spaced_dash(s).then(|| SPACED_DASH.for_haystack(s)) {
        Some(Some(re)) => re.replace_all(s, "$1-$2"),
        _ => Cow::Borrowed(s),
    };
    // Mostly no token changes: the tokens joined again are `glued`, cleaned.
    let same = |t: &str| matches!(expand_token(t), Cow::Borrowed(e) if e == t);
    if tokens_from(&glued, 0).all(|(start, end)| same(&glued[start..end])) {
        return match glued {
            Cow::Borrowed(glued) if is_clean => Cow::Borrowed(glued),
            Cow::Borrowed(glued) => clean_cow(glued),
            Cow::Owned(glued) => Cow::Owned(clean_cow(&glued).into_owned()),
        };
    }
    let mut joined = String::with_capacity(2 * glued.len());
    for (i, (start, end)) in tokens_from(&glued, 0).enumerate() {
        if i > 0 {
            joined.push(' ');
        }
        joined.push_str(&expand_token(&glued[start..end]));
    }
    if matches!(clean_cow(&joined), Cow::Borrowed(_)) {
        Cow::Owned(joined)
    } else {
        Cow::Owned(clean(&joined))
    }
}

/// Replaces a leading person's title by its body (`Trưởng phòng Kinh tế` →
/// `Phòng Kinh tế`), as long as something follows the title.
fn strip_titles(t: Folded<'_>) -> Folded<'_> {
    let mut t = t;
    for _ in 0..3 {
        let s = t.text();
        let pf = t.prefixes();
        let Some(longest) = pf.first_match(&INDEXES.titles) else {
            break;
        };
        // The longest title wins, unless nothing follows it; then the next.
        let replace = |(i, len): (usize, usize)| {
            let rest = s[len..].trim();
            (!rest.is_empty()).then(|| match &RULES.titles[i].body {
                Some(body) => format!("{body} {rest}"),
                None => rest.to_string(),
            })
        };
        let found = replace(longest).or_else(|| {
            let titles = pf.matches(&INDEXES.titles);
            titles.into_iter().skip(1).find_map(replace)
        });
        drop(pf);
        match found {
            Some(next) => t = Folded::new(next),
            None => break,
        }
    }
    t
}

/// Drops a word group printed twice in a row (`đơn vị đơn vị`, `Trung tâm
/// Trung tâm` after expanding `Trung tâm PVHCC`). The text comes back with
/// single spaces.
fn dedupe(t: Folded<'_>) -> Folded<'_> {
    let s = t.text();
    // Nothing to drop, and the text is its tokens joined by single spaces.
    let spaced = !s.starts_with(' ') && !s.ends_with(' ') && !s.contains("  ");
    if spaced && !t.may_repeat() {
        return t;
    }
    let mut tokens: Vec<&str> = s.split(' ').filter(|t| !t.is_empty()).collect();
    // Each token's fold (made already when the tokens are the same), and
    // whether it has a letter or digit, dropped along with its token.
    let mut folds: Vec<(Cow<'_, str>, bool)> = match t.space_token_folds() {
        Some(folds) => folds.into_iter().map(Cow::Borrowed).collect(),
        None => tokens
            .iter()
            .map(|t| Cow::Owned(fold(t)))
            .collect::<Vec<_>>(),
    }
    .into_iter()
    .zip(&tokens)
    .map(|(f, t)| (f, t.chars().any(char::is_alphanumeric)))
    .collect();
    let same =
        |folds: &[(Cow<'_, str>, bool)], a: usize, b: usize| folds[a].1 && folds[a].0 == folds[b].0;
    let mut dropped = false;
    let mut changed = true;
    while changed {
        changed = false;
        for n in (1..=3).rev() {
            let mut i = 0;
            while i + 2 * n <= tokens.len() {
                let clean_end = !tokens[i + n - 1].ends_with(|c: char| ".,;:".contains(c));
                if clean_end && (0..n).all(|k| same(&folds, i + k, i + n + k)) {
                    tokens.drain(i + n..i + 2 * n);
                    folds.drain(i + n..i + 2 * n);
                    changed = true;
                    dropped = true;
                } else {
                    i += 1;
                }
            }
        }
    }
    if !dropped && spaced {
        return t;
    }
    let joined = tokens.join(" ");
    Folded::new(joined)
}

/// Applies the `replace` rules of `rules/fillers.tsv`.
fn replace_phrases(t: Folded<'_>) -> Folded<'_> {
    let mut t = t;
    for (phrase, replacement) in &RULES.replace {
        if !contains_words(&t.fold(), phrase) {
            continue;
        }
        let mut s = t.into_text();
        for _ in 0..16 {
            let Some(&(st, len)) = phrase_matches(&s, phrase).first() else {
                break;
            };
            s = clean(&format!("{}{replacement}{}", &s[..st], &s[st + len..]));
        }
        t = Folded::new(s);
    }
    t
}

/// Applies the `drop_prefix` rules (`Cơ quan Ủy ban …` → `Ủy ban …`).
fn drop_prefixes(t: Folded<'_>) -> Folded<'_> {
    match dropped_prefix(&t).map(str::to_string) {
        Some(rest) => Folded::new(rest),
        None => t,
    }
}

/// What is left of the text of `t` once the first `drop_prefix` rule that
/// applies drops its phrase, if one does.
fn dropped_prefix<'t>(t: &'t Folded<'_>) -> Option<&'t str> {
    let s = t.text();
    let pf = t.prefixes();
    RULES.drop_prefix.iter().find_map(|(phrase, follower)| {
        let rest = s[pf.len_of(phrase)?..].trim_start();
        prefix_len(rest, follower).is_some().then_some(rest)
    })
}

/// Whether every token of `tail` is part of a level word or a proper name:
/// what may follow a dropped suffix (`trên địa bàn` + `xã Kiến Thụy`).
fn place_tail(tail: &str) -> bool {
    tail.split_whitespace().all(|t| {
        starts_proper(t) || {
            let t = fold_words(t);
            RULES
                .levels
                .iter()
                .any(|l| l.folded.split(' ').any(|w| w == t))
        }
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
    if before.ends_with(',') {
        return false;
    }
    let last = fold_words(last);
    !RULES.keep_after.contains(&last)
}

/// Drops the issuing locality's level and name and the `drop_suffix`
/// fillers from the end. Returns what is left and the level word dropped.
fn strip_tail<'a>(t: Folded<'a>, locality: &Locality) -> (Folded<'a>, Option<String>) {
    let mut t = t;
    let mut dropped = None;
    let level_phrases = locality.level_phrases();
    for _ in 0..8 {
        let suffixes = t.suffixes();
        if RULES.keep.iter().any(|k| suffixes.start_of(k).is_some()) {
            break;
        }
        let hit = level_phrases.iter().find_map(|(level, phrase)| {
            Some((
                *level,
                suffixes
                    .start_of(phrase)
                    .filter(|&st| level_suffix_at(t.text(), st))?,
            ))
        });
        drop(suffixes);
        // The text only ever loses its end below, so an unchanged length
        // means an unchanged text.
        let before = t.text().len();
        if let Some((level, st)) = hit {
            t = Folded::new(t.text()[..st].trim_end().to_string());
            dropped = Some(level.printed.clone());
        }
        let folded = t.fold();
        let mut cut = None;
        for (phrase, lead) in &RULES.drop_suffix {
            if !contains_words(&folded, phrase)
                || lead
                    .as_ref()
                    .is_some_and(|lead| t.prefixes().len_of(lead).is_none())
            {
                continue;
            }
            let s = t.text();
            cut = phrase_matches(s, phrase)
                .into_iter()
                .find(|&(st, len)| st > 0 && place_tail(&s[st + len..]))
                .map(|(st, _)| st);
            if cut.is_some() {
                break;
            }
        }
        drop(folded);
        if let Some(st) = cut {
            t = Folded::new(t.text()[..st].trim_end().to_string());
        }
        if t.text().len() == before {
            break;
        }
    }
    (t, dropped)
}

/// Puts `các` before a generic plural noun printed alone (`Thôn` → `các
/// thôn`, `đơn vị liên quan` → `các đơn vị liên quan`).
fn add_plural(t: Folded<'_>) -> Folded<'_> {
    let s = t.text();
    let pf = t.prefixes();
    if opener(&pf).is_some() {
        drop(pf);
        return t;
    }
    let plural = match noun(&pf) {
        Some((len, n)) => {
            n.plural
                && !s[len..]
                    .split_whitespace()
                    .next()
                    .is_some_and(starts_proper)
        }
        None => false,
    };
    drop(pf);
    if plural {
        Folded::new(format!("các {}", lower_first(s)))
    } else {
        t
    }
}

/// Rewrites a known body's printed form to its canonical spelling, and gives
/// a body that needs its level (`Công an`) the locality's level back.
fn apply_known<'t>(t: &'t Folded<'_>, level: Option<&str>) -> Cow<'t, str> {
    let s = t.text();
    let Some((len, known)) = known_prefix(&t.prefixes()) else {
        return Cow::Borrowed(s);
    };
    let rest = &s[len..];
    if rest
        .trim_start()
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
    {
        return Cow::Borrowed(s);
    }
    Cow::Owned(match level {
        Some(level) if known.needs_level && rest.trim().is_empty() => {
            format!("{} {level}", known.canonical)
        }
        _ => format!("{}{rest}", known.canonical),
    })
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
    canonical_keyed(surface, locality, false, None).name
}

/// A canonical name, as [`canonical_keyed`] gives it.
pub(super) struct Canonical {
    pub(super) name: String,
    /// The identity key ([`fold`]) of the name.
    pub(super) key: String,
    /// [`agency_kind`] of the name, when asked for and the name is the text
    /// it was made from: the steps the kind takes are then the first steps
    /// of the name's, and most names are printed canonical already.
    pub(super) kind: Option<AgencyKind>,
}

/// [`canonical_in`], with the identity key and, if `with_kind`, maybe the
/// kind. `folded`, if given, is a [`Folded`] text made already (by the
/// split of the cell that named it) and where `surface` starts in it.
pub(super) fn canonical_keyed(
    surface: &str,
    locality: &Locality,
    with_kind: bool,
    folded: Option<(&Folded<'_>, usize)>,
) -> Canonical {
    // Each step looks at the text folded once (`Folded`), folded again only
    // when a step changes it.
    let tidied = tidy(surface);
    let expanded = expand_clean(&tidied);
    // When tidying only trims `surface` and nothing expands, the text is a
    // piece of `surface`, whose folds are made already: read off the text
    // `surface` is a piece of, with no copy of the surface's folds between.
    let piece = match (&tidied, &expanded, folded) {
        (Cow::Borrowed(tidied), Cow::Borrowed(expanded), Some((folded, at)))
            if std::ptr::eq(*tidied, *expanded) =>
        {
            let start = at + (tidied.as_ptr() as usize - surface.as_ptr() as usize);
            folded.piece(start, start + tidied.len())
        }
        _ => None,
    };
    let t = piece.unwrap_or_else(|| Folded::new(expanded));
    let t = strip_titles(t);
    // What `agency_kind(surface)` would find, only worked out when the name
    // may well be `surface` (which is then tidy, and starts with a capital
    // as names do); if it is not, `finish` works the kind out.
    let kind =
        (with_kind && tidied.len() == surface.len() && surface.starts_with(char::is_uppercase))
            .then(|| kind_of(&t));
    let t = dedupe(t);
    let t = replace_phrases(t);
    let t = drop_prefixes(t);
    let (t, dropped) = strip_tail(t, locality);
    let t = add_plural(t);
    let level = locality.level.map(|l| l.printed.clone()).or(dropped);
    let s = apply_known(&t, level.as_deref());
    let name = match clean_cow(&s) {
        Cow::Borrowed(_) => upper_first_owned(s.into_owned()),
        Cow::Owned(cleaned) => upper_first(&cleaned),
    };
    // The name is mostly the text of the last step as it was (a known
    // body's spelling being the one printed), whose fold is made already.
    let key = if name == t.text() {
        t.fold().into_owned()
    } else {
        fold_words(&name)
    };
    let kind = kind.filter(|_| name == surface);
    Canonical { name, key, kind }
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
    let tidied = tidy(name);
    kind_of(&strip_titles(Folded::new(expand_clean(&tidied))))
}

/// The kind of the leading organisation word of `t` (a name with its
/// abbreviations expanded and its title mapped), once a `drop_prefix`
/// filler is dropped.
fn kind_of(t: &Folded<'_>) -> AgencyKind {
    let dropped = dropped_prefix(t).map(|rest| Folded::new(rest.to_string()));
    let t = dropped.as_ref().unwrap_or(t);
    org_word(&t.prefixes()).map_or(AgencyKind::Other, |(_, o)| o.kind)
}

/// How many words of a text [`opens_with_body`] looks at: a body's name
/// with a title before it fits.
const OPENING_WORDS: usize = 12;

/// Whether a sentence opens with the name of a body (its subject): an
/// organisation word (`rules/org_words.tsv`), a collective (`Các` and a
/// generic noun or organisation word), a known body, or one of these after
/// a person's title (`Thủ trưởng các sở, ban, ngành`, `Lãnh đạo Ban Dân
/// nguyện`). Abbreviations are expanded first (`UBND xã`).
///
/// With `strict`, an organisation word of one word counts only before a
/// capitalised word or an abbreviation (`Sở Y tế`, `Trường THCS`): the same
/// words begin verbs and nouns in running text (`Ban hành …`, `Tổ chức …`,
/// `Phòng chống …`, `Lãnh đạo, điều hành …`). In a text printed in capitals
/// that cannot be told, so there only longer organisation words and known
/// bodies count. Without `strict` (after `Trách nhiệm của`, `Đề nghị`), any
/// organisation word does (`Ban chỉ đạo của Ủy ban nhân dân xã`).
pub fn opens_with_body(text: &str, strict: bool) -> bool {
    let head: Vec<&str> = text.split_whitespace().take(OPENING_WORDS).collect();
    let head = head.join(" ");
    let tidied = tidy(&head);
    let expanded = expand_clean(&tidied);
    let t = strip_titles(Folded::new(expanded.as_ref()));
    let s = t.text();
    // The folds of the text's tokens, made once, are read by every lookup
    // below.
    let opens = |s: &str, pf: &PrefixFolds<'_>, strict: bool| -> bool {
        if known_prefix(pf).is_some() {
            return true;
        }
        let Some((len, o)) = org_word(pf) else {
            return false;
        };
        if !strict || o.folded.contains(' ') {
            return true;
        }
        let word = &s[..len];
        let next = s[len..].split_whitespace().next().unwrap_or("");
        let capitals = |w: &str| {
            w.chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
        };
        if capitals(word) {
            // `TỔ CHỨC THỰC HIỆN`: no telling a name from a verb.
            return false;
        }
        starts_proper(next) || (next.chars().count() >= 2 && capitals(next))
    };
    let pf = t.prefixes();
    if let Some(len) = opener(&pf) {
        let rest = s[len..].trim_start();
        let rpf = t.prefixes_at(s.len() - rest.len(), s.len());
        return noun(&rpf).is_some() || org_word(&rpf).is_some() || known_prefix(&rpf).is_some();
    }
    opens(s, &pf, strict)
}

/// The folded first word of every one-word organisation word, collective
/// opener, title and known body, and the first two words of the longer
/// ones: what a body's name can start with, besides an abbreviation.
static OPENINGS: LazyLock<FxHashSet<String>> = LazyLock::new(|| {
    let opening = |s: &str| {
        let words: Vec<&str> = s
            .split([' ', ','])
            .filter(|w| !w.is_empty())
            .take(2)
            .collect();
        words.join(" ")
    };
    RULES
        .org
        .iter()
        .map(|o| o.folded.as_str())
        .chain(RULES.openers.iter().map(String::as_str))
        .chain(RULES.titles.iter().map(|t| t.folded.as_str()))
        .chain(
            RULES
                .known
                .iter()
                .flat_map(|k| k.forms.iter().map(String::as_str)),
        )
        .map(opening)
        .filter(|o| !o.is_empty())
        .collect()
});

/// The first words of the two-word entries of [`OPENINGS`]: only after one
/// of them does [`may_open_body`] need to fold the second word.
static OPENING_PAIR_FIRSTS: LazyLock<FxHashSet<String>> = LazyLock::new(|| {
    OPENINGS
        .iter()
        .filter_map(|o| o.split_once(' ').map(|(first, _)| first.to_string()))
        .collect()
});

/// A cheap test before [`opens_with_body`], on a text's first two words:
/// whether they may open a body's name (`Sở …`, `Công an …`, `Chủ tịch
/// …`, an abbreviation such as `UBND`), so that `Công tác …`, `Chủ trì
/// …`, `Bảo đảm …` need not be read further.
pub fn may_open_body(text: &str) -> bool {
    let first = text
        .split_whitespace()
        .next()
        .map(|w| w.trim_matches(|c: char| !is_letter_or_digit(c)))
        .unwrap_or("");
    may_open_body_folded(text, &fold(first))
}

/// [`may_open_body`] of `text`, whose first word (without the characters
/// around it that are no letter or digit) folds to `first_folded`: for a
/// caller that has folded that word already.
pub fn may_open_body_folded(text: &str, first_folded: &str) -> bool {
    let mut words = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !is_letter_or_digit(c)));
    let Some(first) = words.next() else {
        return false;
    };
    if abbreviation(first).is_some() || OPENINGS.contains(first_folded) {
        return true;
    }
    // A two-word opening starts with its first word: the second is only
    // folded after one (most texts open with no such word).
    if !OPENING_PAIR_FIRSTS.contains(first_folded) {
        return false;
    }
    match words.next() {
        Some(second) => OPENINGS.contains(&format!("{first_folded} {}", fold(second))),
        None => false,
    }
}
