//! # kehoach
//!
//! Turns Vietnamese provincial plan documents ("Kế hoạch" of UBND tỉnh /
//! Tỉnh ủy) into structured `kehoach.plan/1` records: cited documents,
//! numeric quotas, tasks with their lead and supporting bodies, deadlines.
//!
//! The pipeline, one module per stage, data flowing one way:
//!
//! 1. [`source`] — read bytes, detect the encoding, decode;
//! 2. [`normalize`] — NFC, one tone-mark placement, invisible and look-alike
//!    characters, markup remnants (line breaks are never added or removed);
//! 3. [`document`] — line index and the joined view of soft line breaks;
//! 4. [`rules`] — rule files (data under `rules/`), compiled once;
//! 5. [`extract`] — one extractor per record section;
//! 6. [`resolve`] — joins across sections;
//! 7. [`record`] — the output types; [`output`] writes them.
//!
//! [`pipeline`] wires the stages for one file; [`batch`] runs many files in
//! parallel with deterministic output order. Downstream of the records,
//! [`eval`] scores them against gold files and [`audit`] reports which plans
//! cite which central directives and where they disagree.
//!
//! ```
//! use kehoach::pipeline::{Engine, process_bytes};
//! let engine = Engine::embedded().unwrap();
//! let record = process_bytes("plan.txt", "KẾ HOẠCH\nTriển khai thực hiện".as_bytes(), &engine).unwrap();
//! assert_eq!(record.schema, "kehoach.plan/1");
//! ```
#![deny(missing_docs)]

pub mod audit;
pub mod batch;
pub mod bench;
pub mod document;
pub mod error;
pub mod eval;
pub mod extract;
pub mod normalize;
pub mod output;
pub mod pipeline;
pub mod record;
pub mod resolve;
pub mod rules;
pub mod source;
