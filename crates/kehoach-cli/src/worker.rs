//! Worker processes: each document is converted in a child process, so that
//! a document that aborts the process, overflows its stack, exhausts memory
//! or never finishes costs only its own output, not the batch.
//!
//! `catch_unwind` contains panics, but an allocation failure (Rust aborts),
//! a stack overflow (SIGSEGV caught and turned into an abort) or an endless
//! loop takes the whole process with it. So `kehoach extract` runs a pool of
//! long-lived workers (the same binary, re-executed as `kehoach __worker`),
//! feeds each one document at a time over a pipe and reads the result back.
//! Workers are kept between documents because starting one costs ~16 ms and
//! a text plan takes ~1.5 ms: a process per document would be ten times
//! slower on a batch of text files.
//!
//! Each worker limits its own address space (`RLIMIT_AS`) when it starts; the
//! parent enforces a wall-clock limit per document. A worker that dies or
//! runs out of time is killed and reaped, the document is reported with the
//! reason ([`Pool::recv`]), and a fresh worker takes the next document.
//!
//! ## Wire format
//!
//! All integers little-endian.
//!
//! - **Job** (parent to worker, on the worker's stdin): a `u64` length, then
//!   that many bytes of the input's path (the operating system's bytes, not
//!   necessarily UTF-8). The worker exits when its stdin closes.
//! - **Reply** (worker to parent, on its stdout, exactly one per job, in
//!   order): a byte, `0` converted or `1` failed, a `u64` length, then that
//!   many bytes: the rendered JSON (UTF-8) or the error message (UTF-8).
//! - The worker's **stderr** is kept (its last [`STDERR_TAIL`] bytes) and
//!   read only when the worker dies: Rust writes "memory allocation of N
//!   bytes failed" before aborting on allocation failure and "has overflowed
//!   its stack" on stack overflow.
//!
//! ## Test hook
//!
//! `KEHOACH_WORKER_TEST=MODE:SUBSTRING[,MODE:SUBSTRING…]`, read only in the
//! worker and meant only for tests, makes the worker misbehave on a file
//! whose name contains SUBSTRING: `abort`, `oom` (allocate until the memory
//! limit stops it), `hang` (sleep forever), `stackoverflow`, or `slow`
//! (take 100 ms more, then convert as usual: a run long enough to be killed
//! in the middle). It lets the
//! tests exercise every failure without hostile files.

use std::collections::VecDeque;
use std::ffi::OsString;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How much of a worker's stderr is kept for the reason it died.
const STDERR_TAIL: usize = 4096;

/// The largest reply the parent accepts: a reply claiming more is taken as
/// a broken worker rather than allocated.
const MAX_REPLY: u64 = 1 << 30;

/// The environment variable of the test hook (see the module's docs).
pub(crate) const TEST_HOOK: &str = "KEHOACH_WORKER_TEST";

/// How a pool starts its workers and what it allows them.
#[derive(Debug, Clone)]
pub(crate) struct Config {
    /// The worker program (this binary).
    pub program: PathBuf,
    /// Its arguments (`__worker` and the worker's options).
    pub args: Vec<OsString>,
    /// Environment variables set for it (beside this process's).
    pub env: Vec<(OsString, OsString)>,
    /// How many workers run at once.
    pub jobs: usize,
    /// Wall-clock time one document may take.
    pub timeout: Duration,
    /// The address-space limit each worker sets on itself, in MiB, named
    /// in the reason when a worker runs out of memory.
    pub memory_limit_mb: u64,
}

/// A finished job: the id it was submitted with and its outcome, the
/// worker's output or the reason it failed (the extractor's error, or what
/// happened to the worker: crashed, out of memory, timed out).
#[derive(Debug)]
pub(crate) struct Done {
    pub id: usize,
    pub outcome: Result<String, String>,
}

