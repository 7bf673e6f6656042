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

use std::process::ExitCode;

use crate::cli::{Cli, Command};
use crate::diagnostic::{to_stderr, Diagnostic, Diagnostics};
use crate::error::UsageError;

/// Exit status for unusable input or a usage error.
pub const EXIT_INPUT: u8 = 2;

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
