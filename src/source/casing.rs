//! Restoring the capitals TCVN3 cannot encode.
//!
//! TCVN3 (VN3) has codes for the capitals Ă Â Ê Ô Ơ Ư Đ only; every other
//! accented capital is written with its lowercase code and drawn as a capital
//! by the .VnTimeH fonts. Decoded, "ỦY BAN" reads "ủY BAN" and "KẾ HOẠCH"
//! reads "Kế HOạCH". The repair is conservative — it only touches a
//! lowercase accented letter (one VN3 has no capital for) when the context
//! is unmistakably upper case:
//!
//! * inside a word whose other cased letters are all upper case, with at
//!   least two of them ("HOạCH" → "HOẠCH", "CấP" → "CẤP"); when the letter
//!   ends the word, the next word must not be lower case either (so that a
//!   run-on such as "UBNDDự thảo" keeps its "ự");
//! * in a line whose other cased letters are all upper case, with at least
//!   two of them, and with a Vietnamese upper-case word (two capitals and a
//!   non-ASCII letter) as evidence ("ủY BAN NHÂN DÂN" → "ỦY BAN NHÂN DÂN",
//!   "Kế HOạCH" → "KẾ HOẠCH"; but "Số: 56/KH-UBND" stays);
//! * at the start of the names of state bodies listed as data in
//!   `rules/encodings/tcvn3_capitalized.tsv` ("ủy ban nhân dân" → "Ủy ban
//!   nhân dân"; Decree 30/2020 capitalizes them, so they never stand in
//!   lower case in an administrative document).
//!
//! What it cannot restore: any other capital whose word and line are
//! otherwise lowercase — the first letter of a sentence or of another proper
//! name ("Ấp Bắc", "Mường Ảng", "Trung tâm … và Ứng dụng", "Tỉnh Ủy" read
//! "ấp", "ảng", "ứng", "ủy"), a one-letter capital ("Ý kiến"), and a capital
//! in a word with only one other capital ("Ủy" in a mixed line). Those stay
//! lowercase: the text is still right for search and extraction that ignore
//! case, and a guess would be wrong as often as right. On the five fixture
//! plans the repair restores 262 of the 264 lost capitals and makes none
//! wrong (`tests/encodings.rs` measures it).
//!
//! Cost: a branch-free filter over the raw TCVN3 bytes picks the few lines
//! a rule may change; only those are looked at character by character.

use aho_corasick::{AhoCorasick, MatchKind};
use once_cell::sync::Lazy;

use super::syllable::Letter;

/// How a character counts for the repair.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Upper,
    /// An accented lowercase letter, which TCVN3 also writes for the capital.
    Liftable,
    Lower,
    Uncased,
}

fn kind(c: char) -> Kind {
    if c.is_ascii() {
        return match c {
            'A'..='Z' => Kind::Upper,
            'a'..='z' => Kind::Lower,
            _ => Kind::Uncased,
        };
    }
    match Letter::with_case(c) {
        Some((_, true)) => Kind::Upper,
        // VN3 has codes for the capitals Ă Â Ê Ô Ơ Ư Đ: their lowercase is real.
        Some((l, false))
            if l.tone == 0 && matches!(l.base, 'ă' | 'â' | 'ê' | 'ô' | 'ơ' | 'ư' | 'đ') =>
        {
            Kind::Lower
        }
        Some((_, false)) => Kind::Liftable,
        None if c.is_uppercase() => Kind::Upper,
        None if c.is_lowercase() => Kind::Lower,
        None => Kind::Uncased,
    }
}

fn is_liftable(c: char) -> bool {
    kind(c) == Kind::Liftable
}

/// Counts of cased letters in a stretch of text.
#[derive(Default)]
struct Cases {
    upper: usize,
    liftable: usize,
    lower: usize,
}

impl Cases {
    fn add(&mut self, c: char) {
        self.count(kind(c));
    }

    fn count(&mut self, k: Kind) {
        match k {
            Kind::Upper => self.upper += 1,
            Kind::Liftable => self.liftable += 1,
            Kind::Lower => self.lower += 1,
            Kind::Uncased => {}
        }
    }

    fn all_caps(&self) -> bool {
        self.liftable > 0 && self.lower == 0 && self.upper >= 2
    }
}

fn lift(c: char, out: &mut String) {
    if is_liftable(c) {
        out.extend(c.to_uppercase());
    } else {
        out.push(c);
    }
}

