//! `kpi explain CODE YEAR`: how one score was made. The node's place in the
//! tree; for an indicator its algoritmo and formula, every quantity with its
//! value and where it came from, the computed value, target, soglia and the
//! scoring rule with its arithmetic; for an objective the weighted average
//! of its children; then its weighted contribution to every ancestor.

mod figures;
mod formula;
pub mod needs;
mod rule;

use std::collections::HashSet;

use rust_decimal::Decimal;

use crate::actuals::Actuals;
use crate::actuals::Decision;
use crate::evaluate::score::Status;
use crate::evaluate::{find_input, Evaluation, MissingPolicy, ValueSource};
use crate::plan::Plan;
use crate::report::display;
use crate::value::Value;
use figures::{exact, two_places};

/// The lines of the explanation of node `index`.
pub fn explain(plan: &Plan, actuals: &Actuals, evaluation: &Evaluation, index: usize) -> Vec<String> {
    let node = &plan.nodes[index];
    let mut out = vec![format!("{} — {}", node.title(), evaluation.year)];
    let path: Vec<String> = plan.path(index).into_iter().map(|i| plan.nodes[i].title()).collect();
    out.push(labelled("path", &path.join(" › ")));
    if node.is_indicator() && node.children.is_empty() {
        indicator(plan, actuals, evaluation, index, &mut out);
    } else {
        out.push(labelled("score", "Σ w·s / Σ w over the children with a score:"));
        out.extend(breakdown(plan, evaluation, &node.children, None));
        let result = &evaluation.nodes[index];
        if let Some(coverage) = result.coverage {
            out.push(labelled("coverage", &format!("{} % of the weight measured", display::weight(coverage))));
        }
    }
    contributions(plan, evaluation, index, &mut out);
    out
}

/// A value in full, then in its unit: `0,4237288136 (42,37 %)`, `46 N.`.
fn value_text(v: &Value, unit: Option<&str>) -> String {
    match (v, unit) {
        (Value::Number(n), Some("%")) => format!("{} ({})", exact(*n), display::value(v, unit)),
        (Value::Number(n), Some(u)) if u != "date" && !u.is_empty() => format!("{} {u}", exact(*n)),
        (Value::Number(n), _) => exact(*n),
        _ => display::value(v, unit),
    }
}

fn labelled(label: &str, text: &str) -> String {
    format!("{:<11}{text}", format!("{label}:"))
}

fn indicator(plan: &Plan, actuals: &Actuals, evaluation: &Evaluation, index: usize, out: &mut Vec<String>) {
    let node = &plan.nodes[index];
    let result = &evaluation.nodes[index];
    let year = evaluation.year;
    let unit = node.unit.as_deref();
    let shown = |v: &Value| display::value(v, unit);
    if let Some(algorithm) = &node.algorithm {
        out.push(labelled("algoritmo", algorithm));
    }
    let given = matches!(result.source, Some(ValueSource::Given(_)));
    match &node.formula {
        Some(f) if given => {
            out.push(labelled("formula", &format!("{} (not used: the value is given directly)", f.source)))
        }
        Some(f) => {
            out.push(labelled("formula", &f.source));
            out.push("quantities:".into());
            let mut seen = HashSet::new();
            for q in f.quantities() {
                if !seen.insert((&q.key, q.lag)) {
                    continue;
                }
                let at = year - i32::try_from(q.lag).unwrap_or(0);
                out.push(match find_input(actuals, &node.code, q, year) {
                    Some(input) => {
                        let value = match input.value {
                            Value::Number(n) => exact(n),
                            other => display::value(&other, None),
                        };
                        let whose = if input.shared { "shared".to_string() } else { node.code.clone() };
                        format!("  {q} {at} = {value}  ({}, {whose})", actuals.place(&input.origin))
                    }
                    None => format!("  {q} {at}: not given"),
                });
            }
        }
        None => out.push(labelled("formula", "none: the value is given directly")),
    }

    let value_line = match (&result.source, &result.value) {
        (Some(ValueSource::Given(origin)), Some(v)) => {
            format!("{}, given directly ({})", shown(v), actuals.place(origin))
        }
        (Some(ValueSource::Baseline), Some(v)) => {
            format!("{}, the plan's baseline_{year} ({}:{})", shown(v), plan.source, node.line)
        }
        (Some(ValueSource::Computed(inputs)), Some(v)) => match &node.formula {
            Some(formula) if formula::worth_writing(&formula.expr) => {
                let value_of = |q: &crate::formula::Quantity| inputs.iter().find(|i| i.quantity == *q).map(|i| i.value);
                format!("{} = {}", formula::substituted(&formula.expr, &value_of), value_text(v, unit))
            }
            _ => value_text(v, unit),
        },
        _ => format!("none: {}", result.message.as_deref().unwrap_or("no value")),
    };
    out.push(labelled("value", &value_line));

    match &result.target {
        Some(t) => out.push(labelled("target", &display::target(t, unit))),
        None => out.push(labelled("target", &format!("none for {year}: not part of the year's evaluation"))),
    }
    out.push(labelled("soglia", &result.threshold.as_ref().map_or_else(|| "none".to_string(), shown)));
    if let (Some(r), Some(t), Some(v)) = (&result.rule, &result.target, &result.value) {
        let forced = matches!(result.adjustment.as_ref().map(|a| a.decision), Some(Decision::Score(_)));
        let arithmetic = rule::arithmetic(r, t, result.threshold.as_ref(), v, unit);
        out.push(labelled(
            "rule",
            &if forced { format!("{arithmetic} (replaced by the evaluator's score)") } else { arithmetic },
        ));
    }
    if let Some(adjustment) = &result.adjustment {
        let place = actuals.place(&adjustment.origin);
        out.push(labelled(
            "evaluator",
            &match adjustment.decision {
                Decision::Neutralize => format!("neutralized ({place}): {}; it leaves the roll-up", adjustment.note),
                Decision::Score(s) => format!("score forced to {} ({place}): {}", two_places(s), adjustment.note),
            },
        ));
    }
    let status = result.status.map_or("", Status::name);
    let score_line = match result.score {
        Some(s) if result.status == Some(Status::Missing) && evaluation.options.missing == MissingPolicy::Zero => {
            format!("{} ({status}, counted as 0 by --missing zero)", two_places(s))
        }
        Some(s) => format!("{} ({status})", two_places(s)),
        None => match (&result.message, result.status) {
            (Some(message), Some(Status::Missing | Status::Error)) => format!("none ({status}): {message}"),
            _ => format!("none ({status})"),
        },
    };
    out.push(labelled("score", &score_line));
}

