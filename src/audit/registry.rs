//! What the audit knows beyond the records: the registry of central
//! directives and the document-type codes, both read from the rule files
//! when they are there.
//!
//! * `registry` — a `[[vocab]]` whose entries are keyed `number@date` with
//!   attributes `number`, `type`, `date`, `issuer`, `title`, `term`,
//!   `implemented_by` (keys). Without it the audit has no titles, no
//!   registry dates and no implementing-act check; nothing else changes.
//! * `doc_type` (type word → `code`) and `doc_code` (code → `type`): which
//!   type words a number's type code stands for ("-KL/" → Kết luận; "QĐ"
//!   → Quyết định or Quy định). Without them a small built-in table is used.

use std::collections::HashMap;

use crate::rules::RuleSet;

/// Comparison form of a type word or code: lower case, white space folded.
fn fold_key(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// One registry entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegEntry {
    /// `number@date` (or the number when the date is not known).
    pub key: String,
    /// Canonical number.
    pub number: String,
    /// Type word.
    pub doc_type: Option<String>,
    /// ISO date.
    pub date: Option<String>,
    /// Issuer.
    pub issuer: Option<String>,
    /// Trích yếu.
    pub title: Option<String>,
    /// Keys of the documents that implement it.
    pub implemented_by: Vec<String>,
}

/// Comparison form of a document number (case folded).
pub fn number_key(number: &str) -> String {
    number.to_uppercase()
}

/// The number part of a `number@date` key.
pub fn key_number(key: &str) -> &str {
    key.split_once('@').map_or(key, |(n, _)| n)
}

/// The registry of central directives.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    entries: Vec<RegEntry>,
    by_key: HashMap<String, usize>,
    by_number: HashMap<String, Vec<usize>>,
}

impl Registry {
    /// Build from entries.
    pub fn new(entries: Vec<RegEntry>) -> Registry {
        let mut r = Registry::default();
        for e in entries {
            let i = r.entries.len();
            r.by_key.insert(number_key(&e.key), i);
            r.by_number
                .entry(number_key(&e.number))
                .or_default()
                .push(i);
            r.entries.push(e);
        }
        r
    }

