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
    /// For each rule: sorted, deduplicated logical-line indices to run on.
    candidates: Vec<Vec<u32>>,
}

impl RuleSet {
    /// Prefilter `doc` for every rule (one automaton pass).
    pub fn scan<'r>(&'r self, doc: &Document<'_>) -> Scan<'r> {
        let lines: Vec<Range<usize>> = doc.logical_lines().collect();
        let mut candidates: Vec<Vec<u32>> = vec![Vec::new(); self.rules.len()];
        if let Some(ac) = &self.prefilter {
            let mut line = 0usize;
            for m in ac.find_overlapping_iter(doc.joined.as_str()) {
                // Matches come in order of their end; starts are close enough
                // that a forward walk (with a binary-search fallback) finds
                // the line.
                let at = m.start();
                if at < lines[line].start || at > lines[line].end {
                    line = lines.partition_point(|r| r.end < at).min(lines.len() - 1);
                }
                for &rule in &self.anchor_rules[m.pattern().as_usize()] {
                    let c = &mut candidates[rule];
                    if c.last() != Some(&(line as u32)) {
                        c.push(line as u32);
                    }
                }
            }
            for c in &mut candidates {
                c.sort_unstable();
                c.dedup();
            }
        }
        Scan {
            set: self,
            lines,
            candidates,
        }
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
        let mut run_line = |li: usize| {
            let range = self.lines[li].clone();
            let hay = &doc.joined[range.clone()];
            let mut at = 0;
            while at <= hay.len() {
                let Some(m) = rule.regex.find_at(hay, at) else {
                    break;
                };
                out.push((m.start() + range.start, m.end() + range.start, li));
                at = if m.end() > m.start() {
                    m.end()
                } else {
                    m.end() + hay[m.end()..].chars().next().map_or(1, char::len_utf8)
                };
            }
        };
        if rule.anchored {
            if let Some(c) = self.candidates.get(self.index_of(rule)) {
                for &li in c {
                    run_line(li as usize);
                }
            }
        } else {
            for li in 0..self.lines.len() {
                run_line(li);
            }
        }
        out
    }

    fn index_of(&self, rule: &Rule) -> usize {
        self.set
            .rules
            .iter()
            .position(|r| std::ptr::eq(r, rule))
            .unwrap_or(usize::MAX)
    }

    fn run_rule(&self, doc: &Document<'_>, rule: &'r Rule, out: &mut Vec<RuleMatch<'r>>) {
        let index = self.index_of(rule);
        let mut run_line = |li: usize| {
            let range = self.lines[li].clone();
            let hay = &doc.joined[range.clone()];
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
                    logical_line: li,
                    groups,
                });
                at = if m.end() > m.start() {
                    m.end()
                } else {
                    // Empty match: step over one character.
                    m.end() + hay[m.end()..].chars().next().map_or(1, char::len_utf8)
                };
            }
        };
        if rule.anchored {
            if let Some(c) = self.candidates.get(index) {
                for &li in c {
                    run_line(li as usize);
                }
            }
        } else {
            for li in 0..self.lines.len() {
                run_line(li);
            }
        }
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
