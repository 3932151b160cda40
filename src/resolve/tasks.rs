//! Attaches a deadline to every task (SPEC 7): among the deadlines inside
//! the task, the `by` deadline with the latest `until`; else its first
//! deadline of another kind; else the one of a group sentence that times it
//! ("Thời gian thực hiện các nhiệm vụ trên …") or of the heading or lead-in
//! it belongs to; else none. A table row takes the deadline of its
//! deadline column ("Thời gian hoàn thành") first.

use std::ops::Range;

use crate::document::outline::{Marker, Outline};
use crate::extract::Context;
use crate::extract::tasks::table;
use crate::extract::tasks::units::{Aux, AuxRules};
use crate::record::{Deadline, Task};

/// The deadline that applies among `deadlines` inside `range`.
pub fn pick(deadlines: &[Deadline], range: &Range<usize>) -> Option<Deadline> {
    let inside: Vec<&Deadline> = deadlines
        .iter()
        .filter(|d| range.start <= d.span.start && d.span.start < range.end)
        .collect();
    let by = inside
        .iter()
        .filter(|d| d.kind == "by")
        .max_by(|a, b| a.until.cmp(&b.until).then(b.span.start.cmp(&a.span.start)));
    by.or_else(|| inside.first()).map(|d| (*d).clone())
}

/// The own range of a heading or lead-in: its head and the field, timing
/// and lead-in paragraphs right after it.
fn own_range(outline: &Outline, i: usize, text: &str, aux: &AuxRules<'_>) -> Range<usize> {
    let it = &outline.items[i];
    let mut end = it.head.end;
    for (k, kid) in outline.items.iter().enumerate().skip(i + 1) {
        if kid.parent != Some(i) {
            if kid.head.start >= it.extent.end {
                break;
            }
            continue;
        }
        let line = &text[kid.head.clone()];
        let leadin = kid.marker == Marker::Paragraph && line.trim_end().ends_with(':');
        if aux.classify(&kid.marker, line) == Aux::Part || leadin {
            end = outline.items[k].head.end;
        } else {
            break;
        }
    }
    it.head.start..end
}

