//! Extracts numeric targets (SPEC section 6) and checks their arithmetic
//! (SPEC section 10).
//!
//! Quantity rules (`quota.percent`, `quota.count`, `quota.rate` …) find a
//! number and what it counts; context rules find the words around it
//! ([`context`]). For each quantity, in text order:
//!
//! * **direction**: the nearest direction verb before it in its scope — a
//!   verb distributes over the list after it ("giảm 41 trường, 77 điểm
//!   trường"; "giảm 07/162 phòng …; 01/14 Chi cục"); a level verb ("còn",
//!   "đạt", "lên") only counts straight before the number and makes it a
//!   `target`; no verb: a `target` ("Năm 2023: 1.643 biên chế"); a
//!   negation or past before the verb ("chưa đạt", "đã giảm") drops it;
//! * **metric**: the quota_metric vocabulary entry after the number; a
//!   percentage without one takes the metric of the quota it glosses ("(tỷ
//!   lệ giảm: 4,3%)", "chiếm tỷ lệ 1,8%"), or the metric named before a
//!   share ("vị trí chuyên môn, nghiệp vụ chiếm tỷ lệ ít nhất 65%"); with
//!   none, it is no quota ("chưa đạt 50% tiêu chuẩn");
//! * **bound**: bound words between the previous quantity and this one;
//!   "bình quân"/"trung bình" holds to the end of the sentence and wins
//!   over a minimum;
//! * **baseline**: the first "so với …" after it in its scope, before
//!   another verb; a "trong đó" breakdown keeps the baseline it breaks down;
//! * **by**: the nearest period before it in its sentence, else the first
//!   after it, else the period of the enclosing heading or lead-in ("1. Giai
//!   đoạn đến năm 2021", "Năm 2024:"), else of the plan's title.
//!
//! What this module does not do: decide what a number looks like (rules).

mod arithmetic;
mod context;
mod period;

use std::ops::Range;

use super::Context;
use super::clause::{self, fold_ws, open_paren, sentence};
use super::numerals::{parse_number, parse_words};
use crate::record::{Quota, Warning};
use crate::rules::RuleMatch;
use context::{Word, Words, adjacent, depth, in_scope};
use period::{by_of, title_period};

/// A quantity found by a rule, parsed.
struct Found {
    rule: String,
    value: f64,
    value_text: String,
    of: Option<f64>,
    unit: String,
    /// Canonical metric and the range of its surface.
    metric: Option<(String, Range<usize>)>,
    /// Start of the number.
    start: usize,
    /// End of the match.
    end: usize,
    line: Range<usize>,
    sent: Range<usize>,
    depth: i32,
    open: Option<usize>,
}

/// A quota with what later quantities and the checks need.
pub(super) struct Built {
    pub quota: Quota,
    pub sent: Range<usize>,
    pub end: usize,
    pub value_text: String,
    /// Index (in the built list) of the quota this one glosses.
    pub gloss_of: Option<usize>,
    /// Part of a "trong đó" breakdown.
    pub breakdown: bool,
    /// Start of the verb that governs it.
    pub verb: Option<usize>,
    /// Outline parent of the quota's item (for yearly series).
    pub group: Option<usize>,
}

/// Extract this section from the document.
pub fn extract(ctx: &Context<'_, '_>, warnings: &mut Vec<Warning>) -> Vec<Quota> {
    let doc = ctx.doc;
    let quantities: Vec<RuleMatch> = ctx
        .rules
        .rules_of("quota")
        .filter(|r| r.attr("role").is_none())
        .flat_map(|r| ctx.scan.matches_of(doc, r))
        .collect();
    let body = clause::Body::new(ctx);
    let found = find(ctx, &body, &quantities);
    if found.is_empty() {
        return Vec::new();
    }
    // Context words are needed only where quantities are, in their
    // headings and lead-ins, and in the title.
    let mut lines: Vec<Range<usize>> = found.iter().map(|f| f.line.clone()).collect();
    for f in &found {
        lines.extend(period::inheritance_lines(ctx, f.start));
    }
    lines.extend(period::title_range(ctx, &body));
    lines.sort_by_key(|r| (r.start, r.end));
    lines.dedup();
    let words = Words::collect(ctx, &lines);
    let title = title_period(ctx, &body, &words);
    let mut built: Vec<Built> = Vec::new();
    for (i, f) in found.iter().enumerate() {
        let next = found.get(i + 1).map(|n| n.start);
        if let Some(b) = build(ctx, &words, f, next, &built, title.as_deref()) {
            built.push(b);
        }
    }
    arithmetic::check(&built, warnings);
    built.into_iter().map(|b| b.quota).collect()
}

