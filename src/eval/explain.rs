//! `kehoach explain`: why an item exists, or why it does not.
//!
//! For each line shown: the normalized text, every item the record has
//! there (citation mentions, quotas, deadlines, tasks, warnings) with the
//! rule that produced it, and every rule match on the line with its named
//! captures, marked *used* when an item of the same rule overlaps it and
//! *not used* otherwise. A match that produced nothing is usually where a
//! missing item went.
//!
//! The matches come from re-running the rule scan on the document
//! ([`crate::rules::RuleSet::scan`], then [`crate::rules::Scan::matches`]
//! for every rule kind), so they are exactly what the extractors saw.

use std::fmt::Write as _;

use serde::Serialize;

use crate::document::Document;
use crate::error::DocError;
use crate::pipeline::{self, Engine};
use crate::record::{PlanRecord, Span};
use crate::rules::RuleSet;

/// Which lines to explain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    /// One line, whatever it holds.
    One(u32),
    /// Every line with at least one item.
    WithItems,
    /// Every line with an item or a rule match.
    WithMatches,
}

/// An item of the record on a line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExplainedItem {
    /// `citation`, `quota`, `deadline`, `task` or `warning`.
    pub section: String,
    /// The rule that produced it (empty for warnings).
    pub rule: String,
    /// What it is, in one line.
    pub label: String,
    /// Where.
    pub span: Span,
    /// Whether a match of its rule overlaps it.
    pub matched: bool,
}

/// A rule match on a line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExplainedMatch {
    /// Rule id.
    pub rule: String,
    /// Byte range in the normalized text.
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// The matched text (soft line breaks read as spaces).
    pub text: String,
    /// Named captures that took part, in pattern order.
    pub captures: Vec<(String, String)>,
    /// Whether an item of this rule overlaps the match.
    pub used: bool,
}

/// One explained line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExplainedLine {
    /// 1-based line.
    pub line: u32,
    /// Its normalized text.
    pub text: String,
    /// Items of the record on this line.
    pub items: Vec<ExplainedItem>,
    /// Rule matches touching this line.
    pub matches: Vec<ExplainedMatch>,
}

/// The explanation of a file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    /// The file.
    pub path: String,
    /// Number of lines of the normalized text.
    pub line_count: usize,
    /// The lines explained.
    pub lines: Vec<ExplainedLine>,
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1 || a == b
}

fn items_of(record: &PlanRecord) -> Vec<ExplainedItem> {
    let mut out = Vec::new();
    let mut push = |section: &str, rule: &str, label: String, span: Span| {
        out.push(ExplainedItem {
            section: section.into(),
            rule: rule.into(),
            label,
            span,
            matched: false,
        })
    };
    for c in &record.citations {
        for m in &c.mentions {
            let label = format!(
                "{} {} ({}) \"{}\"",
                c.doc_type, c.number, c.relation, m.text
            );
            push("citation", &m.rule, label, m.span);
        }
    }
    for q in &record.quotas {
        let of = q.of.map_or(String::new(), |o| format!(" of {o}"));
        let label = format!(
            "{} {} {}{of} metric={:?} bound={} baseline={:?} by={:?}",
            q.direction, q.value, q.unit, q.metric, q.bound, q.baseline, q.by
        );
        push("quota", &q.rule, label, q.span);
    }
    for d in &record.deadlines {
        let label = format!(
            "{} from={:?} until={:?} recurrence={:?} \"{}\"",
            d.kind, d.from, d.until, d.recurrence, d.text
        );
        push("deadline", &d.rule, label, d.span);
    }
    for t in &record.tasks {
        let deadline = t
            .deadline
            .as_ref()
            .map_or("none".into(), |d| format!("{} {:?}", d.kind, d.until));
        let label = format!(
            "{} lead={:?} support={:?} deadline={deadline}",
            t.section, t.lead, t.support
        );
        push("task", &t.rule, label, t.span);
    }
    for w in &record.warnings {
        if let Some(span) = w.span {
            push("warning", "", format!("{}: {}", w.code, w.message), span);
        }
    }
    out
}

