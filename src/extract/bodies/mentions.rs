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

use crate::extract::Context;
use crate::rules::{RuleMatch, Vocab};

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

/// Fold white space runs to one space.
pub fn fold_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
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

/// Split a written list "huyện, thị xã và thành phố" into its parts.
fn split_list(s: &str) -> Vec<String> {
    s.split(',')
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

/// Canonical names of a People's Committee or Council match.
fn council(m: &RuleMatch<'_>, ctx: &Context<'_, '_>) -> Vec<Name> {
    let doc = ctx.doc;
    let head_text = m.text(doc, "head").unwrap_or_default().to_lowercase();
    let head = if head_text.starts_with('h') {
        "Hội đồng nhân dân"
    } else {
        "Ủy ban nhân dân"
    };
    if let Some(coll) = m.text(doc, "units") {
        let units = split_list(coll.trim_start_matches(|c: char| !c.is_whitespace()));
        if let Some(names) = m.text(doc, "names") {
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
    if let Some(level) = m.text(doc, "level") {
        let level = level.to_lowercase();
        return vec![Name::new(format!("{head} cấp {level}"), unit_level(&level))];
    }
    let written = fold_ws(m.text(doc, "unit").unwrap_or_default());
    let unit = written.to_lowercase();
    match m.text(doc, "name") {
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
    let mut all: Vec<(RuleMatch<'_>, i32)> = Vec::new();
    for rule in ctx.rules.rules_of("body") {
        if rule.attr("role").is_some() {
            continue;
        }
        for m in ctx.scan.matches_of(doc, rule) {
            if m.start < ctx.outline.body_end {
                all.push((m, rule.priority));
            }
        }
    }
    all.sort_by(|(a, pa), (b, pb)| {
        a.start
            .cmp(&b.start)
            .then(b.end.cmp(&a.end))
            .then(pa.cmp(pb))
    });
    let mut out: Vec<Mention> = Vec::new();
    for (m, _) in all {
        if out.last().is_some_and(|p| m.start < p.end) {
            continue;
        }
        let names = if let Some(v) = m.rule.attr("vocab").and_then(|v| ctx.rules.vocab(v)) {
            let surface = m.text(doc, "name").unwrap_or_default();
            let (name, level) = level_of(v, surface, "unknown");
            vec![Name::new(name, &level)]
        } else if m.group("head").is_some() {
            council(&m, ctx)
        } else if let Some(coll) = m.text(doc, "coll") {
            vec![collective(coll, ctx)]
        } else {
            continue;
        };
        // "…, và cơ quan liên quan": the name starts at its own group.
        let start = m.group("coll").map_or(m.start, |g| g.0.max(m.start));
        out.push(Mention {
            start,
            end: m.end,
            names,
            rule: m.rule.id.clone(),
        });
    }
    out
}
