//! Double-encoded UTF-8 ("Káº¿ hoáº¡ch"): UTF-8 bytes read as Windows-1252
//! and saved again as UTF-8. The file is valid UTF-8, so it is recognised by
//! its content and repaired by undoing the mistake: encode the text back to
//! Windows-1252 (with `encoding_rs`) and decode those bytes as UTF-8.
//!
//! The test is strict, so a correct UTF-8 file is never "repaired": every
//! character must have a Windows-1252 byte (a real Vietnamese text has
//! ạ ế ư đ …, which do not) and the bytes must form UTF-8 with multi-byte
//! sequences. A tool that dropped the five bytes Windows-1252 leaves
//! undefined (81 8D 8F 90 9D; "ờ" is E1 BB 9D) leaves a few invalid
//! sequences: tolerated, and reported as undecodable, when there are at
//! least ten repaired characters and four times as many as lost ones.
//!
//! What it does not do: repair a file that mixes correct and double-encoded
//! lines, or text double-encoded through another code page.

use encoding_rs::WINDOWS_1252;

/// Byte patterns (UTF-8) that start most double-encoded Vietnamese letters:
/// "Ã" (C3 83, from à á â ã è é …), "Ä" (C3 84, from ă đ ĩ), "Æ" (C3 86, from
/// ơ ư), "á»"/"áº" (C3 A1 C2 BB/BA, from ạ … ỹ), "Â" (C3 82, from U+0080–U+00BF).
const SIGNATURES: &[&[u8]] = &[
    b"\xC3\x83",
    b"\xC3\x84",
    b"\xC3\x86",
    b"\xC3\xA1\xC2\xBA",
    b"\xC3\xA1\xC2\xBB",
    b"\xC3\x82",
];

/// Does Windows-1252 (as WHATWG maps it, C1 controls included) have `c`?
fn in_windows_1252(c: char) -> bool {
    (c as u32) < 0x100
        || matches!(
            c,
            '€' | '‚'
                | 'ƒ'
                | '„'
                | '…'
                | '†'
                | '‡'
                | 'ˆ'
                | '‰'
                | 'Š'
                | '‹'
                | 'Œ'
                | 'Ž'
                | '‘'
                | '’'
                | '“'
                | '”'
                | '•'
                | '–'
                | '—'
                | '˜'
                | '™'
                | 'š'
                | '›'
                | 'œ'
                | 'ž'
                | 'Ÿ'
        )
}

/// A repaired text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repaired {
    /// The text as it was before the double encoding.
    pub text: String,
    /// Characters of the original that did not come back (U+FFFD).
    pub undecodable: usize,
    /// Byte offset (in the Windows-1252 bytes) of the first of them.
    pub first_undecodable: Option<usize>,
    /// Characters repaired (multi-byte sequences restored).
    pub repaired: usize,
}

/// Undo the double encoding of `text`; `None` when `text` is not
/// double-encoded UTF-8 (see the module docs for the test).
pub fn repair(text: &str) -> Option<Repaired> {
    // Cheap rejection first: a correct Vietnamese text fails within its
    // first accented word, before any encoding work.
    if text.is_ascii() || !text.chars().all(in_windows_1252) {
        return None;
    }
    let (bytes, _, unmappable) = WINDOWS_1252.encode(text);
    if unmappable {
        return None;
    }
    let (text, undecodable, first_undecodable) = match simdutf8::compat::from_utf8(&bytes) {
        Ok(s) => (s.to_string(), 0, None),
        Err(e) => {
            let lossy = String::from_utf8_lossy(&bytes).into_owned();
            let bad = lossy.matches('\u{FFFD}').count();
            (lossy, bad, Some(e.valid_up_to()))
        }
    };
    let repaired = text
        .chars()
        .filter(|&c| !c.is_ascii() && c != '\u{FFFD}')
        .count();
    let acceptable =
        repaired > 0 && (undecodable == 0 || (repaired >= 10 && undecodable * 4 <= repaired));
    acceptable.then(|| Repaired {
        text: text
            .strip_prefix('\u{FEFF}')
            .map(str::to_string)
            .unwrap_or(text),
        undecodable,
        first_undecodable,
        repaired,
    })
}

/// When `text` (valid UTF-8) is double-encoded, the confidence in [0, 1].
/// A quick byte scan for the usual signatures comes first, so correct files
/// cost one pass of `memmem`.
pub fn detect(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    if !SIGNATURES
        .iter()
        .any(|sig| memchr::memmem::find(bytes, sig).is_some())
    {
        return None;
    }
    let r = repair(text)?;
    let n = r.repaired as f64;
    let clean = 1.0 - r.undecodable as f64 / (n + r.undecodable as f64);
    Some(clean * (0.5 + n / 20.0).min(1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Make mojibake the way it happens: UTF-8 bytes read as Windows-1252.
    fn garble(s: &str) -> String {
        WINDOWS_1252
            .decode_without_bom_handling(s.as_bytes())
            .0
            .into_owned()
    }

    #[test]
    fn repairs_double_encoding() {
        let original = "Kế hoạch thực hiện của Ủy ban nhân dân tỉnh về việc đường, người";
        let bad = garble(original);
        assert!(bad.contains("Káº¿ hoáº¡ch"));
        assert!(detect(&bad).is_some_and(|c| c > 0.9));
        assert_eq!(repair(&bad).unwrap().text, original);
    }

    #[test]
    fn dropped_undefined_bytes_are_tolerated_and_counted() {
        let original = "Thời gian thực hiện: các cơ quan, đơn vị, người dân được hướng dẫn";
        let bad: String = garble(original)
            .chars()
            .filter(|&c| c != '\u{9D}')
            .collect();
        let r = repair(&bad).unwrap();
        assert!(r.undecodable >= 1);
        assert!(r.text.contains("thực hiện"));
    }

    #[test]
    fn windows_1252_repertoire() {
        let all: Vec<u8> = (0..=255).collect();
        let decoded = WINDOWS_1252.decode_without_bom_handling(&all).0;
        assert!(decoded.chars().all(in_windows_1252));
        assert!(!in_windows_1252('ế') && !in_windows_1252('đ'));
    }

    #[test]
    fn correct_text_is_never_mojibake() {
        for ok in [
            "Kế hoạch số 12/KH-UBND của Ủy ban nhân dân tỉnh",
            "XÃ HỘI CHỦ NGHĨA, NGÃ BA, Cà Mau, São Paulo, café, naïve",
            "plain ascii",
            "Â",
        ] {
            assert_eq!(detect(ok), None, "{ok}");
        }
    }
}
