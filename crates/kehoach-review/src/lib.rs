//! The reviewer's page: a plan and its source side by side in one
//! self-contained HTML file.
//!
//! A reviewer checks an extraction against the document it came from. The
//! page puts the source on one side (the extractor's numbered lines, or a
//! PDF's pages drawn as SVG from the places the reader found each line at)
//! and the plan on the other, laid out like the plan's own tables. Every
//! row carries its span, so clicking a row shows its source and clicking a
//! source line selects the rows read from it. Rows a reviewer should look
//! at first (a warning on their lines, no lead body, a deadline that did
//! not parse) are marked. Values can be edited in place, and the edits are
//! saved as a corrections file that `kehoach extract --corrections` applies.
//!
//! The page works from `file://` with no network and no other file: its
//! CSS and JS (vanilla, `page.css` and `page.js` beside this file) are
//! inlined, and the plan's JSON is embedded for the script. Everything the
//! script needs per row (span, page, box, the path and old value of each
//! editable cell) is computed here, so the script does no per-row work at
//! load and stays quick on plans of hundreds of rows.
//!
//! The corrections format (written by the page's script, read by
//! `kehoach-corrections`):
//!
//! ```json
//! {"kehoach_corrections": 1,
//!  "source": {"file": "plan.pdf", "sha256": "…"},
//!  "corrections": [
//!    {"path": "/tasks/pl2.3/deadline/raw", "old": "Quý IV", "new": "Quý IV/2026",
//!     "by": "reviewer", "at": "2026-12-05T10:00:00.000Z"}]}
//! ```
//!
//! Paths are those of [`fields`]; `old` and `new` are strings, arrays of
//! agency names for `lead`/`cooperating`, or `null` for an absent value.

mod html;

use html::{attr, esc};
use kehoach_extract::{PageView, SourceView};
use kehoach_schema::{DeadlineKind, Indicator, Plan, Span, Task};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::fmt::Write as _;

const CSS: &str = include_str!("page.css");
const JS: &str = include_str!("page.js");

/// The version of the corrections format the page writes.
pub const CORRECTIONS_VERSION: u32 = 1;

/// One value a reviewer may edit: where it is in the plan (the path a
/// correction names) and what the plan says now.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// `/document/number`, `/tasks/<id>/deadline/raw`,
    /// `/indicators/<id>/targets/<phase>/raw`, …
    pub path: String,
    /// The plan's value: a string, an array of agency names (`list`), or
    /// `null` when absent.
    pub old: Value,
    /// Whether the value is a list of agency names (`lead`,
    /// `cooperating`): the page shows them joined by `; ` and splits an
    /// edit at `;`.
    pub list: bool,
}

/// An id as one segment of a field path: `~` and `/` written as in a JSON
/// Pointer (`~0`, `~1`), as the corrections format reads them.
fn seg(id: &str) -> std::borrow::Cow<'_, str> {
    if id.contains(['~', '/']) {
        id.replace('~', "~0").replace('/', "~1").into()
    } else {
        id.into()
    }
}

