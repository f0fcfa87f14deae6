//! One agency cell → the bodies it names.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::LazyLock;

use kehoach_text::{fold, starts_upper};

use super::canon::{agency_key, expand, expand_token, may_have_spaced_dash};
use super::{org_word, OrgWord, Starts, RULES};
use crate::folds::{
    clean_cow, plain, push_raw_token, push_token, tokens_from, trimmed_len, Folded, FxHashSet,
    PhraseIndex, PrefixFolds,
};
use crate::words::{is_word_char, starts_proper, token_ends, MAX_PHRASE_BYTES, MAX_PHRASE_TOKENS};

/// One body named in an agency cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyRef {
    /// The body as printed: trimmed, whitespace collapsed, spelling, case and
    /// a trailing period kept (`"Thuế cơ sở 9 TP Hải Phòng."`).
    pub surface: String,
    /// The full name an elliptical surface stands for: `Some("Phòng Kinh
    /// tế")` for the bare `Kinh tế` of `Phòng VH-XH, Kinh tế`, built from the
    /// previous body's organisation word. `None` when the surface is complete.
    pub implied: Option<String>,
}

/// Folded names of known bodies (canonical and variants), for protecting
/// the commas and `và` inside them.
static KNOWN_FORMS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut forms: Vec<String> = RULES
        .known
        .iter()
        .flat_map(|k| k.forms.iter().cloned())
        .collect();
    forms.sort();
    forms.dedup();
    forms
});

/// [`KNOWN_FORMS`] by length, to look a folded prefix up among them.
static KNOWN_FORM_INDEX: LazyLock<PhraseIndex> =
    LazyLock::new(|| PhraseIndex::new(KNOWN_FORMS.iter().map(String::as_str)));

/// Identity keys of known bodies, for recognising an elliptical name.
static KNOWN_KEYS: LazyLock<BTreeSet<String>> = LazyLock::new(|| {
    RULES
        .known
        .iter()
        .flat_map(|k| std::iter::once(k.canonical.clone()).chain(k.forms.iter().cloned()))
        .map(|name| agency_key(&name, None))
        .collect()
});

/// Splits one agency cell (already joined from its wrapped lines) into the
/// bodies it names, each as printed. See [`split_agencies_detailed`].
pub fn split_agencies(cell: &str) -> Vec<String> {
    split_agencies_detailed(cell)
        .into_iter()
        .map(|b| b.surface)
        .collect()
}

/// Splits one agency cell into the bodies it names, with the implied full
/// name of an elliptical one.
///
/// - `;` and line breaks always separate bodies.
/// - `,` and ` và ` separate bodies only when what follows starts a new
///   one: an organisation word marked `starts_body` in
///   `rules/org_words.tsv` (`Sở`, `Phòng`, `Công an`, `Tổ` …), a collective
///   opener (`các`), or an abbreviation of such a body (`TTPVHCC`, `HĐND`).
/// - Inside a collective (`Các phòng, ban, đơn vị liên quan`) a generic noun
///   of `rules/collectives.tsv` followed by a lower-case word continues the
///   list instead (`ban`, `đơn vị`, `thôn`, `cơ quan chuyên môn`).
/// - A comma or `và` inside a name of `rules/known_bodies.tsv` never splits
///   (`Văn phòng HĐND và UBND xã`, `Bộ Văn hóa, Thể thao và Du lịch`), nor
///   one inside parentheses.
/// - A bare part after a body is a body of its own when the previous body's
///   organisation word plus the part is a known body (`Phòng VH-XH, Kinh tế`
///   → `Phòng VH-XH`, `Kinh tế` implied `Phòng Kinh tế`); this also works
///   across `;` (`Phòng VH-XH; Kinh tế`).
///
/// Never panics; an empty cell gives no bodies.
pub fn split_agencies_detailed(cell: &str) -> Vec<BodyRef> {
    let mut out = Vec::new();
    split_cell(cell, &mut |body| {
        out.push(BodyRef {
            surface: body.surface.to_string(),
            implied: body.implied,
        });
    });
    out
}

