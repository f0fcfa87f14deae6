//! PDF to JSON beside `pdftotext` (poppler, text only), as processes: the
//! CPU time (user + system, from `getrusage`, workers included) and the peak
//! resident memory of each, on the same PDFs, in one run (issue 15).
//!
//! `cargo bench -p kehoach-cli --bench pdf [-- --runs N]`
//!
//! 1. Every PDF under `fixtures/pdf/` that kehoach converts (the bad and
//!    hostile ones are left out and named): for each, the least CPU time of
//!    N runs (default 5) of `kehoach extract FILE` (the CLI as a user runs
//!    it: a worker process converts the file), of `kehoach extract
//!    --in-process FILE`, and of `pdftotext -q FILE -`, and the ratios.
//! 2. The whole set: kehoach converting all of them in one run (`extract
//!    … --out DIR`, as analysts run it) against pdftotext run once per file
//!    (it takes one file), summed.
//! 3. Start-up: the one-page PDF against pdftotext.
//! 4. A large plan made here with `pdfunite` from copies of the 20-page
//!    `004` fixture (20, 200, 800 and 1,600 pages), `kehoach extract FILE`
//!    beside pdftotext: CPU, pages per second per core, peak RSS (the
//!    worker's: it converts the document) and RSS per page.
//!
//! Then the targets (kehoach ≤ 0.9 × pdftotext's CPU on a single
//! file and on the whole set; start-up ≤ 2 ×; peak RSS < 100 MB at 800
//! pages; RSS per page, peak RSS over pages, flat from 200 to 1,600 pages),
//! each said met or not.
//! A measurement, not a test: it asserts nothing but that the tools ran.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// CPU seconds (user + system) and peak RSS (KiB) of one process and the
/// children it waited for.
#[derive(Debug, Clone, Copy)]
struct Usage {
    cpu: f64,
    rss_kb: u64,
}

/// Runs `cmd` to its end, output discarded; its usage, or `None` when it
/// failed. The command is run by a copy of this bench (`--measure`), whose
/// only child it is: that copy's children's usage is the command's own
/// (with its workers), and the copy's own work is not counted.
fn measure(cmd: &mut Command) -> Option<Usage> {
    let out = Command::new(std::env::current_exe().ok()?)
        .arg("--measure")
        .arg(cmd.get_program())
        .args(cmd.get_args())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?;
    let mut parts = text.split_whitespace();
    Some(Usage {
        cpu: parts.next()?.parse().ok()?,
        rss_kb: parts.next()?.parse().ok()?,
    })
}

/// `--measure CMD ARGS…`: runs the command, output discarded, and prints
/// the CPU seconds and peak RSS (KiB) of this process's children; fails
/// when the command does.
fn measure_child(args: &[String]) -> ! {
    use nix::sys::resource::{getrusage, UsageWho};
    let ok = Command::new(&args[0])
        .args(&args[1..])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    let ru = getrusage(UsageWho::RUSAGE_CHILDREN).expect("getrusage");
    let secs = |t: nix::sys::time::TimeVal| t.tv_sec() as f64 + t.tv_usec() as f64 / 1e6;
    println!(
        "{} {}",
        secs(ru.user_time()) + secs(ru.system_time()),
        ru.max_rss()
    );
    std::process::exit(if ok { 0 } else { 1 });
}

/// The least CPU time and the largest RSS of `runs` runs of `make()`.
fn best(runs: usize, make: impl Fn() -> Command) -> Option<Usage> {
    let mut out: Option<Usage> = None;
    for _ in 0..runs {
        let u = measure(&mut make())?;
        out = Some(match out {
            None => u,
            Some(o) => Usage {
                cpu: o.cpu.min(u.cpu),
                rss_kb: o.rss_kb.max(u.rss_kb),
            },
        });
    }
    out
}

/// PDFs under `dir`, recursively, sorted.
fn pdfs(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            pdfs(&p, out);
        } else if p.extension().is_some_and(|x| x == "pdf") {
            out.push(p);
        }
    }
    out.sort();
}

/// The page count kehoach reads, or `None` when it does not convert the
/// file.
fn pages(bin: &Path, pdf: &Path) -> Option<u32> {
    let out = Command::new(bin)
        .args(["extract", "--in-process"])
        .arg(pdf)
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).ok()?;
    v["source"]["pages"].as_u64().map(|p| p as u32)
}

fn ms(s: f64) -> String {
    format!("{:.1}", s * 1e3)
}

