//! The agencies of one document, folded into one entry per body.

use std::collections::HashMap;
use std::collections::{BTreeMap, BTreeSet};

use kehoach_schema::Agency;
use kehoach_text::{fold, slug};

use super::canon::{agency_kind, canonical_in, Locality};

/// What is known about one body while a document is read.
#[derive(Debug, Default)]
struct Entry {
    id: String,
    /// Canonical name → how many mentions gave it.
    names: BTreeMap<String, u32>,
    /// Every surface form seen, exactly as printed.
    aliases: BTreeSet<String>,
    mentions: u32,
}

/// Folds the agency mentions of one document into one entry per body.
///
/// Call [`Registry::add`] for every body of every agency cell (in document
/// order), keep the id it returns in the row, then [`Registry::finish`] for
/// the `agencies` list. Everything is kept in ordered maps, so the output
/// depends only on the mentions and their order.
///
/// ## Ids
/// An agency's id is [`slug`] of its canonical name, with `-2`, `-3` … added
/// when two bodies would get the same slug (in order of first mention).
/// `add` must return the id before the name is chosen, and it can: all
/// spellings of one body have canonical names that differ only in case,
/// tone placement and dashes (see [`canonical_name`](super::canonical_name)),
/// which `slug` ignores. So the id equals `slug(name)` whichever spelling
/// ends up as the name.
#[derive(Debug, Default)]
pub struct Registry {
    locality: Locality,
    /// Identity key → entry.
    entries: BTreeMap<String, Entry>,
    /// Ids given so far.
    ids: BTreeSet<String>,
    /// Canonical name per (surface, implied) already seen: documents repeat
    /// the same cells many times. Only looked up, never iterated.
    canon: HashMap<(String, Option<String>), String>,
}

impl Registry {
    /// An empty registry for a document issued by `locality`: level and name
    /// (`"xã Kiến Thụy"`), name only (`"Kiến Thụy"`), or `None` (see
    /// [`agency_key`](super::agency_key)).
    pub fn new(locality: Option<String>) -> Registry {
        Registry {
            locality: Locality::parse(locality.as_deref()),
            ..Registry::default()
        }
    }

    /// Records one mention of a body printed as `surface` (an elliptical
    /// surface with the full name it implies, see
    /// [`BodyRef`](super::BodyRef)) and returns the agency's id.
    ///
    /// The mention counts once; `surface` is kept as an alias exactly as
    /// printed.
    pub fn add(&mut self, surface: &str, implied: Option<&str>) -> String {
        let memo_key = (surface.to_string(), implied.map(str::to_string));
        let name = match self.canon.get(&memo_key) {
            Some(name) => name.clone(),
            None => {
                let name = canonical_in(implied.unwrap_or(surface), &self.locality);
                self.canon.insert(memo_key, name.clone());
                name
            }
        };
        let key = fold(&name);
        let entry = match self.entries.get_mut(&key) {
            Some(entry) => entry,
            None => {
                let id = self.new_id(&name);
                self.entries.entry(key).or_insert(Entry {
                    id,
                    ..Entry::default()
                })
            }
        };
        *entry.names.entry(name).or_default() += 1;
        entry.aliases.insert(surface.to_string());
        entry.mentions += 1;
        entry.id.clone()
    }

    /// A fresh id for a body first named `name`.
    fn new_id(&mut self, name: &str) -> String {
        let base = Some(slug(name))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "agency".to_string());
        let mut id = base.clone();
        let mut n = 2;
        while self.ids.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.ids.insert(id.clone());
        id
    }

    /// The document's agencies, sorted by id: one per body, named by the
    /// canonical name given by most mentions (ties: the longer, then the
    /// first in code-point order), with every surface form seen as an alias
    /// (sorted, including the one the name was made from).
    pub fn finish(self) -> Vec<Agency> {
        let mut out: Vec<Agency> = self
            .entries
            .into_values()
            .map(|entry| {
                let name = entry
                    .names
                    .iter()
                    .max_by(|a, b| {
                        a.1.cmp(b.1)
                            .then(a.0.chars().count().cmp(&b.0.chars().count()))
                            .then(b.0.cmp(a.0))
                    })
                    .map(|(name, _)| name.clone())
                    .unwrap_or_default();
                Agency {
                    id: entry.id,
                    kind: agency_kind(&name),
                    name,
                    aliases: entry.aliases.into_iter().collect(),
                    mentions: entry.mentions,
                }
            })
            .collect();
        out.sort_by(|a, b| a.id.cmp(&b.id));
        out
    }
}
