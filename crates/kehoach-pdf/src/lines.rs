//! Glyphs into lines of text: by baseline, then left to right.

use crate::glyphs::Glyph;

/// A line of text on one page, with its box (points, y down).
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    /// 1-based page.
    pub page: u32,
    /// Box: left, top, right, bottom.
    pub bbox: [f32; 4],
    /// The text, words separated by one space.
    pub text: String,
}

/// `x` as a key whose unsigned order is `f32::total_cmp`'s: the sign bit
/// flipped for a positive number, every bit for a negative one.
fn total_key(x: f32) -> u32 {
    let bits = x.to_bits();
    if bits >> 31 == 1 {
        !bits
    } else {
        bits | 1 << 31
    }
}

/// What a glyph's text is, for putting it in its line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// No text: merged into the glyph before it.
    Empty,
    /// Only white space.
    Blank,
    /// Only combining marks ([`is_mark`]).
    Mark,
    /// Anything else.
    Text,
}

impl Kind {
    fn of(s: &str) -> Kind {
        if s.is_empty() {
            Kind::Empty
        } else if s.chars().all(char::is_whitespace) {
            Kind::Blank
        } else if is_mark(s) {
            Kind::Mark
        } else {
            Kind::Text
        }
    }
}

/// Whether `s` is only combining marks (a tone mark drawn as its own glyph).
fn is_mark(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| matches!(c as u32, 0x0300..=0x036F | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF))
}

/// `glyphs` by baseline, then left edge, ties in the given order: the
/// order of a stable sort by `(y, x0)` under `total_cmp`, sorted on packed
/// keys. A subset of the result, kept in its order, is in that order too,
/// so [`lines_of_sorted`] reads a page's glyphs and any part of them
/// without sorting again.
pub(crate) fn by_position<'g>(glyphs: &[&'g Glyph]) -> Vec<&'g Glyph> {
    let mut keyed: Vec<(u64, u32)> = glyphs
        .iter()
        .enumerate()
        .map(|(i, g)| {
            (
                (u64::from(total_key(g.y)) << 32) | u64::from(total_key(g.x0)),
                i as u32,
            )
        })
        .collect();
    keyed.sort();
    keyed.into_iter().map(|(_, i)| glyphs[i as usize]).collect()
}

