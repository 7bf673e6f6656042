//! The indicator step: an indicator's value for the year (given, computed
//! by its formula, or the baseline), its score, and the evaluator's decisions
//! applied on top.

use rayon::prelude::*;
use rust_decimal::Decimal;

use crate::actuals::{Actuals, Adjustment, Code, Decision, Entry};
use crate::diagnostic::Diagnostic;
use crate::formula::{EvalError, Failure, Quantity};
use crate::plan::{Node, Plan};
use crate::scale::Scale;
use crate::value::Value;

use super::message::Message;
use super::result::{target_of, threshold_of, Input, MissingPolicy, NodeResult, Options, ValueSource};
use super::score::{score, Status};

/// Every indicator's value, score and status for the year among the nodes
/// from `first` on, one result each in `results`, the evaluator's decisions
/// applied. The part of [`evaluate`](super::evaluate) that cannot fail, so
/// `kpi check` runs it even on a plan whose weights or decisions `evaluate`
/// would refuse, and reports every indicator in `error`; it evaluates a large
/// plan a run of nodes at a time instead of holding a result for every node.
///
/// Each indicator depends on nothing but the plan and the actuals, so a large
/// run is cut into one part of consecutive nodes per thread, each writing its
/// own part of `results`: the same results as one thread, in the same places.
///
/// Without `missing_messages`, a `missing` indicator gets its status but no
/// message (the quantities it lacks, each a copy of its names): `kpi check`
/// reads only the errors and the values, and a year with targets but no
/// actuals yet would make one for every indicator of the plan.
pub fn evaluate_indicators_from(
    plan: &Plan,
    actuals: &Actuals,
    year: i32,
    options: &Options,
    missing_messages: bool,
    first: usize,
    results: &mut [NodeResult],
) {
    let threads = crate::threads::threads().min(results.len() / PER_THREAD).max(1);
    if threads == 1 {
        return evaluate_run(plan, actuals, year, options, missing_messages, first, results);
    }
    let size = results.len().div_ceil(threads);
    std::thread::scope(|scope| {
        for (part, run) in results.chunks_mut(size).enumerate() {
            scope.spawn(move || evaluate_run(plan, actuals, year, options, missing_messages, first + part * size, run));
        }
    });
}

/// Below this many nodes a thread costs more than it saves.
const PER_THREAD: usize = 4096;

/// The indicators among the nodes from `first` on, one result each.
fn evaluate_run(
    plan: &Plan,
    actuals: &Actuals,
    year: i32,
    options: &Options,
    missing_messages: bool,
    first: usize,
    results: &mut [NodeResult],
) {
    let mut recent = Recent::default();
    for (offset, result) in results.iter_mut().enumerate() {
        evaluate_node(plan, actuals, year, options, missing_messages, first + offset, &mut recent, result);
    }
}

/// Every node's result for the year, the indicators evaluated, as
/// [`evaluate_indicators_from`] fills fresh results in. A large plan's results
/// are made, in place, by the threads that evaluate them: the memory of a
/// million results is first touched on every core, and written once
/// instead of filled with empty results first.
pub fn evaluated_results<'a>(plan: &'a Plan, actuals: &'a Actuals, year: i32, options: &Options) -> Vec<NodeResult> {
    let count = plan.nodes.len();
    let threads = crate::threads::threads().min(count / PER_THREAD).max(1);
    let pool = (threads > 1).then(|| rayon::ThreadPoolBuilder::new().num_threads(threads).build().ok()).flatten();
    let Some(pool) = pool else {
        let mut results = vec![NodeResult::default(); count];
        evaluate_run(plan, actuals, year, options, true, 0, &mut results);
        return results;
    };
    let mut results = Vec::new();
    pool.install(|| {
        (0..count)
            .into_par_iter()
            .with_min_len(PER_THREAD)
            .map_init(Recent::default, |recent, index| {
                let mut result = NodeResult::default();
                evaluate_node(plan, actuals, year, options, true, index, recent, &mut result);
                result
            })
            .collect_into_vec(&mut results);
    });
    results
}

/// What a thread evaluating indicators one after the other keeps from one
/// to the next: the code of the one before, where the next code is looked
/// for first, and the numbers of the variables of the formulas' quantities
/// met so far. Nodes with the same formula text share one parsed formula,
/// so its quantities are numbered once instead of their names hashed again
/// for every indicator (README, "The path after the reading").
struct Recent {
    before: Option<Code>,
    /// By the quantity's address in its formula (the plan does not change
    /// while it is evaluated), the number of its variable; a place holds
    /// the last quantity met there.
    variables: [(usize, Option<u32>); RECENT_VARIABLES],
}

