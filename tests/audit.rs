//! `kehoach audit`: the matrix against the gold files (on gold-derived
//! records, and end to end on `corpus/` with the citation extractor),
//! date conflicts, the other findings, input handling, and the
//! text, CSV and Markdown layouts. The HTML page is tested in a real browser
//! in `audit_html.rs`.

mod common;

use std::process::Command;

use common::*;
use kehoach::audit::render::{self, Format, RenderOptions};
use kehoach::audit::{Context, LevelFilter};
use serde_json::{Value, json};

#[test]
fn matrix_of_gold_derived_records_matches_the_gold() {
    let ctx = Context::built_in();
    let audit = audit_lines(&gold_jsonl(), &ctx, LevelFilter::Central);
    check_against_gold(&serde_json::to_value(&audit).unwrap(), true);
    // 19-NQ/TW: dated in 001 and 003, undated in 004 (merged, marked).
    let row = audit
        .directives
        .iter()
        .find(|d| d.number == "19-NQ/TW")
        .unwrap();
    assert_eq!(row.key, "19-NQ/TW@2017-10-25");
    assert_eq!((row.plans, row.provinces), (3, 3));
    assert!(row.cells.iter().any(|c| c.date_inferred));
    assert_eq!(audit.totals.warnings, 0, "the gold is consistent");
}

#[test]
fn cli_on_gold_derived_jsonl() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gold.jsonl");
    std::fs::write(&path, gold_jsonl()).unwrap();
    let out = run_ok(kehoach().arg("audit").arg(&path).args(["--format", "json"]));
    check_against_gold(&serde_json::from_slice(&out).unwrap(), true);
    let table = String::from_utf8(run_ok(kehoach().arg("audit").arg(&path))).unwrap();
    for want in [
        "19-NQ/TW",
        "Điện Biên",
        "I10*",
        "task-no-deadline",
        "Directives per plan",
    ] {
        assert!(table.contains(want), "{want} missing in\n{table}");
    }
}

/// The real extractor on the seeds: every central directive of the gold
/// with the right plans and relations, and the registry's titles.
#[test]
fn end_to_end_on_the_corpus_matches_the_gold() {
    let out = run_ok(kehoach().args(["audit", "--format", "json"]).arg(corpus()));
    let audit: Value = serde_json::from_slice(&out).unwrap();
    check_against_gold(&audit, false);
    let row = audit["directives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["key"] == "19-NQ/TW@2017-10-25")
        .unwrap();
    assert!(
        row["title"]
            .as_str()
            .unwrap()
            .starts_with("Về tiếp tục đổi mới")
    );
    assert_eq!(row["plans"], 3);
}

fn date_conflict_records() -> Vec<Value> {
    vec![
        plan(
            "a/dien-bien.txt",
            "Điện Biên",
            "2018-08-14",
            vec![cit(
                "Nghị quyết",
                "19-NQ/TW",
                Some("2017-10-25"),
                "implements",
                "central",
                &[9, 11],
            )],
        ),
        plan(
            "a/ha-tinh.txt",
            "Hà Tĩnh",
            "2024-02-02",
            vec![cit(
                "Nghị quyết",
                "19-NQ/TW",
                Some("2017-11-25"),
                "implements",
                "central",
                &[29, 31],
            )],
        ),
        plan(
            "a/kien-giang.txt",
            "Kiên Giang",
            "2020-06-01",
            vec![cit(
                "Nghị quyết",
                "19-NQ/TW",
                None,
                "implements",
                "central",
                &[5],
            )],
        ),
    ]
}

#[test]
fn two_plans_dating_19_nq_tw_differently_give_one_finding() {
    for ctx in [Context::built_in(), registry_context()] {
        let audit = audit_values(&date_conflict_records(), &ctx, LevelFilter::Central);
        let dates: Vec<_> = audit
            .findings
            .iter()
            .filter(|f| f.code == "date-conflict")
            .collect();
        assert_eq!(dates.len(), 1, "{:#?}", audit.findings);
        let f = dates[0];
        assert_eq!(f.number.as_deref(), Some("19-NQ/TW"));
        let places: Vec<(&str, &[u32], &str)> = f
            .places
            .iter()
            .map(|p| {
                (
                    p.path.as_str(),
                    p.lines.as_slice(),
                    p.value.as_deref().unwrap(),
                )
            })
            .collect();
        let registry = ctx.registry.is_some();
        let mut want = vec![
            ("a/dien-bien.txt", &[9][..], "2017-10-25"),
            ("a/ha-tinh.txt", &[29][..], "2017-11-25"),
        ];
        if registry {
            want.reverse(); // the date off the registry leads
        }
        assert_eq!(places, want);
        assert_eq!(f.expected.as_deref(), registry.then_some("2017-10-25"));
        assert!(f.message.contains("2017-10-25 in 1 plan") && f.message.contains("2017-11-25"));
    }
}

#[test]
fn cli_reports_the_date_conflict_with_both_plans_and_lines() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plans.jsonl");
    std::fs::write(&path, jsonl(&date_conflict_records())).unwrap();
    let out = run_ok(kehoach().arg("audit").arg(&path).args(["--format", "json"]));
    let v: Value = serde_json::from_slice(&out).unwrap();
    let f: Vec<&Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "date-conflict")
        .collect();
    assert_eq!(f.len(), 1);
    // (the order of the places depends on the registry in the rules)
    let mut places: Vec<(String, String, String)> = f[0]["places"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let s = |k: &str| p[k].as_str().unwrap().to_string();
            (s("path"), p["lines"].to_string(), s("value"))
        })
        .collect();
    places.sort();
    assert_eq!(
        places,
        vec![
            ("a/dien-bien.txt".into(), "[9]".into(), "2017-10-25".into()),
            ("a/ha-tinh.txt".into(), "[29]".into(), "2017-11-25".into()),
        ]
    );
    let table = String::from_utf8(run_ok(kehoach().arg("audit").arg(&path))).unwrap();
    assert!(table.contains("a/dien-bien.txt:9  (2017-10-25)"), "{table}");
    assert!(table.contains("a/ha-tinh.txt:29  (2017-11-25)"), "{table}");
}

