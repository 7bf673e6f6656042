//! Siblings' weights: none may be empty among weighted siblings, and they
//! should add up to 100, whether or not they are written with `%` (the sign
//! changes nothing: `20 %` and `20` weigh the same). Any other sum is a
//! warning naming the sum and each weight: the roll-up still divides by the
//! sum, so relative weights (1, 2, 1) give the same scores, but a sum of 90
//! or 110 is most often a mistyped weight.

use std::collections::HashSet;
use std::fmt::Write;

use rust_decimal::Decimal;

use super::{years_text, Subject};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::evaluate::rollup::sibling_weight_problems;
use crate::figure;
use crate::lang::Lang;

/// Percentages rounded to two decimals may miss 100 by this much (3 × 33,33).
fn rounding() -> Decimal {
    Decimal::new(1, 1)
}

/// Whether percentages add up to 100, give or take the rounding; a sum whose
/// distance from 100 cannot be computed does not.
fn adds_up(sum: Decimal) -> bool {
    sum.checked_sub(Decimal::ONE_HUNDRED).is_some_and(|off| off.abs() <= rounding())
}

/// Each group of siblings is looked at once for every year: its weights are
/// read once a year, and the empty ones among weighted siblings (errors, one
/// per node, in the first year it is empty) come before the sums.
pub(super) fn check(subject: &Subject, out: &mut Diagnostics) {
    let plan = subject.plan;
    let mut empty = Vec::new();
    let mut sums = Vec::new();
    let mut reported = HashSet::new();
    let mut found = Vec::new();
    // The siblings' weights in one year, the same room for every group.
    let mut weights: Vec<Option<Decimal>> = Vec::new();
    for siblings in plan.sibling_groups() {
        if siblings.is_empty() {
            continue;
        }
        // Shown as the plan writes them: with `%` when the group does.
        let percent = if siblings.iter().any(|&i| plan.nodes[i].weight_in_percent) { " %" } else { "" };
        // The sum in each year, and the years it is wrong in; the weights
        // are named as they are in the first.
        // `None` for a sum too large to compute, which cannot be 100 either.
        let mut wrong: Vec<(i32, Option<Decimal>)> = Vec::new();
        let mut parts = String::new();
        for &year in subject.years {
            weights.clear();
            weights.extend(siblings.iter().map(|&i| plan.nodes[i].weight_in(year)));
            if weights.iter().any(Option::is_none) {
                if weights.iter().any(Option::is_some) {
                    sibling_weight_problems(plan, siblings, year, &mut found);
                    empty.extend(found.drain(..).filter(|problem| reported.insert(problem.line)));
                }
                continue;
            }
            let sum = weights.iter().flatten().try_fold(Decimal::ZERO, |acc, w| acc.checked_add(*w));
            if !sum.is_some_and(adds_up) {
                if wrong.is_empty() {
                    for (n, (&i, w)) in siblings.iter().zip(weights.iter().flatten()).enumerate() {
                        let comma = if n == 0 { "" } else { ", " };
                        let weight = figure::weight(*w, Lang::default().figures());
                        // Writing to a String cannot fail.
                        let _ = write!(parts, "{comma}{} {weight}{percent}", plan.nodes[i].code());
                    }
                }
                wrong.push((year, sum));
            }
        }
        let Some((_, sum)) = wrong.first() else { continue };
        let first = &plan.nodes[siblings[0]];
        let whose = match first.parent() {
            Some(p) => format!("under {}", plan.nodes[p].code()),
            None => "of the top-level nodes".to_string(),
        };
        let when = if wrong.len() == subject.years.len() {
            String::new()
        } else {
            format!(" in {}", years_text(&wrong.iter().map(|(y, _)| *y).collect::<Vec<_>>()))
        };
        let diagnostic = match sum {
            Some(sum) => Diagnostic::warning(
                &plan.source,
                first.line(),
                format!("the weights {whose} add up to {}{percent}{when}, not 100{percent}: {parts}", figure::weight(*sum, Lang::default().figures())),
            )
            .with_hint(format!(
                "the roll-up divides by the sum, so each weight counts as its share of {}; if one is mistyped, correct it",
                figure::weight(*sum, Lang::default().figures())
            )),
            None => Diagnostic::warning(
                &plan.source,
                first.line(),
                format!("the weights {whose} add up to more than kpi can compute{when}, not 100{percent}: {parts}"),
            )
            .with_hint("a weight is mistyped: correct it"),
        };
        sums.push(diagnostic);
    }
    out.extend(empty);
    out.extend(sums);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sum_too_far_from_100_to_compute_does_not_add_up() {
        assert!(adds_up(Decimal::new(9999, 2)));
        assert!(!adds_up(Decimal::from(90)));
        assert!(!adds_up(Decimal::MIN));
    }
}
