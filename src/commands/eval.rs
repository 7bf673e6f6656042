//! `kpi eval YEAR`: evaluate the plan for a year and print the result;
//! `kpi eval 2024..2026`: the years side by side.

use std::process::ExitCode;

use rust_decimal::Decimal;

use crate::actuals::Actuals;
use crate::check::percent::percents_given_as_points;
use crate::cli::EvalArgs;
use crate::commands::shared::{no_target_warning, output_format, terminal};
use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::evaluate::evaluate;
use crate::evaluate::trend::trend;
use crate::output::write_output;
use crate::plan::Plan;
use crate::report::{Format, ReportOptions};

pub fn run(args: &EvalArgs, diagnostics: &mut Diagnostics) -> anyhow::Result<ExitCode> {
    let format = output_format(args.format, args.output.as_deref())?;
    diagnostics.extend(unused_options(args, format));
    diagnostics.extend(args.scoring.unused());
    let plan = args.inputs.read_plan(diagnostics)?;
    diagnostics.no_error()?;
    let actuals = args.inputs.read_actuals(diagnostics);
    diagnostics.no_error()?;
    diagnostics.extend(no_target_warning(&plan, args.years.first, args.years.last, "nothing is scored"));
    diagnostics.extend(points_warning(&plan, &actuals, args.years.first, args.years.last));
    let options = args.scoring.options();
    let report = ReportOptions {
        depth: args.depth.map(usize::from),
        decimal_comma: args.decimal_comma,
        raw: args.raw,
        terminal: terminal(args.output.as_deref()),
        title: args.title.clone(),
        bands: args.bands,
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

/// One warning for percent values written as points (`85` for `85 %`,
/// read as 8.500 %) in the years evaluated: they would score silently.
fn points_warning(plan: &Plan, actuals: &Actuals, first: i32, last: i32) -> Option<Diagnostic> {
    let mut found: Vec<(usize, usize, &str, i32, Decimal)> = percents_given_as_points(plan, actuals)
        .filter(|(_, _, year, _, _)| (first..=last).contains(year))
        .map(|(_, code, year, entry, n)| (entry.origin.file, entry.origin.line, code, year, n))
        .collect();
    found.sort();
    let (file, line, code, year, n) = found.first()?;
    let more = match found.len() - 1 {
        0 => String::new(),
        1 => " (1 more like it: kpi check lists it)".to_string(),
        k => format!(" ({k} more like it: kpi check lists them)"),
    };
    Some(Diagnostic::warning(
        &actuals.files[*file],
        *line,
        format!(
            "{code} is a percent indicator and its {year} value {} is read as {} %{more}; if {} % was meant, write the % sign",
            n.normalize(),
            n.checked_mul(Decimal::ONE_HUNDRED).unwrap_or(*n).normalize(),
            n.normalize()
        ),
    ))
}

/// A warning for each option given that the format does not use: the
/// spreadsheet choices shape CSV and TSV only, the title and bands the Relazione.
fn unused_options(args: &EvalArgs, format: Format) -> Vec<Diagnostic> {
    let not_csv = !matches!(format, Format::Csv | Format::Tsv);
    let not_html = format != Format::Html;
    let bands_given = args.bands != crate::report::Bands::default();
    [
        ("--decimal-comma", not_csv && args.decimal_comma),
        ("--raw", not_csv && args.raw),
        ("--title", not_html && args.title.is_some()),
        ("--bands", not_html && bands_given),
    ]
    .into_iter()
    .filter(|(_, given)| *given)
    .map(|(option, _)| {
        Diagnostic::general(Severity::Warning, format!("{option} has no effect on {} output", format.name()))
    })
    .collect()
}
