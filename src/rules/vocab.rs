//! Vocabularies: canonical values, their written forms and attributes.
//!
//! In a pattern, `${name}` expands to every form, regex-escaped, longest
//! first (the regex crate's alternation is leftmost-first, so "Sở Tài
//! nguyên và Môi trường" must come before "Sở Tài nguyên"); a space in a
//! form matches any run of white space. Extractors map a matched surface
//! back to its entry with [`Vocab::lookup`].

use std::collections::{BTreeMap, HashMap};

use super::schema::VocabDef;

/// One vocabulary entry.
#[derive(Debug, Clone)]
pub struct VocabEntry {
    /// Canonical value.
    pub value: String,
    /// Written forms, the value first.
    pub forms: Vec<String>,
    /// Other attributes.
    pub attrs: BTreeMap<String, toml::Value>,
}

impl VocabEntry {
    /// A string attribute.
    pub fn attr(&self, key: &str) -> Option<&str> {
        self.attrs.get(key).and_then(toml::Value::as_str)
    }
}

/// A named vocabulary.
#[derive(Debug, Clone)]
pub struct Vocab {
    /// Its name.
    pub name: String,
    /// For people.
    pub description: String,
    /// Entries in file order.
    pub entries: Vec<VocabEntry>,
    case_insensitive: bool,
    index: HashMap<String, usize>,
}

/// Lookup key: lower case, white space folded.
pub fn fold_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
    out
}

impl Vocab {
    pub(super) fn build(def: &VocabDef) -> Result<Vocab, String> {
        if def.entry.is_empty() {
            return Err("vocabulary has no [[vocab.entry]]".into());
        }
        let mut entries = Vec::new();
        let mut index = HashMap::new();
        for (i, e) in def.entry.iter().enumerate() {
            let mut forms = vec![e.value.clone()];
            for f in &e.forms {
                if !forms.contains(f) {
                    forms.push(f.clone());
                }
            }
            for f in &forms {
                if f.trim().is_empty() {
                    return Err(format!("entry {:?} has an empty form", e.value));
                }
                index.entry(fold_key(f)).or_insert(i);
            }
            entries.push(VocabEntry {
                value: e.value.clone(),
                forms,
                attrs: e.attrs.clone(),
            });
        }
        Ok(Vocab {
            name: def.name.clone(),
            description: def.description.clone(),
            entries,
            case_insensitive: def.case_insensitive,
            index,
        })
    }

    /// The regex alternation of every form, longest first.
    pub fn alternation(&self) -> String {
        let mut forms: Vec<&str> = self
            .entries
            .iter()
            .flat_map(|e| e.forms.iter().map(String::as_str))
            .collect();
        forms.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
        forms.dedup();
        let alt = forms
            .iter()
            .map(|f| {
                f.split_whitespace()
                    .map(regex::escape)
                    .collect::<Vec<_>>()
                    .join(r"\s+")
            })
            .collect::<Vec<_>>()
            .join("|");
        if self.case_insensitive {
            format!("(?i:{alt})")
        } else {
            alt
        }
    }

    /// The entry a written form belongs to (case and white space ignored).
    pub fn lookup(&self, surface: &str) -> Option<&VocabEntry> {
        self.index
            .get(&fold_key(surface))
            .map(|&i| &self.entries[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::schema::VocabEntryDef;

    fn vocab() -> Vocab {
        let entry = |v: &str, forms: &[&str]| VocabEntryDef {
            value: v.into(),
            forms: forms.iter().map(|s| s.to_string()).collect(),
            attrs: BTreeMap::new(),
        };
        Vocab::build(&VocabDef {
            name: "b".into(),
            description: String::new(),
            case_insensitive: false,
            entry: vec![
                entry("Sở Tài nguyên", &[]),
                entry("Sở Tài nguyên và Môi trường", &["Sở TN&MT"]),
            ],
        })
        .unwrap()
    }

    #[test]
    fn longest_first_and_lookup() {
        let v = vocab();
        let re = regex::Regex::new(&v.alternation()).unwrap();
        assert_eq!(
            re.find("giao Sở Tài nguyên và  Môi trường")
                .unwrap()
                .as_str(),
            "Sở Tài nguyên và  Môi trường"
        );
        assert_eq!(
            v.lookup("sở tn&mt").unwrap().value,
            "Sở Tài nguyên và Môi trường"
        );
        assert!(v.lookup("Sở Y tế").is_none());
    }
}
