//! The streaming reduction: each record is folded into the matrix and the
//! findings as it arrives, then dropped.
//!
//! Rows are keyed by the citation's `key` (number@date). A citation the plan
//! never dates takes the registry's entry (the only one, or the latest not
//! after the plan's date, as the extractor does); at the end, an undated
//! row whose number has exactly one dated row is merged into it. Cells
//! whose date came from elsewhere are marked `date_inferred`.

use std::collections::{HashMap, HashSet};

use super::digest::{CitationDigest, Digest, Kind};
use super::findings::{self, DateUses, Finding, Place, Severity};
use super::registry::{Context, RegEntry, key_number, number_key};
use super::{
    AUDIT_SCHEMA, Audit, ByRelation, Cell, Directive, MentionRef, Options, PlanColumn, Relation,
    Totals,
};

struct RowAcc {
    key: String,
    number: String,
    date: Option<String>,
    level: String,
    doc_types: Vec<(String, usize)>,
    issuers: Vec<(String, usize)>,
    cells: Vec<Cell>,
}

fn vote(votes: &mut Vec<(String, usize)>, value: &str) {
    if value.is_empty() {
        return;
    }
    match votes.iter_mut().find(|(v, _)| v == value) {
        Some((_, n)) => *n += 1,
        None => votes.push((value.to_string(), 1)),
    }
}

fn winner(votes: &[(String, usize)]) -> Option<String> {
    // max_by_key keeps the last maximum: reverse so the first seen wins ties.
    votes
        .iter()
        .rev()
        .max_by_key(|(_, n)| *n)
        .map(|(v, _)| v.clone())
}

/// Add `cell` to `cells` (kept in plan order), merging with a cell of the
/// same plan.
fn merge_cell(cells: &mut Vec<Cell>, cell: Cell) {
    let at = cells.partition_point(|c| c.plan < cell.plan);
    match cells.get_mut(at) {
        Some(c) if c.plan == cell.plan => {
            c.relation = c.relation.max(cell.relation);
            c.date_inferred &= cell.date_inferred;
            c.mentions.extend(cell.mentions);
            c.mentions.sort_by_key(|m| m.line);
            c.count = c.mentions.len();
        }
        _ => cells.insert(at, cell),
    }
}

/// Folds records into an [`Audit`].
pub struct Auditor<'c> {
    ctx: &'c Context,
    opts: Options,
    plans: Vec<PlanColumn>,
    rows: Vec<RowAcc>,
    by_key: HashMap<String, usize>,
    date_uses: HashMap<String, (String, DateUses)>,
    date_warnings: Vec<(usize, u32, String)>,
    findings: Vec<Finding>,
    pub(super) totals: Totals,
    pub(super) invalid_examples: Vec<String>,
}

impl<'c> Auditor<'c> {
    /// An empty audit.
    pub fn new(ctx: &'c Context, opts: Options) -> Self {
        Auditor {
            ctx,
            opts,
            plans: Vec::new(),
            rows: Vec::new(),
            by_key: HashMap::new(),
            date_uses: HashMap::new(),
            date_warnings: Vec::new(),
            findings: Vec::new(),
            totals: Totals::default(),
            invalid_examples: Vec::new(),
        }
    }

    fn place(&self, plan: usize, lines: Vec<u32>, value: Option<String>) -> Place {
        Place {
            plan,
            path: self.plans[plan].path.clone(),
            lines,
            value,
        }
    }

    /// Fold one record.
    pub fn add(&mut self, d: Digest) {
        match d.kind() {
            Kind::Plan => {}
            Kind::Error => {
                self.totals.error_records += 1;
                return;
            }
            Kind::Other => {
                let path = d.input_path().to_string();
                self.add_invalid(&path, "not a kehoach record (no known schema)");
                return;
            }
        }
        let plan = self.plans.len();
        let path = d.input_path().to_string();
        let label = d
            .plan
            .number
            .clone()
            .unwrap_or_else(|| path.rsplit(['/', '\\']).next().unwrap_or(&path).to_string());
        let no_deadline: Vec<&super::digest::TaskDigest> =
            d.tasks.iter().filter(|t| t.deadline.is_none()).collect();
        self.plans.push(PlanColumn {
            index: plan,
            path,
            label,
            number: d.plan.number.clone(),
            province: d.plan.province.clone(),
            date: d.plan.date.clone(),
            doc_type: d.plan.doc_type.clone(),
            title: d.plan.title.clone(),
            directives: 0,
            implements: 0,
            mentions: 0,
            tasks: d.tasks.len(),
            tasks_without_deadline: no_deadline.len(),
        });
        if !no_deadline.is_empty() {
            let mut sections: Vec<&str> = no_deadline
                .iter()
                .map(|t| t.section.as_str())
                .filter(|s| !s.is_empty())
                .collect();
            sections.dedup();
            if sections.len() > 8 {
                sections.truncate(8);
                sections.push("…");
            }
            let message = format!(
                "{} of {} tasks have no deadline{}",
                no_deadline.len(),
                d.tasks.len(),
                if sections.is_empty() {
                    String::new()
                } else {
                    format!(" (sections {})", sections.join(", "))
                }
            );
            let lines = no_deadline.iter().map(|t| t.span.line).collect();
            let place = self.place(plan, lines, None);
            self.findings.push(Finding::at(
                findings::TASK_NO_DEADLINE,
                Severity::Info,
                place,
                message,
            ));
        }
        let cited: HashSet<String> = d.citations.iter().map(|c| number_key(&c.number)).collect();
        for c in &d.citations {
            self.citation(plan, c, d.plan.date.as_deref(), &cited);
        }
        for w in &d.warnings {
            let line = w.span.map(|s| s.line);
            let lines: Vec<u32> = line.into_iter().collect();
            let code = match w.code.as_str() {
                "citation-unresolved" => findings::SHORT_UNRESOLVED,
                c if c.starts_with("citation-short") => findings::SHORT_UNRESOLVED,
                "quota-arithmetic" => findings::QUOTA_ARITHMETIC,
                "citation-date-mismatch" => {
                    self.date_warnings
                        .push((plan, line.unwrap_or(0), w.message.clone()));
                    continue;
                }
                _ => continue,
            };
            let place = self.place(plan, lines, None);
            self.findings.push(Finding::at(
                code,
                Severity::Warning,
                place,
                w.message.clone(),
            ));
        }
    }

