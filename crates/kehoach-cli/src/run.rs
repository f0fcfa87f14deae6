//! `kehoach extract`: a run over many inputs.
//!
//! Inputs are found ([`crate::walk`]), each is converted by a worker
//! ([`crate::worker`]) or a thread (`--in-process`), and with `--out` its
//! output is written as it finishes ([`crate::outdir`]) and its line added
//! to the run manifest ([`crate::manifest`]). Failures are printed as they
//! happen; the end prints a summary that the manifest's lines add up to.
//! Ctrl-C stops taking new inputs, lets the ones in flight finish (a second
//! Ctrl-C abandons them) and prints the same summary.

use crate::manifest::{self, Entry, Facts, Header, RunOptions, Status};
use crate::outdir::OutDir;
use crate::walk::{self, Input};
use crate::Style;
use anyhow::{bail, Context, Result};
use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// What `extract` was asked for, beyond its inputs.
pub(crate) struct ExtractOptions<'a> {
    pub out: Option<&'a Path>,
    pub quiet: bool,
    pub jobs: usize,
    pub timeout: Duration,
    pub memory_limit_mb: u64,
    pub max_input_mb: Option<u64>,
    pub in_process: bool,
    pub resume: bool,
    pub retry_failed: bool,
    pub strict: bool,
    pub mark_stale: bool,
    /// `--corrections DIR`: reviewers' corrections applied to each plan.
    pub corrections: Option<&'a Path>,
}

/// How a run ended, for the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// Every input converted (and with `--strict`, none suspect): exit 0.
    Converted,
    /// Some input failed (or was suspect under `--strict`): exit 1.
    SomeFailed,
    /// Stopped by Ctrl-C: exit 130.
    Interrupted,
}

/// Ctrl-C presses seen (see [`install_interrupt_handler`]).
static INTERRUPTS: AtomicUsize = AtomicUsize::new(0);

/// The first Ctrl-C (or SIGTERM) asks the run to stop taking inputs; the
/// second ends the process at once (the manifest holds every line written
/// so far; temporary files are removed by the next run).
pub(crate) fn install_interrupt_handler() {
    let _ = ctrlc::set_handler(|| {
        if INTERRUPTS.fetch_add(1, Ordering::SeqCst) == 0 {
            eprintln!(
                "\nkehoach: stopping: finishing the documents in flight (Ctrl-C again to abandon them)"
            );
        } else {
            eprintln!("\nkehoach: abandoned the documents in flight; resume with --resume");
            std::process::exit(130);
        }
    });
}

fn interrupted() -> bool {
    INTERRUPTS.load(Ordering::SeqCst) > 0
}

/// An input's text in the manifest and in messages.
fn shown(path: &Path) -> String {
    match path.to_str() {
        Some(s) => s.to_string(),
        None => walk::encode_name(path.as_os_str()),
    }
}

/// What is done with an input.
enum Plan {
    Run,
    /// Carried forward from the earlier manifest (`--resume`).
    /// (Boxed: a run holds one `Plan` per input.)
    Carry(Box<Entry>),
    /// Failed before it could run (its output collides with another's).
    Fail(String),
}

/// Counts for the summary, kept small whatever the number of inputs.
#[derive(Default)]
struct Tally {
    by_status: BTreeMap<Status, usize>,
    resumed: usize,
    /// Warnings by code, over every converted input.
    warnings: BTreeMap<String, usize>,
    /// The slowest conversions, slowest first, at most [`SLOWEST`].
    slowest: Vec<(u64, String)>,
}

const SLOWEST: usize = 5;

impl Tally {
    fn add(&mut self, e: &Entry) {
        *self.by_status.entry(e.status).or_default() += 1;
        if e.resumed {
            self.resumed += 1;
            return;
        }
        for (code, n) in &e.warnings {
            *self.warnings.entry(code.clone()).or_default() += n;
        }
        if e.status != Status::Failed {
            self.slowest.push((e.ms, e.input.clone()));
            self.slowest
                .sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            self.slowest.truncate(SLOWEST);
        }
    }