/// Attach deadlines to `tasks`.
pub fn attach(ctx: &Context<'_, '_>, tasks: &mut [Task], deadlines: &[Deadline]) {
    if deadlines.is_empty() {
        return;
    }
    let outline = ctx.outline;
    let text = ctx.doc.joined.as_str();
    let aux = AuxRules::new(ctx.rules);
    // Group sentences: (parent, start, range).
    let groups: Vec<(Option<usize>, usize, Range<usize>)> = outline
        .items
        .iter()
        .filter(|it| aux.classify(&it.marker, &text[it.head.clone()]) == Aux::Group)
        .map(|it| (it.parent, it.head.start, it.head.clone()))
        .collect();
    for task in tasks.iter_mut() {
        let Some(i) = outline.item_at(task.span.start) else {
            continue;
        };
        let item = &outline.items[i];
        if item.marker == Marker::Row {
            let roles = table::column_roles(ctx.rules, &item.columns);
            let cells = table::cell_ranges(text, item);
            if let Some(d) = roles
                .iter()
                .position(|r| r == "deadline")
                .and_then(|c| cells.get(c))
                .and_then(|r| pick(deadlines, r))
            {
                task.deadline = Some(d);
                continue;
            }
        }
        if let Some(d) = pick(deadlines, &(task.span.start..task.span.end)) {
            task.deadline = Some(d);
            continue;
        }
        // Group sentences after the task, under one of its ancestors.
        let ancestors: Vec<usize> = outline.ancestors(i).map(|(k, _)| k).collect();
        let group = groups
            .iter()
            .filter(|(p, at, _)| *at > task.span.start && p.is_some_and(|p| ancestors.contains(&p)))
            .min_by_key(|(_, at, _)| *at)
            .and_then(|(_, _, r)| pick(deadlines, r));
        if group.is_some() {
            task.deadline = group;
            continue;
        }
        // Headings and lead-ins above it.
        task.deadline = ancestors
            .iter()
            .skip(1)
            .find_map(|&k| pick(deadlines, &own_range(outline, k, text, &aux)))
            .or_else(|| {
                // A lead-in paragraph before it under the same parent.
                outline.items[..i]
                    .iter()
                    .rev()
                    .filter(|it| {
                        it.parent == item.parent
                            && it.marker == Marker::Paragraph
                            && text[it.head.clone()].trim_end().ends_with(':')
                    })
                    .find_map(|it| pick(deadlines, &it.head))
            });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::extract::tasks;
    use crate::rules::RuleSet;

    /// A deadline of `kind` on the first occurrence of `at` in `text`.
    fn deadline(doc: &Document<'_>, at: &str, kind: &str, until: Option<&str>) -> Deadline {
        let s = doc.text.find(at).expect("in text");
        Deadline {
            text: at.to_string(),
            kind: kind.to_string(),
            from: None,
            until: until.map(str::to_string),
            recurrence: None,
            condition: None,
            span: doc.span(s, s + at.len()),
            rule: "deadline.test".into(),
        }
    }

    #[test]
    fn spec_rule_with_synthetic_deadlines() {
        let text = "II. NHIỆM VỤ\n1. Sở Nội vụ (thực hiện thường xuyên):\n- Tham mưu đề án A, sau khi có hướng dẫn, hoàn thành quý II/2025, trình năm 2026.\n- Tham mưu đề án B.\nThời gian thực hiện các nhiệm vụ trên: năm 2027.\n2. Sở Y tế (thực hiện thường xuyên):\n- Rà soát C, định kỳ hằng năm, sau khi có hướng dẫn.\n- Rà soát D.\n";
        let rules = RuleSet::embedded().unwrap();
        let doc = Document::new(text);
        let scan = rules.scan(&doc);
        let outline = Outline::parse(&doc);
        let ctx = Context {
            doc: &doc,
            rules: &rules,
            scan: &scan,
            outline: &outline,
        };
        let mut found = tasks::extract(&ctx, &mut Vec::new());
        assert_eq!(found.len(), 4);
        let ds = vec![
            deadline(&doc, "sau khi có hướng dẫn, hoàn", "conditional", None),
            deadline(&doc, "quý II/2025", "by", Some("2025-06-30")),
            deadline(&doc, "năm 2026", "by", Some("2026-12-31")),
            deadline(&doc, "năm 2027", "by", Some("2027-12-31")),
            deadline(&doc, "thường xuyên):\n- Rà", "ongoing", None),
            deadline(&doc, "định kỳ hằng năm", "recurring", None),
            deadline(&doc, "sau khi có hướng dẫn.", "conditional", None),
        ];
        attach(&ctx, &mut found, &ds);
        let got: Vec<_> = found
            .iter()
            .map(|t| {
                t.deadline
                    .as_ref()
                    .map(|d| (d.kind.as_str(), d.until.as_deref()))
            })
            .collect();
        assert_eq!(
            got,
            [
                // The latest `by` inside the item wins over its conditional.
                Some(("by", Some("2026-12-31"))),
                // Nothing inside: the group sentence.
                Some(("by", Some("2027-12-31"))),
                // No `by`: the item's first deadline.
                Some(("recurring", None)),
                // Nothing inside and no group: the heading's.
                Some(("ongoing", None)),
            ]
        );
    }

    #[test]
    fn pick_prefers_latest_by() {
        let doc = Document::new("a quý I/2025 b năm 2025 c");
        let ds = vec![
            deadline(&doc, "quý I/2025", "by", Some("2025-03-31")),
            deadline(&doc, "năm 2025", "by", Some("2025-12-31")),
        ];
        assert_eq!(
            pick(&ds, &(0..doc.text.len())).unwrap().until.as_deref(),
            Some("2025-12-31")
        );
        assert!(pick(&ds, &(0..1)).is_none());
    }
}
