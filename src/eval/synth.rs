//! Synthetic records for testing the scorer and the quality gate: the
//! record a perfect extractor would give for a gold file, and deterministic
//! degradations of it (items dropped, moved, altered, invented), so scores
//! can be checked on non-trivial values before the extractors exist.
//!
//! What this module does not do: anything the pipeline uses.

use super::gold::Gold;
use crate::record::{
    Body, Citation, Deadline, Mention, NormalizationStats, PLAN_SCHEMA, Plan, PlanRecord, Quota,
    SourceInfo, Span, Task,
};

fn span(line: i64) -> Span {
    Span {
        line: line.max(0) as u32,
        start: 0,
        end: 0,
    }
}

fn deadline(d: &super::gold::GoldDeadline) -> Deadline {
    Deadline {
        text: String::new(),
        kind: d.kind.clone().unwrap_or_default(),
        from: d.from.clone(),
        until: d.until.clone(),
        recurrence: d.recurrence.clone(),
        condition: d.condition.clone(),
        span: span(d.line.unwrap_or(0)),
        rule: "gold".into(),
    }
}

/// The record a perfect extractor would give for `gold` (its `source.path`
/// is `dir/<gold file>`; rule ids are `gold`).
pub fn record_from_gold(gold: &Gold, dir: &str) -> PlanRecord {
    let g = &gold.data;
    let p = &g.plan;
    PlanRecord {
        schema: PLAN_SCHEMA.into(),
        id: "0000000000000000".into(),
        source: SourceInfo {
            path: format!("{dir}/{}", gold.file),
            bytes: 0,
            sha256: String::new(),
            encoding: "utf-8".into(),
            confidence: 1.0,
            normalization: NormalizationStats::default(),
        },
        plan: Plan {
            doc_type: p.doc_type.clone(),
            number: p.number.clone(),
            issuer: p.issuer.clone(),
            province: p.province.clone(),
            date: p.date.clone(),
            title: p.title.clone(),
            signer: p.signer.clone(),
            draft: p.draft.unwrap_or(false),
            implements: p.implements.clone(),
        },
        citations: g
            .citations
            .iter()
            .map(|c| Citation {
                doc_type: c.doc_type.clone().unwrap_or_default(),
                number: c.number.clone(),
                key: match &c.date {
                    Some(d) => format!("{}@{d}", c.number),
                    None => c.number.clone(),
                },
                date: c.date.clone(),
                issuer: c.issuer.clone(),
                level: c.level.clone().unwrap_or_default(),
                relation: c.relation.clone().unwrap_or_default(),
                term: None,
                mentions: c
                    .lines
                    .iter()
                    .map(|&l| Mention {
                        span: span(l as i64),
                        text: String::new(),
                        rule: "gold".into(),
                    })
                    .collect(),
            })
            .collect(),
        quotas: g
            .quotas
            .iter()
            .map(|q| Quota {
                text: String::new(),
                metric: q.metric.clone().unwrap_or_default(),
                subject: String::new(),
                direction: q.direction.clone().unwrap_or_default(),
                value: q.value.as_ref().and_then(|n| n.as_f64()).unwrap_or(0.0),
                unit: q.unit.clone().unwrap_or_default(),
                of: q.of.as_ref().and_then(|n| n.as_f64()),
                bound: q.bound.clone().unwrap_or_default(),
                baseline: q.baseline.clone(),
                by: q.by.clone(),
                span: span(q.line.unwrap_or(0)),
                rule: "gold".into(),
            })
            .collect(),
        tasks: g
            .tasks
            .iter()
            .map(|t| Task {
                section: t.section.clone().unwrap_or_default(),
                text: String::new(),
                lead: t.lead.clone(),
                support: t.support.clone(),
                deadline: t.deadline.as_ref().map(deadline),
                span: span(t.line),
                rule: "gold".into(),
            })
            .collect(),
        deadlines: g.deadlines.iter().map(deadline).collect(),
        bodies: g
            .bodies
            .iter()
            .map(|b| Body {
                name: b.name.clone(),
                level: "unknown".into(),
                roles: vec!["lead".into()],
                mentions: 1,
            })
            .collect(),
        warnings: Vec::new(),
    }
}

/// A small deterministic generator (xorshift64*), so degradations are the
/// same on every machine without a dependency.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// Next value in 0..n (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) % n.max(1)
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

fn drop_some<T>(items: &mut Vec<T>, rng: &mut Rng, percent: u64) {
    items.retain(|_| !rng.chance(percent));
}

