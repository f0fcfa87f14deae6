//! Tasks written in the body instead of a table (contract 1.2, OUTPUT.md
//! "Tasks and targets written in prose").
//!
//! Form 1, the *labelled item*: an item of the outline (a numbered heading,
//! or a bullet) followed by bullets of the shape `LABEL: value`, the labels
//! being the phrases of `rules/prose_labels.tsv` (`Đơn vị thực hiện`,
//! `Cơ quan phối hợp`, `Thời hạn`, `Sản phẩm` …). An item is a task only
//! when a lead label names its bodies.
//!
//! Under a numbered heading the bullets are read as units: each bullet that
//! is no label line opens a unit, and the label lines after it belong to
//! it (label lines right under the heading belong to the heading).
//! - Label lines right under the heading with a lead: the heading is a task.
//! - Otherwise, when exactly one unit has a lead label, the labels are the
//!   heading's, printed after its content bullets (`1. Triển khai …` /
//!   `- Việc thực hiện …` / `- Đơn vị thực hiện: …` / `- Thời gian …`):
//!   the heading is a task, with the section's labels.
//! - When two or more units have a lead label, each of them is a task of
//!   its own: the bullet is the name, the heading the group.
//!
//! Not yet read (issue 11): agency headings (form 2), roles inside a
//! sentence (form 3) outside a labelled line, `(n)` paragraphs and label
//! lines printed without a bullet marker (the outline does not keep them).

use crate::prose_roles::{bodies_part, cooperating_in, subject};
use crate::rows::Bodies;
use kehoach_rules::{is_letter_or_digit, parse_deadline};
use kehoach_schema::{Deadline, Origin, Section, Span, Task};
use kehoach_text::{fold, SourceText};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// What a label line gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    Lead,
    Cooperating,
    Deadline,
    Output,
}

/// The `(phrase, role)` rows of a prose rule table (`rules/prose_*.tsv`):
/// lines with a tab, comments (`#`) left out, both columns trimmed.
pub(crate) fn tsv_rows(table: &'static str) -> impl Iterator<Item = (&'static str, &'static str)> {
    table
        .lines()
        .filter(|l| !l.starts_with('#') && l.contains('\t'))
        .map(|l| {
            let (phrase, role) = l.split_once('\t').expect("checked above");
            (phrase.trim(), role.trim())
        })
}

/// The rows of `rules/prose_labels.tsv`: `(phrase, role)`.
fn rule_rows() -> impl Iterator<Item = (&'static str, &'static str)> {
    tsv_rows(include_str!("../rules/prose_labels.tsv"))
}

/// The label phrases, by [`label_key`].
static LABELS: LazyLock<HashMap<String, Label>> = LazyLock::new(|| {
    rule_rows()
        .map(|(phrase, role)| {
            let label = match role {
                "lead" => Label::Lead,
                "cooperating" => Label::Cooperating,
                "deadline" => Label::Deadline,
                "output" => Label::Output,
                other => panic!("prose_labels.tsv: unknown role {other:?}"),
            };
            (label_key(phrase), label)
        })
        .collect()
});

/// The comparison key of a label: folded, parentheses dropped.
fn label_key(head: &str) -> String {
    fold(&head.replace(['(', ')'], " "))
}

/// The label and value of a label line (`Đơn vị thực hiện: Sở Y tế`), the
/// value trimmed and not empty.
fn labelled(item: &str) -> Option<(Label, &str)> {
    let (head, value) = split_at_colon(item)?;
    let value = value.trim();
    if value.is_empty() || head.chars().count() > 40 {
        return None;
    }
    LABELS.get(&label_key(head)).map(|&l| (l, value))
}

/// `text.split_once([':', '：'])`: most items are no label lines, and
/// looking for each colon alone (the full-width one only before the first
/// ASCII one) goes over the bytes instead of decoding every character.
fn split_at_colon(text: &str) -> Option<(&str, &str)> {
    let ascii = text.find(':');
    let before = &text[..ascii.unwrap_or(text.len())];
    match (before.find('：'), ascii) {
        (Some(wide), _) => Some((&text[..wide], &text[wide + '：'.len_utf8()..])),
        (None, Some(at)) => Some((&text[..at], &text[at + 1..])),
        (None, None) => None,
    }
}

