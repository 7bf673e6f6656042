//! Weighted roll-up (README, "Roll-up"): score(node) = Σ wᵢ·sᵢ / Σ wᵢ over the
//! children scored that year, and how much of each node's weight was measured.

use rust_decimal::Decimal;

use super::result::NodeResult;
use crate::diagnostic::Diagnostic;
use crate::plan::Plan;

/// Fills in each node's weight for the year. Siblings that all leave the
/// weight empty weigh the same (100/n each); an empty weight among weighted
/// siblings is an error naming its line.
pub fn resolve_weights(plan: &Plan, year: i32, results: &mut [NodeResult]) -> Result<(), Diagnostic> {
    if let Some(first) = weight_problems(plan, year).into_iter().next() {
        return Err(first);
    }
    for siblings in plan.sibling_groups() {
        let weighted = siblings.iter().any(|&i| plan.nodes[i].weight_in(year).is_some());
        // Equal weights roll up with 1 each (exact); the weight shown is
        // each sibling's share of 100, so it reads like any other weight.
        let share = Decimal::ONE_HUNDRED.checked_div(Decimal::from(siblings.len()));
        for &i in siblings {
            let weight = plan.nodes[i].weight_in(year);
            results[i].set_weight(if weighted { weight } else { share }, !weighted);
        }
    }
    Ok(())
}

/// Every node of the year with an empty weight among weighted siblings.
pub fn weight_problems(plan: &Plan, year: i32) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for siblings in plan.sibling_groups() {
        let Some(&weighted) = siblings.iter().find(|&&i| plan.nodes[i].weight_in(year).is_some()) else {
            continue;
        };
        for &i in siblings {
            let node = &plan.nodes[i];
            if node.weight_in(year).is_none() {
                let w = &plan.nodes[weighted];
                problems.push(
                    Diagnostic::error(
                        &plan.source,
                        Some(node.line()),
                        format!(
                            "{} has no weight for {year} while its sibling {} (line {}) has one",
                            node.code(),
                            w.code(),
                            w.line()
                        ),
                    )
                    .with_hint("give every sibling a weight, or none for equal weights"),
                );
            }
        }
    }
    problems
}

/// A running weighted average with checked arithmetic.
#[derive(Default)]
struct WeightedSum {
    total: Decimal,
    weights: Decimal,
    /// Some child contributes, even with weight 0.
    any: bool,
    overflow: bool,
}

impl WeightedSum {
    fn add(&mut self, weight: Decimal, value: Decimal) {
        self.any = true;
        match (weight.checked_mul(value).and_then(|p| self.total.checked_add(p)), self.weights.checked_add(weight)) {
            (Some(total), Some(weights)) => {
                self.total = total;
                self.weights = weights;
            }
            _ => self.overflow = true,
        }
    }

    fn average(&self) -> Option<Decimal> {
        if self.overflow || self.weights.is_zero() {
            return None;
        }
        self.total.checked_div(self.weights)
    }
}

/// Rolls scores and coverage up from the indicators, children before
/// parents, and returns the body's overall score and coverage.
pub fn roll_up(plan: &Plan, results: &mut [NodeResult]) -> (Option<Decimal>, Option<Decimal>) {
    for i in plan.bottom_up_order() {
        let node = &plan.nodes[i];
        if node.is_indicator() && plan.children(i).is_empty() {
            continue;
        }
        let (score, coverage) = combine(plan.children(i), results);
        results[i].score = score.into();
        results[i].coverage = coverage.into();
    }
    let (score, coverage) = combine(&plan.roots, results);
    (score, Some(coverage.unwrap_or(Decimal::ZERO)))
}

fn combine(children: &[usize], results: &[NodeResult]) -> (Option<Decimal>, Option<Decimal>) {
    let mut score = WeightedSum::default();
    let mut coverage = WeightedSum::default();
    for &c in children {
        let child = &results[c];
        if let Some(s) = child.score.get() {
            score.add(child.effective_weight(), s);
        }
        if let Some(cov) = child.coverage.get() {
            coverage.add(child.effective_weight(), cov);
        }
    }
    // Children with targets that all weigh nothing leave nothing to measure: no coverage, like no score.
    let coverage = if coverage.any { coverage.average() } else { None };
    (score.average(), coverage)
}
