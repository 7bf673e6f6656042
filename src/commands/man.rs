//! `kpi man`: the manual page, in roff, on standard output.

use std::process::ExitCode;

use clap::CommandFactory;

use crate::cli::Cli;
use crate::output::write_output;

pub fn run() -> anyhow::Result<ExitCode> {
    let page = clap_mangen::Man::new(Cli::command());
    write_output(None, |out| page.render(out))?;
    Ok(ExitCode::SUCCESS)
}
