//! `kpi needs YEAR CODE`: what one node needs, with the arithmetic written
//! out as `kpi explain` writes a score: for an indicator its state now, the
//! needed value and how the rule in force gives it, the quantity still to
//! come solved step by step and checked by computing the formula with it,
//! the deadline; for every node, and every ancestor, the floor and ceiling.

use std::collections::HashSet;

use super::figures::{exact, figure, operand, two_places};
use super::rule::arithmetic;
use super::{labelled, value_text};
use crate::actuals::Actuals;
use crate::evaluate::score::{score, Status, Unscorable};
use crate::evaluate::{find_input, Evaluation};
use crate::lang::Lang;
use crate::needs::need::{Derivation, Need, Wanted, Way};
use crate::needs::solve::{How, Solved, Step, StepOp};
use crate::needs::{Needs, Solution};
use crate::plan::Plan;
use crate::report::display;
use crate::report::needs::table::{figure as needed_figure, score_up};
use crate::target::Direction;
use crate::value::{format_italian_date, Value};

/// The lines for node `index`.
pub fn explain_needs(
    plan: &Plan,
    actuals: &Actuals,
    evaluation: &Evaluation,
    needs: &Needs,
    index: usize,
    lang: Lang,
) -> Vec<String> {
    let node = &plan.nodes[index];
    let result = &evaluation.nodes[index];
    let year = evaluation.year;
    let unit = node.unit.as_deref();
    let mut out = vec![format!("{} — {year}, as of {}", node.title(), format_italian_date(needs.as_of))];
    let path: Vec<String> = plan.path(index).into_iter().map(|i| plan.nodes[i].title()).collect();
    out.push(labelled("path", &path.join(" › ")));
    let now = match (result.score, result.status) {
        (Some(s), Some(status)) => format!("{} ({})", two_places(s), status.name()),
        (Some(s), None) => two_places(s),
        (None, Some(status)) => format!("no score ({})", status.name()),
        (None, None) => "no score".into(),
    };
    out.push(labelled("now", &now));
    if let Some(ind) = &needs.nodes[index].indicator {
        if let Some(v) = &result.value {
            out.push(labelled("value", &value_text(v, unit, lang)));
        } else if let Some(message) = &result.message {
            out.push(labelled("value", &format!("none: {message}")));
        }
        match &result.target {
            Some(t) => out.push(labelled("target", &display::target(t, unit, lang))),
            None => out.push(labelled("target", &format!("none for {year}"))),
        }
        if result.target.is_some() {
            out.push(labelled(
                "soglia",
                &result.threshold.as_ref().map_or("none".into(), |s| display::value(s, unit, lang)),
            ));
            indicator(plan, actuals, evaluation, needs, index, lang, &mut out);
        } else if let Some(message) = &ind.message {
            out.push(labelled("needs", message));
        }
    }
    bounds(plan, evaluation, needs, index, &mut out);
    out
}

