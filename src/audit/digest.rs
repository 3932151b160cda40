//! The part of a record the audit reads, and nothing more.
//!
//! A `.jsonl` line is deserialized straight into a [`Digest`]: serde skips
//! every field not named here (quota and task texts, bodies, deadlines …)
//! without allocating them, so a line costs one parse and a handful of small
//! strings. Records produced on the fly (`kehoach audit plans/`) are reduced
//! to the same shape with [`Digest::from_record`]. Every field is optional
//! and `null` reads as empty, so older or hand-made records are accepted.

use serde::de::{Deserializer, IgnoredAny};
use serde::{Deserialize, Serialize};

use crate::record::{ERROR_SCHEMA, PLAN_SCHEMA, PlanRecord, Record};

/// `null` (or a missing field) as the type's default.
fn nullable<'de, D: Deserializer<'de>, T: Default + Deserialize<'de>>(d: D) -> Result<T, D::Error> {
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// What a record is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A `kehoach.plan/1` record.
    Plan,
    /// A `kehoach.error/1` record (skipped and counted).
    Error,
    /// Anything else (counted as an unreadable line).
    Other,
}

/// A line number (`span.line`), the only part of a span the audit needs.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default)]
pub struct LineOnly {
    /// 1-based line.
    pub line: u32,
}

/// `source`: only the path.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SourceDigest {
    /// Path as given.
    #[serde(deserialize_with = "nullable")]
    pub path: String,
}

/// `plan`: the column header of the matrix.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct PlanDigest {
    /// "Kế hoạch", "Quyết định" …
    pub doc_type: Option<String>,
    /// The plan's own number, null when blank.
    pub number: Option<String>,
    /// Province proper name.
    pub province: Option<String>,
    /// ISO date, possibly partial.
    pub date: Option<String>,
    /// Trích yếu.
    pub title: Option<String>,
}

/// One mention: where and as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct MentionDigest {
    /// Its span (only the line is read).
    pub span: LineOnly,
    /// The matched text.
    #[serde(deserialize_with = "nullable")]
    pub text: String,
}

/// One cited document.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct CitationDigest {
    /// Type word ("Nghị quyết").
    #[serde(deserialize_with = "nullable")]
    pub doc_type: String,
    /// Canonical number.
    #[serde(deserialize_with = "nullable")]
    pub number: String,
    /// number@date, or the number.
    #[serde(deserialize_with = "nullable")]
    pub key: String,
    /// ISO date written in the plan.
    pub date: Option<String>,
    /// Issuing body.
    pub issuer: Option<String>,
    /// `central`, `provincial`, `district`, `unknown`.
    #[serde(deserialize_with = "nullable")]
    pub level: String,
    /// `implements`, `basis`, `reference`.
    #[serde(deserialize_with = "nullable")]
    pub relation: String,
    /// Every mention.
    #[serde(deserialize_with = "nullable")]
    pub mentions: Vec<MentionDigest>,
}

/// One task: where, and whether it has a deadline.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct TaskDigest {
    /// Its span (only the line is read).
    pub span: LineOnly,
    /// Outline path.
    #[serde(deserialize_with = "nullable")]
    pub section: String,
    /// The deadline object, not read: only whether there is one.
    pub deadline: Option<IgnoredAny>,
}

/// One record warning.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct WarningDigest {
    /// Machine-readable code.
    #[serde(deserialize_with = "nullable")]
    pub code: String,
    /// Explanation.
    #[serde(deserialize_with = "nullable")]
    pub message: String,
    /// Where, if anywhere.
    pub span: Option<LineOnly>,
}

/// What the audit keeps of one record while it is read.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Digest {
    /// `kehoach.plan/1` or `kehoach.error/1`.
    #[serde(deserialize_with = "nullable")]
    pub schema: String,
    /// Path of an error record.
    #[serde(deserialize_with = "nullable")]
    pub path: String,
    /// Source of a plan record.
    #[serde(deserialize_with = "nullable")]
    pub source: SourceDigest,
    /// The plan's metadata.
    #[serde(deserialize_with = "nullable")]
    pub plan: PlanDigest,
    /// Cited documents.
    #[serde(deserialize_with = "nullable")]
    pub citations: Vec<CitationDigest>,
    /// Tasks.
    #[serde(deserialize_with = "nullable")]
    pub tasks: Vec<TaskDigest>,
    /// Warnings.
    #[serde(deserialize_with = "nullable")]
    pub warnings: Vec<WarningDigest>,
}

