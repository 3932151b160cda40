//! Finding mentions: the `citation.*` number rules find numbers; the words
//! before one give its type word (`citation.type_before`) and coordinated
//! leading numbers (`citation.list_before`), the words after it its date,
//! issuer and term (`citation.tail_date`, `citation.issuer_lead`,
//! `citation.tail_term`); `citation.issuer_before` reads an issuer written
//! before it. Type words and issuers are looked up in their vocabularies. Coordinated numbers ("Nghị quyết số 18-NQ/TW và số 19-NQ/TW của …")
//! share their type word forwards and their date and issuer backwards.

use std::collections::HashMap;
use std::rc::Rc;

use crate::rules::RuleRegex as Regex;

use super::number::Number;
use crate::extract::Context;
use crate::extract::common::{boundary, parse_date, roman_value, vocab_prefix};
use crate::rules::{RuleSet, Vocab};

/// Rules whose matches are full numbers, in tie-break order.
const NUMBER_RULES: &[&str] = &["citation.number"];

/// Bytes looked at before a number for its type word and a list.
const LOOK_TYPE: usize = 100;
/// Bytes looked at before a mention for an issuer ("được X xác định tại").
const LOOK_BEHIND: usize = 240;
/// Bytes looked at after a number for its date, issuer and term.
const LOOK_AHEAD: usize = 240;
/// Longest issuer form, in words.
const ISSUER_WORDS: usize = 10;
/// Longest doc type form, in words.
const TYPE_WORDS: usize = 4;

/// An issuer as written, canonicalized (borrowed from the vocabulary).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Issuer<'r> {
    /// Canonical name.
    pub name: &'r str,
    /// Level the name alone gives, if any.
    pub level: Option<&'r str>,
}

/// What follows a mention.
#[derive(Debug, Clone, Default)]
pub struct Tail<'r> {
    /// ISO date.
    pub date: Option<String>,
    /// End of the date, if any.
    pub date_end: Option<usize>,
    /// "của X".
    pub issuer: Option<Issuer<'r>>,
    /// "khóa XII" → 12.
    pub term: Option<u32>,
    /// End of everything read.
    pub end: usize,
}

/// One mention of one or more numbers (coordinated numbers share it).
#[derive(Debug, Clone)]
pub struct Found<'r> {
    /// Start (the type word, or the number).
    pub start: usize,
    /// End of the number.
    pub number_end: usize,
    /// The numbers it names.
    pub numbers: Vec<Rc<Number>>,
    /// Canonical doc type of the written type word.
    pub type_word: Option<&'r str>,
    /// Type inherited from a coordinated mention.
    pub inherited_type: Option<&'r str>,
    /// Date, issuer, term after it.
    pub tail: Tail<'r>,
    /// Issuer written before it.
    pub issuer_before: Option<Issuer<'r>>,
    /// Rule id.
    pub rule: String,
    /// Logical line index.
    pub line: usize,
}

impl Found<'_> {
    /// End of the mention's text: the date when given, else the number.
    pub fn end(&self) -> usize {
        self.tail.date_end.unwrap_or(self.number_end)
    }
}

/// A short mention: type word and leading number(s) only.
#[derive(Debug, Clone)]
pub struct ShortFound<'r> {
    /// Start of the type word.
    pub start: usize,
    /// End of the mention.
    pub end: usize,
    /// Canonical doc type.
    pub doc_type: &'r str,
    /// Leading numbers ("18", "19").
    pub leads: Vec<String>,
    /// Date, issuer, term after it.
    pub tail: Tail<'r>,
}

/// The rules and vocabularies mentions are read with, looked up once per
/// document.
pub struct Kit<'r> {
    rules: &'r RuleSet,
    type_before: Option<&'r Regex>,
    list_before: Option<&'r Regex>,
    tail_date: Option<&'r Regex>,
    issuer_lead: Option<&'r Regex>,
    tail_term: Option<&'r Regex>,
    issuer_before: Option<&'r Regex>,
    issuer: Option<&'r Vocab>,
    doc_type: Option<&'r Vocab>,
}

