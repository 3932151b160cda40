//! Decode throughput per encoding: `cargo bench --bench decode`.
//!
//! For each fixture encoding, the five fixture plans are concatenated to
//! about 20 MB and decoded by the source stage (`decode_as`, the encoding
//! given, as after detection) several times. Printed in input MB/s (10^6
//! bytes per second): the best wall-clock run, and the CPU time of the
//! process per run (from /proc/self/stat, Linux), which stays meaningful on
//! a machine shared with other jobs. Detection reads at most a 64 KiB
//! sample per file and is timed on one such sample.

use std::hint::black_box;
use std::time::{Duration, Instant};

use kehoach::source::{Encoding, detect, encoding::decode_as};

const TARGET: usize = 20_000_000;
const RUNS: usize = 5;

fn corpus(suffix: &str) -> Vec<u8> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/encodings");
    let mut files: Vec<Vec<u8>> = std::fs::read_dir(dir)
        .expect("fixtures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.ends_with(&format!(".{suffix}.txt")))
        })
        .map(|p| std::fs::read(p).expect("fixture"))
        .collect();
    files.sort();
    let mut out = Vec::with_capacity(TARGET + 100_000);
    while out.len() < TARGET {
        for f in &files {
            // Later copies of a BOM file without their BOM, so the whole
            // corpus stays one valid file.
            let body = if out.is_empty() { &f[..] } else { strip_bom(f) };
            out.extend_from_slice(body);
        }
    }
    out
}

/// The leading 64 KiB, cut at a character boundary for UTF-8 and UTF-16.
fn sample(bytes: &[u8], enc: Encoding) -> &[u8] {
    let mut cut = bytes.len().min(64 * 1024);
    match enc {
        Encoding::Utf8 => {
            while bytes.get(cut).is_some_and(|b| b & 0xC0 == 0x80) {
                cut -= 1;
            }
        }
        Encoding::Utf16Le | Encoding::Utf16Be => cut &= !1,
        _ => {}
    }
    &bytes[..cut]
}

fn strip_bom(f: &[u8]) -> &[u8] {
    for bom in [&b"\xEF\xBB\xBF"[..], b"\xFF\xFE", b"\xFE\xFF"] {
        if let Some(rest) = f.strip_prefix(bom) {
            return rest;
        }
    }
    f
}

fn best_of(runs: usize, f: &mut impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// CPU seconds (user + system) used by this process so far, if known.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = after.split_whitespace().collect();
    // Fields 14 and 15 of stat(5), counted after the command name.
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

/// Best wall-clock time and CPU time per run of `f`.
fn time(runs: usize, mut f: impl FnMut()) -> (Duration, Option<f64>) {
    let cpu0 = cpu_seconds();
    let best = best_of(runs, &mut f);
    let cpu = cpu0.zip(cpu_seconds()).map(|(a, b)| (b - a) / runs as f64);
    (best, cpu)
}

fn mb_s(bytes: usize, d: Duration) -> f64 {
    bytes as f64 / 1e6 / d.as_secs_f64().max(1e-9)
}

fn main() {
    let cases = [
        ("utf8", Encoding::Utf8),
        ("nfd", Encoding::Utf8),
        ("utf16le-bom", Encoding::Utf16Le),
        ("utf16be", Encoding::Utf16Be),
        ("cp1258", Encoding::Windows1258),
        ("cp1258-decomposed", Encoding::Windows1258),
        ("tcvn3", Encoding::Tcvn3),
        ("vni", Encoding::Vni),
        ("viscii", Encoding::Viscii),
        ("tcvn5712-1-vn1", Encoding::Tcvn5712_1),
    ];
    println!(
        "fixture\tencoding\tinput MB\tdecode MB/s (wall, best)\tdecode MB/s (CPU)\tdetect MB/s (64 KiB sample)"
    );
    for (suffix, enc) in cases {
        let bytes = corpus(suffix);
        let (decode, cpu) = time(RUNS, || {
            let d = decode_as(black_box(&bytes), enc, 1.0).expect("decodes");
            black_box(d.text.len());
        });
        let sample = sample(&bytes, enc);
        let det = best_of(RUNS, &mut || {
            black_box(detect::detect(black_box(sample)).expect("detects"));
        });
        println!(
            "{suffix}\t{enc}\t{:.1}\t{:.0}\t{}\t{:.0}",
            bytes.len() as f64 / 1e6,
            mb_s(bytes.len(), decode),
            cpu_mb_s(bytes.len(), cpu),
            mb_s(sample.len(), det)
        );
    }
    // Double-encoded UTF-8: the seeds read as Windows-1252, saved as UTF-8.
    let seed = corpus("utf8");
    let garbled = encoding_rs::WINDOWS_1252
        .decode_without_bom_handling(&seed)
        .0
        .into_owned()
        .into_bytes();
    let (decode, cpu) = time(RUNS, || {
        let d = decode_as(black_box(&garbled), Encoding::Utf8Mojibake, 1.0).expect("decodes");
        black_box(d.text.len());
    });
    println!(
        "utf8 (double-encoded)\t{}\t{:.1}\t{:.0}\t{}\t-",
        Encoding::Utf8Mojibake,
        garbled.len() as f64 / 1e6,
        mb_s(garbled.len(), decode),
        cpu_mb_s(garbled.len(), cpu)
    );
}

fn cpu_mb_s(bytes: usize, cpu: Option<f64>) -> String {
    match cpu {
        Some(s) if s > 0.0 => format!("{:.0}", bytes as f64 / 1e6 / s),
        _ => "-".to_string(),
    }
}
