//! Stage 5 — resolve: joins across sections once every extractor has run
//! (short citations to their full form and dates, tasks to their deadlines,
//! bodies to their roles), and checks that produce warnings.
//!
//! * `citations.rs` — short citations, registry keys and date checks,
//!   default issuers, the plan's `implements`.
//!
//! What this stage does not do: find anything new in the text.

pub mod citations;

use crate::extract::{Context, Extracted};

/// Resolve cross-references in place.
pub fn resolve(ctx: &Context<'_, '_>, extracted: &mut Extracted) {
    citations::resolve(ctx, extracted);
}
