//! Compiling rule files: parse, expand `${name}`, compile each rule's regex
//! once, check named groups, build the anchor prefilter.

use std::collections::{HashMap, HashSet};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex::Regex;

use super::schema::RuleFile;
use super::vocab::Vocab;
use super::{Fragment, Rule, RuleError, RuleErrors, RuleSet, line_at};

/// What `${name}` can stand for.
enum Def {
    Fragment(String),
    Vocab(String),
}

struct Ctx {
    defs: HashMap<String, Def>,
    expanded: HashMap<String, String>,
}

impl Ctx {
    /// Expand every `${name}` in `pattern`, recursively; errors name the
    /// unknown or cyclic reference.
    fn expand(&mut self, pattern: &str, stack: &mut Vec<String>) -> Result<String, String> {
        let mut out = String::with_capacity(pattern.len());
        let mut rest = pattern;
        while let Some(at) = rest.find("${") {
            out.push_str(&rest[..at]);
            let after = &rest[at + 2..];
            let close = after
                .find('}')
                .ok_or_else(|| format!("unclosed ${{ in {pattern:?}"))?;
            let name = &after[..close];
            out.push_str("(?:");
            out.push_str(&self.resolve(name, stack)?);
            out.push(')');
            rest = &after[close + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }

    fn resolve(&mut self, name: &str, stack: &mut Vec<String>) -> Result<String, String> {
        if let Some(done) = self.expanded.get(name) {
            return Ok(done.clone());
        }
        if stack.iter().any(|s| s == name) {
            return Err(format!(
                "cyclic reference: {} -> {name}",
                stack.join(" -> ")
            ));
        }
        let raw = match self.defs.get(name) {
            Some(Def::Fragment(regex)) => regex.clone(),
            Some(Def::Vocab(alt)) => return Ok(alt.clone()),
            None => return Err(format!("unknown fragment or vocabulary ${{{name}}}")),
        };
        stack.push(name.to_string());
        let expanded = self.expand(&raw, stack);
        stack.pop();
        let expanded = expanded?;
        self.expanded.insert(name.to_string(), expanded.clone());
        Ok(expanded)
    }
}

fn err(file: &str, line: usize, item: Option<&str>, message: impl Into<String>) -> RuleError {
    RuleError {
        file: file.to_string(),
        line,
        item: item.map(str::to_string),
        message: message.into(),
    }
}

/// Is `id` of the form `kind.name(.more)` in lower-case ASCII?
fn valid_id(id: &str) -> bool {
    let parts: Vec<_> = id.split('.').collect();
    parts.len() >= 2
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        })
}

/// Variants of an anchor word to look for (as written, lower, upper,
/// capitalized).
pub(crate) fn anchor_variants(a: &str) -> Vec<String> {
    let mut v = vec![a.to_string(), a.to_lowercase(), a.to_uppercase()];
    let mut chars = a.chars();
    if let Some(first) = chars.next() {
        v.push(first.to_uppercase().chain(chars).collect());
    }
    v.sort();
    v.dedup();
    v
}

