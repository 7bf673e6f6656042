//! `kpi eval YEAR`: evaluate the plan for a year and print the result.

use std::process::ExitCode;

use crate::app::{output_format, terminal};
use crate::cli::{EvalArgs, MissingArg, ScoringArg};
use crate::evaluate::{evaluate, MissingPolicy, Options};
use crate::output::write_output;
use crate::report::ReportOptions;
use crate::score::{Method, Scoring};

pub fn run(args: &EvalArgs, warnings: &mut Vec<String>) -> anyhow::Result<ExitCode> {
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
    let report = ReportOptions {
        depth: args.depth.map(usize::from),
        decimal_comma: args.decimal_comma,
        raw: args.raw,
        terminal: terminal(args.output.as_deref()),
    };
    let renderer = format.renderer(report);
    write_output(args.output.as_deref(), |out| renderer.render(&plan, &evaluation, out))?;
    Ok(ExitCode::SUCCESS)
}
