//! `kehoach`: Vietnamese plan documents to normalised JSON.
//!
//! The only crate that touches the filesystem. It finds inputs, runs the
//! library pipeline on each (in parallel, each document contained so that a
//! panic in one cannot take the batch down), writes outputs atomically and
//! maps failures to exit codes: 0 all converted, 1 some inputs failed (each
//! named on stderr with the reason), 2 usage.

mod legacy_doc;

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand};
use indicatif::{ParallelProgressIterator, ProgressBar, ProgressStyle};
use kehoach_schema::Plan;
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// mimalloc rather than the system's allocator: the pipeline makes many
/// small strings, and mimalloc makes and frees them faster (about 10 % of
/// the time per document in `cargo bench -p kehoach-extract`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const EXAMPLES: &str = "\
Examples:
  kehoach extract                          # every plan in the bundled corpus/, JSON Lines on stdout
  kehoach extract --out out/               # … one out/<name>.json per plan
  kehoach extract plan.txt                 # one plan, pretty JSON on stdout
  kehoach extract plan.pdf                 # a PDF: tables rebuilt from the page layout
  kehoach extract plans/ more.md --out out # files and directories, mixed
  kehoach schema > kehoach.schema.json     # the JSON Schema of the output
  kehoach eval --gold fixtures/gold        # precision/recall against gold files";

/// Turns Vietnamese government plans (Kế hoạch, Nghị quyết, Chương trình
/// hành động) into one normalised JSON document each: metadata, phases,
/// indicators with targets, tasks with lead bodies and deadlines, agencies.
#[derive(Parser, Debug)]
#[command(name = "kehoach", version, about, after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract plans to JSON.
    #[command(after_help = EXAMPLES)]
    Extract {
        /// Files (.txt, .md, .pdf) or directories of them. Default: the bundled corpus/.
        inputs: Vec<PathBuf>,
        /// Write one DIR/<input file stem>.json per input (atomically) instead of stdout.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Worker threads (default: one per core).
        #[arg(long, short = 'j')]
        jobs: Option<usize>,
        /// Never show a progress bar.
        #[arg(long, short = 'q')]
        quiet: bool,
    },
    /// Print the JSON Schema of the output.
    Schema,
    /// Score extractions against gold files (field-level precision/recall/F1).
    Eval {
        /// Directory of gold files `<stem>.json` (format: shared/eval/GOLD.md).
        #[arg(long, value_name = "DIR")]
        gold: PathBuf,
        /// Plans to extract and score. Default: the bundled corpus/ files whose
        /// stem has a gold file.
        inputs: Vec<PathBuf>,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
        /// Score only indicators and tasks of this origin (`table` or `prose`;
        /// a row without `origin` is a table row), and only the agencies
        /// those rows name.
        #[arg(long, value_name = "ORIGIN")]
        origin: Option<kehoach_eval::Origin>,
    },
}

/// The bundled corpus: `./corpus` when run from the repository, else the
/// repository the binary was built from.
fn default_corpus() -> PathBuf {
    let here = PathBuf::from("corpus");
    if here.is_dir() {
        return here;
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus")
}

fn is_input_file(p: &Path) -> bool {
    matches!(
        p.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("txt" | "md" | "pdf" | "docx" | "odt" | "doc")
    )
}

/// Expands directories (one level, sorted) into their input files.
fn collect_inputs(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let inputs = if inputs.is_empty() {
        vec![default_corpus()]
    } else {
        inputs.to_vec()
    };
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(&input)
                .with_context(|| format!("{}: cannot list directory", input.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && is_input_file(p))
                .collect();
            found.sort();
            if found.is_empty() {
                eprintln!(
                    "kehoach: {}: no .txt, .md, .pdf, .docx, .odt or .doc files in this directory",
                    input.display()
                );
            }
            files.extend(found);
        } else {
            files.push(input);
        }
    }
    Ok(files)
}

/// Extracts one file, never panicking: a panic in the pipeline becomes an error.
fn extract_one(path: &Path) -> Result<Plan> {
    if !is_input_file(path) {
        bail!("unsupported input type (expected .txt, .md, .pdf, .docx, .odt or .doc)");
    }
    let bytes = std::fs::read(path).context("cannot read file")?;
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("input")
        .to_string();
    let legacy = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("doc"));
    // A legacy Word file is read through LibreOffice's conversion to DOCX.
    let converted = if legacy {
        Some(legacy_doc::to_docx(path, &bytes)?)
    } else {
        None
    };
    let run = || match &converted {
        Some(docx) => kehoach_extract::extract_converted_doc(&name, &bytes, docx),
        None => kehoach_extract::extract(&name, &bytes),
    };
    match catch_unwind(AssertUnwindSafe(run)) {
        Ok(Ok(plan)) => Ok(plan),
        Ok(Err(e)) => Err(e.into()),
        Err(_) => {
            let at = LAST_PANIC
                .with(|p| p.borrow_mut().take())
                .unwrap_or_default();
            bail!("internal error: the extractor panicked on this file (please report it): {at}")
        }
    }
}

/// Writes `contents` to `path` atomically: a temporary file in the same
/// directory, renamed into place, so no reader ever sees a partial file.
fn write_atomic(path: &Path, contents: &str) -> Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    // Created with mode 0666 less the user's umask, like any file a tool
    // writes (tempfile's default, 0600, is for secrets).
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder
        .tempfile_in(dir)
        .with_context(|| format!("{}: cannot create a file", dir.display()))?;
    tmp.write_all(contents.as_bytes())?;
    tmp.persist(path)
        .with_context(|| format!("{}: cannot write", path.display()))?;
    Ok(())
}

