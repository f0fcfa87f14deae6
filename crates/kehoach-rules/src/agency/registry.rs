//! The agencies of one document, folded into one entry per body.

use std::cell::RefCell;
use std::collections::BTreeSet;

use kehoach_schema::{Agency, AgencyKind};
use kehoach_text::strip_marks;

use super::canon::{agency_kind, canonical_keyed, Canonical, Locality};
use super::split::{split_cell, Body};
use crate::folds::{FxHashMap, FxHashSet};

/// What is known about one body while a document is read.
#[derive(Debug, Default)]
struct Entry {
    id: String,
    /// Each canonical name given: distinct names, in order of first mention
    /// (`finish` picks one by a total order, so this order cannot reach the
    /// output).
    names: Vec<Name>,
    /// Every surface form seen, exactly as printed.
    aliases: BTreeSet<String>,
    mentions: u32,
}

/// One canonical name of a body.
#[derive(Debug)]
struct Name {
    text: String,
    /// How many mentions gave it.
    count: u32,
    /// Its [`agency_kind`], when found on the way (see
    /// [`Canonical::kind`](super::canon::Canonical)).
    kind: Option<AgencyKind>,
}

/// Folds the agency mentions of one document into one entry per body.
///
/// Call [`Registry::add_cell`] for every agency cell (or [`Registry::add`]
/// for every body of it), in document order, keep the ids it returns in the
/// row, then [`Registry::finish`] for the `agencies` list. The output
/// depends only on the mentions and their order.
///
/// ## Ids
/// An agency's id is [`slug`](kehoach_text::slug) of its canonical name,
/// with `-2`, `-3` … added when two bodies would get the same slug (in
/// order of first mention).
/// `add` must return the id before the name is chosen, and it can: all
/// spellings of one body have canonical names that differ only in case,
/// tone placement and dashes (see [`canonical_name`](super::canonical_name)),
/// which `slug` ignores. So the id equals `slug(name)` whichever spelling
/// ends up as the name.
///
/// ## Repeats
/// Plans repeat the same cells and bodies many times, so the work is done
/// once per distinct text of the document: a cell is split once, a surface
/// (with its implied name) canonicalised once, and a later mention only
/// counts. The maps below are only looked up, never iterated, so their
/// order cannot reach the output; they live as long as the registry, one
/// document.
#[derive(Debug, Default)]
pub struct Registry {
    locality: Locality,
    /// Identity key → index in `entries`.
    keys: FxHashMap<String, usize>,
    /// One entry per body, in order of first mention (`finish` sorts them
    /// by id, which is unique, so this order cannot reach the output).
    entries: Vec<Entry>,
    /// Ids given so far.
    ids: FxHashSet<String>,
    /// The canonical name and entry per surface and implied name already
    /// seen. Keyed by surface first so that a lookup needs no allocation.
    canon: FxHashMap<String, Vec<(Option<String>, Named)>>,
    /// Per agency cell text already seen: the body of each mention in it
    /// and the ids to return.
    cells: FxHashMap<String, Cell>,
}

/// The body of a mention and its canonical name: `entries[entry]` and its
/// `names[name]`.
#[derive(Debug, Clone, Copy)]
struct Named {
    entry: usize,
    name: usize,
}

/// What one agency cell gave.
#[derive(Debug)]
struct Cell {
    /// Per body named, in order.
    bodies: Vec<Named>,
    /// The bodies' ids, in order, without repeats.
    ids: Vec<String>,
}