/// An item and the label lines after it: `item` is the index of the bullet
/// in the section's items, `None` for the heading itself.
struct Unit<'s> {
    item: Option<usize>,
    labels: Vec<(Label, &'s str, usize)>,
}

impl Unit<'_> {
    fn has_lead(&self) -> bool {
        self.labels.iter().any(|l| l.0 == Label::Lead)
    }
}

/// The prose tasks in the outline `sections` (forms 1 to 3), their bodies
/// registered in `bodies`. `text` is the source, for the spans and for the
/// paragraph under an agency heading that has no bullets.
pub(crate) fn prose_tasks(
    sections: &[Section],
    text: &SourceText,
    bodies: &mut Bodies,
) -> Vec<Task> {
    let mut cx = Cx {
        text,
        bodies,
        ids: HashSet::new(),
        out: Vec::new(),
    };
    walk(sections, None, None, "", None, &mut cx);
    cx.out
}

/// What every section's reading shares.
struct Cx<'a> {
    text: &'a SourceText,
    bodies: &'a mut Bodies,
    ids: HashSet<String>,
    out: Vec<Task>,
}

fn walk(
    sections: &[Section],
    group: Option<&str>,
    parent: Option<&str>,
    path: &str,
    next_start: Option<u32>,
    cx: &mut Cx<'_>,
) {
    for (i, s) in sections.iter().enumerate() {
        // `3.1` under `3` of `II` is `II.3.1`, not `II.3.3.1`.
        let own = parent
            .and_then(|p| s.number.strip_prefix(p))
            .and_then(|r| r.strip_prefix('.'))
            .unwrap_or(&s.number);
        let path = if path.is_empty() {
            own.to_string()
        } else {
            format!("{path}.{own}")
        };
        // Where the text under this section ends: the next heading.
        let next = sections
            .get(i + 1)
            .map(|n| n.span.start_line)
            .or(next_start);
        let consumed = labelled_items(s, group, &path, cx);
        role_tasks(s, group, &path, next, consumed, cx);
        walk(
            &s.children,
            Some(&s.title),
            Some(&s.number),
            &path,
            next,
            cx,
        );
    }
}

/// What form 1 took of a section: its heading (as a task), and its items
/// (label lines, and bullets that became tasks).
struct Consumed {
    heading: bool,
    items: Vec<bool>,
}

/// Form 1: the labelled items of a section.
fn labelled_items(s: &Section, group: Option<&str>, path: &str, cx: &mut Cx<'_>) -> Consumed {
    let mut consumed = Consumed {
        heading: false,
        items: vec![false; s.items.len()],
    };
    let mut units = vec![Unit {
        item: None,
        labels: vec![],
    }];
    for (k, item) in s.items.iter().enumerate() {
        match labelled(item) {
            Some((label, value)) => {
                // A label line is never a task of its own.
                consumed.items[k] = true;
                units
                    .last_mut()
                    .expect("never empty")
                    .labels
                    .push((label, value, k));
            }
            None => units.push(Unit {
                item: Some(k),
                labels: vec![],
            }),
        }
    }
    let with_lead = units.iter().filter(|u| u.has_lead()).count();
    if with_lead == 0 {
        return consumed;
    }
    if units[0].has_lead() || with_lead == 1 {
        // The heading's task: label lines right under it, or (when only one
        // unit names a lead) every label line of the section.
        let labels: Vec<_> = if units[0].has_lead() {
            units[0].labels.clone()
        } else {
            units
                .iter()
                .flat_map(|u| u.labels.iter().copied())
                .collect()
        };
        let last = labels.iter().map(|l| l.2).max();
        let span = item_span(cx.text, s, None, last);
        let id = unique(&mut cx.ids, format!("p.{path}"));
        let task = task_of(
            s.title.clone(),
            group.map(str::to_string),
            Some(s.number.clone()),
            &labels,
            span,
            id,
            cx.bodies,
        );
        cx.out.push(task);
        consumed.heading = true;
        if units[0].has_lead() {
            // Bullets after it that carry their own lead are tasks too.
            bullet_tasks(s, &units[1..], path, &mut consumed, cx);
        }
        return consumed;
    }
    bullet_tasks(s, &units[1..], path, &mut consumed, cx);
    consumed
}

