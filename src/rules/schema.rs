//! The rule-file format, as serde structs: the single source of truth for
//! what a file under `rules/` may contain (see `rules/README.md`).
//!
//! A file holds any of three kinds of tables:
//!
//! * `[[fragment]]` — a named regex building block (`${name}` in patterns);
//! * `[[vocab]]` — a named vocabulary of canonical values and their written
//!   forms, with attributes (`${name}` expands to all forms, longest first);
//! * `[[rule]]` — a pattern with an id, examples and counter-examples.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

/// One rule file.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    /// Named regex fragments.
    #[serde(default)]
    pub fragment: Vec<Spanned<FragmentDef>>,
    /// Vocabularies.
    #[serde(default)]
    pub vocab: Vec<Spanned<VocabDef>>,
    /// Rules.
    #[serde(default)]
    pub rule: Vec<Spanned<RuleDef>>,
}

/// `[[fragment]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FragmentDef {
    /// Name used as `${name}`.
    pub name: String,
    /// What it matches, for people.
    pub description: String,
    /// The regex (may use other `${name}`s; named groups are not allowed in
    /// fragments, since a fragment may be used twice in one rule).
    pub regex: String,
    /// Strings the fragment must match in full.
    #[serde(default)]
    pub examples: Vec<String>,
    /// Strings it must not match in full.
    #[serde(default)]
    pub counter_examples: Vec<String>,
}

/// `[[vocab]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VocabDef {
    /// Name used as `${name}` and by extractors.
    pub name: String,
    /// What it lists, for people.
    pub description: String,
    /// Match forms case-insensitively when expanded into a pattern.
    #[serde(default)]
    pub case_insensitive: bool,
    /// The entries.
    #[serde(default)]
    pub entry: Vec<VocabEntryDef>,
}

/// `[[vocab.entry]]`.
#[derive(Debug, Deserialize)]
pub struct VocabEntryDef {
    /// The canonical value.
    pub value: String,
    /// Written forms (the value itself is always one).
    #[serde(default)]
    pub forms: Vec<String>,
    /// Any other attribute (`code`, `level`, `issuer` …), read by extractors.
    #[serde(flatten)]
    pub attrs: BTreeMap<String, toml::Value>,
}

/// `[[rule]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDef {
    /// `<kind>.<name>`: the kind is the extractor that uses the rule.
    pub id: Option<String>,
    /// What it finds, for people.
    pub description: Option<String>,
    /// The regex, named groups only, `${name}` for fragments and vocabularies.
    pub pattern: Option<String>,
    /// Literal words of which one must occur on the logical line for the rule
    /// to run (case variants are added); empty = run on every line.
    #[serde(default)]
    pub anchors: Vec<String>,
    /// Lower runs first when two rules of a kind match at the same place.
    #[serde(default)]
    pub priority: i32,
    /// Values the rule sets on the items it produces (`kind = "by"` …).
    #[serde(default)]
    pub attrs: BTreeMap<String, toml::Value>,
    /// Texts the rule must not match anywhere.
    #[serde(default)]
    pub counter_examples: Vec<String>,
    /// `[[rule.example]]`: texts it must match, with expected captures.
    #[serde(default, rename = "example")]
    pub examples: Vec<ExampleDef>,
}

/// `[[rule.example]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleDef {
    /// The text (normalized before matching, like a plan).
    pub text: String,
    /// Expected text of named groups in one of the matches.
    #[serde(default)]
    pub expect: BTreeMap<String, String>,
}
