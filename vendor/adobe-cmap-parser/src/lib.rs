// kehoach patch: its own warnings are not ours to fix.
#![allow(warnings)]
extern crate pom;

use pom::char_class::{alpha, hex_digit, oct_digit, multispace};
use pom::Parser;
use pom::parser::*;
use pom::DataInput;
use std::collections::HashMap;

use std::str::FromStr;

#[derive(Debug)]
pub enum Value {
    LiteralString(Vec<u8>),
    Name(Vec<u8>),
    Number(String),
    Integer(i64),
    Array(Vec<Value>),
    Operator(String),
    Boolean(bool),
    Dictionary(HashMap<String, Value>),
}

fn hex_char() -> Parser<u8, u8> {
    let number = is_a(hex_digit).repeat(2);
    number.collect().convert(|v|u8::from_str_radix(&String::from_utf8(v).unwrap(), 16))
}

fn comment() -> Parser<u8, ()> {
    sym(b'%') * none_of(b"\r\n").repeat(0..) * eol().discard()
}

fn content_space() -> Parser<u8, ()> {
    is_a(multispace).repeat(0..).discard()
}

fn operator() -> Parser<u8, String> {
    (is_a(alpha) | one_of(b"*'\"")).repeat(1..).convert(|v|String::from_utf8(v))
}

fn oct_char() -> Parser<u8, u8> {
    let number = is_a(oct_digit).repeat(1..4);
    number.collect().convert(|v|u8::from_str_radix(&String::from_utf8(v).unwrap(), 8))
}

fn escape_sequence() -> Parser<u8, Vec<u8>> {
    sym(b'\\') *
        ( sym(b'\\').map(|_| vec![b'\\'])
            | sym(b'(').map(|_| vec![b'('])
            | sym(b')').map(|_| vec![b')'])
            | sym(b'n').map(|_| vec![b'\n'])
            | sym(b'r').map(|_| vec![b'\r'])
            | sym(b't').map(|_| vec![b'\t'])
            | sym(b'b').map(|_| vec![b'\x08'])
            | sym(b'f').map(|_| vec![b'\x0C'])
            | oct_char().map(|c| vec![c])
            | eol()     .map(|_| vec![])
            | empty()   .map(|_| vec![])
        )
}

fn nested_literal_string() -> Parser<u8, Vec<u8>> {
    sym(b'(') *
        ( none_of(b"\\()").repeat(1..)
            | escape_sequence()
            | call(nested_literal_string)
        ).repeat(0..).map(|segments| {
            let mut bytes = segments.into_iter().fold(
                vec![b'('],
                |mut bytes, mut segment| {
                    bytes.append(&mut segment);
                    bytes
                });
            bytes.push(b')');
            bytes
        })
        - sym(b')')
}

fn literal_string() -> Parser<u8, Vec<u8>> {
    sym(b'(') *
        ( none_of(b"\\()").repeat(1..)
            | escape_sequence()
            | nested_literal_string()
        ).repeat(0..).map(|segments|segments.concat())
        - sym(b')')
}

fn name() -> Parser<u8, Vec<u8>> {
    sym(b'/') * (none_of(b" \t\n\r\x0C()<>[]{}/%#") | sym(b'#') * hex_char()).repeat(0..)
}

fn integer() -> Parser<u8, i64> {
    let number = one_of(b"+-").opt() + one_of(b"0123456789").repeat(1..);
    number.collect().convert(|v|String::from_utf8(v)).convert(|s|i64::from_str(&s))
}

fn number() -> Parser<u8, String> {
    let number = one_of(b"+-").opt() +
        ( (one_of(b"0123456789") - one_of(b"0123456789").repeat(0..).discard())
            | (one_of(b"0123456789").repeat(1..) * sym(b'.') - one_of(b"0123456789").repeat(0..))
            | sym(b'.') - one_of(b"0123456789").repeat(1..)
        );
    number.collect().convert(|v|String::from_utf8(v))
}

fn space() -> Parser<u8, ()> {
    ( one_of(b" \t\n\r\0\x0C").repeat(1..).discard()
    ).repeat(0..).discard()
}

