//! `kehoach-fuzz`: the stable-toolchain fuzzer (fuzz/README.md).
//!
//! `kehoach-fuzz fuzz pdf --corpus fuzz/corpus/pdf --seconds 60` mutates
//! the seeds with a fixed random seed for the time given, runs each input
//! in a child process with a memory cap and a timeout, and saves one input
//! per new crash signature. `repro` runs given files the same way (for
//! regression fixtures and cargo-fuzz artifacts), `minimize` shrinks a
//! crashing input while it crashes the same way.

use clap::{Parser, Subcommand};
use kehoach_fuzz::child::{Limits, Outcome, Runner};
use kehoach_fuzz::mutate::Mutator;
use kehoach_fuzz::{parse_dict, target, Target, TARGETS};
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

#[derive(Parser)]
#[command(about = "Seed-mutation fuzzer for kehoach's readers (stable toolchain)")]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(clap::Args, Clone)]
struct LimitArgs {
    /// Address-space cap of the child process, MiB.
    #[arg(long, default_value_t = 2048)]
    mem_mb: u64,
    /// Seconds one input may take.
    #[arg(long, default_value_t = 10)]
    timeout: u64,
    /// Known crashes (target, signature prefix, fixture, note; tab-separated):
    /// these are reported but do not fail the run.
    #[arg(long)]
    known: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Cmd {
    /// Mutate seeds and run them for a time budget.
    Fuzz {
        /// decode, text_tables, pdf or docx.
        target: String,
        /// Seed directories (every file in them, not recursive).
        #[arg(long, required = true)]
        corpus: Vec<PathBuf>,
        /// A libFuzzer dictionary for the target.
        #[arg(long)]
        dict: Option<PathBuf>,
        /// Time budget in seconds.
        #[arg(long, default_value_t = 60)]
        seconds: u64,
        /// Random seed: the same seed and seeds give the same inputs.
        #[arg(long, default_value_t = 12)]
        seed: u64,
        /// Where crashing inputs are saved (a folder per target).
        #[arg(long, default_value = "fuzz/artifacts/stable")]
        out: PathBuf,
        /// Longest input made, bytes.
        #[arg(long, default_value_t = 4 << 20)]
        max_len: usize,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Run files through a target in a child process and report each.
    Repro {
        /// The target.
        target: String,
        /// The inputs.
        files: Vec<PathBuf>,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Shrink a crashing input while it crashes with the same signature.
    Minimize {
        /// The target.
        target: String,
        /// The crashing input.
        file: PathBuf,
        /// Where the smaller input goes.
        #[arg(long)]
        out: PathBuf,
        /// Time budget in seconds.
        #[arg(long, default_value_t = 120)]
        seconds: u64,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Run one file in this process, no child, no limits (for a debugger).
    Once {
        /// The target.
        target: String,
        /// The input.
        file: PathBuf,
    },
    /// Internal: the child process's loop.
    #[command(hide = true)]
    Child {
        /// The target.
        target: String,
    },
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("kehoach-fuzz: {e}");
            ExitCode::from(2)
        }
    }
}

type Res<T> = Result<T, Box<dyn std::error::Error>>;

fn find_target(name: &str) -> Res<&'static Target> {
    target(name).ok_or_else(|| {
        let names: Vec<&str> = TARGETS.iter().map(|t| t.name).collect();
        format!("no target {name:?} (targets: {})", names.join(", ")).into()
    })
}

fn limits(a: &LimitArgs) -> Limits {
    Limits {
        mem_mb: a.mem_mb,
        timeout: Duration::from_secs(a.timeout),
    }
}

/// Known crashes: (target, signature prefix, fixture).
fn read_known(path: Option<&Path>) -> Res<Vec<(String, String, String)>> {
    let Some(path) = path else {
        return Ok(Vec::new());
    };
    let text = std::fs::read_to_string(path)?;
    Ok(text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let mut f = l.split('\t');
            Some((
                f.next()?.to_string(),
                f.next()?.to_string(),
                f.next().unwrap_or("").to_string(),
            ))
        })
        .collect())
}

