//! The zip container of a DOCX or ODT file, read with bounds: a part is
//! read only up to a size limit, whatever its header declares, so that a
//! zip bomb or a lying header costs at most that much memory.

use crate::DocxError;
use std::io::{Cursor, Read};

/// The most a single XML part may inflate to. A 1,000-page plan's
/// `word/document.xml` is about 20 MB.
pub(crate) const PART_LIMIT: u64 = 64 << 20;

/// An opened package.
pub(crate) struct Package<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
}

impl<'a> Package<'a> {
    /// Opens the zip; a file that is not one is told apart from a legacy
    /// (OLE) Word file or an encrypted OOXML file, both of which are OLE
    /// compound files.
    pub(crate) fn open(bytes: &'a [u8]) -> Result<Package<'a>, DocxError> {
        if bytes.is_empty() {
            return Err(DocxError::NotAPackage("the file is empty (0 bytes)".into()));
        }
        if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return Err(DocxError::OleFile);
        }
        let zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
            DocxError::NotAPackage(format!("not a zip archive, or one cut short ({e})"))
        })?;
        Ok(Package { zip })
    }

    /// Whether the package holds a part of that name.
    pub(crate) fn has(&self, name: &str) -> bool {
        self.zip.index_for_name(name).is_some()
    }

    /// A part's text, or `None` when the package has no such part.
    pub(crate) fn part(&mut self, name: &str) -> Result<Option<String>, DocxError> {
        let mut file = match self.zip.by_name(name) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => {
                return Err(DocxError::BadPart {
                    part: name.to_string(),
                    problem: e.to_string(),
                })
            }
        };
        if file.size() > PART_LIMIT {
            return Err(DocxError::TooLarge {
                part: name.to_string(),
                limit_mib: PART_LIMIT >> 20,
            });
        }
        // The declared size may lie: read one byte past the limit at most.
        let mut buf = Vec::with_capacity(file.size().min(PART_LIMIT) as usize);
        (&mut file)
            .take(PART_LIMIT + 1)
            .read_to_end(&mut buf)
            .map_err(|e| DocxError::BadPart {
                part: name.to_string(),
                problem: e.to_string(),
            })?;
        if buf.len() as u64 > PART_LIMIT {
            return Err(DocxError::TooLarge {
                part: name.to_string(),
                limit_mib: PART_LIMIT >> 20,
            });
        }
        let body = buf.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&buf);
        match std::str::from_utf8(body) {
            Ok(s) => Ok(Some(s.to_string())),
            Err(e) => Err(DocxError::BadPart {
                part: name.to_string(),
                problem: format!("not UTF-8 at byte {}", e.valid_up_to()),
            }),
        }
    }
}

/// Parses a part's XML. DTDs are refused (Word never writes one, and
/// entity expansion is how an XML bomb works); the node count is bounded.
pub(crate) fn parse<'x>(part: &str, xml: &'x str) -> Result<roxmltree::Document<'x>, DocxError> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: 8_000_000,
        ..Default::default()
    };
    roxmltree::Document::parse_with_options(xml, options).map_err(|e| DocxError::BadPart {
        part: part.to_string(),
        problem: match e {
            roxmltree::Error::DtdDetected => {
                "declares a DTD, which Word never writes (an XML entity bomb?); refused".to_string()
            }
            roxmltree::Error::NodesLimitReached => {
                "holds more XML elements than any real document; refused".to_string()
            }
            e => format!("not well-formed XML: {e}"),
        },
    })
}
