//! The output contract: the committed JSON Schema is current, every output
//! validates against it, and output is deterministic.

use kehoach_suite::{documents, extract, root};

/// Each way `value` breaks the schema, with where.
fn schema_errors(validator: &jsonschema::Validator, value: &serde_json::Value) -> Vec<String> {
    validator
        .iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn committed_schema_is_current() {
    let path = root().join("schema/kehoach.schema.json");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    let generated = kehoach_schema::json_schema();
    if committed != generated {
        if std::env::var_os("UPDATE_SCHEMA").is_some() {
            std::fs::write(&path, &generated).expect("write schema");
        } else {
            panic!(
                "schema/kehoach.schema.json is stale: the contract types changed. \
                 Regenerate with `UPDATE_SCHEMA=1 cargo test --test contract`, \
                 bump SCHEMA_VERSION if the shape changed, and say so in CHANGELOG.md"
            );
        }
    }
}

#[test]
fn every_output_validates_against_the_schema() {
    let schema: serde_json::Value =
        serde_json::from_str(&kehoach_schema::json_schema()).expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    for doc in documents() {
        let value = serde_json::to_value(extract(&doc)).expect("plan serializes");
        let errors = schema_errors(&validator, &value);
        assert!(
            errors.is_empty(),
            "{}: {} schema errors:\n{}",
            doc.display(),
            errors.len(),
            errors.join("\n")
        );
    }
}

#[test]
fn schema_rejects_what_the_contract_forbids() {
    let schema: serde_json::Value =
        serde_json::from_str(&kehoach_schema::json_schema()).expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let doc = documents().into_iter().next().expect("a document");
    let good = serde_json::to_value(extract(&doc)).expect("serializes");
    // An unknown key, a wrong enum value, a missing key: each must be rejected.
    let mut unknown = good.clone();
    unknown["extra"] = serde_json::json!(1);
    assert!(
        !validator.is_valid(&unknown),
        "unknown top-level key accepted"
    );
    let mut bad_format = good.clone();
    bad_format["source"]["format"] = serde_json::json!("rtf");
    assert!(
        !validator.is_valid(&bad_format),
        "unknown source format accepted"
    );
    let mut bad_origin = good.clone();
    if let Some(t) = bad_origin["tasks"].get_mut(0) {
        t["origin"] = serde_json::json!("guess");
        assert!(!validator.is_valid(&bad_origin), "unknown origin accepted");
    }
    let mut missing = good;
    missing.as_object_mut().expect("object").remove("tasks");
    assert!(!validator.is_valid(&missing), "missing tasks accepted");
}

#[test]
fn output_is_byte_identical_across_runs() {
    for doc in documents() {
        let a = kehoach_schema::to_json(&extract(&doc));
        let b = kehoach_schema::to_json(&extract(&doc));
        assert_eq!(a, b, "{}: two runs differ", doc.display());
    }
}

/// A plan with the project's corrections applied (`corrections/`) still
/// follows the schema, and lists them; its `correction_not_applied`
/// warnings too.
#[test]
fn corrected_plans_validate_against_the_schema() {
    let schema: serde_json::Value =
        serde_json::from_str(&kehoach_schema::json_schema()).expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let mut files: Vec<_> = std::fs::read_dir(root().join("corrections"))
        .expect("corrections/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".corrections.json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no corrections in corrections/");
    for path in files {
        let text = std::fs::read_to_string(&path).expect("readable");
        let file = kehoach_corrections::CorrectionsFile::parse(&text).expect("a corrections file");
        let mut plan = extract(&root().join("corpus").join(&file.source.file));
        let done = kehoach_corrections::apply(&mut plan, &file);
        assert_eq!(
            done.applied,
            file.corrections.len(),
            "{:?}",
            done.not_applied
        );
        // Once more: now each is stale (the field holds `new`), and says so.
        let again = kehoach_corrections::apply(&mut plan, &file);
        assert_eq!(again.not_applied.len(), file.corrections.len());
        let value = serde_json::to_value(&plan).expect("serializes");
        assert!(value["corrections"]
            .as_array()
            .is_some_and(|c| !c.is_empty()));
        let errors = schema_errors(&validator, &value);
        assert!(
            errors.is_empty(),
            "{}: {}",
            path.display(),
            errors.join("\n")
        );
    }
}
