//! One tone-mark placement for the open syllables oa, oe, uy.
//!
//! Vietnamese writes the tone of an oa/oe/uy nucleus without a final
//! consonant either on the first vowel ("hòa, khóa, thủy, Ủy": the old style
//! of laws and the Decree 30/2020 templates) or on the second ("hoà, khoá,
//! thuỷ, Uỷ": the MOET 1989/QĐ-BGDĐT style). NFC keeps them apart (they are
//! different letters), so matching needs one of them. A syllable with a
//! final letter ("hoàn", "ngoài", "khuyến") or with "qu" ("quý") is never
//! touched.

use aho_corasick::{AhoCorasick, MatchKind};
use once_cell::sync::Lazy;
use unicode_normalization::char::compose;

use super::{Log, Options, ToneStyle};

/// huyền, sắc, hỏi, ngã, nặng as combining marks.
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{309}', '\u{303}', '\u{323}'];
const PAIRS: [(char, char); 3] = [('o', 'a'), ('o', 'e'), ('u', 'y')];

/// Patterns and their replacements for converting *to* a style.
struct Table {
    ac: AhoCorasick,
    replacements: Vec<String>,
    /// Pattern starts with u/U followed by y/Y: skip after q.
    is_uy: Vec<bool>,
}

fn build(to: ToneStyle) -> Table {
    let mut patterns = Vec::new();
    let mut replacements = Vec::new();
    let mut is_uy = Vec::new();
    for (v1, v2) in PAIRS {
        for (up1, up2) in [(false, false), (true, true), (true, false), (false, true)] {
            let c1 = if up1 { v1.to_ascii_uppercase() } else { v1 };
            let c2 = if up2 { v2.to_ascii_uppercase() } else { v2 };
            for t in TONES {
                let (Some(t1), Some(t2)) = (compose(c1, t), compose(c2, t)) else {
                    continue;
                };
                let old = format!("{t1}{c2}");
                let new = format!("{c1}{t2}");
                let (from, to_s) = if to == ToneStyle::Old {
                    (new, old)
                } else {
                    (old, new)
                };
                patterns.push(from);
                replacements.push(to_s);
                is_uy.push(v1 == 'u');
            }
        }
    }
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .build(&patterns)
        .expect("tone patterns compile");
    Table {
        ac,
        replacements,
        is_uy,
    }
}

static TO_OLD: Lazy<Table> = Lazy::new(|| build(ToneStyle::Old));
static TO_NEW: Lazy<Table> = Lazy::new(|| build(ToneStyle::New));

pub(super) fn apply(input: &str, opts: &Options, log: &mut Log) -> Option<String> {
    let table = match opts.tone {
        ToneStyle::Old => &*TO_OLD,
        ToneStyle::New => &*TO_NEW,
        ToneStyle::Keep => return None,
    };
    let mut out: Option<String> = None;
    let mut copied = 0;
    for m in table.ac.find_iter(input) {
        let (s, e) = (m.start(), m.end());
        // Open syllable: nothing alphabetic follows.
        if input[e..].chars().next().is_some_and(char::is_alphabetic) {
            continue;
        }
        let prev = input[..s].chars().next_back();
        let pid = m.pattern().as_usize();
        if table.is_uy[pid] && matches!(prev, Some('q' | 'Q')) {
            continue;
        }
        // The pair must start the nucleus: "ươ"/"uo" + a are not oa.
        if prev.is_some_and(|p| "uUưƯ".contains(p)) && !table.is_uy[pid] {
            continue;
        }
        let rep = &table.replacements[pid];
        let buf = out.get_or_insert_with(|| String::with_capacity(input.len()));
        buf.push_str(&input[copied..s]);
        buf.push_str(rep);
        copied = e;
        log.stats_mut().tone_marks += 1;
        if log.explaining() {
            let word_start = input[..s]
                .rfind(|c: char| !c.is_alphabetic())
                .map_or(0, |p| p + 1);
            let word = &input[word_start..e];
            log.detail(input, s, word, format!("{}{rep}", &input[word_start..s]));
        }
    }
    let mut out = out?;
    out.push_str(&input[copied..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn to(style: ToneStyle, s: &str) -> String {
        let mut log = Log::new(false);
        apply(s, &Options { tone: style }, &mut log).unwrap_or_else(|| s.to_string())
    }

    #[test]
    fn new_to_old() {
        assert_eq!(
            to(ToneStyle::Old, "hoà khoá thuỷ Uỷ ban UỶ BAN hoạ khoẻ"),
            "hòa khóa thủy Ủy ban ỦY BAN họa khỏe"
        );
    }

    #[test]
    fn old_to_new() {
        assert_eq!(
            to(ToneStyle::New, "hòa khóa thủy Ủy ban ỦY BAN"),
            "hoà khoá thuỷ Uỷ ban UỶ BAN"
        );
    }

    #[test]
    fn closed_syllables_and_qu_untouched() {
        for s in ["hoàn thành", "ngoài", "quý", "Quỳ", "khuyến", "xoá bỏ"] {
            let out = to(ToneStyle::Old, s);
            if s == "xoá bỏ" {
                assert_eq!(out, "xóa bỏ");
            } else {
                assert_eq!(out, s);
            }
        }
        assert_eq!(to(ToneStyle::New, "quý"), "quý");
        assert_eq!(to(ToneStyle::Keep, "hoà"), "hoà");
    }
}
