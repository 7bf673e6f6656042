//! `kpi explain CODE YEAR`: how one score was made. The node's place in the
//! tree; for an indicator its algoritmo and formula, every quantity with its
//! value and where it came from, the computed value, target, soglia and the
//! scoring rule with its arithmetic; for an objective the weighted average
//! of its children; then its weighted contribution to every ancestor.

mod formula;
pub mod needs;
mod rule;

use std::collections::HashSet;

use rust_decimal::Decimal;

use crate::actuals::Actuals;
use crate::actuals::Decision;
use crate::evaluate::score::Status;
use crate::evaluate::{find_input, given_origin, inputs, Evaluation, MissingPolicy, ValueSource};
use crate::figure;
use crate::lang::Lang;
use crate::plan::Plan;
use crate::unit::{is_percent, Unit};
use crate::value::Value;

/// The lines of the explanation of node `index`, in `lang`.
pub fn explain(plan: &Plan, actuals: &Actuals, evaluation: &Evaluation, index: usize, lang: Lang) -> Vec<String> {
    let words = &lang.words().explain;
    let node = &plan.nodes[index];
    let mut out = vec![format!("{} — {}", node.title(), evaluation.year)];
    let path: Vec<String> = plan.path(index).into_iter().map(|i| plan.nodes[i].title()).collect();
    out.push(labelled(words.path, &path.join(" › ")));
    if node.is_indicator() && plan.children(index).is_empty() {
        indicator(plan, actuals, evaluation, index, lang, &mut out);
    } else {
        out.push(labelled(words.score, words.children_average));
        out.extend(breakdown(plan, evaluation, plan.children(index), None, lang));
        let result = &evaluation.nodes[index];
        if let Some(coverage) = result.coverage.get() {
            out.push(labelled(
                words.coverage,
                &format!("{} % {}", figure::weight(coverage, lang.figures()), words.weight_measured),
            ));
        }
    }
    contributions(plan, evaluation, index, lang, &mut out);
    out
}

/// A value in full, then in its unit: `0,4237288136 (42,37 %)`, `46 N.`.
fn value_text(v: &Value, unit: Option<&Unit>, lang: Lang) -> String {
    let style = lang.figures();
    match (v, unit.and_then(Unit::after_number)) {
        (Value::Number(n), _) if is_percent(unit) => {
            format!("{} ({})", figure::exact(*n, style), figure::value(v, unit, style))
        }
        (Value::Number(n), Some(u)) => format!("{} {u}", figure::exact(*n, style)),
        (Value::Number(n), _) => figure::exact(*n, style),
        _ => figure::value(v, unit, style),
    }
}

/// `label:` padded to the width of the longest label, then the text.
fn labelled(label: &str, text: &str) -> String {
    format!("{:<11}{text}", format!("{label}:"))
}

