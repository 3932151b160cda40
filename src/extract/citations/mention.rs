//! Finding mentions: the `citation.*` number rules give the type word and
//! the number; `citation.tail` read right after a mention gives its date,
//! issuer and term; `citation.issuer_before` reads an issuer written before
//! it. Coordinated numbers ("Nghị quyết số 18-NQ/TW và số 19-NQ/TW của …")
//! share their type word forwards and their date and issuer backwards.

use super::number::Number;
use crate::extract::Context;
use crate::extract::common::{parse_date, roman_value};
use crate::rules::RuleMatch;

/// Rules whose matches are full-number mentions, in tie-break order.
const NUMBER_RULES: &[&str] = &[
    "citation.party_list",
    "citation.state_list",
    "citation.party_number",
    "citation.state_number",
];

/// Bytes looked at before a mention for an issuer ("được X xác định tại").
const LOOK_BEHIND: usize = 240;

/// An issuer as written, canonicalized.
#[derive(Debug, Clone, PartialEq)]
pub struct Issuer {
    /// Canonical name.
    pub name: String,
    /// Level the name alone gives, if any.
    pub level: Option<String>,
}

/// What follows a mention.
#[derive(Debug, Clone, Default)]
pub struct Tail {
    /// ISO date.
    pub date: Option<String>,
    /// End of the date, if any.
    pub date_end: Option<usize>,
    /// "của X".
    pub issuer: Option<Issuer>,
    /// "khóa XII" → 12.
    pub term: Option<u32>,
    /// End of everything read.
    pub end: usize,
}

/// One mention of one or more numbers (coordinated numbers share it).
#[derive(Debug, Clone)]
pub struct Found {
    /// Start (the type word, or the number).
    pub start: usize,
    /// End of the number.
    pub number_end: usize,
    /// The numbers it names.
    pub numbers: Vec<Number>,
    /// Canonical doc type of the written type word.
    pub type_word: Option<String>,
    /// Type inherited from a coordinated mention.
    pub inherited_type: Option<String>,
    /// Date, issuer, term after it.
    pub tail: Tail,
    /// Issuer written before it.
    pub issuer_before: Option<Issuer>,
    /// Rule id.
    pub rule: String,
    /// Logical line index.
    pub line: usize,
}

impl Found {
    /// End of the mention's text: the date when given, else the number.
    pub fn end(&self) -> usize {
        self.tail.date_end.unwrap_or(self.number_end)
    }
}

/// A short mention: type word and leading number(s) only.
#[derive(Debug, Clone)]
pub struct ShortFound {
    /// Start of the type word.
    pub start: usize,
    /// End of the mention.
    pub end: usize,
    /// Canonical doc type.
    pub doc_type: String,
    /// Leading numbers ("18", "19").
    pub leads: Vec<String>,
    /// Date, issuer, term after it.
    pub tail: Tail,
}

fn canonical_issuer(ctx: &Context<'_, '_>, surface: &str) -> Option<Issuer> {
    let e = ctx.rules.vocab("issuer")?.lookup(surface)?;
    Some(Issuer {
        name: e.value.clone(),
        level: e.attr("level").map(str::to_string),
    })
}

fn doc_type(ctx: &Context<'_, '_>, surface: &str) -> Option<String> {
    Some(ctx.rules.vocab("doc_type")?.lookup(surface)?.value.clone())
}

/// Read `citation.tail` at byte `at` of the joined view (up to `line_end`).
pub fn tail(ctx: &Context<'_, '_>, at: usize, line_end: usize) -> Tail {
    let mut t = Tail {
        end: at,
        ..Tail::default()
    };
    let Some(rule) = ctx.rules.rule("citation.tail") else {
        return t;
    };
    let hay = &ctx.doc.joined[at..line_end];
    let Some(caps) = rule.regex.captures(hay) else {
        return t;
    };
    t.end = at + caps.get(0).map_or(0, |m| m.end());
    if let Some(d) = caps.name("date").or_else(|| caps.name("date_words")) {
        t.date = parse_date(d.as_str());
        t.date_end = t.date.as_ref().map(|_| at + d.end());
    }
    t.issuer = caps
        .name("issuer")
        .and_then(|m| canonical_issuer(ctx, m.as_str()));
    t.term = caps.name("term").and_then(|m| {
        let word = m.as_str().split_whitespace().last()?;
        roman_value(ctx.rules, word)
    });
    t
}

