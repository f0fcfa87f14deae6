//! The stable harness's mutator: stacked byte-level mutations of a seed
//! (bit flips, interesting bytes, chunk deletion, duplication, copying,
//! splicing with another seed, dictionary tokens, runs of a token), numbers
//! swapped for extreme ones in PDFs and text, and for zip packages the XML
//! parts mutated inside the package, which is written again so the reader
//! gets past the zip layer.

use crate::InputKind;
use std::io::{Cursor, Read, Write};

/// Numbers worth putting where a number was (`/Count`, `/Length`, `/W`,
/// widths, offsets, years, cell spans).
const NUMBERS: &[&[u8]] = &[
    b"0",
    b"-1",
    b"1",
    b"2",
    b"255",
    b"256",
    b"65535",
    b"65536",
    b"2147483647",
    b"2147483648",
    b"-2147483649",
    b"4294967295",
    b"4294967296",
    b"999999999",
    b"999999999999",
    b"9223372036854775807",
    b"18446744073709551616",
    b"1e308",
    b"-0.0",
    b"3.4e38",
    b"0.000001",
    b"NaN",
];

const INTERESTING_BYTES: &[u8] = &[
    0x00, 0x01, 0x0a, 0x0d, 0x1b, 0x20, 0x7f, 0x80, 0xc0, 0xc3, 0xe1, 0xef, 0xfe, 0xff,
];

/// A zip package's entries, read once per seed.
type Entries = Vec<(String, Vec<u8>)>;

/// Makes inputs from seeds; deterministic for a given random seed.
pub struct Mutator {
    rng: fastrand::Rng,
    seeds: Vec<Vec<u8>>,
    dict: Vec<Vec<u8>>,
    kind: InputKind,
    max_len: usize,
    unzipped: Vec<Option<Option<Entries>>>,
}

impl Mutator {
    /// A mutator over `seeds` (not empty) with the target's dictionary.
    pub fn new(
        seed: u64,
        seeds: Vec<Vec<u8>>,
        dict: Vec<Vec<u8>>,
        kind: InputKind,
        max_len: usize,
    ) -> Self {
        assert!(!seeds.is_empty(), "no seeds");
        let n = seeds.len();
        Mutator {
            rng: fastrand::Rng::with_seed(seed),
            seeds,
            dict,
            kind,
            max_len,
            unzipped: vec![None; n],
        }
    }

    /// The next input: a seed with one to eight mutations stacked.
    pub fn next_input(&mut self) -> Vec<u8> {
        let i = self.rng.usize(..self.seeds.len());
        if self.kind == InputKind::Zip && self.rng.u8(..10) < 7 {
            if let Some(out) = self.mutate_zip(i) {
                return out;
            }
        }
        let mut data = self.seeds[i].clone();
        let rounds = 1 << self.rng.u32(..4);
        for _ in 0..rounds {
            self.mutate_bytes(&mut data);
        }
        data.truncate(self.max_len);
        data
    }

    fn mutate_zip(&mut self, i: usize) -> Option<Vec<u8>> {
        if self.unzipped[i].is_none() {
            self.unzipped[i] = Some(unzip(&self.seeds[i]));
        }
        let mut entries = self.unzipped[i].clone().flatten()?;
        if entries.is_empty() {
            return None;
        }
        // Mostly the parts that hold text: document.xml, content.xml.
        let xml: Vec<usize> = (0..entries.len())
            .filter(|&k| entries[k].0.ends_with(".xml") || entries[k].0.ends_with(".rels"))
            .collect();
        let main: Vec<usize> = (0..entries.len())
            .filter(|&k| {
                entries[k].0 == "word/document.xml"
                    || entries[k].0 == "content.xml"
                    || entries[k].0 == "[Content_Types].xml"
            })
            .collect();
        let pool = if !main.is_empty() && self.rng.u8(..4) < 3 {
            main
        } else if !xml.is_empty() {
            xml
        } else {
            (0..entries.len()).collect()
        };
        let k = pool[self.rng.usize(..pool.len())];
        let rounds = 1 << self.rng.u32(..4);
        for _ in 0..rounds {
            let mut part = std::mem::take(&mut entries[k].1);
            self.mutate_bytes(&mut part);
            part.truncate(self.max_len);
            entries[k].1 = part;
        }
        // Now and then, drop or duplicate a whole entry.
        match self.rng.u8(..16) {
            0 if entries.len() > 1 => {
                let d = self.rng.usize(..entries.len());
                entries.remove(d);
            }
            1 => {
                let d = self.rng.usize(..entries.len());
                let mut copy = entries[d].clone();
                copy.0.push('_');
                entries.push(copy);
            }
            _ => {}
        }
        zip_stored(&entries)
    }