/// A pool of worker processes: [`Pool::submit`] queues a document,
/// [`Pool::recv`] waits for the next one to finish.
pub(crate) struct Pool {
    config: Config,
    slots: Vec<Option<Worker>>,
    queue: VecDeque<(usize, PathBuf)>,
    events: Receiver<Event>,
    sender: Sender<Event>,
    /// Numbers each worker started, so that news from a replaced one is ignored.
    next_generation: u64,
}

struct Worker {
    child: Child,
    stdin: ChildStdin,
    generation: u64,
    /// The job it is working on and when it was handed over.
    job: Option<(usize, Instant)>,
    stderr: Arc<Mutex<Vec<u8>>>,
    stderr_reader: JoinHandle<()>,
}

/// What a worker's stdout reader thread reports.
enum Event {
    Reply {
        slot: usize,
        generation: u64,
        outcome: Result<String, String>,
    },
    /// The worker's stdout closed (it exited or died) or its reply was
    /// malformed.
    Gone { slot: usize, generation: u64 },
}

impl Pool {
    /// A pool that starts its workers when there is work for them.
    pub(crate) fn new(config: Config) -> Pool {
        let (sender, events) = mpsc::channel();
        let slots = (0..config.jobs.max(1)).map(|_| None).collect();
        Pool {
            config,
            slots,
            queue: VecDeque::new(),
            events,
            sender,
            next_generation: 0,
        }
    }

    /// Queues a document; it goes to the next idle worker.
    pub(crate) fn submit(&mut self, id: usize, path: PathBuf) {
        self.queue.push_back((id, path));
    }

    /// Waits for the next document to finish and returns it; `None` when
    /// nothing is queued or running. `Err` only when a worker cannot be
    /// started at all.
    pub(crate) fn recv(&mut self) -> io::Result<Option<Done>> {
        loop {
            if let Some(done) = self.dispatch()? {
                return Ok(Some(done));
            }
            let deadline = self
                .slots
                .iter()
                .flatten()
                .filter_map(|w| w.job.map(|(_, started)| started + self.config.timeout))
                .min();
            let Some(deadline) = deadline else {
                return Ok(None);
            };
            let wait = deadline.saturating_duration_since(Instant::now());
            match self.events.recv_timeout(wait) {
                Ok(Event::Reply {
                    slot,
                    generation,
                    outcome,
                }) => {
                    let Some(worker) = self.current(slot, generation) else {
                        continue;
                    };
                    if let Some((id, _)) = worker.job.take() {
                        return Ok(Some(Done { id, outcome }));
                    }
                }
                Ok(Event::Gone { slot, generation }) => {
                    let Some(worker) = self.slots[slot].take() else {
                        continue;
                    };
                    if worker.generation != generation {
                        self.slots[slot] = Some(worker);
                        continue;
                    }
                    let job = worker.job;
                    let reason = reap(worker, false, self.config.memory_limit_mb);
                    if let Some((id, _)) = job {
                        return Ok(Some(Done {
                            id,
                            outcome: Err(reason),
                        }));
                    }
                }
                Err(RecvTimeoutError::Timeout) => {
                    let now = Instant::now();
                    let late = self.slots.iter().position(|w| {
                        w.as_ref()
                            .and_then(|w| w.job)
                            .is_some_and(|(_, started)| now >= started + self.config.timeout)
                    });
                    if let Some(slot) = late {
                        let worker = self.slots[slot].take().expect("a late worker");
                        let (id, _) = worker.job.expect("a late job");
                        reap(worker, true, self.config.memory_limit_mb);
                        return Ok(Some(Done {
                            id,
                            outcome: Err(format!(
                                "timed out after {} s",
                                self.config.timeout.as_secs_f64()
                            )),
                        }));
                    }
                }
                Err(RecvTimeoutError::Disconnected) => unreachable!("the pool holds a sender"),
            }
        }
    }

    /// The worker in `slot` if it is still the one numbered `generation`.
    fn current(&mut self, slot: usize, generation: u64) -> Option<&mut Worker> {
        self.slots[slot]
            .as_mut()
            .filter(|w| w.generation == generation)
    }

