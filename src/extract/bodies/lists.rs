//! Lists of bodies in role positions: after a marker ("phối hợp với A, B
//! và các sở, ngành"), before one ("A, B chủ trì"), or as the subject of a
//! clause ("Thủ trưởng các sở, ban, ngành, Chủ tịch UBND các huyện …
//! chủ động …").
//!
//! A list is a run of mentions separated by ",", ";", "và", "cùng"; the
//! head of a body stands for it ("Giám đốc", "Thủ trưởng", "Chủ tịch" are
//! skipped). In a role position an unknown but well-formed name ("Trường
//! Cao đẳng Nghề", "Báo Điện Biên Phủ") is read too: a head word of
//! `body_generic_head` followed by capitalised syllables.

use super::mentions::{Mention, Name, fold_ws};
use crate::rules::Vocab;

/// One body of a list: a mention (by index) or an unknown name.
#[derive(Debug, Clone)]
pub struct Item {
    /// The names.
    pub names: Vec<Name>,
    /// Index of the mention, if it is one.
    pub mention: Option<usize>,
}

/// `char::is_alphanumeric`, with fast paths for ASCII and the Latin blocks
/// Vietnamese is written in (the general lookup is a table search).
#[inline]
pub fn is_alnum(c: char) -> bool {
    match c {
        _ if c.is_ascii() => c.is_ascii_alphanumeric(),
        '\u{d7}' | '\u{f7}' => false,
        '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}' => true,
        _ => c.is_alphanumeric(),
    }
}

/// Does a word start at `pos` (no letter or digit just before it)?
pub fn starts_word(text: &str, pos: usize) -> bool {
    !text[..pos].chars().next_back().is_some_and(is_alnum)
}

/// Does a word end at `pos` (no letter or digit just after it)?
pub fn ends_word(text: &str, pos: usize) -> bool {
    !text[pos..].chars().next().is_some_and(is_alnum)
}

/// Words that join list members.
const SEPARATORS: &[&str] = &[",", ";", "và", "&"];
/// A person who heads a body stands for it.
const HEADS: &[&str] = &[
    "giám đốc",
    "thủ trưởng",
    "chủ tịch",
    "người đứng đầu",
    "lãnh đạo",
    "trưởng",
    "bí thư",
    "ban giám đốc",
];

/// `text` starting at `pos` with leading white space skipped.
fn skip_ws(text: &str, pos: usize) -> usize {
    pos + (text[pos..].len() - text[pos..].trim_start().len())
}

/// Byte length of `word` at the start of `rest`, ignoring case.
fn prefix_ci(rest: &str, word: &str) -> Option<usize> {
    let mut len = 0;
    let mut chars = rest.chars();
    for w in word.chars() {
        let c = chars.next()?;
        if c != w && c.to_lowercase().next() != Some(w) {
            return None;
        }
        len += c.len_utf8();
    }
    Some(len)
}

/// After a separator or a person head at `pos`, the position past it.
fn skip_word(text: &str, pos: usize, words: &[&str]) -> Option<usize> {
    let rest = &text[pos..];
    let first = rest.chars().next()?.to_lowercase().next()?;
    words.iter().find_map(|w| {
        if !w.starts_with(first) {
            return None;
        }
        let n = prefix_ci(rest, w)?;
        rest[n..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric())
            .then_some(pos + n)
    })
}

/// The mention starting at `pos`, if any (`mentions` sorted by start).
fn mention_at(mentions: &[Mention], pos: usize) -> Option<usize> {
    let i = mentions.partition_point(|m| m.start < pos);
    (i < mentions.len() && mentions[i].start == pos).then_some(i)
}

/// Words that end an unknown name.
const STOP: &[&str] = &[
    "của", "thuộc", "trực", "các", "để", "trong", "tại", "với", "chủ", "phối", "về", "theo", "làm",
    "xây", "thực", "tổ", "và", "cùng", "có", "đối", "nhằm", "trên",
];

/// The next word at or after `cur` (after spaces): (start, word).
fn next_word(text: &str, cur: usize) -> Option<(usize, &str)> {
    let rest = &text[cur..];
    let p = cur + (rest.len() - rest.trim_start_matches([' ', '\t']).len());
    if p == cur {
        return None;
    }
    let w = text[p..].split([' ', '\t', '\n']).next()?;
    (!w.is_empty()).then_some((p, w))
}

