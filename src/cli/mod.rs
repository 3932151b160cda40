//! Command-line interface: argument definitions (clap) and dispatch. One
//! file per subcommand; each turns its arguments into library calls and an
//! exit status (0 success, 1 some files gave error records or a check
//! failed, 2 usage, rule or output errors — as ripgrep does).

mod audit;
mod bench;
mod detect;
mod eval;
mod explain;
mod extract;
mod normalize;
mod rules;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use kehoach::normalize::ToneStyle;
use kehoach::pipeline::{Engine, Options};
use kehoach::rules::RuleSet;
use kehoach::source::Encoding;

/// Extract cited documents, quotas, tasks, bodies and deadlines from
/// Vietnamese plan documents into kehoach.plan/1 JSON records.
#[derive(Parser, Debug)]
#[command(name = "kehoach", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract one record per plan file (JSON Lines on stdout or -o FILE).
    Extract(extract::ExtractArgs),
    /// Print the normalized text of a file (what spans point into).
    Normalize(normalize::NormalizeArgs),
    /// Print the detected encoding of each file: path, encoding, confidence
    /// (tab-separated).
    Detect(detect::DetectArgs),
    /// Work with rule files.
    Rules(rules::RulesArgs),
    /// Measure end-to-end throughput and peak memory on a generated corpus.
    Bench(bench::BenchArgs),
    /// Score records against gold files (--gold DIR) and/or list what
    /// changed since a baseline run (--diff BASELINE.jsonl).
    Eval(eval::EvalArgs),
    /// Show a file's lines with their items, the rules that produced them,
    /// and the rule matches (with captures) that produced nothing.
    Explain(explain::ExplainArgs),
    /// Which plans cite which central directives, and where they disagree:
    /// the directive matrix and findings (table, csv, md, html, json).
    Audit(audit::AuditArgs),
}

/// Options shared by every command that reads plans.
#[derive(Args, Debug, Clone)]
pub struct EngineArgs {
    /// Use the rule files in DIR instead of the built-in ones.
    #[arg(long, value_name = "DIR")]
    rules: Option<PathBuf>,
    /// Force the input encoding instead of detecting it (utf-8, utf-16le,
    /// utf-16be, windows-1258, tcvn3, vni, viscii, tcvn5712-1, viqr,
    /// utf-8-mojibake).
    #[arg(long, value_name = "NAME")]
    encoding: Option<Encoding>,
    /// Tone-mark placement for oa/oe/uy: old ("hòa", default), new ("hoà"),
    /// or keep.
    #[arg(long, value_name = "STYLE", default_value = "old")]
    tone: ToneStyle,
    /// Files larger than this many bytes give a too-large error record.
    #[arg(long, value_name = "BYTES", default_value_t = kehoach::source::DEFAULT_MAX_BYTES)]
    max_bytes: u64,
}

impl EngineArgs {
    fn options(&self) -> Options {
        Options {
            normalize: kehoach::normalize::Options { tone: self.tone },
            encoding: self.encoding,
            max_bytes: self.max_bytes,
        }
    }

    /// Load the rules and build the engine, or print the rule errors.
    fn engine(&self) -> Result<Engine, ExitCode> {
        load_rules(self.rules.as_deref()).map(|rules| Engine::new(rules, self.options()))
    }
}

/// Print `kehoach: MSG` and give the status for usage and I/O errors.
fn fail(msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("kehoach: {msg}");
    ExitCode::from(2)
}

/// Whether a PATH argument names records to read (`.jsonl`, or `-` for
/// standard input) rather than plans to extract.
fn is_records_file(p: &std::path::Path) -> bool {
    p.as_os_str() == "-"
        || !p.is_dir()
            && p.extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("jsonl"))
}

/// The worker pool of `-j N` (0 or none: all cores).
fn thread_pool(threads: Option<usize>) -> Result<rayon::ThreadPool, ExitCode> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads.unwrap_or(0))
        .build()
        .map_err(|e| fail(format!("cannot start worker threads: {e}")))
}

fn load_rules(dir: Option<&std::path::Path>) -> Result<RuleSet, ExitCode> {
    let loaded = match dir {
        Some(d) => RuleSet::load_dir(d),
        None => RuleSet::embedded(),
    };
    loaded.map_err(|errors| {
        eprintln!("kehoach: the rule files have errors:\n{errors}");
        ExitCode::from(2)
    })
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match cli.command {
        Command::Extract(a) => extract::run(a),
        Command::Normalize(a) => normalize::run(a),
        Command::Detect(a) => detect::run(a),
        Command::Rules(a) => rules::run(a),
        Command::Bench(a) => bench::run(a),
        Command::Eval(a) => eval::run(a),
        Command::Explain(a) => explain::run(a),
        Command::Audit(a) => audit::run(a),
    }
}
