//! The rule maintainer's loop: scoring records against gold files, the
//! item-by-item difference between two runs, and the explanation of one
//! line (which rule matched, with what captures, and which items it made).
//!
//! * `py.rs` — the value semantics of the reference scorer `score.py`
//!   (`fold`, `num_key`, Python's `str`, `==`, `float`, `round`);
//! * `gold.rs` — gold files, in their own shape (`line`, `line_end`,
//!   `lines`, `alt`);
//! * `score.rs` — the matching rules, section by section;
//! * `report.rs` — precision/recall/F1, accuracies, thresholds, the table;
//! * `diff.rs` — what changed between two record sets;
//! * `explain.rs` — rule matches and items of a line;
//! * `synth.rs` — records built from gold files, and deterministic
//!   degradations of them (to test the scorer and the gate).
//!
//! The scorer agrees with `score.py` number for number: predictions are
//! scored as JSON values, read from `.jsonl` files or serialized from the
//! records the pipeline just produced.
//!
//! ```
//! use kehoach::eval::{self, gold::Gold, Predictions};
//! let gold = Gold::parse("a.json", r#"{"file": "a.txt", "bodies": [{"name": "Sở Nội vụ"}]}"#).unwrap();
//! let mut preds = Predictions::default();
//! preds.insert(serde_json::json!({
//!     "schema": "kehoach.plan/1", "source": {"path": "corpus/a.txt"},
//!     "bodies": [{"name": "SỞ NỘI VỤ", "roles": ["lead"]}]
//! }));
//! let scores = eval::evaluate(&[gold], &preds);
//! assert_eq!(scores.bodies.f1, 1.0);
//! ```
//!
//! What this module does not do: run the pipeline or print (the CLI does).

pub mod diff;
pub mod explain;
pub mod gold;
pub mod py;
pub mod report;
pub mod score;
pub mod synth;

use std::collections::HashMap;
use std::io::BufRead;

use serde_json::Value;

use crate::record::{PLAN_SCHEMA, Record};
pub use gold::Gold;
pub use report::{Failure, Scores, Thresholds};

/// Plan records keyed by the base name of `source.path` (a later record
/// with the same base name replaces an earlier one, as in `score.py`).
#[derive(Debug, Clone, Default)]
pub struct Predictions {
    by_name: HashMap<String, Value>,
}

/// Base name of a path, as Python's `os.path.basename` (text after the last
/// `/`).
pub fn base_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// `source.path` of a record value.
pub fn record_path(record: &Value) -> Option<&str> {
    record.get("source")?.get("path")?.as_str()
}

/// True for a `kehoach.plan/1` record.
pub fn is_plan(record: &Value) -> bool {
    record.get("schema").and_then(Value::as_str) == Some(PLAN_SCHEMA)
}

impl Predictions {
    /// Add a record; records that are not plans, or have no `source.path`,
    /// are skipped (returns false).
    pub fn insert(&mut self, record: Value) -> bool {
        if !is_plan(&record) {
            return false;
        }
        let Some(name) = record_path(&record).map(|p| base_name(p).to_string()) else {
            return false;
        };
        self.by_name.insert(name, record);
        true
    }

    /// The record of the plan named `name` (a base name).
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.by_name.get(name)
    }

    /// Number of plan records held.
    pub fn len(&self) -> usize {
        self.by_name.len()
    }

    /// True when no plan record is held.
    pub fn is_empty(&self) -> bool {
        self.by_name.is_empty()
    }
}

/// A record as the JSON value it is written as.
pub fn record_value(record: &Record) -> Value {
    serde_json::to_value(record).expect("records serialize")
}

/// Read JSON Lines of records (blank lines skipped). Errors name the line.
pub fn read_jsonl(reader: impl BufRead) -> Result<Vec<Value>, String> {
    let mut out = Vec::new();
    for (i, line) in reader.lines().enumerate() {
        let line = line.map_err(|e| e.to_string())?;
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(&line).map_err(|e| format!("line {}: {e}", i + 1))?;
        out.push(v);
    }
    Ok(out)
}

/// Score `preds` against every gold file; a gold file with no record is
/// scored against an empty prediction and listed in `files_missing`.
pub fn evaluate(golds: &[Gold], preds: &Predictions) -> Scores {
    let mut tallies = score::Tallies::default();
    let mut missing = Vec::new();
    let empty = Value::Object(Default::default());
    for gold in golds {
        let pred = match preds.get(&gold.file) {
            Some(p) => p,
            None => {
                missing.push(gold.file.clone());
                &empty
            }
        };
        score::score_file(pred, gold, &mut tallies);
    }
    Scores::from_tallies(tallies, missing)
}
