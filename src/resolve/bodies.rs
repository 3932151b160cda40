//! Joins tasks and the plan's issuer into `bodies` (SPEC 9): a task's lead
//! and supporting bodies get the `lead` and `support` roles (and bodies
//! that only tasks name, such as unknown names in a support list, are
//! added); the plan's issuer gets `issuer`; a body named with and without a
//! trailing "tỉnh" ("Trường Cao đẳng Kinh tế - Kỹ thuật" and "… tỉnh") is one
//! body. `mentioned` is dropped from a body that has any other role.

use crate::extract::Extracted;
use crate::extract::bodies::{Name, add_role};

/// Merge task roles and the issuer into `ex.bodies`.
pub fn merge(ex: &mut Extracted) {
    // One name for a body written with and without "tỉnh".
    let names: Vec<String> = ex
        .bodies
        .iter()
        .map(|b| b.name.clone())
        .chain(
            ex.tasks
                .iter()
                .flat_map(|t| t.lead.iter().chain(&t.support).cloned()),
        )
        .collect();
    let with_province = |n: &str| -> Option<String> {
        let long = format!("{n} tỉnh");
        names.contains(&long).then_some(long)
    };
    for t in &mut ex.tasks {
        for n in t.lead.iter_mut().chain(t.support.iter_mut()) {
            if let Some(long) = with_province(n) {
                *n = long;
            }
        }
    }
    let bodies = std::mem::take(&mut ex.bodies);
    for b in bodies {
        let name = with_province(&b.name).unwrap_or_else(|| b.name.clone());
        let n = Name::new(name, &b.level);
        for r in &b.roles {
            add_role(&mut ex.bodies, &n, r, 0);
        }
        add_role(&mut ex.bodies, &n, "", b.mentions);
    }
    let level_of = |bodies: &[crate::record::Body], n: &str| {
        bodies
            .iter()
            .find(|b| b.name == n)
            .map_or_else(|| "unknown".to_string(), |b| b.level.clone())
    };
    for t in &ex.tasks {
        for (list, role) in [(&t.lead, "lead"), (&t.support, "support")] {
            for n in list {
                let level = level_of(&ex.bodies, n);
                add_role(&mut ex.bodies, &Name::new(n.clone(), &level), role, 0);
            }
        }
    }
    // The plan's issuer: the longest body whose name starts it.
    if let Some(issuer) = &ex.plan.issuer {
        let lower = issuer.to_lowercase();
        if let Some(b) = ex
            .bodies
            .iter_mut()
            .filter(|b| lower.starts_with(&b.name.to_lowercase()))
            .max_by_key(|b| b.name.len())
            && !b.roles.iter().any(|r| r == "issuer")
        {
            b.roles.push("issuer".into());
        }
    }
    for b in &mut ex.bodies {
        if b.roles.len() > 1 {
            b.roles.retain(|r| r != "mentioned");
        }
        if b.mentions == 0 {
            b.mentions = 1;
        }
    }
}