/// Every editable value of `plan`, in page order: the document's number,
/// title, issued_on, issuer, doc_type and signer name; each indicator's
/// name, unit, lead and one target per phase; each task's (and subtask's)
/// number, name, lead, cooperating, output and deadline.
pub fn fields(plan: &Plan) -> Vec<Field> {
    let names = agency_names(plan);
    let mut out = Vec::new();
    let d = &plan.document;
    let text = |path: String, v: Option<&String>| Field {
        path,
        old: v.map_or(Value::Null, |s| Value::String(s.clone())),
        list: false,
    };
    for (name, v) in [
        ("number", &d.number),
        ("title", &d.title),
        ("issued_on", &d.issued_on),
        ("issuer", &d.issuer),
        ("doc_type", &d.doc_type),
    ] {
        out.push(text(format!("/document/{name}"), v.as_ref()));
    }
    out.push(text(
        "/document/signer/name".to_string(),
        d.signer.as_ref().and_then(|s| s.name.as_ref()),
    ));
    let list = |path: String, ids: &[String]| Field {
        path,
        old: Value::Array(
            ids.iter()
                .map(|id| Value::String(names.get(id.as_str()).copied().unwrap_or(id).to_string()))
                .collect(),
        ),
        list: true,
    };
    for i in &plan.indicators {
        let p = format!("/indicators/{}", seg(&i.id));
        out.push(text(format!("{p}/name"), Some(&i.name)));
        out.push(text(format!("{p}/unit"), i.unit.as_ref()));
        for ph in &plan.phases {
            let raw = i.targets.iter().find(|t| t.phase == ph.id).map(|t| &t.raw);
            out.push(text(format!("{p}/targets/{}/raw", seg(&ph.id)), raw));
        }
        out.push(list(format!("{p}/lead"), &i.lead));
    }
    fn task_fields(
        t: &Task,
        out: &mut Vec<Field>,
        text: &dyn Fn(String, Option<&String>) -> Field,
        list: &dyn Fn(String, &[String]) -> Field,
    ) {
        let p = format!("/tasks/{}", seg(&t.id));
        out.push(text(format!("{p}/number"), t.number.as_ref()));
        out.push(text(format!("{p}/name"), Some(&t.name)));
        out.push(list(format!("{p}/lead"), &t.lead));
        out.push(list(format!("{p}/cooperating"), &t.cooperating));
        out.push(text(format!("{p}/output"), t.output.as_ref()));
        out.push(text(
            format!("{p}/deadline/raw"),
            t.deadline.as_ref().map(|d| &d.raw),
        ));
        for s in &t.subtasks {
            task_fields(s, out, text, list);
        }
    }
    for t in &plan.tasks {
        task_fields(t, &mut out, &text, &list);
    }
    out
}

/// Why a row is marked for a reviewer's attention, by row id: the codes of
/// warnings whose span overlaps the row's, `no lead` when it names no lead
/// body, `deadline unspecified` when its deadline did not parse. Rows with
/// nothing to say are absent.
pub fn marks(plan: &Plan) -> BTreeMap<String, Vec<String>> {
    let warned: Vec<(&Span, &str)> = plan
        .warnings
        .iter()
        .filter_map(|w| Some((w.span.as_ref()?, w.code.as_str())))
        .collect();
    let mut out = BTreeMap::new();
    let mut mark = |id: &str, span: &Span, lead: &[String], deadline: Option<DeadlineKind>| {
        let mut why: Vec<String> = Vec::new();
        for (s, code) in &warned {
            if s.start_line <= span.end_line && span.start_line <= s.end_line {
                let w = format!("warning: {code}");
                if !why.contains(&w) {
                    why.push(w);
                }
            }
        }
        if lead.is_empty() {
            why.push("no lead".to_string());
        }
        if deadline == Some(DeadlineKind::Unspecified) {
            why.push("deadline unspecified".to_string());
        }
        if !why.is_empty() {
            out.insert(id.to_string(), why);
        }
    };
    for i in &plan.indicators {
        mark(&i.id, &i.span, &i.lead, None);
    }
    for t in all_tasks(&plan.tasks) {
        mark(&t.id, &t.span, &t.lead, t.deadline.as_ref().map(|d| d.kind));
    }
    out
}

/// Tasks and their subtasks, each after its parent.
fn all_tasks(list: &[Task]) -> Vec<&Task> {
    fn walk<'a>(list: &'a [Task], out: &mut Vec<&'a Task>) {
        for t in list {
            out.push(t);
            walk(&t.subtasks, out);
        }
    }
    let mut out = Vec::new();
    walk(list, &mut out);
    out
}

/// The file name without its extension: the corrections file is saved as
/// `<stem>.corrections.json`.
pub fn stem(file: &str) -> &str {
    match file.rfind('.') {
        Some(i) if i > 0 => &file[..i],
        _ => file,
    }
}

/// The head of the corrections document the page saves:
/// `{"kehoach_corrections": 1, "source": {"file", "sha256"}}`; the page
/// adds `corrections`.
pub fn corrections_head(plan: &Plan) -> Value {
    json!({
        "kehoach_corrections": CORRECTIONS_VERSION,
        "source": {"file": plan.source.file, "sha256": plan.source.sha256},
    })
}

