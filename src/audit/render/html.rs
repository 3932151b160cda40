//! One self-contained HTML page: opens from a USB stick with no network
//! (CSS and JS inline, no web fonts), prints in colour on A4 landscape.
//!
//! * the matrix as a heat map (colour = relation, depth = mentions), one
//!   `<tr data-key="…">` per directive, sortable by clicking a column header
//!   (`#sort=N` / `#sort=N-desc` in the address sorts on load);
//! * each cell links to `#plan-P-dK`, the list of its mention lines in the
//!   plan's section;
//! * the findings, each place linking to its plan's section.

use std::io::{self, Write};

use super::{LEGEND, plan_caption};
use crate::audit::{Audit, Cell, Directive, Relation};

const CSS: &str = include_str!("assets/audit.css");
const JS: &str = include_str!("assets/audit.js");

/// Text safe in HTML content and attribute values.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

/// ISO "2017-10-25" as Vietnamese readers write it: "25/10/2017" ("2023-01"
/// → "01/2023").
fn vn_date(iso: &str) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    match parts.as_slice() {
        [y, m, d] => format!("{d}/{m}/{y}"),
        [y, m] => format!("{m}/{y}"),
        _ => iso.to_string(),
    }
}

fn relation_vi(r: Relation) -> &'static str {
    match r {
        Relation::Implements => "Triển khai",
        Relation::Basis => "Căn cứ",
        Relation::Reference => "Tham chiếu",
    }
}

fn level_vi(level: &str) -> &'static str {
    match level {
        "central" => "cấp Trung ương",
        "provincial" => "cấp tỉnh",
        "district" => "cấp huyện",
        _ => "mọi cấp",
    }
}

fn bucket(count: usize) -> &'static str {
    match count {
        0 | 1 => "m1",
        2 | 3 => "m2",
        4..=6 => "m3",
        _ => "m4",
    }
}

/// Anchor of a plan's entry for a directive (plans and rows 1-based).
fn anchor(plan: usize, row: usize) -> String {
    format!("plan-{}-d{}", plan + 1, row + 1)
}

fn matrix(audit: &Audit, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "<section id=\"matrix\"><h2>Ma trận văn bản × kế hoạch <small>Directives × plans</small></h2>"
    )?;
    write!(out, "<div class=\"legend\">")?;
    for r in [Relation::Implements, Relation::Basis, Relation::Reference] {
        write!(
            out,
            "<span><span class=\"sw rel-{} m3\"></span>{} <span class=\"en\">({})</span></span>",
            r.as_str(),
            relation_vi(r),
            r.as_str()
        )?;
    }
    writeln!(
        out,
        "<span>Màu càng đậm, càng nhiều lần nêu <span class=\"en\">(darker = more mentions)</span></span></div>"
    )?;
    writeln!(
        out,
        "<p class=\"hint\">{} — Nhấn vào tiêu đề cột để sắp xếp (click a column header to sort); nhấn vào ô để xem các dòng nêu văn bản.</p>",
        esc(LEGEND)
    )?;
    writeln!(
        out,
        "<div class=\"scroll\"><table id=\"matrix-table\" class=\"matrix\"><thead><tr>\
         <th class=\"dir\" data-type=\"text\">Văn bản <small>Directive</small></th>\
         <th data-type=\"text\">Ngày <small>Date</small></th>\
         <th data-type=\"text\">Loại <small>Type</small></th>\
         <th data-type=\"num\">Số KH trích dẫn <small>Plans</small></th>\
         <th data-type=\"num\">Số tỉnh <small>Provinces</small></th>"
    )?;
    for p in &audit.plans {
        // Vertical label: province and date first (what a reader scans
        // for), then the plan's number or file name.
        let mut short: Vec<String> = p.province.iter().cloned().collect();
        short.extend(p.date.as_deref().map(vn_date));
        short.push(p.label.clone());
        writeln!(
            out,
            "<th class=\"plan\" data-type=\"num\" title=\"{}\"><a href=\"#plan-{}\">P{}</a><div class=\"vl\">{}</div></th>",
            esc(&format!("{} — {}", plan_caption(p), p.path)),
            p.index + 1,
            p.index + 1,
            esc(&short.join(" · "))
        )?;
    }
    writeln!(out, "</tr></thead><tbody>")?;
    for (row, d) in audit.directives.iter().enumerate() {
        row_html(audit, row, d, out)?;
    }
    write!(
        out,
        "</tbody><tfoot><tr><th class=\"dir\">Số văn bản mỗi kế hoạch <small>Directives per plan</small></th><td></td><td></td><td></td><td></td>"
    )?;
    for p in &audit.plans {
        write!(out, "<td class=\"n\">{}</td>", p.directives)?;
    }
    writeln!(out, "</tr></tfoot></table></div></section>")
}