    /// One byte-level mutation of `data` in place.
    pub fn mutate_bytes(&mut self, data: &mut Vec<u8>) {
        let rng = &mut self.rng;
        let len = data.len();
        let choice = rng.u8(..13);
        match choice {
            0 if len > 0 => {
                let p = rng.usize(..len);
                data[p] ^= 1 << rng.u8(..8);
            }
            1 if len > 0 => {
                let p = rng.usize(..len);
                data[p] = INTERESTING_BYTES[rng.usize(..INTERESTING_BYTES.len())];
            }
            2 if len > 0 => {
                let (a, b) = chunk(rng, len);
                data.drain(a..b);
            }
            3 if len > 0 => {
                let (a, b) = chunk(rng, len);
                let piece = data[a..b].to_vec();
                let at = rng.usize(..=len);
                data.splice(at..at, piece);
            }
            4 => {
                let n = 1 + rng.usize(..16);
                let at = rng.usize(..=len);
                let bytes: Vec<u8> = (0..n).map(|_| rng.u8(..)).collect();
                data.splice(at..at, bytes);
            }
            5 if len > 1 => {
                let (a, b) = chunk(rng, len);
                let piece = data[a..b].to_vec();
                let at = rng.usize(..len);
                let end = (at + piece.len()).min(len);
                data[at..end].copy_from_slice(&piece[..end - at]);
            }
            6 => {
                let other = &self.seeds[rng.usize(..self.seeds.len())];
                if !other.is_empty() {
                    let cut = rng.usize(..=len);
                    let from = rng.usize(..other.len());
                    data.truncate(cut);
                    data.extend_from_slice(&other[from..]);
                }
            }
            7 | 8 if !self.dict.is_empty() => {
                let token = &self.dict[rng.usize(..self.dict.len())];
                let mut at = rng.usize(..=len);
                if self.kind == InputKind::Pdf && rng.bool() {
                    // Inside a dictionary, where a key means something.
                    at = next_after(data, at, b"<<").unwrap_or(at);
                }
                if choice == 7 || at == len {
                    data.splice(at..at, token.iter().copied());
                } else {
                    let end = (at + token.len()).min(len);
                    data.splice(at..end, token.iter().copied());
                }
            }
            9 | 10 if self.kind != InputKind::Zip => {
                let found = if self.kind == InputKind::Pdf && rng.u8(..4) < 3 {
                    key_number(rng, data).or_else(|| find_number(rng, data))
                } else {
                    find_number(rng, data)
                };
                if let Some((a, b)) = found {
                    let n = NUMBERS[rng.usize(..NUMBERS.len())];
                    data.splice(a..b, n.iter().copied());
                } else if len > 0 {
                    let p = rng.usize(..len);
                    data[p] = b'0' + rng.u8(..10);
                }
            }
            11 if !self.dict.is_empty() => {
                // A run of one token: deep nesting (`[[[`, `<<`, `<w:tbl>`),
                // long rows of `|`, many `beginbfrange`.
                let token = &self.dict[rng.usize(..self.dict.len())];
                let shift = rng.u32(..12);
                let times = 1 + rng.usize(..1 << shift);
                let at = rng.usize(..=len);
                let run: Vec<u8> = token
                    .iter()
                    .copied()
                    .cycle()
                    .take(token.len() * times)
                    .collect();
                data.splice(at..at, run);
            }
            _ if len > 0 => {
                // Swap two chunks' order: lines, rows, objects moved.
                let (a, b) = chunk(rng, len);
                data[a..b].rotate_left(rng.usize(..=b - a) % (b - a).max(1));
            }
            _ => data.push(rng.u8(..)),
        }
    }
}

/// A random chunk `a..b` of `0..len` (len > 0), mostly short.
fn chunk(rng: &mut fastrand::Rng, len: usize) -> (usize, usize) {
    let a = rng.usize(..len);
    let max = (len - a).min(1 << rng.u32(..16)).max(1);
    (a, a + 1 + rng.usize(..max).min(len - a - 1))
}

