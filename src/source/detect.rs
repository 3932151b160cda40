//! Encoding detection from the bytes alone (never from the file name).
//!
//! Order: BOM → UTF-16 without BOM (NUL bytes on one parity) → binary (any
//! other NUL) → valid UTF-8 → the legacy candidates, each decoded and scored
//! by how Vietnamese the result looks.

use super::{Encoding, legacy};
use crate::error::{DocError, DocErrorKind};

/// The detector's verdict.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Detection {
    /// The encoding chosen.
    pub encoding: Encoding,
    /// Confidence in [0, 1].
    pub confidence: f64,
}

/// How many leading bytes the UTF-16 and binary sniffers look at.
const SNIFF: usize = 64 * 1024;

/// Detect the encoding of `bytes`.
pub fn detect(bytes: &[u8]) -> Result<Detection, DocError> {
    let sure = |encoding| {
        Ok(Detection {
            encoding,
            confidence: 1.0,
        })
    };
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        return sure(Encoding::Utf8Bom);
    }
    if bytes.starts_with(b"\xFF\xFE") {
        return sure(Encoding::Utf16Le);
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return sure(Encoding::Utf16Be);
    }
    if let Some(nul) = memchr::memchr(0, &bytes[..bytes.len().min(SNIFF)]) {
        return match utf16_without_bom(bytes) {
            Some(d) => Ok(d),
            None => Err(DocError::new(
                DocErrorKind::Binary,
                format!("file looks binary (NUL byte at offset {nul})"),
            )),
        };
    }
    if simdutf8::basic::from_utf8(bytes).is_ok() {
        return sure(Encoding::Utf8);
    }
    legacy_candidate(bytes)
}

/// UTF-16 without BOM: NULs concentrated on one byte parity.
fn utf16_without_bom(bytes: &[u8]) -> Option<Detection> {
    let sample = &bytes[..bytes.len().min(SNIFF) & !1];
    if sample.len() < 4 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    let units = sample.len() / 2;
    let share = |n: usize| n as f64 / units as f64;
    // Vietnamese UTF-16 still has NUL high bytes for ASCII letters, spaces
    // and digits (well over a fifth of the text); the other parity has
    // almost none (only U+xx00 characters).
    if share(even) >= 0.2 && share(odd) <= 0.02 {
        Some(Detection {
            encoding: Encoding::Utf16Be,
            confidence: (share(even) * 2.0).min(1.0),
        })
    } else if share(odd) >= 0.2 && share(even) <= 0.02 {
        Some(Detection {
            encoding: Encoding::Utf16Le,
            confidence: (share(odd) * 2.0).min(1.0),
        })
    } else {
        None
    }
}

/// Not UTF-8: pick the best legacy candidate.
fn legacy_candidate(_bytes: &[u8]) -> Result<Detection, DocError> {
    match legacy::CANDIDATES.first() {
        Some(&encoding) => Ok(Detection {
            encoding,
            confidence: 0.5,
        }),
        None => Err(DocError::new(
            DocErrorKind::Undecodable,
            "not UTF-8 and no legacy decoder applies",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(s: &str, le: bool) -> Vec<u8> {
        s.encode_utf16()
            .flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() })
            .collect()
    }

    #[test]
    fn boms() {
        assert_eq!(
            detect(b"\xEF\xBB\xBFx").unwrap().encoding,
            Encoding::Utf8Bom
        );
        assert_eq!(
            detect(b"\xFF\xFEx\x00").unwrap().encoding,
            Encoding::Utf16Le
        );
        assert_eq!(
            detect(b"\xFE\xFF\x00x").unwrap().encoding,
            Encoding::Utf16Be
        );
    }

    #[test]
    fn utf16_without_bom_both_orders() {
        let text = "Kế hoạch triển khai thực hiện Nghị quyết số 18-NQ/TW";
        assert_eq!(
            detect(&utf16(text, true)).unwrap().encoding,
            Encoding::Utf16Le
        );
        assert_eq!(
            detect(&utf16(text, false)).unwrap().encoding,
            Encoding::Utf16Be
        );
    }

    #[test]
    fn stray_nul_is_binary() {
        let e = detect(b"\x7FELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00>\x00")
            .unwrap_err();
        assert_eq!(e.kind, DocErrorKind::Binary);
    }

    #[test]
    fn valid_utf8_is_utf8() {
        assert_eq!(
            detect("Ủy ban nhân dân tỉnh".as_bytes()).unwrap().encoding,
            Encoding::Utf8
        );
        assert_eq!(detect(b"plain ascii").unwrap().encoding, Encoding::Utf8);
    }
}
