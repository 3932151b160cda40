//! Extracts organisations acting in the plan (SPEC section 9).
//!
//! Not implemented yet: the section stays empty (an empty section is
//! honest; a made-up one is a defect).

use super::Context;
use crate::record::{Body, Warning};

/// Extract this section from the document.
pub fn extract(_ctx: &Context<'_, '_>, _warnings: &mut Vec<Warning>) -> Vec<Body> {
    Vec::new()
}
