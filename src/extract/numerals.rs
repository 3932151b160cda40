//! Vietnamese numerals: the numbers plans write, as values.
//!
//! * digits: "." groups thousands ("1.643" = 1643, "100.000" = 100000), ","
//!   marks decimals ("4,3" = 4.3, "25,0" = 25), leading zeros are kept in
//!   counts ("07" = 7); a "." not followed by groups of three digits is a
//!   decimal point ("4.3" = 4.3, as in some web exports);
//! * words: "một", "hai mươi lăm", "một trăm" … from the `number_word`
//!   vocabulary (rules/common/numerals.toml), whose entries give a `number`
//!   and, for "mươi", "trăm", "nghìn", a `multiplier`.
//!
//! What this module does not do: decide whether a number is a quantity
//! (a section number "4.1.", a date, a year): the rules that match it do.

use crate::rules::Vocab;

/// The value of a number written with digits, or None if `s` is not one.
pub fn parse_number(s: &str) -> Option<f64> {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    if s.is_empty() || !s.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    if !s
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return None;
    }
    let plain = if let Some((int, frac)) = s.split_once(',') {
        // "1.234,5": dots group thousands, the comma is the decimal mark.
        if frac.is_empty() || frac.contains([',', '.']) {
            return None;
        }
        format!("{}.{frac}", int.replace('.', ""))
    } else if s.contains('.') {
        let mut groups = s.split('.');
        let first = groups.next().unwrap_or("");
        let rest: Vec<&str> = groups.collect();
        if !first.is_empty() && first.len() <= 3 && rest.iter().all(|g| g.len() == 3) {
            s.replace('.', "")
        } else if rest.len() == 1 && !rest[0].is_empty() {
            s.clone()
        } else {
            return None;
        }
    } else {
        s
    };
    plain.parse::<f64>().ok()
}

fn integer_attr(entry: &crate::rules::VocabEntry, key: &str) -> Option<i64> {
    entry.attrs.get(key).and_then(toml::Value::as_integer)
}

/// The value of a number written in words ("hai mươi lăm" = 25), read with
/// the `number_word` vocabulary; None if a word is not a number word.
pub fn parse_words(s: &str, words: &Vocab) -> Option<f64> {
    let mut total: i64 = 0;
    let mut current: i64 = 0;
    let mut last: i64 = 0;
    let mut any = false;
    for w in s.split_whitespace() {
        let entry = words.lookup(w)?;
        any = true;
        match integer_attr(entry, "multiplier") {
            Some(m) if m >= 1000 => {
                total += current.max(1) * m;
                current = 0;
                last = 0;
            }
            Some(m) => {
                // "hai mươi": the last digit scales; "mươi" alone is ten.
                let base = if last == 0 { 1 } else { last };
                current += base * m - last;
                last = 0;
            }
            None => {
                let n = integer_attr(entry, "number")?;
                current += n;
                last = n;
            }
        }
    }
    any.then_some((total + current) as f64)
}

/// Number of decimal places written in `s` ("4,3" → 1, "25,0" → 1, "11" → 0).
pub fn decimals(s: &str) -> usize {
    s.split_once(',').map_or(0, |(_, f)| f.trim().len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    #[test]
    fn digits() {
        let cases = [
            ("1.643", 1643.0),
            ("11.531", 11531.0),
            ("100.000", 100000.0),
            ("4,3", 4.3),
            ("25,0", 25.0),
            ("07", 7.0),
            ("162", 162.0),
            ("1.234,5", 1234.5),
            ("1,7", 1.7),
            ("4.3", 4.3),
            ("14,8 ", 14.8),
        ];
        for (s, v) in cases {
            assert_eq!(parse_number(s), Some(v), "{s}");
        }
        for s in ["", "a", "4.1.", ",5", "1,2,3", "1.2.34"] {
            assert_eq!(parse_number(s), None, "{s}");
        }
        assert_eq!(decimals("4,3"), 1);
        assert_eq!(decimals("11"), 0);
    }

    #[test]
    fn words() {
        let rules = RuleSet::embedded().unwrap();
        let v = rules.vocab("number_word").unwrap();
        for (s, n) in [
            ("một", 1.0),
            ("hai", 2.0),
            ("mười", 10.0),
            ("hai mươi", 20.0),
            ("hai mươi lăm", 25.0),
            ("một trăm", 100.0),
            ("một trăm hai mươi", 120.0),
            ("ba nghìn", 3000.0),
        ] {
            assert_eq!(parse_words(s, v), Some(n), "{s}");
        }
        assert_eq!(parse_words("một số", v), None);
    }
}