/// Degrade a gold-derived record the way an imperfect extractor would:
/// drop, move, alter and invent items in every section, sometimes in ways
/// the scorer must forgive (case, tone-mark placement, spacing in numbers,
/// a task found on a later line of its item, a quota on the wrong line).
pub fn degrade(rec: &mut PlanRecord, rng: &mut Rng) {
    // citations
    drop_some(&mut rec.citations, rng, 20);
    for c in &mut rec.citations {
        match rng.below(8) {
            0 => c.doc_type = c.doc_type.to_uppercase(),
            1 => c.date = Some("2000-01-01".into()),
            2 => c.number = c.number.replacen('-', "- ", 1),
            3 => {
                c.issuer = c
                    .issuer
                    .as_ref()
                    .and_then(|i| i.split(' ').next())
                    .map(Into::into)
            }
            4 => c.level = "unknown".into(),
            5 => c.relation = "reference".into(),
            _ => {}
        }
    }
    if rng.chance(50) {
        rec.citations.push(Citation {
            doc_type: "Công văn".into(),
            number: format!("{}/UBND-NC", 100 + rng.below(900)),
            key: String::new(),
            date: None,
            issuer: None,
            level: "provincial".into(),
            relation: "reference".into(),
            term: None,
            mentions: vec![Mention {
                span: span(1 + rng.below(40) as i64),
                text: String::new(),
                rule: "synthetic".into(),
            }],
        });
    }
    // quotas
    drop_some(&mut rec.quotas, rng, 15);
    for q in &mut rec.quotas {
        match rng.below(10) {
            0 => q.span.line += 1,
            1 => q.bound = "min".into(),
            2 => q.value += 0.004, // still the same key after rounding to 2 decimals
            3 => q.value += 1.0,
            4 => q.by = Some("2030".into()),
            5 => q.metric = q.metric.to_uppercase(),
            6 => q.of = None,
            _ => {}
        }
    }
    if let Some(q) = rec.quotas.first().cloned()
        && rng.chance(50)
    {
        rec.quotas.push(q); // a duplicate: one more predicted than gold
    }
    // deadlines
    drop_some(&mut rec.deadlines, rng, 15);
    for d in &mut rec.deadlines {
        match rng.below(8) {
            0 => d.kind = "ongoing".into(),
            1 => d.until = Some("2099-12-31".into()),
            2 => d.span.line += 2,
            3 => d.recurrence = Some("yearly".into()),
            _ => {}
        }
    }
    // tasks (each task's gold range is unknown here: moving by one line may
    // or may not stay inside it, which is what the scorer must decide)
    drop_some(&mut rec.tasks, rng, 15);
    for t in &mut rec.tasks {
        match rng.below(10) {
            0 => t.span.line += 1,
            1 => t.lead.reverse(),
            2 => t.support.clear(),
            3 => t.section = t.section.to_lowercase(),
            4 => t.section.push_str(".x"),
            5 => t.deadline = None,
            6 => t.lead = t.lead.iter().map(|l| l.replace("Ủy", "Uỷ")).collect(),
            _ => {}
        }
    }
    if rng.chance(60) {
        rec.tasks.push(Task {
            section: "IX".into(),
            text: String::new(),
            lead: vec!["Sở Nội vụ".into()],
            support: Vec::new(),
            deadline: None,
            span: span(1),
            rule: "synthetic".into(),
        });
    }
    // bodies
    drop_some(&mut rec.bodies, rng, 15);
    for b in &mut rec.bodies {
        match rng.below(8) {
            0 => b.roles = vec!["mentioned".into()],
            1 => b.name = b.name.replace("Ủy", "Uỷ").to_lowercase(),
            2 => b.name.push_str(" tỉnh"),
            _ => {}
        }
    }
    // plan
    let p = &mut rec.plan;
    match rng.below(6) {
        0 => p.title = p.title.as_ref().map(|t| t.to_uppercase()),
        1 => p.signer = None,
        2 => p.date = Some("2018-01-01".into()),
        3 => p.draft = !p.draft,
        _ => {}
    }
    match rng.below(3) {
        0 => p.implements.reverse(),
        1 => {
            p.implements.pop();
        }
        _ => {}
    }
}

/// Records for every gold file: perfect for seed 0, degraded (each file
/// with its own stream) otherwise. With a seed, one file in five has no
/// record at all.
pub fn records(golds: &[Gold], dir: &str, seed: u64) -> Vec<PlanRecord> {
    let mut out = Vec::new();
    for (i, gold) in golds.iter().enumerate() {
        let mut rec = record_from_gold(gold, dir);
        if seed != 0 {
            if (i as u64 + seed).is_multiple_of(5) {
                continue;
            }
            degrade(&mut rec, &mut Rng::new(seed * 1000 + i as u64));
        }
        out.push(rec);
    }
    out
}
