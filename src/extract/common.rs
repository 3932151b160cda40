//! Helpers every extractor may use: Vietnamese dates to ISO, Roman numerals,
//! case folding and title case, and header *cells* (a line split at Markdown
//! table bars and `<br>`).
//!
//! What this module does not do: match anything. Patterns live in `rules/`;
//! these functions turn what a rule captured into values.

use std::ops::Range;

use crate::rules::{RuleSet, Vocab, VocabEntry};

/// Days in `month` of `year` (Gregorian).
pub fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 0,
    }
}

/// ISO date of day/month/year, if it is a real date.
pub fn iso_date(day: u32, month: u32, year: u32) -> Option<String> {
    (day >= 1 && (1..=12).contains(&month) && day <= days_in_month(year, month))
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// A date as plans write it — "25/10/2017", "25-10-2017", "25.10.2017",
/// "ngày 30 tháng 4 năm 2025" (day, month, year in that order) — as ISO:
/// the first three numbers in a row that end with a four-digit year.
pub fn parse_date(s: &str) -> Option<String> {
    let (mut a, mut b) = (None::<u32>, None::<u32>);
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        let mut n: u32 = 0;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            n = n
                .saturating_mul(10)
                .saturating_add(u32::from(bytes[i] - b'0'));
            i += 1;
        }
        if i - start > 4 {
            (a, b) = (None, None);
            continue;
        }
        match (a, b) {
            (Some(d), Some(m)) if i - start == 4 => return iso_date(d, m, n),
            _ => (a, b) = (b, Some(n)),
        }
    }
    None
}

/// A possibly partial date (blank day or month in a draft) as ISO:
/// "2023-01-05", "2023-01" or "2023".
pub fn partial_date(day: Option<u32>, month: Option<u32>, year: u32) -> Option<String> {
    match (day, month) {
        (Some(d), Some(m)) => iso_date(d, m, year),
        (None, Some(m)) if (1..=12).contains(&m) => Some(format!("{year:04}-{m:02}")),
        (_, None) => Some(format!("{year:04}")),
        _ => None,
    }
}

/// Value of a Roman numeral (via the `roman` vocabulary of
/// `rules/common/dates.toml`), or of a plain number.
pub fn roman_value(rules: &RuleSet, s: &str) -> Option<u32> {
    let s = s.trim();
    if let Ok(n) = s.parse() {
        return Some(n);
    }
    let entry = rules.vocab("roman")?.lookup(s)?;
    entry.attrs.get("number")?.as_integer().map(|n| n as u32)
}

/// Lower case, diacritics kept, white space folded (for comparisons): the
/// key vocabularies use for lookups.
pub fn fold(s: &str) -> String {
    crate::rules::fold_key(s)
}

/// "NINH THUẬN" → "Ninh Thuận": every word capitalized, the rest lower case.
pub fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, w) in s.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let mut chars = w.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            out.extend(chars.flat_map(char::to_lowercase));
        }
    }
    out
}

/// "KẾT LUẬN" → "Kết luận": first letter capitalized, the rest lower case.
pub fn sentence_case(s: &str) -> String {
    let lower: String = s
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(f) => f.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Is every letter of `s` upper case (and is there at least one)?
pub fn is_upper(s: &str) -> bool {
    let mut any = false;
    for c in s.chars().filter(|c| c.is_alphabetic()) {
        if c.is_lowercase() {
            return false;
        }
        any = true;
    }
    any
}

/// The longest run of at most `max` leading words of `text` that is a form
/// of `vocab` (trailing punctuation of the last word ignored): the entry and
/// the byte length of the run in `text`. Looking a surface up word by word
/// keeps large vocabularies out of regexes; the words are folded one at a
/// time and the search stops as soon as no form starts with them.
pub fn vocab_prefix<'v>(
    vocab: &'v Vocab,
    text: &str,
    max: usize,
) -> Option<(&'v VocabEntry, usize)> {
    const PUNCT: [char; 6] = [',', ';', '.', ':', ')', '('];
    let mut key = String::with_capacity(64);
    let mut best = None;
    for w in text.split_whitespace().take(max) {
        if !key.is_empty() {
            key.push(' ');
        }
        push_lower(&mut key, w);
        let end = w.as_ptr() as usize - text.as_ptr() as usize + w.len();
        let found = vocab.prefix_folded(&key);
        let trimmed = key.trim_end_matches(PUNCT);
        let entry = match found {
            Some(Some(e)) => Some(e),
            _ if trimmed.len() < key.len() => vocab.lookup_folded(trimmed),
            _ => None,
        };
        if let Some(e) = entry {
            best = Some((e, text[..end].trim_end_matches(PUNCT).len()));
        }
        if found.is_none() {
            break;
        }
    }
    best
}

/// Append `w` in lower case, as `char::to_lowercase` would, with fast paths
/// for ASCII and the Vietnamese letters (Latin-1, Latin Extended-A/B pairs,
/// Latin Extended Additional: upper case at even code points).
pub fn push_lower(out: &mut String, w: &str) {
    for c in w.chars() {
        let u = c as u32;
        let lower = match u {
            0x41..=0x5A => char::from_u32(u + 0x20),
            0x00..=0x7F => Some(c),
            0xC0..=0xDE if u != 0xD7 => char::from_u32(u + 0x20),
            0x100..=0x12F | 0x132..=0x137 | 0x14A..=0x177 | 0x1EA0..=0x1EF9
                if u.is_multiple_of(2) =>
            {
                char::from_u32(u + 1)
            }
            0x1A0 | 0x1AF => char::from_u32(u + 1),
            _ if c.is_lowercase() => Some(c),
            _ => None,
        };
        match lower {
            Some(l) => out.push(l),
            None => out.extend(c.to_lowercase()),
        }
    }
}