impl Registry {
    /// An empty registry for a document issued by `locality`: level and name
    /// (`"xã Kiến Thụy"`), name only (`"Kiến Thụy"`), or `None` (see
    /// [`agency_key`](super::agency_key)).
    ///
    /// A registry is one document's: making one empties this thread's memos
    /// of token folds and mark-less characters, so that no document's work
    /// is done by an earlier one.
    pub fn new(locality: Option<String>) -> Registry {
        crate::folds::memo::forget();
        MARKLESS.with(|markless| markless.borrow_mut().clear());
        // Room for the bodies and cells of a typical plan (a few dozen), so
        // that the maps seldom grow.
        let room = 64;
        Registry {
            locality: Locality::parse(locality.as_deref()),
            keys: FxHashMap::with_capacity_and_hasher(room, Default::default()),
            entries: Vec::with_capacity(room),
            ids: FxHashSet::with_capacity_and_hasher(room, Default::default()),
            canon: FxHashMap::with_capacity_and_hasher(room, Default::default()),
            cells: FxHashMap::with_capacity_and_hasher(room, Default::default()),
        }
    }

    /// Records one mention of a body printed as `surface` (an elliptical
    /// surface with the full name it implies, see
    /// [`BodyRef`](super::BodyRef)) and returns the agency's id.
    ///
    /// The mention counts once; `surface` is kept as an alias exactly as
    /// printed.
    pub fn add(&mut self, surface: &str, implied: Option<&str>) -> String {
        let named = self.named(surface, implied, None);
        self.count(named);
        self.entries[named.entry].id.clone()
    }

    /// Records the mentions of the bodies one agency cell names (see
    /// [`split_agencies_detailed`](super::split_agencies_detailed)), as [`Registry::add`] of each would,
    /// and returns their ids in order, without repeats.
    pub fn add_cell(&mut self, cell: &str) -> Vec<String> {
        if let Some(seen) = self.cells.get(cell) {
            for &named in &seen.bodies {
                count(&mut self.entries, named);
            }
            return seen.ids.clone();
        }
        let mut bodies: Vec<Named> = Vec::new();
        split_cell(cell, &mut |body| {
            bodies.push(self.named(body.surface, body.implied.as_deref(), Some(&body)));
        });
        let mut entries: Vec<usize> = Vec::with_capacity(bodies.len());
        for &named in &bodies {
            self.count(named);
            // Ids are unique per entry.
            if !entries.contains(&named.entry) {
                entries.push(named.entry);
            }
        }
        let ids: Vec<String> = entries
            .iter()
            .map(|&entry| self.entries[entry].id.clone())
            .collect();
        self.cells.insert(
            cell.to_string(),
            Cell {
                bodies,
                ids: ids.clone(),
            },
        );
        ids
    }

    /// The body and canonical name of a mention, canonicalising `surface`
    /// the first time it is seen with `implied` (and then keeping it as an
    /// alias of its body: a later mention has it already). `body`, if
    /// given, is the body as the split of its cell gave it, whose folds
    /// the canonical name of a complete surface starts from.
    fn named(&mut self, surface: &str, implied: Option<&str>, body: Option<&Body<'_>>) -> Named {
        let seen = self
            .canon
            .get(surface)
            .and_then(|seen| seen.iter().find(|(i, _)| i.as_deref() == implied));
        if let Some(&(_, named)) = seen {
            return named;
        }
        let folds = body.filter(|_| implied.is_none()).and_then(Body::folds);
        let Canonical { name, key, kind } =
            canonical_keyed(implied.unwrap_or(surface), &self.locality, true, folds);
        let index = match self.keys.get(&key) {
            Some(&index) => index,
            None => {
                let id = new_id(&mut self.ids, &name);
                self.entries.push(Entry {
                    id,
                    ..Entry::default()
                });
                self.keys.insert(key, self.entries.len() - 1);
                self.entries.len() - 1
            }
        };
        let entry = &mut self.entries[index];
        let slot = match entry.names.iter().position(|n| n.text == name) {
            Some(slot) => slot,
            None => {
                entry.names.push(Name {
                    text: name,
                    count: 0,
                    kind: None,
                });
                entry.names.len() - 1
            }
        };
        entry.names[slot].kind = entry.names[slot].kind.or(kind);
        if !entry.aliases.contains(surface) {
            entry.aliases.insert(surface.to_string());
        }
        let named = Named {
            entry: index,
            name: slot,
        };
        self.canon
            .entry(surface.to_string())
            .or_default()
            .push((implied.map(str::to_string), named));
        named
    }