/// A run of ASCII digits (with a leading minus) starting near a random
/// place, for PDFs' `/Count 12`, `/Length 3456`, text's years and numbers.
fn find_number(rng: &mut fastrand::Rng, data: &[u8]) -> Option<(usize, usize)> {
    if data.is_empty() {
        return None;
    }
    let start = rng.usize(..data.len());
    let a = data[start..]
        .iter()
        .position(u8::is_ascii_digit)
        .map(|p| start + p)
        .or_else(|| data.iter().position(u8::is_ascii_digit))?;
    let b = a + data[a..].iter().take_while(|c| c.is_ascii_digit()).count();
    let a = if a > 0 && data[a - 1] == b'-' {
        a - 1
    } else {
        a
    };
    Some((a, b))
}

/// The position just after the first `pat` at or after `from` (wrapping
/// round to the start), if there is one.
fn next_after(data: &[u8], from: usize, pat: &[u8]) -> Option<usize> {
    let find = |hay: &[u8]| hay.windows(pat.len()).position(|w| w == pat);
    find(&data[from.min(data.len())..])
        .map(|p| from + p + pat.len())
        .or_else(|| find(data).map(|p| p + pat.len()))
}

/// The number of a PDF dictionary entry (`/Count 14`, `/Length 512`,
/// `/Size 40`) after a random place: the numbers a reader trusts.
fn key_number(rng: &mut fastrand::Rng, data: &[u8]) -> Option<(usize, usize)> {
    let mut spots = Vec::new();
    let mut i = 0;
    while i < data.len() {
        if data[i] == b'/' {
            let mut j = i + 1;
            while j < data.len() && data[j].is_ascii_alphabetic() {
                j += 1;
            }
            let k = j;
            while j < data.len() && data[j] == b' ' {
                j += 1;
            }
            let a = j;
            if j < data.len() && data[j] == b'-' {
                j += 1;
            }
            while j < data.len() && data[j].is_ascii_digit() {
                j += 1;
            }
            if k > i + 1 && j > a && data[j - 1].is_ascii_digit() {
                spots.push((a, j));
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    if spots.is_empty() {
        None
    } else {
        Some(spots[rng.usize(..spots.len())])
    }
}

/// The entries of a zip package (each read up to 8 MiB), or `None` for
/// what the zip crate cannot open.
pub fn unzip(bytes: &[u8]) -> Option<Entries> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut out = Vec::new();
    for i in 0..archive.len().min(256) {
        let Ok(file) = archive.by_index(i) else {
            continue;
        };
        let name = file.name().to_string();
        let mut body = Vec::new();
        if file.take(8 << 20).read_to_end(&mut body).is_err() {
            continue;
        }
        out.push((name, body));
    }
    Some(out)
}

/// A zip package of `entries`, stored without compression.
pub fn zip_stored(entries: &[(String, Vec<u8>)]) -> Option<Vec<u8>> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .large_file(false);
    for (name, body) in entries {
        w.start_file(name.as_str(), opts).ok()?;
        w.write_all(body).ok()?;
    }
    Some(w.finish().ok()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_bounded() {
        let seeds = vec![b"<< /Count 12 /Length 345 >>".to_vec(), b"abc".to_vec()];
        let dict = vec![b"[[".to_vec()];
        let mut a = Mutator::new(7, seeds.clone(), dict.clone(), InputKind::Pdf, 4096);
        let mut b = Mutator::new(7, seeds, dict, InputKind::Pdf, 4096);
        for _ in 0..2000 {
            let x = a.next_input();
            assert!(x.len() <= 4096);
            assert_eq!(x, b.next_input());
        }
    }

    #[test]
    fn zip_round_trip() {
        let entries = vec![
            ("word/document.xml".to_string(), b"<w:document/>".to_vec()),
            ("[Content_Types].xml".to_string(), b"<Types/>".to_vec()),
        ];
        let z = zip_stored(&entries).unwrap();
        assert_eq!(unzip(&z).unwrap(), entries);
        let mut m = Mutator::new(
            1,
            vec![z],
            vec![b"<w:tbl>".to_vec()],
            InputKind::Zip,
            1 << 20,
        );
        for _ in 0..200 {
            m.next_input();
        }
    }
}
