//! `kpi needs YEAR CODE`: what one node needs, with the arithmetic written
//! out as `kpi explain` writes a score: for an indicator its state now, the
//! needed value and how the rule in force gives it, the quantity still to
//! come solved step by step and checked by computing the formula with it,
//! the deadline; for every node, and every ancestor, the floor and ceiling.

use std::collections::HashSet;

use super::rule::arithmetic;
use super::{labelled, value_text};
use crate::actuals::Actuals;
use crate::evaluate::score::{score, Status, Unscorable};
use crate::evaluate::{find_input, Evaluation};
use crate::figure;
use crate::lang::Lang;
use crate::needs::need::{Derivation, Need, Wanted};
use crate::needs::solve::{How, Solved, Step, StepOp};
use crate::needs::{Needs, Solution};
use crate::plan::Plan;
use crate::report::display;
use crate::report::table::needs::{score_up, way};
use crate::target::Direction;
use crate::value::Value;

/// The lines for node `index`.
pub fn explain_needs(
    plan: &Plan,
    actuals: &Actuals,
    evaluation: &Evaluation,
    needs: &Needs,
    index: usize,
    lang: Lang,
) -> Vec<String> {
    let style = lang.figures();
    let node = &plan.nodes[index];
    let result = &evaluation.nodes[index];
    let year = evaluation.year;
    let unit = node.unit.as_ref();
    let (ew, w) = (&lang.words().explain, &lang.needs().explain);
    let mut out = vec![format!("{} — {year}, {} {}", node.title(), w.as_of, figure::date(needs.as_of, style))];
    let path: Vec<String> = plan.path(index).into_iter().map(|i| plan.nodes[i].title()).collect();
    out.push(labelled(ew.path, &path.join(" › ")));
    let now = match (result.score.get(), result.status) {
        (Some(s), Some(status)) => format!("{} ({})", figure::score(s, style), lang.status(status)),
        (Some(s), None) => figure::score(s, style),
        (None, Some(status)) => format!("{} ({})", w.no_score, lang.status(status)),
        (None, None) => w.no_score.into(),
    };
    out.push(labelled(w.now, &now));
    if let Some(ind) = &needs.nodes[index].indicator {
        if let Some(v) = &result.value() {
            out.push(labelled(ew.value, &value_text(v, unit, lang)));
        } else if let Some(message) = result.message() {
            out.push(labelled(ew.value, &format!("{}: {}", w.none, lang.message(message))));
        }
        match evaluation.target(index) {
            Some(t) => out.push(labelled(ew.target, &figure::target(t, unit, style))),
            None => out.push(labelled(ew.target, &format!("{} {year}", w.none_for))),
        }
        if evaluation.target(index).is_some() {
            out.push(labelled(
                ew.threshold,
                &evaluation.threshold(index).map_or(ew.no_threshold.into(), |s| figure::value(s, unit, style)),
            ));
            indicator(plan, actuals, evaluation, needs, index, lang, &mut out);
        } else if let Some(notes) = lang.needs_notes(&ind.notes, style) {
            out.push(labelled(w.needs, &notes));
        }
    }
    bounds(plan, evaluation, needs, index, lang, &mut out);
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
    let style = lang.figures();
    let Some(ind) = &needs.nodes[index].indicator else { return };
    let node = &plan.nodes[index];
    let result = &evaluation.nodes[index];
    let unit = node.unit.as_ref();
    let scoring = evaluation.options.scoring;
    let (ew, nw) = (&lang.words().explain, lang.needs());
    let w = &nw.explain;
    let asked = match needs.wanted {
        Wanted::Achieved => nw.to_achieve.to_string(),
        Wanted::Score(s) => {
            format!("{} {} ({})", nw.for_a_score, figure::figure(s, style), display::scoring(&evaluation.options, lang))
        }
    };
    match &ind.need {
        Some(need) => {
            out.push(labelled(
                w.needs,
                &format!("{} {}, {asked}", way(need.way, lang), figure::full(&need.value, unit, style)),
            ));
            out.push(format!("           {}", derivation(need, unit, lang)));
            let (target, threshold) = (evaluation.target(index), evaluation.threshold(index));
            if let (Some(target), Ok(scored)) = (
                target,
                target
                    .map(|t| score(t, threshold, &need.value, scoring, ind.scale.as_ref()))
                    .unwrap_or(Err(Unscorable::Overflow)),
            ) {
                let rule = arithmetic(&scored.rule, target, threshold, &need.value, unit, lang);
                out.push(format!("           {}: {rule} ({})", w.check, lang.status(scored.status)));
            }
        }
        None => out.push(labelled(w.needs, w.none)),
    }
    out.push(labelled(
        w.zero,
        &match &ind.zero_below {
            Some(z) => format!("{} {}", figure::value(z, unit, style), w.scores_zero),
            None => match evaluation.target(index).map(|t| t.direction()) {
                Some(Direction::Exact | Direction::Boolean) => w.any_other_scores_zero.into(),
                _ => w.always_earns.into(),
            },
        },
    ));
    if let Some(formula) = &node.formula {
        out.push(labelled(ew.formula, &formula.source));
        let mut seen = HashSet::new();
        out.push(format!("{}:", ew.quantities));
        for q in formula.quantities() {
            if !seen.insert((&q.key, q.lag)) {
                continue;
            }
            let at = evaluation.year - i32::try_from(q.lag).unwrap_or(0);
            out.push(match find_input(actuals, node.code(), q, evaluation.year) {
                Some(input) => {
                    let value = match input.value {
                        Value::Number(n) => figure::exact(n, style),
                        other => figure::value(&other, None, style),
                    };
                    format!("  {q} {at} = {value}  ({})", actuals.place(&input.origin))
                }
                None => format!("  {q} {at}: {}", w.still_to_come),
            });
        }
    }
    if let Some(solution) = &ind.solution {
        to_come(solution, unit, lang, out);
    }
    if let Some(notes) = lang.needs_notes(&ind.notes, lang.figures()) {
        out.push(labelled(ew.note, &notes));
    }
    if result.status == Some(Status::Achieved) {
        out.push(labelled(w.state, w.achieved_so_far));
    }
}

