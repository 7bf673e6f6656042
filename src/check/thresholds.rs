//! A soglia is the worst value still worth partial credit, so it lies on
//! the far side of the target: below it when higher is better, above it when
//! lower is better, after it for a deadline.

use super::{years_text, Subject};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::figure;
use crate::lang::Lang;
use crate::target::{Direction, Target};
use crate::value::Value;

pub(super) fn check(subject: &Subject, out: &mut Diagnostics) {
    let plan = subject.plan;
    for (index, node) in plan.nodes.iter().enumerate() {
        if !node.is_indicator() || subject.flawed(index) {
            continue;
        }
        let mut wrong: Vec<(i32, &Target, &Value, &'static str)> = Vec::new();
        for &year in subject.years {
            let (Some(target), Some(threshold)) = (node.target_in(year), node.threshold_in(year)) else { continue };
            let side = match (target, threshold) {
                (Target::Number { value: t, .. }, Value::Number(s)) => match target.direction() {
                    Direction::HigherIsBetter if s > t => Some("above"),
                    Direction::LowerIsBetter if s < t => Some("below"),
                    _ => None,
                },
                (Target::Deadline(t), Value::Date(s)) if s < t => Some("before"),
                _ => None,
            };
            if let Some(side) = side {
                wrong.push((year, target, threshold, side));
            }
        }
        let Some(&(_, target, threshold, side)) = wrong.first() else { continue };
        let unit = node.unit.as_ref();
        let years: Vec<i32> = wrong.iter().map(|(y, ..)| *y).collect();
        let (should, direction) = match target.direction() {
            Direction::HigherIsBetter => ("below", "higher is better"),
            Direction::LowerIsBetter => ("above", "lower is better"),
            _ => ("after", "a deadline"),
        };
        out.push(
            Diagnostic::error(
                &plan.source,
                node.line(),
                format!(
                    "the soglia {} of {} is {side} its target {} ({})",
                    figure::value(threshold, unit, Lang::default().figures()),
                    node.code(),
                    figure::target(target, unit, Lang::default().figures()),
                    years_text(&years)
                ),
            )
            .with_hint(format!(
                "the soglia is the worst value still worth partial credit: with {direction} it must be {should} the target; swap them or correct one"
            )),
        );
    }
}