    fn count(&self, s: Status) -> usize {
        self.by_status.get(&s).copied().unwrap_or(0)
    }

    fn done(&self) -> usize {
        self.by_status.values().sum()
    }
}

/// Runs `extract` over `args` (files, directories, `-` for stdin).
pub(crate) fn run(args: &[PathBuf], opts: &ExtractOptions) -> Result<Outcome> {
    let started = Instant::now();
    let mut args = if args.is_empty() {
        vec![crate::default_corpus()]
    } else {
        args.to_vec()
    };
    // A plan on stdin is kept in a temporary file, named by its content's type.
    let _stdin_dir = match args.iter().position(|a| a.as_os_str() == "-") {
        Some(at) => {
            let (dir, path) = stdin_to_file(opts.max_input_mb)?;
            args[at] = path;
            Some(dir)
        }
        None => None,
    };
    if args.iter().filter(|a| a.as_os_str() == "-").count() > 0 {
        bail!("`-` (stdin) may be given once");
    }
    let mut found = walk::find(&args);
    for p in &found.problems {
        eprintln!("kehoach: {p}");
    }
    let out = match opts.out {
        Some(p) => {
            let (dir, removed) = OutDir::take(p)?;
            if removed > 0 && !opts.quiet {
                eprintln!(
                    "kehoach: removed {removed} temporary files that an interrupted run left in {}",
                    p.display()
                );
            }
            Some(dir)
        }
        None => None,
    };
    let header = Header::new(RunOptions {
        max_input_mb: opts.max_input_mb,
        memory_limit_mb: if opts.in_process {
            0
        } else {
            opts.memory_limit_mb
        },
        timeout_secs: if opts.in_process {
            0
        } else {
            opts.timeout.as_secs()
        },
        in_process: opts.in_process,
        corrections: opts.corrections.map(crate::corrections::fingerprint),
    });
    let earlier = match (&out, opts.resume || opts.retry_failed) {
        (Some(dir), true) => manifest::read(&dir.path, &header)?,
        (None, true) => bail!("--resume and --retry-failed need --out (where the manifest is)"),
        _ => None,
    };
    let inputs = std::mem::take(&mut found.inputs);
    if opts.retry_failed && earlier.is_none() {
        bail!(
            "--retry-failed: no earlier run in this directory (no {})",
            manifest::FILE_NAME
        );
    }
    if inputs.is_empty() {
        bail!(
            "no input files{}",
            if found.skipped_total() > 0 {
                format!(
                    " ({} files of other types: {})",
                    found.skipped_total(),
                    skipped_text(&found.skipped)
                )
            } else {
                String::new()
            }
        );
    }
    // What becomes of each input.
    let mut plans: Vec<Plan> = inputs.iter().map(|_| Plan::Run).collect();
    if out.is_some() {
        for group in walk::colliding(&inputs) {
            let names: Vec<String> = group.iter().map(|&i| shown(&inputs[i].path)).collect();
            for &i in &group {
                plans[i] = Plan::Fail(format!(
                    "{} would {} be written to {} (rename one, or run them with different --out)",
                    names.join(" and "),
                    if names.len() == 2 { "both" } else { "all" },
                    inputs[i].output.display()
                ));
            }
        }
    }
    if let (Some(dir), Some(earlier)) = (&out, &earlier) {
        for (i, input) in inputs.iter().enumerate() {
            if !matches!(plans[i], Plan::Run) {
                continue;
            }
            let carry = if opts.retry_failed {
                // Only the failures run again; an input with no entry (the
                // run was killed before it) runs too.
                earlier
                    .entries
                    .get(&shown(&input.path))
                    .filter(|e| e.status != Status::Failed)
                    .cloned()
            } else {
                resumable(earlier, input, &dir.path, opts)
            };
            if let Some(e) = carry {
                plans[i] = Plan::Carry(Box::new(e));
            }
        }
    }
    let carried: Vec<Entry> = plans
        .iter()
        .filter_map(|p| match p {
            Plan::Carry(e) => Some(Entry {
                resumed: true,
                ..(**e).clone()
            }),
            _ => None,
        })
        .collect();
    let mut writer = match &out {
        Some(dir) => Some(manifest::Writer::create(&dir.path, &header, &carried)?),
        None => None,
    };
    let mut tally = Tally::default();
    for e in &carried {
        tally.add(e);
    }
    drop(carried);
    let to_run: Vec<usize> = (0..inputs.len())
        .filter(|&i| matches!(plans[i], Plan::Run))
        .collect();
    let style = if out.is_none() && inputs.len() > 1 {
        Style::Line
    } else {
        Style::Pretty
    };
    let mut runner = crate::runner(style, opts, to_run.len())?;
    let bar = crate::progress(to_run.len(), opts.quiet);
    let mut failed_any = false;
    // Inputs that fail before running (colliding outputs).
    for (i, p) in plans.iter().enumerate() {
        if let Plan::Fail(reason) = p {
            let entry = failed_entry(&inputs[i], reason.clone(), 0, opts.max_input_mb);
            bar.suspend(|| eprintln!("kehoach: {}: {reason}", entry.input));
            finish_failed(&out, &inputs[i], opts, &bar);
            if let Some(w) = &mut writer {
                w.add(&entry)?;
            }
            tally.add(&entry);
            failed_any = true;
        }
    }
    // At most two documents per worker are in flight (one converting, one
    // queued), so that queued paths stay few whatever the number of inputs.
    // On stdout, which keeps input order, documents are also submitted at
    // most `ordered` ahead of the first one not yet written, so that few
    // finished ones wait for a slow one; under --out they are written as
    // they finish and a slow one holds nothing up.
    let in_flight_max = (opts.jobs * 2).max(2);
    let ordered = if out.is_some() {
        usize::MAX
    } else {
        (opts.jobs * 16).max(32)
    };
    let mut waiting: BTreeMap<usize, Option<String>> = BTreeMap::new();
    let mut submitted_at: HashMap<usize, Instant> = HashMap::new();
    let (mut next_submit, mut next_write) = (0, 0);
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    loop {
        while !interrupted()
            && next_submit < to_run.len()
            && submitted_at.len() < in_flight_max
            && next_submit - next_write < ordered
        {
            let i = to_run[next_submit];
            submitted_at.insert(next_submit, Instant::now());
            runner.submit(next_submit, inputs[i].path.clone());
            next_submit += 1;
        }
        let Some(done) = runner.recv()? else {
            break;
        };
        bar.inc(1);
        let k = done.id;
        let input = &inputs[to_run[k]];
        let waited = submitted_at
            .remove(&k)
            .map_or(0, |t| t.elapsed().as_millis() as u64);
        let (entry, json) = match done.outcome.and_then(split_reply) {
            Ok((facts, json)) => {
                // Corrections that were not applied are said as the input
                // finishes (they are warnings in its plan too).
                for notice in &facts.notices {
                    bar.suspend(|| eprintln!("kehoach: {notice}"));
                }
                let written = match &out {
                    Some(dir) => dir
                        .write(&input.output, &json)
                        .map(|()| None)
                        .map_err(|e| format!("{e:#}")),
                    None => Ok(Some(json)),
                };
                match written {
                    Ok(json) => (converted_entry(input, facts, out.is_some()), json),
                    Err(e) => (failed_entry(input, e, waited, opts.max_input_mb), None),
                }
            }
            Err(e) => (failed_entry(input, e, waited, opts.max_input_mb), None),
        };
        if entry.status == Status::Failed {
            failed_any = true;
            let reason = entry.error.clone().unwrap_or_default();
            bar.suspend(|| eprintln!("kehoach: {}: {reason}", entry.input));
            finish_failed(&out, input, opts, &bar);
        }
        if let Some(w) = &mut writer {
            w.add(&entry)?;
        }
        tally.add(&entry);
        if out.is_some() {
            continue;
        }
        // On stdout, in input order.
        waiting.insert(k, json);
        while let Some(json) = waiting.remove(&next_write) {
            next_write += 1;
            let Some(json) = json else { continue };
            if let Err(e) = bar.suspend(|| lock.write_all(json.as_bytes())) {
                if e.kind() == std::io::ErrorKind::BrokenPipe {
                    return Ok(Outcome::SomeFailed);
                }
                return Err(e.into());
            }
        }
    }
    bar.finish_and_clear();
    let stopped = interrupted() && next_submit < to_run.len();
    if out.is_some() || inputs.len() > 1 || stopped {
        print_summary(
            &tally,
            &found.skipped,
            inputs.len(),
            started.elapsed(),
            writer.as_ref().map(|w| w.path()),
            stopped,
            opts.quiet,
        );
    }
    Ok(if stopped {
        Outcome::Interrupted
    } else if failed_any || (opts.strict && tally.count(Status::Suspect) > 0) {
        Outcome::SomeFailed
    } else {
        Outcome::Converted
    })
}

