//! What changed, item by item, between two runs (a baseline record set and
//! the current one): the per-edit report of a rule maintainer.
//!
//! Records are paired by `source.path`; items by a stable key per section:
//! citations by number, quotas by (line, value, unit, direction), deadlines
//! by (line, kind), tasks by (line, section), bodies by name, plan fields by
//! name. Items with the same key pair up in order; the rest are gained or
//! lost. A paired item whose other fields differ is *changed*, with each
//! field shown old → new.
//!
//! What this module does not do: judge whether a change is right (that is
//! the scorer's job, against gold).

use std::collections::HashMap;
use std::fmt::Write as _;

use serde::Serialize;
use serde_json::Value;

use super::py::{get, num_key, py_float, py_iter, span_line};
use super::{is_plan, record_path};

/// An item present on one side only.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    /// Its key, as shown ("L19 7 count decrease", "18-NQ/TW").
    pub key: String,
    /// Rule id(s) that produced it.
    pub rule: Option<String>,
    /// Its quoted text; for citations their mentions, for bodies their
    /// roles.
    pub text: Option<String>,
}

/// One field that changed on a paired item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    /// Field name.
    pub field: String,
    /// Value in the baseline (compact JSON).
    pub old: String,
    /// Value now.
    pub new: String,
}

/// A paired item whose fields changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// The item's key.
    pub key: String,
    /// What changed.
    pub fields: Vec<FieldChange>,
}

/// Changes in one section of one file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionDiff {
    /// `citations`, `quotas`, `deadlines`, `tasks`, `bodies` or `plan`.
    pub section: String,
    /// Items only in the current run.
    pub gained: Vec<Item>,
    /// Items only in the baseline.
    pub lost: Vec<Item>,
    /// Items in both whose fields differ.
    pub changed: Vec<Change>,
}

/// Changes in one file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FileDiff {
    /// `source.path`.
    pub path: String,
    /// `changed`, `added` (no baseline record) or `removed` (no current
    /// record).
    pub status: String,
    /// Sections with at least one change.
    pub sections: Vec<SectionDiff>,
}

/// The whole comparison.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RecordDiff {
    /// Files with changes.
    pub files: Vec<FileDiff>,
    /// Files present on both sides with no change.
    pub unchanged: usize,
}

const SECTIONS: [&str; 5] = ["citations", "quotas", "deadlines", "tasks", "bodies"];

fn path_key(record: &Value) -> Option<String> {
    let p = record_path(record)?;
    Some(p.strip_prefix("./").unwrap_or(p).to_string())
}

/// Plan records by path (a later record for a path replaces an earlier one).
fn plans(records: &[Value]) -> HashMap<String, &Value> {
    records
        .iter()
        .filter(|r| is_plan(r))
        .filter_map(|r| Some((path_key(r)?, r)))
        .collect()
}

/// Compare two record sets.
pub fn diff(baseline: &[Value], current: &[Value]) -> RecordDiff {
    let (old, new) = (plans(baseline), plans(current));
    let mut paths: Vec<&String> = old.keys().chain(new.keys()).collect();
    paths.sort();
    paths.dedup();
    let empty = Value::Object(Default::default());
    let mut out = RecordDiff::default();
    for path in paths {
        let (o, n) = (old.get(path).copied(), new.get(path).copied());
        let status = match (o, n) {
            (Some(_), Some(_)) => "changed",
            (None, _) => "added",
            (_, None) => "removed",
        };
        let (o, n) = (o.unwrap_or(&empty), n.unwrap_or(&empty));
        let mut sections: Vec<SectionDiff> = SECTIONS
            .iter()
            .map(|s| section_diff(s, &py_iter(get(o, s)), &py_iter(get(n, s))))
            .filter(|d| !(d.gained.is_empty() && d.lost.is_empty() && d.changed.is_empty()))
            .collect();
        let plan_fields = fields_changed("plan", get(o, "plan"), get(n, "plan"));
        if !plan_fields.is_empty() {
            sections.push(SectionDiff {
                section: "plan".into(),
                gained: Vec::new(),
                lost: Vec::new(),
                changed: vec![Change {
                    key: "plan".into(),
                    fields: plan_fields,
                }],
            });
        }
        if sections.is_empty() && status == "changed" {
            out.unchanged += 1;
        } else {
            out.files.push(FileDiff {
                path: path.clone(),
                status: status.into(),
                sections,
            });
        }
    }
    out
}

fn line_of(item: &Value) -> String {
    match span_line(item) {
        Value::Null => "L?".into(),
        v => format!("L{v}"),
    }
}

fn text_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "?".into(),
        v => v.to_string(),
    }
}

/// The stable key of an item (for pairing) and how it is shown.
fn key(section: &str, item: &Value) -> (String, String) {
    match section {
        "citations" => (num_key(get(item, "number")), text_of(get(item, "number"))),
        "quotas" => {
            let value = py_float(get(item, "value"))
                .map_or_else(|| text_of(get(item, "value")), |v| format!("{v}"));
            let k = format!(
                "{} {} {} {}",
                line_of(item),
                text_of(get(item, "direction")),
                value,
                text_of(get(item, "unit"))
            );
            (k.clone(), k)
        }
        "deadlines" => {
            let k = format!("{} {}", line_of(item), text_of(get(item, "kind")));
            (k.clone(), k)
        }
        "tasks" => {
            let k = format!("{} {}", line_of(item), text_of(get(item, "section")));
            (k.clone(), k)
        }
        _ => {
            let k = text_of(get(item, "name"));
            (k.clone(), k)
        }
    }
}

