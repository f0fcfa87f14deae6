//! Limits on what one PDF may ask of the reader, and the checks that keep
//! a hostile or broken file from taking the whole process down.
//!
//! A PDF is a graph of objects that the file describes freely: a few
//! hundred kilobytes can declare a trillion pages, inflate to gigabytes,
//! map four billion character codes or draw a form inside itself. The PDF
//! libraries trust those declarations; an allocation that fails, a stack
//! that overflows or a loop that never ends aborts or hangs the process,
//! and no `catch_unwind` contains that. So before pdf-extract reads a
//! document, the checks here walk what it will walk, with bounds, and turn
//! each excess into [`PdfError::LimitExceeded`] (or
//! [`PdfError::BrokenPageTree`]) naming the limit. Some bounds sit inside
//! the vendored lopdf and pdf-extract (see `vendor/README.md`); they are
//! named here as well.
//!
//! Every value is far above what a real plan needs (the largest plans run
//! to about 2,000 pages, with fonts of a few thousand codes), and low
//! enough that reading up to the limit takes seconds and a few hundred MB.

use crate::PdfError;
use pdf_extract::{Document, Object, ObjectId};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// The most pages a PDF may have. Real plans run to about 2,000 pages; the
/// page tree is walked (never trusting its `/Count`) before anything is read.
pub const MAX_PAGES: usize = 10_000;

/// The most objects a PDF may hold after loading. A 2,000-page plan holds
/// some tens of thousands.
pub const MAX_OBJECTS: usize = 1_000_000;

/// The most bytes one stream is decoded to (FlateDecode, LZWDecode): the
/// limit in the vendored lopdf's decoder, which stops one byte past it
/// instead of inflating a 1 GB bomb and failing to allocate.
pub const MAX_STREAM_BYTES: usize = pdf_extract::MAX_DECODED_STREAM;

/// The most bytes all the streams of a document are decoded to, images
/// aside (their pixels are never decoded up front). A 2,000-page plan's
/// content, fonts and maps come to some tens of MB.
pub const MAX_DOCUMENT_BYTES: usize = 512 << 20;

/// The most content streams one page's `/Contents` may list. Writers use
/// one, or a few dozen at most.
pub const MAX_CONTENT_STREAMS_PER_PAGE: usize = 1_000;

/// The most decoded content bytes one page may run through, its content
/// streams and the forms it draws (the limit inside the vendored
/// pdf-extract). Decoded operations take 20-40 times their bytes in memory;
/// a real page's content is a few hundred KB.
pub const MAX_CONTENT_BYTES_PER_PAGE: usize = pdf_extract::MAX_CONTENT_BYTES_PER_PAGE;

/// How deep Form XObjects may draw one another (inside the vendored
/// pdf-extract, where each level is a recursive call). A form that draws
/// itself, or two that draw each other, is detected and not followed.
pub const MAX_XOBJECT_DEPTH: usize = pdf_extract::MAX_FORM_DEPTH;

/// How many Form XObjects one page may draw, nested draws included (inside
/// the vendored pdf-extract): forms that each draw the next one twice make
/// 2^depth draws without a cycle.
pub const MAX_XOBJECT_DRAWS_PER_PAGE: usize = pdf_extract::MAX_FORM_DRAWS_PER_PAGE;

/// How deep arrays, dictionaries and parenthesised strings may nest in a
/// CMap. The CMap parser pdf-extract uses is recursive: a CMap of a million
/// `[` overflows the stack. Real CMaps nest two or three deep. (lopdf's own
/// object and content parsers stop at 100.)
pub const MAX_NESTING_DEPTH: usize = 32;

/// The most character codes one CMap may map (`bfchar`, `bfrange` and
/// `cidrange` spans added up). pdf-extract expands each range code by code;
/// a single `<00000000> <FFFFFFFF>` range is four billion entries. A
/// two-byte font has at most 65,536 codes.
pub const MAX_CMAP_CODES: u64 = 1 << 18;

/// The most glyphs one page may draw. A dense page of small print holds
/// about 6,000 characters.
pub const MAX_GLYPHS_PER_PAGE: usize = 50_000;

