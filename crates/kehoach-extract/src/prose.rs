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

use crate::rows::Bodies;
use kehoach_rules::parse_deadline;
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

/// The rows of `rules/prose_labels.tsv`: `(phrase, role)`.
fn rule_rows() -> impl Iterator<Item = (&'static str, &'static str)> {
    include_str!("../rules/prose_labels.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && l.contains('\t'))
        .map(|l| {
            let (phrase, role) = l.split_once('\t').expect("checked above");
            (phrase.trim(), role.trim())
        })
}

/// The label phrases, by [`label_key`].
static LABELS: LazyLock<HashMap<String, Label>> = LazyLock::new(|| {
    rule_rows()
        .filter(|r| r.1 != "ends_bodies")
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

/// The phrases that end the bodies of a lead or cooperating value, as
/// folded words.
static ENDS_BODIES: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    rule_rows()
        .filter(|r| r.1 == "ends_bodies")
        .map(|(phrase, _)| phrase.split_whitespace().map(fold).collect())
        .collect()
});

/// The bodies part of a lead or cooperating value: up to the first phrase
/// that ends them (`Các trường học chủ động xây dựng …` -> `Các trường
/// học`), the whole value when none occurs after its first word.
fn bodies_part(value: &str) -> &str {
    let words: Vec<(usize, String)> = value
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - value.as_ptr() as usize, fold(w)))
        .collect();
    for i in 1..words.len() {
        let hit = ENDS_BODIES.iter().any(|p| {
            !p.is_empty()
                && words.len() - i >= p.len()
                && p.iter().zip(&words[i..]).all(|(a, b)| *a == b.1)
        });
        if hit {
            return value[..words[i].0].trim_end();
        }
    }
    value
}

/// The comparison key of a label: folded, parentheses dropped.
fn label_key(head: &str) -> String {
    fold(&head.replace(['(', ')'], " "))
}

