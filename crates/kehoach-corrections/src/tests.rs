//! Corrections applied to and checked against a real plan of the corpus.

use super::*;
use kehoach_schema::{DeadlineKind, Plan};
use serde_json::json;

/// `corpus/002_…` (tasks, some in prose), extracted.
fn plan() -> Plan {
    plan_of("002_582188faeadf9c63.txt")
}

/// A plan of the corpus, extracted.
fn plan_of(name: &str) -> Plan {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../corpus")
        .join(name);
    let bytes = std::fs::read(path).expect("corpus file");
    kehoach_extract::extract(name, &bytes).expect("a plan")
}

fn file(plan: &Plan, corrections: serde_json::Value) -> CorrectionsFile {
    CorrectionsFile::parse(
        &json!({
            "kehoach_corrections": 1,
            "source": { "file": plan.source.file, "sha256": plan.source.sha256 },
            "corrections": corrections,
        })
        .to_string(),
    )
    .expect("a corrections file")
}

#[test]
fn paths_read_and_print_back() {
    for p in [
        "/document/number",
        "/document/signer/name",
        "/tasks/pl1.I.2/deadline/raw",
        "/tasks/p.IV.8.b4/cooperating",
        "/indicators/pl1.I.1/targets/2025/raw",
        "/indicators/a~1b/unit",
    ] {
        let parsed = FieldPath::parse(p).unwrap_or_else(|| panic!("{p} is a path"));
        assert_eq!(parsed.to_string(), p);
    }
    for p in [
        "",
        "document/number",
        "/document/locality",
        "/tasks//name",
        "/tasks/x/span",
    ] {
        assert_eq!(FieldPath::parse(p), None, "{p}");
    }
}

#[test]
fn the_file_format_round_trips_and_other_versions_are_refused() {
    let p = plan();
    let f = file(
        &p,
        json!([{ "path": "/document/number", "old": "95/KH-UBND", "new": "96/KH-UBND",
                 "by": "", "at": "2026-12-05T10:00:00Z", "note": "test" }]),
    );
    assert_eq!(CorrectionsFile::parse(&f.to_json()).unwrap(), f);
    let v2 = f
        .to_json()
        .replace("\"kehoach_corrections\": 1", "\"kehoach_corrections\": 2");
    assert!(matches!(
        CorrectionsFile::parse(&v2),
        Err(Error::UnsupportedVersion(2))
    ));
    assert!(matches!(
        CorrectionsFile::parse("{}"),
        Err(Error::Malformed(_))
    ));
}

#[test]
fn a_deadline_is_reparsed_and_the_correction_listed() {
    let mut p = plan();
    let task = p.tasks[0].id.clone();
    let old = p.tasks[0].deadline.as_ref().map(|d| d.raw.clone());
    let f = file(
        &p,
        json!([
            { "path": format!("/tasks/{task}/deadline/raw"), "old": old, "new": "Quý II/2026", "by": "Lan", "at": "t" },
            { "path": "/document/number", "old": "95/KH-UBND", "new": "96/KH-UBND" },
        ]),
    );
    let done = apply(&mut p, &f);
    assert_eq!(done.applied, 2, "{:?}", done.not_applied);
    let d = p.tasks[0].deadline.as_ref().unwrap();
    assert_eq!(
        (d.raw.as_str(), d.kind),
        ("Quý II/2026", DeadlineKind::Quarter)
    );
    assert_eq!(d.start.as_deref(), Some("2026-04-01"));
    assert_eq!(d.end.as_deref(), Some("2026-06-30"));
    assert_eq!(p.document.number.as_deref(), Some("96/KH-UBND"));
    assert_eq!(p.corrections.len(), 2);
    assert_eq!(p.corrections[0].by, "Lan");
    assert_eq!(p.corrections[1].old, json!("95/KH-UBND"));
}

