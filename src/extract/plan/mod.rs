//! Extracts the document's own metadata (SPEC section 4): header block,
//! number, date, title, signer, draft, implements.
//!
//! Not implemented yet: every field stays null (an empty section is honest;
//! a made-up one is a defect).

use super::Context;
use crate::record::{Plan, Warning};

/// Extract the plan metadata from the document.
pub fn extract(_ctx: &Context<'_, '_>, _warnings: &mut Vec<Warning>) -> Plan {
    Plan::default()
}
