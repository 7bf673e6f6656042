//! `kpi eval YEAR`: evaluate the plan for a year and print the result.

use std::process::ExitCode;

use crate::app::{output_format, terminal_width};
use crate::cli::EvalArgs;
use crate::evaluate::evaluate;
use crate::output::write_output;

pub fn run(args: &EvalArgs, warnings: &mut Vec<String>) -> anyhow::Result<ExitCode> {
    let format = output_format(args.format, args.output.as_deref())?;
    let plan = args.inputs.read_plan(warnings)?;
    let actuals = args.inputs.read_actuals(warnings)?;
    let evaluation = evaluate(&plan, &actuals, args.year, args.scoring.options())?;
    let width = if args.output.is_none() { terminal_width() } else { None };
    let renderer = format.renderer(width);
    write_output(args.output.as_deref(), |out| renderer.render(&plan, &evaluation, out))?;
    Ok(ExitCode::SUCCESS)
}
