//! Agency cells: splitting a cell into bodies, folding spellings of one body
//! into one identity, its kind, and a per-document registry.
//!
//! The knowledge lives in `rules/org_words.tsv`, `collectives.tsv`,
//! `abbreviations.tsv`, `titles.tsv`, `fillers.tsv` and `known_bodies.tsv`;
//! this module only applies it. The steps, in order, are described on
//! [`canonical_name`].

mod canon;
mod registry;
mod split;

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::LazyLock;

use kehoach_schema::AgencyKind;
use kehoach_text::fold;

use crate::folds::{PhraseIndex, PrefixFolds};
use crate::tables::{rows, yes};

pub use canon::{
    agency_key, agency_kind, canonical_name, may_open_body, may_open_body_folded, opens_with_body,
};
pub use registry::Registry;
pub use split::{split_agencies, split_agencies_detailed, BodyRef};

/// A leading organisation word (`rules/org_words.tsv`).
#[derive(Debug)]
struct OrgWord {
    folded: String,
    kind: AgencyKind,
    starts_body: bool,
}

/// A generic noun of a collective (`rules/collectives.tsv`).
#[derive(Debug)]
struct Noun {
    folded: String,
    plural: bool,
}

/// A person's title and the body word that replaces it (`rules/titles.tsv`).
#[derive(Debug)]
struct Title {
    folded: String,
    body: Option<String>,
}

/// A known body (`rules/known_bodies.tsv`).
#[derive(Debug)]
struct Known {
    canonical: String,
    needs_level: bool,
    /// Folded canonical name and variants.
    forms: Vec<String>,
}

/// An administrative level word (`level` rows of `rules/fillers.tsv`).
#[derive(Debug)]
struct Level {
    printed: String,
    folded: String,
    local: bool,
}

#[derive(Debug, Default)]
struct Rules {
    org: Vec<OrgWord>,
    openers: Vec<String>,
    nouns: Vec<Noun>,
    abbreviations: BTreeMap<String, String>,
    titles: Vec<Title>,
    /// (folded phrase, replacement as printed)
    replace: Vec<(String, String)>,
    /// (folded phrase, folded condition on what follows)
    drop_prefix: Vec<(String, String)>,
    /// (folded phrase, folded condition on how the name starts, or None for any)
    drop_suffix: Vec<(String, Option<String>)>,
    keep: Vec<String>,
    keep_after: Vec<String>,
    levels: Vec<Level>,
    known: Vec<Known>,
    problems: Vec<String>,
}

fn kind_of(s: &str) -> Option<AgencyKind> {
    Some(match s {
        "department" => AgencyKind::Department,
        "office" => AgencyKind::Office,
        "center" => AgencyKind::Center,
        "police" => AgencyKind::Police,
        "military" => AgencyKind::Military,
        "party" => AgencyKind::Party,
        "mass_organization" => AgencyKind::MassOrganization,
        "school" => AgencyKind::School,
        "health" => AgencyKind::Health,
        "external_government" => AgencyKind::ExternalGovernment,
        "enterprise" => AgencyKind::Enterprise,
        "collective" => AgencyKind::Collective,
        "other" => AgencyKind::Other,
        _ => return None,
    })
}

static RULES: LazyLock<Rules> = LazyLock::new(|| {
    let mut r = Rules::default();
    for row in rows("org_words.tsv") {
        match kind_of(row.col(1)) {
            Some(kind) => r.org.push(OrgWord {
                folded: fold(row.col(0)),
                kind,
                starts_body: yes(row.col(2)),
            }),
            None => r
                .problems
                .push(format!("org_words.tsv: unknown kind {:?}", row.col(1))),
        }
    }
    for row in rows("collectives.tsv") {
        match row.col(0) {
            "opener" => r.openers.push(fold(row.col(1))),
            "noun" => r.nouns.push(Noun {
                folded: fold(row.col(1)),
                plural: yes(row.col(2)),
            }),
            other => r
                .problems
                .push(format!("collectives.tsv: unknown role {other:?}")),
        }
    }
    for row in rows("abbreviations.tsv") {
        r.abbreviations
            .insert(row.col(0).to_string(), row.col(1).to_string());
    }
    for row in rows("titles.tsv") {
        let body = Some(row.col(1))
            .filter(|b| *b != "-" && !b.is_empty())
            .map(str::to_string);
        r.titles.push(Title {
            folded: fold(row.col(0)),
            body,
        });
    }
    for row in rows("fillers.tsv") {
        let (phrase, arg) = (row.col(1), row.col(2));
        match row.col(0) {
            "replace" => r.replace.push((fold(phrase), arg.to_string())),
            "drop_prefix" => r.drop_prefix.push((fold(phrase), fold(arg))),
            "drop_suffix" => r.drop_suffix.push((
                fold(phrase),
                Some(arg).filter(|a| *a != "*" && !a.is_empty()).map(fold),
            )),
            "keep" => r.keep.push(fold(phrase)),
            "keep_after" => r.keep_after.push(fold(phrase)),
            "level" => r.levels.push(Level {
                printed: phrase.to_lowercase(),
                folded: fold(phrase),
                local: arg == "local",
            }),
            other => r
                .problems
                .push(format!("fillers.tsv: unknown rule {other:?}")),
        }
    }
    for row in rows("known_bodies.tsv") {
        let canonical = row.col(0).to_string();
        let mut forms = vec![fold(&canonical)];
        forms.extend(
            row.col(2)
                .split('|')
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(fold),
        );
        r.known.push(Known {
            canonical,
            needs_level: yes(row.col(1)),
            forms,
        });
    }
    // Longest phrases first, so that the first match is the longest one.
    r.org.sort_by_key(|o| std::cmp::Reverse(o.folded.len()));
    r.openers.sort_by_key(|o| std::cmp::Reverse(o.len()));
    r.nouns.sort_by_key(|n| std::cmp::Reverse(n.folded.len()));
    r.titles.sort_by_key(|t| std::cmp::Reverse(t.folded.len()));
    r.levels.sort_by_key(|l| std::cmp::Reverse(l.folded.len()));
    r
});