/// Classes of raw TCVN3 bytes (one byte, one character) for
/// [`candidate_lines`]: bit 0 a lowercase letter that is not liftable, bit 1
/// a capital, bit 2 a liftable letter.
static TCVN3_CLASSES: Lazy<[u8; 256]> = Lazy::new(|| {
    let table = super::legacy::table(super::Encoding::Tcvn3);
    std::array::from_fn(|b| match table.map(|t| kind(t.char_of(b as u8))) {
        Some(Kind::Lower) => 1,
        Some(Kind::Upper) => 2,
        Some(Kind::Liftable) => 4,
        _ => 0,
    })
});

/// Windows of three byte classes (`first << 6 | second << 3 | third`) that
/// make a line a candidate for the word rule: two capitals and a liftable
/// letter, or two liftable letters side by side. Every word the word rule
/// changes has one: its letters are all capitals or liftable, there are two
/// capitals, so a liftable letter not next to another one has capitals on
/// its sides or two on one side.
static WINDOWS: Lazy<[bool; 512]> = Lazy::new(|| {
    std::array::from_fn(|idx| {
        let classes = [(idx >> 6) & 7, (idx >> 3) & 7, idx & 7];
        let capitals = classes.iter().filter(|&&c| c == 2).count();
        let liftable = classes.iter().filter(|&&c| c == 4).count();
        (capitals >= 2 && liftable >= 1) || (classes[1] == 4 && classes[2] == 4)
    })
});

/// The 0-based numbers of the lines of the raw TCVN3 `bytes` that a rule
/// may change. Both rules need two capitals at most two letters apart (the
/// word rule in the word it changes; the line rule in its evidence word,
/// whose letters are capitals or liftable, one liftable per syllable), so a
/// first pass looks only for that, testing one byte in the common case. The
/// lines it finds get the exact filter: a window of [`WINDOWS`] (word rule),
/// or a liftable letter and no other lowercase one (line rule).
fn candidate_lines(bytes: &[u8]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', bytes).chain(std::iter::once(bytes.len()));
    for (n, end) in ends.enumerate() {
        let line = bytes.get(start..end).unwrap_or_default();
        if near_capitals(line) && may_change(line) {
            out.push(n);
        }
        start = end + 1;
    }
    out
}

/// Two capitals at most two bytes apart in the raw TCVN3 `line`?
fn near_capitals(line: &[u8]) -> bool {
    let classes = &*TCVN3_CLASSES;
    let (mut prev1, mut prev2) = (false, false);
    for &b in line {
        let capital = classes[usize::from(b)] == 2;
        if capital && (prev1 || prev2) {
            return true;
        }
        (prev2, prev1) = (prev1, capital);
    }
    false
}

/// The exact filter on one raw TCVN3 line.
fn may_change(line: &[u8]) -> bool {
    let (classes, windows) = (&*TCVN3_CLASSES, &*WINDOWS);
    let (mut seen, mut hit) = (0u8, false);
    let (mut p2, mut p1) = (0usize, 0usize);
    for &b in line {
        let c = classes[usize::from(b)];
        seen |= c;
        let c = usize::from(c);
        hit |= windows[(p2 << 6) | (p1 << 3) | c];
        (p2, p1) = (p1, c);
    }
    hit || (seen & 1 == 0 && seen & 4 != 0)
}