/// Explain `record`'s items and the rule matches of `rules` on `doc`.
pub fn explain_document(
    doc: &Document<'_>,
    rules: &RuleSet,
    record: &PlanRecord,
    lines: Lines,
) -> Explanation {
    let scan = rules.scan(doc);
    let mut kinds: Vec<&str> = rules.rules().iter().map(|r| r.kind.as_str()).collect();
    kinds.sort_unstable();
    kinds.dedup();
    let mut items = items_of(record);
    // (first line, last line, match)
    let mut matches: Vec<(u32, u32, ExplainedMatch)> = Vec::new();
    for kind in kinds {
        for m in scan.matches(doc, kind) {
            let used = items.iter().any(|i| {
                i.rule == m.rule.id && overlaps((i.span.start, i.span.end), (m.start, m.end))
            });
            let first = doc.lines.line_of(m.start);
            let last = doc.lines.line_of(m.end.saturating_sub(1).max(m.start));
            matches.push((
                first,
                last,
                ExplainedMatch {
                    rule: m.rule.id.clone(),
                    start: m.start,
                    end: m.end,
                    text: doc.quote(m.start, m.end).to_string(),
                    captures: m
                        .captures(doc)
                        .into_iter()
                        .map(|(n, t)| (n.to_string(), t.to_string()))
                        .collect(),
                    used,
                },
            ));
        }
    }
    for i in &mut items {
        i.matched = matches.iter().any(|(_, _, m)| {
            m.rule == i.rule && overlaps((i.span.start, i.span.end), (m.start, m.end))
        });
    }
    matches.sort_by(|a, b| (a.2.start, &a.2.rule).cmp(&(b.2.start, &b.2.rule)));
    let mut wanted: Vec<u32> = match lines {
        Lines::One(n) => vec![n],
        Lines::WithItems => items.iter().map(|i| i.span.line).collect(),
        Lines::WithMatches => items
            .iter()
            .map(|i| i.span.line)
            .chain(matches.iter().map(|m| m.0))
            .collect(),
    };
    wanted.sort_unstable();
    wanted.dedup();
    let line_count = doc.lines.count();
    let lines = wanted
        .into_iter()
        .filter(|&n| n >= 1 && n as usize <= line_count)
        .map(|n| ExplainedLine {
            line: n,
            text: doc.line(n).to_string(),
            items: items.iter().filter(|i| i.span.line == n).cloned().collect(),
            matches: matches
                .iter()
                .filter(|(first, last, _)| *first <= n && n <= *last)
                .map(|m| m.2.clone())
                .collect(),
        })
        .collect();
    Explanation {
        path: record.source.path.clone(),
        line_count,
        lines,
    }
}

/// Run the pipeline on `bytes` and explain the result.
pub fn explain_bytes(
    path: &str,
    bytes: &[u8],
    engine: &Engine,
    lines: Lines,
) -> Result<Explanation, DocError> {
    let record = pipeline::process_bytes(path, bytes, engine)?;
    let prepared = pipeline::prepare(path, bytes, &engine.options)?;
    let doc = Document::new(&prepared.text);
    Ok(explain_document(&doc, &engine.rules, &record, lines))
}

