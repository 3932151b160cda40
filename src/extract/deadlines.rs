//! Extracts time limits (SPEC section 8).
//!
//! Not implemented yet: the section stays empty (an empty section is
//! honest; a made-up one is a defect).

use super::Context;
use crate::record::{Deadline, Warning};

/// Extract this section from the document.
pub fn extract(_ctx: &Context<'_, '_>, _warnings: &mut Vec<Warning>) -> Vec<Deadline> {
    Vec::new()
}
