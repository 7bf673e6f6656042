//! `kpi eval YEAR`: evaluate the plan for a year and print the result;
//! `kpi eval 2024..2026`: the years side by side.

use std::process::ExitCode;

use rust_decimal::Decimal;

use crate::actuals::Actuals;
use crate::check::percent::{each_plan_cell_as_points, values_as_points, PlanColumn, PointsValue};
use crate::cli::EvalArgs;
use crate::commands::shared::{no_target_warning, output_format, terminal};
use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::evaluate::trend::trend;
use crate::evaluate::{evaluate, Evaluation};
use crate::output::write_output;
use crate::plan::Plan;
use crate::report::{Format, ReportOptions};

pub fn run(args: &EvalArgs, diagnostics: &mut Diagnostics) -> anyhow::Result<ExitCode> {
    let format = output_format(args.format, args.output.as_deref())?;
    args.inputs.refuse_output_over_inputs(args.output.as_deref())?;
    diagnostics.extend(unused_options(args, format));
    diagnostics.extend(args.scoring.unused());
    let (plan, actuals) = args.inputs.read_plan_and_actuals(diagnostics)?;
    diagnostics.no_error()?;
    diagnostics.extend(no_target_warning(&plan, args.years.first, args.years.last, "nothing is scored"));
    diagnostics.extend(plan_points_warning(&plan));
    let options = args.scoring.options();
    let report = ReportOptions {
        depth: args.depth.map(usize::from),
        decimal_comma: args.decimal_comma,
        raw: args.raw,
        terminal: terminal(args.output.as_deref()),
        lang: args.lang.lang(),
        title: args.title.clone(),
        bands: args.bands,
    };
    if args.years.is_single() {
        let evaluation = evaluate(&plan, &actuals, args.years.first, options)?;
        diagnostics.extend(points_warning(&plan, &actuals, [&evaluation]));
        // The JSON, CSV, TSV and the workbook read nothing of the actuals but
        // the notes: the values, millions in a national file, are let go
        // before the results are written (README, "National scale").
        let Evaluation { year, options, score, coverage, nodes, .. } = evaluation;
        let actuals = match format {
            Format::Json | Format::Csv | Format::Tsv | Format::Xlsx => actuals.notes_only(),
            _ => actuals,
        };
        let evaluation = Evaluation { year, plan: &plan, actuals: &actuals, options, score, coverage, nodes };
        let renderer = format.renderer(report);
        write_output(args.output.as_deref(), |out| renderer.render(&plan, &evaluation, out))?;
        // The process ends here: freeing a large plan node by node only costs time.
        std::mem::forget(evaluation);
        std::mem::forget((plan, actuals));
    } else {
        let trend = trend(&plan, &actuals, args.years.first, args.years.last, options)?;
        let shown = trend.evaluations.iter().filter(|e| e.year >= args.years.first);
        diagnostics.extend(points_warning(&plan, &actuals, shown));
        let renderer = format.renderer(report);
        write_output(args.output.as_deref(), |out| renderer.render_years(&plan, &trend, out))?;
        std::mem::forget(trend);
        std::mem::forget((plan, actuals));
    }
    Ok(ExitCode::SUCCESS)
}

/// One warning for percent values written as points (`85` for `85 %`,
/// read as 8.500 %) in the years evaluated, however the value was obtained:
/// they would score silently.
fn points_warning<'e, 'a: 'e>(
    plan: &Plan,
    actuals: &Actuals,
    evaluations: impl IntoIterator<Item = &'e Evaluation<'a>>,
) -> Option<Diagnostic> {
    // Each evaluation is looked through a piece of its nodes on each thread,
    // the pieces' findings in plan order, as one thread finds them.
    let mut found: Vec<PointsValue> = evaluations
        .into_iter()
        .flat_map(|e| {
            crate::threads::map(e.nodes.len().div_ceil(PIECE), |piece| {
                let start = piece * PIECE;
                values_as_points(plan, actuals, e.year, start, &e.nodes[start..(start + PIECE).min(e.nodes.len())])
            })
        })
        .flatten()
        .collect();
    found.sort_by(|a, b| (a.computed, &a.file, a.line, a.year).cmp(&(b.computed, &b.file, b.line, b.year)));
    let first = found.first()?;
    let more = match found.len() - 1 {
        0 => String::new(),
        1 => " (1 more like it: kpi check lists it)".to_string(),
        k => format!(" ({k} more like it: kpi check lists them)"),
    };
    let n = first.value.normalize();
    let points = first.value.checked_mul(Decimal::ONE_HUNDRED).unwrap_or(first.value).normalize();
    let (code, year) = (plan.nodes[first.index].code(), first.year);
    let message = if first.computed || first.from.starts_with("the plan") {
        format!(
            "{code} is a percent indicator and its {year} value {n}, {}, is read as {points} %{more}; if a figure is a percent, write it with the % sign",
            first.from
        )
    } else {
        format!(
            "{code} is a percent indicator and its {year} value {n} is read as {points} %{more}; if {n} % was meant, write the % sign"
        )
    };
    Some(Diagnostic::warning(&first.file, first.line, message))
}

/// One warning for a target or soglia of a percent indicator
/// written as points (`>= 85` read as 8.500 %): the plan is read as written,
/// so the score would be silently wrong.
fn plan_points_warning(plan: &Plan) -> Option<Diagnostic> {
    // Every node is looked at, a piece of the plan on each thread; each piece
    // gives its first cell and how many it has, so only the first is written out.
    let pieces = crate::threads::map(plan.nodes.len().div_ceil(PIECE), |piece| {
        let start = piece * PIECE;
        let mut first = None;
        let mut count = 0usize;
        for (index, node) in (start..).zip(&plan.nodes[start..(start + PIECE).min(plan.nodes.len())]) {
            each_plan_cell_as_points(node, |column, n| {
                // A baseline is warned about when it is used as a value, with the values.
                if !matches!(column, PlanColumn::Baseline(_)) {
                    count += 1;
                    first.get_or_insert((index, column, n));
                }
            });
        }
        (first, count)
    });
    let (index, cell, n) = pieces.iter().find_map(|(first, _)| *first)?;
    let more = match pieces.iter().map(|(_, count)| count).sum::<usize>() - 1 {
        0 => String::new(),
        1 => " (1 more like it: kpi check lists it)".to_string(),
        k => format!(" ({k} more like it: kpi check lists them)"),
    };
    let node = &plan.nodes[index];
    let points = n.checked_mul(Decimal::ONE_HUNDRED).unwrap_or(n).normalize();
    Some(Diagnostic::warning(
        &plan.source,
        node.line(),
        format!(
            "{} is a percent indicator and its {cell} {n} is read as {points} %{more}; if {n} % was meant, write the % sign",
            node.code()
        ),
    ))
}

/// The nodes a thread looks at in one go for the warnings, which read every
/// node of the plan or of an evaluation.
const PIECE: usize = 1 << 16;

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
