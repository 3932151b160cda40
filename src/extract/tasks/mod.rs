//! Extracts assignments (SPEC 7): one task per assigned work item, with its
//! section, text, lead and supporting bodies.
//!
//! * [`assign`] — lead and support in a range of text (marker rules,
//!   subjects);
//! * [`units`] — which outline items are tasks and what they inherit from
//!   headings and lead-ins;
//! * [`table`] — Markdown task tables (one task per row).
//!
//! Deadlines are attached later, in [`crate::resolve`], once the deadline
//! extractor has run.

pub mod assign;
pub mod table;
pub mod units;

use super::Context;
use crate::extract::bodies::Mention;
use crate::record::{Task, Warning};

impl assign::Analyzer<'_, '_, '_> {
    /// Text of `start..end` in the joined view.
    pub fn text_of(&self, start: usize, end: usize) -> &str {
        &self.text[start.min(self.text.len())..end.min(self.text.len())]
    }
}

/// Extract this section from the document.
pub fn extract(ctx: &Context<'_, '_>, warnings: &mut Vec<Warning>) -> Vec<Task> {
    extract_with(ctx, &crate::extract::bodies::mentions::find(ctx), warnings)
}

/// Extract this section, given the body mentions of the document.
pub fn extract_with(
    ctx: &Context<'_, '_>,
    mentions: &[Mention],
    _warnings: &mut Vec<Warning>,
) -> Vec<Task> {
    if ctx.outline.items.is_empty() {
        return Vec::new();
    }
    let an = assign::Analyzer::new(ctx, mentions.to_vec());
    let mut tasks = units::Walker::new(&an).run();
    tasks.extend(table::rows(&an));
    tasks.sort_by_key(|t| t.span.start);
    tasks
}
