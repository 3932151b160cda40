//! Quotas and deadlines end to end: the rule examples, the plan excerpts of
//! `tests/fixtures/plans/` (with their `.expect.toml`), the seed plan 000's
//! yearly staffing series and its arithmetic check.

mod case_runner;

use kehoach::pipeline::{Engine, process_bytes};
use kehoach::record::PlanRecord;
use kehoach::rules::RuleSet;

fn manifest(path: &str) -> String {
    format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))
}

fn extract(text: &str) -> PlanRecord {
    let engine = Engine::embedded().expect("rules compile");
    process_bytes("plan.txt", text.as_bytes(), &engine).expect("process")
}

#[test]
fn every_rule_example_holds() {
    let set = RuleSet::embedded().expect("rules compile");
    let errors = kehoach::rules::check(&set);
    let shown: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{}", shown.join("\n"));
}

#[test]
fn plan_fixtures() {
    let dir = manifest("tests/fixtures/plans");
    let mut failures = Vec::new();
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let expect_path = path.with_extension("expect.toml");
        if !expect_path.exists() {
            continue; // a fixture of another suite (tests/plans.rs, tests/task_plans.rs)
        }
        let expect: toml::Value =
            toml::from_str(&std::fs::read_to_string(&expect_path).unwrap()).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let json = serde_json::to_value(extract(&text)).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        for section in ["quotas", "deadlines"] {
            case_runner::check(&name, &json, &expect, section, &mut failures);
        }
        let arithmetic = json["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|w| w["code"] == "quota-arithmetic")
            .count();
        if arithmetic > 0 {
            failures.push(format!("{name}: unexpected quota-arithmetic warning"));
        }
        n += 1;
    }
    assert!(n >= 3, "only {n} fixtures");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

const SEED_000: &str = "corpus/000_3b0880109bfb296f.txt";

#[test]
fn seed_000_staffing_series() {
    let text = std::fs::read_to_string(manifest(SEED_000)).unwrap();
    let rec = extract(&text);
    let series: Vec<_> = rec
        .quotas
        .iter()
        .filter(|q| (40..=53).contains(&q.span.line))
        .collect();
    assert_eq!(series.len(), 24, "{series:#?}");
    for q in &series {
        let line = q.span.line as i32;
        let first = if line >= 50 {
            50
        } else if line >= 45 {
            45
        } else {
            40
        };
        let year = 2023 + (line - first);
        assert_eq!(q.by.as_deref(), Some(year.to_string().as_str()), "{q:?}");
        assert_eq!(q.metric, "biên chế");
        assert_eq!(q.unit, "count");
        match q.direction.as_str() {
            "target" => assert_eq!(q.baseline, None),
            "decrease" => {
                assert_eq!(q.baseline.as_deref(), Some((year - 1).to_string().as_str()))
            }
            other => panic!("unexpected direction {other}"),
        }
    }
    let targets: Vec<f64> = series
        .iter()
        .filter(|q| q.direction == "target")
        .map(|q| q.value)
        .collect();
    assert_eq!(
        targets,
        [
            1643.0, 1627.0, 1608.0, 1571.0, 11531.0, 11297.0, 11062.0, 10587.0, 1371.0, 1362.0,
            1347.0, 1317.0
        ]
    );
    assert!(
        !rec.warnings.iter().any(|w| w.code == "quota-arithmetic"),
        "{:?}",
        rec.warnings
    );
}

#[test]
fn seed_000_changed_figure_warns() {
    let text = std::fs::read_to_string(manifest(SEED_000)).unwrap();
    assert!(text.contains("1.627 biên chế"));
    let changed = text.replace("1.627 biên chế", "1.628 biên chế");
    let rec = extract(&changed);
    let warnings: Vec<_> = rec
        .warnings
        .iter()
        .filter(|w| w.code == "quota-arithmetic")
        .collect();
    // 1.643 − 1.628 = 15 (stated 16) and 1.628 − 1.608 = 20 (stated 19).
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    let lines: Vec<u32> = warnings
        .iter()
        .filter_map(|w| w.span.map(|s| s.line))
        .collect();
    assert_eq!(lines, [41, 42]);
}

#[test]
fn share_and_gloss_checked() {
    let rec = extract(
        "- Cấp tỉnh: Giảm 07/162 phòng chuyên môn (tỷ lệ giảm: 4,3%); giảm 01/04 đơn vị sự nghiệp (tỷ lệ giảm: 25,0%).",
    );
    assert!(rec.warnings.is_empty(), "{:?}", rec.warnings);
    let rec = extract("- Cấp tỉnh: Giảm 07/162 phòng chuyên môn (tỷ lệ giảm: 4,9%).");
    assert_eq!(rec.warnings.len(), 1, "{:?}", rec.warnings);
    assert_eq!(rec.warnings[0].code, "quota-arithmetic");
}