/// JSON for a `<script type="application/json">` block: every `<` written
/// `\u003c` (only strings hold one, where the escape means the same), so
/// no `</script>` or `<!--` in the data can end the block.
pub fn script_json(json: &str) -> String {
    json.replace('<', "\\u003c")
}

/// The review page of `plan`, read from `source`: one self-contained HTML
/// document.
pub fn render(plan: &Plan, source: &SourceView) -> String {
    let names = agency_names(plan);
    let fields = fields(plan);
    let marks = marks(plan);
    let mut page = String::with_capacity(64 * 1024);
    let title = format!(
        "{} — kehoach review",
        plan.document
            .number
            .as_deref()
            .unwrap_or(plan.source.file.as_str())
    );
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n",
        esc(&title)
    );
    toolbar(&mut page, plan);
    page.push_str("<main>\n<section id=\"source\" class=\"pane\" aria-label=\"source\">\n");
    match source {
        SourceView::Lines(lines) => source_lines(&mut page, lines),
        SourceView::Pages {
            pages,
            lines,
            line_places,
        } => source_pages(&mut page, pages, lines, line_places),
    }
    page.push_str(
        "</section>\n<section id=\"extraction\" class=\"pane\" aria-label=\"extraction\">\n",
    );
    summary(&mut page, plan);
    metadata(&mut page, plan);
    indicators(&mut page, plan, &names, &marks);
    tasks(&mut page, plan, &names, &marks);
    agencies(&mut page, plan);
    warnings(&mut page, plan);
    page.push_str("</section>\n</main>\n");
    // The data the script reads: the plan as `extract` writes it, and what
    // the page adds (editable fields with their old values, the
    // corrections file's head and name).
    let mut field_map = Map::new();
    for f in fields {
        field_map.insert(f.path, json!({"old": f.old, "list": f.list}));
    }
    let review = json!({
        "pdf": matches!(source, SourceView::Pages { .. }),
        "stem": stem(&plan.source.file),
        "head": corrections_head(plan),
        "fields": field_map,
    });
    let _ = write!(
        page,
        "<script type=\"application/json\" id=\"kh-plan\">{}</script>\n\
         <script type=\"application/json\" id=\"kh-review\">{}</script>\n\
         <script>\n{JS}</script>\n</body>\n</html>\n",
        script_json(&kehoach_schema::to_json_line(plan)),
        script_json(&review.to_string()),
    );
    page
}

/// Agency id to name.
fn agency_names(plan: &Plan) -> BTreeMap<&str, &str> {
    plan.agencies
        .iter()
        .map(|a| (a.id.as_str(), a.name.as_str()))
        .collect()
}

fn toolbar(page: &mut String, plan: &Plan) {
    let _ = write!(
        page,
        "<header id=\"bar\">\n<strong>{}</strong> <span class=\"muted\">{} · {}</span>\n\
         <span class=\"tools\">\
         <label title=\"n / p: next / previous marked row (Shift: any row)\"><input type=\"checkbox\" id=\"only-marked\"> show only marked rows</label>\
         <label>reviewer <input type=\"text\" id=\"reviewer\" size=\"14\" placeholder=\"your name\"></label>\
         <span id=\"edit-count\" class=\"muted\">no edits</span>\
         <button type=\"button\" id=\"discard\" hidden>Discard edits</button>\
         <button type=\"button\" id=\"save\">Save corrections</button>\
         </span>\n</header>\n",
        esc(&plan.source.file),
        esc(&format!("{:?}", plan.source.format).to_lowercase()),
        esc(&plan.source.sha256[..plan.source.sha256.len().min(12)]),
    );
}

fn source_lines(page: &mut String, lines: &[String]) {
    page.push_str("<div id=\"src-lines\" class=\"lines\">\n");
    for (i, l) in lines.iter().enumerate() {
        let n = i + 1;
        let _ = writeln!(
            page,
            "<div class=\"ln\" id=\"L{n}\" data-n=\"{n}\"><span class=\"no\">{n}</span>{}</div>",
            esc(l)
        );
    }
    page.push_str("</div>\n");
}

/// Writes a number of points with one decimal, without a trailing `.0`.
fn pt(v: f32) -> String {
    let v = (v * 10.0).round() / 10.0;
    if v.fract() == 0.0 {
        format!("{}", v as i64)
    } else {
        format!("{v:.1}")
    }
}

