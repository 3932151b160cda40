//! Decoders for the legacy Vietnamese encodings.
//!
//! Windows-1258 goes through `encoding_rs` (its output is not NFC: the
//! normalize stage recomposes it). The font encodings that `encoding_rs` does
//! not know (TCVN3, VNI, VISCII, VN1) are table-driven: their byte tables are
//! data under `rules/encodings/*.tsv`, embedded here with `include_str!`
//! (the source stage runs before rules load), parsed once, and decoded by a
//! byte loop with longest match (VNI writes a letter as a base byte plus a
//! mark byte). VIQR is ASCII notation, decoded by `viqr.rs`. After TCVN3, a
//! conservative casing repair (`casing.rs`) restores the capitals VN3 cannot
//! encode.
//!
//! What this module does not do: choose the encoding (`detect.rs`) or
//! normalize (NFC happens in the normalize stage).

use once_cell::sync::Lazy;

use super::{Encoding, casing, viqr};

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

/// The legacy 8-bit encodings detection scores, in tie-break order
/// (Windows-1258 first: it is also the fallback for text that is not
/// Vietnamese; TCVN3 before VN1, which reads its letters the same way).
pub const CANDIDATES: &[Encoding] = &[
    Encoding::Windows1258,
    Encoding::Tcvn3,
    Encoding::Vni,
    Encoding::Viscii,
    Encoding::Tcvn5712_1,
];

/// What a byte without meaning decodes to.
const UNDECODABLE: char = '\u{FFFD}';

/// Second bytes after one first byte: the character of each pair.
type Seconds = [Option<char>; 256];

/// A byte table: one character per byte, plus two-byte sequences (a VNI base
/// letter and its mark byte) that win over the single bytes.
pub struct ByteTable {
    single: [char; 256],
    pairs: [Option<Box<Seconds>>; 256],
    /// Derived: each single byte's character as UTF-8 (bytes, length).
    utf8: [Utf8; 256],
    /// Derived: bytes that have no meaning (decoded as U+FFFD).
    bad: [bool; 256],
    /// Derived: some byte starts a two-byte sequence.
    has_pairs: bool,
    /// Derived: each pair's character as UTF-8 (length 0: no such pair).
    pairs_utf8: [Option<Box<[Utf8; 256]>>; 256],
}

/// A character's UTF-8 bytes and their count.
type Utf8 = ([u8; 4], u8);

fn utf8_of(c: char) -> Utf8 {
    let mut buf = [0u8; 4];
    let len = c.encode_utf8(&mut buf).len() as u8;
    (buf, len)
}

impl std::fmt::Debug for ByteTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ByteTable")
            .field("entries", &self.entries().len())
            .finish()
    }
}

impl ByteTable {
    /// Parse a table: one `HEX [HEX]<TAB>CHAR` mapping per line, CHAR being
    /// the character itself or `U+XXXX`; `#` lines and anything after a
    /// second tab are comments. Unlisted bytes below 0x80 are ASCII, unlisted
    /// bytes from 0x80 have no meaning.
    pub fn parse(tsv: &str) -> Result<ByteTable, String> {
        let mut single: [char; 256] = std::array::from_fn(|b| {
            if b < 0x80 {
                char::from(b as u8)
            } else {
                UNDECODABLE
            }
        });
        let mut pairs: [Option<Box<Seconds>>; 256] = std::array::from_fn(|_| None);
        let mut seen = std::collections::HashSet::new();
        for (n, line) in tsv.lines().enumerate() {
            let err = |m: &str| format!("line {}: {m}: {line:?}", n + 1);
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t');
            let seq = cols
                .next()
                .unwrap_or("")
                .split_whitespace()
                .map(|h| u8::from_str_radix(h, 16))
                .collect::<Result<Vec<u8>, _>>()
                .map_err(|_| err("bad hex byte"))?;
            let c = parse_char(cols.next().unwrap_or("").trim()).ok_or_else(|| err("bad char"))?;
            if !seen.insert(seq.clone()) {
                return Err(err("duplicate byte sequence"));
            }
            match seq[..] {
                [b] => single[usize::from(b)] = c,
                [b1, b2] => {
                    pairs[usize::from(b1)].get_or_insert_with(|| Box::new([None; 256]))
                        [usize::from(b2)] = Some(c);
                }
                _ => return Err(err("a sequence is one or two bytes")),
            }
        }
        Ok(ByteTable::new(single, pairs))
    }

