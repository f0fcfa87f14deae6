//! Accuracy of the corpus plans as the usual converters write them
//! (`fixtures/converted/`: pandoc's Markdown, pandoc's GitHub Markdown,
//! markitdown), each against its plan's gold, with a floor per file.
//! Floors only move up, as in `tests/accuracy.rs`.

use kehoach_suite::{extract, root};

/// The corpus plans and where their gold is.
const PLANS: &[(&str, &str)] = &[
    ("000_acc11078ec403f97", "fixtures/gold"),
    ("001_39870d99980587d9", "fixtures/gold-kehoach"),
    ("002_582188faeadf9c63", "fixtures/gold"),
    ("003_a197172d4ce4415c", "fixtures/gold-kehoach"),
    ("004_239490791d981bc8", "fixtures/gold"),
];

/// (converter folder, F1 floor for every plan). Measured when the floors
/// were set: pandoc_md 0.990-1.000, pandoc_gfm 0.994-1.000, markitdown
/// 0.990-1.000.
const CONVERTERS: &[(&str, f64)] = &[
    ("pandoc_md", 0.98),
    ("pandoc_gfm", 0.98),
    ("markitdown", 0.98),
];

#[test]
fn every_converted_plan_keeps_its_f1_floor() {
    let mut report = kehoach_eval::Report::default();
    let mut failures = Vec::new();
    for (converter, floor) in CONVERTERS {
        for (stem, gold_dir) in PLANS {
            let input = format!("fixtures/converted/{converter}/{stem}.md");
            let gold: serde_json::Value = serde_json::from_str(
                &std::fs::read_to_string(root().join(gold_dir).join(format!("{stem}.json")))
                    .expect("gold readable"),
            )
            .expect("gold is JSON");
            let out = serde_json::to_value(extract(&root().join(&input))).expect("serializes");
            let tally = kehoach_eval::score_doc(&gold, Some(&out));
            let (p, r, f1) = tally.totals();
            if f1 + 1e-9 < *floor {
                failures.push(format!(
                    "{input}: F1 {f1:.3} (precision {p:.3}, recall {r:.3}) is below its floor {floor:.3}"
                ));
            }
            report.docs.insert(input, tally);
        }
    }
    println!("{}", report.render_text());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
