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

/// The period named in the plan's title (the lines after "KẾ HOẠCH" up to
/// a blank line), for quotas nothing else dates.
pub(super) fn title_period(ctx: &Context<'_, '_>, words: &Words) -> Option<String> {
    let text = &ctx.doc.joined;
    let body = clause::Body::new(ctx).range;
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
    let (start, end) = (title.first()?.start, title.last()?.end);
    words
        .periods
        .iter()
        .find(|p| p.range.start >= start && p.range.end <= end)
        .map(|p| p.value.clone())
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
    inherited_period(ctx, w, f.start).or_else(|| title.map(str::to_string))
}

/// The period of the headings and lead-ins enclosing byte `at`.
fn inherited_period(ctx: &Context<'_, '_>, w: &Words, at: usize) -> Option<String> {
    let outline = ctx.outline;
    let text = &ctx.doc.joined;
    let first_in = |r: Range<usize>| {
        w.periods
            .iter()
            .find(|p| p.range.start >= r.start && p.range.end <= r.end)
            .map(|p| p.value.clone())
    };
    let item = outline.item_at(at)?;
    for (i, node) in outline.ancestors(item) {
        if i != item
            && let Some(p) = first_in(node.head.clone())
        {
            return Some(p);
        }
        // A lead-in paragraph before the node ("Năm 2024:" then bullets).
        for prev in outline.items[..i].iter().rev() {
            if prev.parent != node.parent {
                continue;
            }
            match prev.marker {
                Marker::Paragraph if text[prev.head.clone()].trim_end().ends_with(':') => {
                    if let Some(p) = first_in(prev.head.clone()) {
                        return Some(p);
                    }
                    break;
                }
                Marker::Bullet(_) | Marker::Row => continue,
                _ => break,
            }
        }
    }
    None
}
