//! Running rules over a document.
//!
//! [`RuleSet::scan`] makes one pass of the anchor automaton over the joined
//! view and notes, for each anchored rule, the logical lines that hold one of
//! its anchors. [`Scan::matches`] then runs each rule of a kind only on those
//! lines (unanchored rules on every line). Rules see one logical line at a
//! time (soft line breaks read as spaces), so `^`/`$` mean its start and end.

use std::ops::Range;

use super::{Rule, RuleSet};
use crate::document::Document;

/// One match of one rule; offsets are into the normalized text.
#[derive(Debug, Clone)]
pub struct RuleMatch<'r> {
    /// The rule.
    pub rule: &'r Rule,
    /// Start of the whole match.
    pub start: usize,
    /// End of the whole match.
    pub end: usize,
    /// Index into [`Scan::lines`] of the logical line.
    pub logical_line: usize,
    groups: Vec<Option<(usize, usize)>>,
}

impl<'r> RuleMatch<'r> {
    /// Byte range of the named group, if it took part.
    pub fn group(&self, name: &str) -> Option<(usize, usize)> {
        let i = self
            .rule
            .regex
            .capture_names()
            .position(|n| n == Some(name))?;
        self.groups.get(i).copied().flatten()
    }

    /// Text of the named group in `text` (the text the rule ran on).
    pub fn group_text<'t>(&self, text: &'t str, name: &str) -> Option<&'t str> {
        self.group(name).map(|(s, e)| &text[s..e])
    }

    /// Text of the named group (from the joined view).
    pub fn text<'d>(&self, doc: &'d Document<'_>, name: &str) -> Option<&'d str> {
        self.group(name).map(|(s, e)| doc.quote(s, e))
    }

    /// Every named group that took part, with its text.
    pub fn captures<'d>(&self, doc: &'d Document<'_>) -> Vec<(&'r str, &'d str)> {
        self.rule
            .regex
            .capture_names()
            .zip(&self.groups)
            .filter_map(|(n, g)| Some((n?, g.map(|(s, e)| doc.quote(s, e))?)))
            .collect()
    }
}

/// The prefiltered view of one document.
#[derive(Debug)]
pub struct Scan<'r> {
    set: &'r RuleSet,
    /// Logical lines (byte ranges of the text).
    pub lines: Vec<Range<usize>>,
    /// Candidate logical lines of every anchored rule, rule after rule
    /// (each rule's run sorted and deduplicated) …
    candidates: Vec<u32>,
    /// … and where each rule's run starts (`rules + 1` entries; empty when
    /// the rule set has no anchors).
    offsets: Vec<u32>,
}

impl RuleSet {
    /// Prefilter `doc` for every rule (one automaton pass).
    pub fn scan<'r>(&'r self, doc: &Document<'_>) -> Scan<'r> {
        let lines: Vec<Range<usize>> = doc.logical_lines().collect();
        let (candidates, offsets) = match &self.prefilter {
            Some(ac) => self.candidates(ac, doc.joined.as_str(), &lines),
            None => (Vec::new(), Vec::new()),
        };
        Scan {
            set: self,
            lines,
            candidates,
            offsets,
        }
    }

    /// One overlapping pass of the anchor automaton: (rule, line) pairs,
    /// grouped by rule (a counting sort), lines ascending.
    fn candidates(
        &self,
        ac: &aho_corasick::AhoCorasick,
        text: &str,
        lines: &[Range<usize>],
    ) -> (Vec<u32>, Vec<u32>) {
        let n = self.rules.len();
        // Last line noted per rule: anchors never hold a line break, so a
        // match's line never decreases along the pass (matches come in
        // order of their end) and this alone deduplicates.
        let mut last = vec![u32::MAX; n];
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        let mut count = vec![0u32; n + 1];
        let mut line = 0usize;
        let mut sorted = true;
        for m in ac.find_overlapping_iter(text) {
            let at = m.start();
            while at > lines[line].end {
                line += 1;
            }
            if at < lines[line].start {
                // Not expected (see above); keep the result exact anyway.
                line = lines.partition_point(|r| r.end < at).min(lines.len() - 1);
            }
            let l = line as u32;
            for &rule in &self.anchor_rules[m.pattern().as_usize()] {
                let prev = last[rule];
                if prev != l {
                    sorted &= prev == u32::MAX || prev < l;
                    last[rule] = l;
                    pairs.push((rule as u32, l));
                    count[rule + 1] += 1;
                }
            }
        }
        for r in 0..n {
            count[r + 1] += count[r];
        }
        let mut fill = count.clone();
        let mut out = vec![0u32; pairs.len()];
        for (rule, l) in pairs {
            let at = &mut fill[rule as usize];
            out[*at as usize] = l;
            *at += 1;
        }
        if !sorted {
            let mut fixed = Vec::with_capacity(out.len());
            let mut offsets = vec![0u32; n + 1];
            for r in 0..n {
                let mut run = out[count[r] as usize..count[r + 1] as usize].to_vec();
                run.sort_unstable();
                run.dedup();
                fixed.extend(run);
                offsets[r + 1] = fixed.len() as u32;
            }
            return (fixed, offsets);
        }
        (out, count)
    }
}