impl Explanation {
    /// Human-readable form.
    pub fn render(&self) -> String {
        let mut s = String::new();
        if self.lines.is_empty() {
            let _ = writeln!(s, "{}: no items (use --line N or --all)", self.path);
        }
        for l in &self.lines {
            let _ = writeln!(s, "{}:{}: {}", self.path, l.line, l.text);
            if l.items.is_empty() {
                let _ = writeln!(s, "  items: none");
            } else {
                let _ = writeln!(s, "  items:");
            }
            for i in &l.items {
                let rule = if i.rule.is_empty() {
                    String::new()
                } else if i.matched {
                    format!("  <- {}", i.rule)
                } else {
                    format!("  <- {} (no match of this rule here)", i.rule)
                };
                let _ = writeln!(s, "    {:<8} {}{rule}", i.section, i.label);
            }
            let (used, unused): (Vec<_>, Vec<_>) = l.matches.iter().partition(|m| m.used);
            for (title, list) in [
                ("rule matches used", used),
                ("matched but not used", unused),
            ] {
                if list.is_empty() {
                    continue;
                }
                let _ = writeln!(s, "  {title}:");
                for m in list {
                    let _ = writeln!(s, "    {} {}..{} {:?}", m.rule, m.start, m.end, m.text);
                    for (n, t) in &m.captures {
                        let _ = writeln!(s, "        {n} = {t:?}");
                    }
                }
            }
            if l.matches.is_empty() {
                let _ = writeln!(s, "  rule matches: none");
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::synth;
    use crate::record::Quota;

    const RULES: &str = r#"
[[rule]]
id = "quota.reduce_of"
anchors = ["giảm"]
pattern = '(?i:giảm)\s+(?P<value>\d+)/(?P<of>\d+)\s+(?P<metric>phòng)'
[[rule.example]]
text = "giảm 07/162 phòng"
expect = { value = "07", of = "162", metric = "phòng" }
"#;

    #[test]
    fn matches_are_marked_used_or_not_used() {
        let set = RuleSet::from_files(vec![("q.toml".into(), RULES.into())]).unwrap();
        let text = "KẾ HOẠCH\nGiảm 07/162 phòng; giảm 12/109 phòng.\nHết";
        let doc = Document::new(text);
        let gold = crate::eval::Gold::parse("x.json", "{}").unwrap();
        let mut record = synth::record_from_gold(&gold, "t");
        let start = text.find("Giảm").unwrap();
        record.quotas.push(Quota {
            text: "Giảm 07/162 phòng".into(),
            metric: "phòng".into(),
            subject: "phòng".into(),
            direction: "decrease".into(),
            value: 7.0,
            unit: "count".into(),
            of: Some(162.0),
            bound: "exact".into(),
            baseline: None,
            by: None,
            span: doc.span(start, start + "Giảm 07/162 phòng".len()),
            rule: "quota.reduce_of".into(),
        });
        let ex = explain_document(&doc, &set, &record, Lines::WithItems);
        assert_eq!(ex.lines.len(), 1);
        let l = &ex.lines[0];
        assert_eq!(
            (l.line, l.text.as_str()),
            (2, "Giảm 07/162 phòng; giảm 12/109 phòng.")
        );
        assert_eq!(l.items.len(), 1);
        assert!(l.items[0].matched);
        assert_eq!(l.matches.len(), 2);
        assert!(l.matches[0].used && !l.matches[1].used);
        assert_eq!(
            l.matches[1].captures,
            [
                ("value".to_string(), "12".to_string()),
                ("of".into(), "109".into()),
                ("metric".into(), "phòng".into())
            ]
        );
        let text = ex.render();
        assert!(text.contains("<- quota.reduce_of"), "{text}");
        assert!(
            text.contains("matched but not used:\n    quota.reduce_of"),
            "{text}"
        );
        assert!(text.contains("of = \"109\""), "{text}");

        // One line, whatever it holds; and every line with a match.
        let one = explain_document(&doc, &set, &record, Lines::One(3));
        assert_eq!(one.lines[0].text, "Hết");
        assert!(one.lines[0].items.is_empty() && one.lines[0].matches.is_empty());
        record.quotas.clear();
        let all = explain_document(&doc, &set, &record, Lines::WithMatches);
        assert_eq!(all.lines.len(), 1);
        assert!(all.lines[0].matches.iter().all(|m| !m.used));
        assert!(
            explain_document(&doc, &set, &record, Lines::WithItems)
                .lines
                .is_empty()
        );
    }
}
