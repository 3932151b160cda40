//! Extracts assignments (SPEC section 7).
//!
//! Not implemented yet: the section stays empty (an empty section is
//! honest; a made-up one is a defect).

use super::Context;
use crate::record::{Task, Warning};

/// Extract this section from the document.
pub fn extract(_ctx: &Context<'_, '_>, _warnings: &mut Vec<Warning>) -> Vec<Task> {
    Vec::new()
}
