//! The page's contract, checked on corpus plans and PDF fixtures: it is
//! self-contained, its data round-trips, every row carries its id and span,
//! and the values the corrections file is built from are the plan's.

use super::*;
use kehoach_extract::extract_for_review;
use std::path::Path;

fn read(rel: &str) -> (Plan, SourceView) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel);
    let bytes = std::fs::read(&path).expect("fixture");
    let name = path.file_name().unwrap().to_str().unwrap();
    extract_for_review(name, &bytes).expect("a plan")
}

const TEXT: &str = "corpus/000_acc11078ec403f97.txt";
const PDF: &str = "fixtures/pdf/004_239490791d981bc8.pdf";

/// The text of `<script type="application/json" id="{id}">`.
fn block<'a>(page: &'a str, id: &str) -> &'a str {
    let open = format!("<script type=\"application/json\" id=\"{id}\">");
    let start = page.find(&open).expect("the block") + open.len();
    let end = start + page[start..].find("</script>").expect("its end");
    &page[start..end]
}

fn all_tasks(list: &[Task], out: &mut Vec<Task>) {
    for t in list {
        out.push(t.clone());
        all_tasks(&t.subtasks, out);
    }
}

#[test]
fn the_page_is_self_contained() {
    for rel in [TEXT, PDF] {
        let (plan, view) = read(rel);
        let page = render(&plan, &view).to_ascii_lowercase();
        for bad in [
            "src=\"http",
            "src='http",
            "href=\"http",
            "href='http",
            "<link",
            "<script src",
            "<iframe",
            "<img",
            "<object",
            "<embed",
        ] {
            assert!(!page.contains(bad), "{rel}: the page holds {bad:?}");
        }
        // Exactly the three inline scripts: plan, review data, behaviour.
        assert_eq!(page.matches("<script").count(), 3, "{rel}");
    }
}

#[test]
fn the_style_and_script_load_nothing() {
    for bad in ["@import", "url(", "http:", "https:"] {
        assert!(!CSS.contains(bad), "the CSS holds {bad:?}");
    }
    for bad in ["fetch(", "XMLHttpRequest", "import(", "https:", ".src ="] {
        assert!(!JS.contains(bad), "the script holds {bad:?}");
    }
}

#[test]
fn the_embedded_plan_round_trips() {
    for rel in [TEXT, PDF] {
        let (plan, view) = read(rel);
        let page = render(&plan, &view);
        let embedded: Value = serde_json::from_str(block(&page, "kh-plan")).expect("JSON");
        assert_eq!(embedded, serde_json::to_value(&plan).unwrap(), "{rel}");
        let back: Plan = serde_json::from_value(embedded).expect("a Plan");
        assert_eq!(back, plan, "{rel}");
        let review: Value = serde_json::from_str(block(&page, "kh-review")).expect("JSON");
        assert_eq!(review["head"], corrections_head(&plan));
        assert_eq!(review["pdf"], Value::Bool(rel.ends_with(".pdf")));
    }
}

#[test]
fn script_blocks_cannot_be_closed_by_the_data() {
    let raw = r#"{"name":"a </script><script>alert(1)</script> <!-- b"}"#;
    let safe = script_json(raw);
    assert!(!safe.contains("</") && !safe.contains("<!--"));
    let v: Value = serde_json::from_str(&safe).unwrap();
    assert_eq!(v["name"], "a </script><script>alert(1)</script> <!-- b");
}

#[test]
fn every_row_carries_its_id_and_span() {
    for rel in [TEXT, PDF] {
        let (plan, view) = read(rel);
        let page = render(&plan, &view);
        let mut tasks = Vec::new();
        all_tasks(&plan.tasks, &mut tasks);
        let rows = plan
            .indicators
            .iter()
            .map(|i| ("indicator", &i.id, &i.span))
            .chain(tasks.iter().map(|t| ("task", &t.id, &t.span)));
        let mut n = 0;
        for (kind, id, span) in rows {
            let mut want = format!(
                "data-kind=\"{kind}\" data-id=\"{}\" data-start=\"{}\" data-end=\"{}\"",
                html::attr(id),
                span.start_line,
                span.end_line
            );
            if let Some(p) = span.page {
                let _ = write!(want, " data-page=\"{p}\"");
            }
            if let Some(b) = span.bbox {
                let _ = write!(want, " data-bbox=\"{},{},{},{}\"", b[0], b[1], b[2], b[3]);
            }
            assert!(page.contains(&want), "{rel}: no row {want}");
            n += 1;
        }
        assert!(n > 10, "{rel}: {n} rows");
        assert_eq!(page.matches("<tr class=\"row ").count(), n, "{rel}");
    }
}

