//! Stage 3 — rules: load the rule files under `rules/`, compile them once,
//! and find their matches in a document.
//!
//! * `schema.rs` — the file format (serde structs);
//! * `compile.rs` — `${name}` expansion, regex compilation, named-group
//!   checks, the anchor prefilter;
//! * `vocab.rs` — vocabularies and their lookups;
//! * `scan.rs` — running the rules of one kind over a [`Document`];
//! * `check.rs` — examples and counter-examples (`kehoach rules check`).
//!
//! A [`RuleSet`] is built once per run (embedded in the binary at build time,
//! or loaded from `--rules DIR`), is `Send + Sync`, and is shared read-only by
//! all threads. No regex is ever compiled per document.
//!
//! What this module does not do: interpret matches. Extractors read the
//! named captures and the rule's `attrs` and decide what an item is.

mod check;
mod compile;
mod pattern;
mod scan;
pub mod schema;
mod vocab;

use std::any::Any;
use std::collections::HashMap;
use std::fmt;
use std::path::Path;
use std::sync::{Arc, Mutex};

use aho_corasick::AhoCorasick;

pub use check::check;
pub use pattern::RuleRegex;
pub(crate) use scan::push_matches;
pub use scan::{RuleMatch, Scan};
pub use vocab::{Vocab, VocabEntry, fold_key};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));
}

/// A problem in a rule file, with its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    /// File path relative to the rules directory.
    pub file: String,
    /// 1-based line (0 when the whole file is concerned).
    pub line: usize,
    /// Rule id, fragment or vocabulary name, when known.
    pub item: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "rules/{}:{}: ", self.file, self.line)?;
        if let Some(item) = &self.item {
            write!(f, "{item}: ")?;
        }
        f.write_str(&self.message)
    }
}

/// All problems found while loading or checking, reported together.
#[derive(Debug, Clone)]
pub struct RuleErrors(pub Vec<RuleError>);

impl fmt::Display for RuleErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for RuleErrors {}

/// A compiled rule.
#[derive(Debug)]
pub struct Rule {
    /// `<kind>.<name>`.
    pub id: String,
    /// The part of the id before the first dot.
    pub kind: String,
    /// For people.
    pub description: String,
    /// The compiled, expanded pattern.
    pub regex: RuleRegex,
    /// Tie-break among rules of a kind.
    pub priority: i32,
    /// Values the rule sets on its items.
    pub attrs: HashMap<String, String>,
    /// Where it is defined.
    pub file: String,
    /// 1-based line of its `[[rule]]` header.
    pub line: usize,
    /// Raw examples (text, expected captures).
    pub examples: Vec<(String, Vec<(String, String)>)>,
    /// Raw counter-examples.
    pub counter_examples: Vec<String>,
    /// Whether it only runs on lines holding one of its anchors.
    pub anchored: bool,
    /// Its anchor words, as written in the rule file.
    pub anchors: Vec<String>,
}

impl Rule {
    /// A rule-level attribute.
    pub fn attr(&self, key: &str) -> Option<&str> {
        self.attrs.get(key).map(String::as_str)
    }
}

/// A fragment, kept for `rules check`.
#[derive(Debug)]
pub(crate) struct Fragment {
    pub name: String,
    pub file: String,
    pub line: usize,
    pub expanded: String,
    pub examples: Vec<String>,
    pub counter_examples: Vec<String>,
}

/// Every rule file, compiled.
#[derive(Debug)]
pub struct RuleSet {
    rules: Vec<Rule>,
    vocabs: HashMap<String, Vocab>,
    fragments: Vec<Fragment>,
    /// Raw data files (tables such as `encodings/tcvn3.tsv`) by relative path.
    data: HashMap<String, String>,
    /// Anchor automaton; pattern id → rule indices.
    prefilter: Option<AhoCorasick>,
    anchor_rules: Vec<Vec<usize>>,
    /// Rule indices by kind, in file order.
    kinds: HashMap<String, Vec<usize>>,
    /// Structures extractors build once from the rules (automata).
    cache: Cache,
    /// Rule index by id.
    by_id: HashMap<String, usize>,
}

