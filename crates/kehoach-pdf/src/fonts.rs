//! Fonts that lie: legacy Vietnamese encodings and text layers without a
//! Unicode map.
//!
//! pdf-extract hands over each glyph's decoded text but not its font nor its
//! character code. Pages that use a font needing repair are walked again
//! here, the way pdf-extract walks them (same operators, same font lookup,
//! same code splitting), to attribute every glyph to its font and code. Only
//! when the count of codes equals the count of glyphs pdf-extract emitted on
//! the page is that attribution used; otherwise the page is left alone and
//! only the script check below guards it.
//!
//! Repairs:
//! - legacy fonts (`.VnTime`, `.VnTimeH`, `VNI-Times`…): the text of each run
//!   of the font is converted with [`kehoach_text::legacy::convert`]; a VNI
//!   mark glyph that merges into the letter before it keeps an empty text, so
//!   positions stay valid;
//! - fonts without `/ToUnicode` whose text pdf-extract cannot decode (CID
//!   fonts: nothing at all; TrueType fonts without `/Encoding`: raw codes):
//!   the text comes from the embedded TrueType's Unicode `cmap`, inverted;
//!   without one the document fails with [`PdfError::UnreadableFont`];
//! - last, a script check on every page: letters that are not Vietnamese
//!   Latin (and control characters) must stay rare, or the document fails
//!   rather than deliver garbage as data.

use std::collections::{BTreeMap, HashMap};
#[cfg(test)]
use std::ops::Range;

use kehoach_text::legacy::{self, Legacy};
use pdf_extract::content::Content;
use pdf_extract::{Dictionary, Document, Object, ObjectId};

use crate::glyphs::Glyph;
use crate::limits::PageStreams;
use crate::PdfError;

/// Form XObjects nested deeper than this are not followed (cycles).
const MAX_DEPTH: usize = 12;
/// A recovered map must cover this share of a font's glyphs.
const MIN_COVERAGE: f64 = 0.98;
/// The script check looks at pages with at least this many letters…
const MIN_LETTERS: usize = 40;
/// …and fails one where more than this share of them is not Vietnamese.
const MAX_FOREIGN: f64 = 0.2;

/// Repairs glyph texts in place where the font's text layer is not Unicode,
/// page by page; keeps one note per repaired font, for the plan's warnings.
pub(crate) struct Repair<'a> {
    doc: &'a Document,
    /// The content streams left compressed until their page is read.
    lazy: &'a PageStreams,
    fonts: Fonts<'a>,
    notes: Notes,
}

impl<'a> Repair<'a> {
    pub(crate) fn new(doc: &'a Document, lazy: &'a PageStreams) -> Self {
        Repair {
            doc,
            lazy,
            fonts: Fonts::new(doc),
            notes: Notes::default(),
        }
    }

    /// Repairs the glyphs of one page (the page `page_id`, all its glyphs
    /// in the order pdf-extract emitted them). Pages are independent but
    /// for the fonts described and the notes, which are kept.
    pub(crate) fn page(
        &mut self,
        page_id: ObjectId,
        page_glyphs: &mut [Glyph],
    ) -> Result<(), PdfError> {
        let fonts = &mut self.fonts;
        let attributed = attribute_page(self.doc, self.lazy, fonts, page_id, page_glyphs.len());
        match attributed {
            Attribution::Plain => check_script(page_glyphs, None, fonts)?,
            Attribution::Failed(suspects) => {
                // pdf-extract gives nothing for a CID font without a map: if
                // such a font is on the page and text is missing, say so.
                let empty = page_glyphs.iter().filter(|g| g.text.is_empty()).count();
                if let Some(&f) = suspects
                    .iter()
                    .find(|&&f| fonts.info[f].need == Need::Required)
                {
                    if empty * 20 > page_glyphs.len() {
                        return Err(unreadable(&fonts.info[f].name));
                    }
                }
                check_script(page_glyphs, None, fonts)?;
            }
            Attribution::Codes(codes) => {
                repair_page(fonts, page_glyphs, &codes, &mut self.notes)?;
                check_script(page_glyphs, Some(&codes), fonts)?;
            }
        }
        Ok(())
    }

    /// The notes, one per repaired font.
    pub(crate) fn notes(self) -> Vec<String> {
        self.notes.0
    }
}

/// Repairs a whole document's glyphs (in page order) at once.
#[cfg(test)]
pub(crate) fn repair(doc: &Document, glyphs: &mut [Glyph]) -> Result<Vec<String>, PdfError> {
    let lazy = PageStreams::default();
    let mut repair = Repair::new(doc, &lazy);
    let ranges = page_ranges(glyphs);
    for (&page, &page_id) in &doc.get_pages() {
        let range = ranges.get(&page).cloned().unwrap_or(0..0);
        repair.page(page_id, &mut glyphs[range])?;
    }
    Ok(repair.notes())
}

fn unreadable(font: &str) -> PdfError {
    PdfError::UnreadableFont {
        font: font.to_string(),
    }
}

/// Notes, each said once.
#[derive(Default)]
struct Notes(Vec<String>);