/// The most glyphs a whole document may draw: 2,000 dense pages come to
/// about 6 million.
pub const MAX_GLYPHS: usize = 10_000_000;

/// The most ruling segments (strokes and thin fills) one page may draw. A
/// large ruled table has a few thousand.
pub const MAX_RULES_PER_PAGE: usize = 100_000;

/// How deep the page tree may be. lopdf stops descending at 256 levels and
/// drops what is below silently; deeper is reported as a broken tree.
const MAX_TREE_DEPTH: usize = 256;

pub(crate) fn exceeded(
    what: &'static str,
    limit: usize,
    found: usize,
    name: &'static str,
) -> PdfError {
    PdfError::LimitExceeded {
        what,
        limit: thousands(limit as u64),
        found: thousands(found as u64),
        name,
    }
}

/// `n` with a comma between thousands: 10,000.
pub(crate) fn thousands(n: u64) -> String {
    let digits = n.to_string();
    // The first group has one to three digits, the others three.
    let head = digits.len() - (digits.len() - 1) / 3 * 3;
    let mut out = digits[..head].to_string();
    for group in digits.as_bytes()[head..].chunks(3) {
        out.push(',');
        out.push_str(std::str::from_utf8(group).unwrap_or_default());
    }
    out
}

fn broken(why: String) -> PdfError {
    PdfError::BrokenPageTree(why)
}

/// Checks the object count, right after loading.
pub(crate) fn check_objects(doc: &Document) -> Result<(), PdfError> {
    let n = doc.objects.len();
    if n > MAX_OBJECTS {
        return Err(exceeded("objects", MAX_OBJECTS, n, "MAX_OBJECTS"));
    }
    Ok(())
}

/// Walks the page tree from the catalog, in the order lopdf lists pages,
/// with cycle detection, and makes it safe for the readers after it: each
/// node's `/Parent` is set to the node that lists it (a `/Parent` loop made
/// pdf-extract's inherited-attribute lookup recurse for ever) and each
/// `/Pages` node's `/Count` to the pages really under it (a child's
/// `/Count` of 10^12 made lopdf reserve that many entries). Returns the
/// page count.
pub(crate) fn page_tree(doc: &mut Document) -> Result<usize, PdfError> {
    let root_ref = doc
        .trailer
        .get(b"Root")
        .map_err(|_| broken("the trailer has no /Root (document catalog)".into()))?;
    let root_id = root_ref
        .as_reference()
        .map_err(|_| broken("the trailer's /Root is not a reference".into()))?;
    let catalog = doc.get_dictionary(root_id).map_err(|_| {
        broken(format!(
            "the catalog {} {} R is missing or not a dictionary",
            root_id.0, root_id.1
        ))
    })?;
    let tree_root = match catalog.get(b"Pages") {
        Ok(Object::Reference(id)) => *id,
        Ok(_) => {
            return Err(broken(
                "the catalog's /Pages is not a reference to a page tree".into(),
            ))
        }
        Err(_) => return Err(broken("the catalog has no /Pages".into())),
    };
    if doc.get_dictionary(tree_root).is_err() {
        return Err(broken(format!(
            "the page tree root {} {} R is missing or not a dictionary",
            tree_root.0, tree_root.1
        )));
    }

    // Depth-first, each node's kids in order: lopdf's order.
    let mut seen: HashSet<ObjectId> = HashSet::from([tree_root]);
    let mut parent: Vec<(ObjectId, ObjectId)> = Vec::new();
    // Every node is visited once, so the walk ends after at most as many
    // steps as the file has objects, whatever the `/Count`s say.
    let mut pages: usize = 0;
    // Per open node: its id, its kids, the next kid, pages before it.
    let mut stack: Vec<(ObjectId, Vec<Object>, usize, usize)> =
        vec![(tree_root, kids(doc, tree_root), 0, 0)];
    let mut counts: HashMap<ObjectId, usize> = HashMap::new();
    while let Some(top) = stack.last_mut() {
        let (node, ref node_kids, ref mut next, first_page) = *top;
        let Some(kid) = node_kids.get(*next).cloned() else {
            counts.insert(node, pages - first_page);
            stack.pop();
            continue;
        };
        *next += 1;
        let Ok(kid_id) = kid.as_reference() else {
            continue;
        };
        let kind = match doc.get_dictionary(kid_id).and_then(|d| d.get_type()) {
            Ok(b"Page") => 1,
            Ok(b"Pages") => 2,
            _ => continue,
        };
        if !seen.insert(kid_id) {
            return Err(broken(format!(
                "object {} {} R is listed twice in the page tree (a cycle)",
                kid_id.0, kid_id.1
            )));
        }
        parent.push((kid_id, node));
        if kind == 1 {
            pages += 1;
        } else {
            if stack.len() >= MAX_TREE_DEPTH {
                return Err(broken(format!(
                    "the page tree is more than {MAX_TREE_DEPTH} levels deep"
                )));
            }
            let k = kids(doc, kid_id);
            stack.push((kid_id, k, 0, pages));
        }
    }
    if pages == 0 {
        return Err(broken("the page tree lists no pages".into()));
    }
    if pages > MAX_PAGES {
        return Err(exceeded("pages", MAX_PAGES, pages, "MAX_PAGES"));
    }
    for (kid, of) in parent {
        if let Ok(d) = doc.get_dictionary_mut(kid) {
            if d.get(b"Parent").ok().and_then(|p| p.as_reference().ok()) != Some(of) {
                d.set("Parent", Object::Reference(of));
            }
        }
    }
    for (node, n) in counts {
        if let Ok(d) = doc.get_dictionary_mut(node) {
            if d.get(b"Count").ok().and_then(|c| c.as_i64().ok()) != Some(n as i64) {
                d.set("Count", Object::Integer(n as i64));
            }
        }
    }
    if let Ok(d) = doc.get_dictionary_mut(tree_root) {
        d.remove(b"Parent");
    }
    Ok(pages)
}