/// The earlier entry of `input` when it may be carried forward: converted,
/// under the same tool and options, the same bytes (sha256), and its output
/// still there.
fn resumable(
    earlier: &manifest::Earlier,
    input: &Input,
    out: &Path,
    opts: &ExtractOptions,
) -> Option<Entry> {
    if !earlier.resumable {
        return None;
    }
    let e = earlier.entries.get(&shown(&input.path))?;
    if e.status == Status::Failed {
        return None;
    }
    let output = e.output.as_ref()?;
    if Path::new(output) != input.output || !out.join(output).is_file() {
        return None;
    }
    let bytes = crate::input::read(
        &input.path,
        crate::input::limit_mb(&input.path, opts.max_input_mb),
    )
    .ok()?;
    (e.sha256.as_deref() == Some(kehoach_extract::sha256_hex(&bytes).as_str())).then(|| e.clone())
}

/// The worker's reply to a converted input: its facts' line, then the JSON,
/// which is kept in the reply's own buffer (a plan's JSON can be large).
fn split_reply(mut reply: String) -> Result<(Facts, String), String> {
    let end = reply
        .find('\n')
        .ok_or_else(|| "internal error: a reply without facts".to_string())?;
    let facts: Facts = serde_json::from_str(&reply[..end])
        .map_err(|e| format!("internal error: bad facts: {e}"))?;
    reply.replace_range(..=end, "");
    Ok((facts, reply))
}

