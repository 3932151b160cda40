//! Which outline items are tasks, and what they inherit (SPEC 7).
//!
//! * A full item (a sentence, a bullet) with a lead is a task; its
//!   unmarked paragraphs are folded into it, and it passes its bodies to
//!   its sub-items.
//! * A heading ("1. Sở Nội vụ", "a) Đối với lĩnh vực y tế, Sở Y tế chủ trì
//!   thực hiện:", "3. Giao Sở Nội vụ có trách nhiệm:") or a lead-in ending
//!   with ":" whose words are generic (`task.leadin_generic`) is not a task:
//!   it passes its bodies to its sub-items (a lead-in paragraph to the items
//!   after it). A heading with a single paragraph of its own is one task
//!   that starts at the heading.
//! * Field lines ("Đơn vị chủ trì: …", `task.field`) and timing paragraphs
//!   ("Thời gian hoàn thành …", `task.timing`) belong to the item before
//!   them; group sentences ("Thời gian thực hiện các nhiệm vụ trên …",
//!   `task.group_deadline`) time the items above them (see
//!   [`crate::resolve`]).
//! * A lead-in that also states its own work ("UBND các huyện … xây dựng
//!   đề án … theo hướng:") is a task and passes its bodies on.

use crate::rules::RuleRegex as Regex;

use super::assign::{Analyzer, Assignment};
use crate::document::outline::{Marker, Outline};
use crate::extract::bodies::mentions::{Name, fold_ws};
use crate::record::Task;

/// Bodies passed down from a heading or lead-in.
#[derive(Debug, Clone, Default)]
struct Inherit {
    lead: Vec<Name>,
    support: Vec<Name>,
    rule: String,
}

impl Inherit {
    fn from(a: &Assignment) -> Self {
        Inherit {
            lead: a.lead.clone(),
            support: a.support.clone(),
            rule: a.rule.clone(),
        }
    }
}

/// What an item is for the task walker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aux {
    /// An ordinary item.
    No,
    /// A field line or a timing paragraph: part of the item before it.
    Part,
    /// A group deadline sentence.
    Group,
}

/// Auxiliary-line classification shared with [`crate::resolve`].
pub struct AuxRules<'r> {
    field: Option<&'r Regex>,
    timing: Option<&'r Regex>,
    group: Option<&'r Regex>,
}

impl<'r> AuxRules<'r> {
    /// The three rules of `rules/tasks/assign.toml`.
    pub fn new(rules: &'r crate::rules::RuleSet) -> Self {
        let re = |id: &str| rules.rule(id).map(|r| &r.regex);
        AuxRules {
            field: re("task.field"),
            timing: re("task.timing"),
            group: re("task.group_deadline"),
        }
    }

    /// Classify the item whose own line is `line`.
    pub fn classify(&self, marker: &Marker, line: &str) -> Aux {
        let hit = |r: Option<&Regex>| r.is_some_and(|r| r.is_match(line));
        if hit(self.group) {
            Aux::Group
        } else if hit(self.field) || (*marker == Marker::Paragraph && hit(self.timing)) {
            Aux::Part
        } else {
            Aux::No
        }
    }
}

/// Does the item text end a sentence (not a heading)?
fn ends_sentence(t: &str) -> bool {
    let t = t.trim_end_matches([' ', '\t', '*', '_', '\n']);
    t.ends_with(['.', ';', '!', '?']) || t.ends_with(".)") || t.ends_with(".”")
}

/// The task walker over the outline.
pub struct Walker<'x, 'c, 'a, 'r> {
    an: &'x Analyzer<'c, 'a, 'r>,
    outline: &'a Outline,
    children: Vec<Vec<usize>>,
    aux: Vec<Aux>,
    /// The tasks found.
    pub tasks: Vec<Task>,
}

impl<'x, 'c, 'a, 'r> Walker<'x, 'c, 'a, 'r> {
    /// Prepare the walk.
    pub fn new(an: &'x Analyzer<'c, 'a, 'r>) -> Self {
        let outline = an.ctx.outline;
        let n = outline.items.len();
        let mut children = vec![Vec::new(); n + 1];
        for (i, it) in outline.items.iter().enumerate() {
            children[it.parent.unwrap_or(n)].push(i);
        }
        let rules = AuxRules::new(an.ctx.rules);
        let aux = outline
            .items
            .iter()
            .map(|it| rules.classify(&it.marker, an.text_of(it.head.start, it.head.end)))
            .collect();
        Walker {
            an,
            outline,
            children,
            aux,
            tasks: Vec::new(),
        }
    }

