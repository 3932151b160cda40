//! The `kehoach` binary end to end: extract over the bundled corpus, bad
//! inputs in a batch, determinism across thread counts, atomic output,
//! `normalize` on re-encoded copies of a seed.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const SEEDS: [&str; 5] = [
    "000_3b0880109bfb296f",
    "001_faba3362c144bd27",
    "002_9257399244404568",
    "003_42d72bf88131c20e",
    "004_8fcee2da3dc81e12",
];

fn kehoach() -> Command {
    Command::new(env!("CARGO_BIN_EXE_kehoach"))
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

fn run(cmd: &mut Command) -> Output {
    cmd.stdin(Stdio::null()).output().expect("kehoach runs")
}

fn records(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .expect("UTF-8 output")
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON object"))
        .collect()
}

/// SPEC sections 1–3: the envelope and `source` of a plan record.
fn assert_plan_record(r: &Value, raw: &[u8]) {
    assert_eq!(r["schema"], "kehoach.plan/1");
    let id = r["id"].as_str().unwrap();
    assert_eq!(id.len(), 16);
    assert!(
        id.bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
    );
    let src = &r["source"];
    assert_eq!(src["bytes"].as_u64().unwrap(), raw.len() as u64);
    let sha = src["sha256"].as_str().unwrap();
    assert_eq!(sha.len(), 64);
    assert!(sha.starts_with(id));
    assert_eq!(src["encoding"], "utf-8");
    for k in ["nfc", "tone_marks", "replaced"] {
        assert!(src["normalization"][k].is_u64(), "normalization.{k}");
    }
    for k in [
        "citations",
        "quotas",
        "tasks",
        "deadlines",
        "bodies",
        "warnings",
    ] {
        assert!(r[k].is_array(), "{k} is an array");
    }
    assert!(r["plan"].is_object());
    assert!(r["plan"]["draft"].is_boolean());
    assert!(r["plan"]["implements"].is_array());
}

#[test]
fn extract_corpus_gives_five_valid_records_in_path_order() {
    let out = run(kehoach().arg("extract").arg(corpus()));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let recs = records(&out);
    assert_eq!(recs.len(), 5);
    for (r, seed) in recs.iter().zip(SEEDS) {
        let path = r["source"]["path"].as_str().unwrap();
        assert!(path.ends_with(&format!("{seed}.txt")), "{path}");
        let raw = std::fs::read(corpus().join(format!("{seed}.txt"))).unwrap();
        assert_plan_record(r, &raw);
    }
}

#[test]
fn bad_inputs_give_error_records_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    for seed in SEEDS {
        std::fs::copy(
            corpus().join(format!("{seed}.txt")),
            dir.path().join(format!("{seed}.txt")),
        )
        .unwrap();
    }
    std::fs::write(dir.path().join("empty.txt"), b"").unwrap();
    std::fs::write(
        dir.path().join("binary.txt"),
        b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00",
    )
    .unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        dir.path().join("does-not-exist"),
        dir.path().join("dangling.txt"),
    )
    .unwrap();
    // 70 MiB, over the 64 MiB default limit (sparse: costs no disk).
    let big = std::fs::File::create(dir.path().join("huge.txt")).unwrap();
    big.set_len(70 * 1024 * 1024).unwrap();
    drop(big);

    let out = run(kehoach().args(["extract", "-q"]).arg(dir.path()));
    assert_eq!(out.status.code(), Some(1), "some files gave error records");
    let recs = records(&out);
    assert_eq!(recs.len(), 9);
    let plans = recs
        .iter()
        .filter(|r| r["schema"] == "kehoach.plan/1")
        .count();
    assert_eq!(plans, 5);
    let errors: Vec<(String, String)> = recs
        .iter()
        .filter(|r| r["schema"] == "kehoach.error/1")
        .map(|r| {
            let name = Path::new(r["path"].as_str().unwrap())
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            assert!(!r["message"].as_str().unwrap().is_empty());
            (name, r["error"].as_str().unwrap().to_string())
        })
        .collect();
    assert_eq!(
        errors,
        [
            ("binary.txt".to_string(), "binary".to_string()),
            ("dangling.txt".to_string(), "unreadable".to_string()),
            ("empty.txt".to_string(), "empty".to_string()),
            ("huge.txt".to_string(), "too-large".to_string()),
        ]
    );
    // Records are in path order.
    let paths: Vec<&str> = recs
        .iter()
        .map(|r| r["source"]["path"].as_str().or(r["path"].as_str()).unwrap())
        .collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}

#[test]
fn one_and_two_threads_give_identical_bytes() {
    let one = run(kehoach().args(["extract", "-j", "1"]).arg(corpus()));
    let two = run(kehoach().args(["extract", "-j", "2"]).arg(corpus()));
    assert!(one.status.success() && two.status.success());
    assert!(!one.stdout.is_empty());
    assert_eq!(one.stdout, two.stdout);
}