fn upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// What reads an unknown name: its head words, and the predicate rule that
/// ends it ("Báo Quảng Nam tăng cường …").
#[derive(Clone, Copy)]
pub struct Generic<'r> {
    /// Head words (`body_generic_head`).
    pub heads: &'r Vocab,
    /// `task.subject_predicate`.
    pub predicate: Option<&'r crate::rules::RuleRegex>,
}

/// An unknown name with a known head word at `pos`: (end, name). After the
/// head come capitalised syllables; a capitalised word may be followed by
/// up to three lower-case ones ("Cao đẳng", "Phát thanh") unless it closes
/// a proper name of several capitalised syllables ("Hà Tĩnh"); a final
/// "tỉnh" is part of the name.
pub fn generic_at(text: &str, pos: usize, g: Option<Generic<'_>>) -> Option<(usize, Name)> {
    let g = g?;
    let rest = &text[pos..];
    let head = g
        .heads
        .entries
        .iter()
        .flat_map(|e| e.forms.iter())
        .filter(|f| rest.starts_with(f.as_str()) && rest[f.len()..].starts_with(' '))
        .max_by_key(|f| f.len())?;
    let mut end = pos + head.len();
    let mut cur = end;
    let (mut caps, mut cap_run, mut lower_run) = (0, 0, 0);
    while let Some((p, w)) = next_word(text, cur) {
        let clean = w.trim_end_matches([',', ';', '.', ':', ')', '(']);
        let next_upper = next_word(text, p + w.len()).is_some_and(|(_, n)| upper(n));
        if upper(clean) {
            caps += 1;
            cap_run += 1;
            lower_run = 0;
        } else if matches!(clean, "-" | "–" | "và") && next_upper && clean.len() == w.len() {
            cur = p + w.len();
            continue;
        } else if clean == "tỉnh" && caps > 0 {
            end = p + clean.len();
            break;
        } else if caps > 0
            && lower_run < 3
            && (cap_run == 1 || lower_run > 0)
            && clean.chars().next().is_some_and(char::is_lowercase)
            && !STOP.contains(&clean)
            && !g.predicate.is_some_and(|re| re.is_match(&text[p..]))
        {
            lower_run += 1;
            cap_run = 0;
        } else {
            break;
        }
        end = p + clean.len();
        cur = p + w.len();
        if clean.len() < w.len() {
            break;
        }
    }
    (caps > 0).then(|| {
        let name = fold_ws(&text[pos..end]);
        let level = if name.ends_with(" tỉnh") {
            "provincial"
        } else {
            "unknown"
        };
        (end, Name::new(name, level))
    })
}

/// Levels named in a list of issuers that are not bodies themselves
/// ("các văn bản của Trung ương, Tỉnh ủy", "của Trung ương, của Chính phủ").
const FILLERS: &[&str] = &["trung ương", "nhà nước", "đảng", "của"];

/// The list of bodies starting at `pos`, up to `limit`; and where it ends.
/// `heads` (the generic head words) also reads unknown names; `fillers`
/// steps over levels such as "Trung ương" between issuers.
pub fn after(
    text: &str,
    mentions: &[Mention],
    pos: usize,
    limit: usize,
    heads: Option<Generic<'_>>,
    fillers: bool,
) -> (Vec<Item>, usize) {
    let mut out = Vec::new();
    let mut at = skip_ws(text, pos);
    let mut end = pos;
    loop {
        let mut p = at;
        // A person stands for the body he heads.
        if mention_at(mentions, p).is_none()
            && let Some(q) = skip_word(text, p, HEADS)
        {
            p = skip_ws(text, q);
        }
        while fillers && mention_at(mentions, p).is_none() {
            let Some(q) = skip_word(text, p, FILLERS) else {
                break;
            };
            p = skip_ws(text, q);
            while let Some(n) = skip_word(text, p, SEPARATORS)
                .or_else(|| text[p..].starts_with([',', ';']).then_some(p + 1))
            {
                p = skip_ws(text, n);
            }
        }
        if p >= limit {
            break;
        }
        if let Some(i) = mention_at(mentions, p) {
            out.push(Item {
                names: mentions[i].names.clone(),
                mention: Some(i),
            });
            end = mentions[i].end;
        } else if let Some((e, name)) = generic_at(text, p, heads).filter(|(e, _)| *e <= limit) {
            out.push(Item {
                names: vec![name],
                mention: None,
            });
            end = e;
        } else {
            break;
        }
        // Separators (", và", ";").
        let mut q = skip_ws(text, end);
        let mut seen = false;
        while let Some(n) = skip_word(text, q, SEPARATORS)
            .or_else(|| text[q..].starts_with([',', ';']).then_some(q + 1))
        {
            seen = true;
            q = skip_ws(text, n);
        }
        if !seen || q >= limit {
            break;
        }
        at = q;
    }
    (out, end)
}

