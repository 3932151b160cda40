//! Stage 1 — source: read the raw bytes, detect the encoding, decode to text.
//!
//! * [`read`] reads one file within the size limit (never panics, never
//!   follows up on a failure: it returns a [`DocError`]).
//! * [`detect`](detect::detect) looks at the bytes alone (never the file
//!   name): BOM → UTF-16 without BOM (NUL pattern) → binary (stray NULs) →
//!   valid UTF-8 (double-encoded? VIQR?) → legacy 8-bit candidates scored
//!   by how Vietnamese they read ([`syllable`]).
//! * [`decode`] turns the bytes into a UTF-8 string (borrowed when the input
//!   already is UTF-8) and reports undecodable bytes as warnings. The
//!   legacy decoders are in [`legacy`] (byte tables under
//!   `rules/encodings/`), [`viqr`] and [`mojibake`].
//!
//! What this stage does not do: Unicode normalization (see
//! [`crate::normalize`]); the decoded text may be NFD or use any tone-mark
//! placement.

mod casing;
pub mod detect;
pub mod encoding;
pub mod legacy;
pub mod mojibake;
pub mod syllable;
pub mod viqr;

use std::borrow::Cow;
use std::io::Read;
use std::path::Path;

pub use encoding::Encoding;

use crate::error::{DocError, DocErrorKind};
use crate::record::Warning;

/// Default `--max-bytes`: 64 MiB.
pub const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Read a whole file, refusing anything over `max_bytes`.
///
/// The limit is checked against the metadata first and enforced while
/// reading, so a file that grows or lies about its size cannot exhaust memory.
pub fn read(path: &Path, max_bytes: u64) -> Result<Vec<u8>, DocError> {
    let unreadable = |e: std::io::Error| {
        DocError::new(
            DocErrorKind::Unreadable,
            format!("cannot read {}: {e}", path.display()),
        )
    };
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let meta = file.metadata().map_err(unreadable)?;
    if meta.is_dir() {
        return Err(DocError::new(
            DocErrorKind::Unreadable,
            format!("{} is a directory", path.display()),
        ));
    }
    if meta.len() > max_bytes {
        return Err(too_large(meta.len(), max_bytes));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_large(bytes.len() as u64, max_bytes));
    }
    Ok(bytes)
}

fn too_large(len: u64, max: u64) -> DocError {
    DocError::new(
        DocErrorKind::TooLarge,
        format!("file is {len} bytes, over the limit of {max} bytes (--max-bytes)"),
    )
}

/// Decoded text with what was learned on the way.
#[derive(Debug)]
pub struct Decoded<'a> {
    /// The text, borrowed from the input when it was already UTF-8.
    pub text: Cow<'a, str>,
    /// The encoding used.
    pub encoding: Encoding,
    /// How sure detection is, in [0, 1].
    pub confidence: f64,
    /// Undecodable bytes and similar problems.
    pub warnings: Vec<Warning>,
}

/// Detect the encoding of a whole file's bytes, as `kehoach detect` reports
/// it: [`DocErrorKind::Empty`] for zero bytes, [`DocErrorKind::Binary`] for
/// NUL bytes that are not UTF-16.
pub fn identify(bytes: &[u8]) -> Result<detect::Detection, DocError> {
    if bytes.is_empty() {
        return Err(DocError::new(
            DocErrorKind::Empty,
            "file is empty (0 bytes)",
        ));
    }
    detect::detect(bytes)
}

/// Read a file (within `max_bytes`) and [`identify`] its encoding.
pub fn identify_path(path: &Path, max_bytes: u64) -> Result<detect::Detection, DocError> {
    identify(&read(path, max_bytes)?)
}

/// Detect the encoding (unless `forced`) and decode.
///
/// Errors: [`DocErrorKind::Empty`] for zero bytes or whitespace only,
/// [`DocErrorKind::Binary`] for NUL bytes that are not UTF-16,
/// [`DocErrorKind::Undecodable`] when no candidate gives usable text.
pub fn decode(bytes: &[u8], forced: Option<Encoding>) -> Result<Decoded<'_>, DocError> {
    if bytes.is_empty() {
        return Err(DocError::new(
            DocErrorKind::Empty,
            "file is empty (0 bytes)",
        ));
    }
    let detection = match forced {
        Some(encoding) => detect::Detection {
            encoding,
            confidence: 1.0,
        },
        None => detect::detect(bytes)?,
    };
    let decoded = encoding::decode_as(bytes, detection.encoding, detection.confidence)?;
    if decoded.text.trim().is_empty() {
        return Err(DocError::new(
            DocErrorKind::Empty,
            "file holds only whitespace",
        ));
    }
    Ok(decoded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_is_an_error() {
        assert_eq!(decode(b"", None).unwrap_err().kind, DocErrorKind::Empty);
        assert_eq!(
            decode(b" \n\t\r\n", None).unwrap_err().kind,
            DocErrorKind::Empty
        );
    }

    #[test]
    fn utf8_is_borrowed() {
        let d = decode("Kế hoạch".as_bytes(), None).unwrap();
        assert!(matches!(d.text, Cow::Borrowed(_)));
        assert_eq!(d.encoding, Encoding::Utf8);
    }

    #[test]
    fn bom_is_stripped() {
        let d = decode(b"\xEF\xBB\xBFabc", None).unwrap();
        assert_eq!(d.text, "abc");
        assert_eq!(d.encoding, Encoding::Utf8Bom);
    }

    #[test]
    fn too_large_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big.txt");
        std::fs::write(&p, vec![b'a'; 100]).unwrap();
        assert_eq!(read(&p, 99).unwrap_err().kind, DocErrorKind::TooLarge);
        assert_eq!(read(&p, 100).unwrap().len(), 100);
    }

    #[test]
    fn missing_file_is_unreadable() {
        let e = read(Path::new("/nonexistent/kehoach/x.txt"), 10).unwrap_err();
        assert_eq!(e.kind, DocErrorKind::Unreadable);
    }
}
