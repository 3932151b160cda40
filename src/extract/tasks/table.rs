//! Markdown task tables: a table whose header names a lead column
//! ("Cơ quan chủ trì", vocabulary `task_column`) gives one task per row,
//! with the lead and support read from their cells.

use std::ops::Range;

use super::assign::Analyzer;
use crate::document::outline::{Item, Marker};
use crate::extract::bodies::mentions::{Name, fold_ws};
use crate::record::Task;
use crate::rules::RuleSet;

/// Byte ranges of the cells of a row item (trimmed), in column order.
pub fn cell_ranges(text: &str, item: &Item) -> Vec<Range<usize>> {
    let line = &text[item.head.clone()];
    let mut bars: Vec<usize> = line
        .char_indices()
        .filter(|&(_, c)| c == '|')
        .map(|(i, _)| i)
        .collect();
    if line.trim_start().starts_with('|') {
        bars.remove(0);
    }
    let mut out = Vec::new();
    let mut start = line.find('|').map_or(0, |p| p + 1);
    if !line.trim_start().starts_with('|') {
        start = 0;
    }
    for b in bars {
        let cell = &line[start..b];
        let lead = cell.len() - cell.trim_start().len();
        let s = item.head.start + start + lead;
        out.push(s..(s + cell.trim().len()).max(s));
        start = b + 1;
    }
    out
}

/// Role of each column ("lead", "support", "deadline", "task" or "").
pub fn column_roles(rules: &RuleSet, columns: &[String]) -> Vec<String> {
    let v = rules.vocab("task_column");
    columns
        .iter()
        .map(|c| {
            v.and_then(|v| v.lookup(c.trim_matches(['*', ' '])))
                .and_then(|e| e.attr("role"))
                .unwrap_or("")
                .to_string()
        })
        .collect()
}

/// The bodies of a cell: recognised ones, else its comma-separated parts.
fn cell_bodies(an: &Analyzer<'_, '_, '_>, r: &Range<usize>) -> Vec<Name> {
    let found = an.list(r.start, r.end);
    if !found.is_empty() || r.is_empty() {
        return found;
    }
    an.text_of(r.start, r.end)
        .split([',', ';'])
        .map(|p| fold_ws(p.trim_matches(['.', ' ', '-'])))
        .filter(|p| p.chars().next().is_some_and(char::is_alphabetic))
        .map(|p| {
            let mut c = p.chars();
            let first: String = c.next().into_iter().flat_map(char::to_uppercase).collect();
            Name::new(first + c.as_str(), "unknown")
        })
        .collect()
}

/// One task per row of an assignment table.
pub fn rows(an: &Analyzer<'_, '_, '_>) -> Vec<Task> {
    let mut out = Vec::new();
    for item in &an.ctx.outline.items {
        if item.marker != Marker::Row || item.columns.is_empty() {
            continue;
        }
        let roles = column_roles(an.ctx.rules, &item.columns);
        let Some(lead_col) = roles.iter().position(|r| r == "lead") else {
            continue;
        };
        let cells = cell_ranges(an.text, item);
        let Some(lead_cell) = cells.get(lead_col) else {
            continue;
        };
        let lead = cell_bodies(an, lead_cell);
        if lead.is_empty() {
            continue;
        }
        let support: Vec<String> = roles
            .iter()
            .position(|r| r == "support")
            .and_then(|i| cells.get(i))
            .map(|r| cell_bodies(an, r))
            .unwrap_or_default()
            .into_iter()
            .filter(|s| !lead.iter().any(|l| l.name == s.name))
            .map(|n| n.name)
            .collect();
        let text = roles
            .iter()
            .position(|r| r == "task")
            .and_then(|i| cells.get(i))
            .map_or_else(
                || fold_ws(an.text_of(item.head.start, item.head.end)),
                |r| fold_ws(an.text_of(r.start, r.end)),
            );
        out.push(Task {
            section: item.section.clone(),
            text,
            lead: lead.into_iter().map(|n| n.name).collect(),
            support,
            deadline: None,
            span: an.ctx.doc.span(item.head.start, item.head.end),
            rule: "task.table_row".into(),
        });
    }
    out
}