fn known_as<'k>(
    known: &'k [(String, String, String)],
    target: &str,
    signature: &str,
) -> Option<&'k str> {
    known
        .iter()
        .find(|(t, s, _)| t == target && signature.starts_with(s.as_str()))
        .map(|(_, _, f)| f.as_str())
}

fn run(cli: Cli) -> Res<ExitCode> {
    let exe = std::env::current_exe()?;
    match cli.cmd {
        Cmd::Child { target } => {
            kehoach_fuzz::child::serve(find_target(&target)?)?;
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Once { target, file } => {
            let t = find_target(&target)?;
            (t.run)(&std::fs::read(file)?);
            println!("returned");
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Repro {
            target,
            files,
            limits: la,
        } => {
            let t = find_target(&target)?;
            let known = read_known(la.known.as_deref())?;
            let mut runner = Runner::new(exe, t, limits(&la));
            let mut new = 0;
            for f in &files {
                let data = std::fs::read(f)?;
                let started = Instant::now();
                match runner.run(&data)? {
                    Outcome::Ok => {
                        println!("{}: ok ({} ms)", f.display(), started.elapsed().as_millis())
                    }
                    Outcome::Crash { signature, detail } => {
                        let k = known_as(&known, t.name, &signature);
                        if k.is_none() {
                            new += 1;
                        }
                        println!(
                            "{}: CRASH {signature} [{}]\n    {}",
                            f.display(),
                            k.map_or("new".to_string(), |k| format!("known: {k}")),
                            detail.chars().take(600).collect::<String>()
                        );
                    }
                }
            }
            Ok(if new > 0 {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            })
        }
        Cmd::Minimize {
            target,
            file,
            out,
            seconds,
            limits: la,
        } => {
            let t = find_target(&target)?;
            let data = std::fs::read(&file)?;
            let mut runner = Runner::new(exe, t, limits(&la));
            let small = minimize(&mut runner, data, Duration::from_secs(seconds))?;
            std::fs::write(&out, &small)?;
            println!("{}: {} bytes", out.display(), small.len());
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Fuzz {
            target,
            corpus,
            dict,
            seconds,
            seed,
            out,
            max_len,
            limits: la,
        } => fuzz(FuzzRun {
            target: find_target(&target)?,
            exe,
            corpus,
            dict,
            seconds,
            seed,
            out,
            max_len,
            limits: limits(&la),
            known: read_known(la.known.as_deref())?,
        }),
    }
}

struct FuzzRun {
    target: &'static Target,
    exe: PathBuf,
    corpus: Vec<PathBuf>,
    dict: Option<PathBuf>,
    seconds: u64,
    seed: u64,
    out: PathBuf,
    max_len: usize,
    limits: Limits,
    known: Vec<(String, String, String)>,
}

fn hash_hex(data: &[u8]) -> String {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    data.hash(&mut h);
    format!("{:016x}", h.finish())
}

fn slug(s: &str) -> String {
    let s: String = s
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let s = s.split('-').filter(|p| !p.is_empty()).collect::<Vec<_>>();
    s.join("-").chars().take(60).collect()
}

fn fuzz(r: FuzzRun) -> Res<ExitCode> {
    let t = r.target;
    let mut seeds = Vec::new();
    for dir in &r.corpus {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        for f in files {
            let mut data = std::fs::read(&f)?;
            data.truncate(r.max_len);
            seeds.push(data);
        }
    }
    if seeds.is_empty() {
        return Err(format!("no seeds in {:?}", r.corpus).into());
    }
    let dict = match &r.dict {
        Some(p) => parse_dict(&std::fs::read_to_string(p)?),
        None => Vec::new(),
    };
    eprintln!(
        "kehoach-fuzz: {}: {} seeds, {} dictionary tokens, {} s, seed {}, mem {} MiB, timeout {:?}",
        t.name,
        seeds.len(),
        dict.len(),
        r.seconds,
        r.seed,
        r.limits.mem_mb,
        r.limits.timeout
    );
    let dir = r.out.join(t.name);
    let mut runner = Runner::new(r.exe.clone(), t, r.limits);
    let mut mutator = Mutator::new(r.seed, seeds.clone(), dict, t.kind, r.max_len);
    // signature -> (count, saved file, known fixture)
    let mut crashes: BTreeMap<String, (u64, PathBuf, Option<String>)> = BTreeMap::new();
    let started = Instant::now();
    let deadline = started + Duration::from_secs(r.seconds);
    let mut execs: u64 = 0;
    let mut last_report = Instant::now();
    let mut pending_seeds = seeds.into_iter();
    while Instant::now() < deadline {
        // The seeds themselves first, then mutations.
        let input = pending_seeds.next().unwrap_or_else(|| mutator.next_input());
        execs += 1;
        if let Outcome::Crash { signature, detail } = runner.run(&input)? {
            let entry = crashes.entry(signature.clone()).or_insert_with(|| {
                std::fs::create_dir_all(&dir).ok();
                let name = format!("{}-{}", slug(&signature), &hash_hex(&input)[..8]);
                let path = dir.join(format!("{name}.{}", t.ext));
                std::fs::write(&path, &input).ok();
                std::fs::write(
                    dir.join(format!("{name}.log")),
                    format!("target: {}\nsignature: {signature}\n{detail}\n", t.name),
                )
                .ok();
                let known = known_as(&r.known, t.name, &signature).map(str::to_string);
                eprintln!(
                    "kehoach-fuzz: {}: CRASH #{execs} {signature} [{}] -> {}\n    {}",
                    t.name,
                    known
                        .as_deref()
                        .map_or("new".into(), |k| format!("known: {k}")),
                    path.display(),
                    detail.chars().take(400).collect::<String>()
                );
                (0, path, known)
            });
            entry.0 += 1;
        }
        if last_report.elapsed() > Duration::from_secs(30) {
            last_report = Instant::now();
            let secs = started.elapsed().as_secs_f64();
            eprintln!(
                "kehoach-fuzz: {}: {execs} execs in {secs:.0} s ({:.0}/s), {} crash signatures",
                t.name,
                execs as f64 / secs,
                crashes.len()
            );
        }
    }
    let secs = started.elapsed().as_secs_f64();
    let new = crashes.values().filter(|c| c.2.is_none()).count();
    for (sig, (n, path, known)) in &crashes {
        println!(
            "  {}: {n} x {sig} [{}] {}",
            t.name,
            known
                .as_deref()
                .map_or("NEW".into(), |k| format!("known: {k}")),
            path.display()
        );
    }
    println!(
        "kehoach-fuzz: target={} execs={execs} secs={secs:.0} execs_per_sec={:.1} children={} crash_signatures={} new={new}",
        t.name,
        execs as f64 / secs,
        runner.spawns,
        crashes.len()
    );
    Ok(if new > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Delta debugging, simply: remove chunks (halves down to single bytes)
/// while the input still crashes with the first signature, then do the
/// same with runs of lines for text-like inputs.
fn minimize(runner: &mut Runner, mut data: Vec<u8>, budget: Duration) -> Res<Vec<u8>> {
    let Outcome::Crash { signature, .. } = runner.run(&data)? else {
        return Err("the input does not crash".into());
    };
    eprintln!("minimize: {} bytes, {signature}", data.len());
    let deadline = Instant::now() + budget;
    let mut chunk = data.len().div_ceil(2).max(1);
    let mut tries = 0u64;
    while chunk >= 1 && Instant::now() < deadline {
        let mut at = 0;
        let mut shrunk = false;
        while at < data.len() && Instant::now() < deadline {
            let end = (at + chunk).min(data.len());
            let mut cand = data[..at].to_vec();
            cand.extend_from_slice(&data[end..]);
            tries += 1;
            match runner.run(&cand)? {
                Outcome::Crash { signature: s, .. } if s == signature => {
                    data = cand;
                    shrunk = true;
                }
                _ => at += chunk,
            }
        }
        if !shrunk {
            if chunk == 1 {
                break;
            }
            chunk = chunk.div_ceil(2);
        }
    }
    eprintln!(
        "minimize: {} bytes after {tries} tries{}",
        data.len(),
        if Instant::now() >= deadline {
            " (time budget spent)"
        } else {
            ""
        }
    );
    Ok(data)
}