/// How the needed value comes from the rule in force.
fn derivation(need: &Need, unit: Option<&crate::unit::Unit>, lang: Lang) -> String {
    let style = lang.figures();
    let shown = |v: &Value| figure::value(v, unit, style);
    let w = &lang.needs().explain;
    let boundary = match need.boundary {
        Value::Number(n) => figure::exact(n, style),
        other => shown(&other),
    };
    let rounded = if need.boundary != need.value {
        format!("; {}: {}", w.printed, figure::full(&need.value, unit, style))
    } else {
        String::new()
    };
    let text = match &need.derivation {
        Derivation::Target => format!("{}: {boundary}", w.targets_own_figure),
        Derivation::Ratio { direction: Direction::LowerIsBetter, target, score } => format!(
            "{} = {} → v = 100 × {} / {} = {boundary}",
            w.ratio_lower,
            figure::figure(*score, style),
            figure::operand(*target, style),
            figure::operand(*score, style)
        ),
        Derivation::Ratio { target, score, .. } => format!(
            "{} = {} → v = {} × {} / 100 = {boundary}",
            w.ratio,
            figure::figure(*score, style),
            figure::operand(*score, style),
            figure::operand(*target, style)
        ),
        Derivation::Linear { direction: Direction::LowerIsBetter, target, threshold, score } => format!(
            "{} = {} → v = {} − {} × ({} − {}) / 100 = {boundary}",
            w.linear_lower,
            figure::figure(*score, style),
            figure::operand(*threshold, style),
            figure::operand(*score, style),
            figure::operand(*threshold, style),
            figure::operand(*target, style)
        ),
        Derivation::Linear { target, threshold, score, .. } => format!(
            "{} = {} → v = {} + {} × ({} − {}) / 100 = {boundary}",
            w.linear,
            figure::figure(*score, style),
            figure::operand(*threshold, style),
            figure::operand(*score, style),
            figure::operand(*target, style),
            figure::operand(*threshold, style)
        ),
        Derivation::Scaled { direction, target, score, degree, scale } => {
            let v = match direction {
                Direction::LowerIsBetter => {
                    format!("v = 100 × {} / {}", figure::operand(*target, style), figure::operand(*degree, style))
                }
                _ => format!("v = {} × {} / 100", figure::operand(*degree, style), figure::operand(*target, style)),
            };
            format!(
                "{} {scale}: {} {} {} %: {v} = {boundary}",
                w.scale,
                figure::figure(*score, style),
                w.scored_from_degree,
                figure::figure(*degree, style)
            )
        }
        Derivation::Threshold => format!("{}: {boundary}", w.threshold_itself),
        Derivation::DeadlineDays { target, threshold, score, days } => format!(
            "{} = {} → {} × {} / 100 → {days} {} {} = {boundary}",
            w.deadline_days,
            figure::figure(*score, style),
            figure::figure(*score, style),
            (*threshold - *target).num_days(),
            w.days_before_soglia,
            figure::date(*threshold, style)
        ),
        Derivation::NoPartialCredit(why) => format!("{why}: {boundary}"),
    };
    format!("{text}{rounded}")
}

