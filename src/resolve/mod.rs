//! Stage 5 — resolve: joins across sections once every extractor has run
//! (short citations to their full form and dates, tasks to their deadlines,
//! bodies to their roles), and checks that produce warnings.
//!
//! What this stage does not do: find anything new in the text.

use crate::extract::{Context, Extracted};

/// Resolve cross-references in place.
pub fn resolve(_ctx: &Context<'_, '_>, _extracted: &mut Extracted) {}
