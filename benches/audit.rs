//! `kehoach audit` on 20,000 records from JSON Lines: `cargo bench --bench
//! audit`.
//!
//! The records are the gold-derived records of the seeds, varied (path,
//! province, plan number and date; one in 100 dates 19-NQ/TW wrongly) and
//! given texts of realistic length (task, quota, deadline and mention texts
//! are empty in gold-derived records), so a record weighs about what an
//! extracted one does. Reported: building the audit from the file with 1
//! and 2 threads (read, parse, fold, finish), rendering each format, and
//! for comparison parsing the same lines into full `PlanRecord`s.

use std::io::{BufReader, Write};
use std::path::Path;
use std::time::Instant;

use kehoach::audit::render::{self, Format, RenderOptions};
use kehoach::audit::{Auditor, Context, Options};
use kehoach::eval::{gold, synth};
use kehoach::record::PlanRecord;

const RECORDS: usize = 20_000;

const PROVINCES: [&str; 12] = [
    "Điện Biên",
    "Hà Tĩnh",
    "Lạng Sơn",
    "Kiên Giang",
    "Ninh Thuận",
    "Hà Nội",
    "Hồ Chí Minh",
    "Thừa Thiên Huế",
    "Quảng Ninh",
    "Đắk Lắk",
    "Cà Mau",
    "Lào Cai",
];

const SENTENCE: &str = "Tham mưu rà soát, sửa đổi, bổ sung chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của các cơ quan, đơn vị; ";

fn text(len: usize) -> String {
    SENTENCE.repeat(len / SENTENCE.len() + 1)[..]
        .char_indices()
        .take_while(|(i, _)| *i < len)
        .map(|(_, c)| c)
        .collect()
}

fn generate(path: &Path) -> u64 {
    let golds = gold::load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gold"))
        .expect("tests/gold");
    let base: Vec<PlanRecord> = golds
        .iter()
        .map(|g| {
            let mut r = synth::record_from_gold(g, "corpus");
            for t in &mut r.tasks {
                t.text = text(320);
            }
            for q in &mut r.quotas {
                q.text = text(120);
                q.subject = text(60);
            }
            for d in &mut r.deadlines {
                d.text = text(70);
            }
            for c in &mut r.citations {
                for m in &mut c.mentions {
                    m.text = format!("{} số {} ngày 25/10/2017", c.doc_type, c.number);
                }
            }
            r
        })
        .collect();
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    for i in 0..RECORDS {
        let mut r = base[i % base.len()].clone();
        let prov = PROVINCES[(i / base.len()) % PROVINCES.len()];
        r.source.path = format!("bench/{:03}/{prov}/plan_{i:06}.txt", i / 1000);
        r.plan.province = Some(prov.to_string());
        r.plan.number = Some(format!("{}/KH-UBND", 1 + i % 3000));
        r.plan.date = Some(format!(
            "{}-{:02}-{:02}",
            2018 + i % 7,
            1 + i % 12,
            1 + i % 28
        ));
        if i % 100 == 6 {
            for c in &mut r.citations {
                if c.number == "19-NQ/TW" {
                    c.date = Some("2017-11-25".into());
                }
            }
        }
        serde_json::to_writer(&mut out, &r).unwrap();
        out.write_all(b"\n").unwrap();
    }
    out.flush().unwrap();
    std::fs::metadata(path).unwrap().len()
}

/// CPU time of the process (all threads) in seconds, from /proc (Linux;
/// 0 elsewhere): on a shared machine it says more than wall time.
fn cpu_secs() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or("", |(_, rest)| rest)
        .split_whitespace()
        .collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after ")".
    (ticks(11) + ticks(12)) / 100.0
}

/// Best wall time of `reps` runs, the CPU time of that run, the result.
fn best<T>(reps: usize, mut f: impl FnMut() -> T) -> (f64, f64, T) {
    let mut best = (f64::MAX, 0.0);
    let mut last = None;
    for _ in 0..reps {
        let (t, c) = (Instant::now(), cpu_secs());
        let v = f();
        let wall = t.elapsed().as_secs_f64();
        if wall < best.0 {
            best = (wall, cpu_secs() - c);
        }
        last = Some(v);
    }
    (best.0, best.1, last.unwrap())
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("records.jsonl");
    let bytes = generate(&path);
    let mb = bytes as f64 / 1e6;
    println!(
        "{RECORDS} records, {mb:.1} MB of JSON Lines ({:.1} KB per record)",
        bytes as f64 / 1e3 / RECORDS as f64
    );
    let ctx = Context::built_in();
    let mut audit = None;
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let (secs, cpu, a) = best(3, || {
            let mut auditor = Auditor::new(&ctx, Options::default());
            let f = BufReader::new(std::fs::File::open(&path).unwrap());
            auditor.add_jsonl(f, "records.jsonl", &pool).unwrap();
            auditor.finish()
        });
        println!(
            "audit, {threads} thread{}: {secs:.2} s wall, {cpu:.2} s CPU  ({:.0} records/s, {:.0} MB/s)",
            if threads == 1 { " " } else { "s" },
            RECORDS as f64 / secs,
            mb / secs
        );
        audit = Some(a);
    }
    let audit = audit.unwrap();
    println!(
        "  {} plans, {} directives, {} findings ({} warnings)",
        audit.totals.plans,
        audit.totals.directives,
        audit.findings.len(),
        audit.totals.warnings
    );
    let opts = RenderOptions::default();
    for (name, format) in [
        ("table", Format::Table),
        ("md", Format::Md),
        ("csv", Format::Csv),
        ("json", Format::Json),
        ("html", Format::Html),
    ] {
        let mut size = 0;
        let (secs, _, _) = best(3, || {
            let mut buf = Vec::new();
            render::render(&audit, format, &opts, &mut buf).unwrap();
            size = buf.len();
        });
        println!(
            "render {name:<5}: {secs:.3} s  ({:.1} MB)",
            size as f64 / 1e6
        );
    }
    let (secs, cpu, n) = best(1, || {
        let text = std::fs::read_to_string(&path).unwrap();
        text.lines()
            .map(|l| serde_json::from_str::<PlanRecord>(l).unwrap().tasks.len())
            .sum::<usize>()
    });
    println!(
        "for comparison, parsing full PlanRecords (1 thread): {secs:.2} s wall, {cpu:.2} s CPU (checksum {n})"
    );
    println!(
        "(load average while measuring: {})",
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .trim()
    );
}
