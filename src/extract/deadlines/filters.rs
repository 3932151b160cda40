//! Which deadline matches are limits on the work, decided from their
//! context (the words that decide live in rules/deadlines/temporal.toml):
//!
//! * `attrs.requires`: groups that must have taken part, "a|b+c" = a, or
//!   both b and c ("thường xuyên" is ongoing after a verb, before an action
//!   verb or alone in parentheses, not as "chi thường xuyên");
//! * `attrs.lead`: what must come right before the expression ("clause",
//!   or words such as "phấn đấu"): "Phấn đấu đến năm 2020 …", "a) Đến năm
//!   2025", but not "Quy hoạch … đến năm 2030" (with `lead_exempts`, a
//!   clause start only exempts from the veto: ", hàng năm tổng hợp …");
//! * `attrs.veto`: dropped when a `deadline_veto` word makes the expression
//!   part of a noun phrase or a basis, unless a completion verb (group
//!   `done`: "Kế hoạch này được triển khai từ năm 2019, hoàn thành trong
//!   năm 2021"), a verb of doing (`verb`: "Thực hiện hàng năm") or a clause
//!   start (`lead`: ", hàng năm tổng hợp …") makes it a limit — at the
//!   start of its clause
//!   (`scope = "clause_start"`: "Căn cứ biên chế … giao hằng năm") or shortly
//!   before it (`scope = "near"`: "việc đánh giá, phân loại viên chức hàng
//!   năm", "kết quả tinh giản biên chế từ năm 2015 đến năm 2019");
//! * `attrs.label = "period"`: dropped when the expression is all its line
//!   says ("a) Đến năm 2025", "Trong giai đoạn 2022-2026:"): a heading that
//!   names the period of the targets under it (SPEC section 8);
//! * `attrs.cell`: a bare table cell is kept only in a column whose header
//!   is a `time_column` ("Thời gian hoàn thành"), or in a table without a
//!   header.

use std::ops::Range;

use super::super::Context;
use super::super::clause::{clause_start, marker_len};
use super::prep::{Prep, RuleAttrs};
use crate::document::outline::Marker;
use crate::rules::RuleMatch;

/// How far before an expression a `near` veto word is looked for, in
/// characters.
const NEAR_CHARS: usize = 80;

/// Should the match be kept?
pub(super) fn keep(
    ctx: &Context<'_, '_>,
    prep: &Prep,
    m: &RuleMatch<'_>,
    a: &RuleAttrs,
    t: Range<usize>,
    line: Range<usize>,
) -> bool {
    let text = &ctx.doc.joined;
    if let Some(req) = &a.requires
        && !req
            .iter()
            .any(|all| all.iter().all(|g| m.group(g).is_some()))
    {
        return false;
    }
    let mut exempt = ["done", "verb"].iter().any(|g| m.group(g).is_some());
    if let Some(spec) = &a.lead {
        let ok = lead_ok(text, line.clone(), t.start, spec);
        if a.lead_exempts {
            // ", hàng năm tổng hợp …" opens a clause; "định kỳ 6 tháng,
            // hằng năm." does not.
            exempt |= ok && m.group("opens").is_some();
        } else if !ok {
            return false;
        }
    }
    if a.veto && !exempt && vetoed(ctx, prep, line.clone(), t.start) {
        return false;
    }
    if a.label_period && label_only(text, line, t.clone()) {
        return false;
    }
    if a.cell && !in_time_column(ctx, prep, t.start) {
        return false;
    }
    true
}

/// The last `max` bytes of `s` (at a character boundary), in lower case.
fn lower_tail(s: &str, max: usize) -> String {
    let mut from = s.len().saturating_sub(max);
    while !s.is_char_boundary(from) {
        from += 1;
    }
    s[from..].to_lowercase()
}

