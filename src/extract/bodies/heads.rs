//! Where the body name rules are tried: at their anchors, not over whole
//! lines.
//!
//! A rule with `start = "anchor"` (`rules/bodies/rules.toml`) only matches
//! where one of its anchor words starts a word ("Sở", "Ban", "các",
//! "UBND" …). One Aho-Corasick pass over every such anchor finds those
//! places. There:
//!
//! * a gazetteer rule (`(?P<name>${vocab})` and an optional tail) is read
//!   by one walk of a character trie over the folded forms of every
//!   gazetteer at once: the longest form of the rule's vocabulary that
//!   starts there is what its pattern's longest-first alternation would
//!   match, and the trie also names its entry (no lookup afterwards);
//! * any other rule runs its pattern, anchored there, on the rest of the
//!   line (capture groups only when it matched).
//!
//! Everything is built once per rule set ([`RuleSet::cached`]).

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex::Regex;

use super::lists::starts_word;
use crate::rules::{RuleSet, anchor_variants};

/// Named groups the body extractor reads (any other group is ignored).
pub const GROUPS: [&str; 8] = [
    "name", "head", "coll", "units", "names", "level", "unit", "qual",
];

/// Slot of a group name in [`GROUPS`].
pub fn slot(name: &str) -> Option<usize> {
    GROUPS.iter().position(|g| *g == name)
}

/// Named groups of a match, by [`GROUPS`] slot.
pub type Groups = [Option<(usize, usize)>; GROUPS.len()];

/// How a head rule is read at an anchor.
#[derive(Debug)]
enum Reader {
    /// A gazetteer form (trie tag) and an optional tail that may be empty.
    Form { tag: usize, tail: Option<Regex> },
    /// The anchored pattern; `slots[i]` is the [`GROUPS`] slot of capture
    /// group `i`.
    Pattern { slots: Vec<Option<usize>> },
}

/// A rule tried at its anchors.
#[derive(Debug)]
pub struct HeadRule {
    /// Rule id.
    pub id: String,
    /// Its pattern, anchored at the start.
    pub regex: Regex,
    /// Its `vocab` attribute.
    pub vocab: Option<String>,
    /// Its priority.
    pub priority: i32,
    reader: Reader,
}

/// A match of a head rule: the rule, the match and its named groups.
#[derive(Debug, Clone)]
pub struct Hit {
    /// Index into [`HeadIndex::rules`].
    pub rule: usize,
    /// Start of the match.
    pub start: usize,
    /// End of the match.
    pub end: usize,
    /// Named groups that took part.
    pub groups: Groups,
    /// For a gazetteer rule whose match is exactly a form: the index of its
    /// entry in the vocabulary.
    pub entry: Option<usize>,
}

/// A character trie over folded forms (lower case; a space stands for any
/// run of white space). Terminal nodes list (tag, entry) pairs.
#[derive(Debug, Default)]
struct Trie {
    edges: Vec<Vec<(char, u32)>>,
    ends: Vec<Vec<(usize, usize)>>,
}

impl Trie {
    fn new() -> Trie {
        Trie {
            edges: vec![Vec::new()],
            ends: vec![Vec::new()],
        }
    }

    fn child(&self, node: u32, c: char) -> Option<u32> {
        self.edges[node as usize]
            .iter()
            .find(|e| e.0 == c)
            .map(|e| e.1)
    }

    fn insert(&mut self, folded: &str, tag: usize, entry: usize) {
        let mut node = 0u32;
        for c in folded.chars() {
            node = match self.child(node, c) {
                Some(n) => n,
                None => {
                    let n = self.edges.len() as u32;
                    self.edges.push(Vec::new());
                    self.ends.push(Vec::new());
                    self.edges[node as usize].push((c, n));
                    n
                }
            };
        }
        let ends = &mut self.ends[node as usize];
        if !ends.iter().any(|e| e.0 == tag) {
            ends.push((tag, entry));
        }
    }

