//! `kehoach eval` and `kehoach explain` end to end (the binary, in a temp
//! directory where files are written).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use kehoach::eval;
use kehoach::record::{Citation, PlanRecord, Record};
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn kehoach(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("kehoach runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const FX_GOLD: &str = "tests/fixtures/eval/gold";
const FX_PRED: &str = "tests/fixtures/eval/pred.jsonl";

#[test]
fn eval_json_and_table() {
    let o = kehoach(&["eval", "--gold", FX_GOLD, FX_PRED, "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["macro_f1"], 0.652);
    assert_eq!(v["plan_accuracy"], 0.778);
    assert_eq!(v["quotas"]["f1"], 0.857);
    assert_eq!(v["files_missing"][0], "b.txt");

    let o = kehoach(&["eval", "--gold", FX_GOLD, FX_PRED, "-v"]);
    let out = stdout(&o);
    assert!(out.contains("macro_f1=0.652 plan_accuracy=0.778"), "{out}");
    assert!(
        out.contains("a.txt:41: missed deadline recurring until --11-30"),
        "{out}"
    );
    assert!(
        out.contains("a.txt:60: spurious citation 99/QĐ-UBND"),
        "{out}"
    );
    assert!(
        out.contains("a.txt:70: spurious quota increase 12.0 count"),
        "{out}"
    );
    assert!(
        !out.contains("a.txt:5: missed"),
        "27/NQ-TW is accepted as 27-NQ/TW"
    );
}

#[test]
fn records_can_come_from_stdin() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args(["eval", "--gold", FX_GOLD, "-", "--json"])
        .current_dir(root())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("kehoach runs");
    let records = std::fs::read(root().join(FX_PRED)).unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), &records).unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["macro_f1"], 0.652, "the same figures as from the file");
}

#[test]
fn min_f1_exits_1_naming_what_failed() {
    let o = kehoach(&[
        "eval",
        "--gold",
        FX_GOLD,
        FX_PRED,
        "--min-f1",
        "citations=0.9,plan=0.5",
        "--min-f1",
        "macro=0.7",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("citations F1 0.667 is below 0.900"), "{err}");
    assert!(err.contains("macro F1 0.652 is below 0.700"), "{err}");
    assert!(!err.contains("plan accuracy"), "{err}");
    let ok = kehoach(&[
        "eval",
        "--gold",
        FX_GOLD,
        FX_PRED,
        "--min-f1",
        "quotas=0.857",
    ]);
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
}

#[test]
fn usage_and_io_errors_exit_2() {
    for args in [
        vec!["eval", FX_PRED],           // neither --gold nor --diff
        vec!["eval", "--gold", FX_GOLD], // no records
        vec!["eval", "--gold", FX_GOLD, FX_PRED, "--min-f1", "cites=1"],
        vec!["eval", "--gold", "no/such/dir", FX_PRED],
        vec!["eval", "--diff", "no/such.jsonl", FX_PRED],
        vec!["eval", "--gold", FX_GOLD, "no/such.jsonl"],
        vec!["explain", "no/such.txt"],
        vec!["explain", "corpus/002_9257399244404568.txt", "--line", "0"],
        vec![
            "explain",
            "corpus/002_9257399244404568.txt",
            "--line",
            "100000",
        ],
    ] {
        let o = kehoach(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("kehoach"), "{args:?}");
    }
}

#[test]
fn eval_runs_the_pipeline_on_plan_files() {
    let o = kehoach(&["eval", "--gold", "tests/gold", "corpus/", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["files_missing"].as_array().unwrap().len(), 0);
    assert_eq!(v["tasks"]["gold"], 153);
}

fn write_jsonl(path: &Path, records: &[PlanRecord]) {
    let mut s = String::new();
    for r in records {
        s.push_str(&serde_json::to_string(&Record::Plan(Box::new(r.clone()))).unwrap());
        s.push('\n');
    }
    std::fs::write(path, s).unwrap();
}

/// The records of one edit: what the diff must list, and nothing else.
fn edited(base: &[PlanRecord]) -> Vec<PlanRecord> {
    let mut cur = base.to_vec();
    // 000: one citation gained
    cur[0].citations.push(Citation {
        doc_type: "Kế hoạch".into(),
        number: "5/KH-UBND".into(),
        key: "5/KH-UBND".into(),
        date: None,
        issuer: None,
        level: "provincial".into(),
        relation: "reference".into(),
        term: None,
        mentions: Vec::new(),
    });
    // 002: the first quota's bound changed by another rule; the first of two
    // deadlines (31, by) lost
    cur[2].quotas[0].bound = "min".into();
    cur[2].quotas[0].rule = "quota.edited".into();
    let i = cur[2]
        .deadlines
        .iter()
        .position(|d| d.span.line == 31)
        .unwrap();
    cur[2].deadlines.remove(i);
    // 004: the plan title changed
    cur[4].plan.title = Some("Kế hoạch khác".into());
    cur
}

/// (section, gained, lost, changed)
type SectionCounts<'a> = (&'a str, usize, usize, usize);

#[test]
fn diff_lists_exactly_the_items_that_changed() {
    let dir = tempfile::tempdir().unwrap();
    let golds = eval::gold::load_dir(&root().join("tests/gold")).unwrap();
    let base = eval::synth::records(&golds, "corpus", 0);
    let (b, c) = (dir.path().join("base.jsonl"), dir.path().join("cur.jsonl"));
    write_jsonl(&b, &base);
    write_jsonl(&c, &edited(&base));
    let (b, c) = (b.to_str().unwrap(), c.to_str().unwrap());

    let o = kehoach(&["eval", "--diff", b, c, "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let d = &v["diff"];
    assert_eq!(d["unchanged"], 2);
    let files: Vec<(&str, Vec<SectionCounts>)> = d["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let secs = f["sections"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| {
                    let n = |k: &str| s[k].as_array().unwrap().len();
                    (
                        s["section"].as_str().unwrap(),
                        n("gained"),
                        n("lost"),
                        n("changed"),
                    )
                })
                .collect();
            (f["path"].as_str().unwrap(), secs)
        })
        .collect();
    assert_eq!(
        files,
        [
            (
                "corpus/000_3b0880109bfb296f.txt",
                vec![("citations", 1, 0, 0)]
            ),
            (
                "corpus/002_9257399244404568.txt",
                vec![("quotas", 0, 0, 1), ("deadlines", 0, 1, 0)]
            ),
            ("corpus/004_8fcee2da3dc81e12.txt", vec![("plan", 0, 0, 1)]),
        ]
    );

    let o = kehoach(&["eval", "--diff", b, c]);
    let out = stdout(&o);
    for want in [
        "  citations: 1 gained, 0 lost, 0 changed\n    + 5/KH-UBND",
        "    ~ L19 decrease 7 count\n        bound: \"exact\" -> \"min\"\n        rule: \"gold\" -> \"quota.edited\"\n",
        "    - L31 by [gold]",
        "        title: \"thực hiện Kết luận số 74-KL/TW",
        "total: 1 gained, 1 lost, 2 changed in 3 file(s); 2 file(s) unchanged",
    ] {
        assert!(out.contains(want), "missing {want:?} in\n{out}");
    }
    // Nothing else: exactly the header, section and item lines above.
    let item_lines = out
        .lines()
        .filter(|l| l.starts_with("    +") || l.starts_with("    -") || l.starts_with("    ~"))
        .count();
    assert_eq!(item_lines, 4, "{out}");

    // Against itself: nothing changed.
    let o = kehoach(&["eval", "--diff", b, b]);
    assert!(
        stdout(&o).contains("total: 0 gained, 0 lost, 0 changed in 0 file(s); 5 file(s) unchanged")
    );
}