impl<'r> Kit<'r> {
    /// Look the rules up.
    pub fn new(rules: &'r RuleSet) -> Kit<'r> {
        let re = |id: &str| rules.rule(id).map(|r| &r.regex);
        Kit {
            rules,
            type_before: re("citation.type_before"),
            list_before: re("citation.list_before"),
            tail_date: re("citation.tail_date"),
            issuer_lead: re("citation.issuer_lead"),
            tail_term: re("citation.tail_term"),
            issuer_before: re("citation.issuer_before"),
            issuer: rules.vocab("issuer"),
            doc_type: rules.vocab("doc_type"),
        }
    }
}

/// The issuer at the start of `text`, if it is one the rules know.
fn issuer_at<'r>(kit: &Kit<'r>, text: &str) -> Option<(Issuer<'r>, usize)> {
    let (e, len) = vocab_prefix(kit.issuer?, text, ISSUER_WORDS)?;
    let issuer = Issuer {
        name: &e.value,
        level: e.attr("level"),
    };
    Some((issuer, len))
}

/// The doc type at the start of `text`, if it is one.
fn doc_type_at<'r>(kit: &Kit<'r>, text: &str) -> Option<&'r str> {
    let (e, _) = vocab_prefix(kit.doc_type?, text, TYPE_WORDS)?;
    Some(&e.value)
}

/// Where `rule` matches in the whole joined view, with the logical line of
/// each match. The number and short-form rules cannot match across a line
/// (they allow only spaces and tabs between their parts; a match holding a
/// line break is dropped), so one pass over the text, which lets the regex
/// engine skip ahead with its own literal prefilter, gives the same matches
/// as a pass per logical line without the per-line overhead.
pub fn spans(ctx: &Context<'_, '_>, id: &str) -> Vec<(usize, usize, usize)> {
    let Some(rule) = ctx.rules.rule(id) else {
        return Vec::new();
    };
    let joined = ctx.doc.joined.as_str();
    let lines = &ctx.scan.lines;
    rule.regex
        .find_iter(joined)
        .filter(|m| !m.as_str().contains('\n'))
        .map(|m| {
            let li = lines.partition_point(|r| r.end < m.start());
            (m.start(), m.end(), li.min(lines.len().saturating_sub(1)))
        })
        .collect()
}

/// Read the date, issuer and term after byte `at` of the joined view (up to
/// `line_end`). Only where the rules match is asked of the regex engine
/// (no capture groups); the values are read from the matched text.
pub fn tail<'r>(ctx: &Context<'_, '_>, kit: &Kit<'r>, at: usize, line_end: usize) -> Tail<'r> {
    let joined = &ctx.doc.joined;
    let hay = &joined[at..boundary(joined, (at + LOOK_AHEAD).min(line_end))];
    let mut t = Tail {
        end: at,
        ..Tail::default()
    };
    let mut pos = 0;
    if let Some(m) = kit.tail_date.and_then(|r| r.find(hay)) {
        t.date = parse_date(m.as_str());
        if t.date.is_some() {
            t.date_end = Some(at + m.end());
            pos = m.end();
        }
    }
    if let Some(m) = kit.issuer_lead.and_then(|r| r.find(&hay[pos..])) {
        let after_lead = pos + m.end();
        let found = issuer_at(kit, &hay[after_lead..]).map(|(i, n)| (i, after_lead + n));
        // "của Hội nghị Trung ương …" may itself be the issuer's name: try
        // right after "của".
        let found = found.or_else(|| {
            let rest = hay[pos..].trim_start().trim_start_matches(',').trim_start();
            let word = rest.split_whitespace().next()?;
            let start = hay.len() - rest.len() + word.len();
            let start = start + (hay[start..].len() - hay[start..].trim_start().len());
            issuer_at(kit, &hay[start..]).map(|(i, n)| (i, start + n))
        });
        if let Some((issuer, end)) = found {
            t.issuer = Some(issuer);
            pos = end;
            if let Some(m) = kit.tail_term.and_then(|r| r.find(&hay[pos..])) {
                let word = m.as_str().split_whitespace().last().unwrap_or("");
                t.term = roman_value(kit.rules, word.trim_end_matches(')'));
                pos += m.end();
            }
        }
    }
    t.end = at + pos;
    t
}

