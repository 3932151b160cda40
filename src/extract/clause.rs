//! Sentences, clauses and parentheses inside a logical line, as byte
//! offsets into the joined view (shared by the quota and deadline
//! extractors).
//!
//! * a sentence ends at '.', '!' or '?' followed by white space and a
//!   capital letter (or a bullet, a quote, an opening parenthesis), or at the
//!   end of the logical line; "1.643" and "4,3%." never split a sentence
//!   wrongly since the dot must be followed by white space;
//! * a clause starts after '.', ';', ':' or '(' (see [`clause_start`]);
//! * [`open_paren`] finds the parenthesis an offset is inside, and
//!   [`close_paren`] its end.
//!
//! What this module does not do: any matching of words (rules do that).

use std::ops::Range;

/// White space folded to single spaces.
pub fn fold_ws(s: &str) -> String {
    super::bodies::mentions::fold_ws(s)
}

/// Is there a sentence break right after the '.'/'!'/'?' at byte `p` of `s`?
fn breaks_after(s: &str, p: usize) -> bool {
    let rest = &s[p + 1..];
    let trimmed = rest.trim_start_matches(['*', '_', '/', '.', '"', '”', '»']);
    let spaced = trimmed.trim_start();
    if spaced.len() == trimmed.len() && !spaced.is_empty() {
        return false;
    }
    match spaced.chars().next() {
        None => true,
        Some(c) => c.is_uppercase() || matches!(c, '-' | '+' | '(' | '“' | '"' | '•' | '*'),
    }
}

/// The sentence of the logical line `line` (byte range of `text`) that holds
/// byte `at`.
pub fn sentence(text: &str, line: Range<usize>, at: usize) -> Range<usize> {
    let s = &text[line.clone()];
    let rel = at.saturating_sub(line.start).min(s.len());
    let mut start = 0;
    for (p, c) in s[..rel].char_indices() {
        if matches!(c, '.' | '!' | '?') && breaks_after(s, p) {
            start = p + 1;
        }
    }
    let mut end = s.len();
    for (p, c) in s[rel..].char_indices() {
        if matches!(c, '.' | '!' | '?') && breaks_after(s, rel + p) {
            end = rel + p + 1;
            break;
        }
    }
    let lead = s[start..end].len() - s[start..end].trim_start().len();
    line.start + start + lead..line.start + end
}

/// Where the clause holding byte `at` starts: after the last '.', ';', ':'
/// or '(' before it in `range` (or at the start of `range`).
pub fn clause_start(text: &str, range: Range<usize>, at: usize) -> usize {
    let s = &text[range.start..at.max(range.start)];
    let cut = s.rfind(['.', ';', ':', '(']).map_or(0, |p| p + 1);
    let cut = cut + (s[cut..].len() - s[cut..].trim_start().len());
    range.start + cut
}

/// The '(' of the parenthesis holding byte `at`, if any, within `range`.
pub fn open_paren(text: &str, range: Range<usize>, at: usize) -> Option<usize> {
    let s = &text[range.start..at.max(range.start)];
    let mut depth = 0i32;
    for (p, c) in s.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' if depth == 0 => return Some(range.start + p),
            '(' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// The ')' closing the parenthesis opened at `open`, within `range`.
pub fn close_paren(text: &str, range: Range<usize>, open: usize) -> Option<usize> {
    let mut depth = 0i32;
    for (p, c) in text[open..range.end].char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(open + p);
                }
            }
            _ => {}
        }
    }
    None
}

/// Byte length of an outline marker, bullet or Markdown heading mark at
/// the start of `line` ("- ", "a) ", "2.1. ", "## "), with its white space.
pub fn marker_len(line: &str) -> usize {
    let t = line.trim_start_matches(['#', ' ', '\t', '*', '|']);
    let skipped = line.len() - t.len();
    match crate::document::outline::parse_marker(t) {
        Some((_, _, len)) => skipped + len,
        None => skipped,
    }
}

/// Where quotas and deadlines are looked for.
#[derive(Debug, Clone)]
pub struct Body {
    /// From the plan's first numbered or lettered heading (part, Roman,
    /// Arabic) to the recipients block; the whole text when it has no such
    /// heading. The title, the "Căn cứ …" preamble and portal chrome before
    /// it name periods and dates that limit nothing.
    pub range: Range<usize>,
    /// Background sections inside it (`background_heading` vocabulary:
    /// "I. KẾT QUẢ THỰC HIỆN …"): they report the past.
    pub background: Vec<Range<usize>>,
    /// The back matter of a decision before its attached plan
    /// ([`crate::document::outline::Outline::back_matter`]).
    pub back_matter: Option<Range<usize>>,
}

