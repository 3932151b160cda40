//! Gold files (`tests/gold/<seed>.json`, SPEC section 12): the expected items
//! of one plan, in their own shape.
//!
//! The gold shape is not the record shape: items carry `line` (and tasks
//! `line_end`) instead of a span, citations carry `lines` (every mention)
//! and `alt` (other accepted numbers where the text has a typo), and only
//! the scored fields are present. Numbers keep their JSON form
//! (`serde_json::Number`), because the reference scorer compares `of` through
//! Python's `str()`, where `162` and `162.0` differ.

use std::path::Path;

use serde::Deserialize;
use serde_json::{Number, Value};

/// One gold file.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct GoldFile {
    /// The seed file name the gold describes (`002_….txt`); defaults to the
    /// gold file's name with `.txt`.
    #[serde(default)]
    pub file: Option<String>,
    /// Expected plan metadata.
    #[serde(default)]
    pub plan: GoldPlan,
    /// Expected citations.
    #[serde(default)]
    pub citations: Vec<GoldCitation>,
    /// Expected quotas.
    #[serde(default)]
    pub quotas: Vec<GoldQuota>,
    /// Expected tasks.
    #[serde(default)]
    pub tasks: Vec<GoldTask>,
    /// Expected deadlines.
    #[serde(default)]
    pub deadlines: Vec<GoldDeadline>,
    /// Expected bodies.
    #[serde(default)]
    pub bodies: Vec<GoldBody>,
    /// The annotator's notes (not scored).
    #[serde(default)]
    pub notes: Vec<String>,
}

/// Expected `plan` fields.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct GoldPlan {
    /// "Kế hoạch", "Quyết định" …
    pub doc_type: Option<String>,
    /// Canonical number or null.
    pub number: Option<String>,
    /// Issuing body.
    pub issuer: Option<String>,
    /// Province proper name.
    pub province: Option<String>,
    /// ISO date, possibly partial.
    pub date: Option<String>,
    /// Trích yếu.
    pub title: Option<String>,
    /// Signer.
    pub signer: Option<String>,
    /// Draft flag.
    pub draft: Option<bool>,
    /// Numbers the plan implements (compared as a set).
    #[serde(default)]
    pub implements: Vec<String>,
}

/// An expected citation.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldCitation {
    /// Canonical number (the match key).
    pub number: String,
    /// Full type name.
    pub doc_type: Option<String>,
    /// ISO date.
    pub date: Option<String>,
    /// Issuer (matched by containment either way).
    pub issuer: Option<String>,
    /// `central`, `provincial` …
    pub level: Option<String>,
    /// `implements`, `basis`, `reference`.
    pub relation: Option<String>,
    /// Lines of every mention.
    #[serde(default)]
    pub lines: Vec<u32>,
    /// Other accepted numbers (typos in the text).
    #[serde(default)]
    pub alt: Vec<String>,
}

/// An expected quota.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldQuota {
    /// Line of the quota.
    pub line: Option<i64>,
    /// Canonical head noun.
    pub metric: Option<String>,
    /// `decrease`, `increase`, `target`.
    pub direction: Option<String>,
    /// The number, as written in the gold file.
    pub value: Option<Number>,
    /// `percent`, `count`, `per`.
    pub unit: Option<String>,
    /// Denominator or base, as written in the gold file.
    pub of: Option<Number>,
    /// `min`, `max`, `average`, `exact`.
    pub bound: Option<String>,
    /// Year or period compared with.
    pub baseline: Option<String>,
    /// Year or period the target is for.
    pub by: Option<String>,
}

/// An expected task: any predicted task starting in `line..=line_end`
/// matches it.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldTask {
    /// First line of the item.
    pub line: i64,
    /// Last line of the item (defaults to `line`).
    pub line_end: Option<i64>,
    /// Outline path.
    pub section: Option<String>,
    /// Lead bodies (compared as a sorted list of folded names).
    #[serde(default)]
    pub lead: Vec<String>,
    /// Supporting bodies.
    #[serde(default)]
    pub support: Vec<String>,
    /// The deadline that applies (its kind and until are compared).
    pub deadline: Option<GoldDeadline>,
}

/// An expected deadline (also the shape of a task's deadline).
#[derive(Debug, Clone, Deserialize)]
pub struct GoldDeadline {
    /// Line of the deadline.
    pub line: Option<i64>,
    /// `by`, `recurring`, `ongoing`, `conditional`.
    pub kind: Option<String>,
    /// ISO first day.
    pub from: Option<String>,
    /// ISO last day or recurring day.
    pub until: Option<String>,
    /// Recurrence.
    pub recurrence: Option<String>,
    /// Condition clause (not scored).
    pub condition: Option<String>,
}

/// An expected body.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldBody {
    /// Canonical name.
    pub name: String,
}

/// A gold file with the name of the file it describes.
#[derive(Debug, Clone)]
pub struct Gold {
    /// Name of the gold file itself (`002_….json`).
    pub gold_name: String,
    /// Base name of the plan it describes (the record's `source.path` base
    /// name).
    pub file: String,
    /// The expected items.
    pub data: GoldFile,
}

impl Gold {
    /// Parse one gold file's JSON, named `gold_name`.
    pub fn parse(gold_name: &str, json: &str) -> Result<Gold, String> {
        let data: GoldFile = serde_json::from_str(json).map_err(|e| format!("{gold_name}: {e}"))?;
        let file = match &data.file {
            Some(f) if !f.is_empty() => f.clone(),
            _ => format!(
                "{}.txt",
                gold_name.strip_suffix(".json").unwrap_or(gold_name)
            ),
        };
        Ok(Gold {
            gold_name: gold_name.to_string(),
            file,
            data,
        })
    }
}

/// Every `*.json` file of `dir`, sorted by name (other files, such as
/// `thresholds.toml`, are ignored).
pub fn load_dir(dir: &Path) -> Result<Vec<Gold>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| format!("{}: {e}", dir.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".json") {
            names.push(name);
        }
    }
    names.sort();
    names
        .iter()
        .map(|name| {
            let path = dir.join(name);
            let json =
                std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            Gold::parse(name, &json).map_err(|e| format!("{}: {e}", dir.display()))
        })
        .collect()
}

/// A gold-side optional string as a JSON value (for Python-style compares).
pub(crate) fn val(s: &Option<String>) -> Value {
    s.as_ref().map_or(Value::Null, |s| Value::String(s.clone()))
}

/// A gold-side optional number as a JSON value.
pub(crate) fn num(n: &Option<Number>) -> Value {
    n.as_ref().map_or(Value::Null, |n| Value::Number(n.clone()))
}

/// A gold-side optional integer as a JSON value.
pub(crate) fn int(n: Option<i64>) -> Value {
    n.map_or(Value::Null, Value::from)
}
