//! The parts of a plan that give meaning to what is found in them: where
//! the document proper starts (after any web-portal chrome), its title word
//! and title (trích yếu), the "Căn cứ …" preamble, the opening "Thực hiện …"
//! sentence, and where the preamble ends (the first Roman-numeral heading).
//!
//! Citations read it for their `relation`, the plan metadata for its header
//! and title. Built from the `plan.*` and `citation.{basis,opening}` rules;
//! looks at the first lines only, and at logical lines up to the preamble's
//! end, so its cost does not grow with the document.

use std::ops::Range;

use crate::rules::RuleRegex as Regex;

use super::Context;
use super::common::{cells, fold_space, is_upper};
use crate::document::joined::starts_item;

/// Lines searched for the header and title word.
const HEADER_LINES: u32 = 120;
/// Logical lines after the title searched for the end of the preamble (a
/// plan without Roman-numeral headings has its preamble end there).
const PREAMBLE_LINES: usize = 300;
/// Longest title, in lines.
const TITLE_LINES: usize = 8;

/// The document's own title word ("KẾ HOẠCH").
#[derive(Debug, Clone)]
pub struct TitleWord {
    /// 1-based line.
    pub line: u32,
    /// Canonical doc type ("Kế hoạch").
    pub doc_type: String,
}

/// Where the parts of a plan are (byte offsets into the text).
#[derive(Debug, Clone, Default)]
pub struct Layout {
    /// Start of the document proper; what comes before is portal chrome.
    pub start: usize,
    /// 1-based line where the document proper starts.
    pub start_line: u32,
    /// The title word, if found.
    pub title_word: Option<TitleWord>,
    /// The trích yếu after the title word.
    pub title: Option<Range<usize>>,
    /// The title as one line, white space folded.
    pub title_text: Option<String>,
    /// The opening "Thực hiện …/Triển khai …" paragraph.
    pub opening: Option<Range<usize>>,
    /// "Căn cứ …" paragraphs before the first Roman-numeral heading.
    pub basis: Vec<Range<usize>>,
    /// Start of the first Roman-numeral heading (or the end of the text).
    pub preamble_end: usize,
    /// End of the document proper; what follows is portal chrome.
    pub end: usize,
}

/// Does any cell of `line` match `re`?
fn any_cell(re: Option<&Regex>, line: &str) -> bool {
    re.is_some_and(|re| cells(line).into_iter().any(|c| re.is_match(&line[c])))
}

impl Layout {
    /// Analyze the document of `ctx`.
    pub fn analyze(ctx: &Context<'_, '_>) -> Layout {
        let doc = ctx.doc;
        let rule = |id: &str| ctx.rules.rule(id).map(|r| &r.regex);
        let (header, title_re, number, portal) = (
            rule("plan.header_line"),
            rule("plan.title_word"),
            rule("plan.number"),
            rule("plan.portal_field"),
        );
        let last = (doc.lines.count() as u32).min(HEADER_LINES);
        let mut layout = Layout {
            preamble_end: doc.text.len(),
            end: doc.text.len(),
            start_line: 1,
            ..Layout::default()
        };

        // 1. The document proper starts at its first header line.
        for l in 1..=last {
            let line = doc.line(l);
            if any_cell(portal, line) {
                continue;
            }
            if any_cell(header, line) || any_cell(title_re, line) || any_cell(number, line) {
                layout.start = doc.lines.range(l).start;
                layout.start_line = l;
                break;
            }
        }

        // 2. The title word and the title after it.
        let mut body_from = layout.start;
        if let Some(re) = title_re {
            for l in layout.start_line..=last {
                let line = doc.line(l);
                let Some(caps) = cells(line).into_iter().find_map(|c| {
                    let caps = re.captures(&line[c.clone()])?;
                    Some((c.start, caps))
                }) else {
                    continue;
                };
                let (off, caps) = caps;
                let word = caps.name("word").map_or("", |m| m.as_str());
                let doc_type = ctx
                    .rules
                    .vocab("title_word")
                    .and_then(|v| v.lookup(word))
                    .map_or_else(|| word.to_string(), |e| e.value.clone());
                layout.title_word = Some(TitleWord { line: l, doc_type });
                let base = doc.lines.range(l).start + off;
                let rest = caps.name("rest").map(|m| base + m.start()..base + m.end());
                let title = find_title(ctx, l, rest);
                body_from = title.as_ref().map_or(doc.lines.range(l).end, |t| t.end);
                layout.title_text = title
                    .as_ref()
                    .map(|t| fold_space(&doc.text[t.clone()]))
                    .filter(|t| !t.is_empty());
                layout.title = title;
                break;
            }
        }

        // 3. Portal chrome after the document.
        if let Some(m) = rule("plan.trailing_chrome").and_then(|r| r.find_at(doc.text, body_from)) {
            layout.end = m.start();
        }

        // 4. Preamble: "Căn cứ" paragraphs, the opening sentence, its end.
        let (basis, opening, roman) = (
            rule("citation.basis"),
            rule("citation.opening"),
            rule("plan.roman_heading"),
        );
        let mut first_paragraph = true;
        let first = ctx.scan.lines.partition_point(|r| r.start < body_from);
        for (n, r) in ctx.scan.lines[first..].iter().enumerate() {
            if n == PREAMBLE_LINES {
                layout.preamble_end = r.start;
                break;
            }
            let text = &doc.joined[r.clone()];
            if text.trim().is_empty() || separator(text) {
                continue;
            }
            if roman.is_some_and(|re| re.is_match(text)) {
                layout.preamble_end = r.start;
                break;
            }
            if basis.is_some_and(|re| re.is_match(text)) {
                layout.basis.push(r.clone());
                continue;
            }
            if first_paragraph {
                first_paragraph = false;
                // The opening sentence may follow a sentence of background
                // ("Ngày 25/10/2017, Hội nghị … đã ban hành …. Thực hiện
                // Kế hoạch số 07-KH/TW …, Ban Thường vụ … xây dựng …").
                let starts = std::iter::once(0).chain(text.match_indices(". ").map(|(i, _)| i + 2));
                if let Some(re) = opening {
                    layout.opening = starts
                        .filter(|&s| text[s..].starts_with(char::is_uppercase) || s == 0)
                        .find(|&s| re.is_match(&text[s..]))
                        .map(|s| r.start + s..r.end);
                }
            }
        }
        layout
    }

