//! `kehoach audit`: which plans cite which central directives, and where
//! they disagree.
//!
//! Records stream in (read from JSON Lines or extracted on the fly); each is
//! reduced at once to what the audit needs ([`digest`]) and folded into an
//! [`Auditor`], which never holds a whole record. [`Auditor::finish`] gives
//! the [`Audit`]: the directive matrix (one [`Directive`] row per cited
//! document, identified by `key` = number@date, with one [`Cell`] per plan
//! that cites it), totals per directive and per plan, and the
//! [`findings`]. [`render`] writes it as a text table, CSV, Markdown, HTML or
//! JSON.
//!
//! * `digest.rs` — the lightweight record shape read from `.jsonl` lines;
//! * `registry.rs` — the registry of central directives and the type codes,
//!   from the rules when present (the audit works without them);
//! * `build.rs` — the streaming reduction and the matrix;
//! * `input.rs` — JSON Lines, parsed in parallel, folded in order;
//! * `findings.rs` — finding codes, severities, date conflicts;
//! * `render/` — one file per output format.
//!
//! ```
//! use kehoach::audit::{Auditor, Context, Options};
//! let ctx = Context::built_in();
//! let mut auditor = Auditor::new(&ctx, Options::default());
//! auditor.add_line(r#"{"schema":"kehoach.plan/1","source":{"path":"a.txt"},"plan":{"province":"Điện Biên"},
//!   "citations":[{"doc_type":"Nghị quyết","number":"19-NQ/TW","key":"19-NQ/TW@2017-10-25","date":"2017-10-25",
//!   "level":"central","relation":"implements","mentions":[{"span":{"line":9},"text":"Nghị quyết số 19-NQ/TW"}]}]}"#);
//! let audit = auditor.finish();
//! assert_eq!(audit.directives[0].key, "19-NQ/TW@2017-10-25");
//! assert_eq!(audit.directives[0].cells[0].count, 1);
//! ```
//!
//! What this module does not do: extract (records come from the pipeline)
//! or decide what a citation is (the extractor did).

mod build;
pub mod digest;
pub mod findings;
mod input;
pub mod registry;
pub mod render;

use serde::Serialize;

pub use build::Auditor;
pub use findings::{Finding, Place, Severity};
pub use registry::{Context, Registry, TypeCodes};

/// Schema name of the JSON audit.
pub const AUDIT_SCHEMA: &str = "kehoach.audit/1";

/// Which citations become rows of the matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LevelFilter {
    /// `central` only (the default).
    #[default]
    Central,
    /// `provincial` only.
    Provincial,
    /// `district` only.
    District,
    /// Every level.
    All,
}

impl LevelFilter {
    /// Whether a citation of `level` is a row.
    pub fn accepts(self, level: &str) -> bool {
        match self {
            LevelFilter::Central => level == "central",
            LevelFilter::Provincial => level == "provincial",
            LevelFilter::District => level == "district",
            LevelFilter::All => true,
        }
    }

    /// Its name.
    pub fn as_str(self) -> &'static str {
        match self {
            LevelFilter::Central => "central",
            LevelFilter::Provincial => "provincial",
            LevelFilter::District => "district",
            LevelFilter::All => "all",
        }
    }
}

/// What to audit.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Levels that become rows.
    pub level: LevelFilter,
}

/// How a plan cites a document, strongest last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    /// Cited elsewhere in the text.
    Reference,
    /// Cited in the "Căn cứ …" preamble.
    Basis,
    /// Implemented by the plan (title, opening sentence).
    Implements,
}

impl Relation {
    /// From the record's word (anything unknown is a reference).
    pub fn parse(s: &str) -> Relation {
        match s {
            "implements" => Relation::Implements,
            "basis" => Relation::Basis,
            _ => Relation::Reference,
        }
    }

