//! `kehoach detect`: the encoding of each file, for sorting an archive.
//!
//! One line per file: path, encoding (or `error:<code>`), confidence,
//! tab-separated; files that cannot be read or are binary or empty are
//! listed with their error code (details on stderr) and make the exit
//! status 1. The detection itself is `kehoach::source::identify_path`.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use kehoach::batch::{self, Selection};
use kehoach::source;

#[derive(Args, Debug)]
pub struct DetectArgs {
    /// Files and directories (searched recursively).
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<PathBuf>,
    /// Extensions taken from directories (an empty item or "none" takes files
    /// with no extension).
    #[arg(long, value_name = "LIST", default_value = "txt,md,text,")]
    ext: String,
    /// Files larger than this many bytes are reported as too-large.
    #[arg(long, value_name = "BYTES", default_value_t = source::DEFAULT_MAX_BYTES)]
    max_bytes: u64,
}

pub fn run(args: DetectArgs) -> ExitCode {
    let inputs = batch::collect_inputs(&args.paths, &Selection::from_list(&args.ext));
    let mut out = io::stdout().lock();
    let mut failed = false;
    for input in inputs {
        let line = match source::identify_path(&input.path, args.max_bytes) {
            Ok(d) => format!("{}\t{}\t{:.3}\n", input.display, d.encoding, d.confidence),
            Err(e) => {
                failed = true;
                eprintln!("kehoach: {}: {e}", input.display);
                format!("{}\terror:{}\t0.000\n", input.display, e.kind.code())
            }
        };
        match out.write_all(line.as_bytes()) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("kehoach: cannot write output: {e}");
                return ExitCode::from(2);
            }
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