#[test]
fn numbers_reused_across_terms_are_two_documents_with_the_registry() {
    let records = vec![
        plan(
            "p/a.txt",
            "Lạng Sơn",
            "2018-05-01",
            vec![cit(
                "Nghị quyết",
                "18-NQ/TW",
                Some("2017-10-25"),
                "implements",
                "central",
                &[2],
            )],
        ),
        plan(
            "p/b.txt",
            "Hà Nội",
            "2023-01-05",
            vec![cit(
                "Nghị quyết",
                "18-NQ/TW",
                Some("2022-06-16"),
                "implements",
                "central",
                &[4],
            )],
        ),
        plan(
            "p/c.txt",
            "Hà Nội",
            "2023-02-01",
            vec![cit(
                "Nghị quyết",
                "18-NQ/TW",
                None,
                "reference",
                "central",
                &[7],
            )],
        ),
    ];
    let audit = audit_values(&records, &registry_context(), LevelFilter::Central);
    assert!(
        audit.findings.iter().all(|f| f.code != "date-conflict"),
        "{:#?}",
        audit.findings
    );
    let keys: Vec<&str> = audit.directives.iter().map(|d| d.key.as_str()).collect();
    assert_eq!(keys, vec!["18-NQ/TW@2022-06-16", "18-NQ/TW@2017-10-25"]);
    let late = &audit.directives[0];
    assert_eq!(
        late.plans, 2,
        "the undated one in 2023 is the 2022 resolution"
    );
    assert!(late.cells[1].date_inferred);
    assert_eq!(
        audit.directives[1].title.as_deref(),
        Some("Tinh gọn bộ máy")
    );
    // Without a registry nothing says they are two documents.
    let bare = audit_values(&records, &Context::built_in(), LevelFilter::Central);
    assert_eq!(
        bare.findings
            .iter()
            .filter(|f| f.code == "date-conflict")
            .count(),
        1
    );
}

#[test]
fn other_findings() {
    let mut r = plan(
        "p/x.txt",
        "Điện Biên",
        "2018-08-14",
        vec![
            cit(
                "Nghị quyết",
                "19-NQ/TW",
                Some("2017-10-26"),
                "implements",
                "central",
                &[9],
            ),
            cit(
                "Nghị quyết",
                "40-KL/TW",
                Some("2022-07-18"),
                "reference",
                "central",
                &[60],
            ),
            cit(
                "Kế hoạch",
                "15-KH/TU",
                Some("2018-03-16"),
                "basis",
                "provincial",
                &[12],
            ),
        ],
    );
    r["warnings"] = json!([
        {"code": "citation-unresolved", "message": "short citation \"Nghị quyết số 99\"", "span": {"line": 40}},
        {"code": "quota-arithmetic", "message": "7/162 is not 5%", "span": {"line": 50}},
        {"code": "citation-date-mismatch", "message": "dated 2017-10-26 but 2017-10-25 in the registry", "span": {"line": 9}},
        {"code": "citation-date-mismatch", "message": "19-NQ/TW is dated 2017-10-26 and also 2017-10-25", "span": {"line": 30}},
        {"code": "plan-number-blank", "message": "ignored by the audit", "span": null}
    ]);
    r["tasks"] = json!([
        {"section": "III.1", "span": {"line": 70}, "deadline": null},
        {"section": "III.2", "span": {"line": 75}, "deadline": {"kind": "by"}}
    ]);
    let audit = audit_values(&[r.clone()], &registry_context(), LevelFilter::Central);
    let codes: Vec<(&str, u32)> = audit
        .findings
        .iter()
        .map(|f| (f.code, f.first_line()))
        .collect();
    assert_eq!(
        codes,
        vec![
            ("citation-date-mismatch", 30),
            ("date-conflict", 9),
            ("quota-arithmetic", 50),
            ("short-form-unresolved", 40),
            ("type-code-mismatch", 60),
            ("implementing-act-not-cited", 9),
            ("task-no-deadline", 70),
        ]
    );
    let ty = &audit.findings[4];
    assert_eq!(
        (ty.places[0].value.as_deref(), ty.expected.as_deref()),
        (Some("Nghị quyết"), Some("Kết luận"))
    );
    assert!(audit.findings[5].message.contains("08/NQ-CP"));
    // Citing the Government's programme satisfies the registry link.
    r["citations"].as_array_mut().unwrap().push(cit(
        "Nghị quyết",
        "08/NQ-CP",
        Some("2018-01-24"),
        "basis",
        "central",
        &[11],
    ));
    let audit = audit_values(&[r], &registry_context(), LevelFilter::All);
    assert!(
        audit
            .findings
            .iter()
            .all(|f| f.code != "implementing-act-not-cited")
    );
    assert_eq!(
        audit.directives.len(),
        4,
        "--level all keeps the provincial plan"
    );
}

