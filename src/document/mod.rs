//! The normalized document as every extractor sees it: the text, its line
//! index and the joined view (soft line breaks as spaces, same offsets).
//!
//! What this module does not do: outline parsing (sections, items, tables)
//! lives with the extractors that need it.

pub mod joined;
pub mod lines;
pub mod outline;

pub use lines::LineIndex;

use crate::record::Span;

/// A normalized plan text, ready for the rules.
#[derive(Debug)]
pub struct Document<'t> {
    /// The normalized text (what `kehoach normalize` prints).
    pub text: &'t str,
    /// Soft line breaks replaced by spaces; same length and offsets as `text`.
    pub joined: String,
    /// Line index over `text`.
    pub lines: LineIndex,
}

impl<'t> Document<'t> {
    /// Index `text` and build its joined view.
    pub fn new(text: &'t str) -> Self {
        Document {
            text,
            joined: joined::join_soft_breaks(text),
            lines: LineIndex::new(text),
        }
    }

    /// Span of `start..end`.
    pub fn span(&self, start: usize, end: usize) -> Span {
        self.lines.span(start, end)
    }

    /// Text of `start..end` from the joined view (soft breaks read as spaces).
    pub fn quote(&self, start: usize, end: usize) -> &str {
        &self.joined[start..end]
    }

    /// Text of 1-based `line` (without its line break).
    pub fn line(&self, line: u32) -> &'t str {
        &self.text[self.lines.range(line)]
    }

    /// Logical lines: maximal runs of lines joined by soft breaks, as byte
    /// ranges of the text (each ends before a hard line break).
    pub fn logical_lines(&self) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
        let bytes = self.joined.as_bytes();
        let mut start = 0;
        std::iter::from_fn(move || {
            if start > bytes.len() {
                return None;
            }
            let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |o| start + o);
            let range = start..end;
            start = end + 1;
            Some(range)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logical_lines_follow_joins() {
        let doc = Document::new(
            "Căn cứ Nghị quyết số 18-NQ/TW của\nBan Chấp hành Trung ương;\nI. MỤC ĐÍCH",
        );
        let lines: Vec<_> = doc
            .logical_lines()
            .map(|r| doc.quote(r.start, r.end).to_string())
            .collect();
        assert_eq!(
            lines,
            [
                "Căn cứ Nghị quyết số 18-NQ/TW của Ban Chấp hành Trung ương;",
                "I. MỤC ĐÍCH"
            ]
        );
        let at = doc.text.find("Ban").unwrap();
        assert_eq!(doc.span(at, at + 3).line, 2);
    }
}
