//! Extracts organisations acting in the plan (SPEC 9).
//!
//! * [`mentions`] finds every body name (gazetteer, People's Committees,
//!   collectives) with its canonical name and level;
//! * [`lists`] reads lists of bodies in role positions.
//!
//! A body gets a role here when the text gives it one: it issues a cited
//! document, a guidance or a decision ("của Bộ Chính trị", "sau khi Bộ Nội
//! vụ hướng dẫn", "được Thủ tướng Chính phủ phê duyệt": `issuer`), it
//! receives reports ("gửi Sở Nội vụ", "(qua Sở Nội vụ)": `report_to`), or it
//! is the subject of a duty ("Các cơ quan, đơn vị … tự quyết định":
//! `addressed`). Leads and supports come from the tasks, in
//! [`crate::resolve`]. A body named only as the object of the plan's work
//! ("sáp nhập Trung tâm Y tế dự phòng tỉnh") keeps `roles: ["mentioned"]`.

pub mod heads;
pub mod lists;
pub mod mentions;

use super::Context;
use crate::record::{Body, Warning};

pub use mentions::{Mention, Name};

/// Adds a role to a body list (kept in first-mention order).
pub fn add_role(bodies: &mut Vec<Body>, name: &Name, role: &str, mentions: u32) {
    let i = match bodies.iter().position(|b| b.name == name.name) {
        Some(i) => i,
        None => {
            bodies.push(Body {
                name: name.name.clone(),
                level: name.level.clone(),
                roles: Vec::new(),
                mentions: 0,
            });
            bodies.len() - 1
        }
    };
    let b = &mut bodies[i];
    b.mentions += mentions;
    if !role.is_empty() && !b.roles.iter().any(|r| r == role) {
        b.roles.push(role.to_string());
    }
}

/// Is the word at `pos` the second syllable of a compound ("chương trình",
/// "quá trình"), not a verb?
fn in_compound(text: &str, pos: usize) -> bool {
    const FIRST: &[&str] = &["chương", "quá", "tiến", "công", "lộ", "đệ", "tờ", "bàn"];
    let before = text[..pos].trim_end();
    let word = before.rsplit(char::is_whitespace).next().unwrap_or("");
    FIRST.contains(&word.to_lowercase().as_str())
}

/// Extract this section from the document.
pub fn extract(ctx: &Context<'_, '_>, warnings: &mut Vec<Warning>) -> Vec<Body> {
    extract_with(ctx, &mentions::find(ctx), warnings)
}

/// Extract this section, given the body mentions of the document.
pub fn extract_with(
    ctx: &Context<'_, '_>,
    found: &[Mention],
    _warnings: &mut Vec<Warning>,
) -> Vec<Body> {
    let doc = ctx.doc;
    let text = doc.joined.as_str();
    let mut roles: Vec<Vec<&str>> = vec![Vec::new(); found.len()];
    let predicate = ctx.rules.rule("task.subject_predicate").map(|r| &r.regex);
    // Issuers and report receivers.
    for rule in ctx.rules.rules_of("body") {
        let Some(role) = rule.attr("role") else {
            continue;
        };
        // The list starts where the match ends (`(?P<list>)` closes every
        // role pattern): the spans suffice, no capture groups.
        if !rule.regex.as_str().ends_with("(?P<list>)") {
            continue;
        }
        for (start, at, line) in ctx.scan.spans_of(doc, rule) {
            if !lists::starts_word(text, start) || in_compound(text, start) {
                continue;
            }
            let limit = ctx.scan.lines[line].end;
            let items = if rule.attr("predicate").is_some() {
                lists::subject_at(text, found, at, limit, None, predicate)
                    .map(|s| s.0)
                    .unwrap_or_default()
            } else {
                lists::after(text, found, at, limit, None, role == "issuer").0
            };
            for item in items.iter().filter_map(|i| i.mention) {
                roles[item].push(role);
            }
        }
    }
    // Subjects of a clause.
    for item in &ctx.outline.items {
        let end = item.head.end;
        let mut starts = lists::clause_starts(text, item.text_start, end);
        starts.extend(lists::comma_starts(text, found, item.text_start, end));
        for at in starts {
            if let Some((items, _)) = lists::subject_at(text, found, at, end, None, predicate) {
                for i in items.iter().filter_map(|i| i.mention) {
                    roles[i].push("addressed");
                }
            }
        }
    }
    let mut bodies = Vec::new();
    for (m, r) in found.iter().zip(&roles) {
        for name in &m.names {
            if r.is_empty() {
                add_role(&mut bodies, name, "", 1);
            }
            for role in r {
                add_role(&mut bodies, name, role, 0);
            }
            if !r.is_empty() {
                add_role(&mut bodies, name, "", 1);
            }
        }
    }
    for b in &mut bodies {
        if b.roles.is_empty() {
            b.roles.push("mentioned".into());
        }
    }
    bodies
}

#[cfg(test)]
mod tests {
    use crate::document::Document;
    use crate::rules::RuleSet;

    /// Role and marker rules are read from their spans alone: where their
    /// `list` group starts is where the match ends.
    #[test]
    fn list_starts_where_the_match_ends() {
        let set = RuleSet::embedded().unwrap();
        let rules = set.rules_of("body").chain(set.rules_of("task"));
        for rule in rules.filter(|r| r.regex.as_str().ends_with("(?P<list>)")) {
            for (text, _) in &rule.examples {
                let doc = Document::new(text);
                let scan = set.scan(&doc);
                let spans = scan.spans_of(&doc, rule);
                let full = scan.matches_of(&doc, rule);
                assert_eq!(spans.len(), full.len(), "{}", rule.id);
                for (s, m) in spans.iter().zip(&full) {
                    assert_eq!(m.group("list").map(|g| g.0), Some(s.1), "{}", rule.id);
                    assert_eq!(m.start, s.0, "{}", rule.id);
                }
            }
        }
    }
}
