//! Runs a parsed command line: reads the inputs, evaluates, renders.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::actuals::Actuals;
use crate::cli::{Cli, Command, EvalArgs, FormatArg, InputArgs, MissingArg, NumberFormatArg, ScoringArg};
use crate::error::{InputError, UsageError};
use crate::evaluate::{evaluate, MissingPolicy, Options};
use crate::inputs::read_plan;
use crate::output::write_output;
use crate::plan::{Plan, PlanOptions};
use crate::report::Format;
use crate::score::{Method, Scoring};
use crate::value::NumberFormat;

/// Exit status for unusable input or a usage error.
pub const EXIT_INPUT: u8 = 2;

/// Runs the command and turns its outcome into an exit status, printing
/// errors and warnings on standard error.
pub fn run(cli: Cli) -> ExitCode {
    let mut warnings = Vec::new();
    let result = match cli.command {
        Command::Eval(args) => eval(&args, &mut warnings),
    };
    for w in &warnings {
        eprintln!("{w}");
    }
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("kpi: {e:#}");
            if e.downcast_ref::<InputError>().is_some() || e.downcast_ref::<UsageError>().is_some() {
                ExitCode::from(EXIT_INPUT)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}

impl InputArgs {
    pub fn number_format(&self) -> Option<NumberFormat> {
        self.number_format.map(|f| match f {
            NumberFormatArg::It => NumberFormat::Italian,
            NumberFormatArg::En => NumberFormat::English,
        })
    }

    pub fn read_plan(&self, warnings: &mut Vec<String>) -> Result<Plan, InputError> {
        read_plan(&self.plan, PlanOptions { number_format: self.number_format() }, warnings)
    }

    /// The actuals: the paths given, or the `actuals/` folder by default.
    pub fn read_actuals(&self, warnings: &mut Vec<String>) -> Result<Actuals, InputError> {
        let paths = if self.actuals.is_empty() { vec![PathBuf::from("actuals")] } else { self.actuals.clone() };
        Actuals::read_paths(&paths, self.number_format(), warnings)
    }
}

/// The format to write: as asked, or by the output file's extension, or a
/// table on a terminal and CSV in a pipe.
fn output_format(format: FormatArg, output: Option<&std::path::Path>) -> Result<Format, UsageError> {
    Ok(match format {
        FormatArg::Table => Format::Table,
        FormatArg::Csv => Format::Csv,
        FormatArg::Tsv => Format::Tsv,
        FormatArg::Json => Format::Json,
        FormatArg::Md => Format::Markdown,
        FormatArg::Auto => match output {
            Some(path) => Format::from_extension(path).ok_or_else(|| {
                UsageError(format!(
                    "-o {}: cannot tell the format from the extension; name the file .csv, .tsv, .json, .md or .txt, or give --format",
                    path.display()
                ))
            })?,
            None if std::io::stdout().is_terminal() => Format::Table,
            None => Format::Csv,
        },
    })
}

/// The terminal's width in columns, where standard output is a terminal.
fn terminal_width() -> Option<u16> {
    if !std::io::stdout().is_terminal() {
        return None;
    }
    std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()).or_else(|| comfy_table::Table::new().width())
}

fn eval(args: &EvalArgs, warnings: &mut Vec<String>) -> anyhow::Result<ExitCode> {
    let format = output_format(args.format, args.output.as_deref())?;
    let plan = args.inputs.read_plan(warnings)?;
    let actuals = args.inputs.read_actuals(warnings)?;
    let options = Options {
        scoring: Scoring {
            method: match args.scoring {
                ScoringArg::Ratio => Method::Ratio,
                ScoringArg::Linear => Method::Linear,
                ScoringArg::Binary => Method::Binary,
            },
            cap: args.cap,
        },
        missing: match args.missing {
            MissingArg::Skip => MissingPolicy::Skip,
            MissingArg::Zero => MissingPolicy::Zero,
        },
    };
    let evaluation = evaluate(&plan, &actuals, args.year, options)?;
    let width = if args.output.is_none() { terminal_width() } else { None };
    let renderer = format.renderer(width);
    write_output(args.output.as_deref(), |out| renderer.render(&plan, &evaluation, out))?;
    Ok(ExitCode::SUCCESS)
}
