//! `kpi needs YEAR`: mid-year monitoring, what every indicator and the body
//! still need; `kpi needs YEAR CODE`: one indicator's needs with the arithmetic.

use std::process::ExitCode;

use rust_decimal::Decimal;

use crate::app::{output_format, terminal};
use crate::cli::NeedsArgs;
use crate::commands::eval::no_target_warning;
use crate::error::UsageError;
use crate::evaluate::evaluate;
use crate::explain::needs::explain_needs;
use crate::needs::need::Wanted;
use crate::needs::{needs, Ask};
use crate::output::write_output;
use crate::report::{Format, ReportOptions};
use crate::similar::closest;

pub fn run(args: &NeedsArgs, warnings: &mut Vec<String>) -> anyhow::Result<ExitCode> {
    warnings.extend(args.scoring.unused());
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
    if args.code.is_some() && format.is_binary() {
        return Err(UsageError("kpi needs YEAR CODE writes text: give -o a .txt file, or none".into()).into());
    }
    if args.code.is_none() {
        warnings.extend(unused_options(args, format));
    }
    let plan = args.inputs.read_plan(warnings)?;
    let index = match &args.code {
        Some(code) => match plan.find(code) {
            Some(index) => Some(index),
            None => {
                let near = closest(code, plan.nodes.iter().map(|n| n.code.as_str()));
                let hint = near.map(|n| format!("; did you mean {n}?")).unwrap_or_default();
                return Err(UsageError(format!("`{code}` is not a code of {}{hint}", plan.source)).into());
            }
        },
        None => None,
    };
    let actuals = args.inputs.read_actuals(warnings)?;
    if let Some(warning) = no_target_warning(&plan, args.year, args.year, "nothing is needed") {
        warnings.push(warning);
    }
    let evaluation = evaluate(&plan, &actuals, args.year, options)?;
    let found = needs(&plan, &actuals, &evaluation, &ask);
    match index {
        Some(index) => {
            let lines = explain_needs(&plan, &actuals, &evaluation, &found, index);
            write_output(args.output.as_deref(), |out| lines.iter().try_for_each(|line| writeln!(out, "{line}")))?;
        }
        None => {
            let report = ReportOptions {
                depth: None,
                decimal_comma: args.decimal_comma,
                raw: args.raw,
                terminal: terminal(args.output.as_deref()),
            };
            let renderer = format.needs_renderer(report);
            write_output(args.output.as_deref(), |out| renderer.render(&plan, &evaluation, &found, out))?;
        }
    }
    if args.goal.is_some_and(|g| g > Decimal::ONE_HUNDRED && options.scoring.cap <= Decimal::ONE_HUNDRED) {
        warnings.push("kpi: warning: --goal above 100 cannot be reached without --cap".into());
    }
    Ok(ExitCode::SUCCESS)
}

/// A warning for each option given that the output does not use.
fn unused_options(args: &NeedsArgs, format: Format) -> Vec<String> {
    if matches!(format, Format::Csv | Format::Tsv) {
        return Vec::new();
    }
    [("--decimal-comma", args.decimal_comma), ("--raw", args.raw)]
        .into_iter()
        .filter(|(_, given)| *given)
        .map(|(option, _)| format!("kpi: warning: {option} has no effect on {} output", format.name()))
        .collect()
}