fn converted_entry(input: &Input, facts: Facts, written: bool) -> Entry {
    Entry {
        input: shown(&input.path),
        status: facts.status(),
        error: None,
        sha256: Some(facts.sha256),
        bytes: Some(facts.bytes),
        format: Some(facts.format),
        pages: facts.pages,
        warnings: facts.warnings,
        rows: Some(facts.rows),
        output: written.then(|| input.output.to_string_lossy().into_owned()),
        ms: facts.ms,
        resumed: false,
    }
}

/// The entry of an input that failed. Its sha256 and size are read here
/// when it is a regular file within the size limit, so that the manifest
/// says which version of the file failed.
fn failed_entry(input: &Input, error: String, ms: u64, max_input_mb: Option<u64>) -> Entry {
    let bytes = crate::input::read(
        &input.path,
        crate::input::limit_mb(&input.path, max_input_mb),
    )
    .ok();
    Entry {
        input: shown(&input.path),
        status: Status::Failed,
        error: Some(error),
        sha256: bytes.as_deref().map(kehoach_extract::sha256_hex),
        bytes: bytes.map(|b| b.len() as u64),
        format: None,
        pages: None,
        warnings: BTreeMap::new(),
        rows: None,
        output: None,
        ms,
        resumed: false,
    }
}

/// An input failed: the output an earlier run wrote for it is removed (or
/// marked stale with `--stale mark`), so that `--out` holds no output that
/// does not come from the input as it is now.
fn finish_failed(
    out: &Option<OutDir>,
    input: &Input,
    opts: &ExtractOptions,
    bar: &indicatif::ProgressBar,
) {
    let Some(dir) = out else { return };
    match dir.retire(&input.output, opts.mark_stale) {
        Ok(Some(what)) => bar.suspend(|| {
            eprintln!(
                "kehoach: {}: its earlier output {} was {what}",
                shown(&input.path),
                input.output.display()
            )
        }),
        Ok(None) => {}
        Err(e) => bar.suspend(|| eprintln!("kehoach: {e:#}")),
    }
}

