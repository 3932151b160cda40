//! The encodings kehoach reads, their names (`source.encoding`), and
//! decoding bytes once the encoding is known.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use super::{Decoded, legacy, mojibake};
use crate::error::{DocError, DocErrorKind};
use crate::record::Warning;

/// A text encoding found in Vietnamese archives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Encoding {
    /// UTF-8 without BOM.
    Utf8,
    /// UTF-8 with a BOM (EF BB BF).
    Utf8Bom,
    /// UTF-16 little endian (with or without BOM).
    Utf16Le,
    /// UTF-16 big endian (with or without BOM).
    Utf16Be,
    /// Windows-1258 (base letters plus combining tone bytes).
    Windows1258,
    /// TCVN3 / ABC (TCVN 5712:1993 VN3, .VnTime fonts).
    Tcvn3,
    /// VNI-Windows (VNI-Times fonts): base byte plus mark bytes.
    Vni,
    /// VISCII 1.1 (RFC 1456).
    Viscii,
    /// TCVN 5712:1993 VN1 (glibc's TCVN5712-1), capitals in C0 and 80–9F.
    Tcvn5712_1,
    /// VIQR ASCII notation (`Vie^.t Nam`).
    Viqr,
    /// UTF-8 that was read as Windows-1252 and saved again, repaired.
    Utf8Mojibake,
}

impl Encoding {
    /// Every encoding, in the order `--encoding` documents them.
    pub const ALL: [Encoding; 11] = [
        Encoding::Utf8,
        Encoding::Utf8Bom,
        Encoding::Utf16Le,
        Encoding::Utf16Be,
        Encoding::Windows1258,
        Encoding::Tcvn3,
        Encoding::Vni,
        Encoding::Viscii,
        Encoding::Tcvn5712_1,
        Encoding::Viqr,
        Encoding::Utf8Mojibake,
    ];

    /// The name written in `source.encoding`.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf8Bom => "utf-8-bom",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Windows1258 => "windows-1258",
            Encoding::Tcvn3 => "tcvn3",
            Encoding::Vni => "vni",
            Encoding::Viscii => "viscii",
            Encoding::Tcvn5712_1 => "tcvn5712-1",
            Encoding::Viqr => "viqr",
            Encoding::Utf8Mojibake => "utf-8-mojibake",
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Encoding {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let key = s.trim().to_ascii_lowercase().replace('_', "-");
        let alias = match key.as_str() {
            "utf8" => "utf-8",
            "utf16le" | "utf-16" => "utf-16le",
            "utf16be" => "utf-16be",
            "cp1258" | "windows1258" => "windows-1258",
            "abc" | "tcvn" | "vn3" => "tcvn3",
            "vni-windows" | "vni-win" => "vni",
            "vn1" | "tcvn5712" => "tcvn5712-1",
            other => other,
        };
        Encoding::ALL
            .into_iter()
            .find(|e| e.name() == alias)
            .ok_or_else(|| {
                let names: Vec<_> = Encoding::ALL.iter().map(|e| e.name()).collect();
                format!("unknown encoding {s:?}; known: {}", names.join(", "))
            })
    }
}

/// Decode `bytes` as `encoding` (BOMs are stripped; undecodable bytes are
/// replaced with U+FFFD and reported in a warning).
pub fn decode_as(
    bytes: &[u8],
    encoding: Encoding,
    confidence: f64,
) -> Result<Decoded<'_>, DocError> {
    let mut warnings = Vec::new();
    let text: Cow<'_, str> = match encoding {
        Encoding::Utf8 | Encoding::Utf8Bom => {
            let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            match simdutf8::basic::from_utf8(body) {
                Ok(s) => Cow::Borrowed(s),
                Err(_) => {
                    let owned = String::from_utf8_lossy(body);
                    undecodable_warning(body, &owned, &mut warnings);
                    Cow::Owned(owned.into_owned())
                }
            }
        }
        Encoding::Utf16Le | Encoding::Utf16Be => {
            let (enc, bom) = if encoding == Encoding::Utf16Le {
                (encoding_rs::UTF_16LE, &b"\xFF\xFE"[..])
            } else {
                (encoding_rs::UTF_16BE, &b"\xFE\xFF"[..])
            };
            let body = bytes.strip_prefix(bom).unwrap_or(bytes);
            let (text, had_errors) = enc.decode_without_bom_handling(body);
            if had_errors {
                let bad = text.matches('\u{FFFD}').count();
                warnings.push(Warning::new(
                    "undecodable-bytes",
                    format!(
                        "{bad} undecodable UTF-16 code unit(s){}",
                        if body.len() % 2 == 1 {
                            " (odd byte count: the file is truncated)"
                        } else {
                            ""
                        }
                    ),
                    None,
                ));
            }
            Cow::Owned(text.into_owned())
        }
        Encoding::Utf8Mojibake => {
            let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            let text = String::from_utf8_lossy(body);
            if text.contains('\u{FFFD}') {
                undecodable_warning(body, &text, &mut warnings);
            }
            match mojibake::repair(&text) {
                Some(r) => {
                    if r.undecodable > 0 {
                        warnings.push(Warning::new(
                            "undecodable-bytes",
                            format!(
                                "{} character(s) of the double-encoded text did not come back; first at byte offset {} of the repaired bytes",
                                r.undecodable,
                                r.first_undecodable.unwrap_or(0)
                            ),
                            None,
                        ));
                    }
                    Cow::Owned(r.text)
                }
                // Forced on text that is not double-encoded: keep it as it is.
                None => Cow::Owned(text.into_owned()),
            }
        }
        other => {
            let out = legacy::decode(bytes, other).ok_or_else(|| {
                DocError::new(
                    DocErrorKind::Undecodable,
                    format!("no decoder for {other} is available in this build"),
                )
            })?;
            if out.undecodable > 0 {
                warnings.push(Warning::new(
                    "undecodable-bytes",
                    format!(
                        "{} byte(s) have no meaning in {other}; first at byte offset {}",
                        out.undecodable,
                        out.first_undecodable.unwrap_or(0)
                    ),
                    None,
                ));
            }
            Cow::Owned(out.text)
        }
    };
    Ok(Decoded {
        text,
        encoding,
        confidence,
        warnings,
    })
}

fn undecodable_warning(body: &[u8], lossy: &str, warnings: &mut Vec<Warning>) {
    let first = simdutf8::compat::from_utf8(body)
        .err()
        .map(|e| e.valid_up_to())
        .unwrap_or(0);
    let bad = lossy.matches('\u{FFFD}').count();
    warnings.push(Warning::new(
        "undecodable-bytes",
        format!("{bad} invalid UTF-8 sequence(s); first at byte offset {first}"),
        None,
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for e in Encoding::ALL {
            assert_eq!(e.name().parse::<Encoding>().unwrap(), e);
        }
        assert_eq!("cp1258".parse::<Encoding>().unwrap(), Encoding::Windows1258);
        assert!("klingon".parse::<Encoding>().is_err());
    }

    #[test]
    fn utf16_odd_length_warns() {
        let d = decode_as(b"\xFF\xFEa\x00b", Encoding::Utf16Le, 1.0).unwrap();
        assert!(d.text.starts_with('a'));
        assert_eq!(d.warnings.len(), 1);
    }

    #[test]
    fn invalid_utf8_is_replaced_and_reported() {
        let d = decode_as(b"ab\xFFcd", Encoding::Utf8, 1.0).unwrap();
        assert_eq!(d.text, "ab\u{FFFD}cd");
        assert!(d.warnings[0].message.contains("offset 2"));
    }
}
