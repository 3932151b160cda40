//! Quotas: a multiset of (round(value, 2), unit, direction), a gold quota
//! taking the predicted one on its own line when there is one.

use serde_json::Value;

use super::{MissKind, Tally, items, line_str};
use crate::eval::gold::{Gold, int, num, val};
use crate::eval::py::{fold, get, py_eq, py_float, py_number, py_round, span_line, truthy};

/// A quota's match key: (round(float(value), 2) or None, unit, direction).
struct QKey {
    value: Option<f64>,
    unit: Value,
    direction: Value,
}

impl QKey {
    fn eq(&self, o: &QKey) -> bool {
        // NaN keys never match, as distinct float objects in Python.
        let v = match (self.value, o.value) {
            (None, None) => true,
            (Some(a), Some(b)) => a == b,
            _ => false,
        };
        v && py_eq(&self.unit, &o.unit) && py_eq(&self.direction, &o.direction)
    }

    fn show(&self) -> String {
        let v = self
            .value
            .map_or("None".into(), crate::eval::py::py_float_repr);
        let s = |x: &Value| crate::eval::py::py_str(x).unwrap_or_else(|| "None".into());
        format!("{} {v} {}", s(&self.direction), s(&self.unit))
    }
}

fn qkey(value: &Value, unit: Value, direction: Value) -> QKey {
    QKey {
        value: py_float(value).map(|v| py_round(v, 2)),
        unit,
        direction,
    }
}

fn group<T>(list: Vec<(QKey, T)>) -> Vec<(QKey, Vec<T>)> {
    let mut out: Vec<(QKey, Vec<T>)> = Vec::new();
    for (k, x) in list {
        match out.iter_mut().find(|(g, _)| g.eq(&k)) {
            Some((_, v)) => v.push(x),
            None => out.push((k, vec![x])),
        }
    }
    out
}

/// Quotas, matched as score.py does.
pub(super) fn score(pred: &Value, gold: &Gold, t: &mut Tally) {
    let f = gold.file.as_str();
    let preds = items(pred, "quotas");
    let gq = group(
        gold.data
            .quotas
            .iter()
            .map(|q| (qkey(&num(&q.value), val(&q.unit), val(&q.direction)), q))
            .collect(),
    );
    let pq = group(
        preds
            .iter()
            .map(|q| {
                let k = qkey(
                    get(q, "value"),
                    get(q, "unit").clone(),
                    get(q, "direction").clone(),
                );
                (k, q)
            })
            .collect(),
    );
    let sort_key = |q: &Value| {
        let l = span_line(q);
        if truthy(l) {
            py_number(l).unwrap_or(0.0)
        } else {
            0.0
        }
    };
    let mut tp = 0;
    for (k, gl) in &gq {
        let mut pl: Vec<&Value> = pq
            .iter()
            .find(|(pk, _)| pk.eq(k))
            .map(|(_, v)| v.clone())
            .unwrap_or_default();
        pl.sort_by(|a, b| sort_key(a).total_cmp(&sort_key(b)));
        for g in gl {
            let line = int(g.line);
            let best = pl
                .iter()
                .position(|p| py_eq(span_line(p), &line))
                .or(if pl.is_empty() { None } else { Some(0) });
            let Some(i) = best else {
                t.miss(
                    f,
                    line_str(&line),
                    MissKind::Missed,
                    format!("quota {}", k.show()),
                );
                continue;
            };
            let best = pl.remove(i);
            tp += 1;
            t.att("line", py_eq(span_line(best), &line));
            let of = num(&g.of);
            for (a, gv) in [
                ("bound", val(&g.bound)),
                ("baseline", val(&g.baseline)),
                ("by", val(&g.by)),
                ("of", of),
                ("metric", val(&g.metric)),
            ] {
                t.att(a, fold(get(best, a)) == fold(&gv));
            }
        }
        for p in pl {
            t.miss(
                f,
                line_str(span_line(p)),
                MissKind::Spurious,
                format!("quota {}", k.show()),
            );
        }
    }
    for (k, pl) in &pq {
        if !gq.iter().any(|(gk, _)| gk.eq(k)) {
            for p in pl {
                t.miss(
                    f,
                    line_str(span_line(p)),
                    MissKind::Spurious,
                    format!("quota {}", k.show()),
                );
            }
        }
    }
    t.add(tp, preds.len(), gold.data.quotas.len());
}
