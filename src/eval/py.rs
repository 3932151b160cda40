//! The value semantics of the reference scorer (`score.py`), so the Rust
//! scorer agrees with it number for number: its `fold()` and `num_key()`,
//! Python's `str()`, `==`, `float()` and `round()` on JSON values, and the
//! `span_line()` lookup.
//!
//! Predictions are scored as `serde_json::Value`s on purpose: a record read
//! back from a `.jsonl` file may carry types the typed record would reject
//! (`"by": 2021`, `"of": 162.0`), and the scorer must judge them exactly as
//! `score.py` does (`fold(2021) == fold("2021")`, `fold(162.0) != fold(162)`).
//!
//! What this module does not do: decide what matches what (see `score.rs`).

use once_cell::sync::Lazy;
use regex::Regex;
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

/// The JSON `null` returned for absent keys.
pub static NULL: Value = Value::Null;

/// Python's `str.isspace()` (what `\s` and `strip()` use): Unicode
/// `White_Space` plus the information separators U+001C–U+001F.
pub fn py_isspace(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

static MN: Lazy<Regex> = Lazy::new(|| Regex::new(r"\p{Mn}+").expect("valid regex"));
static STARS: Lazy<Regex> = Lazy::new(|| Regex::new(r"[*_]+").expect("valid regex"));
static DASH: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"[\s\x1c-\x1f]*[-\x{2010}-\x{2015}][\s\x1c-\x1f]*").expect("valid regex")
});
static SPACES: Lazy<Regex> = Lazy::new(|| Regex::new(r"[\s\x1c-\x1f]+").expect("valid regex"));

/// Python's `str.casefold()`: lower case plus the full case foldings that
/// differ from it (ß → ss, ς → σ, µ → μ, ligatures, Cherokee …). Applied
/// char by char, so Σ never becomes a final ς.
pub fn casefold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let special: Option<&str> = match c {
            '\u{b5}' => Some("\u{3bc}"),
            '\u{df}' | '\u{1e9e}' => Some("ss"),
            '\u{149}' => Some("\u{2bc}n"),
            '\u{17f}' => Some("s"),
            '\u{3c2}' => Some("\u{3c3}"),
            '\u{3d0}' => Some("\u{3b2}"),
            '\u{3d1}' => Some("\u{3b8}"),
            '\u{3d5}' => Some("\u{3c6}"),
            '\u{3d6}' => Some("\u{3c0}"),
            '\u{3f0}' => Some("\u{3ba}"),
            '\u{3f1}' => Some("\u{3c1}"),
            '\u{3f5}' => Some("\u{3b5}"),
            '\u{1fbe}' => Some("\u{3b9}"),
            '\u{1e9a}' => Some("a\u{2be}"),
            '\u{587}' => Some("\u{565}\u{582}"),
            '\u{fb00}' => Some("ff"),
            '\u{fb01}' => Some("fi"),
            '\u{fb02}' => Some("fl"),
            '\u{fb03}' => Some("ffi"),
            '\u{fb04}' => Some("ffl"),
            '\u{fb05}' | '\u{fb06}' => Some("st"),
            _ => None,
        };
        if let Some(s) = special {
            out.push_str(s);
        } else if ('\u{13a0}'..='\u{13f5}').contains(&c) {
            out.push(c); // Cherokee capitals are their own case fold
        } else if ('\u{13f8}'..='\u{13fd}').contains(&c) {
            out.push(char::from_u32(c as u32 - 8).unwrap_or(c));
        } else if ('\u{ab70}'..='\u{abbf}').contains(&c) {
            out.push(char::from_u32(c as u32 - 0xab70 + 0x13a0).unwrap_or(c));
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// `fold()` of a string: Đ/đ → D/d, NFD, drop non-spacing marks, casefold,
/// drop `*`/`_`, every hyphen or dash (spaced or not) → " - ", collapse
/// white space, strip.
pub fn fold_str(s: &str) -> String {
    let s: String = s.replace('Đ', "D").replace('đ', "d").nfd().collect();
    let s = casefold(&MN.replace_all(&s, ""));
    let s = STARS.replace_all(&s, "");
    let s = DASH.replace_all(&s, " - ");
    let s = SPACES.replace_all(&s, " ");
    s.trim_matches(py_isspace).to_string()
}

/// `fold()` of any JSON value (`None` for null), through Python's `str()`.
pub fn fold(v: &Value) -> Option<String> {
    py_str(v).map(|s| fold_str(&s))
}

/// `num_key()`: NFC, white space removed, casefolded; null and other falsy
/// values give "".
pub fn num_key(v: &Value) -> String {
    if !truthy(v) {
        return String::new();
    }
    let s = py_str(v).unwrap_or_default();
    num_key_str(&s)
}

/// `num_key()` of a string.
pub fn num_key_str(s: &str) -> String {
    let s: String = s.nfc().filter(|&c| !py_isspace(c)).collect();
    casefold(&s)
}

/// Python truthiness of a JSON value.
pub fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

/// `x.get(key)` on a value that should be an object (null otherwise).
pub fn get<'v>(v: &'v Value, key: &str) -> &'v Value {
    v.get(key).unwrap_or(&NULL)
}

