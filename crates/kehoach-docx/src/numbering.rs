//! Word's automatic numbering (`w:numPr` and the numbering part), rendered
//! into the text the way Word shows it: `1.`, `a)`, `I.`, `1.2.`, `-`.
//!
//! Counters are kept per abstract list, so that paragraphs of two list
//! instances of one abstract list count on together, as in Word; an
//! instance that overrides a level's start (`w:startOverride`, what Word's
//! "Restart at 1" writes) counts on its own from that start.

use crate::wordml::{attr, child, W};
use std::collections::HashMap;

/// How a level formats its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Decimal,
    DecimalZero,
    UpperRoman,
    LowerRoman,
    UpperLetter,
    LowerLetter,
    Bullet,
    None,
}

#[derive(Debug, Clone)]
struct Level {
    start: u32,
    format: Format,
    /// `%1.%2.`-style template.
    text: String,
    /// All numbers in decimal (`w:isLgl`).
    legal: bool,
    /// Label and text separated by nothing (`w:suff w:val="nothing"`).
    no_suffix: bool,
}

impl Default for Level {
    fn default() -> Level {
        Level {
            start: 1,
            format: Format::Decimal,
            text: String::new(),
            legal: false,
            no_suffix: false,
        }
    }
}

#[derive(Debug, Clone, Default)]
struct Instance {
    abstract_id: String,
    /// Per level: a start override, and a whole level given instead of the
    /// abstract list's.
    overrides: HashMap<usize, (Option<u32>, Option<Level>)>,
}

/// The numbering definitions of a document, and the counters of the
/// paragraphs read so far.
#[derive(Debug, Default)]
pub(crate) struct Numbering {
    abstracts: HashMap<String, Vec<Level>>,
    instances: HashMap<String, Instance>,
    counters: HashMap<String, [Option<u32>; 9]>,
}

fn level_of(node: roxmltree::Node) -> Level {
    let mut level = Level::default();
    for c in node
        .children()
        .filter(|c| c.tag_name().namespace() == Some(W))
    {
        let val = attr(c, "val");
        match c.tag_name().name() {
            "start" => level.start = val.and_then(|v| v.parse().ok()).unwrap_or(1),
            "numFmt" => {
                level.format = match val.unwrap_or("decimal") {
                    "decimalZero" => Format::DecimalZero,
                    "upperRoman" => Format::UpperRoman,
                    "lowerRoman" => Format::LowerRoman,
                    "upperLetter" => Format::UpperLetter,
                    "lowerLetter" => Format::LowerLetter,
                    "bullet" => Format::Bullet,
                    "none" => Format::None,
                    _ => Format::Decimal,
                }
            }
            "lvlText" => level.text = val.unwrap_or_default().to_string(),
            "isLgl" => level.legal = val.is_none_or(|v| v != "0" && v != "false"),
            "suff" => level.no_suffix = val == Some("nothing"),
            _ => {}
        }
    }
    level
}

fn ilvl(node: roxmltree::Node) -> Option<usize> {
    attr(node, "ilvl")
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|&l| l < 9)
}

impl Numbering {
    /// Reads the numbering part (`word/numbering.xml`).
    pub(crate) fn read(doc: &roxmltree::Document) -> Numbering {
        let mut n = Numbering::default();
        let root = doc.root_element();
        for el in root.children().filter(|c| c.is_element()) {
            match el.tag_name().name() {
                "abstractNum" => {
                    let Some(id) = attr(el, "abstractNumId") else {
                        continue;
                    };
                    let mut levels = vec![Level::default(); 9];
                    for lvl in el.children().filter(|c| c.tag_name().name() == "lvl") {
                        if let Some(l) = ilvl(lvl) {
                            levels[l] = level_of(lvl);
                        }
                    }
                    n.abstracts.insert(id.to_string(), levels);
                }
                "num" => {
                    let Some(id) = attr(el, "numId") else {
                        continue;
                    };
                    let abstract_id = child(el, "abstractNumId")
                        .and_then(|a| attr(a, "val"))
                        .unwrap_or_default()
                        .to_string();
                    let mut inst = Instance {
                        abstract_id,
                        overrides: HashMap::new(),
                    };
                    for o in el
                        .children()
                        .filter(|c| c.tag_name().name() == "lvlOverride")
                    {
                        let Some(l) = ilvl(o) else { continue };
                        let start = child(o, "startOverride")
                            .and_then(|s| attr(s, "val"))
                            .and_then(|v| v.parse().ok());
                        let level = child(o, "lvl").map(level_of);
                        inst.overrides.insert(l, (start, level));
                    }
                    n.instances.insert(id.to_string(), inst);
                }
                _ => {}
            }
        }
        n
    }