/// One body named in an agency cell, as [`split_cell`] gives it: a
/// [`BodyRef`] borrowed from the cell, with the folds made of its text on
/// the way.
pub(super) struct Body<'b> {
    /// See [`BodyRef::surface`].
    pub(super) surface: &'b str,
    /// See [`BodyRef::implied`].
    pub(super) implied: Option<String>,
    /// The folded part the surface is a range of (at that range), when it
    /// is one: [`Body::folds`] gives it, to read the surface's folds off.
    folds: Option<(&'b Folded<'b>, Range<usize>)>,
}

impl Body<'_> {
    /// The folded part the surface is a piece of, and where the surface
    /// starts in it: a piece of the surface is a piece of the part (see
    /// [`Folded::piece`]).
    pub(super) fn folds(&self) -> Option<(&Folded<'_>, usize)> {
        let (folded, range) = self.folds.as_ref()?;
        Some((*folded, range.start))
    }
}

/// [`split_agencies_detailed`], calling `each` with every body in order
/// instead of collecting them (so that the caller can use the folds the
/// split made, and needs no copy of a surface it has seen).
pub(super) fn split_cell(cell: &str, each: &mut dyn FnMut(Body<'_>)) {
    let mut last_org: Option<String> = None;
    let mut parts = cell
        .split([';', '\n', '\r'])
        .map(clean_cow)
        .filter(|part| !tidy_part(part, matches!(part, Cow::Borrowed(_))).is_empty())
        .peekable();
    while let Some(text) = parts.next() {
        let last = parts.peek().is_none();
        let points = split_points(&text);
        // The last part, with nothing to split and no body before it to
        // complete, is one body as printed (most cells are just that): no
        // need to fold it.
        if last && last_org.is_none() && points.is_empty() {
            each(Body {
                surface: &tidy_part(&text, matches!(text, Cow::Borrowed(_))),
                implied: None,
                folds: None,
            });
            break;
        }
        split_part(&Part::new(text), &points, last, &mut last_org, each);
    }
}

/// Trims separators and bullets around a body, keeping a trailing period.
/// Borrows from `s` when nothing needs normalising (see [`clean_cow`]).
fn tidy(s: &str) -> Cow<'_, str> {
    match clean_cow(s) {
        // A clean text cut where [`trim_body`] cuts it is clean too (no
        // space at its ends).
        Cow::Borrowed(s) => Cow::Borrowed(&s[trim_body(s)]),
        Cow::Owned(s) => Cow::Owned(clean_cow(&s[trim_body(&s)]).into_owned()),
    }
}

/// [`tidy`] of a part as [`clean_cow`] gave it: one it `borrowed` is clean
/// already, and need not be looked at again.
fn tidy_part(text: &str, borrowed: bool) -> Cow<'_, str> {
    if borrowed {
        Cow::Borrowed(&text[trim_body(text)])
    } else {
        tidy(text)
    }
}

/// What [`tidy`] keeps of a clean text, as a range of it: without the
/// separators and spaces around it, the bullets before it and a leading
/// `và`.
fn trim_body(s: &str) -> Range<usize> {
    let separator = |c: char| c.is_whitespace() || c == ',' || c == ';';
    let end = s.trim_end_matches(separator).len();
    let mut start = s.len() - s.trim_start_matches(separator).len();
    if start >= end {
        return end..end;
    }
    let body = &s[start..end];
    let unbulleted = body
        .trim_start_matches(['-', '+', '•', '*', '–', '—'])
        .trim_start();
    start += body.len() - unbulleted.len();
    if s[start..end].starts_with("và ") {
        start += "và ".len();
    }
    start..end
}