/// A task of each bullet unit with a lead label.
fn bullet_tasks(
    s: &Section,
    units: &[Unit<'_>],
    path: &str,
    consumed: &mut Consumed,
    cx: &mut Cx<'_>,
) {
    for u in units.iter().filter(|u| u.has_lead()) {
        let Some(k) = u.item else { continue };
        consumed.items[k] = true;
        let last = u.labels.iter().map(|l| l.2).max();
        let span = item_span(cx.text, s, Some(k), last);
        let id = unique(&mut cx.ids, format!("p.{path}.b{}", k + 1));
        let task = task_of(
            s.items[k].clone(),
            Some(s.title.clone()),
            None,
            &u.labels,
            span,
            id,
            cx.bodies,
        );
        cx.out.push(task);
    }
}

/// Forms 2 and 3: an agency heading's bullets (or its one paragraph), and
/// bullets whose subject is a body, each with the bodies named after
/// `phối hợp (với)` as cooperating.
fn role_tasks(
    s: &Section,
    group: Option<&str>,
    path: &str,
    next: Option<u32>,
    consumed: Consumed,
    cx: &mut Cx<'_>,
) {
    let heading = if consumed.heading {
        None
    } else {
        subject(&s.title, false)
    };
    let mut lines = ItemLines::new(cx.text, s);
    for (k, item) in s.items.iter().enumerate() {
        if consumed.items[k] {
            continue;
        }
        let own = subject(item, true);
        // The bullets of an agency heading belong to the section above it;
        // a bullet with its own subject elsewhere, to its section.
        let (lead, group) = match (&own, &heading) {
            (Some(o), Some(_)) => (o.bodies, group),
            (Some(o), None) => (o.bodies, Some(s.title.as_str())),
            (None, Some(h)) => (h.bodies, group),
            (None, None) => continue,
        };
        let span = lines.span(Some(k), Some(k));
        let id = unique(&mut cx.ids, format!("p.{path}.b{}", k + 1));
        let task = role_task(item.clone(), group, None, lead, span, id, cx.bodies);
        cx.out.push(task);
    }
    let Some(h) = heading else { return };
    if !s.items.is_empty() || !s.children.is_empty() {
        return;
    }
    // One task: the heading itself when it says what its bodies do
    // (`3. Phòng Văn hóa - Xã hội chủ trì, phối hợp …`), else the text
    // after its colon, else its paragraph.
    let mut span = Span::lines(s.span.start_line, s.span.end_line);
    let name = if h.predicate {
        s.title.clone()
    } else if !h.rest.is_empty() {
        h.rest.to_string()
    } else {
        match paragraph_after(cx.text, s, next) {
            Some((paragraph, last)) => {
                span.end_line = last;
                paragraph
            }
            None => return,
        }
    };
    let id = unique(&mut cx.ids, format!("p.{path}"));
    let task = role_task(
        name,
        group,
        Some(s.number.clone()),
        h.bodies,
        span,
        id,
        cx.bodies,
    );
    cx.out.push(task);
}

fn role_task(
    name: String,
    group: Option<&str>,
    number: Option<String>,
    lead: &str,
    span: Span,
    id: String,
    bodies: &mut Bodies,
) -> Task {
    let lead = bodies.add_cell(lead);
    let mut cooperating: Vec<String> = Vec::new();
    for part in cooperating_in(&name) {
        for id in bodies.add_cell(part) {
            if !cooperating.contains(&id) && !lead.contains(&id) {
                cooperating.push(id);
            }
        }
    }
    Task {
        id,
        origin: Origin::Prose,
        table: None,
        group: group.map(str::to_string),
        number,
        name,
        lead,
        cooperating,
        responsible: None,
        output: None,
        deadline: None,
        notes: None,
        subtasks: vec![],
        span,
        provenance: Default::default(),
    }
}

/// How many lines under a heading its paragraph is looked for in.
const PARAGRAPH_REACH: u32 = 40;

/// The paragraph printed under a heading that has no bullets: its lines up
/// to the next heading, a bullet, or the end of a sentence at a line's end,
/// joined; and the number of its last line. Blank lines and page numbers
/// are passed over.
fn paragraph_after(text: &SourceText, s: &Section, next: Option<u32>) -> Option<(String, u32)> {
    let from = s.span.end_line + 1;
    let to = next
        .map(|n| n.saturating_sub(1))
        .unwrap_or(u32::MAX)
        .min(from + PARAGRAPH_REACH);
    let mut parts: Vec<&str> = Vec::new();
    let mut last = 0;
    for line in text
        .lines
        .iter()
        .skip(from.saturating_sub(1) as usize)
        .take_while(|l| l.no <= to)
    {
        let t = line.text.trim().trim_matches(['*', '_', '#', ' ']);
        if t.is_empty() || t.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        if t.starts_with(['-', '+', '•', '–']) {
            break;
        }
        parts.push(t);
        last = line.no;
        if t.ends_with(['.', ';']) {
            break;
        }
    }
    if parts.is_empty() {
        return None;
    }
    Some((parts.join(" "), last))
}

pub(crate) fn unique(ids: &mut HashSet<String>, id: String) -> String {
    let mut n = 1;
    let mut candidate = id.clone();
    while !ids.insert(candidate.clone()) {
        n += 1;
        candidate = format!("{id}-{n}");
    }
    candidate
}

fn task_of(
    name: String,
    group: Option<String>,
    number: Option<String>,
    labels: &[(Label, &str, usize)],
    span: Span,
    id: String,
    bodies: &mut Bodies,
) -> Task {
    let mut lead: Vec<String> = Vec::new();
    let mut cooperating: Vec<String> = Vec::new();
    let mut deadline = None;
    let mut output: Option<String> = None;
    let push_all = |into: &mut Vec<String>, ids: Vec<String>| {
        for id in ids {
            if !into.contains(&id) {
                into.push(id);
            }
        }
    };
    for &(label, value, _) in labels {
        match label {
            Label::Lead => match bodies.roles_in_words(value) {
                Some((l, c)) => {
                    push_all(&mut lead, l);
                    push_all(&mut cooperating, c);
                }
                None => push_all(&mut lead, bodies.add_cell(bodies_part(value))),
            },
            Label::Cooperating => {
                push_all(&mut cooperating, bodies.add_cell(bodies_part(value)));
            }
            Label::Deadline if deadline.is_none() => {
                let d = parse_deadline(value);
                deadline = Some(Deadline {
                    raw: value.to_string(),
                    kind: d.kind,
                    start: d.start,
                    end: d.end,
                });
            }
            Label::Output if output.is_none() => output = Some(value.to_string()),
            Label::Deadline | Label::Output => {}
        }
    }
    Task {
        id,
        origin: Origin::Prose,
        table: None,
        group,
        number,
        name,
        lead,
        cooperating,
        responsible: None,
        output,
        deadline,
        notes: None,
        subtasks: vec![],
        span,
        provenance: Default::default(),
    }
}

/// The lines of an item: from the heading (or from the bullet `item`) to
/// the line where the bullet `last` starts, found in the source after the
/// heading. What cannot be found leaves the heading's lines.
pub(crate) fn item_span(
    text: &SourceText,
    s: &Section,
    item: Option<usize>,
    last: Option<usize>,
) -> Span {
    ItemLines::new(text, s).span(item, last)
}

/// The lines where a section's items start, found one after the other
/// after the heading (each at or after the line after the previous one),
/// as far as asked: every span of the section's items reads them from its
/// first item on, so a section's items are looked for once, not once per
/// span.
pub(crate) struct ItemLines<'a> {
    text: &'a SourceText,
    section: &'a Section,
    /// The lines of the first items, up to the first one not found.
    found: Vec<u32>,
    /// Whether an item was not found: the items after it are not looked for.
    stopped: bool,
}