fn indicator(plan: &Plan, actuals: &Actuals, evaluation: &Evaluation, index: usize, lang: Lang, out: &mut Vec<String>) {
    let style = lang.figures();
    let words = &lang.words().explain;
    let node = &plan.nodes[index];
    let result = &evaluation.nodes[index];
    let year = evaluation.year;
    let unit = node.unit.as_ref();
    let shown = |v: &Value| figure::value(v, unit, style);
    if let Some(algorithm) = node.algorithm() {
        out.push(labelled(words.algorithm, algorithm));
    }
    let given = matches!(result.source, Some(ValueSource::Given));
    match &node.formula {
        Some(f) if given => out.push(labelled(words.formula, &format!("{} ({})", f.source, words.not_used))),
        Some(f) => {
            out.push(labelled(words.formula, &f.source));
            out.push(format!("{}:", words.quantities));
            let mut seen = HashSet::new();
            for q in f.quantities() {
                if !seen.insert((&q.key, q.lag)) {
                    continue;
                }
                let at = year - i32::try_from(q.lag).unwrap_or(0);
                out.push(match find_input(actuals, node.code(), q, year) {
                    Some(input) => {
                        let value = match input.value {
                            Value::Number(n) => figure::exact(n, style),
                            other => figure::value(&other, None, style),
                        };
                        let whose = if input.shared { words.shared.to_string() } else { node.code().to_string() };
                        let note = input.note.as_ref().map(|n| format!(" — {}: {n}", words.note)).unwrap_or_default();
                        format!("  {q} {at} = {value}  ({}, {whose}){note}", actuals.place(&input.origin))
                    }
                    None => format!("  {q} {at}: {}", words.not_given),
                });
            }
        }
        None => out.push(labelled(words.formula, words.no_formula)),
    }

    let value_line = match (&result.source, &result.value()) {
        (Some(ValueSource::Given), Some(v)) => {
            let place = given_origin(actuals, node, year).map(|origin| actuals.place(&origin)).unwrap_or_default();
            format!("{}, {} ({place})", shown(v), words.given_directly)
        }
        (Some(ValueSource::Baseline), Some(v)) => {
            format!("{}, {}_{year} ({}:{})", shown(v), words.plans_baseline, plan.source, node.line())
        }
        (Some(ValueSource::Computed), Some(v)) => match &node.formula {
            Some(formula) if formula::worth_writing(&formula.expr) => {
                let read = inputs(actuals, node, year);
                let value_of = |q: &crate::formula::Quantity| read.iter().find(|i| i.quantity == q).map(|i| i.value);
                format!("{} = {}", formula::substituted(&formula.expr, &value_of, lang), value_text(v, unit, lang))
            }
            _ => value_text(v, unit, lang),
        },
        _ => format!("{}: {}", words.none, result.message().map_or(words.no_value.to_string(), |m| lang.message(m))),
    };
    out.push(labelled(words.value, &value_line));
    if let Some(note) = evaluation.note(index) {
        out.push(labelled(words.note, note));
    }

    match evaluation.target(index) {
        Some(t) => out.push(labelled(words.target, &figure::target(t, unit, style))),
        None => {
            out.push(labelled(words.target, &format!("{} {year}: {}", words.no_target_for, words.not_in_evaluation)))
        }
    }
    out.push(labelled(
        words.threshold,
        &evaluation.threshold(index).map_or_else(|| words.no_threshold.to_string(), shown),
    ));
    if let (Some(r), Some(t), Some(v)) = (evaluation.rule(index), evaluation.target(index), &result.value()) {
        let forced = matches!(result.adjustment().map(|a| a.decision), Some(Decision::Score(_)));
        let arithmetic = rule::arithmetic(&r, t, evaluation.threshold(index), v, unit, lang);
        out.push(labelled(
            words.rule,
            &if forced { format!("{arithmetic} ({})", words.replaced_by_evaluator) } else { arithmetic },
        ));
    }
    if let Some(adjustment) = result.adjustment() {
        let place = actuals.place(&adjustment.origin);
        out.push(labelled(
            words.evaluator,
            &match adjustment.decision {
                Decision::Neutralize => {
                    format!("{} ({place}): {}; {}", words.neutralized, adjustment.note, words.leaves_the_roll_up)
                }
                Decision::Score(s) => {
                    format!("{} {} ({place}): {}", words.score_forced_to, figure::score(s, style), adjustment.note)
                }
            },
        ));
    }
    let status = result.status.map_or("", |s| lang.status(s));
    let score_line = match result.score.get() {
        Some(s) if result.status == Some(Status::Missing) && evaluation.options.missing == MissingPolicy::Zero => {
            format!("{} ({status}, {})", figure::score(s, style), words.counted_as_zero)
        }
        Some(s) => format!("{} ({status})", figure::score(s, style)),
        None => match (result.message(), result.status) {
            (Some(message), Some(Status::Missing | Status::Error)) => {
                format!("{} ({status}): {}", words.none, lang.message(message))
            }
            _ => format!("{} ({status})", words.none),
        },
    };
    out.push(labelled(words.score, &score_line));
}

/// The weight as `eval` shows it: equal weights as each sibling's share of
/// 100, so the arithmetic here reads with the same figures as the table.
fn shown_weight(evaluation: &Evaluation, index: usize) -> Decimal {
    let node = &evaluation.plan.nodes[index];
    evaluation.weight(index).unwrap_or(evaluation.nodes[index].effective_weight(node, evaluation.year))
}

