//! The header block: issuer lines, "Số: …", the place-and-date line, the
//! draft marker — read from header *cells* (lines, or Markdown table cells)
//! with the `plan.*` rules.

use regex::Captures;

use crate::extract::Context;
use crate::extract::common::{
    cells, fold, is_upper, parse_date, partial_date, sentence_case, title_case,
};

/// One header cell.
#[derive(Debug, Clone)]
pub struct Cell<'a> {
    /// 1-based line.
    pub line: u32,
    /// Byte offset of the cell in the text.
    pub start: usize,
    /// The cell's text.
    pub text: &'a str,
}

/// The cells of lines `from..=to`.
pub fn header_cells<'a>(ctx: &Context<'a, '_>, from: u32, to: u32) -> Vec<Cell<'a>> {
    let doc = ctx.doc;
    let mut out = Vec::new();
    for l in from..=to.min(doc.lines.count() as u32) {
        let line = doc.line(l);
        let base = doc.lines.range(l).start;
        for c in cells(line) {
            out.push(Cell {
                line: l,
                start: base + c.start,
                text: &line[c],
            });
        }
    }
    out
}

/// Captures of rule `id` on `text`.
pub fn caps<'t>(ctx: &Context<'_, '_>, id: &str, text: &'t str) -> Option<Captures<'t>> {
    let re = &ctx.rules.rule(id)?.regex;
    // The DFA answers "no" without allocating the capture slots.
    if !re.is_match(text) {
        return None;
    }
    re.captures(text)
}

/// A province's canonical name from a place as written ("NINH THUẬN",
/// "Tp. Hồ Chí Minh", "Rạch Giá" → "Kiên Giang").
pub fn province_of(ctx: &Context<'_, '_>, place: &str) -> Option<String> {
    let p = place.trim().trim_end_matches(['.', ',']);
    let lower = fold(p);
    let p = [
        "thành phố ",
        "tp. ",
        "tp.",
        "tp ",
        "tỉnh ",
        "huyện ",
        "thị xã ",
        "quận ",
    ]
    .iter()
    .find_map(|pre| lower.starts_with(pre).then(|| p[pre.len()..].trim()))
    .unwrap_or(p);
    if let Some(e) = ctx.rules.vocab("province").and_then(|v| v.lookup(p)) {
        return Some(e.value.clone());
    }
    let e = ctx.rules.vocab("place_province")?.lookup(p)?;
    e.attr("province").map(str::to_string)
}

/// The plan's issuer as read from the header.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HeaderIssuer {
    /// Canonical issuer ("Ủy ban nhân dân tỉnh Ninh Thuận").
    pub issuer: Option<String>,
    /// The place after the body, as a province.
    pub province: Option<String>,
    /// Party body ("Tỉnh ủy") when the issuer is a Party one.
    pub party_body: Option<String>,
    /// True when the issuer is a central body (no province).
    pub central: bool,
}

/// Is `cell` the national motto or a separator (skipped in the issuer block)?
fn motto(text: &str) -> bool {
    let t = text.trim();
    t.starts_with("CỘNG HÒA")
        || t.starts_with("ĐẢNG CỘNG SẢN")
        || t.starts_with("Độc lập")
        || t.chars().all(|c| !c.is_alphanumeric())
}

/// The issuer lines at the top of the header: upper-case cells before the
/// number and the place-and-date line (cells `..stop`).
pub fn issuer_lines<'a>(cells: &[Cell<'a>], stop: usize) -> Vec<&'a str> {
    let mut out = Vec::new();
    for c in &cells[..stop.min(cells.len())] {
        let t = c.text.trim();
        if motto(t) || !is_upper(t) {
            continue;
        }
        out.push(t);
        if out.len() == 5 {
            break;
        }
    }
    // "ĐẢNG BỘ TỈNH X" above "TỈNH ỦY X" names the Party organization the
    // issuing committee belongs to, not the issuer.
    if out.len() >= 2 && out[0].starts_with("ĐẢNG BỘ ") {
        out.remove(0);
    }
    out.truncate(4);
    out
}