    fn new(single: [char; 256], pairs: [Option<Box<Seconds>>; 256]) -> Self {
        let utf8 = std::array::from_fn(|b| utf8_of(single[b]));
        let pairs_utf8 = std::array::from_fn(|b| {
            pairs[b].as_ref().map(|seconds| {
                Box::new(std::array::from_fn(|n| {
                    seconds[n].map_or(([0; 4], 0), utf8_of)
                }))
            })
        });
        let bad = std::array::from_fn(|b| single[b] == UNDECODABLE);
        let has_pairs = pairs.iter().any(Option::is_some);
        ByteTable {
            single,
            pairs,
            utf8,
            bad,
            has_pairs,
            pairs_utf8,
        }
    }

    /// Also accept a mark byte of the other case after a base letter (Word's
    /// change-case turns VNI "aùo" into "Aùo" for "Áo"): the character of
    /// the canonical pair, in the base letter's case.
    fn with_case_blind_marks(mut self) -> Self {
        for (b1, seconds) in self.pairs.iter_mut().enumerate() {
            let Some(seconds) = seconds else { continue };
            let base_upper = u8::try_from(b1).is_ok_and(|b| {
                if b < 0x80 {
                    b.is_ascii_uppercase()
                } else {
                    b < 0xE0
                }
            });
            for b2 in 0xC0..=0xFEusize {
                let other = b2 ^ 0x20;
                if matches!(b2, 0xD7 | 0xF7) || seconds[other].is_some() {
                    continue;
                }
                if let Some(c) = seconds[b2] {
                    let c = if base_upper {
                        c.to_uppercase().next().unwrap_or(c)
                    } else {
                        c.to_lowercase().next().unwrap_or(c)
                    };
                    seconds[other] = Some(c);
                }
            }
        }
        ByteTable::new(self.single, self.pairs)
    }

    /// Decode `bytes`, longest match first. A byte loop over fixed 256-entry
    /// tables into a buffer sized for the worst case (3 bytes of UTF-8 per
    /// input byte): every byte stores its precomputed UTF-8 (4 bytes, of
    /// which the first 1–3 count); nothing is allocated per character.
    pub fn decode(&self, bytes: &[u8]) -> LegacyText {
        let mut sink = Sink {
            out: vec![0u8; bytes.len() * 3 + 4],
            len: 0,
            undecodable: 0,
            first_undecodable: None,
        };
        if !self.has_pairs {
            for (offset, &b) in bytes.iter().enumerate() {
                self.single_byte(usize::from(b), offset, &mut sink);
            }
        } else {
            let mut rest = bytes;
            let mut offset = 0;
            while let [b, tail @ ..] = rest {
                let b = usize::from(*b);
                if let (Some(seconds), [next, after @ ..]) = (&self.pairs_utf8[b], tail)
                    && let (utf8, len @ 1..) = &seconds[usize::from(*next)]
                {
                    sink.put(utf8, usize::from(*len));
                    rest = after;
                    offset += 2;
                    continue;
                }
                self.single_byte(b, offset, &mut sink);
                rest = tail;
                offset += 1;
            }
        }
        let out = sink.out.get(..sink.len).unwrap_or_default();
        // Every piece stored is a whole character's UTF-8; simdutf8 checks it
        // far faster than `String::from_utf8` on accented text, and the copy
        // is a memcpy.
        let text = match simdutf8::basic::from_utf8(out) {
            Ok(s) => s.to_owned(),
            Err(_) => String::from_utf8_lossy(out).into_owned(),
        };
        LegacyText {
            text,
            undecodable: sink.undecodable,
            first_undecodable: sink.first_undecodable,
        }
    }

    fn single_byte(&self, b: usize, offset: usize, sink: &mut Sink) {
        let (utf8, len) = &self.utf8[b];
        sink.put(utf8, usize::from(*len));
        if self.bad[b] {
            sink.undecodable += 1;
            sink.first_undecodable.get_or_insert(offset);
        }
    }

