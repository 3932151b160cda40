//! Body mentions: every name of an organisation in the plan's body, with
//! its canonical name(s) and level.
//!
//! Names come from the `body.*` rules without a `role` attribute
//! (`rules/bodies/rules.toml`): gazetteer families (their `vocab` attribute
//! names the vocabulary that canonicalizes the match), People's Committees
//! and Councils (`body.people_committee`), and collectives built from common
//! nouns (`body.collective`, `body.collective_bare`). Overlapping matches
//! keep the earliest, then the longest. Unknown but well-formed names
//! ("Trường Cao đẳng Nghề") are only read in role positions, by
//! [`super::lists`].

use super::heads::{Groups, HeadIndex, slot};
use super::lists;
use crate::extract::Context;
use crate::rules::Vocab;

/// A canonical body name with its level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// Canonical name (SPEC 9).
    pub name: String,
    /// `central`, `provincial`, `district`, `commune` or `unknown`.
    pub level: String,
}

impl Name {
    /// A name with a level.
    pub fn new(name: impl Into<String>, level: &str) -> Self {
        Name {
            name: name.into(),
            level: level.to_string(),
        }
    }
}

/// One mention of one or more bodies ("UBND các huyện A, B" names two).
#[derive(Debug, Clone)]
pub struct Mention {
    /// Byte offset of the match start.
    pub start: usize,
    /// Byte offset of the match end (a dropped qualifier included).
    pub end: usize,
    /// The bodies it names.
    pub names: Vec<Name>,
    /// Id of the rule that found it.
    pub rule: String,
}

/// Fold white space runs to one space (and trim): the words of
/// `split_whitespace` joined by single spaces, built in one pass over the
/// bytes (only a few lead bytes can start a non-ASCII space).
pub fn fold_ws(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut word = 0; // start of the current run of non-space text
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let len = match b {
            b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r' => 1,
            0xc2 | 0xe1 | 0xe2 | 0xe3 => match s[i..].chars().next() {
                Some(c) if c.is_whitespace() => c.len_utf8(),
                _ => {
                    i += 1;
                    continue;
                }
            },
            _ => {
                i += 1;
                continue;
            }
        };
        if word < i {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&s[word..i]);
        }
        i += len;
        word = i;
    }
    if word < s.len() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&s[word..]);
    }
    out
}

fn level_of(v: &Vocab, surface: &str, default: &str) -> (String, String) {
    match v.lookup(surface) {
        Some(e) => (
            e.value.clone(),
            e.attr("level").unwrap_or(default).to_string(),
        ),
        None => (fold_ws(surface), default.to_string()),
    }
}

/// Split a written list "huyện, thị xã và thành phố" into its parts
/// ("ban ngành" is "ban, ngành").
fn split_list(s: &str) -> Vec<String> {
    s.replace("ban ngành", "ban, ngành")
        .split(',')
        .flat_map(|p| p.split(" và "))
        .map(|p| fold_ws(p).to_lowercase())
        .filter(|p| !p.is_empty())
        .collect()
}

fn unit_level(unit: &str) -> &'static str {
    match unit {
        "tỉnh" => "provincial",
        "xã" | "phường" | "thị trấn" => "commune",
        _ => "district",
    }
}

/// A match of a body rule, found at an anchor or over a line.
struct Found<'x> {
    id: &'x str,
    vocab: Option<&'x str>,
    priority: i32,
    start: usize,
    end: usize,
    groups: Groups,
    /// The vocabulary entry, when the match is exactly one of its forms.
    entry: Option<usize>,
    text: &'x str,
}

impl Found<'_> {
    fn group(&self, name: &str) -> Option<(usize, usize)> {
        self.groups[slot(name)?]
    }

    fn text(&self, name: &str) -> Option<&str> {
        self.group(name).map(|(s, e)| &self.text[s..e])
    }
}

/// Canonical names of a People's Committee or Council match.
fn council(m: &Found<'_>) -> Vec<Name> {
    let head_text = m.text("head").unwrap_or_default().to_lowercase();
    let head = if head_text.starts_with('h') {
        "Hội đồng nhân dân"
    } else {
        "Ủy ban nhân dân"
    };
    if let Some(coll) = m.text("units") {
        let units = split_list(coll.trim_start_matches(|c: char| !c.is_whitespace()));
        if let Some(names) = m.text("names") {
            let unit = units.first().cloned().unwrap_or_default();
            return names
                .split(',')
                .flat_map(|p| p.split(" và "))
                .map(fold_ws)
                .filter(|n| !n.is_empty())
                .map(|n| Name::new(format!("{head} {unit} {n}"), unit_level(&unit)))
                .collect();
        }
        let level = units.first().map_or("district", |u| unit_level(u));
        return vec![Name::new(format!("{head} các {}", units.join(", ")), level)];
    }
    if let Some(level) = m.text("level") {
        let level = level.to_lowercase();
        return vec![Name::new(format!("{head} cấp {level}"), unit_level(&level))];
    }
    let written = fold_ws(m.text("unit").unwrap_or_default());
    let unit = written.to_lowercase();
    match m.text("name") {
        _ if unit == "tỉnh" => vec![Name::new(format!("{head} tỉnh"), "provincial")],
        Some(name) => vec![Name::new(
            format!("{head} {unit} {}", fold_ws(name)),
            unit_level(&unit),
        )],
        // "Ủy ban nhân dân Thành phố" of a centrally run city is its province.
        None if written.starts_with('T') => {
            vec![Name::new(format!("{head} {written}"), "provincial")]
        }
        None => vec![Name::new(format!("{head} {unit}"), unit_level(&unit))],
    }
}