// Dictionaries are not mentioned in the CMap spec but are produced by software like Cairo and Skia and supported other by readers
fn dictionary() -> Parser<u8, HashMap<String, Value>> {
    let entry = name() - space() + call(value);
    let entries = seq(b"<<") * space() * entry.repeat(0..) - seq(b">>");
    entries.map(|entries| entries.into_iter().fold(
        HashMap::new(),
        |mut dict: HashMap<String, Value>, (key, value)| { dict.insert(String::from_utf8(key).unwrap(), value); dict }
    ))
}

fn hexadecimal_string() -> Parser<u8, Vec<u8>> {
    sym(b'<') * (space() * hex_char()).repeat(0..) - (space() * sym(b'>'))
}

fn eol() -> Parser<u8, u8> {
    sym(b'\r') * sym(b'\n') | sym(b'\n') | sym(b'\r')
}

fn value() -> Parser<u8, Value> {
    ( seq(b"true").map(|_| Value::Boolean(true))
    | seq(b"false").map(|_| Value::Boolean(false))
    | integer().map(|v| Value::Integer(v))
    | number().map(|v| Value::Number(v))
    | name().map(|v| Value::Name(v))
    | operator().map(|v| Value::Operator(v))
    | literal_string().map(|v| Value::LiteralString(v))
    | dictionary().map(|v| Value::Dictionary(v))
    | hexadecimal_string().map(|v| Value::LiteralString(v))
    | array().map(|v| Value::Array(v))
    ) - content_space()
}



fn array() -> Parser<u8, Vec<Value>> {
    sym(b'[') * space() * call(value).repeat(0..) - sym(b']')
}


fn file() -> Parser<u8,Vec<Value>>
{
    ( comment().repeat(0..) * content_space() * value()).repeat(1..)
}

pub fn parse(input: &[u8]) -> Result<Vec<Value>, pom::Error> {
    // kehoach patch: the pom grammar builds and formats an error message
    // for every alternative it tries, most of a small PDF's reading time.
    // CMaps as producers write them are read by a plain lexer; anything it
    // does not know token for token goes to the grammar, as before.
    if let Some(values) = fast::lex(input) {
        return Ok(values);
    }
    parse_with_grammar(input)
}

/// kehoach patch: the lexer alone, `None` where it leaves the input to the
/// grammar.
pub fn parse_fast(input: &[u8]) -> Option<Vec<Value>> {
    fast::lex(input)
}

/// The published parser (the pom grammar), which [`parse`] falls back to.
pub fn parse_with_grammar(input: &[u8]) -> Result<Vec<Value>, pom::Error> {
    file().parse(&mut DataInput::new(input))
}

/// kehoach patch: a lexer giving exactly the values the grammar gives, for
/// input made only of what it knows (see `lex`); `None` for anything else.
mod fast {
    use super::Value;
    use std::collections::HashMap;

    /// The grammar's `content_space`: after every value.
    fn multispace(b: u8) -> bool {
        matches!(b, b' ' | b'\t' | b'\n' | b'\r')
    }

    fn is_alpha(b: u8) -> bool {
        b.is_ascii_alphabetic()
    }

    fn hex(b: u8) -> Option<u8> {
        (b as char).to_digit(16).map(|d| d as u8)
    }

