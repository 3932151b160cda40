//! Per-stage throughput on the bundled corpus (input MB/s, one thread):
//! `cargo bench --bench stages`. End-to-end figures with memory come from
//! `kehoach bench`. Words after `--` choose stages by name:
//! `cargo bench --bench stages -- quotas deadlines`.

use std::borrow::Cow;
use std::time::Instant;

use kehoach::document::Document;
use kehoach::document::outline::Outline;
use kehoach::extract::{self, Context};
use kehoach::pipeline::{Engine, process_bytes};
use kehoach::{normalize, source};

fn time<F: FnMut() -> usize>(name: &str, bytes: usize, reps: usize, mut f: F) {
    // `cargo bench --bench stages -- quotas deadlines` runs only the stages
    // whose names contain one of the words.
    let only: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    if !only.is_empty() && !only.iter().any(|w| name.contains(w.as_str())) {
        return;
    }
    let mut best = f64::MAX;
    let mut sink = 0;
    for _ in 0..reps {
        let t = Instant::now();
        sink += f();
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "{name:<28} {:>9.1} MB/s  (checksum {sink})",
        bytes as f64 / 1e6 / best
    );
}

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let seeds = kehoach::bench::read_seeds(&dir).expect("corpus/");
    // ~20 MB of plans, as separate documents.
    let mut docs: Vec<Vec<u8>> = Vec::new();
    let mut total = 0;
    while total < 20_000_000 {
        for s in &seeds {
            total += s.len();
            docs.push(s.clone());
        }
    }
    let engine = Engine::embedded().expect("rules compile");
    let opts = normalize::Options::default();
    let texts: Vec<String> = docs
        .iter()
        .map(|d| {
            normalize::normalize(source::decode(d, None).unwrap().text, &opts)
                .0
                .into_owned()
        })
        .collect();
    let reps = 3;
    time("decode (utf-8)", total, reps, || {
        docs.iter()
            .map(|d| source::decode(d, None).unwrap().text.len())
            .sum()
    });
    let raw: Vec<&str> = docs
        .iter()
        .map(|d| std::str::from_utf8(d).unwrap())
        .collect();
    time("normalize", total, reps, || {
        raw.iter()
            .map(|d| normalize::normalize(Cow::Borrowed(d), &opts).0.len())
            .sum()
    });
    time("document (lines + joined)", total, reps, || {
        texts.iter().map(|t| Document::new(t).joined.len()).sum()
    });
    time("outline", total, reps, || {
        texts
            .iter()
            .map(|t| Outline::parse(&Document::new(t)).items.len())
            .sum()
    });
    time("rules scan (prefilter)", total, reps, || {
        texts
            .iter()
            .map(|t| engine.rules.scan(&Document::new(t)).lines.len())
            .sum()
    });
    // Each extractor alone, over documents and scans prepared beforehand.
    let prepared: Vec<(Document<'_>, Outline)> = texts
        .iter()
        .map(|t| {
            let d = Document::new(t);
            let o = Outline::parse(&d);
            (d, o)
        })
        .collect();
    let scans: Vec<_> = prepared.iter().map(|(d, _)| engine.rules.scan(d)).collect();
    let each = |f: &dyn Fn(&Context<'_, '_>) -> usize| -> usize {
        prepared
            .iter()
            .zip(&scans)
            .map(|((doc, outline), scan)| {
                let ctx = Context {
                    doc,
                    rules: &engine.rules,
                    scan,
                    outline,
                };
                f(&ctx)
            })
            .sum()
    };
    time("  layout", total, reps, || {
        each(&|c| extract::layout::Layout::analyze(c).preamble_end)
    });
    time("  plan", total, reps, || {
        each(&|c| {
            let l = extract::layout::Layout::analyze(c);
            usize::from(extract::plan::extract(c, &l, &mut Vec::new()).draft)
        })
    });
    time("  citations", total, reps, || {
        each(&|c| {
            let l = extract::layout::Layout::analyze(c);
            extract::citations::extract(c, &l, &mut Vec::new())
                .citations
                .len()
        })
    });
    time("  deadlines", total, reps, || {
        each(&|c| extract::deadlines::extract(c, &mut Vec::new()).len())
    });
    time("  quotas", total, reps, || {
        each(&|c| extract::quotas::extract(c, &mut Vec::new()).len())
    });
    time("  body mentions", total, reps, || {
        each(&|c| extract::bodies::mentions::find(c).len())
    });
    time("  tasks (with mentions)", total, reps, || {
        each(&|c| {
            let m = extract::bodies::mentions::find(c);
            extract::tasks::extract_with(c, &m, &mut Vec::new()).len()
        })
    });
    time("  bodies (with mentions)", total, reps, || {
        each(&|c| {
            let m = extract::bodies::mentions::find(c);
            extract::bodies::extract_with(c, &m, &mut Vec::new()).len()
        })
    });
    time("  all extractors", total, reps, || {
        each(&|c| extract::extract(c).tasks.len())
    });
    time("end to end + JSON", total, reps, || {
        docs.iter()
            .map(|d| {
                let r = process_bytes("x.txt", d, &engine).unwrap();
                serde_json::to_vec(&r).unwrap().len()
            })
            .sum()
    });
}