fn mb(kb: u64) -> String {
    format!("{:.1}", kb as f64 / 1024.0)
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "met"
    } else {
        "NOT met"
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().is_some_and(|a| a == "--measure") {
        measure_child(&args[1..]);
    }
    let runs = args
        .iter()
        .position(|a| a == "--runs")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(5usize);
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_kehoach"));
    let poppler = Command::new("pdftotext")
        .arg("-v")
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !poppler {
        eprintln!("pdftotext is not on PATH (Debian: poppler-utils): nothing to compare with");
        std::process::exit(1);
    }
    let kehoach = |in_process: bool, file: &Path| {
        let mut c = Command::new(&bin);
        c.arg("extract");
        if in_process {
            c.arg("--in-process");
        }
        c.arg(file);
        c
    };
    let pdftotext = |file: &Path| {
        let mut c = Command::new("pdftotext");
        c.arg("-q").arg(file).arg("-");
        c
    };

    // 1. Each fixture.
    let mut all = Vec::new();
    pdfs(&root.join("fixtures/pdf"), &mut all);
    let mut set = Vec::new();
    let mut left_out = Vec::new();
    for p in all {
        match pages(&bin, &p) {
            Some(n) => set.push((p, n)),
            None => left_out.push(p),
        }
    }
    let name = |p: &Path| {
        p.strip_prefix(root.join("fixtures/pdf"))
            .unwrap_or(p)
            .display()
            .to_string()
    };
    println!("kehoach PDF to JSON beside pdftotext: CPU ms (user + system, least of {runs} runs), peak RSS MiB");
    println!(
        "{:<46} {:>5} {:>9} {:>11} {:>9} {:>7} {:>9} {:>8}",
        "file", "pages", "kehoach", "in-process", "pdftotext", "ratio", "k RSS", "p RSS"
    );
    let (mut sum_k, mut sum_i, mut sum_p, mut sum_pages) = (0.0, 0.0, 0.0, 0u32);
    let mut single = Vec::new();
    for (p, n) in &set {
        let k = best(runs, || kehoach(false, p)).expect("kehoach runs");
        let i = best(runs, || kehoach(true, p)).expect("kehoach runs");
        let t = best(runs, || pdftotext(p)).expect("pdftotext runs");
        sum_k += k.cpu;
        sum_i += i.cpu;
        sum_p += t.cpu;
        sum_pages += n;
        single.push((name(p), *n, k.cpu / t.cpu, i.cpu / t.cpu));
        println!(
            "{:<46} {:>5} {:>9} {:>11} {:>9} {:>7.2} {:>9} {:>8}",
            name(p),
            n,
            ms(k.cpu),
            ms(i.cpu),
            ms(t.cpu),
            k.cpu / t.cpu,
            mb(k.rss_kb),
            mb(t.rss_kb)
        );
    }
    println!(
        "{:<46} {:>5} {:>9} {:>11} {:>9} {:>7.2}",
        "sum, one process per file",
        sum_pages,
        ms(sum_k),
        ms(sum_i),
        ms(sum_p),
        sum_k / sum_p
    );
    for p in &left_out {
        println!("left out (kehoach does not convert it): {}", name(p));
    }

    // 2. The whole set in one run: copied into one folder under names of
    // their own (equal names in several fixture folders would collide in
    // one output folder).
    let tmp = std::env::temp_dir().join(format!("kehoach-bench-pdf-{}", std::process::id()));
    let (inputs, out) = (tmp.join("in"), tmp.join("out"));
    std::fs::create_dir_all(&inputs).expect("temp dir");
    for (p, _) in &set {
        let flat = name(p).replace('/', "__");
        std::fs::copy(p, inputs.join(flat)).expect("copy");
    }
    let whole = best(runs, || {
        let _ = std::fs::remove_dir_all(&out);
        let mut c = Command::new(&bin);
        c.arg("extract").arg(&inputs).arg("--out").arg(&out);
        c
    })
    .expect("kehoach runs on the set");
    let _ = std::fs::remove_dir_all(&tmp);
    println!(
        "\nwhole set ({} files, {sum_pages} pages): kehoach in one run {} ms ({:.0} pages/s per core), pdftotext once per file {} ms ({:.0} pages/s): ratio {:.2}",
        set.len(),
        ms(whole.cpu),
        f64::from(sum_pages) / whole.cpu,
        ms(sum_p),
        f64::from(sum_pages) / sum_p,
        whole.cpu / sum_p
    );

    // 3. Start-up: the smallest one-page fixture.
    let one = set
        .iter()
        .filter(|(_, n)| *n == 1)
        .min_by_key(|(p, _)| std::fs::metadata(p).map(|m| m.len()).unwrap_or(u64::MAX))
        .map(|(p, _)| p.clone())
        .expect("a one-page fixture");
    let k1 = best(runs * 4, || kehoach(false, &one)).expect("kehoach runs");
    let i1 = best(runs * 4, || kehoach(true, &one)).expect("kehoach runs");
    let p1 = best(runs * 4, || pdftotext(&one)).expect("pdftotext runs");
    println!(
        "start-up, {} (1 page): kehoach {} ms, in-process {} ms, pdftotext {} ms: ratio {:.2} ({:.2} in-process)",
        name(&one),
        ms(k1.cpu),
        ms(i1.cpu),
        ms(p1.cpu),
        k1.cpu / p1.cpu,
        i1.cpu / p1.cpu
    );

    // 4. A large plan.
    let unit = root.join("fixtures/pdf/004_239490791d981bc8.pdf");
    let unit_pages = set
        .iter()
        .find(|(p, _)| {
            p.ends_with("004_239490791d981bc8.pdf") && !p.to_string_lossy().contains("/borderless/")
        })
        .map(|(_, n)| *n)
        .expect("the 004 fixture");
    let big = std::env::temp_dir().join(format!("kehoach-bench-big-{}", std::process::id()));
    std::fs::create_dir_all(&big).expect("temp dir");
    println!(
        "\nlarge plans (copies of {} joined by pdfunite):",
        name(&unit)
    );
    println!(
        "{:>6} {:>10} {:>10} {:>7} {:>12} {:>12} {:>9} {:>9} {:>11}",
        "pages",
        "kehoach",
        "pdftotext",
        "ratio",
        "k pages/s",
        "p pages/s",
        "k RSS",
        "p RSS",
        "k KiB/page"
    );
    let mut rss = Vec::new();
    for copies in [1usize, 10, 40, 80] {
        let file = big.join(format!("plan_{copies}.pdf"));
        let mut c = Command::new("pdfunite");
        for _ in 0..copies {
            c.arg(&unit);
        }
        c.arg(&file);
        if copies > 1 {
            assert!(measure(&mut c).is_some(), "pdfunite failed");
        } else {
            std::fs::copy(&unit, &file).expect("copy");
        }
        let n = unit_pages as usize * copies;
        let r = if copies >= 40 { 1 } else { runs.min(3) };
        let k = best(r, || kehoach(false, &file)).expect("kehoach converts the large plan");
        let t = best(r, || pdftotext(&file)).expect("pdftotext runs");
        let per_page = k.rss_kb as f64 / n as f64;
        rss.push((n, k.rss_kb));
        println!(
            "{:>6} {:>10} {:>10} {:>7.2} {:>12.0} {:>12.0} {:>9} {:>9} {:>11.1}",
            n,
            ms(k.cpu),
            ms(t.cpu),
            k.cpu / t.cpu,
            n as f64 / k.cpu,
            n as f64 / t.cpu,
            mb(k.rss_kb),
            mb(t.rss_kb),
            per_page
        );
    }
    let input_per_page = std::fs::metadata(&unit).map(|m| m.len()).unwrap_or(0) as f64
        / 1024.0
        / f64::from(unit_pages);
    let _ = std::fs::remove_dir_all(&big);

    // The targets.
    let worst_single = single
        .iter()
        .filter(|s| s.1 >= 10)
        .map(|s| s.2)
        .fold(0.0, f64::max);
    let at = |pages: usize| rss.iter().find(|r| r.0 == pages).map(|r| r.1).unwrap_or(0);
    let slope = (at(1600) as f64 - at(200) as f64) / 1400.0;
    println!("\ntargets (issue 15):");
    println!(
        "  single file (the plans of 10 pages or more, worst): ratio {worst_single:.2} <= 0.9: {}",
        verdict(worst_single <= 0.9)
    );
    println!(
        "  whole set: ratio {:.2} <= 0.9: {}",
        whole.cpu / sum_p,
        verdict(whole.cpu / sum_p <= 0.9)
    );
    println!(
        "  start-up: ratio {:.2} <= 2: {}",
        k1.cpu / p1.cpu,
        verdict(k1.cpu / p1.cpu <= 2.0)
    );
    println!(
        "  800 pages: peak RSS {} MiB < 100: {}",
        mb(at(800)),
        verdict(at(800) < 100 * 1024)
    );
    // Peak RSS divided by the pages: flat (or falling) means no page costs
    // more than the ones before it. The growth per page is said too (the
    // file is read whole: about its size per page is the least).
    let per_page = |pages: usize| at(pages) as f64 / pages as f64;
    println!(
        "  200 to 1,600 pages: RSS per page {:.1} -> {:.1} KiB (flat: not growing): {}; {slope:.1} KiB more per page (the file: {input_per_page:.1} KiB per page)",
        per_page(200),
        per_page(1600),
        verdict(per_page(1600) <= per_page(200) * 1.05)
    );
}
