//! Extracts time limits (SPEC section 8): `by`, `recurring`, `ongoing` and
//! `conditional` deadlines, normalized to ISO days.
//!
//! The `deadline.*` rules (rules/deadlines/) find the expressions and name
//! their parts (`t`, `from`, `until`, `rec`, `rec_day`, `condition`,
//! `ongoing`, see the header of deadlines.toml); this module
//!
//! 1. keeps the body of the plan only (from its first numbered heading to
//!    the recipients block; "Căn cứ …" lines are bases, not limits);
//! 2. resolves overlaps: the earliest expression wins, then the rule's
//!    priority, then the longest, so "Thực hiện thường xuyên hàng năm" is
//!    one recurring deadline, not also an ongoing one;
//! 3. drops what is not a limit on the work ([`filters`]): noun phrases
//!    ("việc đánh giá … hằng năm"), period labels standing alone as a
//!    heading ("a) Đến năm 2025"), bare cells outside a time column;
//! 4. turns the parts into values with [`Temporal`]: `from` = first day,
//!    `until` = last day, "--MM-DD" / "---DD" for yearly / monthly days,
//!    `recurrence` from the recurrence vocabulary, `condition` as written
//!    (a condition inside parentheses runs to the closing one).
//!
//! What this module does not do: attach deadlines to tasks (see
//! `extract/tasks.rs` and `resolve`).

mod filters;
mod prep;

use std::ops::Range;

use super::Context;
use super::clause::{self, fold_ws, sentence};
use super::temporal::Temporal;
use crate::record::{Deadline, Warning};
use crate::rules::RuleMatch;
use prep::{Prep, RuleAttrs};

/// A rule match with the range of its deadline text.
struct Candidate<'r, 'p> {
    m: RuleMatch<'r>,
    a: &'p RuleAttrs,
    t: Range<usize>,
    line: Range<usize>,
}

/// Extract this section from the document.
pub fn extract(ctx: &Context<'_, '_>, _warnings: &mut Vec<Warning>) -> Vec<Deadline> {
    let Some(temporal) = Temporal::new(ctx.rules) else {
        return Vec::new();
    };
    let doc = ctx.doc;
    let prep = Prep::of(ctx.rules);
    let body = clause::Body::new(ctx);
    // Whether the last logical line seen states a basis (matches come in
    // text order, so each line is looked at once).
    let mut basis: Option<(usize, bool)> = None;
    let mut cands: Vec<Candidate> = Vec::new();
    for m in ctx.scan.matches(doc, "deadline") {
        let t = m.group("t").map_or(m.start..m.end, |(s, e)| s..e);
        if !body.contains(t.start) {
            continue;
        }
        let line = ctx.scan.lines[m.logical_line].clone();
        let is_basis = match basis {
            Some((l, b)) if l == m.logical_line => b,
            _ => {
                let b = clause::is_basis(&doc.joined, line.clone());
                basis = Some((m.logical_line, b));
                b
            }
        };
        if is_basis {
            continue;
        }
        let a = prep.attrs(m.rule);
        let t = t.start..soft_end(ctx, &prep, a, t.start, t.end);
        cands.push(Candidate { m, a, t, line });
    }
    cands.sort_by(|a, b| {
        a.t.start
            .cmp(&b.t.start)
            .then(a.m.rule.priority.cmp(&b.m.rule.priority))
            .then(b.t.end.cmp(&a.t.end))
    });
    let mut taken: Vec<Range<usize>> = Vec::new();
    let mut out: Vec<(Deadline, Range<usize>)> = Vec::new();
    for c in cands {
        if taken.iter().any(|r| r.start < c.t.end && c.t.start < r.end) {
            continue;
        }
        if !filters::keep(ctx, &prep, &c.m, c.a, c.t.clone(), c.line.clone()) {
            continue;
        }
        let items = build(ctx, &prep, &temporal, &c);
        if items.is_empty() {
            continue;
        }
        taken.push(c.t.clone());
        // The sentence matters only to recurring and ongoing items (see
        // `dedupe`).
        let sent = if items
            .iter()
            .any(|d| d.kind == "recurring" || d.kind == "ongoing")
        {
            sentence(&doc.joined, c.line.clone(), c.t.start)
        } else {
            0..0
        };
        out.extend(items.into_iter().map(|d| (d, sent.clone())));
    }
    dedupe(out)
}

/// One recurring or ongoing deadline per sentence and value: "Thực hiện
/// nghiêm việc … hàng năm. Thực hiện hàng năm." reads as one limit only if
/// both are in one sentence.
fn dedupe(items: Vec<(Deadline, Range<usize>)>) -> Vec<Deadline> {
    let mut out: Vec<(Deadline, Range<usize>)> = Vec::with_capacity(items.len());
    for (d, sent) in items {
        let dup = (d.kind == "recurring" || d.kind == "ongoing")
            && out.iter().any(|(o, s)| {
                *s == sent
                    && o.kind == d.kind
                    && o.recurrence == d.recurrence
                    && o.until == d.until
                    && o.from == d.from
            });
        if !dup {
            out.push((d, sent));
        }
    }
    let mut out: Vec<Deadline> = out.into_iter().map(|(d, _)| d).collect();
    out.sort_by_key(|d| d.span.start);
    out
}

