//! Findings: where plans disagree with the registry, with each other, or
//! with themselves, each with its places (plan path, lines, the value found
//! there) and the value expected.
//!
//! | code | severity | what |
//! |---|---|---|
//! | `date-conflict` | warning | a directive number dated differently from the registry or between plans: one finding per number, every distinct date with its plans and lines |
//! | `citation-date-mismatch` | warning | a record warning about a date inside one plan that the cross-plan finding does not already cover |
//! | `type-code-mismatch` | warning | the type word disagrees with the number's type code ("Nghị quyết" … "40-KL/TW") |
//! | `short-form-unresolved` | warning | a short citation the extractor could not resolve (record warning `citation-unresolved`) |
//! | `quota-arithmetic` | warning | quota figures that do not add up (record warning) |
//! | `implementing-act-not-cited` | info | a plan implements a directive without citing the act the registry says implements it (19-NQ/TW ↔ 08/NQ-CP) |
//! | `task-no-deadline` | info | tasks without a deadline: one finding per plan, every line |

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::registry::Registry;

/// Date conflicts.
pub const DATE_CONFLICT: &str = "date-conflict";
/// Record warnings about dates not covered by [`DATE_CONFLICT`].
pub const DATE_MISMATCH: &str = "citation-date-mismatch";
/// Type word vs type code.
pub const TYPE_MISMATCH: &str = "type-code-mismatch";
/// Unresolved short forms.
pub const SHORT_UNRESOLVED: &str = "short-form-unresolved";
/// Quota arithmetic.
pub const QUOTA_ARITHMETIC: &str = "quota-arithmetic";
/// Implementing act not cited.
pub const IMPLEMENTING_NOT_CITED: &str = "implementing-act-not-cited";
/// Tasks without a deadline.
pub const TASK_NO_DEADLINE: &str = "task-no-deadline";

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Probably wrong in the plan or in the extraction: look at it.
    Warning,
    /// Worth knowing.
    Info,
}

impl Severity {
    /// `warning` or `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// Where a finding is seen, and what is written there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Place {
    /// Index of the plan in [`super::Audit::plans`].
    pub plan: usize,
    /// The plan's path.
    pub path: String,
    /// Lines (1-based; empty when the whole plan is concerned).
    pub lines: Vec<u32>,
    /// The value found there (a date, a type word …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Machine-readable code (table in the module docs).
    pub code: &'static str,
    /// How much it matters.
    pub severity: Severity,
    /// The document number concerned, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// Where (one place for a single-plan finding).
    pub places: Vec<Place>,
    /// The value expected (registry date, the type the code stands for …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
    /// For people.
    pub message: String,
}

impl Finding {
    /// A finding about one place.
    pub fn at(code: &'static str, severity: Severity, place: Place, message: String) -> Finding {
        Finding {
            code,
            severity,
            number: None,
            places: vec![place],
            expected: None,
            message,
        }
    }

    /// The first line of the first place (for sorting).
    pub fn first_line(&self) -> u32 {
        self.places
            .first()
            .and_then(|p| p.lines.first().copied())
            .unwrap_or(0)
    }
}

/// Dated uses of one central number: date → (plan, line) in reading order.
pub type DateUses = BTreeMap<String, Vec<(usize, u32)>>;

