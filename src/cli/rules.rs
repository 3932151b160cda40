//! `kehoach rules check|list`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use kehoach::rules::{self, RuleSet};

#[derive(Args, Debug)]
pub struct RulesArgs {
    #[command(subcommand)]
    command: RulesCommand,
}

#[derive(Subcommand, Debug)]
enum RulesCommand {
    /// Compile every rule file and run every example and counter-example;
    /// errors are printed as FILE:LINE: ID: message.
    Check {
        /// The rules directory (default: the built-in rules).
        #[arg(long, value_name = "DIR")]
        rules: Option<PathBuf>,
    },
    /// List the rules: id, file:line, description.
    List {
        /// The rules directory (default: the built-in rules).
        #[arg(long, value_name = "DIR")]
        rules: Option<PathBuf>,
    },
}

pub fn run(args: RulesArgs) -> ExitCode {
    match args.command {
        RulesCommand::Check { rules } => {
            let set = match super::load_rules(rules.as_deref()) {
                Ok(s) => s,
                Err(code) => return code,
            };
            let errors = rules::check(&set);
            for e in &errors {
                eprintln!("{e}");
            }
            let (r, v, f) = set.counts();
            if errors.is_empty() {
                println!(
                    "ok: {r} rules, {v} vocabularies, {f} fragments; every example and counter-example passes"
                );
                ExitCode::SUCCESS
            } else {
                eprintln!("{} problem(s) in {r} rules", errors.len());
                ExitCode::from(1)
            }
        }
        RulesCommand::List { rules } => {
            let set: RuleSet = match super::load_rules(rules.as_deref()) {
                Ok(s) => s,
                Err(code) => return code,
            };
            for r in set.rules() {
                println!("{}\trules/{}:{}\t{}", r.id, r.file, r.line, r.description);
            }
            ExitCode::SUCCESS
        }
    }
}