/// A page tree node's `/Kids` (direct or by reference), or none.
fn kids(doc: &Document, node: ObjectId) -> Vec<Object> {
    doc.get_dictionary(node)
        .and_then(|d| d.get_deref(b"Kids", doc))
        .and_then(|k| k.as_array())
        .cloned()
        .unwrap_or_default()
}

/// Whether a stream holds an image's pixels (never read as text).
fn is_image(s: &pdf_extract::Stream) -> bool {
    s.dict
        .get(b"Subtype")
        .and_then(|o| o.as_name())
        .is_ok_and(|n| n == b"Image")
}

/// The decoded bytes of page content streams [`decode_streams`] keeps, in
/// all: the first streams' up to this much, so that a short document's
/// content is inflated once, not once to be counted and again when its
/// page is read (issue 15: a fifth of a one-page PDF's inflating), while a
/// long one's memory still does not grow with its pages.
const KEEP_DECODED_BYTES: usize = 4 << 20;

/// The page content streams [`decode_streams`] left compressed, with the
/// length each decodes to: a page's are decoded when the page is read
/// ([`crate::paint::page_content`]), so that the decoded content of only one
/// page is held at a time. The decoded bytes of the first ones, up to
/// [`KEEP_DECODED_BYTES`] in all, are kept from the counting and read
/// from here instead.
#[derive(Debug, Default)]
pub(crate) struct PageStreams {
    lens: HashMap<ObjectId, usize>,
    kept: HashMap<ObjectId, Vec<u8>>,
    kept_bytes: usize,
}

impl PageStreams {
    /// Whether stream `id` was left compressed.
    pub(crate) fn contains(&self, id: ObjectId) -> bool {
        self.lens.contains_key(&id)
    }

    /// Stream `id`, left compressed, decodes to `data` (what
    /// `decompressed_content` gave): its length is kept, and the bytes too
    /// while there is room.
    fn insert(&mut self, id: ObjectId, data: Vec<u8>) {
        self.lens.insert(id, data.len());
        if self.kept_bytes + data.len() <= KEEP_DECODED_BYTES {
            self.kept_bytes += data.len();
            self.kept.insert(id, data);
        }
    }

    /// The decoded bytes of stream `id` when they were kept.
    pub(crate) fn decoded(&self, id: ObjectId) -> Option<&[u8]> {
        self.kept.get(&id).map(Vec::as_slice)
    }