    /// The character of the single byte `b` (U+FFFD when it has none).
    pub fn char_of(&self, b: u8) -> char {
        self.single[usize::from(b)]
    }

    /// Every mapping (byte sequence, character), single bytes first; ASCII
    /// bytes that map to themselves are left out.
    pub fn entries(&self) -> Vec<(Vec<u8>, char)> {
        let mut out = Vec::new();
        for (b, &c) in (0u8..=255).zip(self.single.iter()) {
            if c != UNDECODABLE && !(b < 0x80 && c == char::from(b)) {
                out.push((vec![b], c));
            }
        }
        for (b1, seconds) in (0u8..=255).zip(self.pairs.iter()) {
            for (b2, c) in (0u8..=255).zip(seconds.iter().flat_map(|s| s.iter())) {
                if let Some(c) = c {
                    out.push((vec![b1, b2], *c));
                }
            }
        }
        out
    }
}

/// The output of [`ByteTable::decode`]: a buffer with room for 3 bytes per
/// input byte plus 4, so that every store of 4 bytes fits.
struct Sink {
    out: Vec<u8>,
    len: usize,
    undecodable: usize,
    first_undecodable: Option<usize>,
}

impl Sink {
    /// Store 4 bytes, of which the first `len` count.
    #[inline(always)]
    fn put(&mut self, utf8: &[u8; 4], len: usize) {
        if let Some(dst) = self.out.get_mut(self.len..self.len + 4) {
            dst.copy_from_slice(utf8);
            self.len += len;
        }
    }
}

fn parse_char(s: &str) -> Option<char> {
    if let Some(hex) = s.strip_prefix("U+") {
        return u32::from_str_radix(hex, 16).ok().and_then(char::from_u32);
    }
    let mut chars = s.chars();
    let c = chars.next()?;
    chars.next().is_none().then_some(c)
}

/// A built-in table. The tables are compiled in and checked by the tests
/// (every fixture decodes exactly), so a malformed one is a build defect.
fn builtin(name: &str, tsv: &str) -> ByteTable {
    ByteTable::parse(tsv)
        .unwrap_or_else(|e| panic!("built-in table rules/encodings/{name}.tsv: {e}"))
}

static TCVN3: Lazy<ByteTable> =
    Lazy::new(|| builtin("tcvn3", include_str!("../../rules/encodings/tcvn3.tsv")));
static VNI: Lazy<ByteTable> = Lazy::new(|| {
    builtin("vni", include_str!("../../rules/encodings/vni.tsv")).with_case_blind_marks()
});
static VISCII: Lazy<ByteTable> =
    Lazy::new(|| builtin("viscii", include_str!("../../rules/encodings/viscii.tsv")));
static VN1: Lazy<ByteTable> = Lazy::new(|| {
    builtin(
        "tcvn5712-1",
        include_str!("../../rules/encodings/tcvn5712-1.tsv"),
    )
});

/// The byte table of a table-driven encoding.
pub fn table(encoding: Encoding) -> Option<&'static ByteTable> {
    Some(match encoding {
        Encoding::Tcvn3 => &TCVN3,
        Encoding::Vni => &VNI,
        Encoding::Viscii => &VISCII,
        Encoding::Tcvn5712_1 => &VN1,
        _ => return None,
    })
}

/// Decode `bytes` as the legacy `encoding` exactly as its table says (no
/// casing repair); `None` for an encoding that is not legacy.
pub fn decode_table(bytes: &[u8], encoding: Encoding) -> Option<LegacyText> {
    match encoding {
        Encoding::Windows1258 => Some(windows_1258(bytes)),
        Encoding::Viqr => {
            let (text, undecodable, first_undecodable) = match simdutf8::compat::from_utf8(bytes) {
                Ok(s) => (viqr::decode(s), 0, None),
                Err(e) => {
                    let lossy = String::from_utf8_lossy(bytes);
                    let bad = lossy.matches(UNDECODABLE).count();
                    (viqr::decode(&lossy), bad, Some(e.valid_up_to()))
                }
            };
            Some(LegacyText {
                text,
                undecodable,
                first_undecodable,
            })
        }
        other => table(other).map(|t| t.decode(bytes)),
    }
}