impl Notes {
    fn add(&mut self, note: String) {
        if !self.0.contains(&note) {
            self.0.push(note);
        }
    }
}

/// The glyphs of each page (pdf-extract emits them page by page).
#[cfg(test)]
fn page_ranges(glyphs: &[Glyph]) -> HashMap<u32, Range<usize>> {
    let mut out: HashMap<u32, Range<usize>> = HashMap::new();
    for (k, g) in glyphs.iter().enumerate() {
        out.entry(g.page)
            .and_modify(|r| r.end = k + 1)
            .or_insert(k..k + 1);
    }
    out
}

// ---------------------------------------------------------------------------
// Fonts

/// What pdf-extract's text for a font is worth without repair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Need {
    /// Decoded through `/ToUnicode` or a named encoding: as good as it gets.
    None,
    /// A CID font without `/ToUnicode`: pdf-extract returns nothing.
    Required,
    /// A simple TrueType font without `/ToUnicode` nor `/Encoding`: codes
    /// read as PDFDocEncoding, right only if the font happens to be ASCII.
    Suspect,
}

/// How pdf-extract splits a string into character codes.
#[derive(Debug, Clone)]
enum Codes {
    /// One byte per code.
    Simple,
    /// A CID font's CMap: code-space ranges `(width, start, end)` and CID
    /// ranges `(lo, hi, first CID)`.
    Cid {
        space: Vec<(u32, u32, u32)>,
        cids: Vec<(u32, u32, u32)>,
    },
}

#[derive(Debug)]
struct FontInfo<'a> {
    /// `/BaseFont` without its subset tag.
    name: String,
    legacy: Option<Legacy>,
    need: Need,
    codes: Option<Codes>,
    /// Code → text from the embedded font program, once tried.
    recovered: Option<Option<HashMap<u32, String>>>,
    /// The font dictionary, where the recovery looks.
    dict: &'a Dictionary,
}

impl FontInfo<'_> {
    /// Whether a page using only such fonts can be skipped.
    fn plain(&self) -> bool {
        self.legacy.is_none() && self.need == Need::None
    }
}

/// Every font dictionary met, described once.
struct Fonts<'a> {
    doc: &'a Document,
    by_id: HashMap<ObjectId, usize>,
    by_addr: HashMap<usize, usize>,
    info: Vec<FontInfo<'a>>,
}

impl<'a> Fonts<'a> {
    fn new(doc: &'a Document) -> Self {
        Fonts {
            doc,
            by_id: HashMap::new(),
            by_addr: HashMap::new(),
            info: Vec::new(),
        }
    }

    /// The index of the font an object (a reference or a dictionary) is.
    fn key(&mut self, obj: &'a Object) -> Option<usize> {
        match obj {
            Object::Reference(id) => {
                if let Some(&k) = self.by_id.get(id) {
                    return Some(k);
                }
                let dict = self.doc.get_object(*id).ok()?.as_dict().ok()?;
                let k = self.describe(dict);
                self.by_id.insert(*id, k);
                Some(k)
            }
            Object::Dictionary(dict) => {
                let addr = dict as *const Dictionary as usize;
                if let Some(&k) = self.by_addr.get(&addr) {
                    return Some(k);
                }
                let k = self.describe(dict);
                self.by_addr.insert(addr, k);
                Some(k)
            }
            _ => None,
        }
    }

    fn describe(&mut self, font: &'a Dictionary) -> usize {
        let doc = self.doc;
        let name = name_of(doc, font, b"BaseFont").unwrap_or_default();
        let name = strip_subset(&name).to_string();
        let subtype = name_of(doc, font, b"Subtype").unwrap_or_default();
        let has_map = font.get(b"ToUnicode").is_ok();
        let (codes, need) = if subtype == "Type0" {
            let need = if has_map { Need::None } else { Need::Required };
            (cid_codes(doc, font), need)
        } else {
            let suspect = !has_map
                && subtype == "TrueType"
                && font.get(b"Encoding").is_err()
                && font_file(doc, font).is_some();
            let need = if suspect { Need::Suspect } else { Need::None };
            (Some(Codes::Simple), need)
        };
        self.info.push(FontInfo {
            legacy: Legacy::from_font_name(&name),
            name,
            need,
            codes,
            recovered: None,
            dict: font,
        });
        self.info.len() - 1
    }

    /// The code → text map recovered from font `k`'s program (tried once).
    fn recovered(&mut self, k: usize) -> Option<&HashMap<u32, String>> {
        if self.info[k].recovered.is_none() {
            let dict = self.info[k].dict;
            let cid = matches!(self.info[k].codes, Some(Codes::Cid { .. }));
            self.info[k].recovered = Some(recover(self.doc, dict, cid));
        }
        self.info[k].recovered.as_ref().and_then(Option::as_ref)
    }
}

fn strip_subset(name: &str) -> &str {
    match name.split_once('+') {
        Some((tag, rest)) if tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()) => rest,
        _ => name,
    }
}

fn deref<'a>(doc: &'a Document, obj: &'a Object) -> Option<&'a Object> {
    match obj {
        Object::Reference(id) => doc.get_object(*id).ok(),
        _ => Some(obj),
    }
}