    /// The bytes of stream `s` (object `id`) as [`decode_streams`] would
    /// have left them had it decoded every stream.
    pub(crate) fn content<'s>(&'s self, id: ObjectId, s: &'s pdf_extract::Stream) -> Cow<'s, [u8]> {
        if let Some(data) = self.decoded(id) {
            return Cow::Borrowed(data);
        }
        if self.contains(id) {
            if let Ok(data) = s.decompressed_content() {
                return Cow::Owned(data);
            }
        }
        Cow::Borrowed(&s.content)
    }

    /// The length of stream `s` (object `id`), decoded as
    /// [`PageStreams::content`] gives it.
    fn len(&self, id: ObjectId, s: &pdf_extract::Stream) -> usize {
        self.lens.get(&id).copied().unwrap_or(s.content.len())
    }
}

/// Whether a stream is a form XObject.
fn is_form(s: &pdf_extract::Stream) -> bool {
    s.dict
        .get(b"Subtype")
        .and_then(|o| o.as_name())
        .is_ok_and(|n| n == b"Form")
}

/// Decodes every stream once, up front, except images (pdf-extract reads
/// each font's ToUnicode map again on every page that uses it), within
/// [`MAX_STREAM_BYTES`] each and [`MAX_DOCUMENT_BYTES`] in all.
///
/// The pages' content streams are decoded to be counted, then left
/// compressed: the returned [`PageStreams`], decoded again page by page as
/// the pages are read. (A content stream that is also a form stays decoded:
/// forms are rewritten in place by [`crate::paint::normalize`].)
pub(crate) fn decode_streams(doc: &mut Document) -> Result<PageStreams, PdfError> {
    let mut contents: HashSet<ObjectId> = HashSet::new();
    for page in doc.get_pages().into_values() {
        contents.extend(doc.get_page_contents(page));
    }
    let mut lazy = PageStreams::default();
    let mut total: usize = 0;
    for (&id, obj) in doc.objects.iter_mut() {
        let Object::Stream(stream) = obj else {
            continue;
        };
        if stream.dict.get(b"Filter").is_ok() && !is_image(stream) {
            let decoded = if contents.contains(&id) && !is_form(stream) {
                // Decoded as `decompress` would, the result only counted.
                stream
                    .decompressed_content()
                    .map(|data| lazy.insert(id, data))
            } else {
                stream.decompress()
            };
            if let Err(pdf_extract::Error::Decompress(pdf_extract::DecompressError::TooLarge(
                limit,
            ))) = decoded
            {
                return Err(PdfError::LimitExceeded {
                    what: "decoded bytes in one stream",
                    limit: thousands(limit as u64),
                    found: format!("more than {}", thousands(limit as u64)),
                    name: "MAX_STREAM_BYTES",
                });
            }
        }
        if !is_image(stream) {
            total = total.saturating_add(lazy.len(id, stream));
            if total > MAX_DOCUMENT_BYTES {
                return Err(exceeded(
                    "decoded bytes in all streams",
                    MAX_DOCUMENT_BYTES,
                    total,
                    "MAX_DOCUMENT_BYTES",
                ));
            }
        }
    }
    Ok(lazy)
}

/// Checks each page's content streams: how many, and their decoded bytes
/// together (a stream listed a thousand times is read a thousand times).
/// The streams must be decoded already (or left in `lazy`).
pub(crate) fn check_contents(doc: &Document, lazy: &PageStreams) -> Result<(), PdfError> {
    for page in doc.page_iter() {
        let Ok(d) = doc.get_dictionary(page) else {
            continue;
        };
        let list: Vec<Object> = match d.get(b"Contents") {
            Ok(Object::Array(a)) => a.clone(),
            Ok(Object::Reference(id)) => match doc.get_object(*id) {
                Ok(Object::Array(a)) => a.clone(),
                Ok(_) => vec![Object::Reference(*id)],
                Err(_) => Vec::new(),
            },
            _ => Vec::new(),
        };
        if list.len() > MAX_CONTENT_STREAMS_PER_PAGE {
            return Err(exceeded(
                "content streams on one page",
                MAX_CONTENT_STREAMS_PER_PAGE,
                list.len(),
                "MAX_CONTENT_STREAMS_PER_PAGE",
            ));
        }
        let mut bytes: usize = 0;
        for o in &list {
            if let Ok(id) = o.as_reference() {
                if let Ok(Object::Stream(s)) = doc.get_object(id) {
                    bytes = bytes.saturating_add(lazy.len(id, s));
                }
            }
        }
        if bytes > MAX_CONTENT_BYTES_PER_PAGE {
            return Err(exceeded(
                "content bytes on one page",
                MAX_CONTENT_BYTES_PER_PAGE,
                bytes,
                "MAX_CONTENT_BYTES_PER_PAGE",
            ));
        }
    }
    Ok(())
}