/// A parent's children as a weighted average, `marked` pointed at:
/// `▸ K15  w 21 × s 23,00 = 483,00`, then `Σ w·s / Σ w = … = score`.
fn breakdown(
    plan: &Plan,
    evaluation: &Evaluation,
    children: &[usize],
    marked: Option<usize>,
    lang: Lang,
) -> Vec<String> {
    let style = lang.figures();
    let words = &lang.words().explain;
    let width = children.iter().map(|&c| plan.nodes[c].code().chars().count()).max().unwrap_or(0);
    let mut lines = Vec::new();
    let (mut total, mut weights) = (Some(Decimal::ZERO), Some(Decimal::ZERO));
    for &c in children {
        let child = &evaluation.nodes[c];
        let marker = if marked == Some(c) { "  ▸ " } else { "    " };
        let code = format!("{:<width$}", plan.nodes[c].code());
        let w = shown_weight(evaluation, c);
        lines.push(match child.score.get() {
            Some(s) => {
                let product = w.checked_mul(s);
                total = total.zip(product).and_then(|(t, p)| t.checked_add(p));
                weights = weights.and_then(|sum| sum.checked_add(w));
                let product = product.map_or_else(|| words.too_large.into(), |s| figure::score(s, style));
                format!("{marker}{code}  w {} × s {} = {product}", figure::weight(w, style), figure::score(s, style))
            }
            None => {
                let why = child.status.map_or(words.no_score, |s| lang.status(s));
                format!("{marker}{code}  w {} — {why}: {}", figure::weight(w, style), words.left_out)
            }
        });
    }
    let average = match (total, weights) {
        (Some(total), Some(weights)) if !weights.is_zero() => match total.checked_div(weights) {
            Some(score) => {
                format!(
                    "Σ w·s / Σ w = {} / {} = {}",
                    figure::score(total, style),
                    figure::weight(weights, style),
                    figure::score(score, style)
                )
            }
            None => format!("= {}", words.too_large_no_score),
        },
        _ => words.no_child_scored.into(),
    };
    lines.push(format!("    {average}"));
    lines
}

/// The node's weighted contribution to each ancestor's score, and to the
/// overall score, with the siblings' figures at every level.
fn contributions(plan: &Plan, evaluation: &Evaluation, index: usize, lang: Lang, out: &mut Vec<String>) {
    let style = lang.figures();
    let words = &lang.words().explain;
    let code = plan.nodes[index].code();
    out.push(String::new());
    out.push(words.weighted_contribution.into());
    // The node's points in the score of the level reached so far.
    let mut points = evaluation.nodes[index].score.get();
    let mut points_text = points.map(|s| figure::score(s, style));
    let mut child = index;
    loop {
        let parent = plan.nodes[child].parent();
        let (siblings, name, score) = match parent {
            Some(p) => {
                (plan.children(p), format!("{} {}", words.to, plan.nodes[p].code()), evaluation.nodes[p].score.get())
            }
            None => (plan.roots.as_slice(), words.to_the_overall_score.to_string(), evaluation.score),
        };
        let score = score.map_or_else(|| words.none.to_string(), |s| figure::score(s, style));
        out.push(format!("  {name} ({} {score}):", words.score));
        out.extend(breakdown(plan, evaluation, siblings, Some(child), lang));
        let sum: Option<Decimal> = siblings
            .iter()
            .filter(|&&c| evaluation.nodes[c].score.is_some())
            .try_fold(Decimal::ZERO, |acc, &c| acc.checked_add(shown_weight(evaluation, c)));
        let w = shown_weight(evaluation, child);
        points = match (points, sum) {
            (Some(p), Some(sum)) if !sum.is_zero() => p.checked_mul(w).and_then(|x| x.checked_div(sum)),
            _ => None,
        };
        match (&points_text, points, sum) {
            (Some(text), Some(p), Some(sum)) => {
                out.push(format!(
                    "    {code} {} {text} × {} / {} = {} {}",
                    words.contributes,
                    figure::weight(w, style),
                    figure::weight(sum, style),
                    figure::score(p, style),
                    words.points
                ));
                points_text = Some(figure::score(p, style));
            }
            _ if child == index => {
                out.push(format!("    {code} {} {}, {}", words.has_no_score_in, evaluation.year, words.left_out_above));
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
