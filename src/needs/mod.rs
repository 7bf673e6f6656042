//! `kpi needs`: mid-year monitoring. From the evaluation of the actuals
//! collected so far, what each indicator still needs (its value, or the
//! quantity of its formula still to come), its deadline, and what the body
//! can still end the year with. Everything is computed with the evaluator's
//! own scorer, formula and roll-up, so it never disagrees with `kpi eval`.

pub mod body;
pub mod need;
mod note;
pub mod solve;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::actuals::Actuals;
use crate::actuals::Decision;
use crate::evaluate::score::{score, Scored, Status};
use crate::evaluate::{find_input, scale_in_force, Evaluation};
use crate::formula::Quantity;
use crate::plan::Plan;
use crate::scale::Scale;
use crate::target::Target;
use crate::value::Value;
use body::{bounds, goal, Goal};
use need::{needed_value, zero_below, InForce, Need, NeedOutcome, Wanted};
pub use note::{Note, Unreachable};
use solve::{solve, Problem, Solved};

/// The names of a node's needs as the machine formats write them, in order;
/// the English workbook titles its columns with them too.
pub const FIELDS: [&str; 21] = [
    "level",
    "code",
    "parent",
    "name",
    "unit",
    "status",
    "score",
    "floor",
    "ceiling",
    "target",
    "value",
    "needs",
    "needs_direction",
    "zero_below",
    "solve_quantity",
    "solve_year",
    "solve_value",
    "solve_direction",
    "days_left",
    "days_to_soglia",
    "message",
];

/// The decimals a value is printed with in machine outputs: a needed value
/// is rounded to them, the way that still reaches.
pub const PRINTED_DP: u32 = 10;

/// What is asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ask {
    pub wanted: Wanted,
    /// `--solve NAME`: the quantity to solve for in every formula naming it,
    /// as actuals file it (see `variable_key`).
    pub solve: Option<String>,
    /// `--goal G`: the overall score to reach.
    pub goal: Option<Decimal>,
    /// `--as-of DATE`: the day deadlines are counted from.
    pub as_of: NaiveDate,
}

/// The quantity still to come and what it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Solution {
    pub quantity: Quantity,
    /// The year it is needed for (the evaluated year, less its lag).
    pub year: i32,
    pub solved: Solved,
    /// The indicator's value with the printed figure put in, and its score:
    /// the round trip `kpi eval` makes once the quantity is given.
    pub check: Option<(Value, Scored)>,
}

/// What one indicator needs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IndicatorNeeds {
    /// The scale in force for it, if any (the rule its partial credit follows).
    pub scale: Option<Scale>,
    pub need: Option<Need>,
    pub zero_below: Option<Value>,
    pub solution: Option<Solution>,
    /// Days from `--as-of` to a deadline target (negative once it has passed).
    pub days_left: Option<i64>,
    /// Days from `--as-of` to a deadline's soglia, while partial credit lasts.
    pub days_to_soglia: Option<i64>,
    /// Why nothing is needed, or nothing reaches it, and the deadline's state.
    pub notes: Vec<Note>,
}

/// One node: its floor and ceiling; for an indicator, what it needs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NodeNeeds {
    pub floor: Option<Decimal>,
    pub ceiling: Option<Decimal>,
    pub indicator: Option<IndicatorNeeds>,
}

/// The whole answer, nodes in plan order beside the evaluation's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Needs {
    pub as_of: NaiveDate,
    pub wanted: Wanted,
    pub floor: Option<Decimal>,
    pub ceiling: Option<Decimal>,
    pub goal: Option<Goal>,
    pub nodes: Vec<NodeNeeds>,
}

/// What every node needs, from the evaluation of the actuals so far.
pub fn needs(plan: &Plan, actuals: &Actuals, evaluation: &Evaluation, ask: &Ask) -> Needs {
    let bounds = bounds(plan, evaluation);
    let nodes = (0..plan.nodes.len())
        .map(|i| NodeNeeds {
            floor: bounds.floor[i],
            ceiling: bounds.ceiling[i],
            indicator: (plan.nodes[i].is_indicator() && plan.children(i).is_empty())
                .then(|| indicator_needs(plan, actuals, evaluation, ask, i)),
        })
        .collect();
    Needs {
        as_of: ask.as_of,
        wanted: ask.wanted,
        floor: bounds.overall_floor,
        ceiling: bounds.overall_ceiling,
        goal: ask.goal.map(|g| goal(plan, evaluation, &bounds, g)),
        nodes,
    }
}

