//! Detection on short texts: each encoding on Vietnamese sentences (encoded
//! here with the decoder's own tables, reversed), double-encoded UTF-8,
//! VIQR, and counter-examples that must never be called TCVN3 or VNI
//! (English, Western European text with a few Latin-1 letters, source code)
//! or anything but UTF-8 (valid UTF-8 Vietnamese).

use std::collections::HashMap;

use encoding_rs::{WINDOWS_1252, WINDOWS_1258};
use kehoach::pipeline::{Engine, process_bytes};
use kehoach::source::{self, Encoding, legacy};
use unicode_normalization::UnicodeNormalization;

const SENTENCES: &[&str] = &[
    "Kế hoạch thực hiện công tác phòng chống dịch bệnh của tỉnh năm 2024.",
    "Các sở, ban, ngành được giao nhiệm vụ tham mưu, đề xuất giải pháp.",
    "Tăng cường quản lý nhà nước về đất đai, tài nguyên và môi trường trên địa bàn.",
    "ỦY BAN NHÂN DÂN TỈNH\nKẾ HOẠCH triển khai thực hiện Nghị quyết số 18-NQ/TW về sắp xếp tổ chức bộ máy.",
];

/// Is `b2` a mark byte of the same case as the base `b1` (the form VNI
/// tools write)?
fn canonical_pair(seq: &[u8]) -> bool {
    match seq {
        [b1, b2] => {
            let upper_base = if *b1 < 0x80 {
                b1.is_ascii_uppercase()
            } else {
                *b1 < 0xE0
            };
            upper_base == (*b2 < 0xE0)
        }
        _ => true,
    }
}

/// Encode `text` with the byte table of `enc` (reversed); TCVN3 writes a
/// capital it has no code for with the lowercase code, as its tools do.
fn encode_with_table(text: &str, enc: Encoding) -> Vec<u8> {
    let mut reverse: HashMap<char, Vec<u8>> = HashMap::new();
    for (seq, c) in legacy::table(enc).unwrap().entries() {
        if canonical_pair(&seq) {
            reverse.entry(c).or_insert(seq);
        }
    }
    let mut out = Vec::new();
    for c in text.nfc() {
        if c.is_ascii() && !reverse.contains_key(&c) {
            out.push(c as u8);
        } else if let Some(seq) = reverse.get(&c) {
            out.extend_from_slice(seq);
        } else {
            let lower = c.to_lowercase().next().unwrap();
            out.extend_from_slice(&reverse[&lower]);
        }
    }
    out
}

/// Encode `text` as Windows-1258 the way Word does: precomposed where the
/// code page has the letter, else base letter plus combining tone byte.
fn encode_1258(text: &str) -> Vec<u8> {
    let mut out = Vec::new();
    for c in text.nfc() {
        let s = c.to_string();
        let (bytes, _, unmappable) = WINDOWS_1258.encode(&s);
        if !unmappable {
            out.extend_from_slice(&bytes);
            continue;
        }
        let parts: Vec<char> = s.nfd().collect();
        let (tones, rest): (Vec<char>, Vec<char>) = parts
            .into_iter()
            .partition(|m| matches!(m, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}'));
        let base: String = rest.into_iter().collect::<String>().nfc().collect();
        let tone: String = tones.into_iter().collect();
        let (b, _, bad1) = WINDOWS_1258.encode(&base);
        let (t, _, bad2) = WINDOWS_1258.encode(&tone);
        assert!(!bad1 && !bad2, "{c}");
        out.extend_from_slice(&b);
        out.extend_from_slice(&t);
    }
    out
}

fn detected(bytes: &[u8]) -> Encoding {
    source::identify(bytes).unwrap().encoding
}

#[test]
fn each_encoding_on_short_sentences() {
    for &s in SENTENCES {
        let has_vn1_capital = s.contains("ỦY");
        let cases = [
            (Encoding::Windows1258, encode_1258(s)),
            (Encoding::Tcvn3, encode_with_table(s, Encoding::Tcvn3)),
            (Encoding::Vni, encode_with_table(s, Encoding::Vni)),
            (Encoding::Viscii, encode_with_table(s, Encoding::Viscii)),
            (
                Encoding::Tcvn5712_1,
                encode_with_table(s, Encoding::Tcvn5712_1),
            ),
        ];
        for (enc, bytes) in cases {
            // Without a capital only VN1 has, VN1 bytes are TCVN3 bytes.
            let want = if enc == Encoding::Tcvn5712_1 && !has_vn1_capital {
                Encoding::Tcvn3
            } else {
                enc
            };
            assert_eq!(detected(&bytes), want, "{enc}: {s}");
            let text: String = source::decode(&bytes, None).unwrap().text.nfc().collect();
            if enc == Encoding::Tcvn3 {
                assert_eq!(text.to_lowercase(), s.to_lowercase(), "{enc}");
            } else {
                assert_eq!(text, s, "{enc}");
            }
        }
    }
}

#[test]
fn double_encoded_utf8_is_repaired() {
    for &s in SENTENCES {
        let garbled = WINDOWS_1252.decode_without_bom_handling(s.as_bytes()).0;
        let d = source::identify(garbled.as_bytes()).unwrap();
        assert_eq!(d.encoding, Encoding::Utf8Mojibake, "{garbled}");
        assert!(d.confidence > 0.9);
        assert_eq!(source::decode(garbled.as_bytes(), None).unwrap().text, s);
    }
    // A whole plan: same record as the seed but for `source`.
    let engine = Engine::embedded().unwrap();
    let seed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/corpus/001_faba3362c144bd27.txt"
    ))
    .unwrap();
    let garbled = WINDOWS_1252.decode_without_bom_handling(seed.as_bytes()).0;
    let rec = process_bytes("x", garbled.as_bytes(), &engine).unwrap();
    let want = process_bytes("x", seed.as_bytes(), &engine).unwrap();
    assert_eq!(rec.source.encoding, "utf-8-mojibake");
    assert_eq!(rec.plan, want.plan);
    assert_eq!(rec.warnings, want.warnings);
}