fn source_pages(
    page: &mut String,
    pages: &[PageView],
    lines: &[String],
    places: &[kehoach_extract::Place],
) {
    // Lines by page, in one pass.
    let mut on_page: Vec<Vec<usize>> = vec![Vec::new(); pages.len()];
    for (i, p) in places.iter().enumerate() {
        if let Some(v) = on_page.get_mut((p.page as usize).wrapping_sub(1)) {
            v.push(i);
        }
    }
    for (i, pv) in pages.iter().enumerate() {
        let no = i + 1;
        let _ = write!(
            page,
            "<div class=\"page\" id=\"P{no}\" data-page=\"{no}\">\
             <div class=\"pno\">page {no}</div>\n\
             <svg viewBox=\"0 0 {w} {h}\" \
             data-page=\"{no}\" style=\"aspect-ratio: {w} / {h}\">\
             <rect class=\"paper\" width=\"{w}\" height=\"{h}\"/>",
            w = pt(pv.width),
            h = pt(pv.height),
        );
        if !pv.rules.is_empty() {
            page.push_str("<path class=\"rules\" d=\"");
            for r in &pv.rules {
                let _ = write!(page, "M{} {}L{} {}", pt(r[0]), pt(r[1]), pt(r[2]), pt(r[3]));
            }
            page.push_str("\"/>");
        }
        page.push('\n');
        for &li in &on_page[i] {
            let b = places[li].bbox;
            let text = lines.get(li).map(String::as_str).unwrap_or("");
            let h = (b[3] - b[1]).max(1.0);
            let _ = writeln!(
                page,
                "<text data-n=\"{n}\" x=\"{x}\" y=\"{y}\" font-size=\"{fs}\" textLength=\"{tl}\" \
                 lengthAdjust=\"spacingAndGlyphs\">{t}</text>",
                n = li + 1,
                x = pt(b[0]),
                y = pt(b[3] - 0.2 * h),
                fs = pt(h),
                tl = pt((b[2] - b[0]).max(1.0)),
                t = esc(text),
            );
        }
        page.push_str("<g class=\"hl-layer\"></g></svg></div>\n");
    }
}

fn summary(page: &mut String, plan: &Plan) {
    fn count(tasks: &[Task]) -> usize {
        tasks.iter().map(|t| 1 + count(&t.subtasks)).sum()
    }
    let targets: usize = plan.indicators.iter().map(|i| i.targets.len()).sum();
    let mut by_code: BTreeMap<&str, usize> = BTreeMap::new();
    for w in &plan.warnings {
        *by_code.entry(w.code.as_str()).or_default() += 1;
    }
    let _ = write!(
        page,
        "<h2 id=\"summary\">Summary</h2>\n<ul class=\"counts\">\
         <li><b>{}</b> indicators</li><li><b>{targets}</b> targets</li>\
         <li><b>{}</b> tasks</li><li><b>{}</b> agencies</li><li><b>{}</b> warnings</li>\
         <li><b id=\"marked-count\">0</b> marked rows</li></ul>\n",
        plan.indicators.len(),
        count(&plan.tasks),
        plan.agencies.len(),
        plan.warnings.len(),
    );
    if !by_code.is_empty() {
        page.push_str("<p class=\"codes\">");
        for (code, n) in by_code {
            let _ = write!(page, "<span class=\"code\">{} × {n}</span> ", esc(code));
        }
        page.push_str("</p>\n");
    }
}

/// An editable cell: its path, the text shown, and where the value was
/// read (clicking the cell shows that span).
fn ed(page: &mut String, path: &str, text: &str, class: &str, at: Option<&Span>) {
    let _ = write!(
        page,
        "<td class=\"ed {class}{}\" data-path=\"{}\"",
        if at.is_some() { " v" } else { "" },
        attr(path)
    );
    if let Some(at) = at {
        span_attrs(page, at);
    }
    let _ = write!(page, " title=\"double-click to edit\">{}</td>", esc(text));
}

