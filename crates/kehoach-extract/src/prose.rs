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
use kehoach_schema::{Deadline, Origin, Section, Span, Task, TaskProvenance};
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
    group: Option<(&str, Span)>,
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
            Some((&s.title, s.span)),
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
fn labelled_items(
    s: &Section,
    group: Option<(&str, Span)>,
    path: &str,
    cx: &mut Cx<'_>,
) -> Consumed {
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
    let mut lines = ItemLines::new(cx.text, s);
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
        let span = lines.span(None, last);
        let at = label_lines(&mut lines, &labels, span);
        let id = unique(&mut cx.ids, format!("p.{path}"));
        let heading = Span::lines(s.span.start_line, s.span.end_line);
        let mut task = task_of(
            s.title.clone(),
            group.map(|g| g.0.to_string()),
            Some(s.number.clone()),
            &at,
            span,
            id,
            cx.bodies,
        );
        task.provenance.name = Some(heading);
        task.provenance.number = Some(Span::lines(s.span.start_line, s.span.start_line));
        task.provenance.group = group.map(|g| Span::lines(g.1.start_line, g.1.end_line));
        cx.out.push(task);
        consumed.heading = true;
        if units[0].has_lead() {
            // Bullets after it that carry their own lead are tasks too.
            bullet_tasks(s, &units[1..], path, &mut consumed, &mut lines, cx);
        }
        return consumed;
    }
    bullet_tasks(s, &units[1..], path, &mut consumed, &mut lines, cx);
    consumed
}

