//! Holds a plan's provenance (contract 1.4) to its source: every value has
//! a span, every span is inside the source, and every value's text is in
//! the lines its span names.
//!
//! Texts are compared by their words' letters and digits after
//! [`kehoach_text::fold`] (case and tone placement), in order, so markup,
//! wrapping, punctuation and other cells between a value's words do not
//! matter, while a span one line off does.

use kehoach_extract::SourceView;
use kehoach_schema::{Agency, Plan, Span};

/// The letters and digits of `s`, folded.
pub fn key(s: &str) -> String {
    kehoach_text::fold(s)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Whether the words of `value` are in `lines` (a [`key`]), in order: a
/// cell cut by a page break, or printed beside other cells on the same
/// lines, is in its span with other text between its words.
pub fn in_lines(value: &str, lines: &str) -> bool {
    let mut at = 0;
    for word in kehoach_text::fold(value).split(|c: char| !c.is_alphanumeric() && !is_mark(c)) {
        let word = key(word);
        if word.is_empty() {
            continue;
        }
        match lines[at..].find(&word) {
            Some(k) => at += k + word.len(),
            None => return false,
        }
    }
    true
}

/// A combining mark (a tone or vowel mark after [`kehoach_text::fold`]).
fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// The source lines a span numbers, and whether it is a PDF's.
pub struct Source<'a> {
    lines: &'a [String],
    pdf: bool,
}