/// Read `citation.issuer_before` in the words before byte `at`.
fn issuer_before(ctx: &Context<'_, '_>, line_start: usize, at: usize) -> Option<Issuer> {
    let rule = ctx.rules.rule("citation.issuer_before")?;
    let joined = &ctx.doc.joined;
    let mut from = at.saturating_sub(LOOK_BEHIND).max(line_start);
    while !joined.is_char_boundary(from) {
        from += 1;
    }
    let caps = rule.regex.captures(&joined[from..at])?;
    canonical_issuer(ctx, caps.name("issuer")?.as_str())
}

/// Text between two offsets, trimmed, is a coordinator ("và", ",", "và các").
fn coordinated(gap: &str) -> bool {
    let g = gap.trim().trim_matches(|c| c == ',' || c == ';').trim();
    matches!(g, "" | "và" | "hoặc" | "và các" | "cùng")
}

/// The matches of the rules named `ids`, sorted by start, longest first.
fn matches_of<'r>(ctx: &Context<'_, 'r>, ids: &[&str]) -> Vec<RuleMatch<'r>> {
    let mut out = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        if let Some(rule) = ctx.rules.rule(id) {
            out.extend(
                ctx.scan
                    .matches_of(ctx.doc, rule)
                    .into_iter()
                    .map(|m| (i, m)),
            );
        }
    }
    out.sort_by(|(ia, a), (ib, b)| {
        a.start
            .cmp(&b.start)
            .then(b.end.cmp(&a.end))
            .then(ia.cmp(ib))
    });
    out.into_iter().map(|(_, m)| m).collect()
}

/// Every full-number mention at or after byte `from`.
pub fn find_full(ctx: &Context<'_, '_>, from: usize) -> Vec<Found> {
    let doc = ctx.doc;
    let mut found: Vec<Found> = Vec::new();
    let mut last_end = 0;
    for m in matches_of(ctx, NUMBER_RULES) {
        if m.start < from || m.start < last_end {
            continue;
        }
        let Some((ns, ne)) = m.group("number") else {
            continue;
        };
        let Some(number) = Number::parse(doc.quote(ns, ne), ctx.rules) else {
            continue;
        };
        let mut numbers: Vec<Number> = m
            .text(doc, "list")
            .map(|list| {
                list.split(|c: char| !c.is_ascii_digit())
                    .filter(|p| !p.is_empty())
                    .map(|lead| number.with_lead(lead))
                    .collect()
            })
            .unwrap_or_default();
        numbers.push(number);
        let line = ctx.scan.lines[m.logical_line].clone();
        let tail = tail(ctx, ne, line.end);
        let issuer_before = if tail.issuer.is_none() {
            issuer_before(ctx, line.start, m.start)
        } else {
            None
        };
        last_end = m.end;
        found.push(Found {
            start: m.start,
            number_end: ne,
            numbers,
            type_word: m.text(doc, "type").and_then(|t| doc_type(ctx, t)),
            inherited_type: None,
            tail,
            issuer_before,
            rule: m.rule.id.clone(),
            line: m.logical_line,
        });
    }
    share_coordinated(ctx, &mut found);
    mark_aliases(ctx, &mut found);
    found
}

