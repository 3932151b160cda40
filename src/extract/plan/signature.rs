//! The signature block at the end of a plan: the signer's name (the last
//! name line after the end of the body, before or after "Nơi nhận") and the
//! body signed for ("T/M BAN THƯỜNG VỤ").

use super::header::{Cell, caps, header_cells};
use crate::extract::Context;
use crate::extract::common::{is_upper, title_case};

/// Lines at the end of a document searched for the signature block.
const TAIL_LINES: u32 = 50;
/// Longer cells are body text, not signature lines.
const SIGNATURE_CELL: usize = 90;

/// What the signature block says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Signature {
    /// The signer's name.
    pub signer: Option<String>,
    /// The body signed for, as written ("BAN THƯỜNG VỤ").
    pub organ: Option<String>,
}

/// Does this cell end the body or open the signature block?
fn marker(ctx: &Context<'_, '_>, c: &Cell<'_>) -> bool {
    let t = c.text.trim();
    let is = |id: &str| ctx.rules.rule(id).is_some_and(|r| r.regex.is_match(t));
    t.ends_with("/.")
        || t.starts_with("Nơi nhận")
        || t.starts_with("NƠI NHẬN")
        || (t.len() <= SIGNATURE_CELL && (is("plan.signature_role") || is("plan.signature_organ")))
}

/// Is `text` a person's name line?
fn name(ctx: &Context<'_, '_>, text: &str) -> Option<String> {
    let c = caps(ctx, "plan.signer_name", text)?;
    let n = c.name("name")?.as_str();
    let titled = n
        .split_whitespace()
        .all(|w| w.chars().skip(1).all(|c| !c.is_uppercase()));
    if !titled && !is_upper(n) {
        return None;
    }
    let first = n.split_whitespace().next()?;
    if ctx
        .rules
        .vocab("not_name_start")
        .is_some_and(|v| v.lookup(first).is_some())
        || caps(ctx, "plan.signature_role", text).is_some()
        || ctx
            .rules
            .vocab("issuer")
            .is_some_and(|v| v.lookup(n).is_some())
    {
        return None;
    }
    Some(if is_upper(n) {
        title_case(n)
    } else {
        n.to_string()
    })
}

/// Read the signature block of the document.
pub fn read(ctx: &Context<'_, '_>, end: usize) -> Signature {
    let count = ctx
        .doc
        .lines
        .line_of(end.saturating_sub(1).min(ctx.doc.text.len()));
    let cells = header_cells(ctx, count.saturating_sub(TAIL_LINES).max(1), count);
    let mut sig = Signature::default();
    let Some(first) = cells.iter().position(|c| marker(ctx, c)) else {
        return sig;
    };
    for c in &cells[first..] {
        let t = c.text.trim();
        if t.len() > SIGNATURE_CELL {
            continue;
        }
        if let Some(o) = caps(ctx, "plan.signature_organ", t).and_then(|m| m.name("organ")) {
            sig.organ = Some(o.as_str().trim().to_string());
            continue;
        }
        if t.starts_with(['-', '+', '•']) {
            continue;
        }
        if let Some(n) = name(ctx, t) {
            sig.signer = Some(n);
        }
    }
    sig
}
