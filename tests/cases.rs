//! Runs the test tables `tests/cases/assignments.toml` (who leads and
//! supports an item) and `tests/cases/bodies.toml` (canonical body names
//! and levels) through the whole pipeline.

use kehoach::pipeline::{Engine, process_bytes};
use kehoach::record::PlanRecord;
use serde::Deserialize;

#[derive(Deserialize)]
struct Assignments {
    case: Vec<Assignment>,
}

#[derive(Deserialize)]
struct Assignment {
    text: String,
    line: Option<u32>,
    lead: Vec<String>,
    support: Vec<String>,
}

#[derive(Deserialize)]
struct Bodies {
    case: Vec<BodyCase>,
}

#[derive(Deserialize)]
struct BodyCase {
    text: String,
    name: String,
    level: String,
}

fn run(engine: &Engine, text: &str) -> PlanRecord {
    process_bytes("case.txt", text.as_bytes(), engine).expect("a record")
}

#[test]
fn assignment_table() {
    let engine = Engine::embedded().unwrap();
    let cases: Assignments =
        toml::from_str(include_str!("cases/assignments.toml")).expect("valid table");
    assert!(cases.case.len() >= 40);
    let mut failures = Vec::new();
    for c in &cases.case {
        // One heading line before the case: its lines shift by one.
        let rec = run(&engine, &format!("II. NHIỆM VỤ\n{}", c.text));
        let task = match c.line {
            Some(l) => rec.tasks.iter().find(|t| t.span.line == l + 1),
            None => rec.tasks.last(),
        };
        let got = task.map(|t| (t.lead.clone(), t.support.clone()));
        let want = (!c.lead.is_empty()).then(|| (c.lead.clone(), c.support.clone()));
        if got != want {
            failures.push(format!("{:?}\n  want {want:?}\n  got  {got:?}", c.text));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn body_table() {
    let engine = Engine::embedded().unwrap();
    let cases: Bodies = toml::from_str(include_str!("cases/bodies.toml")).expect("valid table");
    assert!(cases.case.len() >= 60);
    let mut failures = Vec::new();
    for c in &cases.case {
        let rec = run(
            &engine,
            &format!("II. NHIỆM VỤ\n1. {} chủ trì thực hiện nhiệm vụ.", c.text),
        );
        let lead = rec
            .tasks
            .first()
            .map(|t| t.lead.clone())
            .unwrap_or_default();
        let level = rec
            .bodies
            .iter()
            .find(|b| b.name == c.name)
            .map(|b| b.level.clone());
        if lead != [c.name.clone()] || level.as_deref() != Some(c.level.as_str()) {
            failures.push(format!(
                "{:?}: want {:?} ({}), got {lead:?} ({level:?})",
                c.text, c.name, c.level
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