/// Checks every CMap a font names (`/ToUnicode`, an embedded `/Encoding`
/// CMap, `/UseCMap`) before pdf-extract parses and expands it: nesting
/// depth and codes mapped. The streams must be decoded already (or left in
/// `lazy`).
pub(crate) fn check_cmaps(doc: &Document, lazy: &PageStreams) -> Result<(), PdfError> {
    let mut cmaps: HashSet<ObjectId> = HashSet::new();
    // Every dictionary, nested ones included (a font may sit directly in a
    // resource dictionary), walked without recursion.
    let mut todo: Vec<&Object> = doc.objects.values().collect();
    while let Some(o) = todo.pop() {
        let dict = match o {
            Object::Dictionary(d) => d,
            Object::Stream(s) => &s.dict,
            Object::Array(a) => {
                todo.extend(a.iter());
                continue;
            }
            _ => continue,
        };
        for (k, v) in dict.iter() {
            match (k.as_slice(), v) {
                (b"ToUnicode" | b"Encoding" | b"UseCMap", Object::Reference(id)) => {
                    cmaps.insert(*id);
                }
                (_, Object::Dictionary(_) | Object::Array(_)) => todo.push(v),
                _ => {}
            }
        }
    }
    let mut ids: Vec<ObjectId> = cmaps.into_iter().collect();
    ids.sort();
    for id in ids {
        if let Ok(Object::Stream(s)) = doc.get_object(id) {
            check_cmap(&lazy.content(id, s))?;
        }
    }
    Ok(())
}

/// One CMap's nesting and code count, read with a flat tokenizer.
pub(crate) fn check_cmap(data: &[u8]) -> Result<(), PdfError> {
    let mut depth = 0usize;
    let mut codes: u64 = 0;
    // The tokens of the section being read (`beginbfrange` …).
    let mut strings: Vec<Tok> = Vec::new();
    let mut i = 0;
    let too_deep = |d: usize| {
        if d > MAX_NESTING_DEPTH {
            Err(exceeded(
                "levels of nesting in a CMap",
                MAX_NESTING_DEPTH,
                d,
                "MAX_NESTING_DEPTH",
            ))
        } else {
            Ok(())
        }
    };
    while i < data.len() {
        let b = data[i];
        match b {
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'[' => {
                depth += 1;
                too_deep(depth)?;
                strings.push(Tok::Open);
                i += 1;
            }
            b']' => {
                depth = depth.saturating_sub(1);
                strings.push(Tok::Close);
                i += 1;
            }
            b'<' if data.get(i + 1) == Some(&b'<') => {
                depth += 1;
                too_deep(depth)?;
                i += 2;
            }
            b'>' if data.get(i + 1) == Some(&b'>') => {
                depth = depth.saturating_sub(1);
                i += 2;
            }
            b'<' => {
                let start = i + 1;
                i = start;
                while i < data.len() && data[i] != b'>' {
                    i += 1;
                }
                strings.push(Tok::Str(hex_bytes(&data[start..i.min(data.len())])));
                i += 1;
            }
            b'(' => {
                let mut level = 1usize;
                let mut bytes = Vec::new();
                i += 1;
                while i < data.len() && level > 0 {
                    match data[i] {
                        b'\\' => {
                            i += 1;
                        }
                        b'(' => {
                            level += 1;
                            too_deep(depth + level)?;
                        }
                        b')' => level -= 1,
                        c => bytes.push(c),
                    }
                    i += 1;
                }
                strings.push(Tok::Str(bytes));
            }
            c if c.is_ascii_alphabetic() => {
                let start = i;
                while i < data.len() && (data[i].is_ascii_alphanumeric()) {
                    i += 1;
                }
                let word = &data[start..i];
                match word {
                    b"beginbfrange" | b"begincidrange" | b"beginbfchar" | b"begincidchar" => {
                        strings.clear();
                    }
                    b"endbfrange" | b"endcidrange" => {
                        codes = codes.saturating_add(range_codes(&strings, word == b"endbfrange"));
                        strings.clear();
                    }
                    b"endbfchar" | b"endcidchar" => {
                        codes = codes.saturating_add(strings.len() as u64 / 2);
                        strings.clear();
                    }
                    _ => {}
                }
                if codes > MAX_CMAP_CODES {
                    return Err(PdfError::LimitExceeded {
                        what: "character codes in a CMap",
                        limit: thousands(MAX_CMAP_CODES),
                        found: thousands(codes),
                        name: "MAX_CMAP_CODES",
                    });
                }
            }
            _ => i += 1,
        }
    }
    Ok(())
}

