//! One plan, three inputs: the corpus plans as text, as DOCX (the Word
//! files the PDF fixtures are rendered from, `fixtures/docx/corpus/`) and
//! as PDF (`fixtures/pdf/`), each read into JSON in process, one thread,
//! release profile:
//!
//! `cargo bench -p kehoach-extract --bench formats`
//!
//! Per plan: the median time of each path, with pages per second (the PDF
//! rendering's page count, the same plan's pages for all three) and MB/s of
//! the input file; then the totals. A measurement: it asserts nothing.

use std::path::PathBuf;
use std::time::{Duration, Instant};

/// The allocator of the `kehoach` binary, so that the figures are its own.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn time<F: FnMut()>(mut f: F, budget: Duration) -> Duration {
    f();
    let started = Instant::now();
    let mut runs = Vec::new();
    while started.elapsed() < budget || runs.len() < 10 {
        let t = Instant::now();
        f();
        runs.push(t.elapsed());
    }
    runs.sort();
    runs[runs.len() / 2]
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut stems: Vec<String> = std::fs::read_dir(root.join("corpus"))
        .expect("corpus/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    stems.sort();
    let budget = Duration::from_millis(600);
    println!("kehoach, one plan read from three inputs (median time; pages/s and input MB/s), one thread");
    println!(
        "{:<22} {:>5} {:>24} {:>24} {:>24}",
        "plan", "pages", "text", "docx", "pdf"
    );
    let mut totals = [Duration::ZERO; 3];
    let mut total_bytes = [0usize; 3];
    let mut total_pages = 0u32;
    for stem in &stems {
        let inputs = [
            root.join("corpus").join(format!("{stem}.txt")),
            root.join("fixtures/docx/corpus")
                .join(format!("{stem}.docx")),
            root.join("fixtures/pdf").join(format!("{stem}.pdf")),
        ];
        let bytes: Vec<Vec<u8>> = inputs
            .iter()
            .map(|p| std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
            .collect();
        let pages = kehoach_extract::extract_pdf("x.pdf", &bytes[2])
            .expect("PDF extracts")
            .source
            .pages
            .unwrap_or(1);
        total_pages += pages;
        let mut cells = Vec::new();
        for (k, (path, b)) in inputs.iter().zip(&bytes).enumerate() {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let t = time(
                || {
                    let plan = kehoach_extract::extract(&name, b).expect("extracts");
                    std::hint::black_box(kehoach_schema::to_json(&plan));
                },
                budget,
            );
            totals[k] += t;
            total_bytes[k] += b.len();
            cells.push(format!(
                "{:>7.2} ms {:>5.0} p/s {:>5.1}",
                t.as_secs_f64() * 1e3,
                f64::from(pages) / t.as_secs_f64(),
                b.len() as f64 / 1e6 / t.as_secs_f64()
            ));
        }
        println!(
            "{:<22} {:>5} {:>24} {:>24} {:>24}",
            &stem[..stem.len().min(22)],
            pages,
            cells[0],
            cells[1],
            cells[2]
        );
    }
    let cells: Vec<String> = (0..3)
        .map(|k| {
            format!(
                "{:>7.2} ms {:>5.0} p/s {:>5.1}",
                totals[k].as_secs_f64() * 1e3,
                f64::from(total_pages) / totals[k].as_secs_f64(),
                total_bytes[k] as f64 / 1e6 / totals[k].as_secs_f64()
            )
        })
        .collect();
    println!(
        "{:<22} {:>5} {:>24} {:>24} {:>24}",
        "total", total_pages, cells[0], cells[1], cells[2]
    );
}
