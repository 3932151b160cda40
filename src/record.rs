//! The output records: `kehoach.plan/1` and `kehoach.error/1`.
//!
//! These types *are* the wire format (see `docs/FORMAT.md` for the user-facing
//! description). Field names and vocabularies are fixed by the contract; new
//! fields may be added (additive changes keep the schema name). Every type
//! serializes directly with serde (no intermediate `serde_json::Value`), which
//! keeps JSON output off the profile.
//!
//! What this module does not do: decide any value. Extractors fill these
//! structs; this module only names and orders the fields.

use serde::{Deserialize, Serialize};

/// Schema name of a plan record.
pub const PLAN_SCHEMA: &str = "kehoach.plan/1";
/// Schema name of an error record.
pub const ERROR_SCHEMA: &str = "kehoach.error/1";

/// One record of the output stream: a plan, or an error in its place.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum Record {
    /// A file that was decoded and processed.
    Plan(Box<PlanRecord>),
    /// A file that could not be processed at all.
    Error(ErrorRecord),
}

impl Record {
    /// Path of the input this record describes.
    pub fn path(&self) -> &str {
        match self {
            Record::Plan(p) => &p.source.path,
            Record::Error(e) => &e.path,
        }
    }
    /// True for a plan record.
    pub fn is_plan(&self) -> bool {
        matches!(self, Record::Plan(_))
    }
}

/// `kehoach.error/1`: a file that could not be processed (unreadable, binary,
/// empty, too large, undecodable, or an internal failure).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ErrorRecord {
    /// Always [`ERROR_SCHEMA`].
    pub schema: String,
    /// Path as given.
    pub path: String,
    /// Machine-readable code: `unreadable`, `empty`, `binary`, `too-large`,
    /// `undecodable`, `internal`.
    pub error: String,
    /// Human-readable explanation.
    pub message: String,
}

/// `kehoach.plan/1`: everything extracted from one plan.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PlanRecord {
    /// Always [`PLAN_SCHEMA`].
    pub schema: String,
    /// First 16 hex digits of the SHA-256 of the raw bytes.
    pub id: String,
    /// Where the text came from and what decoding/normalization did.
    pub source: SourceInfo,
    /// The document's own metadata.
    pub plan: Plan,
    /// Documents the plan cites.
    pub citations: Vec<Citation>,
    /// Numeric targets.
    pub quotas: Vec<Quota>,
    /// Assignments.
    pub tasks: Vec<Task>,
    /// Every time limit.
    pub deadlines: Vec<Deadline>,
    /// Organisations acting in the plan.
    pub bodies: Vec<Body>,
    /// What a careful reader should look at.
    pub warnings: Vec<Warning>,
}

/// A location in the normalized text.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// 1-based line of the first character.
    pub line: u32,
    /// Byte offset (inclusive) into the normalized UTF-8 text.
    pub start: usize,
    /// Byte offset (exclusive).
    pub end: usize,
}

/// `source`: the raw input and what was done to it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SourceInfo {
    /// Path as given on the command line.
    pub path: String,
    /// Size of the raw input.
    pub bytes: u64,
    /// Hex SHA-256 of the raw input.
    pub sha256: String,
    /// Detected (or forced) encoding name.
    pub encoding: String,
    /// Detection confidence in [0, 1] (1 for a BOM or valid UTF-8).
    pub confidence: f64,
    /// Counts of what normalization changed.
    pub normalization: NormalizationStats,
}

/// Counts of normalization changes (`source.normalization`).
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct NormalizationStats {
    /// Combining marks merged into precomposed letters by NFC.
    pub nfc: u64,
    /// Syllables whose tone mark was moved to the chosen placement.
    pub tone_marks: u64,
    /// Look-alike or invisible characters replaced or removed.
    pub replaced: u64,
    /// Markup removed: Markdown emphasis markers, word-processor remnants.
    #[serde(default)]
    pub markup: u64,
    /// CR LF / CR line breaks turned into LF (never added or removed).
    #[serde(default)]
    pub line_endings: u64,
}

/// `plan`: the document's own metadata.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Plan {
    /// "Kế hoạch", or "Quyết định"/"Nghị quyết" when that promulgates the plan.
    pub doc_type: Option<String>,
    /// Canonical number ("2235/KH-UBND"); null when blank.
    pub number: Option<String>,
    /// Issuing body.
    pub issuer: Option<String>,
    /// Province proper name.
    pub province: Option<String>,
    /// ISO date, possibly partial ("2023-01").
    pub date: Option<String>,
    /// Trích yếu after KẾ HOẠCH, one line.
    pub title: Option<String>,
    /// Signer's name.
    pub signer: Option<String>,
    /// True for a draft ("Dự thảo").
    pub draft: bool,
    /// Numbers of the documents the plan says it implements.
    pub implements: Vec<String>,
}

