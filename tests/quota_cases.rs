//! Runs the quota case table `tests/cases/quotas.toml`.

mod case_runner;

#[test]
fn quota_cases() {
    let n = case_runner::run("quotas.toml", "quotas");
    assert!(n >= 80, "only {n} quota cases");
}
