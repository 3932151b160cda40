//! Time points and periods as ISO days.
//!
//! A rule captures a time expression as written ("quý II năm 2018",
//! "30/6/2023", "6 tháng đầu năm 2024", "giai đoạn 2022-2026"); [`Temporal`]
//! reads it with the vocabularies of rules/deadlines/temporal.toml
//! (`time_unit`: which word is a day, month, quarter, year, span, half,
//! first/last part; `recurrence_word`) and rules/common/dates.toml
//! (`roman`), and gives the [`Period`] it names: its first and last day.
//! `from` takes the first day, `until` the last (quý II/2023 → 2023-06-30,
//! tháng 2/2024 → 2024-02-29, năm 2019 → 2019-12-31).
//!
//! What this module does not do: decide whether an expression is a
//! deadline (the rules and `extract/deadlines` do).

use crate::rules::{RuleSet, Vocab};

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day {
    /// Year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
    /// Day of the month, 1–31.
    pub day: u32,
}

impl Day {
    /// ISO 8601 form, "2023-06-30".
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A stretch of days, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// First day.
    pub first: Day,
    /// Last day.
    pub last: Day,
}

/// Is `year` a leap year?
pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Number of days in `month` of `year`.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn months(year: i32, first: u32, last: u32) -> Period {
    Period {
        first: Day {
            year,
            month: first,
            day: 1,
        },
        last: Day {
            year,
            month: last,
            day: days_in_month(year, last),
        },
    }
}

/// One token of a time expression.
#[derive(Debug, Clone, PartialEq)]
enum Tok {
    /// A number and how many digits it was written with.
    Num(u32, usize),
    /// A unit word: day, month, quarter, year, span, half.
    Unit(String),
    /// first / last.
    Part(String),
    /// A Roman numeral's value.
    Roman(u32),
    /// Anything else.
    Other,
}

/// Reads time expressions with the temporal vocabularies.
#[derive(Debug, Clone, Copy)]
pub struct Temporal<'r> {
    units: &'r Vocab,
    roman: &'r Vocab,
    recurrence: &'r Vocab,
}

impl<'r> Temporal<'r> {
    /// The reader for `rules`; None if a vocabulary is missing.
    pub fn new(rules: &'r RuleSet) -> Option<Self> {
        Some(Temporal {
            units: rules.vocab("time_unit")?,
            roman: rules.vocab("roman")?,
            recurrence: rules.vocab("recurrence_word")?,
        })
    }

    fn tokens(&self, text: &str) -> Vec<Tok> {
        let words: Vec<&str> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let mut out = Vec::with_capacity(words.len());
        let mut i = 0;
        while i < words.len() {
            let w = words[i];
            if w.bytes().all(|b| b.is_ascii_digit()) {
                out.push(w.parse().map_or(Tok::Other, |n| Tok::Num(n, w.len())));
                i += 1;
                continue;
            }
            // Two-word units first ("giai đoạn", "nhiệm kỳ").
            let pair = words.get(i + 1).map(|n| format!("{w} {n}"));
            let (entry, used) = match pair.as_deref().and_then(|p| self.units.lookup(p)) {
                Some(e) => (Some(e), 2),
                None => (self.units.lookup(w), 1),
            };
            let tok = if let Some(e) = entry {
                if let Some(u) = e.attr("unit") {
                    Tok::Unit(u.to_string())
                } else if let Some(p) = e.attr("part") {
                    Tok::Part(p.to_string())
                } else if let Some(n) = e.attrs.get("number").and_then(toml::Value::as_integer) {
                    Tok::Num(n as u32, 1)
                } else {
                    Tok::Other
                }
            } else if w.chars().all(|c| c.is_ascii_uppercase()) {
                self.roman
                    .lookup(w)
                    .and_then(|e| e.attrs.get("number").and_then(toml::Value::as_integer))
                    .map_or(Tok::Other, |n| Tok::Roman(n as u32))
            } else {
                Tok::Other
            };
            out.push(tok);
            i += used;
        }
        out
    }

    /// The period a time expression names, or None if it names none.
    pub fn period(&self, text: &str) -> Option<Period> {
        let toks = self.tokens(text);
        let unit_at = |i: usize, u: &str| matches!(toks.get(i), Some(Tok::Unit(x)) if x == u);
        let years: Vec<i32> = toks
            .iter()
            .filter_map(|t| match t {
                Tok::Num(n, 4) if (1900..2100).contains(n) => Some(*n as i32),
                _ => None,
            })
            .collect();
        let nums: Vec<u32> = toks
            .iter()
            .filter_map(|t| match t {
                Tok::Num(n, _) => Some(*n),
                _ => None,
            })
            .collect();
        let year = *years.last()?;
        // A multi-year span: giai đoạn 2022-2026, 2025-2026.
        let span_word = toks.iter().any(|t| *t == Tok::Unit("span".into()));
        if years.len() >= 2 && (span_word || nums.len() == years.len()) {
            let (a, b) = (years[0], years[years.len() - 1]);
            return (a <= b).then(|| Period {
                first: months(a, 1, 1).first,
                last: months(b, 12, 12).last,
            });
        }
        for (i, t) in toks.iter().enumerate() {
            // quý II/2023, quý 3 năm 2025.
            if *t == Tok::Unit("quarter".into()) {
                let q = match toks.get(i + 1) {
                    Some(Tok::Roman(q)) | Some(Tok::Num(q, 1)) => *q,
                    _ => return None,
                };
                return (1..=4).contains(&q).then(|| months(year, q * 3 - 2, q * 3));
            }
            // 6 tháng đầu năm 2024, nửa cuối năm 2024.
            let half_part = match (t, toks.get(i + 1), toks.get(i + 2)) {
                (Tok::Num(6, _), Some(Tok::Unit(m)), Some(Tok::Part(p))) if m == "month" => Some(p),
                (Tok::Unit(h), Some(Tok::Part(p)), _) if h == "half" => Some(p),
                _ => None,
            };
            if let Some(p) = half_part {
                return Some(if p == "first" {
                    months(year, 1, 6)
                } else {
                    months(year, 7, 12)
                });
            }
        }
        // A day: 30/6/2023, ngày 30 tháng 6 năm 2023.
        if nums.len() >= 3 {
            let (d, m) = (nums[nums.len() - 3], nums[nums.len() - 2]);
            if (1..=12).contains(&m) && d >= 1 && d <= days_in_month(year, m) {
                let day = Day {
                    year,
                    month: m,
                    day: d,
                };
                return Some(Period {
                    first: day,
                    last: day,
                });
            }
            return None;
        }
        // A month: tháng 6/2023.
        for i in 0..toks.len() {
            if unit_at(i, "month")
                && let Some(Tok::Num(m, _)) = toks.get(i + 1)
            {
                return (1..=12).contains(m).then(|| months(year, *m, *m));
            }
        }
        // A year.
        (nums.len() == 1).then(|| months(year, 1, 12))
    }