    /// Walk the whole outline.
    pub fn run(mut self) -> Vec<Task> {
        let roots = self.children[self.outline.items.len()].clone();
        self.walk(&roots, &Inherit::default(), true);
        self.tasks
    }

    /// End of item `i` with the auxiliary lines right after its head.
    fn own_end(&self, i: usize) -> usize {
        let mut end = self.outline.items[i].head.end;
        for &k in &self.children[i] {
            if self.aux[k] != Aux::Part {
                break;
            }
            end = self.outline.items[k].extent.end;
        }
        end
    }

    /// Non-auxiliary children.
    fn real_kids(&self, i: usize) -> Vec<usize> {
        self.children[i]
            .iter()
            .copied()
            .filter(|&k| self.aux[k] == Aux::No)
            .collect()
    }

    fn emit(&mut self, i: usize, end: usize, lead: &[Name], support: &[Name], rule: &str) {
        let item = &self.outline.items[i];
        let start = item.text_start.min(end);
        let text = fold_ws(self.an.text_of(start, end));
        let support: Vec<String> = support
            .iter()
            .filter(|s| !lead.iter().any(|l| l.name == s.name))
            .map(|s| s.name.clone())
            .collect();
        self.tasks.push(Task {
            section: item.section.clone(),
            text,
            lead: lead.iter().map(|n| n.name.clone()).collect(),
            support,
            deadline: None,
            span: self.an.ctx.doc.span(start, end),
            rule: if rule.is_empty() {
                "task.subject_predicate".into()
            } else {
                rule.to_string()
            },
        });
    }

    /// The lead of an item: its own, else inherited, else a later subject.
    fn resolve(a: &Assignment, inh: &Inherit) -> Inherit {
        if !a.lead.is_empty() {
            Inherit::from(a)
        } else if !inh.lead.is_empty() {
            let support = if a.support.is_empty() {
                inh.support.clone()
            } else {
                a.support.clone()
            };
            Inherit {
                lead: inh.lead.clone(),
                support,
                rule: inh.rule.clone(),
            }
        } else {
            Inherit {
                lead: a.later.clone(),
                support: a.support.clone(),
                rule: "task.subject_predicate".into(),
            }
        }
    }

    fn walk(&mut self, kids: &[usize], inh: &Inherit, top: bool) {
        let mut inh = inh.clone();
        let mut k = 0;
        while k < kids.len() {
            let c = kids[k];
            k += 1;
            let item = &self.outline.items[c];
            match item.marker {
                Marker::Row => continue,
                Marker::Part | Marker::Roman => {
                    if self.reports(c) {
                        continue;
                    }
                    let kids = self.children[c].clone();
                    self.walk(&kids, &inh, false);
                    continue;
                }
                _ => {}
            }
            if self.aux[c] != Aux::No || (top && item.marker == Marker::Paragraph) {
                continue;
            }
            let head_end = self.own_end(c);
            let own = self.an.text_of(item.text_start, item.head.end);
            let leadin = own.trim_end_matches([' ', '\t', '*']).ends_with(':');
            let real = self.real_kids(c);
            let heading_like = leadin
                || (matches!(item.marker, Marker::Arabic(_) | Marker::Letter)
                    && !real.is_empty()
                    && !ends_sentence(own));
            let a = self.an.assign(item.text_start, head_end);
            let generic = a
                .first_list_end
                .is_none_or(|e| self.an.is_generic(e, item.head.end));
            if heading_like && (a.lead.is_empty() || generic) {
                let pass = if a.lead.is_empty() {
                    Inherit {
                        support: if a.support.is_empty() {
                            inh.support.clone()
                        } else {
                            a.support.clone()
                        },
                        ..inh.clone()
                    }
                } else {
                    Inherit::from(&a)
                };
                if item.marker == Marker::Paragraph {
                    // A lead-in paragraph: for the items after it.
                    if !a.lead.is_empty() {
                        inh = pass;
                    }
                    continue;
                }
                self.heading(c, &real, &pass);
                continue;
            }
            // A full item (or a lead-in that states its own work).
            let mut end = head_end;
            let mut marked = Vec::new();
            for &kid in &self.children[c] {
                let kit = &self.outline.items[kid];
                if kit.marker == Marker::Paragraph
                    && marked.is_empty()
                    && self.aux[kid] != Aux::Group
                {
                    end = end.max(kit.extent.end);
                } else if self.aux[kid] == Aux::No {
                    marked.push(kid);
                }
            }
            let a = if end > head_end {
                self.an.assign(item.text_start, end)
            } else {
                a
            };
            let who = Self::resolve(&a, &inh);
            // Paragraphs that only time this one, or restate its lead with a
            // completion ("Sở X chủ động … hoàn thành trong năm 2019").
            if item.marker == Marker::Paragraph {
                while k < kids.len() && self.folds_into(kids[k], &who) {
                    end = self.outline.items[kids[k]].extent.end;
                    k += 1;
                }
            }
            if !who.lead.is_empty() {
                self.emit(c, end, &who.lead, &who.support, &who.rule);
            }
            let pass = if who.lead.is_empty() {
                inh.clone()
            } else {
                who
            };
            self.walk(&marked, &pass, false);
        }
    }

