//! Where the body name rules are tried: at their anchors, not over whole
//! lines.
//!
//! A rule with `start = "anchor"` (`rules/bodies/rules.toml`) only matches
//! where one of its anchor words starts a word ("Sở", "Ban", "các",
//! "UBND" …). One Aho-Corasick pass over every such anchor finds those
//! places, and the rule's pattern, anchored there, runs on the rest of the
//! line: a few characters per try instead of every line in full. The
//! automaton and the anchored patterns are built once per rule set
//! ([`RuleSet::cached`]).

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex::Regex;

use super::lists::starts_word;
use crate::rules::{RuleSet, anchor_variants};

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
    pub groups: HashMap<String, (usize, usize)>,
}

/// The automaton over the anchors of the head rules.
#[derive(Debug)]
pub struct HeadIndex {
    ac: Option<AhoCorasick>,
    pattern_rules: Vec<Vec<usize>>,
    /// The head rules.
    pub rules: Vec<HeadRule>,
}

impl HeadIndex {
    /// Build the index over the rules of `kind` with `start = "anchor"`.
    pub fn build(set: &RuleSet, kind: &str) -> HeadIndex {
        let mut rules = Vec::new();
        let mut words: Vec<String> = Vec::new();
        let mut pattern_rules: Vec<Vec<usize>> = Vec::new();
        for rule in set.rules_of(kind) {
            if rule.attr("start") != Some("anchor") {
                continue;
            }
            let Ok(regex) = Regex::new(&format!("^(?:{})", rule.regex.as_str())) else {
                continue;
            };
            let r = rules.len();
            rules.push(HeadRule {
                id: rule.id.clone(),
                regex,
                vocab: rule.attr("vocab").map(str::to_string),
                priority: rule.priority,
            });
            for a in rule.anchors.iter().flat_map(|a| anchor_variants(a)) {
                match words.iter().position(|w| *w == a) {
                    Some(i) => pattern_rules[i].push(r),
                    None => {
                        words.push(a);
                        pattern_rules.push(vec![r]);
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
        }
    }

    /// Every match of the head rules that starts before `limit`.
    pub fn matches(&self, text: &str, limit: usize) -> Vec<Hit> {
        let Some(ac) = &self.ac else {
            return Vec::new();
        };
        let mut locs: Vec<_> = self
            .rules
            .iter()
            .map(|r| r.regex.capture_locations())
            .collect();
        let mut tried: Vec<(usize, usize)> = Vec::new();
        let mut out = Vec::new();
        let hay = &text[..limit.min(text.len())];
        for m in ac.find_overlapping_iter(hay) {
            let p = m.start();
            if !starts_word(text, p) {
                continue;
            }
            let end = memchr::memchr(b'\n', &text.as_bytes()[p..]).map_or(text.len(), |o| p + o);
            for &r in &self.pattern_rules[m.pattern().as_usize()] {
                if tried.contains(&(p, r)) {
                    continue;
                }
                tried.push((p, r));
                if tried.len() > 64 {
                    tried.drain(..32);
                }
                let rule = &self.rules[r];
                // The lazy DFA finds the match; capture groups only when the
                // rule has more than the name.
                let Some(found) = rule.regex.find(&text[p..end]) else {
                    continue;
                };
                if rule.vocab.is_some() {
                    let name = (p, p + found.end());
                    out.push(Hit {
                        rule: r,
                        start: p,
                        end: p + found.end(),
                        groups: HashMap::from([("name".to_string(), name)]),
                    });
                    continue;
                }
                if rule
                    .regex
                    .captures_read(&mut locs[r], &text[p..p + found.end()])
                    .is_none()
                {
                    continue;
                }
                let groups = rule
                    .regex
                    .capture_names()
                    .enumerate()
                    .filter_map(|(i, n)| Some((n?.to_string(), locs[r].get(i)?)))
                    .map(|(n, (s, e))| (n, (s + p, e + p)))
                    .collect();
                out.push(Hit {
                    rule: r,
                    start: p,
                    end: p + found.end(),
                    groups,
                });
            }
        }
        out
    }
}