/// Is the text before byte `at` of `line` what `spec` asks for: "clause"
/// (the start of the line after its marker, or one of . ; : ( , before
/// it) or one of the words listed ("clause|phấn đấu|bảo đảm")?
pub(super) fn lead_ok(text: &str, line: Range<usize>, at: usize, spec: &[String]) -> bool {
    let l = &text[line.start..at.max(line.start)];
    let marker = marker_len(&text[line.clone()]);
    let before = l.trim_end_matches([' ', '\t', '*', '_']);
    // Enough of the end for the longest word and the character before it.
    let longest = spec.iter().map(String::len).max().unwrap_or(0);
    let mut lower: Option<String> = None;
    spec.iter().any(|want| {
        if want == "clause" {
            before.len() <= marker || before.ends_with(['.', ';', ':', '(', ','])
        } else {
            let lower = lower.get_or_insert_with(|| lower_tail(before, longest + 8));
            lower.ends_with(want.as_str())
                && !lower[..lower.len() - want.len()]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
        }
    })
}

/// Does `hay` hold `word` as whole words (not inside another word)?
pub(super) fn has_word(hay: &str, word: &str) -> bool {
    hay.match_indices(word).any(|(p, w)| {
        let before = hay[..p].chars().next_back();
        let after = hay[p + w.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Is the expression at `at` in a noun phrase or a basis?
pub(super) fn vetoed(ctx: &Context<'_, '_>, prep: &Prep, line: Range<usize>, at: usize) -> bool {
    let Some(veto) = &prep.veto else {
        return false;
    };
    let text = &ctx.doc.joined;
    let cs = clause_start(text, line.clone(), at);
    let mut clause = &text[cs..at];
    if cs == line.start {
        clause = &clause[marker_len(clause)..];
    }
    let clause = clause.trim_start();
    // The last NEAR_CHARS characters, and the start of the clause (enough
    // for the longest form and the character after it), in lower case.
    let near: String = {
        let n = clause.chars().count();
        let skip = clause
            .char_indices()
            .nth(n.saturating_sub(NEAR_CHARS))
            .map_or(clause.len(), |(p, _)| p);
        clause[skip..].to_lowercase()
    };
    let head: String = {
        let longest = veto.iter().map(|v| v.form.len()).max().unwrap_or(0);
        let mut to = (longest + 8).min(clause.len());
        while !clause.is_char_boundary(to) {
            to += 1;
        }
        clause[..to].to_lowercase()
    };
    veto.iter().any(|v| {
        let f = v.form.as_str();
        if v.clause_start {
            head.starts_with(f) && !head[f.len()..].starts_with(char::is_alphanumeric)
        } else {
            has_word(&near, f)
        }
    })
}

/// Is the expression `t` all that its logical line says (besides a marker
/// and a final ':' or '.')?
pub(super) fn label_only(text: &str, line: Range<usize>, t: Range<usize>) -> bool {
    let l = &text[line];
    let rest = l[marker_len(l)..]
        .trim()
        .trim_end_matches([':', '.', '*', ';']);
    rest.trim() == text[t].trim()
}

/// Is byte `at` in a time column of a table row (or a row of a table
/// without a header)?
pub(super) fn in_time_column(ctx: &Context<'_, '_>, prep: &Prep, at: usize) -> bool {
    let Some(i) = ctx.outline.item_at(at) else {
        return false;
    };
    let item = &ctx.outline.items[i];
    if item.marker != Marker::Row {
        return false;
    }
    if item.columns.is_empty() {
        return true;
    }
    let row = &ctx.doc.joined[item.head.start..at.max(item.head.start)];
    let pipes = row.matches('|').count();
    let index = if row.trim_start().starts_with('|') {
        pipes.saturating_sub(1)
    } else {
        pipes
    };
    let Some(header) = item.columns.get(index) else {
        return false;
    };
    let header = header.to_lowercase();
    prep.time_column
        .as_ref()
        .is_some_and(|forms| forms.iter().any(|f| header.contains(f.as_str())))
}