/// A token of a CMap section: a string's bytes, or an array's bracket.
/// (Integers and names are not kept.)
enum Tok {
    Str(Vec<u8>),
    Open,
    Close,
}

/// The codes the ranges of one section cover: each range is a low and a
/// high string, then a destination (a string or an array in a `bfrange`,
/// an integer, not kept, in a `cidrange`). Codes are read as the parser
/// does: big-endian, in 32 bits.
fn range_codes(toks: &[Tok], bf: bool) -> u64 {
    let code = |s: &[u8]| s.iter().fold(0u32, |c, &b| (c << 8) | u32::from(b));
    let mut total = 0u64;
    let mut k = 0;
    while k < toks.len() {
        let (Tok::Str(lo), Some(Tok::Str(hi))) = (&toks[k], toks.get(k + 1)) else {
            k += 1;
            continue;
        };
        let (lo, hi) = (code(lo), code(hi));
        total = total.saturating_add(u64::from(hi.saturating_sub(lo)) + 1);
        k += 2;
        // A bfrange's destination: one string, or an array to its `]`.
        if !bf {
            continue;
        }
        match toks.get(k) {
            Some(Tok::Open) => {
                let mut level = 0usize;
                while k < toks.len() {
                    match toks[k] {
                        Tok::Open => level += 1,
                        Tok::Close => level = level.saturating_sub(1),
                        Tok::Str(_) => {}
                    }
                    k += 1;
                    if level == 0 {
                        break;
                    }
                }
            }
            Some(Tok::Str(_)) => k += 1,
            _ => {}
        }
    }
    total
}

/// The bytes of a hex string's digits (whitespace skipped, an odd last
/// digit padded with 0).
fn hex_bytes(digits: &[u8]) -> Vec<u8> {
    let nibbles: Vec<u8> = digits
        .iter()
        .filter_map(|&c| (c as char).to_digit(16).map(|d| d as u8))
        .collect();
    nibbles
        .chunks(2)
        .map(|p| (p[0] << 4) | p.get(1).copied().unwrap_or(0))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(67_108_864), "67,108,864");
        assert_eq!(thousands(100_000), "100,000");
    }

    #[test]
    fn a_full_two_byte_range_is_within_the_limit() {
        let cmap = b"1 beginbfrange <0000> <FFFF> <0000> endbfrange";
        assert!(check_cmap(cmap).is_ok());
    }

    #[test]
    fn a_four_billion_code_range_is_refused() {
        let cmap = b"1 beginbfrange <00000000> <FFFFFFFF> <0000> endbfrange";
        assert!(matches!(
            check_cmap(cmap),
            Err(PdfError::LimitExceeded {
                name: "MAX_CMAP_CODES",
                ..
            })
        ));
    }

    #[test]
    fn deep_arrays_are_refused() {
        let cmap = "[".repeat(1000);
        assert!(matches!(
            check_cmap(cmap.as_bytes()),
            Err(PdfError::LimitExceeded {
                name: "MAX_NESTING_DEPTH",
                ..
            })
        ));
    }
}
