//! Scores: precision, recall and F1 per section, attribute accuracies, macro
//! F1 and plan accuracy, rounded to 3 decimals exactly as `score.py` rounds
//! them (macro F1 is the mean of the *rounded* section F1s, plan accuracy the
//! mean of the rounded plan attribute accuracies). Also the thresholds of a
//! quality gate (`--min-f1`, `tests/gold/thresholds.toml`) and the text
//! table.

use std::collections::BTreeMap;
use std::fmt::{self, Write as _};

use serde::ser::{Serialize, SerializeMap, Serializer};

use super::py::py_round;
use super::score::{Miss, Tallies, Tally};

/// The five item sections, in report order.
pub const SECTIONS: [&str; 5] = ["citations", "quotas", "deadlines", "tasks", "bodies"];

/// Attribute accuracies in first-seen order (serialized as a JSON object).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Attributes(pub Vec<(String, f64)>);

impl Serialize for Attributes {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

impl fmt::Display for Attributes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (k, v)) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            write!(f, "{k}={v:.3}")?;
        }
        Ok(())
    }
}

/// Scores of one item section.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct SectionScore {
    /// Matched / predicted (1 when nothing was predicted nor expected).
    pub precision: f64,
    /// Matched / expected.
    pub recall: f64,
    /// Harmonic mean.
    pub f1: f64,
    /// Expected items.
    pub gold: usize,
    /// Predicted items.
    pub pred: usize,
    /// Accuracy of each attribute on the matched items.
    pub attributes: Attributes,
}

/// Plan metadata scores.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct PlanScore {
    /// Accuracy of each plan field.
    pub attributes: Attributes,
}

/// Every score of a run; serializes with the keys of `score.py --json`.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Scores {
    /// Gold files with no record among the predictions.
    pub files_missing: Vec<String>,
    /// Cited documents.
    pub citations: SectionScore,
    /// Quotas.
    pub quotas: SectionScore,
    /// Deadlines.
    pub deadlines: SectionScore,
    /// Tasks.
    pub tasks: SectionScore,
    /// Bodies.
    pub bodies: SectionScore,
    /// Plan metadata.
    pub plan: PlanScore,
    /// Mean of the five section F1s.
    pub macro_f1: f64,
    /// Mean of the plan attribute accuracies.
    pub plan_accuracy: f64,
    /// Every missed, spurious or wrong item (not part of the JSON).
    #[serde(skip)]
    pub misses: Vec<Miss>,
}

