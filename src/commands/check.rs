//! `kpi check`: every problem in the plan and the actuals in one run, each
//! with severity, file, line and a hint. Exit status 1 when there are errors.

use std::process::ExitCode;

use crate::actuals::Actuals;
use crate::check::{check, sort, Subject};
use crate::cli::CheckArgs;
use crate::commands::shared::no_target_warning;
use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::output::write_output;

/// Lists the errors and warnings of `diagnostics`, every reader's and every
/// check's; what else is in it (the importer's review list) stays for
/// standard error.
pub fn run(args: &CheckArgs, diagnostics: &mut Diagnostics) -> anyhow::Result<ExitCode> {
    let inputs = &args.inputs;
    // Both files read at once, their problems listed as if one after the other.
    let (mut from_plan, mut from_actuals) = (diagnostics.empty_like(), diagnostics.empty_like());
    let given = !inputs.no_actuals();
    let (plan, actuals) = inputs.read_both_apart(given, &mut from_plan, &mut from_actuals);
    diagnostics.extend(from_plan);
    let plan = match plan {
        Ok(plan) => Some(plan),
        Err(problem) => {
            diagnostics.push(problem);
            None
        }
    };
    diagnostics.extend(from_actuals);

    let mut years = Years::default();
    if let Some(plan) = &plan {
        years = Years::choose(&args.year, plan, actuals.as_ref());
        // A year asked for without targets (`--year 2204`), as `kpi eval 2204` warns.
        for &year in years.values.iter().filter(|_| !args.year.is_empty()) {
            diagnostics.extend(no_target_warning(plan, year, year, "no value is checked for it"));
        }
        let subject = Subject { plan, actuals: actuals.as_ref(), years: &years.plan, value_years: &years.values };
        check(&subject, diagnostics);
    }

    let plan_name = inputs.plan.display().to_string();
    let mut files: Vec<&str> = vec![plan_name.as_str()];
    if let Some(actuals) = &actuals {
        files.extend(actuals.files.iter().map(String::as_str));
    }
    let mut listed = diagnostics.take(|d| matches!(d.severity, Severity::Error | Severity::Warning));
    // The plan first, then the actuals: a workbook's problems name its sheet (`plan.xlsx[Piano]`).
    let mut order = files.clone();
    if let Some(plan) = &plan {
        order.insert(1, plan.source.as_str());
    }
    sort(&mut listed, &order);

    let errors = listed.iter().filter(|d| d.is_error()).count();
    let shown = if actuals.is_some() { &years.values } else { &years.plan };
    let summary = summary(&listed, errors, &files, actuals.is_some(), shown);
    write_output(None, |out| {
        for d in &listed {
            writeln!(out, "{d}\n")?;
        }
        if actuals.is_none() {
            writeln!(
                out,
                "note: no actuals given and no actuals/ folder here: the plan alone was checked; give --actuals to check the values too"
            )?;
        }
        if let Some(note) = years.unchecked_note() {
            writeln!(out, "{note}")?;
        }
        writeln!(out, "{summary}")
    })?;
    // The process ends here: freeing a large plan node by node only costs time.
    std::mem::forget((plan, actuals));
    Ok(if errors > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// The years checked.
#[derive(Default)]
struct Years {
    /// The years the plan is checked in: weights, soglie, what the evaluator scores as error.
    plan: Vec<i32>,
    /// The years whose values must all be given.
    values: Vec<i32>,
    /// Years with targets whose values were not checked, for want of actuals.
    unchecked: Vec<i32>,
}

impl Years {
    /// The years asked for with `--year`, each once. Otherwise the years the
    /// plan has targets for, whose values are checked only where the actuals
    /// give some row: a year still to come has none, and asking for all its
    /// values would bury this year's mistakes.
    fn choose(asked: &[i32], plan: &crate::plan::Plan, actuals: Option<&Actuals>) -> Years {
        if !asked.is_empty() {
            let mut years = asked.to_vec();
            years.sort_unstable();
            years.dedup();
            return Years { plan: years.clone(), values: years, unchecked: Vec::new() };
        }
        let years = target_years(plan);
        let Some(actuals) = actuals else {
            return Years { plan: years.clone(), values: years, unchecked: Vec::new() };
        };
        let given = actuals.years();
        let (values, unchecked) = years.iter().partition(|y| given.binary_search(y).is_ok());
        Years { plan: years, values, unchecked }
    }

    /// `note: 2025, 2026 have targets but no actuals yet, …`
    fn unchecked_note(&self) -> Option<String> {
        let (years, have, its, them) = match self.unchecked.as_slice() {
            [] => return None,
            [_] => (self.unchecked[0].to_string(), "has", "its", "it"),
            _ => (crate::check::years_text(&self.unchecked), "have", "their", "them"),
        };
        Some(format!(
            "note: {years} {have} targets but no actuals yet, so {its} values were not checked; use --year to check {them}"
        ))
    }
}

/// The years the plan has targets for; every year it mentions if none.
fn target_years(plan: &crate::plan::Plan) -> Vec<i32> {
    let years = plan.target_years();
    if years.is_empty() {
        plan.years()
    } else {
        years
    }
}

fn summary(diagnostics: &[Diagnostic], errors: usize, files: &[&str], with_actuals: bool, years: &[i32]) -> String {
    let warnings = diagnostics.len() - errors;
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let what = if diagnostics.is_empty() {
        "no problems".to_string()
    } else {
        format!("{}, {}", plural(errors, "error"), plural(warnings, "warning"))
    };
    let checked = match (with_actuals, files.len() - 1) {
        (false, _) => files[0].to_string(),
        (true, n) => format!("{} and {}", files[0], plural(n, "actuals file")),
    };
    if years.is_empty() {
        return format!("kpi check: {what} in {checked}");
    }
    format!("kpi check: {what} in {checked} (years {})", crate::check::years_text(years))
}
