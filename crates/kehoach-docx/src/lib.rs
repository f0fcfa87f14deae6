//! Word and OpenDocument input: a `.docx` or `.odt` file's XML read into
//! the meeting point of every reader — numbered source lines and tables in
//! the shared table model — so that nothing downstream knows the input was
//! a word-processor file.
//!
//! A DOCX holds a table exactly (cells, column spans, vertical merges,
//! header rows), so no cell is guessed: tables are grids of cells that the
//! table stage's grid assembly (shared with the PDF reader) turns into
//! tables. Text is read as Word shows it (see [`read_docx`]).
//!
//! The container is read with bounds (a part inflates to at most 64 MiB,
//! whatever its header says), DTDs are refused (no entity expansion),
//! element nesting is bounded: a hostile file is an error or a partial
//! reading with a note, never a panic, a hang or unbounded memory.

mod compose;
mod container;
mod model;
mod numbering;
mod odf;
mod wordml;

use kehoach_table::Table;
use kehoach_text::SourceText;

/// A word-processor document read into lines and tables.
#[derive(Debug)]
pub struct DocText {
    /// Paragraphs in document order, one line each (a soft break starts a
    /// new line); each plan table's cells row by row, each cell's
    /// paragraphs on lines of their own.
    pub text: SourceText,
    /// The plan tables; their cells' lines are lines of `text`.
    pub tables: Vec<Table>,
    /// What the reader had to leave out, one note each (the plan's warnings
    /// say so).
    pub notes: Vec<String>,
}

/// Why a DOCX or ODT file could not be read. Each names the problem for a
/// person; the caller adds the file name.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DocxError {
    /// Not a zip package at all (or a damaged one).
    #[error("not a readable DOCX/ODT package: {0}")]
    NotAPackage(String),
    /// An OLE compound file: a legacy `.doc`, or a password-protected DOCX.
    #[error("an OLE compound file, not a DOCX/ODT package: a legacy Word 97-2003 document or a password-protected one; save it as .docx (without a password) first")]
    OleFile,
    /// The package lacks the part that holds the text.
    #[error("the package has no {part} (not a {kind} document)")]
    MissingPart {
        /// The part looked for.
        part: &'static str,
        /// DOCX or ODT.
        kind: &'static str,
    },
    /// A part inflates beyond the limit (a zip bomb, or a lying header).
    #[error("{part} inflates to more than {limit_mib} MiB; refused (a zip bomb?)")]
    TooLarge {
        /// The part.
        part: String,
        /// The limit.
        limit_mib: u64,
    },
    /// A part that cannot be read: damaged data, not UTF-8, not XML, a DTD.
    #[error("{part}: {problem}")]
    BadPart {
        /// The part.
        part: String,
        /// What is wrong with it.
        problem: String,
    },
}

/// Reads a DOCX file's bytes (`word/document.xml`, with `word/numbering.xml`
/// and `word/styles.xml` for automatic numbering).
///
/// Text is read as Word shows it: automatic numbering rendered (`1.`, `a)`,
/// `I.`, bullets), tracked changes resolved (insertions kept, deletions and
/// deleted rows dropped), fields by their result, soft breaks as new lines,
/// tabs and non-breaking spaces as spaces, text boxes and content controls
/// read, hidden text left out. Headers and footers are not read.
pub fn read_docx(bytes: &[u8]) -> Result<DocText, DocxError> {
    let mut pkg = container::Package::open(bytes)?;
    let Some(document) = pkg.part("word/document.xml")? else {
        return Err(DocxError::MissingPart {
            part: "word/document.xml",
            kind: "Word",
        });
    };
    let numbering_xml = pkg.part("word/numbering.xml")?;
    let styles_xml = pkg.part("word/styles.xml")?;
    let numbering = match &numbering_xml {
        Some(x) => numbering::Numbering::read(&container::parse("word/numbering.xml", x)?),
        None => numbering::Numbering::default(),
    };
    let styles = match &styles_xml {
        Some(x) => wordml::Styles::read(&container::parse("word/styles.xml", x)?),
        None => wordml::Styles::default(),
    };
    let doc = container::parse("word/document.xml", &document)?;
    let mut reader = wordml::Reader {
        numbering,
        styles: &styles,
        too_deep: false,
    };
    let mut blocks = Vec::new();
    let root = doc.root_element();
    if let Some(body) = wordml::child(root, "body") {
        reader.blocks(body, 0, &mut blocks);
    }
    Ok(finish(&blocks, reader.too_deep))
}

/// Reads an ODT file's bytes (`content.xml`): paragraphs, headings, lists
/// with their labels, tables with their spans.
pub fn read_odt(bytes: &[u8]) -> Result<DocText, DocxError> {
    let mut pkg = container::Package::open(bytes)?;
    let Some(content) = pkg.part("content.xml")? else {
        return Err(DocxError::MissingPart {
            part: "content.xml",
            kind: "OpenDocument",
        });
    };
    let styles_xml = pkg.part("styles.xml")?;
    let styles_doc = match &styles_xml {
        Some(x) => Some(container::parse("styles.xml", x)?),
        None => None,
    };
    let doc = container::parse("content.xml", &content)?;
    let (blocks, too_deep) = odf::read(&doc, styles_doc.as_ref());
    Ok(finish(&blocks, too_deep))
}

/// Whether bytes look like a zip package holding `word/document.xml` or an
/// OpenDocument text (a file named otherwise can still be one).
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if !bytes.starts_with(b"PK\x03\x04") {
        return None;
    }
    let pkg = container::Package::open(bytes).ok()?;
    if pkg.has("word/document.xml") {
        Some("docx")
    } else if pkg.has("content.xml") {
        Some("odt")
    } else {
        None
    }
}

fn finish(blocks: &[model::Block], too_deep: bool) -> DocText {
    let composed = compose::compose(blocks);
    let mut notes = Vec::new();
    if too_deep {
        notes.push(format!(
            "content nested more than {} elements deep was left out",
            wordml::MAX_DEPTH
        ));
    }
    DocText {
        text: composed.text,
        tables: composed.tables,
        notes,
    }
}