fn get<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    deref(doc, dict.get(key).ok()?)
}

fn get_dict<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
    get(doc, dict, key)?.as_dict().ok()
}

fn name_of(doc: &Document, dict: &Dictionary, key: &[u8]) -> Option<String> {
    let n = get(doc, dict, key)?.as_name().ok()?;
    Some(String::from_utf8_lossy(n).into_owned())
}

/// A CID font's code splitting, as pdf-extract's `PdfCIDFont` sets it up.
fn cid_codes(doc: &Document, font: &Dictionary) -> Option<Codes> {
    match get(doc, font, b"Encoding")? {
        Object::Name(n) if n == b"Identity-H" || n == b"Identity-V" => Some(Codes::Cid {
            space: vec![(2, 0, 0xffff)],
            cids: vec![(0, 0xffff, 0)],
        }),
        Object::Stream(s) => {
            let data = s
                .decompressed_content()
                .unwrap_or_else(|_| s.content.clone());
            let m = adobe_cmap_parser::get_byte_mapping(&data).ok()?;
            Some(Codes::Cid {
                space: m
                    .codespace
                    .iter()
                    .map(|r| (r.width, r.start, r.end))
                    .collect(),
                cids: m
                    .cid
                    .iter()
                    .map(|r| (r.src_code_lo, r.src_code_hi, r.dst_CID_lo))
                    .collect(),
            })
        }
        // pdf-extract gives up on other CMaps.
        _ => None,
    }
}

