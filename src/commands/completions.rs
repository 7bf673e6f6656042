//! `kpi completions SHELL`: the shell's completion script on standard output.

use std::process::ExitCode;

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use crate::output::write_output;

pub fn run(args: &CompletionsArgs) -> anyhow::Result<ExitCode> {
    let mut command = Cli::command();
    write_output(None, |out| {
        clap_complete::generate(args.shell, &mut command, "kpi", out);
        Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}
