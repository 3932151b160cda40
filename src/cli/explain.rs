//! `kehoach explain`: the items of a line, the rules that made them, and the
//! rule matches that made nothing.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use kehoach::eval::explain::{self, Lines};
use kehoach::source;

use super::EngineArgs;

#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// The plan file.
    file: PathBuf,
    /// Explain this line only (1-based), whatever it holds.
    #[arg(long, value_name = "N")]
    line: Option<u32>,
    /// Also show lines where rules matched but no item was made.
    #[arg(long, conflicts_with = "line")]
    all: bool,
    /// Machine output (JSON).
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    engine: EngineArgs,
}

pub fn run(args: ExplainArgs) -> ExitCode {
    let engine = match args.engine.engine() {
        Ok(e) => e,
        Err(code) => return code,
    };
    let display = args.file.to_string_lossy().into_owned();
    let bytes = match source::read(&args.file, engine.options.max_bytes) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("kehoach: {display}: {e}");
            return ExitCode::from(2);
        }
    };
    let lines = match (args.line, args.all) {
        (Some(n), _) => Lines::One(n),
        (None, true) => Lines::WithMatches,
        (None, false) => Lines::WithItems,
    };
    let ex = match explain::explain_bytes(&display, &bytes, &engine, lines) {
        Ok(ex) => ex,
        Err(e) => {
            eprintln!("kehoach: {display}: {e}");
            return ExitCode::from(2);
        }
    };
    if let Some(n) = args.line
        && (n == 0 || n as usize > ex.line_count)
    {
        eprintln!(
            "kehoach: {display}: no line {n} (the normalized text has {} lines)",
            ex.line_count
        );
        return ExitCode::from(2);
    }
    let text = if args.json {
        serde_json::to_string_pretty(&ex).expect("explanation serializes") + "\n"
    } else {
        ex.render()
    };
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kehoach: cannot write output: {e}");
            ExitCode::from(2)
        }
    }
}