    struct Lexer<'a> {
        s: &'a [u8],
        at: usize,
    }

    impl<'a> Lexer<'a> {
        fn peek(&self) -> Option<u8> {
            self.s.get(self.at).copied()
        }

        fn skip_multispace(&mut self) {
            while self.peek().is_some_and(multispace) {
                self.at += 1;
            }
        }

        /// A value and the whitespace after it. `None` where the grammar
        /// might read something else than this lexer would.
        fn value(&mut self) -> Option<Value> {
            let b = self.peek()?;
            let v = match b {
                b'0'..=b'9' | b'+' | b'-' => {
                    let start = self.at;
                    if matches!(b, b'+' | b'-') {
                        self.at += 1;
                    }
                    let digits = self.at;
                    while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                        self.at += 1;
                    }
                    // A lone sign, or a decimal point (the grammar reads
                    // `1.5` as an integer and a number): the grammar's.
                    if self.at == digits || self.peek() == Some(b'.') {
                        return None;
                    }
                    let text = std::str::from_utf8(&self.s[start..self.at]).ok()?;
                    Value::Integer(text.parse().ok()?)
                }
                b'/' => {
                    self.at += 1;
                    let start = self.at;
                    while let Some(c) = self.peek() {
                        if b" \t\n\r\x0C()<>[]{}/%#".contains(&c) || c == 0 {
                            break;
                        }
                        self.at += 1;
                    }
                    // `#xx` escapes and NULs: the grammar's.
                    if matches!(self.peek(), Some(b'#') | Some(0)) {
                        return None;
                    }
                    Value::Name(self.s[start..self.at].to_vec())
                }
                b'(' => {
                    self.at += 1;
                    let start = self.at;
                    while let Some(c) = self.peek() {
                        match c {
                            b')' => break,
                            // Escapes and nested brackets: the grammar's.
                            b'\\' | b'(' => return None,
                            _ => self.at += 1,
                        }
                    }
                    self.peek()?;
                    let bytes = self.s[start..self.at].to_vec();
                    self.at += 1;
                    Value::LiteralString(bytes)
                }
                b'<' if self.s.get(self.at + 1) == Some(&b'<') => {
                    self.at += 2;
                    self.skip_multispace();
                    let mut dict = HashMap::new();
                    loop {
                        match self.peek()? {
                            b'>' if self.s.get(self.at + 1) == Some(&b'>') => {
                                self.at += 2;
                                break;
                            }
                            b'/' => {
                                let Value::Name(key) = self.value_only_name()? else {
                                    return None;
                                };
                                self.skip_multispace();
                                let v = self.value()?;
                                dict.insert(String::from_utf8(key).ok()?, v);
                            }
                            _ => return None,
                        }
                    }
                    Value::Dictionary(dict)
                }
                b'<' => {
                    self.at += 1;
                    let mut bytes = Vec::new();
                    loop {
                        self.skip_multispace();
                        let c = self.peek()?;
                        if c == b'>' {
                            self.at += 1;
                            break;
                        }
                        // Two hex digits, side by side, make a byte.
                        let hi = hex(c)?;
                        let lo = hex(*self.s.get(self.at + 1)?)?;
                        bytes.push(hi << 4 | lo);
                        self.at += 2;
                    }
                    Value::LiteralString(bytes)
                }
                b'[' => {
                    self.at += 1;
                    self.skip_multispace();
                    let mut items = Vec::new();
                    while self.peek()? != b']' {
                        items.push(self.value()?);
                    }
                    self.at += 1;
                    Value::Array(items)
                }
                c if is_alpha(c) || matches!(c, b'*' | b'\'' | b'"') => {
                    let start = self.at;
                    while self
                        .peek()
                        .is_some_and(|c| is_alpha(c) || matches!(c, b'*' | b'\'' | b'"'))
                    {
                        self.at += 1;
                    }
                    let word = &self.s[start..self.at];
                    // `true…`, `false…` and a word glued to a number: the
                    // grammar's.
                    if word.starts_with(b"true")
                        || word.starts_with(b"false")
                        || self.peek().is_some_and(|c| c.is_ascii_digit() || c == b'.')
                    {
                        return None;
                    }
                    Value::Operator(String::from_utf8(word.to_vec()).ok()?)
                }
                _ => return None,
            };
            self.skip_multispace();
            Some(v)
        }

        /// A dictionary key: a name, and the grammar's `space` after it
        /// (here: whitespace without NUL or form feed).
        fn value_only_name(&mut self) -> Option<Value> {
            let save = self.at;
            match self.value() {
                Some(v @ Value::Name(_)) => Some(v),
                _ => {
                    self.at = save;
                    None
                }
            }
        }
    }

    /// The values of `input`, when it is made only of integers, names,
    /// operators, simple literal strings, hex strings, arrays and
    /// dictionaries of them, separated by spaces, tabs and line ends, with
    /// comments only at the start of a line group (as the grammar reads
    /// them) and the whole input read; else `None`.
    pub(super) fn lex(input: &[u8]) -> Option<Vec<Value>> {
        let mut l = Lexer { s: input, at: 0 };
        let mut out = Vec::new();
        loop {
            // The grammar: comments, then spaces, then a value; a comment
            // after spaces ends its reading, so it is the grammar's here.
            while l.peek() == Some(b'%') {
                while l.peek().is_some_and(|c| c != b'\n' && c != b'\r') {
                    l.at += 1;
                }
                match (l.peek(), l.s.get(l.at + 1)) {
                    (Some(b'\r'), Some(b'\n')) => l.at += 2,
                    (Some(_), _) => l.at += 1,
                    // A comment without its line end: the grammar's.
                    (None, _) => return None,
                }
            }
            let spaced = l.peek().is_some_and(multispace);
            l.skip_multispace();
            if l.peek().is_none() {
                break;
            }
            if spaced && l.peek() == Some(b'%') {
                return None;
            }
            out.push(l.value()?);
        }
        (!out.is_empty()).then_some(out)
    }
}

