//! Document numbers: canonical form, parts, and the codes' meaning.
//!
//! Party numbering is `n-TYPE/ISSUER` (18-NQ/TW), State numbering
//! `n/TYPE-ISSUER` (10/NQ-CP), `n/ISSUER-DEPT` (4109/UBND-VXNV, a công văn)
//! or `n/YYYY/TYPE-ISSUER` (120/2020/NĐ-CP). The canonical form drops white
//! space and reads dashes as "-"; codes keep their case ("CTr", "TTg"). A
//! number written in the wrong system for its issuer ("27/NQ-TW") is a typo
//! and is rewritten to the issuer's system ("27-NQ/TW").

use crate::rules::{RuleSet, VocabEntry};

/// A parsed document number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Number {
    /// Canonical number ("18-NQ/TW").
    pub canonical: String,
    /// Leading number as written ("08").
    pub lead: String,
    /// Type code ("NQ"), if the number has one.
    pub type_code: Option<String>,
    /// Issuer code ("TW", "UBND"), the first after the type.
    pub issuer_code: Option<String>,
    /// True when the text wrote it in the other numbering system.
    pub rewritten: bool,
}

/// The `issuer_code` entry of `code`.
pub fn issuer_entry<'r>(rules: &'r RuleSet, code: &str) -> Option<&'r VocabEntry> {
    rules.vocab("issuer_code")?.lookup(code)
}

/// The `doc_code` entry of `code`.
pub fn type_entry<'r>(rules: &'r RuleSet, code: &str) -> Option<&'r VocabEntry> {
    // Codes are case-sensitive in spirit ("CT" vs "CTr"): look up exactly.
    rules
        .vocab("doc_code")?
        .entries
        .iter()
        .find(|e| e.forms.iter().any(|f| f == code))
}

/// Party or State system of an issuer code.
fn system(rules: &RuleSet, issuer: &str) -> Option<&'static str> {
    match issuer_entry(rules, issuer)?.attr("system")? {
        "party" => Some("party"),
        "state" => Some("state"),
        _ => None,
    }
}

impl Number {
    /// Parse a number as matched by the `party_number`/`state_number`
    /// fragments.
    pub fn parse(raw: &str, rules: &RuleSet) -> Option<Number> {
        let s: String = raw
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| {
                if matches!(c, '–' | '‐' | '‑' | '—') {
                    '-'
                } else {
                    c
                }
            })
            .collect();
        let lead_len = s.find(|c: char| !c.is_ascii_digit())?;
        if lead_len == 0 {
            return None;
        }
        let lead = s[..lead_len].to_string();
        let rest = &s[lead_len + 1..];
        let party = s[lead_len..].starts_with('-');
        let (type_code, issuer_code, subs) = if party {
            let (t, i) = rest.split_once('/')?;
            let mut codes = i.split('-');
            let issuer = codes.next().unwrap_or_default().to_string();
            let subs: Vec<&str> = codes.collect();
            (Some(t.to_string()), issuer, subs.join("-"))
        } else {
            let codes = match rest.split_once('/') {
                Some((year, codes)) if year.len() == 4 => codes,
                _ => rest,
            };
            let mut parts = codes.split('-').peekable();
            let first = parts.next().unwrap_or_default();
            let second_is_issuer = parts
                .peek()
                .is_some_and(|c| issuer_entry(rules, c).is_some());
            let is_type = (type_entry(rules, first).is_some() || second_is_issuer)
                && issuer_entry(rules, first).is_none();
            if is_type {
                let issuer = parts.next().unwrap_or_default().to_string();
                (
                    Some(first.to_string()),
                    issuer,
                    parts.collect::<Vec<_>>().join("-"),
                )
            } else {
                (None, first.to_string(), String::new())
            }
        };
        let year_form = !party && rest.split_once('/').is_some_and(|(y, _)| y.len() == 4);
        let mut canonical = None;
        if let Some(t) = &type_code {
            let sub = if subs.is_empty() {
                String::new()
            } else {
                format!("-{subs}")
            };
            canonical = match (party, year_form, system(rules, &issuer_code)) {
                (true, _, Some("state")) => Some(format!("{lead}/{t}-{issuer_code}{sub}")),
                (false, false, Some("party")) => Some(format!("{lead}-{t}/{issuer_code}{sub}")),
                _ => None,
            };
        }
        Some(Number {
            rewritten: canonical.is_some(),
            canonical: canonical.unwrap_or(s),
            lead,
            type_code,
            issuer_code: (!issuer_code.is_empty()).then_some(issuer_code),
        })
    }

    /// The same number with another leading number (coordinated numbers:
    /// "18, 19-NQ/TW" gives 18-NQ/TW from 19-NQ/TW).
    pub fn with_lead(&self, lead: &str) -> Number {
        Number {
            canonical: format!("{lead}{}", &self.canonical[self.lead.len()..]),
            lead: lead.to_string(),
            ..self.clone()
        }
    }

    /// Is the issuer code one the rules know?
    pub fn known_issuer(&self, rules: &RuleSet) -> bool {
        self.issuer_code
            .as_deref()
            .is_some_and(|c| issuer_entry(rules, c).is_some())
    }

    /// The doc type the type code stands for ("NQ" → "Nghị quyết").
    pub fn code_type(&self, rules: &RuleSet) -> Option<String> {
        let code = self.type_code.as_deref()?;
        type_entry(rules, code)?.attr("type").map(str::to_string)
    }

    /// Level from the issuer code (`unknown` when the code is not known).
    pub fn level(&self, rules: &RuleSet) -> String {
        self.issuer_code
            .as_deref()
            .and_then(|c| issuer_entry(rules, c))
            .and_then(|e| e.attr("level"))
            .unwrap_or("unknown")
            .to_string()
    }

    /// Default issuer from the codes ("-KL/TW" → "Bộ Chính trị", "/UBND" →
    /// "Ủy ban nhân dân tỉnh").
    pub fn default_issuer(&self, rules: &RuleSet) -> Option<String> {
        let entry = issuer_entry(rules, self.issuer_code.as_deref()?)?;
        let by_type = self.type_code.as_deref().and_then(|t| {
            entry
                .attrs
                .get("by_type")?
                .as_table()?
                .get(t)?
                .as_str()
                .map(str::to_string)
        });
        by_type.or_else(|| entry.attr("issuer").map(str::to_string))
    }
}

