//! The arithmetic of a scoring rule (SPEC §6), written out so that the score
//! can be checked by hand: `ratio: 100 × v / T = 100 × 46 / 200 = 23,00`.

use rust_decimal::Decimal;

use super::figures::{figure, operand, two_places};
use crate::evaluate::score::{rule_score, Rule};
use crate::report::display;
use crate::scale::{placement_score, Placement, Point, Scale};
use crate::target::{Comparison, Direction, Target};
use crate::value::{format_italian_date, Value};

/// The rule with its figures; `score` is the indicator's score.
pub fn arithmetic(
    rule: &Rule,
    target: &Target,
    threshold: Option<&Value>,
    value: &Value,
    unit: Option<&str>,
) -> String {
    let v = || display::value(value, unit);
    let raised = |text: String| match rule_score(rule) {
        Some(raw) if raw < Decimal::ZERO => {
            format!("{text} = {}, raised to 0 (a score is never negative)", figure(raw))
        }
        Some(raw) => format!("{text} = {}", two_places(raw)),
        None => format!("{text}: too large to compute, so 0"),
    };
    match rule {
        Rule::Achieved => format!("achieved: {} meets {} → 100", v(), display::target(target, unit)),
        Rule::AchievedOver { direction, value, target, cap } => {
            let ratio = match direction {
                Direction::LowerIsBetter => format!("100 × {} / {}", operand(*target), operand(*value)),
                _ => format!("100 × {} / {}", operand(*value), operand(*target)),
            };
            let text = format!("achieved, over-achievement counted up to the cap: min({}; {ratio})", figure(*cap));
            raised(text)
        }
        Rule::AchievedAtCap { cap } => {
            format!("achieved with a value at or below 0 under --cap {}: the cap, {}", figure(*cap), two_places(*cap))
        }
        Rule::BeyondThreshold => {
            let s = threshold.map(|s| display::value(s, unit)).unwrap_or_default();
            let worse = match target.direction() {
                Direction::LowerIsBetter => "above",
                Direction::Deadline => "after",
                _ => "below",
            };
            format!("worse than the soglia: {} is {worse} {s} → 0", v())
        }
        Rule::Ratio { direction, value, target } => {
            let text = match direction {
                Direction::LowerIsBetter => {
                    format!("ratio (lower is better): 100 × T / v = 100 × {} / {}", operand(*target), operand(*value))
                }
                _ => format!("ratio: 100 × v / T = 100 × {} / {}", operand(*value), operand(*target)),
            };
            raised(text)
        }
        Rule::Linear { direction, value, target, threshold } => {
            let (v, t, s) = (operand(*value), operand(*target), operand(*threshold));
            let text = match direction {
                Direction::LowerIsBetter => {
                    format!("linear (lower is better): 100 × (S − v) / (S − T) = 100 × ({s} − {v}) / ({s} − {t})")
                }
                _ => format!("linear: 100 × (v − S) / (T − S) = 100 × ({v} − {s}) / ({t} − {s})"),
            };
            raised(text)
        }
        Rule::DeadlineDays { value, target, threshold } => {
            let covered = (*threshold - *value).num_days();
            let range = (*threshold - *target).num_days();
            raised(format!(
                "deadline, in days from v {} and T {} to S {}: 100 × (S − v) / (S − T) = 100 × {covered} / {range}",
                format_italian_date(*value),
                format_italian_date(*target),
                format_italian_date(*threshold)
            ))
        }
        Rule::NoCredit(reason) => format!("missed, no partial credit: {reason} → 0"),
        Rule::Range { below, bound, rule } => {
            let (side, comparison) =
                if *below { ("below", Comparison::AtLeast) } else { ("above", Comparison::AtMost) };
            let bound_target = Target::Number { comparison, value: *bound };
            let shown_bound = display::value(&Value::Number(*bound), unit);
            format!(
                "range {}: {} is {side} {shown_bound}, so it is scored as {}: {}",
                display::target(target, unit),
                v(),
                display::target(&bound_target, unit),
                arithmetic(rule, &bound_target, None, value, unit)
            )
        }
        Rule::Scaled { direction, value, target, scale } => scaled(*direction, *value, *target, scale),
    }
}