/// What indicator `index` needs.
pub fn indicator_needs(
    plan: &Plan,
    actuals: &Actuals,
    evaluation: &Evaluation,
    ask: &Ask,
    index: usize,
) -> IndicatorNeeds {
    let result = &evaluation.nodes[index];
    let year = evaluation.year;
    let Some(target) = evaluation.target(index) else {
        return IndicatorNeeds { notes: vec![Note::NoTarget { year }], ..IndicatorNeeds::default() };
    };
    match (result.status, result.adjustment().map(|a| a.decision)) {
        (Some(Status::Neutralized), _) | (_, Some(Decision::Score(_))) => {
            return IndicatorNeeds {
                notes: vec![Note::Decided(result.message().cloned())],
                ..IndicatorNeeds::default()
            }
        }
        _ => {}
    }
    let scoring = evaluation.options.scoring;
    let threshold = evaluation.threshold(index);
    let mut notes: Vec<Note> = Vec::new();
    let scale = scale_in_force(plan, &evaluation.options, index);
    let rule = InForce { scoring, scale };
    let mut out = IndicatorNeeds {
        scale: scale.cloned(),
        zero_below: zero_below(target, threshold, rule),
        ..IndicatorNeeds::default()
    };
    match needed_value(target, threshold, rule, ask.wanted, result.value().as_ref()) {
        NeedOutcome::Need(need) => out.need = Some(need),
        NeedOutcome::Unreachable(why) => notes.push(Note::Unreachable(why)),
    }
    match result.status {
        Some(Status::Achieved) => notes.push(Note::AchievedSoFar),
        Some(Status::Error) => notes.push(Note::Failed(result.message().cloned())),
        _ => {}
    }
    if let Some(need) = &out.need {
        let (solution, note) = quantity_to_come(plan, actuals, evaluation, ask, index, rule, need);
        out.solution = solution;
        notes.extend(note);
    }
    if let Target::Deadline(deadline) = target {
        deadline_notes(result.value().is_some(), *deadline, threshold, ask.as_of, &mut out, &mut notes);
    }
    out.notes = notes;
    out
}

/// The quantity of the formula still to come (the one missing, or the one
/// named with `--solve`), solved; or a note saying why there is none to solve.
fn quantity_to_come(
    plan: &Plan,
    actuals: &Actuals,
    evaluation: &Evaluation,
    ask: &Ask,
    index: usize,
    rule: InForce,
    need: &Need,
) -> (Option<Solution>, Option<Note>) {
    let node = &plan.nodes[index];
    let year = evaluation.year;
    let (Some(formula), Some(target)) = (&node.formula, evaluation.target(index)) else { return (None, None) };
    if actuals.own_value(node.code(), year).is_some() {
        return (None, None);
    }
    let mut distinct: Vec<&Quantity> = Vec::new();
    for q in formula.quantities() {
        if !distinct.iter().any(|d| d.key == q.key && d.lag == q.lag) {
            distinct.push(q);
        }
    }
    let given = |q: &Quantity| find_input(actuals, node.code(), q, year).map(|i| i.value);
    let at = |q: &Quantity| year.checked_sub(i32::try_from(q.lag).unwrap_or(i32::MAX)).unwrap_or(i32::MIN);
    let named = ask.solve.as_deref().map(crate::formula::variable_key);
    let unknown = match &named {
        Some(key) => {
            let mut candidates: Vec<&Quantity> = distinct.iter().copied().filter(|q| &q.key == key).collect();
            candidates.sort_by_key(|q| q.lag);
            match candidates.first() {
                Some(q) => *q,
                None => return (None, None),
            }
        }
        None => {
            let missing: Vec<&Quantity> = distinct.iter().copied().filter(|q| given(q).is_none()).collect();
            match missing.as_slice() {
                [] => return (None, None),
                [one] => *one,
                many => {
                    return (None, Some(Note::SeveralToCome(many.iter().map(|q| ((*q).clone(), at(q))).collect())));
                }
            }
        }
    };
    let others_missing: Vec<(Quantity, i32)> = distinct
        .iter()
        .filter(|q| !(q.key == unknown.key && q.lag == unknown.lag) && given(q).is_none())
        .map(|q| ((*q).clone(), at(q)))
        .collect();
    if !others_missing.is_empty() {
        return (None, Some(Note::OthersToCome { unknown: unknown.clone(), others: others_missing }));
    }
    let problem = Problem {
        formula,
        unknown,
        known: &given,
        target,
        threshold: evaluation.threshold(index),
        scoring: rule.scoring,
        scale: rule.scale,
        wanted: ask.wanted,
    };
    let solved = solve(&problem, need);
    let check = match &solved {
        Solved::Value { value: Value::Number(x), .. } => problem.value_at(*x),
        Solved::Value { value, .. } => Some(*value),
        _ => None,
    }
    .and_then(|v| Some((v, score(target, problem.threshold, &v, problem.scoring, problem.scale).ok()?)));
    let note = match &solved {
        Solved::Unreachable(why) => Some(Note::Unreachable(why.clone())),
        Solved::Any => Some(Note::AnyValue { unknown: unknown.clone(), year: at(unknown) }),
        Solved::Value { .. } => None,
    };
    (Some(Solution { quantity: unknown.clone(), year: at(unknown), solved, check }), note)
}

/// The days left to a deadline from `as_of`, and whether its soglia still
/// leaves partial credit; said only while the date is still to come.
fn deadline_notes(
    measured: bool,
    deadline: NaiveDate,
    threshold: Option<&Value>,
    as_of: NaiveDate,
    out: &mut IndicatorNeeds,
    notes: &mut Vec<Note>,
) {
    let days_left = (deadline - as_of).num_days();
    out.days_left = Some(days_left);
    let soglia = match threshold {
        Some(Value::Date(s)) if *s > deadline => Some(*s),
        _ => None,
    };
    out.days_to_soglia = soglia.map(|s| (s - as_of).num_days());
    if measured {
        return;
    }
    notes.push(match (days_left, soglia) {
        (d, _) if d >= 0 => Note::DaysLeft { days: d, deadline },
        (d, Some(s)) if as_of <= s => {
            Note::PassedBeforeSoglia { deadline, ago: -d, soglia: s, left: (s - as_of).num_days() }
        }
        (d, Some(s)) => Note::PassedSogliaToo { deadline, ago: -d, soglia: s },
        (d, None) => Note::PassedNoSoglia { deadline, ago: -d },
    });
}
