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

mod input;
mod legacy_doc;
mod worker;

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use kehoach_schema::Plan;
use std::collections::BTreeMap;
use std::ffi::OsString;
use std::io::{IsTerminal, Write};
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

/// Expands directories (one level, sorted) into their input files. An entry
/// with an input's extension that is not a regular file (a FIFO, a device,
/// a directory) is kept, to be refused with the reason when it is read.
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
                .filter(|p| is_input_file(p))
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

/// Extracts one file, never panicking: a panic in the pipeline becomes an
/// error. Reads at most `max_input_mb` MiB (default: by the file's type).
fn extract_one(path: &Path, max_input_mb: Option<u64>) -> Result<Plan> {
    if !is_input_file(path) {
        bail!("unsupported input type (expected .txt, .md, .pdf, .docx, .odt or .doc)");
    }
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

/// How one plan is rendered: pretty JSON (one input on stdout, or a file
/// under --out) or one JSON line (several inputs on stdout).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Style {
    Pretty,
    Line,
}

/// Extracts and renders one file: the rendered JSON, or the reason it failed.
fn convert(path: &Path, style: Style, max_input_mb: Option<u64>) -> Result<String, String> {
    let plan = extract_one(path, max_input_mb).map_err(|e| format!("{e:#}"))?;
    Ok(match style {
        Style::Pretty => kehoach_schema::to_json(&plan),
        Style::Line => kehoach_schema::to_json_line(&plan) + "\n",
    })
}

/// What `extract` was asked for, beyond its inputs.
struct ExtractOptions<'a> {
    out: Option<&'a Path>,
    quiet: bool,
    jobs: usize,
    timeout: Duration,
    memory_limit_mb: u64,
    max_input_mb: Option<u64>,
    in_process: bool,
}

/// Where documents are converted: worker processes, or this process's
/// threads (`--in-process`). Both take jobs and hand back finished ones in
/// the order they finish.
enum Runner {
    Workers(worker::Pool),
    InProcess {
        style: Style,
        max_input_mb: Option<u64>,
        sender: mpsc::Sender<worker::Done>,
        receiver: mpsc::Receiver<worker::Done>,
        running: usize,
    },
}

impl Runner {
    fn submit(&mut self, id: usize, path: PathBuf) {
        match self {
            Runner::Workers(pool) => pool.submit(id, path),
            Runner::InProcess {
                style,
                max_input_mb,
                sender,
                running,
                ..
            } => {
                let (style, max_input_mb, sender) = (*style, *max_input_mb, sender.clone());
                *running += 1;
                rayon::spawn(move || {
                    let outcome = convert(&path, style, max_input_mb);
                    let _ = sender.send(worker::Done { id, outcome });
                });
            }
        }
    }

    fn recv(&mut self) -> Result<Option<worker::Done>> {
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

/// The worker's environment. mimalloc reserves 1 GiB of address space at
/// start, before the worker can set its limit, which would leave a limit
/// under that unable to grow even the stack; 64 MiB at a time keeps the
/// limit meaning "the memory a document may take" (give or take the
/// program's own ~80 MiB). A value set by the user is kept.
fn worker_env() -> Vec<(OsString, OsString)> {
    const ARENA: &str = "MIMALLOC_ARENA_RESERVE";
    if std::env::var_os(ARENA).is_some() {
        return Vec::new();
    }
    vec![(ARENA.into(), "64MiB".into())]
}

fn run_extract(inputs: &[PathBuf], opts: &ExtractOptions) -> Result<bool> {
    let files = collect_inputs(inputs)?;
    if files.is_empty() {
        bail!("no input files");
    }
    let out = opts.out;
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
    let style = if out.is_none() && files.len() > 1 {
        Style::Line
    } else {
        Style::Pretty
    };
    let mut runner = if opts.in_process {
        let (sender, receiver) = mpsc::channel();
        Runner::InProcess {
            style,
            max_input_mb: opts.max_input_mb,
            sender,
            receiver,
            running: 0,
        }
    } else {
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
        Runner::Workers(worker::Pool::new(worker::Config {
            program: std::env::current_exe().context("cannot find this program to run workers")?,
            args,
            env: worker_env(),
            jobs: opts.jobs.min(files.len()),
            timeout: opts.timeout,
            memory_limit_mb: opts.memory_limit_mb,
        }))
    };
    let bar = progress(files.len(), opts.quiet);
    // Documents are submitted at most `window` ahead of the first one not yet
    // written, so that on stdout (in input order) only that many finished
    // documents wait for a slow one; files under --out are written as they
    // finish, in any order.
    let window = if out.is_some() {
        usize::MAX
    } else {
        (opts.jobs * 16).max(32)
    };
    let mut waiting: BTreeMap<usize, Option<String>> = BTreeMap::new();
    let (mut next_submit, mut next_write, mut n_ok) = (0, 0, 0);
    let mut ok = true;
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    loop {
        while next_submit < files.len() && next_submit - next_write < window {
            runner.submit(next_submit, files[next_submit].clone());
            next_submit += 1;
        }
        let Some(done) = runner.recv()? else {
            break;
        };
        bar.inc(1);
        let path = &files[done.id];
        let result = done.outcome.and_then(|json| match out {
            Some(dir) => {
                let stem = path
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .unwrap_or("output");
                write_atomic(&dir.join(format!("{stem}.json")), &json)
                    .map(|()| None)
                    .map_err(|e| format!("{e:#}"))
            }
            None => Ok(Some(json)),
        });
        match result {
            Ok(json) => {
                n_ok += 1;
                waiting.insert(done.id, json);
            }
            Err(e) => {
                ok = false;
                bar.suspend(|| eprintln!("kehoach: {}: {e}", path.display()));
                waiting.insert(done.id, None);
            }
        }
        while let Some(json) = waiting.remove(&next_write) {
            next_write += 1;
            let Some(json) = json else { continue };
            if let Err(e) = bar.suspend(|| lock.write_all(json.as_bytes())) {
                if e.kind() == std::io::ErrorKind::BrokenPipe {
                    return Ok(ok);
                }
                return Err(e.into());
            }
        }
    }
    bar.finish_and_clear();
    if let Some(dir) = out {
        if !opts.quiet {
            eprintln!(
                "kehoach: wrote {n_ok} of {} plans to {}",
                files.len(),
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
            timeout,
            memory_limit,
            max_input_mb,
            in_process,
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
            let opts = ExtractOptions {
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
            };
            run_extract(inputs, &opts)
        }
        Command::Worker {
            memory_limit,
            max_input_mb,
            style,
        } => {
            let (style, max_input_mb) = (*style, *max_input_mb);
            // The parent reads the reason from the exit; nothing to print.
            return match worker::serve(*memory_limit, |path| convert(path, style, max_input_mb)) {
                Ok(()) => ExitCode::SUCCESS,
                Err(_) => ExitCode::from(1),
            };
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