/// `line` with its capitals restored, or `None` when nothing changes.
fn fix_line(line: &str) -> Option<String> {
    // One pass deciding whether either rule can apply: a word with
    // two capitals, a letter to lift and no lowercase letter (word rule), or
    // a line without lowercase letters but with one to lift (line rule).
    let (mut line_cases, mut word) = (Cases::default(), Cases::default());
    let mut word_rule = false;
    for c in line.chars() {
        let k = kind(c);
        line_cases.count(k);
        if k == Kind::Uncased && !c.is_alphabetic() {
            word_rule |= word.all_caps();
            word = Cases::default();
        } else {
            word.count(k);
        }
    }
    word_rule |= word.all_caps();
    if !(word_rule || line_cases.lower == 0 && line_cases.liftable > 0) {
        return None;
    }
    let mut cases = Cases::default();
    line.chars().for_each(|c| cases.add(c));
    if cases.liftable == 0 {
        return None;
    }
    let mut out = String::with_capacity(line.len() + 8);
    let mut runs = Vec::new();
    let mut rest = line;
    while let Some(first) = rest.chars().next() {
        let is_word = first.is_alphabetic();
        let end = rest
            .char_indices()
            .find(|&(_, c)| c.is_alphabetic() != is_word)
            .map_or(rest.len(), |(i, _)| i);
        let (run, tail) = rest.split_at(end);
        runs.push((run, is_word));
        rest = tail;
    }
    let words: Vec<(&str, Cases)> = runs
        .iter()
        .filter(|(_, w)| *w)
        .map(|&(run, _)| {
            let mut c = Cases::default();
            run.chars().for_each(|ch| c.add(ch));
            (run, c)
        })
        .collect();
    // The line rule needs a Vietnamese upper-case word as evidence (two
    // capitals and a non-ASCII letter: "NHÂN", "HOạCH"), so that a line of
    // ASCII acronyms ("Số: 56/KH-UBND") keeps its lowercase letters.
    let evidence = words
        .iter()
        .any(|(run, c)| c.lower == 0 && c.upper >= 2 && !run.is_ascii());
    if cases.all_caps() && evidence {
        line.chars().for_each(|c| lift(c, &mut out));
        return Some(out);
    }
    let mut changed = false;
    let mut next_word = 0;
    for &(run, is_word) in &runs {
        if !is_word {
            out.push_str(run);
            continue;
        }
        let Some((_, cases)) = words.get(next_word) else {
            out.push_str(run);
            continue;
        };
        next_word += 1;
        // A word ending in the letter to lift may be a run-on of an acronym
        // and a lowercase word ("UBNDDự thảo"): then the next word decides.
        let ends_liftable = run.chars().last().is_some_and(is_liftable);
        let next_caps = words
            .get(next_word)
            .is_none_or(|(_, c)| c.lower == 0 && c.upper + c.liftable > 0);
        if cases.all_caps() && (!ends_liftable || next_caps) {
            run.chars().for_each(|c| lift(c, &mut out));
            changed = true;
        } else {
            out.push_str(run);
        }
    }
    changed.then_some(out)
}

/// The listed names as TCVN3 decodes them (first letter lower case), the
/// first letter each should have, and one automaton to find them all.
static NAMES: Lazy<(Vec<char>, Option<AhoCorasick>)> = Lazy::new(|| {
    let (decoded, firsts): (Vec<String>, Vec<char>) =
        include_str!("../../rules/encodings/tcvn3_capitalized.tsv")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter_map(|name| {
                let mut chars = name.chars();
                let first = chars.next()?;
                let lower = first.to_lowercase().next()?;
                (lower != first).then(|| (format!("{lower}{}", chars.as_str()), first))
            })
            .unzip();
    let automaton = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&decoded)
        .ok();
    (firsts, automaton)
});

/// Capitalize the listed names (whole words only).
fn capitalize_names(text: &str) -> Option<String> {
    let (firsts, Some(automaton)) = &*NAMES else {
        return None;
    };
    let mut out: Option<String> = None;
    let mut done = 0;
    for m in automaton.find_iter(text) {
        let before = text.get(..m.start()).and_then(|t| t.chars().next_back());
        let after = text.get(m.end()..).and_then(|t| t.chars().next());
        let (Some(&first), Some(old)) = (
            firsts.get(m.pattern().as_usize()),
            text.get(m.start()..).and_then(|t| t.chars().next()),
        ) else {
            continue;
        };
        if before.is_some_and(char::is_alphabetic) || after.is_some_and(char::is_alphabetic) {
            continue;
        }
        let o = out.get_or_insert_with(|| String::with_capacity(text.len()));
        o.push_str(text.get(done..m.start()).unwrap_or_default());
        o.push(first);
        done = m.start() + old.len_utf8();
    }
    let mut o = out?;
    o.push_str(text.get(done..).unwrap_or_default());
    Some(o)
}

/// `text` with the TCVN3 capitals restored where the context tells them;
/// `None` when nothing changes. Line breaks are kept as they are. (The
/// pipeline uses [`restore_tcvn3_capitals`], which looks only at the lines
/// its byte filter lets through; this looks at every line.)
#[cfg(test)]
pub fn restore_capitals(text: &str) -> Option<String> {
    let every: Vec<usize> = (0..=text.matches('\n').count()).collect();
    finish(text, restore_by_case(text, &every))
}

