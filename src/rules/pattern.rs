//! A rule's compiled pattern, fast on Vietnamese text.
//!
//! The regex crate's DFAs cannot evaluate a Unicode word boundary (`\b`) on
//! non-ASCII text: on every Vietnamese line they give up and the search falls
//! back to the NFA engines, 100× slower. A pattern with `\b` (or `\B`)
//! therefore also gets a *fast* twin without those assertions. Removing an
//! assertion only adds matches, so the twin's leftmost match never starts
//! after the full pattern's: the twin (DFA speed) finds candidate starts, an
//! anchored run of the full pattern checks each candidate, and the full
//! pattern then reports the match from the first candidate that holds.
//! Results are exactly the full pattern's leftmost-first matches.
//!
//! The methods mirror `regex::Regex` (and return its types), so extractors
//! use a rule's pattern as they would a `Regex`.

use regex::{CaptureLocations, CaptureNames, Captures, Match, Regex};
use regex_automata::{Anchored, Input, meta};

/// A compiled rule pattern (see the module docs).
#[derive(Debug, Clone)]
pub struct RuleRegex {
    full: Regex,
    fast: Option<(Regex, meta::Regex)>,
}

/// `pattern` without `\b`, `\B` and `\b{…}` assertions (escaped backslashes
/// are kept).
fn without_word_boundaries(pattern: &str) -> Option<String> {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars().peekable();
    let mut removed = false;
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('b' | 'B') => {
                removed = true;
                if chars.peek() == Some(&'{') {
                    for c in chars.by_ref() {
                        if c == '}' {
                            break;
                        }
                    }
                }
            }
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    removed.then_some(out)
}

/// Does `pattern` hold a Unicode word boundary? ASCII ones (`(?-u:\b)`)
/// keep the regex crate on its DFAs and need no twin.
fn unicode_boundary(pattern: &str) -> bool {
    regex_automata::util::syntax::parse(pattern).map_or(true, |hir| {
        let looks = hir.properties().look_set();
        looks.contains_word_unicode()
    })
}

impl RuleRegex {
    /// Compile `pattern` (and its fast twin when it has word boundaries).
    pub fn new(pattern: &str) -> Result<RuleRegex, regex::Error> {
        let full = Regex::new(pattern)?;
        let fast = match without_word_boundaries(pattern).filter(|_| unicode_boundary(pattern)) {
            Some(p) => match (Regex::new(&p), meta::Regex::new(pattern)) {
                (Ok(twin), Ok(anchored)) => Some((twin, anchored)),
                _ => None,
            },
            None => None,
        };
        Ok(RuleRegex { full, fast })
    }

    /// The full pattern as a plain `Regex` (slow on non-ASCII text when it
    /// has word boundaries: prefer the methods of this type).
    pub fn as_regex(&self) -> &Regex {
        &self.full
    }

    /// Span of the leftmost match at or after `start`, if any.
    fn first_span(&self, hay: &str, start: usize) -> Option<(usize, usize)> {
        let Some((twin, anchored)) = &self.fast else {
            return self.full.find_at(hay, start).map(|m| (m.start(), m.end()));
        };
        let mut pos = start;
        while pos <= hay.len() {
            let s = twin.find_at(hay, pos)?.start();
            let input = Input::new(hay).range(s..).anchored(Anchored::Yes);
            if let Some(half) = anchored.search_half(&input) {
                return Some((s, half.offset()));
            }
            pos = s + hay[s..].chars().next().map_or(1, char::len_utf8);
        }
        None
    }

    /// The haystack cut one character after `end`: the match found there is
    /// the same (its end context is kept) and the capture engines, whose
    /// cost grows with the haystack, see only what they need.
    fn cut(hay: &str, end: usize) -> &str {
        let next = hay[end..].chars().next().map_or(0, char::len_utf8);
        &hay[..end + next]
    }