impl Digest {
    /// Read one JSON Lines record.
    pub fn parse(line: &str) -> Result<Digest, serde_json::Error> {
        serde_json::from_str(line)
    }

    /// What kind of record this is.
    pub fn kind(&self) -> Kind {
        match self.schema.as_str() {
            PLAN_SCHEMA => Kind::Plan,
            ERROR_SCHEMA => Kind::Error,
            _ => Kind::Other,
        }
    }

    /// Path of the record's input (plan or error record).
    pub fn input_path(&self) -> &str {
        if self.source.path.is_empty() {
            &self.path
        } else {
            &self.source.path
        }
    }

    /// The same reduction for a record built in memory.
    pub fn from_record(record: &Record) -> Digest {
        match record {
            Record::Plan(p) => Digest::from_plan(p),
            Record::Error(e) => Digest {
                schema: e.schema.clone(),
                path: e.path.clone(),
                ..Digest::default()
            },
        }
    }

    fn from_plan(r: &PlanRecord) -> Digest {
        let p = &r.plan;
        Digest {
            schema: r.schema.clone(),
            path: String::new(),
            source: SourceDigest {
                path: r.source.path.clone(),
            },
            plan: PlanDigest {
                doc_type: p.doc_type.clone(),
                number: p.number.clone(),
                province: p.province.clone(),
                date: p.date.clone(),
                title: p.title.clone(),
            },
            citations: r
                .citations
                .iter()
                .map(|c| CitationDigest {
                    doc_type: c.doc_type.clone(),
                    number: c.number.clone(),
                    key: c.key.clone(),
                    date: c.date.clone(),
                    issuer: c.issuer.clone(),
                    level: c.level.clone(),
                    relation: c.relation.clone(),
                    mentions: c
                        .mentions
                        .iter()
                        .map(|m| MentionDigest {
                            span: LineOnly { line: m.span.line },
                            text: m.text.clone(),
                        })
                        .collect(),
                })
                .collect(),
            tasks: r
                .tasks
                .iter()
                .map(|t| TaskDigest {
                    span: LineOnly { line: t.span.line },
                    section: t.section.clone(),
                    deadline: t.deadline.as_ref().map(|_| IgnoredAny),
                })
                .collect(),
            warnings: r
                .warnings
                .iter()
                .map(|w| WarningDigest {
                    code: w.code.clone(),
                    message: w.message.clone(),
                    span: w.span.map(|s| LineOnly { line: s.line }),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_only_what_it_needs_and_tolerates_nulls() {
        let line = r#"{"schema":"kehoach.plan/1","id":"x","source":{"path":"a/b.txt","bytes":3},
            "plan":{"number":null,"province":"Hà Tĩnh","date":"2024-02-02","implements":["19-NQ/TW"]},
            "citations":[{"doc_type":"Nghị quyết","number":"19-NQ/TW","key":"19-NQ/TW@2017-10-25",
              "date":"2017-10-25","issuer":null,"level":"central","relation":"implements","term":12,
              "mentions":[{"span":{"line":29,"start":1,"end":2},"text":"Nghị quyết số 19-NQ/TW","rule":"r"}]}],
            "quotas":[{"text":"…","value":1}],
            "tasks":[{"section":"1","span":{"line":40},"deadline":null},
                     {"section":"2","span":{"line":41},"deadline":{"kind":"by"}}],
            "warnings":[{"code":"quota-arithmetic","message":"m","span":null}]}"#
            .replace('\n', " ");
        let d = Digest::parse(&line).unwrap();
        assert_eq!(d.kind(), Kind::Plan);
        assert_eq!(d.input_path(), "a/b.txt");
        assert_eq!(d.plan.number, None);
        assert_eq!(d.citations[0].mentions[0].span.line, 29);
        assert!(d.tasks[0].deadline.is_none() && d.tasks[1].deadline.is_some());
        assert!(d.warnings[0].span.is_none());
        let e = Digest::parse(
            r#"{"schema":"kehoach.error/1","path":"x.doc","error":"binary","message":"m"}"#,
        )
        .unwrap();
        assert_eq!((e.kind(), e.input_path()), (Kind::Error, "x.doc"));
        let n =
            Digest::parse(r#"{"schema":"kehoach.plan/1","citations":null,"plan":null}"#).unwrap();
        assert!(n.citations.is_empty() && n.plan.number.is_none());
        assert_eq!(Digest::parse("{}").unwrap().kind(), Kind::Other);
    }
}
