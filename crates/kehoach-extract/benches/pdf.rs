//! PDF to JSON beside `pdftotext` (poppler, text only) on the fixture PDFs,
//! one thread, release profile:
//!
//! `cargo bench -p kehoach-extract --bench pdf`
//!
//! For each PDF in `fixtures/pdf/`: the median time of kehoach (read the
//! PDF, rebuild its tables, build the plan, write JSON; in process) and of
//! `pdftotext -q FILE -` (a process, output discarded), and their ratio;
//! then the totals. The target is a ratio <= 1.5. The time to start a
//! process (`pdftotext -v`) is printed too, since pdftotext pays it on every
//! file and kehoach here does not. This is a measurement; it asserts
//! nothing. Without `pdftotext` on PATH only kehoach's times are printed.

use std::path::PathBuf;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The allocator of the `kehoach` binary, so that the figures are its own.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time<F: FnMut()>(mut f: F, budget: Duration) -> Duration {
    f();
    let started = Instant::now();
    let mut runs = Vec::new();
    while started.elapsed() < budget || runs.len() < 10 {
        let t = Instant::now();
        f();
        runs.push(t.elapsed());
    }
    median(runs)
}

fn run(cmd: &mut Command) -> bool {
    cmd.stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/pdf");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures/pdf")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    files.sort();
    let poppler = run(Command::new("pdftotext").arg("-v"));
    let budget = Duration::from_millis(700);
    println!("kehoach PDF to JSON beside pdftotext, one thread");
    println!(
        "{:<30} {:>6} {:>12} {:>12} {:>7}",
        "document", "pages", "kehoach", "pdftotext", "ratio"
    );
    let (mut total_k, mut total_p) = (Duration::ZERO, Duration::ZERO);
    for path in &files {
        let bytes = std::fs::read(path).expect("readable");
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let plan = kehoach_extract::extract_pdf(&name, &bytes).expect("fixture PDF extracts");
        let pages = plan.source.pages.unwrap_or(0);
        let k = time(
            || {
                let plan = kehoach_extract::extract_pdf(&name, &bytes).expect("extracts");
                std::hint::black_box(kehoach_schema::to_json(&plan));
            },
            budget,
        );
        total_k += k;
        if poppler {
            let p = time(
                || {
                    run(Command::new("pdftotext").arg("-q").arg(path).arg("-"));
                },
                budget,
            );
            total_p += p;
            println!(
                "{:<30} {:>6} {:>9.2} ms {:>9.2} ms {:>7.2}",
                name,
                pages,
                ms(k),
                ms(p),
                k.as_secs_f64() / p.as_secs_f64()
            );
        } else {
            println!(
                "{:<30} {:>6} {:>9.2} ms {:>12} {:>7}",
                name,
                pages,
                ms(k),
                "-",
                "-"
            );
        }
    }
    if poppler {
        let spawn = time(
            || {
                run(Command::new("pdftotext").arg("-v"));
            },
            budget,
        );
        println!(
            "{:<30} {:>6} {:>9.2} ms {:>9.2} ms {:>7.2}",
            "total",
            "",
            ms(total_k),
            ms(total_p),
            total_k.as_secs_f64() / total_p.as_secs_f64()
        );
        println!(
            "(starting a process, `pdftotext -v`: {:.2} ms per file)",
            ms(spawn)
        );
    } else {
        println!(
            "total {:.2} ms (pdftotext not found: no ratio)",
            ms(total_k)
        );
    }
}
