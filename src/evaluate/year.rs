//! One year's evaluation: every indicator, then the weights and the
//! roll-up in one pass, and the evaluator's decisions checked.

use crate::actuals::Actuals;
use crate::diagnostic::Diagnostic;
use crate::plan::Plan;

use super::indicator::{check_adjustments, evaluated_results};
use super::result::{Evaluation, Options};
use super::rollup::weigh_and_roll_up;

/// Evaluates the plan for `year`. Fails only on a plan that cannot be
/// weighed (an empty weight among weighted siblings); every indicator's own
/// trouble becomes its status.
pub fn evaluate<'a>(
    plan: &'a Plan,
    actuals: &'a Actuals,
    year: i32,
    options: Options,
) -> Result<Evaluation<'a>, Diagnostic> {
    let mut nodes = evaluated_results(plan, actuals, year, &options);
    // The weights are given in the roll-up's pass; an error in them is
    // still the one reported before a decision's.
    let (score, coverage) = weigh_and_roll_up(plan, year, &mut nodes)?;
    check_adjustments(plan, actuals, year)?;
    Ok(Evaluation { year, plan, actuals, options, score, coverage, nodes })
}
