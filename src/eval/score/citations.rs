//! Citations: matched by number, a gold `alt` standing in for a typo.

use serde_json::Value;

use super::{MissKind, Tally, items, line_str, lines_str, py_str_or};
use crate::eval::gold::{Gold, val};
use crate::eval::py::{fold, get, num_key, num_key_str, span_line};

/// Citations: by `num_key(number)`.
pub(super) fn score(pred: &Value, gold: &Gold, t: &mut Tally) {
    let f = gold.file.as_str();
    // An insertion-ordered map, as a Python dict: a later duplicate replaces
    // the value but keeps the position.
    let mut pc: Vec<(String, Value)> = Vec::new();
    for c in items(pred, "citations") {
        let k = num_key(get(&c, "number"));
        match pc.iter_mut().find(|e| e.0 == k) {
            Some(e) => e.1 = c,
            None => pc.push((k, c)),
        }
    }
    let mut gc: Vec<(String, usize)> = Vec::new();
    for (i, c) in gold.data.citations.iter().enumerate() {
        let k = num_key_str(&c.number);
        match gc.iter_mut().find(|e| e.0 == k) {
            Some(e) => e.1 = i,
            None => gc.push((k, i)),
        }
    }
    for c in &gold.data.citations {
        let kn = num_key_str(&c.number);
        for a in &c.alt {
            let ka = num_key_str(a);
            let has = |k: &str, pc: &[(String, Value)]| pc.iter().any(|e| e.0 == k);
            if has(&ka, &pc) && !has(&kn, &pc) {
                let i = pc.iter().position(|e| e.0 == ka).unwrap_or_default();
                let (_, v) = pc.remove(i);
                pc.push((kn.clone(), v));
            }
        }
    }
    let mut tp = 0;
    for (k, gi) in &gc {
        let g = &gold.data.citations[*gi];
        let Some((_, p)) = pc.iter().find(|e| &e.0 == k) else {
            t.miss(
                f,
                lines_str(g.lines.iter().map(|l| l.to_string())),
                MissKind::Missed,
                format!("citation {}", g.number),
            );
            continue;
        };
        tp += 1;
        for (a, gv) in [
            ("doc_type", &g.doc_type),
            ("date", &g.date),
            ("level", &g.level),
            ("relation", &g.relation),
        ] {
            t.att(a, fold(get(p, a)) == fold(&val(gv)));
        }
        let (gi, pi) = (fold(&val(&g.issuer)), fold(get(p, "issuer")));
        let ok = match (&gi, &pi) {
            (None, None) => true,
            (Some(g), Some(p)) => {
                !g.is_empty() && !p.is_empty() && (p.contains(g) || g.contains(p))
            }
            _ => false,
        };
        t.att("issuer", ok);
    }
    for (k, p) in &pc {
        if !gc.iter().any(|e| &e.0 == k) {
            let lines = items(p, "mentions")
                .iter()
                .filter_map(|m| line_str(span_line(m)))
                .collect::<Vec<_>>();
            t.miss(
                f,
                lines_str(lines),
                MissKind::Spurious,
                format!("citation {}", py_str_or(get(p, "number"))),
            );
        }
    }
    t.add(tp, pc.len(), gc.len());
}
