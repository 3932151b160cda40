//! The words around quantities, found by the context rules of
//! rules/quotas/quotas.toml (`attrs.role`), and the lookups that give a
//! quantity its direction, bound, baseline and period.
//!
//! Scopes: a quantity inside parentheses first looks inside them ("(tỷ lệ
//! giảm: 4,3%)"), then before them; a quantity outside parentheses ignores
//! what closed parentheses say ("1.643 biên chế (giảm 11 biên chế so với
//! năm 2022)": the target 1.643 has neither the verb nor the baseline).

use std::ops::Range;

use super::super::Context;
use crate::rules::Rule;
use crate::rules::{RuleMatch, push_matches};

/// A context word found by a rule.
#[derive(Debug, Clone)]
pub(super) struct Word {
    /// Byte range in the text.
    pub range: Range<usize>,
    /// Canonical value: direction, bound, "2015", "2011-2015" …
    pub value: String,
    /// Counts only straight before the number.
    pub adjacent: bool,
}

/// Every context word of a document, by role, in text order.
#[derive(Debug, Default)]
pub(super) struct Words {
    pub verbs: Vec<Word>,
    pub bounds: Vec<Word>,
    pub baselines: Vec<Word>,
    pub periods: Vec<Word>,
    pub shares: Vec<Word>,
    pub breakdowns: Vec<Word>,
    /// Metrics mentioned without a number, by logical line (start byte),
    /// found on demand: only a quantity without its own metric asks
    /// ([`Words::metrics_in`]).
    metrics: std::cell::RefCell<Vec<(usize, Vec<Word>)>>,
    /// quota_negation forms, lower case.
    pub negations: Vec<String>,
    /// quota_state forms, lower case.
    pub states: Vec<String>,
}

/// Every match of context rule `rule` in `range` of `text`. Context rules
/// run on demand on the lines that hold a quantity (context words elsewhere
/// are never needed, so the rules are not part of the document scan).
fn run<'r>(rule: &'r Rule, text: &str, range: Range<usize>, out: &mut Vec<RuleMatch<'r>>) {
    push_matches(rule, text, range, 0, out);
}

fn years(m: &RuleMatch<'_>, text: &str) -> Option<String> {
    let y1 = m.group_text(text, "y1")?;
    Some(match m.group_text(text, "y2") {
        Some(y2) => format!("{y1}-{y2}"),
        None => y1.to_string(),
    })
}

fn attr_bool(e: &crate::rules::VocabEntry, key: &str) -> bool {
    e.attrs.get(key).and_then(toml::Value::as_bool) == Some(true)
}

impl Words {
    /// Run the `quota` rules with a role on `lines` (sorted byte ranges) and
    /// collect the context words they find.
    pub fn collect(ctx: &Context<'_, '_>, lines: &[Range<usize>]) -> Words {
        let doc = ctx.doc;
        let text = &doc.joined;
        let mut matches = Vec::new();
        for rule in ctx
            .rules
            .rules_of("quota")
            .filter(|r| r.attr("role").is_some_and(|role| role != "metric"))
        {
            for line in lines {
                run(rule, text, line.clone(), &mut matches);
            }
        }
        let direction = ctx.rules.vocab("quota_direction");
        let bound = ctx.rules.vocab("quota_bound");
        let mut w = Words::default();
        for m in &matches {
            // Without the boundary character a rule matches before a word.
            let lead = text[m.start..m.end]
                .find(char::is_alphanumeric)
                .unwrap_or(0);
            let range = m.start + lead..m.end;
            let word = |value: String, adjacent: bool, range: Range<usize>| Word {
                range,
                value,
                adjacent,
            };
            let group = |g: &str| m.group(g).map(|(s, e)| s..e).unwrap_or(range.clone());
            if !ends_word(&doc.joined, m.end) {
                continue;
            }
            match m.rule.attr("role") {
                Some("verb") => {
                    let Some(e) = m
                        .group_text(text, "verb")
                        .and_then(|s| direction?.lookup(s))
                    else {
                        continue;
                    };
                    let dir = e.attr("direction").unwrap_or("target").to_string();
                    w.verbs
                        .push(word(dir, attr_bool(e, "adjacent"), group("verb")));
                }
                Some("bound") => {
                    let Some(e) = m.group_text(text, "bound").and_then(|s| bound?.lookup(s)) else {
                        continue;
                    };
                    let b = e.attr("bound").unwrap_or("exact").to_string();
                    w.bounds
                        .push(word(b, attr_bool(e, "adjacent"), group("bound")));
                }
                Some("baseline") => {
                    if let Some(y) = years(m, text) {
                        w.baselines.push(word(y, false, range));
                    }
                }
                Some("period") => {
                    if let Some(y) = years(m, text) {
                        w.periods.push(word(y, false, range));
                    }
                }
                Some("share") => w.shares.push(word(String::new(), false, range)),
                Some("breakdown") => w.breakdowns.push(word(String::new(), false, range)),
                _ => {}
            }
        }
        let forms = |name: &str| -> Vec<String> {
            ctx.rules.vocab(name).map_or(Vec::new(), |v| {
                v.entries
                    .iter()
                    .flat_map(|e| e.forms.iter().map(|f| f.to_lowercase()))
                    .collect()
            })
        };
        w.negations = forms("quota_negation");
        w.states = forms("quota_state");
        w.clean_periods(&doc.joined);
        for list in [&mut w.verbs, &mut w.bounds] {
            dedupe_overlaps(list);
        }
        w
    }

