//! Painting operators pdf-extract does not hand on.
//!
//! pdf-extract passes `f`/`F` fills and `S` strokes to its output device
//! but passes over `f*`, `B`, `B*`, `b`, `b*` and `s`, leaving their paths
//! to be painted by the next `f` or `S`, or dropped. Microsoft Word draws
//! every table border as a thin rectangle filled even-odd (`re f*`), so a
//! Word PDF showed no rules at all and its tables were rebuilt from
//! alignment, badly. Before reading, those operators are rewritten in the
//! page and form content streams to ones it hands on: `f*` -> `f`;
//! `B`, `B*`, `b`, `b*`, `s` -> `S` (a shape both filled and stroked is
//! still its outline, which is what a rule is). Only streams that hold one
//! of them are decoded and written again.

use crate::limits::PageStreams;
use pdf_extract::content::Content;
use pdf_extract::{Document, Object, ObjectId, Stream};

fn rewritten(op: &str) -> Option<&'static str> {
    match op {
        "f*" => Some("f"),
        "B" | "B*" | "b" | "b*" | "s" => Some("S"),
        _ => None,
    }
}

/// Whether `data` may hold one of the operators (a cheap test before
/// decoding: an operator stands between whitespace).
fn may_hold(data: &[u8]) -> bool {
    let end = |b: u8| b.is_ascii_whitespace() || b == b'*';
    let padded = data.iter().copied().chain([b' ']);
    let mut prev = (b' ', b' ');
    for b in padded {
        let (w0, w1) = prev;
        let hit = w0.is_ascii_whitespace()
            && ((w1 == b'f' && b == b'*') || (matches!(w1, b'B' | b'b' | b's') && end(b)));
        if hit {
            return true;
        }
        prev = (w1, b);
    }
    false
}

fn rewrite(doc: &mut Document, id: ObjectId) {
    if let Ok(Object::Stream(stream)) = doc.get_object_mut(id) {
        rewrite_stream(stream);
    }
}

fn rewrite_stream(stream: &mut Stream) {
    if !may_hold(&stream.content) {
        return;
    }
    let Ok(mut content) = Content::decode(&stream.content) else {
        return;
    };
    let mut changed = false;
    for op in &mut content.operations {
        if let Some(new) = rewritten(&op.operator) {
            op.operator = new.to_string();
            changed = true;
        }
    }
    if changed {
        if let Ok(data) = content.encode() {
            stream.set_content(data);
        }
    }
}

/// Rewrites the painting operators of every page's content streams and of
/// every form XObject. The streams must be decompressed already, but for
/// those left in `lazy`: [`page_content`] rewrites those as it reads them.
pub(crate) fn normalize(doc: &mut Document, lazy: &PageStreams) {
    let mut ids: Vec<ObjectId> = Vec::new();
    for page in doc.get_pages().into_values() {
        ids.extend(doc.get_page_contents(page));
    }
    for (id, obj) in &doc.objects {
        if let Object::Stream(s) = obj {
            let form = s
                .dict
                .get(b"Subtype")
                .and_then(|o| o.as_name())
                .is_ok_and(|n| n == b"Form");
            if form {
                ids.push(*id);
            }
        }
    }
    ids.sort();
    ids.dedup();
    for id in ids {
        if !lazy.contains(id) {
            rewrite(doc, id);
        }
    }
}

/// A page's content as pdf-extract reads it (its content streams decoded
/// and joined, each followed by a newline, as `Document::get_page_content`
/// does), its streams left in `lazy` decoded and rewritten by
/// [`normalize`]'s rules now, on a copy: the same bytes as when every
/// stream was decoded and rewritten up front.
pub(crate) fn page_content(doc: &Document, lazy: &PageStreams, page: ObjectId) -> Vec<u8> {
    let mut content = Vec::new();
    for id in doc.get_page_contents(page) {
        let Ok(stream) = doc.get_object(id).and_then(Object::as_stream) else {
            continue;
        };
        let copy;
        let stream = if lazy.contains(id) {
            let mut s = stream.clone();
            // What `limits::decode_streams` would have done (`decompress`,
            // whose decoding it may have kept), then `normalize`.
            match lazy.decoded(id) {
                Some(data) => s.set_plain_content(data.to_vec()),
                None => {
                    let _ = s.decompress();
                }
            }
            rewrite_stream(&mut s);
            copy = s;
            &copy
        } else {
            stream
        };
        if stream.is_compressed() {
            match stream.decompressed_content() {
                Ok(data) => content.extend_from_slice(&data),
                Err(_) => content.extend_from_slice(&stream.content),
            }
        } else {
            content.extend_from_slice(&stream.content);
        }
        content.push(b'\n');
    }
    content
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_painting_operators_are_candidates() {
        assert!(may_hold(b"0 0 10 0.7 re\nf*\n"));
        assert!(may_hold(b"q 1 0 0 1 0 0 cm 0 0 5 5 re B Q"));
        assert!(!may_hold(b"BT /F1 12 Tf (buffer) Tj ET"));
        // The plain fill, which pdf-extract hands on, is no candidate.
        assert!(!may_hold(b"0 0 10 10 re\nf\n0 0 1 1 re f"));
        assert!(may_hold(b"0 0 1 1 re s"));
        assert_eq!(rewritten("f*"), Some("f"));
        assert_eq!(rewritten("B*"), Some("S"));
        assert_eq!(rewritten("Tj"), None);
    }
}
