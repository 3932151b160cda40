//! Bodies (a set of folded names) and plan fields (folded values,
//! `implements` as a set).

use serde_json::Value;

use super::{MissKind, Tally, items, py_str_or};
use crate::eval::gold::{Gold, val};
use crate::eval::py::{NULL, fold, fold_str, get, num_key, num_key_str, py_iter};

/// Plan fields compared by folded value (then `implements` as a set).
const PLAN_FIELDS: [&str; 8] = [
    "doc_type", "number", "issuer", "province", "date", "title", "signer", "draft",
];

/// Bodies: folded names, ignoring those only `mentioned`.
pub(super) fn bodies(pred: &Value, gold: &Gold, t: &mut Tally) {
    let f = gold.file.as_str();
    // (folded name, name as written), deduplicated on the folded name
    let mut pb: Vec<(Option<String>, String)> = Vec::new();
    for b in items(pred, "bodies") {
        let roles = py_iter(get(&b, "roles"));
        let only_mentioned =
            !roles.is_empty() && roles.iter().all(|r| r.as_str() == Some("mentioned"));
        if !only_mentioned {
            let name = get(&b, "name");
            pb.push((fold(name), py_str_or(name)));
        }
    }
    let mut gb: Vec<(Option<String>, String)> = gold
        .data
        .bodies
        .iter()
        .map(|b| (Some(fold_str(&b.name)), b.name.clone()))
        .collect();
    for v in [&mut pb, &mut gb] {
        v.sort_by(|a, b| a.0.cmp(&b.0));
        v.dedup_by(|a, b| a.0 == b.0);
    }
    let has =
        |list: &[(Option<String>, String)], k: &Option<String>| list.iter().any(|e| &e.0 == k);
    let tp = pb.iter().filter(|b| has(&gb, &b.0)).count();
    t.add(tp, pb.len(), gb.len());
    for b in gb.iter().filter(|b| !has(&pb, &b.0)) {
        t.miss(f, None, MissKind::Missed, format!("body {}", b.1));
    }
    for b in pb.iter().filter(|b| !has(&gb, &b.0)) {
        t.miss(f, None, MissKind::Spurious, format!("body {}", b.1));
    }
}

/// Plan fields.
pub(super) fn plan(pred: &Value, gold: &Gold, t: &mut Tally) {
    let f = gold.file.as_str();
    let pp = match get(pred, "plan") {
        v @ Value::Object(_) => v,
        _ => &NULL,
    };
    let gp = &gold.data.plan;
    for a in PLAN_FIELDS {
        let gv = match a {
            "doc_type" => val(&gp.doc_type),
            "number" => val(&gp.number),
            "issuer" => val(&gp.issuer),
            "province" => val(&gp.province),
            "date" => val(&gp.date),
            "title" => val(&gp.title),
            "signer" => val(&gp.signer),
            _ => gp.draft.map_or(Value::Null, Value::Bool),
        };
        let pv = get(pp, a);
        let ok = fold(pv) == fold(&gv);
        t.att(a, ok);
        if !ok {
            t.miss(
                f,
                None,
                MissKind::Wrong,
                format!(
                    "plan.{a} = {}, gold {}",
                    crate::eval::py::py_repr(pv),
                    crate::eval::py::py_repr(&gv)
                ),
            );
        }
    }
    let mut gi: Vec<String> = gp.implements.iter().map(|x| num_key_str(x)).collect();
    let mut pi: Vec<String> = py_iter(get(pp, "implements")).iter().map(num_key).collect();
    for v in [&mut gi, &mut pi] {
        v.sort();
        v.dedup();
    }
    t.att("implements", gi == pi);
    if gi != pi {
        t.miss(
            f,
            None,
            MissKind::Wrong,
            format!("plan.implements = {pi:?}, gold {gi:?}"),
        );
    }
}