/// Each label of `labels` with the lines of its label line (`fallback`
/// for one not found).
fn label_lines<'s>(
    lines: &mut ItemLines<'_>,
    labels: &[(Label, &'s str, usize)],
    fallback: Span,
) -> Vec<(Label, &'s str, Span)> {
    labels
        .iter()
        .map(|&(label, value, k)| {
            let at = lines
                .lines_of(k)
                .unwrap_or(Span::lines(fallback.start_line, fallback.end_line));
            (label, value, at)
        })
        .collect()
}

/// A task of each bullet unit with a lead label.
fn bullet_tasks(
    s: &Section,
    units: &[Unit<'_>],
    path: &str,
    consumed: &mut Consumed,
    lines: &mut ItemLines<'_>,
    cx: &mut Cx<'_>,
) {
    for u in units.iter().filter(|u| u.has_lead()) {
        let Some(k) = u.item else { continue };
        consumed.items[k] = true;
        let last = u.labels.iter().map(|l| l.2).max();
        let span = lines.span(Some(k), last);
        let at = label_lines(lines, &u.labels, span);
        let name = lines
            .lines_of(k)
            .unwrap_or(Span::lines(span.start_line, span.start_line));
        let id = unique(&mut cx.ids, format!("p.{path}.b{}", k + 1));
        let mut task = task_of(
            s.items[k].clone(),
            Some(s.title.clone()),
            None,
            &at,
            span,
            id,
            cx.bodies,
        );
        task.provenance.name = Some(name);
        task.provenance.group = Some(Span::lines(s.span.start_line, s.span.end_line));
        cx.out.push(task);
    }
}

/// Forms 2 and 3: an agency heading's bullets (or its one paragraph), and
/// bullets whose subject is a body, each with the bodies named after
/// `phối hợp (với)` as cooperating.
fn role_tasks(
    s: &Section,
    group: Option<(&str, Span)>,
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
    let heading_lines = Span::lines(s.span.start_line, s.span.end_line);
    let group_lines = group.map(|g| Span::lines(g.1.start_line, g.1.end_line));
    let mut lines = ItemLines::new(cx.text, s);
    for (k, item) in s.items.iter().enumerate() {
        if consumed.items[k] {
            continue;
        }
        let own = subject(item, true);
        let span = lines.span(Some(k), Some(k));
        let name = lines
            .lines_of(k)
            .unwrap_or(Span::lines(span.start_line, span.start_line));
        // The bullets of an agency heading belong to the section above it;
        // a bullet with its own subject elsewhere, to its section.
        let (lead, group, at) = match (&own, &heading) {
            (Some(o), Some(_)) => (o.bodies, group.map(|g| g.0), (name, group_lines)),
            (Some(o), None) => (
                o.bodies,
                Some(s.title.as_str()),
                (name, Some(heading_lines)),
            ),
            (None, Some(h)) => (h.bodies, group.map(|g| g.0), (heading_lines, group_lines)),
            (None, None) => continue,
        };
        let id = unique(&mut cx.ids, format!("p.{path}.b{}", k + 1));
        let mut task = role_task(item.clone(), group, None, lead, span, id, cx.bodies);
        let p = &mut task.provenance;
        p.name = Some(name);
        p.lead = (!task.lead.is_empty()).then(|| narrowest(cx.text, at.0, &[lead]));
        p.group = at.1;
        p.cooperating = (!task.cooperating.is_empty())
            .then(|| narrowest(cx.text, name, &cooperating_in(&task.name)));
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
    let mut name_lines = heading_lines;
    let name = if h.predicate {
        s.title.clone()
    } else if !h.rest.is_empty() {
        h.rest.to_string()
    } else {
        match paragraph_after(cx.text, s, next) {
            Some((paragraph, first, last)) => {
                span.end_line = last;
                name_lines = Span::lines(first, last);
                paragraph
            }
            None => return,
        }
    };
    let id = unique(&mut cx.ids, format!("p.{path}"));
    let mut task = role_task(
        name,
        group.map(|g| g.0),
        Some(s.number.clone()),
        h.bodies,
        span,
        id,
        cx.bodies,
    );
    let p = &mut task.provenance;
    p.name = Some(name_lines);
    p.number = Some(Span::lines(s.span.start_line, s.span.start_line));
    p.group = group_lines;
    p.lead = (!task.lead.is_empty()).then(|| narrowest(cx.text, heading_lines, &[h.bodies]));
    p.cooperating = (!task.cooperating.is_empty())
        .then(|| narrowest(cx.text, name_lines, &cooperating_in(&task.name)));
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
/// joined; and the numbers of its first and last lines. Blank lines and
/// page numbers are passed over.
fn paragraph_after(
    text: &SourceText,
    s: &Section,
    next: Option<u32>,
) -> Option<(String, u32, u32)> {
    let from = s.span.end_line + 1;
    let to = next
        .map(|n| n.saturating_sub(1))
        .unwrap_or(u32::MAX)
        .min(from + PARAGRAPH_REACH);
    let mut parts: Vec<&str> = Vec::new();
    let mut first = 0;
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
        if parts.is_empty() {
            first = line.no;
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
    Some((parts.join(" "), first, last))
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
    labels: &[(Label, &str, Span)],
    span: Span,
    id: String,
    bodies: &mut Bodies,
) -> Task {
    let mut provenance = TaskProvenance::default();
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
    for &(label, value, at) in labels {
        match label {
            Label::Lead => match bodies.roles_in_words(value) {
                Some((l, c)) => {
                    widen(&mut provenance.lead, at, !l.is_empty());
                    widen(&mut provenance.cooperating, at, !c.is_empty());
                    push_all(&mut lead, l);
                    push_all(&mut cooperating, c);
                }
                None => {
                    let l = bodies.add_cell(bodies_part(value));
                    widen(&mut provenance.lead, at, !l.is_empty());
                    push_all(&mut lead, l);
                }
            },
            Label::Cooperating => {
                let c = bodies.add_cell(bodies_part(value));
                widen(&mut provenance.cooperating, at, !c.is_empty());
                push_all(&mut cooperating, c);
            }
            Label::Deadline if deadline.is_none() => {
                provenance.deadline = Some(at);
                let d = parse_deadline(value);
                deadline = Some(Deadline {
                    raw: value.to_string(),
                    kind: d.kind,
                    start: d.start,
                    end: d.end,
                });
            }
            Label::Output if output.is_none() => {
                provenance.output = Some(at);
                output = Some(value.to_string());
            }
            Label::Deadline | Label::Output => {}
        }
    }
    if lead.is_empty() {
        provenance.lead = None;
    }
    if cooperating.is_empty() {
        provenance.cooperating = None;
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
        provenance,
    }
}

/// Widens `into` to take `lines` in, when `when`.
fn widen(into: &mut Option<Span>, lines: Span, when: bool) {
    if !when {
        return;
    }
    *into = Some(match *into {
        Some(s) => Span::lines(
            s.start_line.min(lines.start_line),
            s.end_line.max(lines.end_line),
        ),
        None => lines,
    });
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

    /// The lines item `k` is printed on: from the line it starts on to the
    /// first line by which its letters and digits are all printed (a
    /// bullet wraps), before the line the next item starts on. `None` when
    /// its start was not found; its first line alone when its letters are
    /// not all found in the lines after it (a page number between them).
    pub(crate) fn lines_of(&mut self, k: usize) -> Option<Span> {
        let start = self.line(k)?;
        let before = if k + 1 < self.section.items.len() {
            self.line(k + 1).map(|n| n - 1)
        } else {
            None
        };
        let end = lines_covering(self.text, start, before, &self.section.items[k]).unwrap_or(start);
        Some(Span::lines(start, end))
    }

    /// The lines of an item: from the heading (or from the bullet `item`)
    /// to the line where the bullet `last` starts, found in the source
    /// after the heading. What cannot be found leaves the heading's lines.
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

/// How many lines a wrapped item is looked for over.
const WRAP_REACH: usize = 40;

/// The letters and digits of `s`, folded (case and tone placement): what
/// a value and the lines a span names are compared by.
pub(crate) fn letters(s: &str) -> String {
    fold(s).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The first line at or after `start` (and at or before `before`, when
/// given) by which the letters and digits of `item` are all printed, from
/// `start` on.
pub(crate) fn lines_covering(
    text: &SourceText,
    start: u32,
    before: Option<u32>,
    item: &str,
) -> Option<u32> {
    let want = letters(item);
    if want.is_empty() {
        return None;
    }
    let mut got = String::new();
    text.lines
        .iter()
        .skip(start.saturating_sub(1) as usize)
        .take(WRAP_REACH)
        .take_while(|l| before.is_none_or(|b| l.no <= b))
        .find(|l| {
            got.push_str(&letters(&l.text));
            got.contains(&want)
        })
        .map(|l| l.no)
}

/// The fewest lines of `within` that still print the letters and digits
/// of each of `texts` (dropped from its start, then from its end); `within`
/// itself when it does not print them all.
pub(crate) fn narrowest(text: &SourceText, within: Span, texts: &[&str]) -> Span {
    let wants: Vec<String> = texts
        .iter()
        .map(|t| letters(t))
        .filter(|w| !w.is_empty())
        .collect();
    let keys: Vec<String> = (within.start_line..=within.end_line)
        .map(|n| {
            text.lines
                .get(n.saturating_sub(1) as usize)
                .map_or_else(String::new, |l| letters(&l.text))
        })
        .collect();
    let holds = |a: usize, b: usize| {
        let joined = keys[a..=b].concat();
        wants.iter().all(|w| joined.contains(w.as_str()))
    };
    if wants.is_empty() || keys.is_empty() || !holds(0, keys.len() - 1) {
        return within;
    }
    let (mut a, mut b) = (0, keys.len() - 1);
    while a < b && holds(a + 1, b) {
        a += 1;
    }
    while b > a && holds(a, b - 1) {
        b -= 1;
    }
    Span::lines(within.start_line + a as u32, within.start_line + b as u32)
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

#[cfg(test)]
pub(crate) mod span_tests {
    use kehoach_schema::{Plan, Span, Task};

    pub(crate) fn plan(text: &str) -> Plan {
        crate::extract_text("ke_hoach.txt", text.as_bytes()).expect("a plan")
    }

    fn task<'p>(plan: &'p Plan, id: &str) -> &'p Task {
        plan.tasks
            .iter()
            .find(|t| t.id == id)
            .unwrap_or_else(|| panic!("no {id} in {:#?}", plan.tasks))
    }

    pub(crate) fn lines(a: u32, b: u32) -> Option<Span> {
        Some(Span::lines(a, b))
    }

    /// Six lines: the plan's header.
    pub(crate) const HEAD: &str =
        "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\n\nKẾ HOẠCH\nThực hiện chuyển đổi số năm 2026\n\n";

    #[test]
    fn a_labelled_item_over_two_lines() {
        let text = format!(
            "{HEAD}II. NHIỆM VỤ\n\
             1. Công tác tuyên truyền\n\
             - Tổ chức tuyên truyền, phổ biến các chính sách mới về chuyển đổi số\n\
             cho người dân trên địa bàn tỉnh.\n\
             - Đơn vị chủ trì: Sở Văn hóa, Thể thao và Du lịch\n\
             - Thời hạn: Quý IV/2026\n\
             - Xây dựng kế hoạch kiểm tra định kỳ các cơ quan\n\
             - Đơn vị chủ trì: Sở Nội vụ\n"
        );
        let plan = plan(&text);
        let t = task(&plan, "p.II.1.b1");
        assert!(t.name.ends_with("trên địa bàn tỉnh."), "{}", t.name);
        let p = &t.provenance;
        assert_eq!(p.name, lines(9, 10));
        assert_eq!(p.group, lines(8, 8));
        assert_eq!(p.lead, lines(11, 11));
        assert_eq!(p.deadline, lines(12, 12));
        assert_eq!((p.number, p.cooperating, p.output), (None, None, None));
        // The row's own span is as before: the bullet's start to the last
        // label line's start.
        assert_eq!(t.span, Span::lines(9, 12));
        let p = &task(&plan, "p.II.1.b4").provenance;
        assert_eq!(
            (p.name, p.lead, p.deadline),
            (lines(13, 13), lines(14, 14), None)
        );
    }

    #[test]
    fn a_bullet_with_a_body_subject() {
        let text = format!(
            "{HEAD}II. NHIỆM VỤ\n\
             1. Công tác cải cách hành chính\n\
             - Tổ chức hội nghị sơ kết.\n\
             - Sở Nội vụ chủ trì rà soát các thủ tục hành chính, phối hợp\n\
             với Sở Tài chính và Sở Tư pháp trên địa bàn tỉnh.\n"
        );
        let plan = plan(&text);
        let t = task(&plan, "p.II.1.b2");
        assert_eq!(t.lead.len(), 1);
        assert_eq!(t.cooperating.len(), 2);
        let p = &t.provenance;
        assert_eq!(p.name, lines(10, 11));
        assert_eq!(p.group, lines(8, 8));
        // The subject is on the first line; the bodies it works with, on
        // the second.
        assert_eq!(p.lead, lines(10, 10));
        assert_eq!(p.cooperating, lines(11, 11));
        assert_eq!(p.number, None);
    }

    #[test]
    fn an_agency_heading_and_its_paragraph() {
        let text = format!(
            "{HEAD}III. TỔ CHỨC THỰC HIỆN\n\
             1. Sở Nội vụ\n\
             Theo dõi, đôn đốc các cơ quan, đơn vị triển khai kế hoạch\n\
             và báo cáo kết quả.\n\
             2. Sở Tài chính\n\
             Bố trí kinh phí thực hiện kế hoạch.\n"
        );
        let plan = plan(&text);
        let t = task(&plan, "p.III.1");
        let p = &t.provenance;
        assert_eq!(p.name, lines(9, 10));
        assert_eq!(p.number, lines(8, 8));
        assert_eq!(p.lead, lines(8, 8));
        assert_eq!(p.group, lines(7, 7));
        assert_eq!(p.cooperating, None);
    }
}