    /// The `registry` vocabulary of `rules`, if it has one.
    pub fn from_rules(rules: &RuleSet) -> Option<Registry> {
        let vocab = rules.vocab("registry")?;
        let entries = vocab
            .entries
            .iter()
            .map(|e| {
                let s = |k: &str| e.attr(k).map(str::to_string);
                RegEntry {
                    key: e.value.clone(),
                    number: s("number").unwrap_or_else(|| key_number(&e.value).to_string()),
                    doc_type: s("type"),
                    date: s("date").or_else(|| e.value.split_once('@').map(|(_, d)| d.into())),
                    issuer: s("issuer"),
                    title: s("title"),
                    implemented_by: e
                        .attrs
                        .get("implemented_by")
                        .and_then(toml::Value::as_array)
                        .map(|a| {
                            a.iter()
                                .filter_map(|v| v.as_str().map(String::from))
                                .collect()
                        })
                        .unwrap_or_default(),
                }
            })
            .collect();
        Some(Registry::new(entries))
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entry with this key.
    pub fn by_key(&self, key: &str) -> Option<&RegEntry> {
        self.by_key.get(&number_key(key)).map(|&i| &self.entries[i])
    }

    /// Every entry with this number (several when numbering restarted).
    pub fn by_number(&self, number: &str) -> impl Iterator<Item = &RegEntry> {
        self.by_number
            .get(&number_key(number))
            .into_iter()
            .flatten()
            .map(|&i| &self.entries[i])
    }

    /// The entry an undated citation of `number` in a plan dated
    /// `plan_date` stands for (SPEC 5): the only one, or the latest not after
    /// the plan's date; none when that cannot be decided.
    pub fn resolve_undated(&self, number: &str, plan_date: Option<&str>) -> Option<&RegEntry> {
        let all: Vec<&RegEntry> = self.by_number(number).collect();
        if all.len() == 1 {
            return Some(all[0]);
        }
        let plan_date = plan_date?;
        all.into_iter()
            .filter_map(|e| e.date.as_deref().map(|d| (d, e)))
            .filter(|(d, _)| d.get(..plan_date.len()).unwrap_or(d) <= plan_date)
            .max_by(|a, b| a.0.cmp(b.0))
            .map(|(_, e)| e)
    }
}

/// The type code inside a document number: "19-NQ/TW" → NQ, "08/NQ-CP" →
/// NQ, "108/2014/NĐ-CP" → NĐ; none for "56/2017/QH14".
pub fn number_type_code(number: &str) -> Option<&str> {
    let letters = |s: &str| !s.is_empty() && s.chars().all(char::is_alphabetic);
    let mut parts = number.split('/');
    let first = parts.next()?;
    if let Some((lead, code)) = first.split_once('-') {
        return (lead.chars().any(|c| c.is_ascii_digit()) && letters(code)).then_some(code);
    }
    for part in parts {
        if let Some((code, _)) = part.split_once('-') {
            return letters(code).then_some(code);
        }
        if !part.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
    }
    None
}

/// Which type words a type code stands for.
#[derive(Debug, Clone, Default)]
pub struct TypeCodes {
    /// Folded code → type words it may stand for.
    by_code: HashMap<String, Vec<String>>,
    /// Folded type word → its code.
    by_type: HashMap<String, String>,
    /// Where the table came from: `rules` or `built-in`.
    pub source: &'static str,
}

/// Used when the rules have no `doc_type`/`doc_code` vocabulary.
const BUILT_IN: &[(&str, &str)] = &[
    ("NQ", "Nghị quyết"),
    ("KL", "Kết luận"),
    ("QĐ", "Quyết định"),
    ("QĐ", "Quy định"),
    ("CT", "Chỉ thị"),
    ("KH", "Kế hoạch"),
    ("NĐ", "Nghị định"),
    ("TT", "Thông tư"),
    ("HD", "Hướng dẫn"),
    ("TB", "Thông báo"),
    ("TB", "Thông báo kết luận"),
    ("CTr", "Chương trình"),
    ("CTr", "Chương trình hành động"),
    ("CV", "Công văn"),
    ("ĐA", "Đề án"),
];

impl TypeCodes {
    fn add(&mut self, code: &str, doc_type: &str) {
        let list = self.by_code.entry(fold_key(code)).or_default();
        if !list.iter().any(|t| fold_key(t) == fold_key(doc_type)) {
            list.push(doc_type.to_string());
        }
        self.by_type
            .entry(fold_key(doc_type))
            .or_insert_with(|| code.to_string());
    }

    /// From the rules' `doc_type` and `doc_code` vocabularies, else built in.
    pub fn from_rules(rules: Option<&RuleSet>) -> TypeCodes {
        let mut t = TypeCodes {
            source: "rules",
            ..TypeCodes::default()
        };
        if let Some(v) = rules.and_then(|r| r.vocab("doc_type")) {
            for e in &v.entries {
                if let Some(code) = e.attr("code") {
                    t.add(code, &e.value);
                }
            }
        }
        if let Some(v) = rules.and_then(|r| r.vocab("doc_code")) {
            for e in &v.entries {
                if let Some(ty) = e.attr("type") {
                    t.add(&e.value, ty);
                }
            }
        }
        if t.by_code.is_empty() {
            t.source = "built-in";
            for (code, ty) in BUILT_IN {
                t.add(code, ty);
            }
        }
        t
    }