impl<'r> Scan<'r> {
    /// All matches of the rules of `kind`, sorted by start, then rule
    /// priority, then longest first.
    pub fn matches(&self, doc: &Document<'_>, kind: &str) -> Vec<RuleMatch<'r>> {
        let mut out = Vec::new();
        for rule in self.set.rules_of(kind) {
            self.run_rule(doc, rule, &mut out);
        }
        out.sort_by(|a, b| {
            a.start
                .cmp(&b.start)
                .then(a.rule.priority.cmp(&b.rule.priority))
                .then(b.end.cmp(&a.end))
        });
        out
    }

    /// Matches of one rule.
    pub fn matches_of(&self, doc: &Document<'_>, rule: &'r Rule) -> Vec<RuleMatch<'r>> {
        let mut out = Vec::new();
        self.run_rule(doc, rule, &mut out);
        out
    }

    /// Where one rule matches, without its groups: (start, end, logical
    /// line index). Much cheaper than [`Scan::matches_of`] when the groups
    /// are not needed (the regex engine then never leaves its DFA).
    pub fn spans_of(&self, doc: &Document<'_>, rule: &'r Rule) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        for li in self.lines_to_run(rule) {
            let range = self.lines[li].clone();
            let hay = &doc.joined[range.clone()];
            let mut at = 0;
            while at <= hay.len() {
                let Some(m) = rule.regex.find_at(hay, at) else {
                    break;
                };
                out.push((m.start() + range.start, m.end() + range.start, li));
                at = next_search(hay, m.start(), m.end());
            }
        }
        out
    }

    /// The logical lines `rule` runs on: its candidate lines when it is
    /// anchored, every line otherwise.
    fn lines_to_run<'s>(&'s self, rule: &Rule) -> impl Iterator<Item = usize> + 's {
        let anchored = if rule.anchored {
            self.lines_of(rule)
        } else {
            &[]
        };
        let all = if rule.anchored { 0 } else { self.lines.len() };
        anchored.iter().map(|&li| li as usize).chain(0..all)
    }

    /// Index of `rule` in the rule set (its place in the rules slice).
    fn index_of(&self, rule: &Rule) -> usize {
        let size = std::mem::size_of::<Rule>();
        let base = self.set.rules.as_ptr() as usize;
        let at = (rule as *const Rule as usize).wrapping_sub(base) / size;
        match self.set.rules.get(at) {
            Some(r) if std::ptr::eq(r, rule) => at,
            _ => usize::MAX,
        }
    }

    /// Candidate lines of an anchored rule.
    fn lines_of(&self, rule: &Rule) -> &[u32] {
        let i = self.index_of(rule);
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.candidates[a as usize..b as usize],
            _ => &[],
        }
    }

    fn run_rule(&self, doc: &Document<'_>, rule: &'r Rule, out: &mut Vec<RuleMatch<'r>>) {
        for li in self.lines_to_run(rule) {
            push_matches(rule, &doc.joined, self.lines[li].clone(), li, out);
        }
    }
}

/// Where the search after a match at `start..end` of `hay` goes on: its
/// end, or one character further for an empty match.
fn next_search(hay: &str, start: usize, end: usize) -> usize {
    if end > start {
        end
    } else {
        end + hay[end..].chars().next().map_or(1, char::len_utf8)
    }
}

/// Every match of `rule`, with its groups, in `text[range]` (offsets into
/// `text`; `logical_line` is recorded as given). For extractors that run a
/// rule on demand on ranges of their own choosing.
pub(crate) fn push_matches<'r>(
    rule: &'r Rule,
    text: &str,
    range: Range<usize>,
    logical_line: usize,
    out: &mut Vec<RuleMatch<'r>>,
) {
    let hay = &text[range.clone()];
    let mut locs = rule.regex.capture_locations();
    let mut at = 0;
    while at <= hay.len() {
        let Some(m) = rule.regex.captures_read_at(&mut locs, hay, at) else {
            break;
        };
        let groups = (0..locs.len())
            .map(|g| locs.get(g).map(|(s, e)| (s + range.start, e + range.start)))
            .collect();
        out.push(RuleMatch {
            rule,
            start: m.start() + range.start,
            end: m.end() + range.start,
            logical_line,
            groups,
        });
        at = next_search(hay, m.start(), m.end());
    }
}

#[cfg(test)]
mod tests {
    use crate::document::Document;
    use crate::rules::RuleSet;

    #[test]
    fn anchored_rules_run_only_where_anchors_are() {
        let set = RuleSet::from_files(vec![(
            "t.toml".into(),
            r#"
[[rule]]
id = "cite.nq"
anchors = ["nghị quyết"]
pattern = 'Nghị quyết số (?P<n>\d+)'
[[rule.example]]
text = "Nghị quyết số 18"
expect = { n = "18" }

[[rule]]
id = "cite.any"
pattern = 'số (?P<n>\d+)'
[[rule.example]]
text = "số 1"
"#
            .into(),
        )])
        .unwrap();
        let doc = Document::new("NGHỊ QUYẾT\nNghị quyết số 18 của\nBan; số 19\nsố 20");
        let scan = set.scan(&doc);
        let ms = scan.matches(&doc, "cite");
        let got: Vec<_> = ms
            .iter()
            .map(|m| (m.rule.id.as_str(), m.text(&doc, "n").unwrap()))
            .collect();
        assert_eq!(
            got,
            [
                ("cite.nq", "18"),
                ("cite.any", "18"),
                ("cite.any", "19"),
                ("cite.any", "20")
            ]
        );
        assert_eq!(doc.span(ms[0].start, ms[0].end).line, 2);
    }
}