impl Codes {
    /// The codes of a shown string, as pdf-extract's `next_char` reads them.
    fn split(&self, s: &[u8], out: &mut impl FnMut(u32)) {
        match self {
            Codes::Simple => s.iter().for_each(|&b| out(u32::from(b))),
            Codes::Cid { space, cids } => {
                let mut it = s.iter();
                'codes: while let Some(&first) = it.next() {
                    let mut c = u32::from(first);
                    let mut code = None;
                    for width in 1..=4 {
                        if space
                            .iter()
                            .any(|&(w, lo, hi)| w == width && c >= lo && c <= hi)
                        {
                            code = Some(c);
                            break;
                        }
                        match it.next() {
                            Some(&b) => c = (c << 8) | u32::from(b),
                            None => break 'codes,
                        }
                    }
                    let Some(code) = code else { break };
                    match cids.iter().find(|&&(lo, hi, _)| code >= lo && code <= hi) {
                        Some(&(_, _, dst)) => out(code + dst),
                        None => break,
                    }
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Attribution: walking the content streams as pdf-extract does.

enum Attribution {
    /// Every font on the page is a plain Unicode font: nothing walked.
    Plain,
    /// Could not match pdf-extract's glyphs; the fonts needing repair.
    Failed(Vec<usize>),
    /// `(font, code)` of each glyph of the page, in order.
    Codes(Vec<(usize, u32)>),
}

fn resources_of<'a>(doc: &'a Document, page: &'a Dictionary) -> Option<&'a Dictionary> {
    let mut dict = page;
    for _ in 0..32 {
        if let Some(r) = get_dict(doc, dict, b"Resources") {
            return Some(r);
        }
        let parent = dict.get(b"Parent").ok()?.as_reference().ok()?;
        dict = doc.get_dictionary(parent).ok()?;
    }
    None
}

/// The fonts reachable from a resource dictionary, Form XObjects included.
fn reachable_fonts<'a>(
    fonts: &mut Fonts<'a>,
    resources: &'a Dictionary,
    depth: usize,
    out: &mut Vec<usize>,
) {
    let doc = fonts.doc;
    if let Some(dict) = get_dict(doc, resources, b"Font") {
        for (_, f) in dict.iter() {
            if let Some(k) = fonts.key(f) {
                if !out.contains(&k) {
                    out.push(k);
                }
            }
        }
    }
    if depth >= MAX_DEPTH {
        return;
    }
    if let Some(xobjects) = get_dict(doc, resources, b"XObject") {
        for (_, x) in xobjects.iter() {
            let Some(Ok(stream)) = deref(doc, x).map(Object::as_stream) else {
                continue;
            };
            if let Some(r) = get_dict(doc, &stream.dict, b"Resources") {
                if !std::ptr::eq(r, resources) {
                    reachable_fonts(fonts, r, depth + 1, out);
                }
            }
        }
    }
}

fn attribute_page<'a>(
    doc: &'a Document,
    lazy: &PageStreams,
    fonts: &mut Fonts<'a>,
    page_id: ObjectId,
    expected: usize,
) -> Attribution {
    let Some(page) = doc.get_dictionary(page_id).ok() else {
        return Attribution::Plain;
    };
    let Some(resources) = resources_of(doc, page) else {
        return Attribution::Plain;
    };
    let mut used = Vec::new();
    reachable_fonts(fonts, resources, 0, &mut used);
    let suspects: Vec<usize> = used
        .into_iter()
        .filter(|&k| !fonts.info[k].plain())
        .collect();
    if suspects.is_empty() {
        return Attribution::Plain;
    }
    let content = crate::paint::page_content(doc, lazy, page_id);
    let mut walker = Walker {
        fonts,
        names: HashMap::new(),
        out: Vec::with_capacity(expected),
    };
    match walker.walk(&content, resources, 0) {
        Some(()) if walker.out.len() == expected => Attribution::Codes(walker.out),
        _ => Attribution::Failed(suspects),
    }
}

/// Walks content streams the way pdf-extract's `process_stream` does.
struct Walker<'f, 'a> {
    fonts: &'f mut Fonts<'a>,
    /// pdf-extract's per-page font table: a resource name resolves once per
    /// page, even inside a Form XObject with resources of its own.
    names: HashMap<Vec<u8>, usize>,
    out: Vec<(usize, u32)>,
}

impl<'a> Walker<'_, 'a> {
    /// `None` where pdf-extract would have failed or where the walk cannot
    /// follow it.
    fn walk(&mut self, content: &[u8], resources: &'a Dictionary, depth: usize) -> Option<()> {
        let doc = self.fonts.doc;
        let content = Content::decode(content).ok()?;
        let mut font: Option<usize> = None;
        let mut stack: Vec<Option<usize>> = Vec::new();
        for op in &content.operations {
            match op.operator.as_str() {
                "Tf" => {
                    let name = op.operands.first()?.as_name().ok()?;
                    let k = match self.names.get(name) {
                        Some(&k) => k,
                        None => {
                            let dict = get_dict(doc, resources, b"Font")?;
                            let k = self.fonts.key(dict.get(name).ok()?)?;
                            self.names.insert(name.to_vec(), k);
                            k
                        }
                    };
                    font = Some(k);
                }
                "Tj" => {
                    if let Some(Object::String(s, _)) = op.operands.first() {
                        self.show(font?, s)?;
                    } else {
                        return None;
                    }
                }
                "TJ" => {
                    if let Some(Object::Array(items)) = op.operands.first() {
                        for item in items {
                            if let Object::String(s, _) = item {
                                self.show(font?, s)?;
                            }
                        }
                    }
                }
                // pdf-extract shows nothing for `'` and `"`: neither do we,
                // so that the counts agree.
                "q" => stack.push(font),
                "Q" => {
                    if let Some(f) = stack.pop() {
                        font = f;
                    }
                }
                "Do" => {
                    let name = op.operands.first()?.as_name().ok()?;
                    let xobjects = get_dict(doc, resources, b"XObject")?;
                    let stream = get(doc, xobjects, name)?.as_stream().ok()?;
                    if name_of(doc, &stream.dict, b"Subtype").as_deref() != Some("Form") {
                        // An image: pdf-extract shows no text from it.
                        continue;
                    }
                    if depth >= MAX_DEPTH {
                        return None;
                    }
                    let inner = get(doc, &stream.dict, b"Resources")
                        .and_then(|r| r.as_dict().ok())
                        .unwrap_or(resources);
                    let data = stream
                        .decompressed_content()
                        .unwrap_or_else(|_| stream.content.clone());
                    self.walk(&data, inner, depth + 1)?;
                }
                _ => {}
            }
        }
        Some(())
    }

    fn show(&mut self, font: usize, s: &[u8]) -> Option<()> {
        let codes = self.fonts.info[font].codes.clone()?;
        let out = &mut self.out;
        codes.split(s, &mut |c| out.push((font, c)));
        Some(())
    }
}

// ---------------------------------------------------------------------------
// Repair

fn repair_page(
    fonts: &mut Fonts<'_>,
    glyphs: &mut [Glyph],
    codes: &[(usize, u32)],
    notes: &mut Notes,
) -> Result<(), PdfError> {
    // Text from the font program where pdf-extract had none that is usable.
    let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
    for &(f, _) in codes {
        if fonts.info[f].need != Need::None {
            *counts.entry(f).or_default() += 1;
        }
    }
    for (&f, &n) in &counts {
        let need = fonts.info[f].need;
        let name = fonts.info[f].name.clone();
        let map = fonts.recovered(f);
        let covered = map.map_or(0, |m| {
            codes
                .iter()
                .filter(|&&(g, c)| g == f && m.contains_key(&c))
                .count()
        });
        if (covered as f64) < MIN_COVERAGE * n as f64 {
            match need {
                Need::Required => return Err(unreadable(&name)),
                // pdf-extract's reading stands if it reads as Vietnamese.
                _ => {
                    let bad = font_looks_foreign(glyphs, codes, f);
                    if bad {
                        return Err(unreadable(&name));
                    }
                    continue;
                }
            }
        }
        let Some(map) = map else { continue };
        for (g, &(h, c)) in glyphs.iter_mut().zip(codes) {
            if h == f {
                g.text = map.get(&c).cloned().unwrap_or_default();
            }
        }
        notes.add(format!(
            "font {name}: text recovered from the embedded font's cmap"
        ));
    }

    // Legacy encodings, run by run.
    let mut k = 0;
    while k < glyphs.len() {
        let f = codes[k].0;
        let Some(enc) = fonts.info[f].legacy else {
            k += 1;
            continue;
        };
        let mut end = k;
        while end < glyphs.len() && codes[end].0 == f {
            end += 1;
        }
        convert_run(&mut glyphs[k..end], enc);
        let label = match enc {
            Legacy::Tcvn3 | Legacy::Tcvn3Upper => "TCVN3 (ABC)",
            Legacy::Vni => "VNI",
        };
        notes.add(format!(
            "font {}: {label} text converted to Unicode",
            fonts.info[f].name
        ));
        k = end;
    }
    Ok(())
}

/// Converts a run of glyphs of one legacy font. A glyph whose text merges
/// with the next one's (VNI: base letter + mark byte) takes the letter, the
/// next one an empty text.
fn convert_run(glyphs: &mut [Glyph], enc: Legacy) {
    let texts: Vec<String> = glyphs
        .iter_mut()
        .map(|g| std::mem::take(&mut g.text))
        .collect();
    let single: Vec<String> = texts.iter().map(|t| legacy::convert(t, enc)).collect();
    let mut k = 0;
    while k < glyphs.len() {
        if k + 1 < glyphs.len() && !texts[k].is_empty() && !texts[k + 1].is_empty() {
            let pair = legacy::convert(&format!("{}{}", texts[k], texts[k + 1]), enc);
            if pair != format!("{}{}", single[k], single[k + 1]) {
                glyphs[k].text = pair;
                // The letter covers both boxes.
                glyphs[k].x1 = glyphs[k].x1.max(glyphs[k + 1].x1);
                k += 2;
                continue;
            }
        }
        glyphs[k].text = single[k].clone();
        k += 1;
    }
}

/// Whether a font's glyph texts on this page read as something other than
/// Vietnamese.
fn font_looks_foreign(glyphs: &[Glyph], codes: &[(usize, u32)], f: usize) -> bool {
    let mut score = Score::default();
    for (g, &(h, _)) in glyphs.iter().zip(codes) {
        if h == f {
            score.add(&g.text);
        }
    }
    score.total >= 10 && score.foreign()
}

// ---------------------------------------------------------------------------
// Recovery from the embedded TrueType

/// The embedded TrueType program of a simple font or of a Type0 font's
/// descendant.
fn font_file(doc: &Document, font: &Dictionary) -> Option<Vec<u8>> {
    let desc = get_dict(doc, font, b"FontDescriptor")?;
    let stream = get(doc, desc, b"FontFile2")?.as_stream().ok()?;
    stream
        .decompressed_content()
        .ok()
        .or_else(|| Some(stream.content.clone()))
}

/// Code → text for a font without `/ToUnicode`, from the embedded font's
/// Unicode cmap inverted (glyph id → Unicode), or `None`.
fn recover(doc: &Document, font: &Dictionary, cid: bool) -> Option<HashMap<u32, String>> {
    let (data, cid_to_gid) = if cid {
        let desc = get(doc, font, b"DescendantFonts")?.as_array().ok()?;
        let cidfont = deref(doc, desc.first()?)?.as_dict().ok()?;
        let data = font_file(doc, cidfont)?;
        let map = match get(doc, cidfont, b"CIDToGIDMap") {
            Some(Object::Stream(s)) => {
                let b = s.decompressed_content().ok()?;
                Some(
                    b.chunks_exact(2)
                        .map(|p| u16::from_be_bytes([p[0], p[1]]))
                        .collect::<Vec<u16>>(),
                )
            }
            _ => None, // Identity, or absent (identity for CIDFontType2)
        };
        (data, map)
    } else {
        (font_file(doc, font)?, None)
    };
    let face = ttf_parser::Face::parse(&data, 0).ok()?;
    let cmap = face.tables().cmap?;

    // Glyph id → Unicode, from every Unicode subtable.
    let mut unicode: HashMap<u16, char> = HashMap::new();
    for sub in cmap.subtables {
        if !sub.is_unicode() {
            continue;
        }
        sub.codepoints(|cp| {
            let (Some(g), Some(ch)) = (sub.glyph_index(cp), char::from_u32(cp)) else {
                return;
            };
            if ch.is_control() || ('\u{e000}'..='\u{f8ff}').contains(&ch) {
                return;
            }
            unicode
                .entry(g.0)
                .and_modify(|c| {
                    if ch < *c {
                        *c = ch
                    }
                })
                .or_insert(ch);
        });
    }
    if unicode.is_empty() {
        return None;
    }

    let mut out = HashMap::new();
    if cid {
        let n = u32::from(face.number_of_glyphs());
        for cid in 0..n.max(cid_to_gid.as_ref().map_or(0, |m| m.len() as u32)) {
            let gid = match &cid_to_gid {
                Some(m) => *m.get(cid as usize)?,
                None => cid as u16,
            };
            if let Some(&ch) = unicode.get(&gid) {
                out.insert(cid, ch.to_string());
            }
        }
    } else {
        // Simple TrueType: code → glyph id through the symbolic (3,0) or
        // Macintosh (1,0) subtable, as viewers draw it.
        let symbolic: Vec<_> = cmap
            .subtables
            .into_iter()
            .filter(|s| {
                matches!(
                    (s.platform_id, s.encoding_id),
                    (ttf_parser::PlatformId::Windows, 0) | (ttf_parser::PlatformId::Macintosh, 0)
                )
            })
            .collect();
        for code in 0u32..256 {
            let gid = symbolic
                .iter()
                .find_map(|s| s.glyph_index(code).or_else(|| s.glyph_index(0xf000 | code)));
            if let Some(&ch) = gid.and_then(|g| unicode.get(&g.0)) {
                out.insert(code, ch.to_string());
            }
        }
    }
    (!out.is_empty()).then_some(out)
}

// ---------------------------------------------------------------------------
// Script check

/// Letters that are Vietnamese Latin against those that are not.
#[derive(Default)]
struct Score {
    total: usize,
    foreign: usize,
}

impl Score {
    fn add(&mut self, text: &str) -> usize {
        let mut bad = 0;
        for c in text.chars() {
            // Most letters: each is a letter or a mark, none is white,
            // control or private, so it counts and is not foreign (what the
            // tests below give it, without their Unicode table lookups).
            if is_vietnamese_latin(c) {
                self.total += 1;
                continue;
            }
            if c.is_whitespace() {
                continue;
            }
            let foreign = if c.is_control() || c == '\u{fffd}' || is_private(c) {
                true
            } else if c.is_alphabetic() || is_mark(c) {
                !is_vietnamese_latin(c)
            } else {
                continue;
            };
            self.total += 1;
            if foreign {
                self.foreign += 1;
                bad += 1;
            }
        }
        bad
    }