/// Lines of `order` (one page's glyphs, or some of them, in
/// [`by_position`]'s order), top to bottom. Glyphs whose baselines are
/// within a third of their size of each other share a line; within a line
/// a horizontal gap wider than `split_gap` font sizes starts a new line
/// (two blocks side by side).
pub(crate) fn lines_of_sorted(order: &[&Glyph], split_gap: f32) -> Vec<TextLine> {
    // Baseline clusters, each glyph with its kind (its text read once).
    let mut clusters: Vec<Vec<(&Glyph, Kind)>> = Vec::new();
    let mut base = f32::NEG_INFINITY;
    for &g in order {
        let tolerance = 0.35 * g.size.max(1.0);
        let k = Kind::of(&g.text);
        match clusters.last_mut() {
            Some(c) if (g.y - base).abs() <= tolerance => c.push((g, k)),
            _ => {
                base = g.y;
                clusters.push(vec![(g, k)]);
            }
        }
    }
    let mut out = Vec::new();
    for cluster in clusters {
        // Left to right; a tone mark drawn as its own glyph goes right after
        // the letter it sits on (the nearest letter by centre).
        let centre = |g: &Glyph| (g.x0 + g.x1) / 2.0;
        let key = |g: &Glyph, k: Kind| -> (f32, u8) {
            if k != Kind::Mark {
                return (g.x0, 0);
            }
            let c = centre(g);
            let host = cluster
                .iter()
                .filter(|(_, k)| *k == Kind::Text)
                .map(|(h, _)| h)
                .min_by(|a, b| (c - centre(a)).abs().total_cmp(&(c - centre(b)).abs()))
                .map_or(g.x0, |h| h.x0);
            (host, 1)
        };
        // Stable by the key: ties in baseline order, by index.
        let mut keyed: Vec<(u32, u8, u32)> = cluster
            .iter()
            .enumerate()
            .map(|(i, &(g, k))| {
                let (x, mark) = key(g, k);
                (total_key(x), mark, i as u32)
            })
            .collect();
        keyed.sort_unstable();
        let cluster: Vec<(&Glyph, Kind)> = keyed
            .into_iter()
            .map(|(_, _, i)| cluster[i as usize])
            .collect();
        let mut line: Option<TextLine> = None;
        let mut prev_x1 = f32::NEG_INFINITY;
        let mut pending_space = false;
        let mut space_mid = f32::INFINITY;
        for (g, kind) in cluster {
            let size = g.size.max(1.0);
            if kind == Kind::Empty {
                // Merged into the glyph before it (a VNI mark byte): no space.
                prev_x1 = prev_x1.max(g.x1);
                continue;
            }
            if kind == Kind::Blank {
                // A space drawn under a glyph (a blank of spaces that a
                // value was typed over) separates nothing: one covered by
                // the glyph before it, or by the one after it.
                if g.x1 > prev_x1 + 0.01 {
                    pending_space = true;
                    // The run's first space decides.
                    space_mid = space_mid.min((g.x0.max(prev_x1) + g.x1) / 2.0);
                }
                prev_x1 = prev_x1.max(g.x1);
                continue;
            }
            if pending_space && g.x0 < space_mid && kind != Kind::Mark {
                pending_space = false;
            }
            let gap = g.x0 - prev_x1;
            if let Some(l) = line.as_mut() {
                if gap > split_gap * size {
                    out.push(line.take().expect("line"));
                } else {
                    if (pending_space || gap > 0.18 * size) && kind != Kind::Mark {
                        l.text.push(' ');
                    }
                    l.text.push_str(&g.text);
                    l.bbox[0] = l.bbox[0].min(g.x0);
                    l.bbox[1] = l.bbox[1].min(g.y - 0.8 * size);
                    l.bbox[2] = l.bbox[2].max(g.x1);
                    l.bbox[3] = l.bbox[3].max(g.y + 0.2 * size);
                }
            }
            if line.is_none() {
                line = Some(TextLine {
                    page: g.page,
                    bbox: [g.x0, g.y - 0.8 * size, g.x1, g.y + 0.2 * size],
                    text: g.text.clone(),
                });
            }
            pending_space = false;
            space_mid = f32::INFINITY;
            if kind != Kind::Mark {
                prev_x1 = g.x1;
            }
        }
        out.extend(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glyphs::Glyph;

    /// The keys order as `total_cmp` does, on every kind of float.
    #[test]
    fn total_key_orders_as_total_cmp() {
        let xs = [
            f32::NEG_INFINITY,
            -f32::MAX,
            -1.5,
            -f32::MIN_POSITIVE,
            -1e-45,
            -0.0,
            0.0,
            1e-45,
            f32::MIN_POSITIVE,
            0.35,
            1.0,
            612.0,
            f32::MAX,
            f32::INFINITY,
            f32::NAN,
            -f32::NAN,
        ];
        for a in xs {
            for b in xs {
                assert_eq!(total_key(a).cmp(&total_key(b)), a.total_cmp(&b), "{a} {b}");
            }
        }
    }

    fn glyphs(parts: &[(&str, f32, f32)]) -> Vec<Glyph> {
        parts
            .iter()
            .map(|&(t, x0, x1)| Glyph {
                page: 1,
                x0,
                x1,
                y: 100.0,
                size: 13.0,
                text: t.to_string(),
            })
            .collect()
    }

    fn line(parts: &[(&str, f32, f32)]) -> String {
        let g = glyphs(parts);
        let refs: Vec<&Glyph> = g.iter().collect();
        let lines = lines_of_sorted(&by_position(&refs), 10.0);
        assert_eq!(lines.len(), 1);
        lines[0].text.clone()
    }

    /// A blank of spaces with a number typed over it (a form field drawn
    /// on the page): the spaces under the digits separate nothing, the
    /// one before them still does.
    #[test]
    fn spaces_under_glyphs_are_no_word_breaks() {
        let mut parts = vec![("S", 80.0, 87.0), ("ố", 87.0, 93.5), (":", 93.5, 97.0)];
        // Spaces from 97 to 139, 3.5 wide; digits 6.5 wide from 105.
        let spaces: Vec<(f32, f32)> = (0..12)
            .map(|i| (97.0 + 3.5 * i as f32, 100.5 + 3.5 * i as f32))
            .collect();
        for &(a, b) in &spaces {
            parts.push((" ", a, b));
        }
        for (i, d) in ["6", "5", "8", "2"].into_iter().enumerate() {
            parts.push((d, 105.0 + 6.5 * i as f32, 111.5 + 6.5 * i as f32));
        }
        parts.push(("/", 139.0, 142.5));
        parts.push(("K", 142.5, 151.0));
        assert_eq!(line(&parts), "Số: 6582 /K");
        // Ordinary spaces between words stay.
        assert_eq!(
            line(&[("a", 0.0, 6.0), (" ", 6.0, 9.0), ("b", 9.0, 15.0)]),
            "a b"
        );
    }
}
