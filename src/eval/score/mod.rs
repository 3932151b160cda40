//! Matching predicted items to gold items, exactly as the reference scorer
//! (`score.py`) does, section by section:
//!
//! * citations by `num_key(number)`, a gold `alt` number standing for the
//!   gold number when only the alternate was predicted;
//! * quotas as a multiset of (round(value, 2), unit, direction), a gold
//!   quota taking the predicted one on its own line if any, else the one
//!   with the lowest line;
//! * deadlines by (line, kind), first predicted one in order;
//! * tasks by line range: the first predicted task whose line falls in the
//!   gold task's `[line, line_end]`;
//! * bodies as a set of folded names, ignoring bodies whose only role is
//!   `mentioned`;
//! * plan fields by folded value, `implements` as a set of numbers.
//!
//! Counts go into a [`Tally`] per section; [`super::report`] turns them into
//! precision, recall, F1 and accuracies.

mod citations;
mod lines;
mod names;
mod quotas;

use serde_json::Value;

use super::gold::Gold;
use super::py::{get, py_iter};

/// What kind of disagreement a [`Miss`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MissKind {
    /// A gold item with no predicted match.
    Missed,
    /// A predicted item with no gold match.
    Spurious,
    /// A plan field with the wrong value.
    Wrong,
}

/// One missed, spurious or wrong item, for `eval -v`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Miss {
    /// Plan file (base name).
    pub file: String,
    /// Line(s) of the item ("19", "51,84,90"), when it has one.
    pub line: Option<String>,
    /// Missed, spurious or wrong.
    pub kind: MissKind,
    /// What the item is.
    pub what: String,
}

/// Counts of one section over all files.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    /// Matched items.
    pub tp: usize,
    /// Predicted items.
    pub pred: usize,
    /// Gold items.
    pub gold: usize,
    /// (correct, compared) per attribute, in first-seen order.
    pub attrs: Vec<(&'static str, usize, usize)>,
    /// Every disagreement.
    pub misses: Vec<Miss>,
}

impl Tally {
    pub(super) fn add(&mut self, tp: usize, pred: usize, gold: usize) {
        self.tp += tp;
        self.pred += pred;
        self.gold += gold;
    }

    pub(super) fn att(&mut self, name: &'static str, ok: bool) {
        match self.attrs.iter_mut().find(|a| a.0 == name) {
            Some(a) => {
                a.1 += ok as usize;
                a.2 += 1;
            }
            None => self.attrs.push((name, ok as usize, 1)),
        }
    }

    pub(super) fn miss(&mut self, file: &str, line: Option<String>, kind: MissKind, what: String) {
        self.misses.push(Miss {
            file: file.to_string(),
            line,
            kind,
            what,
        });
    }
}

/// The tallies of the five item sections and the plan.
#[derive(Debug, Clone, Default)]
pub struct Tallies {
    /// Cited documents.
    pub citations: Tally,
    /// Quotas.
    pub quotas: Tally,
    /// Deadlines.
    pub deadlines: Tally,
    /// Tasks.
    pub tasks: Tally,
    /// Bodies.
    pub bodies: Tally,
    /// Plan fields (attributes only).
    pub plan: Tally,
}

pub(super) fn items(v: &Value, key: &str) -> Vec<Value> {
    py_iter(get(v, key))
}

pub(super) fn line_str(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        v => Some(super::py::py_repr(v)),
    }
}

pub(super) fn lines_str(lines: impl IntoIterator<Item = String>) -> Option<String> {
    let l: Vec<String> = lines.into_iter().collect();
    (!l.is_empty()).then(|| l.join(","))
}

/// Score one predicted record (`{}` when the plan has no record) against
/// its gold file, adding to `t`.
pub fn score_file(pred: &Value, gold: &Gold, t: &mut Tallies) {
    citations::score(pred, gold, &mut t.citations);
    quotas::score(pred, gold, &mut t.quotas);
    lines::deadlines(pred, gold, &mut t.deadlines);
    lines::tasks(pred, gold, &mut t.tasks);
    names::bodies(pred, gold, &mut t.bodies);
    names::plan(pred, gold, &mut t.plan);
}

/// Python's `str()`, "None" for null.
pub(super) fn py_str_or(v: &Value) -> String {
    super::py::py_str(v).unwrap_or_else(|| "None".into())
}
