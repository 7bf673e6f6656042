//! `kpi eval YEAR`: evaluate the plan for a year and print the result;
//! `kpi eval 2024..2026`: the years side by side.

use std::process::ExitCode;

use crate::app::{output_format, terminal};
use crate::cli::EvalArgs;
use crate::evaluate::evaluate;
use crate::output::write_output;
use crate::report::{Format, ReportOptions};
use crate::trend::trend;

pub fn run(args: &EvalArgs, warnings: &mut Vec<String>) -> anyhow::Result<ExitCode> {
    let format = output_format(args.format, args.output.as_deref())?;
    warnings.extend(unused_options(args, format));
    warnings.extend(args.scoring.unused());
    let plan = args.inputs.read_plan(warnings)?;
    let actuals = args.inputs.read_actuals(warnings)?;
    let options = args.scoring.options();
    let report = ReportOptions {
        depth: args.depth.map(usize::from),
        decimal_comma: args.decimal_comma,
        raw: args.raw,
        terminal: terminal(args.output.as_deref()),
    };
    if args.years.is_single() {
        let evaluation = evaluate(&plan, &actuals, args.years.first, options)?;
        let renderer = format.renderer(report);
        write_output(args.output.as_deref(), |out| renderer.render(&plan, &evaluation, out))?;
    } else {
        let trend = trend(&plan, &actuals, args.years.first, args.years.last, options)?;
        let renderer = format.trend_renderer(report);
        write_output(args.output.as_deref(), |out| renderer.render(&plan, &trend, out))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// A warning for each option given that the format does not use: the
/// spreadsheet choices shape CSV and TSV only.
fn unused_options(args: &EvalArgs, format: Format) -> Vec<String> {
    if matches!(format, Format::Csv | Format::Tsv) {
        return Vec::new();
    }
    [("--decimal-comma", args.decimal_comma), ("--raw", args.raw)]
        .into_iter()
        .filter(|(_, given)| *given)
        .map(|(option, _)| format!("kpi: warning: {option} has no effect on {} output", format.name()))
        .collect()
}