    /// The label of the next paragraph of list `num_id` at level `level`
    /// (counting it), with the separator that follows it; `None` for no
    /// numbering (`numId` 0, an unknown list, a level with no text).
    pub(crate) fn next_label(&mut self, num_id: &str, level: usize) -> Option<String> {
        let inst = self.instances.get(num_id)?;
        let base = self.abstracts.get(&inst.abstract_id)?;
        let level = level.min(8);
        let levels: Vec<Level> = (0..9)
            .map(|l| match inst.overrides.get(&l) {
                Some((_, Some(lv))) => lv.clone(),
                Some((Some(start), None)) => Level {
                    start: *start,
                    ..base[l].clone()
                },
                _ => base[l].clone(),
            })
            .collect();
        let own = inst
            .overrides
            .values()
            .any(|(s, l)| s.is_some() || l.is_some());
        let key = if own {
            format!("num:{num_id}")
        } else {
            format!("abs:{}", inst.abstract_id)
        };
        let counters = self.counters.entry(key).or_insert([None; 9]);
        counters[level] = Some(match counters[level] {
            Some(c) => c + 1,
            None => levels[level].start,
        });
        // A level restarts after any level above it.
        for deeper in counters.iter_mut().skip(level + 1) {
            *deeper = None;
        }
        let this = &levels[level];
        if this.format == Format::None && !this.text.contains('%') {
            return None;
        }
        let mut label = String::new();
        let mut chars = this.text.chars().peekable();
        while let Some(ch) = chars.next() {
            if ch == '%' {
                if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                    chars.next();
                    let l = (d as usize).saturating_sub(1).min(8);
                    let value = counters[l].unwrap_or(levels[l].start);
                    let format = if this.legal && l < level {
                        Format::Decimal
                    } else {
                        levels[l].format
                    };
                    label.push_str(&format_number(value, format));
                    continue;
                }
            }
            label.push(bullet_char(ch));
        }
        let label = label.trim().to_string();
        if label.is_empty() {
            return None;
        }
        Some(if this.no_suffix { label } else { label + " " })
    }
}

/// A bullet as printed: symbol fonts' private-use characters as the
/// bullets they show.
fn bullet_char(ch: char) -> char {
    match ch as u32 {
        0xF02D => '-',
        0xF0A7 | 0xF0A8 | 0xF06E => '▪',
        0xF000..=0xF0FF => '•',
        _ => ch,
    }
}

fn format_number(n: u32, f: Format) -> String {
    match f {
        Format::Decimal => n.to_string(),
        Format::DecimalZero => format!("{n:02}"),
        Format::UpperRoman => roman(n),
        Format::LowerRoman => roman(n).to_lowercase(),
        Format::UpperLetter => letters(n).to_uppercase(),
        Format::LowerLetter => letters(n),
        Format::Bullet | Format::None => String::new(),
    }
}

/// `n` in upper-case Roman numerals.
pub(crate) fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// Word's letter numbering: a … z, then aa … zz, aaa ….
pub(crate) fn letters(n: u32) -> String {
    if n == 0 {
        return String::new();
    }
    let ch = (b'a' + ((n - 1) % 26) as u8) as char;
    std::iter::repeat_n(ch, ((n - 1) / 26 + 1) as usize).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_format_as_word_prints_them() {
        assert_eq!(roman(14), "XIV");
        assert_eq!(letters(1), "a");
        assert_eq!(letters(27), "aa");
        assert_eq!(format_number(3, Format::DecimalZero), "03");
        assert_eq!(format_number(4, Format::LowerRoman), "iv");
    }

    const NUMBERING: &str = r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:abstractNum w:abstractNumId="0">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
    <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
    <w:lvl w:ilvl="3"><w:numFmt w:val="bullet"/><w:lvlText w:val="&#xF0B7;"/></w:lvl>
    <w:lvl w:ilvl="4"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:isLgl/><w:lvlText w:val="%1.%2.%5."/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>
  <w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="2"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
</w:numbering>"#;

    #[test]
    fn levels_count_restart_and_render() {
        let doc = roxmltree::Document::parse(NUMBERING).unwrap();
        let mut n = Numbering::read(&doc);
        let mut next = |id: &str, l: usize| n.next_label(id, l);
        assert_eq!(next("1", 0).as_deref(), Some("I. "));
        assert_eq!(next("1", 1).as_deref(), Some("1. "));
        assert_eq!(next("1", 2).as_deref(), Some("a) "));
        assert_eq!(next("1", 2).as_deref(), Some("b) "));
        assert_eq!(next("1", 3).as_deref(), Some("• "));
        assert_eq!(next("1", 1).as_deref(), Some("2. "));
        // A deeper level restarts under a new parent.
        assert_eq!(next("1", 2).as_deref(), Some("a) "));
        // Another instance of the same abstract list counts on.
        assert_eq!(next("2", 1).as_deref(), Some("3. "));
        // An instance with a start override counts on its own.
        assert_eq!(next("3", 2).as_deref(), Some("a) "));
        assert_eq!(next("1", 4).as_deref(), Some("1.3.1. "));
        assert_eq!(next("0", 0), None);
        assert_eq!(next("9", 0), None);
    }
}
