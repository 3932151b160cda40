//! Do the quota figures add up? `quota-arithmetic` warnings (SPEC
//! section 10) for
//!
//! * a share and its percentage: "giảm 07/162 phòng (tỷ lệ giảm: 4,3%)" —
//!   7/162 = 4.32%, consistent with "4,3" at the precision written (half a
//!   unit of the last decimal written, at least 0.05 points);
//! * a yearly series: levels by year ("Năm 2024: 1.627 biên chế") and the
//!   changes stated against the year before ("giảm 16 biên chế so với năm
//!   2023") must agree: 1.643 − 1.627 = 16. Items of a "trong đó" breakdown
//!   are parts of a change, not changes of the series.

use std::collections::BTreeMap;

use super::Built;
use crate::extract::numerals::decimals;
use crate::record::Warning;

/// Append a warning for every figure that does not add up.
pub(super) fn check(built: &[Built], warnings: &mut Vec<Warning>) {
    shares(built, warnings);
    series(built, warnings);
}

fn shares(built: &[Built], warnings: &mut Vec<Warning>) {
    for b in built {
        let Some(base) = b.gloss_of.map(|i| &built[i].quota) else {
            continue;
        };
        let (Some(of), "percent") = (base.of, b.quota.unit.as_str()) else {
            continue;
        };
        if of <= 0.0 {
            continue;
        }
        let computed = base.value / of * 100.0;
        let tolerance = (0.5 * 10f64.powi(-(decimals(&b.value_text) as i32))).max(0.05) + 1e-9;
        if (computed - b.quota.value).abs() > tolerance {
            warnings.push(Warning::new(
                "quota-arithmetic",
                format!(
                    "{}/{} {} is {:.2}%, but the plan states {}%",
                    base.value, of, base.metric, computed, b.value_text
                ),
                Some(b.quota.span),
            ));
        }
    }
}

/// A single year ("2024"; not a period "2022-2026").
fn year(field: Option<&String>) -> Option<i32> {
    field.and_then(|s| s.parse().ok())
}

fn series(built: &[Built], warnings: &mut Vec<Warning>) {
    // (group, metric) → year → level.
    let mut levels: BTreeMap<(Option<usize>, &str), BTreeMap<i32, f64>> = BTreeMap::new();
    for b in built {
        let q = &b.quota;
        if q.direction == "target"
            && q.unit == "count"
            && !b.breakdown
            && let Some(y) = year(q.by.as_ref())
        {
            levels
                .entry((b.group, q.metric.as_str()))
                .or_default()
                .insert(y, q.value);
        }
    }
    for b in built {
        let q = &b.quota;
        if b.breakdown
            || q.unit != "count"
            || !matches!(q.direction.as_str(), "decrease" | "increase")
        {
            continue;
        }
        let (Some(y), Some(base)) = (year(q.by.as_ref()), year(q.baseline.as_ref())) else {
            continue;
        };
        let Some(series) = levels.get(&(b.group, q.metric.as_str())) else {
            continue;
        };
        let (Some(&now), Some(&before)) = (series.get(&y), series.get(&base)) else {
            continue;
        };
        let change = if q.direction == "decrease" {
            before - now
        } else {
            now - before
        };
        if (change - q.value).abs() > 0.5 {
            warnings.push(Warning::new(
                "quota-arithmetic",
                format!(
                    "{}: {} in {base} and {} in {y} differ by {}, but the plan states a {} of {}",
                    q.metric, before, now, change, q.direction, q.value
                ),
                Some(q.span),
            ));
        }
    }
}
