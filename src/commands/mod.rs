//! One file per subcommand; [`run`] picks the one asked for and turns its
//! outcome into an exit status.

pub mod check;
pub mod completions;
pub mod eval;
pub mod explain;
pub mod import;
pub mod man;
pub mod needs;
pub mod shared;
pub mod template;

use std::io::IsTerminal;
use std::process::ExitCode;

use crate::cli::{Cli, Command};
use crate::diagnostic::{to_stderr, Diagnostic, Diagnostics};
use crate::error::UsageError;

/// Exit status for unusable input or a usage error.
pub const EXIT_INPUT: u8 = 2;

/// Parses the command line and runs it. Help and version go to standard
/// output and a mistake in the arguments to standard error, each written so
/// that a failure to write is an exit status rather than a panic or a
/// silent success (`kpi --help > /dev/full` fails).
pub fn main() -> ExitCode {
    use clap::Parser;
    match Cli::try_parse() {
        Ok(cli) => run(cli),
        Err(e) => {
            let styled = e.render();
            let shown = |terminal: bool| if terminal { styled.ansi().to_string() } else { styled.to_string() };
            if e.use_stderr() {
                to_stderr(&shown(std::io::stderr().is_terminal()).trim_end());
                ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(EXIT_INPUT))
            } else {
                let text = shown(std::io::stdout().is_terminal());
                match crate::output::write_stdout(|out| out.write_all(text.as_bytes())) {
                    Ok(()) => ExitCode::SUCCESS,
                    Err(e) => {
                        to_stderr(&format_args!("kpi: {e:#}"));
                        ExitCode::FAILURE
                    }
                }
            }
        }
    }
}

/// Runs the command and turns its outcome into an exit status. Every
/// diagnostic the command leaves in the collector goes to standard error, in
/// the order found; then the error that stopped it, if any.
pub fn run(cli: Cli) -> ExitCode {
    // `kpi check` lists every problem; the others stop at the first error.
    let mut diagnostics = match cli.command {
        Command::Check(_) => Diagnostics::reading_on(),
        _ => Diagnostics::stopping_at_first_error(),
    };
    let result = match cli.command {
        Command::Eval(args) => eval::run(&args, &mut diagnostics),
        Command::Check(args) => check::run(&args, &mut diagnostics),
        Command::Template(args) => template::run(&args, &mut diagnostics),
        Command::Explain(args) => explain::run(&args, &mut diagnostics),
        Command::Needs(args) => needs::run(&args, &mut diagnostics),
        Command::Import(args) => import::run(&args, &mut diagnostics),
        Command::Completions(args) => completions::run(&args),
        Command::Man => man::run(),
    };
    // The error that stopped a command is shown once, last, as it returned it.
    let stopped = result.is_err();
    for d in diagnostics.iter().filter(|d| !(stopped && d.is_error())) {
        to_stderr(d);
    }
    match result {
        Ok(code) => code,
        Err(e) => match e.downcast_ref::<Diagnostic>() {
            Some(d) => {
                to_stderr(&d.refusal());
                ExitCode::from(EXIT_INPUT)
            }
            None => {
                to_stderr(&format_args!("kpi: {e:#}"));
                if e.downcast_ref::<UsageError>().is_some() {
                    ExitCode::from(EXIT_INPUT)
                } else {
                    ExitCode::FAILURE
                }
            }
        },
    }
}
