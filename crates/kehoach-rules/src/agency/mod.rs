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
use std::sync::LazyLock;

use kehoach_schema::AgencyKind;
use kehoach_text::fold;

use crate::tables::{rows, yes};
use crate::words::PrefixFolds;

pub use canon::{agency_key, agency_kind, canonical_name};
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

/// The longest organisation word `text` starts with, and its printed length.
fn org_word(pf: &PrefixFolds<'_>) -> Option<(usize, &'static OrgWord)> {
    RULES
        .org
        .iter()
        .find_map(|o| pf.len_of(&o.folded).map(|len| (len, o)))
}

/// The printed length of the collective opener (`Các`) `text` starts with.
fn opener(pf: &PrefixFolds<'_>) -> Option<usize> {
    RULES.openers.iter().find_map(|o| pf.len_of(o))
}

/// The longest collective noun `text` starts with, and its printed length.
fn noun(pf: &PrefixFolds<'_>) -> Option<(usize, &'static Noun)> {
    RULES
        .nouns
        .iter()
        .find_map(|n| pf.len_of(&n.folded).map(|len| (len, n)))
}

#[cfg(test)]
mod tests;
