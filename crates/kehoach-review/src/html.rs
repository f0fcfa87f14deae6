//! Escaping for HTML text and attribute values.

/// `s` as HTML text: `&`, `<` and `>` escaped.
pub(crate) fn esc(s: &str) -> String {
    if !s.contains(['&', '<', '>', '"']) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// `s` as a double-quoted attribute value (the same escapes as text, the
/// quote included).
pub(crate) fn attr(s: &str) -> String {
    esc(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc("a < b && c > \"d\""),
            "a &lt; b &amp;&amp; c &gt; &quot;d&quot;"
        );
        assert_eq!(esc("Phòng Kinh tế"), "Phòng Kinh tế");
    }
}
