//! What the deadline extractor reads from the rules, prepared once per rule
//! set (shared by every document): each `deadline.*` rule's attributes,
//! parsed, and the vocabularies' forms in lower case. Reading them per match
//! (hash lookups, `to_lowercase` of every form) cost more than the matching.

use crate::rules::{Rule, RuleSet};

/// One `deadline.*` rule's attributes (see the header of deadlines.toml).
#[derive(Debug, Default)]
pub(super) struct RuleAttrs {
    /// `kind`: by | recurring | ongoing | conditional.
    pub kind: String,
    /// `recurrence`.
    pub recurrence: Option<String>,
    /// `requires`: alternatives, each a list of groups that must all be there.
    pub requires: Option<Vec<Vec<String>>>,
    /// `lead`, split at '|'.
    pub lead: Option<Vec<String>>,
    /// `lead_exempts = "true"`.
    pub lead_exempts: bool,
    /// `veto = "true"`.
    pub veto: bool,
    /// `label = "period"`.
    pub label_period: bool,
    /// `cell = "true"`.
    pub cell: bool,
    /// `trim = "soft"`.
    pub trim_soft: bool,
    /// `authority`: the vocabulary's forms in lower case, and
    /// `authority_within`.
    pub authority: Option<(Vec<String>, usize)>,
}

/// A `deadline_veto` form in lower case and whether it only counts at the
/// start of a clause.
#[derive(Debug)]
pub(super) struct Veto {
    pub form: String,
    pub clause_start: bool,
}

/// Everything prepared.
#[derive(Debug, Default)]
pub(super) struct Prep {
    /// The `deadline.*` rules' addresses (to find a match's rule) …
    rules: Vec<usize>,
    /// … and their attributes, in the same order.
    attrs: Vec<RuleAttrs>,
    /// `condition_end` forms, lower case.
    pub condition_end: Vec<String>,
    /// `deadline_veto` forms; None without the vocabulary.
    pub veto: Option<Vec<Veto>>,
    /// `time_column` forms, lower case.
    pub time_column: Option<Vec<String>>,
}

fn lower_forms(set: &RuleSet, name: &str) -> Option<Vec<String>> {
    set.vocab(name).map(|v| {
        v.entries
            .iter()
            .flat_map(|e| e.forms.iter().map(|f| f.to_lowercase()))
            .collect()
    })
}

impl Prep {
    /// Build from `set` (once per rule set: see [`Prep::of`]).
    fn build(set: &RuleSet) -> Prep {
        let mut p = Prep {
            condition_end: lower_forms(set, "condition_end").unwrap_or_default(),
            veto: set.vocab("deadline_veto").map(|v| {
                v.entries
                    .iter()
                    .flat_map(|e| {
                        let clause_start = e.attr("scope") == Some("clause_start");
                        e.forms.iter().map(move |f| Veto {
                            form: f.to_lowercase(),
                            clause_start,
                        })
                    })
                    .collect()
            }),
            time_column: lower_forms(set, "time_column"),
            ..Prep::default()
        };
        for r in set.rules_of("deadline") {
            let a = |k: &str| r.attr(k);
            p.rules.push(r as *const Rule as usize);
            p.attrs.push(RuleAttrs {
                kind: a("kind").unwrap_or("by").to_string(),
                recurrence: a("recurrence").map(str::to_string),
                requires: a("requires").map(|req| {
                    req.split('|')
                        .map(|all| all.split('+').map(|g| g.trim().to_string()).collect())
                        .collect()
                }),
                lead: a("lead").map(|l| l.split('|').map(str::to_string).collect()),
                lead_exempts: a("lead_exempts") == Some("true"),
                veto: a("veto") == Some("true"),
                label_period: a("label") == Some("period"),
                cell: a("cell") == Some("true"),
                trim_soft: a("trim") == Some("soft"),
                authority: a("authority").map(|name| {
                    let within = a("authority_within")
                        .and_then(|w| w.parse().ok())
                        .unwrap_or(usize::MAX);
                    (lower_forms(set, name).unwrap_or_default(), within)
                }),
            });
        }
        p
    }

    /// The prepared rules of `set`, built the first time.
    pub fn of(set: &RuleSet) -> std::sync::Arc<Prep> {
        set.cached("deadline.prep", Prep::build)
    }

    /// The attributes of `rule` (a `deadline.*` rule of the same set).
    pub fn attrs(&self, rule: &Rule) -> &RuleAttrs {
        static NONE: std::sync::OnceLock<RuleAttrs> = std::sync::OnceLock::new();
        let at = rule as *const Rule as usize;
        match self.rules.iter().position(|&r| r == at) {
            Some(i) => &self.attrs[i],
            None => NONE.get_or_init(|| RuleAttrs {
                kind: "by".into(),
                ..RuleAttrs::default()
            }),
        }
    }
}
