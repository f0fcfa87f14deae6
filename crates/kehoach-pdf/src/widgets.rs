//! Form-field widgets drawn into their page, as a viewer shows them.
//!
//! Signing software fills a document's blanks (the number after `Số:`, the
//! day and month of the place-date line) with text drawn in a widget
//! annotation's appearance stream, not in the page's content. pdf-extract
//! reads only the page content: each visible widget's normal appearance is
//! appended to its page here, placed on the widget's rectangle as PDF
//! 32000-1 §12.5.5 says, so its text is read where it is seen. pdf-extract
//! draws a Form XObject without the transformation in force at its `Do`,
//! so the appearance's operators are copied into the page's content
//! (nested forms too, each under its own matrix), its fonts renamed into
//! the page's resources; images and shadings are left out.

use pdf_extract::content::{Content, Operation};
use pdf_extract::{Dictionary, Document, Object, ObjectId, Stream};

/// Nested appearance forms deeper than this are not followed (cycles).
const MAX_DEPTH: usize = 8;

/// Annotation flags that keep an annotation off the screen: Hidden, NoView.
const HIDDEN: i64 = 2 | 32;

/// Appends every visible widget's normal appearance to its page. Pages
/// without widgets are left as they are.
pub(crate) fn draw_widgets(doc: &mut Document) {
    let pages: Vec<ObjectId> = doc.get_pages().values().copied().collect();
    for page in pages {
        let draws = widget_draws(doc, page);
        if draws.is_empty() {
            continue;
        }
        add_draws(doc, page, &draws);
    }
}

/// One appearance to draw: its stream and the matrix that places it.
struct Draw {
    form: ObjectId,
    matrix: [f64; 6],
}

fn resolve<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Object> {
    match o {
        Object::Reference(id) => doc.get_object(*id).ok(),
        o => Some(o),
    }
}

fn numbers(doc: &Document, o: Option<&Object>) -> Option<Vec<f64>> {
    let arr = resolve(doc, o?)?.as_array().ok()?;
    arr.iter()
        .map(|x| match resolve(doc, x)? {
            Object::Integer(i) => Some(*i as f64),
            Object::Real(r) => Some(f64::from(*r)),
            _ => None,
        })
        .collect()
}

