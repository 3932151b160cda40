//! `kehoach normalize`.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use kehoach::{normalize, source};

use super::EngineArgs;

#[derive(Args, Debug)]
pub struct NormalizeArgs {
    /// The plan file.
    file: PathBuf,
    /// List every change with its line instead of printing the text.
    #[arg(long)]
    explain: bool,
    #[command(flatten)]
    engine: EngineArgs,
}

pub fn run(args: NormalizeArgs) -> ExitCode {
    let options = args.engine.options();
    let bytes = match source::read(&args.file, options.max_bytes) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("kehoach: {}: {e}", args.file.display());
            return ExitCode::from(1);
        }
    };
    let decoded = match source::decode(&bytes, options.encoding) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("kehoach: {}: {e}", args.file.display());
            return ExitCode::from(1);
        }
    };
    let mut out = io::stdout().lock();
    let written = if args.explain {
        let (_, stats, changes) = normalize::normalize_explained(&decoded.text, &options.normalize);
        let mut s = format!(
            "# encoding: {} (confidence {:.2})\n",
            decoded.encoding, decoded.confidence
        );
        for c in &changes {
            s.push_str(&format!(
                "{}: {}: {} -> {}\n",
                c.line, c.step, c.before, c.after
            ));
        }
        s.push_str(&format!(
            "# nfc={} tone_marks={} replaced={} markup={} line_endings={}\n",
            stats.nfc, stats.tone_marks, stats.replaced, stats.markup, stats.line_endings
        ));
        out.write_all(s.as_bytes())
    } else {
        let (text, _) = normalize::normalize(decoded.text, &options.normalize);
        out.write_all(text.as_bytes())
    };
    match written.and_then(|_| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kehoach: cannot write output: {e}");
            ExitCode::from(2)
        }
    }
}
