//! `kehoach audit`: which plans cite which central directives, and where
//! they disagree.

use std::fs::File;
use std::io::{self, BufReader, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use kehoach::audit::render::{self, Format, RenderOptions};
use kehoach::audit::{Auditor, Context, LevelFilter, Options, digest::Digest};
use kehoach::batch::{self, Selection};
use kehoach::output::AtomicFile;

use super::{EngineArgs, fail, is_records_file, thread_pool};

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    /// Plain text for a terminal.
    Table,
    /// One row per (directive, plan) cell; UTF-8 BOM, quoted, CRLF.
    Csv,
    /// Markdown tables and a findings list.
    Md,
    /// One self-contained page: heat map, findings, mention lines.
    Html,
    /// The whole audit for machines (kehoach.audit/1).
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum LevelArg {
    Central,
    Provincial,
    District,
    All,
}

#[derive(Args, Debug)]
pub struct AuditArgs {
    /// `.jsonl` files of records ("-" for stdin; streamed, error records
    /// are skipped and counted), or plan files and directories (extracted
    /// now).
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: FormatArg,
    /// Write to FILE (atomically: it appears only when complete).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Citation levels that become rows of the matrix.
    #[arg(long, value_enum, default_value = "central")]
    level: LevelArg,
    /// table and md: above this many plans, one line per directive instead
    /// of the full matrix.
    #[arg(long, value_name = "N", default_value_t = 12)]
    max_columns: usize,
    /// Extensions taken from directories.
    #[arg(long, value_name = "LIST", default_value = "txt,md,text,")]
    ext: String,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long, value_name = "N")]
    threads: Option<usize>,
    #[command(flatten)]
    engine: EngineArgs,
}

pub fn run(args: AuditArgs) -> ExitCode {
    let (jsonl, plans): (Vec<PathBuf>, Vec<PathBuf>) =
        args.paths.iter().cloned().partition(|p| is_records_file(p));
    // The rules give the registry and the type codes; the engine is only
    // built when there are plans to extract.
    let rules = match super::load_rules(args.engine.rules.as_deref()) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let ctx = Context::from_rules(&rules);
    let pool = match thread_pool(args.threads) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let level = match args.level {
        LevelArg::Central => LevelFilter::Central,
        LevelArg::Provincial => LevelFilter::Provincial,
        LevelArg::District => LevelFilter::District,
        LevelArg::All => LevelFilter::All,
    };
    let mut auditor = Auditor::new(&ctx, Options { level });
    for p in &jsonl {
        let read = if p.as_os_str() == "-" {
            auditor.add_jsonl(io::stdin().lock(), "stdin", &pool)
        } else {
            File::open(p)
                .and_then(|f| auditor.add_jsonl(BufReader::new(f), &p.display().to_string(), &pool))
        };
        if let Err(e) = read {
            return fail(format!("{}: {e}", p.display()));
        }
    }
    if !plans.is_empty() {
        let engine = kehoach::pipeline::Engine::new(rules, args.engine.options());
        let inputs = batch::collect_inputs(&plans, &Selection::from_list(&args.ext));
        let ran = batch::run(
            &inputs,
            &engine,
            &pool,
            |r| {
                auditor.add(Digest::from_record(r));
                Ok::<(), ()>(())
            },
            |_, _| {},
        );
        if ran.is_err() {
            return ExitCode::from(2);
        }
    }
    let audit = auditor.finish();
    let t = &audit.totals;
    if t.error_records > 0 || t.invalid_lines > 0 {
        eprintln!(
            "kehoach: skipped {} error records and {} unreadable lines",
            t.error_records, t.invalid_lines
        );
        for e in &audit.invalid_examples {
            eprintln!("  {e}");
        }
    }
    let format = match args.format {
        FormatArg::Table => Format::Table,
        FormatArg::Csv => Format::Csv,
        FormatArg::Md => Format::Md,
        FormatArg::Html => Format::Html,
        FormatArg::Json => Format::Json,
    };
    let opts = RenderOptions {
        max_columns: args.max_columns,
        ..RenderOptions::default()
    };
    let written = match &args.output {
        Some(dest) => AtomicFile::create(dest).and_then(|mut f| {
            let mut w = io::BufWriter::new(&mut f);
            render::render(&audit, format, &opts, &mut w)?;
            w.flush()?;
            drop(w);
            f.commit()
        }),
        None => {
            let mut w = io::BufWriter::new(io::stdout().lock());
            render::render(&audit, format, &opts, &mut w).and_then(|_| w.flush())
        }
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => fail(format!("cannot write output: {e}")),
    }
}
