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
    /// A byte-order mark names UTF-16 or UTF-32, but what follows it is
    /// not valid in that encoding.
    #[error("not valid {encoding}: the file starts with a {encoding} byte-order mark, but the code unit at byte {offset} is not valid")]
    InvalidWide {
        /// `UTF-16LE`, `UTF-16BE`, `UTF-32LE` or `UTF-32BE`.
        encoding: &'static str,
        /// Offset (after the mark) of the first invalid code unit.
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
        // A `\r` not followed by `\n` ends a line too (old Mac editors end
        // every line so): such text is read with its breaks made `\n`.
        // (`\r\n` needs nothing: a line's trailing `\r` is trimmed.)
        if let Some(unix) = with_lone_cr_as_lf(text) {
            return SourceText::from_text(&unix);
        }
        // Most text is NFC already, and known to be from its bytes: that is
        // checked on the whole text at once (a line break joins with nothing
        // around it, so the lines of an NFC text are NFC); otherwise line by
        // line.
        let all_nfc = crate::fold::surely_nfc(text);
        let bytes = text.as_bytes();
        // The lines are counted first, so that the vector is allocated
        // once at its size (it holds thousands of lines).
        let mut lines = Vec::with_capacity(count_bytes(bytes, |b| b == b'\n') + 1);
        let mut push = |start: usize, end: usize| {
            let l = trim_line_end(&text[start..end]);
            let text = if all_nfc || crate::fold::is_nfc(l) {
                l.to_string()
            } else {
                l.nfc().collect()
            };
            lines.push(Line {
                no: lines.len() as u32 + 1,
                text,
            });
        };
        // As `text.split('\n')`: every `\n` ends a line, and what follows
        // the last one (maybe nothing) is the last line.
        let mut start = 0;
        for_each_newline(bytes, |at| {
            push(start, at);
            start = at + 1;
        });
        push(start, bytes.len());
        SourceText { lines }
    }

    /// The line with 1-based number `no`.
    pub fn line(&self, no: u32) -> Option<&Line> {
        self.lines.get(no.checked_sub(1)? as usize)
    }
}

