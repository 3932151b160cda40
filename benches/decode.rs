//! Decode throughput per encoding: `cargo bench --bench decode`.
//!
//! For each fixture encoding, the five fixture plans are concatenated to
//! about 20 MB and decoded by the source stage (`decode_as`, the encoding
//! given, as after detection) several times; the best run is printed in
//! input MB/s (10^6 bytes per second). Detection itself reads at most a
//! 64 KiB sample per file and is timed on one such sample.

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

fn strip_bom(f: &[u8]) -> &[u8] {
    for bom in [&b"\xEF\xBB\xBF"[..], b"\xFF\xFE", b"\xFE\xFF"] {
        if let Some(rest) = f.strip_prefix(bom) {
            return rest;
        }
    }
    f
}

fn best_of(runs: usize, mut f: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
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
    println!("fixture\tencoding\tinput MB\tdecode MB/s\tdetect MB/s (64 KiB sample)");
    for (suffix, enc) in cases {
        let bytes = corpus(suffix);
        let decode = best_of(RUNS, || {
            let d = decode_as(black_box(&bytes), enc, 1.0).expect("decodes");
            black_box(d.text.len());
        });
        let sample = &bytes[..bytes.len().min(64 * 1024)];
        let det = best_of(RUNS, || {
            black_box(detect::detect(black_box(sample)).expect("detects"));
        });
        println!(
            "{suffix}\t{enc}\t{:.1}\t{:.0}\t{:.0}",
            bytes.len() as f64 / 1e6,
            mb_s(bytes.len(), decode),
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
    let decode = best_of(RUNS, || {
        let d = decode_as(black_box(&garbled), Encoding::Utf8Mojibake, 1.0).expect("decodes");
        black_box(d.text.len());
    });
    println!(
        "utf8 (double-encoded)\t{}\t{:.1}\t{:.0}\t-",
        Encoding::Utf8Mojibake,
        garbled.len() as f64 / 1e6,
        mb_s(garbled.len(), decode)
    );
}
