//! Legacy Word 97-2003 files (`.doc`): converted to DOCX by LibreOffice
//! (`soffice`) in a private temporary directory, with a time limit, and the
//! DOCX read like any other. Nothing is left behind: the directory (the
//! converted file and LibreOffice's private profile) goes when the
//! conversion is done, whether it worked or not.

use anyhow::{bail, Context, Result};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long one conversion may take.
const TIME_LIMIT: Duration = Duration::from_secs(120);

/// The LibreOffice program: `$KEHOACH_SOFFICE`, else `soffice` on the PATH.
fn soffice() -> Option<std::path::PathBuf> {
    if let Some(p) = std::env::var_os("KEHOACH_SOFFICE") {
        return Some(p.into());
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join("soffice"))
        .find(|p| p.is_file())
}

/// Converts a `.doc` file's bytes to DOCX bytes.
pub(crate) fn to_docx(path: &Path, bytes: &[u8]) -> Result<Vec<u8>> {
    let Some(soffice) = soffice() else {
        bail!(
            "a legacy Word 97-2003 file (.doc): kehoach reads it through LibreOffice, and `soffice` \
             is not on the PATH; install LibreOffice, or save the file as .docx (Word: File > Save As \
             > Word Document; or `soffice --headless --convert-to docx FILE.doc`)"
        );
    };
    let dir = tempfile::Builder::new()
        .prefix("kehoach-doc-")
        .tempdir()
        .context("cannot create a temporary directory for the conversion")?;
    let input = dir.path().join("input.doc");
    std::fs::write(&input, bytes).context("cannot write the temporary copy")?;
    let profile = dir.path().join("profile");
    // LibreOffice maps more address space than a worker's memory limit
    // allows a document: it is started without the limit.
    let mut child = crate::worker::without_memory_limit(|| {
        Command::new(&soffice)
            .arg(format!(
                "-env:UserInstallation=file://{}",
                profile.display()
            ))
            .args([
                "--headless",
                "--norestore",
                "--convert-to",
                "docx",
                "--outdir",
            ])
            .arg(dir.path())
            .arg(&input)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
    })
    .with_context(|| format!("cannot run {}", soffice.display()))?;
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if started.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            bail!(
                "LibreOffice did not convert this .doc file within {} s",
                TIME_LIMIT.as_secs()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let out = dir.path().join("input.docx");
    if !status.success() || !out.is_file() {
        let mut err = String::new();
        if let Some(mut e) = child.stderr.take() {
            use std::io::Read;
            let _ = e.read_to_string(&mut err);
        }
        bail!(
            "LibreOffice could not convert {} to DOCX ({}){}",
            path.display(),
            status,
            if err.trim().is_empty() {
                String::new()
            } else {
                format!(": {}", err.trim())
            }
        );
    }
    std::fs::read(&out).context("cannot read LibreOffice's DOCX")
}
