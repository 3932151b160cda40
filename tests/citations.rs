//! Runs the citation table `tests/cases/citations.toml`: each case's text
//! is processed as a document and its citations compared with the
//! expectations (see the file's header for the format).

use std::collections::BTreeMap;

use kehoach::pipeline::{Engine, process_bytes};
use kehoach::record::Citation;
use serde::Deserialize;

#[derive(Deserialize)]
struct Cases {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    text: String,
    #[serde(default)]
    partial: bool,
    #[serde(default)]
    warnings: Vec<String>,
    #[serde(default)]
    expect: Vec<BTreeMap<String, toml::Value>>,
}

/// The value of field `name` of `c` as the table writes it ("-" = null).
fn field(c: &Citation, name: &str) -> Option<String> {
    let opt = |o: &Option<String>| o.clone().unwrap_or_else(|| "-".into());
    Some(match name {
        "number" => c.number.clone(),
        "doc_type" => c.doc_type.clone(),
        "date" => opt(&c.date),
        "issuer" => opt(&c.issuer),
        "level" => c.level.clone(),
        "relation" => c.relation.clone(),
        "key" => c.key.clone(),
        "mentions" => c.mentions.len().to_string(),
        _ => return None,
    })
}

fn value(v: &toml::Value) -> String {
    match v {
        toml::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[test]
fn citation_table() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases/citations.toml");
    let cases: Cases = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert!(cases.case.len() >= 60, "the table holds at least 60 cases");
    let engine = Engine::embedded().unwrap();
    let mut failures = Vec::new();
    for (i, case) in cases.case.iter().enumerate() {
        let rec = process_bytes("case.txt", case.text.as_bytes(), &engine).unwrap();
        let got: Vec<&Citation> = rec.citations.iter().collect();
        let mut problems = Vec::new();
        for exp in &case.expect {
            let number = exp.get("number").map(value).unwrap_or_default();
            let Some(c) = got.iter().find(|c| c.number == number) else {
                problems.push(format!("missing {number}"));
                continue;
            };
            for (k, v) in exp {
                let want = value(v);
                match field(c, k) {
                    Some(have) if have == want => {}
                    Some(have) => problems.push(format!("{number}.{k} = {have:?}, want {want:?}")),
                    None => problems.push(format!("unknown field {k}")),
                }
            }
        }
        if !case.partial {
            for c in &got {
                if !case
                    .expect
                    .iter()
                    .any(|e| e.get("number").map(value).as_deref() == Some(&c.number))
                {
                    problems.push(format!("spurious {}", c.number));
                }
            }
        }
        for w in &case.warnings {
            if !rec.warnings.iter().any(|x| &x.code == w) {
                problems.push(format!("no warning {w}"));
            }
        }
        if !problems.is_empty() {
            failures.push(format!(
                "case {} {:?}: {}",
                i + 1,
                case.text,
                problems.join("; ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