    /// The record's word.
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Implements => "implements",
            Relation::Basis => "basis",
            Relation::Reference => "reference",
        }
    }

    /// One letter for narrow cells: I, B, R.
    pub fn letter(self) -> char {
        match self {
            Relation::Implements => 'I',
            Relation::Basis => 'B',
            Relation::Reference => 'R',
        }
    }
}

/// A column of the matrix: one plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanColumn {
    /// Position in [`Audit::plans`] (what cells and places refer to).
    pub index: usize,
    /// `source.path`.
    pub path: String,
    /// The plan's number, else its file name.
    pub label: String,
    /// The plan's own number.
    pub number: Option<String>,
    /// Province.
    pub province: Option<String>,
    /// ISO date (possibly partial).
    pub date: Option<String>,
    /// "Kế hoạch" …
    pub doc_type: Option<String>,
    /// Trích yếu.
    pub title: Option<String>,
    /// Rows this plan has a cell in.
    pub directives: usize,
    /// Of which implemented.
    pub implements: usize,
    /// Mentions in those cells.
    pub mentions: usize,
    /// Tasks.
    pub tasks: usize,
    /// Tasks without a deadline.
    pub tasks_without_deadline: usize,
}

/// One mention in a cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MentionRef {
    /// Line.
    pub line: u32,
    /// As written (empty when the record has no text).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub text: String,
}

/// A cell of the matrix: how one plan cites one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cell {
    /// Index of the plan.
    pub plan: usize,
    /// The strongest relation of its citations of the document.
    pub relation: Relation,
    /// Number of mentions.
    pub count: usize,
    /// Every mention, in line order.
    pub mentions: Vec<MentionRef>,
    /// True when the plan never dates the document and the row's date comes
    /// from the registry or from the other plans.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub date_inferred: bool,
}

/// Mention counts by relation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ByRelation {
    /// Plans implementing it.
    pub implements: usize,
    /// Plans citing it as basis.
    pub basis: usize,
    /// Plans referring to it.
    pub reference: usize,
}

/// A row of the matrix: one cited document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Directive {
    /// number@date (or the number when never dated).
    pub key: String,
    /// Canonical number.
    pub number: String,
    /// ISO date.
    pub date: Option<String>,
    /// Type word most plans use.
    pub doc_type: String,
    /// Issuer most plans give (else the registry's).
    pub issuer: Option<String>,
    /// `central` …
    pub level: String,
    /// Trích yếu from the registry.
    pub title: Option<String>,
    /// Whether the registry has this key.
    pub in_registry: bool,
    /// Plans citing it.
    pub plans: usize,
    /// Distinct provinces of those plans.
    pub provinces: usize,
    /// Mentions in all plans.
    pub mentions: usize,
    /// Plans by relation.
    pub by_relation: ByRelation,
    /// One cell per citing plan, in plan order.
    pub cells: Vec<Cell>,
}

/// Counts over the whole audit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    /// Plan records audited.
    pub plans: usize,
    /// Error records skipped.
    pub error_records: usize,
    /// Lines that were not records (skipped).
    pub invalid_lines: usize,
    /// Rows of the matrix.
    pub directives: usize,
    /// Distinct provinces among the plans.
    pub provinces: usize,
    /// Findings of severity warning.
    pub warnings: usize,
    /// Findings of severity info.
    pub infos: usize,
}

/// The whole audit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Audit {
    /// [`AUDIT_SCHEMA`].
    pub schema: &'static str,
    /// The level filter used.
    pub level: &'static str,
    /// Registry entries available (0 when the rules have none).
    pub registry_entries: usize,
    /// Where the type-code table came from (`rules` or `built-in`).
    pub type_codes: &'static str,
    /// Counts.
    pub totals: Totals,
    /// The first few unreadable lines (`file:line: error`).
    pub invalid_examples: Vec<String>,
    /// Columns.
    pub plans: Vec<PlanColumn>,
    /// Rows, most cited first.
    pub directives: Vec<Directive>,
    /// Findings, warnings first.
    pub findings: Vec<Finding>,
}