    /// Hands queued jobs to idle workers, starting workers as needed. A job
    /// that cannot be handed over (the worker died while idle and a fresh
    /// one died too) is returned as done with the reason.
    fn dispatch(&mut self) -> io::Result<Option<Done>> {
        for slot in 0..self.slots.len() {
            if self.queue.is_empty() {
                break;
            }
            if self.slots[slot].as_ref().is_some_and(|w| w.job.is_some()) {
                continue;
            }
            let (id, path) = self.queue.pop_front().expect("a queued job");
            // An idle worker may have died since its last job (its stdin is
            // then closed): one retry with a fresh worker.
            let mut last_error = None;
            for _ in 0..2 {
                if self.slots[slot].is_none() {
                    self.slots[slot] = Some(self.spawn(slot)?);
                }
                let worker = self.slots[slot].as_mut().expect("a worker");
                match write_frame(&mut worker.stdin, path.as_os_str()) {
                    Ok(()) => {
                        worker.job = Some((id, Instant::now()));
                        last_error = None;
                        break;
                    }
                    Err(e) => {
                        let worker = self.slots[slot].take().expect("a worker");
                        let reason = reap(worker, true, self.config.memory_limit_mb);
                        last_error = Some(format!("{reason} ({e})"));
                    }
                }
            }
            if let Some(reason) = last_error {
                return Ok(Some(Done {
                    id,
                    outcome: Err(reason),
                }));
            }
        }
        Ok(None)
    }

    fn spawn(&mut self, slot: usize) -> io::Result<Worker> {
        let mut child = Command::new(&self.config.program)
            .args(&self.config.args)
            .envs(self.config.env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| {
                io::Error::new(
                    e.kind(),
                    format!(
                        "cannot start a worker process ({}): {e}; --in-process runs without them",
                        self.config.program.display()
                    ),
                )
            })?;
        let generation = self.next_generation;
        self.next_generation += 1;
        let stdin = child.stdin.take().expect("piped stdin");
        let stdout = child.stdout.take().expect("piped stdout");
        let mut stderr_pipe = child.stderr.take().expect("piped stderr");
        let sender = self.sender.clone();
        std::thread::spawn(move || read_replies(stdout, slot, generation, sender));
        let stderr = Arc::new(Mutex::new(Vec::new()));
        let tail = Arc::clone(&stderr);
        let stderr_reader = std::thread::spawn(move || {
            let mut buf = [0u8; 1024];
            while let Ok(n) = stderr_pipe.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let mut tail = tail.lock().unwrap_or_else(|e| e.into_inner());
                tail.extend_from_slice(&buf[..n]);
                if tail.len() > STDERR_TAIL {
                    let cut = tail.len() - STDERR_TAIL;
                    tail.drain(..cut);
                }
            }
        });
        Ok(Worker {
            child,
            stdin,
            generation,
            job: None,
            stderr,
            stderr_reader,
        })
    }
}

impl Drop for Pool {
    /// Workers exit when their stdin closes; one still busy (the run was cut
    /// short, e.g. stdout closed) is killed.
    fn drop(&mut self) {
        for worker in self.slots.iter_mut().filter_map(Option::take) {
            let Worker {
                mut child,
                stdin,
                job,
                ..
            } = worker;
            drop(stdin);
            if job.is_some() {
                let _ = child.kill();
            }
            let _ = child.wait();
        }
    }
}

/// Reads a worker's replies and passes them on until its stdout closes.
fn read_replies(stdout: impl Read, slot: usize, generation: u64, sender: Sender<Event>) {
    let mut stdout = BufReader::new(stdout);
    loop {
        let outcome = match read_reply(&mut stdout) {
            Ok(Some(outcome)) => outcome,
            Ok(None) | Err(_) => {
                let _ = sender.send(Event::Gone { slot, generation });
                return;
            }
        };
        let event = Event::Reply {
            slot,
            generation,
            outcome,
        };
        if sender.send(event).is_err() {
            return;
        }
    }
}