fn indicator(
    plan: &Plan,
    actuals: &Actuals,
    evaluation: &Evaluation,
    needs: &Needs,
    index: usize,
    lang: Lang,
    out: &mut Vec<String>,
) {
    let Some(ind) = &needs.nodes[index].indicator else { return };
    let node = &plan.nodes[index];
    let result = &evaluation.nodes[index];
    let unit = node.unit.as_deref();
    let scoring = evaluation.options.scoring;
    let asked = match needs.wanted {
        Wanted::Achieved => "to achieve the target".to_string(),
        Wanted::Score(s) => format!("for a score of {} ({})", figure(s), display::scoring(&evaluation.options, lang)),
    };
    match &ind.need {
        Some(need) => {
            out.push(labelled(
                "needs",
                &format!("{} {}, {asked}", way(need.way), needed_figure(&need.value, unit, lang)),
            ));
            out.push(format!("           {}", derivation(need, unit, lang)));
            if let (Some(target), Ok(scored)) = (
                &result.target,
                result
                    .target
                    .as_ref()
                    .map(|t| score(t, result.threshold.as_ref(), &need.value, scoring, ind.scale.as_ref()))
                    .unwrap_or(Err(Unscorable::Overflow)),
            ) {
                let rule = arithmetic(&scored.rule, target, result.threshold.as_ref(), &need.value, unit, lang);
                out.push(format!("           check: {rule} ({})", scored.status.name()));
            }
        }
        None => out.push(labelled("needs", "none")),
    }
    out.push(labelled(
        "zero",
        &match &ind.zero_below {
            Some(z) => format!("{} scores 0 (and anything worse)", display::value(z, unit, lang)),
            None => match result.target.as_ref().map(|t| t.direction()) {
                Some(Direction::Exact | Direction::Boolean) => "any other value scores 0".into(),
                _ => "every value short of the target still earns something".into(),
            },
        },
    ));
    if let Some(formula) = &node.formula {
        out.push(labelled("formula", &formula.source));
        let mut seen = HashSet::new();
        out.push("quantities:".into());
        for q in formula.quantities() {
            if !seen.insert((&q.key, q.lag)) {
                continue;
            }
            let at = evaluation.year - i32::try_from(q.lag).unwrap_or(0);
            out.push(match find_input(actuals, &node.code, q, evaluation.year) {
                Some(input) => {
                    let value = match input.value {
                        Value::Number(n) => exact(n),
                        other => display::value(&other, None, lang),
                    };
                    format!("  {q} {at} = {value}  ({})", actuals.place(&input.origin))
                }
                None => format!("  {q} {at}: still to come"),
            });
        }
    }
    if let Some(solution) = &ind.solution {
        to_come(solution, unit, lang, out);
    }
    if let Some(message) = &ind.message {
        out.push(labelled("note", message));
    }
    if result.status == Some(Status::Achieved) {
        out.push(labelled("state", "achieved with the value so far"));
    }
}

fn way(w: Way) -> &'static str {
    w.name()
}

/// How the needed value comes from the rule in force.
fn derivation(need: &Need, unit: Option<&str>, lang: Lang) -> String {
    let shown = |v: &Value| display::value(v, unit, lang);
    let boundary = match need.boundary {
        Value::Number(n) => exact(n),
        other => shown(&other),
    };
    let rounded = if need.boundary != need.value {
        format!("; printed {} (rounded the way that still reaches)", needed_figure(&need.value, unit, lang))
    } else {
        String::new()
    };
    let text = match &need.derivation {
        Derivation::Target => format!("the target's own figure: {boundary}"),
        Derivation::Ratio { direction: Direction::LowerIsBetter, target, score } => format!(
            "ratio (lower is better): 100 × T / v = {} → v = 100 × {} / {} = {boundary}",
            figure(*score),
            operand(*target),
            operand(*score)
        ),
        Derivation::Ratio { target, score, .. } => format!(
            "ratio: 100 × v / T = {} → v = {} × {} / 100 = {boundary}",
            figure(*score),
            operand(*score),
            operand(*target)
        ),
        Derivation::Linear { direction: Direction::LowerIsBetter, target, threshold, score } => format!(
            "linear (lower is better): 100 × (S − v) / (S − T) = {} → v = {} − {} × ({} − {}) / 100 = {boundary}",
            figure(*score),
            operand(*threshold),
            operand(*score),
            operand(*threshold),
            operand(*target)
        ),
        Derivation::Linear { target, threshold, score, .. } => format!(
            "linear: 100 × (v − S) / (T − S) = {} → v = {} + {} × ({} − {}) / 100 = {boundary}",
            figure(*score),
            operand(*threshold),
            operand(*score),
            operand(*target),
            operand(*threshold)
        ),
        Derivation::Scaled { direction, target, score, degree, scale } => {
            let v = match direction {
                Direction::LowerIsBetter => format!("v = 100 × {} / {}", operand(*target), operand(*degree)),
                _ => format!("v = {} × {} / 100", operand(*degree), operand(*target)),
            };
            format!("scale {scale}: {} is scored from a degree of {} %, so {v} = {boundary}", figure(*score), figure(*degree))
        }
        Derivation::Threshold => format!("beyond the soglia everything scores 0, so the soglia itself: {boundary}"),
        Derivation::DeadlineDays { target, threshold, score, days } => format!(
            "deadline in days: 100 × (S − v) / (S − T) = {} → {} × {} days / 100, rounded up to {days} days before the soglia {} = {boundary}",
            figure(*score),
            figure(*score),
            (*threshold - *target).num_days(),
            format_italian_date(*threshold)
        ),
        Derivation::NoPartialCredit(why) => format!("{why}: {boundary}"),
    };
    format!("{text}{rounded}")
}

