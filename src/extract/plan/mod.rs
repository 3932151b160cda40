//! Extracts the document's own metadata (SPEC section 4): doc type, number,
//! issuer, province, date, title, signer, draft. `implements` is filled by
//! [`crate::resolve`] from the citations.
//!
//! * `header.rs` — issuer lines, number, place and date (header cells);
//! * `signature.rs` — signer and the body signed for;
//! * here — the fallbacks between them: the issuer named in the preamble
//!   ("UBND tỉnh Lạng Sơn xây dựng Kế hoạch"), the number's codes, a web
//!   portal's metadata block (Số hiệu, Ngày ban hành, Người ký …), and the
//!   province from the place line or the content ("huyện Phú Quốc").

pub mod header;
pub mod signature;

use std::collections::HashMap;

use self::header::{Cell, caps, header_cells, province_of};
use super::Context;
use super::citations::number::Number;
use super::common::{boundary, parse_date, sentence_case, vocab_prefix};
use super::layout::Layout;
use crate::record::{Plan, Warning};

/// Bytes before the verbs of `plan.issuer_in_body` searched for the issuer.
const BODY_LOOK_BEHIND: usize = 120;

/// Bytes of text searched for a province when the header names none.
const CONTENT_BYTES: usize = 32_000;

/// Lines of header searched when the title word is not found.
const HEADER_FALLBACK: u32 = 40;

/// A web portal's metadata fields, by field name.
fn portal_fields(ctx: &Context<'_, '_>, cells: &[Cell<'_>]) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for (i, c) in cells.iter().enumerate() {
        let Some(m) = caps(ctx, "plan.portal_field", c.text) else {
            continue;
        };
        let field = m.name("field").map_or("", |f| f.as_str()).to_string();
        let mut value = m
            .name("value")
            .map_or("", |v| v.as_str())
            .trim()
            .to_string();
        if value.is_empty() {
            // A table: the value is the next cell on the same line.
            if let Some(next) = cells.get(i + 1).filter(|n| n.line == c.line)
                && caps(ctx, "plan.portal_field", next.text).is_none()
            {
                value = next.text.trim().to_string();
            }
        }
        if !value.is_empty() {
            out.entry(field).or_insert(value);
        }
    }
    out
}

/// Canonical issuer of a body named in the text, with the province appended
/// for scoped bodies ("Ủy ban nhân dân tỉnh" + "Điện Biên").
fn scoped(ctx: &Context<'_, '_>, surface: &str, province: Option<&str>) -> Option<String> {
    let e = ctx.rules.vocab("issuer")?.lookup(surface)?;
    Some(match (e.attr("scope"), province) {
        (Some("tỉnh" | "thành phố"), Some(p)) => format!("{} {p}", e.value),
        _ => e.value.clone(),
    })
}

/// The issuer named in the preamble: "UBND tỉnh Lạng Sơn xây dựng Kế hoạch"
/// (the body's surface and the province written after it, if any). The
/// rule finds the verbs; the issuer is the longest known body that starts
/// a few words before them and is followed only by a capitalized place name.
fn issuer_in_body(ctx: &Context<'_, '_>, layout: &Layout) -> Option<(String, Option<String>)> {
    let rule = ctx.rules.rule("plan.issuer_in_body")?;
    let vocab = ctx.rules.vocab("issuer")?;
    let from = layout.title.as_ref().map_or(layout.start, |t| t.end);
    let lines =
        ctx.scan.lines.iter().filter(|r| {
            r.start >= from && r.start < layout.preamble_end && !layout.in_basis(r.start)
        });
    for r in lines {
        let text = &ctx.doc.joined[r.clone()];
        for m in rule.regex.find_iter(text) {
            let before =
                &text[boundary(text, m.start().saturating_sub(BODY_LOOK_BEHIND))..m.start()];
            let mut prev = "";
            for w in before.split_whitespace() {
                let off = w.as_ptr() as usize - before.as_ptr() as usize;
                // "… của Chính phủ ban hành Chương trình …" names a cited
                // document's issuer, not the plan's.
                let after_cua = prev == "của";
                prev = w;
                if after_cua {
                    continue;
                }
                let Some((_, len)) = vocab_prefix(vocab, &before[off..], 10) else {
                    continue;
                };
                let place: Vec<&str> = before[off + len..].split_whitespace().collect();
                if place.len() > 4 || !place.iter().all(|w| w.starts_with(char::is_uppercase)) {
                    continue;
                }
                let province = (!place.is_empty())
                    .then(|| province_of(ctx, &place.join(" ")))
                    .flatten();
                return Some((before[off..off + len].to_string(), province));
            }
        }
    }
    None
}

