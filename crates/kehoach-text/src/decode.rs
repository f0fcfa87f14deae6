//! Bytes to lines.

use crate::legacy::Encoding;
use unicode_normalization::UnicodeNormalization;

/// Why bytes could not be read as a plan's text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// Zero bytes, or only whitespace.
    #[error("empty input: no text")]
    Empty,
    /// NUL bytes or many control characters: not a text file.
    #[error("binary input: not a text file (byte {offset} is 0x{byte:02x})")]
    Binary {
        /// Offset of the first offending byte.
        offset: usize,
        /// The byte.
        byte: u8,
    },
    /// Not valid UTF-8.
    #[error("not UTF-8: invalid byte sequence at offset {offset}")]
    NotUtf8 {
        /// Offset of the first invalid byte.
        offset: usize,
    },
    /// Neither UTF-8 nor Vietnamese in one of the legacy encodings.
    #[error("not UTF-8 (invalid byte sequence at offset {offset}), and not Vietnamese text in TCVN3 (ABC), VNI or Windows-1258 either")]
    UnknownEncoding {
        /// Offset of the first byte that is not UTF-8.
        offset: usize,
    },
}

/// One source line, normalised to NFC, with its 1-based number in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// 1-based line number in the original file.
    pub no: u32,
    /// The line's text in NFC, trailing whitespace and `\r` removed.
    pub text: String,
}

/// A decoded document: its lines, blank ones included, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceText {
    /// All lines; `lines[i].no == i + 1`.
    pub lines: Vec<Line>,
}

impl SourceText {
    /// Splits already-decoded text into NFC lines.
    pub fn from_text(text: &str) -> SourceText {
        // Most text is NFC already, and known to be from its bytes: that is
        // checked on the whole text at once (a line break joins with nothing
        // around it, so the lines of an NFC text are NFC); otherwise line by
        // line.
        let all_nfc = crate::fold::surely_nfc(text);
        // Room for lines of about 40 bytes, so that the vector seldom grows.
        let mut lines = Vec::with_capacity(text.len() / 40 + 1);
        lines.extend(text.split('\n').enumerate().map(|(i, l)| {
            let l = l.trim_end_matches(['\r', ' ', '\t', '\u{a0}']);
            let text = if all_nfc || crate::fold::is_nfc(l) {
                l.to_string()
            } else {
                l.nfc().collect()
            };
            Line {
                no: i as u32 + 1,
                text,
            }
        }));
        SourceText { lines }
    }

    /// The line with 1-based number `no`.
    pub fn line(&self, no: u32) -> Option<&Line> {
        self.lines.get(no.checked_sub(1)? as usize)
    }
}

/// Decodes a text file's bytes (UTF-8, with or without BOM) into lines.
///
/// Rejects empty input, binary data and invalid UTF-8 with a typed error.
pub fn decode(bytes: &[u8]) -> Result<SourceText, DecodeError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.contains(&0) {
        let offset = bytes.iter().position(|&b| b == 0).unwrap_or(0);
        return Err(DecodeError::Binary { offset, byte: 0 });
    }
    let is_control = |b: u8| (b < 0x20) & (b != b'\n') & (b != b'\r') & (b != b'\t') & (b != 0x0c);
    // Counted in bytes, 255 at a time so that no count overflows: the
    // compiler can then look at many bytes at once.
    let controls: usize = bytes
        .chunks(255)
        .map(|chunk| chunk.iter().fold(0u8, |n, &b| n + u8::from(is_control(b))))
        .map(usize::from)
        .sum();
    if controls > 8 && controls * 100 > bytes.len() {
        let offset = bytes.iter().position(|&b| is_control(b)).unwrap_or(0);
        return Err(DecodeError::Binary {
            offset,
            byte: bytes[offset],
        });
    }
    // `simdutf8` validates many bytes at once; its `compat` flavour tells
    // where the first invalid sequence starts, as `std` does.
    let text = simdutf8::compat::from_utf8(bytes).map_err(|e| DecodeError::NotUtf8 {
        offset: e.valid_up_to(),
    })?;
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok(SourceText::from_text(text))
}

/// Decodes a text file's bytes like [`decode`], and, where they are not
/// UTF-8, as one of the legacy Vietnamese encodings (TCVN3, VNI,
/// Windows-1258), chosen by how Vietnamese the result reads
/// ([`legacy::decode_bytes`](crate::legacy::decode_bytes)). Returns the
/// encoding the text was converted from, if any, so that the caller can
/// say so.
pub fn decode_any(bytes: &[u8]) -> Result<(SourceText, Option<Encoding>), DecodeError> {
    match decode(bytes) {
        Err(DecodeError::NotUtf8 { offset }) => {
            let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            match crate::legacy::decode_bytes(body) {
                Some((text, encoding)) if !text.trim().is_empty() => {
                    let text = match encoding {
                        Encoding::Tcvn3 => crate::legacy::restore_capitals(&text),
                        _ => text,
                    };
                    Ok((SourceText::from_text(&text), Some(encoding)))
                }
                _ => Err(DecodeError::UnknownEncoding { offset }),
            }
        }
        other => other.map(|t| (t, None)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_bad_input() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert_eq!(decode(b"  \n\n "), Err(DecodeError::Empty));
        assert_eq!(
            decode(b"ab\0cd"),
            Err(DecodeError::Binary { offset: 2, byte: 0 })
        );
        assert_eq!(
            decode(b"K\xe1 ho\xb9ch"),
            Err(DecodeError::NotUtf8 { offset: 1 })
        );
    }

    #[test]
    fn legacy_bytes_are_converted_and_named() {
        // `Kế hoạch` in TCVN3 (ABC) bytes.
        let (t, enc) =
            decode_any(b"K\xd5 ho\xb9ch s\xe8 12/KH-UBND\nK\xd5 HO\xb9CH\nTh\xabn \xae\xe1ng")
                .unwrap();
        assert_eq!(enc, Some(Encoding::Tcvn3));
        assert_eq!(t.lines[0].text, "Kế hoạch số 12/KH-UBND");
        // A heading typed in capitals: TCVN3 stores its toned capitals small.
        assert_eq!(t.lines[1].text, "KẾ HOẠCH");
        // `Số` alone is not a capitals word.
        let (t, _) = decode_any(b"S\xe8: 95/KH-UBND\nK\xd5 HO\xb9CH").unwrap();
        assert_eq!(t.lines[0].text, "Số: 95/KH-UBND");
        let (t, _) = decode_any(b"gi\xf7a \xf1y ban nh\xa9n d\xa9n x\xb7").unwrap();
        assert_eq!(t.lines[0].text, "giữa Ủy ban nhân dân xã");
        assert_eq!(decode_any(b"plain").unwrap().1, None);
        assert_eq!(
            decode_any(b"\xff\xfe\xfd\xfc"),
            Err(DecodeError::UnknownEncoding { offset: 0 })
        );
    }

    #[test]
    fn normalises_to_nfc_and_keeps_numbers() {
        let t =
            decode("\u{feff}a\r\nK\u{0045}\u{0302}\u{0301} HOA\u{0323}CH  \n".as_bytes()).unwrap();
        assert_eq!(t.lines[1].text, "KẾ HOẠCH");
        assert_eq!(t.lines[1].no, 2);
        assert_eq!(t.lines.len(), 3);
    }
}