/// Decode `bytes` as the legacy `encoding`; `None` for an encoding that is
/// not legacy. TCVN3 text gets its capitals back where that is safe (see
/// `casing.rs`).
pub fn decode(bytes: &[u8], encoding: Encoding) -> Option<LegacyText> {
    let mut out = decode_table(bytes, encoding)?;
    if encoding == Encoding::Tcvn3
        && let Some(fixed) = casing::restore_tcvn3_capitals(&out.text, bytes)
    {
        out.text = fixed;
    }
    Some(out)
}

/// Windows-1258 through `encoding_rs`. The WHATWG mapping gives the nine
/// bytes Windows-1258 leaves undefined (81 8A 8D–90 9A 9D 9E) as C1 control
/// characters; they are reported as undecodable and replaced by U+FFFD.
fn windows_1258(bytes: &[u8]) -> LegacyText {
    let (text, _) = encoding_rs::WINDOWS_1258.decode_without_bom_handling(bytes);
    let is_c1 = |c: char| matches!(c, '\u{80}'..='\u{9F}');
    let first_undecodable = bytes
        .iter()
        .position(|b| matches!(b, 0x81 | 0x8A | 0x8D..=0x90 | 0x9A | 0x9D | 0x9E));
    if first_undecodable.is_none() {
        return LegacyText {
            text: text.into_owned(),
            undecodable: 0,
            first_undecodable: None,
        };
    }
    let undecodable = text.chars().filter(|&c| is_c1(c)).count();
    LegacyText {
        text: text.replace(is_c1, "\u{FFFD}"),
        undecodable,
        first_undecodable,
    }
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
        let out = decode(b"a\x81b\x8a", Encoding::Windows1258).unwrap();
        assert_eq!(out.text, "a\u{FFFD}b\u{FFFD}");
        assert_eq!((out.undecodable, out.first_undecodable), (2, Some(1)));
    }

    #[test]
    fn builtin_tables_parse() {
        for enc in [
            Encoding::Tcvn3,
            Encoding::Vni,
            Encoding::Viscii,
            Encoding::Tcvn5712_1,
        ] {
            assert!(table(enc).unwrap().entries().len() > 100, "{enc}");
        }
    }

    #[test]
    fn parse_errors_name_the_line() {
        assert!(ByteTable::parse("ZZ\tx").unwrap_err().contains("line 1"));
        assert!(ByteTable::parse("80\tab").is_err());
        assert!(
            ByteTable::parse("80\tx\n80\ty")
                .unwrap_err()
                .contains("duplicate")
        );
        assert!(ByteTable::parse("80 81 82\tx").is_err());
        let t = ByteTable::parse("# c\n80\tU+00E0\t# comment\n61 80\tá").unwrap();
        let out = t.decode(b"\x80a\x80a\x81");
        assert_eq!(out.text, "\u{E0}áa\u{FFFD}");
        assert_eq!((out.undecodable, out.first_undecodable), (1, Some(4)));
    }

    #[test]
    fn tcvn3_letters() {
        // "Việt Nam" and "đường" in TCVN3.
        let out = decode_table(b"Vi\xd6t Nam \xae\xad\xeang", Encoding::Tcvn3).unwrap();
        assert_eq!(out.text, "Việt Nam đường");
    }

    #[test]
    fn vni_longest_match_and_case_blind_marks() {
        let out = decode_table(
            b"Vie\xe4t Nam, \xd1\xf6\xf4\xf8ng, A\xf9o, A\xd9",
            Encoding::Vni,
        );
        assert_eq!(out.unwrap().text, "Việt Nam, Đường, Áo, Á");
        // A mark byte after a consonant is not a letter.
        let out = decode_table(b"b\xf9", Encoding::Vni).unwrap();
        assert_eq!(out.undecodable, 1);
    }

    #[test]
    fn vn1_and_viscii_use_c0_and_80_9f_for_capitals() {
        let vn1 = decode_table(b"\x9eY BAN \x12", Encoding::Tcvn5712_1).unwrap();
        assert_eq!(vn1.text, "ỦY BAN Ự");
        let viscii = decode_table(b"\x9cY BAN \x1e", Encoding::Viscii).unwrap();
        assert_eq!(viscii.text, "ỦY BAN Ỵ");
    }
}
