//! One year's evaluation: weights, the evaluator's decisions, every
//! indicator, then the roll-up.

use crate::actuals::Actuals;
use crate::diagnostic::Diagnostic;
use crate::plan::Plan;

use super::indicator::{check_adjustments, evaluate_indicators};
use super::result::{Evaluation, NodeResult, Options};
use super::rollup::{resolve_weights, roll_up};

/// Evaluates the plan for `year`. Fails only on a plan that cannot be
/// weighed (an empty weight among weighted siblings); every indicator's own
/// trouble becomes its status.
pub fn evaluate<'a>(
    plan: &'a Plan,
    actuals: &'a Actuals,
    year: i32,
    options: Options,
) -> Result<Evaluation<'a>, Diagnostic> {
    let mut nodes: Vec<NodeResult> = vec![NodeResult::default(); plan.nodes.len()];
    resolve_weights(plan, year, &mut nodes)?;
    check_adjustments(plan, actuals, year)?;
    evaluate_indicators(plan, actuals, year, &options, &mut nodes);
    let (score, coverage) = roll_up(plan, &mut nodes);
    Ok(Evaluation { year, plan, actuals, options, score, coverage, nodes })
}
