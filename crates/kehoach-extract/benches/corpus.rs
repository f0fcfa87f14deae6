//! Throughput of the text pipeline on the bundled corpus, one thread.
//!
//! `cargo bench -p kehoach-extract --bench corpus` (release profile).
//! Reports the median time per document over many runs and the corpus
//! throughput in MB/s (decimal megabytes of input per second). The target is
//! >= 50 MB/s. This is a measurement, not a test: it asserts nothing.

use std::path::PathBuf;
use std::time::{Duration, Instant};

/// The allocator of the `kehoach` binary, so that the figures are its own.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("corpus directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "md"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).expect("readable"),
            )
        })
        .collect();
    files.sort();
    let total_bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    // Warm up (lazy rule tables, caches).
    for (name, bytes) in &files {
        kehoach_extract::extract_text(name, bytes).expect("corpus extracts");
    }
    let budget = Duration::from_secs(3);
    let started = Instant::now();
    let mut per_doc: Vec<Vec<Duration>> = vec![Vec::new(); files.len()];
    let mut whole: Vec<Duration> = Vec::new();
    while started.elapsed() < budget || whole.len() < 20 {
        let t0 = Instant::now();
        for (k, (name, bytes)) in files.iter().enumerate() {
            let t = Instant::now();
            let plan = kehoach_extract::extract_text(name, bytes).expect("corpus extracts");
            per_doc[k].push(t.elapsed());
            std::hint::black_box(plan);
        }
        whole.push(t0.elapsed());
    }
    println!("kehoach text pipeline, one thread, {} runs", whole.len());
    println!(
        "{:<34} {:>9} {:>12} {:>9}",
        "document", "bytes", "median", "MB/s"
    );
    for (k, (name, bytes)) in files.iter().enumerate() {
        let m = median(per_doc[k].clone());
        println!(
            "{:<34} {:>9} {:>9.3} ms {:>9.1}",
            name,
            bytes.len(),
            m.as_secs_f64() * 1e3,
            bytes.len() as f64 / m.as_secs_f64() / 1e6
        );
    }
    let m = median(whole);
    println!(
        "{:<34} {:>9} {:>9.3} ms {:>9.1}",
        "whole corpus",
        total_bytes,
        m.as_secs_f64() * 1e3,
        total_bytes as f64 / m.as_secs_f64() / 1e6
    );
}