/// One reply, `None` at a clean end of stream.
fn read_reply(r: &mut impl Read) -> io::Result<Option<Result<String, String>>> {
    let mut tag = [0u8; 1];
    if r.read(&mut tag)? == 0 {
        return Ok(None);
    }
    let mut len = [0u8; 8];
    r.read_exact(&mut len)?;
    let len = u64::from_le_bytes(len);
    if len > MAX_REPLY || tag[0] > 1 {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "malformed reply",
        ));
    }
    // Sized once (a plan's JSON is hundreds of KB): read without regrowing.
    let mut payload = Vec::with_capacity(len.min(1 << 26) as usize);
    r.take(len).read_to_end(&mut payload)?;
    if payload.len() as u64 != len {
        return Err(io::ErrorKind::UnexpectedEof.into());
    }
    let text = String::from_utf8(payload)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "reply not UTF-8"))?;
    Ok(Some(if tag[0] == 0 { Ok(text) } else { Err(text) }))
}

fn write_frame(w: &mut impl Write, path: &std::ffi::OsStr) -> io::Result<()> {
    let bytes = os_bytes(path);
    w.write_all(&(bytes.len() as u64).to_le_bytes())?;
    w.write_all(&bytes)?;
    w.flush()
}

#[cfg(unix)]
fn os_bytes(s: &std::ffi::OsStr) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    s.as_bytes().to_vec()
}

#[cfg(not(unix))]
fn os_bytes(s: &std::ffi::OsStr) -> Vec<u8> {
    s.to_string_lossy().into_owned().into_bytes()
}

#[cfg(unix)]
fn os_string(bytes: Vec<u8>) -> OsString {
    use std::os::unix::ffi::OsStringExt;
    OsString::from_vec(bytes)
}

#[cfg(not(unix))]
fn os_string(bytes: Vec<u8>) -> OsString {
    String::from_utf8_lossy(&bytes).into_owned().into()
}

/// Ends a worker (at once if `kill`, else after a moment to exit by
/// itself), waits for it and says what became of it, from its exit status
/// and the last of its stderr.
fn reap(worker: Worker, kill: bool, memory_limit_mb: u64) -> String {
    let Worker {
        mut child,
        stdin,
        stderr,
        stderr_reader,
        ..
    } = worker;
    drop(stdin);
    // A worker whose stdout closed is dying (or wrote something that is
    // not a reply): give it a moment to finish, so that its own exit
    // status is the one read, then make sure.
    if !kill {
        let waited = Instant::now();
        while matches!(child.try_wait(), Ok(None)) && waited.elapsed() < Duration::from_secs(2) {
            std::thread::sleep(Duration::from_millis(5));
        }
    }
    let _ = child.kill();
    let status = child.wait();
    // The stderr reader ends when the pipe closes, which is at once unless
    // the worker left a child holding it: wait a little, not forever.
    let waited = Instant::now();
    while !stderr_reader.is_finished() && waited.elapsed() < Duration::from_millis(500) {
        std::thread::sleep(Duration::from_millis(5));
    }
    let stderr = stderr.lock().unwrap_or_else(|e| e.into_inner()).clone();
    let stderr = String::from_utf8_lossy(&stderr);
    match status {
        Ok(status) => death_reason(status, &stderr, memory_limit_mb),
        Err(e) => format!("crashed (cannot wait for the worker: {e})"),
    }
}

/// Why a worker died, in words: out of memory, crashed with the signal or
/// exit status and the last line it wrote.
fn death_reason(status: ExitStatus, stderr: &str, memory_limit_mb: u64) -> String {
    if stderr.contains("memory allocation of") && stderr.contains("failed") {
        return format!("out of memory (limit {memory_limit_mb} MB)");
    }
    // The line that says what happened: the stack overflow's, else the last.
    let mut lines = stderr.lines().map(str::trim);
    let last_line = lines
        .clone()
        .find(|l| l.contains("has overflowed its stack"))
        .or_else(|| lines.rfind(|l| !l.is_empty()))
        .unwrap_or_default();
    let how = match signal(status) {
        Some(n) => match signal_name(n) {
            Some(name) => format!("signal {n} {name}"),
            None => format!("signal {n}"),
        },
        None => match status.code() {
            Some(code) => format!("exit status {code}"),
            None => status.to_string(),
        },
    };
    if last_line.is_empty() {
        format!("crashed ({how})")
    } else {
        format!("crashed ({how}: {last_line})")
    }
}

