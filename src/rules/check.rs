//! `kehoach rules check`: every rule's examples must match (with their
//! expected captures) and its counter-examples must not; every fragment's
//! examples must match it in full and its counter-examples must not.

use std::borrow::Cow;

use regex::Regex;

use super::{RuleError, RuleSet};
use crate::document::Document;
use crate::normalize;

fn err(file: &str, line: usize, item: &str, message: String) -> RuleError {
    RuleError {
        file: file.to_string(),
        line,
        item: Some(item.to_string()),
        message,
    }
}

/// Run every example and counter-example; all failures are returned.
pub fn check(set: &RuleSet) -> Vec<RuleError> {
    let mut errors = Vec::new();
    let opts = normalize::Options::default();
    for rule in set.rules() {
        for (n, (text, expect)) in rule.examples.iter().enumerate() {
            let (norm, _) = normalize::normalize(Cow::Borrowed(text.as_str()), &opts);
            let doc = Document::new(&norm);
            let scan = set.scan(&doc);
            let matches = scan.matches_of(&doc, rule);
            if matches.is_empty() {
                errors.push(err(
                    &rule.file,
                    rule.line,
                    &rule.id,
                    format!("example {} does not match: {text:?}", n + 1),
                ));
                continue;
            }
            let fits = |m: &super::RuleMatch| {
                expect
                    .iter()
                    .all(|(k, v)| m.text(&doc, k) == Some(v.as_str()))
            };
            if !expect.is_empty() && !matches.iter().any(fits) {
                let got: Vec<String> = matches
                    .iter()
                    .map(|m| {
                        m.captures(&doc)
                            .iter()
                            .map(|(k, v)| format!("{k}={v:?}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    })
                    .collect();
                errors.push(err(
                    &rule.file,
                    rule.line,
                    &rule.id,
                    format!(
                        "example {} matches with other captures: expected {}; got [{}]",
                        n + 1,
                        expect
                            .iter()
                            .map(|(k, v)| format!("{k}={v:?}"))
                            .collect::<Vec<_>>()
                            .join(", "),
                        got.join("] [")
                    ),
                ));
            }
        }
        for text in &rule.counter_examples {
            let (norm, _) = normalize::normalize(Cow::Borrowed(text.as_str()), &opts);
            let doc = Document::new(&norm);
            let scan = set.scan(&doc);
            if let Some(m) = scan.matches_of(&doc, rule).first() {
                errors.push(err(
                    &rule.file,
                    rule.line,
                    &rule.id,
                    format!(
                        "counter-example matches {:?} in {text:?}",
                        doc.quote(m.start, m.end)
                    ),
                ));
            }
        }
    }
    for f in &set.fragments {
        let Ok(full) = Regex::new(&format!("^(?:{})$", f.expanded)) else {
            continue;
        };
        for ex in &f.examples {
            if !full.is_match(ex) {
                errors.push(err(
                    &f.file,
                    f.line,
                    &f.name,
                    format!("example {ex:?} does not match the whole fragment"),
                ));
            }
        }
        for ex in &f.counter_examples {
            if full.is_match(ex) {
                errors.push(err(
                    &f.file,
                    f.line,
                    &f.name,
                    format!("counter-example {ex:?} matches"),
                ));
            }
        }
    }
    errors
}
