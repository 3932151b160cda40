//! Who leads and who supports the work in a range of text.
//!
//! The marker rules of `rules/tasks/assign.toml` (`task.lead_*`,
//! `task.support_after`) point at lists of bodies; the subject of a clause
//! ("Các sở, ban, ngành … chủ động …", `task.subject_predicate`) leads too.
//! Precedence inside an item: explicit markers, then the subject of its
//! first clause; the subjects of later clauses only when nothing is
//! inherited (see [`super::units`]).

use std::cell::RefCell;
use std::collections::HashMap;

use crate::rules::RuleRegex as Regex;

use crate::extract::Context;
use crate::extract::bodies::lists;
use crate::extract::bodies::mentions::{Mention, Name};

/// A marker match: where its list is and what it gives.
#[derive(Debug, Clone)]
struct Marker<'r> {
    /// Start of the marker.
    start: usize,
    /// Where the list starts (after) or ends (before).
    at: usize,
    lead: bool,
    before: bool,
    rule: &'r str,
}

/// Lead and support found in a range.
#[derive(Debug, Clone, Default)]
pub struct Assignment {
    /// Lead bodies (explicit markers or the first clause's subject).
    pub lead: Vec<Name>,
    /// Supporting bodies.
    pub support: Vec<Name>,
    /// Rule that gave the lead.
    pub rule: String,
    /// Subject of a later clause (used when nothing is inherited).
    pub later: Vec<Name>,
    /// End of the first list of bodies (where the rest of a lead-in starts).
    pub first_list_end: Option<usize>,
}

/// Per-document analysis shared by the task walker.
pub struct Analyzer<'c, 'a, 'r> {
    /// The extraction context.
    pub ctx: &'c Context<'a, 'r>,
    /// The joined text.
    pub text: &'a str,
    /// Body mentions of the document.
    pub mentions: Vec<Mention>,
    markers: Vec<Marker<'r>>,
    /// How unknown names are read.
    pub heads: Option<lists::Generic<'r>>,
    predicate: Option<&'r Regex>,
    generic: Option<&'r Regex>,
    /// [`Analyzer::assign`] by range: the walker asks for the same items
    /// several times (as a unit, a heading, a paragraph that may fold).
    assigned: RefCell<HashMap<(usize, usize), Assignment>>,
    /// [`Analyzer::is_generic`] by range.
    generic_memo: RefCell<HashMap<(usize, usize), bool>>,
}

fn push_unique(out: &mut Vec<Name>, items: Vec<lists::Item>) {
    for n in items.into_iter().flat_map(|i| i.names) {
        if !out.iter().any(|o| o.name == n.name) {
            out.push(n);
        }
    }
}

impl<'c, 'a, 'r> Analyzer<'c, 'a, 'r> {
    /// Find mentions and markers once for the document.
    pub fn new(ctx: &'c Context<'a, 'r>, mentions: Vec<Mention>) -> Self {
        let mut markers = Vec::new();
        for rule in ctx.rules.rules_of("task") {
            let (Some(role), Some(dir)) = (rule.attr("role"), rule.attr("list")) else {
                continue;
            };
            let before = dir == "before";
            let mut add = |start: usize, marker: usize, list: usize| {
                if !before && !lists::starts_word(&ctx.doc.joined, marker) {
                    return;
                }
                markers.push(Marker {
                    start,
                    at: if before { marker } else { list },
                    lead: role == "lead",
                    before,
                    rule: &rule.id,
                });
            };
            // A pattern that opens with its marker and closes with its
            // (empty) list needs no capture groups: the span says it all.
            let pattern = rule.regex.as_str();
            if pattern.starts_with("(?P<marker>") && (before || pattern.ends_with("(?P<list>)")) {
                for (start, end, _) in ctx.scan.spans_of(ctx.doc, rule) {
                    add(start, start, end);
                }
                continue;
            }
            for m in ctx.scan.matches_of(ctx.doc, rule) {
                let marker = m.group("marker").map_or(m.start, |g| g.0);
                add(m.start, marker, m.group("list").map_or(m.end, |g| g.0));
            }
        }
        markers.sort_by_key(|m| m.start);
        Analyzer {
            ctx,
            text: ctx.doc.joined.as_str(),
            mentions,
            markers,
            heads: ctx
                .rules
                .vocab("body_generic_head")
                .map(|heads| lists::Generic {
                    heads,
                    predicate: ctx.rules.rule("task.subject_predicate").map(|r| &r.regex),
                }),
            predicate: ctx.rules.rule("task.subject_predicate").map(|r| &r.regex),
            generic: ctx.rules.rule("task.leadin_generic").map(|r| &r.regex),
            assigned: RefCell::default(),
            generic_memo: RefCell::default(),
        }
    }

    /// The bodies listed from `at` (a cell, a field), unknown names included.
    pub fn list(&self, at: usize, end: usize) -> Vec<Name> {
        let mut out = Vec::new();
        push_unique(
            &mut out,
            lists::after(self.text, &self.mentions, at, end, self.heads, false).0,
        );
        out
    }