/// The label and value of a label line (`Đơn vị thực hiện: Sở Y tế`), the
/// value trimmed and not empty.
fn labelled(item: &str) -> Option<(Label, &str)> {
    let (head, value) = item.split_once([':', '：'])?;
    let value = value.trim();
    if value.is_empty() || head.chars().count() > 40 {
        return None;
    }
    LABELS.get(&label_key(head)).map(|&l| (l, value))
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

/// The prose tasks of form 1 in the outline `sections`, their bodies
/// registered in `bodies`. `text` is the source, for the spans.
pub(crate) fn labelled_tasks(
    sections: &[Section],
    text: &SourceText,
    bodies: &mut Bodies,
) -> Vec<Task> {
    let mut out = Vec::new();
    let mut ids = HashSet::new();
    walk(sections, None, None, "", text, bodies, &mut ids, &mut out);
    out
}

#[allow(clippy::too_many_arguments)]
fn walk(
    sections: &[Section],
    group: Option<&str>,
    parent: Option<&str>,
    path: &str,
    text: &SourceText,
    bodies: &mut Bodies,
    ids: &mut HashSet<String>,
    out: &mut Vec<Task>,
) {
    for s in sections {
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
        section_tasks(s, group, &path, text, bodies, ids, out);
        walk(
            &s.children,
            Some(&s.title),
            Some(&s.number),
            &path,
            text,
            bodies,
            ids,
            out,
        );
    }
}

fn section_tasks(
    s: &Section,
    group: Option<&str>,
    path: &str,
    text: &SourceText,
    bodies: &mut Bodies,
    ids: &mut HashSet<String>,
    out: &mut Vec<Task>,
) {
    let mut units = vec![Unit {
        item: None,
        labels: vec![],
    }];
    for (k, item) in s.items.iter().enumerate() {
        match labelled(item) {
            Some((label, value)) => units
                .last_mut()
                .expect("never empty")
                .labels
                .push((label, value, k)),
            None => units.push(Unit {
                item: Some(k),
                labels: vec![],
            }),
        }
    }
    let with_lead = units.iter().filter(|u| u.has_lead()).count();
    if with_lead == 0 {
        return;
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
        let span = item_span(text, s, None, last);
        let task = task_of(
            s.title.clone(),
            group.map(str::to_string),
            Some(s.number.clone()),
            &labels,
            span,
            unique(ids, format!("p.{path}")),
            bodies,
        );
        out.push(task);
        if units[0].has_lead() {
            // Bullets after it that carry their own lead are tasks too.
            bullet_tasks(s, &units[1..], path, text, bodies, ids, out);
        }
        return;
    }
    bullet_tasks(s, &units[1..], path, text, bodies, ids, out);
}

/// A task of each bullet unit with a lead label.
fn bullet_tasks(
    s: &Section,
    units: &[Unit<'_>],
    path: &str,
    text: &SourceText,
    bodies: &mut Bodies,
    ids: &mut HashSet<String>,
    out: &mut Vec<Task>,
) {
    for u in units.iter().filter(|u| u.has_lead()) {
        let Some(k) = u.item else { continue };
        let last = u.labels.iter().map(|l| l.2).max();
        let span = item_span(text, s, Some(k), last);
        let task = task_of(
            s.items[k].clone(),
            Some(s.title.clone()),
            None,
            &u.labels,
            span,
            unique(ids, format!("p.{path}.b{}", k + 1)),
            bodies,
        );
        out.push(task);
    }
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
    let mut span = Span::lines(s.span.start_line, s.span.end_line);
    let mut from = s.span.end_line + 1;
    let mut first = true;
    let upto = last.unwrap_or(0).max(item.unwrap_or(0));
    for k in 0..=upto {
        let Some(found) = find_line(text, from, &s.items[k]) else {
            break;
        };
        if item == Some(k) && first {
            span.start_line = found;
            first = false;
        }
        if Some(k) == last || Some(k) == item {
            span.end_line = span.end_line.max(found);
        }
        from = found + 1;
    }
    if span.end_line < span.start_line {
        span.end_line = span.start_line;
    }
    span
}

/// How far after the previous item a bullet is looked for, in lines.
const FIND_REACH: u32 = 200;

/// The number of the first line at or after `from` that starts with the
/// first letters and digits of `item` (markers, spacing and punctuation
/// ignored).
fn find_line(text: &SourceText, from: u32, item: &str) -> Option<u32> {
    let want: String = item
        .chars()
        .filter(|c| c.is_alphanumeric())
        .take(16)
        .collect();
    if want.is_empty() {
        return None;
    }
    let n = want.chars().count();
    text.lines
        .iter()
        .skip(from.saturating_sub(1) as usize)
        .take(FIND_REACH as usize)
        .find(|l| {
            let got: String = l
                .text
                .chars()
                .filter(|c| c.is_alphanumeric())
                .take(n)
                .collect();
            got == want
        })
        .map(|l| l.no)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_phrase_is_a_label() {
        for (phrase, _) in rule_rows().filter(|r| r.1 != "ends_bodies") {
            assert!(
                labelled(&format!("{phrase}: Sở Y tế")).is_some(),
                "{phrase}"
            );
        }
    }

    #[test]
    fn a_value_ends_its_bodies_where_what_they_do_begins() {
        assert_eq!(
            bodies_part("Các trường học trên địa bàn chủ động xây dựng kế hoạch."),
            "Các trường học trên địa bàn"
        );
        assert_eq!(
            bodies_part("Phòng Kinh tế CHỊU TRÁCH NHIỆM tổng hợp"),
            "Phòng Kinh tế"
        );
        assert_eq!(bodies_part("Công an xã, các thôn"), "Công an xã, các thôn");
        // Never an empty value: a phrase at the start is no end.
        assert_eq!(bodies_part("Chủ động bố trí"), "Chủ động bố trí");
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