#[test]
fn error_records_and_bad_lines_are_skipped_and_counted() {
    let good = jsonl(&date_conflict_records()[..1]);
    let input = format!(
        "{good}{}\n\nnot json\n{{\"schema\":\"other\"}}\n",
        json!({"schema": "kehoach.error/1", "path": "x.doc", "error": "binary", "message": "m"})
    );
    let audit = audit_lines(&input, &Context::built_in(), LevelFilter::Central);
    assert_eq!(
        (
            audit.totals.plans,
            audit.totals.error_records,
            audit.totals.invalid_lines
        ),
        (1, 1, 2)
    );
    assert!(
        audit.invalid_examples[0].starts_with("mem:4:"),
        "{:?}",
        audit.invalid_examples
    );
}

#[test]
fn many_plans_give_a_summary_table_and_csv_keeps_every_cell() {
    let records: Vec<Value> = (0..13)
        .map(|i| {
            plan(
                &format!("p/{i:02}.txt"),
                if i % 2 == 0 {
                    "Điện Biên"
                } else {
                    "Hà Tĩnh"
                },
                "2018-08-14",
                vec![
                    cit(
                        "Nghị quyết",
                        "19-NQ/TW",
                        Some("2017-10-25"),
                        "implements",
                        "central",
                        &[9],
                    ),
                    cit(
                        "Kết luận",
                        "40-KL/TW",
                        Some("2022-07-18"),
                        "basis",
                        "central",
                        &[3, 4],
                    ),
                ],
            )
        })
        .collect();
    let audit = audit_values(&records, &Context::built_in(), LevelFilter::Central);
    let opts = RenderOptions::default();
    let table = render::to_string(&audit, Format::Table, &opts);
    assert!(
        table.contains("one line per directive") && !table.contains("P13"),
        "{table}"
    );
    assert!(table.contains("Điện Biên") && table.contains("--format html"));
    let md = render::to_string(&audit, Format::Md, &opts);
    assert!(
        md.contains("| 19-NQ/TW | 2017-10-25 | Nghị quyết |"),
        "{md}"
    );
    let small = audit_values(&records[..3], &Context::built_in(), LevelFilter::Central);
    let md = render::to_string(&small, Format::Md, &opts);
    assert!(
        md.contains("| P1 | P2 | P3 |") && md.contains("| I1 | I1 | I1 |"),
        "{md}"
    );

    let csv = render::to_string(&audit, Format::Csv, &opts);
    assert!(csv.starts_with('\u{feff}'));
    let lines: Vec<&str> = csv
        .trim_start_matches('\u{feff}')
        .split_terminator("\r\n")
        .collect();
    assert_eq!(lines.len(), 1 + 26, "header + one row per cell");
    assert!(!csv.replace("\r\n", "").contains('\n'), "CRLF only");
    for l in &lines {
        assert!(l.starts_with('"') && l.ends_with('"'), "{l}");
        assert_eq!(l.matches("\",\"").count(), 15, "16 quoted fields: {l}");
    }
    assert!(lines[1].starts_with("\"19-NQ/TW@2017-10-25\",\"19-NQ/TW\""));
    let json: Value =
        serde_json::from_str(&render::to_string(&audit, Format::Json, &opts)).unwrap();
    assert_eq!(json["schema"], "kehoach.audit/1");
    assert_eq!(json["totals"]["provinces"], 2);
}

#[test]
fn output_file_is_written_atomically_and_registry_comes_from_rules() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("r.jsonl");
    std::fs::write(&input, jsonl(&date_conflict_records())).unwrap();
    let rules = dir.path().join("rules");
    std::fs::create_dir(&rules).unwrap();
    std::fs::write(rules.join("registry.toml"), REGISTRY_TOML).unwrap();
    let dest = dir.path().join("audit.html");
    let st = Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .arg("audit")
        .arg(&input)
        .args(["--format", "html", "-o"])
        .arg(&dest)
        .arg("--rules")
        .arg(&rules)
        .output()
        .unwrap();
    assert!(
        st.status.success(),
        "{}",
        String::from_utf8_lossy(&st.stderr)
    );
    assert!(st.stdout.is_empty());
    let html = std::fs::read_to_string(&dest).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("Về tiếp tục đổi mới"));
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        3,
        "no temporary file left"
    );
}
