use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    kpi::commands::run(kpi::cli::Cli::parse())
}
