//! The arithmetic of a scoring rule (README, "Scoring"), written out so that the score
//! can be checked by hand: `ratio: 100 × v / T = 100 × 46 / 200 = 23,00`.

use rust_decimal::Decimal;

use crate::evaluate::score::{rule_score, Rule};
use crate::figure;
use crate::lang::Lang;
use crate::scale::{placement_score, Placement, Point, Scale};
use crate::target::{Comparison, Direction, Target};
use crate::unit::Unit;
use crate::value::Value;

/// The rule with its figures; `score` is the indicator's score.
pub fn arithmetic(
    rule: &Rule,
    target: &Target,
    threshold: Option<&Value>,
    value: &Value,
    unit: Option<&Unit>,
    lang: Lang,
) -> String {
    let style = lang.figures();
    let words = &lang.words().explain.rules;
    let v = || figure::value(value, unit, style);
    let raised = |text: String| match rule_score(rule) {
        Some(raw) if raw < Decimal::ZERO => {
            format!("{text} = {}, {}", figure::figure(raw, style), words.raised_to_zero)
        }
        Some(raw) => format!("{text} = {}", figure::score(raw, style)),
        None => format!("{text}: {}", words.too_large_so_zero),
    };
    match rule {
        Rule::Achieved => {
            format!("{}: {} {} {} → 100", words.achieved, v(), words.meets, figure::target(target, unit, style))
        }
        Rule::AchievedOver { direction, value, target, cap } => {
            let ratio = match direction {
                Direction::LowerIsBetter => {
                    format!("100 × {} / {}", figure::operand(*target, style), figure::operand(*value, style))
                }
                _ => format!("100 × {} / {}", figure::operand(*value, style), figure::operand(*target, style)),
            };
            let text = format!("{}: min({}; {ratio})", words.achieved_over, figure::figure(*cap, style));
            raised(text)
        }
        Rule::AchievedAtCap { cap } => {
            format!(
                "{} {}: {}, {}",
                words.achieved_at_cap,
                figure::figure(*cap, style),
                words.the_cap,
                figure::score(*cap, style)
            )
        }
        Rule::BeyondThreshold => {
            let s = threshold.map(|s| figure::value(s, unit, style)).unwrap_or_default();
            let worse = match target.direction() {
                Direction::LowerIsBetter => words.above,
                Direction::Deadline => words.after,
                _ => words.below,
            };
            format!("{}: {} {} {worse} {s} → 0", words.worse_than_threshold, v(), words.is)
        }
        Rule::Ratio { direction, value, target } => {
            let text = match direction {
                Direction::LowerIsBetter => {
                    format!(
                        "{}: 100 × T / v = 100 × {} / {}",
                        words.ratio_lower,
                        figure::operand(*target, style),
                        figure::operand(*value, style)
                    )
                }
                _ => format!(
                    "{}: 100 × v / T = 100 × {} / {}",
                    words.ratio,
                    figure::operand(*value, style),
                    figure::operand(*target, style)
                ),
            };
            raised(text)
        }
        Rule::Linear { direction, value, target, threshold } => {
            let (v, t, s) =
                (figure::operand(*value, style), figure::operand(*target, style), figure::operand(*threshold, style));
            let text = match direction {
                Direction::LowerIsBetter => {
                    format!("{}: 100 × (S − v) / (S − T) = 100 × ({s} − {v}) / ({s} − {t})", words.linear_lower)
                }
                _ => format!("{}: 100 × (v − S) / (T − S) = 100 × ({v} − {s}) / ({t} − {s})", words.linear),
            };
            raised(text)
        }
        Rule::DeadlineDays { value, target, threshold } => {
            let covered = (*threshold - *value).num_days();
            let range = (*threshold - *target).num_days();
            let [from, and, to] = words.deadline_days;
            raised(format!(
                "{from} {} {and} {} {to} {}: 100 × (S − v) / (S − T) = 100 × {covered} / {range}",
                figure::date(*value, style),
                figure::date(*target, style),
                figure::date(*threshold, style)
            ))
        }
        Rule::NoCredit(reason) => format!("{}: {} → 0", words.no_credit, lang.reason(reason)),
        Rule::Range { below, bound, rule } => {
            let (side, comparison) =
                if *below { (words.below, Comparison::AtLeast) } else { (words.above, Comparison::AtMost) };
            let bound_target = Target::Number { comparison, value: *bound };
            let shown_bound = figure::value(&Value::Number(*bound), unit, style);
            format!(
                "{} {}: {} {} {side} {shown_bound}, {} {}: {}",
                words.range,
                figure::target(target, unit, style),
                v(),
                words.is,
                words.scored_as,
                figure::target(&bound_target, unit, style),
                arithmetic(rule, &bound_target, None, value, unit, lang)
            )
        }
        Rule::Scaled { direction, value, target, scale } => scaled(*direction, *value, *target, scale, lang),
    }
}