/// The attributes [`span_attrs`] writes for `span`.
fn attrs_of(span: &Span) -> String {
    let mut out = String::new();
    span_attrs(&mut out, span);
    out
}

#[test]
fn every_value_carries_the_span_it_was_read_from() {
    for rel in [TEXT, PDF] {
        let (plan, view) = read(rel);
        let page = render(&plan, &view);
        let mut tasks = Vec::new();
        all_tasks(&plan.tasks, &mut tasks);
        let mut n = 0;
        let mut expect = |path: String, at: Option<&Span>| {
            let cell = format!("data-path=\"{}\"", html::attr(&path));
            let at_cell = page
                .find(&cell)
                .unwrap_or_else(|| panic!("{rel}: no cell {path}"));
            let rest = &page[at_cell + cell.len()..];
            let tag = &rest[..rest.find('>').expect("the tag ends")];
            match at {
                Some(span) => {
                    assert!(tag.starts_with(&attrs_of(span)), "{rel}: {path}: {tag}");
                    n += 1;
                }
                None => assert!(!tag.contains("data-start"), "{rel}: {path}: {tag}"),
            }
        };
        for t in &tasks {
            let p = &t.provenance;
            let path = |f: &str| format!("/tasks/{}/{f}", t.id);
            expect(path("name"), p.name.as_ref());
            expect(path("lead"), p.lead.as_ref());
            expect(path("cooperating"), p.cooperating.as_ref());
            expect(path("output"), p.output.as_ref());
            expect(path("deadline/raw"), p.deadline.as_ref());
        }
        for i in &plan.indicators {
            expect(
                format!("/indicators/{}/name", i.id),
                i.provenance.name.as_ref(),
            );
            for t in &i.targets {
                expect(
                    format!("/indicators/{}/targets/{}/raw", i.id, t.phase),
                    t.span.as_ref(),
                );
            }
        }
        let d = &plan.document.provenance;
        expect("/document/number".into(), d.number.as_ref());
        expect("/document/title".into(), d.title.as_ref());
        assert!(n > 100, "{rel}: {n} values with a span");
    }
}

#[test]
fn text_sources_are_numbered_as_the_spans_number_them() {
    let (plan, view) = read(TEXT);
    let SourceView::Lines(lines) = &view else {
        panic!("a text source is lines")
    };
    let page = render(&plan, &view);
    let t = &plan.tasks[0];
    let line = &lines[t.span.start_line as usize - 1];
    let want = format!(
        "<div class=\"ln\" id=\"L{n}\" data-n=\"{n}\"><span class=\"no\">{n}</span>{}</div>",
        html::esc(line),
        n = t.span.start_line
    );
    assert!(page.contains(&want), "{want}");
}

#[test]
fn pdf_pages_are_drawn_with_their_lines_and_rules() {
    let (plan, view) = read(PDF);
    let SourceView::Pages {
        pages,
        lines,
        line_places,
    } = &view
    else {
        panic!("a PDF source is pages")
    };
    assert_eq!(pages.len() as u32, plan.source.pages.unwrap());
    assert_eq!(lines.len(), line_places.len());
    // A4 portrait or landscape, and the tables' rules kept.
    assert!(pages.iter().all(|p| p.width > 500.0 && p.height > 500.0));
    assert!(pages.iter().any(|p| !p.rules.is_empty()));
    let page = render(&plan, &view);
    assert_eq!(page.matches("<svg ").count(), pages.len());
    assert_eq!(page.matches("<text data-n=").count(), lines.len());
}

