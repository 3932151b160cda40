//! Vocabularies: canonical values, their written forms and attributes.
//!
//! In a pattern, `${name}` expands to every form, regex-escaped, longest
//! first (the regex crate's alternation is leftmost-first, so "Sở Tài
//! nguyên và Môi trường" must come before "Sở Tài nguyên"); a space in a
//! form matches any run of white space. Extractors map a matched surface
//! back to its entry with [`Vocab::lookup`].

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

use super::schema::VocabDef;

/// FNV-1a: lookups hash short keys many times per document, where SipHash's
/// resistance to flooding buys nothing (the keys are the rule files').
#[derive(Default, Clone, Copy)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type FnvMap<V> = HashMap<String, V, BuildHasherDefault<Fnv>>;

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
    index: FnvMap<usize>,
    /// Every run of leading words of a folded form ("ban", "ban chấp" …),
    /// with the entry when the run is itself a form.
    prefixes: FnvMap<Option<usize>>,
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
        let mut index = FnvMap::default();
        let mut prefixes: FnvMap<Option<usize>> = FnvMap::default();
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
                let key = fold_key(f);
                for (at, _) in key.match_indices(' ') {
                    prefixes.entry(key[..at].to_string()).or_insert(None);
                }
                let full = prefixes.entry(key.clone()).or_insert(None);
                full.get_or_insert(i);
                index.entry(key).or_insert(i);
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
            prefixes,
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

    /// For a folded key: `None` when no form starts with these words, else
    /// `Some(entry)` with the entry when the words are a whole form.
    pub fn prefix_folded(&self, key: &str) -> Option<Option<&VocabEntry>> {
        self.prefixes.get(key).map(|i| i.map(|i| &self.entries[i]))
    }

    /// The entry of a key already folded with [`fold_key`] (lower case,
    /// single spaces): no allocation, for callers trying many candidates.
    pub fn lookup_folded(&self, key: &str) -> Option<&VocabEntry> {
        self.index.get(key).map(|&i| &self.entries[i])
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