/// The degree of achievement and where it falls on the scale:
/// `scale 70%:0 90%:100: degree 100 × v / T = 100 × 0,85 / 0,9 = 94,44 %, at or above 90 % → 100`.
fn scaled(direction: Direction, value: Decimal, target: Decimal, scale: &Scale) -> String {
    let ratio = Rule::Ratio { direction, value, target };
    let formula = match direction {
        Direction::LowerIsBetter => format!("100 × T / v = 100 × {} / {}", operand(target), operand(value)),
        _ => format!("100 × v / T = 100 × {} / {}", operand(value), operand(target)),
    };
    let Some(g) = rule_score(&ratio) else {
        return format!("scale {scale}: degree {formula}: too large to compute, so 0");
    };
    let point = |p: Point| format!("{} % → {}", figure(p.degree), figure(p.score));
    let placement = scale.place(g);
    let score = placement_score(placement, g).map_or_else(|| "too large to compute, so 0".into(), two_places);
    let reading = match placement {
        Placement::AtOrBelowFirst(p) => format!("at or below the first point {}: {score}", point(p)),
        Placement::AtOrAboveLast(p) => format!("at or above the last point {}: {score}", point(p)),
        Placement::Between(a, b) => format!(
            "between {} and {}: {} + ({} − {}) × ({} − {}) / ({} − {}) = {score}",
            point(a),
            point(b),
            figure(a.score),
            figure(b.score),
            figure(a.score),
            figure(g.round_dp(6)),
            figure(a.degree),
            figure(b.degree),
            figure(a.degree)
        ),
        Placement::Step(p) => format!("the highest step reached is {}: {score}", point(p)),
        Placement::BelowFirstStep(p) => format!("below the first step {}: 0", point(p)),
    };
    format!("scale {scale}: degree of achievement {formula} = {} %, {reading}", two_places(g))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluate::score::{score, Method, Scoring};
    use chrono::NaiveDate;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn explain(target: Target, threshold: Option<Value>, value: Value, method: Method, unit: Option<&str>) -> String {
        let scoring = Scoring { method, cap: Decimal::ONE_HUNDRED };
        let scored = score(&target, threshold.as_ref(), &value, scoring, None).unwrap();
        arithmetic(&scored.rule, &target, threshold.as_ref(), &value, unit)
    }

    fn at_least(v: &str) -> Target {
        Target::Number { comparison: Comparison::AtLeast, value: d(v) }
    }

    #[test]
    fn each_rule_with_its_figures() {
        let n = |s| Value::Number(d(s));
        assert_eq!(
            explain(at_least("1.05"), None, n("0.84"), Method::Ratio, Some("%")),
            "ratio: 100 × v / T = 100 × 0,84 / 1,05 = 80,00"
        );
        assert_eq!(
            explain(at_least("164"), Some(n("20")), n("42"), Method::Linear, Some("N.")),
            "linear: 100 × (v − S) / (T − S) = 100 × (42 − 20) / (164 − 20) = 15,28"
        );
        assert_eq!(
            explain(at_least("-0.05"), Some(n("-0.15")), n("-0.10"), Method::Ratio, Some("%")),
            "linear: 100 × (v − S) / (T − S) = 100 × ((-0,1) − (-0,15)) / ((-0,05) − (-0,15)) = 50,00"
        );
        assert_eq!(
            explain(
                Target::Number { comparison: Comparison::AtMost, value: d("2") },
                None,
                n("2.5"),
                Method::Ratio,
                Some("gg")
            ),
            "ratio (lower is better): 100 × T / v = 100 × 2 / 2,5 = 80,00"
        );
        assert_eq!(
            explain(at_least("0.9"), Some(n("0.85")), n("0.8"), Method::Ratio, Some("%")),
            "worse than the soglia: 80,00 % is below 85,00 % → 0"
        );
        assert_eq!(
            explain(at_least("0.9"), None, n("0.95"), Method::Ratio, Some("%")),
            "achieved: 95,00 % meets >= 90,00 % → 100"
        );
        let day = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(
            explain(Target::Deadline(day("2025-08-22")), Some(Value::Date(day("2025-09-29"))), Value::Date(day("2025-08-26")), Method::Ratio, None),
            "deadline, in days from v 26-08-2025 and T 22-08-2025 to S 29-09-2025: 100 × (S − v) / (S − T) = 100 × 34 / 38 = 89,47"
        );
        assert_eq!(
            explain(Target::Boolean(true), None, Value::Bool(false), Method::Ratio, None),
            "missed, no partial credit: a yes/no target earns no partial credit → 0"
        );
    }

    #[test]
    fn a_range_and_a_scale_written_out() {
        let n = |s| Value::Number(d(s));
        let range = Target::Range { low: d("0.8"), high: d("0.9") };
        assert_eq!(
            explain(range.clone(), None, n("0.72"), Method::Ratio, Some("%")),
            "range tra 80,00 % e 90,00 %: 72,00 % is below 80,00 %, so it is scored as >= 80,00 %: ratio: 100 × v / T = 100 × 0,72 / 0,8 = 90,00"
        );
        let scoring = Scoring::default();
        let scale = |t: &str| crate::scale::Scale::parse(t).unwrap().unwrap();
        let with_scale = |target: &Target, v: Value, sc: &str| {
            let scored = score(target, None, &v, scoring, Some(&scale(sc))).unwrap();
            arithmetic(&scored.rule, target, None, &v, Some("%"))
        };
        // g = 100 × 0,75 / 0,9 = 83,33…; 0 + (100 − 0) × (83,333333 − 70) / (90 − 70) = 66,67
        assert_eq!(
            with_scale(&at_least("0.9"), n("0.75"), "70%:0 90%:100"),
            "scale 70%:0 90%:100: degree of achievement 100 × v / T = 100 × 0,75 / 0,9 = 83,33 %, between 70 % → 0 and 90 % → 100: 0 + (100 − 0) × (83,333333 − 70) / (90 − 70) = 66,67"
        );
        assert_eq!(
            with_scale(&range, n("0.95"), "steps 60%:40 80%:75"),
            "range tra 80,00 % e 90,00 %: 95,00 % is above 90,00 %, so it is scored as <= 90,00 %: scale steps 60%:40 80%:75: degree of achievement 100 × T / v = 100 × 0,9 / 0,95 = 94,74 %, the highest step reached is 80 % → 75: 75,00"
        );
        assert_eq!(
            with_scale(&at_least("0.9"), n("0.5"), "steps 60%:40 80%:75"),
            "scale steps 60%:40 80%:75: degree of achievement 100 × v / T = 100 × 0,5 / 0,9 = 55,56 %, below the first step 60 % → 40: 0"
        );
    }

    #[test]
    fn over_achievement_under_a_cap() {
        let scoring = Scoring { method: Method::Ratio, cap: d("120") };
        let target = at_least("1");
        let value = Value::Number(d("1.1"));
        let scored = score(&target, None, &value, scoring, None).unwrap();
        assert_eq!(
            arithmetic(&scored.rule, &target, None, &value, None),
            "achieved, over-achievement counted up to the cap: min(120; 100 × 1,1 / 1) = 110,00"
        );
    }
}