#[test]
fn fields_name_the_paths_and_old_values_of_the_corrections_format() {
    let (plan, _) = read(TEXT);
    let fields = fields(&plan);
    let get = |path: &str| {
        fields
            .iter()
            .find(|f| f.path == path)
            .unwrap_or_else(|| panic!("no field {path}"))
    };
    assert_eq!(get("/document/number").old, json!(plan.document.number));
    assert_eq!(
        get("/document/signer/name").old,
        json!(plan.document.signer.as_ref().and_then(|s| s.name.clone()))
    );
    let t = plan.tasks.iter().find(|t| t.deadline.is_some()).unwrap();
    let d = get(&format!("/tasks/{}/deadline/raw", t.id));
    assert_eq!(d.old, json!(t.deadline.as_ref().unwrap().raw));
    assert!(!d.list);
    // Lead and cooperating bodies by name, as lists.
    let t = plan.tasks.iter().find(|t| !t.lead.is_empty()).unwrap();
    let lead = get(&format!("/tasks/{}/lead", t.id));
    assert!(lead.list);
    let name = &plan
        .agencies
        .iter()
        .find(|a| a.id == t.lead[0])
        .unwrap()
        .name;
    assert_eq!(lead.old[0], json!(name));
    // One target per phase; a phase without one is null.
    let i = &plan.indicators[0];
    for ph in &plan.phases {
        let f = get(&format!("/indicators/{}/targets/{}/raw", i.id, ph.id));
        match i.targets.iter().find(|t| t.phase == ph.id) {
            Some(t) => assert_eq!(f.old, json!(t.raw)),
            None => assert_eq!(f.old, Value::Null),
        }
    }
    // Every editable cell of the page has its field, and every field a cell.
    let (plan, view) = read(TEXT);
    let page = render(&plan, &view);
    let n_cells = page.matches("<td class=\"ed ").count();
    assert_eq!(n_cells, fields.len());
    for f in &fields {
        assert!(
            page.contains(&format!("data-path=\"{}\"", html::attr(&f.path))),
            "{}",
            f.path
        );
    }
}

#[test]
fn the_corrections_head_names_the_source() {
    let (plan, _) = read(PDF);
    assert_eq!(
        corrections_head(&plan),
        json!({"kehoach_corrections": 1,
               "source": {"file": "004_239490791d981bc8.pdf", "sha256": plan.source.sha256}})
    );
    assert_eq!(stem("004_239490791d981bc8.pdf"), "004_239490791d981bc8");
    assert_eq!(stem("a.b.txt"), "a.b");
    assert_eq!(stem(".hidden"), ".hidden");
}

#[test]
fn rows_to_look_at_first_are_marked() {
    let (mut plan, _) = read(TEXT);
    let t = &mut plan.tasks[0];
    t.lead.clear();
    let id = t.id.clone();
    let span = t.span;
    plan.warnings.push(kehoach_schema::Warning {
        code: "row_ambiguous".to_string(),
        message: "test".to_string(),
        span: Some(span),
    });
    let marks = marks(&plan);
    let why = &marks[&id];
    assert!(why.contains(&"no lead".to_string()), "{why:?}");
    assert!(
        why.contains(&"warning: row_ambiguous".to_string()),
        "{why:?}"
    );
    let page = render(&plan, &SourceView::Lines(Vec::new()));
    assert!(page.contains("<tr class=\"row task marked"));
    // Marked rows, and only they, get the marker.
    assert_eq!(page.matches("class=\"mark\"").count(), marks.len());
}

#[test]
fn the_plan_reviewed_is_the_one_extract_writes() {
    for rel in [
        TEXT,
        PDF,
        "fixtures/docx/corpus/004_239490791d981bc8.docx",
        "fixtures/docx/odt/004_239490791d981bc8.odt",
    ] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(rel);
        let bytes = std::fs::read(&path).expect("fixture");
        let name = path.file_name().unwrap().to_str().unwrap();
        let (plan, view) = extract_for_review(name, &bytes).expect("a plan");
        let extracted = kehoach_extract::extract(name, &bytes).expect("a plan");
        assert_eq!(
            kehoach_schema::to_json(&plan),
            kehoach_schema::to_json(&extracted),
            "{rel}"
        );
        // Every span points at a line of the source view.
        let n_lines = match &view {
            SourceView::Lines(l) => l.len(),
            SourceView::Pages { lines, .. } => lines.len(),
        };
        for t in super::all_tasks(&plan.tasks) {
            assert!(t.span.end_line as usize <= n_lines, "{rel}: {}", t.id);
        }
    }
}

#[test]
fn ids_with_a_slash_are_escaped_in_paths_as_the_corrections_format_reads_them() {
    let (mut plan, view) = read(TEXT);
    plan.tasks[0].id = "pl1.1/2~x".into();
    plan.indicators[0].id = "pl1/I".into();
    let paths: Vec<String> = fields(&plan).into_iter().map(|f| f.path).collect();
    for p in &paths {
        let parsed = kehoach_corrections::FieldPath::parse(p)
            .unwrap_or_else(|| panic!("{p} does not parse"));
        assert_eq!(&parsed.to_string(), p);
    }
    assert!(paths.contains(&"/tasks/pl1.1~12~0x/name".to_string()));
    assert!(paths.contains(&"/indicators/pl1~1I/name".to_string()));
    let page = render(&plan, &view);
    assert!(page.contains("data-path=\"/tasks/pl1.1~12~0x/deadline/raw\""));
}