/// Read an issuer written in the words before byte `at`.
fn issuer_before<'r>(
    ctx: &Context<'_, '_>,
    kit: &Kit<'r>,
    line_start: usize,
    at: usize,
) -> Option<Issuer<'r>> {
    let joined = &ctx.doc.joined;
    let from = boundary(joined, at.saturating_sub(LOOK_BEHIND).max(line_start));
    let re = kit.issuer_before?;
    let hay = &joined[from..at];
    if !re.is_match(hay) {
        return None;
    }
    let caps = re.captures(hay)?;
    let rest = caps.name("rest")?.as_str();
    // The last "của/được/do" of the clause introduces the issuer.
    let words: Vec<(usize, &str)> = rest
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - rest.as_ptr() as usize, w))
        .collect();
    let mut start = 0;
    for (off, w) in &words {
        if matches!(w.to_lowercase().as_str(), "của" | "được" | "do") {
            start = off + w.len();
        }
    }
    let text = rest[start..].trim_start();
    let (issuer, len) = issuer_at(kit, text)?;
    // At most three words (the verb: "xác định") between it and "tại".
    (text[len..].split_whitespace().count() <= 3).then_some(issuer)
}

/// Text between two offsets, trimmed, is a coordinator ("và", ",", "và các").
fn coordinated(gap: &str) -> bool {
    let g = gap.trim().trim_matches(|c| c == ',' || c == ';').trim();
    matches!(g, "" | "và" | "hoặc" | "và các" | "cùng")
}

/// Every full-number mention at or after byte `from`.
pub fn find_full<'r>(ctx: &Context<'_, 'r>, from: usize) -> Vec<Found<'r>> {
    let doc = ctx.doc;
    let joined = &doc.joined;
    let mut all: Vec<(usize, usize, usize, &str)> = Vec::new();
    for id in NUMBER_RULES {
        all.extend(spans(ctx, id).into_iter().map(|(s, e, l)| (s, e, l, *id)));
    }
    let mut spans = all;
    spans.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let kit = Kit::new(ctx.rules);
    let mut parsed: HashMap<&str, Option<Rc<Number>>> = HashMap::new();
    let mut found: Vec<Found> = Vec::new();
    let mut last_end = 0;
    for (s, e, li, rule) in spans {
        if s < from || s < last_end {
            continue;
        }
        // Plans cite the same numbers again and again: parse each once.
        let raw = &joined[s..e];
        let parsed = match parsed.get(raw) {
            Some(n) => n.clone(),
            None => {
                let n = Number::parse(raw, ctx.rules).map(Rc::new);
                parsed.insert(raw, n.clone());
                n
            }
        };
        let Some(number) = parsed else {
            continue;
        };
        last_end = e;
        let line = ctx.scan.lines[li].clone();
        let ws = boundary(joined, s.saturating_sub(LOOK_TYPE).max(line.start));
        let mut start = s;
        let mut numbers = Vec::new();
        let list = kit
            .list_before
            .filter(|r| r.is_match(&joined[ws..s]))
            .and_then(|r| r.captures(&joined[ws..s]));
        if let Some(c) = list {
            numbers.extend(
                c.name("list")
                    .map_or("", |m| m.as_str())
                    .split(|c: char| !c.is_ascii_digit())
                    .filter(|p| !p.is_empty())
                    .map(|lead| Rc::new(number.with_lead(lead))),
            );
            start = ws + c.get(0).map_or(0, |m| m.start());
        }
        numbers.push(number);
        let mut type_word = None;
        if let Some(m) = kit.type_before.and_then(|r| r.find(&joined[ws..start]))
            && m.start() < m.end()
        {
            type_word = doc_type_at(&kit, &joined[ws + m.start()..start]);
            start = ws + m.start();
        }
        let tail = tail(ctx, &kit, e, line.end);
        let issuer_before = if tail.issuer.is_none() {
            issuer_before(ctx, &kit, line.start, start)
        } else {
            None
        };
        found.push(Found {
            start,
            number_end: e,
            numbers,
            type_word,
            inherited_type: None,
            tail,
            issuer_before,
            rule: rule.to_string(),
            line: li,
        });
    }
    share_coordinated(ctx, &mut found);
    mark_aliases(ctx, &mut found);
    found
}

