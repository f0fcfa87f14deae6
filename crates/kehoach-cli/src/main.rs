//! `kehoach`: Vietnamese plan documents to normalised JSON.
//!
//! The only crate that touches the filesystem. It finds inputs, reads only
//! regular files of bounded size (`input`), runs the library pipeline on
//! each in a pool of worker processes (`worker`: a document that crashes,
//! exhausts its memory limit or runs past its time limit costs only its own
//! output) or, with `--in-process`, on threads of this process (a panic is
//! contained, nothing else is), writes outputs atomically and maps failures
//! to exit codes: 0 all converted, 1 some inputs failed (each named on
//! stderr with the reason as it happens), 2 usage.

mod corrections;
mod export;
mod input;
mod legacy_doc;
mod manifest;
mod outdir;
mod review;
mod run;
mod walk;
mod worker;

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use kehoach_schema::Plan;
use std::ffi::OsString;
use std::io::IsTerminal;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::Duration;

/// The default wall-clock limit per document, in seconds. The slowest
/// real input we know, a 1.8 MB PDF, takes under a second; a legacy `.doc`
/// adds LibreOffice's start (seconds). Two minutes is far past any honest
/// document on a slow laptop and still short enough that a hung one does
/// not stall a batch for long.
const DEFAULT_TIMEOUT_SECS: u64 = 120;

/// The default address-space limit per worker, in MiB. A worker on that
/// PDF peaks at 144 MiB of address space (81 MiB resident); 2 GiB leaves
/// over ten times that for large documents, and with one worker per core
/// keeps a 4-core laptop's worst case (8 GiB) within its memory.
const DEFAULT_MEMORY_LIMIT_MB: u64 = 2048;