/// `at` moved forward to a char boundary of `s`.
pub fn boundary(s: &str, mut at: usize) -> usize {
    while at < s.len() && !s.is_char_boundary(at) {
        at += 1;
    }
    at.min(s.len())
}

/// White space folded to single spaces, trimmed.
pub fn fold_space(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The cells of a header line, as byte ranges into `line`: a Markdown table
/// row is split at `|` (separator rows give none) and every cell at `<br>`;
/// a plain line is one cell. Cells are trimmed; empty cells are dropped.
pub fn cells(line: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if memchr::memchr2(b'|', b'<', line.as_bytes()).is_none() {
        let t = line.trim_start();
        let start = line.len() - t.len();
        let t = t.trim_end();
        if !t.is_empty() {
            out.push(start..start + t.len());
        }
        return out;
    }
    let t = line.trim();
    if t.starts_with('|') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t')) {
        return out;
    }
    let mut push = |start: usize, end: usize| {
        let s = &line[start..end];
        let lead = s.len() - s.trim_start().len();
        let trail = s.len() - s.trim_end().len();
        if lead + trail < s.len() {
            out.push(start + lead..end - trail);
        }
    };
    let mut start = 0;
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let br = bytes[i..].starts_with(b"<br>") || bytes[i..].starts_with(b"<br/>");
        if bytes[i] == b'|' || br {
            push(start, i);
            i += if bytes[i] == b'|' {
                1
            } else if bytes[i..].starts_with(b"<br>") {
                4
            } else {
                5
            };
            start = i;
        } else {
            i += 1;
        }
    }
    push(start, bytes.len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(parse_date("25/10/2017").as_deref(), Some("2017-10-25"));
        assert_eq!(parse_date("22-5-2020").as_deref(), Some("2020-05-22"));
        assert_eq!(parse_date("3.2.2018").as_deref(), Some("2018-02-03"));
        assert_eq!(
            parse_date("ngày 30 tháng 4  năm 2025").as_deref(),
            Some("2025-04-30")
        );
        assert_eq!(parse_date("31/2/2020"), None);
        assert_eq!(
            parse_date("1 ngày 09/02/2018").as_deref(),
            Some("2018-02-09")
        );
        assert_eq!(parse_date("29/2/2020").as_deref(), Some("2020-02-29"));
        assert_eq!(parse_date("25/10"), None);
        assert_eq!(
            partial_date(None, Some(1), 2023).as_deref(),
            Some("2023-01")
        );
        assert_eq!(partial_date(None, None, 2023).as_deref(), Some("2023"));
        assert_eq!(
            partial_date(Some(14), Some(8), 2018).as_deref(),
            Some("2018-08-14")
        );
    }

    #[test]
    fn roman() {
        let rules = RuleSet::embedded().unwrap();
        assert_eq!(roman_value(&rules, "XII"), Some(12));
        assert_eq!(roman_value(&rules, "xiii"), Some(13));
        assert_eq!(roman_value(&rules, "12"), Some(12));
        assert_eq!(roman_value(&rules, "sáu"), None);
    }

    #[test]
    fn vocab_prefixes() {
        let rules = RuleSet::embedded().unwrap();
        let v = rules.vocab("issuer").unwrap();
        let (e, n) = vocab_prefix(v, "Ban Chấp hành Trung ương Đảng (khóa XII) về", 10).unwrap();
        assert_eq!(e.value, "Ban Chấp hành Trung ương");
        assert_eq!(n, "Ban Chấp hành Trung ương Đảng".len());
        let (e, _) = vocab_prefix(v, "BỘ CHÍNH TRỊ, BAN BÍ THƯ", 10).unwrap();
        assert_eq!(e.value, "Bộ Chính trị");
        assert!(vocab_prefix(v, "các cơ quan liên quan", 10).is_none());
        assert_eq!(boundary("ả", 1), 3);
    }

    #[test]
    fn fast_lower_is_lower() {
        let s = "ĐẢNG Ủy BAN NHÂN DÂN TỈNH ĐIỆN BIÊN ƯƠNG ƠN ĂN ÂN Ý À ĨŨƠƯ ẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸ İ ß × Ÿ";
        let mut fast = String::new();
        push_lower(&mut fast, s);
        assert_eq!(fast, s.to_lowercase());
        let all: String = (0u32..0x2000).filter_map(char::from_u32).collect();
        let mut fast = String::new();
        push_lower(&mut fast, &all);
        let slow: String = all.chars().flat_map(char::to_lowercase).collect();
        assert_eq!(fast, slow);
    }

    #[test]
    fn cases() {
        assert_eq!(title_case("NINH  THUẬN"), "Ninh Thuận");
        assert_eq!(sentence_case("KẾT LUẬN"), "Kết luận");
        assert!(is_upper("ỦY BAN NHÂN DÂN - 1"));
        assert!(!is_upper("Ủy ban"));
        assert!(!is_upper("123"));
    }

    #[test]
    fn table_cells() {
        let line = "| ỦY BAN NHÂN DÂN<br>TỈNH QUẢNG NAM | CỘNG HÒA |";
        let got: Vec<&str> = cells(line).into_iter().map(|r| &line[r]).collect();
        assert_eq!(got, ["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NAM", "CỘNG HÒA"]);
        assert!(cells("|---|:---:|").is_empty());
        let plain = "  Số: 56/KH-UBND ";
        assert_eq!(&plain[cells(plain)[0].clone()], "Số: 56/KH-UBND");
    }
}
