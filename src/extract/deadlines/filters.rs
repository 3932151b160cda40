//! Which deadline matches are limits on the work, decided from their
//! context (the words that decide live in rules/deadlines/temporal.toml):
//!
//! * `attrs.veto`: dropped when a `deadline_veto` word makes the expression
//!   part of a noun phrase or a basis (unless a completion verb, group
//!   `done`, makes it a limit: "Kế hoạch này được triển khai từ năm 2019,
//!   hoàn thành trong năm 2021") — at the start of its clause
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
use crate::document::outline::Marker;
use crate::rules::RuleMatch;

/// How far before an expression a `near` veto word is looked for, in
/// characters.
const NEAR_CHARS: usize = 80;

/// Should the match be kept?
pub(super) fn keep(
    ctx: &Context<'_, '_>,
    m: &RuleMatch<'_>,
    t: Range<usize>,
    line: Range<usize>,
) -> bool {
    let text = &ctx.doc.joined;
    if m.rule.attr("veto") == Some("true")
        && m.group("done").is_none()
        && vetoed(ctx, line.clone(), t.start)
    {
        return false;
    }
    if m.rule.attr("label") == Some("period") && label_only(text, line, t.clone()) {
        return false;
    }
    if m.rule.attr("cell") == Some("true") && !in_time_column(ctx, t.start) {
        return false;
    }
    true
}

/// Does `hay` hold `word` as whole words (not inside another word)?
fn has_word(hay: &str, word: &str) -> bool {
    hay.match_indices(word).any(|(p, w)| {
        let before = hay[..p].chars().next_back();
        let after = hay[p + w.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Is the expression at `at` in a noun phrase or a basis?
pub(super) fn vetoed(ctx: &Context<'_, '_>, line: Range<usize>, at: usize) -> bool {
    let Some(veto) = ctx.rules.vocab("deadline_veto") else {
        return false;
    };
    let text = &ctx.doc.joined;
    let cs = clause_start(text, line.clone(), at);
    let mut clause = &text[cs..at];
    if cs == line.start {
        clause = &clause[marker_len(clause)..];
    }
    let clause = clause.trim_start().to_lowercase();
    let near: String = {
        let n = clause.chars().count();
        clause.chars().skip(n.saturating_sub(NEAR_CHARS)).collect()
    };
    veto.entries.iter().any(|e| {
        e.forms.iter().any(|f| {
            let f = f.to_lowercase();
            match e.attr("scope") {
                Some("clause_start") => {
                    clause.starts_with(&f) && !clause[f.len()..].starts_with(char::is_alphanumeric)
                }
                _ => has_word(&near, &f),
            }
        })
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
pub(super) fn in_time_column(ctx: &Context<'_, '_>, at: usize) -> bool {
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
    ctx.rules.vocab("time_column").is_some_and(|v| {
        v.entries
            .iter()
            .flat_map(|e| e.forms.iter())
            .any(|f| header.contains(&f.to_lowercase()))
    })
}
