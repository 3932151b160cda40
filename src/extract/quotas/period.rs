//! The period a quota is for (`by`): the nearest period before it in its
//! sentence, else the first after it, else the period of the enclosing
//! heading or lead-in ("1. Giai đoạn đến năm 2021", "a) Đến năm 2025",
//! "Năm 2024:" then bullets), else the period named in the plan's title.

use std::ops::Range;

use super::super::Context;
use super::super::clause;
use super::Found;
use super::context::Words;
use crate::document::outline::Marker;

/// The lines of the plan's title (after a "KẾ HOẠCH" line, up to a blank
/// line, before the body `body`), as one byte range.
pub(super) fn title_range(ctx: &Context<'_, '_>, body: &clause::Body) -> Option<Range<usize>> {
    let text = &ctx.doc.joined;
    let body = &body.range;
    let mut lines = ctx.scan.lines.iter().filter(|r| r.end <= body.start);
    lines.find(|r| {
        let t = text[(*r).clone()].trim().to_uppercase();
        t.starts_with("KẾ HOẠCH") && t.chars().count() <= 30
    })?;
    let title: Vec<Range<usize>> = lines
        .skip_while(|r| text[(*r).clone()].trim().is_empty())
        .take_while(|r| !text[(*r).clone()].trim().is_empty())
        .take(4)
        .cloned()
        .collect();
    Some(title.first()?.start..title.last()?.end)
}

/// The first period in `r`.
fn first_in(w: &Words, r: &Range<usize>) -> Option<String> {
    w.periods
        .iter()
        .find(|p| p.range.start >= r.start && p.range.end <= r.end)
        .map(|p| p.value.clone())
}

/// The period named in the plan's title, for quotas nothing else dates.
pub(super) fn title_period(
    ctx: &Context<'_, '_>,
    body: &clause::Body,
    words: &Words,
) -> Option<String> {
    first_in(words, &title_range(ctx, body)?)
}

/// The period `f` is for: in its sentence, else inherited.
pub(super) fn by_of(
    ctx: &Context<'_, '_>,
    w: &Words,
    f: &Found,
    title: Option<&str>,
) -> Option<String> {
    let before = w
        .periods
        .iter()
        .rfind(|p| p.range.start >= f.sent.start && p.range.end <= f.start);
    let after = || {
        w.periods
            .iter()
            .find(|p| p.range.start >= f.end && p.range.end <= f.sent.end)
    };
    if let Some(p) = before.or_else(after) {
        return Some(p.value.clone());
    }
    inheritance_lines(ctx, f.start)
        .iter()
        .find_map(|r| first_in(w, r))
        .or_else(|| title.map(str::to_string))
}

/// Where byte `at` inherits its period from, nearest first: the heads of
/// the items enclosing it and the lead-in paragraphs before them ("Năm
/// 2024:" then bullets).
pub(super) fn inheritance_lines(ctx: &Context<'_, '_>, at: usize) -> Vec<Range<usize>> {
    let outline = ctx.outline;
    let text = &ctx.doc.joined;
    let mut out = Vec::new();
    let Some(item) = outline.item_at(at) else {
        return out;
    };
    for (i, node) in outline.ancestors(item) {
        if i != item {
            out.push(node.head.clone());
        }
        for prev in outline.items[..i].iter().rev() {
            if prev.parent != node.parent {
                continue;
            }
            match prev.marker {
                Marker::Paragraph if text[prev.head.clone()].trim_end().ends_with(':') => {
                    out.push(prev.head.clone());
                    break;
                }
                Marker::Bullet(_) | Marker::Row => continue,
                _ => break,
            }
        }
    }
    out
}
