//! Helpers shared by the audit tests: records written as JSON (so they
//! stay valid when fields are added to the record types), a small registry
//! in the shape of `rules/citations/registry.toml`, and the binary.
#![allow(dead_code)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use kehoach::audit::{Audit, Auditor, Context, LevelFilter, Options};
use kehoach::eval::{Gold, gold, synth};
use kehoach::rules::RuleSet;
use serde_json::{Value, json};

/// A registry in the shape of the rules' `registry` vocabulary.
pub const REGISTRY_TOML: &str = r#"
[[vocab]]
name = "registry"
description = "Test registry of central directives, keyed by number@date"
[[vocab.entry]]
value = "18-NQ/TW@2017-10-25"
number = "18-NQ/TW"
type = "Nghị quyết"
date = "2017-10-25"
issuer = "Ban Chấp hành Trung ương"
term = 12
title = "Tinh gọn bộ máy"
implemented_by = ["10/NQ-CP@2018-02-03"]
[[vocab.entry]]
value = "18-NQ/TW@2022-06-16"
number = "18-NQ/TW"
type = "Nghị quyết"
date = "2022-06-16"
issuer = "Ban Chấp hành Trung ương"
term = 13
title = "Chính sách đất đai"
[[vocab.entry]]
value = "19-NQ/TW@2017-10-25"
number = "19-NQ/TW"
type = "Nghị quyết"
date = "2017-10-25"
issuer = "Ban Chấp hành Trung ương"
term = 12
title = "Về tiếp tục đổi mới hệ thống tổ chức và quản lý, nâng cao chất lượng và hiệu quả hoạt động của các đơn vị sự nghiệp công lập"
implemented_by = ["08/NQ-CP@2018-01-24"]
[[vocab.entry]]
value = "08/NQ-CP@2018-01-24"
number = "08/NQ-CP"
type = "Nghị quyết"
date = "2018-01-24"
issuer = "Chính phủ"
"#;

/// Context with [`REGISTRY_TOML`] and the built-in type codes.
pub fn registry_context() -> Context {
    let rules = RuleSet::from_files(vec![(
        "citations/registry.toml".into(),
        REGISTRY_TOML.into(),
    )])
    .expect("test registry compiles");
    Context::from_rules(&rules)
}

pub fn kehoach() -> Command {
    Command::new(env!("CARGO_BIN_EXE_kehoach"))
}

pub fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// Run, expect success, return stdout.
pub fn run_ok(cmd: &mut Command) -> Vec<u8> {
    let out = cmd.stdin(Stdio::null()).output().expect("kehoach runs");
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

pub fn golds() -> Vec<Gold> {
    gold::load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gold")).expect("gold files")
}

/// The records a perfect extractor would give for the seeds, as JSON Lines.
pub fn gold_jsonl() -> String {
    golds()
        .iter()
        .map(|g| serde_json::to_string(&synth::record_from_gold(g, "corpus")).unwrap() + "\n")
        .collect()
}

/// A plan record with these citations.
pub fn plan(path: &str, province: &str, date: &str, citations: Vec<Value>) -> Value {
    json!({
        "schema": "kehoach.plan/1", "id": "0000000000000000",
        "source": {"path": path, "bytes": 0, "sha256": "", "encoding": "utf-8", "confidence": 1.0,
                   "normalization": {"nfc": 0, "tone_marks": 0, "replaced": 0}},
        "plan": {"doc_type": "Kế hoạch", "number": null, "issuer": null, "province": province,
                 "date": date, "title": null, "signer": null, "draft": false, "implements": []},
        "citations": citations, "quotas": [], "tasks": [], "deadlines": [], "bodies": [], "warnings": []
    })
}

/// A citation with one mention per line.
pub fn cit(
    doc_type: &str,
    number: &str,
    date: Option<&str>,
    relation: &str,
    level: &str,
    lines: &[u32],
) -> Value {
    let mentions: Vec<Value> = lines
        .iter()
        .map(|l| json!({"span": {"line": l, "start": 0, "end": 0}, "text": format!("{doc_type} số {number}"), "rule": "test"}))
        .collect();
    json!({
        "doc_type": doc_type, "number": number,
        "key": date.map_or(number.to_string(), |d| format!("{number}@{d}")),
        "date": date, "issuer": "Ban Chấp hành Trung ương", "level": level, "relation": relation,
        "mentions": mentions
    })
}

pub fn jsonl(records: &[Value]) -> String {
    records.iter().map(|r| r.to_string() + "\n").collect()
}

/// Audit JSON Lines text (named `mem` in messages).
pub fn audit_lines(text: &str, ctx: &Context, level: LevelFilter) -> Audit {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .unwrap();
    let mut a = Auditor::new(ctx, Options { level });
    a.add_jsonl(text.as_bytes(), "mem", &pool).unwrap();
    a.finish()
}

pub fn audit_values(records: &[Value], ctx: &Context, level: LevelFilter) -> Audit {
    audit_lines(&jsonl(records), ctx, level)
}

/// Every central citation of every gold file is a cell of a row with its
/// number, in the plan's column, with the gold relation. With `exact`
/// (records derived from the gold) also one mention per gold line, and no
/// central row has a cell the gold does not list; without it (records from
/// the extractor) mention counts and extra citations are the extractor's
/// precision, scored by `kehoach eval`, not the audit's business.
pub fn check_against_gold(audit: &Value, exact: bool) {
    let golds = golds();
    let by_file: HashMap<&str, &kehoach::eval::Gold> =
        golds.iter().map(|g| (g.file.as_str(), g)).collect();
    let plans = audit["plans"].as_array().unwrap();
    assert_eq!(plans.len(), golds.len(), "one column per seed");
    let gold_of = |plan: usize| {
        let path = plans[plan]["path"].as_str().unwrap();
        by_file[kehoach::eval::base_name(path)]
    };
    let rows = audit["directives"].as_array().unwrap();
    for (i, _) in plans.iter().enumerate() {
        let g = gold_of(i);
        for c in g
            .data
            .citations
            .iter()
            .filter(|c| c.level.as_deref() == Some("central"))
        {
            let cell = rows
                .iter()
                .filter(|r| r["number"] == c.number.as_str())
                .flat_map(|r| r["cells"].as_array().unwrap())
                .find(|cell| cell["plan"] == i)
                .unwrap_or_else(|| panic!("{}: {} has no cell", g.file, c.number));
            assert_eq!(
                cell["relation"],
                c.relation.as_deref().unwrap(),
                "{} {}",
                g.file,
                c.number
            );
            if exact {
                assert_eq!(cell["count"], c.lines.len(), "{} {}", g.file, c.number);
            }
        }
    }
    if !exact {
        return;
    }
    for r in rows {
        for cell in r["cells"].as_array().unwrap() {
            let g = gold_of(cell["plan"].as_u64().unwrap() as usize);
            assert!(
                g.data
                    .citations
                    .iter()
                    .any(|c| c.number == r["number"] && c.level.as_deref() == Some("central")),
                "{}: {} is not a central citation of the gold",
                g.file,
                r["number"]
            );
        }
    }
}