    fn citation(
        &mut self,
        plan: usize,
        c: &CitationDigest,
        plan_date: Option<&str>,
        cited: &HashSet<String>,
    ) {
        if c.number.is_empty() {
            return;
        }
        let first_line = c.mentions.iter().map(|m| m.span.line).min().unwrap_or(0);
        let level = if c.level.is_empty() {
            "unknown"
        } else {
            &c.level
        };
        if let Some(types) = self.ctx.types.disagreement(&c.doc_type, &c.number) {
            let expected = types.join(" or ");
            let mut f = Finding::at(
                findings::TYPE_MISMATCH,
                Severity::Warning,
                self.place(plan, vec![first_line], Some(c.doc_type.clone())),
                format!(
                    "{} is called {} but its code stands for {expected}",
                    c.number, c.doc_type
                ),
            );
            f.number = Some(c.number.clone());
            f.expected = Some(expected);
            self.findings.push(f);
        }
        if level == "central"
            && let Some(date) = &c.date
        {
            let (_, uses) = self
                .date_uses
                .entry(number_key(&c.number))
                .or_insert_with(|| (c.number.clone(), DateUses::new()));
            uses.entry(date.clone())
                .or_default()
                .push((plan, first_line));
        }
        let registry = self.ctx.registry.as_ref();
        let entry: Option<&RegEntry> = registry.and_then(|r| {
            let key = match &c.date {
                _ if c.key.contains('@') => c.key.clone(),
                Some(d) => format!("{}@{d}", c.number),
                None => c.number.clone(),
            };
            // A wrongly dated citation still names the document.
            r.by_key(&key)
                .or_else(|| r.resolve_undated(&c.number, plan_date))
        });
        if Relation::parse(&c.relation) == Relation::Implements
            && let Some(e) = entry
            && !e.implemented_by.is_empty()
            && !e
                .implemented_by
                .iter()
                .any(|k| cited.contains(&number_key(key_number(k))))
        {
            let acts: Vec<&str> = e.implemented_by.iter().map(|k| key_number(k)).collect();
            let mut f = Finding::at(
                findings::IMPLEMENTING_NOT_CITED,
                Severity::Info,
                self.place(plan, vec![first_line], None),
                match acts.as_slice() {
                    [one] => format!(
                        "implements {} but does not cite {one}, the act implementing it at the central level",
                        c.number
                    ),
                    _ => format!(
                        "implements {} but cites none of the acts implementing it at the central level: {}",
                        c.number,
                        acts.join(", ")
                    ),
                },
            );
            f.number = Some(c.number.clone());
            f.expected = Some(acts.join(", "));
            self.findings.push(f);
        }
        if !self.opts.level.accepts(level) {
            return;
        }
        let (key, inferred) = match (&c.date, c.key.contains('@')) {
            (Some(d), false) => (format!("{}@{d}", c.number), false),
            (Some(_), true) => (c.key.clone(), false),
            (None, true) => (c.key.clone(), true),
            (None, false) => match entry {
                Some(e) if e.date.is_some() => (e.key.clone(), true),
                _ => (c.number.clone(), false),
            },
        };
        let mut mentions: Vec<MentionRef> = c
            .mentions
            .iter()
            .map(|m| MentionRef {
                line: m.span.line,
                text: m.text.clone(),
            })
            .collect();
        mentions.sort_by_key(|m| m.line);
        let cell = Cell {
            plan,
            relation: Relation::parse(&c.relation),
            count: mentions.len(),
            mentions,
            date_inferred: inferred,
        };
        let row = *self.by_key.entry(number_key(&key)).or_insert_with(|| {
            self.rows.push(RowAcc {
                date: key.split_once('@').map(|(_, d)| d.to_string()),
                key: key.clone(),
                number: c.number.clone(),
                level: level.to_string(),
                doc_types: Vec::new(),
                issuers: Vec::new(),
                cells: Vec::new(),
            });
            self.rows.len() - 1
        });
        let r = &mut self.rows[row];
        vote(&mut r.doc_types, &c.doc_type);
        vote(&mut r.issuers, c.issuer.as_deref().unwrap_or(""));
        merge_cell(&mut r.cells, cell);
    }