impl<'a> Source<'a> {
    /// The lines of a review source view.
    pub fn of(view: &'a SourceView) -> Source<'a> {
        match view {
            SourceView::Lines(lines) => Source { lines, pdf: false },
            SourceView::Pages { lines, .. } => Source { lines, pdf: true },
        }
    }

    /// The key of lines `span.start_line..=span.end_line` and the lines
    /// joined, or why the span does not fit the source.
    fn span_key(&self, span: &Span) -> Result<(String, String), String> {
        let n = self.lines.len() as u32;
        if span.start_line == 0 || span.start_line > span.end_line || span.end_line > n {
            return Err(format!(
                "lines {}-{} are not lines of the source (1-{n})",
                span.start_line, span.end_line
            ));
        }
        if self.pdf && (span.page.is_none() || span.bbox.is_none()) {
            return Err(format!(
                "lines {}-{} of a PDF have no page or box",
                span.start_line, span.end_line
            ));
        }
        if !self.pdf && (span.page.is_some() || span.bbox.is_some()) {
            return Err(format!(
                "lines {}-{} of a text source have a page or box",
                span.start_line, span.end_line
            ));
        }
        let text: Vec<&str> = self.lines[span.start_line as usize - 1..span.end_line as usize]
            .iter()
            .map(String::as_str)
            .collect();
        let text = text.join(" ");
        Ok((key(&text), text))
    }
}

/// What is wrong with a plan's provenance against its source, one line per
/// problem (`tasks/pl2.I.1 deadline: …`); empty when every value is where
/// its span says.
pub fn problems(plan: &Plan, source: &Source<'_>) -> Vec<String> {
    let mut out = Vec::new();
    let check = |out: &mut Vec<String>,
                 what: String,
                 value: Option<&str>,
                 span: Option<&Span>,
                 in_text: bool| {
        let Some(value) = value else {
            if let Some(s) = span {
                out.push(format!(
                    "{what}: no value, but a span (lines {}-{})",
                    s.start_line, s.end_line
                ));
            }
            return;
        };
        let Some(span) = span else {
            out.push(format!("{what}: {value:?} has no span"));
            return;
        };
        match source.span_key(span) {
            Err(e) => out.push(format!("{what}: {e}")),
            // A value without letters or digits (`%`, `-`) is printed as
            // it is.
            Ok((lines, raw))
                if in_text
                    && !(in_lines(value, &lines)
                        && (!key(value).is_empty() || raw.contains(value.trim()))) =>
            {
                out.push(format!(
                    "{what}: {value:?} is not in lines {}-{}",
                    span.start_line, span.end_line
                ))
            }
            Ok(_) => {}
        }
    };
    // A list of agency ids is where its span says when each body is: one
    // of its printed spellings is in the lines.
    let agencies = |ids: &[String]| -> Option<Vec<&Agency>> {
        (!ids.is_empty()).then(|| {
            ids.iter()
                .filter_map(|id| plan.agencies.iter().find(|a| &a.id == id))
                .collect()
        })
    };
    let check_bodies =
        |out: &mut Vec<String>, what: String, ids: &[String], span: Option<&Span>| {
            let Some(list) = agencies(ids) else {
                if span.is_some() {
                    out.push(format!("{what}: no bodies, but a span"));
                }
                return;
            };
            let Some(span) = span else {
                out.push(format!("{what}: {ids:?} has no span"));
                return;
            };
            match source.span_key(span) {
                Err(e) => out.push(format!("{what}: {e}")),
                Ok((lines, _)) => {
                    for a in list {
                        let printed = std::iter::once(&a.name)
                            .chain(&a.aliases)
                            .any(|s| in_lines(s, &lines));
                        if !printed {
                            out.push(format!(
                                "{what}: {:?} is not in lines {}-{}",
                                a.name, span.start_line, span.end_line
                            ));
                        }
                    }
                }
            }
        };

    let d = &plan.document;
    let p = &d.provenance;
    {
        let mut c = |f: &str, v: Option<&str>, s: Option<&Span>, t: bool| {
            check(&mut out, format!("document {f}"), v, s, t)
        };
        // A letter's kind is not printed (contract: a `V/v …` subject line
        // makes it `CÔNG VĂN`): its span is the subject line.
        let letter = d.doc_type.as_deref() == Some("CÔNG VĂN");
        c(
            "doc_type",
            d.doc_type.as_deref(),
            p.doc_type.as_ref(),
            !letter,
        );
        c("number", d.number.as_deref(), p.number.as_ref(), true);
        c("title", d.title.as_deref(), p.title.as_ref(), true);
        // The issuer is composed from several header lines and expanded
        // (`UBND` is `Ủy ban nhân dân`): only its span is held to the source.
        c("issuer", d.issuer.as_deref(), p.issuer.as_ref(), false);
        c(
            "locality",
            d.locality.as_ref().map(|l| l.name.as_str()),
            p.locality.as_ref(),
            false,
        );
        // An ISO date is printed `ngày 29 tháng 9 năm 2025`: its year is.
        c(
            "issued_on",
            d.issued_on.as_deref().map(|s| &s[..4.min(s.len())]),
            p.issued_on.as_ref(),
            true,
        );
        c(
            "signer",
            d.signer.as_ref().map(|s| s.name.as_deref().unwrap_or("")),
            p.signer.as_ref(),
            true,
        );
        let period = d.period.as_ref().map(|p| p.from.to_string());
        c("period", period.as_deref(), p.period.as_ref(), false);
        for (k, r) in d.legal_basis.iter().enumerate() {
            c(
                &format!("legal_basis[{k}] {}", r.number),
                Some(&r.number),
                r.span.as_ref(),
                true,
            );
        }
    }

    for i in &plan.indicators {
        let p = &i.provenance;
        let w = |f: &str| format!("indicators/{} {f}", i.id);
        check(
            &mut out,
            w("table"),
            i.table.as_deref(),
            p.table.as_ref(),
            true,
        );
        check(
            &mut out,
            w("group"),
            i.group.as_deref(),
            p.group.as_ref(),
            true,
        );
        check(
            &mut out,
            w("number"),
            i.number.as_deref(),
            p.number.as_ref(),
            true,
        );
        check(&mut out, w("name"), Some(&i.name), p.name.as_ref(), true);
        check(
            &mut out,
            w("unit"),
            i.unit.as_deref(),
            p.unit.as_ref(),
            true,
        );
        check(
            &mut out,
            w("directed_by"),
            i.directed_by.as_deref(),
            p.directed_by.as_ref(),
            true,
        );
        check(
            &mut out,
            w("owner"),
            i.owner.as_deref(),
            p.owner.as_ref(),
            true,
        );
        check(
            &mut out,
            w("output"),
            i.output.as_deref(),
            p.output.as_ref(),
            true,
        );
        check_bodies(&mut out, w("lead"), &i.lead, p.lead.as_ref());
        check_bodies(
            &mut out,
            w("cooperating"),
            &i.cooperating,
            p.cooperating.as_ref(),
        );
        for t in &i.targets {
            check(
                &mut out,
                w(&format!("target {}", t.phase)),
                Some(&t.raw),
                t.span.as_ref(),
                true,
            );
        }
    }
    let mut tasks: Vec<&kehoach_schema::Task> = Vec::new();
    for t in &plan.tasks {
        tasks.push(t);
        tasks.extend(&t.subtasks);
    }
    for t in &tasks {
        let p = &t.provenance;
        let w = |f: &str| format!("tasks/{} {f}", t.id);
        check(
            &mut out,
            w("table"),
            t.table.as_deref(),
            p.table.as_ref(),
            true,
        );
        check(
            &mut out,
            w("group"),
            t.group.as_deref(),
            p.group.as_ref(),
            true,
        );
        check(
            &mut out,
            w("number"),
            t.number.as_deref(),
            p.number.as_ref(),
            true,
        );
        check(&mut out, w("name"), Some(&t.name), p.name.as_ref(), true);
        check(
            &mut out,
            w("responsible"),
            t.responsible.as_deref(),
            p.responsible.as_ref(),
            true,
        );
        check(
            &mut out,
            w("output"),
            t.output.as_deref(),
            p.output.as_ref(),
            true,
        );
        check(
            &mut out,
            w("deadline"),
            t.deadline.as_ref().map(|d| d.raw.as_str()),
            p.deadline.as_ref(),
            true,
        );
        check(
            &mut out,
            w("notes"),
            t.notes.as_deref(),
            p.notes.as_ref(),
            true,
        );
        check_bodies(&mut out, w("lead"), &t.lead, p.lead.as_ref());
        check_bodies(
            &mut out,
            w("cooperating"),
            &t.cooperating,
            p.cooperating.as_ref(),
        );
    }
    if d.doc_type.as_deref() == Some("CÔNG VĂN") {
        if let Some(Ok((_, raw))) = p.doc_type.as_ref().map(|s| source.span_key(s)) {
            if !raw.to_lowercase().contains("v/v") {
                out.push(format!(
                    "document doc_type: a letter's kind is not on its subject line ({raw:?})"
                ));
            }
        }
    }
    out
}
