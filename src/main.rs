//! The `copyedit` binary: parse arguments, run, map the outcome to an exit code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = copyedit::cli::Cli::parse();
    ExitCode::from(copyedit::cli::run::run(cli) as u8)
}