fn row_html(audit: &Audit, row: usize, d: &Directive, out: &mut dyn Write) -> io::Result<()> {
    write!(
        out,
        "<tr data-key=\"{}\"><th class=\"dir\" scope=\"row\" data-sort=\"{}\"><span class=\"num\">{}</span>",
        esc(&d.key),
        esc(&d.number),
        esc(&d.number)
    )?;
    if let Some(t) = &d.title {
        write!(out, "<span class=\"title\">{}</span>", esc(t))?;
    }
    let issuer = d.issuer.as_deref().unwrap_or("");
    write!(
        out,
        "</th><td data-sort=\"{}\">{}</td><td title=\"{}\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>",
        esc(d.date.as_deref().unwrap_or("")),
        esc(&d.date.as_deref().map(vn_date).unwrap_or_else(|| "?".into())),
        esc(issuer),
        esc(&d.doc_type),
        d.plans,
        d.provinces
    )?;
    let mut cells: Vec<Option<&Cell>> = vec![None; audit.plans.len()];
    for c in &d.cells {
        cells[c.plan] = Some(c);
    }
    for (plan, c) in cells.into_iter().enumerate() {
        match c {
            None => write!(out, "<td class=\"c\" data-sort=\"0\"></td>")?,
            Some(c) => {
                let rank = c.relation as usize + 1;
                let lines: Vec<String> = c.mentions.iter().map(|m| m.line.to_string()).collect();
                write!(
                    out,
                    "<td class=\"c rel-{} {}\" data-sort=\"{}\"><a href=\"#{}\" title=\"{}\">{}&nbsp;{}{}</a></td>",
                    c.relation.as_str(),
                    bucket(c.count),
                    rank * 100_000 + c.count,
                    anchor(plan, row),
                    esc(&format!(
                        "{} — {}: {} lần nêu, dòng {}",
                        d.number,
                        relation_vi(c.relation),
                        c.count,
                        lines.join(", ")
                    )),
                    c.relation.letter(),
                    c.count,
                    if c.date_inferred { "*" } else { "" }
                )?;
            }
        }
    }
    writeln!(out, "</tr>")
}

fn findings(audit: &Audit, out: &mut dyn Write) -> io::Result<()> {
    let t = &audit.totals;
    writeln!(
        out,
        "<section id=\"findings\"><h2>Phát hiện <small>Findings: {} warnings, {} info</small></h2>",
        t.warnings, t.infos
    )?;
    if audit.findings.is_empty() {
        return writeln!(
            out,
            "<p>Không có phát hiện nào. <span class=\"en\">(No findings.)</span></p></section>"
        );
    }
    writeln!(
        out,
        "<table class=\"findings\"><thead><tr><th>Mức độ <small>Severity</small></th><th>Mã <small>Code</small></th>\
         <th>Nội dung <small>Message</small></th><th>Vị trí <small>Where</small></th></tr></thead><tbody>"
    )?;
    for f in &audit.findings {
        let sev = match f.severity.as_str() {
            "warning" => "Cảnh báo",
            _ => "Lưu ý",
        };
        write!(
            out,
            "<tr><td class=\"sev-{}\">{sev} <small>{}</small></td><td><code>{}</code></td><td>{}</td><td>",
            f.severity.as_str(),
            f.severity.as_str(),
            f.code,
            esc(&f.message)
        )?;
        for (i, p) in f.places.iter().enumerate() {
            if i == 200 {
                write!(out, "… {} more", f.places.len() - 200)?;
                break;
            }
            let lines: Vec<String> = p.lines.iter().map(u32::to_string).collect();
            write!(
                out,
                "<div><a href=\"#plan-{}\" title=\"{}\">P{}</a>{}{}</div>",
                p.plan + 1,
                esc(&p.path),
                p.plan + 1,
                if lines.is_empty() {
                    String::new()
                } else {
                    format!(" dòng {}", lines.join(", "))
                },
                p.value
                    .as_ref()
                    .map(|v| format!(": <strong>{}</strong>", esc(v)))
                    .unwrap_or_default()
            )?;
        }
        writeln!(out, "</td></tr>")?;
    }
    writeln!(out, "</tbody></table></section>")
}

