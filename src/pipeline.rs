//! The wiring: one file from bytes to record, stage by stage.
//!
//! source (read, detect, decode) → normalize → rules (scan) → extract →
//! resolve → record. This is the only place that calls the stages in order.

use std::borrow::Cow;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::document::Document;
use crate::document::outline::Outline;
use crate::error::{DocError, DocErrorKind};
use crate::extract::{self, Context};
use crate::normalize;
use crate::record::{ERROR_SCHEMA, ErrorRecord, PLAN_SCHEMA, PlanRecord, Record, SourceInfo};
use crate::resolve;
use crate::rules::RuleSet;
use crate::source::{self, Encoding};

/// Settings that apply to every file of a run.
#[derive(Debug, Clone)]
pub struct Options {
    /// Normalization settings (tone-mark placement).
    pub normalize: normalize::Options,
    /// Force an encoding instead of detecting it.
    pub encoding: Option<Encoding>,
    /// Files larger than this give a `too-large` error record.
    pub max_bytes: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            normalize: normalize::Options::default(),
            encoding: None,
            max_bytes: source::DEFAULT_MAX_BYTES,
        }
    }
}

/// Compiled rules plus options: built once per run, shared by all threads.
#[derive(Debug)]
pub struct Engine {
    /// The rule set.
    pub rules: RuleSet,
    /// Run options.
    pub options: Options,
}

impl Engine {
    /// An engine over `rules`.
    pub fn new(rules: RuleSet, options: Options) -> Self {
        Engine { rules, options }
    }

    /// An engine over the embedded rules with default options.
    pub fn embedded() -> Result<Self, crate::rules::RuleErrors> {
        Ok(Engine::new(RuleSet::embedded()?, Options::default()))
    }
}

/// Lower-case hex of `bytes`.
fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
}

/// Decoded and normalized text of `bytes`, with the source description.
pub struct Prepared<'a> {
    /// The normalized text.
    pub text: Cow<'a, str>,
    /// `source` of the record.
    pub source: SourceInfo,
    /// Decoding warnings.
    pub warnings: Vec<crate::record::Warning>,
}

/// Source and normalize stages only (what `kehoach normalize` prints).
pub fn prepare<'a>(
    path: &str,
    bytes: &'a [u8],
    options: &Options,
) -> Result<Prepared<'a>, DocError> {
    let decoded = source::decode(bytes, options.encoding)?;
    let (text, stats) = normalize::normalize(decoded.text, &options.normalize);
    let sha = hex(&Sha256::digest(bytes));
    Ok(Prepared {
        text,
        source: SourceInfo {
            path: path.to_string(),
            bytes: bytes.len() as u64,
            sha256: sha,
            encoding: decoded.encoding.name().to_string(),
            confidence: decoded.confidence,
            normalization: stats,
        },
        warnings: decoded.warnings,
    })
}

/// Every stage on bytes already read.
pub fn process_bytes(path: &str, bytes: &[u8], engine: &Engine) -> Result<PlanRecord, DocError> {
    let prepared = prepare(path, bytes, &engine.options)?;
    let doc = Document::new(&prepared.text);
    let scan = engine.rules.scan(&doc);
    let outline = Outline::parse(&doc);
    let ctx = Context {
        doc: &doc,
        rules: &engine.rules,
        scan: &scan,
        outline: &outline,
    };
    let mut ex = extract::extract(&ctx);
    resolve::resolve(&ctx, &mut ex);
    let mut warnings = prepared.warnings;
    warnings.append(&mut ex.warnings);
    Ok(PlanRecord {
        schema: PLAN_SCHEMA.to_string(),
        id: prepared.source.sha256[..16].to_string(),
        source: prepared.source,
        plan: ex.plan,
        citations: ex.citations,
        quotas: ex.quotas,
        tasks: ex.tasks,
        deadlines: ex.deadlines,
        bodies: ex.bodies,
        warnings,
    })
}

/// An error record for `path`.
pub fn error_record(path: &str, error: &DocError) -> Record {
    Record::Error(ErrorRecord {
        schema: ERROR_SCHEMA.to_string(),
        path: path.to_string(),
        error: error.kind.code().to_string(),
        message: error.message.clone(),
    })
}

/// Read and process one file. Never fails and never panics: every problem,
/// including a bug that panics, becomes an error record.
pub fn process_path(path: &Path, display: &str, engine: &Engine) -> Record {
    guarded(display, || {
        let bytes = source::read(path, engine.options.max_bytes)?;
        process_bytes(display, &bytes, engine)
    })
}

/// Run `work` for the file `display`, turning an error or a panic into an
/// error record.
fn guarded(display: &str, work: impl FnOnce() -> Result<PlanRecord, DocError>) -> Record {
    match catch_unwind(AssertUnwindSafe(work)) {
        Ok(Ok(plan)) => Record::Plan(Box::new(plan)),
        Ok(Err(e)) => error_record(display, &e),
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            error_record(
                display,
                &DocError::new(
                    DocErrorKind::Internal,
                    format!("internal error (a bug): {what}"),
                ),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_internal_error_record() {
        let rec = guarded("x.txt", || panic!("boom"));
        match rec {
            Record::Error(e) => {
                assert_eq!(e.error, "internal");
                assert!(e.message.contains("boom"));
                assert_eq!(e.path, "x.txt");
            }
            Record::Plan(_) => panic!("expected an error record"),
        }
    }

    #[test]
    fn hex_and_id() {
        assert_eq!(hex(&[0x00, 0xab, 0xff]), "00abff");
        let engine = Engine::embedded().unwrap();
        let rec = process_bytes("x.txt", "Kế hoạch".as_bytes(), &engine).unwrap();
        assert_eq!(rec.id.len(), 16);
        assert_eq!(rec.source.sha256.len(), 64);
        assert!(rec.source.sha256.starts_with(&rec.id));
        assert_eq!(rec.source.encoding, "utf-8");
    }
}
