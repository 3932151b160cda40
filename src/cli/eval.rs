//! `kehoach eval`: score against gold files, compare with a baseline run.

use std::io::{self, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use kehoach::batch::{self, Selection};
use kehoach::eval::{self, Predictions, Thresholds};
use kehoach::record::Record;
use serde_json::Value;

use super::{EngineArgs, fail, is_records_file, thread_pool};

#[derive(Args, Debug)]
pub struct EvalArgs {
    /// Records to judge: `.jsonl` files of records (`-`: standard input),
    /// or plan files and directories to extract now (as `kehoach extract`
    /// takes them).
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Score the records against the gold files (*.json) in DIR; records
    /// match gold files by the base name of source.path.
    #[arg(long, value_name = "DIR")]
    gold: Option<PathBuf>,
    /// Compare with a previous run (JSON Lines of records): per file and
    /// section, the items gained, lost and changed (field old -> new).
    #[arg(long, value_name = "BASELINE.jsonl")]
    diff: Option<PathBuf>,
    /// With --gold: list every missed, spurious and wrong item with its line.
    #[arg(short, long)]
    verbose: bool,
    /// Machine output: the keys of score.py --json (with --diff, the diff).
    #[arg(long)]
    json: bool,
    /// With --gold: minimum scores, SECTION=MIN[,...]: a section's F1
    /// (citations, quotas, deadlines, tasks, bodies), plan= (plan accuracy),
    /// macro= (macro F1). Exit 1 when one is not met.
    #[arg(long, value_name = "LIST")]
    min_f1: Vec<String>,
    /// Also write the records judged to FILE (JSON Lines), e.g. as the
    /// baseline of the next --diff.
    #[arg(long, value_name = "FILE")]
    save: Option<PathBuf>,
    /// Extensions taken from directories.
    #[arg(long, value_name = "LIST", default_value = "txt,md,text,")]
    ext: String,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long, value_name = "N")]
    threads: Option<usize>,
    /// Print records built from the gold files (degraded with SEED; 0 is
    /// perfect) instead of judging anything: test data for the scorer.
    #[arg(long, value_name = "SEED", hide = true)]
    synthetic: Option<u64>,
    #[command(flatten)]
    engine: EngineArgs,
}

fn read_records(path: &Path) -> Result<Vec<Value>, String> {
    if path.as_os_str() == "-" {
        return eval::read_jsonl(io::stdin().lock()).map_err(|e| format!("stdin: {e}"));
    }
    let f = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    eval::read_jsonl(BufReader::new(f)).map_err(|e| format!("{}: {e}", path.display()))
}

/// The records judged: read from `.jsonl` PATHs, extracted from the others.
fn current_records(args: &EvalArgs) -> Result<Vec<Value>, ExitCode> {
    let (jsonl, plans): (Vec<PathBuf>, Vec<PathBuf>) =
        args.paths.iter().cloned().partition(|p| is_records_file(p));
    let mut records = Vec::new();
    for p in &jsonl {
        records.extend(read_records(p).map_err(fail)?);
    }
    if plans.is_empty() {
        return Ok(records);
    }
    let engine = args.engine.engine()?;
    let inputs = batch::collect_inputs(&plans, &Selection::from_list(&args.ext));
    let pool = thread_pool(args.threads)?;
    let summary = batch::run(
        &inputs,
        &engine,
        &pool,
        |r: &Record| {
            records.push(eval::record_value(r));
            Ok::<(), ()>(())
        },
        |_, _| {},
    )
    .map_err(|_| ExitCode::from(2))?;
    if summary.errors > 0 {
        eprintln!(
            "kehoach: {} of {} files gave error records (not scored)",
            summary.errors,
            inputs.len()
        );
    }
    Ok(records)
}

fn save(path: &Path, records: &[Value]) -> io::Result<()> {
    let mut f = kehoach::output::AtomicFile::create(path)?;
    let mut w = io::BufWriter::new(&mut f);
    for r in records {
        serde_json::to_writer(&mut w, r)?;
        w.write_all(b"\n")?;
    }
    w.flush()?;
    drop(w);
    f.commit()
}

fn print(s: &str) -> ExitCode {
    let mut out = io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => fail(format!("cannot write output: {e}")),
    }
}

pub fn run(args: EvalArgs) -> ExitCode {
    let mut thresholds = Thresholds::default();
    for list in &args.min_f1 {
        if let Err(e) = thresholds.parse_list(list) {
            return fail(format!("--min-f1: {e}"));
        }
    }
    let golds = match &args.gold {
        Some(dir) => match eval::gold::load_dir(dir) {
            Ok(g) => Some(g),
            Err(e) => return fail(format!("cannot read gold files: {e}")),
        },
        None => None,
    };
    if let Some(seed) = args.synthetic {
        let Some(golds) = &golds else {
            return fail("--synthetic needs --gold DIR");
        };
        let mut s = String::new();
        for r in eval::synth::records(golds, "corpus", seed) {
            s.push_str(&serde_json::to_string(&r).expect("records serialize"));
            s.push('\n');
        }
        return print(&s);
    }
    if golds.is_none() && args.diff.is_none() {
        return fail("nothing to do: give --gold DIR and/or --diff BASELINE.jsonl");
    }
    if golds.is_none() && !thresholds.0.is_empty() {
        return fail("--min-f1 needs --gold DIR");
    }
    if args.paths.is_empty() {
        return fail("no records: give .jsonl files or plan files/directories");
    }
    let records = match current_records(&args) {
        Ok(r) => r,
        Err(code) => return code,
    };
    if let Some(path) = &args.save
        && let Err(e) = save(path, &records)
    {
        return fail(format!("cannot write {}: {e}", path.display()));
    }
    let mut out = String::new();
    let mut json = serde_json::Map::new();
    if let Some(base) = &args.diff {
        let baseline = match read_records(base) {
            Ok(b) => b,
            Err(e) => return fail(e),
        };
        let d = eval::diff::diff(&baseline, &records);
        if args.json {
            json.insert(
                "diff".into(),
                serde_json::to_value(&d).expect("diff serializes"),
            );
        } else {
            out.push_str(&d.render());
        }
    }
    let mut failures = Vec::new();
    if let Some(golds) = &golds {
        let mut preds = Predictions::default();
        for r in records {
            preds.insert(r);
        }
        let scores = eval::evaluate(golds, &preds);
        failures = scores.check(&thresholds);
        if args.json && args.diff.is_none() {
            out.push_str(&scores.to_json());
            out.push('\n');
        } else if args.json {
            json.insert(
                "scores".into(),
                serde_json::to_value(&scores).expect("scores serialize"),
            );
        } else {
            if args.diff.is_some() {
                out.push('\n');
            }
            out.push_str(&scores.render(args.verbose));
        }
    }
    if !json.is_empty() {
        out.push_str(&serde_json::to_string_pretty(&json).expect("JSON"));
        out.push('\n');
    }
    let code = print(&out);
    if !failures.is_empty() {
        for f in &failures {
            eprintln!("kehoach: threshold not met: {f}");
        }
        return ExitCode::from(1);
    }
    code
}
