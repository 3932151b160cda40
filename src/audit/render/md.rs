//! Markdown: the matrix (or the per-directive summary) as a table, then the
//! findings as a list.

use std::io::{self, Write};

use super::table::header;
use super::{LEGEND, RenderOptions, cell_text, grouped, place_text, plan_caption};
use crate::audit::Audit;

/// Text safe inside a Markdown table cell or list item.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' => {
                out.push('\\');
                out.push(ch);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(ch),
        }
    }
    out
}

fn table_row(out: &mut dyn Write, cells: &[String]) -> io::Result<()> {
    writeln!(out, "| {} |", cells.join(" | "))
}

/// Header and rule; columns `right` (a range of indices) are right-aligned.
fn table_head(
    out: &mut dyn Write,
    cells: &[String],
    right: std::ops::Range<usize>,
) -> io::Result<()> {
    table_row(out, cells)?;
    let rule: Vec<String> = (0..cells.len())
        .map(|i| if right.contains(&i) { "---:" } else { "---" }.to_string())
        .collect();
    table_row(out, &rule)
}

pub(crate) fn write(audit: &Audit, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "# Citation audit\n\n{}\n", esc(&header(audit)))?;
    let matrix = audit.plans.len() <= opts.max_columns;
    if matrix {
        writeln!(out, "## Plans\n")?;
        table_head(out, &["".into(), "Plan".into(), "Path".into()], 0..0)?;
        for p in &audit.plans {
            table_row(
                out,
                &[
                    format!("P{}", p.index + 1),
                    esc(&plan_caption(p)),
                    format!("`{}`", p.path.replace('`', "'")),
                ],
            )?;
        }
        writeln!(out, "\n## Directives × plans\n\n{}\n", esc(LEGEND))?;
        let mut head = vec!["Directive".to_string(), "Date".into(), "Type".into()];
        head.extend((1..=audit.plans.len()).map(|i| format!("P{i}")));
        head.extend(["Plans".into(), "Provinces".into(), "Title".into()]);
        let n = head.len();
        table_head(out, &head, n - 3..n - 1)?;
        for d in &audit.directives {
            let mut r = vec![
                esc(&d.number),
                d.date.clone().unwrap_or_default(),
                esc(&d.doc_type),
            ];
            let mut cells = vec![String::new(); audit.plans.len()];
            for c in &d.cells {
                cells[c.plan] = esc(&cell_text(c));
            }
            r.extend(cells);
            r.extend([
                d.plans.to_string(),
                d.provinces.to_string(),
                esc(d.title.as_deref().unwrap_or("")),
            ]);
            table_row(out, &r)?;
        }
        let mut r = vec![
            "**Directives per plan**".to_string(),
            String::new(),
            String::new(),
        ];
        r.extend(audit.plans.iter().map(|p| p.directives.to_string()));
        r.extend([String::new(), String::new(), String::new()]);
        table_row(out, &r)?;
    } else {
        writeln!(
            out,
            "## Directives\n\n{} plans: one row per directive (the full matrix is in the CSV or HTML report).\n",
            audit.plans.len()
        )?;
        let head = [
            "Directive",
            "Date",
            "Type",
            "Issuer",
            "Plans",
            "Provinces",
            "Implements",
            "Basis",
            "Reference",
            "Mentions",
            "Title",
        ]
        .map(String::from);
        table_head(out, &head, 4..10)?;
        for d in &audit.directives {
            table_row(
                out,
                &[
                    esc(&d.number),
                    d.date.clone().unwrap_or_default(),
                    esc(&d.doc_type),
                    esc(d.issuer.as_deref().unwrap_or("")),
                    d.plans.to_string(),
                    d.provinces.to_string(),
                    d.by_relation.implements.to_string(),
                    d.by_relation.basis.to_string(),
                    d.by_relation.reference.to_string(),
                    d.mentions.to_string(),
                    esc(d.title.as_deref().unwrap_or("")),
                ],
            )?;
        }
    }
    let t = &audit.totals;
    writeln!(
        out,
        "\n## Findings\n\n{} warnings, {} info.\n",
        t.warnings, t.infos
    )?;
    for (code, groups, hidden) in grouped(&audit.findings, opts.max_findings_per_code) {
        for g in groups {
            writeln!(
                out,
                "- **{}** `{code}`: {}",
                g.severity.as_str(),
                esc(g.message)
            )?;
            for p in g.places.iter().take(opts.max_places) {
                let value = p
                    .value
                    .as_ref()
                    .map(|v| format!(" ({})", esc(v)))
                    .unwrap_or_default();
                writeln!(out, "  - `{}`{value}", place_text(p).replace('`', "'"))?;
            }
            if g.places.len() > opts.max_places {
                writeln!(out, "  - … and {} more", g.places.len() - opts.max_places)?;
            }
        }
        if hidden > 0 {
            writeln!(out, "- … and {hidden} more `{code}` findings")?;
        }
    }
    Ok(())
}
