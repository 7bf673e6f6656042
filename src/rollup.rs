//! Weighted roll-up (SPEC §7): score(node) = Σ wᵢ·sᵢ / Σ wᵢ over the
//! children scored that year, and how much of each node's weight was measured.

use rust_decimal::Decimal;

use crate::error::InputError;
use crate::evaluate::NodeResult;
use crate::plan::Plan;

/// Fills in each node's weight for the year. Siblings that all leave the
/// weight empty weigh the same (100/n each); an empty weight among weighted
/// siblings is an error naming its line.
pub fn resolve_weights(plan: &Plan, year: i32, results: &mut [NodeResult]) -> Result<(), InputError> {
    let groups = std::iter::once(&plan.roots).chain(plan.nodes.iter().map(|n| &n.children));
    for siblings in groups {
        let weighted = siblings.iter().find(|&&i| plan.nodes[i].weight_in(year).is_some());
        for &i in siblings {
            let node = &plan.nodes[i];
            let weight = node.weight_in(year);
            if weight.is_none() {
                if let Some(&w) = weighted {
                    return Err(InputError::new(
                        &plan.source,
                        Some(node.line),
                        format!(
                            "{} has no weight for {year} while its sibling {} (line {}) has one: give every sibling a weight, or none for equal weights",
                            node.code, plan.nodes[w].code, plan.nodes[w].line
                        ),
                    ));
                }
            }
            results[i].weight = weight;
            results[i].effective_weight = weight.unwrap_or(Decimal::ONE);
        }
        if weighted.is_none() {
            // Equal weights roll up with 1 each (exact); the weight shown is
            // each sibling's share of 100, so it reads like any other weight.
            let share = Decimal::ONE_HUNDRED.checked_div(Decimal::from(siblings.len()));
            for &i in siblings {
                results[i].weight = share;
            }
        }
    }
    Ok(())
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
        if node.is_indicator() && node.children.is_empty() {
            continue;
        }
        let (score, coverage) = combine(&node.children, results);
        results[i].score = score;
        results[i].coverage = coverage;
    }
    let (score, coverage) = combine(&plan.roots, results);
    (score, Some(coverage.unwrap_or(Decimal::ZERO)))
}

fn combine(children: &[usize], results: &[NodeResult]) -> (Option<Decimal>, Option<Decimal>) {
    let mut score = WeightedSum::default();
    let mut coverage = WeightedSum::default();
    for &c in children {
        let child = &results[c];
        if let Some(s) = child.score {
            score.add(child.effective_weight, s);
        }
        if let Some(cov) = child.coverage {
            coverage.add(child.effective_weight, cov);
        }
    }
    // Children with targets that all weigh nothing leave nothing to measure: no coverage, like no score.
    let coverage = if coverage.any { coverage.average() } else { None };
    (score.average(), coverage)
}