/// Parse the quantity matches in the body, one per number.
fn find(ctx: &Context<'_, '_>, body: &clause::Body, quantities: &[RuleMatch<'_>]) -> Vec<Found> {
    let doc = ctx.doc;
    let text = &doc.joined;
    let metric_vocab = ctx.rules.vocab("quota_metric");
    let number_words = ctx.rules.vocab("number_word");
    let mut out: Vec<Found> = Vec::new();
    let mut basis: Option<(usize, bool)> = None;
    let mut sorted: Vec<&RuleMatch> = quantities.iter().collect();
    sorted.sort_by_key(|m| m.group("value").map_or(m.start, |g| g.0));
    for m in sorted {
        let Some((vs, _)) = m.group("value") else {
            continue;
        };
        let line = ctx.scan.lines[m.logical_line].clone();
        if !body.contains(vs) || out.last().is_some_and(|f| f.end > vs) {
            continue;
        }
        // Whether the line states a basis, once per line (the matches are
        // in text order).
        let is_basis = match basis {
            Some((l, b)) if l == m.logical_line => b,
            _ => {
                let b = clause::is_basis(text, line.clone());
                basis = Some((m.logical_line, b));
                b
            }
        };
        if is_basis {
            continue;
        }
        let value_text = m.text(doc, "value").unwrap_or_default().to_string();
        let Some(value) = parse_number(&value_text)
            .or_else(|| number_words.and_then(|v| parse_words(&value_text, v)))
        else {
            continue;
        };
        let of = m.text(doc, "of").and_then(parse_number);
        let word_end = m.group("metric").or(m.group("den")).map(|g| g.1);
        if word_end.is_some_and(|e| !context::ends_word(text, e)) {
            // "05 thông tin" is no count of "thôn".
            continue;
        }
        let metric = match (m.group("metric"), m.text(doc, "den")) {
            (Some((s, e)), _) => metric_vocab
                .and_then(|v| v.lookup(&text[s..e]))
                .map(|entry| (entry.value.clone(), s..e)),
            (None, Some(den)) => {
                let num = m.text(doc, "num").unwrap_or("");
                let name = if num.is_empty() {
                    den.to_lowercase()
                } else {
                    format!("{}/{}", num.to_lowercase(), den.to_lowercase())
                };
                let s = m.group("num").or(m.group("den")).map_or(vs, |g| g.0);
                Some((fold_ws(&name), s..m.end))
            }
            _ => None,
        };
        out.push(Found {
            rule: m.rule.id.clone(),
            value,
            value_text,
            of,
            unit: m.rule.attr("unit").unwrap_or("count").to_string(),
            metric,
            start: vs,
            end: m.end,
            sent: sentence(text, line.clone(), vs),
            depth: depth(text, &line, vs),
            open: open_paren(text, line.clone(), vs),
            line,
        });
    }
    out
}

/// The direction verb that governs `f`, if any.
fn verb_of<'w>(ctx: &Context<'_, '_>, w: &'w Words, f: &Found) -> Option<&'w Word> {
    let text = &ctx.doc.joined;
    let scope = f.open.map_or(f.sent.start, |o| o + 1);
    let inner = in_scope(&w.verbs, text, &f.line, scope..f.start, f.depth)
        .rev()
        .find(|v| !v.adjacent || adjacent(text, v.range.end, f.start, &w.bounds));
    inner.or_else(|| {
        let open = f.open?;
        in_scope(&w.verbs, text, &f.line, f.sent.start..open, f.depth - 1)
            .rev()
            .find(|v| !v.adjacent)
    })
}

/// Is the word before `at` a negation or a past marker ("chưa", "đã")?
fn negated(text: &str, at: usize, w: &Words) -> bool {
    text[..at]
        .split_whitespace()
        .next_back()
        .is_some_and(|p| w.negations.contains(&p.to_lowercase()))
}