/// One `;`-separated part of a cell, clean, with the folds of its tokens
/// made once for every piece of it that the steps below look at.
struct Part<'a> {
    folded: Folded<'a>,
    /// The text is plain (see `folds.rs`) as well as clean, and so is every
    /// piece of it once its ends are trimmed (no double spaces, no other
    /// whitespace, characters that are NFC in any order): tidying a piece
    /// only trims it, and the piece shares the part's token folds.
    plain: bool,
    /// How the pieces looked at so far start, by range: the same piece is
    /// often looked at more than once (the part and the part tidied, what
    /// follows a separator and the same tidied).
    starts: RefCell<StartsCache>,
    /// Whether the text may have two abbreviations around a spaced dash
    /// (`VH - XH`): the one rewrite of [`expand`] that spans tokens (see
    /// [`may_have_spaced_dash`]; a piece of the text can only have fewer).
    spaced_dash: bool,
}

/// How the last few ranges of a part looked at start, kept in turn.
#[derive(Debug, Default)]
struct StartsCache {
    slots: [Option<(usize, usize, Starts)>; 8],
    next: usize,
}

impl StartsCache {
    fn get(&self, range: &Range<usize>) -> Option<Starts> {
        self.slots
            .iter()
            .flatten()
            .find(|(a, b, _)| *a == range.start && *b == range.end)
            .map(|(_, _, starts)| *starts)
    }

    fn put(&mut self, range: &Range<usize>, starts: Starts) {
        self.slots[self.next] = Some((range.start, range.end, starts));
        self.next = (self.next + 1) % self.slots.len();
    }
}

/// A piece of a part that a check looks at: a range of the part's text,
/// or a text of its own.
enum Piece {
    Range(Range<usize>),
    Own(String),
}

/// A text and how it starts (organisation word, opener, noun, known
/// name), for the checks that look at how a body starts.
struct Head<'a> {
    text: &'a str,
    starts: Starts,
}

impl<'a> Head<'a> {
    fn new(text: &'a str) -> Head<'a> {
        Head {
            text,
            starts: Starts::of(&PrefixFolds::new(text)),
        }
    }
}

impl<'a> Part<'a> {
    fn new(text: Cow<'a, str>) -> Part<'a> {
        let spaced_dash = may_have_spaced_dash(&text);
        let folded = Folded::new(text);
        Part {
            plain: folded.is_plain(),
            spaced_dash,
            folded,
            starts: RefCell::new(StartsCache::default()),
        }
    }

    fn text(&self) -> &str {
        self.folded.text()
    }

    /// [`tidy`] of the text in `range`.
    fn tidy(&self, range: Range<usize>) -> Piece {
        let text = &self.text()[range.clone()];
        if self.plain {
            let kept = trim_body(text);
            Piece::Range(range.start + kept.start..range.start + kept.end)
        } else {
            Piece::Own(tidy(text).into_owned())
        }
    }

    /// [`tidy`] of a piece.
    fn tidy_piece(&self, piece: &Piece) -> Piece {
        match piece {
            Piece::Range(range) => self.tidy(range.clone()),
            Piece::Own(text) => Piece::Own(tidy(text).into_owned()),
        }
    }

    fn text_of<'s>(&'s self, piece: &'s Piece) -> &'s str {
        match piece {
            Piece::Range(range) => &self.text()[range.clone()],
            Piece::Own(text) => text,
        }
    }

    /// The piece with its folded prefixes, taken from the part's token folds
    /// when it is a range of the part.
    fn head<'s>(&'s self, piece: &'s Piece) -> Head<'s> {
        match piece {
            Piece::Range(range) => {
                let known = self.starts.borrow().get(range);
                let starts = known.unwrap_or_else(|| {
                    let starts = Starts::of(&self.folded.prefixes_at(range.start, range.end));
                    self.starts.borrow_mut().put(range, starts);
                    starts
                });
                Head {
                    text: &self.text()[range.clone()],
                    starts,
                }
            }
            Piece::Own(text) => Head::new(text),
        }
    }
}

/// Where a comma or ` và ` may separate two bodies: (byte offset, length),
/// outside parentheses.
fn split_points(part: &str) -> Vec<(usize, usize)> {
    let mut points = Vec::new();
    let mut depth = 0i32;
    for (i, c) in part.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            ',' if depth <= 0 => points.push((i, 1)),
            ' ' if depth <= 0 && part[i..].starts_with(" và ") => points.push((i, " và ".len())),
            _ => {}
        }
    }
    points
}

