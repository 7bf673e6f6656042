//! What the body can still end the year with: every node's score if each
//! unmeasured indicator scored 0 (the floor) and if each scored 100 (the
//! ceiling), rolled up by the evaluator's own roll-up; and the average score
//! the unmeasured indicators need for the overall score to reach a goal.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::evaluate::rollup::roll_up;
use crate::evaluate::score::Status;
use crate::evaluate::{Evaluation, NodeResult};
use crate::plan::Plan;

/// An indicator still to be measured: it has a target and no measured score,
/// because its value is missing or its formula failed (an `error` is fixed
/// and then scores like any other). Neutralized indicators are out.
pub fn unmeasured(plan: &Plan, evaluation: &Evaluation, index: usize) -> bool {
    let node = &plan.nodes[index];
    node.is_indicator()
        && plan.children(index).is_empty()
        && matches!(evaluation.nodes[index].status, Some(Status::Missing | Status::Error))
}

/// Every node's score and the overall score with every unmeasured indicator at `score`.
pub fn with_unmeasured_at<'a>(
    plan: &Plan,
    evaluation: &Evaluation<'a>,
    score: Decimal,
) -> (Vec<NodeResult>, Option<Decimal>) {
    let mut results = evaluation.nodes.clone();
    for (i, result) in results.iter_mut().enumerate() {
        if unmeasured(plan, evaluation, i) {
            result.score = Some(score).into();
        }
    }
    let (overall, _) = roll_up(plan, evaluation.year, &mut results);
    (results, overall)
}

/// The floor and ceiling of every node and of the whole body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bounds {
    pub floor: Vec<Option<Decimal>>,
    pub ceiling: Vec<Option<Decimal>>,
    pub overall_floor: Option<Decimal>,
    pub overall_ceiling: Option<Decimal>,
    /// Some indicator is still to be measured.
    pub any_unmeasured: bool,
}

pub fn bounds(plan: &Plan, evaluation: &Evaluation) -> Bounds {
    let (low, overall_floor) = with_unmeasured_at(plan, evaluation, Decimal::ZERO);
    let (high, overall_ceiling) = with_unmeasured_at(plan, evaluation, Decimal::ONE_HUNDRED);
    Bounds {
        floor: low.into_iter().map(|r| r.score.get()).collect(),
        ceiling: high.into_iter().map(|r| r.score.get()).collect(),
        overall_floor,
        overall_ceiling,
        any_unmeasured: (0..plan.nodes.len()).any(|i| unmeasured(plan, evaluation, i)),
    }
}

/// What `--goal G` asks of the unmeasured indicators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Goal {
    pub goal: Decimal,
    /// The weighted average score they need (rounded up to the printed
    /// decimals); above 100 when out of reach; `None` when nothing is left to
    /// measure or nothing can be scored.
    pub average: Option<Decimal>,
    /// No average of 0 to 100 reaches the goal.
    pub unreachable: bool,
    /// By how many points the ceiling falls short of the goal, when it does.
    pub shortfall: Option<Decimal>,
}

/// The decimals a score is printed with.
const SCORE_DP: u32 = 6;

/// The overall score is a weighted average, so with every unmeasured
/// indicator at the same score x it is floor + x·(ceiling − floor)/100; and
/// with different scores, floor + Σ cᵢ·xᵢ, cᵢ each one's share of the
/// overall score. So the weighted average of the xᵢ, weighed by those
/// shares, must be 100·(G − floor)/(ceiling − floor).
pub fn goal(plan: &Plan, evaluation: &Evaluation, bounds: &Bounds, goal: Decimal) -> Goal {
    let unreachable = |average, shortfall| Goal { goal, average, unreachable: true, shortfall };
    let (Some(floor), Some(ceiling)) = (bounds.overall_floor, bounds.overall_ceiling) else {
        return unreachable(None, None);
    };
    if floor >= goal {
        return Goal { goal, average: Some(Decimal::ZERO), unreachable: false, shortfall: None };
    }
    let shortfall = goal.checked_sub(ceiling).filter(|s| *s > Decimal::ZERO);
    let range = ceiling.checked_sub(floor).filter(|r| !r.is_zero());
    let Some(range) = range else {
        return unreachable(None, shortfall);
    };
    let exact = goal
        .checked_sub(floor)
        .and_then(|gap| gap.checked_mul(Decimal::ONE_HUNDRED))
        .and_then(|points| points.checked_div(range));
    let Some(exact) = exact else {
        return unreachable(None, shortfall);
    };
    let mut average = exact.round_dp_with_strategy(SCORE_DP, RoundingStrategy::ToPositiveInfinity);
    if shortfall.is_some() {
        return unreachable(Some(average.normalize()), shortfall);
    }
    // The roll-up's own divisions may fall a hair short: a printed step more until it reaches.
    for _ in 0..3 {
        if with_unmeasured_at(plan, evaluation, average).1.is_some_and(|o| o >= goal) {
            break;
        }
        average += Decimal::new(1, SCORE_DP);
    }
    Goal { goal, average: Some(average.min(Decimal::ONE_HUNDRED).normalize()), unreachable: false, shortfall: None }
}