/// The same for `text` decoded from the TCVN3 bytes `raw` (one byte per
/// character, so its lines are the text's lines).
pub fn restore_tcvn3_capitals(text: &str, raw: &[u8]) -> Option<String> {
    finish(text, restore_by_case(text, &candidate_lines(raw)))
}

fn finish(text: &str, by_case: Option<String>) -> Option<String> {
    match by_case {
        Some(fixed) => capitalize_names(&fixed).or(Some(fixed)),
        None => capitalize_names(text),
    }
}

/// The line and word rules on the candidate lines.
fn restore_by_case(text: &str, candidates: &[usize]) -> Option<String> {
    let mut out: Option<String> = None;
    let mut done = 0;
    let mut start = 0;
    let mut wanted = candidates.iter().copied().peekable();
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let Some(&next) = wanted.peek() else { break };
        if n == next {
            wanted.next();
            if let (Some(fixed), Some(before)) = (fix_line(line), text.get(done..start)) {
                let o = out.get_or_insert_with(|| String::with_capacity(text.len() + 64));
                o.push_str(before);
                o.push_str(&fixed);
                done = start + line.len();
            }
        }
        start += line.len();
    }
    let mut o = out?;
    o.push_str(text.get(done..).unwrap_or_default());
    Some(o)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(s: &str) -> String {
        restore_capitals(s).unwrap_or_else(|| s.to_string())
    }

    #[test]
    fn upper_case_lines_and_words() {
        assert_eq!(fix("ủY BAN NHÂN DÂN"), "ỦY BAN NHÂN DÂN");
        assert_eq!(fix("Kế HOạCH\n"), "KẾ HOẠCH\n");
        assert_eq!(
            fix("Căn cứ Kế hoạch số 12/KH-UBND về HOạCH ĐịNH"),
            "Căn cứ Kế hoạch số 12/KH-UBND về HOẠCH ĐỊNH"
        );
        assert_eq!(fix("I. MụC TIÊU\nthực hiện"), "I. MỤC TIÊU\nthực hiện");
    }

    #[test]
    fn lowercase_context_is_left_alone() {
        for s in [
            "Tỉnh ủy ban hành",
            "các ủy ban",
            "ý kiến",
            "Ủy ban",
            "- ủY ban",
            "đã xong",
            "/KH-UBNDDự thảo",
            "Số: 56/KH-UBND",
        ] {
            assert_eq!(restore_capitals(s), None, "{s}");
        }
    }

    #[test]
    fn names_of_state_bodies() {
        assert_eq!(
            fix("tham mưu ủy ban nhân dân tỉnh; - uỷ ban MTTQ, ủy ban Mặt trận"),
            "tham mưu Ủy ban nhân dân tỉnh; - Uỷ ban MTTQ, Ủy ban Mặt trận"
        );
        assert_eq!(fix("Đảng ủy ban hành"), "Đảng ủy ban hành");
        assert_eq!(fix("ủy ban nhân dânx"), "ủy ban nhân dânx");
    }

    #[test]
    fn raw_tcvn3_filter_agrees_with_the_text_filter() {
        let table = super::super::legacy::table(super::super::Encoding::Tcvn3).unwrap();
        let encode = |s: &str| -> Vec<u8> {
            s.chars()
                .map(|c| {
                    (0..=255u8)
                        .find(|&b| table.char_of(b) == c)
                        .unwrap_or_else(|| panic!("{c}"))
                })
                .collect()
        };
        let text = "ủY BAN NHÂN DÂN\nKế HOạCH số 12/KH-UBND\nvề HOạCH ĐịNH, ủy ban nhân dân\n\
                    ĐƯợC\nthực hiện\nUBNDDự thảo\nở NHÂN DÂN\nCộNG HOà Xã HộI\n\
                    I. MụC TIÊU\r\nvề KếT QUả ĐạT ĐƯợC, tiếp";
        let raw = encode(text);
        let want = restore_capitals(text);
        assert!(want.is_some());
        assert_eq!(restore_tcvn3_capitals(text, &raw), want);
    }

    #[test]
    fn only_changed_lines_are_rebuilt() {
        let text = "một\nHOạCH\r\nhai";
        assert_eq!(fix(text), "một\nHOẠCH\r\nhai");
    }
}
