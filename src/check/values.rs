//! Can every indicator with a target get its value? Each quantity its
//! formula names must be in the actuals for the year (or N-k where lagged),
//! and an indicator without a formula needs its own value or a baseline.

use std::collections::{HashMap, HashSet};

use super::{years_text, Subject};
use crate::actuals::{Actuals, Entry};
use crate::diagnostic::Diagnostic;
use crate::plan::Node;
use crate::similar::closest;

pub(super) fn check(subject: &Subject, actuals: &Actuals, out: &mut Vec<Diagnostic>) {
    let plan = subject.plan;
    // The rows no formula reads, by code: where a typo of a missing name hides.
    let used = super::unused::used_keys(plan);
    let mut unread: HashMap<&str, Vec<(&str, &Entry)>> = HashMap::new();
    for (code, key, _, entry) in actuals.entries() {
        if !key.is_empty() && !used.contains(key) {
            unread.entry(code).or_default().push((key, entry));
        }
    }
    for (index, node) in plan.nodes.iter().enumerate() {
        if !node.is_indicator() || subject.flawed.contains(&index) {
            continue;
        }
        // The years whose value must come from a formula or a baseline.
        let years: Vec<i32> = subject
            .value_years
            .iter()
            .copied()
            .filter(|&y| node.target_in(y).is_some())
            .filter(|&y| actuals.adjustment(&node.code, y).is_none() && actuals.own_value(&node.code, y).is_none())
            .filter(|y| !node.baseline_by_year.contains_key(y))
            .collect();
        if years.is_empty() {
            continue;
        }
        let Some(formula) = &node.formula else {
            out.push(no_way(&plan.source, node, &years));
            continue;
        };
        let mut seen = HashSet::new();
        for (quantity, column) in formula.quantities_with_columns() {
            if !seen.insert((&quantity.key, quantity.lag)) {
                continue;
            }
            let lag = i32::try_from(quantity.lag).unwrap_or(i32::MAX);
            let missing: Vec<i32> = years
                .iter()
                .filter_map(|y| y.checked_sub(lag))
                .filter(|&y| actuals.quantity(&node.code, &quantity.key, y).is_none())
                .collect();
            let Some(&first) = missing.first() else { continue };
            let needed_for = if quantity.lag == 0 {
                String::new()
            } else {
                let of: Vec<i32> = missing.iter().map(|y| y + lag).collect();
                format!(" (N-{} of {})", quantity.lag, years_text(&of))
            };
            let hint = match typo(actuals, &unread, &node.code, &quantity.key) {
                Some(place) => format!("{place}: a typo? The name must match the formula's, case and spaces aside"),
                None => format!(
                    "add a row with year {first}, code {} (or blank, if the quantity is shared), variable `{}` and its value; `kpi template` lists every row needed",
                    node.code, quantity.name
                ),
            };
            out.push(
                Diagnostic::error(
                    &plan.source,
                    node.line,
                    format!("{quantity} of {} is not given for {}{needed_for}", node.code, years_text(&missing)),
                )
                .at_column(&formula.source, column)
                .with_hint(hint),
            );
        }
    }
}

fn no_way(source: &str, node: &Node, years: &[i32]) -> Diagnostic {
    Diagnostic::error(
        source,
        node.line,
        format!("{} has a target for {} but no way to get its value", node.code, years_text(years)),
    )
    .with_hint(format!(
        "give it a formula, a baseline_{} in the plan, or its value in the actuals (year {}, code {}, blank variable)",
        years[0], years[0], node.code
    ))
}

/// An actuals row for this indicator (or shared) that no formula uses, with
/// a name close to the missing one: `actuals.csv:4 gives `Folower``.
fn typo(actuals: &Actuals, unread: &HashMap<&str, Vec<(&str, &Entry)>>, code: &str, key: &str) -> Option<String> {
    let candidates: Vec<&(&str, &Entry)> = [code, ""].iter().filter_map(|c| unread.get(c)).flatten().collect();
    let near = closest(key, candidates.iter().map(|(var, _)| *var))?;
    let entry = candidates
        .iter()
        .filter(|(var, _)| *var == near)
        .map(|(_, e)| *e)
        .min_by_key(|e| (e.origin.file, e.origin.line))?;
    Some(format!("{} gives `{}`", actuals.place(&entry.origin), entry.variable))
}