fn as_code(str: &[u8]) -> u32 {
    let mut code: u32 = 0;
    for c in str {
        code = (code << 8) | (*c as u32);
    }
    code
}

/// Return a mapping from character codes to Unicode character sequences expressed in UTF-16BE encoding.
// kehoach patch: the map's hasher is foldhash, not SipHash (a font's
// ToUnicode map has thousands of entries, all inserted once).
pub fn get_unicode_map(
    input: &[u8],
) -> Result<HashMap<u32, Vec<u8>, foldhash::fast::RandomState>, &'static str> {
    let lexed = parse(&input).expect("failed to parse");

    let mut i = 0;
    let mut map = HashMap::default();
    while i < lexed.len() {
        match lexed[i] {
            Value::Operator(ref o) => {
                match o.as_ref() {
                    "beginbfchar" => {
                        let count = if let &Value::Integer(ref c) = &lexed[i-1] { Ok(*c) } else { Err("beginbfchar exected int") }?;
                        i += 1;
                        for _ in 0..count {
                            let char_code = if let &Value::LiteralString(ref s) = &lexed[i] { Ok(s) } else { Err("beginbfchar exected hexstring") }?;
                            let uni_code = if let &Value::LiteralString(ref s) = &lexed[i+1] { Ok(s) } else { Err("beginbfchar exected hexstring") }?;
                            //let char_code =
                            map.insert(as_code(char_code), uni_code.clone());
                            i += 2;
                        }
                        i += 1;
                    }
                    "beginbfrange" => {
                        let count = if let &Value::Integer(ref c) = &lexed[i-1] { Ok(*c) } else { Err("beginbfrange exected int") }?;
                        i += 1;
                        for _ in 0..count {
                            let lower_code = if let &Value::LiteralString(ref s) = &lexed[i] { Ok(as_code(s)) } else { Err("beginbfrange exected hexstring") }?;
                            let upper_code = if let &Value::LiteralString(ref s) = &lexed[i+1] { Ok(as_code(s)) } else { Err("beginbfrange exected hexstring") }?;
                            match &lexed[i+2] {
                                &Value::LiteralString(ref start) => {
                                    match start.len() {
                                        4 => {
                                            let val = as_code(start);
                                            for c in lower_code..=upper_code {
                                                let code = val + (c - lower_code);
                                                map.insert(c, code.to_be_bytes().to_vec());
                                            }
                                        }
                                        2 => {
                                            let val: u16 = as_code(start) as u16;
                                            for c in lower_code..=upper_code {
                                                let code = val + (c - lower_code) as u16;
                                                map.insert(c, code.to_be_bytes().to_vec());
                                            }
                                        }
                                        _ => {
                                            panic!("bad length of hexstring");
                                        }
                                    }
                                }
                                &Value::Array(ref codes) => {
                                    // inclusive ranges would be nice
                                    let mut i = 0;
                                    if (upper_code - lower_code + 1) as usize != codes.len() {
                                        return Err("bad length of array");
                                    }
                                    for c in lower_code..=upper_code {
                                        map.insert(c, if let &Value::LiteralString(ref s) = &codes[i] { Ok(s.clone()) } else { Err("beginbfrange exected hexstring") }?);
                                        i += 1;
                                    }
                                }
                                _ => { return Err("beginbfrange exected array or literal") }
                            }
                            i += 3;
                        }
                        i += 1;
                    }
                    _ => { i += 1; }
                }

            }
            _ => { i += 1; }
        }
    }
    Ok(map)

}