impl<'a> ItemLines<'a> {
    pub(crate) fn new(text: &'a SourceText, section: &'a Section) -> ItemLines<'a> {
        ItemLines {
            text,
            section,
            found: Vec::new(),
            stopped: false,
        }
    }

    /// The line of item `k`, if it and every item before it were found.
    fn line(&mut self, k: usize) -> Option<u32> {
        while self.found.len() <= k && !self.stopped {
            let from = match self.found.last() {
                Some(&line) => line + 1,
                None => self.section.span.end_line + 1,
            };
            match find_line(self.text, from, &self.section.items[self.found.len()]) {
                Some(line) => self.found.push(line),
                None => self.stopped = true,
            }
        }
        self.found.get(k).copied()
    }

    /// The lines of an item: from the heading (or from the bullet `item`)
    /// to the line where the bullet `last` starts (see [`item_span`]).
    pub(crate) fn span(&mut self, item: Option<usize>, last: Option<usize>) -> Span {
        let s = self.section;
        let mut span = Span::lines(s.span.start_line, s.span.end_line);
        let mut first = true;
        let upto = last.unwrap_or(0).max(item.unwrap_or(0));
        for k in 0..=upto {
            let Some(found) = self.line(k) else {
                break;
            };
            if item == Some(k) && first {
                span.start_line = found;
                first = false;
            }
            if Some(k) == last || Some(k) == item {
                span.end_line = span.end_line.max(found);
            }
        }
        if span.end_line < span.start_line {
            span.end_line = span.start_line;
        }
        span
    }
}

