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
    if let Some(req) = m.rule.attr("requires")
        && !req
            .split('|')
            .any(|all| all.split('+').all(|g| m.group(g.trim()).is_some()))
    {
        return false;
    }
    let mut exempt = ["done", "verb"].iter().any(|g| m.group(g).is_some());
    if let Some(spec) = m.rule.attr("lead") {
        let ok = lead_ok(text, line.clone(), t.start, spec);
        if m.rule.attr("lead_exempts") == Some("true") {
            // ", hàng năm tổng hợp …" opens a clause; "định kỳ 6 tháng,
            // hằng năm." does not.
            exempt |= ok && m.group("opens").is_some();
        } else if !ok {
            return false;
        }
    }
    if m.rule.attr("veto") == Some("true") && !exempt && vetoed(ctx, line.clone(), t.start) {
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

/// Is the text before byte `at` of `line` what `spec` asks for: "clause"
/// (the start of the line after its marker, or one of . ; : ( , before
/// it) or one of the words listed ("clause|phấn đấu|bảo đảm")?
pub(super) fn lead_ok(text: &str, line: Range<usize>, at: usize, spec: &str) -> bool {
    let l = &text[line.start..at.max(line.start)];
    let marker = marker_len(&text[line.clone()]);
    let before = l.trim_end_matches([' ', '\t', '*', '_']);
    spec.split('|').any(|want| {
        if want == "clause" {
            before.len() <= marker || before.ends_with(['.', ';', ':', '(', ','])
        } else {
            let lower = before.to_lowercase();
            lower.ends_with(want)
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
