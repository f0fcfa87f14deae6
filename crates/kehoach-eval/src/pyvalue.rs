//! Python semantics for JSON values, as score.py sees them after `json.loads`.
//!
//! score.py reads everything through `dict.get`, truthiness (`x or []`),
//! `str(x)`, `==`, `float(x)` and dict/set keys. These helpers reproduce those
//! operations on [`serde_json::Value`]. Where Python would raise (calling
//! `.get` on a non-dict, iterating a number, hashing a list), the helpers pick
//! the reading that keeps scoring going, documented on each function:
//! a non-object is read as an empty object, a non-iterable as an empty list,
//! an unhashable key as "not found".

use serde_json::Value;

/// The `None` that `.get` returns for a missing key.
pub(crate) static NULL: Value = Value::Null;

/// `v.get(key)`; a missing key, or `v` not being an object, gives `None`
/// (Python would raise `AttributeError` for the latter).
pub(crate) fn get<'a>(v: &'a Value, key: &str) -> &'a Value {
    match v {
        Value::Object(m) => m.get(key).unwrap_or(&NULL),
        _ => &NULL,
    }
}

/// Python `bool(v)`.
pub(crate) fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(m) => !m.is_empty(),
    }
}

/// `v not in (None, "", [])`, score.py's "field is filled" test.
pub(crate) fn present(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        _ => true,
    }
}

/// The elements of `v or []` as a `for` loop would see them: a list's items,
/// a string's characters, a dict's keys. A truthy number or `true` is not
/// iterable (Python raises `TypeError`); it is read as an empty list.
pub(crate) fn py_list(v: &Value) -> Vec<Value> {
    match v {
        Value::Array(a) => a.clone(),
        Value::String(s) => s.chars().map(|c| Value::String(c.to_string())).collect(),
        Value::Object(m) => m.keys().map(|k| Value::String(k.clone())).collect(),
        _ => Vec::new(),
    }
}

/// Python `str(v)`: strings as they are, `None`/`True`/`False`, ints and
/// floats as Python prints them, lists and dicts as their `repr`.
pub(crate) fn py_str(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        _ => py_repr(v),
    }
}

/// Python `repr(v)` of the value `json.loads` would have produced.
fn py_repr(v: &Value) -> String {
    match v {
        Value::Null => "None".to_owned(),
        Value::Bool(true) => "True".to_owned(),
        Value::Bool(false) => "False".to_owned(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.to_string()
            } else if let Some(u) = n.as_u64() {
                u.to_string()
            } else {
                // An integer literal beyond u64 reaches us as a float (serde_json
                // without arbitrary_precision); Python would keep it an int.
                float_repr(n.as_f64().unwrap_or(f64::NAN))
            }
        }
        Value::String(s) => str_repr(s),
        Value::Array(a) => {
            let items: Vec<String> = a.iter().map(py_repr).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(m) => {
            let items: Vec<String> = m
                .iter()
                .map(|(k, v)| format!("{}: {}", str_repr(k), py_repr(v)))
                .collect();
            format!("{{{}}}", items.join(", "))
        }
    }
}

/// Python `repr(float)`: shortest round-trip digits, fixed notation when the
/// decimal exponent is in [-4, 16), else `1e+16` style.
pub(crate) fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".to_owned();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf" } else { "-inf" }.to_owned();
    }
    // Rust's `{:e}` gives the shortest round-trip digits: "-1.2345e-7".
    let sci = format!("{f:e}");
    let (mant, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let (neg, mant) = match mant.strip_prefix('-') {
        Some(m) => (true, m),
        None => (false, mant),
    };
    let digits: String = mant.chars().filter(|c| *c != '.').collect();
    let ndig = digits.len() as i32;
    // value = 0.DIGITS * 10^decpt
    let decpt = exp + 1;
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    if -4 < decpt && decpt <= 16 {
        if decpt <= 0 {
            out.push_str("0.");
            out.extend(std::iter::repeat_n('0', (-decpt) as usize));
            out.push_str(&digits);
        } else if decpt >= ndig {
            out.push_str(&digits);
            out.extend(std::iter::repeat_n('0', (decpt - ndig) as usize));
            out.push_str(".0");
        } else {
            out.push_str(&digits[..decpt as usize]);
            out.push('.');
            out.push_str(&digits[decpt as usize..]);
        }
    } else {
        out.push_str(&digits[..1]);
        if ndig > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        let e = decpt - 1;
        out.push('e');
        out.push(if e < 0 { '-' } else { '+' });
        out.push_str(&format!("{:02}", e.abs()));
    }
    out
}

