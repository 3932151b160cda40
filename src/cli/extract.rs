//! `kehoach extract`.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use kehoach::batch::{self, Selection};
use kehoach::output::{AtomicFile, Format, RecordWriter};

use super::EngineArgs;

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    Jsonl,
    Json,
}

#[derive(Args, Debug)]
pub struct ExtractArgs {
    /// Plan files and directories (searched recursively).
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Read more paths, one per line, from FILE ("-" for stdin).
    #[arg(long, value_name = "FILE")]
    files_from: Option<PathBuf>,
    /// Extensions taken from directories (an empty item or "none" takes files
    /// with no extension).
    #[arg(long, value_name = "LIST", default_value = "txt,md,text,")]
    ext: String,
    /// Write to FILE (atomically: it appears only when complete).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long, value_name = "N")]
    threads: Option<usize>,
    /// jsonl (one record per line) or json (one pretty array).
    #[arg(long, value_enum, default_value = "jsonl")]
    format: FormatArg,
    /// No progress bar.
    #[arg(short, long)]
    quiet: bool,
    /// Print the peak resident memory to stderr at the end (for benchmarks).
    #[arg(long, hide = true)]
    report_rss: bool,
    #[command(flatten)]
    engine: EngineArgs,
}

pub fn run(args: ExtractArgs) -> ExitCode {
    let engine = match args.engine.engine() {
        Ok(e) => e,
        Err(code) => return code,
    };
    let mut paths = args.paths.clone();
    if let Some(list) = &args.files_from {
        let read = if list.as_os_str() == "-" {
            batch::read_path_list(io::stdin().lock())
        } else {
            std::fs::File::open(list).and_then(|f| batch::read_path_list(io::BufReader::new(f)))
        };
        match read {
            Ok(mut more) => paths.append(&mut more),
            Err(e) => {
                eprintln!("kehoach: cannot read path list {}: {e}", list.display());
                return ExitCode::from(2);
            }
        }
    }
    if paths.is_empty() {
        eprintln!("kehoach: no input: give PATHs or --files-from");
        return ExitCode::from(2);
    }
    let inputs = batch::collect_inputs(&paths, &Selection::from_list(&args.ext));
    let pool = match super::thread_pool(args.threads) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let format = match args.format {
        FormatArg::Jsonl => Format::Jsonl,
        FormatArg::Json => Format::Json,
    };
    let bar = progress_bar(inputs.len() as u64, args.quiet);
    let started = Instant::now();
    let on_progress = |files: usize, bytes: u64| {
        if let Some(b) = &bar {
            b.set_position(files as u64);
            let secs = started.elapsed().as_secs_f64().max(1e-9);
            b.set_message(format!("{:.1} MB/s", bytes as f64 / 1e6 / secs));
        }
    };

    let result = match &args.output {
        Some(dest) => AtomicFile::create(dest).and_then(|file| {
            let mut w = RecordWriter::new(file, format);
            let summary = batch::run(&inputs, &engine, &pool, |r| w.write(r), on_progress)?;
            w.finish()?.commit()?;
            Ok(summary)
        }),
        None => {
            let stdout = io::stdout();
            let mut w = RecordWriter::new(stdout.lock(), format);
            batch::run(&inputs, &engine, &pool, |r| w.write(r), on_progress)
                .and_then(|s| w.finish().and_then(|mut o| o.flush()).map(|_| s))
        }
    };
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    if args.report_rss {
        eprintln!(
            "peak_rss_kib={}",
            kehoach::bench::peak_rss_kib().unwrap_or(0)
        );
    }
    match result {
        Ok(summary) => {
            if summary.errors > 0 {
                if !args.quiet {
                    eprintln!(
                        "kehoach: {} of {} files gave error records",
                        summary.errors,
                        inputs.len()
                    );
                }
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        // A closed pipe (`| head`) is a normal way to stop reading.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kehoach: cannot write output: {e}");
            ExitCode::from(2)
        }
    }
}

fn progress_bar(total: u64, quiet: bool) -> Option<ProgressBar> {
    if quiet || !io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::new(total);
    if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} files  {msg}  ETA {eta}")
    {
        bar.set_style(style);
    }
    Some(bar)
}