#[cfg(unix)]
fn signal(status: ExitStatus) -> Option<i32> {
    use std::os::unix::process::ExitStatusExt;
    status.signal()
}

#[cfg(not(unix))]
fn signal(_: ExitStatus) -> Option<i32> {
    None
}

fn signal_name(n: i32) -> Option<&'static str> {
    Some(match n {
        4 => "SIGILL",
        6 => "SIGABRT",
        7 => "SIGBUS",
        8 => "SIGFPE",
        9 => "SIGKILL",
        11 => "SIGSEGV",
        15 => "SIGTERM",
        _ => return None,
    })
}

/// The address-space limit this process set on itself, in bytes (0: none).
static MEMORY_LIMIT: AtomicU64 = AtomicU64::new(0);

/// The worker's side: limits its own address space to `memory_limit_mb`
/// MiB (0: no limit), then converts each path read from stdin with
/// `convert` and writes the reply to stdout, until stdin closes.
pub(crate) fn serve(
    memory_limit_mb: u64,
    convert: impl Fn(&Path) -> Result<String, String>,
) -> io::Result<()> {
    if memory_limit_mb > 0 {
        set_memory_limit(memory_limit_mb.saturating_mul(1 << 20))?;
    }
    exit_when_orphaned();
    let hooks = test_hooks();
    let mut stdin = BufReader::new(io::stdin().lock());
    let mut stdout = BufWriter::new(io::stdout().lock());
    loop {
        let mut len = [0u8; 8];
        match stdin.read_exact(&mut len) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(()),
            Err(e) => return Err(e),
        }
        let len = u64::from_le_bytes(len);
        let mut path = Vec::new();
        (&mut stdin).take(len).read_to_end(&mut path)?;
        let path = PathBuf::from(os_string(path));
        misbehave_if_asked(&hooks, &path);
        let (tag, payload) = match convert(&path) {
            Ok(s) => (0u8, s),
            Err(s) => (1u8, s),
        };
        stdout.write_all(&[tag])?;
        stdout.write_all(&(payload.len() as u64).to_le_bytes())?;
        stdout.write_all(payload.as_bytes())?;
        stdout.flush()?;
    }
}

/// Ends this worker when its parent is gone (killed outright, so that it
/// could not kill its workers): a worker stuck on a document would never
/// read the end of its stdin. Checked every second on a small thread.
fn exit_when_orphaned() {
    #[cfg(unix)]
    {
        let parent = std::os::unix::process::parent_id();
        let _ = std::thread::Builder::new()
            .name("orphan-watch".into())
            .stack_size(64 << 10)
            .spawn(move || loop {
                std::thread::sleep(Duration::from_secs(1));
                if std::os::unix::process::parent_id() != parent {
                    std::process::exit(1);
                }
            });
    }
}

/// Sets the soft `RLIMIT_AS` (the hard limit stays, so that a child such
/// as LibreOffice can be started without it: [`without_memory_limit`]).
#[cfg(unix)]
fn set_memory_limit(bytes: u64) -> io::Result<()> {
    let (_, hard) = rlimit::Resource::AS.get()?;
    let soft = bytes.min(hard);
    rlimit::Resource::AS.set(soft, hard)?;
    MEMORY_LIMIT.store(soft, Ordering::Relaxed);
    Ok(())
}

#[cfg(not(unix))]
fn set_memory_limit(_: u64) -> io::Result<()> {
    Ok(())
}