/// Does the clause before a number describe the present or the past ("Hiện
/// nay, toàn tỉnh có 20 sở")?
fn describes_state(text: &str, w: &Words, from: usize, to: usize) -> bool {
    let clause = text[from..to].to_lowercase();
    w.states.iter().any(|s| clause.contains(s.as_str()))
}

/// The bound of `f`, looked for from `from` on.
fn bound_of(text: &str, w: &Words, f: &Found, from: usize) -> String {
    let carried = w
        .bounds
        .iter()
        .any(|b| b.value == "average" && b.range.start >= f.sent.start && b.range.end <= f.start);
    if carried {
        return "average".into();
    }
    let local: Vec<&Word> = in_scope(&w.bounds, text, &f.line, from..f.start, f.depth)
        .filter(|b| !b.adjacent || text[b.range.end..f.start].trim().is_empty())
        .collect();
    local
        .iter()
        .rev()
        .find(|b| b.value != "exact")
        .map_or("exact", |b| b.value.as_str())
        .to_string()
}

/// The baseline after `f`, in its scope and before another verb.
fn baseline_of(text: &str, w: &Words, f: &Found) -> Option<String> {
    let close = f
        .open
        .and_then(|o| clause::close_paren(text, f.line.clone(), o))
        .unwrap_or(f.sent.end);
    let mut stop = close.min(f.sent.end);
    if let Some(p) = text[f.end..stop].find(';') {
        let at = f.end + p;
        if depth(text, &f.line, at) == f.depth {
            stop = at;
        }
    }
    if let Some(v) = in_scope(&w.verbs, text, &f.line, f.end..stop, f.depth).next() {
        stop = v.range.start;
    }
    in_scope(&w.baselines, text, &f.line, f.end..stop, f.depth)
        .next()
        .map(|b| b.value.clone())
}

/// The noun phrase a metric starts, as written: up to the next verb, bound,
/// baseline, period, share, quantity or clause punctuation. When a verb
/// ends it, the words after the last comma are the next clause's subject
/// ("giảm 486 người, công chức hành chính giảm 39 người").
fn subject_end(text: &str, w: &Words, from: usize, limit: usize) -> usize {
    let mut end = limit;
    if let Some(p) = text[from..limit].find(['(', ')', ';', ':', '.']) {
        end = from + p;
    }
    let mut by_verb = false;
    for (i, list) in [
        &w.verbs,
        &w.bounds,
        &w.baselines,
        &w.periods,
        &w.breakdowns,
        &w.shares,
    ]
    .into_iter()
    .enumerate()
    {
        if let Some(x) = list
            .iter()
            .find(|x| x.range.start > from && x.range.start < end)
        {
            end = x.range.start;
            by_verb = i == 0;
        }
    }
    if by_verb && let Some(p) = text[from..end].find(',') {
        end = from + p;
    }
    // At most 15 words.
    if let Some((p, _)) = text[from..end]
        .match_indices(char::is_whitespace)
        .filter(|(p, _)| *p > 0)
        .nth(14)
    {
        end = from + p;
    }
    let mut phrase = &text[from..end];
    loop {
        let t = phrase.trim_end_matches([' ', ',', '\t']);
        let t = t
            .strip_suffix(" và")
            .or_else(|| t.strip_suffix(" hoặc"))
            .unwrap_or(t);
        if t.len() == phrase.len() {
            break;
        }
        phrase = t;
    }
    from + phrase.len()
}