    /// Does heading `c` report past results (`task.report_section` and not
    /// `task.plan_section`)?
    fn reports(&self, c: usize) -> bool {
        let it = &self.outline.items[c];
        let head = self.an.text_of(it.text_start, it.head.end);
        let rules = self.an.ctx.rules;
        let hit = |id: &str| rules.rule(id).is_some_and(|r| r.regex.is_match(head));
        hit("task.report_section") && !hit("task.plan_section")
    }

    /// Does paragraph `p` only continue the task of `who`?
    fn folds_into(&self, p: usize, who: &Inherit) -> bool {
        let it = &self.outline.items[p];
        if it.marker != Marker::Paragraph {
            return false;
        }
        if self.aux[p] == Aux::Part {
            return true;
        }
        let text = self.an.text_of(it.text_start, it.head.end);
        let a = self.an.assign(it.text_start, it.head.end);
        !a.lead.is_empty()
            && a.lead
                .iter()
                .map(|n| &n.name)
                .eq(who.lead.iter().map(|n| &n.name))
            && text.contains("hoàn thành")
    }

    /// A heading: one task with its single paragraph, or its sub-items.
    fn heading(&mut self, c: usize, real: &[usize], pass: &Inherit) {
        let paras: Vec<usize> = real
            .iter()
            .copied()
            .filter(|&k| self.outline.items[k].marker == Marker::Paragraph)
            .collect();
        if paras.len() == real.len() && !paras.is_empty() {
            // Group the paragraphs into units; lead-ins are not work.
            let mut units: Vec<(usize, usize, Assignment)> = Vec::new();
            let mut i = 0;
            while i < paras.len() {
                let p = paras[i];
                let it = &self.outline.items[p];
                let a = self.an.assign(it.text_start, it.head.end);
                let own = self.an.text_of(it.text_start, it.head.end);
                let leadin = own.trim_end().ends_with(':')
                    && a.first_list_end
                        .is_none_or(|e| self.an.is_generic(e, it.head.end))
                    && (a.lead.is_empty()
                        || self
                            .an
                            .is_generic(a.first_list_end.unwrap_or(it.text_start), it.head.end));
                let mut end = it.extent.end;
                let who = Self::resolve(&a, pass);
                while i + 1 < paras.len() && self.folds_into(paras[i + 1], &who) {
                    i += 1;
                    end = self.outline.items[paras[i]].extent.end;
                }
                if !leadin {
                    units.push((p, end, a));
                }
                i += 1;
            }
            if units.len() == 1 {
                let (_, end, a) = &units[0];
                let who = Self::resolve(a, pass);
                if !who.lead.is_empty() {
                    let end = (*end).max(self.own_end(c));
                    self.emit(c, end, &who.lead, &who.support, &who.rule);
                }
                return;
            }
        }
        let kids = self.children[c].clone();
        self.walk(&kids, pass, false);
    }
}