/// One turned-around operation: `1,05 × 1.250.000 = 1.312.500`.
fn step_text(step: &Step) -> String {
    let (y, c, r) = (operand(step.from), operand(step.operand), exact(step.result));
    match step.op {
        StepOp::Minus => format!("{y} − {c} = {r}"),
        StepOp::Plus => format!("{y} + {c} = {r}"),
        StepOp::From => format!("{c} − {y} = {r}"),
        StepOp::Times => format!("{y} × {c} = {r}"),
        StepOp::Over => format!("{y} ÷ {c} = {r}"),
        StepOp::Into => format!("{c} ÷ {y} = {r}"),
        StepOp::Negate => format!("−{y} = {r}"),
    }
}

fn to_come(solution: &Solution, unit: Option<&str>, lang: Lang, out: &mut Vec<String>) {
    let name = format!("{} {}", solution.quantity, solution.year);
    match &solution.solved {
        Solved::Value { value, way: w, how } => {
            out.push(labelled("to come", &format!("{name}: {} {}", way(*w), needed_figure(value, None, lang))));
            match how {
                How::Exact(steps) if !steps.is_empty() => {
                    out.push("           the formula turned around, one operation at a time:".into());
                    for step in steps {
                        out.push(format!("             {}", step_text(step)));
                    }
                    out.push("           rounded to 10 decimals the way that still reaches".into());
                }
                How::Exact(_) => out.push("           the formula is the quantity itself".into()),
                How::Search => out.push(
                    "           found by a bracketed search to the 10th decimal (the formula is monotonic in it)"
                        .into(),
                ),
            }
            if let Some((v, scored)) = &solution.check {
                out.push(format!(
                    "           check: the formula with it gives {} → {} ({})",
                    value_text(v, unit, lang),
                    two_places(scored.score),
                    scored.status.name()
                ));
            }
        }
        Solved::Any => out.push(labelled("to come", &format!("{name}: any value (0 or more) reaches it"))),
        Solved::Unreachable(why) => out.push(labelled("to come", &format!("{name}: no value reaches it: {why}"))),
    }
}

/// The node's floor and ceiling, and every ancestor's, and the body's.
fn bounds(plan: &Plan, evaluation: &Evaluation, needs: &Needs, index: usize, out: &mut Vec<String>) {
    let or_nd = |s: Option<rust_decimal::Decimal>| s.map_or_else(|| "n/d".to_string(), two_places);
    out.push(String::new());
    out.push("the year can still end between (every unmeasured indicator at 0 … at 100):".into());
    for i in plan.path(index).into_iter().rev() {
        let n = &needs.nodes[i];
        out.push(format!(
            "  {:<12} now {}, between {} and {}",
            plan.nodes[i].code,
            or_nd(evaluation.nodes[i].score),
            or_nd(n.floor),
            or_nd(n.ceiling)
        ));
    }
    out.push(format!(
        "  {:<12} now {}, between {} and {}",
        "overall",
        or_nd(evaluation.score),
        or_nd(needs.floor),
        or_nd(needs.ceiling)
    ));
    if let Some(goal) = &needs.goal {
        let g = figure(goal.goal);
        out.push(match (goal.unreachable, goal.average, goal.shortfall) {
            (false, Some(a), _) if a.is_zero() => {
                format!("  goal {g}: reached even if every unmeasured indicator scored 0")
            }
            (false, Some(a), _) => {
                let exact = |s: Option<rust_decimal::Decimal>| s.map_or_else(|| "n/d".to_string(), figure);
                format!(
                    "  goal {g}: 100 × (G − floor) / (ceiling − floor) = 100 × ({g} − {}) / ({} − {}) → the unmeasured indicators need {} on average (rounded up), weighed as the roll-up weighs them",
                    exact(needs.floor),
                    exact(needs.ceiling),
                    exact(needs.floor),
                    score_up(a)
                )
            }
            (_, _, Some(short)) => format!("  goal {g}: out of reach by {} points", score_up(short)),
            _ => format!("  goal {g}: out of reach"),
        });
    }
}