fn progress(n: usize, quiet: bool) -> ProgressBar {
    if quiet || n < 2 || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(n as u64);
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} plans {per_sec} eta {eta}")
            .expect("valid template")
            .progress_chars("=> "),
    );
    bar
}

fn run_extract(inputs: &[PathBuf], out: Option<&Path>, quiet: bool) -> Result<bool> {
    let files = collect_inputs(inputs)?;
    if files.is_empty() {
        bail!("no input files");
    }
    if let Some(dir) = out {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("{}: cannot create output directory", dir.display()))?;
        // Two inputs with one stem would overwrite each other's output.
        let mut stems = std::collections::BTreeMap::new();
        for f in &files {
            if let Some(prev) = stems.insert(f.file_stem().map(|s| s.to_os_string()), f) {
                bail!(
                    "{} and {} would both be written to the same output file",
                    prev.display(),
                    f.display()
                );
            }
        }
    }
    let bar = progress(files.len(), quiet);
    let results: Vec<(PathBuf, Result<Plan>)> = files
        .par_iter()
        .progress_with(bar)
        .map(|f| {
            let r = extract_one(f).and_then(|plan| {
                if let Some(dir) = out {
                    let stem = f.file_stem().and_then(|s| s.to_str()).unwrap_or("output");
                    write_atomic(
                        &dir.join(format!("{stem}.json")),
                        &kehoach_schema::to_json(&plan),
                    )?;
                }
                Ok(plan)
            });
            (f.clone(), r)
        })
        .collect();
    let mut ok = true;
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    let single = results.len() == 1;
    for (path, r) in &results {
        match r {
            Ok(plan) if out.is_none() => {
                let s = if single {
                    kehoach_schema::to_json(plan)
                } else {
                    kehoach_schema::to_json_line(plan) + "\n"
                };
                if let Err(e) = lock.write_all(s.as_bytes()) {
                    if e.kind() == std::io::ErrorKind::BrokenPipe {
                        return Ok(ok);
                    }
                    return Err(e.into());
                }
            }
            Ok(_) => {}
            Err(e) => {
                ok = false;
                eprintln!("kehoach: {}: {:#}", path.display(), e);
            }
        }
    }
    if let Some(dir) = out {
        let n_ok = results.iter().filter(|(_, r)| r.is_ok()).count();
        if !quiet {
            eprintln!(
                "kehoach: wrote {n_ok} of {} plans to {}",
                results.len(),
                dir.display()
            );
        }
    }
    Ok(ok)
}

fn run_eval(
    gold: &Path,
    inputs: &[PathBuf],
    json: bool,
    origin: Option<kehoach_eval::Origin>,
) -> Result<bool> {
    let mut golds: Vec<PathBuf> = std::fs::read_dir(gold)
        .with_context(|| format!("{}: cannot list gold directory", gold.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    golds.sort();
    if golds.is_empty() {
        bail!("{}: no gold files (*.json)", gold.display());
    }
    let files = collect_inputs(inputs)?;
    let mut report = kehoach_eval::Report::default();
    let mut ok = true;
    for g in &golds {
        let stem = g
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        let gold_value: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(g).with_context(|| format!("{}: cannot read", g.display()))?,
        )
        .with_context(|| format!("{}: not valid JSON", g.display()))?;
        let input = files
            .iter()
            .find(|f| f.file_stem().and_then(|s| s.to_str()) == Some(stem.as_str()));
        let out = match input {
            None => {
                eprintln!("kehoach: no input for gold {stem}; it scores zero");
                None
            }
            Some(f) => match extract_one(f) {
                Ok(plan) => Some(serde_json::to_value(&plan)?),
                Err(e) => {
                    ok = false;
                    eprintln!("kehoach: {}: {:#}", f.display(), e);
                    None
                }
            },
        };
        report.docs.insert(
            stem,
            kehoach_eval::score_doc_filtered(&gold_value, out.as_ref(), origin),
        );
    }
    print!(
        "{}",
        if json {
            report.render_json()
        } else {
            report.render_text()
        }
    );
    Ok(ok)
}

thread_local! {
    /// The last panic on this thread, as the panic hook formatted it.
    static LAST_PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

fn main() -> ExitCode {
    // Every extraction runs inside catch_unwind and reports a panic as that
    // file's error, with the panic's message and place: keep the default
    // hook's backtrace off stderr, where it would interleave with progress.
    std::panic::set_hook(Box::new(|info| {
        LAST_PANIC.with(|p| *p.borrow_mut() = Some(info.to_string()));
    }));
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Extract {
            inputs,
            out,
            jobs,
            quiet,
        } => {
            if let Some(n) = jobs {
                if let Err(e) = rayon::ThreadPoolBuilder::new()
                    .num_threads(*n)
                    .build_global()
                {
                    eprintln!("kehoach: --jobs: {e}");
                    return ExitCode::from(2);
                }
            }
            run_extract(inputs, out.as_deref(), *quiet)
        }
        Command::Schema => {
            print!("{}", kehoach_schema::json_schema());
            Ok(true)
        }
        Command::Eval {
            gold,
            inputs,
            json,
            origin,
        } => run_eval(gold, inputs, *json, *origin),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("kehoach: {e:#}");
            ExitCode::from(1)
        }
    }
}
