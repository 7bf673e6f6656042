//! `kpi needs YEAR`: mid-year monitoring, what every indicator and the body
//! still need; `kpi needs YEAR CODE`: one indicator's needs with the arithmetic.

use std::process::ExitCode;

use rust_decimal::Decimal;

use crate::cli::NeedsArgs;
use crate::commands::shared::{no_target_warning, output_format, terminal};
use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::error::UsageError;
use crate::evaluate::evaluate;
use crate::explain::needs::explain_needs;
use crate::needs::need::Wanted;
use crate::needs::{needs, Ask};
use crate::output::write_output;
use crate::report::{Format, ReportOptions};
use crate::similar::closest;

pub fn run(args: &NeedsArgs, diagnostics: &mut Diagnostics) -> anyhow::Result<ExitCode> {
    diagnostics.extend(args.scoring.unused());
    let options = args.scoring.options();
    if let Some(s) = args.score {
        if s.is_zero() || s > options.scoring.cap {
            return Err(UsageError(format!(
                "--score {}: a score to reach is above 0 and at most the cap ({}); every value scores 0 or more",
                s.normalize(),
                options.scoring.cap.normalize()
            ))
            .into());
        }
    }
    let ask = Ask {
        wanted: Wanted::from_score(args.score),
        solve: args.solve.as_deref().map(|name| name.trim().trim_start_matches('[').trim_end_matches(']').to_string()),
        goal: args.goal,
        as_of: args.as_of.unwrap_or_else(|| chrono::Local::now().date_naive()),
    };
    let format = output_format(args.format, args.output.as_deref())?;
    args.inputs.refuse_output_over_inputs(args.output.as_deref())?;
    if args.code.is_some() && format.is_binary() {
        return Err(UsageError("kpi needs YEAR CODE writes text: give -o a .txt file, or none".into()).into());
    }
    if args.code.is_none() {
        diagnostics.extend(unused_options(args, format));
    }
    let plan = args.inputs.read_plan(diagnostics)?;
    diagnostics.no_error()?;
    let index = match &args.code {
        Some(code) => match plan.find(code) {
            Some(index) => Some(index),
            None => {
                let near = closest(code, plan.nodes.iter().map(|n| n.code()));
                let hint = near.map(|n| format!("; did you mean {n}?")).unwrap_or_default();
                return Err(UsageError(format!("`{code}` is not a code of {}{hint}", plan.source)).into());
            }
        },
        None => None,
    };
    let actuals = args.inputs.read_actuals(diagnostics);
    diagnostics.no_error()?;
    diagnostics.extend(no_target_warning(&plan, args.year, args.year, "nothing is needed"));
    let cap = options.scoring.cap;
    let evaluation = evaluate(&plan, &actuals, args.year, options)?;
    let found = needs(&plan, &actuals, &evaluation, &ask);
    match index {
        Some(index) => {
            let lines = explain_needs(&plan, &actuals, &evaluation, &found, index, args.lang.lang());
            write_output(args.output.as_deref(), |out| lines.iter().try_for_each(|line| writeln!(out, "{line}")))?;
        }
        None => {
            let report = ReportOptions {
                depth: None,
                decimal_comma: args.decimal_comma,
                raw: args.raw,
                terminal: terminal(args.output.as_deref()),
                title: None,
                bands: Default::default(),
                lang: args.lang.lang(),
            };
            if format == Format::Html {
                return Err(UsageError(
                    "kpi needs writes a table, csv, tsv, json, md or xlsx; the Relazione (html) is kpi eval's".into(),
                )
                .into());
            }
            let renderer = format.renderer(report);
            write_output(args.output.as_deref(), |out| renderer.render_needs(&plan, &evaluation, &found, out))?;
        }
    }
    if args.goal.is_some_and(|g| g > Decimal::ONE_HUNDRED && cap <= Decimal::ONE_HUNDRED) {
        diagnostics.push(Diagnostic::general(Severity::Warning, "--goal above 100 cannot be reached without --cap"));
    }
    Ok(ExitCode::SUCCESS)
}

/// A warning for each option given that the output does not use.
fn unused_options(args: &NeedsArgs, format: Format) -> Vec<Diagnostic> {
    if matches!(format, Format::Csv | Format::Tsv) {
        return Vec::new();
    }
    [("--decimal-comma", args.decimal_comma), ("--raw", args.raw)]
        .into_iter()
        .filter(|(_, given)| *given)
        .map(|(option, _)| {
            Diagnostic::general(Severity::Warning, format!("{option} has no effect on {} output", format.name()))
        })
        .collect()
}