/// The folded first words of known names (after expanding abbreviations):
/// a cheap filter before trying every known name at a position.
static KNOWN_FIRST_WORDS: LazyLock<FxHashSet<String>> = LazyLock::new(|| {
    KNOWN_FORMS
        .iter()
        .filter_map(|f| f.split([' ', ',']).next())
        .map(str::to_string)
        .collect()
});

/// Whether a known name may start with the token at `st` of the part.
fn may_start_known(part: &Part<'_>, st: usize) -> bool {
    let s = &part.text()[st..];
    let first = s.split_whitespace().next().unwrap_or("");
    // `expand` of one token is `expand_token` of it, cleaned (the regex of
    // `expand` needs a space); a token that expands to itself and is clean
    // already folds to its raw fold without the trailing punctuation, which
    // the part has made already when the token is one of its own.
    let unchanged = matches!(expand_token(first), Cow::Borrowed(e) if e == first);
    let own;
    let folded = match part.folded.token_fold_at(st) {
        Some(folded) if unchanged => folded,
        _ if unchanged && matches!(clean_cow(first), Cow::Borrowed(_)) => {
            let mut raw = String::with_capacity(first.len() + 4);
            push_token(&mut raw, first);
            raw.truncate(trimmed_len(&raw));
            own = raw;
            &own
        }
        _ => {
            own = fold(&expand(first));
            &own
        }
    };
    folded
        .split([' ', ','])
        .next()
        .is_some_and(|w| KNOWN_FIRST_WORDS.contains(w))
}

/// Appends to `acc` the raw folds of what the token at `start..end` of a
/// plain part expands to; false, appending nothing, if that is not plain.
fn push_expanded(part: &Part<'_>, acc: &mut String, start: usize, end: usize) -> bool {
    let token = &part.text()[start..end];
    let expanded = expand_token(token);
    if matches!(expanded, Cow::Borrowed(e) if e == token) {
        // The part has folded its own tokens already.
        if let Some(raw) = part.folded.raw_fold_of(start, end) {
            push_raw_token(acc, raw);
            return true;
        }
    }
    if !plain(&expanded) {
        return false;
    }
    for piece in expanded.split_whitespace() {
        push_token(acc, piece);
    }
    true
}

/// Whether some known name (folded) may be longer than `folded` and start
/// with it (see [`PhraseIndex::extends`]).
fn known_form_extends(folded: &str) -> bool {
    KNOWN_FORM_INDEX.extends(folded)
}

/// The byte length of the longest known name (folded, abbreviations
/// expanded) that the folded `all` starts with as whole words.
fn longest_known(all: &str) -> Option<usize> {
    let max = KNOWN_FORM_INDEX.max_len();
    let mut longest = None;
    let ends = all.char_indices().chain([(all.len(), ' ')]);
    for (end, next) in ends.take_while(|&(end, _)| end <= max) {
        if !is_word_char(next) && KNOWN_FORM_INDEX.contains(&all[..end]) {
            longest = Some(end);
        }
    }
    longest
}