#[test]
fn diff_against_a_saved_run_of_the_pipeline() {
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("run.jsonl");
    let saved = saved.to_str().unwrap();
    let o = kehoach(&["eval", "--gold", "tests/gold", "corpus", "--save", saved]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = kehoach(&["eval", "--diff", saved, "corpus"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("0 changed in 0 file(s); 5 file(s) unchanged"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn explain_shows_the_line_and_unused_rule_matches() {
    // An edited copy of the rules with one rule of a kind no extractor reads
    // ("probe"): its matches on line 19 are listed, with their captures, as
    // matched but not used.
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules");
    std::fs::create_dir_all(rules.join("probe")).unwrap();
    std::fs::copy(
        root().join("rules/common/dates.toml"),
        rules.join("dates.toml"),
    )
    .unwrap();
    std::fs::write(
        rules.join("probe/q.toml"),
        r#"
[[rule]]
id = "probe.reduce_of"
anchors = ["giảm"]
pattern = '(?i:giảm)\s+(?P<value>\d+)/(?P<of>\d+)'
[[rule.example]]
text = "giảm 07/162 phòng"
expect = { value = "07", of = "162" }
"#,
    )
    .unwrap();
    let file = "corpus/002_9257399244404568.txt";
    let o = kehoach(&[
        "explain",
        file,
        "--line",
        "19",
        "--rules",
        rules.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with(&format!("{file}:19: - Cấp tỉnh: Giảm 07/162 phòng")),
        "{out}"
    );
    assert!(
        out.contains("matched but not used:\n    probe.reduce_of"),
        "{out}"
    );
    assert!(
        out.contains("        value = \"07\"\n        of = \"162\""),
        "{out}"
    );
    assert!(
        out.contains("        value = \"12\"\n        of = \"109\""),
        "{out}"
    );

    let o = kehoach(&["explain", file, "--line", "19", "--json"]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["lines"][0]["line"], 19);
}

#[test]
fn explain_line_19_shows_its_quotas_with_rule_ids() {
    let o = kehoach(&["explain", "corpus/002_9257399244404568.txt", "--line", "19"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    // gold: decrease 7/162 phòng, 4.3%, 12/109 đơn vị, 11%, … on line 19
    let quotas: Vec<&str> = out
        .lines()
        .filter(|l| l.trim_start().starts_with("quota "))
        .collect();
    assert!(quotas.len() >= 4, "{out}");
    assert!(quotas.iter().all(|l| l.contains("<- quota.")), "{out}");
    assert!(out.contains("decrease 7 count of 162"), "{out}");
    assert!(out.contains("rule matches used:"), "{out}");
}