/// A value cell that is not editable, with where the value was read.
fn value(page: &mut String, class: &str, text: &str, at: Option<&Span>) {
    match at {
        Some(at) => {
            let _ = write!(page, "<td class=\"v {class}\"");
            span_attrs(page, at);
            let _ = write!(page, ">{}</td>", esc(text));
        }
        None => {
            let _ = write!(page, "<td class=\"{class}\">{}</td>", esc(text));
        }
    }
}

fn metadata(page: &mut String, plan: &Plan) {
    let d = &plan.document;
    let at = &d.provenance;
    page.push_str("<h2 id=\"metadata\">Document</h2>\n<table class=\"meta\">\n");
    let row =
        |page: &mut String, label: &str, path: Option<&str>, v: Option<&str>, at: Option<&Span>| {
            let _ = write!(page, "<tr><th>{label}</th>");
            match path {
                Some(p) => ed(page, p, v.unwrap_or(""), "", at),
                None => value(page, "", v.unwrap_or(""), at),
            }
            page.push_str("</tr>\n");
        };
    row(
        page,
        "type",
        Some("/document/doc_type"),
        d.doc_type.as_deref(),
        at.doc_type.as_ref(),
    );
    row(
        page,
        "number",
        Some("/document/number"),
        d.number.as_deref(),
        at.number.as_ref(),
    );
    row(
        page,
        "title",
        Some("/document/title"),
        d.title.as_deref(),
        at.title.as_ref(),
    );
    row(
        page,
        "issuer",
        Some("/document/issuer"),
        d.issuer.as_deref(),
        at.issuer.as_ref(),
    );
    row(
        page,
        "issued on",
        Some("/document/issued_on"),
        d.issued_on.as_deref(),
        at.issued_on.as_ref(),
    );
    let signer = d.signer.as_ref();
    row(
        page,
        "signer",
        Some("/document/signer/name"),
        signer.and_then(|s| s.name.as_deref()),
        at.signer.as_ref(),
    );
    row(
        page,
        "signer's position",
        None,
        signer.and_then(|s| s.position.as_deref()),
        at.signer.as_ref(),
    );
    let locality = d
        .locality
        .as_ref()
        .map(|l| format!("{} ({})", l.name, l.level));
    row(
        page,
        "locality",
        None,
        locality.as_deref(),
        at.locality.as_ref(),
    );
    let period = d.period.as_ref().map(|p| match p.vision {
        Some(v) => format!("{}–{}, vision {v}", p.from, p.to),
        None => format!("{}–{}", p.from, p.to),
    });
    row(page, "period", None, period.as_deref(), at.period.as_ref());
    for (k, r) in d.legal_basis.iter().enumerate() {
        let text = format!(
            "{} {}{}{}",
            r.kind,
            r.number,
            r.date
                .as_deref()
                .map(|d| format!(", {d}"))
                .unwrap_or_default(),
            r.issuer
                .as_deref()
                .map(|i| format!(", {i}"))
                .unwrap_or_default()
        );
        let label = if k == 0 { "legal basis" } else { "" };
        row(page, label, None, Some(&text), r.span.as_ref());
    }
    let phases: Vec<&str> = plan.phases.iter().map(|p| p.label.as_str()).collect();
    row(page, "phases", None, Some(&phases.join("; ")), None);
    let src = format!(
        "{} ({:?}{}, {} bytes, sha256 {})",
        plan.source.file,
        plan.source.format,
        plan.source
            .pages
            .map(|p| format!(", {p} pages"))
            .unwrap_or_default(),
        plan.source.bytes,
        plan.source.sha256
    );
    row(page, "source", None, Some(&src), None);
    page.push_str("</table>\n");
}

/// A row's opening tag: its kind, id, span (and page and box), marks.
fn row_open(
    page: &mut String,
    kind: &str,
    id: &str,
    span: &Span,
    why: Option<&Vec<String>>,
    extra_class: &str,
) {
    let marked = if why.is_some() { " marked" } else { "" };
    let _ = write!(
        page,
        "<tr class=\"row {kind}{marked}{extra_class}\" data-kind=\"{kind}\" data-id=\"{}\"",
        attr(id)
    );
    span_attrs(page, span);
    page.push('>');
    match why {
        Some(why) => {
            let _ = write!(
                page,
                "<td class=\"mk\"><span class=\"mark\" title=\"{}\">⚑</span></td>",
                attr(&why.join("; "))
            );
        }
        None => page.push_str("<td class=\"mk\"></td>"),
    }
}