/// The places for quantities' variables kept by [`Recent`].
const RECENT_VARIABLES: usize = 256;

impl Default for Recent {
    fn default() -> Recent {
        // No quantity is at address 0.
        Recent { before: None, variables: [(0, None); RECENT_VARIABLES] }
    }
}

impl Recent {
    /// The number of `quantity`'s variable among the actuals'.
    fn variable(&mut self, actuals: &Actuals, quantity: &Quantity) -> Option<u32> {
        let address = std::ptr::from_ref(quantity) as usize;
        let place = &mut self.variables[(address / std::mem::size_of::<Quantity>()) % RECENT_VARIABLES];
        if place.0 != address {
            *place = (address, actuals.variable_number(&quantity.key));
        }
        place.1
    }
}

/// Node `index`'s result, when it is an indicator; `recent` is what this
/// thread kept from the indicator evaluated before it ([`Recent`]);
/// `missing_messages` as in [`evaluate_indicators_from`].
#[allow(clippy::too_many_arguments)]
fn evaluate_node<'a>(
    plan: &'a Plan,
    actuals: &'a Actuals,
    year: i32,
    options: &Options,
    missing_messages: bool,
    index: usize,
    recent: &mut Recent,
    result: &mut NodeResult,
) {
    let node = &plan.nodes[index];
    if node.is_indicator() {
        let code = actuals.code_after(node.code(), recent.before);
        recent.before = Some(code);
        result.note = actuals.note_number_of(code, "", year, false);
        let outcome = indicator_value(node, actuals, code, year, missing_messages, recent);
        evaluate_indicator(node, outcome, year, options, || scale_in_force(plan, options, index), result);
        if let Some(adjustment) = actuals.adjustment_of(code, year) {
            apply_adjustment(adjustment, &actuals.place(&adjustment.origin), result);
        }
    }
}

/// The scale that scores indicator `index`: its own, or the nearest
/// ancestor's, which wins over `--scale`.
pub fn scale_in_force<'a>(plan: &'a Plan, options: &'a Options, index: usize) -> Option<&'a Scale> {
    plan.scale_of(index).or(options.scale.as_ref())
}

/// Scores the indicator's `outcome` for the year into `result`; `scale`
/// gives the scale in force, asked for only when a value is scored.
fn evaluate_indicator<'a>(
    node: &Node,
    outcome: Outcome,
    year: i32,
    options: &'a Options,
    scale: impl FnOnce() -> Option<&'a Scale>,
    result: &mut NodeResult,
) {
    let (target, threshold) = (target_of(node, year), threshold_of(node, year));

    let Some(target) = target else {
        result.status = Some(Status::NoTarget);
        match outcome {
            Outcome::Value(value, source) => {
                result.set_value(value);
                result.source = Some(source);
            }
            Outcome::Missing(message) => {
                if let Some(message) = message {
                    result.set_message(message);
                }
            }
            Outcome::Failed(failure) => result.set_failure(failure),
        }
        return;
    };

    match outcome {
        Outcome::Failed(failure) => {
            result.status = Some(Status::Error);
            result.set_failure(failure);
            result.coverage = Some(Decimal::ZERO).into();
        }
        Outcome::Missing(message) => {
            result.status = Some(Status::Missing);
            if let Some(message) = message {
                result.set_message(message);
            }
            result.coverage = Some(Decimal::ZERO).into();
            if options.missing == MissingPolicy::Zero {
                result.score = Some(Decimal::ZERO).into();
            }
        }
        Outcome::Value(value, source) => {
            result.set_value(value);
            result.source = Some(source);
            match score(target, threshold, &value, options.scoring, scale()) {
                Ok(scored) => {
                    result.score = Some(scored.score).into();
                    result.status = Some(scored.status);
                    result.keep_rule(scored.rule, Some(target), threshold);
                    result.coverage = Some(Decimal::ONE_HUNDRED).into();
                }
                Err(mismatch) => {
                    result.status = Some(Status::Error);
                    result.set_message(Message::Unscorable(mismatch));
                    result.coverage = Some(Decimal::ZERO).into();
                }
            }
        }
    }
}

/// A decision about a code that is no indicator of the plan would silently do
/// nothing, and a forced score for an indicator without a target would bring
/// it into a roll-up it is not part of: either is an error naming its row.
pub fn check_adjustments(plan: &Plan, actuals: &Actuals, year: i32) -> Result<(), Diagnostic> {
    let mut problems: Vec<Diagnostic> =
        adjustment_problems(plan, actuals).filter(|(y, _)| *y == year).map(|(_, p)| p).collect();
    problems.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    match problems.into_iter().next() {
        Some(first) => Err(first),
        None => Ok(()),
    }
}