/// Read the issuer block.
pub fn issuer(ctx: &Context<'_, '_>, lines: &[&str]) -> HeaderIssuer {
    let mut h = HeaderIssuer::default();
    let Some(&first) = lines.first() else {
        return h;
    };
    let issuer_vocab = ctx.rules.vocab("issuer");
    let body_vocab = ctx.rules.vocab("header_body");
    let joined2 = lines.get(1).map(|s| format!("{first} {s}"));
    // State: "ỦY BAN NHÂN DÂN" + "TỈNH NINH THUẬN", or on one line.
    let state = caps(ctx, "plan.header_state", first)
        .map(|c| (c, 1))
        .or_else(|| {
            joined2
                .as_deref()
                .and_then(|j| caps(ctx, "plan.header_state", j).map(|c| (c, 2)))
        });
    if let Some((c, used)) = state {
        let body = c.name("body").map_or("", |m| m.as_str());
        let body = body_vocab
            .and_then(|v| v.lookup(body))
            .map_or_else(|| sentence_case(body), |e| e.value.clone());
        let scope = match fold(c.name("scope").map_or("", |m| m.as_str())).as_str() {
            "tp" | "tp." => "thành phố".to_string(),
            s => s.to_string(),
        };
        let place = c.name("place").map_or("", |m| m.as_str());
        let province = province_of(ctx, place);
        let name = match (&province, scope.as_str()) {
            (Some(p), "tỉnh" | "thành phố") => p.clone(),
            _ => title_case(place),
        };
        h.province = province;
        h.issuer = Some(format!("{body} {scope} {name}"));
        // A department under its parent: "UBND TỈNH X" / "SỞ NỘI VỤ".
        if let Some(organ) = lines.get(used) {
            if let Some(e) = issuer_vocab.and_then(|v| v.lookup(organ)) {
                h.issuer = Some(e.value.clone());
            } else if organ.starts_with("SỞ ") || organ.starts_with("VĂN PHÒNG") {
                h.issuer = Some(sentence_case(organ));
            }
        }
        return h;
    }
    // Party: "TỈNH ỦY KIÊN GIANG" (+ "BAN THƯỜNG VỤ").
    if let Some(c) = caps(ctx, "plan.header_party", first) {
        let body = c.name("body").map_or("", |m| m.as_str());
        let body = body_vocab
            .and_then(|v| v.lookup(body))
            .map_or_else(|| sentence_case(body), |e| e.value.clone());
        let place = c.name("place").map_or("", |m| m.as_str());
        h.province = province_of(ctx, place);
        let organ = c
            .name("organ")
            .map(|m| m.as_str())
            .or_else(|| lines.get(1).copied());
        h.issuer = Some(party_organ(ctx, organ, &body).unwrap_or_else(|| body.clone()));
        h.party_body = Some(body);
        return h;
    }
    // A body named alone: "CHÍNH PHỦ", "BỘ NỘI VỤ", "BAN CHẤP HÀNH TRUNG ƯƠNG".
    if let Some(e) = issuer_vocab.and_then(|v| v.lookup(first)) {
        h.central = e.attr("level") == Some("central");
        h.issuer = Some(e.value.clone());
    }
    h
}

/// "BAN THƯỜNG VỤ" of "Tỉnh ủy" → "Ban Thường vụ Tỉnh ủy" (canonical via
/// the issuer vocabulary).
pub fn party_organ(ctx: &Context<'_, '_>, organ: Option<&str>, body: &str) -> Option<String> {
    let organ = fold(organ?);
    let name = match organ.as_str() {
        "ban thường vụ" => format!("Ban Thường vụ {body}"),
        "ban chấp hành" => format!("Ban Chấp hành {body}"),
        "thường trực" => format!("Thường trực {body}"),
        _ => return None,
    };
    let e = ctx.rules.vocab("issuer")?.lookup(&name);
    Some(e.map_or(name, |e| e.value.clone()))
}

/// The number line: (canonical number or None when blank, the cell, its
/// index).
pub fn number<'a>(
    ctx: &Context<'_, '_>,
    cells: &[Cell<'a>],
) -> Option<(Option<String>, Cell<'a>, usize)> {
    for (i, c) in cells.iter().enumerate() {
        let text = strip_draft(ctx, c.text);
        let Some(caps) = caps(ctx, "plan.number", &text) else {
            continue;
        };
        let code = caps.name("code").map_or("", |m| m.as_str());
        let number = caps.name("digits").map(|d| {
            format!("{}{code}", d.as_str())
                .chars()
                .filter(|c| !c.is_whitespace())
                .map(|c| {
                    if matches!(c, '–' | '‐' | '‑' | '—') {
                        '-'
                    } else {
                        c
                    }
                })
                .collect()
        });
        return Some((number, c.clone(), i));
    }
    None
}

/// `text` without its draft marker ("/KH-UBNDDự thảo" → "/KH-UBND").
fn strip_draft(ctx: &Context<'_, '_>, text: &str) -> String {
    match ctx
        .rules
        .rule("plan.draft")
        .and_then(|r| r.regex.find(text))
    {
        Some(m) => format!("{} {}", &text[..m.start()], &text[m.end()..]),
        None => text.to_string(),
    }
}

/// Is there a draft marker in `text`?
pub fn is_draft(ctx: &Context<'_, '_>, text: &str) -> bool {
    ctx.rules
        .rule("plan.draft")
        .is_some_and(|r| r.regex.is_match(text))
}

/// The place-and-date line: (place, ISO date, possibly partial, cell index).
pub fn place_date(
    ctx: &Context<'_, '_>,
    cells: &[Cell<'_>],
) -> Option<(String, Option<String>, usize)> {
    for (i, c) in cells.iter().enumerate() {
        let Some(caps) = caps(ctx, "plan.place_date", c.text) else {
            continue;
        };
        let place = caps
            .name("place")
            .map_or("", |m| m.as_str())
            .trim()
            .to_string();
        let num = |n: &str| caps.name(n).and_then(|m| m.as_str().parse::<u32>().ok());
        let date = match caps.name("dmy") {
            Some(d) => parse_date(d.as_str()),
            None => num("year").and_then(|y| partial_date(num("day"), num("month"), y)),
        };
        return Some((place, date, i));
    }
    None
}
