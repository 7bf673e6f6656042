//! One year's evaluation: every indicator's value and score, then the
//! weighted roll-up to objectives, ambiti and the whole body.

use rust_decimal::Decimal;

use crate::actuals::{Actuals, Origin};
use crate::error::InputError;
use crate::formula::{EvalError, Quantity};
use crate::plan::{Node, Plan};
use crate::rollup::{resolve_weights, roll_up};
use crate::score::{score, Rule, Scoring, Status};
use crate::target::Target;
use crate::value::Value;

/// What a `missing` indicator counts as in the roll-up (`--missing`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MissingPolicy {
    /// Left out, like an error.
    #[default]
    Skip,
    /// Counted as a score of 0.
    Zero,
}

/// The options of one evaluation.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    pub scoring: Scoring,
    pub missing: MissingPolicy,
}

/// A quantity read for a formula, and where it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub quantity: Quantity,
    pub year: i32,
    pub value: Value,
    pub origin: Origin,
    /// Read among the shared quantities rather than the indicator's own.
    pub shared: bool,
}

/// How an indicator got its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueSource {
    /// Given directly in the actuals.
    Given(Origin),
    /// Computed by the formula from these quantities.
    Computed(Vec<Input>),
    /// The plan's `baseline_YYYY`.
    Baseline,
}

/// One node's result for the year.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NodeResult {
    /// The weight in force: the plan's, or 100/n where n siblings weigh equally.
    pub weight: Option<Decimal>,
    /// The weight the roll-up uses.
    pub effective_weight: Decimal,
    pub target: Option<Target>,
    pub threshold: Option<Value>,
    pub value: Option<Value>,
    pub source: Option<ValueSource>,
    pub score: Option<Decimal>,
    /// Share (0-100) of the node's weight that was measured; `None` without any target.
    pub coverage: Option<Decimal>,
    /// Indicators only.
    pub status: Option<Status>,
    pub message: Option<String>,
    /// The scoring rule, for indicators with a score.
    pub rule: Option<Rule>,
}

/// The evaluation of a plan for one year, node results in plan order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    pub year: i32,
    pub options: OptionsSummary,
    /// The body's overall score ("performance organizzativa").
    pub score: Option<Decimal>,
    pub coverage: Option<Decimal>,
    pub nodes: Vec<NodeResult>,
}

/// The options as reported in outputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OptionsSummary {
    pub scoring: Scoring,
    pub missing: MissingPolicy,
}

/// Evaluates the plan for `year`. Fails only on a plan that cannot be
/// weighed (an empty weight among weighted siblings); every indicator's own
/// trouble becomes its status.
pub fn evaluate(plan: &Plan, actuals: &Actuals, year: i32, options: Options) -> Result<Evaluation, InputError> {
    let mut nodes: Vec<NodeResult> = vec![NodeResult::default(); plan.nodes.len()];
    resolve_weights(plan, year, &mut nodes)?;
    for (index, node) in plan.nodes.iter().enumerate() {
        if node.is_indicator() {
            evaluate_indicator(node, actuals, year, options, &mut nodes[index]);
        }
    }
    let (score, coverage) = roll_up(plan, &mut nodes);
    Ok(Evaluation {
        year,
        options: OptionsSummary { scoring: options.scoring, missing: options.missing },
        score,
        coverage,
        nodes,
    })
}

fn evaluate_indicator(node: &Node, actuals: &Actuals, year: i32, options: Options, result: &mut NodeResult) {
    result.target = node.target_in(year).cloned();
    result.threshold = node.threshold_in(year).copied();
    let outcome = indicator_value(node, actuals, year);

    let Some(target) = &result.target else {
        result.status = Some(Status::NoTarget);
        match outcome {
            Outcome::Value(value, source) => {
                result.value = Some(value);
                result.source = Some(source);
            }
            Outcome::Missing(message) | Outcome::Failed(message) => result.message = Some(message),
        }
        return;
    };

    match outcome {
        Outcome::Failed(message) => {
            result.status = Some(Status::Error);
            result.message = Some(message);
            result.coverage = Some(Decimal::ZERO);
        }
        Outcome::Missing(message) => {
            result.status = Some(Status::Missing);
            result.message = Some(message);
            result.coverage = Some(Decimal::ZERO);
            if options.missing == MissingPolicy::Zero {
                result.score = Some(Decimal::ZERO);
            }
        }
        Outcome::Value(value, source) => {
            result.value = Some(value);
            result.source = Some(source);
            match score(target, result.threshold.as_ref(), &value, options.scoring) {
                Ok(scored) => {
                    result.score = Some(scored.score);
                    result.status = Some(scored.status);
                    result.rule = Some(scored.rule);
                    result.coverage = Some(Decimal::ONE_HUNDRED);
                }
                Err(mismatch) => {
                    result.status = Some(Status::Error);
                    result.message = Some(mismatch.to_string());
                    result.coverage = Some(Decimal::ZERO);
                }
            }
        }
    }
}

enum Outcome {
    Value(Value, ValueSource),
    Missing(String),
    Failed(String),
}

/// The value in the order of SPEC §8: given directly, else computed, else
/// the baseline, else missing.
fn indicator_value(node: &Node, actuals: &Actuals, year: i32) -> Outcome {
    if let Some(entry) = actuals.own_value(&node.code, year) {
        return Outcome::Value(entry.value, ValueSource::Given(entry.origin.clone()));
    }
    let baseline = node.baseline_by_year.get(&year).copied();
    let Some(formula) = &node.formula else {
        return match baseline {
            Some(v) => Outcome::Value(v, ValueSource::Baseline),
            None => Outcome::Missing(format!(
                "no value for {year}: the actuals have no row for {} with a blank variable, and the plan has no formula or baseline_{year}",
                node.code
            )),
        };
    };
    let mut inputs: Vec<Input> = Vec::new();
    let result = formula.evaluate(&mut |q: &Quantity| {
        let at = year.checked_sub(i32::try_from(q.lag).ok()?)?;
        let own = actuals.quantity(&node.code, &q.key, at);
        let entry = own?;
        if !inputs.iter().any(|i| i.quantity == *q) {
            let shared = actuals.quantity("", &q.key, at).is_some_and(|s| std::ptr::eq(s, entry));
            inputs.push(Input {
                quantity: q.clone(),
                year: at,
                value: entry.value,
                origin: entry.origin.clone(),
                shared,
            });
        }
        Some(entry.value)
    });
    match result {
        Ok(value) => Outcome::Value(value, ValueSource::Computed(inputs)),
        Err(EvalError::Missing(quantities)) => match baseline {
            Some(v) => Outcome::Value(v, ValueSource::Baseline),
            None => {
                let names: Vec<String> = quantities
                    .iter()
                    .map(|q| format!("{} in {}", q, year - i32::try_from(q.lag).unwrap_or(0)))
                    .collect();
                Outcome::Missing(format!("no value for {}", names.join(", ")))
            }
        },
        Err(EvalError::Failed(message)) => Outcome::Failed(message),
    }
}
