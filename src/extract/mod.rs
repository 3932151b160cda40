//! Stage 4 — extract: turn rule matches into the items of a record.
//!
//! One file per section of the record:
//!
//! | file | section | rules it reads (`rules/…`) |
//! |---|---|---|
//! | `plan.rs` | `plan` (the document's own metadata) | `plan.*` |
//! | `citations.rs` | `citations` | `citation.*` |
//! | `quotas.rs` | `quotas` | `quota.*` |
//! | `deadlines.rs` | `deadlines` | `deadline.*` |
//! | `tasks.rs` | `tasks` | `task.*` |
//! | `bodies.rs` | `bodies` | `body.*` |
//!
//! Extractors are total: odd text gives fewer items and warnings, never an
//! error. They read named captures and rule `attrs`; what a pattern matches
//! is data in `rules/`, what an item *means* is code here. Cross-section
//! joins (a task's deadline, a short citation's full form) belong to
//! [`crate::resolve`].

pub mod bodies;
pub mod citations;
pub mod clause;
pub mod common;
pub mod deadlines;
pub mod layout;
pub mod numerals;
pub mod plan;
pub mod quotas;
pub mod tasks;
pub mod temporal;

use crate::document::Document;
use crate::document::outline::Outline;
use crate::record::{Body, Citation, Deadline, Plan, Quota, Task, Warning};
use crate::rules::{RuleSet, Scan};

/// What every extractor gets: the document, the rules and the prefiltered
/// scan of the document.
pub struct Context<'a, 'r> {
    /// The normalized document.
    pub doc: &'a Document<'a>,
    /// The compiled rules.
    pub rules: &'r RuleSet,
    /// The anchor prefilter result for this document.
    pub scan: &'a Scan<'r>,
    /// Items and section paths of the document.
    pub outline: &'a Outline,
}

/// Everything extracted from one document, before resolution.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Extracted {
    /// Plan metadata.
    pub plan: Plan,
    /// Cited documents.
    pub citations: Vec<Citation>,
    /// Numeric targets.
    pub quotas: Vec<Quota>,
    /// Assignments.
    pub tasks: Vec<Task>,
    /// Time limits.
    pub deadlines: Vec<Deadline>,
    /// Organisations.
    pub bodies: Vec<Body>,
    /// Warnings.
    pub warnings: Vec<Warning>,
    /// Short citations ("Nghị quyết số 39") for [`crate::resolve`] to join
    /// to their full form; not part of the record.
    pub short_citations: Vec<citations::ShortMention>,
}

/// Run every extractor over the document.
pub fn extract(ctx: &Context<'_, '_>) -> Extracted {
    let layout = layout::Layout::analyze(ctx);
    let mut warnings = Vec::new();
    let mut out = Extracted {
        plan: plan::extract(ctx, &layout, &mut warnings),
        warnings,
        ..Extracted::default()
    };
    let found = citations::extract(ctx, &layout, &mut out.warnings);
    out.citations = found.citations;
    out.short_citations = found.shorts;
    out.deadlines = deadlines::extract(ctx, &mut out.warnings);
    out.quotas = quotas::extract(ctx, &mut out.warnings);
    // Body mentions are found once, for tasks and bodies.
    let mentions = bodies::mentions::find(ctx);
    out.tasks = tasks::extract_with(ctx, &mentions, &mut out.warnings);
    out.bodies = bodies::extract_with(ctx, &mentions, &mut out.warnings);
    out
}
