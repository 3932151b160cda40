//! `kehoach bench`: generate a corpus from the bundled plans and time
//! `kehoach extract` on it with 1 and 2 threads (child processes, so each
//! run's peak memory is its own).

use std::path::PathBuf;
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

use clap::Args;
use kehoach::bench;

#[derive(Args, Debug)]
pub struct BenchArgs {
    /// Plans to replicate.
    #[arg(long, value_name = "DIR", default_value = "corpus")]
    corpus: PathBuf,
    /// Total size of the generated corpus in MB.
    #[arg(long, default_value_t = 200)]
    mb: u64,
    /// Number of generated files.
    #[arg(long, default_value_t = 20_000)]
    files: usize,
    /// Thread counts to measure, comma-separated.
    #[arg(short = 'j', long, default_value = "1,2")]
    threads: String,
    /// Runs per thread count (the best is reported).
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// Keep the generated corpus in DIR (default: a temporary directory).
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
}

pub fn run(args: BenchArgs) -> ExitCode {
    let seeds = match bench::read_seeds(&args.corpus) {
        Ok(s) if !s.is_empty() => s,
        Ok(_) | Err(_) => {
            eprintln!("kehoach bench: no plans in {}", args.corpus.display());
            return ExitCode::from(2);
        }
    };
    let tmp = tempfile::tempdir();
    let dir = match (&args.dir, &tmp) {
        (Some(d), _) => d.clone(),
        (None, Ok(t)) => t.path().to_path_buf(),
        (None, Err(e)) => {
            eprintln!("kehoach bench: cannot make a temporary directory: {e}");
            return ExitCode::from(2);
        }
    };
    let total = match bench::generate_corpus(&seeds, &dir, args.mb * 1_000_000, args.files) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("kehoach bench: cannot write the corpus: {e}");
            return ExitCode::from(2);
        }
    };
    let exe = match std::env::current_exe() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("kehoach bench: {e}");
            return ExitCode::from(2);
        }
    };
    println!(
        "corpus: {} files, {:.1} MB in {}",
        args.files,
        total as f64 / 1e6,
        dir.display()
    );
    let mut base = None;
    for j in args
        .threads
        .split(',')
        .filter_map(|t| t.trim().parse::<usize>().ok())
    {
        let mut best: Option<(f64, u64)> = None;
        for _ in 0..args.runs.max(1) {
            let started = Instant::now();
            let out = Command::new(&exe)
                .args(["extract", "-q", "--report-rss", "-j", &j.to_string()])
                .arg(&dir)
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .output();
            let secs = started.elapsed().as_secs_f64();
            let Ok(out) = out else {
                eprintln!("kehoach bench: cannot run {}", exe.display());
                return ExitCode::from(2);
            };
            let stderr = String::from_utf8_lossy(&out.stderr);
            let rss = stderr
                .lines()
                .find_map(|l| l.strip_prefix("peak_rss_kib="))
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(0);
            if best.is_none_or(|(b, _)| secs < b) {
                best = Some((secs, rss));
            }
        }
        let (secs, rss) = best.unwrap_or((f64::NAN, 0));
        let mbs = total as f64 / 1e6 / secs;
        let speedup = base.map(|b: f64| mbs / b).unwrap_or(1.0);
        base.get_or_insert(mbs);
        println!(
            "-j {j}: {secs:.2} s  {mbs:.1} MB/s  {:.0} files/s  peak RSS {:.1} MiB  speed-up {speedup:.2}x",
            args.files as f64 / secs,
            rss as f64 / 1024.0
        );
    }
    ExitCode::SUCCESS
}
