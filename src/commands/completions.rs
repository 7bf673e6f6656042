//! `kpi completions SHELL`: the shell's completion script on standard output.

use std::process::ExitCode;

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use crate::output::write_output;

pub fn run(args: &CompletionsArgs) -> anyhow::Result<ExitCode> {
    let mut command = Cli::command();
    // Generated whole first: the generator panics on a write that fails
    // (a closed pipe, a full disk), which writing it out afterwards handles.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "kpi", &mut script);
    write_output(None, |out| out.write_all(&script))?;
    Ok(ExitCode::SUCCESS)
}
