//! Error types, one per boundary.
//!
//! * [`DocError`]: one document could not be processed; becomes a
//!   `kehoach.error/1` record and the batch goes on.
//! * [`crate::rules::RuleError`]: a rule file is wrong; reported at start-up
//!   with file:line, all errors collected.
//!
//! Normalization and extraction are total: odd text yields fewer items and
//! warnings, never an error.

use std::fmt;

/// Why a document gave an error record instead of a plan record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum DocErrorKind {
    /// The path could not be read (missing, dangling link, permission).
    Unreadable,
    /// Zero bytes, or only whitespace.
    Empty,
    /// NUL bytes that are not UTF-16: not a text file.
    Binary,
    /// Larger than `--max-bytes`.
    TooLarge,
    /// No candidate encoding decodes it.
    Undecodable,
    /// A bug: processing panicked. Reported, never fatal to the batch.
    Internal,
}

impl DocErrorKind {
    /// The `error` code written in the record.
    pub fn code(self) -> &'static str {
        match self {
            DocErrorKind::Unreadable => "unreadable",
            DocErrorKind::Empty => "empty",
            DocErrorKind::Binary => "binary",
            DocErrorKind::TooLarge => "too-large",
            DocErrorKind::Undecodable => "undecodable",
            DocErrorKind::Internal => "internal",
        }
    }
}

/// A per-document failure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocError {
    /// What kind of failure.
    pub kind: DocErrorKind,
    /// Human-readable explanation.
    pub message: String,
}

impl DocError {
    /// Build an error of `kind`.
    pub fn new(kind: DocErrorKind, message: impl Into<String>) -> Self {
        DocError {
            kind,
            message: message.into(),
        }
    }
}

impl fmt::Display for DocError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind.code(), self.message)
    }
}

impl std::error::Error for DocError {}