#[test]
fn viqr_only_when_sure_or_forced() {
    let viqr = "Ke^' hoa.ch thu+.c hie^.n co^ng ta'c pho`ng cho^'ng di.ch be^.nh cu?a ti?nh.\n\
                Ca'c so+?, ban, nga`nh ddu+o+.c giao nhie^.m vu. tham mu+u, dde^` xua^'t gia?i pha'p.\n";
    let want = "Kế hoạch thực hiện công tác phòng chống dịch bệnh của tỉnh.\n\
                Các sở, ban, ngành được giao nhiệm vụ tham mưu, đề xuất giải pháp.\n";
    assert_eq!(detected(viqr.as_bytes()), Encoding::Viqr);
    assert_eq!(source::decode(viqr.as_bytes(), None).unwrap().text, want);
    // Too little to be sure: plain ASCII, decodable when forced.
    let short = "Vie^.t Nam";
    assert_eq!(detected(short.as_bytes()), Encoding::Utf8);
    let forced = source::decode(short.as_bytes(), Some(Encoding::Viqr)).unwrap();
    assert_eq!(forced.text, "Việt Nam");
}

#[test]
fn valid_utf8_vietnamese_is_utf8() {
    for s in
        SENTENCES
            .iter()
            .copied()
            .chain(["XÃ HỘI CHỦ NGHĨA", "Cà Mau", "Ấp Bắc — “Đồng Khởi”", "Á"])
    {
        assert_eq!(detected(s.as_bytes()), Encoding::Utf8, "{s}");
        let nfd: String = s.nfd().collect();
        assert_eq!(detected(nfd.as_bytes()), Encoding::Utf8, "{s}");
    }
}

#[test]
fn counter_examples_are_never_tcvn3_or_vni() {
    let english = "The provincial plan was approved on 12 March 2021. It sets targets \
                   for schools, roads and clinics; progress is reported every quarter.";
    let code = "fn main() {\n    let v: Vec<u32> = (0..10).map(|x| x * 2).collect();\n    \
                println!(\"{:?} {}\", v, a^b + (c+d));\n}\n";
    // ASCII: UTF-8, whatever it says.
    for ascii in [english, code, "a^ o+ u+ a( e^ (x+y)^2"] {
        assert_eq!(detected(ascii.as_bytes()), Encoding::Utf8, "{ascii}");
    }
    // Western European text with a few Latin-1 letters, in Windows-1252.
    let western = [
        "Café crème brûlée à la française, naïve résumé. Zoë in São Paulo.",
        "// Copyright © 2020 Jürgen Müller\nfn main() { println!(\"größe\"); }\n",
        "Die Straße führt über die Brücke. Äpfel und Öl kosten 3 €.",
        "He said “yes” – and left… for the café.",
        "Señor Muñoz, año 2021: ¿qué tal? ¡Olé!",
        "Une société française a été créée à Hô Chi Minh-Ville en 1995, près du marché.",
    ];
    for w in western {
        let (bytes, _, unmappable) = WINDOWS_1252.encode(w);
        assert!(!unmappable);
        let d = source::identify(&bytes).unwrap();
        assert!(
            !matches!(d.encoding, Encoding::Tcvn3 | Encoding::Vni),
            "{w}: {}",
            d.encoding
        );
        assert!(d.confidence < 0.5, "{w}: {}", d.confidence);
    }
}

#[test]
fn detect_command_prints_path_encoding_confidence() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/encodings");
    let vni = format!("{dir}/001_faba3362c144bd27.vni.txt");
    let viscii = format!("{dir}/001_faba3362c144bd27.viscii.txt");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args(["detect", &vni, &viscii, "/nonexistent/kehoach.txt"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "a missing file makes the status 1"
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<Vec<&str>> = stdout.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 3, "{stdout}");
    // Sorted by path, as every batch output; where the checkout lives decides
    // whether the missing file comes first or last.
    let mut expected = vec![
        ("/nonexistent/kehoach.txt", "error:unreadable"),
        (viscii.as_str(), "viscii"),
        (vni.as_str(), "vni"),
    ];
    expected.sort();
    for (row, (path, encoding)) in rows.iter().zip(&expected) {
        assert_eq!(&row[..2], [*path, *encoding]);
    }
    let missing = rows
        .iter()
        .find(|r| r[0] == "/nonexistent/kehoach.txt")
        .unwrap();
    assert_eq!(missing[2], "0.000");
    let vni_row = rows.iter().find(|r| r[0] == vni).unwrap();
    let confidence: f64 = vni_row[2].parse().unwrap();
    assert!(confidence > 0.9);
}