fn skipped_text(skipped: &BTreeMap<String, usize>) -> String {
    let mut v: Vec<(&String, &usize)> = skipped.iter().collect();
    v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    v.iter()
        .map(|(k, n)| format!("{k} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn print_summary(
    tally: &Tally,
    skipped: &BTreeMap<String, usize>,
    total: usize,
    elapsed: Duration,
    manifest: Option<&Path>,
    stopped: bool,
    quiet: bool,
) {
    let done = tally.done();
    let secs = elapsed.as_secs_f64();
    let mut s = String::new();
    if stopped {
        s += &format!(
            "kehoach: stopped: {done} of {total} inputs done in {secs:.1} s, resume with --resume\n"
        );
    } else {
        s += &format!("kehoach: {done} inputs in {secs:.1} s\n");
    }
    if quiet {
        eprint!("{s}");
        return;
    }
    let row = |s: &mut String, label: &str, value: String| {
        *s += &format!("  {label:<14} {value}\n");
    };
    row(&mut s, "ok", tally.count(Status::Ok).to_string());
    row(
        &mut s,
        "with warnings",
        tally.count(Status::Warned).to_string(),
    );
    row(
        &mut s,
        "suspect",
        format!(
            "{} (warnings that mean data may be missing)",
            tally.count(Status::Suspect)
        ),
    );
    row(&mut s, "failed", tally.count(Status::Failed).to_string());
    if tally.resumed > 0 {
        row(
            &mut s,
            "resumed",
            format!(
                "{} (unchanged since the last run, not converted again)",
                tally.resumed
            ),
        );
    }
    let not_taken: usize = skipped.values().sum();
    if not_taken > 0 {
        row(
            &mut s,
            "not taken",
            format!("{not_taken} files: {}", skipped_text(skipped)),
        );
    }
    if !tally.warnings.is_empty() {
        let mut w: Vec<(&String, &usize)> = tally.warnings.iter().collect();
        w.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let top: Vec<String> = w.iter().take(5).map(|(c, n)| format!("{c} {n}")).collect();
        row(&mut s, "warnings", top.join(", "));
    }
    if !tally.slowest.is_empty() {
        let top: Vec<String> = tally
            .slowest
            .iter()
            .map(|(ms, name)| format!("{name} {:.2} s", *ms as f64 / 1000.0))
            .collect();
        row(&mut s, "slowest", top.join(", "));
    }
    if let Some(m) = manifest {
        row(&mut s, "manifest", m.display().to_string());
    }
    eprint!("{s}");
}

/// Reads a plan from stdin (at most the size limit) into a temporary file
/// named by what its bytes are: `stdin.pdf`, `stdin.docx`, `stdin.odt` or
/// `stdin.txt`.
fn stdin_to_file(max_input_mb: Option<u64>) -> Result<(tempfile::TempDir, PathBuf)> {
    use std::io::Read;
    let limit = max_input_mb.unwrap_or(crate::input::MAX_DOCUMENT_MB) << 20;
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .context("stdin: cannot read")?;
    if bytes.len() as u64 > limit {
        bail!(
            "stdin: more than the {} MB limit (--max-input-mb)",
            limit >> 20
        );
    }
    let ext = if bytes.starts_with(b"%PDF") {
        "pdf"
    } else if bytes.starts_with(b"PK\x03\x04") {
        if bytes
            .windows(39)
            .take(200)
            .any(|w| w == b"application/vnd.oasis.opendocument.text")
        {
            "odt"
        } else {
            "docx"
        }
    } else if bytes.starts_with(b"\xd0\xcf\x11\xe0") {
        "doc"
    } else {
        "txt"
    };
    let dir = tempfile::tempdir().context("stdin: cannot make a temporary file")?;
    let path = dir.path().join(format!("stdin.{ext}"));
    std::fs::write(&path, &bytes).context("stdin: cannot make a temporary file")?;
    Ok((dir, path))
}
