//! Citations across mentions and against the registry
//! (`rules/citations/registry.toml`):
//!
//! 1. the plan's own number is not a citation;
//! 2. short forms ("Nghị quyết số 39", "Nghị quyết 19", "18-NQ/T") join the
//!    full citation of the same type and leading number in the plan, else
//!    the registry's; unresolvable ones give a `citation-unresolved` warning;
//! 3. an undated citation's `key` takes the registry date of its term, else
//!    of the latest entry not after the plan's date (Party numbers restart
//!    every term); a date that disagrees with the registry gives a
//!    `citation-date-mismatch` warning;
//! 4. issuers not written take the registry's, else the codes' default;
//! 5. `plan.implements` lists the citations the plan implements.

use crate::extract::citations::number::{Number, issuer_entry, number_key};
use crate::extract::citations::{ShortMention, relation_rank};
use crate::extract::{Context, Extracted};
use crate::record::{Citation, Warning};
use crate::rules::VocabEntry;

/// A registry entry, read.
struct Entry<'r> {
    number: &'r str,
    doc_type: Option<&'r str>,
    date: Option<&'r str>,
    issuer: Option<&'r str>,
    term: Option<u32>,
}

impl<'r> Entry<'r> {
    fn of(e: &'r VocabEntry) -> Option<Entry<'r>> {
        Some(Entry {
            number: e.attr("number")?,
            doc_type: e.attr("type"),
            date: e.attr("date"),
            issuer: e.attr("issuer"),
            term: e
                .attrs
                .get("term")
                .and_then(|t| t.as_integer())
                .map(|t| t as u32),
        })
    }
}

/// The registry's entries (both sides of a comparison are canonical
/// numbers, so they compare as strings).
fn registry<'r>(ctx: &Context<'_, 'r>) -> Vec<Entry<'r>> {
    ctx.rules
        .vocab("registry")
        .map(|v| v.entries.iter().filter_map(Entry::of).collect())
        .unwrap_or_default()
}

/// Leading number of a canonical number ("08/NQ-CP" → "08").
fn lead(number: &str) -> &str {
    let end = number
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(number.len());
    &number[..end]
}

fn same_lead(a: &str, b: &str) -> bool {
    a.trim_start_matches('0') == b.trim_start_matches('0')
}

/// Resolve citations in place.
pub fn resolve(ctx: &Context<'_, '_>, ex: &mut Extracted) {
    if ex.citations.is_empty() && ex.short_citations.is_empty() {
        return;
    }
    let reg = registry(ctx);
    if let Some(own) = ex.plan.number.as_deref().map(number_key) {
        ex.citations.retain(|c| number_key(&c.number) != own);
    }
    for s in std::mem::take(&mut ex.short_citations) {
        resolve_short(ctx, &reg, ex, s);
    }
    let reference = reference_date(ex);
    for c in &mut ex.citations {
        c.mentions.sort_by_key(|m| m.span.start);
        let entries: Vec<&Entry> = reg.iter().filter(|e| e.number == c.number).collect();
        let chosen = choose(&entries, c, reference.as_deref());
        if let Some(d) = &c.date {
            let dated: Vec<&str> = entries.iter().filter_map(|e| e.date).collect();
            if !dated.is_empty() && !dated.contains(&d.as_str()) {
                ex.warnings.push(Warning::new(
                    "citation-date-mismatch",
                    format!(
                        "{} is dated {d} in the plan but {} in the registry",
                        c.number,
                        dated.join(", ")
                    ),
                    c.mentions.first().map(|m| m.span),
                ));
            }
        } else if let Some(d) = chosen.and_then(|e| e.date) {
            c.key = format!("{}@{d}", c.number);
        }
        if c.issuer.is_none() {
            c.issuer = chosen
                .and_then(|e| e.issuer.map(str::to_string))
                .or_else(|| {
                    Number::parse(&c.number, ctx.rules).and_then(|n| n.default_issuer(ctx.rules))
                });
        }
    }
    ex.citations
        .sort_by_key(|c| c.mentions.first().map_or(usize::MAX, |m| m.span.start));
    ex.plan.implements = ex
        .citations
        .iter()
        .filter(|c| c.relation == "implements")
        .map(|c| c.number.clone())
        .collect();
}

/// The date an undated citation is resolved against: the plan's, else the
/// latest date cited in it (a plan is not older than what it cites).
fn reference_date(ex: &Extracted) -> Option<String> {
    ex.plan
        .date
        .clone()
        .or_else(|| ex.citations.iter().filter_map(|c| c.date.clone()).max())
}

/// The registry entry a citation is: the one of its date, else of its
/// term, else the latest not after the reference date.
fn choose<'a, 'r>(
    entries: &[&'a Entry<'r>],
    c: &Citation,
    reference: Option<&str>,
) -> Option<&'a Entry<'r>> {
    if let Some(d) = &c.date {
        return entries.iter().copied().find(|e| e.date == Some(d.as_str()));
    }
    if let Some(t) = c.term
        && let Some(e) = entries.iter().copied().find(|e| e.term == Some(t))
    {
        return Some(e);
    }
    match reference {
        Some(r) => entries
            .iter()
            .copied()
            .filter(|e| e.date.is_some_and(|d| d <= r))
            .max_by_key(|e| e.date),
        None if entries.len() == 1 => Some(entries[0]),
        None => None,
    }
}

/// Is `full` (a citation's or registry entry's type) the type a short form
/// names? The same word, or one extending the other ("Chương trình hành
/// động" for "Chương trình"); "Quy định" is not "Quyết định".
fn same_type(full: &str, short: &str) -> bool {
    full == short || full.starts_with(short) || short.starts_with(full)
}

fn resolve_short(ctx: &Context<'_, '_>, reg: &[Entry], ex: &mut Extracted, s: ShortMention) {
    let found = ex
        .citations
        .iter()
        .position(|c| same_lead(lead(&c.number), &s.lead) && same_type(&c.doc_type, &s.doc_type));
    let index = found.or_else(|| {
        let mut cands: Vec<&Entry> = reg
            .iter()
            .filter(|e| {
                same_lead(lead(e.number), &s.lead)
                    && e.doc_type.is_some_and(|t| same_type(t, &s.doc_type))
            })
            .collect();
        if let Some(t) = s.term {
            cands.retain(|e| e.term == Some(t));
        }
        if let Some(i) = &s.issuer {
            let by_issuer: Vec<&Entry> = cands
                .iter()
                .copied()
                .filter(|e| e.issuer == Some(i))
                .collect();
            if !by_issuer.is_empty() {
                cands = by_issuer;
            }
        }
        let first = cands.first()?;
        if cands.iter().any(|e| e.number != first.number) {
            return None;
        }
        let number = first.number.to_string();
        let level = Number::parse(&number, ctx.rules)
            .and_then(|n| n.issuer_code)
            .and_then(|c| {
                issuer_entry(ctx.rules, &c)
                    .and_then(|e| e.attr("level"))
                    .map(str::to_string)
            })
            .unwrap_or_else(|| "unknown".into());
        ex.citations.push(Citation {
            doc_type: s.doc_type.clone(),
            number: number.clone(),
            key: number,
            date: None,
            issuer: s.issuer.clone(),
            level,
            relation: "reference".into(),
            term: s.term,
            mentions: Vec::new(),
        });
        Some(ex.citations.len() - 1)
    });
    let Some(i) = index else {
        ex.warnings.push(Warning::new(
            "citation-unresolved",
            format!(
                "short citation {:?} matches no full citation in the plan nor the registry",
                s.mention.text
            ),
            Some(s.mention.span),
        ));
        return;
    };
    let c = &mut ex.citations[i];
    if relation_rank(&s.relation) < relation_rank(&c.relation) {
        c.relation = s.relation.clone();
    }
    if c.date.is_none()
        && let Some(d) = &s.date
    {
        c.date = Some(d.clone());
        c.key = format!("{}@{d}", c.number);
    }
    c.term = c.term.or(s.term);
    c.mentions.push(s.mention);
}