    /// Walk from `pos` to at most `limit` (no line break in between): for
    /// each tag, the end and entry of the longest form that matches.
    fn walk(&self, text: &str, pos: usize, limit: usize, best: &mut [Option<(usize, usize)>]) {
        let mut node = 0u32;
        let mut chars = text[pos..limit].char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c.is_whitespace() {
                while chars.next_if(|(_, c)| c.is_whitespace()).is_some() {}
                match self.child(node, ' ') {
                    Some(n) => node = n,
                    None => return,
                }
                continue;
            }
            for l in c.to_lowercase() {
                match self.child(node, l) {
                    Some(n) => node = n,
                    None => return,
                }
            }
            for &(tag, entry) in &self.ends[node as usize] {
                best[tag] = Some((pos + i + c.len_utf8(), entry));
            }
        }
    }
}

/// The automaton over the anchors of the head rules.
#[derive(Debug)]
pub struct HeadIndex {
    ac: Option<AhoCorasick>,
    /// For each anchor pattern, the rules it triggers (bit set).
    pattern_rules: Vec<u64>,
    /// The head rules.
    pub rules: Vec<HeadRule>,
    trie: Trie,
    tags: usize,
}

/// `tail` when `pattern` is `(?P<name>${vocab})tail` expanded, the
/// alternation being the one of the vocabulary.
fn form_tail<'p>(pattern: &'p str, alternation: &str) -> Option<&'p str> {
    let inner = pattern.strip_prefix("(?P<name>")?;
    match inner.strip_prefix("(?:") {
        Some(rest) => rest.strip_prefix(alternation)?.strip_prefix("))"),
        None => inner.strip_prefix(alternation)?.strip_prefix(')'),
    }
}

impl HeadIndex {
    /// Build the index over the rules of `kind` with `start = "anchor"`.
    pub fn build(set: &RuleSet, kind: &str) -> HeadIndex {
        let mut rules = Vec::new();
        let mut words: Vec<String> = Vec::new();
        let mut pattern_rules: Vec<u64> = Vec::new();
        let mut trie = Trie::new();
        let mut tags = 0;
        for rule in set.rules_of(kind) {
            if rule.attr("start") != Some("anchor") || rules.len() == 64 {
                continue;
            }
            let Ok(regex) = Regex::new(&format!("^(?:{})", rule.regex.as_str())) else {
                continue;
            };
            let vocab = rule.attr("vocab").and_then(|v| set.vocab(v));
            // A gazetteer rule is read by the trie when its pattern is the
            // case-insensitive alternation of its vocabulary and a tail that
            // may be empty (so the longest form always wins).
            let form = vocab.and_then(|v| {
                let alt = v.alternation();
                if !alt.starts_with("(?i:") {
                    return None;
                }
                let tail = form_tail(rule.regex.as_str(), &alt)?;
                let tail = if tail.is_empty() {
                    None
                } else {
                    let re = Regex::new(&format!("^(?:{tail})")).ok()?;
                    re.is_match("").then_some(())?;
                    Some(re)
                };
                Some((v, tail))
            });
            let reader = match form {
                Some((v, tail)) => {
                    let tag = tags;
                    tags += 1;
                    for (i, e) in v.entries.iter().enumerate() {
                        for f in &e.forms {
                            trie.insert(&crate::rules::fold_key(f), tag, i);
                        }
                    }
                    Reader::Form { tag, tail }
                }
                None => Reader::Pattern {
                    slots: regex.capture_names().map(|n| n.and_then(slot)).collect(),
                },
            };
            let r = rules.len();
            rules.push(HeadRule {
                id: rule.id.clone(),
                regex,
                vocab: rule.attr("vocab").map(str::to_string),
                priority: rule.priority,
                reader,
            });
            for a in rule.anchors.iter().flat_map(|a| anchor_variants(a)) {
                match words.iter().position(|w| *w == a) {
                    Some(i) => pattern_rules[i] |= 1 << r,
                    None => {
                        words.push(a);
                        pattern_rules.push(1 << r);
                    }
                }
            }
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&words)
            .ok();
        HeadIndex {
            ac,
            pattern_rules,
            rules,
            trie,
            tags,
        }
    }