/// Coordinated mentions on one line: the type word carries forwards, the
/// date, issuer and term backwards.
fn share_coordinated(ctx: &Context<'_, '_>, found: &mut [Found]) {
    let joined = &ctx.doc.joined;
    let linked: Vec<bool> = (1..found.len())
        .map(|i| {
            let (a, b) = (&found[i - 1], &found[i]);
            a.line == b.line
                && b.type_word.is_none()
                && a.tail.end <= b.start
                && coordinated(&joined[a.tail.end..b.start])
        })
        .collect();
    for i in 1..found.len() {
        if linked[i - 1] {
            let t = found[i - 1]
                .type_word
                .clone()
                .or_else(|| found[i - 1].inherited_type.clone());
            found[i].inherited_type = t;
        }
    }
    for i in (1..found.len()).rev() {
        if linked[i - 1] {
            let next = found[i].tail.clone();
            let prev = &mut found[i - 1].tail;
            if prev.issuer.is_none() {
                prev.issuer = next.issuer;
                prev.term = prev.term.or(next.term);
            }
            if prev.date.is_none() {
                prev.date = next.date;
            }
        }
    }
}

/// Mentions inside an alias "(sau đây gọi tắt là …)" get the alias rule id.
fn mark_aliases(ctx: &Context<'_, '_>, found: &mut [Found]) {
    if found.is_empty() {
        return;
    }
    let Some(rule) = ctx.rules.rule("citation.alias") else {
        return;
    };
    for m in ctx.scan.matches_of(ctx.doc, rule) {
        for f in found.iter_mut() {
            if (m.start..m.end).contains(&f.start) {
                f.rule = rule.id.clone();
            }
        }
    }
}

/// Every short mention at or after `from` that is not part of a full one.
pub fn find_short(ctx: &Context<'_, '_>, from: usize, full: &[Found]) -> Vec<(ShortFound, String)> {
    let doc = ctx.doc;
    let mut out = Vec::new();
    let Some(rule) = ctx.rules.rule("citation.short") else {
        return out;
    };
    let alias = ctx.rules.rule("citation.alias");
    let aliases: Vec<(usize, usize)> = alias
        .map(|r| {
            ctx.scan
                .matches_of(doc, r)
                .iter()
                .map(|m| (m.start, m.end))
                .collect()
        })
        .unwrap_or_default();
    for m in ctx.scan.matches_of(doc, rule) {
        if m.start < from
            || full
                .iter()
                .any(|f| f.start < m.end && m.start < f.number_end.max(f.end()))
        {
            continue;
        }
        let after = doc.joined[m.end..].trim_start();
        let mut chars = after.chars();
        let (c0, c1) = (chars.next(), chars.next());
        if matches!(c0, Some('-' | '/' | '–' | '.' | ',')) && c1.is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        let next_word = after
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        if matches!(
            next_word,
            "năm" | "tháng" | "ngày" | "lần" | "người" | "giờ"
        ) || after.starts_with('%')
        {
            continue;
        }
        let mut leads = vec![m.text(doc, "num").unwrap_or_default().to_string()];
        if let Some(more) = m.text(doc, "more") {
            leads.extend(
                more.split(|c: char| !c.is_ascii_digit())
                    .filter(|p| !p.is_empty())
                    .map(str::to_string),
            );
        }
        leads.retain(|l| {
            l.parse::<u32>()
                .is_ok_and(|n| n > 0 && !(1900..=2100).contains(&n))
        });
        let Some(doc_type) = m.text(doc, "type").and_then(|t| doc_type(ctx, t)) else {
            continue;
        };
        if leads.is_empty() {
            continue;
        }
        let line_end = ctx.scan.lines[m.logical_line].end;
        let tail = tail(ctx, m.end, line_end);
        let in_alias = aliases.iter().any(|&(s, e)| (s..e).contains(&m.start));
        let id = if in_alias {
            "citation.alias".to_string()
        } else {
            m.rule.id.clone()
        };
        out.push((
            ShortFound {
                start: m.start,
                end: tail.date_end.unwrap_or(m.end),
                doc_type,
                leads,
                tail,
            },
            id,
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::coordinated;

    #[test]
    fn coordinators() {
        for g in [" và ", ", ", " , và ", ",", " hoặc "] {
            assert!(coordinated(g), "{g:?}");
        }
        for g in [" về việc thực hiện ", " của Bộ Chính trị và "] {
            assert!(!coordinated(g), "{g:?}");
        }
    }
}