/// Python `repr(str)`. Printability of non-ASCII characters is approximated
/// (controls, separators and the common format characters are escaped;
/// unassigned code points are not detected).
fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if !printable(c) => {
                let cp = c as u32;
                if cp <= 0xff {
                    out.push_str(&format!("\\x{cp:02x}"));
                } else if cp <= 0xffff {
                    out.push_str(&format!("\\u{cp:04x}"));
                } else {
                    out.push_str(&format!("\\U{cp:08x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// Approximation of Python's `str.isprintable` for one character.
fn printable(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    let cp = c as u32;
    !(c.is_control()
        || c.is_whitespace()
        || matches!(cp,
            0xad | 0x600..=0x605 | 0x61c | 0x6dd | 0x70f | 0x180e
            | 0x200b..=0x200f | 0x202a..=0x202e | 0x2060..=0x2064 | 0x2066..=0x206f
            | 0xfeff | 0xfff9..=0xfffb | 0xe000..=0xf8ff | 0xf0000..=0x10ffff))
}

/// A hashable Python value used as a dict key. Python treats `1`, `1.0` and
/// `True` as the same key, which `Int` reproduces.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum PyKey {
    None,
    Int(i128),
    /// Bits of a float that is not integral.
    Float(u64),
    Str(String),
}

/// `v` as a dict key; `None` for lists and dicts, which Python cannot hash
/// (it would raise `TypeError`; callers treat that as "no such key").
pub(crate) fn py_key(v: &Value) -> Option<PyKey> {
    Some(match v {
        Value::Null => PyKey::None,
        Value::Bool(b) => PyKey::Int(i128::from(*b)),
        Value::Number(_) => match py_num(v)? {
            Num::Int(i) => PyKey::Int(i),
            Num::Float(f) => PyKey::Float(f.to_bits()),
        },
        Value::String(s) => PyKey::Str(s.clone()),
        Value::Array(_) | Value::Object(_) => return None,
    })
}

/// A Python number; floats with an integral value are normalised to `Int` so
/// that equality and hashing follow Python (`2 == 2.0`).
#[derive(Clone, Copy, Debug, PartialEq)]
enum Num {
    Int(i128),
    Float(f64),
}

fn py_num(v: &Value) -> Option<Num> {
    match v {
        Value::Bool(b) => Some(Num::Int(i128::from(*b))),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                Some(Num::Int(i128::from(i)))
            } else if let Some(u) = n.as_u64() {
                Some(Num::Int(i128::from(u)))
            } else {
                let f = n.as_f64()?;
                if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e30 {
                    Some(Num::Int(f as i128))
                } else {
                    Some(Num::Float(f))
                }
            }
        }
        _ => None,
    }
}

/// Python `a == b` on values from `json.loads`.
pub(crate) fn py_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Null, Value::Null) => true,
        (Value::Bool(_) | Value::Number(_), Value::Bool(_) | Value::Number(_)) => {
            py_num(a) == py_num(b)
        }
        (Value::String(x), Value::String(y)) => x == y,
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| py_eq(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| py_eq(v, w)))
        }
        _ => false,
    }
}

/// Python `float(v)`; `None` where Python raises `TypeError`/`ValueError`.
/// Strings follow Python's float syntax (surrounding whitespace, `_` between
/// digits, `inf`/`nan`); non-ASCII digits, which Python also accepts, are not.
pub(crate) fn py_float(v: &Value) -> Option<f64> {
    match v {
        Value::Bool(b) => Some(if *b { 1.0 } else { 0.0 }),
        Value::Number(n) => n.as_f64(),
        Value::String(s) => parse_py_float(s),
        _ => None,
    }
}

fn parse_py_float(s: &str) -> Option<f64> {
    let s = s.trim_matches(crate::fold::is_py_space);
    let chars: Vec<char> = s.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if *c == '_' {
            let before = i > 0 && chars[i - 1].is_ascii_digit();
            let after = chars.get(i + 1).is_some_and(|d| d.is_ascii_digit());
            if !before || !after {
                return None;
            }
        }
    }
    let cleaned: String = chars.into_iter().filter(|c| *c != '_').collect();
    if cleaned.is_empty() || !cleaned.is_ascii() {
        return None;
    }
    cleaned.parse::<f64>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn str_matches_python() {
        // Expectations from python3: str(json.loads(x)) for each x.
        let cases = [
            (json!(2025), "2025"),
            (json!(-3), "-3"),
            (json!(100.0), "100.0"),
            (json!(3.5), "3.5"),
            (json!(1e16), "1e+16"),
            (json!(1e15), "1000000000000000.0"),
            (json!(0.0001), "0.0001"),
            (json!(0.00001), "1e-05"),
            (json!(1.5e-7), "1.5e-07"),
            (json!(-0.0), "-0.0"),
            (json!(123456789.125), "123456789.125"),
            (json!(true), "True"),
            (json!(null), "None"),
            (json!(["a", 1, null]), "['a', 1, None]"),
            (json!({"k": "it's", "n": 2.0}), "{'k': \"it's\", 'n': 2.0}"),
        ];
        for (v, want) in cases {
            assert_eq!(py_str(&v), want, "str({v})");
        }
    }

    #[test]
    fn float_and_keys_follow_python() {
        assert_eq!(py_float(&json!(" 1_000.5 ")), Some(1000.5));
        assert_eq!(py_float(&json!("1__0")), None);
        assert_eq!(py_float(&json!("60%")), None);
        assert_eq!(py_float(&json!(true)), Some(1.0));
        assert_eq!(py_float(&json!([1])), None);
        assert_eq!(py_key(&json!(1)), py_key(&json!(1.0)));
        assert_eq!(py_key(&json!(true)), py_key(&json!(1)));
        assert_ne!(py_key(&json!("1")), py_key(&json!(1)));
        assert_eq!(py_key(&json!([1])), None);
        assert!(py_eq(&json!({"a": [1, true]}), &json!({"a": [1.0, 1]})));
        assert!(!py_eq(&json!("gt"), &json!(null)));
    }

    #[test]
    fn truthiness_and_presence() {
        assert!(!truthy(&json!(0)) && !truthy(&json!("")) && !truthy(&json!({})));
        assert!(truthy(&json!(0.5)) && truthy(&json!([0])));
        // `0 in (None, "", [])` is False in Python: a zero is a filled value.
        assert!(present(&json!(0)) && present(&json!(false)) && present(&json!({})));
        assert!(!present(&json!("")) && !present(&json!([])) && !present(&json!(null)));
        assert_eq!(py_list(&json!("ab")), vec![json!("a"), json!("b")]);
        assert_eq!(py_list(&json!(5)), Vec::<Value>::new());
    }
}
