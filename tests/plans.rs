//! Whole plans: the fixture plans of `tests/fixtures/plans/` against
//! `expected.toml`, and the seeds of `corpus/` against the `plan` and
//! `citations` of their gold files in `tests/gold/`.

use std::collections::BTreeMap;
use std::path::Path;

use kehoach::pipeline::{Engine, process_bytes};
use kehoach::record::{Citation, Plan, PlanRecord};
use serde::Deserialize;

type Fields = BTreeMap<String, toml::Value>;

#[derive(Deserialize)]
struct Expected {
    file: Vec<FileCase>,
}

#[derive(Deserialize)]
struct FileCase {
    name: String,
    plan: Fields,
    #[serde(default)]
    citation: Vec<Fields>,
    #[serde(default)]
    warnings: Vec<String>,
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn process(path: &Path) -> PlanRecord {
    let engine = Engine::embedded().unwrap();
    let bytes = std::fs::read(path).unwrap();
    process_bytes(&path.display().to_string(), &bytes, &engine).unwrap()
}

/// The plan as table values ("-" = null; lists as TOML arrays).
fn plan_value(p: &Plan, name: &str) -> Option<toml::Value> {
    let s = |o: &Option<String>| toml::Value::String(o.clone().unwrap_or_else(|| "-".into()));
    Some(match name {
        "doc_type" => s(&p.doc_type),
        "number" => s(&p.number),
        "issuer" => s(&p.issuer),
        "province" => s(&p.province),
        "date" => s(&p.date),
        "title" => s(&p.title),
        "signer" => s(&p.signer),
        "draft" => toml::Value::Boolean(p.draft),
        "implements" => toml::Value::Array(
            p.implements
                .iter()
                .map(|n| toml::Value::String(n.clone()))
                .collect(),
        ),
        _ => return None,
    })
}

fn citation_value(c: &Citation, name: &str) -> Option<toml::Value> {
    let s = |o: &Option<String>| toml::Value::String(o.clone().unwrap_or_else(|| "-".into()));
    Some(match name {
        "number" => toml::Value::String(c.number.clone()),
        "doc_type" => toml::Value::String(c.doc_type.clone()),
        "date" => s(&c.date),
        "issuer" => s(&c.issuer),
        "level" => toml::Value::String(c.level.clone()),
        "relation" => toml::Value::String(c.relation.clone()),
        "key" => toml::Value::String(c.key.clone()),
        "mentions" => toml::Value::Integer(c.mentions.len() as i64),
        _ => return None,
    })
}

#[test]
fn fixture_plans() {
    let dir = root().join("tests/fixtures/plans");
    let expected: Expected =
        toml::from_str(&std::fs::read_to_string(dir.join("expected.toml")).unwrap()).unwrap();
    let mut failures = Vec::new();
    for f in &expected.file {
        let rec = process(&dir.join(&f.name));
        for (k, want) in &f.plan {
            let have = plan_value(&rec.plan, k);
            if have.as_ref() != Some(want) {
                failures.push(format!("{}: plan.{k} = {have:?}, want {want:?}", f.name));
            }
        }
        for exp in &f.citation {
            let number = exp["number"].as_str().unwrap_or_default();
            let Some(c) = rec.citations.iter().find(|c| c.number == number) else {
                failures.push(format!("{}: missing citation {number}", f.name));
                continue;
            };
            for (k, want) in exp {
                let have = citation_value(c, k);
                if have.as_ref() != Some(want) {
                    failures.push(format!(
                        "{}: {number}.{k} = {have:?}, want {want:?}",
                        f.name
                    ));
                }
            }
        }
        for c in &rec.citations {
            if !f
                .citation
                .iter()
                .any(|e| e["number"].as_str() == Some(&c.number))
            {
                failures.push(format!("{}: spurious citation {}", f.name, c.number));
            }
        }
        for w in &f.warnings {
            if !rec.warnings.iter().any(|x| &x.code == w) {
                failures.push(format!("{}: no warning {w}", f.name));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A value compared as scorers do: case and tone placement ignored
/// ("KHOÁ" = "khóa").
fn loose(v: &serde_json::Value) -> String {
    use unicode_normalization::UnicodeNormalization;
    match v.as_str() {
        Some(s) => s
            .nfd()
            .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
            .flat_map(char::to_lowercase)
            .collect(),
        None => v.to_string(),
    }
}

/// Seeds against gold: every plan field and every citation with its
/// doc type, date, level, relation and issuer (containment, as scorers do).
#[test]
fn seeds_match_gold() {
    let mut failures = Vec::new();
    for entry in std::fs::read_dir(root().join("tests/gold")).unwrap() {
        let gold_path = entry.unwrap().path();
        if gold_path.extension().is_none_or(|e| e != "json") {
            continue; // thresholds.toml (the quality gate) lives here too
        }
        let gold: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&gold_path).unwrap()).unwrap();
        let stem = gold_path
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let rec = process(&root().join("corpus").join(format!("{stem}.txt")));
        let plan = serde_json::to_value(&rec.plan).unwrap();
        for (k, want) in gold["plan"].as_object().unwrap() {
            if k == "implements" {
                let mut a: Vec<String> = serde_json::from_value(want.clone()).unwrap();
                let mut b = rec.plan.implements.clone();
                a.sort();
                b.sort();
                if a != b {
                    failures.push(format!("{stem}: plan.implements = {b:?}, want {a:?}"));
                }
            } else if loose(&plan[k]) != loose(want) {
                failures.push(format!("{stem}: plan.{k} = {}, want {want}", plan[k]));
            }
        }
        let gold_cites = gold["citations"].as_array().unwrap();
        for g in gold_cites {
            let number = g["number"].as_str().unwrap();
            let Some(c) = rec.citations.iter().find(|c| c.number == number) else {
                failures.push(format!("{stem}: missing citation {number}"));
                continue;
            };
            let c = serde_json::to_value(c).unwrap();
            for k in ["doc_type", "date", "level", "relation"] {
                if c[k] != g[k] {
                    failures.push(format!("{stem}: {number}.{k} = {}, want {}", c[k], g[k]));
                }
            }
            let (gi, ci) = (g["issuer"].as_str(), c["issuer"].as_str());
            if !matches!((gi, ci), (None, None))
                && !matches!((gi, ci), (Some(a), Some(b)) if a.contains(b) || b.contains(a))
            {
                failures.push(format!("{stem}: {number}.issuer = {ci:?}, want {gi:?}"));
            }
            let mut lines: Vec<u64> = c["mentions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| m["span"]["line"].as_u64().unwrap())
                .collect();
            lines.dedup();
            let want: Vec<u64> = serde_json::from_value(g["lines"].clone()).unwrap();
            if lines != want {
                failures.push(format!(
                    "{stem}: {number} mention lines {lines:?}, want {want:?}"
                ));
            }
        }
        for c in &rec.citations {
            if !gold_cites
                .iter()
                .any(|g| g["number"].as_str() == Some(&c.number))
            {
                failures.push(format!("{stem}: spurious citation {}", c.number));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn report_sections_have_no_tasks() {
    let text = "I. KẾT QUẢ THỰC HIỆN NĂM 2024\n1. Các sở, ban, ngành triển khai tốt việc sắp xếp bộ máy.\nII. NHIỆM VỤ, GIẢI PHÁP NĂM 2025\n1. Các sở, ban, ngành tiếp tục rà soát, sắp xếp bộ máy.\n";
    let rec = process_bytes("r.txt", text.as_bytes(), &Engine::embedded().unwrap()).unwrap();
    let lines: Vec<u32> = rec.tasks.iter().map(|t| t.span.line).collect();
    assert_eq!(lines, [4]);
}