    /// Every match of the head rules that starts before `limit`.
    pub fn matches(&self, text: &str, limit: usize) -> Vec<Hit> {
        let Some(ac) = &self.ac else {
            return Vec::new();
        };
        // (position, rules) of every anchor that starts a word.
        let mut at: Vec<(usize, u64)> = Vec::new();
        let hay = &text[..limit.min(text.len())];
        for m in ac.find_overlapping_iter(hay) {
            at.push((m.start(), self.pattern_rules[m.pattern().as_usize()]));
        }
        at.sort_unstable_by_key(|a| a.0);
        let mut out = Vec::new();
        let mut locs: Vec<_> = self
            .rules
            .iter()
            .map(|r| r.regex.capture_locations())
            .collect();
        let mut best: Vec<Option<(usize, usize)>> = vec![None; self.tags];
        let mut k = 0;
        while k < at.len() {
            let p = at[k].0;
            let mut mask = 0u64;
            while k < at.len() && at[k].0 == p {
                mask |= at[k].1;
                k += 1;
            }
            if !starts_word(text, p) {
                continue;
            }
            let end = memchr::memchr(b'\n', &text.as_bytes()[p..]).map_or(text.len(), |o| p + o);
            let mut walked = false;
            let mut bits = mask;
            while bits != 0 {
                let r = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let rule = &self.rules[r];
                match &rule.reader {
                    Reader::Form { tag, tail } => {
                        if !walked {
                            best.iter_mut().for_each(|b| *b = None);
                            self.trie.walk(text, p, end, &mut best);
                            walked = true;
                        }
                        let Some((e, entry)) = best[*tag] else {
                            continue;
                        };
                        let stop = tail
                            .as_ref()
                            .and_then(|t| t.find(&text[e..end]))
                            .map_or(e, |m| e + m.end());
                        let mut groups: Groups = Default::default();
                        groups[0] = Some((p, stop));
                        out.push(Hit {
                            rule: r,
                            start: p,
                            end: stop,
                            groups,
                            entry: (stop == e).then_some(entry),
                        });
                    }
                    Reader::Pattern { slots } => {
                        // The lazy DFA finds the match; capture groups only
                        // then, on the match alone.
                        let Some(found) = rule.regex.find(&text[p..end]) else {
                            continue;
                        };
                        let stop = p + found.end();
                        if rule
                            .regex
                            .captures_read(&mut locs[r], &text[p..stop])
                            .is_none()
                        {
                            continue;
                        }
                        let mut groups: Groups = Default::default();
                        for (i, s) in slots.iter().enumerate() {
                            if let (Some(s), Some((a, b))) = (s, locs[r].get(i)) {
                                groups[*s] = Some((a + p, b + p));
                            }
                        }
                        out.push(Hit {
                            rule: r,
                            start: p,
                            end: stop,
                            groups,
                            entry: None,
                        });
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trie_reads_the_longest_form_of_each_gazetteer() {
        let set = RuleSet::embedded().unwrap();
        let index = HeadIndex::build(&set, "body");
        // Every gazetteer rule is read by the trie.
        for r in &index.rules {
            assert_eq!(
                matches!(r.reader, Reader::Form { .. }),
                r.vocab.is_some(),
                "{}",
                r.id
            );
        }
        let text =
            "giao Sở Tài nguyên và  Môi trường, SỞ Y TẾ và Ban Chấp hành Trung ương Đảng khóa XII";
        let hits = index.matches(text, text.len());
        let got: Vec<_> = hits
            .iter()
            .map(|h| (index.rules[h.rule].id.as_str(), &text[h.start..h.end]))
            .collect();
        assert!(got.contains(&("body.department", "Sở Tài nguyên và  Môi trường")));
        assert!(got.contains(&("body.department", "SỞ Y TẾ")));
        assert!(got.contains(&("body.central", "Ban Chấp hành Trung ương Đảng khóa XII")));
        // Every gazetteer hit is what the rule's own anchored pattern finds.
        for h in &hits {
            let r = &index.rules[h.rule];
            let m = r.regex.find(&text[h.start..]).unwrap();
            assert_eq!(h.start + m.end(), h.end, "{}", r.id);
        }
    }
}