    fn foreign(&self) -> bool {
        self.foreign as f64 > MAX_FOREIGN * self.total as f64
    }
}

fn is_private(c: char) -> bool {
    ('\u{e000}'..='\u{f8ff}').contains(&c)
}

fn is_mark(c: char) -> bool {
    ('\u{0300}'..='\u{036f}').contains(&c)
}

/// ASCII letters, the Vietnamese letters of Latin-1 and Latin Extended-A,
/// ơ ư, the precomposed letters U+1EA0–U+1EF9 and the combining marks.
pub(crate) fn is_vietnamese_latin(c: char) -> bool {
    c.is_ascii_alphabetic()
        || matches!(
            c,
            'à' | 'á'
                | 'â'
                | 'ã'
                | 'è'
                | 'é'
                | 'ê'
                | 'ì'
                | 'í'
                | 'ò'
                | 'ó'
                | 'ô'
                | 'õ'
                | 'ù'
                | 'ú'
                | 'ý'
                | 'À'
                | 'Á'
                | 'Â'
                | 'Ã'
                | 'È'
                | 'É'
                | 'Ê'
                | 'Ì'
                | 'Í'
                | 'Ò'
                | 'Ó'
                | 'Ô'
                | 'Õ'
                | 'Ù'
                | 'Ú'
                | 'Ý'
                | 'ă'
                | 'Ă'
                | 'đ'
                | 'Đ'
                | 'ĩ'
                | 'Ĩ'
                | 'ũ'
                | 'Ũ'
                | 'ơ'
                | 'Ơ'
                | 'ư'
                | 'Ư'
        )
        || ('\u{1ea0}'..='\u{1ef9}').contains(&c)
        || is_mark(c)
}

/// Fails a page whose letters are mostly not Vietnamese Latin, naming the
/// fonts they came from when the page was attributed.
fn check_script(
    glyphs: &[Glyph],
    codes: Option<&[(usize, u32)]>,
    fonts: &Fonts<'_>,
) -> Result<(), PdfError> {
    let mut score = Score::default();
    let mut by_font: BTreeMap<usize, usize> = BTreeMap::new();
    for (k, g) in glyphs.iter().enumerate() {
        let bad = score.add(&g.text);
        if bad > 0 {
            if let Some(codes) = codes {
                *by_font.entry(codes[k].0).or_default() += bad;
            }
        }
    }
    if score.total < MIN_LETTERS || !score.foreign() {
        return Ok(());
    }
    let mut named: Vec<(usize, usize)> = by_font.into_iter().collect();
    named.sort_by_key(|&(_, bad)| std::cmp::Reverse(bad));
    let mut names: Vec<&str> = Vec::new();
    for (f, _) in named {
        let n = fonts.info[f].name.as_str();
        if !names.contains(&n) {
            names.push(n);
        }
    }
    Err(unreadable(&if names.is_empty() {
        "unknown font".to_string()
    } else {
        names.join(", ")
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use pdf_extract::{Dictionary, Object, Stream};

    /// The fast path of `Score::add` and the `matches!` of
    /// `is_vietnamese_latin` give what the plain tests gave, on every
    /// character up to U+3000 and a few beyond.
    #[test]
    fn script_score_counts_as_the_plain_tests() {
        let old_latin = |c: char| {
            c.is_ascii_alphabetic()
                || "àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝăĂđĐĩĨũŨơƠưƯ".contains(c)
                || ('\u{1ea0}'..='\u{1ef9}').contains(&c)
                || is_mark(c)
        };
        let old_add = |text: &str| {
            let (mut total, mut foreign) = (0, 0);
            for c in text.chars() {
                if c.is_whitespace() {
                    continue;
                }
                let f = if c.is_control() || c == '\u{fffd}' || is_private(c) {
                    true
                } else if c.is_alphabetic() || is_mark(c) {
                    !old_latin(c)
                } else {
                    continue;
                };
                total += 1;
                foreign += usize::from(f);
            }
            (total, foreign)
        };
        let chars = (0..=0x3000u32)
            .chain([0xe000, 0xf8ff, 0xfffd, 0x1_0000, 0x1_d400])
            .filter_map(char::from_u32);
        for c in chars {
            assert_eq!(is_vietnamese_latin(c), old_latin(c), "{c:?}");
            let mut score = Score::default();
            let bad = score.add(&c.to_string());
            let (total, foreign) = old_add(&c.to_string());
            assert_eq!(
                (score.total, score.foreign, bad),
                (total, foreign, foreign),
                "{c:?}"
            );
        }
    }

    fn name(s: &str) -> Object {
        Object::Name(s.as_bytes().to_vec())
    }

    fn simple_font(doc: &mut Document, base: &str) -> Object {
        let mut d = Dictionary::new();
        d.set("Type", name("Font"));
        d.set("Subtype", name("TrueType"));
        d.set("BaseFont", name(base));
        d.set("ToUnicode", Object::Null);
        Object::Reference(doc.add_object(d))
    }

    fn cid_font(doc: &mut Document, base: &str) -> Object {
        let mut d = Dictionary::new();
        d.set("Type", name("Font"));
        d.set("Subtype", name("Type0"));
        d.set("BaseFont", name(base));
        d.set("Encoding", name("Identity-H"));
        Object::Reference(doc.add_object(d))
    }

    /// A page showing text in a legacy simple font, a CID font without a
    /// map (so the page is walked), and a Form XObject with its own fonts.
    fn sample() -> (Document, ObjectId) {
        let mut doc = Document::with_version("1.5");
        let vn = simple_font(&mut doc, "ABCDEF+.VnTime");
        let cid = cid_font(&mut doc, "GHIJKL+SomeCID");
        let other = simple_font(&mut doc, "VNI-Times");
        let mut form_fonts = Dictionary::new();
        // `/F1` in the form is another font, but pdf-extract's per-page font
        // table already holds the page's `/F1`: the walk must agree.
        form_fonts.set("F1", other.clone());
        form_fonts.set("F3", other);
        let mut form_res = Dictionary::new();
        form_res.set("Font", Object::Dictionary(form_fonts));
        let mut form_dict = Dictionary::new();
        form_dict.set("Type", name("XObject"));
        form_dict.set("Subtype", name("Form"));
        form_dict.set("Resources", Object::Dictionary(form_res));
        let form = Stream::new(
            form_dict,
            b"BT /F1 9 Tf (p) Tj /F3 9 Tf (qr) Tj ET".to_vec(),
        );
        let form = doc.add_object(form);
        let mut fonts = Dictionary::new();
        fonts.set("F1", vn);
        fonts.set("F2", cid);
        let mut xobjects = Dictionary::new();
        xobjects.set("X1", Object::Reference(form));
        let mut res = Dictionary::new();
        res.set("Font", Object::Dictionary(fonts));
        res.set("XObject", Object::Dictionary(xobjects));
        let content = b"BT /F1 12 Tf (ab) Tj q /F2 12 Tf [<00010002> -120 <0003>] TJ Q (c) Tj \
                        (ignored) ' 1 2 (ignored too) \" ET /X1 Do BT (d) Tj ET"
            .to_vec();
        let content = doc.add_object(Stream::new(Dictionary::new(), content));
        let pages_id = doc.new_object_id();
        let mut page = Dictionary::new();
        page.set("Type", name("Page"));
        page.set("Parent", Object::Reference(pages_id));
        page.set("Resources", Object::Dictionary(res));
        page.set("Contents", Object::Reference(content));
        let page_id = doc.add_object(page);
        let mut pages = Dictionary::new();
        pages.set("Type", name("Pages"));
        pages.set("Kids", Object::Array(vec![Object::Reference(page_id)]));
        pages.set("Count", Object::Integer(1));
        doc.objects.insert(pages_id, Object::Dictionary(pages));
        let mut catalog = Dictionary::new();
        catalog.set("Type", name("Catalog"));
        catalog.set("Pages", Object::Reference(pages_id));
        let cat = doc.add_object(catalog);
        doc.trailer.set("Root", Object::Reference(cat));
        (doc, page_id)
    }

    #[test]
    fn walk_follows_q_tj_arrays_and_forms_like_pdf_extract() {
        let (doc, page) = sample();
        let mut fonts = Fonts::new(&doc);
        let Attribution::Codes(codes) =
            attribute_page(&doc, &PageStreams::default(), &mut fonts, page, 10)
        else {
            panic!("not attributed");
        };
        let got: Vec<(String, u32)> = codes
            .iter()
            .map(|&(f, c)| (fonts.info[f].name.clone(), c))
            .collect();
        let want: Vec<(String, u32)> = [
            (".VnTime", u32::from(b'a')),
            (".VnTime", u32::from(b'b')),
            ("SomeCID", 1),
            ("SomeCID", 2),
            ("SomeCID", 3),
            // Q restored the font of before q.
            (".VnTime", u32::from(b'c')),
            // The form: `/F1` is the page's (pdf-extract's font table),
            // `/F3` the form's own.
            (".VnTime", u32::from(b'p')),
            ("VNI-Times", u32::from(b'q')),
            ("VNI-Times", u32::from(b'r')),
            // After the form, the page's last font again.
            (".VnTime", u32::from(b'd')),
        ]
        .iter()
        .map(|&(n, c)| (n.to_string(), c))
        .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn count_mismatch_leaves_the_page_alone() {
        let (doc, page) = sample();
        let mut fonts = Fonts::new(&doc);
        assert!(matches!(
            attribute_page(&doc, &PageStreams::default(), &mut fonts, page, 9),
            Attribution::Failed(_)
        ));
    }

    #[test]
    fn cid_codes_follow_the_code_space() {
        let codes = Codes::Cid {
            space: vec![(1, 0, 0x7f), (2, 0x8000, 0xffff)],
            cids: vec![(0, 0x7f, 0), (0x8000, 0xffff, 0x100)],
        };
        let mut out = Vec::new();
        codes.split(&[0x41, 0x81, 0x02, 0x42], &mut |c| out.push(c));
        assert_eq!(out, vec![0x41, 0x8102 + 0x100, 0x42]);
        // A code cut short ends the string, as in pdf-extract.
        out.clear();
        codes.split(&[0x41, 0x81], &mut |c| out.push(c));
        assert_eq!(out, vec![0x41]);
    }

    fn glyph(text: &str, x0: f32) -> Glyph {
        Glyph {
            page: 1,
            x0,
            x1: x0 + 5.0,
            y: 100.0,
            size: 12.0,
            text: text.to_string(),
        }
    }

    #[test]
    fn vni_letter_and_mark_become_one_letter_and_an_empty_glyph() {
        // "Vieät" = V i e ä t: e + ä (circumflex + dot) is ệ.
        let mut gs: Vec<Glyph> = "Vieät"
            .chars()
            .enumerate()
            .map(|(k, c)| glyph(&c.to_string(), k as f32 * 5.0))
            .collect();
        convert_run(&mut gs, Legacy::Vni);
        let texts: Vec<&str> = gs.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(texts, vec!["V", "i", "ệ", "", "t"]);
        assert_eq!(gs[2].x1, gs[3].x1);
    }

    #[test]
    fn tcvn3_soft_hyphen_is_u_horn() {
        let mut gs: Vec<Glyph> = "ph\u{ad}êng"
            .chars()
            .enumerate()
            .map(|(k, c)| glyph(&c.to_string(), k as f32 * 5.0))
            .collect();
        convert_run(&mut gs, Legacy::Tcvn3);
        let text: String = gs.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(text, "phường");
    }

    #[test]
    fn script_check_fails_glyph_id_garbage() {
        let doc = Document::new();
        let fonts = Fonts::new(&doc);
        let garbage = "6Ӣ CÔNG 7+ѬѪ1* ѢӨѦ ѬѪӢ ѨѦѤ ѬѪ ӢӨ ѢѦ ѬѪӢӨѦѤ ѬѪӢ ѨѦѤ ѬѪӢӨ ѢѦѬ ѪӢӨ ѦѤѬ ѪӢӨѦ";
        let gs: Vec<Glyph> = vec![glyph(garbage, 0.0)];
        assert!(matches!(
            check_script(&gs, None, &fonts),
            Err(PdfError::UnreadableFont { font }) if font == "unknown font"
        ));
        let fine = "Cộng hoà xã hội chủ nghĩa Việt Nam, Độc lập - Tự do - Hạnh phúc. Kế hoạch";
        assert!(check_script(&[glyph(fine, 0.0)], None, &fonts).is_ok());
    }

    #[test]
    fn notes_name_the_legacy_fonts() {
        let bytes = include_bytes!("../../../fixtures/pdf/fonts/tcvn3.pdf");
        let doc = Document::load_mem(bytes).unwrap();
        let mut c = crate::glyphs::Collector::default();
        pdf_extract::output_doc(&doc, &mut c).unwrap();
        let notes = repair(&doc, &mut c.glyphs).unwrap();
        assert!(notes.contains(&"font .VnTime: TCVN3 (ABC) text converted to Unicode".into()));
        assert!(notes.contains(&"font .VnTimeH-Bold: TCVN3 (ABC) text converted to Unicode".into()));
        let bytes = include_bytes!("../../../fixtures/pdf/fonts/no_tounicode.pdf");
        let doc = Document::load_mem(bytes).unwrap();
        let mut c = crate::glyphs::Collector::default();
        pdf_extract::output_doc(&doc, &mut c).unwrap();
        let notes = repair(&doc, &mut c.glyphs).unwrap();
        assert!(notes.contains(
            &"font LiberationSerif: text recovered from the embedded font's cmap".into()
        ));
    }
}