/// `text` with every line break made `\n` (`\r\n` and a lone `\r` alike),
/// when it has a lone `\r`; `None` otherwise (the usual case).
fn with_lone_cr_as_lf(text: &str) -> Option<String> {
    let b = text.as_bytes();
    // Only the `\r`s are visited (found by a memchr search), not every
    // byte: a CRLF text is common and has one per line.
    let lone = text
        .match_indices('\r')
        .any(|(i, _)| b.get(i + 1) != Some(&b'\n'));
    lone.then(|| text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// `l.trim_end_matches(['\r', ' ', '\t', '\u{a0}'])`, on the bytes: a
/// line's last byte is nearly always a letter or a mark, which ends the
/// work at once. `C2 A0` (U+00A0) is a whole character wherever it occurs
/// in UTF-8, since `C2` only ever leads one.
fn trim_line_end(l: &str) -> &str {
    let b = l.as_bytes();
    let mut end = b.len();
    loop {
        match b[..end] {
            [.., b'\r' | b' ' | b'\t'] => end -= 1,
            [.., 0xC2, 0xA0] => end -= 2,
            _ => break,
        }
    }
    // Only whole characters were dropped, so `end` is a boundary.
    &l[..end]
}

/// The number of bytes of `b` for which `test` holds, counted 255 bytes at
/// a time in one-byte counters (so that none overflows): the compiler then
/// asks many bytes at once, whatever the length.
pub fn count_bytes(b: &[u8], test: impl Fn(u8) -> bool) -> usize {
    b.chunks(255)
        .map(|chunk| chunk.iter().fold(0u8, |n, &c| n + u8::from(test(c))))
        .map(usize::from)
        .sum()
}

/// Calls `f` with the offset of every `\n` in `b`, in order. The bytes are
/// read 8 at a time as one number, in which the line breaks are found all
/// at once (see [`zero_bytes`]): lines of about 40 bytes then cost a few
/// steps each rather than a search started anew for each.
fn for_each_newline(b: &[u8], mut f: impl FnMut(usize)) {
    const NEWLINES: u64 = u64::from_ne_bytes([b'\n'; 8]);
    // Two numbers per step: most steps find no line break in either.
    let mut chunks = b.chunks_exact(16);
    let mut base = 0;
    for chunk in &mut chunks {
        let (lo, hi) = chunk.split_at(8);
        let lo = zero_bytes(u64::from_le_bytes(lo.try_into().expect("8 bytes")) ^ NEWLINES);
        let hi = zero_bytes(u64::from_le_bytes(hi.try_into().expect("8 bytes")) ^ NEWLINES);
        if (lo | hi) != 0 {
            for (mut found, at) in [(lo, base), (hi, base + 8)] {
                while found != 0 {
                    f(at + found.trailing_zeros() as usize / 8);
                    found &= found - 1;
                }
            }
        }
        base += 16;
    }
    for (k, &c) in chunks.remainder().iter().enumerate() {
        if c == b'\n' {
            f(base + k);
        }
    }
}

/// The top bit of each byte of `x` that is zero, and no other bit. For
/// each byte, its low seven bits plus 0x7F reach the top bit exactly when
/// one of them is set (and never carry into the next byte); or-ing the
/// byte itself adds its own top bit: the top bit is then set exactly for
/// the bytes that are not zero.
fn zero_bytes(x: u64) -> u64 {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    !(((x & LOW7) + LOW7) | x) & !LOW7
}

/// Decodes a text file's bytes (UTF-8, with or without BOM) into lines.
///
/// Rejects empty input, binary data and invalid UTF-8 with a typed error.
pub fn decode(bytes: &[u8]) -> Result<SourceText, DecodeError> {
    // UTF-16 or UTF-32 with a byte-order mark (what Windows editors save as
    // "Unicode"): converted to UTF-8 and read as such. (The offsets of a
    // later error are then offsets in the converted text.)
    if let Some((encoding, body)) = wide_bom(bytes) {
        let text = decode_wide(encoding, body)?;
        return decode(text.as_bytes());
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let is_control = |b: u8| (b < 0x20) & (b != b'\n') & (b != b'\r') & (b != b'\t') & (b != 0x0c);
    let controls = count_bytes(bytes, is_control);
    // A NUL byte is a control byte: without any, there is no NUL to look
    // for. (A NUL anywhere is reported first, whatever the count.)
    if controls > 0 && bytes.contains(&0) {
        let offset = bytes.iter().position(|&b| b == 0).unwrap_or(0);
        return Err(DecodeError::Binary { offset, byte: 0 });
    }
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

/// The Unicode encodings other than UTF-8 that a text file may name with
/// a byte-order mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wide {
    Utf16Le,
    Utf16Be,
    Utf32Le,
    Utf32Be,
}

impl Wide {
    fn label(self) -> &'static str {
        match self {
            Wide::Utf16Le => "UTF-16LE",
            Wide::Utf16Be => "UTF-16BE",
            Wide::Utf32Le => "UTF-32LE",
            Wide::Utf32Be => "UTF-32BE",
        }
    }
}

/// The encoding a UTF-16 or UTF-32 byte-order mark names, and the bytes
/// after it. UTF-32LE's mark starts with UTF-16LE's, so it is tried first
/// (a UTF-16LE text cannot start with U+0000).
fn wide_bom(bytes: &[u8]) -> Option<(Wide, &[u8])> {
    const MARKS: [(&[u8], Wide); 4] = [
        (b"\xFF\xFE\0\0", Wide::Utf32Le),
        (b"\0\0\xFE\xFF", Wide::Utf32Be),
        (b"\xFF\xFE", Wide::Utf16Le),
        (b"\xFE\xFF", Wide::Utf16Be),
    ];
    MARKS
        .iter()
        .find_map(|&(mark, wide)| bytes.strip_prefix(mark).map(|rest| (wide, rest)))
}

/// The text of `body` in `wide`; an unpaired surrogate, a code point out of
/// range or a cut-off last code unit is an error at its offset.
fn decode_wide(wide: Wide, body: &[u8]) -> Result<String, DecodeError> {
    let invalid = |offset: usize| DecodeError::InvalidWide {
        encoding: wide.label(),
        offset,
    };
    let unit = if matches!(wide, Wide::Utf16Le | Wide::Utf16Be) {
        2
    } else {
        4
    };
    // A last code unit cut short is invalid where it starts.
    let whole = body.len() / unit * unit;
    if whole != body.len() {
        return Err(invalid(whole));
    }
    let mut text = String::with_capacity(body.len());
    match wide {
        Wide::Utf16Le | Wide::Utf16Be => {
            let units = body.chunks_exact(2).map(|c| {
                let pair = [c[0], c[1]];
                if wide == Wide::Utf16Le {
                    u16::from_le_bytes(pair)
                } else {
                    u16::from_be_bytes(pair)
                }
            });
            // Offsets count code units as they are consumed: a surrogate
            // pair is two.
            let mut at = 0;
            for c in char::decode_utf16(units) {
                let c = c.map_err(|_| invalid(at))?;
                at += 2 * c.len_utf16();
                text.push(c);
            }
        }
        Wide::Utf32Le | Wide::Utf32Be => {
            for (k, c) in body.chunks_exact(4).enumerate() {
                let quad = [c[0], c[1], c[2], c[3]];
                let n = if wide == Wide::Utf32Le {
                    u32::from_le_bytes(quad)
                } else {
                    u32::from_be_bytes(quad)
                };
                text.push(char::from_u32(n).ok_or_else(|| invalid(4 * k))?);
            }
        }
    }
    Ok(text)
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
    fn line_breaks_of_every_kind() {
        let lines = |b: &[u8]| -> Vec<String> {
            decode(b)
                .unwrap()
                .lines
                .into_iter()
                .map(|l| l.text)
                .collect()
        };
        assert_eq!(
            lines(b"KE HOACH\rSo 1\r\rend"),
            ["KE HOACH", "So 1", "", "end"]
        );
        assert_eq!(lines(b"a\r\nb\r\n"), ["a", "b", ""]);
        // Mixed: every kind of break counts once.
        assert_eq!(lines(b"a\r\nb\rc\nd"), ["a", "b", "c", "d"]);
        assert_eq!(decode(b"a\rb").unwrap().lines[1].no, 2);
    }

    #[test]
    fn utf16_and_utf32_with_a_mark() {
        let text = "Kế hoạch số 12/KH-UBND\r\nỦy ban nhân dân xã 𝔸";
        let want: Vec<String> = decode(text.as_bytes())
            .unwrap()
            .lines
            .into_iter()
            .map(|l| l.text)
            .collect();
        let mut le16 = b"\xFF\xFE".to_vec();
        let mut be16 = b"\xFE\xFF".to_vec();
        for u in text.encode_utf16() {
            le16.extend(u.to_le_bytes());
            be16.extend(u.to_be_bytes());
        }
        let mut le32 = b"\xFF\xFE\0\0".to_vec();
        let mut be32 = b"\0\0\xFE\xFF".to_vec();
        for c in text.chars() {
            le32.extend((c as u32).to_le_bytes());
            be32.extend((c as u32).to_be_bytes());
        }
        for bytes in [&le16, &be16, &le32, &be32] {
            let got: Vec<String> = decode_any(bytes)
                .unwrap()
                .0
                .lines
                .into_iter()
                .map(|l| l.text)
                .collect();
            assert_eq!(got, want);
        }
        // An unpaired surrogate, and a last code unit cut in half.
        assert_eq!(
            decode(b"\xFF\xFEa\0\x00\xD8b\0"),
            Err(DecodeError::InvalidWide {
                encoding: "UTF-16LE",
                offset: 2
            })
        );
        assert_eq!(
            decode(b"\xFE\xFF\0a\0"),
            Err(DecodeError::InvalidWide {
                encoding: "UTF-16BE",
                offset: 2
            })
        );
        assert_eq!(
            decode(b"\xFF\xFE\0\0\0\0\x11\0"),
            Err(DecodeError::InvalidWide {
                encoding: "UTF-32LE",
                offset: 0
            })
        );
        // UTF-16 without a mark stays binary (NUL bytes).
        assert!(matches!(decode(b"a\0b\0"), Err(DecodeError::Binary { .. })));
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
            decode_any(b"\xfd\xfc\xfe\xff"),
            Err(DecodeError::UnknownEncoding { offset: 0 })
        );
    }

    /// `from_text` as it was first written: split at `\n`, trim the ends
    /// by characters, normalise line by line.
    fn from_text_plainly(text: &str) -> Vec<Line> {
        // Every `\r\n`, `\r` and `\n` is one line break.
        text.replace("\r\n", "\n")
            .replace('\r', "\n")
            .split('\n')
            .enumerate()
            .map(|(i, l)| Line {
                no: i as u32 + 1,
                text: l.trim_end_matches([' ', '\t', '\u{a0}']).nfc().collect(),
            })
            .collect()
    }

    /// The byte-level line splitting and trimming give the lines that
    /// `split` and `trim_end_matches` give, on every corpus file and on
    /// texts built to reach the edges (line breaks at every offset of a
    /// 16-byte block, trailing spaces of every kind, no final break).
    #[test]
    fn lines_equal_the_plain_split() {
        let mut texts = crate::corpus_texts();
        let pieces = [
            "",
            "\n",
            "a",
            "ab\n",
            " \n",
            "\r\n",
            "x\u{a0}",
            "\u{a0}\u{a0}\n",
            "\t \r",
            "\r",
            "a\rb",
            "ế",
            "e\u{301}\n",
            "\u{2003}\n",
            "câu \u{a0}\r\n",
            "\n\n\n",
        ];
        for (i, a) in pieces.iter().enumerate() {
            for b in &pieces {
                for c in &pieces[i..] {
                    for pad in [0, 1, 7, 13, 14, 15, 16, 17, 31] {
                        texts.push(format!(
                            "{}{a}{b}{c}{}",
                            "x".repeat(pad),
                            "y".repeat(pad / 2)
                        ));
                    }
                }
            }
        }
        for t in &texts {
            assert_eq!(
                SourceText::from_text(t).lines,
                from_text_plainly(t),
                "{t:?}"
            );
        }
    }

    /// `zero_bytes` marks exactly the zero bytes, whatever the others.
    #[test]
    fn zero_bytes_are_exact() {
        for v in 0..=255u8 {
            for at in 0..8 {
                for other in [0u8, 1, 0x7F, 0x80, 0xFF, v] {
                    let mut bytes = [other; 8];
                    bytes[at] = v;
                    let want = bytes
                        .iter()
                        .enumerate()
                        .filter(|(_, &c)| c == 0)
                        .fold(0u64, |m, (k, _)| m | 0x80 << (8 * k));
                    assert_eq!(zero_bytes(u64::from_le_bytes(bytes)), want, "{bytes:?}");
                }
            }
        }
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
