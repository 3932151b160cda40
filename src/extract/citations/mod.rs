//! Extracts cited documents (SPEC section 5).
//!
//! * `number.rs` — canonical numbers, their type and issuer codes;
//! * `mention.rs` — mentions from the `citation.*` rules, with their date,
//!   issuer and term, coordinated numbers split and sharing;
//! * here — mentions grouped into one citation per number, with doc type,
//!   date, issuer, level and relation (from the plan's [`Layout`]).
//!
//! Short forms ("Nghị quyết số 39") are collected as [`ShortMention`]s and
//! resolved in [`crate::resolve`], which also consults the registry (keys of
//! undated citations, date checks, default issuers). Only documents with a
//! number are citations ("Đề án …" without one is not); nothing before the
//! document proper (portal chrome) is cited.

pub mod mention;
pub mod number;

use std::collections::HashMap;

use self::mention::{Found, Issuer};
use self::number::Number;
use super::Context;
use super::layout::Layout;
use crate::record::{Citation, Mention, Warning};

/// `implements`, `basis` or `reference`.
pub fn relation_at(layout: &Layout, at: usize) -> &'static str {
    if layout.in_title(at) || layout.in_opening(at) {
        "implements"
    } else if layout.in_basis(at) {
        "basis"
    } else {
        "reference"
    }
}

/// Rank of a relation: lower wins ("first applicable wins").
pub fn relation_rank(r: &str) -> u8 {
    match r {
        "implements" => 0,
        "basis" => 1,
        _ => 2,
    }
}

/// A short citation ("Nghị quyết số 39", "Nghị quyết 19", or a truncated
/// number "18-NQ/T") waiting to be resolved to a full one.
#[derive(Debug, Clone, PartialEq)]
pub struct ShortMention {
    /// Canonical doc type of the written word.
    pub doc_type: String,
    /// Leading number ("39").
    pub lead: String,
    /// Issuer written with it.
    pub issuer: Option<String>,
    /// Term written with it.
    pub term: Option<u32>,
    /// Date written with it.
    pub date: Option<String>,
    /// Relation of its place.
    pub relation: String,
    /// The mention.
    pub mention: Mention,
}

/// Everything this extractor finds.
#[derive(Debug, Default)]
pub struct Citations {
    /// One citation per number.
    pub citations: Vec<Citation>,
    /// Short forms to resolve.
    pub shorts: Vec<ShortMention>,
}

/// Extract this section from the document.
pub fn extract(ctx: &Context<'_, '_>, layout: &Layout, warnings: &mut Vec<Warning>) -> Citations {
    // The header holds only the plan's own number (dropped in resolve).
    let from = layout.start;
    let mut full = mention::find_full(ctx, from);
    full.retain(|f| f.start < layout.end);
    let mut out = Citations::default();
    let mut by_number: HashMap<&str, usize> = HashMap::new();
    for f in &full {
        for n in &f.numbers {
            if !n.known_issuer(ctx.rules) && n.issuer_code.as_ref().is_some_and(|c| c.len() <= 1) {
                // A truncated number ("18-NQ/T"): resolved like a short form.
                let doc_type = f.type_word.or(f.inherited_type).map(str::to_string);
                if let Some(doc_type) = doc_type.or_else(|| n.code_type(ctx.rules)) {
                    out.shorts.push(ShortMention {
                        doc_type,
                        lead: n.lead.clone(),
                        issuer: f.tail.issuer.map(|i| i.name.to_string()),
                        term: f.tail.term,
                        date: f.tail.date.clone(),
                        relation: relation_at(layout, f.start).to_string(),
                        mention: mention_of(ctx, f.start, f.end(), "citation.short"),
                    });
                }
                continue;
            }
            if n.rewritten {
                warnings.push(Warning::new(
                    "citation-number-typo",
                    format!(
                        "number {:?} read as {}",
                        ctx.doc.quote(f.start, f.number_end),
                        n.canonical
                    ),
                    Some(ctx.doc.span(f.start, f.number_end)),
                ));
            }
            let i = match by_number.get(n.canonical.as_str()) {
                Some(&i) => i,
                None => {
                    out.citations.push(new_citation(ctx, n));
                    by_number.insert(&n.canonical, out.citations.len() - 1);
                    out.citations.len() - 1
                }
            };
            add_mention(ctx, layout, &mut out.citations[i], f, n, warnings);
        }
    }
    for (s, rule) in mention::find_short(ctx, from, &full) {
        if s.start >= layout.end {
            continue;
        }
        for lead in &s.leads {
            out.shorts.push(ShortMention {
                doc_type: s.doc_type.to_string(),
                lead: lead.clone(),
                issuer: s.tail.issuer.map(|i| i.name.to_string()),
                term: s.tail.term,
                date: s.tail.date.clone(),
                relation: relation_at(layout, s.start).to_string(),
                mention: mention_of(ctx, s.start, s.end, rule),
            });
        }
    }
    out
}

fn mention_of(ctx: &Context<'_, '_>, start: usize, end: usize, rule: &str) -> Mention {
    Mention {
        span: ctx.doc.span(start, end),
        text: ctx.doc.quote(start, end).to_string(),
        rule: rule.to_string(),
    }
}

fn new_citation(ctx: &Context<'_, '_>, n: &Number) -> Citation {
    Citation {
        doc_type: String::new(),
        number: n.canonical.clone(),
        key: n.canonical.clone(),
        date: None,
        issuer: None,
        level: n.level(ctx.rules),
        relation: "reference".into(),
        term: None,
        mentions: Vec::new(),
    }
}

/// Level from a written issuer, when its name says more than the code.
fn issuer_level(code_level: &str, issuer: &Issuer<'_>) -> Option<String> {
    match (code_level, issuer.level) {
        ("unknown", Some(l)) => Some(l.to_string()),
        (_, Some("district")) => Some("district".into()),
        _ => None,
    }
}

fn add_mention(
    ctx: &Context<'_, '_>,
    layout: &Layout,
    c: &mut Citation,
    f: &Found<'_>,
    n: &Number,
    warnings: &mut Vec<Warning>,
) {
    if c.doc_type.is_empty() {
        c.doc_type = match f.type_word.or(f.inherited_type) {
            Some(t) => t.to_string(),
            None => n.code_type(ctx.rules).unwrap_or_else(|| "Văn bản".into()),
        };
    }
    if let Some(d) = &f.tail.date {
        match &c.date {
            None => {
                c.date = Some(d.clone());
                c.key = format!("{}@{d}", c.number);
            }
            Some(first) if first != d => warnings.push(Warning::new(
                "citation-date-mismatch",
                format!("{} is dated {first} and also {d} in this plan", c.number),
                Some(ctx.doc.span(f.start, f.end())),
            )),
            _ => {}
        }
    }
    let issuer = f.tail.issuer.or(f.issuer_before);
    if let (None, Some(i)) = (&c.issuer, issuer) {
        c.issuer = Some(i.name.to_string());
        if let Some(l) = issuer_level(&c.level, &i) {
            c.level = l;
        }
    }
    c.term = c.term.or(f.tail.term);
    let rel = relation_at(layout, f.start);
    if relation_rank(rel) < relation_rank(&c.relation) {
        c.relation = rel.to_string();
    }
    c.mentions.push(mention_of(ctx, f.start, f.end(), &f.rule));
}