/// `prf()` of score.py.
fn prf(tp: usize, npred: usize, ngold: usize) -> (f64, f64, f64) {
    let (tp, np, ng) = (tp as f64, npred as f64, ngold as f64);
    let p = if npred > 0 {
        tp / np
    } else if ngold == 0 {
        1.0
    } else {
        0.0
    };
    let r = if ngold > 0 { tp / ng } else { 1.0 };
    let f = if p + r != 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

fn attributes(t: &Tally) -> Attributes {
    Attributes(
        t.attrs
            .iter()
            .map(|&(name, ok, n)| (name.to_string(), py_round(ok as f64 / n as f64, 3)))
            .collect(),
    )
}

fn section(t: &Tally) -> SectionScore {
    let (p, r, f) = prf(t.tp, t.pred, t.gold);
    SectionScore {
        precision: py_round(p, 3),
        recall: py_round(r, 3),
        f1: py_round(f, 3),
        gold: t.gold,
        pred: t.pred,
        attributes: attributes(t),
    }
}

impl Scores {
    /// Final scores from the tallies of every file.
    pub fn from_tallies(t: Tallies, files_missing: Vec<String>) -> Scores {
        let mut s = Scores {
            files_missing,
            citations: section(&t.citations),
            quotas: section(&t.quotas),
            deadlines: section(&t.deadlines),
            tasks: section(&t.tasks),
            bodies: section(&t.bodies),
            plan: PlanScore {
                attributes: attributes(&t.plan),
            },
            ..Scores::default()
        };
        let f1s: Vec<f64> = SECTIONS
            .iter()
            .map(|k| s.section(k).map_or(0.0, |x| x.f1))
            .collect();
        s.macro_f1 = py_round(f1s.iter().sum::<f64>() / f1s.len() as f64, 3);
        let acc = &s.plan.attributes.0;
        s.plan_accuracy = if acc.is_empty() {
            0.0
        } else {
            py_round(acc.iter().map(|a| a.1).sum::<f64>() / acc.len() as f64, 3)
        };
        for tally in [
            t.citations,
            t.quotas,
            t.deadlines,
            t.tasks,
            t.bodies,
            t.plan,
        ] {
            s.misses.extend(tally.misses);
        }
        s.misses.sort_by(|a, b| {
            (&a.file, line_number(&a.line), a.kind, &a.what).cmp(&(
                &b.file,
                line_number(&b.line),
                b.kind,
                &b.what,
            ))
        });
        s
    }

    /// The scores of an item section by name.
    pub fn section(&self, name: &str) -> Option<&SectionScore> {
        Some(match name {
            "citations" => &self.citations,
            "quotas" => &self.quotas,
            "deadlines" => &self.deadlines,
            "tasks" => &self.tasks,
            "bodies" => &self.bodies,
            _ => return None,
        })
    }

    /// The value a threshold applies to: a section's F1, `plan` (plan
    /// accuracy) or `macro` (macro F1).
    pub fn value(&self, target: &str) -> Option<f64> {
        match target {
            "plan" => Some(self.plan_accuracy),
            "macro" => Some(self.macro_f1),
            s => self.section(s).map(|x| x.f1),
        }
    }

    /// Every threshold not met.
    pub fn check(&self, thresholds: &Thresholds) -> Vec<Failure> {
        thresholds
            .0
            .iter()
            .filter_map(|(target, min)| {
                let value = self.value(target)?;
                (value < *min).then(|| Failure {
                    target: target.clone(),
                    value,
                    min: *min,
                })
            })
            .collect()
    }

    /// The `score.py --json` document (one-space indent, as `json.dumps(…,
    /// indent=1)` writes it).
    pub fn to_json(&self) -> String {
        let mut buf = Vec::new();
        let fmt = serde_json::ser::PrettyFormatter::with_indent(b" ");
        let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
        self.serialize(&mut ser).expect("scores serialize");
        String::from_utf8(buf).expect("JSON is UTF-8")
    }

    /// The table: one row per section, plan accuracy, then (with `verbose`)
    /// every miss with its file and line.
    pub fn render(&self, verbose: bool) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{:<10} {:>6} {:>6} {:>6} {:>6} {:>6}  attributes",
            "section", "P", "R", "F1", "gold", "pred"
        );
        for name in SECTIONS {
            let d = self.section(name).expect("known section");
            let _ = writeln!(
                s,
                "{name:<10} {:>6.3} {:>6.3} {:>6.3} {:>6} {:>6}  {}",
                d.precision, d.recall, d.f1, d.gold, d.pred, d.attributes
            );
        }
        let _ = writeln!(
            s,
            "{:<10} accuracy {:.3}  {}",
            "plan", self.plan_accuracy, self.plan.attributes
        );
        if !self.files_missing.is_empty() {
            let _ = writeln!(s, "files with no record: {}", self.files_missing.join(", "));
        }
        if verbose {
            for m in &self.misses {
                let line = m.line.as_deref().map_or(String::new(), |l| format!(":{l}"));
                let kind = match m.kind {
                    super::score::MissKind::Missed => "missed",
                    super::score::MissKind::Spurious => "spurious",
                    super::score::MissKind::Wrong => "wrong",
                };
                let _ = writeln!(s, "  {}{line}: {kind} {}", m.file, m.what);
            }
        }
        let _ = writeln!(
            s,
            "macro_f1={:.3} plan_accuracy={:.3}",
            self.macro_f1, self.plan_accuracy
        );
        s
    }
}

/// First line number of a miss's "19" / "51,84,90" / "67-71", for sorting.
fn line_number(line: &Option<String>) -> u64 {
    line.as_deref()
        .and_then(|l| {
            l.split([',', '-'])
                .next()
                .and_then(|n| n.trim().parse().ok())
        })
        .unwrap_or(0)
}

/// Minimum values: section names (their F1), `plan` (plan accuracy) and
/// `macro` (macro F1).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Thresholds(pub Vec<(String, f64)>);