/// mimalloc rather than the system's allocator: the pipeline makes many
/// small strings, and mimalloc makes and frees them faster (about 10 % of
/// the time per document in `cargo bench -p kehoach-extract`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const EXAMPLES: &str = "\
Examples:
  kehoach extract                          # every plan in the bundled corpus/, JSON Lines on stdout
  kehoach extract --out out/               # … one out/<name>.json per plan, and out/kehoach-run.jsonl
  kehoach extract plan.txt                 # one plan, pretty JSON on stdout
  kehoach extract plan.pdf                 # a PDF: tables rebuilt from the page layout
  kehoach extract plans/ more.md --out out # files and directories (recursively), mixed
  kehoach extract plans/ --out out --resume  # skip what the last run converted, unchanged
  kehoach export out --xlsx plans.xlsx     # tasks, targets, agencies as spreadsheets
  kehoach review plan.pdf                  # plan.review.html: the plan beside its source, to check and correct
  kehoach schema > kehoach.schema.json     # the JSON Schema of the output
  kehoach eval --gold fixtures/gold        # precision/recall against gold files
  kehoach extract plan.pdf --corrections corrections/  # with a reviewer's plan.corrections.json applied
  kehoach eval --corrections corrections/  # which corrections the extractor still needs";

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
        /// Files (.txt, .md, .pdf, .docx, .odt, .doc), directories of them
        /// (walked recursively), or `-` for one plan on stdin. Default: the
        /// bundled corpus/.
        inputs: Vec<PathBuf>,
        /// Write one JSON file per input under DIR, at the input's path below
        /// the directory given (`plans/a/x.pdf` -> `DIR/a/x.json`), and the
        /// run's manifest DIR/kehoach-run.jsonl; instead of stdout.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Worker processes (default: one per core).
        #[arg(long, short = 'j')]
        jobs: Option<usize>,
        /// No progress bar, and only the first line of the summary.
        #[arg(long, short = 'q')]
        quiet: bool,
        /// Wall-clock time one document may take; one that takes longer is
        /// stopped and reported as timed out.
        #[arg(long, value_name = "SECS", default_value_t = DEFAULT_TIMEOUT_SECS,
              value_parser = clap::value_parser!(u64).range(1..))]
        timeout: u64,
        /// Memory (address space) each worker process may use, in MiB (0: no
        /// limit); a document that needs more is reported as out of memory.
        #[arg(long, value_name = "MB", default_value_t = DEFAULT_MEMORY_LIMIT_MB)]
        memory_limit: u64,
        /// Largest input file read, in MiB (default: 64 for .txt and .md, 256
        /// for PDF and Word files).
        #[arg(long, value_name = "MB")]
        max_input_mb: Option<u64>,
        /// Convert in this process, without worker processes: a panic is still
        /// contained, but a crash or allocation failure ends the run and
        /// there is no time or memory limit. For debugging, and where
        /// processes cannot be started.
        #[arg(long)]
        in_process: bool,
        /// Skip the inputs the last run in --out converted, when their bytes
        /// (sha256), this tool's version and the options are unchanged and
        /// their output is still there.
        #[arg(long, requires = "out")]
        resume: bool,
        /// Convert again only the inputs that failed in the last run in
        /// --out (and any it did not reach); the others keep their outputs.
        #[arg(long, requires = "out", conflicts_with = "resume")]
        retry_failed: bool,
        /// Exit 1 also when an input is `suspect`: converted with a warning
        /// that means data may be missing (a table without rows, pages
        /// without text).
        #[arg(long)]
        strict: bool,
        /// What happens to the output an earlier run wrote for an input that
        /// now fails: removed, or renamed to `<name>.json.stale`.
        #[arg(long, value_enum, default_value = "remove", requires = "out")]
        stale: Stale,
        /// After the run, write the spreadsheet tables of --out as CSV
        /// files in this directory (see `kehoach export`).
        #[arg(long, value_name = "DIR", requires = "out")]
        csv: Option<PathBuf>,
        /// After the run, write the spreadsheet tables of --out to this
        /// .xlsx workbook (see `kehoach export`).
        #[arg(long, value_name = "FILE", requires = "out")]
        xlsx: Option<PathBuf>,
        /// Apply reviewers' corrections: `DIR/<stem>.corrections.json` to the
        /// input whose file stem is `<stem>` (made on the review page,
        /// `kehoach review`). The fields corrected are listed in the
        /// output's `corrections`; a correction that no longer fits (another
        /// version of the input, or the extractor no longer gives its old
        /// value) is not applied, and is a warning and a line on stderr.
        #[arg(long, value_name = "DIR")]
        corrections: Option<PathBuf>,
    },
    /// Write the results of a run (its --out directory) as spreadsheet
    /// tables: documents, tasks, targets, agencies.
    Export {
        /// The --out directory of a run.
        dir: PathBuf,
        /// Write documents.csv, tasks.csv, targets.csv and agencies.csv here
        /// (UTF-8 with a byte-order mark, as Excel expects).
        #[arg(long, value_name = "DIR", required_unless_present = "xlsx")]
        csv: Option<PathBuf>,
        /// Write one workbook with a sheet per table.
        #[arg(long, value_name = "FILE")]
        xlsx: Option<PathBuf>,
    },
    /// Write a reviewer's page per plan: one self-contained HTML file with
    /// the source beside the extraction (click a row to see where it came
    /// from), rows to check first marked, values editable and saved as a
    /// corrections file.
    Review {
        /// Files (.txt, .md, .pdf, .docx, .odt, .doc) or directories of
        /// them (walked recursively).
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Write `<stem>.review.html` here (a file in a directory given goes
        /// to its path below it). Default: the current directory.
        #[arg(long, value_name = "DIR", default_value = ".")]
        out: PathBuf,
        /// Largest input file read, in MiB (default: 64 for .txt and .md, 256
        /// for PDF and Word files).
        #[arg(long, value_name = "MB")]
        max_input_mb: Option<u64>,
    },
    /// A worker process of `extract` (internal: see src/worker.rs).
    #[command(name = "__worker", hide = true)]
    Worker {
        #[arg(long)]
        memory_limit: u64,
        #[arg(long)]
        max_input_mb: Option<u64>,
        #[arg(long)]
        style: Style,
        #[arg(long)]
        corrections: Option<PathBuf>,
    },
    /// Print the JSON Schema of the output.
    Schema,
    /// Score extractions against gold files (field-level precision/recall/F1),
    /// or check reviewers' corrections against the extractor (--corrections).
    Eval {
        /// Directory of gold files `<stem>.json` (format: shared/eval/GOLD.md).
        #[arg(long, value_name = "DIR", required_unless_present = "corrections")]
        gold: Option<PathBuf>,
        /// Directory of corrections files `<stem>.corrections.json`: extract
        /// each one's input without it and report each correction as
        /// `fixed` (the extractor now gives its new value: retire it),
        /// `needed`, `changed` (neither: exit 1) or `source changed`.
        #[arg(long, value_name = "DIR", conflicts_with_all = ["gold", "origin"])]
        corrections: Option<PathBuf>,
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
pub(crate) fn default_corpus() -> PathBuf {
    let here = PathBuf::from("corpus");
    if here.is_dir() {
        return here;
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus")
}

/// The input files of `inputs` (directories walked), for `eval`; what the
/// walk could not read is reported.
fn collect_inputs(inputs: &[PathBuf]) -> Vec<PathBuf> {
    let inputs = if inputs.is_empty() {
        vec![default_corpus()]
    } else {
        inputs.to_vec()
    };
    let found = walk::find(&inputs);
    for p in &found.problems {
        eprintln!("kehoach: {p}");
    }
    found.inputs.into_iter().map(|i| i.path).collect()
}

/// An input read for the pipeline: its file name, its bytes, and for a
/// legacy `.doc` LibreOffice's conversion of it to DOCX.
pub(crate) struct Loaded {
    pub name: String,
    pub bytes: Vec<u8>,
    pub converted: Option<Vec<u8>>,
}

/// Reads `path` (at most `max_input_mb` MiB; default: by the file's type)
/// and converts a legacy `.doc`.
pub(crate) fn load(path: &Path, max_input_mb: Option<u64>) -> Result<Loaded> {
    let bytes = input::read(path, input::limit_mb(path, max_input_mb))?;
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
    Ok(Loaded {
        name,
        bytes,
        converted,
    })
}

/// Runs the pipeline step `run` on one file: a panic in it becomes the
/// file's error, with the panic's message and place.
pub(crate) fn contained<T>(
    run: impl FnOnce() -> Result<T, kehoach_extract::ExtractError>,
) -> Result<T> {
    match catch_unwind(AssertUnwindSafe(run)) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(e.into()),
        Err(_) => {
            let at = LAST_PANIC
                .with(|p| p.borrow_mut().take())
                .unwrap_or_default();
            bail!("internal error: the extractor panicked on this file (please report it): {at}")
        }
    }
}

/// Extracts one file, never panicking: a panic in the pipeline becomes an
/// error. Reads at most `max_input_mb` MiB (default: by the file's type).
fn extract_one(path: &Path, max_input_mb: Option<u64>) -> Result<Plan> {
    if !walk::is_input_file(path) {
        bail!("unsupported input type (expected .txt, .md, .pdf, .docx, .odt or .doc)");
    }
    let input = load(path, max_input_mb)?;
    contained(|| match &input.converted {
        Some(docx) => kehoach_extract::extract_converted_doc(&input.name, &input.bytes, docx),
        None => kehoach_extract::extract(&input.name, &input.bytes),
    })
}

pub(crate) fn progress(n: usize, quiet: bool) -> ProgressBar {
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

/// How one plan is rendered: pretty JSON (one input on stdout, or a file
/// under --out) or one JSON line (several inputs on stdout).
/// What becomes of a failed input's earlier output (`--stale`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Stale {
    /// Removed.
    Remove,
    /// Renamed to `<name>.json.stale`.
    Mark,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Style {
    Pretty,
    Line,
}

/// Extracts and renders one file: a line of its [`manifest::Facts`], then
/// the rendered JSON; or the reason it failed. With `corrections`, the
/// input's corrections file there is applied, and the corrections not
/// applied are the facts' notices.
fn convert(
    path: &Path,
    style: Style,
    max_input_mb: Option<u64>,
    corrections: Option<&Path>,
) -> Result<String, String> {
    let started = std::time::Instant::now();
    let mut plan = extract_one(path, max_input_mb).map_err(|e| format!("{e:#}"))?;
    let notices = match corrections {
        Some(dir) => corrections::apply_from(dir, &mut plan),
        None => Vec::new(),
    };
    let mut facts = manifest::Facts::of(&plan, started.elapsed().as_millis() as u64);
    facts.notices = notices;
    let mut reply = serde_json::to_string(&facts).map_err(|e| e.to_string())? + "\n";
    match style {
        Style::Pretty => reply += &kehoach_schema::to_json(&plan),
        Style::Line => {
            reply += &kehoach_schema::to_json_line(&plan);
            reply.push('\n');
        }
    }
    Ok(reply)
}

/// Where documents are converted: worker processes, or this process's
/// threads (`--in-process`). Both take jobs and hand back finished ones in
/// the order they finish.
pub(crate) enum Runner {
    Workers(worker::Pool),
    InProcess {
        style: Style,
        max_input_mb: Option<u64>,
        corrections: Option<PathBuf>,
        sender: mpsc::Sender<worker::Done>,
        receiver: mpsc::Receiver<worker::Done>,
        running: usize,
    },
}

impl Runner {
    pub(crate) fn submit(&mut self, id: usize, path: PathBuf) {
        match self {
            Runner::Workers(pool) => pool.submit(id, path),
            Runner::InProcess {
                style,
                max_input_mb,
                corrections,
                sender,
                running,
                ..
            } => {
                let (style, max_input_mb, sender) = (*style, *max_input_mb, sender.clone());
                let corrections = corrections.clone();
                *running += 1;
                rayon::spawn(move || {
                    let outcome = convert(&path, style, max_input_mb, corrections.as_deref());
                    let _ = sender.send(worker::Done { id, outcome });
                });
            }
        }
    }

    pub(crate) fn recv(&mut self) -> Result<Option<worker::Done>> {
        match self {
            Runner::Workers(pool) => Ok(pool.recv()?),
            Runner::InProcess {
                receiver, running, ..
            } => {
                if *running == 0 {
                    return Ok(None);
                }
                *running -= 1;
                Ok(Some(receiver.recv().context("a conversion thread died")?))
            }
        }
    }
}

/// The worker's environment (mimalloc's options; a value set by the user
/// is kept):
/// - mimalloc reserves 1 GiB of address space at start, before the worker
///   can set its limit, which would leave a limit under that unable to grow
///   even the stack; 64 MiB at a time keeps the limit meaning "the memory a
///   document may take" (give or take the program's own ~80 MiB);
/// - memory is committed as it is used, not a whole arena at once, and
///   what a finished page freed is given back after 5 ms, not 1 s (issue
///   15): an 800-page PDF peaks at 54 MB instead of 105 MB, for the same
///   CPU time (`cargo bench -p kehoach-cli --bench pdf`).
///
/// Workers have no transparent huge pages either: they inherit
/// [`no_huge_pages`]'s flag.
fn worker_env() -> Vec<(OsString, OsString)> {
    [
        ("MIMALLOC_ARENA_RESERVE", "64MiB"),
        ("MIMALLOC_ARENA_EAGER_COMMIT", "0"),
        ("MIMALLOC_PURGE_DELAY", "5"),
    ]
    .into_iter()
    .filter(|(k, _)| std::env::var_os(k).is_none())
    .map(|(k, v)| (k.into(), v.into()))
    .collect()
}

/// The runner of a run of `n` documents rendered in `style`.
pub(crate) fn runner(style: Style, opts: &run::ExtractOptions, n: usize) -> Result<Runner> {
    if opts.in_process {
        let (sender, receiver) = mpsc::channel();
        return Ok(Runner::InProcess {
            style,
            max_input_mb: opts.max_input_mb,
            corrections: opts.corrections.map(Path::to_path_buf),
            sender,
            receiver,
            running: 0,
        });
    }
    let mut args: Vec<OsString> = vec![
        "__worker".into(),
        "--memory-limit".into(),
        opts.memory_limit_mb.to_string().into(),
        "--style".into(),
        style
            .to_possible_value()
            .expect("a style")
            .get_name()
            .into(),
    ];
    if let Some(mb) = opts.max_input_mb {
        args.extend(["--max-input-mb".into(), mb.to_string().into()]);
    }
    if let Some(dir) = opts.corrections {
        args.extend(["--corrections".into(), dir.into()]);
    }
    Ok(Runner::Workers(worker::Pool::new(worker::Config {
        program: std::env::current_exe().context("cannot find this program to run workers")?,
        args,
        env: worker_env(),
        jobs: opts.jobs.min(n).max(1),
        timeout: opts.timeout,
        memory_limit_mb: opts.memory_limit_mb,
    })))
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
    let files = collect_inputs(inputs);
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
            Some(f) => match extract_one(f, None) {
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

/// Turns transparent huge pages off for this process and the workers it
/// starts (the flag is inherited and kept across `exec`). mimalloc asked
/// for them on its arenas (it is now built with `no_thp`, and this covers
/// a system whose huge pages are always on), so each thread's first
/// allocation in a fresh 2 MiB region made the kernel clear all of it: for
/// a one-page PDF, the run's own process spent about a third of its CPU
/// time clearing pages it never used, and a worker about 1 ms (issue 15;
/// `perf` on `kehoach extract`).
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    {
        // Only a cost when refused (an old kernel, a sandbox): ignored.
        let _ = nix::sys::prctl::set_thp_disable(true);
    }
}

fn main() -> ExitCode {
    no_huge_pages();
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
            timeout,
            memory_limit,
            max_input_mb,
            in_process,
            resume,
            retry_failed,
            strict,
            stale,
            csv,
            xlsx,
            corrections,
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
            run::install_interrupt_handler();
            let opts = run::ExtractOptions {
                out: out.as_deref(),
                quiet: *quiet,
                jobs: jobs
                    .or_else(|| std::thread::available_parallelism().ok().map(|n| n.get()))
                    .unwrap_or(1)
                    .max(1),
                timeout: Duration::from_secs(*timeout),
                memory_limit_mb: *memory_limit,
                max_input_mb: *max_input_mb,
                in_process: *in_process,
                resume: *resume,
                retry_failed: *retry_failed,
                strict: *strict,
                mark_stale: *stale == Stale::Mark,
                corrections: corrections.as_deref(),
            };
            match run::run(inputs, &opts) {
                Ok(outcome) => {
                    if let (Some(dir), true) = (out, outcome != run::Outcome::Interrupted) {
                        if csv.is_some() || xlsx.is_some() {
                            if let Err(e) = export::export(dir, csv.as_deref(), xlsx.as_deref()) {
                                eprintln!("kehoach: export: {e:#}");
                                return ExitCode::from(1);
                            }
                        }
                    }
                    return match outcome {
                        run::Outcome::Converted => ExitCode::SUCCESS,
                        run::Outcome::SomeFailed => ExitCode::from(1),
                        run::Outcome::Interrupted => ExitCode::from(130),
                    };
                }
                Err(e) => Err(e),
            }
        }
        Command::Export { dir, csv, xlsx } => {
            export::export(dir, csv.as_deref(), xlsx.as_deref()).map(|()| true)
        }
        Command::Worker {
            memory_limit,
            max_input_mb,
            style,
            corrections,
        } => {
            let (style, max_input_mb, corrections) =
                (*style, *max_input_mb, corrections.as_deref());
            // Ctrl-C at a terminal reaches the whole process group: the
            // parent decides what stops; a worker finishes its document.
            let _ = ctrlc::set_handler(|| {});
            // The parent reads the reason from the exit; nothing to print.
            return match worker::serve(*memory_limit, |path| {
                convert(path, style, max_input_mb, corrections)
            }) {
                Ok(()) => ExitCode::SUCCESS,
                Err(_) => ExitCode::from(1),
            };
        }
        Command::Review {
            inputs,
            out,
            max_input_mb,
        } => review::run(inputs, out, *max_input_mb),
        Command::Schema => {
            print!("{}", kehoach_schema::json_schema());
            Ok(true)
        }
        Command::Eval {
            gold,
            corrections,
            inputs,
            json,
            origin,
        } => match (corrections, gold) {
            (Some(dir), _) => corrections::run_eval(dir, inputs, *json),
            (None, Some(gold)) => run_eval(gold, inputs, *json, *origin),
            (None, None) => unreachable!("clap requires --gold or --corrections"),
        },
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