fn span_attrs(page: &mut String, span: &Span) {
    let _ = write!(
        page,
        " data-start=\"{}\" data-end=\"{}\"",
        span.start_line, span.end_line
    );
    if let Some(p) = span.page {
        let _ = write!(page, " data-page=\"{p}\"");
    }
    if let Some(b) = span.bbox {
        let _ = write!(page, " data-bbox=\"{},{},{},{}\"", b[0], b[1], b[2], b[3]);
    }
}

fn lines_cell(page: &mut String, span: &Span) {
    let p = span.page.map(|p| format!("p{p} ")).unwrap_or_default();
    let _ = write!(
        page,
        "<td class=\"lines\">{p}{}–{}</td>",
        span.start_line, span.end_line
    );
}

fn names_of(ids: &[String], names: &BTreeMap<&str, &str>) -> String {
    ids.iter()
        .map(|id| names.get(id.as_str()).copied().unwrap_or(id.as_str()))
        .collect::<Vec<_>>()
        .join("; ")
}

fn indicators(
    page: &mut String,
    plan: &Plan,
    names: &BTreeMap<&str, &str>,
    marks: &BTreeMap<String, Vec<String>>,
) {
    let _ = writeln!(
        page,
        "<h2 id=\"indicators\">Indicators ({})</h2>",
        plan.indicators.len()
    );
    if plan.indicators.is_empty() {
        page.push_str("<p class=\"muted\">none</p>\n");
        return;
    }
    page.push_str("<table class=\"rows\" id=\"indicator-table\"><thead><tr><th></th><th>TT</th><th>indicator</th><th>unit</th>");
    for ph in &plan.phases {
        let _ = write!(page, "<th>{}</th>", esc(&ph.label));
    }
    page.push_str("<th>lead</th><th>lines</th></tr></thead><tbody>\n");
    let mut group: Option<&str> = None;
    let cols = 6 + plan.phases.len();
    for i in &plan.indicators {
        if i.group.as_deref() != group {
            group = i.group.as_deref();
            if let Some(g) = group {
                let _ = writeln!(
                    page,
                    "<tr class=\"grp\"><td colspan=\"{cols}\">{}</td></tr>",
                    esc(g)
                );
            }
        }
        indicator_row(page, plan, i, names, marks);
    }
    page.push_str("</tbody></table>\n");
}

fn indicator_row(
    page: &mut String,
    plan: &Plan,
    i: &Indicator,
    names: &BTreeMap<&str, &str>,
    marks: &BTreeMap<String, Vec<String>>,
) {
    let p = format!("/indicators/{}", seg(&i.id));
    let at = &i.provenance;
    row_open(page, "indicator", &i.id, &i.span, marks.get(&i.id), "");
    value(
        page,
        "num",
        i.number.as_deref().unwrap_or(""),
        at.number.as_ref(),
    );
    ed(
        page,
        &format!("{p}/name"),
        &i.name,
        "name",
        at.name.as_ref(),
    );
    ed(
        page,
        &format!("{p}/unit"),
        i.unit.as_deref().unwrap_or(""),
        "",
        at.unit.as_ref(),
    );
    for ph in &plan.phases {
        let target = i.targets.iter().find(|t| t.phase == ph.id);
        ed(
            page,
            &format!("{p}/targets/{}/raw", seg(&ph.id)),
            target.map_or("", |t| t.raw.as_str()),
            "target",
            target.and_then(|t| t.span.as_ref()),
        );
    }
    ed(
        page,
        &format!("{p}/lead"),
        &names_of(&i.lead, names),
        "lead",
        at.lead.as_ref(),
    );
    lines_cell(page, &i.span);
    page.push_str("</tr>\n");
}