/// Python's `str()` of a JSON-decoded value (`None` for null).
pub fn py_str(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        _ => Some(py_repr(v)),
    }
}

/// Python's `repr()` of a JSON-decoded value.
pub fn py_repr(v: &Value) -> String {
    match v {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Number(n) => {
            if n.is_i64() || n.is_u64() {
                n.to_string()
            } else {
                py_float_repr(n.as_f64().unwrap_or(f64::NAN))
            }
        }
        Value::String(s) => {
            let quote = if s.contains('\'') && !s.contains('"') {
                '"'
            } else {
                '\''
            };
            let mut out = String::from(quote);
            for c in s.chars() {
                match c {
                    '\\' => out.push_str("\\\\"),
                    '\n' => out.push_str("\\n"),
                    '\r' => out.push_str("\\r"),
                    '\t' => out.push_str("\\t"),
                    c if c == quote => {
                        out.push('\\');
                        out.push(c);
                    }
                    c => out.push(c),
                }
            }
            out.push(quote);
            out
        }
        Value::Array(a) => {
            let items: Vec<String> = a.iter().map(py_repr).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(o) => {
            let items: Vec<String> = o
                .iter()
                .map(|(k, v)| format!("{}: {}", py_repr(&Value::String(k.clone())), py_repr(v)))
                .collect();
            format!("{{{}}}", items.join(", "))
        }
    }
}

/// Python's `repr()` of a float: shortest round-trip digits, fixed notation
/// for decimal exponents in [-4, 16) with at least one fractional digit,
/// scientific (`1e+16`, `1.5e-05`) otherwise.
pub fn py_float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.into();
    }
    let sci = format!("{x:e}"); // e.g. "-1.643e3", shortest round-trip digits
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    if (-4..16).contains(&exp) {
        let point = exp + 1; // digits before the decimal point
        let (int, frac) = if point <= 0 {
            (
                "0".to_string(),
                "0".repeat((-point) as usize) + digits.as_str(),
            )
        } else if point as usize >= digits.len() {
            (
                digits.clone() + &"0".repeat(point as usize - digits.len()),
                String::new(),
            )
        } else {
            (
                digits[..point as usize].to_string(),
                digits[point as usize..].to_string(),
            )
        };
        let frac = if frac.is_empty() { "0".into() } else { frac };
        format!("{sign}{int}.{frac}")
    } else {
        let m = if digits.len() > 1 {
            format!("{}.{}", &digits[..1], &digits[1..])
        } else {
            digits
        };
        let esign = if exp < 0 { '-' } else { '+' };
        format!("{sign}{m}e{esign}{:02}", exp.abs())
    }
}

/// Python's `==` between two JSON-decoded values (1 == 1.0 == True).
pub fn py_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Null, Value::Null) => true,
        (Value::String(x), Value::String(y)) => x == y,
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| py_eq(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| py_eq(v, w)))
        }
        (Value::Number(x), Value::Number(y)) => match (x.as_i64(), y.as_i64()) {
            (Some(p), Some(q)) => p == q,
            _ => match (x.as_u64(), y.as_u64()) {
                (Some(p), Some(q)) => p == q,
                _ => x.as_f64() == y.as_f64(),
            },
        },
        _ => match (py_number(a), py_number(b)) {
            (Some(p), Some(q)) => p == q,
            _ => false,
        },
    }
}

/// A number or bool as a float (bools are ints in Python).
pub fn py_number(v: &Value) -> Option<f64> {
    match v {
        Value::Bool(b) => Some(if *b { 1.0 } else { 0.0 }),
        Value::Number(n) => n.as_f64(),
        _ => None,
    }
}

/// Python's `float(x)`, `None` where it raises.
pub fn py_float(v: &Value) -> Option<f64> {
    match v {
        Value::String(s) => {
            let t = s.trim_matches(py_isspace);
            let t = if t.contains('_') {
                // Python accepts single underscores between digits.
                let b: Vec<char> = t.chars().collect();
                let ok = b.iter().enumerate().all(|(i, &c)| {
                    c != '_'
                        || (i > 0
                            && i + 1 < b.len()
                            && b[i - 1].is_ascii_digit()
                            && b[i + 1].is_ascii_digit())
                });
                if !ok {
                    return None;
                }
                t.replace('_', "")
            } else {
                t.to_string()
            };
            t.parse::<f64>().ok()
        }
        _ => py_number(v),
    }
}