fn item(section: &str, v: &Value) -> Item {
    let rule = match section {
        "citations" => {
            let mut rules: Vec<String> = py_iter(get(v, "mentions"))
                .iter()
                .filter_map(|m| get(m, "rule").as_str().map(String::from))
                .collect();
            rules.dedup();
            (!rules.is_empty()).then(|| rules.join(","))
        }
        _ => get(v, "rule").as_str().map(String::from),
    };
    let text = match section {
        "citations" => Some(mentions_summary(get(v, "mentions"))),
        "bodies" => Some(format!("roles={}", get(v, "roles"))),
        _ => get(v, "text")
            .as_str()
            .filter(|t| !t.is_empty())
            .map(|t| format!("{t:?}")),
    };
    Item {
        key: key(section, v).1,
        rule,
        text,
    }
}

fn mentions_summary(v: &Value) -> String {
    let parts: Vec<String> = py_iter(v)
        .iter()
        .map(|m| format!("{} {}", line_of(m), text_of(get(m, "rule"))))
        .collect();
    format!("[{}]", parts.join(", "))
}

/// How a field value is shown in a change.
fn show(field: &str, v: &Value) -> String {
    let s = match (field, v) {
        ("mentions", _) => mentions_summary(v),
        ("span", Value::Object(_)) => format!(
            "{} {}..{}",
            line_of(&serde_json::json!({ "span": v })),
            get(v, "start"),
            get(v, "end")
        ),
        _ => v.to_string(),
    };
    if s.chars().count() > 120 {
        let cut: String = s.chars().take(117).collect();
        format!("{cut}...")
    } else {
        s
    }
}

fn fields_changed(_section: &str, old: &Value, new: &Value) -> Vec<FieldChange> {
    let empty = serde_json::Map::new();
    let o = old.as_object().unwrap_or(&empty);
    let n = new.as_object().unwrap_or(&empty);
    let mut names: Vec<&String> = o.keys().collect();
    names.extend(n.keys().filter(|k| !o.contains_key(*k)));
    names
        .into_iter()
        .filter_map(|f| {
            let (a, b) = (get(old, f), get(new, f));
            (a != b).then(|| FieldChange {
                field: f.clone(),
                old: show(f, a),
                new: show(f, b),
            })
        })
        .collect()
}

fn section_diff(section: &str, old: &[Value], new: &[Value]) -> SectionDiff {
    let old_keys: Vec<String> = old.iter().map(|v| key(section, v).0).collect();
    let new_keys: Vec<String> = new.iter().map(|v| key(section, v).0).collect();
    // pair[j] = index of the baseline item paired with new[j]. Identical
    // items pair first, so removing one of two items with the same key
    // reports that one as lost, not its twin as changed.
    let mut pair: Vec<Option<usize>> = vec![None; new.len()];
    let mut taken = vec![false; old.len()];
    for exact in [true, false] {
        for (j, n) in new.iter().enumerate() {
            if pair[j].is_some() {
                continue;
            }
            pair[j] = (0..old.len())
                .find(|&i| !taken[i] && old_keys[i] == new_keys[j] && (!exact || &old[i] == n));
            if let Some(i) = pair[j] {
                taken[i] = true;
            }
        }
    }
    let mut d = SectionDiff {
        section: section.into(),
        gained: Vec::new(),
        lost: Vec::new(),
        changed: Vec::new(),
    };
    for (j, n) in new.iter().enumerate() {
        match pair[j] {
            Some(i) => {
                let fields = fields_changed(section, &old[i], n);
                if !fields.is_empty() {
                    d.changed.push(Change {
                        key: key(section, n).1,
                        fields,
                    });
                }
            }
            None => d.gained.push(item(section, n)),
        }
    }
    d.lost = (0..old.len())
        .filter(|&i| !taken[i])
        .map(|i| item(section, &old[i]))
        .collect();
    d
}

impl RecordDiff {
    /// Totals: (gained, lost, changed) items.
    pub fn totals(&self) -> (usize, usize, usize) {
        let mut t = (0, 0, 0);
        for s in self.files.iter().flat_map(|f| &f.sections) {
            t.0 += s.gained.len();
            t.1 += s.lost.len();
            t.2 += s.changed.len();
        }
        t
    }

    /// The report: per file, per section, `+` gained, `-` lost, `~` changed
    /// (with each field old → new), then the totals.
    pub fn render(&self) -> String {
        let mut s = String::new();
        for f in &self.files {
            let note = match f.status.as_str() {
                "added" => " (no baseline record)",
                "removed" => " (no current record)",
                _ => "",
            };
            let _ = writeln!(s, "{}{note}", f.path);
            for sec in &f.sections {
                let _ = writeln!(
                    s,
                    "  {}: {} gained, {} lost, {} changed",
                    sec.section,
                    sec.gained.len(),
                    sec.lost.len(),
                    sec.changed.len()
                );
                for (sign, items) in [('+', &sec.gained), ('-', &sec.lost)] {
                    for i in items {
                        let rule = i
                            .rule
                            .as_deref()
                            .map_or(String::new(), |r| format!(" [{r}]"));
                        let text = i.text.as_deref().map_or(String::new(), |t| format!(" {t}"));
                        let _ = writeln!(s, "    {sign} {}{rule}{text}", i.key);
                    }
                }
                for c in &sec.changed {
                    let _ = writeln!(s, "    ~ {}", c.key);
                    for fc in &c.fields {
                        let _ = writeln!(s, "        {}: {} -> {}", fc.field, fc.old, fc.new);
                    }
                }
            }
        }
        let (g, l, c) = self.totals();
        let _ = writeln!(
            s,
            "total: {g} gained, {l} lost, {c} changed in {} file(s); {} file(s) unchanged",
            self.files.len(),
            self.unchanged
        );
        s
    }
}