impl Body {
    /// The body of the document in `ctx`.
    pub fn new(ctx: &super::Context<'_, '_>) -> Body {
        use crate::document::outline::Marker;
        let items = &ctx.outline.items;
        let start = items
            .iter()
            .find(|i| {
                matches!(
                    i.marker,
                    Marker::Part | Marker::Article | Marker::Roman | Marker::Arabic(_)
                )
            })
            .map_or(0, |i| i.head.start);
        let forms: Vec<String> = ctx
            .rules
            .vocab("background_heading")
            .map(|v| {
                v.entries
                    .iter()
                    .flat_map(|e| e.forms.iter().map(|f| f.to_lowercase()))
                    .collect()
            })
            .unwrap_or_default();
        let background = items
            .iter()
            .filter(|i| matches!(i.marker, Marker::Part | Marker::Roman))
            .filter(|i| {
                let head = ctx.doc.joined[i.head.clone()].to_lowercase();
                forms.iter().any(|f| head.contains(f.as_str()))
            })
            .map(|i| i.extent.clone())
            .collect();
        Body {
            range: start..ctx.outline.body_end.max(start),
            background,
            back_matter: ctx.outline.back_matter.clone(),
        }
    }

    /// Is byte `at` in the body and outside its background sections?
    pub fn contains(&self, at: usize) -> bool {
        self.range.contains(&at)
            && !self.background.iter().any(|r| r.contains(&at))
            && !self.back_matter.as_ref().is_some_and(|r| r.contains(&at))
    }
}

/// Does the logical line `line` state a basis ("Căn cứ Nghị quyết số …")?
/// Its periods and dates are the cited documents', not the plan's. A basis
/// names a document, so a capital follows "Căn cứ (vào)"; "Căn cứ nhiệm vụ
/// được giao, … trước ngày 30/5" and "Căn cứ Kế hoạch này, …" instruct.
pub fn is_basis(text: &str, line: Range<usize>) -> bool {
    let l = &text[line];
    let t = l[marker_len(l)..].trim_start();
    let head: String = t.chars().take(6).flat_map(char::to_lowercase).collect();
    if head != "căn cứ" {
        return false;
    }
    let rest = t["căn cứ".len()..].trim_start();
    let rest = rest
        .strip_prefix("vào ")
        .or_else(|| rest.strip_prefix("theo "))
        .unwrap_or(rest)
        .trim_start();
    let names_document = rest.chars().next().is_some_and(char::is_uppercase);
    // "Căn cứ Kế hoạch này", "Căn cứ Quyết định nói trên".
    let this_one = rest
        .split_whitespace()
        .take(4)
        .any(|w| matches!(w.trim_end_matches([',', ';']), "này" | "trên"));
    names_document && !this_one
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sent(text: &str, needle: &str) -> String {
        let at = text.find(needle).unwrap();
        text[sentence(text, 0..text.len(), at)].to_string()
    }

    #[test]
    fn bases_name_a_document() {
        let basis = |t: &str| is_basis(t, 0..t.len());
        assert!(basis("Căn cứ Nghị quyết số 18-NQ/TW ngày 25/10/2017"));
        assert!(basis("- Căn cứ vào Quyết định số 12/QĐ-UBND năm 2019;"));
        assert!(basis(
            "Căn cứ Luật Tổ chức chính quyền địa phương năm 2015;"
        ));
        assert!(!basis(
            "Căn cứ nhiệm vụ được giao, xây dựng kế hoạch, gửi về Sở Nội vụ trước ngày 30/5/2019."
        ));
        assert!(!basis(
            "3. Căn cứ chức năng, nhiệm vụ, các sở triển khai trong năm 2020."
        ));
        assert!(!basis(
            "Căn cứ Kế hoạch này, các sở xây dựng kế hoạch trước ngày 15/4."
        ));
        assert!(!basis("Thực hiện Nghị quyết số 18-NQ/TW"));
    }

    #[test]
    fn sentences() {
        let t = "Giám mạnh về đầu mối, giảm 10% so với năm 2015. Giảm tối thiểu 10% biên chế. Cơ bản chấm dứt.";
        assert_eq!(sent(t, "Giảm tối"), "Giảm tối thiểu 10% biên chế.");
        assert_eq!(
            sent(t, "đầu mối"),
            "Giám mạnh về đầu mối, giảm 10% so với năm 2015."
        );
        let t = "Năm 2023: 1.643 biên chế (giảm 11 biên chế so với năm 2022);";
        assert_eq!(sent(t, "11"), t);
        let t = "định kỳ 6 tháng, năm báo cáo. *rel*";
        assert_eq!(sent(t, "định"), "định kỳ 6 tháng, năm báo cáo.");
    }

    #[test]
    fn clauses_and_parens() {
        let t = "Giảm 07/162 phòng (tỷ lệ giảm: 4,3%); giảm 12/109 đơn vị";
        let r = 0..t.len();
        let at = t.find("4,3").unwrap();
        assert_eq!(&t[clause_start(t, r.clone(), at)..at], "");
        let open = open_paren(t, r.clone(), at).unwrap();
        assert_eq!(&t[open..open + 1], "(");
        let close = close_paren(t, r.clone(), open).unwrap();
        assert_eq!(&t[open..=close], "(tỷ lệ giảm: 4,3%)");
        assert_eq!(open_paren(t, r.clone(), t.find("12/109").unwrap()), None);
        let at = t.find("giảm 12").unwrap();
        assert_eq!(&t[clause_start(t, r, at)..at], "");
        assert_eq!(marker_len("- Năm 2026"), 2);
        assert_eq!(marker_len("a) Đến năm 2025"), 3);
        assert_eq!(marker_len("## 2.1. Về"), 8);
    }
}
