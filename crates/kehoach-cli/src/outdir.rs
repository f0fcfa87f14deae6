//! The output directory of a run (`--out`): taken for the run (one run at a
//! time), checked for writing before any work starts, cleared of the
//! temporary files killed runs left, and written atomically.

use anyhow::{Context, Result};
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The names of this tool's temporary files: `.kehoach-XXXXXX.tmp`, so that
/// a later run knows the ones a killed run left.
pub(crate) const TMP_PREFIX: &str = ".kehoach-";
pub(crate) const TMP_SUFFIX: &str = ".tmp";

/// An output directory taken for this run. The lock is held until it is
/// dropped (and by the operating system until the process ends).
pub(crate) struct OutDir {
    pub path: PathBuf,
    _lock: File,
}

impl OutDir {
    /// Creates `path` if need be and takes it for this run: fails, before
    /// any input is read, when it cannot be written or another run holds
    /// it. Removes the temporary files that killed runs left in it.
    pub(crate) fn take(path: &Path) -> Result<(OutDir, usize)> {
        std::fs::create_dir_all(path)
            .with_context(|| format!("{}: cannot create the output directory", path.display()))?;
        // The directory itself is locked (`flock` on its descriptor): no
        // lock file is left in it.
        let lock = File::open(path)
            .with_context(|| format!("{}: cannot open the output directory", path.display()))?;
        lock_exclusively(&lock).with_context(|| {
            format!(
                "{}: another kehoach run is writing to this directory",
                path.display()
            )
        })?;
        // Creating the lock may succeed where writing does not (a full disk).
        probe(path)?;
        let removed = remove_leftovers(path);
        Ok((
            OutDir {
                path: path.to_path_buf(),
                _lock: lock,
            },
            removed,
        ))
    }

    /// Writes `contents` to `rel` under the directory, atomically, creating
    /// its directories, and removes a stale mark (`rel.stale`) left by an
    /// earlier failure.
    pub(crate) fn write(&self, rel: &Path, contents: &str) -> Result<()> {
        let path = self.path.join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("{}: cannot create a directory", dir.display()))?;
        }
        write_atomic(&path, contents)?;
        let _ = std::fs::remove_file(stale_path(&path));
        Ok(())
    }

    /// Deals with the output an input that failed now had from an earlier
    /// run, which no longer says what the input holds: removed, or with
    /// `mark`, renamed to `<name>.json.stale`. Returns what was done.
    pub(crate) fn retire(&self, rel: &Path, mark: bool) -> Result<Option<&'static str>> {
        let path = self.path.join(rel);
        if !path.is_file() {
            return Ok(None);
        }
        if mark {
            std::fs::rename(&path, stale_path(&path))
                .with_context(|| format!("{}: cannot rename", path.display()))?;
            Ok(Some("marked stale"))
        } else {
            std::fs::remove_file(&path)
                .with_context(|| format!("{}: cannot remove", path.display()))?;
            Ok(Some("removed"))
        }
    }
}

fn stale_path(path: &Path) -> PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push(".stale");
    PathBuf::from(s)
}

fn lock_exclusively(file: &File) -> std::io::Result<()> {
    file.try_lock().map_err(|e| match e {
        std::fs::TryLockError::WouldBlock => std::io::Error::from(std::io::ErrorKind::WouldBlock),
        std::fs::TryLockError::Error(e) => e,
    })
}

/// Checks that a file can be written in `dir`.
fn probe(dir: &Path) -> Result<()> {
    let mut f = tempfile::Builder::new()
        .prefix(TMP_PREFIX)
        .suffix(TMP_SUFFIX)
        .tempfile_in(dir)
        .with_context(|| format!("{}: cannot write to the output directory", dir.display()))?;
    f.write_all(b"kehoach")
        .and_then(|()| f.as_file().sync_data())
        .with_context(|| format!("{}: cannot write to the output directory", dir.display()))?;
    Ok(())
}

