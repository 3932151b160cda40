//! The quality gate: the pipeline on `corpus/`, scored against
//! `tests/gold/`, may not fall below `tests/gold/thresholds.toml`, and on
//! the held-out plans `tests/heldout/plans/` against `tests/heldout/gold/`
//! not below `tests/heldout/thresholds.toml` (ratchets: raise the numbers
//! as quality improves, never lower them).
//!
//! Run `cargo test --test quality -- --nocapture` to see the current scores.

use std::path::PathBuf;

use kehoach::batch::{self, Selection};
use kehoach::eval::{self, Gold, Predictions, Scores, Thresholds};
use kehoach::pipeline::{self, Engine};
use kehoach::record::{PlanRecord, Record};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn golds() -> Vec<Gold> {
    golds_in("tests/gold")
}

fn golds_in(dir: &str) -> Vec<Gold> {
    eval::gold::load_dir(&root().join(dir)).expect("gold files load")
}

fn thresholds_in(file: &str) -> Thresholds {
    let text = std::fs::read_to_string(root().join(file)).expect("thresholds file exists");
    Thresholds::from_toml(&text).expect("thresholds file parses")
}

/// The pipeline (embedded rules) on every plan under `plans`, scored
/// against the gold files in `gold`.
fn current_scores(plans: &str, gold: &str) -> Scores {
    let engine = Engine::embedded().expect("rules compile");
    let inputs = batch::collect_inputs(&[root().join(plans)], &Selection::default());
    assert!(!inputs.is_empty(), "{plans} has plans");
    let mut preds = Predictions::default();
    for input in &inputs {
        let record = pipeline::process_path(&input.path, &input.display, &engine);
        assert!(record.is_plan(), "{}: {record:?}", input.display);
        preds.insert(eval::record_value(&record));
    }
    let golds = golds_in(gold);
    let scores = eval::evaluate(&golds, &preds);
    assert!(
        scores.files_missing.is_empty(),
        "gold files with no plan: {:?}",
        scores.files_missing
    );
    scores
}

/// Fail, naming what dropped, when `scores` fall below `file`.
fn gate(scores: &Scores, file: &str, rerun: &str) {
    let table = scores.render(false);
    println!("current scores ({file}):\n{table}");
    let failures = scores.check(&thresholds_in(file));
    if !failures.is_empty() {
        let what: Vec<String> = failures.iter().map(|f| format!("  {f}")).collect();
        panic!(
            "quality dropped below {file}:\n{}\n\ncurrent scores:\n{table}\n\
             See what was lost with `{rerun} -v` (or `kehoach eval --diff BASELINE.jsonl …` \
             against a run before the change). Fix the regression; do not lower the thresholds.",
            what.join("\n")
        );
    }
}

fn score(records: Vec<PlanRecord>) -> Scores {
    let mut preds = Predictions::default();
    for r in records {
        preds.insert(eval::record_value(&Record::Plan(Box::new(r))));
    }
    eval::evaluate(&golds(), &preds)
}

#[test]
fn seeds_do_not_fall_below_the_recorded_thresholds() {
    let scores = current_scores("corpus", "tests/gold");
    gate(
        &scores,
        "tests/gold/thresholds.toml",
        "kehoach eval --gold tests/gold corpus/",
    );
}

#[test]
fn heldout_plans_do_not_fall_below_their_thresholds() {
    let scores = current_scores("tests/heldout/plans", "tests/heldout/gold");
    assert_eq!(
        golds_in("tests/heldout/gold").len(),
        6,
        "every held-out plan has its gold"
    );
    gate(
        &scores,
        "tests/heldout/thresholds.toml",
        "kehoach eval --gold tests/heldout/gold tests/heldout/plans",
    );
}

#[test]
fn thresholds_name_every_section_plan_and_macro() {
    for file in [
        "tests/gold/thresholds.toml",
        "tests/heldout/thresholds.toml",
    ] {
        let t = thresholds_in(file);
        for target in eval::report::TARGETS {
            assert!(
                t.0.iter().any(|(name, _)| name == target),
                "{file} has no {target}"
            );
        }
    }
}

#[test]
fn the_gate_bites_on_a_degraded_record_set() {
    let golds = golds();
    let perfect = eval::synth::records(&golds, "corpus", 0);
    let best = score(perfect.clone());
    assert_eq!(best.macro_f1, 1.0);
    let gate = Thresholds::from_scores(&best);
    assert!(
        best.check(&gate).is_empty(),
        "a record set passes its own scores"
    );

    // Remove one task and one body from every file: only tasks and bodies
    // (and the macro F1) drop, and the gate names exactly those.
    let mut worse = perfect.clone();
    for r in &mut worse {
        r.tasks.pop();
        r.bodies.pop();
    }
    let failed: Vec<String> = score(worse)
        .check(&gate)
        .into_iter()
        .map(|f| f.target)
        .collect();
    assert_eq!(failed, ["tasks", "bodies", "macro"]);

    // A wrong plan field fails plan accuracy only.
    let mut worse = perfect.clone();
    worse[0].plan.signer = Some("Nobody".into());
    let failures = score(worse).check(&gate);
    assert_eq!(failures.len(), 1);
    assert_eq!(
        failures[0].to_string(),
        "plan accuracy 0.978 is below 1.000"
    );

    // Every synthetic degradation fails the perfect gate somewhere.
    for seed in 1..=3 {
        let s = score(eval::synth::records(&golds, "corpus", seed));
        assert!(!s.check(&gate).is_empty(), "seed {seed}");
    }
}
