//! Reading one input file, safely: only a regular file (after symlinks) is
//! read, never a FIFO (opening one for reading blocks until a writer comes),
//! a device (`/dev/zero` never ends) or a directory; and never more than a
//! size limit, checked from the metadata before reading and enforced on the
//! read itself in case the file grows meanwhile.

use anyhow::{bail, Context, Result};
use std::fs::{File, FileType, OpenOptions};
use std::io::Read;
use std::path::Path;

/// The largest text input (`.txt`, `.md`) read by default, in MiB. Real
/// plans are under 1 MiB of text; 64 MiB leaves room for a year's gazette
/// in one file while keeping a worker's memory (the text, its lines, the
/// tables) well under the default memory limit.
pub(crate) const MAX_TEXT_MB: u64 = 64;

/// The largest PDF, DOCX, ODT or DOC input read by default, in MiB: scanned
/// annexes make these files large without making their text large.
pub(crate) const MAX_DOCUMENT_MB: u64 = 256;

/// The size limit for `path`, in MiB: `max_mb` if given, else by its type.
pub(crate) fn limit_mb(path: &Path, max_mb: Option<u64>) -> u64 {
    max_mb.unwrap_or_else(|| {
        let text = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("md"));
        if text {
            MAX_TEXT_MB
        } else {
            MAX_DOCUMENT_MB
        }
    })
}

/// Reads `path` whole if it is a regular file of at most `limit_mb` MiB.
pub(crate) fn read(path: &Path, limit_mb: u64) -> Result<Vec<u8>> {
    let limit = limit_mb.saturating_mul(1 << 20);
    // Checked before opening: opening a FIFO for reading would block.
    let meta = std::fs::metadata(path).context("cannot read file")?;
    refuse_unless_regular(meta.file_type())?;
    refuse_if_too_large(meta.len(), limit_mb)?;
    let file = open_without_blocking(path).context("cannot read file")?;
    // Checked again on what was opened, in case the path changed between.
    let meta = file.metadata().context("cannot read file")?;
    refuse_unless_regular(meta.file_type())?;
    refuse_if_too_large(meta.len(), limit_mb)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .context("cannot read file")?;
    if bytes.len() as u64 > limit {
        bail!("too large: grew past the {limit_mb} MB limit while being read (--max-input-mb)");
    }
    Ok(bytes)
}

fn refuse_if_too_large(len: u64, limit_mb: u64) -> Result<()> {
    if len > limit_mb.saturating_mul(1 << 20) {
        bail!(
            "too large: {} MB, over the {limit_mb} MB limit for this kind of file (--max-input-mb)",
            len.div_ceil(1 << 20)
        );
    }
    Ok(())
}

fn refuse_unless_regular(t: FileType) -> Result<()> {
    if t.is_file() {
        return Ok(());
    }
    bail!("not a regular file: {}", kind(t))
}

fn kind(t: FileType) -> &'static str {
    if t.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    "neither a file nor a directory"
}

/// Opens for reading with `O_NONBLOCK`, so that a FIFO put in the file's
/// place after the check cannot block the open (the flag changes nothing
/// for a regular file).
fn open_without_blocking(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}