    /// Is byte `at` inside the title?
    pub fn in_title(&self, at: usize) -> bool {
        self.title.as_ref().is_some_and(|t| t.contains(&at))
    }

    /// Is byte `at` inside the opening sentence?
    pub fn in_opening(&self, at: usize) -> bool {
        self.opening.as_ref().is_some_and(|t| t.contains(&at))
    }

    /// Is byte `at` inside a "Căn cứ" preamble paragraph?
    pub fn in_basis(&self, at: usize) -> bool {
        self.basis.iter().any(|t| t.contains(&at))
    }
}

/// Is `line` a separator ("-----", "***", "___")?
fn separator(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty()
        && t.chars()
            .all(|c| matches!(c, '-' | '_' | '*' | '=' | '–' | '—'))
}

/// The title after the title word on line `word_line` (`rest`: a title on
/// the same line): the next lines up to a blank line, a heading, a
/// preamble or body sentence, a parenthesis or a change of case.
fn find_title(
    ctx: &Context<'_, '_>,
    word_line: u32,
    rest: Option<Range<usize>>,
) -> Option<Range<usize>> {
    let doc = ctx.doc;
    let stop_re = [
        ctx.rules.rule("citation.basis"),
        ctx.rules.rule("citation.opening"),
    ];
    let count = doc.lines.count() as u32;
    let mut range: Option<Range<usize>> = rest.clone();
    let mut upper = rest.as_ref().map(|r| is_upper(&doc.text[r.clone()]));
    let mut l = word_line + 1;
    // Blank lines and separators between the title word and the title.
    if range.is_none() {
        let mut skipped = 0;
        while l <= count && skipped < 4 {
            let t = doc.line(l).trim();
            if !t.is_empty() && !separator(t) {
                break;
            }
            l += 1;
            skipped += 1;
        }
    }
    let mut taken = 0;
    while l <= count && taken < TITLE_LINES {
        let line = doc.line(l);
        let t = line.trim().trim_matches(|c| c == '*' || c == '_');
        if t.is_empty()
            || separator(t)
            || t.starts_with('(')
            || t.starts_with('|')
            || starts_item(t)
        {
            break;
        }
        // A hard-wrapped title goes on in lower case ("… của Tỉnh ủy về /
        // thực hiện Nghị quyết số 19-NQ/TW …"); the opening sentence after
        // it starts a sentence.
        let continues = taken > 0 && t.chars().next().is_some_and(char::is_lowercase);
        if let Some(u) = upper
            && !continues
        {
            let stop = stop_re.iter().flatten().any(|r| r.regex.is_match(t));
            if stop || is_upper(t) != u {
                break;
            }
        }
        upper.get_or_insert(is_upper(t));
        let lr = doc.lines.range(l);
        let lead = line.len() - line.trim_start().len();
        let end = lr.start + line.trim_end().len();
        range = Some(range.map_or(lr.start + lead..end, |r| r.start..end));
        taken += 1;
        l += 1;
    }
    range
}