/// Every decision, of any year, that cannot apply: about a code that is no
/// indicator of the plan, or a forced score for an indicator without a target
/// that year (see the README, "Scoring": it is outside the year's evaluation, so a score would
/// bring it back in). Neutralizing an indicator without a target is harmless.
pub fn adjustment_problems<'a>(plan: &'a Plan, actuals: &'a Actuals) -> impl Iterator<Item = (i32, Diagnostic)> + 'a {
    actuals.adjustments().filter_map(move |(code, year, adjustment)| {
        let not_an_indicator =
            "only indicators can be neutralized or have their score forced; give an indicator's code".to_string();
        let (what, hint) = match plan.find(code).map(|i| &plan.nodes[i]) {
            Some(node) if node.is_indicator() => match adjustment.decision {
                Decision::Score(_) if node.target_in(year).is_none() => (
                    format!("{code} has no target in {year}"),
                    format!(
                        "an indicator without a target is not part of the year's evaluation, so it has no score to force: remove the row, or give {code} a target_{year} in the plan"
                    ),
                ),
                _ => return None,
            },
            Some(node) => (format!("{code} is {}, not an indicator", node.level.described()), not_an_indicator),
            // Its row was reported and left out by the loader.
            None if plan.left_out.contains(code) => return None,
            None => (format!("{code} is not a code of the plan"), not_an_indicator),
        };
        let problem = Diagnostic::error(
            actuals.file(&adjustment.origin),
            Some(adjustment.origin.line()),
            format!("{} for {year}: {what}", adjustment.decision),
        )
        .with_hint(hint);
        Some((year, problem))
    })
}

/// Applies the evaluator's decision on top of the computed result, which is
/// kept (value, rule) so that outputs can show both.
fn apply_adjustment(adjustment: &Adjustment, place: &str, result: &mut NodeResult) {
    let computed = result.status.map(|status| (status, result.score.get()));
    let (place, note) = (place.to_string(), adjustment.note.clone());
    match adjustment.decision {
        Decision::Neutralize => {
            result.status = Some(Status::Neutralized);
            result.score = None.into();
            result.coverage = None.into();
            result.set_message(Message::Neutralized { place, note });
        }
        Decision::Score(score) => {
            result.status = Some(Status::of_score(score));
            result.score = Some(score).into();
            result.coverage = Some(Decimal::ONE_HUNDRED).into();
            result.set_message(Message::Forced { score, place, note, computed });
        }
    }
    result.set_adjustment(adjustment.clone());
}

/// A quantity of an indicator's formula as the actuals give it for `year`
/// (N-k years earlier where lagged): under the indicator's code, else shared.
pub fn find_input<'a>(actuals: &'a Actuals, code: &str, quantity: &'a Quantity, year: i32) -> Option<Input<'a>> {
    let code = actuals.code(code);
    let (at, entry, shared) = locate(actuals, code, quantity, year)?;
    Some(input(actuals, code, quantity, at, entry, shared))
}

/// The year a quantity is read for, its entry and whether it is shared.
/// Borrows only: it runs for every quantity of every indicator.
fn locate(actuals: &Actuals, code: Code, quantity: &Quantity, year: i32) -> Option<(i32, Entry, bool)> {
    locate_variable(actuals, code, quantity, actuals.variable_number(&quantity.key)?, year)
}

/// [`locate`] with the number of the quantity's variable.
fn locate_variable(
    actuals: &Actuals,
    code: Code,
    quantity: &Quantity,
    variable: u32,
    year: i32,
) -> Option<(i32, Entry, bool)> {
    let at = year.checked_sub(i32::try_from(quantity.lag).ok()?)?;
    let (entry, shared) = actuals.quantity_numbered(code, variable, at)?;
    Some((at, entry, shared))
}

fn input<'a>(
    actuals: &'a Actuals,
    code: Code,
    quantity: &'a Quantity,
    at: i32,
    entry: Entry,
    shared: bool,
) -> Input<'a> {
    let note = actuals.note_of(code, &quantity.key, at, shared);
    Input { quantity, note, value: entry.value, origin: entry.origin, year: at, shared }
}