/// The province most named in the text ("tỉnh X"), else the first town or
/// district of a known province ("huyện Phú Quốc"); only the first
/// `CONTENT_BYTES` are read (a plan names its territory early).
fn province_in_text(ctx: &Context<'_, '_>) -> Option<String> {
    let text = &ctx.doc.joined[..boundary(&ctx.doc.joined, CONTENT_BYTES)];
    let mut counts: Vec<(String, usize)> = Vec::new();
    if let Some(rule) = ctx.rules.rule("plan.province_mention") {
        for m in rule.regex.find_iter(text) {
            let Some(p) = province_of(ctx, m.as_str()) else {
                continue;
            };
            match counts.iter_mut().find(|(q, _)| *q == p) {
                Some((_, n)) => *n += 1,
                None => counts.push((p, 1)),
            }
        }
    }
    if let Some((p, _)) = counts.iter().max_by_key(|(_, n)| *n) {
        return Some(p.clone());
    }
    let rule = ctx.rules.rule("plan.place_mention")?;
    rule.regex
        .find_iter(text)
        .find_map(|m| province_of(ctx, m.as_str()))
}

/// Extract the plan metadata from the document.
pub fn extract(ctx: &Context<'_, '_>, layout: &Layout, warnings: &mut Vec<Warning>) -> Plan {
    let doc = ctx.doc;
    let header_end = layout
        .title_word
        .as_ref()
        .map_or(layout.start_line + HEADER_FALLBACK, |t| {
            t.line.saturating_sub(1)
        });
    let cells = header_cells(ctx, layout.start_line, header_end);
    let chrome = if layout.start_line > 1 {
        header_cells(ctx, 1, layout.start_line - 1)
    } else {
        Vec::new()
    };
    let portal = portal_fields(ctx, &chrome);
    let mut plan = Plan {
        doc_type: layout.title_word.as_ref().map(|t| t.doc_type.clone()),
        title: layout.title_text.clone(),
        ..Plan::default()
    };

    // Number, draft, place and date.
    let own = header::number(ctx, &cells);
    if let Some((number, cell, _)) = &own {
        plan.number = number.clone();
        if number.is_none() {
            let end = cell.start + cell.text.len();
            warnings.push(Warning::new(
                "plan-number-blank",
                format!("the plan's number is blank: {:?}", cell.text.trim()),
                Some(doc.span(cell.start, end)),
            ));
        }
    } else {
        plan.number = portal
            .get("Số hiệu")
            .or_else(|| portal.get("Số ký hiệu"))
            .or_else(|| portal.get("Ký hiệu"))
            .map(|n| n.split_whitespace().collect());
    }
    let after_title = layout
        .title
        .as_ref()
        .map_or(0, |t| doc.lines.line_of(t.end) + 1);
    plan.draft = cells
        .iter()
        .chain(&chrome)
        .any(|c| header::is_draft(ctx, c.text))
        || (after_title > 0
            && (after_title..after_title + 2)
                .filter(|&l| l as usize <= doc.lines.count())
                .any(|l| header::is_draft(ctx, doc.line(l).trim_start_matches(['(', ' ']))));
    let place_date = header::place_date(ctx, &cells);
    plan.date = place_date
        .as_ref()
        .and_then(|(_, d, _)| d.clone())
        .or_else(|| portal.get("Ngày ban hành").and_then(|d| parse_date(d)));

    // Issuer and province.
    let stop = [own.as_ref().map(|o| o.2), place_date.as_ref().map(|p| p.2)]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(cells.len());
    let lines = header::issuer_lines(&cells, stop);
    let head = header::issuer(ctx, &lines);
    let mut sig = signature::read(ctx, layout.end);
    // A decision signs before the plan attached to it.
    if sig.signer.is_none()
        && let Some(b) = &ctx.outline.back_matter
    {
        sig = signature::read(ctx, b.end);
    }
    plan.signer = sig
        .signer
        .clone()
        .or_else(|| portal.get("Người ký").cloned());
    let number_codes = plan
        .number
        .as_deref()
        .and_then(|n| Number::parse(n, ctx.rules));
    let mut province = head.province.clone().or_else(|| {
        place_date
            .as_ref()
            .and_then(|(p, _, _)| province_of(ctx, p))
    });
    let body = if province.is_none() || head.issuer.is_none() {
        issuer_in_body(ctx, layout)
    } else {
        None
    };
    if province.is_none() {
        province = body.as_ref().and_then(|(_, p)| p.clone());
    }
    let portal_body = portal
        .get("Cơ quan ban hành")
        .or_else(|| portal.get("Nơi ban hành"));
    if province.is_none() {
        province = portal_body.and_then(|b| province_of(ctx, b));
    }
    if province.is_none() && !head.central {
        province = province_in_text(ctx);
    }
    plan.issuer = head.issuer.clone();
    if let (Some(body), Some(organ)) = (&head.party_body, &sig.organ) {
        plan.issuer = header::party_organ(ctx, Some(organ), body).or(plan.issuer);
    }
    if plan.issuer.is_none() {
        plan.issuer = body.and_then(|(s, _)| scoped(ctx, &s, province.as_deref()));
    }
    if plan.issuer.is_none()
        && let Some(organ) = &sig.organ
    {
        let party = number_codes
            .as_ref()
            .and_then(|n| n.default_issuer(ctx.rules))
            .filter(|i| i.ends_with("ủy"))
            .unwrap_or_else(|| "Tỉnh ủy".into());
        plan.issuer = header::party_organ(ctx, Some(organ), &party).or_else(|| {
            scoped(
                ctx,
                &format!("{} tỉnh", sentence_case(organ)),
                province.as_deref(),
            )
        });
    }
    if plan.issuer.is_none() {
        let code_issuer = number_codes
            .as_ref()
            .and_then(|n| n.default_issuer(ctx.rules));
        plan.issuer = code_issuer.and_then(|s| scoped(ctx, &s, province.as_deref()));
    }
    if plan.issuer.is_none() {
        plan.issuer = portal_body.and_then(|b| scoped(ctx, b, province.as_deref()));
    }
    plan.province = if head.central { None } else { province };
    // A decision promulgating the plan whose own title word was not found:
    // "Ban hành kèm theo Quyết định này Kế hoạch …" before the plan's title.
    let before_title = layout
        .title_word
        .as_ref()
        .map_or(layout.end, |t| doc.lines.range(t.line).start);
    let promulgating = ctx.rules.rule("plan.promulgates").and_then(|r| {
        let text = &doc.joined[layout.start.min(before_title)..before_title];
        r.regex
            .captures(text)?
            .name("type")
            .map(|m| sentence_case(m.as_str()))
    });
    if let Some(t) = promulgating {
        plan.doc_type = Some(t);
    }
    if plan.doc_type.is_none() {
        plan.doc_type = portal
            .get("Loại văn bản")
            .map(|t| sentence_case(t))
            .or_else(|| number_codes.as_ref().and_then(|n| n.code_type(ctx.rules)));
    }
    if memchr::memmem::find(doc.text.as_bytes(), b"[...]").is_some() {
        warnings.push(Warning::new(
            "truncated",
            "the text is truncated (\"[...]\"): later items are missing",
            None,
        ));
    }
    if let Some(d) = &plan.doc_type {
        plan.doc_type = Some(
            ctx.rules
                .vocab("doc_type")
                .and_then(|v| v.lookup(d))
                .map_or_else(|| d.clone(), |e| e.value.clone()),
        );
    }
    plan
}
