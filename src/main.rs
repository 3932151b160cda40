//! The `kehoach` binary: parses arguments and calls the library. All logic
//! lives in the library; see `src/cli/` for one file per subcommand.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::main()
}
