//! Running inputs in a child process, so that an abort, an allocation over
//! the memory cap or a hang is caught and reported like a panic.
//!
//! The child (`kehoach-fuzz child TARGET`) reads inputs from stdin (an
//! 8-byte little-endian length, then the bytes), runs the target under
//! `catch_unwind` and answers one marker line on stdout per input. Its
//! address space is capped by `ulimit -v` in the `sh` that starts it (no
//! unsafe code here), so a huge allocation fails and aborts the child.
//! The parent ([`Runner`]) waits for each answer with a timeout, and starts
//! a new child after any crash.

use crate::Target;
use std::io::{BufRead, BufReader, Read, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const MARK: &str = "@@kehoach-fuzz ";

/// The child's loop: runs `target` on each input from stdin until EOF.
pub fn serve(target: &Target) -> std::io::Result<()> {
    // The readers catch some panics themselves (kehoach-pdf around
    // pdf-extract): those are fine, so the hook only remembers where the
    // last panic was, and says nothing.
    let last: Arc<Mutex<String>> = Arc::default();
    let hook_last = Arc::clone(&last);
    std::panic::set_hook(Box::new(move |info| {
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let loc = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        if let Ok(mut l) = hook_last.lock() {
            *l = format!("{loc} {msg}");
        }
    }));
    let mut stdin = std::io::stdin().lock();
    let mut len = [0u8; 8];
    loop {
        if stdin.read_exact(&mut len).is_err() {
            return Ok(());
        }
        let mut data = vec![0u8; u64::from_le_bytes(len) as usize];
        stdin.read_exact(&mut data)?;
        let outcome = catch_unwind(AssertUnwindSafe(|| (target.run)(&data)));
        let line = match outcome {
            Ok(()) => "ok".to_string(),
            Err(_) => {
                let what = last.lock().map(|l| l.clone()).unwrap_or_default();
                format!("panic {}", what.replace(['\n', '\r'], " "))
            }
        };
        let mut out = std::io::stdout().lock();
        writeln!(out, "\n{MARK}{line}")?;
        out.flush()?;
    }
}

/// What one input did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Returned (an `Ok` or an `Err`: both fine).
    Ok,
    /// A crash, with its signature: what happened and where, stable across
    /// inputs that hit the same bug (`panic at src/x.rs:12`, `abort:
    /// memory allocation failed`, `timeout`).
    Crash {
        /// The signature, used to tell crashes apart and known ones.
        signature: String,
        /// The detail: the panic message, the child's last stderr lines.
        detail: String,
    },
}

/// Limits for each input.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Address space of the child, in MiB (`ulimit -v`).
    pub mem_mb: u64,
    /// Time for one input.
    pub timeout: Duration,
}

/// A child process that runs inputs, started again after each crash.
pub struct Runner {
    exe: PathBuf,
    target: &'static Target,
    limits: Limits,
    live: Option<Live>,
    /// Children started so far.
    pub spawns: u64,
}

struct Live {
    child: Child,
    stdin: ChildStdin,
    answers: Receiver<String>,
    stderr: Arc<Mutex<Vec<u8>>>,
}

impl Runner {
    /// A runner of `target` through the binary `exe` (this one).
    pub fn new(exe: PathBuf, target: &'static Target, limits: Limits) -> Self {
        Runner {
            exe,
            target,
            limits,
            live: None,
            spawns: 0,
        }
    }

    fn spawn(&mut self) -> std::io::Result<Live> {
        self.spawns += 1;
        let mut child = Command::new("sh")
            .arg("-c")
            .arg(format!(
                "ulimit -v {} && exec \"$0\" child \"$1\"",
                self.limits.mem_mb * 1024
            ))
            .arg(&self.exe)
            .arg(self.target.name)
            .env("RUST_BACKTRACE", "0")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        let stdin = child.stdin.take().expect("piped stdin");
        let stdout = child.stdout.take().expect("piped stdout");
        let mut err = child.stderr.take().expect("piped stderr");
        let (tx, answers) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if let Some(rest) = line.strip_prefix(MARK) {
                    if tx.send(rest.to_string()).is_err() {
                        break;
                    }
                }
            }
        });
        // The last 8 KiB of stderr: an abort's message.
        let stderr: Arc<Mutex<Vec<u8>>> = Arc::default();
        let tail = Arc::clone(&stderr);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = err.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let Ok(mut t) = tail.lock() else { break };
                t.extend_from_slice(&buf[..n]);
                let excess = t.len().saturating_sub(8192);
                t.drain(..excess);
            }
        });
        Ok(Live {
            child,
            stdin,
            answers,
            stderr,
        })
    }

    /// Runs one input.
    pub fn run(&mut self, data: &[u8]) -> std::io::Result<Outcome> {
        let mut live = match self.live.take() {
            Some(l) => l,
            None => self.spawn()?,
        };
        let sent = live
            .stdin
            .write_all(&(data.len() as u64).to_le_bytes())
            .and_then(|()| live.stdin.write_all(data))
            .and_then(|()| live.stdin.flush());
        let answer = if sent.is_ok() {
            live.answers.recv_timeout(self.limits.timeout)
        } else {
            Err(RecvTimeoutError::Disconnected)
        };
        match answer {
            Ok(a) if a == "ok" => {
                self.live = Some(live);
                Ok(Outcome::Ok)
            }
            Ok(a) => {
                // A panic that escaped: the child is still good.
                let detail = a.strip_prefix("panic ").unwrap_or(&a).to_string();
                let place = detail.split(' ').next().unwrap_or("").to_string();
                self.live = Some(live);
                Ok(Outcome::Crash {
                    signature: format!("panic at {place}"),
                    detail,
                })
            }
            Err(RecvTimeoutError::Timeout) => {
                let _ = live.child.kill();
                let _ = live.child.wait();
                Ok(Outcome::Crash {
                    signature: "timeout".to_string(),
                    detail: format!("no answer in {:?}", self.limits.timeout),
                })
            }
            Err(RecvTimeoutError::Disconnected) => {
                // The child died: wait for it and for its last words.
                let status = live.child.wait()?;
                std::thread::sleep(Duration::from_millis(20));
                let tail = live
                    .stderr
                    .lock()
                    .map(|t| String::from_utf8_lossy(&t).into_owned())
                    .unwrap_or_default();
                Ok(Outcome::Crash {
                    signature: abort_signature(&status, &tail),
                    detail: format!("{status}; stderr: {}", tail.trim()),
                })
            }
        }
    }
}

impl Drop for Runner {
    fn drop(&mut self) {
        if let Some(mut live) = self.live.take() {
            drop(live.stdin);
            let _ = live.child.wait();
        }
    }
}

/// The signature of a child that died: what its stderr says, without the
/// numbers (so every huge allocation is one crash, not one per size).
fn abort_signature(status: &std::process::ExitStatus, stderr: &str) -> String {
    let last = stderr
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    if last.contains("memory allocation of") {
        return "abort: memory allocation failed".to_string();
    }
    if stderr.contains("has overflowed its stack") {
        return "abort: stack overflow".to_string();
    }
    if last.contains("capacity overflow") {
        return "abort: capacity overflow".to_string();
    }
    let words: String = last
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .take(80)
        .collect();
    format!("died ({status}): {}", words.trim())
}