/// Coordinated mentions on one line: the type word carries forwards, the
/// date, issuer and term backwards.
fn share_coordinated(ctx: &Context<'_, '_>, found: &mut [Found<'_>]) {
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
            let t = found[i - 1].type_word.or(found[i - 1].inherited_type);
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
fn mark_aliases(ctx: &Context<'_, '_>, found: &mut [Found<'_>]) {
    if found.is_empty() {
        return;
    }
    let Some(rule) = ctx.rules.rule("citation.alias") else {
        return;
    };
    for (s, e, _) in ctx.scan.spans_of(ctx.doc, rule) {
        for f in found.iter_mut() {
            if (s..e).contains(&f.start) {
                f.rule = rule.id.clone();
            }
        }
    }
}

/// Every short mention at or after `from` that is not part of a full one.
pub fn find_short<'r>(
    ctx: &Context<'_, 'r>,
    from: usize,
    full: &[Found<'r>],
) -> Vec<(ShortFound<'r>, &'r str)> {
    let doc = ctx.doc;
    let joined = &doc.joined;
    let mut out = Vec::new();
    let Some(rule) = ctx.rules.rule("citation.short") else {
        return out;
    };
    let kit = Kit::new(ctx.rules);
    let aliases: Vec<(usize, usize)> = ctx
        .rules
        .rule("citation.alias")
        .map(|r| {
            ctx.scan
                .spans_of(doc, r)
                .iter()
                .map(|&(s, e, _)| (s, e))
                .collect()
        })
        .unwrap_or_default();
    for (s, e, li) in spans(ctx, &rule.id) {
        if s < from
            || full
                .iter()
                .any(|f| f.start < e && s < f.end().max(f.number_end))
        {
            continue;
        }
        let after = joined[e..].trim_start();
        let mut chars = after.chars();
        let (c0, c1) = (chars.next(), chars.next());
        if matches!(c0, Some('-' | '/' | '–' | '‐' | '‑' | '—' | '.' | ','))
            && c1.is_some_and(char::is_alphanumeric)
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
        ) || c0 == Some('%')
        {
            continue;
        }
        let text = &joined[s..e];
        let Some(doc_type) = doc_type_at(&kit, text) else {
            continue;
        };
        let first_digit = text
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or(text.len());
        let leads: Vec<String> = text[first_digit..]
            .split(|c: char| !c.is_ascii_digit())
            .filter(|p| {
                p.parse::<u32>()
                    .is_ok_and(|n| n > 0 && !(1900..=2100).contains(&n))
            })
            .map(str::to_string)
            .collect();
        if leads.is_empty() {
            continue;
        }
        let tail = tail(ctx, &kit, e, ctx.scan.lines[li].end);
        let id: &'r str = if aliases.iter().any(|&(a, b)| (a..b).contains(&s)) {
            ctx.rules
                .rule("citation.alias")
                .map_or("citation.alias", |r| r.id.as_str())
        } else {
            rule.id.as_str()
        };
        out.push((
            ShortFound {
                start: s,
                end: tail.date_end.unwrap_or(e),
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