/// [`longest_known`] of `fold(expand(head_of(text)))`, for the text of
/// `part` from `st`, folding and expanding only as far as a known name could
/// reach.
///
/// Without a spaced dash (the one rewrite of [`expand`] that spans tokens)
/// and with plain text, `expand` is token by token and so is the fold (see
/// `folds.rs`), so the folded expansion grows a token at a time. Once no
/// known name extends what is folded so far, the rest cannot change the
/// answer: every name that may match is then no longer than the folded
/// text, and what follows it is known to be a word boundary (a space, the
/// punctuation `fold` trims, or the end) — unless the text ends in `-` or
/// `/`, which glue the next token on, so one more token is read then.
fn longest_known_at(part: &Part<'_>, st: usize, acc: &mut String) -> Option<usize> {
    let text = &part.text()[st..];
    let whole = || longest_known(&fold(&expand(head_of(text))));
    if part.spaced_dash || !part.plain {
        return whole();
    }
    // The tokens of `head_of(text)`.
    let mut tokens = tokens_from(text, 0)
        .take(MAX_PHRASE_TOKENS)
        .take_while(|&(_, end)| end <= 2 * MAX_PHRASE_BYTES)
        .peekable();
    acc.clear();
    while let Some((start, end)) = tokens.next() {
        if !push_expanded(part, acc, st + start, st + end) {
            return whole();
        }
        let folded = &acc[..trimmed_len(acc)];
        let glues_next = folded.len() == acc.len() && acc.ends_with(['-', '/']);
        let may_grow = known_form_extends(folded) || (glues_next && tokens.peek().is_some());
        if !may_grow {
            break;
        }
    }
    longest_known(&acc[..trimmed_len(acc)])
}

/// The length of `fold(expand(text))` for `text` = the part from `st` to
/// `pos`: token by token, as in [`longest_known_at`], when the part allows.
fn expanded_fold_len(part: &Part<'_>, st: usize, pos: usize, acc: &mut String) -> usize {
    let text = &part.text()[st..pos];
    let whole = || fold(&expand(text)).len();
    if part.spaced_dash || !part.plain {
        return whole();
    }
    acc.clear();
    for (start, end) in tokens_from(text, 0) {
        if !push_expanded(part, acc, st + start, st + end) {
            return whole();
        }
    }
    trimmed_len(acc)
}

/// Per position of one part, the length of the longest known name that
/// starts there (see [`longest_known_at`]), or `None` when no known name
/// may start there ([`may_start_known`]): it does not depend on the
/// separator tried, so [`protected`] works it out once per position.
struct KnownStarts<'p, 'a> {
    part: &'p Part<'a>,
    seen: Vec<(usize, Option<usize>)>,
    /// Room to fold expansions in.
    buf: String,
}

impl<'p, 'a> KnownStarts<'p, 'a> {
    fn new(part: &'p Part<'a>) -> KnownStarts<'p, 'a> {
        KnownStarts {
            part,
            seen: Vec::new(),
            buf: String::new(),
        }
    }

    fn longest_at(&mut self, st: usize) -> Option<usize> {
        if let Some(&(_, longest)) = self.seen.iter().find(|(at, _)| *at == st) {
            return longest;
        }
        let longest = if may_start_known(self.part, st) {
            longest_known_at(self.part, st, &mut self.buf)
        } else {
            None
        };
        self.seen.push((st, longest));
        longest
    }
}

/// Whether a known body's name, starting in `part[seg_start..pos]`, runs
/// across the separator at `pos`: some known name that the text at a token
/// start begins with is longer than the text from there to `pos` (both
/// folded, abbreviations expanded).
fn protected(known: &mut KnownStarts<'_, '_>, seg_start: usize, pos: usize) -> bool {
    let part = known.part;
    let near = pos.saturating_sub(MAX_PHRASE_BYTES);
    let starts = tokens_from(&part.text()[seg_start..pos], 0).map(|(st, _)| seg_start + st);
    starts.filter(|&st| st >= near).any(|st| {
        known
            .longest_at(st)
            .is_some_and(|longest| longest > expanded_fold_len(part, st, pos, &mut known.buf))
    })
}

/// Whether `text` starts a new body (organisation word, opener, or an
/// abbreviation of a body).
fn starts_body(head: &Head<'_>) -> bool {
    let starts = head.starts;
    if starts.opener.is_some() {
        return true;
    }
    if let Some((_, o)) = starts.org {
        return o.starts_body;
    }
    let first = head.text.split([' ', ',']).next().unwrap_or("");
    // `first` holds no whitespace, so `expand` of it is `expand_token`,
    // cleaned: a token that expands to itself and is clean already cannot
    // pass `expanded != first`.
    let unchanged = matches!(expand_token(first), Cow::Borrowed(e) if e == first);
    if unchanged && matches!(clean_cow(first), Cow::Borrowed(_)) {
        return false;
    }
    let expanded = expand(first);
    expanded != first && org_word(&PrefixFolds::new(&expanded)).is_some_and(|(_, o)| o.starts_body)
}

