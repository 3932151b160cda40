//! Writing an [`Audit`]: one file per format.
//!
//! * `table` — plain text for a terminal: the full matrix up to
//!   [`RenderOptions::max_columns`] plans, beyond that one line per
//!   directive with counts (and totals per province);
//! * `md` — the same layout as Markdown tables, findings as a list;
//! * `csv` — one row per (directive, plan) cell, for spreadsheets (UTF-8
//!   BOM, every field quoted, CRLF);
//! * `html` — one self-contained page: heat-map matrix sortable by column,
//!   findings, and a section per plan listing the mention lines;
//! * `json` — the whole [`Audit`] (`kehoach.audit/1`).

mod csv;
mod html;
mod md;
mod table;

use std::collections::HashMap;
use std::io::{self, Write};

use super::{Audit, Cell, Finding, Place, PlanColumn, Severity};

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Plain text.
    #[default]
    Table,
    /// CSV, one row per cell.
    Csv,
    /// Markdown.
    Md,
    /// Self-contained HTML page.
    Html,
    /// The audit as JSON.
    Json,
}

/// Layout choices.
#[derive(Debug, Clone, Copy)]
pub struct RenderOptions {
    /// Above this many plans, `table` and `md` show one line per directive
    /// instead of the full matrix.
    pub max_columns: usize,
    /// Places listed per finding in `table` and `md` (the rest is counted).
    pub max_places: usize,
    /// Findings listed per code in `table` and `md` (the rest is counted).
    pub max_findings_per_code: usize,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            max_columns: 12,
            max_places: 10,
            max_findings_per_code: 50,
        }
    }
}

/// Write `audit` in `format`.
pub fn render(
    audit: &Audit,
    format: Format,
    opts: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Table => table::write(audit, opts, out),
        Format::Md => md::write(audit, opts, out),
        Format::Csv => csv::write(audit, out),
        Format::Html => html::write(audit, out),
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, audit)?;
            out.write_all(b"\n")
        }
    }
}

/// Render into a string (tests, small audits).
pub fn to_string(audit: &Audit, format: Format, opts: &RenderOptions) -> String {
    let mut buf = Vec::new();
    render(audit, format, opts, &mut buf).expect("writing to memory");
    String::from_utf8(buf).expect("renderers write UTF-8")
}

/// "I6": relation letter and mention count; `*` when the date is inferred.
pub(crate) fn cell_text(c: &Cell) -> String {
    format!(
        "{}{}{}",
        c.relation.letter(),
        c.count,
        if c.date_inferred { "*" } else { "" }
    )
}

/// "56/KH-UBND · Hà Tĩnh · 2024-02-02".
pub(crate) fn plan_caption(p: &PlanColumn) -> String {
    let mut parts = vec![p.label.as_str()];
    parts.extend(p.province.as_deref());
    parts.extend(p.date.as_deref());
    parts.join(" · ")
}

/// `s` cut to `max` characters, with "…" when cut.
pub(crate) fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
    t.push('…');
    t
}

/// "path:12,15" for a place.
pub(crate) fn place_text(p: &Place) -> String {
    let lines: Vec<String> = p.lines.iter().take(12).map(u32::to_string).collect();
    let more = if p.lines.len() > 12 { ",…" } else { "" };
    if lines.is_empty() {
        p.path.clone()
    } else {
        format!("{}:{}{more}", p.path, lines.join(","))
    }
}

/// Findings with the same code and message, as one entry with all their
/// places (what the text layouts print).
pub(crate) struct Group<'a> {
    /// Severity of the findings.
    pub severity: Severity,
    /// Their common message.
    pub message: &'a str,
    /// Every place, in the audit's order.
    pub places: Vec<&'a Place>,
}

/// Findings grouped by code (in the audit's order: warnings first), and
/// within a code by message; at most `max` groups per code: (code, groups,
/// number of groups not shown).
pub(crate) fn grouped(
    findings: &[Finding],
    max: usize,
) -> Vec<(&'static str, Vec<Group<'_>>, usize)> {
    let mut out: Vec<(&'static str, Vec<Group<'_>>, usize)> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for f in findings {
        if out.last().is_none_or(|(code, _, _)| *code != f.code) {
            out.push((f.code, Vec::new(), 0));
            index.clear();
        }
        let (_, groups, hidden) = out.last_mut().expect("pushed");
        match index.get(f.message.as_str()) {
            Some(&i) => groups[i].places.extend(&f.places),
            None if groups.len() < max => {
                index.insert(&f.message, groups.len());
                groups.push(Group {
                    severity: f.severity,
                    message: &f.message,
                    places: f.places.iter().collect(),
                });
            }
            None => *hidden += 1,
        }
    }
    out
}

/// The explanation of the cell letters.
pub(crate) const LEGEND: &str = "I = implements (triển khai), B = basis (căn cứ), R = reference (tham chiếu); \
the number counts mentions; * = the plan does not date it (date from the registry or other plans)";
