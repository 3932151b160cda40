//! Deadlines and tasks: items matched by their line.

use serde_json::Value;

use super::{MissKind, Tally, items, line_str, py_str_or};
use crate::eval::gold::{Gold, GoldDeadline, int, val};
use crate::eval::py::{NULL, fold, fold_str, get, py_eq, py_number, span_line, truthy};

/// Deadlines: by (line, kind), the first predicted one in order.
pub(super) fn deadlines(pred: &Value, gold: &Gold, t: &mut Tally) {
    let f = gold.file.as_str();
    let g = &gold.data;
    let mut pd = items(pred, "deadlines");
    let mut tp = 0;
    for gd in &g.deadlines {
        let (gl, gk) = (int(gd.line), val(&gd.kind));
        let Some(i) = pd
            .iter()
            .position(|p| py_eq(span_line(p), &gl) && py_eq(get(p, "kind"), &gk))
        else {
            t.miss(
                f,
                line_str(&gl),
                MissKind::Missed,
                format!(
                    "deadline {} until {}",
                    gd.kind.as_deref().unwrap_or("None"),
                    gd.until.as_deref().unwrap_or("None")
                ),
            );
            continue;
        };
        let m = pd.remove(i);
        tp += 1;
        for (a, gv) in [
            ("from", &gd.from),
            ("until", &gd.until),
            ("recurrence", &gd.recurrence),
        ] {
            t.att(a, py_eq(get(&m, a), &val(gv)));
        }
    }
    for p in &pd {
        t.miss(
            f,
            line_str(span_line(p)),
            MissKind::Spurious,
            format!("deadline {}", py_str_or(get(p, "kind"))),
        );
    }
    t.add(tp, items(pred, "deadlines").len(), g.deadlines.len());
}

/// Tasks: the first predicted task whose line falls in the gold task's
/// `[line, line_end]`.
pub(super) fn tasks(pred: &Value, gold: &Gold, t: &mut Tally) {
    let f = gold.file.as_str();
    let g = &gold.data;
    let mut pt = items(pred, "tasks");
    let mut tp = 0;
    for gt in &g.tasks {
        let (lo, hi) = (gt.line as f64, gt.line_end.unwrap_or(gt.line) as f64);
        let Some(i) = pt
            .iter()
            .position(|p| py_number(span_line(p)).is_some_and(|l| lo <= l && l <= hi))
        else {
            t.miss(
                f,
                Some(match gt.line_end {
                    Some(end) if end != gt.line => format!("{}-{end}", gt.line),
                    _ => gt.line.to_string(),
                }),
                MissKind::Missed,
                format!(
                    "task {} lead={:?}",
                    gt.section.as_deref().unwrap_or(""),
                    gt.lead
                ),
            );
            continue;
        };
        let m = pt.remove(i);
        tp += 1;
        let sorted_pred = |key: &str| {
            let mut v: Vec<Option<String>> = items(&m, key).iter().map(fold).collect();
            v.sort();
            v
        };
        let sorted_gold = |names: &[String]| {
            let mut v: Vec<Option<String>> = names.iter().map(|n| Some(fold_str(n))).collect();
            v.sort();
            v
        };
        t.att("lead", sorted_pred("lead") == sorted_gold(&gt.lead));
        t.att(
            "support",
            sorted_pred("support") == sorted_gold(&gt.support),
        );
        t.att(
            "section",
            fold(get(&m, "section")) == fold(&val(&gt.section)),
        );
        let (gk, gu) = gold_deadline_key(gt.deadline.as_ref());
        let md = get(&m, "deadline");
        let (mk, mu) = if truthy(md) && md.is_object() {
            (get(md, "kind"), get(md, "until"))
        } else {
            (&NULL, &NULL)
        };
        t.att("deadline", py_eq(&gk, mk) && py_eq(&gu, mu));
    }
    for p in &pt {
        t.miss(
            f,
            line_str(span_line(p)),
            MissKind::Spurious,
            format!(
                "task {} lead={}",
                py_str_or(get(p, "section")),
                py_str_or(get(p, "lead"))
            ),
        );
    }
    t.add(tp, items(pred, "tasks").len(), g.tasks.len());
}

/// (kind, until) of a gold task's deadline; `{}` (or null) gives (None, None).
fn gold_deadline_key(d: Option<&GoldDeadline>) -> (Value, Value) {
    match d {
        Some(d) => (val(&d.kind), val(&d.until)),
        None => (Value::Null, Value::Null),
    }
}
