//! Decoders for the legacy 8-bit Vietnamese encodings.
//!
//! Windows-1258 goes through `encoding_rs` (its output is not NFC: the
//! normalize stage recomposes it). The font encodings that `encoding_rs` does
//! not know (TCVN3, VNI, VISCII, VN1) are table-driven, with their byte tables
//! as data under `rules/encodings/`.

use super::Encoding;

/// Text decoded from a legacy encoding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegacyText {
    /// The decoded text (not yet NFC).
    pub text: String,
    /// Bytes that have no meaning in the encoding (replaced by U+FFFD).
    pub undecodable: usize,
    /// Byte offset of the first of them.
    pub first_undecodable: Option<usize>,
}

/// The legacy encodings detection scores, in tie-break order.
pub const CANDIDATES: &[Encoding] = &[Encoding::Windows1258];

/// Decode `bytes` as the legacy `encoding`; `None` when this build has no
/// decoder for it.
pub fn decode(bytes: &[u8], encoding: Encoding) -> Option<LegacyText> {
    match encoding {
        Encoding::Windows1258 => {
            let (text, _, had_errors) = encoding_rs::WINDOWS_1258.decode(bytes);
            let text = text.into_owned();
            let (undecodable, first) = if had_errors {
                count_replacements(&text)
            } else {
                (0, None)
            };
            Some(LegacyText {
                text,
                undecodable,
                first_undecodable: first,
            })
        }
        _ => None,
    }
}

fn count_replacements(text: &str) -> (usize, Option<usize>) {
    let first = text.find('\u{FFFD}');
    (text.matches('\u{FFFD}').count(), first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1258_decodes_combining_tones() {
        // "Vi" + ê (0xEA) + combining dot below (0xF2) + "t"
        let out = decode(b"Vi\xEA\xF2t", Encoding::Windows1258).unwrap();
        assert_eq!(out.text, "Vi\u{EA}\u{323}t");
        assert_eq!(out.undecodable, 0);
    }
}