/// Runs `f` (which starts a child process) with this worker's memory limit
/// lifted, so that the child does not inherit it: LibreOffice, which
/// converts `.doc` files, maps more address space than a document needs.
/// Outside a worker it just runs `f`.
pub(crate) fn without_memory_limit<T>(f: impl FnOnce() -> T) -> T {
    #[cfg(unix)]
    {
        let limit = MEMORY_LIMIT.load(Ordering::Relaxed);
        if limit > 0 {
            if let Ok((_, hard)) = rlimit::Resource::AS.get() {
                let _ = rlimit::Resource::AS.set(hard, hard);
                let r = f();
                let _ = rlimit::Resource::AS.set(limit, hard);
                return r;
            }
        }
    }
    f()
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Misbehaviour {
    Abort,
    Oom,
    Hang,
    StackOverflow,
    Slow,
}

/// The test hook's rules: (misbehaviour, file-name substring).
fn test_hooks() -> Vec<(Misbehaviour, String)> {
    let Ok(spec) = std::env::var(TEST_HOOK) else {
        return Vec::new();
    };
    spec.split(',')
        .filter_map(|rule| {
            let (mode, needle) = rule.split_once(':')?;
            let mode = match mode.trim() {
                "abort" => Misbehaviour::Abort,
                "oom" => Misbehaviour::Oom,
                "hang" => Misbehaviour::Hang,
                "stackoverflow" => Misbehaviour::StackOverflow,
                "slow" => Misbehaviour::Slow,
                _ => return None,
            };
            Some((mode, needle.trim().to_string()))
        })
        .filter(|(_, needle)| !needle.is_empty())
        .collect()
}

fn misbehave_if_asked(hooks: &[(Misbehaviour, String)], path: &Path) {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let Some((mode, _)) = hooks
        .iter()
        .find(|(_, needle)| name.contains(needle.as_str()))
    else {
        return;
    };
    match mode {
        Misbehaviour::Abort => std::process::abort(),
        Misbehaviour::Oom => {
            // Address space is reserved, not touched: the limit stops this
            // long before it costs real memory.
            let mut held: Vec<Vec<u8>> = Vec::new();
            loop {
                held.push(Vec::with_capacity(64 << 20));
                std::hint::black_box(&mut held);
            }
        }
        Misbehaviour::Hang => loop {
            std::thread::sleep(Duration::from_secs(3600));
        },
        Misbehaviour::StackOverflow => {
            std::hint::black_box(recurse(0));
        }
        Misbehaviour::Slow => std::thread::sleep(Duration::from_millis(100)),
    }
}

/// Recurses until the stack overflows (the depth never reaches `u64::MAX`).
fn recurse(depth: u64) -> u64 {
    if depth == u64::MAX {
        return 0;
    }
    let frame = std::hint::black_box([depth; 64]);
    recurse(frame[0] + 1) + frame[63]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    fn status_from_signal(n: i32) -> ExitStatus {
        use std::os::unix::process::ExitStatusExt;
        ExitStatus::from_raw(n)
    }

    #[cfg(unix)]
    #[test]
    fn reasons_name_the_signal_and_the_message() {
        let abrt = status_from_signal(6);
        assert_eq!(death_reason(abrt, "", 2048), "crashed (signal 6 SIGABRT)");
        assert_eq!(
            death_reason(
                abrt,
                "\nthread 'main' has overflowed its stack\nfatal runtime error: stack overflow\n",
                2048
            ),
            "crashed (signal 6 SIGABRT: thread 'main' has overflowed its stack)"
        );
        assert_eq!(
            death_reason(abrt, "memory allocation of 67108864 bytes failed\n", 512),
            "out of memory (limit 512 MB)"
        );
    }

    #[test]
    fn a_reply_round_trips_and_a_bad_one_is_refused() {
        let mut frame = vec![1u8];
        frame.extend_from_slice(&5u64.to_le_bytes());
        frame.extend_from_slice(b"empty");
        let mut r = &frame[..];
        assert_eq!(read_reply(&mut r).unwrap(), Some(Err("empty".to_string())));
        assert_eq!(read_reply(&mut r).unwrap(), None);
        let mut huge = vec![0u8];
        huge.extend_from_slice(&u64::MAX.to_le_bytes());
        assert!(read_reply(&mut &huge[..]).is_err());
    }
}