/// Whether `text` starts with a generic collective noun (`ban`, `đơn vị
/// liên quan`, `thôn`), which continues a collective's list.
fn generic_noun(head: &Head<'_>) -> bool {
    match head.starts.noun {
        Some((len, _)) => !head.text[len..]
            .split_whitespace()
            .next()
            .is_some_and(starts_proper),
        None => false,
    }
}

/// Whether a segment (`range` of the part) is a collective whose list may
/// go on after a comma: it starts with an opener (`Các …`), or with a
/// generic noun that is not a capitalised organisation word (`thôn, …`,
/// `cơ quan chuyên môn, …`, but not `Phòng chuyên môn` nor the mis-cased
/// known name `Sở khoa học và Công nghệ`).
fn is_collective(part: &Part<'_>, range: Range<usize>) -> bool {
    let segment = part.tidy(range);
    is_collective_tidy(&part.head(&segment))
}

/// [`is_collective`] of a segment already tidied.
fn is_collective_tidy(segment: &Head<'_>) -> bool {
    let starts = segment.starts;
    if starts.opener.is_some() {
        return true;
    }
    let named = || starts_upper(segment.text) && starts.org.is_some_and(|(_, o)| o.starts_body);
    let known = || starts.known;
    generic_noun(segment) && !named() && !known()
}

/// The printed organisation word a body starts with (`Phòng` of `Phòng
/// VH-XH`, `Trung tâm` of `TTPVHCC`), for completing an elliptical name.
/// `once` is the body as printed, tidied.
fn leading_org(part: &Part<'_>, once: &Piece) -> Option<String> {
    let head = part.head(once);
    // `tidy` is not idempotent (`- - X`), but when it leaves a text as it
    // is, tidying again changes nothing either, and the prefixes are reused.
    let again = part.tidy_piece(once);
    let collective = if part.text_of(&again) == head.text {
        is_collective_tidy(&head)
    } else {
        is_collective_tidy(&part.head(&again))
    };
    if collective {
        return None;
    }
    let pick = |s: &str, org: Option<(usize, &OrgWord)>| {
        let (len, o) = org?;
        o.starts_body.then(|| s[..len].to_string())
    };
    pick(head.text, head.starts.org).or_else(|| {
        let expanded = expand(head_of(head.text));
        pick(&expanded, org_word(&PrefixFolds::new(&expanded)))
    })
}

/// The first words of `s`, as many as a rule phrase can have.
fn head_of(s: &str) -> &str {
    let end = token_ends(s)
        .into_iter()
        .take(MAX_PHRASE_TOKENS)
        .take_while(|&end| end <= 2 * MAX_PHRASE_BYTES)
        .last()
        .unwrap_or(0);
    &s[..end]
}

/// Longest elliptical part tried (`Kinh tế, Hạ tầng và Đô thị` has 30 bytes).
const MAX_ELLIPSIS_BYTES: usize = 80;

/// If the part from `from` to some later separator (or the end) is an
/// elliptical name completed by `org` (`Phòng` + `Kinh tế`), the end and the
/// implied full name; the longest such part wins.
fn ellipsis(
    org: &str,
    part: &Part<'_>,
    points: &[(usize, usize)],
    from: usize,
) -> Option<(usize, String)> {
    let len = part.text().len();
    let ends = points
        .iter()
        .map(|p| p.0)
        .filter(|&p| p > from && p - from <= MAX_ELLIPSIS_BYTES);
    let ends = ends.chain(
        [len]
            .into_iter()
            .filter(|&end| end - from <= MAX_ELLIPSIS_BYTES),
    );
    let mut ends: Vec<usize> = ends.collect();
    ends.reverse();
    ends.into_iter().find_map(|end| {
        let piece = part.tidy(from..end);
        let item = part.text_of(&piece);
        if item.is_empty() || item.len() > MAX_ELLIPSIS_BYTES || starts_body(&part.head(&piece)) {
            return None;
        }
        let implied = format!("{org} {item}");
        KNOWN_KEYS
            .contains(&agency_key(&implied, None))
            .then_some((end, implied))
    })
}

