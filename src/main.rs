use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    kpi::app::run(kpi::cli::Cli::parse())
}
