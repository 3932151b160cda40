//! `kehoach rules check`: passes on the shipped rules, and fails with a
//! `rules/FILE:LINE: ID: message` line on a broken rule file.

use std::path::Path;
use std::process::{Command, Output};

fn kehoach(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args(args)
        .output()
        .expect("run kehoach")
}

/// A rules directory holding one file `name` with `content`.
fn rules_dir(name: &str, content: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, content).unwrap();
    dir
}

fn check_dir(dir: &Path) -> (bool, String) {
    let out = kehoach(&["rules", "check", "--rules", dir.to_str().unwrap()]);
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn shipped_rules_pass() {
    let out = kehoach(&["rules", "check"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let (ok, err) = check_dir(&dir);
    assert!(ok, "{err}");
}

#[test]
fn embedded_rules_have_no_errors() {
    let set = kehoach::rules::RuleSet::embedded().unwrap();
    let errors = kehoach::rules::check(&set);
    assert!(
        errors.is_empty(),
        "{}",
        errors
            .iter()
            .map(|e| e.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn broken_regex_is_reported_with_its_place() {
    let dir = rules_dir(
        "citations/bad.toml",
        "# a comment\n\n[[rule]]\nid = \"citation.bad\"\npattern = '(?P<number>\\d+'\n[[rule.example]]\ntext = \"số 12\"\n",
    );
    let (ok, err) = check_dir(dir.path());
    assert!(!ok);
    assert!(
        err.contains("rules/citations/bad.toml:3: citation.bad: bad regex"),
        "{err}"
    );
}

#[test]
fn missing_id_is_reported_with_its_place() {
    let dir = rules_dir(
        "x.toml",
        "[[rule]]\nid = \"citation.ok\"\npattern = 'a'\n[[rule.example]]\ntext = \"a\"\n\n[[rule]]\npattern = 'b'\n[[rule.example]]\ntext = \"b\"\n",
    );
    let (ok, err) = check_dir(dir.path());
    assert!(!ok);
    assert!(err.contains("rules/x.toml:7: rule has no `id`"), "{err}");
}

#[test]
fn failing_example_is_reported_with_its_place() {
    let dir = rules_dir(
        "citations/numbers.toml",
        "[[rule]]\nid = \"citation.party\"\npattern = '(?P<number>\\d+-NQ/TW)'\n[[rule.example]]\ntext = \"Nghị quyết số 18-NQ/TW\"\nexpect = { number = \"18-NQ/TW\" }\n[[rule.example]]\ntext = \"Nghị quyết số 10/NQ-CP\"\n",
    );
    let (ok, err) = check_dir(dir.path());
    assert!(!ok);
    assert!(
        err.contains("rules/citations/numbers.toml:1: citation.party: example 2 does not match"),
        "{err}"
    );
}

#[test]
fn wrong_capture_and_counter_example_are_reported() {
    let dir = rules_dir(
        "plan.toml",
        "[[rule]]\nid = \"plan.number\"\npattern = 'Số: (?P<number>\\d+)'\ncounter_examples = [\"Số: 12\"]\n[[rule.example]]\ntext = \"Số: 56\"\nexpect = { number = \"57\" }\n",
    );
    let (ok, err) = check_dir(dir.path());
    assert!(!ok);
    assert!(
        err.contains("rules/plan.toml:1: plan.number: example 1 matches with other captures"),
        "{err}"
    );
    assert!(
        err.contains("rules/plan.toml:1: plan.number: counter-example matches"),
        "{err}"
    );
}