    /// When the type word contradicts the number's code ("Nghị quyết" for
    /// "40-KL/TW"): the type words the code stands for. None when they agree
    /// or either side is unknown or generic ("Văn bản" has no code).
    pub fn disagreement(&self, doc_type: &str, number: &str) -> Option<&[String]> {
        let code = number_type_code(number)?;
        let types = self.by_code.get(&fold_key(code))?;
        if doc_type.trim().is_empty() || !self.by_type.contains_key(&fold_key(doc_type)) {
            return None;
        }
        let agrees = types.iter().any(|t| fold_key(t) == fold_key(doc_type));
        (!agrees).then_some(types.as_slice())
    }
}

/// Everything the audit consults besides the records.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// The registry, when the rules have one.
    pub registry: Option<Registry>,
    /// Type codes.
    pub types: TypeCodes,
}

impl Context {
    /// From a rule set (registry and type codes when present).
    pub fn from_rules(rules: &RuleSet) -> Context {
        Context {
            registry: Registry::from_rules(rules),
            types: TypeCodes::from_rules(Some(rules)),
        }
    }

    /// No registry, built-in type codes.
    pub fn built_in() -> Context {
        Context {
            registry: None,
            types: TypeCodes::from_rules(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_codes_from_numbers() {
        assert_eq!(number_type_code("19-NQ/TW"), Some("NQ"));
        assert_eq!(number_type_code("08/NQ-CP"), Some("NQ"));
        assert_eq!(number_type_code("108/2014/NĐ-CP"), Some("NĐ"));
        assert_eq!(number_type_code("38-CTr/TU"), Some("CTr"));
        assert_eq!(number_type_code("56/2017/QH14"), None);
        assert_eq!(number_type_code("25/KH-UBND"), Some("KH"));
    }

    #[test]
    fn built_in_disagreements() {
        let t = TypeCodes::from_rules(None);
        assert_eq!(t.source, "built-in");
        assert_eq!(
            t.disagreement("Nghị quyết", "40-KL/TW"),
            Some(&["Kết luận".to_string()][..])
        );
        assert_eq!(t.disagreement("Quy định", "70-QĐ/TW"), None);
        assert_eq!(t.disagreement("Quyết định", "72-QĐ/TW"), None);
        assert_eq!(t.disagreement("Thông báo kết luận", "1398-TB/TU"), None);
        assert_eq!(t.disagreement("Văn bản", "19-NQ/TW"), None, "generic word");
        assert_eq!(
            t.disagreement("Nghị quyết", "4109/UBND-VXNV"),
            None,
            "no type code"
        );
    }

    #[test]
    fn registry_from_rules_and_undated_resolution() {
        let toml = r#"
[[vocab]]
name = "registry"
description = "test"
[[vocab.entry]]
value = "18-NQ/TW@2017-10-25"
number = "18-NQ/TW"
date = "2017-10-25"
title = "Một số vấn đề về tiếp tục đổi mới, sắp xếp tổ chức bộ máy"
implemented_by = ["10/NQ-CP@2018-02-03"]
[[vocab.entry]]
value = "18-NQ/TW@2022-06-16"
number = "18-NQ/TW"
date = "2022-06-16"
[[vocab]]
name = "doc_code"
description = "test"
[[vocab.entry]]
value = "KL"
type = "Kết luận"
"#;
        let rules = RuleSet::from_files(vec![("r.toml".into(), toml.into())]).unwrap();
        let ctx = Context::from_rules(&rules);
        let reg = ctx.registry.as_ref().unwrap();
        assert_eq!(reg.len(), 2);
        assert_eq!(
            reg.by_key("18-nq/tw@2017-10-25")
                .unwrap()
                .implemented_by
                .len(),
            1
        );
        let at = |d| reg.resolve_undated("18-NQ/TW", d).map(|e| e.key.as_str());
        assert_eq!(at(Some("2018-08-14")), Some("18-NQ/TW@2017-10-25"));
        assert_eq!(at(Some("2023-01")), Some("18-NQ/TW@2022-06-16"));
        assert_eq!(at(None), None, "two candidates, no plan date");
        assert_eq!(ctx.types.source, "rules");
        assert!(
            ctx.types.disagreement("Nghị quyết", "40-KL/TW").is_none(),
            "NQ unknown here"
        );
    }
}