fn as_code_range(start_chars: &Vec<u8>, end_chars: &Vec<u8>) -> CodeRange {
    let mut start = 0;
    let mut end = 0;
    assert!(start_chars.len() == end_chars.len());
    for i in 0..start_chars.len() {
        start = (start << 8) | (start_chars[i] as u32);
        end = (end << 8) | (end_chars[i] as u32);
    }
    let width = start_chars.len() as u32 / 2;
    CodeRange { start, end, width }
}

#[derive(Debug)]
pub struct CodeRange {
    pub width: u32,
    pub start: u32,
    pub end: u32,
}

#[derive(Debug)]
pub struct CIDRange {
    pub src_code_lo: u32,
    pub src_code_hi: u32,
    #[allow(non_snake_case)]
    pub dst_CID_lo: u32,
}

#[derive(Debug)]
pub struct ByteMapping {
    pub codespace: Vec<CodeRange>,
    pub cid: Vec<CIDRange>,
}

pub fn get_byte_mapping(input: &[u8]) -> Result<ByteMapping, &'static str> {
    let lexed = parse(&input).expect("failed to parse");

    let mut i = 0;
    let mut result = ByteMapping { codespace: Vec::new(), cid: Vec::new() };
    while i < lexed.len() {
        match lexed[i] {
            Value::Operator(ref o) => {
                match o.as_ref() {
                    "begincodespacerange" => {
                        let count = if let &Value::Integer(ref c) = &lexed[i-1] { Ok(*c) } else { Err("begincodespacerange exected int") }?;
                        i += 1;
                        for _ in 0..count {
                            let start = if let &Value::LiteralString(ref s) = &lexed[i] { Ok(s) } else { Err("begincodespacerange exected hexstring") }?;
                            let end = if let &Value::LiteralString(ref s) = &lexed[i+1] { Ok(s) } else { Err("begincodespacerange exected hexstring") }?;
                            result.codespace.push(as_code_range(start, end));
                            i += 2;
                        }
                        i += 1;
                    }
                    "begincidrange" => {
                        let count = if let &Value::Integer(ref c) = &lexed[i-1] { Ok(*c) } else { Err("begincidrange exected int") }?;
                        i += 1;
                        for _ in 0..count {
                            let start = if let &Value::LiteralString(ref s) = &lexed[i] { Ok(s) } else { Err("begincidrange exected hexstring") }?;
                            let end = if let &Value::LiteralString(ref s) = &lexed[i+1] { Ok(s) } else { Err("begincidrange exected hexstring") }?;
                            let offset = if let &Value::Integer(ref s) = &lexed[i+2] { Ok(s) } else { Err("begincidrange exected int") }?;
                            result.cid.push(CIDRange { src_code_lo: as_code(start), src_code_hi: as_code(end), dst_CID_lo: *offset as u32 });
                            i += 2;
                        }
                        i += 1;
                    }
                    _ => { i += 1; }
                }

            }
            _ => { i += 1; }
        }
    }
    Ok(result)

}


#[cfg(test)]
mod tests {
    use parse;
    use std::fs::File;
    use std::io::BufReader;
    use std::io::Read;

    fn do_parse(input: &[u8]) {
        let result = parse(input);
        if let Ok(lines) = result  {
            for l in lines {
                println!("{:?}", l)
            }
        } else {
            println!("{:?}", result)
        }
    }
    #[test]
    fn it_works() {
        let f = File::open("examples/Identity-V").unwrap();
        let mut f = BufReader::new(f);
        let mut contents = Vec::new();
        f.read_to_end(&mut contents);

        //for line in f.lines() {
        do_parse(&contents);

    }
}
