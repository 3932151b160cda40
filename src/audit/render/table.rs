//! Plain-text report for a terminal.

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::{LEGEND, RenderOptions, cell_text, grouped, place_text, plan_caption, truncate};
use crate::audit::{Audit, Directive};

/// Columns padded to their widest cell (counted in characters: Vietnamese
/// text is NFC, one character per column). `right[i]` right-aligns column i.
pub(crate) fn aligned(rows: &[Vec<String>], right: &[bool], indent: &str) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0; cols];
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            widths[i] = widths[i].max(c.chars().count());
        }
    }
    let mut out = String::new();
    for r in rows {
        let mut line = String::from(indent);
        for (i, c) in r.iter().enumerate() {
            let pad = widths[i] - c.chars().count();
            let last = i + 1 == r.len();
            if right.get(i).copied().unwrap_or(false) {
                line.push_str(&" ".repeat(pad));
                line.push_str(c);
            } else {
                line.push_str(c);
                if !last {
                    line.push_str(&" ".repeat(pad));
                }
            }
            if !last {
                line.push_str("  ");
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

pub(crate) fn header(audit: &Audit) -> String {
    let t = &audit.totals;
    let mut s = format!(
        "kehoach audit: {} plan{} ({} provinces), level {}, {} directive{}",
        t.plans,
        if t.plans == 1 { "" } else { "s" },
        t.provinces,
        audit.level,
        t.directives,
        if t.directives == 1 { "" } else { "s" },
    );
    if t.error_records > 0 {
        s.push_str(&format!(", {} error records skipped", t.error_records));
    }
    if t.invalid_lines > 0 {
        s.push_str(&format!(", {} unreadable lines skipped", t.invalid_lines));
    }
    s.push_str(&match audit.registry_entries {
        0 => "; no registry in the rules (no titles, registry dates or implementing acts)".into(),
        n => format!("; registry: {n} entries"),
    });
    s
}

fn matrix(audit: &Audit, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "Plans")?;
    let rows: Vec<Vec<String>> = audit
        .plans
        .iter()
        .map(|p| vec![format!("P{}", p.index + 1), plan_caption(p), p.path.clone()])
        .collect();
    write!(out, "{}", aligned(&rows, &[], "  "))?;
    writeln!(out, "\nDirectives × plans ({LEGEND})")?;
    let n = audit.plans.len();
    let mut head = vec!["Directive".to_string(), "Date".into(), "Type".into()];
    head.extend((1..=n).map(|i| format!("P{i}")));
    head.extend(["Plans".into(), "Provinces".into()]);
    let mut rows = vec![head];
    for d in &audit.directives {
        let mut r = vec![
            d.number.clone(),
            d.date.clone().unwrap_or_else(|| "?".into()),
            truncate(&d.doc_type, 20),
        ];
        let mut cells = vec![".".to_string(); n];
        for c in &d.cells {
            cells[c.plan] = cell_text(c);
        }
        r.extend(cells);
        r.extend([d.plans.to_string(), d.provinces.to_string()]);
        rows.push(r);
    }
    let mut per_plan = vec![
        "Directives per plan".to_string(),
        String::new(),
        String::new(),
    ];
    per_plan.extend(audit.plans.iter().map(|p| p.directives.to_string()));
    rows.push(per_plan);
    let mut implemented = vec![
        "of which implemented".to_string(),
        String::new(),
        String::new(),
    ];
    implemented.extend(audit.plans.iter().map(|p| p.implements.to_string()));
    rows.push(implemented);
    let mut right = vec![false; 3];
    right.extend(vec![false; n]);
    right.extend([true, true]);
    write!(out, "{}", aligned(&rows, &right, "  "))?;
    titles(&audit.directives, out)
}

fn titles(directives: &[Directive], out: &mut dyn Write) -> io::Result<()> {
    let rows: Vec<Vec<String>> = directives
        .iter()
        .filter_map(|d| Some(vec![d.key.clone(), d.title.clone()?]))
        .collect();
    if !rows.is_empty() {
        writeln!(out, "\nTitles (registry)")?;
        write!(out, "{}", aligned(&rows, &[], "  "))?;
    }
    Ok(())
}

fn summary(audit: &Audit, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "Directives ({} plans is more than {} columns: one line per directive here; \
         the full matrix is in --format csv or --format html, or raise --max-columns)",
        audit.plans.len(),
        opts.max_columns
    )?;
    let mut rows = vec![
        [
            "Directive",
            "Date",
            "Type",
            "Issuer",
            "Plans",
            "Provinces",
            "I",
            "B",
            "R",
            "Mentions",
            "Title",
        ]
        .map(String::from)
        .to_vec(),
    ];
    for d in &audit.directives {
        rows.push(vec![
            d.number.clone(),
            d.date.clone().unwrap_or_else(|| "?".into()),
            truncate(&d.doc_type, 20),
            truncate(d.issuer.as_deref().unwrap_or(""), 26),
            d.plans.to_string(),
            d.provinces.to_string(),
            d.by_relation.implements.to_string(),
            d.by_relation.basis.to_string(),
            d.by_relation.reference.to_string(),
            d.mentions.to_string(),
            truncate(d.title.as_deref().unwrap_or(""), 50),
        ]);
    }
    let right = [
        false, false, false, false, true, true, true, true, true, true, false,
    ];
    write!(out, "{}", aligned(&rows, &right, "  "))?;
    writeln!(
        out,
        "  (I, B, R: plans implementing, citing as basis, referring)"
    )?;
    // Per-plan totals would be one line per plan: per province instead.
    let mut by_province: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    for p in &audit.plans {
        let e = by_province
            .entry(p.province.as_deref().unwrap_or("(unknown)"))
            .or_default();
        e.0 += 1;
        e.1 += p.directives;
        e.2 += p.implements;
    }
    writeln!(
        out,
        "\nProvinces (per-plan totals: --format json, csv or html)"
    )?;
    let mut rows = vec![
        ["Province", "Plans", "Directives cited", "Implemented"]
            .map(String::from)
            .to_vec(),
    ];
    for (prov, (plans, dirs, imp)) in by_province {
        rows.push(vec![
            prov.to_string(),
            plans.to_string(),
            dirs.to_string(),
            imp.to_string(),
        ]);
    }
    write!(out, "{}", aligned(&rows, &[false, true, true, true], "  "))
}

pub(crate) fn write(audit: &Audit, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{}\n", header(audit))?;
    if audit.plans.len() <= opts.max_columns {
        matrix(audit, out)?;
    } else {
        summary(audit, opts, out)?;
    }
    let t = &audit.totals;
    writeln!(out, "\nFindings: {} warnings, {} info", t.warnings, t.infos)?;
    for (code, groups, hidden) in grouped(&audit.findings, opts.max_findings_per_code) {
        for g in groups {
            writeln!(out, "  {:<7}  {code}  {}", g.severity.as_str(), g.message)?;
            for p in g.places.iter().take(opts.max_places) {
                match &p.value {
                    Some(v) => writeln!(out, "             {}  ({v})", place_text(p))?,
                    None => writeln!(out, "             {}", place_text(p))?,
                }
            }
            if g.places.len() > opts.max_places {
                writeln!(
                    out,
                    "             … and {} more places",
                    g.places.len() - opts.max_places
                )?;
            }
        }
        if hidden > 0 {
            writeln!(
                out,
                "  … and {hidden} more {code} findings (all in --format json or html)"
            )?;
        }
    }
    for e in &audit.invalid_examples {
        writeln!(out, "  skipped: {e}")?;
    }
    Ok(())
}
