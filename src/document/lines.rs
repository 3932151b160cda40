//! Line index over the normalized text: the line of any byte offset in
//! O(log n), and the byte range of any line.

use crate::record::Span;

/// Start offsets of every line of a text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// `starts[i]` is the byte offset where line `i + 1` begins.
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    /// Index `text` (LF line breaks: the normalized text has no CR).
    pub fn new(text: &str) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 64 + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|p| p + 1));
        LineIndex {
            starts,
            len: text.len(),
        }
    }

    /// Number of lines (a final line break does not open a new line with
    /// content, but is counted like the editors do: "a\n" has 2 lines).
    pub fn count(&self) -> usize {
        self.starts.len()
    }

    /// 1-based line of byte `offset`.
    pub fn line_of(&self, offset: usize) -> u32 {
        self.starts.partition_point(|&s| s <= offset) as u32
    }

    /// Byte range of 1-based `line`, without its line break.
    pub fn range(&self, line: u32) -> std::ops::Range<usize> {
        let i = (line.max(1) - 1) as usize;
        let start = self.starts.get(i).copied().unwrap_or(self.len);
        let end = self.starts.get(i + 1).map_or(self.len, |n| n - 1);
        start..end.max(start)
    }

    /// A span for the byte range `start..end`.
    pub fn span(&self, start: usize, end: usize) -> Span {
        Span {
            line: self.line_of(start),
            start,
            end,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_ranges() {
        let text = "ab\ncd\n\nef";
        let idx = LineIndex::new(text);
        assert_eq!(idx.count(), 4);
        assert_eq!(idx.line_of(0), 1);
        assert_eq!(idx.line_of(2), 1); // the '\n' belongs to line 1
        assert_eq!(idx.line_of(3), 2);
        assert_eq!(idx.line_of(6), 3);
        assert_eq!(idx.line_of(7), 4);
        assert_eq!(&text[idx.range(2)], "cd");
        assert_eq!(&text[idx.range(3)], "");
        assert_eq!(&text[idx.range(4)], "ef");
        assert_eq!(
            idx.span(3, 5),
            Span {
                line: 2,
                start: 3,
                end: 5
            }
        );
    }
}