/// Structures built once per rule set by extractors, by name.
#[derive(Default)]
pub(crate) struct Cache(Mutex<HashMap<&'static str, Arc<dyn Any + Send + Sync>>>);

impl fmt::Debug for Cache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Cache")
    }
}

impl RuleSet {
    /// The rules built into the binary.
    pub fn embedded() -> Result<RuleSet, RuleErrors> {
        let files = embedded::EMBEDDED_RULES
            .iter()
            .map(|(p, c)| (p.to_string(), c.to_string()))
            .collect();
        RuleSet::from_files(files)
    }

    /// Load every `*.toml` and `*.tsv` file under `dir` (recursively).
    pub fn load_dir(dir: &Path) -> Result<RuleSet, RuleErrors> {
        let mut files = Vec::new();
        let mut errors = Vec::new();
        for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    errors.push(RuleError {
                        file: dir.display().to_string(),
                        line: 0,
                        item: None,
                        message: e.to_string(),
                    });
                    continue;
                }
            };
            let path = entry.path();
            if !entry.file_type().is_file()
                || !path.extension().is_some_and(|e| e == "toml" || e == "tsv")
            {
                continue;
            }
            let rel = path
                .strip_prefix(dir)
                .unwrap_or(path)
                .to_string_lossy()
                .replace('\\', "/");
            match std::fs::read_to_string(path) {
                Ok(c) => files.push((rel, c)),
                Err(e) => errors.push(RuleError {
                    file: rel,
                    line: 0,
                    item: None,
                    message: e.to_string(),
                }),
            }
        }
        if !errors.is_empty() {
            return Err(RuleErrors(errors));
        }
        if !files.iter().any(|(p, _)| p.ends_with(".toml")) {
            return Err(RuleErrors(vec![RuleError {
                file: dir.display().to_string(),
                line: 0,
                item: None,
                message: "no rule files (*.toml) found".into(),
            }]));
        }
        RuleSet::from_files(files)
    }

    /// Compile a set of (relative path, contents) files.
    pub fn from_files(files: Vec<(String, String)>) -> Result<RuleSet, RuleErrors> {
        compile::compile(files)
    }

    /// Every rule, in load order.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The rules of one kind (`citation`, `deadline` …), in file order.
    pub fn rules_of(&self, kind: &str) -> impl Iterator<Item = &Rule> {
        self.kinds
            .get(kind)
            .into_iter()
            .flatten()
            .map(|&i| &self.rules[i])
    }

    /// A rule by id.
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.by_id.get(id).map(|&i| &self.rules[i])
    }

    /// A vocabulary by name.
    pub fn vocab(&self, name: &str) -> Option<&Vocab> {
        self.vocabs.get(name)
    }

    /// A raw data file (e.g. `encodings/tcvn3.tsv`).
    pub fn data_file(&self, path: &str) -> Option<&str> {
        self.data.get(path).map(String::as_str)
    }

    /// A structure built once per rule set (an automaton over some rules'
    /// anchors, say): `build` runs the first time `key` is asked for, and
    /// every later call (from any thread, any document) shares the result.
    pub fn cached<T: Any + Send + Sync>(
        &self,
        key: &'static str,
        build: impl FnOnce(&RuleSet) -> T,
    ) -> Arc<T> {
        let lock = || self.cache.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(t) = lock().get(key).and_then(|v| v.clone().downcast::<T>().ok()) {
            return t;
        }
        let built = Arc::new(build(self));
        let shared: Arc<dyn Any + Send + Sync> = built.clone();
        lock().entry(key).or_insert(shared);
        built
    }

    /// Number of rules, vocabularies and fragments (for `rules check`).
    pub fn counts(&self) -> (usize, usize, usize) {
        (self.rules.len(), self.vocabs.len(), self.fragments.len())
    }
}

/// Case variants of an anchor word, as the prefilter looks for them.
pub fn anchor_variants(anchor: &str) -> Vec<String> {
    compile::anchor_variants(anchor)
}

/// 1-based line of byte `offset` in `content`.
pub(crate) fn line_at(content: &str, offset: usize) -> usize {
    memchr::memchr_iter(b'\n', &content.as_bytes()[..offset.min(content.len())]).count() + 1
}