    /// The metrics mentioned in the logical line `line` (the matches of the
    /// rules with role "metric"), in text order; found the first time a
    /// line is asked for.
    pub fn metrics_in(
        &self,
        ctx: &Context<'_, '_>,
        line: &Range<usize>,
    ) -> std::cell::Ref<'_, [Word]> {
        let known = |m: &Vec<(usize, Vec<Word>)>| m.iter().position(|(l, _)| *l == line.start);
        if known(&self.metrics.borrow()).is_none() {
            let text = &ctx.doc.joined;
            let vocab = ctx.rules.vocab("quota_metric");
            let mut hits = Vec::new();
            for rule in ctx
                .rules
                .rules_of("quota")
                .filter(|r| r.attr("role") == Some("metric"))
            {
                run(rule, text, line.clone(), &mut hits);
            }
            let mut list: Vec<Word> = hits
                .iter()
                .filter(|m| ends_word(text, m.end))
                .filter_map(|m| {
                    let e = m
                        .group_text(text, "metric")
                        .and_then(|s| vocab?.lookup(s))?;
                    let range = m.group("metric").map(|(s, e)| s..e).unwrap_or_else(|| {
                        let lead = text[m.start..m.end]
                            .find(char::is_alphanumeric)
                            .unwrap_or(0);
                        m.start + lead..m.end
                    });
                    Some(Word {
                        range,
                        value: e.value.clone(),
                        adjacent: false,
                    })
                })
                .collect();
            dedupe_overlaps(&mut list);
            self.metrics.borrow_mut().push((line.start, list));
        }
        std::cell::Ref::map(self.metrics.borrow(), |m| {
            let i = known(m).unwrap_or_default();
            m[i].1.as_slice()
        })
    }

    /// Periods that are a baseline ("so với năm 2015") or part of a date or
    /// quarter ("tháng 8 năm 2018", "quý IV năm 2019") name no target year;
    /// of overlapping periods the earliest, then longest, stays.
    fn clean_periods(&mut self, text: &str) {
        let baselines = &self.baselines;
        self.periods.retain(|p| {
            let in_baseline = baselines
                .iter()
                .any(|b| b.range.start < p.range.end && p.range.start < b.range.end);
            let before: Vec<&str> = text[..p.range.start]
                .split_whitespace()
                .rev()
                .take(2)
                .collect();
            let dated = before.len() == 2
                && (before[0]
                    .chars()
                    .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase()))
                && ["tháng", "quý", "ngày"].contains(&before[1].to_lowercase().as_str());
            !in_baseline && !dated
        });
        dedupe_overlaps(&mut self.periods);
    }
}

/// Does a word end at byte `end` of `text` (not inside a longer word, as
/// "thôn" in "thông")? Rules do not use `\b`: a Unicode word boundary keeps
/// the regex crate off its fast engines on Vietnamese text.
pub(super) fn ends_word(text: &str, end: usize) -> bool {
    !text[end..]
        .chars()
        .next()
        .is_some_and(char::is_alphanumeric)
}

/// Keep, of overlapping words, the earliest and then the longest.
fn dedupe_overlaps(list: &mut Vec<Word>) {
    list.sort_by(|a, b| {
        a.range
            .start
            .cmp(&b.range.start)
            .then(b.range.end.cmp(&a.range.end))
    });
    let mut out: Vec<Word> = Vec::with_capacity(list.len());
    for w in list.drain(..) {
        if out.last().is_none_or(|l| l.range.end <= w.range.start) {
            out.push(w);
        }
    }
    *list = out;
}

/// Parenthesis depth at byte `at` of the logical line `line`.
pub(super) fn depth(text: &str, line: &Range<usize>, at: usize) -> i32 {
    text[line.start..at.clamp(line.start, line.end)]
        .chars()
        .map(|c| match c {
            '(' => 1,
            ')' => -1,
            _ => 0,
        })
        .sum::<i32>()
        .max(0)
}

/// Words of `list` in `range` at parenthesis depth `d`.
pub(super) fn in_scope<'w, 'a>(
    list: &'w [Word],
    text: &'a str,
    line: &'a Range<usize>,
    range: Range<usize>,
    d: i32,
) -> impl DoubleEndedIterator<Item = &'w Word> {
    list.iter().filter(move |w| {
        w.range.start >= range.start
            && w.range.end <= range.end
            && depth(text, line, w.range.start) == d
    })
}

/// Is the gap between a word and a number only white space, bound words
/// and small link words ("giảm còn 01", "đạt tối thiểu 80%", "chiếm tỷ lệ
/// ít nhất 65%")?
pub(super) fn adjacent(text: &str, from: usize, to: usize, bounds: &[Word]) -> bool {
    if from > to {
        return false;
    }
    let mut gap = text[from..to].to_string();
    for b in bounds
        .iter()
        .filter(|b| b.range.start >= from && b.range.end <= to)
    {
        gap = gap.replace(&text[b.range.clone()], " ");
    }
    gap.split_whitespace().all(|w| {
        matches!(
            w.to_lowercase().trim_matches([':', ',']),
            "" | "được" | "mức" | "là" | "tỷ" | "tỉ" | "lệ" | "có" | "tới" | "bằng"
        )
    })
}