/// Python's `round(x, ndigits)` on a float: correctly rounded, ties to even
/// on the exact binary value (Rust's fixed-precision formatting does the
/// same).
pub fn py_round(x: f64, ndigits: usize) -> f64 {
    if !x.is_finite() {
        return x;
    }
    format!("{x:.ndigits$}").parse().unwrap_or(x)
}

/// `span_line(x)`: `x.span.line` when `span` is a non-empty object holding
/// `line`, else `x.line`.
pub fn span_line(x: &Value) -> &Value {
    let sp = get(x, "span");
    match sp {
        Value::Object(o) if !o.is_empty() => o.get("line").unwrap_or_else(|| get(x, "line")),
        _ => get(x, "line"),
    }
}

/// A value iterated as Python would for `for e in (v or [])`: the items of
/// an array, the characters of a string, nothing otherwise.
pub fn py_iter(v: &Value) -> Vec<Value> {
    match v {
        Value::Array(a) => a.clone(),
        Value::String(s) => s.chars().map(|c| Value::String(c.to_string())).collect(),
        Value::Object(o) => o.keys().map(|k| Value::String(k.clone())).collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn fold_matches_score_py() {
        // Expected values computed with score.py's fold().
        assert_eq!(fold_str("Ủy ban nhân dân"), "uy ban nhan dan");
        assert_eq!(fold_str("Uỷ  BAN\tnhân-dân"), "uy ban nhan - dan");
        assert_eq!(fold_str("**Sở** Nội_vụ "), "so noivu");
        assert_eq!(fold_str("2011–2015"), "2011 - 2015");
        assert_eq!(fold_str("Đảng ĐOÀN"), "dang doan");
        assert_eq!(fold_str("Straße"), "strasse");
        assert_eq!(fold(&json!(true)).as_deref(), Some("true"));
        assert_eq!(fold(&json!(2021)), fold(&json!("2021")));
        assert_ne!(fold(&json!(162.0)), fold(&json!(162)));
        assert_eq!(fold(&Value::Null), None);
    }

    #[test]
    fn num_keys() {
        assert_eq!(num_key(&json!("222- KH/TU")), "222-kh/tu");
        assert_eq!(num_key(&Value::Null), "");
        assert_eq!(num_key_str("27/NQ- TW"), "27/nq-tw");
    }

    #[test]
    fn float_repr_like_python() {
        for (x, s) in [
            (162.0, "162.0"),
            (4.3, "4.3"),
            (1e16, "1e+16"),
            (1.5e16, "1.5e+16"),
            (1e-5, "1e-05"),
            (0.0001, "0.0001"),
            (-0.0, "-0.0"),
            (123456789012345680.0, "1.2345678901234568e+17"),
            (0.1, "0.1"),
            (1234.5678, "1234.5678"),
        ] {
            assert_eq!(py_float_repr(x), s, "{x}");
        }
    }

    #[test]
    fn round_ties_to_even_like_python() {
        assert_eq!(py_round(0.0625, 3), 0.062);
        assert_eq!(py_round(0.4375, 3), 0.438);
        assert_eq!(py_round(2.675, 2), 2.67);
        assert_eq!(py_round(1.0 / 3.0, 3), 0.333);
    }

    #[test]
    fn equality_and_float() {
        assert!(py_eq(&json!(1), &json!(1.0)));
        assert!(py_eq(&json!(true), &json!(1)));
        assert!(!py_eq(&json!("1"), &json!(1)));
        assert_eq!(py_float(&json!(" 4.3 ")), Some(4.3));
        assert_eq!(py_float(&json!("1_000")), Some(1000.0));
        assert_eq!(py_float(&json!("x")), None);
        assert_eq!(py_float(&Value::Null), None);
    }

    #[test]
    fn span_lines() {
        assert_eq!(
            span_line(&json!({"span": {"line": 3}, "line": 9})),
            &json!(3)
        );
        assert_eq!(span_line(&json!({"span": {}, "line": 9})), &json!(9));
        assert_eq!(
            span_line(&json!({"span": {"start": 1}, "line": 9})),
            &json!(9)
        );
        assert_eq!(
            span_line(&json!({"span": {"line": null}, "line": 9})),
            &NULL
        );
    }
}