/// The organisation word of the body a segment starts with (see
/// [`leading_org`]), worked out when first asked: mostly it never is.
enum SegOrg {
    /// Not asked yet: the body starts at this offset and runs to the end of
    /// the part.
    From(usize),
    Known(Option<String>),
}

impl SegOrg {
    fn get(&mut self, part: &Part<'_>) -> Option<&str> {
        if let SegOrg::From(start) = *self {
            *self = SegOrg::Known(leading_org(part, &part.tidy(start..part.text().len())));
        }
        match self {
            SegOrg::Known(org) => org.as_deref(),
            SegOrg::From(_) => None,
        }
    }
}

/// Splits one `;`-separated part at its split `points` (see
/// [`split_points`]), appending its bodies to `out`. `last_org` carries the
/// previous body's organisation word across parts; after the `last` part
/// nothing needs it.
fn split_part(
    part: &Part<'_>,
    points: &[(usize, usize)],
    last: bool,
    last_org: &mut Option<String>,
    out: &mut dyn FnMut(Body<'_>),
) {
    let text = part.text();
    let mut known = KnownStarts::new(part);
    let mut seg_start = 0;
    let mut seg_implied = None;
    let mut seg_org = SegOrg::From(0);
    let mut skip_until = 0;
    if let Some(org) = last_org.as_deref() {
        if !starts_body(&part.head(&Piece::Range(0..text.len()))) {
            if let Some((end, implied)) = ellipsis(org, part, points, 0) {
                seg_implied = Some(implied);
                seg_org = SegOrg::Known(Some(org.to_string()));
                skip_until = end;
            }
        }
    }
    for &(pos, len) in points {
        if pos < skip_until || pos < seg_start {
            continue;
        }
        let rest_start = text.len() - text[pos + len..].trim_start().len();
        let rest = Piece::Range(rest_start..text.len());
        if !text[rest_start..].contains(char::is_alphanumeric) {
            continue;
        }
        // Whether a known name runs across the separator is only asked when
        // the separator would split otherwise: it only ever prevents a
        // split, and the checks before it change nothing.
        let collective = is_collective(part, seg_start..pos);
        let rest_head = part.head(&rest);
        let split = if collective && rest_head.starts.opener.is_none() && generic_noun(&rest_head) {
            None
        } else if starts_body(&rest_head) {
            (!protected(&mut known, seg_start, pos)).then_some(None)
        } else if collective || seg_org.get(part).is_none() || protected(&mut known, seg_start, pos)
        {
            None
        } else {
            seg_org
                .get(part)
                .and_then(|org| ellipsis(org, part, points, rest_start))
                .map(|(end, implied)| {
                    skip_until = end;
                    Some(implied)
                })
        };
        if let Some(implied) = split {
            push(out, part, seg_start..pos, seg_implied.take());
            seg_start = rest_start;
            if implied.is_none() {
                seg_org = SegOrg::From(rest_start);
            }
            seg_implied = implied;
        }
    }
    push(out, part, seg_start..text.len(), seg_implied);
    if !last {
        *last_org = seg_org.get(part).map(str::to_string);
    }
}

/// Records the body printed in `range` of the part, tidied, unless nothing
/// is left of it.
fn push(
    out: &mut dyn FnMut(Body<'_>),
    part: &Part<'_>,
    range: Range<usize>,
    implied: Option<String>,
) {
    let piece = part.tidy(range);
    let surface = part.text_of(&piece);
    if !surface.is_empty() {
        let folds = match &piece {
            Piece::Range(range) => Some((&part.folded, range.clone())),
            Piece::Own(_) => None,
        };
        out(Body {
            surface,
            implied,
            folds,
        });
    }
}