/// The weight as `eval` shows it: equal weights as each sibling's share of
/// 100, so the arithmetic here reads with the same figures as the table.
fn shown_weight(result: &crate::evaluate::NodeResult) -> Decimal {
    result.weight.unwrap_or(result.effective_weight)
}

/// A parent's children as a weighted average, `marked` pointed at:
/// `▸ K15  w 21 × s 23,00 = 483,00`, then `Σ w·s / Σ w = … = score`.
fn breakdown(plan: &Plan, evaluation: &Evaluation, children: &[usize], marked: Option<usize>) -> Vec<String> {
    let width = children.iter().map(|&c| plan.nodes[c].code.chars().count()).max().unwrap_or(0);
    let mut lines = Vec::new();
    let (mut total, mut weights) = (Some(Decimal::ZERO), Some(Decimal::ZERO));
    for &c in children {
        let child = &evaluation.nodes[c];
        let marker = if marked == Some(c) { "  ▸ " } else { "    " };
        let code = format!("{:<width$}", plan.nodes[c].code);
        let w = shown_weight(child);
        lines.push(match child.score {
            Some(s) => {
                let product = w.checked_mul(s);
                total = total.zip(product).and_then(|(t, p)| t.checked_add(p));
                weights = weights.and_then(|sum| sum.checked_add(w));
                let product = product.map_or_else(|| "too large".into(), two_places);
                format!("{marker}{code}  w {} × s {} = {product}", display::weight(w), two_places(s))
            }
            None => {
                let why = child.status.map_or("no score", Status::name);
                format!("{marker}{code}  w {} — {why}: left out", display::weight(w))
            }
        });
    }
    let average = match (total, weights) {
        (Some(total), Some(weights)) if !weights.is_zero() => match total.checked_div(weights) {
            Some(score) => {
                format!("Σ w·s / Σ w = {} / {} = {}", two_places(total), display::weight(weights), two_places(score))
            }
            None => "= too large to compute: no score".into(),
        },
        _ => "no child has a score (or their weights add up to 0): no score".into(),
    };
    lines.push(format!("    {average}"));
    lines
}

/// The node's weighted contribution to each ancestor's score, and to the
/// overall score, with the siblings' figures at every level.
fn contributions(plan: &Plan, evaluation: &Evaluation, index: usize, out: &mut Vec<String>) {
    let code = &plan.nodes[index].code;
    out.push(String::new());
    out.push("weighted contribution:".into());
    // The node's points in the score of the level reached so far.
    let mut points = evaluation.nodes[index].score;
    let mut points_text = points.map(two_places);
    let mut child = index;
    loop {
        let parent = plan.nodes[child].parent;
        let (siblings, name, score) = match parent {
            Some(p) => (&plan.nodes[p].children, plan.nodes[p].code.clone(), evaluation.nodes[p].score),
            None => (&plan.roots, "the overall score".to_string(), evaluation.score),
        };
        let score = score.map_or_else(|| "none".to_string(), two_places);
        out.push(format!("  to {name} (score {score}):"));
        out.extend(breakdown(plan, evaluation, siblings, Some(child)));
        let sum: Option<Decimal> = siblings
            .iter()
            .filter(|&&c| evaluation.nodes[c].score.is_some())
            .try_fold(Decimal::ZERO, |acc, &c| acc.checked_add(shown_weight(&evaluation.nodes[c])));
        let w = shown_weight(&evaluation.nodes[child]);
        points = match (points, sum) {
            (Some(p), Some(sum)) if !sum.is_zero() => p.checked_mul(w).and_then(|x| x.checked_div(sum)),
            _ => None,
        };
        match (&points_text, points, sum) {
            (Some(text), Some(p), Some(sum)) => {
                out.push(format!(
                    "    {code} contributes {text} × {} / {} = {} points",
                    display::weight(w),
                    display::weight(sum),
                    two_places(p)
                ));
                points_text = Some(two_places(p));
            }
            _ if child == index => {
                out.push(format!(
                    "    {code} has no score in {}, so it is left out of every score above",
                    evaluation.year
                ));
                points_text = None;
            }
            _ => points_text = None,
        }
        match parent {
            Some(p) => child = p,
            None => break,
        }
    }
}