/// Names a threshold may use.
pub const TARGETS: [&str; 7] = [
    "citations",
    "quotas",
    "deadlines",
    "tasks",
    "bodies",
    "plan",
    "macro",
];

impl Thresholds {
    fn push(&mut self, name: &str, min: f64) -> Result<(), String> {
        if !TARGETS.contains(&name) {
            return Err(format!(
                "unknown threshold {name:?} (expected one of {})",
                TARGETS.join(", ")
            ));
        }
        if !(0.0..=1.0).contains(&min) {
            return Err(format!("threshold {name}={min} is not between 0 and 1"));
        }
        match self.0.iter_mut().find(|t| t.0 == name) {
            Some(t) => t.1 = min,
            None => self.0.push((name.to_string(), min)),
        }
        Ok(())
    }

    /// Add `citations=0.98,tasks=0.88,plan=0.9,macro=0.8`.
    pub fn parse_list(&mut self, list: &str) -> Result<(), String> {
        for item in list.split(',').map(str::trim).filter(|i| !i.is_empty()) {
            let (name, min) = item
                .split_once('=')
                .ok_or_else(|| format!("expected SECTION=MIN, got {item:?}"))?;
            let min: f64 = min
                .trim()
                .parse()
                .map_err(|_| format!("{name}: {min:?} is not a number"))?;
            self.push(name.trim(), min)?;
        }
        Ok(())
    }

    /// Parse a thresholds file: `section = min` lines (TOML).
    pub fn from_toml(text: &str) -> Result<Thresholds, String> {
        let table: BTreeMap<String, toml::Value> =
            toml::from_str(text).map_err(|e| e.to_string())?;
        let mut t = Thresholds::default();
        for name in TARGETS {
            if let Some(v) = table.get(name) {
                let min = v
                    .as_float()
                    .or_else(|| v.as_integer().map(|i| i as f64))
                    .ok_or_else(|| format!("{name}: not a number"))?;
                t.push(name, min)?;
            }
        }
        if let Some(unknown) = table.keys().find(|k| !TARGETS.contains(&k.as_str())) {
            return Err(format!("unknown threshold {unknown:?}"));
        }
        Ok(t)
    }

    /// Thresholds equal to the current values of `scores` (every target).
    pub fn from_scores(scores: &Scores) -> Thresholds {
        Thresholds(
            TARGETS
                .iter()
                .filter_map(|t| Some((t.to_string(), scores.value(t)?)))
                .collect(),
        )
    }
}

/// A threshold not met.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    /// Section name, `plan` or `macro`.
    pub target: String,
    /// Measured value.
    pub value: f64,
    /// Required minimum.
    pub min: f64,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.target.as_str() {
            "plan" => "plan accuracy".to_string(),
            "macro" => "macro F1".to_string(),
            s => format!("{s} F1"),
        };
        write!(f, "{what} {:.3} is below {:.3}", self.value, self.min)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prf_edges() {
        assert_eq!(prf(0, 0, 0), (1.0, 1.0, 1.0));
        assert_eq!(prf(0, 0, 3), (0.0, 0.0, 0.0));
        assert_eq!(prf(0, 2, 0), (0.0, 1.0, 0.0));
        let (p, r, f) = prf(2, 4, 3);
        assert_eq!((p, r), (0.5, 2.0 / 3.0));
        assert!((f - 4.0 / 7.0).abs() < 1e-12);
    }

    #[test]
    fn thresholds_parse() {
        let mut t = Thresholds::default();
        t.parse_list("citations=0.98, tasks=0.88,plan=0.5").unwrap();
        t.parse_list("tasks=0.9").unwrap();
        assert_eq!(t.0.len(), 3);
        assert_eq!(t.0[1], ("tasks".into(), 0.9));
        assert!(t.parse_list("task=0.9").is_err());
        assert!(t.parse_list("tasks").is_err());
        assert!(t.parse_list("tasks=2").is_err());
        let t = Thresholds::from_toml("# c\ncitations = 0.5\nmacro = 0\n").unwrap();
        assert_eq!(t.0, vec![("citations".into(), 0.5), ("macro".into(), 0.0)]);
        assert!(Thresholds::from_toml("citation = 0.5").is_err());
    }
}