#[test]
fn output_file_is_written_atomically_and_json_format_is_an_array() {
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("out.json");
    let out = run(kehoach()
        .args(["extract", "-q", "--format", "json", "-o"])
        .arg(&dest)
        .arg(corpus()));
    assert!(out.status.success());
    assert!(out.stdout.is_empty(), "nothing on stdout with -o");
    let v: Value = serde_json::from_slice(&std::fs::read(&dest).unwrap()).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 5);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        1,
        "no temporary file left behind: {leftovers:?}"
    );
}

#[test]
fn failed_output_leaves_no_file_and_exits_2() {
    let out = run(kehoach()
        .args(["extract", "-q", "-o", "/nonexistent-dir/x.jsonl"])
        .arg(corpus()));
    assert_eq!(out.status.code(), Some(2));
    assert!(!Path::new("/nonexistent-dir/x.jsonl").exists());
}

#[test]
fn files_from_stdin_and_extension_filter() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        corpus().join(format!("{}.txt", SEEDS[0])),
        dir.path().join("a.md"),
    )
    .unwrap();
    std::fs::copy(
        corpus().join(format!("{}.txt", SEEDS[1])),
        dir.path().join("b.doc"),
    )
    .unwrap();
    std::fs::copy(
        corpus().join(format!("{}.txt", SEEDS[2])),
        dir.path().join("NOEXT"),
    )
    .unwrap();
    let out = run(kehoach().arg("extract").arg(dir.path()));
    let names: Vec<String> = records(&out)
        .iter()
        .map(|r| r["source"]["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        names.len(),
        2,
        "{names:?}: .md and no-extension files, not .doc"
    );
    let out = run(kehoach().args(["extract", "--ext", "doc"]).arg(dir.path()));
    assert_eq!(records(&out).len(), 1);

    let list = format!(
        "{}\n{}\n",
        corpus().join(format!("{}.txt", SEEDS[3])).display(),
        dir.path().join("b.doc").display()
    );
    let mut child = kehoach()
        .args(["extract", "--files-from", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(list.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        records(&out).len(),
        2,
        "explicitly listed files are taken whatever their extension"
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(kehoach().arg("extract")).status.code(), Some(2));
    assert_eq!(run(kehoach().arg("no-such-command")).status.code(), Some(2));
    assert_eq!(
        run(kehoach().args(["extract", "--encoding", "klingon", "x"]))
            .status
            .code(),
        Some(2)
    );
    assert!(run(kehoach().arg("--help")).status.success());
}

fn normalized(path: &Path) -> Vec<u8> {
    let out = run(kehoach().arg("normalize").arg(path));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn normalize_nfd_and_new_tone_style_copies_give_the_normalized_seed() {
    use unicode_normalization::UnicodeNormalization;
    let dir = tempfile::tempdir().unwrap();
    for seed in SEEDS {
        let path = corpus().join(format!("{seed}.txt"));
        let text = std::fs::read_to_string(&path).unwrap();
        let expected = normalized(&path);
        assert!(!expected.is_empty());

        let nfd = dir.path().join(format!("{seed}.nfd.txt"));
        std::fs::write(&nfd, text.nfd().collect::<String>()).unwrap();
        assert_eq!(normalized(&nfd), expected, "{seed} NFD");

        // The "new" tone style, written by hand (not by kehoach's converter).
        let mut newstyle = text.clone();
        for (old, new) in [
            ("hòa", "hoà"),
            ("khóa", "khoá"),
            ("thủy", "thuỷ"),
            ("Ủy", "Uỷ"),
            ("ỦY", "UỶ"),
            ("hóa", "hoá"),
            ("họa", "hoạ"),
            ("khỏe", "khoẻ"),
        ] {
            newstyle = newstyle.replace(old, new);
        }
        assert_ne!(newstyle, text, "{seed}: the copy differs from the seed");
        let copy = dir.path().join(format!("{seed}.new.txt"));
        std::fs::write(&copy, &newstyle).unwrap();
        assert_eq!(normalized(&copy), expected, "{seed} new tone style");
    }
}

#[test]
fn normalize_explain_lists_changes_with_lines() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("x.txt");
    std::fs::write(&p, "Dòng một\r\nỦy ban **hoà**\u{00A0}giải\r\n").unwrap();
    let out = run(kehoach().args(["normalize", "--explain"]).arg(&p));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("2: tone: hoà -> hòa"), "{s}");
    assert!(s.contains("2: markup: **"), "{s}");
    assert!(s.contains("2: invisible: U+00A0"), "{s}");
    assert!(s.contains("line_endings=2"), "{s}");
}

#[test]
fn rules_check_passes_on_the_bundled_rules() {
    let out = run(kehoach()
        .args(["rules", "check", "--rules"])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("rules")));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("ok:"));
}
