//! Shared runner for the data-driven case tables in `tests/cases/*.toml`
//! (quotas, deadlines): each `[[case]]` has a `name`, a plan `text` and the
//! items expected in text order, each an inline table of the fields to check
//! (others are not checked). The string "null" stands for JSON null.
//! `warnings = ["code", …]` lists warning codes that must be present.

#![allow(dead_code)] // each test crate uses part of the runner

use kehoach::pipeline::{Engine, process_bytes};
use serde_json::Value;

/// Does `got` (a JSON value of the record) match `want` (a TOML value)?
fn same(got: &Value, want: &toml::Value) -> bool {
    match want {
        toml::Value::String(s) if s == "null" => got.is_null(),
        toml::Value::String(s) => got.as_str() == Some(s.as_str()),
        toml::Value::Integer(i) => got.as_f64() == Some(*i as f64),
        toml::Value::Float(f) => got.as_f64().is_some_and(|g| (g - f).abs() < 1e-9),
        toml::Value::Boolean(b) => got.as_bool() == Some(*b),
        _ => false,
    }
}

/// Compare `section` of the record `json` with the expectations of `case`
/// (its array `section`, its `warnings`); failures are appended.
pub fn check(
    name: &str,
    json: &Value,
    case: &toml::Value,
    section: &str,
    failures: &mut Vec<String>,
) {
    let got = json[section].as_array().cloned().unwrap_or_default();
    let want = case
        .get(section)
        .and_then(|v| v.as_array())
        .cloned()
        .unwrap_or_default();
    let show = |items: &[Value]| {
        items
            .iter()
            .map(|i| {
                let mut i = i.clone();
                if let Some(o) = i.as_object_mut() {
                    o.remove("span");
                    o.remove("subject");
                }
                i.to_string()
            })
            .collect::<Vec<_>>()
            .join("\n      ")
    };
    if got.len() != want.len() {
        failures.push(format!(
            "{name}: expected {} {section}, got {}:\n      {}",
            want.len(),
            got.len(),
            show(&got)
        ));
        return;
    }
    for (i, (g, w)) in got.iter().zip(&want).enumerate() {
        for (key, value) in w.as_table().expect("inline table") {
            let actual = if key == "line" {
                g["span"]["line"].clone()
            } else {
                g[key.as_str()].clone()
            };
            if !same(&actual, value) {
                failures.push(format!(
                    "{name}: {section} item {i}: {key} = {actual}, expected {value}\n      {}",
                    show(&got)
                ));
            }
        }
    }
    if let Some(codes) = case.get("warnings").and_then(|v| v.as_array()) {
        for code in codes {
            let code = code.as_str().expect("warning code");
            let present = json["warnings"]
                .as_array()
                .is_some_and(|ws| ws.iter().any(|w| w["code"] == code));
            if !present {
                failures.push(format!("{name}: no warning {code}"));
            }
        }
    }
}

/// Run every case of `file` (a path under tests/cases/) against `section`
/// ("quotas" or "deadlines") of the record; panics with every failure.
pub fn run(file: &str, section: &str) -> usize {
    let path = format!("{}/tests/cases/{file}", env!("CARGO_MANIFEST_DIR"));
    let data = std::fs::read_to_string(&path).expect("case file");
    let table: toml::Table = toml::from_str(&data).expect("valid TOML");
    let cases = table["case"].as_array().expect("[[case]]");
    let engine = Engine::embedded().expect("rules compile");
    let mut failures = Vec::new();
    let mut names = std::collections::HashSet::new();
    for case in cases {
        let name = case["name"].as_str().expect("name");
        assert!(names.insert(name.to_string()), "duplicate case name {name}");
        let text = case["text"].as_str().expect("text");
        let rec = process_bytes("case.txt", text.as_bytes(), &engine).expect("process");
        let json = serde_json::to_value(&rec).expect("json");
        check(
            &format!("{file}/{name}"),
            &json,
            case,
            section,
            &mut failures,
        );
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    cases.len()
}