/// One `date-conflict` finding per number whose dates disagree: with the
/// registry (a date matching none of its entries; two dates matching two
/// entries are two documents), or, for numbers the registry does not know,
/// between plans. Places list the dates off the registry first, then the
/// rarer dates, so the outliers lead.
pub fn date_conflicts(
    uses: &HashMap<String, (String, DateUses)>,
    registry: Option<&Registry>,
    path_of: impl Fn(usize) -> String,
) -> Vec<Finding> {
    let mut numbers: Vec<&String> = uses.keys().collect();
    numbers.sort();
    let mut out = Vec::new();
    for n in numbers {
        let (number, dates) = &uses[n];
        let known: Vec<String> = registry
            .map(|r| r.by_number(number).filter_map(|e| e.date.clone()).collect())
            .unwrap_or_default();
        let conflict = if known.is_empty() {
            dates.len() > 1
        } else {
            dates.keys().any(|d| !known.contains(d))
        };
        if !conflict {
            continue;
        }
        let plans_of = |at: &[(usize, u32)]| {
            let mut p: Vec<usize> = at.iter().map(|&(p, _)| p).collect();
            p.dedup();
            p.len()
        };
        // The suspicious dates first: off the registry, then the rarest.
        let mut order: Vec<(&String, &Vec<(usize, u32)>)> = dates.iter().collect();
        order.sort_by_key(|(d, at)| (known.contains(d), plans_of(at), d.as_str()));
        let mut places = Vec::new();
        let mut parts = Vec::new();
        for (date, at) in order {
            let plans = plans_of(at);
            let mark = if known.is_empty() || known.contains(date) {
                ""
            } else {
                " (not in the registry)"
            };
            parts.push(format!(
                "{date} in {plans} plan{}{mark}",
                if plans == 1 { "" } else { "s" }
            ));
            for &(plan, line) in at {
                match places.last_mut() {
                    Some(Place {
                        plan: p,
                        lines,
                        value: Some(v),
                        ..
                    }) if *p == plan && v == date => lines.push(line),
                    _ => places.push(Place {
                        plan,
                        path: path_of(plan),
                        lines: vec![line],
                        value: Some(date.clone()),
                    }),
                }
            }
        }
        let expected = (!known.is_empty()).then(|| known.join(", "));
        let tail = match &expected {
            Some(k) => format!("; the registry has {k}"),
            None => "; not in the registry".into(),
        };
        out.push(Finding {
            code: DATE_CONFLICT,
            severity: Severity::Warning,
            number: Some(number.clone()),
            places,
            expected,
            message: format!("{number} is dated {}{tail}", parts.join(", ")),
        });
    }
    out
}

/// Severity order, then code, then plan and line.
pub fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (
            a.severity,
            a.code,
            a.places.first().map(|p| p.plan),
            a.first_line(),
        )
            .cmp(&(
                b.severity,
                b.code,
                b.places.first().map(|p| p.plan),
                b.first_line(),
            ))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::registry::RegEntry;

    fn uses(number: &str, list: &[(&str, usize, u32)]) -> HashMap<String, (String, DateUses)> {
        let mut d = DateUses::new();
        for &(date, plan, line) in list {
            d.entry(date.into()).or_default().push((plan, line));
        }
        HashMap::from([(number.to_uppercase(), (number.to_string(), d))])
    }

    fn reg(dates: &[&str]) -> Registry {
        Registry::new(
            dates
                .iter()
                .map(|d| RegEntry {
                    key: format!("18-NQ/TW@{d}"),
                    number: "18-NQ/TW".into(),
                    doc_type: None,
                    date: Some(d.to_string()),
                    issuer: None,
                    title: None,
                    implemented_by: vec![],
                })
                .collect(),
        )
    }

    #[test]
    fn one_finding_per_number_with_every_date() {
        let u = uses(
            "18-NQ/TW",
            &[
                ("2017-10-25", 0, 5),
                ("2017-10-25", 0, 9),
                ("2017-10-52", 1, 7),
            ],
        );
        let f = date_conflicts(&u, None, |p| format!("p{p}"));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].places.len(), 2);
        assert_eq!(f[0].places[0].lines, vec![5, 9]);
        assert_eq!(f[0].places[1].value.as_deref(), Some("2017-10-52"));
        assert!(f[0].message.contains("not in the registry"));
    }

    #[test]
    fn two_registry_entries_are_two_documents() {
        let u = uses("18-NQ/TW", &[("2017-10-25", 0, 5), ("2022-06-16", 1, 7)]);
        let r = reg(&["2017-10-25", "2022-06-16"]);
        assert!(date_conflicts(&u, Some(&r), |p| format!("p{p}")).is_empty());
        let one = uses("18-NQ/TW", &[("2017-10-26", 0, 5)]);
        let f = date_conflicts(&one, Some(&r), |p| format!("p{p}"));
        assert_eq!(f[0].expected.as_deref(), Some("2017-10-25, 2022-06-16"));
    }
}