fn tasks(
    page: &mut String,
    plan: &Plan,
    names: &BTreeMap<&str, &str>,
    marks: &BTreeMap<String, Vec<String>>,
) {
    let _ = writeln!(page, "<h2 id=\"tasks\">Tasks ({})</h2>", plan.tasks.len());
    if plan.tasks.is_empty() {
        page.push_str("<p class=\"muted\">none</p>\n");
        return;
    }
    page.push_str(
        "<table class=\"rows\" id=\"task-table\"><thead><tr><th></th><th>TT</th><th>task</th>\
         <th>lead</th><th>cooperating</th><th>output</th><th>deadline</th><th>lines</th>\
         </tr></thead><tbody>\n",
    );
    let mut group: Option<&str> = None;
    for t in &plan.tasks {
        if t.group.as_deref() != group {
            group = t.group.as_deref();
            if let Some(g) = group {
                let _ = writeln!(
                    page,
                    "<tr class=\"grp\"><td colspan=\"8\">{}</td></tr>",
                    esc(g)
                );
            }
        }
        task_row(page, t, names, marks, 0);
    }
    page.push_str("</tbody></table>\n");
}

fn task_row(
    page: &mut String,
    t: &Task,
    names: &BTreeMap<&str, &str>,
    marks: &BTreeMap<String, Vec<String>>,
    depth: usize,
) {
    let p = format!("/tasks/{}", seg(&t.id));
    let at = &t.provenance;
    let class = if depth > 0 { " sub" } else { "" };
    row_open(page, "task", &t.id, &t.span, marks.get(&t.id), class);
    ed(
        page,
        &format!("{p}/number"),
        t.number.as_deref().unwrap_or(""),
        "num",
        at.number.as_ref(),
    );
    ed(
        page,
        &format!("{p}/name"),
        &t.name,
        "name",
        at.name.as_ref(),
    );
    ed(
        page,
        &format!("{p}/lead"),
        &names_of(&t.lead, names),
        "lead",
        at.lead.as_ref(),
    );
    ed(
        page,
        &format!("{p}/cooperating"),
        &names_of(&t.cooperating, names),
        "coop",
        at.cooperating.as_ref(),
    );
    ed(
        page,
        &format!("{p}/output"),
        t.output.as_deref().unwrap_or(""),
        "",
        at.output.as_ref(),
    );
    let kind = t
        .deadline
        .as_ref()
        .map(|d| format!("{:?}", d.kind).to_lowercase());
    ed(
        page,
        &format!("{p}/deadline/raw"),
        t.deadline.as_ref().map_or("", |d| d.raw.as_str()),
        &format!("deadline {}", kind.as_deref().unwrap_or("none")),
        at.deadline.as_ref(),
    );
    lines_cell(page, &t.span);
    page.push_str("</tr>\n");
    for s in &t.subtasks {
        task_row(page, s, names, marks, depth + 1);
    }
}

fn agencies(page: &mut String, plan: &Plan) {
    let _ = writeln!(
        page,
        "<h2 id=\"agencies\">Agencies ({})</h2>",
        plan.agencies.len()
    );
    if plan.agencies.is_empty() {
        return;
    }
    page.push_str("<table class=\"agencies\"><thead><tr><th>name</th><th>kind</th><th>rows</th><th>also written</th></tr></thead><tbody>\n");
    for a in &plan.agencies {
        let kind = serde_json::to_value(a.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let _ = writeln!(
            page,
            "<tr data-agency=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            attr(&a.id),
            esc(&a.name),
            esc(&kind),
            a.mentions,
            esc(&a.aliases.join("; "))
        );
    }
    page.push_str("</tbody></table>\n");
}

fn warnings(page: &mut String, plan: &Plan) {
    let _ = writeln!(
        page,
        "<h2 id=\"warnings\">Warnings ({})</h2>",
        plan.warnings.len()
    );
    if plan.warnings.is_empty() {
        return;
    }
    page.push_str("<ol class=\"warnings\">\n");
    for w in &plan.warnings {
        page.push_str("<li class=\"warn\"");
        let at = match &w.span {
            Some(s) => {
                span_attrs(page, s);
                let p = s.page.map(|p| format!("page {p}, ")).unwrap_or_default();
                format!(
                    " <span class=\"lines\">({p}lines {}–{})</span>",
                    s.start_line, s.end_line
                )
            }
            None => String::new(),
        };
        let _ = writeln!(
            page,
            "><span class=\"code\">{}</span> {}{at}</li>",
            esc(&w.code),
            esc(&w.message)
        );
    }
    page.push_str("</ol>\n");
}

#[cfg(test)]
mod tests;