/// One mention of a cited document.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Mention {
    /// Where.
    pub span: Span,
    /// The matched text.
    pub text: String,
    /// Id of the rule that found it.
    pub rule: String,
}

/// `citations[]`: one distinct cited document with all its mentions.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Citation {
    /// Full type name ("Nghị quyết").
    pub doc_type: String,
    /// Canonical number ("19-NQ/TW").
    pub number: String,
    /// Identity for joins: number@date, else number.
    pub key: String,
    /// ISO date of the document.
    pub date: Option<String>,
    /// Issuing body.
    pub issuer: Option<String>,
    /// `central`, `provincial`, `district` or `unknown`.
    pub level: String,
    /// `implements`, `basis` or `reference`.
    pub relation: String,
    /// Party term (khóa) written with the citation ("khóa XII" → 12), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term: Option<u32>,
    /// Every mention.
    pub mentions: Vec<Mention>,
}

/// `quotas[]`: a numeric target.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Quota {
    /// The sentence part stating it.
    pub text: String,
    /// Canonical head noun.
    pub metric: String,
    /// The noun phrase as written.
    pub subject: String,
    /// `decrease`, `increase` or `target`.
    pub direction: String,
    /// The number.
    pub value: f64,
    /// `percent`, `count` or `per`.
    pub unit: String,
    /// Denominator or base of a rate; written as an integer when whole
    /// (`162`, not `162.0`: the reference scorer compares it as text).
    #[serde(serialize_with = "whole_as_integer")]
    pub of: Option<f64>,
    /// `min`, `max`, `average` or `exact`.
    pub bound: String,
    /// Year or period compared with.
    pub baseline: Option<String>,
    /// Year or period the target is for.
    pub by: Option<String>,
    /// Where.
    pub span: Span,
    /// Rule id.
    pub rule: String,
}

/// Write a whole number as a JSON integer ("of": 162), others as floats.
fn whole_as_integer<S: serde::Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match *v {
        Some(x) if x.fract() == 0.0 && x.abs() < 9.0e15 => s.serialize_i64(x as i64),
        Some(x) => s.serialize_f64(x),
        None => s.serialize_none(),
    }
}

/// `deadlines[]`: a time limit.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Deadline {
    /// The expression as written.
    pub text: String,
    /// `by`, `recurring`, `ongoing` or `conditional`.
    pub kind: String,
    /// ISO first day of the start, if given.
    pub from: Option<String>,
    /// ISO last day, `--MM-DD` or `---DD` for recurring days.
    pub until: Option<String>,
    /// `yearly`, `half-yearly`, `quarterly`, `monthly` or null.
    pub recurrence: Option<String>,
    /// The condition clause for `conditional`.
    pub condition: Option<String>,
    /// Where.
    pub span: Span,
    /// Rule id.
    pub rule: String,
}

/// `tasks[]`: one assignment.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Task {
    /// Outline path ("III.2.a").
    pub section: String,
    /// The item text.
    pub text: String,
    /// Lead bodies (canonical names).
    pub lead: Vec<String>,
    /// Supporting bodies.
    pub support: Vec<String>,
    /// The deadline that applies.
    pub deadline: Option<Deadline>,
    /// Where.
    pub span: Span,
    /// Rule id.
    pub rule: String,
}

/// `bodies[]`: an organisation acting in the plan.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Body {
    /// Canonical name.
    pub name: String,
    /// `central`, `provincial`, `district`, `commune` or `unknown`.
    pub level: String,
    /// Subset of lead, support, report_to, issuer, addressed, mentioned.
    pub roles: Vec<String>,
    /// Number of mentions.
    pub mentions: u32,
}

/// `warnings[]`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Warning {
    /// Machine-readable code ("citation-date-mismatch").
    pub code: String,
    /// Explanation.
    pub message: String,
    /// Where, when it has a place.
    pub span: Option<Span>,
}

impl Warning {
    /// A warning with an optional place.
    pub fn new(code: &str, message: impl Into<String>, span: Option<Span>) -> Self {
        Warning {
            code: code.to_string(),
            message: message.into(),
            span,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_denominators_are_integers() {
        let mut q = Quota {
            text: String::new(),
            metric: "phòng".into(),
            subject: String::new(),
            direction: "decrease".into(),
            value: 7.0,
            unit: "count".into(),
            of: Some(162.0),
            bound: "exact".into(),
            baseline: None,
            by: None,
            span: Span {
                line: 19,
                start: 0,
                end: 0,
            },
            rule: "quota.x".into(),
        };
        let v = serde_json::to_value(&q).unwrap();
        assert_eq!(v["of"].to_string(), "162");
        assert_eq!(serde_json::from_value::<Quota>(v).unwrap(), q);
        q.of = Some(100.5);
        assert_eq!(serde_json::to_value(&q).unwrap()["of"].to_string(), "100.5");
        q.of = None;
        assert!(serde_json::to_value(&q).unwrap()["of"].is_null());
    }
}