fn plans(audit: &Audit, out: &mut dyn Write) -> io::Result<()> {
    let mut by_plan: Vec<Vec<(usize, &Cell)>> = vec![Vec::new(); audit.plans.len()];
    for (row, d) in audit.directives.iter().enumerate() {
        for c in &d.cells {
            by_plan[c.plan].push((row, c));
        }
    }
    writeln!(
        out,
        "<section id=\"plans\"><h2>Chi tiết từng kế hoạch <small>Plans: where each document is mentioned</small></h2>"
    )?;
    for (p, cells) in audit.plans.iter().zip(by_plan) {
        writeln!(
            out,
            "<article class=\"plan-card\" id=\"plan-{}\"><h3>P{} · {}</h3><p><code>{}</code>{}</p><ul>",
            p.index + 1,
            p.index + 1,
            esc(&plan_caption(p)),
            esc(&p.path),
            p.title
                .as_ref()
                .map(|t| format!("<br>{}", esc(t)))
                .unwrap_or_default()
        )?;
        if cells.is_empty() {
            writeln!(
                out,
                "<li>Không trích dẫn văn bản nào ở cấp này. <span class=\"en\">(No directive at this level.)</span></li>"
            )?;
        }
        for (row, c) in cells {
            let d = &audit.directives[row];
            writeln!(
                out,
                "<li id=\"{}\"><strong>{}</strong> {}{} — {} <span class=\"en\">({})</span>, {} lần nêu<ol class=\"lines\">",
                anchor(p.index, row),
                esc(&d.number),
                esc(&d.doc_type),
                d.date
                    .as_deref()
                    .map(|x| format!(" ngày {}", vn_date(x)))
                    .unwrap_or_default(),
                relation_vi(c.relation),
                c.relation.as_str(),
                c.count
            )?;
            if c.mentions.iter().all(|m| m.text.is_empty()) {
                let lines: Vec<String> = c.mentions.iter().map(|m| m.line.to_string()).collect();
                writeln!(out, "<li>dòng {}</li>", lines.join(", "))?;
            } else {
                for m in &c.mentions {
                    writeln!(out, "<li>dòng {}: {}</li>", m.line, esc(&m.text))?;
                }
            }
            writeln!(out, "</ol></li>")?;
        }
        writeln!(out, "</ul></article>")?;
    }
    writeln!(out, "</section>")
}

pub(crate) fn write(audit: &Audit, out: &mut dyn Write) -> io::Result<()> {
    let t = &audit.totals;
    writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"generator\" content=\"kehoach audit\">\
         <title>Đối chiếu trích dẫn văn bản — kehoach audit</title><style>{CSS}</style></head><body>"
    )?;
    writeln!(
        out,
        "<header><h1>Báo cáo đối chiếu văn bản được trích dẫn <small>Citation audit</small></h1>\
         <p class=\"meta\">{} kế hoạch · {} tỉnh, thành phố · {} văn bản {} · {} cảnh báo, {} lưu ý{}{}</p>\
         <nav><a href=\"#matrix\">Ma trận</a><a href=\"#findings\">Phát hiện</a><a href=\"#plans\">Từng kế hoạch</a></nav></header>",
        t.plans,
        t.provinces,
        t.directives,
        level_vi(audit.level),
        t.warnings,
        t.infos,
        if t.error_records + t.invalid_lines > 0 {
            format!(
                " · bỏ qua {} bản ghi lỗi, {} dòng không đọc được",
                t.error_records, t.invalid_lines
            )
        } else {
            String::new()
        },
        if audit.registry_entries == 0 {
            " · không có danh mục văn bản Trung ương (no registry)".to_string()
        } else {
            format!(" · danh mục: {} văn bản", audit.registry_entries)
        }
    )?;
    matrix(audit, out)?;
    findings(audit, out)?;
    plans(audit, out)?;
    writeln!(
        out,
        "<footer>Tạo bởi kehoach audit (schema {}). Số dòng tính theo văn bản gốc. \
         <span class=\"en\">Line numbers refer to the plan files.</span></footer><script>{JS}</script></body></html>",
        audit.schema
    )
}