/// The degree of achievement and where it falls on the scale:
/// `scale 70%:0 90%:100: degree 100 × v / T = 100 × 0,85 / 0,9 = 94,44 %, at or above 90 % → 100`.
fn scaled(direction: Direction, value: Decimal, target: Decimal, scale: &Scale, lang: Lang) -> String {
    let style = lang.figures();
    let words = &lang.words().explain.rules;
    let ratio = Rule::Ratio { direction, value, target };
    let formula = match direction {
        Direction::LowerIsBetter => {
            format!("100 × T / v = 100 × {} / {}", figure::operand(target, style), figure::operand(value, style))
        }
        _ => format!("100 × v / T = 100 × {} / {}", figure::operand(value, style), figure::operand(target, style)),
    };
    let Some(g) = rule_score(&ratio) else {
        return format!("{} {scale}: {} {formula}: {}", words.scale, words.degree, words.too_large_so_zero);
    };
    let point = |p: Point| format!("{} % → {}", figure::figure(p.degree, style), figure::figure(p.score, style));
    let placement = scale.place(g);
    let score =
        placement_score(placement, g).map_or_else(|| words.too_large_so_zero.into(), |s| figure::score(s, style));
    let reading = match placement {
        Placement::AtOrBelowFirst(p) => format!("{} {}: {score}", words.at_or_below_first, point(p)),
        Placement::AtOrAboveLast(p) => format!("{} {}: {score}", words.at_or_above_last, point(p)),
        Placement::Between(a, b) => format!(
            "{} {} {} {}: {} + ({} − {}) × ({} − {}) / ({} − {}) = {score}",
            words.between,
            point(a),
            words.and,
            point(b),
            figure::figure(a.score, style),
            figure::figure(b.score, style),
            figure::figure(a.score, style),
            figure::figure(g.round_dp(6), style),
            figure::figure(a.degree, style),
            figure::figure(b.degree, style),
            figure::figure(a.degree, style)
        ),
        Placement::Step(p) => format!("{} {}: {score}", words.highest_step, point(p)),
        Placement::BelowFirstStep(p) => format!("{} {}: 0", words.below_first_step, point(p)),
    };
    format!(
        "{} {scale}: {} {formula} = {} %, {reading}",
        words.scale,
        words.degree_of_achievement,
        figure::score(g, style)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluate::score::{score, Method, Scoring};
    use crate::unit::Unit;
    use chrono::NaiveDate;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn explain(target: Target, threshold: Option<Value>, value: Value, method: Method, unit: Option<&Unit>) -> String {
        let scoring = Scoring { method, cap: Decimal::ONE_HUNDRED };
        let scored = score(&target, threshold.as_ref(), &value, scoring, None).unwrap();
        arithmetic(&scored.rule, &target, threshold.as_ref(), &value, unit, Lang::English)
    }

    fn at_least(v: &str) -> Target {
        Target::Number { comparison: Comparison::AtLeast, value: d(v) }
    }

    #[test]
    fn each_rule_with_its_figures() {
        let n = |s| Value::Number(d(s));
        assert_eq!(
            explain(at_least("1.05"), None, n("0.84"), Method::Ratio, Some(&Unit::Percent)),
            "ratio: 100 × v / T = 100 × 0.84 / 1.05 = 80.00"
        );
        assert_eq!(
            explain(at_least("164"), Some(n("20")), n("42"), Method::Linear, Some(&Unit::Count)),
            "linear: 100 × (v − S) / (T − S) = 100 × (42 − 20) / (164 − 20) = 15.28"
        );
        assert_eq!(
            explain(at_least("-0.05"), Some(n("-0.15")), n("-0.10"), Method::Ratio, Some(&Unit::Percent)),
            "linear: 100 × (v − S) / (T − S) = 100 × ((-0.1) − (-0.15)) / ((-0.05) − (-0.15)) = 50.00"
        );
        assert_eq!(
            explain(
                Target::Number { comparison: Comparison::AtMost, value: d("2") },
                None,
                n("2.5"),
                Method::Ratio,
                Some(&Unit::Days)
            ),
            "ratio (lower is better): 100 × T / v = 100 × 2 / 2.5 = 80.00"
        );
        assert_eq!(
            explain(at_least("0.9"), Some(n("0.85")), n("0.8"), Method::Ratio, Some(&Unit::Percent)),
            "worse than the soglia: 80.00 % is below 85.00 % → 0"
        );
        assert_eq!(
            explain(at_least("0.9"), None, n("0.95"), Method::Ratio, Some(&Unit::Percent)),
            "achieved: 95.00 % meets >= 90.00 % → 100"
        );
        let day = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(
            explain(Target::Deadline(day("2025-08-22")), Some(Value::Date(day("2025-09-29"))), Value::Date(day("2025-08-26")), Method::Ratio, None),
            "deadline, in days from v 26/08/2025 and T 22/08/2025 to S 29/09/2025: 100 × (S − v) / (S − T) = 100 × 34 / 38 = 89.47"
        );
        assert_eq!(
            explain(Target::Boolean(true), None, Value::Bool(false), Method::Ratio, None),
            "missed, no partial credit: a yes/no target earns no partial credit → 0"
        );
        // The same rules in Italian, the default.
        let scoring = Scoring { method: Method::Ratio, cap: Decimal::ONE_HUNDRED };
        let (target, value) = (at_least("1.05"), n("0.84"));
        let scored = score(&target, None, &value, scoring, None).unwrap();
        assert_eq!(
            arithmetic(&scored.rule, &target, None, &value, Some(&Unit::Percent), Lang::Italian),
            "rapporto: 100 × v / T = 100 × 0,84 / 1,05 = 80,00"
        );
        let (target, value) = (Target::Boolean(true), Value::Bool(false));
        let scored = score(&target, None, &value, scoring, None).unwrap();
        assert_eq!(
            arithmetic(&scored.rule, &target, None, &value, None, Lang::Italian),
            "non raggiunto, senza credito parziale: un target SI/NO non dà credito parziale → 0"
        );
    }

    #[test]
    fn a_range_and_a_scale_written_out() {
        let n = |s| Value::Number(d(s));
        let range = Target::Range { low: d("0.8"), high: d("0.9") };
        assert_eq!(
            explain(range.clone(), None, n("0.72"), Method::Ratio, Some(&Unit::Percent)),
            "range between 80.00 % and 90.00 %: 72.00 % is below 80.00 %, so it is scored as >= 80.00 %: ratio: 100 × v / T = 100 × 0.72 / 0.8 = 90.00"
        );
        let scoring = Scoring::default();
        let scale = |t: &str| crate::scale::Scale::parse(t).unwrap().unwrap();
        let with_scale = |target: &Target, v: Value, sc: &str| {
            let scored = score(target, None, &v, scoring, Some(&scale(sc))).unwrap();
            arithmetic(&scored.rule, target, None, &v, Some(&Unit::Percent), Lang::English)
        };
        // g = 100 × 0,75 / 0,9 = 83,33…; 0 + (100 − 0) × (83,333333 − 70) / (90 − 70) = 66,67
        assert_eq!(
            with_scale(&at_least("0.9"), n("0.75"), "70%:0 90%:100"),
            "scale 70%:0 90%:100: degree of achievement 100 × v / T = 100 × 0.75 / 0.9 = 83.33 %, between 70 % → 0 and 90 % → 100: 0 + (100 − 0) × (83.333333 − 70) / (90 − 70) = 66.67"
        );
        assert_eq!(
            with_scale(&range, n("0.95"), "steps 60%:40 80%:75"),
            "range between 80.00 % and 90.00 %: 95.00 % is above 90.00 %, so it is scored as <= 90.00 %: scale steps 60%:40 80%:75: degree of achievement 100 × T / v = 100 × 0.9 / 0.95 = 94.74 %, the highest step reached is 80 % → 75: 75.00"
        );
        assert_eq!(
            with_scale(&at_least("0.9"), n("0.5"), "steps 60%:40 80%:75"),
            "scale steps 60%:40 80%:75: degree of achievement 100 × v / T = 100 × 0.5 / 0.9 = 55.56 %, below the first step 60 % → 40: 0"
        );
    }

    #[test]
    fn a_range_and_a_scale_in_italian() {
        let n = |s| Value::Number(d(s));
        let range = Target::Range { low: d("0.8"), high: d("0.9") };
        let scoring = Scoring::default();
        let scored = score(&range, None, &n("0.72"), scoring, None).unwrap();
        assert_eq!(
            arithmetic(&scored.rule, &range, None, &n("0.72"), Some(&Unit::Percent), Lang::Italian),
            "intervallo tra 80,00 % e 90,00 %: 72,00 % è sotto 80,00 %, quindi è valutato come >= 80,00 %: rapporto: 100 × v / T = 100 × 0,72 / 0,8 = 90,00"
        );
        // g = 100 × 0,75 / 0,9 = 83,33…; 0 + (100 − 0) × (83,333333 − 70) / (90 − 70) = 66,67
        let scale = crate::scale::Scale::parse("70%:0 90%:100").unwrap().unwrap();
        let target = at_least("0.9");
        let scored = score(&target, None, &n("0.75"), scoring, Some(&scale)).unwrap();
        assert_eq!(
            arithmetic(&scored.rule, &target, None, &n("0.75"), Some(&Unit::Percent), Lang::Italian),
            "scala 70%:0 90%:100: grado di raggiungimento 100 × v / T = 100 × 0,75 / 0,9 = 83,33 %, tra 70 % → 0 e 90 % → 100: 0 + (100 − 0) × (83,333333 − 70) / (90 − 70) = 66,67"
        );
    }

    #[test]
    fn over_achievement_under_a_cap() {
        let scoring = Scoring { method: Method::Ratio, cap: d("120") };
        let target = at_least("1");
        let value = Value::Number(d("1.1"));
        let scored = score(&target, None, &value, scoring, None).unwrap();
        assert_eq!(
            arithmetic(&scored.rule, &target, None, &value, None, Lang::English),
            "achieved, over-achievement counted up to the cap: min(120; 100 × 1.1 / 1) = 110.00"
        );
    }
}