#[test]
fn agency_names_resolve_to_ids_and_unknown_ones_are_registered() {
    let mut p = plan();
    let f = file(
        &p,
        json!([{ "path": "/tasks/p.IV.8.b4/cooperating", "old": ["Các đoàn thể, trường học"],
                 "new": ["đoàn thể", "Trường học"] }]),
    );
    // Before: the correction is needed.
    assert_eq!(check(&p, &f)[0].verdict, Verdict::Needed);
    let done = apply(&mut p, &f);
    assert_eq!(done.applied, 1, "{:?}", done.not_applied);
    let t = p.tasks.iter().find(|t| t.id == "p.IV.8.b4").unwrap();
    assert_eq!(
        t.cooperating[0], "cac-doan-the",
        "an alias names a known agency"
    );
    assert_eq!(
        t.cooperating[1], "cac-truong-hoc",
        "the extractor's key names a known agency"
    );
    // After: the plan gives the new value.
    assert_eq!(check(&p, &f)[0].verdict, Verdict::Fixed);

    // A body the plan does not name is registered as the extractor would.
    let f = file(
        &p,
        json!([{ "path": "/tasks/p.IV.8.b4/lead", "old": ["Công an xã"],
                 "new": ["Hội Người cao tuổi xã"] }]),
    );
    let done = apply(&mut p, &f);
    assert_eq!(done.applied, 1, "{:?}", done.not_applied);
    let t = p.tasks.iter().find(|t| t.id == "p.IV.8.b4").unwrap();
    let new = p
        .agencies
        .iter()
        .find(|a| a.id == t.lead[0])
        .expect("registered");
    assert_eq!(new.kind, kehoach_schema::AgencyKind::MassOrganization);
    assert_eq!(
        (new.aliases.as_slice(), new.mentions),
        (&["Hội Người cao tuổi xã".to_string()][..], 1)
    );
    assert!(
        p.agencies.windows(2).all(|w| w[0].id < w[1].id),
        "agencies stay sorted by id"
    );
}

#[test]
fn what_cannot_be_applied_is_said_and_not_applied() {
    let mut p = plan();
    let before = p.clone();
    let mut f = file(
        &p,
        json!([
            { "path": "/document/number", "old": "1/KH-UBND", "new": "2/KH-UBND" },
            { "path": "/tasks/no-such-task/name", "old": "x", "new": "y" },
            { "path": "/document/locality", "old": null, "new": "x" },
        ]),
    );
    let done = apply(&mut p, &f);
    assert_eq!(done.applied, 0);
    assert_eq!(done.not_applied.len(), 3);
    assert!(
        done.not_applied[0].contains("the extractor now gives \"95/KH-UBND\""),
        "{:?}",
        done.not_applied
    );
    assert!(done.not_applied[1].contains("no task \"no-such-task\""));
    let warned: Vec<_> = p.warnings[before.warnings.len()..]
        .iter()
        .map(|w| w.code.as_str())
        .collect();
    assert_eq!(warned, ["correction_not_applied"; 3]);
    assert_eq!(
        (p.document.clone(), p.corrections.len()),
        (before.document.clone(), 0)
    );
    let verdicts: Vec<Verdict> = check(&before, &f).iter().map(|c| c.verdict).collect();
    assert_eq!(verdicts, [Verdict::Changed; 3]);

    // Another version of the input: nothing applies.
    f.source.sha256 = "0".repeat(64);
    f.corrections[0].old = json!("95/KH-UBND");
    let mut p = before.clone();
    let done = apply(&mut p, &f);
    assert_eq!(done.applied, 0);
    assert!(done.not_applied[0].contains("another version"));
    assert_eq!(check(&before, &f)[0].verdict, Verdict::SourceChanged);
}

#[test]
fn a_target_is_reparsed() {
    let mut p = plan_of("004_239490791d981bc8.txt");
    let i = p
        .indicators
        .iter()
        .find(|i| !i.targets.is_empty())
        .expect("an indicator");
    let (id, phase, old) = (
        i.id.clone(),
        i.targets[0].phase.clone(),
        i.targets[0].raw.clone(),
    );
    let f = file(
        &p,
        json!([{ "path": format!("/indicators/{id}/targets/{phase}/raw"), "old": old, "new": "≥ 80%" }]),
    );
    assert_eq!(apply(&mut p, &f).applied, 1);
    let t = &p.indicators.iter().find(|i| i.id == id).unwrap().targets[0];
    assert_eq!(
        (t.comparator, t.value, t.unit.as_deref()),
        (kehoach_schema::Comparator::Ge, Some(80.0), Some("%"))
    );
}