/// How far after the previous item a bullet is looked for, in lines.
const FIND_REACH: u32 = 200;

/// The number of the first line at or after `from` that starts with the
/// first letters and digits of `item` (markers, spacing and punctuation
/// ignored).
fn find_line(text: &SourceText, from: u32, item: &str) -> Option<u32> {
    // The item's letters are picked once, not once per line tried.
    let mut want = ['\0'; 16];
    let mut n = 0;
    for (slot, c) in want
        .iter_mut()
        .zip(item.chars().filter(|&c| is_letter_or_digit(c)))
    {
        *slot = c;
        n += 1;
    }
    let want = &want[..n];
    if want.is_empty() {
        return None;
    }
    text.lines
        .iter()
        .skip(from.saturating_sub(1) as usize)
        .take(FIND_REACH as usize)
        .find(|l| {
            // Compared letter by letter, without collecting the line's.
            let mut got = l.text.chars().filter(|&c| is_letter_or_digit(c));
            want.iter().all(|&w| got.next() == Some(w))
        })
        .map(|l| l.no)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_phrase_is_a_label() {
        for (phrase, _) in rule_rows() {
            assert!(
                labelled(&format!("{phrase}: Sở Y tế")).is_some(),
                "{phrase}"
            );
        }
    }

    #[test]
    fn colons_split_as_split_once() {
        for text in [
            "Thời hạn: Quý IV",
            "Thời hạn： Quý IV: x",
            "a: b： c",
            "a： b: c",
            "không có",
            ":",
            "：",
            "",
        ] {
            assert_eq!(split_at_colon(text), text.split_once([':', '：']), "{text}");
        }
        for text in crate::corpus_texts() {
            for line in text.lines() {
                assert_eq!(split_at_colon(line), line.split_once([':', '：']));
            }
        }
    }

    #[test]
    fn label_lines() {
        assert_eq!(
            labelled("Đơn vị chủ trì (thực hiện): Phòng Kinh tế"),
            Some((Label::Lead, "Phòng Kinh tế"))
        );
        assert_eq!(
            labelled("THỜI HẠN HOÀN THÀNH: Quý IV/2026."),
            Some((Label::Deadline, "Quý IV/2026."))
        );
        assert_eq!(
            labelled("Cơ quan phối hợp: Công an xã"),
            Some((Label::Cooperating, "Công an xã"))
        );
        // A sentence that starts with a role word is no label line.
        assert_eq!(labelled("Phối hợp với Sở Y tế: rà soát hồ sơ"), None);
        assert_eq!(labelled("Chủ trì:"), None);
        assert_eq!(labelled("Thời gian qua, xã đã làm tốt"), None);
    }
}