/// Canonical name of a collective ("các Sở, ban, ngành" → "Các sở, ban, ngành").
fn collective(coll: &str, ctx: &Context<'_, '_>) -> Name {
    let words = fold_ws(coll);
    let rest = match words.split_once(' ') {
        Some((first, rest)) if first.to_lowercase() == "các" => rest,
        _ => words.as_str(),
    };
    let parts = split_list(rest);
    let level = ctx
        .rules
        .vocab("body_coll_noun")
        .and_then(|v| v.lookup(parts.first().map_or("", String::as_str)))
        .and_then(|e| e.attr("level"))
        .unwrap_or("unknown");
    Name::new(format!("Các {}", parts.join(", ")), level)
}

/// Every body mention before the recipients block, in text order, without
/// overlaps.
pub fn find(ctx: &Context<'_, '_>) -> Vec<Mention> {
    let doc = ctx.doc;
    let text = doc.joined.as_str();
    let index = ctx
        .rules
        .cached("body.heads", |set| HeadIndex::build(set, "body"));
    let mut all: Vec<Found<'_>> = index
        .matches(text, ctx.outline.body_end)
        .into_iter()
        .map(|h| {
            let r = &index.rules[h.rule];
            Found {
                id: &r.id,
                vocab: r.vocab.as_deref(),
                priority: r.priority,
                start: h.start,
                end: h.end,
                groups: h.groups,
                entry: h.entry,
                text,
            }
        })
        .collect();
    // Rules that do not start at an anchor run over their lines.
    for rule in ctx.rules.rules_of("body") {
        if rule.attr("role").is_some() || rule.attr("start") == Some("anchor") {
            continue;
        }
        for m in ctx.scan.matches_of(doc, rule) {
            if m.start >= ctx.outline.body_end {
                continue;
            }
            let mut groups: Groups = Default::default();
            for n in rule.regex.capture_names().flatten() {
                if let Some(s) = slot(n) {
                    groups[s] = m.group(n);
                }
            }
            all.push(Found {
                id: &rule.id,
                vocab: rule.attr("vocab"),
                priority: rule.priority,
                start: m.start,
                end: m.end,
                groups,
                entry: None,
                text,
            });
        }
    }
    all.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then(b.end.cmp(&a.end))
            .then(a.priority.cmp(&b.priority))
    });
    let mut out: Vec<Mention> = Vec::new();
    let back_matter = ctx.outline.back_matter.clone().unwrap_or_default();
    for m in all {
        if back_matter.contains(&m.start) {
            continue;
        }
        // The name itself starts at its first group; it must be whole words
        // (the rules have no `\b`: Unicode word boundaries are slow).
        let start = ["head", "coll", "name"]
            .iter()
            .find_map(|g| m.group(g))
            .map_or(m.start, |g| g.0.max(m.start));
        if !lists::starts_word(text, start) || !lists::ends_word(text, m.end) {
            continue;
        }
        if out.last().is_some_and(|p| start < p.end) {
            continue;
        }
        let names = if let Some(e) = m
            .entry
            .and_then(|i| Some(&ctx.rules.vocab(m.vocab?)?.entries[i]))
        {
            // Exactly a form: its entry is known.
            vec![Name::new(
                e.value.clone(),
                e.attr("level").unwrap_or("unknown"),
            )]
        } else if let Some(v) = m.vocab.and_then(|v| ctx.rules.vocab(v)) {
            // The match may end with a term ("… Đảng khóa XII"): drop trailing
            // words until the vocabulary knows it.
            let mut surface = m.text("name").unwrap_or_default().trim_end();
            while v.lookup(surface).is_none() {
                match surface.rsplit_once(char::is_whitespace) {
                    Some((head, _)) => surface = head.trim_end(),
                    None => break,
                }
            }
            let (name, level) = level_of(v, surface, "unknown");
            vec![Name::new(name, &level)]
        } else if m.group("head").is_some() {
            council(&m)
        } else if let Some(coll) = m.text("coll") {
            vec![collective(coll, ctx)]
        } else {
            continue;
        };
        out.push(Mention {
            start,
            end: m.end,
            names,
            rule: m.id.to_string(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::fold_ws;

    #[test]
    fn fold_ws_is_split_whitespace_joined() {
        for s in [
            "",
            "  ",
            "a",
            " Sở  Nội\tvụ \n",
            "Ủy\u{a0}ban\u{2003} nhân dân\u{b}tỉnh",
            "x\u{85}y  z ",
        ] {
            assert_eq!(
                fold_ws(s),
                s.split_whitespace().collect::<Vec<_>>().join(" ")
            );
        }
    }
}