/// The deadline(s) a kept match stands for (none if its parts do not parse).
fn build(
    ctx: &Context<'_, '_>,
    prep: &Prep,
    temporal: &Temporal<'_>,
    c: &Candidate<'_, '_>,
) -> Vec<Deadline> {
    let doc = ctx.doc;
    let m = &c.m;
    let kind = c.a.kind.as_str();
    let period = |g: &str| m.text(doc, g).map(|s| temporal.period(s));
    let from = match period("from") {
        Some(None) => return Vec::new(),
        Some(Some(p)) => Some(p.first.iso()),
        None => None,
    };
    let mut until = match period("until") {
        Some(None) => return Vec::new(),
        Some(Some(p)) => Some(p.last.iso()),
        None => None,
    };
    let mut recurrence = c.a.recurrence.clone();
    if let Some((rs, re)) = m.group("rec") {
        let rec = &doc.joined[rs..re];
        if let Some((d, mo)) = temporal.day_month(rec) {
            if has_year_after(&doc.joined[re..c.line.end]) {
                // "trước ngày 15 tháng 12 năm 2023": a date, not every year.
                return Vec::new();
            }
            until = Some(format!("--{mo:02}-{d:02}"));
        } else if let Some(r) = temporal.recurrence(rec) {
            recurrence = Some(r.to_string());
        }
    }
    if let Some(d) = m
        .text(doc, "rec_day")
        .and_then(|d| d.trim().parse::<u32>().ok())
    {
        until = Some(format!("---{d:02}"));
    }
    let condition = match m.group("condition") {
        Some((s, e)) => match condition_text(ctx, prep, c, s, e) {
            Some(cond) => Some(cond),
            None => return Vec::new(),
        },
        None => None,
    };
    let make = |kind: &str, from: Option<String>, until: Option<String>| Deadline {
        text: fold_ws(doc.quote(c.t.start, c.t.end)),
        kind: kind.to_string(),
        from,
        until,
        recurrence: if kind == "recurring" {
            recurrence.clone()
        } else {
            None
        },
        condition: if kind == "conditional" {
            condition.clone()
        } else {
            None
        },
        span: doc.span(c.t.start, c.t.end),
        rule: m.rule.id.clone(),
    };
    let ongoing = m.group("ongoing").is_some();
    match kind {
        "by" if until.is_none() && (ongoing || from.is_none()) => {
            // "Thực hiện thường xuyên từ năm 2018": ongoing from 2018.
            if ongoing {
                vec![make("ongoing", from, None)]
            } else {
                Vec::new()
            }
        }
        "by" if ongoing => vec![make("by", from.clone(), until), make("ongoing", from, None)],
        "conditional" if condition.is_none() => Vec::new(),
        _ => vec![make(kind, from, until)],
    }
}

/// Does `rest` start with a year ("/2023", " năm 2023")?
fn has_year_after(rest: &str) -> bool {
    let t = rest.trim_start();
    let t = t
        .strip_prefix('/')
        .or_else(|| t.strip_prefix("năm"))
        .or_else(|| t.strip_prefix("Năm"));
    t.is_some_and(|t| t.trim_start().starts_with(|c: char| c.is_ascii_digit()))
}

/// Where a condition of a rule with attributes `a` found at `s..e` ends:
/// before the first `condition_end` form when `attrs.trim = "soft"`, else
/// at `e`.
fn soft_end(ctx: &Context<'_, '_>, prep: &Prep, a: &RuleAttrs, s: usize, e: usize) -> usize {
    if !a.trim_soft || prep.condition_end.is_empty() {
        return e;
    }
    let lower = ctx.doc.joined[s..e].to_lowercase();
    prep.condition_end
        .iter()
        .filter_map(|f| lower.find(f.as_str()))
        .min()
        .map_or(e, |cut| s + cut)
}

/// The condition clause as written; inside parentheses it runs to the
/// closing one ("(hoàn thành ngay sau khi …; hướng dẫn …; ban hành …)").
/// With `attrs.trim = "soft"` it ends before a `condition_end` form (", giao
/// …", " và hoàn thành …"); with `attrs.authority` it must hold a word of
/// that vocabulary (within `attrs.authority_within` characters), or it is
/// no condition (None): "sau khi sáp nhập" is a sequence, "sau khi có hướng
/// dẫn của Trung ương" a condition.
fn condition_text(
    ctx: &Context<'_, '_>,
    prep: &Prep,
    c: &Candidate<'_, '_>,
    s: usize,
    e: usize,
) -> Option<String> {
    let text = &ctx.doc.joined;
    let mut end = soft_end(ctx, prep, c.a, s, e);
    let next = text[end..c.line.end].trim_start().chars().next();
    if end == e
        && next == Some(';')
        && let Some(open) = clause::open_paren(text, c.line.clone(), s)
        && let Some(close) = clause::close_paren(text, c.line.clone(), open)
        && close > e
    {
        end = close;
    }
    let cond = fold_ws(text[s..end].trim_end_matches([' ', ',', ';']));
    if let Some((forms, within)) = &c.a.authority {
        let head = cond
            .chars()
            .take(*within)
            .collect::<String>()
            .to_lowercase();
        if !forms.iter().any(|f| filters::has_word(&head, f)) {
            return None;
        }
    }
    Some(cond)
}
