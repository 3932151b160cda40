//! Extracts numeric targets (SPEC section 6).

use super::Context;
use crate::record::{Quota, Warning};

/// Extract this section from the document.
pub fn extract(_ctx: &Context<'_, '_>, _warnings: &mut Vec<Warning>) -> Vec<Quota> {
    Vec::new()
}