pub(crate) fn rule_problems() -> Vec<String> {
    RULES.problems.clone()
}

/// The rule phrases tried against the start of a text, indexed by length
/// (built once; each in the order its list is tried, longest first).
struct Indexes {
    org: PhraseIndex,
    openers: PhraseIndex,
    nouns: PhraseIndex,
    titles: PhraseIndex,
    levels: PhraseIndex,
    /// Every form of every known body, in `RULES.known` order, with
    /// `known_of[i]` the body of form `i`.
    known: PhraseIndex,
    known_of: Vec<usize>,
    /// `org`, `openers`, `nouns` and `known` one after the other, at
    /// `start_lists`: what [`Starts`] looks up.
    start: PhraseIndex,
    start_lists: [Range<usize>; 4],
}

static INDEXES: LazyLock<Indexes> = LazyLock::new(|| {
    let org: Vec<&str> = RULES.org.iter().map(|o| o.folded.as_str()).collect();
    let openers: Vec<&str> = RULES.openers.iter().map(String::as_str).collect();
    let nouns: Vec<&str> = RULES.nouns.iter().map(|n| n.folded.as_str()).collect();
    let (known_of, forms): (Vec<usize>, Vec<&str>) = RULES
        .known
        .iter()
        .enumerate()
        .flat_map(|(k, known)| known.forms.iter().map(move |f| (k, f.as_str())))
        .unzip();
    let lists = [&org, &openers, &nouns, &forms];
    let mut at = 0;
    let start_lists = lists.map(|list| {
        at += list.len();
        at - list.len()..at
    });
    Indexes {
        start: PhraseIndex::new(lists.into_iter().flatten().copied()),
        start_lists,
        org: PhraseIndex::new(org.iter().copied()),
        openers: PhraseIndex::new(openers.iter().copied()),
        nouns: PhraseIndex::new(nouns.iter().copied()),
        titles: PhraseIndex::new(RULES.titles.iter().map(|t| t.folded.as_str())),
        levels: PhraseIndex::new(RULES.levels.iter().map(|l| l.folded.as_str())),
        known: PhraseIndex::new(forms.iter().copied()),
        known_of,
    }
});

/// The longest organisation word `text` starts with, and its printed length.
fn org_word(pf: &PrefixFolds<'_>) -> Option<(usize, &'static OrgWord)> {
    pf.first_match(&INDEXES.org)
        .map(|(i, len)| (len, &RULES.org[i]))
}

/// The printed length of the collective opener (`Các`) `text` starts with.
fn opener(pf: &PrefixFolds<'_>) -> Option<usize> {
    pf.first_match(&INDEXES.openers).map(|(_, len)| len)
}

/// The longest collective noun `text` starts with, and its printed length.
fn noun(pf: &PrefixFolds<'_>) -> Option<(usize, &'static Noun)> {
    pf.first_match(&INDEXES.nouns)
        .map(|(i, len)| (len, &RULES.nouns[i]))
}

/// The known body whose name (or a variant) `text` starts with, the longest
/// such name (of equal ones, the last body listed), and its printed length.
fn known_prefix(pf: &PrefixFolds<'_>) -> Option<(usize, &'static Known)> {
    pf.longest_match(&INDEXES.known)
        .map(|(i, len)| (len, &RULES.known[INDEXES.known_of[i]]))
}

/// How a text starts, looked up in one pass over its folded prefixes: what
/// [`org_word`], [`opener`] and [`noun`] give, and whether it starts with a
/// known body's name.
#[derive(Debug, Clone, Copy)]
struct Starts {
    org: Option<(usize, &'static OrgWord)>,
    opener: Option<usize>,
    noun: Option<(usize, &'static Noun)>,
    known: bool,
}

impl Starts {
    fn of(pf: &PrefixFolds<'_>) -> Starts {
        let [org, opener, noun, known] = pf.first_matches(&INDEXES.start, &INDEXES.start_lists);
        Starts {
            org: org.map(|(i, len)| (len, &RULES.org[i])),
            opener: opener.map(|(_, len)| len),
            noun: noun.map(|(i, len)| (len, &RULES.nouns[i])),
            known: known.is_some(),
        }
    }
}

#[cfg(test)]
mod tests;
