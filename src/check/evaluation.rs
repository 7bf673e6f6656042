//! What `kpi eval` would score as `error`: a formula that divides by zero or
//! overflows, a date or yes/no in arithmetic, a value of the wrong kind for
//! its target. The evaluator itself decides, year by year, so check and eval
//! cannot disagree; here each error gets its plan line, the place of the
//! values to blame and what to do about it.

use std::collections::BTreeMap;

use super::{years_text, Subject};
use crate::actuals::Actuals;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::evaluate::score::Status;
use crate::evaluate::{find_input, given_origin, inputs, Input, NodeResult, ValueSource};
use crate::figure;
use crate::formula::{Cause, Failure};
use crate::lang::Lang;
use crate::plan::{Node, Plan};
use crate::target::Target;

/// The indicators the evaluator scores as error, year by year. The same
/// problem in several years (one from the plan alone) is one finding naming
/// them: (node, what, message, hint) → years.
#[derive(Default)]
pub(super) struct Found(BTreeMap<(usize, &'static str, String, String), Vec<i32>>);

impl Found {
    /// The errors among one year's `results` of the nodes from `first` on.
    pub(super) fn add_year(
        &mut self,
        subject: &Subject,
        actuals: &Actuals,
        year: i32,
        first: usize,
        results: &[NodeResult],
    ) {
        let plan = subject.plan;
        for (index, result) in (first..).zip(results) {
            // A row the loader could not read is reported there, once.
            if result.status != Some(Status::Error) || subject.flawed(index) {
                continue;
            }
            let node = &plan.nodes[index];
            let (what, hint) = match result.failure() {
                Some(failure) => ("computed", failure_hint(actuals, node, year, failure)),
                None => ("scored", mismatch_hint(actuals, node, year, result)),
            };
            // kpi check speaks English throughout (README, "kpi check").
            let message = result.message().map(|m| Lang::English.message(m)).unwrap_or_default();
            self.0.entry((index, what, message, hint)).or_default().push(year);
        }
    }

    /// One error per finding, in plan order.
    pub(super) fn report(self, plan: &Plan, out: &mut Diagnostics) {
        for ((index, what, message, hint), years) in self.0 {
            let node = &plan.nodes[index];
            out.push(
                Diagnostic::error(
                    &plan.source,
                    node.line(),
                    format!("{} cannot be {what} for {}: {message}", node.code(), years_text(&years)),
                )
                .with_hint(hint),
            );
        }
    }
}

/// The quantity to blame for a formula that failed, and where it was given.
fn failure_hint(actuals: &Actuals, node: &Node, year: i32, failure: &Failure) -> String {
    let code = node.code();
    let given = |q| find_input(actuals, code, q, year);
    let neutralize = format!(
        "or, if {code} cannot be measured for {year}, neutralize it: a row with variable #neutralize and the reason in the note"
    );
    match &failure.cause {
        Cause::DivisionByZero(divisor) if divisor.is_empty() => {
            "the formula divides by a number that comes to 0 whatever the values: correct the formula".into()
        }
        Cause::DivisionByZero(divisor) => {
            let inputs: Vec<Input> = divisor.iter().filter_map(given).collect();
            let zero: Vec<String> = inputs
                .iter()
                .filter(|i| i.value.as_number().is_some_and(|n| n.is_zero()))
                .map(|i| format!("{} is 0 in {} ({})", i.quantity, i.year, actuals.place(&i.origin)))
                .collect();
            if zero.is_empty() {
                format!("the divisor comes to 0 from {}: correct a value, {neutralize}", listed(actuals, &inputs))
            } else {
                format!("{}: correct it, {neutralize}", zero.join(", "))
            }
        }
        Cause::Overflow => {
            let inputs: Vec<Input> = failure_quantities(node).filter_map(given).collect();
            format!(
                "the result goes beyond 28 significant digits: check the values and their units ({})",
                listed(actuals, &inputs)
            )
        }
        Cause::NotANumber(quantity, kind) => {
            let place = given(quantity).map(|i| format!(" ({})", actuals.place(&i.origin))).unwrap_or_default();
            format!(
                "{quantity} is given as a {kind}{place}, but arithmetic needs a number: give it as one, or, if the value of {code} is that {kind} itself, make the formula the bare {quantity}"
            )
        }
    }
}

/// Every quantity of the indicator's formula, each once.
fn failure_quantities(node: &Node) -> impl Iterator<Item = &crate::formula::Quantity> {
    let mut all = node.formula.as_ref().map(|f| f.quantities()).unwrap_or_default();
    let mut seen = std::collections::HashSet::new();
    all.retain(|q| seen.insert((&q.key, q.lag)));
    all.into_iter()
}

/// `[a] 5 in 2024 (a.csv:3), [b] 5 in 2024 (a.csv:4)`.
fn listed(actuals: &Actuals, inputs: &[Input]) -> String {
    let each: Vec<String> = inputs
        .iter()
        .map(|i| {
            format!(
                "{} {} in {} ({})",
                i.quantity,
                figure::value(&i.value, None, Lang::default().figures()),
                i.year,
                actuals.place(&i.origin)
            )
        })
        .collect();
    each.join(", ")
}

/// Where a value of the wrong kind for its target came from, and what the
/// target needs.
fn mismatch_hint(actuals: &Actuals, node: &Node, year: i32, result: &NodeResult) -> String {
    let source = match &result.source {
        Some(ValueSource::Given) => {
            let place = given_origin(actuals, node, year).map(|origin| actuals.place(&origin)).unwrap_or_default();
            format!("the value is given at {place}")
        }
        Some(ValueSource::Computed) => match inputs(actuals, node, year).as_slice() {
            [] => "the value is the formula's".into(),
            read => format!("the value comes from {}", listed(actuals, read)),
        },
        Some(ValueSource::Baseline) => format!("the value is the plan's baseline_{year}"),
        None => "the value".into(),
    };
    let Some(target) = crate::evaluate::target_of(node, year) else { return source };
    let example = match target {
        Target::Number { .. } | Target::Range { .. } => "a number",
        Target::Deadline(_) => "a date, like 31-03-2024",
        Target::Boolean(_) => "SI or NO",
    };
    format!(
        "{source}; the target {} needs {example}: correct the value, or the target",
        figure::target(target, node.unit.as_ref(), Lang::default().figures())
    )
}
