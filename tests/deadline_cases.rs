//! Runs the deadline case table `tests/cases/deadlines.toml`.

mod case_runner;

#[test]
fn deadline_cases() {
    let n = case_runner::run("deadlines.toml", "deadlines");
    assert!(n >= 80, "only {n} deadline cases");
}