fn value_to_string(v: &toml::Value) -> String {
    match v {
        toml::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

pub(super) fn compile(files: Vec<(String, String)>) -> Result<RuleSet, RuleErrors> {
    let mut errors = Vec::new();
    let mut parsed = Vec::new();
    let mut data = HashMap::new();
    for (path, content) in files {
        if !path.ends_with(".toml") {
            data.insert(path, content);
            continue;
        }
        match toml::from_str::<RuleFile>(&content) {
            Ok(f) => parsed.push((path, content, f)),
            Err(e) => {
                let line = e.span().map_or(0, |s| line_at(&content, s.start));
                errors.push(err(
                    &path,
                    line,
                    None,
                    format!("not a valid rule file: {}", e.message()),
                ));
            }
        }
    }

    // 1. Names: fragments and vocabularies share one namespace.
    let mut ctx = Ctx {
        defs: HashMap::new(),
        expanded: HashMap::new(),
    };
    let mut vocabs = HashMap::new();
    let mut seen: HashMap<String, (String, usize)> = HashMap::new();
    for (path, content, file) in &parsed {
        for f in &file.fragment {
            let line = line_at(content, f.span().start);
            let f = f.get_ref();
            if let Some((p, l)) = seen.insert(f.name.clone(), (path.clone(), line)) {
                errors.push(err(
                    path,
                    line,
                    Some(&f.name),
                    format!("name already defined at rules/{p}:{l}"),
                ));
            }
            ctx.defs
                .insert(f.name.clone(), Def::Fragment(f.regex.clone()));
        }
        for v in &file.vocab {
            let line = line_at(content, v.span().start);
            let v = v.get_ref();
            if let Some((p, l)) = seen.insert(v.name.clone(), (path.clone(), line)) {
                errors.push(err(
                    path,
                    line,
                    Some(&v.name),
                    format!("name already defined at rules/{p}:{l}"),
                ));
            }
            match Vocab::build(v) {
                Ok(vocab) => {
                    ctx.defs
                        .insert(v.name.clone(), Def::Vocab(vocab.alternation()));
                    vocabs.insert(v.name.clone(), vocab);
                }
                Err(m) => errors.push(err(path, line, Some(&v.name), m)),
            }
        }
    }

    // 2. Fragments: expand, compile alone, no capture groups of their own.
    let mut fragments = Vec::new();
    for (path, content, file) in &parsed {
        for f in &file.fragment {
            let line = line_at(content, f.span().start);
            let def = f.get_ref();
            match ctx.resolve(&def.name, &mut Vec::new()) {
                Ok(expanded) => match Regex::new(&expanded) {
                    Ok(re) if re.captures_len() > 1 => errors.push(err(
                        path,
                        line,
                        Some(&def.name),
                        "fragments may not capture: use (?:…), and name groups in the rule",
                    )),
                    Ok(_) => fragments.push(Fragment {
                        name: def.name.clone(),
                        file: path.clone(),
                        line,
                        expanded,
                        examples: def.examples.clone(),
                        counter_examples: def.counter_examples.clone(),
                    }),
                    Err(e) => {
                        errors.push(err(path, line, Some(&def.name), format!("bad regex: {e}")))
                    }
                },
                Err(m) => errors.push(err(path, line, Some(&def.name), m)),
            }
        }
    }

    // 3. Rules.
    let mut rules = Vec::new();
    let mut ids = HashSet::new();
    let mut anchors: Vec<(String, usize)> = Vec::new();
    for (path, content, file) in &parsed {
        for r in &file.rule {
            let line = line_at(content, r.span().start);
            let def = r.get_ref();
            let Some(id) = def.id.clone() else {
                errors.push(err(path, line, None, "rule has no `id`"));
                continue;
            };
            let item = Some(id.as_str());
            if !valid_id(&id) {
                errors.push(err(
                    path,
                    line,
                    item,
                    "id must be `<kind>.<name>` in lower-case ASCII, digits and _",
                ));
            }
            if !ids.insert(id.clone()) {
                errors.push(err(path, line, item, "duplicate rule id"));
            }
            let Some(pattern) = def.pattern.as_deref() else {
                errors.push(err(path, line, item, "rule has no `pattern`"));
                continue;
            };
            if def.examples.is_empty() {
                errors.push(err(
                    path,
                    line,
                    item,
                    "rule has no [[rule.example]]: every rule needs one",
                ));
            }
            let expanded = match ctx.expand(pattern, &mut Vec::new()) {
                Ok(e) => e,
                Err(m) => {
                    errors.push(err(path, line, item, m));
                    continue;
                }
            };
            let regex = match super::RuleRegex::new(&expanded) {
                Ok(re) => re,
                Err(e) => {
                    errors.push(err(path, line, item, format!("bad regex: {e}")));
                    continue;
                }
            };
            let names: Vec<Option<&str>> = regex.capture_names().skip(1).collect();
            if names.iter().any(Option::is_none) {
                errors.push(err(
                    path,
                    line,
                    item,
                    "unnamed capture group: use (?P<name>…) or (?:…)",
                ));
            }
            for ex in &def.examples {
                for key in ex.expect.keys() {
                    if !names.contains(&Some(key.as_str())) {
                        errors.push(err(
                            path,
                            line,
                            item,
                            format!("example expects unknown group `{key}`"),
                        ));
                    }
                }
            }
            let index = rules.len();
            for a in &def.anchors {
                if a.trim().is_empty() {
                    errors.push(err(path, line, item, "empty anchor"));
                }
                anchors.extend(anchor_variants(a).into_iter().map(|v| (v, index)));
            }
            rules.push(Rule {
                kind: id.split('.').next().unwrap_or_default().to_string(),
                id,
                description: def.description.clone().unwrap_or_default(),
                regex,
                priority: def.priority,
                attrs: def
                    .attrs
                    .iter()
                    .map(|(k, v)| (k.clone(), value_to_string(v)))
                    .collect(),
                file: path.clone(),
                line,
                examples: def
                    .examples
                    .iter()
                    .map(|e| {
                        (
                            e.text.clone(),
                            e.expect
                                .iter()
                                .map(|(k, v)| (k.clone(), v.clone()))
                                .collect(),
                        )
                    })
                    .collect(),
                counter_examples: def.counter_examples.clone(),
                anchored: !def.anchors.is_empty(),
                anchors: def.anchors.clone(),
            });
        }
    }
    if !errors.is_empty() {
        return Err(RuleErrors(errors));
    }

    // 4. Prefilter: one automaton over every anchor of every rule.
    let mut words: Vec<String> = Vec::new();
    let mut anchor_rules: Vec<Vec<usize>> = Vec::new();
    let mut by_word: HashMap<String, usize> = HashMap::new();
    for (word, rule) in anchors {
        let id = *by_word.entry(word.clone()).or_insert_with(|| {
            words.push(word);
            anchor_rules.push(Vec::new());
            anchor_rules.len() - 1
        });
        if !anchor_rules[id].contains(&rule) {
            anchor_rules[id].push(rule);
        }
    }
    let prefilter = if words.is_empty() {
        None
    } else {
        Some(
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                // A DFA: twice the speed of the default contiguous NFA on
                // this many patterns, for a few MiB shared by all threads.
                .kind(Some(AhoCorasickKind::DFA))
                .build(&words)
                .map_err(|e| RuleErrors(vec![err("(anchors)", 0, None, e.to_string())]))?,
        )
    };
    let by_id = rules
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.clone(), i))
        .collect();
    let mut kinds: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, r) in rules.iter().enumerate() {
        kinds.entry(r.kind.clone()).or_default().push(i);
    }
    Ok(RuleSet {
        rules,
        vocabs,
        fragments,
        data,
        prefilter,
        anchor_rules,
        kinds,
        cache: Default::default(),
        by_id,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(s: &str) -> Vec<(String, String)> {
        vec![("t.toml".into(), s.into())]
    }

    #[test]
    fn expands_fragments_and_vocab() {
        let set = compile(files(
            r#"
[[fragment]]
name = "year"
description = "a year"
regex = '(?:19|20)\d{2}'

[[vocab]]
name = "unit"
description = "units"
[[vocab.entry]]
value = "biên chế"
[[vocab.entry]]
value = "người"

[[rule]]
id = "test.year_unit"
pattern = 'năm (?P<year>${year}) (?P<unit>${unit})'
[[rule.example]]
text = "năm 2023 biên chế"
expect = { year = "2023", unit = "biên chế" }
"#,
        ))
        .unwrap();
        let r = set.rule("test.year_unit").unwrap();
        assert!(r.regex.is_match("năm 2019 người"));
        assert_eq!(r.kind, "test");
    }

    #[test]
    fn errors_have_lines() {
        let e = compile(files(
            "[[rule]]\nid = \"x.bad\"\npattern = '(unclosed'\n[[rule.example]]\ntext = \"a\"\n\n[[rule]]\npattern = 'a'\n",
        ))
        .unwrap_err();
        let msgs: Vec<String> = e.0.iter().map(|e| e.to_string()).collect();
        assert!(
            msgs.iter()
                .any(|m| m.starts_with("rules/t.toml:1: x.bad: bad regex")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.starts_with("rules/t.toml:7: rule has no `id`")),
            "{msgs:?}"
        );
    }

    #[test]
    fn unnamed_groups_rejected() {
        let e = compile(files(
            "[[rule]]\nid = \"x.unnamed\"\npattern = '(a)'\n[[rule.example]]\ntext = \"a\"\n",
        ))
        .unwrap_err();
        assert!(e.to_string().contains("unnamed capture group"));
    }

    #[test]
    fn unknown_reference_and_cycle() {
        let e = compile(files(
            "[[fragment]]\nname = \"a\"\ndescription = \"\"\nregex = '${b}'\n[[fragment]]\nname = \"b\"\ndescription = \"\"\nregex = '${a}'\n",
        ))
        .unwrap_err();
        assert!(e.to_string().contains("cyclic"), "{e}");
        let e = compile(files(
            "[[rule]]\nid = \"x.y\"\npattern = '${nope}'\n[[rule.example]]\ntext = \"a\"\n",
        ))
        .unwrap_err();
        assert!(
            e.to_string()
                .contains("unknown fragment or vocabulary ${nope}"),
            "{e}"
        );
    }

    #[test]
    fn anchor_variants_cover_case() {
        assert_eq!(anchor_variants("số"), vec!["SỐ", "Số", "số"]);
    }
}