/// The list of bodies that ends right before `pos` (only white space or a
/// comma between), read backwards from `from` on.
pub fn before(text: &str, mentions: &[Mention], pos: usize, from: usize) -> Vec<Item> {
    let mut out: Vec<Item> = Vec::new();
    let mut at = pos;
    let mut i = mentions.partition_point(|m| m.end <= at);
    while i > 0 {
        let m = &mentions[i - 1];
        if m.start < from {
            break;
        }
        let gap = &text[m.end..at];
        let ok = if out.is_empty() {
            matches!(gap.trim(), "" | ",")
        } else {
            only_glue(gap)
        };
        if !ok {
            break;
        }
        out.push(Item {
            names: m.names.clone(),
            mention: Some(i - 1),
        });
        at = m.start;
        i -= 1;
    }
    out.reverse();
    out
}

/// A list of bodies at `pos` that is the subject of a clause: followed by a
/// predicate (`predicate` matches the text after it), and not by "đã" (a
/// past result, not a duty).
pub fn subject_at(
    text: &str,
    mentions: &[Mention],
    pos: usize,
    limit: usize,
    heads: Option<Generic<'_>>,
    predicate: Option<&crate::rules::RuleRegex>,
) -> Option<(Vec<Item>, usize)> {
    let (items, end) = after(text, mentions, pos, limit, heads, false);
    if items.is_empty() || end >= limit {
        return None;
    }
    let rest = &text[end..limit];
    // "các cấp, các ngành, lãnh đạo …": a list that runs on is no subject.
    if rest.trim_start().starts_with(',') {
        return None;
    }
    let is_pred = predicate.is_some_and(|re| re.is_match(rest));
    (is_pred && !rest.trim_start().starts_with("đã ")).then_some((items, end))
}

/// Positions where a clause starts in `range`: its start, and after ". ",
/// "; " or ": " when a capital or a body follows.
pub fn clause_starts(text: &str, start: usize, end: usize) -> Vec<usize> {
    let mut out = vec![skip_ws(text, start)];
    let bytes = text.as_bytes();
    let stop = end.saturating_sub(2).max(start);
    for i in memchr::memchr3_iter(b'.', b';', b':', &bytes[start..stop]) {
        let i = start + i;
        if bytes[i + 1] == b' ' {
            let p = skip_ws(text, i + 1);
            if p < end && text[p..].chars().next().is_some_and(char::is_alphabetic) {
                out.push(p);
            }
        }
    }
    out
}

/// Clause starts after ", " that do not continue a list of bodies ("…
/// cho phù hợp, các cơ quan, đơn vị … không được …").
pub fn comma_starts(text: &str, mentions: &[Mention], start: usize, end: usize) -> Vec<usize> {
    let bytes = text.as_bytes();
    let stop = end.saturating_sub(2).max(start);
    memchr::memchr_iter(b',', &bytes[start..stop])
        .map(|i| start + i)
        .filter(|&i| bytes[i + 1] == b' ')
        .filter(|&i| {
            let k = mentions.partition_point(|m| m.end < i);
            !(k < mentions.len() && mentions[k].end == i)
        })
        .map(|i| i + 2)
        .collect()
}

/// Is `gap` only separators and heads of bodies ("," "; " ", Chủ tịch ")?
fn only_glue(gap: &str) -> bool {
    let mut g = gap.to_lowercase();
    for w in HEADS.iter().chain(SEPARATORS) {
        g = g.replace(w, " ");
    }
    g.trim().is_empty() && gap.len() < 40
}