/// Build the quota for `f`, given the quotas before it.
fn build(
    ctx: &Context<'_, '_>,
    w: &Words,
    f: &Found,
    next: Option<usize>,
    built: &[Built],
    title: Option<&str>,
) -> Option<Built> {
    let text = &ctx.doc.joined;
    let limit = next
        .filter(|&n| n > f.start)
        .map_or(f.sent.end, |n| n.min(f.sent.end));
    let prev_index = built
        .len()
        .checked_sub(1)
        .filter(|&i| built[i].sent == f.sent);
    let prev = prev_index.map(|i| &built[i]);
    let scope = f.open.map_or(f.sent.start, |o| o + 1);
    // Bounds and the text start after the previous quantity and the last
    // ';' of the scope.
    let clause = text[scope..f.start]
        .rfind(';')
        .map_or(scope, |p| scope + p + 1);
    let local_from = prev.map_or(clause, |p| p.end.max(clause)).min(f.start);
    let verb = verb_of(ctx, w, f);
    if negated(text, verb.map_or(f.start, |v| v.range.start), w)
        || describes_state(
            text,
            w,
            clause::clause_start(text, f.line.clone(), f.start),
            f.start,
        )
    {
        return None;
    }
    let share = w
        .shares
        .iter()
        .find(|s| s.range.start >= local_from && s.range.end <= f.start);
    let breakdown = w
        .breakdowns
        .iter()
        .any(|b| b.range.start >= prev.map_or(f.sent.start, |p| p.end) && b.range.end <= f.start);
    let mut direction = verb.map_or("target".to_string(), |v| v.value.clone());
    let mut gloss_of = None;
    let (metric, subject) = match &f.metric {
        Some((m, r)) => {
            let end = subject_end(text, w, r.start, limit.max(r.end)).max(r.end);
            // "còn 168 đơn vị hành chính cấp xã (giảm 144 đơn vị …)": a bare
            // "đơn vị" is the unit just named.
            let m = match prev {
                Some(p) if m == "đơn vị" && p.quota.metric.starts_with("đơn vị") => {
                    p.quota.metric.clone()
                }
                _ => m.clone(),
            };
            (m, fold_ws(&text[r.start..end]))
        }
        None => {
            let paren_gloss = f
                .open
                .zip(prev)
                .is_some_and(|(o, p)| o >= p.end && !text[p.end..o].contains([';', '.']));
            if let Some(p) = prev.filter(|_| share.is_some() || paren_gloss) {
                gloss_of = prev_index;
                if verb.is_none() {
                    direction = p.quota.direction.clone();
                }
                (p.quota.metric.clone(), p.quota.subject.clone())
            } else if share.is_some() || direction != "target" {
                // "vị trí chuyên môn, nghiệp vụ chiếm tỷ lệ 65%", "tỷ lệ đơn
                // vị tự chủ tài chính đạt 30%", "Tinh giản biên chế: giảm
                // 10% so với năm 2015": the metric named before.
                let metrics = w.metrics_in(ctx, &f.line);
                let m = metrics
                    .iter()
                    .rfind(|m| m.range.start >= f.sent.start && m.range.end <= f.start)?;
                (m.value.clone(), text[m.range.clone()].to_string())
            } else {
                return None;
            }
        }
    };
    let mut bound = bound_of(text, w, f, local_from);
    // "giảm tối thiểu 10% A và 10% B": one verb, one bound.
    let verb_start = verb.map(|v| v.range.start);
    if bound == "exact"
        && let Some(p) = prev
        && verb_start.is_some()
        && p.verb == verb_start
    {
        bound = p.quota.bound.clone();
    }
    let mut baseline = baseline_of(text, w, f);
    if breakdown && let Some(p) = prev {
        if baseline.is_none() {
            baseline = p.quota.baseline.clone();
        }
        if bound == "exact" {
            bound = p.quota.bound.clone();
        }
    }
    let by = by_of(ctx, w, f, title);
    let start = verb
        .filter(|v| v.range.start >= local_from)
        .map(|v| v.range.start)
        .or_else(|| {
            in_scope(&w.bounds, text, &f.line, local_from..f.start, f.depth)
                .find(|b| !b.adjacent || text[b.range.end..f.start].trim().is_empty())
                .map(|b| b.range.start)
        })
        .unwrap_or(f.start);
    let end = f
        .metric
        .as_ref()
        .map_or(f.end, |(_, r)| {
            subject_end(text, w, r.start, limit.max(r.end)).max(r.end)
        })
        .max(f.start);
    let quota = Quota {
        text: fold_ws(&text[start..end]),
        metric,
        subject,
        direction,
        value: f.value,
        unit: f.unit.clone(),
        of: f.of,
        bound,
        baseline,
        by,
        span: ctx.doc.span(start, end),
        rule: f.rule.clone(),
    };
    let group = ctx
        .outline
        .item_at(f.start)
        .and_then(|i| ctx.outline.items[i].parent);
    Some(Built {
        quota,
        sent: f.sent.clone(),
        end: f.metric.as_ref().map_or(f.end, |(_, r)| r.end),
        value_text: f.value_text.clone(),
        gloss_of,
        breakdown,
        verb: verb_start,
        group,
    })
}
