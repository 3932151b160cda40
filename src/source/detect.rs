//! Encoding detection from the bytes alone (never from the file name).
//!
//! Order: BOM → UTF-16 without BOM (NUL bytes on one parity) → binary (any
//! other NUL) → valid UTF-8 (then: double-encoded UTF-8? ASCII that is
//! unmistakably VIQR?) → the legacy 8-bit candidates (Windows-1258, TCVN3,
//! VNI, VISCII, VN1), each decoding a sample that is scored by how
//! Vietnamese the result looks (`syllable.rs`: well-formed syllables,
//! frequent syllables, invalid words, undecodable bytes). All candidates
//! score the first 16 KiB; those within 80% of the leader also score the
//! rest of the first 64 KiB, and the best total wins.
//!
//! Confidence: 1 for a BOM or valid UTF-8; for double-encoded UTF-8, from
//! the number of characters repaired; for a legacy pick, the share of
//! the sample's judged words that are Vietnamese syllables, scaled down when
//! there are few of them. Text that looks Vietnamese in no candidate (e.g.
//! Western text with a few accented letters) falls back to Windows-1258,
//! which reads Latin-1 letters as themselves, with a low confidence: a
//! non-Vietnamese file is never called TCVN3 or VNI.
//!
//! What this module does not do: look at the file name, or at font names
//! inside word-processor files (kehoach reads plain text).

use super::{Encoding, legacy, mojibake, syllable, viqr};
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
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        if let Some(confidence) = mojibake::detect(text) {
            return Ok(Detection {
                encoding: Encoding::Utf8Mojibake,
                confidence,
            });
        }
        if bytes.is_ascii()
            && let Some(confidence) = viqr::looks_like_viqr(sample_str(text))
        {
            return Ok(Detection {
                encoding: Encoding::Viqr,
                confidence,
            });
        }
        return sure(Encoding::Utf8);
    }
    Ok(legacy_candidate(bytes))
}

/// How many leading bytes the legacy candidates decode and score.
const SCORE_SAMPLE: usize = 64 * 1024;

/// The first [`SCORE_SAMPLE`] bytes of an ASCII text.
fn sample_str(text: &str) -> &str {
    text.get(..text.len().min(SCORE_SAMPLE)).unwrap_or(text)
}

/// How many leading bytes a first, quick round scores; candidates that
/// are clearly behind after it are not scored on the full sample.
const QUICK_SAMPLE: usize = 16 * 1024;

/// `encodings` scored on `sample`.
fn scores(sample: &[u8], encodings: &[Encoding]) -> Vec<(Encoding, syllable::Score)> {
    encodings
        .iter()
        .filter_map(|&e| legacy::decode_table(sample, e).map(|d| (e, syllable::score(&d.text))))
        .collect()
}

/// `bytes` split after the last line break within the first `len` bytes
/// (every candidate reads 0x0A as a line break, so no letter is cut), or at
/// `len` when there is none.
fn split_sample(bytes: &[u8], len: usize) -> (&[u8], &[u8]) {
    let head = &bytes[..bytes.len().min(len)];
    let cut = if head.len() < bytes.len() {
        memchr::memrchr(b'\n', head).map_or(head.len(), |i| i + 1)
    } else {
        head.len()
    };
    bytes.split_at(cut)
}

/// The scores of every legacy candidate on the leading sample of `bytes`,
/// in [`legacy::CANDIDATES`] order (for diagnostics and tests).
pub fn legacy_scores(bytes: &[u8]) -> Vec<(Encoding, syllable::Score)> {
    scores(split_sample(bytes, SCORE_SAMPLE).0, legacy::CANDIDATES)
}

/// The best of `scores` (earlier entries win ties).
fn best(scores: &[(Encoding, syllable::Score)]) -> Option<(Encoding, syllable::Score)> {
    let mut best: Option<(Encoding, syllable::Score)> = None;
    for &(e, s) in scores {
        if best.is_none_or(|(_, b)| s.value() > b.value()) {
            best = Some((e, s));
        }
    }
    best
}

/// Fewer Vietnamese words than this in the best candidate: not Vietnamese.
const MIN_VALID_WORDS: usize = 3;

/// Not UTF-8: the legacy candidate whose decoding looks most Vietnamese
/// (earlier candidates win ties). A quick round on the first 16 KiB keeps
/// the candidates within reach of the leader (TCVN3 and VN1 read most bytes
/// alike, so both stay); those also score the rest of the 64 KiB sample.
fn legacy_candidate(bytes: &[u8]) -> Detection {
    let (head, rest) = split_sample(bytes, QUICK_SAMPLE);
    let quick = scores(head, legacy::CANDIDATES);
    let lead = best(&quick).map_or(0.0, |(_, s)| s.value());
    let close = quick
        .into_iter()
        .filter(|(_, s)| lead <= 0.0 || s.value() >= 0.8 * lead);
    let rest = split_sample(rest, SCORE_SAMPLE.saturating_sub(head.len())).0;
    let full: Vec<(Encoding, syllable::Score)> = close
        .map(|(e, s)| match legacy::decode_table(rest, e) {
            Some(d) if !rest.is_empty() => (e, s + syllable::score(&d.text)),
            _ => (e, s),
        })
        .collect();
    match best(&full) {
        Some((encoding, s)) if s.valid >= MIN_VALID_WORDS && s.validity() >= 0.5 => {
            let evidence = (s.valid as f64 / 20.0).min(1.0);
            Detection {
                encoding,
                confidence: s.validity() * (0.5 + 0.5 * evidence),
            }
        }
        _ => Detection {
            encoding: Encoding::Windows1258,
            confidence: 0.1,
        },
    }
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