    /// Leftmost match at or after `start` (context before `start` counts for
    /// word boundaries, as in `Regex::find_at`).
    pub fn find_at<'h>(&self, hay: &'h str, start: usize) -> Option<Match<'h>> {
        if self.fast.is_none() {
            return self.full.find_at(hay, start);
        }
        let (s, e) = self.first_span(hay, start)?;
        // A prefix of `hay` has the same lifetime and the same offsets.
        self.full.find_at(Self::cut(hay, e), s)
    }

    /// Leftmost match.
    pub fn find<'h>(&self, hay: &'h str) -> Option<Match<'h>> {
        self.find_at(hay, 0)
    }

    /// Is there a match?
    pub fn is_match(&self, hay: &str) -> bool {
        self.first_span(hay, 0).is_some()
    }

    /// Captures of the leftmost match at or after `start`.
    pub fn captures_at<'h>(&self, hay: &'h str, start: usize) -> Option<Captures<'h>> {
        if self.fast.is_none() {
            return self.full.captures_at(hay, start);
        }
        let (s, e) = self.first_span(hay, start)?;
        self.full.captures_at(Self::cut(hay, e), s)
    }

    /// Captures of the leftmost match.
    pub fn captures<'h>(&self, hay: &'h str) -> Option<Captures<'h>> {
        self.captures_at(hay, 0)
    }

    /// Like `Regex::captures_read_at`.
    pub fn captures_read_at<'h>(
        &self,
        locs: &mut CaptureLocations,
        hay: &'h str,
        start: usize,
    ) -> Option<Match<'h>> {
        if self.fast.is_none() {
            return self.full.captures_read_at(locs, hay, start);
        }
        let (s, e) = self.first_span(hay, start)?;
        self.full.captures_read_at(locs, Self::cut(hay, e), s)
    }

    /// Every non-overlapping match's captures.
    pub fn captures_iter<'r, 'h>(&'r self, hay: &'h str) -> impl Iterator<Item = Captures<'h>> + 'r
    where
        'h: 'r,
    {
        let mut at = Some(0);
        std::iter::from_fn(move || {
            let start = at?;
            let caps = self.captures_at(hay, start);
            at = match caps.as_ref().and_then(|c| c.get(0)) {
                Some(m) if m.end() > m.start() => Some(m.end()),
                Some(m) if m.end() < hay.len() => {
                    Some(m.end() + hay[m.end()..].chars().next().map_or(1, char::len_utf8))
                }
                _ => None,
            };
            caps
        })
    }

    /// Every non-overlapping match.
    pub fn find_iter<'r, 'h>(&'r self, hay: &'h str) -> impl Iterator<Item = Match<'h>> + 'r
    where
        'h: 'r,
    {
        self.captures_iter(hay).filter_map(|c| c.get(0))
    }

    /// Every match replaced by the literal `with` (no `$group` expansion).
    pub fn replace_all<'h>(&self, hay: &'h str, with: &str) -> std::borrow::Cow<'h, str> {
        let mut out = String::new();
        let mut last = 0;
        let mut any = false;
        for m in self.find_iter(hay) {
            any = true;
            out.push_str(&hay[last..m.start()]);
            out.push_str(with);
            last = m.end();
        }
        if !any {
            return std::borrow::Cow::Borrowed(hay);
        }
        out.push_str(&hay[last..]);
        std::borrow::Cow::Owned(out)
    }

    /// Names of the capture groups (index 0 is the whole match).
    pub fn capture_names(&self) -> CaptureNames<'_> {
        self.full.capture_names()
    }

    /// Number of capture groups, the whole match included.
    pub fn captures_len(&self) -> usize {
        self.full.captures_len()
    }

    /// Reusable storage for [`RuleRegex::captures_read_at`].
    pub fn capture_locations(&self) -> CaptureLocations {
        self.full.capture_locations()
    }

    /// The pattern.
    pub fn as_str(&self) -> &str {
        self.full.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twin_drops_only_word_boundaries() {
        assert_eq!(
            without_word_boundaries(r"\bsố\b \d+"),
            Some(r"số \d+".to_string())
        );
        assert_eq!(without_word_boundaries(r"a\\b"), None);
        assert_eq!(
            without_word_boundaries(r"\b{start}x\B"),
            Some("x".to_string())
        );
        assert_eq!(without_word_boundaries(r"\d\s"), None);
    }

    #[test]
    fn ascii_word_boundaries_need_no_twin() {
        assert!(RuleRegex::new(r"năm \d{4}(?-u:\b)").unwrap().fast.is_none());
        assert!(RuleRegex::new(r"\bnăm\b").unwrap().fast.is_some());
        let r = RuleRegex::new(r"(?-u:\b)(?P<y>\d{4})(?-u:\b)").unwrap();
        let got: Vec<_> = r
            .find_iter("năm 2023, năm 20234; 2024ạ")
            .map(|m| m.as_str())
            .collect();
        assert_eq!(got, ["2023", "2024"]);
    }

    #[test]
    fn same_matches_as_the_full_pattern() {
        let patterns = [
            r"\bán\b",
            r"\b(?P<w>trước)\b",
            r"(?i)\bsở\s+(?P<n>\w+)",
            r"\bnăm\s+(?P<y>\d{4})\b",
            r"\Bạ",
        ];
        let hay = "Đề án, xán lạn; trước ngày; Sở Nội vụ và SỞ Y TẾ; năm 2023, năm 20234; hoạ";
        for p in patterns {
            let fast = RuleRegex::new(p).unwrap();
            let slow = Regex::new(p).unwrap();
            let a: Vec<_> = fast.find_iter(hay).map(|m| m.range()).collect();
            let b: Vec<_> = slow.find_iter(hay).map(|m| m.range()).collect();
            assert_eq!(a, b, "{p}");
            assert_eq!(fast.is_match(hay), slow.is_match(hay));
            let ca = fast.captures(hay).map(|c| c.get(0).unwrap().range());
            let cb = slow.captures(hay).map(|c| c.get(0).unwrap().range());
            assert_eq!(ca, cb, "{p}");
        }
    }
}