/// One turned-around operation: `1,05 × 1.250.000 = 1.312.500`.
fn step_text(step: &Step, lang: Lang) -> String {
    let style = lang.figures();
    let (y, c, r) =
        (figure::operand(step.from, style), figure::operand(step.operand, style), figure::exact(step.result, style));
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

fn to_come(solution: &Solution, unit: Option<&crate::unit::Unit>, lang: Lang, out: &mut Vec<String>) {
    let style = lang.figures();
    let name = format!("{} {}", solution.quantity, solution.year);
    let w = &lang.needs().explain;
    match &solution.solved {
        Solved::Value { value, way: moves, how } => {
            out.push(labelled(
                w.to_come,
                &format!("{name}: {} {}", way(*moves, lang), figure::full(value, None, style)),
            ));
            match how {
                How::Exact(steps) if !steps.is_empty() => {
                    out.push(format!("           {}", w.turned_around));
                    for step in steps {
                        out.push(format!("             {}", step_text(step, lang)));
                    }
                    out.push(format!("           {}", w.rounded));
                }
                How::Exact(_) => out.push(format!("           {}", w.quantity_itself)),
                How::Search => out.push(format!("           {}", w.searched)),
            }
            if let Some((v, scored)) = &solution.check {
                out.push(format!(
                    "           {}: {} {} → {} ({})",
                    w.check,
                    w.formula_gives,
                    value_text(v, unit, lang),
                    figure::score(scored.score, style),
                    lang.status(scored.status)
                ));
            }
        }
        Solved::Any => out.push(labelled(w.to_come, &format!("{name}: {}", w.any_value))),
        Solved::Unreachable(why) => {
            out.push(labelled(w.to_come, &format!("{name}: {}: {}", w.no_value, lang.unreachable(why))))
        }
    }
}

/// The node's floor and ceiling, and every ancestor's, and the body's.
fn bounds(plan: &Plan, evaluation: &Evaluation, needs: &Needs, index: usize, lang: Lang, out: &mut Vec<String>) {
    let style = lang.figures();
    let nw = lang.needs();
    let w = &nw.explain;
    let or_nd = |s: Option<rust_decimal::Decimal>| s.map_or_else(|| "n/d".to_string(), |s| figure::score(s, style));
    let line = |name: &str, now: Option<rust_decimal::Decimal>, floor, ceiling| {
        format!("  {name:<12} {} {}, {} {} {} {}", w.now, or_nd(now), nw.between, or_nd(floor), w.and, or_nd(ceiling))
    };
    out.push(String::new());
    out.push(w.can_end_between.into());
    for i in plan.path(index).into_iter().rev() {
        let n = &needs.nodes[i];
        out.push(line(plan.nodes[i].code(), evaluation.nodes[i].score.get(), n.floor, n.ceiling));
    }
    out.push(line(w.overall, evaluation.score, needs.floor, needs.ceiling));
    if let Some(goal) = &needs.goal {
        let g = figure::figure(goal.goal, style);
        let goal_word = nw.goal.to_lowercase();
        out.push(match (goal.unreachable, goal.average, goal.shortfall) {
            (false, Some(a), _) if a.is_zero() => format!("  {goal_word} {g}: {}", w.goal_zero),
            (false, Some(a), _) => {
                let exact = |s: Option<rust_decimal::Decimal>| s.map_or_else(|| "n/d".to_string(), |s| figure::figure(s, style));
                format!(
                    "  {goal_word} {g}: 100 × (G − {floor}) / ({ceiling} − {floor}) = 100 × ({g} − {}) / ({} − {}) → {} {} {}",
                    exact(needs.floor),
                    exact(needs.ceiling),
                    exact(needs.floor),
                    w.goal_need,
                    score_up(a, lang),
                    w.goal_on_average,
                    floor = nw.header[5].to_lowercase(),
                    ceiling = nw.header[6].to_lowercase(),
                )
            }
            (_, _, Some(short)) => format!("  {goal_word} {g}: {} {} {}", w.out_of_reach_by, score_up(short, lang), w.points),
            _ => format!("  {goal_word} {g}: {}", w.out_of_reach),
        });
    }
}