/// Whether `name` is a temporary file of this tool: `.kehoach-…tmp`, or the
/// `.tmpXXXXXX` that versions before 0.2 left.
fn is_leftover(name: &str) -> bool {
    (name.starts_with(TMP_PREFIX) && name.ends_with(TMP_SUFFIX))
        || (name.len() == 10
            && name.starts_with(".tmp")
            && name[4..].bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Removes the leftover temporary files under `dir` (recursively, not
/// following links); returns how many.
fn remove_leftovers(dir: &Path) -> usize {
    let mut removed = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let Ok(t) = e.file_type() else { continue };
            if t.is_dir() {
                stack.push(e.path());
            } else if t.is_file()
                && e.file_name().to_str().is_some_and(is_leftover)
                && std::fs::remove_file(e.path()).is_ok()
            {
                removed += 1;
            }
        }
    }
    removed
}

/// Writes `contents` to `path` atomically: a temporary file in the same
/// directory, renamed into place, so no reader ever sees a partial file.
pub(crate) fn write_atomic(path: &Path, contents: &str) -> Result<()> {
    write_atomic_bytes(path, contents.as_bytes())
}

/// [`write_atomic`] of bytes.
pub(crate) fn write_atomic_bytes(path: &Path, contents: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    // Created with mode 0666 less the user's umask, like any file a tool
    // writes (tempfile's default, 0600, is for secrets).
    let mut builder = tempfile::Builder::new();
    builder.prefix(TMP_PREFIX).suffix(TMP_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder
        .tempfile_in(dir)
        .with_context(|| format!("{}: cannot create a file", dir.display()))?;
    tmp.write_all(contents)
        .with_context(|| format!("{}: cannot write", dir.display()))?;
    tmp.persist(path)
        .with_context(|| format!("{}: cannot write", path.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leftovers_of_killed_runs_are_removed_and_nothing_else() {
        let d = tempfile::tempdir().unwrap();
        let r = d.path();
        std::fs::create_dir_all(r.join("sub")).unwrap();
        for f in [
            ".kehoach-a1B2c3.tmp",
            "sub/.kehoach-zzzzzz.tmp",
            ".tmpAbC123",
            "plan.json",
            ".tmpnotthis.json",
            "notes.tmp",
        ] {
            std::fs::write(r.join(f), b"").unwrap();
        }
        let (_out, removed) = OutDir::take(r).unwrap();
        assert_eq!(removed, 3);
        let mut left: Vec<String> = std::fs::read_dir(r)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, [".tmpnotthis.json", "notes.tmp", "plan.json", "sub"]);
    }

    #[cfg(unix)]
    #[test]
    fn one_run_at_a_time() {
        let d = tempfile::tempdir().unwrap();
        let (_first, _) = OutDir::take(d.path()).unwrap();
        let e = OutDir::take(d.path())
            .err()
            .expect("the second run is refused");
        assert!(format!("{e:#}").contains("another kehoach run"), "{e:#}");
    }

    #[test]
    fn a_failed_input_retires_its_old_output() {
        let d = tempfile::tempdir().unwrap();
        let (out, _) = OutDir::take(d.path()).unwrap();
        out.write(Path::new("a/x.json"), "{}").unwrap();
        assert_eq!(
            out.retire(Path::new("a/x.json"), true).unwrap(),
            Some("marked stale")
        );
        assert!(d.path().join("a/x.json.stale").is_file());
        // A later success removes the mark.
        out.write(Path::new("a/x.json"), "{}").unwrap();
        assert!(!d.path().join("a/x.json.stale").exists());
        assert_eq!(
            out.retire(Path::new("a/x.json"), false).unwrap(),
            Some("removed")
        );
        assert!(!d.path().join("a/x.json").exists());
        assert_eq!(out.retire(Path::new("a/x.json"), false).unwrap(), None);
    }
}
