//! `kpi eval YEAR`: evaluate the plan for a year and print the result;
//! `kpi eval 2024..2026`: the years side by side.

use std::process::ExitCode;

use crate::app::{output_format, terminal_width};
use crate::cli::EvalArgs;
use crate::evaluate::evaluate;
use crate::output::write_output;
use crate::trend::trend;

pub fn run(args: &EvalArgs, warnings: &mut Vec<String>) -> anyhow::Result<ExitCode> {
    let format = output_format(args.format, args.output.as_deref())?;
    let plan = args.inputs.read_plan(warnings)?;
    let actuals = args.inputs.read_actuals(warnings)?;
    let options = args.scoring.options();
    let width = if args.output.is_none() { terminal_width() } else { None };
    if args.years.is_single() {
        let evaluation = evaluate(&plan, &actuals, args.years.first, options)?;
        let renderer = format.renderer(width);
        write_output(args.output.as_deref(), |out| renderer.render(&plan, &evaluation, out))?;
    } else {
        let trend = trend(&plan, &actuals, args.years.first, args.years.last, options)?;
        let renderer = format.trend_renderer(width);
        write_output(args.output.as_deref(), |out| renderer.render(&plan, &trend, out))?;
    }
    Ok(ExitCode::SUCCESS)
}