    /// Counts one mention.
    fn count(&mut self, named: Named) {
        count(&mut self.entries, named);
    }

    /// The document's agencies, sorted by id: one per body, named by the
    /// canonical name given by most mentions (ties: the longer, then the
    /// first in code-point order), with every surface form seen as an alias
    /// (sorted, including the one the name was made from).
    pub fn finish(self) -> Vec<Agency> {
        let mut out: Vec<Agency> = self
            .entries
            .into_iter()
            .map(|entry| {
                // The order is total on distinct names, so which of them
                // comes first in `names` does not matter.
                let name = entry.names.into_iter().max_by(|a, b| {
                    a.count
                        .cmp(&b.count)
                        .then(a.text.chars().count().cmp(&b.text.chars().count()))
                        .then(b.text.cmp(&a.text))
                });
                let (name, kind) = match name {
                    Some(Name {
                        text,
                        kind: Some(kind),
                        ..
                    }) => (text, kind),
                    name => {
                        let name = name.map(|n| n.text).unwrap_or_default();
                        let kind = agency_kind(&name);
                        (name, kind)
                    }
                };
                Agency {
                    id: entry.id,
                    kind,
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

/// Counts one mention of the body and name `named` in `entries`.
fn count(entries: &mut [Entry], named: Named) {
    let entry = &mut entries[named.entry];
    entry.names[named.name].count += 1;
    entry.mentions += 1;
}

thread_local! {
    /// What non-ASCII characters are without their marks (see [`slug_of`]).
    static MARKLESS: RefCell<FxHashMap<char, String>> = RefCell::new(FxHashMap::default());
}

/// [`slug`](kehoach_text::slug) of `name`, a character at a time. `slug`
/// takes the marks off (`strip_marks`: a canonical decomposition with the
/// combining marks dropped, which gives for each character what it gives
/// for that character alone, since decomposing only ever reorders the marks
/// it drops), lower-cases, and joins the runs of ASCII letters and digits
/// with single dashes. What a non-ASCII character is without its marks is
/// asked of `strip_marks` once per document (a small table, only looked
/// up, emptied by [`Registry::new`]);
/// `tests::slugs_a_character_at_a_time` checks every character and name.
fn slug_of(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut push = |c: char| {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    };
    MARKLESS.with(|markless| {
        let mut markless = markless.borrow_mut();
        for c in name.chars() {
            if c.is_ascii() {
                push(c.to_ascii_lowercase());
                continue;
            }
            if markless.len() >= 4096 {
                markless.clear();
            }
            let bare = markless
                .entry(c)
                .or_insert_with(|| strip_marks(c.encode_utf8(&mut [0; 4])));
            bare.chars()
                .flat_map(char::to_lowercase)
                .for_each(&mut push);
        }
    });
    out.truncate(out.trim_end_matches('-').len());
    out
}

/// A fresh id for a body first named `name`, recorded in `ids`.
fn new_id(ids: &mut FxHashSet<String>, name: &str) -> String {
    let base = Some(slug_of(name))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "agency".to_string());
    let mut id = base.clone();
    let mut n = 2;
    while ids.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    ids.insert(id.clone());
    id
}

#[cfg(test)]
mod tests {
    use kehoach_text::slug;

    use super::*;

    /// `slug_of` is `slug`, on every character alone and next to others,
    /// and on every line of the corpus.
    #[test]
    fn slugs_a_character_at_a_time() {
        let mut texts: Vec<String> = (0..0x3100)
            .filter_map(char::from_u32)
            .flat_map(|c| [format!("{c}"), format!("Ả{c}b-"), format!("- {c}Đ")])
            .collect();
        for text in crate::corpus_texts() {
            texts.extend(text.lines().map(str::to_string));
        }
        for text in &texts {
            assert_eq!(slug_of(text), slug(text), "{text:?}");
        }
    }
}
