//! Fuzz-style robustness: thousands of deterministic pseudo-random inputs
//! (a tiny xorshift, no dependency) through `process_bytes`, detected and
//! forced in every encoding. Each must give a record or an error record's
//! `DocError` — never a panic — and a record must be consistent (its
//! `source.encoding` is a known name, confidence in [0, 1], undecodable
//! bytes reported as warnings).

use kehoach::pipeline::{Engine, Options, process_bytes};
use kehoach::source::Encoding;

/// xorshift64*: deterministic, good enough to shake a decoder.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }
}

fn fixture(name: &str) -> Vec<u8> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/encodings/");
    std::fs::read(format!("{dir}{name}")).unwrap()
}

/// The inputs of case `i`.
fn case(rng: &mut Rng, i: usize, seeds: &[Vec<u8>]) -> Vec<u8> {
    let seed = &seeds[i % seeds.len()];
    match i % 8 {
        // Random bytes of any kind.
        0 => {
            let n = rng.below(300);
            rng.bytes(n)
        }
        // Random high bytes sprinkled into ASCII text: legacy-looking.
        1 => {
            let mut v = b"Ke hoach thuc hien cac nhiem vu nam 2024 cua tinh ".repeat(4);
            for _ in 0..rng.below(40) {
                let at = rng.below(v.len());
                v[at] = 0x80 | rng.next() as u8;
            }
            v
        }
        // A legacy fixture cut anywhere (VNI pairs split, etc.).
        2 | 3 => {
            let start = rng.below(seed.len());
            let end = (start + rng.below(600)).min(seed.len());
            seed[start..end].to_vec()
        }
        // UTF-8 with truncated multi-byte sequences.
        4 => {
            let mut v = "Kế hoạch thực hiện của Ủy ban nhân dân tỉnh "
                .repeat(3)
                .into_bytes();
            let cut = rng.below(v.len());
            v.truncate(cut);
            v.extend_from_slice(&[0xE1, 0xBB][..1 + rng.below(2)]);
            v.extend_from_slice("tiếp".as_bytes());
            v
        }
        // UTF-16 of odd length, with and without BOM, possibly truncated mid-surrogate.
        5 => {
            let text = "Kế hoạch 𝔘 số 12/KH-UBND ngày 5/3/2021";
            let le = rng.below(2) == 0;
            let mut v: Vec<u8> = if rng.below(2) == 0 {
                if le {
                    vec![0xFF, 0xFE]
                } else {
                    vec![0xFE, 0xFF]
                }
            } else {
                Vec::new()
            };
            for u in text.encode_utf16() {
                v.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
            }
            let cut = rng.below(v.len()) | 1;
            v.truncate(cut.min(v.len()));
            v
        }
        // Mixed encodings in one file: pieces of two fixtures.
        6 => {
            let other = &seeds[(i / 8 + 3) % seeds.len()];
            let a = rng.below(seed.len());
            let b = rng.below(other.len());
            let mut v = seed[a..(a + 400).min(seed.len())].to_vec();
            v.extend_from_slice(&other[b..(b + 400).min(other.len())]);
            v
        }
        // Double-encoded text with random damage.
        _ => {
            let garbled = encoding_rs::WINDOWS_1252
                .decode_without_bom_handling("Kế hoạch thực hiện người được".as_bytes())
                .0
                .into_owned()
                .into_bytes();
            let mut v = garbled.repeat(3);
            for _ in 0..rng.below(4) {
                let at = rng.below(v.len());
                v[at] = rng.next() as u8;
            }
            v
        }
    }
}

#[test]
fn random_bytes_never_panic() {
    let seeds: Vec<Vec<u8>> = [
        "000_3b0880109bfb296f.vni.txt",
        "001_faba3362c144bd27.tcvn3.txt",
        "002_9257399244404568.viscii.txt",
        "003_42d72bf88131c20e.tcvn5712-1-vn1.txt",
        "004_8fcee2da3dc81e12.cp1258-decomposed.txt",
        "000_3b0880109bfb296f.utf16be.txt",
        "001_faba3362c144bd27.nfd.txt",
    ]
    .iter()
    .map(|n| fixture(n))
    .collect();
    let detecting = Engine::embedded().unwrap();
    let forced: Vec<(Encoding, Engine)> = Encoding::ALL
        .iter()
        .map(|&e| {
            let mut engine = Engine::embedded().unwrap();
            engine.options = Options {
                encoding: Some(e),
                ..Options::default()
            };
            (e, engine)
        })
        .collect();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut records, mut errors) = (0, 0);
    let cases = 2400;
    for i in 0..cases {
        let bytes = case(&mut rng, i, &seeds);
        let (label, engine) = if i % 3 == 0 {
            let (e, engine) = &forced[rng.below(forced.len())];
            (e.name(), engine)
        } else {
            ("detect", &detecting)
        };
        match process_bytes("fuzz", &bytes, engine) {
            Ok(rec) => {
                records += 1;
                assert!(
                    Encoding::ALL
                        .iter()
                        .any(|e| e.name() == rec.source.encoding),
                    "case {i} ({label}): {}",
                    rec.source.encoding
                );
                assert!((0.0..=1.0).contains(&rec.source.confidence), "case {i}");
                serde_json::to_string(&rec).unwrap();
            }
            Err(_) => errors += 1,
        }
    }
    println!("{cases} cases: {records} records, {errors} error records");
    assert!(records > cases / 2, "most inputs decode to something");
}

#[test]
fn undecodable_bytes_are_reported() {
    // VNI with stray mark bytes that follow no base letter.
    let mut bytes = fixture("002_9257399244404568.vni.txt");
    bytes.extend_from_slice(b"\n1\xf9 2\xf8 3\xfb 4\xf5\n");
    let engine = Engine::embedded().unwrap();
    let rec = process_bytes("x", &bytes, &engine).unwrap();
    assert_eq!(rec.source.encoding, "vni");
    let w = rec
        .warnings
        .iter()
        .find(|w| w.code == "undecodable-bytes")
        .expect("a warning");
    assert!(w.message.starts_with("4 byte(s)"), "{}", w.message);
    assert!(
        w.message.contains(&format!("offset {}", bytes.len() - 11)),
        "{}",
        w.message
    );
}