    /// Lead and support in `start..end` (computed once per range).
    pub fn assign(&self, start: usize, end: usize) -> Assignment {
        if let Some(a) = self.assigned.borrow().get(&(start, end)) {
            return a.clone();
        }
        let a = self.assign_uncached(start, end);
        self.assigned.borrow_mut().insert((start, end), a.clone());
        a
    }

    fn assign_uncached(&self, start: usize, end: usize) -> Assignment {
        let mut a = Assignment::default();
        // (start, end) of the earliest list.
        let mut first: Option<(usize, usize)> = None;
        let from = self.markers.partition_point(|m| m.start < start);
        for m in self.markers[from..].iter().take_while(|m| m.start < end) {
            let (items, list_end) = if m.before {
                let items = lists::before(self.text, &self.mentions, m.at, start);
                let e = items
                    .last()
                    .and_then(|i| i.mention)
                    .map_or(m.at, |i| self.mentions[i].end);
                (items, e)
            } else {
                lists::after(self.text, &self.mentions, m.at, end, self.heads, false)
            };
            if items.is_empty() {
                continue;
            }
            let first_at = if m.before {
                items
                    .first()
                    .and_then(|i| i.mention)
                    .map_or(m.at, |i| self.mentions[i].start)
            } else {
                m.at
            };
            if first.is_none_or(|(s, _)| first_at < s) {
                first = Some((first_at, list_end.max(m.at)));
            }
            if m.lead {
                if a.rule.is_empty() {
                    a.rule = m.rule.to_string();
                }
                push_unique(&mut a.lead, items);
            } else {
                push_unique(&mut a.support, items);
            }
        }
        let starts = lists::clause_starts(self.text, start, end);
        for (k, &at) in starts.iter().enumerate() {
            let subject = lists::subject_at(
                self.text,
                &self.mentions,
                at,
                end,
                self.heads,
                self.predicate,
            );
            let (items, list_end) = match subject {
                Some(s) => s,
                // A heading that is only a list of bodies ("1. Sở Nội vụ").
                None if k == 0 => {
                    let (items, e) =
                        lists::after(self.text, &self.mentions, at, end, self.heads, false);
                    if items.is_empty() || !self.is_generic(e, end) {
                        continue;
                    }
                    (items, e)
                }
                None => continue,
            };
            if k == 0 {
                first = Some((at, list_end));
                if a.lead.is_empty() {
                    a.rule = "task.subject_predicate".into();
                    push_unique(&mut a.lead, items);
                }
            } else if a.later.is_empty() {
                push_unique(&mut a.later, items);
            }
        }
        // A subject after a fronted clause ("Trong quá trình …, các sở … đề xuất").
        if a.lead.is_empty() && a.later.is_empty() {
            for at in self.weak_starts(start, end) {
                if let Some((items, _)) = lists::subject_at(
                    self.text,
                    &self.mentions,
                    at,
                    end,
                    self.heads,
                    self.predicate,
                ) {
                    push_unique(&mut a.later, items);
                    break;
                }
            }
        }
        a.support
            .retain(|s| !a.lead.iter().any(|l| l.name == s.name));
        a.first_list_end = first.map(|f| f.1);
        a
    }

    fn weak_starts(&self, start: usize, end: usize) -> Vec<usize> {
        lists::comma_starts(self.text, &self.mentions, start, end)
    }

    /// Is `start..end` only generic lead-in words ("thực hiện tốt các nhiệm
    /// vụ sau:"), bodies and punctuation?
    pub fn is_generic(&self, start: usize, end: usize) -> bool {
        if start >= end {
            return true;
        }
        if let Some(&g) = self.generic_memo.borrow().get(&(start, end)) {
            return g;
        }
        let g = self.is_generic_uncached(start, end);
        self.generic_memo.borrow_mut().insert((start, end), g);
        g
    }

    fn is_generic_uncached(&self, start: usize, end: usize) -> bool {
        // Bodies named in it (report receivers) do not count: each reads as
        // one space.
        let from = self.mentions.partition_point(|m| m.start < start);
        let to = self.mentions.partition_point(|m| m.start < end);
        let inside = self.mentions[from..to].iter().filter(|m| m.end <= end);
        let rest: std::borrow::Cow<'_, str> = if inside.clone().next().is_none() {
            std::borrow::Cow::Borrowed(&self.text[start..end])
        } else {
            let mut s = String::with_capacity(end - start);
            let mut at = start;
            for m in inside {
                s.push_str(&self.text[at..m.start]);
                s.push(' ');
                at = m.end;
            }
            s.push_str(&self.text[at..end]);
            std::borrow::Cow::Owned(s)
        };
        // Words outside the generic phrases: more than two is real work.
        let mut words = 0;
        let mut at = 0;
        let mut count = |gap: &str| {
            words += gap
                .split(|c: char| !lists::is_alnum(c))
                .filter(|w| !w.is_empty())
                .count();
            words > 2
        };
        if let Some(re) = self.generic {
            for m in re.find_iter(&rest) {
                if count(&rest[at..m.start()]) {
                    return false;
                }
                at = m.end();
            }
        }
        !count(&rest[at..])
    }
}
