//! Regexes with a cheap-to-build form for Vietnamese text and the full
//! Unicode form for other text.
//!
//! Building a regex over Unicode's big classes (`\d`, `\p{L}`), the more
//! so under `(?i)`, costs a few milliseconds at start-up: most of a small
//! document's time. The letters and digits of Vietnamese text are Latin
//! letters (Basic Latin, Latin-1, Latin Extended-A/B and Latin Extended
//! Additional, U+0000–U+024F and U+1E00–U+1EFF) and ASCII digits, and on a
//! haystack holding no other letter or digit [`is_narrow`] the classes
//! narrowed to those blocks match exactly what the full ones do. A
//! [`Narrowed`] regex searches such a haystack with the narrow form and
//! any other with the full one, built only then: the matches are the same.

use std::sync::LazyLock;

use crate::lean::LeanRegex;

/// Whether `s` has no letter or digit outside the blocks above: no
/// alphabetic or numeric character (a superset of `\p{L}` and `\d`, and of
/// the case variants `(?i)` adds to them) at or above U+0250 but in
/// U+1E00–U+1EFF. Below U+0250 the only digits are ASCII.
pub fn is_narrow(s: &str) -> bool {
    s.is_ascii()
        || !s.chars().any(|c| {
            let u = c as u32;
            u >= 0x250 && !(0x1E00..=0x1EFF).contains(&u) && (c.is_alphabetic() || c.is_numeric())
        })
}

/// The narrow class of letters: `\p{L}` within the blocks above.
pub const LETTER: &str = r"\p{L}&&[\x00-\x{24F}\x{1E00}-\x{1EFF}]";

/// The narrow class of upper-case letters: `\p{Lu}` within the blocks above.
pub const UPPER: &str = r"\p{Lu}&&[\x00-\x{24F}\x{1E00}-\x{1EFF}]";

/// One regex in its two forms: `narrow` must match exactly as `full` does
/// on every haystack that [`is_narrow`] accepts. With `needs_digit`, the
/// pattern cannot match without a decimal digit (`\d`), and a haystack
/// with no numeric character is not searched: neither form is built.
/// The forms are [`LeanRegex`]es unless said otherwise (`R`): these are
/// the patterns that cost most to build.
pub struct Narrowed<R = LeanRegex> {
    /// The form for haystacks that [`is_narrow`] accepts.
    pub narrow: LazyLock<R>,
    /// The form for any other haystack: the pattern as written.
    pub full: LazyLock<R>,
    /// Whether a match needs a decimal digit.
    pub needs_digit: bool,
}

impl<R> Narrowed<R> {
    /// The form to search `haystack` with (and only it); `None` when the
    /// pattern cannot match there.
    pub fn for_haystack(&self, haystack: &str) -> Option<&R> {
        if self.needs_digit && !haystack.chars().any(char::is_numeric) {
            None
        } else if is_narrow(haystack) {
            Some(&self.narrow)
        } else {
            Some(&self.full)
        }
    }
}