    /// Day and month of a yearly date without a year ("30/11", "10 tháng 11").
    pub fn day_month(&self, text: &str) -> Option<(u32, u32)> {
        let nums: Vec<u32> = self
            .tokens(text)
            .into_iter()
            .filter_map(|t| match t {
                Tok::Num(n, _) => Some(n),
                _ => None,
            })
            .collect();
        match nums[..] {
            [d, m] if (1..=12).contains(&m) && d >= 1 && d <= days_in_month(2024, m) => {
                Some((d, m))
            }
            _ => None,
        }
    }

    /// The recurrence a word names ("hằng năm" → "yearly", "6 tháng" →
    /// "half-yearly"), from the `recurrence_word` vocabulary.
    pub fn recurrence(&self, text: &str) -> Option<&'r str> {
        self.recurrence.lookup(text)?.attr("recurrence")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn until(text: &str) -> Option<String> {
        let rules = RuleSet::embedded().unwrap();
        let t = Temporal::new(&rules).unwrap();
        t.period(text).map(|p| p.last.iso())
    }

    fn from(text: &str) -> Option<String> {
        let rules = RuleSet::embedded().unwrap();
        let t = Temporal::new(&rules).unwrap();
        t.period(text).map(|p| p.first.iso())
    }

    #[test]
    fn periods() {
        let cases = [
            ("quý II/2023", "2023-06-30"),
            ("Quý IV năm 2019", "2019-12-31"),
            ("quý I của năm 2024", "2024-03-31"),
            ("quý 3/2025", "2025-09-30"),
            ("năm 2019", "2019-12-31"),
            ("cuối năm 2021", "2021-12-31"),
            ("tháng 2/2024", "2024-02-29"),
            ("tháng 2 năm 2023", "2023-02-28"),
            ("tháng 6/2023", "2023-06-30"),
            ("6 tháng đầu năm 2024", "2024-06-30"),
            ("6 tháng cuối năm 2024", "2024-12-31"),
            ("nửa đầu năm 2025", "2025-06-30"),
            ("30/6/2023", "2023-06-30"),
            ("ngày 25-10-2017", "2017-10-25"),
            ("ngày 30 tháng 4 năm 2025", "2025-04-30"),
            ("giai đoạn 2022-2026", "2026-12-31"),
            ("nhiệm kỳ 2021 - 2026", "2026-12-31"),
            ("2025", "2025-12-31"),
            ("2025-2026", "2026-12-31"),
            ("Năm 2024 - 2025", "2025-12-31"),
        ];
        for (text, want) in cases {
            assert_eq!(until(text).as_deref(), Some(want), "{text}");
        }
        assert_eq!(from("quý II năm 2018").as_deref(), Some("2018-04-01"));
        assert_eq!(from("nhiệm kỳ 2021-2026").as_deref(), Some("2021-01-01"));
        assert_eq!(from("năm 2018").as_deref(), Some("2018-01-01"));
        for bad in [
            "quý V/2023",
            "31/2/2023",
            "quý IV",
            "tháng 13/2023",
            "sau khi",
        ] {
            assert_eq!(until(bad), None, "{bad}");
        }
    }

    #[test]
    fn yearly_days_and_recurrences() {
        let rules = RuleSet::embedded().unwrap();
        let t = Temporal::new(&rules).unwrap();
        assert_eq!(t.day_month("30/11"), Some((30, 11)));
        assert_eq!(t.day_month("10 tháng 11"), Some((10, 11)));
        assert_eq!(t.day_month("29/2"), Some((29, 2)));
        assert_eq!(t.day_month("31/4"), None);
        assert_eq!(t.recurrence("hằng năm"), Some("yearly"));
        assert_eq!(t.recurrence("Hàng  năm"), Some("yearly"));
        assert_eq!(t.recurrence("6 tháng"), Some("half-yearly"));
        assert_eq!(t.recurrence("hàng quý"), Some("quarterly"));
        assert_eq!(t.recurrence("hằng tháng"), Some("monthly"));
        assert!(is_leap(2024) && !is_leap(2100) && is_leap(2000));
    }
}
