// kehoach patch (see vendor/README.md): a hand-written reader of content
// streams, tried before the nom grammar (`super::content`). It follows the
// grammar step by step (the same alternatives in the same order, the same
// conversions of the same bytes) and answers only when the whole input is
// made of what it knows: anything else (an inline image, an operation the
// grammar would stop at, deep nesting, a form feed between operations, ...)
// gives `None` and the grammar reads the input, as before.
// `crates/kehoach-pdf/tests/content_lexer.rs` holds the two to each other.

use crate::content::{Content, Operation};
use crate::{Dictionary, Object, StringFormat};
use std::str::{self, FromStr};

/// Deeper arrays, dictionaries or nested parentheses go to the grammar,
/// which has its own limits (100) and errors past them.
const MAX_DEPTH: usize = 32;

/// The reader gives up: the grammar decides.
struct Bail;

type R<T> = Result<T, Bail>;

struct Lexer<'a> {
    d: &'a [u8],
    i: usize,
    /// Operands and array items being read, moved out in one allocation
    /// of the right size when their list ends.
    stack: Vec<Object>,
}

#[inline]
fn is_whitespace(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\0' | b'\x0C')
}

#[inline]
fn is_delimiter(c: u8) -> bool {
    matches!(c, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

#[inline]
fn is_operator_char(c: u8) -> bool {
    c.is_ascii_alphabetic() || matches!(c, b'*' | b'\'' | b'"')
}

#[inline]
fn hex_value(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

impl<'a> Lexer<'a> {
    #[inline]
    fn peek(&self) -> Option<u8> {
        self.d.get(self.i).copied()
    }

    #[inline]
    fn peek_at(&self, k: usize) -> Option<u8> {
        self.d.get(self.i + k).copied()
    }

    #[inline]
    fn starts_with(&self, s: &[u8]) -> bool {
        self.d[self.i..].starts_with(s)
    }

    /// `content_space`: spaces, tabs and line ends only.
    #[inline]
    fn content_space(&mut self) {
        while let Some(b' ' | b'\t' | b'\r' | b'\n') = self.peek() {
            self.i += 1;
        }
    }

    /// `comment`: `%`, anything to a line end, the line end (`\r\n`, `\n`
    /// or `\r`). Without a line end (at the end of the input) it does not
    /// match and nothing is consumed.
    fn comment(&mut self) -> bool {
        debug_assert_eq!(self.peek(), Some(b'%'));
        let mut j = self.i + 1;
        while j < self.d.len() && self.d[j] != b'\r' && self.d[j] != b'\n' {
            j += 1;
        }
        if j == self.d.len() {
            return false;
        }
        if self.d[j] == b'\r' && self.d.get(j + 1) == Some(&b'\n') {
            j += 2;
        } else {
            j += 1;
        }
        self.i = j;
        true
    }

    /// `space`: whitespace (with NUL and form feed) and comments.
    fn space(&mut self) {
        loop {
            match self.peek() {
                Some(c) if is_whitespace(c) => self.i += 1,
                Some(b'%') => {
                    if !self.comment() {
                        return;
                    }
                }
                _ => return,
            }
        }
    }

    /// `real` then `integer`, at a sign, digit or point.
    fn number(&mut self) -> R<Object> {
        let d = self.d;
        let start = self.i;
        let mut j = start;
        if j < d.len() && (d[j] == b'+' || d[j] == b'-') {
            j += 1;
        }
        let digits = j;
        while j < d.len() && d[j].is_ascii_digit() {
            j += 1;
        }
        let has_digits = j > digits;
        let real = if has_digits && d.get(j) == Some(&b'.') {
            j += 1;
            while j < d.len() && d[j].is_ascii_digit() {
                j += 1;
            }
            true
        } else if !has_digits && d.get(j) == Some(&b'.') && d.get(j + 1).is_some_and(u8::is_ascii_digit) {
            j += 1;
            while j < d.len() && d[j].is_ascii_digit() {
                j += 1;
            }
            true
        } else if has_digits {
            false
        } else {
            return Err(Bail);
        };
        // Only ASCII signs, digits and points: valid UTF-8.
        let text = str::from_utf8(&d[start..j]).map_err(|_| Bail)?;
        let object = if real {
            Object::Real(f32::from_str(text).map_err(|_| Bail)?)
        } else if j - digits <= 18 {
            // What `i64::from_str` gives: no overflow with 18 digits.
            let mut v: i64 = 0;
            for &c in &d[digits..j] {
                v = v * 10 + i64::from(c - b'0');
            }
            Object::Integer(if d[start] == b'-' { -v } else { v })
        } else {
            Object::Integer(i64::from_str(text).map_err(|_| Bail)?)
        };
        self.i = j;
        Ok(object)
    }

    /// `reference`, tried first at a digit inside arrays and dictionaries:
    /// `Some` when it matches, `None` (nothing consumed) when not.
    fn reference(&mut self) -> Option<Object> {
        // Digits then space: without a space (or comment) after the first
        // digits, the second number cannot start there.
        let mut j = self.i;
        while j < self.d.len() && self.d[j].is_ascii_digit() {
            j += 1;
        }
        match self.d.get(j) {
            Some(&c) if is_whitespace(c) || c == b'%' => {}
            _ => return None,
        }
        let save = self.i;
        let r = self.reference_inner();
        if r.is_none() {
            self.i = save;
        }
        r
    }

    fn reference_inner(&mut self) -> Option<Object> {
        let id = self.unsigned::<u32>()?;
        self.space();
        let generation = self.unsigned::<u16>()?;
        self.space();
        if self.peek() == Some(b'R') {
            self.i += 1;
            Some(Object::Reference((id, generation)))
        } else {
            None
        }
    }

    fn unsigned<I: FromStr>(&mut self) -> Option<I> {
        let start = self.i;
        let mut j = start;
        while j < self.d.len() && self.d[j].is_ascii_digit() {
            j += 1;
        }
        if j == start {
            return None;
        }
        let value = I::from_str(str::from_utf8(&self.d[start..j]).ok()?).ok()?;
        self.i = j;
        Some(value)
    }

    /// `name`, at `/`: regular characters and `#` with two hex digits; it
    /// ends before anything else (a `#` without two hex digits included).
    fn name(&mut self) -> Vec<u8> {
        self.i += 1;
        let d = self.d;
        let run = d[self.i..]
            .iter()
            .position(|&c| is_whitespace(c) || is_delimiter(c))
            .unwrap_or(d.len() - self.i);
        let mut out = Vec::with_capacity(run);
        loop {
            match d.get(self.i) {
                Some(&b'#') => {
                    match (
                        d.get(self.i + 1).copied().and_then(hex_value),
                        d.get(self.i + 2).copied().and_then(hex_value),
                    ) {
                        (Some(h), Some(l)) => {
                            out.push(h << 4 | l);
                            self.i += 3;
                        }
                        _ => return out,
                    }
                }
                Some(&c) if !is_whitespace(c) && !is_delimiter(c) => {
                    out.push(c);
                    self.i += 1;
                }
                _ => return out,
            }
        }
    }

    /// `literal_string`, at `(`.
    fn literal_string(&mut self) -> R<Vec<u8>> {
        let d = self.d;
        let mut j = self.i + 1;
        let run = d[j..].iter().position(|&c| c == b')').unwrap_or(0);
        let mut out = Vec::with_capacity(run);
        let mut depth = 0usize;
        loop {
            let Some(&c) = d.get(j) else {
                return Err(Bail);
            };
            match c {
                b'(' => {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return Err(Bail);
                    }
                    out.push(b'(');
                    j += 1;
                }
                b')' => {
                    j += 1;
                    if depth == 0 {
                        break;
                    }
                    depth -= 1;
                    out.push(b')');
                }
                b'\\' => {
                    let Some(&e) = d.get(j + 1) else {
                        return Err(Bail);
                    };
                    j += 2;
                    match e {
                        b'0'..=b'7' => {
                            // One to three octal digits, overflow ignored.
                            let mut v = u16::from(e - b'0');
                            let mut n = 1;
                            while n < 3 {
                                match d.get(j) {
                                    Some(&o @ b'0'..=b'7') => {
                                        v = v * 8 + u16::from(o - b'0');
                                        j += 1;
                                        n += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push(v as u8);
                        }
                        b'\r' => {
                            if d.get(j) == Some(&b'\n') {
                                j += 1;
                            }
                        }
                        b'\n' => {}
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(b'\x08'),
                        b'f' => out.push(b'\x0C'),
                        other => out.push(other),
                    }
                }
                _ => {
                    // Plain bytes and line ends are kept as they are.
                    out.push(c);
                    j += 1;
                }
            }
        }
        self.i = j;
        Ok(out)
    }

    /// `hexadecimal_string`, at `<` (not `<<`).
    fn hex_string(&mut self) -> R<Vec<u8>> {
        let d = self.d;
        let mut j = self.i + 1;
        let run = d[j..].iter().position(|&c| c == b'>').unwrap_or(0);
        let mut out = Vec::with_capacity(run.div_ceil(2));
        let mut high = true;
        loop {
            let Some(&c) = d.get(j) else {
                return Err(Bail);
            };
            j += 1;
            if c == b'>' {
                break;
            }
            if is_whitespace(c) {
                continue;
            }
            let v = hex_value(c).ok_or(Bail)?;
            if high {
                out.push(v << 4);
            } else {
                *out.last_mut().unwrap() |= v;
            }
            high = !high;
        }
        self.i = j;
        Ok(out)
    }

    /// `array` (`depth` arrays and dictionaries around it), at `[`.
    fn array(&mut self, depth: usize) -> R<Vec<Object>> {
        if depth >= MAX_DEPTH {
            return Err(Bail);
        }
        self.i += 1;
        self.space();
        let mark = self.stack.len();
        loop {
            if self.peek() == Some(b']') {
                self.i += 1;
                return Ok(self.stack.drain(mark..).collect());
            }
            let item = self.direct_object(depth + 1)?;
            self.stack.push(item);
        }
    }

    /// `dictionary`, at `<<`.
    fn dictionary(&mut self, depth: usize) -> R<Dictionary> {
        if depth >= MAX_DEPTH {
            return Err(Bail);
        }
        self.i += 2;
        self.space();
        let mut dict = Dictionary::new();
        while self.peek() == Some(b'/') {
            let key = self.name();
            self.space();
            let value = self.direct_object(depth + 1)?;
            dict.set(key, value);
        }
        if self.starts_with(b">>") {
            self.i += 2;
            Ok(dict)
        } else {
            Err(Bail)
        }
    }

    /// `_direct_object` inside arrays and dictionaries: an object (a
    /// reference first), then `space`.
    fn direct_object(&mut self, depth: usize) -> R<Object> {
        if let Some(c) = self.peek() {
            if c.is_ascii_digit() {
                if let Some(r) = self.reference() {
                    self.space();
                    return Ok(r);
                }
            }
        }
        let object = self.object(depth)?;
        self.space();
        Ok(object)
    }

    /// One object of `_direct_objects` (without `reference`) or `operand`
    /// (without its trailing space): `Ok(None)` when none starts here and
    /// nothing can (the grammar's alternatives all fail at once).
    fn object_or_none(&mut self, depth: usize) -> R<Option<Object>> {
        let Some(c) = self.peek() else {
            return Ok(None);
        };
        let object = match c {
            b'n' if self.starts_with(b"null") => {
                self.i += 4;
                Object::Null
            }
            b't' if self.starts_with(b"true") => {
                self.i += 4;
                Object::Boolean(true)
            }
            b'f' if self.starts_with(b"false") => {
                self.i += 5;
                Object::Boolean(false)
            }
            b'+' | b'-' | b'.' | b'0'..=b'9' => self.number()?,
            b'/' => Object::Name(self.name()),
            b'(' => Object::String(self.literal_string()?, StringFormat::Literal),
            b'<' => {
                if self.peek_at(1) == Some(b'<') {
                    Object::Dictionary(self.dictionary(depth)?)
                } else {
                    Object::String(self.hex_string()?, StringFormat::Hexadecimal)
                }
            }
            b'[' => Object::Array(self.array(depth)?),
            _ => return Ok(None),
        };
        Ok(Some(object))
    }

    fn object(&mut self, depth: usize) -> R<Object> {
        self.object_or_none(depth)?.ok_or(Bail)
    }

    fn content(&mut self) -> R<Vec<Operation>> {
        let mut operations = Vec::new();
        self.content_space();
        loop {
            // Comments open an operation, each right after the last.
            while self.peek() == Some(b'%') {
                if !self.comment() {
                    // A comment without a line end, at the end: the
                    // grammar stops there, with what it has read.
                    return Ok(operations);
                }
            }
            if self.i == self.d.len() {
                return Ok(operations);
            }
            // Inline images are the grammar's.
            if self.starts_with(b"BI") {
                return Err(Bail);
            }
            while let Some(operand) = self.object_or_none(0)? {
                self.stack.push(operand);
                self.content_space();
            }
            let operands: Vec<Object> = self.stack.drain(..).collect();
            let start = self.i;
            while self.peek().is_some_and(is_operator_char) {
                self.i += 1;
            }
            if self.i == start {
                // Not an operator: the grammar stops here (or fails).
                return Err(Bail);
            }
            let operator = str::from_utf8(&self.d[start..self.i]).map_err(|_| Bail)?;
            operations.push(Operation {
                operator: operator.to_string(),
                operands,
            });
            self.content_space();
        }
    }
}

/// The content stream as `super::content` reads it, when the reader knows
/// every byte of it; `None` leaves it to the grammar.
pub fn content(data: &[u8]) -> Option<Content<Vec<Operation>>> {
    let mut lexer = Lexer {
        d: data,
        i: 0,
        stack: Vec::new(),
    };
    match lexer.content() {
        Ok(operations) => Some(Content { operations }),
        Err(Bail) => None,
    }
}