/// The quantities a computed value was made of, each once, in the order the
/// formula first reads them, with their values, rows and notes: what the
/// evaluation read, read again for the outputs that show it, so that the
/// evaluation need not keep them.
pub fn inputs<'a>(actuals: &'a Actuals, node: &'a Node, year: i32) -> Vec<Input<'a>> {
    let Some(formula) = &node.formula else { return Vec::new() };
    let code = actuals.code(node.code());
    let mut found: Vec<Input<'a>> = Vec::new();
    for q in formula.quantities() {
        if found.iter().any(|i| i.quantity == q) {
            continue;
        }
        if let Some((at, entry, shared)) = locate(actuals, code, q, year) {
            found.push(input(actuals, code, q, at, entry, shared));
        }
    }
    found
}

enum Outcome {
    Value(Value, ValueSource),
    /// No value: why, unless it was not asked for.
    Missing(Option<Message>),
    Failed(Failure),
}

/// The value in the order the README gives ("The actuals files"): given directly, else computed, else
/// the baseline, else missing (with why, if `missing_messages`).
fn indicator_value(
    node: &Node,
    actuals: &Actuals,
    code: Code,
    year: i32,
    missing_messages: bool,
    recent: &mut Recent,
) -> Outcome {
    if let Some(entry) = actuals.own_value_of(code, year) {
        return Outcome::Value(entry.value, ValueSource::Given);
    }
    let baseline = node.baseline_by_year().get(&year).copied();
    let Some(formula) = &node.formula else {
        return match baseline {
            Some(v) => Outcome::Value(v, ValueSource::Baseline),
            None => {
                Outcome::Missing(missing_messages.then(|| Message::NoValue { code: node.code().to_string(), year }))
            }
        };
    };
    let mut lookup = |q: &Quantity| {
        locate_variable(actuals, code, q, recent.variable(actuals, q)?, year).map(|(_, entry, _)| entry.value)
    };
    let result = if missing_messages { formula.evaluate(&mut lookup) } else { formula.evaluate_unlisted(&mut lookup) };
    match result {
        Ok(value) => Outcome::Value(value, ValueSource::Computed),
        Err(EvalError::Missing(quantities)) => match baseline {
            Some(v) => Outcome::Value(v, ValueSource::Baseline),
            None => Outcome::Missing(missing_messages.then(|| {
                Message::MissingQuantities(
                    quantities
                        .into_iter()
                        .map(|q| {
                            let at = year - i32::try_from(q.lag).unwrap_or(0);
                            (q, at)
                        })
                        .collect(),
                )
            })),
        },
        Err(EvalError::Failed(failure)) => Outcome::Failed(failure),
    }
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostics;
    use crate::files::sheet::Sheet;
    use crate::plan::{load_plan, PlanOptions};

    #[test]
    fn each_quantity_finds_its_own_variable_however_many_formulas_there_are() {
        // 600 indicators, each with a formula of its own, `[q{i}] / [d]`:
        // 600 quantities named differently plus 600 of `d`, more than
        // `Recent` has places, so quantities take one another's places.
        // q{i} is given as i (under the code for even i, shared for odd i)
        // and d shared as 4, except that q7 is never given: K{i} is i / 4.
        let mut plan = String::from("level,code,formula,target_2024\n");
        let mut actuals = String::from("year,code,variable,value\n2024,,d,4\n");
        for i in 0..600 {
            plan.push_str(&format!("indicator,K{i},[q{i}] / [d],>= 1\n"));
            if i != 7 {
                let code = if i % 2 == 0 { format!("K{i}") } else { String::new() };
                actuals.push_str(&format!("2024,{code},q{i},{i}\n"));
            }
        }
        let mut diagnostics = Diagnostics::reading_on();
        let plan = load_plan(&Sheet::parse("p.csv", &plan).unwrap(), PlanOptions::default(), &mut diagnostics).unwrap();
        let mut read = Actuals::default();
        read.add_sheet(&Sheet::parse("a.csv", &actuals).unwrap(), None, &mut diagnostics);
        diagnostics.no_error().unwrap();
        let options = Options::default();
        let mut results = vec![NodeResult::default(); plan.nodes.len()];
        // Twice over the same thread's `Recent`, as a thread evaluating a run of them does.
        evaluate_run(&plan, &read, 2024, &options, true, 0, &mut results);
        evaluate_run(&plan, &read, 2024, &options, true, 0, &mut results);
        for (i, result) in results.iter().enumerate() {
            let expected = (i != 7).then(|| Value::Number(Decimal::from(i as u32) / Decimal::from(4)));
            assert_eq!(result.value(), expected, "K{i}");
        }
        // The same as the results made in parallel.
        let parallel = evaluated_results(&plan, &read, 2024, &options);
        assert_eq!(parallel, results);
    }
}