/// Comparison key of a number: no white space, case folded.
pub fn number_key(n: &str) -> String {
    n.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Number {
        let rules = RuleSet::embedded().unwrap();
        Number::parse(s, &rules).unwrap()
    }

    #[test]
    fn party_and_state() {
        let n = parse("222- KH/TU");
        assert_eq!(n.canonical, "222-KH/TU");
        assert_eq!(n.type_code.as_deref(), Some("KH"));
        assert_eq!(n.issuer_code.as_deref(), Some("TU"));
        let n = parse("120/2020/NĐ-CP");
        assert_eq!(n.canonical, "120/2020/NĐ-CP");
        assert_eq!(n.type_code.as_deref(), Some("NĐ"));
        assert_eq!(n.issuer_code.as_deref(), Some("CP"));
        let n = parse("4109/UBND-VXNV");
        assert_eq!(n.type_code, None);
        assert_eq!(n.issuer_code.as_deref(), Some("UBND"));
        let n = parse("56/2017/QH14");
        assert_eq!(n.issuer_code.as_deref(), Some("QH14"));
        assert!(!n.rewritten);
    }

    #[test]
    fn typos_are_rewritten() {
        let n = parse("27/NQ- TW");
        assert_eq!(n.canonical, "27-NQ/TW");
        assert!(n.rewritten);
        assert_eq!(parse("18‑NQ/TW").canonical, "18-NQ/TW");
        let n = parse("10-NQ/CP");
        assert_eq!(n.canonical, "10/NQ-CP");
        assert_eq!(parse("19-NQ/TW").with_lead("18").canonical, "18-NQ/TW");
    }

    #[test]
    fn codes_mean() {
        let rules = RuleSet::embedded().unwrap();
        let n = parse("74-KL/TW");
        assert_eq!(n.default_issuer(&rules).as_deref(), Some("Bộ Chính trị"));
        assert_eq!(n.level(&rules), "central");
        assert_eq!(n.code_type(&rules).as_deref(), Some("Kết luận"));
        let n = parse("18-NQ/TW");
        assert_eq!(
            n.default_issuer(&rules).as_deref(),
            Some("Ban Chấp hành Trung ương")
        );
        assert_eq!(parse("1233-CV/BCSĐ").level(&rules), "provincial");
        assert_eq!(parse("12-NQ/HU").level(&rules), "district");
        assert!(!parse("18-NQ/T").known_issuer(&rules));
        assert_eq!(number_key(" 18-nq/TW"), "18-nq/tw");
    }
}