/// The page's visible widgets with a normal appearance stream.
fn widget_draws(doc: &Document, page: ObjectId) -> Vec<Draw> {
    let mut out = Vec::new();
    let Ok(page_dict) = doc.get_dictionary(page) else {
        return out;
    };
    let Some(annots) = page_dict
        .get(b"Annots")
        .ok()
        .and_then(|a| resolve(doc, a))
        .and_then(|a| a.as_array().ok())
    else {
        return out;
    };
    for a in annots {
        let Some(annot) = resolve(doc, a).and_then(|a| a.as_dict().ok()) else {
            continue;
        };
        let is_widget = annot
            .get(b"Subtype")
            .ok()
            .and_then(|s| s.as_name().ok())
            .is_some_and(|s| s == b"Widget");
        let flags = annot
            .get(b"F")
            .ok()
            .and_then(|f| f.as_i64().ok())
            .unwrap_or(0);
        if !is_widget || flags & HIDDEN != 0 {
            continue;
        }
        // The normal appearance, when it is one stream (a field with
        // states, a check box, has a dictionary of them: not text).
        let Some(Object::Reference(form)) = annot
            .get(b"AP")
            .ok()
            .and_then(|ap| resolve(doc, ap))
            .and_then(|ap| ap.as_dict().ok())
            .and_then(|ap| ap.get(b"N").ok())
        else {
            continue;
        };
        let Ok(Object::Stream(stream)) = doc.get_object(*form) else {
            continue;
        };
        let Some(rect) = numbers(doc, annot.get(b"Rect").ok()) else {
            continue;
        };
        let Some(bbox) = numbers(doc, stream.dict.get(b"BBox").ok()) else {
            continue;
        };
        let m = numbers(doc, stream.dict.get(b"Matrix").ok())
            .filter(|m| m.len() == 6)
            .unwrap_or_else(|| vec![1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);
        if let Some(matrix) = placement(&rect, &bbox, &m) {
            out.push(Draw {
                form: *form,
                matrix,
            });
        }
    }
    out
}

/// The matrix that draws an appearance with bounding box `bbox` and
/// matrix `m` on the rectangle `rect`: `m`, then the map of the
/// transformed box onto the rectangle (PDF 32000-1 §12.5.5). pdf-extract
/// does not apply a form's own matrix, so it is part of the result.
fn placement(rect: &[f64], bbox: &[f64], m: &[f64]) -> Option<[f64; 6]> {
    if rect.len() != 4 || bbox.len() != 4 {
        return None;
    }
    let apply = |x: f64, y: f64| (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]);
    let corners = [
        apply(bbox[0], bbox[1]),
        apply(bbox[0], bbox[3]),
        apply(bbox[2], bbox[1]),
        apply(bbox[2], bbox[3]),
    ];
    let (tx1, tx2) = corners.iter().fold((f64::MAX, f64::MIN), |(lo, hi), c| {
        (lo.min(c.0), hi.max(c.0))
    });
    let (ty1, ty2) = corners.iter().fold((f64::MAX, f64::MIN), |(lo, hi), c| {
        (lo.min(c.1), hi.max(c.1))
    });
    let (rx1, rx2) = (rect[0].min(rect[2]), rect[0].max(rect[2]));
    let (ry1, ry2) = (rect[1].min(rect[3]), rect[1].max(rect[3]));
    let (w, h) = (tx2 - tx1, ty2 - ty1);
    if !(w > 0.0 && h > 0.0 && w.is_finite() && h.is_finite()) {
        return None;
    }
    let (sx, sy) = ((rx2 - rx1) / w, (ry2 - ry1) / h);
    let a = [sx, 0.0, 0.0, sy, rx1 - tx1 * sx, ry1 - ty1 * sy];
    // m × a, row vectors: [x y 1] m a.
    Some([
        m[0] * a[0] + m[1] * a[2],
        m[0] * a[1] + m[1] * a[3],
        m[2] * a[0] + m[3] * a[2],
        m[2] * a[1] + m[3] * a[3],
        m[4] * a[0] + m[5] * a[2] + a[4],
        m[4] * a[1] + m[5] * a[3] + a[5],
    ])
}

/// Copies the appearances' operators into a content stream appended to the
/// page, their fonts into a copy of the page's resources.
fn add_draws(doc: &mut Document, page: ObjectId, draws: &[Draw]) {
    // The page's resources, resolved through the page tree (inherited) and
    // copied: another page may share them.
    let mut resources = inherited_resources(doc, page).unwrap_or_default();
    let mut fonts = resources
        .get(b"Font")
        .ok()
        .and_then(|x| resolve(doc, x))
        .and_then(|x| x.as_dict().ok())
        .cloned()
        .unwrap_or_default();
    let mut ops = Vec::new();
    let mut renamed = 0;
    for d in draws {
        ops.push(Operation::new("q", vec![]));
        ops.push(Operation::new(
            "cm",
            d.matrix.iter().map(|&x| Object::Real(x as f32)).collect(),
        ));
        inline(doc, d.form, 0, &mut fonts, &mut renamed, &mut ops);
        ops.push(Operation::new("Q", vec![]));
    }
    if renamed == 0 {
        // No text in any appearance: nothing to read.
        return;
    }
    let Ok(bytes) = (Content { operations: ops }).encode() else {
        return;
    };
    resources.set("Font", Object::Dictionary(fonts));
    let stream = doc.add_object(Stream::new(Dictionary::new(), bytes));
    let Ok(page_dict) = doc.get_object_mut(page).and_then(Object::as_dict_mut) else {
        return;
    };
    let contents = match page_dict.get(b"Contents").ok().cloned() {
        Some(Object::Array(mut parts)) => {
            parts.push(Object::Reference(stream));
            Object::Array(parts)
        }
        Some(one) => Object::Array(vec![one, Object::Reference(stream)]),
        None => Object::Reference(stream),
    };
    page_dict.set("Contents", contents);
    page_dict.set("Resources", Object::Dictionary(resources));
}

