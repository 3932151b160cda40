//! Stage 5 — resolve: joins across sections once every extractor has run
//! (short citations to their full form and dates, tasks to their deadlines,
//! bodies to their roles), and checks that produce warnings.
//!
//! * `citations.rs` — short citations, registry keys and date checks,
//!   default issuers, the plan's `implements`;
//! * `tasks.rs` — a task's deadline (SPEC 7);
//! * `bodies.rs` — task roles and the plan's issuer into `bodies` (SPEC 9).
//!
//! What this stage does not do: find anything new in the text.

pub mod bodies;
pub mod citations;
pub mod tasks;

use crate::extract::{Context, Extracted};

/// Resolve cross-references in place.
pub fn resolve(ctx: &Context<'_, '_>, extracted: &mut Extracted) {
    citations::resolve(ctx, extracted);
    tasks::attach(ctx, &mut extracted.tasks, &extracted.deadlines);
    bodies::merge(extracted);
}
