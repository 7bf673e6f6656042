//! Percent indicators: kpi reads `85 %` as 0,85, like a spreadsheet, and
//! compares values with targets that way. A formula that multiplies by 100,
//! or a value above 10 (1.000 %), is almost surely a percent written as a
//! number of points.

use rust_decimal::Decimal;

use super::Subject;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::target::Target;
use crate::value::Value;

fn is_percent(unit: Option<&str>) -> bool {
    unit == Some("%")
}

/// Above this a fraction is more than 1.000 %: probably a missing `%`.
fn too_large(n: Decimal) -> bool {
    n.abs() > Decimal::TEN
}

pub(super) fn check(subject: &Subject, out: &mut Diagnostics) {
    let plan = subject.plan;
    for (index, node) in plan.nodes.iter().enumerate() {
        if !node.is_indicator() || !is_percent(node.unit.as_deref()) || subject.plan.flawed.contains(&index) {
            continue;
        }
        if let Some(formula) = &node.formula {
            if let Some(column) = formula.multiplies_by_hundred() {
                out.push(
                    Diagnostic::error(
                        &plan.source,
                        node.line,
                        format!("{} is a percent indicator but its formula multiplies by 100", node.code),
                    )
                    .at_column(&formula.source, column)
                    .with_hint("kpi keeps percents as fractions (85 % is 0,85) and its targets too: drop the `* 100`"),
                );
            }
        }
        let mut cells: Vec<String> = Vec::new();
        let number = |v: &Value| v.as_number().filter(|n| too_large(*n));
        for (year, v) in &node.baseline_by_year {
            if let Some(n) = number(v) {
                cells.push(format!("baseline_{year} {}", n.normalize()));
            }
        }
        if let Some(n) = node.threshold.as_ref().and_then(number) {
            cells.push(format!("threshold {}", n.normalize()));
        }
        for (year, v) in &node.threshold_by_year {
            if let Some(n) = number(v) {
                cells.push(format!("threshold_{year} {}", n.normalize()));
            }
        }
        for (year, t) in &node.target_by_year {
            if let Target::Number { value, .. } = t {
                if too_large(*value) {
                    cells.push(format!("target_{year} {}", value.normalize()));
                }
            }
        }
        if !cells.is_empty() {
            out.push(
                Diagnostic::warning(
                    &plan.source,
                    node.line,
                    format!("{} is a percent indicator but has values above 1.000 %: {}", node.code, cells.join(", ")),
                )
                .with_hint("write percents with the % sign (85 %, not 85): without it 85 means 8.500 %"),
            );
        }
    }
    let Some(actuals) = subject.actuals else { return };
    for (index, code, year, entry, n) in percents_given_as_points(plan, actuals) {
        if subject.plan.flawed.contains(&index) {
            continue;
        }
        out.push(
            Diagnostic::warning(
                &actuals.files[entry.origin.file],
                entry.origin.line,
                format!("{code} is a percent indicator but its {year} value {} is above 1.000 %", n.normalize()),
            )
            .with_hint("write percents with the % sign (85 %, not 85): without it 85 means 8.500 %"),
        );
    }
}

/// The own values the actuals give for percent indicators that are above 10
/// (1.000 %): almost surely points written without `%`. Shared by `check`
/// and by `eval`, which warns about them too, since they score silently.
pub fn percents_given_as_points<'a>(
    plan: &'a crate::plan::Plan,
    actuals: &'a crate::actuals::Actuals,
) -> impl Iterator<Item = (usize, &'a str, i32, &'a crate::actuals::Entry, Decimal)> + 'a {
    actuals.entries().filter_map(move |(code, variable, year, entry)| {
        let index = plan.find(code).filter(|_| variable.is_empty())?;
        let node = &plan.nodes[index];
        if !node.is_indicator() || !is_percent(node.unit.as_deref()) {
            return None;
        }
        let n = entry.value.as_number().filter(|n| too_large(*n))?;
        Some((index, code, year, entry, n))
    })
}