/// Appends the operators of the Form XObject `form` to `ops`: a nested
/// form's under `q <its matrix> cm … Q`, each font set (`Tf`) renamed to a
/// new name added to `fonts`. Images, shadings, inline images and graphics
/// states are dropped (they draw no text). `renamed` counts the fonts.
fn inline(
    doc: &Document,
    form: ObjectId,
    depth: usize,
    fonts: &mut Dictionary,
    renamed: &mut usize,
    ops: &mut Vec<Operation>,
) {
    if depth > MAX_DEPTH {
        return;
    }
    let Ok(Object::Stream(stream)) = doc.get_object(form) else {
        return;
    };
    let bytes = stream
        .decompressed_content()
        .unwrap_or_else(|_| stream.content.clone());
    let Ok(content) = Content::decode(&bytes) else {
        return;
    };
    let res = stream
        .dict
        .get(b"Resources")
        .ok()
        .and_then(|r| resolve(doc, r))
        .and_then(|r| r.as_dict().ok());
    let sub = |key: &[u8], name: &[u8]| -> Option<Object> {
        let d = resolve(doc, res?.get(key).ok()?)?.as_dict().ok()?;
        d.get(name).ok().cloned()
    };
    for mut op in content.operations {
        match op.operator.as_str() {
            "Tf" => {
                let Some(font) = op
                    .operands
                    .first()
                    .and_then(|n| n.as_name().ok())
                    .and_then(|n| sub(b"Font", n))
                else {
                    continue;
                };
                let name = format!("KhWidgetF{}", *renamed);
                *renamed += 1;
                fonts.set(name.as_bytes().to_vec(), font);
                op.operands[0] = Object::Name(name.into_bytes());
                ops.push(op);
            }
            "Do" => {
                let Some(Object::Reference(id)) = op
                    .operands
                    .first()
                    .and_then(|n| n.as_name().ok())
                    .and_then(|n| sub(b"XObject", n))
                else {
                    continue;
                };
                let Ok(Object::Stream(x)) = doc.get_object(id) else {
                    continue;
                };
                let is_form = x
                    .dict
                    .get(b"Subtype")
                    .ok()
                    .and_then(|s| s.as_name().ok())
                    .is_some_and(|s| s == b"Form");
                if !is_form {
                    continue;
                }
                let m = numbers(doc, x.dict.get(b"Matrix").ok())
                    .filter(|m| m.len() == 6)
                    .unwrap_or_else(|| vec![1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);
                ops.push(Operation::new("q", vec![]));
                ops.push(Operation::new(
                    "cm",
                    m.iter().map(|&v| Object::Real(v as f32)).collect(),
                ));
                inline(doc, id, depth + 1, fonts, renamed, ops);
                ops.push(Operation::new("Q", vec![]));
            }
            "gs" | "sh" | "BI" | "ID" | "EI" => {}
            _ => ops.push(op),
        }
    }
}

/// The page's resource dictionary, looked up the page tree.
fn inherited_resources(doc: &Document, page: ObjectId) -> Option<Dictionary> {
    let mut node = doc.get_dictionary(page).ok()?;
    for _ in 0..32 {
        if let Some(r) = node
            .get(b"Resources")
            .ok()
            .and_then(|r| resolve(doc, r))
            .and_then(|r| r.as_dict().ok())
        {
            return Some(r.clone());
        }
        let parent = node.get(b"Parent").ok()?.as_reference().ok()?;
        node = doc.get_dictionary(parent).ok()?;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::placement;
    use pdf_extract::{Dictionary, Document, Object, Stream};

    fn name(s: &str) -> Object {
        Object::Name(s.as_bytes().to_vec())
    }

    fn nums(v: &[f32]) -> Object {
        Object::Array(v.iter().map(|&x| Object::Real(x)).collect())
    }

    /// A page printing `So: /KH` with the number typed into a signature
    /// widget over the blank (its appearance a form inside a form, as
    /// signing software draws it), and a hidden widget that is not shown.
    fn signed_page() -> Vec<u8> {
        let mut doc = Document::with_version("1.5");
        let mut font = Dictionary::new();
        font.set("Type", name("Font"));
        font.set("Subtype", name("Type1"));
        font.set("BaseFont", name("Helvetica"));
        let font = doc.add_object(font);
        let mut fonts = Dictionary::new();
        fonts.set("F1", Object::Reference(font));
        let mut inner_res = Dictionary::new();
        inner_res.set("Font", Object::Dictionary(fonts.clone()));
        let mut inner = Dictionary::new();
        inner.set("Type", name("XObject"));
        inner.set("Subtype", name("Form"));
        inner.set("BBox", nums(&[0.0, 0.0, 40.0, 20.0]));
        inner.set("Resources", Object::Dictionary(inner_res));
        let inner = doc.add_object(Stream::new(
            inner,
            b"BT /F1 12 Tf 2 5 Td (144) Tj ET".to_vec(),
        ));
        let mut outer_x = Dictionary::new();
        outer_x.set("FRM", Object::Reference(inner));
        let mut outer_res = Dictionary::new();
        outer_res.set("XObject", Object::Dictionary(outer_x));
        let mut outer = Dictionary::new();
        outer.set("Type", name("XObject"));
        outer.set("Subtype", name("Form"));
        outer.set("BBox", nums(&[0.0, 0.0, 40.0, 20.0]));
        outer.set("Resources", Object::Dictionary(outer_res));
        let outer = doc.add_object(Stream::new(outer, b"q 1 0 0 1 0 0 cm /FRM Do Q".to_vec()));
        let hidden_form = {
            let mut d = Dictionary::new();
            d.set("Type", name("XObject"));
            d.set("Subtype", name("Form"));
            d.set("BBox", nums(&[0.0, 0.0, 40.0, 20.0]));
            let mut r = Dictionary::new();
            r.set("Font", Object::Dictionary(fonts.clone()));
            d.set("Resources", Object::Dictionary(r));
            doc.add_object(Stream::new(d, b"BT /F1 12 Tf 2 5 Td (999) Tj ET".to_vec()))
        };
        let widget = |form, flags: i64, rect: &[f32]| {
            let mut ap = Dictionary::new();
            ap.set("N", Object::Reference(form));
            let mut w = Dictionary::new();
            w.set("Type", name("Annot"));
            w.set("Subtype", name("Widget"));
            w.set("FT", name("Sig"));
            w.set("F", Object::Integer(flags));
            w.set("Rect", nums(rect));
            w.set("AP", Object::Dictionary(ap));
            w
        };
        let shown = doc.add_object(widget(outer, 132, &[122.0, 695.0, 162.0, 715.0]));
        let hidden = doc.add_object(widget(hidden_form, 2, &[300.0, 695.0, 340.0, 715.0]));
        let mut res = Dictionary::new();
        res.set("Font", Object::Dictionary(fonts));
        let content = b"BT /F1 12 Tf 100 700 Td (So:) Tj 64 0 Td (/KH) Tj ET".to_vec();
        let content = doc.add_object(Stream::new(Dictionary::new(), content));
        let pages_id = doc.new_object_id();
        let mut page = Dictionary::new();
        page.set("Type", name("Page"));
        page.set("Parent", Object::Reference(pages_id));
        page.set("MediaBox", nums(&[0.0, 0.0, 595.0, 842.0]));
        page.set("Resources", Object::Dictionary(res));
        page.set("Contents", Object::Reference(content));
        page.set(
            "Annots",
            Object::Array(vec![Object::Reference(shown), Object::Reference(hidden)]),
        );
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
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).expect("save");
        bytes
    }

    #[test]
    fn widget_text_is_read_where_it_is_drawn() {
        let text = crate::read(&signed_page()).expect("read");
        let lines: Vec<&str> = text.text.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(lines, ["So: 144 /KH"]);
    }

    #[test]
    fn placement_maps_the_box_onto_the_rectangle() {
        // Identity matrix: scale the box to the rectangle, then move it.
        let m = placement(
            &[100.0, 700.0, 200.0, 720.0],
            &[0.0, 0.0, 50.0, 10.0],
            &[1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
        )
        .unwrap();
        assert_eq!(m, [2.0, 0.0, 0.0, 2.0, 100.0, 700.0]);
        // A box that does not start at the origin.
        let m = placement(
            &[10.0, 10.0, 20.0, 20.0],
            &[5.0, 5.0, 15.0, 15.0],
            &[1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
        )
        .unwrap();
        assert_eq!(m, [1.0, 0.0, 0.0, 1.0, 5.0, 5.0]);
        // An empty box is not drawn.
        assert!(placement(
            &[0.0, 0.0, 1.0, 1.0],
            &[0.0, 0.0, 0.0, 0.0],
            &[1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
        )
        .is_none());
    }
}
