//! Extracts cited documents (SPEC section 5).
//!
//! Not implemented yet: the section stays empty (an empty section is
//! honest; a made-up one is a defect).

use super::Context;
use crate::record::{Citation, Warning};

/// Extract this section from the document.
pub fn extract(_ctx: &Context<'_, '_>, _warnings: &mut Vec<Warning>) -> Vec<Citation> {
    Vec::new()
}