    /// Merge each undated row into the only dated row of its number.
    fn merge_undated(&mut self) {
        let mut dated: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, r) in self.rows.iter().enumerate() {
            if r.date.is_some() {
                dated.entry(number_key(&r.number)).or_default().push(i);
            }
        }
        let moves: Vec<(usize, usize)> = self
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.date.is_none())
            .filter_map(
                |(i, r)| match dated.get(&number_key(&r.number))?.as_slice() {
                    [target] => Some((i, *target)),
                    _ => None,
                },
            )
            .collect();
        let mut gone = vec![false; self.rows.len()];
        for (i, target) in moves {
            let from = std::mem::take(&mut self.rows[i].cells);
            let doc_types = std::mem::take(&mut self.rows[i].doc_types);
            let issuers = std::mem::take(&mut self.rows[i].issuers);
            let t = &mut self.rows[target];
            for mut cell in from {
                cell.date_inferred = true;
                merge_cell(&mut t.cells, cell);
            }
            for (v, n) in doc_types {
                for _ in 0..n {
                    vote(&mut t.doc_types, &v);
                }
            }
            for (v, n) in issuers {
                for _ in 0..n {
                    vote(&mut t.issuers, &v);
                }
            }
            gone[i] = true;
        }
        let mut i = 0;
        self.rows.retain(|_| {
            i += 1;
            !gone[i - 1]
        });
    }

    /// The audit.
    pub fn finish(mut self) -> Audit {
        self.merge_undated();
        let registry = self.ctx.registry.as_ref();
        let mut directives = Vec::with_capacity(self.rows.len());
        for r in std::mem::take(&mut self.rows) {
            let entry = registry.and_then(|reg| reg.by_key(&r.key));
            let mut provinces = HashSet::new();
            let mut by_relation = ByRelation::default();
            let mut mentions = 0;
            for c in &r.cells {
                let p = &mut self.plans[c.plan];
                p.directives += 1;
                p.mentions += c.count;
                mentions += c.count;
                if let Some(pr) = &p.province {
                    provinces.insert(pr.clone());
                }
                match c.relation {
                    Relation::Implements => {
                        p.implements += 1;
                        by_relation.implements += 1;
                    }
                    Relation::Basis => by_relation.basis += 1,
                    Relation::Reference => by_relation.reference += 1,
                }
            }
            directives.push(Directive {
                doc_type: winner(&r.doc_types)
                    .or_else(|| entry.and_then(|e| e.doc_type.clone()))
                    .unwrap_or_default(),
                issuer: winner(&r.issuers).or_else(|| entry.and_then(|e| e.issuer.clone())),
                title: entry.and_then(|e| e.title.clone()),
                in_registry: entry.is_some(),
                key: r.key,
                number: r.number,
                date: r.date,
                level: r.level,
                plans: r.cells.len(),
                provinces: provinces.len(),
                mentions,
                by_relation,
                cells: r.cells,
            });
        }
        directives.sort_by(|a, b| {
            b.plans
                .cmp(&a.plans)
                .then_with(|| a.date.is_none().cmp(&b.date.is_none()))
                .then_with(|| a.date.cmp(&b.date))
                .then_with(|| a.key.cmp(&b.key))
        });
        let plans = &self.plans;
        let mut found =
            findings::date_conflicts(&self.date_uses, registry, |p| plans[p].path.clone());
        let covered: HashSet<(usize, u32)> = found
            .iter()
            .flat_map(|f| f.places.iter())
            .flat_map(|p| p.lines.iter().map(move |&l| (p.plan, l)))
            .collect();
        for (plan, line, message) in std::mem::take(&mut self.date_warnings) {
            if covered.contains(&(plan, line)) {
                continue;
            }
            let lines = if line == 0 { vec![] } else { vec![line] };
            let place = self.place(plan, lines, None);
            found.push(Finding::at(
                findings::DATE_MISMATCH,
                Severity::Warning,
                place,
                message,
            ));
        }
        found.append(&mut self.findings);
        findings::sort(&mut found);
        let provinces: HashSet<&str> = self
            .plans
            .iter()
            .filter_map(|p| p.province.as_deref())
            .collect();
        let totals = Totals {
            plans: self.plans.len(),
            directives: directives.len(),
            provinces: provinces.len(),
            warnings: found
                .iter()
                .filter(|f| f.severity == Severity::Warning)
                .count(),
            infos: found
                .iter()
                .filter(|f| f.severity == Severity::Info)
                .count(),
            ..self.totals
        };
        Audit {
            schema: AUDIT_SCHEMA,
            level: self.opts.level.as_str(),
            registry_entries: registry.map_or(0, |r| r.len()),
            type_codes: self.ctx.types.source,
            totals,
            invalid_examples: self.invalid_examples,
            plans: self.plans,
            directives,
            findings: found,
        }
    }
}
